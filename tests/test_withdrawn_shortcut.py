"""withdrawn-content's caption search: the cheap skip finds exactly what a full search finds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.checks.withdrawn_content import _caption_span, _FoldedBlocks
from creditcheck.model import Block, Span
from creditcheck.templates import normalize

PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = [
    "Kim",
    "KIM",
    "kim",
    "Jong",
    "Un",
    "waves",
    "Waves",
    "from",
    "a",
    "balcony",
    "Ｋｉｍ",
    "ﬁne",
    "fine",
]
_SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u3000", "\x1f"]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_SPACES)), max_size=10).map("".join)


def _every_block(caption: str, blocks: tuple[Block, ...]) -> Span | None:
    """The search without the shortcut: every block normalised."""
    needle = normalize(caption).casefold()
    for block in blocks:
        at = normalize(block.text).casefold().find(needle)
        if at < 0:
            continue
        if normalize(block.text) == block.text:
            return block.span(at, at + len(caption))
        return block.span(0, len(block.text))
    return None


@PROPERTY
@given(_texts, st.lists(_texts, max_size=4))
def test_the_caption_is_found_where_a_full_search_finds_it(caption: str, texts: list[str]) -> None:
    blocks = tuple(Block(t, i + 1, 3) for i, t in enumerate(texts))
    assert _caption_span(caption, _FoldedBlocks(blocks)) == _every_block(caption, blocks)


def test_a_block_in_other_case_and_spacing_holds_the_caption() -> None:
    blocks = (Block("Nothing here.", 1, 1), Block("KIM  jong un WAVES from a balcony.", 2, 5))
    assert _caption_span("Kim Jong Un waves from a balcony", _FoldedBlocks(blocks)) == Span(2, 5, 2, 39)
