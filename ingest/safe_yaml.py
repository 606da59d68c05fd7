"""YAML for untrusted files: safe types only, dates kept as text, no anchors or aliases (so no
"billion laughs"), bounded nesting, and every refusal a Problem pinned to its line."""

from __future__ import annotations

import yaml

from ingest.errors import Problem

DEFAULT_MAX_DEPTH = 20


class YAMLRefused(yaml.MarkedYAMLError):
    """Well-formed YAML that we will not read (aliases, deep nesting, absurd numbers)."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors, aliases and nesting deeper than max_depth.

    The composer pulls events from the parser one at a time, so refusing here stops before
    anything is expanded or recursed into."""

    max_depth = DEFAULT_MAX_DEPTH

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YAMLRefused(
                problem=f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YAMLRefused(
                problem=f"YAML anchors (&{anchor}) are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise YAMLRefused(
                    problem=f"nested more than {self.max_depth} levels deep "
                    "(CASEBRIEF_LIMIT_MAX_YAML_DEPTH)",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts
            raise YAMLRefused(
                problem=f"a number of {len(str(node.value)):,} characters is too long to read; "
                "put it in quotes if it is text",
                problem_mark=node.start_mark,
            ) from None


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)
# Dates stay text, so a bad date is our error message, not a crash.
_BoundedLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """Parse untrusted YAML; raise yaml.YAMLError (YAMLRefused for what we refuse)."""
    loader_class = type("BoundedLoader", (_BoundedLoader,), {"max_depth": max_depth})
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def yaml_problem(
    file: str, error: yaml.YAMLError, *, subject: str | None = None, line_offset: int = 0
) -> Problem:
    """The error of `load_yaml` as a Problem: file, line and column, and what was wrong.
    `subject` names the YAML part of a larger file ("front-matter")."""
    mark = getattr(error, "problem_mark", None)
    if isinstance(error, YAMLRefused):
        message = f"{subject}: {error.problem}" if subject else str(error.problem)
    else:
        found = getattr(error, "problem", None) or error
        message = f"{subject} is not valid YAML: {found}" if subject else f"not valid YAML: {found}"
    return Problem(
        file=file,
        line=mark.line + 1 + line_offset if mark else None,
        column=str(mark.column + 1) if mark else None,
        message=message,
    )
