"""Who to call, asked the way practitioners ask: synonyms, typos, text-speak, long messages."""

from __future__ import annotations

import re

import pytest

from bot.engine.audience import audience_of, fold
from bot.engine.text import clean, words
from bot.testing import local_time

MASH, ESWT, ADULTS_DAY, ADULTS_OOH = "253169", "265545", "253772", "725005"
LOCAL = (MASH, ESWT, ADULTS_DAY, ADULTS_OOH)

TUESDAY_DAY = "2026-12-01T11:00"
FRIDAY_LATE = "2026-12-04T16:45"  # MASH closed at 16:30, adults open until 17:00
SATURDAY = "2026-12-05T11:00"
WEDNESDAY_NIGHT = "2026-12-02T22:00"


def first_number(text: str) -> str | None:
    flat = re.sub(r"\s+", "", text)
    found = [(flat.find(n), n) for n in LOCAL if n in flat]
    return min(found)[1] if found else None


CHILD_PARAPHRASES = [
    ("who do i ring about a kid", TUESDAY_DAY, MASH),
    ("safegaurding numbr for a child", SATURDAY, ESWT),
    ("worried abt a 14 yr old, who 2 call?", SATURDAY, ESWT),
    (
        "I'm a teacher and one of my students told me something worrying at school today, "
        "who should I phone?",
        TUESDAY_DAY,
        MASH,
    ),
    (
        "GP here - concerned about a toddler who came in with unexplained bruises. "
        "Who do I refer to?",
        FRIDAY_LATE,
        ESWT,
    ),
    ("police officer: concern re an infant, which number?", WEDNESDAY_NIGHT, ESWT),
    ("concerns about an unborn baby, who do i contact", TUESDAY_DAY, MASH),
    ("need to report neglect of a little lad", TUESDAY_DAY, MASH),
    ("pupil disclosed abuse, referral line pls", FRIDAY_LATE, ESWT),
    ("who do I contact about a year 9 student", TUESDAY_DAY, MASH),
    ("christmas day, worried about a child, who's open?", "2026-12-25T12:00", ESWT),
    ("chidl safeguarding contact", TUESDAY_DAY, MASH),
    ("childrens safegarding numbr", "2026-12-28T10:00", ESWT),
    ("concerned about a young carer, who do I call", TUESDAY_DAY, MASH),
    ("a mother is neglecting her baby who do i ring", FRIDAY_LATE, ESWT),
    ("worried about a lass at the youth club", TUESDAY_DAY, MASH),
    (
        "hi, sorry to bother you, I work at a nursery and one of our little ones has had some "
        "marks on her arms again this week and mum was a bit evasive, not sure if it's "
        "anything but who should I speak to?",
        TUESDAY_DAY,
        MASH,
    ),
    ("referal for a child", TUESDAY_DAY, MASH),
    ("im a dinner lady, a year 3 boy said his stepdad hurts him, who do i tell", TUESDAY_DAY, MASH),
    ("teen self harming who do i call", "2026-12-02T20:00", ESWT),
    ("pregnant 15 year old, who to contact", TUESDAY_DAY, MASH),
    ("who is open for children at 8am", "2026-12-03T08:00", ESWT),
    ("my 6yo nephew says mummy's boyfriend hits him", SATURDAY, ESWT),
    ("sixth former being exploited by older men", TUESDAY_DAY, MASH),
    ("kids social services number after 5", TUESDAY_DAY, ESWT),
    ("WHO DO I CALL ABOUT A CHILD", SATURDAY, ESWT),
    ("child in care placement breakdown, need social care", TUESDAY_DAY, MASH),
    ("my pupil says her dad touches her", TUESDAY_DAY, MASH),
    ("a 17 year old care leaver is homeless", TUESDAY_DAY, MASH),
    ("neighbour's kids left home alone all weekend again", SATURDAY, ESWT),
    (
        "Sorry for the long message. I've been a foster carer for 12 years and I've never had "
        "to do this before. The little girl placed with us came back from contact with her "
        "birth dad yesterday with a mark on her neck and she won't talk about it. My "
        "supervising social worker is on leave. Who should I be calling?",
        SATURDAY,
        ESWT,
    ),
    (
        "Good afternoon. I'm the DSL at a secondary school. A Year 10 has come to me this "
        "afternoon saying her uncle has been sending her messages. Who would I need to ring "
        "about this please?",
        "2026-12-04T16:35",
        ESWT,
    ),
    (
        "need advice about an infant with a broken arm, parents story doesnt add up",
        "2026-12-04T17:10",
        ESWT,
    ),
]


@pytest.mark.parametrize(("question", "when", "expected"), CHILD_PARAPHRASES)
def test_child_paraphrases_lead_with_the_open_children_line(engine, question, when, expected):
    """Child words, typos and long messages lead with the children's line open at that moment."""
    ans = engine.answer(question, local_time(when))
    assert ans.kind == "contact"
    assert first_number(ans.text) == expected


ADULT_PARAPHRASES = [
    ("worried about my mum, she has dementia, who do I call", TUESDAY_DAY, ADULTS_DAY),
    ("worried about my mum", TUESDAY_DAY, ADULTS_DAY),
    (
        "an old man on my street seems to be neglecting himself, who do I tell",
        WEDNESDAY_NIGHT,
        ADULTS_OOH,
    ),
    ("care home resident with bruises, who do I ring?", SATURDAY, ADULTS_OOH),
    ("concerns re a pensioner being scammed, whats the numbr", TUESDAY_DAY, ADULTS_DAY),
    ("my nan's carer is taking her money, who do I report this to", FRIDAY_LATE, ADULTS_DAY),
    (
        "a tenant with learning disabilities is being exploited, who can I call",
        WEDNESDAY_NIGHT,
        ADULTS_OOH,
    ),
    (
        "I'm a district nurse, patient on my list has care and support needs and i think "
        "shes being financially abused",
        SATURDAY,
        ADULTS_OOH,
    ),
    ("adlut safegarding number", TUESDAY_DAY, ADULTS_DAY),
    (
        "who should I phone about a 45 yr old man with mental health problems",
        TUESDAY_DAY,
        ADULTS_DAY,
    ),
    (
        "worried about my neighbour, she's 87 and lives alone, who do I call",
        TUESDAY_DAY,
        ADULTS_DAY,
    ),
    (
        "older lady in sheltered housing being financially abused by her son, who do I call",
        TUESDAY_DAY,
        ADULTS_DAY,
    ),
    ("adult safegaurding referal", "2026-12-25T12:00", ADULTS_OOH),
    ("OAP with bruises", TUESDAY_DAY, ADULTS_DAY),
    ("GP: 82 yo pt with signs of neglect, who to refer to", TUESDAY_DAY, ADULTS_DAY),
    ("safeguarding adults phone number", "2026-12-02T08:29", ADULTS_OOH),
    ("who do I contact about a vulnerable adult on boxing day", "2026-12-28T15:00", ADULTS_OOH),
    ("my elderly dad's carer keeps taking his bank card", SATURDAY, ADULTS_OOH),
    ("service user in supported accommodation being exploited", TUESDAY_DAY, ADULTS_DAY),
    ("safeguarding concern for a man with learning difficulties", TUESDAY_DAY, ADULTS_DAY),
    ("my aunt with parkinsons is being neglected by her husband", TUESDAY_DAY, ADULTS_DAY),
    ("hospital patient with dementia discharged with no care", TUESDAY_DAY, ADULTS_DAY),
    ("adult safeguarding referral", "2027-03-28T09:00", ADULTS_OOH),  # clocks go forward
    # the relative who harms an older person is no child; pensions and lodgers are adults'
    (
        "I'm a district nurse and I think my patient's daughter is helping herself to her pension",
        "2026-12-07T08:29",
        ADULTS_OOH,
    ),
    ("who do i ring about an older man whose son takes his money", TUESDAY_DAY, ADULTS_DAY),
    (
        "care worker, worried a client is being financially exploited by a lodger",
        TUESDAY_DAY,
        ADULTS_DAY,
    ),
    ("adult social care out of office number", TUESDAY_DAY, ADULTS_OOH),
]


@pytest.mark.parametrize(("question", "when", "expected"), ADULT_PARAPHRASES)
def test_adult_paraphrases_lead_with_the_open_adults_line(engine, question, when, expected):
    """Adult words (mum, old man, care home resident, pensioner, 87) lead with the open adults' line."""
    ans = engine.answer(question, local_time(when))
    assert ans.kind == "contact"
    assert first_number(ans.text) == expected


@pytest.mark.parametrize(
    ("question", "when", "lines"),
    [
        ("safeguarding number pls", TUESDAY_DAY, (MASH, ADULTS_DAY)),
        ("I need to make a safeguarding referral", TUESDAY_DAY, (MASH, ADULTS_DAY)),
        ("where do I raise a concern about someone", WEDNESDAY_NIGHT, (ESWT, ADULTS_OOH)),
        ("referal line?", TUESDAY_DAY, (MASH, ADULTS_DAY)),
        ("I need the safeguarding team", SATURDAY, (ESWT, ADULTS_OOH)),
        ("safeguarding", TUESDAY_DAY, (MASH, ADULTS_DAY)),
    ],
)
def test_unclear_audience_leads_each_audience_with_its_open_line(engine, question, when, lines):
    """With no audience named, the children's and adults' blocks each start with their open line."""
    ans = engine.answer(question, local_time(when))
    assert ans.kind == "contact"
    text = ans.text.splitlines()
    child = next(i for i, line in enumerate(text) if line.startswith("Children:"))
    adult = next(i for i, line in enumerate(text) if line.startswith("Adults:"))
    assert lines[0] in text[child].replace(" ", "") and lines[1] in text[adult].replace(" ", "")


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("whats the out of hours number for kids", ESWT),
        ("out of hrs number for children", ESWT),
        ("ooh numbr for adults", ADULTS_OOH),
        ("night time number for adults", ADULTS_OOH),
        ("emergency duty team number", ESWT),
        ("mash opening times", "4:30"),
        ("adult safeguarding opening hrs", "8:30"),
        ("email address for children's safeguarding", "children@milton-keynes.gov.uk"),
        ("MASH emial", "children@milton-keynes.gov.uk"),
        ("access team email", "access.team@milton-keynes.gov.uk"),
        ("MK together website", "mktogether.co.uk"),
        ("mktogether web address", "mktogether.co.uk"),
        ("where is the mk together office", "saxongate"),
        ("fax number for the MASH", "fax"),
        ("ESWT no.", ESWT),
        ("phone number for safeguarding adults out of office hours", ADULTS_OOH),
        ("i want to email a concern about an older person", "access.team@milton-keynes.gov.uk"),
    ],
)
def test_explicit_paraphrased_asks_get_that_detail_first(engine, question, needle):
    """An explicit ask, however worded, gets that detail on the first line."""
    ans = engine.answer(question, local_time(TUESDAY_DAY))
    assert ans.kind == "contact"
    assert needle.lower() in re.sub(r"\s+", "", ans.text.splitlines()[0]).lower()


def test_daytime_ask_gives_the_daytime_line_even_at_the_weekend(engine):
    """ "Daytime number" gives the daytime line first, whatever the time."""
    ans = engine.answer("daytime number for adult safeguarding", local_time(SATURDAY))
    assert first_number(ans.text) == ADULTS_DAY


def test_no_fax_says_so_then_gives_the_line_open_now(engine):
    """A fax ask says the report gives none, then the line to call instead."""
    ans = engine.answer("fax number for the MASH", local_time(TUESDAY_DAY))
    assert "no fax" in ans.text.splitlines()[0]
    assert first_number(ans.text) == MASH


@pytest.mark.parametrize(
    "question",
    [
        "phone number for the dentist",
        "what time does tesco close",
        "number for a taxi",
        "what are the library opening hours",
        "who do i call about a noisy dog",
        "what's the number for MKUH",  # named in the report, but it gives no line for it
        "who do i call about a pothole",
    ],
)
def test_contact_asks_for_other_things_are_unknown(engine, question):
    """A number or opening hours for something the report has no line for is `unknown`."""
    ans = engine.answer(question, local_time(TUESDAY_DAY))
    assert ans.kind == "unknown"
    assert first_number(ans.text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a mum and her baby", "children"),  # a parent is context for the baby
        ("an elderly man and his son", "adults"),  # a son is context for an elderly man
        ("woman being hit by her son", "adults"),  # the son does the harm: not the audience
        ("a woman and her son", None),  # two context words: both audiences
        ("a 14 year old in a care home", "children"),
        ("a 13 year old seeing a 25 year old", "children"),  # any child age makes it a child
        ("child abused by an adult", "children"),  # after "by": who does the harm
        ("she's 87", "adults"),
        ("year 9 student", "children"),
        ("university student", None),
        ("chidl", "children"),
        ("adlut", "adults"),
        ("young carer", "children"),
    ],
)
def test_audience_tiers_ages_and_typos(text, expected):
    """Strong words beat context words, ages decide, typos of child/adult still count."""
    cleaned = clean(text)
    assert audience_of(cleaned, words(cleaned)) == expected


@pytest.mark.parametrize(
    ("token", "folded"),
    [
        ("numbr", "number"),
        ("referal", "referral"),
        ("safegaurding", "safeguarding"),
        ("hrs", "hours"),
        ("house", "house"),  # a real word one letter from "hours" is left alone
        ("contract", "contract"),
        ("member", "member"),
    ],
)
def test_typo_folding_corrects_contact_words_only(token, folded):
    """Typos of contact words are corrected; real words near them are not."""
    assert fold(token) == folded


def test_an_address_the_report_lacks_is_said_so(engine):
    """Asking for adult safeguarding's address says there is none before the partnership's."""
    ans = engine.answer("adult safeguarding address", local_time(TUESDAY_DAY))
    lines = ans.text.splitlines()
    assert "no postal address for adult safeguarding" in lines[0]
    assert "Saxon Gate" in lines[1]
