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

from rapidfuzz import fuzz, process

from bot.engine import intents as I
from bot.engine.answers import actions as action_answers
from bot.engine.answers import boards as board_answers
from bot.engine.answers import contacts as contact_answers
from bot.engine.answers import glossary as glossary_answers
from bot.engine.answers import help as help_answers
from bot.engine.answers import report_facts, topics
from bot.engine.answers.common import unique as _unique
from bot.engine.answers.unknown import unknown
from bot.engine.audience import age_audience
from bot.engine.concern import (
    off_topic,
    only_contact_words,
    only_person_words,
    wants_contact,
    worry_or_ask,
)
from bot.engine.contacts import AUDIENCE_NOUN, AUDIENCE_TITLE, ContactAsk, ContactBook
from bot.engine.danger import signals_danger
from bot.engine.elsewhere import other_area
from bot.engine.hours import Calendar
from bot.engine.index import KnowledgeIndex
from bot.engine.intents import patterns
from bot.engine.library import Library
from bot.engine.personal import birth_dates, has_personal_data, redact
from bot.engine.text import STOPWORDS, compact, initials, stem, words, years
from bot.engine.types import Answer
from bot.kb.models import KnowledgeBase, Term

PRIVACY_LINE = (
    "Please don't share names, dates of birth, addresses or NHS numbers here: this bot is "
    "not a referral route. Make referrals through the lines below."
)


class Engine:
    """Answers questions from one knowledge base. Build once; ``answer`` is cheap."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        p = kb.partnership
        self.cal = Calendar(ZoneInfo(p.timezone), p.holidays.country, p.holidays.subdiv)
        self.index = KnowledgeIndex(kb)
        self.book = ContactBook(kb, self.cal)
        # Words of contact names ("access team", "emergency duty team"): part of a contact ask.
        # and the place and the partnership ("mk", "milton keynes"): "the mk safeguarding number"
        p = kb.partnership
        self.contact_words = (
            {
                w
                for c in kb.contacts
                for name in (c.label, c.service, *c.aliases)
                for w in words(name)
            }
            | {compact(a) for c in kb.contacts for a in c.aliases}
            | set(words(f"{p.area} {p.name.removesuffix(' Partnership')}"))
            | {initials(p.area)}
        ) - {""}
        self.place_words = {stem(w) for w in words(p.area)} | {initials(p.area)}
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
        )

    # -- the one entry point ----------------------------------------------------------

    def answer(
        self,
        question: str,
        now: dt.datetime,
        action_status: Mapping[str, str] | None = None,
    ) -> Answer:
        question = (question or "")[:4096]
        danger = signals_danger(question)
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
        if danger:
            ans = self._danger(parsed, now)
        else:
            ans = self._route(parsed, now, action_status)
        if personal:
            ans = self._with_privacy(ans, parsed, now, danger)
        return ans

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
            ask = ContactAsk(audience=q.audience)
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
        ans = self._route_once(q, now, status)
        # a term answer to an owner question ("oakhil stc what's next") may hide a typo too
        owner_ask = ans.kind == "glossary" and {"next", "done", "sponsor"} & set(I.aspect_cues(q))
        if not (ans.kind == "unknown" or owner_ask) or self._elsewhere(q):
            return ans
        # "revew board plans", "national probaton service what next": a misspelt name word
        fixes = self._name_typos(q)
        if not fixes:
            return ans
        text = " ".join(fixes.get(t, t) for t in q.tokens)
        fixed = I.parse(text, self.index)
        if I.owner_ref(fixed) is None:  # the fixes name no board or agency: nothing to gain
            return ans
        again = self._route_once(fixed, now, status)
        if again.kind in ("unknown", ans.kind):
            return ans
        read = ", ".join(f'"{a}" as "{b}"' for a, b in fixes.items())
        return dataclasses.replace(
            again, text=f"{again.text}\n(I read {read}.)", confidence=min(again.confidence, 0.7)
        )

    def _name_typos(self, q: I.Parsed) -> dict[str, str]:
        """Words the knowledge never uses that are one slip from a board or agency name word."""
        fixes = {}
        for token in q.tokens:
            if len(token) < 4 or token in STOPWORDS or token in self.known_words:
                continue
            found = process.extractOne(token, self.name_words, scorer=fuzz.ratio, score_cutoff=80)
            if found:
                fixes[token] = found[0]
        return fixes

    def _route_once(
        self, q: I.Parsed, now: dt.datetime, status: Mapping[str, str] | None
    ) -> Answer:
        intent = I.classify(q)
        if intent == "help":
            return help_answers.help_answer(self.lib)
        if I.phone_named(q, self.book):  # "what is 253772", "whose number is 01908 265545"
            return self._contact(q, now)
        year = self._other_year(q, intent) if intent not in ("contact", "action") else None
        if year and not I.has_contact_cue(q):  # "what did the assurance board do in 2022"
            p = self.kb.partnership
            return unknown(
                self.lib,
                q,
                note=f"The report covers {p.report_period} (with plans to "
                f"{max(self.known_years)}): it has nothing on {year}.",
            )
        role = patterns.PERSON_ROLE.search(q.text)
        if role and intent != "contact" and not I.refs(q, ("board",)):
            # "who is the chief executive of mkuhft": the report gives posts, not names
            who = self.kb.partnership.scrutineer
            named = f" (the one person it names is {who.name}, {who.role})" if who else ""
            return unknown(
                self.lib, q, note=f"The report names no one as {role.group('role')}{named}."
            )
        missing = [w for w in patterns.NOT_HELD.findall(q.text) if w not in self.known_words]
        if missing and intent not in ("contact", "help"):
            # "what did ofsted say about ...", "mk together's whistleblowing policy", "jobs at
            # mk council": documents and matters an annual report does not hold
            return unknown(
                self.lib, q, note=f'The report says nothing about "{missing[0].split()[0]}".'
            )
        place = self._elsewhere(q)
        if place:  # "the oxfordshire mash number": this partnership's lines are not those
            p = self.kb.partnership
            return unknown(
                self.lib,
                q,
                note=f"I only know the {p.name} ({p.area}) report: it has nothing for {place}. "
                f"Ask {place}'s council for its safeguarding contacts.",
            )
        if intent in ("which_board", "topic_actions"):
            subject = words(I.topic_subject(q))
            # "who deals with safeguarding for elderly people": the person is the whole topic;
            # "who runs the mash": a line is
            if (
                q.audience
                and only_person_words(subject, self.contact_words)
                or (
                    only_contact_words(subject, self.contact_words)
                    and I.contact_ask(q, self.index, self.book).named
                )
            ):
                intent = "contact"
        if intent not in ("contact", "reverse") and not (
            intent == "glossary" and patterns.DEFINE_CUE.search(q.text)
        ):
            report_question = intent in ("topic_actions", "which_board", "figures", "due_in")
            if wants_contact(q.text, q.tokens, q.audience) and not (
                report_question and not worry_or_ask(q.text)  # "who is developing X on neglect"
            ):
                intent = "contact"
            else:  # a named line and a detail of it: "where is the MK Together office"
                ask = I.contact_ask(q, self.index, self.book)
                if ask.named and ask.channel not in ("call", "hours"):
                    intent = "contact"
                elif ask.named and intent == "glossary" and not I.terms_in(q, self.index, False):
                    intent = "contact"  # "what is eswt": a line's short name, not a term
        if (
            intent in ("unknown", "glossary")
            and not q.matches
            and not q.glossary_cue  # "what is safeguarding" asks for a meaning
            and only_contact_words(q.tokens, self.contact_words)
        ):
            intent = "contact"  # "safeguarding", "ESWT no.", "duty team": a bare contact ask
        if intent == "contact":
            # Organisations the report names but gives no line for ("MKUH", "police") are
            # not known here: "number for MKUH" is unknown, not the safeguarding lines.
            known = self.contact_words | {
                t
                for m in q.matches
                if not any(r.kind in ("agency", "board") for r in m.refs)
                for t in q.tokens[m.start : m.end]
            }
            if off_topic(q.text, q.tokens, q.audience, known):
                return unknown(
                    self.lib,
                    q,
                    note="I only have the safeguarding contacts from the report, not that one.",
                )
            return self._contact(q, now)
        if intent == "reverse":
            return glossary_answers.reverse(self.lib, q)
        if intent == "glossary":
            return glossary_answers.glossary(self.lib, q)
        if intent == "boards":
            aspect = I.board_aspect(q)
            return (
                board_answers.boards_fact(self.lib, q, aspect)
                if aspect in board_answers.BOARD_FACTS
                else board_answers.boards_list(self.lib)
            )
        if intent == "which_board":
            return topics.which_board(self.lib, q)
        if intent == "topic_actions":
            return topics.topic_actions(self.lib, q, status)
        boards = I.refs(q, ("board",))
        aspect = I.board_aspect(q)
        if len(boards) < 2 and " and " in q.text:  # "who sponsors assurance and workforce"
            weak = [r for r in I.refs(q, ("board",), weak=True) if r not in boards]
            if len(boards) + len(weak) >= 2 and intent in ("owner", "unknown", "which_board"):
                boards, intent = boards + weak, "owner"
        facts = [
            a
            for a in dict.fromkeys(I.aspect_cues(q))
            if a in board_answers.BOARD_FACTS or a == "members"
        ]
        if intent == "owner" and len(boards) == 1 and len(facts) > 1:
            # "how often does the hwb meet and how many members has it got": each fact
            b = self.index.boards.get(boards[0].id)
            if b is not None:
                return board_answers.board_facts(self.lib, b, q, facts)
        if intent == "owner" and len(boards) > 1 and aspect not in ("next", "done"):
            # "difference between the risk board and the tasking board", "who sponsors the
            # risk board and the review board": the fact for each board named
            return board_answers.boards_compared(self.lib, q, boards, aspect)
        if intent == "owner":
            return action_answers.owner(self.lib, q, status)
        if intent == "action":
            return action_answers.action_by_id(self.lib, q, status)
        if intent == "figures":
            return report_facts.figures(self.lib, q)
        if intent == "sponsored_by":
            return board_answers.sponsored_by(self.lib, q)
        if intent == "member_of":
            return board_answers.member_of(self.lib, q)
        if intent == "due_in":
            return action_answers.due_in(self.lib, q, status)
        if intent == "partnership":
            return report_facts.partnership(self.lib, q)
        if intent == "budget":
            return report_facts.budget(self.lib, q)
        if intent == "attendance":
            return report_facts.attendance(self.lib, q)
        return unknown(self.lib, q)

    def _other_year(self, q: I.Parsed, intent: str) -> str | None:
        """A year the question names that nothing in the knowledge does ("in 2024"), or a
        later one it asks what happened in ("what did the assurance board do in 2022"), or
        any outside the report's year for its figures ("budget for 2021-22")."""
        period = years(self.kb.partnership.report_period)
        asked = years(q.text)
        figures = intent in ("budget", "attendance")
        if figures and asked and period and not asked & period:
            return "-".join(str(y) for y in sorted(asked))
        done = I.board_aspect(q) == "done" or bool({"did", "happened"} & set(q.tokens))
        for y in sorted(asked):
            if y not in self.known_years or (done and period and y > max(period)):
                return str(y)
        return None

    def _elsewhere(self, q: I.Parsed) -> str | None:
        """Another area the question names outside any name it matched, if any."""
        named = []
        for m in q.matches:
            named.append(" ".join(q.tokens[m.start : m.end]))
            for r in m.refs:
                owner = self.index.owner(r.id) if r.kind in ("board", "agency") else None
                if owner is not None:
                    named.extend([owner.name, *owner.aliases])
        return other_area(q.text, self.kb.partnership.area, " ".join(named), self.owner_names)

    # -- public helpers used by adapters (commands) ----------------------------------

    def contact(self, audience: str | None, now: dt.datetime) -> Answer:
        ask = ContactAsk(audience=audience if audience in ("children", "adults") else None)
        return self._contact_answer(ask, now)

    def define(self, term: str) -> Answer:
        return self._glossary(I.parse(f"what is {term}", self.index))

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
        if q.audience or I.has_contact_cue(q) or not results:
            results.append(self._contact(q, now))
        return results[:limit]

    # -- answers ------------------------------------------------------------------------

    def _danger(self, q: I.Parsed, now: dt.datetime) -> Answer:
        first = self.book.emergency_line(AUDIENCE_NOUN.get(q.audience or "", "anyone"))
        rest, used = self.book.answer_lines(ContactAsk(audience=q.audience), now)
        text = "\n".join([first, "When they are safe, tell the local safeguarding team:", *rest])
        sources = _unique(
            [c.source for c in used] + ([self.book.emergency.source] if self.book.emergency else [])
        )
        return Answer("contact", text, sources, [], 1.0, ["danger"])

    # -- answerers the methods above call ----------------------------------------------

    def _contact(self, q: I.Parsed, now: dt.datetime) -> Answer:
        return contact_answers.contact(self.lib, q, now)

    def _contact_answer(self, ask: ContactAsk, now: dt.datetime, later: bool = False) -> Answer:
        return contact_answers.contact_answer(self.lib, ask, now, later)

    def _term_answer(
        self, terms: list[Term], confidence: float, asked: str | None = None
    ) -> Answer:
        return glossary_answers.term_answer(self.lib, terms, confidence, asked)

    def _glossary(self, q: I.Parsed) -> Answer:
        return glossary_answers.glossary(self.lib, q)


__all__ = ["Engine", "Answer", "words"]
