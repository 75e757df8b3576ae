"""JSON responses written straight from a pydantic model, and cached answers.

FastAPI validates a route's return value against its response_model again and encodes it
in Python; pydantic's own model_dump_json does the same encoding in Rust, about 5 times
faster for a page of statements (bench/queries.py). The big read routes return these and
keep `response_model=` for the OpenAPI schema.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.answer_cache import AnswerCache


class ModelResponse(Response):
    """A 200 response whose JSON body is the model, as model_dump_json writes it."""

    media_type = "application/json"

    def __init__(self, model: BaseModel) -> None:
        super().__init__(content=model.model_dump_json())


class CachedAnswers:
    """One request's answer, from the app's AnswerCache while fresh (see answer_cache.py).

    The key is the path and the query parameters in a fixed order, so that the same
    question asked with its parameters in another order is the same answer.
    """

    def __init__(self, cache: AnswerCache, request: Request) -> None:
        self._cache = cache
        params = sorted(request.query_params.multi_items())
        self._key = f"{request.url.path}?{urlencode(params)}"

    def __call__(self, answer: Callable[[], BaseModel]) -> Response:
        body = self._cache.get_or_build(self._key, lambda: answer().model_dump_json().encode())
        return Response(content=body, media_type="application/json")
