"""The audit on a generated corpus of 2,100 articles over three months, against `inventory --format json`.

The expected usage is computed here from the inventory's attributions, the generator's own
record of each article's date, and the rule files' ``via`` keys read with PyYAML — none of it
through the audit code. The HTML, CSV and JSON written by one audit run must show the same numbers.
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


def _write(folder: Path, index: int, rng: random.Random, day: dt.date | None) -> None:
    title = f"Story {index}: the {rng.choice(WORDS)} {rng.choice(WORDS)}"
    credits = [_credit(rng) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))]
    captions = [f"People at the {rng.choice(WORDS)} on the day. ({c})" for c in credits]
    kind = "txt" if day is None else rng.choice(("md", "html", "txt"))
    path = folder / f"{index:05d}.{kind}"
    if kind == "md":
        assert day is not None
        parts = [
            f"---\ntitle: {json.dumps(title)}\ndate: {day.isoformat()}\n---\n",
            f"# {title}\n",
            _body(rng) + "\n",
        ]
        parts += [f"![photo](img/{index}-{i}.jpg)\n{c}\n" for i, c in enumerate(captions)]
        path.write_text("\n".join(parts), encoding="utf-8")
    elif kind == "html":
        assert day is not None
        figures = "".join(
            f'<figure><img src="img/{index}-{i}.jpg" alt=""><figcaption>{c}</figcaption></figure>\n'
            for i, c in enumerate(captions)
        )
        path.write_text(
            f"<!doctype html>\n<html><head><title>{title}</title>\n"
            f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z"></head>\n'
            f"<body><article><h1>{title}</h1>\n{figures}<p>{_body(rng)}</p></article></body></html>\n",
            encoding="utf-8",
        )
    else:
        dateline = [] if day is None else [f"{day:%B} {day.day}, {day.year}"]
        path.write_text("\n\n".join([title, *captions, *dateline, _body(rng)]) + "\n", encoding="utf-8")


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


def _expected(
    items: list[dict[str, Any]], dates: dict[str, dt.date | None], month: str
) -> tuple[dict[str, tuple[int, int]], Counter[str], int, set[str]]:
    """Usage {source: (articles, photos)}, unknown-name counts, total photos and articles, from inventory."""
    via = _via()
    photos: Counter[str] = Counter()
    articles: dict[str, set[str]] = {}
    unknown: Counter[str] = Counter()
    total = 0
    in_month = {p for p, d in dates.items() if d is not None and f"{d:%Y-%m}" == month}
    for a in items:
        if a["kind"] != "photo-credit" or a["path"] not in in_month:
            continue
        total += 1
        reached: set[str] = set()
        for source in a["sources"]:
            node: str | None = source
            while node is not None and node not in reached:
                reached.add(node)
                node = via[node]
        for source in reached:
            photos[source] += 1
            articles.setdefault(source, set()).add(a["path"])
        unknown.update(set(a["unknown"]))
    usage = {s: (len(articles.get(s, ())), photos[s]) for s in via}
    return usage, unknown, total, in_month


@pytest.mark.parametrize("month", MONTHS)
def test_audit_usage_equals_inventory_and_every_format_agrees(
    month: str,
    corpus: tuple[Path, dict[str, dt.date | None]],
    inventory: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    folder, dates = corpus
    out = tmp_path / "report"
    args = ["audit", "--rules", str(RULES), "--month", month, "--ledger", str(tmp_path / "ledger.sqlite")]
    args += ["--format", "html", "--format", "csv", "--format", "json", "--output-dir", str(out), str(folder)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "audit.html",
        "audit.json",
        "licenses.csv",
        "unknown.csv",
        "usage.csv",
        "violations.csv",
    ]
    usage, unknown, total, in_month = _expected(inventory, dates, month)
    # The month really is a sample worth the name: every kind of credit appears.
    assert len(in_month) == PER_MONTH and total > 900
    assert all(
        usage[s][1] > 0 for s in ("afp", "getty-images", "tns", "ap", "yonhap", "bloomberg", "reuters")
    )

    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert data["period"] == {"from": f"{month}-01", "to": data["period"]["to"]}
    assert {u["source"]: (u["articles"], u["photos"]) for u in data["usage"]} == usage
    assert data["summary"]["articles"] == PER_MONTH
    assert data["summary"]["photos"] == total
    assert data["summary"]["outside_period"] == len(dates) - PER_MONTH - UNDATED
    assert data["undated"] == sorted(p for p, d in dates.items() if d is None)
    assert data["unreadable"] == [
        {
            "path": str(folder / "broken.md"),
            "message": "cannot check this file: invalid YAML front matter at line 2",
        }
    ]
    assert {u["name"]: u["count"] for u in data["unknown"]} == dict(unknown)
    assert set(unknown) == {"Acme Pictures", "Northwind Photo Agency"}
    # Every unlicensed Reuters photo of the month is a violation, found in its article.
    reuters = sum(
        1
        for a in inventory
        if a["path"] in in_month and a["kind"] == "photo-credit" and a["sources"] == ["reuters"]
    )
    assert sum(1 for v in data["violations"] if v["check"] == "unlicensed-source") == reuters
    assert {v["path"] for v in data["violations"]} <= in_month

    with open(out / "usage.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["source"]: (int(r["articles"]), int(r["photos"])) for r in rows} == usage
    with open(out / "violations.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(data["violations"])
    with open(out / "unknown.csv", newline="", encoding="utf-8") as fh:
        assert {r["name"]: int(r["count"]) for r in csv.DictReader(fh)} == dict(unknown)

    page = lxml.html.document_fromstring((out / "audit.html").read_text(encoding="utf-8"))
    table = page.xpath("//h2[text()='Usage per licensor']/following-sibling::table[1]/tbody/tr")
    shown = {
        r.xpath("td[@data-col='source']")[0].text: (
            int(r.xpath("td[@data-col='articles']")[0].text),
            int(r.xpath("td[@data-col='photos']")[0].text),
        )
        for r in table
    }
    assert shown == {s: n for s, n in usage.items() if n[1] or data_cap(data, s) is not None}
    bars = {g.get("data-label"): int(g.get("data-value")) for g in page.xpath("//svg[@id='chart-usage']//g")}
    assert bars == {s: n[1] for s, n in shown.items()}
    tiles = {li.get("data-key"): int(li.find("b").text) for li in page.xpath("//ul[@class='summary']/li")}
    assert tiles["articles"] == PER_MONTH and tiles["photos"] == total
    assert tiles["violations"] == len(data["violations"])


def data_cap(data: dict[str, Any], source: str) -> int | None:
    cap: int | None = next(u["cap"] for u in data["usage"] if u["source"] == source)
    return cap
