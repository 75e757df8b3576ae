"""JSON responses written straight from a pydantic model, and cached answers.

FastAPI validates a route's return value against its response_model again and encodes it
in Python; pydantic's own model_dump_json does the same encoding in Rust, about 5 times
faster for a page of statements (bench/queries.py). The big read routes return these and
keep `response_model=` for the OpenAPI schema.
"""

from collections.abc import Callable

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from app.answer_cache import AnswerCache, answer_key
from app.query import QueryService
from stores.base import Busy

JSON = "application/json"
# Where CachedAnswerShortcut leaves a request's cache key in its ASGI scope.
ANSWER_KEY = "diplograph.answer_key"


class ModelResponse(Response):
    """A 200 response whose JSON body is the model, as model_dump_json writes it."""

    media_type = JSON

    def __init__(self, model: BaseModel) -> None:
        super().__init__(content=model.model_dump_json())


class CachedAnswers:
    """One request's answer, from the app's AnswerCache while fresh (see answer_cache.py).

    The answer is built where the store says it can be: at once on the event loop when it
    answers from memory and no write holds it (the embedded store), else in a worker thread
    (Neo4j, whose reads wait on the network; see GraphStore.read_now)."""

    def __init__(self, cache: AnswerCache, request: Request, query: QueryService) -> None:
        self._cache = cache
        scope = request.scope
        self._key = scope.get(ANSWER_KEY) or answer_key(scope["path"], scope["query_string"])
        self._query = query

    async def __call__(self, answer: Callable[[QueryService], BaseModel]) -> Response:
        """The answer `answer(query)` builds from the app's query service, as JSON."""

        def build() -> bytes:
            return self._cache.get_or_build(
                self._key, lambda: answer(self._query).model_dump_json().encode()
            )

        body = self._query.store.read_now(build)
        if isinstance(body, Busy):
            body = await run_in_threadpool(build)
        return Response(content=body, media_type=JSON)


class CachedAnswerShortcut:
    """ASGI middleware: a GET whose answer is fresh in the cache gets it before routing.

    Routing, dependency injection and parameter validation cost about three times what
    sending a cached answer does (bench/queries.py); only answers a route stored through
    CachedAnswers are in the cache, so a request found there was valid when it was asked.
    Everything else, and every request before the cache is made, goes on to the app.
    """

    def __init__(self, app: ASGIApp, cache: Callable[[], AnswerCache | None]) -> None:
        self.app = app
        self._cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = self._cache() if scope["type"] == "http" and scope["method"] == "GET" else None
        body = None
        if cache is not None:
            # The key is kept for the route, which would otherwise parse the query again.
            key = scope[ANSWER_KEY] = answer_key(scope["path"], scope["query_string"])
            body = cache.get(key)
        if body is None:
            await self.app(scope, receive, send)
            return
        headers = [(b"content-type", JSON.encode()), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
