"""Generate a deterministic corpus of synthetic news articles with planted credit problems.

Usage: python bench/generate.py OUT_DIR --count N --seed S

Writes N articles (about 40% Markdown with front matter, 35% HTML, 25% plain text in the
shape of fixtures/clean/seed.txt) under OUT_DIR/<year>/, and OUT_DIR/ground_truth.json with,
for every article, the findings creditcheck should report as {check, line}. All prose is
made up here from word lists; the credits follow the forms of the shipped rules/*.yaml.

About 30% of the articles carry one planted problem (some two); the rest must be clean on
their publication date, so every credit is drawn only from the forms whose license covers
that date. The license windows below mirror rules/*.yaml and must change with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import random
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
GENERATOR = "creditcheck-bench-corpus/1"
# A corpus is reused only if it came from this exact generator source.
SOURCE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
PLANT_RATE = 0.30
SECOND_PLANT_RATE = 0.15
FORMAT_WEIGHTS = (("markdown", 40), ("html", 35), ("text", 25))
EXTENSIONS = {"markdown": ".md", "html": ".html", "text": ".txt"}

Window = tuple[dt.date, dt.date]
D = dt.date
FIRST_DAY, LAST_DAY = D(2018, 1, 1), D(2027, 12, 31)
ALWAYS: Window = (FIRST_DAY, LAST_DAY)
# rules/getty-images.yaml (AFP is licensed via Getty, so AFP shares this window).
GETTY: Window = (D(2019, 6, 1), D(2027, 12, 31))
# rules/afp.yaml: "X/AFP/Getty Images" was retired on 2020-01-01; before that it was the form.
AFP_OLD_FORM: Window = (D(2019, 6, 1), D(2019, 12, 31))
AFP_RETIRED: Window = (D(2020, 1, 1), D(2027, 12, 31))
GETTY_NOT_STARTED: Window = (FIRST_DAY, D(2019, 5, 31))
# rules/ap.yaml (Yonhap is licensed via AP).
AP: Window = (FIRST_DAY, D(2026, 6, 30))
AP_EXPIRED: Window = (D(2026, 7, 1), LAST_DAY)
# rules/bloomberg.yaml
BLOOMBERG: Window = (D(2020, 1, 1), D(2027, 12, 31))
BLOOMBERG_NOT_STARTED: Window = (FIRST_DAY, D(2019, 12, 31))
# rules/epa-efe.yaml
EPA: Window = (FIRST_DAY, D(2022, 12, 31))
EPA_EXPIRED: Window = (D(2023, 1, 1), LAST_DAY)
# rules/tns.yaml covers the whole corpus range, so TNS, Chicago Tribune and the Japan Times
# (both licensed via TNS) are always covered.
TNS: Window = ALWAYS

JAPAN_TIMES = "The Japan Times"
JT_SOURCES = frozenset({JAPAN_TIMES, "The Japan Tims", "Japan Times"})


@dataclass(frozen=True)
class Form:
    """A credit form: ``{p}`` is the photographer; ``checks`` are the findings it must cause."""

    text: str
    window: Window
    checks: tuple[str, ...] = ()
    syndicated: bool = False  # may carry the "/TNS" syndicator suffix


CLEAN_FORMS = (
    Form("{p}/AFP via Getty Images", GETTY, syndicated=True),
    Form("{p}/AFP/Getty Images", AFP_OLD_FORM, syndicated=True),
    Form("{p}/Getty Images", GETTY, syndicated=True),
    Form("AP Photo/{p}", AP),
    Form("AP Photo/{p}, File", AP),
    Form("Yonhap via AP", AP),
    Form("{p}/Bloomberg", BLOOMBERG, syndicated=True),
    Form("{p}/Chicago Tribune/TNS", TNS),
    Form("{p}/EPA-EFE", EPA),
)

# Credit-borne problems, by the check they are planted for. Every finding is on the credit's
# line; a misspelled unlicensed source ("RETUERS") is two findings.
CREDIT_PLANTS: dict[str, tuple[Form, ...]] = {
    "deprecated-credit": (
        Form("{p}/AFP/Getty Images", AFP_RETIRED, ("deprecated-credit",), syndicated=True),
    ),
    "misspelled-source": (
        Form("{p}/Gettty Images", GETTY, ("misspelled-source",), syndicated=True),
        Form("{p}/Getty Imges", GETTY, ("misspelled-source",)),
        Form("{p}/Bloombreg", BLOOMBERG, ("misspelled-source",), syndicated=True),
        Form("{p}/Chicago Tribnue/TNS", TNS, ("misspelled-source",)),
        Form("{p}/RETUERS", ALWAYS, ("misspelled-source", "unlicensed-source")),
    ),
    "missing-photographer": (
        Form("AFP via Getty Images", GETTY, ("missing-photographer",), syndicated=True),
        Form("Getty Images", GETTY, ("missing-photographer",)),
        Form("Bloomberg", BLOOMBERG, ("missing-photographer",)),
        Form("AP Photo", AP, ("missing-photographer",)),
    ),
    "unlicensed-source": (
        Form("{p}/Reuters", ALWAYS, ("unlicensed-source",)),
        Form("REUTERS/{p}", ALWAYS, ("unlicensed-source",)),
        Form("{p}/Reuters/TNS", ALWAYS, ("unlicensed-source",)),
    ),
    "license-expired": (
        Form("{p}/EPA-EFE", EPA_EXPIRED, ("license-expired",)),
        Form("{p}/EPA", EPA_EXPIRED, ("license-expired",)),
        Form("AP Photo/{p}", AP_EXPIRED, ("license-expired",)),
        Form("AP Photo/{p}, File", AP_EXPIRED, ("license-expired",)),
        Form("Yonhap via AP", AP_EXPIRED, ("license-expired",)),
    ),
    "license-not-started": (
        Form("{p}/Bloomberg", BLOOMBERG_NOT_STARTED, ("license-not-started",)),
        Form("{p}/Getty Images", GETTY_NOT_STARTED, ("license-not-started",)),
        Form("{p}/AFP via Getty Images", GETTY_NOT_STARTED, ("license-not-started",)),
    ),
    "unknown-source": (
        Form("{p}/Xinhua", ALWAYS, ("unknown-source",)),
        Form("{p}/Kyodo", ALWAYS, ("unknown-source",)),
        Form("{p}/Sipa USA", ALWAYS, ("unknown-source",)),
        Form("{p}/ZUMA Press", ALWAYS, ("unknown-source",)),
    ),
    "credit-format": (
        Form("{p}/AP", AP, ("credit-format",)),
        Form("{p}/AFP", GETTY, ("credit-format",)),
        Form("{p}/Bloomberg News", BLOOMBERG, ("credit-format",)),
        Form("{p}/Chicago Tribune", TNS, ("credit-format",)),
        Form("Getty Images/{p}", GETTY, ("credit-format",)),
    ),
}
# Problems in the story's own source (front matter `source:` or <meta name="source">).
SOURCE_PLANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "misspelled-source": (("The Japan Tims", "misspelled-source"),),
    "unknown-source": (("Kyodo News", "unknown-source"), ("Nikkei Asia", "unknown-source")),
}
PLANTED_CHECKS = (
    "deprecated-credit",
    "misspelled-source",
    "missing-photographer",
    "unlicensed-source",
    "license-expired",
    "license-not-started",
    "unknown-source",
    "credit-format",
    "missing-credit",
    "missing-copyright",
    "copyright-year",
)
# Where an article's story comes from; the Japan Times requires its copyright notice.
SOURCES = ((JAPAN_TIMES, 35), ("Tribune News Service", 20), ("Chicago Tribune", 15), (None, 30))
NOTICE_FORMS = (
    "© {y} The Japan Times",
    "© {y} the Japan Times",
    "Copyright © {y} The Japan Times",
    "(c) {y} The Japan Times. All rights reserved.",
)

# --- word lists for captions and prose (all made up) -------------------------------------------

FIRST_NAMES = (
    "Maria",
    "Kenji",
    "Hannah",
    "David",
    "Yuki",
    "Carlos",
    "Sofia",
    "Min-jun",
    "Ahmed",
    "Elena",
    "Thomas",
    "Aiko",
    "Daniel",
    "Laura",
    "Jae-won",
    "Priya",
    "Marco",
    "Olga",
    "Samuel",
    "Nadia",
    "Hiroshi",
    "Grace",
    "Lucas",
    "Emma",
    "Kofi",
    "Ingrid",
    "Tomasz",
    "Leila",
    "Pedro",
    "Chloe",
)
LAST_NAMES = (
    "Lindqvist",
    "Tanaka",
    "Okafor",
    "Moreno",
    "Kowalski",
    "Hartmann",
    "Nakamura",
    "Reyes",
    "Brennan",
    "Sato",
    "Whitfield",
    "Castillo",
    "Haddad",
    "Ivanova",
    "Fischer",
    "Ogawa",
    "Delgado",
    "Morrison",
    "Choi",
    "Baptiste",
    "Novak",
    "Yamamoto",
    "Eriksen",
    "Santos",
    "Kimura",
    "Gallagher",
    "Petrova",
    "Abernathy",
    "Lee",
    "Mwangi",
)
PLACES = (
    "Osaka",
    "Busan",
    "Sapporo",
    "Fukuoka",
    "Incheon",
    "Nagoya",
    "Kobe",
    "Daegu",
    "Sendai",
    "Gwangju",
    "Yokohama",
    "Chicago",
    "Milwaukee",
    "Springfield",
    "the capital",
    "the port city",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
# (subject, plural): the prose agrees its verbs with the subject.
SUBJECTS = (
    ("the city council", False),
    ("the transport ministry", False),
    ("the central bank", False),
    ("local officials", True),
    ("the opposition party", False),
    ("the regional government", False),
    ("a group of lawmakers", False),
    ("the port authority", False),
    ("the health ministry", False),
    ("union leaders", True),
    ("the finance minister", False),
    ("the school board", False),
    ("business groups", True),
    ("the utility company", False),
    ("the coast guard", False),
    ("residents of the district", True),
    ("the trade ministry", False),
    ("several large employers", True),
)
ACTIONS = (
    "review the budget for the coming year",
    "delay the vote until the spring",
    "expand the rail line to the northern suburbs",
    "raise the minimum wage",
    "cut fees for small businesses",
    "open talks with neighboring provinces",
    "repair the aging bridges along the river",
    "publish the full report next month",
    "hire more teachers for rural schools",
    "tighten rules on short-term rentals",
    "build a new seawall near the harbor",
    "extend the subsidy program for another year",
    "reduce emissions from the coal-fired plants",
    "reopen the closed border crossing",
    "simplify the permit process for builders",
    "move the fish market to a new site",
    "add night buses on the busiest routes",
    "freeze hiring until the audit is done",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "earlier this month",
    "late on Thursday",
    "over the weekend",
    "in a statement",
)
REASONS = (
    "because costs have risen",
    "after months of debate",
    "despite objections from some members",
    "as demand continues to grow",
    "amid concerns about the economy",
    "after a review found gaps in the plan",
    "to meet a deadline set last year",
)
SPEAKERS = (
    "a spokesperson",
    "the mayor",
    "one senior official",
    "the committee chair",
    "a ministry official who asked not to be named",
    "an economist at a local university",
)
QUOTES = (
    "We are doing everything we can",
    "This is a long process, and we will keep listening",
    "Nobody expected the numbers to move this quickly",
    "The details still have to be worked out",
    "We owe residents a clear answer",
    "It is too early to say what this means for families",
)
CAPTIONS = (
    "Commuters wait for a train at a station in {place} {time}.",
    "Workers repair a section of the seawall in {place} {time}.",
    "The committee chair speaks during a news conference in {place} {time}.",
    "Demonstrators gather outside the parliament building in {place} {time}.",
    "Cranes stand idle at the container terminal in {place} {time}.",
    "{name}, the mayor of {place}, speaks to reporters {time}.",
    "Visitors walk through the market in {place} on {month} {day}, {year}.",
    "Rescue workers search the area after the landslide near {place} {time}.",
    "A view of the harbor in {place} at dusk {time}.",
    "Students leave the school after the last class of the term in {place}.",
)
# Prose that names agencies or holds parentheses without being a credit: none of these may
# ever be reported.
MENTIONS = (
    "Reuters reported {time} that {subject} would {action}.",
    "{Subject} plan{s} to {action}, according to The Associated Press.",
    "Bloomberg News reported earlier that {subject} had considered the move.",
    "The AFP news agency said {subject} would {action} {reason}.",
    "The Japan Times reported that {subject} would {action}.",
    "Yonhap News Agency said {subject} had agreed to {action}.",
    "Getty Images, which distributes news photos, declined to comment.",
    "Photos distributed by Getty Images showed long lines outside the office.",
    "Reuters could not immediately verify the report.",
    "{Subject} declined to comment to Reuters on the matter.",
    "Two people familiar with the matter told Bloomberg that {subject} would {action}.",
    "Xinhua, the state news agency, said talks would continue {time}.",
    "In an interview with AP, {speaker} said the plan was on track.",
    "{Subject} said the Environmental Protection Agency (EPA) would review the project.",
    "The figures were first published by Agence France-Presse (AFP).",
    "{Subject} (and {its} partners in {place}) will {action}.",
    "The cost rose to {n} million yen (up from {m} million yen last year).",
    "The budget grew sharply {time} (the first such increase in a decade).",
    "The proposal, which {subject} backed (with some changes), passed on a second vote.",
)
SENTENCES = (
    "{Subject} said {time} that {it} would {action} {reason}.",
    "{Subject} {is} expected to {action}, {speaker} said.",
    '"{quote}," {speaker} said.',
    "The decision comes {reason}, and {subject} {has} promised to {action}.",
    "Critics say the move does little to help families in {place}.",
    "Supporters argue the plan will {action} without raising taxes.",
    "The vote is scheduled for {weekday}, though {subject} could still {action}.",
    "About {pct} percent of residents in {place} said they backed the idea.",
    "{Subject} did not say how much the plan would cost.",
    "Similar proposals in {place} stalled {reason}.",
    "Officials in {place} said they would watch the results closely.",
    "The change would take effect next year if {subject} agree{s}.",
    "{Subject} {has} {verb} the idea before, {reason}.",
)
VERBS = ("rejected", "debated", "studied", "endorsed", "questioned")
PROMOS = (
    "Join our brand new verified AMN Telegram channel and get important news uncensored!",
    "Sign up for our morning newsletter to get the top stories in your inbox.",
)


# --- the article model --------------------------------------------------------------------------


@dataclass
class Figure:
    """One picture: its caption and credit, and the findings planted on it."""

    src: str
    alt: str
    caption: str
    credit: str | None  # None: a planted missing-credit
    checks: tuple[str, ...] = ()  # findings on the credit's line


@dataclass
class Article:
    """Everything needed to render one article and to know its expected findings."""

    index: int
    fmt: str
    published: dt.date
    title: str
    source: str | None
    source_checks: tuple[str, ...]
    figures: list[Figure]
    paragraphs: list[str]
    notice: str | None
    notice_checks: tuple[str, ...]
    missing_copyright: bool
    planted: list[str] = field(default_factory=list)


class Lines:
    """The lines of a file being written; ``add`` returns the 1-based line number."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.expected: list[tuple[str, int]] = []

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)

    def expect(self, checks: tuple[str, ...], line: int) -> None:
        self.expected.extend((c, line) for c in checks)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# --- planning ---------------------------------------------------------------------------------


def _pick_weighted(rng: random.Random, options: tuple[tuple[T, int], ...]) -> T:
    values = [v for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights)[0]


def _day_in(rng: random.Random, window: Window) -> dt.date:
    return window[0] + dt.timedelta(days=rng.randrange((window[1] - window[0]).days + 1))


def _covers(window: Window, day: dt.date) -> bool:
    return window[0] <= day <= window[1]


def _photographer(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if rng.random() < 0.08:
        # A middle initial ("J. Scott Applewhite") must not be read as a sentence end.
        return f"{first} {rng.choice('ABCDEHJKLMRST')}. {last}"
    return f"{first} {last}"


def _credit(rng: random.Random, form: Form) -> str:
    text = form.text.replace("{p}", _photographer(rng))
    if form.syndicated and rng.random() < 0.3:
        text += "/TNS"
    return text


def _fill(rng: random.Random, template: str, day: dt.date) -> str:
    subject, plural = rng.choice(SUBJECTS)
    values = {
        "subject": subject,
        "Subject": subject[0].upper() + subject[1:],
        "has": "have" if plural else "has",
        "it": "they" if plural else "it",
        "its": "their" if plural else "its",
        "s": "" if plural else "s",
        "is": "are" if plural else "is",
        "action": rng.choice(ACTIONS),
        "time": rng.choice(TIMES),
        "reason": rng.choice(REASONS),
        "speaker": rng.choice(SPEAKERS),
        "quote": rng.choice(QUOTES),
        "place": rng.choice(PLACES),
        "weekday": rng.choice(WEEKDAYS),
        "verb": rng.choice(VERBS),
        "pct": str(rng.randrange(12, 88)),
        "n": str(rng.randrange(120, 990)),
        "m": str(rng.randrange(20, 110)),
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "month": MONTHS[day.month - 1],
        "day": str(day.day),
        "year": str(day.year),
    }
    return template.format(**values)


def _paragraph(rng: random.Random, day: dt.date) -> str:
    count = rng.randrange(2, 6)
    sentences = []
    for _ in range(count):
        pool = MENTIONS if rng.random() < 0.12 else SENTENCES
        sentences.append(_fill(rng, rng.choice(pool), day))
    return " ".join(sentences)


def _title(rng: random.Random) -> str:
    subject, plural = rng.choice(SUBJECTS)
    verb = "move" if plural else "moves"
    title = f"{subject[0].upper()}{subject[1:]} {verb} to {rng.choice(ACTIONS)}"
    return title if len(title) < 90 else title[:90].rsplit(" ", 1)[0]


def _clean_forms(day: dt.date) -> list[Form]:
    return [f for f in CLEAN_FORMS if _covers(f.window, day)]


def _plant_options(check: str, fmt: str) -> list[tuple[str, object]]:
    """Ways to plant ``check``: ("credit", Form), ("source", (text, check)) or ("doc", window)."""
    options: list[tuple[str, object]] = [("credit", f) for f in CREDIT_PLANTS.get(check, ())]
    if fmt in ("markdown", "html"):
        options += [("source", s) for s in SOURCE_PLANTS.get(check, ())]
    if check in ("missing-credit", "missing-copyright", "copyright-year"):
        options.append(("doc", ALWAYS))
    return options


def _option_window(option: tuple[str, object]) -> Window:
    kind, value = option
    if kind == "credit":
        assert isinstance(value, Form)
        return value.window
    if kind == "source":
        return TNS  # the planted sources are either covered via TNS or unknown
    assert isinstance(value, tuple)
    return value


def plan(index: int, seed: int) -> Article:
    """Decide everything about article ``index``; one RNG per article keeps it order-free."""
    rng = random.Random(f"{seed}:{index}")
    fmt = _pick_weighted(rng, FORMAT_WEIGHTS)
    plants: list[tuple[str, tuple[str, object]]] = []
    day: dt.date | None = None
    if rng.random() < PLANT_RATE:
        check = rng.choice(PLANTED_CHECKS)
        option = rng.choice(_plant_options(check, fmt))
        day = _day_in(rng, _option_window(option))
        plants.append((check, option))
        if rng.random() < SECOND_PLANT_RATE:
            second = rng.choice([c for c in PLANTED_CHECKS if c != check])
            fits = [
                o
                for o in _plant_options(second, fmt)
                if _covers(_option_window(o), day) and _compatible(plants, second, o)
            ]
            if fits:
                plants.append((second, rng.choice(fits)))
    if day is None:
        day = _day_in(rng, ALWAYS)

    source = _pick_weighted(rng, SOURCES)
    source_checks: tuple[str, ...] = ()
    doc_checks = {check for check, (kind, _) in plants if kind == "doc"}
    for _, (kind, value) in plants:
        if kind == "source":
            assert isinstance(value, tuple)
            source, source_checks = value[0], (value[1],)
    if doc_checks & {"missing-copyright", "copyright-year"}:
        source = JAPAN_TIMES

    n_figures = _pick_weighted(rng, ((0, 8), (1, 50), (2, 30), (3, 12)))
    if fmt == "text":
        n_figures = max(1, n_figures)  # the seed shape: a caption line before the dateline
    credit_plants = [(c, o[1]) for c, o in plants if o[0] == "credit"]
    wanted = len(credit_plants) + (1 if "missing-credit" in doc_checks else 0)
    n_figures = max(n_figures, wanted)
    figures = [_figure(rng, index, i, day, rng.choice(_clean_forms(day))) for i in range(n_figures)]
    slots = rng.sample(range(n_figures), wanted)
    for (_, form), slot in zip(credit_plants, slots, strict=False):
        assert isinstance(form, Form)
        figures[slot].credit = _credit(rng, form)
        figures[slot].checks = form.checks
    if "missing-credit" in doc_checks:
        figures[slots[-1]].credit = None

    notice: str | None = None
    notice_checks: tuple[str, ...] = ()
    missing_copyright = False
    if source in JT_SOURCES:
        year = day.year
        if "copyright-year" in doc_checks:
            notice_checks = ("copyright-year",)
            if rng.random() < 0.2:
                notice = "© The Japan Times"  # no year at all
            else:
                year = day.year + rng.choice((-3, -2, -1, 1))
        if notice is None and "missing-copyright" not in doc_checks:
            notice = rng.choice(NOTICE_FORMS).format(y=year)
        missing_copyright = "missing-copyright" in doc_checks

    target = rng.randrange(3000, 8001)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraphs.append(_paragraph(rng, day))
        size += len(paragraphs[-1].encode()) + 2
    return Article(
        index,
        fmt,
        day,
        _title(rng),
        source,
        source_checks,
        figures,
        paragraphs,
        notice,
        notice_checks,
        missing_copyright,
        [c for c, _ in plants],
    )


def _compatible(plants: list[tuple[str, tuple[str, object]]], check: str, option: tuple[str, object]) -> bool:
    """Two plants may share an article unless they both set the story's source."""
    kinds = {o[0] for _, o in plants}
    checks = {c for c, _ in plants}
    sets_source = option[0] == "source" or check in ("missing-copyright", "copyright-year")
    had_source = "source" in kinds or checks & {"missing-copyright", "copyright-year"}
    return not (sets_source and had_source)


def _figure(rng: random.Random, index: int, i: int, day: dt.date, form: Form) -> Figure:
    caption = _fill(rng, rng.choice(CAPTIONS), day)
    alt = caption.split(",")[0].split(" in ")[0].rstrip(".")
    return Figure(f"images/a{index:06d}-{i + 1}.jpg", alt, caption, _credit(rng, form))


# --- rendering ------------------------------------------------------------------------------------


def _iso_date(rng: random.Random, day: dt.date) -> str:
    return f"{day.isoformat()}T{rng.randrange(0, 24):02d}:{rng.choice((0, 15, 30, 45)):02d}:00Z"


def _dateline(rng: random.Random, day: dt.date) -> str:
    month, short = MONTHS[day.month - 1], SHORT_MONTHS[day.month - 1]
    forms = (
        f"{month} {day.day}, {day.year}",
        f"{short} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        day.isoformat(),
        f"Published: {month} {day.day}, {day.year}",
        f"{WEEKDAYS[day.weekday()]}, {short} {day.day}, {day.year}",
    )
    return rng.choice(forms)


def _caption_line(fig: Figure, rng: random.Random) -> str:
    """The caption with its credit: mostly "(credit)" at the end, sometimes "Photo: credit"."""
    if fig.credit is None:
        return fig.caption
    if rng.random() < 0.1:
        return f"{fig.caption} ({_prefixed(fig.credit)})"
    if rng.random() < 0.1:
        return f"{fig.caption} {_prefixed(fig.credit)}"
    return f"{fig.caption} ({fig.credit})"


def _prefixed(credit: str) -> str:
    return credit if credit.startswith("AP Photo") else f"Photo: {credit}"


def render_markdown(a: Article, rng: random.Random) -> Lines:
    out = Lines()
    out.add("---")
    out.add(f"title: {a.title}")
    out.add(f"date: {a.published.isoformat() if rng.random() < 0.8 else _iso_date(rng, a.published)}")
    if a.source is not None:
        out.expect(a.source_checks, out.add(f"source: {a.source}"))
    out.add("---")
    out.add()
    out.add(f"# {a.title}")
    out.add()
    placed = _interleave(rng, len(a.paragraphs), a.figures)
    for i, para in enumerate(a.paragraphs):
        for fig in placed.get(i, []):
            image = f"![{fig.alt}]({fig.src})"
            style = rng.random()
            if fig.credit is not None and style < 0.1:
                # Some CMS exports keep the credit in the image title rather than the caption.
                line = image_line = out.add(f'![{fig.alt}]({fig.src} "{fig.credit}")')
                out.add(fig.caption)
            elif style < 0.3:
                line = image_line = out.add(f"{image} {_caption_line(fig, rng)}")
            else:
                image_line = out.add(image)
                line = out.add(_caption_line(fig, rng))
            _expect_figure(out, fig, image_line, line)
            out.add()
        out.add(para)
        out.add()
    _notice(out, a)
    return _trim(out)


def render_text(a: Article, rng: random.Random) -> Lines:
    out = Lines()
    if rng.random() < 0.5:
        out.add(rng.choice(PROMOS))
        out.add()
    out.add(a.title)
    out.add()
    first, *rest = a.figures
    _text_figure(out, first, rng.random() < 0.4, rng)
    out.add(_dateline(rng, a.published))
    out.add()
    placed = _interleave(rng, len(a.paragraphs), rest)
    for i, para in enumerate(a.paragraphs):
        for fig in placed.get(i, []):
            _text_figure(out, fig, True, rng)
            out.add()
        out.add(para)
        out.add()
    if a.source is not None:
        if a.source == JAPAN_TIMES and rng.random() < 0.5:
            out.add(
                "Visit The Japan Times at www.japantimes.co.jp. Distributed by Tribune Content Agency, LLC."
            )
        else:
            out.add(f"Source: {a.source}")
        out.add()
    _notice(out, a)
    return _trim(out)


def _text_figure(out: Lines, fig: Figure, placeholder: bool, rng: random.Random) -> None:
    # Only an "[image: …]" placeholder makes an image; a bare caption line is just a credit.
    image_line = None
    if placeholder or fig.credit is None:
        image_line = out.add(f"[image: {fig.src.rsplit('/', 1)[-1]}]")
    line = out.add(_caption_line(fig, rng))
    _expect_figure(out, fig, image_line, line)


def render_html(a: Article, rng: random.Random) -> Lines:
    out = Lines()
    esc = html.escape
    out.add("<!DOCTYPE html>")
    out.add('<html lang="en">')
    out.add("<head>")
    out.add('  <meta charset="utf-8">')
    out.add(f"  <title>{esc(a.title)}</title>")
    out.add(f'  <meta property="article:published_time" content="{_iso_date(rng, a.published)}">')
    if a.source is not None:
        out.expect(a.source_checks, out.add(f'  <meta name="source" content="{esc(a.source)}">'))
    out.add("</head>")
    out.add("<body>")
    out.add('  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>')
    out.add("  <article>")
    out.add(f"    <h1>{esc(a.title)}</h1>")
    placed = _interleave(rng, len(a.paragraphs), a.figures)
    for i, para in enumerate(a.paragraphs):
        for fig in placed.get(i, []):
            out.add("    <figure>")
            image_line = out.add(
                f'      <img src="{fig.src}" alt="{esc(fig.alt)}" width="1200" height="800">'
            )
            style = rng.random()
            if fig.credit is None:
                line = out.add(f"      <figcaption>{esc(fig.caption)}</figcaption>")
            elif style < 0.5:
                credit = f"({fig.credit})" if style < 0.35 else fig.credit
                line = out.add(
                    f'      <figcaption>{esc(fig.caption)} <span class="credit">'
                    f"{esc(credit)}</span></figcaption>"
                )
            elif style < 0.8:
                line = out.add(f"      <figcaption>{esc(_caption_line(fig, rng))}</figcaption>")
            else:
                out.add(f"      <figcaption>{esc(fig.caption)}</figcaption>")
                credit = _prefixed(fig.credit) if style < 0.9 else fig.credit
                line = out.add(f'      <p class="credit">{esc(credit)}</p>')
            _expect_figure(out, fig, image_line, line)
            out.add("    </figure>")
        wrapped = textwrap.wrap(esc(para), 88)
        wrapped[0] = "<p>" + wrapped[0]
        wrapped[-1] += "</p>"
        for piece in wrapped:
            out.add("    " + piece)
    if a.notice is not None:
        out.expect(a.notice_checks, out.add(f'    <p class="copyright">{esc(a.notice)}</p>'))
    out.add("  </article>")
    out.add(f"  <footer><p>{esc(rng.choice(PROMOS))}</p></footer>")
    out.add("</body>")
    end = out.add("</html>")
    if a.missing_copyright:
        out.expect(("missing-copyright",), end)
    return out


def _expect_figure(out: Lines, fig: Figure, image_line: int | None, credit_line: int) -> None:
    if fig.credit is None:
        assert image_line is not None
        out.expect(("missing-credit",), image_line)
    else:
        out.expect(fig.checks, credit_line)


def _notice(out: Lines, a: Article) -> None:
    """The closing notice of a plain-text or Markdown article, or the missing one's finding."""
    if a.notice is not None:
        out.expect(a.notice_checks, out.add(a.notice))
    elif a.missing_copyright:
        # The finding points at the article's last line, which _trim makes the last paragraph.
        out.expected.append(("missing-copyright", -1))


def _trim(out: Lines) -> Lines:
    while out.lines and not out.lines[-1]:
        out.lines.pop()
    out.expected = [(c, len(out.lines) if ln == -1 else ln) for c, ln in out.expected]
    return out


def _interleave(rng: random.Random, paragraphs: int, figures: list[Figure]) -> dict[int, list[Figure]]:
    """Which paragraph each figure goes before: the first at the top, the rest spread out."""
    placed: dict[int, list[Figure]] = {}
    for i, fig in enumerate(figures):
        at = 0 if i == 0 else rng.randrange(1, max(2, paragraphs))
        placed.setdefault(at, []).append(fig)
    return placed


RENDERERS: dict[str, Callable[[Article, random.Random], Lines]] = {
    "markdown": render_markdown,
    "html": render_html,
    "text": render_text,
}


def generate(out_dir: Path, count: int, seed: int) -> dict[str, object]:
    """Write the corpus and its ground truth; return the ground truth."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, object] = {}
    total_bytes = 0
    for index in range(count):
        article = plan(index, seed)
        rng = random.Random(f"{seed}:{index}:render")
        lines = RENDERERS[article.fmt](article, rng)
        rel = f"{article.published.year}/a{index:06d}{EXTENSIONS[article.fmt]}"
        path = out_dir / rel
        path.parent.mkdir(exist_ok=True)
        data = lines.text().encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)
        files[rel] = {
            "format": article.fmt,
            "published": article.published.isoformat(),
            "planted": article.planted,
            "expected": [
                {"check": c, "line": ln} for c, ln in sorted(lines.expected, key=lambda e: (e[1], e[0]))
            ],
        }
    truth: dict[str, object] = {
        "generator": GENERATOR,
        "source_hash": SOURCE_HASH,
        "seed": seed,
        "count": count,
        "bytes": total_bytes,
        "files": files,
    }
    (out_dir / "ground_truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--count", type=int, default=10_000, help="articles to write (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    truth = generate(args.out_dir, args.count, args.seed)
    files, size = truth["files"], truth["bytes"]
    assert isinstance(files, dict) and isinstance(size, int)
    expected = sum(len(f["expected"]) for f in files.values())
    planted = sum(1 for f in files.values() if f["planted"])
    print(
        f"wrote {len(files)} articles ({size / 1e6:.1f} MB, {planted} with planted "
        f"problems, {expected} expected findings) to {args.out_dir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
