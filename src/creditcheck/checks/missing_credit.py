"""missing-credit: an image or figure with no credit in its caption or credit field."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
An image has no photo credit. Where creditcheck looks for an image's credit depends on the
format: in HTML, the `<figure>`'s caption and credit elements, the caption element right after
a bare `<img>`, and `data-credit` attributes; in Markdown, the text after `![](…)` on its line,
the next paragraph, the image's title, or a front-matter image's `credit`; in plain text, the
line after an `[image: file.jpg]` placeholder. A picture is one finding, at its own tag.

Only the article's own pictures (lead, body, gallery, product cards in the story) are checked.
Not checked: icons, logos, avatars, buttons, tracking pixels and loading placeholders, tiny
and decorative images (`role="presentation"`, `aria-hidden`); in HTML also the pictures of
page furniture around the story (the page's own header and footer, sidebars and widgets,
author boxes, ads and sponsors, share, rating and reaction bars), the site theme's own
graphics (files under a `/themes/NAME/` folder), empty `<img src="">` slots a script fills,
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
    for image in ctx.doc.images:
        if image.index not in credited:
            what = quote(image.src) if image.src else "an image"
            yield check.finding(
                ctx,
                image.span,
                f"{what} has no photo credit: add the credit to its caption",
                image.src,
            )


CHECK = Check("missing-credit", "CC205", Severity.ERROR, "image without a credit", DOC, run)
