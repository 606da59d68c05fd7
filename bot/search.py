"""Hybrid passage search: BM25 and dense similarity, fused by reciprocal rank. The best
sentences of the best passages are picked out for an extractive, quoted answer by
`bot.sentence_choice`, which `PassageIndex` extends."""

from __future__ import annotations

from functools import cached_property

import numpy as np
from rank_bm25 import BM25Okapi

from bot.document_names import naming_words
from bot.passage_match import (
    Hit,
    content_words,
    day_months,
    heading_tokens,
    text_lemmas,
    title_tokens,
    tokens,
)
from bot.records import Records, document_day
from bot.request import AskedWord, Period
from bot.sentence_choice import Quote, SentenceChoice
from bot.sentences import text_sentences
from ingest.embedder import Embedder
from ingest.entries import entry_id
from ingest.models import Passage
from ingest.store import Store

RRF_K = 60
RARE_PASSAGES = 3  # a question's word held by at most this many passages is a rare one
RARE_HITS = 4  # passages holding a rare word brought beside the hits, at most
CANDIDATES = 20


def sentences(text: str) -> list[str]:
    """Whole sentences of one text (pysbd; see bot.sentences); a lead-in ending in ':' keeps
    the list that follows it, and a fragment cut at a boundary is left out."""
    return text_sentences(text)


def _heading_answers(
    passage: Passage, query_tokens: set[str], inside: list[set[str]], whom: set[str]
) -> bool:
    """The question, less the words naming the document and whom it is about, is the
    passage's own heading or a heading line inside it (a PDF page's 'Disclosure of 9 March
    2018'); or the question asks only about someone, and the passage's own heading names
    them ('what did the s47 say about Poppy': 'Child F (Poppy, 2)')."""
    title = title_tokens(passage)
    wanted = query_tokens - whom - title - naming_words(query_tokens, title, tokens)
    own = heading_tokens(passage)
    if not wanted:
        return bool(whom) and whom <= own
    return any(wanted <= own | words for words in [set(), *inside])


class PassageIndex(SentenceChoice):
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
    def _passage_vectors(self) -> tuple[list[str], np.ndarray]:
        """The passages' ids and stored vectors (one row each), in the version's order."""
        by_entry = {entry_id("passage", p.id): p.id for p in self.passages}
        entry_ids, vectors = self.store.vectors(self.records.version)
        rows = [i for i, e in enumerate(entry_ids) if e in by_entry]
        return [by_entry[entry_ids[i]] for i in rows], np.asarray(vectors[rows], np.float32)

    def unknown_words(self, question: str, ignore: frozenset[str] = frozenset()) -> list[str]:
        """The question's words (of four letters or more) that no passage of the index holds."""
        bm25 = self._bm25
        if bm25 is None:
            return []
        return [
            t
            for t in content_words(question)
            if t not in ignore and t not in bm25.idf and not t.isdigit()
        ]

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The dictionary forms of every word the passages hold ('written': 'write')."""
        return frozenset().union(
            *(text_lemmas(f"{p.heading or ''} {p.text}") for p in self.passages)
        )

    def holds(self, word: AskedWord) -> bool:
        """Whether any passage holds a word asked with, in any of its forms."""
        return word.stem in self._holding or word.lemma in self.lemmas

    @cached_property
    def _holding(self) -> dict[str, list[int]]:
        """Each word stem, and the passages (by place) that hold it."""
        found: dict[str, list[int]] = {}
        for number, passage in enumerate(self.passages):
            for word in set(tokens(f"{passage.heading or ''} {passage.text}")):
                found.setdefault(word, []).append(number)
        return found

    def rare_word_hits(
        self,
        question: str,
        hits: list[Hit],
        *,
        where: dict[str, object] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> list[Hit]:
        """Passages beside the hits that hold one of the question's rare words that no hit
        holds (a word in at most RARE_PASSAGES passages; not a name, not a word naming a
        document): 'His bedroom
        held a mattress ...' is one sentence of a long passage about much else, so neither
        its words nor its meaning rank it, yet it is where 'bedroom' is. Their sentences
        compete with the hits' own (those holding the word); they are never evidence on their
        own."""
        found = {hit.passage.id for hit in hits}
        asked = set(content_words(question)) - ignore
        for hit in hits:
            if hit.title_match:
                asked -= naming_words(set(tokens(question)), title_tokens(hit.passage), tokens)
        places = {number for number, p in enumerate(self.passages) if p.id in found}
        extra: list[Hit] = []
        for word in sorted(asked, key=lambda w: -self.idf(w)):
            holding = self._holding.get(word, [])
            if len(holding) > RARE_PASSAGES or word.isdigit() or places & set(holding):
                continue  # common, a number, or a hit holds it already
            for number in holding:
                passage = self.passages[number]
                if passage.id not in found and _matches(passage, where):
                    found.add(passage.id)
                    extra.append(Hit(passage, 0.0, 0.0, 1, rare=frozenset({word})))
        return extra[:RARE_HITS]

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
        dated: Period | None = None,
    ) -> list[Hit]:
        """The k best passages by BM25 and dense rank fused. `ignore`: words that rank but are
        no evidence of what was asked (the names of whom it is about); `dated`: only the
        passages of documents dated in that period."""
        if not self.passages or self._bm25 is None:
            return []
        query_tokens = set(tokens(question))
        allowed = {
            p.id
            for p in self.passages
            if _matches(p, where)
            and (dated is None or ((day := document_day(p)) is not None and dated.contains(day)))
        }
        if not allowed:
            return []  # no passage may answer (none dated in the period): nothing to rank
        bm25_scores = self._bm25.get_scores(list(query_tokens))
        lexical = sorted(
            (i for i, p in enumerate(self.passages) if p.id in allowed and bm25_scores[i] > 0),
            key=lambda i: -bm25_scores[i],
        )[:CANDIDATES]
        # The allowed passages ranked by cosine distance to the question, exactly, from the
        # version's vectors held in memory: no Chroma query (whose per-collection index the
        # embedded client would keep for every case ever asked about).
        ids, vectors = self._passage_vectors
        distances = 1.0 - vectors @ np.asarray(self.embedder.embed_one(question), np.float32)
        ranked_ids = [
            (ids[i], float(distances[i]))
            for i in np.argsort(distances, kind="stable")
            if ids[i] in allowed
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
        whom = query_tokens & ignore  # a heading says what, or whose section it is
        headed = {
            p.id
            for p in self.passages
            if p.id in allowed
            and _heading_answers(p, query_tokens, self._inner_headings(p.id), whom)
        }
        for pid in headed:  # 'recommendations of the review': the section of that name leads
            fused[pid] = fused.get(pid, 0.0) + 1.0 / RRF_K
        ranked = sorted(fused, key=lambda pid: -fused[pid])[:k]
        asked_dates = day_months(question)
        return [
            Hit(
                by_id[pid],
                fused[pid],
                similarity.get(pid, 0.0),
                len(
                    (query_tokens - ignore)
                    & set(tokens(f"{by_id[pid].heading or ''} {by_id[pid].text}"))
                )
                + len(asked_dates & day_months(by_id[pid].text)),
                pid in titled,
                pid in headed,
            )
            for pid in ranked
        ]

    def warm(self) -> None:
        """Build what the first question would otherwise pay for: BM25, sentence and passage
        vectors, and which passages hold each word."""
        _ = self._bm25, self._sentence_vectors, self._passage_vectors, self._holding

    @staticmethod
    def _names(passage: Passage, query_tokens: set[str]) -> bool:
        return bool(naming_words(query_tokens, title_tokens(passage), tokens))

    def _inner_headings(self, passage_id: str) -> list[set[str]]:
        """The words of each heading line inside a passage's text (PDF and plain text)."""
        found = dict.fromkeys(s.heading for s in self.book.of(passage_id) if s.heading)
        return [set(tokens(heading)) for heading in found]


def _matches(passage: Passage, where: dict[str, object] | None) -> bool:
    if not where:
        return True
    return all(
        (passage.learning_kind.value if key == "learning_kind" and passage.learning_kind else None)
        == value
        for key, value in where.items()
    )


__all__ = [
    "Hit",
    "PassageIndex",
    "Quote",
    "content_words",
    "day_months",
    "sentences",
    "title_tokens",
    "tokens",
]
