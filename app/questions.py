"""Plain-English questions parsed into a `ParsedQuestion`, by rules (no model, no LLM).

A question is split in two: a trailing date clause ("since 2020", "in March 2022",
"between 2019 and 2021"), read with a regular expression, and the rest, matched whole by
spaCy `Matcher` patterns over a blank English tokenizer. Each pattern is a fixed skeleton of
function words (who, did, say, about, which, ...) around free slots for the speaker and the
target; the matcher's alignments tell which tokens filled which slot.

Names are kept as the user typed them; `app.ask` resolves them against the graph, trying
`name_candidates` (a leading "the", then a trailing "treaty"/"alliance", dropped) in order.

Exception tree:
    QuestionNotUnderstood(ValueError)   no form matched (the API answers 422, the CLI exits 2)
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import spacy
from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Token

from graph_schema import Label, Stance

MAX_QUESTION_CHARS = 300

# The forms the parser understands, shown to users whose question matched none of them.
QUESTION_FORMS: tuple[str, ...] = (
    "who criticized <target>? (also: condemned, opposed, denounced, attacked)",
    "who supported <target>? (also: backed, endorsed, praised, welcomed, defended)",
    "who has criticized <target> since 2020?",
    "who mentioned <target>? (also: discussed, talked about, spoke about)",
    "what was said about <topic>? / statements about <topic>",
    "statements by <speaker> [about <topic>]",
    "what did <speaker> say about <topic>?",
    "what did <speaker> say?",
    "what does <speaker> think of <topic>?",
    "did <speaker> criticize <target>? / has <speaker> supported <target>?",
    "which treaties did <speaker> mention?",
    "which countries|organizations|alliances|people did <speaker> criticize|support|mention?",
    "any of these ending with: since 2020, in 2019, before March 2022, between 2019 and 2021",
)


class QuestionNotUnderstood(ValueError):
    """The question matched none of the understood forms."""

    def __init__(self, question: str, reason: str | None = None) -> None:
        self.question = question
        self.reason = reason
        super().__init__(not_understood_message(question, reason))


def not_understood_message(question: str, reason: str | None = None) -> str:
    """One line naming the problem and listing every form the parser understands."""
    why = f" ({reason})" if reason else ""
    return (
        f"Could not understand the question {question.strip()!r}{why}. "
        f"Ask one of: {'; '.join(QUESTION_FORMS)}"
    )


class Intent(StrEnum):
    WHO = "who"  # who criticized X -> speakers with a stance on a target
    STATEMENTS = "statements"  # what did S say (about X) -> statements by S (mentioning X)
    CHECK = "check"  # did S criticize X -> statements by S with that stance on X
    ENTITIES = "entities"  # which treaties did S mention -> entities of one type


class ParsedQuestion(BaseModel):
    """What a question asks. For `statements`, `target` is a topic: mentioned or targeted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intent: Intent
    stance: Stance | None = None
    speaker: str | None = None
    target: str | None = None
    entity_type: Label | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


# --- vocabulary (grammar, not knowledge about the world) ------------------------------------


def _forms(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


CRITICIZE_WORDS = _forms(
    "criticize criticizes criticized criticizing criticise criticises criticised criticising",
    "condemn condemns condemned condemning oppose opposes opposed opposing",
    "denounce denounces denounced denouncing attack attacks attacked attacking",
    "slam slams slammed slamming",
)
SUPPORT_WORDS = _forms(
    "support supports supported supporting back backs backed backing",
    "endorse endorses endorsed endorsing praise praises praised praising",
    "welcome welcomes welcomed welcoming defend defends defended defending",
    "favor favors favored favoring favour favours favoured favouring",
    "champion champions championed championing applaud applauds applauded applauding",
)
STANCE_ADJECTIVES = {"critical": Stance.CRITICIZES, "supportive": Stance.SUPPORTS}
MENTION_WORDS = _forms(
    "mention mentions mentioned mentioning discuss discusses discussed discussing",
    "cite cites cited citing talk talks talked talking refer refers referred referring",
    "speak speaks spoke spoken speaking",
)
# Not "state"/"states": a speaker may be "the State Department" (speakers hold no skeleton word).
SAY_WORDS = _forms("say says said saying stated think thinks thought")
VIEW_NOUNS = _forms("position view views stance opinion take")
ABOUT_WORDS = _forms("about on of regarding concerning")
STATEMENT_NOUNS = _forms("statements statement quotes quote remarks comments")
PARTICLES = _forms("about to of on")
AUX_WORDS = _forms("do does did has have had is are was were been be will would 's 've")
ADVERBS = _forms(
    "ever publicly openly also recently repeatedly explicitly actually really already once"
)
TYPE_NOUNS: dict[str, Label] = {
    **dict.fromkeys(_forms("treaty treaties agreement agreements accord accords"), Label.TREATY),
    **dict.fromkeys(
        _forms("country countries nation nations state states government governments"),
        Label.COUNTRY,
    ),
    **dict.fromkeys(
        _forms("organization organizations organisation organisations institution institutions"),
        Label.ORGANIZATION,
    ),
    **dict.fromkeys(_forms("alliance alliances bloc blocs"), Label.ALLIANCE),
    **dict.fromkeys(
        _forms("people person persons leader leaders official officials politician politicians"),
        Label.PERSON,
    ),
}

STANCE_WORDS: dict[str, Stance] = {
    **dict.fromkeys(CRITICIZE_WORDS, Stance.CRITICIZES),
    **dict.fromkeys(SUPPORT_WORDS, Stance.SUPPORTS),
}
# A speaker slot never holds the skeleton's own words, so each match splits one way only;
# except that a verb written with a capital inside the question is a name's part ("what did
# Said al Janabi say", "did Backer criticize NATO"): those never follow each other in a form.
_VERB_WORDS = STANCE_WORDS.keys() | MENTION_WORDS | SAY_WORDS | STANCE_ADJECTIVES.keys()
_NOT_IN_SPEAKER = frozenset(AUX_WORDS | ADVERBS | _VERB_WORDS | {"about", "regarding"})
_NAME_WORD = "dg_question_name_word"


def _is_name_word(token: Token) -> bool:
    """Whether a token may be part of a speaker's name (see _NOT_IN_SPEAKER)."""
    lower = token.lower_
    if lower not in _NOT_IN_SPEAKER:
        return True
    return lower in _VERB_WORDS and token.i > 0 and token.text[:1].isupper()


# --- patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    spec: dict[str, Any]
    role: str | None = None  # speaker, target, verb, type: which slot the token fills


def _word(*words: str | frozenset[str], op: str | None = None, role: str | None = None) -> _Tok:
    flat = sorted({w for item in words for w in ([item] if isinstance(item, str) else item)})
    spec: dict[str, Any] = {"LOWER": {"IN": flat}}
    if op:
        spec["OP"] = op
    return _Tok(spec, role)


_SPEAKER = _Tok({"_": {_NAME_WORD: True}, "OP": "+"}, "speaker")
_TARGET = _Tok({"OP": "+"}, "target")
_AUX_OPT = _word(AUX_WORDS, op="*")
_ADV_OPT = _word(ADVERBS, op="*")
_STANCE_VERB = _word(frozenset(STANCE_WORDS), role="verb")
_STANCE_ADJ = _word(*STANCE_ADJECTIVES, role="verb")
_QUESTION_AUX = _word("did", "does", "do", "has", "have", "had", "is", "was", "are", "were")
_MENTION_VERB = _word(MENTION_WORDS, role="verb")
_SHOW_OPT = _word("show", "list", "find", "give", "get", op="?")

_PATTERNS: dict[Intent, list[list[_Tok]]] = {
    Intent.WHO: [
        [_word("who"), _AUX_OPT, _ADV_OPT, _STANCE_VERB, _TARGET],
        [_word("who"), _AUX_OPT, _ADV_OPT, _STANCE_ADJ, _word("of"), _TARGET],
        [_word("who"), _AUX_OPT, _ADV_OPT, _MENTION_VERB, _word(PARTICLES, op="?"), _TARGET],
    ],
    Intent.STATEMENTS: [
        [_word("what"), _word(AUX_WORDS, op="?"), _SPEAKER, _ADV_OPT, _word(SAY_WORDS)],
        [
            _word("what"),
            _word(AUX_WORDS, op="?"),
            _SPEAKER,
            _ADV_OPT,
            _word(SAY_WORDS),
            _word(ABOUT_WORDS),
            _TARGET,
        ],
        [
            _word("what"),
            _word("is", "was", "'s"),
            _SPEAKER,
            _word("'s"),
            _word(VIEW_NOUNS),
            _word(ABOUT_WORDS),
            _TARGET,
        ],
        # "what was said about X", "what has been said about X": anyone's statements
        [_word("what"), _word(AUX_WORDS, op="+"), _word("said"), _word(ABOUT_WORDS), _TARGET],
        # "statements about X", "show me statements by S about X", "quotes by S"
        [_SHOW_OPT, _word("me", op="?"), _word(STATEMENT_NOUNS), _word(ABOUT_WORDS), _TARGET],
        [_SHOW_OPT, _word("me", op="?"), _word(STATEMENT_NOUNS), _word("by", "from"), _SPEAKER],
        [
            _SHOW_OPT,
            _word("me", op="?"),
            _word(STATEMENT_NOUNS),
            _word("by", "from"),
            _SPEAKER,
            _word(ABOUT_WORDS),
            _TARGET,
        ],
    ],
    Intent.CHECK: [
        [_QUESTION_AUX, _SPEAKER, _AUX_OPT, _ADV_OPT, _STANCE_VERB, _TARGET],
        [_QUESTION_AUX, _SPEAKER, _AUX_OPT, _ADV_OPT, _STANCE_ADJ, _word("of"), _TARGET],
    ],
    Intent.ENTITIES: [
        [
            _word("which", "what"),
            _word(*TYPE_NOUNS, role="type"),
            _word(AUX_WORDS, op="+"),
            _SPEAKER,
            _AUX_OPT,
            _ADV_OPT,
            _word(frozenset(STANCE_WORDS) | MENTION_WORDS, role="verb"),
            _word(PARTICLES, op="?"),
        ],
    ],
}


@lru_cache(maxsize=1)
def _tokenizer_and_matcher() -> tuple[Language, Matcher, dict[str, list[_Tok]]]:
    nlp = spacy.blank("en")
    Token.set_extension(_NAME_WORD, getter=_is_name_word, force=True)
    matcher = Matcher(nlp.vocab)
    by_key: dict[str, list[_Tok]] = {}
    for intent, patterns in _PATTERNS.items():
        for number, pattern in enumerate(patterns):
            key = f"{intent.value}:{number}"
            matcher.add(key, [[tok.spec for tok in pattern]])
            by_key[key] = pattern
    return nlp, matcher, by_key


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"  # 2022-02-24
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"  # 24 February 2022
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # February 24, 2022
    rf"|{_MONTH},?\s+\d{{4}}"  # February 2022
    r"|\d{4})"  # 2022
)
_RANGE_CLAUSE = re.compile(
    rf"\s+(?:between\s+(?P<a>{_DATE})\s+and|from\s+(?P<b>{_DATE})\s+(?:to|until|till))"
    rf"\s+(?P<end>{_DATE})$",
    re.IGNORECASE,
)
_SINGLE_CLAUSE = re.compile(
    rf"\s+(?P<prep>since|after|before|until|till|up\s+to|in|during|from)\s+(?P<date>{_DATE})$",
    re.IGNORECASE,
)


def _date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day the date phrase covers: a day, a month or a year."""
    text = text.strip().lower().replace(",", " ").replace(".", " ")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).split()
    month = next(_MONTHS[w] for w in words if w in _MONTHS)
    numbers = [int(w) for w in words if w.isdigit()]
    year = numbers[-1]
    if len(numbers) == 2:
        day = dt.date(year, month, numbers[0])
        return day, day
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def split_date_clause(text: str) -> tuple[str, dt.date | None, dt.date | None]:
    """The question without its trailing date clause, and the dates the clause bounds."""
    if m := _RANGE_CLAUSE.search(text):
        start, _ = _date_bounds(m["a"] or m["b"])
        _, end = _date_bounds(m["end"])
        return text[: m.start()], start, end
    if m := _SINGLE_CLAUSE.search(text):
        first, last = _date_bounds(m["date"])
        prep = " ".join(m["prep"].lower().split())
        rest = text[: m.start()]
        if prep in ("since", "from"):
            return rest, first, None
        if prep == "after":
            return rest, last + dt.timedelta(days=1), None
        if prep == "before":
            return rest, None, first - dt.timedelta(days=1)
        if prep in ("until", "till", "up to"):
            return rest, None, last
        return rest, first, last  # in, during
    return text, None, None


# --- parsing ---------------------------------------------------------------------------------

_LEADING_PARTICLE = re.compile(r"^(?:about|of|on|to)\s+", re.I)
_TRAILING_MOST = re.compile(
    r"\s+(?:the\s+)?(?:most(?:\s+often)?|more\s+often|most\s+of\s+all)$", re.I
)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_EDGE_PUNCTUATION = " \t\"'`,;:!?()[]"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S.", "U.K.": keep the final dot


def _normalise(text: str) -> str:
    text = " ".join(text.translate(_QUOTES).split()).rstrip(" ?!")
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1]
    return text.strip()


def parse_question(text: str) -> ParsedQuestion:
    """Parse a question in one of `QUESTION_FORMS`; raise QuestionNotUnderstood otherwise."""
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionNotUnderstood(
            text[:60] + "...", f"longer than {MAX_QUESTION_CHARS} characters"
        )
    cleaned = _normalise(text)
    if not cleaned:
        raise QuestionNotUnderstood(text, "it is empty")
    try:
        body, date_from, date_to = split_date_clause(cleaned)
    except ValueError as exc:  # a date that does not exist, e.g. 2022-02-30
        raise QuestionNotUnderstood(text, f"invalid date: {exc}") from exc
    if date_from and date_to and date_from > date_to:
        raise QuestionNotUnderstood(text, "the period ends before it starts")

    nlp, matcher, patterns = _tokenizer_and_matcher()
    doc = nlp.make_doc(body)
    # With alignments each match is (key, start, end, pattern index of every token).
    matches: Any = matcher(doc, with_alignments=True)
    for match_id, start, end, alignment in matches:
        if start != 0 or end != len(doc):
            continue
        key = nlp.vocab.strings[match_id]
        pattern = patterns[key]
        slots: dict[str, list[int]] = {}
        for offset, index in enumerate(alignment):
            role = pattern[index].role
            if role:
                slots.setdefault(role, []).append(start + offset)
        parsed = _build(Intent(key.split(":")[0]), doc, slots, date_from, date_to)
        if parsed is not None:
            return parsed
    raise QuestionNotUnderstood(text)


def _slot_text(doc: spacy.tokens.Doc, indices: list[int] | None) -> str | None:
    if not indices:
        return None
    text = doc[min(indices) : max(indices) + 1].text.strip(_EDGE_PUNCTUATION)
    return text or None


def _build(
    intent: Intent,
    doc: spacy.tokens.Doc,
    slots: dict[str, list[int]],
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> ParsedQuestion | None:
    speaker = _slot_text(doc, slots.get("speaker"))
    target = _slot_text(doc, slots.get("target"))
    verb = doc[slots["verb"][0]].lower_ if "verb" in slots else None
    stance = STANCE_WORDS.get(verb or "") or STANCE_ADJECTIVES.get(verb or "")
    entity_type = TYPE_NOUNS[doc[slots["type"][0]].lower_] if "type" in slots else None
    if intent is Intent.WHO and target:
        # "who criticized NATO the most": speakers come most frequent first anyway;
        # "who talked about NATO": the particle is the verb's, whichever slot took it.
        target = _TRAILING_MOST.sub("", target) or target
        if stance is None:
            target = _LEADING_PARTICLE.sub("", target) or target
    needs_speaker = intent is not Intent.WHO and not (
        intent is Intent.STATEMENTS and "speaker" not in slots and "target" in slots
    )
    needs_target = intent in (Intent.WHO, Intent.CHECK) or (
        intent is Intent.STATEMENTS and "target" in slots
    )
    if (needs_speaker and not speaker) or (needs_target and not target):
        return None  # the slot held only punctuation
    return ParsedQuestion(
        intent=intent,
        stance=stance,
        speaker=speaker,
        target=target,
        entity_type=entity_type,
        date_from=date_from,
        date_to=date_to,
    )


def name_candidates(phrase: str) -> list[str]:
    """Names to try for a phrase, in order: as typed, without "the", without "treaty"/"alliance".

    "the New START treaty" -> ["the New START treaty", "New START treaty", "New START"].
    The shorter forms are fallbacks, tried only when the longer ones resolve to nothing.
    """
    candidates = [phrase]
    without_the = re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)
    candidates.append(without_the)
    candidates.append(re.sub(r"\s+(treaty|alliance)$", "", without_the, flags=re.IGNORECASE))
    return [c for i, c in enumerate(candidates) if c and c not in candidates[:i]]
