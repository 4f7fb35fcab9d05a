"""Coverage-guided fuzzing with atheris (run by hand, not by pytest; see docs/security.md).

The first byte of an input picks the format, the rest is the file's bytes:

    pip install atheris   # into your own environment: it is no dependency of creditcheck
    python tests/fuzz/atheris_entry.py -atheris_runs=100000 -max_len=65536
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports():
    import creditcheck  # noqa: F401 - instrumented for coverage
    from tests.fuzz.harness import FORMATS, check_document, seeds

NAMES = list(FORMATS)


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = NAMES[data[0] % len(NAMES)]
    check_document(fmt, data[1:])


def main() -> None:
    corpus = Path(__file__).resolve().parent / ".corpus"
    if not corpus.exists():  # the fixtures, each behind its format's byte, start the search
        corpus.mkdir()
        for i, fmt in enumerate(NAMES):
            for j, seed in enumerate(seeds(fmt)):
                (corpus / f"{fmt}-{j}").write_bytes(bytes([i]) + seed)
    atheris.Setup([*sys.argv, str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
