"""GET /who: who criticized (or supported) a target."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.deps import CachedDep
from app.query import MAX_LIMIT, MAX_STATEMENTS_PER_SPEAKER, STATEMENTS_PER_SPEAKER
from app.schemas import WhoAnswer
from graph_schema import Stance

router = APIRouter(tags=["statements"])


@router.get("/who", response_model=WhoAnswer)
async def who(
    cached: CachedDep,
    target: Annotated[str, Query(min_length=1, description="A name, an alias or an id.")],
    stance: Annotated[
        Stance | None,
        Query(description="The stance taken; leave it out for who mentioned the target."),
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(description="On or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Speakers per page.")] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    statements_per_speaker: Annotated[
        int,
        Query(
            ge=0,
            le=MAX_STATEMENTS_PER_SPEAKER,
            description="How many of each speaker's statements to show, newest first.",
        ),
    ] = STATEMENTS_PER_SPEAKER,
) -> Response:
    """Speakers who took the stance on the target (without a stance: who mentioned it), most
    statements first, with evidence: each speaker's newest statements (GET
    /statements?speaker=…&target=… has the rest)."""
    return await cached(
        lambda query: query.who(
            stance=stance,
            target=target,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
            statements_per_speaker=statements_per_speaker,
        )
    )
