"""Pictures' addresses and file names: what a lazy-loading page shows, placeholders, furniture.

A lazy-loading page puts a pixel or spinner in ``src`` and the picture in ``data-src``; a
tracking pixel or spinner names nothing else; folders and file names may say a picture is a
logo, an icon or a menu's. Used by ``pictures`` to judge a picture by the picture it shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import lxml.html

from creditcheck.readers.html.elements import PICTURE_HREF

PICTURES = ("img", "picture", "video")
# Where lazy-loading scripts keep the real picture while ``src`` shows a placeholder.
LAZY_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-srcset",
    "data-lazy-srcset",
    "data-delayed-url",
    "data-hi-res-src",
    "data-full-src",
)
_SOURCE_ATTRS = (*LAZY_ATTRS, "src", "srcset")
# Folders and file names that compound a word of furniture ("navigationsicons/", "socialicons/",
# "Hauptnavi_off.jpg"); a bare "icon/" folder may hold thumbnails, a snow "profile" is a chart.
_FURNITURE_PATH = re.compile(r"[a-z0-9](?:avatars?|logos?|icons?|navi?|menu)(?![a-z0-9])", re.I)
# Names of pictures that are only a loading placeholder or a tracking pixel (a "pixel-8.jpg" is
# a photo of a phone, "strava-beacon-update.jpg" a story's photo: pixels, blanks, dots, beacons
# and trackers only as small GIF or PNG files).
_PLACEHOLDER = re.compile(
    r"(?:^|[-_.])(?:spinner|loader|loading|lazy\w*|placeholders?|transparent|shim|spacer)(?:[-_.\d]|$)|"
    r"(?:^|[-_.])(?:pixel|pxl|px|1px|1x1|blank|empty|clear|clearpixel|dot|trans|tracking|beacon)"
    r"(?:[-_.]\w+)?\.(?:gif|png)$",
    re.I,
)
_PLACEHOLDER_DIR = re.compile(r"/placeholders?/", re.I)
# "ico" is only ever short for icon: a folder of that name holds a site's icons ("/img/ico/arrows/").
_ICON_FOLDER = re.compile(r"/ico/", re.I)
# The words of a folder's name ("LogosFusszeile", "company_logo", "styles/logo"): a folder named
# for logos holds logos.
_FOLDER_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# A direction arrow drawn as a small PNG or GIF ("arrow_up_small.png", "roundbox_arrow_down.gif"):
# a table's or a pop-up's glyph. A photo of an arrow ("Arrow-up-or-high-price.jpg") is a JPEG.
_ARROW_GLYPH = re.compile(
    r"(?:^|[-_.])(?:arrows?[-_]?(?:up|down|left|right|next|prev|back|forward)|"
    r"(?:up|down|left|right|next|prev)[-_]?arrows?)(?=[-_.\d])",
    re.I,
)
_ADDRESS = re.compile(r"[^\s{}'\"<>]+")


def _first_url(value: str) -> str:
    """The first address of a ``src`` or ``srcset`` value."""
    return value.strip().split(",", 1)[0].strip().split(" ", 1)[0]


def picture_sources(el: lxml.html.HtmlElement) -> Iterator[str]:
    """The addresses a picture element names, the picture it loads first.

    Its lazy-loading attributes, its ``src`` and ``srcset``, then any other ``data-`` attribute
    that holds a picture's address (``data-lg``, ``data-hires``).
    """
    imgs = [el] if el.tag != "picture" else [*el.iter("img", "source")]
    for img in imgs:
        # A lazy-loading attribute names the picture; ``src`` may hold only its placeholder.
        for attr in _SOURCE_ATTRS:
            raw = img.get(attr)
            if raw:
                value = _first_url(raw)
                if "/" in value or "." in value:  # not data-lazy="true"
                    yield value
        for attr, raw in img.items():
            value = raw.strip()
            if attr.startswith("data-") and attr not in LAZY_ATTRS and _is_address(value):
                yield value


def _is_address(value: str) -> bool:
    """Whether an attribute's value is one picture's address (not a JSON blob that names one)."""
    return _ADDRESS.fullmatch(value) is not None and PICTURE_HREF.search(value) is not None


def real_source(el: lxml.html.HtmlElement) -> str | None:
    """The picture a page shows once loaded, or None when it names only placeholders.

    A lazy-loading page puts a transparent pixel or spinner in ``src`` and the picture in
    ``data-src``; a tracking pixel or spinner names nothing else.
    """
    for url in picture_sources(el):
        path = url.split("?", 1)[0]
        if url.startswith("data:") or _PLACEHOLDER.search(path.rsplit("/", 1)[-1]):
            continue
        if _PLACEHOLDER_DIR.search(path) is None:
            return url
    return None


def furniture_path(url: str) -> bool:
    """Whether a picture's folders or file name are compounds naming furniture.

    "navigationsicons/", "socialicons/", "statusicon/", "Hauptnavi_off.jpg": a bare "icon/"
    folder may hold a site's thumbnails, a compound says what the pictures are for; so do an
    "ico/" folder, a folder named for logos ("Logos/", "company_logo/") and an arrow glyph's
    name ("arrow_down_small.png").
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    if _FURNITURE_PATH.search(path) is not None or _ICON_FOLDER.search(path) is not None:
        return True
    folders, _, name = path.rpartition("/")
    if "//" in folders:  # the host is no folder ("logos-verlag.de")
        folders = folders.split("//", 1)[1].partition("/")[2]
    if any(w.lower() in ("logo", "logos") for w in _FOLDER_WORD.findall(folders)):
        return True
    return name.lower().endswith((".png", ".gif")) and _ARROW_GLYPH.search(name) is not None


# A site theme's own folder ("/wp-content/themes/NAME/images/"): its design's graphics.
_THEME_FOLDER = re.compile(r"/themes?/[^/]+/", re.I)


def theme_file(url: str) -> bool:
    """Whether a picture is a file of the site's theme: a layout graphic, not an editorial picture.

    A script in the theme's folder that resizes an uploaded photo ("timthumb.php?src=…") serves
    the photo, not the theme.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    return _THEME_FOLDER.search(path) is not None and not path.lower().endswith(".php")


def awaits_picture(pic: lxml.html.HtmlElement) -> bool:
    """Whether a placeholder stands in for a photo a script loads.

    A lazy-loading class says so, and so does a photo's size: a tracking pixel or a spinner has
    no size, or a tiny one.
    """
    img = pic if pic.tag != "picture" else next(pic.iter("img"), pic)
    if "lazy" in (img.get("class") or "").lower():
        return True
    sizes = [(img.get(attr) or "").removesuffix("px") for attr in ("width", "height")]
    return all(size.isdigit() and int(size) > 50 for size in sizes)


def empty_slot(img: lxml.html.HtmlElement) -> bool:
    """An ``<img src="">`` with no alt text: an empty slot (a pop-up's QR code), no picture.

    Without a ``src`` attribute, or with an alt text, a script fills in a described picture.
    """
    return img.tag == "img" and img.get("src") == "" and not (img.get("alt") or "").strip()


def noscript_originals(pic: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The pictures a <noscript> copy stands beside: the lazy-loading ones it copies (or none)."""
    box = next(pic.iterancestors("noscript"), None)
    holder = box.getparent() if box is not None else None
    if holder is None:
        return []
    return [p for p in holder.iter("img", "picture") if not inside(p, holder, ("noscript",))]


def picture_stems(
    el: lxml.html.HtmlElement, stem_of: Callable[[lxml.html.HtmlElement], str | None] | None = None
) -> set[str]:
    """The names of the pictures ``el`` shows (two at most: more is a list, not a card).

    The <img> of a <picture> and a <noscript> copy for browsers without scripts are the same
    picture; so are its crops and sizes (one name). A <picture> in ``el`` counts as itself.
    ``stem_of`` gives a picture's name (None: it names only placeholders), where the caller
    remembers them.
    """
    stem_of = stem_of or source_stem
    stems: set[str] = set()
    for pic in el.iter(*PICTURES):
        # The parser may put a <picture>'s <img> inside its last <source>.
        if pic.tag == "img" and inside(pic, el, ("picture",)):
            continue
        stem = stem_of(pic)
        if stem is not None and not inside(pic, el, ("noscript",)):
            stems.add(stem)
            if len(stems) > 1:
                break
    return stems


def source_stem(pic: lxml.html.HtmlElement) -> str | None:
    """The name of the picture ``pic`` shows once loaded (None: it names only placeholders)."""
    source = real_source(pic)
    return picture_stem(source) if source is not None else None


def inside(el: lxml.html.HtmlElement, top: lxml.html.HtmlElement, tags: tuple[str, ...]) -> bool:
    """Whether ``el`` lies inside an element of ``tags`` below ``top``."""
    for a in el.iterancestors():
        if a is top:
            return False
        if a.tag in tags:
            return True
    return False


def picture_stem(url: str) -> str:
    """A picture's file name without extension and size suffix, lower case ("olive-bread-14854")."""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return re.sub(r"-\d+x\d+$", "", name)
