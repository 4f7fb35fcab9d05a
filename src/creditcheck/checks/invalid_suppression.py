"""invalid-suppression: an inline suppression without a reason, or naming no known check."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity

DOC = """\
A suppression must name the checks it silences and say why:
`<!-- creditcheck: ignore unknown-source -- handout cleared by legal, LEGAL-123 -->` in HTML
and Markdown, the line `creditcheck: ignore unknown-source -- reason` in plain text, or in
Markdown front matter `creditcheck: {ignore: [unknown-source], reason: "…"}` for the whole
file. A suppression without a reason (after `--`), with no check, or with a check name that
does not exist silences nothing and is reported here. The scanner makes this finding while
applying suppressions.

Fails (published 2021-03-01):
    creditcheck: ignore unknown-source
    (Ou Dongqu/Getty Images)
Passes (published 2021-03-01):
    creditcheck: ignore unknown-source -- handout cleared by legal, ticket LEGAL-123
    (Ou Dongqu/Xinhua)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return iter(())


CHECK: Check = Check("invalid-suppression", "CC401", Severity.ERROR, "suppression without reason", DOC, run)
