"""The files authoring commands write: front matter as content/ spells it, then the body."""

from __future__ import annotations

import yaml

class _FrontMatterDumper(yaml.SafeDumper):
    """Safe YAML with lists inline (`tags: [qa, games]`) and mappings as blocks, like content/."""


_FrontMatterDumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


def dump_front_matter(front_matter: dict) -> str:
    """Front matter as YAML lines, in the order given."""
    # A wide line limit keeps long titles and URLs on one line instead of folded.
    return yaml.dump(
        front_matter, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=4096,
    )


def source_text(front_matter: dict, body: str = "", comment: str = "") -> str:
    """A content file: `---`, an optional comment block, the front matter, `---`, a blank line and the body."""
    return "---\n" + comment + dump_front_matter(front_matter) + "---\n" + ("\n" + body if body else "")


# What `jobsite new` tells the author about a company it had to create.
COMPANY_HELP = """\
# The company's name as visitors see it. Optional keys: website, logo (a path in static/ or an
# https:// URL) and location.
"""


def company_stub(name: str, body: str, explained: bool = False) -> str:
    """content/companies/<slug>.md for a company first named by a new posting."""
    return source_text({"name": name}, body, COMPANY_HELP if explained else "")
