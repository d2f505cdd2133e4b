"""Does a question ask about another area's safeguarding ("the Oxfordshire MASH number",
"who sponsors the quality board in Northamptonshire")? The knowledge is one partnership's, so
its numbers and boards are no answer there.

Vocabulary only: the counties, unitary authorities and larger towns of the UK (not those
that are everyday words: Bath, Reading, Bury). A place inside a name the question matches
("Buckinghamshire Fire & Rescue") is not elsewhere, and a question that also names the
partnership's own area ("a child from Luton staying in <our area>") is about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.text import initials

PLACES = """
bedfordshire berkshire bristol buckinghamshire cambridgeshire cheshire cornwall cumbria
derbyshire devon dorset durham essex gloucestershire hampshire herefordshire hertfordshire
kent lancashire leicestershire lincolnshire norfolk northamptonshire northumberland
nottinghamshire oxfordshire rutland shropshire somerset staffordshire suffolk surrey
warwickshire wiltshire worcestershire yorkshire sussex merseyside cleveland london
birmingham manchester liverpool leeds sheffield bradford newcastle sunderland nottingham
leicester coventry wolverhampton plymouth southampton portsmouth brighton slough oxford
cambridge northampton bedford luton aylesbury wycombe watford peterborough norwich ipswich
swindon gloucester exeter york doncaster wakefield kirklees calderdale barnsley rotherham
wigan bolton salford stockport trafford tameside oldham rochdale sefton wirral knowsley
blackpool blackburn preston middlesbrough stockton darlington hartlepool gateshead walsall
sandwell solihull telford wokingham bracknell windsor maidenhead hillingdon croydon barnet
enfield camden hackney islington lambeth lewisham southwark westminster wandsworth bromley
ealing haringey newham redbridge havering bexley greenwich hounslow merton wales cardiff
swansea scotland glasgow edinburgh aberdeen dundee belfast ireland
""".split()
PLACE_PHRASES = (
    "north yorkshire", "west yorkshire", "south yorkshire", "east riding", "west sussex",
    "east sussex", "west midlands", "central bedfordshire", "north northamptonshire",
    "west northamptonshire", "isle of wight", "tower hamlets", "hammersmith and fulham",
    "kensington and chelsea", "waltham forest", "barking and dagenham", "milton keynes",
    "stoke on trent", "southend on sea", "brighton and hove", "county durham",
)  # fmt: skip
_PLACE = re.compile(
    r"\b(" + "|".join(sorted((*PLACE_PHRASES, *PLACES), key=len, reverse=True)) + r")\b"
)


def other_area(
    text: str, own_area: str | Sequence[str], named: str, names: Sequence[str] = ()
) -> str | None:
    """The first place ``text`` names that is not inside ``named`` (the names the question
    matched) nor part of one of ``names`` it echoes ("buckinghamshire fire"), in title case;
    None if there is none or ``text`` names an area of its own. ``own_area`` is the
    partnership's area, or its area and boroughs ("an adult in X" for a borough X)."""
    owns = [a.lower() for a in ([own_area] if isinstance(own_area, str) else own_area) if a]
    named = named.lower()
    text = text.lower()
    asked = set(re.findall(r"[a-z]{4,}", text))
    for own in owns:
        short = initials(own)  # how a place of two words is written short; one word has none
        if _says(text, own) or (short and re.search(rf"\b{re.escape(short)}\b", text)):
            return None
    for m in _PLACE.finditer(text):
        place = m.group(1)
        if any(place in own or own in place for own in owns) or place in named:
            continue
        echoed = [
            n
            for n in names
            if place in n.lower() and (set(re.findall(r"[a-z]{4,}", n.lower())) - {place}) & asked
        ]
        if echoed:
            continue
        return place.title()
    return None


def _says(text: str, place: str) -> bool:
    """Whether ``text`` names ``place`` ("stockton on tees" in "stockton-on-tees")."""
    norm = " ".join(re.findall(r"[a-z0-9]+", place.replace("&", " and ")))
    return place in text or (bool(norm) and norm in " ".join(re.findall(r"[a-z0-9]+", text)))


def names_a_place(text: str) -> bool:
    """Whether ``text`` names any place of the list (the partnership's own included)."""
    return _PLACE.search(text.lower()) is not None
