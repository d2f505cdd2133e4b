"""Shapes of practitioners' messages read by principle in the fifth round (each a shape, not
a phrase: the examples are new wordings of shapes batch 40 and later showed)."""

from __future__ import annotations

from bot.engine.audience import ages
from bot.engine.read.danger import read_danger
from bot.engine.read.person import weighed_audience
from bot.engine.text import words
from bot.testing import local_time
from tests.batch_checks import first_local_number

FRIDAY_1650 = "2027-04-09T16:50"


def _first(text: str) -> str:
    return text.strip().splitlines()[0]


# -- danger ----------------------------------------------------------------------------


def test_what_someone_else_keeps_saying_is_no_calm():
    """'dad keeps saying leave it she's fine' is the dad's claim: the limp baby is still an
    emergency; the writer's own 'she's fine now' calms."""
    assert read_danger("the baby is floppy and pale, her dad keeps saying leave her she's fine")
    assert not read_danger("the baby was floppy earlier but she's fine now, feeding well")


def test_harm_dated_back_in_a_month_is_history():
    """'back in March' dates the harm as history as 'last year' does."""
    assert not read_danger("a carer shoved him and locked him in the bathroom back in february")
    assert read_danger("a carer has locked him in the bathroom and won't let him out right now")


def test_episodes_counted_over_a_week_are_a_pattern():
    """'gone missing three times this week, home now' is a pattern to refer, not danger now."""
    assert not read_danger("the lad has gone missing twice this month but he's home now")


def test_a_process_asked_after_a_live_threat_still_leads_with_999(engine):
    """'what's the process' after a story of a parent blocking the crew asks what to do now,
    not a meaning in the report: the learned scorer's danger stands."""
    ans = engine.answer(
        "ambulance crew, toddler with a scald on his arm that doesn't fit the story. mum's "
        "boyfriend is getting aggressive and blocking the door saying we're not taking him. "
        "what's the process",
        local_time("2027-01-22T18:50"),
    )
    assert "999" in _first(ans.text)


# -- the person ------------------------------------------------------------------------


def test_an_age_group_team_names_children():
    """'under 11s', 'u14s', 'the under-16s' name players younger than the number."""
    assert ages("i coach the under 11s on saturdays") == [10]
    assert ages("our u14s") == [13]
    assert ages("he plays for the under-16s") == [15]
    assert ages("there were 11 of us") == []


def test_the_question_names_whom_it_is_about():
    """'who do i notify about the baby' decides for the baby, whatever the mother's age told."""
    text = (
        "antenatal booking today, mum (26) told me she was cut as a girl back home. "
        "she's expecting a girl. who do i notify about the baby?"
    )
    assert weighed_audience(text, words(text)) == "children"


def test_a_childs_care_arrangements_name_a_child():
    """Residency and contact visits are arrangements for a child."""
    text = "dad has contact visits every other weekend but mum has residency. who do i tell"
    assert weighed_audience(text, words(text)) == "children"


# -- the moment ------------------------------------------------------------------------


def test_a_part_of_today_going_on_is_now(engine):
    """'friday afternoon, who takes it at this time' said on a Friday at 16:50: now (the
    MASH has closed), not Friday 14:00."""
    ans = engine.answer(
        "14 yo placed with carers keeps going missing, back now. friday afternoon, who do i "
        "refer to at this time",
        local_time(FRIDAY_1650),
    )
    assert first_local_number(ans.text) == "265545"


def test_asked_whether_everything_is_shut_the_open_line_leads(engine):
    """'or is everything shut?' asks whether to call now: the open line leads."""
    ans = engine.answer(
        "worried about my grandad, a lodger is taking his pension. anyone i can ring today or "
        "is it all shut?",
        local_time("2026-12-28T10:00"),
    )
    assert first_local_number(ans.text) == "725005"


# -- the report ------------------------------------------------------------------------


def test_planning_asked_of_a_service_is_a_report_question(engine):
    """'adult social care - what are they planning for X' asks its plans, not its line."""
    ans = engine.answer(
        "adult social care - what are they planning for people experiencing domestic abuse?",
        local_time(FRIDAY_1650),
    )
    assert ans.kind in ("actions", "search") and "sanctuary scheme" in ans.text


def test_the_name_of_a_thing_the_work_made_is_searched(engine):
    """'what's the name of the X strategy' asks for a name the report gives."""
    ans = engine.answer("what is the name of the domestic abuse strategy?", local_time(FRIDAY_1650))
    assert "Domestic Abuse Prevention Strategy 2020-2025" in ans.text


def test_a_second_question_asked_yes_or_no_is_answered(engine):
    """'what is X and has the hospital done Y' answers both."""
    ans = engine.answer(
        "what does CP-IS mean and has the hospital connected it to its systems?",
        local_time(FRIDAY_1650),
    )
    assert "Child Protection Information Sharing" in ans.text and "eCare" in ans.text


def test_rates_and_checks_the_report_does_not_hold_are_unknown(engine):
    """A weekly rate or a DBS check is not in an annual report: said so, not a budget line."""
    for q in (
        "how much does the council pay childminders per hour?",
        "can the council do dbs checks for our youth club volunteers?",
    ):
        assert engine.answer(q, local_time(FRIDAY_1650)).kind == "unknown", q


def test_the_boards_are_counted_as_the_report_counts_them(engine):
    """'how many affiliated boards' is answered in the report's words: seven."""
    ans = engine.answer("how many affiliated boards are there?", local_time(FRIDAY_1650))
    assert "seven affiliated boards" in ans.text


# -- batch 41's shapes -------------------------------------------------------------------


def test_a_grown_mans_mother_is_no_sign_of_a_child():
    """'the man next door lives with his mum' names two adults, not a child and a parent."""
    text = "the bloke upstairs lives with his elderly mum and i can hear him smashing things"
    assert weighed_audience(text, words(text)) != "children"
    from bot.engine.audience import audience_weights

    assert audience_weights("the man next door lives with his mum, she uses a frame")[0] == 0


def test_an_age_set_off_by_commas_is_read():
    """'one of our regulars, 77, told us' tells an age; a flat or a list of numbers does not."""
    assert ages("one of our members, 81, said her grandson takes her card") == [81]
    assert ages("flat 4, 21, the crescent") == []


def test_a_child_barely_responding_is_an_emergency():
    """'barely responding' is a collapse, as 'barely conscious' is."""
    assert read_danger("the little boy is in the back of the car in the heat and barely responding")


def test_reported_work_for_a_school_year_is_found_by_its_phase(engine):
    """'primary school kids' finds work for 'Year 6 students' (the report's words)."""
    ans = engine.answer("anything done on knife crime for primary kids?", local_time(FRIDAY_1650))
    assert "Year 6" in ans.text


def test_has_anything_been_done_about_a_term_asks_the_work(engine):
    """'has anything been done about FGM' asks the work, not only what FGM stands for."""
    ans = engine.answer("has anything been done about FGM round here", local_time(FRIDAY_1650))
    assert "toolkit" in ans.text


def test_a_term_asked_of_an_owner_finds_its_plans(engine):
    """'is the hospital getting an IDVA' finds the hospital's plan that names an IDVA."""
    ans = engine.answer("is the hospital getting an idva?", local_time(FRIDAY_1650))
    assert "appointment of an IDVA" in ans.text


def test_a_purpose_asked_of_a_term_adds_what_the_report_says(engine):
    """'what was the PSPO for' gives the meaning and the work that used it."""
    ans = engine.answer("what was the pspo for?", local_time(FRIDAY_1650))
    assert "Public Spaces Protection Order" in ans.text and "Car Cruising" in ans.text


def test_it_in_the_first_question_is_the_term_the_story_named(engine):
    """'CDOP - what is it and what does the child death board look at': both answered."""
    ans = engine.answer("CSE - what is it and which board looks at it?", local_time(FRIDAY_1650))
    assert "Sexual Exploitation" in ans.text and "Risk Board" in ans.text


def test_the_agency_asked_beats_a_term_in_a_trailing_clause(engine):
    """'what is Kooth that the CCG bought' asks about Kooth, not what CCG stands for."""
    ans = engine.answer("what's kooth that the ccg pays for?", local_time(FRIDAY_1650))
    assert ans.text.startswith("Kooth")


# -- batch 42's shapes -------------------------------------------------------------------


def test_being_held_is_read_in_every_person():
    """'they won't let me go' (a text quoted) is confinement as 'won't let her go' is."""
    assert read_danger("she's texted: there's two men here and they won't let us leave")
    assert read_danger("just got a message from my son, they wont let me out he says")


def test_a_childs_plea_not_to_be_taken_back_is_an_emergency():
    """A child begging not to be returned to where she was picked up from."""
    assert read_danger("the girl in my car, maybe 14, said please dont make me go back there")


def test_harm_then_being_driven_away_now_is_an_emergency():
    """Harm told in one sentence, the one harmed taken away now in the next."""
    assert read_danger(
        "her partner grabbed her by the hair and pushed her into the van. he's driving off now "
        "with her in the back"
    )
    # the rule needs the harm told now, not dated (the learned scorer is judged apart)
    assert not read_danger(
        "he pushed her into the van years ago. he's driving off now with his mates to work",
        use_model=False,
    )


def test_where_a_referral_has_got_to_is_a_look_up(engine):
    """'I referred X last week, has anyone been allocated' asks for a case record."""
    ans = engine.answer(
        "i referred a yr 3 boy to the mash on monday, has a social worker been allocated yet?",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "unknown"


def test_what_a_named_subgroup_did_is_no_which_board_question(engine):
    """'what did the PQI subgroup ask CAMHS about' asks the work, naming the group."""
    ans = engine.answer("what did the PQI sub-group ask camhs about", local_time(FRIDAY_1650))
    assert "Single Point of Access" in ans.text


def test_that_board_refers_to_the_board_of_the_term_asked_before(engine):
    """'what does CDOP stand for and who sponsors that board': both answered."""
    ans = engine.answer(
        "what's CDOP short for and who is the sponsor of that board?", local_time(FRIDAY_1650)
    )
    assert "Child Death Overview Panel" in ans.text and "Director of Public Health" in ans.text


def test_work_asked_beside_a_mention_of_people_is_a_topic_question(engine):
    """'has anything been done about hoarding? I have 3 tenants like this' asks the work."""
    ans = engine.answer(
        "I've two tenants like this. has anything been done about hoarding and self neglect?",
        local_time(FRIDAY_1650),
    )
    assert "hoarding policy" in ans.text


# -- batch 43's shapes -------------------------------------------------------------------


def test_a_grown_up_son_living_with_his_mother_is_grown():
    """'lives with her grown up son' names an adult son, even after 'with'."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("an old lady who lives with her adult son on the estate")
    assert child == 0 and adult > 0


def test_safe_on_the_ward_calms_a_harm_told_now():
    """'in hospital now after a fall ... he's safe on the ward' is no emergency."""
    assert not read_danger(
        "my nan (88) is in hospital now after a fall and says the carers used to shout at her. "
        "she's safe on the ward now and not going back there"
    )


def test_asked_whether_a_line_or_another_the_open_one_leads(engine):
    """'is it the MASH at that time or another one?' asks which line then: the open one."""
    ans = engine.answer(
        "teacher here, worried about a yr 2 girl. ringing at 8.30 tomorrow before school, is it "
        "the MASH number then or a different one?",
        local_time("2027-02-24T16:00"),
    )
    assert first_local_number(ans.text) == "265545"


def test_the_letters_asked_in_the_plural_are_each_expanded(engine):
    """'CAMHS and CSE - what do the letters mean': both."""
    ans = engine.answer("CAMHS and CSE - what do the letters mean?", local_time(FRIDAY_1650))
    assert "Mental Health" in ans.text and "Sexual Exploitation" in ans.text


def test_the_name_of_a_lines_team_manager_is_not_held(engine):
    """'who's the current MASH team manager, need their name': no one is named here."""
    ans = engine.answer(
        "who is the new MASH duty manager? need their name for my email",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "unknown"


# -- batch 44's shapes -------------------------------------------------------------------


def test_an_overdose_taken_today_is_an_emergency_however_well_she_seems():
    """'took about 20 of her mum's paracetamol this morning, says she feels fine': 999."""
    assert read_danger(
        "one of my yr 9s says he swallowed 16 of his dad's painkillers at breakfast, he seems ok"
    )
    assert not read_danger(
        "she took 30 tablets in an overdose two years ago and has been well since"
    )


def test_whom_a_goodbye_is_said_to_is_not_the_person_at_risk(engine):
    """'said goodbye to his kids and is on the bridge' is about him, an adult."""
    ans = engine.answer(
        "my husband rang me, he has said goodbye to his children and is on the motorway bridge now",
        local_time("2027-01-18T10:00"),
    )
    assert "999" in _first(ans.text) and first_local_number(ans.text) == "253772"


def test_a_phrase_is_read_where_a_word_starts():
    """'her main carer' holds no 'in care': no child is named."""
    from bot.engine.audience import audience_weights

    assert audience_weights("her husband is her main carer since the stroke")[0] == 0


def test_someone_struggling_is_a_worry(engine):
    """'i think he's struggling, who looks into this' gets the lines for the moment."""
    ans = engine.answer(
        "the old lady next door hasn't been out for weeks, curtains shut, i think she's "
        "struggling. who looks into this?",
        local_time("2027-02-20T16:00"),
    )
    assert first_local_number(ans.text) == "725005"


def test_an_age_told_with_an_apostrophe_s(engine):
    """'my neighbour's 91 and her son's moved in' tells her age."""
    assert ages("my neighbour's 91 and her son's moved in") == [91]
    assert ages("that's 10 and i'm done") == []


def test_sponsors_and_chairs_are_shown_as_the_report_prints_them(engine):
    """'Sponsor: CNWL' after the remit; 'Leader of MKC (Chair)'; 'Chairing rotates'."""
    now = local_time(FRIDAY_1650)
    assert "Sponsor: CNWL" in engine.answer("who sponsors the workforce board", now).text
    assert "(Chair)" in engine.answer("who chairs the health and wellbeing board", now).text


def test_what_a_thing_is_called_now_adds_what_the_report_says(engine):
    """'what's that meeting called now' after a term: the report's passage on its new name."""
    ans = engine.answer(
        "what does CMET stand for and what is that meeting known as now?", local_time(FRIDAY_1650)
    )
    assert "Youth Violence Meeting" in ans.text


# -- batch 45's shapes -------------------------------------------------------------------


def test_someone_in_the_home_who_wont_leave_until_paid_is_an_emergency():
    """'a man is in her living room and won't leave until she gives him her card'."""
    assert read_danger("two lads are in my dad's flat and won't go until he hands over cash")


def test_a_worker_finds_the_work_for_their_trade(engine):
    """'I'm a hairdresser ... what's been done?' finds the training for hairdressing staff,
    the ask without a topic of its own asking of the story's."""
    ans = engine.answer(
        "i'm a hairdresser and a client mentioned abuse training for salons - what's been done?",
        local_time(FRIDAY_1650),
    )
    assert "Cut It Out" in ans.text


def test_a_sponsors_post_is_shortened_as_the_report_shortens_it(engine):
    """The Child Death Board's sponsor prints as the report prints it: 'MKC (DPH)'."""
    ans = engine.answer("who sponsors the child death board?", local_time(FRIDAY_1650))
    assert "Sponsor: MKC (DPH)" in ans.text


# -- batch 46's shapes -------------------------------------------------------------------


def test_where_does_this_go_asks_whom_to_tell(engine):
    """'where does this go?' after a story of past neglect gets the lines for the moment,
    and a person moved to another agency is no emergency."""
    ans = engine.answer(
        "district nurse. my patient (84) says her last carers used to leave her in soiled pads "
        "last year. she's with a new agency now and happy. where should this go?",
        local_time("2027-04-29T23:50"),
    )
    assert "999" not in _first(ans.text) and first_local_number(ans.text) == "725005"


def test_which_of_the_boards_asks_which_board(engine):
    """'which of the partnership's boards handles X' asks which board, not for the list."""
    ans = engine.answer(
        "which one of the partnership's boards deals with public consultation?",
        local_time(FRIDAY_1650),
    )
    assert ans.text.startswith("The Voice Board")


def test_pay_and_course_bookings_are_not_held(engine):
    """What staff are paid and how to book a course are not in an annual report."""
    now = local_time(FRIDAY_1650)
    for q in (
        "how much does a MASH social worker earn?",
        "when's the next safeguarding course and how can i book a place",
    ):
        assert engine.answer(q, now).kind == "unknown", q


def test_what_a_board_launched_is_asked_of_the_board_asked_first(engine):
    """'who sponsors X and what is the framework they launched': both answered."""
    ans = engine.answer(
        "who's the workforce board's sponsor and what's the competency framework they launched?",
        local_time(FRIDAY_1650),
    )
    assert "CNWL" in ans.text and "Competency Framework" in ans.text


def test_a_term_asked_for_more_than_its_meaning_adds_the_report(engine):
    """'what strands does the VRT have' gives the meaning and the passage on its strands."""
    ans = engine.answer("what strands has the VRT got?", local_time(FRIDAY_1650))
    assert "Violence Reduction Taskforce" in ans.text and "strands" in ans.text


def test_a_child_dying_finds_child_deaths():
    """'dies' and 'deaths' are one word family for the search."""
    from bot.engine.text import stem

    assert stem("dies") == stem("deaths") == stem("died")


# -- batch 47's shapes -------------------------------------------------------------------


def test_a_smoke_alarm_going_with_a_child_inside_is_an_emergency():
    """A smoke alarm going or a burning smell, told now, is a fire."""
    assert read_danger("the smoke alarm upstairs has been going for ages and there's a toddler in")
    assert read_danger("there's a burning smell from next door and the kids are inside alone")


def test_what_a_term_has_been_used_for_adds_the_report(engine):
    """'what's a PSPO and what has the council used one for': the meaning and its use."""
    ans = engine.answer(
        "what's a PSPO and what has the council used one for?", local_time(FRIDAY_1650)
    )
    assert "Public Spaces Protection Order" in ans.text and "Car Cruising" in ans.text


def test_priorities_asked_of_a_body_without_actions_are_the_reports_priorities(engine):
    """'what were the management board's priorities' (no next actions of its own): the
    priorities the report gives for the year."""
    ans = engine.answer(
        "what priorities did the management board agree for 2019/20?", local_time(FRIDAY_1650)
    )
    assert "Hate Crime" in ans.text and "Domestic Abuse" in ans.text


# -- batch 48's shapes -------------------------------------------------------------------


def test_a_collapse_going_on_since_earlier_today_is_an_emergency(engine):
    """'been floppy since lunchtime, hard to wake' is a collapse going on now, whatever the
    calm of the mother asking for a Monday appointment; the lines are for now."""
    ans = engine.answer(
        "receptionist: a dad wants a tuesday appt for his 6 week old, says she's been floppy "
        "since breakfast and is hard to wake. he's not worried. what do i tell him",
        local_time("2027-02-12T16:45"),
    )
    assert "999" in _first(ans.text) and first_local_number(ans.text) == "265545"


def test_babies_aged_in_months_in_brackets_are_children():
    """'twins (10 months)' names two babies."""
    from bot.engine.audience import audience_weights

    assert audience_weights("mum is asleep on the sofa and the twins (8 months) are awake")[0] > 0


def test_an_aside_in_brackets_does_not_open_a_question():
    """'my friend's dad (80s) is being looked after by ...' is told, not asked."""
    from bot.engine.read.shape import shape

    sh = shape("my friend's dad (80s) is being looked after by her brother. whats the number")
    assert sh.ask == "whats the number"


def test_who_is_responsible_for_asks_which_board(engine):
    """'who's responsible for multi-agency training, which board' asks which board."""
    ans = engine.answer(
        "who's responsible for multi-agency training events?", local_time(FRIDAY_1650)
    )
    assert ans.text.startswith("The Workforce Board")


def test_part_of_a_boards_name_is_that_board(engine):
    """'Community Safety Partnership - who chairs it': the body, no term 'Safety Partnership'."""
    ans = engine.answer(
        "Community Safety Partnership - who chairs it and what's it for?", local_time(FRIDAY_1650)
    )
    assert "(Chair)" in ans.text


def test_legal_advice_is_not_held_and_stays_a_refusal(engine):
    """'could they sue me ... legal advice' is refused plainly, the lines below it."""
    ans = engine.answer(
        "if i report my neighbour to the police and i'm wrong, can he sue me? i need legal advice",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "unknown"


# -- batch 49's shapes -------------------------------------------------------------------


def test_a_whole_strip_taken_is_an_overdose():
    """'took a whole strip of paracetamol before school' is an overdose taken today."""
    assert read_danger("he said he took 'a whole packet' of his nan's tablets this morning")


def test_the_place_named_in_a_meaning_asked_is_not_the_term(engine):
    """'slides keep saying CSE, what does that stand for in the XY report': CSE, not XY."""
    ans = engine.answer(
        "my training slides keep saying CSE, what does that stand for in the MK report?",
        local_time(FRIDAY_1650),
    )
    assert "Sexual Exploitation" in ans.text


def test_a_count_asked_after_a_term_shows_what_the_report_says(engine):
    """'what is a DHR and how many were there that year': the meaning, and the report's
    passage on them (its plural "DHRs" found for "DHR")."""
    ans = engine.answer(
        "what's a DHR and how many did the partnership have that year?", local_time(FRIDAY_1650)
    )
    assert "Domestic Homicide Review" in ans.text and "published one" in ans.text


# -- batch 50's shapes -------------------------------------------------------------------


def test_gas_smelt_strongly_with_someone_mumbling_on_the_floor_is_an_emergency():
    """'smells really strongly of gas ... on the floor, only mumbling': 999."""
    assert read_danger("the house reeks of gas and he's on the floor just mumbling")


def test_locked_in_told_in_the_first_person_and_misspelt():
    """A text 'they lockd me in' (a dropped vowel) is confinement, in any person."""
    assert read_danger("she texted 'they lockd me in the bathroom pls help'")


def test_is_there_someone_i_should_tell_asks_whom_to_tell(engine):
    """'is there someone I should tell?' after history told gets the lines for the moment."""
    ans = engine.answer(
        "my nephew is 14, he told me at xmas a lad sent round a photo of him last year, it got "
        "sorted at school. is there anyone i should let know?",
        local_time("2027-01-31T14:00"),
    )
    assert first_local_number(ans.text) == "265545" and "999" not in _first(ans.text)


def test_what_work_has_happened_on_a_topic_is_a_topic_question(engine):
    """'what work has happened on X' asks the work."""
    ans = engine.answer("what work has happened on hoarding?", local_time(FRIDAY_1650))
    assert "hoarding" in ans.text.lower() and ans.kind != "partnership"


def test_a_fact_asked_of_a_named_thing_is_searched(engine):
    """'what years does the DA prevention strategy cover' finds the strategy's years."""
    ans = engine.answer(
        "what years does the domestic abuse prevention strategy cover?", local_time(FRIDAY_1650)
    )
    assert "2020-2025" in ans.text


# -- batch 51's shapes -------------------------------------------------------------------


def test_someone_elses_brush_off_is_no_calm():
    """'his son on the phone just said leave him he's fine' is a claim, not the writer's
    calm: the old man not responding on the floor is an emergency."""
    assert read_danger(
        "mrs k (88) is on the floor not responding. her son just said leave her she's fine"
    )


def test_a_diagnosis_of_serious_mental_illness_names_an_adult():
    """'he has schizophrenia' is adult evidence beside 'some lads'."""
    from bot.engine.audience import audience_weights

    child, adult = audience_weights("the man downstairs has bipolar and some lads are in his flat")
    assert adult > child


def test_a_plan_when_free_keeps_its_day(engine):
    """'on duty til quarter to five tomorrow (friday) so will ring after that' is Friday
    16:45: the MASH has closed."""
    ans = engine.answer(
        "worried about a yr 3 boy. i'm teaching til quarter to five tomorrow (friday) and will "
        "ring after that. who do i call then?",
        local_time("2027-04-22T16:00"),
    )
    assert first_local_number(ans.text) == "265545"


def test_a_plan_without_its_subject_is_still_a_plan(engine):
    """'stuck in meetings all day but will ring at about 4.40 this afternoon' on a Friday."""
    ans = engine.answer(
        "in meetings all morning but will ring about a year 4 girl at about 4.45 this afternoon. "
        "which number then?",
        local_time("2027-05-14T10:00"),
    )
    assert first_local_number(ans.text) == "265545"


def test_part_of_a_joined_term_asks_the_whole_term(engine):
    """'it says CR-MARAC ... what does CR stand for?' expands CR-MARAC."""
    ans = engine.answer(
        "the minutes mention a CR-MARAC. what does the CR stand for?", local_time(FRIDAY_1650)
    )
    assert "Community Risk" in ans.text


def test_harm_to_her_after_a_child_was_named_counts_for_the_child(engine):
    """'father of a baby ... mum says he's taking her abroad': the baby is taken, her line."""
    ans = engine.answer(
        "ward sister. dad of a newborn on a CP plan just picked her up and left with a bag. "
        "grandma says he's taking her to the airport",
        local_time("2027-03-05T09:40"),
    )
    assert "999" in _first(ans.text) and first_local_number(ans.text) == "253169"


# -- batch 52's shapes -------------------------------------------------------------------


def test_a_guessed_age_in_brackets_is_read():
    """'the chap next door (about 60, lives alone)' tells his age."""
    assert ages("the chap next door (about 60, lives alone) has smoke coming out") == [60]


def test_locked_up_is_prison_not_confinement():
    """'those lads got locked up' tells where the harm-doers went, no one is shut in now."""
    assert not read_danger(
        "she was made to hold drugs for some men last year, she's clear of it now and they "
        "got locked up",
        use_model=False,
    )


def test_anything_done_asks_the_work(engine):
    """'anything done on FGM locally last year?' asks the work, its verb left out."""
    ans = engine.answer("anything done on fgm round here last year?", local_time(FRIDAY_1650))
    assert "toolkit" in ans.text


def test_a_custody_question_is_legal_advice_not_held(engine):
    """'can my ex legally stop me ... just a custody row' is not held (no lines for a date)."""
    ans = engine.answer(
        "can my ex legally stop me taking our daughter to my dad's at easter? just a custody row",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "unknown"


def test_which_board_sorts_out_asks_which_board(engine):
    """'which board sorts out the training' asks which board handles training."""
    ans = engine.answer("which board sorts out multi-agency training?", local_time(FRIDAY_1650))
    assert ans.text.startswith("The Workforce Board")


def test_what_a_board_is_doing_adds_its_reported_work(engine):
    """'what is the risk board doing about exploitation': its plans and reported work."""
    ans = engine.answer(
        "what's the risk board doing about exploitation at the moment?", local_time(FRIDAY_1650)
    )
    assert "Exploitation Strategy" in ans.text


# -- batch 53's shapes -------------------------------------------------------------------


def test_threatened_harm_and_here_now_is_an_emergency():
    """'said last night he would finish him off ... the boyfriend is at the gate now'."""
    assert read_danger(
        "she told me her stepdad said he would kill her if she told anyone. he is literally "
        "outside the school now waiting for her"
    )


def test_a_baby_aged_in_months_is_a_child():
    """'Alfie is 8 months' names a baby."""
    from bot.engine.audience import audience_weights

    assert audience_weights("he's taken poppy, she is 6 months")[0] > 0


def test_a_harm_word_is_a_whole_word():
    """'rapid reviews' holds no rape: who manages rapid reviews now is no emergency."""
    assert not read_danger("who manages rapid reviews now, which board")


def test_a_step_done_before_a_planned_call_dates_nothing(engine):
    """'I'll call on Monday morning when I've had a chance to write it up' is Monday."""
    ans = engine.answer(
        "worried about a yr 1 boy, no food at home. i'll ring on monday morning when i've had "
        "a chance to type up my notes. which number then?",
        local_time("2026-12-24T15:00"),
    )
    assert first_local_number(ans.text) == "265545"  # 28 December: a bank holiday


def test_whether_a_case_is_open_is_a_look_up(engine):
    """'is X in year 5's case still open to social care' asks for a case record."""
    ans = engine.answer(
        "is the boy in my year 3 class's case still open? his dad says it closed",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "unknown"


def test_which_board_funded_finds_the_reported_work(engine):
    """'which board funded the knife crime sessions' asks of work done: the reported work."""
    ans = engine.answer(
        "who funded the knife crime sessions for year 6 pupils?", local_time(FRIDAY_1650)
    )
    assert "Hazard Alley" in ans.text


# -- batch 54's shapes -------------------------------------------------------------------


def test_the_first_thing_i_do_is_a_step_not_the_morning(engine):
    """'what's the first thing I do' asks what to do now, not about 09:00 tomorrow."""
    ans = engine.answer(
        "my client (40) has locked herself in the bathroom with a blade and says she's done. "
        "what's the first thing i do",
        local_time("2027-04-23T16:45"),
    )
    assert "999" in _first(ans.text) and first_local_number(ans.text) == "253772"


def test_a_call_told_in_the_present_for_later_is_a_plan(engine):
    """'ringing at 8.45 once I'm at my desk' is 08:45, not now (07:55)."""
    ans = engine.answer(
        "calling at 8.45 when i'm in, about a 60yo man whose wife won't let him eat. adults number",
        local_time("2026-12-07T07:55"),
    )
    assert first_local_number(ans.text) == "253772"


def test_children_now_living_with_whoever_harmed_are_the_worry(engine):
    """'he now has two kids living with him, I'm worried about them' is about the children."""
    ans = engine.answer(
        "practice nurse. 50yo pt says her uncle abused her as a child in the 80s. nothing current "
        "for her but he now has three young kids living with him. who do i call about them?",
        local_time("2027-02-17T10:00"),
    )
    assert first_local_number(ans.text) == "253169"


def test_a_figure_for_a_year_outside_the_report_is_not_held(engine):
    """'how many contacts did the MASH get in 2025' names a line, asks a figure the report
    cannot give."""
    ans = engine.answer("how many referrals did the MASH get in 2026?", local_time(FRIDAY_1650))
    assert ans.kind == "unknown"


def test_has_the_partnership_done_it_is_searched(engine):
    """'what's a DHR and has the partnership actually published one?': the report's answer."""
    ans = engine.answer(
        "what's a DHR and has the partnership actually published one?", local_time(FRIDAY_1650)
    )
    assert "published one Domestic Homicide Review" in ans.text


def test_what_support_is_there_asks_the_work(engine):
    """'what support is there for children affected by X' asks what the report says is done."""
    ans = engine.answer(
        "what help is there for children and families affected by domestic abuse?",
        local_time(FRIDAY_1650),
    )
    assert ans.kind == "search" and "affected by domestic abuse" in ans.text
