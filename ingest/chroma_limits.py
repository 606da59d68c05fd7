"""A bound on the vector indexes the embedded Chroma client keeps open in memory.

chromadb's Rust bindings keep every collection's HNSW index they have opened, up to a fifth
of the process's open-file limit (`RustBindingsAPI.__init__`: 4,000 indexes at a limit of
20,000), ~3 MiB a case: a server that answers about 1,000 cases would hold all of them.
chromadb has no setting for it, so while the client is made its open-file limit reads as
5 x `open_indexes`; the least recently used index is then closed (and read from disk again
when next queried). The process's real limit is never changed."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

FILES_PER_INDEX = 5  # chromadb: "Each HNSW index has 4 data files and 1 metadata file"


@contextmanager
def open_indexes(count: int) -> Iterator[None]:
    """Within this block, a new embedded client keeps at most `count` indexes open."""
    import chromadb.api.rust as rust

    real = resource.getrlimit

    def limit(kind: int) -> tuple[int, int]:
        soft, hard = real(kind)
        if kind != resource.RLIMIT_NOFILE:
            return soft, hard
        return min(soft, count * FILES_PER_INDEX), hard

    with mock.patch.object(rust.resource, "getrlimit", limit):
        yield
