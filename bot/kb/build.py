"""``sgbot kb build REPORT -o DIR`` and ``sgbot kb diff REPORT DIR``.

``build`` extracts a knowledge directory from the annual report (Markdown) and checks
it with the loader; ``diff`` builds into a temporary directory and shows what a curated
directory adds, drops or changes, entry by entry: the to-do list for next year's report.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.errors import DataError, Problem
from bot.kb import extract
from bot.kb.checked import checked
from bot.kb.extract.common import Entry
from bot.kb.extract.layout import AnyLayout, period_end
from bot.kb.loader import FILES, OPTIONAL_FILES, load_knowledge
from bot.kb.names import Names
from bot.kb.report import Report

HEADER = (
    "# Built by `sgbot kb build` from {report}.\n"
    "# Every entry's `source` names the report section (and page) it came from.\n"
)


def build(
    report_path: str | Path,
    names: str | Path | None = None,
    warnings: list[Problem] | None = None,
) -> dict[str, dict[str, Any]]:
    """The knowledge files (name -> top-level mapping) extracted from the report.

    ``names`` is the partnership's names file. A report with a contents list (Title<TAB>page)
    is read with the readers of that layout first; any part they cannot read, and any
    report without one, is read by meaning (:class:`AnyLayout`). What the build could not
    find or had to guess is appended to ``warnings`` (``path:line: message``); the files
    always pass ``kb check``.
    """
    report = Report.parse(report_path, Names.load(names))
    files = _extract(report, AnyLayout(report))
    fixed = checked(report, files)
    if warnings is not None:
        warnings.extend(report.warnings)
    return fixed


def _extract(report: Report, any_: AnyLayout) -> dict[str, dict[str, Any]]:
    def attempt(
        what: str, layout: Callable[[], Any], generic: Callable[[], Any], empty: Any
    ) -> Any:
        if report.contents:
            try:
                return layout()
            except DataError as exc:
                for p in exc.problems:
                    report.warn(p.line, f"{p.message} ({what} read by meaning instead)")
            except Exception as exc:  # a layout this reader does not fit: read by meaning
                report.warn(1, f"{what}: {_said(exc)} (read by meaning instead)")
        try:
            return generic()
        except Exception as exc:  # never a traceback: say it and go on with the rest
            report.warn(1, f"{what}: could not be read ({_said(exc)}); left empty")
            return empty

    part = attempt(
        "partnership", lambda: extract.partnership(report), any_.partnership, {"id": any_.pid}
    )
    for key, value in any_.required(part).items():
        part.setdefault(key, value)

    def mk_terms() -> list[Entry]:
        found = extract.glossary(report)
        return found + extract.inline_terms(report, found)

    terms = attempt("glossary", mk_terms, any_.glossary, [])
    contacts = attempt(
        "contacts",
        lambda: extract.contacts(
            report, terms, website=part.get("website", ""), partnership_name=part.get("name", "")
        ),
        any_.contacts,
        [],
    )
    boards, board_steps = attempt(
        "boards", lambda: extract.boards(report, terms), lambda: (any_.boards(part), []), ([], [])
    )

    def mk_agencies() -> tuple[list[Entry], list[Entry]]:
        agencies = extract.agencies(report, boards, part.get("safeguarding_partners", []))
        agency_steps = [(aid, nxt) for aid, _, nxt in extract.agency_blocks(report) if nxt]
        actions = extract.actions(report, board_steps + agency_steps, _period_end(part))
        return agencies, actions

    def any_agencies() -> tuple[list[Entry], list[Entry]]:
        agencies, partners = any_.agencies(terms)
        if partners and not part["safeguarding_partners"]:
            part["safeguarding_partners"] = partners
        steps = extract.actions(report, board_steps, _period_end(part)) if board_steps else []
        return agencies, steps + any_.actions(terms, part.get("report_period", ""))

    agencies, actions = attempt("agencies and actions", mk_agencies, any_agencies, ([], []))
    files: dict[str, dict[str, Any]] = {
        "partnership.yaml": {"partnership": part},
        "glossary.yaml": {"terms": terms},
        "contacts.yaml": {"contacts": contacts},
        "boards.yaml": {"boards": boards},
        "agencies.yaml": {"agencies": agencies},
        "actions.yaml": {"actions": actions},
    }
    if report.contents:
        with contextlib.suppress(Exception):  # appendices are optional: MK's layout only
            files["appendices.yaml"] = {
                "attendance": extract.attendance(report),
                "budget": extract.budget(report),
            }
    definitions = attempt(
        "definitions", lambda: extract.definitions(report), lambda: extract.definitions(report), []
    )
    if definitions:
        files["definitions.yaml"] = {"definitions": definitions}
    return files


def _said(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _period_end(part: dict[str, Any]) -> dt.date | None:
    """The last day of the reporting year (``2019-20`` -> 31 March 2020)."""
    return period_end(part.get("report_period", ""))


# -- YAML output ----------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line: ``{days: [mon, tue], open: '09:00', ...}``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # indent lists under their key


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    short = all(isinstance(x, str | int) and len(str(x)) <= 40 for x in data)
    flow = bool(data) and short and sum(len(str(x)) + 2 for x in data) <= 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(_Flow, _represent_flow)


def dump(document: dict[str, Any]) -> str:
    """YAML for one file, one blank line between the entries of a list."""
    document = _flowed(document)
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return re.sub(r"(?<=[^:\n])\n(  - id: )", r"\n\n\1", text)


def _flowed(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        if key in ("holidays", "scrutineer") or (key == "hours" and "days" in value):
            return _Flow(value)
        return {k: _flowed(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_flowed(v, key) for v in value]
    return value


def write(files: dict[str, dict[str, Any]], directory: str | Path, report: str) -> None:
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name, document in files.items():
        text = HEADER.format(report=Path(report).name) + dump(document)
        (out / name).write_text(text, encoding="utf-8")


# -- commands ---------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    """Build, write and check; prints the counts like ``kb check``, then every warning."""
    warnings: list[Problem] = []
    files = build(args.report, getattr(args, "names", None), warnings)
    write(files, args.output, args.report)
    kb = load_knowledge(args.output)
    for kind, n in kb.counts().items():
        print(f"{n:5d} {kind}")
    print(f"{args.output}: built from {args.report}")
    if warnings:
        print(f"{len(warnings)} warnings (what to check or add by hand):")
        for w in warnings:
            print(f"  {w}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Show what the curated directory adds (+), lacks (-) and changes (~) against a build."""
    if not Path(args.directory).is_dir():
        raise DataError([Problem(str(args.directory), 1, "not a directory")])
    names = getattr(args, "names", None)
    if names is None and (Path(args.directory) / "names.yaml").is_file():
        names = Path(args.directory) / "names.yaml"
    with tempfile.TemporaryDirectory(prefix="sgbot-kb-") as tmp:
        write(build(args.report, names), tmp, args.report)
        built = read_entries(tmp)
    curated = read_entries(args.directory)
    print(
        f"# + only in {args.directory} (curated), - only in the build of {Path(args.report).name},"
        " ~ field differs (build -> curated)"
    )
    for line in diff_lines(built, curated):
        print(line)
    return 0


def read_entries(directory: str | Path) -> dict[str, dict[str, dict[str, Any]]]:
    """file name -> id -> entry, as plain YAML (a file that is missing or broken is empty)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, keys in {**FILES, **OPTIONAL_FILES}.items():
        path = Path(directory) / name
        entries: dict[str, dict[str, Any]] = {}
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        for key in keys:
            value = data.get(key)
            if isinstance(value, list):
                for k, item in enumerate(value):
                    if isinstance(item, dict):
                        entries[str(item.get("id", f"{key}[{k}]"))] = item
            elif isinstance(value, dict):
                entries[str(value.get("id", key))] = value
        if entries or path.exists():
            out[name] = entries
    return out


def diff_lines(
    built: dict[str, dict[str, dict[str, Any]]], curated: dict[str, dict[str, dict[str, Any]]]
) -> list[str]:
    """``+ id`` only curated, ``- id`` only built, ``~ id.field: build -> curated``."""
    lines: list[str] = []
    totals = {"+": 0, "-": 0, "~": 0}
    for name in [*built, *[n for n in curated if n not in built]]:
        b, c = built.get(name, {}), curated.get(name, {})
        body: list[str] = []
        if name not in built or name not in curated:
            b = c = {}
        for eid in c:
            if eid not in b:
                body.append(f"  + {eid}")
                totals["+"] += 1
        for eid in b:
            if eid not in c:
                body.append(f"  - {eid}")
                totals["-"] += 1
        for eid in c:
            if eid in b:
                changed = _changes(eid, b[eid], c[eid])
                totals["~"] += bool(changed)
                body.extend(changed)
        if name not in curated:
            head = f"{name}: missing from the curated directory ({len(built[name])} built)"
        elif name not in built:
            head = f"{name}: only in the curated directory ({len(curated[name])} entries)"
        else:
            head = f"{name}: {len(b)} built, {len(c)} curated" + ("" if body else ", no changes")
        lines.append(head)
        lines.extend(body)
    lines.append(
        f"{totals['+']} only curated (+), {totals['-']} only built (-), {totals['~']} changed (~)"
    )
    return lines


def _changes(eid: str, built: dict[str, Any], curated: dict[str, Any]) -> list[str]:
    out = []
    for field in [*built, *[f for f in curated if f not in built]]:
        if field == "id":
            continue
        bv, cv = built.get(field), curated.get(field)
        if _norm(bv) == _norm(cv):
            continue
        if isinstance(bv, list) or isinstance(cv, list):
            out.append(f"  ~ {eid}.{field}: {_list_change(bv or [], cv or [])}")
        else:
            out.append(f"  ~ {eid}.{field}: {_short(bv)} -> {_short(cv)}")
    return out


def _list_change(built: list, curated: list) -> str:
    """``3 -> 4 items (+1 'new alias')``: counts and the first item dropped and added."""
    nb, nc = _norm(built), _norm(curated)
    removed = [x for x in nb if x not in nc]
    added = [x for x in nc if x not in nb]
    detail = [
        f"{sign}{len(items)} {_short(items[0], 36)}{' ...' if len(items) > 1 else ''}"
        for sign, items in (("-", removed), ("+", added))
        if items
    ]
    return f"{len(built)} -> {len(curated)} items ({'; '.join(detail) or 'new order'})"


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items() if v not in (None, "", [], False)}
    if value in (None, "", False):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _short(value: Any, width: int = 48) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split()) if not isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
