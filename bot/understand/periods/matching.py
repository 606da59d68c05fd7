"""Matching an anchor's words to the case's records: idf-weighted overlap of stems, event types
and phrases, over events, appointments and involvements."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from bot.understand.periods.candidates import _Atom, _Ctx, _Hit
from bot.understand.periods.index import _Index, _stem
from bot.understand.periods.words import (
    _IRREGULAR_PAST,
    ABBREVIATIONS,
    ANCHOR_STOPWORDS,
    EVENT_TYPE_PHRASES,
    MONTH_ABBR,
    MONTHS,
    PERSON_HEADS,
    SYNONYMS,
    WEEKDAYS,
    _words,
)


def _concepts(tokens: list[str], index: _Index) -> list[tuple[str, ...]]:
    """The anchor's words to match, each with the stems that count as it."""
    required, bonus = _split_concepts(tokens, index)
    return required + bonus


def _split_concepts(
    tokens: list[str], index: _Index
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(words an event must match, words about who did it that only help rank: 'the SW' in
    'when the SW went out')."""
    joined = " ".join(tokens)
    concepts: list[tuple[str, ...]] = []
    bonus: list[tuple[str, ...]] = []
    for phrase, alts in SYNONYMS.items():
        if " " in phrase and re.search(rf"\b{re.escape(phrase)}\b", joined):
            concepts.append(tuple(_stem(a) for a in alts))
            joined = re.sub(rf"\b{re.escape(phrase)}\b", " ", joined)
    member_words = {w for p, _ in index.member_phrases for w in p.split()}
    words = joined.split()
    for k, word in enumerate(words):
        word = word.removesuffix("'s")
        if word in ANCHOR_STOPWORDS or word in member_words:
            continue
        if word in MONTHS or word in MONTH_ABBR:
            continue
        nxt = words[k + 1].removesuffix("'s") if k + 1 < len(words) else ""
        target = bonus if word in PERSON_HEADS or nxt in PERSON_HEADS else concepts
        expansion = ABBREVIATIONS.get(word)
        if expansion:
            parts = [p for p in expansion.split() if p not in ANCHOR_STOPWORDS]
            target += [(_stem(p), _stem(word)) for p in parts]
            continue
        alts = SYNONYMS.get(word) or SYNONYMS.get(_stem(word))
        target.append(tuple(_stem(a) for a in alts) if alts else (_stem(word),))
    return concepts, bonus


def _event_types(tokens: list[str]) -> tuple[set[str], set[str]]:
    """Event types the anchor names ('core group', 'ICPC'), the longest phrase winning
    ('home visit' is not also any visit), and the plain words that named them."""
    joined = " " + " ".join(tokens) + " "
    types: set[str] = set()
    words: set[str] = set()
    for phrase in dict.fromkeys(p for p, _ in EVENT_TYPE_PHRASES):  # longest first
        pattern = rf"\s{re.escape(phrase)}s?\s"
        if re.search(pattern, joined):
            types |= {t for p, t in EVENT_TYPE_PHRASES if p == phrase}
            words |= {w for w in phrase.split() if w not in ABBREVIATIONS}
            joined = re.sub(pattern, " # ", joined)
    return types, words


def _coverage(index: _Index, pool: list[int], concepts: list[tuple[str, ...]]) -> dict[int, float]:
    """Each doc's share of the concepts' idf weight that it holds (notes count 0.6)."""
    n = len(index.docs)
    weights: list[float] = []
    matched: list[frozenset[int]] = []
    for alts in concepts:
        docs = frozenset().union(*(index.docs_matching(s) for s in alts))
        matched.append(docs)
        weights.append(math.log((n + 1) / (len(docs) + 0.5)))
    total = sum(weights) or 1.0
    scores: dict[int, float] = {}
    for i in pool:
        doc = index.docs[i]
        got = 0.0
        for docs, weight, alts in zip(matched, weights, concepts, strict=True):
            if i in docs:
                got += weight if not doc.weak or _holds(doc.stems, alts) else 0.6 * weight
        scores[i] = got / total
    return scores


def _holds(stems: frozenset[str], alts: tuple[str, ...]) -> bool:
    return any(
        s in stems or any(t.startswith(s) or s.startswith(t) for t in stems
                          if min(len(s), len(t)) >= 5)
        for s in alts
    )  # fmt: skip


def _score(
    index: _Index,
    pool: Iterable[int],
    concepts: list[tuple[str, ...]],
    bonus: list[tuple[str, ...]] | None = None,
) -> dict[int, tuple[float, float]]:
    """Per doc: (coverage of the words it must match, that plus a little for the rest)."""
    pool = list(pool)
    required = _coverage(index, pool, concepts) if concepts else {i: 1.0 for i in pool}
    extra = _coverage(index, pool, bonus) if bonus else {}
    return {i: (required[i], required[i] + 0.25 * extra.get(i, 0.0)) for i in pool}


def _best(scores: dict[int, tuple[float, float]], threshold: float = 0.5) -> list[int]:
    eligible = {i: s for i, s in scores.items() if s[0] >= threshold}
    if not eligible:
        return []
    top = max(s[1] for s in eligible.values())
    return [i for i, s in eligible.items() if s[1] >= top - 0.02]


def _member_ok(index: _Index, i: int, members: list[str]) -> bool:
    doc_members = index.docs[i].members
    return not members or not doc_members or bool(doc_members & set(members))


def _match(
    index: _Index,
    ctx: _Ctx,
    tokens: list[str],
    members: list[str],
    constraint: _Atom | None,
    kw: str,
    types: tuple[str, ...],
) -> list[_Hit]:
    """Events (then appointments) that the anchor's words name: the best matches, all equally
    good (the caller picks the latest or the first)."""
    concepts, bonus = _split_concepts(tokens, index)
    wanted, type_words = _event_types(tokens)
    wanted = set(types) or wanted
    if not concepts and not wanted and constraint is None:
        concepts, bonus = bonus, []  # "since the SW went": the SW is all there is to match
    if not concepts and not wanted and constraint is None:
        return []
    phrases = _phrases(tokens)
    typed = [i for i in index.events if index.docs[i].event_type in wanted] if wanted else []
    tiers = ([typed] if typed else []) + [index.events, index.appointments]
    for tier in tiers:
        pool = [
            i for i in tier
            if _member_ok(index, i, members)
            and (constraint is None or constraint.lo <= index.docs[i].date <= constraint.hi)
        ]  # fmt: skip
        use = concepts
        if tier is typed:  # the type is matched already: "court" in "the court hearing"
            use, _ = _split_concepts([t for t in tokens if t not in type_words], index)
        if not pool or (tier is not typed and not use and constraint is None):
            continue
        scores = _score(index, pool, use, bonus)
        for i in pool:
            extra = _phrase_bonus(index.docs[i].text, phrases, user=tier is not typed)
            scores[i] = (scores[i][0], scores[i][1] + extra)
        best = _best(scores)
        if best:
            return [_Hit(index.docs[i].date, ids=(index.docs[i].record_id,)) for i in best]
        if tier is typed and constraint is not None:
            # 'when the DA incident happened in march': the type and the time name the event;
            # the other words describe it in words its record need not use
            return [_Hit(index.docs[i].date, ids=(index.docs[i].record_id,)) for i in pool]
    return []


def _phrases(tokens: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Word runs to find as phrases: an abbreviation's expansion ('review child protection
    conference'), and runs of the anchor's own words ('child protection plans')."""
    expansions = [ABBREVIATIONS[t].split() for t in tokens if t in ABBREVIATIONS]
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token in _RUN_BREAK or token in _IRREGULAR_PAST:
            if len(current) >= 2:
                runs.append(current)
            current = []
            continue
        current += ABBREVIATIONS[token].split() if token in ABBREVIATIONS else [token]
    if len(current) >= 2:
        runs.append(current)
    # a run counts when it holds two words that mean something ('child protection plans')
    runs = [r for r in runs if sum(w not in ANCHOR_STOPWORDS for w in r) >= 2]
    return expansions, runs


_RUN_BREAK = frozenset(
    _words(
        "the a an his her their its our my your this that last latest recent most first "
        "earliest previous was were is are has have had did he she they it we i you to into at "
        "on in from with by"
    )
)


def _phrase_bonus(text: str, phrases: tuple[list[list[str]], list[list[str]]], *,
                  user: bool) -> float:  # fmt: skip
    """A little for holding an expansion whole, or the longest run of the anchor's words."""
    expansions, runs = phrases
    score = 0.0
    for words in expansions:
        if _has_run(text, words):
            score += 0.3
    if user:
        for words in runs:
            longest = max(
                (n for n in range(len(words), 1, -1)
                 for k in range(len(words) - n + 1) if _has_run(text, words[k : k + n])),
                default=0,
            )  # fmt: skip
            score += 0.3 * longest / len(words)
    return score


def _has_run(text: str, words: list[str]) -> bool:
    pattern = r"\b" + r"\w*\s".join(re.escape(_stem(w)) for w in words) + r"\w*"
    return re.search(pattern, text) is not None


def _involvement(
    index: _Index,
    ctx: _Ctx,
    tokens: list[str],
    members: list[str],
    words: list[tuple[str, int, int]],
    kw: str,
) -> list[_Hit]:
    """A professional's or agency's involvement: 'while Early Help were involved'."""
    extra: list[str] = []
    if "there" in tokens:
        extra = _place_named_before(ctx, words[0][1], index)
    concepts = _concepts([t for t in tokens if t != "there"] + extra, index)
    if not concepts:
        return []
    pool = [i for i in index.professionals if _member_ok(index, i, members)]
    best = _best(_score(index, pool, concepts))
    ending = any(t in ("left", "ended", "closed", "stopped", "finished") for t in tokens)
    hits = []
    for i in best:
        doc = index.docs[i]
        if ending:
            if doc.end:
                hits.append(_Hit(doc.end, ids=(doc.record_id,)))
        else:
            hits.append(_Hit(doc.date, doc.end or ctx.today, (doc.record_id,)))
    return hits


_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)")


def _place_named_before(ctx: _Ctx, norm_at: int, index: _Index) -> list[str]:
    """What 'there' points back to: the last capitalised name before it that is not a
    person of the case ('a letter from Brackenmoor High ... while Kai was on roll there')."""
    before = ctx.text.orig[: ctx.text._pos(norm_at, False)]  # noqa: SLF001
    names = [
        m.group(1) for m in _CAPITALISED.finditer(before)
        if m.group(1).lower() not in index.person_words and m.group(1) not in ("I",)
        and not any(w.lower() in MONTHS or w.lower() in WEEKDAYS for w in m.group(1).split())
    ]  # fmt: skip
    return names[-1].lower().split() if names else []
