"""The API's dependencies: cheap ones stay on the event loop, opening a store does not."""

import asyncio
import threading
from pathlib import Path
from types import SimpleNamespace

from starlette.requests import Request

from app.config import Settings
from app.deps import AppResources, get_store


class CountingResources(AppResources):
    """AppResources that record the thread each store opening ran in."""

    def __init__(self) -> None:
        super().__init__()
        self.opened_in: list[threading.Thread] = []

    def store(self, settings: Settings):  # type: ignore[no-untyped-def]
        self.opened_in.append(threading.current_thread())
        return super().store(settings)


def test_the_first_store_opening_runs_off_the_event_loop(tmp_path: Path) -> None:
    resources = CountingResources()
    app = SimpleNamespace(
        state=SimpleNamespace(resources=resources, settings=Settings(data_dir=tmp_path))
    )
    request = Request({"type": "http", "app": app})

    async def first_then_second():  # type: ignore[no-untyped-def]
        loop_thread = threading.current_thread()
        first = await get_store(request)
        second = await get_store(request)
        return loop_thread, first, second

    try:
        loop_thread, first, second = asyncio.run(first_then_second())
        # Opened once, in a worker thread; the second request got the open store at once.
        assert len(resources.opened_in) == 1
        assert resources.opened_in[0] is not loop_thread
        assert second is first
        assert resources.opened_store() is first
    finally:
        resources.close()
