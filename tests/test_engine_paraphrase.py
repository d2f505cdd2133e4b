"""Unseen wordings of glossary, board, actions and appendix questions: synonyms, typos,
partial names and topic words, and no confident wrong owner."""

from __future__ import annotations

import re

import pytest

from bot.engine import intents as I
from bot.engine.text import words
from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")


def ask(engine, q):
    return engine.answer(q, NOW)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def first(engine, q) -> str:
    return ask(engine, q).text.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("abbreviation for youth offending", "YOS"),
        ("initials for youth offending", "YOS"),
        ("what's short for female genital mutilation", "FGM"),
        ("short for domestic homicide review?", "DHR"),
        ("acronym for police and crime commissioner", "PCC"),
        ("what's the abbreviation for multi agency safeguarding hub", "MASH"),
    ],
)
def test_reverse_look_up_takes_partial_expansions_and_short_for(engine, question, acronym):
    """Reverse look-up answers "short for X" and expansions missing a word ("youth offending")."""
    ans = ask(engine, question)
    assert ans.kind == "glossary"
    assert ans.text.split("\n")[0].endswith(f": {acronym}")


def test_partial_reverse_look_up_is_less_confident_than_an_exact_one(engine):
    """An expansion matched on some of its words scores below an exact expansion."""
    partial = ask(engine, "abbreviation for youth offending")
    exact = ask(engine, "abbreviation for youth offending service")
    assert 0.5 < partial.confidence < exact.confidence == 1.0


def test_reverse_miss_suggests_no_board_for_its_cue_words(engine):
    """A reverse miss is unknown, and "abbreviation"/"initials" suggest no board."""
    ans = ask(engine, "abbreviation for quantum chromodynamics")
    assert ans.kind == "unknown"
    assert not any("Board" in s for s in ans.suggestions)


@pytest.mark.parametrize("question", ["dnacs", "MARRAC", "mapa?"])
def test_a_typo_answer_says_what_it_took_the_word_for(engine, question):
    """A glossary answer found through a typo opens with "Did you mean"."""
    ans = ask(engine, question)
    assert ans.kind == "glossary" and ans.confidence < 1
    assert ans.text.startswith("Did you mean ")


def test_topic_words_of_agency_names_are_not_owner_hints(engine):
    """Words the report uses as topics ("health", "crime", "public") name no owner alone."""
    owner_words = engine.index.owner_words
    for topic in ("health", "crime", "public", "domestic", "abuse", "support", "training"):
        assert topic not in owner_words, topic
    for name_word in ("hospital", "probation", "oakhill", "woodhill", "fire", "ambulance"):
        assert name_word in owner_words, name_word


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        ("what is planned on mental health", "Health and Wellbeing Board"),
        ("who is working on domestic abuse", "Domestic Abuse Strategic Partnership Board"),
        ("who is working on hate crime", "Police and Crime Commissioner"),
        ("what's planned on knife crime", "Police and Crime Commissioner"),
    ],
)
def test_topic_questions_are_not_hijacked_by_an_agency_name_word(engine, question, wrong):
    """A topic question searches the actions instead of reading a name word as the owner."""
    ans = ask(engine, question)
    assert ans.kind == "actions"
    assert ans.text.startswith("Planned on this:")
    assert wrong not in ans.text.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("what's the hospital doing next", "Milton Keynes University Hospital"),
        ("fire service next steps", "Buckinghamshire Fire & Rescue Service"),
        ("what is oakhill planning", "Oakhill Secure Training Centre"),
    ],
)
def test_a_distinctive_name_word_still_names_its_owner(engine, question, owner):
    """Words only an agency's name uses ("hospital", "fire", "oakhill") still name it."""
    ans = ask(engine, question)
    assert ans.kind == "actions" and ans.text.startswith(owner)


def test_a_longer_name_inside_a_shorter_match_wins(engine):
    """ "the police and crime commissioner" names the PCC, not "the police"."""
    tokens = words("what has the police and crime commissioner done")
    ids = [r.id for m in engine.index.scan(tokens) for r in m.refs if r.kind == "agency"]
    assert ids == ["pcc"]
    ans = ask(engine, "what has the police and crime commissioner done")
    assert ans.kind == "agency" and ans.text.startswith("Police and Crime Commissioner")


@pytest.mark.parametrize(
    ("question", "name", "mentioned_by"),
    [
        ("what is the public health team doing next", "Public Health", "Adult Social Care"),
        ("what is camhs doing next", "Child and Adolescent Mental Health Service", "Oakhill"),
        ("what is the pcc doing next", "Police and Crime Commissioner", "Risk Board"),
    ],
)
def test_an_owner_without_actions_shows_where_the_report_names_it(
    engine, question, name, mentioned_by
):
    """No next actions of its own: say so, then the others' items that name it, sourced."""
    ans = ask(engine, question)
    lines = ans.text.split("\n")
    assert ans.kind == "actions"
    assert lines[0] == f"The report lists no next actions for {name}."
    assert any(mentioned_by in line for line in lines[2:])
    assert len(ans.sources) >= 2


def test_an_agency_without_a_highlight_report_lists_where_it_is_named(engine):
    """An agency with no done items of its own shows the items of others that name it."""
    ans = ask(engine, "tell me about the daspb")
    assert ans.kind == "agency"
    assert "Named in the work of others:" in ans.text
    assert "sanctuary scheme" in ans.text


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("is anyone doing anything about suicide", "suicide"),
        ("anything planned on hoarding", "hoarding"),
        ("who's working on training", "training"),
        ("who is working on child poverty", "poverty"),
    ],
)
def test_topic_questions_in_other_words_search_actions_and_done_items(engine, question, must):
    """ "is anyone doing anything about X", "anything planned on X", "who's working on X"."""
    ans = ask(engine, question)
    assert ans.kind == "actions"
    assert must in ans.text.lower()


def test_a_rare_topic_word_must_be_found_not_just_a_common_one(engine):
    """ "child poverty" does not list actions that only say "child"."""
    ans = ask(engine, "who is working on child poverty")
    for line in ans.text.split("\n")[1:]:
        assert "poverty" in line.lower()


def test_when_is_an_action_due(engine):
    """ "when is X due" finds the action and shows its due date."""
    ans = ask(engine, "when is the section 175 audit due")
    assert ans.kind == "actions"
    assert "assurance-03" in ans.text and "due January 2021" in ans.text


def test_no_chair_named_gives_the_sponsor(engine):
    """ "who's in charge of" a board with no chair in the report names its sponsor."""
    ans = ask(engine, "who's in charge of the voice board")
    assert ans.kind == "board"
    assert "does not name a chair" in first(engine, "who's in charge of the voice board")
    assert "Healthwatch Milton Keynes" in ans.text.split("\n")[0]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("how much did the ccg put in", "MK CCG contributed £65,782"),
        ("how much did the council contribute", "MK Council inc public health contributed"),
        (
            "how much did the police and crime commissioner contribute",
            "Police & Crime Commissioner",
        ),
        ("how much did the hospital contribute", "MK General Hospital contributed £5,224"),
        ("what was the underspend", "Underspent: £76,291"),
        ("what were the employee costs", "Employee costs: £214,805"),
    ],
)
def test_budget_answers_lead_with_the_row_asked_about(engine, question, line):
    """ "how much" questions lead with the named agency's row or the summary line asked."""
    ans = ask(engine, question)
    assert ans.kind == "partnership"
    assert line in ans.text.split("\n")[0]


def test_the_named_agencys_budget_row_only(engine):
    """The PCC's row, not also the police's row that shares the word "police"."""
    ans = ask(engine, "how much did the police and crime commissioner contribute")
    assert "TV Police contributed" not in ans.text


def test_a_board_that_does_not_exist_is_not_a_budget_question(engine):
    """ "who chairs the finance board" is unknown, with no unrelated board suggested."""
    ans = ask(engine, "who chairs the finance board")
    assert ans.kind == "unknown"
    assert "Risk Board" not in ans.suggestions


@pytest.mark.parametrize(
    "question",
    ["who came to the management board meetings", "did the public health director attend"],
)
def test_attendance_in_other_words(engine, question):
    """ "who came to the meetings" and "did X attend" read Appendix A."""
    ans = ask(engine, question)
    assert ans.kind == "partnership" and ans.text.startswith("Appendix A")


def test_attendance_of_one_member(engine):
    """Asking about one member shows that row and the meetings missed."""
    ans = ask(engine, "did the public health director attend")
    rows = [line for line in ans.text.split("\n") if line.startswith("- ")]
    assert rows == ["- Public Health Director: 4 of 6 (missed Jun 2019 (MKS), Sept 2019)"]


@pytest.mark.parametrize(
    "question",
    ["what is love", "what is safeguarding quantum", "what's the weather", "what is ofsted"],
)
def test_what_the_report_does_not_cover_is_unknown(engine, question):
    """Words the report never uses (or only as "loved") are unknown, not a guess."""
    assert ask(engine, question).kind == "unknown"


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("what is county lines", "Bucks Fire & Rescue Service"),
        ("who is working on county lines", "Thames Valley Police"),
        ("what is a sanctuary scheme", "MKC Adult Social Care"),
    ],
)
def test_a_topic_outside_the_glossary_is_answered_from_where_the_report_uses_it(
    engine, question, source
):
    """No glossary entry: the items that use the words, sourced, at low confidence."""
    ans = ask(engine, question)
    assert ans.kind in ("glossary", "actions") and ans.confidence <= 0.6
    assert any(source in s for s in ans.sources)


def test_a_word_most_items_use_is_not_a_topic_mention(engine):
    """ "what is support" does not list the many items that say "support"."""
    assert ask(engine, "what is support").kind == "unknown"


def test_topic_subject_is_the_words_after_the_cue(engine):
    """The searched topic is what follows "working on" / "planned on", not the cue words."""
    q = I.parse("is anyone doing anything about suicide", engine.index)
    assert I.topic_subject(q) == "suicide"
    q = I.parse("when is the section 175 audit due", engine.index)
    assert I.topic_subject(q) == "section 175 audit"


def test_an_owner_without_actions_points_to_its_services_and_boards(engine):
    """ "what will the council do next": its services' and sponsored boards' action counts."""
    ans = ask(engine, "what will the council do next")
    assert ans.kind == "actions"
    assert ans.text.startswith("The report lists no next actions for Milton Keynes Council.")
    for part in ("Adult Social Care: 9", "Tasking Board: 8", "Child Death Board: 6"):
        assert part in ans.text


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("what is the status of assurance-03", "[assurance-03]"),
        ("is mkccg 06 done yet", "[mkccg-06]"),
    ],
)
def test_an_action_named_by_id_shows_its_status_and_due_date(engine, question, shown):
    """An action id in the question answers with that action, its status and due date."""
    ans = ask(engine, question)
    assert ans.kind == "actions" and ans.text.startswith(f"- {shown}")
    assert "(open, due " in ans.text


def test_action_status_given_by_the_caller_is_shown(engine):
    """The status an adapter passes for an action overrides the report's 'open'."""
    ans = engine.answer("status of assurance-03", NOW, {"assurance-03": "done"})
    assert "(done, due January 2021)" in ans.text


@pytest.mark.parametrize(
    "question",
    [
        "what is the best pizza in mk",
        "where's good pizza in mk",
        "what is the council tax band for my house",
    ],
)
def test_a_weak_term_in_an_unrelated_question_is_no_answer(engine, question):
    """A weak name ("mk", "council") covering a small part of the question is unknown."""
    assert ask(engine, question).kind == "unknown"


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("acronym 4 sexual assault referral centre", "SARC"),
        ("abbr for domestic homicide review", "DHR"),
        ("whats the abreviation for child death overview panel", "CDOP"),
    ],
)
def test_reverse_cue_words_in_text_speak_and_typos(engine, question, acronym):
    """ "acronym 4", "abbr", "abreviation" are reverse look-ups too."""
    ans = ask(engine, question)
    assert ans.kind == "glossary" and first(engine, question).endswith(f": {acronym}")


def test_a_reverse_look_up_with_a_misspelt_cue_and_no_match_is_unknown(engine):
    """ "abreviation for serious case review": no such expansion, so unknown, not a typo guess."""
    assert ask(engine, "whats the abreviation for serious case review").kind == "unknown"


def test_how_much_needs_a_named_agency_or_a_budget_word(engine):
    """ "how much is a bus ticket" is unknown; "how much did the ccg put in" is the budget."""
    assert ask(engine, "how much is a bus ticket").kind == "unknown"
    assert ask(engine, "how much is a bus ticket").suggestions == []
    assert ask(engine, "how much did the ccg put in").kind == "partnership"


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("how often do the affiliated boards meet", "- Risk Board: not stated in the report"),
        ("who sponsors the boards", "- Voice Board: Healthwatch Milton Keynes"),
        ("who chairs the strategic boards", "- Community Safety Partnership: MKC Cabinet Member"),
    ],
)
def test_one_fact_of_every_board(engine, question, line):
    """A sponsor, chair or meetings question about "the boards" gives it for each board."""
    ans = ask(engine, question)
    assert ans.kind == "board" and any(x.startswith(line) for x in ans.text.split("\n"))


def test_one_fact_of_the_affiliated_boards_only(engine):
    """ "the affiliated boards" leaves out the strategic bodies."""
    ans = ask(engine, "how often do the affiliated boards meet")
    assert "Management Board" not in ans.text and len(ans.text.split("\n")) == 8


def _with_harbour_board(kb, uses: list[str]):
    """The shipped knowledge plus a "Harbour Board" (alias "harbour", acronym "HBX") and
    actions of other owners whose texts are ``uses``."""
    from dataclasses import replace

    from bot.kb.models import Action

    board = replace(kb.boards[0], id="harbour", name="Harbour Board", aliases=["harbour", "HBX"])
    acts = [
        Action(id=f"tvp-9{i}", owner="tvp", text=text, source="test") for i, text in enumerate(uses)
    ]
    return replace(kb, boards=[*kb.boards, board], actions=[*kb.actions, *acts])


def test_a_one_word_name_used_as_a_topic_is_weak_in_any_knowledge_base(kb):
    """A one-word name others write in lower case ("the harbour") is a weak name; an
    acronym ("HBX") stays strong: no list of a partnership's words needed."""
    from bot.engine.index import KnowledgeIndex

    uses = ["Patrol the harbour at night.", "Map the harbour and the HBX area."]
    index = KnowledgeIndex(_with_harbour_board(kb, uses))
    assert [r.strong for r in index.phrases["harbour"] if r.id == "harbour"] == [False]
    assert [r.strong for r in index.phrases["hbx"] if r.id == "harbour"] == [True]
    assert index.mentions["harbour"] == [("tvp", uses[1])]  # named by HBX, not "the harbour"


def test_a_one_word_name_written_as_a_name_stays_strong(kb):
    """Texts that only write it capitalised as the name ("Harbour") leave it strong."""
    from bot.engine.index import KnowledgeIndex

    uses = ["Report to Harbour monthly.", "Harbour will audit this."]
    index = KnowledgeIndex(_with_harbour_board(kb, uses))
    assert [r.strong for r in index.phrases["harbour"] if r.id == "harbour"] == [True]


def test_a_topic_question_is_not_taken_by_a_weak_board_name(engine):
    """ "who is working on the risk register" searches actions, not the Risk Board overview."""
    ans = ask(engine, "who is working on the risk register")
    assert ans.kind == "actions" and "[risk-02]" in ans.text


def test_a_phrase_with_a_weak_board_name_is_not_the_board(engine):
    """ "what is the voice of the child" is where the report uses the phrase, not the Voice
    Board; "whats the assurance bord for" is still the board."""
    ans = ask(engine, "what is the voice of the child")
    assert ans.kind == "glossary" and "voice of the child" in ans.text.split("\n")[1]
    assert ask(engine, "whats the assurance bord for").kind == "board"


@pytest.mark.parametrize(
    ("question", "action"),
    [
        ("what is the tasking board doing about knife crime", "[tasking-07]"),
        ("what is tvp doing about hate crime", "[tvp-02]"),
    ],
)
def test_an_owners_actions_on_a_topic(engine, question, action):
    """ "what is X doing about Y" lists only X's actions on Y (then any work X reports on Y,
    under its own heading)."""
    ans = ask(engine, question)
    assert ans.kind == "actions" and "next actions on this" in ans.text.split("\n")[0]
    planned = ans.text.split("\nWork it reports on this:")[0]
    assert action in planned and len(planned.split("\n")) == 2


def test_an_owners_actions_on_a_topic_it_has_none_on(engine):
    """No action of X on Y: say so before listing all of X's actions, less confident."""
    ans = ask(engine, "what is the ccg doing about bananas")
    assert ans.text.startswith("None of the next actions of Milton Keynes Clinical")
    assert ans.confidence < 1
