"""What a question filters on besides people and time: agencies and roles (with practitioners'
abbreviations and the case's own agency, role and type words), event types, appointment
outcomes, referral source types, the kind of learning document, and 'most' / 'least'."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from wordfreq import zipf_frequency

from bot.records import Records
from bot.search import tokens
from bot.understand.periods import LIVE_WORDS, MOVE_WORDS
from bot.understand.periods.words import LEAVE_WORDS
from bot.understand.vocabulary import (
    EARLIEST_WORDS,
    LATEST_WORDS,
    abbreviations_in,
    abbreviations_used,
    expand_abbreviations,
    has_phrase,
    known_terms,
    lexicon,
    people_words,
    read_out_abbreviations,
    vocabulary,
)
from ingest.models import (
    Address,
    Appointment,
    ChronologyEvent,
    EventType,
    Member,
    Outcome,
    Professional,
    SourceType,
)
from prompts import stopwords

# "from the public rather than professionals": what follows is excluded, not wanted.
_EXCLUDED = re.compile(
    r"\b(?:rather than|instead of|other than|apart from|except(?: for)?|excluding|not from|"
    r"but not|not by)\s+([^?.,;]+)",
    re.I,
)
_ETC = re.compile(r"\b(etc|and so on|and the like|or similar|and similar)\b")
_MOST = re.compile(r"\b(most|highest|biggest)\b")
_LEAST = re.compile(r"\b(least|fewest|lowest)\b")
_KINDS = {
    "procedure": re.compile(r"\b(procedures?|protocols?|polic(y|ies)|threshold)\b"),
    "guidance": re.compile(r"\bguidance\b|\bguide\b"),
    "review": re.compile(r"\b(reviews?|scr|cspr|lcspr|serious case)\b"),
}


@dataclass(frozen=True)
class Terms:
    agency_or_role: tuple[str, ...] = ()
    role_terms: tuple[str, ...] = ()
    said: tuple[str, ...] = ()  # phrases a chronology record must say ('reported missing')
    event_types: tuple[EventType, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    outcome_group: str | None = None
    source_types: tuple[SourceType, ...] = ()
    ranking: str | None = None
    learning_kind: str | None = None
    plural_types: bool = False  # an event type named in the plural ('the conferences')
    names_document: bool = False  # a word only the case's documents are named by ('minutes')
    document_titles: tuple[str, ...] = ()  # documents named by their initials ('the PBA')
    addresses: tuple[str, ...] = ()  # address ids of a place named ('the hostel', 'Greywell')
    within_agency: tuple[str, ...] = ()  # beside a role: the agency or place it works in


def split_exclusions(text: str) -> tuple[str, str]:
    """The text without its 'rather than ...' phrases, and those phrases."""
    excluded = " ".join(m.group(1) for m in _EXCLUDED.finditer(text))
    return _EXCLUDED.sub(" ", text), excluded


@cache
def _generic() -> frozenset[str]:
    """Words too common in agency, role and type names to mean a filter on their own."""
    return frozenset(vocabulary()["generic_words"].split())


@cache
def generic_words() -> frozenset[str]:
    """The generic words, as written and as word stems ('appointment', 'appoint')."""
    return _generic() | frozenset(t for w in _generic() for t in tokens(w))


@cache
def _distinctive(phrase: str) -> tuple[str, ...]:
    """Words of an agency, role or type name that can stand for it; family words ('baby' in
    'baby check') name people in a question, not the type, and order words ('first' of
    'neurodevelopmental first appointment') ask which record, not which type."""
    family = set(people_words().values()) | {*LATEST_WORDS, *EARLIEST_WORDS}
    return tuple(
        t
        for t in re.findall(r"[a-z][a-z'&]+", phrase.lower())
        if len(t) >= 4 and t not in _generic() and t not in family
    )


_SMALL = frozenset({"of", "and", "the", "for", "&", "in", "to"})


def _initials_of(records: Records) -> dict[str, tuple[str, bool]]:
    """Each run of two or more words of a role or agency name by its initials ('idva':
    'independent domestic violence adviser', a role; 'ehe': 'elective home education')."""
    found: dict[str, tuple[str, bool]] = {}
    names = [(p.role, True) for p in records.professionals]
    names += [(p.agency, False) for p in records.professionals]
    for name, is_role in names:
        words = [w for w in re.findall(r"[a-z][a-z']*", name.lower()) if w not in _SMALL]
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                initials = "".join(w[0] for w in words[start:end])
                phrase = " ".join(words[start:end])
                if initials not in found or (is_role and not found[initials][1]):
                    found[initials] = (phrase, is_role)
    return found


def role_initials(records: Records) -> dict[str, tuple[str, bool]]:
    """Initials -> (the run of a role's or agency's words, whether it is a role's)."""
    return per_case("initials", records, _initials_of)


def initialisms(text: str, records: Records) -> tuple[list[str], list[str]]:
    """The roles and agencies of the case a question names by initials no vocabulary holds:
    a word typed in capitals, or of four letters or more that is no word of the case's
    records ('idva' for the Independent Domestic Violence Adviser)."""
    table = role_initials(records)
    known = per_case("record words", records, _case_words)
    roles: list[str] = []
    agencies: list[str] = []
    for word in re.findall(r"\b[A-Za-z]{2,6}\b", text):
        lower = word.lower()
        typed_as_initials = word.isupper() or (len(word) >= 4 and lower not in known)
        if not typed_as_initials or lower in abbreviation_keys():
            continue
        if lower in table:
            phrase, is_role = table[lower]
            (roles if is_role else agencies).append(phrase)
    return roles, agencies


@cache
def abbreviation_keys() -> frozenset[str]:
    """The vocabulary's abbreviations, in lower case."""
    return frozenset(a.lower() for a in vocabulary()["abbreviations"])


def _case_words(records: Records) -> frozenset[str]:
    texts = [e.summary for e in records.chronology] + record_words(records)
    texts += [m.name for m in records.members] + [a.area for a in records.addresses]
    return frozenset(w for t in texts for w in re.findall(r"[a-z]+", t.lower()))


def record_words(records: Records) -> list[str]:
    """The case's agency, role and appointment-type names (made once per case version)."""
    return list(per_case("record-words", records, _record_words))


def _record_words(records: Records) -> tuple[str, ...]:
    names = {p.agency for p in records.professionals} | {p.role for p in records.professionals}
    names |= {a.agency for a in records.appointments} | {a.type for a in records.appointments}
    names |= {e.agency for e in records.chronology}
    return tuple(sorted(names))


_STRUCTURED_FIELDS = frozenset(
    word
    for model in (Professional, Appointment, ChronologyEvent, Address, Member)
    for field in model.model_fields
    for word in field.split("_")
)
T = TypeVar("T")
_FILE_DATE_AND_SUFFIX = re.compile(r"^[0-9-]+|\.[a-z0-9]+$")
_PER_CASE: dict[tuple[str, str, str], object] = {}


def per_case(name: str, records: Records, build: Callable[[Records], T]) -> T:
    """What `build` makes of a case, made once per case version (at most 128 kept)."""
    key = (name, records.version.collection, records.version.content_hash)
    if key not in _PER_CASE:
        if len(_PER_CASE) > 128:
            _PER_CASE.clear()
        _PER_CASE[key] = build(records)
    return _PER_CASE[key]  # type: ignore[return-value]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower().replace("_", " ").replace("-", " ")))


def _taken(records: Records) -> set[str]:
    """Words the case's agencies, roles and types and the structured records' own fields
    ('email', 'notes') already stand for."""
    return _words(" ".join(record_words(records))) | _STRUCTURED_FIELDS


def document_words(records: Records) -> frozenset[str]:
    """Words that name the case's documents and nothing else the case holds: 'minutes',
    'report', 'interview' from their titles and file names, less the words of its agencies,
    roles, types, people, the vocabulary's types and the structured records' own fields
    ('email', 'notes')."""
    return per_case("documents", records, _document_words)


def titles_by_initials(text: str, records: Records) -> tuple[str, ...]:
    """The names of the case's documents that the text names by their initials, a word of
    three letters or more that is no word of the case's records nor an abbreviation the
    vocabulary holds ('what did the PBA recommend?': the pre-birth assessment)."""
    table = per_case("document initials", records, _document_initials)
    known = per_case("record words", records, _case_words)
    return tuple(
        dict.fromkeys(
            table[w]
            for w in re.findall(r"\b[a-z]{3,6}\b", text.lower())
            if w in table and w not in known and w not in abbreviation_keys()
        )
    )


def _document_initials(records: Records) -> dict[str, str]:
    """Each case document's name (title, or file name less its date) by its initials."""
    found: dict[str, str] = {}
    for passage in records.passages:
        if passage.learning_kind is not None:
            continue
        name = passage.title or _FILE_DATE_AND_SUFFIX.sub("", passage.file.rsplit("/", 1)[-1])
        words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in _SMALL]
        if len(words) >= 2:
            found.setdefault("".join(w[0] for w in words), " ".join(words))
    return found


def _document_words(records: Records) -> frozenset[str]:
    named = " ".join(
        f"{p.title or ''} {_FILE_DATE_AND_SUFFIX.sub('', p.file)}"
        for p in records.passages
        if p.learning_kind is None
    )
    data = vocabulary()
    vocabulary_types = [w for words in data["event_types"].values() for w in words]
    excluded = _taken(records) | _words(
        " ".join([*vocabulary_types, *data["event_types"], *data["synonyms"]])
    )
    excluded |= _words(" ".join(n for m in records.members for n in (m.name, *m.aliases)))
    excluded |= _words(" ".join(people_words()))
    return frozenset(
        w for w in _words(named) if len(w) >= 4 and w not in excluded and w not in stopwords()
    )


_CALENDAR = frozenset(
    w.lower() for w in [*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name]
) | {"spring", "summer", "autumn", "winter"}
# being or living somewhere: 'was dad at the hostel', 'who lived in the flat', 'staying at'
_DWELLING = "|".join(sorted(LIVE_WORDS | MOVE_WORDS | {"was", "were", "is", "are", "been", "be"}))
_DWELLING_VERB = re.compile(rf"\b(?:{_DWELLING})\b(?:\s+\S+){{0,3}}\s*$")
_MOVED = re.compile(rf"\b(?:{'|'.join(sorted(LIVE_WORDS | MOVE_WORDS))})\b(?:\s+\S+){{0,3}}\s*$")


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


_LOCATIVE = re.compile(
    r"\b(at|in|into|to|from|outside|inside)\s(?:the\s|their\s|his\s|her\s)?"
    r"([a-z][a-z'-]+)(?:\s(?!(?:at|in|into|to|from)\b)([a-z][a-z'-]+))?"
)


# leaving a place: 'why did they leave carr lane', 'when they left the hostel' (an origin)
_LEFT = re.compile(
    rf"\b({'|'.join(sorted(LEAVE_WORDS - MOVE_WORDS - stopwords()))})\s"
    r"(?:the\s|their\s|his\s|her\s)?([a-z][a-z'-]+)(?:\s(?!(?:at|in|into|to|from)\b)([a-z][a-z'-]+))?"
)


EVERYDAY_ZIPF = 5.0  # wordfreq: 'house' 5.7, 'home' 5.8, 'room' 5.4; 'flat' 4.7, 'hostel' 3.4


def named_addresses(lower: str, records: Records) -> tuple[str, ...]:
    """'was dad at the hostel in 2011?', 'who lived in the greywell flat?': the addresses named
    by a place after 'at', 'in', 'to' or 'from', following a verb of being or living there,
    whose words are all in the address record (its area and notes) and are no agency, role,
    type, time or person word of the case."""
    taken, homes = per_case("places", records, _places)
    named: list[str] = []
    for match in [*_LOCATIVE.finditer(lower), *_LEFT.finditer(lower)]:
        left = match.group(1) in LEAVE_WORDS
        if not left and not _DWELLING_VERB.search(
            lower[max(0, match.start() - 40) : match.start()]
        ):
            continue  # 'an answer at the door': where something happened, not who lived where
        origin = match.group(1) == "from" or left  # 'moved from brackenmoor into calverdale'
        words = [w for w in match.groups()[1:] if w and w not in stopwords()]
        if len(words) == 1 and zipf_frequency(words[0], "en") >= EVERYDAY_ZIPF:
            continue  # 'living in the house', 'at home': where they live, no place's name
        if words and _MOVED.search(lower[max(0, match.start() - 40) : match.start()]):
            # 'when did they move to strandfold?': an address's own area, though a school
            # there is named after it
            areas = [a.id for a in records.addresses if words[0] in _words_of(a.area)]
            if areas := areas or ([] if origin else _in_authority(words, records)):
                named += areas
                continue
        if not words or words[0] in taken:
            # 'the last address in kelsworth': a local authority, though agencies share its name
            named += [] if origin else _in_authority(words, records)
            continue
        whole = [i for i, home in homes if set(words) <= home]
        first = [i for i, home in homes if words[0] in home]
        named += whole or (first if len(words) == 1 or words[1] in taken else [])
    return tuple(dict.fromkeys(named))


def _in_authority(words: list[str], records: Records) -> list[str]:
    """The homes in the local authority the words name ('marlow vale', 'kelsworth')."""
    return [
        a.id
        for a in records.addresses
        if words and a.local_authority and set(words) <= _words_of(a.local_authority)
    ]


def _places(records: Records) -> tuple[set[str], list[tuple[str, set[str]]]]:
    """The words no place is named by (the case's other words, stopwords, the vocabulary,
    the calendar), and each address's words (its area and notes)."""
    taken = _taken(records) | set(people_words()) | stopwords() | known_terms() | _CALENDAR
    homes = [
        (a.id, set(re.findall(r"[a-z]+", f"{a.area} {a.notes or ''}".lower())))
        for a in records.addresses
    ]
    return taken, homes


def _record_hits(lower: str, records: Records) -> tuple[list[str], list[str]]:
    """Distinctive words of this case's agencies, roles and types that the text uses, and the
    phrases of the text around the words it uses as words of its own, not as a name (see
    `_names_it`): 'how many times has he been reported missing?' uses 'missing', a word of
    'Safe Steps (Missing and Exploitation Team)', and asks for records saying 'reported
    missing', not for that team's records or every record saying 'missing'."""
    hits: list[str] = []
    own: list[str] = []
    used = {_stem(t) for t in re.findall(r"[a-z][a-z'&]+", lower) if len(t) >= STEMMED}
    for phrase in record_words(records):
        if phrase.lower() in lower:
            hits.append(phrase.lower())
            continue
        booked = phrase in _appointment_types(records)
        for word in _distinctive(phrase) + (_short_words(phrase) if booked else ()):
            if not re.search(rf"\b{re.escape(word)}\b", lower) and not (
                len(word) >= STEMMED and _stem(word) in used
            ):
                continue
            holding = _names_holding(word, records)
            if any(n in _appointment_types(records) or _names_it(n, word, lower) for n in holding):
                hits.append(word)
            else:
                own.append(word)
    own = [w for w in dict.fromkeys(own) if w not in hits]
    phrases = [_phrase_around(word, lower, records) for word in own]
    return hits, [p for p in dict.fromkeys(phrases) if p]


STEMMED = 6  # letters: a longer word counts in another of its forms ('paediatric appts')
_FORM = re.compile(r"(?:icians?|ics|ic|ists?|(?<=log|rap)y)$")


@cache
def _short_words(phrase: str) -> tuple[str, ...]:
    """The three-letter words of an appointment type that name what was booked ('hip' of
    'hip ultrasound', 'eye' of 'eye test'), beside its longer distinctive words."""
    return tuple(
        t
        for t in re.findall(r"[a-z]+", phrase.lower())
        if len(t) == 3 and t.isalpha() and t not in _generic() and t not in stopwords()
    )


def _stem(word: str) -> str:
    """'paediatrics', 'paediatric', 'paediatrician' -> 'paediatr'; 'psychology',
    'psychologist' -> 'psycholog'; 'therapy', 'therapist' -> 'therap': one form for a field,
    its adjective and its practitioner ('healthy' stays apart from 'health')."""
    return _FORM.sub("", word)


def _appointment_types(records: Records) -> frozenset[str]:
    """An appointment type names what was booked: each of its words names it ('booster').
    Made once per case version (a question asked for it ~90 times)."""
    return per_case("appointment-types", records, _types_booked)


def _types_booked(records: Records) -> frozenset[str]:
    return frozenset(a.type for a in records.appointments)


def _names_holding(word: str, records: Records) -> list[str]:
    booked = _appointment_types(records)
    return [
        n
        for n in record_words(records)
        if word in _distinctive(n) or (n in booked and word in _short_words(n))
    ]


def _names_it(name: str, word: str, lower: str) -> bool:
    """Whether the text names the agency or role `name` by `word`: the word is no English
    word ('Hasleby'), or the name's last word ('police'), or the text holds another
    distinctive word of the name ('Marlow Vale') or the word with the one after it in the
    name ('mental health'). An English word that only qualifies the name ('missing' in
    'Missing Persons Coordinator') used on its own is the text's own word."""
    words = re.findall(r"[a-z][a-z'&]+", name.lower())
    if word not in lexicon() or words[-1] == word:
        return True
    others = [w for w in _distinctive(name) if w != word]
    if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in others):
        return True
    after = [b for a, b in zip(words, words[1:], strict=False) if a == word]
    return any(re.search(rf"\b{re.escape(word)}\s+{re.escape(b)}\b", lower) for b in after)


def _phrase_around(word: str, lower: str, records: Records) -> str | None:
    """The run of words around `word` up to a stopword, punctuation, a family word or a word
    the vocabulary or the case's names already stand for ('reported missing' of '... has he
    been reported missing?'), when a chronology record says all of them. A word alone
    ('child protection conferences') filters nothing: it only qualified what is asked."""
    family = set(people_words()) | set(people_words().values())
    for span in re.split(r"[^a-z' -]+", lower):
        words = span.split()
        if word not in words:
            continue
        start = end = words.index(word)
        while start > 0 and _joins(words[start - 1], family):
            start -= 1
        while end + 1 < len(words) and _joins(words[end + 1], family):
            end += 1
        phrase = " ".join(words[start : end + 1])
        if end > start and says(phrase, _chronology_words(records)):
            return phrase if _said_as_such(phrase, word, records) else word
    return None


SAID_AS_SUCH = 0.5  # of the records writing a phrase's own word that must say the phrase


def _said_as_such(phrase: str, word: str, records: Records) -> bool:
    """Whether the records describe events in the phrase's words: 'reported missing' is said by
    most records that write 'missing'; 'missing episodes' by one summary of several, the rest
    writing 'missing' alone (its other word names what is counted, not what a record says)."""
    held = _chronology_words(records)
    writing = per_case("chronology texts", records, _chronology_texts)
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    own = sum(bool(pattern.search(text)) for text in writing)
    wanted = set(tokens(phrase))
    whole = sum(wanted <= words for words in held)
    return whole >= SAID_AS_SUCH * own


def _chronology_texts(records: Records) -> list[str]:
    return [f"{e.summary} {e.action or ''} {e.outcome or ''}".lower() for e in records.chronology]


def _joins(word: str, family: set[str]) -> bool:
    return (
        word.isalpha()
        and word not in stopwords()
        and word not in family
        and word not in _generic()
        and word not in known_terms()
    )


def _chronology_words(records: Records) -> list[frozenset[str]]:
    return per_case("chronology words", records, _build_chronology_words)


def _build_chronology_words(records: Records) -> list[frozenset[str]]:
    return [event_words(e) for e in records.chronology]


def event_words(event: ChronologyEvent) -> frozenset[str]:
    """The stemmed words of what a chronology record says and who recorded it, its
    abbreviations read out too ('NRM referral' says 'national referral mechanism')."""
    text = " ".join(
        [
            event.agency,
            event.recorded_by or "",
            event.summary,
            event.action or "",
            event.outcome or "",
        ]
    )
    return frozenset(tokens(expand_abbreviations(text)))


def says(phrase: str, held: list[frozenset[str]]) -> bool:
    """Whether one of the records (their word sets) holds every word of the phrase."""
    wanted = set(tokens(phrase))
    return bool(wanted) and any(wanted <= words for words in held)


def _role_heads(records: Records) -> frozenset[str]:
    """The last word of each role of the case's professionals ('worker', 'nurse')."""
    return frozenset(
        words[-1] for p in records.professionals if (words := re.findall(r"[a-z]+", p.role.lower()))
    )


def _plain_roles(text: str, records: Records) -> list[str]:
    """'a DA worker': what an abbreviation stands for, then the last word of a role, is the
    role of the case that holds both ('Domestic Abuse Outreach Worker')."""
    heads = per_case("role heads", records, _role_heads)
    found: list[str] = []
    for abbreviation in abbreviations_used(text):
        expands = vocabulary()["abbreviations"][abbreviation].get("expands")
        following = re.search(rf"(?<![\w-]){re.escape(abbreviation)}s?\s+([a-z]+)", text, re.I)
        if not expands or not following or following.group(1).lower() not in heads:
            continue
        wanted = {*tokens(expands), *tokens(following.group(1))}
        for p in records.professionals:
            if wanted <= set(tokens(p.role)):
                found.append(p.role.lower())
    return list(dict.fromkeys(found))


def _expansions_said(meanings: list[dict], records: Records) -> list[str]:
    """What an abbreviation that only stands for words ('RHI': 'return home interview') stands
    for, when a chronology record says it: those words are what a record must say."""
    plain = [
        m["expands"]
        for m in meanings
        if m.get("expands")
        and not any(m.get(k) for k in ("terms", "roles", "event_types", "outcomes"))
    ]
    held = _chronology_words(records)
    return [p for p in dict.fromkeys(plain) if says(p, held)]


_NOT = r"(?:\w+n't|not|never|cannot|unable to|failed to)"


@cache
def _negated_nouns() -> re.Pattern[str]:
    """'couldn't get an answer', 'did not gain access': a negated verb before a noun that a
    type or outcome phrase of the vocabulary names as 'no <noun>' ('no answer', 'no access')."""
    data = vocabulary()
    phrases = [p for words in data["event_types"].values() for p in words] + list(data["outcomes"])
    nouns = sorted({p.split()[1] for p in phrases if p.startswith("no ") and len(p.split()) == 2})
    return re.compile(
        rf"\b{_NOT}\s+(?:[a-z]+\s+){{0,2}}?(?:an?\s+|any\s+|the\s+)?({'|'.join(nouns)})\b"
    )


def _negated(word: str, lower: str) -> bool:
    """Whether every use of `word` in the text is negated ('not attended', 'never attended')."""
    every = len(re.findall(rf"\b{re.escape(word)}\b", lower))
    negated = len(re.findall(rf"\b{_NOT}\s+(?:[a-z]+\s+){{0,2}}?{re.escape(word)}\b", lower))
    return bool(every) and negated == every


def read_negations(lower: str) -> str:
    """The text with 'no <noun>' added after a negated '<noun>': 'the worker couldn't get an
    answer at the door' also says 'no answer'."""
    found = [f"no {m.group(1)}" for m in _negated_nouns().finditer(lower)]
    return " ".join([lower, *found]) if found else lower


def find_terms(text: str, masked: str, records: Records | None) -> Terms:
    """`masked` is the text with member names replaced, so a name is never an agency word."""
    wanted, excluded = split_exclusions(text)
    lower = wanted.lower()
    data = vocabulary()
    meanings = abbreviations_in(wanted)
    agency: list[str] = [t for m in meanings for t in m.get("terms", [])]
    said: list[str] = []
    agency += [  # 'CSC' as the records may write it, beside what it stands for
        a.lower()
        for a in abbreviations_used(wanted)
        if len(a) >= 3 and data["abbreviations"][a].get("terms")
    ]
    agency += [
        t for word, mapped in data["synonyms"].items() if has_phrase(lower, word) for t in mapped
    ]
    hits: list[str] = []
    if records is not None:
        masked_wanted = split_exclusions(masked)[0].lower()
        hits, said = _record_hits(masked_wanted, records)
        agency += hits
        said += _expansions_said(meanings, records)
    roles = [r for m in meanings for r in m.get("roles", [])]
    if records is not None:  # 'IDVA', 'MPC': the initials of a role or agency of the case
        named_roles, named_agencies = initialisms(wanted, records)
        named_roles += _plain_roles(wanted, records)
        roles += named_roles
        agency += named_roles + named_agencies
    if records is not None and roles:
        # 'the HV and the family support worker': a role written out beside one abbreviated
        # is a role asked about too
        roles += case_roles(hits, records)
    if records is not None:  # 'GP' -> the agencies of the case's GPs ('Kilnworth Medical Practice')
        agency += _agencies_of_roles(tuple(agency + roles), records)
    typed = read_negations(lower)
    events = {
        EventType(name)
        for name, words in data["event_types"].items()
        if any(has_phrase(typed, w) for w in words)
    }
    for meaning in meanings:
        group = {EventType(e) for e in meaning.get("event_types", [])}
        # 'CP conferences': an abbreviation standing for several types ('CP': conferences,
        # core groups, section 47s, strategy discussions) is narrowed by a type of them
        # the question names in words
        events |= group if not events & group else set()
    plural = _names_plural(wanted, [w for words in data["event_types"].values() for w in words])
    outcomes: set[Outcome] = set()
    outcome_words: list[str] = []
    for word, mapped in data["outcomes"].items():
        if has_phrase(typed, word):
            outcomes |= {Outcome(o) for o in mapped}
            outcome_words.append(word)
    for abbreviation, meaning in data["abbreviations"].items():
        if meaning.get("outcomes") and has_phrase(wanted, abbreviation):
            outcomes |= {Outcome(o) for o in meaning["outcomes"]}
            outcome_words.append(abbreviation)
    every_miss = set(data["outcomes"]["missed"])  # 'misses', 'missed', 'miss' alike
    negated = [w for w in outcome_words if _negated(w, typed)]
    if negated and all(data["outcomes"].get(w) == ["attended"] for w in negated):
        # 'appointments not attended': an attendance negated is a miss
        outcomes = (outcomes - {Outcome.ATTENDED}) | {Outcome(o) for o in every_miss}
        outcome_words = [w for w in outcome_words if w not in negated] + ["missed"]
    if outcomes and outcomes <= every_miss and _ETC.search(lower):
        # 'DNAs, WNBs etc': the named outcomes stand for all of their kind
        outcomes = {Outcome(o) for o in every_miss}
        outcome_words.append("missed")
    group = (
        "missed"
        if any(set(data["outcomes"].get(w, ())) == every_miss for w in outcome_words)
        else None
    )
    if group and Outcome.ATTENDED in outcomes:
        # 'attended v missed?', 'attended or missed': both sides asked, so no outcome filters
        # (the answer gives each outcome's count)
        outcomes, group = set(), None
    sources = _source_types(lower) - _source_types(excluded.lower())
    kinds = [kind for kind, pattern in _KINDS.items() if pattern.search(lower)]
    within: tuple[str, ...] = ()
    if records is not None and roles:
        # 'the EHO in marlow vale': words of an agency of the case that no role holds
        places = set(case_agencies(hits, records)) - set(case_roles(hits, records))
        within = tuple(h for h in dict.fromkeys(hits) if h in places)
    titles = titles_by_initials(lower, records) if records is not None else ()
    return Terms(
        within_agency=within,
        agency_or_role=_most_specific(tuple(dict.fromkeys(agency)), lower),
        role_terms=tuple(dict.fromkeys(roles)),
        said=tuple(dict.fromkeys(said)),
        event_types=tuple(sorted(events)),
        outcomes=tuple(sorted(outcomes)),
        outcome_group=group,
        source_types=tuple(sorted(sources)),
        ranking="least" if _LEAST.search(lower) else "most" if _MOST.search(lower) else None,
        learning_kind=kinds[0] if len(kinds) == 1 else None,
        plural_types=bool(events) and plural,
        names_document=records is not None
        and bool(set(re.findall(r"[a-z]+", lower)) & document_words(records) or titles),
        document_titles=titles,
        # 'the b&b' is the address whose notes say 'bed and breakfast'
        addresses=named_addresses(read_out_abbreviations(lower).lower(), records)
        if records is not None
        else (),
    )


def _most_specific(terms: tuple[str, ...], lower: str) -> tuple[str, ...]:
    """'who from Hasleby Academy ...': the agency as named, not each of its words ('hasleby'
    also names the health centre). A word is dropped when a longer term holding it is in the
    question as written."""
    written = [t for t in terms if " " in t and has_phrase(lower, t)]
    return tuple(
        t
        for t in terms
        if not any(t != w and re.search(rf"\b{re.escape(t)}\b", w) for w in written)
    )


def _names_plural(text: str, singulars: list[str]) -> bool:
    """A word of the text is the plural of a one-word type name ('conferences', 'ICPCs',
    'home visits'), or a plural noun after one ('conference dates')."""
    words = re.findall(r"[a-z][a-z0-9&.]*", text.lower())
    last_words = {w.split()[-1] for w in singulars if not w.endswith("s")}
    plural = any(
        (w.endswith("es") and w[:-2] in last_words) or (w.endswith("s") and w[:-1] in last_words)
        for w in words
    )
    # a type word heading a plural compound: 'conference dates', 'visit records'
    compound = any(
        a in last_words and len(b) > 3 and b.endswith("s") and not b.endswith("ss")
        for a, b in zip(words, words[1:], strict=False)
    )
    return plural or compound


def _agencies_of_roles(terms: tuple[str, ...], records: Records) -> list[str]:
    return sorted({p.agency.lower() for p in records.professionals if matches_terms(p.role, terms)})


def _source_types(lower: str) -> set[SourceType]:
    return {
        SourceType(name)
        for name, words in vocabulary()["source_types"].items()
        if any(has_phrase(lower, w) for w in words)
    }


def matches_terms(text: str, terms: tuple[str, ...]) -> bool:
    """A term matches at the start of a word: 'mental health' is not in 'environmental health'."""
    lower = text.lower()
    return any(re.search(rf"(?<![a-z]){re.escape(term)}", lower) for term in terms)


def case_roles(terms: Iterable[str], records: Records) -> list[str]:
    """The terms a role of the case's professionals holds ('social work', 'ppu')."""
    return [t for t in terms if any(matches_terms(p.role, (t,)) for p in records.professionals)]


def case_agencies(terms: Iterable[str], records: Records) -> list[str]:
    """The terms an agency of the case's professionals holds ('westmere', 'camhs')."""
    return [t for t in terms if any(matches_terms(p.agency, (t,)) for p in records.professionals)]


def types_beyond_agencies(
    event_types: Iterable[EventType], agency_or_role: tuple[str, ...]
) -> set[EventType]:
    """The event types named other than by an agency or role named ('the EHO' names
    environmental health, the agency, not its records)."""
    return {
        t
        for t in event_types
        if not any(t.value.replace("_", " ") in term for term in agency_or_role)
    }


def named_types(text: str, records: Records) -> tuple[str, ...]:
    """The case's appointment types (lower case) a text names: it holds every distinctive word
    of the type and two of its words at least ('her last psychiatric review' names
    'psychiatric outpatient review'; 'mental health assessment' names itself), and not only
    inside the words of an agency or role it names ('who did mum see from the community mental
    health team' names that team, not the 'mental health assessment')."""
    said = re.findall(r"[a-z]+", text.lower())
    staffed = _staff_runs(said, records)
    named: list[str] = []
    for kind in sorted({t.lower() for t in _appointment_types(records)}):
        words = [w for w in re.findall(r"[a-z]+", kind) if len(w) >= 3]
        own = [w for w in words if w not in _generic()]
        kept = {
            w
            for i, w in enumerate(said)
            if w in words
            and not any(i in run and run_words - set(words) for run, run_words in staffed)
        }
        if own and set(own) <= kept and len(set(words) & kept) >= 2:
            named.append(kind)
    # a type named names its kinds too: 'continence clinic' the 'continence clinic follow-up'
    wider = {
        kind
        for kind in {t.lower() for t in _appointment_types(records)}
        if any(set(re.findall(r"[a-z]+", n)) <= set(re.findall(r"[a-z]+", kind)) for n in named)
    }
    return tuple(sorted(wider))


def _staff_runs(said: list[str], records: Records) -> list[tuple[range, set[str]]]:
    """The longest runs of two or more of the text's words that run so in an agency or role
    name of the case, with their words (small words aside)."""
    grams = per_case("staff-word-runs", records, _staff_grams)
    runs: list[tuple[range, set[str]]] = []
    start = 0
    while start < len(said):
        end = start + 1
        while end < len(said) and tuple(said[start : end + 1]) in grams:
            end += 1
        if end - start >= 2:
            runs.append((range(start, end), set(said[start:end]) - _SMALL))
            start = end
        else:
            start += 1
    return runs


def _staff_grams(records: Records) -> frozenset[tuple[str, ...]]:
    names = {p.role.lower() for p in records.professionals}
    names |= {p.agency.lower() for p in records.professionals}
    grams: set[tuple[str, ...]] = set()
    for name in names:
        words = re.findall(r"[a-z]+", name)
        grams |= {
            tuple(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        }
    return frozenset(grams)
