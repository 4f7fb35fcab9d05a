"""missing-credit: an image or figure with no credit in its caption or credit field."""

from __future__ import annotations

import re
from collections.abc import Iterator

from creditcheck import lazyre
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.extract.vocabulary import COLLECTIVE_LABEL
from creditcheck.model import Attribution, Block, BlockKind, Finding, Severity

# A collective label right before the credit it heads: "Fotos: NAME und NAME", "Images: NAME |
# NAME", "… images by NAME", "Credits: NAME".
_LABEL_BEFORE = lazyre.compile(
    rf"(?:^|[\s(\[,;.\u2013\u2014-]){COLLECTIVE_LABEL}(?:\s+(?:by|courtesy\s+of|von))?\s*[:：|\u2013\u2014-]?\s*$",
    re.I,
)
# A block that is only the heading of a credits section ("Credits", "Bildnachweis:", "Image
# credits"), whose lines ("Foto: NAME", "Musik: …") follow it. A heading "Photos" or "Bilder"
# is a gallery's: its pictures' own credits follow it.
_SECTION_LABEL = lazyre.compile(
    r"\s*(?:(?:photo|image|picture|foto|bild)\s+)?(?:credits|bildnachweise?|fotonachweise?|bildquellen)"
    r"\s*[:：]?\s*",
    re.I,
)
# How many blocks after its heading a credits section runs (a few lines of credits).
SECTION_BLOCKS = 8

DOC = """\
An image has no photo credit. Where creditcheck looks for an image's credit depends on the
format: in HTML, the `<figure>`'s caption and credit elements, the caption element right after
a bare `<img>`, and `data-credit` attributes; in Markdown, the text after `![](…)` on its line,
the next paragraph, the image's title, or a front-matter image's `credit`; in plain text, the
line after an `[image: file.jpg]` placeholder. A picture is one finding, at its own tag.

A credit line the story gives once for all its pictures credits every picture that has none of
its own: a credit in the story's plain text (not a caption or credit element) after a label that
is plural or names pictures in general (`Fotos: NAME und NAME` before a gallery, `Images: NAME |
NAME`, `… images by NAME` or `Photos: AP, Reuters` at the end, `Credits:`, `Bildnachweis:`),
or in the few lines of a credits section under a heading that is only such a label (a
`Credits` or `Bildnachweis` heading over `Musik: …` and `Foto: NAME`, also when the section is
collapsed until the reader opens it; not a line right after a picture, which is its own).
Then no picture of the document raises `missing-credit`; the line itself is checked like any
credit. A singular label (`Foto:`, `Photo:`) right after a picture is that picture's credit
only. In HTML such a line counts only inside the story (its `<article>` or `<main>` when the
page marks one); the page's header, footer, sidebars and other stories' teasers are not read,
so a line there credits nothing.

Only the article's own pictures (lead, body, gallery, product cards in the story) are checked.
Not checked: icons, logos, avatars, buttons, tracking pixels and loading placeholders, tiny
and decorative images (`role="presentation"`, `aria-hidden`); in HTML also the pictures of
page furniture around the story (the page's own header and footer, sidebars and widgets,
author boxes, ads and sponsors, share, rating and reaction bars), the site theme's own
graphics (files under a `/themes/NAME/` folder), icons and logos by their folder (`ico/`,
`Logos/`, `company_logo/`) and arrow glyphs (`arrow_down_small.png`), walls of three or more
small pictures (at most 120 px, no captions, little text: client logos, a team's portraits),
empty `<img src="">` slots a script fills,
a gallery's strip of thumbnails beside its large pictures, and the thumbnails of other
stories (teaser cards, related, similar and most-read boxes, boxes named "teaser" that link
to another page of the site), whose credits are not read either.

Fails (published 2021-03-01):
    [image: summit.jpg]
    Leaders meet in Panmunjom.
Passes (published 2021-03-01):
    [image: summit.jpg]
    Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    credited = {a.image for a in ctx.credits if a.image is not None}
    uncredited = [image for image in ctx.doc.images if image.index not in credited]
    if not uncredited or _collective_credit(ctx.credits, ctx.doc.blocks):
        return
    for image in uncredited:
        what = quote(image.src) if image.src else "an image"
        yield check.finding(
            ctx,
            image.span,
            f"{what} has no photo credit: add the credit to its caption",
            image.src,
        )


def _collective_credit(credits: list[Attribution], blocks: tuple[Block, ...]) -> bool:
    """Whether the story credits all its pictures at once.

    That is a credit after a plural or general label ("Fotos:", "images by") in the story's own
    text, or in a credit element of no picture.
    """
    lines = {a.span.line for a in credits}
    if not lines:
        return False
    first, last = min(lines), max(lines)
    section = 0  # blocks left in the credits section under a label heading
    for block in blocks:
        # Plain text right after a picture is joined to it, but a plural label there is still
        # the whole story's ("… See more in the gallery, images by NAME"); a caption or credit
        # element is the story's only when it belongs to no picture.
        if not block.story or block.kind is BlockKind.BYLINE:
            continue
        if block.kind is not BlockKind.TEXT and block.image is not None:
            continue
        if block.kind is BlockKind.TEXT and _SECTION_LABEL.fullmatch(block.text):
            section = SECTION_BLOCKS
            continue
        section = max(section - 1, 0)
        if block.line > last or block.position(len(block.text)) < (first, 0):
            continue
        # A section's line credits no picture of its own (one after a picture is that one's).
        in_section = section > 0 and block.image is None
        for credit in credits:
            at = _offset(block, credit) if credit.image == block.image else -1
            if at >= 0 and (in_section or _LABEL_BEFORE.search(block.text, 0, at) is not None):
                return True
    return False


def _offset(block: Block, credit: Attribution) -> int:
    """Where ``credit`` stands in ``block`` (-1: not there)."""
    start = (credit.span.line, credit.span.column)
    key = credit.text[:20]
    at = block.text.find(key)
    while at >= 0:
        if block.position(at) == start:
            return at
        at = block.text.find(key, at + 1)
    return -1


CHECK: Check = Check("missing-credit", "CC205", Severity.ERROR, "image without a credit", DOC, run)
