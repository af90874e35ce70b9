"""Outputs replaced whole: a file is written under a temporary name beside it and renamed into
place, so an interrupted or failed write leaves the old file (or none), never half of a new one."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from graph.models import ConfigError


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
