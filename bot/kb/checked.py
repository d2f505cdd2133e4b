"""Make built files pass ``kb check``: whatever the extractors found, the files load.

Ids become slugs and are made unique, dangling references are resolved from the names
file (an agency it knows) or dropped, and entries the loader would refuse (a blank term,
a contact with nothing to reach it by, an unreadable number) are dropped. Each change is
a warning, so the build says what it left out instead of writing files that do not load.
"""

from __future__ import annotations

from typing import Any

from bot.kb.loader import ID_RE, PHONE_RE, TIME_RE
from bot.kb.report import Report, slug

Files = dict[str, dict[str, Any]]


def checked(report: Report, files: Files) -> Files:
    part = files["partnership.yaml"]["partnership"]
    terms = files["glossary.yaml"]["terms"]
    contacts = files["contacts.yaml"]["contacts"]
    boards = files["boards.yaml"]["boards"]
    agencies = files["agencies.yaml"]["agencies"]
    actions = files["actions.yaml"]["actions"]
    if not ID_RE.match(str(part.get("id", ""))):
        part["id"] = slug(str(part.get("id", ""))) or "partnership"
    terms[:] = [t for t in terms if _nonblank(report, t, ("term", "expansion"), "glossary term")]
    actions[:] = [a for a in actions if _nonblank(report, a, ("text",), "action")]
    for item in boards + agencies:
        if not str(item.get("name") or "").strip():
            item["name"] = str(item.get("id") or "unnamed")
    contacts[:] = [c for c in (_contact(report, c) for c in contacts) if c is not None]
    for kind, items in (("term", terms), ("contact", contacts), ("action", actions)):
        _unique_ids(items, {}, kind)
    owners: dict[str, str] = {}
    _unique_ids(boards, owners, "board")
    _unique_ids(agencies, owners, "agency")
    ids = {c["id"] for c in contacts}
    for c in contacts:
        if c.get("outside") not in ids or c.get("outside") == c["id"]:
            c.pop("outside", None)
    agency_ids = {a["id"] for a in agencies}

    def need_agency(aid: str, line: int, why: str) -> bool:
        if aid in agency_ids:
            return True
        try:
            known = report.names.agency(aid)
        except KeyError:
            report.warn(line, f"{why}: no agency {aid!r}; left out")
            return False
        entry = {"id": known.id, "name": known.name, "aliases": list(known.aliases)}
        if known.parent:
            entry["parent"] = known.parent
        entry["source"] = part.get("source", report.path)
        agencies.append({k: v for k, v in entry.items() if v not in ("", None, [])})
        agency_ids.add(aid)
        if known.parent:
            need_agency(known.parent, line, f"agency {aid!r}'s parent")
        return True

    for b in boards:
        if b.get("sponsor") and not need_agency(b["sponsor"], 1, f"sponsor of {b['id']!r}"):
            b.pop("sponsor")
    for a in list(agencies):
        if a.get("parent") and not need_agency(a["parent"], 1, f"parent of {a['id']!r}"):
            a.pop("parent")
    part["safeguarding_partners"] = [
        p
        for p in part.get("safeguarding_partners", [])
        if need_agency(p, 1, "safeguarding partner")
    ]
    owner_ids = {b["id"] for b in boards} | agency_ids
    for act in [a for a in actions if a.get("owner") not in owner_ids]:
        report.warn(1, f"action {act['id']!r}: owner {act.get('owner')!r} not found; left out")
        actions.remove(act)
    learned = [a for a in report.names.learned if a in agency_ids]
    if learned:
        report.warn(
            1,
            f"{len(learned)} agencies named from the report's own words ({', '.join(learned)}):"
            " check their names and add aliases and parents in a names file (--names)",
        )
    return files


def _nonblank(report: Report, entry: dict, fields: tuple[str, ...], kind: str) -> bool:
    if all(str(entry.get(f) or "").strip() for f in fields):
        return True
    report.warn(1, f"{kind} {entry.get('id')!r}: {' or '.join(fields)} empty; left out")
    return False


def _contact(report: Report, c: dict) -> dict | None:
    for key in ("phone",):
        if c.get(key) and not PHONE_RE.match(c[key].strip()):
            report.warn(1, f"contact {c['id']!r}: cannot read the number {c[key]!r}; left out")
            c.pop(key)
    c["other_phones"] = [p for p in c.get("other_phones", []) if PHONE_RE.match(p.strip())]
    if not c["other_phones"]:
        c.pop("other_phones")
    hours = [
        h
        for h in c.get("hours", [])
        if TIME_RE.match(h["open"]) and TIME_RE.match(h["close"]) and h["open"] < h["close"]
    ]
    if "hours" in c:
        if hours:
            c["hours"] = hours
        else:
            c.pop("hours")
    if c.get("hours") or c.get("always"):
        c.pop("outside", None)
    if c.get("hours"):
        c.pop("always", None)
    if not (c.get("phone") or c.get("email") or c.get("address") or c.get("website")):
        report.warn(1, f"contact {c['id']!r}: no number, email, address or website; left out")
        return None
    return c


def _unique_ids(items: list[dict], seen: dict[str, str], kind: str) -> None:
    for item in items:
        base = item.get("id", "")
        if not ID_RE.match(str(base)):
            base = slug(str(base)) or kind
        new, k = base, 2
        while new in seen:
            new, k = f"{base}-{k}", k + 1
        item["id"] = new
        seen[new] = kind
