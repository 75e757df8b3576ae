"""A small hand-built graph for the API and CLI tests: no NLP pipeline needed.

The quotes are invented (realistic in shape, not real reporting). What the graph holds:

    statement        speaker           date        stances                    reported by
    st:lavrov-2019   Sergey Lavrov     2019-02-21  criticizes Japan-US all.  TASS
    st:zakharova     Maria Zakharova   2020-06-10  criticizes NATO           RIA Novosti
    st:lavrov-2021   Sergey Lavrov     2021-02-04  supports New START        TASS
    st:wang-2021     Wang Yi           2021-03-01  supports New START        Xinhua
    st:lavrov-2022   Sergey Lavrov     2022-01-14  criticizes Japan-US all.  RIA Novosti,
                                                   criticizes NATO           Sputnik (reprint)

Mentions: lavrov-2019 names Japan and the United States; lavrov-2021 the United States and
the INF Treaty; wang-2021 the United States and Russia; lavrov-2022 the INF Treaty.
"""

import datetime as dt
from pathlib import Path

from graph_schema import Label, Stance
from pipelines.graph_rows import extraction_rows
from pipelines.statements import DocumentInfo, Entity, EntityRef, Extraction, Relation, Statement
from stores import open_store

D = dt.date
CRIT, SUPP = Stance.CRITICIZES, Stance.SUPPORTS

RUSSIA = Entity(
    id="country:RUS", name="Russia", type=Label.COUNTRY, aliases=("Russian Federation",)
)
USA = Entity(
    id="country:USA", name="United States", type=Label.COUNTRY, aliases=("US", "U.S.", "USA")
)
JAPAN = Entity(id="country:JPN", name="Japan", type=Label.COUNTRY)
CHINA = Entity(id="country:CHN", name="China", type=Label.COUNTRY, aliases=("PRC",))
LAVROV = Entity(
    id="person:sergey-lavrov",
    name="Sergey Lavrov",
    type=Label.PERSON,
    aliases=("Lavrov", "Sergei Lavrov"),
    country="country:RUS",
    role="Foreign Minister",
)
ZAKHAROVA = Entity(
    id="person:maria-zakharova",
    name="Maria Zakharova",
    type=Label.PERSON,
    aliases=("Zakharova",),
    country="country:RUS",
    role="Foreign Ministry spokeswoman",
)
WANG = Entity(
    id="person:wang-yi",
    name="Wang Yi",
    type=Label.PERSON,
    country="country:CHN",
    role="Foreign Minister",
)
NATO = Entity(
    id="alliance:nato",
    name="NATO",
    type=Label.ALLIANCE,
    aliases=("North Atlantic Treaty Organization", "North Atlantic Alliance"),
)
JAPAN_US = Entity(
    id="alliance:japan-us",
    name="Japan-US alliance",
    type=Label.ALLIANCE,
    aliases=("US-Japan alliance",),
    parties=("country:JPN", "country:USA"),
)
NEW_START = Entity(
    id="treaty:new-start",
    name="New START",
    type=Label.TREATY,
    aliases=("New START Treaty", "Strategic Arms Reduction Treaty"),
    year=2010,
    parties=("country:RUS", "country:USA"),
)
INF = Entity(
    id="treaty:inf",
    name="INF Treaty",
    type=Label.TREATY,
    aliases=("Intermediate-Range Nuclear Forces Treaty",),
    year=1987,
    parties=("country:RUS", "country:USA"),
)
ENTITIES = (RUSSIA, USA, JAPAN, CHINA, LAVROV, ZAKHAROVA, WANG, NATO, JAPAN_US, NEW_START, INF)


def ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, type=entity.type)


def statement(
    st_id: str,
    speaker: Entity,
    date: dt.date,
    quote: str,
    stances: list[tuple[Stance, Entity, str]],
    mentions: tuple[Entity, ...] = (),
) -> Statement:
    return Statement(
        id=st_id,
        speaker=ref(speaker),
        role=speaker.role,
        date=date,
        quote=quote,
        span=(100, 100 + len(quote)),
        kind="direct",
        relations=tuple(
            Relation(stance=s, target=ref(t), evidence=e, confidence=0.85, rule="test")
            for s, t, e in stances
        ),
        mentions=tuple(ref(m) for m in mentions),
    )


LAVROV_2019 = statement(
    "st:lavrov-2019",
    LAVROV,
    D(2019, 2, 21),
    "The Japan-US alliance is being turned against its neighbours, and we cannot accept it.",
    [(CRIT, JAPAN_US, "cannot accept")],
    (JAPAN, USA),
)
ZAKHAROVA_2020 = statement(
    "st:zakharova",
    ZAKHAROVA,
    D(2020, 6, 10),
    "NATO keeps moving its infrastructure closer to our borders, which is a provocation.",
    [(CRIT, NATO, "a provocation")],
)
LAVROV_2021 = statement(
    "st:lavrov-2021",
    LAVROV,
    D(2021, 2, 4),
    "Extending New START was the right decision after Washington walked out of the INF Treaty.",
    [(SUPP, NEW_START, "the right decision")],
    (USA, INF),
)
WANG_2021 = statement(
    "st:wang-2021",
    WANG,
    D(2021, 3, 1),
    "China welcomes the extension of New START by Russia and the United States.",
    [(SUPP, NEW_START, "welcomes the extension")],
    (USA, RUSSIA),
)
LAVROV_2022 = statement(
    "st:lavrov-2022",
    LAVROV,
    D(2022, 1, 14),
    "NATO and the Japan-US alliance are building blocs that undermine security in Asia.",
    [(CRIT, NATO, "undermine security"), (CRIT, JAPAN_US, "undermine security")],
    (INF,),
)


def document(doc_id: str, outlet: str, published: dt.date, title: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=title,
        outlet=outlet,
        published=published,
        url=f"https://news.example/{doc_id.split(':')[1]}",
    )


STORIES: list[tuple[DocumentInfo, tuple[Statement, ...], str | None]] = [
    (
        document("doc:tass-2019", "TASS", D(2019, 2, 21), "Lavrov warns Tokyo over alliance"),
        (LAVROV_2019,),
        None,
    ),
    (
        document("doc:ria-2020", "RIA Novosti", D(2020, 6, 10), "Zakharova on NATO drills"),
        (ZAKHAROVA_2020,),
        None,
    ),
    (
        document("doc:tass-2021", "TASS", D(2021, 2, 4), "Lavrov on arms control"),
        (LAVROV_2021,),
        None,
    ),
    (
        document("doc:xinhua-2021", "Xinhua", D(2021, 3, 1), "Wang Yi welcomes treaty extension"),
        (WANG_2021,),
        None,
    ),
    (
        document("doc:ria-2022", "RIA Novosti", D(2022, 1, 14), "Lavrov: blocs undermine Asia"),
        (LAVROV_2022,),
        None,
    ),
    (
        document("doc:sputnik-2022", "Sputnik", D(2022, 1, 15), "Lavrov: blocs undermine Asia"),
        (LAVROV_2022,),
        "doc:ria-2022",
    ),
]


def write_sample_graph(data_dir: Path) -> None:
    """Write the sample graph into the embedded store under data_dir."""
    store = open_store("embedded", data_dir=data_dir)
    try:
        for info, statements, reprint_of in STORIES:
            extraction = Extraction(document=info, statements=statements, entities=ENTITIES)
            store.write(extraction_rows(extraction, reprint_of=reprint_of))
    finally:
        store.close()
