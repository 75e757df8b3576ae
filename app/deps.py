"""FastAPI dependencies as `Annotated` aliases: settings, store, query service, NLP, cached
answers, API key.

One store per app, opened at its first use and closed at shutdown (see `main.lifespan`);
the spaCy pipeline is loaded at the first request that needs it, once per app.

The cheap dependencies are `async def`: FastAPI runs each plain `def` dependency in its
thread pool, and the five hops a read request made cost about 0.4 ms (bench/RESULTS.md).
Only what waits on the store or loads a model goes there: the routes, and a store's or
pipeline's first opening.

The read routes' dependencies (store, query service, cached answers) take the request and
read the app's resources and settings from it themselves, and a read route takes only its
cached answers, which carry the query service: FastAPI solves every node of a dependency
tree on every request, shared ones included, and /who's tree of 11 nodes cost 0.3 ms, as
much as its answer at 100k statements (bench/RESULTS.md); it has 4 now.
"""

import secrets
import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader
from spacy.language import Language

from app.answer_cache import AnswerCache
from app.config import Settings, get_settings
from app.query import QueryService
from app.responses import CachedAnswers
from stores import GraphStore, open_store

API_KEY_HEADER = "X-API-Key"
INVALID_API_KEY = "Missing or invalid API key"


class AppResources:
    """What an app shares between requests: its store and its NLP pipeline, both lazy."""

    def __init__(self) -> None:
        self._store_lock = threading.Lock()
        self._nlp_lock = threading.Lock()
        self._store: GraphStore | None = None
        self._nlp: Language | None = None
        self._answers: AnswerCache | None = None
        # Ingests go one at a time: the embedded store has one writer, and spaCy pipelines
        # are not documented as safe to share between threads.
        self.write_lock = threading.Lock()

    def store(self, settings: Settings) -> GraphStore:
        """The app's store; opened now if this is its first use (a failed open is retried)."""
        with self._store_lock:
            if self._store is None:
                self._store = open_store(
                    settings.store, data_dir=settings.data_dir, **settings.neo4j_options()
                )
            return self._store

    def opened_store(self) -> GraphStore | None:
        """The store if a request has opened it yet, else None."""
        return self._store

    def answers(self, settings: Settings) -> AnswerCache:
        """The app's cache of recent answers, made on first use from the settings."""
        with self._store_lock:
            if self._answers is None:
                self._answers = AnswerCache(
                    settings.answer_cache_seconds, settings.answer_cache_entries
                )
            return self._answers

    def made_answers(self) -> AnswerCache | None:
        """The cache of recent answers if a request has made it yet, else None."""
        return self._answers

    def nlp(self, settings: Settings) -> Language:
        """The spaCy pipeline on the first installed model of settings.spacy_models."""
        with self._nlp_lock:
            if self._nlp is None:
                from pipelines.nlp import load_pipeline  # spaCy models are heavy: on first use

                self._nlp = load_pipeline(tuple(settings.spacy_models))
            return self._nlp

    def close(self) -> None:
        """Close the store, if it was opened; a later request opens it again."""
        with self._store_lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()


async def get_resources(request: Request) -> AppResources:
    resources: AppResources = request.app.state.resources
    return resources


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was made with, else the environment's (see create_app)."""
    settings: Settings | None = request.app.state.settings
    return settings if settings is not None else get_settings()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
ResourcesDep = Annotated[AppResources, Depends(get_resources)]


async def get_store(request: Request) -> GraphStore:
    resources = await get_resources(request)
    store = resources.opened_store()
    if store is not None:
        return store
    # Opening connects to Neo4j or loads a whole graph file: not on the event loop.
    return await run_in_threadpool(resources.store, await get_app_settings(request))


StoreDep = Annotated[GraphStore, Depends(get_store)]


async def get_query_service(store: StoreDep) -> QueryService:
    return QueryService(store)


QueryDep = Annotated[QueryService, Depends(get_query_service)]


def get_nlp(resources: ResourcesDep, settings: SettingsDep) -> Language:
    # In the thread pool: the first use loads a model (seconds), and only ingests need it.
    return resources.nlp(settings)


NlpDep = Annotated[Language, Depends(get_nlp)]


async def get_cached_answers(request: Request, query: QueryDep) -> CachedAnswers:
    resources = await get_resources(request)
    return CachedAnswers(resources.answers(await get_app_settings(request)), request, query)


CachedDep = Annotated[CachedAnswers, Depends(get_cached_answers)]

_api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="Needed for writes when the server sets DIPLOGRAPH_API_KEY.",
)


async def require_api_key(
    settings: SettingsDep, supplied: Annotated[str | None, Security(_api_key_header)]
) -> None:
    """Let the request through if no key is configured or it carries the right one."""
    if settings.api_key is None:
        return
    expected = settings.api_key.get_secret_value().encode()
    if supplied is None or not secrets.compare_digest(supplied.encode(), expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=INVALID_API_KEY)


ApiKeyDep = Annotated[None, Depends(require_api_key)]
