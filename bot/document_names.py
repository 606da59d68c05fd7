"""Which words of a question name a document: the words of its title or file name, or an
abbreviation whose expansion the title holds ('the s47' is the section 47 enquiry and
assessment, 'the RHI report' the return home interview). The abbreviations and their
expansions are the practitioners' vocabulary (prompts/vocabulary.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import prompts


@cache
def expansions() -> dict[str, str]:
    """Each abbreviation (lower case) that has a meaning in words, and that meaning."""
    found = prompts.load("vocabulary.yaml")["abbreviations"]
    return {
        name.lower(): meaning["expands"]
        for name, meaning in found.items()
        if meaning.get("expands")
    }


def naming_words(
    question: set[str], title: set[str], tokenize: Callable[[str], list[str]]
) -> set[str]:
    """The question's word stems that name a document whose title has these stems: a title
    word, or an abbreviation every word of whose expansion is in the title."""
    named = question & title
    for word in question - named:
        meaning = expansions().get(word)
        if meaning and set(tokenize(meaning)) <= title:
            named.add(word)
    return named
