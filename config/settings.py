"""The one settings object: where the store lives, which model embeds, what "today" is."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from ingest.embedder import Embedder


class LLMSettings(BaseSettings):
    """Optional LLM composer; off unless a provider is set."""

    model_config = SettingsConfigDict(env_prefix="CASEBRIEF_LLM_", extra="forbid")

    provider: Literal["none", "openai", "ollama"] = Field(
        "none", description="'none' keeps the deterministic answerer only."
    )
    model: str = Field("llama3.1", description="Model name passed to the provider.")
    base_url: str | None = Field(None, description="OpenAI-compatible or Ollama base URL.")
    api_key: str = Field("not-needed", description="API key for OpenAI-compatible servers.")
    timeout_s: float = Field(20.0, description="Give up on the LLM after this many seconds.")


class IngestLimits(BaseSettings):
    """Bounds on what one ingest reads, so a hostile or broken file is an error, not a crash."""

    model_config = SettingsConfigDict(env_prefix="CASEBRIEF_LIMIT_", extra="forbid")

    max_file_mb: float = Field(
        100, gt=0, description="Largest file of a bundle or learning document, on disk (MB)."
    )
    max_unpacked_mb: float = Field(
        100,
        gt=0,
        description="Largest total a .docx or .xlsx may unpack to (MB), checked on the zip's "
        "directory before anything is decompressed.",
    )
    max_cell_chars: int = Field(20_000, gt=0, description="Longest cell of a table (characters).")
    max_rows: int = Field(100_000, gt=0, description="Most rows of a table, header excluded.")
    max_columns: int = Field(200, gt=0, description="Most columns of a table.")
    max_paragraphs: int = Field(50_000, gt=0, description="Most paragraphs of a .docx.")
    max_xml_elements: int = Field(
        1_000_000,
        gt=0,
        description="Most XML elements in one part of a .docx or .xlsx (worksheets, which are "
        "read a row at a time, are bounded by rows and columns instead).",
    )
    max_pages: int = Field(2_000, gt=0, description="Most pages of a PDF.")
    max_document_chars: int = Field(
        2_000_000, gt=0, description="Most characters of text one document may hold."
    )
    max_yaml_kb: float = Field(
        512, gt=0, description="Largest case.yaml or document front-matter (KB)."
    )
    max_yaml_depth: int = Field(
        20, gt=0, description="Deepest nesting of lists and mappings in YAML."
    )
    max_case_id_chars: int = Field(
        64,
        gt=0,
        le=480,
        description="Longest case_id. Chroma collection names hold at most 512 characters "
        "and a case's are 'cb-case.<case_id>.v<N>'.",
    )


class PatternThresholds(BaseSettings):
    """Where a pattern indicator (bot/patterns/) is counted as over its threshold. Each
    description ends with 'Source:', which the indicator quotes. An indicator is a count from
    the records, never a risk decision."""

    model_config = SettingsConfigDict(env_prefix="CASEBRIEF_PATTERN_", extra="forbid")

    missed_months: int = Field(
        12,
        gt=0,
        description="The rolling window for missed appointments, in months. Source: the issue's "
        "'rolling 12 months'.",
    )
    missed_count: int = Field(
        3,
        gt=0,
        description="Missed appointments of one child in the window (was not brought, did not "
        "attend, no access, cancelled by the family). Source: CaseBrief default for 'a pattern' "
        "(national and local guidance: one miss is rarely a concern, a pattern is).",
    )
    missed_run: int = Field(
        2,
        gt=0,
        description="Missed appointments of one child in a row, with no attended one between. "
        "Source: CaseBrief default (a second miss in a row is where a pattern starts).",
    )
    no_access_run: int = Field(
        2,
        gt=0,
        description="Home visits in a row with no access. Source: CaseBrief default.",
    )
    not_seen_days: int = Field(
        42,
        gt=0,
        description="Days since a child was last recorded as seen by any professional. "
        "Source: CaseBrief default (6 weeks); set it to the local visiting standard.",
    )
    not_seen_alone_days: int = Field(
        90,
        gt=0,
        description="Days since a child was last recorded as seen alone. Source: CaseBrief "
        "default (3 months); set it to the local standard.",
    )
    seen_alone_from_age: int = Field(
        4,
        ge=0,
        description="The age in years from which 'days since last seen alone' is counted. "
        "Source: CaseBrief default (a child old enough to be spoken to alone).",
    )
    off_roll_unseen_days: int = Field(
        365,
        gt=0,
        description="Days a school-age child off a school roll (home educated or removed) may "
        "go without an education record showing the child seen. Source: CaseBrief default "
        "(a yearly contact); compulsory school age from the Education Act 1996.",
    )
    moves_years: int = Field(
        5,
        gt=0,
        description="The window for moves, local-authority crossings and changes of worker, in "
        "years. Source: CaseBrief default.",
    )
    moves_count: int = Field(
        3,
        gt=0,
        description="Changes of address in the window. Source: CaseBrief default.",
    )
    boundary_crossings: int = Field(
        1,
        gt=0,
        description="Moves into another local authority in the window. Source: CaseBrief "
        "default (each crossing means records and a case transfer between authorities).",
    )
    worker_changes: int = Field(
        2,
        gt=0,
        description="Changes of allocated worker in one agency and role in the window. "
        "Source: CaseBrief default.",
    )
    referral_working_days: int = Field(
        10,
        gt=0,
        description="Working days (Monday to Friday; bank holidays not excluded) after a "
        "referral in which a visit, assessment, strategy discussion, enquiry, meeting, "
        "conference or court step counts as what followed it. Source: the issue's '10 working "
        "days'.",
    )
    referrals_not_followed: int = Field(
        1,
        gt=0,
        description="Referrals of one source type with nothing of that kind recorded after "
        "them in time. Source: CaseBrief default (any one).",
    )
    closures_non_engagement: int = Field(
        1,
        gt=0,
        description="Case closures whose record gives non-engagement (declined, consent "
        "withdrawn, no access, refused) as the reason. Source: CaseBrief default (any one).",
    )

    def source(self, name: str) -> str:
        """The 'Source:' part of a threshold's description."""
        description = type(self).model_fields[name].description or ""
        return description.partition("Source: ")[2].rstrip(".") or "CaseBrief default"


class Settings(BaseSettings):
    """Everything configurable, read once from the environment (CASEBRIEF_*)."""

    model_config = SettingsConfigDict(env_prefix="CASEBRIEF_", extra="forbid")

    store: Path = Field(Path(".casebrief"), description="Folder of the embedded Chroma store.")
    chroma_url: str | None = Field(
        None, description="http://HOST:PORT of a Chroma server; overrides `store` when set."
    )
    today: dt.date | None = Field(
        None, description="Fixes 'today' for relative dates (tests, evaluation)."
    )
    embed_batch_size: int = Field(
        16,
        gt=0,
        description="Texts per embedding batch. Record texts are ~50 tokens: small batches "
        "waste less on padding (eval/bench_ingest.py measures 8-64; 16 was fastest).",
    )
    embed_backend: Literal["auto", "onnx", "onnx-int8", "torch"] = Field(
        "auto",
        description="'onnx': the ONNX export of the packaged model on ONNX Runtime (made once "
        "by `python -m ingest.onnx_model`, which `make install` runs; kept in the venv); "
        "'torch': sentence-transformers on torch; 'auto': ONNX when the export is there, "
        "else torch. Both give the same vectors (cosine >= 0.9999). 'onnx-int8': opt-in, an "
        "int8 variant (`python -m ingest.onnx_int8`), ~1.1-1.3x faster, cosine >= 0.99 with "
        "torch only: ingest and answer with the same backend.",
    )
    embed_streams: int = Field(
        2,
        ge=1,
        description="ONNX: batches an ingest encodes side by side, each on one core (one more "
        "session of the model, ~90 MiB, made on an ingest's first case); 1: one batch at a "
        "time on every core, as queries are encoded. Same vectors either way.",
    )
    embed_pad_slack: float = Field(
        0.10,
        ge=0,
        description="ONNX: a batch (at most `embed_batch_size` texts, by token count) ends "
        "early where padding it to its next text would add more than this share of its "
        "tokens (one case's texts at 16 were padded to 1.16x their tokens; at 0.10 1.05x). "
        "Same vectors at any value.",
    )
    ingest_memo_texts: int = Field(
        20_000,
        ge=0,
        description="Distinct record texts whose vectors one ingest of many cases keeps for "
        "the cases after (a text repeated across cases is encoded once; ~1.5 KiB each); 0: "
        "none kept, each case encodes its own distinct texts.",
    )
    cached_versions: int = Field(
        16,
        ge=1,
        description="Cases held in memory (records, passage index, BM25, sentence and record "
        "vectors), least recently used out first; a case pushed out is read again when next "
        "asked about. The learning corpus is held apart from these.",
    )
    query_threads: int = Field(
        1,
        description="Torch threads when answering. One query is too small to share between "
        "cores, and a second thread that waits for a busy core costs ~0.5 s a question.",
    )
    switch_interval_ms: float = Field(
        0.5,
        gt=0,
        description="How long Python lets one thread hold the GIL while another waits (an "
        "engine sets it for its process; Python's default is 5 ms). A question's whole-question "
        "vector is made on another thread while the router reads the question: at 5 ms that "
        "thread waited for the GIL to start and to end its encode (issue 12).",
    )
    chunk_size: int = Field(900, description="Target passage length in characters.")
    chunk_overlap: int = Field(120, description="Characters shared by neighbouring passages.")
    access: Path | None = Field(
        None,
        description="Users YAML (id, name, role, cases, password_hash, tokens); unset = local "
        "mode. With `database_url` users live in the database instead: this file is only what "
        "`casebrief user import` loads, and set while the database has no users it refuses "
        "every sign-in.",
    )
    audit_path: Path | None = Field(
        None, description="Audit log (SQLite); default audit.sqlite3 in the store folder."
    )
    audit_key: SecretStr | None = Field(
        None,
        description="The audit log's HMAC key itself (at least 32 characters), instead of "
        "`audit_key_file`; keep it out of the store.",
    )
    audit_key_file: Path | None = Field(
        None,
        description="File holding the audit log's HMAC key, made by `casebrief audit init`; "
        "default $XDG_CONFIG_HOME/casebrief/audit.key (or ~/.config/casebrief/audit.key). "
        "Must be outside the store.",
    )
    audit_head: Path | None = Field(
        None,
        description="The audit log's head file (its newest entry, MAC-signed), rewritten "
        "atomically on every append; default $XDG_STATE_HOME/casebrief/audit-head-<log id>.json "
        "(or ~/.local/state/...). Must be outside the store; with a shared database, a path "
        "every app server shares.",
    )
    database_url: SecretStr | None = Field(
        None,
        description="SQLAlchemy URL of a shared database for the audit log, saved "
        "conversations and users with their API tokens "
        "(postgresql+psycopg://USER:PASSWORD@HOST/DB); unset = SQLite files (`audit_path`, "
        "`conversations_path`) and the access file.",
    )
    model_cache: Path | None = Field(
        None,
        description="Where the trained question classifier is cached; default "
        "$XDG_CACHE_HOME/casebrief (or ~/.cache/casebrief).",
    )
    conversations_path: Path | None = Field(
        None,
        description="The app's saved conversations (SQLite), per user and case; default "
        "conversations.sqlite3 in the store folder.",
    )
    max_question_chars: int = Field(
        500,
        description="The app refuses (politely) questions longer than this many characters; "
        "ask one thing at a time.",
    )
    ingest_lock_wait_s: float = Field(
        60,
        ge=0,
        description="How long an ingest waits for another ingest of the same case to finish "
        "before giving up (0: give up at once).",
    )
    coverage_gap_months: int = Field(
        12,
        ge=1,
        description="A stretch longer than this many months with no record of an agency family "
        "(for a child, or the whole case) is a gap in the coverage map, shown in the overview "
        "and timeline and noted in answers whose period falls in it.",
    )
    coverage_gap_families: tuple[str, ...] = Field(
        ("Health", "Education"),
        description="Agency families whose gaps the coverage map reports (of Social care, "
        "Health, Education, Police, Housing, Other). Every child is expected to have health "
        "and education records; police or housing records exist only when they were involved, "
        "so a stretch without them is not a gap in the record.",
    )
    coverage_gap_notes: int = Field(
        3,
        ge=0,
        description="Most gap notes an answer ends with ('No health records for Child B between "
        "... and ...: the answer may be incomplete.'), each citing the two records either side "
        "of its gap; more are counted in one line; 0 = none.",
    )
    confidentiality_marking: str = Field(
        "OFFICIAL-SENSITIVE",
        min_length=1,
        description="The Government Security Classification marking printed in the header and "
        "footer of every exported document (briefings and chronologies, .docx and .xlsx) and "
        "at the top and foot of a briefing's Markdown.",
    )
    limits: IngestLimits = Field(default_factory=IngestLimits)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    patterns: PatternThresholds = Field(default_factory=PatternThresholds)

    def model_cache_dir(self) -> Path:
        if self.model_cache:
            return self.model_cache
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "casebrief"

    def audit_file(self) -> Path:
        return self.audit_path or self.store / "audit.sqlite3"

    def conversations_file(self) -> Path:
        return self.conversations_path or self.store / "conversations.sqlite3"

    def lock_folder(self) -> Path:
        """Per-case ingest locks; on this machine even when the store is a Chroma server."""
        return self.store / "locks"

    def audit_url(self) -> str:
        """Where the audit log lives: the shared database, or its SQLite file."""
        if self.database_url:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.audit_file().resolve()}"

    def conversations_url(self) -> str:
        if self.database_url:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.conversations_file().resolve()}"

    def audit_key_path(self) -> Path:
        if self.audit_key_file:
            return self.audit_key_file
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "casebrief" / "audit.key"

    def audit_head_path(self) -> Path:
        """The head file; by default one per audit log (named by a hash of where it is)."""
        if self.audit_head:
            return self.audit_head
        import hashlib

        from sqlalchemy.engine import make_url

        where = make_url(self.audit_url()).render_as_string(hide_password=True)
        name = f"audit-head-{hashlib.sha256(where.encode()).hexdigest()[:16]}.json"
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        return Path(base) / "casebrief" / name

    def today_date(self) -> dt.date:
        return self.today or dt.date.today()

    @cached_property
    def _client(self) -> ClientAPI:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(self.chroma_url)
            if not url.hostname or not url.port:
                raise ValueError(
                    f"CASEBRIEF_CHROMA_URL={self.chroma_url!r} is not http://HOST:PORT"
                )
            from ingest.unavailable import answering

            with answering(self.chroma_url):  # it asks the server at once
                return chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port,
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
        self.store.mkdir(parents=True, exist_ok=True)
        # No bound on the indexes the embedded client keeps open: chromadb 1.x, made to close
        # its least recently used index, reads a small collection back as "Nothing found on
        # disk" (its index is written to disk only every `sync_threshold` additions), so a
        # store of more cases than the bound failed answers (tests/test_speed.py). Instead the
        # engine touches no case's collection: it reads each version's snapshot file
        # (ingest/snapshot.py), so the client's per-collection state does not grow.
        # Two processes opening a new store at once both create its tables ("table collections
        # already exists"): the first to open a store does so alone.
        from filelock import FileLock

        (self.store / "locks").mkdir(exist_ok=True)
        with FileLock(self.store / "locks" / "open.lock", timeout=120):
            return chromadb.PersistentClient(path=str(self.store), settings=chroma_settings)

    def chroma_client(self) -> ClientAPI:
        """The Chroma client for this store, built once per settings object; StoreUnavailable
        (ingest/unavailable.py) if a configured Chroma server does not answer."""
        return self._client

    def embedder(self) -> Embedder:
        from ingest.embedder import threads
        from ingest.embedders import shared_embedder

        return shared_embedder(
            self.embed_batch_size,
            self.embed_backend,
            threads(),
            self.embed_streams,
            self.embed_pad_slack,
        )


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (e.g. --store) on top."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    clean = {key: value for key, value in overrides.items() if value is not None}
    return Settings(**clean)
