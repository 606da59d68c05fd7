"""The one Engine a server shares, built and warmed once per settings, and the cases it offers.

`make run` starts the server through `bot/ui/server.py`, whose start-up hook calls
`shared_engine()` before the first page is served, so no visitor waits for the model. Start-up
does no per-case work: a case is read when it is first opened, so starting takes as long with
1,000 cases in the store as with one."""

from __future__ import annotations

import threading
import time

from pydantic import BaseModel, ConfigDict

from bot.access import User
from bot.answer import Engine
from bot.records import Records
from bot.search import PassageIndex
from config.settings import Settings, load_settings
from ingest.unavailable import answering

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


def passage_index(engine: Engine, records: Records) -> PassageIndex:
    """The engine's search index over one live version's passages, shared with the answers."""
    index = engine.passage_index(records)
    assert index is not None  # only None for no records
    return index


def warm(engine: Engine) -> float:
    """Pay once per server for what every first question would: the model's first encodes,
    the classifier and the learning corpus's index. No case is read (a case is read when it is
    first opened). Seconds taken."""
    started = time.perf_counter()
    with answering(engine.settings.chroma_url):
        engine.warm_up()
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
                engine.case_warmer.start()  # a case's caches built when it is first opened
                self._engines[key] = engine
            return self._engines[key]


_ENGINES = _Engines()


def app_settings() -> Settings:
    """The settings as they are now (CASEBRIEF_* environment), for what only the app reads."""
    return load_settings()


def shared_engine() -> Engine:
    """The server's engine for the current settings (CASEBRIEF_* environment)."""
    return _ENGINES.get(load_settings())
