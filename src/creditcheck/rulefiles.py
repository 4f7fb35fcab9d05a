"""Reading rule files: YAML nodes validated section by section, so that every error names its line.

The rule types live in ``ruleset``; this module (and PyYAML) is imported only when rule files
are read, not when a cached rule set is used (``rulecache``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from creditcheck.errors import RuleFileError
from creditcheck.ruleset import (
    _AMOUNT,
    _ID,
    KINDS,
    STATUSES,
    YEAR_POLICIES,
    Contract,
    CreditForm,
    DeprecatedForm,
    License,
    Notice,
    Rule,
    RuleSet,
    SourceKind,
    Withdrawal,
    alias_key,
)
from creditcheck.safetext import excerpt, shown
from creditcheck.templates import Template, TemplateError
from creditcheck.yamlsafe import MAX_DEPTH

try:  # libyaml is several times faster; it keeps the same node marks
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,misc,unused-ignore]
except AttributeError:  # pragma: no cover - pure-python PyYAML
    _Loader = yaml.SafeLoader


class _Node:
    """A thin view over a yaml node that knows its file and key path."""

    def __init__(self, node: yaml.Node, path: str, key: str) -> None:
        self.node, self.path, self.key = node, path, key

    @property
    def line(self) -> int:
        return int(self.node.start_mark.line) + 1

    def fail(self, message: str) -> RuleFileError:
        return RuleFileError(self.path, self.line, self.key or None, message)

    def mapping(self, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, _Node]:
        if not isinstance(self.node, yaml.MappingNode):
            if not self.key and isinstance(self.node, yaml.ScalarNode):
                # The whole file is one value: not a rule file (perhaps a link to another file),
                # and none of it is echoed.
                raise self.fail("expected a mapping of keys (name, kind, license, …), got a single value")
            raise self.fail(f"expected a mapping, got {_describe(self.node)}")
        out: dict[str, _Node] = {}
        for k, v in self.node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise _Node(k, self.path, self.key).fail("keys must be plain words")
            name = str(k.value)
            full = f"{self.key}.{name}" if self.key else name
            if name not in allowed:
                raise RuleFileError(
                    self.path,
                    int(k.start_mark.line) + 1,
                    full,
                    "unknown key; expected one of: " + ", ".join(allowed),
                )
            if name in out:
                raise RuleFileError(self.path, int(k.start_mark.line) + 1, full, "duplicate key")
            out[name] = _Node(v, self.path, full)
        for name in required:
            if name not in out:
                key = f"{self.key}.{name}" if self.key else name
                raise RuleFileError(self.path, self.line, key, "required key is missing")
        return out

    def string(self) -> str:
        if not isinstance(self.node, yaml.ScalarNode) or self.node.tag.endswith(":null"):
            raise self.fail(f"expected a string, got {_describe(self.node)}")
        value = str(self.node.value).strip()
        if not value:
            raise self.fail("must not be empty")
        return value

    def choice(self, options: tuple[str, ...]) -> str:
        value = self.string()
        if value not in options:
            raise self.fail(f"{excerpt(value)} is not one of: " + ", ".join(options))
        return value

    def date(self) -> dt.date:
        value = self.string()
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"expected a date written YYYY-MM-DD, got {excerpt(value)}") from None

    def integer(self) -> int:
        value = self.string()
        # ASCII digits only ("²" is a digit to str.isdigit), and few enough to be a count.
        if not (value.isascii() and value.isdigit()) or len(value) > 12:
            raise self.fail(f"expected a whole number, got {excerpt(value)}")
        return int(value)

    def amount(self) -> decimal.Decimal:
        """A non-negative amount of money: ``25``, ``12.50``."""
        value = self.string()
        if not _AMOUNT.match(value):
            raise self.fail(f"expected an amount such as 25 or 12.50, got {excerpt(value)}")
        return decimal.Decimal(value)

    def boolean(self) -> bool:
        value = self.string().lower()
        if value in ("true", "yes"):
            return True
        if value in ("false", "no"):
            return False
        raise self.fail(f"expected true or false, got {excerpt(value)}")

    def items(self) -> list[_Node]:
        if isinstance(self.node, yaml.ScalarNode) and not self.node.tag.endswith(":null"):
            return [self]
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.fail(f"expected a list, got {_describe(self.node)}")
        return [_Node(v, self.path, f"{self.key}[{i}]") for i, v in enumerate(self.node.value)]

    def strings(self) -> tuple[str, ...]:
        return tuple(item.string() for item in self.items())

    def template(self, notice: bool = False) -> Template:
        text = self.string()
        try:
            return Template(text, notice=notice)
        except TemplateError as exc:
            raise self.fail(str(exc)) from None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing"
    return excerpt(node.value)


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def _reject_tags(root: yaml.Node, path: str, key: str) -> None:
    """Refuse application tags (``!!python/…``, ``!custom``): rule files are plain data.

    Anchors make the node graph share nodes, so each node is visited once: a "billion laughs"
    file of nested aliases costs its size, not its expansion.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, key)]
    while stack:
        node, where = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if where.count(".") + where.count("[") > MAX_DEPTH:
            raise RuleFileError(
                path, int(node.start_mark.line) + 1, None, f"nested more than {MAX_DEPTH} levels deep"
            )
        if node.tag not in _PLAIN_TAGS:
            raise RuleFileError(
                path,
                int(node.start_mark.line) + 1,
                where or None,
                f"the tag {excerpt(node.tag, 100)} is not allowed in rule files",
            )
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = str(k.value) if isinstance(k, yaml.ScalarNode) else "?"
                stack.append((k, where))
                stack.append((v, f"{where}.{name}" if where else name))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(node.value))


_TOP = ("name", "aliases", "kind", "license", "credit", "notice", "withdrawn", "usage_terms", "contract")
_CONTRACT = ("reference", "contact", "renewal_notice_days", "currency", "rates")
_RATES = ("photo", "story", "overage")
_CAPS = ("photos", "stories")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LICENSE = ("status", "via", "from", "until", "territories", "channels", "agreement", "monthly_cap")


def _name_lines(top: dict[str, _Node]) -> tuple[tuple[str, int, str], ...]:
    out = [(top["name"].string(), top["name"].line, "name")]
    if "aliases" in top:
        items = top["aliases"].items()
        for item in items:
            listed = isinstance(top["aliases"].node, yaml.SequenceNode)
            key = item.key if len(items) > 1 or listed else "aliases"
            out.append((item.string(), item.line, key))
    return tuple(out)


def _parse_rule(path: str, rule_id: str, text: str) -> tuple[Rule, _Node | None]:
    """One rule file validated into a Rule, and the node of its license's ``via`` (if any)."""
    root = _compose(path, text)
    top = _Node(root, path, "").mapping(_TOP, required=("name", "kind", "license"))
    lic_map = top["license"].mapping(_LICENSE, required=("status",))
    # Sections in the order their errors are reported: a file's first error is the one shown.
    license_ = _with_caps(_license(lic_map, rule_id), lic_map)
    credits, deprecated = _credit_forms(top["credit"]) if "credit" in top else ((), ())
    collections = _collections(top["credit"], credits) if "credit" in top else ()
    notice = _notice(top["notice"]) if "notice" in top else None
    withdrawn = _withdrawn(top["withdrawn"]) if "withdrawn" in top else ()
    rule = Rule(
        id=rule_id,
        name=top["name"].string(),
        path=path,
        kind=SourceKind(top["kind"].choice(KINDS)),
        license=license_,
        aliases=top["aliases"].strings() if "aliases" in top else (),
        credits=credits,
        deprecated=deprecated,
        notice=notice,
        withdrawn=withdrawn,
        usage_terms=top["usage_terms"].strings() if "usage_terms" in top else (),
        name_lines=_name_lines(top),
        contract=_contract(top, license_),
        collections=collections,
    )
    return rule, lic_map.get("via")


def _compose(path: str, text: str) -> yaml.Node:
    """The YAML node tree of a rule file (tags refused), or a RuleFileError."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise RuleFileError(path, line, None, f"not valid YAML: {shown(str(problem))[:120]}") from None
    except RecursionError:
        raise RuleFileError(path, None, None, "nested too deeply") from None
    if root is None:
        raise RuleFileError(path, 1, None, "the file is empty")
    _reject_tags(root, path, "")
    return root


def _license(lic_map: dict[str, _Node], rule_id: str) -> License:
    """The ``license:`` section but its caps: status, dates, ``via``, territories, channels."""
    status = lic_map["status"].choice(STATUSES)
    start = lic_map["from"].date() if "from" in lic_map else None
    until = lic_map["until"].date() if "until" in lic_map else None
    if start and until and until < start:
        raise lic_map["until"].fail(f"license ends ({until}) before it starts ({start})")
    via = lic_map["via"].string() if "via" in lic_map else None
    if via is not None and status != "active":
        raise lic_map["via"].fail("only an active license can be held via another source")
    if via == rule_id:
        raise lic_map["via"].fail("a source cannot be licensed via itself")
    return License(
        status=status,
        via=via,
        start=start,
        until=until,
        territories=lic_map["territories"].strings() if "territories" in lic_map else (),
        channels=lic_map["channels"].strings() if "channels" in lic_map else (),
        agreement=lic_map["agreement"].string() if "agreement" in lic_map else None,
    )


_CREDIT = ("accepted", "deprecated", "collections")


def _credit_forms(node: _Node) -> tuple[tuple[CreditForm, ...], tuple[DeprecatedForm, ...]]:
    """The ``credit:`` section: accepted forms (with their dates) and deprecated ones."""
    credit = node.mapping(_CREDIT)
    credits: list[CreditForm] = []
    for item in credit["accepted"].items() if "accepted" in credit else []:
        if isinstance(item.node, yaml.ScalarNode):
            credits.append(CreditForm(item.template()))
            continue
        form = item.mapping(("form", "from", "until"), required=("form",))
        cf = CreditForm(
            form["form"].template(),
            form["from"].date() if "from" in form else None,
            form["until"].date() if "until" in form else None,
        )
        if cf.start and cf.until and cf.until < cf.start:
            raise form["until"].fail("form leaves effect before it takes effect")
        credits.append(cf)
    deprecated: list[DeprecatedForm] = []
    for item in credit["deprecated"].items() if "deprecated" in credit else []:
        form = item.mapping(("form", "replacement", "from"), required=("form", "replacement"))
        old, new = form["form"].template(), form["replacement"].template()
        if not set(new.names) <= set(old.names):
            raise form["replacement"].fail(
                "the replacement uses a placeholder the deprecated form does not have"
            )
        deprecated.append(DeprecatedForm(old, new, form["from"].date() if "from" in form else None))
    return tuple(credits), tuple(deprecated)


def _collections(node: _Node, credits: tuple[CreditForm, ...]) -> tuple[str, ...]:
    """``credit.collections``: the names a ``{collection}`` may hold, when the rule lists them."""
    credit = node.mapping(_CREDIT)
    if "collections" not in credit:
        return ()
    if not any("collection" in f.template.names for f in credits):
        raise credit["collections"].fail("no accepted form has a {collection} for these to fill")
    return credit["collections"].strings()


def _notice(node: _Node) -> Notice:
    """The ``notice:`` section: the template, whether it is required, and its year policy."""
    nmap = node.mapping(("template", "required", "year"), required=("template",))
    return Notice(
        nmap["template"].template(notice=True),
        nmap["required"].boolean() if "required" in nmap else True,
        nmap["year"].choice(YEAR_POLICIES) if "year" in nmap else "publication",
    )


def _withdrawn(node: _Node) -> tuple[Withdrawal, ...]:
    """The ``withdrawn:`` list: items named by asset, by photographer and date, or by caption."""
    withdrawn: list[Withdrawal] = []
    for item in node.items():
        w = item.mapping(("asset", "photographer", "date", "caption", "reason"))
        if not ({"asset", "caption"} & set(w) or {"photographer", "date"} <= set(w)):
            raise item.fail("name the item by asset, by photographer and date, or by caption")
        withdrawn.append(
            Withdrawal(
                asset=w["asset"].string() if "asset" in w else None,
                photographer=w["photographer"].string() if "photographer" in w else None,
                day=w["date"].date() if "date" in w else None,
                caption=w["caption"].string() if "caption" in w else None,
                reason=w["reason"].string() if "reason" in w else None,
                line=item.line,
            )
        )
    return tuple(withdrawn)


def _with_caps(license_: License, lic_map: dict[str, _Node]) -> License:
    """``monthly_cap: N`` caps photos; ``monthly_cap: {photos: N, stories: M}`` caps each kind."""
    node = lic_map.get("monthly_cap")
    if node is None:
        return license_
    if not isinstance(node.node, yaml.MappingNode):
        return replace(license_, monthly_cap=node.integer())
    caps = node.mapping(_CAPS)
    if not caps:
        raise node.fail("name a cap for photos, stories or both")
    return replace(
        license_,
        monthly_cap=caps["photos"].integer() if "photos" in caps else None,
        story_cap=caps["stories"].integer() if "stories" in caps else None,
    )


def _contract(top: dict[str, _Node], license_: License) -> Contract:
    """The ``contract`` section; its reference may also be written as ``license.agreement``."""
    if "contract" not in top:
        return Contract(reference=license_.agreement)
    terms = top["contract"].mapping(_CONTRACT)
    reference = terms["reference"].string() if "reference" in terms else None
    if reference is not None and license_.agreement is not None and reference != license_.agreement:
        raise terms["reference"].fail(
            f"differs from license.agreement ({excerpt(license_.agreement)}); write the reference once"
        )
    currency = None
    if "currency" in terms:
        currency = terms["currency"].string()
        if not _CURRENCY.match(currency):
            raise terms["currency"].fail(
                f"expected a three-letter currency code such as USD, got {excerpt(currency)}"
            )
    rates = terms["rates"].mapping(_RATES) if "rates" in terms else {}
    if rates and currency is None:
        raise top["contract"].fail("rates need a currency: add contract.currency (e.g. USD)")
    return Contract(
        reference=reference or license_.agreement,
        contact=terms["contact"].string() if "contact" in terms else None,
        renewal_notice_days=(
            terms["renewal_notice_days"].integer() if "renewal_notice_days" in terms else None
        ),
        currency=currency,
        photo_rate=rates["photo"].amount() if "photo" in rates else None,
        story_rate=rates["story"].amount() if "story" in rates else None,
        overage_rate=rates["overage"].amount() if "overage" in rates else None,
    )


def lint_rules(
    folders: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> tuple[RuleSet | None, list[RuleFileError]]:
    """Validate every rule file of the folder(s), collecting all errors rather than stopping.

    Several folders (a shared set and a site's own, say) form one rule set: an id may be
    defined once, and ``via`` may point across folders.
    """
    roots = [Path(folders)] if isinstance(folders, (str, os.PathLike)) else [Path(f) for f in folders]
    files: list[Path] = []
    for root in roots:
        if not root.is_dir():
            problem = "not a folder" if root.exists() else "rules folder not found"
            return None, [RuleFileError(str(root), None, None, problem)]
        found = sorted(p for p in root.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
        if not found:
            return None, [RuleFileError(str(root), None, None, "no rule files (*.yaml) in the rules folder")]
        files.extend(found)
    shown_root = ", ".join(str(r) for r in roots)
    rules: dict[str, Rule] = {}
    via_nodes: dict[str, _Node] = {}
    errors: list[RuleFileError] = []
    read: list[tuple[str, bytes]] = []
    for file in files:
        try:
            rule, via_node, raw = _load_file(file, rules)
        except RuleFileError as exc:
            errors.append(exc)
            continue
        read.append((rule.id, raw))
        rules[rule.id] = rule
        if via_node is not None:
            via_nodes[rule.id] = via_node
    for rule_id, node in via_nodes.items():
        error = _check_via(rule_id, rules, node, shown_root)
        if error is not None:
            errors.append(error)
    owners: dict[str, str] = {}
    for rule in rules.values():
        owners.setdefault(alias_key(rule.id), rule.id)
    for rule in rules.values():
        for name, line, key in rule.name_lines:
            other = owners.setdefault(alias_key(name), rule.id)
            if other != rule.id:
                message = f"{excerpt(name)} is also a name of {excerpt(other)}"
                errors.append(RuleFileError(rule.path, line, key, message))
    if errors:
        return None, errors
    return RuleSet(rules, rules_digest(read)), []


def rules_digest(files: Sequence[tuple[str, bytes]]) -> str:
    """The digest of a rule set: each file's id and exact bytes, in the order they were read."""
    digest = hashlib.sha256()
    for rule_id, raw in files:
        digest.update(rule_id.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:16]


def _load_file(file: Path, rules: dict[str, Rule]) -> tuple[Rule, _Node | None, bytes]:
    rule_id = file.stem
    shown = str(file)
    if not _ID.match(rule_id) or file.suffix not in (".yaml", ".yml"):
        raise RuleFileError(
            shown,
            None,
            None,
            "the file name is the source id: use lowercase letters, digits and hyphens",
        )
    if rule_id in rules:
        raise RuleFileError(shown, None, None, f"a second rule file for id {rule_id!r}")
    try:
        raw = file.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise RuleFileError(shown, None, None, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleFileError(shown, line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    rule, via_node = _parse_rule(shown, rule_id, text)
    return rule, via_node, raw


def _check_via(rule_id: str, rules: dict[str, Rule], node: _Node, root: str) -> RuleFileError | None:
    via = rules[rule_id].license.via
    if via not in rules:
        return node.fail(f"no valid rule file for {excerpt(via)} in {root}")
    seen = {rule_id}
    current: str | None = via
    while current is not None:
        if current in seen:
            return node.fail("the via chain loops back on itself")
        seen.add(current)
        current = rules[current].license.via if current in rules else None
    return None
