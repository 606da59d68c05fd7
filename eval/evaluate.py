"""Score CaseBrief against the gold set, side by side with a naive top-k baseline."""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from bot.access import LOCAL
from bot.answer import Engine
from bot.lc import MiniLMEmbeddings
from bot.markup import plain
from bot.types import Answer, Citation, Turn
from eval.categories import Outcome, fact_found
from ingest.store import LEARNING_KEY, case_key

Category = Literal["list", "count", "lookup", "passage", "unanswerable", "injection"]


class GoldQuestion(BaseModel):
    id: str
    question: str
    case: str | None = None
    conversation: str | None = None
    category: Category
    intent: str = ""
    gold_ids: list[str] = Field(default_factory=list)
    allowed_ids: list[str] = Field(
        default_factory=list, description="Relevant context that may be cited, not required."
    )
    expected_count: int | None = None
    answerable: bool = True
    note: str = ""
    kind: Literal["document", "learning", "procedure", "topic", ""] = Field(
        "", description="The category of the per-category table ('' = not in it)."
    )
    expected_facts: list[str] = Field(
        default_factory=list, description="Words the answer text must hold ('a|b' = either)."
    )


class Scored(BaseModel):
    system: str
    question: GoldQuestion
    cited: list[str]
    abstained: bool
    stated_count: int | None
    seconds: float
    intent: str
    text: str = ""

    @property
    def recall(self) -> float:
        gold = set(self.question.gold_ids)
        return len(gold & set(self.cited)) / len(gold) if gold else 1.0

    @property
    def precision(self) -> float:
        if not self.cited:
            return 1.0 if not self.question.gold_ids else 0.0
        if self.question.category in ("passage", "injection"):
            return 1.0 if set(self.cited) & set(self.question.gold_ids) else 0.0
        relevant = set(self.question.gold_ids) | set(self.question.allowed_ids)
        return len(set(self.cited) & relevant) / len(set(self.cited))

    @property
    def complete(self) -> bool:
        return set(self.question.gold_ids) <= set(self.cited)


def load_gold(path: Path) -> list[GoldQuestion]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [GoldQuestion.model_validate_json(line) for line in lines if line.strip()]


def first_number(text: str) -> int | None:
    match = re.search(r"\b(\d+)\b", text)
    return int(match.group(1)) if match else None


class Baseline:
    """Plain top-k vector retrieval: LangChain's Chroma retriever, k=4; chunks are citations."""

    def __init__(self, engine: Engine, k: int = 4) -> None:
        from langchain_chroma import Chroma

        self.engine = engine
        self.k = k
        self.embeddings = MiniLMEmbeddings(engine.embedder)
        self._chroma = Chroma
        self._retrievers: dict[str, object] = {}

    def ask(self, question: str, case_id: str | None) -> Answer:
        key = case_key(case_id) if case_id else LEARNING_KEY
        live = self.engine.store.live(key)
        assert live is not None, key
        if live.collection not in self._retrievers:
            store = self._chroma(
                client=self.engine.store.client,
                collection_name=live.collection,
                embedding_function=self.embeddings,
            )
            self._retrievers[live.collection] = store.as_retriever(search_kwargs={"k": self.k})
        documents = self._retrievers[live.collection].invoke(question)  # type: ignore[attr-defined]
        ids = [str(d.metadata.get("record_id")) for d in documents]
        citations = [
            Citation(
                marker=n + 1,
                record_id=rid,
                case_id=case_id,
                kind="chunk",
                source=live.collection,
                text=d.page_content,
            )
            for n, (rid, d) in enumerate(zip(ids, documents, strict=True))
        ]
        text = " ".join(f"{d.page_content} [{n + 1}]" for n, d in enumerate(documents))
        return Answer(
            question=question,
            case_id=case_id,
            intent="top-k",
            answer=text,
            citations=citations,
            abstained=False,
            searched=f"top {self.k} of {live.collection}",
        )


def run(engine: Engine, gold: list[GoldQuestion]) -> list[Scored]:
    baseline = Baseline(engine)
    scored: list[Scored] = []
    engine.warm_up()  # what a server does before its first visitor: model, indexes
    for case_id in sorted({q.case for q in gold if q.case}):
        index = engine.passage_index(engine.cache.case(case_id, LOCAL))
        if index is not None:
            index.warm()
    for warm in gold[:3]:
        engine.ask(warm.question, warm.case)
        baseline.ask(warm.question, warm.case)
    conversations: dict[str, list[Turn]] = defaultdict(list)
    for item in gold:
        history = conversations[item.conversation] if item.conversation else []
        started = time.perf_counter()
        answer = engine.ask(item.question, item.case, conversation=history)
        seconds = time.perf_counter() - started
        if item.conversation and answer.turn:
            history.append(answer.turn)
        scored.append(_score("casebrief", item, answer, seconds))
        started = time.perf_counter()
        naive = baseline.ask(item.question, item.case)
        scored.append(_score("baseline", item, naive, time.perf_counter() - started))
    return scored


def _score(system: str, item: GoldQuestion, answer: Answer, seconds: float) -> Scored:
    # a gap note's records say the answer may be incomplete; they are scored apart from it
    cited = list(dict.fromkeys(c.record_id for c in answer.citations if not c.caveat))
    return Scored(
        system=system,
        question=item,
        cited=cited,
        abstained=answer.abstained,
        stated_count=None if answer.abstained else first_number(answer.answer),
        seconds=seconds,
        intent=answer.intent,
        text=plain(answer.answer),
    )


def category_outcomes(scored: list[Scored]) -> list[Outcome]:
    """The questions of the per-category table: complete = every gold id cited and every
    expected fact in the text; precision = cited ids that are gold or allowed."""
    outcomes = []
    for s in scored:
        if not s.question.kind:
            continue
        relevant = set(s.question.gold_ids) | set(s.question.allowed_ids)
        precision = len(set(s.cited) & relevant) / len(s.cited) if s.cited else 0.0
        facts = s.question.expected_facts
        found = sum(fact_found(f, s.text) for f in facts)
        outcomes.append(
            Outcome(
                s.system,
                s.question.kind,
                s.complete and found == len(facts),
                precision,
                found,
                len(facts),
            )
        )
    return outcomes


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _metrics(items: list[Scored]) -> dict[str, str]:
    answerable = [s for s in items if s.question.answerable]
    unanswerable = [s for s in items if not s.question.answerable]
    listy = [s for s in answerable if s.question.category in ("list", "count")]
    counted = [s for s in items if s.question.expected_count is not None]
    seconds = [s.seconds for s in items]
    exact = sum(s.stated_count == s.question.expected_count for s in counted)
    return {
        "citation recall, list+count": f"{_mean([s.recall for s in listy]):.3f}",
        "citation precision, list+count": f"{_mean([s.precision for s in listy]):.3f}",
        "citation recall, all answerable": f"{_mean([s.recall for s in answerable]):.3f}",
        "citation precision, all answerable": f"{_mean([s.precision for s in answerable]):.3f}",
        "complete answers (all gold ids cited)": (
            f"{sum(s.complete for s in answerable)}/{len(answerable)}"
        ),
        "unanswerable abstained": f"{sum(s.abstained for s in unanswerable)}/{len(unanswerable)}",
        "answerable not abstained": (
            f"{sum(not s.abstained for s in answerable)}/{len(answerable)}"
        ),
        "exact counts": f"{exact}/{len(counted)}",
        "warm latency p50 / p95 (ms)": (
            f"{1000 * _percentile(seconds, 0.5):.1f} / {1000 * _percentile(seconds, 0.95):.1f}"
        ),
    }


def summary(scored: list[Scored]) -> str:
    ours = _metrics([s for s in scored if s.system == "casebrief"])
    naive = _metrics([s for s in scored if s.system == "baseline"])
    rows = ["| metric | CaseBrief | baseline (top-4 vector) |", "|---|---|---|"]
    rows += [f"| {name} | {ours[name]} | {naive[name]} |" for name in ours]
    by_intent: dict[str, list[float]] = defaultdict(list)
    for s in scored:
        if s.system == "casebrief":
            by_intent[s.question.intent or s.intent].append(s.seconds)
    latency = ["| intent | questions | p50 ms | p95 ms |", "|---|---|---|---|"]
    for intent, values in sorted(by_intent.items()):
        latency.append(
            f"| {intent} | {len(values)} | {1000 * _percentile(values, 0.5):.1f} | "
            f"{1000 * _percentile(values, 0.95):.1f} |"
        )
    return (
        "\n".join(rows)
        + "\n\nWarm latency per intent (CaseBrief, no LLM):\n\n"
        + "\n".join(latency)
    )


def failures(scored: list[Scored]) -> str:
    lines = []
    for s in scored:
        if s.system != "casebrief":
            continue
        wrong_abstain = s.abstained == s.question.answerable
        if (
            wrong_abstain
            or not s.complete
            or s.precision < 1.0
            or (
                s.question.expected_count is not None
                and s.stated_count != s.question.expected_count
            )
        ):
            missing = sorted(set(s.question.gold_ids) - set(s.cited))
            extra = sorted(set(s.cited) - set(s.question.gold_ids) - set(s.question.allowed_ids))
            lines.append(
                f"- {s.question.id} {s.question.question!r}: abstained={s.abstained} "
                f"missing={missing} extra={extra} "
                f"count={s.stated_count}/{s.question.expected_count}"
            )
    return "\n".join(lines) or "none"
