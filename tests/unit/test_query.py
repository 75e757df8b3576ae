"""QueryService over a NetworkxStore: resolving names, listing statements, answering "who".

The story is invented: three critics of a bilateral alliance and one supporter.

    id               speaker        date        stance on                  outlet
    stmt:sato        Haruto Sato    2024-04-01  supports alliance          Tokyo Evening
    stmt:china       China          2024-03-20  criticizes alliance        Beijing Courier
    stmt:li-march    Li Wen         2024-03-05  criticizes alliance        Beijing Courier, Harbour
    stmt:volkova     Irina Volkova  2024-02-10  criticizes alliance        Moscow Ledger
    stmt:li-jan      Li Wen         2024-01-15  criticizes alliance        Beijing Courier
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.query
from app.ask import answer_question
from app.query import BadQuery, NotFound, QueryService
from graph_schema import Label, Stance
from pipelines.graph_rows import extraction_rows
from pipelines.statements import DocumentInfo, Entity, EntityRef, Extraction, Relation, Statement
from stores import NetworkxStore

D = dt.date
CRIT, SUPP = Stance.CRITICIZES, Stance.SUPPORTS

CHINA = Entity(id="country:CHN", name="China", type=Label.COUNTRY, aliases=("PRC",))
JAPAN = Entity(id="country:JPN", name="Japan", type=Label.COUNTRY)
USA = Entity(id="country:USA", name="United States", type=Label.COUNTRY, aliases=("US",))
RUSSIA = Entity(id="country:RUS", name="Russia", type=Label.COUNTRY)
LI = Entity(id="person:li-wen", name="Li Wen", type=Label.PERSON, country="country:CHN")
VOLKOVA = Entity(
    id="person:irina-volkova", name="Irina Volkova", type=Label.PERSON, country="country:RUS"
)
SATO = Entity(id="person:haruto-sato", name="Haruto Sato", type=Label.PERSON, country="country:JPN")
ALLIANCE = Entity(
    id="alliance:japan-us",
    name="Japan-US alliance",
    type=Label.ALLIANCE,
    aliases=("US-Japan alliance", "Japan–US alliance"),
    parties=("country:JPN", "country:USA"),
)
ENTITIES = (CHINA, JAPAN, USA, RUSSIA, LI, VOLKOVA, SATO, ALLIANCE)


def ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


def statement(
    st_id: str, speaker: Entity, date: dt.date, stance: Stance, *mentions: Entity
) -> Statement:
    return Statement(
        id=st_id,
        speaker=ref(speaker),
        date=date,
        quote=f"{speaker.name} on the alliance ({st_id}).",
        span=(0, 40),
        kind="direct",
        relations=(
            Relation(
                stance=stance,
                target=ref(ALLIANCE),
                evidence="the alliance",
                confidence=0.8,
                rule="t",
            ),
        ),
        mentions=tuple(ref(m) for m in mentions),
    )


def doc(doc_id: str, outlet: str, published: dt.date) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id, title=None, outlet=outlet, published=published, url=f"https://x.example/{doc_id}"
    )


LI_MARCH = statement("stmt:li-march", LI, D(2024, 3, 5), CRIT, USA)
STORY = [
    (
        doc("doc:courier-1", "Beijing Courier", D(2024, 1, 15)),
        [statement("stmt:li-jan", LI, D(2024, 1, 15), CRIT, JAPAN)],
    ),
    (
        doc("doc:ledger", "Moscow Ledger", D(2024, 2, 10)),
        [statement("stmt:volkova", VOLKOVA, D(2024, 2, 10), CRIT)],
    ),
    (doc("doc:courier-2", "Beijing Courier", D(2024, 3, 5)), [LI_MARCH]),
    (doc("doc:harbour", "Harbour Times", D(2024, 3, 6)), [LI_MARCH]),
    (
        doc("doc:courier-3", "Beijing Courier", D(2024, 3, 20)),
        [statement("stmt:china", CHINA, D(2024, 3, 20), CRIT, JAPAN)],
    ),
    (
        doc("doc:evening", "Tokyo Evening", D(2024, 4, 1)),
        [statement("stmt:sato", SATO, D(2024, 4, 1), SUPP, USA)],
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NetworkxStore]:
    store = NetworkxStore.open(tmp_path / "data")
    with store.bulk():
        for info, statements in STORY:
            extraction = Extraction(document=info, statements=tuple(statements), entities=ENTITIES)
            store.write(extraction_rows(extraction))
    yield store
    store.close()


@pytest.fixture
def service(store: NetworkxStore) -> QueryService:
    return QueryService(store)


def ids(items: list) -> list[str]:  # type: ignore[type-arg]
    return [item.id for item in items]


# ---------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("country:JPN", None, [JAPAN.id]),  # an id
        ("country:JPN", Label.COUNTRY, [JAPAN.id]),
        ("Japan", None, [JAPAN.id]),  # exact name beats "Japan-US alliance"
        ("Japan-US alliance", None, [ALLIANCE.id]),
        ("US–Japan alliance", None, [ALLIANCE.id]),  # the alias, with an en dash
        ("us-japan ALLIANCE", None, [ALLIANCE.id]),
        ("  PRC ", None, [CHINA.id]),
        ("US", None, [USA.id]),  # exact alias beats Russia and the alliance
        ("Wen", None, [LI.id]),  # no exact match: containing it
        ("Volkova", Label.PERSON, [VOLKOVA.id]),
        ("Volkova", Label.COUNTRY, []),
        ("Atlantis", None, []),
    ],
)
def test_resolve(
    service: QueryService, name: str, label: Label | None, expected: list[str]
) -> None:
    assert ids(service.resolve(name, label)) == expected


def test_resolve_ranks_partial_matches_by_statements(service: QueryService) -> None:
    # "li" is in "Li Wen" and in "alliance": both partial, the alliance in more statements.
    assert ids(service.resolve("li")) == [ALLIANCE.id, LI.id]


def test_resolve_rejects_an_empty_name(service: QueryService) -> None:
    with pytest.raises(BadQuery, match="Name must not be empty"):
        service.resolve("  ")


def test_a_leading_the_finds_the_name_before_a_long_alias_containing_it(
    store: NetworkxStore, service: QueryService
) -> None:
    # The gazetteer's INF Treaty has such an alias: "Who criticized the United States?"
    # was answered about the treaty.
    inf = Entity(
        id="treaty:inf",
        name="INF Treaty",
        type=Label.TREATY,
        aliases=("Treaty Between the United States of America and the USSR",),
    )
    mentioning = statement("stmt:inf", VOLKOVA, D(2024, 5, 1), CRIT, inf)
    info = doc("doc:inf", "Moscow Ledger", D(2024, 5, 1))
    extraction = Extraction(document=info, statements=(mentioning,), entities=(*ENTITIES, inf))
    store.write(extraction_rows(extraction))
    assert ids(service.resolve("the United States")) == [USA.id]
    assert ids(service.resolve("the United States", containing=False)) == [USA.id]
    assert ids(service.resolve("the United States of America")) == [inf.id]  # contained
    answer = answer_question(service, "Who criticized the United States?")
    assert answer.understood
    assert answer.answer == (
        "No statement in the graph shows anyone criticizing the United States."
    )


# ---------------------------------------------------------------------- statements


def test_statements_by_speaker_name_newest_first(service: QueryService) -> None:
    page = service.statements(speaker="Li Wen")
    assert ids(page.data) == ["stmt:li-march", "stmt:li-jan"]
    assert (page.count, page.limit, page.offset) == (2, 50, 0)
    march = page.data[0]
    assert [s.outlet for s in march.sources] == ["Beijing Courier", "Harbour Times"]
    assert march.relations[0].target.id == ALLIANCE.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["stmt:sato", "stmt:china", "stmt:li-march", "stmt:volkova", "stmt:li-jan"]),
        ({"target": "US-Japan alliance", "stance": SUPP}, ["stmt:sato"]),
        (
            {"target": "alliance:japan-us", "stance": CRIT, "date_from": D(2024, 3, 1)},
            ["stmt:china", "stmt:li-march"],
        ),
        ({"speaker": "person:li-wen", "date_to": D(2024, 2, 1)}, ["stmt:li-jan"]),
        ({"mention": "Japan"}, ["stmt:china", "stmt:li-jan"]),
        (
            {"mention": "Japan-US alliance", "mention_type": Label.ALLIANCE},
            ["stmt:sato", "stmt:china", "stmt:li-march", "stmt:volkova", "stmt:li-jan"],
        ),
        ({"mention_type": Label.COUNTRY, "speaker": "Li Wen"}, ["stmt:li-march", "stmt:li-jan"]),
        ({"outlet": "harbour times"}, ["stmt:li-march"]),
        ({"speaker": "China", "target": "Japan-US alliance"}, ["stmt:china"]),
        ({"speaker": "Atlantis"}, []),  # a name that matches nothing: an empty page
        ({"speaker": "Li Wen", "mention": "Atlantis"}, []),
        ({"target": "Japan"}, []),  # Japan is mentioned, never a stance target
    ],
)
def test_statement_queries(service: QueryService, query: dict, expected: list[str]) -> None:  # type: ignore[type-arg]
    page = service.statements(**query)
    assert ids(page.data) == expected
    assert page.count == len(expected)


def test_statements_are_paged(service: QueryService) -> None:
    page = service.statements(target="Japan-US alliance", stance=CRIT, limit=2, offset=1)
    assert ids(page.data) == ["stmt:li-march", "stmt:volkova"]
    assert (page.count, page.limit, page.offset) == (4, 2, 1)


# ---------------------------------------------------------------------- who


def test_who_criticized_ranks_speakers_by_count_then_latest_date(service: QueryService) -> None:
    answer = service.who(stance=CRIT, target="US–Japan alliance")
    assert answer.stance is CRIT
    assert answer.target_query == "US–Japan alliance"
    assert [(t.id, t.type) for t in answer.targets] == [(ALLIANCE.id, Label.ALLIANCE)]
    assert answer.total_speakers == 3
    assert [(s.speaker.id, s.count, s.first_date, s.last_date) for s in answer.speakers] == [
        (LI.id, 2, D(2024, 1, 15), D(2024, 3, 5)),
        (CHINA.id, 1, D(2024, 3, 20), D(2024, 3, 20)),
        (VOLKOVA.id, 1, D(2024, 2, 10), D(2024, 2, 10)),
    ]
    li = answer.speakers[0]
    assert ids(li.statements) == ["stmt:li-march", "stmt:li-jan"]
    assert [s.document_id for s in li.statements[0].sources] == ["doc:courier-2", "doc:harbour"]
    assert li.statements[0].relations[0].evidence == "the alliance"


def test_who_supported(service: QueryService) -> None:
    answer = service.who(stance=SUPP, target="alliance:japan-us")
    assert [(s.speaker.name, s.count) for s in answer.speakers] == [("Haruto Sato", 1)]


def test_who_with_dates_counts_only_statements_in_range(service: QueryService) -> None:
    answer = service.who(stance=CRIT, target="Japan-US alliance", date_from=D(2024, 2, 1))
    assert [(s.speaker.id, s.count) for s in answer.speakers] == [
        (CHINA.id, 1),  # latest first among equal counts
        (LI.id, 1),
        (VOLKOVA.id, 1),
    ]


def test_who_pages_over_speakers(service: QueryService) -> None:
    answer = service.who(stance=CRIT, target="Japan-US alliance", limit=1, offset=1)
    assert [s.speaker.id for s in answer.speakers] == [CHINA.id]
    assert (answer.total_speakers, answer.limit, answer.offset) == (3, 1, 1)


def test_who_shows_each_speakers_newest_statements_and_counts_them_all(
    service: QueryService,
) -> None:
    answer = service.who(stance=CRIT, target="Japan-US alliance", statements_per_speaker=1)
    li = answer.speakers[0]
    assert (li.speaker.id, li.count, ids(li.statements)) == (LI.id, 2, ["stmt:li-march"])
    bare = service.who(stance=CRIT, target="Japan-US alliance", statements_per_speaker=0)
    assert [(s.count, s.statements) for s in bare.speakers] == [(2, []), (1, []), (1, [])]


@pytest.mark.parametrize("per_speaker", [-1, app.query.MAX_STATEMENTS_PER_SPEAKER + 1])
def test_who_refuses_a_statements_per_speaker_out_of_range(
    service: QueryService, per_speaker: int
) -> None:
    with pytest.raises(BadQuery, match="statements_per_speaker"):
        service.who(stance=CRIT, target="Japan-US alliance", statements_per_speaker=per_speaker)


def test_who_with_an_unknown_target_answers_nobody(service: QueryService) -> None:
    answer = service.who(stance=CRIT, target="Atlantis Pact")
    assert (answer.targets, answer.speakers, answer.total_speakers) == ([], [], 0)


# ---------------------------------------------------------------------- entities


def test_entity(service: QueryService) -> None:
    li = service.entity(LI.id)
    assert (li.name, li.type, li.properties["country"]) == ("Li Wen", Label.PERSON, CHINA.id)


@pytest.mark.parametrize("entity_id", ["person:nobody", "stmt:sato", "doc:ledger"])
def test_entity_not_found(service: QueryService, entity_id: str) -> None:
    with pytest.raises(NotFound, match=f"No entity with id '{entity_id}'"):
        service.entity(entity_id)
    with pytest.raises(NotFound):
        service.neighbors(entity_id)


def test_search_entities(service: QueryService) -> None:
    page = service.search_entities("japan", None, limit=10, offset=0)
    assert ids(page.data) == [JAPAN.id, ALLIANCE.id]
    assert (page.count, page.limit, page.offset) == (2, 10, 0)
    assert ids(service.search_entities("japan", Label.ALLIANCE).data) == [ALLIANCE.id]
    everyone = service.search_entities("  ", Label.PERSON)
    assert ids(everyone.data) == [LI.id, SATO.id, VOLKOVA.id]  # by statements, then name
    assert service.search_entities(None, None, limit=3, offset=0).count == len(ENTITIES)


def test_neighbors(service: QueryService) -> None:
    view = service.neighbors(ALLIANCE.id, limit=2)
    assert view.entity.id == ALLIANCE.id
    assert [(n.entity.id, n.relation, n.direction, n.count) for n in view.neighbors] == [
        (LI.id, "criticizes", "in", 2),
        (CHINA.id, "criticizes", "in", 1),
    ]


def test_health(service: QueryService) -> None:
    health = service.health()
    assert (health.status, health.store) == ("ok", "embedded")
    assert health.by_label["Statement"] == 5
    assert health.by_label["Document"] == 6
    assert health.nodes == 6 + 5 + len(ENTITIES)
    assert health.relationships > 0


# ---------------------------------------------------------------------- bad queries


@pytest.mark.parametrize(
    ("limit", "offset", "message"),
    [
        (0, 0, "Limit must be between 1 and 500, not 0"),
        (501, 0, "Limit must be between 1 and 500, not 501"),
        (10, -1, "Offset must not be negative, not -1"),
    ],
)
def test_paging_out_of_range_is_a_bad_query(
    service: QueryService, limit: int, offset: int, message: str
) -> None:
    with pytest.raises(BadQuery, match=message):
        service.statements(limit=limit, offset=offset)
    with pytest.raises(BadQuery, match=message):
        service.who(stance=CRIT, target="Japan", limit=limit, offset=offset)
    with pytest.raises(BadQuery, match=message):
        service.search_entities("Japan", None, limit=limit, offset=offset)
    if offset == 0:
        with pytest.raises(BadQuery, match=message):
            service.neighbors(JAPAN.id, limit=limit)


def test_reversed_dates_are_a_bad_query(service: QueryService) -> None:
    with pytest.raises(BadQuery, match="date_from"):
        service.statements(date_from=D(2024, 3, 1), date_to=D(2024, 2, 1))
    with pytest.raises(BadQuery, match="date_from"):
        service.who(stance=CRIT, target="Japan", date_from=D(2024, 3, 1), date_to=D(2024, 2, 1))


def test_bad_query_and_not_found_are_standard_errors() -> None:
    assert issubclass(BadQuery, ValueError)
    assert issubclass(NotFound, LookupError)
