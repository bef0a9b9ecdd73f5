"""A deterministic synthetic board: N postings across N/20 companies, in jobsite's own format.

The generator is the one of ../shared/bench/make_corpus.py (same seed, same random draws), so the
postings match the corpus the peers (Hugo, Eleventy, Pelican) build; only the front matter differs.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from .vocab import (
    ABOUT, BENEFIT_ITEMS, CITIES, CLOSING, COMPANY_A, COMPANY_B, CUR_SYM, CURRENCY_BY_CITY,
    DO_ITEMS, GENERIC_TAGS, INDUSTRIES, MISSIONS, NICE_ITEMS, PRODUCTS, REQ_ITEMS, RETREATS,
    ROLE_PARAS, ROLES, SENIORITY, SYSTEMS, TEAM_PARAS, TEAMS, TECH, UNITS, WHY_PARAS,
)

# The day the benchmark builds "on": most postings are open, about a third have closed.
BENCH_NOW = dt.date(2025, 7, 1)
SEED = 42
EMPLOYMENT = ("full-time",) * 8 + ("contract", "part-time")


def slugify(s):
    """The slug rule of make_corpus.py."""
    s = s.lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def yaml_str(s):
    """A double-quoted YAML string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fmt_money(n):
    """12,345."""
    return f"{n:,}"


class Gen:
    """make_corpus.py's generator: companies, then postings drawn from one seeded RNG."""

    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.companies = self._companies(max(1, round(n / 20)))

    def _companies(self, k):
        rng = self.rng
        combos = [f"{a} {b}" for a in COMPANY_A for b in COMPANY_B]
        rng.shuffle(combos)
        out = combos[:k]
        i = 2
        while len(out) < k:  # beyond 1500 companies: numbered variants
            out.extend(f"{c} {i}" for c in combos[: k - len(out)])
            i += 1
        comps = []
        for name in out:
            comps.append({
                "name": name,
                "slug": slugify(name),
                "industry": rng.choice(INDUSTRIES),
                "product": rng.choice(PRODUCTS),
                "year": rng.randint(2005, 2021),
                "headcount": rng.choice([12, 25, 40, 60, 85, 120, 200, 350, 800, 1500]),
                "city": rng.choice(CITIES),
            })
        return comps

    def posting(self, i, comp):
        rng = self.rng
        role, family = rng.choice(ROLES)
        sen = rng.choice(SENIORITY)
        title = f"{sen} {role}".strip()
        tech = TECH[family][:]
        rng.shuffle(tech)
        remote = rng.random() < 0.45
        city = comp["city"] if rng.random() < 0.7 else rng.choice(CITIES)
        country = city.split(", ")[-1]
        currency = CURRENCY_BY_CITY.get(country, "USD")
        base = {"Junior": 45, "": 70, "Senior": 95, "Staff": 125, "Lead": 115,
                "Principal": 145}[sen]
        base = base * (1.25 if currency == "USD" else 1.0)
        smin = int(base * rng.uniform(0.85, 1.15)) * 1000
        smax = smin + rng.choice([10, 15, 20, 25, 30, 40]) * 1000
        date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 540))
        tags = []
        pool = tech[:4] + GENERIC_TAGS
        for t in rng.sample(pool, rng.randint(2, 5)):
            tags.append(slugify(t))
        slug = f"{i:05d}-{slugify(title)}"
        apply_url = f"https://careers.{comp['slug']}.example.com/jobs/{i:05d}"
        ctx = {
            "company": comp["name"], "industry": comp["industry"], "product": comp["product"],
            "year": comp["year"], "headcount": comp["headcount"],
            "offices": rng.choice(["two", "three", "four", "five"]),
            "profit_year": rng.randint(comp["year"] + 1, 2024),
            "mission": rng.choice(MISSIONS).format(industry=comp["industry"]),
            "volume": rng.choice([3, 12, 40, 85, 150, 600]), "unit": rng.choice(UNITS),
            "worktype": "remotely" if remote else "from our office in " + city.split(",")[0],
            "blog_url": f"https://{comp['slug']}.example.com/blog",
            "handbook_url": f"https://{comp['slug']}.example.com/handbook",
            "city_short": city.split(",")[0],
            "role": title, "team": rng.choice(TEAMS), "team_size": rng.randint(4, 12),
            "responsibility": rng.choice(SYSTEMS),
            "manager": rng.choice(["Head of Engineering", "VP of Product", "CTO",
                                   "Engineering Manager", "Director of Data"]),
            "tech1": tech[0], "tech2": tech[1], "tech3": tech[2],
            "system": rng.choice(SYSTEMS),
            "junior_word": rng.choice(["junior", "mid-level", "newer"]),
            "oncall": rng.choice(["six", "eight", "ten"]),
            "years": {"Junior": 1, "": 3, "Senior": 5, "Staff": 8, "Lead": 6,
                      "Principal": 10}[sen],
            "cur_sym": CUR_SYM[currency], "smin": fmt_money(smin), "smax": fmt_money(smax),
            "holidays": rng.choice([25, 27, 28, 30]), "budget": CUR_SYM[currency] + rng.choice(["1,000", "1,500", "2,000"]),
            "parental": rng.choice([12, 16, 20, 26]), "retreat": rng.choice(RETREATS),
            "pension": rng.choice([3, 5, 6, 8]), "sabbatical": rng.choice([4, 6, 8]),
            "tz": rng.choice(["two", "three", "four"]), "series": rng.choice("ABCD"),
            "worktype_adj": "remote-first" if remote else "hybrid",
            "stack": tech[:rng.randint(4, 6)],
        }
        body = self.body(ctx, rng.randint(600, 810))
        fm = {
            "title": title, "company": comp["name"], "location": city, "remote": remote,
            "salary_min": smin, "salary_max": smax, "currency": currency,
            "date": date.isoformat(), "tags": tags, "apply_url": apply_url,
        }
        return slug, fm, body

    def _pick(self, pool, k):
        """Sample up to k items of pool not yet used in the current posting."""
        left = [x for x in pool if x not in self._used]
        got = self.rng.sample(left, min(k, len(left)))
        self._used.update(got)
        return got

    def _para(self, pool, ctx, k):
        got = self._pick(pool, k)
        return " ".join(s.format(**ctx) for s in got) if got else None

    def _bullets(self, pool, ctx, k):
        return "\n".join("- " + s.format(**ctx) for s in self._pick(pool, k))

    def body(self, ctx, target):
        rng = self.rng
        self._used = set()
        # Each section is a list of blocks; we grow sections until the word target.
        about = [self._para(ABOUT, ctx, rng.randint(3, 4))]
        role = [self._para(ROLE_PARAS, ctx, rng.randint(2, 3))]
        do = [self._bullets(DO_ITEMS, ctx, rng.randint(5, 7))]
        req = [self._bullets(REQ_ITEMS, ctx, rng.randint(5, 7))]
        nice = [self._bullets(NICE_ITEMS, ctx, rng.randint(2, 4))]
        ben = [self._bullets(BENEFIT_ITEMS, ctx, rng.randint(6, 9))]
        process = [
            "Our interview process has four steps and usually takes about three weeks:",
            "1. A 30-minute call with someone from our talent team\n"
            "2. A technical conversation with two future teammates\n"
            f"3. A {rng.choice(['take-home exercise (paid, about three hours)', 'pairing session on a real problem', 'system design discussion'])}\n"
            "4. A final chat with the {manager} about goals and values".format(**ctx),
        ]
        closing = [CLOSING[0].format(**ctx)] + ([CLOSING[1]] if rng.random() < 0.6 else [])

        def render():
            parts = [f"## About {ctx['company']}", *about, "## The role", *role,
                     "## What you'll do", *do, "## What we're looking for", *req,
                     "### Nice to have", *nice, "## Benefits", *ben,
                     "## How we hire", *process,
                     "## How to apply",
                     f"Send us your CV and a few lines about why you are interested via our "
                     f"[application form]({ctx['blog_url'].replace('/blog', '/apply')}). "
                     f"Questions? Email **jobs@{ctx['blog_url'].split('//')[1].split('/')[0]}** "
                     f"or read our [candidate FAQ]({ctx['handbook_url']}/hiring-faq).",
                     *closing]
            return "\n\n".join(p for p in parts if p) + "\n"

        def add_stack():
            if "stack" not in self._used:
                self._used.add("stack")
                role.append("Our stack includes:\n\n" + "\n".join(
                    f"- **{t}**" for t in ctx["stack"]))

        grow = [
            lambda: about.append(self._para(ABOUT, ctx, rng.randint(2, 3))),
            lambda: role.append(self._para(ROLE_PARAS, ctx, rng.randint(2, 3))),
            lambda: role.append(self._para(TEAM_PARAS, ctx, rng.randint(2, 3))),
            lambda: role.append(self._para(WHY_PARAS, ctx, rng.randint(2, 3))),
            add_stack,
            lambda: closing.append(CLOSING[2]) if CLOSING[2] not in closing else None,
        ]
        text = render()
        guard = 0
        while len(text.split()) < target and guard < 40:
            rng.choice(grow)()
            text = render()
            guard += 1
        return text


def write_corpus(root: Path, n: int, seed: int = SEED) -> list[Path]:
    """Write jobsite.toml, content/companies/ and content/jobs/ for N postings; returns the posting files."""
    jobs = root / "content" / "jobs"
    companies = root / "content" / "companies"
    jobs.mkdir(parents=True, exist_ok=True)
    companies.mkdir(parents=True, exist_ok=True)
    (root / "jobsite.toml").write_text(
        'title = "Benchmark board"\nbase_url = "https://jobs.example.org/"\n'
        'description = "Synthetic postings for the benchmark"\n', encoding="utf-8")
    gen = Gen(n, seed)
    comps = gen.companies
    # The same draws, in the same order, as make_corpus.py's main(): every company gets one
    # posting, the rest follow a mild Zipf skew.
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(comps))]
    assign = list(range(len(comps)))[:n]
    assign += gen.rng.choices(range(len(comps)), weights=weights, k=n - len(assign))
    gen.rng.shuffle(assign)
    # Fields make_corpus.py lacks come from a second RNG, so the shared one stays in step.
    extra = random.Random(seed + 1)
    files = []
    for i in range(1, n + 1):
        slug, fm, body = gen.posting(i, comps[assign[i - 1]])
        file = jobs / f"{slug}.md"
        file.write_text(posting_text(fm, slugify(fm["company"]), body, extra), encoding="utf-8")
        files.append(file)
    for index in sorted(set(assign)):
        comp = comps[index]
        (companies / f"{comp['slug']}.md").write_text(company_text(comp), encoding="utf-8")
    return files


def posting_text(fm: dict, company: str, body: str, rng: random.Random) -> str:
    """One posting with jobsite's front matter (see the README's reference)."""
    posted = dt.date.fromisoformat(fm["date"])
    expires = posted + dt.timedelta(days=rng.randint(60, 540))
    lines = [
        "---",
        f"title: {yaml_str(fm['title'])}",
        f"company: {company}",
        f"location: {yaml_str(fm['location'])}",
        f"remote: {'true' if fm['remote'] else 'false'}",
        f"employment_type: {rng.choice(EMPLOYMENT)}",
        "salary:",
        f"  min: {fm['salary_min']}",
        f"  max: {fm['salary_max']}",
        f"  currency: {fm['currency']}",
        "  period: year",
        f"posted: {posted.isoformat()}",
        f"expires: {expires.isoformat()}",
        f"apply_url: {yaml_str(fm['apply_url'])}",
        "tags: [" + ", ".join(fm["tags"]) + "]",
        "---",
    ]
    return "\n".join(lines) + "\n\n" + body


def company_text(comp: dict) -> str:
    """A company profile: name, website, location and a short Markdown body."""
    return (
        f"---\nname: {yaml_str(comp['name'])}\nwebsite: https://{comp['slug']}.example.com/\n"
        f"location: {yaml_str(comp['city'])}\n---\n\n"
        f"{comp['name']} builds {comp['product']} for the {comp['industry']} industry. "
        f"Founded in {comp['year']}, it has a team of {comp['headcount']} people.\n"
    )
