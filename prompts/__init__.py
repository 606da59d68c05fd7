"""Prompts and phrases kept as data: router examples, vocabulary, LLM prompts."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


@cache
def load(name: str) -> Any:
    """A YAML file of this folder, parsed once."""
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@cache
def stopwords() -> frozenset[str]:
    """The words that carry no meaning of their own in a question or a record."""
    return frozenset(
        word
        for line in text("stopwords.txt").splitlines()
        if not line.startswith("#")
        for word in line.split()
    )
