"""Extractors: a parsed :class:`~bot.kb.report.Report` -> entries of the knowledge base.

Each function returns plain dicts in the field order of :mod:`bot.kb.models`, ready
for YAML. Ids come from the names file (:mod:`bot.kb.names`) or from slugs of the
report's own words, so the same report always gives the same ids.

The readers of a report with a contents list (Title<TAB>page, sponsor and agency groups):

    glossary.py     glossary tables, inline terms (acronyms spelled out in the text)
    contacts.py     the Contacts page
    boards.py       boards, agencies, actions
    partnership.py  the front pages
    appendices.py   attendance and budget tables

The readers of any layout, by meaning (``layout.AnyLayout`` puts them together):

    find.py         sections by what their headings say, tables, sentences, audiences
    terms.py        glossary tables and TERM – expansion lines anywhere
    phones.py       phone lines anywhere, hours, out of hours, audience, borough
    front.py        partnership name, period, boroughs, partners, member agencies
    bodies.py       own board, sub-groups/committees/panels, agency reports, priorities
    definitions.py  what the report says its words mean ("What is Safeguarding?")
"""

from __future__ import annotations

from bot.kb.extract.appendices import attendance, budget
from bot.kb.extract.boards import actions, agencies, agency_blocks, boards, structure
from bot.kb.extract.common import Entry, due_date, sponsor_id
from bot.kb.extract.contacts import contacts
from bot.kb.extract.definitions import definitions
from bot.kb.extract.glossary import anchors, glossary, inline_terms
from bot.kb.extract.partnership import partnership

__all__ = [
    "Entry",
    "actions",
    "agencies",
    "agency_blocks",
    "anchors",
    "attendance",
    "boards",
    "budget",
    "contacts",
    "definitions",
    "due_date",
    "glossary",
    "inline_terms",
    "partnership",
    "sponsor_id",
    "structure",
]
