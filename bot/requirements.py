"""Requirement sentences of a procedure, parsed into who must do what by when.

A requirement is a sentence of obligation: a modal ('must', 'should', 'shall', 'is required
to', 'has to', 'needs to') or an instruction ('Do not discharge ...', 'Never ...'). The parse:
the subject before the modal is who (after any opening 'If ...,' / 'Where ...,' condition;
a passive 'must be held' names no one unless 'by <someone>' follows), the words after the
modal are what, and the first time expression after it ('within 5 working days of the
referral', 'by 34 weeks', 'the same day') starts by when."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.timewords import first_time

_MODAL = re.compile(
    r"\b(?P<modal>must not|must|should not|should|shall not|shall|(?:is|are) required to|"
    r"(?:has|have|need|needs) to|cannot|may not)\b",
    re.I,
)
_INSTRUCTION = re.compile(r"^(?:do not|don't|never|always)\b", re.I)
_CONDITION = re.compile(r"^(?:if|where|when|once|unless|for|after|before|in)\b", re.I)
_LABEL = re.compile(r"^[A-Z][\w ,'-]{0,40}:\s+(?=[a-zA-Z])")  # 'Referral: any professional ...'
# 'must be held', and the verbs of a process rather than of a person ('must start')
_NO_AGENT = re.compile(
    r"^(?:not\s+)?(?:be\s+(?:\w+(?:ed|en)|held|made|done|seen|told|kept|sent|given|put|in)|"
    r"start|begin|continue|happen|take place|include|last|end)\b",
    re.I,
)
_LEADING = ("the", "a", "an", "any", "every", "each")
_PRONOUNS = ("it", "this", "they", "these", "that", "he", "she")
_CLAUSE = re.compile(r",\s+but\s+|;\s+|:\s+")  # the subject is after the last of these
_EMBEDDED = re.compile(r"\b(?:when|what|whether|how|why)\b", re.I)
_CLAUSE_WITH_MODAL = re.compile(  # ', and CSC must decide ...': the next requirement
    r"(?:,\s*and|;|,\s*but)\s+(?=[^,;]*\b(?:must|should|shall)\b)", re.I
)
_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?![\d]|when\b)([a-z][\w' -]{2,40}?)(?=[,.;]|$)", re.I)


@dataclass(frozen=True)
class Requirement:
    who: str | None  # None: the sentence names no one (a passive 'must be held')
    what: str
    when: str | None
    condition: str | None  # 'If the assessment finds ... harm'


def is_requirement(sentence: str) -> bool:
    return bool(_MODAL.search(sentence) or _INSTRUCTION.match(sentence.strip()))


def parse(sentence: str) -> Requirement | None:
    """Who / what / by when of a requirement sentence; None when it states no obligation."""
    text = _LABEL.sub("", sentence.strip()).rstrip(".")
    if _INSTRUCTION.match(text):
        action = text
        who: str | None = "you (the practitioner)"
        condition = None
    else:
        match = _MODAL.search(text)
        if match is None:
            return None
        subject = _CLAUSE.split(text[: match.start()])[-1].strip(" ,")
        if _EMBEDDED.search(subject):
            return None  # 'It sets out when a baby must be referred': a description
        condition = None
        if "," in subject and _CONDITION.match(subject):
            condition, _, subject = subject.rpartition(",")
            condition, subject = condition.strip(), subject.strip()
        after = text[match.end() :].strip()
        modal = match.group("modal").lower()
        if _NO_AGENT.match(after) or not subject:
            agent = _AGENT.search(after)
            who = agent.group(1).strip() if agent and not first_time(agent.group()) else None
            action = f"{_lead_lower(subject)} {modal} {after}".strip()
        elif subject.lower() in _PRONOUNS:
            who, action = None, f"{subject.lower()} {modal} {after}"
        else:
            who, action = subject, f"{modal} {after}"
    timed = first_time(action)
    when = None
    if timed is not None:
        when = _CLAUSE_WITH_MODAL.split(action[timed.start() :])[0].strip(" ,;")
        action = action[: timed.start()].strip(" ,;")
        action = re.sub(r"\s+(?:and|or)$", "", action)
    elif who and (in_subject := first_time(who)):
        when = in_subject.group().strip()  # 'A referrer who hears nothing within 3 days'
    return Requirement(
        who=_lead_lower(who) if who else None,
        what=action or (when or ""),
        when=when,
        condition=condition,
    )


def _lead_lower(words: str) -> str:
    """'The social worker' reads 'the social worker' inside a line; 'CSC' stays."""
    first = words.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _LEADING:
        return words[0].lower() + words[1:]
    return words


def parse_all(sentence: str) -> list[Requirement]:
    """Every requirement of a sentence: '..., the referral must be made the same day, and CSC
    must decide within one working day ...' holds two; an opening condition holds for both."""
    found: list[Requirement] = []
    for part in _CLAUSE_WITH_MODAL.split(sentence):
        requirement = parse(part)
        if requirement is None:
            continue
        if found and requirement.condition is None and found[0].condition:
            requirement = Requirement(
                requirement.who, requirement.what, requirement.when, found[0].condition
            )
        found.append(requirement)
    return found


def render(requirement: Requirement) -> str:
    """One line: 'Who: CSC. What: must decide ... By when: within one working day.'"""
    parts = [f"Who: {requirement.who or 'not named'}", f"What: {requirement.what}"]
    parts.append(f"By when: {requirement.when or 'no timescale given'}")
    if requirement.condition:
        parts.append(f"When it applies: {requirement.condition}")
    return ". ".join(p.rstrip(".") for p in parts) + "."


_ASKS = re.compile(
    r"\b(?:require[sd]?|requirements?|must|ha(?:s|ve) to|needs? to|obligations?|duties|"
    r"expect(?:s|ed|ations)?|steps?|rules?)\b",
    re.I,
)


def requirement_words(question: str) -> list[str]:
    """The words asking for requirements: 'require' in 'what does the procedure require?'."""
    return [m.group() for m in _ASKS.finditer(question)]
