"""Splitting a Markdown source into front matter and body, keeping file line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from ..errors import SourceError
from .yamlnodes import node_problems

# The C loader halves YAML time on big boards; fall back where libyaml is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class InvalidDate(str):
    """A date YAML accepts but the calendar lacks (2026-02-30), kept as text for validation to report."""

    reason: str = ""


class _Loader(_BaseLoader):
    """The safe loader, except that an impossible date becomes an InvalidDate instead of an exception."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            # Raising here would hide every other problem of the file behind this one.
            bad = InvalidDate(node.value)
            bad.reason = str(exc)
            return bad


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_HANDLER = frontmatter.YAMLHandler()


@dataclass(frozen=True)
class Source:
    """A parsed source file: its data, the file line of each key, and the Markdown body."""

    path: str  # relative to the site
    data: dict
    lines: dict[str, int]  # "title" -> 3, "salary.min" -> 9, "tags.1" -> 12
    body: str
    body_line: int

    def line(self, key: str) -> int:
        """The file line of a key (or of its parent key), else the first front-matter line."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 2

    def error(self, key: str, message: str, *, severity: str = "error") -> SourceError:
        return SourceError(self.path, self.line(key), key, message, severity)


def read_source(file: Path, name: str) -> Source | SourceError:
    """Read one Markdown file with YAML front matter, or say what is wrong with it."""
    return parse_source(file.read_bytes(), name)


def parse_source(raw: bytes, name: str) -> Source | SourceError:
    """Split a file's bytes into front matter and body (the bytes a cache key was made from)."""
    if not raw.strip():
        return SourceError(name, 1, "", "empty file")
    if b"\x00" in raw:
        return SourceError(name, 1, "", "binary file, not Markdown text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceError(name, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not _HANDLER.detect(text):
        return SourceError(name, 1, "", "missing front matter: the file must start with a line '---'")
    parts = _HANDLER.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        return SourceError(name, 1, "", "front matter is not closed: add a line '---' after it")
    _, fm, body = parts
    # The split keeps the newline ending the opening '---', so line 0 of `fm` is file line 1.
    body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        data, lines = _parse_yaml(fm, first_line=1)
    except yaml.YAMLError as exc:
        return SourceError(name, *_yaml_problem(exc))
    except _Refused as refused:
        return SourceError(name, *refused.args)
    except RecursionError:
        return SourceError(name, 2, "", "front matter nested too deeply; no posting needs lists inside lists hundreds deep")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return SourceError(name, 2, "", "front matter must be a mapping of keys to values")
    return Source(name, data, lines, body, body_line)


def _parse_yaml(text: str, first_line: int) -> tuple[object, dict[str, int]]:
    # One parse gives both the values and the line of every key: compose, then construct.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[str, int] = {}
        _collect_lines(node, "", first_line, lines)
        problems = node_problems(node, first_line)
        if problems:
            raise _Refused(*problems[0])
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


class _Refused(Exception):
    """Front matter that parses as YAML but must not become values: (line, field, message)."""


def _collect_lines(node, prefix: str, first_line: int, out: dict[str, int]) -> None:
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        out.setdefault(key, key_node.start_mark.line + first_line)
        if isinstance(value_node, yaml.MappingNode) and not prefix:
            _collect_lines(value_node, key + ".", first_line, out)
        elif isinstance(value_node, yaml.SequenceNode) and not prefix:
            # A list written one item a line: an error about one item points at its own line.
            for index, item in enumerate(value_node.value):
                out.setdefault(f"{key}.{index}", item.start_mark.line + first_line)


# PyYAML's wording, and what an author should do about it.
_YAML_JARGON = {
    "a flow sequence": "a [ ] list", "a flow mapping": "a { } mapping",
    "a quoted scalar": "a quoted value", "a plain scalar": "a value",
}
_YAML_HINTS = {
    "mapping values are not allowed": "put quotes around a value that contains ': '",
    "tab character": "indent with spaces, not tabs",
    "quoted value": "close the quotes",
}


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int, str, str]:
    """(line, field, message) for a YAML syntax error, in words an author can act on."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 2
    message = f"invalid YAML: {getattr(exc, 'problem', None) or exc}"
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and start.line != getattr(mark, "line", None):
        for jargon, plain in _YAML_JARGON.items():
            context = context.replace(jargon, plain)
        message += f" ({context} that starts on line {start.line + 1})"
    message += "".join(f"; {hint}" for problem, hint in _YAML_HINTS.items() if problem in message)
    return line, "", message
