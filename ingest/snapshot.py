"""One file per version of an embedded store: what its collection holds, read without Chroma.

chromadb's embedded client keeps ~3 MiB of state for every collection it has touched (even for
a `count()`; its vector index and more) and never lets it go, so a server answering about many
cases grew without end. The answering process therefore reads a case from this file instead:
every entry (id, text, metadata) in the collection's order and its vector, written beside the
collection from the same entries and vectors before the version becomes live, and dropped with
it. A version without a file (a Chroma server, or a store written before these files) is read
from Chroma.

`snapshots/<sha-256 of the collection name>.npz` (a collection name may be longer than a file
name): two numpy arrays (no pickle): the entries as one UTF-8 JSON document (the collection's
name, ids, texts, metadata; numpy's own string arrays would pad every text to the longest, in
UTF-32) and the float32 vectors. A file is written after its collection and removed before it,
so every file has its collection, and dropping the collections (`Store.drop_stale`) drops the
files. A file gets the permissions of Chroma's own database file: it holds the same records."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.entries import Entry
from ingest.registry_file import chroma_mode

FOLDER = "snapshots"


@dataclass(frozen=True)
class Snapshot:
    """A version's entries in the collection's order, and one vector per entry."""

    entries: list[Entry]
    vectors: np.ndarray  # float32, shape (len(entries), dimensions)


def path_for(folder: Path, collection: str) -> Path:
    return folder / FOLDER / f"{hashlib.sha256(collection.encode()).hexdigest()}.npz"


def count(folder: Path) -> int:
    """How many versions have a file."""
    return len(list((folder / FOLDER).glob("*.npz")))


def write(folder: Path, collection: str, entries: Sequence[Entry], vectors: np.ndarray) -> None:
    """Atomically (a temporary file renamed), so a reader finds the whole file or none."""
    target = path_for(folder, collection)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".snapshot-", suffix=".npz", dir=target.parent)
    try:
        os.fchmod(handle, chroma_mode(folder))
        with os.fdopen(handle, "wb") as out:
            document = {
                "collection": collection,
                "ids": [e.id for e in entries],
                "texts": [e.text for e in entries],
                "metadata": [e.metadata for e in entries],
            }
            np.savez(
                out,
                entries=np.frombuffer(json.dumps(document).encode(), dtype=np.uint8),
                vectors=np.asarray(vectors, dtype=np.float32).reshape(len(entries), -1)
                if len(entries)
                else np.zeros((0, 0), dtype=np.float32),
            )
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read(folder: Path, collection: str) -> Snapshot | None:
    """The version's file, or None when it has none (or it cannot be read)."""
    try:
        with np.load(path_for(folder, collection), allow_pickle=False) as data:
            document = json.loads(data["entries"].tobytes())
            vectors = data["vectors"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    if document.get("collection") != collection:
        return None
    entries = [
        Entry(id=i, text=text, metadata=meta)
        for i, text, meta in zip(
            document["ids"], document["texts"], document["metadata"], strict=True
        )
    ]
    return Snapshot(entries, vectors)


def remove(folder: Path, collection: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        path_for(folder, collection).unlink()
