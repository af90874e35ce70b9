"""Reading input files into `Document`s. Problems are reported per file, never fatal for the run."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .models import Document, InputError

TEXT_SUFFIXES = {".txt", ".md"}


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with the reason a user can act on."""
    path: str
    reason: str


def discover(inputs: list[str | Path]) -> list[Path]:
    """Files named by `inputs` (files, folders searched recursively), sorted, each once."""
    found: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES:
                    found.setdefault(f, None)
        elif p.is_file():
            found.setdefault(p, None)
        else:
            raise InputError(f"{p}: no such file or folder; give a file, a folder or a glob of reports")
    return list(found)


def document_from_text(name: str, text: str, path: str = "") -> Document:
    """A Document for a text already decoded (tests, JSON Lines records)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=f"Document:{digest[:16]}", name=name, path=path or name, raw=text, sha256=digest)


def read_document(path: Path) -> Document:
    """Read one file; raise InputError naming the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks binary, not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}; convert it to UTF-8") from exc
    return document_from_text(path.name, text, str(path))


def iter_documents(inputs: list[str | Path]) -> Iterator[Document | Skipped]:
    for path in discover(inputs):
        try:
            yield read_document(path)
        except InputError as exc:
            yield Skipped(str(path), str(exc))
