"""Learning documents (reviews, procedures, guidance): no case data, visible to every role."""

from __future__ import annotations

from pathlib import Path

from config.settings import IngestLimits
from ingest.containment import file_digest, leaves, outside_problem
from ingest.documents import DOCUMENT_SUFFIXES, read_document
from ingest.errors import BundleError, Problem
from ingest.fields import RowReader
from ingest.models import LearningDocument, LearningKind, Passage

FOLDER_KINDS = {
    "reviews": LearningKind.REVIEW,
    "procedures": LearningKind.PROCEDURE,
    "guidance": LearningKind.GUIDANCE,
}


def learning_files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, the folder it was found in) for every document; a file given directly is its
    own folder."""
    files: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                (p, path)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            files.append((path, path))
    return files


def load_learning(
    paths: list[Path],
    *,
    chunk_size: int = 900,
    chunk_overlap: int = 120,
    limits: IngestLimits | None = None,
) -> list[LearningDocument]:
    """Read every learning document; raise BundleError with every problem found."""
    problems: list[Problem] = []
    documents: list[LearningDocument] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if not path.exists():
            problems.append(Problem(file=str(path), message="no such file or folder"))
    for path, root in learning_files([p for p in paths if p.exists()]):
        label = path.name
        if root != path and (real := leaves(path, root)):
            problems.append(outside_problem(str(path), real, "folder"))
            continue
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            allowed = ", ".join(sorted(DOCUMENT_SUFFIXES))
            problems.append(Problem(file=label, message=f"not a document type; allowed: {allowed}"))
            continue
        if path.name in seen:
            problems.append(
                Problem(
                    file=str(path),
                    message=f"a second document named {path.name!r} "
                    f"(first: {seen[path.name]}); learning file names must be unique",
                )
            )
            continue
        seen[path.name] = path
        read = read_document(path, label, chunk_size, chunk_overlap, limits)
        problems.extend(read.problems)
        front = {str(key).lower(): value for key, value in read.front_matter.items()}
        reader = RowReader(label, None, front, problems, field_prefix="front-matter")
        kind = reader.choice("kind", LearningKind) or FOLDER_KINDS.get(
            path.parent.name.lower(), LearningKind.GUIDANCE
        )
        first_heading = next((p.heading for p in read.pieces if p.heading), None)
        title = reader.text("title") or (first_heading or "").split(" > ")[0] or path.stem
        published = reader.text("published")
        publisher = reader.text("publisher")
        if read.problems:
            continue
        passages = tuple(
            Passage(
                id=f"{path.name}#{number}",
                file=path.name,
                text=piece.text,
                heading=piece.heading,
                page=piece.page,
                title=title,
                learning_kind=kind,
                published=published,
                publisher=publisher,
            )
            for number, piece in enumerate(read.pieces, start=1)
        )
        documents.append(
            LearningDocument(
                doc_id=path.name,
                title=title,
                kind=kind,
                passages=passages,
                content_hash=file_digest(path.resolve()).hex(),
            )
        )
    if problems:
        raise BundleError(problems)
    return documents
