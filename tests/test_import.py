"""Importing scraped postings: salary and location parsing, the seed end to end, writing files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jobsite.authoring.importer import ImportResult, ParsedSalary, import_file, import_text, parse_location, parse_salary

TODAY = dt.date(2026, 6, 15)

# --- parse_salary ---------------------------------------------------------------------------

SALARIES = [
    # The two forms in the seed.
    ("USD 148k~304k", (148_000, 304_000, "USD", "year")),
    ("$148,049—$304,496 USD", (148_049, 304_496, "USD", "year")),
    # European grouping, symbols before and after, k on one or both ends.
    ("€60.000 - €80.000", (60_000, 80_000, "EUR", "year")),
    ("£45k–£55k per annum", (45_000, 55_000, "GBP", "year")),
    ("60-80k EUR", (60_000, 80_000, "EUR", "year")),
    ("$60 to 80k", (60_000, 80_000, "USD", "year")),
    ("60,5k €", (60_500, 60_500, "EUR", "year")),
    ("EUR 65.000,00 p.a.", (65_000, 65_000, "EUR", "year")),
    ("DKK 600.000 - 700.000 yearly", (600_000, 700_000, "DKK", "year")),
    ("CHF 120'000 p.a.", (120_000, 120_000, "CHF", "year")),
    ("60\u00a0000 € per year", (60_000, 60_000, "EUR", "year")),
    ("€60\u202f000–€70\u2009000", (60_000, 70_000, "EUR", "year")),
    # Dollars of several countries.
    ("CAD 90,000 to 110,000 a year", (90_000, 110_000, "CAD", "year")),
    ("C$70,000–C$85,000/yr", (70_000, 85_000, "CAD", "year")),
    ("CA$50/hour", (50, 50, "CAD", "hour")),
    ("$90,000 CAD", (90_000, 90_000, "CAD", "year")),
    ("A$80k - A$95k", (80_000, 95_000, "AUD", "year")),
    ("AU$ 90,000 – 100,000 per annum", (90_000, 100_000, "AUD", "year")),
    ("NZD 110k-130k", (110_000, 130_000, "NZD", "year")),
    ("US$120K", (120_000, 120_000, "USD", "year")),
    ("USD148k", (148_000, 148_000, "USD", "year")),
    ("$ 150,000 – $ 180,000 USD per year", (150_000, 180_000, "USD", "year")),
    ("$100k/yr", (100_000, 100_000, "USD", "year")),
    ("between $100,000 and $120,000 annually", (100_000, 120_000, "USD", "year")),
    ("From $80,000 to $100,000 annually", (80_000, 100_000, "USD", "year")),
    ("$95,000 – $120,000 a year + equity", (95_000, 120_000, "USD", "year")),
    ("Up to £40k", (40_000, 40_000, "GBP", "year")),
    # Other periods.
    ("$45-$60/hr", (45, 60, "USD", "hour")),
    ("$45–60 an hour", (45, 60, "USD", "hour")),
    ("$45.50 an hour", (45.5, 45.5, "USD", "hour")),
    ("$45.50–$52.25 hourly", (45.5, 52.25, "USD", "hour")),
    ("hourly rate: $40-50", (40, 50, "USD", "hour")),
    ("£15 p/h", (15, 15, "GBP", "hour")),
    ("$500 per day", (500, 500, "USD", "day")),
    ("£300 – £400 per day", (300, 400, "GBP", "day")),
    ("€500 day rate", (500, 500, "EUR", "day")),
    ("$2,000 per week", (2_000, 2_000, "USD", "week")),
    ("$1,200 weekly", (1_200, 1_200, "USD", "week")),
    ("€4,500/month", (4_500, 4_500, "EUR", "month")),
    ("$6,000/mo", (6_000, 6_000, "USD", "month")),
    ("SEK 45 000/month", (45_000, 45_000, "SEK", "month")),
    ("45 000–55 000 NOK per month", (45_000, 55_000, "NOK", "month")),
    ("PLN 15 000 – 20 000 monthly", (15_000, 20_000, "PLN", "month")),
    ("SGD 8,000 - 10,000 per month", (8_000, 10_000, "SGD", "month")),
    # Yen, rupees and lakhs.
    ("¥6,000,000 - ¥9,000,000", (6_000_000, 9_000_000, "JPY", "year")),
    ("JPY 8,000,000", (8_000_000, 8_000_000, "JPY", "year")),
    ("₹12,00,000 per year", (1_200_000, 1_200_000, "INR", "year")),
    ("₹1,50,000 per month", (150_000, 150_000, "INR", "month")),
    ("12-15 LPA", (1_200_000, 1_500_000, "INR", "year")),
    ("INR 25 LPA", (2_500_000, 2_500_000, "INR", "year")),
]


@pytest.mark.parametrize(("text", "expected"), SALARIES, ids=[text for text, _ in SALARIES])
def test_parse_salary_spellings(text, expected):
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize(
    ("text", "period", "assumed"),
    [
        ("USD 148k~304k", "year", True),
        ("$45", "hour", True),
        ("$999", "hour", True),
        ("$1,000", "year", True),
        ("£45k–£55k per annum", "year", False),
        ("$45-$60/hr", "hour", False),
    ],
)
def test_parse_salary_flags_an_assumed_period(text, period, assumed):
    salary = parse_salary(text)
    assert (salary.period, salary.period_assumed) == (period, assumed)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7+ years of experience",
        "hundreds of millions",
        "401k plan",
        "#LI-NM4",
        "#LI-HYBRID",
        "We have 150 employees in 12 countries",
        "We raised $5M in 2023",
        "a $20 million Series B",
        "CAD 3+ years",
        "call 555-1234 between 9 and 5",
        "50% remote, 2024-2025",
        "USDA certified, AutoCAD 2020",
    ],
)
def test_parse_salary_finds_none_where_there_is_no_money(text):
    assert parse_salary(text) is None


def test_parse_salary_ignores_a_401k_after_the_range():
    assert parse_salary("$90k and 401k matching") == ParsedSalary(90_000, 90_000, "USD", "year", True)


@given(st.text())
def test_parse_salary_never_raises(text):
    parse_salary(text)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("USD 999999999999999999999999999999k", 10**33 - 1000, 10**33 - 1000),
    ("$" + "9" * 400 + ".55", 10**400, 10**400),
    ("€1" + "0" * 40 + "-€2" + "0" * 40, 10**40, 2 * 10**40),
])
def test_parse_salary_reads_absurd_amounts_without_raising(text, low, high):
    # Past 28 digits Decimal's rounding raised; the figure reaches the posting's validation as written.
    salary = parse_salary(text)
    assert (salary.min, salary.max) == (low, high)


def test_parse_salary_ignores_a_run_of_digits_too_long_to_be_pay():
    assert parse_salary("$" + "9" * 5000) is None


@given(st.text(alphabet="0123456789 $€£¥₹kK,.'-–—~/+#LPAUSDEURtoandperhryearmonth\n\u00a0\u202f"))
def test_parse_salary_result_is_always_sane(text):
    salary = parse_salary(text)
    if salary is not None:
        assert 0 < salary.min <= salary.max
        assert len(salary.currency) == 3 and salary.currency.isupper()
        assert salary.period in ("hour", "day", "week", "month", "year")


SYMBOLS = [
    ("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"),
    ("C$", "CAD"), ("CA$", "CAD"), ("A$", "AUD"), ("AU$", "AUD"),
]
CODES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK", "PLN", "NZD", "SGD"]
PERIOD_WORDS = [
    ("per year", "year"), ("per annum", "year"), ("p.a.", "year"), ("a year", "year"),
    ("annually", "year"), ("/yr", "year"), ("/year", "year"), ("per month", "month"),
    ("monthly", "month"), ("/mo", "month"), ("per week", "week"), ("weekly", "week"),
    ("per day", "day"), ("daily", "day"), ("per hour", "hour"), ("hourly", "hour"),
    ("/hr", "hour"), ("an hour", "hour"),
]
amounts = st.integers(1, 10_000_000).flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 20_000_000)))


@given(amounts, st.sampled_from(SYMBOLS), st.sampled_from(PERIOD_WORDS))
def test_parse_salary_round_trips_symbols(pair, symbol, period):
    (low, high), (sym, currency), (per, expected) = pair, symbol, period
    text = f"{sym}{low:,}–{sym}{high:,} {per}"
    assert parse_salary(text) == ParsedSalary(low, high, currency, expected)


@given(amounts, st.sampled_from(CODES), st.sampled_from(PERIOD_WORDS), st.booleans())
def test_parse_salary_round_trips_codes(pair, code, period, code_first):
    (low, high), (per, expected) = pair, period
    text = f"{code} {low:,} - {high:,} {per}" if code_first else f"{low:,}–{high:,} {code} {per}"
    assert parse_salary(text) == ParsedSalary(low, high, code, expected)


@given(amounts, st.sampled_from(PERIOD_WORDS))
def test_parse_salary_round_trips_european_grouping(pair, period):
    (low, high), (per, expected) = pair, period
    text = f"€{low:,} – €{high:,} {per}".replace(",", ".")
    assert parse_salary(text) == ParsedSalary(low, high, "EUR", expected)


# --- parse_location ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("badge", "expected"),
    [
        ("San Francisco, CA,US,Remote", (["San Francisco, CA, US"], True, ["US"])),
        ("Remote,US", ([], True, ["US"])),
        ("Berlin, DE", (["Berlin, DE"], False, [])),
        ("Hybrid - London, UK", (["London, UK"], "hybrid", [])),
        ("Remote", ([], True, [])),
        ("Remote (Europe)", ([], True, ["Europe"])),
        ("Remote - US", ([], True, ["US"])),
        ("Remote-first", ([], True, [])),
        ("London (Hybrid)", (["London"], "hybrid", [])),
        ("Hybrid, Remote, Austin,TX", (["Austin, TX"], True, [])),
        ("New York,  NY; London,UK", (["New York, NY", "London, UK"], False, [])),
        ("On-site - Paris, FR", (["Paris, FR"], False, [])),
    ],
)
def test_parse_location(badge, expected):
    assert parse_location(badge) == expected


# --- import_text ------------------------------------------------------------------------------

# The scraped seed, byte for byte (as read with UTF-8), mojibake and trailing spaces included.
SEED = (
    '# [Staff Data Scientist, Ecosystem](https://www.remotewlb.com/apply/staff-data-scientist-ecosystem-42713)  \n'
    '### Pinterest  \n'
    '#### `ðŸ’° USD 148k~304k` `ðŸŒŽ San Francisco, CA,US,Remote`  \n'
    '\n'
    'Description\n'
    '\n'
    '**About Pinterest** :\n'
    '\n'
    'Millions of people across the world come to Pinterest to find new ideas every day. Itâ€™s where they get inspiration, dream about new possibilities and plan for what matters most. Our mission is to help those people find their inspiration and create a life they love. In your role, youâ€™ll be challenged to take on work that upholds this mission and pushes Pinterest forward. Youâ€™ll grow as a person and leader in your field, all the while helping Pinners make their lives better in the positive corner of the internet.\n'
    '\n'
    'Creating a life you love also means finding a career that celebrates the unique perspectives and experiences that you bring. As you read through the expectations of the position, consider how your skills and experiences may complement the responsibilities of the role. We encourage you to think through your relevant and transferable skills from prior experiences.\n'
    '\n'
    '_Our new progressive work model is called PinFlex, a term thatâ€™s uniquely Pinterest to describe our flexible approach to living and working. Visit our_ PinFlex _landing page to learn more._\n'
    '\n'
    'We are looking for a Staff Data Scientist for the Ecosystem team. You will shape the future of people-facing and business-facing products we build at Pinterest. Your expertise in quantitative modeling, experimentation and algorithms will be utilized to solve some of the most complex engineering challenges at the company. You will collaborate on a wide array of product and business problems with a diverse set of cross-functional partners across Product, Engineering, Design, Research, Product Analytics, Data Engineering and others. The results of your work will influence and uplevel our product development teams while introducing greater scientific rigor into the real world products serving hundreds of millions of pinners, creators, advertisers and merchants around the world.\n'
    '\n'
    '**What youâ€™ll do:**\n'
    '\n'
    '  * Build a deeper understanding of our Pinterest ecosystem. This person will work with Core and Monetization leaderships and will require a very senior person to effectively cut through the noise and influence across pods and orgs. Sample projects: \n'
    '    * Tradeoff between organic and ads\n'
    '    * Relationship between engagement metrics & monetization\n'
    '    * The value of re-pin behaviors to purchase decisions \n'
    '    * Levers to move enterprise metrics \n'
    '  * Develop best practices for instrumentation and experimentation and communicate those to product engineering teams to help us fulfill our mission - to bring everyone the inspiration to create a life they love\n'
    '  * Bring scientific rigor and statistical methods to the challenges of product creation, development and improvement with an appreciation for the behaviors of our Pinners\n'
    '  * Build and prototype analysis pipelines iteratively to provide insights at scale while developing comprehensive knowledge of data structures and metrics, advocating for changes where needed for product development\n'
    '  * Work cross-functionally to build and communicate key insights, and collaborate closely with product managers, engineers, designers, and researchers to help build the next experiences on Pinterest\n'
    '\n'
    '**What weâ€™re looking for**\n'
    '\n'
    '  * 7+ years of experience analyzing data in a fast-paced, data-driven environment with proven ability to apply scientific methods to solve real-world problems on web-scale data\n'
    '  * Extensive experience solving analytical problems using quantitative approaches including in the fields of Machine Learning, Statistical Modelling, Forecasting, Econometrics or other related fields\n'
    '  * A scientifically rigorous approach to analysis and data, and a well-tuned sense of skepticism, attention to detail and commitment to high-quality, results-oriented output\n'
    '  * Experience using machine learning and deep learning frameworks, such as PyTorch, TensorFlow or scikit-learn\n'
    '  * Ability to manipulate large data sets with high dimensionality and complexity; fluency in SQL (or other database languages) and a scripting language (Python or R)\n'
    '  * Excellent communication skills and ability to explain learnings to both technical and non-technical partners\n'
    '  * A team player whoâ€™s able to partner with cross-functional leadership to quickly turn insights into actions\n'
    '\n'
    '**Relocation Statement:**\n'
    '\n'
    '  * This position is not eligible for relocation assistance. Visit our PinFlex page to learn more about our working model.\n'
    '\n'
    '#LI-NM4\n'
    '\n'
    '#LI-HYBRID\n'
    '\n'
    'At Pinterest we believe the workplace should be equitable, inclusive, and inspiring for every employee. In an effort to provide greater transparency, we are sharing the base salary range for this position. The position is also eligible for equity. Final salary is based on a number of factors including location, travel, relevant prior experience, or particular skills and expertise.\n'
    '\n'
    '_Information regarding the culture at Pinterest and benefits available for this position can be found here._\n'
    '\n'
    'US based applicants only\n'
    '\n'
    '$148,049â€”$304,496 USD\n'
    '\n'
    ' **Our Commitment to Diversity:**\n'
    '\n'
    'Pinterest is an equal opportunity employer and makes employment decisions on the basis of merit. We want to have the best qualified people in every job. All qualified applicants will receive consideration for employment without regard to race, color, religion, sex, sexual orientation, gender identity, national origin, disability, protected veteran status, or any other characteristic under federal, state, or local law. We also consider qualified applicants regardless of criminal histories, consistent with legal requirements. If you require an accommodation during the job application process, please notify accessibility@pinterest.com for support.\n'
    '\n'
    '  \n'
    '## CLICK TO [APPLY](https://www.remotewlb.com/apply/staff-data-scientist-ecosystem-42713)\n'
    '\n'
)


@pytest.fixture(scope="module")
def seed() -> ImportResult:
    return import_text(SEED, today=TODAY)


def test_seed_header_fields(seed):
    assert seed.slug == "staff-data-scientist-ecosystem"
    assert (seed.company_slug, seed.company_name) == ("pinterest", "Pinterest")
    fm = seed.front_matter
    assert fm["title"] == "Staff Data Scientist, Ecosystem"
    assert fm["company"] == "pinterest"
    assert fm["apply_url"] == "https://www.remotewlb.com/apply/staff-data-scientist-ecosystem-42713"
    assert (fm["location"], fm["remote"], fm["remote_regions"]) == ("San Francisco, CA, US", True, ["US"])
    assert fm["employment_type"] == "full-time"
    assert fm["tags"] == ["data-science"]
    assert (fm["posted"], fm["draft"]) == (TODAY, False)
    assert "expires" not in fm


def test_seed_keeps_the_most_precise_salary(seed):
    # The badge says 148k~304k; the body's $148,049—$304,496 is the same range, exactly.
    assert seed.front_matter["salary"] == {"min": 148_049, "max": 304_496, "currency": "USD", "period": "year"}
    assert "salary: no pay period stated; assumed year" in seed.warnings


def test_seed_front_matter_keys_in_order(seed):
    assert list(seed.front_matter) == [
        "title", "company", "location", "remote", "remote_regions", "employment_type", "salary",
        "posted", "apply_url", "tags", "draft",
    ]


def test_seed_mojibake_is_repaired(seed):
    for bad in ("â€", "ðŸ", "Ã"):
        assert bad not in seed.text
    assert "It’s" in seed.body
    assert "$148,049—$304,496 USD" in seed.body


def test_seed_body_is_clean_markdown(seed):
    lines = seed.body.split("\n")
    assert seed.body.startswith("**About Pinterest**")
    assert "CLICK TO" not in seed.body
    assert not [line for line in lines if line.startswith("#LI-")]
    assert "- Build a deeper understanding of our Pinterest ecosystem." in seed.body
    assert "  - Tradeoff between organic and ads" in lines
    assert not [line for line in lines if line != line.rstrip()]
    assert "\n\n\n" not in seed.body
    assert seed.body.endswith("for support.\n")


def test_seed_file_text(seed):
    head, sep, body = seed.text.partition("\n---\n\n")
    assert head.startswith("---\n") and sep
    assert body == seed.body
    assert yaml.safe_load(head[4:]) == seed.front_matter
    assert "posted: 2026-06-15\n" in head
    assert "tags: [data-science]\n" in head
    assert "remote_regions: [US]\n" in head
    assert seed.text.endswith(".\n") and not seed.text.endswith("\n\n")


def test_seed_warnings_name_their_field(seed):
    assert "expires: not set; add a closing date" in seed.warnings
    assert all(": " in w and w.split(":")[0].replace("_", "").isalpha() for w in seed.warnings)


def test_plain_title_without_link_warns_about_apply_url():
    result = import_text("# Backend Engineer\n### Acme Corp\n#### `Berlin, DE`\n\nWe build things.\n", today=TODAY)
    fm = result.front_matter
    assert (fm["title"], fm["company"], result.company_slug) == ("Backend Engineer", "acme-corp", "acme-corp")
    assert "apply_url" not in fm and "salary" not in fm and "remote_regions" not in fm
    assert (fm["location"], fm["remote"], fm["tags"]) == ("Berlin, DE", False, ["backend"])
    assert "apply_url: missing; add the link where candidates apply" in result.warnings
    assert "salary: not found; add it or leave it out" in result.warnings
    assert result.body == "We build things.\n"


def test_apply_url_falls_back_to_the_footer_link():
    raw = "# Writer\n### Acme\n\nWrite.\n\n## CLICK TO [APPLY](https://acme.example/apply)\n"
    result = import_text(raw, today=TODAY)
    assert result.front_matter["apply_url"] == "https://acme.example/apply"
    assert result.body == "Write.\n"
    assert "tags: none guessed from the title; add some" not in result.warnings  # "writer" is a tag


def test_body_cleanup():
    raw = (
        "# [Dev](https://x.example/a)\n### X\n#### `🌍 Remote`\n\n**Description**\n\n\n\n"
        "Intro   \n\n\n\n  * one\n    * one.a\n      * deep\n  * two\n\n#LI-Remote\n#LI-DNI\n\n   Indented a little\n"
    )
    assert import_text(raw, today=TODAY).body == (
        "Intro\n\n- one\n  - one.a\n    - deep\n- two\n\nIndented a little\n"
    )


def test_badge_period_taken_from_the_body_and_no_warning():
    raw = "# Designer\n### X\n#### `💰 €60k–€80k` `🌍 Berlin, DE`\n\nPay: €60.000 – €80.000 per year.\n"
    result = import_text(raw, today=TODAY)
    assert result.front_matter["salary"] == {"min": 60_000, "max": 80_000, "currency": "EUR", "period": "year"}
    assert not [w for w in result.warnings if w.startswith("salary:")]


def test_unrelated_money_in_the_body_is_flagged_not_chosen():
    raw = "# Engineer\n### X\n#### `💰 $100k-$120k` `🌍 Remote`\n\nA $1,500 home office budget.\n"
    result = import_text(raw, today=TODAY)
    assert result.front_matter["salary"]["min"] == 100_000
    assert any("USD 1,500" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Part-time Designer", "", "part-time"),
        ("Designer", "This is a contract role for six months.", "contract"),
        ("Machine Learning Intern", "", "internship"),
        ("Designer", "We negotiate contracts with vendors.", "full-time"),
    ],
)
def test_employment_type(title, body, expected):
    result = import_text(f"# {title}\n### X\n#### `🌍 Remote`\n\n{body}\n", today=TODAY)
    assert result.front_matter["employment_type"] == expected


def test_no_title_heading_is_an_error():
    with pytest.raises(ValueError, match="no '# Title' heading"):
        import_text("### Company only\n", today=TODAY)


# --- import_file ------------------------------------------------------------------------------


def _seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "raw.md"
    path.write_bytes(SEED.encode("utf-8"))
    return path


def test_import_file_writes_posting_and_company_then_refuses_a_second_run(tmp_path):
    site = tmp_path / "site"
    result, written = import_file(_seed_file(tmp_path), site, today=TODAY)
    job = site / "content" / "jobs" / "staff-data-scientist-ecosystem.md"
    company = site / "content" / "companies" / "pinterest.md"
    assert written == [job, company]
    assert job.read_text(encoding="utf-8") == result.text
    assert company.read_text(encoding="utf-8") == "---\nname: Pinterest\n---\n\nTODO: describe Pinterest.\n"
    with pytest.raises(FileExistsError, match="already exists"):
        import_file(_seed_file(tmp_path), site, today=TODAY)
    assert job.read_text(encoding="utf-8") == result.text


def test_import_file_keeps_an_existing_company(tmp_path):
    site = tmp_path / "site"
    company = site / "content" / "companies" / "pinterest.md"
    company.parent.mkdir(parents=True)
    company.write_text("---\nname: Pinterest Inc.\n---\n\nOurs.\n", encoding="utf-8")
    _, written = import_file(_seed_file(tmp_path), site, today=TODAY)
    assert written == [site / "content" / "jobs" / "staff-data-scientist-ecosystem.md"]
    assert company.read_text(encoding="utf-8").endswith("Ours.\n")


def test_import_file_to_stdout_writes_nothing(tmp_path, capsys):
    site = tmp_path / "site"
    result, written = import_file(_seed_file(tmp_path), site, today=TODAY, stdout=True)
    assert written == [] and not site.exists()
    assert capsys.readouterr().out == result.text


def test_import_file_rejects_an_empty_slug(tmp_path):
    path = tmp_path / "raw.md"
    path.write_bytes("# ???\n### Acme\n\nText.\n".encode())
    with pytest.raises(ValueError, match="empty slug"):
        import_file(path, tmp_path / "site", today=TODAY)
    assert not (tmp_path / "site").exists()


def test_import_file_survives_invalid_utf8(tmp_path):
    path = tmp_path / "raw.md"
    path.write_bytes(b"# [Data Scientist](https://acme.example.com/apply)\n### Acme\n#### `Remote`\n\nBad byte \xff here.\n")
    result, _ = import_file(path, tmp_path / "site", today=TODAY)
    assert result.slug == "data-scientist"


def test_imported_posting_builds(scratch):
    """The imported file passes the site's own validation and becomes a page."""
    import_file(_seed_file(scratch.root.parent), scratch.root, today=TODAY)
    scratch.build()
    assert (scratch.output / "jobs" / "staff-data-scientist-ecosystem" / "index.html").exists()
