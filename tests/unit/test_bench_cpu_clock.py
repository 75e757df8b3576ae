"""bench/common.py CpuClock: the CPU a block cost another process and this one.

Accounting only (which process is charged, what cannot be read); no timings are asserted.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import CpuClock, process_cpu_seconds  # noqa: E402


def _burn(cpu_seconds: float) -> None:
    start = time.process_time()
    while time.process_time() - start < cpu_seconds:
        pass


def test_the_watched_process_is_charged_what_it_spent() -> None:
    # Watching this very process: both sides see the same work.
    with CpuClock(os.getpid()) as clock:
        _burn(0.3)
    assert clock.client_s >= 0.3
    assert clock.server_s is not None
    assert clock.server_s >= 0.2  # /proc counts in clock ticks (10 ms)


def test_an_idle_watched_process_is_charged_nothing_of_ours() -> None:
    with CpuClock(os.getppid()) as clock:
        _burn(0.3)
    assert clock.client_s >= 0.3
    assert clock.server_s is not None
    assert clock.server_s < clock.client_s


def test_no_process_or_a_gone_one_reads_as_unknown() -> None:
    with CpuClock(None) as clock:
        pass
    assert clock.server_s is None
    assert process_cpu_seconds(2**22 + 12345) is None  # above Linux's pid_max
