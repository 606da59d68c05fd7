"""A topic across every record kind ('is there any domestic abuse?'): every chronology event,
appointment, involvement note and document passage that is about it, by date, grouped by kind.

A record is about the topic when its embedding is close to the topic's (cosine >= DENSE) or
it shares a distinctive topic word and is at least loosely close (>= DENSE_WITH_WORD). The
embeddings are the ones ingest stored in Chroma: nothing is re-encoded at question time."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from bot.records import Records
from bot.search import tokens
from bot.version_cache import DEFAULT_CACHED_VERSIONS, VersionCache
from ingest.embedder import Embedder
from ingest.entries import entry_id
from ingest.store import Store

DENSE = 0.5
DENSE_WITH_WORD = 0.2
KIND_WORDS = {
    "chronology": "chronology record",
    "appointment": "appointment",
    "professional": "involvement record",
    "passage": "document passage",
    "member": "member record",
    "address": "address record",
}


@dataclass(frozen=True)
class _Matrix:
    ids: list[str]
    vectors: np.ndarray
    words: list[frozenset[str]]
    frequency: Counter[str]


class RecordVectors:
    """Per live case version: every record's stored embedding, read once and held in the
    engine's VersionCache beside the version's records."""

    def __init__(self, store: Store, versions: VersionCache | None = None) -> None:
        self.store = store
        self.versions = versions or VersionCache(DEFAULT_CACHED_VERSIONS)

    def matrix(self, records: Records) -> _Matrix:
        key = records.version.collection
        return self.versions.get(key, "vectors", lambda: self._read(records))

    def _read(self, records: Records) -> _Matrix:
        found = self.store.collection(records.version.collection).get(include=["embeddings"])
        by_entry = dict(zip(found["ids"], found["embeddings"], strict=True))
        ids = [r.id for r in records.records if entry_id(r.kind, r.id) in by_entry]
        vectors = np.asarray([by_entry[entry_id(records.by_id[i].kind, i)] for i in ids])
        words = [frozenset(tokens(records.texts.get(i, ""))) for i in ids]
        frequency = Counter(w for ws in words for w in ws)
        return _Matrix(ids, vectors, words, frequency)

    def closest(self, records: Records, vector: list[float]) -> float:
        """The highest cosine between a vector and any record of the case."""
        matrix = self.matrix(records)
        return float((matrix.vectors @ np.asarray(vector)).max()) if len(matrix.ids) else 0.0


def _record_date(records: Records, record_id: str) -> dt.date | None:
    record = records.by_id[record_id]
    for field in ("date", "start"):
        day = getattr(record, field, None)
        if isinstance(day, dt.date):
            return day
    return None


def topic(query: Query, vectors: RecordVectors, embedder: Embedder) -> ToolResult:
    records = query.records
    assert records is not None
    ask = query.ask
    subject = ask.topic or ask.text
    names = {t for m in records.members for t in tokens(" ".join([m.name, *m.aliases]))}
    wanted = [t for t in tokens(subject) if t not in names]
    matrix = vectors.matrix(records)
    counts = Counter(records.by_id[i].kind for i in matrix.ids)
    searched = "every record of case {} by meaning and by word: {}".format(
        records.case_id,
        ", ".join(plural(n, KIND_WORDS.get(k, k)) for k, n in counts.most_common()),
    )
    if not wanted or not len(matrix.ids):
        return ToolResult(
            ask.about, [Line("The question names no topic to look for.", ())], searched, False
        )
    query_vector = np.asarray(embedder.embed_one(" ".join(wanted) if len(wanted) < 4 else subject))
    similarity = matrix.vectors @ query_vector
    total = len(matrix.ids)
    distinctive = {
        w for w in wanted if math.log(1 + total / (1 + matrix.frequency.get(w, 0))) > 1.0
    }
    chosen: list[str] = []
    for index, record_id in enumerate(matrix.ids):
        if records.by_id[record_id].kind in ("member", "address"):
            continue
        shares = bool(distinctive & matrix.words[index])
        if similarity[index] >= DENSE or (shares and similarity[index] >= DENSE_WITH_WORD):
            chosen.append(record_id)
    if ask.members:
        chosen = [
            i
            for i in chosen
            if not getattr(records.by_id[i], "members", ())
            or set(getattr(records.by_id[i], "members", ())) & set(ask.members)
            or getattr(records.by_id[i], "member", None) in ask.members
        ]
    if ask.period:
        chosen = [i for i in chosen if ask.period.contains(_record_date(records, i))]
    if not chosen:
        return ToolResult(
            ask.about,
            [Line(f"No record of case {records.case_id} is about {subject}.", ())],
            searched,
            False,
        )
    chosen.sort(key=lambda i: (_record_date(records, i) or dt.date.min, i))
    by_kind = Counter(records.by_id[i].kind for i in chosen)
    lines = [
        Line(
            f"{plural(len(chosen), 'record')} about {subject}: "
            + ", ".join(plural(n, KIND_WORDS.get(k, k)) for k, n in by_kind.most_common())
            + ".",
            tuple(chosen),
        )
    ]
    for kind, _ in by_kind.most_common():
        for record_id in (i for i in chosen if records.by_id[i].kind == kind):
            day = _record_date(records, record_id)
            text = records.texts.get(record_id, "").strip()
            text = text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"
            lines.append(
                Line(
                    f"{fmt_date(day)} ({KIND_WORDS.get(kind, kind)}): {text}",
                    (record_id,),
                    bullet=True,
                )
            )
    return ToolResult(ask.about, lines, searched, True, chosen)
