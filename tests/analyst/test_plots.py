"""Pictures: what the stance graph and the timeline hold, and that the images are real.

An image passes when it has the expected format and size, is mostly but not all white, has
many colours (text, nodes, edges), and shows the stance colours of the stances drawn. The
graph is tests/api/sample_graph.py (no NLP pipeline).
"""

import datetime as dt
import importlib.util
import io
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread
from starlette.exceptions import StarletteDeprecationWarning
from typer.testing import CliRunner

from app import plots
from app.cli import cli
from app.config import Settings, get_settings
from app.main import create_app
from app.query import QueryService
from graph_schema import Label, Stance
from stores import open_store
from stores.base import EntityLink, StatementRecord

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

LAVROV = EntityLink(id="person:sergey-lavrov", name="Sergey Lavrov", type=Label.PERSON)
JAPAN_US = EntityLink(id="alliance:japan-us", name="Japan-US alliance", type=Label.ALLIANCE)
NATO = EntityLink(id="alliance:nato", name="NATO", type=Label.ALLIANCE)
MIN_WIDTH, MIN_HEIGHT = 600, 300


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


@pytest.fixture(scope="module")
def query(sample_dir: Path) -> Iterator[QueryService]:
    store = open_store("embedded", data_dir=sample_dir)
    yield QueryService(store)
    store.close()


@pytest.fixture(scope="module")
def api(sample_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=sample_dir))) as client:
        yield client


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("DIPLOGRAPH_DATA_DIR", "DIPLOGRAPH_STORE"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def pixels(png: bytes) -> np.ndarray:
    """The PNG's RGB pixels (checks the format on the way)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    image = imread(io.BytesIO(png), format="png")
    return np.asarray(image[..., :3] * 255, dtype=np.uint8)


def check_picture(png: bytes, stances: set[Stance]) -> None:
    """Size, non-blank content, and the colour of each stance drawn."""
    image = pixels(png)
    height, width, _ = image.shape
    assert width >= MIN_WIDTH and height >= MIN_HEIGHT, (width, height)
    white = np.all(image >= 250, axis=-1)
    inked = 1 - white.mean()
    assert 0.01 < inked < 0.6, f"{inked:.1%} of the pixels are not white"
    colours = np.unique(image.reshape(-1, 3), axis=0)
    assert len(colours) > 50, f"only {len(colours)} colours: blank or a flat fill"
    for stance in stances:
        assert has_colour(image, plots.STANCE_COLORS[stance]), f"no {stance.value} colour"


def has_colour(image: np.ndarray, hex_colour: str, tolerance: int = 12) -> bool:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    close = np.all(np.abs(image.astype(int) - rgb) <= tolerance, axis=-1)
    return int(close.sum()) >= 20


# ---------------------------------------------------------------------- what is shown


def test_stance_graph_has_one_edge_per_speaker_target_and_stance(query: QueryService) -> None:
    graph = plots.stance_graph(plots.all_statements(query))
    edge = graph.edges[LAVROV.id, JAPAN_US.id, "criticizes"]
    assert edge["count"] == 2
    assert (edge["first_date"], edge["last_date"]) == ("2019-02-21", "2022-01-14")
    assert sorted(edge["statements"]) == ["st:lavrov-2019", "st:lavrov-2022"]
    assert graph.nodes[LAVROV.id] == {"name": "Sergey Lavrov", "type": "Person"}
    supports = [(u, v) for u, v, k in graph.edges(keys=True) if k == "supports"]
    assert sorted(supports) == [
        (LAVROV.id, "treaty:new-start"),
        ("person:wang-yi", "treaty:new-start"),
    ]


def test_stance_graph_around_an_entity_goes_as_deep_as_asked(query: QueryService) -> None:
    def statements_of(entity_id: str) -> list[StatementRecord]:
        return plots.statements_about(query, entity_id)

    near = plots.stance_graph_around(JAPAN_US, statements_of, depth=1)
    assert set(near) == {JAPAN_US.id, LAVROV.id}
    deeper = plots.stance_graph_around(JAPAN_US, statements_of, depth=2)
    assert set(deeper) == {JAPAN_US.id, LAVROV.id, NATO.id, "treaty:new-start"}
    with pytest.raises(ValueError, match="depth"):
        plots.stance_graph_around(JAPAN_US, statements_of, depth=3)


def test_an_entity_without_stances_is_a_graph_of_itself(query: QueryService) -> None:
    japan = EntityLink(id="country:JPN", name="Japan", type=Label.COUNTRY)
    graph = plots.stance_graph_around(japan, lambda i: plots.statements_about(query, i))
    assert list(graph) == [japan.id] and graph.number_of_edges() == 0


def test_timeline_lists_stances_by_and_on_the_entity(query: QueryService) -> None:
    by_lavrov = plots.timeline_events(LAVROV.id, plots.statements_about(query, LAVROV.id))
    assert [(e.date, e.stance, e.target.id if e.target else None) for e in by_lavrov] == [
        (dt.date(2019, 2, 21), Stance.CRITICIZES, JAPAN_US.id),
        (dt.date(2021, 2, 4), Stance.SUPPORTS, "treaty:new-start"),
        (dt.date(2022, 1, 14), Stance.CRITICIZES, JAPAN_US.id),
        (dt.date(2022, 1, 14), Stance.CRITICIZES, NATO.id),
    ]
    assert {e.role for e in by_lavrov} == {"speaker"}
    on_nato = plots.timeline_events(NATO.id, plots.statements_about(query, NATO.id))
    assert [(e.speaker.name, e.role) for e in on_nato] == [
        ("Maria Zakharova", "target"),
        ("Sergey Lavrov", "target"),
    ]


def test_statements_without_a_stance_are_on_the_timeline_without_one() -> None:
    said = StatementRecord(
        id="st:1", speaker=LAVROV, date=dt.date(2020, 1, 1), quote="Hello.", kind="direct"
    )
    (event,) = plots.timeline_events(LAVROV.id, [said, said])
    assert event.stance is None and event.target is None and event.role == "speaker"


def test_keep_largest_keeps_the_center_and_the_busiest(query: QueryService) -> None:
    graph = plots.stance_graph(plots.all_statements(query))
    kept = plots.keep_largest(graph, "person:wang-yi", 2)
    assert set(kept) == {"person:wang-yi", LAVROV.id}


# ---------------------------------------------------------------------- pictures


def test_stance_graph_picture(query: QueryService) -> None:
    graph = plots.stance_graph_around(LAVROV, lambda i: plots.statements_about(query, i))
    figure = plots.draw_stance_graph(graph, center=LAVROV)
    check_picture(plots.render(figure, "png"), {Stance.CRITICIZES, Stance.SUPPORTS})


def test_whole_graph_picture_cut_to_max_nodes(query: QueryService) -> None:
    graph = plots.stance_graph(plots.all_statements(query))
    figure = plots.draw_stance_graph(graph, max_nodes=3)
    check_picture(plots.render(figure, "png"), {Stance.CRITICIZES})
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert any("3 most involved of 6" in t for t in texts), texts


def test_timeline_picture(query: QueryService) -> None:
    events = plots.timeline_events(LAVROV.id, plots.statements_about(query, LAVROV.id))
    figure = plots.draw_timeline(LAVROV, events)
    check_picture(plots.render(figure, "png"), {Stance.CRITICIZES, Stance.SUPPORTS})


def test_empty_pictures_still_say_something() -> None:
    lonely = EntityLink(id="person:nobody", name="Nobody", type=Label.PERSON)
    for figure in (
        plots.draw_stance_graph(plots.stance_graph([]), center=lonely),
        plots.draw_timeline(lonely, []),
    ):
        image = pixels(plots.render(figure, "png"))
        assert 1 - np.all(image >= 250, axis=-1).mean() > 0.002, "an empty picture is blank"


def test_svg_is_an_svg_document(query: QueryService) -> None:
    graph = plots.stance_graph_around(LAVROV, lambda i: plots.statements_about(query, i))
    svg = plots.render(plots.draw_stance_graph(graph, center=LAVROV), "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.attrib["width"].removesuffix("pt")) >= MIN_WIDTH * 0.6
    assert svg == plots.render(plots.draw_stance_graph(graph, center=LAVROV), "svg")


def test_render_refuses_other_formats() -> None:
    with pytest.raises(ValueError, match="png, svg"):
        plots.render(plots.draw_stance_graph(plots.stance_graph([])), "jpg")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- API


@pytest.mark.parametrize("picture", ["stance-graph", "timeline"])
def test_api_serves_png_and_svg(api: TestClient, picture: str) -> None:
    png = api.get(f"/entities/{LAVROV.id}/{picture}.png")
    assert png.status_code == 200, png.text
    assert png.headers["content-type"] == "image/png"
    check_picture(png.content, {Stance.CRITICIZES, Stance.SUPPORTS})
    svg = api.get(f"/entities/{LAVROV.id}/{picture}.svg")
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(svg.content).tag.endswith("svg")


def test_api_stance_graph_depth(api: TestClient) -> None:
    deeper = api.get(f"/entities/{JAPAN_US.id}/stance-graph.png", params={"depth": 2})
    assert deeper.status_code == 200
    check_picture(deeper.content, {Stance.CRITICIZES, Stance.SUPPORTS})
    assert api.get(f"/entities/{JAPAN_US.id}/stance-graph.png?depth=3").status_code == 422


def test_api_picture_errors(api: TestClient) -> None:
    missing = api.get("/entities/person:nobody/timeline.png")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No entity with id 'person:nobody'"}
    assert api.get(f"/entities/{LAVROV.id}/timeline.jpg").status_code == 422


def test_pictures_are_in_the_openapi_document(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for picture in ("stance-graph", "timeline"):
        content = paths[f"/entities/{{entity_id}}/{picture}.{{fmt}}"]["get"]["responses"]["200"]
        assert set(content["content"]) >= {"image/png", "image/svg+xml"}


# ---------------------------------------------------------------------- CLI


@pytest.mark.usefixtures("clean_environment")
def test_cli_plot_writes_pictures(sample_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    graph_png = tmp_path / "out" / "lavrov.png"
    result = runner.invoke(
        cli, ["--data-dir", str(sample_dir), "plot", "stance-graph", "Lavrov", "-o", str(graph_png)]
    )
    assert result.exit_code == 0, result.output
    assert "stance graph around Sergey Lavrov" in result.stdout
    check_picture(graph_png.read_bytes(), {Stance.CRITICIZES, Stance.SUPPORTS})

    timeline_svg = tmp_path / "nato.svg"
    result = runner.invoke(
        cli, ["--data-dir", str(sample_dir), "plot", "timeline", "NATO", "-o", str(timeline_svg)]
    )
    assert result.exit_code == 0, result.output
    assert ET.fromstring(timeline_svg.read_bytes()).tag.endswith("svg")

    whole = tmp_path / "all.png"
    result = runner.invoke(
        cli, ["--data-dir", str(sample_dir), "plot", "stance-graph", "-o", str(whole)]
    )
    assert result.exit_code == 0, result.output
    check_picture(whole.read_bytes(), {Stance.CRITICIZES, Stance.SUPPORTS})


@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["timeline", "-o", "x.png"], 2, "A timeline needs an entity"),
        (["timeline", "Lavrov", "-o", "x.jpg"], 2, "--output must end in .png or .svg"),
        (["timeline", "Nobody Atall", "-o", "x.png"], 1, "No entity named 'Nobody Atall'"),
    ],
)
def test_cli_plot_errors(
    sample_dir: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = CliRunner().invoke(cli, ["--data-dir", str(sample_dir), "plot", *args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
