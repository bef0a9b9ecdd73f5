"""`repository` in jobsite.toml: a /post-a-job/ page and links to the issue form, prefilled where GitHub allows."""

from __future__ import annotations

import html

import pytest

from jobsite.cli import main

FORM = "https://github.com/owner/board/issues/new?template=post-a-job.yml"


def with_settings(scratch, *lines):
    """The fixture's settings without its `repository`, plus these lines."""
    kept = [line for line in (scratch.root / "jobsite.toml").read_text().splitlines() if not line.startswith("repository")]
    scratch.write("jobsite.toml", "".join(f"{line}\n" for line in [*kept, *lines]))


def hrefs(page: str) -> list[str]:
    return [html.unescape(part.split('"', 1)[0]) for part in page.split('href="')[1:]]


def test_no_repository_no_page_and_no_links(scratch):
    with_settings(scratch)
    scratch.build()
    assert not (scratch.output / "post-a-job").exists()
    for page in ("index.html", "companies/acme/index.html"):
        text = (scratch.output / page).read_text()
        assert "/post-a-job/" not in text and "issues/new" not in text


def test_the_page_says_what_is_accepted_and_links_to_the_form(scratch):
    with_settings(scratch, 'repository = "https://github.com/owner/board/"')
    scratch.build()
    page = (scratch.output / "post-a-job/index.html").read_text()
    assert hrefs(page).count(FORM) == 2
    assert "Pay is optional, but candidates look for it:</strong> 4 of the 5 open postings here list it." in page
    assert "until you tell us the job is filled" in page
    assert "A job that is already on the board with the same application link." in page
    assert '<a href="/post-a-job/">Post a job</a>' in (scratch.output / "index.html").read_text()  # footer
    assert "https://fixture.example.com/post-a-job/" in (scratch.output / "sitemap.xml").read_text()
    # Company pages open the form with the company's name and website filled in (by field id).
    acme = (scratch.output / "companies/acme/index.html").read_text()
    assert f"{FORM}&company_name=Acme+Corp&company_website=https%3A%2F%2Facme.example.com" in hrefs(acme)


def test_the_page_follows_require_salary_and_max_open_days(scratch):
    with_settings(scratch, 'repository = "https://github.com/owner/board"', "require_salary = true", "max_open_days = 120")
    for file in (scratch.root / "content/jobs").glob("no-salary-*.md"):
        file.unlink()
    scratch.build()
    page = (scratch.output / "post-a-job/index.html").read_text()
    assert "<strong>Pay is required.</strong>" in page and "Pay is optional" not in page
    assert "without one it closes 120 days after it goes live" in page


@pytest.mark.parametrize("value", [
    "github.com/owner/board", "http://github.com/owner/board", "https://github.com/owner",
    "https://github.com/owner/board/issues", "https://github.com/owner/board.git", "https://github.com/-owner/board",
])
def test_repository_must_be_a_repository_address(scratch, capsys, value):
    with_settings(scratch, f'repository = "{value}"')
    assert main(["build", "--site", str(scratch.root)]) == 1
    err = capsys.readouterr().err.splitlines()
    line = (scratch.root / "jobsite.toml").read_text().splitlines().index(f'repository = "{value}"') + 1
    assert err[0] == f"jobsite.toml:{line}: repository: must be the repository's address, like https://github.com/owner/board, not {value!r}"


@pytest.mark.browser
@pytest.mark.parametrize("width, scheme", [(390, "light"), (1280, "dark")])
def test_the_page_passes_axe_and_fits_a_phone(scratch, browser, width, scheme):
    from conftest import screenshot, serve_folder
    from test_a11y_browser import axe_violations

    with_settings(scratch, 'repository = "https://github.com/owner/board"')
    scratch.build()
    url, server = serve_folder(scratch.output)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(url + "/post-a-job/")
        screenshot(tab, f"post-a-job-{width}-{scheme}")
        assert tab.locator("h1").inner_text() == "Post a job"
        assert axe_violations(tab) == []
        scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client
    finally:
        context.close()
        server.shutdown()
