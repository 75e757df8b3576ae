"""A treaty whose parties include an alliance (the gazetteer lists NATO as a party to
several) is written like any other: the alliance is PARTY_TO the treaty."""

import datetime as dt
from pathlib import Path

from graph_schema import Label, RelType
from pipelines.gazetteer import default_gazetteer
from pipelines.graph_rows import extraction_rows
from pipelines.statements import DocumentInfo, EntityRef, Extraction, Statement
from stores.networkx_store import NetworkxStore


def test_a_treaty_with_an_alliance_party_is_stored(tmp_path: Path) -> None:
    gaz = default_gazetteer()
    treaty = next(
        e for e in gaz.entities.values() if e.type == Label.TREATY and "org:nato" in e.parties
    )
    nato = gaz.entities["org:nato"]
    speaker = gaz.entities["country:RUS"]
    statement = Statement(
        id="statement:test",
        speaker=EntityRef(id=speaker.id, name=speaker.name, type=speaker.type),
        date=dt.date(2022, 1, 14),
        quote="The treaty is out of date.",
        span=(0, 26),
        kind="direct",
        mentions=(EntityRef(id=treaty.id, name=treaty.name, type=treaty.type),),
    )
    extraction = Extraction(
        document=DocumentInfo(id="doc:test", title=None, outlet=None, published=None, url=None),
        statements=(statement,),
        entities=(
            speaker,
            treaty.model_copy(update={"parties": ("org:nato",)}),
            nato.model_copy(update={"parties": ()}),  # members left out, as extract does
        ),
    )
    store = NetworkxStore.open(tmp_path)
    batch = extraction_rows(extraction)
    assert any(r.type == RelType.PARTY_TO and r.start == "org:nato" for r in batch.rels)
    store.write(batch)
    assert store.counts().relationships == len({(r.start, r.type, r.end) for r in batch.rels})
