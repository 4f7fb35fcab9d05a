"""The real-page development set: page ids, page bytes and machine ground truth from bare git mirrors.

Shared by realpages_eval.py and htmldate_compare.py; run alone, it prints the seeded page
samples the hand labels cover. A mirror is a bare git repository of one of the public
extractor test suites (flairNLP/fundus, adbar/trafilatura, codelucas/newspaper); its location
is always an argument, never written here. Pages are read from the mirror's HEAD with
``git cat-file --batch``; nothing is copied anywhere.

A page id is ``owner/name:path``; every page sample is drawn from the sorted list of page ids
with a fixed seed, so anyone with the same mirrors draws the same sample.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import html
import json
import random
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "labels"

# Where each suite keeps its saved pages; another mirror falls back to every saved page under tests/.
PAGE_GLOBS = {
    "flairNLP/fundus": ("tests/resources/parser/test_data/*.html.gz",),
    "adbar/trafilatura": ("tests/eval/*.html", "tests/cache/*.html"),
    "codelucas/newspaper": ("tests/data/html/*.html",),
}
FALLBACK_GLOBS = ("tests/*.html", "tests/*.htm", "tests/*.html.gz")


@dataclass
class Mirror:
    """One bare git mirror and the repository name its page ids start with."""

    gitdir: str
    repo: str
    paths: list[str] = field(default_factory=list)

    def git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", "--git-dir", self.gitdir, *args], check=True, capture_output=True
        ).stdout

    def show(self, path: str) -> bytes:
        return self.git("show", f"HEAD:{path}")


def repo_name(gitdir: str) -> str:
    """``owner/name`` from the mirror's origin URL, else from a folder named ``owner+name``."""
    try:
        url = subprocess.run(
            ["git", "--git-dir", gitdir, "config", "--get", "remote.origin.url"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except subprocess.CalledProcessError:
        url = ""
    m = re.search(r"[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", url)
    if m:
        return f"{m.group(1)}/{m.group(2)}"
    for part in reversed(Path(gitdir).resolve().parts):
        if "+" in part:
            return part.replace("+", "/", 1)
    return Path(gitdir).resolve().name


def open_mirrors(gitdirs: Iterable[str]) -> list[Mirror]:
    """The mirrors with their page lists; a folder that is not a git mirror is a clear error."""
    mirrors = []
    for gitdir in gitdirs:
        mirror = Mirror(gitdir, repo_name(gitdir))
        try:
            listing = mirror.git("ls-tree", "-r", "-z", "--name-only", "HEAD", "tests")
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or str(exc).encode()
            first = detail.decode(errors="replace").strip().splitlines()[:1]
            raise SystemExit(f"error: {gitdir}: not a readable git mirror ({' '.join(first)})") from None
        names = [n.decode("utf-8", "surrogateescape") for n in listing.split(b"\0") if n]
        globs = PAGE_GLOBS.get(mirror.repo, FALLBACK_GLOBS)
        # fnmatch's "*" crosses "/", which the fundus layout (one folder per country) needs.
        mirror.paths = sorted(n for n in names if any(fnmatch.fnmatchcase(n, g) for g in globs))
        mirrors.append(mirror)
    return mirrors


def page_id(repo: str, path: str) -> str:
    return f"{repo}:{path}"


def split_id(pid: str) -> tuple[str, str]:
    repo, _, path = pid.partition(":")
    return repo, path


def all_page_ids(mirrors: list[Mirror]) -> list[str]:
    return sorted(page_id(m.repo, p) for m in mirrors for p in m.paths)


def read_pages(mirrors: list[Mirror], ids: Iterable[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """``(page id, raw bytes)`` for each page (all pages when ``ids`` is None), in id order."""
    wanted = set(ids) if ids is not None else None
    by_repo = {m.repo: m for m in mirrors}
    for pid in all_page_ids(mirrors):
        if wanted is not None and pid not in wanted:
            continue
        repo, path = split_id(pid)
        yield pid, by_repo[repo].show(path)


def read_all(mirrors: list[Mirror]) -> dict[str, bytes]:
    """Every page's raw bytes, read with one ``git cat-file --batch`` per mirror."""
    out: dict[str, bytes] = {}
    for m in mirrors:
        if not m.paths:
            continue
        request = b"".join(f"HEAD:{p}\n".encode("utf-8", "surrogateescape") for p in m.paths)
        data = subprocess.run(
            ["git", "--git-dir", m.gitdir, "cat-file", "--batch"],
            input=request,
            check=True,
            capture_output=True,
        ).stdout
        pos = 0
        for path in m.paths:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            if len(header) != 3:
                raise RuntimeError(f"{m.repo}:{path}: {data[pos:end]!r}")
            size = int(header[2])
            out[page_id(m.repo, path)] = data[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
    return out


def page_html(raw: bytes) -> str:
    """A page's markup as text for tools other than creditcheck (htmldate, the labelling view)."""
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def sample(items: Iterable[str], seed: int, salt: str = "") -> list[str]:
    """``items`` sorted, then shuffled with a fixed seed: any prefix is a reproducible sample."""
    ordered = sorted(items)
    random.Random(f"{seed}:{salt}").shuffle(ordered)
    return ordered


# --- ground truth --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrueDate:
    """A page's publication date from ground truth, and where that truth came from."""

    day: str | None  # YYYY-MM-DD, or None when a person found no date on the page
    origin: str


def _fundus_truth(m: Mirror, pages: dict[str, bytes]) -> dict[str, dict[str, object]]:
    """Each fundus page's expected fields, from the publisher's JSON beside it.

    The JSON holds one entry per parser version; a page belongs to the version whose title
    (or first paragraph) it contains, which does not depend on how the suite maps crawl dates
    to parser versions.
    """
    out: dict[str, dict[str, object]] = {}
    by_json: dict[str, list[str]] = {}
    for path in m.paths:
        stem = re.sub(r"_\d{4}_\d{2}_\d{2}\.html\.gz$", "", path)
        by_json.setdefault(stem + ".json", []).append(path)
    for jpath, paths in by_json.items():
        try:
            versions = json.loads(m.show(jpath))
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            continue
        entries = [v for _, v in sorted(versions.items()) if isinstance(v, dict)]
        for path in paths:
            pid = page_id(m.repo, path)
            text = _plain(page_html(pages[pid])) if pid in pages else ""
            best = _best_entry(entries, text)
            if best is None and len(entries) == len(paths):
                best = entries[sorted(paths).index(path)]
            if best is not None:
                out[pid] = best
    return out


def _plain(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(markup))


def _best_entry(entries: list[dict[str, object]], text: str) -> dict[str, object] | None:
    for entry in entries:
        title = entry.get("title")
        if isinstance(title, str) and len(title) > 8 and re.sub(r"\s+", " ", title) in text:
            return entry
    return None


def fundus_truth(mirrors: list[Mirror], pages: dict[str, bytes]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for m in mirrors:
        if m.repo == "flairNLP/fundus":
            out.update(_fundus_truth(m, pages))
    return out


def trafilatura_truth(mirrors: list[Mirror]) -> dict[str, dict[str, object]]:
    """The trafilatura evaluation's annotations (URL, date, …) by page id."""
    out: dict[str, dict[str, object]] = {}
    for m in mirrors:
        if m.repo != "adbar/trafilatura":
            continue
        try:
            data = json.loads(m.show("tests/evaldata.json"))
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            continue
        names = {p.rsplit("/", 1)[-1]: p for p in m.paths}
        for url, entry in data.items():
            path = names.get(entry.get("file", ""))
            if path is not None:
                out[page_id(m.repo, path)] = {**entry, "url": url}
    return out


def load_jsonl(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc}") from None
    return rows


def _iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` from an annotation; a day and month written the wrong way round are swapped.

    trafilatura's annotations hold a few ``2022-29-11`` (year, day, month); its URL says which.
    """
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m is None:
        return None
    year, a, b = (int(g) for g in m.groups())
    for month, day in ((a, b), (b, a)):
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def true_dates(
    mirrors: list[Mirror], pages: dict[str, bytes], labels_dir: Path | None = LABELS
) -> dict[str, TrueDate]:
    """Ground-truth publication days: hand labels first, then fundus JSON, then trafilatura's."""
    out: dict[str, TrueDate] = {}
    for pid, entry in trafilatura_truth(mirrors).items():
        day = _iso_day(entry.get("date"))
        if day is not None:
            out[pid] = TrueDate(day, "trafilatura")
    for pid, entry in fundus_truth(mirrors, pages).items():
        # The day as the publisher wrote it, in its own time zone.
        day = _iso_day(entry.get("publishing_date"))
        if day is not None:
            out[pid] = TrueDate(day, "fundus")
    for row in load_jsonl(labels_dir / "dates.jsonl") if labels_dir is not None else []:
        day = row.get("date")
        out[str(row["page"])] = TrueDate(str(day)[:10] if day else None, "label")
    return out


# --- the seeded samples the hand labels were made on ----------------------------------------

SEED = 9


def credit_samples(mirrors: list[Mirror], pages: dict[str, bytes]) -> dict[str, list[str]]:
    """The pages of credits.jsonl: 60 random pages, and 40 more that have figures.

    The second sample is drawn from the other pages that have a ``<figure>``/``<figcaption>`` or
    fundus image data, because most random pages (blogs) show few credits.
    """
    random_pages = sample(all_page_ids(mirrors), SEED, "credits")[:60]
    fundus = fundus_truth(mirrors, pages)
    taken = set(random_pages)
    eligible = [
        pid
        for pid, raw in pages.items()
        if pid not in taken
        and (re.search(r"<fig(?:ure|caption)\b", page_html(raw), re.I) or fundus.get(pid, {}).get("images"))
    ]
    return {"random": random_pages, "figures": sample(eligible, SEED, "credits-figures")[:40]}


def date_sample(mirrors: list[Mirror], pages: dict[str, bytes]) -> list[str]:
    """The pages of dates.jsonl labelled for want of machine ground truth (60, seeded)."""
    machine = true_dates(mirrors, pages, None)
    return sample([pid for pid in pages if pid not in machine], SEED, "dates")[:60]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Print the seeded samples the hand labels cover.")
    parser.add_argument("--mirror", action="append", required=True, metavar="GITDIR")
    args = parser.parse_args(argv)
    mirrors = open_mirrors(args.mirror)
    pages = read_all(mirrors)
    for name, ids in credit_samples(mirrors, pages).items():
        for pid in ids:
            print(f"credits-{name}\t{pid}")
    for pid in date_sample(mirrors, pages):
        print(f"dates\t{pid}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
