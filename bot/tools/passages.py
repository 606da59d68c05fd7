"""Case documents and the learning corpus: hybrid search, answered with quoted sentences
(whole sentences, adjacent ones of a passage quoted together, the document named in plain
words); a procedure's requirements listed as who must do what by when."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from bot.document_names import naming_words
from bot.evidence import Line, Query, ToolResult, clipped, fmt_date
from bot.naming import source_name
from bot.records import Records, document_day
from bot.request import About
from bot.requirements import parse_all, render, requirement_words
from bot.search import Hit, PassageIndex, Quote, content_words, title_tokens, tokens
from bot.understand.terms import event_words, per_case
from ingest.models import ChronologyEvent, Passage

MIN_DENSE = 0.42  # below this, a passage needs real word overlap to count as evidence
MIN_DENSE_WITH_OVERLAP = 0.25
MIN_OVERLAP = 2
MAX_REQUIREMENTS = 40
# A question naming what it asks with words no passage holds, at least this many and this
# share of its words, and whose best passage is below this cosine, finds nothing there.
UNKNOWN_WORDS = 2
UNKNOWN_SHARE = 0.25
MIN_DENSE_UNKNOWN = 0.55


def is_evidence(hit: Hit) -> bool:
    return (
        hit.title_match
        or hit.heading_match
        or hit.dense >= MIN_DENSE
        or (hit.overlap >= MIN_OVERLAP and hit.dense >= MIN_DENSE_WITH_OVERLAP)
    )


RARE_PASSAGES = 2  # a particular this few passages hold is evidence of its own


def _holds_particular(hit: Hit, query: Query) -> bool:
    """A passage holding a particular of the question ('apgar' of 'maisie apgars') is
    evidence though it shares one word: when at most RARE_PASSAGES passages of the case hold
    the word (the model knows no 'Apgar': 0.13), or when it is at least loosely close."""
    held = set(query.ask.particulars) & set(tokens(hit.passage.text))
    if not held or query.records is None:
        return False
    counts = per_case("passage word counts", query.records, _passage_counts)
    return hit.dense >= MIN_DENSE_WITH_OVERLAP or any(counts[w] <= RARE_PASSAGES for w in held)


def _passage_counts(records: Records) -> Counter[str]:
    return Counter(t for p in records.passages for t in set(tokens(p.text)))


def _names_of(query: Query) -> frozenset[str]:
    """The words naming the members an ask is about: they say whom, not what."""
    records = query.records
    if records is None or not query.ask.members:
        return frozenset()
    wanted = set(query.ask.members)
    names = [" ".join([m.name, *m.aliases]) for m in records.members if m.id in wanted]
    return frozenset(tokens(" ".join(names)))


def _dated_hits(query: Query, index: PassageIndex, question: str, where: dict | None) -> list[Hit]:
    """'what did chelsea say about it in feb 25': the evidence among the documents dated in
    the period asked about, when there is any (none: every document is searched)."""
    period = query.ask.period
    if period is None or (period.start is None and period.end is None):
        return []
    found = index.search(question, where=where, ignore=_names_of(query), dated=period)
    return [hit for hit in found if is_evidence(hit) or _holds_particular(hit, query)]


def _answer(
    query: Query, index: PassageIndex | None, intent: About, scope: str, where: dict | None
) -> ToolResult:
    if index is None or not index.passages:
        return ToolResult(
            intent, [Line(f"There is nothing in {scope} to search.", ())], f"{scope}", False
        )
    searched = (
        f"{len(index.passages)} passages of {scope} (BM25 and dense search fused by rank)"
        + (f", kind {where['learning_kind']}" if where else "")
    )
    question = query.ask.text
    if query.ask.period and query.ask.period.span:  # a date is words a document may hold
        question = f"{question} {query.ask.period.span}"
    hits = _dated_hits(query, index, question, where) or [
        hit
        for hit in index.search(question, where=where, ignore=_names_of(query))
        if is_evidence(hit) or _holds_particular(hit, query)
    ]
    if not hits:
        return ToolResult(
            intent, [Line(f"Nothing in {scope} answers this question.", ())], searched, False
        )
    # only the words asked with count, and a word is held in any of its forms: 'who actually
    # wrote the EHE note' is not refused because no passage says 'actually' or 'wrote'
    asked = {w.stem: w for w in query.ask.asked_with}
    unknown = [
        w
        for w in index.unknown_words(question, _names_of(query))
        if w in asked and asked[w].lemma not in index.lemmas
    ]
    content = content_words(question)
    if (
        len(unknown) >= UNKNOWN_WORDS
        and len(unknown) >= UNKNOWN_SHARE * len(content)
        and hits[0].dense < MIN_DENSE_UNKNOWN
    ):
        # 'notified to the national panel': what was asked is named by words no passage
        # holds, and no passage is close in meaning either
        words = ", ".join(f"'{asked[w].typed}'" for w in unknown)  # as typed
        return ToolResult(
            intent,
            [Line(f"No passage of {scope} holds {words}: nothing there answers this.", ())],
            searched,
            False,
        )
    if intent == "procedure" and _asks_for_the_list(question, hits[0]):
        listed = requirement_lines(index, hits[0])
        if listed:
            return ToolResult(intent, listed, searched, True, list(_ids(listed)))
    # a document's gist, or what someone said in it: several sentences
    wide = query.ask.shape in ("summary", "detail", "list", "quote")
    rare = index.rare_word_hits(question, hits, where=where, ignore=_names_of(query))
    quotes = index.quotes(
        query.ask.topic or question,
        [*hits, *rare],
        limit=4 if wide else 3,
        per_passage=3 if wide else 2,
        requirements=query.ask.about == "procedure",
        ignore=_names_of(query),
    )
    if not quotes:
        return ToolResult(
            intent, [Line(f"Nothing in {scope} answers this question.", ())], searched, False
        )
    lines = [
        Line(
            f"{_named(index, q)}: \u201c{q.sentence}\u201d",
            (q.passage.id,),
            bullet=True,
            learning=intent in ("learning", "procedure"),
        )
        for q in quotes
    ]
    return ToolResult(intent, lines, searched, True, list(_ids(lines)))


def _asks_for_the_list(question: str, hit: Hit) -> bool:
    """'what does the pre-birth procedure require?': the procedure's name and words asking
    for requirements, nothing else."""
    asking = requirement_words(question)
    rest = set(tokens(question)) - title_tokens(hit.passage) - set(tokens(" ".join(asking)))
    return hit.title_match and bool(asking) and not rest


def _named(index: PassageIndex, quote: Quote) -> str:
    name = source_name(quote.passage, quote.heading, index.records)
    return name[:1].upper() + name[1:]


def _ids(lines: list[Line]) -> dict[str, None]:
    return dict.fromkeys(i for line in lines for i in line.record_ids)


def requirement_lines(index: PassageIndex, hit: Hit) -> list[Line]:
    """Every requirement of the document a hit is from, in order: who must do what by when,
    each cited to the passage its sentence is in."""
    lines: list[Line] = []
    for passage in (p for p in index.passages if p.file == hit.passage.file):
        for sentence in index.book.of(passage.id):
            where = source_name(passage, sentence.heading, index.records)
            lines += [
                Line(f"{render(found)} ({where})", (passage.id,), bullet=True, learning=True)
                for found in parse_all(sentence.text)
            ]
    del lines[MAX_REQUIREMENTS:]
    return lines


def documents(query: Query, index: PassageIndex | None) -> ToolResult:
    case_id = query.records.case_id if query.records else "this case"
    found = _answer(query, index, "document_content", f"case {case_id}'s documents", None)
    if not found.found or query.records is None:
        return found
    lines = found.lines + _days_records(query.records, found.record_ids)
    return replace(found, lines=lines, record_ids=list(_ids(lines)))


def _days_records(records: Records, cited: list[str]) -> list[Line]:
    """For the document quoted first, the chronology record of its day naming it by the most
    of its title's words, at least MIN_OVERLAP ('Seen in clinic. See clinic letter.'): the
    same event, as the chronology records it."""
    passage = next((p for i in cited if isinstance(p := records.by_id.get(i), Passage)), None)
    if passage is None:
        return []
    day = document_day(passage)
    title = _naming_words(passage)
    shared = {e.id: len(title & event_words(e)) for e in records.chronology if e.date == day}
    best = max(shared, key=shared.__getitem__, default=None)
    if best is None or shared[best] < MIN_OVERLAP:
        return []
    event = records.by_id[best]
    assert isinstance(event, ChronologyEvent)
    said = f"The chronology records it on {fmt_date(day)}: {clipped(event.summary)}"
    return [Line(said, (event.id,), bullet=True)]


def learning(query: Query, index: PassageIndex | None) -> ToolResult:
    kind = query.ask.learning_kind
    where = {"learning_kind": kind} if kind else None
    about = query.ask.about if query.ask.about in ("learning", "procedure") else "learning"
    result = _answer(query, index, about, "the learning corpus", where)
    if not result.found and where:
        return _answer(query, index, about, "the learning corpus", None)
    return result


def names_a_document(question: str, records: Records) -> bool:
    """Whether the question names one of the case's documents ('in the ICPC minutes')."""
    words = set(tokens(question))
    titles = per_case("document titles", records, _titles)
    return any(naming_words(words, title, tokens) for title in titles)


def _titles(records: Records) -> list[set[str]]:
    """The title words of each of the case's documents, once each."""
    return [set(title) for title in {_naming_words(p) for p in records.passages}]


def _naming_words(passage: Passage) -> frozenset[str]:
    """A document's title and file-name words, less the file name's date ('in march 2018' is
    a time); a title's own number stays ('section 47')."""
    own = set(tokens(passage.title or ""))
    return frozenset(t for t in title_tokens(passage) if not t.isdigit() or t in own)
