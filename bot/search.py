"""Hybrid passage search: BM25 and dense similarity, fused by reciprocal rank, then the
best sentences of the best passages picked out for an extractive, quoted answer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rank_bm25 import BM25Okapi

import prompts
from bot.records import Records
from ingest.embedder import Embedder
from ingest.entries import entry_id
from ingest.models import Passage
from ingest.store import Store

RRF_K = 60
# A sentence's meaning counts beside its words: 'what is mum asking for?' shares no word with
# 'I want a different social worker'. Cosine above the floor, times the weight, is added.
SEMANTIC_WEIGHT = 8.0
SEMANTIC_FLOOR = 0.2
SHORT_SENTENCE = 120  # characters: shorter chosen sentences may bring the next one along
CANDIDATES = 20
STOPWORDS = prompts.stopwords()
REQUIREMENT = re.compile(
    r"\b(must|should|shall|will|required?|requires|within|no later than|by \d+|at least|"
    r"before|as soon as|responsible|ensure)\b",
    re.I,
)
TIMESCALE = re.compile(r"\b\d+\s*(weeks?|days?|working days?|hours?|months?)\b", re.I)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'“(*A-Z0-9])|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SYNONYMS = {"dad": "father", "mum": "mother", "mom": "mother", "dads": "father", "mums": "mother"}


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower())
    words = [
        w.split("'")[0] if "'" in w.removesuffix("'s") else w.removesuffix("'s") for w in words
    ]
    words = [_SYNONYMS.get(w, w) for w in words]
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def _stem(word: str) -> str:
    for suffix in (
        "ations",
        "ation",
        "ated",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ed",
        "es",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines; keep paragraph breaks and list items on lines of their own."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if (
            lines
            and stripped
            and lines[-1]
            and not _BULLET.match(stripped)
            and not (stripped.startswith("#"))
        ):
            lines[-1] = f"{lines[-1]} {stripped}"
        else:
            lines.append(stripped)
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    """Whole sentences of a passage; a lead-in ending in ':' keeps the list that follows it.
    Fragments cut at a passage boundary (starting in lower case) are left out."""
    merged: list[str] = []
    for raw in _SENTENCE_SPLIT.split(_unwrap(text)):
        part = raw.replace("**", "").strip()
        is_item = bool(_BULLET.match(part))
        part = _BULLET.sub("", part).strip()
        if not part or part.startswith("#"):
            continue
        if is_item and merged and merged[-1].endswith((":", ";")):
            merged[-1] = f"{merged[-1]} {part.rstrip('.;')};"
            continue
        merged.append(part)
    return [
        s.rstrip(";") + ("." if s.endswith(";") else "")
        for s in merged
        if len(s) > 25 and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“(")
    ]


def title_tokens(passage: Passage) -> set[str]:
    file_name = re.sub(r"[-_.]+", " ", passage.file.rsplit("/", 1)[-1])
    return set(tokens(f"{passage.title or ''} {file_name}"))


def heading_tokens(passage: Passage) -> set[str]:
    return set(tokens(passage.heading or ""))


def _heading_answers(passage: Passage, query_tokens: set[str]) -> bool:
    """The question, less the document's title, is the passage's own heading."""
    wanted = query_tokens - title_tokens(passage)
    return bool(wanted) and wanted <= heading_tokens(passage)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    fused: float
    dense: float
    overlap: int
    title_match: bool = False
    heading_match: bool = False


@dataclass(frozen=True)
class Quote:
    passage: Passage
    sentence: str
    score: float


class PassageIndex:
    """Search over one live version's passages (a case's documents or the learning corpus)."""

    def __init__(self, records: Records, store: Store, embedder: Embedder) -> None:
        self.records = records
        self.passages = records.passages
        self.store = store
        self.embedder = embedder

    @cached_property
    def _bm25(self) -> BM25Okapi | None:
        corpus = [tokens(f"{p.title or ''} {p.heading or ''} {p.text}") for p in self.passages]
        return BM25Okapi(corpus) if corpus else None

    @cached_property
    def _by_entry_id(self) -> dict[str, Passage]:
        return {entry_id("passage", p.id): p for p in self.passages}

    def idf(self, token: str) -> float:
        bm25 = self._bm25
        return max(bm25.idf.get(token, 0.0), 0.0) if bm25 else 0.0

    def search(
        self,
        question: str,
        *,
        k: int = 5,
        where: dict[str, object] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> list[Hit]:
        """The k best passages by BM25 and dense rank fused. `ignore`: words that rank but are
        no evidence of what was asked (the names of whom it is about)."""
        if not self.passages or self._bm25 is None:
            return []
        query_tokens = set(tokens(question))
        allowed = {p.id for p in self.passages if _matches(p, where)}
        bm25_scores = self._bm25.get_scores(list(query_tokens))
        lexical = sorted(
            (i for i, p in enumerate(self.passages) if p.id in allowed and bm25_scores[i] > 0),
            key=lambda i: -bm25_scores[i],
        )[:CANDIDATES]
        # Every entry of the version, ranked, then the allowed passages kept: a `where` filter
        # would make Chroma read metadata across every collection of the store (~25 ms a query
        # at 1,000 cases), a ranking of this one collection costs the same at any store size.
        collection = self.store.collection(self.records.version.collection)
        found = collection.query(
            query_embeddings=[self.embedder.embed_one(question)],
            n_results=len(self.records.records) + 1,  # + the case's own entry
            include=["distances"],
        )
        ranked_ids = [
            (self._by_entry_id[i].id, d)
            for i, d in zip(found["ids"][0], found["distances"][0], strict=True)
            if i in self._by_entry_id and self._by_entry_id[i].id in allowed
        ][:CANDIDATES]
        dense_ids = [pid for pid, _ in ranked_ids]
        similarity = {pid: 1.0 - d for pid, d in ranked_ids}
        fused: dict[str, float] = {}
        for rank, index in enumerate(lexical):
            pid = self.passages[index].id
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, pid in enumerate(dense_ids):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
        by_id = {p.id: p for p in self.passages}
        titled = {p.id for p in self.passages if p.id in allowed and self._names(p, query_tokens)}
        for pid in titled:  # the question names the document: its passages lead
            fused[pid] = fused.get(pid, 0.0) + 1.0 / RRF_K
        headed = {
            p.id for p in self.passages if p.id in allowed and _heading_answers(p, query_tokens)
        }
        for pid in headed:  # 'recommendations of the review': the section of that name leads
            fused[pid] = fused.get(pid, 0.0) + 1.0 / RRF_K
        ranked = sorted(fused, key=lambda pid: -fused[pid])[:k]
        return [
            Hit(
                by_id[pid],
                fused[pid],
                similarity.get(pid, 0.0),
                len(
                    (query_tokens - ignore)
                    & set(tokens(f"{by_id[pid].heading or ''} {by_id[pid].text}"))
                ),
                pid in titled,
                pid in headed,
            )
            for pid in ranked
        ]

    def warm(self) -> None:
        """Build what the first question would otherwise pay for: BM25 and sentence vectors."""
        _ = self._bm25, self._sentence_vectors

    @cached_property
    def _sentence_vectors(self) -> dict[str, np.ndarray]:
        """Every sentence of the index, embedded once in one batch (when the index is first
        used), so choosing the sentences of an answer costs no encoding at question time."""
        every = list(dict.fromkeys(s for p in self.passages for s in sentences(p.text)))
        return dict(zip(every, np.asarray(self.embedder.embed(every)), strict=True))

    def _closeness(self, question: str, found: list[str]) -> list[float]:
        """Cosine of each sentence to the question."""
        if not found:
            return []
        query = np.asarray(self.embedder.embed_one(question))
        vectors = self._sentence_vectors
        missing = [s for s in found if s not in vectors]
        for sentence, vector in zip(missing, self.embedder.embed(missing), strict=True):
            vectors[sentence] = np.asarray(vector)
        return [float(vectors[s] @ query) for s in found]

    @staticmethod
    def _names(passage: Passage, query_tokens: set[str]) -> bool:
        return bool(title_tokens(passage) & query_tokens)

    def quotes(
        self,
        question: str,
        hits: list[Hit],
        *,
        limit: int = 3,
        per_passage: int = 1,
        requirements: bool = False,
    ) -> list[Quote]:
        """The sentences that best answer the question, at most `per_passage` from a passage."""
        if requirements:
            per_passage, limit = max(per_passage, 2), max(limit, 5)
        query_tokens = set(tokens(question))
        scored: list[Quote] = []
        for rank, hit in enumerate(hits):
            named = title_tokens(hit.passage) | heading_tokens(hit.passage)
            if (hit.title_match or hit.heading_match) and not query_tokens - named:
                # "what did the letter say?": the document's own opening sentences answer it
                opening = sentences(hit.passage.text)[:2]
                scored += [
                    Quote(hit.passage, s, 10.0 - rank - i / 10) for i, s in enumerate(opening)
                ]
                continue
            found = sentences(hit.passage.text)
            meaning = self._closeness(question, found)
            for sentence, close in zip(found, meaning, strict=True):
                words = set(tokens(sentence))
                score = sum(self.idf(t) for t in query_tokens & words)
                score += SEMANTIC_WEIGHT * max(close - SEMANTIC_FLOOR, 0.0)
                score += 0.5 / (rank + 1)
                if requirements and REQUIREMENT.search(sentence):
                    score += 1.0 + (1.0 if TIMESCALE.search(sentence) else 0.0)
                if score > 0.5 / (rank + 1):
                    scored.append(Quote(hit.passage, sentence, score))
        scored.sort(key=lambda q: -q.score)
        chosen: list[Quote] = []
        used: Counter[str] = Counter()
        for quote in scored:
            if used[quote.passage.id] < per_passage and quote.sentence not in {
                c.sentence for c in chosen
            }:
                chosen.append(quote)
                used[quote.passage.id] += 1
            if len(chosen) == limit:
                break
        return [self._with_next(quote, question) for quote in chosen]

    def _with_next(self, quote: Quote, question: str) -> Quote:
        """A short sentence that the next one carries on ('If the child declines, ...' then 'A
        second offer must be made within 5 working days ...') is quoted with it, when the next
        one is about the question too."""
        found = sentences(quote.passage.text)
        if quote.sentence not in found or len(quote.sentence) > SHORT_SENTENCE:
            return quote
        at = found.index(quote.sentence)
        if at + 1 >= len(found):
            return quote
        following = found[at + 1]
        if self._closeness(question, [following])[0] < SEMANTIC_FLOOR + 0.1:
            return quote
        return Quote(quote.passage, f"{quote.sentence} {following}", quote.score)


def _matches(passage: Passage, where: dict[str, object] | None) -> bool:
    if not where:
        return True
    return all(
        (passage.learning_kind.value if key == "learning_kind" and passage.learning_kind else None)
        == value
        for key, value in where.items()
    )
