"""A content-hash cache of extraction results, so a rebuild re-extracts only new or changed reports.

One JSON file per document (`Document.model_dump_json()` after `pipeline.extract`), keyed by the
sha256 of its text and the metadata its file gave, in a folder named after the extraction code's
version: a change to the normaliser, the extractors, their data or the libraries they use starts a
fresh folder. Entries a build did not use are pruned after it, so the cache mirrors the last build.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pydantic import ValidationError

from .models import Document

# What extraction results depend on, relative to the graph package.
CODE_FILES = ["models.py", "normalize.py", "segment.py", "pipeline.py", "extractors/*.py", "data/*"]
LIBRARIES = ["jieba", "opencc", "pydantic"]
VERSION_RE = re.compile(r"[0-9a-f]{16}")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the extraction code, its data files and the libraries' versions."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for pattern in CODE_FILES:
        for f in sorted(root.glob(pattern)):
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={version(lib)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=?\0".encode())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Extracted Documents on disk under `folder/<code version>/`."""

    def __init__(self, folder: str | Path):
        self.root = Path(folder)
        self.folder = self.root / code_version()
        self.used: set[str] = set()
        self.writable = True

    @staticmethod
    def key(doc: Document) -> str:
        """Of a document as read, before extraction: its text and the metadata its file gave."""
        given = doc.meta.model_dump_json(include={"title", "date", "outlet", "url", "source"})
        return hashlib.sha256(f"{doc.sha256}\0{given}".encode()).hexdigest()

    def get(self, key: str, doc: Document) -> Document | None:
        """The extracted document for `key`, renamed to `doc`'s name and path; None when absent or unreadable."""
        try:
            cached = Document.model_validate_json((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValidationError, ValueError):
            return None
        if cached.sha256 != doc.sha256:
            return None
        self.used.add(key)
        cached.name, cached.path = doc.name, doc.path  # the same text may have moved or been renamed
        return cached

    def put(self, key: str, doc: Document) -> None:
        """Store an extracted document (atomically; a cache that cannot be written is only skipped)."""
        self.used.add(key)
        if not self.writable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the cache from others sharing OUT
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(doc.model_dump_json())
            os.replace(tmp, self.folder / f"{key}.json")
        except OSError:
            self.writable = False

    def prune(self) -> None:
        """Drop entries this build did not use, and folders of older code versions."""
        if not self.root.is_dir():
            return
        for entry in self.root.iterdir():  # only what this cache wrote: never a user's file
            if entry.is_dir() and entry != self.folder and VERSION_RE.fullmatch(entry.name):
                shutil.rmtree(entry, ignore_errors=True)
        if self.folder.is_dir():
            for f in self.folder.iterdir():
                if f.suffix in (".json", ".tmp") and f.stem not in self.used:
                    f.unlink(missing_ok=True)
