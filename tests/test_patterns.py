"""Pattern indicators (bot/patterns/): on the demo families each indicator's records exactly;
on two small bundles written and ingested here, each indicator just under and just over its
threshold; the answer and briefing label 'case records' and 'review learning' lines and cite
both; the overview shows the indicators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.access import LOCAL
from bot.answer import Engine
from bot.briefing import PATTERNS_TITLE, prepare, sources, to_markdown
from bot.citations import parse_markers
from bot.overview import case_overview
from bot.patterns import NOT_A_DECISION, Indicator, indicators
from bot.records import Records
from config.settings import PatternThresholds, load_settings
from ingest.pipeline import ingest_cases
from tests.conftest import DEMO_TODAY


def fired(found: list[Indicator]) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(i.pattern, i.subject): i.record_ids for i in found if i.fired}


def test_ashdown_indicators_count_exactly_these_records(ashdown: Records):
    found = indicators(ashdown, DEMO_TODAY)
    assert fired(found) == {
        ("missed_appointments", "Child A"): ("apt-071", "apt-072", "apt-078"),
        ("missed_in_a_row", "Child A"): (
            "apt-035",
            "apt-042",
            "apt-043",
            "apt-058",
            "apt-063",
            "apt-071",
            "apt-072",
            "apt-078",
        ),  # the service's cancellation apt-044 neither counts nor breaks the run
        ("not_seen", "Child A"): ("chr-176", "chr-179", "chr-187", "chr-188", "chr-189", "chr-193"),
        ("not_seen_alone", "Child A"): ("chr-119",),
        ("off_roll", "Child A"): (
            "chr-129",
            "chr-131",
            "chr-133",
            "chr-136",
            "chr-144",
            "chr-148",
            "chr-172",
            "chr-173",
            "chr-188",
        ),
        ("not_seen_alone", "Child B"): ("chr-177",),
        ("missed_in_a_row", "Child C"): ("apt-014", "apt-015", "apt-018"),
        ("not_seen_alone", "Child C"): ("chr-177",),
        ("missed_in_a_row", "Child D"): ("apt-032", "apt-033"),
        ("not_seen_alone", "Child D"): ("chr-177",),
        ("missed_in_a_row", "Child E"): ("apt-040", "apt-041", "apt-045"),
        ("not_seen_alone", "Child E"): ("child-e",),
        ("missed_in_a_row", "Child F"): ("apt-066", "apt-068", "apt-069"),
        ("no_access_in_a_row", "family"): ("chr-122", "chr-123", "chr-126"),
        ("moves", "family"): ("addr-10", "addr-11", "addr-12", "addr-13"),
        ("boundary_crossings", "family"): ("addr-10", "addr-11"),
        ("worker_changes", "Marlow Vale Children's Social Care, Social Worker"): (
            "pro-016",
            "pro-020",
            "pro-029",
        ),
        ("worker_changes", "Midwifery (Marlow Vale Hospital), Community Midwife"): (
            "pro-034",
            "pro-037",
            "pro-038",
        ),
        ("referrals_not_followed", "source: professional"): (
            *("chr-015", "chr-034", "chr-044", "chr-052", "chr-074", "chr-106", "chr-130"),
            *("chr-173", "chr-035", "chr-036", "chr-053", "chr-054", "chr-075", "chr-174"),
            *("chr-175", "chr-176", "chr-177", "chr-179"),
        ),
        ("referrals_not_followed", "source: neighbour"): ("chr-027", "chr-100", "chr-147"),
        ("referrals_not_followed", "source: anonymous"): ("chr-085",),
        ("closed_non_engagement", "family"): (
            "chr-039",
            "chr-061",
            "chr-080",
            "chr-124",
            "chr-165",
        ),
        ("adults_not_assessed", "Father"): (
            *("father", "addr-13", "apt-030", "apt-086", "apt-089", "chr-197"),
        ),
    }
    by_key = {(i.pattern, i.subject): i for i in found}
    missed = by_key[("missed_appointments", "Child A")]
    assert missed.statement == (
        "Child A: 3 missed appointments between 2 Jul 2017 and 2 Jul 2018, 1 recorded as was "
        "not brought (1 was not brought, 1 cancelled by family, 1 no access)."
    )
    assert missed.threshold == "3 or more" and missed.source.startswith("CaseBrief default")
    # just under: Child F missed 2 in the 12 months, seen 39 days ago
    assert by_key[("missed_appointments", "Child F")].record_ids == ("apt-068", "apt-069")
    assert not by_key[("not_seen", "Child F")].fired
    assert by_key[("not_seen", "Child F")].figure == 39
    assert "Child F" not in {i.subject for i in found if i.pattern == "not_seen_alone"}  # aged 2
    for indicator in found:
        assert "risk" not in indicator.statement.lower()


def test_brierley_is_mostly_under_its_thresholds(brierley: Records):
    assert fired(indicators(brierley, DEMO_TODAY)) == {
        ("referrals_not_followed", "source: professional"): ("chr-005",),
    }


# -- a bundle just under, and one just over, every threshold ----------------------------------

TODAY = dt.date(2024, 6, 28)  # a Friday


def _bundle(folder: Path, case_id: str, over: bool) -> None:
    """One child, the mother and an uncle; each pattern one step from its threshold."""
    folder.mkdir(parents=True)
    la = "Westmere Borough"
    addresses = [
        ("addr-1", "2015-01-01", "2020-01-01", la),
        ("addr-2", "2020-01-01", "2022-01-01" if not over else "2021-01-01", la),
    ]
    if over:  # three moves in five years, the last into another authority
        addresses += [("addr-3", "2021-01-01", "2022-01-01", la)]
    addresses += [("addr-9", "2022-01-01", None, "Eastmoor County" if over else la)]
    case = {
        "case_id": case_id,
        "title": f"Threshold family {case_id}",
        "members": [
            {"id": "child-a", "name": "Child A", "role": "child", "date_of_birth": "2014-01-01"},
            {"id": "mother", "name": "Mother", "role": "parent", "date_of_birth": "1990-01-01"},
            {"id": "uncle", "name": "Uncle Jim", "role": "adult", "notes": "Stays most weeks."},
        ],
        "addresses": [
            {"id": i, "from": start, "to": end, "area": f"Area {i}", "local_authority": auth}
            for i, start, end, auth in addresses
        ],
    }
    (folder / "case.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    missed = "was_not_brought"
    appointments = [
        ("apt-1", "2024-01-10", missed),
        ("apt-2", "2024-01-24", "cancelled_by_service" if over else "attended"),
        ("apt-3", "2024-02-10", missed if over else "did_not_attend"),
        ("apt-4", "2024-03-10", "attended"),
        ("apt-5", "2024-04-10", "cancelled_by_family" if over else "attended"),
        ("apt-6", "2023-06-01", missed),  # before the 12 months
        ("apt-7", "2023-09-01", "attended"),
    ]
    (folder / "appointments.csv").write_text(
        "id,date,member,agency,type,outcome\n"
        + "".join(f"{i},{d},child-a,Westmere Health,review,{o}\n" for i, d, o in appointments),
        encoding="utf-8",
    )
    workers = [("pro-1", "Ann Ash", "2020-01-01"), ("pro-2", "Ben Birch", "2022-01-01")]
    if over:
        workers.append(("pro-3", "Cat Cedar", "2023-01-01"))
    rows = [f"{i},{n},Social Worker,Westmere Children's Social Care,,{s},\n" for i, n, s in workers]
    rows.append("pro-8,Hal Hazel,Health Visitor,Westmere Health,child-a;mother,2020-01-01,\n")
    if not over:
        rows.append("pro-9,Ivy Iris,Probation Officer,Probation Service,uncle,2023-01-01,\n")
    (folder / "professionals.csv").write_text(
        "id,name,role,agency,members,start,end\n" + "".join(rows), encoding="utf-8"
    )
    school = "Brookfield Primary School"
    seen = "2024-05-16" if over else "2024-05-17"  # 43 or 42 days before today
    alone = "2024-03-29" if over else "2024-03-30"  # 91 or 90 days
    off_roll = "2023-06-28" if over else "2023-06-29"  # 366 or 365 days
    follow_up = "2024-02-20" if over else "2024-02-19"  # 11 or 10 working days after 5 Feb
    closed = "mother declined further support" if over else "all the plan's goals were met"
    events = [
        ("chr-01", "2019-09-05", school, "education", "Child A started Reception.", "", ""),
        (
            "chr-02",
            off_roll,
            school,
            "education",
            "Mother withdrew Child A to be home educated; removed from the roll.",
            "",
            "",
        ),
        (
            "chr-03",
            "2024-02-05",
            "Westmere CSC",
            "referral",
            "Neighbour rang about shouting.",
            "neighbour",
            "",
        ),
        ("chr-04", follow_up, "Westmere CSC", "assessment", "Assessment started.", "", ""),
        (
            "chr-05",
            "2023-03-01",
            "Westmere Early Help",
            "case_closed",
            f"Closed: {closed}.",
            "",
            "",
        ),
        ("chr-06", alone, "Westmere CSC", "home_visit", "Child A seen alone.", "", "alone"),
        ("chr-07", "2024-04-02", "Westmere CSC", "no_access_visit", "No answer.", "", "no"),
        (
            "chr-08",
            "2024-04-09",
            "Westmere CSC",
            "no_access_visit" if over else "home_visit",
            "Visit.",
            "",
            "no",
        ),
        ("chr-09", seen, "Westmere CSC", "home_visit", "Visit.", "", "yes"),
    ]
    (folder / "chronology.csv").write_text(
        "id,date,agency,event_type,summary,members,source_type,child_seen\n"
        + "".join(
            f'{i},{d},{a},{t},"{s}",child-a,{src},{f"child-a:{c}" if c else ""}\n'
            for i, d, a, t, s, src, c in events
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def thresholds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Records]:
    from bot.records import RecordCache
    from ingest.store import Store

    root = tmp_path_factory.mktemp("threshold-bundles")
    _bundle(root / "FAM-UNDER", "FAM-UNDER", over=False)
    _bundle(root / "FAM-OVER", "FAM-OVER", over=True)
    settings = load_settings(store=root / "store", today=TODAY)
    ingest_cases([root / "FAM-UNDER", root / "FAM-OVER"], settings)
    cache = RecordCache(Store(settings.chroma_client()))
    return {case: cache.case(case, LOCAL) for case in ("FAM-UNDER", "FAM-OVER")}  # type: ignore[misc]


PATTERNS = (
    "missed_appointments",
    "missed_in_a_row",
    "no_access_in_a_row",
    "not_seen",
    "not_seen_alone",
    "off_roll",
    "moves",
    "boundary_crossings",
    "worker_changes",
    "referrals_not_followed",
    "closed_non_engagement",
    "adults_not_assessed",
)


def test_every_indicator_just_under_and_just_over_its_threshold(thresholds: dict[str, Records]):
    limits = PatternThresholds()
    under = {i.pattern: i for i in indicators(thresholds["FAM-UNDER"], TODAY, limits)}
    over = {i.pattern: i for i in indicators(thresholds["FAM-OVER"], TODAY, limits)}
    assert set(under) == set(over) == set(PATTERNS)
    assert [p for p in PATTERNS if under[p].fired] == []
    assert [p for p in PATTERNS if not over[p].fired] == []
    figures = {p: (under[p].figure, over[p].figure) for p in PATTERNS}
    assert figures == {
        "missed_appointments": (2, 3),
        "missed_in_a_row": (1, 2),
        "no_access_in_a_row": (1, 2),
        "not_seen": (42, 43),
        "not_seen_alone": (90, 91),
        "off_roll": (365, 366),
        "moves": (2, 3),
        "boundary_crossings": (0, 1),
        "worker_changes": (1, 2),
        "referrals_not_followed": (0, 1),
        "closed_non_engagement": (0, 1),
        "adults_not_assessed": (1, 0),
    }
    assert over["missed_appointments"].record_ids == ("apt-1", "apt-3", "apt-5")
    assert over["missed_in_a_row"].record_ids == ("apt-1", "apt-3")  # apt-2: the service's
    assert over["no_access_in_a_row"].record_ids == ("chr-07", "chr-08")
    assert over["not_seen"].record_ids == ("chr-09",)
    assert over["off_roll"].record_ids == ("chr-02",)
    assert over["moves"].record_ids == ("addr-2", "addr-3", "addr-9")
    assert over["boundary_crossings"].record_ids == ("addr-3", "addr-9")
    assert over["worker_changes"].record_ids == ("pro-1", "pro-2", "pro-3")
    assert over["referrals_not_followed"].record_ids == ("chr-03",)
    assert under["referrals_not_followed"].record_ids == ("chr-03", "chr-04")
    assert over["closed_non_engagement"].record_ids == ("chr-05",)
    assert over["adults_not_assessed"].subject == "Uncle Jim"
    assert over["adults_not_assessed"].record_ids == ("uncle", "addr-9")
    assert under["adults_not_assessed"].record_ids == ("pro-9",)
    # a threshold comes from settings: one lower and the under bundle's misses reach it
    lower = PatternThresholds(missed_count=2)
    again = {i.pattern: i for i in indicators(thresholds["FAM-UNDER"], TODAY, lower)}
    assert again["missed_appointments"].fired
    assert again["missed_appointments"].threshold == "2 or more"


# -- the answer, the briefing and the overview --------------------------------------------------


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def test_patterns_answer_cites_case_records_and_review_learning(engine: Engine):
    answer = engine.ask("what do the reviews say about what we see in this family?", "FAM-0107")
    assert answer.intent == "patterns" and not answer.abstained
    assert answer.answer.startswith(f"_{NOT_A_DECISION}_")
    cases = {c.record_id for c in answer.citations if c.case_id == "FAM-0107"}
    learning = {c.record_id for c in answer.citations if c.case_id is None}
    assert {"apt-071", "chr-129", "addr-11", "chr-165", "father"} <= cases
    assert "family-k-six-children-review.md#9" in learning  # non-engagement is a risk factor
    assert "family-k-six-children-review.md#8" in learning  # invisible after leaving school
    assert any(i.startswith("was-not-brought.md#") for i in learning)
    markers = {c.marker: c for c in answer.citations}
    for paragraph in answer.answer.split("\n"):
        text = paragraph.strip().removeprefix("- ")
        if not text or text.startswith("_"):
            continue
        assert text.startswith(("Case records: ", "Review learning: ")), text
        cited = {markers[m].case_id for m in parse_markers(text)}
        assert cited == ({None} if text.startswith("Review learning") else {"FAM-0107"}), text
    child = engine.ask("any patterns for Child F?", "FAM-0107")
    assert child.intent == "patterns"
    assert (
        "Child A" not in child.answer and "Child F: 3 missed appointments in a row" in child.answer
    )


def test_briefing_and_overview_show_the_indicators(engine: Engine, ashdown: Records):
    learning = engine.cache.learning()
    links = engine.pattern_links(learning)
    briefing = prepare("meeting", ashdown, DEMO_TODAY, dt.date(2018, 5, 1), links)
    section = next(s for s in briefing.sections if s.title == PATTERNS_TITLE)
    texts = [line.text for line in section.lines]
    assert texts[0].startswith("Case records: Child A: 3 missed appointments")
    assert texts[1].startswith("Review learning: Was not brought")
    markdown = to_markdown(briefing, ashdown, learning=learning)
    assert "family-k-six-children-review.md#9 (passage" in markdown
    cited = {c.record_id: c for c in sources(briefing, ashdown, learning)}
    assert cited["family-k-six-children-review.md#9"].case_id is None
    assert cited["chr-165"].case_id == "FAM-0107"
    overview = case_overview(ashdown, DEMO_TODAY)
    assert fired(overview.indicators) == fired(indicators(ashdown, DEMO_TODAY))
