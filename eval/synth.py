"""Synthetic case bundles of any size, for benchmarks (spec: case-bundle.md, version 1).

Everything is fictional: children are "Child 1", "Child 2"..., surnames come from a small
made-up list, phone numbers are in the 01632 960xxx drama range and e-mails end in
@example.org. Output is deterministic for a given (case_number, seed) and uses the standard
library only, so generating hundreds of bundles takes well under a second each.

    python -m eval.synth OUT_DIR --cases 100 [--chronology 150 ...] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "APPOINTMENT_OUTCOMES",
    "APPOINTMENT_COLUMNS",
    "CHRONOLOGY_COLUMNS",
    "EVENT_TYPES",
    "PROFESSIONAL_COLUMNS",
    "SOURCE_TYPES",
    "case_id_for",
    "main",
    "write_bundle",
    "write_bundles",
]

# --- vocabularies fixed by the spec -------------------------------------------------------

EVENT_TYPES: tuple[str, ...] = (
    "referral", "home_visit", "no_access_visit", "assessment", "strategy_discussion",
    "section_47", "conference", "core_group", "meeting", "education", "health", "police",
    "housing", "environmental_health", "move", "court", "case_closed", "note",
)  # fmt: skip
APPOINTMENT_OUTCOMES: tuple[str, ...] = (
    "attended", "was_not_brought", "did_not_attend", "cancelled_by_family",
    "cancelled_by_service", "no_access", "rescheduled", "upcoming",
)  # fmt: skip
SOURCE_TYPES: tuple[str, ...] = (
    "professional", "family", "neighbour", "public", "child", "anonymous",
)  # fmt: skip
PROFESSIONAL_COLUMNS: tuple[str, ...] = (
    "id", "name", "role", "agency", "members", "start", "end", "phone", "email", "lead",
    "notes",
)  # fmt: skip
CHRONOLOGY_COLUMNS: tuple[str, ...] = (
    "id", "date", "agency", "event_type", "summary", "members", "source", "source_type",
    "action", "outcome", "child_seen", "recorded_by",
)  # fmt: skip
APPOINTMENT_COLUMNS: tuple[str, ...] = ("id", "date", "member", "agency", "type", "outcome",
                                        "notes")  # fmt: skip

# --- fictional vocabularies ---------------------------------------------------------------

SURNAMES = (
    "Ashcombe", "Brindle", "Callow", "Dunmere", "Elsworth", "Fenwright", "Garrow", "Hollin",
    "Ivesley", "Jessop", "Kettleby", "Larkspur", "Morrow", "Nettlefold", "Ormsby", "Pennick",
    "Quarrie", "Rushmere", "Stallard", "Thorne", "Umber", "Vellacott", "Wrenfield", "Yardley",
)  # fmt: skip
FIRST_NAMES = (
    "Alex", "Bev", "Chris", "Dana", "Eli", "Fran", "Gil", "Hana", "Imran", "Jo", "Kit", "Lena",
    "Max", "Nia", "Olu", "Pat", "Rae", "Sam", "Tariq", "Uma", "Vic", "Wes", "Yas", "Zoe",
)  # fmt: skip
LOCAL_AUTHORITIES = (
    "Example Borough", "Northvale Council", "Southmere District", "Westbrook City Council",
    "Eastholm County",
)  # fmt: skip
AREAS = (
    "Northfield", "Kingsmoor", "Ashby Vale", "Riverside", "Copperhill", "Millbrook", "Elmstead",
    "Harrowgate Park", "Lowther", "Stonebridge", "Fairholme", "Brackenfield", "Quayside",
    "Oakridge", "Thistleton", "Greyfriars",
)  # fmt: skip
TENURES = (
    "Private rented.", "Social housing tenancy.", "Temporary accommodation.",
    "Staying with maternal grandmother.", "Hostel placement.", "Sofa surfing with friends.",
    "Housing association flat.", "Private rented; eviction for rent arrears.",
    "Refuge following domestic abuse.", "Owner occupied (maternal family).",
)  # fmt: skip

# agency -> roles working there (first role is the usual case-holder)
AGENCY_ROLES: dict[str, tuple[str, ...]] = {
    "Children's Social Care": ("Social Worker", "Team Manager", "Senior Practitioner",
                               "Emergency Duty Team Worker"),
    "Early Help": ("Family Support Worker", "Lead Practitioner"),
    "Health Visiting": ("Health Visitor",),
    "Midwifery": ("Community Midwife", "Named Midwife for Child Protection"),
    "School Nursing": ("School Nurse",),
    "GP Practice": ("GP",),
    "Community Paediatrics": ("Community Paediatrician",),
    "CAMHS": ("CAMHS Practitioner",),
    "Education": ("Designated Safeguarding Lead", "Class Teacher", "Education Welfare Officer",
                  "Elective Home Education Officer"),
    "Police": ("Police Officer (Public Protection Unit)", "Detective Constable"),
    "Housing": ("Housing Officer",),
    "Environmental Health": ("Environmental Health Officer",),
    "Adult Mental Health": ("Community Psychiatric Nurse",),
    "Drug and Alcohol Services": ("Recovery Worker",),
    "Probation": ("Probation Officer",),
}  # fmt: skip
CHILD_AGENCIES = ("Health Visiting", "School Nursing", "Community Paediatrics", "CAMHS",
                  "Education")  # fmt: skip
ADULT_AGENCIES = ("Midwifery", "Adult Mental Health", "Drug and Alcohol Services", "Probation")

EVENT_AGENCIES: dict[str, tuple[str, ...]] = {
    "referral": ("Children's Social Care",),
    "home_visit": ("Children's Social Care", "Health Visiting", "Early Help"),
    "no_access_visit": ("Children's Social Care", "Health Visiting", "Early Help"),
    "assessment": ("Children's Social Care", "Early Help"),
    "strategy_discussion": ("Children's Social Care",),
    "section_47": ("Children's Social Care",),
    "conference": ("Children's Social Care",),
    "core_group": ("Children's Social Care",),
    "meeting": ("Early Help", "Children's Social Care", "Education"),
    "education": ("Education",),
    "health": ("GP Practice", "Health Visiting", "School Nursing", "Community Paediatrics",
               "CAMHS", "Midwifery"),
    "police": ("Police",),
    "housing": ("Housing",),
    "environmental_health": ("Environmental Health",),
    "move": ("Housing", "Children's Social Care", "Education"),
    "court": ("Children's Social Care",),
    "case_closed": ("Children's Social Care", "Early Help"),
    "note": ("Children's Social Care", "Early Help", "Health Visiting", "Education"),
}  # fmt: skip

CONCERNS = (
    "poor home conditions", "low school attendance", "untreated dental decay",
    "parental alcohol use", "domestic abuse", "maternal low mood", "lack of supervision",
    "weight faltering", "persistent head lice", "missed immunisations", "unexplained bruising",
    "cannabis use in the home", "rent arrears", "an unsafe sleeping arrangement",
    "the children arriving at school hungry", "a dog bite injury", "soiled clothing",
    "late collection from school", "an adult posing a risk visiting the home",
    "unmanaged asthma", "speech and language delay", "self-harm disclosed by the child",
)  # fmt: skip
HOME_DETAILS = (
    "the kitchen was cluttered with unwashed dishes", "there was little food in the fridge",
    "the children's bedroom had no bedding", "the home was warm and tidy",
    "dog faeces were seen on the landing", "a strong smell of cannabis was noted",
    "the front window was boarded up", "the living room was clean but sparsely furnished",
    "bin bags were piled in the hallway", "the children were watching television",
    "the baby was asleep in a Moses basket", "mould was visible on the bedroom wall",
    "several adults unknown to the service were present", "toys were stored safely",
)  # fmt: skip
REFERRAL_SOURCES: tuple[tuple[str, str], ...] = (
    ("school", "professional"), ("GP", "professional"), ("health visitor", "professional"),
    ("police", "professional"), ("neighbour", "neighbour"), ("anonymous caller", "anonymous"),
    ("maternal grandmother", "family"), ("mother", "family"), ("member of the public", "public"),
    ("child", "child"), ("housing officer", "professional"),
)  # fmt: skip

CHRONOLOGY_TEMPLATES: dict[str, tuple[str, ...]] = {
    "referral": (
        "Referral received from the {source} raising concerns about {concern} for {child}.",
        "{source_cap} contacted the front door reporting {concern}; {child} named.",
        "Contact from the {source} about {concern} and {concern2} in the household.",
        "Referral: {source} worried that {child} is exposed to {concern}.",
    ),
    "home_visit": (
        "Home visit by {role}; {detail}. {child} seen and spoken with.",
        "Announced visit to {area} address: {detail}; {parent} engaged well.",
        "Unannounced home visit; {detail} and {detail2}. Discussed {concern} with {parent}.",
        "Visit to review the plan; {detail}. {parent} said things had been difficult.",
    ),
    "no_access_visit": (
        "No access visit: no answer at the {area} address, curtains drawn.",
        "Attempted home visit; dog heard barking but nobody came to the door. Card left.",
        "No access: neighbour said the family had gone out; {parent} not answering phone.",
        "Visit attempted at {time}; lights on but no reply. Calling card left for {parent}.",
    ),
    "assessment": (
        "Child and family assessment started following concerns about {concern}.",
        "Assessment completed: {concern} and {concern2} identified; outcome {plan}.",
        "Graded Care Profile 2 begun with {parent}; physical care graded {grade}.",
        "Early Help assessment agreed with {parent}; focus on {concern}.",
    ),
    "strategy_discussion": (
        "Strategy discussion held with police and health regarding {concern} for {child}.",
        "Strategy discussion: reasonable cause to suspect significant harm; s47 agreed.",
        "Strategy discussion after {child} disclosed {concern} at school.",
    ),
    "section_47": (
        "Section 47 enquiries started for {child}; joint visit with police planned.",
        "Section 47 enquiry concluded: concerns about {concern} substantiated.",
        "s47 enquiries: {child} seen alone at school and spoke about {concern}.",
    ),
    "conference": (
        "Initial child protection conference: children made subject to plans under {category}.",
        "Review child protection conference; plans continue under {category}.",
        "Review conference: progress on {concern} noted; plans stepped down to child in need.",
        "Conference chaired by the independent reviewing officer; {parent} did not attend.",
    ),
    "core_group": (
        "Core group meeting; actions reviewed around {concern}. {parent} attended.",
        "Core group: school reported {concern}; HV to increase visits.",
        "Core group cancelled as {parent} unwell; rearranged for next week.",
    ),
    "meeting": (
        "Team Around the Family meeting; {parent} agreed to work on {concern}.",
        "Multi-agency meeting to share information about {concern} and {concern2}.",
        "Professionals meeting: agencies agreed to escalate concerns about {concern}.",
    ),
    "education": (
        "School reports {child}'s attendance at {pct}% this term.",
        "DSL reports {child} arrived without a coat and said there was no breakfast.",
        "{parent} gave written notice of elective home education for {child}.",
        "EWO welfare visit after {child} missed {n} days of school without explanation.",
        "School noted {concern} for {child}; logged on the safeguarding system.",
    ),
    "health": (
        "{child} seen by the GP with {concern}; advice given to {parent}.",
        "Health visitor review: {child}'s weight has dropped from the {pct}th centile.",
        "Dental extraction of {n} teeth for {child} under general anaesthetic.",
        "{child} attended the emergency department with {injury}; explanation consistent.",
        "Immunisations outstanding for {child}; reminder letter sent to {parent}.",
    ),
    "police": (
        "Police called to a verbal argument between {parent} and {parent2}; children present.",
        "Domestic abuse notification: {parent} reported being pushed by {parent2}.",
        "Police welfare check at the {area} address after a neighbour heard shouting.",
        "{parent2} arrested for breach of a non-molestation order.",
    ),
    "housing": (
        "Housing officer reports rent arrears of {money} pounds; notice seeking possession.",
        "Housing inspection: {detail}. Repairs requested.",
        "Complaint to housing about {concern} at the {area} property.",
    ),
    "environmental_health": (
        "Environmental Health received a noise complaint about loud music late at night.",
        "Nuisance complaint: rubbish accumulating in the garden of the {area} address.",
        "Environmental Health visit; pest infestation reported and treatment arranged.",
    ),
    "move": (
        "Family moved to {area}; new address shared with agencies.",
        "{parent} and the children moved to temporary accommodation in {area}.",
        "Family moved out of area to {area} without informing the school.",
    ),
    "court": (
        "Public Law Outline meeting held; letter before proceedings issued to {parent}.",
        "Care proceedings issued for {child}; interim care order granted.",
        "Family court hearing adjourned; parenting assessment ordered.",
    ),
    "case_closed": (
        "Case closed to Children's Social Care; step down to Early Help.",
        "Early Help closed: {parent} declined further support.",
        "Case closed after the family moved out of area; transfer-in conference requested.",
    ),
    "note": (
        "Telephone call with {parent} about {concern}; {parent} said all was fine.",
        "Supervision: drift noted on the plan regarding {concern}; chronology to be updated.",
        "Case note: information shared with the {agency_other} about {concern}.",
        "Management oversight recorded; agreed to review {concern} at next core group.",
    ),
}  # fmt: skip
ACTIONS = (
    "Referred to Children's Social Care", "Advice given", "Follow-up visit booked",
    "Information shared with partner agencies", "Strategy discussion requested",
    "Letter sent to parent", "Escalated to team manager", "No further action",
    "Referral to Early Help", "Safety plan agreed", "Logged on safeguarding system",
)  # fmt: skip
OUTCOMES = (
    "Concerns noted", "Plan updated", "No further action", "Awaiting response",
    "Parent agreed to actions", "Escalated", "Referral accepted", "Case remains open",
)  # fmt: skip
CATEGORIES = ("neglect", "emotional abuse", "physical abuse", "sexual abuse")
PLANS = ("child in need", "child protection", "Early Help", "no further action")
INJURIES = ("a burn to the hand", "a head injury", "a fractured wrist", "bruising to the arm",
            "a swallowed battery", "a scald")  # fmt: skip

# appointments: (agency, type, ages in years for a child's appointment or None for an adult's)
APPOINTMENT_KINDS: tuple[tuple[str, str, tuple[float, float] | None], ...] = (
    ("Community Paediatrics", "developmental review", (0.5, 6.0)),
    ("Dental Services", "dental check", (1.0, 18.0)),
    ("Health Visiting", "6-8 week check", (0.1, 0.2)),
    ("Health Visiting", "9-12 month review", (0.75, 1.0)),
    ("Health Visiting", "2-2.5 year review", (2.0, 2.5)),
    ("GP Practice", "immunisations", (0.1, 14.0)),
    ("CAMHS", "initial assessment", (5.0, 18.0)),
    ("Audiology", "hearing test", (0.0, 10.0)),
    ("Speech and Language Therapy", "speech assessment", (1.5, 8.0)),
    ("Ophthalmology", "eye clinic", (3.0, 16.0)),
    ("School Nursing", "health needs assessment", (5.0, 16.0)),
    ("Midwifery", "antenatal booking", None),
    ("Midwifery", "antenatal appointment", None),
    ("Adult Mental Health", "psychiatric review", None),
    ("Drug and Alcohol Services", "key worker session", None),
    ("GP Practice", "medication review", None),
    ("Probation", "supervision appointment", None),
)  # fmt: skip
APPOINTMENT_NOTES: dict[str, tuple[str, ...]] = {
    "attended": ("", "Seen with {parent}.", "Attended; follow-up in six months."),
    "was_not_brought": ("", "Second WNB; letter sent to {parent}.", "WNB; GP informed."),
    "did_not_attend": ("", "DNA; discharged back to GP.", "No contact made; text reminder sent."),
    "cancelled_by_family": ("", "{parent} phoned to cancel; said {child} was unwell.",
                            "Cancelled on the day by the family."),
    "cancelled_by_service": ("", "Clinic cancelled due to staff sickness.", "Clinician unwell."),
    "no_access": ("", "Home appointment: no answer at the door.", "No access; card left."),
    "rescheduled": ("", "Moved at the family's request.", "Rebooked to a later clinic."),
    "upcoming": ("", "Letter sent.", "Reminder to be sent a week before."),
}  # fmt: skip

# documents: (kind slug, title, agency, section headings)
DOCUMENT_KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("child-and-family-assessment", "Child and family assessment", "Children's Social Care",
     ("Reason for assessment", "Child's developmental needs", "Parenting capacity",
      "Family and environmental factors", "Analysis", "Recommendations")),
    ("icpc-minutes", "Initial child protection conference minutes", "Children's Social Care",
     ("Attendance", "Reports from agencies", "Parents' views", "Risk analysis", "Decision",
      "Child protection plan")),
    ("supervision-record", "Supervision record", "Children's Social Care",
     ("Case summary", "Reflection", "Actions agreed", "Management oversight")),
    ("gcp2-assessment", "Graded Care Profile 2 summary", "Early Help",
     ("Physical care", "Safety", "Love and care", "Esteem", "Overall grading")),
    ("core-group-notes", "Core group meeting notes", "Children's Social Care",
     ("Present", "Progress against the plan", "Concerns raised", "Actions")),
    ("strategy-discussion", "Strategy discussion record", "Children's Social Care",
     ("Information shared", "Police checks", "Health information", "Decision and rationale")),
    ("school-safeguarding-log", "School safeguarding summary", "Education",
     ("Attendance", "Welfare concerns", "Contact with parents", "Referrals made")),
    ("health-visitor-report", "Health visitor report to conference", "Health Visiting",
     ("Mandated contacts", "Growth and development", "Home environment", "Professional view")),
    ("letter-to-parents", "Letter before proceedings", "Children's Social Care",
     ("Why we are writing", "Our concerns", "What needs to change", "What happens next")),
)  # fmt: skip
DOC_SENTENCES = (
    "{parent} told the {role} that {concern} had improved since the last meeting.",
    "{child} presented as {mood} throughout the visit and {play}.",
    "The {agency} reported {concern} on {n} occasions during this period.",
    "There is a pattern of {concern} going back to {year}, which this chronology makes clear.",
    "When seen alone, {child} said {quote}.",
    "{parent2} was not present and has not engaged with the assessment so far.",
    "The family moved to {area} in {move_year}, which disrupted contact with universal services.",
    "Professionals agreed that {concern} and {concern2} together raise the level of risk.",
    "{parent} accepted that {concern} was affecting the children but minimised its impact.",
    "Records show {n} missed health appointments for {child}, including dental and audiology.",
    "On the most recent visit {detail}, and {detail2}.",
    "The {role} will visit every {n} weeks and report back to the core group.",
    "{child}'s school attendance is {pct}% this year, below the expected level.",
    "Disguised compliance was discussed: {parent} agrees to actions but these are not sustained.",
    "The plan is reviewed against what has changed for {child}, not what has been attended.",
    "It is not clear who else is living at the {area} address; this needs to be checked.",
    "{parent} described feeling isolated and said support from {agency} had helped.",
    "Information from the {agency} was not shared until {n} weeks after the incident.",
    "The lived experience of {child} remains the focus: {child} is often {mood} at school.",
    "A written agreement was signed by {parent} covering {concern}.",
)  # fmt: skip
MOODS = ("quiet and withdrawn", "lively and chatty", "tired", "anxious", "watchful",
         "happy and settled", "hungry", "unkempt", "clingy to {parent}")  # fmt: skip
PLAYS = ("played with building blocks", "showed the worker a drawing", "stayed on the sofa",
         "asked for food", "talked about school friends", "would not make eye contact")  # fmt: skip
QUOTES = (
    '"mum sleeps a lot"', '"I like it at nan\'s house"', '"dad shouts"',
    '"there is nothing for tea"', '"I am fine"', '"I look after my little brother"',
)  # fmt: skip


def case_id_for(case_number: int) -> str:
    """The case id (and folder name) for a synthetic case number."""
    return f"SYN-{case_number:05d}"


# --- the generated case -------------------------------------------------------------------


@dataclass
class _Member:
    id: str
    name: str
    role: str
    dob: dt.date
    gender: str
    aliases: list[str]
    notes: str = ""


@dataclass
class _Address:
    id: str
    start: dt.date
    end: dt.date | None
    area: str
    local_authority: str
    members: str
    notes: str


@dataclass
class _Professional:
    id: str
    name: str
    role: str
    agency: str
    members: str
    start: dt.date
    end: dt.date | None
    lead: bool
    notes: str


@dataclass
class _Case:
    rng: random.Random
    case_id: str
    surname: str
    surname2: str
    local_authority: str
    opened: dt.date
    until: dt.date
    members: list[_Member] = field(default_factory=list)
    addresses: list[_Address] = field(default_factory=list)
    professionals: list[_Professional] = field(default_factory=list)

    @property
    def children(self) -> list[_Member]:
        return [m for m in self.members if m.role == "child"]

    @property
    def parents(self) -> list[_Member]:
        return [m for m in self.members if m.role == "parent"]

    def children_born_by(self, day: dt.date) -> list[_Member]:
        return [c for c in self.children if c.dob <= day]

    def address_on(self, day: dt.date) -> _Address | None:
        for a in self.addresses:
            if a.start <= day and (a.end is None or day <= a.end):
                return a
        return self.addresses[-1] if self.addresses else None

    def values(self, day: dt.date, children: Sequence[_Member] = ()) -> dict[str, Any]:
        """Random template values for one sentence."""
        rng = self.rng
        kids = list(children) or self.children_born_by(day) or self.children
        parents = self.parents
        parent, parent2 = rng.sample(parents, 2)
        prof = rng.choice(self.professionals) if self.professionals else None
        c1, c2 = rng.sample(CONCERNS, 2)
        d1, d2 = rng.sample(HOME_DETAILS, 2)
        source = rng.choice(REFERRAL_SOURCES)[0]
        address = self.address_on(day)
        return {
            "child": rng.choice(kids).name,
            "parent": parent.name,
            "parent2": parent2.name,
            "role": prof.role if prof else "social worker",
            "agency": prof.agency if prof else "Children's Social Care",
            "agency_other": rng.choice(tuple(AGENCY_ROLES)),
            "area": address.area if address else AREAS[0],
            "move_year": address.start.year if address else day.year,
            "concern": c1,
            "concern2": c2,
            "detail": d1,
            "detail2": d2,
            "source": source,
            "source_cap": source[0].upper() + source[1:],
            "plan": rng.choice(PLANS),
            "category": rng.choice(CATEGORIES),
            "grade": rng.randint(1, 5),
            "pct": rng.randint(48, 97),
            "n": rng.randint(2, 9),
            "money": rng.randrange(300, 4800, 25),
            "time": f"{rng.randint(9, 18):02d}:{rng.choice(('00', '15', '30', '45'))}",
            "injury": rng.choice(INJURIES),
            "mood": rng.choice(MOODS).format(parent=parent.name),
            "play": rng.choice(PLAYS),
            "quote": rng.choice(QUOTES),
            "year": rng.randint(self.opened.year - 2, day.year),
        }


def _rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _person_name(rng: random.Random, avoid: Sequence[str]) -> str:
    surname = rng.choice([s for s in SURNAMES if s not in avoid])
    return f"{rng.choice(FIRST_NAMES)} {surname}"


def _build_case(case_number: int, seed: int, *, professionals: int, addresses: int) -> _Case:
    rng = random.Random(f"casebrief-synth:{seed}:{case_number}")
    surname, surname2 = rng.sample(SURNAMES, 2)
    opened = _rand_date(rng, dt.date(2012, 1, 1), dt.date(2019, 12, 31))
    until = min(opened + dt.timedelta(days=rng.randint(4 * 365, 7 * 365)), dt.date(2025, 6, 30))
    case = _Case(rng, case_id_for(case_number), surname, surname2,
                 rng.choice(LOCAL_AUTHORITIES), opened, until)  # fmt: skip

    n_children = rng.randint(1, 6)
    # children are born up to 2 years after the case opened; none is over 17 when records end
    dobs = sorted(
        _rand_date(rng, until - dt.timedelta(days=17 * 365), opened + dt.timedelta(days=730))
        for _ in range(n_children)
    )
    year = dt.timedelta(days=365)
    mother = _Member("mother", f"Ms {surname}", "parent",
                     _rand_date(rng, dobs[0] - 34 * year, dobs[0] - 17 * year), "female",
                     ["Mum", "mother", surname])  # fmt: skip
    father = _Member("father", f"Mr {surname2}", "parent",
                     _rand_date(rng, dobs[0] - 40 * year, dobs[0] - 18 * year), "male",
                     ["Dad", "father", surname2])  # fmt: skip
    children: list[_Member] = []
    for i, dob in enumerate(dobs, start=1):
        aliases = [f"C{i}"]
        if n_children > 1 and i == 1:
            aliases.append("the eldest")
        elif n_children > 1 and i == n_children:
            aliases.append("the youngest")
        notes = ""
        if rng.random() < 0.25:
            notes = rng.choice((
                "Removed from school roll for elective home education.",
                "Known to speech and language therapy.", "Has asthma; inhaler at school.",
                "Spends weekends with paternal grandparents.", "Young carer for mother.",
            ))  # fmt: skip
        children.append(_Member(f"child-{i}", f"Child {i}", "child", dob,
                                rng.choice(("male", "female")), aliases, notes))  # fmt: skip
    case.members = [*children, mother, father]

    # addresses spread from before the eldest child's birth to now; the last is open-ended
    if addresses > 0:
        first = min(dobs[0], opened) - dt.timedelta(days=rng.randint(180, 3 * 365))
        span = (until - first).days
        cuts = sorted(rng.sample(range(1, span), min(addresses - 1, span - 1)))
        starts = [first] + [first + dt.timedelta(days=c) for c in cuts]
        areas = rng.sample(AREAS, min(len(AREAS), addresses))
        for i, start in enumerate(starts):
            end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None
            members = ""
            if rng.random() < 0.2:
                members = ";".join(m.id for m in rng.sample(case.members, 2))
            la = case.local_authority if rng.random() < 0.8 else rng.choice(LOCAL_AUTHORITIES)
            case.addresses.append(_Address(f"addr-{i + 1:02d}", start, end, areas[i % len(areas)],
                                           la, members, rng.choice(TENURES)))  # fmt: skip

    # professionals: the first is the one current lead social worker
    agencies = tuple(AGENCY_ROLES)
    for i in range(professionals):
        if i == 0:
            agency, role = "Children's Social Care", "Social Worker"
            start = _rand_date(rng, until - dt.timedelta(days=540), until - dt.timedelta(days=30))
            end: dt.date | None = None
        else:
            agency = rng.choice(agencies)
            role = rng.choice(AGENCY_ROLES[agency])
            start = _rand_date(rng, opened - dt.timedelta(days=365), until)
            end = None
            if rng.random() < 0.6:
                end = _rand_date(rng, start + dt.timedelta(days=30), start + dt.timedelta(days=900))
                if end >= until:
                    end = None
        if agency in CHILD_AGENCIES:
            members = ";".join(c.id for c in rng.sample(children, rng.randint(1, n_children)))
        elif agency in ADULT_AGENCIES:
            members = rng.choice(("mother", "father")) if role != "Community Midwife" else "mother"
        else:
            members = ""
        notes = ""
        if i == 0:
            notes = "Lead professional and central point of contact."
        elif end is not None and rng.random() < 0.5:
            notes = rng.choice(("Left the service.", "Case transferred.", "Involvement ended."))
        pid = f"prof-{i + 1:03d}"
        case.professionals.append(
            _Professional(
                pid,
                _person_name(rng, (surname, surname2)),
                role,
                agency,
                members,
                start,
                end,
                i == 0,
                notes,
            )
        )
    return case


# --- writers ------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _case_yaml(case: _Case) -> str:
    kids = case.children
    summary = (
        f"Synthetic benchmark case. {len(kids)} child{'ren' if len(kids) > 1 else ''} "
        f"living with {case.parents[0].name} and {case.parents[1].name}; known to agencies "
        f"since {case.opened.year} for {case.rng.choice(CONCERNS)} and "
        f"{case.rng.choice(CONCERNS)}."
    )
    lines = [
        f"case_id: {case.case_id}",
        f"title: {_q(f'The {case.surname} family')}",
        f"local_authority: {_q(case.local_authority)}",
        f"opened: {case.opened.isoformat()}",
        f"summary: {_q(summary)}",
        "members:",
    ]
    for m in case.members:
        lines += [
            f"  - id: {m.id}",
            f"    name: {_q(m.name)}",
            f"    aliases: [{', '.join(_q(a) for a in m.aliases)}]",
            f"    role: {m.role}",
            f"    date_of_birth: {m.dob.isoformat()}",
            f"    gender: {m.gender}",
        ]
        if m.notes:
            lines.append(f"    notes: {_q(m.notes)}")
    if case.addresses:
        lines.append("addresses:")
    for a in case.addresses:
        lines += [
            f"  - id: {a.id}",
            f"    from: {a.start.isoformat()}",
            f"    to: {a.end.isoformat() if a.end else ''}".rstrip(),
            f"    area: {_q(a.area)}",
            f"    local_authority: {_q(a.local_authority)}",
            f"    notes: {_q(a.notes)}",
        ]
        if a.members:  # omitted = the whole household
            lines.append(f"    members: {a.members}")
    return "\n".join(lines) + "\n"


def _write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _professional_rows(case: _Case) -> list[dict[str, str]]:
    rows = []
    for n, p in enumerate(case.professionals):
        first, last = p.name.split(" ", 1)
        rows.append({
            "id": p.id, "name": p.name, "role": p.role, "agency": p.agency,
            "members": p.members, "start": p.start.isoformat(),
            "end": p.end.isoformat() if p.end else "",
            "phone": f"01632 960{n % 1000:03d}",
            "email": f"{first.lower()}.{last.lower()}@example.org",
            "lead": "yes" if p.lead else "", "notes": p.notes,
        })  # fmt: skip
    return rows


def _recorder(case: _Case, agency: str, day: dt.date) -> str:
    current = [
        p
        for p in case.professionals
        if p.agency == agency and p.start <= day and (p.end is None or day <= p.end)
    ]
    if current:
        p = case.rng.choice(current)
        return f"{p.name} ({p.role})"
    return AGENCY_ROLES.get(agency, ("Duty worker",))[0]


def _chronology_rows(case: _Case, count: int) -> list[dict[str, str]]:
    rng = case.rng
    types = [EVENT_TYPES[i % len(EVENT_TYPES)] for i in range(count)]
    rng.shuffle(types)
    if "referral" in types:  # the chronology opens with a referral
        j = types.index("referral")
        types[0], types[j] = types[j], types[0]
    days = sorted(_rand_date(rng, case.opened, case.until) for _ in range(count))
    rows = []
    for i, (day, etype) in enumerate(zip(days, types, strict=True)):
        agency = rng.choice(EVENT_AGENCIES[etype])
        born = case.children_born_by(day)
        r = rng.random()
        if r < 0.3 or not born:
            concerned: list[_Member] = []
            members = ""
        elif r < 0.8:
            concerned = rng.sample(born, rng.randint(1, len(born)))
            concerned.sort(key=lambda m: m.id)
            members = ";".join(m.id for m in concerned)
        else:
            concerned = [rng.choice(born)]
            members = ";".join([concerned[0].id, rng.choice(case.parents).id])
        if etype == "referral":
            source, source_type = rng.choice(REFERRAL_SOURCES)
        elif etype in ("police", "environmental_health") and rng.random() < 0.5:
            source, source_type = rng.choice((("neighbour", "neighbour"),
                                              ("member of the public", "public"),
                                              ("anonymous caller", "anonymous")))  # fmt: skip
        elif rng.random() < 0.15:
            source, source_type = rng.choice((("mother", "family"), ("child", "child")))
        else:
            source, source_type = agency, "professional"
        values = case.values(day, concerned)
        if etype == "referral":
            values["source"] = source
            values["source_cap"] = source[0].upper() + source[1:]
        summary = rng.choice(CHRONOLOGY_TEMPLATES[etype]).format(**values)
        if rng.random() < 0.35:
            summary += " " + rng.choice((
                "Impact on {child}: {concern}.", "{parent} disputed the account.",
                "Previous similar concern in {year}.", "{child} appeared {mood}.",
                "Information shared with the {agency_other}.",
            )).format(**values)  # fmt: skip
        child_seen = ""
        kids_here = concerned and [m for m in concerned if m.role == "child"]
        if etype == "home_visit":
            kids_here = kids_here or born
            if len(kids_here) > 1 and rng.random() < 0.4:
                child_seen = ";".join(f"{m.id}:{rng.choice(('yes', 'no', 'alone'))}"
                                      for m in kids_here)  # fmt: skip
            else:
                child_seen = rng.choice(("yes", "yes", "no", "alone"))
        elif etype == "no_access_visit":
            child_seen = "no"
        rows.append({
            "id": f"chron-{i + 1:04d}", "date": day.isoformat(), "agency": agency,
            "event_type": etype, "summary": summary, "members": members, "source": source,
            "source_type": source_type,
            "action": rng.choice(ACTIONS) if rng.random() < 0.7 else "",
            "outcome": rng.choice(OUTCOMES) if rng.random() < 0.6 else "",
            "child_seen": child_seen, "recorded_by": _recorder(case, agency, day),
        })  # fmt: skip
    return rows


def _appointment_rows(case: _Case, count: int) -> list[dict[str, str]]:
    rng = case.rng
    outcomes = [APPOINTMENT_OUTCOMES[i % len(APPOINTMENT_OUTCOMES)] for i in range(count)]
    rng.shuffle(outcomes)
    adult_kinds = [k for k in APPOINTMENT_KINDS if k[2] is None]
    drafts: list[tuple[dt.date, str, str, str, str, str]] = []
    for outcome in outcomes:
        if outcome == "upcoming":
            day = _rand_date(rng, case.until + dt.timedelta(days=1),
                             case.until + dt.timedelta(days=120))  # fmt: skip
        else:
            day = _rand_date(rng, case.opened, case.until)
        born = case.children_born_by(day)
        for_child = (
            outcome != "did_not_attend"
            and bool(born)
            and (outcome == "was_not_brought" or rng.random() < 0.75)
        )
        if for_child:
            member = rng.choice(born)
            age = (day - member.dob).days / 365.25
            fitting = [k for k in APPOINTMENT_KINDS if k[2] and k[2][0] <= age <= k[2][1]]
            agency, kind, _ = rng.choice(fitting or [APPOINTMENT_KINDS[1]])
        else:
            member = rng.choice(case.parents)
            agency, kind, _ = rng.choice(adult_kinds)
            if kind.startswith("antenatal"):
                member = case.parents[0]
        if outcome == "was_not_brought" and not for_child:
            outcome = "did_not_attend"  # no child born yet: an adult's own appointment
        values = case.values(day, [member] if for_child else ())
        notes = rng.choice(APPOINTMENT_NOTES[outcome]).format(**values)
        drafts.append((day, member.id, agency, kind, outcome, notes))
    drafts.sort(key=lambda d: (d[0], d[1]))
    return [
        {"id": f"appt-{i + 1:04d}", "date": d[0].isoformat(), "member": d[1], "agency": d[2],
         "type": d[3], "outcome": d[4], "notes": d[5]}
        for i, d in enumerate(drafts)
    ]  # fmt: skip


def _document(case: _Case, index: int) -> tuple[str, str]:
    rng = case.rng
    slug, title, agency, headings = DOCUMENT_KINDS[(index + rng.randrange(len(DOCUMENT_KINDS)))
                                                   % len(DOCUMENT_KINDS)]  # fmt: skip
    day = _rand_date(rng, case.opened, case.until)
    born = case.children_born_by(day) or case.children
    about = sorted(rng.sample(born, rng.randint(1, len(born))), key=lambda m: m.id)
    n_sections = rng.randint(3, min(6, len(headings)))
    chosen = sorted(rng.sample(range(len(headings)), n_sections))
    out = [
        "---",
        f"title: {_q(title)}",
        f"date: {day.isoformat()}",
        f"agency: {_q(agency)}",
        f"members: {';'.join(m.id for m in about)}",
        "---",
        "",
        f"# {title}: {case.case_id} ({', '.join(m.name for m in about)})",
        "",
    ]
    for h in chosen:
        out += [f"## {headings[h]}", ""]
        for _ in range(1 if rng.random() < 0.8 else 2):
            sentences = []
            for template in rng.sample(DOC_SENTENCES, rng.randint(3, 6)):
                sentences.append(template.format(**case.values(day, about)))
            out += [" ".join(sentences), ""]
    return f"doc-{index + 1:02d}-{slug}.md", "\n".join(out)


def write_bundle(
    out_dir: Path,
    case_number: int,
    *,
    chronology: int = 150,
    appointments: int = 60,
    professionals: int = 25,
    addresses: int = 13,
    documents: int = 4,
    seed: int = 0,
) -> Path:
    """Write one bundle folder out_dir/SYN-{case_number:05d} and return its path.

    An existing folder of that name is replaced. Output depends only on the arguments. The
    first professional is the one current lead (so professionals=0 means no lead).
    """
    for name, value in (("chronology", chronology), ("appointments", appointments),
                        ("professionals", professionals), ("addresses", addresses),
                        ("documents", documents)):  # fmt: skip
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    if case_number < 0:
        raise ValueError(f"case_number must be >= 0, got {case_number}")
    case = _build_case(case_number, seed, professionals=professionals, addresses=addresses)
    bundle = Path(out_dir) / case.case_id
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir(parents=True)
    (bundle / "case.yaml").write_text(_case_yaml(case), encoding="utf-8")
    _write_csv(bundle / "professionals.csv", PROFESSIONAL_COLUMNS, _professional_rows(case))
    _write_csv(bundle / "chronology.csv", CHRONOLOGY_COLUMNS, _chronology_rows(case, chronology))
    _write_csv(bundle / "appointments.csv", APPOINTMENT_COLUMNS,
               _appointment_rows(case, appointments))  # fmt: skip
    if documents:
        docs = bundle / "documents"
        docs.mkdir()
        for i in range(documents):
            name, text = _document(case, i)
            (docs / name).write_text(text, encoding="utf-8")
    return bundle


def write_bundles(out_dir: Path, cases: int, **sizes: int) -> list[Path]:
    """Write bundles SYN-00001 .. SYN-{cases} under out_dir; sizes are write_bundle's keywords."""
    return [write_bundle(out_dir, n, **sizes) for n in range(1, cases + 1)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eval.synth", description="Write synthetic CaseBrief case bundles."
    )
    parser.add_argument("out_dir", type=Path, help="folder to write SYN-xxxxx bundles into")
    parser.add_argument("--cases", type=int, default=100, help="number of bundles (default 100)")
    parser.add_argument("--chronology", type=int, default=150, help="chronology rows per case")
    parser.add_argument("--appointments", type=int, default=60, help="appointments per case")
    parser.add_argument("--professionals", type=int, default=25, help="professionals per case")
    parser.add_argument("--addresses", type=int, default=13, help="addresses per case")
    parser.add_argument("--documents", type=int, default=4, help="documents per case")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    paths = write_bundles(
        args.out_dir, args.cases, chronology=args.chronology, appointments=args.appointments,
        professionals=args.professionals, addresses=args.addresses, documents=args.documents,
        seed=args.seed,
    )  # fmt: skip
    print(f"wrote {len(paths)} bundles to {args.out_dir} in {time.perf_counter() - t0:.2f} s",
          file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
