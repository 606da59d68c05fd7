"""A document's passages as whole sentences (pysbd, a rule-based sentence splitter), each with
the heading it sits under and its place in the passage.

Ingest cuts a long section into overlapping chunks, so a chunk may end in the middle of a
sentence ('... judge progress by what changes for the child. M's') and the next one start in
the middle of it. The chunks of one section are joined again (their overlap removed) before
splitting, so a sentence cut by a chunk boundary is quoted whole, from the chunk it starts in.
Plain text and PDF pages carry their headings as short lines of their own ('What the school
will do'); those are read as headings, not as the start of the next sentence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from ingest.models import Passage

MAX_OVERLAP = 400  # characters; ingest's chunk overlap is 120
MIN_LENGTH = 12
_TERMINAL = (".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019", ")")
_FOOTER = re.compile(r"^page \d+( of \d+)?$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
_LINE_BULLET = re.compile(r"\n\s*[-*\u2022]\s+")  # numbered items keep their numbers
_SYMBOL_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    text: str
    passage_id: str
    order: int  # place in its section: adjacent sentences differ by one
    heading: str | None  # the heading line above it inside the section, if any


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _overlap(before: str, after: str) -> int:
    """How many leading characters of `after` repeat the end of `before`."""
    for size in range(min(len(before), len(after), MAX_OVERLAP), 10, -1):
        if before.endswith(after[:size]):
            return size
    return 0


def _is_heading_line(
    line: str, previous: str | None, following: str, width: int, after_heading: bool
) -> bool:
    """A short line with no sentence punctuation after a finished line, too short to have
    been wrapped: a PDF or plain-text section title ('Disclosure of 9 March 2018')."""
    text = line.strip()
    if text.startswith("#"):
        return True
    if not text or len(text) > min(60, 0.6 * width) or len(text.split()) > 8:
        return False
    if _BULLET.match(text) or any(c in text for c in ".,;:!?"):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or following.strip()[:1].islower():
        return False  # a line that the next one carries on is no heading
    return (
        after_heading
        or previous is None
        or not previous.strip()
        or previous.rstrip().endswith(_TERMINAL)
    )


def _clean(text: str) -> str:
    text = _SYMBOL_BULLET.sub("", text.replace("**", "").strip())
    return _SPACES.sub(" ", text).strip()


@dataclass
class _Block:
    start: int
    end: int
    heading: str | None
    lead_in: bool = False  # ends in ':' and takes the list items that follow
    item: bool = False  # starts with a list marker


def _blocks(text: str, running: frozenset[str] = frozenset()) -> list[_Block]:
    """Paragraphs, list items and stand-alone lines, by character span; a lead-in ending in
    ':' keeps the list items that follow it."""
    width = max((len(line) for line in text.split("\n")), default=0)
    blocks: list[_Block] = []
    heading: str | None = None
    previous: str | None = None
    position = 0
    current: _Block | None = None
    after_heading = False
    lines = text.split("\n")
    for number, raw in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        start, end = position, position + len(raw)
        position = end + 1
        line = raw.strip()
        was_heading, after_heading = after_heading, False
        if not line or _FOOTER.match(line) or line in running:
            current = None  # a blank line, a page footer or a running header
            after_heading = line in running
        elif _is_heading_line(raw, previous, following, width, was_heading):
            heading = line.lstrip("#").strip()
            current = None
            after_heading = True
        elif _BULLET.match(line) and not (current is not None and current.lead_in):
            current = _Block(start, end, heading, item=True)
            blocks.append(current)
        elif current is not None:
            current.end = end  # a wrapped line, or an item of a lead-in's list
        else:
            current = _Block(start, end, heading)
            blocks.append(current)
        if current is not None and line.endswith(":") and not _BULLET.match(line):
            current.lead_in = True
        elif raw.endswith("  ") and current is not None and not current.lead_in:
            current = None  # a Markdown hard break: the line stands alone
        previous = raw
    return blocks


def _joined(spans: list) -> list[tuple[int, str]]:
    """pysbd's spans, with a split it makes inside a sentence undone: a piece that does not
    end a sentence, followed by one starting in lower case or with a digit ('11 May' '2015.')."""
    joined: list[tuple[int, str]] = []
    for span in spans:
        text = span.sent
        carries_on = text[:1].islower() or text[:1].isdigit()
        if joined and carries_on and not joined[-1][1].rstrip().endswith(_TERMINAL):
            joined[-1] = (joined[-1][0], joined[-1][1] + text)
        else:
            joined.append((span.start, text))
    return joined


def section_sentences(
    passages: list[Passage], running: frozenset[str] = frozenset()
) -> list[Sentence]:
    """The sentences of consecutive chunks of one section, each given to the chunk it starts
    in; a sentence left unfinished where no overlap joins two chunks is left out."""
    text = ""
    starts: list[int] = []
    joins: set[int] = set()  # positions where two chunks meet with no overlap found
    for passage in passages:
        piece = passage.text
        shared = _overlap(text, piece) if text else 0
        if text and not shared:
            joins.add(len(text))
            text += "\n\n"
        starts.append(len(text) - shared)
        text += piece[shared:]
    found: list[tuple[int, int, str, str | None]] = []
    for block in _blocks(text, running):
        first = True
        body = _LINE_BULLET.sub(lambda m: " " * len(m.group()), text[block.start : block.end])
        body = body.replace("\n", " ")  # the same length: spans stay offsets into `text`
        for at, piece in _joined(_segmenter().segment(body)):
            begin = block.start + at
            sentence = _clean(piece)
            if len(sentence) < MIN_LENGTH or not any(c.isalpha() for c in sentence):
                continue
            finish = begin + len(piece.rstrip())
            if finish in joins and not sentence.endswith(_TERMINAL):
                continue
            opens, first = first, False
            if opens and not block.item and not _starts_sentence(sentence):
                continue  # the tail of a sentence cut where the text was taken from
            found.append((begin, finish, sentence, block.heading))
    sentences: list[Sentence] = []
    for order, (begin, finish, sentence, heading) in enumerate(found):
        owner = _owner(starts, [len(p.text) for p in passages], begin, finish)
        sentences.append(Sentence(sentence, passages[owner].id, order, heading))
    return sentences


def _owner(starts: list[int], lengths: list[int], begin: int, finish: int) -> int:
    """The first chunk holding the whole sentence (so its citation shows all of it), else
    the first one it starts in."""
    spans = list(zip(starts, (s + n for s, n in zip(starts, lengths, strict=True)), strict=True))
    for number, (start, end) in enumerate(spans):
        if start <= begin and finish <= end:
            return number
    return next((n for n, (start, end) in enumerate(spans) if start <= begin < end), 0)


def _starts_sentence(text: str) -> bool:
    return text[0].isupper() or text[0].isdigit() or text[0] in "\"'\u201c\u2018("


def text_sentences(text: str) -> list[str]:
    """The whole sentences of one text on its own."""
    passage = Passage(id="text#1", file="text", text=text)
    return [s.text for s in section_sentences([passage])]


def sections(passages: list[Passage]) -> list[list[Passage]]:
    """Runs of consecutive chunks of one file under one heading and page."""
    runs: list[list[Passage]] = []
    for passage in passages:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.file == passage.file
            and last.heading == passage.heading
            and last.page == passage.page
            and _number(passage) == _number(last) + 1
        ):
            runs[-1].append(passage)
        else:
            runs.append([passage])
    return runs


def _number(passage: Passage) -> int:
    tail = passage.id.rpartition("#")[2]
    return int(tail) if tail.isdigit() else -1


class SentenceBook:
    """Every passage's sentences, split once per index (one live version)."""

    def __init__(self, passages: list[Passage]) -> None:
        self.by_passage: dict[str, list[Sentence]] = {p.id: [] for p in passages}
        self.by_section: dict[str, list[Sentence]] = {}
        running = _running_headers(passages)
        for run in sections(passages):
            found = section_sentences(run, running.get(run[0].file, frozenset()))
            for sentence in found:
                self.by_passage[sentence.passage_id].append(sentence)
            for passage in run:
                self.by_section[passage.id] = found

    def of(self, passage_id: str) -> list[Sentence]:
        return self.by_passage.get(passage_id, [])


def _running_headers(passages: list[Passage]) -> dict[str, frozenset[str]]:
    """Per file, a first line repeated at the top of two or more pages (a letterhead)."""
    tops: dict[str, Counter[str]] = {}
    for passage in passages:
        if passage.page is not None:
            first = passage.text.strip().split("\n")[0].strip()
            tops.setdefault(passage.file, Counter())[first] += 1
    return {
        file: frozenset(line for line, n in counts.items() if n >= 2)
        for file, counts in tops.items()
    }
