"""What the answerers and the policy read: the knowledge base, its index, the contact book,
and the word sets built from them once (by :class:`bot.engine.core.Engine`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.answers.search import ReportSearch
from bot.engine.contacts import ContactBook
from bot.engine.hours import Calendar
from bot.engine.index import KnowledgeIndex
from bot.kb.models import KnowledgeBase


@dataclass(frozen=True)
class Library:
    kb: KnowledgeBase
    cal: Calendar
    index: KnowledgeIndex
    book: ContactBook
    contact_words: set[str]  # words of contact names, the place and the partnership
    place_words: set[str]  # stems of the area's name and its initials
    owner_names: list[str]  # every name of every board and agency
    name_words: list[str]  # words of those names (4 letters or more), for typos
    known_words: set[str]  # every word the knowledge uses
    known_years: set[int]  # every year the knowledge names
    search: ReportSearch  # every passage of the report, ranked: the fallback for topics

    def agency_name(self, agency_id: str | None) -> str:
        a = self.index.agencies.get(agency_id or "")
        if a is None:
            return agency_id or ""
        short = self.agency_short(agency_id)
        return f"{a.name} ({short})" if short != a.name else a.name

    def agency_short(self, agency_id: str | None) -> str:
        """The agency's short name as a report writes it ("ABC"), else its name."""
        a = self.index.agencies.get(agency_id or "")
        if a is None:
            return agency_id or ""
        return next((x for x in a.aliases if x.isupper() and len(x) <= 8), a.name)

    def source_of(self, owner_id: str, text: str) -> str:
        """The source of one action or done item of an owner."""
        for a in self.index.actions_by_owner.get(owner_id, []):
            if a.text == text:
                return a.source
        owner = self.index.owner(owner_id)
        return owner.source if owner else ""
