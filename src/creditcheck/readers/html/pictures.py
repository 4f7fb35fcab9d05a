"""Which pictures on a page need a credit: the article's own, not page furniture or other stories.

Only the story's editorial pictures (lead, body, gallery, product cards inside the article) need
a credit. A page shows many others: logos, icons, avatars and author portraits, tracking pixels
and spinners, ads and partner banners, share buttons and rating stars, site-wide sliders, and
the thumbnails of other stories in teaser lists, related and most-read boxes. ``PictureJudge``
tells them apart for one page from the markup newsrooms use for them, in three steps:

- the picture itself: decorative by its role, size, class, file name or alt text, or only a
  lazy-loading placeholder;
- where it sits: inside page furniture (an author box, a sidebar or widget, an ad, a share
  bar, the page's own header or footer) that does not hold the story;
- what it links to: a teaser card, the smallest part of the page around the picture whose
  headline, overlay link or the link around the picture leads to one other page of the same
  site. A teaser's text is another story's too: the walker skips the whole card, so a credit
  on a teaser is not read as this article's.

The story is the ``<article>`` (or ``itemprop=articleBody``, ``<main>``, a content class)
holding the page's ``<h1>`` or most of its text; the elements around it are never furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from creditcheck.readers import decorative_name
from creditcheck.readers.html.elements import CONTENT_CLASS, HOLDS_STORY, PICTURE_HREF, classes, decorative

PICTURES = ("img", "picture", "video")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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
# A teaser card holds a headline, a kicker and a line or two of summary; more text than this
# is a story (or a list of teasers), never one card.
CARD_TEXT = 600
# How far above a picture its teaser card may start.
CARD_DEPTH = 8

# The words of class and id names (split at separators and camelCase: "printLogo",
# "author-avatar__media", "writerProfile") that name page furniture around a picture.
FURNITURE_WORDS = frozenset(
    {
        # logos, avatars and author boxes (icons: see _ICONS)
        "logo",
        "logos",
        "avatar",
        "avatars",
        "gravatar",
        "emoji",
        "sprite",
        "badge",
        "badges",
        "author",
        "authors",
        "autor",
        "autores",
        "autorin",
        "autoren",
        "auteur",
        "autore",
        "autori",
        "byline",
        "profile",
        "bio",
        "userinfo",
        "username",
        # ads, sponsors and promotions
        "sponsor",
        "sponsors",
        "sponsored",
        "sponsoren",
        "partner",
        "partners",
        "advert",
        "adverts",
        "advertisement",
        "advertorial",
        "ad",
        "ads",
        "anzeige",
        "werbung",
        "promo",
        "promotion",
        "promoted",
        # buttons, classified ads, sharing, rating, comments, navigation, loading
        "button",
        "buttons",
        "btn",
        "classified",
        "classifieds",
        "share",
        "sharing",
        "social",
        "addthis",
        "sharethis",
        "rating",
        "ratings",
        "comment",
        "comments",
        "newsletter",
        "pagination",
        "pager",
        "breadcrumb",
        "breadcrumbs",
        "menu",
        "nav",
        "navbar",
        "navigation",
        "spinner",
        "loader",
    }
)
# Compound words ending in one of these ("noavatar", "postprofile", "sitelogo", "socialicons",
# "unternavi", "mainmenu").
FURNITURE_ENDINGS = ("avatar", "profile", "logo", "logos", "icon", "icons", "nav", "navi", "menu")
# The same for the folders and file names of pictures ("navigationsicons/", "Hauptnavi_off.jpg");
# a snow "profile" or a "profile" photo is a picture like any other.
_FURNITURE_PATH = re.compile(r"[a-z0-9](?:avatars?|logos?|icons?|navi?|menu)(?![a-z0-9])", re.I)
# The page's own header by its whole name, where the story is not known.
SITE_HEADER = frozenset({"header", "masthead", "site header", "page header", "global header"})
# A box of icons is furniture, but a gallery's items are "gallery-icon" in a common gallery markup.
_ICONS = frozenset({"icon", "icons"})
# Furniture only outside the story: a page header's slider is site-wide, a story's is a gallery;
# a sidebar's widget is furniture, a "widget" inside the story may be how its CMS shows the lead.
OUTER_WORDS = frozenset(
    {
        "header",
        "masthead",
        "footer",
        "banner",
        "slider",
        "slideshow",
        "carousel",
        "sidebar",
        "widget",
        "widgets",
    }
)
# An element with this much text, or the page's <h1>, holds the story, whatever its class says
# ("layoutTwoColumnsRightSidebar", "c-fixed-sidebar-layout" wrap the whole page).
STORY_TEXT = 2500
# Boxes of other stories: related, read-next, see-also, most-read, trending lists. Whole parts
# of a class name only: "relatedPhoto" is the story's own photo.
OTHER_STORIES = re.compile(
    r"(?:^|[\s_-])(?:related|relateds|relacionad\w*|recommend\w*|recirc|read-next|readnext|"
    r"keep-reading|see-also|seealso|lo-mas-visto|lomasvisto|most-(?:read|popular|viewed|shared)|"
    r"mostread|mostpopular|more-(?:news|stories|articles)|trending|teaser-?list|news-list|"
    r"article-list|post-list)(?:$|[\s_-])",
    re.I,
)
# "c-teaser__header" → c teaser header; "printLogo" → print logo; "AdvSignIn" → adv sign in.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Names of pictures that are only a loading placeholder or a tracking pixel (a "pixel-8.jpg" is
# a photo of a phone: pixels, blanks and dots only as small GIF or PNG files).
_PLACEHOLDER = re.compile(
    r"(?:^|[-_.])(?:spinner|loader|loading|lazy\w*|placeholders?|transparent|shim|spacer|tracking|"
    r"beacon)(?:[-_.\d]|$)|"
    r"(?:^|[-_.])(?:pixel|pxl|px|1px|1x1|blank|empty|clear|clearpixel|dot|trans)(?:[-_.]\w+)?\.(?:gif|png)$",
    re.I,
)
_PLACEHOLDER_DIR = re.compile(r"/placeholders?/", re.I)
_ADDRESS = re.compile(r"[^\s{}'\"<>]+")
_PATH_END = re.compile(r"[?#]")
# A path segment that identifies a story: five or more characters with a digit, not a date
# ("367061", "leaders-meet-100.html", "20241203-OYT1T50078"; not "2024-12" or "20241203").
_STORY_ID = re.compile(r"(?=[^/]*\d)(?!\d{4}-\d\d(?:-\d\d)?$|\d{8}$)[\w.,;~-]{5,}")
# A link to an author's or staff member's page: the picture in it is their portrait.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor|autoren|autorin|autorinnen|auteurs?|autores?|autori|staff|journalists?|"
    r"reporters?|columnists?|redakteure?)/",
    re.I,
)
# A link to a picture file, with or without a query ("photo.jpg&MaxW=900" on some CMSs).
_PICTURE_LINK = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:[?#&;]|$)", re.I)
_ALT_FURNITURE = re.compile(r"\b(?:logo|icon|button|avatar|emoji)\b", re.I)
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)px", re.I)
_SECOND_LEVEL = re.compile(r"^(?:co|com|net|org|gov|edu|ac|or|ne|go)$")


def words(names: str) -> frozenset[str]:
    """The lower-case words of class and id names."""
    return frozenset(w.lower() for w in _WORD.findall(names))


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


def _furniture_path(url: str) -> bool:
    """Whether a picture's folders or file name are compounds naming furniture.

    "navigationsicons/", "socialicons/", "statusicon/", "Hauptnavi_off.jpg": a bare "icon/"
    folder may hold a site's thumbnails, a compound says what the pictures are for.
    """
    return _FURNITURE_PATH.search(url.split("?", 1)[0].split("#", 1)[0]) is not None


def _awaits_picture(pic: lxml.html.HtmlElement) -> bool:
    """Whether a placeholder stands in for a photo a script loads.

    A lazy-loading class says so, and so does a photo's size: a tracking pixel or a spinner has
    no size, or a tiny one.
    """
    img = pic if pic.tag != "picture" else next(pic.iter("img"), pic)
    if "lazy" in (img.get("class") or "").lower():
        return True
    sizes = [(img.get(attr) or "").removesuffix("px") for attr in ("width", "height")]
    return all(size.isdigit() and int(size) > 50 for size in sizes)


def _site(host: str) -> str:
    """A host's site: its last two labels, three under a country's second level (co.uk)."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and _SECOND_LEVEL.match(labels[-2]):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


class PictureJudge:
    """Which picture elements of one page need a credit, and which parts are other stories."""

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self.root = root
        self._story: tuple[lxml.html.HtmlElement | None, set[lxml.html.HtmlElement]] | None = None
        self._address: _Address | None = None  # read when a link is first judged
        self._words: dict[lxml.html.HtmlElement, frozenset[str]] = {}
        self._furniture: dict[lxml.html.HtmlElement, bool] = {}
        self._pages: dict[str, str | None] = {}
        self._boxes: dict[lxml.html.HtmlElement, _Box | None] = {}
        # Teaser cards and boxes of other stories, found from the pictures they show; a page
        # whose links to its other pages are all in its navigation shows no teaser.
        self.other_stories: set[lxml.html.HtmlElement] = set()
        if any(self._other_page(a.get("href")) is not None for a in _elements(_LINKS_OUTSIDE_NAV(root))):
            for pic in _elements(_SHOWN_PICTURES(root)):
                card = self._card(pic)
                if card is not None:
                    self.other_stories.add(card)

    @property
    def story(self) -> lxml.html.HtmlElement | None:
        """The element holding the story (found when first asked)."""
        return self._story_and_path()[0]

    @property
    def story_path(self) -> set[lxml.html.HtmlElement]:
        """The story and everything around it: these are never furniture or a teaser."""
        return self._story_and_path()[1]

    def _story_and_path(self) -> tuple[lxml.html.HtmlElement | None, set[lxml.html.HtmlElement]]:
        if self._story is None:
            story = find_story(self.root)
            self._story = (story, {story, *story.iterancestors()} if story is not None else set())
        return self._story

    # --- the walker's questions ----------------------------------------------------------------

    def holds_story(self, el: lxml.html.HtmlElement) -> bool:
        """Whether ``el`` holds the story (where it is not known: any article or main part)."""
        if self.story is None:
            return bool(HOLDS_STORY(el))
        return el in self.story_path

    def other_story(self, el: lxml.html.HtmlElement, names: str) -> bool:
        """Whether ``el`` is another story's teaser card or a box of other stories (not read)."""
        if el in self.other_stories:
            return True
        if not names or el in self.story_path or OTHER_STORIES.search(names) is None:
            return False
        return not self._holds_page(el)

    def needs_credit(self, pic: lxml.html.HtmlElement) -> bool:
        """Whether a picture element is one of the article's own, which needs a credit."""
        if decorative(pic) or self._decorative(pic):
            return False
        return not any(a in self.other_stories or self._is_furniture(a) for a in self._around(pic))

    # --- the picture itself --------------------------------------------------------------------

    def _decorative(self, pic: lxml.html.HtmlElement) -> bool:
        source = real_source(pic)
        if source is None:
            # No address at all (a <picture> or <video> a script fills in), a lazy-loading class
            # or a photo's size over a placeholder: a picture still, whose address the page lacks.
            return any(True for _ in picture_sources(pic)) and not _awaits_picture(pic)
        if "staticmap" in source.lower():  # a map service's rendered map, not a photo
            return True
        if decorative_name(source) or _furniture_path(source):
            return True
        style = pic.get("style") or ""
        if any(int(size) <= 50 for size in _STYLE_SIZE.findall(style)):
            return True
        alt = " ".join((pic.get("alt") or "").split())
        if len(alt.split()) <= 4 and _ALT_FURNITURE.search(alt) is not None:
            return True
        # A picture named after the site ("fairkom" on fairkom.eu, og:site_name) is its logo.
        return len(alt) >= 3 and alt.lower() in self._page_address().names

    # --- where it sits -------------------------------------------------------------------------

    def _around(self, pic: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
        """The elements around a picture up to the story (or the body): where furniture can be."""
        story_path = self.story_path
        for a in pic.iterancestors():
            if a in story_path or a.tag in ("body", "html"):
                return
            yield a

    def _names(self, el: lxml.html.HtmlElement) -> frozenset[str]:
        found = self._words.get(el)
        if found is None:
            found = self._words[el] = words(classes(el)) if el.keys() else frozenset()
        return found

    def _is_furniture(self, el: lxml.html.HtmlElement) -> bool:
        known = self._furniture.get(el)
        if known is None:
            known = self._furniture[el] = self._furniture_element(el)
        return known

    def _furniture_element(self, el: lxml.html.HtmlElement) -> bool:
        tag = el.tag
        if tag == "a":
            return _AUTHOR_PAGE.search(el.get("href") or "") is not None
        role = el.get("role") or ""
        if tag in ("footer", "aside") or role in ("contentinfo", "complementary", "navigation"):
            return el.find(".//h1") is None
        names = self._names(el)
        if not names and tag != "header":
            return False
        if self._holds_page(el):
            return False
        if names & FURNITURE_WORDS or (names & _ICONS and "gallery" not in names):
            return True
        if any(len(w) > 6 and w.endswith(FURNITURE_ENDINGS) for w in names):
            return True
        # The page's own header, slider or sidebar is furniture; the story's (its lead picture,
        # its gallery) is not. Without a known story only the <header> element is taken.
        if self.story is None:
            whole = " ".join(w.lower() for w in _WORD.findall(el.get("id") or ""))
            return tag == "header" or whole in SITE_HEADER or bool(names & OUTER_WORDS - SITE_HEADER)
        if self._in_story(el):
            return False
        return tag == "header" or role == "banner" or bool(names & OUTER_WORDS)

    @staticmethod
    def _holds_page(el: lxml.html.HtmlElement) -> bool:
        """Whether an element holds the page's headline or a story's worth of text."""
        return el.find(".//h1") is not None or _text_over(el, STORY_TEXT)

    def _in_story(self, el: lxml.html.HtmlElement) -> bool:
        # The first of its ancestors on the way to the page's root that holds the story.
        for a in el.iterancestors():
            if a in self.story_path:
                return a is self.story
        return False

    # --- what it links to ----------------------------------------------------------------------

    def _card(self, pic: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        """The teaser card a picture is the thumbnail of, if any.

        That is the widest part of the page above the picture that shows no other picture and
        not the page's headline, whose card links all lead to one other page of the site, and
        whose text is a card's: a headline at least, a short summary at most. What a part of
        the page holds is worked out once for all the pictures in it (``_box``).
        """
        stem = _stem(real_source(pic) or "")
        story_path = self.story_path
        node, card, card_text, headlined = pic, None, 0, False
        targets: frozenset[str] = frozenset()
        for _ in range(CARD_DEPTH):
            parent = node.getparent()
            if parent is None or parent in story_path or parent.tag in ("body", "html"):
                break
            box = self._box(parent)
            if box is None or (box.stem is not None and box.stem != stem):
                break  # too much text, the page's headline, or another picture: not one card
            around = self._other_page(parent.get("href")) if parent.tag == "a" else None
            found = targets | box.targets | ({around} if around else frozenset())
            if len(found) > 1:
                break  # a list of cards: the card ends below
            node, targets, headlined = parent, found, headlined or bool(box.targets)
            if found:
                card, card_text = parent, box.text
        # A gallery's thumbnail linking to the photo's own page has no headline, and a picture
        # with a caption linking to its photo page has a caption: neither is a teaser.
        if card is None or card_text < 10 or (not headlined and _has_caption(card)):
            return None
        return card

    def _box(self, el: lxml.html.HtmlElement) -> _Box | None:
        """What a part of the page holds, for the teaser cards (None: it cannot be one)."""
        if el in self._boxes:
            return self._boxes[el]
        box: _Box | None = None
        text = _text_length(el)
        if text <= CARD_TEXT and el.tag != "h1" and el.find(".//h1") is None:
            stems = _picture_stems(el)
            if len(stems) <= 1:
                box = _Box(text, next(iter(stems), None), frozenset(self._card_targets(el)))
        self._boxes[el] = box
        return box

    def _card_targets(self, box: lxml.html.HtmlElement) -> set[str]:
        """The other pages the headline and overlay links in ``box`` lead to."""
        found = set()
        for link in box.iter("a"):
            target = self._other_page(link.get("href"))
            if target is not None and _card_link(link, box):
                found.add(target)
        return found

    def _other_page(self, href: str | None) -> str | None:
        """The page of this site a link leads to, when it is another page than this one.

        Not another page: an anchor or script, a picture file (a lightbox), the home page (a
        logo, a pin button), this page and the pages under it (a picture's attachment page, a
        gallery's photo pages), another site (an ad, a shop).
        """
        key = href or ""
        if key not in self._pages:
            self._pages[key] = self._page_of(key.strip())
        return self._pages[key]

    def _page_address(self) -> _Address:
        if self._address is None:
            self._address = _Address(self.root)
        return self._address

    def _page_of(self, href: str) -> str | None:
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")) or _PICTURE_LINK.search(href):
            return None
        address = self._page_address()
        if href.startswith("/") and not href.startswith("//"):
            path = _PATH_END.split(href, 1)[0].rstrip("/")  # most links: a path on this site
        else:
            parts = urlsplit(urljoin(address.url, href))
            if parts.scheme not in ("http", "https", ""):
                return None
            if parts.hostname and address.site and _site(parts.hostname) != address.site:
                return None
            path = parts.path.rstrip("/")
        own = address.path
        if not path or "attachment" in href or (own and (path == own or path.startswith(own + "/"))):
            return None
        if address.ids and not address.ids.isdisjoint(path.split("/")):
            return None  # "/articles/image/sports/367061/2871" is a photo page of story 367061
        return path


def _card_link(link: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    """A teaser's own link beside its picture: a headline's link, or an overlay with no text.

    A heading only screen readers get ("element-invisible", "sr-only") names the picture's
    file or the section, not another story.
    """
    for a in link.iterancestors():
        if a.tag in HEADINGS and a.tag != "h1":
            return not _screen_reader_only(a)
        if a is box:
            break
    if any(d.tag in HEADINGS for d in link.iterdescendants()):
        return True
    # An overlay: an empty link laid over the whole card.
    return len(link) == 0 and not (link.text or "").strip()


_SCREEN_READER = re.compile(r"element-invisible|sr-only|visually-?hidden|screen-?reader|a11y|hidden", re.I)


def _screen_reader_only(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or _SCREEN_READER.search(el.get("class") or "") is not None


def _has_caption(card: lxml.html.HtmlElement) -> bool:
    """Whether a picture's box has a caption of its own (not a teaser's text inside its link)."""
    for el in card.iter():
        named = el.tag == "figcaption" or "caption" in (el.get("class") or "").lower()
        if named and not any(a.tag == "a" for a in _up_to(el, card)):
            return True
    return False


def _up_to(el: lxml.html.HtmlElement, top: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """``el`` and its ancestors below ``top``."""
    while el is not None and el is not top:
        yield el
        el = el.getparent()


def _picture_stems(el: lxml.html.HtmlElement) -> set[str]:
    """The names of the pictures ``el`` shows (two at most: more is a list, not a card).

    The <img> of a <picture> and a <noscript> copy for browsers without scripts are the same
    picture; so are its crops and sizes (one name). A <picture> in ``el`` counts as itself.
    """
    stems: set[str] = set()
    for pic in el.iter(*PICTURES):
        # The parser may put a <picture>'s <img> inside its last <source>.
        if pic.tag == "img" and _inside(pic, el, ("picture",)):
            continue
        source = real_source(pic)
        if source is not None and not _inside(pic, el, ("noscript",)):
            stems.add(_stem(source))
            if len(stems) > 1:
                break
    return stems


def _inside(el: lxml.html.HtmlElement, top: lxml.html.HtmlElement, tags: tuple[str, ...]) -> bool:
    """Whether ``el`` lies inside an element of ``tags`` below ``top``."""
    for a in el.iterancestors():
        if a is top:
            return False
        if a.tag in tags:
            return True
    return False


# The length of an element's text with its runs of white space as one (libxml2 counts it).
_TEXT_LENGTH = lxml.etree.XPath("string-length(normalize-space(.))")


def _text_length(el: lxml.html.HtmlElement) -> int:
    found = _TEXT_LENGTH(el)
    return int(found) if isinstance(found, float) else 0


def _text_over(el: lxml.html.HtmlElement, limit: int) -> bool:
    """Whether an element's text (scripts aside) is longer than ``limit`` characters."""
    total = 0
    for text in el.itertext():
        total += len(text.strip())
        if total > limit:
            return True
    return False


def _stem(url: str) -> str:
    """A picture's file name without extension and size suffix, lower case ("olive-bread-14854")."""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return re.sub(r"-\d+x\d+$", "", name)


_STORY_XPATH = lxml.etree.XPath("//*[@itemprop='articleBody']")
_MAIN_XPATH = lxml.etree.XPath("//main | //*[@role='main']")
# Elements whose class may name the story's content (the regex decides).
_CONTENT_XPATH = lxml.etree.XPath(
    "//*[contains(translate(@class, 'BCDENOTY', 'bcdenoty'), 'content') or "
    "contains(translate(@class, 'BCDENOTY', 'bcdenoty'), 'body')]"
)
# The links a teaser may hold: not those of the page's navigation menus.
_LINKS_OUTSIDE_NAV = lxml.etree.XPath("//a[@href][not(ancestor::nav)]")
# The pictures a browser shows: a <noscript> copy is for browsers without scripts, and the
# <img> of a <picture> is that picture.
_SHOWN_PICTURES = lxml.etree.XPath(
    "//img[not(ancestor::noscript)][not(ancestor::picture)] | //picture[not(ancestor::noscript)]"
    " | //video[not(ancestor::noscript)]"
)


def find_story(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the story: its ``<article>``, else its body, ``<main>`` or content box.

    ``itemprop=articleBody`` names the body; its article, or the part of the page that also
    holds the headline, holds the lead picture or gallery too. Else the ``<article>`` around
    the page's ``<h1>``, else the ``<article>`` with the most text; else ``<main>``; else an
    element with a content class, widened like the body to hold the headline.
    """
    body = _first_element(_STORY_XPATH(root))
    h1 = next(root.iter("h1"), None)
    if body is not None:
        article = next(body.iterancestors("article"), None)
        return article if article is not None else _with_headline(body, h1)
    article = next(h1.iterancestors("article"), None) if h1 is not None else None
    if article is not None:
        return article
    # The <article> with the most text, unless all of several are teasers (a story is more
    # than a card).
    articles = [(_text_length(a), a) for a in root.iter("article")]
    longest = max(articles, key=lambda pair: pair[0], default=None)
    if longest is not None and (longest[0] > CARD_TEXT or len(articles) == 1):
        return longest[1]
    main = _first_element(_MAIN_XPATH(root))
    if main is not None:
        return main
    return next(
        (el for el in _elements(_CONTENT_XPATH(root)) if CONTENT_CLASS.search(el.get("class", ""))), None
    )


def _with_headline(body: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement:
    """The story's body widened to hold its headline too (and so its lead picture or gallery)."""
    if h1 is None:
        return body
    holders = {id(a) for a in h1.iterancestors()}
    for a in body.iterancestors():
        if id(a) in holders:
            return a if a.tag not in ("body", "html") else body
    return body


def _elements(found: object) -> list[lxml.html.HtmlElement]:
    """The elements of an XPath result."""
    return [el for el in found if isinstance(el, lxml.etree._Element)] if isinstance(found, list) else []


def _first_element(found: object) -> lxml.html.HtmlElement | None:
    return next(iter(_elements(found)), None)


@dataclass(frozen=True, slots=True)
class _Box:
    """A part of the page that may be a teaser card.

    Its text's length, the name of the one picture it shows (None: none), and the other pages
    its headline and overlay links lead to.
    """

    text: int
    stem: str | None
    targets: frozenset[str]


class _Address:
    """The page's own address (canonical link or og:url), its path, its site and its ids.

    Without an address, the site is the one most of the page's links lead to. The ids are the
    story's in its address ("367061", "20241203-OYT1T50078"): a page whose address holds one
    of them belongs to this story (its photo page, its gallery).
    """

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        canonical = og_url = ""
        self.names: set[str] = set()  # the site's names: og:site_name, its domain's first label
        for el in root.iter("link", "meta"):
            prop = el.get("property")
            if el.tag == "link" and "canonical" in (el.get("rel") or "").lower().split():
                canonical = canonical or (el.get("href") or "").strip()
            elif prop == "og:url":
                og_url = og_url or (el.get("content") or "").strip()
            elif prop == "og:site_name" and (el.get("content") or "").strip():
                self.names.add(" ".join((el.get("content") or "").split()).lower())
        self.url = url = canonical or og_url
        self.path = urlsplit(url).path.rstrip("/")
        self.ids = {part for part in self.path.split("/") if _STORY_ID.fullmatch(part)}
        host = urlsplit(url).hostname if url else None
        self.site = _site(host) if host else _most_linked_site(root)
        if self.site:
            self.names.add(self.site.split(".", 1)[0])


def _most_linked_site(root: lxml.html.HtmlElement) -> str:
    counts: dict[str, int] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href.startswith(("http:", "https:", "//")):
            host = urlsplit(href).hostname
            if host:
                counts[_site(host)] = counts.get(_site(host), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""
