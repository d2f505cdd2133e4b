"""Glossary, boards, partnership and actions answers, from plain and messy questions."""

from __future__ import annotations

import re

import pytest

from bot.testing import local_time

NOW = local_time("2026-12-01T11:00")


def ask(engine, q):
    return engine.answer(q, NOW)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@pytest.mark.parametrize(
    ("question", "expansion"),
    [
        ("what is MARAC", "Multi-Agency Risk Assessment Conference"),
        ("marac?", "Multi-Agency Risk Assessment Conference"),
        ("MARRAC", "Multi-Agency Risk Assessment Conference"),
        ("marrac?", "Multi-Agency Risk Assessment Conference"),
        ("cr marac", "Community Risk-Multi-Agency Risk Assessment Conference"),
        ("cp-is", "Child Protection Information Sharing"),
        ("CPIS", "Child Protection Information Sharing"),
        ("A&E", "Accident and Emergency"),
        ("what does a&e stand for", "Accident and Emergency"),
        ("MAPA", "Multi-Agency Public Protection Arrangements"),
        ("whats a dhr", "Domestic Homicide Review"),
        ("define idva", "Independent Domestic Violence Advisor"),
        ("LeDeR meaning", "Learning Disability Mortality Review"),
        ("what does YOS mean?", "Youth Offending Service"),
        ("camhs", "Child and Adolescent Mental Health Service"),
        ("what is an ACE", "Adverse Childhood Experiences"),
        ("what does eCDOP mean", "system to record and notify child deaths"),
        ("safeguarding adult reveiw acronym", "SAR"),
    ],
)
def test_glossary_lookups(engine, question, expansion):
    """Acronyms are found whatever the case, punctuation or a small typo."""
    ans = ask(engine, question)
    assert ans.kind == "glossary", ans.text
    assert flat(expansion) in flat(ans.text)
    assert "999" not in ans.text.splitlines()[0]
    assert ans.sources


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("acronym for youth offending service", "YOS"),
        ("what is the acronym for multi-agency risk management", "MARM"),
        ("what's the abbreviation for child death overview panel", "CDOP"),
        ("acronym for independent domestic violence adviser", "IDVA"),
    ],
)
def test_reverse_lookup(engine, question, acronym):
    """ "Acronym for X" finds the term whose expansion is X (spelling variants too)."""
    ans = ask(engine, question)
    assert ans.kind == "glossary"
    assert acronym in ans.text.splitlines()[0]


def test_every_sense_of_pst(engine):
    """Where the glossary and the text disagree, both senses are given."""
    ans = ask(engine, "what is PST")
    assert "missing" in ans.text.lower() and "problem" in ans.text.lower()


def test_every_glossary_term_answers_itself(engine, kb):
    """Each of the glossary's terms, asked bare, answers with its own expansion."""
    for term in kb.terms:
        if term.inline:
            continue
        ans = ask(engine, f"what is {term.term}")
        assert flat(term.expansion) in flat(ans.text), term.term


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("who sponsors the assurance board", "Clinical Commissioning Group"),
        ("who is the sponsor of risk board", "Thames Valley Police"),
        ("tasking board sponsor", "Milton Keynes Council"),
        ("who sponsors the review board", "University Hospital"),
        ("who sponsors child death", "Public Health"),
        ("voice board sponsor", "Healthwatch"),
        ("workforce sponsor", "North West London"),
        ("who chairs the health and wellbeing board", "Leader"),
        ("who chairs the community safety partnership", "Cabinet Member"),
        ("how often does the management board meet", "10"),
        ("how often does the community safety partnership meet", "4 meetings"),
        ("how many times a year does the hwb meet", "4 meetings"),
        ("what does the tasking board do", "campaigns"),
        ("what panels does the risk board oversee", "Channel"),
        ("what has the workforce board done", "Competency Framework"),
    ],
)
def test_board_facts(engine, question, needle):
    """Sponsor, chair, meetings, remit, panels and what was done, for each board."""
    ans = ask(engine, question)
    assert ans.kind == "board", ans.text
    assert needle.lower() in ans.text.lower()


def test_list_boards(engine):
    """ "List the affiliated boards" names all seven."""
    ans = ask(engine, "list the affiliated boards")
    for name in ("Assurance", "Risk", "Tasking", "Review", "Child Death", "Voice", "Workforce"):
        assert name in ans.text


@pytest.mark.parametrize(
    ("question", "board"),
    [
        ("which board deals with training", "Workforce"),
        ("which board identifies emerging risks and exploitation", "Risk"),
        ("which board handles case reviews", "Review"),
        ("which board looks at child deaths", "Child Death"),
        ("which board does public consultation", "Voice"),
        ("which board monitors performance and audits", "Assurance"),
        ("who deals with awareness campaigns and enforcement operations", "Tasking"),
        ("which board is producing guidance on bruising in non-mobile babies", "Risk"),
    ],
)
def test_which_board_by_remit(engine, question, board):
    """ "Which board handles X" is answered by searching remits and actions."""
    ans = ask(engine, question)
    assert board in ans.text.splitlines()[0]


def test_which_board_on_a_word_only_its_reported_work_uses_shows_that_work(engine):
    """A board found only through its past work ("prevent further harm") shows it, unsure."""
    ans = ask(engine, "who leads on prevent")
    assert ans.confidence <= 0.6
    assert "Its reported work on this:" in ans.text and "prevent further harm" in ans.text
    sure = ask(engine, "which board deals with training")
    assert sure.confidence > 0.6 and "reported work" not in sure.text


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("what will the assurance board do next", "Section 175"),
        ("voice board next actions", "Assurance and Risk"),
        ("what is tasking board doing next", "Fullers Slade"),
        ("what is children's social care doing next", "Graded Care Profile"),
        ("what is the probation service doing next", "DHR"),
        ("cnwl next steps", "Think Family"),
        ("what are TVP planning", "hate crime"),
        ("what will child death do next", "LeDeR"),
    ],
)
def test_next_actions(engine, question, needle):
    """A board's or agency's next actions, whatever the phrasing."""
    ans = ask(engine, question)
    assert ans.kind == "actions", ans.text
    assert needle.lower() in ans.text.lower()
    assert "999" not in ans.text.splitlines()[0]


def test_due_dates_are_shown(engine):
    """An action with a due date shows it."""
    ans = ask(engine, "what will the assurance board do next")
    assert "January 2021" in ans.text


def test_action_status_override(engine, kb):
    """Status from the database (done) replaces the knowledge base's open."""
    first = next(a for a in kb.actions if a.owner == "assurance")
    ans = engine.answer(
        "what will the assurance board do next", NOW, action_status={first.id: "done"}
    )
    line = next(x for x in ans.text.splitlines() if first.id in x)
    assert "(done" in line


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("who is working on knife crime", "knife"),
        ("what is planned on domestic abuse", "domestic abuse"),
        ("who is working on self neglect", "self"),
    ],
)
def test_topic_actions(engine, question, needle):
    """ "Who is working on X" searches the action texts."""
    ans = ask(engine, question)
    assert ans.kind == "actions"
    assert needle in ans.text.lower()


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("who are the safeguarding partners", "Thames Valley Police"),
        ("what are the partnership priorities", "Hate Crime"),
        ("who is the independent scrutineer", "Jane Held"),
    ],
)
def test_partnership(engine, question, needle):
    """The partnership: partners, priorities, scrutineer."""
    ans = ask(engine, question)
    assert ans.kind == "partnership"
    assert needle in ans.text


@pytest.mark.parametrize(
    "question",
    [
        "book me a table for two",
        "what is the LSOA code for Bletchley",
        "zzzz",
        "what's the weather tomorrow",
        "how do I reset my password",
        "who won the football",
    ],
)
def test_out_of_scope_is_unknown(engine, question):
    """Out-of-scope questions get kind unknown, never a confident wrong answer."""
    ans = ask(engine, question)
    assert ans.kind == "unknown", ans.text
    assert ans.confidence == 0.0


def test_unknown_offers_close_suggestions(engine):
    """An unmatched but close question offers suggestions that themselves answer."""
    ans = ask(engine, "tell me about marrak conferences")
    if ans.kind == "unknown":
        assert ans.suggestions
    for s in ans.suggestions:
        assert engine.answer(s, NOW).kind != "unknown"


def test_help(engine):
    """ "help" explains what the bot does and reminds of 999."""
    ans = ask(engine, "help")
    assert ans.kind == "help" and "999" in ans.text


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("what is the hospital doing next", "Signs Of Safety"),
        ("what are probation planning", "DHR"),
        ("what will the ambulance service do next", "South Central Ambulance"),
    ],
)
def test_owner_named_by_one_distinctive_word(engine, question, needle):
    """A word that names only one agency ("hospital", "probation") finds that agency."""
    ans = ask(engine, question)
    assert ans.kind == "actions"
    assert needle.lower() in ans.text.lower()


def test_no_action_on_topic_falls_back_to_reported_work(engine):
    """A topic with no next action shows the work already reported on it."""
    ans = ask(engine, "what is planned on county lines")
    assert ans.kind == "actions"
    assert "county" in ans.text.lower() and "no next action" in ans.text.lower()


def test_budget_contribution(engine):
    """The budget appendix answers how much an agency contributed."""
    ans = ask(engine, "how much did the CCG contribute")
    assert "65,782" in ans.text


def test_budget_summary(engine):
    """Without an agency, the budget answer gives the totals."""
    ans = ask(engine, "what was the partnership budget")
    assert "269,342" in ans.text


def test_attendance(engine):
    """The attendance appendix lists who came to the management board meetings."""
    ans = ask(engine, "who attended the management board meetings")
    assert "Healthwatch" in ans.text and "of 6" in ans.text


def test_scrutineer_by_name(engine):
    """Naming the scrutineer answers about the partnership's scrutiny."""
    ans = ask(engine, "who is jane held")
    assert ans.kind == "partnership" and "Scrutineer" in ans.text.splitlines()[0]


def test_defining_an_agency_acronym_prefers_the_glossary(engine):
    """ "What does TVP stand for" is a glossary question even though TVP is an agency."""
    ans = ask(engine, "what does tvp stand for")
    assert ans.kind == "glossary" and "Thames Valley Police" in ans.text.splitlines()[0]


def test_doubled_letter_typos_find_the_term(engine, kb):
    """A doubled letter inside any one-word glossary term of 4+ letters still finds it."""
    misses = []
    for term in kb.terms:
        w = term.term
        if term.inline or " " in w or len(w) < 4:
            continue
        for i in range(1, len(w) - 1):
            typo = w[:i] + w[i] + w[i:]
            if flat(term.expansion) not in flat(ask(engine, typo).text):
                misses.append(typo)
    assert misses == []


def test_whole_term_question_prefers_glossary_over_agency(engine):
    """A bare multi-word term ("cnwl mk", "mkc csc") answers with its expansion."""
    for q, expansion in (
        ("cnwl mk", "Central and North West London"),
        ("mkc csc", "Children's Social Care"),
    ):
        ans = ask(engine, q)
        assert ans.kind == "glossary" and expansion in ans.text


@pytest.mark.parametrize("template", ["{} abbreviation", "acronym for {}", "{} acronym"])
def test_every_expansion_finds_its_term(engine, kb, template):
    """Every glossary expansion, asked for its short form in any of three word orders."""
    for t in (t for t in kb.terms if not t.inline):
        ans = ask(engine, template.format(t.expansion.lower()))
        assert flat(t.term) in flat(ans.text), (template, t.term, ans.text)
