"""`casebrief ask`: one question or a batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel, ValidationError

from bot.access import AccessDenied, User
from bot.audit import record
from bot.cli_base import (
    EXIT_DENIED,
    AccessOption,
    StoreOption,
    UserOption,
    app,
    edge,
    err,
    out,
    settings_for,
    signed_in,
)
from bot.markup import plain
from config.settings import Settings

if TYPE_CHECKING:
    from bot.types import Answer, Turn


class BatchLine(BaseModel):
    id: str | int | None = None
    question: str
    case: str | None = None
    user: str | None = None
    conversation: str | int | None = None


def _answer_json(answer: Answer) -> str:
    """The Answer for programs: `answer` is the text as a reader sees it (JSON is not
    rendered, so record text carries no Markdown escapes), `answer_markdown` the Markdown."""
    data = json.loads(answer.model_dump_json(exclude={"turn"}))
    data["answer_markdown"] = data["answer"]
    data["answer"] = plain(answer.answer)
    return json.dumps(data, ensure_ascii=False)


def _print_answer(answer: Answer) -> None:
    if out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(answer.answer))
    else:
        out.print(plain(answer.answer), markup=False, highlight=False)
    if answer.citations:
        out.print()
        for cited in answer.citations:
            out.print(
                f"[{cited.marker}] {cited.record_id} ({cited.kind}, {cited.source}"
                f"{', ' + cited.date if cited.date else ''}): {cited.text}",
                markup=False,
                highlight=False,
            )
    if answer.abstained:
        return
    out.print(f"\nSearched: {answer.searched}", markup=False, highlight=False, style="dim")


def _switched(settings: Settings, who: User, line: BatchLine, number: int) -> str | None:
    """A batch line that names another user than the one signed in: refused and audited."""
    if line.user is None or line.user == who.id or settings.access is None:
        return None
    record(
        settings,
        user=who.id,
        role=who.role,
        action="denied",
        case_id=line.case,
        detail=f"batch line {number} asked as {line.user}",
    )
    return (
        f"Not allowed: line {number} asks as {line.user!r}, but you signed in as {who.id!r}; "
        "a batch runs as the user who signed in."
    )


@app.command()
@edge
def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    case: Annotated[str | None, typer.Option("--case", help="Case id to ask about.")] = None,
    user: UserOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSON Lines file of questions.")
    ] = None,
    store: StoreOption = None,
    access: AccessOption = None,
) -> None:
    """Answer a question from the indexed records, citing every source."""
    from bot.answer import CaseNotFound, Engine

    if (question is None) == (batch is None):
        err.print("Give either a QUESTION or --batch FILE.", markup=False)
        raise typer.Exit(2)
    settings = settings_for(store, access)
    who = signed_in(settings, user)
    engine = Engine(settings)
    if batch is None:
        try:
            answer = engine.ask(question or "", case_id=case, user=who.id)
        except AccessDenied as denied:
            err.print(str(denied), markup=False)
            raise typer.Exit(EXIT_DENIED) from None
        except CaseNotFound:
            err.print(f"Case {case!r} is not available.", markup=False)
            raise typer.Exit(EXIT_DENIED) from None
        out.print(_answer_json(answer), markup=False, highlight=False) if as_json else (
            _print_answer(answer)
        )
        return
    conversations: dict[str, list[Turn]] = {}
    switched = False
    for number, raw in enumerate(batch.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = BatchLine.model_validate_json(raw)
        except ValidationError as error:
            err.print(
                f"{batch}, line {number}: not a valid question line ({error.errors()[0]['msg']})",
                markup=False,
            )
            raise typer.Exit(2) from None
        refused = _switched(settings, who, line, number)
        if refused:
            print(json.dumps({"id": line.id, "error": refused}), flush=True)
            switched = True
            continue
        history = (
            conversations.setdefault(str(line.conversation), [])
            if (line.conversation is not None)
            else []
        )
        try:
            answer = engine.ask(
                line.question,
                case_id=line.case,
                user=who.id,
                conversation=history,
                answer_id=line.id,
            )
        except AccessDenied as denied:
            print(json.dumps({"id": line.id, "error": str(denied)}), flush=True)
            continue
        except CaseNotFound:
            print(json.dumps({"id": line.id, "error": f"case {line.case!r} is not available"}))
            continue
        if answer.turn is not None:
            history.append(answer.turn)
        print(_answer_json(answer), flush=True)
    if switched:
        raise typer.Exit(EXIT_DENIED)
