"""The ``maniml`` command: discovery, decks, bad input (exit 2), renders through a subprocess
(outputs, png = last frame, --jobs 2, a failing scene, --segments joined = the single render), a
Dask LocalCluster run and slides through manim-slides; warm workers and any job order give a
fresh process's frames, the frame estimates behind longest-first scheduling, what a Dask job
leaves on its worker. Tiny scenes: 192x108 at 5 fps."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
TINY = ["-r", "192,108", "--fps", "5"]

SCENES = textwrap.dedent(
    """
    from maniml.scenes import LinRegScene

    QUICK = dict(epochs=8, run_time=1.6, intro_time=0.4, hold_time=0.4)


    class Tiny(LinRegScene):
        settings = LinRegScene.settings.with_(**QUICK)


    class Tiny2(LinRegScene):
        settings = LinRegScene.settings.with_(lr=0.3, **QUICK)


    class Broken(LinRegScene):
        settings = LinRegScene.settings.with_(**QUICK)

        def prepare(self):
            raise RuntimeError("this scene is broken on purpose")
    """
)


def need(module: str) -> None:
    """Skip when an optional dependency is missing, but fail under CI=true (it is expected)."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        if CI:
            pytest.fail(f"{module} is expected here (pip install maniml[distributed,slides])")
        pytest.skip(f"{module} not installed")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cliproj")
    (d / "tiny.py").write_text(SCENES)
    (d / "notes.py").write_text("X = 1\n")
    (d / "deck.toml").write_text(
        textwrap.dedent(
            """
            title = "Test lecture"
            [[scenes]]
            file = "tiny.py"
            class = "Tiny"
            [[scenes]]
            file = "tiny.py"
            class = "Tiny"
            format = "png"
            [[scenes]]
            file = "tiny.py"
            class = "Broken"
            """
        )
    )
    return d


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def maniml(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maniml", *args], cwd=cwd, env=env(),
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def decode(path: Path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def worst(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    return max(
        float(np.abs(x.astype(np.int16) - y.astype(np.int16)).mean())
        for x, y in zip(a, b, strict=True)
    )


# -- decks and discovery (in process, no rendering) ------------------------------------------
def test_deck_is_read_with_paths_relative_to_it(project):
    from maniml.cli.deck import read_deck

    deck = read_deck(project / "deck.toml")
    assert deck.title == "Test lecture"
    assert [s.cls for s in deck.scenes] == ["Tiny", "Tiny", "Broken"]
    assert deck.scenes[1].format == "png" and deck.scenes[0].format is None
    assert all(s.file == str(project / "tiny.py") for s in deck.scenes)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('titel = "x"\n[[scenes]]\nfile = "tiny.py"\nclass = "Tiny"\n', ["'titel'", "title"]),
        (
            '[[scenes]]\nfile = "tiny.py"\nclass = "Tiny"\nspeed = 2\n',
            ["scene 1", "'speed'", "settings"],
        ),
        ('[[scenes]]\nfile = "tiny.py"\n', ["'class' is required"]),
        ('[[scenes]]\nfile = "nope.py"\nclass = "Tiny"\n', ["'nope.py' does not exist"]),
        ('[[scenes]]\nfile = "tiny.py"\nclass = "Tiny"\nquality = "x"\n', ["'quality'", "l, m, h"]),
        ('title = "x"\n', ["at least one [[scenes]]"]),
        ("title = \n", ["not valid TOML"]),
    ],
)
def test_deck_errors_name_the_key(project, tmp_path, text, words):
    from maniml.cli.deck import DeckError, read_deck

    shutil.copy(project / "tiny.py", tmp_path / "tiny.py")
    (tmp_path / "d.toml").write_text(text)
    with pytest.raises(DeckError) as err:
        read_deck(tmp_path / "d.toml")
    for w in words:
        assert w in str(err.value)


def test_discovery_of_files_folders_decks_and_names(project):
    from maniml.cli.discover import UsageProblem, find_scenes

    refs, _ = find_scenes([str(project / "tiny.py")])
    assert [r.cls for r in refs] == ["Tiny", "Tiny2", "Broken"]  # source order
    refs, _ = find_scenes([str(project)], ["Tiny2"])  # a folder; notes.py has no scene
    assert [(Path(r.file).name, r.cls) for r in refs] == [("tiny.py", "Tiny2")]
    refs, deck = find_scenes([str(project / "deck.toml")])
    assert deck.title == "Test lecture" and [r.format for r in refs] == [None, "png", None]
    with pytest.raises(UsageProblem, match="--scene 'Nope'.*Broken, Tiny, Tiny2"):
        find_scenes([str(project / "tiny.py")], ["Nope"])
    with pytest.raises(UsageProblem, match="defines no Scene class"):
        find_scenes([str(project / "notes.py")])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["missing.py"], ["'missing.py' does not exist"]),
        (["tiny.py", "--scene", "Nope"], ["--scene 'Nope'", "Tiny2"]),
        (["notes.py"], ["defines no Scene class"]),
        (["tiny.py", "-q", "x"], ["'-q'", "'l'"]),
        (["tiny.py", "--format", "avi"], ["'--format'", "'mp4'"]),
        (["tiny.py", "--jobs", "0"], ["'--jobs'", "0"]),
        (["tiny.py", "--set", "runtime=2"], ["Tiny", "no setting 'runtime'", "run_time"]),
        (["tiny.py", "--set", "run_time=-1"], ["Tiny", "run_time"]),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(project, tmp_path, monkeypatch, args, words):
    from maniml.cli.main import cli

    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["render", *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for w in words:
        assert w in result.output
    assert not (tmp_path / "out").exists()  # nothing rendered


def test_an_unreachable_scheduler_is_a_clear_error_in_time(project, tmp_path, monkeypatch):
    need("distributed")
    from maniml.cli.main import cli

    monkeypatch.chdir(project)
    t0 = time.perf_counter()
    result = CliRunner().invoke(cli, ["render", "tiny.py", "-s", "Tiny", "--scheduler",
                                      "tcp://127.0.0.1:9", "--scheduler-timeout", "2",
                                      "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output
    assert time.perf_counter() - t0 < 10


# -- renders ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def deck_run(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, maniml("render", "deck.toml", "--jobs", "2", "--out", str(out), *TINY, cwd=project)


def test_a_deck_renders_in_parallel_and_a_failing_scene_is_listed(deck_run):
    out, run = deck_run
    assert run.returncode == 1, run.stderr  # Broken fails, the others render
    assert "FAILED: RuntimeError: this scene is broken on purpose" in run.stdout
    files = sorted(p.name for p in (out / "tiny").iterdir())
    assert files == ["Tiny.mp4", "Tiny.png"]  # no partial or temporary files
    frames = decode(out / "tiny" / "Tiny.mp4")
    assert len(frames) == 2 + 8 + 2  # build-up, steps, end at 5 fps
    assert frames[0].shape == (108, 192, 3)
    for row in ("tiny.Tiny ", "tiny.Broken "):
        assert row in run.stdout


def test_png_is_the_last_frame(deck_run):
    from PIL import Image

    out, _ = deck_run
    png = np.asarray(Image.open(out / "tiny" / "Tiny.png").convert("RGB"))
    last = decode(out / "tiny" / "Tiny.mp4")[-1]
    assert png.shape == last.shape
    assert worst([png], [last]) < 3.0  # within codec noise


def test_segments_joined_equal_the_single_render(project, deck_run, tmp_path):
    out, _ = deck_run
    run = maniml("render", "tiny.py", "-s", "Tiny", "--segments", "2", "--jobs", "2",
                 "--out", str(tmp_path), *TINY, cwd=project)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "tiny").iterdir()) == ["Tiny.mp4"]
    joined, whole = decode(tmp_path / "tiny" / "Tiny.mp4"), decode(out / "tiny" / "Tiny.mp4")
    assert len(joined) == len(whole)
    assert worst(joined, whole) < 2.0
    # the PyAV remux (used without an ffmpeg executable) joins the same way
    from maniml.cli.join import count_frames, join_videos

    twice = join_videos([out / "tiny" / "Tiny.mp4"] * 2, tmp_path / "twice.mp4", use_ffmpeg=False)
    assert count_frames(twice) == 2 * len(whole)
    assert worst(decode(twice), whole + whole) < 2.0


def test_a_local_dask_cluster_renders_the_same(project, deck_run, tmp_path, monkeypatch):
    need("distributed")
    from distributed import LocalCluster

    monkeypatch.setenv("PYTHONPATH", env()["PYTHONPATH"])  # the workers import this maniml
    out, _ = deck_run
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run = maniml("render", "tiny.py", "-s", "Tiny", "--scheduler", cluster.scheduler_address,
                     "--out", str(tmp_path), *TINY, cwd=project)  # fmt: skip
    assert run.returncode == 0, run.stderr
    got = decode(tmp_path / "tiny" / "Tiny.mp4")
    assert len(got) == 12 and worst(got, decode(out / "tiny" / "Tiny.mp4")) < 1.0


def test_slides_one_per_stage_in_html_and_pdf(project, tmp_path):
    need("manim_slides")
    import json
    import re

    run = maniml("slides", "tiny.py", "-s", "Tiny", "--to", "html", "--to", "pdf", "--out",
                 str(tmp_path), *TINY, cwd=project)  # fmt: skip
    assert run.returncode == 0, run.stderr + run.stdout
    config = json.loads((tmp_path / "slides" / "tiny.Tiny.json").read_text())
    assert len(config["slides"]) == 3 and config["resolution"] == [192, 108]
    html = (tmp_path / "slides.html").read_text()
    assert len(re.findall(r"<section\b", html)) == 3
    pdf = (tmp_path / "slides.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3
    stage_frames = [len(decode(tmp_path / s["file"])) for s in config["slides"]]
    assert stage_frames == [2, 8, 2]


@pytest.mark.parametrize("fmt", ["gif", "webm"])
def test_gif_and_webm_have_every_frame(project, tmp_path, fmt):
    run = maniml("render", "tiny.py", "-s", "Tiny", "--format", fmt, "--out", str(tmp_path),
                 *TINY, cwd=project)  # fmt: skip
    assert run.returncode == 0, run.stderr
    path = tmp_path / "tiny" / f"Tiny.{fmt}"
    assert sorted(p.name for p in (tmp_path / "tiny").iterdir()) == [path.name]
    frames = decode(path)
    assert len(frames) == 2 + 8 + 2 and frames[0].shape == (108, 192, 3)
    assert "Tiny" in run.stdout and "kB" in run.stdout  # the summary reports the size


def test_two_runs_into_the_same_out_do_not_corrupt_each_other(project, tmp_path):
    cmd = [sys.executable, "-m", "maniml", "render", "tiny.py", "-s", "Tiny", "-s", "Tiny2",
           "--jobs", "1", "--out", str(tmp_path), *TINY]  # fmt: skip
    runs = [subprocess.Popen(cmd, cwd=project, env=env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    for r in runs:
        _, err = r.communicate(timeout=300)
        assert r.returncode == 0, err
    assert sorted(p.name for p in (tmp_path / "tiny").iterdir()) == ["Tiny.mp4", "Tiny2.mp4"]
    for name in ("Tiny", "Tiny2"):
        assert len(decode(tmp_path / "tiny" / f"{name}.mp4")) == 12


def test_a_render_killed_half_way_leaves_no_file_under_the_output_name(project, tmp_path):
    import psutil

    cmd = [sys.executable, "-m", "maniml", "render", "tiny.py", "-s", "Tiny", "--set",
           "run_time=2000", "--out", str(tmp_path), *TINY]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=project, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(6.0)  # manim imported, frames being written
    assert proc.poll() is None, "the render finished before it could be killed"
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert workers, "no worker process was rendering"
    proc.kill()
    proc.wait(timeout=30)
    assert not (tmp_path / "tiny" / "Tiny.mp4").exists()
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "the workers of a killed render went on rendering"


# -- warm workers, job order, scheduling ---------------------------------------------------------
RENDER_IN_ORDER = textwrap.dedent(
    """
    import sys
    from maniml.cli.jobs import Job, run_job

    media, out, *classes = sys.argv[1:]
    config = {"pixel_width": 192, "pixel_height": 108, "frame_rate": 5.0}
    for cls in classes:  # one process: every job after the first runs in a warm worker
        r = run_job(Job(file="tiny.py", cls=cls, output=f"{out}/{cls}.mp4", media_root=media,
                        config=config))
        assert r.ok, r.detail
    """
)


def test_warm_workers_and_any_job_order_give_the_frames_of_a_fresh_process(project, tmp_path):
    (tmp_path / "render.py").write_text(RENDER_IN_ORDER)
    runs = {"fresh-Tiny": ["Tiny"], "fresh-Tiny2": ["Tiny2"], "warm": ["Tiny", "Tiny2", "Tiny"],
            "reversed": ["Tiny2", "Tiny"]}  # fmt: skip
    for name, classes in runs.items():
        done = subprocess.run([sys.executable, str(tmp_path / "render.py"), str(tmp_path / "media"),
                               str(tmp_path / name), *classes], cwd=project, env=env(),
                              capture_output=True, text=True, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
    for cls in ("Tiny", "Tiny2"):
        fresh = decode(tmp_path / f"fresh-{cls}" / f"{cls}.mp4")
        assert len(fresh) == 12
        for name in ("warm", "reversed"):
            got = decode(tmp_path / name / f"{cls}.mp4")
            assert len(got) == len(fresh) and worst(got, fresh) == 0.0, (cls, name)


def test_estimated_frames_are_the_frames_each_job_renders(project):
    from manim import tempconfig

    from maniml.cli.jobs import Job, load_scene_class
    from maniml.cli.schedule import estimated_frames, longest_first
    from maniml.scenes import timeline_of

    tiny = str(project / "tiny.py")
    for settings, k in (({}, 2), ({"run_time": 2.2}, 3)):
        cls = load_scene_class(tiny, "Tiny", settings)
        with tempconfig({"frame_rate": 5}):
            total = timeline_of(cls).n_frames
            assert estimated_frames(cls, 5) == total
            parts = []
            for i in range(1, k + 1):
                tl = timeline_of(load_scene_class(tiny, "Tiny", settings, (i, k)))
                a, b = tl.steps_range
                shown = (b - a) + tl.stage("build-up").frames * tl.plays_build_up
                shown += tl.stage("end").frames * tl.plays_end
                assert estimated_frames(cls, 5, (i, k)) == shown
                parts.append(shown)
        assert sum(parts) == total
    jobs = [Job(file=tiny, cls=c, estimate=e) for c, e in (("a", 5), ("b", 12), ("c", 0), ("d", 5))]
    assert [j.cls for j in longest_first(jobs)] == ["c", "b", "a", "d"]  # unknown length first


def test_a_job_for_a_dask_worker_leaves_no_video_on_its_disk(project, tmp_path, monkeypatch):
    from maniml.cli.jobs import Job, run_job

    monkeypatch.chdir(project)
    out = tmp_path / "never-written" / "Tiny.mp4"
    job = Job(file="tiny.py", cls="Tiny", output=str(out), media_root=str(tmp_path / "media"),
              return_bytes=True, config={"pixel_width": 192, "pixel_height": 108,
                                         "frame_rate": 5.0})  # fmt: skip
    result = run_job(job)
    assert result.ok, result.detail
    assert not out.exists() and not list((tmp_path / "media").rglob("*.mp4"))
    (tmp_path / "back.mp4").write_bytes(result.data)
    assert len(decode(tmp_path / "back.mp4")) == 12


MALLOC_FAULTS = textwrap.dedent(
    """
    import resource
    import numpy as np
    from maniml.cli.jobs import frame_friendly_malloc

    def faults():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(100):
            frame = np.ones((480, 854, 4), np.uint8)  # a -ql frame, allocated and freed
            del frame
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    outside = faults()
    with frame_friendly_malloc():
        faults()
        inside = faults()
    after = faults()
    print(outside, inside, after)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_frames_stay_on_the_heap_under_dasks_malloc_trim_threshold(tmp_path):
    (tmp_path / "faults.py").write_text(MALLOC_FAULTS)
    done = subprocess.run([sys.executable, str(tmp_path / "faults.py")], capture_output=True,
                          text=True, timeout=120,
                          env={**env(), "MALLOC_TRIM_THRESHOLD_": "65536"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    outside, inside, after = (int(v) for v in done.stdout.split())
    assert outside > 100 * 300  # every frame mmapped anew: its ~400 pages fault in
    assert inside < outside / 10
    assert after > outside / 2  # the worker's own setting is back afterwards


def test_bad_input_with_a_scheduler_is_reported_at_once(project, tmp_path, monkeypatch):
    need("distributed")
    from maniml.cli.main import cli

    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["render", "tiny.py", "-s", "Nope", "--scheduler",
                                      "tcp://127.0.0.1:9", "--out", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 2 and "--scene 'Nope'" in result.output  # not the scheduler's
    assert not (tmp_path / "out").exists()


def test_jobs_given_to_one_process_at_once_each_render_with_their_own_config(project, tmp_path,
                                                                             monkeypatch):  # fmt: skip
    from concurrent.futures import ThreadPoolExecutor

    from maniml.cli.jobs import Job, run_job

    monkeypatch.chdir(project)
    sizes = {"Tiny": (192, 108), "Tiny2": (160, 90)}
    jobs = [Job(file="tiny.py", cls=c, output=str(tmp_path / f"{c}.mp4"),
                media_root=str(tmp_path / "media"),
                config={"pixel_width": w, "pixel_height": h, "frame_rate": 5.0})
            for c, (w, h) in sizes.items()]  # fmt: skip
    with ThreadPoolExecutor(2) as pool:  # as a Dask worker with two threads would
        results = list(pool.map(run_job, jobs))
    assert all(r.ok for r in results), [r.detail for r in results]
    for cls, (w, h) in sizes.items():
        frames = decode(tmp_path / f"{cls}.mp4")
        assert len(frames) == 12 and frames[0].shape == (h, w, 3)


def _callback_times(dask_worker=None) -> dict[str, float]:
    return {n: pc.callback_time for n, pc in dask_worker.periodic_callbacks.items()}


def _inside_quiet_worker(seconds: float) -> dict[str, float]:
    from distributed import get_worker

    from maniml.cli.dask_backend import quiet_worker

    with quiet_worker():
        during = _callback_times(get_worker())
        time.sleep(seconds)
    return during


def test_a_dask_worker_renders_with_its_diagnostics_slowed_and_gets_them_back():
    need("distributed")
    from distributed import Client, LocalCluster

    from maniml.cli.dask_backend import QUIET_MS, quiet_worker

    with quiet_worker():  # outside a worker: nothing to do, no error
        pass
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        (before,) = client.run(_callback_times).values()
        # two jobs at once on the worker's two threads, the first leaving while the second runs
        first = client.submit(_inside_quiet_worker, 0.6, pure=False)
        time.sleep(0.3)
        second = client.submit(_inside_quiet_worker, 0.6, pure=False)
        during = [first.result(), second.result()]
        (after,) = client.run(_callback_times).values()
    assert before["profile"] == 10 and before["tick"] == 20  # Dask's defaults
    for d in during:
        assert {n: d[n] for n in QUIET_MS} == QUIET_MS
        assert {n: t for n, t in d.items() if n not in QUIET_MS} == {
            n: t for n, t in before.items() if n not in QUIET_MS
        }  # the memory monitor, heartbeats... keep their pace
    assert after == before


def test_two_workers_in_one_process_are_quieted_each_on_its_own():
    """An in-process cluster holds several workers in one process: each is slowed while its own
    job runs and restored after it, whatever the other does."""
    need("distributed")
    from distributed import Client, LocalCluster

    from maniml.cli.dask_backend import QUIET_MS

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        a, b = sorted(client.scheduler_info()["workers"])
        before = client.run(_callback_times)
        long = client.submit(_inside_quiet_worker, 0.8, workers=[a], pure=False)
        time.sleep(0.2)
        short = client.submit(_inside_quiet_worker, 0.1, workers=[b], pure=False)
        during_b = short.result()
        time.sleep(0.1)
        mid = client.run(_callback_times)  # b's job is over, a's still runs
        during_a = long.result()
        after = client.run(_callback_times)
    for d in (during_a, during_b):
        assert {n: d[n] for n in QUIET_MS} == QUIET_MS
    assert mid[b] == before[b] and {n: mid[a][n] for n in QUIET_MS} == QUIET_MS
    assert after == before


FREEZE = """
import atexit, gc, sys
atexit.register(lambda: print(gc.get_freeze_count(), file=sys.stderr))  # runs after maniml's
from maniml.cli import main
sys.argv = ["maniml", "render", "--help"]
try:
    main(ARGV)
except SystemExit:
    pass
"""


@pytest.mark.parametrize("argv, frozen", [('["render", "--help"]', False), ("None", True)])
def test_only_the_commands_own_process_freezes_its_objects_at_exit(argv, frozen):
    done = subprocess.run([sys.executable, "-c", FREEZE.replace("ARGV", argv)],
                          capture_output=True, text=True, timeout=60, env=env())  # fmt: skip
    count = int(done.stderr.strip().splitlines()[-1])
    assert (count > 1000) if frozen else (count == 0)  # main(argv) from a caller's code: no


def test_the_frames_bar_ends_at_the_frames_written(monkeypatch):
    """A worker reports every 10 frames, and its last reports can arrive after its result (or
    never): the bar ends at each job's frames all the same, one count per job even when a deck
    has the same scene twice."""
    import io

    from rich.console import Console

    import maniml.cli.local as local
    from maniml.cli.discover import SceneRef
    from maniml.cli.jobs import Job, JobResult
    from maniml.cli.main import Planned, _execute

    ref = SceneRef("tiny.py", "Tiny")
    jobs = [
        Job(file="tiny.py", cls="Tiny", output=f"out/Tiny.{f}", format=f) for f in ("mp4", "png")
    ]
    plans = [Planned(ref, j.format, Path(j.output), jobs=[j]) for j in jobs]

    def fake_run_local(jobs, n_workers, on_progress=None):
        mp4, png = sorted(jobs, key=lambda j: j.format)
        on_progress(mp4.output, 10, 23)
        on_progress(png.output, 0, 23)  # the same scene: its own count
        yield JobResult(mp4, True, frames=23)
        on_progress(mp4.output, 20, 23)  # late: stale
        yield JobResult(png, True, frames=1)  # png's reports never came

    monkeypatch.setattr(local, "run_local", fake_run_local)
    buf = io.StringIO()
    _execute(plans, 2, None, Console(file=buf, width=100))
    last = [line for line in buf.getvalue().splitlines() if line.startswith("frames")][-1]
    assert "24/24" in last.split(), last
