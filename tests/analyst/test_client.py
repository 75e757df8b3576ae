"""The notebook client, local (in-process store) and remote (a real server over HTTP).

Every reading test runs on both kinds, over tests/api/sample_graph.py, and a last test
checks that the two give equal frames. The remote client talks to uvicorn serving the app on
a free port in a thread, as `diplograph serve` would.
"""

import datetime as dt
import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import uvicorn

from app import plots
from app.ask import AskAnswer
from app.client import (
    ClientError,
    Diplograph,
    EntityTable,
    NeighborTable,
    StatementTable,
    Timeline,
    WhoTable,
)
from app.config import Settings
from app.main import create_app
from app.query import BadQuery, NotFound
from app.questions import QuestionNotUnderstood
from app.schemas import HealthView
from graph_schema import Label, Stance
from stores.base import EntityRecord

LAVROV = "person:sergey-lavrov"
JAPAN_US = "alliance:japan-us"
SERVER_START_TIMEOUT = 20.0


def _load_sample_graph():  # type: ignore[no-untyped-def]
    path = Path(__file__).parents[1] / "api" / "sample_graph.py"
    spec = importlib.util.spec_from_file_location("diplograph_sample_graph", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_sample_graph = _load_sample_graph().write_sample_graph


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample")
    write_sample_graph(data_dir)
    return data_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server_url(sample_dir: Path) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(data_dir=sample_dir)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def local(sample_dir: Path) -> Iterator[Diplograph]:
    with Diplograph.local(sample_dir) as client:
        yield client


@pytest.fixture(scope="module")
def remote(server_url: str) -> Iterator[Diplograph]:
    with Diplograph.remote(server_url) as client:
        yield client


@pytest.fixture(params=["local", "remote"])
def dg(request: pytest.FixtureRequest) -> Diplograph:
    client: Diplograph = request.getfixturevalue(request.param)
    return client


# ---------------------------------------------------------------------- the surface


def test_public_surface() -> None:
    public = {name for name in vars(Diplograph) if not name.startswith("_")}
    assert public == {
        "local",
        "remote",
        "kind",
        "close",
        "health",
        "entity",
        "search",
        "statements",
        "who",
        "ask",
        "neighbors",
        "timeline",
        "graph",
        "plot_stance_graph",
        "plot_timeline",
        "ingest",
        "export",
    }


def test_kinds(local: Diplograph, remote: Diplograph, sample_dir: Path) -> None:
    assert (local.kind, remote.kind) == ("local", "remote")
    assert str(sample_dir) in repr(local)
    assert "http://127.0.0.1" in repr(remote)


# ---------------------------------------------------------------------- reads


def test_health(dg: Diplograph) -> None:
    health = dg.health()
    assert isinstance(health, HealthView)
    assert health.store == "embedded" and health.nodes > 0


def test_entity_resolves_names_aliases_and_ids(dg: Diplograph) -> None:
    for name in ("Lavrov", "sergey lavrov", LAVROV):
        entity = dg.entity(name)
        assert isinstance(entity, EntityRecord) and entity.id == LAVROV
    assert dg.entity("US-Japan alliance").id == JAPAN_US
    assert dg.entity("Lavrov", type="Person").id == LAVROV
    with pytest.raises(NotFound, match="No country entity named 'Lavrov'"):
        dg.entity("Lavrov", type=Label.COUNTRY)
    with pytest.raises(NotFound, match="No entity named 'Nobody Atall'"):
        dg.entity("Nobody Atall")


def test_search(dg: Diplograph) -> None:
    people = dg.search(type="Person")
    assert isinstance(people, EntityTable) and people.count == 3
    frame = people.to_frame()
    assert list(frame.columns[:4]) == ["id", "name", "type", "aliases"]
    assert {"country", "role"} <= set(frame.columns)
    assert set(frame["name"]) == {"Sergey Lavrov", "Maria Zakharova", "Wang Yi"}
    assert len(dg.search(limit=2).data) == 2


def test_statements_of_a_country_with_its_officials(dg: Diplograph) -> None:
    assert dg.statements(speaker="Russia").count == 0
    table = dg.statements(speaker="Russia", with_officials=True, stance="criticizes")
    assert [st.id for st in table.data] == ["st:lavrov-2022", "st:zakharova", "st:lavrov-2019"]


def test_statements_with_filters(dg: Diplograph) -> None:
    table = dg.statements(speaker="Lavrov")
    assert isinstance(table, StatementTable)
    assert [st.id for st in table.data] == ["st:lavrov-2022", "st:lavrov-2021", "st:lavrov-2019"]
    assert table.count == 3
    recent = dg.statements(speaker="Lavrov", date_from="2021-01-01", stance="criticizes")
    assert [st.id for st in recent.data] == ["st:lavrov-2022"]
    first = dg.statements(limit=2)
    assert len(first.data) == 2 and first.count == 5
    assert [st.id for st in dg.statements(outlet="Xinhua").data] == ["st:wang-2021"]
    on_treaties = dg.statements(mention_type=Label.TREATY)
    assert {st.id for st in on_treaties.data} == {
        "st:lavrov-2021",
        "st:wang-2021",
        "st:lavrov-2022",
    }
    assert dg.statements(speaker="Nobody Atall").count == 0


def test_statement_frame(dg: Diplograph) -> None:
    frame = dg.statements(speaker="Lavrov").to_frame()
    assert list(frame.columns) == [
        "statement_id",
        "date",
        "speaker",
        "speaker_id",
        "speaker_type",
        "role",
        "kind",
        "quote",
        "criticizes",
        "supports",
        "mentions",
        "outlets",
        "sources",
    ]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    latest = frame.iloc[0]
    assert latest["criticizes"] == ["Japan-US alliance", "NATO"]
    assert latest["outlets"] == ["RIA Novosti", "Sputnik"] and latest["sources"] == 2
    empty = dg.statements(speaker="Nobody Atall").to_frame()
    assert empty.empty and list(empty.columns) == list(frame.columns)


def test_bad_parameters(dg: Diplograph) -> None:
    with pytest.raises(BadQuery, match="Unknown stance 'praises'"):
        dg.statements(stance="praises")
    with pytest.raises(BadQuery, match="YYYY-MM-DD"):
        dg.statements(date_from="21/02/2019")
    with pytest.raises(BadQuery, match="after date_to"):
        dg.statements(date_from="2022-01-01", date_to="2021-01-01")
    with pytest.raises(BadQuery, match="at least 1"):
        dg.statements(limit=0)


def test_who_criticized_the_japan_us_alliance(dg: Diplograph) -> None:
    who = dg.who("criticizes", "Japan-US alliance")
    assert isinstance(who, WhoTable)
    assert who.stance is Stance.CRITICIZES and who.total_speakers == 1
    (lavrov,) = who.speakers
    assert lavrov.speaker.id == LAVROV and lavrov.count == 2
    frame = who.to_frame()
    assert list(frame["statement_id"]) == ["st:lavrov-2022", "st:lavrov-2019"]
    assert list(frame["evidence"]) == ["undermine security", "cannot accept"]
    assert set(frame["target"]) == {"Japan-US alliance"}
    assert frame["date"].dt.year.tolist() == [2022, 2019]
    since = dg.who(Stance.CRITICIZES, "NATO", date_from=dt.date(2021, 1, 1))
    assert [s.speaker.name for s in since.speakers] == ["Sergey Lavrov"]
    nobody = dg.who("supports", "NATO")
    assert nobody.total_speakers == 0 and nobody.to_frame().empty


def test_ask(dg: Diplograph) -> None:
    answer = dg.ask("Who criticized NATO?")
    assert isinstance(answer, AskAnswer) and answer.understood
    assert "Sergey Lavrov" in answer.answer and "Maria Zakharova" in answer.answer


def test_neighbors(dg: Diplograph) -> None:
    table = dg.neighbors("Lavrov")
    assert isinstance(table, NeighborTable) and table.entity.id == LAVROV
    frame = table.to_frame()
    row = frame[(frame["id"] == JAPAN_US) & (frame["relation"] == "criticizes")].iloc[0]
    assert (row["direction"], row["count"]) == ("out", 2)


def test_timeline(dg: Diplograph) -> None:
    timeline = dg.timeline("Lavrov")
    assert isinstance(timeline, Timeline) and timeline.entity.id == LAVROV
    frame = timeline.to_frame()
    assert frame["date"].dt.year.tolist() == [2019, 2021, 2022, 2022]
    assert frame["stance"].tolist() == ["criticizes", "supports", "criticizes", "criticizes"]
    assert set(frame["role"]) == {"speaker"}
    on_nato = dg.timeline("NATO").to_frame()
    assert on_nato["speaker"].tolist() == ["Maria Zakharova", "Sergey Lavrov"]
    assert set(on_nato["role"]) == {"target"}


def test_graph(dg: Diplograph) -> None:
    whole = dg.graph()
    assert whole.number_of_nodes() == 6 and whole.number_of_edges() == 5
    assert whole.edges[LAVROV, JAPAN_US, "criticizes"]["count"] == 2
    around = dg.graph(around="Japan-US alliance")
    assert set(around) == {LAVROV, JAPAN_US}
    assert set(dg.graph(around=JAPAN_US, depth=2)) == {
        LAVROV,
        JAPAN_US,
        "alliance:nato",
        "treaty:new-start",
    }


def test_plots(dg: Diplograph) -> None:
    graph_figure = dg.plot_stance_graph(around="Lavrov", title="Lavrov's stances")
    assert graph_figure.axes[0].get_title(loc="left") == "Lavrov's stances"
    assert plots.render(graph_figure, "png")[:4] == b"\x89PNG"
    timeline_figure = dg.plot_timeline("NATO")
    assert "NATO" in timeline_figure.axes[0].get_title(loc="left")


def test_local_and_remote_give_the_same_frames(local: Diplograph, remote: Diplograph) -> None:
    questions = [
        lambda c: c.statements().to_frame(),
        lambda c: c.statements(mention="United States", date_to="2021-12-31").to_frame(),
        lambda c: c.who("supports", "New START").to_frame(),
        lambda c: c.search("treaty").to_frame(),
        lambda c: c.neighbors("NATO").to_frame(),
        lambda c: c.timeline("Lavrov").to_frame(),
    ]
    for ask in questions:
        pd.testing.assert_frame_equal(ask(local), ask(remote))
    assert sorted(local.graph().edges(keys=True)) == sorted(remote.graph().edges(keys=True))


# ---------------------------------------------------------------------- local only, errors


def test_remote_cannot_export_or_ingest(remote: Diplograph, tmp_path: Path) -> None:
    with pytest.raises(ClientError, match="export works on a local store only"):
        remote.export("json", tmp_path / "graph.json")
    with pytest.raises(ClientError, match="ingest works on a local store only"):
        remote.ingest(tmp_path)


def test_local_export(local: Diplograph, tmp_path: Path) -> None:
    report = local.export("json", tmp_path / "graph.json")
    assert report.nodes == local.health().nodes
    assert report.relationships == local.health().relationships


def test_unreachable_service() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with (
        Diplograph.remote(url, timeout=2) as client,
        pytest.raises(ClientError, match="Cannot reach the diplograph service"),
    ):
        client.health()


def test_a_question_not_understood_is_the_same_error_both_ways(
    local: Diplograph, remote: Diplograph
) -> None:
    for question in ("What is the weather like?", "who criticized NATO since 2022-02-30?"):
        with pytest.raises(QuestionNotUnderstood) as in_process:
            local.ask(question)
        with pytest.raises(QuestionNotUnderstood) as over_http:
            remote.ask(question)
        assert str(over_http.value) == str(in_process.value)
        assert over_http.value.reason == in_process.value.reason
