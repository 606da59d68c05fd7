"""The case summary on the demo: the plan the children are under since when, concerns by
theme with counts, and a closure question answered with what is open, never a decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Engine
from config.settings import load_settings
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def test_the_summary_gives_the_plan_since_its_first_record(engine: Engine):
    answer = engine.ask("what's the current situation with this family?", "FAM-0107")
    first = answer.answer.splitlines()[0]
    assert first.startswith(
        "Plan status: child protection plans, since 3 Apr 2018 (conference); latest "
        "conference 26 Jun 2018: Plans continue."
    )
    cited = [c.record_id for c in answer.citations]
    assert cited[:2] == ["chr-183", "chr-203"]  # the ICPC, then the review that continued it


def test_the_summary_counts_concerns_by_theme(engine: Engine):
    answer = engine.ask("what are the concerns?", "FAM-0107")
    assert "Records about domestic abuse: " in answer.answer
    assert "Records about neglect and home conditions: " in answer.answer
    assert "Records about exploitation" not in answer.answer  # none in this family


def test_a_closure_question_states_what_is_open_and_decides_nothing(engine: Engine):
    answer = engine.ask("should this case be closed?", "FAM-0107")
    assert "Plan status: child protection plans" in answer.answer
    assert "Coming up: 14 appointments" in answer.answer
    assert "not an assessment; decisions rest with the practitioner" in answer.answer
    assert "should be closed" not in answer.answer.lower()


def test_what_is_still_open_names_the_dated_deadlines_ahead(engine: Engine):
    answer = engine.ask("is there anything still open that we need to chase?", "FAM-0107")
    assert "Dated deadlines ahead in the records: 6, the first 5:" in answer.answer
    assert (
        "24 Aug 2018, pre-birth conference: Pre-birth conference for the unborn baby to be "
        "held by 32 weeks (by 24 August 2018)." in answer.answer
    )


def test_the_summary_lists_decisions_and_actions_since_the_latest_conference(engine: Engine):
    answer = engine.ask("anything still open?", "FAM-0107")
    assert "Decisions and actions recorded since 26 Jun 2018: 5:" in answer.answer
    assert "Due: 24 Aug 2018 (24 August 2018)." in answer.answer
