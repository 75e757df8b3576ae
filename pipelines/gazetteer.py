"""Canonical entities from the data files in pipelines/data (see SOURCES.md there).

The Gazetteer answers two questions: which canonical entity a surface form names, and what
the graph knows about an entity (aliases, country, offices, parties). It also yields the
entity-ruler patterns that let spaCy tag these names before its own NER runs.
"""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from graph_schema import Label
from pipelines.statements import Entity
from stores.base import name_key

DATA_DIR = Path(__file__).parent / "data"
PLACE_ID = "place"  # ruler id of the places named after a country (never an entity)


@dataclass(frozen=True)
class Office:
    role: str
    country: str | None  # country id, e.g. "country:RUS"
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class RoleNoun:
    phrase: str
    role: str
    kind: str  # "person" or "institution"


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # name_key(alias) -> entity id
    demonyms: dict[str, str] = field(default_factory=dict)  # name_key(demonym) -> country id
    demonym_of: dict[str, str] = field(default_factory=dict)  # country id -> its adjective
    offices: dict[str, list[Office]] = field(default_factory=dict)  # person id -> offices
    # person id -> the international bodies they have held office in (NATO, the EU, the UN)
    bodies: dict[str, frozenset[str]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # person id -> male/female
    roles: dict[str, RoleNoun] = field(default_factory=dict)  # lower-case phrase -> role
    outlets: set[str] = field(default_factory=set)  # name keys of news outlets and agencies
    # every agency name, the short ones too ("AP"), which only "AP reported" tells apart
    agencies: set[str] = field(default_factory=set)
    # Places named after a country ("the South China Sea"): no mention of the country.
    places: tuple[str, ...] = ()
    surnames: dict[str, list[str]] = field(default_factory=dict)  # name_key(surname) -> persons
    capitals: set[str] = field(default_factory=set)  # name keys of capital cities
    # Surface forms for the entity ruler: (label, text, entity id).
    surface_forms: list[tuple[Label, str, str]] = field(default_factory=list)

    def lookup(self, text: str) -> Entity | None:
        """The entity a surface form names, if the gazetteer knows it."""
        entity_id = self.by_key.get(_key(_strip_article(text)))
        return self.entities.get(entity_id) if entity_id else None

    def person_by_surname(self, text: str) -> Entity | None:
        """The one person of the gazetteer with this surname ("Zakharova"); of several, the
        one whose office has not ended ("Kallas": Kaja, not Siim); None if still several."""
        ids = self.surnames.get(_key(text), [])
        if len(ids) > 1:
            ids = [i for i in ids if any(o.end is None for o in self.offices.get(i, []))]
        return self.entities[ids[0]] if len(ids) == 1 else None

    def persons_spelled_like(self, surname: str) -> list[Entity]:
        """Persons whose surname starts with the same three letters, for a spelling of it the
        gazetteer does not have ("Pashinian" for Pashinyan)."""
        keys = self._surnames_by_start.get(_key(surname)[:3], [])
        return [self.entities[i] for key in keys for i in self.surnames[key]]

    @cached_property
    def _surnames_by_start(self) -> dict[str, list[str]]:
        """Surname keys by their first three letters, built the first time one is asked."""
        by_start: dict[str, list[str]] = {}
        for key in self.surnames:
            by_start.setdefault(key[:3], []).append(key)
        return by_start

    def is_outlet(self, text: str) -> bool:
        """News outlets carry statements; they are never speakers or persons."""
        return _key(_strip_article(text)) in self.outlets

    def treaties_named(self, word: str) -> list[Entity]:
        """Treaties whose canonical name has this word ("accession"), in a stable order."""
        treaties = (e for e in self.entities.values() if e.type == Label.TREATY)
        return sorted((e for e in treaties if word.lower() in e.name.lower()), key=lambda e: e.id)

    def is_agency(self, text: str) -> bool:
        """A news agency's name, however short ("AP", "AFP")."""
        return _key(_strip_article(text)) in self.agencies

    def is_capital(self, text: str) -> bool:
        """A capital city's name ("Vienna"), which names its country only as an actor."""
        return _key(_strip_article(text)) in self.capitals

    def country_of_demonym(self, text: str) -> Entity | None:
        country_id = self.demonyms.get(_key(text))
        return self.entities.get(country_id) if country_id else None

    def office_on(self, person_id: str, day: dt.date | None) -> Office | None:
        """The office a person held on a day (their latest one when the day is unknown)."""
        offices = self.offices.get(person_id, [])
        if day is not None:
            held = [o for o in offices if o.held_on(day)]
            if held:
                return max(held, key=lambda o: o.start or dt.date.min)
            return None
        return max(offices, key=lambda o: o.start or dt.date.min, default=None)

    def _add(self, entity: Entity, forms: list[str], *, ruler: bool = True) -> None:
        self.entities[entity.id] = entity
        for form in forms:
            key = name_key(_strip_article(form))
            if not key:
                continue
            # First writer wins: curated files are read before derived ones.
            self.by_key.setdefault(key, entity.id)
            if ruler:
                self.surface_forms.append((entity.type, form, entity.id))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    # The same few names are looked up again and again, several times per mention.
    return name_key(text)


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _read_jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _with_article_variants(forms: list[str]) -> list[str]:
    out: list[str] = []
    for form in forms:
        out.append(form)
        if form.lower().startswith("the "):
            out.append(form[4:])
    return out


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Reads every gazetteer file of data_dir (missing files are simply empty)."""
    gaz = Gazetteer()
    for row in _read_jsonl(data_dir / "countries.jsonl"):
        names = [row["name"], *row.get("aliases", [])]
        capitals = row.get("capitals", [])
        metonyms = row.get("metonyms", [])
        groups = row.get("groups", [])
        entity = Entity(
            id=row["id"],
            name=row["name"],
            type=Label.COUNTRY,
            aliases=tuple(dict.fromkeys(names[1:] + capitals + metonyms + groups)),
        )
        gaz._add(entity, _with_article_variants(names + capitals + metonyms + groups))
        gaz.capitals.update(name_key(c) for c in capitals)
        for demonym in row.get("demonyms", []):
            gaz.demonyms.setdefault(name_key(demonym), entity.id)
            gaz.demonym_of.setdefault(entity.id, demonym)
    for row in _read_jsonl(data_dir / "organizations.jsonl"):
        label = Label.ALLIANCE if row.get("type") == "Alliance" else Label.ORGANIZATION
        country = row.get("country")
        entity = Entity(
            id=row["id"],
            name=row["name"],
            type=label,
            aliases=tuple(row.get("aliases", [])),
            country=_country_id(country),
            parties=tuple(f"country:{m}" for m in row.get("members", [])),
            wikidata=row.get("wikidata"),
        )
        gaz._add(entity, _with_article_variants([row["name"], *row.get("aliases", [])]))
    for row in _read_jsonl(data_dir / "treaties.jsonl"):
        entity = Entity(
            id=row["id"],
            name=row["name"],
            type=Label.TREATY,
            aliases=tuple(row.get("aliases", [])),
            year=row.get("year"),
            parties=tuple(_party_id(p) for p in row.get("parties", [])),
            wikidata=row.get("wikidata"),
        )
        gaz._add(entity, _with_article_variants([row["name"], *row.get("aliases", [])]))
    for row in _read_jsonl(data_dir / "people.jsonl"):
        offices = [
            Office(
                role=o["role"],
                country=_country_id(o.get("country")),
                start=_date(o.get("start")),
                end=_date(o.get("end")),
            )
            for o in row.get("offices", [])
        ]
        latest = max(offices, key=lambda o: o.start or dt.date.min, default=None)
        entity = Entity(
            id=row["id"],
            name=row["name"],
            type=Label.PERSON,
            aliases=tuple(row.get("aliases", [])),
            country=latest.country if latest else None,
            role=latest.role if latest else None,
            wikidata=row.get("wikidata"),
        )
        gaz._add(entity, [row["name"], *row.get("aliases", [])])
        gaz.offices[entity.id] = offices
        if bodies := frozenset(o["org"] for o in row.get("offices", []) if o.get("org")):
            gaz.bodies[entity.id] = bodies
        # Surnames of the name and its multi-word aliases: "Erdogan" as well as "Erdoğan".
        full_names = [n for n in (row["name"], *row.get("aliases", [])) if len(n.split()) > 1]
        for surname in {name_key(n.split()[-1]) for n in full_names}:
            gaz.surnames.setdefault(surname, []).append(entity.id)
        if row.get("gender"):
            gaz.genders[entity.id] = row["gender"]
    for row in _read_jsonl(data_dir / "roles.jsonl"):
        role = RoleNoun(phrase=row["phrase"].lower(), role=row["role"], kind=row["kind"])
        gaz.roles.setdefault(role.phrase, role)
    outlets_file = data_dir / "outlets.json"
    if outlets_file.exists():
        outlets = json.loads(outlets_file.read_text(encoding="utf-8"))
        agencies = outlets.get("agencies", {})
        gaz.agencies = {name_key(n) for pair in agencies.items() for n in pair}
        gaz.outlets = {name_key(n) for pair in agencies.items() for n in pair if len(n) > 2}
        gaz.outlets |= {name_key(n) for n in outlets.get("platforms", [])}  # "wrote on Twitter"
    places_file = data_dir / "places.json"
    if places_file.exists():
        gaz.places = tuple(json.loads(places_file.read_text(encoding="utf-8"))["places"])
    return gaz


def _country_id(code: str | None) -> str | None:
    if not code:
        return None
    return code if code.startswith("country:") else f"country:{code}"


def _party_id(code: str) -> str:
    return code if ":" in code else f"country:{code}"


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return load_gazetteer()
