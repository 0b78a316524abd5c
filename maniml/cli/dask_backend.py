"""Render jobs on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Imported only when ``--scheduler`` is given; needs ``pip install "maniml[distributed]"``. Each
job ships the scene file's source; a worker renders the file at its path when it sees the same
file there, and otherwise a copy of the shipped source (files the scene reads itself, e.g. a CSV
beside it, must then exist at the same path on the worker). Workers send the video back in the
result: they need maniml installed, not the client's disk.

:func:`connect_early` connects in a background thread as soon as the command starts and has
every worker import manim and maniml's scenes (:func:`warm_worker`) while the client is still
finding and planning the scenes, so cold workers do not import on their first task. Jobs are
submitted with their estimated frames as priority (the longest first, as the local pool), and
run with the worker's diagnostics-only callbacks slowed down (:func:`quiet_worker`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from .jobs import Job, JobResult, run_job

__all__ = [
    "SchedulerUnreachable",
    "close_early",
    "connect",
    "connect_early",
    "quiet_worker",
    "render_on_worker",
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


#: Milliseconds between the runs of a worker's diagnostics-only periodic callbacks while it
#: renders: the statistical profiler (``profile``, every 10 ms by default) and the event-loop
#: health check (``tick``, every 20 ms).
QUIET_MS = {"profile": 1000.0, "tick": 500.0}

_QUIET_LOCK = threading.Lock()
#: per worker (an in-process cluster holds several in one process): jobs running, saved periods
_QUIET: dict[int, tuple[int, dict[str, float]]] = {}


def _quiet(worker: Any, enter: bool) -> None:
    """Slow the callbacks of :data:`QUIET_MS` down (first job in) or restore them (last out)."""
    with _QUIET_LOCK:
        users, saved = _QUIET.get(id(worker), (0, {}))
        users += 1 if enter else -1
        if enter and users == 1:
            for name, ms in QUIET_MS.items():
                pc = worker.periodic_callbacks.get(name)
                if pc is not None:
                    saved[name] = pc.callback_time
                    pc.callback_time = max(pc.callback_time, ms)
        elif not enter and users == 0:
            for name, ms in saved.items():
                pc = worker.periodic_callbacks.get(name)
                if pc is not None:
                    pc.callback_time = ms
            _QUIET.pop(id(worker), None)
            return
        _QUIET[id(worker)] = (users, saved)


@contextmanager
def quiet_worker() -> Iterator[None]:
    """While the block runs on a Dask worker, run its profiler every second and its event-loop
    tick every half second (:data:`QUIET_MS`) instead of every 10 and 20 ms; restore them after.

    Each run wakes the worker's event loop, which takes the GIL from the render thread (150
    times a second), and the profiler then walks the render thread's deep stack (Dask's own
    ``profile-duration`` metric: 2 % of a job's CPU, 7 % in a worker's first job). Measured one
    job at a time, interleaved, on a shared 2-core machine (noise about 5 %): a job took 2-15 %
    more CPU on a Dask worker than on a local worker and 5-10 % more wall time; with both
    callbacks slowed, -2 to +5 % (3.65 s against 3.71 s per job in one run, 3.67 s against
    3.49 s in another), and the render thread's voluntary context switches near a local
    worker's (98-119 a second against 91-105; 150 with Dask's defaults). A
    child process of the worker per job is no cure: its copy-on-write pages cost 20 % more CPU.
    Only diagnostics slow down: the dashboard samples the task's profile every second and
    shows an event-loop interval of 0.5 s (the warning limit is 3 s); the memory monitor,
    heartbeats and everything else keep their pace. Outside a worker, or on a worker without
    such a callback (profiling disabled), nothing changes.
    """
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        yield
        return
    _quiet(worker, True)
    try:
        yield
    finally:
        _quiet(worker, False)


def render_on_worker(job: Job) -> JobResult:
    """:func:`~maniml.cli.jobs.run_job` on a Dask worker, its diagnostics quiet meanwhile
    (:func:`quiet_worker`)."""
    with quiet_worker():
        return run_job(job)


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
            client.submit(render_on_worker, j, pure=False, priority=len(shipped) - i)
            for i, j in enumerate(shipped)
        ]
        for fut in as_completed(futures):
            result = fut.result()
            fut.release()  # the worker drops the video now: it travels once
            yield result
    finally:
        client.close()
