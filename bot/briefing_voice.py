"""The children's own words and views in a case's records: a sentence where a reporting verb
('said', 'told', 'asked', 'wants'...) has a child as its subject and is followed by a quotation
or a reported clause ('that...', 'if...'). Found by that structure, never by a list of phrases."""

from __future__ import annotations

import re
from functools import cache

import prompts
from bot.briefing_model import BriefingLine, Section, line
from bot.briefing_text import RecordText, is_child, mentions, record_texts, sentences
from bot.citations import document_title
from bot.evidence import fmt_date
from bot.records import Records
from ingest.models import Passage

_QUOTE = re.compile(r"\"[^\"]+\"|“[^”]+”|‘[^’]+’|(?<![\w])'[^']+'(?![\w])")
_PRONOUN_START = re.compile(r"^(?:he|she|his|her|they|their)\b", re.I)


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = prompts.load("briefing_cues.yaml")
    reporting = re.compile(rf"\b(?:{cues['reporting']})\b", re.I)
    return reporting, re.compile(cues["reported_clause"]), re.compile(cues["narrated_by"], re.I)


def clauses(text: str) -> list[str]:
    """Sentences, and the clauses of a sentence joined by ';' (each may have its own subject)."""
    return [c.strip() for s in sentences(text) for c in s.split("; ") if c.strip()]


def speaker_of(clause: str, at: int, subject: str | None, records: Records) -> str | None:
    """Who a reporting verb at `at` is said of: in a clause opening with a pronoun, the subject
    carried from before; else the member named last before the verb."""
    if _PRONOUN_START.match(clause) or not clause[:at].strip():
        return subject
    before = mentions(clause[:at], records)
    if not before or _cues()[2].search(clause[: before[-1].start]):
        return None
    return before[-1].member_id


def subject_of(clause: str, subject: str | None, records: Records) -> str | None:
    """The subject carried to the next clause: a pronoun keeps it, a name replaces it."""
    if _PRONOUN_START.match(clause):
        return subject
    named = mentions(clause, records)
    return named[0].member_id if named else subject


def childs_words(clause: str, subject: str | None, records: Records) -> str | None:
    """The child (member id) whose words or views this clause records, if any."""
    reporting, reported, _ = _cues()
    for cue in reporting.finditer(clause):
        rest = clause[cue.end() :]
        if not (_QUOTE.search(rest) or reported.match(rest)):
            continue
        speaker = speaker_of(clause, cue.start(), subject, records)
        if speaker and is_child(records, speaker):
            return speaker
    return None


def _words_in(text: RecordText, records: Records) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    subject: str | None = None
    for clause in clauses(text.text):
        child = childs_words(clause, subject, records)
        if child:
            found.setdefault(child, []).append(clause.rstrip(".;") + ".")
        subject = subject_of(clause, subject, records)
    return found


def voice_section(records: Records) -> Section:
    """One line per record and child: the sentences that give the child's words or views."""
    by_child: dict[str, list[tuple[RecordText, list[str]]]] = {}
    for text in record_texts(records):
        if text.field not in {"summary", "text"}:
            continue
        for child, said in _words_in(text, records).items():
            by_child.setdefault(child, []).append((text, said))
    lines: list[BriefingLine] = []
    for child in records.children:
        for text, said in sorted(
            by_child.get(child.id, []), key=lambda item: (item[0].date is None, item[0].date)
        ):
            where = (
                document_title(text.record, records)[0]
                if isinstance(text.record, Passage)
                else text.agency
            )
            when = f"{fmt_date(text.date)}, {where}" if text.date else str(where)
            lines.append(line(f"{child.name} ({when}): {' '.join(said)}", text.record.id))
    return Section(
        title="The children's own words and views",
        lines=lines,
        empty="No record gives the children's own words or views.",
    )
