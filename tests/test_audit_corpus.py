"""The audit on a generated corpus of 2,100 articles over three months, against `inventory --format json`.

The corpus mixes photo credits with syndicated stories, text-only ones among them, whose source
is named by a notice, a source line, a TNS trailer or front matter (`source:`, `syndication:`).
The expected photos and stories per licensor and month are computed here from the inventory's
attributions, the generator's own record of each article's date, and the rule files' ``via``
keys read with PyYAML — none of it through the audit code. The HTML, CSV, JSON and Markdown
written by one audit run must show the same numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.reporters.audit_report import CSV_FILES

from .helpers import RULES

MONTHS = ("2026-01", "2026-02", "2026-03")
PER_MONTH = 680
OUTSIDE = 40  # published in December 2025 or April 2026
UNDATED = 30
PEOPLE = (
    "Mia Tanaka",
    "Lucas Moreau",
    "Ana Souza",
    "Kenji Sato",
    "Grace Okafor",
    "Tom Becker",
    "Leila Haddad",
    "Owen Price",
)
# (credit template, weight); {p} is a photographer. Licensed, via-chained, unlicensed,
# misspelled and unknown sources, as a month of a real picture desk mixes them.
CREDITS = (
    ("{p}/AFP via Getty Images", 6),
    ("{p}/Getty Images", 5),
    ("{p}/AFP via Getty Images/TNS", 3),
    ("{p}/Chicago Tribune/TNS", 3),
    ("AP Photo/{p}", 5),
    ("Yonhap via AP", 1),
    ("{p}/Bloomberg", 3),
    ("{p}/Reuters", 2),
    ("{p}/Gettty Images", 1),
    ("{p}/Acme Pictures", 1),
    ("{p}/Northwind Photo Agency", 1),
)
WORDS = [
    "council",
    "harbour",
    "budget",
    "rail",
    "election",
    "festival",
    "storm",
    "market",
    "school",
    "bridge",
    "vote",
    "plan",
]


def _day(rng: random.Random, month: str) -> dt.date:
    year, mon = (int(x) for x in month.split("-"))
    return dt.date(year, mon, rng.randint(1, 28))


def _credit(rng: random.Random) -> str:
    templates, weights = zip(*CREDITS, strict=True)
    return rng.choices(templates, weights)[0].format(p=rng.choice(PEOPLE))


def _body(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "."


# Where a syndicated story names its source: (how, weight). "none" is a staff story.
STORIES = (
    ("none", 10),
    ("notice", 4),  # © YEAR The Japan Times at the end
    ("notice-unknown", 1),  # © YEAR Nikkei Asia: an outlet with no rule
    ("source-line", 2),  # Source: Chicago Tribune
    ("trailer", 2),  # Visit The Japan Times at … Distributed by Tribune Content Agency, LLC.
    ("front-matter", 2),  # source: / syndication: in Markdown front matter (else a source line)
)


def _story(rng: random.Random, kind: str, day: dt.date) -> tuple[list[str], list[str], str | None]:
    """(body lines, front matter lines, meta source) naming the story's source."""
    how = rng.choices([h for h, _ in STORIES], [w for _, w in STORIES])[0]
    if how == "notice":
        return [f"© {day.year} The Japan Times"], [], None
    if how == "notice-unknown":
        return [f"© {day.year} Nikkei Asia"], [], None
    if how == "trailer":
        line = "Visit The Japan Times at www.japantimes.co.jp. Distributed by Tribune Content Agency, LLC."
        return [line, f"© {day.year} The Japan Times"], [], None
    if how == "front-matter" and kind == "md":
        key = rng.choice(("source: The Japan Times", "syndication: Tribune News Service"))
        return [], [key], None
    if how == "front-matter" and kind == "html":
        return [], [], "Chicago Tribune"
    if how in ("source-line", "front-matter"):
        return ["Source: Chicago Tribune"], [], None
    return [], [], None


def _write(folder: Path, index: int, rng: random.Random, day: dt.date | None) -> None:
    title = f"Story {index}: the {rng.choice(WORDS)} {rng.choice(WORDS)}"
    kind = "txt" if day is None else rng.choice(("md", "html", "txt"))
    story, front, meta = _story(rng, kind, day) if day is not None else ([], [], None)
    # A syndicated story is often text only: no picture at all.
    counts = (0, 0, 1, 2) if story or front or meta else (0, 1, 1, 2, 2, 3)
    credits = [_credit(rng) for _ in range(rng.choice(counts))]
    captions = [f"People at the {rng.choice(WORDS)} on the day. ({c})" for c in credits]
    path = folder / f"{index:05d}.{kind}"
    if kind == "md":
        assert day is not None
        fm = "".join(f"{line}\n" for line in front)
        parts = [
            f"---\ntitle: {json.dumps(title)}\ndate: {day.isoformat()}\n{fm}---\n",
            f"# {title}\n",
            _body(rng) + "\n",
        ]
        parts += [f"![photo](img/{index}-{i}.jpg)\n{c}\n" for i, c in enumerate(captions)]
        parts += [f"{line}\n" for line in story]
        path.write_text("\n".join(parts), encoding="utf-8")
    elif kind == "html":
        assert day is not None
        figures = "".join(
            f'<figure><img src="img/{index}-{i}.jpg" alt=""><figcaption>{c}</figcaption></figure>\n'
            for i, c in enumerate(captions)
        )
        source = f'<meta name="source" content="{meta}">\n' if meta else ""
        tail = "".join(f"<p>{line}</p>\n" for line in story)
        path.write_text(
            f"<!doctype html>\n<html><head><title>{title}</title>\n{source}"
            f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z"></head>\n'
            f"<body><article><h1>{title}</h1>\n{figures}<p>{_body(rng)}</p>\n{tail}</article></body></html>\n",
            encoding="utf-8",
        )
    else:
        dateline = [] if day is None else [f"{day:%B} {day.day}, {day.year}"]
        parts = [title, *captions, *dateline, _body(rng), *story]
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dt.date | None]]:
    """Write the corpus; return its folder and each file's publication date as written."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(20260101)
    dates: dict[str, dt.date | None] = {}
    plan: list[dt.date | None] = [_day(rng, m) for m in MONTHS for _ in range(PER_MONTH)]
    plan += [_day(rng, rng.choice(("2025-12", "2026-04"))) for _ in range(OUTSIDE)]
    plan += [None] * UNDATED
    rng.shuffle(plan)
    for index, day in enumerate(plan):
        _write(folder, index, rng, day)
    for path in sorted(folder.iterdir()):
        dates[str(path)] = plan[int(path.stem)]
    assert len(dates) >= 2000
    # An unquoted colon in the title makes the front matter invalid YAML, as it does in real repositories.
    (folder / "broken.md").write_text("---\ntitle: Vote: a late count\ndate: 2026-02-03\n---\n\nText.\n")
    return folder, dates


@pytest.fixture(scope="module")
def inventory(corpus: tuple[Path, dict[str, dt.date | None]]) -> list[dict[str, Any]]:
    folder, _ = corpus
    result = CliRunner().invoke(
        main, ["inventory", "--rules", str(RULES), "--format", "json", str(folder)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    items: list[dict[str, Any]] = json.loads(result.stdout)["attributions"]
    return items


def _via() -> dict[str, str | None]:
    """Each rule's id and the rule its license is held through, read from the YAML files."""
    out: dict[str, str | None] = {}
    for f in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        out[f.stem] = (data.get("license") or {}).get("via")
    return out


Counts = dict[tuple[str, str], tuple[int, int, int]]  # (source, month) -> (articles, photos, stories)


def _expected(
    items: list[dict[str, Any]], dates: dict[str, dt.date | None]
) -> tuple[Counts, Counter[tuple[str, str]], Counter[str]]:
    """Usage per (source, month), unknown names per (name, kind), and photo/story totals per month.

    A photo counts for every rule its credit names or reaches through ``via``; a story (an
    article whose own notice — not a picture's — or source names a rule) counts once per rule
    reached, however many times the article names it.
    """
    via = _via()

    def reach(sources: list[str]) -> set[str]:
        reached: set[str] = set()
        for source in sources:
            node: str | None = source
            while node is not None and node not in reached:
                reached.add(node)
                node = via[node]
        return reached

    photos: Counter[tuple[str, str]] = Counter()
    stories: dict[tuple[str, str], set[str]] = {}
    articles: dict[tuple[str, str], set[str]] = {}
    unknown: Counter[tuple[str, str]] = Counter()
    story_unknown: dict[str, set[str]] = {}
    totals: Counter[str] = Counter()
    story_paths: dict[str, set[str]] = {}
    for a in items:
        day = dates.get(a["path"])
        if day is None or f"{day:%Y-%m}" not in MONTHS:
            continue
        month = f"{day:%Y-%m}"
        if a["kind"] == "photo-credit":
            totals[f"photos {month}"] += 1
            for source in reach(a["sources"]):
                photos[(source, month)] += 1
                articles.setdefault((source, month), set()).add(a["path"])
            unknown.update((name, "photo") for name in set(a["unknown"]))
        elif a["kind"] == "source" or (a["kind"] == "copyright" and a["image"] is None):
            story_paths.setdefault(month, set()).add(a["path"])
            for source in reach(a["sources"]):
                stories.setdefault((source, month), set()).add(a["path"])
                articles.setdefault((source, month), set()).add(a["path"])
            for name in a["unknown"]:
                story_unknown.setdefault(name, set()).add(a["path"])
    for month, paths in story_paths.items():
        totals[f"stories {month}"] = len(paths)
    for name, paths in story_unknown.items():
        unknown[(name, "story")] = len(paths)
    usage = {
        (s, m): (len(articles.get((s, m), ())), photos[(s, m)], len(stories.get((s, m), ())))
        for s in via
        for m in MONTHS
    }
    return usage, unknown, totals


def _markdown_table(md: str, heading: str) -> list[dict[str, str]]:
    lines = md.split(f"## {heading}\n\n", 1)[1].splitlines()
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


def test_quarter_audit_usage_per_month_equals_inventory_in_every_format(
    corpus: tuple[Path, dict[str, dt.date | None]],
    inventory: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    folder, dates = corpus
    out = tmp_path / "report"
    args = ["audit", "--rules", str(RULES), "--from", "2026-01-01", "--to", "2026-03-31"]
    args += ["--ledger", str(tmp_path / "ledger.sqlite"), "--output-dir", str(out), str(folder)]
    for fmt in ("html", "csv", "json", "markdown"):
        args[1:1] = ["--format", fmt]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["audit.html", "audit.json", "audit.md", *CSV_FILES]
    )
    usage, unknown, totals = _expected(inventory, dates)
    # The sample is worth the name: every kind of credit and story appears in every month.
    for m in MONTHS:
        assert totals[f"photos {m}"] > 600 and totals[f"stories {m}"] > 200
        assert all(usage[(s, m)][1] > 0 for s in ("afp", "getty-images", "tns", "ap", "yonhap", "reuters"))
        assert all(usage[(s, m)][2] > 30 for s in ("japan-times", "chicago-tribune", "tns"))
    # Text-only syndicated stories are there, and they are usage.
    text_only = {
        a["path"] for a in inventory if a["kind"] == "copyright" and a["sources"] == ["japan-times"]
    } - {a["path"] for a in inventory if a["kind"] == "photo-credit"}
    assert len(text_only) > 100

    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    shown = {
        (u["source"], m["month"]): (m["articles"], m["photos"], m["stories"])
        for u in data["usage"]
        for m in u["months"]
    }
    assert shown == usage
    for u in data["usage"]:
        per = [usage[(u["source"], m)] for m in MONTHS]
        assert (u["photos"], u["stories"]) == (sum(p for _, p, _ in per), sum(s for _, _, s in per))
    assert data["summary"]["articles"] == PER_MONTH * 3
    assert data["summary"]["photos"] == sum(totals[f"photos {m}"] for m in MONTHS)
    assert data["summary"]["stories"] == sum(totals[f"stories {m}"] for m in MONTHS)
    found = {(u["name"], "photo"): u["photos"] for u in data["unknown"] if u["photos"]}
    found.update({(u["name"], "story"): u["stories"] for u in data["unknown"] if u["stories"]})
    assert found == dict(unknown)
    assert set(found) == {
        ("Acme Pictures", "photo"),
        ("Northwind Photo Agency", "photo"),
        ("Nikkei Asia", "story"),
    }
    # The itemised usage has one row per photo and per story of each licensor.
    items = Counter((i["source"], i["month"], i["kind"]) for i in data["usage_items"])
    assert {k: n for k, n in items.items()} == {
        **{(s, m, "photo"): n[1] for (s, m), n in usage.items() if n[1]},
        **{(s, m, "story"): n[2] for (s, m), n in usage.items() if n[2]},
    }

    with open(out / "usage.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {
        (r["source"], m): (int(r[f"articles {m}"]), int(r[f"photos {m}"]), int(r[f"stories {m}"]))
        for r in rows
        for m in MONTHS
    } == usage
    with open(out / "usage_items.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(data["usage_items"])
    with open(out / "violations.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(data["violations"])

    page = lxml.html.document_fromstring((out / "audit.html").read_text(encoding="utf-8"))
    table = page.xpath("//h2[text()='Usage per licensor']/following-sibling::table[1]/tbody/tr")

    def cell(row: Any, column: str) -> int:
        return int(row.xpath(f"td[@data-col='{column}']")[0].text)

    html = {
        (r.xpath("td[@data-col='source']")[0].text, m): (cell(r, f"photos {m}"), cell(r, f"stories {m}"))
        for r in table
        for m in MONTHS
    }
    assert html == {(s, m): n[1:] for (s, m), n in usage.items() if s in {k for k, _ in html}}
    # Every licensor used in the quarter has its row.
    assert {s for s, _ in html} == {s for (s, _), n in usage.items() if n[1] or n[2]}

    md = (out / "audit.md").read_text(encoding="utf-8")
    md_rows = _markdown_table(md, "Usage per licensor")
    assert {
        (r["source"], m): (int(r[f"photos {m}"]), int(r[f"stories {m}"])) for r in md_rows for m in MONTHS
    } == html


def test_one_month_audit_agrees_with_the_quarter(
    corpus: tuple[Path, dict[str, dt.date | None]],
    inventory: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    folder, dates = corpus
    month = "2026-02"
    args = ["audit", "--rules", str(RULES), "--month", month, "--ledger", str(tmp_path / "l.sqlite")]
    result = CliRunner().invoke(main, [*args, "--format", "json", str(folder)], catch_exceptions=False)
    data = json.loads(result.stdout)
    usage, _, _ = _expected(inventory, dates)
    assert {u["source"]: (u["articles"], u["photos"], u["stories"]) for u in data["usage"]} == {
        s: n for (s, m), n in usage.items() if m == month
    }
    assert data["summary"]["articles"] == PER_MONTH
    assert data["summary"]["outside_period"] == len(dates) - PER_MONTH - UNDATED
    assert data["undated"] == sorted(p for p, d in dates.items() if d is None)
    assert data["unreadable"] == [
        {
            "path": str(folder / "broken.md"),
            "message": "cannot check this file: invalid YAML front matter at line 2",
        }
    ]
    in_month = {p for p, d in dates.items() if d is not None and f"{d:%Y-%m}" == month}
    # Every unlicensed Reuters photo of the month is a violation, found in its article.
    reuters = sum(
        1
        for a in inventory
        if a["path"] in in_month and a["kind"] == "photo-credit" and a["sources"] == ["reuters"]
    )
    assert sum(1 for v in data["violations"] if v["check"] == "unlicensed-source") == reuters
    assert {v["path"] for v in data["violations"]} <= in_month
