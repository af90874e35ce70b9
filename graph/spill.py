"""Records kept out of the heap: appended a report at a time, read back in report order.

A corpus of years of reports has millions of relations, each with its evidence sentence; held as
Python objects they would be most of a build's memory. A `Spill` pickles each report's records as
one chunk into a buffer that moves to a temporary file once it passes `memory_limit` bytes, and
reads them back chunk by chunk. Chunks are read in the order of their keys (a report's file name
and id), so the edges come out the same whatever order reports were merged in. Reads are
positional (`os.pread`), so a forked writer reads the same file without disturbing this process.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from collections import Counter
from typing import Iterator

MEMORY_LIMIT = 32 * 2**20  # bytes held in memory before the chunks move to a temporary file


class Spill:
    """A sized, re-iterable collection of picklable records, in chunks read back in key order."""

    def __init__(self, *, memory_limit: int = MEMORY_LIMIT, folder: str | None = None):
        self.memory_limit, self.folder = memory_limit, folder
        self._buffer: bytearray | None = bytearray()
        self._file = None  # the temporary file, once the buffer has moved there
        self._size = 0  # bytes written
        self._chunks: list[tuple[tuple, int, int, int]] = []  # (key, offset, length, records)
        self._sorted = True
        self._count = 0

    def append(self, key: tuple, records: list[tuple]) -> None:
        """Add one chunk of records under `key` (chunks are read back in key order, and chunks with
        equal keys in the order they were added)."""
        if not records:
            return
        data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
        if self._chunks and key < self._chunks[-1][0]:
            self._sorted = False
        self._chunks.append((key, self._size, len(data), len(records)))
        self._write(data)
        self._count += len(records)

    def _write(self, data: bytes) -> None:
        if self._buffer is not None and self._size + len(data) > self.memory_limit:
            self._file = tempfile.TemporaryFile(prefix="huiyi-edges-", dir=self.folder)
            self._file.write(self._buffer)
            self._buffer = None
        if self._buffer is not None:
            self._buffer += data
        else:
            self._file.write(data)
        self._size += len(data)

    def _read(self, offset: int, length: int) -> bytes:
        if self._buffer is not None:
            return bytes(self._buffer[offset:offset + length])
        self._file.flush()
        return os.pread(self._file.fileno(), length, offset)

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def _ordered(self) -> list[tuple[tuple, int, int, int]]:
        if not self._sorted:  # a stable sort: equal keys keep the order they came in
            self._chunks.sort(key=lambda c: c[0])
            self._sorted = True
        return self._chunks

    def chunks(self) -> Iterator[list[tuple]]:
        """Each chunk's records, chunks in key order."""
        for _, offset, length, _ in list(self._ordered()):
            yield pickle.loads(self._read(offset, length))

    def __iter__(self) -> Iterator[tuple]:
        for records in self.chunks():
            yield from records

    def keyed(self) -> Iterator[tuple[tuple, object]]:
        """(key, record) for every record, in key order."""
        for key, offset, length, _ in list(self._ordered()):
            for record in pickle.loads(self._read(offset, length)):
                yield key, record

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._buffer, self._file, self._chunks = bytearray(), None, []
        self._size, self._count = 0, 0

    def __getstate__(self):
        """Pickled (for a spawned process or a cluster) as the records themselves."""
        return {"memory_limit": self.memory_limit,
                "chunks": [(key, pickle.loads(self._read(offset, length)))
                           for key, offset, length, _ in self._ordered()]}

    def __setstate__(self, state) -> None:
        self.__init__(memory_limit=state["memory_limit"])
        for key, records in state["chunks"]:
            self.append(key, records)


class EdgeSpill(Spill):
    """A Spill of edge records (build.EdgeRecord), with what the store's writer needs before it reads
    them, kept as they are added: the records per (type, from label, to label), a label being the
    part of an id before its first colon (graph.models.stable_id), and the (property, Python type)s
    of each type's further properties."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.pairs: Counter = Counter()  # (type, from label, to label) -> records
        self.properties: dict[str, set[tuple[str, type]]] = {}  # type -> (property, Python type)

    @property
    def types(self) -> Counter:
        """Records per type."""
        counts: Counter = Counter()
        for (kind, _, _), n in self.pairs.items():
            counts[kind] += n
        return counts

    def append(self, key: tuple, records: list[tuple]) -> None:
        super().append(key, records)
        self.pairs.update((r[3], r[1][:r[1].find(":")], r[2][:r[2].find(":")]) for r in records)
        for r in records:
            more = r[9]
            if more is not None:
                kinds = self.properties.get(r[3])
                if kinds is None:
                    kinds = self.properties[r[3]] = set()
                if type(more) is int:
                    kinds.add(("count", int))
                else:
                    kinds.update([(k, type(v)) for k, v in more.items()])

    def close(self) -> None:
        super().close()
        self.pairs, self.properties = Counter(), {}
