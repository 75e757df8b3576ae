"""The ceiling for bench/queries.py's requests per second: a FastAPI app with one trivial
route, run by the same uvicorn and asked by the same client as the real API.

The route is a plain `def`, as diplograph's routes are, so it pays the same hop to the
worker's thread pool.
"""

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, bool]:
        return {"ok": True}

    return app
