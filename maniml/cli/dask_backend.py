"""Render jobs on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Imported only when ``--scheduler`` is given; needs ``pip install "maniml[distributed]"``. Each
job ships the scene file's source; a worker renders the file at its path when it sees the same
file there, and otherwise a copy of the shipped source (files the scene reads itself, e.g. a CSV
beside it, must then exist at the same path on the worker). Workers send the video back in the
result: they need maniml installed, not the client's disk.

:func:`connect_early` connects in a background thread as soon as the command starts and has
every worker import manim and maniml's scenes (:func:`warm_worker`) while the client is still
finding and planning the scenes, so cold workers do not import on their first task. Jobs are
submitted with their estimated frames as priority (the longest first, as the local pool).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

from .jobs import Job, JobResult, run_job

__all__ = [
    "SchedulerUnreachable",
    "close_early",
    "connect",
    "connect_early",
    "run_dask",
    "warm_worker",
]


class SchedulerUnreachable(RuntimeError):
    pass


def connect(address: str, timeout: float = 10.0) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``; :class:`SchedulerUnreachable`
    (naming ``--scheduler``) when Dask is missing or the scheduler does not answer in
    ``timeout`` seconds."""  # fmt: skip
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerUnreachable(
            '--scheduler needs Dask distributed: pip install "maniml[distributed]"'
        ) from None
    try:
        return Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as exc:
        raise SchedulerUnreachable(
            f"--scheduler {address}: cannot reach the Dask scheduler within {timeout:g} s ({exc})"
        ) from None


def warm_worker() -> float:
    """Import manim and maniml's scenes in this worker (what a first render would); the
    seconds it took (0 when already imported)."""  # fmt: skip
    import time

    t0 = time.perf_counter()
    import manim  # noqa: F401

    import maniml.scenes  # noqa: F401

    return time.perf_counter() - t0


def _connect_and_warm(address: str, timeout: float) -> Any:
    client = connect(address, timeout)
    try:
        client.run(warm_worker)
    except Exception:  # a worker that cannot warm up still gets (and reports) its jobs
        pass
    return client


def connect_early(address: str, timeout: float = 10.0) -> Future:
    """Start :func:`connect` and the workers' warm-up in a background (daemon) thread: the
    command can still stop at once on bad input. The future's result is the client (or
    raises :class:`SchedulerUnreachable`)."""  # fmt: skip
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(_connect_and_warm(address, timeout))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=work, name="maniml-dask-connect", daemon=True).start()
    return future


def close_early(future: Future) -> None:
    """Close the client of :func:`connect_early` if it is connected (nothing to render)."""
    if future.done() and future.exception() is None:
        future.result().close()


def run_dask(
    jobs: list[Job],
    address: str,
    timeout: float = 10.0,
    on_progress: Callable[[str, int, int], None] | None = None,
    client: Future | Any | None = None,
) -> Iterator[JobResult]:
    """Run ``jobs`` on the cluster at ``address`` (or on ``client``, a client or the future of
    :func:`connect_early`), in the order given (``priority``: earlier first); yield results as
    they complete (outputs are still to be written by the caller from ``result.data``)."""  # fmt: skip
    from distributed import as_completed

    if isinstance(client, Future):
        client = client.result()
    if client is None:
        client = connect(address, timeout)
    sources: dict[str, str] = {}
    shipped = []
    for j in jobs:
        if j.file not in sources:
            sources[j.file] = Path(j.file).read_text()
        shipped.append(replace(j, source=sources[j.file], return_bytes=True, media_root=""))
    try:
        futures = [
            client.submit(run_job, j, pure=False, priority=len(shipped) - i)
            for i, j in enumerate(shipped)
        ]
        for fut in as_completed(futures):
            result = fut.result()
            fut.release()  # the worker drops the video now: it travels once
            yield result
    finally:
        client.close()
