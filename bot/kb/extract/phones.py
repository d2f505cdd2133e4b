"""Phone lines in any layout: a number anywhere in a line or a table row, its hours on the
same line or the one before, out-of-hours lines in their usual wordings, the audience and
borough from the text around it.

Contact sections are found by meaning (contacts, worried about a child, report abuse ...);
a report without one is searched whole. Each number becomes one contact; the same number
said again for the same audience adds to the first (a name, hours), it is not a new line.
"""

from __future__ import annotations

import re

from bot.kb.extract import find
from bot.kb.extract.common import Entry
from bot.kb.report import Report, clean, slug
from bot.kb.timeranges import Opening, TimeTextError, describe_hours
from bot.kb.timeranges import parse_opening as _parse_opening

LONG_RE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[ -]?\d){8,9}(?![\d])")
SHORT_RE = re.compile(r"\b(999|112|101|111)\b")
_EMERGENCY = {"999", "112"}
_DIAL_RE = re.compile(
    r"\b(?:call|calling|dial|dialling|ring|phone|tel|telephone|on|number|or)\W*$", re.I
)
OUT_OF_HOURS_RE = re.compile(
    r"\b(?:outside (?:of )?(?:these|those|office|opening|normal|working) hours"
    r"|out of (?:office )?hours|all other times|at any other time|any other time"
    r"|evenings?,? (?:and|&) (?:at )?weekends?|evenings?, weekends?|emergency duty team|EDT"
    r"|overnight|when (?:we are|the office is|they are) closed)\b",
    re.I,
)
_NAME_RE = re.compile(r"(?:[A-Z][\w&'’.-]*)(?:\s+(?:(?:and|of|for|the|&|on)\s+)?[A-Z][\w&'’.-]*)*")
_STOP = set(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday "
    "sun sunday tel telephone phone call sms text mobile freephone outside out if you your the "
    "a an in at for and or please contact alternatively opening times evenings weekends "
    "email e-mail fax ring dial minicom textphone all other hours".split()
)
_LOWER_SERVICE_RE = re.compile(
    r"\b(?i:call|contact|ring|phone|to)\s+(?:the|your(?: local)?)\s+"
    r"([a-z][a-z' -]{2,50}?\b(?:team|service|line|hub|desk|helpline))\b"
)
# What the UK's short numbers are, when the report does not name who answers.
SHORT_NAMES = {"101": "Police (non-emergency)", "111": "NHS 111"}
_SERVICE_RE = re.compile(
    r"\b(?i:to|contact|call|ring|phone)\s+(?i:the\s+|your\s+(?:local\s+)?)?"
    r"((?:[A-Z][\w&'’-]*)(?:\s+(?:and|of|for|&)?\s*[A-Z][\w&'’-]*)*)"
)


_ORDER = (
    "id label service aliases audience boroughs phone other_phones purpose emergency always"
    " hours bank_holidays outside hours_text source"
).split()


def numbers(text: str) -> list[tuple[int, str]]:
    """``(position, number)`` of every phone number in ``text``; 999/101/111 only when dialled."""
    found = [
        (m.start(), " ".join(m.group(0).replace("-", " ").split())) for m in LONG_RE.finditer(text)
    ]
    for m in SHORT_RE.finditer(text):
        if m.group(1) in _EMERGENCY or _DIAL_RE.search(text[: m.start()]):
            found.append((m.start(), m.group(1)))
    return sorted(found)


def contacts(report: Report, boroughs: list[str], default_audience: str | None) -> list[Entry]:
    """Every phone line of the contact sections (or of the whole report if it has none)."""
    heads = find.sections_about(report, "contacts")
    groups = [report.with_children(h) for h in heads] or [[s] for s in report.sections]
    out: list[Entry] = []
    for group in groups:
        _Reader(report, group, boroughs, default_audience, out).read()
    for c in out:
        _name_aliases(c)
    out[:] = [{k: c[k] for k in sorted(c, key=_ORDER.index)} for c in out]
    if not [c for c in out if not c.get("emergency")]:
        where = ", ".join(h.title for h in heads) or "the whole report"
        report.warn(
            heads[0].line if heads else 1,
            f"0 phone lines found in {where}: looked for numbers like 0151 606 2008,"
            " 0800 555 111 and 101 in lines and tables, under headings saying "
            f"{', '.join(find.phrases('contacts')[:6])} ...",
        )
    return out


class _Reader:
    """One contact section: walks its lines and table rows in order."""

    def __init__(self, report, group, boroughs, default_audience, out) -> None:
        self.report, self.group, self.out = report, group, out
        self.boroughs = boroughs
        head = group[0]
        titles = " ".join(s.title for s in [report.parent(head), head] if s is not None)
        self.audience = find.audience(titles) or default_audience or "anyone"
        self.source = report.source(head) if head.level else report.heading_source(head)
        self.service = ""
        self.pending_hours = ""
        self.last_open: Entry | None = None
        self.mine: list[Entry] = []

    def read(self) -> None:
        for section in self.group:
            self.where = self.source if section is self.group[0] else report_where(self, section)
            rows = {no: cells for t in find.tables(section.lines) for no, cells in t.rows}
            for no, raw in section.lines:
                if no in rows:
                    self.row(no, rows[no])
                elif raw.strip() and not raw.lstrip().startswith("|"):
                    self.line(no, clean(re.sub(r"^\s*[-*•]\s+", "", raw)))
        for c in self.mine:  # "Evenings and weekends" before the hours it is outside of
            if c.pop("_ooh", False) and "outside" not in c and "hours" not in c:
                opened = next((o for o in self.mine if o.get("hours")), None)
                if opened is not None:
                    c["outside"] = opened["id"]

    def row(self, no: int, cells: list[str]) -> None:
        label = cells[0]
        for cell in cells[1:]:
            if numbers(cell):
                self.number_text(no, cell, label=label)
                return
        self.line(no, " ".join(cells))

    def line(self, no: int, text: str) -> None:
        for sentence in find.sentences(text):
            if numbers(sentence):
                self.number_text(no, sentence, paragraph=text)
                continue
            opening = parse_opening(_holidays(sentence))
            if opening.hours:
                if not self.hours_for_named(sentence, opening):
                    self.pending_hours = sentence
                continue
            m = _SERVICE_RE.search(sentence)
            low = _LOWER_SERVICE_RE.search(sentence)
            if m and find.words(m.group(1)).strip() not in _STOP:
                self.service = m.group(1).strip()
            elif low:
                self.service = low.group(1)
            self.pending_hours = ""

    def hours_for_named(self, sentence: str, opening) -> bool:
        """ "Opening times (Middlesbrough and Stockton-on-Tees): ..." gives named lines hours."""
        named = [c for c in self.mine if _names_in(c, sentence) and not c.get("hours")]
        for c in named:
            _set_hours(c, opening, sentence)
        if named:
            self.last_open = named[0]
        return bool(named)

    def number_text(self, no: int, text: str, label: str = "", paragraph: str = "") -> None:
        found = numbers(text)
        first_at = found[0][0]
        bare = LONG_RE.sub(" ", text)
        for _, number in [f for f in found if f[1] in _EMERGENCY]:
            self.emergency(number, text)
        found = [f for f in found if f[1] not in _EMERGENCY]
        if not found:
            return
        sms = [n for at, n in found if re.search(r"\b(?:sms|text)\W*$", text[:at], re.I)]
        phones = [n for _, n in found if n not in sms]
        phone = phones[0] if phones else found[0][1]
        hours_text = bare if parse_opening(_holidays(bare)).hours else self.pending_hours
        opening = parse_opening(_holidays(hours_text))
        ooh = bool(OUT_OF_HOURS_RE.search(label) or OUT_OF_HOURS_RE.search(text))
        name = _name_before(text[:first_at]) or ("" if _is_area(label, self) or ooh else label)
        low = _LOWER_SERVICE_RE.search(text[:first_at])
        if not name and low:
            name = low.group(1)[:1].upper() + low.group(1)[1:]
        if not name and phone in SHORT_NAMES:
            name = SHORT_NAMES[phone]
        area = label if _is_area(label, self) else next((b for b in self.boroughs if b in text), "")
        audience = find.audience(text) or self.audience
        if paragraph and find.audience(paragraph) == "anyone":
            audience = "anyone"
        existing = next(
            (c for c in self.out if c.get("phone") == phone and c["audience"] == audience), None
        )
        if existing is not None:
            _merge(existing, name, ooh, self.last_open)
            return
        service = name or self.service or self.report.heading_source(self.group[0])
        if ooh and not name:
            role, label_ = "out-of-hours", f"{service[:1].upper()}{service[1:]} out of hours"
        elif area:
            role, label_ = slug(area), name or f"{area} {_mid(service)}"
        elif name:
            drop = {"team", "the", "service", "s", audience, audience.rstrip("s")}
            words = [w for w in slug(name).split("-") if w not in drop]
            role, label_ = "-".join(words) or slug(name), name
        else:
            role, label_ = "weekday", service[:1].upper() + service[1:]
        entry: Entry = {
            "id": self.unique(f"{audience}-{role}" if audience != "anyone" else role),
            "label": label_,
            "service": service,
            "audience": audience,
            "phone": phone,
            "other_phones": [n for n in phones[1:] + sms if n != phone],
            "purpose": _purpose(paragraph or text, sms),
            "source": self.where,
        }
        if phone in SHORT_NAMES and name != SHORT_NAMES[phone]:  # "Cleveland Police" on 101
            entry["aliases"] = [SHORT_NAMES[phone]]
        if area:
            entry["boroughs"] = [area]
        if opening.hours:
            _set_hours(entry, opening, hours_text)
            self.last_open = entry
        elif ooh:
            entry["hours_text"] = _ooh_words(label + " " + text)
            if self.last_open is not None:
                entry["outside"] = self.last_open["id"]
            else:
                entry["_ooh"] = True
            if re.search(r"\b(?:bank|public) holidays?\b", text, re.I):
                entry["bank_holidays"] = "open"
        self.pending_hours = ""
        entry = {k: v for k, v in entry.items() if v not in ("", [])}
        self.out.append(entry)
        self.mine.append(entry)

    def emergency(self, number: str, text: str) -> None:
        if any(c.get("phone") == number for c in self.out):
            return
        self.out.append(
            {
                "id": f"emergency-{number}",
                "label": "Emergency services",
                "service": "Emergency services",
                "audience": "anyone",
                "phone": number,
                "emergency": True,
                "always": True,
                "hours_text": "24 hours a day, every day",
                "source": self.where,
            }
        )

    def unique(self, cid: str) -> str:
        ids = {c["id"] for c in self.out}
        k, out = 2, cid
        while out in ids:
            out, k = f"{cid}-{k}", k + 1
        return out


def _name_aliases(entry: Entry) -> None:
    """A line is asked for by its name ("the adult care hub number") and, when its name is
    three or more capitalised words with no area in it, by their initials ("EDT number")."""
    if entry.get("emergency"):
        return
    label = entry["label"]
    names = [*entry.get("aliases", []), label]
    ws = [w for w in re.findall(r"[\w'’]+", label) if w.lower() not in ("and", "of", "for", "the")]
    if len(ws) >= 3 and all(w[:1].isupper() for w in ws) and not entry.get("boroughs"):
        names.append("".join(w[0] for w in ws).upper())
    entry["aliases"] = list(dict.fromkeys(names))


def _mid(service: str) -> str:
    """A service named inside a label: "adult social care team" keeps its small letter."""
    capitals = any(w[:1].isupper() for w in service.split()[1:])
    return service if capitals else service[:1].lower() + service[1:]


def report_where(reader: _Reader, section) -> str:
    return f"{reader.source}, {section.title}" if section.title else reader.source


def parse_opening(text: str) -> Opening:
    """Hours as data, or none when the text's numbers are not times ("aged 16-25")."""
    try:
        return _parse_opening(text)
    except TimeTextError:
        return Opening()


def _holidays(text: str) -> str:
    return re.sub(r"\bpublic holidays?\b", "bank holidays", text, flags=re.I)


def _set_hours(entry: Entry, opening, text: str) -> None:
    entry["hours"] = [{**h, "days": list(h["days"])} for h in opening.hours]
    entry["bank_holidays"] = opening.bank_holidays or "closed"
    entry["hours_text"] = describe_hours(opening.hours, opening.bank_holidays) or text
    entry.pop("_ooh", None)


def _merge(entry: Entry, name: str, ooh: bool, last_open: Entry | None) -> None:
    """The same line said again: a name for a line that had none, and what it is outside of."""
    if name and name not in (entry["label"], *entry.get("aliases", [])):
        entry["aliases"] = [*entry.get("aliases", []), entry["label"]]
        entry["label"] = entry["service"] = name
    if ooh and "hours" not in entry and "outside" not in entry and last_open is not None:
        entry["outside"] = last_open["id"]
        entry.pop("_ooh", None)


def _name_before(text: str) -> str:
    """The last name-like phrase before the number: "to Cleveland Police by calling" -> ..."""
    for m in reversed(list(_NAME_RE.finditer(text))):
        ws = m.group(0).split()
        while ws and _stop(ws[0]):
            ws.pop(0)
        if ws and not all(_stop(w) for w in ws):
            return " ".join(ws).strip(" ,.:")
    return ""


def _stop(word: str) -> bool:
    """A word that is not part of a service's name: days, "Tel", times, "Outside" ..."""
    parts = [p for p in re.split(r"[-/–,.:()]+", word.lower()) if p]
    return all(p in _STOP or re.fullmatch(r"[\d.:]+(?:am|pm)?", p) for p in parts)


def _is_area(label: str, reader: _Reader) -> bool:
    return (
        bool(label)
        and not OUT_OF_HOURS_RE.search(label)
        and (label in reader.boroughs or not numbers(label) and len(label.split()) <= 4)
    )


def _names_in(contact: Entry, sentence: str) -> bool:
    return any(b in sentence for b in contact.get("boroughs", [])) or contact["label"] in sentence


def _ooh_words(text: str) -> str:
    m = OUT_OF_HOURS_RE.search(text)
    said = m.group(0) if m else "out of hours"
    return said[:1].upper() + said[1:]


def _purpose(text: str, sms: list[str]) -> str:
    """What the line is (and is not) for, in the report's words, and a text (SMS) number."""
    keep = [
        s
        for s in find.sentences(text)
        if re.search(r"\b(?:used? to|must not|should not|not for|do not use)\b", s, re.I)
    ]
    if sms:
        keep.append(f"Text (SMS): {', '.join(sms)}.")
    return " ".join(keep)
