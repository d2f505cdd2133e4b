"""Names in the report -> ids in the knowledge base: the table to edit for a new report.

Agencies are found in the report by any of their names (full name, acronym, the title
used in the contents list); the first name is the one shown. Another partnership, or
next year's report with a new agency, needs an edit here, not in the extractors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.kb.report import clean


@dataclass(frozen=True)
class AgencyName:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None


AGENCIES: list[AgencyName] = [
    AgencyName("mkc", "Milton Keynes Council", ["MKC", "MK Council"]),
    AgencyName(
        "mkc-asc",
        "Milton Keynes Council, Adult Social Care",
        ["MKC Adult Social Care", "MKC ASC", "Adult Social Care", "ASC"],
        parent="mkc",
    ),
    AgencyName(
        "mkc-csc",
        "Milton Keynes Council, Children's Social Care",
        ["MKC Children's Social Care", "MKC CSC", "Children's Social Care", "CSC"],
        parent="mkc",
    ),
    AgencyName(
        "mkccg",
        "Milton Keynes Clinical Commissioning Group",
        ["MKCCG", "MK CCG", "CCG"],
    ),
    AgencyName("tvp", "Thames Valley Police", ["TVP"]),
    AgencyName(
        "mkuhft",
        "Milton Keynes University Hospital NHS Foundation Trust",
        [
            "MKUHFT",
            "Milton Keynes University Hospital Foundation Trust",
            "Milton Keynes Hospital",
            "Milton Keynes University Hospital",
            "MKUH",
        ],
    ),
    AgencyName("healthwatch", "Healthwatch Milton Keynes", ["Healthwatch"]),
    AgencyName(
        "cnwl",
        "Central and North West London NHS Foundation Trust",
        [
            "CNWL",
            "Central & North West London NHS Trust",
            "Central & North West London NHS Trust (CNWL)",
            "CNWL MK",
            "CNWL-MK",
        ],
    ),
    AgencyName("nps", "National Probation Service", ["NPS", "probation"]),
    AgencyName(
        "oakhill-stc",
        "Oakhill Secure Training Centre",
        ["Oakhill STC", "Oakhill"],
    ),
    AgencyName(
        "bucks-fire",
        "Buckinghamshire Fire & Rescue Service",
        ["Bucks Fire & Rescue Service", "Bucks Fire and Rescue", "Bucks Fire"],
    ),
    AgencyName("scas", "South Central Ambulance Service", ["SCAS"]),
]

# Boards and bodies whose id is not simply the slug of their name.
BODY_IDS: dict[str, str] = {
    "MK Together Management Board": "management-board",
}
BODY_ALIASES: dict[str, list[str]] = {
    "management-board": ["MKTMB", "Management Board"],
    "health-and-wellbeing-board": ["HWB", "Health & Wellbeing Board"],
    "community-safety-partnership": ["CSP", "Safer MK Partnership"],
}

# Role abbreviations the report uses without a glossary entry ("Sponsor: MKC (DPH)").
ROLES: dict[str, str] = {
    "DPH": "Director of Public Health",
    "DASS": "Director of Adult Social Services",
    "DCS": "Director of Children's Services",
}

# Settings the report does not state.
TIMEZONE = "Europe/London"
HOLIDAYS = {"country": "GB", "subdiv": "ENG"}


def _key(name: str) -> str:
    return clean(name).lower().replace(" and ", " & ").strip(" .")


_BY_NAME: dict[str, str] = {}
for _a in AGENCIES:
    for _n in [_a.id, _a.name, *_a.aliases]:
        _BY_NAME.setdefault(_key(_n), _a.id)


def agency_id(name: str) -> str | None:
    """The id of the agency called ``name`` (any known name; case and '&'/'and' ignored)."""
    return _BY_NAME.get(_key(name))


def agency(agency_id_: str) -> AgencyName:
    for a in AGENCIES:
        if a.id == agency_id_:
            return a
    raise KeyError(agency_id_)
