"""Outputs replaced whole: a file is written under a temporary name beside it and renamed into
place, so an interrupted or failed write leaves the old file (or none), never half of a new one."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


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
