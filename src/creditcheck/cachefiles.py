"""Where creditcheck keeps its caches between runs, and whether a cache file may be trusted."""

from __future__ import annotations

import os


def cache_dir() -> str | None:
    """Where caches are kept, or None when caching is off."""
    if os.environ.get("CREDITCHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("CREDITCHECK_CACHE_DIR"):
        return os.environ["CREDITCHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "creditcheck")


def private(path: str) -> bool:
    """Whether ``path`` belongs to this user and nobody else may write it."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or st.st_uid == getuid()
    return owned and not st.st_mode & 0o022
