"""The answer engine: ``Engine(kb).answer(question, now) -> Answer``.

Pure: no I/O, no clock, no Telegram. ``now`` is the moment of the question (naive means
local time in the partnership's time zone). The engine reads the question's words,
finds the knowledge it names (terms, boards, agencies, contacts), decides what is asked
(:mod:`bot.engine.intents`) and renders one plain-text answer whose first line is the
answer itself, or 999 when the message signals danger now. The answers themselves are
made in :mod:`bot.engine.answers`, one module per kind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.engine import intents as I
from bot.engine import policy, provenance, safety
from bot.engine.answers import actions as action_answers
from bot.engine.answers import boards as board_answers
from bot.engine.answers import contacts as contact_answers
from bot.engine.answers import glossary as glossary_answers
from bot.engine.answers import help as help_answers
from bot.engine.answers import local as local_answers
from bot.engine.answers.common import unique as _unique
from bot.engine.answers.search import ReportSearch
from bot.engine.audience import age_audience, audience_problems, audience_weights
from bot.engine.concern import ASK, worry_about_person
from bot.engine.contacts import AUDIENCE_NOUN, AUDIENCE_TITLE, ContactAsk, ContactBook
from bot.engine.elsewhere import load_places
from bot.engine.hours import Calendar
from bot.engine.index import KnowledgeIndex
from bot.engine.intents import patterns
from bot.engine.intents.reading import Reading, read
from bot.engine.intents.requests import LOOKUP
from bot.engine.library import Library
from bot.engine.personal import birth_dates, has_personal_data, redact
from bot.engine.read.danger import (
    NO_DANGER,
    DangerReading,
    example_problems,
    read_danger,
)
from bot.engine.read.vocab import load_time_vocab
from bot.engine.text import clean, compact, initials, stem, words, years
from bot.engine.types import Answer
from bot.errors import VocabularyError
from bot.kb.models import KnowledgeBase, Term

PRIVACY_LINE = (
    "Please don't share names, dates of birth, addresses or NHS numbers here: this bot is "
    "not a referral route. Make referrals through the lines below."
)
_NOON = dt.datetime(2026, 1, 7, 12, 0)  # a moment for answers that have none
_Known = tuple[dt.datetime | None, str | None]  # the moment asked (None: now), the borough


class Engine:
    """Answers questions from one knowledge base. Build once; ``answer`` is cheap."""

    def __init__(self, kb: KnowledgeBase):
        # the reading vocabularies load and read their own examples right
        problems = example_problems() + audience_problems()
        for load in (load_time_vocab, load_places):
            try:
                load()
            except VocabularyError as err:
                problems += err.problems
        if problems:
            raise VocabularyError(problems)
        self.kb = kb
        p = kb.partnership
        self.cal = Calendar(ZoneInfo(p.timezone), p.holidays.country, p.holidays.subdiv)
        self.index = KnowledgeIndex(kb)
        self.book = ContactBook(kb, self.cal)
        self.curated = local_answers.CuratedIndex(kb)  # local.yaml: facts not in the report
        # contact id -> date of the last check an admin recorded (set by the adapter from
        # the database; empty: the knowledge files' dates). Shown with every number.
        self.checks: Mapping[str, dt.date] = {}
        # Words of contact names ("access team", "emergency duty team"): part of a contact ask,
        # and the place, its boroughs and the partnership: "the <area> safeguarding number"
        p = kb.partnership
        places = (p.area, *p.boroughs)
        self.contact_words = (
            {
                w
                for c in kb.contacts
                for name in (c.label, c.service, *c.aliases)
                for w in words(name)
            }
            | {compact(a) for c in kb.contacts for a in c.aliases}
            | set(words(f"{' '.join(places)} {p.name.removesuffix(' Partnership')}"))
            | {initials(x) for x in places}
        ) - {""}
        self.place_words = {stem(w) for x in places for w in words(x)} | {
            initials(x) for x in places
        }
        self.owner_names = [n for o in (*kb.boards, *kb.agencies) for n in (o.name, *o.aliases)]
        # for typos of names: every word the knowledge uses, and the words of names
        self.name_words = sorted({w for n in self.owner_names for w in words(n) if len(w) >= 4})
        self.known_words = (
            {w for n in self.owner_names for w in words(n)}
            | {w for a in kb.actions for w in words(a.text)}
            | {w for o in (*kb.boards, *kb.agencies) for d in o.done for w in words(d)}
            | {w for b in kb.boards for w in words(f"{b.remit} {b.summary}")}
            | {w for a in kb.agencies for w in words(a.description)}
            | {w for t in kb.terms for w in words(f"{t.term} {t.expansion}")}
            | self.contact_words
        )
        self.known_years = years(
            " ".join(
                [
                    p.report_period,
                    *(a.text for a in kb.actions),
                    *(str(a.due) for a in kb.actions if a.due),
                    *(d for o in (*kb.boards, *kb.agencies) for d in o.done),
                ]
            )
        )
        self.lib = Library(
            kb,
            self.cal,
            self.index,
            self.book,
            self.contact_words,
            self.place_words,
            self.owner_names,
            self.name_words,
            self.known_words,
            self.known_years,
            ReportSearch(kb),
        )

    # -- the one entry point ----------------------------------------------------------

    def answer(
        self,
        question: str,
        now: dt.datetime,
        action_status: Mapping[str, str] | None = None,
    ) -> Answer:
        question = (question or "")[:4096]
        danger = read_danger(question)
        personal = has_personal_data(question)
        if personal:
            # Someone sharing a person's details is almost certainly making a referral:
            # route on the text with the details taken out, and answer with the lines.
            parsed = I.parse(re.sub(r"\[\w+\]", " ", redact(question)), self.index)
            if parsed.audience is None:
                today = self.cal.local(now).date()
                born = {age_audience((today - d).days // 365) for d in birth_dates(question, today)}
                if len(born) == 1:
                    parsed.audience = born.pop()
        else:
            parsed = I.parse(question, self.index)
        reading = read(self.lib, parsed)
        if personal and not reading.looks_up and LOOKUP.search(clean(question)):
            # "is Mrs P at 14 X Road on any safeguarding list": the details are taken out of
            # what is read, not the shape of the request (nothing is stored)
            reading = dataclasses.replace(reading, looks_up=True)
        if danger and danger.probability is not None:
            # only the learned scorer heard danger (no harm word of the vocabulary), in a
            # message that asks what something means or what the report holds ("probation
            # bit says 'NPS ... LDU' - LDU is?"), or for what no one here can give (a
            # person's address, the weather): no emergency
            about_report = (
                reading.ask_report is not None
                and not reading.ask_contact
                # "what's the process" after a story of worry: a meaning asked of no term the
                # report defines is what to do now, not a question about the report
                and not (
                    reading.story_worry
                    and reading.ask_report == "glossary"
                    and not reading.ask_term
                )
            )
            if (
                about_report  # the rules read every harm sentence and heard none now
                or reading.looks_up
                or reading.not_held
            ):
                danger = NO_DANGER
        if danger and _only_left_alone(danger) and _adults(parsed, danger):
            # "tonight he's home alone, not eating": an adult on his own is a worry to pass on,
            # not a child left in danger
            danger = NO_DANGER
        if danger and _only_told_harm(danger, reading):
            # "it says the team scores the children most at risk of harm from being missing
            # ... what does RFG mean?": harm in a sentence about the report, a meaning asked
            danger = NO_DANGER
        known = None  # the moment and borough asked: read once, for the 999 answer and _finish
        if danger:
            known = self._asked(parsed, now)
            ans = self._danger(parsed, now, known)
        else:
            ans = policy.route(self.lib, parsed, now, action_status, reading)
            if not (
                reading.looks_up
                or reading.not_held
                or _post_holder_somewhere(parsed.text, reading.person_role)
            ):
                # a refusal to look someone up, or to name a post holder ("who is the DSL at
                # X school"), stays one
                ans = local_answers.with_curated(
                    self.curated, self.lib, parsed, now, ans, self.checks
                )
        if personal:
            ans = self._with_privacy(ans, parsed, now, bool(danger))
        return self._stamp(self._finish(ans, parsed, now, danger, reading, known))

    def _stamp(self, ans: Answer) -> Answer:
        """Where the numbers shown come from and when they were last checked."""
        return provenance.stamp(ans, self.kb, self.checks)

    def _finish(
        self,
        ans: Answer,
        q: I.Parsed,
        now: dt.datetime,
        danger: DangerReading = NO_DANGER,
        reading: Reading | None = None,
        known: _Known | None = None,
    ) -> Answer:
        """The one funnel every public answer leaves through: the safety pass. ``known``:
        ``_asked(q, now)``, when already read for this answer."""
        worry = (
            ans.kind != "contact"
            and not (q.glossary_cue or patterns.DEFINE_CUE.search(q.text))  # "definition of X"
            and worry_about_person(q.text, q.tokens, q.audience)
        )
        moment = asked = None
        if ans.kind == "contact":
            moment = known[0] if known else contact_answers.asked_for(self.lib, q, now)
        if ans.kind == "contact" and not danger:
            # a line named where the message asks, not in its story ("she's at her mum's
            # tonight ... I want to do the referral now": no out-of-hours line asked)
            asking = reading.asked if reading is not None and reading.asked is not None else q
            ask = I.contact_ask(asking, self.index, self.book)
            asked = (
                bool(ask.named) or ask.channel in ("out_of_hours", "daytime", "hours")
            ) and not (ASK.search(q.text) or _OPEN_ASKED.search(q.text))
            # "is the mash open or who do i ring", "is MASH still open?" at 16:40 on a Friday:
            # whether to call it now is asked, so the open line leads
        borough = known[1] if known else self.book.borough_in(q.text)
        evidence = safety.Evidence(danger, q.audience, worry, moment, bool(asked), borough)
        return safety.check(ans, evidence, now, self.book)

    def _with_privacy(self, ans: Answer, q: I.Parsed, now: dt.datetime, danger: bool) -> Answer:
        """The privacy warning, and the lines it points to always below it.

        A contact answer has them already; any other answer gets the lines open now (for
        the person's audience, or both). An unknown answer stays ``unknown`` (so editors
        see the question, redacted) but leads with the lines: whoever shares a person's
        details is almost certainly trying to make a referral.
        """
        lines = ans.text.split("\n")
        sources = ans.sources
        if danger or ans.kind == "contact":
            lines.insert(1 if danger else 0, PRIVACY_LINE)
        else:
            ask = ContactAsk(audience=q.audience, borough=self.book.borough_in(q.text))
            refer, used = self.book.answer_lines(ask, now)
            sources = _unique([*sources, *(c.source for c in used)])
            if ans.kind == "unknown":
                who = AUDIENCE_NOUN.get(q.audience or "", "anyone")
                lines = [PRIVACY_LINE, *refer, lines[0], self.book.emergency_line(who)]
            else:  # the answer asked for, then the line open now for each audience
                audiences = [q.audience] if q.audience else ["children", "adults"]
                leads = [
                    (f"{AUDIENCE_TITLE[a]}: " if len(audiences) > 1 else "")
                    + self.book.right_now(a, now)[0]
                    for a in audiences
                ]
                lines = [PRIVACY_LINE, *lines, "To make a referral:", *leads]
        return Answer(
            ans.kind,
            "\n".join(lines),
            sources,
            ans.suggestions,
            ans.confidence,
            [*ans.flags, "personal-data"],
        )

    def _route(self, q: I.Parsed, now: dt.datetime, status: Mapping[str, str] | None) -> Answer:
        return policy.route(self.lib, q, now, status)

    # -- public helpers used by adapters (commands) ----------------------------------

    def contact(self, audience: str | None, now: dt.datetime) -> Answer:
        ask = ContactAsk(audience=audience if audience in ("children", "adults") else None)
        ans = self._contact_answer(ask, now)
        return self._stamp(
            safety.check(ans, safety.Evidence(audience=ask.audience), now, self.book)
        )

    def define(self, term: str, now: dt.datetime | None = None) -> Answer:
        q = I.parse(f"what is {term}", self.index)
        danger = read_danger(term)
        ans = self._glossary(q)
        if ans.kind == "unknown":  # "/define LADO": the curated layer may know it
            fact = self.curated.find(term)
            if fact is not None:
                ans = local_answers.curated_answer(self.lib, fact, q.audience, self.checks)
        if not danger:
            return self._stamp(ans)
        ans = safety.check(ans, safety.Evidence(danger, q.audience), now or _NOON, self.book)
        return self._stamp(ans)

    def board(self, name: str | None) -> Answer:
        return board_answers.board_named(self.lib, name)

    def boards(self) -> Answer:
        return board_answers.boards_list(self.lib)

    def actions(self, owner: str | None, action_status: Mapping[str, str] | None = None) -> Answer:
        return action_answers.actions_listing(self.lib, owner, action_status)

    def about(self) -> Answer:
        return help_answers.about(self.lib)

    def help(self) -> Answer:
        return help_answers.help_answer(self.lib)

    def examples(self) -> help_answers.Examples:
        """Questions this knowledge base answers, for the adapters' usage hints."""
        return help_answers.examples(self.lib)

    def inline(self, query: str, now: dt.datetime, limit: int = 10) -> list[Answer]:
        """Glossary and contact results for inline mode."""
        results: list[Answer] = []
        q = I.parse(query, self.index)
        seen: set[str] = set()
        for term in I.terms_in(q, self.index, fuzzy=True):
            if term.id not in seen:
                seen.add(term.id)
                results.append(self._term_answer([term], 1.0))
        for t, _ in self.index.reverse(query):
            if t.id not in seen:
                seen.add(t.id)
                results.append(self._term_answer([t], 0.9))
        fact = self.curated.find(query)  # "lado", "police 101": not in the report
        if fact is not None:
            results.append(local_answers.curated_answer(self.lib, fact, q.audience, self.checks))
        danger = read_danger(query)
        if danger:  # "he is stabbing her right now": the 999 answer comes first
            results.insert(0, self._danger(q, now))
        if q.audience or I.has_contact_cue(q) or not results:
            results.append(self._contact(q, now))
        return [self._stamp(self._finish(a, q, now, danger)) for a in results[:limit]]

    # -- answers ------------------------------------------------------------------------

    def _asked(self, q: I.Parsed, now: dt.datetime) -> _Known:
        """The moment a contact answer is for (None: now) and the borough ``q`` names."""
        return contact_answers.asked_for(self.lib, q, now), self.book.borough_in(q.text)

    def _danger(self, q: I.Parsed, now: dt.datetime, known: _Known | None = None) -> Answer:
        first = self.book.emergency_line(AUDIENCE_NOUN.get(q.audience or "", "anyone"))
        # "if he turns up on saturday night ... the council number at that point": the
        # lines for that moment, after 999
        moment, borough = known or self._asked(q, now)
        ask = ContactAsk(audience=q.audience, borough=borough)
        rest, used = self.book.answer_lines(ask, moment or now, moment is not None)
        text = "\n".join([first, "When they are safe, tell the local safeguarding team:", *rest])
        sources = _unique(
            [c.source for c in used] + ([self.book.emergency.source] if self.book.emergency else [])
        )
        return Answer("contact", text, sources, [], 1.0, ["danger"])

    # -- answerers the methods above call ----------------------------------------------

    def _contact(self, q: I.Parsed, now: dt.datetime) -> Answer:
        return contact_answers.contact(self.lib, q, now)

    def _contact_answer(self, ask: ContactAsk, now: dt.datetime, later: bool = False) -> Answer:
        return contact_answers.contact_answer(self.book, ask, now, later)

    def _term_answer(
        self, terms: list[Term], confidence: float, asked: str | None = None
    ) -> Answer:
        return glossary_answers.term_answer(self.index, terms, confidence, asked)

    def _glossary(self, q: I.Parsed) -> Answer:
        return glossary_answers.glossary(self.lib, q)


_OPEN_ASKED = re.compile(
    r"\bopen\b|\bcan i still\b|\bstill (?:get|ring|call|reach)\b|\banswering\b|\btaking calls\b"
    r"|\b(?:is|are) (?:\w+ ){0,2}(?:shut|closed)\b"  # "or is everything shut?": open is asked
    # "is it the MASH number at that time or another one?": which line then is asked
    r"|\bor (?:another|a different|some other|the other|someone else)\b"
)


def _adults(q: I.Parsed, danger: DangerReading) -> bool:
    """The message is about adults, or the danger sentence names adults and no child."""
    if q.audience == "adults":
        return True
    if danger.sentence is None:
        return False
    child, adult = audience_weights(danger.sentence.text)
    return adult > 0 and child == 0


def _only_left_alone(danger: DangerReading) -> bool:
    """The only cue of danger is a person left on their own (danger for a child)."""
    return len(danger.because) == 1 and bool(_LEFT_ALONE.fullmatch(danger.because[0]))


_LEFT_ALONE = re.compile(
    r"child left in danger '(?:home alone|alone in the (?:flat|house)|left on (?:his|her|their) own"
    r"|on (?:his|her|their) own)'"
)


def _only_told_harm(danger: DangerReading, reading: Reading) -> bool:
    """The message asks what something means, not whom to call, and its danger is a harm
    word near a now word (no acute cue such as "not breathing") outside the question."""
    return (
        reading.ask_report in ("glossary", "reverse")
        and reading.ask_term
        and not reading.ask_contact
        and danger.sentence is not None
        and len(danger.because) == 2  # a harm cue and its now cue
        and danger.sentence.text not in reading.shape.ask
    )


__all__ = ["Engine", "Answer", "words"]


def _post_holder_somewhere(text: str, role: str | None) -> bool:
    """A post holder asked of a named place ("who is the DSL at X school"): a person, not the
    role ("who is the LADO" asks what the LADO is)."""
    return (
        role is not None
        and re.search(rf"\b{re.escape(role)}\s+(?:at|in|for|of)\b", text) is not None
    )
