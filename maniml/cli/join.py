"""Join segment videos without re-encoding: ffmpeg's concat demuxer (``-c copy``), or a PyAV
remux when no ffmpeg executable is found. The joined video has the frames of the parts, one after
the other (the same packets)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["join_videos", "count_frames"]


def join_videos(
    parts: list[str | Path], dest: str | Path, *, use_ffmpeg: bool | None = None
) -> Path:
    """Concatenate ``parts`` (same codec and size) into ``dest``, written atomically."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.stem}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp{dest.suffix}")
    if use_ffmpeg is None:
        use_ffmpeg = shutil.which("ffmpeg") is not None
    try:
        if use_ffmpeg:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
                for p in parts:
                    quoted = str(Path(p).resolve()).replace("'", "'\\''")
                    listing.write(f"file '{quoted}'\n")
            try:
                subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i",
                                listing.name, "-c", "copy", str(tmp)], check=True)  # fmt: skip
            finally:
                os.unlink(listing.name)
        else:
            _remux(parts, tmp)
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest


def _remux(parts: list[str | Path], dest: Path) -> None:
    import av

    with av.open(str(dest), "w") as out:
        stream = None
        offset = 0
        for p in parts:
            with av.open(str(p)) as src:
                vin = src.streams.video[0]
                if stream is None:
                    stream = out.add_stream_from_template(vin)
                last = 0
                for packet in src.demux(vin):
                    if packet.dts is None:
                        continue
                    dur = packet.duration or 0
                    last = max(last, packet.pts + dur, packet.dts + dur)
                    packet.pts += offset
                    packet.dts += offset
                    packet.stream = stream
                    out.mux(packet)
                offset += last


def count_frames(path: str | Path) -> int:
    """Frames of the first video stream (decoded, so exact)."""
    import av

    with av.open(str(path)) as c:
        return sum(1 for _ in c.decode(video=0))
