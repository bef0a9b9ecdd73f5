"""Similar jobs for a posting: open postings sharing its tags or its company (pure)."""

from __future__ import annotations

from .models import Posting

SIMILAR_LIMIT = 4


def similar_postings(posting: Posting, open_postings: tuple[Posting, ...], limit: int = SIMILAR_LIMIT) -> tuple[Posting, ...]:
    """Up to `limit` other open postings, most shared tags first, then same company, then newest."""
    tags = set(posting.tags)
    scored = []
    # open_postings is newest first, so its index breaks ties in favour of fresher postings.
    for rank, other in enumerate(open_postings):
        if other.slug == posting.slug:
            continue
        shared = len(tags.intersection(other.tags))
        same_company = other.company == posting.company
        if shared or same_company:
            scored.append((-shared, not same_company, rank, other))
    scored.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in scored[:limit])
