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
from bot.asked import asked_kinds, holds, people_pattern
from bot.document_names import naming_words
from bot.records import Records
from bot.requirements import is_requirement
from bot.sentences import Sentence, SentenceBook, text_sentences
from ingest.embedder import Embedder
from ingest.entries import entry_id
from ingest.models import Passage
from ingest.store import Store

RRF_K = 60
RARE_PASSAGES = 3  # a question's word held by at most this many passages is a rare one
WHOSE_SECTION = 1.0  # a sentence of the section headed by whom the question is about
COVERAGE = 2.0  # a sentence's document holding all the question's words adds this much
RARE_HITS = 4  # passages holding a rare word brought beside the hits, at most
# A sentence's meaning counts beside its words: 'what is mum asking for?' shares no word with
# 'I want a different social worker'. Cosine above the floor, times the weight, is added.
SEMANTIC_WEIGHT = 8.0
SEMANTIC_FLOOR = 0.2
SHORT_SENTENCE = 120  # characters: shorter chosen sentences may bring the next one along
CANDIDATES = 20
STOPWORDS = prompts.stopwords()
_STOPS = (".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019")
_REFERS_BACK = re.compile(r"^(?:it|this|these|they|that|such)\b", re.I)
RANK_PRIOR = 1.5  # the passage search ranked first lends its sentences this much
ASKED_KIND = 2.5  # a sentence holding the kind of thing asked for (a time, a number)
REQUIREMENT = 1.0  # a sentence of obligation, for a procedure question
GIST_SECTIONS = 12  # 'what did the school say?': the lead of at most this many sections
GIST_LEAD = 2  # sentences quoted from each section of a document's gist, at least
GIST_SENTENCES = 12  # ... and of a document of few sections, this many shared among them
SECTION_SENTENCES = 20  # 'the review's recommendations': at most this many of the section
_SYNONYMS = {"dad": "father", "mum": "mother", "mom": "mother", "dads": "father", "mums": "mother"}


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower())
    words = [
        w.split("'")[0] if "'" in w.removesuffix("'s") else w.removesuffix("'s") for w in words
    ]
    words = [_SYNONYMS.get(w, w) for w in words]
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b",
    re.I,
)


def day_months(text: str) -> set[str]:
    """The days of a month a text names ('9 March', 'March 9th' -> '9-mar'): a date is
    word evidence even though its day, one digit, is no word of its own."""
    found = set()
    for match in _DAY_MONTH.finditer(text):
        day = match.group(1) or match.group(4)
        month = (match.group(2) or match.group(3)).lower()
        if day and 1 <= int(day) <= 31:
            found.add(f"{int(day)}-{month}")
    return found


def content_words(text: str) -> list[str]:
    """A text's word stems of four letters or more, each once, in order."""
    return [t for t in dict.fromkeys(tokens(text)) if len(t) >= 4]


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
        "ures",
        "ure",
        "ed",
        "es",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def sentences(text: str) -> list[str]:
    """Whole sentences of one text (pysbd; see bot.sentences); a lead-in ending in ':' keeps
    the list that follows it, and a fragment cut at a boundary is left out."""
    return text_sentences(text)


def title_tokens(passage: Passage) -> set[str]:
    file_name = re.sub(r"[-_.]+", " ", passage.file.rsplit("/", 1)[-1])
    return set(tokens(f"{passage.title or ''} {file_name}"))


def levels(passage: Passage) -> list[str]:
    """A passage's headings, outermost first ('' when it has none)."""
    return (passage.heading or "").split(" > ")


def heading_tokens(passage: Passage) -> set[str]:
    return set(tokens(passage.heading or ""))


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


@dataclass(frozen=True)
class Hit:
    passage: Passage
    fused: float
    dense: float
    overlap: int
    title_match: bool = False
    heading_match: bool = False
    rare: frozenset[str] = frozenset()  # brought for these words: only sentences holding one


@dataclass(frozen=True)
class Quote:
    """Adjacent sentences of one passage, quoted together."""

    passage: Passage
    sentence: str
    score: float
    heading: str | None = None  # the heading line inside the section it sits under
    parts: tuple[Sentence, ...] = ()


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

    @cached_property
    def book(self) -> SentenceBook:
        """Every passage's whole sentences, split once for this version."""
        return SentenceBook(self.passages)

    @cached_property
    def _sentence_vectors(self) -> dict[str, np.ndarray]:
        """Every sentence of the index, embedded once in one batch (when the index is first
        used), so choosing the sentences of an answer costs no encoding at question time."""
        every = list(dict.fromkeys(s.text for p in self.passages for s in self.book.of(p.id)))
        return dict(zip(every, np.asarray(self.embedder.embed(every)), strict=True))

    def _closeness(self, question: str, found: list[str]) -> list[float]:
        """Cosine of each sentence to the question (the question's vector is the one search
        already made; a sentence not embedded yet is embedded once, in one batch)."""
        if not found:
            return []
        query = np.asarray(self.embedder.embed_one(question))
        vectors = self._sentence_vectors
        missing = list(dict.fromkeys(s for s in found if s not in vectors))
        if missing:
            for sentence, vector in zip(missing, self.embedder.embed(missing), strict=True):
                vectors[sentence] = np.asarray(vector)
        return [float(vectors[s] @ query) for s in found]

    @staticmethod
    def _names(passage: Passage, query_tokens: set[str]) -> bool:
        return bool(naming_words(query_tokens, title_tokens(passage), tokens))

    def _inner_headings(self, passage_id: str) -> list[set[str]]:
        """The words of each heading line inside a passage's text (PDF and plain text)."""
        found = dict.fromkeys(s.heading for s in self.book.of(passage_id) if s.heading)
        return [set(tokens(heading)) for heading in found]

    def quotes(
        self,
        question: str,
        hits: list[Hit],
        *,
        limit: int = 3,
        per_passage: int = 1,
        requirements: bool = False,
        ignore: frozenset[str] = frozenset(),
    ) -> list[Quote]:
        """The sentences that best answer the question, adjacent ones of a passage quoted
        together. A question that only names a document or a section ('what did the school
        say?', 'the review's recommendations') gets the document's gist or the section."""
        query_tokens = set(tokens(question))
        kinds = asked_kinds(question)
        # the best passage that the question only names; 'who was at the ICPC' asks for
        # someone in it, not for its gist
        for hit in [] if kinds else hits:
            naming = naming_words(query_tokens, title_tokens(hit.passage), tokens)
            named = title_tokens(hit.passage) | naming | heading_tokens(hit.passage)
            if not (hit.title_match or hit.heading_match) or query_tokens - named:
                continue
            if hit.heading_match and (
                not hit.title_match or query_tokens & heading_tokens(hit.passage)
            ):
                return self._section(hit.passage)
            return self.gist(hit.passage.file, question)
        if requirements:
            per_passage, limit = max(per_passage, 2), max(limit, 5)
        people = self._people if "person" in kinds else None
        pool = self._with_named_documents(hits)
        naming_any = {
            word
            for hit in hits
            if hit.title_match
            for word in naming_words(query_tokens, title_tokens(hit.passage), tokens)
        }
        covered = self._coverage(question, {hit.passage.file for hit in pool}, ignore | naming_any)
        about_whom = ignore & query_tokens
        scored: list[tuple[float, Sentence, Passage]] = []
        for rank, hit in enumerate(pool):
            # the words naming the document ('Hasleby Academy') say which, not what
            naming = (
                title_tokens(hit.passage)
                | naming_words(query_tokens, title_tokens(hit.passage), tokens)
                if hit.title_match
                else set()
            )
            found = self.book.of(hit.passage.id)
            meaning = self._closeness(question, [s.text for s in found])
            for sentence, close in zip(found, meaning, strict=True):
                words = set(tokens(f"{sentence.text} {sentence.heading or ''}"))
                if hit.rare and not hit.rare & words:
                    continue  # of a passage brought for a rare word, only where it is
                score = sum(self.idf(t) for t in (query_tokens - naming) & words)
                score += SEMANTIC_WEIGHT * max(close - SEMANTIC_FLOOR, 0.0)
                if kinds and holds(kinds, f"{sentence.text} {sentence.heading or ''}", people):
                    score += ASKED_KIND
                if score <= 0:
                    continue
                score += RANK_PRIOR / (rank + 1) + COVERAGE * covered[hit.passage.file]
                if about_whom and about_whom & set(tokens(levels(hit.passage)[-1])):
                    score += WHOSE_SECTION  # 'Child A (Callum, 16)': his section
                if requirements and is_requirement(sentence.text):
                    score += REQUIREMENT
                scored.append((score, sentence, hit.passage))
        scored.sort(key=lambda item: -item[0])
        chosen: list[_Chosen] = []
        used: Counter[str] = Counter()
        taken: set[str] = set()
        for score, sentence, passage in scored:
            if used[passage.id] >= per_passage or sentence.text in taken:
                continue
            item = self._with_previous(_Chosen(score, [sentence], passage))
            item = self._with_next(item, question)
            listed = self._with_list(item, people) if people else item
            chosen.append(listed)
            taken.add(sentence.text)
            if listed is not item:  # a list's names, quoted, are not chosen again
                taken.update(s.text for s in listed.sentences)
            used[passage.id] += 1
            if len(chosen) == limit:
                break
        return _merged(chosen)

    def _coverage(self, question: str, files: set[str], ignore: frozenset[str]) -> dict[str, float]:
        """Per document, the share (by idf) of the question's words (less names and the words
        naming a document, in `ignore`) that it holds somewhere:
        the document holding all of 'bedroom', 'joint' and 'visit' is the record of that
        visit; one holding 'joint' alone ('visits to be joint') is about something else. A
        question of one word gives no document an edge."""
        asked = [w for w in content_words(question) if w not in ignore and self.idf(w) > 0]
        total = sum(self.idf(w) for w in asked)
        if len(asked) < 2 or not total:
            return dict.fromkeys(files, 0.0)
        held: dict[str, set[str]] = {}
        for word in asked:
            for number in self._holding.get(word, []):
                held.setdefault(self.passages[number].file, set()).add(word)
        return {f: sum(self.idf(w) for w in held.get(f, ())) / total for f in files}

    def _with_named_documents(self, hits: list[Hit]) -> list[Hit]:
        """The hits, then every other passage of a case document the question names: 'who
        attended the ICPC' is answered by the minutes' list of those present, which shares no
        word with the question and ranks low among the minutes' passages. (A learning
        document is long guidance whose title words are the topic of any question about it.)"""
        named = {
            hit.passage.file
            for hit in hits
            if hit.title_match and hit.passage.learning_kind is None
        }
        found = {hit.passage.id for hit in hits}
        rest = [p for p in self.passages if p.file in named and p.id not in found]
        return [*hits, *(Hit(p, 0.0, 0.0, 0, title_match=True) for p in rest)]

    @cached_property
    def _people(self) -> re.Pattern[str]:
        return people_pattern(p.name for p in self.records.professionals)

    def _with_list(self, item: _Chosen, people: re.Pattern[str]) -> _Chosen:
        """Asked who: a sentence naming a person brings along the adjacent ones of its section
        that name a person too, the whole list ('Present: ...', 'Apologies: ...')."""
        if not any(people.search(s.text) for s in item.sentences):
            return item  # (the same item: nothing was added)
        section = [
            s for s in self.book.of(item.passage.id) if s.heading == item.sentences[0].heading
        ]
        by_order = {s.order: s for s in section}
        low, high = item.sentences[0].order, item.sentences[-1].order
        while low - 1 in by_order and people.search(by_order[low - 1].text):
            low -= 1
        while high + 1 in by_order and people.search(by_order[high + 1].text):
            high += 1
        return _Chosen(item.score, [by_order[n] for n in range(low, high + 1)], item.passage)

    def _with_previous(self, item: _Chosen) -> _Chosen:
        """A sentence opening with a pronoun ('It must name the community midwife ...') is
        quoted with the sentence before it, which says what 'it' is."""
        (sentence,) = item.sentences
        if not _REFERS_BACK.match(sentence.text):
            return item
        before = [s for s in self.book.of(item.passage.id) if s.order == sentence.order - 1]
        if not before or before[0].heading != sentence.heading:
            return item
        return _Chosen(item.score, [before[0], sentence], item.passage)

    def _with_next(self, item: _Chosen, question: str) -> _Chosen:
        """The next sentence comes along when it carries this one on: after a short one ('If
        the child declines, ...' then 'A second offer must be made within 5 working days'),
        or when it opens with a pronoun for this one's subject ('It must name ...'); and only
        when it is about the question too."""
        sentence = item.sentences[-1]
        following = [s for s in self.book.of(item.passage.id) if s.order == sentence.order + 1]
        if not following or following[0].heading != sentence.heading:
            return item
        carries_on = _REFERS_BACK.match(following[0].text)
        if len(sentence.text) > SHORT_SENTENCE and not carries_on:
            return item
        if self._closeness(question, [following[0].text])[0] < SEMANTIC_FLOOR + 0.1:
            return item
        return _Chosen(item.score, [*item.sentences, following[0]], item.passage)

    def gist(self, file: str, question: str) -> list[Quote]:
        """A document in a few quotes: the lead sentences of each of its sections, in order;
        of a document with more sections than GIST_SECTIONS, those closest to the question."""
        leads: dict[tuple[str | None, str | None], list[tuple[Sentence, Passage]]] = {}
        for passage in (p for p in self.passages if p.file == file):
            for sentence in self.book.of(passage.id):
                leads.setdefault((passage.heading, sentence.heading), []).append(
                    (sentence, passage)
                )
        share = max(GIST_LEAD, GIST_SENTENCES // max(len(leads), 1))  # a short letter: more
        sections = [lead[:share] for lead in leads.values()]
        if len(sections) > GIST_SECTIONS:
            close = self._closeness(question, [lead[0][0].text for lead in sections])
            best = sorted(range(len(sections)), key=lambda i: -close[i])[:GIST_SECTIONS]
            sections = [sections[i] for i in sorted(best)]
        chosen = [
            _Chosen(10.0 - n / 100, [sentence], passage)
            for n, (sentence, passage) in enumerate(pair for lead in sections for pair in lead)
        ]
        return _merged(chosen)

    def _section(self, passage: Passage) -> list[Quote]:
        """A section named by the question, quoted from its start."""
        found = self.book.by_section.get(passage.id, [])[:SECTION_SENTENCES]
        by_id = {p.id: p for p in self.passages}
        return _merged(
            [_Chosen(10.0 - n / 100, [s], by_id[s.passage_id]) for n, s in enumerate(found)]
        )


@dataclass(frozen=True)
class _Chosen:
    score: float
    sentences: list[Sentence]
    passage: Passage


def _merged(chosen: list[_Chosen]) -> list[Quote]:
    """Chosen sentences as quotes, adjacent sentences of one passage joined into one quote,
    in the order of each quote's best sentence."""
    parts: dict[str, list[tuple[float, Sentence]]] = {}
    passages: dict[str, Passage] = {}
    for item in chosen:
        entries = parts.setdefault(item.passage.id, [])
        for piece in item.sentences:
            if all(piece.order != s.order for _, s in entries):
                entries.append((item.score, piece))
        passages[item.passage.id] = item.passage
    quotes: list[Quote] = []
    for passage_id, entries in parts.items():
        entries.sort(key=lambda e: e[1].order)
        run: list[tuple[float, Sentence]] = []
        for entry in entries:
            if run and (
                entry[1].order != run[-1][1].order + 1 or entry[1].heading != run[-1][1].heading
            ):
                quotes.append(_quote(passages[passage_id], run))
                run = []
            run.append(entry)
        if run:
            quotes.append(_quote(passages[passage_id], run))
    quotes.sort(key=lambda q: -q.score)
    return quotes


def _quote(passage: Passage, run: list[tuple[float, Sentence]]) -> Quote:
    return Quote(
        passage,
        _joined_text([s.text for _, s in run]),
        max(score for score, _ in run),
        run[0][1].heading,
        tuple(s for _, s in run),
    )


def _joined_text(texts: list[str]) -> str:
    """Sentences quoted together; lines of a list with no stop of their own ('Hannah
    Okafor, Social Worker' then 'Mark Ellison, Team Manager') are kept apart by '; '."""
    joined = texts[0]
    for text in texts[1:]:
        joined += (" " if joined.rstrip().endswith(_STOPS) else "; ") + text
    return joined


def _matches(passage: Passage, where: dict[str, object] | None) -> bool:
    if not where:
        return True
    return all(
        (passage.learning_kind.value if key == "learning_kind" and passage.learning_kind else None)
        == value
        for key, value in where.items()
    )
