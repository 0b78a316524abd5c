"""Render jobs on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Imported only when ``--scheduler`` is given; needs ``pip install "maniml[distributed]"``. Each
job ships the scene file's source; a worker renders the file at its path when it sees the same
file there, and otherwise a copy of the shipped source (files the scene reads itself, e.g. a CSV
beside it, must then exist at the same path on the worker). Workers send the video back in the
result: they need maniml installed, not the client's disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from .jobs import Job, JobResult, run_job

__all__ = ["SchedulerUnreachable", "run_dask"]


class SchedulerUnreachable(RuntimeError):
    pass


def run_dask(
    jobs: list[Job],
    address: str,
    timeout: float = 10.0,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[JobResult]:
    """Run ``jobs`` on the cluster at ``address``; yield results as they complete (outputs
    are still to be written by the caller from ``result.data``)."""  # fmt: skip
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SchedulerUnreachable(
            '--scheduler needs Dask distributed: pip install "maniml[distributed]"'
        ) from None
    try:
        client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as exc:
        raise SchedulerUnreachable(
            f"--scheduler {address}: cannot reach the Dask scheduler within {timeout:g} s ({exc})"
        ) from None
    shipped = [
        replace(j, source=Path(j.file).read_text(), return_bytes=True, media_root="") for j in jobs
    ]
    try:
        futures = client.map(run_job, shipped, pure=False)
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()
