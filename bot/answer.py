"""The one entry point the CLI and the app call: a question in, a cited Answer out."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from chromadb.errors import NotFoundError

from bot.access import AccessDenied, User
from bot.audit import AuditEntry, open_log
from bot.briefing_actions import dated_deadlines, decisions_section
from bot.compose import compose
from bot.coverage import Coverage, case_coverage, gap_notes
from bot.evidence import Line, Query, ToolResult
from bot.passage_match import holds_word
from bot.patterns.learning import PatternLinks, link_learning
from bot.records import RecordCache, Records, member_words, record_stems
from bot.request import PEOPLE_ABOUTS, Ask, Request
from bot.search import PassageIndex
from bot.signin import SignIn
from bot.tools import STRUCTURED_TOOLS
from bot.tools.chronology import done_by, named_events, with_events
from bot.tools.involvement import named_in
from bot.tools.passages import documents, learning, names_a_document
from bot.tools.patterns import patterns
from bot.tools.summary import actions_since, summary
from bot.tools.timeliness import asks_timeliness, timeliness
from bot.tools.topic import (
    RecordVectors,
    ThemeVectors,
    themes_in,
    topic,
    without_names,
)
from bot.types import Answer, Turn
from bot.understand import Understander
from bot.understand.followups import anchored_period
from bot.understand.terms import matches_terms
from bot.users_db import open_access
from bot.version_cache import VersionCache
from bot.warm import CaseWarmer
from config.settings import Settings, load_settings
from ingest.embedder import use_threads
from ingest.models import Outcome
from ingest.store import Store
from ingest.unavailable import answering

# Where a structured miss may still be answered: an attended appointment is a child seen; an
# event or a document may hold what a table does not.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "last_seen": ("appointments", "events", "document_content"),
    "last_seen_alone": ("events", "document_content"),
}
DEFAULT_FALLBACKS = ("events", "document_content")
# A question that names nothing of the case must still be about its records: the closest
# record by cosine. On the own gold and dev set questions with no filter, answerable ones
# were >= 0.22; off-topic ones ('capital of France', 'world cup', 'bake bread') 0.08-0.18.
RELEVANCE_MIN = 0.2
# ... unless the router is sure what kind of record is asked for ('who has been out to see
# them recently?' is last-seen at 0.95; off-topic questions read at most 0.64).
SURE = 0.8
UNSURE = 0.5  # below even odds, a reading that finds nothing gives way to the next
# An answer of records to 'who ...?' naming this many professionals or fewer gives each one's
# involvement (role, dates, contact); more are a list, quoted, that says who itself.
NAMED_PEOPLE = 3


# Understood at start-up: the classifier's first prediction, and dateparser's first day read
# (~0.45 s of its regexes, once a process).
WARM_QUESTIONS = ("who is the lead professional?", "what happened on 3 March 2011?")


class CaseNotFound(LookupError):
    """The case is not in the index (or not visible to this user)."""


class Engine:
    """Loads the model, store and router once; answers many questions."""

    def __init__(self, settings: Settings | None = None) -> None:
        """Raises StoreUnavailable (as `ask` and `case_records` do) when a configured Chroma
        server does not answer; the same engine works again once it does."""
        self.settings = settings or load_settings()
        use_threads(self.settings.query_threads)  # before the embedder: it reads them
        sys.setswitchinterval(self.settings.switch_interval_ms / 1000)
        self.store = Store(self.settings.chroma_client())
        self.embedder = self.settings.embedder()
        # one LRU for all that is held per case version: records, passage index, vectors
        self.versions = VersionCache(self.settings.cached_versions)
        self.cache = RecordCache(self.store, self.versions)
        self.understander = Understander(self.embedder, self.settings.model_cache_dir())
        self.vectors = RecordVectors(self.store, self.versions)
        self.themes = ThemeVectors(self.embedder)
        self.embedder.warm_up()
        self.access = open_access(self.settings)
        self.audit = open_log(self.settings)
        self.signin = SignIn(self.settings, self.access)
        self.case_warmer = CaseWarmer(self.warm_case)

    def warm_case(self, records: Records) -> None:
        """Build what a version's first questions would otherwise pay for, once a version:
        its passage index (BM25, sentence vectors: ~1 s for a case of 40 passages), its record
        vectors and their themes, its coverage map. `case_records` has it done on another
        thread when a version is first opened."""
        index = self._index(records)
        if index is not None:
            index.warm()
        self.themes.about_each(self.vectors.matrix(records))
        self.coverage(records)

    def user(self, user_id: str | None) -> User:
        """The user a request runs as; an unknown user is denied (and the denial audited)."""
        try:
            return self.access.user(user_id)
        except AccessDenied:
            self.audit.append(
                AuditEntry(
                    user=user_id or "(none)", role="unknown", action="denied", detail="unknown user"
                )
            )
            raise

    def login(self, user_id: str, password: str) -> User:
        """Check a password; success and failure are both audited."""
        return self.signin.password(user_id, password)

    def record_read(
        self,
        user: User,
        view: str,
        case_id: str | None,
        record_ids: list[str],
        detail: str = "",
    ) -> None:
        """Records were shown (overview, timeline, source viewer, briefing preview, learning):
        who, where, which records (never their text)."""
        self.audit.note(
            user, "read", case_id=case_id, intent=view, record_ids=record_ids, detail=detail
        )

    def record_export(
        self, user: User, case_id: str | None, record_ids: list[str], detail: str
    ) -> None:
        """A briefing left the app: who, which case, which records (never their text)."""
        self.audit.note(user, "export", case_id=case_id, record_ids=record_ids, detail=detail)

    def case_records(self, case_id: str, user: User) -> Records:
        """A case's records if this user may see them. The same denial whether or not the case
        exists, so a refusal reveals nothing."""
        try:
            with answering(self.settings.chroma_url):
                records = self.cache.case(case_id, user)
        except AccessDenied:
            self.audit.note(user, "denied", case_id=case_id)
            raise
        if records is None:
            self.audit.note(user, "denied", case_id=case_id, detail="no such case")
            raise CaseNotFound(case_id)
        self.case_warmer.soon(records)
        return records

    def warm_up(self) -> None:
        """Pay for first-use costs (model, classifier, date parser, themes, learning index)
        before the first user."""
        for question in WARM_QUESTIONS:
            self.understander.understand(question, None, self.settings.today_date())
        self.themes.warm()
        with answering(self.settings.chroma_url):
            index = self.passage_index(self.cache.learning())
            if index is not None:
                index.warm()

    def passage_index(self, records: Records | None) -> PassageIndex | None:
        """The hybrid passage index of a live version (a case's documents or the learning)."""
        return self._index(records)

    def pattern_links(self, learning_records: Records | None = None) -> PatternLinks:
        """The learning passages on each pattern, found once per learning version."""
        learning_records = learning_records or self.cache.learning()
        if learning_records is None:
            return {}
        return self.versions.get(
            learning_records.version.collection,
            "pattern-links",
            lambda: link_learning(self._index(learning_records)),
        )

    def _index(self, records: Records | None) -> PassageIndex | None:
        if records is None:
            return None
        return self.versions.get(
            records.version.collection,
            "index",
            lambda: PassageIndex(records, self.store, self.embedder),
        )

    def ask(
        self,
        question: str,
        case_id: str | None = None,
        user: str | None = None,
        conversation: list[Turn] | None = None,
        answer_id: str | int | None = None,
    ) -> Answer:
        asker = self.user(user)
        for attempt in range(2):
            try:
                with answering(self.settings.chroma_url):
                    return self._ask(question, case_id, asker, conversation, answer_id)
            except NotFoundError:
                # A re-ingest replaced the case mid-question: answer again from the new version.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def understand(
        self, question: str, records: Records | None, conversation: list[Turn] | None = None
    ) -> Request:
        previous = conversation[-1] if conversation else None
        return self.understander.understand(
            question,
            records,
            self.settings.today_date(),
            previous.request if previous else None,
            tuple(previous.record_ids) if previous else (),
        )

    def _ask(
        self,
        question: str,
        case_id: str | None,
        user: User,
        conversation: list[Turn] | None,
        answer_id: str | int | None,
    ) -> Answer:
        records = self.case_records(case_id, user) if case_id else None
        learning_records = self.cache.learning()
        today = self.settings.today_date()
        request = self.understand(question, records, conversation)
        results: list[ToolResult] = []
        for ask in request.asks:
            if results and ask.restrict_to == () and _refers_back(ask, results[-1]):
                ask = ask.model_copy(update={"restrict_to": tuple(results[-1].record_ids)})
            if results and ask.relative and ask.period is None:
                anchor = tuple(results[-1].record_ids)
                period = anchored_period(ask.relative, anchor, records, ask.relative)
                ask = ask.model_copy(update={"period": period})
            query = Query(ask, records, today)
            result = self._run(query, learning_records)
            if ask.wants_person and result.found and records is not None:
                result = _with_people(result, query)
            if result.found and result.intent in PEOPLE_ABOUTS and ask.event_types:
                result = done_by(result, query)
            results.append(result)
        sources: dict[str, Records] = {}
        for result in results:
            owner = learning_records if result.intent in ("learning", "procedure") else records
            for line in result.lines:
                held = learning_records if line.learning else owner  # patterns cite both
                for record_id in line.record_ids:
                    # patterns cite the learning; a timeliness answer the procedure and the
                    # case's records
                    cited = records if line_owner(record_id, held, records) else held
                    if cited is not None:
                        sources[record_id] = cited
        caveats = (
            [*_dated_by(request, records), *self._gap_caveats(request, records)]
            if records is not None
            else []
        )
        for caveat in caveats:
            sources.update(dict.fromkeys(caveat.record_ids, records))
        composed = compose(results, sources, _notes(request), caveats)
        if self.settings.llm.provider != "none" and not composed.abstained:
            from bot.llm import polish  # optional: rephrase, keeping only checked cited sentences

            composed = polish(self.settings.llm, question, composed)
        intents = [r.intent for r in results]
        turn = Turn(
            question=question,
            request=request,
            record_ids=[i for r in results for i in r.record_ids],
        )
        self.audit.note(
            user,
            "question",
            case_id=case_id,
            intent="+".join(intents),
            record_ids=[c.record_id for c in composed.citations],
            detail=("abstained: " if composed.abstained else "") + question[:500],
        )
        return Answer(
            id=answer_id,
            question=question,
            case_id=case_id,
            intent="+".join(intents),
            answer=composed.text,
            citations=composed.citations,
            abstained=composed.abstained,
            searched=composed.searched,
            request=request,
            turn=turn,
        )

    def coverage(self, records: Records) -> Coverage:
        """The case's coverage map (bot/coverage.py), made once per version."""
        return self.versions.get(
            records.version.collection, "coverage", lambda: case_coverage(records, self.settings)
        )

    def _gap_caveats(self, request: Request, records: Records) -> list[Line]:
        """'No education records for Child A after 3 Feb 2015: the answer may be incomplete.'
        for each gap the period of an ask falls in, citing the records either side."""
        if not any(a.period for a in request.asks) or not self.settings.coverage_gap_notes:
            return []
        found = [
            Line(text, ids, note=True)
            for ask in request.asks
            for text, ids in gap_notes(
                ask, records, self.coverage(records), self.settings.coverage_gap_notes
            )
        ]
        return list({line.text: line for line in found}.values())

    def _run(self, query: Query, learning_records: Records | None) -> ToolResult:
        ask, records = query.ask, query.records
        if records is not None and asks_timeliness(ask.clause or ask.text):
            timed = timeliness(query, self._index(learning_records), self.vectors, self.embedder)
            if timed is not None:
                return timed
        if ask.about in ("learning", "procedure") or records is None:
            return learning(query, self._index(learning_records))
        if ask.unresolved:
            names = ", ".join(f"'{name}'" for name in ask.unresolved)
            return ToolResult(
                ask.about,
                [Line(f"Nothing in case {records.case_id} is called or mentions {names}.", ())],
                f"the names, aliases, professionals, agencies, places, documents and record "
                f"text of case {records.case_id}, for {names}",
                False,
                final=True,
            )
        if ask.about == "unanswerable":
            # Read as asking for something no record holds; a document passage that answers
            # it well enough (the passage evidence threshold) still wins.
            if "document_content" in ask.alternatives:
                other = Query(
                    ask.model_copy(update={"about": "document_content"}), records, query.today
                )
                index = self._index(records)
                found = documents(other, index)
                # the documents answer what was read as held nowhere only when they hold
                # every word it asks with ('what blood group is mia': no passage says 'blood')
                if found.found and index and all(index.holds(w) for w in ask.asked_with):
                    return found
            subject = ask.topic or ask.clause
            nothing = ToolResult(
                ask.about,
                [Line(f"No kind of record in case {records.case_id} holds {subject}.", ())],
                f"the fields of every record kind of case {records.case_id} (members, addresses, "
                "involvements, chronology, appointments, documents) for what was asked",
                False,
            )
            # the particulars asked ('does nan still work at the bakery'), all held by one
            # passage found for the question, are evidence the records do say it
            passages = (
                self._particulars_in_documents(query, nothing, every=True)
                if ask.particulars
                else None
            )
            asked = frozenset(w.stem for w in ask.asked_with) if passages is None else frozenset()
            if len(asked) >= MIN_ASKED_WORDS:
                # 'mias weight and height?': every word it asks with, held by one passage found
                # for it, is evidence a document says it ('Weight 21.4 kg ... height ...')
                passages = self._particulars_in_documents(query, nothing, True, asked)
            return passages or nothing
        if ask.about == "document_content":
            result = documents(query, self._index(records))
            events = [] if names_a_document(ask.clause, records) else named_events(query)
            if events:
                # 'what did the strategy discussion on 30 oct agree?': that event's record
                # first, then what the documents say of it
                return with_events(result, events, query)
            if result.found:
                return result
            # a named event type or period ('police before 2012') may be in the chronology
            order = (
                ("events", "topic_across_records") if _filtered(ask) else ("topic_across_records",)
            )
            return self._fallback(query, result, order)
        if ask.about == "topic_across_records":
            found = topic(query, self.vectors, self.embedder, self.themes)
            if found.found or found.final or not self._near_records(ask, records):
                return found
            # a reading that finds nothing: the next readings when it was unsure ('anything
            # still open?'), else those at least plausible ('household composition')
            readings = ask.alternatives if ask.confidence < UNSURE else ask.plausible
            if ask.shape in ("earliest", "latest") and "events" not in readings:
                # 'earliest record on file?': a first or last record is the chronology's
                readings = ("events", *readings)
            return self._fallback(query, found, _case_readings(readings))
        if ask.about == "patterns":
            return patterns(query, self.pattern_links(learning_records), self.settings.patterns)
        summary_sure = ask.about == "case_summary" and ask.confidence >= UNSURE
        if not _filtered(ask) and not summary_sure and ask.confidence < SURE:
            closest = self._closeness(ask, records)
            if closest < RELEVANCE_MIN:
                return ToolResult(
                    ask.about,
                    [Line(f"No record of case {records.case_id} is about this question.", ())],
                    f"every record of case {records.case_id} by meaning: the closest is "
                    f"{closest:.2f} similar, below {RELEVANCE_MIN:.2f}, and the question names "
                    "no person, agency, type or period of the case",
                    False,
                    final=True,
                )
        themed = (
            tuple(p for p in ask.said if self.themes.is_named(p)) if ask.about == "events" else ()
        )
        if ask.about == "events" and not _kind_named(
            ask.model_copy(update={"said": tuple(p for p in ask.said if p not in themed)})
        ):
            # 'any missing episodes?', 'how many times has kai gone missing?', 'DA incidents'
            # name no type, agency or phrase of the case's records but a safeguarding theme:
            # a topic across every record, of the people and time asked ('what happened?'
            # lists the chronology)
            text = without_names(ask.topic or ask.text, member_words(records))
            if themed and not ask.topic:
                # 'DA incidents?' is its own topic; 'when was the last one?' after them, the
                # theme it carries
                own = self.themes.names_one(text)
                update = {"topic": ask.clause if own else " and ".join(themed)}
                query = replace(query, ask=ask.model_copy(update=update))
                return topic(query, self.vectors, self.embedder, self.themes)
            if self.themes.names_one(text):
                return topic(query, self.vectors, self.embedder, self.themes)
        if ask.about == "case_summary" and not ask.members:
            return self._summary(query)
        result = STRUCTURED_TOOLS[ask.about](query)
        if result.found and ask.particulars and (ask.confidence < SURE or _everyone(ask)):
            # an unsure reading, or everyone involved, whose records hold no particular asked
            passages = self._particulars_in_documents(query, result)
            if passages is not None:
                return passages
        if result.found or result.final:
            return result
        listed = ask.shape in ("list", "count")
        exhaustive = (ask.about == "appointments" and listed) or (
            ask.about == "addresses_moves" and ask.members
        )
        if exhaustive and ask.confidence >= SURE:
            # every appointment (every home of the people asked about) was read: none
            # matching is the answer, not a record that happens to be near the question's words
            return result
        order = FALLBACKS.get(ask.about, DEFAULT_FALLBACKS)
        if ask.professionals and ask.about not in PEOPLE_ABOUTS:
            # 'when did janet orme start?': what the records hold of a person named is at
            # least their involvement record
            order = (*order, "people_involved")
        if ask.confidence < SURE:  # an unsure reading that finds nothing: the next readings
            order = _case_readings(ask.plausible) + order
        if ask.about in ("events", "people_involved") and _names_booked(ask, records):
            # 'when is poppy's booster?': no chronology record of it, its appointments; 'jordan
            # CAMHS?': no CAMHS worker recorded, but CAMHS appointments
            order = ("appointments", *order)
        return self._fallback(query, result, order)

    def _particulars_in_documents(
        self,
        query: Query,
        result: ToolResult,
        every: bool = False,
        words: frozenset[str] | None = None,
    ) -> ToolResult | None:
        """'maisie apgars' read, unsurely, as her professionals: when no record answered holds
        a particular of the question and a document passage found for it does, the passage
        answers ('Apgar scores 9 at 1 minute ...'). With `every`, one passage must hold every
        particular (or of `words`, when given)."""
        records = query.records
        wanted = set(query.ask.particulars if words is None else words)
        assert records is not None

        def holds(answer: ToolResult) -> bool:
            cited = {i for line in answer.lines for i in line.record_ids}
            found = (records.by_id.get(i) for i in cited)
            held = [wanted & record_stems(r) for r in found if r is not None]
            return any(h == wanted if every else h for h in held)

        if holds(result):
            return None
        ask = query.ask.model_copy(update={"about": "document_content"})
        passages = documents(Query(ask, records, query.today), self._index(records))
        return passages if passages.found and holds(passages) else None

    def _closeness(self, ask: Ask, records: Records) -> float:
        """The highest cosine between a clause and any record of the case."""
        return self.vectors.closest(records, self.embedder.embed_one(ask.text))

    def _near_records(self, ask: Ask, records: Records) -> bool:
        """Whether a clause is close enough to any record of the case to be about it."""
        return self._closeness(ask, records) >= RELEVANCE_MIN

    def _summary(self, query: Query) -> ToolResult:
        """The case summary with what only the engine holds: themes, deadlines, actions."""
        records, today = query.records, query.today
        assert records is not None
        ahead = [(ln.text, ln.record_ids) for _, ln in dated_deadlines(records, today)]
        done = decisions_section(records, actions_since(records, today), today).lines
        risks = themes_in(records, self.vectors, self.themes)
        return summary(query, risks, ahead, [(ln.text, ln.record_ids) for ln in done])

    def _fallback(self, query: Query, result: ToolResult, order: tuple[str, ...]) -> ToolResult:
        """The records this tool reads do not answer it: the chronology, then the documents,
        may (e.g. 'when is the pre-birth conference due' is an event, not a due date)."""
        for about in order:
            if about == query.ask.about:
                continue
            changed = {"about": about}
            if about == "appointments" and query.ask.about != "events":
                changed["outcomes"] = (Outcome.ATTENDED,)  # seen at an appointment: attended
            other = Query(query.ask.model_copy(update=changed), query.records, query.today)
            if about == "document_content":
                alternative = documents(other, self._index(query.records))
                if alternative.found and not _holds_an_asked_word(alternative, query):
                    # 'what nursery does rosie go to': passages near the question that never
                    # say 'nursery' (in any form) answer some other question
                    continue
            elif about == "topic_across_records":
                alternative = topic(other, self.vectors, self.embedder, self.themes)
            elif about == "case_summary" and not other.ask.members:
                alternative = self._summary(other)
            else:
                alternative = STRUCTURED_TOOLS[about](other)  # type: ignore[index]
            if alternative.found:
                return alternative
        return result


def _holds_an_asked_word(result: ToolResult, query: Query) -> bool:
    """Whether a record a result cites holds a word the ask asks with, in any of its forms
    (an ask asking with no such word: any result)."""
    asked = query.ask.asked_with
    records = query.records
    if not asked or records is None:
        return True
    texts = [records.texts.get(i, "") for i in result.record_ids]
    return any(holds_word(text, word) for text in texts for word in asked)


def _with_people(result: ToolResult, query: Query) -> ToolResult:
    """An answer of records to an ask wanting a person, with the involvement of each
    professional those records name."""
    people = named_in(query, result.lines)
    if not people or len(people) > NAMED_PEOPLE:
        return result  # an attendance list quoted says who itself
    ids = [*result.record_ids, *(i for line in people for i in line.record_ids)]
    return replace(result, lines=[*result.lines, *people], record_ids=ids)


def _everyone(ask: Ask) -> bool:
    """A people ask naming no one, no role and no agency: its answer is everyone involved,
    whatever its own words asked ('jade's surname and number?')."""
    return ask.about in PEOPLE_ABOUTS and not (
        ask.members or ask.professionals or ask.agency_or_role or ask.role_terms
    )


def _names_booked(ask: Ask, records: Records) -> bool:
    """Whether a term the ask names is a word of an appointment type or agency of the case."""
    terms = ask.agency_or_role
    return bool(terms) and any(
        matches_terms(f"{a.type} {a.agency}", terms) for a in records.appointments
    )


def _case_readings(alternatives: tuple[str, ...]) -> tuple[str, ...]:
    """The other readings a case's own records can answer (not the learning, not 'nothing')."""
    return tuple(a for a in alternatives if a in STRUCTURED_TOOLS or a == "document_content")


def line_owner(record_id: str, owner: Records | None, case: Records | None) -> bool:
    """Whether a record a learning answer cites is the case's own (not the learning's)."""
    return (
        case is not None
        and owner is not case
        and record_id in case.by_id
        and (owner is None or record_id not in owner.by_id)
    )


MIN_ASKED_WORDS = 2  # one word held by a passage is too little to answer what no field holds


def _filtered(ask: Ask) -> bool:
    """The ask names something of the case: a person, agency, type, outcome, period, records."""
    return bool(
        ask.members
        or ask.professionals
        or ask.agency_or_role
        or ask.role_terms
        or ask.event_types
        or ask.outcomes
        or ask.source_types
        or ask.period
        or ask.restrict_to
    )


def _kind_named(ask: Ask) -> bool:
    """The ask names what kind of record it wants: a type, agency, role, outcome, source,
    phrase, person working with the family, or the records just answered."""
    return bool(
        ask.event_types
        or ask.agency_or_role
        or ask.role_terms
        or ask.outcomes
        or ask.source_types
        or ask.said
        or ask.professionals
        or ask.restrict_to
    )


def _refers_back(ask: Ask, previous: ToolResult) -> bool:
    """'who is the LP and how do I contact them?': the second part is about the first's answer."""
    pronoun = bool(re.search(r"\b(them|him|her|they|their|that person)\b", ask.clause, re.I))
    return (
        ask.about == "contact_details"
        and previous.intent in ("people_involved", "lead_professional")
        and (pronoun or not (ask.agency_or_role or ask.role_terms))
    )


def _dated_by(request: Request, records: Records) -> list[Line]:
    """'since the ICPC': the period's date is a fact of the record it was read from, cited."""
    lines = {
        ask.period.label: Line(f"Dated by the record it names: {ask.period.label}.", ids, note=True)
        for ask in request.asks
        if ask.period is not None
        and (ids := tuple(i for i in ask.period.anchor_ids if i in records.by_id))
    }
    return list(lines.values())


def _notes(request: Request) -> list[str]:
    notes = []
    if request.readings:
        read = ", ".join(f"'{r.typed}' as '{r.read_as}'" for r in request.readings)
        notes.append(f"Read {read}.")
    dated = {a.period.span: a.period.label for a in request.asks if a.period is not None}
    for phrase in request.unresolved:
        if phrase in dated:  # 'since my visit in august': no record of it, but a date in it
            notes.append(f"No record dates '{phrase}': read by the date in it, {dated[phrase]}.")
        else:
            notes.append(f"No record dates '{phrase}': the answer is not limited to a period.")
    return notes
