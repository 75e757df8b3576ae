"""The GraphStore protocol: what every store (networkx, Neo4j) offers, and the rows it takes.

Writes are batches of node and relationship rows merged by key, so writing the same batch
twice changes nothing. Reads return the records below; QueryService builds answers from them.
`iter_graph()` reads the whole graph back as those same rows (exports are built on it):
writing them into an empty store rebuilds the graph.

Exception tree:
    StoreError(RuntimeError)
    └── StoreUnavailable     the database cannot be reached (the API answers 503)
"""

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from graph_schema import ALLOWED_PATTERNS, Label, RelType, Stance


class StoreError(RuntimeError):
    """A store could not do what was asked."""


class StoreUnavailable(StoreError):
    """The database behind a store cannot be reached right now."""


class NodeRow(BaseModel):
    """One node to merge: its label, key and properties (lists of scalars allowed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Label
    id: str
    props: dict[str, Any] = Field(default_factory=dict)


class RelRow(BaseModel):
    """One relationship to merge; (start, type, end) is its identity."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: RelType
    start: str
    end: str
    props: dict[str, Any] = Field(default_factory=dict)


class GraphBatch(BaseModel):
    """Rows written together; nodes are merged before relationships."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[NodeRow] = Field(default_factory=list)
    rels: list[RelRow] = Field(default_factory=list)

    def extend(self, other: "GraphBatch") -> None:
        self.nodes.extend(other.nodes)
        self.rels.extend(other.rels)


_SCALARS = (str, bool, int, float)
# The embedded store's node-link JSON keeps a node's id and label, and an edge's ends and
# key, beside its properties: no property may take one of those names, in either store, so
# that a batch one store takes the other takes as well.
_RESERVED_NODE_PROPS = frozenset({"id", "label"})
_RESERVED_REL_PROPS = frozenset({"source", "target", "key"})


def check_props(batch: GraphBatch) -> None:
    """Refuse a reserved property name or a value no store can hold, naming its node or
    relationship; raises StoreError.

    Values are scalars and homogeneous lists of scalars, as Neo4j stores them (None removes
    a property). Dates are refused although the Neo4j driver would send them: graph_rows
    writes ISO strings, and both stores must hold the same values.
    """
    for node in batch.nodes:
        if problem := _props_problem(node.props, _RESERVED_NODE_PROPS):
            raise StoreError(f"Cannot write node {node.id!r}: {problem}")
    for rel in batch.rels:
        if problem := _props_problem(rel.props, _RESERVED_REL_PROPS):
            raise StoreError(f"Cannot write {describe(rel)}: {problem}")


def _props_problem(props: dict[str, Any], reserved: frozenset[str]) -> str | None:
    """What makes these properties unwritable, or None."""
    for key, value in props.items():
        if key in reserved:
            return f"{key!r} is reserved and not a property name"
        if value is None or isinstance(value, _SCALARS):
            continue
        if isinstance(value, list | tuple):
            # The element types once, not an isinstance per element: a document carries a
            # signature of 128 numbers.
            types = set(map(type, value))
            if len(types) <= 1 and all(issubclass(t, _SCALARS) for t in types):
                continue
        return (
            f"property {key!r} is {type(value).__name__} {value!r}; "
            "a store holds strings, numbers, booleans and lists of one of those"
        )
    return None


def describe(rel: RelRow) -> str:
    """A relationship as error messages name it."""
    return f"relationship ({rel.start!r})-[:{rel.type}]->({rel.end!r})"


def checked_labels(
    batch: GraphBatch, stored_label: Callable[[str], Label | None]
) -> dict[str, Label]:
    """The label of every id the batch names (as stored, else as the batch gives it),
    checked as every store checks a write: a node keeps its label, a relationship's ends
    exist (stored or in the batch) and its pattern is in graph_schema.ALLOWED_PATTERNS.
    Raises StoreError otherwise."""
    labels: dict[str, Label] = {}
    for node in batch.nodes:
        known = labels.get(node.id) or stored_label(node.id)
        if known is not None and known is not node.label:
            raise StoreError(
                f"Node {node.id!r} is a {known}; it cannot be merged as a {node.label}"
            )
        labels[node.id] = node.label
    for rel in batch.rels:
        for end in (rel.start, rel.end):
            label = labels.get(end) or stored_label(end)
            if label is None:
                raise StoreError(
                    f"Cannot write {describe(rel)}: node {end!r} does not exist; "
                    "write the node in the same batch or before"
                )
            labels[end] = label
        start, end = labels[rel.start], labels[rel.end]
        start_labels, end_labels = ALLOWED_PATTERNS[rel.type]
        if start not in start_labels or end not in end_labels:
            raise StoreError(
                f"Cannot write {describe(rel)}: ({start})-[:{rel.type}]->({end}) is not an "
                "allowed pattern (see graph_schema.ALLOWED_PATTERNS)"
            )
    return labels


class GraphCounts(BaseModel):
    nodes: int
    relationships: int
    by_label: dict[str, int] = Field(default_factory=dict)


class EntityRecord(BaseModel):
    """An entity node as read back from a store."""

    id: str
    name: str
    type: Label
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)


class EntityLink(BaseModel):
    id: str
    name: str
    type: Label


class SourceRecord(BaseModel):
    """A document that reports a statement, with where the quote sits in it."""

    document_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source_file: str | None = None
    span: tuple[int, int] | None = None


class RelationRecord(BaseModel):
    stance: Stance
    target: EntityLink
    evidence: str
    confidence: float


class StatementRecord(BaseModel):
    """A statement with its speaker, stances, mentions and every source reporting it."""

    id: str
    speaker: EntityLink
    role: str | None = None
    date: dt.date | None = None
    quote: str
    kind: str
    relations: list[RelationRecord] = Field(default_factory=list)
    mentions: list[EntityLink] = Field(default_factory=list)
    sources: list[SourceRecord] = Field(default_factory=list)


class StatementFilter(BaseModel):
    """Conditions a statement must meet; None means no condition. Ids are entity ids."""

    model_config = ConfigDict(extra="forbid")

    speaker_ids: list[str] | None = None
    target_ids: list[str] | None = None  # a stance relation (of `stance`, if given) to one of them
    stance: Stance | None = None
    mention_ids: list[str] | None = None  # mentions one of them (or targets it)
    mention_type: Label | None = None  # mentions an entity of this type
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None  # reported by this outlet (case-insensitive)


T = TypeVar("T")


class Busy:
    """What `GraphStore.read_now` returns when a read cannot run at once."""


BUSY = Busy()


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class StatementPage(Page[StatementRecord]):
    """A page of statements, with the date span of every statement meeting the filter."""

    first_date: dt.date | None = None  # the earliest dated one's date
    last_date: dt.date | None = None  # the latest dated one's date


class SpeakerTally(BaseModel):
    """A speaker of the statements meeting a filter: how many, when, and the newest ones."""

    speaker: EntityLink
    count: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    newest: list[StatementRecord] = Field(default_factory=list)  # newest first


class EntityTally(BaseModel):
    """An entity the statements meeting a filter name, and in how many of them."""

    entity: EntityLink
    count: int


class Neighbor(BaseModel):
    """An entity linked to another through statements or structure, with how often."""

    entity: EntityLink
    relation: str  # criticizes, supports, mentions, speaks_for, party_to
    direction: Literal["out", "in"]
    count: int


@runtime_checkable
class GraphStore(Protocol):
    """What every store offers. Implementations: NetworkxStore, Neo4jStore."""

    kind: str

    def write(self, batch: GraphBatch) -> None:
        """Merge the batch's nodes, then its relationships; idempotent."""

    def counts(self) -> GraphCounts:
        """Node and relationship totals."""

    def document_signatures(self) -> dict[str, list[int]]:
        """MinHash signature of every stored document, by document id (for reprint search)."""

    def document_statements(self, document_id: str) -> list[StatementRecord]:
        """Statements reported in one document."""

    def get_entity(self, entity_id: str) -> EntityRecord | None:
        """One entity by id, or None."""

    def search_entities(
        self, text: str | None, label: Label | None, limit: int, offset: int
    ) -> Page[EntityRecord]:
        """Entities whose name or an alias matches text (all when text is None)."""

    def exact_entities(self, text: str, label: Label | None) -> list[EntityRecord]:
        """Entities (of label, if given) whose name key or an alias key equals text's.

        Found through an index, in more statements first, then by name and id; the fast
        path for name resolution, where search_entities also reads partial matches.
        """

    def get_statements(self, ids: Sequence[str]) -> list[StatementRecord]:
        """The statements with these ids, in the order given; ids of no statement (or of
        one without a speaker) are left out."""

    def statements(self, where: StatementFilter, limit: int, offset: int) -> StatementPage:
        """Statements meeting the filter, newest first (undated last, then by id)."""

    def speakers(
        self, where: StatementFilter, limit: int, offset: int, newest: int
    ) -> Page[SpeakerTally]:
        """The speakers of the statements meeting the filter, counted in the store.

        Most statements first, then latest date (undated last), then name and id; each
        with up to `newest` of its matching statements, newest first.
        """

    def named_entities(
        self, where: StatementFilter, stance: Stance | None, label: Label, limit: int, offset: int
    ) -> Page[EntityTally]:
        """Entities of `label` that the statements meeting the filter take `stance` on (or,
        when stance is None, name in any way), counted in the store: most statements first,
        then by name and id.
        """

    def neighbors(self, entity_id: str, limit: int) -> list[Neighbor]:
        """Entities linked to this one, most frequent first."""

    def speaking_for(self, country_ids: Sequence[str]) -> list[str]:
        """Ids of the persons and organizations that speak for one of these countries
        (a SPEAKS_FOR relationship to it), sorted."""

    def iter_graph(self) -> Iterator[NodeRow | RelRow]:
        """Every node, then every relationship, with all properties as stored."""

    def read_now(self, read: Callable[[], T]) -> T | Busy:
        """Run `read` (calls of this store) at once and return what it returns, if the store
        answers from memory and no write holds it; else BUSY, without running it. The API
        runs a read that is not BUSY on its event loop, sparing the hop to a worker thread
        (about half the cost of a small answer), and the others in a worker thread."""

    def close(self) -> None:
        """Release files or connections."""


def name_key(text: str) -> str:
    """A normalised form for matching names: lower case, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
