"""Shapes of practitioners' messages read by principle in the third round (each a shape, not
a phrase: the examples are new wordings of shapes batch 15 and earlier batches showed)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from bot.engine.audience import ages, audience_evidence
from bot.engine.concern import ASK, CONCERN, KNOWLEDGE
from bot.engine.danger import _DANGER
from bot.engine.personal import has_personal_data
from bot.engine.read.danger import read_danger
from bot.engine.read.gate import Gated, required_literals, split_alternatives
from bot.engine.read.sentences import sentences
from bot.engine.read.shape import separate_asks, shape
from bot.engine.read.vocab import load_danger_vocab
from bot.engine.text import clean
from bot.testing import local_time

MONDAY_11 = "2027-03-08T11:00"
FRIDAY_14 = "2027-03-12T14:00"


def _messages() -> list[str]:
    out = []
    for f in sorted((Path(__file__).parent / "data" / "batches").glob("*.yaml")):
        out += [clean(it["q"]) for it in yaml.safe_load(f.read_text(encoding="utf-8"))]
    return out


# -- the gate: a long alternation searched with only the alternatives that can match -----


def test_required_literals_are_in_every_match():
    """Each literal set found for a pattern holds a string of every match of it."""
    for pattern, text in [
        (r"\b(?:is|are) (?:being )?(?:hit|kicked)\b", "she is being kicked"),
        (r"\bon the (?:bridge|roof)\b", "he is on the roof"),
        (r"\bunconc?s?ious\b", "he is unconcious"),
    ]:
        need = required_literals(pattern)
        assert need is not None
        m = re.search(pattern, text)
        assert m is not None and any(s in m.group(0) for s in need), (pattern, need)


def test_an_alternative_with_no_literal_has_no_requirement():
    """An alternative that can match without any fixed text is always searched."""
    assert required_literals(r"\d+\s*(?:am|pm)?") is None
    assert required_literals(r"(?:foo)?bar") == frozenset({"bar"})
    assert split_alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", "e\\|f"]


@pytest.mark.parametrize(
    "gated", [_DANGER, ASK, CONCERN, KNOWLEDGE], ids=["danger", "ask", "concern", "knowledge"]
)
def test_gated_pattern_finds_what_the_whole_alternation_finds(gated):
    """On every batch message and on long joins of them, the gate finds the same matches,
    in the same order, as the whole alternation (searched gated even when short)."""
    texts = _messages()
    rng = random.Random(3)
    texts += [" ".join(rng.sample(texts, 8)) for _ in range(60)]
    short, gated.short = gated.short, 0
    try:
        for t in texts:
            want = [(m.span(), m.group(0)) for m in gated.pattern.finditer(t)]
            got = [(m.span(), m.group(0)) for m in gated.finditer(t)]
            assert got == want, t[:80]
            assert gated.sub("#", t) == gated.pattern.sub("#", t)
    finally:
        gated.short = short


def test_gated_phrase_sets_keep_their_kinds():
    """A vocabulary's phrases, gated, still say which group matched and keep whole words."""
    vocab = load_danger_vocab()
    text = "mum says dad is hitting her. " * 20 + "whitehitting is no word"
    m = vocab.harm.search(text)
    assert m is not None and m.group(0) == "hitting" and vocab.harm.kind(m) == "violence"
    inside = text.index("whitehitting") + 5
    assert all(x.start() != inside for x in vocab.harm.finditer(text))


def test_gated_search_respects_order_of_alternatives():
    """Where two alternatives match at the same place, the first listed wins, as in re."""
    g = Gated(["ab", "abc"], short=0)
    assert g.search("xxabc").group(0) == "ab"
    g = Gated(["abc", "ab"], short=0)
    assert g.search("xxabc").group(0) == "abc"


# -- danger read as a combination -----------------------------------------------------


def test_a_threat_in_slang_told_now_is_danger():
    """A threat of violence in slang ("get done in"), with its deadline today, is danger."""
    r = read_danger(
        "the men who pick him up told him he'll get done in if he doesn't do a run today"
    )
    assert r


def test_a_story_word_about_training_does_not_silence_a_signal_now():
    """A topic word in another sentence ("missing training") does not make the car waiting
    for him right now a question about training."""
    r = read_danger(
        "he has been missing training for weeks. the car is parked by the gate right now "
        "waiting for him and he is crying in the toilets. who do i ring"
    )
    assert r


def test_no_one_who_could_hurt_her_denies_the_harm():
    """'There is no one there who could hurt her right now' is no danger now."""
    assert not read_danger(
        "care worker. new bruises on her arms today. she's comfortable and there is no one "
        "in the flat who could hurt her right now. who do i tell?"
    )


def test_a_harm_denied_once_is_denied_in_its_sentence():
    """'She's been self harming, no fresh cuts' is a worry, not an emergency."""
    assert not read_danger("a year 8 (13) told me at lunch she has been cutting, no new cuts")


def test_someone_barred_from_contact_here_now_is_danger():
    """A person a court keeps away, outside now, is an emergency; told in the past, not."""
    assert read_danger(
        "my tenant's ex, who has a restraining order against him, is outside her door at this "
        "moment and keeps texting that he's coming up"
    )
    assert not read_danger("she got a non-molestation order last year, he turned up once in may")


def test_a_school_year_is_no_period_of_time():
    """'A year 9 girl' is a pupil: no topic question about figures a year."""
    assert read_danger(
        "a year 9 girl told me her uncle is waiting at the gate and says he'll hurt her mum tonight"
    )


# -- the person ----------------------------------------------------------------------


def test_an_age_when_something_began_is_not_the_age_now():
    """'Since she was 15' dates a relationship; 'turned 18' is her age now."""
    assert ages("he has been controlling since she was 15") == []
    t = "my client turned 18 last week. she's been with him since she was 15"
    assert audience_evidence(t)[0] == "adults"


def test_the_person_decides_over_the_line_named():
    """'The adult safeguarding number for a 17 year old' is about a child."""
    assert audience_evidence("the adult safeguarding number for a 17 yr old")[0] == "children"
    assert audience_evidence("the childrens line for my 19 year old client")[0] == "adults"


def test_a_birthday_without_a_date_is_no_date_of_birth():
    """'Since her birthday' is no personal data; 'born 3/4/2015' is."""
    assert not has_personal_data("she turned 18 and since her birthday he takes her money")
    assert has_personal_data("can you check Jayden, born 3/4/2015")


# -- the shape: what is asked -----------------------------------------------------------


def test_no_dot_shortening_number_ends_no_sentence():
    """'The adult safeguarding no. for a 17 yr old' is one question."""
    assert len(sentences("whats the adult safeguarding no. for a 17 yr old")) == 1
    assert len(sentences("he said no. then he left")) == 2


def test_a_relative_clause_asks_nothing():
    """'Her boyfriend, who wouldn't leave the room' tells; 'who do I call' asks."""
    s = shape(
        "she came in with her boyfriend, who wouldn't leave the room and kept answering for "
        "her. he is taking her to a man tonight. who do i call"
    )
    assert s.asks == ("who do i call",)


def test_a_clause_of_time_asks_nothing():
    """'When he stepped out she told me ...' tells; it asks no 'when'."""
    s = shape("when he stepped out to take a call she told me he hits her. who do i ring")
    assert s.asks == ("who do i ring",)


def test_a_check_of_the_story_is_no_question_of_its_own():
    """'Is that right?' before the real question adds no question."""
    assert separate_asks("is that right | what did the fire service do about hoarding") == [
        "what did the fire service do about hoarding"
    ]


# -- whole answers -----------------------------------------------------------------------


def test_busy_until_then_calling_answers_for_when_the_writer_is_free(engine):
    """'In clinic until quarter to 5 and then I'll ring' on a Friday: the line open at 16:45."""
    ans = engine.answer(
        "health visitor. I'm in clinic until quarter to 5 and then I'll ring about a toddler "
        "who is always hungry at nursery. which number will i need",
        local_time(FRIDAY_14),
    )
    assert "265545" in ans.text.splitlines()[0], ans.text[:200]


def test_the_meaning_asked_beside_a_story(engine):
    """'IDVA - what is that? ... after she disclosed abuse': the meaning, then the lines."""
    ans = engine.answer(
        "IDVA - what is that? our GP wants to refer a patient to one after she disclosed her "
        "partner hits her",
        local_time(MONDAY_11),
    )
    assert ans.kind == "glossary" and "Independent Domestic Violence" in ans.text
    assert "253772" in ans.text  # the lines for the worry told beside it


def test_which_named_board_is_asked_which_board(engine):
    """'Which <partnership> board does X, and who sponsors it': the board, then its sponsor."""
    ans = engine.answer(
        "which MK Together board looks after multi-agency training, and who's its sponsor?",
        local_time(MONDAY_11),
    )
    assert "Workforce" in ans.text and "sponsored by" in ans.text


def test_that_board_is_the_board_the_story_named(engine):
    """'... presenting to the Voice Board next week. what does that board do?'"""
    ans = engine.answer(
        "I run a youth club and we're presenting to the Voice Board next week. What does that "
        "board actually do?",
        local_time(MONDAY_11),
    )
    assert "Voice Board" in ans.text.splitlines()[0]


def test_records_asked_for_are_looked_up_nowhere(engine):
    """A person's file or a register asked of the bot: it says it cannot look people up."""
    for q in (
        "can you pull up the case notes for Kayla T, she's in my class",
        "is my neighbour Gary on the sex offenders register?",
    ):
        assert engine.answer(q, local_time(MONDAY_11)).kind == "unknown", q


def test_last_months_figures_are_not_in_an_annual_report(engine):
    """A figure for last month asked after a story: the report gives none, no lines."""
    ans = engine.answer(
        "Doing slides for our team meeting on Friday. How many children's referrals did the "
        "MASH take last month?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown", ans.text[:200]


# -- batch 16's shapes ------------------------------------------------------------------


def test_a_weekday_after_a_holiday_is_the_first_one_after_it(engine):
    """'I'll ring on Monday morning after Christmas' (said on Christmas Eve 2026): Monday 28
    December, the substitute Boxing Day holiday, when only the out-of-hours line answers."""
    ans = engine.answer(
        "a dad told me he locks his kids in their room as a punishment. not urgent, i'll ring "
        "on monday morning after christmas. what number will i need?",
        local_time("2026-12-24T16:00"),
    )
    assert "265545" in ans.text.splitlines()[0] and "28 December" in ans.text.splitlines()[0]


def test_a_board_name_inside_a_denial_asks_nothing_of_the_board(engine):
    """'No immediate risk' after a worry is no question about the Risk Board."""
    ans = engine.answer(
        "a mum says her partner locks the children out in the garden at night. no immediate "
        "risk. what number do i need?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "contact" and "253169" in ans.text


def test_real_words_are_not_read_as_misspelt_names(engine):
    """'figure' is no slip for 'fire': a figure the report lacks is said plainly."""
    ans = engine.answer(
        "writing an essay comparing councils. I can't find the figure I need. How many children "
        "were on child protection plans at the end of March 2020?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "I read" not in ans.text


def test_a_direct_line_is_a_contact_ask(engine):
    """'The MASH direct line' asks for the MASH's number."""
    ans = engine.answer("whats the mash direct line", local_time(MONDAY_11))
    assert ans.kind == "contact" and "253169" in ans.text


def test_a_persons_mobile_is_a_look_up(engine):
    """'Give me Sarah's mobile number' asks for a person's details: a look-up."""
    ans = engine.answer("can you give me Priya's mobile number", local_time(MONDAY_11))
    assert ans.kind == "unknown" and "look up" in ans.text


def test_a_school_phase_finds_its_years(engine):
    """'Primary school kids' finds work with Year 6 students."""
    ans = engine.answer(
        "What has the partnership done about knife crime with primary school kids?",
        local_time(MONDAY_11),
    )
    assert "Hazard Alley" in ans.text


def test_two_topics_asked_of_one_board(engine):
    """'Next with eCDOP and the prematurity report': the actions on either."""
    ans = engine.answer(
        "what's the child death board doing next with eCDOP and the prematurity report?",
        local_time(MONDAY_11),
    )
    assert "eCDOP" in ans.text and "prematurity" in ans.text


def test_a_report_question_beside_a_story_of_harm_is_no_emergency(engine):
    """'Three girls cutting since half term ... which board signed off the toolkit?' asks
    the report; only the learned scorer heard danger, and the rules heard none now."""
    ans = engine.answer(
        "pastoral lead here, self harm has gone through the roof, two boys cutting in the "
        "changing rooms since september. someone said a board signed off a self-harm toolkit "
        "for schools. which board was that?",
        local_time(MONDAY_11),
    )
    assert "999" not in ans.text.splitlines()[0] and "Tasking" in ans.text


# -- batch 17's shapes ------------------------------------------------------------------


def test_someone_coming_after_a_child_with_a_belt_is_danger():
    """A threat on its way ("coming after her with a belt ... up the street now") is danger."""
    assert read_danger(
        "a 14yo neighbour says her dad is coming after her with a belt, he's on the road now"
    )
    assert not read_danger("he used to hit him with a belt when he was little")


def test_not_dangerous_calms_the_message():
    """'Not dangerous, just worrying' beside harm told as history: no 999."""
    assert not read_danger(
        "his son used to push him about, that's dealt with. tonight the house is filthy and he "
        "is not eating. not dangerous just worrying"
    )


def test_the_person_safe_for_now_calms_the_learned_scorer():
    """'He's here with us and fine for now' beside neglect: no 999."""
    assert not read_danger(
        "a 7 year old at our holiday club is always hungry, same clothes every day, says no one "
        "makes him breakfast. he's here with us and fine for now"
    )


def test_an_adult_home_alone_is_a_worry_not_an_emergency(engine):
    """'Tonight he's home alone, not eating' of a man in his 70s: the adults' line, no 999."""
    ans = engine.answer(
        "paramedic. man in his 70s, wife used to hit him, police dealt with it. tonight he's home "
        "alone and not eating. who do i ring?",
        local_time("2027-01-20T21:40"),
    )
    assert "999" not in ans.text.splitlines()[0] and "725005" in ans.text.splitlines()[0]


def test_year_olds_in_the_plural_are_ages():
    """'One of our 8 year olds' is an 8-year-old."""
    assert ages("one of our 8 year olds came in hungry") == [8]


def test_the_writers_own_next_step_is_no_moment_asked(engine):
    """'I'll speak to her first thing ... I'll ring around 9.30': the line open at 9.30."""
    ans = engine.answer(
        "DSL, 7.45 on monday. a year 8 girl had scratches on her arms in PE on friday. she's in "
        "today and I'll speak to her first thing. I'll ring once I've done that, around 9.30 - "
        "which number?",
        local_time("2026-12-07T07:45"),
    )
    assert "253169" in ans.text.splitlines()[0] and "09:30" in ans.text.splitlines()[0]


def test_two_questions_joined_by_an_ampersand_or_tell_me():
    """'X & what does Y mean', 'X, and tell me what Y stands for': two questions."""
    assert len(separate_asks("whats the childrens out of hours number & what does cspr mean")) == 2
    s = shape(
        "can you give me the adult safeguarding number for office hours, and tell me what asc "
        "stands for"
    )
    assert len(separate_asks(s.ask)) == 2


def test_already_known_to_a_service_is_a_look_up(engine):
    """'Is she already known to adult social care, and who's her social worker?'"""
    ans = engine.answer(
        "neighbours are worried about my tenant. is she already known to adult social care, and "
        "who's her social worker?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "look up" in ans.text


def test_which_board_names_its_sponsor(engine):
    """A board found for a remit is given with its sponsor, the agency to link in with."""
    ans = engine.answer(
        "Which board monitors performance against partnership plans?", local_time(MONDAY_11)
    )
    assert "Assurance Board" in ans.text and "sponsored by" in ans.text


def test_that_kind_of_thing_is_the_storys_topic(engine):
    """'A joint awareness campaign and disruption op ... which board does that kind of thing,
    and who sponsors it?': the board for the story's work, and its sponsor."""
    ans = engine.answer(
        "We want to run an awareness campaign and a joint disruption operation on one estate. "
        "Which board does that kind of thing, and who sponsors it?",
        local_time(MONDAY_11),
    )
    assert "Tasking Board" in ans.text and "sponsored by" in ans.text


def test_an_ask_that_leaves_its_noun_to_the_story(engine):
    """'... there are three statutory safeguarding partners ... who are the three?'"""
    ans = engine.answer(
        "new in post. my manager said there are three statutory safeguarding partners who share "
        "the duty equally. who are the three?",
        local_time(MONDAY_11),
    )
    assert "Thames Valley Police" in ans.text and "Council" in ans.text


# -- batch 18's shapes ------------------------------------------------------------------


def test_begging_him_to_stop_behind_a_wedged_door_is_danger():
    """Someone heard begging him to stop, the door wedged shut: danger now."""
    assert read_danger(
        "I've just arrived for her visit and he's back, he's in the bedroom with her, I can hear "
        "her begging him to stop and he's wedged something against the door"
    )


def test_hanging_round_is_no_hanging():
    """'An old contact has been hanging round outside her college' is no self-harm."""
    assert not read_danger(
        "tonight she told me an old contact has been hanging round outside her college. she's "
        "at home with her mum and safe"
    )


def test_a_plan_with_an_hour_in_words(engine):
    """'I'll ring once I'm at my desk around ten' at 07:45: the line open at 10:00."""
    ans = engine.answer(
        "in early. a man we support says a 'friend' who took his money is turning up again. "
        "he's ok. I'll ring once I'm at my desk around ten - which number?",
        local_time("2027-02-08T07:45"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_wanting_to_log_it_with_someone_asks_for_the_lines(engine):
    """'Not urgent but I want to log it with someone today' asks whom to tell."""
    ans = engine.answer(
        "childminder. a 5 year old came in with a bruise, mum's story fits. not urgent but I "
        "want to log it with someone today.",
        local_time("2027-05-03T12:00"),
    )
    assert ans.kind == "contact" and "265545" in ans.text.splitlines()[0]


def test_a_name_the_glossary_lacks_is_looked_for_in_the_report(engine):
    """'... using the Graded Care Profile ... what is it for?': where the report mentions it."""
    ans = engine.answer(
        "the health visitor keeps talking about using the Graded Care Profile with a family. "
        "what is it for?",
        local_time(MONDAY_11),
    )
    assert "Graded Care Profile" in ans.text and "neglect" in ans.text


def test_that_board_after_a_story_with_its_sponsor(engine):
    """'... present to the Assurance Board ... who sponsors that board': its sponsor."""
    ans = engine.answer(
        "I've been asked to present to the Assurance Board next month. Who sponsors that board?",
        local_time(MONDAY_11),
    )
    assert "Assurance Board is sponsored by" in ans.text


def test_the_places_short_form_is_no_meaning_asked(engine):
    """'Who are the three statutory safeguarding partners in MK?' asks for the partners."""
    ans = engine.answer(
        "Who are the three statutory safeguarding partners in MK?", local_time(MONDAY_11)
    )
    assert "Thames Valley Police" in ans.text


def test_what_was_funded_around_a_topic_is_the_work(engine):
    """'What has the partnership funded around knife crime for primary kids?' is the work."""
    ans = engine.answer(
        "What has the partnership funded around knife crime for primary school kids?",
        local_time(MONDAY_11),
    )
    assert "Hazard Alley" in ans.text


def test_what_an_agency_did_is_its_reported_work(engine):
    """'What did the fire service do on domestic abuse?' gives its reported work."""
    ans = engine.answer(
        "what did bucks fire & rescue do on domestic abuse? someone mentioned hairdressers",
        local_time(MONDAY_11),
    )
    assert "Cut It Out" in ans.text


def test_a_why_question_is_a_second_question(engine):
    """'What does IDVA stand for, and why is the hospital collecting more data on DA?'"""
    ans = engine.answer(
        "What does IDVA stand for, and why is the hospital collecting more data on domestic abuse?",
        local_time(MONDAY_11),
    )
    assert "Independent Domestic Violence" in ans.text and "disclosures" in ans.text


def test_a_head_of_services_mobile_is_a_look_up(engine):
    """'The direct mobile number for the head of safeguarding at X' is a person's details."""
    ans = engine.answer(
        "what's the direct mobile number for the head of safeguarding at the hospital?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "look up" in ans.text


# -- batch 19's shapes ------------------------------------------------------------------


def test_nobody_threatening_him_is_a_denial():
    """'Nobody's threatening him atm' beside a county-lines history: no danger now."""
    assert not read_danger(
        "he was running drugs for a county line two years ago, all dealt with. tonight i found a "
        "second phone in his coat. he's home in his room, nobody's threatening him atm"
    )


def test_adults_left_on_their_own_in_a_story_of_reports_is_no_emergency(engine):
    """'Young women being left on their own at closing' told as the bar's recent months."""
    ans = engine.answer(
        "I manage a bar. we've had spiking reports, young women being left on their own at "
        "closing, fights outside. Is the Tasking Board planning anything about the night-time "
        "economy?",
        local_time(MONDAY_11),
    )
    assert "999" not in ans.text.splitlines()[0] and "Nightsafe" in ans.text


def test_the_aspect_is_read_where_the_message_asks(engine):
    """'Presenting at the risk board next month. whos the sponsor for it?' asks the sponsor."""
    ans = engine.answer(
        "police officer, presenting at the risk board next month. whos the sponsor for it?",
        local_time(MONDAY_11),
    )
    assert "sponsored by Thames Valley Police" in ans.text


def test_the_place_is_no_topic_of_which_board(engine):
    """'Which board manages case reviews in XY' finds the board for case reviews."""
    ans = engine.answer("Which board manages case reviews in MK?", local_time(MONDAY_11))
    assert ans.text.startswith("The Review Board")


def test_its_refers_to_the_board_the_story_named(engine):
    """'When the Workforce Board gets going again, what's its priority?' is that board's."""
    ans = engine.answer(
        "When the Workforce Board gets going again, what's its priority?", local_time(MONDAY_11)
    )
    assert "review of training" in ans.text


def test_several_terms_asked_at_once(engine):
    """'MASH and CAMHS - what do they each stand for?': both meanings."""
    ans = engine.answer(
        "new TA, the DSL used 2 acronyms in a meeting - MASH and CAMHS. what do they each stand "
        "for?",
        local_time(MONDAY_11),
    )
    assert "Multi-Agency Safeguarding Hub" in ans.text and "Adolescent Mental Health" in ans.text


def test_a_named_person_on_a_list_is_a_look_up_even_with_personal_data(engine):
    """'Is Mrs X at 14 Y Road on any safeguarding list?': a look-up, details not stored."""
    ans = engine.answer(
        "Is Mrs Khan at 22 Elm Road on any safeguarding list? Her son asked me to check.",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "personal-data" in ans.flags


def test_a_report_question_after_a_story_of_people_is_the_report(engine):
    """'Women disclose at our desk ... what is the CCG doing next about DA in GP practices'."""
    ans = engine.answer(
        "gp receptionist. we get women disclosing at the desk and none of us know what to do. "
        "what is the ccg doing next about domestic abuse in gp practices",
        local_time(MONDAY_11),
    )
    assert "champion" in ans.text.lower()


# -- batch 20's shapes ------------------------------------------------------------------


def test_not_thinking_she_is_in_danger_calms():
    """'I don't think she's in danger this minute, but I'm uneasy' is no emergency."""
    assert not read_danger(
        "he did time for DV against his ex. his new partner barely spoke today. I don't think "
        "she's in danger this minute, but I'm uneasy"
    )


def test_emergencies_told_in_new_words():
    """Booting a locked door, a girl walked to a car by older men who can barely stand, and
    'nobody is leaving': danger now."""
    assert read_danger("her grandson is booting the bedroom door she's locked herself behind")
    assert read_danger(
        "a girl who says she's 14 is being walked to a car by two older men, she can barely stand"
    )
    assert read_danger("the husband is back in the house telling the carer nobody is leaving")


def test_a_days_old_baby_with_a_hyphen_is_a_child(engine):
    """'Holding the 5-day-old while drunk': the children's line under 999."""
    ans = engine.answer(
        "midwife on a sunday visit. dad's punched a hole in the door and is now holding the "
        "5-day-old while clearly drunk. who do i call?",
        local_time("2027-05-16T13:10"),
    )
    lines = ans.text.splitlines()
    assert "999" in lines[0] and "265545" in ans.text.split("Daytime")[0]


def test_tonight_on_a_saturday_is_that_night(engine):
    """'Who do we tell about her tonight?' at 02:15 on a Saturday: the line open now."""
    ans = engine.answer(
        "an 84 year old lady's grandson is shouting at her, she is scared but he has gone now. "
        "who do we need to tell about her tonight?",
        local_time("2027-02-06T02:15"),
    )
    assert "Monday" not in ans.text.splitlines()[0] and "725005" in ans.text


def test_a_clock_time_naming_a_visit_is_no_moment(engine):
    """'My carer rang from her 8am call' at 08:40: the line open at 08:40, not 08:00."""
    ans = engine.answer(
        "a carer rang from her 8am call, the client says her husband takes her money. which "
        "number?",
        local_time("2027-06-14T08:40"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_an_older_tenant_is_an_adult(engine):
    """'An older tenant whose grandson has taken over the flat': the adults' line."""
    ans = engine.answer(
        "concerned about an older tenant whose grandson seems to have taken over the flat. who "
        "do i phone?",
        local_time("2027-04-28T11:00"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_who_to_ring_after_the_meeting(engine):
    """'Stuck in a meeting till half five ... who do I ring after the meeting?' on a Friday."""
    ans = engine.answer(
        "stuck in a meeting till half five. worried about a 7-year-old whose dad drinks. who do "
        "i ring after the meeting?",
        local_time("2027-05-07T16:20"),
    )
    assert "265545" in ans.text.splitlines()[0]


def test_an_open_enquiry_asked_of_a_named_person_is_a_look_up(engine):
    """'Has Mr X got an open safeguarding enquiry with adult social care?'"""
    ans = engine.answer(
        "Has Mr Obi got an open safeguarding enquiry with adult social care?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown"


# -- batch 21's shapes ------------------------------------------------------------------


def test_what_someone_always_says_is_no_calm():
    """'She always says she's fine' earlier in the story does not calm 'he has just shoved
    her into the wall'."""
    assert read_danger(
        "her husband has always been short with me and she always says she's fine. this "
        "morning he has just shoved her into the wall in front of me and she's on the floor"
    )


def test_no_threat_right_now_calms():
    """'No threat to him rn' beside a stabbing in 2025: a worry, not an emergency."""
    assert not read_danger(
        "he was stabbed in 2025 and recovered. tonight he told me he has started carrying a knife "
        "for protection. he's gone home to his mum, no threat to him rn"
    )


def test_actions_getting_done_is_no_violence():
    """'Checking that those actions get done' is no threat."""
    assert not read_danger("is anyone checking that those actions get done, or do they just sit")


def test_can_i_still_get_the_line(engine):
    """'mon 4.55 - can i still get MASH??' asks whether the line is open."""
    ans = engine.answer("mon 4.55 - can i still get MASH??", local_time("2027-03-15T16:55"))
    assert ans.kind == "contact" and "253169" in ans.text


def test_the_board_that_does_a_thing(engine):
    """'Who sponsors the board that reviews child deaths?': that board, and its sponsor."""
    ans = engine.answer("Who sponsors the board that reviews child deaths?", local_time(MONDAY_11))
    assert "Child Death Board" in ans.text and "sponsored by" in ans.text


def test_two_questions_joined_by_a_plus(engine):
    """'who sponsors the risk board + what does VARM mean': both answered."""
    ans = engine.answer("who sponsors risk board + what does VARM mean", local_time(MONDAY_11))
    assert "Thames Valley Police" in ans.text and "Vulnerable Adult" in ans.text


def test_which_board_shows_the_work_that_names_the_overseer(engine):
    """'Which board oversees review action plans?': the reported work that says who does."""
    ans = engine.answer(
        "Which board oversees the delivery of review action plans?", local_time(MONDAY_11)
    )
    assert "overseen by the Assurance Board" in ans.text


# -- batch 22's shapes ------------------------------------------------------------------


def test_the_wrong_side_of_the_railings_is_danger():
    """A child on the wrong side of a footbridge's railings who won't climb back: danger."""
    assert read_danger(
        "year 8 lad is sat on the wrong side of the railings and wont climb back over"
    )


def test_harm_dated_last_yr_or_by_a_conviction_is_history():
    """'Stabbed last yr', 'a conviction from 2023 for assaulting his mum, who's now 79'."""
    assert not read_danger(
        "lad of 15 was stabbed last yr, he recovered. he's out till all hours with older boys now"
    )
    assert not read_danger(
        "he has a conviction from 2023 for assaulting his mum, who's now 79. no new incidents"
    )


def test_since_yesterday_is_going_on_now():
    """'Mum has been asleep since yesterday afternoon and won't wake up': danger now."""
    assert read_danger(
        "a 10 year old says mum has been asleep since yesterday afternoon and won't wake up"
    )


def test_busy_until_an_hour_in_words(engine):
    """'In clinic until six and will phone as soon as I'm out' on a Thursday at 16:30."""
    ans = engine.answer(
        "health visitor. baby's nappy rash was bleeding, no one at risk tonight. I'm in clinic "
        "until six and will phone as soon as I'm out. Which line will that be?",
        local_time("2027-03-18T16:30"),
    )
    assert "265545" in ans.text.splitlines()[0]


def test_a_client_whose_son_is_the_client(engine):
    """'A client whose son controls her benefits': the adults' line; 'a mum whose child is
    on a plan' stays the child's."""
    ans = engine.answer(
        "who do i call about a client whose son has started controlling her benefits",
        local_time(MONDAY_11),
    )
    assert "253772" in ans.text.splitlines()[0]
    assert audience_evidence("a mum whose older child is on a plan")[0] == "children"


def test_the_question_told_before_an_empty_ask(engine):
    """'I'd like to explain what that board looks at and who sponsors it - can you tell me?'"""
    ans = engine.answer(
        "the consultant said the case will go to the child death board. I'd like to explain what "
        "that board looks at and which organisation sponsors it - can you tell me?",
        local_time(MONDAY_11),
    )
    assert "Child Death Board is sponsored by" in ans.text


def test_a_named_persons_line_or_plan_is_a_look_up(engine):
    """'What's her direct line', 'whats his new risk plan': a person's details."""
    for q in (
        "my social worker Karen has been off all week, what's her direct line?",
        "has his MAPPA level been changed and whats his new risk plan?",
    ):
        assert engine.answer(q, local_time(MONDAY_11)).kind == "unknown", q


# -- batch 23's shapes ------------------------------------------------------------------


def test_a_plan_with_words_between_ill_and_ring(engine):
    """'I'll hold off and ring at 10 this morning' at 03:15: the line open at 10."""
    ans = engine.answer(
        "nurse on nights. worried how an older patient's wife speaks to him, he's asleep and "
        "safe. i'll hold off and ring at 10 this morning. which no. will that be?",
        local_time("2027-03-03T03:15"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_a_child_gone_home_with_family_calms_a_habit_told(engine):
    """'A cub said he doesn't get tea at home most days. He's gone home with his nan.'"""
    ans = engine.answer(
        "Scout leader. One of the cubs said tonight he doesn't get tea at home most days. He's "
        "gone home with his nan. Who do I tell?",
        local_time("2027-06-09T19:30"),
    )
    assert "999" not in ans.text.splitlines()[0] and "265545" in ans.text.splitlines()[0]


def test_which_board_does_something_for_a_named_body(engine):
    """'Which board runs the public consultation for the community safety partnership?'"""
    ans = engine.answer(
        "Which board runs the public consultation for the Community Safety Partnership?",
        local_time(MONDAY_11),
    )
    assert ans.text.startswith("The Voice Board")


def test_how_a_service_knows_is_its_reported_work(engine):
    """'How does the hospital know when a child coming into A&E is on a child protection
    plan?': its reported work (no 'coming up', no board's plan)."""
    ans = engine.answer(
        "How does MK hospital know when a child coming into A&E is on a child protection plan?",
        local_time(MONDAY_11),
    )
    assert "eCare" in ans.text


def test_whether_a_case_was_closed_is_a_look_up(engine):
    """'Did her social worker ever close her case?'"""
    ans = engine.answer(
        "My client is Mrs O on Saxon Street. Did her social worker ever close her case?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown"


# -- batch 24's shapes ------------------------------------------------------------------


def test_threats_and_means_told_now():
    """'Keep his mouth shut or else', 'a rope in the boot ... today's the day': danger."""
    assert read_danger("three lads in his flat, one told him to keep his mouth shut or else")
    assert read_danger("she says she's got a rope in her car and today's the day, she's just left")


def test_nothing_to_suggest_danger_calms():
    """'Nothing to suggest she's in danger today but it doesn't feel right': no 999."""
    assert not read_danger(
        "she's coming in hungry and tired. nothing to suggest she's in danger today but it "
        "doesn't feel right"
    )


def test_asked_whether_a_line_is_open_the_open_line_leads(engine):
    """'Is MASH still open?' at 16:40 on a Friday: the out-of-hours line leads."""
    ans = engine.answer(
        "Fri 4.40pm, worried about a 9yo who's always hungry. is MASH still open?",
        local_time("2027-01-15T16:40"),
    )
    assert "265545" in ans.text.splitlines()[0]


def test_the_office_in_a_plan_is_no_address_asked(engine):
    """'I'll phone on Monday around 11 when the office is quiet. Which number?'"""
    ans = engine.answer(
        "an old gentleman's lodger takes his pension. I'll phone on Monday morning around 11 when "
        "the office is quiet. Which number should I use?",
        local_time("2027-03-06T14:00"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_a_look_up_is_answered_as_one_whatever_else_is_asked(engine):
    """'... what his plan says ... can you pull up his case notes?' with a name and DOB."""
    ans = engine.answer(
        "supply teacher. Jake Ross (DOB 03/04/2015) has 'CP' on the register. I want to know what "
        "his plan says. Can you pull up his case notes?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "rule:looks-up-a-person" in ans.flags


def test_already_referred_is_a_look_up(engine):
    """'Has my client Mr P already been referred to adult social care?'"""
    ans = engine.answer(
        "Has my client Mr Patel already been referred to adult social care?", local_time(MONDAY_11)
    )
    assert ans.kind == "unknown"


def test_the_work_done_on_a_term(engine):
    """'What work has been done locally on FGM?' is the work, not the meaning."""
    ans = engine.answer("What work has been done locally on FGM?", local_time(MONDAY_11))
    assert "FGM panel" in ans.text


def test_the_term_put_first_is_the_one_asked(engine):
    """'CP-IS - what is it, it flagged up on eCare': CP-IS."""
    ans = engine.answer("CP-IS - what is it, it flagged up on eCare", local_time(MONDAY_11))
    assert "Child Protection Information Sharing" in ans.text


# -- batch 25's shapes ------------------------------------------------------------------


def test_an_abuser_due_any_minute_is_danger():
    """'His uncle does stuff to him ... the uncle is due in about ten minutes': danger."""
    assert read_danger(
        "an 8 year old has just told me his uncle is picking him up today and he's frightened "
        "because the uncle does stuff to him. The uncle is due in about ten minutes."
    )


def test_leaving_an_abuser_is_no_harm_now():
    """'A mum has just left an abusive partner' (a question about support): no danger."""
    assert not read_danger("a mum i'm working with has just left an abusive partner")


def test_pt_and_an_age_is_an_age():
    """'pt 19' is a patient aged 19."""
    assert ages("nurse on ward. pt 19 just told me he has a rope at his hostel") == [19]


def test_the_year_of_an_act_is_no_period_asked(engine):
    """'The committee set up under the Health and Social Care Act 2012, who chairs it?'"""
    ans = engine.answer(
        "Which board is the formal council committee set up under the Health and Social Care "
        "Act 2012, and who chairs it?",
        local_time(MONDAY_11),
    )
    assert "Health and Wellbeing Board" in ans.text


def test_does_he_have_an_open_case_is_a_look_up(engine):
    """'Does he have an open adult safeguarding case at the moment?'"""
    ans = engine.answer(
        "Does Mr O have an open adult safeguarding case at the moment, and who's the worker?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown"


# -- batch 26's shapes ------------------------------------------------------------------


def test_a_decade_in_brackets_is_an_age():
    """'One of our regulars (60s, lives alone)' is in his sixties."""
    assert ages("one of our regulars (60s, lives alone, bit vulnerable)") == [60]


def test_weeks_pregnant_is_no_age_and_names_a_child(engine):
    """'Mum had a previous baby removed ... she's now 30 weeks': the children's line."""
    ans = engine.answer(
        "Midwife. Mum had a previous baby removed in 2023 after an injury. She's now 30 weeks "
        "with a new partner, missing her antenatal appointments. Who do I ring?",
        local_time("2027-05-07T16:00"),
    )
    assert "253169" in ans.text.splitlines()[0]


def test_crashing_and_a_pendant_alarm_are_danger():
    """'Yelling and things crashing inside the flat, she's pressed her pendant alarm'."""
    assert read_danger(
        "her nephew is in there now, we've heard yelling and things crashing inside the flat "
        "and she's pressed her pendant alarm twice"
    )


def test_cant_leave_it_like_this_is_no_confinement():
    """'She's not in danger right now but I can't leave it like this'."""
    assert not read_danger(
        "the flat is full of rubbish. she's not in danger right now but i cant leave it like this"
    )


def test_an_inflected_word_is_no_misspelt_name(engine):
    """'My trustees are asking me ...' is no 'tasking'."""
    ans = engine.answer(
        "my trustees are asking me who runs these reviews. Which board manages DHRs and other "
        "case reviews, and who is its sponsor?",
        local_time(MONDAY_11),
    )
    assert "(I read" not in ans.text and "Review Board" in ans.text


def test_its_points_to_the_board_the_story_named(engine):
    """'I gather the Workforce Board paused. When it reconvenes, what is its priority?'"""
    ans = engine.answer(
        "members ask if the partnership's courses are coming back. I gather the Workforce Board "
        "paused for a while. When it reconvenes, what is its priority going to be?",
        local_time(MONDAY_11),
    )
    assert "review of training" in ans.text


def test_a_direct_mobile_is_a_persons(engine):
    """'can i have the direct mobile for the hospital's head of safeguarding'"""
    ans = engine.answer(
        "can i have the direct mobile for the hospital's head of safeguarding pls",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown"


def test_not_ringing_tonight_but_doing_it_monday(engine):
    """'I'm not going to ring tonight, I'll do it Monday afternoon' on a Friday night."""
    ans = engine.answer(
        "a lady of 77 says her son makes her sign cheques over to him. I'm not going to ring "
        "tonight, I'll do it Monday afternoon. Who should I call?",
        local_time("2027-06-25T23:00"),
    )
    first = ans.text.splitlines()[0]
    assert "253772" in first and "Monday" in first and "21:00" not in first


# -- batch 28's shapes ------------------------------------------------------------------


def test_someones_partner_is_no_partnership(engine):
    """'Her partner is in the car park ... she has to go out to him with the boy now', after
    an iron-shaped burn: 999 and the children's line, not the partnership's facts."""
    ans = engine.answer(
        "A mum has brought in her 6-year-old with a burn on his back the shape of an iron. Her "
        "partner is in the car park leaning on the horn and she's saying she has to go out to "
        "him with the boy now.",
        local_time("2027-03-26T11:30"),
    )
    assert "999" in ans.text.splitlines()[0] and "265545" in ans.text


def test_a_pupils_gran_is_an_adult(engine):
    """'One of our pupils' gran ... isn't coping': the adults' line."""
    ans = engine.answer(
        "Who do I ring about one of our pupils' gran? She lives on her own and isn't coping.",
        local_time("2026-12-07T11:00"),
    )
    assert "253772" in ans.text.splitlines()[0]
    assert audience_evidence("the gran of one of my pupils is being neglected")[0] == "adults"


def test_still_answering_asks_for_the_line(engine):
    """'Is adult social care still answering?' at 16:45 on a Friday: its line, open."""
    ans = engine.answer(
        "is adult social care still answering? I want to report a carer who's been rough with "
        "one of our day-centre members.",
        local_time("2027-01-22T16:45"),
    )
    assert ans.kind == "contact" and "253772" in ans.text.splitlines()[0]


def test_as_far_as_i_can_tell_asks_nothing(engine):
    """'Not in danger tonight as far as I can tell ... I'll call on Monday at 11'."""
    ans = engine.answer(
        "a 14-year-old I tutor has cuts she hides. She's not in danger tonight as far as I can "
        "tell, so I'll call on Monday at 11. Which number do I use then?",
        local_time("2027-06-05T18:00"),
    )
    assert "253169" in ans.text.splitlines()[0] and "Monday" in ans.text.splitlines()[0]


def test_any_work_on_a_topic_is_a_topic_question(engine):
    """'Did the partnership do any knife crime work with primary school kids?'"""
    ans = engine.answer(
        "Did the partnership do any knife crime work with primary school kids?",
        local_time(MONDAY_11),
    )
    assert "Hazard Alley" in ans.text or "Knife Crime Task" in ans.text


# -- batch 29's shapes ------------------------------------------------------------------


def test_text_speak_threat_coming_for_him_in_minutes():
    """'the guys he runs for r coming 4 him in 10 mins': danger now."""
    assert read_danger("16yo at youth club says the guys he runs for r coming 4 him in 10 mins")


def test_harm_told_with_theyd_been_is_history_and_smoke_now_is_danger(engine):
    """'Last Easter ... they'd been left on their own' is history; 'smoke coming out of
    their kitchen window ... the older one at the window crying' is now: 999, children."""
    ans = engine.answer(
        "Next door have two little ones, about 5 and 7. Last Easter I reported they'd been left on "
        "their own overnight. I haven't heard an adult voice all day and now I can see smoke "
        "coming out of their kitchen window and the older one at the upstairs window crying.",
        local_time("2026-12-25T13:35"),
    )
    assert "999" in ans.text.splitlines()[0] and "265545" in ans.text


def test_no_one_worried_for_his_safety_calms():
    """'No one's worried for his safety tonight' beside a small burn: no 999."""
    assert not read_danger(
        "tonight the little boy is in with a small burn on his hand. he's asleep on the ward "
        "with mum and no one's worried for his safety tonight"
    )


def test_a_girl_who_cant_be_more_than_14_is_a_child():
    """'A girl who can't be more than 14' is a child."""
    assert ages("a man checked in with a girl who can't be more than 14") == [14]


def test_after_nine_in_the_morning_is_office_hours(engine):
    """'I'll phone on Monday after 9' of an adult: the adults' daytime line."""
    ans = engine.answer(
        "an older gentleman's live-in carer is neglecting him. I'll phone on Monday after 9, what "
        "number should I use?",
        local_time("2027-02-06T15:20"),
    )
    assert "253772" in ans.text.splitlines()[0]


# -- batch 30's shapes ------------------------------------------------------------------


def test_petrol_poured_and_a_broken_arm_threatened_are_danger():
    """'Just poured petrol in his hallway ... they'll light it', 'he'll break her arm'."""
    assert read_danger(
        "his so-called friends have just poured petrol in his hallway and are outside saying "
        "they'll light it"
    )
    assert read_danger(
        "he's sat in his van outside and has told her that if she comes out he'll break her arm"
    )


def test_tried_to_smother_my_pt_is_danger_for_an_adult(engine):
    """'A visitor just tried to smother my pt ... his mates r on the way': 999, adults."""
    ans = engine.answer(
        "nurse on nights - a visitor just tried to smother my pt with a pillow, security have him "
        "for now but he says his mates r on the way. who do i ring for safegaurding",
        local_time("2027-01-12T02:10"),
    )
    assert "999" in ans.text.splitlines()[0] and "725005" in ans.text


def test_an_older_man_she_calls_her_boyfriend_is_no_adult_told_of(engine):
    """A Year 9 girl collected 'in ten minutes' by 'an older man she calls her boyfriend'."""
    ans = engine.answer(
        "I'm a Year 9 form tutor. A girl came back shaking because an older man she calls her "
        "boyfriend has messaged that he's collecting her from the back gate in ten minutes to take "
        "her away for the weekend. She daren't say no. Who do I ring?",
        local_time("2027-01-22T16:45"),
    )
    assert "265545" in ans.text.split("Daytime")[0] and "725005" not in ans.text.split("Daytime")[0]


def test_three_year_olds_are_children():
    """'One of our three-year-olds' is three."""
    assert ages("one of our three-year-olds was picked up by her grandad") == [3]


def test_a_services_name_in_the_story_is_no_question_about_it(engine):
    """'CAMHS nurse, 13yo told me ... what number will i need then?' asks for a line."""
    ans = engine.answer(
        "in clinic til half 5 so i'll phone after that. CAMHS nurse, 13yo told me her brother "
        "has been showing her porn. shes safe at school rn. what number will i need then?",
        local_time("2027-05-19T10:00"),
    )
    assert ans.kind == "contact" and "265545" in ans.text.splitlines()[0]
