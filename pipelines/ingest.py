"""Documents → nlp.pipe → statements → store, in batches.

A document already in the store (same content, same id) is left alone, so ingesting the
same files twice changes nothing. A reprint of a stored story (dedup.py) is linked to the
story's statements instead of adding new ones.
"""

from collections.abc import Iterable

from pydantic import BaseModel, Field
from spacy.language import Language

from pipelines.dedup import ReprintIndex, matching_id, signature
from pipelines.documents import Document
from pipelines.extract import extract
from pipelines.graph_rows import extraction_rows
from pipelines.statements import Extraction
from stores.base import GraphBatch, GraphStore

WRITE_EVERY = 50  # documents per store write: one batched transaction each


class IngestReport(BaseModel):
    documents: int = 0
    unchanged: int = 0  # already in the store
    reprints: int = 0
    statements: int = 0
    nodes_added: int = 0
    relationships_added: int = 0
    extractions: list[Extraction] = Field(default_factory=list)
    reprint_of: dict[str, str] = Field(default_factory=dict)  # document id -> original id


def ingest(
    documents: Iterable[Document],
    store: GraphStore,
    nlp: Language,
    *,
    write_every: int = WRITE_EVERY,
    keep_extractions: bool = True,
) -> IngestReport:
    """Extracts and stores each new document; returns what changed."""
    report = IngestReport()
    before = store.counts()
    stored = store.document_signatures()
    index = ReprintIndex(stored)
    pending: dict[str, list[tuple[str, str, str]]] = {}  # statements written in this run
    batch = GraphBatch()
    queued = 0

    new_docs = _new_documents(documents, stored, report)
    for extraction, document in _with_documents(nlp, new_docs):
        values = signature(document)
        original = index.original_of(document.id, values)
        if original is not None:
            known = pending.get(original) or _stored_statements(store, original)
            extraction = _adopt_ids(extraction, known)
            report.reprints += 1
            report.reprint_of[document.id] = original
        index.add(document.id, values)
        pending[document.id] = [(s.id, s.speaker.id, s.quote) for s in extraction.statements]
        batch.extend(extraction_rows(extraction, minhash=values, reprint_of=original))
        report.documents += 1
        report.statements += len(extraction.statements)
        if keep_extractions:
            report.extractions.append(extraction)
        queued += 1
        if queued >= write_every:
            store.write(batch)
            batch, queued = GraphBatch(), 0
    if batch.nodes or batch.rels:
        store.write(batch)
    after = store.counts()
    report.nodes_added = after.nodes - before.nodes
    report.relationships_added = after.relationships - before.relationships
    return report


def _new_documents(documents: Iterable[Document], stored: dict, report: IngestReport):
    seen: set[str] = set()
    for document in documents:
        if document.id in stored or document.id in seen:
            report.unchanged += 1
            continue
        seen.add(document.id)
        yield document


def _with_documents(nlp: Language, documents: Iterable[Document]):
    """Pairs each extraction with its document, keeping one pass over the input."""
    queue: list[Document] = []

    def remember(docs):
        for doc in docs:
            queue.append(doc)
            yield doc

    for extraction in extract(nlp, remember(documents)):
        document = queue.pop(0)
        assert document.id == extraction.document.id
        yield extraction, document


def _stored_statements(store: GraphStore, document_id: str) -> list[tuple[str, str, str]]:
    return [(s.id, s.speaker.id, s.quote) for s in store.document_statements(document_id)]


def _adopt_ids(extraction: Extraction, known: list[tuple[str, str, str]]) -> Extraction:
    """A reprint's statements take the ids of the same words in the original."""
    taken: set[str] = set()
    statements = []
    for st in extraction.statements:
        match = matching_id(st.quote, st.speaker.id, [k for k in known if k[0] not in taken])
        if match is not None:
            taken.add(match)
            st = st.model_copy(update={"id": match})
        statements.append(st)
    return extraction.model_copy(update={"statements": tuple(statements)})
