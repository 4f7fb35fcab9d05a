"""license-channel: a source used in a channel (web, print, …) its license does not allow."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks._scope import scope_findings
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity

DOC = """\
The publication's channel (configuration `channel:` or `--channel`, e.g. `web` or `print`)
is not among the `license.channels` of a source's license, or of a license along its `via`
chain. Licenses without a channels list allow every channel; without a configured channel
this check does nothing.

Fails (published 2021-03-01, channel print):
    (David Kawai/Bloomberg)
Passes (published 2021-03-01, channel web):
    (David Kawai/Bloomberg)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return scope_findings(check, ctx, ctx.channel, "channel")


CHECK: Check = Check("license-channel", "CC106", Severity.ERROR, "channel not licensed", DOC, run)
