"""YAML for configuration: safe tags only, no duplicate keys, bounded depth, one-line errors.

Configuration and rule files are written by people and sometimes by an attacker (a pull
request to a content repository). A file is composed to nodes first and checked as a graph in
which each node is visited once, so aliases cost the file's size, not their expansion.
"""

from __future__ import annotations

from typing import Any

import yaml

from creditcheck.errors import CreditcheckError
from creditcheck.safetext import excerpt, shown

# Deeper than any real configuration; PyYAML recurses per level, so this also keeps it off
# Python's recursion limit.
MAX_DEPTH = 32
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def load_yaml(text: str, path: str, error: type[CreditcheckError]) -> tuple[yaml.Node | None, Any]:
    """The node tree and the data of a YAML file, or ``error("FILE:LINE: message")``."""
    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{int(mark.line) + 1}" if mark is not None else path
            problem = getattr(exc, "problem", None) or "cannot be read"
            raise error(f"{where}: not valid YAML: {shown(str(problem))[:120]}") from None
        except RecursionError:
            raise error(f"{path}: nested too deeply") from None
        if root is None:
            return None, None
        check_nodes(root, path, error)
        if not isinstance(root, yaml.MappingNode):
            return root, _construct(loader, root, path, error)
        # Key by key, so that a value that cannot be made (a date 2024-13-45, a number of
        # 5,000 digits) is reported at its own line.
        return root, {
            _construct(loader, k, path, error): _construct(loader, v, path, error) for k, v in root.value
        }
    finally:
        loader.dispose()


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: str, error: type[CreditcheckError]) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError):
        line = int(node.start_mark.line) + 1
        raise error(
            f"{path}:{line}: a value that cannot be read (a date or a number out of range?)"
        ) from None


def check_nodes(root: yaml.Node, path: str, error: type[CreditcheckError]) -> None:
    """Refuse application tags, duplicate keys, keys that are not plain words, deep nesting."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = int(node.start_mark.line) + 1
        if depth > MAX_DEPTH:
            raise error(f"{path}:{line}: nested more than {MAX_DEPTH} levels deep")
        if node.tag not in PLAIN_TAGS:
            raise error(f"{path}:{line}: the tag {excerpt(node.tag, 100)} is not allowed (plain data only)")
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in node.value:
                key_line = int(k.start_mark.line) + 1
                if not isinstance(k, yaml.ScalarNode):
                    raise error(f"{path}:{key_line}: keys must be plain words, not a list or mapping")
                if k.value in keys:
                    raise error(f"{path}:{key_line}: duplicate key {excerpt(k.value)}")
                keys.add(k.value)
                stack.append((v, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, depth + 1) for v in node.value)
