"""Salary insights drawn at build time: chart data per currency and its inline SVG (pure)."""

from __future__ import annotations

import functools
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from babel import Locale
from babel.numbers import format_compact_currency, format_compact_decimal, format_currency
from markupsafe import Markup, escape

from ..content.models import Posting
from ..content.rates import Rates
from .salary import annual, badge_text, comparable_pay, currency_name

# Chart geometry in CSS pixels. x positions are percentages of the chart's width, so the SVG
# stretches to any screen while its text keeps its real size (no viewBox shrinking it on phones).
ROW = 50  # one role in a range chart: title line, bar, amount
AXIS = 24  # tick labels under a chart
PLOT = 100  # histogram bar area
BINS = 8  # about how many histogram bins: enough to show a shape, few enough to read
TOP = 24  # histogram room above the bars for the median label
TITLE_CHARS = 38  # about what fits on one line at 320 px
MAX_TICK_LABELS = 5  # more would collide at 320 px


@dataclass(frozen=True)
class Axis:
    """A value scale from `low` to `high`, with tick values at round numbers."""

    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]  # the ticks as printed: "100K"

    def percent(self, value: float) -> float:
        """Where `value` sits along the axis, 0 to 100."""
        return round((value - self.low) / (self.high - self.low) * 100, 2)


@dataclass(frozen=True)
class RangeBar:
    """One role's annualised pay range."""

    title: str
    url: str
    low: float
    high: float
    text: str  # "$120K–$160K"
    as_posted: str  # the salary as the posting gives it, e.g. "$40–$55.50 /hr"


@dataclass(frozen=True)
class RangeChart:
    """A company's open roles in one currency, as horizontal bars on a shared axis."""

    key: str  # unique within a page, for element ids
    currency: str
    currency_name: str
    axis: Axis
    bars: tuple[RangeBar, ...]

    @property
    def height(self) -> int:
        return len(self.bars) * ROW + AXIS

    def svg(self) -> Markup:
        """The chart as an inline SVG image with a title and description."""
        return _range_svg(self)


@dataclass(frozen=True)
class Bin:
    """Postings whose annualised midpoint is at least `low` and below `high`."""

    low: float
    high: float
    count: int
    label: str  # "$80K–$100K"


@dataclass(frozen=True)
class Distribution:
    """How annualised salaries in one currency spread, with their median."""

    key: str
    currency: str
    currency_name: str
    axis: Axis
    bins: tuple[Bin, ...]
    median: float
    median_text: str  # "$119,660"
    count: int

    @property
    def height(self) -> int:
        return TOP + PLOT + AXIS

    def svg(self) -> Markup:
        """The histogram as an inline SVG image with a title and description."""
        return _histogram_svg(self)


def by_currency(postings: Iterable[Posting], rates: Rates | None = None) -> list[tuple[str, list[Posting]]]:
    """Postings with a salary grouped by currency (with `rates`: the currency their pay is
    compared in, the base one wherever there is a rate), the most common currency first."""
    groups: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.salary is not None:
            currency = comparable_pay(posting.salary, rates)[0] if rates else posting.salary.currency
            groups[currency].append(posting)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def salary_ranges(postings: Iterable[Posting], locale: Locale | str = "en_US") -> tuple[RangeChart, ...]:
    """One range chart per currency: each posting's annualised range, widest-paying last."""
    charts = []
    for currency, group in by_currency(postings):
        bars = []
        for posting in group:
            low, high = annual(posting.salary)
            bars.append(RangeBar(
                posting.title, posting.url, low, high,
                _span_text(low, high, currency, locale),
                badge_text(posting.salary, locale),
            ))
        bars.sort(key=lambda b: (b.low, b.high, b.title))
        axis = nice_axis(min(b.low for b in bars), max(b.high for b in bars), locale)
        charts.append(RangeChart(f"ranges-{currency.lower()}", currency, currency_name(currency, locale), axis, tuple(bars)))
    return tuple(charts)


def salary_distributions(postings: Iterable[Posting], rates: Rates, locale: Locale | str = "en_US") -> tuple[Distribution, ...]:
    """One histogram of annual midpoints in the base currency (one more per currency without
    a rate), with their median."""
    charts = []
    for currency, group in by_currency(postings, rates):
        mids = [sum(comparable_pay(p.salary, rates)[1:]) / 2 for p in group]
        step = nice_step(max(mids) - min(mids) or max(mids) / 2, BINS)
        low = math.floor(min(mids) / step) * step
        # The top edge lies above the largest value so it falls inside the last bin.
        high = (math.floor(max(mids) / step) + 1) * step
        if high - low < 3 * step:
            # One or two bins read as a block, not a spread: give them empty neighbours.
            low, high = max(0, low - step), high + step
        edges = _frange(low, high, step)
        bins = tuple(
            Bin(a, b, sum(a <= m < b for m in mids), _span_text(a, b, currency, locale))
            for a, b in zip(edges, edges[1:])
        )
        axis = _axis(low, high, edges, locale)
        median = statistics.median(mids)
        charts.append(Distribution(
            f"spread-{currency.lower()}", currency, currency_name(currency, locale), axis, bins,
            median, _full(median, currency, locale), len(mids),
        ))
    return tuple(charts)


def nice_step(span: float, target: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `target` intervals."""
    raw = span / target if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def nice_axis(low: float, high: float, locale: Locale | str = "en_US") -> Axis:
    """An axis from a round number at or below `low` to one at or above `high`."""
    step = nice_step(high - low or high / 2)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end == start:
        end += step
    return _axis(start, end, _frange(start, end, step), locale)


def _axis(low: float, high: float, edges: tuple[float, ...], locale: Locale | str) -> Axis:
    every = math.ceil(len(edges) / MAX_TICK_LABELS)
    ticks = edges[::every]
    labels = tuple(_tick(t, locale) for t in ticks)
    return Axis(low, high, ticks, labels)


def _frange(low: float, high: float, step: float) -> tuple[float, ...]:
    count = round((high - low) / step)
    return tuple(low + i * step for i in range(count + 1))


# Babel is slow and boards repeat the same figures on many pages: remember them.
@functools.lru_cache(maxsize=1024)
def _tick(value: float, locale: Locale | str) -> str:
    return format_compact_decimal(value, locale=locale, fraction_digits=1)


@functools.lru_cache(maxsize=8192)
def _compact(value: float, currency: str, locale: Locale | str) -> str:
    return format_compact_currency(value, currency, locale=locale, fraction_digits=0)


@functools.lru_cache(maxsize=8192)
def _full(value: float, currency: str, locale: Locale | str) -> str:
    return format_currency(round(value), currency, format="¤#,##0", locale=locale, currency_digits=False)


def _span_text(low: float, high: float, currency: str, locale: Locale | str) -> str:
    a, b = _compact(low, currency, locale), _compact(high, currency, locale)
    return a if a == b else f"{a}–{b}"


def _short_title(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"


def _anchor(percent: float) -> str:
    # Labels near an edge grow inwards so they never leave the chart.
    return "start" if percent < 20 else "end" if percent > 80 else "middle"


def _axis_svg(axis: Axis, top: int, bottom: int) -> list[str]:
    parts = []
    for tick, label in zip(axis.ticks, axis.labels):
        x = axis.percent(tick)
        parts.append(f'<line class="chart-grid" x1="{x}%" x2="{x}%" y1="{top}" y2="{bottom}"/>')
        parts.append(
            f'<text class="chart-tick" x="{x}%" y="{bottom + 16}" text-anchor="{_anchor(x)}">'
            f'{escape(label)}</text>'
        )
    return parts


def _svg(chart_key: str, height: int, title: str, desc: str, body: list[str]) -> Markup:
    ids = f"{chart_key}-title {chart_key}-desc"
    head = (
        f'<svg class="chart" width="100%" height="{height}" role="img" aria-labelledby="{ids}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_key}-title">{escape(title)}</title><desc id="{chart_key}-desc">{escape(desc)}</desc>'
    )
    # Inline SVG clips to its box (overflow: hidden), so no label can widen the page.
    return Markup(head + "".join(body) + "</svg>")


def _range_svg(chart: RangeChart) -> Markup:
    axis = chart.axis
    plot_bottom = len(chart.bars) * ROW
    body = _axis_svg(axis, 0, plot_bottom)
    for i, bar in enumerate(chart.bars):
        y = i * ROW
        x1, x2 = axis.percent(bar.low), axis.percent(bar.high)
        body.append(f'<text class="chart-label" x="0" y="{y + 15}">{escape(_short_title(bar.title))}</text>')
        if x2 - x1 < 1:
            body.append(f'<circle class="chart-bar" cx="{x1}%" cy="{y + 30}" r="7"/>')
        else:
            body.append(f'<rect class="chart-bar" x="{x1}%" y="{y + 21}" width="{round(x2 - x1, 2)}%" height="18" rx="9"/>')
        body.append(_amount_label(bar.text, x1, x2, y + 34))
    lines = "; ".join(f"{b.title}: {b.text} a year" for b in chart.bars)
    title = f"Salary ranges of open roles in {chart.currency_name}, per year"
    return _svg(chart.key, chart.height, title, lines + ".", body)


def _amount_label(text: str, x1: float, x2: float, baseline: int) -> str:
    # Beside the bar where there is room, inside a wide bar otherwise; 38% of a phone-wide chart
    # holds a label like "$115K–$160K".
    if x2 <= 62:
        return f'<text class="chart-amount" x="{x2}%" dx="10" y="{baseline}">{escape(text)}</text>'
    if x1 >= 38:
        return f'<text class="chart-amount" x="{x1}%" dx="-10" y="{baseline}" text-anchor="end">{escape(text)}</text>'
    mid = round((x1 + x2) / 2, 2)
    return f'<text class="chart-amount chart-inside" x="{mid}%" y="{baseline}" text-anchor="middle">{escape(text)}</text>'


def _histogram_svg(chart: Distribution) -> Markup:
    axis = chart.axis
    bottom = TOP + PLOT
    body = _axis_svg(axis, TOP, bottom)
    tallest = max(b.count for b in chart.bins)
    for b in chart.bins:
        if not b.count:
            continue
        x1, x2 = axis.percent(b.low), axis.percent(b.high)
        h = round(b.count / tallest * (PLOT - 18))
        body.append(f'<rect class="chart-bar chart-bin" x="{x1}%" y="{bottom - h}" width="{round(x2 - x1, 2)}%" height="{h}" rx="3"/>')
        body.append(f'<text class="chart-count" x="{round((x1 + x2) / 2, 2)}%" y="{bottom - h - 5}" text-anchor="middle">{b.count}</text>')
    x = axis.percent(chart.median)
    body.append(f'<line class="chart-median" x1="{x}%" x2="{x}%" y1="{TOP - 6}" y2="{bottom}"/>')
    body.append(f'<text class="chart-amount" x="{x}%" y="14" text-anchor="{_anchor(x)}">Median {escape(chart.median_text)}</text>')
    counts = "; ".join(f"{b.label}: {b.count}" for b in chart.bins)
    title = f"Spread of {chart.count} annual salaries in {chart.currency_name}"
    return _svg(chart.key, chart.height, title, f"Median {chart.median_text} a year. Postings per range: {counts}.", body)
