"""Turns one document's extraction into the node and relationship rows a store merges.

The property names written here are the ones stores read back; graph_schema names the
labels and relationship types.
"""

from typing import Any

from graph_schema import Label, RelType
from pipelines.statements import Entity, Extraction
from stores.base import GraphBatch, NodeRow, RelRow, name_key


def _without_nulls(props: dict[str, Any]) -> dict[str, Any]:
    # Neo4j stores no nulls and empty lists carry nothing: leave both out on every store.
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ()}


def entity_node(entity: Entity) -> NodeRow:
    aliases = sorted(set(entity.aliases) - {entity.name})
    props = {
        "name": entity.name,
        "name_key": name_key(entity.name),
        "aliases": aliases,
        "alias_keys": sorted({name_key(a) for a in aliases}),
        "aliases_text": " | ".join(aliases) or None,
        "country": entity.country,
        "role": entity.role,
        "year": entity.year,
        "parties": list(entity.parties),
        "wikidata": entity.wikidata,
    }
    return NodeRow(label=entity.type, id=entity.id, props=_without_nulls(props))


def extraction_rows(
    extraction: Extraction, *, minhash: list[int] | None = None, reprint_of: str | None = None
) -> GraphBatch:
    """Rows for one document: the document, its entities, statements and their links.

    `reprint_of` is the id of the first document of the same story, when this one is a
    reprint; its statements then carry the story's statement ids (see dedup.py).
    """
    doc = extraction.document
    batch = GraphBatch()
    batch.nodes.append(
        NodeRow(
            label=Label.DOCUMENT,
            id=doc.id,
            props=_without_nulls(
                {
                    "title": doc.title,
                    "outlet": doc.outlet,
                    "published": doc.published.isoformat() if doc.published else None,
                    "url": doc.url,
                    "source_file": doc.source_file,
                    "minhash": minhash,
                }
            ),
        )
    )
    if reprint_of and reprint_of != doc.id:
        batch.rels.append(RelRow(type=RelType.REPRINT_OF, start=doc.id, end=reprint_of))

    for entity in extraction.entities:
        batch.nodes.append(entity_node(entity))
        if entity.country and entity.type in (Label.PERSON, Label.ORGANIZATION):
            props = _without_nulls({"role": entity.role})
            batch.rels.append(
                RelRow(type=RelType.SPEAKS_FOR, start=entity.id, end=entity.country, props=props)
            )
        for party in entity.parties:
            batch.rels.append(RelRow(type=RelType.PARTY_TO, start=party, end=entity.id))

    for st in extraction.statements:
        batch.nodes.append(
            NodeRow(
                label=Label.STATEMENT,
                id=st.id,
                props=_without_nulls(
                    {
                        "quote": st.quote,
                        "date": st.date.isoformat() if st.date else None,
                        "kind": st.kind,
                        "role": st.role,
                    }
                ),
            )
        )
        batch.rels.append(RelRow(type=RelType.SAID, start=st.speaker.id, end=st.id))
        batch.rels.append(
            RelRow(
                type=RelType.REPORTED_IN,
                start=st.id,
                end=doc.id,
                props={"span_start": st.span[0], "span_end": st.span[1]},
            )
        )
        for rel in st.relations:
            batch.rels.append(
                RelRow(
                    type=rel.stance.rel_type,
                    start=st.id,
                    end=rel.target.id,
                    props={
                        "evidence": rel.evidence,
                        "confidence": rel.confidence,
                        "rule": rel.rule,
                    },
                )
            )
        for mention in st.mentions:
            batch.rels.append(RelRow(type=RelType.MENTIONS, start=st.id, end=mention.id))
    return batch
