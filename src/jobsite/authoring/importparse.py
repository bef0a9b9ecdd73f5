"""Pure text parsers behind `jobsite import`: salaries, location badges, slugs and tags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..content.regions import places


@dataclass(frozen=True)
class ParsedSalary:
    """A pay range found in text in an ISO 4217 currency; min == max for a single figure."""

    # Whole amounts are ints; a float only when the text gives cents ("$45.50/hr"), since
    # rounding those would change the offer.
    min: int | float
    max: int | float
    currency: str
    period: str  # hour | day | week | month | year
    period_assumed: bool = False  # True when the text named no period and we guessed it


@dataclass(frozen=True)
class SalaryMatch:
    """One salary found in a longer text, with what is needed to rank it against the others."""

    salary: ParsedSalary
    start: int  # offset in the text, so earlier mentions win ties
    precision: int  # higher is more precise: fewer trailing zeros, fewer `k` abbreviations

    @property
    def is_range(self) -> bool:
        return self.salary.min < self.salary.max


# --- salary -------------------------------------------------------------------------------

ISO_CODES = frozenset(
    "USD EUR GBP CAD AUD CHF JPY INR SEK NOK DKK PLN NZD SGD HKD BRL MXN ZAR CNY ILS CZK HUF "
    "RON BGN ISK TRY AED SAR KRW TWD THB PHP IDR MYR VND ARS CLP COP PEN UAH NGN KES EGP".split()
)
# "$" alone is read as US dollars, the overwhelmingly common meaning on English job boards;
# an ISO code anywhere in the same expression overrides it ("$90,000 CAD").
SYMBOLS = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "S$": "SGD", "SG$": "SGD", "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₪": "ILS", "₱": "PHP",
    "฿": "THB", "₺": "TRY", "zł": "PLN",
}
_GROUP = "[,.'’\u00a0\u2009\u202f ]"  # thousands separators: US, European, Swiss, thin/regular spaces
_NUMBER = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?!\d)"  # Indian lakh grouping: 12,00,000
    rf"|\d{{1,3}}(?:{_GROUP}\d{{3}}(?!\d))+(?:[.,]\d{{1,2}}(?!\d))?"
    r"|\d+(?:[.,]\d{1,2}(?!\d))?"
)
_UNIT = r"(?:\s?(?:[kK]|LPA|[Ll]akhs?|[Ll]acs?)(?![A-Za-z]))?"
_TOKEN = re.compile(
    "|".join((
        r"(?P<nl>\n)",
        r"(?P<ws>[ \t\u00a0\u2009\u202f]+)",
        rf"(?P<code>(?<![A-Za-z])(?:{'|'.join(sorted(ISO_CODES))})(?![A-Za-z]))",
        r"(?P<sym>(?<![A-Za-z])(?:US|CA|C|AU|A|NZ|SG|S|HK|R|MX)\$|[$€£¥₹₩₪₱฿₺]|zł(?!\w))",
        rf"(?P<num>(?:{_NUMBER}){_UNIT})",
        r"(?P<sep>[-–—~‐‑‒−]|\bto\b|\band\b)",
        # Whole words, digits included, so "NM4" in "#LI-NM4" is never read as a number.
        r"(?P<word>[^\W\d]\w*)",
        r"(?P<other>.)",
    )),
    re.DOTALL,
)
# A number followed by these is a count or a fortune, not pay ("7 years", "$5M raised").
_NOT_MONEY = re.compile(
    r"\s?(?:\+\s?)?(?:[mMbB](?:n|m|illions?)?(?![A-Za-z])|(?:millions?|billions?|thousands?)\b"
    r"|(?:years?|yrs?|months|weeks|days|hours|hrs|percent|people|employees|users)\b|%)",
    re.IGNORECASE,
)
_PER = r"(?:per|a|an|each|every|/)\s*"
_PERIOD_WORDS = (
    ("hour", rf"{_PER}(?:hour|hr|h)\b|hourly\b|p/h\b"),
    ("day", rf"{_PER}day\b|daily\b|day\s+rate\b|p/d\b"),
    ("week", rf"{_PER}(?:week|wk)\b|weekly\b|p/w\b"),
    ("month", rf"{_PER}(?:month|mth|mo)\b|monthly\b|pcm\b|p/m\b"),
    ("year", rf"{_PER}(?:year|yr|annum|y)\b|annual(?:ly)?\b|yearly\b|p\.?\s?a\.?(?![A-Za-z])"),
)
# Words allowed between the amount and its period: "$60k gross per year", "€50k (base) p.a.".
_FILLER = r"[\s,]*(?:\(?(?:gross|base|brutto|net|pre-tax|before\s+tax|salary|OTE)\)?[\s,]*)*"
_SUFFIX_PERIOD = re.compile(
    _FILLER + "(?:" + "|".join(f"(?P<{p}>{rx})" for p, rx in _PERIOD_WORDS) + ")", re.IGNORECASE
)
_PREFIX_PERIOD = re.compile(
    r"\b(?:(?P<hour>hourly|per hour)|(?P<day>daily|per day|day rate)|(?P<week>weekly|per week)"
    r"|(?P<month>monthly|per month)|(?P<year>annual(?:ly)?|yearly|per year|per annum))\b",
    re.IGNORECASE,
)
_LAKH = re.compile(r"LPA|[Ll]akhs?|[Ll]acs?")


# Longer runs of digits are never read as pay (Python prints no int that long, nor YAML reads one).
MAX_DIGITS = 4300


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _amount(token: str) -> tuple[Decimal, int]:
    """The value of a number token and its multiplier (1, or 1000 for `k`, 100000 for lakh)."""
    match = re.fullmatch(r"(?P<n>.*?\d)\s?(?P<u>[A-Za-z]*)", token)
    assert match is not None  # the tokenizer only produces digit-led tokens
    digits, unit = match["n"], match["u"]
    # A last separator followed by one or two digits is a decimal mark ("45.50", "60,5k");
    # followed by three it groups thousands ("60.000"), as in European and US usage alike.
    decimal = re.search(r"[.,](\d{1,2})$", digits)
    whole = digits[: decimal.start()] if decimal else digits
    value = Decimal(re.sub(r"\D", "", whole) + ("." + decimal[1] if decimal else ""))
    multiplier = 1000 if unit.lower() == "k" else 100_000 if unit else 1
    return value, multiplier


def _number(value: Decimal) -> int | float:
    whole = value.to_integral_value(rounding=ROUND_HALF_UP)
    # Cents are kept on amounts a job can pay; past that the figure is wrong anyway.
    if whole == value or whole >= 10**12:
        return int(whole)
    return float(value.quantize(Decimal("0.01")))


def _trailing_zeros(value: int | float) -> int:
    if isinstance(value, float):
        return 0
    text = str(value)
    return len(text) - len(text.rstrip("0"))


def _currency(tokens: list[_Token]) -> str | None:
    codes = [t.text for t in tokens if t.kind == "code"]
    if codes:
        return codes[0]
    symbols = [SYMBOLS[t.text] for t in tokens if t.kind == "sym"]
    return symbols[0] if symbols else None


def _period(text: str, start: int, end: int) -> str | None:
    """The pay period named right after the amount, else earlier on the same line."""
    after = _SUFFIX_PERIOD.match(text, end)
    if after:
        return after.lastgroup
    line_start = text.rfind("\n", 0, start) + 1
    before = list(_PREFIX_PERIOD.finditer(text, max(line_start, start - 60), start))
    return before[-1].lastgroup if before else None


def _take(tokens: list[_Token], i: int, kinds: tuple[str, ...]) -> int:
    while i < len(tokens) and tokens[i].kind in kinds:
        i += 1
    return i


def _read_salary(text: str, tokens: list[_Token], i: int) -> tuple[SalaryMatch, int] | None:
    """The salary expression starting at token i and the index after it, or None."""
    # Shape: [currency] number [currency] [separator [currency] number [currency]]
    j = _take(tokens, i, ("code", "sym"))
    if j >= len(tokens) or tokens[j].kind != "num" or _NOT_MONEY.match(text, tokens[j].end):
        return None
    low_token = tokens[j]
    end = _take(tokens, j + 1, ("code", "sym"))
    high_token = None
    if end < len(tokens) and tokens[end].kind == "sep":
        # "and" joins two amounts only after "between"; otherwise "$90k and 401k" becomes a range.
        is_and = tokens[end].text == "and"
        if not is_and or re.search(r"between\s*$", text[max(0, tokens[i].start - 12) : tokens[i].start], re.I):
            k = _take(tokens, end + 1, ("code", "sym"))
            if k < len(tokens) and tokens[k].kind == "num" and not _NOT_MONEY.match(text, tokens[k].end):
                high_token, high_end = tokens[k], _take(tokens, k + 1, ("code", "sym"))
    if max(len(low_token.text), len(high_token.text) if high_token else 0) > MAX_DIGITS:
        return None  # a run of digits, not an amount anyone wrote as pay
    low, low_unit = _amount(low_token.text)
    high, high_unit = _amount(high_token.text) if high_token else (low, low_unit)
    if high_token and high_unit > 1 and low_unit == 1 and low <= high:
        low_unit = high_unit  # "60-80k" and "12-15 LPA": the unit written once covers both ends
    with localcontext() as exact:
        # Exact arithmetic however long the figure: an absurd salary reaches the posting's own
        # validation, which names it, instead of raising from Decimal's 28-digit rounding.
        exact.prec = 2 * MAX_DIGITS
        low, high = low * low_unit, high * high_unit
        if high_token and high >= low:
            end = high_end
        else:
            high = low  # "$100k - 2 years", "$120k-$90k": keep only the first figure
        low_value, high_value = _number(low), _number(high)
    used = tokens[i:end]
    currency = _currency(used)
    if currency is None and any(t.kind == "num" and _LAKH.search(t.text) for t in used):
        currency = "INR"  # lakhs are counted in rupees
    if currency is None or low <= 0:
        return None  # a bare number is never a salary
    # "LPA" is "lakhs per annum": the unit names the period too.
    period = "year" if any("LPA" in t.text for t in used) else None
    period = period or _period(text, tokens[i].start, tokens[end - 1].end)
    assumed = period is None
    if period is None:
        period = "hour" if high_value < 1000 else "year"
    salary = ParsedSalary(low_value, high_value, currency, period, assumed)
    abbreviated = sum(1 for t in used if t.kind == "num" and t.text[-1:].isalpha())
    precision = -10 * (_trailing_zeros(low_value) + _trailing_zeros(high_value)) - abbreviated
    return SalaryMatch(salary, tokens[i].start, precision), end


def find_salaries(text: str) -> list[SalaryMatch]:
    """Every salary stated in the text, in order of appearance."""
    tokens = [_Token(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [t for t in tokens if t.kind != "ws"]
    found: list[SalaryMatch] = []
    i = 0
    while i < len(tokens):
        read = _read_salary(text, tokens, i) if tokens[i].kind in ("code", "sym", "num") else None
        if read:
            found.append(read[0])
            i = read[1]
        else:
            i += 1
    return found


def best_salary(matches: list[SalaryMatch]) -> SalaryMatch | None:
    """The match to keep: a range over a single figure, then the most precise, then the first."""
    if not matches:
        return None
    return min(matches, key=lambda m: (not m.is_range, -m.precision, m.start))


def parse_salary(text: str) -> ParsedSalary | None:
    """The salary stated in a short text such as a badge, or None when there is none."""
    best = best_salary(find_salaries(text))
    return best.salary if best else None


def salaries_agree(a: ParsedSalary, b: ParsedSalary, tolerance: float = 0.05) -> bool:
    """Whether two mentions are the same range, one perhaps rounded ("148k" vs "148,049")."""
    if a.currency != b.currency:
        return False
    if not (a.period_assumed or b.period_assumed) and a.period != b.period:
        return False
    return all(abs(x - y) <= tolerance * max(x, y) for x, y in ((a.min, b.min), (a.max, b.max)))


# --- location -----------------------------------------------------------------------------

# What follows "Remote" that says how remote, not where: "Remote-first", "Remote (optional)".
_NOT_REGIONS = frozenset(("first", "friendly", "ok", "only", "optional", "possible"))
_MARKER = r"remote|hybrid|on-?site|in[- ]office"
_MARKER_FIRST = re.compile(rf"^(?P<m>{_MARKER})\b\s*[-–—:/(]?\s*(?P<rest>.*?)\)?$", re.IGNORECASE)
_MARKER_LAST = re.compile(rf"^(?P<rest>.*?)\s*[-–—(/]\s*(?P<m>{_MARKER})\)?$", re.IGNORECASE)


def _is_region(part: str) -> bool:
    """Whether remote_regions would take it: a country or a region (content/regions.py decides)."""
    return places().resolve(part) is not None


def parse_location(badge: str) -> tuple[list[str], str | bool, list[str]]:
    """(locations, remote, remote_regions) from a badge like `San Francisco, CA,US,Remote`."""
    flags: set[str] = set()
    places: list[list[str]] = []
    regions: list[str] = []
    for group in re.split(r"\s*[;|]\s*|\s+/\s+", badge):
        parts: list[str] = []
        for raw in group.split(","):
            part = " ".join(raw.split())
            marker = _MARKER_FIRST.match(part) or _MARKER_LAST.match(part)
            if marker:
                flag = marker["m"].lower()
                flags.add("remote" if flag == "remote" else "hybrid" if flag == "hybrid" else "onsite")
                part = " ".join(marker["rest"].strip(" -–—()").split())
                if part.lower() in _NOT_REGIONS:
                    part = ""
                if part and flag == "remote" and marker.re is _MARKER_FIRST:
                    regions.append(part)  # "Remote - US", "Remote (Europe)": where, not a place
                    continue
            if part:
                parts.append(part)
        if parts:
            places.append(parts)
    # Remote wins over hybrid: a badge saying both usually means "remote, or come in if near".
    remote: str | bool = True if "remote" in flags else "hybrid" if "hybrid" in flags else False
    locations: list[str] = []
    for parts in places:
        if remote is True and len(parts) == 1 and _is_region(parts[0]):
            regions.append(parts[0])  # "Remote, US": the US is where, not a location
            continue
        if remote is True and len(parts) >= 3 and _is_region(parts[-1]):
            # Only city, state, country: with two parts "CA" may be California or Canada.
            regions.append(parts[-1])
        locations.append(", ".join(parts))
    return list(dict.fromkeys(locations)), remote, list(dict.fromkeys(regions))


# --- slugs, tags, employment type ---------------------------------------------------------


# Title keyword (a regex on the lowercased title) -> tag slug. Deliberately small: a guess
# for the editor to correct, not a taxonomy.
TITLE_TAGS: tuple[tuple[str, str], ...] = (
    (r"data scien", "data-science"),
    (r"machine learning|\bml\b|\bai\b", "machine-learning"),
    (r"data engineer", "data-engineering"),
    (r"data analy|analytics", "data-analytics"),
    (r"front[- ]?end", "frontend"),
    (r"back[- ]?end", "backend"),
    (r"full[- ]?stack", "full-stack"),
    (r"devops|\bsre\b|site reliability|platform engineer|infrastructure", "devops"),
    (r"security", "security"),
    (r"\bios\b|android|mobile", "mobile"),
    (r"\bqa\b|quality assurance|\btest", "qa"),
    (r"software engineer|software developer|\bdeveloper\b", "software-engineering"),
    (r"product manag", "product-management"),
    (r"design", "design"),
    (r"marketing", "marketing"),
    (r"\bsales\b|account executive", "sales"),
    (r"support|customer success", "customer-support"),
    (r"recruit|talent", "recruiting"),
    (r"writer|content", "writing"),
)


def guess_tags(title: str) -> list[str]:
    """Tag slugs for the keywords of a title, in table order; maybe empty."""
    lowered = title.lower()
    return list(dict.fromkeys(tag for pattern, tag in TITLE_TAGS if re.search(pattern, lowered)))


_TYPE_WORDS = (
    ("part-time", r"part[- ]time"),
    ("internship", r"intern(?:ship)?"),
    ("contract", r"contract(?:or)?|freelance"),
    ("temporary", r"temporary|temp"),
    ("volunteer", r"volunteer"),
)


def guess_employment_type(header: str, body: str) -> str:
    """`full-time` unless the title/badges, or a clear phrase in the body, say otherwise."""
    for kind, words in _TYPE_WORDS:
        if re.search(rf"\b(?:{words})\b", header, re.IGNORECASE):
            return kind
    # In the body, a bare "contract" or "intern" is too loose ("contract negotiations",
    # "we also hire interns"); require it to describe this role.
    for kind, words in _TYPE_WORDS:
        phrase = (
            rf"\b(?:{words})\s+(?:role|position|job|basis|engagement|opportunity)\b"
            rf"|(?:employment|job|contract)\s+type\s*:\s*\**\s*(?:{words})\b"
        )
        if re.search(phrase, body, re.IGNORECASE):
            return kind
    return "full-time"
