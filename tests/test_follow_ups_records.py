"""Follow-ups read over the records just answered, on the demo: a question that names nothing
to filter by after a topic asks about the topic's records; 'which of those ...' and 'when did
that end?' keep the subject but ask in their own shape; 'and in june so far?' repeats the
question of another month; 'is anyone still involved?' answers no with the involvements that
ended."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.access import LOCAL
from bot.answer import Answer, Engine
from config.settings import load_settings
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def cited(answer: Answer) -> list[str]:
    return [c.record_id for c in answer.citations]


def conversation(engine: Engine, *questions: str, case: str = "FAM-0107") -> list[Answer]:
    answers: list[Answer] = []
    for question in questions:
        answers.append(engine.ask(question, case, None, [a.turn for a in answers]))
    return answers


def test_a_question_naming_nothing_after_a_topic_is_about_the_topic(engine: Engine):
    topic, latest = conversation(
        engine, "any domestic abuse?", "when was the most recent incident?"
    )
    ask = latest.request.asks[0]
    assert (ask.about, ask.shape) == ("topic_across_records", "latest")
    # the latest dated of the topic's records (3 Apr 2018), alone; how many: what was searched
    assert cited(latest) == ["chr-183"] and "chr-183" in cited(topic)
    assert f"{len(set(cited(topic)))} records about domestic abuse, this the most recent" in (
        latest.searched
    )
    assert latest.answer.startswith("The most recent record about domestic abuse: 3 Apr 2018")


def test_follow_ups_keep_the_subject_in_their_own_shape(engine: Engine):
    may, june, child_f = conversation(
        engine,
        "what happened in may 2018?",
        "and in june so far?",
        "which of those involved child F?",
    )
    assert [a.request.asks[0].shape for a in (may, june, child_f)] == ["list"] * 3
    assert [a.request.asks[0].about for a in (june, child_f)] == ["events", "events"]
    assert len(cited(june)) > 3
    assert set(cited(child_f)) < set(cited(june))
    assert cited(child_f)  # listed, not only the latest one


def test_no_current_involvement_is_answered_with_those_that_ended(engine: Engine):
    now, why = conversation(
        engine,
        "is the Ottersbrook Academy DSL still involved with child A?",
        "when did that end and why?",
    )
    assert now.answer.startswith(
        "No current professional involvement matching the question is recorded on 2 Jul 2018"
    )
    assert "pro-018" in cited(now) and not now.abstained
    assert why.request.asks[0].shape == "detail"
    assert "21 Jul 2017" in why.answer and "Raised concern when Child A was removed" in why.answer


def test_the_last_one_is_the_latest_of_the_appointments_just_listed(engine: Engine):
    listed, last = conversation(
        engine, "has child F been to her health visitor appointments?", "when was the last one?"
    )
    assert (last.request.asks[0].about, last.request.asks[0].shape) == ("appointments", "latest")
    assert cited(last)[0] == "apt-076"
    assert set(cited(last)) == set(cited(listed))
    assert last.answer.startswith("The most recent appointment for Child F: 18 Apr 2018")


def test_the_next_meeting_when_none_is_recorded_ahead(engine: Engine):
    answer = engine.ask("when's the next core group?", "FAM-0107")
    assert answer.answer.startswith(
        "No matching chronology record is dated after 2 Jul 2018; the most recent: 19 Jun 2018"
    )
    assert cited(answer) == ["chr-201"]


def test_a_move_to_an_area_a_school_is_named_after(engine: Engine):
    # Hasleby is two of the family's homes and also names Hasleby Academy
    answer = engine.ask("when did they move to hasleby?", "FAM-0107")
    assert cited(answer) == ["addr-08", "addr-13"]
    assert "from 5 Sep 2011" in answer.answer and "from 17 Jul 2017" in answer.answer


def test_an_order_word_asks_for_one_record(engine: Engine):
    answer = engine.ask("latest midwife appointment", "FAM-0107")
    assert answer.request.asks[0].shape == "latest"
    assert cited(answer)[0] == "apt-088"  # 29 Jun 2018, the last before today
    assert answer.answer.startswith("The most recent appointment: 29 Jun 2018")


def test_contact_them_is_the_person_just_answered(engine: Engine):
    answers = conversation(
        engine, "who is the social worker?", "and before her?", "how do I contact them?"
    )
    before, contact = cited(answers[1]), cited(answers[2])
    assert contact == before and len(contact) == 1
    assert "contact" not in answers[2].request.asks[0].agency_or_role


def test_the_latest_after_a_count_is_the_latest_of_those_counted(engine: Engine):
    counted, latest = conversation(
        engine, "how many police call-outs have there been?", "when was the latest?"
    )
    assert latest.request.follow_up
    records = engine.cache.case("FAM-0107", LOCAL)
    assert cited(latest)[0] == max(cited(counted), key=lambda i: records.by_id[i].date)


def test_what_no_member_record_holds_is_answered_from_the_records_that_do():
    import dataclasses
    import datetime as dt

    from bot.evidence import Query
    from bot.request import Ask
    from bot.tools.addresses import household
    from ingest.models import EventType, MemberRole
    from tests.test_periods import event, make_records, member

    mum = member("mum", "Dana Fell", MemberRole.PARENT)
    visit = event("e1", "2026-10-15", EventType.NO_ACCESS_VISIT, "No answer; a dog barking.")
    other = event("e2", "2026-10-20", EventType.HOME_VISIT, "Home visit: mum seen.")
    built = make_records(mum, visit, other)
    texts = {"mum": "Dana Fell parent", "e1": visit.summary, "e2": other.summary}
    records = dataclasses.replace(built, texts=texts)

    def asked(text: str):
        ask = Ask(about="household_members", shape="yes_no", clause=text, text=text)
        return household(Query(ask, records, dt.date(2026, 11, 20)))

    dog = asked("is there a dog at the house")
    assert dog.record_ids == ["e1"]
    assert dog.lines[0].text == "No member record mentions 'dog'; 1 other record does."
    # what the household answer holds (names, ages) stays with the members
    assert asked("list the members and their ages").record_ids == ["mum"]


def test_the_home_on_the_day_a_question_names(engine: Engine):
    (at_icpc,) = conversation(engine, "address at the time of the ICPC?")
    # the home, then the conference's record, which the day was read from
    assert cited(at_icpc) == ["addr-13", "chr-183"]
    assert at_icpc.answer.startswith("Living there on 3 Apr 2018: Hasleby, Marlow Vale County")
    assert "Dated by the record it names: at the time of the ICPC" in at_icpc.answer
    (born,) = conversation(engine, "where did they live when the baby was born?")
    assert cited(born) == ["addr-12", "child-f"]  # the baby's member record holds the birth
    assert born.answer.startswith("Living there on 11 Jan 2016: Ottersbrook")


def test_a_topic_no_record_holds_gives_way_to_a_plausible_reading(engine: Engine):
    (composition,) = conversation(engine, "household composition")
    assert not composition.abstained
    assert composition.answer.startswith("9 members recorded, 6 children.")
    assert {"child-a", "child-f"} <= set(cited(composition))


def test_contact_details_naming_nobody_are_those_just_answered(engine: Engine):
    gp, phone = conversation(engine, "who's the GP", "phone no?", case="FAM-0215")
    assert cited(gp) == ["pro-001"]
    assert cited(phone) == ["pro-001"]
    assert "01632 960701" in phone.answer


def test_which_with_no_noun_picks_among_the_records_just_answered(engine: Engine):
    listed, missed = conversation(
        engine, "HV appts for tyler", "which were missed", case="FAM-0215"
    )
    assert len(cited(listed)) == 5
    assert missed.request.asks[0].restrict_to == tuple(cited(listed))
    assert missed.answer.startswith("2 missed appointments recorded for Child B")


def test_a_role_of_its_own_replaces_the_previous_role(engine: Engine):
    _, manager = conversation(engine, "who's the SW", "and their manager?")
    assert "pro-030" in cited(manager)  # the team manager, not the social worker again


def test_a_field_named_by_its_adjective():
    from bot.understand.terms import _stem

    assert _stem("paediatric") == _stem("paediatrics") == _stem("paediatrician")
    assert _stem("psychology") == _stem("psychologist")
    assert _stem("referrals") != _stem("referral")  # a plural is a word of its own here


def test_paediatric_appointments_are_those_with_paediatrics(engine: Engine):
    (answer,) = conversation(engine, "paediatric appointments for child A")
    assert answer.answer.startswith("8 appointments recorded for Child A")


def test_a_theme_asked_of_one_child_is_a_topic_of_theirs(engine: Engine):
    (answer,) = conversation(engine, "any missing episodes for callum?")
    assert answer.abstained  # none is recorded: not every record of his
    assert "is about missing episodes for callum" in answer.answer


def test_before_that_after_the_last_time_is_before_that_time(engine: Engine):
    last, before = conversation(
        engine, "when was maisie last seen alone", "and before that?", case="FAM-0215"
    )
    assert cited(last) == ["chr-023"]
    assert cited(before) == ["chr-019"]  # the time before 12 Jun 2018, not before the first


def test_who_a_child_lives_with_reads_the_member_records_when_the_home_names_nobody(
    engine: Engine,
):
    # the current address (addr-13) names no members: the member records say who is who
    (answer,) = conversation(engine, "who does callum live with")
    assert "child-a" in cited(answer) and not answer.abstained
    assert "No member record mentions" not in answer.answer  # living is the household's word


def test_appointments_counted_ahead_and_none_for_a_child(engine: Engine):
    (coming,) = conversation(engine, "whats booked in the next fortnight appointment wise")
    assert cited(coming) == ["apt-089", "apt-090", "apt-091", "apt-092", "apt-093"]
    (none,) = conversation(engine, "any appointments in the next 2 weeks for child F")
    assert none.abstained and not cited(none)  # every appointment read: none, not a passage
    assert "0 appointments are recorded for Child F in the next 2 weeks" in none.answer


def test_an_event_named_by_its_type_and_day_is_answered_from_its_record(engine: Engine):
    (agreed,) = conversation(engine, "what was agreed at the strategy discussion on 12 march")
    assert cited(agreed)[0] == "chr-175"
    assert agreed.answer.startswith("12 Mar 2018, strategy discussion")
    (icpc,) = conversation(engine, "what did the ICPC minutes say was decided")
    assert cited(icpc)[0].startswith("2018-04-03-icpc-minutes.docx")  # the document named


def test_a_record_says_what_its_abbreviations_stand_for():
    from bot.understand.terms import event_words, says
    from tests.test_overview import event

    nrm = event("chr-9", "2026-11-10", "Core group: NRM referral submitted for Sam.")
    assert says("national referral mechanism", [event_words(nrm)])


def test_the_first_home_in_a_local_authority(engine: Engine):
    (first,) = conversation(engine, "when did they first move into marlow vale")
    assert cited(first)[0] == "addr-05"
    assert first.answer.startswith("The first of 7 homes named: Colthorne, Marlow Vale County")
    (last,) = conversation(engine, "what was the last address in kelsworth")
    assert cited(last)[0] == "addr-10"


def test_a_short_plural_is_its_word():
    from bot.passage_match import tokens

    assert tokens("dogs cots ages") == tokens("dog cot age")
    assert tokens("less bus") == ["less", "bus"]


def test_a_topic_in_the_plural_finds_records_in_the_singular(engine: Engine):
    (dogs,) = conversation(engine, "anything about dogs")
    assert {"chr-019", "chr-024", "chr-042"} <= set(cited(dogs))


def test_and_on_his_own_asks_seen_alone(engine: Engine):
    _, alone = conversation(engine, "when was leo last seen", "and on his own?")
    assert alone.request.asks[0].about == "last_seen_alone"
    assert alone.request.asks[0].members == ("child-e",)


def test_the_last_one_in_a_longer_question_points_back(engine: Engine):
    listed, last = conversation(engine, "core groups so far?", "who came to the last one")
    assert last.request.asks[0].event_types == ("core_group",)
    assert cited(last)[0] == "chr-201"  # the latest of the three just listed


def test_the_household_at_a_home_named_is_who_that_record_says(engine: Engine):
    from bot.access import LOCAL
    from bot.evidence import Query
    from bot.request import Ask
    from bot.tools.addresses import household

    records = engine.cache.case("FAM-0215", LOCAL)
    assert records is not None
    home = records.addresses[-1]
    ask = Ask(
        about="household_members", shape="list", clause="who lived there", addresses=(home.id,)
    )
    result = household(Query(ask, records, DEMO_TODAY))
    assert result.record_ids == [home.id]
