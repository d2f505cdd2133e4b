"""Safety guards on unseen wording: danger now, personal details, and what is out of scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.engine.danger import signals_danger
from bot.engine.personal import birth_dates, has_personal_data, redact
from bot.testing import local_time

MASH, ESWT, ADULTS_DAY, ADULTS_OOH = "253169", "265545", "253772", "725005"
LOCAL = (MASH, ESWT, ADULTS_DAY, ADULTS_OOH)
NOW = local_time("2026-12-01T11:00")


def first_number(text: str) -> str | None:
    flat = re.sub(r"\s+", "", text)
    found = [(flat.find(n), n) for n in LOCAL if n in flat]
    return min(found)[1] if found else None


@pytest.mark.parametrize(
    "message",
    [
        "someone's been stabbed outside the school",
        "he's got a gun",
        "guy outside with a shotgun",
        "she's not breathing",
        "my client is threatening to kill himself",
        "he says he's gonna kill himself tonight",
        "teenager on the bridge saying she'll jump",
        "she's threatening to throw herself off the bridge",
        "there's a man with a machete outside",
        "my partner is hitting me",
        "ppl fighting with knives outside the chippy",
        "HELP he's strangling her",
        "man punching a woman in the street",
        "a man is stabbing someone",
        "theres a guy threatening people with a bat",
        "someone has OD'd at the hostel",
        "my client just told me she's taken 30 paracetamol",
        "kid just swallowed bleach",
        "5 year old gone missing from the park",
        "old man lying on the floor wont wake up",
        "elderly lady fell and isn't moving",
        "dad is drunk and smashing the house up, kids are scared",
        "somebody is trying to break into my neighbours flat, she's 90",
        "child has been left in a hot car",
        "a teenage girl is being forced into a car",
        "there's a man in the park exposing himself to kids",
        "he's pointing a gun at them",
        "my friend says she's going to overdose tonight",
        "lad is hanging from a tree",
        "there's been a stabbing outside",
        "someone just got shot",
        "my nan is unconscious",
        "he's unconscious in the bathroom",
        "a child is being sexually exploited right now in a car park, which board deals with cse",
        "a girl is being taken abroad for fgm today, her flight leaves in an hour",
        "fire at a hoarder's flat and the resident is still inside",
        "child home alone and i can see smoke coming from the flat",
        "mum is passed out drunk and the baby is alone in the bath",
        "baby is drowning",
        "a baby is being shaken",
        "my client has just told me her partner is on his way over to hurt her",
        "dad has locked himself and the kids in the car and says he will drive into the lake",
        "teen on the railway line near bletchley station",
        "mum hasn't woken up and the kids are alone",
        "pls help theres a man following a little girl home from school trying to get her in his van",
        "kid fell through the ice on the lake",
        "girl in the park unconcious cant wake her up shes like 14",
        "the 14 year old i support is texting me goodbye from the bridge over the A5",
        "thers a lil boy on hs own on the balcony ledge 4th floor",
        "service user has tied a ligature round her neck and wont let me in the room",
        "woman with learning disabilities being dragged out of the day centre by a man",
        "woman sat on the edge of the car park roof with her legs over the side",
        "toddler wandered onto the road by the roundabout",
        "a year 8 pupil has just told me her stepdad is waiting at the school gate to hurt her",
        "my mum has dementia and shes wandered off in her nightie, its freezing and dark",
        "man in a wheelchair being robbed and kicked at the bus stop outside",
        "she took all her tablets about ten mins ago, shes 15",
    ],
)
def test_danger_paraphrases_put_999_first(engine, message):
    """Harm happening now, however worded, puts the 999 line first and flags danger."""
    ans = engine.answer(message, NOW)
    assert "999" in ans.text.splitlines()[0]
    assert "danger" in ans.flags and ans.kind == "contact"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("a kid has taken loads of pills", MASH),
        ("baby is fitting and going blue", MASH),
        ("toddler choking on a grape", MASH),
        ("older man collapsed in the care home", ADULTS_DAY),
        ("old man lying on the floor wont wake up", ADULTS_DAY),
    ],
)
def test_after_999_comes_the_audience_line(engine, message, expected):
    """After the 999 line comes the open line for the person in danger (child or adult)."""
    ans = engine.answer(message, NOW)
    assert "999" in ans.text.splitlines()[0]
    assert first_number(ans.text) == expected


@pytest.mark.parametrize(
    "message",
    [
        "what is the knife crime plan",
        "domestic abuse training",
        "who funds the partnership",
        "what is MARAC",
        "suicide prevention strategy",
        "what is the risk of overdose for young people",
        "which line is open right now for children",
        "how many children went missing last year",
        "what is the board doing about children carrying knives",
        "weapons awareness in schools",
        "knife crime statistics",
        "what training is there on suicide awareness",
        "a pupil is missing school a lot, who do i contact",
        "baby with a bottle",
        "the child isn't in danger right now",
        "not an emergency but worried about a child",
        "no immediate risk, concern about an elderly man",
        "who is looking at unconscious bias training",
        "unconscious bias",
        "fgm training",
        "who is tackling forced marriage",
        "the fire service did safeguarding training",
        "which board deals with cse",
        "smoke alarm awareness training",
        "an adult told me she was sexually abused as a child in the 1990s, who do i tell",
        "a teenager told me last month he was stabbed in the summer, he's fine now, who do i tell",
        "a child died in a house fire two years ago, was there a review",
    ],
)
def test_topics_are_not_danger(message):
    """Topics (plans, training, figures, open lines) and negated danger are not danger now."""
    assert not signals_danger(message)


@pytest.mark.parametrize(
    "message",
    [
        "what is the knife crime plan",
        "domestic abuse training",
        "who funds the partnership",
        "what has the partnership done about county lines",
        "which board looks at child exploitation",
        "who chairs the risk board",
        "what is a child protection plan",
        "what is child neglect",
        "what is child sexual exploitation",
        "what is financial abuse of older people",
        "how are children protected from exploitation in mk",
        "what is the bruising protocol for babies",
        "what is safeguarding adults week",
    ],
)
def test_knowledge_questions_are_not_contact_answers(engine, message):
    """Questions about the report's work that name harm or people are not routed to the lines."""
    assert engine.answer(message, NOW).kind != "contact"


def test_known_bug_personal_details_are_followed_by_the_lines(engine):
    """A child's name, DOB and address: the warning, then the children's line open now."""
    ans = engine.answer(
        "John Smith DOB 12/03/2015 lives at 4 High St, is he on a plan?",
        local_time("2026-12-04T16:40"),
    )
    lines = ans.text.splitlines()
    assert "not a referral route" in lines[0] and "personal-data" in ans.flags
    assert "16:30" in lines[1] and ESWT in lines[1].replace(" ", "")


@pytest.mark.parametrize(
    ("message", "when", "expected"),
    [
        ("NHS no 485 777 3456 - elderly patient, concerned about neglect", NOW, ADULTS_DAY),
        ("Can I refer Aisha Khan, 7 Elm Close MK6 2AB, she's 9", "2026-12-05T11:00", ESWT),
        ("Is Tom Baker (dob 1/1/1950) known to adult social care?", NOW, ADULTS_DAY),
        ("MK3 5JT number 12, kid there always crying", NOW, MASH),
        ("referral for baby born 02/11/2026 to a mum who uses drugs", NOW, MASH),
        ("DOB 3rd May 1987, she's being controlled by her partner", NOW, ADULTS_DAY),
        ("his mobile is 07911 123456, he's 14 and being exploited", NOW, MASH),
        ("Amy Green, d.o.b 04.05.2019, bruising to face", NOW, MASH),
        ("Mrs Patel at 15 Station Road is 91 and confused", NOW, ADULTS_DAY),
    ],
)
def test_personal_details_warn_then_give_the_right_line(engine, message, when, expected):
    """Identifying details open with the warning (after the 999 line, when the message
    reads as danger now: ongoing exploitation may); the line for that person's age follows."""
    ans = engine.answer(message, local_time(when) if isinstance(when, str) else when)
    lines = ans.text.splitlines()
    warning_at = 1 if "danger" in ans.flags else 0
    assert "not a referral route" in lines[warning_at]
    assert first_number(ans.text) == expected


@pytest.mark.parametrize(
    "message",
    ["Sarah Jones, 22 Church Lane - is she known to you?", "nhs number 9434765919"],
)
def test_personal_details_without_an_audience_give_both_lines(engine, message):
    """With no age or audience word, both audiences' lines follow the warning."""
    ans = engine.answer(message, NOW)
    flat = ans.text.replace(" ", "")
    assert "not a referral route" in ans.text.splitlines()[0]
    assert MASH in flat and ADULTS_DAY in flat


def test_a_question_with_personal_details_is_still_answered(engine):
    """A glossary question that also holds an address gets its answer, then the lines."""
    ans = engine.answer("what is marac, asks Jane Doe of 1 Acacia Avenue", NOW)
    assert ans.kind == "glossary"
    assert "Multi-Agency Risk Assessment Conference" in ans.text
    assert "To make a referral:" in ans.text and MASH in ans.text.replace(" ", "")


@pytest.mark.parametrize(
    "message",
    [
        "MASH 01908 253169 is that right?",
        "what did the risk board do in 2019/20",
        "was the meeting on 12/03/2020 quorate",
        "what does Milton Keynes Council do",
        "what happened in 2019 family court cases",
        "meets every 4 weeks close to the station",
    ],
)
def test_service_numbers_years_and_names_are_not_personal(message):
    """Service numbers, report years and organisation names are not personal details."""
    assert not has_personal_data(message)


def test_mobiles_and_houses_are_redacted():
    """A person's mobile and a house number with its street are redacted."""
    text = redact("call 07911 123456 at 4 High St")
    assert "07911" not in text and "123456" not in text and "High St" not in text


def test_birth_dates_read_common_formats():
    """Dates of birth are read as day first, two-digit years in this century if not future."""
    today = dt.date(2026, 12, 1)
    assert birth_dates("DOB 3rd May 1987", today) == [dt.date(1987, 5, 3)]
    assert birth_dates("dob 12/03/15", today) == [dt.date(2015, 3, 12)]
    assert birth_dates("d.o.b 04.05.2019", today) == [dt.date(2019, 5, 4)]
    assert birth_dates("meeting 12/03/2015", today) == []  # no DOB cue


@pytest.mark.parametrize(
    "message",
    [
        "what's the weather in milton keynes tomorrow",
        "can you order me a pizza",
        "how do I renew my passport",
        "who won the football last night",
        "best pub in bletchley",
        "what is the capital of france",
        "recommend a good film",
        "how do i bake bread",
    ],
)
def test_out_of_scope_is_unknown(engine, message):
    """Out-of-scope questions get `unknown`, the help line and 999, never a confident answer."""
    ans = engine.answer(message, NOW)
    assert ans.kind == "unknown" and ans.confidence == 0.0
    assert "999" in ans.text.splitlines()[-1]


def test_danger_with_personal_details_keeps_999_then_the_warning(engine):
    """A baby's date of birth in a danger message: 999 first, the warning, then the child line."""
    ans = engine.answer("a baby born 01/12/2026 at home is not breathing", NOW)
    lines = ans.text.splitlines()
    assert "999" in lines[0] and "not a referral route" in lines[1]
    assert first_number(ans.text) == MASH and {"danger", "personal-data"} <= set(ans.flags)
