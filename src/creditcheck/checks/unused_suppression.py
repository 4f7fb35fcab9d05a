"""unused-suppression: a valid inline suppression that silences nothing."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity

DOC = """\
A suppression (see `invalid-suppression` for the forms) that covers no finding of the checks
it names: the problem was fixed, or the suppression sits in the wrong place. Remove it, so
old exceptions do not hide new problems. The scanner makes this finding while applying
suppressions; its default severity is warning.

Fails (published 2021-03-01):
    creditcheck: ignore unknown-source -- handout cleared by legal
    (Ou Dongqu/Getty Images)
Passes (published 2021-03-01):
    (Ou Dongqu/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return iter(())


CHECK: Check = Check(
    "unused-suppression", "CC402", Severity.WARNING, "suppression that silences nothing", DOC, run
)
