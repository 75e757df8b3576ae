"""graph_schema/example_queries.cypher runs on a real server and answers what the small
known graph of example_graph.py says; graph_schema/browser.grass styles every label.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pytest
from example_graph import example_batch

from graph_schema import ENTITY_SUPERLABEL, Label, RelType, Stance
from stores.cypher import SCHEMA_VERSION_LABEL, tally_type
from stores.neo4j_store import Neo4jStore


@dataclass
class ExampleQuery:
    title: str
    text: str
    params: dict[str, str] = field(default_factory=dict)


def example_queries() -> list[ExampleQuery]:
    """The queries of example_queries.cypher.

    The file is paragraphs separated by blank lines; a paragraph with Cypher in it is one
    query: its first line is `// title`, `// :param name => 'value'` lines give parameters.
    """
    text = resources.files("graph_schema").joinpath("example_queries.cypher").read_text("utf-8")
    found = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = paragraph.strip().splitlines()
        code = [line for line in lines if not line.lstrip().startswith("//")]
        if not code:
            continue  # the file's header
        assert lines[0].startswith("// "), f"a query without a title: {paragraph!r}"
        assert code[-1].endswith(";"), f"a query without its semicolon: {paragraph!r}"
        params = dict(re.findall(r"^// :param (\w+) => '([^']*)'$", paragraph, re.M))
        query = "\n".join(code).removesuffix(";")
        found.append(ExampleQuery(title=lines[0][3:].strip(), text=query, params=params))
    return found


EXPECTED: dict[str, list[dict[str, Any]]] = {
    "Who criticized whom": [
        {"speaker": "Mei Lin", "target": "Japan-US alliance", "statements": 2},
        {"speaker": "Anna Petrova", "target": "Japan-US alliance", "statements": 1},
        {"speaker": "Anna Petrova", "target": "United States", "statements": 1},
    ],
    "A speaker's statements over time": [
        {
            "date": "2024-01-10",
            "quote": "The alliance is a threat to peace.",
            "stances": ["criticizes Japan-US alliance"],
        },
        {
            "date": "2024-02-05",
            "quote": "Washington undermines every accord.",
            "stances": ["criticizes United States"],
        },
        {
            "date": "2024-03-01",
            "quote": "The fisheries accord works well.",
            "stances": ["supports North Sea Fisheries Accord"],
        },
    ],
    "Statements whose quote holds some words": [
        {
            "speaker": "Mei Lin",
            "date": "2024-03-10",
            "quote": "The alliance still divides the region.",
        },
        {"speaker": "Mei Lin", "date": "2024-02-20", "quote": "The alliance is a relic."},
    ],
    "Treaties and alliances with their parties": [
        {
            "treaty": "Japan-US alliance",
            "kind": "Alliance",
            "year": None,
            "parties": ["Japan", "United States"],
            "supported": 1,
            "criticized": 3,
        },
        {
            "treaty": "North Sea Fisheries Accord",
            "kind": "Treaty",
            "year": 2018,
            "parties": ["Japan", "Russia"],
            "supported": 1,
            "criticized": 0,
        },
        {
            "treaty": "Pacific Trade Pact",
            "kind": "Treaty",
            "year": 2021,
            "parties": ["China", "Japan", "United States"],
            "supported": 1,
            "criticized": 0,
        },
    ],
    "A story and its reprints": [
        {
            "outlet": "Beijing Courier",
            "story": "Mei Lin on the region",
            "published": "2024-02-20",
            "reprinted_by": "Harbour Times",
            "reprinted": "2024-02-21",
            "shared_quotes": ["The Pacific pact serves us all.", "The alliance is a relic."],
        }
    ],
}


def test_the_file_holds_the_expected_queries_with_titles():
    queries = example_queries()
    assert len({q.title for q in queries}) == len(queries)
    assert set(EXPECTED) <= {q.title for q in queries}
    assert len(queries) == len(EXPECTED) + 1  # and the graph view
    assert all(q.text.startswith(("MATCH", "CALL db.index.fulltext")) for q in queries)


def test_the_queries_use_only_schema_labels_and_types():
    allowed = {label.value for label in Label} | {rel.value for rel in RelType}
    allowed.add(ENTITY_SUPERLABEL)
    for query in example_queries():
        # `(x:Label|Other)` and `[:TYPE|OTHER]`; string literals are left out.
        code = re.sub(r"'[^']*'", "''", query.text)
        names = set(re.findall(r"[(\[]\w*:([A-Za-z_|]+)", code))
        used = {name for group in names for name in group.split("|")}
        assert used and used <= allowed, (query.title, used - allowed)


@pytest.fixture
def example_server(clean_neo4j: Any) -> Iterator[Any]:
    with Neo4jStore.open(**clean_neo4j.options()) as store:
        store.write(example_batch())
    yield clean_neo4j


@pytest.mark.neo4j
def test_every_example_query_answers_on_the_known_graph(example_server: Any):
    with example_server.driver() as driver:
        for query in example_queries():
            records = driver.execute_query(query.text, query.params).records
            if query.title in EXPECTED:
                assert [r.data() for r in records] == EXPECTED[query.title], query.title
            else:  # the graph view: one row per (criticism, document reporting it)
                assert query.params == {"target": "Japan-US alliance"}
                assert len(records) == 4  # Petrova once, Mei Lin twice (once reprinted)
                said = {r["said"].nodes[0]["name"] for r in records}
                assert said == {"Anna Petrova", "Mei Lin"}


def grass_rules() -> dict[str, dict[str, str]]:
    text = resources.files("graph_schema").joinpath("browser.grass").read_text("utf-8")
    rules = {}
    # A rule is `selector {` ... `}` on lines of their own (captions hold braces too).
    for selector, body in re.findall(r"^([\w.]+) \{\n(.*?)^\}", text, re.M | re.S):
        props = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", body))
        rules[selector] = {k: v.strip() for k, v in props.items()}
    return rules


def test_the_browser_style_gives_every_label_a_colour_and_a_caption():
    rules = grass_rules()
    labels = [label.value for label in Label] + [ENTITY_SUPERLABEL, SCHEMA_VERSION_LABEL]
    for label in labels:
        rule = rules[f"node.{label}"]
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule["color"]), label
        assert rule["caption"].startswith('"') and "{" in rule["caption"], label
    colours = [rules[f"node.{label.value}"]["color"] for label in Label]
    assert len(set(colours)) == len(colours)
    for label in (Label.PERSON, Label.COUNTRY, Label.ORGANIZATION, Label.TREATY, Label.ALLIANCE):
        assert rules[f"node.{label}"]["caption"] == '"{name}"'
    assert rules["node.Statement"]["caption"] == '"{quote}"'
    assert rules["node.Document"]["caption"] == '"{title}"'
    for stance in Stance:  # speaker tallies show their count (stores/tallies.py)
        assert "{count}" in rules[f"relationship.{tally_type(stance)}"]["caption"]
    # Entity nodes also carry the superlabel: its rule must come before the specific ones,
    # since Browser applies matching rules in order and the last one wins.
    order = list(rules)
    assert order.index(f"node.{ENTITY_SUPERLABEL}") < order.index("node.Person")
