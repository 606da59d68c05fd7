"""Case documents and the learning corpus: hybrid search, answered with quoted sentences."""

from __future__ import annotations

from bot.evidence import Line, Query, ToolResult
from bot.request import About
from bot.search import Hit, PassageIndex, tokens

MIN_DENSE = 0.42  # below this, a passage needs real word overlap to count as evidence
MIN_DENSE_WITH_OVERLAP = 0.25
MIN_OVERLAP = 2


def is_evidence(hit: Hit) -> bool:
    return (
        hit.title_match
        or hit.dense >= MIN_DENSE
        or (hit.overlap >= MIN_OVERLAP and hit.dense >= MIN_DENSE_WITH_OVERLAP)
    )


def _names_of(query: Query) -> frozenset[str]:
    """The words naming the members an ask is about: they say whom, not what."""
    records = query.records
    if records is None or not query.ask.members:
        return frozenset()
    wanted = set(query.ask.members)
    names = [" ".join([m.name, *m.aliases]) for m in records.members if m.id in wanted]
    return frozenset(tokens(" ".join(names)))


def _source(hit: Hit) -> str:
    passage = hit.passage
    where = passage.heading.split(" > ")[-1] if passage.heading else ""
    where = where or (f"page {passage.page}" if passage.page else "")
    return f"{passage.title or passage.file}" + (f", {where}" if where else "")


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
    hits = [
        hit
        for hit in index.search(question, where=where, ignore=_names_of(query))
        if is_evidence(hit)
    ]
    if not hits:
        return ToolResult(
            intent, [Line(f"Nothing in {scope} answers this question.", ())], searched, False
        )
    wide = query.ask.shape in ("summary", "detail", "list")  # a document's gist: several sentences
    quotes = index.quotes(
        query.ask.topic or question,
        hits,
        limit=4 if wide else 3,
        per_passage=3 if wide else 1,
        requirements=query.ask.about == "procedure",
    )
    if not quotes:
        return ToolResult(
            intent, [Line(f"Nothing in {scope} answers this question.", ())], searched, False
        )
    by_passage = {hit.passage.id: hit for hit in hits}
    lines = [
        Line(
            f"{_source(by_passage[q.passage.id])}: \u201c{q.sentence}\u201d",
            (q.passage.id,),
            bullet=True,
            learning=intent in ("learning", "procedure"),
        )
        for q in quotes
    ]
    return ToolResult(intent, lines, searched, True, [q.passage.id for q in quotes])


def documents(query: Query, index: PassageIndex | None) -> ToolResult:
    case_id = query.records.case_id if query.records else "this case"
    return _answer(query, index, "document_content", f"case {case_id}'s documents", None)


def learning(query: Query, index: PassageIndex | None) -> ToolResult:
    kind = query.ask.learning_kind
    where = {"learning_kind": kind} if kind else None
    about = query.ask.about if query.ask.about in ("learning", "procedure") else "learning"
    result = _answer(query, index, about, "the learning corpus", where)
    if not result.found and where:
        return _answer(query, index, about, "the learning corpus", None)
    return result
