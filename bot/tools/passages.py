"""Case documents and the learning corpus: hybrid search, answered with quoted sentences."""

from __future__ import annotations

import re

from bot.entities import expand_abbreviations
from bot.evidence import Line, Query, ToolResult
from bot.search import Hit, PassageIndex

MIN_DENSE = 0.42  # below this, a passage needs real word overlap to count as evidence
MIN_DENSE_WITH_OVERLAP = 0.25
MIN_OVERLAP = 2
_KINDS = {
    "procedure": re.compile(r"\bprocedures?\b"),
    "guidance": re.compile(r"\bguidance\b|\bguide\b"),
    "review": re.compile(r"\breviews?\b|\bscr\b|\bcspr\b"),
}
_REQUIREMENTS = re.compile(r"\b(require|must|should|procedure|timescale|when should|by when)\w*")


def is_evidence(hit: Hit) -> bool:
    return (
        hit.title_match
        or hit.dense >= MIN_DENSE
        or (hit.overlap >= MIN_OVERLAP and hit.dense >= MIN_DENSE_WITH_OVERLAP)
    )


def _source(hit: Hit) -> str:
    passage = hit.passage
    where = passage.heading.split(" > ")[-1] if passage.heading else ""
    where = where or (f"page {passage.page}" if passage.page else "")
    return f"{passage.title or passage.file}" + (f", {where}" if where else "")


def _answer(
    query: Query, index: PassageIndex | None, intent: str, scope: str, where: dict | None
) -> ToolResult:
    if index is None or not index.passages:
        return ToolResult(intent, [Line(f"There are no {scope} to search.", ())], f"{scope}", False)
    searched = (
        f"{len(index.passages)} passages of {scope} (BM25 and dense search fused by rank)"
        + (f", kind {where['learning_kind']}" if where else "")
    )
    question = expand_abbreviations(query.question)
    hits = [hit for hit in index.search(question, where=where) if is_evidence(hit)]
    if not hits:
        return ToolResult(
            intent, [Line(f"Nothing in the {scope} answers this question.", ())], searched, False
        )
    quotes = index.quotes(question, hits, requirements=bool(_REQUIREMENTS.search(query.lower)))
    if not quotes:
        return ToolResult(
            intent, [Line(f"Nothing in the {scope} answers this question.", ())], searched, False
        )
    by_passage = {hit.passage.id: hit for hit in hits}
    lines = [
        Line(
            f"{_source(by_passage[q.passage.id])}: \u201c{q.sentence}\u201d",
            (q.passage.id,),
            bullet=True,
            learning=intent == "learning",
        )
        for q in quotes
    ]
    return ToolResult(intent, lines, searched, True, [q.passage.id for q in quotes])


def documents(query: Query, index: PassageIndex | None) -> ToolResult:
    case_id = query.records.case_id if query.records else "this case"
    return _answer(query, index, "documents", f"case {case_id}'s documents", None)


def learning(query: Query, index: PassageIndex | None) -> ToolResult:
    kinds = [kind for kind, pattern in _KINDS.items() if pattern.search(query.lower)]
    where = {"learning_kind": kinds[0]} if len(kinds) == 1 else None
    result = _answer(query, index, "learning", "the learning corpus", where)
    if not result.found and where:
        return _answer(query, index, "learning", "the learning corpus", None)
    return result
