"""GET /entities (search), /entities/{id}, /entities/{id}/neighbors.

Entity ids contain a colon ("country:RUS"), which a path segment allows as it is or
percent-encoded (%3A).
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import QueryDep
from app.query import MAX_LIMIT
from app.schemas import NeighborsView, Paged
from graph_schema import Label
from stores.base import EntityRecord

router = APIRouter(prefix="/entities", tags=["entities"])

EntityId = Annotated[str, Path(description='An entity id, e.g. "country:RUS".')]


@router.get("", response_model=Paged[EntityRecord])
def search_entities(
    query: QueryDep,
    q: Annotated[str | None, Query(description="Part of a name or an alias.")] = None,
    type: Annotated[Label | None, Query(description="Only entities of this type.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Paged[EntityRecord]:
    """Entities whose name or an alias matches q, best first (all entities without q)."""
    return query.search_entities(q, type, limit, offset)


@router.get("/{entity_id}", response_model=EntityRecord)
def get_entity(query: QueryDep, entity_id: EntityId) -> EntityRecord:
    """One entity by id."""
    return query.entity(entity_id)


@router.get("/{entity_id}/neighbors", response_model=NeighborsView)
def get_neighbors(
    query: QueryDep,
    entity_id: EntityId,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> NeighborsView:
    """Entities linked to this one through statements or structure, most frequent first."""
    return query.neighbors(entity_id, limit)
