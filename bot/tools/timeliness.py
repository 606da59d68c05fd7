"""'Was the referral made in time under the procedure?': the procedure's timescale for the
thing asked about, the case's dated records of the thing and of what starts the clock, and
the days between them, each cited. Arithmetic only: the answer states the dates, the days and
the procedure's words, never a judgement of its own ('recorded 12 days after; the procedure
says within 5 working days')."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from bot.naming import source_name
from bot.records import Records
from bot.search import PassageIndex, tokens
from bot.sentences import Sentence
from bot.timewords import Duration, durations
from bot.tools.topic import RecordVectors
from ingest.embedder import Embedder
from ingest.models import Appointment, ChronologyEvent, Passage

_ASKS = re.compile(
    r"\b(?:in time|on time|in good time|timely|late|overdue|soon enough|quickly enough|"
    r"within (?:the )?(?:time ?scales?|time ?frames?|time limits?|deadlines?))\b",
    re.I,
)
_VERB = (
    r"(?:been\s+)?(?:made|held|done|completed|started|carried out|offered|sent|seen|convened|"
    r"written|filed|begun|booked|arranged|given|received|happened|took place|visited|"
    r"referred|assessed|notified|chased|shared|reviewed)"
)
_THING = re.compile(
    rf"\b(?:was|were|is|are|has|have|had)\s+(?P<thing>[\w'’ -]+?)\s+{_VERB}\b"
    rf"|\bdid\s+(?P<done>[\w'’ -]+?)\s+(?:happen|take place|get done)\b",
    re.I,
)
_ANCHOR = re.compile(
    r"^\s+(?:of|after|from|following)\s+(?P<anchor>[^,.;()]+?)(?=[,.;()]|\s+(?:and|or|if|unless|"
    r"when|by)\b|$)",
    re.I,
)
_LEADING = re.compile(r"^(?:the|a|an|their|his|her|its)\s+", re.I)
_GESTATION = re.compile(r"\bof pregnancy\b|\bgestation\b", re.I)
Dated = ChronologyEvent | Appointment
WORD_WEIGHT = 0.05  # a shared word, beside the cosine
EQUALLY_CLOSE = 0.05  # records this close to the best count as equally about it
RECENT_MARGIN = 0.15  # for what starts the clock: the latest of the records this close
CLOSE_ALONE = 0.4  # a record sharing no word counts when its meaning is this close


@dataclass(frozen=True)
class Timescale:
    sentence: Sentence
    passage: Passage
    duration: Duration
    anchor: str | None  # what starts the clock ('the referral', "the child's return")


def asks_timeliness(question: str) -> bool:
    return bool(_ASKS.search(question))


def thing_asked(question: str) -> tuple[str, str] | None:
    """'was the strategy discussion held in time' -> ('strategy discussion', 'held')."""
    match = _THING.search(question)
    if match is None:
        return None
    thing = _LEADING.sub("", (match.group("thing") or match.group("done") or "").strip())
    verb = match.group()[match.group().lower().rfind(" ") + 1 :]
    return (thing, verb) if thing else None


def _text(record: Dated) -> str:
    if isinstance(record, ChronologyEvent):
        kind = record.event_type.value.replace("_", " ")
        return f"{kind} {record.summary} {record.action or ''} {record.outcome or ''}"
    return f"{record.type} {record.outcome.value.replace('_', ' ')} {record.notes or ''}"


def _summary(record: Dated) -> str:
    if isinstance(record, ChronologyEvent):
        return record.summary
    return f"{record.type} ({record.outcome.value.replace('_', ' ')})"


def _anchor(sentence: str, duration: Duration) -> str | None:
    after = sentence[sentence.find(duration.text) + len(duration.text) :]
    found = _ANCHOR.match(after)
    anchor = found.group("anchor").strip() if found else None
    return None if anchor is None or _GESTATION.search(f"of {anchor}") else anchor


def _timescale(index: PassageIndex, thing: str, verb: str) -> Timescale | None:
    """The procedure sentence most about the thing with a duration counted from something
    the records can date ('within 10 working days of the referral'; not 'by 34 weeks')."""
    wanted = set(tokens(thing))
    candidates: list[tuple[Sentence, Passage, Duration, str]] = []
    for passage in index.passages:
        if passage.learning_kind is not None and passage.learning_kind.value != "procedure":
            continue
        for sentence in index.book.of(passage.id):
            if not wanted & set(tokens(sentence.text)):
                continue
            for duration in durations(sentence.text):
                anchor = _anchor(sentence.text, duration)
                if anchor:
                    candidates.append((sentence, passage, duration, anchor))
                    break
    if not candidates:
        return None
    texts = [c[0].text for c in candidates]
    close = index._closeness(f"{thing} {verb}", texts)
    words = wanted | set(tokens(verb))
    overlap = [sum(index.idf(t) for t in words & set(tokens(text))) for text in texts]
    best = max(range(len(candidates)), key=lambda i: (overlap[i] + 8 * close[i], -i))
    sentence, passage, duration, anchor = candidates[best]
    return Timescale(sentence, passage, duration, anchor)


class _Finder:
    """Dated records by meaning (the vectors ingest stored) and by word: the record most
    about some words, the latest of those about equally close."""

    def __init__(self, records: Records, vectors: RecordVectors, embedder: Embedder) -> None:
        self.records = records
        matrix = vectors.matrix(records)
        self.row = {record_id: n for n, record_id in enumerate(matrix.ids)}
        self.vectors = matrix.vectors
        self.embedder = embedder

    def best(
        self,
        candidates: list[Dated],
        words: str,
        before: dt.date | None,
        also: str = "",
        recent: bool = False,
    ) -> Dated | None:
        """`recent`: what starts a clock is the latest of the records near the best."""
        wanted, extra = set(tokens(words)), set(tokens(also))
        query = np.asarray(self.embedder.embed_one(f"{words} {also}".strip()))
        scored = []
        for record in candidates:
            if (before is not None and record.date > before) or record.id not in self.row:
                continue
            own = set(tokens(_text(record)))
            shared = len(wanted & own)
            if isinstance(record, ChronologyEvent):
                shared += len(wanted & set(tokens(record.event_type.value.replace("_", " "))))
            close = float(self.vectors[self.row[record.id]] @ query)
            if not shared and not extra & own and close < CLOSE_ALONE:
                continue
            scored.append((close + WORD_WEIGHT * shared, record))
        if not scored:
            return None
        top = max(score for score, _ in scored)
        margin = EQUALLY_CLOSE if before is None or not recent else RECENT_MARGIN
        return max((r for score, r in scored if score >= top - margin), key=_when)


def _when(record: Dated) -> tuple[dt.date, dt.time]:
    return record.date, record.time or dt.time(0)


def _between(start: Dated, end: Dated, duration: Duration) -> str:
    days = (end.date - start.date).days
    working = int(np.busday_count(start.date, end.date)) if days >= 0 else -1
    if duration.unit in ("hour", "minute") and start.time and end.time:
        hours = (
            dt.datetime.combine(end.date, end.time) - dt.datetime.combine(start.date, start.time)
        ).total_seconds() / 3600
        return f"{hours:g} hours"
    text = f"{plural(days, 'calendar day')} ({plural(working, 'working day')})"
    if duration.unit in ("hour", "minute"):
        text += f", {plural(days * 24, 'hour')} by the dates (no times are recorded),"
    return text


def timeliness(
    query: Query, learning: PassageIndex | None, vectors: RecordVectors, embedder: Embedder
) -> ToolResult | None:
    """None when the question names nothing the procedures set a timescale for."""
    records = query.records
    asked = thing_asked(query.ask.clause or query.ask.text)
    if records is None or learning is None or asked is None:
        return None
    thing, verb = asked
    timescale = _timescale(learning, thing, verb)
    if timescale is None:
        return None
    dated: list[Dated] = [*records.chronology, *records.appointments]
    searched = (
        f"the procedures of the learning corpus for a timescale for {thing}, and the "
        f"{len(dated)} dated chronology and appointment records of case {records.case_id}"
    )
    where = source_name(timescale.passage, timescale.sentence.heading, learning.records)
    lines = [
        Line(
            f"{where[:1].upper()}{where[1:]}: \u201c{timescale.sentence.text}\u201d",
            (timescale.passage.id,),
            learning=True,
        )
    ]
    finder = _Finder(records, vectors, embedder)
    done = finder.best(dated, thing, query.today)
    if done is None:
        lines.append(Line(f"No record of case {records.case_id} is about the {thing}.", ()))
        return ToolResult("procedure", lines, searched, True, [timescale.passage.id])
    lines.append(
        Line(f"The {thing}: recorded on {fmt_date(done.date)}: {_summary(done)}", (done.id,))
    )
    start = (
        finder.best([r for r in dated if r.id != done.id], timescale.anchor, done.date, recent=True)
        if timescale.anchor
        else None
    )
    if start is None:
        what = timescale.anchor or "what starts the procedure's clock"
        lines.append(Line(f"No earlier record of case {records.case_id} is about {what}.", ()))
    else:
        lines.append(
            Line(
                f"{timescale.anchor[:1].upper()}{timescale.anchor[1:]}: recorded on "
                f"{fmt_date(start.date)}: {_summary(start)}",
                (start.id,),
            )
        )
        lines.append(
            Line(
                f"The {thing} is recorded {_between(start, done, timescale.duration)} after "
                f"{timescale.anchor}; the procedure says {timescale.duration.text} of "
                f"{timescale.anchor}.",
                (start.id, done.id, timescale.passage.id),
            )
        )
    ids = list(dict.fromkeys(i for line in lines for i in line.record_ids))
    return ToolResult("procedure", lines, searched, True, ids)
