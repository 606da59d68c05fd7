"""The optional LLM composer: rephrases the deterministic answer, then keeps only the sentences
that cite supplied records and that those records (or the deterministic sentences built from
exactly those records) support. Anything else is dropped; if nothing survives, or the model
fails, the deterministic answer stands."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import prompts
from bot.citations import MARKER, parse_markers
from bot.markup import md_keeping, plain
from bot.types import Citation

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from bot.compose import Composed
    from config.settings import LLMSettings

log = logging.getLogger(__name__)

MIN_SUPPORT = 0.6  # share of a sentence's content words that must occur in its cited records

STOPWORDS = prompts.stopwords()
_COUNTING = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(_COUNTING.split())}
_NUMBER_WORDS |= {"once": "1", "twice": "2"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # UK order: day/month/year
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(\d{{4}})\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?" + _ORD + r"\b", re.I)
_CLAUSE = re.compile(r"[.;:!?,()\n]")
_NEGATIONS = frozenset("not no never none nor neither without cannot".split())  # noqa: SIM905
NEGATION_REACH = 3  # a negation governs the first content word within this many words
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MARKER_LIST = re.compile(r"\[(\d+(?:\s*,\s*\d+)+)\]")  # "[1, 2]" -> "[1][2]"
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")
_BOUNDARY = re.compile(r"([.!?])([\"'”’)]*)((?:\s*\[\d+\](?:\s*[–-]\s*\[\d+\])?)*)(?=\s|$)")
# A document's words are someone's account, not established fact: a sentence resting on a passage
# must quote it or say who says so ("the letter says", "the review found", "according to").
_ATTRIBUTED = re.compile(
    r"[“”\"]|\baccording to\b|\b(?:says?|said|states?|stated|writes?|wrote|written|notes?|noted|"
    r"records?|recorded|reports?|reported|describes?|described|mentions?|mentioned|asks?|asked|"
    r"requests?|requested|finds?|found|recommends?|recommended|concludes?|concluded|explains?|"
    r"explained|advises?|advised|highlights?|highlighted|warns?|warned|quotes?|quoted|"
    r"refers?|referred|sets? out|identifie[sd]|emphasi[sz]es|emphasi[sz]ed)\b",
    re.I,
)
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx st no nos approx vs e.g i.e a.m p.m dept "  # noqa: SIM905
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


# ---------------------------------------------------------------- building the model and prompt


def build_chat(settings: LLMSettings) -> BaseChatModel:
    """The LangChain chat model for `settings.provider` (openai-compatible or ollama)."""
    if settings.provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key,  # type: ignore[arg-type]
            model=settings.model,
            timeout=settings.timeout_s,
            max_retries=0,
            temperature=0,
        )
    if settings.provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            base_url=settings.base_url,
            model=settings.model,
            temperature=0,
            client_kwargs={"timeout": settings.timeout_s},
        )
    raise ValueError(f"no LLM provider configured (provider={settings.provider!r})")


def _escape(text: str) -> str:
    """Record text is data: it must not be able to close or open a tag."""
    return text.replace("<", "&lt;")


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def format_records(citations: list[Citation]) -> str:
    return "\n".join(
        f'<record marker="{c.marker}" id="{_attribute(c.record_id)}" kind="{_attribute(c.kind)}">'
        f"{_escape(c.text)}</record>"
        for c in citations
    )


def user_prompt(question: str, deterministic_text: str, citations: list[Citation]) -> str:
    return prompts.text("llm_user.md").format_map(
        {
            "question": _escape(question),
            "records": format_records(citations),
            "draft": _escape(deterministic_text),
        }
    )


# ---------------------------------------------------------------- the support check


@dataclass
class Facts:
    """What a text states: content words (stemmed), dates, month-years and other numbers, and
    which words it states under a negation ("did not attend") and which without one."""

    words: set[str]
    dates: set[str]
    months: set[str]
    numbers: set[str]
    negated: set[str] = field(default_factory=set)
    affirmed: set[str] = field(default_factory=set)


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def _number(token: str) -> str:
    digits = re.sub(r"(?i)(st|nd|rd|th)$", "", token)
    return digits if "." in digits else str(int(digits))


def facts(text: str) -> Facts:
    """Markers removed; dates normalised to ISO; number words to digits; stopwords dropped."""
    text = MARKER.sub(" ", text).replace("’", "'").replace("‘", "'")
    dates: set[str] = set()
    months: set[str] = set()

    def add(year: str, month: int, day: str) -> str:
        dates.add(f"{int(year):04d}-{month:02d}-{int(day):02d}")
        months.add(f"{int(year):04d}-{month:02d}")
        return " "

    text = _ISO_DATE.sub(lambda m: add(m[1], int(m[2]), m[3]), text)
    text = _DAY_MONTH_YEAR.sub(lambda m: add(m[3], _MONTHS[m[2].lower()], m[1]), text)
    text = _MONTH_DAY_YEAR.sub(lambda m: add(m[3], _MONTHS[m[1].lower()], m[2]), text)
    text = _SLASH_DATE.sub(lambda m: add(m[3], int(m[2]), m[1]), text)

    def add_month(m: re.Match[str]) -> str:
        months.add(f"{int(m[2]):04d}-{_MONTHS[m[1].lower()]:02d}")
        return " "

    text = _MONTH_YEAR.sub(add_month, text)
    numbers = {_number(n) for n in _NUMBER.findall(text)}
    text = _NUMBER.sub(" ", text)
    found = Facts(set(), dates, months, numbers)
    for clause in _CLAUSE.split(text.lower()):
        after_negation = 0  # words left in which a content word counts as negated
        for word in _WORD.findall(clause):
            word = word.removesuffix("'s")
            if word in _NEGATIONS or word.endswith("n't"):
                after_negation = NEGATION_REACH
            elif word in _NUMBER_WORDS:
                numbers.add(_NUMBER_WORDS[word])
            elif word not in STOPWORDS and len(word) > 1:
                stem = _stem(word)
                found.words.add(stem)
                (found.negated if after_negation else found.affirmed).add(stem)
                after_negation = 0
            elif after_negation:
                after_negation -= 1
    return found


def support_facts(texts: list[str]) -> Facts:
    """Everything the evidence states; the parts of each date also count as numbers/years."""
    found = facts("\n".join(texts))
    for day in found.dates:
        year, month, date = day.split("-")
        found.months.add(f"{year}-{month}")
        found.numbers.update({str(int(year)), str(int(date))})
    for month in found.months:
        found.numbers.add(str(int(month[:4])))
    return found


def unsupported(sentence: Facts, evidence: Facts) -> str | None:
    """Why `sentence` is not supported by `evidence`, or None when it is."""
    if not sentence.words:
        return "no content words"
    missing_dates = sentence.dates - evidence.dates
    if missing_dates:
        return f"dates not in the cited records: {sorted(missing_dates)}"
    missing_months = sentence.months - evidence.months
    if missing_months:
        return f"months not in the cited records: {sorted(missing_months)}"
    missing_numbers = sentence.numbers - evidence.numbers
    if missing_numbers:
        return f"numbers not in the cited records: {sorted(missing_numbers)}"
    flipped = (sentence.affirmed & (evidence.negated - evidence.affirmed)) | (
        sentence.negated & (evidence.affirmed - evidence.negated)
    )
    if flipped:
        return f"reverses a negation of the cited records: {sorted(flipped)}"
    share = len(sentence.words & evidence.words) / len(sentence.words)
    if share < MIN_SUPPORT:
        return f"only {share:.0%} of its words are in the cited records"
    return None


# ---------------------------------------------------------------- splitting and checking output


def sentences(paragraph: str) -> list[str]:
    """Split after . ! ? (and any markers that follow), but not after common abbreviations."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if match[1] == "." and not match[3]:
            before = re.search(r"([A-Za-z.]+)$", paragraph[start : match.start()])
            if before and before[1].lower() in _ABBREVIATIONS:
                continue
        out.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def _blocks(text: str) -> list[tuple[bool, str]]:
    """(is_bullet, text) units: each bullet alone, consecutive plain lines as one paragraph."""
    units: list[tuple[bool, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            units.append((False, " ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            units.append((False, ""))  # paragraph break
        elif _BULLET.match(line):
            flush()
            units.append((True, _BULLET.sub("", line, count=1).strip()))
        else:
            paragraph.append(line.strip())
    flush()
    return units


def _draft_support(deterministic_text: str) -> list[tuple[set[int], str]]:
    """The deterministic sentences with their markers: each was built from exactly those records."""
    found: list[tuple[set[int], str]] = []
    for is_bullet, unit in _blocks(deterministic_text):
        parts = [unit] if is_bullet else sentences(unit)
        for part in parts:
            markers = parse_markers(part)
            if markers:
                found.append((markers, part))
    return found


def check(output: str, deterministic_text: str, citations: list[Citation]) -> str | None:
    """The LLM output with every unsupported sentence dropped; None if nothing cited survives."""
    by_marker = {c.marker: c for c in citations}
    drafts = _draft_support(deterministic_text)
    text = _THINK.sub("", output).replace("&lt;", "<").strip()
    text = _MARKER_LIST.sub(
        lambda m: "".join(f"[{n.strip()}]" for n in m[1].split(",")),
        text,
    )

    def keep(sentence: str) -> bool:
        markers = parse_markers(sentence)
        reason: str | None = None
        if not markers:
            reason = "no citation marker"
        elif not markers <= by_marker.keys():
            reason = f"cites markers it was not given: {sorted(markers - by_marker.keys())}"
        elif any(by_marker[m].kind == "passage" for m in markers) and not _ATTRIBUTED.search(
            sentence
        ):
            reason = "states a document's words as fact, without quoting or attributing them"
        else:
            evidence = [by_marker[m].text for m in sorted(markers)]
            evidence += [by_marker[m].date or "" for m in sorted(markers)]
            evidence += [draft for used, draft in drafts if used <= markers]
            reason = unsupported(facts(sentence), support_facts(evidence))
        if reason:
            log.info("LLM sentence dropped (%s): %r", reason, sentence)
        return reason is None

    out: list[str] = []
    for is_bullet, unit in _blocks(text):
        if not unit:
            if out and out[-1] != "":
                out.append("")
            continue
        kept = [s for s in sentences(unit) if keep(s)]
        if kept:
            # the model may echo a record's Markdown: escaped like any record text
            out.append(("- " if is_bullet else "") + " ".join(md_keeping(s, MARKER) for s in kept))
    rendered = _render(out)
    if not rendered or not parse_markers(rendered):
        return None
    return rendered


def _render(units: list[str]) -> str:
    """Bullets in a row form one list; anything else is its own paragraph."""
    blocks: list[str] = []
    for unit in units:
        if not unit:
            continue
        if blocks and unit.startswith("- ") and blocks[-1].split("\n")[-1].startswith("- "):
            blocks[-1] += "\n" + unit
        else:
            blocks.append(unit)
    return "\n\n".join(blocks)


# ---------------------------------------------------------------- the composer


class LLMComposer:
    """Rephrases a deterministic answer with an LLM; returns only checked, cited sentences."""

    def __init__(self, settings: LLMSettings, chat: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.chat = chat if chat is not None else build_chat(settings)

    def messages(
        self, question: str, deterministic_text: str, citations: list[Citation]
    ) -> list[tuple[str, str]]:
        return [
            ("system", prompts.text("llm_system.md")),
            ("human", user_prompt(question, deterministic_text, citations)),
        ]

    def rewrite(
        self, question: str, deterministic_text: str, citations: list[Citation]
    ) -> str | None:
        """The checked rewrite, or None to keep the deterministic answer."""
        if not citations:
            return None  # no evidence, no answer
        try:
            reply = self.chat.invoke(self.messages(question, deterministic_text, citations))
        except Exception as error:  # any failure (timeout, HTTP error, bad reply) -> fall back
            log.warning("LLM composer failed, keeping the deterministic answer: %s", error)
            return None
        content = reply.content
        if isinstance(content, list):
            content = "".join(
                part if isinstance(part, str) else str(part.get("text", "")) for part in content
            )
        return check(content, deterministic_text, citations)


_COMPOSERS: dict[str, LLMComposer] = {}
_LOCK = threading.Lock()


def composer_for(settings: LLMSettings) -> LLMComposer:
    """One composer (and HTTP client) per distinct LLM configuration."""
    key = settings.model_dump_json()
    with _LOCK:
        if key not in _COMPOSERS:
            _COMPOSERS[key] = LLMComposer(settings)
        return _COMPOSERS[key]


def polish(settings: LLMSettings, question: str, composed: Composed) -> Composed:
    """The engine's hook: the LLM rewrite when it passes every check, else `composed` unchanged.
    Citations shrink to the markers the rewrite still uses; their numbers never change."""
    if settings.provider == "none" or composed.abstained or not composed.citations:
        return composed
    text = composer_for(settings).rewrite(question, plain(composed.text), composed.citations)
    if text is None:
        return composed
    used = parse_markers(text)
    return replace(
        composed, text=text, citations=[c for c in composed.citations if c.marker in used]
    )
