"""Search-engine data: the JSON-LD JobPosting of a posting, and which pages are indexable (pure)."""

from __future__ import annotations

import re
from typing import Any

from ..content.models import Company, Posting, Salary
from ..pages import Page
from ..site import Site

# Google's employmentType values, from our front-matter values.
EMPLOYMENT_TYPES = {
    "full-time": "FULL_TIME",
    "part-time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
    "volunteer": "VOLUNTEER",
    "other": "OTHER",
}
VISA_TEXT = {
    True: "Visa sponsorship is available for this job.",
    False: "No visa sponsorship: applicants need the right to work where the job is.",
}
UNIT_TEXT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}

# Pages that exist for visitors but must not be listed for crawlers.
UNLISTED_PATHS = frozenset({"/404.html", "/search/"})

_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")


def is_indexable(site: Site, page: Page) -> bool:
    """Whether a rendered page belongs in the sitemap (no 404, search, closed or draft pages)."""
    if page.path in UNLISTED_PATHS:
        return False
    posting = page.context.get("posting")
    return posting is None or site.is_listed(posting)


def job_posting(site: Site, posting: Posting) -> dict[str, Any]:
    """The schema.org JobPosting of a posting, per Google's job posting guidelines."""
    config = site.config
    company = site.companies[posting.company]
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.body_html,
        "datePosted": posting.posted.isoformat(),
    }
    last_day = site.last_open_day(posting)  # `expires`, or the day max_open_days closes it
    if last_day is not None:
        # The posting is open through its whole last day.
        data["validThrough"] = f"{last_day.isoformat()}T23:59:59"
    data["employmentType"] = EMPLOYMENT_TYPES[posting.employment_type]
    data["hiringOrganization"] = organization(site, company)
    places = [place(loc) for loc in posting.locations]
    places = [p for p in places if p is not None]
    if places:
        data["jobLocation"] = places[0] if len(places) == 1 else places
    # TELECOMMUTE means 100% remote to Google: hybrid roles are located jobs.
    if posting.remote is True:
        data["jobLocationType"] = "TELECOMMUTE"
        regions = applicant_locations(site, posting)
        if regions:
            data["applicantLocationRequirements"] = regions[0] if len(regions) == 1 else regions
    if posting.salary is not None:
        data["baseSalary"] = base_salary(posting.salary)
    # schema.org's property for visas and work permits. Seniority has none: experienceRequirements
    # means experience asked for and occupationalCategory an occupation code, not a level.
    if posting.visa_sponsorship is not None:
        data["eligibilityToWorkRequirement"] = VISA_TEXT[posting.visa_sponsorship]
    data["identifier"] = {"@type": "PropertyValue", "name": company.name, "value": posting.slug}
    data["directApply"] = False
    data["url"] = config.url(posting.url)
    return data


def applicant_locations(site: Site, posting: Posting) -> list[dict[str, Any]]:
    """applicantLocationRequirements: a Country per country code, an AdministrativeArea per region.

    Google asks for it when applicants must live in certain places; a job open worldwide has
    no such places, so it has none (TELECOMMUTE and the page's "Remote from: Anywhere" say so).
    """
    regions = [site.apply_from.regions[key] for key in posting.remote_regions]
    if any(region.is_worldwide for region in regions):
        return []
    return [
        {"@type": "Country", "name": region.key} if region.is_country else {"@type": "AdministrativeArea", "name": region.name}
        for region in regions
    ]


def organization(site: Site, company: Company) -> dict[str, Any]:
    """The hiringOrganization: name, website as sameAs, logo as an absolute URL."""
    data: dict[str, Any] = {"@type": "Organization", "name": company.name}
    if company.website:
        data["sameAs"] = company.website
    if company.logo:
        data["logo"] = absolute_logo(site, company.logo)
    return data


def absolute_logo(site: Site, logo: str) -> str:
    """A logo URL as written, or a path in static/ made absolute from base_url."""
    if logo.startswith(("http://", "https://")):
        return logo
    return site.config.url("/" + logo.lstrip("/"))


def place(location: str) -> dict[str, Any] | None:
    """A Place from `City, Region, CC` or `City, CC` (a `label:` prefix is dropped)."""
    text = location.split(":", 1)[1] if ":" in location else location
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": parts[0]}
    if len(parts) >= 3:
        address["addressRegion"] = ", ".join(parts[1:-1])
    if len(parts) >= 2:
        country = parts[-1]
        address["addressCountry"] = country.upper() if _COUNTRY_CODE.match(country) else country
    return {"@type": "Place", "address": address}


def base_salary(salary: Salary) -> dict[str, Any]:
    """A MonetaryAmount: one figure as `value`, a range as `minValue`/`maxValue`."""
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if salary.min == salary.max:
        value["value"] = salary.min
    else:
        value["minValue"] = salary.min
        value["maxValue"] = salary.max
    value["unitText"] = UNIT_TEXT[salary.period]
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}
