"""A registry row: which collection holds the live version of a case or the learning corpus."""

from __future__ import annotations

from pydantic import BaseModel


class LiveVersion(BaseModel):
    """A registry row: which collection holds the live version of a case or the learning corpus."""

    key: str
    collection: str
    version: int
    content_hash: str
    title: str = ""
    counts: dict[str, int] = {}
    detail: dict[str, str] = {}
