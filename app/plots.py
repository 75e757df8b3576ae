"""Pictures of the graph: who took a stance on whom around an entity, and an entity's timeline.

What a picture shows is built first, from statements, then drawn:

    stance_graph(statements)               speaker -> target, one edge per stance taken
    stance_graph_around(id, statements_of) the same, within `depth` steps of one entity
    all_statements(query, **filters)       every statement QueryService finds, all pages
    statements_about(query, id)            a statements_of on a QueryService
    timeline_events(id, statements)        what an entity said, and what was said about it
    draw_stance_graph(graph, ...)          a matplotlib Figure
    draw_timeline(entity, events, ...)     a matplotlib Figure
    render(figure, "png" | "svg")          the picture's bytes

Figures are drawn on matplotlib's Agg canvas without pyplot, so nothing global changes
(a notebook keeps its own backend) and a server thread can draw. Drawing and rendering
hold one lock all the same: matplotlib shares its font and text caches between figures.
"""

import datetime as dt
import io
import math
import textwrap
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Literal, get_args

import networkx as nx
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from pydantic import BaseModel, Field

from app.query import MAX_LIMIT, QueryService
from graph_schema import Label, Stance
from stores.base import EntityLink, StatementRecord

ImageFormat = Literal["png", "svg"]
IMAGE_FORMATS: tuple[str, ...] = get_args(ImageFormat)
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}

MAX_DEPTH = 2
DEFAULT_MAX_NODES = 40
DEFAULT_MAX_ROWS = 25
DPI = 110

STANCE_COLORS = {Stance.CRITICIZES: "#d62728", Stance.SUPPORTS: "#2ca02c"}
NO_STANCE_COLOR = "#9e9e9e"
TYPE_COLORS = {
    Label.PERSON: "#4e79a7",
    Label.COUNTRY: "#f28e2b",
    Label.ORGANIZATION: "#76b7b2",
    Label.TREATY: "#b07aa1",
    Label.ALLIANCE: "#edc948",
}
_OTHER_TYPE_COLOR = "#bab0ac"
_LABEL_WIDTH = 18  # characters per line of a node's name

_LOCK = threading.RLock()


class TimelineEvent(BaseModel):
    """One stance taken by or on an entity (or, for its own statements, none) on a date."""

    date: dt.date | None = Field(description="The statement's date; None when undated.")
    statement_id: str
    speaker: EntityLink
    stance: Stance | None = Field(description="None: the statement takes no stance.")
    target: EntityLink | None = Field(description="What the stance is on; None with no stance.")
    role: Literal["speaker", "target"] = Field(
        description="'speaker': the entity said it; 'target': it was said about the entity."
    )
    quote: str
    outlets: list[str] = Field(default_factory=list, description="Outlets that reported it.")


# ---------------------------------------------------------------------- what is shown


def stance_graph(statements: Iterable[StatementRecord]) -> nx.MultiDiGraph:
    """Who took a stance on whom: entities as nodes, one speaker -> target edge per stance.

    Nodes carry `name` and `type` (an entity label); edges are keyed by the stance value
    and carry `stance`, `count` (statements), `statements` (their ids, newest first as
    given), `first_date` and `last_date` (ISO dates, or None when all are undated).
    """
    graph = nx.MultiDiGraph()
    seen: set[str] = set()
    for statement in statements:
        if statement.id in seen:
            continue
        seen.add(statement.id)
        speaker = statement.speaker
        _add_entity(graph, speaker)
        for relation in statement.relations:
            target = relation.target
            if target.id == speaker.id:
                continue
            _add_entity(graph, target)
            key = relation.stance.value
            if not graph.has_edge(speaker.id, target.id, key):
                graph.add_edge(
                    speaker.id,
                    target.id,
                    key=key,
                    stance=key,
                    count=0,
                    statements=[],
                    first_date=None,
                    last_date=None,
                )
            edge = graph.edges[speaker.id, target.id, key]
            if statement.id not in edge["statements"]:
                edge["statements"].append(statement.id)
                edge["count"] += 1
                if statement.date is not None:
                    day = statement.date.isoformat()
                    edge["first_date"] = min(edge["first_date"] or day, day)
                    edge["last_date"] = max(edge["last_date"] or day, day)
    return graph


def stance_graph_around(
    entity: EntityLink,
    statements_of: Callable[[str], Iterable[StatementRecord]],
    depth: int = 1,
) -> nx.MultiDiGraph:
    """The stance graph of the entities within `depth` stances of this one.

    statements_of(id) gives the statements an entity said or that take a stance on it.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    statements: dict[str, StatementRecord] = {}
    frontier, visited = {entity.id}, set[str]()
    graph = nx.MultiDiGraph()
    for _step in range(depth):
        for entity_id in sorted(frontier):
            for statement in statements_of(entity_id):
                statements.setdefault(statement.id, statement)
        visited |= frontier
        graph = stance_graph(statements.values())
        frontier = _reached(graph, frontier) - visited
    if entity.id not in graph:
        _add_entity(graph, entity)
    undirected = graph.to_undirected(as_view=True)
    keep = nx.ego_graph(undirected, entity.id, radius=depth)
    return nx.MultiDiGraph(graph.subgraph(keep))


def all_statements(query: QueryService, **filters: Any) -> list[StatementRecord]:
    """Every statement meeting QueryService.statements's filters, page after page."""
    found: list[StatementRecord] = []
    while True:
        page = query.statements(**filters, limit=MAX_LIMIT, offset=len(found))
        found.extend(page.data)
        if not page.data or len(found) >= page.count:
            return found


def statements_about(query: QueryService, entity_id: str) -> list[StatementRecord]:
    """Every statement the entity said or that takes a stance on it (a `statements_of`)."""
    return all_statements(query, speaker=entity_id) + all_statements(query, target=entity_id)


def timeline_events(entity_id: str, statements: Iterable[StatementRecord]) -> list[TimelineEvent]:
    """What the entity said (each stance, or the statement alone when it takes none) and the
    stances others took on it, by date (undated last)."""
    events: list[TimelineEvent] = []
    seen: set[str] = set()
    for statement in statements:
        if statement.id in seen:
            continue
        seen.add(statement.id)
        if statement.speaker.id == entity_id:
            events.extend(
                _event(statement, relation.stance, relation.target, "speaker")
                for relation in statement.relations
            )
            if not statement.relations:
                events.append(_event(statement, None, None, "speaker"))
        else:
            events.extend(
                _event(statement, relation.stance, relation.target, "target")
                for relation in statement.relations
                if relation.target.id == entity_id
            )
    events.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.statement_id))
    return events


def _event(
    statement: StatementRecord,
    stance: Stance | None,
    target: EntityLink | None,
    role: Literal["speaker", "target"],
) -> TimelineEvent:
    return TimelineEvent(
        date=statement.date,
        statement_id=statement.id,
        speaker=statement.speaker,
        stance=stance,
        target=target,
        role=role,
        quote=statement.quote,
        outlets=sorted({s.outlet for s in statement.sources if s.outlet}),
    )


def keep_largest(graph: nx.MultiDiGraph, center: str | None, max_nodes: int) -> nx.MultiDiGraph:
    """The graph cut to its max_nodes entities in the most statements (the center kept)."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    weight: Counter[str] = Counter()
    for start, end, data in graph.edges(data=True):
        weight[start] += data.get("count", 1)
        weight[end] += data.get("count", 1)
    ranked = sorted(graph, key=lambda n: (n != center, -weight[n], graph.nodes[n]["name"], n))
    return nx.MultiDiGraph(graph.subgraph(ranked[:max_nodes]))


# ---------------------------------------------------------------------- drawing


def draw_stance_graph(
    graph: nx.MultiDiGraph,
    *,
    center: EntityLink | None = None,
    title: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Figure:
    """Draw who took a stance on whom: arrows from speaker to target, coloured by stance,
    as wide as there are statements; nodes coloured by entity type, with both legends."""
    with _LOCK:
        total = graph.number_of_nodes()
        shown = keep_largest(graph, center.id if center else None, max_nodes)
        n = shown.number_of_nodes()
        side = 7.5 if n <= 12 else 9.5 if n <= 25 else 12.0
        figure = Figure(figsize=(side + 2.6, side), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        ax, legend_ax = figure.subplots(1, 2, width_ratios=[side, 2.6])
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="datalim")  # angles on screen are angles in pos
        legend_ax.set_axis_off()
        if title is None:
            title = f"Stances around {center.name}" if center else "Who took a stance on whom"
        statements = {s for _, _, d in shown.edges(data=True) for s in d.get("statements", ())}
        subtitle = f"{len(statements)} statements, {n} entities"
        if n < total:
            subtitle += f" (the {n} most involved of {total})"
        _titles(ax, title, subtitle)

        if shown.number_of_edges() == 0:
            name = center.name if center else "the graph"
            ax.text(
                0.5,
                0.5,
                f"No statement by or about {name} takes a stance",
                ha="center",
                va="center",
                fontsize=12,
                color="#555555",
                transform=ax.transAxes,
            )
        pos = _layout(shown, center.id if center else None)
        weight = Counter[str]()
        for start, end, data in shown.edges(data=True):
            weight[start] += data["count"]
            weight[end] += data["count"]
        nodes = list(shown)
        heaviest = max(weight.values(), default=1)
        sizes = [350 + 1150 * math.sqrt(weight[v] / heaviest) for v in nodes]
        size_of = dict(zip(nodes, sizes, strict=True))
        colors = [TYPE_COLORS.get(shown.nodes[v].get("type"), _OTHER_TYPE_COLOR) for v in nodes]
        edge_colors = ["#222222" if center and v == center.id else "white" for v in nodes]
        if nodes:
            nx.draw_networkx_nodes(
                shown,
                pos,
                nodelist=nodes,
                node_size=sizes,
                node_color=colors,
                edgecolors=edge_colors,
                linewidths=[2.5 if center and v == center.id else 1.0 for v in nodes],
                ax=ax,
            )
        _draw_stance_edges(shown, pos, size_of, ax, alpha=0.9 if len(shown.edges) <= 30 else 0.55)
        _draw_node_labels(shown, pos, size_of, ax)
        _stance_graph_legends(shown, legend_ax)
        ax.margins(x=0.3, y=0.22)  # room for the names around the outer nodes
        return figure


def draw_timeline(
    entity: EntityLink,
    events: list[TimelineEvent],
    *,
    title: str | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> Figure:
    """Draw an entity's stances over time: one row per entity it took a stance on (→) or
    that took one on it (←), a dot per date coloured by stance and sized by statements;
    its statements taking no stance on a row of their own."""
    with _LOCK:
        dated = [e for e in events if e.date is not None]
        undated = len(events) - len(dated)
        rows = _timeline_rows(entity, dated)
        all_rows = len(rows)
        if all_rows > max_rows:
            rows = rows[: max_rows - 1] + [r for r in rows if r[0] == "none"]
            rows = rows[:max_rows]
        height = max(3.6, 1.9 + 0.5 * len(rows))
        figure = Figure(figsize=(11, height), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        roles = {e.role for e in events if e.stance is not None}
        mixed = len(roles) > 1
        if title is None:
            by_on = "by and on" if mixed else "on" if roles == {"target"} else "by"
            title = f"Stances taken {by_on} {entity.name} over time"
        stances = sum(1 for e in events if e.stance is not None)
        subtitle = f"{stances} stances in {len({e.statement_id for e in events})} statements"
        if undated:
            subtitle += f"; {undated} undated not shown"
        if len(rows) < all_rows:
            subtitle += f"; the {len(rows)} busiest of {all_rows} rows"
        if mixed:
            subtitle += f"   (→ its stance on · ← a stance on {entity.name} by)"
        _titles(ax, title, subtitle)
        if not dated:
            ax.text(
                0.5,
                0.5,
                f"No dated statement by or about {entity.name}",
                ha="center",
                va="center",
                fontsize=12,
                color="#555555",
                transform=ax.transAxes,
            )
            ax.set_yticks([])
            ax.set_xticks([])
            return figure

        cells: Counter[tuple[str, dt.date, Stance | None]] = Counter()
        shown_rows = {key for key, _label in rows}
        for event in dated:
            key = _row_key(entity, event)
            if key in shown_rows:
                cells[key, event.date, event.stance] += 1  # type: ignore[index]
        both = {(r, d) for (r, d, s) in cells if (r, d, _other(s)) in cells and s is not None}
        row_index = {key: i for i, (key, _label) in enumerate(rows)}
        for (row, day, stance), count in sorted(cells.items(), key=lambda c: str(c[0])):
            y = float(row_index[row])
            if (row, day) in both:
                y += -0.16 if stance is Stance.CRITICIZES else 0.16
            x = date2num(day)
            color = STANCE_COLORS.get(stance, NO_STANCE_COLOR) if stance else NO_STANCE_COLOR
            ax.scatter(
                [x],
                [y],
                s=80 * count**0.8,
                color=color,
                edgecolors="white",
                linewidths=0.8,
                zorder=3,
                alpha=0.9,
            )
            if count > 1:
                ax.annotate(
                    f"{count}",
                    (x, y),
                    xytext=(9, 6),
                    textcoords="offset points",
                    fontsize=9,
                    color="#333333",
                )
        ax.set_yticks(range(len(rows)), [label for _key, label in rows], fontsize=10)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        for i in range(len(rows)):
            ax.axhline(i, color="#eeeeee", linewidth=0.8, zorder=1)
        days = sorted({e.date for e in dated if e.date is not None})
        span = max((days[-1] - days[0]).days, 1)
        pad = dt.timedelta(days=max(20, span // 12))
        ax.set_xlim(date2num(days[0] - pad), date2num(days[-1] + pad))
        locator = AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        # Months with their year: a timeline may start in the middle of one.
        formats = ["%Y", "%b %Y", "%d %b %Y", "%H:%M", "%H:%M", "%S.%f"]
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, formats=formats))
        ax.grid(axis="x", color="#eeeeee")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        handles = [
            Line2D([], [], marker="o", linestyle="", color=STANCE_COLORS[s], label=s.value)
            for s in Stance
        ]
        if any(e.stance is None for e in dated):
            handles.append(
                Line2D([], [], marker="o", linestyle="", color=NO_STANCE_COLOR, label="no stance")
            )
        ax.legend(
            handles=handles,
            title="stance (number: statements)",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
        return figure


def render(figure: Figure, fmt: ImageFormat = "png") -> bytes:
    """The figure as PNG or SVG bytes."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"Unknown image format {fmt!r}: use one of {', '.join(IMAGE_FORMATS)}")
    buffer = io.BytesIO()
    # No creation date and a fixed salt for element ids: the same figure gives the same SVG.
    metadata = {"Date": None} if fmt == "svg" else {}
    with _LOCK, rc_context({"svg.hashsalt": "diplograph"}):
        figure.savefig(buffer, format=fmt, dpi=DPI, facecolor="white", metadata=metadata)
    return buffer.getvalue()


# ---------------------------------------------------------------------- helpers


def _titles(ax: Any, title: str, subtitle: str) -> None:
    # Offsets in points, so the two lines sit the same way on a short or a tall figure.
    ax.set_title(title, fontsize=14, fontweight="bold", loc="left", pad=26)
    ax.annotate(
        subtitle,
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 9),
        textcoords="offset points",
        fontsize=10,
        color="#555555",
    )


def _add_entity(graph: nx.MultiDiGraph, entity: EntityLink) -> None:
    if entity.id not in graph:
        graph.add_node(entity.id, name=entity.name, type=entity.type.value)


def _reached(graph: nx.MultiDiGraph, ids: set[str]) -> set[str]:
    found: set[str] = set()
    for entity_id in ids:
        if entity_id in graph:
            found.update(graph.successors(entity_id), graph.predecessors(entity_id))
    return found


def _layout(graph: nx.MultiDiGraph, center: str | None) -> dict[str, tuple[float, float]]:
    nodes = list(graph)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    others = sorted((v for v in nodes if v != center), key=lambda v: graph.nodes[v]["name"])
    if center in graph and len(others) <= 14:
        pos = nx.shell_layout(graph, [[center], others])
    else:
        simple = nx.Graph(graph.to_undirected(as_view=True))
        fixed = [center] if center in graph else None
        start = {center: (0.0, 0.0)} if fixed else None
        pos = nx.spring_layout(
            simple, k=2.2 / math.sqrt(len(nodes)), pos=start, fixed=fixed, seed=7, iterations=200
        )
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def _draw_stance_edges(
    graph: nx.MultiDiGraph,
    pos: dict[str, tuple[float, float]],
    size_of: dict[str, float],
    ax: object,
    alpha: float,
) -> None:
    # Parallel edges (both stances on one target) bend apart; an edge and its reverse bend
    # to opposite sides by themselves.
    for start, end, key, data in graph.edges(keys=True, data=True):
        parallel = sorted(graph[start][end])
        rad = 0.08 + 0.22 * parallel.index(key)
        style = f"arc3,rad={rad:.2f}"
        stance = Stance(key)
        nx.draw_networkx_edges(
            graph,
            pos,
            edgelist=[(start, end, key)],
            width=2.0 + 1.5 * math.sqrt(data["count"] - 1),
            edge_color=STANCE_COLORS[stance],
            alpha=alpha,
            arrows=True,
            arrowstyle="-|>",
            arrowsize=18,
            connectionstyle=style,
            node_size=[size_of[start], size_of[end]],
            nodelist=[start, end],
            min_target_margin=4,
            ax=ax,
        )
        if data["count"] > 1:
            nx.draw_networkx_edge_labels(
                graph,
                pos,
                edge_labels={(start, end, key): f"{data['count']}"},
                connectionstyle=style,
                font_size=9,
                font_color=STANCE_COLORS[stance],
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
                rotate=False,
                ax=ax,
            )


def _draw_node_labels(
    graph: nx.MultiDiGraph,
    pos: dict[str, tuple[float, float]],
    size_of: dict[str, float],
    ax: object,
) -> None:
    # Each name goes on the side of its node that no edge leaves from, so no arrow ends
    # under a label: below the node when that side is free, else in the widest gap.
    for node, (x, y) in pos.items():
        name = textwrap.fill(str(graph.nodes[node].get("name", node)), _LABEL_WIDTH)
        angle = _free_side(node, graph, pos)
        dx, dy = math.cos(angle), math.sin(angle)
        distance = math.sqrt(size_of[node]) / 2 + 4  # the marker's radius, in points
        ax.annotate(  # type: ignore[attr-defined]
            name,
            (x, y),
            xytext=(dx * distance, dy * distance),
            textcoords="offset points",
            ha="left" if dx > 0.35 else "right" if dx < -0.35 else "center",
            va="bottom" if dy > 0.35 else "top" if dy < -0.35 else "center",
            fontsize=9.5,
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=5,
        )


def _free_side(node: str, graph: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]) -> float:
    """The direction (radians) from the node least in the way of its edges."""
    below = -math.pi / 2
    x, y = pos[node]
    others = set(graph.successors(node)) | set(graph.predecessors(node))
    angles = sorted(math.atan2(pos[o][1] - y, pos[o][0] - x) for o in others if o != node)
    if not angles:
        return below
    gaps = [
        (angles[(i + 1) % len(angles)] - a) % (2 * math.pi) or 2 * math.pi
        for i, a in enumerate(angles)
    ]
    widest = max(range(len(gaps)), key=gaps.__getitem__)
    start, width = angles[widest], gaps[widest]
    margin = math.radians(65)  # a name below is wide: keep edges well away from it
    if width > 2 * margin and margin <= (below - start) % (2 * math.pi) <= width - margin:
        return below
    return start + width / 2


def _stance_graph_legends(graph: nx.MultiDiGraph, ax: object) -> None:
    stance_handles = [
        Line2D([], [], color=STANCE_COLORS[s], linewidth=2.5, label=s.value) for s in Stance
    ]
    types = sorted({graph.nodes[v].get("type") for v in graph} - {None})
    type_handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            color=TYPE_COLORS.get(Label(t), _OTHER_TYPE_COLOR),
            label=t,
        )
        for t in types
    ]
    first = ax.legend(  # type: ignore[attr-defined]
        handles=stance_handles,
        title="stance (speaker → target)\nwidth, number: statements",
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        alignment="left",
    )
    ax.add_artist(first)  # type: ignore[attr-defined]
    if type_handles:
        ax.legend(  # type: ignore[attr-defined]
            handles=type_handles,
            title="entity type",
            loc="upper left",
            bbox_to_anchor=(0.0, 0.75),
            frameon=False,
            alignment="left",
        )


def _row_key(entity: EntityLink, event: TimelineEvent) -> str:
    if event.stance is None:
        return "none"
    if event.role == "speaker":
        return f"on:{event.target.id}" if event.target else "none"
    return f"by:{event.speaker.id}"


def _timeline_rows(entity: EntityLink, events: list[TimelineEvent]) -> list[tuple[str, str]]:
    """(row key, label) per row: most events first, statements without stance last."""
    counts: Counter[str] = Counter(_row_key(entity, e) for e in events)
    labels: dict[str, str] = {}
    for event in events:
        key = _row_key(entity, event)
        if key == "none":
            labels[key] = "(no stance)"
        elif event.role == "speaker" and event.target is not None:
            labels[key] = f"→ {textwrap.shorten(event.target.name, 40, placeholder='…')}"
        else:
            labels[key] = f"← {textwrap.shorten(event.speaker.name, 40, placeholder='…')}"
    ordered = sorted(
        (k for k in counts if k != "none"), key=lambda k: (-counts[k], labels[k].casefold())
    )
    if "none" in counts:
        ordered.append("none")
    return [(key, labels[key]) for key in ordered]


def _other(stance: Stance | None) -> Stance | None:
    if stance is Stance.CRITICIZES:
        return Stance.SUPPORTS
    if stance is Stance.SUPPORTS:
        return Stance.CRITICIZES
    return None
