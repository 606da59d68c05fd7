# ruff: noqa: E501
"""FAM-0215, "The Brierley family": a small, wholly fictional second case.

It exists so tests can check that two cases never mix: it reuses the member ids
(child-a, child-b, mother, father), the display names ("Child A", "Mother") and the
record-id scheme (chr-001, apt-001, pro-001, addr-01) of FAM-0107, in a different
local authority. Its appointments are an .xlsx workbook and its professionals.csv has a
UTF-8 byte-order mark and a differently-cased header.
"""

from __future__ import annotations

# One record per line reads better than the formatter's layout for this data.
# fmt: off

CASE_ID = "FAM-0215"
DUNMERE = "Dunmere City Council"

CASE = {
    "case_id": CASE_ID,
    "title": "The Brierley family",
    "local_authority": DUNMERE,
    "opened": "2018-02-06",
    "summary": (
        "Two children living with their mother, who has depression; father lives apart "
        "after a domestic incident in 2016. Early Help 2016-17 (closed, goals met). Child in "
        "need plan since March 2018 after Child A told school she looks after her mother. "
        "Mother engaging; improving."
    ),
}

MEMBERS = [
    {"id": "child-a", "name": "Child A", "aliases": ["A", "Maisie", "the older one"],
     "role": "child", "date_of_birth": "2012-04-03", "gender": "female",
     "notes": "Pennyfield Primary School, Year 1. Young carer for her mother."},
    {"id": "child-b", "name": "Child B", "aliases": ["B", "Tyler", "the little one"],
     "role": "child", "date_of_birth": "2015-09-17", "gender": "male",
     "notes": "At home; nursery place from September 2018. Speech delay."},
    {"id": "mother", "name": "Mother", "aliases": ["Nicola Brierley", "Nicola", "Ms Brierley", "mum"],
     "role": "parent", "date_of_birth": "1990-02-11", "gender": "female",
     "notes": "Depression; under the community mental health team since April 2018."},
    {"id": "father", "name": "Father", "aliases": ["Lee Brierley", "Lee", "Mr Brierley", "dad"],
     "role": "parent", "date_of_birth": "1988-07-23", "gender": "male",
     "notes": "Lives separately since August 2016. Supervised contact under a child arrangements order."},
]

ADDRESSES = [
    ("addr-01", "2014-03-01", "2016-09-01", "Eastbrook", DUNMERE, "",
     "Council flat, whole family."),
    ("addr-02", "2016-09-01", "2017-12-04", "Tollgate", DUNMERE, "mother;child-a;child-b",
     "Private rented flat after the parents separated."),
    ("addr-03", "2017-12-04", "", "Pennyfield", DUNMERE, "mother;child-a;child-b",
     "Housing association house. Current address."),
]

# (name, role, agency, members, start, end, lead, notes)
PROFESSIONALS = [
    ("Dr Kwame Boateng", "GP", "GP (Pennyfield Medical Centre)", "", "2014-03-10", "", "", ""),
    ("Alison Frayne", "Health Visitor", "Dunmere Health Visiting", "A B MUM", "2015-09-29", "", "", ""),
    ("Priya Desai", "Family Support Worker", "Dunmere Early Help", "A B MUM", "2016-08-18", "2017-07-20", "yes", "Closed with goals met."),
    ("Janine Moss", "Designated Safeguarding Lead", "Pennyfield Primary School", "A", "2017-12-11", "", "", ""),
    ("Tom Whitcombe", "Social Worker", "Dunmere Children's Social Care", "", "2018-02-08", "", "yes", "Lead professional for the child in need plan."),
    ("Sophie Lang", "Community Mental Health Nurse", "Dunmere Community Mental Health Team", "MUM", "2018-04-17", "", "", ""),
]

CHRONOLOGY: list[dict] = []


def ev(date, agency, event_type, members, summary, *, source="", source_type="", action="",
       outcome="", seen="", by="", key=None):
    CHRONOLOGY.append(dict(date=date, agency=agency, event_type=event_type, members=members,
                           summary=summary, source=source, source_type=source_type,
                           action=action, outcome=outcome, child_seen=seen, recorded_by=by,
                           key=key))


DCSC = "Dunmere Children's Social Care"
DEH = "Dunmere Early Help"
DHV = "Dunmere Health Visiting"

ev("2014-03-01", "Dunmere Housing Options", "move", "A MUM DAD", "Parents and Child A moved into a council flat in Eastbrook (addr-01).", source="Housing Options", source_type="professional")
ev("2015-09-17", "Midwifery (Dunmere Royal Infirmary)", "health", "B MUM", "Child B born at 40 weeks after an uneventful pregnancy; mother booked at 9 weeks and attended every appointment.", source="Midwife", source_type="professional")
ev("2015-09-29", DHV, "home_visit", "A B MUM", "New birth visit for Child B. Baby feeding well. Child A (3) chatty and proud of her brother. Home clean and well organised.", seen="yes", by="Alison Frayne (HV)")
ev("2016-07-30 22:10", "Police", "police", "A B MUM DAD", "Mother called police after father pushed her during an argument. Children asleep upstairs. Father left voluntarily.", source="Mother", source_type="family", action="Notification to CSC.", outcome="Father given a warning; DASH risk: standard.")
ev("2016-08-02", DCSC, "referral", "A B MUM", "Police notification screened. Mother says father has moved out and she wants help.", source="Police", source_type="professional", action="Stepped down to Early Help with mother's consent.", by="Duty social worker")
ev("2016-08-18", DEH, "assessment", "A B MUM", "Early Help assessment: mother's low mood since the separation; worries about money and housing.", outcome="Support plan agreed.", by="Priya Desai (FSW)")
ev("2016-09-01", "Dunmere Housing Options", "move", "A B MUM", "Mother and children moved to a private rented flat in Tollgate (addr-02).", source="Mother", source_type="family")
ev("2016-09-12", DEH, "meeting", "A B MUM", "Team Around the Family meeting: housing, settling Child A into Reception, GP appointment for mother.", by="Priya Desai (FSW)")
ev("2016-11-22", DEH, "home_visit", "A B MUM", "Home visit. Child A spoken to on her own in her bedroom: she likes school and misses dad. Child B seen with mother.", seen="child-a:alone;child-b:yes", by="Priya Desai (FSW)")
ev("2017-01-10", "Tollgate Infant School", "education", "A", "Child A's attendance this term is 88%, mostly late arrivals.", source="School", source_type="professional")
ev("2017-03-14", "GP (Pennyfield Medical Centre)", "health", "MUM", "Mother started antidepressants and was referred to talking therapies.", source="GP", source_type="professional", by="Dr Kwame Boateng")
ev("2017-05-16", DEH, "meeting", "A B MUM", "TAF review: mother attending therapy, attendance improving, debts under a repayment plan.", by="Priya Desai (FSW)")
ev("2017-07-20", DEH, "case_closed", "A B MUM", "Early Help closed: all plan goals met and mother confirmed she knows how to ask for help again.", outcome="Closed - goals met.", by="Priya Desai (FSW)")
ev("2017-10-03", "Family Court", "court", "A B DAD MUM", "Child arrangements order: father to have supervised contact at the Dunmere contact centre every other Saturday.", outcome="Order made.")
ev("2017-12-04", "Dunmere Housing Options", "move", "A B MUM", "Mother and children moved to a housing association house in Pennyfield (addr-03).", source="Housing Options", source_type="professional")
ev("2018-01-15", "Pennyfield Primary School", "education", "A", "Child A started at Pennyfield Primary in December; attendance since then 84%.", source="School", source_type="professional")
ev("2018-02-06", "Pennyfield Primary School", "referral", "A B MUM", "DSL referral: Child A said she makes breakfast for her brother because 'mummy cries in bed and can't get up'.", source="Child A", source_type="child", action="Single assessment started.", by="Janine Moss (DSL)")
ev("2018-02-14 14:00", DCSC, "home_visit", "B MUM", "Assessment visit. Mother still in bed at 2pm and Child B in a nappy that needed changing; little food in. Mother tearful and open about her depression.", seen="yes", by="Tom Whitcombe (SW)")
ev("2018-02-15", DCSC, "assessment", "A", "Child A seen alone at school. She worries about her mum and likes it when her nan visits.", seen="alone", by="Tom Whitcombe (SW)")
ev("2018-03-20", DCSC, "assessment", "A B MUM", "Single assessment completed (working day 29): children in need. Plan: mental health referral, nursery place for Child B, young carers support for Child A.", by="Tom Whitcombe (SW)")
ev("2018-04-10", DCSC, "meeting", "A B MUM", "Child in need meeting. Community mental health nurse now involved. Mother attended and contributed to the plan.", by="Tom Whitcombe (SW)")
ev("2018-05-22", DCSC, "no_access_visit", "A B", "Planned visit: nobody in. Mother phoned later; she had taken Child B to the walk-in centre with an ear infection.", seen="no", by="Tom Whitcombe (SW)")
ev("2018-06-12", DCSC, "home_visit", "A B MUM", "Home tidy, food in the cupboards, mother up and dressed. Both children seen; Child A seen alone and said 'mum is better'.", seen="child-a:alone;child-b:yes", by="Tom Whitcombe (SW)")

# (date, member, agency, type, outcome, notes)
APPOINTMENTS = [
    ("2013-04-16", "A", DHV, "9-12 month developmental review", "attended", ""),
    ("2014-05-13", "A", DHV, "2-year developmental review", "attended", ""),
    ("2015-11-10", "B", DHV, "6-8 week review", "attended", ""),
    ("2016-09-20", "B", DHV, "9-12 month developmental review", "was_not_brought", "Family had just moved."),
    ("2016-10-04", "B", DHV, "9-12 month developmental review", "attended", ""),
    ("2017-02-21", "A", "Community Dental Service", "dental check-up", "attended", ""),
    ("2017-03-14", "MUM", "GP (Pennyfield Medical Centre)", "GP appointment (low mood)", "attended", ""),
    ("2017-09-19", "B", DHV, "2-2.5 year developmental review", "cancelled_by_family", ""),
    ("2017-10-17", "B", DHV, "2-2.5 year developmental review", "attended", "Speech delay; SALT referral."),
    ("2017-11-11", "DAD", "Dunmere Contact Centre", "supervised contact session", "did_not_attend", ""),
    ("2018-03-06", "A", "Community Dental Service", "dental check-up", "was_not_brought", ""),
    ("2018-03-06", "B", "Community Dental Service", "dental check-up", "was_not_brought", ""),
    ("2018-03-27", "MUM", "Dunmere Community Mental Health Team", "mental health assessment", "did_not_attend", ""),
    ("2018-04-17 11:00", "MUM", "Dunmere Community Mental Health Team", "mental health assessment", "attended", ""),
    ("2018-05-15", "B", "Speech and Language Therapy", "speech and language therapy", "rescheduled", "Therapist on leave."),
    ("2018-07-10", "B", "Speech and Language Therapy", "speech and language therapy", "upcoming", ""),
    ("2018-07-19", "A", "Audiology", "hearing test", "upcoming", ""),
]

DOCUMENT_NAME = "2018-03-20-single-assessment-summary.md"
DOCUMENT_MD = """---
title: Single assessment summary - the Brierley children
date: 2018-03-20
agency: Dunmere Children's Social Care
members: child-a;child-b;mother
---

# Single assessment summary: the Brierley children

## Reason for assessment

Pennyfield Primary referred on 6 February 2018 after Child A (Maisie, 5) said she makes
breakfast for her little brother because her mum "cries in bed and can't get up".

## Findings

Mother has depression, which got worse after the move to Pennyfield in December 2017. On the
first visit she was still in bed at 2pm and Child B (Tyler, 2) needed changing. She was open
about how she was feeling and asked for help. Child A is a caring girl who has taken on jobs at
home that are not hers. Both children are warmly attached to their mother. Father has supervised
contact every other Saturday and has missed one session.

## Decision and plan

The children are children in need (section 17). Plan: referral to the community mental health
team; young carers group for Child A; nursery place for Child B from September; health visitor
to review Child B's speech. Child in need meetings every six weeks. Social worker Tom Whitcombe
is the lead professional.
"""
