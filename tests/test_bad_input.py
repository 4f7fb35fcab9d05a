"""Bad input never crashes a run: each broken file gets one clear finding, every other file is checked.

The broken files live in fixtures/bad/ (one per kind of damage, plus good.txt, whose one
finding must survive every run) or are made in tmp_path when they cannot be committed: a
symlink loop, a 50 MB file, a pipe, an unreadable file, an undecodable file name.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.decode import UndecodableError, decode
from creditcheck.discover import Target, discover, display_path
from creditcheck.model import AttributionKind, FileResult
from creditcheck.readers import FORMATS
from creditcheck.scan import Scanner, ScanOptions
from tests.helpers import FIXTURES, PATHOLOGICAL, RULES, shipped_rules

BAD = FIXTURES / "bad"
PUBLISHED = dt.date(2020, 1, 14)
REUTERS = "Reuters is not licensed (no license on record)"
GOOD = [("unlicensed-source", 5, 41, REUTERS)]  # fixtures/bad/good.txt

Row = tuple[str, int, int, str]


def unreadable(reason: str) -> list[Row]:
    return [("unreadable-file", 1, 1, f"cannot check this file: {reason}")]


# Every file of fixtures/bad and exactly what scanning it gives.
EXPECTED: dict[str, list[Row]] = {
    "good.txt": GOOD,
    # Unclosed tags, stray brackets, bogus entities, an unclosed comment (which hides the
    # rest of the file, as in a browser): still parsed, the caption's credit still found.
    "malformed.html": [("unlicensed-source", 2, 55, REUTERS)],
    "garbage.html": [],
    "invalid-bytes.txt": unreadable(
        "neither UTF-8 nor cp1252 text: byte 0x81 at line 1, column 28 is not a cp1252 character"
    ),
    "damaged-utf8.txt": unreadable("invalid UTF-8: byte 0xff at line 3, column 25 (save the file as UTF-8)"),
    "cp1252.txt": [],
    # The mojibake notice is found (no missing-copyright) and its mark is flagged with a fix.
    "mojibake.txt": [
        (
            "copyright-format",
            5,
            11,
            "`Â© 2020 The Japan Times` is not the notice The Japan Times requires: "
            "write `© 2020 The Japan Times`",
        )
    ],
    "bom-utf8.txt": [],
    "bom-utf16le.txt": [],
    "bom-utf16be.txt": [],
    "bom-utf32.txt": [],
    "empty.txt": unreadable("the file is empty"),
    "whitespace.txt": unreadable("the file is empty"),
    "binary.txt": unreadable("binary file (contains NUL bytes)"),
    "control-chars.txt": unreadable("binary file (mostly control characters)"),
    "bad-front-matter.md": unreadable("invalid YAML front matter at line 3"),
    # The front matter's !!python tag is never constructed, let alone run.
    "python-tag.md": [("unlicensed-source", 6, 30, REUTERS)],
}

# Files whose Japan Times notice must be found: where it starts, and its text as in the file.
NOTICE = "© 2020 The Japan Times"
NOTICES = {
    "cp1252.txt": (5, 10, NOTICE),
    "mojibake.txt": (5, 11, "Â" + NOTICE),  # "The end.  Â©": the stray Â is part of the mark
    "bom-utf8.txt": (5, 17, NOTICE),
    "bom-utf16le.txt": (5, 17, NOTICE),
    "bom-utf16be.txt": (5, 17, NOTICE),
    "bom-utf32.txt": (5, 17, NOTICE),
}


def scanner(**options: Any) -> Scanner:
    return Scanner(shipped_rules(), ScanOptions(published=PUBLISHED, strict=True, **options))


def rows(result: FileResult) -> list[Row]:
    return [(f.check, f.span.line, f.span.column, f.message) for f in result.findings]


def scan_path(path: Path, **options: Any) -> FileResult:
    return scanner(**options).scan(Target(str(path), path.name))


def run_cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``creditcheck`` in-process from ``cwd``; a crash fails the test, not the assertion."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"creditcheck crashed: {result.exception!r}") from result.exception
    return result


def check_json(
    paths: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> tuple[int, list[tuple[str, str, int, int, str]], list[str]]:
    """Exit code, (path, check, line, column, message) of every finding, and the files checked."""
    args = ["check", "--rules", str(RULES), "--published", "2020-01-14", "--format", "json", *extra, *paths]
    result = run_cli(args, cwd, monkeypatch)
    report = json.loads(result.stdout)
    found = [(f["path"], f["check"], f["line"], f["column"], f["message"]) for f in report["findings"]]
    return result.exit_code, found, [f["path"] for f in report["files"]]


def python_m(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "creditcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def good_copy(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(BAD / "good.txt", folder / name))


# --- every kind of damage, through the Scanner ------------------------------------------------


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_gives_exactly_its_findings(name: str) -> None:
    assert rows(scan_path(BAD / name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_notice_is_found_at_its_exact_column(name: str) -> None:
    line, column, text = NOTICES[name]
    result = scan_path(BAD / name)
    notices = [a for a in result.attributions if a.kind is AttributionKind.COPYRIGHT]
    assert [(a.text, a.span.line, a.span.column, a.sources) for a in notices] == [
        (text, line, column, ["japan-times"])
    ]
    source_line = decode((BAD / name).read_bytes()).text.splitlines()[line - 1]
    assert source_line[column - 1 :].startswith(text)  # the span points at the notice in the file


def test_cp1252_curly_quotes_are_read_as_quotes() -> None:
    result = scan_path(BAD / "cp1252.txt")
    credits = [a for a in result.attributions if a.kind is AttributionKind.PHOTO_CREDIT]
    assert ("AP Photo/Jane O’Brien", 3, 26, ["Jane O’Brien"], ["ap"]) in [
        (a.text, a.span.line, a.span.column, a.people, a.sources) for a in credits
    ]
    assert decode((BAD / "cp1252.txt").read_bytes()).text.splitlines()[2].startswith("“We will talk,”")


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    [target] = discover([str(tmp_path / "nope.txt")])
    assert target.missing
    assert rows(scanner().scan(target)) == unreadable("no such file or folder")


def test_a_folder_named_as_a_file_target_is_reported(tmp_path: Path) -> None:
    assert rows(scanner().scan(Target(str(tmp_path), "folder"))) == unreadable("is a folder")


def test_a_file_without_read_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = good_copy(tmp_path, "locked.txt")
    locked.chmod(0)
    assert rows(scan_path(locked)) == unreadable("Permission denied")


def test_a_dangling_symlink_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    [target] = discover([str(tmp_path)])
    assert rows(scanner().scan(target)) == unreadable("No such file or directory")


def test_a_symlink_to_itself_named_directly(tmp_path: Path) -> None:
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    [target] = discover([str(tmp_path / "self.txt")])
    assert rows(scanner().scan(target)) == unreadable("Too many levels of symbolic links")


# --- decode ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding", "bom"),
    [
        (b"AP Photo", "AP Photo", "utf-8", False),
        (b"\xef\xbb\xbf\xc2\xa9 AP", "© AP", "utf-8", True),
        (b"\xff\xfe" + "© AP".encode("utf-16-le"), "© AP", "utf-16", True),
        (b"\xfe\xff" + "© AP".encode("utf-16-be"), "© AP", "utf-16", True),
        (b"\xff\xfe\x00\x00" + "© AP".encode("utf-32-le"), "© AP", "utf-32", True),
        (b"\x00\x00\xfe\xff" + "© AP".encode("utf-32-be"), "© AP", "utf-32", True),
        (b"caf\xe9 \xa9 2020 \x93AP\x94", "café © 2020 “AP”", "cp1252", False),
        # A stray byte in an otherwise ASCII file: cp1252 keeps every column right.
        (b"AP Photo\xff", "AP Photoÿ", "cp1252", False),
        (b"", "", "utf-8", False),
    ],
)
def test_decode(data: bytes, text: str, encoding: str, bom: bool) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.bom) == (text, encoding, bom)


def test_decode_notes_mojibake_but_keeps_the_text() -> None:
    decoded = decode("Â© 2020 AP".encode())
    assert (decoded.text, decoded.mojibake) == ("Â© 2020 AP", True)
    assert not decode("© 2020 AP".encode()).mojibake


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (contains NUL bytes)"),
        (bytes(range(1, 9)) * 10, "binary file (mostly control characters)"),
        (
            b"ok \x81",
            "neither UTF-8 nor cp1252 text: byte 0x81 at line 1, column 4 is not a cp1252 character",
        ),
        (
            "line one\n“two” ©".encode() + b"\xfe",
            "invalid UTF-8: byte 0xfe at line 2, column 8 (save the file as UTF-8)",
        ),
        (b"\xef\xbb\xbfa\n\xc3\xa9\xff", "invalid UTF-8: byte 0xff at line 2, column 2"),
        (b"\xff\xfe\x00\xd8A\x00", "invalid UTF-16: bad character at byte 2"),
        (b"\xff\xfeA", "invalid UTF-16: bad character at byte 2"),
        (b"\xff\xfe\x00\x00\xff\xff\xff\xff", "invalid UTF-32: bad character at byte 4"),
    ],
)
def test_decode_refuses_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(UndecodableError) as info:
        decode(data)
    assert str(info.value) == message


# --- discovery: loops, repeats, special files, odd names ---------------------------------------


def test_directory_symlink_loop_terminates_and_checks_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "articles"
    good_copy(top / "sub" / "deeper")
    good_copy(top, "top.txt")
    os.symlink("..", top / "sub" / "up")  # sub/up -> articles
    os.symlink("../..", top / "sub" / "deeper" / "root")  # -> articles again
    os.symlink(".", top / "sub" / "here")  # a folder that is itself
    targets = discover([str(top), str(top / "top.txt"), str(top / "sub" / "up" / "top.txt")])
    assert [Path(t.path).relative_to(top).as_posix() for t in targets] == ["sub/deeper/good.txt", "top.txt"]
    code, found, files = check_json(["articles"], tmp_path, monkeypatch)
    assert code == 1
    assert files == ["articles/sub/deeper/good.txt", "articles/top.txt"]
    assert found == [
        ("articles/sub/deeper/good.txt", "unlicensed-source", 5, 41, REUTERS),
        ("articles/top.txt", "unlicensed-source", 5, 41, REUTERS),
    ]


def test_a_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    good_copy(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    assert [t.path for t in discover([str(tmp_path)])] == [str(tmp_path / "good.txt")]


def test_a_pipe_named_directly_is_reported_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    results: list[FileResult] = []
    worker = threading.Thread(target=lambda: results.append(scan_path(pipe)), daemon=True)
    worker.start()
    worker.join(3)
    hung = worker.is_alive()
    if hung:  # release the reader: open the write end and close it at once
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
    assert not hung, "scanning a named pipe blocked"
    assert [(r[0], r[1], r[2]) for r in rows(results[0])] == [("unreadable-file", 1, 1)]


def test_a_file_reached_twice_is_checked_once(tmp_path: Path) -> None:
    good = good_copy(tmp_path)
    (tmp_path / "alias.txt").symlink_to(good)
    targets = discover([str(good), str(tmp_path), str(tmp_path / "alias.txt"), str(good)])
    assert len(targets) == 1


def test_a_missing_path_named_twice_is_reported_once(tmp_path: Path) -> None:
    assert len(discover([str(tmp_path / "nope.txt"), str(tmp_path / "nope.txt")])) == 1


def test_a_dash_is_a_path_not_silently_dropped() -> None:
    # Standard input is read only with --stdin-filename; a bare "-" is a file name like any other.
    assert discover(["-"]) == [Target("-", "-", missing=True)]


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_copy(tmp_path)
    locked = tmp_path / "locked"
    good_copy(locked)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert sorted(t.path for t in discover([str(tmp_path)])) == [str(tmp_path / "good.txt"), str(locked)]


def test_file_names_that_are_not_utf8_or_hold_control_characters_are_escaped(tmp_path: Path) -> None:
    def shown(name: str) -> str:
        return display_path(os.path.join(tmp_path, name), str(tmp_path))

    assert shown(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert shown("new\nline\t.txt") == "new\\nline\\t.txt"
    assert shown("café ©.txt") == "café ©.txt"


def test_a_non_utf8_file_name_keeps_the_report_valid_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    good = good_copy(folder)
    os.rename(good, os.path.join(os.fsencode(folder), b"caf\xe9.txt"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "creditcheck",
            "check",
            "--rules",
            str(RULES),
            "--published",
            "2020-01-14",
            "--format",
            "json",
            "articles",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout.decode("utf-8"))  # strict: raises on a raw 0xe9 byte
    assert [f["path"] for f in report["findings"]] == ["articles/caf\\xe9.txt"]


# --- size limit ----------------------------------------------------------------------------------


def test_a_50_mb_file_is_reported_quickly_and_read_when_the_limit_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_copy(tmp_path)
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.write(b"AP Photo/Jane Doe\n")
        fh.truncate(50 * 1024 * 1024)  # sparse: cheap to make, 50 MB to stat and read
    code, found, _ = check_json(["good.txt", "huge.txt"], tmp_path, monkeypatch)
    assert (code, found) == (
        1,
        [
            ("good.txt", "unlicensed-source", 5, 41, REUTERS),
            (
                "huge.txt",
                "unreadable-file",
                1,
                1,
                "cannot check this file: file is 50.0 MB, over the 20 MB limit (--max-size)",
            ),
        ],
    )
    # Read at --max-size 100: the NULs after the first line make it binary, so the read is cheap.
    code, found, _ = check_json(["good.txt", "huge.txt"], tmp_path, monkeypatch, "--max-size", "100")
    assert found[1] == (
        "huge.txt",
        "unreadable-file",
        1,
        1,
        "cannot check this file: binary file (contains NUL bytes)",
    )


def test_max_size_decides_whether_a_text_file_is_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = "The talks resumed on Tuesday after a pause of several months.\n"
    lines = 1_600_000 // len(filler)
    (tmp_path / "long.txt").write_text(
        "January 14, 2020\n\n" + filler * lines + "Soldiers patrol the square. (Reuters)\n"
    )
    code, found, _ = check_json(["long.txt"], tmp_path, monkeypatch, "--max-size", "1")
    assert (code, found) == (
        1,
        [
            (
                "long.txt",
                "unreadable-file",
                1,
                1,
                "cannot check this file: file is 1.5 MB, over the 1 MB limit (--max-size)",
            ),
        ],
    )
    code, found, _ = check_json(["long.txt"], tmp_path, monkeypatch, "--max-size", "2")
    assert (code, found) == (1, [("long.txt", "unlicensed-source", lines + 3, 30, REUTERS)])


# --- the whole folder through the CLI: exit codes, nothing skipped, no traceback ----------------


def test_the_bad_folder_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, found, files = check_json([str(BAD)], tmp_path, monkeypatch)
    shown = display_path(str(BAD), str(tmp_path))
    assert code == 1
    assert files == [f"{shown}/{name}" for name in sorted(EXPECTED)]  # every file checked
    assert found == sorted(
        (f"{shown}/{name}", *row) for name, expected in EXPECTED.items() for row in expected
    )
    assert not (tmp_path / "pwned.txt").exists()


def test_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = [str(FIXTURES / "clean"), str(BAD / "cp1252.txt"), str(BAD / "bom-utf16le.txt")]
    assert check_json(clean, tmp_path, monkeypatch)[0] == 0
    assert check_json([str(BAD / "empty.txt")], tmp_path, monkeypatch)[0] == 1
    result = run_cli(["check", "--rules", str(RULES), "--max-size", "0", str(BAD)], tmp_path, monkeypatch)
    assert result.exit_code == 2
    result = run_cli(["check", "--rules", str(tmp_path / "no-rules"), str(BAD)], tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1


def test_no_traceback_from_python_m(tmp_path: Path) -> None:
    """The real entry point, in its own process: every kind of damage in one run."""
    top = tmp_path / "loop"
    good_copy(top / "sub")
    os.symlink("..", top / "sub" / "up")
    (tmp_path / "big.txt").write_bytes(b"x" * (1024 * 1024 + 1))
    os.mkfifo(tmp_path / "loop" / "pipe.txt")
    out = python_m(
        [
            "check",
            "--rules",
            str(RULES),
            "--published",
            "2020-01-14",
            "--max-size",
            "1",
            str(BAD),
            "loop",
            "big.txt",
            "missing.txt",
        ],
        tmp_path,
    )
    assert out.returncode == 1
    assert out.stderr == ""
    assert "internal error" not in out.stdout
    shown = display_path(str(BAD), str(tmp_path))
    assert f"{shown}/good.txt:5:41: error unlicensed-source" in out.stdout
    assert "loop/sub/good.txt:5:41: error unlicensed-source" in out.stdout
    assert out.stdout.count("loop/") == 1  # the loop is walked once; the pipe is not a file
    assert "big.txt:1:1: error unreadable-file [CC001] cannot check this file: file is 1.0 MB" in out.stdout
    assert "missing.txt:1:1: error unreadable-file [CC001] cannot check this file: no such file" in out.stdout
    for name, expected in EXPECTED.items():
        for check, line, column, message in expected:
            assert f"{shown}/{name}:{line}:{column}: error {check} " in out.stdout
            assert message in out.stdout


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("binary.txt", ("unreadable-file", 1, 1, "cannot check this file: binary file (contains NUL bytes)")),
        (
            "invalid-bytes.txt",
            (
                "unreadable-file",
                1,
                1,
                "cannot check this file: neither UTF-8 nor cp1252 "
                "text: byte 0x81 at line 1, column 28 is not a cp1252 character",
            ),
        ),
        ("cp1252.txt", None),
        ("good.txt", ("unlicensed-source", 5, 41, REUTERS)),
    ],
)
def test_bad_bytes_on_standard_input(
    name: str, expected: tuple[str, int, int, str] | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--rules",
            str(RULES),
            "--published",
            "2020-01-14",
            "--format",
            "json",
            "--stdin-filename",
            "piped.txt",
        ],
        input=(BAD / name).read_bytes(),
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    report = json.loads(result.stdout)
    found = [(f["check"], f["line"], f["column"], f["message"]) for f in report["findings"]]
    assert (result.exit_code, found) == ((1, [expected]) if expected else (0, []))


def test_inventory_survives_bad_input_too(tmp_path: Path) -> None:
    out = python_m(["inventory", "--rules", str(RULES), "--published", "2020-01-14", str(BAD)], tmp_path)
    assert out.returncode == 0
    assert "Traceback" not in out.stderr
    assert "good.txt:5:41: photo-credit 'Reuters'" in out.stdout


def test_bad_files_in_a_process_pool_leave_the_others_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(36):
        good_copy(tmp_path / "many", f"good-{i:02}.txt")
    for name in ("binary.txt", "damaged-utf8.txt", "empty.txt", "malformed.html"):
        shutil.copy(BAD / name, tmp_path / "many" / name)
    code, found, files = check_json(["many"], tmp_path, monkeypatch, "--jobs", "2")
    assert code == 1
    assert len(files) == 40
    assert sorted({(check, line, column) for _, check, line, column, _ in found}) == [
        ("unlicensed-source", 2, 55),
        ("unlicensed-source", 5, 41),
        ("unreadable-file", 1, 1),
    ]
    assert len(found) == 36 + 4


# --- markup and front matter are parsed safely -------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared with the test on purpose

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"<!ENTITY x 'AP Photo/Fetched Person'>AP Photo/Fetched Person"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


MARKUP = sorted(ext.lstrip(".") for ext, fmt in FORMATS.items() if fmt not in ("text", "markdown"))


@pytest.mark.parametrize("suffix", MARKUP)
def test_markup_is_parsed_without_network_or_external_entities(tmp_path: Path, suffix: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("AP Photo/Leaked Secret")
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    page = tmp_path / f"page.{suffix}"
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html SYSTEM "{url}/dtd" [\n'
        f'  <!ENTITY leak SYSTEM "{secret.as_uri()}">\n'
        f'  <!ENTITY fetch SYSTEM "{url}/entity">\n'
        f'  <!ENTITY % remote SYSTEM "{url}/param"> %remote;\n'
        "]>\n"
        '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>\n'
        f'<xi:include href="{url}/include" parse="text"/>\n'
        f'<figure><img src="{url}/a.jpg"><figcaption>A caption. &leak; &fetch;</figcaption></figure>\n'
        "<p>Soldiers patrol the square. (Reuters)</p>\n"
        "</body></html>\n"
    )
    try:
        result = scan_path(page)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []
    texts = [a.text for a in result.attributions] + [f.message for f in result.findings]
    assert not any("Leaked" in t or "Fetched" in t for t in texts), texts
    if FORMATS[f".{suffix}"] != "html":
        return  # a stricter reader may refuse the DTD outright: that is safe too
    assert rows(result) == [
        ("missing-credit", 9, 9, f"`{url}/a.jpg` has no photo credit: add the credit to its caption"),
        ("unlicensed-source", 10, 33, REUTERS),
    ]


def test_front_matter_tags_are_never_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(
        "---\n"
        'title: !!python/object/apply:os.system ["echo PWNED > pwned.txt"]\n'
        "credit: !!python/object/new:creditcheck.model.Span [1, 1, 1, 1]\n"
        "images: &a [*a]\n"
        "---\n\nSoldiers patrol the square. (Reuters)\n"
    )
    assert rows(scan_path(page)) == [
        ("missing-credit", 4, 9, "an image has no photo credit: add the credit to its caption"),
        ("unlicensed-source", 7, 30, REUTERS),
    ]
    assert not (tmp_path / "pwned.txt").exists()


# --- wrong behaviour found in files this suite does not own --------------------------------------


def test_a_page_that_is_only_an_xml_declaration(tmp_path: Path) -> None:
    page = tmp_path / "page.xhtml"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n')
    assert rows(scan_path(page)) == []


@PATHOLOGICAL
def test_html_nested_too_deeply_is_not_silently_cut(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<div>" * 300 + "<p>Soldiers patrol the square. (Reuters)</p>\n")
    result = scan_path(page)
    assert result.attributions or [f.check for f in result.findings] == ["unreadable-file"]


def test_a_nul_in_html_keeps_columns_exact(tmp_path: Path) -> None:
    result = scanner().scan_text(Target("a.html", "a.html"), "<p>x\x00y (Reuters)</p>\n")
    assert [(f.span.line, f.span.column) for f in result.findings] == [(1, 9)]


def test_stray_angle_brackets_keep_the_next_block_exact() -> None:
    result = scanner().scan_text(
        Target("a.html", "a.html"), "<p><<< >>> </p>\n<p>&copy; 2020 The Japan Times</p>\n"
    )
    assert [(a.span.line, a.span.column) for a in result.attributions] == [(2, 4)]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_fix_keeps_the_byte_order_of_the_file(
    bom: bytes, codec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "January 14, 2020\n\nSource: The Japan Times\n\nThe end. © 2019 The Japan Times\n"
    (tmp_path / "notice.txt").write_bytes(bom + text.encode(codec))
    result = run_cli(["check", "--rules", str(RULES), "--fix", "notice.txt"], tmp_path, monkeypatch)
    assert result.exit_code == 0
    assert (tmp_path / "notice.txt").read_bytes() == bom + text.replace("2019", "2020").encode(codec)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_attribute_credit_points_at_the_attribute_value(newline: str) -> None:
    page = f'<p>Troops in Kyiv.</p>{newline}<img data-credit="AP Photo/Jane Doe" src="b.jpg">{newline}'
    result = scanner().scan_text(Target("a.html", "a.html"), page)
    found = [(a.text, a.span.line, a.span.column) for a in result.attributions]
    assert found == [("AP Photo/Jane Doe", 2, 19)]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "Reuters -!!\n"),
        ("html", "<figure><img src='a.jpg'><figcaption>Reuters\n-!!</figcaption></figure>\n"),
    ],
)
def test_a_name_never_ends_in_a_space(fmt: str, text: str) -> None:
    # (In a web page a lone agency name is a credit under a picture, not in running text.)
    result = scanner().scan_text(Target(f"a.{fmt}", f"a.{fmt}"), text)
    column = 1 if fmt == "text" else 38
    assert [
        (n.text, n.span.line, n.span.column, n.span.end_column) for a in result.attributions for n in a.names
    ] == [("Reuters", 1, column, column + 7)]


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("credit: |\n  AP Photo/Jane Doe", [("AP Photo/Jane Doe", (3, 3), [(3, 3, 3, 11), (3, 12, 3, 20)])]),
        ("credit: >\n  Photo: Reuters", [("Reuters", (3, 10), [(3, 10, 3, 17)])]),
        ("credit: AP Photo/Jane\n  Doe", [("AP Photo/Jane Doe", (2, 9), [(2, 9, 2, 17), (2, 18, 3, 6)])]),
    ],
)
def test_front_matter_values_on_other_lines_keep_their_place(
    front_matter: str, expected: list[tuple[str, tuple[int, int], list[tuple[int, int, int, int]]]]
) -> None:
    result = scanner().scan_text(Target("a.md", "a.md"), f"---\n{front_matter}\n---\n\nBody.\n")
    found = [
        (
            a.text,
            (a.span.line, a.span.column),
            [(n.span.line, n.span.column, n.span.end_line, n.span.end_column) for n in a.names],
        )
        for a in result.attributions
    ]
    assert found == expected


# --- gzip-compressed articles ---------------------------------------------------------------


def test_gzipped_pages_are_found_in_folders_and_read_through(tmp_path: Path) -> None:
    import gzip

    html = "<html><body><article>\n<p>Troops in Kyiv. (Jane Doe/Reuters)</p>\n</article></body></html>\n"
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    (tmp_path / "data.json.gz").write_bytes(gzip.compress(b'{"name": "package"}'))
    assert [t.display for t in discover([str(tmp_path)])] == [display_path(str(tmp_path / "page.html.gz"))]
    result = scan_path(tmp_path / "page.html.gz")
    assert (result.format, rows(result)) == ("html", [("unlicensed-source", 2, 30, REUTERS)])


@PATHOLOGICAL
def test_broken_and_oversized_gzip_are_unreadable(tmp_path: Path) -> None:
    import gzip

    packed = gzip.compress(b"Troops in Kyiv. (Jane Doe/Reuters)\n" * 10)
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    assert rows(scan_path(tmp_path / "cut.txt.gz")) == unreadable("the gzip data is truncated")
    # 64 MB of spaces packs into 64 KB: it is refused while decompressing, at the size limit.
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9))
    assert rows(scan_path(tmp_path / "bomb.txt.gz", max_size=1024 * 1024)) == unreadable(
        "decompresses to more than the 1 MB limit (--max-size)"
    )
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x07\x00" + b"garbage" * 4)
    (reason,) = [f.message for f in scan_path(tmp_path / "bad.txt.gz").findings]
    assert reason.startswith("cannot check this file: not a valid gzip file (")


def test_fix_leaves_a_gzipped_page_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    packed = gzip.compress(b"Troops in Kyiv. (Jane Doe/AFP/Getty Images)\nJanuary 14, 2020\n")
    (tmp_path / "a.txt.gz").write_bytes(packed)
    result = run_cli(["check", "--rules", str(RULES), "--fix", "a.txt.gz"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert "deprecated-credit" in result.output
    assert (tmp_path / "a.txt.gz").read_bytes() == packed
