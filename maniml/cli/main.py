"""The ``maniml`` command: ``maniml render`` and ``maniml slides`` (click, as manim's own CLI)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .discover import SceneRef, UsageProblem, find_scenes
from .jobs import FORMATS, QUALITIES, Job, JobResult, load_scene_class

__all__ = ["cli", "main"]


def _parse_sets(sets: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in sets:
        key, eq, raw = item.partition("=")
        if not eq or not key.strip():
            raise click.BadParameter(
                f"{item!r} is not KEY=VALUE (e.g. run_time=4)", param_hint="--set"
            )
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw  # a bare word: a string
        out[key.strip()] = tuple(value) if isinstance(value, list) else value
    return out


def _parse_resolution(text: str | None) -> dict[str, int]:
    if not text:
        return {}
    try:
        w, h = (int(v) for v in text.replace("x", ",").split(","))
        assert w > 0 and h > 0
    except (ValueError, AssertionError):
        raise click.BadParameter(
            f"{text!r} is not W,H (e.g. 854,480)", param_hint="--resolution"
        ) from None
    return {"pixel_width": w, "pixel_height": h}


@dataclass
class Planned:
    """One scene of the run: its jobs (one, or K segments) and where its output goes."""

    ref: SceneRef
    format: str
    output: Path
    jobs: list[Job] = field(default_factory=list)
    results: list[JobResult] = field(default_factory=list)


def _plan(refs: list[SceneRef], out: Path, *, quality: str | None, fmt: str | None, segments: int,
          overrides: dict[str, Any], config: dict[str, Any], stages: bool, media_root: str,
          run_id: str) -> list[Planned]:  # fmt: skip
    from manim.constants import QUALITIES as MANIM_QUALITIES

    from .._validation import ParameterError
    from .schedule import estimated_frames

    plans = []
    seen: set[Path] = set()
    for ref in refs:
        q = quality or ref.quality or "l"
        f = "mp4" if stages else (fmt or ref.format or "mp4")
        k = segments if f != "png" and not stages else 1
        settings = {**ref.settings, **overrides}
        try:
            scene_cls = load_scene_class(ref.file, ref.cls, settings, (1, k) if k > 1 else None)
        except ParameterError as exc:
            raise UsageProblem(f"{ref.cls}: {str(exc).strip().splitlines()[0]}") from None
        except TypeError as exc:
            what = "--segments" if k > 1 and not settings else "settings overrides"
            raise UsageProblem(f"{ref.cls}: {exc} ({what})") from None
        output = out / Path(ref.file).stem / f"{ref.cls}.{f}"
        if output in seen:
            continue
        seen.add(output)
        plan = Planned(ref, f, output)
        fps = float(config.get("frame_rate", MANIM_QUALITIES[QUALITIES[q]]["frame_rate"]))
        base = dict(file=ref.file, cls=ref.cls, quality=q, settings=settings, config=config,
                    media_root=media_root, stages=stages)  # fmt: skip
        if k == 1:
            est = estimated_frames(scene_cls, fps)
            plan.jobs.append(Job(format=f, output=str(output), estimate=est, **base))
        else:
            part_fmt = "webm" if f == "webm" else "mp4"
            parts = output.parent / f".parts-{run_id}"
            for i in range(1, k + 1):
                part = parts / f"{ref.cls}.part{i}of{k}.{part_fmt}"
                est = estimated_frames(scene_cls, fps, (i, k))
                plan.jobs.append(Job(format=part_fmt, output=str(part), segment=(i, k),
                                     estimate=est, **base))  # fmt: skip
        plans.append(plan)
    return plans


def _write_back(result: JobResult) -> None:
    """Write what a Dask worker sent back (atomically)."""
    from .jobs import _atomic_write

    if not result.ok or result.data is None:
        return
    out = Path(result.job.output)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:6]}.dl")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(result.data)
    os.replace(tmp, out)
    result.data = None
    for name, data in result.stage_data:
        dest = out.with_name(f"{out.stem}.{name}{out.suffix}")
        tmp.write_bytes(data)
        _atomic_write(tmp, dest)
        tmp.unlink()
        result.stage_files.append((name, str(dest)))
    result.stage_data = []


def _execute(
    plans: list[Planned],
    n_jobs: int,
    scheduler: str | None,
    console: Any,
    timeout: float = 10.0,
    client: Any = None,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .schedule import longest_first

    jobs = longest_first([j for p in plans for j in p.jobs])
    by_output = {j.output: p for p in plans for j in p.jobs}
    seen: dict[str, tuple[int, int]] = {}
    ended: set[str] = set()
    lock = threading.Lock()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as progress:  # fmt: skip
        t_jobs = progress.add_task("jobs", total=len(jobs))
        t_frames = progress.add_task("frames", total=None)

        def on_progress(key: str, done: int, total: int, last: bool = False) -> None:
            """A job's frames so far (from the workers' reports, on the listener's thread),
            or, ``last``, as it ended: a report that arrives after that is stale. ``key``: the
            job's output path (one per job; a scene can be in a deck twice)."""
            with lock:
                if key in ended:
                    return
                if last:
                    ended.add(key)
                seen[key] = (done, total)
                progress.update(t_frames, completed=sum(d for d, _ in seen.values()),
                                total=sum(t for _, t in seen.values()) or None)  # fmt: skip

        if scheduler:
            from .dask_backend import run_dask

            results = run_dask(jobs, scheduler, timeout, client=client)
        else:
            from .local import run_local

            results = run_local(jobs, n_jobs, on_progress=on_progress)
        for r in results:
            if scheduler:
                _write_back(r)
            # the bar ends at the frames written, whatever the last report said (a worker's
            # reports come every 10 frames, and its last ones may still be on their way)
            on_progress(r.job.output, r.frames, r.frames, last=True)
            by_output[r.job.output].results.append(r)
            progress.advance(t_jobs)
            if not r.ok:
                progress.console.print(f"[red]failed[/red] {r.job.name}: {r.error}")


def _finish(plan: Planned) -> tuple[bool, str]:
    """Join segments (and make the GIF); True and the output, or False and the reason."""
    from .jobs import to_gif
    from .join import join_videos

    failed = [r for r in plan.results if not r.ok]
    if failed:
        return False, failed[0].error
    if len(plan.jobs) == 1:
        return True, str(plan.output)
    parts = [r.output for r in sorted(plan.results, key=lambda r: r.job.segment or (0, 0))]
    try:
        if plan.format == "gif":
            joined = Path(parts[0]).with_name(f"{plan.ref.cls}.joined.mp4")
            join_videos(parts, joined)
            to_gif(joined, plan.output)
        else:
            join_videos(parts, plan.output)
    except Exception as exc:
        return False, f"joining the segments failed: {type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(Path(parts[0]).parent, ignore_errors=True)
    return True, str(plan.output)


def _write_profile(path: Path, plans: list[Planned], marks: dict[str, float]) -> None:
    """Per-job timings (``JobResult.profile``: seconds from the job's start, epochs for
    ``start``/``end``) and the command's own marks, as JSON."""
    import json

    from . import ENTRY_TIME

    jobs = [{"name": r.job.name, "ok": r.ok, "frames": r.frames, "wall": r.wall, "cpu": r.cpu,
             **r.profile} for p in plans for r in p.results]  # fmt: skip
    path.write_text(json.dumps({"entry": ENTRY_TIME, **marks, "jobs": jobs}, indent=1))


def _stdout() -> Any:
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=200)


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def _summary(plans: list[Planned], console: Any, elapsed: float) -> bool:
    from rich.table import Table

    table = Table(title=f"maniml: {len(plans)} scene(s) in {elapsed:.1f} s")
    for col in ("scene", "length (s)", "frames", "size", "wall (s)", "output"):
        table.add_column(
            col, justify="right" if col in ("length (s)", "frames", "wall (s)", "size") else "left"
        )
    all_ok = True
    for p in plans:
        ok, what = _finish(p)
        all_ok &= ok
        frames = sum(r.frames for r in p.results)
        secs = sum(r.seconds for r in p.results)
        wall = sum(r.wall for r in p.results)
        size = _size(p.output.stat().st_size) if ok and p.output.exists() else ""
        table.add_row(f"{Path(p.ref.file).stem}.{p.ref.cls}", f"{secs:.2f}", str(frames), size,
                      f"{wall:.1f}", what if ok else f"[red]FAILED: {what}[/red]")  # fmt: skip
    console.print(table)
    return all_ok


def _common(paths, scene, quality, fmt, jobs, segments, out, sets, resolution, fps, stages):
    try:
        refs, deck = find_scenes(list(paths), list(scene))
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    overrides = _parse_sets(sets)
    config = _parse_resolution(resolution)
    if fps:
        config["frame_rate"] = float(fps)
    run_id = uuid.uuid4().hex[:8]
    media_root = tempfile.mkdtemp(prefix=f"maniml-media-{run_id}-")
    try:
        plans = _plan(refs, Path(out), quality=quality, fmt=fmt, segments=segments,
                      overrides=overrides, config=config, stages=stages, media_root=media_root,
                      run_id=run_id)  # fmt: skip
    except UsageProblem as exc:
        shutil.rmtree(media_root, ignore_errors=True)
        raise click.UsageError(str(exc)) from None
    return plans, deck, media_root


_paths = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
_scene = click.option(
    "--scene",
    "-s",
    multiple=True,
    metavar="NAME",
    help="Render only this Scene class (repeatable).",
)
_quality = click.option("-q", "--quality", type=click.Choice(list(QUALITIES)), default=None,
                        help="l (480p15, default), m (720p30), h (1080p60), p (1440p60), k (2160p60).")  # fmt: skip
_jobs = click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
                     help="Local worker processes.")  # fmt: skip
_out = click.option("--out", "-o", default="media/maniml", show_default=True, type=click.Path(file_okay=False),
                    help="Outputs go to OUT/<file stem>/<SceneClass>.<ext>.")  # fmt: skip
_sets = click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                     help="A settings override for every scene (TOML value), e.g. --set run_time=4.")  # fmt: skip
_res = click.option("--resolution", "-r", metavar="W,H", help="Pixel size (overrides -q's).")
_fps = click.option("--fps", type=click.FloatRange(min=1), help="Frame rate (overrides -q's).")
_scheduler = click.option("--scheduler", metavar="ADDRESS",
                          help="Run on this Dask scheduler (tcp://HOST:PORT) instead of local processes.")  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """maniml: render many template scenes (in parallel, in segments, on a Dask cluster) and
    slide decks."""


@cli.command()
@_paths
@_scene
@_quality
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="mp4 (default), gif, webm or png (the last frame).",
)
@_jobs
@click.option("--segments", type=click.IntRange(min=1), default=1, show_default=True,
              help="Split each scene's steps stage into K segments rendered as separate jobs, joined without re-encoding.")  # fmt: skip
@_scheduler
@click.option("--scheduler-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for the Dask scheduler.")  # fmt: skip
@_out
@_sets
@_res
@_fps
@click.option("--profile", "profile", type=click.Path(dir_okay=False), hidden=True,
              help="Write per-job timings (JSON) to this file (bench/bench_render.py).")  # fmt: skip
def render(paths, scene, quality, fmt, jobs, segments, scheduler, scheduler_timeout, out, sets,
           resolution, fps, profile) -> None:  # fmt: skip
    """Render every Scene class of PATH (scene files, folders of them, or .toml decks)."""
    from rich.console import Console

    console = Console(stderr=True)
    marks = {"command": time.time()}
    client = None
    if scheduler:  # connect, and warm the workers up, while the scenes are found and planned
        from .dask_backend import close_early, connect_early

        client = connect_early(scheduler, scheduler_timeout)
    try:
        plans, _, media_root = _common(
            paths, scene, quality, fmt, jobs, segments, out, sets, resolution, fps, False
        )
    except click.UsageError:
        if client is not None:
            close_early(client)
        raise
    marks["planned"] = time.time()
    t0 = time.perf_counter()
    try:
        _execute(plans, jobs, scheduler, console, scheduler_timeout, client)
    except Exception as exc:
        from .dask_backend import SchedulerUnreachable

        if isinstance(exc, SchedulerUnreachable):
            raise click.UsageError(str(exc)) from None
        raise
    finally:
        shutil.rmtree(media_root, ignore_errors=True)
    marks["executed"] = time.time()
    ok = _summary(plans, _stdout(), time.perf_counter() - t0)
    marks["finished"] = time.time()
    if profile:
        _write_profile(Path(profile), plans, marks)
    sys.exit(0 if ok else 1)


@cli.command()
@_paths
@_scene
@_quality
@click.option("--to", "to", type=click.Choice(["html", "pdf"]), multiple=True, default=("html",), show_default=True,
              help="Output format (repeatable: --to html --to pdf).")  # fmt: skip
@_jobs
@_scheduler
@_out
@click.option(
    "--name", default=None, help="Deck file name (default: the deck's title, or 'slides')."
)
@_sets
@_res
@_fps
def slides(paths, scene, quality, to, jobs, scheduler, out, name, sets, resolution, fps) -> None:
    """A slide deck through manim-slides: each scene's stages (build-up, steps, end) become slides."""
    import importlib.util
    import re

    from rich.console import Console

    if importlib.util.find_spec("manim_slides") is None:
        raise click.UsageError('maniml slides needs manim-slides: pip install "maniml[slides]"')
    from .slides import convert, slide_name, write_presentation

    console = Console(stderr=True)
    plans, deck, media_root = _common(
        paths, scene, quality, None, jobs, 1, out, sets, resolution, fps, True
    )
    t0 = time.perf_counter()
    try:
        _execute(plans, jobs, scheduler, console)
    finally:
        shutil.rmtree(media_root, ignore_errors=True)
    ok = _summary(plans, _stdout(), time.perf_counter() - t0)
    out_dir = Path(out)
    names = []
    for p in plans:
        r = p.results[0] if p.results else None
        if r is None or not r.ok:
            continue
        from manim.constants import QUALITIES as MQ

        q = MQ[QUALITIES[r.job.quality]]
        res = (int(r.job.config.get("pixel_width", q["pixel_width"])),
               int(r.job.config.get("pixel_height", q["pixel_height"])))  # fmt: skip
        n = slide_name(p.ref.file, p.ref.cls)
        bg = getattr(
            getattr(load_scene_class(p.ref.file, p.ref.cls).settings, "theme", None),
            "background",
            None,
        )
        write_presentation(
            out_dir, n, r.stage_files, res, str(bg) if isinstance(bg, str) else "black"
        )
        names.append(n)
    if not names:
        console.print("[red]no scene rendered: no slides[/red]")
        sys.exit(1)
    stem = (
        name or re.sub(r"[^A-Za-z0-9_.-]+", "_", deck.title).strip("_")
        if deck
        else (name or "slides")
    )
    for fmt in to:
        dest = out_dir / f"{stem}.{fmt}"
        done = convert(out_dir, names, dest, fmt)
        if done.returncode != 0:
            console.print(
                f"[red]manim-slides convert --to {fmt} failed[/red]:\n{done.stderr.strip()}"
            )
            ok = False
        else:
            console.print(f"{fmt}: {dest} ({len(names)} scene(s), "
                          f"{sum(len(p.results[0].stage_files) for p in plans if p.results and p.results[0].ok)} slides)")  # fmt: skip
    sys.exit(0 if ok else 1)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``maniml`` console script and ``python -m maniml``.

    As the command's own process (``argv`` None), its objects are frozen out of the garbage
    collector at exit (:func:`maniml._exit.freeze_at_exit`): the end of every ``maniml render``
    took 0.30-0.38 s on 2 cores, 0.05 s frozen.
    """
    if argv is None:
        from .._exit import freeze_at_exit

        freeze_at_exit()
    cli.main(args=argv, prog_name="maniml")
