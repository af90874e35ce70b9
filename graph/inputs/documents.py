"""Reading inputs into `Document`s: files, folders (recursive) and globs, in any format and encoding
a corpus holds (see `formats.py`, `encoding.py`). A problem is reported per file, never fatal.

`Document.raw` is the decoded text for .txt/.md/.jsonl, and the extracted plain text for
.html/.pdf/.docx; evidence spans index it either way.
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..models import Document, DocumentMeta, InputError, document_id
from . import encoding, formats
from .formats import FormatError

FORMATS = {".txt": "text", ".md": "text", ".text": "text", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".shtml": "html", ".pdf": "pdf", ".docx": "docx", ".jsonl": "jsonl",
           ".ndjson": "jsonl"}
DEFAULT_MAX_MB = 50.0
HTML_START_RE = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, with the reason a user can act on."""
    path: str  # the file; `file:line` for a bad JSON Lines record
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Found:
    """The files `inputs` name: those to read, those in folders whose format is not a report's, and
    the folders that could not be searched (each with the reason)."""
    files: list[Path]
    ignored: list[Path]
    unsearched: list[Skipped] = field(default_factory=list)


def shown(path: str | Path) -> str:
    """A path as text that any output can hold: bytes of a name that are not UTF-8 (kept by Python
    as lone surrogates, which JSON and terminals refuse) are written as escapes (\\xff)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _is_glob(item: str) -> bool:
    return any(c in item for c in "*?[")



def _walk(folder: Path, unsearched: list[Skipped]) -> Iterator[Path]:
    """Every file below `folder`, sorted, hidden entries left out; linked folders are followed
    (each real folder once), and a folder that cannot be listed is recorded with the reason."""
    seen: set[str] = set()

    def problem(exc: OSError) -> None:
        unsearched.append(Skipped(shown(exc.filename or folder), f"folder not searched: {_os_problem(exc)}"))

    for here, dirs, names in os.walk(folder, followlinks=True, onerror=problem):
        real = os.path.realpath(here)
        if real in seen:  # a link back to a folder already searched
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(here) / name


def discover(inputs: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> Found:
    """Files named by `inputs`: files, folders (searched recursively, hidden entries left out, linked
    folders followed) and globs (`reports/**/*.html`). Each file once, in input order then sorted;
    files under `exclude` (the output folder) are left out. A missing input or a glob matching
    nothing is an InputError; a folder that cannot be searched is in `unsearched`."""
    excluded = [os.path.abspath(e) for e in exclude]
    files: dict[str, Path] = {}
    ignored: dict[str, Path] = {}
    unsearched: list[Skipped] = []

    def inside_out(key: str) -> bool:
        return any(key == e or key.startswith(e + os.sep) for e in excluded)

    def add(path: Path, into: dict[str, Path]) -> None:
        if not inside_out(key := os.path.abspath(path)):
            into.setdefault(key, path)

    def add_folder(folder: Path) -> None:
        if inside_out(os.path.abspath(folder)):
            unsearched.append(Skipped(shown(folder), "is the --out folder, or inside it: it holds the build's "
                                                     "outputs; put the reports in another folder"))
            return
        for f in _walk(folder, unsearched):
            add(f, files if f.suffix.lower() in FORMATS else ignored)

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            add_folder(p)
        elif p.is_file() or p.is_symlink() or p.exists():  # (a pipe or device: reading it says what it is)
            add(p, files)
        elif _is_glob(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                raise InputError(f"{item}: no such file or folder, and no file matches it as a pattern; check "
                                 "it (quote a pattern so the shell does not expand it)")
            for m in map(Path, matches):
                add_folder(m) if m.is_dir() else add(m, files)
        else:
            raise InputError(f"{p}: no such file or folder; give a file, a folder or a glob of reports")
    return Found(list(files.values()), list(ignored.values()), unsearched)


def document_from_text(name: str, text: str, path: str = "", meta: dict | None = None) -> Document:
    """A Document for a text already decoded; `meta` is what the file gives (title, date, url, source)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    meta = dict(meta or {})
    if meta.get("source") and not meta.get("outlet") and not meta["source"].startswith("http"):
        meta["outlet"] = meta["source"]  # a fallback: an outlet named in the text wins
    return Document(id=document_id(digest), name=name, path=path or name, raw=text, sha256=digest,
                    meta=DocumentMeta(**meta))


def content_key(doc: Document) -> str:
    """Same report whatever its name, encoding or line endings: the hash of its text without whitespace."""
    return hashlib.sha256("".join(doc.raw.split()).encode("utf-8", "surrogatepass")).hexdigest()


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "vanished before it could be read (moved or deleted during the run)"
    if isinstance(exc, PermissionError):
        return "permission denied; make it readable (chmod +r) or leave it out"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(_os_problem(exc)) from exc


def _to_text(path: Path, data: bytes, max_bytes: int) -> formats.ExtractedText:
    """The text and given metadata of one file, by its signature first, then by its name."""
    kind = FORMATS.get(path.suffix.lower(), "text")
    sniffed = encoding.signature(data)
    if sniffed in ("pdf", "docx"):
        kind = sniffed
    elif sniffed and kind in ("pdf", "docx") and not (kind == "docx" and sniffed == "a ZIP archive"):
        raise FormatError(f"is {sniffed}, not a {kind.upper()} file")
    if kind == "pdf":
        if sniffed != "pdf":
            raise FormatError("is not a PDF (no %PDF- signature); rename it or re-export it")
        return formats.pdf_to_text(data)
    if kind == "docx":
        return formats.docx_to_text(data, max_chars=max_bytes)
    if kind == "html":
        text, _ = encoding.decode(data, declared=encoding.declared_charset(data))
    else:
        text, _ = encoding.decode(data)
        if not HTML_START_RE.match(text[:2000]):
            return formats.ExtractedText(text)
    page = formats.html_to_text(text)
    if not page.text.strip():
        raise FormatError("the page has no article text")
    return page


def read_file(path: Path, *, max_bytes: int) -> Document:
    """One report file as a Document; InputError/FormatError say what is wrong with it."""
    try:
        st = path.stat()
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            raise InputError(f"is a link to {os.readlink(path)}, which does not exist") from exc
        raise InputError(_os_problem(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file (a pipe, socket or device); leave it out")
    size = st.st_size
    if size > max_bytes:
        raise InputError(f"is {formats.size_text(size)}, over the {formats.size_text(max_bytes)} limit; split it, "
                         "or raise the limit with --max-mb")
    data = _read_bytes(path)
    if not data.strip():
        raise InputError("is empty")
    extracted = _to_text(path, data, max_bytes)
    if not extracted.text.strip():
        raise InputError("holds no text (only whitespace)")
    if len(extracted.text) > max_bytes:  # the limit holds for the text too (a PDF or page can unpack large)
        raise InputError(f"holds {formats.size_text(len(extracted.text))} of text, over the "
                         f"{formats.size_text(max_bytes)} limit; split it, or raise the limit with --max-mb")
    return document_from_text(shown(path.name), extracted.text, shown(path), extracted.meta)


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """One Document per record, named `<file>#<id>`; a bad line is Skipped as `<file>:<line>`."""
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield Skipped(shown(path), _os_problem(exc))
        return
    ids: dict[str, int] = {}
    with stream:
        for record in formats.iter_records(stream, max_bytes=max_bytes):
            where = f"{shown(path)}:{record.line}"
            if record.problem:
                yield Skipped(where, record.problem)
            elif record.id in ids:
                yield Skipped(where, f"id {record.id} is already used on line {ids[record.id]}; give each "
                                     "record its own id")
            else:
                ids[record.id] = record.line
                yield document_from_text(f"{shown(path.name)}#{record.id}", record.extracted.text,
                                         f"{shown(path)}#{record.id}", record.extracted.meta)
    if not ids:
        yield Skipped(shown(path), "holds no JSON Lines record with an id and a text")


def read_path(path: Path, *, max_mb: float = DEFAULT_MAX_MB) -> Iterator[Document | Skipped]:
    """The Documents in one file (many for JSON Lines), or Skipped with the reason."""
    max_bytes = int(max_mb * 2**20)
    if FORMATS.get(path.suffix.lower()) == "jsonl":
        yield from read_jsonl(path, max_bytes=max_bytes)  # streamed: the limit is per record
        return
    try:
        yield read_file(path, max_bytes=max_bytes)
    except (InputError, FormatError) as exc:
        yield Skipped(shown(path), str(exc))

