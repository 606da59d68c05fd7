"""Question -> Request: the only code that reads a question's words.

Each part of the question (bot.understand.clauses) is classified by trained heads
(bot.understand.classify); people (members), filters (terms) and the period (periods) are
resolved against the case's own records; misspellings are read against the case's words
(spelling); a follow-up is read over the previous Request (followups)."""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.records import Records, member_names
from bot.request import LEARNING_ABOUTS, PEOPLE_ABOUTS, Ask, Period, Reading, Request
from bot.search import tokens
from bot.understand.asked import asked_words
from bot.understand.classify import UNANSWERABLE_ODDS, Prediction, QuestionClassifier
from bot.understand.clauses import (
    after_statement,
    asking_part,
    begins_as_question,
    split_clauses,
    split_comparison,
    split_scene,
    statements_forward,
)
from bot.understand.followups import (
    asks_own_question,
    asks_since_when,
    inherit,
    is_follow_up,
    narrows_previous,
    nth_of,
    ordinal_of,
    relative_period,
    relative_word,
)
from bot.understand.initials import spell_out
from bot.understand.members import absent_relatives, find_members, mask_members
from bot.understand.names import absent_agencies, case_text, unknown_proper_names
from bot.understand.particulars import particulars
from bot.understand.periods import find_period
from bot.understand.professionals import (
    FoundProfessionals,
    find_professionals,
    mask_professionals,
)
from bot.understand.spelling import Speller
from bot.understand.terms import (
    Terms,
    case_agencies,
    case_roles,
    event_words,
    find_terms,
    generic_words,
    matches_terms,
    named_types,
    per_case,
    says,
    types_beyond_agencies,
)
from bot.understand.vocabulary import (
    EARLIEST_WORDS,
    LATEST_WORDS,
    SEQUENCE_WORDS,
    abbreviations_used,
    expand_abbreviations,
    people_words,
    phrase_pattern,
    says_alone,
    says_ended,
    says_not_seen,
    says_seeing,
    vocabulary,
)
from ingest.embedder import Embedder
from ingest.models import ChronologyEvent, EventType, Outcome, Professional
from prompts import stopwords

FOLLOW_UP_CONFIDENCE = 0.5  # below this a follow-up keeps the previous ask's subject
PASSAGE_ABOUTS = frozenset({"learning", "procedure", "document_content"})
_CURRENT_ABOUTS = frozenset(
    {"people_involved", "lead_professional", "contact_details", "household_members"}
)


class Understander:
    """Holds the trained classifier and the speller; `understand` is a pure function of the
    question, the case's records, the previous Request and today."""

    def __init__(self, embedder: Embedder, cache_dir: Path) -> None:
        self.embedder = embedder
        self.classifier = QuestionClassifier(embedder, cache_dir)
        self.speller = Speller()
        # the whole question is embedded on the other core while its parts are parsed
        self._ahead = ThreadPoolExecutor(1, thread_name_prefix="casebrief-context")
        self._case_texts: dict[str, str] = {}

    def case_text(self, records: Records) -> str:
        key = records.version.collection
        if key not in self._case_texts:
            if len(self._case_texts) > 64:
                self._case_texts.clear()
            self._case_texts[key] = case_text(records)
        return self._case_texts[key]

    def understand(
        self,
        question: str,
        records: Records | None,
        today: dt.date,
        previous: Request | None = None,
        previous_ids: tuple[str, ...] = (),
    ) -> Request:
        corrected, readings = self.speller.correct(question, records)
        corrected, spelt = spell_out(corrected, records)
        readings += spelt
        corrected = _without_plan(corrected, today, records)
        last = previous.asks[0] if previous and previous.asks else None
        if last and previous and len(last.members) == 1 and _PLURAL.search(corrected):
            # 'who is jade's dsl?' 'what about her brother Leo?' 'an EWO for either of them?'
            last = last.model_copy(update={"members": previous.mentioned or last.members})
        untimed = _untimed(corrected, today, records) if last else ""
        follow_up = (
            is_follow_up(corrected, last)
            or bool(last and previous_ids and narrows_previous(corrected))
            or bool(last and _refers_without_subject(untimed, records))
            # 'any police call outs this year?' 'what happened?': no word of its own
            or bool(last and not _own_words(untimed, records))
        )
        unresolved: list[str] = []
        asks: list[Ask] = []
        masked_question = mask_professionals(mask_members(corrected, records), records)
        context = self._ahead.submit(self.classifier.embed, masked_question)
        parts = [
            (piece, again)
            for clause in statements_forward(split_clauses(corrected))
            for piece, again in _compared(clause)
        ]
        for clause, again in parts:
            before = asks[-1] if asks else last
            ask, missing = self._ask(
                clause,
                records,
                today,
                before,
                again or (is_follow_up(clause, before) if asks else follow_up),
                previous_ids if not asks else (),
                same_question=bool(asks),
                # the first of several parts, a question of its own, is read on its own: the
                # parts after it ('..., and who is her team manager?') would read it as theirs
                context=None if _on_its_own(clause, len(parts), asks, follow_up) else context,
                whole_question=masked_question,
            )
            unresolved += missing
            if again and asks and ask.period is not None:
                # '... this year compared with last year': the same ask of another time
                ask = asks[-1].model_copy(update={"period": ask.period, "clause": clause})
            asks.append(ask)
        return Request(
            question=question,
            case_id=records.case_id if records else None,
            asks=tuple(_merge(asks)),
            follow_up=follow_up,
            readings=tuple(Reading(typed=t, read_as=r) for t, r in readings),
            unresolved=tuple(dict.fromkeys(unresolved)),
            mentioned=tuple(
                dict.fromkeys(
                    [m for a in asks for m in a.members] + list(last.members if last else ())
                )
            ),
        )

    def _ask(
        self,
        clause: str,
        records: Records | None,
        today: dt.date,
        previous: Ask | None,
        follow_up: bool,
        previous_ids: tuple[str, ...],
        same_question: bool = False,
        context: Future[np.ndarray] | None = None,
        whole_question: str = "",
    ) -> tuple[Ask, list[str]]:
        dated = _name_that_year(clause, previous)
        parsed = find_period(dated, today, records)
        period = parsed.period
        relative = (
            relative_period(clause, previous_ids, records, previous.shape if previous else None)
            if previous_ids
            else None
        )
        period = _up_to_today(relative or period, today)
        rest = period.strip_from(dated) if period else clause
        masked = mask_professionals(mask_members(rest, records), records)
        known = self.speller.known_words(records)
        found = find_members(rest, records, previous.members if previous else (), known)
        named = find_professionals(rest, records)
        terms = _asked_terms(rest, masked, records)
        beside: tuple[str, ...] = ()  # the members of the professional a time is read beside
        if period is None and (anchored := _beside_person(rest, named, records)):
            # 'who was the HV before Amira Shah?': her start is the time, not whom it asks of
            period, role = anchored
            beside = (
                tuple(
                    m
                    for i in named.ids
                    if isinstance(p := records.by_id.get(i), Professional)
                    for m in p.members
                )
                if records is not None
                else ()
            )
            named = FoundProfessionals(())
            if not (terms.role_terms or terms.agency_or_role):
                terms = replace(terms, agency_or_role=(role,), role_terms=(role,))
        allowed = LEARNING_ABOUTS if records is None else None
        asking = after_statement(asking_part(masked))  # what a rambling part asks
        if context is not None and asking == whole_question:
            vector = whole_vector = context.result()  # the part is the question: one embedding
        else:
            vector = self.classifier.embed(asking)
            whole_vector = context.result() if context is not None else None
        prediction = self.classifier.predict(vector, asking, allowed, whole_vector)
        read_out = read_out_roles(asking)
        if read_out != asking and prediction.about_p < FIELD_CONFIDENCE:
            # 'every Marlow Vale SW': unsure of the abbreviation, read the role in words
            whole = read_out_roles(whole_question) if whole_question else read_out
            spelt = self.classifier.predict(
                self.classifier.embed(read_out),
                read_out,
                allowed,
                self.classifier.embed(whole),
            )
            prediction = spelt
        prediction = _weigh_fields(_sure_of_patterns(prediction), terms, records, rest)
        prediction = _weigh_wording(prediction, asking, terms, records)
        prediction = _of_the_case(prediction, asking, bool(found.ids))
        if (
            found.relatives
            and prediction.about in _PEOPLE
            and not (named.ids or terms.role_terms or terms.agency_or_role)
        ):
            # "who is kayden's dad": a member of the family, not the professionals with him
            prediction = replace(prediction, about="household_members")
        unsure = prediction.about_p < PHRASE_CONFIDENCE and prediction.about not in _PEOPLE
        if (
            prediction.about in ("case_summary", "unanswerable") or unsure
        ) and _names_record_phrase(rest, records, terms):
            # 'tell me about the birth plan', '... the child arrangements order': a phrase the
            # records say is a topic, not the whole case (nor, when unsure, anything else)
            prediction = replace(prediction, about="topic_across_records")
        terms = _without_subject_words(terms, prediction.about)
        ask = _build(clause, rest, prediction, found.ids, terms, period)
        if own := particulars(rest, records, terms):
            ask = ask.model_copy(update={"particulars": own})
        if (
            records is not None
            and ask.about == "appointments"
            and ask.shape in ("yes_no", "detail")
            and (kinds := named_types(rest, records))
        ):
            # 'did mum go to her psychiatric review?': one kind asked after (a list or count
            # keeps every appointment its terms match: 'every dental appointment missed')
            ask = ask.model_copy(update={"appointment_types": kinds})
        if ask.about not in _PEOPLE and ask.about != "contact_details" and _WHO.search(clause):
            ask = ask.model_copy(update={"wants_person": True})
        if not found.ids and (relatives := absent_relatives(rest, records)):
            ask = ask.model_copy(update={"absent_relatives": relatives})
        if named.ids:
            ask = ask.model_copy(update={"professionals": named.ids})
            if ask.about in _PEOPLE and _DONE_BY.search(rest):
                # 'what has leanne cho done with kai?': what their records say they did
                ask = ask.model_copy(update={"about": "events", "shape": "list"})
        refers = _BACK_REFERENCE.search(clause)
        if same_question and previous is not None and not ask.members and not follow_up and refers:
            # 'when did Ellis start at Strandfold and who's the DSL there?': one person
            ask = ask.model_copy(update={"members": previous.members})
        if same_question and period is None and (word := relative_word(clause)):
            # 'what happened at the core group on 24/09, and was anything done after it?':
            # timed by the part before, by its period or else by its answer's records
            period = _next_to(previous.period if previous else None, word, today)
            ask = ask.model_copy(update={"period": period} if period else {"relative": word})
        if ask.about == "appointments" and parsed.period is not None and period is not None:
            ask = ask.model_copy(update={"period": parsed.period})  # upcoming ones count
        unresolved = [parsed.unresolved] if parsed.unresolved else []
        if records is not None and ask.about not in LEARNING_ABOUTS:
            missing = unknown_proper_names(rest, records, self.speller.case_words(records))
            if ask.about in _AGENCY_FILTERED:
                missing += absent_agencies(terms.agency_or_role, self.case_text(records))
            if missing:
                ask = ask.model_copy(update={"unresolved": tuple(dict.fromkeys(missing))})
        if previous is not None and follow_up:
            ask = _follow(
                ask,
                previous,
                prediction,
                clause,
                found.from_previous,
                period,
                terms,
                records,
                same_question,
            )
            # 'which of those ...' chooses among several records; 'either of them' after a
            # single record is about people
            narrows = (
                narrows_previous(clause)
                and len(previous_ids) > 1
                and not _says_other(terms.said, previous_ids, records)
            )
            # 'who chaired it?': the one thing just answered, when the part names no kind,
            # person or time of its own
            narrows = narrows or (
                bool(_IT.search(clause))
                and not (terms.event_types or terms.agency_or_role or terms.role_terms or found.ids)
                and period is None
            )
            # 'and before her?' 'how do I contact them?': the people just answered
            reaches = (
                ask.about == "contact_details"
                and previous.about in ("people_involved", "lead_professional")
                and bool(_PERSON_BACK.search(clause))
                and not (terms.agency_or_role or terms.role_terms)
            )
            if (narrows or reaches or asks_since_when(clause)) and previous_ids:
                # 'what was decided at the second one?': that one of them
                nth = ordinal_of(clause)
                chosen = nth_of(previous_ids, nth, records) if nth else previous_ids
                ask = ask.model_copy(update={"restrict_to": chosen})
            if beside and (not found.ids or found.from_previous):
                # 'HV for the baby?' 'and before femi?': the children femi worked with, not
                # only the baby the last answer was about (born, perhaps, after femi began)
                ask = ask.model_copy(update={"members": tuple(dict.fromkeys(beside))})
        elif previous is not None and not same_question and _over_topic(ask, previous):
            # 'any domestic abuse?' 'when was the most recent incident?': a question that
            # names nothing to filter by asks about the topic just listed
            ask = ask.model_copy(update={"about": previous.about, "topic": previous.topic})
        elif (
            previous is not None
            and not same_question
            and previous_ids
            and _contact_of_those(ask, previous)
        ):
            # "who's the GP?" "phone no?": the contact details of the people just answered
            ask = ask.model_copy(update={"restrict_to": previous_ids})
        if ask.about == "last_seen" and says_alone(clause):
            # 'has anyone seen them on their own?', 'and on his own?': seen alone
            ask = ask.model_copy(update={"about": "last_seen_alone"})
        if ask.about in (*_PEOPLE, "household_members") and _WHEN.search(clause):
            # 'when did the early help worker finish?', 'since when?' of the people just given
            ask = ask.model_copy(update={"wants_time": True})
        if ask.about in _PEOPLE and says_ended(clause):
            # 'which professionals have stopped being involved since 2024?'
            ask = ask.model_copy(update={"ended_only": True, "current_only": False})
        if ask.about == "last_seen_alone" and ask.shape == "yes_no" and _EVER.search(clause):
            # 'has tyler ever been seen alone?': yes, each of these times
            ask = ask.model_copy(update={"every_time": True})
        if says_not_seen(clause) and (
            ask.about in ("last_seen", "last_seen_alone")
            or (ask.about in ("events", "topic_across_records") and ask.members)
        ):
            # 'visits where kai wasnt seen': the records that say the child was not seen
            about = "last_seen_alone" if ask.about == "last_seen_alone" else "last_seen"
            ask = ask.model_copy(update={"about": about, "not_seen": True})
        if records is None and ask.about not in LEARNING_ABOUTS:
            ask = ask.model_copy(update={"about": "learning"})
        if words := asked_words(ask.topic or ask.text, records):
            ask = ask.model_copy(update={"asked_with": words})
        return ask, unresolved


def _without_subject_words(terms: Terms, about: str) -> Terms:
    """'how do I contact them?': the word that names what is asked is no filter, though a
    record's type holds it ('transfer-in contact')."""
    own = set(about.split("_"))
    kept = tuple(t for t in terms.agency_or_role if t not in own)
    return terms if kept == terms.agency_or_role else replace(terms, agency_or_role=kept)


def _without_plan(question: str, today: dt.date, records: Records | None) -> str:
    """'going out tomorrow, who else is involved?': a first piece that only tells, with a
    time ahead, is the speaker's plan, not a time or a subject of what is asked."""
    scene = split_scene(question) if records is not None else None
    if scene is None:
        return question
    planned = find_period(scene[0], today, records).period
    ahead = planned is not None and planned.start is not None and planned.start > today
    return scene[1] if ahead else question


_BESIDE = re.compile(r"\b(before|after)\s+(?:(?:dr|mr|mrs|ms|miss|pc|dc)\.?\s+)?$", re.I)


def _beside_person(
    text: str, named: FoundProfessionals, records: Records | None
) -> tuple[Period, str] | None:
    """'who was the HV before Amira Shah?', 'who took over after Tom Reid?': one professional
    named right after 'before' or 'after' is a time (until their start, or from their end)
    and the role asked when no other is named."""
    if records is None or len(named.spans) != 1:
        return None
    start, _ = named.spans[0]
    match = _BESIDE.search(text[:start])
    people = [p for i in named.ids if isinstance(p := records.by_id.get(i), Professional)]
    if match is None or not people:
        return None
    name = people[0].name
    if match.group(1).lower() == "before":
        began = min(p.start for p in people)
        day = began - dt.timedelta(days=1)
        period = Period(end=day, label=f"before {name} (from {began.day} {began:%B %Y})")
    else:
        ends = [p.end for p in people]
        if any(e is None for e in ends):
            return None  # still involved: nobody came after
        ended = max(e for e in ends if e is not None)
        period = Period(
            start=ended + dt.timedelta(days=1),
            label=f"after {name} (to {ended.day} {ended:%B %Y})",
        )
    return period, people[0].role.lower()


def _over_topic(ask: Ask, previous: Ask) -> bool:
    """An ask of one record kind that filters by nothing at all, after a topic."""
    filters = (
        ask.members,
        ask.agency_or_role,
        ask.role_terms,
        ask.event_types,
        ask.outcomes,
        ask.outcome_group,
        ask.source_types,
        ask.period,
        ask.relative,
        ask.said,  # a phrase of its own is its subject ('anything about drugs?' 'DA incidents')
    )
    return (
        previous.about == "topic_across_records"
        and ask.about in _RECORD_ABOUTS
        and not any(filters)
    )


def _contact_of_those(ask: Ask, previous: Ask) -> bool:
    """A contact question naming nobody and no agency or role, after an answer of people."""
    return (
        ask.about == "contact_details"
        and previous.about in ("people_involved", "lead_professional", "contact_details")
        and not (ask.members or ask.professionals or ask.agency_or_role or ask.role_terms)
    )


def _says_other(
    said: tuple[str, ...], previous_ids: tuple[str, ...], records: Records | None
) -> bool:
    """'were RHIs done within 72 hours for all of those?' after the missing episodes: what the
    follow-up names is said by none of the previous answer's records, so it asks about other
    records (the interviews after those episodes), not which of those."""
    if not said or records is None:
        return False
    held = [
        event_words(r)
        if isinstance(r, ChronologyEvent)
        else frozenset(tokens(records.texts.get(i, "")))
        for i in previous_ids
        if (r := records.by_id.get(i)) is not None
    ]
    return not any(says(phrase, held) for phrase in said)


def _on_its_own(clause: str, parts: int, asks: list[Ask], follow_up: bool) -> bool:
    return parts > 1 and not asks and not follow_up and begins_as_question(clause)


def read_out_roles(text: str) -> str:
    """'every Marlow Vale SW' -> 'every Marlow Vale social worker': each abbreviation that
    names a role replaced by the role in words, as the classifier reads it best."""
    for abbreviation in abbreviations_used(text):
        meaning = vocabulary()["abbreviations"][abbreviation]
        if meaning.get("roles") and meaning.get("expands"):
            text = phrase_pattern(abbreviation).sub(meaning["expands"], text)
    return text


_AGENCY_FILTERED = frozenset(  # asks whose answer depends on the agency or role they name
    {
        "people_involved",
        "lead_professional",
        "contact_details",
        "appointments",
        "events",
        "referrals",
        "last_seen",
        "last_seen_alone",
        "document_content",
    }
)
_PLURAL = re.compile(r"\b(them|they|their|both|either|each of)\b", re.I)
_IT = re.compile(r"\b(?:it|that one|this one)\b(?!')", re.I)  # not "it's"
_WHO = re.compile(r"\bwho(?:m|se|'s|s)?\b", re.I)  # 'who did it', 'by whom', "who's"
_WHEN = re.compile(r"\b(?:when|how long|what date)\b", re.I)  # asks a time ('since when?')
_PERSON_BACK = re.compile(r"\b(them|him|her|they|their|that person|he|she)\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(there|then|that|his|her|their|them|him|it)\b", re.I)
PLAUSIBLE_ODDS = 0.25  # a next reading worth trying when the first finds nothing
FIELD_CONFIDENCE = 0.7  # below this, the fields a question names decide between readings
WHO_CONFIDENCE = 0.8  # below this, 'who ...' naming an agency of the case asks its people
PHRASE_CONFIDENCE = 0.3  # below this, a phrase the records say is the topic asked about
UNSURE_PEOPLE = 0.5  # below this, any part naming a role of the case asks about its people
ROLE_OVER_APPOINTMENTS = 0.6  # below this, a part that is mostly a role asks its people


PATTERNS_ODDS = 0.5  # the pattern indicators answer the whole case: only when more likely


def _asked_terms(rest: str, masked: str, records: Records | None) -> Terms:
    """The filters of what is asked. A rambling part sets a scene first ('I'm the new
    paediatric nurse picking up the growth work, and I need to know ...'): the agencies, roles,
    types and sources it names are the speaker's, not the question's, so they come from the
    words after the asking phrase; the outcomes it names ('what mum missed that year') are
    what is asked about, wherever they stand."""
    whole = find_terms(rest, masked, records)
    asking = after_statement(asking_part(rest))
    if asking == rest:
        return whole
    asked = find_terms(asking, after_statement(asking_part(masked)), records)
    outcomes = tuple(sorted(set(asked.outcomes) | set(whole.outcomes)))
    return replace(
        asked, outcomes=outcomes, outcome_group=asked.outcome_group or whole.outcome_group
    )


def _compared(clause: str) -> list[tuple[str, bool]]:
    """A clause, or a comparison's two sides: the second (True) asks the first's question."""
    sides = split_comparison(clause)
    return [(clause, False)] if sides is None else [(sides[0], False), (sides[1], True)]


_REFERRING = re.compile(
    r"\b(that|it|those|these|them|him|her|he|she|they|the (?:"
    + "|".join((*LATEST_WORDS, *EARLIEST_WORDS, *SEQUENCE_WORDS))
    + r") ones?)\b",  # 'who came to the last one?'
    re.I,
)


def _untimed(question: str, today: dt.date, records: Records | None) -> str:
    """The question without the time phrase it holds ('... after the move'): a time is not
    a subject of its own."""
    period = find_period(question, today, records).period
    return period.strip_from(question) if period else question


def _own_words(question: str, records: Records | None) -> list[str]:
    """The question's content words less the words standing for the thing asked before."""
    return [w for w in content_words(question, records) if w not in _PRO_FORMS]


def _refers_without_subject(question: str, records: Records | None) -> bool:
    """'when did that close and why?': a word pointing back and at most two words of its own
    is read over the question before, however it is worded."""
    return bool(_REFERRING.search(question)) and len(_own_words(question, records)) <= 2


# what someone did, not who they are: 'what has she done', 'what did he do with kai'
_DONE_BY = re.compile(r"\bwhat\s+(?:has|have|had|did)\b.*\b(?:done|do|doing)\b", re.I)
_ASKS_WHO = re.compile(r"^\W*(?:and\s+|so\s+)?(?:who|whom|which (?:worker|professional)s?)\b", re.I)
_ASKS_WHICH_PEOPLE = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:which|what)\s+(?:professionals|workers|practitioners)\b", re.I
)
_NOT_PEOPLE = frozenset({"document_content", "events", "case_summary", "topic_across_records"})
# a question naming the procedure or guidance as where the answer is
_NAMES_PROCEDURE = re.compile(
    r"\b(?:the|our|local|under|in|per)\s+(?:\w+\s)?(?:procedures?|protocols?|polic(?:y|ies)|guidance)\b",
    re.I,
)
_THAT_YEAR = re.compile(r"\b(that|the same) (year|month)\b", re.I)


def _next_to(period: Period | None, word: str, today: dt.date) -> Period | None:
    """The time before or after a dated period: after (or since) a day starts on that day,
    after a longer period on the day after it; before ends the day before it starts."""
    if period is None or period.start is None or period.end is None:
        return None
    if word == "before":
        end = period.start - dt.timedelta(days=1)
        return Period(end=end, label=f"before {period.start:%d %b %Y}".replace(" 0", " "))
    one_day = period.start == period.end or word == "since"
    start = period.start if one_day else period.end + dt.timedelta(days=1)
    if start > today:
        return None
    return Period(start=start, end=today, label=f"from {start:%d %b %Y}".replace(" 0", " "))


def _name_that_year(clause: str, previous: Ask | None) -> str:
    """'... in 2017, and where were they living at the start of that year?': 'that year' is
    the year of the ask before (and 'that month' its month), when its period lies in one."""
    period = previous.period if previous else None
    if period is None or period.start is None or period.end is None:
        return clause

    def name(match: re.Match[str]) -> str:
        start, end = period.start, period.end
        if match.group(2).lower() == "year" and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        return match.group()

    return _THAT_YEAR.sub(name, clause)


def _sure_of_patterns(prediction: Prediction) -> Prediction:
    """A part read as asking for the pattern indicators with less than even odds ('ignore the
    case filter') takes its next reading: the indicators and their learning are a long answer
    about everything in the case."""
    if prediction.about != "patterns" or prediction.about_p >= PATTERNS_ODDS:
        return prediction
    ranked = [pair for pair in prediction.about_ranked if pair[0] != "patterns"]
    ranked = [p for p in ranked if p[0] != "unanswerable" or p[1] >= UNANSWERABLE_ODDS] or ranked
    if not ranked:
        return prediction
    about, odds = ranked[0]
    return replace(
        prediction,
        about=about,
        about_p=odds,
        about_ranked=(*ranked, ("patterns", prediction.about_p)),
    )


def _of_the_case(prediction: Prediction, asking: str, names_member: bool) -> Prediction:
    """A part naming a member of the open case ('does nan work'), read unsurely as what the
    learning says and naming no procedure, asks of the case's records: its next reading."""
    if (
        not names_member
        or prediction.about not in LEARNING_ABOUTS
        or prediction.about_p >= FIELD_CONFIDENCE
        or _NAMES_PROCEDURE.search(asking)
    ):
        return prediction
    ranked = [pair for pair in prediction.about_ranked if pair[0] not in LEARNING_ABOUTS]
    about, odds = ranked[0]
    return replace(prediction, about=about, about_p=odds)


def _weigh_wording(
    prediction: Prediction, asking: str, terms: Terms, records: Records | None
) -> Prediction:
    """Evidence from how an unsure part is worded: the procedure named as its source, or a
    'who ...' naming an agency the family works with or a home."""
    if (
        prediction.about not in LEARNING_ABOUTS
        and prediction.about_p < FIELD_CONFIDENCE
        and _NAMES_PROCEDURE.search(asking)
    ):
        # 'how many missing episodes trigger a strategy discussion under the procedure?':
        # what the procedure says, not the case's records of that type
        prediction = replace(prediction, about="procedure")
    if (
        records is not None
        and prediction.about in _NOT_PEOPLE
        and prediction.about_p < WHO_CONFIDENCE
        and _ASKS_WHO.match(asking)
        and any(_named(f"{p.role} {p.agency}", terms) for p in records.professionals)
    ):
        # 'who did Ellis see for speech and language in Brackenmoor?': a person of an
        # agency the family works with is in its involvement records (the likeliest of
        # the readings about them: 'who do I contact about ...' is their contact details)
        people = [a for a, _ in prediction.about_ranked if a in _PEOPLE]
        prediction = replace(prediction, about=people[0] if people else "people_involved")
    if (
        records is not None
        and prediction.about not in _PEOPLE
        and _names_a_role(terms, records)
        and not (
            types_beyond_agencies(terms.event_types, terms.agency_or_role)
            or terms.outcomes
            or terms.names_document
        )
        and not says_seeing(asking)  # 'last time the SW saw them': what was seen
        and (
            prediction.about_p < UNSURE_PEOPLE
            or (prediction.about_p < WHO_CONFIDENCE and _ASKS_WHO.match(asking))
        )
    ) or (
        records is not None
        and (
            prediction.about in ("case_summary", "unanswerable")
            or (
                # 'dentist for Ty?' ('Callum's missed paediatrics' names an outcome: appointments)
                prediction.about == "appointments"
                and prediction.about_p < ROLE_OVER_APPOINTMENTS
                and not terms.outcomes
            )
        )
        and prediction.about_p < WHO_CONFIDENCE
        and _mostly_a_role(asking, terms, records)
    ):
        # ('ppu officer contact': no summary of the case names one role; 'mums psychiatrist?':
        # nor is a role the case's professionals hold something no record holds)
        # 'who was the IDVA in Westmere?', 'has he still got a probation officer?': a role
        # the case's professionals hold, asked about unsurely, is asked about its people (a
        # role no lead holds is no question about the lead)
        people = [
            a
            for a, _ in prediction.about_ranked
            if a in _PEOPLE and not (a == "lead_professional" and _names_other_role(terms, records))
        ]
        prediction = replace(prediction, about=people[0] if people else "people_involved")
    if (
        records is not None
        and prediction.about not in _PEOPLE
        and prediction.about_p < WHO_CONFIDENCE
        and _ASKS_WHICH_PEOPLE.match(asking)
    ):
        # 'which professionals did they have while living in Westmere?': the people involved,
        # whatever types ('closed') or sources ('professionals') its words also name
        prediction = replace(prediction, about="people_involved")
    if (
        prediction.about in _NOT_PEOPLE | {"addresses_moves"}
        and prediction.about_p < WHO_CONFIDENCE
        and terms.addresses
        and _ASKS_WHO.match(asking)
    ):
        # 'who lived in the greywell flat?', 'who was in the flat that night?': the
        # household at that home
        prediction = replace(prediction, about="household_members")
    return prediction


def _names_a_role(terms: Terms, records: Records) -> bool:
    """The part names a role one of the case's professionals holds."""
    return bool(case_roles(terms.role_terms, records))


def _mostly_a_role(text: str, terms: Terms, records: Records) -> bool:
    """A role of the case's professionals, named in any words ('ppu officer contact'), is
    at least half of what the part says (not 'three lines for the duty manager')."""
    roles = case_roles((*terms.role_terms, *terms.agency_or_role), records)
    said = set(content_words(text, records)) - generic_words()  # not 'officer', 'service'
    held = said & {w for t in roles for w in tokens(t)}
    return bool(held) and 2 * len(held) >= len(said)


def _names_other_role(terms: Terms, records: Records) -> bool:
    """'which TM has the case?': a role of the case that no lead professional holds."""
    return _names_a_role(terms, records) and not any(
        p.lead and matches_terms(p.role, terms.role_terms) for p in records.professionals
    )


def _weigh_fields(
    prediction: Prediction, terms: Terms, records: Records | None, text: str = ""
) -> Prediction:
    """Evidence from the fields the question names, when the classifier is unsure: outcomes
    and appointment types are held by appointments, moves by addresses, other event and source
    types by chronology events, document names by documents. The most likely reading that
    holds the most named fields wins. A
    role whose own name holds 'lead' (designated safeguarding lead) is a role, not the lead."""
    if records is None:
        return prediction
    lead_roles = [
        p.role for p in records.professionals if "lead" in p.role.lower() and _named(p.role, terms)
    ]
    if prediction.about == "lead_professional" and (
        lead_roles or _names_other_role(terms, records)
    ):
        return replace(prediction, about="people_involved")
    if (
        prediction.about == "unanswerable"
        and "contact_details" in [a for a, _ in prediction.about_ranked[1:3]]
        and _names_a_role(terms, records)
    ):
        # 'mums CPN contact details': a member's own details are held nowhere, but these are
        # of a professional the case holds (phone and email are their fields)
        return replace(prediction, about="contact_details")
    if (
        prediction.about in _BOOKABLE_READINGS
        and (
            "appointments" in [a for a, _ in prediction.about_ranked[:3]]
            or _only_types_of_a_booking(prediction, terms, records)
        )
        and _names_a_whole_type(terms, records, text)
    ):
        # 'did mum make it to her mental health assessment': an appointment type named whole
        # (more than a word of it) is what was booked, however sure the other reading
        return replace(prediction, about="appointments")
    if terms.outcome_group == "missed" and prediction.about in ("events", "topic_across_records"):
        # chronology events hold no outcome: missed sessions are appointments, however sure
        # ('has Poppy missed anything since the move?' is no topic across records either)
        return replace(prediction, about="appointments")
    if prediction.about_p >= FIELD_CONFIDENCE:
        return prediction
    holders: list[frozenset[str]] = []
    if terms.outcome_group == "missed":
        holders.append(_HOLD_MISSED)
    elif (
        terms.outcomes
        or _names_appointment_type(terms, records)
        or _names_a_whole_type(terms, records, text)
    ):
        holders.append(_HOLD_OUTCOMES)
    if terms.source_types:
        holders.append(_HOLD_SOURCES)
    if terms.said:  # 'any NRM referral?': what a record says is in its text
        holders.append(_HOLD_SAID)
    if terms.names_document:  # 'the ICPC minutes', 'the school report'
        holders.append(_HOLD_DOCUMENTS)
    if terms.addresses:  # 'was dad at the hostel in 2011?': who lived where, when
        holders.append(_HOLD_PLACES)
    # a type that is also an agency the question names ('who is the environmental health
    # officer?') does not turn a question about people into one about events
    types = (
        types_beyond_agencies(terms.event_types, terms.agency_or_role)
        if prediction.about in _PEOPLE
        else set(terms.event_types)
    )
    if types and types <= _ADDRESS_TYPES:
        holders.append(_HOLD_MOVES)
    elif types:
        holders.append(_HOLD_EVENTS)
    if not terms.addresses and (
        case_agencies(terms.agency_or_role, records) or case_roles(terms.agency_or_role, records)
    ):
        # 'perinatal MH - who is mum seeing': an agency or role of the case's professionals is
        # in their involvements and the records they made, not in a household or an address
        holders.append(_HOLD_AGENCIES)
    if types and terms.plural_types and not terms.names_document:
        # 'the visits where nobody answered': records, listed ('conference minutes' is a
        # document)
        holders.append(_HOLD_LISTED)

    def held(about: str) -> int:
        return sum(about in h for h in holders)

    # the likeliest reading that holds the most of the named fields, if it holds more
    best = max(prediction.about_ranked, key=lambda pair: held(pair[0]), default=None)
    if best is None or held(best[0]) <= held(prediction.about):
        return prediction
    return replace(prediction, about=best[0])


_SUMMARY = frozenset({"case_summary", "topic_across_records", "document_content"})
_HOLD_OUTCOMES = frozenset({"appointments", "last_seen", "last_seen_alone", "case_summary"})
# missed appointments are appointments: 'the children's 2017 misses' is never who was last seen
_HOLD_MISSED = frozenset({"appointments"})
_HOLD_PLACES = frozenset({"addresses_moves"})
_HOLD_DOCUMENTS = frozenset({"document_content", "topic_across_records"})
_HOLD_SOURCES = frozenset({"referrals", "events"}) | _SUMMARY
_HOLD_SAID = frozenset({"referrals", "events", "topic_across_records", "document_content"})
_HOLD_MOVES = frozenset({"addresses_moves", "events"})  # a summary lists no moves
# address records hold moves and housing (tenure, why a home was left), as events do
_PEOPLE = PEOPLE_ABOUTS
_ADDRESS_TYPES = frozenset({EventType.MOVE, EventType.HOUSING})
# A case summary or a topic list filters no event type: an unsure reading as one would drop a
# named type ('has anybody visited lately?') without a word.
_HOLD_EVENTS = frozenset(
    {"events", "referrals", "last_seen", "last_seen_alone", "appointments", "document_content"}
)


_HOLD_AGENCIES = PEOPLE_ABOUTS | {
    "events",
    "referrals",
    "appointments",
    "last_seen",
    "last_seen_alone",
    "document_content",
    "topic_across_records",
    "case_summary",
}
# the readings that list records of an event type named in the plural; a passage lists none
_HOLD_LISTED = frozenset({"events", "referrals"})


def _names_a_whole_type(terms: Terms, records: Records, text: str = "") -> bool:
    """A term that is an appointment type of the case word for word, of two words or more; or
    a text naming a type by its words (`named_types`)."""
    return bool(_whole_types(terms, records) or named_types(text, records))


def _whole_types(terms: Terms, records: Records) -> tuple[str, ...]:
    """The terms that are appointment types of the case word for word, of two words or more."""
    types = {a.type.lower() for a in records.appointments}
    return tuple(t for t in terms.agency_or_role if t in types and len(t.split()) > 1)


def _only_types_of_a_booking(prediction: Prediction, terms: Terms, records: Records) -> bool:
    """An events reading whose only event types are words of an appointment type named whole
    ('what happened with corey's ADHD assessment': 'assessment' is of the 'ADHD assessment' the
    appointments hold): nothing but those words was evidence of chronology events."""
    whole = _whole_types(terms, records)
    return (
        prediction.about == "events"
        and bool(whole)
        and bool(terms.event_types)
        and not types_beyond_agencies(terms.event_types, whole)
    )


# the readings an appointment type named whole turns into appointments
_BOOKABLE_READINGS = frozenset(
    {"events", "document_content", "topic_across_records", "unanswerable"}
)


def _names_appointment_type(terms: Terms, records: Records) -> bool:
    """A term of an appointment type ('autism assessment') that is no professional's role or
    agency ('GP' names both, so it says nothing about which record kind is asked)."""
    staff = " ".join(f"{p.role} {p.agency}" for p in records.professionals).lower()
    types = " ".join(a.type for a in records.appointments).lower()
    return any(t in types and t not in staff for t in terms.agency_or_role)


def _named(role: str, terms: Terms) -> bool:
    wanted = terms.agency_or_role + terms.role_terms
    return any(t in role.lower() for t in wanted)


def _up_to_today(period: Period | None, today: dt.date) -> Period | None:
    """'this week', 'this year', 'november so far': what has happened can only be up to today.
    (Appointments keep the whole span: the rest of it may be booked.)"""
    if period is None or period.end is None or period.end <= today:
        return period
    if period.start is not None and period.start > today:
        return period  # wholly ahead: 'next week'
    return period.model_copy(update={"end": today})


def _build(
    clause: str,
    rest: str,
    prediction: Prediction,
    members: tuple[str, ...],
    terms: Terms,
    period: Period | None,
) -> Ask:
    about = prediction.about
    event_types = terms.event_types
    if about == "referrals" and not event_types:
        event_types = ("referral",)  # type: ignore[assignment]
    learning_kind = terms.learning_kind  # only when the question names a kind of document
    shape = _shape(prediction, about, period, terms, rest)
    return Ask(
        about=about,
        shape=shape,
        clause=clause,
        confidence=round(prediction.about_p, 3),
        alternatives=tuple(a for a, _ in prediction.about_ranked[1:3]),
        plausible=tuple(a for a, p in prediction.about_ranked[1:3] if p >= PLAUSIBLE_ODDS),
        members=members,
        agency_or_role=terms.agency_or_role,
        role_terms=terms.role_terms,
        within_agency=terms.within_agency,
        said=terms.said,
        event_types=event_types,
        outcomes=terms.outcomes,
        outcome_group=terms.outcome_group,  # type: ignore[arg-type]
        source_types=terms.source_types,
        current_only=prediction.current and about in _CURRENT_ABOUTS and period is None,
        period=period,
        ranking=terms.ranking,  # type: ignore[arg-type]
        topic=_topic_of(rest, about, shape),
        text=" ".join([expand_abbreviations(rest), *terms.document_titles]),
        learning_kind=learning_kind,  # type: ignore[arg-type]
        addresses=terms.addresses,
        counted=_counted(rest) if prediction.shape == "count" else None,
    )


_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[a-z][a-z'-]*\s*){1,3})", re.I)
_HOW_OFTEN = re.compile(r"\bhow\s+often\b|\bnumber\s+of\s+times\b", re.I)


def _counted(text: str) -> str | None:
    """'how many times has he been reported missing?': 'times'; 'how many home visits were
    there?': 'home visits' (the words after 'how many' up to a stopword or a name)."""
    if _HOW_OFTEN.search(text):
        return "times"
    match = _HOW_MANY.search(text)
    if not match:
        return None
    words: list[str] = []
    for word in match.group(1).lower().split():
        if word in stopwords() or not word.isalpha():
            break
        words.append(word)
    return " ".join(words) if words and words[-1].endswith("s") else None


def _shape(
    prediction: Prediction, about: str, period: Period | None, terms: Terms, rest: str = ""
) -> str:
    """A single fact asked in the present ('which school does he go to now?') is the latest
    record of its kind; events of a type named in the plural ('when were the conferences?'),
    or of a time and no type ('what happened in october?'), are a list, not one record. An
    order word ('latest midwife contact', 'the first core group') asks for one record."""
    if about in _ORDERED_ABOUTS and prediction.shape in ("detail", "list"):
        order = _ORDER.search(rest)
        if order:
            return "earliest" if order.group(1).lower() in EARLIEST_WORDS else "latest"
    if (
        about in _QUOTED_ABOUTS
        and prediction.shape in ("summary", "detail")
        and _SAID_BY.search(rest)
    ):
        return "quote"  # 'what did kai say about home in the RHI?': the person's own words
    one_day = period is not None and period.start is not None and period.start == period.end
    if (
        one_day
        and prediction.shape in ("list", "latest", "earliest")
        and (
            about == "addresses_moves"
            or (about == "events" and terms.event_types and not terms.plural_types)
        )
    ):
        # 'what happened at the core group on 24/09?', 'address at the time of the ICPC?': the
        # one record of that day
        return "detail"
    if about == "events" and prediction.shape == "detail" and terms.plural_types:
        return "list"
    if (
        about == "events"
        and prediction.shape == "latest"
        and terms.plural_types
        and not prediction.current
        and not _ORDER.search(rest)
    ):
        return "list"  # 'what schools has skye been to': each of them, no order word asked
    if about == "events" and prediction.shape == "detail" and period and not terms.event_types:
        return "list"  # 'what happened on 15/03?': everything in that time, as the tool lists
    if (
        prediction.current
        and period is None
        and prediction.shape == "detail"
        and about
        in (
            "events",
            "addresses_moves",
        )
    ):
        return "latest"
    return prediction.shape


_QUOTED_ABOUTS = frozenset({"document_content"})  # a tool quoting what was said
_SAID_BY = re.compile(
    r"\bwhat (?:did|does|has|had|do) (?:[\w'-]+ ){1,3}"
    r"(?:say|said|tell|told|want|wanted|disclose|disclosed|describe|described)\b",
    re.I,
)
_ORDERED_ABOUTS = frozenset(
    {"events", "referrals", "appointments", "topic_across_records", "addresses_moves"}
)
_EVER = re.compile(r"\b(?:ever|(?:at|on|in|during) any)\b", re.I)  # any time at all, at any visit
_ORDER = re.compile(
    rf"\b({'|'.join((*LATEST_WORDS, *EARLIEST_WORDS))})\b(?!\s+(?:time|name))", re.I
)


def _topic(rest: str) -> str:
    return re.sub(r"\s+", " ", rest).strip(" ?.!")


def _topic_of(rest: str, about: str, shape: str) -> str | None:
    """What a topic ask is about; of one event asked by its order ('when did kai last go
    missing', answered from the records about its theme), without the order word, which no
    record of the topic need say."""
    if shape in ("latest", "earliest") and about == "events":
        return _topic(_ORDER.sub(" ", rest))
    if about not in ("topic_across_records", "unanswerable"):
        return None
    head, *tail = _NAMED_THEN_ASKED.split(rest, maxsplit=1)
    if tail and not begins_as_question(head) and begins_as_question(tail[0]):
        # 'speech delay for the little one - what's been done about it?': the words before
        # the question are its topic
        return _topic(head)
    return _topic(rest)


_NAMED_THEN_ASKED = re.compile(r"\s+[-\u2013\u2014:]\s+|:\s+")


def _follow(
    ask: Ask,
    previous: Ask,
    prediction: Prediction,
    clause: str,
    pronoun: bool,
    period: Period | None,
    terms: Terms,
    records: Records | None,
    same_question: bool = False,
) -> Ask:
    narrows = narrows_previous(clause)
    own = {
        name
        for name, value in (
            ("members", ask.members and not pronoun),
            ("professionals", ask.professionals),
            # an agency or role of its own replaces the previous one, of either kind ('who's
            # the lead sw?' 'and their manager?': a manager, not a social worker)
            ("agency_or_role", terms.agency_or_role or terms.role_terms),
            ("role_terms", terms.role_terms or terms.agency_or_role),
            ("within_agency", terms.role_terms or terms.agency_or_role),
            ("said", terms.said),
            ("event_types", terms.event_types),
            ("outcomes", terms.outcomes),
            ("outcome_group", terms.outcome_group or terms.outcomes),
            ("source_types", terms.source_types),
            ("period", period or ask.relative),
            ("learning_kind", terms.learning_kind),
            # a phrase of its own is its subject ('anything about drugs?' 'DA incidents'),
            # never the previous topic
            ("topic", terms.said and not narrows),
        )
        if value
    }
    if pronoun:
        own.add("members")
    unsure = prediction.about_p < FOLLOW_UP_CONFIDENCE or prediction.about == "unanswerable"
    # 'since when?', 'and before that?', 'and her brother Ryan?': nothing asked but who or when
    # ('and in november so far?': the month is its time, not its subject)
    words = content_words(period.strip_from(clause) if period else clause, records)
    words = [w for w in words if w not in _PRO_FORMS]  # 'when was the last one?
    # 'when's his next one?': 'next' says when, not what (upcoming is a time, not a subject)
    timing = {"outcomes", "outcome_group"} if set(terms.outcomes) == {Outcome.UPCOMING} else set()
    bare = len(words) <= 1 and not (own - {"members", "period"} - timing)
    # a later part of the same question asks its own thing ('..., and how old is he?') unless
    # the classifier cannot tell what
    bare = bare and not (same_question and prediction.about_p >= FOLLOW_UP_CONFIDENCE)
    if bare and not asks_own_question(clause):
        # 'and ellis?': the same question of someone or some time else
        ask = ask.model_copy(update={"about": previous.about, "shape": previous.shape})
    elif (narrows or unsure or bare) and not _asks_home(prediction, clause):
        # 'which of those involved kai?', 'when did that close and why?': about the same
        # records, in the shape its own words ask for
        ask = ask.model_copy(update={"about": previous.about})
    if (
        previous.about == "topic_across_records"
        and ask.about in _RECORD_ABOUTS
        and not (own - {"members", "period"})
    ):
        # 'any DV in the house?' 'when was the last incident?' 'were the kids there?': the
        # topic's records, asked in the follow-up's own shape
        ask = ask.model_copy(update={"about": "topic_across_records"})
    if ask.about in PASSAGE_ABOUTS and ask.about == previous.about:
        # 'and if they refuse it?': found with the previous question's words, its own words
        # choose the sentences
        ask = ask.model_copy(update={"text": f"{previous.clause} {ask.text}", "topic": ask.text})
        own.add("topic")
    if "period" not in own and asks_since_when(clause):
        ask = ask.model_copy(update={"shape": "detail"})
    if same_question and ask.about != previous.about:
        # parts of one question that ask different things share people and time, not filters
        own |= {"agency_or_role", "role_terms", "event_types", "outcomes", "outcome_group"}
        own |= {"said", "source_types", "learning_kind", "topic", "current_only"}
    elif _names_roles(previous, records) and _only_agencies(terms, records):
        # 'who is the SW?' 'and who had it in westmere?': the same role, in that agency
        own -= {"agency_or_role", "role_terms"}
        ask = ask.model_copy(update={"within_agency": terms.agency_or_role})
    return inherit(ask, previous, own)


_WHERE = re.compile(r"^\W*(?:and\s+|so\s+)?where\b", re.I)
_HOME_ABOUTS = frozenset({"household_members", "addresses_moves"})


def _asks_home(prediction: Prediction, clause: str) -> bool:
    """'where does she live?' after what the aunt does: a place asked of a person, read at
    least fairly surely as their home, is asked of the homes, not of the previous records."""
    return (
        prediction.about in _HOME_ABOUTS
        and prediction.about_p >= FIELD_CONFIDENCE
        and bool(_WHERE.match(clause))
    )


def _names_roles(ask: Ask, records: Records | None) -> bool:
    """The ask names a role of the case's professionals ('SW', 'the social worker')."""
    if ask.role_terms:
        return True
    return records is not None and bool(case_roles(ask.agency_or_role, records))


def _only_agencies(terms: Terms, records: Records | None) -> bool:
    """The terms name agencies (or their places) of the case and no role in it."""
    if records is None or terms.role_terms or not terms.agency_or_role:
        return False
    wanted = terms.agency_or_role
    return bool(case_agencies(wanted, records)) and not case_roles(wanted, records)


def _phrases(records: Records) -> frozenset[tuple[str, str]]:
    """Every pair of neighbouring words (stems) the case's records say."""
    pairs: set[tuple[str, str]] = set()
    for text in records.texts.values():
        words = tokens(text)
        pairs.update(zip(words, words[1:], strict=False))
    return frozenset(pairs)


def _professional_words(records: Records) -> frozenset[str]:
    return frozenset(w for p in records.professionals for w in tokens(p.name))


def _names_record_phrase(clause: str, records: Records | None, terms: Terms) -> bool:
    """The clause is mostly neighbouring words of its own, neither names nor family words,
    that a record of the case says side by side ('birth plan', 'written agreement')."""
    if records is None:
        return False
    roles = case_roles(terms.agency_or_role, records)
    named = {w for t in [*roles, *terms.role_terms] for w in tokens(t)}
    named |= per_case("professional name words", records, _professional_words)
    named |= generic_words()  # 'visit made' is no topic
    # not 'social worker', not 'hannah okafor': a topic, not who is asked about
    every = content_words(clause, records)
    words = [w for w in every if w not in named]
    said = per_case("phrases", records, _phrases)
    # pairs read over every word ('graded care profile': 'care' is a word of agency names)
    held = {w for pair in zip(every, every[1:], strict=False) if pair in said for w in pair}
    held -= named
    return 2 * len(held) >= len(set(words)) > 0  # what the part is about, not a word of many


def content_words(clause: str, records: Records | None) -> list[str]:
    """The clause's words less stopwords, family words ('brother', 'mum') and members' names."""
    family = set(people_words()) | set(people_words().values()) | _RELATIVES
    names = (
        set(tokens(" ".join(n for m in records.members for n in member_names(m))))
        if records
        else set()
    )
    return [t for t in tokens(clause) if t not in family and t not in names]


# words that stand for the thing asked before or say which of them, not what it is
_PRO_FORMS = frozenset(
    {"one", "ones", "recent"}
    | {w for w in (*LATEST_WORDS, *EARLIEST_WORDS, *SEQUENCE_WORDS) if " " not in w}
)
# asks answered from one kind of record, which a follow-up to a topic narrows to the topic's
_RECORD_ABOUTS = frozenset({"events", "appointments", "last_seen", "last_seen_alone"})
_RELATIVES = frozenset({"brother", "sister", "sibl", "son", "daughter", "other", "kid", "child"})


def _merge(asks: list[Ask]) -> list[Ask]:
    """Parts that ask the same thing, in the same shape, of the same people, records and
    period are one ask, as are parts asking one kind of passage. 'How many strategy
    discussions, and what was each about?' (a count and a list) and 'when was the strategy
    discussion, and when was the ICPC?' (two types) are two."""
    merged: list[Ask] = []
    for ask in asks:
        same = next(
            (
                m
                for m in merged
                if m.about == ask.about
                and m.members == ask.members
                and m.period == ask.period
                and m.addresses == ask.addresses
                and m.current_only == ask.current_only
                and (
                    # a passage is found with all the question's words ('CP birth plan - by
                    # when and who does it need to name')
                    ask.about in PASSAGE_ABOUTS
                    or (
                        m.shape == ask.shape
                        and m.event_types == ask.event_types
                        and m.outcomes == ask.outcomes
                    )
                )
            ),
            None,
        )
        if same is None or ask.relative:
            merged.append(ask)
            continue
        index = merged.index(same)
        merged[index] = same.model_copy(
            update={
                "clause": f"{same.clause}; {ask.clause}",
                "text": f"{same.text} {ask.text}",
                "agency_or_role": tuple(dict.fromkeys(same.agency_or_role + ask.agency_or_role)),
                "role_terms": tuple(dict.fromkeys(same.role_terms + ask.role_terms)),
                "said": tuple(dict.fromkeys(same.said + ask.said)),
                "event_types": tuple(dict.fromkeys(same.event_types + ask.event_types)),
            }
        )
    return merged
