"""The boroughs of a partnership over several local authority areas, as a question names
them: "an adult in Redcar" is Redcar & Cleveland, "stockton on tees" is Stockton-on-Tees."""

from __future__ import annotations

from bot.engine.text import words

_AREA_WORDS = frozenset("north south east west upon city borough county district and".split())


def borough_keys(boroughs: list[str]) -> list[tuple[str, str]]:
    """Word forms of each borough, longest first: its name ("stockton on tees"), with "and"
    for "&", and each word of five letters or more no other borough has ("stockton",
    "cleveland")."""
    keys: dict[str, str] = {}
    forms = {b: words(b.replace("&", " and ")) for b in boroughs}
    counts: dict[str, int] = {}
    for ws in forms.values():
        for w in set(ws):
            counts[w] = counts.get(w, 0) + 1
    for b, ws in forms.items():
        if not ws:
            continue
        keys[" ".join(ws)] = b
        for w in ws:
            if counts[w] == 1 and len(w) >= 5 and w not in _AREA_WORDS:
                keys.setdefault(w, b)
    return sorted(keys.items(), key=lambda kv: -len(kv[0]))


def borough_named(text: str, keys: list[tuple[str, str]]) -> str | None:
    """The first borough (longest form first) whose words ``text`` holds, or None."""
    said = f" {' '.join(words(text))} "
    return next((borough for form, borough in keys if f" {form} " in said), None)
