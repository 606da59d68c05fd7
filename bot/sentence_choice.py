"""Sentence choice: the sentences of the passages a search found (`Hit`) that best answer
a question, scored by the question's words, meaning and kind, and quoted whole; adjacent
ones of a passage are one `Quote`. A question that only names a document or a section
gets the document's gist or the section."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bot.asked import asked_kinds, holds, people_pattern
from bot.document_names import naming_words
from bot.passage_match import Hit, content_words, heading_tokens, levels, title_tokens, tokens
from bot.records import Records
from bot.requirements import is_requirement
from bot.sentences import Sentence, SentenceBook
from ingest.embedder import Embedder
from ingest.models import Passage

WHOSE_SECTION = 1.0  # a sentence of the section headed by whom the question is about
COVERAGE = 2.0  # a sentence's document holding all the question's words adds this much
# A sentence's meaning counts beside its words: 'what is mum asking for?' shares no word with
# 'I want a different social worker'. Cosine above the floor, times the weight, is added.
SEMANTIC_WEIGHT = 8.0
SEMANTIC_FLOOR = 0.2
SHORT_SENTENCE = 120  # characters: shorter chosen sentences may bring the next one along
_STOPS = (".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019")
_REFERS_BACK = re.compile(r"^(?:it|this|these|they|that|such)\b", re.I)
RANK_PRIOR = 1.5  # the passage search ranked first lends its sentences this much
ASKED_KIND = 2.5  # a sentence holding the kind of thing asked for (a time, a number)
REQUIREMENT = 1.0  # a sentence of obligation, for a procedure question
GIST_SECTIONS = 12  # 'what did the school say?': the lead of at most this many sections
GIST_LEAD = 2  # sentences quoted from each section of a document's gist, at least
GIST_SENTENCES = 12  # ... and of a document of few sections, this many shared among them
SECTION_SENTENCES = 20  # 'the review's recommendations': at most this many of the section


@dataclass(frozen=True)
class Quote:
    """Adjacent sentences of one passage, quoted together."""

    passage: Passage
    sentence: str
    score: float
    heading: str | None = None  # the heading line inside the section it sits under
    parts: tuple[Sentence, ...] = ()


class SentenceChoice:
    """Choosing the sentences to quote, for an index of one live version's passages (the
    search index, `bot.search.PassageIndex`, is one: it gives the passages, the embedder,
    and the idf and holders of each word)."""

    records: Records
    passages: list[Passage]
    embedder: Embedder
    _holding: dict[str, list[int]]
    idf: Callable[[str], float]

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
