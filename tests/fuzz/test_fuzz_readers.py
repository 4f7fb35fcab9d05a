"""Fuzzing every reader with hypothesis: mutated fixtures and hostile fragments never raise.

CI runs ``CREDITCHECK_FUZZ_EXAMPLES`` (default 3,000) documents per format, seven formats:
21,000 documents, derandomized so that a run is repeatable. Set the variable higher for a
longer local run; tests/fuzz/atheris_entry.py is the coverage-guided counterpart.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import FORMATS, check_document, seeds

EXAMPLES = int(os.environ.get("CREDITCHECK_FUZZ_EXAMPLES", "3000"))
# Pieces that steer the readers into their corners: markup, escapes, directives, credits, dates.
FRAGMENTS = [
    *(b"<", b">", b"</p>", b"<figure><img src='a.jpg'><figcaption>", b"&amp;", b"&#xd800;", b"&#0;"),
    *(b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"&e;"),
    *(b"![a](", b")", b"---\n", b"date: 2020-01-14T10:00:00+99:99\n", b"credit: &c X\n", b"*c"),
    *(b"{{< figure src=", b'{"', b'":', b'"\\ud800"', b"\\u", b"[", b"]", b"{", b"}", b"\\", b'"'),
    *(b"creditcheck: ignore unknown-source -- why", b"Photo: ", b"(AFP via Getty Images)"),
    *(b"\xc2\xa9 2020 ", b"Copyright ", b"/", b" via ", b"....", b"\x1b[2J", b"\x00", b"\r", b"\n", b"\t"),
    *(b"\xff\xfe", b"\xef\xbb\xbf", b"\x1f\x8b", b"\xff\xd8\xff\xe1", b"Exif\x00\x00", b"<x:xmpmeta"),
    b"photoshop:Credit=",
]


@st.composite
def documents(draw: st.DrawFn, fmt: str) -> bytes:
    pool = seeds(fmt)
    data = bytearray(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["fragment", "bytes", "delete", "repeat"]))
        if action == "fragment":
            data[at:at] = draw(st.sampled_from(FRAGMENTS))
        elif action == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            data[at : at + draw(st.integers(1, 64))] = b""
        else:
            piece = bytes(data[at : at + draw(st.integers(1, 16))])
            data[at:at] = piece * draw(st.integers(1, 50))
    return bytes(data)


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_no_reader_raises(fmt: str) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents(fmt))
    def scan(data: bytes) -> None:
        result = check_document(fmt, data)
        assert result.internal_error is None

    scan()
