"""A render job (one scene, or one segment of it) and the function that runs it.

A :class:`Job` is plain data (picklable, for a process pool or a Dask worker): the scene file,
the class, the quality and format, settings overrides, manim config overrides, the segment and
where the output goes. :func:`run_job` renders it in the current process under a
``tempconfig`` with the job's own media directory (manim's Text/Typst caches and partial movie
files collide between processes otherwise), and writes the output under a temporary name that is
renamed on success, so a killed render never leaves a partial file under an output name.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the libx264 options of the command's MP4s are the scenes' own, set explicitly in each job so
# that non-template scenes rendered by the command get them too
from ..scenes.encoding import X264_OPTIONS

__all__ = [
    "QUALITIES",
    "FORMATS",
    "X264_OPTIONS",
    "Job",
    "JobResult",
    "load_scene_class",
    "run_job",
]

#: ``-q`` letters and manim's quality names.
QUALITIES = {
    "l": "low_quality",
    "m": "medium_quality",
    "h": "high_quality",
    "p": "production_quality",
    "k": "fourk_quality",
}
FORMATS = ("mp4", "gif", "webm", "png")

_MODULES: dict[tuple[str, str], Any] = {}
#: manim's ``config`` is one per process: jobs given to a process's threads at once (a Dask
#: worker with several threads) render one after the other
_ONE_AT_A_TIME = threading.Lock()


@dataclass(frozen=True)
class Job:
    """One render: a scene class of a file, or one segment ``(k, K)`` of its steps stage.

    ``output`` is the final path (``OUT/<stem>/<Class>.<ext>``; for a segment, the part's
    path). ``source`` is the file's text, shipped with the job for workers that do not see the
    file at ``file``. ``stages``: keep the stage videos (manim's partial movie files, one per
    play) beside the output, for slides. ``return_bytes``: send the output back in the result
    instead of writing it (Dask workers may not share the client's disk). ``estimate``: the
    frames it should write (:mod:`~maniml.cli.schedule` runs the longest first; 0: unknown).
    """

    file: str
    cls: str
    quality: str = "l"
    format: str = "mp4"
    settings: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    segment: tuple[int, int] | None = None
    output: str = ""
    media_root: str = ""
    source: str | None = None
    stages: bool = False
    return_bytes: bool = False
    estimate: int = 0

    @property
    def name(self) -> str:
        seg = f" [{self.segment[0]}/{self.segment[1]}]" if self.segment else ""
        return f"{Path(self.file).stem}.{self.cls}{seg}"


@dataclass
class JobResult:
    """What a job produced: frames, video seconds, wall seconds, the output (or the error)."""

    job: Job
    ok: bool
    frames: int = 0
    seconds: float = 0.0
    wall: float = 0.0
    output: str = ""
    error: str = ""
    stage_files: list[tuple[str, str]] = field(default_factory=list)  # (stage, path)
    data: bytes | None = None
    stage_data: list[tuple[str, bytes]] = field(default_factory=list)
    detail: str = ""
    cpu: float = 0.0
    profile: dict[str, float] = field(default_factory=dict)


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process so far (every thread: the encoder's too)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_module(file: str, source: str | None = None) -> Any:
    """Import a scene file as a fresh module (cached per process and file)."""
    path = Path(file)
    if source is not None and (not path.exists() or path.read_text() != source):
        tmp = Path(tempfile.mkdtemp(prefix="maniml-src-")) / path.name
        tmp.write_text(source)
        path = tmp
    key = (str(path.resolve()), path.read_text() if path.exists() else "")
    if key not in _MODULES:
        name = f"maniml_cli_{path.stem}_{uuid.uuid4().hex[:8]}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {file}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        sys.path.insert(0, str(path.resolve().parent))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(path.resolve().parent))
        _MODULES[key] = module
    return _MODULES[key]


def load_scene_class(
    file: str,
    cls: str,
    settings: dict[str, Any] | None = None,
    segment: tuple[int, int] | None = None,
    source: str | None = None,
) -> type:
    """The scene class ``cls`` of ``file``, with settings overrides and the segment applied
    through its template's ``settings.with_`` (a :class:`~maniml.ParameterError` names a bad
    field)."""  # fmt: skip
    scene_cls = getattr(load_module(file, source), cls)
    changes = dict(settings or {})
    if segment is not None:
        changes["segment"] = tuple(segment)
    if changes:
        base = getattr(scene_cls, "settings", None)
        if base is None or not hasattr(base, "with_"):
            raise TypeError(f"{cls} is not a maniml template: it takes no settings overrides")
        scene_cls = type(scene_cls.__name__, (scene_cls,), {"settings": base.with_(**changes)})
    return scene_cls


def _atomic_write(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)


def to_gif(src: Path, dest: Path) -> None:
    """A palette-optimised GIF of ``src`` (ffmpeg palettegen/paletteuse), written atomically."""
    tmp = dest.with_name(f".{dest.stem}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp.gif")
    dest.parent.mkdir(parents=True, exist_ok=True)
    graph = "[0:v]split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-filter_complex", graph,
                    "-loop", "0", str(tmp)], check=True)  # fmt: skip
    os.replace(tmp, dest)


def fresh_process_caches() -> None:
    """Empty manim's in-process cache of parsed SVGs (``SVG_HASH_TO_MOB_MAP``), so a job in a
    worker that rendered before draws the frames a fresh process draws.

    Measured: a formula (``MathTypst``) that a previous job typeset comes from that cache and
    draws slightly differently (up to 20 levels on some pixels) from one read from maniml's
    disk cache, which is what a fresh process does. Texts and formulas still come from the
    disk cache (:mod:`maniml.scenes.cache`); maniml's glyph cache, which gives the same
    outlines either way, stays warm.
    """
    from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP

    SVG_HASH_TO_MOB_MAP.clear()


@contextmanager
def frame_friendly_malloc() -> Iterator[None]:
    """Let glibc keep the frames' memory while a job renders, where ``MALLOC_TRIM_THRESHOLD_``
    asks it to give memory back early (Dask's nanny starts its workers with 65536).

    That setting also freezes glibc's mmap threshold at 128 kB, so every frame buffer (1.6 MB
    at -ql) is a fresh ``mmap`` whose pages fault in again: measured on a Dask worker, 7x the
    page faults and 0.45 s more system time in a 2.2-s render (+20 % CPU). During the job the
    thresholds are raised (frames come from the heap and stay there); afterwards the worker's
    settings are restored and the memory is trimmed, as it would have been. Elsewhere (no such
    variable, or not glibc) this does nothing.
    """
    raw = os.environ.get("MALLOC_TRIM_THRESHOLD_", "")
    libc = None
    if raw.strip().isdigit() and sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            libc.mallopt  # noqa: B018 (glibc only)
            libc.malloc_trim  # noqa: B018
        except (OSError, AttributeError):
            libc = None
    if libc is None:
        yield
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's malloc.h
    libc.mallopt(m_mmap_threshold, 32 * 2**20)  # glibc's largest: frames come from the heap
    libc.mallopt(m_trim_threshold, 512 * 2**20)
    try:
        yield
    finally:
        libc.mallopt(m_trim_threshold, int(raw))
        libc.mallopt(m_mmap_threshold, 128 * 2**10)  # what the variable left it at
        libc.malloc_trim(0)


def run_job(job: Job, report: Callable[[str, int, int], None] | None = None) -> JobResult:
    """Render ``job`` in this process; never raises (a failure is a result with ``error``).

    ``report(output, frames_done, frames_total)`` is called as frames are written (``output``:
    the job's output path, one per job). Jobs in one process run one at a time (manim's
    ``config`` is global): give Dask workers one thread.
    """
    with _ONE_AT_A_TIME, frame_friendly_malloc():
        return _run_job(job, report)


def _run_job(job: Job, report: Callable[[str, int, int], None] | None) -> JobResult:
    t0, c0 = time.perf_counter(), _cpu_seconds()
    marks: dict[str, float] = {"start": time.time()}
    media = Path(job.media_root or tempfile.gettempdir()) / f"w{os.getpid()}"
    try:
        from manim import config, tempconfig

        fresh_process_caches()
        scene_cls = load_scene_class(job.file, job.cls, job.settings, job.segment, job.source)
        marks["loaded"] = time.perf_counter() - t0
        png = job.format == "png"
        with tempconfig({"media_dir": str(media)}):
            config.quality = QUALITIES[job.quality]
            for key, value in {
                "disable_caching": True,
                "progress_bar": "none",
                "verbosity": "ERROR",
                "preview": False,
                "format": "mp4" if job.format == "gif" else job.format,
                "video_encoder_options": X264_OPTIONS if job.format in ("mp4", "gif") else None,
                **job.config,
            }.items():
                if value is not None:
                    config[key] = value
            scene = scene_cls()
            total = [0]
            done = [0]
            orig = scene.renderer.add_frame

            def add_frame(frame: Any, num_frames: int = 1) -> None:
                if not done[0]:
                    marks["first_frame"] = time.perf_counter() - t0
                orig(frame, num_frames)
                marks["last_frame"] = time.perf_counter() - t0
                done[0] += num_frames
                if report is not None and (done[0] % 10 == 0 or done[0] == total[0]):
                    report(job.output, done[0], total[0])

            scene.renderer.add_frame = add_frame
            orig_setup = scene.setup

            def setup() -> None:
                orig_setup()
                marks["setup"] = time.perf_counter() - t0
                tl = getattr(scene, "timeline", None)
                if tl is not None:
                    a, b = tl.steps_range
                    total[0] = (b - a) + sum(
                        s.frames for s, keep in ((tl.stage("build-up"), tl.plays_build_up),
                                                 (tl.stage("end"), tl.plays_end)) if keep
                    )  # fmt: skip
                    if report is not None:
                        report(job.output, 0, total[0])

            scene.setup = setup
            scene.render()
            marks["rendered"] = time.perf_counter() - t0
            fps = float(config.frame_rate)
            writer = scene.renderer.file_writer
            produced = Path(writer.image_file_path if png else writer.movie_file_path)
            partials = [Path(p) for p in writer.partial_movie_files if p]
        # a PNG is one picture, the last frame, whatever manim passed to add_frame before it
        frames = 1 if png else done[0]
        result = JobResult(job, True, frames=frames, seconds=0.0 if png else frames / fps)
        out = Path(job.output)
        made = [produced, *partials]  # a Dask worker keeps none of them (its disk would fill)
        if job.return_bytes:
            if job.format == "gif":
                gif = media / f"{uuid.uuid4().hex}.gif"
                to_gif(produced, gif)
                produced = gif
                made.append(gif)
            result.data = produced.read_bytes()
        elif job.format == "gif":
            to_gif(produced, out)
        else:
            _atomic_write(produced, out)
        if job.stages:
            tl = scene.timeline
            names = [s.name for s in tl.stages if s.frames > 0]
            if len(names) != len(partials):
                raise RuntimeError(f"{len(partials)} stage videos for stages {names}")
            for name, p in zip(names, partials, strict=True):
                if job.return_bytes:
                    result.stage_data.append((name, p.read_bytes()))
                else:
                    dest = out.with_name(f"{out.stem}.{name}{p.suffix}")
                    _atomic_write(p, dest)
                    result.stage_files.append((name, str(dest)))
        result.output = str(out)
        if job.return_bytes:
            for f in made:
                f.unlink(missing_ok=True)
    except Exception as exc:  # a failing scene is reported, the others still render
        msg = str(exc).strip().splitlines()
        result = JobResult(job, False, error=f"{type(exc).__name__}: {msg[0] if msg else ''}",
                           detail=traceback.format_exc())  # fmt: skip
    result.wall = time.perf_counter() - t0
    result.cpu = _cpu_seconds() - c0
    result.profile = {**marks, "end": time.time(), "pid": float(os.getpid())}
    return result
