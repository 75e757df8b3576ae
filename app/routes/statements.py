"""GET /statements: statements filtered by speaker, target, stance, mention, dates, outlet."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.deps import CachedDep
from app.query import MAX_LIMIT
from app.schemas import StatementsPage
from graph_schema import Stance

router = APIRouter(tags=["statements"])

NameParam = Annotated[str | None, Query(description="A name, an alias or an entity id.")]


@router.get("/statements", response_model=StatementsPage)
async def list_statements(
    cached: CachedDep,
    speaker: NameParam = None,
    target: Annotated[
        str | None, Query(description="Taken a stance on (of `stance`, if given): name or id.")
    ] = None,
    stance: Stance | None = None,
    mention: Annotated[
        str | None, Query(description="Mentioned or targeted: a name, an alias or an id.")
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(description="On or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(description="Reported by this outlet.")] = None,
    with_officials: Annotated[
        bool,
        Query(
            description="A country as `speaker` stands also for those who speak for it "
            "(its ministers, spokespeople and ministries)."
        ),
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Statements newest first, each with its speaker, stances, mentions and sources, and the
    date span of all the statements that match."""
    return await cached(
        lambda query: query.statements(
            speaker=speaker,
            target=target,
            stance=stance,
            mention=mention,
            date_from=date_from,
            date_to=date_to,
            outlet=outlet,
            with_officials=with_officials,
            limit=limit,
            offset=offset,
        )
    )
