"""The driver for one block: notices first, then credits in what they leave, each parsed into names."""

from __future__ import annotations

from creditcheck.extract.candidates import find_candidates
from creditcheck.extract.context import BlockText, Candidate
from creditcheck.extract.credits import parse_credit
from creditcheck.extract.notices import find_notices
from creditcheck.extract.offsets import editor_note, split_at_barriers
from creditcheck.extract.prefilter import BARRIER
from creditcheck.extract.segmentation import trim
from creditcheck.model import Attribution, BlockKind

# (start, end, followed by a notice after "/"): a stretch of the block the notices left.
_Region = tuple[int, int, bool]


class BlockExtractor:
    """Collects the attributions of one block; credits never overlap what was found before."""

    def __init__(self, ctx: BlockText) -> None:
        self.ctx = ctx
        self.found: list[tuple[int, int, Attribution]] = []

    def run(self) -> list[Attribution]:
        regions, noticed = self._notices()
        # A credit element holds a credit; what a notice leaves of it is legalese unless prefixed.
        trusted = self.ctx.kind == BlockKind.CREDIT and not noticed
        text = self.ctx.text
        for region_start, region_end, slash in regions:
            note = editor_note(text, region_start, region_end)
            cut_end = note.start() if note is not None and note.start() > region_start else region_end
            rs, re_ = trim(text, region_start, cut_end)
            if re_ - rs < 1:
                continue
            self._take_candidates(find_candidates(self.ctx, rs, re_, slash, trusted))
        if len(self.found) > 1:
            self.found.sort(key=_place)
        return [a for _s, _e, a in self.found]

    def _notices(self) -> tuple[list[_Region], bool]:
        """Take the notices (and credits opened by a ©); the regions they leave, and whether any."""
        text = self.ctx.text
        regions: list[_Region] = []
        pos = 0
        noticed = False
        for start, end, attribution, credit_region in find_notices(self.ctx):
            if credit_region is not None:
                cs, ce = credit_region
                self._take_candidates([Candidate(cs, ce, prefixed=True, trusted=True)])
                noticed = True
            elif attribution is not None:
                self.found.append((start, end, attribution))
                noticed = True
            before = text[pos:start]
            regions.append((pos, start, before.rstrip().endswith("/")))
            pos = end
        regions.append((pos, len(text), False))
        if BARRIER in text:
            regions = [
                (a, b, slash and b == re_)
                for rs, re_, slash in regions
                for a, b in split_at_barriers(text, rs, re_)
            ]
        return regions, noticed

    def _take_candidates(self, candidates: list[Candidate]) -> None:
        for cand in candidates:
            if any(s < cand.end and cand.start < e for s, e, _a in self.found):
                continue
            attribution = parse_credit(self.ctx, cand)
            if attribution is not None:
                self.found.append((cand.start, cand.end, attribution))


def _place(found: tuple[int, int, Attribution]) -> tuple[int, int]:
    # A function of the module, not a lambda in ``run``: compiled by mypyc, a lambda makes
    # ``run`` build an environment object on every call.
    return found[0], found[1]
