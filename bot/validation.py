"""Typed YAML: turn a YAML file into dataclasses, reporting every problem as path:line.

The YAML is *composed* (not constructed) so that every node keeps its line; nodes are
then converted by the dataclass's type hints. Supported hints: ``str``, ``int``,
``bool``, ``datetime.date``, ``Literal[...]``, ``X | None``, ``list[X]`` and nested
dataclasses. Unknown fields, missing required fields, wrong types and duplicate keys
are problems; conversion carries on past them so one run reports them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.errors import Problem

_MISSING = object()
# libyaml's parser when present (about ten times faster); both keep line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located:
    """Where the converted objects came from: object id -> line, (object id, field) -> line."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}
        self.field_lines: dict[tuple[int, str], int] = {}

    def line(self, obj: object, field_name: str | None = None) -> int:
        if field_name is not None and (id(obj), field_name) in self.field_lines:
            return self.field_lines[(id(obj), field_name)]
        return self.lines.get(id(obj), 1)


class Reader:
    """Reads one YAML file into typed objects; ``problems`` collects what is wrong."""

    def __init__(self, path: Path | str, display: str | None = None):
        self.path = Path(path)
        self.display = display or str(path)
        self.problems: list[Problem] = []
        self.located = Located()

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def compose(self) -> yaml.Node | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.problem(1, "file not found")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(1, f"cannot read file: {exc}")
            return None
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = f"YAML syntax error: {exc.problem or exc.context}"
            if exc.problem and exc.context and exc.context_mark:
                message += f" ({exc.context} at line {exc.context_mark.line + 1})"
                if "end of stream" in exc.problem:  # e.g. an unclosed quote: point at it
                    mark = exc.context_mark
            self.problem(mark.line + 1 if mark else 1, message)
            return None
        except yaml.YAMLError as exc:
            self.problem(1, f"YAML error: {exc}")
            return None
        bad = _foreign_tags(node)
        for tagged in bad:
            tag = tagged.tag.replace(_TAG, "!!", 1)
            self.problem(_line(tagged), f"YAML tag {tag} is not allowed (plain data only)")
        return None if bad else node

    def top(self, node: yaml.Node | None, keys: dict[str, Any]) -> dict[str, Any]:
        """Convert a top-level mapping whose keys are given with their types."""
        if node is None:
            if not self.problems:
                self.problem(1, "file is empty")
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(_line(node), f"expected a mapping with keys {', '.join(keys)}")
            return {}
        out: dict[str, Any] = {}
        for key_node, value_node in self._pairs(node, ""):
            key = key_node.value
            if key not in keys:
                self.problem(
                    _line(key_node), f"unknown key {key!r} (expected one of: {', '.join(keys)})"
                )
                continue
            out[key] = self.convert(value_node, keys[key], key)
        for key in keys:
            if key not in out and not self.problems:
                self.problem(_line(node), f"missing key {key!r}")
        return out

    def _pairs(self, node: yaml.MappingNode, where: str):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(_line(key_node), f"{where or 'mapping'}: keys must be plain text")
                continue
            if key_node.value in seen:
                self.problem(
                    _line(key_node),
                    f"{_join(where, key_node.value)}: duplicate key "
                    f"(first at line {seen[key_node.value]})",
                )
                continue
            seen[key_node.value] = _line(key_node)
            yield key_node, value_node

    def convert(self, node: yaml.Node, hint: Any, where: str) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            non_none = [a for a in args if a is not type(None)]
            if _is_null(node):
                return None
            return self.convert(node, non_none[0], where)
        if origin is list:
            if not isinstance(node, yaml.SequenceNode):
                if _is_null(node):
                    return []
                self.problem(_line(node), f"{where}: expected a list, got {_describe(node)}")
                return []
            return [
                self.convert(item, args[0], f"{where}[{i}]") for i, item in enumerate(node.value)
            ]
        if origin is typing.Literal:
            value = self.convert(node, type(args[0]), where)
            if value is not None and value not in args:
                allowed = ", ".join(repr(a) for a in args)
                self.problem(_line(node), f"{where}: {value!r} is not one of {allowed}")
            return value
        if dataclasses.is_dataclass(hint):
            return self._dataclass(node, hint, where)
        return self._scalar(node, hint, where)

    def _dataclass(self, node: yaml.Node, cls: type, where: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.problem(_line(node), f"{where}: expected a mapping, got {_describe(node)}")
            return None
        hints = _hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        field_lines: dict[str, int] = {}
        reported: set[str] = set()
        for key_node, value_node in self._pairs(node, where):
            name = key_node.value
            if name not in fields:
                self.problem(
                    _line(key_node),
                    f"{_join(where, name)}: unknown field (known: {', '.join(fields)})",
                )
                continue
            before = len(self.problems)
            values[name] = self.convert(value_node, hints[name], _join(where, name))
            field_lines[name] = _line(value_node)
            if values[name] is None and len(self.problems) > before:
                reported.add(name)  # already said what is wrong with it
        ok = True
        for name, f in fields.items():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if name not in values and required:
                self.problem(_line(node), f"{_join(where, name)}: missing required field")
                ok = False
            elif name in values and values[name] is None and required:
                ok = False
                if not _allows_none(hints[name]) and name not in reported:
                    self.problem(field_lines[name], f"{_join(where, name)}: must not be empty")
        if not ok:
            return None
        for name in fields:  # a null for a defaulted list means "none"
            if name in values and values[name] is None and not _allows_none(hints[name]):
                values.pop(name)
        try:
            obj = cls(**values)
        except (TypeError, ValueError) as exc:  # pragma: no cover - defensive
            self.problem(_line(node), f"{where}: {exc}")
            return None
        self.located.lines[id(obj)] = _line(node)
        for name, line in field_lines.items():
            self.located.field_lines[(id(obj), name)] = line
        return obj

    def _scalar(self, node: yaml.Node, hint: Any, where: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(_line(node), f"{where}: expected {_name(hint)}, got {_describe(node)}")
            return None
        if _is_null(node):
            return None
        tag, raw = node.tag, node.value
        if hint is str:
            if tag in (_TAG + "map", _TAG + "seq"):
                self.problem(_line(node), f"{where}: expected text")
                return None
            return raw
        if hint is bool:
            if tag == _TAG + "bool":
                return raw.lower() in ("true", "yes", "on")
            self.problem(_line(node), f"{where}: expected true or false, got {raw!r}")
            return None
        if hint is int:
            if tag == _TAG + "int":
                try:
                    return int(raw.replace("_", ""), 0)
                except ValueError:
                    pass
            self.problem(_line(node), f"{where}: expected a whole number, got {raw!r}")
            return None
        if hint is float:
            try:
                return float(raw)
            except ValueError:
                self.problem(_line(node), f"{where}: expected a number, got {raw!r}")
                return None
        if hint is dt.date:
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                self.problem(_line(node), f"{where}: expected a date YYYY-MM-DD, got {raw!r}")
                return None
        raise TypeError(f"unsupported type hint {hint!r}")  # pragma: no cover


_TAG = "tag:yaml.org,2002:"
# the tags plain YAML data resolves to; anything else (!!python/..., !local) is refused
_PLAIN_TAGS = frozenset(
    _TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def _foreign_tags(root: yaml.Node | None) -> list[yaml.Node]:
    """Every node (aliases once) whose tag is not one of plain YAML data's."""
    out: list[yaml.Node] = []
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            out.append(node)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return sorted(out, key=_line)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _allows_none(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(hint)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _name(hint: Any) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date"}.get(
        hint, getattr(hint, "__name__", str(hint))
    )


def _describe(node: yaml.Node) -> str:
    if _is_null(node):
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{node.value!r}"
