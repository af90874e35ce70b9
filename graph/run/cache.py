"""A content-hash cache of extraction results, so a rebuild re-extracts only new or changed reports.

Entries are opaque bytes (pipeline.py encodes what a build keeps of a report) keyed by the sha256
of the report's text and the metadata its file gave, in one SQLite file in a folder named after the
extraction code's version: a change to the normaliser, the extractors, their data or the libraries
they use starts a fresh folder. One file, not one per report: creating a file per report cost a
first build more than a tenth of its time (mostly the file system allocating inodes) and wrote
six times the corpus's size. Only the build's own process writes it; workers only read which keys
it holds (`known_keys`). Entries a build did not use are pruned after it, so the cache mirrors
the last build.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import pickle
import re
import shutil
import sqlite3
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable, Iterable

from ..merge.resolve import ReportFacts
from ..models import Document

# What extraction results depend on: the modules graph/pipeline.py imports, followed through every
# import (module level or inside a function) that stays in the graph package, and its data files.
ENTRY_MODULE = "run/pipeline.py"
DATA_FILES = "data/*"
LIBRARIES = ["jieba", "opencc", "pydantic"]
VERSION_RE = re.compile(r"[0-9a-f]{16}")
DB_NAME = "extractions.sqlite"
COMMIT_EVERY = 500  # entries per transaction: a commit per report would cost more than the write
PAGE_SIZE = 16384  # a new cache file's pages: an entry fits in one or two


def _module_file(root: Path, dotted: str) -> Path | None:
    """The file of a module of the package at `root` (`extractors.roles` -> extractors/roles.py)."""
    base = root.joinpath(*dotted.split(".")) if dotted else root
    for f in (base.with_suffix(".py"), base / "__init__.py"):
        if f.is_file():
            return f
    return None


# The statements that can import: `import x` and `from x import (a, b)` (over lines, in parentheses or
# after a backslash), anywhere a line begins. Only these are parsed: the whole module's syntax tree
# cost half a second of every build. A line of prose that reads like an import can only add a file.
_LOGICAL_LINE = r"(?:[^\n\\]|\\[\s\S])*"  # to the end of the line, past backslash-newlines
IMPORT_LINE_RE = re.compile(rf"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|{_LOGICAL_LINE})"
                            rf"|import[ \t]+{_LOGICAL_LINE})", re.M)


def import_statements(source: str) -> list[ast.stmt]:
    """The import statements of a module's source (see IMPORT_LINE_RE)."""
    found = []
    for m in IMPORT_LINE_RE.finditer(source):
        try:
            found += ast.parse(m.group().strip().replace("\\\n", " ")).body
        except SyntaxError:  # prose in a docstring or comment
            continue
    return found


def _imported(root: Path, f: Path, statements: Callable[[str], Iterable[ast.AST]] = import_statements) -> set[Path]:
    """The package's own modules that file `f` imports (`statements`: the nodes to look at)."""
    package = f.parent.relative_to(root).parts
    found = set()
    for node in statements(f.read_bytes().decode("utf-8")):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package[:len(package) - node.level + 1] if node.level > 1 else package
                prefix = ".".join(parts + tuple(filter(None, (node.module or "").split("."))))
            elif (node.module or "").split(".")[0] == root.name:
                prefix = node.module.partition(".")[2]
            else:
                continue
            names = [f"{prefix}.{a.name}" if prefix else a.name for a in node.names] + [prefix]
        elif isinstance(node, ast.Import):
            names = [a.name.partition(".")[2] for a in node.names if a.name.split(".")[0] == root.name]
        else:
            continue
        found |= {m for name in names if (m := _module_file(root, name))}
    return found


def code_files(root: Path, statements: Callable[[str], Iterable[ast.AST]] = import_statements) -> list[Path]:
    """Every file extraction results depend on: the import closure of the pipeline, and the data."""
    todo, seen = [root / ENTRY_MODULE], set()
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(_imported(root, f, statements) - seen)
    return sorted(seen | set(root.glob(DATA_FILES)))


def version_of(root: Path) -> str:
    """A hash of the code at `root` that extraction depends on, and of the libraries' versions."""
    h = hashlib.sha256()
    for f in code_files(root):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={version(lib)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=?\0".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version of this installation's extraction code (see `version_of`)."""
    return version_of(Path(__file__).parent.parent)  # the graph package: run/ is one level down


def cache_key(doc: Document) -> str:
    """Of a document as read, before extraction: its text and the metadata its file gave."""
    given = doc.meta.model_dump_json(include={"title", "date", "outlet", "url", "source"})
    return hashlib.sha256(f"{doc.sha256}\0{given}".encode()).hexdigest()


def encode(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def decode(entry: bytes) -> object | None:
    """An entry's value, or None when it cannot be read back. Entries are pickles this code wrote
    into the build's own output folder (a folder others can write is a folder they can run code from)."""
    try:
        return pickle.loads(entry)
    except Exception:  # a damaged pickle can raise almost anything; the report is only extracted again
        return None


def encode_entry(summary: Any, facts: ReportFacts) -> bytes:
    """A report's cache entry: its summary (a pipeline.DocumentSummary, without the text) and facts."""
    return encode((replace(summary, raw=None), facts))


def entry_parts(entry: bytes) -> tuple[Any, ReportFacts]:
    """The (summary, facts) of an entry this process's build encoded (a worker's result crossing
    to the build's process: see pipeline.Extracted)."""
    return decode(entry)


def decode_entry(entry: bytes, read: Any) -> tuple[Any, ReportFacts] | None:
    """The summary and facts in a cache entry, named as the report `read` (its summary as read
    now) is (the same text may have moved or been renamed); None if the entry is damaged or of
    another text."""
    decoded = decode(entry)
    if not (isinstance(decoded, tuple) and len(decoded) == 2 and isinstance(decoded[0], type(read))
            and isinstance(decoded[1], ReportFacts) and decoded[0].sha256 == read.sha256):
        return None
    summary, facts = decoded
    summary.name, summary.path, summary.raw = read.name, read.path, read.raw
    facts.name, facts.props["path"] = read.name, read.path
    return summary, facts


_known: dict[str, frozenset[str]] = {}  # per process: the keys a build's cache held when it began


@dataclass(frozen=True)
class CacheUse:
    """What a worker needs of the build's cache: which reports it holds (by key), nothing else."""
    db: str  # the cache file
    build: str  # names the build: its keys are read once per build in each process
    look_up: bool = True  # False: extract even what the cache holds (its entry was damaged)

    def holds(self, key: str) -> bool:
        return self.look_up and key in known_keys(self.db, self.build)


def forget_keys() -> None:
    """Free the keys read for a build, once it is done."""
    _known.clear()


def known_keys(db: str, build: str) -> frozenset[str]:
    """The keys in the cache file `db`, read once per build (`build` names it) in each process; an
    absent or unreadable cache holds none. Read-only: workers never write the cache."""
    memo = f"{build}\0{db}"
    if memo not in _known:
        _known.clear()  # one build's keys at a time
        keys: frozenset[str] = frozenset()
        try:
            conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                keys = frozenset(k for (k,) in conn.execute("SELECT key FROM entries"))
            finally:
                conn.close()
        except (sqlite3.Error, OSError, ValueError):
            pass
        _known[memo] = keys
    return _known[memo]


class ExtractionCache:
    """Encoded extraction results in `folder/<code version>/extractions.sqlite`; used by one
    process (the build's), which reads and writes it; `close` (or `prune`) commits."""

    def __init__(self, folder: str | Path):
        self.root = Path(folder)
        self.folder = self.root / code_version()
        self.path = self.folder / DB_NAME
        self.used: set[str] = set()
        self.writable = True
        self._conn: sqlite3.Connection | None = None
        self._pending = 0

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and self.writable:
            try:
                self._conn = self._open()
            except (sqlite3.Error, OSError):
                try:  # not a database (damaged, or something else): start it again
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    self._conn = self._open()
                except (sqlite3.Error, OSError):
                    self.writable = False  # a cache that cannot be written is only skipped
        return self._conn

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            # WAL: workers read the keys while this process writes; NORMAL: no sync per commit (a
            # power cut may lose the last entries, never the file). Entries (~5 KB) go in rowid
            # order, appended, on 16 KB pages: keyed by their hashes (WITHOUT ROWID) each insert
            # landed in a random page of the tree, which cost a first build 3x the write time.
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # (before the log: it fixes the file's pages)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, entry BLOB NOT NULL)")
            conn.commit()
        except sqlite3.Error:
            conn.close()
            raise
        with contextlib.suppress(OSError):  # readable by others who share OUT, whatever the umask made it
            self.path.chmod(0o644)
        return conn

    def use(self, build: str) -> CacheUse:
        """The workers' view of this cache for one build; its keys are read now, in this process,
        so workers forked from it have them without reading the file."""
        self._connection()  # the file (and its log, for workers' read-only views) exists from here on
        use = CacheUse(str(self.path), build)
        known_keys(use.db, use.build)
        return use

    def get(self, key: str) -> bytes | None:
        """The entry stored under `key`, or None."""
        conn = self._connection()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put(self, key: str, entry: bytes) -> None:
        """Store an entry (committed in batches and by `close`)."""
        self.used.add(key)
        conn = self._connection()
        if conn is None:
            return
        try:
            conn.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, entry))
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                conn.commit()
                self._pending = 0
        except sqlite3.Error:
            self.writable = False

    def prune(self) -> None:
        """Drop entries this build did not use, and folders of older code versions; then close."""
        if self.root.is_dir():
            for entry in self.root.iterdir():  # only what this cache wrote: never a user's file
                if entry.is_dir() and entry != self.folder and VERSION_RE.fullmatch(entry.name):
                    shutil.rmtree(entry, ignore_errors=True)
        conn = self._connection() if self.path.exists() else None
        if conn is not None:
            try:
                conn.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                conn.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                conn.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
                conn.execute("DROP TABLE used")
            except sqlite3.Error:
                pass
        self.close()

    def close(self) -> None:
        """Commit, and free the keys read for this build."""
        forget_keys()
        if self._conn is not None:
            try:
                self._conn.commit()
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave one file, not a log beside it
            except sqlite3.Error:
                pass
            self._conn.close()
            self._conn = None
            self._pending = 0
