"""The FastAPI application: `create_app()` builds it (`uvicorn app.main:create_app --factory`).

There is deliberately no module-level `app`: building one at import would fix its settings
before a test or the CLI could choose them.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI

from app.config import Settings
from app.deps import AppResources
from app.errors import register_error_handlers
from app.responses import CachedAnswerShortcut
from app.routes import ROUTERS
from app.routes import plots as plot_routes

DESCRIPTION = (
    "A knowledge graph of diplomatic statements built from news: who said what about whom, "
    "with the quote and every outlet that reported it."
)


def _version() -> str:
    try:
        return version("diplograph")
    except PackageNotFoundError:
        return "0.0.0"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Nothing opens at startup (the store opens at first use); the store closes at shutdown."""
    try:
        yield
    finally:
        app.state.resources.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API, reading `settings` if given, else the environment (through get_settings)."""
    app = FastAPI(
        title="diplograph",
        version=_version(),
        description=DESCRIPTION,
        docs_url="/docs",
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.resources = resources = AppResources()
    app.state.settings = settings  # None: the environment's, read at the first request
    app.add_middleware(CachedAnswerShortcut, cache=resources.made_answers)
    register_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(plot_routes.router)
    return app
