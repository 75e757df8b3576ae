"""The question parser: many phrasings of each form, and questions it must reject."""

import datetime as dt

import pytest

from app.questions import (
    QUESTION_FORMS,
    Intent,
    ParsedQuestion,
    QuestionNotUnderstood,
    name_candidates,
    parse_question,
    split_date_clause,
)
from graph_schema import Label, Stance

CRIT = Stance.CRITICIZES
SUPP = Stance.SUPPORTS
D = dt.date


def q(intent: Intent, **fields: object) -> ParsedQuestion:
    return ParsedQuestion(intent=intent, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who criticized NATO?", q(Intent.WHO, stance=CRIT, target="NATO")),
        ("Who criticised NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        (
            "who condemned the Japan-US alliance",
            q(Intent.WHO, stance=CRIT, target="the Japan-US alliance"),
        ),
        ("who opposed AUKUS?", q(Intent.WHO, stance=CRIT, target="AUKUS")),
        (
            "who denounced the sanctions regime",
            q(Intent.WHO, stance=CRIT, target="the sanctions regime"),
        ),
        ("who attacked NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        ("who criticizes NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        ("who's criticized NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        ("who has publicly criticized NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        ("who was critical of NATO", q(Intent.WHO, stance=CRIT, target="NATO")),
        (
            "who supported the New START treaty",
            q(Intent.WHO, stance=SUPP, target="the New START treaty"),
        ),
        ("who backed the JCPOA?", q(Intent.WHO, stance=SUPP, target="the JCPOA")),
        ("who endorsed ASEAN", q(Intent.WHO, stance=SUPP, target="ASEAN")),
        ("who praised the African Union", q(Intent.WHO, stance=SUPP, target="the African Union")),
        (
            "who welcomed the Paris Agreement",
            q(Intent.WHO, stance=SUPP, target="the Paris Agreement"),
        ),
        ("who defended the U.S.?", q(Intent.WHO, stance=SUPP, target="the U.S.")),
        ("who has been supportive of NATO", q(Intent.WHO, stance=SUPP, target="NATO")),
        ("  who   criticized   “NATO”  ?? ", q(Intent.WHO, stance=CRIT, target="NATO")),
        (
            "who has criticized the Japan-US alliance since 2020?",
            q(Intent.WHO, stance=CRIT, target="the Japan-US alliance", date_from=D(2020, 1, 1)),
        ),
        (
            "who criticized NATO in 2019",
            q(
                Intent.WHO,
                stance=CRIT,
                target="NATO",
                date_from=D(2019, 1, 1),
                date_to=D(2019, 12, 31),
            ),
        ),
        (
            "who supported AUKUS between 2019 and 2021",
            q(
                Intent.WHO,
                stance=SUPP,
                target="AUKUS",
                date_from=D(2019, 1, 1),
                date_to=D(2021, 12, 31),
            ),
        ),
        (
            "what did Sergey Lavrov say about NATO?",
            q(Intent.STATEMENTS, speaker="Sergey Lavrov", target="NATO"),
        ),
        (
            "what has Lavrov said about the U.S.",
            q(Intent.STATEMENTS, speaker="Lavrov", target="the U.S."),
        ),
        (
            "what does Wang Yi say on the Quad",
            q(Intent.STATEMENTS, speaker="Wang Yi", target="the Quad"),
        ),
        ("what Lavrov said about NATO", q(Intent.STATEMENTS, speaker="Lavrov", target="NATO")),
        ("what did Sergey Lavrov say?", q(Intent.STATEMENTS, speaker="Sergey Lavrov")),
        (
            "what has the State Department stated about Iran",
            q(Intent.STATEMENTS, speaker="the State Department", target="Iran"),
        ),
        ("What has the Kremlin said", q(Intent.STATEMENTS, speaker="the Kremlin")),
        (
            "what did Lavrov say since 24 February 2022",
            q(Intent.STATEMENTS, speaker="Lavrov", date_from=D(2022, 2, 24)),
        ),
        (
            "what does Wang Yi think of the Quad?",
            q(Intent.STATEMENTS, speaker="Wang Yi", target="the Quad"),
        ),
        (
            "what did Blinken think about China",
            q(Intent.STATEMENTS, speaker="Blinken", target="China"),
        ),
        (
            "what is Lavrov's position on NATO",
            q(Intent.STATEMENTS, speaker="Lavrov", target="NATO"),
        ),
        ("what is Lavrov’s view of NATO", q(Intent.STATEMENTS, speaker="Lavrov", target="NATO")),
        (
            "which treaties did Lavrov mention?",
            q(Intent.ENTITIES, speaker="Lavrov", entity_type=Label.TREATY),
        ),
        (
            "what treaties has Lavrov mentioned",
            q(Intent.ENTITIES, speaker="Lavrov", entity_type=Label.TREATY),
        ),
        (
            "which agreements did Sergey Lavrov talk about",
            q(Intent.ENTITIES, speaker="Sergey Lavrov", entity_type=Label.TREATY),
        ),
        (
            "which countries did Lavrov criticize",
            q(Intent.ENTITIES, speaker="Lavrov", entity_type=Label.COUNTRY, stance=CRIT),
        ),
        (
            "which organizations did Wang Yi support?",
            q(Intent.ENTITIES, speaker="Wang Yi", entity_type=Label.ORGANIZATION, stance=SUPP),
        ),
        (
            "which alliances has the Kremlin condemned since 2014",
            q(
                Intent.ENTITIES,
                speaker="the Kremlin",
                entity_type=Label.ALLIANCE,
                stance=CRIT,
                date_from=D(2014, 1, 1),
            ),
        ),
        (
            "which people did Lavrov mention",
            q(Intent.ENTITIES, speaker="Lavrov", entity_type=Label.PERSON),
        ),
        (
            "did Lavrov criticize NATO?",
            q(Intent.CHECK, speaker="Lavrov", stance=CRIT, target="NATO"),
        ),
        (
            "has Lavrov ever criticized NATO",
            q(Intent.CHECK, speaker="Lavrov", stance=CRIT, target="NATO"),
        ),
        (
            "does China support the JCPOA",
            q(Intent.CHECK, speaker="China", stance=SUPP, target="the JCPOA"),
        ),
        (
            "is Lavrov critical of NATO",
            q(Intent.CHECK, speaker="Lavrov", stance=CRIT, target="NATO"),
        ),
        (
            "did Sergey Lavrov condemn the Japan-US alliance in 2019?",
            q(
                Intent.CHECK,
                speaker="Sergey Lavrov",
                stance=CRIT,
                target="the Japan-US alliance",
                date_from=D(2019, 1, 1),
                date_to=D(2019, 12, 31),
            ),
        ),
    ],
)
def test_parses(text: str, expected: ParsedQuestion) -> None:
    assert parse_question(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "what did Said al Janabi say about the JCPOA?",
            q(Intent.STATEMENTS, speaker="Said al Janabi", target="the JCPOA"),
        ),
        ("what did Said al Janabi say", q(Intent.STATEMENTS, speaker="Said al Janabi")),
        (
            "did Backer criticize NATO?",
            q(Intent.CHECK, speaker="Backer", stance=CRIT, target="NATO"),
        ),
        (
            "which treaties did Welcome Msomi mention",
            q(Intent.ENTITIES, speaker="Welcome Msomi", entity_type=Label.TREATY),
        ),
        # a capitalised question keeps its skeleton: the verb is not taken into the name
        ("What Did Lavrov Say About NATO", q(Intent.STATEMENTS, speaker="Lavrov", target="NATO")),
        (
            "Did Lavrov Criticize NATO",
            q(Intent.CHECK, speaker="Lavrov", stance=CRIT, target="NATO"),
        ),
    ],
)
def test_names_holding_a_skeleton_verb(text: str, expected: ParsedQuestion) -> None:
    assert parse_question(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who mentioned the INF Treaty?", q(Intent.WHO, target="the INF Treaty")),
        ("who talked about NATO", q(Intent.WHO, target="NATO")),
        ("Who has discussed AUKUS?", q(Intent.WHO, target="AUKUS")),
        (
            "who criticized NATO the most since 2020?",
            q(Intent.WHO, stance=CRIT, target="NATO", date_from=D(2020, 1, 1)),
        ),
        ("who backed New START most often", q(Intent.WHO, stance=SUPP, target="New START")),
        ("what was said about NATO?", q(Intent.STATEMENTS, target="NATO")),
        ("What has been said about the INF Treaty", q(Intent.STATEMENTS, target="the INF Treaty")),
        ("statements about AUKUS", q(Intent.STATEMENTS, target="AUKUS")),
        (
            "show me statements by Lavrov about NATO",
            q(Intent.STATEMENTS, speaker="Lavrov", target="NATO"),
        ),
        ("quotes from Maria Zakharova", q(Intent.STATEMENTS, speaker="Maria Zakharova")),
    ],
)
def test_parses_mentions_and_topics(text: str, expected: ParsedQuestion) -> None:
    assert parse_question(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ?  ",
        "hello",
        "who is Sergey Lavrov?",
        "who criticized",
        "who criticized ?",
        "what did say about NATO",
        "what did ?? say",
        "did Lavrov",
        "did Lavrov criticize",
        "which treaties did mention",
        "which treaties did Lavrov sign",
        "what is the weather in Moscow",
        "tell me about NATO",
        "criticized NATO",
        "who criticized NATO between 2022 and 2020",
        "who criticized NATO in 2022-02-30",
        "who criticized " + "x " * 200,
    ],
)
def test_rejects(text: str) -> None:
    with pytest.raises(QuestionNotUnderstood) as info:
        parse_question(text)
    message = str(info.value)
    assert message.startswith("Could not understand the question")
    for form in QUESTION_FORMS:
        assert form in message


@pytest.mark.parametrize(
    ("text", "rest", "start", "end"),
    [
        ("who criticized NATO since 2020", "who criticized NATO", D(2020, 1, 1), None),
        ("who criticized NATO after 2020", "who criticized NATO", D(2021, 1, 1), None),
        ("who criticized NATO before 2020", "who criticized NATO", None, D(2019, 12, 31)),
        ("who criticized NATO until March 2022", "who criticized NATO", None, D(2022, 3, 31)),
        ("who criticized NATO in Feb 2024", "who criticized NATO", D(2024, 2, 1), D(2024, 2, 29)),
        ("x since February 24, 2022", "x", D(2022, 2, 24), None),
        ("x since 24th February 2022", "x", D(2022, 2, 24), None),
        ("x before 2022-02-24", "x", None, D(2022, 2, 23)),
        ("x from 2019 to March 2020", "x", D(2019, 1, 1), D(2020, 3, 31)),
        ("x between May 2019 and 2020", "x", D(2019, 5, 1), D(2020, 12, 31)),
        ("who criticized the 2015 deal", "who criticized the 2015 deal", None, None),
    ],
)
def test_date_clause(text: str, rest: str, start: dt.date | None, end: dt.date | None) -> None:
    assert split_date_clause(text) == (rest, start, end)


def test_name_candidates_strip_the_then_suffix() -> None:
    assert name_candidates("the New START treaty") == [
        "the New START treaty",
        "New START treaty",
        "New START",
    ]
    assert name_candidates("the Japan-US alliance") == [
        "the Japan-US alliance",
        "Japan-US alliance",
        "Japan-US",
    ]
    assert name_candidates("NATO") == ["NATO"]
    assert name_candidates("the Quad") == ["the Quad", "Quad"]
