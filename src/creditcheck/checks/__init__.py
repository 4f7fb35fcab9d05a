"""Every check, one module each, listed explicitly in ALL_CHECKS (no import-time registry)."""

from __future__ import annotations

from creditcheck.checks import (
    copyright_format,
    copyright_year,
    credit_format,
    credit_mismatch,
    deprecated_credit,
    embargo,
    handout_credit,
    invalid_suppression,
    license_channel,
    license_expired,
    license_not_started,
    license_territory,
    missing_copyright,
    missing_credit,
    missing_photographer,
    misspelled_source,
    unknown_source,
    unlicensed_source,
    unreadable_file,
    unused_suppression,
    usage_terms,
    withdrawn_content,
)
from creditcheck.checks.base import Check, CheckContext

ALL_CHECKS: tuple[Check, ...] = (
    unreadable_file.CHECK,
    unknown_source.CHECK,
    unlicensed_source.CHECK,
    license_expired.CHECK,
    license_not_started.CHECK,
    license_territory.CHECK,
    license_channel.CHECK,
    misspelled_source.CHECK,
    deprecated_credit.CHECK,
    credit_format.CHECK,
    missing_photographer.CHECK,
    missing_credit.CHECK,
    missing_copyright.CHECK,
    copyright_year.CHECK,
    copyright_format.CHECK,
    invalid_suppression.CHECK,
    unused_suppression.CHECK,
    credit_mismatch.CHECK,
    embargo.CHECK,
    withdrawn_content.CHECK,
    usage_terms.CHECK,
    handout_credit.CHECK,
)
BY_NAME: dict[str, Check] = {c.name: c for c in ALL_CHECKS}
BY_CODE: dict[str, Check] = {c.code: c for c in ALL_CHECKS}
UNREADABLE = unreadable_file.CHECK


def lookup(name_or_code: str) -> Check | None:
    """The check a name (``unknown-source``) or a code (``CC101``, in any case) stands for.

    Every finding prints both, so wherever a user names a check (suppressions, ``--severity``,
    the configuration) either is accepted.
    """
    return BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())


__all__ = ["ALL_CHECKS", "BY_CODE", "BY_NAME", "UNREADABLE", "Check", "CheckContext", "lookup"]
