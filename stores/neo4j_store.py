"""The Neo4j store: the GraphStore contract over a Neo4j 5 server, through the Bolt driver.

`Neo4jStore.open(uri=..., user=..., password=...)` connects, applies the schema of
graph_schema/constraints.cypher (every statement is IF NOT EXISTS, so opening again changes
nothing), waits for the indexes and records the schema version in a
`(:SchemaVersion {id: "diplograph", version: N})` node, which reads and counts() ignore.

Writes: `write(batch)` is one transaction. It takes the store's write lock (one writer at a
time, see cypher.LOCK_WRITES), reads the labels of every id the batch touches, then checks
the batch like the embedded store does (a node may not change label, a
relationship needs both its nodes, in the batch or in the graph, and a pattern from
graph_schema.ALLOWED_PATTERNS), then sends `UNWIND $rows ... MERGE` batches of at most
`batch_size` rows, one node label or one relationship type per batch. What the look-up did
not find is created instead (`CREATE`, its repeats in the batch combined in row order):
a node new to the database, and any relationship with such an end, cannot be there to
MERGE with, and the write lock keeps another writer from adding it meanwhile. Every
relationship batch returns how many rows found both nodes; fewer than sent (a node deleted
meanwhile) raises StoreError and rolls the whole write back. MERGE is on the id, then
`SET += props`, so a property given as None is removed and writing twice changes nothing.
One transaction per write call, not per UNWIND batch: a write is all or nothing, and the
ingest pipeline already bounds how many rows one call carries. The same transaction updates
the speaker tallies its statements change (stores/tallies.py), which answer "who took this
stance on X" without counting X's statements.

Reads run in read transactions and return the same records as the embedded store; all
Cypher lives in stores/cypher.py; `iter_graph()` reads the whole graph in pages, one read
transaction each. A session is opened per call and never kept: the driver's pool reconnects
by itself once a stopped server is back.

Driver errors become ours at this edge: an unreachable server (ServiceUnavailable,
SessionExpired, a database that is not available) is StoreUnavailable("Neo4j is not
reachable at <uri>: ..."); anything else the server or the driver refuses is StoreError.
"""

import contextlib
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph_schema import (
    ALLOWED_PATTERNS,
    ENTITY_LABELS,
    KEY_PROPERTY,
    SCHEMA_VERSION,
    Label,
    RelType,
    Stance,
)
from stores import cypher, tallies
from stores.base import (
    BUSY,
    Busy,
    EntityLink,
    EntityRecord,
    EntityTally,
    GraphBatch,
    GraphCounts,
    Neighbor,
    NodeRow,
    Page,
    RelationRecord,
    RelRow,
    SourceRecord,
    SpeakerTally,
    StatementFilter,
    StatementPage,
    StatementRecord,
    StoreError,
    StoreUnavailable,
    check_props,
    checked_labels,
    name_key,
)

# Driver timeouts: fixed here rather than settings, so that an outage is reported within a
# few seconds instead of after the driver's defaults (30 s of retries, 60 s to get a
# connection), while a slow but live server still has time to answer.
# - giving up on one TCP connect + Bolt handshake to an unresponsive host:
CONNECTION_TIMEOUT = 5.0
# - waiting for a connection from the pool (includes connecting):
CONNECTION_ACQUISITION_TIMEOUT = 10.0
# - retrying a transaction after a transient error or a lost connection (deadlocks, a
#   server restarting); a stopped server is reported once this much time has passed:
MAX_TRANSACTION_RETRY_TIME = 2.0
# - how long open() waits for new indexes to come online:
INDEX_WAIT_SECONDS = 60

# Speakers whose tallies one transaction of rebuild_tallies() counts again.
REBUILD_SPEAKERS = 100

_ENTITY_LABELS = frozenset(ENTITY_LABELS)
_LABELS = {label.value: label for label in Label}
_STANCE_OF: dict[str, Stance] = {stance.rel_type.value: stance for stance in Stance}
_RELATION_NAMES: dict[str, str] = {
    **{rel_type: stance.value for rel_type, stance in _STANCE_OF.items()},
    RelType.MENTIONS.value: "mentions",
    RelType.SPEAKS_FOR.value: "speaks_for",
    RelType.PARTY_TO.value: "party_to",
}
# Derived search fields: stored for the indexes, not shown to readers (as the embedded store).
_HIDDEN_ENTITY_PROPS = frozenset(
    {"id", "name", "aliases", "name_key", "alias_keys", "aliases_text"}
)

T = TypeVar("T")
Pair = tuple[str, str]  # (speaker id, target id) of a speaker tally


class Neo4jStore:
    """A GraphStore kept in a Neo4j database."""

    kind = "neo4j"

    def __init__(
        self, driver: neo4j.Driver, *, uri: str, user: str, database: str, batch_size: int
    ) -> None:
        """Use `Neo4jStore.open(...)`, which also checks the server and applies the schema."""
        self._driver = driver
        self.uri = uri
        self.user = user
        self.database = database
        self.batch_size = batch_size
        self._closed = False

    @classmethod
    def open(
        cls,
        *,
        uri: str,
        user: str = "neo4j",
        password: str | None,
        database: str = "neo4j",
        batch_size: int = cypher.DEFAULT_BATCH_SIZE,
    ) -> "Neo4jStore":
        """Connect to the server at uri, apply the schema and check its version.

        Raises StoreUnavailable if the server cannot be reached, StoreError if it refuses
        the credentials or holds another schema version.
        """
        if batch_size < 1:
            raise StoreError(f"The Neo4j batch size must be at least 1 (got {batch_size})")
        if not password:
            raise StoreError(f"No password for Neo4j at {uri}: set NEO4J_PASSWORD (user {user!r})")
        try:
            driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=CONNECTION_TIMEOUT,
                connection_acquisition_timeout=CONNECTION_ACQUISITION_TIMEOUT,
                max_transaction_retry_time=MAX_TRANSACTION_RETRY_TIME,
                # Labels and types unknown to an empty database are expected, not news.
                notifications_disabled_categories=[neo4j.NotificationDisabledCategory.UNRECOGNIZED],
            )
        except (ValueError, DriverError) as exc:
            raise StoreError(f"Cannot connect to Neo4j at {uri!r}: {exc}") from exc
        store = cls(driver, uri=uri, user=user, database=database, batch_size=batch_size)
        try:
            with store._translated("connect"):
                driver.verify_connectivity()
            store._apply_schema()
        except BaseException:
            driver.close()
            raise
        return store

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def read_now(self, read: Callable[[], T]) -> T | Busy:
        """Always BUSY (see GraphStore.read_now): every read waits on the server."""
        return BUSY

    def close(self) -> None:
        """Close the driver's connections and refuse further use; closing twice is harmless."""
        if not self._closed:
            self._closed = True
            self._driver.close()

    # ------------------------------------------------------------------ writes

    def write(self, batch: GraphBatch) -> None:
        """Merge the batch's nodes, then its relationships, in one transaction.

        A relationship to a missing node, a pattern not in graph_schema.ALLOWED_PATTERNS, a
        node changing label or a property a store cannot hold raises StoreError and writes
        nothing. A property set to None is removed.
        """
        self._check_open()
        check_props(batch)
        if not batch.nodes and not batch.rels:
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher.LOCK_WRITES, id=cypher.SCHEMA_VERSION_ID).consume()
            stored = self._stored_labels(tx, batch)
            labels = checked_labels(batch, stored.get)
            touched = [i for i in tallies.touched_statements(batch) if i in labels]
            # A statement this write creates has no links before it.
            before = self._statement_links(tx, [i for i in touched if i in stored])
            self._write_nodes(tx, batch.nodes, stored)
            self._write_relationships(tx, batch.rels, labels, stored)
            after = tallies.links_after(before, batch, touched)
            self._update_tallies(tx, tallies.changes(before, after))

        self._execute("write", work, write=True)

    def _stored_labels(self, tx: neo4j.ManagedTransaction, batch: GraphBatch) -> dict[str, Label]:
        """The label of every id the batch names that is already in the database."""
        ids = {node.id for node in batch.nodes}
        ids.update(end for rel in batch.rels for end in (rel.start, rel.end))
        stored: dict[str, Label] = {}
        for chunk in _chunks(sorted(ids), self.batch_size):
            for record in tx.run(cypher.NODE_LABELS, ids=chunk):
                label = _domain_label(record["labels"])
                if label is not None:
                    stored[record["id"]] = label
        return stored

    def _write_nodes(
        self, tx: neo4j.ManagedTransaction, nodes: Sequence[NodeRow], stored: Collection[str]
    ) -> None:
        # A node the database lacks is created (its rows in the batch combined): MERGE
        # would look for it in vain. The write lock keeps another writer from adding it.
        merged: dict[Label, list[dict[str, Any]]] = defaultdict(list)
        created: dict[Label, dict[str, dict[str, Any]]] = defaultdict(dict)
        for node in nodes:
            props = _node_props(node)
            if node.id in stored:
                merged[node.label].append({"id": node.id, "props": props})
            else:
                created[node.label].setdefault(node.id, {}).update(props)
        for label, rows in merged.items():
            self._run_chunks(tx, cypher.merge_nodes(label), rows)
        for label, by_id in created.items():
            rows = [{"id": node_id, "props": props} for node_id, props in by_id.items()]
            self._run_chunks(tx, cypher.create_nodes(label), rows)

    def _run_chunks(
        self, tx: neo4j.ManagedTransaction, query: str, rows: Sequence[dict[str, Any]]
    ) -> None:
        """Run a `$rows` query over rows, at most batch_size of them at a time."""
        for chunk in _chunks(rows, self.batch_size):
            tx.run(query, rows=chunk).consume()

    def _write_relationships(
        self,
        tx: neo4j.ManagedTransaction,
        rels: Sequence[RelRow],
        labels: dict[str, Label],
        stored: Collection[str],
    ) -> None:
        # One group per type, key labels and whether it can exist yet: every entity end goes
        # through the superlabel, so each relationship type takes one query (two when some
        # of its rows start or end at a node this write creates: those are created, their
        # rows in the batch combined, since no such relationship can be there to MERGE).
        merged: dict[tuple[RelType, str, str], list[dict[str, Any]]] = defaultdict(list)
        created: dict[tuple[RelType, str, str], dict[tuple[str, str], dict[str, Any]]] = (
            defaultdict(dict)
        )
        for rel in rels:
            group = (
                rel.type,
                cypher.key_label(labels[rel.start]),
                cypher.key_label(labels[rel.end]),
            )
            if rel.start in stored and rel.end in stored:
                merged[group].append(
                    {"start": rel.start, "end": rel.end, "props": _plain(rel.props)}
                )
            else:
                created[group].setdefault((rel.start, rel.end), {}).update(_plain(rel.props))
        for (rel_type, start, end), rows in merged.items():
            self._run_counted(tx, cypher.merge_relationships(rel_type, start, end), rel_type, rows)
        for (rel_type, start, end), by_ends in created.items():
            rows = [{"start": a, "end": b, "props": props} for (a, b), props in by_ends.items()]
            self._run_counted(tx, cypher.create_relationships(rel_type, start, end), rel_type, rows)

    def _run_counted(
        self,
        tx: neo4j.ManagedTransaction,
        query: str,
        rel_type: RelType,
        rows: Sequence[dict[str, Any]],
    ) -> None:
        """Run a relationship query over rows in chunks; a chunk writing fewer than it
        was sent raises StoreError (and rolls the write back)."""
        for chunk in _chunks(rows, self.batch_size):
            written = tx.run(query, rows=chunk).single(strict=True)["written"]
            if written != len(chunk):
                # Both ends were there when the batch was checked: another writer
                # deleted one since. Raising rolls the whole write back.
                raise StoreError(
                    f"Cannot write {rel_type} relationships: {len(chunk) - written} of "
                    f"{len(chunk)} found no start or end node (deleted meanwhile?); "
                    "nothing was written"
                )

    # ------------------------------------------------------------------ speaker tallies

    def _statement_links(
        self, tx: neo4j.ManagedTransaction, ids: Sequence[str]
    ) -> dict[str, tallies.StatementLinks]:
        """Date, speakers and stance targets of the statements `ids` that exist."""
        links: dict[str, tallies.StatementLinks] = {}
        for chunk in _chunks(sorted(ids), self.batch_size):
            for record in tx.run(cypher.STATEMENT_LINKS, ids=chunk):
                links[record["id"]] = tallies.StatementLinks(
                    date=record["date"],
                    speakers=frozenset(record["speakers"]),
                    stances=frozenset((_STANCE_OF[t], target) for t, target in record["stances"]),
                )
        return links

    def _update_tallies(self, tx: neo4j.ManagedTransaction, changes: tallies.TallyChanges) -> None:
        """Add the write's new statements to their tallies; count the others again."""
        for stance in Stance:
            added = {
                (speaker, target): entries
                for (of, speaker, target), entries in changes.added.items()
                if of is stance
            }
            recount = [(speaker, target) for of, speaker, target in changes.recount if of is stance]
            pairs = [*added, *recount]
            stored: dict[str, dict[str, Any]] = {}
            for chunk in _chunks([tallies.tally_key(*pair) for pair in pairs], self.batch_size):
                for record in tx.run(cypher.stored_tallies(stance), keys=chunk):
                    stored[record["key"]] = dict(record["props"])
            counted: dict[Pair, list[tallies.Entry]] = defaultdict(list)
            for record in self._per_pair(tx, cypher.pair_statements(stance), recount):
                counted[record["speaker"], record["target"]].append((record["id"], record["date"]))
            new = {pair: tallies.tally(entries, stored.get(tallies.tally_key(*pair)))
                   for pair, entries in added.items()}  # fmt: skip
            new.update((pair, tallies.tally(counted[pair])) for pair in recount)
            self._write_tallies(tx, stance, new, stored)

    def _write_tallies(
        self,
        tx: neo4j.ManagedTransaction,
        stance: Stance,
        new: dict[Pair, dict[str, Any]],
        stored: Collection[str],
    ) -> None:
        """Replace the tallies in `stored` (keys), create the others."""
        rows = [_tally_row(pair, props) for pair, props in new.items()]
        for query, exists in (
            (cypher.replace_tallies(stance), True),
            (cypher.create_tallies(stance), False),
        ):
            chosen = [row for row in rows if (row["props"]["key"] in stored) is exists]
            self._run_chunks(tx, query, chosen)

    def _per_pair(
        self, tx: neo4j.ManagedTransaction, query: str, pairs: list[Pair]
    ) -> Iterator[neo4j.Record]:
        """The records of a query over `$pairs` ({speaker, target}), sent in chunks."""
        for chunk in _chunks(pairs, self.batch_size):
            yield from tx.run(query, pairs=[{"speaker": sp, "target": t} for sp, t in chunk])

    def rebuild_tallies(self) -> int:
        """Count every speaker tally again from the statements; returns how many there are.

        For a graph loaded around the store (a bulk import): opening a database built
        before tallies existed does this by itself. One transaction per
        REBUILD_SPEAKERS speakers, each holding the write lock, so that writes can go on
        between them and no transaction holds a large graph's every tally.
        """
        self._check_open()
        built, after = 0, ""
        while True:
            page = self._read(
                "list speakers", cypher.SPEAKER_PAGE, after=after, limit=REBUILD_SPEAKERS
            )
            ids = [record["id"] for record in page]
            if not ids:
                return built
            built += self._execute(
                "count speaker tallies", functools.partial(self._rebuild, ids), write=True
            )
            after = ids[-1]

    def _rebuild(self, speaker_ids: list[str], tx: neo4j.ManagedTransaction) -> int:
        tx.run(cypher.LOCK_WRITES, id=cypher.SCHEMA_VERSION_ID).consume()
        tx.run(cypher.DELETE_TALLIES, ids=speaker_ids).consume()
        built = 0
        for stance in Stance:
            entries: dict[Pair, list[tallies.Entry]] = defaultdict(list)
            for record in tx.run(cypher.speaker_statements(stance), ids=speaker_ids):
                entries[record["speaker"], record["target"]].append((record["id"], record["date"]))
            new = {pair: tallies.tally(found) for pair, found in entries.items()}
            self._write_tallies(tx, stance, new, stored=())  # deleted above
            built += len(new)
        return built

    # ------------------------------------------------------------------ reads

    def counts(self) -> GraphCounts:
        """Node and relationship totals, and nodes per label (every label, zeros included).

        Only the graph model's labels and types count: the schema version node does not.
        """
        record = self._read_one("count the graph", cypher.COUNTS)
        by_label = {label.value: int(record["by_label"][label.value]) for label in Label}
        return GraphCounts(
            nodes=sum(by_label.values()),
            relationships=sum(int(n) for n in record["by_type"].values()),
            by_label=by_label,
        )

    def document_signatures(self) -> dict[str, list[int]]:
        """MinHash signature of every document that has one, by document id."""
        records = self._read("read document signatures", cypher.DOCUMENT_SIGNATURES)
        return {r["id"]: list(r["minhash"]) for r in records if r["minhash"]}

    def document_statements(self, document_id: str) -> list[StatementRecord]:
        """Statements reported in one document, in the order they appear in it."""
        records = self._read(
            "read a document's statements", cypher.DOCUMENT_STATEMENTS, id=document_id
        )
        return [_statement_record(r) for r in records]

    def get_entity(self, entity_id: str) -> EntityRecord | None:
        """One entity by id; None for unknown ids and for documents and statements."""
        records = self._read("read an entity", cypher.GET_ENTITY, id=entity_id)
        return _entity_record(records[0]) if records else None

    def search_entities(
        self, text: str | None, label: Label | None, limit: int, offset: int
    ) -> Page[EntityRecord]:
        """Entities whose name or an alias matches text, best first (all when text is blank).

        The embedded store's semantics: name keys (stores.base.name_key) equal to the
        name's or an alias's key match exactly and come first, keys containing it follow;
        then entities in more statements first, then by name and id.
        """
        _check_paging(limit, offset)
        if label is not None and label not in _ENTITY_LABELS:
            return Page(items=[], total=0)
        with_text = text is not None and bool(text.strip())
        key = name_key(text) if with_text and text is not None else ""
        if with_text and not key:
            return Page(items=[], total=0)  # only punctuation: matches no name
        count_query, page_query = cypher.search_entities(with_text)
        params = {"key": key, "label": label.value if label is not None else None}

        def work(tx: neo4j.ManagedTransaction) -> tuple[int, list[neo4j.Record]]:
            total = tx.run(count_query, params).single(strict=True)["total"]
            if limit == 0 or offset >= total:
                return total, []
            return total, list(tx.run(page_query, params, offset=offset, limit=limit))

        total, records = self._execute("search entities", work)
        return Page(items=[_entity_record(r) for r in records], total=total)

    def exact_entities(self, text: str, label: Label | None) -> list[EntityRecord]:
        """Entities whose name key or an alias key equals text's (the entity_keys index), in
        more statements first, then by name and id."""
        key = name_key(text)
        if not key:
            return []

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[EntityRecord], dict[str, int]]:
            found = [
                _entity_record(r)
                for r in tx.run(
                    cypher.EXACT_ENTITIES,
                    key=key,
                    lucene=f'"{key}"',  # a name key is letters and digits only: no escaping
                    label=label.value if label is not None else None,
                )
            ]
            if len(found) < 2:
                return found, {}
            counts = tx.run(cypher.STATEMENT_COUNTS, ids=[e.id for e in found])
            return found, {r["id"]: r["statements"] for r in counts}

        found, counts = self._execute("find entities by name", work)
        return sorted(found, key=lambda e: (-counts.get(e.id, 0), e.name.casefold(), e.id))

    def get_statements(self, ids: Sequence[str]) -> list[StatementRecord]:
        """The statements with these ids, in the order given (one query, no count)."""
        records = self._read("read statements", cypher.GET_STATEMENTS, ids=list(ids))
        found = {record.id: record for record in map(_statement_record, records)}
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def statements(self, where: StatementFilter, limit: int, offset: int) -> StatementPage:
        """Statements meeting the filter: newest first, undated last, then by id."""
        _check_paging(limit, offset)
        queries = cypher.statement_queries(where)
        found = self._read_one(
            "read statements", queries.page, **queries.params, offset=offset, limit=limit
        )
        return StatementPage(
            items=[_statement_record(statement) for statement in found["page"]],
            total=found["total"],
            first_date=_parse_date(found["first_date"]),
            last_date=_parse_date(found["last_date"]),
        )

    def speakers(
        self, where: StatementFilter, limit: int, offset: int, newest: int
    ) -> Page[SpeakerTally]:
        """Speakers of the statements meeting the filter, counted by one grouped query, or
        read from the speaker tallies when the filter is one target and a stance."""
        _check_paging(limit, offset)
        target = _tallied_target(where, newest)
        if target is not None and where.stance is not None:
            query, params = cypher.tallied_speakers(where.stance), {"target": target}
        else:
            queries = cypher.statement_queries(where)
            query, params = queries.speakers, queries.params
        found = self._read_one(
            "count speakers", query, **params, offset=offset, limit=limit, newest=newest
        )
        statements = {s["id"]: _statement_record(s) for s in found["statements"]}
        return Page(
            items=[
                SpeakerTally(
                    speaker=_link(row["speaker"]),
                    count=row["count"],
                    first_date=_parse_date(row["first_date"]),
                    last_date=_parse_date(row["last_date"]),
                    newest=[statements[i] for i in row["newest"] if i in statements],
                )
                for row in found["page"]
            ],
            total=found["total"],
        )

    def named_entities(
        self, where: StatementFilter, stance: Stance | None, label: Label, limit: int, offset: int
    ) -> Page[EntityTally]:
        """Entities of a label the matching statements name, counted by one grouped query."""
        _check_paging(limit, offset)
        query, params = cypher.named_entities_query(where, stance, label)
        found = self._read_one("count entities", query, **params, offset=offset, limit=limit)
        return Page(
            items=[
                EntityTally(entity=_link(row["entity"]), count=row["count"])
                for row in found["page"]
            ],
            total=found["total"],
        )

    def speaking_for(self, country_ids: Sequence[str]) -> list[str]:
        """Persons and organizations with a SPEAKS_FOR relationship to one of the countries."""
        self._check_open()
        found = self._read("list who speaks for a country", cypher.SPEAKING_FOR, ids=country_ids)
        return [record["id"] for record in found]

    def neighbors(self, entity_id: str, limit: int) -> list[Neighbor]:
        """Entities linked to this one through statements or structure, most frequent first.

        Same relations, directions, counts and order as NetworkxStore.neighbors.
        """
        _check_paging(limit, 0)
        records = self._read("read neighbours", cypher.NEIGHBORS, id=entity_id)
        counts: Counter[tuple[str, str, Literal["out", "in"]]] = Counter()
        links: dict[str, EntityLink] = {}
        for record in records:
            link = _link(record["other"])
            links[link.id] = link
            counts[link.id, _RELATION_NAMES[record["type"]], record["direction"]] += int(
                record["count"]
            )
        ranked = sorted(
            counts.items(),
            key=lambda item: (
                -item[1],
                item[0][1],
                item[0][2],
                links[item[0][0]].name.casefold(),
                item[0][0],
            ),
        )
        return [
            Neighbor(entity=links[other], relation=relation, direction=direction, count=n)
            for (other, relation, direction), n in ranked[:limit]
        ]

    def iter_graph(self) -> Iterator[NodeRow | RelRow]:
        """Every node, then every relationship, with all properties as stored.

        Nodes come label by label and relationships type by type, from graph_schema only:
        the schema version node is left out. They are read in pages of `batch_size` nodes
        (for relationships, start nodes), each in its own read transaction, so the graph is
        never held in memory whole; the pages are not one snapshot, so rows written while
        the iteration runs may or may not show.
        """
        for label in Label:
            query = functools.partial(cypher.node_page, label)
            for page in self._pages(f"list the {label} nodes", query, "id"):
                for record in page:
                    props = dict(record["props"])
                    props.pop(KEY_PROPERTY, None)
                    yield NodeRow(label=label, id=record["id"], props=props)
        for rel_type in RelType:
            start_labels = ALLOWED_PATTERNS[rel_type][0]
            for start in sorted({cypher.key_label(label) for label in start_labels}):
                query = functools.partial(cypher.relationship_page, rel_type, start)
                for page in self._pages(f"list the {rel_type} relationships", query, "start_id"):
                    for record in page:
                        yield RelRow(
                            type=rel_type,
                            start=record["start_id"],
                            end=record["end_id"],
                            props=dict(record["props"]),
                        )

    # ------------------------------------------------------------------ plumbing

    def _pages(
        self, doing: str, query: Callable[[bool], str], key: str
    ) -> Iterator[list[neo4j.Record]]:
        """The pages of a query paged by `key` (see cypher.node_page), one read each.

        `query(first)` gives the first page's query or the next ones'; a page with fewer
        than batch_size distinct keys is the last.
        """
        params: dict[str, Any] = {"limit": self.batch_size}
        first = True
        while True:
            page = self._read(doing, query(first), **params)
            if page:
                yield page
            if len({record[key] for record in page}) < self.batch_size:
                return
            first, params["after"] = False, page[-1][key]

    def _apply_schema(self) -> None:
        """Create the constraints and indexes (idempotent), then record the schema version."""
        with self._translated("apply the graph schema"):
            for statement in cypher.schema_statements():
                self._driver.execute_query(statement, database_=self.database)
            self._driver.execute_query(
                cypher.AWAIT_INDEXES, timeout=INDEX_WAIT_SECONDS, database_=self.database
            )
            records, _, _ = self._driver.execute_query(
                cypher.RECORD_SCHEMA_VERSION,
                id=cypher.SCHEMA_VERSION_ID,
                version=SCHEMA_VERSION,
                database_=self.database,
            )
        found = records[0]["version"]
        if found != SCHEMA_VERSION:
            raise StoreError(
                f"The Neo4j database {self.database!r} at {self.uri} uses graph schema version "
                f"{found}, this diplograph uses {SCHEMA_VERSION}: ingest again into an empty "
                "database"
            )
        if records[0]["tallies"] != cypher.TALLY_VERSION:
            # Written by a diplograph without speaker tallies (or by an interrupted build).
            self.rebuild_tallies()
            with self._translated("record the speaker tallies"):
                self._driver.execute_query(
                    cypher.RECORD_TALLY_VERSION,
                    id=cypher.SCHEMA_VERSION_ID,
                    version=cypher.TALLY_VERSION,
                    database_=self.database,
                )

    def _read(self, doing: str, query: str, **params: Any) -> list[neo4j.Record]:
        return self._execute(doing, lambda tx: list(tx.run(query, params)))

    def _read_one(self, doing: str, query: str, **params: Any) -> neo4j.Record:
        return self._execute(doing, lambda tx: tx.run(query, params).single(strict=True))

    def _execute(
        self, doing: str, work: Callable[[neo4j.ManagedTransaction], T], *, write: bool = False
    ) -> T:
        """Run work in one managed transaction (retried by the driver on transient errors)."""
        self._check_open()
        with (
            self._translated(doing),
            self._driver.session(database=self.database) as session,
        ):
            if write:
                return session.execute_write(work)
            return session.execute_read(work)

    @contextlib.contextmanager
    def _translated(self, doing: str) -> Iterator[None]:
        """Turn driver errors into StoreUnavailable / StoreError, keeping the cause."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as exc:
            raise StoreUnavailable(f"Neo4j is not reachable at {self.uri}: {exc}") from exc
        except AuthError as exc:
            raise StoreError(
                f"Neo4j at {self.uri} refused the password of user {self.user!r}: check "
                "NEO4J_USER and NEO4J_PASSWORD"
            ) from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j could not {doing}: {exc.message or exc}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j could not {doing}: {exc}") from exc

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"The Neo4j store for {self.uri} is closed; open it again")


# ---------------------------------------------------------------------- helpers


def _chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _tally_row(pair: Pair, props: dict[str, Any]) -> dict[str, Any]:
    speaker, target = pair
    key = tallies.tally_key(speaker, target)
    return {"speaker": speaker, "target": target, "props": {**props, "key": key}}


def _tallied_target(where: StatementFilter, newest: int) -> str | None:
    """The target whose tallies answer `speakers(where, ..., newest)`, if they can: a
    stance on one target and nothing else, and no more statements than a tally keeps."""
    only_target = StatementFilter(target_ids=where.target_ids, stance=where.stance)
    if where.stance is None or where.target_ids is None or len(where.target_ids) != 1:
        return None
    if where != only_target or newest > tallies.KEEP:
        return None
    return where.target_ids[0]


def _check_paging(limit: int, offset: int) -> None:
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must not be negative (got {limit}, {offset})")


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in props.items()}


def _node_props(node: NodeRow) -> dict[str, Any]:
    props = _plain(node.props)
    if node.label in _ENTITY_LABELS:
        # Entity search reads the name keys graph_rows stores; derive them when a row sets a
        # name or aliases without them, as the embedded store does when it indexes.
        if "name" in props and "name_key" not in props:
            name = props["name"]
            props["name_key"] = name_key(str(name)) if name is not None else None
        if "aliases" in props and "alias_keys" not in props:
            aliases = props["aliases"]
            props["alias_keys"] = (
                sorted({name_key(str(a)) for a in aliases} - {""}) if aliases else None
            )
    return props


def _domain_label(labels: Sequence[str]) -> Label | None:
    # A node's graph-model label, leaving out the entity superlabel.
    for name in labels:
        label = _LABELS.get(name)
        if label is not None:
            return label
    return None


def _link(node: dict[str, Any]) -> EntityLink:
    label = _domain_label(node["labels"])
    if label is None:
        raise StoreError(f"Node {node['id']!r} has no diplograph label: {node['labels']}")
    return EntityLink(id=node["id"], name=node.get("name") or node["id"], type=label)


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _entity_record(record: neo4j.Record) -> EntityRecord:
    props: dict[str, Any] = dict(record["props"])
    entity_id = props["id"]
    label = _domain_label(record["labels"])
    if label is None:
        raise StoreError(f"Node {entity_id!r} has no diplograph label: {record['labels']}")
    return EntityRecord(
        id=entity_id,
        name=props.get("name", entity_id),
        type=label,
        aliases=list(props.get("aliases") or ()),
        properties={k: v for k, v in props.items() if k not in _HIDDEN_ENTITY_PROPS},
    )


def _statement_record(record: Mapping[str, Any]) -> StatementRecord:
    """A statement from a record (or map) of cypher._STATEMENT_FIELDS."""
    relations = [
        RelationRecord(
            stance=_STANCE_OF[rel["type"]],
            target=_link(rel["target"]),
            evidence=rel["evidence"] or "",
            confidence=rel["confidence"] if rel["confidence"] is not None else 0.0,
        )
        for rel in record["relations"]
    ]
    mentions = [_link(node) for node in record["mentions"]]
    sources = [_source_record(doc) for doc in record["sources"]]
    relations.sort(key=lambda r: (r.stance, r.target.name.casefold(), r.target.id))
    mentions.sort(key=lambda m: (m.name.casefold(), m.id))
    sources.sort(key=lambda s: (s.published is None, s.published or dt.date.min, s.document_id))
    speakers = sorted((_link(node) for node in record["speakers"]), key=lambda link: link.id)
    return StatementRecord(
        id=record["id"],
        speaker=speakers[0],
        role=record["role"],
        date=_parse_date(record["date"]),
        quote=record["quote"] or "",
        kind=record["kind"] or "",
        relations=relations,
        mentions=mentions,
        sources=sources,
    )


def _source_record(doc: dict[str, Any]) -> SourceRecord:
    start, end = doc.get("span_start"), doc.get("span_end")
    return SourceRecord(
        document_id=doc["id"],
        title=doc.get("title"),
        outlet=doc.get("outlet"),
        published=_parse_date(doc.get("published")),
        url=doc.get("url"),
        source_file=doc.get("source_file"),
        span=(start, end) if isinstance(start, int) and isinstance(end, int) else None,
    )
