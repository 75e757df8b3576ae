"""A small known graph for the Neo4j tests, written through graph_rows like the ingest does.

The people, outlets and quotes are invented.

    statement          speaker       date        stance                  reported in
    st:petrova-jan     Anna Petrova  2024-01-10  criticizes alliance     ledger-jan
    st:petrova-feb     Anna Petrova  2024-02-05  criticizes US           ledger-feb
    st:mei-pact        Mei Lin       2024-02-20  supports Pacific pact   courier, harbour
    st:mei-relic       Mei Lin       2024-02-20  criticizes alliance     courier, harbour
    st:petrova-mar     Anna Petrova  2024-03-01  supports fisheries      ledger-mar
    st:mori-backs      Kenji Mori    2024-03-03  supports alliance       evening
    st:mei-again       Mei Lin       2024-03-10  criticizes alliance     courier-mar

harbour (Harbour Times) is a reprint of courier (Beijing Courier): REPRINT_OF, and the two
statements it repeats are the same nodes, reported in both.
"""

import datetime as dt

from graph_schema import Label, Stance
from pipelines.graph_rows import extraction_rows
from pipelines.statements import DocumentInfo, Entity, EntityRef, Extraction, Relation, Statement
from stores.base import GraphBatch

D = dt.date

RUSSIA = Entity(id="country:RUS", name="Russia", type=Label.COUNTRY)
USA = Entity(id="country:USA", name="United States", type=Label.COUNTRY, aliases=("US",))
JAPAN = Entity(id="country:JPN", name="Japan", type=Label.COUNTRY)
CHINA = Entity(id="country:CHN", name="China", type=Label.COUNTRY)
PETROVA = Entity(
    id="person:anna-petrova",
    name="Anna Petrova",
    type=Label.PERSON,
    country=RUSSIA.id,
    role="Foreign Ministry spokeswoman",
)
MEI = Entity(
    id="person:mei-lin", name="Mei Lin", type=Label.PERSON, country=CHINA.id, role="Minister"
)
MORI = Entity(id="person:kenji-mori", name="Kenji Mori", type=Label.PERSON, country=JAPAN.id)
ALLIANCE = Entity(
    id="alliance:japan-us",
    name="Japan-US alliance",
    type=Label.ALLIANCE,
    parties=(JAPAN.id, USA.id),
)
FISHERIES = Entity(
    id="treaty:north-fisheries",
    name="North Sea Fisheries Accord",
    type=Label.TREATY,
    year=2018,
    parties=(RUSSIA.id, JAPAN.id),
)
PACT = Entity(
    id="treaty:pacific-pact",
    name="Pacific Trade Pact",
    type=Label.TREATY,
    year=2021,
    parties=(CHINA.id, JAPAN.id, USA.id),
)
ENTITIES = {
    e.id: e for e in (RUSSIA, USA, JAPAN, CHINA, PETROVA, MEI, MORI, ALLIANCE, FISHERIES, PACT)
}


def _ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


def _statement(
    st_id: str, speaker: Entity, date: dt.date, quote: str, stance: Stance, target: Entity
) -> Statement:
    return Statement(
        id=st_id,
        speaker=_ref(speaker),
        date=date,
        quote=quote,
        span=(0, len(quote)),
        kind="direct",
        relations=(
            Relation(
                stance=stance, target=_ref(target), evidence=quote, confidence=0.9, rule="test"
            ),
        ),
    )


CRIT, SUPP = Stance.CRITICIZES, Stance.SUPPORTS
PETROVA_JAN = _statement(
    "st:petrova-jan", PETROVA, D(2024, 1, 10), "The alliance is a threat to peace.", CRIT, ALLIANCE
)
PETROVA_FEB = _statement(
    "st:petrova-feb", PETROVA, D(2024, 2, 5), "Washington undermines every accord.", CRIT, USA
)
PETROVA_MAR = _statement(
    "st:petrova-mar", PETROVA, D(2024, 3, 1), "The fisheries accord works well.", SUPP, FISHERIES
)
MEI_PACT = _statement(
    "st:mei-pact", MEI, D(2024, 2, 20), "The Pacific pact serves us all.", SUPP, PACT
)
MEI_RELIC = _statement(
    "st:mei-relic", MEI, D(2024, 2, 20), "The alliance is a relic.", CRIT, ALLIANCE
)
MEI_AGAIN = _statement(
    "st:mei-again", MEI, D(2024, 3, 10), "The alliance still divides the region.", CRIT, ALLIANCE
)
MORI_BACKS = _statement(
    "st:mori-backs", MORI, D(2024, 3, 3), "Our alliance keeps us safe.", SUPP, ALLIANCE
)


def _document(doc_id: str, outlet: str, published: dt.date, title: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=title,
        outlet=outlet,
        published=published,
        url=f"https://news.example/{doc_id.removeprefix('doc:')}",
    )


LEDGER_JAN = _document("doc:ledger-jan", "Moscow Ledger", D(2024, 1, 10), "Petrova on alliances")
LEDGER_FEB = _document("doc:ledger-feb", "Moscow Ledger", D(2024, 2, 5), "Petrova on Washington")
LEDGER_MAR = _document("doc:ledger-mar", "Moscow Ledger", D(2024, 3, 1), "Petrova on fishing")
COURIER = _document("doc:courier", "Beijing Courier", D(2024, 2, 20), "Mei Lin on the region")
HARBOUR = _document("doc:harbour", "Harbour Times", D(2024, 2, 21), "Mei Lin speaks")
COURIER_MAR = _document("doc:courier-mar", "Beijing Courier", D(2024, 3, 10), "Mei Lin again")
EVENING = _document("doc:evening", "Tokyo Evening", D(2024, 3, 3), "Mori interview")


def _extraction(doc: DocumentInfo, *statements: Statement) -> Extraction:
    ids: set[str] = set()
    for st in statements:
        ids |= {st.speaker.id, *(r.target.id for r in st.relations)}
    for entity_id in list(ids):
        entity = ENTITIES[entity_id]
        ids |= {*filter(None, [entity.country]), *entity.parties}
    return Extraction(
        document=doc, statements=statements, entities=tuple(ENTITIES[i] for i in sorted(ids))
    )


def example_batches() -> list[GraphBatch]:
    """One batch per document, in publication order."""
    return [
        extraction_rows(_extraction(LEDGER_JAN, PETROVA_JAN)),
        extraction_rows(_extraction(LEDGER_FEB, PETROVA_FEB)),
        extraction_rows(_extraction(COURIER, MEI_PACT, MEI_RELIC)),
        extraction_rows(_extraction(HARBOUR, MEI_PACT, MEI_RELIC), reprint_of=COURIER.id),
        extraction_rows(_extraction(LEDGER_MAR, PETROVA_MAR)),
        extraction_rows(_extraction(EVENING, MORI_BACKS)),
        extraction_rows(_extraction(COURIER_MAR, MEI_AGAIN)),
    ]


def example_batch() -> GraphBatch:
    """The whole graph as one batch."""
    batch = GraphBatch()
    for part in example_batches():
        batch.extend(part)
    return batch


# 7 documents, 7 statements, 10 entities.
NODE_COUNT = 24
# SAID 7, REPORTED_IN 9, CRITICIZES 4, SUPPORTS 3, SPEAKS_FOR 3, PARTY_TO 7, REPRINT_OF 1.
REL_COUNT = 34
