"""Shapes of practitioners' messages read by principle in the fourth round (each a shape,
not a phrase: the examples are new wordings of shapes batch 31 and later showed)."""

from __future__ import annotations

from bot.engine.audience import ages
from bot.engine.read.danger import read_danger
from bot.testing import local_time

MONDAY_11 = "2027-03-08T11:00"


# -- danger ----------------------------------------------------------------------------


def test_nothing_new_is_no_calm_about_what_happens_now():
    """'nothing new, it happens most weekends' denies nothing of the screaming going on now."""
    assert read_danger(
        "the pair next door row most weekends, nothing new, it happens a lot. but right now the "
        "little girl is screaming and he's smashing the place up"
    )
    assert not read_danger("nothing is happening right now, he left an hour ago, she's calm")


def test_harm_as_a_pattern_so_far_is_not_harm_going_on():
    """'her partner has been hitting her' tells a pattern to refer, not an act going on;
    with a now cue it is danger."""
    assert not read_danger("the ward sister thinks her husband has been hitting her for months")
    assert read_danger("he has been hitting her and he's still in the house with her right now")


def test_a_meaning_asked_after_a_pattern_of_abuse_is_answered(engine):
    """A nurse asking what a term stands for, the patient's partner 'has been hitting her'."""
    ans = engine.answer(
        "on a late shift, the reg thinks this patient might be referred to MARAC, her boyfriend "
        "has been beating her. what does MARAC stand for?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "glossary" and "999" not in ans.text.splitlines()[0]


# -- the person --------------------------------------------------------------------------


def test_an_age_guessed_from_looks_is_an_age():
    """'she looks about 13', 'appears to be around 15' are ages; not 'looks about 10 mins'."""
    assert ages("she looks about 13 and had no coat") == [13]
    assert ages("a lad who appears to be around 15") == [15]
    assert ages("it looks about 10 minutes away") == []


def test_a_child_with_a_grown_man_is_the_child(engine):
    """A girl who looks 12 with a man in his 50s who is not her dad: the children's line."""
    ans = engine.answer(
        "security at the retail park. a man in his 50s came in with a girl, she looks about 12, "
        "and she's just whispered to my colleague that he isn't her dad and she wants her mum. "
        "he's waiting by the doors now. who do i call?",
        local_time("2027-04-10T15:00"),
    )
    first = ans.text.split("Daytime")[0]
    assert "999" in ans.text.splitlines()[0] and "265545" in first and "725005" not in first


# -- the moment --------------------------------------------------------------------------


def test_an_hour_with_its_part_of_the_day_is_that_hour(engine):
    """'4 in the morning' asked at 04:20 is now; '9 in the morning' asked at 04:20 is later
    today."""
    now = local_time("2027-04-13T04:20")  # a Tuesday
    ans = engine.answer("it's 4 in the morning, who do i call about a child?", now)
    assert "265545" in ans.text.splitlines()[0]
    ans = engine.answer("i'll ring at 9 in the morning about a child, which number?", now)
    assert "09:00" in ans.text.splitlines()[0] and "253169" in ans.text.splitlines()[0]


def test_the_writers_own_closing_time_asks_no_hours(engine):
    """'I'll ring after we close at 6, who?' asks for the line open at 18:00, not the hours
    of a line."""
    ans = engine.answer(
        "optician here. a 10 year old keeps coming in alone for her nan's glasses and says she "
        "looks after her nan. i'll ring after we shut at 6, who",
        local_time("2027-02-02T12:00"),
    )
    assert ans.text.splitlines()[0].startswith("Tuesday 2 February 2027, 18:00")
    assert "265545" in ans.text.splitlines()[0]


# -- what is asked -----------------------------------------------------------------------


def test_a_writers_next_visit_asks_no_plans(engine):
    """'on my way to my next visit' is the writer's day; a worry with no question gets the
    lines."""
    ans = engine.answer(
        "carer here. my client, 81, says her son keeps her in her room and shouts at her. not "
        "urgent. ringing now between visits, on the way to my next call",
        local_time(MONDAY_11),
    )
    assert ans.kind == "contact" and "253772" in ans.text.splitlines()[0]


def test_neglect_by_a_carer_is_a_worry():
    """Left in soiled sheets, shouted at: a worry about the person."""
    from bot.engine.concern import CONCERN

    assert CONCERN.search("her son has been leaving her in bed in soiled sheets")
    assert CONCERN.search("the husband shouts at him all day")


def test_whats_been_done_asks_for_the_work(engine):
    """'what's been done about X' is 'what has been done': the report's work on it."""
    ans = engine.answer(
        "what's been done here about knife crime with primary school pupils?", local_time(MONDAY_11)
    )
    assert ans.kind == "search" and "Year 6" in ans.text


def test_a_figure_is_given_for_a_short_topic(engine):
    """'how many people answered the survey' finds the passage that gives the figure."""
    ans = engine.answer(
        "how many people answered the crime and disorder survey?", local_time(MONDAY_11)
    )
    assert "2361" in ans.text and "no figures" not in ans.text


def test_a_word_written_closed_finds_the_open_form(engine):
    """'antisocial' finds the action on 'anti-social behaviour'."""
    ans = engine.answer(
        "what is the Tasking Board planning next on antisocial behaviour?", local_time(MONDAY_11)
    )
    assert ans.kind == "actions" and "anti-social" in ans.text


def test_the_progress_of_one_referral_is_a_look_up(engine):
    """'what's happening with the referral for X' asks for a case's records: refused, with
    the lines that can check."""
    ans = engine.answer(
        "what's happening with the referral for Mia in year 3, we made it weeks ago and heard "
        "nothing",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "look up" in ans.text


def test_a_shops_hours_are_not_held(engine):
    """The hours of a shop asked, a client named as the reason: not a safeguarding line."""
    ans = engine.answer(
        "what time does the Superdrug in the shopping centre close today, need to get my "
        "clients prescription",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown"


# -- batch 32 ----------------------------------------------------------------------------


def test_ages_told_as_birthdays():
    """A birthday had is the age now; one to come is one less; 'nearly 18' is 17."""
    assert ages("she had her 18th in the summer") == [18]
    assert 17 in ages("expecting, she is 17 (18th is in june)")
    assert ages("he'll be 16 in march") == [15]
    assert ages("he is nearly 18") == [17]
    assert ages("she turned 18 in january") == [18]


def test_a_count_after_a_person_word_is_no_age():
    """'the man 2 doors down' is no two-year-old; 'he's about 83' is 83."""
    assert ages("the man 3 doors down, he's about 83, has dementia") == [83]
    assert ages("student 17, autistic") == [17]


def test_an_old_persons_family_is_grown(engine):
    """An old man's 'kids in australia' and a lady's daughter are adults: the adults' line."""
    ans = engine.answer(
        "my neighbour is 84 and has alzheimers, his kids live abroad. tonight he's wandered off "
        "in his slippers and it's freezing, his wife can't find him. who do i ring",
        local_time("2026-12-16T23:40"),
    )
    first = ans.text.split("Daytime")[0]
    assert "999" in ans.text.splitlines()[0] and "725005" in first and "265545" not in first


def test_people_held_for_the_harm_are_set_aside(engine):
    """'the lads are in prison': the cuckooed tenant is who it is about."""
    ans = engine.answer(
        "housing officer. a tenant with schizophrenia had his flat taken over by dealers, the "
        "lads were arrested and he's settled now. do i still refer and to who",
        local_time("2027-01-20T11:00"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_a_goodbye_from_a_high_place_is_danger():
    """'sorry for everything' with a photo from a bridge: danger; gratitude is not."""
    assert read_danger("she messaged 'thanks for everything, sorry' with a photo from the bridge")
    assert not read_danger("thank you for everything you did this term, we loved the river trip")


def test_a_planned_hour_already_past_is_the_next_one(engine):
    """'i'll phone in the morning around 10' said at 23:00 is 10:00 tomorrow."""
    ans = engine.answer(
        "worried about an older man whose lodger takes his money, not urgent. i'll phone in the "
        "morning around 10, who?",
        local_time("2027-02-09T23:00"),
    )
    assert ans.text.splitlines()[0].startswith("Wednesday 10 February 2027, 10:00")


def test_the_day_named_first_is_the_day_of_the_call(engine):
    """'i'll call tuesday at 11 (monday's a bank holiday)': Tuesday."""
    ans = engine.answer(
        "a year 9 keeps getting picked up by older lads. i'll call tuesday at 11 (monday is a bank "
        "holiday), which number?",
        local_time("2027-05-29T10:00"),
    )
    assert ans.text.splitlines()[0].startswith("Tuesday 1 June 2027, 11:00")


def test_wanting_to_report_is_a_contact_ask(engine):
    """'want to report it now', 'i need to tell someone today': the lines."""
    for text in (
        "customer with dementia says her son keeps her pension. want to report it now",
        "a 15 year old told me her stepdad makes her keep secrets. i need to tell someone today",
    ):
        assert engine.answer(text, local_time(MONDAY_11)).kind == "contact"


def test_anyone_know_takes_the_question_before(engine):
    """'... who chairs the quality board? anyone know' asks who chairs it."""
    ans = engine.answer(
        "on a course and got asked who sponsors the review board. anyone know?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "board" and "sponsored" in ans.text


def test_a_question_opening_with_a_preposition_is_a_second_question():
    """'what's LeDeR and from what age ...' asks two things."""
    from bot.engine.read.shape import separate_asks

    assert len(separate_asks("what's cdop and from what age does it apply")) == 2


def test_a_word_a_definition_explains(engine):
    """A principle within a definition is answered from it."""
    ans = engine.answer("what does empowerment mean in adult safeguarding", local_time(MONDAY_11))
    assert ans.kind == "glossary" and "informed consent" in ans.text


def test_what_reviews_taught_is_searched(engine):
    """A board's learning from reviews is in the report search."""
    ans = engine.answer(
        "what came out of the reviews about late diagnosis autism", local_time(MONDAY_11)
    )
    assert ans.kind == "search" and "learning from reviews" in ans.text


def test_a_short_form_in_a_plans_topic_is_searched_as_its_expansion(engine):
    """'DA victims' finds the plan about domestic abuse."""
    ans = engine.answer(
        "what's adult social care planning next for DA victims who want to stay in their homes",
        local_time(MONDAY_11),
    )
    assert "sanctuary" in ans.text


# -- batch 33 ----------------------------------------------------------------------------


def test_a_son_with_a_tutor_is_a_pupil(engine):
    """'her son's teacher': the son is a child, whatever the mother's age."""
    ans = engine.answer(
        "at the school gate a drunk dad just shoved his daughter's teacher and is now dragging "
        "the girl to his car shouting. who do i call",
        local_time("2027-03-09T18:30"),
    )
    first = ans.text.split("Daytime")[0]
    assert "999" in ans.text.splitlines()[0] and "265545" in first and "725005" not in first


def test_a_calendar_date_is_the_day_of_the_call(engine):
    """'on the 28th', '4 january', '28/12' name the day; 'maybe 20' and '24/7' do not."""
    import datetime as dt

    from bot.engine.when import _calendar_date

    today = dt.date(2026, 12, 23)
    assert _calendar_date("i'll ring on the 28th when i'm back", today) == dt.date(2026, 12, 28)
    assert _calendar_date("ring on 4 january", today) == dt.date(2027, 1, 4)
    assert _calendar_date("back on 2/1", today) == dt.date(2027, 1, 2)
    assert _calendar_date("a woman, maybe 20, said", today) is None
    assert _calendar_date("they offer 24/7 support", today) is None
    ans = engine.answer(
        "not urgent, an older lady's son takes her money. i'm off now, i'll phone it in on the "
        "28th at 10. which number?",
        local_time("2026-12-23T17:30"),
    )
    assert ans.text.splitlines()[0].startswith("Monday 28 December 2026, 10:00")
    assert "725005" in ans.text.splitlines()[0]


# -- batch 34 ----------------------------------------------------------------------------


def test_a_parents_urge_to_harm_the_baby_is_danger():
    """A mother who 'keeps thinking about hurting him' and does not trust herself: 999."""
    assert read_danger(
        "a dad in the waiting room says he's scared he'll hurt the baby and doesn't trust himself "
        "to take her home"
    )


def test_a_baby_named_beside_his_daughter_is_the_baby(engine):
    """'grabbed the baby ... nobody is taking his daughter': the daughter is the baby."""
    ans = engine.answer(
        "new birth visit. dad has just grabbed the baby from her cot and is shouting that nobody "
        "is taking his daughter. who do i call",
        local_time("2027-01-05T11:00"),
    )
    first = ans.text.split("Daytime")[0]
    assert "999" in ans.text.splitlines()[0] and "253169" in first and "253772" not in first


def test_what_to_do_is_not_a_to_do_list(engine):
    """'not sure what the right thing to do is' asks what to do, not a board's plans."""
    from bot.engine import intents as I

    q = I.parse("i'm not sure what the right thing to do is", engine.index)
    assert "todo" not in q.tokens
    q = I.parse("what's on the quality board's to-do list", engine.index)
    assert "todo" in q.tokens


def test_a_holiday_planned_for_is_the_day_of_the_call(engine):
    """'I'm going to ring on Boxing Day ... which number will be answered?' on Christmas Eve."""
    ans = engine.answer(
        "a boy in year 2 said there's no food at home and mum drinks. no injuries. i'm going to "
        "ring on boxing day once i've written it up. which number will be answered?",
        local_time("2026-12-24T14:00"),
    )
    assert ans.text.splitlines()[0].startswith("Saturday 26 December 2026")
    assert "265545" in ans.text.splitlines()[0]


def test_whether_a_clients_case_was_heard_is_a_look_up(engine):
    """'has her case been heard yet' asks for a case's records."""
    ans = engine.answer(
        "my client had a marac referral after her husband attacked her. has her case been "
        "discussed yet?",
        local_time(MONDAY_11),
    )
    assert ans.kind == "unknown" and "look up" in ans.text


def test_which_service_was_most_popular_asks_the_report(engine):
    """'which service was most popular' compares the report's figures; no line is asked."""
    ans = engine.answer(
        "How many referrals did the Healthy Relationship Programme get and which service was "
        "most popular?",
        local_time(MONDAY_11),
    )
    assert "666" in ans.text and "Freedom Programme" in ans.text


# -- batch 35 ----------------------------------------------------------------------------


def test_danger_told_at_one_remove():
    """A silent plea, a threat to a sibling, a return to finish it, a line gone dead."""
    assert read_danger("a woman at the till mouthed help at me while her partner paid")
    assert read_danger("one of them told the boy carry it or you know what happens to your mum")
    assert read_danger("the resident says her son is coming back tonight to finish her off")
    assert read_danger(
        "a girl rang the office whispering that her stepdad had a knife and was shouting, then "
        "the line went dead"
    )
    assert not read_danger("my daughter is coming back for her things at the weekend")


def test_plans_asked_about_harm_are_no_emergency(engine):
    """'what is X going to do next about domestic abuse' asks the report."""
    ans = engine.answer(
        "what is the council going to do next about domestic abuse and violent crime",
        local_time(MONDAY_11),
    )
    assert "999" not in ans.text.splitlines()[0]


def test_a_person_and_a_bare_ask_get_the_lines(engine):
    """'... mum smelt of drink. I'm ringing now, who' and 'who is it for adults today'."""
    ans = engine.answer(
        "receptionist. a 3 yr old keeps coming in underweight, mum missed appointments and "
        "smelt of drink. not an emergency. i'm ringing now, who",
        local_time(MONDAY_11),
    )
    assert ans.kind == "contact" and "253169" in ans.text.splitlines()[0]


def test_who_the_writer_says_it_is_about_decides(engine):
    """'the baby is known to children's services ... it's mum I'm asking about'."""
    ans = engine.answer(
        "postnatal ward. one of my mums (20) has a newborn who already has a social worker, so "
        "it's mum i'm asking about: her partner keeps texting that she'll regret it if she "
        "doesn't come home. who do i ring?",
        local_time(MONDAY_11),
    )
    assert "253772" in ans.text.split("Daytime")[0]


def test_an_age_after_of_is_an_age():
    """'a lad of 19' is 19."""
    assert ages("a lad of 19 with downs syndrome") == [19]


def test_an_old_person_beside_a_child_is_told_of_too():
    """'in her 60s ... her granddaughter (12)': both ages count; '13, her bf is 19' the child's."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("my neighbour is in her 60s and her granddaughter (12) stays")
    assert child > 0 and adult > 0
    child, adult = audience_weights("she is 13 and her boyfriend is 19")
    assert child > adult


def test_an_event_just_now_is_no_moment_to_call(engine):
    """'just now at 3.30 she rang me' dates the call she made, not the one asked about."""
    ans = engine.answer(
        "foster carer. our 14 yr old didn't come home. just now at 3.30 she rang me crying from "
        "a flat, the men won't let her leave. who is the out of hours for children",
        local_time("2026-12-13T03:40"),
    )
    assert "999" in ans.text.splitlines()[0] and "Sunday 03:40" in ans.text


# -- batch 36 ----------------------------------------------------------------------------


def test_whose_number_it_is_asks_nothing(engine):
    """'he has my number' is no ask; 'I'll ring tomorrow morning at 10' is the moment."""
    ans = engine.answer(
        "befriender. the man i visit, 84, says his lodger makes him pay for everything. he's ok "
        "for today and he has my number. i'll ring tomorrow morning at 10. who would i ring then",
        local_time("2027-03-24T16:00"),
    )
    assert ans.text.splitlines()[0].startswith("Thursday 25 March 2027, 10:00")


def test_busy_until_a_task_ends(engine):
    """'til my last one finishes at half 5, I'll ring it in then': 17:30."""
    ans = engine.answer(
        "home carer. client, 88, her son leaves her with one sandwich a day while he's at work, "
        "not urgent. calls til my last one finishes at half 5, i'll ring it in then. number?",
        local_time("2027-03-05T12:00"),
    )
    assert ans.text.splitlines()[0].startswith("Friday 5 March 2027, 17:30")


def test_now_before_the_weekend_is_now(engine):
    """'want to report it now before the weekend' at 16:45 on a Friday: the line open now."""
    ans = engine.answer(
        "carer. my client (70) has new 'friends' taking her pension. want to report it now "
        "before the weekend",
        local_time("2026-12-11T16:45"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_y5_is_a_school_year():
    """'her son (Y5)' is a pupil."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("a parent says her son (y5) is being hit by her partner")
    assert child > adult


def test_what_should_i_be_doing_asks_what_to_do(engine):
    """'what should i be doing' after a child on a window ledge: 999 and the lines."""
    ans = engine.answer(
        "the toddler next door has just climbed out onto the window ledge upstairs and nobody's "
        "home. what should i be doing",
        local_time("2026-12-13T15:35"),
    )
    assert "999" in ans.text.splitlines()[0]


def test_a_falling_out_and_an_age_now_are_no_danger():
    """'a falling out', 'now in his 20s', 'he's still inside' (in prison) tell no harm now."""
    assert not read_danger(
        "it stopped years ago, the cousin is now in his 20s and the family don't see him after a "
        "falling out"
    )
    from bot.engine import danger as floor

    assert not floor.signals_danger("he went to prison and he's still inside")
    assert read_danger("he's still inside the flat with her and she's screaming")


def test_a_line_named_in_the_story_is_not_asked_for(engine):
    """'staying at her mum's tonight ... I want to do the referral now' at 13:00 on a Friday:
    the open line leads, not the out-of-hours one."""
    ans = engine.answer(
        "midwife. a 16 year old, pregnant, says her boyfriend (25) controls her phone. she's "
        "staying at her mum's tonight. I want to do the referral now in my lunch",
        local_time("2027-02-12T13:00"),
    )
    assert "253169" in ans.text.splitlines()[0]


def test_which_no_asks_for_the_number(engine):
    """'which no. will that be' after a story asks for the line."""
    ans = engine.answer(
        "y6 teacher, a boy told me his mum's boyfriend makes him stand outside in the dark when "
        "he's bad. which no will that be",
        local_time(MONDAY_11),
    )
    assert ans.kind == "contact" and "253169" in ans.text.splitlines()[0]


# -- batch 37 ----------------------------------------------------------------------------


def test_a_guessed_age_beside_a_person_and_a_school_uniform():
    """'girl in school uniform maybe 14 got on': 14, and a pupil."""
    assert 14 in ages("girl in school uniform maybe 14 got on with a bloke in his 30s")
    assert ages("a man about 5 mins ago") == []


def test_a_young_persons_partner_is_the_other_party(engine):
    """'pt is 17 ... her partner came in with her, he's 28': the children's line."""
    ans = engine.answer(
        "midwife. pt is 16, first pregnancy. her partner came with her, he's 27, and answered "
        "every question for her. not urgent, i'll phone it through on monday around 10. which "
        "number?",
        local_time("2027-04-24T10:00"),
    )
    assert "253169" in ans.text.splitlines()[0]


def test_first_thing_when_the_office_opens(engine):
    """'ill ring first thing when the office opens' at 02:30: the morning's line."""
    ans = engine.answer(
        "a&e. young man of 19 in supported living says staff take his money. medically ok. ill "
        "ring first thing when the office opens. which number?",
        local_time("2027-06-16T02:30"),
    )
    assert "253772" in ans.text.splitlines()[0]


def test_parents_evening_and_answering_the_phone_name_no_moment(engine):
    """'didn't come to parents' evening', 'never answer the phone' are the story."""
    ans = engine.answer(
        "y4 teacher. a boy comes in hungry and smelly, parents never answer the phone and didn't "
        "come to parents' evening. i'm going to ring first thing tomorrow at 9.15. which number?",
        local_time("2027-01-10T20:00"),
    )
    assert ans.text.splitlines()[0].startswith("Monday 11 January 2027, 09:15")


def test_a_post_holder_at_a_named_place_is_not_held(engine):
    """'who is the DSL at X school' asks for a person: refused; 'who is the LADO' a role."""
    assert engine.answer("who is the DSL at Oakwood school", local_time(MONDAY_11)).kind == (
        "unknown"
    )
    assert engine.answer("who is the LADO", local_time(MONDAY_11)).kind != "unknown"


# -- batch 38 ----------------------------------------------------------------------------


def test_whats_the_right_thing_to_do_asks_what_to_do(engine):
    """A man who'll 'take the lot tonight' then 'whats the right thing to do now': 999."""
    ans = engine.answer(
        "pharmacist. a customer with learning disabilities tried to buy 4 packs of paracetamol "
        "and said he'll take the lot tonight. he's walked off very unsteady. whats the right "
        "thing to do now",
        local_time("2027-05-20T17:30"),
    )
    assert "999" in ans.text.splitlines()[0]


def test_a_job_or_a_resource_named_by_harm_is_no_harm(engine):
    """'on a fall call', 'a self harm toolkit' are a job and a resource."""
    assert not read_danger("saw him today on a fall call, he's well looked after now")
    ans = engine.answer(
        "our college has just been sent a self harm toolkit, which board signed it off",
        local_time(MONDAY_11),
    )
    assert "999" not in ans.text.splitlines()[0]


def test_well_looked_after_and_an_old_boy_are_adults():
    """'he's well looked after now' is care, not a looked-after child; 'an old boy' a man."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("we went to an old boy whose carer left him in wet sheets")
    assert adult > child
    assert audience_weights("he's well looked after now")[0] == 0


def test_a_clock_time_with_a_dot(engine):
    """'I'll phone at break, 10.40' is 10:40; '£10.40' is money."""
    from bot.engine.when import names_a_time

    assert names_a_time("i'll phone at break 10.40")
    assert not names_a_time("it cost £10.40")


# -- batch 39 ----------------------------------------------------------------------------


def test_odd_is_no_overdose():
    """'bit of an odd one' names no overdose ("od'd" needs its apostrophe)."""
    from bot.engine import danger as floor

    assert not read_danger("bit of an odd one, my neighbour mentioned something from last year")
    assert not floor.signals_danger("bit of an odd one")


def test_nothing_happened_then_is_no_calm_now():
    """'I logged it and nothing happened ... she's screaming now': danger."""
    assert read_danger(
        "i've logged it twice and nothing happened. today he is pulling her by the arm out to "
        "his car and she's screaming now"
    )


def test_an_age_told_beats_a_sixth_form_year():
    """'one of my year 13s (she turned 18 in october)' is an adult."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("one of my year 13s (she turned 18 in october) is autistic")
    assert adult > child


def test_ring_it_now_before_my_first_visit_is_now(engine):
    """'want to ring it through now before my first visit at 9.15' at 08:40: now."""
    ans = engine.answer(
        "hv. yesterday a 4 month old had bleeding nappy rash and the flat was freezing, no "
        "injuries. want to ring it through now before my first visit at 9.15, which number",
        local_time("2027-03-03T08:40"),
    )
    assert "265545" in ans.text.splitlines()[0]
