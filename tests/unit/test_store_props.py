"""stores.base.check_props: the property values both stores accept, and the refusals."""

import datetime as dt

import pytest

from graph_schema import Label
from stores.base import GraphBatch, NodeRow, StoreError, check_props


def _node(props: dict[str, object]) -> GraphBatch:
    return GraphBatch(nodes=[NodeRow(label=Label.DOCUMENT, id="x", props=props)])


@pytest.mark.parametrize(
    "value",
    ["text", 3, 2.5, True, None, [], (), [1, 2, 3], ("a", "b"), [0.5] * 128, [False, True]],
    ids=repr,
)
def test_scalars_and_lists_of_one_scalar_type_are_accepted(value: object) -> None:
    check_props(_node({"p": value}))


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1},
        [1, "a"],
        [1, True],  # bool and int are different types to Neo4j
        [1, 2.0],
        [dt.date(2024, 1, 1)],
        dt.date(2024, 1, 1),
        [[1], [2]],
        [object()],
        {1, 2},
    ],
    ids=repr,
)
def test_other_values_are_refused_naming_the_property(value: object) -> None:
    with pytest.raises(StoreError, match=r"Cannot write node 'x': property 'p' is "):
        check_props(_node({"p": value}))


def test_a_reserved_name_is_refused() -> None:
    with pytest.raises(StoreError, match="'id' is reserved"):
        check_props(_node({"id": "y"}))
