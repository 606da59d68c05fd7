"""`casebrief ask` (one question or a batch) and `casebrief eval`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel, ValidationError
from rich.markdown import Markdown

from bot.access import AccessDenied
from bot.cli import AccessOption, StoreOption, _settings, app, err, out
from bot.types import Answer, Turn
from ingest.settings import load_settings

EXIT_DENIED = 3


class BatchLine(BaseModel):
    id: str | int | None = None
    question: str
    case: str | None = None
    user: str | None = None
    conversation: str | int | None = None


def _answer_json(answer: Answer) -> str:
    return answer.model_dump_json(exclude={"turn"})


def _print_answer(answer: Answer) -> None:
    if out.is_terminal:
        out.print(Markdown(answer.answer))
    else:
        out.print(answer.answer, markup=False, highlight=False)
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


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    case: Annotated[str | None, typer.Option("--case", help="Case id to ask about.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Who is asking.")] = None,
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
    engine = Engine(_settings(store, access))
    if batch is None:
        try:
            answer = engine.ask(question or "", case_id=case, user=user)
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
        history = (
            conversations.setdefault(str(line.conversation), [])
            if (line.conversation is not None)
            else []
        )
        try:
            answer = engine.ask(
                line.question,
                case_id=line.case,
                user=line.user,
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


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Gold questions (JSON Lines).")] = Path(
        "eval/gold.jsonl"
    ),
    demo: Annotated[Path, typer.Option(help="Demo folder ingested before scoring.")] = Path("demo"),
    today: Annotated[str, typer.Option(help="'Today' for relative dates.")] = "2018-07-02",
    out_file: Annotated[Path | None, typer.Option("--out", help="Also write the report here.")] = (
        None
    ),
    show_failures: Annotated[bool, typer.Option("--failures", help="List misses.")] = False,
    store: StoreOption = None,
) -> None:
    """Score CaseBrief and a top-k baseline on the gold questions over the demo data."""
    from bot.answer import Engine
    from eval.copies import NEAR, near_copies
    from eval.evaluate import failures, load_gold, run, summary
    from ingest.pipeline import ingest_cases, ingest_learning

    settings = load_settings(store=store, today=today)
    ingest_cases([demo / "cases"], settings)
    ingest_learning([demo / "learning"], settings)
    questions = load_gold(gold)
    engine = Engine(settings)
    scored = run(engine, questions)
    copies = near_copies(questions, engine.embedder)
    fresh = [s for s in scored if s.question.id not in copies]
    report = (
        f"## Own gold ({len(questions)} questions, demo families)\n\n{summary(scored)}\n\n"
        f"Without the {len(copies)} near-copies of training examples (cosine >= {NEAR}): "
        f"{len(questions) - len(copies)} questions\n\n{summary(fresh)}\n"
    )
    if show_failures:
        report += f"\nCaseBrief misses:\n{failures(scored)}\n"
    report += "\n" + _devset_report(settings.store, show_failures) + "\n"
    out.print(report, markup=False, highlight=False)
    if out_file:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(report, encoding="utf-8")


def _devset_report(store: Path, show_failures: bool) -> str:
    """The dev set beside the baseline, and understanding accuracy on the held-aside bank."""
    from bot.access import LOCAL
    from bot.answer import Engine
    from eval import devset
    from eval.understanding import report, score_understanding
    from ingest.pipeline import ingest_cases, ingest_learning

    if not devset.available():
        return f"## Dev set\n\nSkipped: {devset.DEVSET} is not here (a clone holds only the repo)."
    settings = load_settings(
        store=store.with_name(store.name + "-devset"), today=devset.DEVSET_TODAY
    )
    ingest_cases([devset.DEVSET / "cases"], settings)
    ingest_learning([devset.DEVSET / "learning"], settings)
    engine = Engine(settings)
    scores = devset.run_devset(engine, settings.store / "scored")
    ours = scores.casebrief if show_failures else scores.casebrief.split("\n\n")[0]
    (family,) = engine.store.all_live("case")  # the dev set's one family
    records = engine.cache.case(family.key.partition(":")[2], LOCAL)
    understanding = score_understanding(engine.understander, records)
    return (
        f"## Dev set ({devset.DEVSET}, scored by its own score.py)\n\nCaseBrief:\n\n```\n{ours}\n"
        f"{devset.last_line(scores.casebrief)}\n```\n\nTop-4 baseline:\n\n```\n"
        f"{scores.baseline.split(chr(10) + chr(10))[0]}\n{devset.last_line(scores.baseline)}\n```"
        f"\n\n## {report(understanding)}\n"
    )
