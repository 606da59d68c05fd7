"""Learning corpus for the CaseBrief demo: one review, one procedure, one guidance note.

All three are fictional documents written for the demo. The review restates, in new words,
the findings, learning points and recommendations of a published serious case review about
six siblings; the family, places and partnership named here are invented. The procedure and
the guidance are built from the facts in shared/domain.md, with one stated local rule where
areas differ.
"""

from __future__ import annotations

REVIEW_NAME = "reviews/family-k-six-children-review.md"
REVIEW_MD = """---
title: "Serious Case Review: Family K (six children)"
kind: review
published: 2017-09-14
publisher: Eastmarch Safeguarding Children Partnership
---

# Serious Case Review: Family K (six children)

This review looks at how agencies worked with six brothers and sisters, called Child K1 to
Child K6 here, who were between two and a half and sixteen and a half years old when it began.
The names, places and dates in this summary have been changed.

## About the family and why the review was held

All six children lived with neglect and poor treatment, and all of them had very unsettled
lives at home and at school. The eldest, Child K1, a boy with significant additional needs,
suffered the most: neglect, abuse and ill-treatment over many years. Agencies knew some of the
worries, but how badly the children had been harmed only started to become clear when child
protection enquiries began in March 2016, and it was only fully recognised in June 2016, when
the local authority went to court.

The Partnership decided to hold a serious case review because abuse and neglect were known or
suspected, the harm was serious, and there were questions about how well agencies had worked
together to protect six children in one household.

## How the review was done

Every agency that knew the children or their parents gave information, and
practitioners who had worked with the family took part in learning events. The parents and
the eldest child were asked to contribute. The father gave a small amount of his view and then
declined to take part further. The mother and the eldest child did not respond.

The review found a familiar and difficult pattern. Concerns about this family rose and fell over
many years. Neglect sits in a grey area where it is hard to show that the threshold for firmer
action has been reached, so professionals struggled to make the case for stepping in earlier.
Meanwhile the children lived with harm that did not go away and slowly added up. The
professional network itself became stuck, without realising it, until a sudden crisis forced
a different response.

## Main findings

- **Frequent moves.** The family moved 13 times between November 2002 and July 2015. Each move
  meant new professionals, who began their assessment again from scratch. Hardly anyone could
  see the long view of the children's lives.
- **The eldest child became invisible.** After he was taken out of school in 2013, Child K1
  effectively disappeared from view. His considerable educational and other needs were never
  properly assessed or met, and the father pulled professional attention away from him.
- **Resistance and non-engagement.** The parents' resistance, and their refusal to work with
  services, did much to draw professionals away from the children, and from Child K1 in
  particular. Some practitioners kept the children in focus, but what they saw on each contact
  rarely seemed serious enough for statutory action. Concerns kept changing shape, and looked
  at one at a time they seldom crossed the threshold for a firmer response.
- **Mixed reactions to the parents.** Some practitioners were frightened of the parents; others
  felt sorry for them. Both reactions made it harder to assess, to act and to decide.
- **One child singled out.** The evidence suggests Child K1 was picked out and made the
  scapegoat of the family, and suffered persistent neglect and emotional harm. The full effect
  of this over time was only thoroughly assessed near the end of the period reviewed.

## Learning: never assume someone else is dealing with it

If you are worried about a child, do not assume another professional already knows or is
acting. What you know may be one piece of a bigger picture and could change an assessment or a
decision. In this family several agencies each held a fragment and each believed someone else
had the whole.

## Learning: moves, fresh starts and the lost long view

Thirteen moves across two local authorities meant thirteen fresh starts. Records followed the
family slowly or not at all, cases were closed when the family left an area, and new workers
met the family without knowing its history. Agencies should treat a house move, especially a
move that follows their involvement, as a moment to pass on the history, not as a reason to
close.

## Learning: children who become invisible after leaving school

Once Child K1 was removed from the school roll to be educated at home, no professional saw him
regularly. Home education is a lawful choice, and home-educated children are not in general at
greater risk, but when a child already has unmet needs and a history of concern, leaving school
can hide harm. Removal from roll should prompt agencies to check who will now see the child,
and to keep asking to see him.

## Learning: non-engagement is a risk factor, not a reason to close

A parent's refusal to engage, or to talk about their children's welfare, should be seen as a
risk that may affect the child's safety and wellbeing. The test for closing a case should be
evidence that the original worry or need has been resolved, not simply that the parents would
not take part. If a case is to be closed for non-engagement after repeated attempts, that
decision should be risk-assessed against the family's history and its current circumstances.
Letting the absence of consent stop the follow-up of worries about a child's safety can pull
attention away from the child.

## Learning: intimidating and controlling parents

When a parent or another adult is intimidating and controlling, a co-worker helps, whether from
the same agency or another discipline, and so does a closely coordinated group of
professionals. This takes joined-up working, planning and backing from managers. Every
practitioner needs their organisation's support to feel able to carry out their statutory
duties with confidence when safeguarding children. In Family K, workers who felt intimidated
shortened visits, accepted explanations on the doorstep, and in one case were changed after the
father complained.

## Learning: coercive control and its effect on the children

Where one parent appears to control the other and the household, professionals should explore
what this means for the children. Research on coercive control stresses that children are not
bystanders who are merely exposed to domestic abuse: they live with it, experience it and try
to make sense of it themselves. In this family the mother was rarely seen without the father,
and her voice, and her children's, was seldom heard.

## Learning: Environmental Health and noise complaints

When making enquiries about possible neglect or ill-treatment, it can be worth checking whether
the local Environmental Health or regulatory service has been involved with the family's home.
Complaints about noise and nuisance can be a sign of a chaotic and troubled home. Family K's
homes produced many noise complaints over the years, including reports of children crying and
screaming, but none reached children's services.

## Learning: referrals from neighbours deserve equal weight

Information from neighbours should be given the same importance as information from
professionals. In this case neighbours repeatedly reported what they saw and heard, and their
calls were too often treated as a neighbour dispute and closed after brief checks. Concerns and
referrals must not be ranked by the status of the person making them.

## Learning: consistency of worker in pregnancy

Having the same worker throughout a pregnancy helps everyone. It allows trust to grow, and
where a mother may be vulnerable, a relationship with one professional she trusts can lead to
better outcomes for her and the baby. The mother in Family K saw several different midwives
during a pregnancy that was high risk.

## Learning: curiosity about the parents' relationship in pregnancy

Practitioners working with expectant mothers should stay curious about the quality of the
relationship between the parents. Where a woman has known vulnerabilities and a high-risk
pregnancy, timely reflective supervision helps the practitioner to look critically at the
case history and at how the case is being managed.

## Learning: a formal pre-birth assessment is not the same as assessing the situation

Considering "the situation before the birth" within other work is not the same as carrying out
a formal pre-birth assessment. Professionals should be clear, and should explain to others,
what is driving the need for any assessment, particularly one about the safety of a baby. The
circumstances of Family K justified a formal pre-birth assessment under the local safeguarding
procedures, and one was not carried out in time.

## Learning: separated parents each need a voice

Where parents live apart, or separate and reunite, each parent should have the chance to give
their own views, wishes and feelings in full, not only through the other parent.

## Learning: the value of home visits

Home visits matter a great deal. They let practitioners see children in their own surroundings,
watch how the family behaves together and judge the standard of the home. In this family some
visits did not happen, ended on the doorstep, or took place without the eldest child being seen.

## Learning: multi-agency chronology and missed appointments

Where there are several children and many agencies, good practice is to build and keep up a
single multi-agency chronology, reviewed regularly in supervision and by the agencies together,
especially when concerns are hard to evidence. One big advantage is that it shows missed
appointments across every child and every service. Recording systems should capture whether
children are brought to appointments, and this should be looked at whenever key decisions are
made or reviewed. A parent repeatedly failing to bring a child to appointments can amount to
medical neglect: not seeking or prioritising the child's health needs. Children with complex
needs are especially vulnerable to it.

## Learning: a tight network and a central point of contact

In complex situations it is essential to build a chronology, check information from more than
one source, and work as a close network. The more professionals involved, the more important it
is to have strong working relationships and links between them. A single central point of
contact that every professional can go to makes this much easier.

## Learning: authoritative, curious practice

When a family's dynamics are complicated and risk comes from several directions, the network
needs experienced and authoritative multi-agency practice that keeps asking questions and keeps
checking whether every source of information has been followed up.

## Learning: group think

Group think happens when a group reaches agreement without critically examining all the
information from everyone present, often because people want to avoid disagreement or upset,
so that some contributions are held back. Strong chairing reduces the risk, as does making room
for open, critical discussion of the information shared.

## Learning: the lived experience of every child

In a household with many children, practitioners need to understand daily life for each child.
When one child is treated or described differently from the others, that is a reason to be
more curious, and to find out in detail what life is like for that child. In Family K the
siblings' accounts of the eldest child being kept apart were the clearest evidence of harm.

## Learning: what schools contribute

The schools in this case gave valuable information and made a real contribution to the
network's decisions. Schools are well placed to hear about, understand and explore children's
everyday lives, and their views should always be asked for. The eldest child lost that
protection when he left school.

## Learning: critical thinking and supervision

Complex situations call for critical thinking: examining information, beliefs and actions
carefully to get a deeper understanding of what may be happening. Good reflective supervision,
or advice from an independent expert, supports this.

## Learning: how the professionals around each family member connect

Where individual children have complex needs within a complex family, practitioners should look
at how the professionals working with each family member relate to one another, where their
work overlaps and where the risks sit. Risk should be examined for each individual and also at
the level of the organisations and the system, to avoid fragmented, silo working.

## Recommendations

Each agency that contributed has identified its own learning and produced a single-agency
action plan, and many of the issues in this review are being addressed through those plans. In
addition, the review makes these recommendations to the Safeguarding Partnership:

1. Share the learning from this review with practitioners and managers across the multi-agency
   partnership.
2. Seek assurance that each partner agency's actions arising from this review have been managed,
   put in place and embedded without delay.
3. Make sure local arrangements give all relevant practitioners enough knowledge and
   understanding to recognise and assess neglect, and to raise concerns about neglect through
   the right route.
4. From April 2018 Children's Social Care and Early Help will share one recording system. Once it
   is in place, the Partnership should check that social care staff are using Early Help records
   to inform assessments and decisions.
5. Commission an audit, across agencies, of the consent process changed at the front door in
   January 2017, to check that where parents refuse consent and worries continue, the
   assessments and decisions made are robust, centred on the child and timely.
6. Check that concerns and referrals are never ranked by who made them, and that referrals
   from neighbours, and from workers who may be seen as having lower status, are given equal
   weight.
7. Make sure that what is expected of a formal pre-birth assessment is clearly communicated to,
   and understood by, every relevant agency and professional.
8. Consider the best way, and the right criteria, for escalating concerns when parents refuse to
   work with professionals, openly or quietly, pull away from them, or take part only on and off.
"""

PROCEDURE_NAME = "procedures/pre-birth-assessment.md"
PROCEDURE_MD = """---
title: Pre-birth assessment and planning procedure
kind: procedure
published: 2017-09-01
publisher: Marlow Vale Safeguarding Children Partnership
---

# Pre-birth assessment and planning procedure

This procedure applies to every agency working in Marlow Vale County. It sets out when an
unborn baby must be referred to Children's Social Care (CSC), what a formal pre-birth assessment
covers, and how the birth and discharge are planned. Timescales for pre-birth work differ
between areas; where this procedure sets a local rule it says so, and the Marlow Vale rule
applies to all Marlow Vale cases.

## Local rules at a glance

- Referral: any professional with concerns must refer the unborn baby to CSC by **16 weeks of
  pregnancy**, or as soon as the concern is known if that is later. (Local rule. Some areas
  accept referrals from 12 weeks; others expect them between 12 and 16 weeks.)
- Families already known to CSC (an open case, or any child subject to a plan) must be referred
  **as soon as the pregnancy is known**, whatever the gestation.
- CSC must decide what to do with a pre-birth referral **within one working day**.
- A formal pre-birth assessment must start **within 10 working days** of the referral and be
  completed **by 28 weeks of pregnancy**, or within 45 working days of the referral if it was
  made after 19 weeks.
- A pre-birth child protection conference, where one is needed, must be held **no later than 32
  weeks of pregnancy**. (Local rule. Other areas use "not before 30 weeks", "no later than 34
  weeks" or "at least 10 weeks before the due date".)
- The child protection birth plan must be in the mother's maternity notes **by 34 weeks**.
- The discharge planning meeting must be held **by 36 weeks**, well before any discharge.

## When to refer

A referral must be made when any of these apply:

- a previous child has been removed from either parent's care, or a sibling is subject to a
  child protection plan;
- a child has previously died unexpectedly, without explanation, in the care of either parent;
- someone who poses a risk to children lives in or visits the household;
- a parent misuses drugs or alcohol, has a mental illness, experiences or perpetrates domestic
  abuse, or has a learning difficulty that affects their parenting;
- a parent is under 18, or was looked after or is a care leaver;
- the pregnancy has been concealed or denied, or antenatal care has been avoided or booked late;
- the parents have not cooperated with services before.

Several of these together, or a pattern over previous pregnancies, make a referral more urgent,
not less.

## Who refers and how

Usually the community midwife refers at or soon after the booking appointment, but any
professional who knows of a concern must refer: a GP, health visitor, social worker, police
officer, housing officer or school. The referrer must tell the parents, unless doing so would
put the baby or anyone else at risk, and must copy the referral to the Named Midwife for
Safeguarding. A referrer who hears nothing back within three working days must chase the
referral and, if still unresolved, escalate it.

## Assessing the situation pre-birth versus a formal pre-birth assessment

Thinking about the pregnancy within existing work with the family, for example as an item in an
older sibling's child protection plan, is an **assessment of the situation pre-birth**. It is
not a **formal pre-birth assessment** and must not be recorded as one. Where the triggers above
apply, CSC must commission a formal pre-birth assessment and record the reason. The social
worker must explain to the parents and to the network which kind of assessment is being done and
why.

## What a formal pre-birth assessment covers

The allocated social worker must complete a formal pre-birth assessment that includes:

- both prospective parents: fathers and partners must be seen and assessed, not only mothers;
- a chronology of the family's history, including previous pregnancies and what happened to
  older children;
- checks with every agency that knows either parent, in every area where they have lived;
- mental health, drug and alcohol use, and domestic abuse, including coercive control;
- house moves and housing stability;
- safe sleeping and the practical preparation for the baby;
- the parents' understanding of the baby's needs and of the concerns, and their capacity to
  change.

Each parent must be offered the chance to be seen on their own. If a parent refuses to take part,
the assessment must continue with the information available and must record the refusal and what
it means for the risk.

## Pre-birth child protection conference

If the assessment finds that the baby is likely to suffer significant harm, CSC must convene a
pre-birth child protection conference no later than 32 weeks (local rule, see above). The
community midwife and the health visitor must attend every conference about an unborn baby.
The conference must plan for the possibility of a premature birth, and must name who will
tell CSC when labour starts.

## Birth plan

Where an unborn baby is subject to a child protection plan, the social worker must write a
child protection birth plan with the midwife and file it in the mother's maternity notes by 34
weeks. It must name the community midwife, the safeguarding lead midwife, the health visitor and
the social worker; say who must be told when labour begins, including out of hours (the
Emergency Duty Team); and record anyone who must not be allowed onto the unit.

## Discharge planning

A discharge planning meeting must be held by 36 weeks, and in any case well before the baby is
ready to leave hospital. The ward must not discharge the baby until the agreed plan is in place
and the social worker has confirmed it. Midwifery normally discharges to the health visitor
10 to 14 days after the birth; for a baby on a plan, the health visitor must make the new birth
visit within that window and share the outcome with the social worker.

## Late booking and premature birth

When a pregnancy is first known late, every timescale in this procedure is shortened: the
referral must be made the same day, and CSC must decide within one working day whether to hold
a conference before the birth or to plan for an immediate post-birth conference. Every birth
plan must include what happens if the baby arrives early.

## Supervision and escalation

Managers must review every pre-birth case in supervision at least monthly. Any professional who
believes a formal pre-birth assessment is needed but has not been started must escalate through
the Partnership's resolution process.
"""

GUIDANCE_NAME = "guidance/was-not-brought.md"
GUIDANCE_MD = """---
title: "Was not brought: responding when children miss health appointments"
kind: guidance
published: 2017-04-01
publisher: Marlow Vale Safeguarding Children Partnership
---

# Was not brought: responding when children miss health appointments

This note is for everyone who offers appointments to children: GP practices, health visiting,
school nursing, community paediatrics, therapies, CAMHS, dental and hospital services. It
explains why we say a child "was not brought", and what to do when it happens.

## Why "was not brought"

Children cannot get themselves to appointments; they rely on an adult to take them. Recording
"did not attend" puts the responsibility on the child. Recording "was not brought" (WNB) makes
us ask why the child was not brought, and what missing the appointment means for the child.

## WNB or DNA?

- Use **was not brought** for any child who depends on a parent or carer to bring them.
- Use **did not attend** (DNA) for an adult's own appointment, such as an antenatal
  appointment or a parent's mental health review, and for an older young person who usually
  attends on their own.
- A family cancelling, or a home visit where nobody answers, is still a missed contact for
  the child and must be recorded as such.

## One missed appointment or a pattern?

A single missed appointment is seldom a safeguarding concern by itself: families are ill, buses
are late, letters go astray. What matters is the pattern. Look across services and across
siblings: several missed appointments, repeated cancellations, or appointments that are always
rearranged can show that a child's health needs are not being prioritised. Failing to make sure
a child gets appropriate medical care is neglect (sometimes called medical neglect). Children
with complex or additional needs are most at risk, because they have more appointments and
more depends on them. Missed appointments are found again and again in case reviews before a
child came to serious harm.

## Children on a plan

For a child on a child protection plan for neglect, even **one** missed appointment must
prompt action the same day: tell the child's social worker. For a child on a child in need or
Early Help plan, tell the lead professional within two working days.

## What to do when a child is not brought

1. **Check** the child's record: previous missed appointments, any plan, who the lead
   professional is, and whether siblings are also missing appointments.
2. **Follow up**: contact the parent or carer to find out why and to offer another
   appointment. Do not send a second letter and wait.
3. **Inform** the child's GP and health visitor (or school nurse) in writing, whatever the
   outcome of the follow-up.
4. **Think about impact**: what does this missed appointment mean for this child's health and
   development?
5. **Record** the appointment as "was not brought", with what you did and who you told.
6. **Escalate**: if there is a pattern, if the child is on a plan, or if you cannot reach the
   family, discuss with your safeguarding lead and consider a referral to Children's Social
   Care.

## Discharging a child who is not brought

Do not discharge a child after missed appointments without first telling the referrer, the GP
and, where there is one, the lead professional, and without considering whether the child's
need still exists. A discharge letter that says a child "remains unassessed" must be followed
up by the person who receives it.

## Cancellations and rescheduling

Families who cancel or rearrange repeatedly may be showing disguised compliance: appearing to
cooperate while the child never actually gets seen. Count cancellations by the family alongside
missed appointments when you look for a pattern.

## Recording and sharing

Every service must record whether a child was brought to each appointment. The lead
professional should keep missed appointments for all the children in a family on the
multi-agency chronology and review them at core groups, child in need meetings and
conferences.
"""
