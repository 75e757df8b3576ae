"""Build the gazetteer files of pipelines/data from open data and curated lists.

Run from the repository root:

    .venv/bin/python scripts/build_gazetteers.py

Inputs (see pipelines/data/SOURCES.md for sources and licences):
  ../shared/data/gazetteers/      CountryInfo, Phoenix and HUGGO extracts (relative to the repo)
  pycountry                       ISO 3166 codes and names
  pipelines/data/curated/*.yaml   hand-curated names, aliases, offices and roles

Outputs: pipelines/data/{countries,organizations,treaties,people,roles}.jsonl, one JSON
object per line, sorted by id (roles by phrase). The build is deterministic: the same inputs
give byte-identical files. It prints counts and a quality report (alias collisions and how
they were resolved, empty names, invalid dates, dangling references) and exits non-zero when
a check fails.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pycountry
import yaml

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "gazetteers"
DATA = REPO / "pipelines" / "data"
CURATED = DATA / "curated"

Row = dict[str, Any]

# --------------------------------------------------------------------------- text helpers

SMALL_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "to",
    "at",
    "by",
    "with",
    "es",
    "la",
    "de",
    "du",
    "des",
    "da",
    "di",
    "au",
    "or",
    "a",
    "an",
    "between",
    "from",
    "upon",
    "under",
    "into",
    "concerning",
    "relating",
    "regarding",
    "against",
    "among",
    "within",
    "its",
    "their",
    "as",
    "all",
    "over",
    "amending",
    "establishing",
}


def fold(text: str) -> str:
    """Strip diacritics ("Élysée" -> "Elysee"); other characters are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm_key(text: str) -> str:
    """The matching key of a surface form: case, diacritics, punctuation and a leading
    "the" are ignored ("the U.S." == "US"), hyphens count as spaces."""
    text = fold(text).casefold().replace("’", "'")
    text = re.sub(r"[-‐–—/]", " ", text)
    text = re.sub(r"[.,'\"()\[\]:;!?]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def org_key(text: str) -> str:
    """norm_key with British/American spelling variants of organisation names merged."""
    key = norm_key(text)
    key = key.replace("organisation", "organization").replace("co operation", "cooperation")
    return (
        key.replace("labour", "labor").replace("programme", "program").replace("defence", "defense")
    )


def slug(text: str) -> str:
    """Lower-case ASCII slug for ids ("Sergey Lavrov" -> "sergey-lavrov")."""
    text = fold(text).lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def recase(upper: str, acronyms: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """Re-case an upper-case source phrase ("PORT OF SPAIN" -> "Port of Spain").

    Tokens in `acronyms` or dotted initials (U.N., D.C.) stay upper case; small words are lower case
    except at the start; after an apostrophe the next letter is capitalised only when a
    single letter or nothing precedes it ("N'Djamena", "'Isa", but "St. John's", "Sana'a").
    """

    def word(token: str, first: bool) -> str:
        if token.upper() in acronyms or re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):
            return token.upper()
        low = token.lower()
        if not first and low in SMALL_WORDS:
            return low
        parts = low.split("'")
        out = parts[0][:1].upper() + parts[0][1:]
        for before, part in zip(parts, parts[1:], strict=False):
            out += "'" + (part[:1].upper() + part[1:] if len(before) <= 1 else part)
        return out

    pieces = re.split(r"(\s+|-)", upper.strip())
    result, first = [], True
    for piece in pieces:
        if not piece or piece.isspace() or piece == "-":
            result.append(piece)
            continue
        result.append(word(piece, first))
        first = False
    return "".join(result)


def title_to_news_case(title: str) -> str:
    """HUGGO titles are in Title Case; lower-case the function words after the first."""
    words = title.split(" ")
    return " ".join(
        w if i == 0 or w.lower() not in SMALL_WORDS else w.lower() for i, w in enumerate(words)
    )


def uniq(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Distinct non-empty strings in first-seen order, skipping any whose key is excluded."""
    seen = {str(x).casefold() for x in exclude}
    out = []
    for item in items:
        item = re.sub(r"\s+", " ", str(item)).strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def with_folded(items: Iterable[str]) -> list[str]:
    """Each string followed by its diacritic-free form when that differs."""
    out = []
    for item in items:
        out.append(item)
        if fold(item) != item:
            out.append(fold(item))
    return out


# --------------------------------------------------------------------------- dates


def source_date(raw: str | None) -> tuple[str | None, bool]:
    """CountryInfo YYYYMMDD -> (YYYY-MM-DD, adjusted); impossible days are clamped to the
    month's last day (the source writes end-of-month approximations such as 20030931)."""
    if not raw:
        return None, False
    if not re.fullmatch(r"\d{8}", raw):
        return None, True
    year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    if not 1 <= month <= 12:
        return f"{year:04d}-01-01", True
    last = calendar.monthrange(year, month)[1]
    if day < 1 or day > last:
        return f"{year:04d}-{month:02d}-{min(max(day, 1), last):02d}", True
    return f"{year:04d}-{month:02d}-{day:02d}", False


def curated_date(value: Any) -> tuple[str | None, bool, bool]:
    """Curated date -> (YYYY-MM-DD or None, approximate, end_unknown)."""
    if value is None:
        return None, False, False
    if isinstance(value, dt.date):
        return value.isoformat(), False, False
    text = str(value).strip()
    if text == "unk":
        return None, False, True
    if m := re.fullmatch(r"~(\d{4})", text):
        return f"{m.group(1)}-01-01", True, False
    dt.date.fromisoformat(text)  # raises on a malformed curated date
    return text, False, False


def valid_date(text: str | None) -> bool:
    if text is None:
        return True
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


# --------------------------------------------------------------------------- I/O


def read_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_yaml(name: str) -> Any:
    with (CURATED / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def write_jsonl(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- reporting


class Report:
    """Collects counts, collision resolutions and failures; printed at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.failures: list[str] = []

    def say(self, text: str) -> None:
        self.lines.append(text)

    def fail(self, text: str) -> None:
        self.failures.append(text)
        self.lines.append("FAIL " + text)


FORM_FIELDS = ("name", "official_name", "aliases", "capitals", "demonyms", "metonyms", "groups")


def surface_forms(row: Row) -> list[tuple[str, str]]:
    """(field, form) pairs of every name-like field of a row."""
    pairs = []
    for field in FORM_FIELDS:
        value = row.get(field)
        if isinstance(value, str):
            pairs.append((field, value))
        elif isinstance(value, list):
            pairs.extend((field, v) for v in value)
    return pairs


def resolve_collisions(
    rows: list[Row],
    label: str,
    report: Report,
    key: Callable[[str], str],
    dominant: Callable[[list[Row], str], Row | None] | None = None,
    keep_shared_names: bool = False,
    show: int = 25,
) -> None:
    """Make every surface form map to one id within a file.

    A form shared by several entries stays with the entry whose `name` it is (when exactly
    one), else with the entry `dominant` picks, else it is removed from all of them.
    Names are never removed: two entries with the same name are reported (homonyms) and,
    unless `keep_shared_names`, fail the check.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        for _, form in surface_forms(row):
            owners[key(form)].add(row["id"])
    resolved: list[str] = []
    homonyms: list[str] = []
    for form_key, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        group = [by_id[i] for i in sorted(ids)]
        named = [r for r in group if key(r["name"]) == form_key]
        if len(named) > 1:
            homonyms.append(f"{form_key!r}: {', '.join(r['id'] for r in named)}")
            winner = None
            keep = {r["id"] for r in named}
        else:
            winner = named[0] if named else (dominant(group, form_key) if dominant else None)
            keep = {winner["id"]} if winner else set()
        for row in group:
            if row["id"] in keep:
                continue
            for field in FORM_FIELDS:
                value = row.get(field)
                if isinstance(value, list):
                    row[field] = [v for v in value if key(v) != form_key]
                elif field == "official_name" and isinstance(value, str) and key(value) == form_key:
                    row[field] = None
        outcome = (
            f"kept by {winner['id']}"
            if winner
            else ("names kept (homonyms)" if len(named) > 1 else "removed from all")
        )
        if len(named) <= 1:
            resolved.append(f"{form_key!r} [{', '.join(sorted(ids))}] -> {outcome}")
    report.say(f"{label}: {len(resolved)} shared aliases resolved")
    for line in resolved[:show]:
        report.say(f"    {line}")
    if len(resolved) > show:
        report.say(f"    ... and {len(resolved) - show} more")
    if homonyms:
        report.say(f"{label}: {len(homonyms)} names shared by different entries (homonyms)")
        for line in homonyms[:show]:
            report.say(f"    {line}")
        if len(homonyms) > show:
            report.say(f"    ... and {len(homonyms) - show} more")
        if not keep_shared_names:
            report.fail(f"{label}: entries share a name")
    # final verification
    owners = defaultdict(set)
    for row in rows:
        for _, form in surface_forms(row):
            owners[key(form)].add(row["id"])
    left = [
        k
        for k, ids in owners.items()
        if len(ids) > 1 and not (keep_shared_names and all(key(by_id[i]["name"]) == k for i in ids))
    ]
    if left:
        report.fail(f"{label}: {len(left)} forms still map to several ids, e.g. {left[:5]}")


# --------------------------------------------------------------------------- countries


def build_countries(report: Report) -> list[Row]:
    """countries.jsonl from curated/countries.yaml, pycountry and CountryInfo."""
    cur = read_yaml("countries.yaml")
    drop_capitals = {c.upper() for c in cur["capital_drop"]}
    no_fold = set(cur.get("no_fold", []))  # ASCII forms that are everyday words ("Male")
    countryinfo = read_jsonl(SHARED / "countries_countryinfo.jsonl")
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in countryinfo:
        if row["code"]:
            by_code[row["code"]].append(row)

    rows: list[Row] = []
    attested = total_demonyms = 0
    for iso, spec in sorted(cur["countries"].items()):
        pyc = pycountry.countries.get(alpha_3=iso) or pycountry.historic_countries.get(alpha_3=iso)
        code = spec.get("countryinfo", iso)
        candidates = by_code.get(code, [])
        ci = next((c for c in candidates if c["iso3166_alpha3"] == iso), None) or (
            candidates[0] if candidates else None
        )
        name = spec["name"]
        official = spec.get("official") or getattr(pyc, "official_name", None)
        if not official and pyc and "," not in pyc.name and "(" not in pyc.name:
            official = pyc.name
        if official and official.lower().startswith("the "):
            official = official[4:]
        extra_names = []
        if pyc:
            for attr in ("name", "common_name"):
                value = getattr(pyc, attr, None)
                if value and "," not in value and "(" not in value:
                    extra_names.append(value)
        aliases = uniq(
            with_folded(
                [
                    *spec.get("aliases", []),
                    *extra_names,
                    *([fold(name)] if fold(name) != name else []),
                ]
            ),
            exclude=[name],
        )
        dropped = {norm_key(d) for d in spec.get("drop", [])}
        aliases = [a for a in aliases if a != name and norm_key(a) not in dropped]
        if official and official != name and official not in aliases:
            aliases.insert(0, official)
        if "capitals" in spec:
            capitals = list(spec["capitals"])
        else:
            capitals = [
                recase(c) for c in (ci["capitals"] if ci else []) if c.upper() not in drop_capitals
            ]
        capitals = uniq(with_folded([*capitals, *spec.get("capitals_add", [])]))
        capitals = [c for c in capitals if c not in no_fold]
        adj = list(spec.get("adj", []))
        people = list(spec.get("people", []))
        demonyms = uniq(with_folded([*adj, *people]))
        metonyms = uniq(with_folded(spec.get("metonyms", [])))
        abbreviations = [a for a in aliases if re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}", a)]
        groups = uniq(
            [
                *(f"the {a} side" for a in adj),
                *(f"the {a} side" for a in abbreviations),
                *(f"the {p}" for p in people if p.endswith("s") or p in adj),
                *spec.get("groups", []),
            ]
        )
        if ci:
            variants = {norm_key(v) for v in ci["nationality_and_variants"]}
            total_demonyms += len(demonyms)
            attested += sum(norm_key(d) in variants for d in demonyms)
        sources = [s for s, used in (("pycountry", pyc), ("CountryInfo", ci)) if used]
        rows.append(
            {
                "id": f"country:{iso}",
                "name": name,
                "official_name": official,
                "iso2": getattr(pyc, "alpha_2", None) or spec.get("iso2"),
                "aliases": aliases,
                "capitals": capitals,
                "demonyms": demonyms,
                "metonyms": metonyms,
                "groups": groups,
                "un_status": spec.get("un"),
                "source": "+".join([*sources, "curated"]),
            }
        )
        if not ci:
            report.say(
                f"countries: no CountryInfo entry for {iso} ({name}); "
                "names from pycountry and curated data only"
            )
    report.say(
        f"countries: {total_demonyms} demonyms, {attested} of them attested in CountryInfo variants"
    )
    resolve_collisions(rows, "countries", report, norm_key)
    return rows


# --------------------------------------------------------------------------- organisations

ROLE_WORDS = re.compile(
    r"\b(president|secretary|chief|minister|envoy|monitor|director|countries|"
    r"contingent|peacekeeper|resident|representative|spokes)",
    re.I,
)


def build_organizations(report: Report, countries: list[Row]) -> list[Row]:
    """organizations.jsonl: curated entries, generated ministries, Phoenix IGO aliases."""
    cur = read_yaml("organizations.yaml")
    country_by_iso = {row["id"].split(":")[1]: row for row in countries}
    all_iso = sorted(iso for iso, row in country_by_iso.items() if row["un_status"] == "member")
    rows: list[Row] = []
    for spec in cur["organizations"]:
        members = spec.get("members", [])
        if members == "UN_MEMBERS":
            members = all_iso
        row = {
            "id": spec["id"],
            "name": spec["name"],
            "type": spec["type"],
            "aliases": uniq(with_folded(spec.get("aliases", [])), exclude=[spec["name"]]),
            "members": sorted(members),
            "wikidata": spec.get("wikidata"),
            "source": "curated",
        }
        if spec.get("country"):
            row["country"] = spec["country"]
        if spec.get("based_in"):
            row["based_in"] = spec["based_in"]  # where a party or movement acts; not its voice
        if spec.get("historical"):
            row["historical"] = True
        rows.append(row)

    generated = 0
    the_countries = set(cur["ministry_templates"].get("the_countries", []))
    for _kind, template in sorted(cur["ministry_templates"].items()):
        if not isinstance(template, dict):
            continue
        for iso in template["countries"]:
            country = country_by_iso[iso]
            adjs = [d for d in country["demonyms"] if d in _adjectives(iso)]
            names = [
                country["name"],
                *[a for a in country["aliases"] if re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}", a)],
            ]
            forms = []
            for form in template["forms"]:
                if "{adj}" in form:
                    forms += [form.format(adj=a) for a in adjs]
                elif "{the_name}" in form:
                    article = "the " if iso in the_countries else ""
                    forms.append(form.format(the_name=article + country["name"]))
                else:
                    for n in names:
                        possessive = n + ("'" if n.endswith("s") else "'s")
                        forms.append(form.format(name=n, names=possessive))
            override = template.get("overrides", {}).get(iso, {})
            default_name = forms[0] if adjs else f"{country['name']} {template['role']}"
            name = override.get("name", default_name)
            rows.append(
                {
                    "id": template["id"].format(iso=iso.lower()),
                    "name": name,
                    "type": "Organization",
                    "aliases": uniq(
                        with_folded([*override.get("aliases", []), *forms]), exclude=[name]
                    ),
                    "members": [],
                    "wikidata": None,
                    "source": "curated (template over countries.jsonl demonyms)",
                    "country": iso,
                    "role": template["role"],
                }
            )
            generated += 1
    report.say(f"organizations: {generated} national ministries generated from templates")

    # Phoenix IGO records: merge their phrases into the curated entry they name.
    acronyms = {
        tok.upper()
        for row in rows
        for a in [row["name"], *row["aliases"]]
        for tok in a.split()
        if tok.isupper() and len(tok) >= 2
    }
    drop = {org_key(d) for d in cur["phoenix_drop"]}
    index: dict[str, Row] = {}
    for row in rows:
        for form in [row["name"], *row["aliases"]]:
            index.setdefault(org_key(form), row)
    merged = unmatched = 0
    unmatched_names: list[str] = []
    attested: set[str] = set()
    for rec in read_jsonl(SHARED / "international_actors_phoenix.jsonl"):
        codes = [c["code"] for c in rec["codes"]]
        if codes and not any(c.startswith("IGO") for c in codes):
            continue
        phrases = [rec["name"], *rec["aliases"]]
        target = next((index[org_key(p)] for p in phrases if org_key(p) in index), None)
        if target is None:
            if not rec["has_date_restrictions"] and not ROLE_WORDS.search(rec["name"]):
                unmatched += 1
                unmatched_names.append(rec["name"])
            continue
        attested.add(target["id"])
        if "Phoenix" not in target["source"]:
            target["source"] += "+Phoenix"
        for phrase in phrases:
            k = org_key(phrase)
            if k in drop or ROLE_WORDS.search(phrase) or k in index:
                continue
            target["aliases"].append(recase(phrase, acronyms))
            index[k] = target
            merged += 1
    report.say(
        f"organizations: {len(attested)} entries matched by Phoenix IGO records, "
        f"{merged} new aliases taken from them; {unmatched} Phoenix IGO records "
        "(not persons) match no entry and were left out"
    )
    report.say("    left out, e.g.: " + "; ".join(sorted(unmatched_names)[:30]))

    def dominant(group: list[Row], form: str) -> Row | None:
        # an international body wins over a national institution for a shared acronym
        intl = [r for r in group if "country" not in r]
        return intl[0] if len(intl) == 1 else None

    resolve_collisions(rows, "organizations", report, org_key, dominant)
    rows.sort(key=lambda r: r["id"])
    return rows


_ADJ_CACHE: dict[str, set[str]] = {}


def _adjectives(iso: str) -> set[str]:
    """Demonym adjectives of a country from the curated file (not its plural nouns)."""
    if not _ADJ_CACHE:
        for code, spec in read_yaml("countries.yaml")["countries"].items():
            _ADJ_CACHE[code] = set(with_folded(spec.get("adj", [])))
    return _ADJ_CACHE.get(iso, set())


# --------------------------------------------------------------------------- treaties


def huggo_kind(row: Row) -> str:
    title = row["title"].lower()
    if row.get("agreement_type") == "Protocol" or title.startswith("protocol"):
        return "protocol"
    for word, kind in (
        ("convention", "convention"),
        ("treaty", "treaty"),
        ("declaration", "declaration"),
        ("accord", "accord"),
    ):
        if re.search(rf"\b{word}\b", title):
            return kind
    return "agreement"


def strip_version(title: str) -> str:
    return re.sub(r"\s*\((london|moscow|washington) version\)\s*$", "", title, flags=re.I)


def paren_free_key(text: str) -> str:
    return org_key(re.sub(r"\([^)]*\)", " ", strip_version(text)))


def build_treaties(report: Report, countries: list[Row]) -> list[Row]:
    """treaties.jsonl: curated instruments, then HUGGO multilateral titles not already covered.
    A HUGGO acronym that names a country ("UAE" of a Jordan-UAE agreement) is dropped."""
    cur = read_yaml("treaties.yaml")
    acronym_drop = {a.upper() for a in cur.get("huggo_acronym_drop", [])}
    acronym_drop |= {f.upper() for c in countries for f in [c["name"], *c["aliases"]]}
    rows: list[Row] = []
    index: dict[str, Row] = {}
    for spec in cur["treaties"]:
        year = spec.get("year")
        row = {
            "id": spec["id"],
            "name": spec["name"],
            "aliases": uniq(with_folded(spec.get("aliases", [])), exclude=[spec["name"]]),
            "year": year,
            "parties": list(spec.get("parties", [])),
            "kind": spec["kind"],
            "wikidata": spec.get("wikidata"),
            "source": "curated",
        }
        rows.append(row)
        for form in [row["name"], *row["aliases"], *spec.get("huggo", [])]:
            index.setdefault(paren_free_key(form), row)

    huggo = read_jsonl(SHARED / "treaties_huggo_multilateral.jsonl")
    merged = 0
    appended: list[Row] = []
    title_count: dict[str, int] = defaultdict(int)
    for rec in huggo:
        title_count[strip_version(rec["title"])] += 1
    used_ids = {r["id"] for r in rows}
    for rec in sorted(huggo, key=lambda r: (r.get("signature") or "", r["title"])):
        acronyms = [a for a in rec.get("acronyms_in_title") or [] if a.upper() not in acronym_drop]
        target = index.get(paren_free_key(rec["title"]))
        if target is not None:
            target["aliases"] = uniq([*target["aliases"], *acronyms], exclude=[target["name"]])
            if "HUGGO" not in target["source"]:
                target["source"] += "+HUGGO"
            merged += 1
            continue
        title = re.sub(r"\(\s+", "(", strip_version(rec["title"])).strip()
        for acronym in rec.get("acronyms_in_title") or []:
            title = re.sub(rf"\s*\({re.escape(acronym)}\)\s*$", "", title)
        year = int(rec["signature"][:4]) if rec.get("signature") else None
        name = title_to_news_case(title)
        if title_count[strip_version(rec["title"])] > 1:
            name = f"{name} ({rec.get('signature') or 'undated'})"
        base = "treaty:huggo-" + slug(title)[:70].rstrip("-")
        tid, n = base, 2
        if tid in used_ids:
            tid = f"{base}-{year}"
        while tid in used_ids:
            tid, n = f"{base}-{year}-{n}", n + 1
        used_ids.add(tid)
        appended.append(
            {
                "id": tid,
                "name": name,
                "aliases": uniq(acronyms, exclude=[name]),
                "year": year,
                "parties": [],
                "kind": huggo_kind(rec),
                "wikidata": None,
                "source": "HUGGO",
                "_signature": rec.get("signature"),
            }
        )
    by_name: dict[str, list[Row]] = defaultdict(list)
    for row in appended:
        by_name[org_key(row["name"])].append(row)
    for same in by_name.values():
        if len(same) > 1:
            for row in same:
                if not row["name"].endswith(")"):
                    row["name"] = f"{row['name']} ({row.pop('_signature') or 'undated'})"
    for row in appended:
        row.pop("_signature", None)
    report.say(
        f"treaties: {len(rows)} curated, {merged} HUGGO rows merged into them, "
        f"{len(appended)} HUGGO rows appended"
    )
    rows += appended
    resolve_collisions(rows, "treaties", report, org_key)
    rows.sort(key=lambda r: r["id"])
    return rows


# --------------------------------------------------------------------------- people

ROMAN = re.compile(r"^[IVXLC]+$")


def clean_source_name(name: str) -> str:
    """Tidy a CountryInfo person name: control characters become "?", backtick
    transliterations become apostrophes, quoted nicknames and "(acting" notes go, and
    upper-case tokens ("SA'ID", "STRASKY") are re-cased."""
    name = re.sub(r"[\x00-\x1f]", "?", name).replace("`", "'")
    name = re.sub(r'\s*"[^"]*"', "", name)
    name = re.sub(r"\s*\((acting|[^)]*time)\)?\s*$", "", name, flags=re.I)
    tokens = []
    for token in name.split():
        letters = re.sub(r"[^A-Za-z]", "", token)
        if token.isupper() and len(letters) >= 3 and not ROMAN.match(token) and "?" not in token:
            token = recase(token)
        tokens.append(token)
    return " ".join(tokens).strip()


HONORIFIC = re.compile(
    r"^(sir|dame|dr\.?|gen\.?|lt\.? gen\.?|maj\.? gen\.?|brig\.? gen\.?|col\.?)\s+", re.I
)


class OfficeRules:
    """CountryInfo office titles -> role vocabulary, from curated/people.yaml."""

    def __init__(self, spec: Row) -> None:
        self.leaders = {n: role for role, names in spec["leaders"].items() for n in names}
        self.government = [(re.compile(p), role) for p, role in spec["government"]]

    def roles(self, block: str, office: str) -> list[str | None]:
        """One role per '&'-separated part of the office (None = not kept)."""
        roles: list[str | None] = []
        for part in office.split(" & "):
            low = part.strip().lower()
            if block == "Leaders":
                roles.append(self.leaders.get(low))
                continue
            low = re.sub(r'\s*"[^"]*"', "", low).strip()
            roles.append(next((role for p, role in self.government if p.search(low)), None))
        return roles


def office_sort_key(office: Row) -> tuple[str, str, str]:
    return (
        office.get("start") or "",
        office["role"],
        office.get("country") or office.get("org") or "",
    )


def build_people(report: Report, countries: list[Row], orgs: list[Row]) -> list[Row]:
    """people.jsonl: CountryInfo leaders and diplomats, merged with curated office holders."""
    cur = read_yaml("people.yaml")
    fixes = cur["countryinfo_fixes"]
    office_rules = OfficeRules(cur["countryinfo_offices"])
    iso_set = {row["id"].split(":")[1] for row in countries}
    org_ids = {row["id"] for row in orgs}
    bad_words = re.compile(r"\b(" + "|".join(fixes["bad_name_words"]) + r")\b", re.I)
    soviet_offices = {o.lower() for o in fixes["soviet_offices"]}
    soviet_people = {norm_key(p) for p in fixes["soviet_people"]}
    drop_records = set(fixes["drop_records"])
    rename = {norm_key(k): v for k, v in fixes["rename"].items()}
    across = {norm_key(n) for n in fixes["same_person_across_countries"]}

    # ---- CountryInfo
    groups: dict[tuple[str, str], Row] = {}
    dropped_country = dropped_role = dropped_name = adjusted_dates = 0
    for rec in read_jsonl(SHARED / "leaders_and_diplomats_countryinfo.jsonl"):
        name = clean_source_name(re.sub(r"\s+", " ", rec["name"]).strip())
        if not name or bad_words.search(name) or not re.search(r"[A-Za-z]", name):
            dropped_name += 1
            continue
        if f"{rec['country']}|{name}" in drop_records:
            dropped_country += 1
            continue
        variants = list(rec.get("variants") or [])
        if norm_key(name) in rename:
            if "?" not in name:
                variants.append(name)
            name = rename[norm_key(name)]
        if HONORIFIC.match(name):  # "Sir John Compton" -> name "John Compton", alias with the title
            variants.append(name)
            name = HONORIFIC.sub("", name)
        country = (
            fixes["country_codes"].get(rec["country"], rec["country"]) if rec["country"] else None
        )
        if (
            rec["country"] == "RUS"
            and rec["source_block"] == "Leaders"
            and (rec["office"].lower() in soviet_offices or norm_key(name) in soviet_people)
        ):
            country = "SUN"
        if country is None or country not in iso_set:
            dropped_country += 1
            continue
        roles = office_rules.roles(rec["source_block"], rec["office"])
        positions = rec["positions"]
        if len(roles) == len(positions):
            pairs = list(zip(roles, positions, strict=True))
        elif len(roles) == 1:
            pairs = [(roles[0], p) for p in positions]
        else:  # offices and positions do not line up: each role gets the overall span
            starts = [p[1] for p in positions]
            ends = [p[2] for p in positions]
            span = [
                None,
                None if None in starts else min(starts),
                None if None in ends else max(ends),
            ]
            pairs = [(r, span) for r in roles]
        offices = []
        for role, (_, start_raw, end_raw) in pairs:
            if role is None:
                continue
            start, adj_s = source_date(start_raw)
            end, adj_e = source_date(end_raw)
            adjusted_dates += adj_s + adj_e
            office: Row = {"role": role, "country": country, "start": start, "end": end}
            if end is None:
                office["end_unknown"] = True  # open in the source, which stops around 2011
            offices.append(office)
        if not offices:
            dropped_role += 1
            continue
        key = (norm_key(name), "*" if norm_key(name) in across else country)
        person = groups.setdefault(
            key, {"name": name, "aliases": [], "offices": [], "source": "CountryInfo"}
        )
        person["aliases"] += variants
        person["offices"] += offices
    groups = _merge_variant_records(groups)
    report.say(
        f"people: CountryInfo records dropped: {dropped_name} non-personal names, "
        f"{dropped_country} outside the country list (territories, unknown country), "
        f"{dropped_role} with no diplomatic role; {adjusted_dates} impossible dates clamped"
    )

    # ---- curated, merged into CountryInfo persons of the same name and country
    ci_index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, ci_person in groups.items():
        for form in {key[0], *(norm_key(v) for v in ci_person["aliases"])}:
            ci_index[form].append(key)
    people: list[Row] = []
    merged = 0
    for spec in cur["people"]:
        offices = []
        for item in spec["offices"]:
            role, where, start_v, end_v, *rest = item
            extra = rest[0] if rest else {}
            start, approx_s, _ = curated_date(start_v)
            end, approx_e, end_unknown = curated_date(end_v)
            office = {"role": role}
            if str(where).startswith("org:"):
                office.update(country=None, org=where)
            else:
                office.update(country=where)
                if extra.get("org"):
                    office["org"] = extra["org"]
            office.update(start=start, end=end)
            if extra.get("title"):
                office["title"] = extra["title"]
            approx = [f for f, flag in (("start", approx_s), ("end", approx_e)) if flag]
            if approx:
                office["approximate"] = approx
            if end_unknown:
                office["end_unknown"] = True
            offices.append(office)
        person = {
            "name": spec["name"],
            "aliases": list(spec.get("aliases", [])),
            "gender": spec.get("gender"),
            "offices": offices,
            "source": "curated",
        }
        countries_of = {o["country"] for o in offices if o.get("country")}
        for form in [spec["name"], *spec.get("aliases", [])]:
            for key in list(ci_index.get(norm_key(form), [])):
                # same country, or a curated person known only by international offices
                if key not in groups or (countries_of and key[1] not in countries_of | {"*"}):
                    continue
                ci_person = groups.pop(key)
                merged += 1
                person["source"] = "CountryInfo+curated"
                person["aliases"] += [ci_person["name"], *ci_person["aliases"]]
                for ci_office in ci_person["offices"]:
                    if not any(_same_office(ci_office, o) for o in person["offices"]):
                        person["offices"].append(ci_office)
        people.append(person)
    report.say(
        f"people: {len(cur['people'])} curated persons, "
        f"{merged} CountryInfo persons merged into them"
    )
    for person in groups.values():
        person["gender"] = None
        people.append(person)

    # ---- finish: aliases, ids, order
    rows: list[Row] = []
    used: set[str] = set()
    for person in sorted(people, key=lambda p: (slug(p["name"]), _first_country(p))):
        name = person["name"]
        curated_aliases = set(person["aliases"]) if person["source"] != "CountryInfo" else set()
        aliases = []
        for alias in with_folded([*person["aliases"], name]):
            stripped = HONORIFIC.sub("", alias)
            for form in {alias, stripped}:
                single = len(form.split()) == 1
                if single and form not in curated_aliases:
                    continue  # no bare surnames; single-word curated nicknames (Lula, MBS) stay
                aliases.append(form)
        aliases = sorted(
            set(uniq(aliases, exclude=[name])) - {name}, key=lambda a: (a.casefold(), a)
        )
        base = "person:" + slug(name)
        pid = base if base not in used else f"{base}-{_first_country(person).lower()}"
        n = 2
        while pid in used:
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        offices = sorted(_dedupe_offices(person["offices"]), key=office_sort_key)
        rows.append(
            {
                "id": pid,
                "name": name,
                "aliases": aliases,
                "offices": offices,
                "gender": person.get("gender"),
                "source": person["source"],
            }
        )

    # dangling office references
    for row in rows:
        for office in row["offices"]:
            if office.get("country") and office["country"] not in iso_set:
                report.fail(
                    f"people: {row['id']} office country {office['country']} not in countries"
                )
            if office.get("org") and office["org"] not in org_ids:
                report.fail(f"people: {row['id']} office org {office['org']} not in organizations")

    def dominant(group: list[Row], form: str) -> Row | None:
        curated = [r for r in group if r["source"] != "CountryInfo"]
        return curated[0] if len(curated) == 1 else None

    resolve_collisions(rows, "people", report, norm_key, dominant, keep_shared_names=True, show=15)
    rows.sort(key=lambda r: r["id"])
    return rows


def _merge_variant_records(groups: dict[tuple[str, str], Row]) -> dict[tuple[str, str], Row]:
    """Merge CountryInfo persons of one country when the name of one is a listed spelling
    variant of the other ("Jakaya Kikwete" with variant "Jakaya Mrisho Kikwete")."""
    parent = {key: key for key in groups}

    def find(key: tuple[str, str]) -> tuple[str, str]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_form: dict[tuple[str, str], tuple[str, str]] = {}
    for key in sorted(groups):
        for form in sorted({key[0], *(norm_key(v) for v in groups[key]["aliases"])}):
            other = by_form.setdefault((form, key[1]), key)
            if other != key:
                parent[find(key)] = find(other)
    merged: dict[tuple[str, str], Row] = {}
    for key in sorted(groups):
        root = find(key)
        person = groups[key]
        if root not in merged:
            merged[root] = person
        else:
            target = merged[root]
            target["aliases"] += [person["name"], *person["aliases"]]
            target["offices"] += person["offices"]
    return merged


def _first_country(person: Row) -> str:
    for office in person["offices"]:
        if office.get("country"):
            return office["country"]
    return "int"


def _same_office(a: Row, b: Row) -> bool:
    """True when CountryInfo office `a` describes the curated tenure `b`: same role and
    country, and a start within 45 days of b's, or inside b's span, or unknown."""
    if a["role"] != b["role"] or a.get("country") != b.get("country"):
        return False
    if a.get("start") and b.get("start"):
        delta = abs(dt.date.fromisoformat(a["start"]) - dt.date.fromisoformat(b["start"]))
        if delta.days <= 45:
            return True
        # a CountryInfo tenure that starts inside the curated one is the same tenure
        # (CIA World Leaders entries start when its coverage starts, not when the office did)
        end = b.get("end") or "9999-12-31"
        return b["start"] <= a["start"] <= end
    return a.get("start") is None or b.get("start") is None


def _dedupe_offices(offices: list[Row]) -> list[Row]:
    out: list[Row] = []
    for office in offices:
        if not any(o == office for o in out):
            out.append(office)
    return out


# --------------------------------------------------------------------------- roles


def build_roles(report: Report) -> list[Row]:
    """roles.jsonl from curated/roles.yaml, with the Phoenix agent code where Phoenix lists
    the phrase."""
    cur = read_yaml("roles.yaml")
    agents: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    with (SHARED / "agents_phoenix.tsv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle, delimiter="\t"):
            phrase = rec["phrase"].strip().upper()
            if phrase.endswith("MINIST"):  # Phoenix stem for minister/ministry
                prefixes.append((phrase, rec["agent_code"]))
            agents.setdefault(phrase, rec["agent_code"])
    rows: list[Row] = []
    seen: set[str] = set()
    for kind in ("person", "institution"):
        for role, phrases in cur[kind].items():
            for phrase in phrases:
                if phrase.casefold() in seen:
                    report.fail(f"roles: phrase {phrase!r} listed twice")
                    continue
                seen.add(phrase.casefold())
                upper = phrase.upper().replace("-", " ")
                code = (
                    agents.get(phrase.upper())
                    or agents.get(upper)
                    or next((c for p, c in prefixes if upper.startswith(p)), None)
                )
                row = {"phrase": phrase, "role": role, "kind": kind}
                if code:
                    row["agent_code"] = code
                row["source"] = "curated+Phoenix" if code else "curated"
                rows.append(row)
    report.say(
        f"roles: {sum('agent_code' in r for r in rows)} of {len(rows)} phrases "
        "found in Phoenix agents"
    )
    rows.sort(key=lambda r: (r["kind"], r["phrase"].casefold(), r["phrase"]))
    return rows


# --------------------------------------------------------------------------- checks


def check_common(label: str, rows: list[Row], report: Report) -> None:
    """Empty names, duplicate ids, empty aliases."""
    ids = [r.get("id") for r in rows if "id" in r]
    if len(ids) != len(set(ids)):
        report.fail(f"{label}: duplicate ids")
    for row in rows:
        name = row.get("name", row.get("phrase"))
        if not name or not str(name).strip():
            report.fail(f"{label}: empty name in {row.get('id')}")
        for field in ("aliases", "capitals", "demonyms", "metonyms", "groups"):
            for value in row.get(field) or []:
                if not value.strip():
                    report.fail(f"{label}: empty {field} entry in {row.get('id')}")


def check_refs(
    countries: list[Row], orgs: list[Row], treaties: list[Row], people: list[Row], report: Report
) -> None:
    iso = {r["id"].split(":")[1] for r in countries}
    org_ids = {r["id"] for r in orgs}
    for row in orgs:
        for member in row["members"]:
            if member not in iso:
                report.fail(f"organizations: {row['id']} member {member} not in countries")
        if row.get("country") and row["country"] not in iso:
            report.fail(f"organizations: {row['id']} country {row['country']} not in countries")
    this_year = dt.date.today().year
    for row in treaties:
        for party in row["parties"]:
            if party not in iso and party not in org_ids:
                report.fail(f"treaties: {row['id']} party {party} unknown")
        if row["year"] is not None and not 1600 <= row["year"] <= this_year:
            report.fail(f"treaties: {row['id']} year {row['year']} out of range")
    bad_dates = 0
    for row in people:
        for office in row["offices"]:
            for field in ("start", "end"):
                if not valid_date(office.get(field)):
                    bad_dates += 1
                    report.fail(f"people: {row['id']} invalid {field} {office.get(field)}")
            if office.get("start") and office.get("end") and office["end"] < office["start"]:
                report.fail(f"people: {row['id']} office ends before it starts: {office}")
    report.say(
        f"people: {sum(len(r['offices']) for r in people)} offices, {bad_dates} invalid dates"
    )


def check_json(paths: list[Path], report: Report) -> None:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    json.loads(line)
                except json.JSONDecodeError as exc:
                    report.fail(f"{path.name}:{number}: invalid JSON ({exc})")


def cross_file_overlaps(files: dict[str, list[Row]], report: Report) -> None:
    """Informational: forms that name entries in two files ("Warsaw Pact" the alliance and
    the treaty, "Brussels" the capital and ...). The pipeline decides by context."""
    owners: dict[str, set[str]] = defaultdict(set)
    for label, rows in files.items():
        for row in rows:
            for _, form in surface_forms(row):
                owners[norm_key(form)].add(label)
    shared = sorted(k for k, labels in owners.items() if len(labels) > 1)
    report.say(
        f"cross-file: {len(shared)} forms appear in two files (kept; typed by file), e.g. "
        + ", ".join(shared[:15])
    )


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="build and report without writing files"
    )
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(
            f"build_gazetteers: shared data not found at {SHARED}; "
            "run from a checkout with ../shared beside it",
            file=sys.stderr,
        )
        return 2
    report = Report()
    countries = build_countries(report)
    orgs = build_organizations(report, countries)
    treaties = build_treaties(report, countries)
    people = build_people(report, countries, orgs)
    roles = build_roles(report)
    outputs = {
        "countries": countries,
        "organizations": orgs,
        "treaties": treaties,
        "people": people,
        "roles": roles,
    }
    for label, rows in outputs.items():
        check_common(label, rows, report)
    check_refs(countries, orgs, treaties, people, report)
    cross_file_overlaps({k: v for k, v in outputs.items() if k != "roles"}, report)
    paths = []
    if not args.check:
        for label, rows in outputs.items():
            path = DATA / f"{label}.jsonl"
            write_jsonl(path, rows)
            paths.append(path)
        check_json(paths, report)
    print("counts: " + ", ".join(f"{label}={len(rows)}" for label, rows in outputs.items()))
    for path in paths:
        print(f"  wrote {path.relative_to(REPO)} ({path.stat().st_size:,} bytes)")
    print("\n".join(report.lines))
    if report.failures:
        print(f"{len(report.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
