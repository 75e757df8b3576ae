"""The embedded store: a networkx MultiDiGraph in memory, saved to one node-link JSON file.

`NetworkxStore.open(data_dir)` loads `data_dir/graph.json` (an empty graph if there is none)
and every `write` saves it again: the JSON is written to a temporary file in the same
directory, synced and moved over the old one with `os.replace`, so the file on disk is
always either the previous graph or the new one. Wrap bulk loads in `with store.bulk():` to
save once at the end instead of after every batch.

The file is networkx node-link JSON (`nx.node_link_graph(json.load(f))` reads it):

    {"directed": true, "multigraph": true,
     "graph": {"format": "diplograph-networkx", "schema_version": 1},
     "nodes": [{"id": "country:JPN", "label": "Country", "name": "Japan", ...}, ...],
     "edges": [{"source": "stmt:…", "target": "doc:…", "key": "REPORTED_IN", ...}, ...]}

Reads are answered from the graph's adjacency plus a few indexes kept in step with every
write (entity search keys, entity → statements, outlet → documents, the date order of
statements), so a question about one entity touches that entity's neighbourhood, not every
node. Only entity search by substring scans all entities (there are far fewer entities than
statements).

One process writes at a time. A store that sees the file replaced by another process (the
CLI ingesting while the API serves) reloads it before its next read or write.
"""

import contextlib
import datetime as dt
import json
import os
import tempfile
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

import networkx as nx

from graph_schema import ENTITY_LABELS, SCHEMA_VERSION, Label, RelType, Stance
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
    check_props,
    checked_labels,
    name_key,
)

T = TypeVar("T")

GRAPH_FILE = "graph.json"
FILE_FORMAT = "diplograph-networkx"
# A query sorts its candidate statements itself when they are fewer than the statements of
# its date window (all of them without dates) divided by this: with sort keys cached,
# sorting one candidate costs about as much as checking two statements of the window.
SORT_COST_RATIO = 2
# Statement records kept between writes (a few KB each): enough for the popular ones.
RECORD_CACHE_SIZE = 10_000

_ENTITY_LABELS = frozenset(ENTITY_LABELS)
# Enum members by value, for loading (a dict look-up is much faster than calling the enum).
_LABELS = {label.value: label for label in Label}
_REL_TYPES = {rel_type.value: rel_type for rel_type in RelType}
_STANCE_OF: dict[str, Stance] = {stance.rel_type: stance for stance in Stance}
_SAID = frozenset({RelType.SAID})
_REPORTED_IN = frozenset({RelType.REPORTED_IN})
# A statement "mentions" an entity it names or takes a stance on (StatementFilter.mention_*).
_MENTION_TYPES = frozenset({RelType.MENTIONS, *_STANCE_OF})
# Derived search fields: stored on the node for the Neo4j indexes, not shown to readers.
_HIDDEN_ENTITY_PROPS = frozenset({"name", "aliases", "name_key", "alias_keys", "aliases_text"})

# Sort key of a statement: newest first, undated last, then id.
_OrderKey = tuple[int, int, str]
_Direction = Literal["out", "in"]


class NetworkxStore:
    """A GraphStore kept in memory as a networkx graph and persisted as JSON under data_dir."""

    kind = "embedded"

    # Indexes over the graph, rebuilt on load and kept in step by every write.
    _by_label: dict[Label, set[str]]
    _keys_of: dict[str, tuple[str, ...]]  # entity id -> its name key and alias keys
    _ids_by_key: dict[str, set[str]]  # name or alias key -> entity ids
    # every key joined by newlines, each key's start and entity (built on first search)
    _key_text: tuple[str, list[int], list[str]] | None
    _outlet_of: dict[str, str]  # document id -> case-folded outlet
    _outlet_docs: dict[str, set[str]]  # case-folded outlet -> document ids
    _entity_statements: dict[str, set[str]]  # entity -> statements it said, targets or mentions
    _speakers_of: dict[str, set[str]]  # statement -> the entities that said it
    _stance_statements: dict[str, set[str]]  # CRITICIZES/SUPPORTS -> statements taking it
    _rel_count: int  # graph.number_of_edges() walks every node
    _order: tuple[list[str], list[_OrderKey]] | None  # all statements, newest first (cached)
    _order_keys: dict[str, _OrderKey]  # each statement's sort key (cached)

    def __init__(self, path: Path) -> None:
        """Use `NetworkxStore.open(data_dir)`; this constructor reads nothing from disk."""
        self.path = path
        # MultiDiGraph keyed by relationship type: the edge key (start, end, type) is exactly
        # a relationship's identity, so MERGE is `has_edge(start, end, type)`, parallel
        # relationships of different types need no bookkeeping, and node-link JSON
        # round-trips the type as the standard "key" field.
        self._bind(nx.MultiDiGraph())
        self._lock = threading.RLock()
        self._file_checked = False  # True inside read_now, which has looked at the file
        self._closed = False
        self._dirty = False  # changes not saved yet (only inside bulk(), or after a failed save)
        self._bulk_depth = 0
        self._file_stamp: tuple[int, int, int] | None = None
        self._reset_indexes()

    @classmethod
    def open(cls, data_dir: Path) -> "NetworkxStore":
        """Open the store saved under data_dir, creating the directory if needed."""
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the data directory {data_dir}: {exc}") from exc
        store = cls(data_dir / GRAPH_FILE)
        store._load()
        return store

    def __enter__(self) -> "NetworkxStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writes

    def write(self, batch: GraphBatch) -> None:
        """Merge the batch's nodes, then its relationships, and save (unless inside bulk()).

        The whole batch is checked first: a relationship to a missing node, a pattern not in
        graph_schema.ALLOWED_PATTERNS or a property a store cannot hold raises StoreError
        and leaves the graph unchanged. A property set to None is removed.
        """
        with self._lock:
            self._check_open()
            self._reload_if_replaced()
            self._check_batch(batch)
            self._apply(batch)
            self._dirty = True
            if self._bulk_depth == 0:
                self._save()

    @contextlib.contextmanager
    def bulk(self) -> Iterator["NetworkxStore"]:
        """Save once when the block ends instead of after every write (for bulk loads)."""
        with self._lock:
            self._check_open()
            self._bulk_depth += 1
        try:
            yield self
        finally:
            with self._lock:
                self._bulk_depth -= 1
                if self._bulk_depth == 0 and self._dirty and not self._closed:
                    self._save()

    def read_now(self, read: Callable[[], T]) -> T | Busy:
        """See GraphStore.read_now: BUSY while a write holds the store, or while the file has
        been replaced by another process and must be read again (seconds for a big graph)."""
        if not self._lock.acquire(blocking=False):
            return BUSY
        try:
            if self._closed or (not self._dirty and _file_stamp(self.path) != self._file_stamp):
                return BUSY
            # Checked just now, under the lock the read's own steps take again: they need
            # not look at the file each (one stat per request, not one per step).
            self._file_checked = True
            return read()
        finally:
            self._file_checked = False
            self._lock.release()

    def close(self) -> None:
        """Save pending changes and refuse further use; closing twice is harmless."""
        with self._lock:
            if self._closed:
                return
            if self._dirty:
                self._save()
            self._closed = True

    # ------------------------------------------------------------------ reads

    def counts(self) -> GraphCounts:
        """Node and relationship totals, and nodes per label (every label, zeros included)."""
        with self._lock:
            self._ready()
            return GraphCounts(
                nodes=self._graph.number_of_nodes(),
                relationships=self._rel_count,
                by_label={label.value: len(self._by_label[label]) for label in Label},
            )

    def document_signatures(self) -> dict[str, list[int]]:
        """MinHash signature of every document that has one, by document id."""
        with self._lock:
            self._ready()
            nodes = self._node
            return {
                doc_id: list(nodes[doc_id]["minhash"])
                for doc_id in self._by_label[Label.DOCUMENT]
                if nodes[doc_id].get("minhash")
            }

    def document_statements(self, document_id: str) -> list[StatementRecord]:
        """Statements reported in one document, in the order they appear in it."""
        with self._lock:
            self._ready()
            if self._label_of(document_id) is not Label.DOCUMENT:
                return []
            found = []
            for st, rels in self._pred[document_id].items():
                if RelType.REPORTED_IN in rels and self._speakers(st):
                    start = rels[RelType.REPORTED_IN].get("span_start")
                    found.append((start if isinstance(start, int) else float("inf"), st))
            return [self._statement_record(st) for _, st in sorted(found)]

    def get_entity(self, entity_id: str) -> EntityRecord | None:
        """One entity by id; None for unknown ids and for documents and statements."""
        with self._lock:
            self._ready()
            if self._label_of(entity_id) not in _ENTITY_LABELS:
                return None
            return self._entity_record(entity_id)

    def search_entities(
        self, text: str | None, label: Label | None, limit: int, offset: int
    ) -> Page[EntityRecord]:
        """Entities whose name or an alias matches text, best first (all when text is blank).

        Matching compares name keys (stores.base.name_key): a key equal to the name's or an
        alias's key is an exact match, ranked first; a key contained in one is a partial
        match. Then entities in more statements come first, then by name.
        """
        _check_paging(limit, offset)
        with self._lock:
            self._ready()
            if label is not None and label not in _ENTITY_LABELS:
                return Page(items=[], total=0)
            labels = (label,) if label is not None else ENTITY_LABELS
            exact: set[str] = set()
            if text is None or not text.strip():
                matches: Iterable[str] = (i for lab in labels for i in self._by_label[lab])
            else:
                key = name_key(text)
                wanted = set(labels)
                exact = {i for i in self._ids_by_key.get(key, ()) if self._label_of(i) in wanted}
                partial = {
                    entity_id
                    for entity_id in self._containing(key)
                    if entity_id not in exact and self._label_of(entity_id) in wanted
                }
                matches = exact | partial
            ranked = sorted(matches, key=lambda i: (i not in exact, *self._entity_rank(i)))
            return Page(
                items=[self._entity_record(i) for i in ranked[offset : offset + limit]],
                total=len(ranked),
            )

    def _containing(self, key: str) -> set[str]:
        """The entities with a name or alias key containing `key`: one C-level scan of all
        keys joined in one string (a loop over 60k keys in Python took ~10 ms a search, paid
        by every name that is in no key at all)."""
        if not key:
            return set()
        if self._key_text is None:
            starts, owners, parts, at = [], [], [], 0
            for entity_id, keys in self._keys_of.items():
                for k in keys:
                    starts.append(at)
                    owners.append(entity_id)
                    parts.append(k)
                    at += len(k) + 1
            self._key_text = ("\n".join(parts), starts, owners)
        text, starts, owners = self._key_text
        found: set[str] = set()
        at = text.find(key)
        while at >= 0:
            found.add(owners[bisect_right(starts, at) - 1])
            at = text.find(key, at + 1)
        return found

    def exact_entities(self, text: str, label: Label | None) -> list[EntityRecord]:
        """Entities whose name key or an alias key equals text's, in more statements first."""
        with self._lock:
            self._ready()
            wanted = _ENTITY_LABELS if label is None else {label}
            found = [
                i for i in self._ids_by_key.get(name_key(text), ()) if self._label_of(i) in wanted
            ]
            return [self._entity_record(i) for i in sorted(found, key=self._entity_rank)]

    def get_statements(self, ids: Sequence[str]) -> list[StatementRecord]:
        """The statements with these ids, in the order given."""
        with self._lock:
            self._ready()
            statements = self._by_label[Label.STATEMENT]
            return [
                self._statement_record(st)
                for st in dict.fromkeys(ids)
                if st in statements and self._has_speaker(st)
            ]

    def statements(self, where: StatementFilter, limit: int, offset: int) -> StatementPage:
        """Statements meeting the filter: newest first, undated last, then by id."""
        _check_paging(limit, offset)
        with self._lock:
            self._ready()
            found = self._matching_statements(where)
            first_date, last_date = self._date_span(found)
            return StatementPage(
                items=[self._statement_record(st) for st in found[offset : offset + limit]],
                total=len(found),
                first_date=first_date,
                last_date=last_date,
            )

    def speakers(
        self, where: StatementFilter, limit: int, offset: int, newest: int
    ) -> Page[SpeakerTally]:
        """Speakers of the statements meeting the filter, most statements first (see
        GraphStore.speakers)."""
        _check_paging(limit, offset)
        with self._lock:
            self._ready()
            tallied = self._tallied_speakers(where)
            if tallied is not None:
                return self._speaker_page(tallied, limit, offset, newest)
            said: dict[str, list[str]] = {}
            for st in self._matching_statements(where):  # newest first
                for speaker in self._speakers(st):
                    said.setdefault(speaker, []).append(st)
            return self._speaker_page(said, limit, offset, newest)

    def _tallied_speakers(self, where: StatementFilter) -> Mapping[str, Collection[str]] | None:
        # Speaker -> statements, straight from the index kept on write, when the filter only
        # names targets (of a stance) or mentions: "who criticized X" without counting all of
        # X's statements. None for any other filter.
        others = (where.speaker_ids, where.mention_type, where.date_from, where.date_to)
        if any(v is not None for v in others) or where.outlet is not None:
            return None
        if where.target_ids is not None and where.mention_ids is None:
            ids, rel_types = where.target_ids, _stance_types(where.stance)
        elif where.mention_ids is not None and where.target_ids is None and where.stance is None:
            ids, rel_types = where.mention_ids, _MENTION_TYPES
        else:
            return None
        parts = [
            self._said_about[key]
            for key in {(entity, rel_type) for entity in ids for rel_type in rel_types}
            if key in self._said_about
        ]
        if len(parts) == 1:
            return parts[0]  # read only: the common case of one target and one stance
        merged: dict[str, set[str]] = {}
        for part in parts:
            for speaker, statements in part.items():
                merged.setdefault(speaker, set()).update(statements)
        return merged

    def _speaker_page(
        self, said: Mapping[str, Collection[str]], limit: int, offset: int, newest: int
    ) -> Page[SpeakerTally]:
        # Most statements first, then latest date, name and id. Only speakers whose count can
        # reach the page need their latest date.
        by_count = sorted(said, key=lambda i: -len(said[i]))
        reach = offset + limit
        if 0 < reach < len(by_count):
            least = len(said[by_count[reach - 1]])
            by_count = [i for i in by_count if len(said[i]) >= least]
        elif reach == 0:
            by_count = []
        in_order = {i: sorted(said[i], key=self._order_key) for i in by_count}
        nodes = self._node
        ranked = sorted(
            by_count,
            key=lambda i: (
                -len(said[i]),
                self._order_key(in_order[i][0])[:2],
                str(nodes[i].get("name", i)).casefold(),
                i,
            ),
        )
        tallies = []
        for speaker in ranked[offset : offset + limit]:
            statements = in_order[speaker]
            first_date, last_date = self._date_span(statements)
            tallies.append(
                SpeakerTally(
                    speaker=self._link(speaker),
                    count=len(statements),
                    first_date=first_date,
                    last_date=last_date,
                    newest=[self._statement_record(st) for st in statements[:newest]],
                )
            )
        return Page(items=tallies, total=len(said))

    def named_entities(
        self, where: StatementFilter, stance: Stance | None, label: Label, limit: int, offset: int
    ) -> Page[EntityTally]:
        """Entities of a label the matching statements name, most statements first (see
        GraphStore.named_entities)."""
        _check_paging(limit, offset)
        rel_types = _MENTION_TYPES if stance is None else _stance_types(stance)
        with self._lock:
            self._ready()
            of_label = self._by_label[label]
            counts: Counter[str] = Counter()
            for st in self._matching_statements(where):
                counts.update(
                    entity
                    for entity, rels in self._succ[st].items()
                    if entity in of_label and not rel_types.isdisjoint(rels)
                )
            nodes = self._node
            ranked = sorted(
                counts, key=lambda i: (-counts[i], str(nodes[i].get("name", i)).casefold(), i)
            )
            return Page(
                items=[
                    EntityTally(entity=self._link(entity), count=counts[entity])
                    for entity in ranked[offset : offset + limit]
                ],
                total=len(ranked),
            )

    def speaking_for(self, country_ids: Sequence[str]) -> list[str]:
        """Persons and organizations with a SPEAKS_FOR relationship to one of the countries."""
        with self._lock:
            self._ready()
            return sorted(
                {
                    other
                    for country in country_ids
                    if self._label_of(country) == Label.COUNTRY
                    for other, rels in self._pred[country].items()
                    if RelType.SPEAKS_FOR in rels
                }
            )

    def neighbors(self, entity_id: str, limit: int) -> list[Neighbor]:
        """Entities linked to this one through statements or structure, most frequent first.

        in/criticizes|supports: speakers of statements taking that stance on the entity;
        out/criticizes|supports|mentions: targets and mentions of the entity's own
        statements; speaks_for and party_to in both directions. Counts are statements (or 1
        for a structural link).
        """
        _check_paging(limit, 0)
        with self._lock:
            self._ready()
            if self._label_of(entity_id) not in _ENTITY_LABELS:
                return []
            counts: Counter[tuple[str, str, _Direction]] = Counter()
            for other, rels in self._pred[entity_id].items():
                for rel_type in rels:
                    if rel_type in _STANCE_OF:
                        for speaker in self._speakers(other):
                            counts[speaker, _STANCE_OF[rel_type].value, "in"] += 1
                    elif rel_type in (RelType.SPEAKS_FOR, RelType.PARTY_TO):
                        counts[other, rel_type.lower(), "in"] += 1
            for other, rels in self._succ[entity_id].items():
                for rel_type in rels:
                    if rel_type == RelType.SAID:
                        for target, target_rels in self._succ[other].items():
                            for target_type in target_rels:
                                if target_type in _STANCE_OF:
                                    counts[target, _STANCE_OF[target_type].value, "out"] += 1
                                elif target_type == RelType.MENTIONS:
                                    counts[target, "mentions", "out"] += 1
                    elif rel_type in (RelType.SPEAKS_FOR, RelType.PARTY_TO):
                        counts[other, rel_type.lower(), "out"] += 1
            nodes = self._node
            ranked = sorted(
                (
                    (other, relation, direction, n)
                    for (other, relation, direction), n in counts.items()
                    if other != entity_id
                ),
                key=lambda row: (
                    -row[3],
                    row[1],
                    row[2],
                    str(nodes[row[0]].get("name", row[0])).casefold(),
                    row[0],
                ),
            )
            return [
                Neighbor(entity=self._link(other), relation=relation, direction=direction, count=n)
                for other, relation, direction, n in ranked[:limit]
            ]

    def iter_graph(self) -> Iterator[NodeRow | RelRow]:
        """Every node, then every relationship, with all properties as stored.

        The rows come from a snapshot taken under the store's lock when iteration starts:
        they stay consistent while a caller writes them out slowly, writes made meanwhile
        do not show, and no lock is held between rows.
        """
        with self._lock:
            self._ready()
            nodes = [(node_id, _copied(attrs)) for node_id, attrs in self._node.items()]
            rels = [
                (start, end, rel_type, _copied(props))
                for start, ends in self._succ.items()
                for end, rels_between in ends.items()
                for rel_type, props in rels_between.items()
            ]
        for node_id, attrs in nodes:
            label = attrs.pop("label")
            yield NodeRow(label=label, id=node_id, props=attrs)
        for start, end, rel_type, props in rels:
            yield RelRow(type=_REL_TYPES[rel_type], start=start, end=end, props=props)

    # ------------------------------------------------------------------ statement queries

    def _matching_statements(self, where: StatementFilter) -> list[str]:
        # Each condition becomes a check on one statement. Candidates come from the smallest
        # set an index gives (a speaker's, target's or mention's statements; failing those,
        # an outlet's or a stance's), or else from the date-ordered list of all statements.
        succ = self._succ
        checks: dict[str, Callable[[str], bool]] = {}
        sources: dict[str, Callable[[], Collection[str]]] = {}
        if where.speaker_ids is not None:
            speakers = frozenset(where.speaker_ids)
            checks["speaker"] = lambda st: _links_to(self._pred[st], speakers, _SAID)
            sources["speaker"] = lambda: self._linked_statements(speakers, self._succ, _SAID)
        stance_types = _stance_types(where.stance)
        if where.target_ids is not None:
            targets = frozenset(where.target_ids)
            checks["target"] = lambda st: _links_to(succ[st], targets, stance_types)
            sources["target"] = lambda: self._linked_statements(targets, self._pred, stance_types)
        elif where.stance is not None:
            taking_stance = self._stance_statements[where.stance.rel_type]
            checks["stance"] = taking_stance.__contains__
            sources["stance"] = lambda: taking_stance
        if where.mention_ids is not None:
            mentioned = frozenset(where.mention_ids)
            checks["mention"] = lambda st: _links_to(succ[st], mentioned, _MENTION_TYPES)
            sources["mention"] = lambda: self._linked_statements(
                mentioned, self._pred, _MENTION_TYPES
            )
        if where.mention_type is not None:
            of_type = self._by_label[where.mention_type]
            checks["mention_type"] = lambda st: _links_to(succ[st], of_type, _MENTION_TYPES)
        if where.outlet is not None:
            docs = self._outlet_docs.get(where.outlet.casefold(), set())
            checks["outlet"] = lambda st: _links_to(succ[st], docs, _REPORTED_IN)
            sources["outlet"] = lambda: self._linked_statements(docs, self._pred, _REPORTED_IN)

        names: list[str] = [n for n in ("speaker", "target", "mention") if n in sources]
        names = names or [n for n in ("stance", "outlet") if n in sources]
        order, keys = self._statement_order()
        low, high = 0, len(order)
        if where.date_to is not None:
            low = bisect_left(keys, (0, -where.date_to.toordinal()))
        if where.date_from is not None:
            high = bisect_left(keys, (0, -where.date_from.toordinal() + 1))
        elif where.date_to is not None:
            high = bisect_left(keys, (1,))  # undated statements never meet a date condition
        rest = list(checks.values())
        if names:
            source, candidates = min(((n, sources[n]()) for n in names), key=lambda c: len(c[1]))
            rest = [check for name, check in checks.items() if name != source]
            # Sort the candidates, or walk the date window (already in order) checking each.
            if len(candidates) * SORT_COST_RATIO < high - low:
                found = [
                    st
                    for st in candidates
                    if self._has_speaker(st)
                    and self._dated_within(st, where.date_from, where.date_to)
                    and all(check(st) for check in rest)
                ]
                return sorted(found, key=self._order_key)
            rest.insert(0, candidates.__contains__)
        window = order[low:high]
        if not rest:
            return window
        return [st for st in window if all(check(st) for check in rest)]

    def _linked_statements(
        self, ends: Iterable[str], adjacency: dict[str, Any], rel_types: frozenset[str]
    ) -> set[str]:
        # Statements one relationship away from any of `ends` (succ: from them, pred: to them).
        return {
            st
            for end in ends
            if end in adjacency
            for st, rels in adjacency[end].items()
            if not rel_types.isdisjoint(rels)
        }

    def _dated_within(self, st: str, date_from: dt.date | None, date_to: dt.date | None) -> bool:
        if date_from is None and date_to is None:
            return True
        date = _parse_date(self._node[st].get("date"))
        return (
            date is not None
            and (date_from is None or date >= date_from)
            and (date_to is None or date <= date_to)
        )

    def _statement_order(self) -> tuple[list[str], list[_OrderKey]]:
        # Every statement that has a speaker, newest first; rebuilt after a write, then
        # reused by every query not narrowed down by an index.
        if self._order is None:
            keyed = sorted(
                (self._order_key(st), st)
                for st in self._by_label[Label.STATEMENT]
                if self._has_speaker(st)
            )
            self._order = ([st for _, st in keyed], [key for key, _ in keyed])
        return self._order

    def _order_key(self, st: str) -> _OrderKey:
        key = self._order_keys.get(st)
        if key is None:
            date = _parse_date(self._node[st].get("date"))
            key = (0, -date.toordinal(), st) if date else (1, 0, st)
            self._order_keys[st] = key
        return key

    def _date_span(self, statements: list[str]) -> tuple[dt.date | None, dt.date | None]:
        # (earliest, latest) date of statements in newest-first order: undated ones come last.
        last = self._date_of(statements[0]) if statements else None
        if last is None:
            return None, None
        first = next(d for d in map(self._date_of, reversed(statements)) if d is not None)
        return first, last

    def _date_of(self, st: str) -> dt.date | None:
        undated, minus_ordinal, _ = self._order_key(st)
        return None if undated else dt.date.fromordinal(-minus_ordinal)

    def _entity_rank(self, entity_id: str) -> tuple[int, str, str]:
        # Entities in more statements first, then by name and id.
        name = str(self._node[entity_id].get("name", entity_id)).casefold()
        return -len(self._entity_statements.get(entity_id, ())), name, entity_id

    def _has_speaker(self, st: str) -> bool:
        return st in self._speakers_of

    def _speakers(self, st: str) -> set[str]:
        return self._speakers_of.get(st, set())

    # ------------------------------------------------------------------ records

    def _label_of(self, node_id: str) -> Label | None:
        attrs = self._node.get(node_id)
        return attrs["label"] if attrs is not None else None

    def _link(self, node_id: str) -> EntityLink:
        attrs = self._node[node_id]
        return EntityLink(id=node_id, name=attrs.get("name", node_id), type=attrs["label"])

    def _entity_record(self, entity_id: str) -> EntityRecord:
        attrs = self._node[entity_id]
        return EntityRecord(
            id=entity_id,
            name=attrs.get("name", entity_id),
            type=attrs["label"],
            aliases=list(attrs.get("aliases", ())),
            properties={
                k: v for k, v in attrs.items() if k != "label" and k not in _HIDDEN_ENTITY_PROPS
            },
        )

    def _statement_record(self, st: str) -> StatementRecord:
        # Built once until the next write: the popular statements come up in answer after
        # answer, and building one (relations, mentions, sources) is most of a /who.
        record = self._records.get(st)
        if record is None:
            if len(self._records) >= RECORD_CACHE_SIZE:
                self._records.clear()
            record = self._records[st] = self._build_statement_record(st)
        return record

    def _build_statement_record(self, st: str) -> StatementRecord:
        attrs = self._node[st]
        relations: list[RelationRecord] = []
        mentions: list[EntityLink] = []
        sources: list[SourceRecord] = []
        for other, rels in self._succ[st].items():
            for rel_type, props in rels.items():
                if rel_type in _STANCE_OF:
                    relations.append(
                        RelationRecord(
                            stance=_STANCE_OF[rel_type],
                            target=self._link(other),
                            evidence=props.get("evidence", ""),
                            confidence=props.get("confidence", 0.0),
                        )
                    )
                elif rel_type == RelType.MENTIONS:
                    mentions.append(self._link(other))
                elif rel_type == RelType.REPORTED_IN:
                    sources.append(self._source_record(other, props))
        relations.sort(key=lambda r: (r.stance, r.target.name.casefold(), r.target.id))
        mentions.sort(key=lambda m: (m.name.casefold(), m.id))
        sources.sort(key=lambda s: (s.published is None, s.published or dt.date.min, s.document_id))
        return StatementRecord(
            id=st,
            speaker=self._link(min(self._speakers(st))),
            role=attrs.get("role"),
            date=_parse_date(attrs.get("date")),
            quote=attrs.get("quote", ""),
            kind=attrs.get("kind", ""),
            relations=relations,
            mentions=mentions,
            sources=sources,
        )

    def _source_record(self, doc_id: str, rel_props: dict[str, Any]) -> SourceRecord:
        doc = self._node[doc_id]
        start, end = rel_props.get("span_start"), rel_props.get("span_end")
        return SourceRecord(
            document_id=doc_id,
            title=doc.get("title"),
            outlet=doc.get("outlet"),
            published=_parse_date(doc.get("published")),
            url=doc.get("url"),
            source_file=doc.get("source_file"),
            span=(start, end) if isinstance(start, int) and isinstance(end, int) else None,
        )

    # ------------------------------------------------------------------ merging

    def _check_batch(self, batch: GraphBatch) -> None:
        checked_labels(batch, self._label_of)
        check_props(batch)

    def _apply(self, batch: GraphBatch) -> None:
        graph = self._graph
        self._order = None
        self._records.clear()  # a write may change any statement or the name of what it links
        for node in batch.nodes:
            self._order_keys.pop(node.id, None)  # its date may change
            if node.id in graph:
                self._unindex_node(node.id)
            else:
                graph.add_node(node.id, label=node.label)
            _merge_props(graph.nodes[node.id], node.props)
            self._index_node(node.id)
        for rel in batch.rels:
            rel_type = rel.type
            if not graph.has_edge(rel.start, rel.end, rel_type):
                graph.add_edge(rel.start, rel.end, key=rel_type)
                self._index_rel(rel.start, rel_type, rel.end)
            _merge_props(graph.edges[rel.start, rel.end, rel_type], rel.props)

    # ------------------------------------------------------------------ indexes

    def _reset_indexes(self) -> None:
        self._by_label = {label: set() for label in Label}
        self._keys_of = {}
        self._ids_by_key = {}
        self._key_text = None
        self._outlet_of = {}
        self._outlet_docs = {}
        self._entity_statements = {}
        self._speakers_of = {}
        self._stance_statements = {rel_type: set() for rel_type in _STANCE_OF}
        # (entity, stance or mention type) -> speaker -> statements: the embedded store's
        # speaker tallies, kept on write like the Neo4j store's (relationships are never
        # removed, so adding is all it takes).
        self._said_about: dict[tuple[str, str], dict[str, set[str]]] = {}
        self._records: dict[str, StatementRecord] = {}
        self._rel_count = 0
        self._order = None
        self._order_keys = {}

    def _index_node(self, node_id: str) -> None:
        attrs = self._node[node_id]
        label = attrs["label"]
        self._by_label[label].add(node_id)
        if label in _ENTITY_LABELS:
            keys = _search_keys(attrs)
            self._keys_of[node_id] = keys
            self._key_text = None
            for key in keys:
                self._ids_by_key.setdefault(key, set()).add(node_id)
        elif label is Label.DOCUMENT and isinstance(attrs.get("outlet"), str):
            outlet = attrs["outlet"].casefold()
            self._outlet_of[node_id] = outlet
            self._outlet_docs.setdefault(outlet, set()).add(node_id)

    def _unindex_node(self, node_id: str) -> None:
        # Labels never change, so only the property-derived indexes need undoing.
        self._key_text = None
        for key in self._keys_of.pop(node_id, ()):
            self._ids_by_key[key].discard(node_id)
            if not self._ids_by_key[key]:
                del self._ids_by_key[key]
        outlet = self._outlet_of.pop(node_id, None)
        if outlet is not None:
            self._outlet_docs[outlet].discard(node_id)
            if not self._outlet_docs[outlet]:
                del self._outlet_docs[outlet]

    def _index_rel(self, start: str, rel_type: str, end: str) -> None:
        self._rel_count += 1
        if rel_type == RelType.SAID:
            self._entity_statements.setdefault(start, set()).add(end)
            self._speakers_of.setdefault(end, set()).add(start)
            for entity, rels in self._succ[end].items():
                for named_as in rels:
                    if named_as in _MENTION_TYPES:
                        self._tally(entity, named_as, start, end)
        elif rel_type in _MENTION_TYPES:
            self._entity_statements.setdefault(end, set()).add(start)
            if rel_type in _STANCE_OF:
                self._stance_statements[rel_type].add(start)
            for speaker in self._speakers_of.get(start, ()):
                self._tally(end, rel_type, speaker, start)

    def _tally(self, entity: str, rel_type: str, speaker: str, statement: str) -> None:
        self._said_about.setdefault((entity, rel_type), {}).setdefault(speaker, set()).add(
            statement
        )

    # ------------------------------------------------------------------ persistence

    def _load(self) -> None:
        path = self.path
        graph: nx.MultiDiGraph = nx.MultiDiGraph()
        stamp = _file_stamp(path)
        if stamp is not None:
            try:
                data = json.loads(path.read_bytes())
                _check_header(data, path)
                nodes = []
                for node in data["nodes"]:
                    attrs = dict(node)
                    node_id = attrs.pop("id")
                    attrs["label"] = _LABELS[attrs["label"]]
                    nodes.append((node_id, attrs))
                graph.add_nodes_from(nodes)
                known, add_edge = graph._node, graph.add_edge  # faster than add_edges_from
                for edge in data["edges"]:
                    attrs = dict(edge)
                    start, end = attrs.pop("source"), attrs.pop("target")
                    if start not in known or end not in known:
                        raise ValueError(f"edge {start!r} -> {end!r} has a missing end")
                    add_edge(start, end, _REL_TYPES[attrs.pop("key")], **attrs)
            except OSError as exc:
                raise StoreError(f"Cannot read the graph file {path}: {exc}") from exc
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise StoreError(
                    f"The graph file {path} is not a diplograph graph ({exc}); "
                    "move it away and ingest again"
                ) from exc
        self._bind(graph)
        self._file_stamp = stamp
        self._dirty = False
        self._reset_indexes()
        for node_id in graph.nodes:
            self._index_node(node_id)
        for start, ends in self._succ.items():
            for end, rels in ends.items():
                for rel_type in rels:
                    self._index_rel(start, rel_type, end)

    def _save(self) -> None:
        data = {
            "directed": True,
            "multigraph": True,
            "graph": {"format": FILE_FORMAT, "schema_version": SCHEMA_VERSION},
            "nodes": [{"id": n, **attrs} for n, attrs in self._graph.nodes(data=True)],
            "edges": [
                {"source": u, "target": v, "key": k, **attrs}
                for u, v, k, attrs in self._graph.edges(keys=True, data=True)
            ],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        directory = self.path.parent
        try:
            fd, tmp_name = tempfile.mkstemp(
                dir=directory, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as exc:
            raise StoreError(f"Cannot save the graph in {directory}: {exc}") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as tmp:
                tmp.write(text)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            if isinstance(exc, OSError):
                raise StoreError(f"Cannot save the graph to {self.path}: {exc}") from exc
            raise
        _sync_directory(directory)
        self._file_stamp = _file_stamp(self.path)
        self._dirty = False

    def _bind(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        # networkx's own dict-of-dicts behind graph.nodes, graph.succ and graph.pred: hot
        # loops read them directly, without building a view object per step.
        self._node: dict[str, dict[str, Any]] = graph._node
        self._succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph._succ
        self._pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph._pred

    def _reload_if_replaced(self) -> None:
        if self._file_checked:
            return
        if not self._dirty and _file_stamp(self.path) != self._file_stamp:
            self._load()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"The store at {self.path.parent} is closed; open it again")

    def _ready(self) -> None:
        self._check_open()
        self._reload_if_replaced()


# ---------------------------------------------------------------------- helpers


def _copied(attrs: dict[str, Any]) -> dict[str, Any]:
    # Lists copied too: a caller changing a row must not change the graph.
    return {k: list(v) if isinstance(v, list) else v for k, v in attrs.items()}


def _check_paging(limit: int, offset: int) -> None:
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must not be negative (got {limit}, {offset})")


def _links_to(
    adjacent: dict[str, dict[str, Any]], ends: Collection[str], rel_types: frozenset[str]
) -> bool:
    """Whether one of `adjacent` (a node's succ or pred) is in ends, by one of rel_types."""
    return any(other in ends and not rel_types.isdisjoint(rels) for other, rels in adjacent.items())


def _stance_types(stance: Stance | None) -> frozenset[str]:
    return frozenset(_STANCE_OF) if stance is None else frozenset({stance.rel_type})


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _search_keys(attrs: dict[str, Any]) -> tuple[str, ...]:
    # The keys the pipeline stored (name_key, alias_keys), or derived the same way.
    keys = [attrs.get("name_key") or name_key(str(attrs.get("name", "")))]
    alias_keys = attrs.get("alias_keys")
    if alias_keys is None:
        alias_keys = [name_key(alias) for alias in attrs.get("aliases", ())]
    keys.extend(alias_keys)
    return tuple(dict.fromkeys(k for k in keys if k))


def _merge_props(target: dict[str, Any], props: dict[str, Any]) -> None:
    for key, value in props.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = list(value) if isinstance(value, tuple) else value


def _check_header(data: Any, path: Path) -> None:
    header = data.get("graph", {}) if isinstance(data, dict) else {}
    if header.get("format") != FILE_FORMAT:
        raise ValueError(f"its graph.format is {header.get('format')!r}, not {FILE_FORMAT!r}")
    if header.get("schema_version") != SCHEMA_VERSION:
        raise StoreError(
            f"The graph file {path} uses graph schema version {header.get('schema_version')}, "
            f"this diplograph uses {SCHEMA_VERSION}: ingest again into a new data directory"
        )


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    # os.replace gives the file a new inode, so this changes whenever anyone saves.
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Cannot read the graph file {path}: {exc}") from exc
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _sync_directory(directory: Path) -> None:
    # Make the rename itself durable; not possible (nor needed) on every platform.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
