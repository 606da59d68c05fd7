"""Address history (moves, current address, areas, local authorities) and the household."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter

from bot.evidence import (
    Line,
    Query,
    ToolResult,
    clipped,
    fmt_date,
    held_nowhere,
    no_member_record,
    plural,
    recorded_nowhere,
)
from bot.passage_match import tokens
from bot.records import Records, join_words, member_names, member_words, record_day
from bot.understand.classify import question_words
from bot.understand.periods import LIVE_WORDS
from bot.understand.terms import per_case
from bot.understand.vocabulary import people_words
from ingest.models import Address, ChronologyEvent, EventType, Member


def _describe(address: Address) -> str:
    until = f"to {fmt_date(address.end)}" if address.end else "to now (current)"
    where = address.area + (f", {address.local_authority}" if address.local_authority else "")
    note = f" {address.notes.rstrip('.')}." if address.notes else ""
    return f"{where}: from {fmt_date(address.start)} {until}.{note}"


def _homes_saying(query: Query) -> tuple[str, ...]:
    """The addresses whose area and notes hold every word the ask asks with (its words less
    the words of asking, living and moving), when at least one does and not every one."""
    records = query.records
    assert records is not None
    wanted = {w.stem for w in query.ask.asked_with} - _LIVING - question_words()
    if not wanted:
        return ()
    said = tuple(
        a.id
        for a in records.addresses
        if wanted <= set(tokens(f"{a.area} {a.local_authority or ''} {a.notes or ''}"))
    )
    return said if len(said) < len(records.addresses) else ()


def moved_into(event: ChronologyEvent, records: Records) -> list[Address]:
    """The homes a move in the chronology went to: address records starting within MOVE_DAYS
    of it, of the members it concerns (an address or move naming nobody matches any)."""
    if event.event_type != EventType.MOVE:
        return []
    return [
        a
        for a in records.addresses
        if abs((a.start - event.date).days) <= MOVE_DAYS
        and (not a.members or not event.members or set(a.members) & set(event.members))
    ]


def home_line(address: Address, records: Records) -> Line:
    """The address record a move went to, as a line of the answer citing it."""
    return Line(f"The address history: {_describe(address)}{_who(address, records)}", (address.id,))


MOVE_DAYS = 3  # a move in the chronology this near an address's start is the move there


def _who(address: Address, records: Records) -> str:
    """' Living there: Mother, Child A and Child B.' when the record says who lived there."""
    if not address.members:
        return ""
    return f" Living there: {records.names(list(address.members))}."


def addresses(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    ask = query.ask
    if not ask.addresses and (absent := no_member_record(query)) is not None:
        return absent
    history = list(records.addresses)
    searched = f"the {len(history)} address records in case.yaml of case {records.case_id}"
    # 'temporary accommodation - when and where': the homes whose records say every word it
    # asks with, when some do and not all, are the homes it names
    named = ask.addresses or _homes_saying(query)
    if named:
        history = [a for a in history if a.id in named]
        searched += f", at {join_words(list(dict.fromkeys(a.area for a in history)))}"
    if ask.period:
        history = [a for a in history if ask.period.overlaps(a.start, a.end)]
        searched += f", {ask.period.label}"
    asked = set(ask.members) & set(records.members_by_id)
    if asked and asked != set(records.members_by_id) and not named:
        # ('was dad at the hostel?' names the home: who lived there answers it)
        # 'father's current address?': the homes recorded for him (no members: everyone's)
        history = [a for a in history if not a.members or asked & set(a.members)]
        searched += f", for {records.names(sorted(asked))}"
    if not history:
        return ToolResult(
            "addresses_moves",
            [Line("No address matching the question is recorded.", ())],
            searched,
            False,
        )
    ids = [a.id for a in history]
    day, said = _one_day(query)
    if day is not None:
        # 'where did they live before moving to Hasleby?': the home just before; 'address at
        # the time of the ICPC?': the home on that day
        last = [a for a in history if a.start <= day and (a.end is None or a.end >= day)]
        if last:
            lines = [
                Line(f"{said} {fmt_date(day)}: {_describe(a)}{_who(a, records)}", (a.id,))
                for a in last
            ]
            if len(last) == 1 and EventType.MOVE in ask.event_types:
                # 'and before that?' 'when did they move in there?': that home's moves
                lines += _moving(last[0], records)
            ids = list(dict.fromkeys(i for line in lines for i in line.record_ids))
            return ToolResult("addresses_moves", lines, searched, True, ids)
    if ask.addresses and ask.shape in ("earliest", "latest"):
        # 'when did they first move into marlow vale?': the first of the homes named
        history = sorted(history, key=lambda a: a.start)
        one = history[0] if ask.shape == "earliest" else history[-1]
        which = "first" if ask.shape == "earliest" else "latest"
        line = f"The {which} of {plural(len(history), 'home')} named: {_describe(one)}"
        return ToolResult(
            "addresses_moves",
            [Line(line + _who(one, records), (one.id,))],
            searched,
            True,
            [one.id] + [a.id for a in history if a is not one],
        )
    if named:  # 'who lived at the hostel?': that home, and who lived there
        lines = [Line(_describe(a) + _who(a, records), (a.id,)) for a in history]
        if len(history) == 1 and ask.shape in ("detail", "summary"):
            # 'when did they move to pelham and why?', 'why did they leave furzedown?': the
            # chronology's move and housing records as they moved in and out ('was dad at the
            # hostel?' asks who lived there only)
            lines += _moving(history[0], records)
        ids += [i for line in lines for i in line.record_ids if i not in ids]
        return ToolResult("addresses_moves", lines, searched, True, ids)
    if ask.shape == "latest" and not ask.period:
        current = [a for a in history if a.end is None]
        if not current:
            whose = f" for {records.names(sorted(asked))}" if asked else ""
            return ToolResult(
                "addresses_moves",
                [Line(f"No current address is recorded{whose}.", ())],
                searched,
                False,
            )
        lines = [Line(f"Current address: {_describe(a)}", (a.id,)) for a in current]
        if asked and asked != set(records.members_by_id):
            lines += [line for a in current for line in _latest_there_line(a, asked, records)]
        ids = list(dict.fromkeys(i for line in lines for i in line.record_ids))
        return ToolResult("addresses_moves", lines, searched, True, ids)
    moves = [e for e in records.chronology if e.event_type == EventType.MOVE]
    if ask.period:
        # the moves of the period, and the moves into the homes it finds ('living in april':
        # the move in February that took him there)
        shown = {a.id for a in history}
        moves = [
            e
            for e in moves
            if ask.period.contains(e.date) or {a.id for a in moved_into(e, records)} & shown
        ]
    between = f", so {plural(len(history) - 1, 'move')} between them" if len(history) > 1 else ""
    lines = [
        Line(
            f"{plural(len(history), 'address', 'addresses')} recorded "
            f"from {fmt_date(history[0].start)}{between}.",
            tuple(ids),
        )
    ]
    if moves:
        lines.append(
            Line(
                f"The chronology records {plural(len(moves), 'move')}.", tuple(e.id for e in moves)
            )
        )
    authorities = list(dict.fromkeys(a.local_authority for a in history if a.local_authority))
    if authorities:
        lines.append(
            Line(
                f"{plural(len(authorities), 'local authority', 'local authorities')}: "
                f"{join_words(authorities)}.",
                tuple(a.id for a in history if a.local_authority),
            )
        )
    lines += [Line(_describe(a) + _who(a, records), (a.id,), bullet=True) for a in history]
    lines += [Line(f"Move on {fmt_date(e.date)}: {e.summary}", (e.id,), bullet=True) for e in moves]
    return ToolResult("addresses_moves", lines, searched, True, ids + [e.id for e in moves])


MOVING_DAYS = 31  # days before moving in or out in which a move or housing record says why
MOVING_RECORDS = 2  # of each, the latest this many


def _moving(home: Address, records: Records) -> list[Line]:
    """The move and housing records of the month up to moving into a home and out of it."""
    housing = [e for e in records.chronology if e.event_type in (EventType.MOVE, EventType.HOUSING)]
    lines: list[Line] = []
    for day, said in ((home.start, "Moving in"), (home.end, "Moving out")):
        if day is None:
            continue
        since = day - dt.timedelta(days=MOVING_DAYS)
        near = [e for e in housing if since <= e.date <= day + dt.timedelta(days=1)]
        lines += [
            Line(f"{said}, {fmt_date(e.date)}: {e.summary}", (e.id,), bullet=True)
            for e in near[-MOVING_RECORDS:]
        ]
    return lines


def _one_day(query: Query) -> tuple[dt.date | None, str]:
    """The day a question about one home names: the day before a move ('before moving to
    Hasleby'), or a day it names ('at the time of the ICPC'), with the words to say it."""
    period = query.ask.period
    if period is None or query.ask.shape not in ("detail", "latest", "earliest"):
        return None, ""
    if period.start is None and period.end is not None:
        return period.end, "Living there up to"
    if period.start is not None and period.start == period.end:
        return period.start, "Living there on"
    return None, ""


def age_on(member: Member, day: dt.date) -> str:
    if member.date_of_birth is None:
        if member.expected_date:
            return f"unborn, expected {fmt_date(member.expected_date)}"
        return "age not recorded"
    born = member.date_of_birth
    months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
    years, rest = divmod(months, 12)
    if member.role.value == "child" and years < 18:
        age = plural(years, "year") + (f" {plural(rest, 'month')}" if rest else "")
    else:
        age = plural(years, "year")
    return f"{age} old (born {fmt_date(born)})"


def _homes_of_all(records: Records, asked: list[Member]) -> ToolResult | None:
    """The address records listing every member asked, in date order; None when none does."""
    wanted = {m.id for m in asked}
    homes = [a for a in records.addresses if wanted <= set(a.members)]
    if not homes:
        return None
    lines = [
        Line(
            f"{plural(len(homes), 'home')} recording {records.names(sorted(wanted))} together:",
            tuple(a.id for a in homes),
        ),
        *(Line(_describe(a) + _who(a, records), (a.id,), bullet=True) for a in homes),
    ]
    searched = (
        f"the address records of case {records.case_id} listing {records.names(sorted(wanted))}"
    )
    return ToolResult("addresses_moves", lines, searched, True, [a.id for a in homes])


def _living_with(records: Records, asked: list[Member]) -> ToolResult | None:
    """The members recorded at the current address of the members asked about."""
    wanted = {m.id for m in asked}
    # an address naming nobody says nothing of who lives there: the member records do (a
    # 'whole household' would count the uncle who only sometimes stays)
    homes = [a for a in records.addresses if a.end is None and wanted & set(a.members)]
    if not homes:
        return None
    lines: list[Line] = []
    for home in homes:
        names = records.names(list(home.members))
        lines.append(Line(f"Living at the current address: {names}. {_describe(home)}", (home.id,)))
        lines += _latest_there_line(home, wanted, records)
    elsewhere = [m for m in records.members if all(m.id not in h.members for h in homes)]
    if elsewhere:
        lines.append(
            Line(
                f"Not recorded at that address: {records.names([m.id for m in elsewhere])}.",
                tuple(h.id for h in homes),
            )
        )
    searched = f"the current address records of case {records.case_id} and who is recorded there"
    return ToolResult("household_members", lines, searched, True, [h.id for h in homes])


HOME_WORD_SHARE = 0.05  # of the records at most, holding a word of a home's record


def _latest_there(home: Address, wanted: set[str], records: Records) -> ChronologyEvent | None:
    """The latest chronology record, since moving in, of a member asked that says a place name
    of the home's own record few records say (its street, not the town every record says)."""
    held, counts = per_case("each record's words and their counts", records, _record_words)
    limit = max(2, HOME_WORD_SHARE * len(held))
    own = {
        w
        for w in tokens(" ".join([home.area, *_place_names(home.notes or "")]))
        if counts[w] <= limit
    }
    there = [
        e
        for e in records.chronology
        if e.date >= home.start and wanted & set(e.members) and own & held.get(e.id, frozenset())
    ]
    return max(there, key=lambda e: (e.date, e.id)) if there else None


def _latest_there_line(home: Address, wanted: set[str], records: Records) -> list[Line]:
    """'where's mum living now?' of a mother in and out of the home: the latest record of her
    and that home ('Mother returned to Orchard Way.')."""
    latest = _latest_there(home, wanted, records)
    if latest is None:
        return []
    who = records.names(sorted(wanted & set(latest.members)))
    return [
        Line(
            f"The latest record of {who} there, {fmt_date(latest.date)}: {latest.summary}",
            (latest.id,),
            bullet=True,
        )
    ]


def _place_names(text: str) -> list[str]:
    """The capitalised words of a text not starting a sentence: its places ('Orchard Way',
    'Fenby'), not its descriptions ('Council tenancy, 3 bedrooms')."""
    return re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z'-]+", text.strip())


def household(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    if query.ask.addresses:  # 'who lived in the greywell flat?': who that record says
        return addresses(query)
    if (absent := no_member_record(query)) is not None:
        return absent
    asked = [records.members_by_id[m] for m in query.ask.members if m in records.members_by_id]
    words = set(tokens(query.ask.text))
    living = bool(words & _LIVING)
    if asked and query.ask.period is not None and (living or not words):
        # member records hold no time: 'and before that?' after "where's dean living?", 'who
        # was mum living with in 2024' ask of the homes the address history dates ('how old
        # was he in 2015' stays the member record's)
        return addresses(query)
    if len(asked) > 1 and living and query.ask.wants_time:
        # 'when did jordan live at his nans': the homes recording every one of them
        together = _homes_of_all(records, asked)
        if together is not None:
            return together
    members = asked or records.members
    lives_now = bool(asked) and living and query.ask.current_only
    if living and query.ask.current_only and query.ask.shape in _WHERE_SHAPES:
        # 'who lives with mum now?'; 'who's living in the house at the moment?': who the
        # current address records, not every member of the case
        together = _living_with(records, asked or list(records.members))
        if together is not None:
            return together
    searched = f"the {len(records.members)} member records in case.yaml of case {records.case_id}"
    if asked and query.ask.shape == "yes_no" and (nowhere := _held_nowhere(query)):
        # 'does dean drive': no record of any kind holds what is asked of him
        return recorded_nowhere("household_members", records, nowhere, searched)
    children = [m for m in members if m.role.value == "child"]
    lines = [
        Line(
            f"{plural(len(members), 'member')} recorded, "
            f"{plural(len(children), 'child', 'children')}.",
            tuple(m.id for m in members),
        )
    ]
    for member in members:
        role = member.role.value
        aliases = f", also called {join_words(list(member.aliases))}" if member.aliases else ""
        notes = f" {member.notes.strip()}" if member.notes else ""  # 'sometimes stays'
        lines.append(
            Line(
                f"{member.name} ({role}{aliases}): {age_on(member, query.today)}.{notes}",
                (member.id,),
                bullet=True,
            )
        )
    # 'does dad live with them?', 'who does callum live with?' when no current address lists
    # him: the current addresses and who they list, beside what his record says
    current = [a for a in records.addresses if a.end is None] if lives_now or not asked else []
    for address in current:
        who = _who(address, records) if asked else ""
        lines.append(Line(f"Current address: {_describe(address)}{who}", (address.id,)))
    if asked and query.ask.shape in ("yes_no", "detail"):
        # 'does warren stay over at the house?': the member record says who he is, the
        # records of him holding what is asked say whether
        said = _said_of_them(query, asked)
        lines += [Line(_line_of(records, i), (i,), bullet=True) for i in said]
    elsewhere = _held_elsewhere(query, lines)
    if elsewhere:
        # 'is there a dog at the house?': no member record says it, a few other records do
        return _said_elsewhere(query, *elsewhere, searched)
    return ToolResult("household_members", lines, searched, True, [m.id for m in members])


SAID_SHARE = 0.4  # of the question's own words, by rarity, a record must hold to say it
SAID_RELATIVE = 0.75  # of the best record's share
ASKING_WEIGHT = 0.5
SAID_AT_MOST = 4  # more records than this holding it equally say nothing in particular


def _said_of_them(query: Query, asked: list[Member]) -> list[str]:
    """The records of the members asked about that hold the most of what the question asks
    of them (its words less the household's names, each weighed by its rarity among the
    case's records), when a few do: their chronology and address records, or else the
    document passages naming them."""
    records = query.records
    assert records is not None
    words, frequency = per_case("each record's words and their counts", records, _record_words)
    # a word no record holds says nothing either way
    wanted = set(tokens(query.ask.text)) - member_words(records) - set(people_words())
    wanted = {w for w in wanted if frequency[w]}
    if not wanted:
        return []
    ids = {m.id for m in asked}
    # a record is of them when it lists them or names them by a name of theirs alone
    names = _names_of(records, ids)
    structured = [e.id for e in records.chronology if ids & set(e.members) or names & words[e.id]]
    structured += [a.id for a in records.addresses if ids & set(a.members)]
    passages = [p.id for p in records.passages if names & words[p.id]]
    asking = question_words()
    total = len(words)

    def weight(word: str) -> float:
        # a word of asking ('dates', 'ever', 'stay') says less of what is asked than its own
        rarity = math.log(1 + total / (1 + frequency[word]))
        return rarity * (ASKING_WEIGHT if word in asking else 1.0)

    whole = sum(weight(w) for w in wanted)
    for candidates in (structured, passages):
        share = {i: sum(weight(w) for w in wanted & words[i]) / whole for i in candidates}
        top = max(share.values(), default=0.0)
        best = [i for i in candidates if share[i] >= SAID_RELATIVE * top]
        if top >= SAID_SHARE and len(best) <= SAID_AT_MOST:
            return best
    return []


def _names_of(records: Records, ids: set[str]) -> set[str]:
    """The name words of these members that no other member's names and no family word
    hold ('warren', not 'uncle'; 'denise', not the surname she shares)."""

    def names(members: list[Member]) -> set[str]:
        return {t for m in members for t in tokens(" ".join(member_names(m)))}

    theirs = names([m for m in records.members if m.id in ids])
    others = names([m for m in records.members if m.id not in ids])
    return theirs - others - set(tokens(" ".join(people_words())))


def _record_words(records: Records) -> tuple[dict[str, frozenset[str]], Counter[str]]:
    words = {i: frozenset(tokens(text)) for i, text in records.texts.items()}
    return words, Counter(t for held in words.values() for t in held)


def _line_of(records: Records, record_id: str) -> str:
    day = record_day(records, record_id)
    when = f"{fmt_date(day)}: " if day else ""
    return f"{when}{clipped(records.texts[record_id])}"


# 'who lives with mum now?', 'is dad living there?', "where's dean living?": the current
# address records of the people asked, and who is recorded there
_WHERE_SHAPES = frozenset({"list", "yes_no", "latest", "detail"})
_LIVING = frozenset(tokens(" ".join(LIVE_WORDS)))  # living somewhere: 'live', 'staying'
# what a member or address record holds by its fields' own names ('date of birth', 'name'), the
# age the household answer works out from it, and the words for living somewhere, which it is
# about ('who does callum live with?')
_FIELD_WORDS = (
    frozenset(
        tokens(" ".join(f.replace("_", " ") for f in (*Member.model_fields, *Address.model_fields)))
    )
    | frozenset(tokens("age"))
    | _LIVING
)
RARE_RECORDS = 2  # a word held by this many other records at most says what they are about
RARE_WORDS = 2  # more words than this that the household answer lacks: a rambling question


def _held_elsewhere(query: Query, lines: list[Line]) -> tuple[list[str], list[str]] | None:
    """The question's words that neither the household answer, its fields nor any member or
    address record hold, and the few other records that hold them all: then what is asked is
    not who the members are. The first word (an imperative: 'list the children') never
    counts."""
    records = query.records
    assert records is not None
    household, others = per_case("household words", records, _case_words)
    answered = set(tokens(" ".join(line.text for line in lines))) | household
    asked = list(dict.fromkeys(tokens(" ".join(query.ask.text.split()[1:]))))
    held = set().union(*others.values()) if others else set()
    # a word no record holds says nothing either way
    lacking = [t for t in asked if t not in answered and t in held]
    if not lacking or len(lacking) > RARE_WORDS:
        return None
    holding = [i for i, words in others.items() if set(lacking) <= words]
    if not holding or len(holding) > RARE_RECORDS:
        return None
    return lacking, holding


def _held_nowhere(query: Query) -> list[str]:
    """What a yes/no question asks of a member beyond the household's own words, when no
    other record holds it either."""
    records = query.records
    assert records is not None
    household, others = per_case("household words", records, _case_words)
    held = frozenset().union(*others.values()) if others else frozenset()
    return held_nowhere(query, household, held)


def _case_words(records: Records) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The words the household answer stands for (the fields' names, the members' names, the
    family words, every member and address record's words), and each other record's words."""
    household = set(_FIELD_WORDS) | set(people_words())
    household |= {t for m in records.members for t in tokens(" ".join(member_names(m)))}
    others: dict[str, frozenset[str]] = {}
    each, _ = per_case("each record's words and their counts", records, _record_words)
    for record_id, words in each.items():
        record = records.by_id.get(record_id)
        if record is None or record.kind in ("member", "address"):
            household |= words
        else:
            others[record_id] = words
    return frozenset(household), others


def _said_elsewhere(query: Query, words: list[str], ids: list[str], searched: str) -> ToolResult:
    records = query.records
    assert records is not None
    ids = sorted(ids, key=lambda i: (record_day(records, i) or dt.date.min, i))
    wanted = join_words([f"'{w}'" for w in words])
    lines = [
        Line(
            f"No member record mentions {wanted}; {plural(len(ids), 'other record')} "
            f"{'does' if len(ids) == 1 else 'do'}.",
            tuple(ids),
        )
    ]
    for record_id in ids:
        lines.append(Line(clipped(records.texts.get(record_id, "")), (record_id,), bullet=True))
    searched += f", then every other record for {wanted}"
    return ToolResult("household_members", lines, searched, True, ids)
