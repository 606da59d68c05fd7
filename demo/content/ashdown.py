# ruff: noqa: E501
"""FAM-0107, "The Ashdown family": a wholly fictional family for the CaseBrief demo.

The shape of the history (six children, 13 moves across two local authorities, an eldest
child taken out of school and no longer seen, a controlling father, noise complaints,
a high-risk pregnancy, child protection action in March 2018 and court in June 2018)
follows the facts of a published serious case review. Every name, place, date, agency
and sentence is invented for the demo.
"""

from __future__ import annotations

# One record per line reads better than the formatter's layout for this data.
# fmt: off

CASE_ID = "FAM-0107"
KELSWORTH = "Kelsworth Borough"
MARLOW = "Marlow Vale County"

CASE = {
    "case_id": CASE_ID,
    "title": "The Ashdown family",
    "local_authority": MARLOW,
    "opened": "2018-03-09",
    "summary": (
        "Six children aged 2 to 16 and an unborn baby (due October 2018). Known on and off "
        "to two local authorities since 2004: 13 moves, repeated closures for non-engagement, "
        "many neighbour noise complaints. The eldest, Child A, has significant additional "
        "needs and was taken off the school roll for elective home education in May 2015; "
        "he has hardly been seen by any professional since. Child protection plans since "
        "April 2018; child assessment order for Child A made June 2018. High-risk pregnancy."
    ),
}

MEMBERS = [
    {
        "id": "child-a",
        "name": "Child A",
        "aliases": ["A", "Callum", "the eldest", "eldest boy", "the oldest boy"],
        "role": "child",
        "date_of_birth": "2002-01-18",
        "gender": "male",
        "notes": (
            "Significant additional needs (language delay, suspected autism, learning "
            "difficulties; never fully assessed). Removed from the school roll on 13 May 2015 "
            "for elective home education. Subject of a child assessment order from 9 July 2018."
        ),
    },
    {
        "id": "child-b",
        "name": "Child B",
        "aliases": ["B", "Jade"],
        "role": "child",
        "date_of_birth": "2004-06-09",
        "gender": "female",
        "notes": "Hasleby Academy, Year 9. Her disclosure in March 2018 started the section 47 enquiries.",
    },
    {
        "id": "child-c",
        "name": "Child C",
        "aliases": ["C", "Ryan"],
        "role": "child",
        "date_of_birth": "2007-03-22",
        "gender": "male",
        "notes": "Hasleby Primary, Year 6. Aggressive behaviour at school since 2017.",
    },
    {
        "id": "child-d",
        "name": "Child D",
        "aliases": ["D", "Summer"],
        "role": "child",
        "date_of_birth": "2010-08-14",
        "gender": "female",
        "notes": "Hasleby Primary, Year 3.",
    },
    {
        "id": "child-e",
        "name": "Child E",
        "aliases": ["E", "Leo"],
        "role": "child",
        "date_of_birth": "2013-02-05",
        "gender": "male",
        "notes": "Hasleby Primary, Reception. Speech delay.",
    },
    {
        "id": "child-f",
        "name": "Child F",
        "aliases": ["F", "Poppy", "the baby", "the youngest"],
        "role": "child",
        "date_of_birth": "2016-01-11",
        "gender": "female",
        "notes": "Faltering growth; missed paediatric appointments in 2017.",
    },
    {
        "id": "unborn",
        "name": "Unborn baby",
        "aliases": ["the unborn baby", "the unborn", "baby Ashdown", "the pregnancy"],
        "role": "unborn",
        "expected_date": "2018-10-19",
        "notes": "High-risk pregnancy (seventh pregnancy, previous pre-eclampsia, consultant-led care).",
    },
    {
        "id": "mother",
        "name": "Mother",
        "aliases": ["Kerry Ashdown", "Kerry", "Ms Ashdown", "mum", "mother"],
        "role": "parent",
        "date_of_birth": "1983-09-30",
        "gender": "female",
        "notes": "Mother of all six children. Rarely seen without the father present.",
    },
    {
        "id": "father",
        "name": "Father",
        "aliases": ["Darren Ashdown", "Darren", "Mr Ashdown", "dad", "father"],
        "role": "parent",
        "date_of_birth": "1979-05-02",
        "gender": "male",
        "notes": (
            "Father of all six children. Controlling and intimidating towards professionals "
            "and neighbours; caution for common assault (January 2014)."
        ),
    },
]

# The family's 13 homes between November 2004 and July 2017 (the "move" rows in the
# chronology use the same dates). addr-07 is the one period the father lived elsewhere.
ADDRESSES = [
    ("addr-01", "2004-11-15", "2006-02-14", "Harrowdene", KELSWORTH, "",
     "Private rented terraced house. Left owing two months' rent."),
    ("addr-02", "2006-02-14", "2007-01-08", "Stelling Park", KELSWORTH, "",
     "Two-bedroom flat above a shop; overcrowded. Balcony incident May 2006."),
    ("addr-03", "2007-01-08", "2008-05-19", "Brackenlow", KELSWORTH, "",
     "Housing association house. Noise abatement notice February 2008."),
    ("addr-04", "2008-05-19", "2009-04-03", "Quarry Vale", KELSWORTH, "",
     "Private rented. Landlord gave notice after neighbour complaints."),
    ("addr-05", "2009-04-03", "2010-06-28", "Colthorne", MARLOW, "",
     "First move into Marlow Vale. Bolt found on the outside of Child A's door (October 2009)."),
    ("addr-06", "2010-06-28", "2011-03-14", "Wrenfield", MARLOW, "",
     "Private rented. Domestic incident March 2011."),
    ("addr-07", "2011-03-14", "2011-09-05", "Wrenfield", MARLOW, "mother;child-a;child-b;child-c;child-d",
     "Temporary accommodation (family hostel) for mother and children after police call-out; father's address unknown."),
    ("addr-08", "2011-09-05", "2012-10-22", "Hasleby", MARLOW, "",
     "Family reunited. Private rented."),
    ("addr-09", "2012-10-22", "2013-11-11", "Milthorpe", KELSWORTH, "",
     "Back in Kelsworth. Private rented."),
    ("addr-10", "2013-11-11", "2014-09-08", "Harrowdene", KELSWORTH, "",
     "Private rented. Father cautioned after assaulting a neighbour (January 2014)."),
    ("addr-11", "2014-09-08", "2015-10-12", "Ottersbrook", MARLOW, "",
     "Private rented. Child in need case transferred in from Kelsworth."),
    ("addr-12", "2015-10-12", "2017-07-17", "Ottersbrook", MARLOW, "",
     "Different street in Ottersbrook after landlord's notice."),
    ("addr-13", "2017-07-17", "", "Hasleby", MARLOW, "",
     "Current address. Private rented, four bedrooms."),
]

# ---------------------------------------------------------------------------
# Professionals: (name, role, agency, members, start, end, lead, team, notes)
# ---------------------------------------------------------------------------
PROFESSIONALS = [
    ("Jean Mallory", "Health Visitor", "Kelsworth Health Visiting", "A B MUM", "2004-12-01", "2006-03-31", "", "Harrowdene HV team", ""),
    ("Dr Imran Sethi", "GP", "GP (Harrowdene Medical Practice)", "", "2004-11-29", "2009-05-31", "", "", "Family stayed registered here after moving to Stelling Park and Brackenlow."),
    ("Bridget Connolly", "Health Visitor", "Kelsworth Health Visiting", "A B C MUM", "2006-04-01", "2009-04-30", "", "Stelling Park and Brackenlow HV team", ""),
    ("Alison Reeve", "Designated Safeguarding Lead", "Stelling Park Primary School", "A", "2006-09-06", "2007-01-26", "", "", "Concern log about hunger not passed on when Child A changed school."),
    ("Tom Bracewell", "Environmental Health Officer", "Kelsworth Environmental Health", "", "2007-07-09", "2009-04-03", "", "Noise and nuisance", "Visits in pairs after father threatened an officer (November 2008)."),
    ("Marcus Doyle", "Social Worker", "Kelsworth Children's Social Care", "A B C", "2008-04-16", "2008-06-10", "yes", "Assessment team", ""),
    ("Sunita Rao", "Health Visitor", "Marlow Vale Health Visiting", "C D MUM", "2009-06-15", "2012-10-31", "", "Colthorne and Wrenfield HV team", ""),
    ("Claire Whitfield", "Social Worker", "Marlow Vale Children's Social Care", "A B C", "2009-10-13", "2010-03-25", "yes", "Children in Need team", "Closed when parents withdrew consent."),
    ("Paul Hennessey", "Education Welfare Officer", "Marlow Vale Education Welfare Service", "A B", "2011-01-10", "2012-10-22", "", "", ""),
    ("Ben Hartley", "Social Worker", "Marlow Vale Children's Social Care", "A B C D MUM", "2011-03-15", "2011-04-19", "yes", "Assessment team", ""),
    ("Donna Kettering", "Family Support Worker", "Marlow Vale Early Help", "A B C D MUM", "2011-04-20", "2011-08-02", "yes", "Early Help West", "Lead practitioner for the 2011 TAF."),
    ("Gemma Lowe", "Family Support Worker", "Marlow Vale Early Help", "A B C D", "2012-07-10", "2012-10-30", "yes", "Early Help North", "Closed when the family moved to Kelsworth."),
    ("Rachel Amos", "Health Visitor", "Kelsworth Health Visiting", "D E MUM", "2012-11-01", "2014-09-30", "", "Milthorpe HV team", "Asked for joint visits after feeling intimidated by father (February 2013)."),
    ("Femi Adeyemi", "Social Worker", "Kelsworth Children's Social Care", "A B C D E", "2014-01-20", "2014-09-30", "yes", "Children in Need team", "Kept the case until the formal transfer meeting on 30/09/2014."),
    ("Alan Greaves", "Team Manager", "Marlow Vale Children's Social Care", "", "2014-09-15", "2015-01-23", "", "Children in Need team", "Agreed change of worker after father's complaint."),
    ("Laura Pickering", "Social Worker", "Marlow Vale Children's Social Care", "A B C D E", "2014-09-15", "2014-11-28", "yes", "Children in Need team", "Allocated on transfer-in from Kelsworth; replaced after father's complaint."),
    ("Dr Priya Nandra", "GP", "GP (Ottersbrook Surgery)", "", "2014-09-20", "2017-08-31", "", "", ""),
    ("Graham Pell", "Designated Safeguarding Lead", "Ottersbrook Academy", "A B", "2014-09-22", "2017-07-21", "", "", "Raised concern when Child A was removed from roll."),
    ("Kevin Dunmore", "Environmental Health Officer", "Marlow Vale Environmental Health", "", "2014-11-01", "", "", "Noise and nuisance", "Has shared noise complaints with CSC since May 2018."),
    ("Steven Marsh", "Social Worker", "Marlow Vale Children's Social Care", "A B C D E", "2014-12-01", "2015-01-23", "yes", "Children in Need team", "Closed the case after two failed visits."),
    ("Janet Orme", "EHE Officer", "Marlow Vale EHE Team", "A", "2015-05-14", "", "", "Elective Home Education", "Has never seen Child A."),
    ("Nadia Qureshi", "Health Visitor", "Marlow Vale Health Visiting", "E F MUM", "2015-10-20", "2017-10-23", "", "Ottersbrook HV team", ""),
    ("Lisa Carver", "Family Support Worker", "Marlow Vale Early Help", "C D E F MUM", "2017-03-06", "2017-10-16", "yes", "Early Help South", "Closed for non-engagement."),
    ("Dr Owen Tate", "GP", "GP (Hasleby Health Centre)", "", "2017-08-10", "", "", "", ""),
    ("Rebecca Hollins", "Designated Safeguarding Lead", "Hasleby Academy", "B", "2017-09-05", "", "", "", ""),
    ("Daniel Fry", "Designated Safeguarding Lead", "Hasleby Primary School", "C D E", "2017-09-06", "", "", "", ""),
    ("Emma Strand", "Health Visitor", "Marlow Vale Health Visiting", "F MUM UNB", "2017-10-24", "", "", "Hasleby HV team", "Will do the antenatal contact and new birth visit."),
    ("Craig Thorne", "Education Welfare Officer", "Marlow Vale Education Welfare Service", "B E", "2018-01-16", "", "", "", ""),
    ("Hannah Okafor", "Social Worker", "Marlow Vale Children's Social Care", "", "2018-03-09", "", "yes", "Child Protection team", "Lead professional and central point of contact for the whole network."),
    ("Mark Ellison", "Team Manager", "Marlow Vale Children's Social Care", "", "2018-03-09", "", "", "Child Protection team", ""),
    ("DC Sarah Linton", "Police PPU officer", "Police (Public Protection Unit)", "A B C D E F", "2018-03-12", "", "", "Public Protection Unit", ""),
    ("Dr Ruth Kemble", "Community Paediatrician", "Community Paediatrics", "A F", "2018-03-14", "", "", "", "Will examine Child A under the child assessment order."),
    ("Fiona Grady", "School Nurse", "Marlow Vale School Nursing", "B C D E", "2018-03-20", "", "", "", ""),
    ("Kate Brennan", "Community Midwife", "Midwifery (Marlow Vale Hospital)", "MUM UNB", "2018-04-12", "2018-05-11", "", "Community midwives", "First of three midwives in this pregnancy."),
    ("Sian Powell", "Named Midwife for Safeguarding", "Midwifery (Marlow Vale Hospital)", "MUM UNB", "2018-04-12", "", "", "Safeguarding team", ""),
    ("Zoe Farrant", "Family Support Worker", "Marlow Vale Family Support", "C D E F MUM", "2018-04-17", "", "", "", ""),
    ("Joanne Pryce", "Community Midwife", "Midwifery (Marlow Vale Hospital)", "MUM UNB", "2018-05-14", "2018-06-08", "", "Community midwives", ""),
    ("Amira Hassan", "Community Midwife", "Midwifery (Marlow Vale Hospital)", "MUM UNB", "2018-06-11", "", "", "Community midwives", ""),
    ("Tariq Malik", "CAMHS practitioner", "CAMHS", "A", "2018-06-21", "", "", "Neurodevelopmental pathway", "Will assess Child A under the child assessment order."),
]

# ---------------------------------------------------------------------------
# Chronology. ev(date, agency, event_type, members, summary, ...). Members and
# child_seen use short names (A..F, MUM, DAD, UNB) that are expanded on output.
# ---------------------------------------------------------------------------
CHRONOLOGY: list[dict] = []


def ev(date, agency, event_type, members, summary, *, source="", source_type="", action="",
       outcome="", seen="", by="", key=None):
    CHRONOLOGY.append(dict(date=date, agency=agency, event_type=event_type, members=members,
                           summary=summary, source=source, source_type=source_type,
                           action=action, outcome=outcome, child_seen=seen, recorded_by=by,
                           key=key))


KCSC = "Kelsworth Children's Social Care"
MCSC = "Marlow Vale Children's Social Care"
KHV = "Kelsworth Health Visiting"
MHV = "Marlow Vale Health Visiting"
KEH = "Kelsworth Environmental Health"
MEH = "Marlow Vale Environmental Health"
KHO = "Kelsworth Housing Options"
MHO = "Marlow Vale Housing Options"
MEHELP = "Marlow Vale Early Help"
EHE = "Marlow Vale EHE Team"
POLICE = "Police"
PPU = "Police (Public Protection Unit)"
KMID = "Midwifery (Kelsworth General Hospital)"
MMID = "Midwifery (Marlow Vale Hospital)"
PAED = "Community Paediatrics"

# 2004 ---------------------------------------------------------------------
ev("2004-11-15", KHO, "move", "", "Family moved into a privately rented terraced house in Harrowdene (addr-01). Parents said they had been staying with relatives before this.", source="Father", source_type="family", action="Housing benefit claim processed.")
ev("2004-11-29", "GP (Harrowdene Medical Practice)", "health", "A B MUM DAD", "Whole family registered. At the new-patient check mother said Child A (2 years 10 months) uses only a handful of single words. Previous GP records requested.", source="GP", source_type="professional", action="Advised mother to see the health visitor about Child A's speech.", by="Dr Imran Sethi")
ev("2004-12-08", KHV, "home_visit", "A B MUM", "Transfer-in visit. Child B (5 months) feeding well and gaining weight. Child A made no eye contact and had very little speech; mother said he 'does his own thing'. Home warm but sparsely furnished.", source="Health visitor", source_type="professional", action="Referred Child A to Speech and Language Therapy.", seen="yes", by="Jean Mallory (HV)")

# 2005 ---------------------------------------------------------------------
ev("2005-03-15", KHV, "health", "A B MUM", "Child B's 9-12 month review at clinic: development within the expected range. Child A ran out of the clinic twice and mother struggled to manage him.", source="Health visitor", source_type="professional", by="Jean Mallory (HV)")
ev("2005-04-12", "Speech and Language Therapy", "health", "A", "Initial speech and language assessment for Child A: marked delay in understanding and use of language. Six-week therapy block offered.", source="Speech and language therapist", source_type="professional", outcome="Therapy block booked from July.")
ev("2005-06-21", KHV, "home_visit", "A B MUM DAD", "Visit to follow up Child A's speech. Father opened the door, said the visit was 'a waste of time' and stayed in the room answering the questions put to mother. Both children seen; Child A had a healing graze on his forehead, explained as a fall in the garden.", source="Health visitor", source_type="professional", seen="yes", by="Jean Mallory (HV)")
ev("2005-07-19", "Speech and Language Therapy", "health", "A", "Child A was not brought to his first therapy session. Further date offered by letter.", source="Speech and language therapist", source_type="professional")
ev("2005-09-27", "Speech and Language Therapy", "health", "A", "Child A was not brought for the second time. Discharged to GP and health visitor under the department's two-missed-appointments rule.", source="Speech and language therapist", source_type="professional", outcome="Discharged from SALT.")
ev("2005-11-08", KEH, "environmental_health", "", "Complaint from the next-door neighbour: loud music, shouting and doors slamming after midnight on several nights a week.", source="Neighbour", source_type="neighbour", action="Noise diary sheets sent to the complainant.", outcome="Diary not returned; closed after 28 days.", by="Noise team")
ev("2005-11-22", KHV, "no_access_visit", "A B", "Planned visit to follow up Child A after his SALT discharge. No answer, although a television could be heard inside. Card left.", seen="no", by="Jean Mallory (HV)")

# 2006 ---------------------------------------------------------------------
ev("2006-01-12", KHO, "housing", "", "Landlord told Housing Options the family are two months behind with rent and he has served notice. He also reported damaged doors and a strong smell of dogs.", source="Landlord", source_type="public", action="Homelessness prevention appointment offered.", outcome="Family did not attend.")
ev("2006-02-14", KHO, "move", "", "Family left Harrowdene owing rent and moved into a two-bedroom flat above a shop in Stelling Park (addr-02). No forwarding address given to the landlord.", source="Housing Options", source_type="professional")
ev("2006-04-04", KHV, "note", "A B", "Health visiting records traced the family to Stelling Park six weeks after the move. Family still registered with the Harrowdene GP.", by="Bridget Connolly (HV)")
ev("2006-05-20 23:40", POLICE, "police", "A MUM DAD", "Officers attended after a neighbour rang 999 about a small child crying on the balcony of the flat and a man shouting. Child A (4) was on the balcony in a nappy and T-shirt on a cold night. Father said Child A had shut himself out while playing. Both parents present.", source="Neighbour", source_type="neighbour", action="Child protection notification sent to Children's Social Care.", outcome="Words of advice; no offences recorded.")
ev("2006-05-23", KCSC, "referral", "A B", "Police notification about the balcony incident screened. Health visitor consulted by phone: no current concerns on her record.", source="Police", source_type="professional", action="Letter to parents about supervision; HV informed.", outcome="No further action.", by="Duty social worker")
ev("2006-06-20", KHV, "no_access_visit", "B", "Child B's 2-year review at home: no answer. Card left.", seen="no", by="Bridget Connolly (HV)")
ev("2006-08-01", KHV, "home_visit", "A B MUM", "Rearranged 2-year review for Child B: development broadly on track but few words. Child A (4) still in nappies during the day and speaking very little. Mother said father does not want 'social workers' in the house. Nursery place for Child A discussed.", source="Health visitor", source_type="professional", seen="yes", by="Bridget Connolly (HV)")
ev("2006-09-06", "Stelling Park Primary School", "education", "A", "Child A started in Reception. Class teacher noted very limited language, not toilet trained, and that he eats very fast and hides food in his pockets.", source="School", source_type="professional")
ev("2006-10-17", KEH, "environmental_health", "", "Complaint from the flat below: constant banging, a dog barking for hours and shouting late at night.", source="Neighbour", source_type="neighbour", action="Warning letter to occupiers.", outcome="No further complaint in the monitoring period.", by="Noise team")
ev("2006-11-28", "Stelling Park Primary School", "education", "A", "Child A arrived hungry on three mornings this week and in the same unwashed clothes. Mother said the washing machine was broken.", source="Class teacher", source_type="professional", action="Concern logged by DSL.", outcome="No referral made.", by="Alison Reeve (DSL)")

# 2007 ---------------------------------------------------------------------
ev("2007-01-08", KHO, "move", "", "Family moved to a three-bedroom housing association house in Brackenlow (addr-03) after a homelessness application.", source="Housing Options", source_type="professional")
ev("2007-02-05", "Brackenlow Primary School", "education", "A", "Child A started at Brackenlow Primary after four weeks without a school place. His file from Stelling Park arrived in March without the DSL's concern log.", source="School", source_type="professional")
ev("2007-03-22", KMID, "health", "C MUM", "Child C born at 38 weeks. Mother booked late (24 weeks) and missed three antenatal appointments. Midwife noted father answered most questions for mother.", source="Midwife", source_type="professional")
ev("2007-04-03", KHV, "home_visit", "A B C MUM", "New birth visit for Child C (12 days): feeding well. Kitchen floor soiled by the dogs and a strong smell of smoke. Child A took the HV by the hand to show her his room: a mattress on the floor with no bedding.", source="Health visitor", source_type="professional", action="Advice on home conditions; bedding requested from a local charity.", seen="yes", by="Bridget Connolly (HV)")
ev("2007-05-15", KHV, "health", "C", "Child C's 6-8 week check at clinic: weight on the 25th centile; first immunisations booked.", source="Health visitor", source_type="professional", by="Bridget Connolly (HV)")
ev("2007-07-09", KEH, "environmental_health", "", "Neighbour complaint: shouting, swearing and children screaming in the evenings and music until 2am. Officer called; father refused to discuss it and shut the door on him.", source="Neighbour", source_type="neighbour", action="Noise recorder installed at the complainant's house.", outcome="Shouting captured but no music above the nuisance level; closed.", by="Tom Bracewell (EHO)")
ev("2007-09-18", KCSC, "referral", "A B", "Neighbour rang: the two older children are often left in the back garden into the evening, Child A has been seen banging his head on the window, and father is heard swearing at the children. School and health visitor contacted by phone; neither reported current concerns.", source="Neighbour", source_type="neighbour", action="Phone checks only; no visit.", outcome="No further action: 'possible neighbour dispute'.", by="Duty social worker")
ev("2007-11-06", "Brackenlow Primary School", "education", "A", "SENCo placed Child A on School Action Plus and asked for an educational psychology assessment. Parents did not come to the planning meeting.", source="SENCo", source_type="professional")
ev("2007-11-27", PAED, "health", "A", "Child A (GP referral: developmental delay, possible autism) was not brought to his first outpatient appointment. Second appointment offered.", source="Community paediatrics", source_type="professional")

# 2008 ---------------------------------------------------------------------
ev("2008-01-15", PAED, "health", "A", "Child A was not brought again. Discharged to the GP with a letter saying his needs 'remain unassessed'.", source="Community paediatrics", source_type="professional", outcome="Discharged to GP.")
ev("2008-02-14", KEH, "environmental_health", "", "Third noise complaint about the Brackenlow house since July 2007, this time from the neighbour on the other side.", source="Neighbour", source_type="neighbour", action="Noise abatement notice served on the tenants.", outcome="Notice copied to the housing association.", by="Tom Bracewell (EHO)")
ev("2008-03-10", "Brackenlow Homes", "housing", "", "Tenancy warning for anti-social behaviour after the abatement notice and a report that father threatened a neighbour. Father asked for a transfer 'away from these people'.", source="Housing officer", source_type="professional")
ev("2008-03-19", KHV, "no_access_visit", "C", "Child C's 9-12 month review at home: no access. Second missed contact for Child C.", seen="no", by="Bridget Connolly (HV)")
ev("2008-04-16", "Brackenlow Primary School", "referral", "A", "DSL referral to Children's Social Care: Child A (6) came in with a bruise on his left cheek. Asked what happened he said 'dad pushed me' and acted out falling against a door.", source="School DSL", source_type="professional", action="Initial assessment started.", by="Brackenlow Primary DSL")
ev("2008-04-17", KCSC, "home_visit", "A B C MUM DAD", "Initial assessment visit. Father said Child A fell off his bed and the school 'twist everything'. Father talked over mother throughout and would not let the social worker go upstairs. All three children seen downstairs; Child A would not speak in front of his father.", seen="yes", by="Marcus Doyle (SW)")
ev("2008-04-18", KCSC, "assessment", "A", "Child A seen alone at school. His account changed: first that he fell off the bed, then 'dad cross'. No other marks seen.", seen="alone", by="Marcus Doyle (SW)")
ev("2008-05-02", KCSC, "assessment", "A B C", "Initial assessment completed: a fall accepted as a plausible explanation. Home conditions and Child A's unassessed developmental needs noted. Family support and a new paediatric referral recommended; parents declined family support.", outcome="To close if support declined.", by="Marcus Doyle (SW)")
ev("2008-05-19", KHO, "move", "", "Family moved to a privately rented house in Quarry Vale (addr-04) before any housing transfer was agreed.", source="Family", source_type="family")
ev("2008-06-10", KCSC, "case_closed", "A B C", "Case closed: parents declined support and the family had moved. Health visitor and the new school to be told by letter.", outcome="Closed - parents declined services.", by="Marcus Doyle (SW)")
ev("2008-06-16", "Quarry Vale Primary School", "education", "A", "Child A started at Quarry Vale Primary, his third school. The school did not receive the social care letter about the recent assessment.", source="School", source_type="professional")
ev("2008-09-03", "Quarry Vale Primary School", "education", "B", "Child B started Reception. Staff noted she was chatty and very protective of her brother, often walking him to his classroom.", source="School", source_type="professional")
ev("2008-11-20", KEH, "environmental_health", "", "Complaint from a neighbour about shouting and dogs. On the officer's visit father stood very close, swore and told him to get off the property 'or you'll regret it'. Officer left.", source="Neighbour", source_type="neighbour", action="Manager ruled all further visits to be made in pairs.", outcome="Warning letter sent.", by="Tom Bracewell (EHO)")

# 2009 ---------------------------------------------------------------------
ev("2009-01-14 21:15", POLICE, "police", "A B C MUM DAD", "Neighbour called police to a fight in the street between father and the neighbour. Father had a cut hand; the children were watching from the front window.", source="Neighbour", source_type="neighbour", action="Child protection notification to CSC.", outcome="Words of advice to both men.")
ev("2009-01-16", KCSC, "referral", "A B C", "Police notification screened and recorded as a neighbour dispute with no direct risk to the children. The closed 2008 assessment is on file but was not read.", source="Police", source_type="professional", outcome="No further action.", by="Duty social worker")
ev("2009-02-24", KHO, "housing", "", "Landlord gave notice after neighbour complaints. Parents told Housing Options they would 'get out of Kelsworth'.", source="Landlord", source_type="public")
ev("2009-04-03", MHO, "move", "", "Family moved to a privately rented house in Colthorne, Marlow Vale County (addr-05): first move across the local authority boundary. No Kelsworth records transferred because no case was open.", source="Family", source_type="family")
ev("2009-04-29", "Colthorne Primary School", "education", "A B", "Child A and Child B started at Colthorne Primary after three weeks out of school. Parents did not mention Child A's special educational needs; his file arrived in June.", source="School", source_type="professional")
ev("2009-06-15", MHV, "note", "C", "Health visiting records for Child C received from Kelsworth: two missed reviews and the 2008 social care assessment noted.", by="Sunita Rao (HV)")
ev("2009-07-07", MHV, "no_access_visit", "C", "Child C's 2-year review at home: no answer at the agreed time; dogs barking inside.", seen="no", by="Sunita Rao (HV)")
ev("2009-08-05", MHV, "home_visit", "C MUM DAD", "Child C's 2-year review at the second attempt: about ten words. Father present throughout and refused the development questionnaire as 'nosy'. No food in the kitchen except bread.", source="Health visitor", source_type="professional", seen="yes", by="Sunita Rao (HV)")
ev("2009-10-12", "Colthorne Primary School", "education", "A B", "Child A (7) seen taking food from other children's lunchboxes several times this week. Child B told her teacher 'dad locks A in his room at night so he can't get food'.", source="Child B", source_type="child", action="DSL informed.")
ev("2009-10-13", MCSC, "referral", "A B", "Referral from the Colthorne Primary DSL about Child A taking food and Child B's comment that he is locked in his room at night.", source="School DSL", source_type="professional", action="Initial assessment started.", by="Duty social worker")
ev("2009-10-20", MCSC, "home_visit", "A B C MUM DAD", "Announced visit. A bolt is fitted on the outside of Child A's bedroom door. Father said it stops Child A getting up at night and emptying the fridge. Parents agreed to take it off. Children seen together in the living room with both parents.", seen="child-a:yes;child-b:yes;child-c:yes", by="Claire Whitfield (SW)")
ev("2009-10-22", MCSC, "assessment", "A", "Child A seen alone at school. Very little speech; said school dinners were 'best' and nodded when asked if he is sometimes hungry at home.", seen="alone", by="Claire Whitfield (SW)")
ev("2009-11-19", MCSC, "assessment", "A B C", "Initial assessment concluded: children in need (section 17). Plan: new paediatric referral, parenting support, school to monitor Child A's eating. Father's hostility to the social worker recorded.", by="Claire Whitfield (SW)")
ev("2009-12-09", MCSC, "no_access_visit", "A B C", "Unannounced visit to check the bolt had gone: no answer, though someone was seen moving upstairs.", seen="no", by="Claire Whitfield (SW)")
ev("2009-12-16", MCSC, "home_visit", "A B C MUM DAD", "Bolt removed; screw holes visible in the frame. Father refused to let the social worker see the other bedrooms. All three children seen downstairs.", seen="yes", by="Claire Whitfield (SW)")

# 2010 ---------------------------------------------------------------------
ev("2010-01-20", MCSC, "meeting", "A B C MUM DAD", "Child in need meeting. Father arrived late, accused the school of lying and shouted at the DSL, who left the room upset. Mother did not speak. Plan agreed in principle.", by="Claire Whitfield (SW)")
ev("2010-03-03", PAED, "health", "A", "Child A was not brought to his developmental assessment.", source="Community paediatrics", source_type="professional")
ev("2010-03-18", MCSC, "note", "MUM DAD", "Father phoned the team manager: the social worker is 'harassing' the family and he withdraws consent to the child in need plan.", source="Father", source_type="family")
ev("2010-03-25", MCSC, "case_closed", "A B C", "Child in need case closed because parents withdrew consent. Closure note says the bolt has gone and there is 'no evidence of significant harm'. School told to re-refer if worried.", outcome="Closed - consent withdrawn.", by="Claire Whitfield (SW)")
ev("2010-04-14", PAED, "health", "A", "Mother phoned to cancel Child A's rebooked developmental assessment ('no transport'). Not rebooked because the social care case had closed.", source="Mother", source_type="family")
ev("2010-06-28", MHO, "move", "", "Family moved to a privately rented house in Wrenfield (addr-06).", source="Family", source_type="family")
ev("2010-08-14", MMID, "health", "D MUM", "Child D born. Mother booked at 20 weeks and missed four antenatal appointments. Routine enquiry about domestic abuse not done: father would not leave the room.", source="Midwife", source_type="professional")
ev("2010-08-25", MHV, "home_visit", "C D MUM", "New birth visit for Child D. No cot: the baby sleeps on the sofa with mother. Dog mess on the stairs and general clutter. Child C seen.", action="Safe sleep advice; cot requested from a charity.", seen="yes", by="Sunita Rao (HV)")
ev("2010-09-07", "Wrenfield Community Primary School", "education", "A B C", "Child A, Child B and Child C (nursery class) started at Wrenfield Community Primary. Child A's SEN file requested from Colthorne.", source="School", source_type="professional")
ev("2010-09-29", MHV, "health", "D", "Child D was not brought to her 6-8 week check at clinic.", by="Sunita Rao (HV)")
ev("2010-10-13", MHV, "health", "D", "Child D's 6-8 week check at the second offer: weight has fallen from the 50th to the 25th centile. Feeding plan agreed with mother.", by="Sunita Rao (HV)")
ev("2010-10-14", MEH, "environmental_health", "", "Neighbour complaint: shouting, banging and a child screaming late at night several times in the last fortnight.", source="Neighbour", source_type="neighbour", action="Standard letter to occupiers. Informing Children's Social Care not considered.", outcome="Closed - no further complaint within 28 days.", by="Noise team")

# 2011 ---------------------------------------------------------------------
ev("2011-01-12", "Wrenfield Community Primary School", "education", "A", "Child A's attendance this term is 74%. Staff say he is often very tired and hungry on Mondays.", source="School", source_type="professional", action="Referral to the Education Welfare Service.")
ev("2011-02-08", "Marlow Vale Education Welfare Service", "education", "A MUM DAD", "EWO home visit about attendance. Parents said Child A 'refuses' to go. Child A seen briefly in pyjamas at 11am and did not speak. EWO felt unable to challenge father, who stood in the doorway and raised his voice.", seen="child-a:yes", by="Paul Hennessey (EWO)")
ev("2011-03-12 22:50", POLICE, "police", "A B C D MUM DAD", "Mother called police: father smashed the television and threw a chair during an argument; the children were awake and frightened. Father had gone before officers arrived. DASH risk assessment: medium.", source="Mother", source_type="family", action="Notification to CSC; referral to domestic abuse outreach.")
ev("2011-03-14", MHO, "move", "A B C D MUM", "Mother and the four children placed in a family hostel in Wrenfield (addr-07). Father's whereabouts not known.", source="Housing Options", source_type="professional")
ev("2011-03-15", MCSC, "referral", "A B C D MUM", "Police domestic abuse notification received.", source="Police", source_type="professional", action="Initial assessment started.", by="Ben Hartley (SW)")
ev("2011-03-22", MCSC, "home_visit", "A B C D MUM", "Visit to the hostel. Mother said the relationship is over. Child A and Child B spoken to alone in the hostel kitchen: Child A said he does not miss dad; Child B said dad 'always shouts at A'. Room small but clean.", seen="child-a:alone;child-b:alone;child-c:yes;child-d:yes", by="Ben Hartley (SW)")
ev("2011-04-19", MCSC, "assessment", "A B C D MUM", "Initial assessment concluded that needs can be met by Early Help. Mother engaging well and referred to domestic abuse outreach.", outcome="Stepped down to Early Help.", by="Ben Hartley (SW)")
ev("2011-05-10", MEHELP, "meeting", "A B C D MUM", "Team Around the Family meeting. Mother attended; plan covers housing, school attendance, domestic abuse support and a nursery place for Child C.", by="Donna Kettering (FSW)")
ev("2011-06-08", "Audiology", "health", "A", "Child A's hearing test (asked for by school): attended with mother; hearing normal.", source="Audiology", source_type="professional")
ev("2011-06-28", MEHELP, "note", "MUM DAD", "Hostel staff told the family support worker that father has been visiting most evenings. Mother has stopped going to domestic abuse outreach.", source="Hostel staff", source_type="professional", by="Donna Kettering (FSW)")
ev("2011-08-02", MEHELP, "case_closed", "A B C D MUM", "Early Help closed: mother declined further support, saying she and father are back together and moving to a house.", outcome="Closed - support declined.", by="Donna Kettering (FSW)")
ev("2011-09-05", MHO, "move", "", "Family together again in a privately rented house in Hasleby (addr-08).", source="Family", source_type="family")
ev("2011-09-12", "Hasleby Primary School", "education", "A B C", "Child A (Year 5, his sixth school), Child B (Year 3) and Child C (Reception) started at Hasleby Primary.", source="School", source_type="professional")
ev("2011-11-16", MEH, "environmental_health", "", "Neighbour complaint about dogs barking through the night and loud arguments.", source="Neighbour", source_type="neighbour", action="Letter to occupiers.", by="Noise team")

# 2012 ---------------------------------------------------------------------
ev("2012-02-07", MEH, "environmental_health", "", "Second complaint at the Hasleby house. Officer's note: front room, seen through the window, piled with bags and clothes; strong smell at the door; a boy of about ten answered and said his dad was asleep.", source="Neighbour", source_type="neighbour", outcome="No referral to CSC.", by="Noise team")
ev("2012-03-20", MCSC, "referral", "A B C D", "Anonymous caller: the children are often outside late, dirty and poorly dressed, and 'the oldest boy' has been seen going through neighbours' bins for food.", source="Anonymous caller", source_type="anonymous", action="Checks with school and health visitor.", outcome="No further action: school says attendance is 'improving'.", by="Duty social worker")
ev("2012-05-15", "GP (Hasleby Health Centre)", "health", "C MUM", "Child C (5) brought by mother with infected insect bites on both legs. GP noted poor hygiene and head lice.", source="GP", source_type="professional", action="Treatment and hygiene advice.")
ev("2012-06-19", "Hasleby Primary School", "education", "A", "Child A has had head lice most of the term and smells strongly of urine. He told a teaching assistant he sleeps 'on the floor by the radiator'.", source="Child A", source_type="child", action="DSL referral to Early Help.")
ev("2012-07-10", MEHELP, "meeting", "A B C D MUM DAD", "Team Around the Family meeting at school. Father said the school is 'picking on' Child A and threatened to move the children. Family support worker allocated.", by="Gemma Lowe (FSW)")
ev("2012-09-04", MEHELP, "home_visit", "A B C D MUM DAD", "First home visit by the family support worker. Rooms cluttered; Child A's room has a bare mattress and no curtains. All four children seen with both parents present.", seen="yes", by="Gemma Lowe (FSW)")
ev("2012-09-18", MHV, "no_access_visit", "D", "Child D's 2-year review at home: no access.", seen="no", by="Sunita Rao (HV)")
ev("2012-10-22", KHO, "move", "", "Family moved back into Kelsworth Borough, to a privately rented house in Milthorpe (addr-09). Early Help learned of the move afterwards.", source="Family", source_type="family")
ev("2012-10-30", MEHELP, "case_closed", "A B C D", "Early Help closed because the family has left the area. Transfer letter sent to Kelsworth Early Help; no reply recorded.", outcome="Closed - moved out of area.", by="Gemma Lowe (FSW)")
ev("2012-11-12", "Milthorpe Primary School", "education", "A B C", "Children started at Milthorpe Primary. Child A (Year 6) working far below age-related expectations; SENCo cannot obtain his earlier support plans.", source="SENCo", source_type="professional")
ev("2012-12-27", KMID, "health", "MUM", "Mother seen at the maternity assessment unit with headaches and raised blood pressure and found to be about 34 weeks pregnant. No antenatal care so far: she had not told her GP.", source="Midwife", source_type="professional", action="Booked the same day; consultant review.")

# 2013 ---------------------------------------------------------------------
ev("2013-02-05", KMID, "health", "E MUM", "Child E born at 39 weeks. Concealed pregnancy and raised blood pressure noted. Hospital safeguarding midwife told the HV about the late booking; no referral to CSC.", source="Midwife", source_type="professional")
ev("2013-02-18", KHV, "home_visit", "C D E MUM DAD", "New birth visit for Child E. Father stood in the doorway, told the HV to 'make it quick' and stayed in the room answering for mother. Child C, Child D and the baby seen.", action="HV asked her manager for joint visits in future.", seen="yes", by="Rachel Amos (HV)")
ev("2013-03-28", KHV, "health", "E", "Child E was not brought to his 6-8 week check.", by="Rachel Amos (HV)")
ev("2013-04-10", KHV, "health", "E", "Child E's 6-8 week check at the second offer: weight satisfactory.", by="Rachel Amos (HV)")
ev("2013-04-24", KEH, "environmental_health", "", "Neighbour complaint at Milthorpe: shouting, swearing, a boy crying in the back garden late at night, dogs left outside. The system showed no history because earlier Kelsworth complaints were filed under old addresses.", source="Neighbour", source_type="neighbour", action="Letter to occupiers.", by="Noise team")
ev("2013-05-14", KCSC, "referral", "A", "Neighbour rang: 'the eldest boy' was shut out in the back garden in the rain for over two hours on Sunday while the family were indoors, and she often hears father calling him names. School says Child A is quiet and thin; attendance 80%.", source="Neighbour", source_type="neighbour", action="Checks only; no visit.", outcome="No further action: 'insufficient information, possible neighbour dispute'.", by="Duty social worker")
ev("2013-07-16", "Milthorpe Primary School", "education", "A", "Transition meeting with Harrowdene High. SENCo passed on concerns about Child A's weight, hygiene and flat mood. Parents did not attend.", source="SENCo", source_type="professional")
ev("2013-09-04", "Harrowdene High School", "education", "A", "Child A started Year 7 on SEN support. Reading age assessed at about 6 years.", source="School", source_type="professional")
ev("2013-11-11", KHO, "move", "", "Family moved to a privately rented house in Harrowdene (addr-10) after a dispute with the Milthorpe landlord.", source="Family", source_type="family")
ev("2013-12-03", KHV, "health", "E", "Child E was not brought to his 9-12 month review.", by="Rachel Amos (HV)")

# 2014 ---------------------------------------------------------------------
ev("2014-01-18 19:30", POLICE, "police", "A B C D E MUM DAD", "Neighbour called police to a fight outside the house. Father punched the neighbour and was arrested. Child A and Child B watched from the doorway.", source="Neighbour", source_type="neighbour", action="Notification to CSC.", outcome="Father cautioned for common assault.")
ev("2014-01-20", KCSC, "referral", "A B C D E", "Police notification received. Manager counted earlier contacts (2006, 2007, 2008, 2009, 2013) and decided a single assessment was needed.", source="Police", source_type="professional", action="Single assessment allocated.", by="Femi Adeyemi (SW)")
ev("2014-02-04", KCSC, "home_visit", "A B C D E MUM DAD", "Assessment visit. Cluttered house, smell of dog urine. Father dominated and objected to the children being seen alone. All five children seen together.", seen="yes", by="Femi Adeyemi (SW)")
ev("2014-02-11", KCSC, "assessment", "A B", "Child A and Child B seen alone at school. Child A said he 'gets in trouble' at home and has to stay in his room. Child B said everything is fine.", seen="child-a:alone;child-b:alone", by="Femi Adeyemi (SW)")
ev("2014-03-11", KCSC, "assessment", "A B C D E", "Single assessment completed on working day 36. Child in need plan recommended: Child A's special needs, home conditions and father's anger. Parents reluctantly agreed.", by="Femi Adeyemi (SW)")
ev("2014-03-25", KCSC, "meeting", "A B C D E MUM DAD", "First child in need meeting. Father left after 20 minutes. Harrowdene High to request an education, health and care needs assessment for Child A.", by="Femi Adeyemi (SW)")
ev("2014-05-13", "Harrowdene High School", "education", "A", "School applied for an EHC needs assessment for Child A. Parents have not returned the consent form after two reminders.", source="SENCo", source_type="professional")
ev("2014-06-17", "CAMHS", "health", "A", "Child A (GP referral: low mood, soiling, withdrawal) was not brought to his CAMHS assessment.", source="CAMHS", source_type="professional")
ev("2014-07-08", KCSC, "home_visit", "A B C D E MUM", "Child in need visit. Child A seen in his room: thin and quiet. Mother said he 'won't eat what the others eat'. Other children seen downstairs.", seen="yes", by="Femi Adeyemi (SW)")
ev("2014-07-22", "CAMHS", "health", "A", "Father phoned to cancel Child A's second CAMHS appointment.", source="Father", source_type="family", outcome="Discharged to GP.")
ev("2014-09-08", MHO, "move", "", "Family moved back across the boundary to a privately rented house in Ottersbrook, Marlow Vale County (addr-11).", source="Family", source_type="family")
ev("2014-09-15", MCSC, "note", "A B C D E", "Transfer-in of the Kelsworth child in need case accepted. Marlow Vale social worker allocated as lead from today; the Kelsworth social worker keeps the case until the handover meeting at the end of the month.", by="Alan Greaves (TM)")
ev("2014-09-22", "Ottersbrook Academy", "education", "A", "Child A started Year 8, two weeks into term. The EHC needs assessment request made in Kelsworth lapsed with the move.", source="School", source_type="professional")
ev("2014-09-23", "Ottersbrook Primary School", "education", "B C D", "Child B (Year 6), Child C (Year 3) and Child D (Reception) started at Ottersbrook Primary.", source="School", source_type="professional")
ev("2014-10-14", MCSC, "home_visit", "A B C D E MUM DAD", "Child in need visit. Child A spoken to alone in his bedroom: he said he 'stays up here mostly', that dad calls him 'the bad one', and that he is hungry 'sometimes'. Room has a mattress and nothing else. Other children seen downstairs with mother.", seen="child-a:alone;child-b:yes;child-c:yes;child-d:yes;child-e:yes", by="Laura Pickering (SW)", key="a_last_seen_alone")
ev("2014-11-04", MCSC, "meeting", "A B C D E MUM", "Child in need review. Father did not attend. Ottersbrook Academy: Child A's attendance 71% and he hides food. Plan to request a paediatric assessment.", by="Laura Pickering (SW)")
ev("2014-11-12", MCSC, "note", "DAD", "Father made a formal complaint about the social worker, calling her 'a liar'. Team manager agreed to change the allocated worker.", source="Father", source_type="family", by="Alan Greaves (TM)")
ev("2014-12-09", MCSC, "no_access_visit", "A B C D E", "New social worker's introductory visit: no answer. Letter left.", seen="no", by="Steven Marsh (SW)")
ev("2014-12-16", MCSC, "no_access_visit", "A B C D E", "Second attempt: father spoke through the letterbox and said the family no longer agree to social care involvement. Nobody seen.", seen="no", by="Steven Marsh (SW)")

# 2015 ---------------------------------------------------------------------
ev("2015-01-23", MCSC, "case_closed", "A B C D E", "Child in need case closed: consent withdrawn and two visits failed. School and health not consulted before closure. Child A's needs recorded as 'met by school'.", outcome="Closed - non-engagement.", by="Steven Marsh (SW)", key="closure_2015")
ev("2015-02-10", MEH, "environmental_health", "", "Complaint from a neighbour in Ottersbrook: shouting and screaming most evenings and a child crying 'for hours'.", source="Neighbour", source_type="neighbour", action="Letter to occupiers.", by="Kevin Dunmore (EHO)")
ev("2015-03-03", MHV, "no_access_visit", "E", "Child E's 2-2.5 year review at home: no access.", seen="no", by="Marlow Vale HV team")
ev("2015-03-17", "Ottersbrook Academy", "education", "A DAD", "Meeting about Child A's attendance (68%) and food-seeking. Father shouted at the head of year and pointed his finger in her face; the meeting ended early. Staff recorded feeling intimidated.", source="Head of year", source_type="professional", by="Graham Pell (DSL)")
ev("2015-04-14", MHV, "home_visit", "C D E MUM", "Child E's 2-2.5 year review at the second attempt, after school: speech delayed. Child C and Child D also seen.", action="Referral to Speech and Language Therapy for Child E.", seen="yes", by="Marlow Vale HV team")
ev("2015-05-11", "Ottersbrook Academy", "education", "A DAD", "Father handed in a letter withdrawing Child A to be educated at home. Academy removed Child A from the roll on 13 May and notified the local authority; the DSL's covering email listed his special needs, previous social care involvement and the recent case closure.", source="Father (letter)", source_type="family", by="Graham Pell (DSL)", key="ehe_removal")
ev("2015-05-19", MCSC, "referral", "A", "Ottersbrook Academy DSL referred her worry that Child A will now not be seen by any professional.", source="School DSL", source_type="professional", action="Passed to the EHE team: home education is the parents' right.", outcome="No further action by CSC.", by="Duty social worker")
ev("2015-06-02", EHE, "education", "A", "EHE officer wrote offering a home visit. Father refused and sent a short paragraph describing 'life skills and reading'.", source="Father", source_type="family", by="Janet Orme (EHE Officer)")
ev("2015-07-07", MMID, "health", "MUM", "Mother did not attend her antenatal booking appointment (about 10 weeks).", source="Midwife", source_type="professional")
ev("2015-07-14", EHE, "no_access_visit", "A", "EHE officer called at the agreed time: no answer. Child A not seen.", seen="no", by="Janet Orme (EHE Officer)")
ev("2015-07-21", MMID, "health", "MUM", "Antenatal booking at 12 weeks. Previous pre-eclampsia; consultant-led care. Routine domestic abuse question not asked because father was in the room.", source="Midwife", source_type="professional")
ev("2015-09-08", "Ottersbrook Academy", "education", "B", "Child B started Year 7. She asked her head of year whether her brother 'is allowed back yet'.", source="Child B", source_type="child")
ev("2015-09-29", EHE, "education", "A", "EHE review: provision 'cannot be judged suitable' because no evidence has been provided. Child A has not been seen since leaving school.", action="Letter asking for samples of work.", outcome="No reply.", by="Janet Orme (EHE Officer)")
ev("2015-10-12", MHO, "move", "", "Family moved to another privately rented house in Ottersbrook (addr-12) after the landlord served notice.", source="Family", source_type="family")
ev("2015-11-04", MEH, "environmental_health", "", "New neighbours complained of shouting, slamming doors and dogs. After the officer's letter, father rang and threatened to 'report her for harassment'.", source="Neighbour", source_type="neighbour", action="Letter to occupiers.", by="Kevin Dunmore (EHO)")
ev("2015-11-18", MMID, "health", "MUM", "Mother did not attend the consultant antenatal clinic (30 weeks) although her blood pressure was rising at the last check.", source="Midwife", source_type="professional")
ev("2015-12-09", MMID, "no_access_visit", "MUM", "Community midwife called to check blood pressure: no answer.", by="Community midwife")

# 2016 ---------------------------------------------------------------------
ev("2016-01-11", MMID, "health", "F MUM", "Child F born by emergency caesarean at 37 weeks because of pre-eclampsia. Mother in hospital six days; ward staff heard father speaking sharply to her.", source="Midwife", source_type="professional")
ev("2016-01-25", MHV, "home_visit", "A E F MUM DAD", "New birth visit for Child F. Baby and Child E seen. Father said Child A was 'asleep upstairs' and refused the HV's request to see him.", seen="child-a:no;child-e:yes;child-f:yes", by="Nadia Qureshi (HV)")
ev("2016-02-24", MHV, "health", "F", "Child F's 6-8 week check at clinic: weight satisfactory.", by="Nadia Qureshi (HV)")
ev("2016-03-15", EHE, "education", "A", "Annual EHE contact letter. Father emailed that home education is 'none of your business' and refused any meeting. Child A not seen.", source="Father", source_type="family", by="Janet Orme (EHE Officer)")
ev("2016-04-06", MEH, "environmental_health", "", "Noise complaint: shouting and banging. The complainant added that 'a teenage boy who looks very thin' is at the upstairs window during school hours.", source="Neighbour", source_type="neighbour", outcome="Comment recorded in the noise file only.", by="Kevin Dunmore (EHO)")
ev("2016-05-10", "Community Dental Service", "health", "A", "Child A was not brought to his dental appointment. Last dental attendance was January 2010.", source="Dental service", source_type="professional")
ev("2016-06-14", MCSC, "referral", "A", "Neighbour rang: the teenage boy at the house never goes out, she hears him being screamed at and crying, and thinks he is 'kept upstairs'. Duty worker phoned father, who said Child A is home educated and 'perfectly fine'.", source="Neighbour", source_type="neighbour", action="Phone call to father; EHE team told.", outcome="No further action.", by="Duty social worker", key="neighbour_referral_2016")
ev("2016-07-05", EHE, "no_access_visit", "A", "EHE officer called after the social care contact. Father spoke to her on the doorstep and would not let her see Child A.", seen="no", by="Janet Orme (EHE Officer)")
ev("2016-10-18", MHV, "health", "F", "Child F was not brought to her 9-12 month review at clinic.", by="Nadia Qureshi (HV)")
ev("2016-11-08", MHV, "home_visit", "A E F MUM", "Child F's 9-12 month review at home: not yet sitting steadily; weight down to the 9th centile. Mother said Child A was 'out with his dad'. Child E also seen.", action="Referral to community paediatrics for faltering growth.", seen="child-a:no;child-e:yes;child-f:yes", by="Nadia Qureshi (HV)")
ev("2016-12-06", MEH, "environmental_health", "", "Fourth complaint this year about the Ottersbrook house. Abatement notice considered. Father's aggressive phone calls to the team logged.", source="Neighbour", source_type="neighbour", by="Kevin Dunmore (EHO)")

# 2017 ---------------------------------------------------------------------
ev("2017-01-17", "Ottersbrook Primary School", "education", "C", "Child C (Year 5) keeps hitting other children. He told his teacher 'dad does it to A'.", source="Child C", source_type="child", action="DSL referral to Early Help.")
ev("2017-02-14", "GP (Ottersbrook Surgery)", "health", "A", "Child A was not brought to his asthma review. No inhaler prescribed for 14 months.", source="GP", source_type="professional", by="Dr Priya Nandra")
ev("2017-03-06", MEHELP, "meeting", "C D E F MUM", "Team Around the Family meeting at Ottersbrook Primary. Mother came alone; support agreed for Child C's behaviour and Child F's weight.", by="Lisa Carver (FSW)")
ev("2017-03-21", MEHELP, "home_visit", "A C D E F MUM", "Family support visit. Mother said Child A was asleep; he was not seen. Child F pale and quiet. Child C, D and E seen.", seen="child-a:no;child-c:yes;child-d:yes;child-e:yes;child-f:yes", by="Lisa Carver (FSW)")
ev("2017-04-11", MEHELP, "home_visit", "C D E F MUM", "After-school visit. Child D, Child E and Child F seen in the living room. Child C (Ryan) was not at home: mother said he was having tea at a friend's house. Bedtime routines discussed.", seen="yes", by="Lisa Carver (FSW)", key="inconsistent_seen")
ev("2017-05-09", "CAMHS", "health", "C", "Mother cancelled Child C's CAMHS assessment (referral for aggression) the day before.", source="Mother", source_type="family")
ev("2017-05-23", MEHELP, "no_access_visit", "A C D E F", "Planned visit: no answer. Father later texted the worker that visits are 'cancelled for good'.", seen="no", by="Lisa Carver (FSW)")
ev("2017-06-13", PAED, "health", "F", "Child F (HV referral: faltering growth) was not brought to her paediatric appointment.", source="Community paediatrics", source_type="professional")
ev("2017-06-20", MEH, "environmental_health", "", "Complaint: dogs barking and shouting. Officer noted the family is 'understood to be moving'.", source="Neighbour", source_type="neighbour", by="Kevin Dunmore (EHO)")
ev("2017-07-17", MHO, "move", "", "Family moved to a privately rented house in Hasleby (addr-13), the current address. School places requested for Child B, C, D and E; none for Child A.", source="Family", source_type="family")
ev("2017-07-25", PAED, "health", "F", "Child F was not brought again. Discharged to GP and health visitor.", source="Community paediatrics", source_type="professional", outcome="Discharged.")
ev("2017-09-05", "Hasleby Academy", "education", "B", "Child B started Year 9 at Hasleby Academy.", source="School", source_type="professional")
ev("2017-09-06", "Hasleby Primary School", "education", "C D E", "Child C (Year 6), Child D (Year 3) and Child E (Reception) started at Hasleby Primary. Child E has very little speech.", source="School", source_type="professional")
ev("2017-10-16", MEHELP, "case_closed", "C D E F", "Early Help closed for non-engagement after three failed visits and father's text ending support. Closure summary does not mention Child A.", outcome="Closed - non-engagement.", by="Lisa Carver (FSW)")
ev("2017-10-24", MHV, "note", "F", "Transfer to the Hasleby HV team. Two missed paediatric appointments for Child F noted; letter to the GP.", by="Emma Strand (HV)")
ev("2017-11-21", MEH, "environmental_health", "", "First complaint about the Hasleby house: shouting most nights and 'a lad crying upstairs'.", source="Neighbour", source_type="neighbour", action="Letter to occupiers.", by="Kevin Dunmore (EHO)")
ev("2017-12-12", "Hasleby Academy", "education", "B", "Child B told her form tutor she is 'tired of looking after everyone'. Often late and hungry.", source="Child B", source_type="child", action="Logged by DSL; pastoral support.", by="Rebecca Hollins (DSL)")

# 2018 ---------------------------------------------------------------------
ev("2018-01-16", "Hasleby Primary School", "education", "E", "Child E's attendance this term is 82%. School referred him to Speech and Language Therapy.", source="School", source_type="professional", action="EWO informed.")
ev("2018-02-06", MHV, "no_access_visit", "F", "Child F's 2-2.5 year review at home: no access.", seen="no", by="Emma Strand (HV)")
ev("2018-02-20", "GP (Hasleby Health Centre)", "health", "MUM", "Mother attended: pregnant, last period mid-January. GP noted her previous pre-eclampsia.", source="GP", source_type="professional", action="Referral to midwifery.", by="Dr Owen Tate")
ev("2018-03-09", "Hasleby Academy", "education", "A B", "Child B (13) told her form tutor that father hits Child A, that Child A is kept in his room and 'not allowed to eat with us', and that he has not been outside 'since the summer'. She was frightened to go home.", source="Child B", source_type="child", action="DSL informed immediately.", by="Rebecca Hollins (DSL)", key="disclosure")
ev("2018-03-09 15:20", "Hasleby Academy", "referral", "A B C D E F", "DSL referral to Marlow Vale CSC the same day with Child B's account, noting that no professional has seen Child A since 2015.", source="School DSL", source_type="professional", action="Allocated to the Child Protection team.", by="Rebecca Hollins (DSL)")
ev("2018-03-12 10:00", MCSC, "strategy_discussion", "A B C D E F", "Strategy discussion: CSC team manager and social worker, Police PPU, named nurse for safeguarding, Hasleby Academy and Hasleby Primary DSLs. Reasonable cause to suspect significant harm agreed.", action="Joint section 47 enquiries for all six children; Child A to be seen urgently.", outcome="Joint visit set for 13 March.", by="Mark Ellison (TM)", key="strategy")
ev("2018-03-12", MCSC, "section_47", "A B C D E F", "Section 47 enquiries started jointly with the Police.", by="Hannah Okafor (SW)")
ev("2018-03-13 09:30", MCSC, "home_visit", "A E F MUM DAD", "Joint unannounced visit with the Police. Father kept everyone on the doorstep for 15 minutes. Child A seen briefly on the landing with father beside him: very thin, unkempt, hair matted; he did not speak. Father refused to let him be spoken to alone and said he would 'sue' if anyone touched him. Child A's room bare apart from a mattress and a bucket. Child E and Child F seen.", seen="child-a:yes;child-e:yes;child-f:yes", by="Hannah Okafor (SW)", key="a_last_seen")
ev("2018-03-13 13:00", MCSC, "section_47", "B C D", "Child B, Child C and Child D seen alone at school. Child B repeated her account; Child C said Child A 'gets smacked loads'; Child D said she is 'not allowed to talk to' Child A.", seen="child-b:alone;child-c:alone;child-d:alone", by="Hannah Okafor (SW)")
ev("2018-03-15", PAED, "health", "A", "Child A was not brought to his child protection medical. Father told the social worker Child A 'doesn't do doctors'.", source="Community paediatrics", source_type="professional", by="Dr Ruth Kemble")
ev("2018-03-20", MCSC, "no_access_visit", "A", "Visit to see Child A: no answer.", seen="no", by="Hannah Okafor (SW)")
ev("2018-03-22", PPU, "police", "DAD", "Father interviewed under caution by appointment. He denied hitting Child A and said Child B 'makes things up'.", action="Investigation continues.", by="DC Sarah Linton")
ev("2018-03-22 08:40", PAED, "health", "A", "Father phoned that morning to cancel Child A's rebooked child protection medical.", source="Father", source_type="family", by="Dr Ruth Kemble")
ev("2018-03-27", MCSC, "section_47", "A B C D E F", "Section 47 outcome: neglect of all six children substantiated; emotional and physical harm to Child A. See the section 47 assessment.", action="Initial child protection conference booked for 3 April.", by="Hannah Okafor (SW)")
ev("2018-04-03", MCSC, "conference", "A B C D E F MUM DAD UNB", "Initial child protection conference, 14 working days after the strategy discussion. All six children made subject to child protection plans (neglect; Child A also emotional abuse). Mother confirmed she is about 12 weeks pregnant (the GP's agency check had mentioned a midwifery referral). Father left after shouting at the chair. The pregnancy is to be 'considered within the plan'; no formal pre-birth assessment requested.", outcome="Child protection plans for Child A to Child F.", by="Conference chair", key="icpc")
ev("2018-04-12", MMID, "health", "MUM UNB", "Antenatal booking at 13 weeks (first booking appointment missed). High-risk pregnancy: seventh pregnancy, previous pre-eclampsia and emergency caesarean, smoker. Consultant-led care.", action="Midwife's safeguarding referral to CSC, noting the child protection plans.", by="Kate Brennan (midwife)")
ev("2018-04-17", MCSC, "core_group", "A B C D E F MUM", "First core group, 10 working days after the ICPC. Father did not attend. Child A not seen since 13 March.", action="Child protection medical, EHE review, school attendance, weekly HV contact for Child F.", by="Hannah Okafor (SW)")
ev("2018-04-18", MHV, "health", "F MUM", "Child F's 2-2.5 year review at clinic: weight on the 2nd centile and only a few words.", action="Referrals to paediatrics and Speech and Language Therapy.", by="Emma Strand (HV)")
ev("2018-04-24", MCSC, "home_visit", "A E F MUM DAD", "Statutory visit. Father said Child A is staying with his paternal grandmother and refused to give her address. Child E and Child F seen. House cold, very little food.", seen="child-a:no;child-e:yes;child-f:yes", by="Hannah Okafor (SW)")
ev("2018-04-26", EHE, "no_access_visit", "A", "Joint visit by the EHE officer and the social worker: no answer.", seen="no", by="Janet Orme (EHE Officer)")
ev("2018-05-03", MCSC, "no_access_visit", "A E F", "Unannounced visit: no access; curtains drawn.", seen="no", by="Hannah Okafor (SW)")
ev("2018-05-08", MCSC, "core_group", "A B C D E F MUM", "Core group. Second community midwife since booking. Hasleby Academy says Child B is anxious; Child C's behaviour is worse. Child A still not seen.", by="Hannah Okafor (SW)")
ev("2018-05-15", MCSC, "note", "A UNB", "Supervision. Child A not seen for nine weeks; father obstructing. Agreed to seek legal advice if Child A is not seen by 31 May. Pregnancy: an 'assessment of the situation pre-birth' within the child protection plan; no formal pre-birth assessment commissioned.", by="Mark Ellison (TM)")
ev("2018-05-17", MMID, "health", "MUM UNB", "Mother did not attend antenatal clinic at 18 weeks; blood pressure not checked.", by="Joanne Pryce (midwife)")
ev("2018-05-22 16:10", MCSC, "home_visit", "A B C D E F MUM DAD", "Statutory visit after school. Child B, C, D, E and F seen. Father said Child A was 'asleep and not to be woken' and stood at the bottom of the stairs. Lone visit: the social worker did not go upstairs. Child A not seen. Full note in documents.", seen="child-a:no;child-b:yes;child-c:yes;child-d:yes;child-e:yes;child-f:yes", by="Hannah Okafor (SW)")
ev("2018-05-29", MEH, "environmental_health", "", "Neighbour complaint: shouting at night, then 'a thud' and crying. Officer checked the social care system under the new information-sharing guidance and told the social worker.", source="Neighbour", source_type="neighbour", action="Shared with CSC.", by="Kevin Dunmore (EHO)")
ev("2018-06-01", MMID, "health", "MUM UNB", "Anomaly scan at 20 weeks: attended; no anomalies seen.", by="Joanne Pryce (midwife)")
ev("2018-06-05", "Marlow Vale Legal Services", "meeting", "A B C D E F UNB", "Legal planning meeting. Threshold for proceedings met for Child A. Agreed: apply for a child assessment order so Child A can be seen and assessed; pre-proceedings letter to parents; start a formal pre-birth assessment now.", by="Mark Ellison (TM)")
ev("2018-06-07", MCSC, "assessment", "UNB MUM DAD", "Formal pre-birth assessment started at 21 weeks. Both parents invited; father refused to take part and mother asked to be seen on her own.", by="Hannah Okafor (SW)")
ev("2018-06-07 14:00", MMID, "health", "MUM UNB", "Consultant antenatal clinic: attended. Blood pressure raised; aspirin continued; growth scans planned.", by="Consultant obstetrician")
ev("2018-06-12", MCSC, "court", "A", "Application filed at the Family Court for a child assessment order (section 43 Children Act 1989) for Child A.", by="Marlow Vale Legal Services")
ev("2018-06-14", MCSC, "note", "DAD UNB", "Father did not attend the pre-birth assessment session arranged for him.", by="Hannah Okafor (SW)")
ev("2018-06-19", MCSC, "core_group", "A B C D E F MUM UNB", "Core group. Third community midwife allocated. Mother attended alone and was tearful; said she is 'not allowed' to talk about Child A.", by="Hannah Okafor (SW)")
ev("2018-06-21", "Family Court", "court", "A MUM DAD", "Hearing: child assessment order made for Child A, to run for 7 days from 9 July 2018. Father directed to produce Child A for paediatric and CAMHS assessment. Father shouted in court and was asked to leave.", outcome="Child assessment order made.", by="Marlow Vale Legal Services")
ev("2018-06-26", MCSC, "conference", "A B C D E F MUM DAD UNB", "First review child protection conference. Plans continue for all six children. Pre-birth conference for the unborn baby to be held by 32 weeks (by 24 August 2018). Chair asked for one multi-agency chronology including every missed appointment.", outcome="Plans continue.", by="Conference chair")
ev("2018-06-28", MCSC, "note", "DAD", "Letter from father dated 27 June received: complaints about professionals and a demand to close the case. Filed in documents; acknowledged by the team manager.", source="Father", source_type="family", by="Mark Ellison (TM)", key="father_letter")
ev("2018-06-29", MMID, "home_visit", "MUM UNB", "Community midwife home visit for blood pressure: 142/92. Mother seen alone in the kitchen; father in the next room.", action="Referred to the day assessment unit.", by="Amira Hassan (midwife)")

# ---------------------------------------------------------------------------
# Appointments: (date, member, agency, type, outcome, notes)
# ---------------------------------------------------------------------------
SALT = "Speech and Language Therapy"
DENT = "Community Dental Service"
GPN = "GP practice nurse"
APPOINTMENTS = [
    # Child A
    ("2005-04-12", "A", SALT, "speech and language therapy assessment", "attended", ""),
    ("2005-07-19", "A", SALT, "speech and language therapy", "was_not_brought", ""),
    ("2005-09-27", "A", SALT, "speech and language therapy", "was_not_brought", "Discharged after two WNB."),
    ("2007-11-27", "A", PAED, "paediatric outpatient", "was_not_brought", "GP referral: developmental delay."),
    ("2008-01-15", "A", PAED, "paediatric outpatient", "was_not_brought", "Discharged to GP."),
    ("2009-05-12", "A", DENT, "dental check-up", "attended", "Six decayed teeth; extractions under general anaesthetic advised."),
    ("2009-09-15", "A", DENT, "dental extraction under general anaesthetic", "cancelled_by_family", ""),
    ("2010-01-26", "A", DENT, "dental extraction under general anaesthetic", "attended", "Brought by mother while the CIN plan was open."),
    ("2010-03-03", "A", PAED, "developmental assessment", "was_not_brought", ""),
    ("2010-04-14", "A", PAED, "developmental assessment", "cancelled_by_family", "Mother: 'no transport'. Not rebooked."),
    ("2011-06-08", "A", "Audiology", "hearing test", "attended", "Hearing normal."),
    ("2013-03-12", "A", DENT, "dental check-up", "was_not_brought", ""),
    ("2014-06-17", "A", "CAMHS", "CAMHS assessment", "was_not_brought", ""),
    ("2014-07-22", "A", "CAMHS", "CAMHS assessment", "cancelled_by_family", "Father cancelled by phone; discharged."),
    ("2014-11-25", "A", PAED, "paediatric outpatient", "cancelled_by_service", "Clinic cancelled (consultant sick); not re-offered after the case closed."),
    ("2016-05-10", "A", DENT, "dental check-up", "was_not_brought", ""),
    ("2017-02-14", "A", "GP (Ottersbrook Surgery)", "asthma review", "was_not_brought", ""),
    ("2018-03-15", "A", PAED, "child protection medical", "was_not_brought", ""),
    ("2018-03-22 10:00", "A", PAED, "child protection medical", "cancelled_by_family", "Father cancelled at 08:40."),
    ("2018-04-26", "A", EHE, "EHE home visit", "no_access", "Joint visit with the social worker."),
    ("2018-07-09 10:00", "A", PAED, "paediatric assessment (child assessment order)", "upcoming", "Father directed by the court to produce Child A."),
    ("2018-07-10 14:00", "A", "CAMHS", "CAMHS assessment (child assessment order)", "upcoming", ""),
    ("2018-07-13", "A", DENT, "dental check-up", "upcoming", "Booked within the child assessment order period."),
    # Child B
    ("2005-03-15", "B", KHV, "9-12 month developmental review", "attended", ""),
    ("2006-06-20", "B", KHV, "2-year developmental review", "no_access", "Home visit."),
    ("2006-07-11", "B", KHV, "2-year developmental review", "rescheduled", "Moved by the HV team (staff sickness)."),
    ("2006-08-01", "B", KHV, "2-year developmental review", "attended", ""),
    ("2007-10-30", "B", GPN, "pre-school booster immunisation", "was_not_brought", ""),
    ("2009-05-12", "B", DENT, "dental check-up", "attended", ""),
    ("2013-03-12", "B", DENT, "dental check-up", "was_not_brought", ""),
    ("2017-01-24", "B", "Marlow Vale School Nursing", "HPV immunisation", "attended", "Given in school."),
    ("2018-05-02", "B", DENT, "dental check-up", "attended", "Brought by the family support worker."),
    ("2018-08-14", "B", DENT, "dental check-up", "upcoming", ""),
    # Child C
    ("2007-05-15", "C", KHV, "6-8 week review", "attended", ""),
    ("2007-05-22", "C", GPN, "immunisation (8 weeks)", "attended", ""),
    ("2008-03-19", "C", KHV, "9-12 month developmental review", "no_access", ""),
    ("2008-04-08", "C", GPN, "immunisation (12 months)", "was_not_brought", ""),
    ("2009-07-07", "C", MHV, "2-year developmental review", "no_access", ""),
    ("2009-08-05", "C", MHV, "2-year developmental review", "attended", ""),
    ("2010-11-09", "C", GPN, "pre-school booster immunisation", "cancelled_by_service", "Vaccine delivery delayed."),
    ("2013-03-12", "C", DENT, "dental check-up", "was_not_brought", ""),
    ("2017-05-09", "C", "CAMHS", "CAMHS assessment", "cancelled_by_family", "Mother cancelled the day before."),
    ("2018-05-02", "C", DENT, "dental check-up", "attended", "Brought by the family support worker."),
    ("2018-07-19", "C", "CAMHS", "CAMHS assessment", "upcoming", ""),
    # Child D
    ("2010-09-29", "D", MHV, "6-8 week review", "was_not_brought", ""),
    ("2010-10-13", "D", MHV, "6-8 week review", "attended", ""),
    ("2010-10-19", "D", GPN, "immunisation (8 weeks)", "was_not_brought", ""),
    ("2010-11-16", "D", GPN, "immunisation (8 weeks)", "attended", ""),
    ("2011-06-21", "D", MHV, "9-12 month developmental review", "no_access", "Home visit at the family hostel."),
    ("2012-09-18", "D", MHV, "2-year developmental review", "no_access", ""),
    ("2015-06-23", "D", "Audiology", "hearing test", "attended", "School entry hearing screen follow-up; normal."),
    ("2018-04-10", "D", DENT, "dental check-up", "was_not_brought", ""),
    ("2018-09-11", "D", DENT, "dental check-up", "upcoming", ""),
    # Child E
    ("2013-03-28", "E", KHV, "6-8 week review", "was_not_brought", ""),
    ("2013-04-10", "E", KHV, "6-8 week review", "attended", ""),
    ("2013-12-03", "E", KHV, "9-12 month developmental review", "was_not_brought", ""),
    ("2014-04-15", "E", GPN, "immunisation (12 months)", "cancelled_by_family", ""),
    ("2015-03-03", "E", MHV, "2-2.5 year developmental review", "no_access", ""),
    ("2015-04-14", "E", MHV, "2-2.5 year developmental review", "attended", "Speech delay; SALT referral."),
    ("2015-06-30", "E", SALT, "speech and language therapy", "was_not_brought", ""),
    ("2016-09-20", "E", GPN, "pre-school booster immunisation", "attended", ""),
    ("2017-06-27", "E", "Audiology", "hearing test", "rescheduled", "Moved at the family's request (house move)."),
    ("2018-02-27", "E", SALT, "speech and language therapy", "attended", "Seen in school."),
    ("2018-07-17", "E", "Audiology", "hearing test", "upcoming", ""),
    # Child F
    ("2016-01-25", "F", MHV, "new birth visit", "attended", ""),
    ("2016-02-24", "F", MHV, "6-8 week review", "attended", ""),
    ("2016-03-08", "F", GPN, "immunisation (8 weeks)", "cancelled_by_service", "Nurse unavailable."),
    ("2016-03-22", "F", GPN, "immunisation (8 weeks)", "attended", ""),
    ("2016-10-18", "F", MHV, "9-12 month developmental review", "was_not_brought", ""),
    ("2016-11-08", "F", MHV, "9-12 month developmental review", "attended", "Home visit."),
    ("2017-06-13", "F", PAED, "paediatric outpatient (faltering growth)", "was_not_brought", ""),
    ("2017-07-25", "F", PAED, "paediatric outpatient (faltering growth)", "was_not_brought", "Discharged to GP and HV."),
    ("2018-02-06", "F", MHV, "2-2.5 year developmental review", "no_access", ""),
    ("2018-04-18", "F", MHV, "2-2.5 year developmental review", "attended", ""),
    ("2018-05-24", "F", PAED, "paediatric outpatient (faltering growth)", "attended", "Brought by mother and the family support worker."),
    ("2018-07-24 09:30", "F", PAED, "paediatric outpatient (faltering growth)", "upcoming", ""),
    ("2018-08-07", "F", SALT, "speech and language therapy", "upcoming", ""),
    # Mother
    ("2007-01-16", "MUM", KMID, "antenatal clinic", "did_not_attend", ""),
    ("2010-05-11", "MUM", MMID, "antenatal clinic", "did_not_attend", ""),
    ("2013-01-15", "MUM", KMID, "consultant antenatal clinic", "did_not_attend", ""),
    ("2015-07-07", "MUM", MMID, "antenatal booking", "did_not_attend", ""),
    ("2015-07-21", "MUM", MMID, "antenatal booking", "attended", ""),
    ("2015-08-18", "MUM", MMID, "antenatal scan (dating)", "attended", ""),
    ("2015-11-18", "MUM", MMID, "consultant antenatal clinic", "did_not_attend", ""),
    ("2015-12-09", "MUM", MMID, "community midwife home visit", "no_access", "Blood pressure check."),
    ("2017-04-25", "MUM", "GP (Ottersbrook Surgery)", "GP review (low mood)", "did_not_attend", ""),
    ("2018-03-29", "MUM", MMID, "antenatal booking", "did_not_attend", ""),
    ("2018-04-12", "MUM", MMID, "antenatal booking", "attended", "13 weeks; high risk; consultant-led."),
    ("2018-04-19", "MUM", MMID, "antenatal scan (dating)", "did_not_attend", ""),
    ("2018-04-26", "MUM", MMID, "antenatal scan (dating)", "attended", ""),
    ("2018-05-17", "MUM", MMID, "antenatal clinic", "did_not_attend", ""),
    ("2018-06-01", "MUM", MMID, "antenatal scan (anomaly)", "attended", ""),
    ("2018-06-07 14:00", "MUM", MMID, "consultant antenatal clinic", "attended", ""),
    ("2018-06-21", "MUM", MMID, "community midwife appointment", "cancelled_by_family", "Father phoned: 'she's busy'."),
    ("2018-06-29", "MUM", MMID, "community midwife home visit", "attended", "BP 142/92."),
    ("2018-07-12 11:00", "MUM", MMID, "consultant antenatal clinic", "upcoming", ""),
    ("2018-07-27", "MUM", MHV, "antenatal contact (28 weeks)", "upcoming", "Health visitor home visit."),
    ("2018-08-09", "MUM", MMID, "antenatal scan (growth)", "upcoming", ""),
    ("2018-09-06", "MUM", MMID, "antenatal scan (growth)", "upcoming", ""),
    # Father
    ("2011-05-24", "DAD", "Domestic Abuse Perpetrator Programme", "programme assessment", "did_not_attend", ""),
    ("2018-06-14", "DAD", MCSC, "pre-birth assessment session", "did_not_attend", ""),
    ("2018-07-05", "DAD", MCSC, "pre-birth assessment session", "upcoming", ""),
]
