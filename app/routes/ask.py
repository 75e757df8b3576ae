"""GET /ask: a question in plain English, answered from the graph (rules, no LLM)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.ask import DEFAULT_ASK_LIMIT, AskAnswer, answer_question
from app.deps import CachedDep
from app.query import MAX_LIMIT
from app.questions import MAX_QUESTION_CHARS, QUESTION_FORMS

router = APIRouter(tags=["ask"])

_FORMS = "\n".join(f"- {form}" for form in QUESTION_FORMS)


@router.get(
    "/ask",
    response_model=AskAnswer,
    description=f"Answer a question asked in one of these forms:\n\n{_FORMS}\n\n"
    "A question in no such form gets 422 with the list of forms.",
)
async def ask(
    cached: CachedDep,
    q: Annotated[str, Query(max_length=MAX_QUESTION_CHARS, description="The question.")],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_ASK_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    return await cached(lambda query: answer_question(query, q, limit=limit, offset=offset))
