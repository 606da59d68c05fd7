"""A topic across every record kind ('is there any domestic abuse?'): every chronology event,
appointment, involvement note and document passage that is about it, by date, grouped by kind.

The topic is matched by meaning to the safeguarding themes of prompts/themes.yaml (cosine >=
THEME_MATCH against a theme's name or description, within THEME_TIE of the best). A record is
about the topic when it is about a matched theme (`ThemeVectors.about_each`), close to the
topic itself (cosine >= DENSE), or holds WORD_SHARE of the topic words' weight and is at least
loosely close (>= DENSE_WITH_WORD). Record embeddings are the ones ingest stored in Chroma; the
themes are embedded once a process."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

import prompts
from bot.evidence import Line, Query, ToolResult, clipped, fmt_date, plural
from bot.records import Records, member_words, record_day
from bot.request import Ask
from bot.search import tokens
from bot.tools.chronology import asked_nowhere, type_words
from bot.understand.asked import without_members
from bot.understand.vocabulary import expand_abbreviations, read_out_abbreviations
from bot.version_cache import DEFAULT_CACHED_VERSIONS, VersionCache
from ingest.embedder import Embedder
from ingest.entries import entry_id
from ingest.models import ChronologyEvent
from ingest.store import Store

DENSE = 0.53
WORD_SHARE = 0.75  # of the topic words' weight a record must hold to count by word
DENSE_WITH_WORD = 0.05
THEME_MATCH = 0.45
THEME_TIE = 0.1  # a topic means every theme this close to its best
THEME_FLOOR = 0.53
THEME_MARGIN = 0.05
THEME_OTHER = 0.05
THEME_WORDS = 2  # rare words (inverse document frequency > RARE), or one rarer than RAREST
RARE = 2.5
RAREST = 3.0
THEME_LOOSE = 0.35
THEME_NAMED = 0.7  # a phrase this close to a theme's name or description names it
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
    # ThemeVectors.about_each of this version, by the ThemeVectors' id: made once a version
    themed: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    examples: tuple[str, ...]
    background: bool = False  # routine contact: never a topic, the bar a theme must clear


def themes() -> tuple[Theme, ...]:
    return tuple(
        Theme(
            name,
            entry["description"],
            tuple(entry["examples"]),
            bool(entry.get("background", False)),
        )
        for name, entry in prompts.load("themes.yaml").items()
    )


@dataclass(frozen=True)
class _ThemeMatrix:
    themes: tuple[Theme, ...]
    names: np.ndarray  # one row a theme
    described: np.ndarray  # 'name. description', one row a theme
    examples: list[np.ndarray]  # per theme: its examples and its description
    words: list[frozenset[str]]  # per theme: the word stems of its description


class ThemeVectors:
    """The themes embedded once, on first use; a record's closeness to a theme is its highest
    cosine to the theme's example sentences or description."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._matrix: _ThemeMatrix | None = None

    def _load(self) -> _ThemeMatrix:
        if self._matrix is None:
            found = themes()
            described = [f"{t.name}. {t.description}" for t in found]
            self._matrix = _ThemeMatrix(
                found,
                self.embedder.embed_array([t.name for t in found]),
                self.embedder.embed_array(described),
                [
                    self.embedder.embed_array([*t.examples, text])
                    for t, text in zip(found, described, strict=True)
                ],
                [frozenset(tokens(t.description)) for t in found],
            )
        return self._matrix

    def _closeness(self, vector: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """A vector's cosine to each theme's name or description, whichever is higher, and
        the themes that are no background."""
        matrix = self._load()
        closeness = np.maximum(matrix.names @ vector, matrix.described @ vector)
        return closeness, [i for i, t in enumerate(matrix.themes) if not t.background]

    def matched(self, topic: np.ndarray) -> list[int]:
        """The themes a topic vector means (never a background theme)."""
        closeness, allowed = self._closeness(topic)
        best = max(float(closeness[i]) for i in allowed)
        return [
            i for i in allowed if closeness[i] >= THEME_MATCH and closeness[i] >= best - THEME_TIE
        ]

    def is_named(self, phrase: str) -> bool:
        """Whether a phrase is a theme's name or description in other words ('domestic
        violence', 'child criminal exploitation'), not a kind of record within it ('return home
        interview')."""
        closeness, allowed = self._closeness(np.asarray(self.embedder.embed_one(phrase)))
        return max(float(closeness[i]) for i in allowed) >= THEME_NAMED

    def names_one(self, text: str) -> bool:
        """Whether a clause's topic words mean a theme ('any missing episodes')."""
        return bool(self.matched(np.asarray(self.embedder.embed_one(subject_of(text)))))

    def name(self, index: int) -> str:
        return self._load().themes[index].name

    def about_each(self, matrix: _Matrix) -> np.ndarray:
        """Per record and theme (one column a theme): whether the record is about it, by one
        of two routes, and not much closer to another theme (by THEME_OTHER):
        - by meaning: within THEME_FLOOR of the theme and closer to it than to routine contact
          by THEME_MARGIN;
        - by word: it holds THEME_WORDS of the theme's rare words (in this case) or one of its
          rarest ('CAMHS', 'MARAC'), is at least loosely close (>= THEME_LOOSE) and no closer
          to routine contact: families written with names score lower by meaning throughout
          than families written with roles.
        A background theme's column is all False. Worked out once per case version (kept
        with its record vectors), read-only."""
        held = matrix.themed.get(id(self))
        if held is not None:
            return held
        themed = self._load()
        closeness = np.stack(
            [(matrix.vectors @ vectors.T).max(axis=1) for vectors in themed.examples], axis=1
        )
        background = [i for i, t in enumerate(themed.themes) if t.background]
        bar = closeness[:, background].max(axis=1) if background else np.zeros(len(matrix.ids))
        about = np.zeros(closeness.shape, dtype=bool)
        for index, theme in enumerate(themed.themes):
            if theme.background:
                continue
            own = closeness[:, index]
            others = [i for i, t in enumerate(themed.themes) if not t.background and i != index]
            rival = closeness[:, others].max(axis=1) if others else np.zeros(len(own))
            weight = {w: _idf(matrix, w) for w in themed.words[index] if matrix.frequency[w] > 0}
            rare = {w for w, v in weight.items() if v > RARE}
            rarest = {w for w, v in weight.items() if v > RAREST}
            held = np.array([len(rare & words) for words in matrix.words])
            one = np.array([bool(rarest & words) for words in matrix.words])
            by_word = ((held >= THEME_WORDS) | one) & (own >= THEME_LOOSE)
            by_meaning = (own >= THEME_FLOOR) & (own - bar >= THEME_MARGIN)
            about[:, index] = (by_meaning | (by_word & (own >= bar))) & (
                own - rival >= -THEME_OTHER
            )
        about.setflags(write=False)
        matrix.themed[id(self)] = about
        return about

    def warm(self) -> None:
        """Embed the themes now (at start-up), not on the first topic question (~0.4 s)."""
        self._load()


def themes_in(
    records: Records, vectors: RecordVectors, theme_vectors: ThemeVectors
) -> list[tuple[str, list[str]]]:
    """Every safeguarding theme the case's records are about, with those records by date:
    by the theme's examples and rare words, or by the words of its name."""
    matrix = vectors.matrix(records)
    if not len(matrix.ids):
        return []
    found = []
    about = theme_vectors.about_each(matrix)
    for index, theme in enumerate(themes()):
        if theme.background:
            continue
        named = tokens(theme.name)
        ids = [
            record_id
            for i, record_id in enumerate(matrix.ids)
            if records.by_id[record_id].kind not in ("member", "address")
            and (about[i, index] or _holds(matrix, i, named))
        ]
        if ids:
            ids.sort(key=lambda i: (record_day(records, i) or dt.date.min, i))
            found.append((theme.name, ids))
    return found


def _idf(matrix: _Matrix, word: str) -> float:
    """How rare a word is among the case's records: a word none holds weighs most."""
    return math.log(1 + len(matrix.ids) / (1 + matrix.frequency[word]))


def _holds(matrix: _Matrix, index: int, words: list[str]) -> bool:
    """Whether record `index` holds WORD_SHARE of the topic words' weight (inverse document
    frequency in the case: a word the case never uses weighs most, so 'mental health issues' is
    not met by every record that says 'health')."""
    weight = {w: _idf(matrix, w) for w in words}
    held = sum(v for w, v in weight.items() if v > 1.0 and w in matrix.words[index])
    return held > 0 and held >= WORD_SHARE * sum(weight.values())


def without_names(text: str, names: set[str]) -> str:
    """A clause's words less stopwords and the words of names: what it is about."""
    kept = [w for w in text.split() if (t := tokens(w)) and not set(t) & names]
    return " ".join(w for w in kept if w.lower().strip(",;:'?") not in prompts.stopwords())


def subject_of(text: str) -> str:
    """The topic words of a clause: from its first to its last word that carries meaning
    ('is there any domestic abuse' -> 'domestic abuse')."""
    words = text.strip(" ?.!").split()
    meaning = [i for i, w in enumerate(words) if w.lower().strip(",;:'") not in prompts.stopwords()]
    return " ".join(words[meaning[0] : meaning[-1] + 1]) if meaning else text.strip(" ?.!")


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
        entry_ids, stored = self.store.vectors(records.version)
        by_entry = dict(zip(entry_ids, stored, strict=True))
        ids = [r.id for r in records.records if entry_id(r.kind, r.id) in by_entry]
        vectors = np.asarray([by_entry[entry_id(records.by_id[i].kind, i)] for i in ids])
        # 'EHE review' holds the words of 'home education': abbreviations read out in full
        words = [frozenset(tokens(expand_abbreviations(records.texts.get(i, "")))) for i in ids]
        frequency = Counter(w for ws in words for w in ws)
        return _Matrix(ids, vectors, words, frequency)

    def closest(self, records: Records, vector: list[float]) -> float:
        """The highest cosine between a vector and any record of the case."""
        matrix = self.matrix(records)
        return float((matrix.vectors @ np.asarray(vector)).max()) if len(matrix.ids) else 0.0


def _said(records: Records, record_id: str) -> str:
    """What a record says, without the date, agency and names its citation already gives."""
    record = records.by_id[record_id]
    if isinstance(record, ChronologyEvent):
        parts = [f"{type_words(record.event_type)}, {record.agency}: {record.summary}"]
        parts += [
            f"{label}: {value}"
            for label, value in (("Action", record.action), ("Outcome", record.outcome))
            if value
        ]
        return " ".join(p if p.endswith(".") else p + "." for p in parts)
    return records.texts.get(record_id, "").strip()


def topic(
    query: Query, vectors: RecordVectors, embedder: Embedder, theme_vectors: ThemeVectors
) -> ToolResult:
    records = query.records
    assert records is not None
    ask = query.ask
    subject = subject_of(ask.topic or ask.text)
    names = member_words(records)
    wanted = [t for t in tokens(subject) if t not in names]
    matrix = vectors.matrix(records)
    counts = Counter(records.by_id[i].kind for i in matrix.ids)
    searched = "every record of case {} by meaning and by word: {}".format(
        records.case_id,
        ", ".join(plural(n, KIND_WORDS.get(k, k)) for k, n in counts.most_common()),
    )
    if not wanted and ask.members and len(matrix.ids):
        # 'anything about the uncle?': every record about them
        chosen = _about_people(records, matrix, ask.members)
        return _listed(query, chosen, records.names(list(ask.members)), searched)
    if not wanted or not len(matrix.ids):
        return ToolResult(
            ask.about, [Line("The question names no topic to look for.", ())], searched, False
        )
    meant = read_out_abbreviations(subject)  # 'any DV?' means domestic violence
    chosen, matched, worded = _about_topic(query, matrix, meant, names, embedder, theme_vectors)
    if not matched and (nowhere := asked_nowhere(query, searched)):
        # a word no record holds is evidence of absence only for a topic no theme means:
        # 'has dean been violent to kerry' means domestic abuse, whatever words records use
        return nowhere
    typed = _of_named_type(records, ask)
    chosen += [i for i in typed if i not in chosen]
    if chosen and matched:
        searched += " (read as {}, by its example sentences)".format(
            " and ".join(f"'{theme_vectors.name(i)}'" for i in matched)
        )
    found = _listed(query, chosen, subject, searched, frozenset(worded) | frozenset(typed))
    if found.found or matched or ask.shape in ("earliest", "latest") or ask.confidence < SURE_TOPIC:
        # a theme it means that no record is about is evidence of absence ('any missing
        # episodes?'); a first or last record found by no theme is the chronology's
        return found
    saying, rare = _saying_rare_words(query, matrix)
    if not saying:
        return found
    said = " or ".join(f"'{w}'" for w in rare)
    searched += f"; then the records saying {said}, words few records of the case hold"
    return _listed(query, saying, subject, searched, frozenset(saying))


def _of_named_type(records: Records, ask: Ask) -> list[str]:
    """Chronology records of an event type the topic names ('noise complaints': environmental
    health), from a source it names ('from neighbours'): about it by what they are."""
    if not ask.event_types:
        return []
    return [
        e.id
        for e in records.chronology
        if e.event_type in ask.event_types
        and (not ask.source_types or e.source_type in ask.source_types)
    ]


def _about_people(records: Records, matrix: _Matrix, members: tuple[str, ...]) -> list[str]:
    """The member records, and every record concerning them or naming them."""
    wanted = set(members)
    named = [
        re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE)
        for m in members
        if (member := records.members_by_id.get(m))
        for n in [member.name, *member.aliases]
        if len(n) > 2
    ]
    chosen = []
    for record_id in matrix.ids:
        record = records.by_id[record_id]
        concerns = set(getattr(record, "members", ()) or ()) | {getattr(record, "member", None)}
        if (
            record_id in wanted
            or concerns & wanted
            or (
                record.kind == "passage"
                and any(p.search(records.texts.get(record_id, "")) for p in named)
            )
        ):
            chosen.append(record_id)
    return chosen


def _about_topic(
    query: Query,
    matrix: _Matrix,
    subject: str,
    names: set[str],
    embedder: Embedder,
    theme_vectors: ThemeVectors,
) -> tuple[list[str], list[int], list[str]]:
    """The records about a topic, the themes it was read as, and those of the records that
    say the topic's words."""
    records = query.records
    assert records is not None
    topic_vector = np.asarray(embedder.embed_one(subject))
    # the theme is read without the people ('how many times has kai gone missing', "mum's
    # fella's drinking": the member resolver's reading of each mention is taken out whole)
    topical = without_names(without_members(subject, records), names)
    matched = theme_vectors.matched(
        topic_vector if topical == subject else np.asarray(embedder.embed_one(topical))
    )
    similarity = matrix.vectors @ topic_vector
    by_theme = (
        theme_vectors.about_each(matrix)[:, matched].any(axis=1)
        if matched
        else np.zeros(len(matrix.ids), dtype=bool)
    )
    alternatives = [  # 'drugs or alcohol': a record about either is about the topic
        [t for t in tokens(part) if t not in names] for part in re.split(r"\bor\b|/", subject)
    ]
    chosen: list[str] = []
    worded: list[str] = []
    for index, record_id in enumerate(matrix.ids):
        if records.by_id[record_id].kind in ("member", "address"):
            continue
        shares = any(_holds(matrix, index, words) for words in alternatives if words)
        if (
            similarity[index] >= DENSE
            or by_theme[index]
            or (shares and similarity[index] >= DENSE_WITH_WORD)
        ):
            chosen.append(record_id)
            if shares or any(w in matrix.words[index] for ws in alternatives for w in ws):
                worded.append(record_id)
    return chosen, matched, worded


SURE_TOPIC = 0.5  # an unsurer topic reading that finds nothing gives way to the next readings
RARE_RECORDS = 0.05  # a word at most this share of the case's records hold says what they are


def _saying_rare_words(query: Query, matrix: _Matrix) -> tuple[list[str], list[str]]:
    """When no record is about a topic by meaning or theme: the records that say one of the
    words it asks with (`Ask.asked_with`) that the case's records seldom hold (at most
    RARE_RECORDS of them: 'hungry' of 'the kids going hungry'), with those words as typed;
    none when it has none."""
    records = query.records
    assert records is not None
    limit = max(1, int(RARE_RECORDS * len(matrix.ids)))
    rare = [w for w in query.ask.asked_with if 0 < matrix.frequency[w.stem] <= limit]
    stems = {w.stem for w in rare}
    chosen = [
        record_id
        for index, record_id in enumerate(matrix.ids)
        if records.by_id[record_id].kind not in ("member", "address")
        and stems & matrix.words[index]
    ]
    return chosen, [w.typed for w in rare]


def _listed(
    query: Query,
    chosen: list[str],
    subject: str,
    searched: str,
    worded: frozenset[str] = frozenset(),
) -> ToolResult:
    """The records about a topic, filtered by the ask's people and period, by date and kind.
    A record is shown by what it says (its citation opens the whole record)."""
    records = query.records
    assert records is not None
    ask = query.ask
    if ask.members and subject != records.names(list(ask.members)):
        chosen = [
            i
            for i in chosen
            if not getattr(records.by_id[i], "members", ())
            or set(getattr(records.by_id[i], "members", ())) & set(ask.members)
            or getattr(records.by_id[i], "member", None) in ask.members
        ]
    if ask.period:
        chosen = [i for i in chosen if ask.period.contains(record_day(records, i))]
    if ask.about == "events":
        # events asked of a theme ('DA incidents'): what happened is the chronology's; the
        # other kinds only when it has none
        chosen = [i for i in chosen if records.by_id[i].kind == "chronology"] or chosen
    if not chosen:
        return ToolResult(
            ask.about,
            [Line(f"No record of case {records.case_id} is about {subject}.", ())],
            searched,
            False,
        )
    chosen.sort(key=lambda i: (record_day(records, i) or dt.date.min, i))
    if ask.shape in ("latest", "earliest"):
        return _one_of(query, chosen, subject, searched, worded)
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
            day = record_day(records, record_id)
            text = clipped(_said(records, record_id))
            lines.append(
                Line(
                    f"{fmt_date(day)} ({KIND_WORDS.get(kind, kind)}): {text}",
                    (record_id,),
                    bullet=True,
                )
            )
    return ToolResult(ask.about, lines, searched, True, chosen)


def _one_of(
    query: Query, chosen: list[str], subject: str, searched: str, worded: frozenset[str]
) -> ToolResult:
    """'when was the last incident?' of a topic: its most recent (or first) dated record, with
    how many records are about the topic. A record saying the topic's words (or of the type
    named) is the one, before a record only near it in meaning ('when did kai last go
    missing': the police record of the episode, not the return interview after it)."""
    records = query.records
    assert records is not None
    dated = [i for i in chosen if record_day(records, i)] or chosen
    dated = [i for i in dated if i in worded] or dated
    latest = query.ask.shape == "latest"
    record_id = dated[-1] if latest else dated[0]
    kind = records.by_id[record_id].kind
    text = clipped(_said(records, record_id))
    which = "most recent" if latest else "earliest"
    lines = [
        Line(
            f"The {which} record about {subject}: "
            f"{fmt_date(record_day(records, record_id))} ({KIND_WORDS.get(kind, kind)}): {text}",
            (record_id,),
        ),
    ]
    # as of events asked by their order, the one record is cited and how many there were is
    # what was searched ('list them' gives every one)
    which_of = f"{plural(len(chosen), 'record')} about {subject}, this the {which}"
    return ToolResult(
        query.ask.about,
        lines,
        f"{searched} ({which_of})",
        True,
        [record_id, *[i for i in chosen if i != record_id]],
    )
