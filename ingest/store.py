"""The store layout: one versioned Chroma collection per case and one for the learning corpus,
and a small registry saying which version of each is live.

Writing a new version never touches the live one; switching is a single registry upsert, so a
reader sees the whole old version or the whole new one, never a mix. Old versions and
leftovers of a crashed write are dropped afterwards by name.

Every change of the registry also writes a new token in its `generation` row, in the same
upsert, so a long-lived reader (the app lists the cases on every page) keeps its listing until
the token changes: one row read instead of the whole registry (~0.1 ms a case).

An embedded store also keeps a copy of the registry in one file (ingest/registry_file.py),
switched with it, that `casebrief cases` reads without importing chromadb.
"""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest import registry_file, snapshot
from ingest.entries import Entry
from ingest.live import LiveVersion

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from ingest.embedder import Embedder

REGISTRY = registry_file.REGISTRY
GENERATION = registry_file.GENERATION  # a registry row that every publish and forget changes
LEARNING_KEY = "learning"
_COSINE = {"hnsw": {"space": "cosine"}}
_ADD_BATCH = 512  # entries a Chroma add

Progress = Callable[[int], None]
Vector = Sequence[float] | np.ndarray  # one embedding: a list, or a float32 row


__all__ = [
    "Draft", "LiveVersion", "SnapshotMismatch", "Store", "case_key", "collection_prefix",
    "embedded_folder",
]  # fmt: skip


class SnapshotMismatch(RuntimeError):
    """Chroma gave back other ids than were added: no snapshot file is written."""

    def __init__(self, collection: str) -> None:
        super().__init__(f"{collection}: Chroma holds other ids than were just added")


@dataclass
class Draft:
    """A new version of `key` before it is written: its entries, the live version's vectors it
    reuses (by text hash), and the entries still to embed."""

    key: str
    previous: LiveVersion | None
    entries: list[Entry]
    reusable: dict[str, Vector]
    to_embed: list[Entry]

    def texts(self) -> list[str]:
        return [entry.embedded_text for entry in self.to_embed]


def case_key(case_id: str) -> str:
    return f"case:{case_id}"


def collection_prefix(key: str) -> str:
    """'.' cannot occur in a case id, so one case's prefix never matches another's."""
    kind, _, name = key.partition(":")
    return f"cb-{kind}.{name}." if name else f"cb-{kind}."


def embedded_folder(client: ClientAPI) -> Path | None:
    """The folder of an embedded (persistent) client's store; None for a Chroma server."""
    settings = client.get_settings()
    return Path(settings.persist_directory) if settings.is_persistent else None


class Store:
    def __init__(self, client: ClientAPI) -> None:
        self.client = client
        self.folder = embedded_folder(client)  # where the registry's copy lives, if embedded
        self._listings: dict[str, tuple[str, list[LiveVersion]]] = {}
        self._copy: tuple[str, dict[str, LiveVersion]] | None = None  # (token, rows by key)
        self._lock = threading.Lock()

    def _registry(self) -> Collection:
        return self.client.get_or_create_collection(REGISTRY, embedding_function=None)

    def live(self, key: str) -> LiveVersion | None:
        """A key's live version: from the registry's copy when it is of the registry Chroma
        has now (its token, read from Chroma's SQLite file when that file has changed:
        `registry_file.chroma_token`), else from Chroma."""
        rows = self._copy_rows()
        if rows is not None:
            return rows.get(key)
        found = self._registry().get(ids=[key], include=["metadatas"])
        if not found["ids"]:
            return None
        return _from_metadata(found["metadatas"][0])

    def _copy_rows(self) -> dict[str, LiveVersion] | None:
        """The live rows by key of an embedded store's registry copy, when the copy's token is
        Chroma's now; None (ask Chroma) for a server, a missing copy or a stale one."""
        if self.folder is None:
            return None
        token = registry_file.chroma_token(self.folder)
        if token is None:
            return None
        with self._lock:
            held = self._copy
        if held is not None and held[0] == token:
            return held[1]
        copy = registry_file.read(self.folder)
        if copy is None or copy.token != token:
            return None
        rows = {row.key: row for row in copy.rows}
        with self._lock:
            self._copy = (token, rows)
        return rows

    def all_live(self, kind: str = "case") -> list[LiveVersion]:
        """Every live version of a kind, by key; kept until the registry's generation changes
        (read first, so a change during the read is seen next time)."""
        registry = self._registry()
        token = _token(registry.get(ids=[GENERATION], include=["metadatas"]))
        with self._lock:
            held = self._listings.get(kind)
        if token is not None and held is not None and held[0] == token:
            return list(held[1])
        copy = registry_file.read(self.folder) if self.folder else None
        if token is not None and copy is not None and copy.token == token:
            listing = sorted(copy.of_kind(kind), key=lambda v: v.key)
        else:
            found = registry.get(where={"kind": kind}, include=["metadatas"])
            listing = sorted((_from_metadata(m) for m in found["metadatas"]), key=lambda v: v.key)
            self._rebuild_copy()
        if token is not None:
            with self._lock:
                self._listings[kind] = (token, listing)
        return list(listing)

    def _rows(self) -> registry_file.RegistryCopy | None:
        """Chroma's registry whole, as its copy is written; None before the first switch."""
        found = self._registry().get(include=["metadatas"])
        token: str | None = None
        rows = []
        for key, meta in zip(found["ids"], found["metadatas"], strict=True):
            if key == GENERATION:
                token = str(dict(meta or {}).get("token"))
            else:
                rows.append(_from_metadata(meta))
        if token is None:
            return None
        return registry_file.RegistryCopy(token=token, rows=sorted(rows, key=lambda v: v.key))

    def _rebuild_copy(self) -> None:
        """Write the registry's copy from Chroma (a store made before copies were kept, or a
        copy removed); best effort: a store this process may not write is read through Chroma."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError), registry_file.lock(self.folder):
            rows = self._rows()
            if rows is not None:
                registry_file.write(self.folder, rows)

    def _switch(self, live: LiveVersion | None, delete: str | None = None) -> None:
        """Make `live` the registry row of its key (or delete the row `delete`) and write a new
        generation token; the upsert of both rows is one write. In an embedded store the
        registry's copy is removed first and written again after, under its lock, so a reader
        of the copy never sees another registry than Chroma's."""
        if self.folder is None:
            self._switch_registry(live, delete)
            return
        with registry_file.lock(self.folder):
            registry_file.remove(self.folder)
            self._switch_registry(live, delete)
            rows = self._rows()
            # the switch is done: a copy that cannot be written is only missing (read Chroma)
            if rows is not None:
                with contextlib.suppress(OSError):
                    registry_file.write(self.folder, rows)

    def _switch_registry(self, live: LiveVersion | None, delete: str | None) -> None:
        registry = self._registry()
        if delete is not None:
            registry.delete(ids=[delete])
        rows = [(GENERATION, {"kind": GENERATION, "token": uuid.uuid4().hex})]
        if live is not None:
            rows.insert(0, (live.key, _to_metadata(live)))
        registry.upsert(
            ids=[key for key, _ in rows],
            embeddings=[[0.0] for _ in rows],
            documents=[key for key, _ in rows],
            metadatas=[meta for _, meta in rows],
        )

    def collection(self, name: str) -> Collection:
        return self.client.get_collection(name, embedding_function=None)

    def _snapshot(self, collection: str) -> snapshot.Snapshot | None:
        return snapshot.read(self.folder, collection) if self.folder else None

    def read_all(self, version: LiveVersion) -> list[Entry]:
        """Every entry of a live version, in insertion order of ids: from its snapshot file
        when it has one (ingest/snapshot.py: Chroma keeps no state for it), else Chroma."""
        held = self._snapshot(version.collection)
        if held is not None:
            return held.entries
        return _entries(self.collection(version.collection).get(include=["metadatas", "documents"]))

    def vectors(self, version: LiveVersion) -> tuple[list[str], np.ndarray]:
        """Every entry id of a live version and its vector (one row each), from its snapshot
        file when it has one, else Chroma."""
        held = self._snapshot(version.collection)
        if held is not None:
            return [entry.id for entry in held.entries], held.vectors
        found = self.collection(version.collection).get(include=["embeddings"])
        ids = list(found["ids"])
        return ids, np.asarray(found["embeddings"], dtype=np.float32).reshape(len(ids), -1)

    def _reusable_embeddings(self, version: LiveVersion | None) -> dict[str, Vector]:
        """The live version's vectors by text hash: from its snapshot file when it has one."""
        from chromadb.errors import NotFoundError

        if version is None:
            return {}
        held = self._snapshot(version.collection)
        if held is not None:
            return {
                entry.text_hash: vector
                for entry, vector in zip(held.entries, held.vectors, strict=True)
            }
        try:
            found = self.collection(version.collection).get(include=["metadatas", "embeddings"])
        except NotFoundError:
            return {}
        return {
            str(meta["text_hash"]): list(vector)
            for meta, vector in zip(found["metadatas"], found["embeddings"], strict=True)
        }

    def draft(
        self,
        key: str,
        entries: Sequence[Entry],
        known: Mapping[str, Vector] | None = None,
        *,
        once: bool = False,
    ) -> Draft:
        """What a new version of `key` needs: the vectors it can reuse (the live version's, and
        `known` ones by text hash: what this ingest encoded for other cases), and the entries
        still to embed (`Draft.texts()`, for `commit`). `once` (an encoder whose vectors do not
        depend on the batch): one entry per distinct text, so a text several records share is
        encoded once; else every entry not reused, as before."""
        return self.draft_from(self.live(key), key, entries, known, once=once)

    def draft_from(
        self,
        previous: LiveVersion | None,
        key: str,
        entries: Sequence[Entry],
        known: Mapping[str, Vector] | None = None,
        *,
        once: bool = False,
    ) -> Draft:
        """`draft` with the key's live version already looked up (an ingest holding the case's
        lock looked it up when it validated the bundle)."""
        reusable = self._reusable_embeddings(previous)
        to_embed: list[Entry] = []
        seen: set[str] = set()
        for entry in entries:
            text_hash = entry.text_hash
            if text_hash in reusable or (once and text_hash in seen):
                continue
            if known is not None and text_hash in known:
                reusable[text_hash] = known[text_hash]
            else:
                to_embed.append(entry)
                seen.add(text_hash)
        return Draft(key, previous, list(entries), reusable, to_embed)

    def publish(
        self,
        key: str,
        entries: Sequence[Entry],
        embedder: Embedder,
        *,
        content_hash: str,
        title: str,
        counts: dict[str, int],
        detail: dict[str, str] | None = None,
        progress: Progress | None = None,
    ) -> tuple[LiveVersion, int]:
        """Write entries as a new version, make it live, drop the old. Returns (live, embedded)."""
        draft = self.draft(key, entries, once=embedder.batch_invariant)
        fresh = embedder.embed_in_order(draft.texts(), progress)
        live = self.commit(
            draft, fresh, content_hash=content_hash, title=title, counts=counts, detail=detail
        )
        return live, len(draft.to_embed)

    def commit(
        self,
        draft: Draft,
        fresh: Sequence[Vector] | np.ndarray,
        *,
        content_hash: str,
        title: str,
        counts: dict[str, int],
        detail: dict[str, str] | None = None,
    ) -> LiveVersion:
        """Write a draft with the vectors of its `texts()` as a new version, make it live, drop
        the old. A failure before the switch leaves the live version as it was and no part of
        the new one."""
        version = (draft.previous.version if draft.previous else 0) + 1
        name = f"{collection_prefix(draft.key)}v{version}"
        vectors = dict(draft.reusable)
        vectors.update(zip((e.text_hash for e in draft.to_embed), fresh, strict=True))
        self._drop(name)
        try:
            self._write(name, draft.entries, vectors)
        except BaseException:
            # The live version was never touched; leave no half-written one either.
            with contextlib.suppress(Exception):
                self._drop(name)
            raise
        live = LiveVersion(
            key=draft.key,
            collection=name,
            version=version,
            content_hash=content_hash,
            title=title,
            counts=counts,
            detail=detail or {},
        )
        self._switch(live)
        self.drop_stale(draft.key)
        return live

    def _write(self, name: str, entries: Sequence[Entry], vectors: Mapping[str, Vector]) -> None:
        """Write every entry to a new collection (and, embedded, its snapshot file)."""
        target = self.client.create_collection(name, embedding_function=None, configuration=_COSINE)
        batch = max(1, min(self.client.get_max_batch_size(), _ADD_BATCH))
        for start in range(0, len(entries), batch):
            chunk = list(entries[start : start + batch])
            target.add(
                ids=[entry.id for entry in chunk],
                documents=[entry.text for entry in chunk],
                metadatas=[entry.metadata for entry in chunk],
                embeddings=np.asarray([vectors[e.text_hash] for e in chunk], dtype=np.float32),
            )
        if self.folder is not None:
            # the vectors as Chroma stores them (normalised again), read back with the ids, so
            # a reader of the file sees what Chroma says; ids, texts and metadata are the ones
            # just added (Chroma returns them as given: tests/test_ingest.py checks it)
            found = target.get(include=["embeddings"])
            if list(found["ids"]) != [entry.id for entry in entries]:
                raise SnapshotMismatch(name)
            stored = np.asarray(found["embeddings"], dtype=np.float32).reshape(len(entries), -1)
            snapshot.write(self.folder, name, entries, stored)

    def drop_stale(self, key: str) -> None:
        """Drop every collection of `key` except the live one (old versions, crashed writes)."""
        live = self.live(key)
        prefix = collection_prefix(key)
        for name in self._collection_names():
            if name.startswith(prefix) and (live is None or name != live.collection):
                self._drop(name)

    def forget(self, key: str) -> int:
        """Remove a case (registry row first, so readers stop at once); return entries removed."""
        from chromadb.errors import NotFoundError

        live = self.live(key)
        removed = 0
        if live is not None:
            try:
                removed = self.collection(live.collection).count()
            except NotFoundError:
                removed = 0
            self._switch(None, delete=key)
        self.drop_stale(key)
        return removed

    def _collection_names(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]

    def _drop(self, name: str) -> None:
        from chromadb.errors import NotFoundError

        if self.folder is not None:
            snapshot.remove(self.folder, name)
        with contextlib.suppress(NotFoundError, ValueError):
            self.client.delete_collection(name)


def _entries(found: object) -> list[Entry]:
    rows = dict(found)  # type: ignore[call-overload]
    return [
        Entry(id=i, text=text or "", metadata=dict(meta or {}))
        for i, text, meta in zip(rows["ids"], rows["documents"], rows["metadatas"], strict=True)
    ]


def _to_metadata(live: LiveVersion) -> dict[str, str | int]:
    return {
        "kind": live.key.partition(":")[0],
        "key": live.key,
        "collection": live.collection,
        "version": live.version,
        "content_hash": live.content_hash,
        "title": live.title,
        "counts": json.dumps(live.counts),
        "detail": json.dumps(live.detail),
    }


def _token(found: object) -> str | None:
    metadatas = found["metadatas"] if isinstance(found, dict) else None  # type: ignore[index]
    return str(metadatas[0].get("token")) if metadatas else None


def _from_metadata(meta: object) -> LiveVersion:
    data = dict(meta)  # type: ignore[call-overload]
    return LiveVersion(
        key=data["key"],
        collection=data["collection"],
        version=data["version"],
        content_hash=data["content_hash"],
        title=data.get("title", ""),
        counts=json.loads(data.get("counts", "{}")),
        detail=json.loads(data.get("detail", "{}")),
    )
