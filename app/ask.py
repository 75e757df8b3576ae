"""Answers to plain-English questions: parse (app.questions), resolve names, query, summarise.

`answer_question` serves both `GET /ask` and `diplograph ask`, so both print the same JSON.
An unparseable question raises QuestionNotUnderstood; a parsed question whose names are not
in the graph is answered with `understood=False`, a sentence saying which name is unknown,
and no results.
"""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from app.query import QueryService
from app.questions import Intent, ParsedQuestion, name_candidates, parse_question
from app.schemas import Paged, StatementsPage, WhoAnswer
from graph_schema import Label, Stance
from stores.base import EntityLink, EntityRecord, name_key

DEFAULT_ASK_LIMIT = 20
# "which treaties did X mention" reads every statement of X; beyond this many it stops.
MAX_STATEMENTS_SCANNED = 10_000
# How many names an answer sentence lists before "and N more".
NAMES_IN_SENTENCE = 3

_PAST = {Stance.CRITICIZES: "criticized", Stance.SUPPORTS: "supported", None: "mentioned"}
_GERUND = {Stance.CRITICIZES: "criticizing", Stance.SUPPORTS: "supporting", None: "mentioning"}
_NOUN = {
    Label.TREATY: ("treaty", "treaties"),
    Label.COUNTRY: ("country", "countries"),
    Label.ORGANIZATION: ("organization", "organizations"),
    Label.ALLIANCE: ("alliance", "alliances"),
    Label.PERSON: ("person", "people"),
}


class SpeakersResult(WhoAnswer):
    """Who took a stance on a target (the `GET /who` answer)."""

    kind: Literal["speakers"] = "speakers"


class StatementsResult(StatementsPage):
    """Statements answering the question, newest first (a `GET /statements` page)."""

    kind: Literal["statements"] = "statements"


class EntityCount(BaseModel):
    """An entity, and how many of the speaker's statements name it in the asked way."""

    entity: EntityLink
    statements: int = Field(ge=1)


class EntitiesResult(Paged[EntityCount]):
    """Entities of one type the speaker named, most statements first."""

    kind: Literal["entities"] = "entities"


AskResults = Annotated[
    SpeakersResult | StatementsResult | EntitiesResult, Field(discriminator="kind")
]


class AskAnswer(BaseModel):
    """A question, how it was read, a one-sentence answer and the records behind it."""

    question: str = Field(description="The question as asked.")
    parsed: ParsedQuestion = Field(description="What the question was read as.")
    understood: bool = Field(
        description="True when every name in the question was found in the graph."
    )
    answer: str = Field(description="One English sentence summarising the results.")
    results: AskResults | None = Field(
        description="The records behind the answer; null when a name was not found."
    )


class _Page(NamedTuple):
    limit: int
    offset: int


class _Name(BaseModel):
    """A phrase from the question resolved to graph entities."""

    query: str  # the candidate that resolved, passed on to QueryService
    display: str  # how the answer sentence names it
    entities: list[EntityRecord]


def answer_question(
    service: QueryService, text: str, *, limit: int = DEFAULT_ASK_LIMIT, offset: int = 0
) -> AskAnswer:
    """Answer a question; raises QuestionNotUnderstood when it matches no understood form."""
    parsed = parse_question(text)
    names: dict[str, _Name] = {}
    for role in ("speaker", "target"):
        phrase = getattr(parsed, role)
        if phrase is None:
            continue
        name = _resolve(service, phrase, canonical=role == "speaker")
        if name is not None and role == "speaker" and _is_country(name):
            # Its ministers and spokespeople count too (QueryService's with_officials).
            name = name.model_copy(update={"display": f"{name.display} or those who speak for it"})
        if name is None:
            return AskAnswer(
                question=text,
                parsed=parsed,
                understood=False,
                answer=f"No entity called \u201c{phrase}\u201d is in the graph.",
                results=None,
            )
        names[role] = name
    speaker, target = names.get("speaker"), names.get("target")
    page = _Page(limit=limit, offset=offset)
    sentence: str
    results: SpeakersResult | StatementsResult | EntitiesResult
    if parsed.intent is Intent.WHO:
        assert target is not None
        sentence, results = _answer_who(service, parsed, target, page)
    elif parsed.intent is Intent.ENTITIES:
        assert speaker is not None
        sentence, results = _answer_entities(service, parsed, speaker, page)
    elif speaker is None:
        assert target is not None
        sentence, results = _answer_topic(service, parsed, target, page)
    else:
        sentence, results = _answer_statements(service, parsed, speaker, target, page)
    return AskAnswer(
        question=text, parsed=parsed, understood=True, answer=sentence, results=results
    )


def _answer_who(
    service: QueryService, parsed: ParsedQuestion, target: _Name, page: _Page
) -> tuple[str, SpeakersResult]:
    """Who criticized (or mentioned) X: speakers ranked by statements (the GET /who answer)."""
    who = service.who(
        stance=parsed.stance,
        target=target.query,
        date_from=parsed.date_from,
        date_to=parsed.date_to,
        limit=page.limit,
        offset=page.offset,
    )
    period = _period(parsed.date_from, parsed.date_to)
    return _who_sentence(who, parsed.stance, target.display, period), SpeakersResult(**dict(who))


def _answer_entities(
    service: QueryService, parsed: ParsedQuestion, speaker: _Name, page: _Page
) -> tuple[str, EntitiesResult]:
    """Which treaties did S mention: entities of a type, counted over S's statements."""
    assert parsed.entity_type is not None
    found = service.named_entities(
        speaker=speaker.query,
        with_officials=True,
        entity_type=parsed.entity_type,
        stance=parsed.stance,
        date_from=parsed.date_from,
        date_to=parsed.date_to,
        limit=page.limit,
        offset=page.offset,
    )
    counts = [EntityCount(entity=t.entity, statements=t.count) for t in found.data]
    results = EntitiesResult(data=counts, count=found.count, limit=page.limit, offset=page.offset)
    period = _period(parsed.date_from, parsed.date_to)
    return _entities_sentence(results, speaker.display, parsed, period), results


def _answer_topic(
    service: QueryService, parsed: ParsedQuestion, topic: _Name, page: _Page
) -> tuple[str, StatementsResult]:
    """What was said about X: anyone's statements mentioning or targeting X, newest first."""
    found = service.statements(
        mention=topic.query,
        date_from=parsed.date_from,
        date_to=parsed.date_to,
        limit=page.limit,
        offset=page.offset,
    )
    period = _period(parsed.date_from, parsed.date_to)
    if found.count:
        span = _span_text(found.first_date, found.last_date)
        sentence = f"{_statements(found.count).capitalize()} about {topic.display}{period}{span}."
    else:
        sentence = f"No statement about {topic.display}{period} is in the graph."
    return sentence, StatementsResult(**dict(found))


def _answer_statements(
    service: QueryService,
    parsed: ParsedQuestion,
    speaker: _Name,
    target: _Name | None,
    page: _Page,
) -> tuple[str, StatementsResult]:
    """Did S criticize X / what did S say (about X): S's statements, newest first."""
    query: dict[str, Any] = {
        "speaker": speaker.query,
        "with_officials": True,
        "date_from": parsed.date_from,
        "date_to": parsed.date_to,
    }
    if parsed.intent is Intent.CHECK:
        assert target is not None and parsed.stance is not None
        query.update(target=target.query, stance=parsed.stance)
    elif target is not None:  # about a topic: mentioned or targeted
        query.update(mention=target.query)
    found = service.statements(**query, limit=page.limit, offset=page.offset)
    period = _period(parsed.date_from, parsed.date_to)
    count = _statements(found.count)
    span = _span_text(found.first_date, found.last_date)
    who = speaker.display
    if parsed.intent is Intent.CHECK:
        assert target is not None and parsed.stance is not None
        if found.count:
            sentence = f"{who} {_PAST[parsed.stance]} {target.display}{period} in {count}{span}."
        else:
            sentence = (
                f"No statement in the graph shows {who} {_GERUND[parsed.stance]} "
                f"{target.display}{period}."
            )
    elif target is not None:
        if found.count:
            sentence = f"{who} spoke about {target.display}{period} in {count}{span}."
        else:
            sentence = f"No statement by {who} about {target.display}{period} is in the graph."
    elif found.count:
        sentence = f"{who} made {count}{period}{span}."
    else:
        sentence = f"No statement by {who}{period} is in the graph."
    return sentence, StatementsResult(**dict(found))


def _resolve(service: QueryService, phrase: str, *, canonical: bool) -> _Name | None:
    """The first of the phrase's candidate names that matches entities, or None.

    Every candidate is tried for an exact name first: "the United States" must find the
    country by "United States" before it finds a treaty whose long alias contains it.
    """
    candidates = name_candidates(phrase)
    for containing in (False, True):
        for candidate in candidates:
            entities = service.resolve(candidate, containing=containing)
            if entities:
                display = _display(phrase, entities, canonical=canonical)
                return _Name(query=candidate, display=display, entities=entities)
    return None


def _is_country(name: _Name) -> bool:
    return any(entity.type is Label.COUNTRY for entity in name.entities)


def _display(phrase: str, entities: Sequence[EntityRecord], *, canonical: bool) -> str:
    """How the answer names what a phrase resolved to.

    Several entities: the phrase as asked. One: its name, with the asker's "the" ("the
    Japan-US alliance"); for a target asked by one of its aliases ("the New START treaty"),
    the phrase as asked, which reads better than "the New START".
    """
    if len(entities) != 1:
        return phrase
    entity = entities[0]
    bare = re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)
    aliases = {name_key(alias) for alias in entity.aliases}
    if not canonical and name_key(bare) != name_key(entity.name) and name_key(bare) in aliases:
        return phrase
    if bare != phrase and not entity.name.lower().startswith("the "):
        return f"the {entity.name}"
    return entity.name


def _period(date_from: dt.date | None, date_to: dt.date | None) -> str:
    if date_from and date_to:
        return f" between {date_from} and {date_to}"
    if date_from:
        return f" since {date_from}"
    if date_to:
        return f" until {date_to}"
    return ""


def _statements(count: int) -> str:
    return f"{count} statement{'s' if count != 1 else ''}"


def _span_text(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    return f" ({first})" if first == last else f" ({first} to {last})"


def _listing(items: list[str], total: int) -> str:
    """ "a", "a and b", "a, b and c", "a, b, c and 2 more"."""
    if total > len(items):
        return f"{', '.join(items)} and {total - len(items)} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _who_sentence(who: WhoAnswer, stance: Stance | None, target: str, period: str) -> str:
    verb = _PAST[stance]
    if not who.total_speakers:
        return f"No statement in the graph shows anyone {_GERUND[stance]} {target}{period}."
    if who.total_speakers == 1 and who.speakers:
        one = who.speakers[0]
        return (
            f"{one.speaker.name} {verb} {target}{period} in {_statements(one.count)}"
            f"{_span_text(one.first_date, one.last_date)}."
        )
    shown = [f"{s.speaker.name} ({_statements(s.count)})" for s in who.speakers[:NAMES_IN_SENTENCE]]
    people = _listing(shown, who.total_speakers) if shown else "speakers on other pages"
    return f"{who.total_speakers} speakers {verb} {target}{period}: {people}."


def _entities_sentence(
    counts: EntitiesResult, speaker: str, parsed: ParsedQuestion, period: str
) -> str:
    assert parsed.entity_type is not None
    singular, plural = _NOUN[parsed.entity_type]
    verb = _PAST[parsed.stance]
    if not counts.count:
        article = "an" if singular[0] in "aeiou" else "a"
        return (
            f"No statement in the graph shows {speaker} {_gerund(parsed.stance)} "
            f"{article} {singular}{period}."
        )
    shown = [f"{c.entity.name} ({_statements(c.statements)})" for c in counts.data]
    noun = singular if counts.count == 1 else plural
    listing = _listing(shown[:NAMES_IN_SENTENCE], counts.count) if shown else "on other pages"
    return f"{speaker} {verb} {counts.count} {noun}{period}: {listing}."


def _gerund(stance: Stance | None) -> str:
    return _GERUND[stance] if stance else "mentioning"
