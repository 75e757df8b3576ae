"""The GraphStore contract: the same answers from every store, for one small invented story.

Extractions are built by hand (no spaCy) and written through `extraction_rows`, exactly as
the ingest pipeline writes them. The people, outlets and quotes are invented.

Statements (newest first, the order every listing uses):

    id                 speaker        date        stance on             mentions      reported in
    stmt:sato-backs    Haruto Sato    2024-04-01  supports alliance     United States evening
    stmt:li-asean      Li Wen         2024-03-05  supports ASEAN        -             courier-mar
    stmt:li-relic      Li Wen         2024-03-05  criticizes alliance   Japan, US     courier-mar,
                                                                                      harbour
    stmt:china-accord  China          2024-02-20  supports fisheries    Japan         courier-jan
    stmt:volkova-bloc  Irina Volkova  2024-02-10  criticizes alliance   United States ledger
    stmt:li-january    Li Wen         2024-01-15  criticizes alliance   Japan         courier-jan
    stmt:volkova-us    Irina Volkova  (undated)   criticizes US         fisheries     ledger
"""

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph_schema import Label, RelType, Stance
from pipelines.graph_rows import entity_node, extraction_rows
from pipelines.statements import DocumentInfo, Entity, EntityRef, Extraction, Relation, Statement
from stores import GraphStore, NetworkxStore, StoreError
from stores.base import Busy, GraphBatch, NodeRow, RelRow, StatementFilter
from stores.cypher import SCHEMA_VERSION_ID

D = dt.date

CHINA = Entity(
    id="country:CHN",
    name="China",
    type=Label.COUNTRY,
    aliases=("PRC", "People's Republic of China"),
)
JAPAN = Entity(id="country:JPN", name="Japan", type=Label.COUNTRY, aliases=("Nippon",))
USA = Entity(
    id="country:USA", name="United States", type=Label.COUNTRY, aliases=("US", "USA", "U.S.")
)
RUSSIA = Entity(
    id="country:RUS", name="Russia", type=Label.COUNTRY, aliases=("Russian Federation",)
)
LI = Entity(
    id="person:li-wen",
    name="Li Wen",
    type=Label.PERSON,
    aliases=("Minister Li",),
    country="country:CHN",
    role="Foreign Minister",
)
VOLKOVA = Entity(
    id="person:irina-volkova",
    name="Irina Volkova",
    type=Label.PERSON,
    country="country:RUS",
    role="Foreign Ministry spokeswoman",
)
SATO = Entity(
    id="person:haruto-sato",
    name="Haruto Sato",
    type=Label.PERSON,
    country="country:JPN",
    role="Defence Minister",
)
ALLIANCE = Entity(
    id="alliance:japan-us",
    name="Japan-US alliance",
    type=Label.ALLIANCE,
    aliases=("US-Japan alliance", "Japan–US alliance"),
    parties=("country:JPN", "country:USA"),
)
FISHERIES = Entity(
    id="treaty:east-sea-fisheries",
    name="East Sea Fisheries Accord",
    type=Label.TREATY,
    year=2019,
    parties=("country:CHN", "country:JPN"),
)
ASEAN = Entity(
    id="org:asean",
    name="ASEAN",
    type=Label.ORGANIZATION,
    aliases=("Association of Southeast Asian Nations",),
)
ENTITIES = {
    e.id: e for e in (CHINA, JAPAN, USA, RUSSIA, LI, VOLKOVA, SATO, ALLIANCE, FISHERIES, ASEAN)
}


def ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


def stance(kind: Stance, target: Entity, evidence: str, confidence: float = 0.9) -> Relation:
    return Relation(
        stance=kind, target=ref(target), evidence=evidence, confidence=confidence, rule="test"
    )


LI_RELIC_QUOTE = "The Japan-US alliance is a relic of the Cold War that threatens regional peace."


def li_relic(span: tuple[int, int]) -> Statement:
    # Printed by the Courier and reprinted by the Harbour Times: same id, its own span.
    return Statement(
        id="stmt:li-relic",
        speaker=ref(LI),
        role="Foreign Minister",
        speaks_for=ref(CHINA),
        date=D(2024, 3, 5),
        quote=LI_RELIC_QUOTE,
        span=span,
        kind="direct",
        relations=(stance(Stance.CRITICIZES, ALLIANCE, "a relic of the Cold War", 0.92),),
        mentions=(ref(USA), ref(JAPAN)),
    )


LI_ASEAN = Statement(
    id="stmt:li-asean",
    speaker=ref(LI),
    role="Foreign Minister",
    date=D(2024, 3, 5),
    quote="Li said China firmly supports ASEAN's central role in the region.",
    span=(300, 366),
    kind="reported",
    relations=(stance(Stance.SUPPORTS, ASEAN, "firmly supports ASEAN's central role"),),
)
LI_JANUARY = Statement(
    id="stmt:li-january",
    speaker=ref(LI),
    date=D(2024, 1, 15),
    quote="No alliance aimed at third parties will bring security to Japan.",
    span=(10, 75),
    kind="direct",
    relations=(stance(Stance.CRITICIZES, ALLIANCE, "aimed at third parties", 0.7),),
    mentions=(ref(JAPAN),),
)
CHINA_ACCORD = Statement(
    id="stmt:china-accord",
    speaker=ref(CHINA),
    date=D(2024, 2, 20),
    quote="China said the fisheries accord with Japan had served both peoples well.",
    span=(200, 270),
    kind="reported",
    relations=(stance(Stance.SUPPORTS, FISHERIES, "had served both peoples well", 0.6),),
    mentions=(ref(JAPAN),),
)
VOLKOVA_BLOC = Statement(
    id="stmt:volkova-bloc",
    speaker=ref(VOLKOVA),
    role="spokeswoman",
    date=D(2024, 2, 10),
    quote="Washington is dragging Tokyo into bloc confrontation through this alliance.",
    span=(50, 126),
    kind="direct",
    relations=(stance(Stance.CRITICIZES, ALLIANCE, "bloc confrontation", 0.8),),
    mentions=(ref(USA),),
)
VOLKOVA_US = Statement(
    id="stmt:volkova-us",
    speaker=ref(VOLKOVA),
    date=None,
    quote="She accused the United States of undermining the fisheries accord.",
    span=(400, 466),
    kind="reported",
    relations=(stance(Stance.CRITICIZES, USA, "undermining", 0.75),),
    mentions=(ref(FISHERIES),),
)
SATO_BACKS = Statement(
    id="stmt:sato-backs",
    speaker=ref(SATO),
    role="Defence Minister",
    date=D(2024, 4, 1),
    quote="Our alliance with the United States is the cornerstone of our security.",
    span=(0, 73),
    kind="direct",
    relations=(stance(Stance.SUPPORTS, ALLIANCE, "the cornerstone of our security", 0.95),),
    mentions=(ref(USA),),
)


def document(doc_id: str, outlet: str, published: dt.date, slug: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=f"{outlet}: {slug}",
        outlet=outlet,
        published=published,
        url=f"https://{outlet.lower().replace(' ', '-')}.example/{slug}",
        source_file=f"{slug}.txt",
    )


COURIER_MAR = document("doc:courier-mar", "Beijing Courier", D(2024, 3, 5), "li-warns")
HARBOUR = document("doc:harbour", "Harbour Times", D(2024, 3, 6), "li-relic-reprint")
COURIER_JAN = document("doc:courier-jan", "Beijing Courier", D(2024, 1, 15), "li-january")
LEDGER = document("doc:ledger", "Moscow Ledger", D(2024, 2, 10), "volkova-briefing")
EVENING = document("doc:evening", "Tokyo Evening", D(2024, 4, 1), "sato-interview")


def extraction(doc: DocumentInfo, *statements: Statement) -> Extraction:
    """An extraction carrying every entity its statements refer to, with their countries."""
    ids: set[str] = set()
    for st in statements:
        ids |= {st.speaker.id, *(r.target.id for r in st.relations), *(m.id for m in st.mentions)}
    for entity_id in list(ids):
        entity = ENTITIES[entity_id]
        ids |= {*filter(None, [entity.country]), *entity.parties}
    return Extraction(
        document=doc,
        statements=statements,
        entities=tuple(ENTITIES[i] for i in sorted(ids)),
    )


def story_batches() -> list[GraphBatch]:
    return [
        extraction_rows(
            extraction(COURIER_MAR, li_relic((120, 199)), LI_ASEAN), minhash=[11, 12, 13]
        ),
        extraction_rows(
            extraction(HARBOUR, li_relic((40, 119))),
            minhash=[11, 12, 14],
            reprint_of=COURIER_MAR.id,
        ),
        extraction_rows(extraction(COURIER_JAN, LI_JANUARY, CHINA_ACCORD)),
        extraction_rows(extraction(LEDGER, VOLKOVA_BLOC, VOLKOVA_US)),
        extraction_rows(extraction(EVENING, SATO_BACKS)),
    ]


NEWEST_FIRST = [
    "stmt:sato-backs",
    "stmt:li-asean",
    "stmt:li-relic",
    "stmt:china-accord",
    "stmt:volkova-bloc",
    "stmt:li-january",
    "stmt:volkova-us",
]
# 5 documents, 7 statements, 10 entities.
NODE_COUNT = 22
# SAID 7, REPORTED_IN 8, CRITICIZES 4, SUPPORTS 3, MENTIONS 7, SPEAKS_FOR 3, PARTY_TO 4,
# REPRINT_OF 1.
REL_COUNT = 37


def write_story(store: GraphStore) -> None:
    for batch in story_batches():
        store.write(batch)


@pytest.fixture
def story(store: GraphStore) -> GraphStore:
    write_story(store)
    return store


def statement_ids(store: GraphStore, where: dict[str, object]) -> list[str]:
    page = store.statements(StatementFilter(**where), 100, 0)  # type: ignore[arg-type]
    return [s.id for s in page.items]


# ---------------------------------------------------------------------- writing


def test_empty_store_counts_nothing(store: GraphStore) -> None:
    counts = store.counts()
    assert (counts.nodes, counts.relationships) == (0, 0)
    assert store.statements(StatementFilter(), 10, 0).total == 0
    assert store.search_entities(None, None, 10, 0).total == 0
    assert store.document_signatures() == {}


def test_counts_nodes_and_relationships(story: GraphStore) -> None:
    counts = story.counts()
    assert counts.nodes == NODE_COUNT
    assert counts.relationships == REL_COUNT
    assert counts.by_label == {
        "Document": 5,
        "Statement": 7,
        "Person": 3,
        "Country": 4,
        "Organization": 1,
        "Treaty": 1,
        "Alliance": 1,
    }


def test_writing_again_changes_nothing(story: GraphStore) -> None:
    before = story.statements(StatementFilter(), 100, 0)
    write_story(story)
    story.write(story_batches()[1])
    counts = story.counts()
    assert (counts.nodes, counts.relationships) == (NODE_COUNT, REL_COUNT)
    assert story.statements(StatementFilter(), 100, 0) == before


def test_kind_is_a_known_store_kind(store: GraphStore) -> None:
    assert store.kind in ("embedded", "neo4j")
    assert isinstance(store, GraphStore)


def test_a_reprinted_statement_is_one_node_with_a_source_per_document(story: GraphStore) -> None:
    [relic] = story.statements(StatementFilter(outlet="Harbour Times"), 10, 0).items
    assert relic.id == "stmt:li-relic"
    assert [(s.document_id, s.outlet, s.span) for s in relic.sources] == [
        ("doc:courier-mar", "Beijing Courier", (120, 199)),
        ("doc:harbour", "Harbour Times", (40, 119)),
    ]
    courier, harbour = relic.sources
    assert courier.published == D(2024, 3, 5)
    assert courier.url == "https://beijing-courier.example/li-warns"
    assert courier.source_file == "li-warns.txt"
    assert courier.title == "Beijing Courier: li-warns"
    assert harbour.published == D(2024, 3, 6)
    assert harbour.url == "https://harbour-times.example/li-relic-reprint"
    assert harbour.source_file == "li-relic-reprint.txt"


def test_statement_record_carries_speaker_relations_and_mentions(story: GraphStore) -> None:
    [relic] = [s for s in story.document_statements("doc:harbour")]
    assert relic.speaker.model_dump() == {"id": LI.id, "name": "Li Wen", "type": Label.PERSON}
    assert relic.role == "Foreign Minister"
    assert relic.date == D(2024, 3, 5)
    assert relic.quote == LI_RELIC_QUOTE
    assert relic.kind == "direct"
    [relation] = relic.relations
    assert relation.stance is Stance.CRITICIZES
    assert relation.target.id == ALLIANCE.id
    assert relation.target.type is Label.ALLIANCE
    assert relation.evidence == "a relic of the Cold War"
    assert relation.confidence == pytest.approx(0.92)
    assert [m.id for m in relic.mentions] == [JAPAN.id, USA.id]  # by name
    assert len(relic.sources) == 2


def test_a_country_can_be_a_speaker(story: GraphStore) -> None:
    [accord] = story.statements(StatementFilter(speaker_ids=[CHINA.id]), 10, 0).items
    assert accord.id == "stmt:china-accord"
    assert accord.speaker.type is Label.COUNTRY
    assert accord.role is None


def test_merging_a_node_updates_its_properties_and_keeps_the_rest(story: GraphStore) -> None:
    story.write(
        GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id=JAPAN.id, props={"wikidata": "Q17"})])
    )
    japan = story.get_entity(JAPAN.id)
    assert japan is not None
    assert japan.name == "Japan"
    assert japan.aliases == ["Nippon"]
    assert japan.properties["wikidata"] == "Q17"

    renamed = JAPAN.model_copy(update={"aliases": ("Nippon", "Nihon")})
    story.write(GraphBatch(nodes=[entity_node(renamed)]))
    assert [e.id for e in story.search_entities("nihon", None, 10, 0).items] == [JAPAN.id]
    assert story.get_entity(JAPAN.id).properties["wikidata"] == "Q17"  # type: ignore[union-attr]
    assert story.counts().nodes == NODE_COUNT


def test_merging_a_relationship_updates_its_properties(story: GraphStore) -> None:
    moved = RelRow(
        type=RelType.REPORTED_IN,
        start="stmt:li-relic",
        end=HARBOUR.id,
        props={"span_start": 41, "span_end": 120},
    )
    story.write(GraphBatch(rels=[moved]))
    [relic] = story.document_statements(HARBOUR.id)
    assert [s.span for s in relic.sources] == [(120, 199), (41, 120)]
    assert story.counts().relationships == REL_COUNT


def test_a_relationship_to_a_missing_node_raises_and_writes_nothing(store: GraphStore) -> None:
    batch = GraphBatch(
        nodes=[
            NodeRow(label=Label.STATEMENT, id="stmt:orphan", props={"quote": "q", "kind": "direct"})
        ],
        rels=[RelRow(type=RelType.SAID, start="person:nobody", end="stmt:orphan")],
    )
    with pytest.raises(StoreError, match="person:nobody"):
        store.write(batch)
    assert store.counts().nodes == 0
    assert store.get_entity("person:nobody") is None


def test_a_relationship_to_a_missing_end_raises(story: GraphStore) -> None:
    dangling = RelRow(type=RelType.MENTIONS, start="stmt:li-relic", end="country:XXX")
    with pytest.raises(StoreError, match="country:XXX"):
        story.write(GraphBatch(rels=[dangling]))
    assert story.counts().relationships == REL_COUNT


@pytest.mark.parametrize(
    ("rel_type", "start", "end"),
    [
        (RelType.SAID, "doc:ledger", "stmt:li-relic"),  # a document cannot speak
        (RelType.SPEAKS_FOR, "country:CHN", "country:JPN"),  # only people and organizations
        (RelType.CRITICIZES, "person:li-wen", "alliance:japan-us"),  # only statements
        (RelType.REPORTED_IN, "stmt:li-relic", "country:USA"),
    ],
)
def test_a_pattern_outside_the_schema_raises(
    story: GraphStore, rel_type: RelType, start: str, end: str
) -> None:
    with pytest.raises(StoreError, match="pattern"):
        story.write(GraphBatch(rels=[RelRow(type=rel_type, start=start, end=end)]))
    assert story.counts().relationships == REL_COUNT


# ---------------------------------------------------------------------- statements


# (StatementFilter fields, statement ids expected, newest first)
FILTER_CASES: list[tuple[dict[str, object], list[str]]] = [
    ({}, NEWEST_FIRST),
    ({"speaker_ids": [LI.id]}, ["stmt:li-asean", "stmt:li-relic", "stmt:li-january"]),
    (
        {"speaker_ids": [LI.id, SATO.id]},
        ["stmt:sato-backs", "stmt:li-asean", "stmt:li-relic", "stmt:li-january"],
    ),
    ({"speaker_ids": [CHINA.id]}, ["stmt:china-accord"]),  # not its minister's statements
    ({"speaker_ids": []}, []),
    ({"speaker_ids": ["person:nobody"]}, []),
    (
        {"target_ids": [ALLIANCE.id]},
        ["stmt:sato-backs", "stmt:li-relic", "stmt:volkova-bloc", "stmt:li-january"],
    ),
    (
        {"target_ids": [ALLIANCE.id], "stance": Stance.CRITICIZES},
        ["stmt:li-relic", "stmt:volkova-bloc", "stmt:li-january"],
    ),
    ({"target_ids": [ALLIANCE.id], "stance": Stance.SUPPORTS}, ["stmt:sato-backs"]),
    (
        {"target_ids": [ALLIANCE.id, USA.id], "stance": Stance.CRITICIZES},
        ["stmt:li-relic", "stmt:volkova-bloc", "stmt:li-january", "stmt:volkova-us"],
    ),
    ({"target_ids": [JAPAN.id]}, []),  # mentioned, never a stance target
    ({"stance": Stance.SUPPORTS}, ["stmt:sato-backs", "stmt:li-asean", "stmt:china-accord"]),
    (
        {"mention_ids": [USA.id]},  # mentions, or takes a stance on
        ["stmt:sato-backs", "stmt:li-relic", "stmt:volkova-bloc", "stmt:volkova-us"],
    ),
    ({"mention_ids": [FISHERIES.id]}, ["stmt:china-accord", "stmt:volkova-us"]),
    ({"mention_type": Label.TREATY}, ["stmt:china-accord", "stmt:volkova-us"]),
    ({"mention_type": Label.ORGANIZATION}, ["stmt:li-asean"]),
    ({"mention_type": Label.PERSON}, []),
    ({"date_from": D(2024, 3, 1)}, ["stmt:sato-backs", "stmt:li-asean", "stmt:li-relic"]),
    (
        {"date_to": D(2024, 2, 20)},  # inclusive; undated statements never match a date
        ["stmt:china-accord", "stmt:volkova-bloc", "stmt:li-january"],
    ),
    (
        {"date_from": D(2024, 2, 10), "date_to": D(2024, 3, 5)},
        ["stmt:li-asean", "stmt:li-relic", "stmt:china-accord", "stmt:volkova-bloc"],
    ),
    ({"date_from": D(2024, 3, 2), "date_to": D(2024, 3, 4)}, []),
    ({"outlet": "harbour times"}, ["stmt:li-relic"]),
    (
        {"outlet": "BEIJING COURIER"},
        ["stmt:li-asean", "stmt:li-relic", "stmt:china-accord", "stmt:li-january"],
    ),
    ({"outlet": "Harbour"}, []),  # the whole outlet name, not a part of it
    (
        {"speaker_ids": [LI.id], "outlet": "Beijing Courier", "date_to": D(2024, 2, 1)},
        ["stmt:li-january"],
    ),
    (
        {
            "speaker_ids": [VOLKOVA.id],
            "mention_type": Label.TREATY,
            "stance": Stance.CRITICIZES,
        },
        ["stmt:volkova-us"],
    ),
    ({"outlet": "Moscow Ledger", "date_from": D(2024, 1, 1)}, ["stmt:volkova-bloc"]),
    (
        {"stance": Stance.CRITICIZES, "date_from": D(2024, 2, 1)},
        ["stmt:li-relic", "stmt:volkova-bloc"],
    ),
]


@pytest.mark.parametrize(("where", "expected"), FILTER_CASES)
def test_statement_filters(
    story: GraphStore, where: dict[str, object], expected: list[str]
) -> None:
    page = story.statements(StatementFilter(**where), 100, 0)  # type: ignore[arg-type]
    assert [s.id for s in page.items] == expected
    assert page.total == len(expected)


def test_statements_are_paged_with_the_total_before_paging(story: GraphStore) -> None:
    pages = [story.statements(StatementFilter(), 3, offset) for offset in (0, 3, 6, 9)]
    assert [p.total for p in pages] == [7, 7, 7, 7]
    assert [[s.id for s in p.items] for p in pages] == [
        NEWEST_FIRST[0:3],
        NEWEST_FIRST[3:6],
        NEWEST_FIRST[6:7],
        [],
    ]
    filtered = story.statements(StatementFilter(speaker_ids=[LI.id]), 1, 1)
    assert ([s.id for s in filtered.items], filtered.total) == (["stmt:li-relic"], 3)
    assert story.statements(StatementFilter(), 0, 0).total == 7


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["stmt:li-relic", "stmt:nope", "stmt:sato-backs"], ["stmt:li-relic", "stmt:sato-backs"]),
        (["stmt:volkova-us", "stmt:volkova-us"], ["stmt:volkova-us"]),  # once each
        ([LI.id, COURIER_MAR.id], []),  # an entity or a document is not a statement
        ([], []),
    ],
)
def test_get_statements_in_the_order_asked(
    story: GraphStore, ids: list[str], expected: list[str]
) -> None:
    found = story.get_statements(ids)
    assert [s.id for s in found] == expected
    if found:  # the same records a listing gives
        listed = story.statements(StatementFilter(), 100, 0).items
        assert found[0] == next(s for s in listed if s.id == found[0].id)


@pytest.mark.parametrize(
    ("where", "span"),
    [
        ({}, (D(2024, 1, 15), D(2024, 4, 1))),  # the undated statement has no say
        ({"speaker_ids": [VOLKOVA.id]}, (D(2024, 2, 10), D(2024, 2, 10))),
        ({"target_ids": [USA.id]}, (None, None)),  # only undated statements
        ({"speaker_ids": ["person:nobody"]}, (None, None)),
    ],
)
def test_a_statement_page_carries_the_date_span_of_every_match(
    story: GraphStore, where: dict[str, object], span: tuple[dt.date | None, dt.date | None]
) -> None:
    for offset in (0, 5):  # the same on every page
        page = story.statements(StatementFilter(**where), 1, offset)  # type: ignore[arg-type]
        assert (page.first_date, page.last_date) == span


def speaker_rows(
    store: GraphStore, where: StatementFilter, limit: int = 50, offset: int = 0, newest: int = 5
) -> list[tuple[str, int, dt.date | None, dt.date | None, list[str]]]:
    page = store.speakers(where, limit, offset, newest)
    return [
        (t.speaker.id, t.count, t.first_date, t.last_date, [s.id for s in t.newest])
        for t in page.items
    ]


def test_speakers_carry_their_newest_statements_whole(story: GraphStore) -> None:
    for where in (
        StatementFilter(),
        StatementFilter(target_ids=[ALLIANCE.id], stance=Stance.CRITICIZES),
    ):
        page = story.speakers(where, 50, 0, 5)
        assert page.items
        for tally in page.items:
            assert tally.newest == story.get_statements([s.id for s in tally.newest])
            assert all(s.speaker.id == tally.speaker.id for s in tally.newest)


def test_speakers_are_counted_most_statements_first_then_latest(story: GraphStore) -> None:
    assert speaker_rows(story, StatementFilter(), newest=2) == [
        (LI.id, 3, D(2024, 1, 15), D(2024, 3, 5), ["stmt:li-asean", "stmt:li-relic"]),
        (VOLKOVA.id, 2, D(2024, 2, 10), D(2024, 2, 10), ["stmt:volkova-bloc", "stmt:volkova-us"]),
        (SATO.id, 1, D(2024, 4, 1), D(2024, 4, 1), ["stmt:sato-backs"]),
        (CHINA.id, 1, D(2024, 2, 20), D(2024, 2, 20), ["stmt:china-accord"]),
    ]


def test_speakers_of_a_target_and_stance(story: GraphStore) -> None:
    critics = StatementFilter(target_ids=[ALLIANCE.id], stance=Stance.CRITICIZES)
    assert speaker_rows(story, critics) == [
        (LI.id, 2, D(2024, 1, 15), D(2024, 3, 5), ["stmt:li-relic", "stmt:li-january"]),
        (VOLKOVA.id, 1, D(2024, 2, 10), D(2024, 2, 10), ["stmt:volkova-bloc"]),
    ]
    undated = StatementFilter(target_ids=[USA.id], stance=Stance.CRITICIZES)
    assert speaker_rows(story, undated) == [(VOLKOVA.id, 1, None, None, ["stmt:volkova-us"])]
    assert speaker_rows(story, StatementFilter(target_ids=[JAPAN.id])) == []


def test_speakers_are_paged_with_the_total_before_paging(story: GraphStore) -> None:
    page = story.speakers(StatementFilter(), 2, 1, 0)
    assert [(t.speaker.id, t.newest) for t in page.items] == [(VOLKOVA.id, []), (SATO.id, [])]
    assert page.total == 4
    assert story.speakers(StatementFilter(), 2, 10, 1).items == []


def entity_rows(
    store: GraphStore, where: StatementFilter, stance: Stance | None, label: Label
) -> list[tuple[str, int]]:
    page = store.named_entities(where, stance, label, 50, 0)
    assert page.total == len(page.items)
    return [(t.entity.id, t.count) for t in page.items]


@pytest.mark.parametrize(
    ("where", "stance", "label", "expected"),
    [
        # mentioned or targeted: the US is targeted once and mentioned three times
        ({}, None, Label.COUNTRY, [(USA.id, 4), (JAPAN.id, 3)]),
        ({"speaker_ids": [LI.id]}, None, Label.COUNTRY, [(JAPAN.id, 2), (USA.id, 1)]),
        ({"speaker_ids": [LI.id]}, Stance.CRITICIZES, Label.ALLIANCE, [(ALLIANCE.id, 2)]),
        ({"speaker_ids": [LI.id]}, Stance.SUPPORTS, Label.ORGANIZATION, [(ASEAN.id, 1)]),
        ({"speaker_ids": [LI.id]}, Stance.SUPPORTS, Label.COUNTRY, []),
        ({}, None, Label.TREATY, [(FISHERIES.id, 2)]),
        ({}, Stance.CRITICIZES, Label.TREATY, []),  # only mentioned by a critic
        ({"date_from": D(2024, 3, 1)}, None, Label.COUNTRY, [(USA.id, 2), (JAPAN.id, 1)]),
    ],
)
def test_named_entities_are_counted_over_the_matching_statements(
    story: GraphStore,
    where: dict[str, object],
    stance: Stance | None,
    label: Label,
    expected: list[tuple[str, int]],
) -> None:
    assert entity_rows(story, StatementFilter(**where), stance, label) == expected  # type: ignore[arg-type]


def test_named_entities_are_paged(story: GraphStore) -> None:
    page = story.named_entities(StatementFilter(), None, Label.COUNTRY, 1, 1)
    assert ([t.entity.id for t in page.items], page.total) == ([JAPAN.id], 2)


def test_document_statements_in_reading_order(story: GraphStore) -> None:
    assert [s.id for s in story.document_statements(COURIER_MAR.id)] == [
        "stmt:li-relic",  # span 120
        "stmt:li-asean",  # span 300
    ]
    assert [s.id for s in story.document_statements(COURIER_JAN.id)] == [
        "stmt:li-january",
        "stmt:china-accord",
    ]
    assert story.document_statements("doc:unknown") == []
    assert story.document_statements(LI.id) == []


def test_document_signatures(story: GraphStore) -> None:
    assert story.document_signatures() == {
        COURIER_MAR.id: [11, 12, 13],
        HARBOUR.id: [11, 12, 14],
    }


# ---------------------------------------------------------------------- entities


def test_get_entity(story: GraphStore) -> None:
    li = story.get_entity(LI.id)
    assert li is not None
    assert (li.id, li.name, li.type, li.aliases) == (LI.id, "Li Wen", Label.PERSON, ["Minister Li"])
    assert li.properties["country"] == CHINA.id
    assert li.properties["role"] == "Foreign Minister"
    alliance = story.get_entity(ALLIANCE.id)
    assert alliance is not None
    assert alliance.type is Label.ALLIANCE
    assert alliance.properties["parties"] == [JAPAN.id, USA.id]
    fisheries = story.get_entity(FISHERIES.id)
    assert fisheries is not None
    assert fisheries.properties["year"] == 2019


@pytest.mark.parametrize("node_id", ["person:nobody", "stmt:li-relic", "doc:harbour", ""])
def test_get_entity_is_none_for_unknown_ids_and_non_entities(
    story: GraphStore, node_id: str
) -> None:
    assert story.get_entity(node_id) is None


def search_ids(store: GraphStore, text: str | None, label: Label | None = None) -> list[str]:
    return [e.id for e in store.search_entities(text, label, 50, 0).items]


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Japan", None, [JAPAN.id, ALLIANCE.id]),  # exact name first, then containing it
        ("japan", Label.COUNTRY, [JAPAN.id]),
        ("japan", Label.ALLIANCE, [ALLIANCE.id]),
        ("Japan-US alliance", None, [ALLIANCE.id]),
        ("US–Japan Alliance", None, [ALLIANCE.id]),  # an alias, other dash, other case
        ("PRC", None, [CHINA.id]),
        ("people's republic of china", None, [CHINA.id]),
        ("Minister Li", None, [LI.id]),
        ("volk", None, [VOLKOVA.id]),  # a part of a name
        ("southeast asian", None, [ASEAN.id]),  # a part of an alias
        # exact alias first, then containing "us": in more statements first
        ("U.S.", None, [USA.id, ALLIANCE.id, RUSSIA.id]),
        ("atlantis", None, []),
        ("Japan", Label.DOCUMENT, []),
    ],
)
def test_search_entities(
    story: GraphStore, text: str, label: Label | None, expected: list[str]
) -> None:
    page = story.search_entities(text, label, 50, 0)
    assert [e.id for e in page.items] == expected
    assert page.total == len(expected)


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Japan", None, [JAPAN.id]),  # not the alliance, which only contains it
        ("u.s.", None, [USA.id]),
        ("US–Japan Alliance", None, [ALLIANCE.id]),
        ("US–Japan Alliance", Label.COUNTRY, []),
        ("people's republic of china", Label.COUNTRY, [CHINA.id]),
        ("volk", None, []),
        ("!!", None, []),
    ],
)
def test_exact_entities(
    story: GraphStore, text: str, label: Label | None, expected: list[str]
) -> None:
    assert [e.id for e in story.exact_entities(text, label)] == expected


def test_search_without_text_lists_entities_in_most_statements_first(story: GraphStore) -> None:
    # Li Wen said 3 statements, Irina Volkova 2, Haruto Sato 1.
    assert search_ids(story, None, Label.PERSON) == [LI.id, VOLKOVA.id, SATO.id]
    everything = story.search_entities(None, None, 4, 2)
    assert everything.total == 10
    assert len(everything.items) == 4
    # the alliance is in 4 statements, the United States in 4, Japan in 3, then Li Wen in 3
    assert search_ids(story, None)[:4] == [ALLIANCE.id, USA.id, JAPAN.id, LI.id]


# ---------------------------------------------------------------------- neighbors


def neighbor_rows(
    store: GraphStore, entity_id: str, limit: int = 50
) -> list[tuple[str, str, str, int]]:
    return [
        (n.entity.id, n.relation, n.direction, n.count) for n in store.neighbors(entity_id, limit)
    ]


def test_neighbors_of_a_target(story: GraphStore) -> None:
    assert neighbor_rows(story, ALLIANCE.id) == [
        (LI.id, "criticizes", "in", 2),
        (VOLKOVA.id, "criticizes", "in", 1),
        (JAPAN.id, "party_to", "in", 1),
        (USA.id, "party_to", "in", 1),
        (SATO.id, "supports", "in", 1),
    ]


def test_neighbors_of_a_speaker(story: GraphStore) -> None:
    assert neighbor_rows(story, LI.id) == [
        (ALLIANCE.id, "criticizes", "out", 2),
        (JAPAN.id, "mentions", "out", 2),
        (USA.id, "mentions", "out", 1),
        (CHINA.id, "speaks_for", "out", 1),
        (ASEAN.id, "supports", "out", 1),
    ]
    assert neighbor_rows(story, LI.id, limit=2) == neighbor_rows(story, LI.id)[:2]


def test_neighbors_of_a_country(story: GraphStore) -> None:
    assert neighbor_rows(story, CHINA.id) == [
        (JAPAN.id, "mentions", "out", 1),
        (FISHERIES.id, "party_to", "out", 1),
        (LI.id, "speaks_for", "in", 1),
        (FISHERIES.id, "supports", "out", 1),
    ]
    [link] = [n.entity for n in story.neighbors(CHINA.id, 1)]
    assert (link.name, link.type) == ("Japan", Label.COUNTRY)


def test_who_speaks_for_countries(story: GraphStore) -> None:
    assert story.speaking_for([CHINA.id]) == [LI.id]
    assert story.speaking_for([RUSSIA.id, JAPAN.id, CHINA.id]) == [
        SATO.id,
        VOLKOVA.id,
        LI.id,
    ]
    # Only countries are spoken for; an unknown id finds nothing.
    assert story.speaking_for([LI.id, "country:ATL", USA.id]) == []


def test_an_entity_is_not_its_own_neighbor(story: GraphStore) -> None:
    itself = CHINA_ACCORD.model_copy(
        update={"id": "stmt:china-itself", "mentions": (ref(CHINA), ref(JAPAN))}
    )
    story.write(extraction_rows(extraction(COURIER_JAN, itself)))
    assert neighbor_rows(story, CHINA.id) == [
        (JAPAN.id, "mentions", "out", 2),
        (FISHERIES.id, "supports", "out", 2),
        (FISHERIES.id, "party_to", "out", 1),
        (LI.id, "speaks_for", "in", 1),
    ]


@pytest.mark.parametrize("node_id", ["person:nobody", "stmt:li-relic", "doc:harbour"])
def test_neighbors_of_unknown_ids_and_non_entities(story: GraphStore, node_id: str) -> None:
    assert story.neighbors(node_id, 10) == []


# ---------------------------------------------------------------------- persistence


def test_answers_survive_closing_and_reopening(
    store: GraphStore, reopen: Callable[[], GraphStore]
) -> None:
    write_story(store)
    before = (
        store.counts(),
        store.statements(StatementFilter(), 100, 0),
        store.search_entities("japan", None, 10, 0),
        store.neighbors(ALLIANCE.id, 10),
        store.document_signatures(),
        store.get_entity(LI.id),
    )
    store.close()
    again = reopen()
    after = (
        again.counts(),
        again.statements(StatementFilter(), 100, 0),
        again.search_entities("japan", None, 10, 0),
        again.neighbors(ALLIANCE.id, 10),
        again.document_signatures(),
        again.get_entity(LI.id),
    )
    assert after == before
    again.write(story_batches()[0])
    assert again.counts() == before[0]


# ---------------------------------------------------------------------- the whole graph


def _merged(target: dict[str, Any], props: dict[str, Any]) -> None:
    # As stores merge: later values win, None removes.
    for key, value in props.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = list(value) if isinstance(value, tuple) else value


def story_graph() -> tuple[
    dict[str, tuple[Label, dict[str, Any]]], dict[tuple[str, RelType, str], dict[str, Any]]
]:
    """The story's nodes (label, properties) by id and relationships' properties by
    (start, type, end), merged batch after batch."""
    nodes: dict[str, tuple[Label, dict[str, Any]]] = {}
    rels: dict[tuple[str, RelType, str], dict[str, Any]] = {}
    for batch in story_batches():
        for node in batch.nodes:
            _merged(nodes.setdefault(node.id, (node.label, {}))[1], node.props)
        for rel in batch.rels:
            _merged(rels.setdefault((rel.start, rel.type, rel.end), {}), rel.props)
    return nodes, rels


def in_order(rows: Iterable[NodeRow | RelRow]) -> list[NodeRow | RelRow]:
    """Rows in one order whatever the store: nodes by id, then relationships."""

    def key(row: NodeRow | RelRow) -> tuple[str, ...]:
        if isinstance(row, NodeRow):
            return ("node", row.id)
        return ("rel", row.start, row.type, row.end)

    return sorted(rows, key=key)


def graph_answers(store: GraphStore) -> tuple[object, ...]:
    return (
        store.counts(),
        store.statements(StatementFilter(), 100, 0),
        store.statements(StatementFilter(target_ids=[ALLIANCE.id]), 100, 0),
        store.statements(StatementFilter(outlet="beijing courier"), 100, 0),
        store.search_entities(None, None, 100, 0),
        store.search_entities("japan", None, 10, 0),
        store.search_entities("U.S.", None, 10, 0),
        store.neighbors(ALLIANCE.id, 10),
        store.document_signatures(),
        store.document_statements(COURIER_MAR.id),
    )


def test_iter_graph_of_an_empty_store_is_empty(store: GraphStore) -> None:
    # Neo4j's store holds its schema version node from the start: it is not in the graph.
    assert list(store.iter_graph()) == []


def test_iter_graph_yields_every_node_and_relationship_with_its_properties(
    story: GraphStore,
) -> None:
    rows = list(story.iter_graph())
    nodes = [row for row in rows if isinstance(row, NodeRow)]
    rels = [row for row in rows if isinstance(row, RelRow)]
    assert rows == [*nodes, *rels], "every node comes before every relationship"
    assert (len(nodes), len(rels)) == (NODE_COUNT, REL_COUNT)
    expected_nodes, expected_rels = story_graph()
    assert {node.id: (node.label, node.props) for node in nodes} == expected_nodes
    assert {(rel.start, rel.type, rel.end): rel.props for rel in rels} == expected_rels
    assert SCHEMA_VERSION_ID not in {node.id for node in nodes}
    # Derived fields are read back too: a copy needs them.
    china = next(node for node in nodes if node.id == CHINA.id)
    assert china.props["alias_keys"] == ["peoplesrepublicofchina", "prc"]
    harbour = next(node for node in nodes if node.id == HARBOUR.id)
    assert harbour.props["minhash"] == [11, 12, 14]


def test_iter_graph_rows_are_the_callers_to_change(story: GraphStore) -> None:
    nodes = (row for row in story.iter_graph() if isinstance(row, NodeRow))
    china = next(node for node in nodes if node.id == CHINA.id)
    china.props["aliases"].append("Cathay")
    china.props["name"] = "Cathay"
    entity = story.get_entity(CHINA.id)
    assert entity is not None
    assert (entity.name, entity.aliases) == ("China", ["PRC", "People's Republic of China"])


def test_the_rows_rebuild_the_same_graph_in_an_empty_store(
    story: GraphStore,
    store_kind: str,
    tmp_path: Path,
    reopen: Callable[[], GraphStore],
    request: pytest.FixtureRequest,
) -> None:
    rows = list(story.iter_graph())
    before = graph_answers(story)
    batch = GraphBatch(
        nodes=[row for row in rows if isinstance(row, NodeRow)],
        rels=[row for row in rows if isinstance(row, RelRow)],
    )
    # An empty store of each kind: a new embedded one, and for Neo4j its database emptied
    # (one database serves the suite) and opened again.
    embedded = NetworkxStore.open(tmp_path / "copy")
    copies: list[GraphStore] = [embedded]
    if store_kind == "neo4j":
        request.getfixturevalue("neo4j_server").empty()
        copies.append(reopen())
    try:
        for copy in copies:
            assert copy.counts().nodes == 0, copy.kind
            copy.write(batch)
            assert graph_answers(copy) == before, copy.kind
            assert in_order(copy.iter_graph()) == in_order(rows), copy.kind
    finally:
        embedded.close()


# ---------------------------------------------------------------------- embedded only


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.mark.parametrize(("where", "expected"), FILTER_CASES)
@pytest.mark.parametrize("ratio", [0, 10**9], ids=["sorting-candidates", "scanning-the-order"])
def test_embedded_filters_give_the_same_answer_either_way(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ratio: int,
    where: dict[str, object],
    expected: list[str],
) -> None:
    # NetworkxStore sorts few candidates itself and scans its date order for many.
    monkeypatch.setattr("stores.networkx_store.SORT_COST_RATIO", ratio)
    with NetworkxStore.open(tmp_path / "data") as store:
        write_story(store)
        assert statement_ids(store, where) == expected


class TestEmbeddedFile:
    """How NetworkxStore keeps its graph on disk."""

    def test_every_write_saves_one_file_atomically(self, data_dir: Path) -> None:
        store = NetworkxStore.open(data_dir)
        assert sorted(p.name for p in data_dir.iterdir()) == []
        store.write(story_batches()[0])
        assert sorted(p.name for p in data_dir.iterdir()) == ["graph.json"]
        assert NetworkxStore.open(data_dir).counts() == store.counts()
        for batch in story_batches():
            store.write(batch)
        store.close()
        assert sorted(p.name for p in data_dir.iterdir()) == ["graph.json"]

    def test_the_file_is_node_link_json(self, data_dir: Path) -> None:
        with NetworkxStore.open(data_dir) as store:
            write_story(store)
        data = json.loads((data_dir / "graph.json").read_text(encoding="utf-8"))
        assert data["graph"] == {"format": "diplograph-networkx", "schema_version": 1}
        graph = nx.node_link_graph(data)
        assert isinstance(graph, nx.MultiDiGraph)
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (NODE_COUNT, REL_COUNT)
        assert graph.nodes[LI.id]["label"] == "Person"
        assert graph.has_edge("stmt:li-relic", HARBOUR.id, "REPORTED_IN")

    def test_a_failed_save_keeps_the_old_file_and_no_temporary_file(
        self, data_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = NetworkxStore.open(data_dir)
        store.write(story_batches()[0])
        saved = (data_dir / "graph.json").read_bytes()

        def refuse(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("os.replace", refuse)
        with pytest.raises(StoreError, match="No space left"):
            store.write(story_batches()[1])
        assert (data_dir / "graph.json").read_bytes() == saved
        assert sorted(p.name for p in data_dir.iterdir()) == ["graph.json"]

        monkeypatch.undo()
        store.write(story_batches()[2])  # saves what the failed save could not
        assert NetworkxStore.open(data_dir).counts() == store.counts()

    def test_bulk_saves_once_at_the_end(self, data_dir: Path) -> None:
        store = NetworkxStore.open(data_dir)
        with store.bulk():
            write_story(store)
            assert not (data_dir / "graph.json").exists()
            assert store.counts().nodes == NODE_COUNT
        assert NetworkxStore.open(data_dir).counts().nodes == NODE_COUNT

    def test_a_store_sees_what_another_store_saved(self, data_dir: Path) -> None:
        reader = NetworkxStore.open(data_dir)
        writer = NetworkxStore.open(data_dir)
        assert reader.counts().nodes == 0
        first, *rest = story_batches()
        writer.write(first)
        assert reader.statements(StatementFilter(), 10, 0).total == 2
        for batch in rest:
            writer.write(batch)
        assert reader.counts().nodes == NODE_COUNT
        assert statement_ids(reader, {"speaker_ids": [SATO.id]}) == ["stmt:sato-backs"]

    def test_an_edge_to_a_missing_node_in_the_file_raises(self, data_dir: Path) -> None:
        with NetworkxStore.open(data_dir) as store:
            write_story(store)
        data = json.loads((data_dir / "graph.json").read_text(encoding="utf-8"))
        data["nodes"] = [n for n in data["nodes"] if n["id"] != LI.id]
        (data_dir / "graph.json").write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(StoreError, match="missing end"):
            NetworkxStore.open(data_dir)

    def test_a_file_that_is_not_a_graph_raises(self, data_dir: Path) -> None:
        data_dir.mkdir()
        (data_dir / "graph.json").write_text("{not json", encoding="utf-8")
        with pytest.raises(StoreError, match="not a diplograph graph"):
            NetworkxStore.open(data_dir)

    def test_a_file_from_another_schema_version_raises(self, data_dir: Path) -> None:
        data_dir.mkdir()
        header = {"format": "diplograph-networkx", "schema_version": 999}
        (data_dir / "graph.json").write_text(
            json.dumps({"graph": header, "nodes": [], "edges": []}), encoding="utf-8"
        )
        with pytest.raises(StoreError, match="schema version 999"):
            NetworkxStore.open(data_dir)

    def test_properties_a_database_cannot_hold_raise(self, data_dir: Path) -> None:
        store = NetworkxStore.open(data_dir)
        for props in (
            {"nested": {"a": 1}},
            {"mixed": [1, "a"]},
            {"when": D(2024, 1, 1)},
            {"id": "x"},
        ):
            with pytest.raises(StoreError):
                store.write(
                    GraphBatch(nodes=[NodeRow(label=Label.DOCUMENT, id="doc:x", props=props)])
                )
        assert store.counts().nodes == 0

    def test_a_node_cannot_change_label(self, data_dir: Path) -> None:
        store = NetworkxStore.open(data_dir)
        store.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="x", props={"name": "X"})]))
        with pytest.raises(StoreError, match="cannot be merged as a Person"):
            store.write(GraphBatch(nodes=[NodeRow(label=Label.PERSON, id="x")]))

    def test_a_closed_store_refuses_work(self, data_dir: Path) -> None:
        store = NetworkxStore.open(data_dir)
        store.close()
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.counts()
        with pytest.raises(StoreError, match="closed"):
            store.write(story_batches()[0])


def test_read_now_runs_the_read_or_says_busy_without_running_it(story: GraphStore) -> None:
    ran = []

    def read() -> int:
        ran.append(True)
        return story.counts().nodes

    done = story.read_now(read)
    if isinstance(done, Busy):
        # Neo4j: its reads wait on the network, never on the API's event loop.
        assert story.kind == "neo4j" and ran == []
    else:
        assert done == story.counts().nodes > 0 and ran == [True]


def test_embedded_read_now_is_busy_while_a_write_holds_the_store(tmp_path: Path) -> None:
    store = NetworkxStore.open(tmp_path)
    holding, release = threading.Event(), threading.Event()

    def slow_write() -> None:
        with store._lock:  # as a write does while it runs
            holding.set()
            release.wait(10)

    writer = threading.Thread(target=slow_write)
    writer.start()
    assert holding.wait(10)
    assert isinstance(store.read_now(store.counts), Busy)
    release.set()
    writer.join(10)
    assert store.read_now(store.counts).nodes == 0
    store.close()


def test_embedded_read_now_is_busy_when_another_process_replaced_the_file(
    tmp_path: Path,
) -> None:
    first, second = NetworkxStore.open(tmp_path), NetworkxStore.open(tmp_path)
    first.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="country:AAA")]))
    # Reading the new file again takes seconds for a big graph: not at once.
    assert isinstance(second.read_now(second.counts), Busy)
    assert second.counts().nodes == 1  # the ordinary read loads it
    assert second.read_now(second.counts).nodes == 1
    first.close()
    second.close()


def test_embedded_reads_after_a_failed_read_now_still_see_a_replaced_file(
    tmp_path: Path,
) -> None:
    # read_now looks at the file once for all the steps of its read; that must not outlive
    # the read, even one that raised.
    first, second = NetworkxStore.open(tmp_path), NetworkxStore.open(tmp_path)

    def failing() -> None:
        raise ValueError("the read failed")

    with pytest.raises(ValueError, match="the read failed"):
        second.read_now(failing)
    first.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="country:AAA")]))
    assert second.counts().nodes == 1
    first.close()
    second.close()
