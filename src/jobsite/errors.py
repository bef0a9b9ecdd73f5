"""The one error type users see: a problem in a source file, at a line, about a field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


class JobsiteError(Exception):
    """A user-facing failure: the CLI prints it without a traceback and exits 1."""


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in one file: printed as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}" if where else what  # no path: about the whole site


class BuildFailed(JobsiteError):
    """Every error found in one pass over the site; nothing was written."""

    def __init__(self, errors: list[SourceError] | tuple[SourceError, ...]):
        self.errors = tuple(sorted(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


def relpath(path: Path, root: Path) -> str:
    """The path as users see it in messages: relative to the site, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
