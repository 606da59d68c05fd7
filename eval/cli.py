"""`casebrief eval`: registered on the command line through the "casebrief.commands" entry
point (pyproject.toml), so the product's code never imports the evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_base import StoreOption, out
from config.settings import load_settings


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)


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
    from eval.categories import table
    from eval.copies import NEAR, near_copies
    from eval.evaluate import category_outcomes, failures, load_gold, run, summary
    from eval.paraphrases import run_paraphrases
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
    report += (
        "\nPassage answers by category (complete = every gold id cited and every expected "
        f"fact in the text):\n\n{table(category_outcomes(scored))}\n"
    )
    if show_failures:
        report += f"\nCaseBrief misses:\n{failures(scored)}\n"
    paraphrases = run_paraphrases(engine)
    report += f"\n## Paraphrases (30 questions x 5 wordings, demo)\n\n{paraphrases.table()}\n"
    if show_failures:
        report += "".join(f"- {w.why()}\n" for w in paraphrases.wordings if not w.passed)
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
        f"\n\nBy category (complete as score.py; precision = citations that are must_cite or "
        f"may_cite):\n\n{scores.categories}\n"
        f"\n\n## {report(understanding)}\n"
    )
