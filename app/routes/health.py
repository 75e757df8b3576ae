"""GET /health: the store answers, and how much it holds (503 when it cannot be reached)."""

from fastapi import APIRouter

from app.deps import QueryDep
from app.schemas import HealthView

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthView)
def health(query: QueryDep) -> HealthView:
    return query.health()
