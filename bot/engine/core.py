"""The answer engine: ``Engine(kb).answer(question, now) -> Answer``.

Pure: no I/O, no clock, no Telegram. ``now`` is the moment of the question (naive means
local time in the partnership's time zone). The engine reads the question's words,
finds the knowledge it names (terms, boards, agencies, contacts), decides what is asked
(:mod:`bot.engine.intents`) and renders one plain-text answer whose first line is the
answer itself, or 999 when the message signals danger now.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from bot.engine import intents as I
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
from bot.engine.index import KnowledgeIndex, Ref
from bot.engine.intents import cues, patterns
from bot.engine.personal import birth_dates, has_personal_data, redact
from bot.engine.text import MONTHS, STOPWORDS, compact, content_stems, initials, stem, words
from bot.engine.types import Answer
from bot.engine.when import asked_moment, names_a_time
from bot.kb.models import Action, Agency, Board, KnowledgeBase, Term

PRIVACY_LINE = (
    "Please don't share names, dates of birth, addresses or NHS numbers here: this bot is "
    "not a referral route. Make referrals through the lines below."
)
MAX_ACTIONS_LISTED = 12
BOARD_FACTS = {"sponsor": "Sponsor", "chair": "Chair", "meetings": "Meetings"}


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
        self.known_years = _years(
            " ".join(
                [
                    p.report_period,
                    *(a.text for a in kb.actions),
                    *(str(a.due) for a in kb.actions if a.due),
                    *(d for o in (*kb.boards, *kb.agencies) for d in o.done),
                ]
            )
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
            return self.help()
        if I.phone_named(q, self.book):  # "what is 253772", "whose number is 01908 265545"
            return self._contact(q, now)
        year = self._other_year(q, intent) if intent not in ("contact", "action") else None
        if year and not I.has_contact_cue(q):  # "what did the assurance board do in 2022"
            p = self.kb.partnership
            return self._unknown(
                q,
                note=f"The report covers {p.report_period} (with plans to "
                f"{max(self.known_years)}): it has nothing on {year}.",
            )
        role = patterns.PERSON_ROLE.search(q.text)
        if role and intent != "contact" and not I.refs(q, ("board",)):
            # "who is the chief executive of mkuhft": the report gives posts, not names
            who = self.kb.partnership.scrutineer
            named = f" (the one person it names is {who.name}, {who.role})" if who else ""
            return self._unknown(q, note=f"The report names no one as {role.group('role')}{named}.")
        missing = [w for w in _NOT_HELD.findall(q.text) if w not in self.known_words]
        if missing and intent not in ("contact", "help"):
            # "what did ofsted say about ...", "mk together's whistleblowing policy", "jobs at
            # mk council": documents and matters an annual report does not hold
            return self._unknown(
                q, note=f'The report says nothing about "{missing[0].split()[0]}".'
            )
        place = self._elsewhere(q)
        if place:  # "the oxfordshire mash number": this partnership's lines are not those
            p = self.kb.partnership
            return self._unknown(
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
                return self._unknown(
                    q, note="I only have the safeguarding contacts from the report, not that one."
                )
            return self._contact(q, now)
        if intent == "reverse":
            return self._reverse(q)
        if intent == "glossary":
            return self._glossary(q)
        if intent == "boards":
            aspect = I.board_aspect(q)
            return self._boards_fact(q, aspect) if aspect in BOARD_FACTS else self.boards()
        if intent == "which_board":
            return self._which_board(q)
        if intent == "topic_actions":
            return self._topic_actions(q, status)
        boards = I.refs(q, ("board",))
        aspect = I.board_aspect(q)
        if len(boards) < 2 and " and " in q.text:  # "who sponsors assurance and workforce"
            weak = [r for r in I.refs(q, ("board",), weak=True) if r not in boards]
            if len(boards) + len(weak) >= 2 and intent in ("owner", "unknown", "which_board"):
                boards, intent = boards + weak, "owner"
        facts = [a for a in dict.fromkeys(I.aspect_cues(q)) if a in BOARD_FACTS or a == "members"]
        if intent == "owner" and len(boards) == 1 and len(facts) > 1:
            # "how often does the hwb meet and how many members has it got": each fact
            b = self.index.boards.get(boards[0].id)
            if b is not None:
                lines = [self._board(b, q, a).text.split("\n")[0] for a in facts[:3]]
                return Answer("board", "\n".join(lines), [b.source], [], 1.0)
        if intent == "owner" and len(boards) > 1 and aspect not in ("next", "done"):
            # "difference between the risk board and the tasking board", "who sponsors the
            # risk board and the review board": the fact for each board named
            named = [self.index.boards[r.id] for r in boards[:4]]
            if aspect in ("overview", "remit"):
                lines = [f"The {b.name}: {b.remit or b.summary}" for b in named]
            else:
                lines = [self._board(b, q).text.split("\n")[0] for b in named]
            return Answer("board", "\n".join(lines), _unique(b.source for b in named), [], 1.0)
        if intent == "owner":
            return self._owner(q, status)
        if intent == "action":
            acts = [self.index.actions[a] for a in q.action_ids]
            lines = [_action_line(a, status, with_owner=True) for a in acts]
            return Answer("actions", "\n".join(lines), _unique(a.source for a in acts), [], 1.0)
        if intent == "figures":
            return self._figures(q)
        if intent == "sponsored_by":
            return self._sponsored_by(q)
        if intent == "member_of":
            return self._member_of(q)
        if intent == "due_in":
            return self._due_in(q, status)
        if intent == "partnership":
            return self._partnership(q)
        if intent == "budget":
            return self._budget(q)
        if intent == "attendance":
            return self._attendance(q)
        return self._unknown(q)

    def _other_year(self, q: I.Parsed, intent: str) -> str | None:
        """A year the question names that nothing in the knowledge does ("in 2024"), or a
        later one it asks what happened in ("what did the assurance board do in 2022"), or
        any outside the report's year for its figures ("budget for 2021-22")."""
        period = _years(self.kb.partnership.report_period)
        asked = _years(q.text)
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
        if not name:
            return self.boards()
        q = I.parse(name, self.index)
        ref = I.first_ref(q, ("board",)) or _fuzzy_ref(self.index, name, "board")
        if ref is None:
            return self._unknown(q, note=f"I don't know a board called {name!r}.")
        return self._board(self.index.boards[ref.id], q)

    def _boards_fact(self, q: I.Parsed, aspect: str) -> Answer:
        """One fact of every board: "how often do the affiliated boards meet"."""
        kinds = [k for k in ("affiliated", "strategic") if k in q.tokens] or None
        boards = [b for b in self.kb.boards if kinds is None or b.kind in kinds]
        lines = [f"{BOARD_FACTS[aspect]} of each board, as the report gives it:"]
        for b in boards:
            if aspect == "sponsor":
                fact = self._agency_name(b.sponsor) if b.sponsor else "not named"
            elif aspect == "chair":
                fact = b.chair + (f"; vice-chair: {b.vice_chair}" if b.vice_chair else "")
                fact = fact or "not named"
            else:
                fact = (
                    f"{b.meetings_per_year} meetings a year"
                    if b.meetings_per_year
                    else (b.meetings_note or "not stated in the report")
                )
            lines.append(f"- {b.name}: {fact}")
        return Answer("board", "\n".join(lines), _unique(b.source for b in boards), [], 1.0)

    def boards(self) -> Answer:
        kb = self.kb
        lines = [f"{kb.partnership.name}: {len(kb.boards)} boards and bodies."]
        for kind, title in (("affiliated", "Affiliated boards"), ("strategic", "Strategic bodies")):
            members = [b for b in kb.boards if b.kind == kind]
            if not members:
                continue
            lines.append(f"{title} ({len(members)}):")
            for b in members:
                sponsor = self._agency_name(b.sponsor) if b.sponsor else ""
                extra = f" (sponsor: {sponsor})" if sponsor else ""
                lines.append(f"- {b.name}{extra}")
        sources = sorted({b.source for b in kb.boards})
        return Answer("board", "\n".join(lines), sources, [], 1.0)

    def actions(self, owner: str | None, action_status: Mapping[str, str] | None = None) -> Answer:
        if not owner:
            lines = ["Next actions by board and agency:"]
            for owner_id, acts in self.index.actions_by_owner.items():
                open_n = sum(1 for a in acts if _status(a, action_status) == "open")
                lines.append(f"- {self.kb.owner_name(owner_id)}: {len(acts)} ({open_n} open)")
            lines.append('Ask e.g. "what will the risk board do next".')
            return Answer("actions", "\n".join(lines), [], [], 1.0)
        q = I.parse(owner, self.index)
        ref = I.first_ref(q, ("board", "agency"), weak=True) or _fuzzy_ref(self.index, owner, None)
        if ref is None:
            return self._unknown(q, note=f"I don't know a board or agency called {owner!r}.")
        return self._owner_actions(ref.id, action_status)

    def about(self) -> Answer:
        p = self.kb.partnership
        c = self.kb.counts()
        lines = [
            f"{p.report_title} ({p.report_period}), {p.name}, {p.area}.",
            f"Knowledge base version {p.kb_version or 'unversioned'}: "
            + ", ".join(f"{n} {k}" for k, n in c.items())
            + ".",
            "Every answer names the section of the report it comes from.",
        ]
        if p.website:
            lines.append(f"Website: {p.website}")
        return Answer("help", "\n".join(lines), [p.source], [], 1.0)

    def help(self) -> Answer:
        p = self.kb.partnership
        lines = [
            f"I answer from the {p.report_title}: who to call right now, what an acronym "
            "means, which board does what and what each board and agency will do next.",
            'Try: "who do I call about a child", "what is MARAC", "who sponsors the risk '
            'board", "what will the voice board do next", "which board deals with training".',
            "I am not a referral route: don't share personal details here.",
            self.book.emergency_line(),
        ]
        return Answer("help", "\n".join(lines), [p.source], [], 1.0)

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

    def _contact(self, q: I.Parsed, now: dt.datetime) -> Answer:
        ask = I.contact_ask(q, self.index, self.book)
        moment = asked_moment(q.text, now, self.cal)  # "on Saturday", "on bank holidays"
        if moment and _TIMETABLE.search(q.text) and not names_a_time(q.text):
            moment = None  # "how late is the mash open on thursdays": the timetable answers
        return self._contact_answer(ask, moment or now, later=moment is not None)

    def _contact_answer(self, ask: ContactAsk, now: dt.datetime, later: bool = False) -> Answer:
        lines, used = self.book.answer_lines(ask, now, later)
        if not lines:
            lines = ["I have no contact of that kind in the report."]
        who = AUDIENCE_NOUN.get(ask.audience or "", "anyone")
        lines.append(self.book.emergency_line(who))
        return Answer("contact", "\n".join(lines), _unique(c.source for c in used), [], 1.0)

    def _term_answer(
        self, terms: list[Term], confidence: float, asked: str | None = None
    ) -> Answer:
        lines: list[str] = []
        if asked is not None:
            lines.append(f"Did you mean {terms[0].term}?")
        for t in terms:
            where = f" (used in {t.source})" if t.inline else ""
            lines.append(f"{t.term}: {t.expansion}{where}")
            if t.note:
                lines.append(t.note)
        seen_refs = {
            (r.kind, r.id) for t in terms for r in self.index.phrases.get(compact(t.term), [])
        }
        for kind, ref_id in sorted(seen_refs):
            if kind == "board":
                lines.append(
                    f'See also: the {self.index.boards[ref_id].name} (ask "{self.index.boards[ref_id].name}").'
                )
            elif kind == "agency":
                lines.append(f"See also: {self.index.agencies[ref_id].name}.")
        return Answer(
            "glossary", "\n".join(lines), _unique(t.source for t in terms), [], confidence
        )

    def _glossary(self, q: I.Parsed) -> Answer:
        defined = self.index.definition(q.subject) if q.glossary_cue and q.subject else None
        if defined is not None:  # "what is safeguarding": the report's own words
            text = f"{defined.term}: {defined.text}"
            return Answer("glossary", text, [defined.source], [], 1.0)
        typed = [self.index.terms[r.id] for r in I.typed_terms(q)]
        if typed and not I.aspect_cues(q):  # "whats an ACE in ... speak", "LPA police"
            return self._term_answer(_senses(typed[:1], self.index), 1.0)
        terms = I.terms_in(q, self.index, fuzzy=False)
        weak = bool(terms) and I.weak_part(q)
        if terms and not weak:
            closer = I.terms_in(q, self.index, fuzzy=True)
            if closer and closer != terms:  # "arcc mk": a typo of ARC MK, not MK
                return self._term_answer(_senses(closer[:1], self.index), 0.7, asked=q.subject)
            return self._term_answer(_senses(terms, self.index), 1.0)
        named = not I.weak_part(q, ("board", "agency"))  # not "the council tax band"
        ref = I.first_ref(q, ("board",), weak=True) if named else None
        if ref:
            return self._board(self.index.boards[ref.id], q)
        ref = I.first_ref(q, ("agency",), weak=True) if named else None
        if ref:
            return self._agency(self.index.agencies[ref.id])
        rev = self.index.reverse(q.subject) if q.subject else []
        if rev:
            return self._reverse_answer(rev)
        fuzzy = [] if weak else I.terms_in(q, self.index, fuzzy=True)
        asked = [w for w in words(q.subject or q.text) if w not in STOPWORDS]
        if fuzzy and asked and all(w in self.known_words for w in asked):
            # "marmim": a word the report itself uses, not a typo of MARM
            mentioned = self._mentioned(q)
            if mentioned:
                return mentioned
        if fuzzy:
            asked = q.subject or q.text  # a typo answer always says what it took it for
            return self._term_answer(_senses(fuzzy[:1], self.index), 0.7, asked=asked)
        return self._mentioned(q) or self._unknown(q)

    def _mentioned(self, q: I.Parsed) -> Answer | None:
        """Not a glossary term, but the report's own items use it ("county lines")."""
        subject = q.subject or q.text
        stems = [s for s in content_stems(subject) if s not in cues.SEARCH_NOISE]
        if not 1 <= len(stems) <= 3:
            return None
        index = self.index
        searches = (index.action_search, index.done_search)
        docs = sum(len(x.tf) for x in searches)
        if not any(  # a word most items use ("safeguarding") is no topic of its own
            sum(len(x.postings.get(s, ())) for x in searches) <= max(3, docs // 20) for s in stems
        ):
            return None
        found = [
            (index.actions[a].owner, index.actions[a].text)
            for a, _ in index.action_search.search(stems, limit=3)
            if index.action_search.coverage(stems, a) == 1.0
        ] + [
            index.done_texts[d]
            for d, _ in index.done_search.search(stems, limit=3)
            if index.done_search.coverage(stems, d) == 1.0
        ]
        asked = [w for w in words(subject) if w not in STOPWORDS]

        def says(text: str) -> bool:  # the words themselves, not just stems ("loved")
            ws = set(words(text))
            return all({w, w + "s", w.removesuffix("s")} & ws for w in asked)

        found = [(o, text) for o, text in found if says(text)]
        if not found:
            return None
        lines = [f'The glossary has no entry for "{subject}"; the report mentions it in:']
        sources = []
        for owner_id, text in found[:4]:
            lines.append(f"- {self.kb.owner_name(owner_id)}: {text}")
            sources.append(self._source_of(owner_id, text))
        return Answer("glossary", "\n".join(lines), _unique(sources), [], 0.5)

    def _reverse(self, q: I.Parsed) -> Answer:
        found = self.index.reverse(q.subject) if q.subject else []
        if not found and q.subject:  # "the police scoring data recency frequency gravity"
            ws = words(q.subject)
            runs = (
                " ".join(ws[i : i + n])
                for n in range(len(ws) - 1, 1, -1)
                for i in range(len(ws) - n + 1)
            )
            for run in runs:
                hits = [
                    r for r in self.index.phrases.get(compact(run), []) if r.kind == "expansion"
                ]
                if hits:
                    found = [(self.index.terms[r.id], 95.0) for r in hits]
                    break
        if not found and I.terms_in(q, self.index, fuzzy=False):
            return self._glossary(q)  # "cse in short": it is the short form already
        if not found:
            return self._unknown(q, note="I can't find an acronym for that in the glossary.")
        return self._reverse_answer(found)

    def _reverse_answer(self, found: list[tuple[Term, float]]) -> Answer:
        best = found[0][1]
        terms = [t for t, s in found if s >= best - 0.01]
        lines = [f"{t.expansion}: {t.term}" for t in terms]
        return Answer(
            "glossary", "\n".join(lines), _unique(t.source for t in terms), [], best / 100
        )

    def _board(self, b: Board, q: I.Parsed | None, aspect: str | None = None) -> Answer:
        aspect = aspect or (I.board_aspect(q) if q else "overview")
        sponsor = self._agency_name(b.sponsor) if b.sponsor else ""
        if b.sponsor_note:
            sponsor = f"{sponsor} ({b.sponsor_note})" if sponsor else b.sponsor_note
        meets = (
            f"{b.meetings_per_year} meetings a year"
            if b.meetings_per_year
            else "not stated in the report"
        )
        if b.meetings_note and b.meetings_per_year:
            meets += f" ({b.meetings_note})"
        facts = {
            "sponsor": f"The {b.name} is sponsored by {sponsor}."
            if sponsor
            else f"The report names no sponsor for the {b.name}.",
            "chair": (
                f"Chair of the {b.name}: {b.chair}"
                + (f"; vice-chair: {b.vice_chair}." if b.vice_chair else ".")
                if b.chair
                else f"The report does not name a chair for the {b.name}."
                + (f" {b.meetings_note}" if "chair" in b.meetings_note.lower() else "")
                + (f" Its sponsor is {sponsor}." if sponsor else "")
            ),
            "meetings": f"The {b.name} meets: {meets}.",
            "members": (
                f"Core membership of the {b.name}"
                + (f" ({b.membership_size} members)" if b.membership_size else "")
                + ": "
                + "; ".join(b.core_membership)
                + "."
                + (f" {b.membership_note}" if b.membership_note else "")
                if b.core_membership
                else f"The report does not list the {b.name}'s members."
            ),
            "panels": (
                f"The {b.name} oversees: " + ", ".join(b.panels) + "."
                if b.panels
                else f"The report names no panels under the {b.name}."
            ),
            "done": f"What the {b.name} has done:"
            if b.done
            else f"The report lists nothing done by the {b.name}.",
            "remit": f"{b.name}: {b.remit or b.summary}",
        }
        lines: list[str] = []
        if aspect == "done":
            lines.append(facts["done"])
            lines.extend(f"- {d}" for d in b.done)
        elif aspect in facts:
            lines.append(facts[aspect])
        if aspect not in ("remit", "done"):
            lines.append(f"Remit: {b.remit or b.summary}")
        if aspect == "remit" and b.summary and b.summary != b.remit:
            lines.append(b.summary)
        if aspect == "overview":
            lines = [f"{b.name} ({b.kind} {'board' if b.kind == 'affiliated' else 'body'})."]
            if b.remit:
                lines.append(f"Remit: {b.remit}")
            if b.summary and b.summary != b.remit:
                lines.append(b.summary)
            lines.append(f"Sponsor: {sponsor}" if sponsor else "Sponsor: not named")
            if b.chair:
                lines.append(
                    f"Chair: {b.chair}" + (f"; vice-chair: {b.vice_chair}" if b.vice_chair else "")
                )
            lines.append(f"Meets: {meets}.")
            if b.panels:
                lines.append("Panels overseen: " + ", ".join(b.panels))
            if b.core_membership:
                listed = len(b.core_membership)
                size = b.membership_size or listed  # the report's own count wins
                roles = f"{listed} roles listed; " if size != listed else ""
                lines.append(f'Core members: {size} ({roles}ask "members of {b.name}").')
        for extra in ("sponsor", "chair", "meetings"):
            if aspect == extra:
                continue
        acts = self.index.actions_by_owner.get(b.id, [])
        if acts and aspect not in ("done",):
            lines.append(f'Next actions: {len(acts)} (ask "what will the {b.name} do next").')
        return Answer("board", "\n".join(lines), [b.source], [], 1.0)

    def _agency(self, a: Agency) -> Answer:
        lines = [f"{a.name}" + (f" ({', '.join(a.aliases[:3])})" if a.aliases else "") + "."]
        if a.description:
            lines.append(a.description)
        if a.parent:
            lines.append(f"Part of {self._agency_name(a.parent)}.")
        if a.safeguarding_partner:
            lines.append(f"One of the three safeguarding partners of {self.kb.partnership.name}.")
        sponsored = [b.name for b in self.kb.boards if b.sponsor == a.id]
        if sponsored:
            lines.append("Sponsors: " + ", ".join(sponsored) + ".")
        if a.done:
            lines.append("What it has done:")
            lines.extend(f"- {d}" for d in a.done[:5])
            if len(a.done) > 5:
                lines.append(f"(and {len(a.done) - 5} more)")
        sources = [a.source]
        mentions = self.index.mentions.get(a.id, [])
        if not a.done and mentions:  # no highlight report: where others name it
            lines.append("Named in the work of others:")
            for other, text in mentions[:5]:
                lines.append(f"- {self.kb.owner_name(other)}: {text}")
                sources.append(self._source_of(other, text))
        acts = self.index.actions_by_owner.get(a.id, [])
        if acts:
            lines.append(f'Next actions: {len(acts)} (ask "what is {a.name} doing next").')
        return Answer("agency", "\n".join(lines), _unique(sources), [], 1.0)

    def _owner(self, q: I.Parsed, status: Mapping[str, str] | None) -> Answer:
        ref = I.owner_ref(q)
        assert ref is not None
        aspect = I.board_aspect(q)
        if aspect == "next":
            topic = I.owner_topic(q)
            if topic and self._topic_stems(ref.id, topic):  # "... tasking board ... knife crime"
                about = self._owner_actions_on(ref.id, topic, status)
                if about:
                    return about
                every = self._owner_actions(ref.id, status)
                name = self.kb.owner_name(ref.id)
                if self.index.actions_by_owner.get(ref.id):
                    note = f'None of the next actions of {name} is about "{topic}"; all of them:'
                    return Answer(every.kind, f"{note}\n{every.text}", every.sources, [], 0.6)
                return every
            return self._owner_actions(ref.id, status)
        if ref.kind == "board":
            return self._board(self.index.boards[ref.id], q)
        return self._agency(self.index.agencies[ref.id])

    def _owner_actions_on(
        self, owner_id: str, topic: str, status: Mapping[str, str] | None
    ) -> Answer | None:
        """An owner's next actions about a topic, or None when none is."""
        stems = self._topic_stems(owner_id, topic)
        search = self.index.action_search
        acts = [
            a
            for a in self.index.actions_by_owner.get(owner_id, [])
            if stems and search.weighted_coverage(stems, a.id) >= 0.5
        ]
        if not acts:
            return None
        total = len(self.index.actions_by_owner[owner_id])
        lines = [
            f"{self.kb.owner_name(owner_id)}: {len(acts)} of its {total} next actions on this."
        ]
        lines.extend(_action_line(a, status, with_owner=False) for a in acts)
        return Answer("actions", "\n".join(lines), _unique(a.source for a in acts), [], 0.9)

    def _topic_stems(self, owner_id: str, topic: str) -> list[str]:
        """The topic's stems without the owner's own name ("the workforce board": none)."""
        owner = self.index.owner(owner_id)
        own = (
            set(words(owner.name)) | {w for a in owner.aliases for w in words(a)}
            if owner
            else set()
        )
        return [
            s
            for s in content_stems(" ".join(w for w in words(topic) if w not in own))
            if s not in cues.SEARCH_NOISE and s not in cues.BOARD_WORDS
        ]

    def _owner_actions(self, owner_id: str, status: Mapping[str, str] | None) -> Answer:
        name = self.kb.owner_name(owner_id)
        acts = self.index.actions_by_owner.get(owner_id, [])
        if not acts:
            owner = self.index.owner(owner_id)
            lines = [f"The report lists no next actions for {name}."]
            sources = [owner.source] if owner else []
            parts = [  # "the council": its services' and its boards' actions
                o
                for o in [*self.kb.agencies, *self.kb.boards]
                if (
                    getattr(o, "parent", None) == owner_id
                    or getattr(o, "sponsor", None) == owner_id
                )
                and self.index.actions_by_owner.get(o.id)
            ]
            if parts:
                lines.append("Its services and the boards it sponsors have next actions:")
                for o in parts:
                    n = len(self.index.actions_by_owner[o.id])
                    ask = (
                        f"what will the {o.name} do next"
                        if o.id in self.index.boards
                        else f"what is {o.name} doing next"
                    )
                    lines.append(f'- {o.name}: {n} (ask "{ask}")')
                    sources.append(o.source)
            mentions = [] if parts else self.index.mentions.get(owner_id, [])
            if mentions:  # where the report does name it: "CAMHS", "Public Health"
                lines.append(f"The report mentions {name} in the work of others:")
                for other, text in mentions[:MAX_ACTIONS_LISTED]:
                    lines.append(f"- {self.kb.owner_name(other)}: {text}")
                    sources.append(self._source_of(other, text))
            return Answer("actions", "\n".join(lines), _unique(sources), [], 0.9)
        lines = [f"{name}: {len(acts)} next action{'s' if len(acts) != 1 else ''}."]
        lines.extend(_action_line(a, status, with_owner=False) for a in acts[:MAX_ACTIONS_LISTED])
        if len(acts) > MAX_ACTIONS_LISTED:
            lines.append(f"(and {len(acts) - MAX_ACTIONS_LISTED} more)")
        return Answer("actions", "\n".join(lines), _unique(a.source for a in acts), [], 1.0)

    def _source_of(self, owner_id: str, text: str) -> str:
        """The source of one action or done item of an owner."""
        for a in self.index.actions_by_owner.get(owner_id, []):
            if a.text == text:
                return a.source
        owner = self.index.owner(owner_id)
        return owner.source if owner else ""

    def _topic_search_stems(self, q: I.Parsed) -> list[list[str]]:
        """The topic's stems, then (if it has an acronym) the same with the acronym spelt
        out ("cse": child sexual exploitation), since remits and actions mostly use words."""
        subject = I.topic_subject(q)
        stems = [s for s in content_stems(subject) if s not in cues.SEARCH_NOISE]
        spelt = list(stems)
        for word in words(subject):
            for t in self.index.terms_for(word):
                if len(word) >= 3 and not self.index.is_expansion_word(word):
                    extra = [s for s in content_stems(t.expansion) if s not in cues.SEARCH_NOISE]
                    spelt = [s for s in spelt if s != word] + [s for s in extra if s not in spelt]
        return [stems, spelt] if spelt != stems else [stems]

    def _which_board(self, q: I.Parsed) -> Answer:
        count = _meetings_count(q.text)
        if count is not None:  # "which board meets 10 times a year"
            found = [b for b in self.kb.boards if b.meetings_per_year == count]
            if found:
                lines = [f"{b.name}: {count} meetings a year." for b in found]
            else:
                known = [
                    f"{b.name}: {b.meetings_per_year}"
                    for b in self.kb.boards
                    if b.meetings_per_year
                ]
                lines = [f"No board meets {count} times a year in the report ({'; '.join(known)})."]
            return Answer(
                "board",
                "\n".join(lines),
                _unique(b.source for b in found or self.kb.boards),
                [],
                1.0,
            )
        search = self.index.board_search
        for stems in self._topic_search_stems(q):
            hits = [
                (b, s)
                for b, s in search.search(stems, limit=3)
                if search.coverage(stems, b) >= 0.34
            ]
            if hits:
                break
        else:
            return self._topic_actions(q, None)
        best_id, best = hits[0]
        b = self.index.boards[best_id]
        lines = [f"The {b.name}: {b.remit or b.summary}"]
        related = [
            a
            for a in self.index.actions_by_owner.get(b.id, [])
            if set(content_stems(a.text)) & set(stems)
        ]
        for a in related[:3]:
            lines.append(_action_line(a, None, with_owner=False))
        conf = min(1.0, 0.5 + self.index.board_search.coverage(stems, best_id) / 2)
        remit = set(content_stems(" ".join([b.name, b.remit, b.summary, *b.panels])))
        if not related and not set(stems) & remit:
            # only its reported work uses the words ("prevent further harm" for "Prevent"):
            # show that work, so the reader can judge, and claim less
            done = [d for d in b.done if set(content_stems(d)) & set(stems)]
            lines.extend(["Its reported work on this:", *(f"- {d}" for d in done[:3])])
            conf = min(conf, 0.6)
        others = [self.index.boards[x].name for x, s in hits[1:] if s >= best * 0.6]
        if others:
            lines.append("Also relevant: " + ", ".join(others) + ".")
        # a body the report names for the topic itself, outside the boards: "Domestic Abuse
        # Strategic Partnership Board" for "is there a board for domestic abuse"
        named = [a for a in self.kb.agencies if stems and set(stems) <= set(content_stems(a.name))]
        for a in named[:2]:
            about = f": {a.description.split('; ')[0].rstrip('.')}." if a.description else "."
            lines.append(f"See also the {a.name}{about}")
        sources = _unique(
            [b.source, *(a.source for a in related[:3]), *(a.source for a in named[:2])]
        )
        return Answer("board", "\n".join(lines), sources, [], conf)

    def _topic_actions(self, q: I.Parsed, status: Mapping[str, str] | None) -> Answer:
        options = self._topic_search_stems(q)
        hits = _covered_hits(self.index.action_search, options, limit=8)
        if not hits:
            return self._topic_done(q, options)
        acts = [self.index.actions[a] for a, _ in hits]
        owners = _unique(self.kb.owner_name(a.owner) for a in acts)
        lines = [f"Planned on this: {', '.join(owners)}."]
        lines.extend(_action_line(a, status, with_owner=True) for a in acts)
        return Answer("actions", "\n".join(lines), _unique(a.source for a in acts), [], 0.8)

    def _topic_done(self, q: I.Parsed, options: list[list[str]]) -> Answer:
        """No next action on a topic: say so, and show reported work on it, if any."""
        hits = _covered_hits(self.index.done_search, options, limit=5)
        if not hits:
            return self._unknown(q)
        lines = ["No next action in the report is about this; work already reported on it:"]
        sources = []
        for doc_id, _ in hits:
            owner_id, text = self.index.done_texts[doc_id]
            owner = self.index.owner(owner_id)
            lines.append(f"- {self.kb.owner_name(owner_id)}: {text}")
            if owner:
                sources.append(owner.source)
        return Answer("actions", "\n".join(lines), _unique(sources), [], 0.6)

    def _due_in(self, q: I.Parsed, status: Mapping[str, str] | None) -> Answer:
        """Next actions whose date falls in the year (and month) asked about."""
        years = _years(q.text)
        months = [i for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m}", q.text)]
        acts = [
            a
            for a in self.kb.actions
            if a.due and a.due.year in years and (not months or a.due.month in months)
        ]
        undated = sum(1 for a in self.kb.actions if not a.due)
        if not acts:
            note = f"No next action in the report is due then; {undated} of them give no date."
            return self._unknown(q, note=note)
        lines = [f"Due then: {len(acts)} next action{'s' if len(acts) > 1 else ''}."]
        lines.extend(_action_line(a, status, with_owner=True) for a in acts)
        lines.append(f"{undated} other next actions give no date.")
        return Answer("actions", "\n".join(lines), _unique(a.source for a in acts), [], 0.9)

    def _member_of(self, q: I.Parsed) -> Answer:
        """The boards whose core membership lists the post or body asked about."""
        m = patterns.MEMBER_OF.search(q.text.rstrip("?"))
        assert m is not None
        who = m.group("s")
        names = [who]
        ref = I.owner_ref(q)  # "the fire service": also by its names ("Bucks Fire & Rescue")
        if ref and ref.kind == "agency":
            names += [self.index.agencies[ref.id].name, *self.index.agencies[ref.id].aliases]
        want = set(content_stems(who))  # its other names only by close match: "police" is no PCC
        found = []
        for b in self.kb.boards:
            seats = [
                x
                for x in b.core_membership
                if (want and want <= set(content_stems(x)))
                or any(fuzz.token_set_ratio(n, x) >= 85 for n in names)
            ]
            if seats:
                found.append((b, seats))
        if not found:
            return self._unknown(q, note=f"No board's membership in the report lists {who}.")
        lines = [f"{b.name}: {'; '.join(seats)}." for b, seats in found]
        return Answer("board", "\n".join(lines), _unique(b.source for b, _ in found), [], 0.9)

    def _sponsored_by(self, q: I.Parsed) -> Answer:
        """ "which boards does MKC sponsor": the boards whose sponsor is that agency."""
        ref = I.owner_ref(q)
        assert ref is not None
        name = self._agency_name(ref.id)
        agency = self.index.agencies[ref.id]
        aliases = {compact(n) for n in (agency.name, *agency.aliases)}
        boards = [  # the sponsor, or the post the report names for it ("MKC (DPH)")
            b
            for b in self.kb.boards
            if b.sponsor == ref.id or (b.sponsor_note and compact(b.sponsor_note) in aliases)
        ]
        if not boards:
            sponsors = _unique(self._agency_name(b.sponsor) for b in self.kb.boards if b.sponsor)
            text = (
                f"The report names no board sponsored by {name}. Sponsors: {'; '.join(sponsors)}."
            )
            return Answer("board", text, _unique(b.source for b in self.kb.boards), [], 0.9)
        lines = [f"{name} sponsors: " + ", ".join(b.name for b in boards) + "."]
        lines.extend(f"- {b.name}: {b.remit or b.summary}" for b in boards)
        return Answer("board", "\n".join(lines), _unique(b.source for b in boards), [], 1.0)

    def _figures(self, q: I.Parsed) -> Answer:
        """A figure the report does not give: say so, and show the items on the topic."""
        stems = [
            s
            for s in content_stems(q.text)
            if s not in cues.SEARCH_NOISE and s not in _FIGURE_WORDS and s not in self.place_words
        ]
        index = self.index
        found = [
            index.done_texts[d]
            for d, _ in index.done_search.search(stems, limit=3)
            if index.done_search.coverage(stems, d) >= 0.6
        ] + [
            (index.actions[a].owner, index.actions[a].text)
            for a, _ in index.action_search.search(stems, limit=2)
            if index.action_search.coverage(stems, a) >= 0.6
        ]
        note = "The report gives no figures on that."
        if not found:
            return self._unknown(q, note=note)
        lines = [note + " What it says on the subject:"]
        for owner_id, text in found[:4]:
            lines.append(f"- {self.kb.owner_name(owner_id)}: {text}")
        lines.append(self.book.emergency_line())
        sources = _unique(self._source_of(o, text) for o, text in found[:4])
        return Answer("unknown", "\n".join(lines), sources, [], 0.0)

    def _budget(self, q: I.Parsed) -> Answer:
        apx = self.kb.appendices
        if apx is None:
            return self._unknown(q, note="The knowledge base has no budget appendix.")
        b = apx.budget
        owner = I.owner_ref(q)
        names = []
        if owner:
            o = self.index.owner(owner.id)
            names = [o.name, *o.aliases]
        content = {w for w in q.tokens if w not in cues.BUDGET_CUES and len(w) > 2} - STOPWORDS
        agency_rows = [r for r in b.contributions if r.agency.lower() != "total"]
        named = [  # the named agency's row; else rows sharing a word; else a summary line
            r
            for r in agency_rows
            if any(
                fuzz.partial_ratio(compact(n), compact(r.agency)) >= 90
                if len(compact(n)) > 4
                else compact(n) in words(r.agency)  # "MKC" is not in "MKCCG"
                for n in names
                if len(compact(n)) > 2
            )
        ]
        item_words = [{w[:6] for w in words(x.item) if len(w) > 3} for x in b.summary]
        shared = {w for ws in item_words for w in ws if sum(w in o for o in item_words) > 1}
        asked = {w[:6] for w in q.tokens if len(w) > 3} - shared  # "costs" names no one line
        lines: list[str] = [  # "what was the underspend", "employee costs"
            f"{x.heading}: {x.item}: £{abs(x.amount):,}"
            for x, ws in zip(b.summary, item_words, strict=True)
            if asked & ws
        ]
        rows = named or [r for r in agency_rows if content & set(words(r.agency))]
        if rows:
            lines = []
        for r in rows:
            parts = [
                f"{label} £{abs(v):,}"
                for label, v in (("children's", r.children), ("adults'", r.adults))
                if v
            ]
            total = (
                abs(r.total)
                if r.total is not None
                else sum(abs(v or 0) for v in (r.children, r.adults))
            )
            lines.append(
                f"{r.agency} contributed £{total:,}"
                + (f" ({', '.join(parts)})" if parts else "")
                + "."
            )
            if r.note:
                lines.append(r.note)
        if not rows and not lines:
            p = self.kb.partnership
            lines.append(f"{p.name} budget {p.report_period}: what each agency contributed.")
            total = next((r for r in b.contributions if r.agency.lower() == "total"), None)
            if total and total.total is not None:
                lines.append(f"Agency contributions in total: £{abs(total.total):,}.")
            for r in b.contributions:
                if r.agency.lower() != "total" and r.total is not None:
                    lines.append(f"- {r.agency}: £{abs(r.total):,}")
            for line in b.summary:
                lines.append(f"{line.heading}: {line.item}: £{abs(line.amount):,}")
        if b.note:
            lines.append(b.note)
        return Answer("partnership", "\n".join(lines), [b.source], [], 0.9)

    def _attendance(self, q: I.Parsed) -> Answer:
        apx = self.kb.appendices
        if apx is None:
            return self._unknown(q, note="The knowledge base has no attendance appendix.")
        a = apx.attendance
        lines = [f"{a.title}: meetings {', '.join(a.meetings)}."]
        asked = {w for w in q.tokens if len(w) > 3} - STOPWORDS - cues.ASPECT_WORDS
        asked -= {"attended", "attendance", "attending", "came", "come", "meeting", "meetings"}
        hits = {r.member: len(asked & set(words(r.member))) for r in a.rows}
        named = [r for r in a.rows if hits[r.member] and hits[r.member] == max(hits.values())]
        for row in named or a.rows:  # "did the public health director attend": that row
            missed = [m for m in a.meetings if m not in row.attended]
            lines.append(
                f"- {row.member}: {len(row.attended)} of {len(a.meetings)}"
                + (f" (missed {', '.join(missed)})" if named and missed else "")
            )
        if a.note:
            lines.append(a.note)
        return Answer("partnership", "\n".join(lines), [a.source], [], 0.9)

    def _partnership(self, q: I.Parsed) -> Answer:
        p = self.kb.partnership
        t = set(q.tokens)
        partners = ", ".join(self._agency_name(a) for a in p.safeguarding_partners)
        if t & {"partner", "partners"}:
            first = f"The three safeguarding partners of {p.name} are {partners}."
        elif t & {"priority", "priorities"}:
            first = f"{p.name} priorities ({p.report_period}): " + "; ".join(p.priorities) + "."
        elif (
            t & {"scrutineer", "scrutiny", "independent"}
            or q.partnership
            and p.scrutineer
            and compact(p.scrutineer.name) in "".join(q.tokens)
        ) and p.scrutineer:
            first = f"The {p.scrutineer.role}: {p.scrutineer.name}."
        else:
            first = f"{p.name} ({p.area}). {p.description}".strip()
        lines = [first]
        if not first.startswith("The three"):
            lines.append(f"Safeguarding partners: {partners}.")
        if p.priorities and "priorities" not in first:
            lines.append("Priorities: " + "; ".join(p.priorities) + ".")
        if p.scrutineer and p.scrutineer.name not in first:
            lines.append(f"Independent scrutineer: {p.scrutineer.name}.")
        if p.website:
            lines.append(f"Website: {p.website}")
        return Answer("partnership", "\n".join(lines), [p.source], [], 1.0)

    def _unknown(self, q: I.Parsed, note: str | None = None) -> Answer:
        suggestions = I.suggestions(q, self.index)
        lines = [note or "Sorry, I don't know that from the report."]
        if suggestions:
            lines.append("Did you mean: " + "; ".join(suggestions) + "?")
        lines.append(
            'I can answer: who to call now, acronyms ("what is MARAC"), boards ("who '
            'sponsors the risk board") and next actions ("what will the voice board do next").'
        )
        lines.append(self.book.emergency_line())
        return Answer("unknown", "\n".join(lines), [], suggestions, 0.0)

    def _agency_name(self, agency_id: str | None) -> str:
        a = self.index.agencies.get(agency_id or "")
        if a is None:
            return agency_id or ""
        short = next((x for x in a.aliases if x.isupper() and len(x) <= 8), "")
        return f"{a.name} ({short})" if short else a.name


_FIGURE_WORDS = frozenset(
    {"many", "number", "percentag", "proportion", "statistic", "stat", "figur", "rate", "total"}
)


# A question for a timetable, not for one moment ("how late is the mash open on thursdays").
_TIMETABLE = re.compile(
    r"\b(how late|how early|what time|when does|when do|until when|till when|takes? over"
    r"|opening hours|hours)\b"
)
# Matters an annual report does not hold (checked against the knowledge's own words first).
_NOT_HELD = re.compile(
    r"\b(ofsted|cqc|hmicfrs|whistleblowing|whistle-blowing|minutes|agendas?|vacanc(?:y|ies)|jobs"
    r"|job (?:at|with|in|vacanc\w*|application)"
    r"|careers?|salary|salaries|complaints?|complain|foi|gdpr|parking|council tax|wi-?fi|passwords?"
    r"|next train|train (?:times|to|from)|bus (?:times|to|from))\b"
)
_NUMBERS = {
    "once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _meetings_count(text: str) -> int | None:
    """N in "meets N times a year" / "N meetings a year" / "quarterly" (4), else None."""
    if re.search(r"\bquarterly\b", text) and re.search(r"\bmeets?|meetings?\b", text):
        return 4
    m = re.search(
        r"\b(\d{1,2}|"
        + "|".join(_NUMBERS)
        + r")\s*(?:times?|meetings?)?\s*(?:a|per|each|every)\s+year\b"
        r"|\b(once|twice)\s+a\s+year\b",
        text,
    )
    if not m or not re.search(r"\bmeet", text):
        return None
    word = m.group(1) or m.group(2)
    return int(word) if word.isdigit() else _NUMBERS[word]


def _covered_hits(search, options: list[list[str]], limit: int) -> list[tuple[str, float]]:
    """The first stem list's hits that cover at least half of it (plainly and by rarity)."""
    for stems in options:
        hits = [
            (doc, score)
            for doc, score in search.search(stems, limit=limit)
            if search.coverage(stems, doc) >= 0.5 and search.weighted_coverage(stems, doc) >= 0.5
        ]
        if hits:
            return hits
    return []


def _years(text: str) -> set[int]:
    """Years written as 2021, 2019-20 or 2020/21 (both years)."""
    out = set()
    for m in re.finditer(r"\b(20\d\d)(?:\s?[-/]\s?((?:20)?\d\d))?\b", text):
        out.add(int(m.group(1)))
        if m.group(2):
            out.add(int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2)))
    return out


def _status(a: Action, status: Mapping[str, str] | None) -> str:
    return (status or {}).get(a.id, a.status)


def _action_line(a: Action, status: Mapping[str, str] | None, with_owner: bool) -> str:
    state = _status(a, status)
    due = f", due {a.due_text or a.due}" if (a.due or a.due_text) else ""
    owner = f"{a.owner}: " if with_owner else ""
    return f"- [{a.id}] {owner}{a.text} ({state}{due})"


def _senses(terms: list[Term], index: KnowledgeIndex) -> list[Term]:
    """Every sense of the terms found (glossary first, then inline senses)."""
    out: list[Term] = []
    for t in terms:
        for other in index.terms_for(compact(t.term)):
            if other not in out:
                out.append(other)
        if t not in out:
            out.append(t)
    return sorted(out, key=lambda t: t.inline)


def _fuzzy_ref(index: KnowledgeIndex, text: str, kind: str | None) -> Ref | None:
    for ref, _ in index.fuzzy_names(text, cutoff=75):
        if kind is None or ref.kind == kind:
            return ref
    return None


def _unique(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out


__all__ = ["Engine", "Answer", "words"]
