"""The one entry point the CLI and the app call: a question in, a cited Answer out."""

from __future__ import annotations

import threading

import torch
from chromadb.errors import NotFoundError

from bot.access import Access, AccessDenied, User
from bot.audit import AuditEntry, AuditLog
from bot.compose import compose
from bot.evidence import Line, Query, ToolResult
from bot.followups import remember
from bot.records import RecordCache, Records
from bot.router import Router
from bot.search import PassageIndex
from bot.tools import STRUCTURED_TOOLS
from bot.tools.passages import documents, learning
from bot.types import Answer, Intent, Turn
from bot.understand import understand, without_period
from bot.unknown import uncovered_words, unknown_words
from ingest.settings import Settings, load_settings
from ingest.store import Store

MIN_ROUTE_SCORE = 0.45


class CaseNotFound(LookupError):
    """The case is not in the index (or not visible to this user)."""


class Engine:
    """Loads the model, store and router once; answers many questions."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        torch.set_num_threads(self.settings.query_threads)
        self.store = Store(self.settings.chroma_client())
        self.embedder = self.settings.embedder()
        self.cache = RecordCache(self.store)
        self.router = Router(self.embedder)
        self.embedder.warm_up()
        self._indexes: dict[str, PassageIndex] = {}
        self._lock = threading.Lock()
        self.access = Access(self.settings.access)
        self.audit = AuditLog(self.settings.audit_file())

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
        try:
            user = self.access.login(user_id, password)
        except AccessDenied:
            self.audit.append(
                AuditEntry(user=user_id, role="unknown", action="login", detail="failed")
            )
            raise
        self.audit.append(AuditEntry(user=user.id, role=user.role, action="login", detail="ok"))
        return user

    def record_export(
        self, user: User, case_id: str | None, record_ids: list[str], detail: str
    ) -> None:
        """A briefing left the app: who, which case, which records (never their text)."""
        self.audit.append(
            AuditEntry(
                user=user.id,
                role=user.role,
                action="export",
                case_id=case_id,
                record_ids=record_ids,
                detail=detail,
            )
        )

    def case_records(self, case_id: str, user: User) -> Records:
        """A case's records if this user may see them. The same denial whether or not the case
        exists, so a refusal reveals nothing."""
        try:
            records = self.cache.case(case_id, user)
        except AccessDenied:
            self.audit.append(
                AuditEntry(user=user.id, role=user.role, action="denied", case_id=case_id)
            )
            raise
        if records is None:
            raise CaseNotFound(case_id)
        return records

    def _index(self, records: Records | None) -> PassageIndex | None:
        if records is None:
            return None
        key = records.version.collection
        with self._lock:
            if key not in self._indexes:
                self._indexes[key] = PassageIndex(records, self.store, self.embedder)
            return self._indexes[key]

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
                return self._ask(question, case_id, asker, conversation, answer_id)
            except NotFoundError:
                # A re-ingest replaced the case mid-question: answer again from the new version.
                if attempt:
                    raise
        raise AssertionError("unreachable")

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
        previous = conversation[-1] if conversation else None
        understood = understand(question, records, previous, today, self.router)
        results: list[ToolResult] = []
        for route in understood.routes:
            intent: Intent = route.intent
            if records is not None and route.score < MIN_ROUTE_SCORE and intent != "learning":
                intent = "documents"
            query = Query(
                route.clause if len(understood.routes) > 1 else understood.question,
                records,
                understood.mentions,
                understood.period,
                today,
                understood.restrict_to,
            )
            results.append(self._run(intent, query, records, learning_records))
        sources: dict[str, Records] = {}
        for result in results:
            owner = learning_records if result.intent == "learning" else records
            for line in result.lines:
                for record_id in line.record_ids:
                    if owner is not None:
                        sources[record_id] = owner
        composed = compose(results, sources)
        if self.settings.llm.provider != "none" and not composed.abstained:
            from bot.llm import polish  # optional: rephrase, keeping only checked cited sentences

            composed = polish(self.settings.llm, question, composed)
        intents = [r.intent for r in results]
        turn = Turn(
            question=understood.question,
            intents=intents,
            filters=remember(understood.mentions, understood.period),
            record_ids=[i for r in results for i in r.record_ids],
        )
        self.audit.append(
            AuditEntry(
                user=user.id,
                role=user.role,
                action="question",
                case_id=case_id,
                intent="+".join(intents),
                record_ids=[c.record_id for c in composed.citations],
                detail=("abstained: " if composed.abstained else "") + question[:500],
            )
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
            turn=turn,
        )

    def _run(
        self,
        intent: Intent,
        query: Query,
        records: Records | None,
        learning_records: Records | None,
    ) -> ToolResult:
        on_learning = intent == "learning" or records is None
        searched = learning_records if on_learning else records
        asked = without_period(query.question, query.period)
        unknown = unknown_words(asked, [searched] if searched else [])
        if unknown:
            scope = "the learning corpus" if on_learning else f"case {query.records.case_id}"
            words = ", ".join(f"'{word}'" for word in unknown)
            return ToolResult(
                "learning" if on_learning else intent,
                [Line(f"No record of {scope} mentions {words}.", ())],
                f"every record of {scope} for the words {words}",
                False,
            )
        if on_learning:
            return learning(query, self._index(learning_records))
        if intent == "documents":
            return documents(query, self._index(records))
        result = self._check_covered(STRUCTURED_TOOLS[intent](query), query, records)
        if result.found:
            return result
        # The records this tool reads do not answer it: the chronology, then the documents,
        # may (e.g. "when is the pre-birth conference due" is an event, not a due date).
        for fallback in ("chronology", "documents"):
            if fallback == intent:
                continue
            if fallback == "documents":
                alternative = self._check_covered(
                    documents(query, self._index(records)), query, records
                )
            else:
                alternative = self._check_covered(STRUCTURED_TOOLS[fallback](query), query, records)
            if alternative.found:
                return alternative
        return result

    @staticmethod
    def _check_covered(result: ToolResult, query: Query, records: Records | None) -> ToolResult:
        """A structured answer must be about what was asked: every subject word of the question
        is either understood as a filter or found in the records the answer cites."""
        if not result.found or records is None:
            return result
        cited = [records.texts.get(i, "") for line in result.lines for i in line.record_ids]
        question = without_period(query.question, query.period)
        missing = uncovered_words(question, records, cited)
        if not missing:
            return result
        words = ", ".join(f"'{word}'" for word in missing)
        return ToolResult(
            result.intent,
            [Line(f"None of the records found mentions {words}.", ())],
            f"{result.searched}; then the records found, for the words {words}",
            False,
        )
