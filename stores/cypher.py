"""Every Cypher statement the Neo4j store sends, with its values passed as parameters.

Labels and relationship types cannot be parameters in Cypher, so they are interpolated here,
and only from graph_schema's enums (Label, RelType, ENTITY_SUPERLABEL) or this module's own
constants; every value that comes from a caller (ids, names, dates, rows) is a `$parameter`.
The schema statements are read from graph_schema/constraints.cypher.

Property names are the ones pipelines/graph_rows.py writes: dates are ISO strings
("2024-03-05"), which order and compare like the dates they stand for.
"""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from graph_schema import ENTITY_LABELS, ENTITY_SUPERLABEL, KEY_PROPERTY, Label, RelType, Stance
from stores.base import StatementFilter

# Rows per UNWIND: bench/ingest.py found 10,000 fastest of 500 / 2,000 / 10,000 in every run
# (fewer round trips and less planning per row; a 1 GiB heap was never the limit).
DEFAULT_BATCH_SIZE = 10_000

# The node recording which graph schema version the database holds. It is bookkeeping, not
# part of the graph model: reads never see it and counts() leaves it out.
SCHEMA_VERSION_LABEL = "SchemaVersion"
SCHEMA_VERSION_ID = "diplograph"

KEY = KEY_PROPERTY
ENTITY = ENTITY_SUPERLABEL
_STANCE_TYPES = tuple(stance.rel_type for stance in Stance)
# A statement "mentions" an entity it names or takes a stance on (StatementFilter.mention_*).
_MENTION_TYPES = (RelType.MENTIONS, *_STANCE_TYPES)
_STRUCTURE_TYPES = (RelType.SPEAKS_FOR, RelType.PARTY_TO)


def _name(name: str) -> str:
    """A label or relationship type, quoted for Cypher; only schema names get here."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"{name!r} is not a schema name")
    return f"`{name}`"


def _types(rel_types: Iterable[str]) -> str:
    return "|".join(_name(rel_type) for rel_type in rel_types)


def _link_map(node: str) -> str:
    """The map an EntityLink is read from: the node's id, name and labels."""
    return f"{node} {{.{KEY}, .name, labels: labels({node})}}"


def key_label(label: Label) -> str:
    """The label whose uniqueness constraint on the key finds a node of this label.

    Entities are found through the superlabel's, so one query serves every entity type.
    """
    return ENTITY if label in ENTITY_LABELS else label.value


_KEY_LABELS = frozenset(key_label(label) for label in Label)


# Quoted names used in most queries.
_DOCUMENT = _name(Label.DOCUMENT)
_STATEMENT = _name(Label.STATEMENT)
_ENTITY = _name(ENTITY)
_SAID = _name(RelType.SAID)
_REPORTED_IN = _name(RelType.REPORTED_IN)
_MENTIONS = _name(RelType.MENTIONS)


# ---------------------------------------------------------------------- schema


@functools.cache
def schema_statements() -> tuple[str, ...]:
    """The statements of graph_schema/constraints.cypher, comments removed, in file order."""
    text = resources.files("graph_schema").joinpath("constraints.cypher").read_text("utf-8")
    lines = [line.split("//", 1)[0].strip() for line in text.splitlines()]
    return tuple(" ".join(part.split()) for part in "\n".join(lines).split(";") if part.strip())


AWAIT_INDEXES = "CALL db.awaitIndexes($timeout)"

# Records the version on first open and returns what the database holds.
_SCHEMA_VERSION_NODE = f"(v:{_name(SCHEMA_VERSION_LABEL)} {{{KEY}: $id}})"

RECORD_SCHEMA_VERSION = f"""
MERGE {_SCHEMA_VERSION_NODE}
ON CREATE SET v.version = $version
RETURN v.version AS version, v.tallies AS tallies
"""

# ---------------------------------------------------------------------- writes

# The domain label of each id that exists, found through the three uniqueness constraints
# every node falls under (Document, Statement or the entity superlabel).
SPEAKING_FOR = f"""
MATCH (country:{_ENTITY})<-[:{_name(RelType.SPEAKS_FOR)}]-(official:{_ENTITY})
WHERE country.{KEY} IN $ids AND country:{_name(Label.COUNTRY)}
RETURN DISTINCT official.{KEY} AS id
ORDER BY id
"""

NODE_LABELS = f"""
UNWIND $ids AS node_id
CALL (node_id) {{
    MATCH (n:{_DOCUMENT} {{{KEY}: node_id}}) RETURN n
    UNION
    MATCH (n:{_STATEMENT} {{{KEY}: node_id}}) RETURN n
    UNION
    MATCH (n:{_ENTITY} {{{KEY}: node_id}}) RETURN n
}}
RETURN node_id AS id, labels(n) AS labels
"""


@functools.cache
def merge_nodes(label: Label) -> str:
    """MERGE a batch of `$rows` ({id, props}) of one label; null props are removed."""
    return _write_nodes("MERGE", label)


@functools.cache
def create_nodes(label: Label) -> str:
    """CREATE a batch of `$rows` ({id, props}) of one label, none of them in the database."""
    return _write_nodes("CREATE", label)


def _write_nodes(verb: str, label: Label) -> str:
    extra = f"n:{_ENTITY}, " if label in ENTITY_LABELS else ""
    return f"""
UNWIND $rows AS row
{verb} (n:{_name(label)} {{{KEY}: row.id}})
SET {extra}n += row.props
"""


@functools.cache
def merge_relationships(rel_type: RelType, start: str, end: str) -> str:
    """MERGE a batch of `$rows` ({start, end, props}) of one type, between two key labels.

    Returns how many rows found both their nodes (`written`): fewer than were sent means a
    node is missing, and the caller rolls the transaction back.
    """
    return _write_relationships("MERGE", rel_type, start, end)


@functools.cache
def create_relationships(rel_type: RelType, start: str, end: str) -> str:
    """CREATE a batch of `$rows` like merge_relationships, for relationships that cannot
    exist yet (an end is created by the same write)."""
    return _write_relationships("CREATE", rel_type, start, end)


def _write_relationships(verb: str, rel_type: RelType, start: str, end: str) -> str:
    if start not in _KEY_LABELS or end not in _KEY_LABELS:
        raise ValueError(f"{start!r} and {end!r} must be key labels (see key_label)")
    return f"""
UNWIND $rows AS row
MATCH (a:{_name(start)} {{{KEY}: row.start}})
MATCH (b:{_name(end)} {{{KEY}: row.end}})
{verb} (a)-[r:{_name(rel_type)}]->(b)
SET r += row.props
RETURN count(r) AS written
"""


# ---------------------------------------------------------------------- speaker tallies

# See stores/tallies.py. Like the schema version node, tallies are bookkeeping outside the
# graph model: counts(), iter_graph() and exports leave them out.
TALLY_VERSION = 2  # recorded on the schema version node once every tally is built (2: keyed)


def tally_type(stance: Stance) -> str:
    return f"{stance.rel_type}_TALLY"


# Taken first by every write: one writer at a time, so that what a write reads before its
# merges (its statements' links, their tallies) still holds when it commits. A SET whose
# value reads the property it sets makes Neo4j take the node's write lock before reading.
LOCK_WRITES = f"""
MATCH {_SCHEMA_VERSION_NODE}
SET v.writes = coalesce(v.writes, 0) + 1
"""

RECORD_TALLY_VERSION = f"""
MATCH {_SCHEMA_VERSION_NODE}
SET v.tallies = $version
"""

# Date, speakers and stance targets of the statements $ids that exist.
STATEMENT_LINKS = f"""
UNWIND $ids AS statement_id
MATCH (s:{_STATEMENT} {{{KEY}: statement_id}})
RETURN statement_id AS id, s.date AS date,
    [(speaker:{_ENTITY})-[:{_SAID}]->(s) | speaker.{KEY}] AS speakers,
    [(s)-[r:{_types(_STANCE_TYPES)}]->(target:{_ENTITY}) | [type(r), target.{KEY}]] AS stances
"""


@functools.cache
def stored_tallies(stance: Stance) -> str:
    """The stored properties of the tallies with the keys `$keys` that exist, through the
    tally key index."""
    return f"""
UNWIND $keys AS key
MATCH ()-[t:{_name(tally_type(stance))} {{key: key}}]->()
RETURN key, properties(t) AS props
"""


@functools.cache
def pair_statements(stance: Stance) -> str:
    """Every statement counted by the tallies of `$pairs`: speaker, target, id, date."""
    return f"""
UNWIND $pairs AS pair
MATCH (:{_ENTITY} {{{KEY}: pair.speaker}})-[:{_SAID}]->(s:{_STATEMENT})
    -[:{_name(stance.rel_type)}]->(:{_ENTITY} {{{KEY}: pair.target}})
RETURN pair.speaker AS speaker, pair.target AS target, s.{KEY} AS id, s.date AS date
"""


@functools.cache
def speaker_statements(stance: Stance) -> str:
    """Every statement of the speakers `$ids` taking `stance`: speaker, target, id, date."""
    return f"""
UNWIND $ids AS speaker_id
MATCH (:{_ENTITY} {{{KEY}: speaker_id}})-[:{_SAID}]->(s:{_STATEMENT})
    -[:{_name(stance.rel_type)}]->(target:{_ENTITY})
RETURN speaker_id AS speaker, target.{KEY} AS target, s.{KEY} AS id, s.date AS date
"""


@functools.cache
def create_tallies(stance: Stance) -> str:
    """Create the tallies of `$rows` ({speaker, target, props}); none of them exists yet
    (the caller holds the write lock and looked)."""
    return f"""
UNWIND $rows AS row
MATCH (speaker:{_ENTITY} {{{KEY}: row.speaker}})
MATCH (target:{_ENTITY} {{{KEY}: row.target}})
CREATE (speaker)-[t:{_name(tally_type(stance))}]->(target)
SET t = row.props
"""


@functools.cache
def replace_tallies(stance: Stance) -> str:
    """Replace the properties of the tallies of `$rows` ({props} holding their key)."""
    return f"""
UNWIND $rows AS row
MATCH ()-[t:{_name(tally_type(stance))} {{key: row.props.key}}]->()
SET t = row.props
"""


# The next `$limit` speakers by id after `$after` (the first page: every id).
SPEAKER_PAGE = f"""
MATCH (speaker:{_ENTITY})
WHERE speaker.{KEY} > $after AND EXISTS {{ (speaker)-[:{_SAID}]->() }}
RETURN speaker.{KEY} AS id
ORDER BY id
LIMIT $limit
"""

DELETE_TALLIES = f"""
UNWIND $ids AS speaker_id
MATCH (:{_ENTITY} {{{KEY}: speaker_id}})-[t:{_types(tally_type(s) for s in Stance)}]->()
DELETE t
"""


@functools.cache
def tallied_speakers(stance: Stance) -> str:
    """The speakers taking `stance` on `$target`, read from their tallies, ranked as
    GraphStore.speakers ranks them: one page sorted (a top-k sort), the total from the
    target's degree, and the page's newest statements (see _NEWEST_STATEMENTS).
    Parameters: target, offset, limit, newest.
    """
    tally = _name(tally_type(stance))
    return f"""
OPTIONAL MATCH (target:{_ENTITY} {{{KEY}: $target}})
CALL (target) {{
    MATCH (target)<-[t:{tally}]-(speaker:{_ENTITY})
    WITH speaker, t
    ORDER BY t.count DESC, t.last_date IS NULL, t.last_date DESC,
        toLower(coalesce(speaker.name, speaker.{KEY})), speaker.{KEY}
    SKIP $offset LIMIT $limit
    RETURN collect({{speaker: {_link_map("speaker")},
        count: t.count, first_date: t.first_date, last_date: t.last_date,
        newest: t.newest[..$newest]}}) AS page
}}
{_NEWEST_STATEMENTS}
RETURN coalesce(COUNT {{ (target)<-[:{tally}]-() }}, 0) AS total, page, statements
"""


# ---------------------------------------------------------------------- counts

# Both maps come from Neo4j's count store (NodeCountFromCountStore): no node is read.
COUNTS = (
    "RETURN {"
    + ", ".join(f"{_name(label)}: COUNT {{ (:{_name(label)}) }}" for label in Label)
    + "} AS by_label, {"
    + ", ".join(f"{_name(t)}: COUNT {{ ()-[:{_name(t)}]->() }}" for t in RelType)
    + "} AS by_type"
)

# ---------------------------------------------------------------------- the whole graph

# Read in pages keyed by id (keyset paging): each page seeks the uniqueness constraint's index
# from where the last page ended, so a page costs the same wherever it falls. A first page
# reads from the start (every id, "" included); later ones pass the last id seen as $after.


def _after(node: str, first: bool) -> str:
    return f"{node}.{KEY} IS NOT NULL" if first else f"{node}.{KEY} > $after"


@functools.cache
def node_page(label: Label, first: bool) -> str:
    """The next `$limit` nodes of one label, by id: id and every property (id included)."""
    return f"""
MATCH (n:{_name(label)})
WHERE {_after("n", first)}
RETURN n.{KEY} AS id, properties(n) AS props
ORDER BY n.{KEY}
LIMIT $limit
"""


@functools.cache
def relationship_page(rel_type: RelType, start: str, first: bool) -> str:
    """Every relationship of one type from the next `$limit` start nodes (of one key label)
    that have one, by start id then end id: start_id, end_id and every property.
    """
    if start not in _KEY_LABELS:
        raise ValueError(f"{start!r} must be a key label (see key_label)")
    return f"""
MATCH (a:{_name(start)})
WHERE {_after("a", first)} AND EXISTS {{ (a)-[:{_name(rel_type)}]->() }}
WITH a ORDER BY a.{KEY} LIMIT $limit
MATCH (a)-[r:{_name(rel_type)}]->(b)
RETURN a.{KEY} AS start_id, b.{KEY} AS end_id, properties(r) AS props
ORDER BY start_id, end_id
"""


# ---------------------------------------------------------------------- documents

DOCUMENT_SIGNATURES = f"""
MATCH (d:{_DOCUMENT})
WHERE d.minhash IS NOT NULL
RETURN d.{KEY} AS id, d.minhash AS minhash
"""

# ---------------------------------------------------------------------- statements

# Everything a StatementRecord shows, as (field, expression over the statement `s`). Each
# link carries its node's labels; the reader picks the domain label.
_STATEMENT_FIELDS = (
    ("id", f"s.{KEY}"),
    ("role", "s.role"),
    ("date", "s.date"),
    ("quote", "s.quote"),
    ("kind", "s.kind"),
    (
        "speakers",
        f"[(speaker)-[:{_SAID}]->(s) | {_link_map('speaker')}]",
    ),
    (
        "relations",
        f"""[(s)-[stance:{_types(_STANCE_TYPES)}]->(target)
        | {{type: type(stance), evidence: stance.evidence, confidence: stance.confidence,
            target: {_link_map("target")}}}]""",
    ),
    (
        "mentions",
        f"[(s)-[:{_MENTIONS}]->(mentioned) | {_link_map('mentioned')}]",
    ),
    (
        "sources",
        f"""[(s)-[reported:{_REPORTED_IN}]->(source)
        | source {{.{KEY}, .title, .outlet, .published, .url, .source_file,
            span_start: reported.span_start, span_end: reported.span_end}}]""",
    ),
)
# The fields as the columns of one record per statement `s`, in order...
_STATEMENT_RECORD = "\nRETURN " + ",\n    ".join(f"{e} AS {n}" for n, e in _STATEMENT_FIELDS) + "\n"
# ... or as one map.
_STATEMENT_MAP = "{" + ",\n    ".join(f"{n}: {e}" for n, e in _STATEMENT_FIELDS) + "}"

_HAS_SPEAKER = f"EXISTS {{ (s)<-[:{_SAID}]-() }}"

# Statements reported in one document, in reading order (by where the quote starts).
DOCUMENT_STATEMENTS = f"""
MATCH (:{_DOCUMENT} {{{KEY}: $id}})<-[r:{_REPORTED_IN}]-(s:{_STATEMENT})
WHERE {_HAS_SPEAKER}
WITH s, r.span_start AS span_start
ORDER BY span_start IS NULL, span_start, s.{KEY}
{_STATEMENT_RECORD}"""

# Statements by id, through the unique index; the caller puts them in its order.
GET_STATEMENTS = f"""
MATCH (s:{_STATEMENT})
WHERE s.{KEY} IN $ids AND {_HAS_SPEAKER}
{_STATEMENT_RECORD}"""

# Newest first, undated last, then by id. (Descending order puts nulls first in Cypher.)
_NEWEST_FIRST = f"s.date IS NULL, s.date DESC, s.{KEY}"


# After a page of speaker rows (`page`, each with the ids of its `newest` statements): those
# statements as maps of _STATEMENT_FIELDS, in the same query rather than a second round trip.
_NEWEST_STATEMENTS = f"""CALL (page) {{
    UNWIND page AS row
    UNWIND row.newest AS statement_id
    MATCH (s:{_STATEMENT} {{{KEY}: statement_id}})
    WHERE {_HAS_SPEAKER}
    RETURN collect({_STATEMENT_MAP}) AS statements
}}"""


@dataclass(frozen=True)
class StatementQueries:
    """The queries over the statements meeting one filter, and their parameters.

    page: one record of total, first_date and last_date (over all of them) and page (one
    page of them newest first, as maps of _STATEMENT_FIELDS; $offset, $limit).
    speakers: see GraphStore.speakers ($offset, $limit, $newest): total, page (rows with
    the ids of their newest statements) and statements (those statements as maps).
    """

    page: str
    speakers: str
    params: dict[str, Any] = field(default_factory=dict)


# Sorts a list of maps in Cypher without APOC: the rows come ordered from the WITH before,
# and a page is a slice of the collected list, which also gives the total.
_PAGE_OF_ROWS = """WITH collect(row) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS page
"""


def statement_queries(where: StatementFilter) -> StatementQueries:
    """Queries for the statements meeting `where`: their total and date span, one page
    newest first, and their speakers counted.
    """
    match, params = _statement_match(where)
    to_speaker, _ = _statement_match(where, said=False)
    speakers = f"""{to_speaker}
WITH DISTINCT s
MATCH (speaker:{_ENTITY})-[:{_SAID}]->(s)
WITH speaker, s ORDER BY {_NEWEST_FIRST}
WITH speaker, count(s) AS count, min(s.date) AS first_date, max(s.date) AS last_date,
    collect(s.{KEY})[..$newest] AS newest
ORDER BY count DESC, last_date IS NULL, last_date DESC,
    toLower(coalesce(speaker.name, speaker.{KEY})), speaker.{KEY}
WITH {{speaker: {_link_map("speaker")}, count: count,
    first_date: first_date, last_date: last_date, newest: newest}} AS row
WITH collect(row) AS rows
WITH size(rows) AS total, rows[$offset..$offset + $limit] AS page
{_NEWEST_STATEMENTS}
RETURN total, page, statements"""
    return StatementQueries(page=_statement_page(where, match), speakers=speakers, params=params)


def _statement_page(where: StatementFilter, match: str) -> str:
    """Total, date span and one page of the statements `match` binds to `s`: in one pass
    when an entity bounds them (its statements are collected, then a page is sorted out of
    them), in two passes over the whole graph otherwise (every statement would not fit in
    a list)."""
    summary = "count(s) AS total, min(s.date) AS first_date, max(s.date) AS last_date"
    page = f"""WITH s ORDER BY {_NEWEST_FIRST} SKIP $offset LIMIT $limit
    RETURN collect({_STATEMENT_MAP}) AS page"""
    if (where.target_ids, where.speaker_ids, where.mention_ids) == (None, None, None):
        return f"""CALL () {{
    {match}
    WITH DISTINCT s
    RETURN {summary}
}}
CALL () {{
    {match}
    WITH DISTINCT s
    {page}
}}
RETURN total, first_date, last_date, page"""
    return f"""{match}
WITH DISTINCT s
WITH {summary}, collect(s) AS matching
CALL (matching) {{
    UNWIND matching AS s
    {page}
}}
RETURN total, first_date, last_date, page"""


def named_entities_query(
    where: StatementFilter, stance: Stance | None, label: Label
) -> tuple[str, dict[str, Any]]:
    """Entities of `label` the statements meeting `where` take `stance` on (or name in any
    way when stance is None), each with its number of statements; see
    GraphStore.named_entities. Parameters: the filter's, $offset and $limit.
    """
    match, params = _statement_match(where)
    rel_types = _MENTION_TYPES if stance is None else (stance.rel_type,)
    query = f"""{match}
WITH DISTINCT s
MATCH (s)-[:{_types(rel_types)}]->(e:{_name(label)})
WITH e, count(DISTINCT s) AS count
ORDER BY count DESC, toLower(coalesce(e.name, e.{KEY})), e.{KEY}
WITH {{entity: {_link_map("e")}, count: count}} AS row
{_PAGE_OF_ROWS}"""
    return query, params


def _statement_match(where: StatementFilter, *, said: bool = True) -> tuple[str, dict[str, Any]]:
    """MATCH … WHERE … binding `s` to the statements meeting `where`, and its parameters;
    `said=False` leaves out the check that a statement has a speaker, for a caller whose
    next MATCH goes to the speaker anyway.

    Conditions on ids become MATCH patterns from the entity (found through its unique id
    index), so the planner can start from the most selective one; the rest are filters on
    the statement. The text depends only on which conditions are set, never on their values.
    """
    stance_types = _STANCE_TYPES if where.stance is None else (where.stance.rel_type,)
    params: dict[str, Any] = {}
    filters = [_HAS_SPEAKER] if said else []
    patterns: list[str] = []
    if where.date_from is not None:
        filters.append("s.date >= $date_from")
        params["date_from"] = where.date_from.isoformat()
    if where.date_to is not None:
        filters.append("s.date <= $date_to")
        params["date_to"] = where.date_to.isoformat()
    if where.target_ids is not None:
        patterns.append(
            f"MATCH (target:{_ENTITY})<-[:{_types(stance_types)}]-(s) "
            f"WHERE target.{KEY} IN $target_ids"
        )
        params["target_ids"] = list(where.target_ids)
    elif where.stance is not None:
        filters.append(f"EXISTS {{ (s)-[:{_types(stance_types)}]->() }}")
    if where.speaker_ids is not None:
        patterns.append(
            f"MATCH (speaker:{_ENTITY})-[:{_SAID}]->(s) WHERE speaker.{KEY} IN $speaker_ids"
        )
        params["speaker_ids"] = list(where.speaker_ids)
    if where.mention_ids is not None:
        patterns.append(
            f"MATCH (mentioned:{_ENTITY})<-[:{_types(_MENTION_TYPES)}]-(s) "
            f"WHERE mentioned.{KEY} IN $mention_ids"
        )
        params["mention_ids"] = list(where.mention_ids)
    if where.mention_type is not None:
        filters.append(
            f"EXISTS {{ MATCH (s)-[:{_types(_MENTION_TYPES)}]->(m) "
            "WHERE $mention_type IN labels(m) }"
        )
        params["mention_type"] = where.mention_type.value
    if where.outlet is not None:
        filters.append(
            f"EXISTS {{ MATCH (s)-[:{_REPORTED_IN}]->(d:{_DOCUMENT}) "
            "WHERE toLower(d.outlet) = toLower($outlet) }"
        )
        params["outlet"] = where.outlet
    where_clause = ["WHERE " + "\n  AND ".join(filters)] if filters else []
    match = "\n".join([f"MATCH (s:{_STATEMENT})", *where_clause, *patterns])
    return match, params


# ---------------------------------------------------------------------- entities

GET_ENTITY = f"""
MATCH (e:{_ENTITY} {{{KEY}: $id}})
RETURN properties(e) AS props, labels(e) AS labels
"""

# Statements an entity said, takes a stance on or mentions, each counted once.
_STATEMENT_COUNT = (
    f"COUNT {{ MATCH (e)-[:{_SAID}]->(st:{_STATEMENT}) RETURN st "
    f"UNION MATCH (e)<-[:{_types(_MENTION_TYPES)}]-(st:{_STATEMENT}) RETURN st }}"
)

# Every entity (of $label, when not null), rank 0.
_ALL_ENTITIES = f"""
MATCH (e:{_ENTITY})
WHERE $label IS NULL OR $label IN labels(e)
WITH e, 0 AS rank
"""

# Entities whose name key or an alias key equals $key (rank 0) or contains it (rank 1).
# Containment cannot use an index (a range index does not answer CONTAINS, and the
# full-text index splits words where name keys do not), so this reads every entity; there
# are far fewer entities than statements.
_MATCHING_ENTITIES = f"""
MATCH (e:{_ENTITY})
WHERE ($label IS NULL OR $label IN labels(e))
  AND (e.name_key CONTAINS $key OR any(k IN coalesce(e.alias_keys, []) WHERE k CONTAINS $key))
WITH e, CASE WHEN e.name_key = $key OR $key IN coalesce(e.alias_keys, []) THEN 0 ELSE 1 END
    AS rank
"""


# Entities whose name key or an alias key is exactly $key, through the keyword full-text
# index on both (graph_schema/constraints.cypher): $lucene is the key as a quoted term.
# Usually one entity: the caller ranks several with STATEMENT_COUNTS, rather than counting
# a popular entity's tens of thousands of statements for nothing.
EXACT_ENTITIES = """
CALL db.index.fulltext.queryNodes('entity_keys', $lucene) YIELD node AS e
WHERE ($label IS NULL OR $label IN labels(e))
  AND (e.name_key = $key OR $key IN coalesce(e.alias_keys, []))
RETURN properties(e) AS props, labels(e) AS labels
"""

# How many statements each entity of $ids said, takes a stance on or mentions.
STATEMENT_COUNTS = f"""
UNWIND $ids AS entity_id
MATCH (e:{_ENTITY} {{{KEY}: entity_id}})
RETURN entity_id AS id, {_STATEMENT_COUNT} AS statements
"""


@functools.cache
def search_entities(with_text: bool) -> tuple[str, str]:
    """(count, page) queries for entity search: by `$key`, or every entity when no text.

    Exact matches first, then entities in more statements, then by name and id. Parameters:
    key (a name key, stores.base.name_key), label (or null), offset, limit.
    """
    match = _MATCHING_ENTITIES if with_text else _ALL_ENTITIES
    count = f"{match}RETURN count(e) AS total"
    page = f"""{match}WITH e, rank, {_STATEMENT_COUNT} AS statements
ORDER BY rank, statements DESC, toLower(coalesce(e.name, e.{KEY})), e.{KEY}
SKIP $offset LIMIT $limit
RETURN properties(e) AS props, labels(e) AS labels
"""
    return count, page


# Entities linked to one entity, with the relationship type and how many statements (or 1
# for a structural link) link them; the caller ranks them. See GraphStore.neighbors.
NEIGHBORS = f"""
MATCH (e:{_ENTITY} {{{KEY}: $id}})
CALL (e) {{
    MATCH (e)<-[r:{_types(_STANCE_TYPES)}]-(:{_STATEMENT})<-[:{_SAID}]-(other)
    RETURN other, type(r) AS type, 'in' AS direction
    UNION ALL
    MATCH (e)<-[r:{_types(_STRUCTURE_TYPES)}]-(other)
    RETURN other, type(r) AS type, 'in' AS direction
    UNION ALL
    MATCH (e)-[:{_SAID}]->(:{_STATEMENT})-[r:{_types(_MENTION_TYPES)}]->(other)
    RETURN other, type(r) AS type, 'out' AS direction
    UNION ALL
    MATCH (e)-[r:{_types(_STRUCTURE_TYPES)}]->(other)
    RETURN other, type(r) AS type, 'out' AS direction
}}
WITH e, other, type, direction, count(*) AS count
WHERE other <> e
RETURN {_link_map("other")} AS other, type, direction, count
"""
