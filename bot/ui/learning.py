"""The learning explorer's data: search hits grouped by document, and whole documents."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.records import Records
from bot.search import PassageIndex
from ingest.models import Passage


class PassageHit(BaseModel):
    model_config = ConfigDict(frozen=True)

    passage_id: str
    heading: str
    text: str
    score: float


class DocumentHits(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    title: str
    kind: str
    hits: list[PassageHit]


def passage_number(passage: Passage) -> int:
    number = passage.id.rpartition("#")[2]
    return int(number) if number.isdigit() else 0


def heading_of(passage: Passage) -> str:
    """The last part of the heading path, or the page, or the document title."""
    if passage.heading:
        return passage.heading.split(" > ")[-1]
    if passage.page:
        return f"page {passage.page}"
    return passage.title or passage.file


def _document(passage: Passage) -> tuple[str, str, str]:
    kind = passage.learning_kind.value if passage.learning_kind else "document"
    return passage.file, passage.title or passage.file, kind


def documents(records: Records) -> list[tuple[str, str, str]]:
    """(file, title, kind) of every document, by title."""
    return sorted(dict.fromkeys(_document(p) for p in records.passages), key=lambda d: d[1])


def search(index: PassageIndex, query: str, k: int = 8) -> list[DocumentHits]:
    """Hybrid search; documents in order of their best passage, passages by rank within."""
    grouped: dict[str, DocumentHits] = {}
    for hit in index.search(query, k=k):
        file, title, kind = _document(hit.passage)
        group = grouped.setdefault(file, DocumentHits(file=file, title=title, kind=kind, hits=[]))
        group.hits.append(
            PassageHit(
                passage_id=hit.passage.id,
                heading=heading_of(hit.passage),
                text=hit.passage.text,
                score=round(hit.fused, 4),
            )
        )
    return list(grouped.values())


def document(records: Records, file: str) -> list[Passage]:
    """Every passage of one document, in reading order."""
    return sorted((p for p in records.passages if p.file == file), key=passage_number)
