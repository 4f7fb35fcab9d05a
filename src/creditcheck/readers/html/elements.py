"""Classifying HTML elements: block or inline, skipped, hidden, chrome, caption, credit, decorative."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import lxml.etree
import lxml.html

from creditcheck.model import BlockKind
from creditcheck.readers import decorative_name

SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "form",
        "button",
        "select",
        "iframe",
        "object",
        "head",
        "textarea",
        "aside",
        "menu",
    }
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "td",
        "th",
        "dd",
        "dt",
        "caption",
        "pre",
        "address",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "main",
        "ul",
        "ol",
        "table",
        "tr",
        "body",
        "br",
        "hr",
        "dl",
    }
)
# Phrasing elements: their text runs on in the paragraph around them. Any other element that
# holds a block (custom elements such as <phoenix-page>, <amp-story>, old <center>) is a block.
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "picture",
        "source",
        "img",
    }
)
# "accreditation" holds a story's header, "message-attribution" a forum post's author and date.
CREDIT_CLASS = re.compile(
    r"(?<!ac)credit|photographer|(?<!message-)(?<!post-)(?<!comment-)attribution|courtesy"
    r"|image-?source|photo-?source",
    re.I,
)
# Page chrome that is not article content, even when it is not inside <nav> or <aside>.
CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|social|share|sharing|related|"
    r"recommended|recirc|promo|sponsor(?:ed)?|advert\w*|ads?|taboola|outbrain|newsletter|"
    r"subscribe|comments?|cookie|paywall)(?:$|[\s_-])",
    re.I,
)
# The article's own body, whatever else its class list says ("gigya-share-btns-2_gig_containerParent
# articleBody": a share widget hooked onto the body is not a reason to skip the story).
CONTENT_CLASS = re.compile(
    r"article-?body|story-?body|entry-content|post-content|article-content|story-content|main-content",
    re.I,
)
CAPTION_CLASS = re.compile(r"caption", re.I)
# "Jane Doe, The Associated Press" under the headline names the writer, not a photo's source.
BYLINE_CLASS = re.compile(
    r"byline|by-line|(?:^|[\s_-])(?:author|authors|writer|contributor)(?:$|[\s_-])", re.I
)
DECORATIVE_CLASS = re.compile(r"logo|icon|avatar|emoji|sprite|pixel|spacer|badge|author", re.I)
CREDIT_ATTRS = ("data-credit", "data-photo-credit", "data-image-credit", "data-copyright")
# Where lightbox and gallery scripts keep a picture's caption (on the <img> or the link around it).
CAPTION_ATTRS = ("data-caption", "data-fresco-caption", "data-lightbox-caption", "data-sub-html")
# An alt text is read as a caption only when it shows a credit's marks ("… | KYODO", "(AP Photo/…)").
ALT_CREDIT = re.compile(r"\s[|/]\s*\S|\([^)]*/[^)]*\)|©|\b(?:photo|credit|courtesy|via)\b", re.I)


def classes(el: lxml.html.HtmlElement) -> str:
    get = el.get
    cls, ident, prop = get("class"), get("id"), get("itemprop")
    if not ident and not prop:
        return cls or ""  # the usual case, without building a join
    return " ".join([v for v in (cls, ident, prop) if v])


# The walk reads an element's attribute names once (``el.keys()``) and asks lxml only for the
# values it has: a name looked up in that short list costs a fraction of ``el.get`` for an
# attribute the element lacks, and most elements have one or two attributes.


def classes_among(el: lxml.html.HtmlElement, keys: list[str]) -> str:
    """``classes(el)`` for an element whose attribute names are ``keys``."""
    if "id" in keys or "itemprop" in keys:
        return classes(el)
    return (el.get("class") or "") if "class" in keys else ""


# A post's topics as classes ("tag-creditshelf", "category-credit-cards" on a WordPress
# <article>): they name what the story is about, not what an element is.
TOPIC_CLASS = re.compile(r"(?<!\S)(?:tag|category|categories|topic|topics|rubrik|ressort)-\S*", re.I)


def _topic_only(names: str) -> bool:
    """Whether the only credit class in ``names`` is a topic's ("tag-creditshelf")."""
    return "-" in names and CREDIT_CLASS.search(TOPIC_CLASS.sub(" ", names)) is None


def block_kind(el: lxml.html.HtmlElement, names: str | None = None) -> BlockKind | None:
    """The element's block kind from its class names (``names``: its classes, when known)."""
    if names is None:
        names = classes(el)
    if not names:
        return BlockKind.CAPTION if el.tag == "figcaption" else None
    kind = _names_kind(names)
    if kind is not BlockKind.CREDIT and el.tag == "figcaption":
        return BlockKind.CAPTION
    return kind


# A page repeats its class names (and a site its pages'): the tests of class names are
# remembered, as the walk asks them of most elements.
_NAMES_MEMO = 4096


def names_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` is found in class names, remembered per class string."""
    return functools.lru_cache(maxsize=_NAMES_MEMO)(lambda names: pattern.search(names) is not None)


@functools.lru_cache(maxsize=_NAMES_MEMO)
def _names_kind(names: str) -> BlockKind | None:
    """The block kind class names give (a ``<figcaption>`` is a caption unless they say credit)."""
    if CREDIT_CLASS.search(names) and not _topic_only(names):
        return BlockKind.CREDIT
    if CAPTION_CLASS.search(names):
        return BlockKind.CAPTION
    if BYLINE_CLASS.search(names):
        return BlockKind.BYLINE
    return None


def node_line(node: Any, default: int) -> int:
    """A node's source line (lxml's stubs type comments' lines loosely)."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else default


# The start tags of the elements that show a picture, to place each element at its own tag.
PICTURE_TAGS = {tag: re.compile(rf"<{tag}(?=[\s/>])", re.I) for tag in ("img", "picture", "video")}
PICTURE_HREF = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:[?#]|$)", re.I)
LIGHTBOX_CLASS = re.compile(r"lightbox|fresco|gallery|zoom|enlarge|fancybox|photoswipe", re.I)


def shows_picture(el: lxml.html.HtmlElement) -> bool:
    """Whether the pictures inside an inline element are the article's (not a teaser's link).

    A link to the full-size picture or a lightbox shows the picture; a thumbnail linking to
    another page is a teaser or a promotion, whose picture the article does not publish.
    """
    if el.tag != "a":
        return True
    href = el.get("href") or ""
    if not href or PICTURE_HREF.search(href) or LIGHTBOX_CLASS.search(classes(el)):
        return True
    if "lightbox" in href.lower():
        return True  # ".../content/view/lightboxBildernew/415206": the picture, enlarged
    return any(el.get(attr) for attr in CAPTION_ATTRS)


def has_block(el: lxml.html.HtmlElement) -> bool:
    """Whether a non-phrasing element holds a block-level element (then it is walked as a block)."""
    return any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants())


def only_link(el: lxml.html.HtmlElement) -> bool:
    """Whether all of ``el``'s text is the text of one link."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag != "a" or (el.text or "").strip():
        return False
    return not (children[0].tail or "").strip()


# Inline elements that hold a caption's credit apart from its sentence.
CREDIT_INLINE = frozenset({"small", "cite"})


def caption_credit(el: lxml.html.HtmlElement) -> bool:
    """Whether an inline element of a caption is its credit, set apart from the caption's text.

    ``<figcaption><span>The Yomiuri Shimbun</span><br>Leaders debate…`` and ``<figcaption>Leaders
    debate… <small>Jane Doe/AFP</small></figcaption>``: a short span first or last, cut off by a
    line break, or a <small>/<cite> at the end. An emphasised word inside the sentence is not.
    """
    if el.tag not in CREDIT_INLINE and el.tag != "span":
        return False
    if not _short_label(" ".join(inline_text(el).split())):
        return False
    parent = el.getparent()
    if parent is None:
        return False
    siblings = [c for c in parent if isinstance(c.tag, str)]
    index = siblings.index(el)
    bare_tail = not (el.tail or "").strip()
    last = index == len(siblings) - 1 and bare_tail
    if index == 0 and not (parent.text or "").strip() and bare_tail and _is_br(siblings, index + 1):
        return True  # first, then a line break
    if last and _is_br(siblings, index - 1) and not (siblings[index - 1].tail or "").strip():
        return True  # a line break, then last
    return last and el.tag in CREDIT_INLINE


def _short_label(text: str) -> bool:
    """Short enough for a credit, and not a sentence of more than four words."""
    return 2 <= len(text) <= 80 and not (text.endswith(".") and len(text.split()) > 4)


def _is_br(siblings: list[lxml.html.HtmlElement], index: int) -> bool:
    return 0 <= index < len(siblings) and siblings[index].tag == "br"


def tail_line(child: lxml.html.HtmlElement, line: int) -> int:
    # The tail follows the element's last descendant, whose line is the nearest we know.
    *_, last = child.iter()
    return last.sourceline or line


def control(el: lxml.html.HtmlElement) -> bool:
    """A javascript: link is a control ("View full size image"), like a button: not text."""
    return el.tag == "a" and (el.get("href") or "").startswith("javascript:")


def inline_text(el: lxml.html.HtmlElement) -> str:
    tag = el.tag
    if tag in SKIP or (tag == "a" and control(el)):
        return ""
    if tag == "br":
        return " "
    parts: list[str] = []
    _inline_parts(el, parts)
    return "".join(parts)


def _inline_parts(el: lxml.html.HtmlElement, parts: list[str]) -> None:
    """Add the text of a readable element that is not a ``<br>`` and of its descendants to ``parts``."""
    # lxml makes a new string at every read of .tag and .tail: each is read once.
    text = el.text
    if text:
        parts.append(text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP and not (tag == "a" and control(child)):
            if tag == "br":
                parts.append(" ")
            else:
                _inline_parts(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail)


def hidden(el: lxml.html.HtmlElement) -> bool:
    return hidden_among(el, el.keys())


def hidden_among(el: lxml.html.HtmlElement, keys: list[str]) -> bool:
    """Whether an element whose attribute names are ``keys`` is hidden (attribute or style)."""
    if "hidden" in keys or ("aria-hidden" in keys and el.get("aria-hidden") == "true"):
        return True
    return "style" in keys and "display:none" in (el.get("style") or "").replace(" ", "").lower()


def chrome(
    el: lxml.html.HtmlElement,
    names: str | None = None,
    holds_story: Callable[[lxml.html.HtmlElement], bool] | None = None,
) -> bool:
    """Whether an element is page chrome by its class (``holds_story``: whether it holds the story)."""
    if names is None:
        names = classes(el)
    if not names or el.tag in ("body", "article", "main") or not _chrome_names(names):
        return False
    # "m-page-wrapper is-below-header-ad" wraps the whole page: chrome never holds the story. A
    # box of related stories holds <article> teasers, not the story: where the story is known,
    # only what holds it is spared.
    return not (holds_story or HOLDS_STORY)(el)


@functools.lru_cache(maxsize=_NAMES_MEMO)
def _chrome_names(names: str) -> bool:
    """Whether class names name page chrome, and not the article's own body."""
    return CHROME_CLASS.search(names) is not None and CONTENT_CLASS.search(names) is None


# Whether an element holds an <article>, a <main>, or an element whose role is main or whose
# itemprop is articleBody. Each test on its own, the attributes' nodes tested rather than the
# elements: the union ".//article | .//main | .//*[@role='main'] | .//*[@itemprop='articleBody']"
# gave the same answers 5x slower on the real pages (it gathers every match before it is counted).
HOLDS_STORY = lxml.etree.XPath(
    "boolean(descendant::article) or boolean(descendant::main)"
    " or boolean(descendant::*/@role[. = 'main']) or boolean(descendant::*/@itemprop[. = 'articleBody'])"
)


def decorative(img: lxml.html.HtmlElement) -> bool:
    if img.get("role") == "presentation" or img.get("aria-hidden") == "true":
        return True
    src = (img.get("src") or img.get("data-src") or "").lower()
    if src.startswith("data:") or src.endswith((".svg", ".ico")):
        return True
    for attr in ("width", "height"):
        value = (img.get(attr) or "").rstrip("px")
        if value.isdigit() and int(value) <= 50:
            return True
    if DECORATIVE_CLASS.search(classes(img)):
        return True
    name = src.split("?", 1)[0].rsplit("/", 1)[-1]
    alt = (img.get("alt") or "").strip().lower()
    # "search.png" with alt "search icon", "site-logo.jpg": page furniture, not a picture to credit.
    return decorative_name(name) or bool(re.fullmatch(r"(?:\w+\s){0,2}(?:icon|logo)", alt))
