"""Reading articles into `Document` models: decoding, metadata, and boilerplate removal.

A Document keeps the text exactly as it was read; `body` lists the article's paragraphs as
(start, end) offsets into that text, so every later offset (tokens, entities, evidence)
points into the original. The id is derived from the text, so reading the same article
twice gives the same Document.

Where metadata comes from, first match wins:
    title      argument > text (markdown heading, first short line) > sidecar
    published  argument > text (header or trailing date line, dateline with a known year)
               > sidecar > date in the URL path (/2020/09/04/, 20230126)
    url        argument > text (a URL on its own line at the top or bottom) > sidecar
    outlet     argument > dateline agency ("/TASS/", "(Xinhua)") > outlet of a URL found
               in the text > sidecar > outlet of the final URL (data/outlets.json, else
               its domain)
For a .txt file the sidecar is NAME.meta.json beside it; the fields of a JSON record are
arguments (they are structured, so they beat what the text says).

Exception tree:
    DocumentError(ValueError)
    ├── EmptyDocument         nothing but whitespace, or no article text once headers go
    ├── BinaryDocument        NUL bytes or many control characters: not a text file
    ├── TooLargeDocument      more than `max_bytes` bytes
    ├── UndecodableDocument   not valid UTF-8
    ├── NotEnglishDocument    too few English function words for an English article
    ├── MalformedDocument     bad JSON, a record without "text", a field of the wrong type
    └── UnreadableDocument    the file cannot be opened (missing, a directory, no access)
"""

import codecs
import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BinaryDocument",
    "Document",
    "DocumentError",
    "EmptyDocument",
    "MalformedDocument",
    "Metadata",
    "NotEnglishDocument",
    "TooLargeDocument",
    "UndecodableDocument",
    "UnreadableDocument",
    "document_from_bytes",
    "document_from_text",
    "document_id",
    "iter_documents",
    "read_path",
]

DEFAULT_MAX_BYTES = 2_000_000
SIDECAR_SUFFIX = ".meta.json"
FOLDER_SUFFIXES = (".txt", ".json", ".jsonl")

# Language check: share of tokens that are English stop words. English news runs at
# 25-40 %, German and Spanish at 3-8 %; shorter texts are not judged.
MIN_WORDS_FOR_LANGUAGE = 20
MIN_ENGLISH_STOP_SHARE = 0.10
# Binary check: share of control characters (other than tab, newline, CR, FF, VT).
MAX_CONTROL_SHARE = 0.05
# Metadata is looked for in the lines before the first article sentence, at most this many.
HEADER_MAX_LINES = 12
# A line ending like a sentence with more words than this is article text, never dropped.
SENTENCE_MIN_WORDS = 8
DATA_DIR = Path(__file__).parent / "data"


class Document(BaseModel):
    """One article: its original text, where its paragraphs are, and what is known of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    body: list[tuple[int, int]]
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    source_file: str | None
    dateline: str | None = None  # the place its dateline names, as written ("ISLAMABAD")

    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs as strings, in order."""
        return [self.text[start:end] for start, end in self.body]


class Metadata(BaseModel):
    """Metadata supplied beside a text, e.g. by a sidecar file; used where the text has none."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


class DocumentError(ValueError):
    """An input could not be read as an English article."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source


class EmptyDocument(DocumentError):
    """The input has no text, only whitespace, or nothing left once headers are removed."""


class BinaryDocument(DocumentError):
    """The input is binary data, not text."""


class TooLargeDocument(DocumentError):
    """The input is over the size limit."""


class UndecodableDocument(DocumentError):
    """The input is not valid UTF-8."""


class NotEnglishDocument(DocumentError):
    """The input does not read as English."""


class MalformedDocument(DocumentError):
    """A JSON file, record or sidecar is not what was expected."""


class UnreadableDocument(DocumentError):
    """The file cannot be opened."""


# ---------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    source_file: str | None = None,
    fallback: Metadata | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Document:
    """Build a Document from article text.

    Explicit arguments win over what the text says; `fallback` (e.g. a sidecar) fills only
    what neither gives. `published` may be a date or an ISO string (YYYY-MM-DD).
    """
    return _build(
        text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        source_file=source_file,
        fallback=fallback,
        max_bytes=max_bytes,
        where=source_file,
    )


def document_from_bytes(
    data: bytes,
    *,
    source_file: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    fallback: Metadata | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Decode bytes (UTF-8, with or without BOM; UTF-16 with BOM) and build a Document."""
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, source_file)
    text = _decode(data, source_file)
    return document_from_text(
        text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        source_file=source_file,
        fallback=fallback,
        max_bytes=None,
    )


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read every Document in one file: .json (a record or a list), .jsonl, else plain text.

    A text file NAME.txt takes missing metadata from NAME.meta.json beside it. Raises the
    first DocumentError met; use `iter_documents` to read past bad records.
    """
    documents = []
    for item in _read_file(Path(path), max_bytes):
        if isinstance(item, DocumentError):
            raise item
        documents.append(item)
    return documents


def iter_documents(
    paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[Path, Document | DocumentError]]:
    """Yield (file, Document or the error that stopped it) for files and folders, never raising.

    Folders are walked recursively in sorted order for *.txt, *.json and *.jsonl, skipping
    NAME.meta.json sidecars and hidden entries. A .jsonl file yields one item per line, so
    a bad line is reported (its message names the line) and the good lines still come
    through; a .json list yields one item per record.
    """
    for path in paths:
        for file in _expand(Path(path)):
            for item in _read_file(file, max_bytes):
                yield file, item


def document_id(text: str) -> str:
    """The content-derived id of a text: "doc:" and 16 hex digits of its SHA-256."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"doc:{digest[:16]}"


def _build(
    text: str,
    *,
    title: str | None,
    outlet: str | None,
    published: dt.date | str | None,
    url: str | None,
    source_file: str | None,
    fallback: Metadata | None,
    max_bytes: int | None,
    where: str | None,
) -> Document:
    """document_from_text, naming `where` (a file, a file's line) in its errors."""
    explicit_date = _as_date(published, "published", where)
    if max_bytes is not None:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise _too_large(size, max_bytes, where)
    _check_is_text(text, where)
    facts = _read_text(text)
    if not facts.body:
        raise EmptyDocument(
            "no article text left after removing headers and footers; check the input",
            source=where,
        )
    _check_english(text, facts.body, where)

    fallback = fallback or Metadata()
    final_url = url or facts.url or fallback.url
    url_date = _date_from_url(final_url) if final_url else None
    dateline_date = None
    if facts.dateline_day is not None:
        reference = fallback.published or url_date
        if reference is not None:
            dateline_date = _date_near(facts.dateline_day, reference)
    return Document(
        id=document_id(text),
        text=text,
        body=facts.body,
        title=title or facts.title or fallback.title,
        outlet=(
            outlet
            or facts.agency
            or (_outlet_for_url(facts.url) if facts.url else None)
            or fallback.outlet
            or (_outlet_for_url(final_url) if final_url else None)
        ),
        published=(
            explicit_date or facts.published or dateline_date or fallback.published or url_date
        ),
        url=final_url,
        source_file=source_file,
        dateline=facts.dateline_place,
    )


# ---------------------------------------------------------------------------------------
# Files and records
# ---------------------------------------------------------------------------------------


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    found = []
    for file in path.rglob("*"):
        relative = file.relative_to(path)
        if any(part.startswith(".") for part in relative.parts):
            continue
        name = file.name.lower()
        if name.endswith(SIDECAR_SUFFIX) or not name.endswith(FOLDER_SUFFIXES):
            continue
        if file.is_file():
            found.append(file)
    yield from sorted(found)


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(path, max_bytes)
        elif suffix == ".json":
            yield from _read_json(path, max_bytes)
        else:
            yield _read_text_file(path, max_bytes)
    except DocumentError as exc:
        yield exc


def _read_bytes(path: Path, max_bytes: int, hint: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes, path.name, hint)
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _read_text_file(path: Path, max_bytes: int) -> Document:
    data = _read_bytes(path, max_bytes, "split the article or raise the limit")
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    fallback = _read_sidecar(sidecar) if sidecar.is_file() else None
    return document_from_bytes(data, source_file=path.name, fallback=fallback, max_bytes=max_bytes)


def _read_sidecar(path: Path) -> Metadata:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    obj = _parse_json(_decode(data, path.name), path.name)
    if not isinstance(obj, dict):
        raise MalformedDocument(
            "expected a JSON object with title, url, outlet or published", source=path.name
        )
    return _metadata(obj, path.name)


def _read_json(path: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    data = _read_bytes(path, max_bytes, "write one record per line in a .jsonl file instead")
    obj = _parse_json(_decode(data, path.name), path.name)
    if isinstance(obj, dict):
        yield _document_from_record(obj, path.name, path.name, max_bytes)
        return
    if not isinstance(obj, list):
        raise MalformedDocument(
            'expected a record {"text": ...} or a list of records', source=path.name
        )
    for number, record in enumerate(obj, start=1):
        try:
            yield _document_from_record(
                record, path.name, f"{path.name} record {number}", max_bytes
            )
        except DocumentError as exc:
            yield exc


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | DocumentError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    with handle:
        for number, raw in _numbered_lines(handle, path):
            where = f"{path.name} line {number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > max_bytes:
                    raise _too_large(len(raw), max_bytes, where, "split the article")
                obj = _parse_json(_decode(raw, where), where, one_line=True)
                yield _document_from_record(obj, path.name, where, max_bytes)
            except DocumentError as exc:
                yield exc


def _numbered_lines(handle: BinaryIO, path: Path) -> Iterator[tuple[int, bytes]]:
    try:
        yield from enumerate(handle, start=1)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _parse_json(text: str, where: str, *, one_line: bool = False) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        place = f"column {exc.colno}" if one_line else f"line {exc.lineno}, column {exc.colno}"
        raise MalformedDocument(
            f"invalid JSON at {place} ({exc.msg}); fix the JSON", source=where
        ) from exc


def _document_from_record(record: object, source_file: str, where: str, max_bytes: int) -> Document:
    if not isinstance(record, dict):
        raise MalformedDocument('expected a record object {"text": ...}', source=where)
    if "text" not in record:
        raise MalformedDocument(
            'record has no "text" field; put the article text in "text"', source=where
        )
    text = record["text"]
    if not isinstance(text, str):
        raise MalformedDocument('"text" must be a string', source=where)
    meta = _metadata(record, where)
    return _build(
        text,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        source_file=source_file,
        fallback=None,
        max_bytes=max_bytes,
        where=where,
    )


def _metadata(obj: Mapping[str, Any], where: str) -> Metadata:
    """The metadata fields of a record or sidecar, checked; other keys are ignored."""
    values: dict[str, Any] = {}
    for key in ("title", "outlet", "url"):
        value = obj.get(key)
        if value is None:
            values[key] = None
        elif isinstance(value, str):
            values[key] = value.strip() or None
        else:
            raise MalformedDocument(f'"{key}" must be a string', source=where)
    values["published"] = _as_date(obj.get("published"), "published", where)
    return Metadata(**values)


def _as_date(value: object, field: str, where: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError:
                pass
    raise MalformedDocument(
        f'"{field}" is {value!r}, not a date; write it as YYYY-MM-DD', source=where
    )


def _unreadable(path: Path, exc: OSError) -> UnreadableDocument:
    reason = exc.strerror or type(exc).__name__
    return UnreadableDocument(f"cannot read the file ({reason}); check the path", source=str(path))


def _too_large(size: int, limit: int, where: str | None, hint: str = "") -> TooLargeDocument:
    advice = hint or "send a single article or raise the limit"
    return TooLargeDocument(f"{size} bytes is over the {limit}-byte limit; {advice}", source=where)


# ---------------------------------------------------------------------------------------
# Decoding and input checks
# ---------------------------------------------------------------------------------------


def _decode(data: bytes, where: str | None) -> str:
    if not data.strip():
        raise EmptyDocument(_empty_message(data), source=where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableDocument(
                f"not valid UTF-16 at byte {exc.start}; re-save as UTF-8", source=where
            ) from exc
    if _looks_binary(data):
        raise BinaryDocument("binary data, not text; convert it to plain UTF-8 text", source=where)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (it looks like Windows-1252/Latin-1 text)"
        except UnicodeDecodeError:
            pass
        raise UndecodableDocument(
            f"not valid UTF-8 at byte {offset}{hint}; re-save as UTF-8", source=where
        ) from exc


def _empty_message(content: str | bytes) -> str:
    what = "only whitespace" if content else "empty"
    return f"{what}, no text to read; send the article text"


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for byte in sample if (byte < 32 and byte not in b"\t\n\r\f\v") or byte == 127)
    return controls > MAX_CONTROL_SHARE * len(sample)


def _check_is_text(text: str, where: str | None) -> None:
    if not text.strip():
        raise EmptyDocument(_empty_message(text), source=where)
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(sample):
        raise BinaryDocument(
            "control characters, not plain text; send the article text as UTF-8",
            source=where,
        )


def _check_english(text: str, body: list[tuple[int, int]], where: str | None) -> None:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is heavy; load on first use

    words = [
        word for start, end in body for word in re.findall(r"[^\W\d_]+", text[start:end].lower())
    ]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = sum(word in STOP_WORDS for word in words) / len(words)
    if share < MIN_ENGLISH_STOP_SHARE:
        raise NotEnglishDocument(
            f"not English ({share:.0%} English function words); "
            "diplograph reads English articles only",
            source=where,
        )


# ---------------------------------------------------------------------------------------
# Reading the text: lines, header, footer, body, metadata
# ---------------------------------------------------------------------------------------

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_FULL_STOP_END_RE = re.compile(r"(?<![.…])\.[\"'”’»)\]]*$")
_COMMA_END_RE = re.compile(r"[,;][\"'”’»)\]]*$")
_HAS_SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s")
# "…the Middle East.Continue reading": a link label glued to the last sentence of a line.
_GLUED_TAIL_RE = re.compile(
    r"(?<=[.!?\"”’])\s*(?:continue reading|read more|read full story|read the full "
    r"(?:story|article))\W*$",
    re.IGNORECASE,
)
# "…leading grain exporters. AFP, REUTERS": wire credits after the article's last sentence.
_CREDIT_TAIL_RE = re.compile(r"(?<=[.!?\"”’])\s+[A-Z]{2,}(?:\s*[,/&]\s*[A-Z]{2,})*$")
_BOILERPLATE_RE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|.*\ball rights reserved\b"
    r"|(?:source|sources|kaynak)(?:\s*/\s*\w+)?\s*:"
    r"|(?:read more|read also|also read|continue reading|follow us|subscribe|sign up"
    r"|click here|share (?:on|via)|download (?:the|our) app)\b"
    r"|(?:related(?: articles| stories| news| content)?|more on this|tags?|topics|keywords"
    r"|share(?: this)?(?: article| story| page)?|advertisement|photo|image|picture|video"
    r"|file photo|print|comments?)\s*(?:[:|].*)?$)",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^[\w’' -]{1,30}(?:\s*[>»›|/]\s*[\w’' -]{1,30}){1,6}$")
_URL_LINE_RE = re.compile(r"^(?:[\w/ ]{1,25}:\s*)?<?(https?://[^\s<>]+?)>?$", re.IGNORECASE)
_HEADING_RE = re.compile(r"^#{1,6}\s+(.+?)(?:\s+#+)?$")
_GLUED_CRUMBS_RE = re.compile(r"^((?:[A-Z][a-z]{2,}){2,})[A-Z][a-z]+\b")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ISO_DATE_RE = re.compile(r"(?<![\d.])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DOTTED_DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_TEXT_DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc)(?:[+-]\d+)?)?", re.I
)
_LEAD_DATE_RE = re.compile(
    r"(?i:(?:date|published|updated|posted)\s*:?\s*)?"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+"
)
_DATELINE_RE = re.compile(
    rf"""
    (?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+){{0,3}})
    (?:\s*,\s*(?:(?P<m1>(?i:{_MONTHS}))\.?\s+(?P<d1>\d{{1,2}})
               |(?P<d2>\d{{1,2}})\s+(?P<m2>(?i:{_MONTHS})))\b\.?)?
    \s*
    (?:/(?P<slash_agency>[^/\n]{{2,30}})/\.?|\((?P<agency>[^()\n]{{2,40}})\))?
    \s*
    (?P<sep>(?<=\s)-{{1,2}}(?=\s)|[–—](?=\s)|:(?=\s))?
    \s*
    """,
    re.VERBOSE,
)
_TITLE_DATELINE_RE = re.compile(
    rf"""
    (?P<place>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){{0,2}})
    \s*,\s*(?:(?P<m1>(?i:{_MONTHS}))\.?\s+(?P<d1>\d{{1,2}})
               |(?P<d2>\d{{1,2}})\s+(?P<m2>(?i:{_MONTHS})))\b\.?
    \s*
    (?:/(?P<slash_agency>[^/\n]{{2,30}})/\.?|\((?P<agency>[^()\n]{{2,40}})\))?
    \s*
    (?P<sep>(?<=\s)-{{1,2}}(?=\s)|[–—](?=\s)|:(?=\s)|\.-)?
    \s*(?=[A-Z“"])
    """,
    re.VERBOSE,
)
_URL_DATE_RES = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
)


@dataclass(frozen=True)
class _Line:
    """A non-blank line: stripped bounds in the text, its blank-line-separated block."""

    index: int  # position among the non-blank lines
    start: int
    end: int
    block: int
    text: str


@dataclass
class _Facts:
    """What the text itself says: where its body is, and the metadata it carries."""

    body: list[tuple[int, int]]
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    agency: str | None = None
    dateline_day: tuple[int, int] | None = None  # (month, day) of a dateline without a year
    dateline_place: str | None = None


def _read_text(text: str) -> _Facts:
    lines = _split_lines(text)
    if not lines:
        return _Facts(body=[])
    wrapped = _is_hard_wrapped(lines)
    head = _header_length(lines, wrapped)
    foot = _footer_start(lines, head, wrapped)
    header, footer = lines[:head], lines[foot:]
    facts = _Facts(body=[], title=_find_title([line.text for line in header]))

    for line in header + footer:
        if facts.url is None and (match := _URL_LINE_RE.match(line.text)):
            facts.url = match.group(1)
    for line in header:
        facts.published = facts.published or _date_in_line(line.text)
        if _is_dateline_only(line.text) and (dateline := _match_dateline(line.text)):
            _note_dateline(facts, dateline)

    body_lines = _drop_boilerplate(lines[head:foot], wrapped)
    # A dateline opens the first paragraph, or the second after a standfirst.
    for position in range(min(2, len(body_lines))):
        trimmed = _strip_lead(text, body_lines[position], facts)
        if trimmed is not None:
            body_lines[position] = trimmed
            break
    for line in footer:
        facts.published = facts.published or _date_in_line(line.text)
    if body_lines:
        body_lines[-1] = _trim_end(text, body_lines[-1], _CREDIT_TAIL_RE)
    facts.body = _paragraphs(body_lines, wrapped)
    return facts


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block, pos, bounds = 0, 0, []
    for newline in _NEWLINE_RE.finditer(text):
        bounds.append((pos, newline.start()))
        pos = newline.end()
    bounds.append((pos, len(text)))
    after_blank = False
    for raw_start, raw_end in bounds:
        raw = text[raw_start:raw_end]
        stripped = raw.strip()
        if not stripped:
            after_blank = True
            continue
        if after_blank and lines:
            block += 1
        after_blank = False
        start = raw_start + len(raw) - len(raw.lstrip())
        line = _Line(len(lines), start, start + len(stripped), block, stripped)
        lines.append(_trim_end(text, line, _GLUED_TAIL_RE))
    return lines


def _trim_end(text: str, line: _Line, pattern: re.Pattern[str]) -> _Line:
    match = pattern.search(line.text)
    if not match or match.start() == 0:
        return line
    kept = line.text[: match.start()].rstrip()
    return _Line(line.index, line.start, line.start + len(kept), line.block, kept)


def _words(line: str) -> int:
    return len(line.split())


def _is_sentence(line: str) -> bool:
    """An article sentence: always body text, whatever else the line looks like."""
    return _words(line) > SENTENCE_MIN_WORDS and bool(_SENTENCE_END_RE.search(line))


def _starts_body(line: str) -> bool:
    if _is_sentence(line):
        return True
    return (
        _words(line) >= 3
        and bool(_FULL_STOP_END_RE.search(line))
        and not _is_boilerplate(line)
        and _date_in_line(line) is None
    )


def _is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE_RE.match(line) or _URL_LINE_RE.match(line))


def _is_site_header(line: str) -> bool:
    """Short all-caps lines ("AVRASYA", "CENTER FOR") and navigation breadcrumbs."""
    if _words(line) <= 4 and not any(ch.islower() for ch in line):
        return True
    return bool(_BREADCRUMB_RE.match(line)) and _words(line) <= 8


def _is_metadata(line: str) -> bool:
    return (
        _is_boilerplate(line)
        or _is_site_header(line)
        or _date_in_line(line) is not None
        or _is_dateline_only(line)
    )


def _is_title_candidate(line: str) -> bool:
    words = _words(line)
    return (
        3 <= words <= 30
        and len(line) <= 300
        and not line.endswith((".", ":", ";", ","))
        and (words >= 5 or any(ch.islower() for ch in line))
        and not _is_metadata(line)
    )


def _is_hard_wrapped(lines: list[_Line]) -> bool:
    """Whether the text is wrapped at a fixed width, so most long lines end mid-sentence."""
    long_lines = [line.text for line in lines if _words(line.text) >= SENTENCE_MIN_WORDS]
    unfinished = [line for line in long_lines if not _SENTENCE_END_RE.search(line)]
    return len(long_lines) >= 3 and len(unfinished) >= 0.6 * len(long_lines)


def _header_length(lines: list[_Line], wrapped: bool) -> int:
    """How many leading lines are header (site name, title, date) rather than article."""
    for index, line in enumerate(lines[:HEADER_MAX_LINES]):
        # A wrapped text's sentences span lines, so judge its paragraphs whole.
        unit = " ".join(other.text for other in lines if other.block == line.block)
        if _starts_body(unit if wrapped else line.text):
            # A sentence broken across lines starts on the line before ("but we are").
            while index > 0 and _continues(lines[index - 1], lines[index], wrapped):
                index -= 1
            return index
    # No article sentence near the top: take only lines that are plainly metadata,
    # and one title line, always leaving at least one line of body.
    index, seen_title = 0, False
    while index < len(lines) - 1:
        current = lines[index].text
        if _HEADING_RE.match(current) or (not seen_title and _is_title_candidate(current)):
            seen_title = True
        elif not _is_metadata(current):
            break
        index += 1
    return index


def _footer_start(lines: list[_Line], head: int, wrapped: bool) -> int:
    """Index of the first trailing line that is footer (source URL, credits, share links)."""
    foot = len(lines)
    while foot - 1 > head:
        line = lines[foot - 1].text
        if _is_sentence(line) or _continues(lines[foot - 2], lines[foot - 1], wrapped):
            break
        short_fragment = (
            _words(line) <= SENTENCE_MIN_WORDS
            and not _SENTENCE_END_RE.search(line)
            and not _HAS_SENTENCE_BREAK_RE.search(line)
        )
        if not (_is_boilerplate(line) or short_fragment):
            break
        foot -= 1
    return foot


def _drop_boilerplate(lines: list[_Line], wrapped: bool) -> list[_Line]:
    """Drop boilerplate lines and doubled captions from the article; never a sentence."""
    kept = []
    for index, line in enumerate(lines):
        carried_on = index > 0 and _continues(lines[index - 1], line, wrapped)
        if _is_sentence(line.text) or carried_on:
            kept.append(line)
            continue
        doubled = any(
            0 <= other < len(lines) and lines[other].text == line.text
            for other in (index - 1, index + 1)
        )
        if not (_is_boilerplate(line.text) or doubled):
            kept.append(line)
    return kept


def _strip_lead(text: str, line: _Line, facts: _Facts) -> _Line | None:
    """Move a body line's start past a leading date and dateline; None if it has none."""
    offset = 0
    lead = _LEAD_DATE_RE.match(line.text)
    if lead:
        facts.published = facts.published or _date_in_line(lead.group("date"))
        offset = lead.end()
    dateline = _match_dateline(line.text, offset)
    if dateline and dateline.end() < len(line.text):
        _note_dateline(facts, dateline)
        offset = dateline.end()
    if offset == 0:
        return None
    start = line.start + offset
    return _Line(line.index, start, line.end, line.block, text[start : line.end])


def _match_dateline(line: str, pos: int = 0) -> re.Match[str] | None:
    match = _DATELINE_RE.match(line, pos)
    if not match or not (match.group("slash_agency") or match.group("agency") or match["sep"]):
        # "Tokyo, 22 Mar The Japanese Prime Minister …", "Madrid, 15 Jun (EFE).-": a
        # place not in capitals, known for a dateline by the date it carries.
        match = _TITLE_DATELINE_RE.match(line, pos)
        return match if match and (match.group("d1") or match.group("d2")) else None
    if len(match.group("place").strip(".-'’")) < 3:
        return None
    return match


def _is_dateline_only(line: str) -> bool:
    match = _match_dateline(line)
    return match is not None and match.end() == len(line)


def _note_dateline(facts: _Facts, dateline: re.Match[str]) -> None:
    agency = dateline.group("slash_agency") or dateline.group("agency")
    if agency and facts.agency is None:
        facts.agency = _outlet_for_agency(agency.strip())
    month = dateline.group("m1") or dateline.group("m2")
    day = dateline.group("d1") or dateline.group("d2")
    if month and day and facts.dateline_day is None:
        facts.dateline_day = (_month_number(month), int(day))
    facts.dateline_place = facts.dateline_place or dateline.group("place").strip()


def _paragraphs(body: list[_Line], wrapped: bool) -> list[tuple[int, int]]:
    """Group body lines into paragraphs, mending sentences broken across line breaks."""
    spans: list[tuple[int, int]] = []
    previous: _Line | None = None
    for line in body:
        if previous is not None and _continues(previous, line, wrapped):
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
        previous = line
    return spans


def _continues(previous: _Line, line: _Line, wrapped: bool) -> bool:
    """Whether `line` carries on the sentence `previous` left unfinished."""
    if _SENTENCE_END_RE.search(previous.text) or previous.text.endswith(":"):
        return False
    # Only lines that were next to each other: a span must not swallow dropped boilerplate.
    if line.index != previous.index + 1:
        return False
    if line.text[:1].islower() or _COMMA_END_RE.search(previous.text):
        return True
    # In a hard-wrapped text, lines of one block are one paragraph.
    return wrapped and line.block == previous.block


def _find_title(header: list[str]) -> str | None:
    for line in header:
        if heading := _HEADING_RE.match(line):
            return heading.group(1).strip("*_ ").strip() or None
    candidates = [line for line in header if _is_title_candidate(line)]
    if not candidates:
        return None
    first = candidates[0]
    for later in candidates[1:]:
        # "HomeWorldLavrov: US uses NATO…" followed by "Lavrov: US uses NATO…"
        if later != first and first.endswith(later):
            return later
    if crumbs := _GLUED_CRUMBS_RE.match(first):  # "HomeWorldLavrov: …" -> "Lavrov: …"
        return first[len(crumbs.group(1)) :]
    return first


# ---------------------------------------------------------------------------------------
# Dates, URLs, outlets
# ---------------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ].index(name[:3].lower()) + 1


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_in_line(line: str) -> dt.date | None:
    """The date a metadata line states ("Added On October 28, 2020", "22.02.2019")."""
    if _is_sentence(line):
        return None
    for match in _ISO_DATE_RE.finditer(line):
        if found := _make_date(int(match[1]), int(match[2]), int(match[3])):
            return found
    for match in _DOTTED_DATE_RE.finditer(line):  # day.month.year, as written in Europe
        if found := _make_date(int(match[3]), int(match[2]), int(match[1])):
            return found
    written = _TEXT_DATE_RE.search(line)
    if written:
        # Only when the date is most of the line: a caption "… in Tehran on March 4, 2023"
        # dates a photo, not the article.
        rest = _TIME_RE.sub(" ", line[: written.start()] + " " + line[written.end() :])
        if len(re.findall(r"[^\W\d_]+", rest)) <= 4:
            return _make_date(
                int(written["y1"] or written["y2"]),
                _month_number(written["m1"] or written["m2"]),
                int(written["d1"] or written["d2"]),
            )
        return None
    foreign = any(ch.isalpha() and not ch.isascii() for ch in line)
    if foreign and _words(line) <= 6 and re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", line):
        return _parse_foreign_date(line)
    return None


def _parse_foreign_date(line: str) -> dt.date | None:
    """A date line in another language ("24 августа 2022, 06:26"), read by dateparser."""
    import dateparser  # slow to import; only needed for the rare non-English date line

    parsed = dateparser.parse(
        line,
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
        },
    )
    return _make_date(parsed.year, parsed.month, parsed.day) if parsed else None


def _date_near(month_day: tuple[int, int], reference: dt.date) -> dt.date | None:
    """The date with this month and day closest before (or just after) `reference`."""
    month, day = month_day
    for year in (reference.year, reference.year - 1):
        candidate = _make_date(year, month, day)
        if candidate and candidate <= reference + dt.timedelta(days=7):
            return candidate
    return None


def _date_from_url(url: str) -> dt.date | None:
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}"
    for pattern in _URL_DATE_RES:
        for match in pattern.finditer(path):
            if found := _make_date(int(match[1]), int(match[2]), int(match[3])):
                return found
    return None


@cache
def _outlet_table() -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads((DATA_DIR / "outlets.json").read_text(encoding="utf-8"))
    agencies = {key.casefold(): value for key, value in data["agencies"].items()}
    return agencies, dict(data["domains"])


def _outlet_for_agency(token: str) -> str:
    agencies, _ = _outlet_table()
    return agencies.get(token.casefold(), token)


def _outlet_for_url(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host:
        return None
    _, domains = _outlet_table()
    labels = host.split(".")
    for index in range(len(labels) - 1):
        if (suffix := ".".join(labels[index:])) in domains:
            return domains[suffix]
    return host.removeprefix("www.")
