"""A visitor opens the built home page, follows a posting and sees its salary and company."""

import pytest

from conftest import screenshot

pytestmark = pytest.mark.browser


def test_home_to_posting_shows_salary_and_company(page, shipped_url):
    page.goto(shipped_url + "/")
    assert page.locator("h1").count() == 1
    link = page.get_by_role("link", name="Staff Data Scientist, Ecosystem")
    link.first.click()
    page.wait_for_url("**/jobs/staff-data-scientist-ecosystem/")
    assert page.locator("h1").inner_text() == "Staff Data Scientist, Ecosystem"
    badge = page.locator(".posting-header .salary")
    assert "$148K–$304K /yr" in badge.inner_text()
    assert "148,049 to 304,496 US dollars per year" in badge.inner_text()
    company = page.locator(".posting-company a")
    assert company.inner_text() == "Pinterest"
    screenshot(page, "core-posting")
    company.click()
    page.wait_for_url("**/companies/pinterest/")
    assert page.get_by_role("link", name="Staff Data Scientist, Ecosystem").count() == 1
    assert page.console_errors == []
