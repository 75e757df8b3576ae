"""Speaker tallies: the Neo4j store's running count of who took which stance on what.

"Who criticized X" ranks the speakers of the statements criticizing X. Counting them when
asked reads every such statement: ~1,500 for a median target of a 1M-statement graph, over
100,000 for the most criticized one, so the answer slows down as the graph grows. The Neo4j
store therefore also keeps one relationship per (speaker, stance, target),
`(speaker)-[:CRITICIZES_TALLY]->(target)` (or SUPPORTS_TALLY), holding

    key           the pair, indexed (tally_key)
    count         statements of that speaker taking that stance on that target
    first_date    the earliest dated one's date ("2024-03-05"), null if none is dated
    last_date     the latest dated one's date
    newest        up to KEEP of their ids, newest first (undated last, then by id)
    newest_dates  the dates of those, "" for an undated one

and updates the tallies a write changes in the write's own transaction. This module is that
bookkeeping without the driver: which statements a batch touches, which (speaker, stance,
target) gain which statements, and a tally's new value. Relationships are never deleted, so
a tally only grows, except when a statement it counts changes date: that tally is counted
again from the graph.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_schema import Label, RelType, Stance
from stores.base import GraphBatch

# Statement ids kept per tally: the most a "who" answer shows per speaker
# (app.query.MAX_STATEMENTS_PER_SPEAKER); a read asking for more counts in the graph.
KEEP = 50

_STANCE_OF_TYPE = {stance.rel_type: stance for stance in Stance}

# (stance, speaker id, target id): one tally.
TallyKey = tuple[Stance, str, str]
# (statement id, ISO date or None): one statement a tally counts.
Entry = tuple[str, str | None]


@dataclass(frozen=True)
class StatementLinks:
    """What a statement contributes to tallies: its date, speakers and stance targets."""

    date: str | None = None
    speakers: frozenset[str] = field(default_factory=frozenset)
    stances: frozenset[tuple[Stance, str]] = field(default_factory=frozenset)

    def keys(self) -> set[TallyKey]:
        return {
            (stance, speaker, target)
            for speaker in self.speakers
            for stance, target in self.stances
        }


NO_LINKS = StatementLinks()


def tally_key(speaker: str, target: str) -> str:
    """The indexed `key` property of the tally between speaker and target; the length
    prefix keeps it unambiguous whatever the ids hold."""
    return f"{len(speaker)}:{speaker}{target}"


def touched_statements(batch: GraphBatch) -> set[str]:
    """Ids of the statements whose date, speakers or stances the batch may change."""
    ids = {node.id for node in batch.nodes if node.label is Label.STATEMENT}
    for rel in batch.rels:
        if rel.type is RelType.SAID:
            ids.add(rel.end)
        elif rel.type in _STANCE_OF_TYPE:
            ids.add(rel.start)
    return ids


def links_after(
    before: Mapping[str, StatementLinks], batch: GraphBatch, ids: Iterable[str]
) -> dict[str, StatementLinks]:
    """The links of the statements `ids` once the batch is merged, as the store merges it:
    props are set in row order (None removes), relationships only add."""
    dates = {i: before.get(i, NO_LINKS).date for i in ids}
    speakers: dict[str, set[str]] = {i: set(before.get(i, NO_LINKS).speakers) for i in dates}
    stances: dict[str, set[tuple[Stance, str]]] = {
        i: set(before.get(i, NO_LINKS).stances) for i in dates
    }
    for node in batch.nodes:
        if node.label is Label.STATEMENT and "date" in node.props:
            dates[node.id] = node.props["date"]
    for rel in batch.rels:
        if rel.type is RelType.SAID:
            speakers[rel.end].add(rel.start)
        elif rel.type in _STANCE_OF_TYPE:
            stances[rel.start].add((_STANCE_OF_TYPE[rel.type], rel.end))
    return {
        i: StatementLinks(dates[i], frozenset(speakers[i]), frozenset(stances[i])) for i in dates
    }


@dataclass
class TallyChanges:
    """What a write does to tallies: statements added to some, others to count again."""

    added: dict[TallyKey, list[Entry]] = field(default_factory=dict)
    recount: set[TallyKey] = field(default_factory=set)


def changes(
    before: Mapping[str, StatementLinks], after: Mapping[str, StatementLinks]
) -> TallyChanges:
    """The tallies a write changes, from its statements' links before and after it."""
    added: dict[TallyKey, list[Entry]] = defaultdict(list)
    recount: set[TallyKey] = set()
    for statement_id, now in after.items():
        was = before.get(statement_id, NO_LINKS)
        old_keys = was.keys()
        for key in now.keys() - old_keys:
            added[key].append((statement_id, now.date))
        if now.date != was.date:
            # Counted already, under another date: its first/last/newest may have moved.
            recount.update(now.keys() & old_keys)
    return TallyChanges(
        added={key: entries for key, entries in added.items() if key not in recount},
        recount=recount,
    )


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Latest date first, undated last, then by id: the order every listing uses."""
    by_id = sorted(entries, key=lambda entry: entry[0])
    # A stable sort keeps the id order among equal dates; "" puts undated ones last.
    return sorted(by_id, key=lambda entry: entry[1] or "", reverse=True)


def tally(entries: list[Entry], current: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The properties of a tally counting `entries` on top of `current` (a stored tally's
    properties, None for a new one); `entries` must not be counted in `current` already."""
    current = current or {}
    stored_dates = [date or None for date in current.get("newest_dates", [])]
    kept: list[Entry] = list(zip(current.get("newest", []), stored_dates, strict=True))
    newest = newest_first(kept + entries)[:KEEP]
    dates = [date for _, date in entries if date]
    for stored in (current.get("first_date"), current.get("last_date")):
        if stored:
            dates.append(stored)
    return {
        "count": int(current.get("count", 0)) + len(entries),
        "first_date": min(dates, default=None),
        "last_date": max(dates, default=None),
        "newest": [statement_id for statement_id, _ in newest],
        "newest_dates": [date or "" for _, date in newest],
    }
