"""Similar jobs for a posting: open postings sharing its tags or its company (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.models import Posting

SIMILAR_LIMIT = 4


@dataclass(frozen=True)
class _Index:
    """Open postings as bit sets (bit i = the i-th newest): per tag, per company, per slug."""

    postings: tuple[Posting, ...]
    tags: dict[str, int]
    companies: dict[str, int]
    slugs: dict[str, int]


class SimilarJobs:
    """Similar jobs among one build's open postings, indexed once on first use.

    Every posting page of a build asks about the same list, so a board of N postings costs
    N small bit operations instead of N x N comparisons.
    """

    def __init__(self, open_postings: tuple[Posting, ...]):
        self.open_postings = open_postings
        self._index: _Index | None = None

    def of(self, posting: Posting, limit: int = SIMILAR_LIMIT) -> tuple[Posting, ...]:
        """Up to `limit` other open postings, most shared tags first, then same company, then newest."""
        open_postings = self.open_postings
        if self._index is None:
            self._index = _index(open_postings)
        index = self._index
        everyone = (1 << len(open_postings)) - 1
        allowed = everyone & ~index.slugs.get(posting.slug, 0)
        same_company = index.companies.get(posting.company, 0)
        planes = _count([index.tags[t] for t in set(posting.tags) if t in index.tags])
        chosen: list[int] = []
        # open_postings is newest first, so taking the lowest bits first favours fresher postings.
        for shared in range(2 ** len(planes) - 1, -1, -1):
            level = allowed
            for bit, plane in enumerate(planes):
                level &= plane if shared >> bit & 1 else everyone ^ plane
            groups = (level & same_company,) if shared == 0 else (level & same_company, level & ~same_company)
            for group in groups:
                _take_lowest(group, limit, chosen)
            if len(chosen) >= limit:
                break
        return tuple(open_postings[rank] for rank in chosen)


def similar_postings(posting: Posting, open_postings: tuple[Posting, ...], limit: int = SIMILAR_LIMIT) -> tuple[Posting, ...]:
    """Up to `limit` other open postings like `posting` (one question; a build asks SimilarJobs)."""
    return SimilarJobs(open_postings).of(posting, limit)


def _index(open_postings: tuple[Posting, ...]) -> _Index:
    tags: dict[str, int] = {}
    companies: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for rank, other in enumerate(open_postings):
        bit = 1 << rank
        for tag in set(other.tags):
            tags[tag] = tags.get(tag, 0) | bit
        companies[other.company] = companies.get(other.company, 0) | bit
        slugs[other.slug] = slugs.get(other.slug, 0) | bit
    return _Index(open_postings, tags, companies, slugs)


def _count(masks: list[int]) -> list[int]:
    """Bit-sliced counters: plane b holds bit b of how many masks contain each posting."""
    planes: list[int] = []
    for carry in masks:
        for b, plane in enumerate(planes):
            planes[b], carry = plane ^ carry, plane & carry
            if not carry:
                break
        if carry:
            planes.append(carry)
    return planes


def _take_lowest(mask: int, limit: int, chosen: list[int]) -> None:
    while mask and len(chosen) < limit:
        low = mask & -mask
        chosen.append(low.bit_length() - 1)
        mask ^= low
