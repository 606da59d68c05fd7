"""One bounded, least-recently-used cache of what is held in memory per live version.

A case's records, its passage index (BM25, sentence vectors) and its record vectors are kept
together under the version's collection name, so a case that falls out of the cache frees all
of them at once and the next question about it reads it again. The limit is
`Settings.cached_versions`: memory stays flat however many cases a server answers about."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from cachetools import LRUCache

from config.settings import Settings
from ingest.store import LEARNING_KEY, collection_prefix

T = TypeVar("T")
LEARNING_PREFIX = collection_prefix(LEARNING_KEY)
# For a cache made without settings (tests, tools); the engine passes Settings.cached_versions.
DEFAULT_CACHED_VERSIONS: int = Settings.model_fields["cached_versions"].default


class VersionCache:
    """`get(version, part, load)`: the cached part of a version, loaded on a miss."""

    def __init__(self, max_versions: int, pinned_prefix: str = LEARNING_PREFIX) -> None:
        """Versions whose name starts with `pinned_prefix` (the learning corpus, asked about
        from every case) are held apart, one at a time, so many cases never push them out."""
        if max_versions < 1:
            raise ValueError("the version cache must hold at least one version")
        self._versions: LRUCache[str, dict[str, Any]] = LRUCache(maxsize=max_versions)
        self._pinned: LRUCache[str, dict[str, Any]] = LRUCache(maxsize=1)
        self._pinned_prefix = pinned_prefix
        self._lock = threading.Lock()

    def _held(self, version: str) -> LRUCache[str, dict[str, Any]]:
        return self._pinned if version.startswith(self._pinned_prefix) else self._versions

    @property
    def max_versions(self) -> int:
        return int(self._versions.maxsize)

    def get(self, version: str, part: str, load: Callable[[], T]) -> T:
        """Loads outside the lock (a read from the store can take a while); two threads that
        miss together may both load, and the first to finish is kept."""
        held = self._held(version)
        with self._lock:
            parts = held.get(version)
            if parts is not None and part in parts:
                return parts[part]
        loaded = load()
        with self._lock:
            parts = held.get(version)
            if parts is None:
                parts = {}
                held[version] = parts
            return parts.setdefault(part, loaded)

    def versions(self) -> list[str]:
        """The versions held now."""
        with self._lock:
            return [*self._pinned.keys(), *self._versions.keys()]

    def __contains__(self, version: object) -> bool:
        with self._lock:
            return version in self._versions or version in self._pinned
