"""Render jobs in local worker processes (``--jobs N``), reporting frames as they are written."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from .jobs import Job, JobResult, run_job

__all__ = ["run_local"]

_QUEUE: Any = None


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the command that forked it dies (a killed ``maniml
    render`` would otherwise leave its workers rendering, orphaned). Elsewhere: nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request: nobody is waiting
        os._exit(1)


def _init(queue: Any) -> None:
    global _QUEUE
    _die_with_parent()
    _QUEUE = queue


def _report(name: str, done: int, total: int) -> None:
    if _QUEUE is not None:
        _QUEUE.put((name, done, total))


def _run(job: Job) -> JobResult:
    result = run_job(job, _report)
    result.detail = result.detail[-4000:]
    return result


def run_local(
    jobs: list[Job], n_workers: int, on_progress: Callable[[str, int, int], None] | None = None
) -> Iterator[JobResult]:
    """Run ``jobs`` on ``n_workers`` processes (forked: the scene modules the parent imported
    are inherited); yield the results as they complete."""  # fmt: skip
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    n = max(1, min(n_workers, len(jobs)))
    with ProcessPoolExecutor(n, mp_context=ctx, initializer=_init, initargs=(queue,)) as pool:
        futures = [pool.submit(_run, j) for j in jobs]  # workers fork here, before any thread

        def listen() -> None:
            while (item := queue.get()) is not None:
                if on_progress is not None:
                    on_progress(*item)

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            queue.put(None)
            listener.join(timeout=5)
