"""Doc → statements: the only code that reads diplograph's spaCy annotations.

The pipeline parses a copy of the article in which everything outside the body is blanked
(same length), so every token offset is an offset into the original text.
"""

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph_schema import Label
from pipelines.components.attribution import PERIOD_PREFIX, StatementSpan
from pipelines.components.entities import MENTIONS_KEY
from pipelines.components.stance import FoundRelation
from pipelines.dates import WEEKDAYS, resolve_date, weekday_anchored_date
from pipelines.documents import Document
from pipelines.gazetteer import Gazetteer, default_gazetteer
from pipelines.statements import (
    DocumentInfo,
    Entity,
    EntityRef,
    Extraction,
    Relation,
    Statement,
)
from stores.base import name_key

# Memory grows with batch size far more than speed does: bench/extraction.py, 300 articles,
# batch 8 against 16: the same words/s, peak 358 MB against 429 MB per process.
BATCH_SIZE = 8


def parse_text(document: Document) -> str:
    """The text the pipeline reads: the original with non-body characters blanked.

    The title stays too: it often names what the body only calls "the alliance". Nothing
    said in it becomes a statement (see extraction_from_doc)."""
    keep = bytearray(len(document.text))
    for start, end in [*document.body, *_title_span(document)]:
        keep[start:end] = b"\x01" * (end - start)
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(document.text))


def _title_span(document: Document) -> list[tuple[int, int]]:
    if not document.title or not document.body:
        return []
    at = document.text.find(document.title)
    if at < 0 or at + len(document.title) > document.body[0][0]:
        return []
    return [(at, at + len(document.title))]


def extract(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction]:
    """Statements of each document, in order, through one batched nlp.pipe."""
    gaz = default_gazetteer()
    pairs = ((_prepared(nlp, d, gaz), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extraction_from_doc(doc, document)


def _prepared(nlp: Language, document: Document, gaz: Gazetteer) -> Doc:
    """The tokens the pipeline reads, with what it cannot see in them: the dateline's
    country, cut from the body."""
    doc = nlp.make_doc(parse_text(document))
    doc._.dg_home = home_country(document, gaz)
    return doc


def home_country(document: Document, gaz: Gazetteer) -> str | None:
    """The country id of the place a dateline names ("ISLAMABAD:" -> Pakistan), if any."""
    if not document.dateline:
        return None
    place = gaz.lookup(document.dateline.title())
    return place.id if place is not None and place.type == Label.COUNTRY else None


def statement_id(speaker_id: str, quote: str) -> str:
    """Content-derived: the same speaker and words give the same id in any reprint."""
    digest = hashlib.sha256(f"{speaker_id}|{name_key(quote)}".encode()).hexdigest()
    return f"statement:{digest[:16]}"


def extraction_from_doc(doc: Doc, document: Document, gaz: Gazetteer | None = None) -> Extraction:
    gaz = gaz or default_gazetteer()
    entities: dict[str, Entity] = dict(doc._.dg_entities or {})
    spans: list[StatementSpan] = doc._.dg_statements or []
    relations: list[list[FoundRelation]] = doc._.dg_relations or [[] for _ in spans]
    statements: list[Statement] = []
    previous_date, previous_speaker = None, None
    body_start = document.body[0][0] if document.body else 0
    # Weekdays resolve against the publication date, else the latest full date the text
    # gives ("… on Saturday" above a tweet dated "April 29, 2023"), else a weekday with
    # its date ("on Thursday (June 22)").
    text = doc.text  # spaCy joins every token again on each access
    dates = [ent for ent in doc.ents if ent.label_ == "DATE"]  # doc.ents makes new spans
    reference = document.published or _latest_full_date(dates) or weekday_anchored_date(text)
    lede_end = document.body[1][1] if len(document.body) > 1 else len(text)
    story_date = _story_date([d for d in dates if d.start_char < lede_end], reference)
    kept = []
    for st, found in zip(spans, relations, strict=True):
        start, end = _strip(text, st.start, st.end)  # blanked boilerplate strips too
        if end > start and start >= body_start:  # nothing said in a title is a statement
            kept.append((st, found, start, end))
    contexts = _story_contexts(doc, text, [_context(doc, s, e, st.cue_i) for st, _, s, e in kept])
    # Read once: each access to doc.spans makes new Span objects. dg_entities writes them
    # in text order.
    mentions = [(m.start_char, m.end_char, m.kb_id_) for m in doc.spans.get(MENTIONS_KEY, [])]
    starts = [start for start, _, _ in mentions]
    for (st, found, start, end), context in zip(kept, contexts, strict=True):
        quote = document.text[start:end]
        # "in March, Putin said", "Last week, X said": no day, and no other statement's day
        # is theirs.
        period = (st.date_text or "").startswith(PERIOD_PREFIX)
        date = None if period else resolve_date(st.date_text, reference)
        if date is None and _that_day(st.date_text) and st.cue_i is not None:
            # "… said that day" after "On September 1, …": the day named last before
            date = _day_named_before(dates, doc[st.cue_i].idx, reference)
        if not period:
            # "He added …" goes on the same day; another speaker quoted without a day is
            # dated by the story ("X said on Tuesday" in its lede), else its publication.
            same = st.speaker_id == previous_speaker
            date = date or (previous_date if same else None) or story_date or document.published
        previous_date, previous_speaker = date, st.speaker_id
        speaker = _describe_speaker(entities[st.speaker_id], st, date, gaz)
        entities[speaker.id] = speaker
        country_id = speaker.id if speaker.type == Label.COUNTRY else speaker.country or ""
        country = entities.get(country_id) or gaz.entities.get(country_id)
        statements.append(
            Statement(
                id=statement_id(speaker.id, quote),
                speaker=_ref(speaker),
                role=st.role or speaker.role,
                speaks_for=_ref(country) if country is not None else None,
                date=date,
                quote=quote,
                span=(start, end),
                kind=st.kind,
                cue=_token_chars(doc, st.cue_i),
                source=st.source,
                relations=tuple(
                    Relation(
                        stance=r.stance,
                        target=_ref(entities[r.target_id]),
                        evidence=r.evidence,
                        confidence=r.confidence,
                        rule=r.rule,
                    )
                    for r in found
                    if r.target_id in entities
                ),
                mentions=_mentions(mentions, starts, context, entities, speaker.id),
            )
        )
    used = _referenced(statements, entities, gaz)
    return Extraction(
        document=DocumentInfo(
            id=document.id,
            title=document.title,
            outlet=document.outlet,
            published=document.published,
            url=document.url,
            source_file=document.source_file,
        ),
        statements=tuple(statements),
        entities=tuple(used),
        warnings=() if statements else ("no statements found",),
    )


def _story_date(dates: list[Span], reference: dt.date | None) -> dt.date | None:
    """The day the story happened when its statements carry none: the first "on Tuesday",
    "today" or "yesterday" of its lede (of the DATE entities given), read against the
    reference date; not a day to come ("is expected to meet on Wednesday")."""
    if reference is None:
        return None
    for ent in dates:
        words = ent.text.lower().split()
        day = any(w in WEEKDAYS or w in ("today", "yesterday") for w in words)
        if len(words) <= 2 and day and not _ahead(ent.root):
            return resolve_date(ent.text, reference)
    return None


def _that_day(date_text: str | None) -> bool:
    return (date_text or "").lower() in ("that day", "the same day", "that same day")


def _day_named_before(dates: list[Span], before: int, reference: dt.date | None) -> dt.date | None:
    """The last day a DATE entity before that character names, if any."""
    for ent in reversed(dates):
        if ent.end_char <= before and not _that_day(ent.text):
            day = resolve_date(ent.text, reference)
            if day is not None:
                return day
    return None


def _ahead(word: Token) -> bool:
    """A day of something still to come: "will meet on Wednesday", "is expected to visit
    Beijing on Wednesday", "plans to travel on Monday"."""
    verb = word
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
        verb = verb.head
    if any(c.lower_ in FUTURE_WORDS for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLANNING_VERBS


FUTURE_WORDS = {"will", "shall", "'ll", "would", "to"}
# Verbs whose infinitive is still to come: "is expected to meet".
PLANNING_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim"}


def _latest_full_date(dates: list[Span]) -> dt.date | None:
    """The latest of the DATE entities written out with day, month and year, if any."""
    days = []
    for ent in dates:
        if re.search(r"\b(19|20)\d\d\b", ent.text):
            day = resolve_date(ent.text, None)
            if day is not None:
                days.append(day)
    return max(days, default=None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”'«„"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in '"“”«»,'):
        end -= 1
    if end < len(text) and text[end] in '"”»' and _opens_a_quote(text[start:end]):
        end += 1  # 'the statements were "populist and absurd"': the quote it opens closes
    return start, end


def _opens_a_quote(text: str) -> bool:
    unclosed = text.count("“") > text.count("”") or text.count("«") > text.count("»")
    return unclosed or text.count('"') % 2 == 1


def _token_chars(doc: Doc, i: int | None) -> tuple[int, int] | None:
    if i is None:
        return None
    token = doc[i]
    if token.lower_ == "according":  # the cue is the phrase "according to"
        return token.idx, doc[i + 1].idx + len(doc[i + 1])
    return token.idx, token.idx + len(token)


def _ref(entity: Entity) -> EntityRef:
    # Not model_construct: pydantic's validation (in Rust) is faster than its Python-side
    # construct (1.6 against 2.6 microseconds here).
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


def _describe_speaker(entity: Entity, st: StatementSpan, date, gaz: Gazetteer) -> Entity:
    """The speaker with the office they held that day and the country they speak for."""
    update: dict[str, str | None] = {}
    office = gaz.office_on(entity.id, date) if entity.type == Label.PERSON else None
    if st.role and (office is None or office.role != st.role):
        # The text names the office: the one of that title they held, where known.
        titled = [o for o in gaz.offices.get(entity.id, []) if o.role == st.role]
        office = max(titled, key=lambda o: o.start or dt.date.min, default=office)
    # What the text says first, then the office held that day, then the latest known.
    role = st.role or (office.role if office else entity.role)
    country = st.speaks_for or (office.country if office else entity.country)
    if role and entity.type == Label.PERSON:
        update["role"] = role
    if entity.type == Label.PERSON or (country and entity.type == Label.ORGANIZATION):
        update["country"] = country
    return entity.model_copy(update=update)


def _context(doc: Doc, start: int, end: int, cue_i: int | None) -> tuple[int, int]:
    """The sentences a statement stands in, with its cue: what it is said to mention."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    first, last = span[0].sent, span[-1].sent
    if cue_i is not None:
        cue_sent = doc[cue_i].sent
        first = min(first, cue_sent, key=lambda s: s.start)
        last = max(last, cue_sent, key=lambda s: s.end)
    return first.start_char, last.end_char


def _story_contexts(doc: Doc, text: str, own: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """What each statement is said to mention: its own sentences, plus the narrative
    sentences no statement covers that frame it. The headline and lead before the first
    statement frame that one; background after a statement ("Iran and the P4+1 group of
    countries … have held talks") frames the statement before it."""
    contexts = [[span] for span in own]
    if not own:
        return contexts
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if not text[start:end].strip() or any(s < end and start < e for s, e in own):
            continue
        before = [k for k, (s, _) in enumerate(own) if s < sent.start_char]
        contexts[before[-1] if before else 0].append((start, end))
    return contexts


def _mentions(
    mentions: list[tuple[int, int, str]],
    starts: list[int],
    context: list[tuple[int, int]],
    entities: dict[str, Entity],
    speaker_id: str,
) -> tuple[EntityRef, ...]:
    """The entities mentioned (start, end, entity id; in text order, `starts` their
    starts) inside the context."""
    out: dict[str, EntityRef] = {}
    # Only mentions starting within the context's bounds can be inside it.
    first = bisect.bisect_left(starts, min(s for s, _ in context))
    last = bisect.bisect_left(starts, max(e for _, e in context))
    for start, end, entity_id in mentions[first:last]:
        inside = any(s <= start and end <= e for s, e in context)
        if inside and entity_id in entities and entity_id != speaker_id and entity_id not in out:
            out[entity_id] = _ref(entities[entity_id])
    return tuple(out.values())


def _referenced(
    statements: list[Statement], entities: dict[str, Entity], gaz: Gazetteer
) -> list[Entity]:
    """Every entity the statements point to, plus the countries and parties those name."""
    ids: dict[str, None] = {}
    for st in statements:
        ids[st.speaker.id] = None
        for ref in (st.speaks_for, *[r.target for r in st.relations], *st.mentions):
            if ref is not None:
                ids[ref.id] = None
    out: dict[str, Entity] = {}
    for entity_id in ids:
        entity = entities.get(entity_id) or gaz.entities.get(entity_id)
        if entity is None:
            continue
        out[entity_id] = entity
        linked = [entity.country] if entity.country else []
        for other in (*linked, *entity.parties):
            other_entity = entities.get(other) or gaz.entities.get(other)
            if other_entity is not None:
                out.setdefault(other, other_entity)
    # Links to entities that could not be resolved would dangle: drop them.
    kept = []
    for e in out.values():
        country = e.country if e.country in out else None
        parties = tuple(p for p in e.parties if p in out)
        unchanged = country == e.country and parties == e.parties  # frozen: no copy needed
        kept.append(
            e if unchanged else e.model_copy(update={"country": country, "parties": parties})
        )
    return kept
