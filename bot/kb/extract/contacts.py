"""The Contacts page: phone lines with opening hours as data, email boxes, the office."""

from __future__ import annotations

import re

from bot.kb.extract.common import Entry, website_source
from bot.kb.report import Block, Report, slug
from bot.kb.timeranges import describe_hours, parse_opening

_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{5,}[0-9](?:/[0-9]{1,4})?$")
_EMAIL_RE = re.compile(r"[^@\s\[\]()<>:]+@[^@\s\[\]()<>]+\.[a-z]{2,}", re.I)
_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}\b")
_EMERGENCY_RE = re.compile(r"\b(999|112)\b")


def contacts(
    report: Report, terms: list[Entry], website: str = "", partnership_name: str = ""
) -> list[Entry]:
    """Phone lines, email boxes and the office address of the Contacts section.

    A line of text (a name and/or opening hours) waits for the phone number under it;
    an email or an address stands alone, except that an email right under an address
    belongs to it. Ids are ``<audience>-<role>``: the role is the name in the text, else
    ``weekday`` / ``out-of-hours`` / ``email``; an address gives ``<service>-office``.
    """
    top = report.section("Contacts")
    expansions = {t["term"]: t["expansion"] for t in terms}
    source = report.source(top)
    out: list[Entry] = []
    for part in report.until_next(top, top.level):
        service = part.title if part is not top else ""
        where = f"{source}, {service}" if service else source
        pending: Block | None = None
        last_hours: Entry | None = None
        for block in part.blocks():
            text = block.text
            emails = _EMAIL_RE.findall(text)
            if not service and _EMERGENCY_RE.search(text):
                out.append(_emergency(text, where))
            elif not service:
                continue
            elif _PHONE_RE.match(text):
                entry = _phone_contact(service, pending.text if pending else "", text, where)
                if entry["label"] in expansions:  # "MASH" -> "MASH (Multi-Agency ...)"
                    short, long = entry["label"], expansions[entry["label"]]
                    entry["label"] = f"{short} ({long})"
                    entry["aliases"] = [short, long]
                    _reorder(entry)
                if entry.get("outside") == "" and last_hours is not None:
                    entry["outside"] = last_hours["id"]
                    name = (last_hours.get("aliases") or [last_hours["label"]])[0]
                    entry["hours_text"] += f", when the {name} is closed"
                entry = {k: v for k, v in entry.items() if v != ""}
                if "hours" in entry:
                    last_hours = entry
                out.append(entry)
                pending = None
            elif emails and out and out[-1].get("address") and not out[-1].get("email"):
                out[-1]["email"] = emails[0]
                _reorder(out[-1])
            elif emails:
                role = _audience(service)
                out.append(
                    {
                        "id": f"{role}-email",
                        "label": f"{service} email",
                        "service": service,
                        "audience": role if role in ("children", "adults") else "anyone",
                        "email": emails[0],
                        "source": where,
                    }
                )
            elif _POSTCODE_RE.search(text):
                name = text.split(",")[0].strip()
                full = partnership_name if partnership_name.startswith(name) else name
                entry = {
                    "id": f"{slug(name)}-office",
                    "label": f"{full} office",
                    "service": name,
                    "aliases": list(dict.fromkeys([name, full, f"{name} office"])),
                    "audience": "anyone",
                    "address": text,
                    "source": source,
                }
                if website:
                    entry["website"] = website
                    entry["source"] = f"{source}; website from {website_source(report)}"
                out.append(entry)
            else:
                pending = block
    return out


_CONTACT_ORDER = [
    "id",
    "label",
    "service",
    "aliases",
    "audience",
    "phone",
    "other_phones",
    "email",
    "address",
    "website",
    "purpose",
    "emergency",
    "always",
    "hours",
    "bank_holidays",
    "outside",
    "hours_text",
    "source",
]


def _reorder(entry: Entry) -> None:
    items = sorted(entry.items(), key=lambda kv: _CONTACT_ORDER.index(kv[0]))
    entry.clear()
    entry.update(items)


def _audience(service: str) -> str:
    words = slug(service).split("-")
    for a in ("children", "adults"):
        if a in words:
            return a
    return slug(service)


def _emergency(text: str, source: str) -> Entry:
    number = _EMERGENCY_RE.search(text).group(1)  # type: ignore[union-attr]
    who = re.search(
        r"concern about (an? [\w ]+?) and (?:they|he|she) (?:are|is) ([^,.]*danger)", text
    )
    return {
        "id": f"emergency-{number}",
        "label": "Emergency services",
        "service": "Emergency services",
        "audience": "anyone",
        "phone": number,
        "purpose": f"when {who.group(1)} is {who.group(2)}" if who else "",
        "emergency": True,
        "always": True,
        "hours_text": "24 hours a day, every day",
        "source": source,
    }


def _phone_contact(service: str, text: str, phone: str, source: str) -> Entry:
    audience = _audience(service)
    name, _, hours_part = text.partition(" - ")
    if not hours_part:
        name, hours_part = "", text
    paren = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    if paren and not name:
        name, hours_part = paren.group(1), paren.group(2)
    opening = parse_opening(hours_part)
    if name:
        words = [w for w in slug(name).split("-") if w not in ("team", "the", "service")]
        role, label = "-".join(words), name
    elif re.match(r"(?i)\s*out of (office )?hours", hours_part):
        role, label = "out-of-hours", f"{service} out of hours"
    else:
        role, label = "weekday", service
    numbers = _phones(phone)
    entry: Entry = {
        "id": f"{audience}-{role}",
        "label": label,
        "service": service,
        "audience": audience if audience in ("children", "adults") else "anyone",
        "phone": numbers[0],
        "other_phones": numbers[1:],
        "hours": opening.hours,
        "bank_holidays": opening.bank_holidays or "",
        "outside": "" if opening.out_of_hours else None,
        "hours_text": describe_hours(opening.hours, opening.bank_holidays) or hours_part.strip(),
        "source": source,
    }
    if not entry["other_phones"]:
        del entry["other_phones"]
    if not entry["hours"]:
        del entry["hours"]
    if entry["outside"] is None:
        del entry["outside"]
    return entry


def _phones(text: str) -> list[str]:
    """``01908 253169/70`` -> ``["01908 253169", "01908 253170"]``."""
    first, *rest = text.split("/")
    first = first.strip()
    return [first] + [first[: len(first) - len(r.strip())] + r.strip() for r in rest]
