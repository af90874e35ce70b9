"""Outputs replaced whole: a file is written under a temporary name beside it and renamed into
place, so an interrupted or failed write leaves the old file (or none), never half of a new one."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from huiyi.graph.models import ConfigError


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block ends without error it becomes `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        yield part
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()


def write_text(path: str | Path, text: str) -> Path:
    """`path.write_text(text)` replacing the file whole."""
    with replacing(path) as part:
        part.write_text(text, encoding="utf-8")
    return Path(path)


def writable_folder(folder: str | Path) -> Path:
    """`folder`, made if missing, once a file could be written in it; else ConfigError saying why
    (checked before a build's work, so a bad --out costs nothing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: is a file, not a folder; give --out a folder")
    parent = next((p for p in [folder, *folder.parents] if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise ConfigError(f"{folder}: {parent} is a file, so no folder can be made under it; give --out another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot be written ({exc.strerror or exc}); give --out a folder you can "
                          f"write to") from exc
    return folder


class OutLock:
    """An exclusive lock on an output folder for one build (OUT/.huiyi.lock, released when the
    build's process ends, however it ends): a second build into the same folder stops with one line
    instead of interleaving its outputs and cache with the first's."""

    NAME = ".huiyi.lock"

    def __init__(self, folder: str | Path):
        import fcntl

        self.path = Path(folder) / self.NAME
        self.handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise ConfigError(f"{folder}: another build is writing there ({holder}); wait for it to end or "
                              f"give --out another folder") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()}")
        self.handle.flush()

    def release(self) -> None:
        if not self.handle.closed:
            self.handle.close()  # closing drops the lock; the file stays (removing it would race)
