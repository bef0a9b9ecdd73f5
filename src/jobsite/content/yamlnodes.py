"""Checks on front matter's YAML before it becomes values: what PyYAML accepts but a build cannot use.

Run on the composed node tree, so each problem has its line and key path, and nothing is
constructed from a file that would crash or stall the build later: a second `title:` that
silently wins, an integer past Python's 4,300-digit conversion limit, `.nan` or `.inf` (not
JSON), or aliases that expand a few lines into billions of values.
"""

from __future__ import annotations

import math

import yaml

INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
MAX_DIGITS = 4300  # Python's limit for converting decimal text to int (sys.int_info)
# Far more values than any posting has; aliases (*name) that expand past it would make
# jobs.json and the pages grow without bound.
MAX_VALUES = 10_000


def node_problems(root: yaml.Node, first_line: int) -> list[tuple[int, str, str]]:
    """(file line, key path, message) for every problem in the tree, by line."""
    found: list[tuple[int, str, str]] = []
    sizes: dict[int, int] = {}
    walked: set[int] = set()
    pending: list[tuple[yaml.Node, str]] = [(root, "")]
    while pending:
        node, path = pending.pop()
        if id(node) in walked:  # an alias: its node was checked where the anchor is
            continue
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                key, line = path, key_node.start_mark.line + first_line
                if isinstance(key_node, yaml.ScalarNode):
                    key = f"{path}.{key_node.value}" if path else str(key_node.value)
                    if key_node.value in first and key_node.value != "<<":
                        found.append((line, key, f"duplicate key (first on line {first[key_node.value]}); keep one"))
                    first.setdefault(key_node.value, line)
                if not path and _size(value_node, sizes) > MAX_VALUES:
                    found.append((line, key, f"its aliases (*name) expand to more than {MAX_VALUES:,} values, or to itself; write the values out"))
                    continue
                pending.append((value_node, key))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, path) for item in node.value)
        else:
            problem = _scalar_problem(node)
            if problem:
                found.append((node.start_mark.line + first_line, path, problem))
    return sorted(found)


def _scalar_problem(node: yaml.Node) -> str | None:
    if node.tag == INT and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        return f"a number with more than {MAX_DIGITS:,} digits; no value needs that many"
    if node.tag == FLOAT and not _finite(node.value):
        return f"{node.value} is not a finite number; write a number, or put it in quotes to keep it as text"
    return None


def _finite(text: str) -> bool:
    value = text.replace("_", "").lower()
    if "nan" in value or "inf" in value:
        return False
    if ":" in value:  # YAML 1.1 base 60 (1:30.5): never large enough to overflow
        return True
    try:
        return math.isfinite(float(value))
    except ValueError:
        return True  # not a form float() reads; PyYAML's own constructor will say what is wrong


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values a node stands for with every alias expanded (MAX_VALUES + 1 for a loop)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = MAX_VALUES + 1  # while it is being counted: a node inside itself is a loop
    total = 1
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        children = []
    for child in children:
        total += _size(child, sizes)
        if total > MAX_VALUES:
            break
    sizes[id(node)] = min(total, MAX_VALUES + 1)
    return sizes[id(node)]
