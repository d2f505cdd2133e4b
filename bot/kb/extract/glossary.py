"""The glossary tables, and the acronyms the text spells out that the glossary lacks."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.kb.extract.boards import BOARD_RE, agency_blocks, sponsor_sections
from bot.kb.extract.common import Entry
from bot.kb.report import Report, clean, slug

_TERM_RE = re.compile(r"<b>(.*?)</b>\s*([^\t]*)")
_AFTER_RE = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,11})\)")  # "problem-solving team (PST)"
_BEFORE_RE = re.compile(r"\b([A-Za-z]*[A-Z][A-Za-z0-9&-]{1,11}) \(([^()]{3,80})\)")  # "RFG (...)"
_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "&", "a", "an"}


def glossary(report: Report) -> list[Entry]:
    """Every ``<b>TERM</b> expansion`` cell of the glossary tables, column by column."""
    section = report.section("Glossary", level=1)
    source = report.source(section)
    tables: list[list[list[tuple[str, str]]]] = [[]]
    for _, raw in section.lines:
        if not raw.strip():
            if tables[-1]:
                tables.append([])
            continue
        cells = [_TERM_RE.search(cell) for cell in raw.split("\t")]
        tables[-1].append([(m.group(1), m.group(2)) if m else ("", "") for m in cells])
    terms: list[Entry] = []
    for table in tables:
        width = max((len(row) for row in table), default=0)
        for col in range(width):
            for row in table:
                if col < len(row) and row[col][0].strip():
                    term, expansion = clean(row[col][0]), clean(row[col][1])
                    terms.append(
                        {"id": slug(term), "term": term, "expansion": expansion, "source": source}
                    )
    return terms


def anchors(report: Report) -> list[tuple[int, str]]:
    """``(first line, source)`` of every stretch of the report whose page is known."""
    out: list[tuple[int, str]] = []
    preamble = report.sections[0]
    foreword = next((e for e in report.contents if "foreword" in e.title.lower()), None)
    if preamble.lines and foreword is not None:
        out.append((preamble.lines[0][0], foreword.source()))
    for s in report.sections:
        entry = report.entry_for(s) if s.level >= 1 else None
        if entry is not None and (s.level == 1 or slug(s.title) == slug(entry.title)):
            out.append((s.line, entry.source(s.title)))
    group = report.group("Sponsors highlight reports")
    for sec in sponsor_sections(report):
        m = BOARD_RE.match(next((b.text for b in sec.blocks() if b.kind == "para"), ""))
        found = m and next((e for e in group if slug(e.title).startswith(slug(m["name"]))), None)
        if found:
            out.append((sec.line, found.source()))
    for line, raw in enumerate(report.lines, 1):
        if raw.startswith("<p><b>"):  # the MKSB round-up table follows the board reports
            roundup = next((e for e in report.contents if "round up" in e.title.lower()), None)
            if roundup is not None:
                out.append((line, roundup.source()))
            break
    entries = report.group("Agency highlight reports")
    for entry, (_, sec, _) in zip(entries, agency_blocks(report), strict=True):
        out.append((sec.line, entry.source()))
    return sorted(out)


def source_at(anchors_: list[tuple[int, str]], line: int) -> str:
    found = [src for start, src in anchors_ if start <= line]
    return found[-1] if found else ""


def inline_terms(report: Report, terms: list[Entry]) -> list[Entry]:
    """Acronyms the text spells out (``problem-solving team (PST)``, ``RFG (Recency, ...)``)
    that the glossary lacks or expands differently: ``inline: true`` senses."""
    where = anchors(report)
    skip = {report.section("Glossary", level=1).line, report.section("Contacts").line}
    return spelled_terms(report, terms, skip, lambda line: source_at(where, line) or report.path)


def spelled_terms(
    report: Report,
    terms: list[Entry],
    skip: set[int],
    source: Callable[[int], str],
    loose: bool = False,
) -> list[Entry]:
    """Inline terms from every section but those starting at the lines in ``skip``;
    ``loose``: a mixed-case acronym may skip one word ("LeDeR": Learning Disabilities
    Mortality Review)."""
    known: dict[str, list[str]] = {}
    for t in terms:
        known.setdefault(t["term"].lower(), []).append(t["expansion"])
    ids = {t["id"] for t in terms}
    out: list[Entry] = []
    for sec in report.sections:
        if sec.line in skip:
            continue
        for block in sec.blocks():
            for acronym, expansion in _spelled_out(block.text, loose):
                senses = known.setdefault(acronym.lower(), [])
                if any(_same_sense(expansion, s, acronym) for s in senses):
                    continue
                senses.append(expansion)
                tid = slug(acronym)
                if tid in ids:  # another sense: pst-problem-solving-team
                    tid = f"{tid}-{_clip(slug(expansion), 40)}"
                ids.add(tid)
                out.append(
                    {
                        "id": tid,
                        "term": acronym,
                        "expansion": expansion,
                        "inline": True,
                        "source": source(block.line),
                    }
                )
    return out


def _clip(slug_: str, width: int) -> str:
    """A slug cut at a word boundary."""
    out = ""
    for word in slug_.split("-"):
        if out and len(out) + 1 + len(word) > width:
            break
        out = f"{out}-{word}" if out else word
    return out


def _spelled_out(text: str, loose: bool = False) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for m in _AFTER_RE.finditer(text):
        acronym = _singular(m.group(1))
        words = list(re.finditer(r"[A-Za-z0-9']+|&", text[: m.start()]))
        plain = [w.group(0) for w in words]
        start = _match_backwards(_letters(acronym), plain)
        if start is None and loose and not acronym.isupper():
            start = _loose_start(_letters(acronym), plain)
        if start is not None:
            found.append((acronym, text[words[start].start() : m.start()].strip()))
    for m in _BEFORE_RE.finditer(text):
        acronym = _singular(m.group(1))
        words = re.findall(r"[A-Za-z0-9']+|&", m.group(2))
        ok = _initials_match(_letters(acronym), words)
        if not ok and loose and not acronym.isupper():
            ok = _loose_start(_letters(acronym), words) == 0
        if ok:
            found.append((acronym, m.group(2).strip()))
    return found


def _loose_start(letters: list[str], words: list[str]) -> int | None:
    """The last words whose initials hold ``letters`` in order, first and last on the
    first and last word, with at most one word more (small words aside)."""
    for extra in (0, 1):
        for k in range(len(words) - 1, -1, -1):
            tail = [w for w in words[k:] if w.lower() not in _SMALL_WORDS]
            if len(tail) > len(letters) + extra:
                break
            initials = [w[0].lower() for w in tail]
            if len(tail) == len(letters) + extra and initials[:1] == letters[:1]:
                it = iter(initials)
                if initials[-1] == letters[-1] and all(c in it for c in letters):
                    return k
    return None


def _singular(acronym: str) -> str:
    return acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym


def _letters(acronym: str) -> list[str]:
    upper = [c.lower() for c in acronym if c.isupper() or c.isdigit()]
    return upper if len(upper) >= 2 else [c.lower() for c in acronym if c.isalnum()]


def _match_backwards(letters: list[str], words: list[str]) -> int | None:
    """Index of the first of the last ``words`` whose initials spell ``letters``, if any."""
    i = len(letters) - 1
    k = len(words)
    while i >= 0 and k > 0:
        k -= 1
        word = words[k]
        if word[0].lower() == letters[i]:
            i -= 1
        elif word.lower() not in _SMALL_WORDS:
            return None
    if i >= 0 or k == len(words) or words[k].lower() in _SMALL_WORDS:
        return None
    return k


def _initials_match(letters: list[str], words: list[str]) -> bool:
    initials = [w[0].lower() for w in words if w.lower() not in _SMALL_WORDS]
    with_small = [w[0].lower() for w in words]
    return letters in (initials, with_small)


def _same_sense(a: str, b: str, acronym: str = "") -> bool:
    """The same words spell the acronym in both, or one's words are all in the other's.

    Plurals, case and punctuation are ignored: "Safeguarding Adult Reviews" is the
    glossary's "Safeguarding Adult Review", but "Community Resolution Multi-Agency ..."
    is not "Community Risk-Multi-Agency ..." (a different word carries the R).
    """

    def words(text: str) -> list[str]:
        return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())]

    wa, wb = words(a), words(b)
    letters = _letters(acronym) if acronym else []
    if letters and all(_initials_match(letters, re.findall(r"[A-Za-z0-9']+|&", x)) for x in (a, b)):
        return [w for w in wa if w not in _SMALL_WORDS] == [w for w in wb if w not in _SMALL_WORDS]
    sa, sb = set(wa) - _SMALL_WORDS, set(wb) - _SMALL_WORDS
    return sa <= sb or sb <= sa
