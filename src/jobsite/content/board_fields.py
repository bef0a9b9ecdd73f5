"""Board-specific posting fields: declared in jobsite.toml as [fields.NAME], written at the top level of front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

from babel.numbers import format_decimal, format_percent

from ..errors import SourceError, did_you_mean
from .fields import Checker

FIELD_TYPES = ("text", "number", "percent", "boolean", "choice", "list")
DECLARATION_KEYS = ("label", "type", "facet", "choices")
# Names become front-matter keys, search URL parameters and feed paths.
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class FieldSpec:
    """One declared field: its front-matter name, what visitors read, its type, and whether it is a search facet."""

    name: str
    label: str
    type: str
    facet: bool = False
    choices: tuple[str, ...] = ()


def read_declarations(
    table: Any, line_of: Callable[[str], int], reserved: Mapping[str, str], file: str,
) -> tuple[tuple[FieldSpec, ...], list[SourceError]]:
    """The `[fields]` table of jobsite.toml as FieldSpecs, and every mistake in it.

    `reserved` maps names a field may not take to what already uses them.
    """
    errors: list[SourceError] = []

    def fail(path: str, message: str) -> None:
        errors.append(SourceError(file, line_of(path), path, message))

    if not isinstance(table, dict):
        fail("fields", "must be a table of [fields.NAME] tables")
        return (), errors
    specs = []
    for name, body in table.items():
        path = f"fields.{name}"
        if name in reserved:
            fail(path, f"clashes with {reserved[name]} {name!r}; choose another name")
            continue
        if not NAME.match(name):
            fail(path, "a field name must start with a lowercase letter and hold only lowercase letters, digits and _")
            continue
        if not isinstance(body, dict):
            fail(path, "must be a table with label, type, facet and choices")
            continue
        before = len(errors)
        for key in body:
            if key not in DECLARATION_KEYS:
                fail(f"{path}.{key}", "unknown key" + did_you_mean(key, DECLARATION_KEYS))
        kind = body.get("type")
        if kind is None:
            fail(f"{path}.type", f"required (one of {', '.join(FIELD_TYPES)})")
        elif kind not in FIELD_TYPES:
            fail(f"{path}.type", f"must be one of {', '.join(FIELD_TYPES)}, not {kind!r}" + did_you_mean(str(kind), FIELD_TYPES))
        label = body.get("label", name.replace("_", " ").capitalize())
        if not isinstance(label, str) or not label.strip():
            fail(f"{path}.label", "must be a non-empty string")
        facet = body.get("facet", False)
        if not isinstance(facet, bool):
            fail(f"{path}.facet", "must be true or false")
        choices = body.get("choices")
        if choices is not None:
            if kind not in ("choice", "list"):
                fail(f"{path}.choices", "only a choice or list field has choices")
            elif not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c.strip() for c in choices):
                fail(f"{path}.choices", "must be a non-empty list of strings")
            elif len(set(choices)) != len(choices):
                fail(f"{path}.choices", "lists a choice twice")
        elif kind == "choice":
            fail(f"{path}.choices", "required for a choice field: the values authors may write")
        if len(errors) == before:
            specs.append(FieldSpec(name, label.strip(), kind, facet, tuple(choices or ())))
    return tuple(specs), errors


def read_values(check: Checker, data: dict, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """The declared fields a posting sets, each checked against its declaration."""
    values: dict[str, Any] = {}
    for spec in specs:
        if data.get(spec.name) is None:
            continue
        value = _READERS[spec.type](check, data, spec)
        if value is not None:
            values[spec.name] = value
    return values


def _text(check: Checker, data: dict, spec: FieldSpec):
    return check.text(data, spec.name)


def _number(check: Checker, data: dict, spec: FieldSpec):
    return check.number(data[spec.name], spec.name)


def _percent(check: Checker, data: dict, spec: FieldSpec):
    value = data[spec.name]
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            value = float(value.strip()[:-1])
        except ValueError:
            pass
    number = check.number(value, spec.name, written="a number from 0 to 100, like 40 or 40%")
    if number is not None and not 0 <= number <= 100:
        check.fail(spec.name, f"must be from 0 to 100 (a percentage), not {data[spec.name]!r}")
        return None
    return number


def _boolean(check: Checker, data: dict, spec: FieldSpec):
    return check.boolean(data, spec.name)


def _choice(check: Checker, data: dict, spec: FieldSpec):
    value = check.text(data, spec.name)
    return check.one_of(value, spec.name, spec.choices) if value is not None else None


def _list(check: Checker, data: dict, spec: FieldSpec):
    items = check.text_list(data, spec.name)
    if spec.choices:
        items = tuple(item for item in items if check.one_of(item, spec.name, spec.choices) is not None)
    return tuple(dict.fromkeys(items)) or None


_READERS = {"text": _text, "number": _number, "percent": _percent, "boolean": _boolean, "choice": _choice, "list": _list}


def describe(spec: FieldSpec) -> str:
    """What an author may write for a field, for `jobsite new`'s comments: `a list of: python, rust, go`."""
    choices = ", ".join(spec.choices)
    return {
        "text": "text",
        "number": "a number",
        "percent": "a percentage from 0 to 100, like 40",
        "boolean": "true or false",
        "choice": f"one of: {choices}",
        "list": f"a list of: {choices}" if choices else "a list like [one, two]",
    }[spec.type]


def field_texts(spec: FieldSpec, value: Any, locale: str) -> tuple[str, ...]:
    """What visitors read for a field's value: one text per item (a list has several).

    The posting page joins them; search facets and their feeds use each as a filter value.
    """
    if spec.type == "list":
        return tuple(value)
    if spec.type == "boolean":
        return ("Yes" if value else "No",)
    if spec.type in ("number", "percent"):
        return (_formatted(spec.type, value, locale),)
    return (str(value),)


# Babel is slow and a board repeats a few figures thousands of times (search, feeds, pages).
@lru_cache(maxsize=4096)
def _formatted(kind: str, value: float, locale: str) -> str:
    if kind == "percent":
        return format_percent(value / 100, locale=locale, decimal_quantization=False)
    return format_decimal(value, locale=locale)
