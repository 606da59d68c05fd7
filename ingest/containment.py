"""Read a bundle's files without leaving the bundle and within the size limit."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ingest.errors import Problem

MB = 1024 * 1024


def leaves(path: Path, root: Path) -> Path | None:
    """Where `path` really is when a symbolic link on the way leads outside `root`, else None."""
    real = path.resolve()
    return None if real.is_relative_to(root.resolve()) else real


def outside_problem(label: str, real: Path, root_name: str = "bundle") -> Problem:
    return Problem(
        file=label,
        message=f"a symbolic link to {real}, outside the {root_name}; "
        f"put a copy inside the {root_name} instead",
    )


def size_text(size: float) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB else f"{size / 1024:,.1f} KB"


def read_bounded(
    path: Path, label: str, max_bytes: int, setting: str = "CASEBRIEF_LIMIT_MAX_FILE_MB"
) -> bytes | Problem:
    """The file's bytes, or a Problem when it is not a regular file or larger than max_bytes.
    Reads at most max_bytes + 1 bytes, whatever the file system says about its size."""
    try:
        if not path.is_file():
            return Problem(file=label, message="not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return _too_big(label, size, max_bytes, setting)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Problem(file=label, message=f"cannot be read ({error.strerror or error})")
    if len(data) > max_bytes:
        return _too_big(label, len(data), max_bytes, setting)
    return data


def _too_big(label: str, size: int, max_bytes: int, setting: str) -> Problem:
    return Problem(
        file=label,
        message=f"the file is {size_text(size)}; the limit is {size_text(max_bytes)} ({setting})",
    )


def file_digest(path: Path) -> bytes:
    """sha256 of a regular file's bytes, streamed; of the link text for a symbolic link (so a
    link out of the bundle is never followed, even to hash it)."""
    if path.is_symlink():
        return hashlib.sha256(b"link:" + os.fsencode(os.readlink(path))).digest()
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()
