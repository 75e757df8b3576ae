"""GET /entities/{id}/stance-graph.{png|svg} and /entities/{id}/timeline.{png|svg}: pictures.

The pictures app/plots.py draws (the same the CLI's `diplograph plot` and the notebook
client draw), rendered in the format the path names.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from app import plots
from app.deps import QueryDep
from app.query import QueryService
from stores.base import EntityLink

router = APIRouter(prefix="/entities", tags=["pictures"])

EntityId = Annotated[str, Path(description='An entity id, e.g. "country:RUS".')]
ImageFormat = Annotated[plots.ImageFormat, Path(description="png or svg.")]
_IMAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {} for media in plots.MEDIA_TYPES.values()},
        "description": "The picture, in the format the path names.",
    }
}


@router.get("/{entity_id}/stance-graph.{fmt}", response_class=Response, responses=_IMAGE_RESPONSES)
def stance_graph(
    query: QueryDep,
    entity_id: EntityId,
    fmt: ImageFormat,
    depth: Annotated[
        int, Query(ge=1, le=plots.MAX_DEPTH, description="How many stances away to go.")
    ] = 1,
    max_nodes: Annotated[
        int, Query(ge=2, le=200, description="The most entities drawn (most involved first).")
    ] = plots.DEFAULT_MAX_NODES,
) -> Response:
    """Who took a stance on whom around the entity: arrows coloured by stance."""
    center = _link(query, entity_id)
    graph = plots.stance_graph_around(center, lambda i: plots.statements_about(query, i), depth)
    figure = plots.draw_stance_graph(graph, center=center, max_nodes=max_nodes)
    return Response(plots.render(figure, fmt), media_type=plots.MEDIA_TYPES[fmt])


@router.get("/{entity_id}/timeline.{fmt}", response_class=Response, responses=_IMAGE_RESPONSES)
def timeline(query: QueryDep, entity_id: EntityId, fmt: ImageFormat) -> Response:
    """The entity's stances, and those taken on it, over time."""
    entity = _link(query, entity_id)
    events = plots.timeline_events(entity.id, plots.statements_about(query, entity.id))
    figure = plots.draw_timeline(entity, events)
    return Response(plots.render(figure, fmt), media_type=plots.MEDIA_TYPES[fmt])


def _link(query: QueryService, entity_id: str) -> EntityLink:
    entity = query.entity(entity_id)  # NotFound: 404
    return EntityLink(id=entity.id, name=entity.name, type=entity.type)
