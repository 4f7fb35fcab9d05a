"""The page's own publisher: its own notices are not a story's, its own name in a credit is no source."""

from __future__ import annotations

import unicodedata

from creditcheck import compilecache
from creditcheck.extract.patterns import DOMAIN
from creditcheck.extract.vocabulary import ORG_WORDS
from creditcheck.model import Attribution, AttributionKind, Document, Name, NameRole
from creditcheck.readers import host

_WORD = compilecache.compile(r"[^\W_]+")
_CAMEL = compilecache.compile(r"(?<=[a-z])(?=[A-Z])")
# The labels of an address that say nothing of whose site it is: "www.", "co.uk", "com.au".
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv"})
_LONGEST_RUN = 6


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _site_label(address: str) -> str:
    """The label of a host that names the site: "nymag" of nymag.com, "express" of www.express.co.uk."""
    labels = [p for p in address.lower().split(".") if p]
    if len(labels) < 2:
        return ""
    labels.pop()  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    return labels[-1]


class Publisher:
    """The names a page gives its own publisher, compared the way a reader would."""

    def __init__(self, names: tuple[str, ...], url: str | None) -> None:
        self.compact: set[str] = set()
        # "ON" for "Osthessen|News", "FMW" for "FinanzMarktWelt": the site's own short name.
        self.initials: set[str] = set()
        labels = [_site_label(host(url))] if url else []
        for name in names:
            self.compact.add("".join(_words(name)))
            parts = _words(_CAMEL.sub(" ", name))
            if 2 <= len(parts) <= 5:
                self.initials.add("".join(p[0] for p in parts))
            address = name.split("//", 1)[-1].split("/", 1)[0]
            if DOMAIN.fullmatch(address.strip()):
                labels.append(_site_label(address.strip()))  # og:site_name "correctiv.org"
        self.labels = {label.replace("-", "") for label in labels if label}
        self.compact.update(self.labels)
        self.compact = {k for k in self.compact if len(k) >= 3}

    def __bool__(self) -> bool:
        return bool(self.compact or self.initials)

    def names(self, text: str) -> bool:
        """Whether ``text`` names the publisher: its name or its site's, alone or among other words.

        "Express Newspapers" does not name the site "Express": a key of one generic word names
        the site only when it is the whole name.
        """
        words = _words(text)
        whole = "".join(words)
        if whole in self.compact:
            return True
        # "5 Minuten" on 5min.at: the address shortens the name.
        if any(len(k) >= 4 and k not in ORG_WORDS and whole.startswith(k) for k in self.labels):
            return True
        if text.isupper() and text.isalpha() and text.casefold() in self.initials:
            return True
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + _LONGEST_RUN) + 1):
                run = words[start:end]
                if "".join(run) in self.compact and not (len(run) == 1 and run[0] in ORG_WORDS):
                    return True
        return False


def own_attributions(doc: Document, attributions: list[Attribution]) -> list[Attribution]:
    """``attributions`` without the publisher's own notices; its name in credits takes the role ``publisher``.

    "© 2020 Vox Media" on a Vox Media page is the site's notice, not a story's; "Ivo
    Mayr/Correctiv" on correctiv.org credits the site's own photographer, whom no license covers.
    """
    publisher = Publisher(doc.publisher, doc.url)
    if not publisher:
        return attributions
    out: list[Attribution] = []
    for a in attributions:
        if a.kind is AttributionKind.COPYRIGHT and a.image is None and a.names:
            if not publisher.names(a.names[0].text):
                out.append(a)
        elif any(_own(n, publisher) for n in a.names):
            # A credit, or a picture's notice ("© Pferderevue" under a photo on pferderevue.at).
            names = tuple(n.with_role(NameRole.PUBLISHER) if _own(n, publisher) else n for n in a.names)
            out.append(a.with_names(names))
        else:
            out.append(a)
    return out


def _own(name: Name, publisher: Publisher) -> bool:
    return name.role == NameRole.ORGANISATION and name.rule is None and publisher.names(name.text)
