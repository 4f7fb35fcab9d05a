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
from urllib.parse import SplitResult, urljoin, urlsplit

import lxml.html

from creditcheck.readers import decorative_name
from creditcheck.readers.html.card_boxes import CardBoxes
from creditcheck.readers.html.elements import HOLDS_STORY, classes, decorative, names_test
from creditcheck.readers.html.picture_files import (
    awaits_picture,
    empty_slot,
    furniture_path,
    noscript_originals,
    picture_sources,
    picture_stem,
    real_source,
    theme_file,
)
from creditcheck.readers.html.picture_walls import is_wall, wall_of
from creditcheck.readers.html.story import PageAddress, find_story, page_tops, site_of

# How far above a picture its teaser card may start.
CARD_DEPTH = 8

# The words of class and id names (split at separators and camelCase: "printLogo",
# "author-avatar__media", "writerProfile") that name page furniture around a picture.
# fmt: off
FURNITURE_WORDS = frozenset({
    # logos, avatars and author boxes (icons: see _ICONS)
    "logo", "logos", "avatar", "avatars", "gravatar", "emoji", "sprite", "badge", "badges",
    "reaction", "reactions",
    "author", "authors", "autor", "autores", "autorin", "autoren", "auteur", "autore", "autori",
    "byline", "profile", "bio", "userinfo", "username",
    # ads, sponsors and promotions
    "sponsor", "sponsors", "sponsored", "sponsoren", "partner", "partners", "advert", "adverts",
    "advertisement", "advertorial", "ad", "ads", "anzeige", "werbung", "promo", "promotion",
    "promoted",
    # buttons, classified ads, sharing, rating, comments, navigation, loading
    "button", "buttons", "btn", "classified", "classifieds", "share", "sharing", "social",
    "addthis", "sharethis", "rating", "ratings", "comment", "comments", "newsletter",
    "pagination", "pager", "breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "navigation",
    "spinner", "loader",
})
# fmt: on
# Compound words ending in one of these ("noavatar", "postprofile", "sitelogo", "socialicons",
# "unternavi", "mainmenu").
FURNITURE_ENDINGS = ("avatar", "profile", "logo", "logos", "icon", "icons", "nav", "navi", "menu")
# The page's own header by its whole name, where the story is not known.
SITE_HEADER = frozenset({"header", "masthead", "site header", "page header", "global header"})
# A box of icons is furniture, but a gallery's items are "gallery-icon" in a common gallery markup.
_ICONS = frozenset({"icon", "icons"})
# Furniture only outside the story: a page header's slider is site-wide, a story's is a gallery;
# a sidebar's widget is furniture, a "widget" inside the story may be how its CMS shows the lead.
# fmt: off
OUTER_WORDS = frozenset({
    "header", "masthead", "footer", "banner", "slider", "slideshow", "carousel", "sidebar",
    "widget", "widgets",
})
# fmt: on
# An element with this much text, or the page's <h1>, holds the story, whatever its class says
# ("layoutTwoColumnsRightSidebar", "c-fixed-sidebar-layout" wrap the whole page).
STORY_TEXT = 2500
# Boxes of other stories: related, read-next, see-also, most-read, trending lists. Whole parts
# of a class name only: "relatedPhoto" is the story's own photo.
OTHER_STORIES = re.compile(
    r"(?:^|[\s_-])(?:related|relateds|relacionad\w*|recommend\w*|recirc|read-next|readnext|"
    r"keep-reading|see-also|seealso|lo-mas-visto|lomasvisto|most-(?:read|popular|viewed|shared)|"
    r"mostread|mostpopular|more-(?:news|stories|articles)|similar|trending|teaser-?list|news-list|"
    r"article-list|post-list)(?:$|[\s_-])",
    re.I,
)
# "c-teaser__header" → c teaser header; "printLogo" → print logo; "AdvSignIn" → adv sign in.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_PATH_END = re.compile(r"[?#]")
# A link to an author's or staff member's page: the picture in it is their portrait.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor|autoren|autorin|autorinnen|auteurs?|autores?|autori|staff|journalists?|"
    r"reporters?|columnists?|redakteure?)/",
    re.I,
)
# A link to a member's page: a photographer's or a writer's, never a story.
_PERSON_PAGE = re.compile(r"/(?:users?|members?|profiles?)/", re.I)
# A link to a picture file, with or without a query ("photo.jpg&MaxW=900" on some CMSs).
_PICTURE_LINK = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:[?#&;]|$)", re.I)
_ALT_FURNITURE = re.compile(r"\b(?:logo|icon|button|avatar|emoji)\b", re.I)
# A teaser: a card or slider of cards pointing to other stories ("article-teaser", "imgTeaserL").
_TEASER = frozenset({"teaser", "teasers"})
# A gallery's strip of thumbnails: small copies of the pictures the gallery shows large.
_THUMB_STRIP = frozenset({"thumbnails", "thumbs"})
_OTHER_STORIES_NAMES = names_test(OTHER_STORIES)  # asked of most elements the walk reads
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)px", re.I)


def words(names: str) -> frozenset[str]:
    """The lower-case words of class and id names."""
    return frozenset(w.lower() for w in _WORD.findall(names))


class PictureJudge:
    """Which picture elements of one page need a credit, and which parts are other stories."""

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self.root = root
        self._story: tuple[lxml.html.HtmlElement | None, set[lxml.html.HtmlElement]] | None = None
        self._address: PageAddress | None = None  # read when a link is first judged
        self._words: dict[lxml.html.HtmlElement, frozenset[str]] = {}
        self._furniture: dict[lxml.html.HtmlElement, bool] = {}
        self._pages: dict[str, str | None] = {}
        self._boxes = CardBoxes()
        self._teasers: dict[lxml.html.HtmlElement, bool] = {}
        self._walls: dict[lxml.html.HtmlElement, bool] = {}
        # Teaser cards and boxes of other stories, found from the pictures they show; a page
        # whose links to its other pages are all in its navigation shows no teaser.
        self.other_stories: set[lxml.html.HtmlElement] = set()
        if self._links_elsewhere():
            self._boxes.mark_links(page_tops(root), self._other_page)
            for pic in _shown_pictures(root):
                card = self._card(pic)
                if card is not None:
                    self.other_stories.add(card)

    def _links_elsewhere(self) -> bool:
        """Whether a link outside the page's navigation menus leads to another page of the site."""
        # The menu around a link is looked for before where it leads: menus hold most of a
        # page's links to its other pages, and the card search reads only the links a card
        # could lead by, not these. A broken page may hold a second <html> beside the first:
        # its links count too.
        root = self.root
        tops = (*root.itersiblings(preceding=True), root, *root.itersiblings())
        return any(
            next(a.iterancestors("nav"), None) is None and self._other_page(a.get("href")) is not None
            for top in tops
            for a in top.iter("a")
        )

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
        if not names or el in self.story_path:
            return False
        if not _OTHER_STORIES_NAMES(names):
            # Most elements the walker asks about are not teasers: a substring test first.
            return "teaser" in names.lower() and self._teaser(el)
        return not self._holds_page(el)

    def needs_credit(self, pic: lxml.html.HtmlElement) -> bool:
        """Whether a picture element is one of the article's own, which needs a credit."""
        if decorative(pic) or self._decorative(pic) or self._in_wall(pic):
            return False
        # A <noscript> copy is the picture shown beside it: furniture when that is.
        shown = noscript_originals(pic)
        if shown and all(real_source(p) is not None and self._decorative(p) for p in shown):
            return False
        return not any(
            a in self.other_stories or self._is_furniture(a) or self._teaser(a) or self._thumb_strip(a, pic)
            for a in self._around(pic)
        )

    # --- the picture itself --------------------------------------------------------------------

    def _decorative(self, pic: lxml.html.HtmlElement) -> bool:
        source = real_source(pic)
        if source is None:
            # No address at all (a <picture> or <video> a script fills in), a lazy-loading class
            # or a photo's size over a placeholder: a picture still, whose address the page lacks.
            named = any(True for _ in picture_sources(pic))
            return (named or empty_slot(pic)) and not awaits_picture(pic)
        if "staticmap" in source.lower():  # a map service's rendered map, not a photo
            return True
        if decorative_name(source) or furniture_path(source) or theme_file(source):
            return True
        style = pic.get("style") or ""
        if any(int(size) <= 50 for size in _STYLE_SIZE.findall(style)):
            return True
        alt = " ".join((pic.get("alt") or "").split())
        if len(alt.split()) <= 4 and _ALT_FURNITURE.search(alt) is not None:
            return True
        # A picture named after the site ("fairkom" on fairkom.eu, og:site_name) is its logo.
        return len(alt) >= 3 and alt.lower() in self._page_address().names

    def _in_wall(self, pic: lxml.html.HtmlElement) -> bool:
        """Whether a small picture stands in a wall of them: a logo wall, a team grid."""
        group = wall_of(pic, self.story_path.__contains__)
        if group is None:
            return False
        known = self._walls.get(group)
        if known is None:
            # Logos by their file name and tiny icons are furniture anyway: the others count.
            known = self._walls[group] = is_wall(group, lambda p: not (decorative(p) or self._decorative(p)))
        return known

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
            return next(el.iterdescendants("h1"), None) is None
        names = self._names(el)
        if not names and tag != "header":
            return False
        # An element holding the page's headline or a story's text is never furniture; its text
        # is counted last, for the few elements whose names say furniture.
        return self._named_furniture(el, tag, role, names) and not self._holds_page(el)

    def _named_furniture(self, el: lxml.html.HtmlElement, tag: str, role: str, names: frozenset[str]) -> bool:
        """Whether an element's tag, role and names say furniture (what it holds aside)."""
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

    def _teaser(self, el: lxml.html.HtmlElement) -> bool:
        """Whether ``el`` is named a teaser and links to another page of the site: another story's.

        Some newsrooms call the story's own lead a teaser ("article__teaser"): that links nowhere
        else, or holds the page's headline.
        """
        known = self._teasers.get(el)
        if known is None:
            known = bool(self._names(el) & _TEASER) and not self._holds_page(el)
            known = known and any(self._story_link(a) for a in el.iter("a"))
            self._teasers[el] = known
        return known

    def _story_link(self, link: lxml.html.HtmlElement) -> bool:
        """Whether a link leads to another page of the site that is not a picture's own page.

        A link named after a picture file ("544d821c.jpg") leads to that file's page; a link to
        a person's page is a credit's or byline's ("Photo by: <a href=/users/jo-roe>").
        """
        href = link.get("href") or ""
        if self._other_page(href) is None or _AUTHOR_PAGE.search(href) or _PERSON_PAGE.search(href):
            return False
        return _PICTURE_LINK.search(" ".join(link.itertext()).strip()) is None

    def _thumb_strip(self, el: lxml.html.HtmlElement, pic: lxml.html.HtmlElement) -> bool:
        """Whether ``el`` is a gallery's thumbnail strip beside the gallery's large pictures.

        The thumbnails (two or more, without captions) repeat the pictures the gallery shows
        (and credits) large: one credit each, not two findings. A gallery shown only as
        thumbnails is the gallery itself.
        """
        if el.tag == "figure" or not self._names(el) & _THUMB_STRIP:
            return False  # a figure "thumbnails-left" is a layout of the story's own pictures
        strip = [p for p in el.iter("img", "picture") if not decorative(p)]
        parent = el.getparent()
        if parent is None or len(strip) < 2 or _has_caption(el):
            return False
        return any(
            other is not pic and el not in other.iterancestors() and not decorative(other)
            for other in parent.iter("img", "picture")
        )

    @staticmethod
    def _holds_page(el: lxml.html.HtmlElement) -> bool:
        """Whether an element holds the page's headline or a story's worth of text."""
        return next(el.iterdescendants("h1"), None) is not None or _text_over(el, STORY_TEXT)

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
        the page holds is worked out once for all the pictures in it (``CardBoxes``).
        """
        boxes = self._boxes
        parents = self._card_parents(pic)
        # A card leads to another page: by a card link inside it or the link around the picture.
        # An element around one that may hold a card link may hold it too: the widest box says
        # for all of them.
        if not (parents and boxes.may_lead(parents[-1])) and not any(
            p.tag == "a" and self._other_page(p.get("href")) for p in parents
        ):
            return None
        # A picture that names only placeholders is compared as an empty address is named.
        known = boxes.stem(pic)
        stem = known if known is not None else picture_stem("")
        card, card_text, headlined = None, 0, False
        targets: frozenset[str] = frozenset()
        for parent in parents:
            box = boxes.box(parent, self._other_page)
            if box is None or (box.stem is not None and box.stem != stem):
                break  # too much text, the page's headline, or another picture: not one card
            around = self._other_page(parent.get("href")) if parent.tag == "a" else None
            found = targets | box.targets | ({around} if around else frozenset())
            if len(found) > 1:
                break  # a list of cards: the card ends below
            targets, headlined = found, headlined or bool(box.targets)
            if found:
                card, card_text = parent, box.text
        # A gallery's thumbnail linking to the photo's own page has no headline, and a picture
        # with a caption linking to its photo page has a caption: neither is a teaser.
        if card is None or card_text < 10 or (not headlined and _has_caption(card)):
            return None
        return card

    def _card_parents(self, pic: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        """The boxes above a picture its card may be: up to ``CARD_DEPTH``, below the story and body."""
        story_path = self.story_path
        found: list[lxml.html.HtmlElement] = []
        node = pic.getparent()
        while node is not None and len(found) < CARD_DEPTH and node not in story_path:
            if node.tag in ("body", "html"):
                break
            found.append(node)
            node = node.getparent()
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

    def _page_address(self) -> PageAddress:
        if self._address is None:
            self._address = PageAddress(self.root)
        return self._address

    def _page_of(self, href: str) -> str | None:
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")) or _PICTURE_LINK.search(href):
            return None
        if "lightbox" in href.lower():
            return None  # ".../content/view/lightboxBildernew/415206": the picture, enlarged
        address = self._page_address()
        if href.startswith("/") and not href.startswith("//"):
            path = _PATH_END.split(href, 1)[0].rstrip("/")  # most links: a path on this site
        else:
            simple = _simple_absolute(href)
            host: str | None
            if simple is not None:
                host, path = simple
            else:
                parts = _split_absolute(href) or _joined(address.url, href)
                if parts is None or parts.scheme not in ("http", "https", ""):
                    return None
                host, path = parts.hostname, parts.path
            if host and address.site and site_of(host) != address.site:
                return None
            path = path.rstrip("/")
        own = address.path
        if not path or "attachment" in href or (own and (path == own or path.startswith(own + "/"))):
            return None
        if address.ids and not address.ids.isdisjoint(path.split("/")):
            return None  # "/articles/image/sports/367061/2871" is a photo page of story 367061
        return path


def _joined(url: str, href: str) -> SplitResult | None:
    """The parts of ``href`` joined to the page's address (None: it cannot be read)."""
    try:
        return urlsplit(urljoin(url, href))
    except ValueError:
        return None  # "http://[ccpa-preferences]": a link that leads nowhere


# An absolute address of the form most links have: http(s), a host of ASCII letters, digits,
# dots and hyphens (no user, port or brackets), a path, then a query or fragment; no tab or
# line break (``urlsplit`` drops them) and no ";" parameters (joined, see ``_split_absolute``).
_SIMPLE_ABSOLUTE = re.compile(r"https?://([A-Za-z0-9.-]+)(/[^?#;\t\r\n]*)?(?:[?#][^;\t\r\n]*)?")


def _simple_absolute(href: str) -> tuple[str, str] | None:
    """The host name and path ``urlsplit`` gives an address of the simple form (None: not one).

    Most of a page's absolute links have that form; read by one pattern, not ``urlsplit``.
    """
    found = _SIMPLE_ABSOLUTE.fullmatch(href)
    if found is None:
        return None
    return found.group(1).lower(), found.group(2) or ""


def _split_absolute(href: str) -> SplitResult | None:
    """The parts of an absolute http(s) address, as joining it to the page's address gives them.

    ``urljoin`` keeps such an address as it is (or re-joins the same parts), and joining is
    most of the cost of reading a link; an address with ";" parameters is joined as before.
    """
    if not href.startswith(("http://", "https://")) or ";" in href:
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None  # joined as before (which refuses it too)
    return parts if parts.netloc else None


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


def _text_over(el: lxml.html.HtmlElement, limit: int) -> bool:
    """Whether an element's text (scripts aside) is longer than ``limit`` characters."""
    total = 0
    for text in el.itertext():
        total += len(text.strip())
        if total > limit:
            return True
    return False


def _shown_pictures(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The pictures a browser shows, in document order.

    A <noscript> copy is for browsers without scripts, and the <img> of a <picture> is that
    picture. Every element of the document counts (a broken page's second <html> too).
    """
    for top in page_tops(root):
        for pic in top.iter("img", "picture", "video"):
            hidden = _HIDE_IMG if pic.tag == "img" else _HIDE_PICTURE
            if next(pic.iterancestors(*hidden), None) is None:
                yield pic


_HIDE_IMG = ("noscript", "picture")
_HIDE_PICTURE = ("noscript",)
