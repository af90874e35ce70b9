"""Records kept out of the heap: appended a report at a time, read back in report order.

A corpus of years of reports has millions of relations, each with its evidence sentence; held as
Python objects they would be most of a build's memory. A `Spill` pickles each report's records as
one chunk into a buffer that moves to a temporary file once it passes `memory_limit` bytes, and
reads them back chunk by chunk. Chunks are read in the order of their keys (a report's file name
and id), so the edges come out the same whatever order reports were merged in. Reads are
positional (`os.pread`), so a forked writer reads the same file without disturbing this process.
An `EdgeSpill` keeps a report's edges as a chunk per (type, from label, to label), so the store's
writer reads one table's records at a time (and hands each table to the engine as it is done).
`RecordList` and `EdgeList` are the same sinks in memory: a Merger keeps its records in either
(`Sinks`: lists by default, the spill for large builds), and reads them back in the same order.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections import Counter
from functools import partial
from itertools import chain
from typing import Callable, Iterable, Iterator, NamedTuple

from .source import EdgeRecord, record_pair

MEMORY_LIMIT = 32 * 2**20  # bytes held in memory before the chunks move to a temporary file
READ_AHEAD = 2**20  # bytes of adjacent chunks read at once


class Spill:
    """A sized, re-iterable collection of picklable records, in chunks read back in key order.
    A chunk may belong to a group (a tuple, () by default): `chunks(groups)` reads the chunks of
    some groups only."""

    def __init__(self, *, memory_limit: int = MEMORY_LIMIT, folder: str | None = None):
        self.memory_limit, self.folder = memory_limit, folder
        self._buffer: bytearray | None = bytearray()
        self._file = None  # the temporary file, once the buffer has moved there
        self._size = 0  # bytes written
        # per chunk, side by side (a corpus makes hundreds of thousands of chunks: no tuple each)
        self._keys: list[tuple] = []
        self._groups = array("I")  # index into _group_names
        self._offsets, self._lengths = array("q"), array("q")
        self._group_names: list[tuple] = []
        self._group_index: dict[tuple, int] = {}
        self._of_group: dict[int, list[int]] | None = None  # group -> its chunks in order, once asked
        self._sorted = True
        self._unflushed = False  # written to the file since its last flush
        self._count = 0

    def append(self, key: tuple, records: list[tuple], group: tuple = ()) -> None:
        """Add one chunk of records under `key` and `group` (chunks are read back in key order, and
        chunks with equal keys in the order they were added)."""
        if not records:
            return
        data = self._dump(records)
        g = self._group_index.get(group)
        if g is None:
            g = self._group_index[group] = len(self._group_names)
            self._group_names.append(group)
        if self._keys and key < self._keys[-1]:
            self._sorted = False
        self._keys.append(key)
        self._groups.append(g)
        self._offsets.append(self._size)
        self._lengths.append(len(data))
        self._of_group = None
        self._write(data)
        self._count += len(records)

    def _dump(self, records: list[tuple]) -> bytes:
        return pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)

    def _load(self, blob) -> list[tuple]:
        return pickle.loads(blob)

    def _write(self, data: bytes) -> None:
        if self._buffer is not None and self._size + len(data) > self.memory_limit:
            self._file = tempfile.TemporaryFile(prefix="huiyi-edges-", dir=self.folder)
            self._file.write(self._buffer)
            self._buffer = None
        if self._buffer is not None:
            try:
                self._buffer += data
            except BufferError:  # a reader still holds a view of it (see _blobs): it keeps that one
                self._buffer = self._buffer + data
        else:
            self._file.write(data)
        self._size += len(data)
        self._unflushed = self._file is not None

    def _read(self, offset: int, length: int) -> bytes:
        if self._buffer is not None:
            return bytes(memoryview(self._buffer)[offset:offset + length])  # (one copy, not two)
        if self._unflushed:  # (once after the writes, not per read: a pass reads 100,000s of chunks)
            self._file.flush()
            self._unflushed = False
        return os.pread(self._file.fileno(), length, offset)

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def sort(self) -> None:
        """Put the chunks in key order now (a stable sort: chunks with equal keys keep the order they
        were added in). Reading does it when needed; a writer about to fork readers calls it first,
        so that they do not each sort their own copy."""
        if self._sorted:
            return
        order = sorted(range(len(self._keys)), key=self._keys.__getitem__)
        self._keys = [self._keys[i] for i in order]
        for name in ("_groups", "_offsets", "_lengths"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, [column[i] for i in order]))
        self._of_group, self._sorted = None, True

    def _chosen(self, groups: Iterable[tuple] | None) -> list[int]:
        """The chunks (by position, in order) of `groups`, or all of them."""
        self.sort()
        if groups is None:
            return list(range(len(self._keys)))
        if self._of_group is None:
            self._of_group = {}
            for i, g in enumerate(self._groups):
                self._of_group.setdefault(g, []).append(i)
        wanted = [self._of_group.get(self._group_index[g], []) for g in set(groups) if g in self._group_index]
        return wanted[0] if len(wanted) == 1 else sorted(i for chunks in wanted for i in chunks)

    def _blobs(self, chosen: list[int]) -> Iterator[tuple[int, memoryview]]:
        """(position, pickled records) of the chosen chunks, in their order."""
        return self._file_blobs(chosen) if self._buffer is None else self._buffer_blobs(chosen)

    def _buffer_blobs(self, chosen: list[int]) -> Iterator[tuple[int, memoryview]]:
        """The chunks as views into the buffer: no copies (a pass over a pair's chunks, which lie
        apart, took four times as long copying them one by one). While a view is held the buffer
        cannot grow: an append meanwhile goes on in a copy (see _write)."""
        view = memoryview(self._buffer)
        offsets, lengths = self._offsets, self._lengths
        try:
            for k in chosen:
                at = offsets[k]
                yield k, view[at:at + lengths[k]]
        finally:
            view.release()

    def _file_blobs(self, chosen: list[int]) -> Iterator[tuple[int, memoryview]]:
        """The chunks read from the file; chunks that lie end to end (a report's pairs, read in
        order) are read together."""
        offsets, lengths = self._offsets, self._lengths
        i, n = 0, len(chosen)
        while i < n:
            start = end = offsets[chosen[i]]
            j = i
            while j < n and offsets[chosen[j]] == end and end - start < READ_AHEAD:
                end += lengths[chosen[j]]
                j += 1
            data = memoryview(self._read(start, end - start))
            for k in chosen[i:j]:
                at = offsets[k] - start
                yield k, data[at:at + lengths[k]]
            i = j

    def chunks(self, groups: Iterable[tuple] | None = None) -> Iterator[list[tuple]]:
        """Each chunk's records, chunks in key order; `groups`: only these groups' chunks
        (only they are read)."""
        return map(self._load, (blob for _, blob in self._blobs(self._chosen(groups))))

    def records(self, groups: Iterable[tuple] | None = None) -> Iterator[tuple]:
        """The records of `chunks(groups)`, one after another."""
        return chain.from_iterable(self.chunks(groups))

    def __iter__(self) -> Iterator[tuple]:
        return self.records()

    def keyed(self) -> Iterator[tuple[tuple, object]]:
        """(key, record) for every record, in key order."""
        for i, blob in self._blobs(self._chosen(None)):
            key = self._keys[i]
            for record in self._load(blob):
                yield key, record

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self.__init__(memory_limit=self.memory_limit, folder=self.folder)

    def __getstate__(self):
        """Pickled (for a spawned process or a cluster) as the records themselves."""
        return {"memory_limit": self.memory_limit,
                "chunks": [(self._keys[i], self._group_names[self._groups[i]],
                            self._load(self._read(self._offsets[i], self._lengths[i]))) for i in self._chosen(None)]}

    def __setstate__(self, state) -> None:
        self.__init__(memory_limit=state["memory_limit"])
        for key, group, records in state["chunks"]:
            self.append(key, records, group)


class RecordList:
    """The in-memory record sink: a Spill's interface (chunks appended under a key and a group,
    read back in key order, chunks with equal keys in the order they came) over a plain list."""

    def __init__(self) -> None:
        self._chunks: list[tuple[tuple, tuple, list[tuple]]] = []  # (key, group, records)
        self._sorted, self._count = True, 0

    def append(self, key: tuple, records: list[tuple], group: tuple = ()) -> None:
        if not records:
            return
        if self._chunks and key < self._chunks[-1][0]:
            self._sorted = False
        self._chunks.append((key, group, records))
        self._count += len(records)

    def sort(self) -> None:
        if not self._sorted:
            self._chunks.sort(key=lambda chunk: chunk[0])  # stable: equal keys keep their order
            self._sorted = True

    def chunks(self, groups: Iterable[tuple] | None = None) -> Iterator[list[tuple]]:
        self.sort()
        wanted = None if groups is None else set(groups)
        return (records for _, group, records in self._chunks if wanted is None or group in wanted)

    def records(self, groups: Iterable[tuple] | None = None) -> Iterator[tuple]:
        return chain.from_iterable(self.chunks(groups))

    def __iter__(self) -> Iterator[tuple]:
        return self.records()

    def keyed(self) -> Iterator[tuple[tuple, object]]:
        self.sort()
        return ((key, record) for key, _, records in self._chunks for record in records)

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self.__init__()


class EdgeLayout:
    """What a writer needs before it reads the edge records, noted as they are added: the records
    per (type, from label, to label) and the (property, Python type)s of each type's further
    properties."""
    __slots__ = ("pairs", "properties")

    def __init__(self) -> None:
        self.pairs: Counter = Counter()  # (type, from label, to label) -> records
        self.properties: dict[str, set[tuple[str, type]]] = {}  # type -> (property, Python type)

    @property
    def types(self) -> Counter:
        """Records per type."""
        counts: Counter = Counter()
        for (kind, _, _), n in self.pairs.items():
            counts[kind] += n
        return counts

    def by_pair(self, records: list[tuple]) -> list[tuple[tuple[str, str, str], list[tuple]]]:
        """A report's records split by pair, pairs in order, noting their counts and properties."""
        by_pair: dict[tuple[str, str, str], list[tuple]] = {}
        for r in records:
            pair = record_pair(r)
            found = by_pair.get(pair)
            if found is None:
                by_pair[pair] = [r]
            else:
                found.append(r)
            more = r.more
            if more is not None:
                kinds = self.properties.get(r.type)
                if kinds is None:
                    kinds = self.properties[r.type] = set()
                if type(more) is int:
                    kinds.add(("count", int))
                else:
                    kinds.update([(k, type(v)) for k, v in more.items()])
        chunks = sorted(by_pair.items())
        for pair, chunk in chunks:
            self.pairs[pair] += len(chunk)
        return chunks


class _EdgeSink:
    """Edge records (source.EdgeRecord) kept as a chunk per report and (type, from label, to
    label), so that a writer can read one pair's records without the others', with their layout."""
    layout: EdgeLayout

    @property
    def pairs(self) -> Counter:
        return self.layout.pairs

    @property
    def properties(self) -> dict[str, set[tuple[str, type]]]:
        return self.layout.properties

    @property
    def types(self) -> Counter:
        return self.layout.types

    def append(self, key: tuple, records: list[tuple], group: tuple | None = None) -> None:
        """Add a report's records under `key`, a chunk per pair; `group` is not used: a record's
        group is its pair."""
        for pair, chunk in self.layout.by_pair(records):
            super().append(key, chunk, pair)  # type: ignore[misc]


class EdgeList(_EdgeSink, RecordList):
    """The edge records in memory (a library build's default)."""

    def __init__(self) -> None:
        super().__init__()
        self.layout = EdgeLayout()


class EdgeSpill(_EdgeSink, Spill):
    """The edge records out of the heap (a large build's: see the module docstring)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.layout = EdgeLayout()

    # Pickled as plain tuples: a named tuple's pickling calls back into Python per record (five
    # times the cost), and remaking them on reading is cheaper than unpickling them.
    def _dump(self, records: list[tuple]) -> bytes:
        return super()._dump(list(map(tuple, records)))

    def _load(self, blob) -> list[tuple]:
        return list(map(_edge_record, super()._load(blob)))


# A plain tuple as an EdgeRecord, with no Python call per record (EdgeRecord._make is one).
_edge_record = partial(tuple.__new__, EdgeRecord)


EDGE_SINKS = (EdgeList, EdgeSpill)


class Sinks(NamedTuple):
    """Where a Merger keeps its records: edge records, and what waits for the meeting ids."""
    edges: Callable[[], EdgeList | EdgeSpill]
    pending: Callable[[], RecordList | Spill]


IN_MEMORY = Sinks(EdgeList, RecordList)  # the default: lists
SPILLED = Sinks(EdgeSpill, Spill)  # a large build's: out of the heap
