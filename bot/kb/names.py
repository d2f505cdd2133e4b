"""Names in the report -> ids in the knowledge base, read from a names file (YAML data).

Agencies are found in the report by any of their names (full name, acronym, the title
used in a contents list); the first name is the one shown. A partnership keeps its own
names file beside its knowledge (``sgbot kb build REPORT -o DIR --names FILE``); without
one, agencies get ids from the report's own words. An agency the file does not know
never stops a build: it is *learned* (id from its name) and the build warns about it.

The defaults every build starts from (role abbreviations, time zone, bank holidays)
are ``bot/kb/data/names.yaml``; a partnership's file adds to them.

    agencies:   [{id, name, aliases, parent}]    the shown name first, then aliases
    bodies:     [{id, name, aliases}]            boards whose id is not the slug of a name
    roles:      [{short, name}]                  "Sponsor: X (DPH)" -> Director of Public Health
    timezone, holidays: {country, subdiv}        settings a report does not state
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import DataError
from bot.kb.models import HolidayRegion
from bot.kb.report import clean, slug
from bot.validation import Reader

DEFAULTS = Path(__file__).resolve().parent / "data" / "names.yaml"


@dataclass(frozen=True)
class AgencyName:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None


@dataclass(frozen=True)
class BodyName:
    id: str
    name: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Role:
    short: str
    name: str


_KEYS = {
    "agencies": list[AgencyName],
    "bodies": list[BodyName],
    "roles": list[Role],
    "timezone": str,
    "holidays": HolidayRegion,
}


def _key(name: str) -> str:
    return clean(name).lower().replace(" and ", " & ").strip(" .")


class Names:
    """The agencies, bodies and roles a build knows, plus the agencies it learned."""

    def __init__(self) -> None:
        self.agencies: list[AgencyName] = []
        self.body_ids: dict[str, str] = {}
        self.body_aliases: dict[str, list[str]] = {}
        self.roles: dict[str, str] = {}
        self.timezone = "Europe/London"
        self.holidays: dict[str, str] = {"country": "GB", "subdiv": "ENG"}
        self.learned: list[str] = []  # ids of agencies the names file did not know
        self._by_name: dict[str, str] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Names:
        """The defaults, then ``path`` (a problem in either is ``path:line: message``)."""
        names = cls()
        for p in [DEFAULTS, *([Path(path)] if path else [])]:
            reader = Reader(p, str(p))
            data = reader.top(reader.compose(), _KEYS)
            problems = [x for x in reader.problems if not x.message.startswith("missing key")]
            if problems:  # every key is optional
                raise DataError(problems)
            names._add(data)
        return names

    def _add(self, data: dict) -> None:
        for a in data.get("agencies", []):
            self.agencies.append(a)
            for n in [a.id, a.name, *a.aliases]:
                self._by_name.setdefault(_key(n), a.id)
        for b in data.get("bodies", []):
            if b.name:
                self.body_ids[b.name] = b.id
            if b.aliases:
                self.body_aliases[b.id] = list(b.aliases)
        self.roles.update({r.short: r.name for r in data.get("roles", [])})
        self.timezone = data.get("timezone", self.timezone)
        if data.get("holidays") is not None:
            h = data["holidays"]
            self.holidays = {"country": h.country, **({"subdiv": h.subdiv} if h.subdiv else {})}

    def agency_id(self, name: str) -> str | None:
        """The id of the agency called ``name`` (any known name; case and '&'/'and' ignored)."""
        return self._by_name.get(_key(name))

    def agency(self, agency_id: str) -> AgencyName:
        for a in self.agencies:
            if a.id == agency_id:
                return a
        raise KeyError(agency_id)

    def learn(self, name: str, aliases: list[str] | None = None) -> str:
        """An agency the file does not know, named as the report names it: its new id."""
        found = self.agency_id(name)
        if found is not None:
            return found
        base = slug(name) or "agency"
        aid, k = base, 2
        while any(a.id == aid for a in self.agencies):
            aid, k = f"{base}-{k}", k + 1
        self.agencies.append(AgencyName(aid, clean(name), list(aliases or [])))
        for n in [aid, name, *(aliases or [])]:
            self._by_name.setdefault(_key(n), aid)
        self.learned.append(aid)
        return aid

    def body_id(self, name: str) -> str:
        return self.body_ids.get(name, slug(name))

    def role(self, short: str) -> str:
        return self.roles.get(short, short)
