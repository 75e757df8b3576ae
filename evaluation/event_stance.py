"""Stance between actors on the PLOVER and PETRARCH-2 gold sentences.

Each gold sentence goes through `document_from_text(text)` and one batched `extract`.
Both sides become sets of (source actor, stance, target actor) triples per sentence, with
actors at the country / organisation level, and are compared exactly:

Gold triples
    Events whose `stance` is "criticize" or "support" (the data README's mapping of CAMEO
    roots 11 and 05, PLOVER DISAPPROVE and SUPPORT); stances become ours ("criticizes",
    "supports"). PLOVER: every source x every target of the event; a `reciprocal` event
    ("A and B signed ...") gives every ordered pair of distinct participants. PETRARCH-2:
    one triple per expected event (source_code, target_code).

Actor codes -> actor keys (`ActorCodes.gold_key`)
    * A country code: its first three letters, read as ISO 3166 alpha-3 ("USAGOV" -> USA,
      "PSEGZA" -> PSE). The few old CAMEO country codes the files use are translated
      (`CAMEO_COUNTRY_FIXES`: JAP -> JPN, ITL -> ITA, VTN -> VNM).
    * An organisation code (IGO..., NGO..., IMG..., MNC...): the code with its trailing
      sector codes removed ("IGOUNOMIL", UN peacekeepers -> IGOUNO; "IGOEUREEC" stays). The
      sector codes are the three-letter agent codes of agents_phoenix.tsv (GOV, MIL, BUS ...).
    * A bare "IGO" / "NGO" (PLOVER codes organisations without saying which): the actor's
      text looked up in the organisation table below ("Arab League Secretary-General
      Chedli Klibi" -> IGOMEAARL, "U.N. war crimes court" -> IGOUNO).
    * What cannot be placed ("---" unknown country, an organisation the table lacks, an
      actor without a code) gets an unresolved key starting with "?". Triples with an
      unresolved key still count (as gold to find, or as predictions), but never match.

The organisation table
    Built from gazetteers/international_actors_phoenix.jsonl: every name and alias of an
    entry with a specific IGO/NGO/IMG/MNC code maps to that code (its first such code;
    entries without date restrictions win conflicts). Names are compared as lower-case
    word sequences without dots, apostrophes or a leading "the" ("U.N." = "UN"). A name
    matches a table phrase when equal to it; failing that, the longest table phrase found
    as a run of words inside the name counts (a one-word phrase only on a capitalised word,
    so "un" in running text is not the UN).

Our predictions -> actor keys (`predicted_key`)
    * Country: the ISO3 of its id ("country:RUS" -> RUS).
    * Person: the statement's `speaks_for` (for speakers), else the person's
      `Entity.country`, else the organisation table on their exact name or an alias
      (office holders such as Kofi Annan are in it), else unresolved.
    * Organization / Alliance: the organisation table on its name and aliases (exact
      match), else its `Entity.country` (a foreign ministry speaks for its country), else
      the table's run-of-words match, else unresolved.
    * Treaty targets are not actors: those relations are left out.

Scoring
    Per sentence, the predicted and gold triple sets are intersected; matches need both
    keys resolved. Micro P/R/F1 over all sentences of both files (and per file): sentences
    without a stance event have no gold triples, so anything predicted there is a false
    positive. A sentence whose text is not accepted as a Document has no predictions.
"""

import csv
import json
import re
from collections import ChainMap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.language import Language

from evaluation.metrics import PRF
from graph_schema import Label, Stance
from pipelines.documents import DocumentError, document_from_text
from pipelines.extract import extract
from pipelines.gazetteer import default_gazetteer
from pipelines.statements import Entity, EntityRef, Extraction

PLOVER = Path("event-coding") / "plover_gsr_cameo_examples.jsonl"
PETRARCH2 = Path("event-coding") / "petrarch2_gsr_validation.jsonl"
PHOENIX_ACTORS = Path("gazetteers") / "international_actors_phoenix.jsonl"
PHOENIX_AGENTS = Path("gazetteers") / "agents_phoenix.tsv"

GOLD_STANCES = {"criticize": Stance.CRITICIZES.value, "support": Stance.SUPPORTS.value}
ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
# Old or mistyped CAMEO country codes found in the gold files, with their ISO alpha-3.
CAMEO_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
UNRESOLVED = "?"


@dataclass(frozen=True, order=True)
class Triple:
    """A stance from one actor to another, both as actor keys (ISO3 or organisation code)."""

    source: str
    stance: str
    target: str

    @property
    def resolved(self) -> bool:
        return not (self.source.startswith(UNRESOLVED) or self.target.startswith(UNRESOLVED))

    def __str__(self) -> str:
        return f"{self.source} {self.stance} {self.target}"


def _raw_words(text: str) -> list[str]:
    """The words of a name as written, without dots, apostrophes or a leading "the"."""
    words = re.findall(r"[^\W_]+", re.sub(r"[.'’]", "", text))
    return words[1:] if words[:1] and words[0].casefold() == "the" else words


def phrase_words(text: str) -> tuple[str, ...]:
    """A name as lower-case words, without dots, apostrophes or a leading "the"."""
    return tuple(w.casefold() for w in _raw_words(text))


@dataclass
class ActorCodes:
    """Turns CAMEO codes and our entities into comparable actor keys."""

    organizations: dict[tuple[str, ...], str] = field(default_factory=dict)  # words -> code
    sectors: frozenset[str] = frozenset()  # three-letter agent codes (GOV, MIL, ...)

    def org_level(self, code: str) -> str:
        """An organisation code without its trailing sector codes (IGOUNOMIL -> IGOUNO)."""
        code = code.upper()
        while len(code) > 6 and code[-3:] in self.sectors:
            code = code[:-3]
        return code

    def country_level(self, code: str) -> str:
        """The ISO alpha-3 of a CAMEO country code (USAGOV -> USA, JAP -> JPN)."""
        prefix = code[:3].upper()
        return CAMEO_COUNTRY_FIXES.get(prefix, prefix)

    def organization(self, names: Iterable[str], *, partial: bool = True) -> str | None:
        """The organisation code of the first name that matches the table, if any.

        Exact matches of any name come first; with `partial`, then the longest table phrase
        found inside a name (one-word phrases only on a capitalised word).
        """
        names = [n for n in names if n and n.strip()]
        for name in names:
            code = self.organizations.get(phrase_words(name))
            if code:
                return self.org_level(code)
        if not partial:
            return None
        for name in names:
            code = self._inside(name)
            if code:
                return self.org_level(code)
        return None

    def _inside(self, name: str) -> str | None:
        raw = _raw_words(name)
        words = tuple(w.casefold() for w in raw)
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                run = words[start : start + size]
                if size == 1 and not raw[start][:1].isupper():
                    continue
                code = self.organizations.get(run)
                if code:
                    return code
        return None

    def gold_key(self, code: str | None, text: str | None = None) -> str:
        """The actor key of a gold CAMEO code (and the actor's words, for bare IGO/NGO)."""
        code = (code or "").strip().upper()
        if not code:
            return f"{UNRESOLVED}no code:{text or ''}"
        if code.startswith("---"):
            return f"{UNRESOLVED}{code}"
        if code[:3] in ORG_PREFIXES:
            if len(code) > 3:
                return self.org_level(code)
            found = self.organization([text or ""])
            return found or f"{UNRESOLVED}{code}:{text or ''}"
        return self.country_level(code)


def load_actor_codes(data_dir: Path) -> ActorCodes:
    """The organisation table and sector codes from the Phoenix dictionaries in data_dir."""
    records = [
        json.loads(line)
        for line in (data_dir / PHOENIX_ACTORS).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    organizations: dict[tuple[str, ...], str] = {}
    # Entries without date restrictions (the organisations themselves) win conflicts over
    # office holders; sorted() is stable, so file order decides the rest.
    for record in sorted(records, key=lambda r: bool(r.get("has_date_restrictions"))):
        codes = [
            c["code"]
            for c in record.get("codes", [])
            if c.get("code", "")[:3] in ORG_PREFIXES and len(c["code"]) > 3
        ]
        if not codes:
            continue
        for phrase in (record["name"], *record.get("aliases", [])):
            words = phrase_words(phrase)
            if words:
                organizations.setdefault(words, codes[0])
    sectors: set[str] = set()
    with (data_dir / PHOENIX_AGENTS).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            code = (row.get("agent_code") or "").strip().upper()
            sectors.update(code[i : i + 3] for i in range(0, len(code) - 2, 3))
    return ActorCodes(organizations=organizations, sectors=frozenset(sectors - set(ORG_PREFIXES)))


# ---------------------------------------------------------------------------------------
# Gold triples
# ---------------------------------------------------------------------------------------


def plover_triples(record: Mapping, codes: ActorCodes) -> set[Triple]:
    """Gold triples of one PLOVER record (see the module docstring)."""
    out: set[Triple] = set()
    for event in record.get("events", []):
        stance = GOLD_STANCES.get(event.get("stance") or "")
        if stance is None:
            continue
        sources = [codes.gold_key(a.get("code"), a.get("text")) for a in event.get("source", [])]
        targets = [codes.gold_key(a.get("code"), a.get("text")) for a in event.get("target", [])]
        if event.get("reciprocal"):
            actors = sources + targets
            out.update(
                Triple(a, stance, b)
                for i, a in enumerate(actors)
                for j, b in enumerate(actors)
                if i != j
            )
        else:
            out.update(Triple(a, stance, b) for a in sources for b in targets)
    return out


def petrarch_triples(record: Mapping, codes: ActorCodes) -> set[Triple]:
    """Gold triples of one PETRARCH-2 validation record."""
    return {
        Triple(codes.gold_key(e.get("source_code")), stance, codes.gold_key(e.get("target_code")))
        for e in record.get("expected_events", [])
        if (stance := GOLD_STANCES.get(e.get("stance") or "")) is not None
    }


# ---------------------------------------------------------------------------------------
# Predicted triples
# ---------------------------------------------------------------------------------------


def country_key(entity_id: str) -> str:
    """ISO3 of a country id ("country:RUS" -> RUS); unresolved for another id form."""
    prefix, _, code = entity_id.partition(":")
    if prefix == "country" and re.fullmatch(r"[A-Za-z]{3}", code):
        return code.upper()
    return f"{UNRESOLVED}{entity_id}"


def predicted_key(
    ref: EntityRef,
    entities: Mapping[str, Entity],
    codes: ActorCodes,
    *,
    speaks_for: EntityRef | None = None,
) -> str | None:
    """The actor key of a speaker or target; None for a treaty (not an actor)."""
    entity = entities.get(ref.id)
    names = [ref.name, *(entity.aliases if entity else ())]
    country = entity.country if entity else None
    if ref.type == Label.TREATY:
        return None
    if ref.type == Label.COUNTRY:
        return country_key(ref.id)
    if ref.type == Label.PERSON:
        if speaks_for is not None and speaks_for.id != ref.id:
            key = predicted_key(speaks_for, entities, codes)
            if key and not key.startswith(UNRESOLVED):
                return key
        if country:
            return country_key(country)
        # Exact names only: a one-word table phrase inside a person's name ("Amit") is
        # a coincidence, not an affiliation.
        return codes.organization(names, partial=False) or f"{UNRESOLVED}{ref.id}"
    # Organization, Alliance
    return (
        codes.organization(names, partial=False)
        or (country_key(country) if country else None)
        or codes.organization(names)
        or f"{UNRESOLVED}{ref.id}"
    )


def predicted_triples(extraction: Extraction, codes: ActorCodes) -> set[Triple]:
    """The stance triples of one extraction, at the country / organisation level."""
    entities = ChainMap({e.id: e for e in extraction.entities}, default_gazetteer().entities)
    out: set[Triple] = set()
    for statement in extraction.statements:
        source = predicted_key(statement.speaker, entities, codes, speaks_for=statement.speaks_for)
        if source is None:
            continue
        for relation in statement.relations:
            target = predicted_key(relation.target, entities, codes)
            if target is not None:
                out.add(Triple(source, Stance(relation.stance).value, target))
    return out


# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------


def score_triples(gold: set[Triple], predicted: set[Triple]) -> PRF:
    """One sentence: matches are triples in both sets with both actors resolved."""
    matched = sum(1 for t in gold & predicted if t.resolved)
    return PRF(
        predicted=len(predicted), gold=len(gold), matched_predicted=matched, matched_gold=matched
    )


class SentenceTriples(BaseModel):
    """Gold and predicted triples of one sentence (kept where they differ)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    gold: list[str]
    predicted: list[str]


class StanceDatasetScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset: str
    sentences: int
    sentences_with_gold_stance: int
    gold_triples: int
    gold_unresolved: int  # gold triples with an actor that cannot be placed: never matched
    predicted_triples: int
    predicted_unresolved: int  # predicted triples with an actor we could not place
    unreadable: list[str]  # sentence ids document_from_text rejected (no predictions)
    score: PRF
    differences: list[SentenceTriples]


class EventStanceScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    datasets: list[StanceDatasetScore]
    score: PRF  # micro over every sentence of every dataset


def score_dataset(
    name: str,
    records: Sequence[Mapping],
    gold: Sequence[set[Triple]],
    predicted: Sequence[set[Triple] | None],
) -> StanceDatasetScore:
    """Micro P/R/F1 over the sentences of one file; None predictions mean unreadable."""
    total = PRF()
    differences = []
    for record, g, p in zip(records, gold, predicted, strict=True):
        total += score_triples(g, p or set())
        if g != (p or set()):
            differences.append(
                SentenceTriples(
                    id=record["id"],
                    text=record["text"],
                    gold=[str(t) for t in sorted(g)],
                    predicted=[str(t) for t in sorted(p or set())],
                )
            )
    return StanceDatasetScore(
        dataset=name,
        sentences=len(records),
        sentences_with_gold_stance=sum(1 for g in gold if g),
        gold_triples=sum(len(g) for g in gold),
        gold_unresolved=sum(1 for g in gold for t in g if not t.resolved),
        predicted_triples=sum(len(p or ()) for p in predicted),
        predicted_unresolved=sum(1 for p in predicted for t in p or () if not t.resolved),
        unreadable=[r["id"] for r, p in zip(records, predicted, strict=True) if p is None],
        score=total,
        differences=differences,
    )


def predict(
    nlp: Language, records: Sequence[Mapping], codes: ActorCodes
) -> list[set[Triple] | None]:
    """Predicted triples per record (None where the text is not accepted as a Document)."""
    documents, positions = [], []
    for i, record in enumerate(records):
        try:
            documents.append(document_from_text(record["text"]))
            positions.append(i)
        except DocumentError:
            pass
    out: list[set[Triple] | None] = [None] * len(records)
    for i, extraction in zip(positions, extract(nlp, documents), strict=True):
        out[i] = predicted_triples(extraction, codes)
    return out


def _read_jsonl(path: Path, limit: int | None) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines[:limit]]


def evaluate_event_stance(
    nlp: Language, data_dir: Path, *, limit: int | None = None
) -> EventStanceScore:
    """Stance triples on the PLOVER and PETRARCH-2 gold sentences (limit: per file)."""
    codes = load_actor_codes(data_dir)
    plover = _read_jsonl(data_dir / PLOVER, limit)
    petrarch = _read_jsonl(data_dir / PETRARCH2, limit)
    predicted = predict(nlp, [*plover, *petrarch], codes)  # one batched pass for both
    datasets = [
        score_dataset(
            "PLOVER",
            plover,
            [plover_triples(r, codes) for r in plover],
            predicted[: len(plover)],
        ),
        score_dataset(
            "PETRARCH2",
            petrarch,
            [petrarch_triples(r, codes) for r in petrarch],
            predicted[len(plover) :],
        ),
    ]
    total = PRF()
    for dataset in datasets:
        total += dataset.score
    return EventStanceScore(datasets=datasets, score=total)
