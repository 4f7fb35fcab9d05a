"""HTML articles (lxml): text blocks, figures and captions, credit elements, meta dates.

The package follows the reader's steps: ``source`` maps the visible text back to the file,
``elements`` classifies elements, ``walker`` turns the tree into blocks and images, and
``metadata`` reads dates, sources and the title.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from creditcheck.model import BlockKind
from creditcheck.readers import ReadResult
from creditcheck.readers.html.metadata import read_metadata
from creditcheck.readers.html.pictures import PictureJudge
from creditcheck.readers.html.site import publisher_names
from creditcheck.readers.html.source import SourceText
from creditcheck.readers.html.walker import Walker


def read(path: str, text: str) -> ReadResult:
    # Same-length substitutions, so offsets and columns still match the file: lxml turns a
    # NUL into U+FFFD, and it counts only LF as a line break (a lone CR would shift lines).
    text = _LONE_CR.sub("\n", text.replace("\x00", "\ufffd"))
    # No ID table: nothing asks lxml for an element by its id, and building it costs the parse 4%.
    parser = lxml.html.HTMLParser(
        recover=True, no_network=True, remove_comments=False, huge_tree=False, collect_ids=False
    )
    parser.set_element_class_lookup(_CLASSES)
    try:
        root = _parse(text, parser)
    except _EmptyDocument:
        return ReadResult([], [], None, [], None)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise HtmlTooDeepError("HTML nested more than 256 levels deep: the rest of the page cannot be read")
    pos = SourceText(text)
    walker = Walker(pos, PictureJudge(root))
    walker.locate_images(root)
    body = root.find("body")
    start = body if body is not None else root
    walker.walk(start, BlockKind.TEXT, None, not has_content_root(start))
    result = ReadResult(walker.blocks, walker.images, None, [], None)
    result.suppressions = walker.suppressions
    read_metadata(root, result, pos)
    result.publisher = publisher_names(root)
    return result


def has_content_root(start: lxml.html.HtmlElement) -> bool:
    """Whether an <article>, a <main> or an element whose role is main stands below ``start``."""
    return bool(_CONTENT_ROOT(start))


# Each test on its own, the role attributes' nodes tested rather than the elements: the union
# ".//article | .//main | .//*[@role='main']" made a Python element for every match only to ask
# whether there was one (8x slower on the real pages).
_CONTENT_ROOT = lxml.etree.XPath(
    "boolean(descendant::article) or boolean(descendant::main) or boolean(descendant::*/@role[. = 'main'])"
)


class _EmptyDocument(Exception):
    """lxml found no element at all (an empty page, or only an XML declaration)."""


class HtmlTooDeepError(ValueError):
    """The page nests elements deeper than the parser will go."""


_LONE_CR = re.compile(r"\r(?!\n)")
# lxml.html picks each element's class in Python (forms and their fields get their own), and
# lxml asks for it whenever it makes a Python object for an element, which the walk and the
# picture judge do for every element, often more than once. The reader uses none of the form
# classes' extras: one class for every element, picked in C.
_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parse(text: str, parser: lxml.html.HTMLParser) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "Document is empty" in str(exc):
            raise _EmptyDocument from None
        if "encoding declaration" not in str(exc):
            raise
    # An XHTML page with an XML declaration: lxml wants bytes for that.
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "Document is empty" in str(exc):
            raise _EmptyDocument from None
        raise
