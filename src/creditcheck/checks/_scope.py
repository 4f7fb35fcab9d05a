"""Shared logic of the license scope checks (territory and channel)."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding
from creditcheck.ruleset import License


def scope_findings(check: Check, ctx: CheckContext, value: str | None, what: str) -> Iterator[Finding]:
    """Sources whose license (or a license along its via chain) does not allow ``value``."""
    if value is None:
        return
    wanted = value.casefold()
    reported: set[tuple[str, str]] = set()
    for name, text in ctx.named_sources:
        assert name.rule is not None
        for rule in ctx.ruleset.chain(name.rule):
            allowed = _allowed(rule.license, what)
            if not allowed or wanted in {a.casefold() for a in allowed}:
                continue
            key = (text, rule.id)
            if key in reported:
                break
            reported.add(key)
            holder = ctx.ruleset[name.rule]
            via = "" if rule.id == holder.id else f" (licensed via {rule.name})"
            yield check.finding(
                ctx,
                name.span,
                f"{holder.name}{via}: the license allows {what} {', '.join(allowed)}, not {value}",
                name.text,
                source=holder.id,
            )
            break


def _allowed(lic: License, what: str) -> tuple[str, ...]:
    return lic.territories if what == "territory" else lic.channels
