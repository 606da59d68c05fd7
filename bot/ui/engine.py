"""The one Engine a server shares, built and warmed once per settings, and the cases it offers.

`make run` starts the server through `bot/ui/server.py`, whose start-up hook calls
`shared_engine()` before the first page is served, so no visitor waits for the model."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from bot.access import LOCAL, User
from bot.answer import Engine
from bot.records import Records
from bot.search import PassageIndex
from ingest.settings import Settings, load_settings

WARM_QUESTION = "who is the lead professional?"
# Settings only the app reads (not the engine): changing them does not need a new engine.
APP_ONLY_SETTINGS = frozenset({"conversations_path", "max_question_chars"})


class CaseChoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    title: str


def cases(engine: Engine, user: User) -> list[CaseChoice]:
    """The live cases this user may see."""
    choices = [
        CaseChoice(case_id=live.key.partition(":")[2], title=live.title)
        for live in engine.store.all_live("case")
    ]
    return [c for c in choices if user.can_see_case(c.case_id)]


class _Indexes:
    """Passage indexes the app builds itself, one per live version, for an engine that does
    not offer its own (`Engine.passage_index`)."""

    def __init__(self) -> None:
        self._built: dict[str, PassageIndex] = {}
        self._lock = threading.Lock()

    def get(self, engine: Engine, records: Records) -> PassageIndex:
        key = f"{id(engine)}:{records.version.collection}"
        with self._lock:
            if key not in self._built:
                self._built[key] = PassageIndex(records, engine.store, engine.embedder)
            return self._built[key]


_INDEXES = _Indexes()


def passage_index(engine: Engine, records: Records) -> PassageIndex:
    """The search index over one live version's passages (the engine's own when it has one,
    so the app and the answers share it), built once."""
    public: Callable[[Records], PassageIndex | None] | None = getattr(engine, "passage_index", None)
    index = public(records) if public is not None else None
    return index if index is not None else _INDEXES.get(engine, records)


def warm(engine: Engine) -> float:
    """Load the model's first queries, every case and the search indexes; seconds taken.

    The engine's own `warm_up()` is used when it has one, otherwise its router is run once;
    then every case and the learning corpus are read and their indexes searched once, which
    is what the first questions would do."""
    started = time.perf_counter()
    warm_up: Callable[[], object] | None = getattr(engine, "warm_up", None)
    if warm_up is not None:
        warm_up()
    else:
        engine.router.route(WARM_QUESTION, has_case=True)
    loaded = [engine.cache.case(c.case_id, LOCAL) for c in cases(engine, LOCAL)]
    for records in [*loaded, engine.cache.learning()]:  # the server's cache; nothing is shown
        if records is not None:
            passage_index(engine, records).search("warm up")
    return time.perf_counter() - started


class _Engines:
    """One engine per settings (tests change the environment between apps)."""

    def __init__(self) -> None:
        self._engines: dict[str, Engine] = {}
        self._lock = threading.Lock()

    def get(self, settings: Settings) -> Engine:
        key = settings.model_dump_json(exclude=set(APP_ONLY_SETTINGS))
        with self._lock:  # a second visitor during start-up waits for the same engine
            if key not in self._engines:
                engine = Engine(settings)
                warm(engine)
                self._engines[key] = engine
            return self._engines[key]


_ENGINES = _Engines()


def app_settings() -> Settings:
    """The settings as they are now (CASEBRIEF_* environment), for what only the app reads."""
    return load_settings()


def shared_engine() -> Engine:
    """The server's engine for the current settings (CASEBRIEF_* environment)."""
    return _ENGINES.get(load_settings())
