"""Finding attributions in a Document: photo credits and copyright notices, split into names.

The extractor knows nothing of licenses: it only says which text is an attribution, which
names it holds (people, sources, roles) and which rule each source name resolves to.

How a block is read:

1. The text is folded to a same-length twin (full-width letters, no-break and zero-width
   spaces, mojibake ``Â©``) so that every regex runs on one alphabet while every span and
   every name is still cut from the original text.
2. Copyright notices are found first (``©``, ``(c)``, ``Copyright``, "All rights reserved").
   A ``©`` without a year that names a picture source ("© AFP / MARCO BERTORELLO") is a
   credit written with a copyright mark, not a notice.
3. Credits are looked for in what the notices leave: prefixed credits ("Photo:", "Foto:",
   "Photograph by", "Credit:", "Courtesy of") at the start of a segment or a bracket, a
   bracketed credit at the end of the line, and an unprefixed credit in the last segment (after
   a sentence end, " | " or " - "). Unprefixed text must read as a list of names and name a
   known source, so prose that mentions an agency is never a credit.
4. A credit is split into names at ``/``, ``via``, commas, ``and``, ``for`` (a client), dashes
   and brackets; each name is a rule's source, an organisation, a person, or a role such as
   "File", "Pool" or "Handout".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from creditcheck.model import Attribution, AttributionKind, Block, Document, Name
from creditcheck.resolve import Resolution, Resolver

# Longest stretch of text treated as one credit or one notice; longer is prose or a bug.
_MAX_CREDIT = 320
_MAX_NOTICE = 240
_MAX_SPACE_RUN = 12
_MAX_MARKS = 40
_MAX_CUTS = 400
_MAX_CANDIDATES = 24

# --- folding -------------------------------------------------------------------------------------

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "ⓒⒸ":
        return "©"
    if ch in _ZERO_WIDTH:
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


# An HTML or XML tag: a name, then attributes written name="value"; "<Copyright ⓒ …>" is none.
_TAG = re.compile(
    r"</?[A-Za-z][\w.:-]{0,40}"
    r"(?:\s+[\w.:-]{1,40}(?:\s*=\s*(?:\"[^\"<>]{0,300}\"|'[^'<>]{0,300}'|[^\s<>\"']{1,300}))?){0,30}"
    r"\s*/?>"
)
_LONG_SPACE = re.compile(rf"\s{{{_MAX_SPACE_RUN + 1},}}")
_BARRIER = "\0"


def _fold(text: str) -> str:
    """``text`` with compatibility characters folded, one character for one character.

    Markup tags left in the text (inline HTML in Markdown, a wire file read as text) become
    spaces. A run of whitespace longer than a layout gap becomes a barrier (NUL characters
    between two spaces): nothing is read across it, and no regex ever scans a long run of spaces.
    """
    if not text.isascii():
        text = "".join(ch if ch < "\x80" else _fold_char(ch) for ch in text)
        text = text.replace("Â©", " ©")
    if "<" in text:
        text = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    # A long run holds two spaces in a row or a white space other than " ", which is never
    # printable; most paragraphs have neither, and these two C calls are far cheaper than a scan.
    if ("  " in text or not text.isprintable()) and _LONG_SPACE.search(text):
        text = _LONG_SPACE.sub(lambda m: " " + _BARRIER * (len(m.group(0)) - 2) + " ", text)
    return text


# --- cheap prefilter: a text block with none of these cannot hold an attribution ---------------

_SHORT_LINE = 60  # a line this short may be a bare credit ("KYODO"); always look at it
# In a long paragraph a credit can only be: a notice, a prefixed credit, a bracket closing the
# paragraph, or a last segment written with "/" or "via". Prose is most of every article, so
# paragraphs with none of those are skipped before the full reader runs.
_LONG_LINE = 200
_ENDS_BRACKET = re.compile(r"[)\]][\s.,;:*_\"”’»]*$")
# Cue tests are substring checks on the lower-cased text, not one regex of alternatives:
# Python's regex engine tries every alternative at every position, which made these two the
# most expensive lines of a run (over 100 µs for an ordinary paragraph).
_CUE_WORDS = (
    "©",
    "/",
    "|",
    "(",
    "[",
    "copyright",
    "rights",
    "photo",
    "credit",
    "foto",
    "image",
    "picture",
    "bild",
    "courtesy",
    "getty",
    "reuters",
    "afp",
    "press",
    "agency",
    "shutterstock",
    "istock",
    "kyodo",
    "yonhap",
    "xinhua",
    "dpa",
    "epa",
    "bloomberg",
    "tns",
    "handout",
    "pool",
)
# Whether the text holds "\b(?:ap|pa|str|via)\b" (only that is asked, not where). A pattern that
# opens with "\b" is tried at every position; one whose alternatives open with a letter lets the
# regex engine skip to that letter, so each word is found at its rarest letter, the others
# checked behind it: "p(?<=\bap)" is "ap" found at its "p", "p(?<!\wp)a" is "\bpa".
_CUE_SHORT = re.compile(r"p(?:(?<=\bap)|(?<!\wp)a)\b|r(?<=\bstr)\b|v(?<!\wv)ia\b")
_LONG_CUE_WORDS = (
    "©",
    "copyright",
    "(c)",
    "photo",
    "credit",
    "foto",
    "image",
    "picture",
    "bild",
    "courtesy",
    "illustration",
    "graphic",
    "quelle",
    "+++",
    "|",
)
# "rights\s+reserved|source\s*:|\bvia\b", with the boundary after the "v" for the same reason.
_LONG_CUE_SHORT = re.compile(r"rights\s+reserved|source\s*:|v(?<!\wv)ia\b")


# Plain loops rather than any() over a generator: most paragraphs hold no cue, so every word is
# tried, and a generator's per-item cost was as large as the substring tests themselves.
def _has_cue(low: str) -> bool:
    for c in _CUE_WORDS:
        if c in low:
            return True
    return _CUE_SHORT.search(low) is not None


def _has_long_cue(low: str) -> bool:
    for c in _LONG_CUE_WORDS:
        if c in low:
            return True
    # Each alternative holds one of these words; almost no paragraph does, which spares the scan.
    if "rights" not in low and "source" not in low and "via" not in low:
        return False
    return _LONG_CUE_SHORT.search(low) is not None


_PROMO_WORDS = (
    "subscribe",
    "sign up",
    "newsletter",
    "join our",
    "follow us",
    "download",
    "click here",
    "read more",
    "advertisement",
    "sponsored",
)
_PROMO = re.compile(
    r"\b(?:subscribe|sign up|newsletter|join our|follow us|download (?:our|the) app|click here|"
    r"read more|advertisement|sponsored)\b",
    re.I,
)

# --- vocabulary ----------------------------------------------------------------------------------


def _vocab(words: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as text: split at ``sep`` (or white space), spaces collapsed."""
    parts = words.split(sep) if sep else words.split()
    return frozenset(" ".join(p.split()) for p in parts if p.strip())


# Words that name a role in a credit, not a person or a source.
_ROLES = _vocab(
    """file files archive archives archiv archivbild archivfoto pool handout ho stringer str staff
    stf contributor contributors freelance freelancer uncredited unknown anonymous photo photos
    foto fotos image images picture illustration composite montage screenshot screenshots
    screengrab still supplied provided courtesy symbolbild symbolfoto ausschnitt m twitter x
    instagram facebook youtube tiktok left right top bottom center centre above below inset main
    background tpx"""
) | {
    "file photo",
    "files photo",
    "pool photo",
    "handout photo",
    "handout image",
    "photo illustration",
    "photo montage",
    "screen grab",
    "video still",
    "supplied image",
    "courtesy photo",
    "social media",
    "from left",
    "l-r",
    "tpx images of the day",
    "public domain",
    "cc0",
    "cc by",
    "cc by-sa",
    "cc-by",
    "cc-by-sa",
    "cc by-nd",
    "cc by-nc",
    "creative commons",
}
# Job titles that follow a name: "Karl Tate, Infographics Artist", "David Zalubowski, STF".
_TITLE_WORDS = _vocab(
    """staff photographer photographers photojournalist artist infographics graphics graphic
    illustrator contributor contributing correspondent writer reporter editor special freelance
    senior chief photo video visual journalist producer designer to the for 기자 記者"""
)
_TITLE_CORE = _TITLE_WORDS - {"to", "the", "for", "special", "senior", "chief", "photo", "video"}
# Picture agencies, stock libraries and platforms that have no rule of their own in most rule
# sets. They mark a name as an organisation and, in running text, as evidence of a credit.
_AGENCY_TOKENS = _vocab(
    """shutterstock istock istockphoto gettyimages xinhua zuma nurphoto anadolu wireimage filmmagic
    invision imago alamy corbis bettmann kyodo jiji sipa keystone polaris laif efe apa kcna tass
    ansa belga aap ntb scanpix ritzau lightrocket eyeem unsplash pexels pixabay barcroft
    bongarts redux cuartoscuro dpa ctk čtk afpbb newscom dreamstime 123rf pa depositphotos
    adobestock picturedesk eyevine sopa wenn mediapunch vcg costfoto imaginechina chinafotopress
    ap reuters afp epa upi abaca ddp ullstein pti yonhap newsis news1 stt zumapress uig aa"""
)
_AGENCY_PHRASES = _vocab(
    """picture alliance|press association|pa wire|pa images|pa media|the canadian press|canadian
    press|getty images|adobe stock|wikimedia commons|europa press|hulton archive|universal images
    group|education images|gamma rapho|us presswire|usa today sports|action images|icon
    sportswire|ap images|image bank|the image bank|rex features|rex shutterstock|sipa usa|anadolu
    agency|press service|jiji press|kyodo news|gc images|ria novosti|agencia lof|gallo images|mct
    |tribune content agency|sportsfile|splash news|magnum photos|usa today""",
    sep="|",
)
# Stock libraries: a single unknown word next to one is a contributor's handle ("iStock/baytunc").
_STOCK = _vocab(
    """istock istockphoto shutterstock getty images gettyimages adobe stock dreamstime alamy 123rf
    depositphotos pexels unsplash pixabay imago picture alliance eyeem"""
) | {
    "getty images",
    "adobe stock",
    "picture alliance",
    "stock.adobe.com",
    "istock.com",
    "shutterstock.com",
    "getty images/istockphoto",
}
# Words that mark a name as an organisation rather than a person.
_ORG_WORDS = _vocab(
    """agency agencia agence press presse news images image photo photos foto pictures picture
    times service services wire stock inc llc ltd limited corp co company group studios studio
    productions entertainment films film records foundation institute university universität
    college school museum library archive archives collection center centre office ministry
    department government police polizei army navy force council association federation club
    team league party committee organization organisation bureau authority commission society
    hospital nasa esa noaa usa tribune journal herald gazette chronicle observer courier
    telegraph guardian examiner review register bulletin dispatch standard mirror express
    inquirer enquirer monitor independent globe shimbun verge tv television broadcasting network
    channel media post daily sun star record radio magazine newspaper newspapers rf uig heritage
    parliament national presidential municipality city county state embassy gallery games
    festival project commons wikimedia verlag zeitung rundfunk sports sport creative editorial
    digital online feature features syndication world international int museum theatre theater
    productions house publishing publications interactive labs lab technologies systems research
    bank collector pics echo mail metro voice leader sentinel bee eagle ledger citizen mercury
    beacon argus advertiser pioneer telegram today live gemeinde stadt kommune command robotics"""
)
_ORG_PREFIX_WORDS = _vocab("the el la le les los las il lo die der das de")
_MEDIA_WORDS = _vocab(
    """press news images photo photos pictures times tribune journal herald gazette chronicle post
    daily telegraph guardian observer courier examiner globe star sun record inquirer dispatch
    register shimbun agency wire tv radio media"""
)
_CORPORATE = _vocab(
    """inc ltd llc llp lp corp co gmbh ag kg plc sa sl nv bv kk oyj ab as spa pty limited
    corporation company mbh srl"""
)
_PARTICLES = _vocab(
    """de da del della di du dos das van von der den la le bin ibn al el ter ten y e zu af av st mc
    mac o d"""
)
# Lower-case words that join the parts of a name: "for the Guardian", "City of Tel Aviv".
_CONNECTORS = _PARTICLES | _vocab("the of and for on by via und og och")
# Lower-case words a credit may hold besides names: "Reuters files", "Future plc".
_NAME_WORDS = _CONNECTORS | _ROLES | _CORPORATE | _vocab("images pictures photo photos")
# Words of running prose: one of them in an unprefixed segment means it is not a credit.
_PROSE = _vocab(
    """a an is are was were that this said says say told in at to from with has have had will would
    after before during as it its his her their who which when where while not but about into
    than then they we you our your he she been being be can could should may might shows showing
    seen stands walks speaks reported reports according poll found toy brand if so also over
    under up out there here what how why all some more most no yes only my me us them him do
    does did per ist sind im ein eine mit auf für wird est les des une dans sur"""
)
# Strong prose markers, tolerated once in a prefixed credit ("Photographer is my life").
_VERBS = _vocab(
    """is are was were said says told has have had will would shows showing seen stands walks
    speaks reported according found"""
)
_ABBREVIATIONS = _vocab(
    """jr sr dr mr mrs ms st mt no sgt gen lt col rep sen gov inc co corp vs bros ft ste int prof
    rev capt cpl pvt adm cmdr supt det insp hon dept univ assn ave blvd"""
)

# --- patterns ------------------------------------------------------------------------------------

_LABEL_LEAD = (
    r"(?:(?:left|right|top|bottom|above|below|main|inset|center|centre|oben|unten|links|rechts)"
    r"\s*:\s*)?"
)
_PREFIX = re.compile(
    _LABEL_LEAD
    + r"""(?:
        (?:©\s*)?photo\s+credit\s+should\s+read\b\s*:?\s*
      | mandatory\s+credit\b\s*:?\s*
      | (?:(?:main|top|header|lead|cover|featured|hero|title)\s+)?
        (?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|bild(?:er)?|illustrations?|graphics?
           |videos?|screenshots?|screengrabs?)
        \s*(?:credits?|source|quelle|rechte)?
        \s*(?:[:：]|\s[-–—]\s?|,(?=\S))\s*(?:by\s*:?\s+)?
      | bildquelle\s*[:：]\s* | bildrechte\s*[:：]\s*
      | (?:사진|写真|画像|提供)\s*[=:：／/]\s*
      | (?:(?:main|top|header|lead|cover|featured|hero|title)\s+)?(?:photo\s+)?
        (?:photo(?:graph)?s?|images?|pictures?|illustrations?|videos?|graphics?|animations?|montage)
        \s+(?:credits?\s+)?(?:by|via|von|par|por)\s*:?\s+
      | photographers?\s*[:：]\s*
      | (?:photo\s+|image\s+)?credits?\s*(?:[:：]|\s[-–—]\s|\.{2,4}|…)\s*(?:by\s+)?
      | (?:sources?|quelle|fuente|fonte|cr[ée]dits?|cr[ée]ditos?)\s*[:：]\s*
    )""",
    re.I | re.X,
)
# "(Photo Lionel Bonaventure. AFP)", "(photo AFP)": a bare word, only inside a credit's bracket.
_BARE_PREFIX = re.compile(r"(?i:photos?|fotos?|picture|screenshots?)\s+(?=[A-Z@])")
_VIA = re.compile(r"v[ií]a\s+(?=[A-Z@])")
# "Tribune photos by Chris Walker", "Staff photo by …": one capitalised word, then "photo by".
_LEAD_PREFIX = re.compile(
    r"(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Our|Their|My|Your|One|Each|Every)\s)"
    r"[A-Z][a-z]+\s+(?i:photos?|photographs?|pictures?)\s+by\s+"
)
_COURTESY = re.compile(
    r"(?:(?:photos?|photographs?|images?|pictures?|illustrations?|videos?)\s+)?"
    r"(?:courtesy(?:\s+of)?|gracieuset[ée]|cortes[ií]a(?:\s+de)?|(?:submitted|provided|supplied)\s+by|cedid[ao]\s+por(?:\s+(?:la|el))?)"
    r"\s*[,:]?\s+",
    re.I,
)
_BYLINE = re.compile(r"by\s+(?=\S)", re.I)
_GENERIC_LABEL = re.compile(r"[^\W\d_]{3,16}\s*[:：]\s+")
_MARK_LEAD = re.compile(r"\s*(?:©|\([cC]\)|&copy;)\s*")
# Notes agencies append to a credit; they are not part of it ("ATTENTION EDITORS - ...").
# The lookahead names every character a note can start with: without it the engine tries all
# the alternatives at every position of every credit, with it most positions fail at once.
_EDITOR_NOTE = re.compile(
    r"""(?=[\sAMENTFO(,])\s*(?:
        \b(?:ATTENTION\s+EDITORS|MANDATORY\s+CREDIT|EDITORIAL\s+USE\s+ONLY|NO\s+RESALES|NO\s+ARCHIVES
           |THIS\s+IMAGE\s+(?:HAS|WAS)|FOR\s+EDITORIAL\s+USE)\b
      | \([A-Z][A-Z .,'/-]{1,40}\s-\s+Tags:
      | \bORG\s+XMIT\b
      | \s-\s+[A-Z]{3}\d[A-Z0-9]{3,}\s*$
      | ,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4}\s*$
    )""",
    re.X,
)
# Tags that stay part of the credit's text but name nobody: ", File", "TPX IMAGES OF THE DAY".
# The lookahead holds the characters a tag can start with, for the same reason as _EDITOR_NOTE's.
TAIL_TAG = re.compile(
    r"(?=[\s,;(+])"
    r"(?:\s*[,;]\s*(?:file|files|file\s+photo|archive)|\s*\((?:file|files|archive)\)|\s+file(?:\s+photo)?"
    r"|\s*\+{2,3}[^+]{0,60}\+{2,3}|\s+TPX(?:\s+IMAGES\s+OF\s+THE\s+DAY)?"
    r"|\s*\((?:composite|illustration|symbolbild|symbolfoto|ausschnitt|m|archiv|archivbild)\))"
    r"\s*[.]?\s*$",
    re.I,
)
_BRACKET_TAG = re.compile(
    r"(?i:composite|illustration|symbolbild|symbolfoto|ausschnitt|m|archiv|archivbild|file|files"
    r"|archive|fotomontage|montage|ki|ai|modern|xmp|video)$"
)
# The lookahead holds the characters a separator can start with (see _EDITOR_NOTE).
_SEPARATOR = re.compile(
    r"""(?=[\s/,|;–—\-.()\[\]v])(?:
        (?P<via>\s*/+\s*v[ií]a\s+|\s*,\s*v[ií]a\s+|\s+v[ií]a\s+|^v[ií]a\s+)
      | (?P<for>\s+for\s+)
      | (?P<slash>\s*/+\s*)
      | (?P<bar>\s*[|;]\s*)
      | (?P<comma>\s*,\s*(?:and\s+)?)
      | (?P<and>\s+(?:and|und|og|och)\s+)
      | (?P<on>\s+on\s+(?=(?:Unsplash|Pexels|Flickr|Instagram|Twitter|X|Facebook|YouTube|TikTok
            |Pixabay|Wikimedia|Reddit)\b))
      | (?P<dash>\s+[-–—+]\s+|\s*[–—]\s*|\s+-(?=[A-Z])|(?<=[a-z])-\s+)
      | (?P<label>\s+(?:Bearbeitung|Montage|Illustration|Grafik|Collage|Retusche)\s*:\s*)
      | (?P<stop>\.\s+)
      | (?P<bracket>\s*[()\[\]]\s*)
    )""",
    re.X,
)
_NAME_LABEL = re.compile(
    r"(?:photo\s+illustration|photo\s+montage|illustration|montage|photos?|images?|pictures?"
    r"|graphic|video|animation)s?\s*(?:by\s+|:\s*)|by\s+(?=\S)",
    re.I,
)
_PLACE = re.compile(r"[A-Z][\w .'’-]{1,30},\s*[A-Z][a-z]{1,4}\.?")
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{1,40}(?:,[^()]{1,40})?\s*\([^()]{1,40}\)\s*(?:[-—–:]|$)")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?:\s*[-–—/]\s*((?:19|20)\d{2}|\d{2})(?![\d]))?(?![\d])")
_RESERVED_WORDS = (
    r"all\s+rights\s+reserv\w*|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s"
    r"|todos\s+os\s+direitos\s+reservados|(?:todos\s+los\s+)?derechos\s+reservados"
)
# The lookahead holds the letters the phrase can start with (see _EDITOR_NOTE).
_RESERVED = re.compile(r"(?=[atd])(?:" + _RESERVED_WORDS + ")", re.I)
_RESERVED_TAIL = re.compile(
    r"(?:[\s.,;|/•-]*(?:(?:19|20)\d{2}))?[\s.,;|/•–-]*(?:" + _RESERVED_WORDS + r")[.!]?", re.I
)


def _may_reserve(text: str) -> bool:
    """Whether ``text`` can hold a match of _RESERVED; two substring tests spare most blocks its scan.

    Every form holds "rv" ("reserv", "réserv") or is "vorbehalten", and under re.I none of
    their letters matches anything but itself in either case, so lower-casing finds them all.
    """
    low = text.lower()
    return "rv" in low or "vorbehalten" in low


# "(?<![\w@])(?:Copyright|COPYRIGHT|copyright)(?![\w])" with the lookbehind moved after the first
# letter: alternatives that all open with a literal let the engine skip to those characters.
_MARK = re.compile(
    r"©|&copy;|\([cC]\)|C(?<![\w@]C)(?:opyright|OPYRIGHT)(?![\w])|c(?<![\w@]c)opyright(?![\w])"
)
_MARK_AT = re.compile(r"\s*(?:©|&copy;|\([cC]\)|(?:Copyright|COPYRIGHT|copyright)(?![\w]))\s*:?")
_HOLDER_LEAD = re.compile(
    r"\s*(?:@\s*(?=\d)|0\s+(?=[A-Z])|(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:(?:19|20)\d{2}|\d{2}(?!\d)))?"
    r"|[-–—,.:]|by\b|of\b|provided\s+by\b|all\s+contents\b)",
    re.I,
)
# Where a holder's name ends: "…Limited or its affiliated companies", "…Inc. | All Rights
# Reserved", "Ottawa Citizen, a division of …", "… (Hamburg, Germany)", "…, www.iptc.org".
_HOLDER_CUT = re.compile(
    r"""\s+[|•·]\s* | \s*\|\s* | (?<!\d)\s[-–—]{1,2}\s(?!\d) | ,\s+an?\s | \s+or\s+its\s
      | \s+and\s+(?:its\s+)?affiliated\b | ,?\s*(?i:https?:|www\.) | \s*[()] | ,\s*(?=[A-Z]\w+\s+by\b)
      | ,\s*(?=[a-z]) | \s*/\s*(?=[a-z]) | \s*\.\s+(?=[a-z])
      | [.,;]?\s*(?i:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+os|derechos|all\s+times) | \s?\x00""",
    re.X,
)
# "[.!?…]+" and "(?<=[a-z]{3})[.!?]" written to open with a character class, which lets the engine
# skip straight to punctuation instead of trying the pattern at every position.
_SENTENCE = re.compile(r"[.!?…][.!?…]*[\"”’»)\]]*(?=\s)")
_GLUED_SENTENCE = re.compile(r"[.!?](?<=[a-z]{3}[.!?])(?=[A-Z][a-z])")
# Names that say they are no person: a domain, prose words, a brand ending in a media word.
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?!\.)|www\.")
_NOT_IN_NAMES = _vocab("all about from with into over under what how why here there this that our your my")
_BRAND_ENDINGS = (
    "images",
    "image",
    "photo",
    "photos",
    "press",
    "media",
    "news",
    "pictures",
    "foto",
    "fotos",
    "pix",
    "stock",
    "wire",
)
# Small words an expansion skips: "Agence France-Presse (AFP)", "Bank of Japan (BOJ)".
_ACRONYM_SKIP = _vocab("of the and for de la du des")
# A long run of Japanese, Chinese or Korean letters is a sentence, not a name.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{9,}")
_SLASH = re.compile(r"(?<=\w)\s*/\s*(?=[^\W\d_@])")
_SENTENCE_OR_BAR = re.compile(r"(?<=[a-z\d])[.!?](?=\s+[A-Z])|\s*[|•·]\s|\s[-–—]\s(?=©)|\)|\s?\x00")
_LEGAL_FORM = re.compile(r"(?i)\b(?:" + "|".join(sorted(_CORPORATE)) + r")\b\.?$")
_LEGAL_TAIL = re.compile(r"(?i)(?:[\s,]+(?:" + "|".join(sorted(_CORPORATE)) + r")\.?)+$")
_BRACKETS = {"(": ")", "[": "]"}
_MARKUP = re.compile(r"</?[A-Za-z][\w.:-]*[\s>/]|/>|\w=\"")
# Patterns of the hot paths, compiled once: re.search(r"...") looks each up in re's cache on
# every call, which cost as much as the matching itself on short names. The lookaheads name the
# characters a match can start with (see _EDITOR_NOTE).
_BAR_CUT = re.compile(r"(?=[\s|])(?:\s*\|\s*|\s+[•·]\s+)")
_DASH_CUT = re.compile(r"(?=[\s—])(?:\s[-–—]{1,2}\s+|\s*[—]\s*(?=[A-Z©(]))")
_COLON_CUT = re.compile(r"[:,]\s+")
_TOKEN_END = re.compile(r"([\w.’'-]+)$")
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TAGS_NOTE = re.compile(r"\s-\s+Tags:")
_BRACKET_CHAR = re.compile(r"[()\[\]]")
_VIA_WORD = re.compile(r"\bvia\b")
_ASCII_WORD = re.compile(r"[A-Za-z][\w'-]*")
_LIST_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LIST_SEPARATOR = re.compile(r"\s*(?:/|\bv[ií]a\b|,|\||;|\s[-–—]\s|\band\b|\bfor\b)\s*")
_UPPER_OR_DIGIT = re.compile(r"[A-Z\d]")
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_WORD_CHAR = re.compile(r"\w")
_ID_COLON = re.compile(r"[^\W\d_]:[\w]")
_SEPARATED = re.compile(r"/|\bvia\b|\||\s-\s|[–—]")
_HYPHEN = re.compile(r"-")
_VIA_OR_YEAR = re.compile(r"v[ií]a\s+(?=\S)|(?:19|20)\d{2}\s+(?=[^\W\d])", re.I)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_YEAR_WORD = re.compile(r"\b(?:19|20)\d{2}\b")
_POSSESSIVE = re.compile(r"\w['’]s$")
_RUN_TOGETHER = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+")
_INITIALS_SURNAME = re.compile(r"(?:[A-Z]\.)+[A-Z][a-zà-ÿ]+")
_NEXT_WORD = re.compile(r"\s*([A-Za-z.]+)")
_NOT_WORD_OR_HYPHEN = re.compile(r"[^\w-]")
_NON_WORD_RUN = re.compile(r"[^\w]+")
_HANDLE = re.compile(r"[a-z0-9][\w.\-]*")
_LOWER = re.compile(r"[a-z]")
_HYPHEN_OR_SLASH = re.compile(r"[-/]")
_NAME_PART = re.compile(r"(?:[A-Z]\.)+(?:[A-Z])?|[IVX]+|Jr\.?|Sr\.?")


# --- entry points --------------------------------------------------------------------------------


def extract(doc: Document, resolver: Resolver) -> list[Attribution]:
    """Every attribution in ``doc``, in document order."""
    out: list[Attribution] = []
    for block in doc.blocks:
        out.extend(extract_block(block, resolver))
    return out


def parse_credit_text(text: str, resolver: Resolver, kind: str = "credit") -> list[Attribution]:
    """Parse a string as if it were a block of ``kind`` (tests and the inventory tool use it)."""
    return extract_block(Block(text, 1, 1, kind), resolver)


def extract_block(block: Block, resolver: Resolver) -> list[Attribution]:
    """The attributions in one block (credits and notices do not overlap)."""
    raw = block.text
    if not raw.strip() or block.kind == "byline":
        return []  # a byline element names the story's writer and agency, never a photo's
    text = _fold(raw)
    if block.kind == "text":
        low = text.lower()
        if len(text) > _SHORT_LINE and not _has_cue(low):
            return []
        if (
            len(text) > _LONG_LINE
            and not _ENDS_BRACKET.search(text[-40:])
            and "/" not in text[-120:]
            and not _has_long_cue(low)
        ):
            return []
        promotional = any(w in low for w in _PROMO_WORDS) and _PROMO.search(text) is not None
        if promotional and "©" not in text and "opyright" not in low:
            return []
    reader = _Reader(block, text, resolver)
    found = reader.run()
    if not found and block.kind == "copyright":
        # A rights field (IPTC dc:rights, a copyright element) is a notice whatever its wording.
        return [_field_notice(block)]
    return found


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _field_notice(block: Block) -> Attribution:
    raw = block.text
    start = len(raw) - len(raw.lstrip())
    text = raw.strip()
    years = [int(y) for y in _ANY_YEAR.findall(text)]
    return Attribution(
        AttributionKind.COPYRIGHT,
        text,
        block.span(start, start + len(text)),
        (),
        year=max(years) if years else None,
        image=block.image,
    )


# --- the reader ----------------------------------------------------------------------------------


# (start, end, notice, credit region): what the notice pass found, in text order.
_Found = tuple[int, int, Attribution | None, tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class _Cut:
    """A boundary between two segments of a line: text[end:start] is the separator."""

    end: int
    start: int
    kind: str  # sentence, weak (after an abbreviation), bar, dash, colon, bracket


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    prefixed: bool  # a credit prefix, a © mark or a credit element: no evidence needed
    bracket: bool = False  # the whole of a bracket group at the end of the line
    trusted: bool = False  # the block is a credit element: any names will do


class _Reader:
    """Reads one block: notices first, then credits in what they leave, each parsed into names.

    ``text`` is the block's folded twin; offsets into it are offsets into the block's text.
    """

    def __init__(self, block: Block, text: str, resolver: Resolver) -> None:
        self.block = block
        self.text = text
        self.resolver = resolver
        self.kind = block.kind
        self.found: list[tuple[int, int, Attribution]] = []

    # -- driver -----------------------------------------------------------------------------------

    def run(self) -> list[Attribution]:
        regions: list[tuple[int, int, bool]] = []  # (start, end, followed by a notice after "/")
        pos = 0
        noticed = False
        for start, end, attribution, credit_region in self._notices():
            if credit_region is not None:
                cs, ce = credit_region
                self._take_candidates([_Candidate(cs, ce, prefixed=True, trusted=True)])
                noticed = True
            elif attribution is not None:
                self.found.append((start, end, attribution))
                noticed = True
            before = self.text[pos:start]
            regions.append((pos, start, before.rstrip().endswith("/")))
            pos = end
        regions.append((pos, len(self.text), False))
        if _BARRIER in self.text:
            regions = [
                (a, b, slash and b == re_)
                for rs, re_, slash in regions
                for a, b in _split_at_barriers(self.text, rs, re_)
            ]
        # A credit element holds a credit; what a notice leaves of it is legalese unless prefixed.
        trusted = self.kind == "credit" and not noticed
        for region_start, region_end, slash in regions:
            note = _editor_note(self.text, region_start, region_end)
            cut_end = note.start() if note is not None and note.start() > region_start else region_end
            rs, re_ = self._trim(region_start, cut_end)
            if re_ - rs < 1:
                continue
            self._take_candidates(self._candidates(rs, re_, slash, trusted))
        self.found.sort(key=lambda f: (f[0], f[1]))
        return [a for _s, _e, a in self.found]

    def _take_candidates(self, candidates: list[_Candidate]) -> None:
        for cand in candidates:
            if any(s < cand.end and cand.start < e for s, e, _a in self.found):
                continue
            attribution = self._parse_credit(cand)
            if attribution is not None:
                self.found.append((cand.start, cand.end, attribution))

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink a region past separators and spaces at either end."""
        text = self.text
        while start < end and text[start] in " \t*_>\"“„'|/-–—•·:;,":
            start += 1
        while end > start and text[end - 1] in " \t*_\"”’'|/-–—•·:;,":
            end -= 1
        return start, end

    # -- segmentation -----------------------------------------------------------------------------

    def _cuts(self, start: int, end: int, brackets: list[tuple[int, int]]) -> list[_Cut]:
        text = self.text
        cuts: list[_Cut] = []
        for m in _SENTENCE.finditer(text, start, end):
            nxt = m.end()
            while nxt < end and text[nxt].isspace():
                nxt += 1
            if nxt >= end:
                continue
            ch = text[nxt]
            starts_sentence = ch.isupper() or ch.isdigit() or ch in '([©"“„—–-|@'
            if not (starts_sentence or (not ch.isascii() and not ch.islower())):
                continue
            kind = "sentence" if self._ends_sentence(m.start()) else "weak"
            cuts.append(_Cut(m.start() + 1, nxt, kind))
        for m in _GLUED_SENTENCE.finditer(text, start, end):
            # "…on Monday.Jane Doe/Bloomberg": a caption and a credit element with no space between.
            if self._ends_sentence(m.start()):
                cuts.append(_Cut(m.start() + 1, m.end(), "sentence"))
        # Bounds rather than a slice: these patterns look neither behind the start nor past the end.
        if _holds_any(text, "|•·", start, end):
            for m in _BAR_CUT.finditer(text, start, end):
                cuts.append(_Cut(m.start(), m.end(), "bar"))
        if _holds_any(text, "-–—", start, end):
            for m in _DASH_CUT.finditer(text, start, end):
                cuts.append(_Cut(m.start(), m.end(), "dash"))
        for m in _COLON_CUT.finditer(text, start, end):
            after = m.end()
            if _PREFIX.match(text, after) or _COURTESY.match(text, after):
                cuts.append(_Cut(m.start() + 1, after, "colon"))
        for _open, close in brackets:
            nxt = close + 1
            while nxt < end and text[nxt].isspace():
                nxt += 1
            if nxt < end:
                cuts.append(_Cut(close + 1, nxt, "bracket"))
        cuts.sort(key=lambda c: (c.start, c.end))
        opens = [o for o, _c in brackets]
        kept = [c for c in cuts if start < c.start < end and not _inside(c.end - 1, brackets, opens)]
        return kept[-_MAX_CUTS:]  # a runaway block: credits sit at its end

    def _ends_sentence(self, dot: int) -> bool:
        """Whether the period at ``dot`` ends a sentence (not "J. Scott", "U.S.", "Inc.")."""
        text = self.text
        if text[dot] != ".":
            return True
        m = _TOKEN_END.search(text, max(0, dot - 24), dot)
        token = m.group(1) if m else ""
        if len(token) == 1 and token.isalpha() and token.isupper():
            return False
        if token.casefold() in _ABBREVIATIONS:
            return False
        return not _DOTTED_INITIALS.fullmatch(token)

    def _segment_end(self, start: int, end: int, cuts: list[_Cut], kinds: str) -> int:
        i = bisect.bisect_right(cuts, start, key=lambda c: c.start)
        for c in cuts[i:]:
            if c.kind in kinds and c.end > start:
                return c.end
        return end

    # -- candidates -------------------------------------------------------------------------------

    def _candidates(self, rs: int, re_: int, slash: bool, trusted: bool) -> list[_Candidate]:
        text = self.text
        # "By JORDAN ROBERTSON - AP Technology Writers | AP": a byline names no photo source.
        byline = not trusted and _BYLINE.match(text, rs) is not None
        if re_ - rs > 20000:
            rs = re_ - 20000  # a runaway block: credits sit at the end
        brackets = _bracket_groups(text, rs, re_)
        cuts = self._cuts(rs, re_, brackets)
        out: list[_Candidate] = []

        # Prefixed credits inside brackets and at segment starts.
        for open_, close in brackets:
            p = _skip_space(text, open_ + 1, close)
            if self._prefix_at(p, bracket=True):
                out.append(_Candidate(open_ + 1, close, prefixed=True, bracket=True, trusted=trusted))
        opens = [o for o, _c in brackets]
        starts = [rs, *(c.start for c in cuts)]
        for s in starts:
            if _inside(s, brackets, opens) or s >= re_ or len(out) >= _MAX_CANDIDATES:
                continue
            if self._prefix_at(s, bracket=False) or (trusted and s == rs and _GENERIC_LABEL.match(text, s)):
                seg_end = self._segment_end(s, re_, cuts, "sentence bar dash colon")
                end = self._extend_forward(s, seg_end, re_, cuts)
                out.append(_Candidate(s, end, prefixed=True, trusted=trusted))

        # "UN Photo / ICJ-CIJ / Frank van Beek. Courtesy of the ICJ": in a credit element, names
        # before a later prefixed credit are a credit of their own.
        later = [c for c in out if not c.bracket and c.start > rs]
        if trusted and later:
            head_end = _rstrip(text, rs, later[0].start)
            head = text[rs:head_end]
            if _SLASH.search(head) and self._name_list_like(head) and not self._prefix_at(rs, False):
                out.append(_Candidate(rs, head_end, prefixed=True, trusted=True))

        # Bracket groups closing the region: "... (AP Photo/Matt Rourke)".
        tail = re_
        trailing: list[tuple[int, int]] = []
        for open_, close in reversed(brackets):
            if len(trailing) >= 4 or (close + 1 < tail and text[close + 1 : tail].strip(' .,;:*_"”’»')):
                break
            inner = text[open_ + 1 : close].strip()
            tail = open_
            if _BRACKET_TAG.match(inner) or _TAGS_NOTE.search(inner):
                continue
            trailing.append((open_, close))
        for open_, close in trailing:
            if any(c.start <= open_ < c.end for c in out) or byline:
                continue
            # "WASHINGTON (Reuters)": a dateline names the story's source, not a photo's.
            if rs == _skip_space(text, 0, re_) and _DATELINE.match(text[rs : close + 2]):
                continue
            if self._acronym_expansion(open_, text[open_ + 1 : close]):
                continue
            head = text[rs:open_].strip(" -–—|:")
            lone_head = bool(head) and not _BRACKET_CHAR.search(head)
            lone_head = lone_head and not any(c.start <= rs < c.end for c in out)
            # "Florion Goga (REUTERS)": a name and its agency, the element is the credit.
            if trusted and lone_head and self._name_list_like(head):
                out.append(_Candidate(rs, re_, prefixed=True, trusted=True))
                continue
            out.append(_Candidate(open_ + 1, close, prefixed=False, bracket=True, trusted=trusted))

        covered_end = bool(trailing) or any(c.end >= re_ - 1 for c in out)
        if not covered_end and not byline:
            cand = self._last_segment(rs, tail if trailing else re_, cuts, brackets, slash, trusted)
            if cand is not None:
                out.append(cand)
        if trusted and not out:
            out.append(_Candidate(rs, re_, prefixed=True, trusted=True))
        return out

    def _prefix_at(self, pos: int, bracket: bool) -> bool:
        text = self.text
        pos = _skip_space(text, pos, len(text))
        while pos < len(text) and text[pos] in '*_"“„-–—©':
            pos = _skip_space(text, pos + 1, len(text))
        if _PREFIX.match(text, pos) or _COURTESY.match(text, pos) or _LEAD_PREFIX.match(text, pos):
            return True
        return bracket and (_BARE_PREFIX.match(text, pos) or _VIA.match(text, pos)) is not None

    def _extend_forward(self, start: int, end: int, limit: int, cuts: list[_Cut]) -> int:
        """Carry a credit over " | " and " - " while what follows is only more names."""
        for _step in range(8):
            i = bisect.bisect_left(cuts, end, key=lambda c: c.start)
            c = cuts[i] if i < len(cuts) else None
            if c is None or c.end != end or c.kind not in ("bar", "dash"):
                break
            nxt_end = self._segment_end(c.start, limit, cuts, "sentence bar dash")
            piece = self.text[c.start : nxt_end]
            if self._prefix_at(c.start, bracket=False) or piece.lstrip().startswith("©"):
                break
            if not self._name_list_like(piece):
                break
            end = nxt_end
        return end

    def _last_segment(
        self,
        rs: int,
        re_: int,
        cuts: list[_Cut],
        brackets: list[tuple[int, int]],
        slash: bool,
        trusted: bool,
    ) -> _Candidate | None:
        """An unprefixed credit closing the region, after a sentence end, a bar or a dash."""
        text = self.text
        re_ = self._trim(rs, re_)[1]
        if re_ <= rs:
            return None
        strong = [c for c in cuts if c.kind in ("sentence", "bar", "dash", "bracket") and c.start < re_]
        k = len(strong) - 1
        start = strong[k].start if k >= 0 else rs
        # Extend backwards over name-only segments: "Steven Puetzer | The Image Bank | Getty Images".
        while k >= 0 and strong[k].kind in ("bar", "dash") and len(strong) - k < 8:
            prev_start = strong[k - 1].start if k > 0 else rs
            head = text[prev_start : strong[k].end]
            if head.rstrip().endswith((".", "!", "?")) or not self._name_list_like(head):
                break
            if self._prefix_at(prev_start, bracket=False):
                break
            start, k = prev_start, k - 1
        candidates = [start]
        weak = [c.start for c in cuts if c.kind == "weak" and start < c.start < re_]
        if weak:
            candidates.append(weak[-1])
        for s in candidates:
            if _inside(s, brackets):
                continue
            segment = text[s:re_]
            if trusted:
                if s == rs:
                    return _Candidate(s, re_, prefixed=True, trusted=True)
                head = text[rs:s]
                if self._caption_like(head) and self._name_list_like(segment):
                    return _Candidate(s, re_, prefixed=True, trusted=True)
                return _Candidate(rs, re_, prefixed=True, trusted=True)
            if self.kind == "text" and s == rs and _BYLINE.match(segment):
                return None  # "By Jane Doe, Associated Press" is a byline
            cut_here = next((c for c in cuts if c.start == s), None)
            if slash:
                return _Candidate(s, re_, prefixed=True)
            single_tail = "/" not in segment and not _VIA_WORD.search(segment)
            if cut_here is not None and cut_here.kind in ("bar", "dash") and single_tail:
                before = text[: cut_here.end].rstrip()
                if not before.endswith((".", "!", "?", ")")):
                    continue
            return _Candidate(s, re_, prefixed=False)
        return None

    def _acronym_expansion(self, open_: int, inner: str) -> bool:
        """'Environmental Protection Agency (EPA)': the acronym follows its own expansion."""
        acronym = inner.strip()
        letters = acronym.replace("-", "")
        if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
            return False
        before = self.text[max(0, open_ - 200) : open_]
        words = [w for w in _ASCII_WORD.findall(before) if w.lower() not in _ACRONYM_SKIP]
        tail = words[-len(letters) :] if len(words) >= len(letters) else []
        if "".join(w[0] for w in tail).upper() == letters:
            return True
        parts = [p for w in words[-len(letters) :] for p in w.split("-") if p]
        return "".join(p[0] for p in parts[-len(letters) :]).upper() == letters

    # -- judging text -----------------------------------------------------------------------------

    def _name_list_like(self, text: str, contributors: bool = True) -> bool:
        """Whether ``text`` is only names separated by credit separators (no prose)."""
        text = text.strip(" -–—|:,.;")
        if not text or len(text) > 120:
            return False
        words = _LIST_WORD.findall(text)
        if not words or len(words) > 12:
            return False
        if _prose_words(text):
            return False
        for piece in _LIST_SEPARATOR.split(text):
            tokens = piece.split()
            if len(tokens) > 6 or len(piece) > 60 or _CJK_RUN.search(piece):
                return False
            # "iStock", "eThekwini" are brands; "quake" in "East Coast quake" is a caption word.
            lower = [
                t
                for t in tokens
                if t[:1].islower()
                and not _UPPER_OR_DIGIT.search(t)
                and t.casefold().rstrip(".") not in _NAME_WORDS
            ]
            if not lower or len(tokens) == 1 or " ".join(tokens).casefold() in _AGENCY_PHRASES:
                continue
            # "miodrag ignjatovic" is a contributor; "View of sandy Beach" is a caption.
            if contributors and len(lower) == len(tokens) <= 3:
                continue
            return False
        return True

    def _caption_like(self, text: str) -> bool:
        """Whether ``text`` reads as a caption rather than names (it is the head of a credit)."""
        stripped = text.strip(" -–—|:,;")
        if stripped.endswith((".", "!", "?")) and len(stripped.split()) > 1:
            return True
        return not self._name_list_like(stripped)

    # -- notices ----------------------------------------------------------------------------------

    def _notices(self) -> Iterator[_Found]:
        """Copyright notices, and credits written with a copyright mark, in text order.

        Yields (start, end, notice, credit) where ``credit`` is the region of a credit that a
        © opened ("© AFP / MARCO BERTORELLO"); the reader parses it as a credit.
        """
        text = self.text
        covered = 0
        marks: list[re.Match[str]] = []
        for m in _MARK.finditer(text):
            if len(marks) >= _MAX_MARKS:
                break  # a block of hundreds of marks is not a page of notices
            if self._mark_ok(m):
                marks.append(m)
        starts = [m.start() for m in marks]
        for i, m in enumerate(marks):
            start = m.start()
            if start < covered:
                continue
            window = min(len(text), start + _MAX_NOTICE)
            # Marks in a row are one notice: "Copyright © 2020", "© Copyright 2022", "Copyright 2022 ©".
            pos = m.end()
            while pos < window:
                mark = _MARK_AT.match(text, pos, window)
                if mark and mark.end() > pos and mark.group(0).strip():
                    pos = mark.end()
                    continue
                lead = _HOLDER_LEAD.match(text, pos, window)
                if lead and lead.end() > pos:
                    pos = lead.end()
                    continue
                break
            nxt = bisect.bisect_left(starts, pos, i + 1)
            limit = min(starts[nxt] if nxt < len(starts) else len(text), window)
            body_start = _skip_space(text, pos, limit)
            head_years = _years(text[start:body_start])
            credit = self._mark_credit(m, body_start, limit, head_years)
            if credit is not None:
                cs, ce = credit
                covered = ce
                yield start, ce, None, (cs, ce)
                continue
            holder_end = self._holder_end(body_start, limit)
            holder_raw = text[body_start:holder_end]
            end = self._notice_end(holder_end, limit)
            notice_start = start
            if start > 0 and self.block.text[start - 1 : start + 1] == "Â©":
                notice_start = start - 1  # mojibake: the "Â" is part of the mark
            # "2020 © Solarthemen", "BBC © 2014": a year or the holder before the mark.
            lo = max(0, start - 12)
            before = re.search(r"((?:19|20)\d{2})\s*$", text[lo:start])
            if before:
                notice_start = lo + before.start(1)
            holder, holder_start = _clean_holder(holder_raw, body_start)
            if not holder:
                back = self._holder_before(notice_start)
                if back is not None:
                    holder, holder_start = back
                    notice_start = holder_start
            years = _years(text[notice_start:end])
            if not holder and not years:
                if start >= covered:
                    covered = end
                continue
            raw_end = _rstrip(text, notice_start, end)
            covered = max(end, raw_end)
            attribution = self._notice(notice_start, raw_end, years, holder, holder_start)
            yield notice_start, raw_end, attribution, None
        if not marks or self.kind == "copyright":
            markless = self._markless_notice(covered)
            if markless is not None:
                yield markless

    def _mark_ok(self, m: re.Match[str]) -> bool:
        """Whether a mark opens a notice (a © always; "Copyright" and "(c)" only in position)."""
        token = m.group(0)
        text = self.text
        if token in ("©", "&copy;"):
            return True
        before = text[max(0, m.start() - 3) : m.start()].rstrip()
        after = text[m.end() : m.end() + 12]
        at_boundary = not before or before[-1] in '.|/—–-:;)(]•·*,<"“' or m.start() < 3
        follows = re.match(r"\s*(?:©|\([cC]\)|(?:19|20)\d{2}\b|@\s*\d)", after)
        if token.lower() == "(c)":
            if re.search(r"\([bB]\)", text[: m.start()]):
                return False  # "(a) …; (b) …; (c) The agency": a list, not a mark
            return bool(follows) or (at_boundary and bool(re.match(r"\s*[A-Z]", after)))
        if token == "copyright" and not follows:
            return False
        if follows:
            return True
        if not at_boundary:
            return False
        # "Copyright Office officials said …" is a sentence about copyright, not a notice.
        sentence = _SENTENCE.split(text[m.end() : m.end() + 200], maxsplit=1)[0]
        if _prose_words(sentence, _VERBS):
            return False
        return bool(re.match(r"\s*(?:[:(]\s*)?(?:[A-Z\"“«]|of\b|by\b)", after))

    def _mark_credit(
        self, m: re.Match[str], body: int, limit: int, head_years: list[int]
    ) -> tuple[int, int] | None:
        """The region of a credit written with a mark ("© AFP / MARCO BERTORELLO"), if it is one."""
        if head_years:
            return None
        text = self.text
        seg_end = self._piece_end(body, limit)
        body_text = text[body:seg_end]
        if not body_text.strip() or _YEAR.search(body_text) or _RESERVED.search(text, body, limit):
            return None
        if re.search(r"\d", text[m.end() : body]):
            return None  # "© 0 Reuters": a broken year is still a year
        slash = _SLASH.search(body_text) is not None
        if self.kind == "copyright" and not (slash or self._prefix_at(body, False)):
            return None
        end = seg_end
        # "© DPA Images | Christoph Soeder": names after a bar belong to the credit.
        while end < limit:
            bar = re.match(r"\s*[|•·]\s*", text[end:limit])
            if bar is None:
                break
            nxt = self._piece_end(end + bar.end(), limit)
            if not self._name_list_like(text[end + bar.end() : nxt]):
                break
            end = nxt
        # "Copyright Frank Franklin II/Copyright 2026 The AP": a credit that runs into a notice.
        runs_into_notice = end == limit and text[body:limit].rstrip().endswith("/")
        pieces = [p for p in re.split(r"\s*(?:/|\||\bv[ií]a\b|,)\s*", text[body:end].strip()) if p]
        if any(_LEGAL_FORM.search(p) for p in pieces):
            return None  # "© Thomson Reuters Limited": a company's legal name makes a notice
        worded = "opyright" in text[m.start() : body] or "OPYRIGHT" in text[m.start() : body]
        # "(Image: © HandyGames)", "Foto: © Hanohiki": a prefix just before the mark.
        prefixed = re.search(
            r"(?i:photo(?:graph)?s?|images?|pictures?|fotos?|bild(?:er)?|credits?|quelle|bildquelle"
            r"|source|illustration)\s*[:：]\s*$",
            text[max(0, m.start() - 24) : m.start()],
        )
        pictureish = (
            slash
            or runs_into_notice
            or prefixed is not None
            or self._prefix_at(body, bracket=False)
            or (self.kind in ("caption", "credit") and not worded)
            or any(self._is_picture_source(p) for p in pieces)
        )
        if not pictureish:
            return None
        end = _rstrip(text, body, end)
        return (body, end) if end > body else None

    def _piece_end(self, start: int, limit: int) -> int:
        """The end of the sentence or bar-separated piece that starts at ``start``."""
        stop = _SENTENCE_OR_BAR.search(self.text, start, limit)
        if stop is None:
            return limit
        return stop.start() + (1 if self.text[stop.start()] in ".!?" else 0)

    def _is_picture_source(self, name: str) -> bool:
        res = self.resolver.resolve(name.strip(" .,;:"))
        if res is not None:
            return self.resolver.ruleset[res.rule].kind in ("agency", "distributor")
        return _known_source(name)

    def _holder_end(self, start: int, limit: int) -> int:
        text = self.text
        end = limit
        cut = _HOLDER_CUT.search(text, start, limit)
        if cut is not None:
            end = cut.start()
        # "News Group Newspapers Limited in England No. 679215": prose after the name.
        for m in re.finditer(r"\s([a-z]+)\b", text[start:end]):
            if m.group(1) in _PROSE and m.start() > 0:
                end = start + m.start()
                break
        # "Mortons Media Group Ltd, Media Centre, Morton Way": an address after the legal form.
        for m in re.finditer(r"([A-Za-z.]+)\s*,\s*([A-Za-z.]*)", text[start:end]):
            if m.group(1).replace(".", "").casefold() in _CORPORATE and (
                m.group(2).replace(".", "").casefold() not in _CORPORATE
            ):
                end = start + m.start() + len(m.group(1))
                break
        for m in _SENTENCE.finditer(text, start, end):
            if self._notice_sentence_end(m.start(), end):
                return m.start()
        return end

    def _notice_sentence_end(self, dot: int, limit: int) -> bool:
        text = self.text
        if text[dot] in "!?":
            return False  # "Yahoo! Inc.", "OK! Verlag": brand names
        if text[dot] != ".":
            return True
        nxt = re.match(r"\s*([\w.]+)", text[dot + 1 : limit])
        following = nxt.group(1).casefold().rstrip(".") if nxt else ""
        lo = max(0, dot - 24)
        m = re.search(r"([\w.’'-]+)$", text[lo:dot])
        token = (m.group(1) if m else "").casefold()
        if token.replace(".", "") in _CORPORATE or token in ("co", "l.p", "s.a", "k.k", "s.l"):
            # "Co. KG", "Ltd. 2024": the name or its years go on after the legal form.
            return following.replace(".", "") not in _CORPORATE and not _YEAR.match(following)
        return self._ends_sentence(dot)

    def _notice_end(self, holder_end: int, limit: int) -> int:
        """Where a notice ends: after its holder, a trailing year and "All rights reserved"."""
        text = self.text
        m = _RESERVED_TAIL.match(text, holder_end, limit)
        return m.end() if m else holder_end

    def _holder_before(self, mark: int) -> tuple[str, int] | None:
        """A holder written before the mark: "BBC © 2014", "Jamaica Observer, 2022 © ..."."""
        text = self.text
        lo = max(0, mark - 80)
        chunk = text[lo:mark]
        boundary = max((m.end() for m in re.finditer(r"[.|•·:>]\s+|^\s*", chunk)), default=0)
        piece = chunk[boundary:]
        holder, offset = _clean_holder(piece, lo + boundary)
        if not holder or len(holder.split()) > 6 or not self._name_list_like(holder):
            return None
        return holder, offset

    def _markless_notice(self, covered: int) -> _Found | None:
        """A notice without a mark: "The Japan Times LTD. All rights reserved.", "2019 Invision"."""
        text = self.text
        if covered >= len(text):
            return None
        reserved = _RESERVED.search(text, covered) if _may_reserve(text) else None
        start = covered
        if reserved is not None:
            head_lo = max(covered, reserved.start() - 100)
            chunk = text[head_lo : reserved.start()]
            cuts = [m.end() for m in re.finditer(r"(?<=[a-z\d])[.!?]\s+(?=[A-Z])|[|•·]\s*", chunk)]
            start = head_lo + (cuts[-1] if cuts else 0)
            holder_part = text[start : reserved.start()]
            holder, holder_start = _clean_holder(holder_part, start)
            years = _years(holder_part)
            after = re.match(r"[\s.,:|•-]*([^.|•]{2,60}?)[\s.]*$", text[reserved.end() :])
            if not holder and not years and after and self._name_list_like(after.group(1)):
                # "Tous droits réservés Euronews": the holder follows the phrase.
                holder_start = reserved.end() + after.start(1)
                holder = after.group(1)
                end = _rstrip(text, start, holder_start + len(holder))
                return start, end, self._notice(start, end, [], holder, holder_start), None
            if not holder and not years:
                return None
            if holder and not self._name_list_like(re.sub(r"[,.]", " ", holder)):
                return None
            end = _rstrip(text, start, reserved.end())
            return start, end, self._notice(start, end, years, holder, holder_start), None
        if self.kind != "copyright":
            return None
        start = _skip_space(text, covered, len(text))
        end = _rstrip(text, start, min(len(text), start + _MAX_NOTICE))
        body = text[start:end]
        years = _years(body[:12])
        if not years:
            return None
        lead = _YEAR.match(body)
        hs = start + (lead.end() if lead else 0)
        holder, holder_start = _clean_holder(text[hs : self._holder_end(hs, end)], hs)
        return start, end, self._notice(start, end, years, holder, holder_start), None

    def _notice(self, start: int, end: int, years: list[int], holder: str, holder_start: int) -> Attribution:
        names: tuple[Name, ...] = ()
        holder_value: str | None = holder or None
        if holder:
            res = self._resolve(holder)
            span = self.block.span(holder_start, holder_start + len(holder))
            original = self.block.text[holder_start : holder_start + len(holder)]
            if res is not None:
                names = (Name(original, span, "organisation", res.rule, res.score, res.alias),)
                holder_value = res.rule
            else:
                names = (Name(original, span, "organisation"),)
                holder_value = original
        return Attribution(
            AttributionKind.COPYRIGHT,
            self.block.text[start:end],
            self.block.span(start, end),
            names,
            max(years) if years else None,
            holder_value,
            self.block.image,
        )

    def _resolve(self, name: str) -> Resolution | None:
        res = self.resolver.resolve(name)
        if res is not None:
            return res
        # "Guardian News & Media Limited", "Capitol Hill Publishing Corp.": legal forms.
        bare = _LEGAL_TAIL.sub("", name)
        if bare != name and bare:
            return self.resolver.resolve(bare)
        return None

    # -- credits ----------------------------------------------------------------------------------

    def _parse_credit(self, cand: _Candidate) -> Attribution | None:
        text = self.text
        start, end = cand.start, min(cand.end, cand.start + _MAX_CREDIT + 200)
        prefixed, courtesy, explicit = cand.prefixed, False, False
        # Peel wrappers, marks and prefixes ("(© Foto: ", "Photo by Courtesy of ").
        for _ in range(6):
            start = _skip_space(text, start, end)
            if start >= end:
                return None
            ch = text[start]
            nxt = text[start + 1 : start + 2]
            # "— Brian Cassella, …" loses its dash; "-/AFP via Getty Images" keeps its "-".
            dash = ch in "-–—" and (not nxt or nxt.isspace())
            if ch in "*_\"“„'>" or dash or (ch in "([" and _closing(text, start, end) == end - 1):
                if ch in "([":
                    end -= 1
                start += 1
                continue
            m = _COURTESY.match(text, start)
            if m is not None:
                start = m.end()
                prefixed = courtesy = True
                continue
            m = _MARK_LEAD.match(text, start) or _PREFIX.match(text, start) or _LEAD_PREFIX.match(text, start)
            if m is None and (cand.bracket or cand.trusted):
                m = _BARE_PREFIX.match(text, start) or _VIA.match(text, start)
            if m is None and cand.trusted and prefixed:
                m = _BYLINE.match(text, start) or _GENERIC_LABEL.match(text, start)
            if m is not None and m.end() > start:
                # "Credit:", "Photographer:" say outright that names follow, even in lower case.
                explicit = explicit or re.search(r"(?i)credit|photographer", m.group(0)) is not None
                start = m.end()
                prefixed = True
                continue
            break
        by = _BYLINE.match(text, start)
        if by is not None and prefixed and not cand.prefixed:
            start = by.end()  # "© By Jane Doe"
        # Editors' notes go; the credit's own tags stay in its text but name nobody.
        note = _editor_note(text, start, end)
        if note is not None and note.start() > start:
            end = note.start()
        end = _rstrip(text, start, end)
        while end > start and text[end - 1] in ")]" and _opening(text, start, end - 1) is None:
            end = _rstrip(text, start, end - 1)
        if end <= start or end - start > _MAX_CREDIT:
            return None
        core_end = end
        tag = TAIL_TAG.search(text, start, end)
        if tag is not None and tag.start() > start:
            core_end = _rstrip(text, start, tag.start())
        names = self._split_names(start, core_end, courtesy)
        if not names:
            return None
        if not self._plausible(start, core_end, names, prefixed, cand, explicit):
            return None
        return Attribution(
            AttributionKind.PHOTO_CREDIT,
            self.block.text[start:end],
            self.block.span(start, end),
            tuple(names),
            image=self.block.image,
        )

    def _plausible(
        self,
        start: int,
        end: int,
        names: list[Name],
        prefixed: bool,
        cand: _Candidate,
        explicit: bool = False,
    ) -> bool:
        """Whether the parsed names make a credit here (prose that mentions an agency does not)."""
        text = self.text[start:end]
        words = _PLAIN_WORD.findall(text)
        # Each form of markup holds one of these; a credit seldom does, which spares the scan.
        if ("<" in text or "/>" in text or '="' in text) and _MARKUP.search(text):
            return False  # '<doc-id regsrc="AP" />': a tag of a file read as text
        if cand.trusted:
            # A credit element may still hold a sentence of legalese or URLs.
            if len(words) > 40 or "://" in text:
                return False
            if (len(_prose_words(text, _VERBS)) > 0 and len(words) > 5) or len(_prose_words(text)) > 2:
                return False
            return len(_WORD_CHAR.findall(text)) >= 2
        if len(words) > 25:
            return False
        if prefixed:
            if _prose_words(text, _VERBS):
                return False
            stock = explicit or any(_stock(n.text) for n in names)
            # "Photos: Steve Jobs resigns" labels a gallery; a credit after a prefix is names
            # ("La Presse canadienne" may hold a lower-case word: it is an organisation's name).
            return all(
                self._name_list_like(n.text, contributors=stock) or _handle(n.text) or _org_named(n.text)
                for n in names
                if n.role in ("person", "organisation") and n.rule is None
            )
        if _prose_words(text) or "://" in text or _ID_COLON.search(text):
            return False  # prose, a URL, an id such as "tag:reuters.com,0000:newsml_…"
        if len(names) == 1 and _DOMAIN.fullmatch(names[0].text) and not _stock(names[0].text):
            return False  # "reuters.com" alone names a site; "Shutterstock.com" credits a library
        if len(words) > 14 or not self._name_list_like(text):
            return False
        sources = [n for n in names if n.role == "organisation"]
        evidence = any(n.rule is not None or _known_source(n.text) for n in names)
        separated = bool(_SEPARATED.search(text))
        if cand.bracket:
            if evidence:
                return True
            media = any(n.role == "organisation" and set(_words(n.text)) & _MEDIA_WORDS for n in names)
            people = any(n.role == "person" for n in names)
            # "(Marc Israel Sellem/POOL)", "(Ben Nelms/CBC)": a photographer and whom for.
            credited = people and any(n.role in ("organisation", "role") for n in names)
            return media or (separated and credited)
        people = any(n.role == "person" for n in names)
        if not separated and evidence and self._lone_comma_credit(start, end, names):
            return True
        if not evidence:
            # "Tomer Appelbaum/Haaretz" alone: a photographer and an unknown source.
            slashed = "/" in text and 2 <= len(names) <= 4
            return slashed and people and bool(sources)
        return separated or len([n for n in names if n.role != "role"]) == 1

    def _lone_comma_credit(self, start: int, end: int, names: list[Name]) -> bool:
        """A whole line such as "Al Goldis, Associated Press": a photographer and a licensed source.

        In a sentence the same words are an appositive or a byline's tail, so only a block that
        holds nothing else, or nothing but sentences before it, counts, and only a person with a
        source that a rule names.
        """
        if self.kind == "credit" or len(names) != 2 or "," not in self.text[start:end]:
            return False
        note = _EDITOR_NOTE.match(self.text, end)  # ", May 20, 2012" after the credit
        tail = self.text[note.end() if note is not None else end :]
        head = self.text[:start].rstrip(' \t-–—*_"“(')
        # Alone in the block, or closing a caption after its last sentence ("… on Monday. Jane
        # Doe, AP"); never inside a sentence.
        after_sentence = head.endswith((".", "!", "?")) and self._ends_sentence(len(head) - 1)
        if (head and not after_sentence) or tail.strip(' \t.)"”*_'):
            return False
        if len(self.text[start:end].split()) > 6:
            return False
        roles = sorted(n.role for n in names)
        return roles == ["organisation", "person"] and any(n.rule is not None for n in names)

    def _split_names(self, start: int, end: int, courtesy: bool) -> list[Name]:
        text = self.text
        pieces: list[tuple[int, int, str]] = []  # (start, end, separator kind before it)
        pos, before = start, ""
        seps = list(_SEPARATOR.finditer(text, start, end))
        skip_until = -1
        for m in seps:
            if m.start() < skip_until:
                continue
            kind = m.lastgroup or ""
            if kind == "comma" and _corporate_follows(text, m.end(), end):
                continue
            if kind == "stop" and not self._ends_sentence(m.start()):
                continue
            if kind == "bracket" and m.group(0).strip() == "(":
                close = _closing(text, m.start() + m.group(0).index("("), end)
                if close is not None and _PLACE.fullmatch(text[m.end() : close].strip()):
                    # "The Gloucester Daily Times (Gloucester, Mass.)": a place, part of the name
                    skip_until = close + 1
                    continue
            if kind == "dash" and m.group(0).strip() == "-" and not m.group(0).startswith(" "):
                continue
            pieces.append((pos, m.start(), before))
            pos, before = m.end(), kind
        pieces.append((pos, end, before))
        names: list[Name] = []
        raw: list[tuple[int, int, str]] = []
        for piece_start, piece_end, sep in pieces:
            s, e = _strip_name(text, piece_start, piece_end)
            if e > s:
                raw.extend(self._hyphen_split(s, e, sep))
        for idx, (s, e, sep) in enumerate(raw):
            name = self._name(s, e, sep, raw, idx, courtesy and idx == 0)
            if name is not None:
                names.append(name)
        return names

    def _hyphen_split(self, s: int, e: int, sep: str) -> list[tuple[int, int, str]]:
        """'MohammedBadra-EPA-EFE': split at a hyphen only where one side is a rule's alias."""
        piece = self.text[s:e]
        if "-" not in piece or self.resolver.resolve(piece) is not None:
            return [(s, e, sep)]
        for m in _HYPHEN.finditer(piece):
            left, right = piece[: m.start()], piece[m.end() :]
            if not left.strip() or not right.strip():
                continue
            if self.resolver.is_exact_alias(right) or self.resolver.is_exact_alias(left):
                return [(s, s + m.start(), sep), (s + m.end(), e, "dash")]
        return [(s, e, sep)]

    def _name(
        self, s: int, e: int, sep: str, pieces: list[tuple[int, int, str]], idx: int, courtesy: bool
    ) -> Name | None:
        text = self.text
        m = _NAME_LABEL.match(text, s)
        if m and m.end() < e and text[m.end() : e].strip():
            s = _skip_space(text, m.end(), e)
        m = _COURTESY.match(text, s)
        if m and m.end() < e:
            s = m.end()
            courtesy = True
        # Bounds rather than slices: the lookaheads see no further than ``e`` either way.
        m = _VIA_OR_YEAR.match(text, s, e)
        if m:
            s = m.end()  # "Bildquelle: via REUTERS", "2011 Getty Images"
        if len(_DIGIT.findall(text, s, e)) >= 5 or not _LETTER.search(text, s, e):
            return None  # a picture or story id ("dpa:230428-99-483045"), not a name
        # A name never starts or ends in a space, whatever the separator left around it.
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        seg = text[s:e]
        original = self.block.text[s:e]
        span = self.block.span(s, e)
        key = " ".join(_YEAR_WORD.sub(" ", seg.casefold()).split())
        if sep == "for":
            return Name(original, span, "client")
        # "Pool", "File 2013", and a job title after a name: "Karl Tate, Infographics Artist".
        if key in _ROLES or _is_title(key):
            return Name(original, span, "role")
        res = self.resolver.resolve(seg)
        if res is not None:
            return Name(original, span, "organisation", res.rule, res.score, res.alias)
        if courtesy:
            return Name(original, span, "courtesy")
        return Name(original, span, self._person_or_org(seg, pieces, idx))

    def _person_or_org(self, seg: str, pieces: list[tuple[int, int, str]], idx: int) -> str:
        tokens = seg.split()
        words = set(_words(seg))
        if _known_source(seg) or words & _ORG_WORDS:
            return "organisation"
        if ("." in seg and _DOMAIN.search(seg)) or seg.startswith("@"):  # both forms hold a "."
            return "organisation"
        if words & _NOT_IN_NAMES or any(w.endswith(_BRAND_ENDINGS) and len(w) > 7 for w in words):
            return "organisation"  # "All About Space", "Jupiterimages", "ChinaFotoPress"
        if not any(c.isalpha() and (c.isupper() or c.islower()) for c in seg):
            return _uncased_role(seg)
        first = tokens[0].casefold()
        if len(tokens) > 1 and first in _ORG_PREFIX_WORDS:
            return "organisation"
        if any(_POSSESSIVE.search(t) for t in tokens[:-1]):
            return "organisation"  # "Tom's Hardware"
        stock_neighbour = self._next_to_stock(pieces, idx)
        if len(tokens) == 1:
            token = tokens[0]
            if stock_neighbour and not token.isupper():
                return "person"  # a stock contributor's handle: "iStock/baytunc"
            if _handle(token):
                return "person"
            # "MohammedBadra-EPA-EFE": a first and last name run together, next to an agency.
            run_together = _RUN_TOGETHER.fullmatch(token) is not None
            if run_together and idx == 0 and self._next_to_agency(pieces, idx):
                return "person"
            if _INITIALS_SURNAME.fullmatch(token):
                return "person"  # "R.Schmitt"
            return "organisation"
        if any(_acronym(t) for t in tokens[:-1]) and not all(t.isupper() for t in tokens):
            return "organisation"  # "UK Parliament", "Scottish SPCA" stays ambiguous
        if len(tokens) > 5:
            return "organisation"
        if all(_name_token(t) for t in tokens):
            return "person"
        if stock_neighbour or all(t.islower() and t.isalpha() for t in tokens):
            return "person"  # "miodrag ignjatovic", "lili sams": lower-case contributor names
        return "organisation"

    def _next_to_agency(self, pieces: list[tuple[int, int, str]], idx: int) -> bool:
        if idx + 1 >= len(pieces):
            return False
        s, e, _sep = pieces[idx + 1]
        name = self.text[s:e]
        return self.resolver.resolve(name) is not None or _known_source(name)

    def _next_to_stock(self, pieces: list[tuple[int, int, str]], idx: int) -> bool:
        """Whether the name at ``idx`` stands where a stock library puts its contributor.

        That is first or last, next to the library: "iStock/baytunc", "smolaw11/iStock".
        A name in the middle is a collection: "Kane Skennar/Photodisc/Getty Images".
        """
        if 0 < idx < len(pieces) - 1:
            return False
        for j in (idx - 1, idx + 1):
            if 0 <= j < len(pieces):
                s, e, _sep = pieces[j]
                if _stock(self.text[s:e]):
                    return True
        return False


# --- small helpers -------------------------------------------------------------------------------


def _split_at_barriers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(_BARRIER + "+", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _holds_any(text: str, chars: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds one of ``chars``, without slicing it."""
    return any(text.find(ch, start, end) != -1 for ch in chars)


# Every editor's note holds one of these words, but for the two forms that close the text with an
# id or a date, which end in a capital letter or a digit.
_NOTE_WORDS = ("NO", "THIS", "FOR", "ATTENTION", "MANDATORY", "EDITORIAL", "ORG", "Tags:")


def _editor_note(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_EDITOR_NOTE.search(text, start, end)``, skipped where no note can be.

    Nearly every region and every credit is searched and almost none holds a note: substring
    tests are several times cheaper than the regex scan.
    """
    for word in _NOTE_WORDS:
        if text.find(word, start, end) != -1:
            return _EDITOR_NOTE.search(text, start, end)
    tail = text[start:end].rstrip()
    if tail and (tail[-1].isdecimal() or "A" <= tail[-1] <= "Z"):
        return _EDITOR_NOTE.search(text, start, end)
    return None


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces and closing punctuation."""
    while end > start and text[end - 1] in " \t\r\n.,;:*_\"”’'»|/-–—•·":
        end -= 1
    return end


def _inside(pos: int, groups: list[tuple[int, int]], opens: list[int] | None = None) -> bool:
    """Whether ``pos`` lies inside one of the (sorted, disjoint) bracket groups."""
    if opens is None:
        opens = [o for o, _c in groups]
    i = bisect.bisect_left(opens, pos) - 1
    return i >= 0 and groups[i][0] < pos <= groups[i][1]


def _bracket_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level, balanced ( ) and [ ] groups in text[start:end] as (open, close) indices."""
    groups: list[tuple[int, int]] = []
    stack: list[int] = []
    # Only brackets change the state: jumping from one to the next beats a Python loop over
    # every character of a long paragraph.
    for m in _BRACKET_CHAR.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in _BRACKETS:
            stack.append(i)
        elif ch in ")]" and stack:
            open_ = stack.pop()
            if _BRACKETS[text[open_]] != ch:
                stack.clear()
                continue
            if not stack and i - open_ <= _MAX_CREDIT:
                groups.append((open_, i))
    return groups


def _closing(text: str, open_: int, end: int) -> int | None:
    depth = 0
    for i in range(open_, min(end, open_ + _MAX_CREDIT + 2)):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth == 0:
                return i
    return None


def _opening(text: str, start: int, close: int) -> int | None:
    depth = 0
    for i in range(close, start - 1, -1):
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            depth -= 1
            if depth == 0:
                return i
    return None


def _strip_name(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t*_\"“„'([©:.,;-–—+":
        s += 1
    while e > s and text[e - 1] in " \t*_\"”’')]©:,;-–—":
        if text[e - 1] == ")" and "(" in text[s:e]:
            break  # "The Gloucester Daily Times (Gloucester, Mass.)" keeps its place
        e -= 1
    if e > s and text[e - 1] == "." and not _keeps_period(text[s:e]):
        e -= 1
    return s, e


def _keeps_period(name: str) -> bool:
    """Whether a final period belongs to the name ("Inc.", "Ted S.", "Radio Prague Int.")."""
    last = name.rsplit(maxsplit=1)[-1] if name.split() else ""
    token = last.rstrip(".").casefold()
    initial = len(token) == 1 and len(name.split()) > 1
    return token in _CORPORATE or token in _ABBREVIATIONS or initial or "." in last[:-1]


def _corporate_follows(text: str, pos: int, end: int) -> bool:
    m = _NEXT_WORD.match(text, pos, end)
    return m is not None and m.group(1).replace(".", "").casefold() in _CORPORATE


# Atomic groups and possessive quantifiers: "2001 - 2019" can be read several ways, and a
# backtracking regex would try them all.
_YEAR_RUN = r"(?>(?:19|20)\d{2}(?:\s*+[-–—/]\s*+(?:(?:19|20)?\d{2}))?+)"
_HOLDER_HEAD = re.compile(r"(?:[\s,.;:/–-]*+(?:" + _YEAR_RUN + r"|©))++")
_HOLDER_TAIL = re.compile(r"(?<![\s,.;/–\d-])(?:[\s,.;/–-]*+" + _YEAR_RUN + r")++[\s,.;/–-]*+$")


def _clean_holder(raw: str, offset: int) -> tuple[str, int]:
    """A holder's name from the text that holds it, and its offset: no years, no punctuation."""
    raw = raw[:_MAX_NOTICE]
    # Years may stand before or after the holder: "© 2020 Foo", "© Foo GmbH 2001–2020".
    head = _HOLDER_HEAD.match(raw)
    start = head.end() if head else 0
    tail = _HOLDER_TAIL.search(raw, start)
    end = tail.start() if tail else len(raw)
    while start < end and raw[start] in " ,.;:/–-\"“'":
        start += 1
    while end > start and raw[end - 1] in " ,;:/–-'.":
        end -= 1
    # A closing quote stays when the holder opened one: "Organization “TV-Novosti”".
    while end > start and raw[end - 1] in '"”':
        if raw.count("“", start, end) + raw.count('"', start, end - 1):
            break
        end -= 1
    body = raw[start:end]
    if not re.search(r"[^\W\d_]", body):
        return "", offset
    return body, offset + start


def _years(text: str) -> list[int]:
    years: list[int] = []
    for m in _YEAR.finditer(text):
        years.append(int(m.group(1)))
        if m.group(2):
            tail = m.group(2)
            years.append(int(tail) if len(tail) == 4 else int(m.group(1)[:2] + tail))
    return [y for y in years if 1900 <= y <= 2099]


def _words(name: str) -> list[str]:
    """The words of a name, folded, hyphenated words also in parts ("Star-Telegram")."""
    out: list[str] = []
    for t in name.split():
        # A word of letters and digits only has nothing to drop, and most words are such.
        w = (t if t.isalnum() else _NOT_WORD_OR_HYPHEN.sub("", t)).casefold()
        out.append(w.replace("-", ""))
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?")


def _prose_words(text: str, vocabulary: frozenset[str] = _PROSE) -> list[str]:
    """The words of ``text`` that read as running prose ("said", "the poll", "a man")."""
    shouting = text.isupper()
    out: list[str] = []
    for found in _WORD.findall(text):  # strings, not match objects: the pattern has no group
        word = found
        if word.endswith("."):
            if len(word) == 2:
                continue  # an initial: "Andrew A. Nelles"
            word = word[:-1]
        folded = word.casefold()
        if folded not in vocabulary:
            continue
        # "US Navy" and "IN" in a name are not prose; "MAN EXERCISING IN PARK" is.
        if word.islower() or word.istitle() or shouting:
            out.append(folded)
    return out


@lru_cache(maxsize=8192)
def _known_source(name: str) -> bool:
    """Whether ``name`` is a picture agency, stock library or platform we know by name."""
    key = " ".join(re.split(r"[^\w&]+", name.casefold())).strip()
    if not key:
        return False
    if key in _AGENCY_PHRASES or key.replace(" ", "") in _AGENCY_TOKENS:
        return True
    tokens = key.split()
    if any(t in _AGENCY_TOKENS for t in tokens):
        return True
    return any(" ".join(tokens[i : i + 2]) in _AGENCY_PHRASES for i in range(len(tokens) - 1))


def _org_named(name: str) -> bool:
    """Whether a name says it is an organisation: "La Presse canadienne", "CPB project"."""
    tokens = name.split()
    if not any(t[:1].isupper() for t in tokens):
        return False  # "company filings"
    return bool(set(_words(name)) & _ORG_WORDS) or (
        len(tokens) > 1 and tokens[0].casefold() in _ORG_PREFIX_WORDS and tokens[1][:1].isupper()
    )


@lru_cache(maxsize=8192)  # asked about both neighbours of every name, and the same names recur
def _stock(name: str) -> bool:
    key = " ".join(_NON_WORD_RUN.split(name.casefold())).strip()
    tokens = key.split()
    return bool(tokens) and (key in _STOCK or tokens[0] in _STOCK or " ".join(tokens[:2]) in _STOCK)


def _handle(token: str) -> bool:
    """A stock contributor's or social handle: "smolaw11", "mlharing", "demarco-media"."""
    if " " in token.strip():
        return False
    return bool(_HANDLE.fullmatch(token)) and bool(_LOWER.search(token))


def _acronym(token: str) -> bool:
    parts = [p for p in _HYPHEN_OR_SLASH.split(token) if p]
    roman = ("II", "III", "IV", "VI")
    return any(len(p) >= 2 and p.isupper() and p.isalpha() and p not in roman for p in parts)


def _name_token(token: str) -> bool:
    if token.casefold() in _PARTICLES or _NAME_PART.fullmatch(token):
        return True
    first = token[0]
    return first.isupper() and all(c.isalpha() or c in "'’.-" for c in token)


def _is_title(key: str) -> bool:
    words = key.replace(",", " ").split()
    return bool(words) and all(w in _TITLE_WORDS for w in words) and any(w in _TITLE_CORE for w in words)


def _uncased_role(seg: str) -> str:
    """People and organisations in scripts without letter case (Japanese, Korean, Chinese)."""
    if re.search(r"通信|新聞|社|放送|뉴스|일보|신문|통신|방송|뉴시스|캠프|協会|株式会社", seg):
        return "organisation"
    core = seg.split(maxsplit=1)[0] if seg.split() else seg
    return "person" if 2 <= len(core) <= 5 else "organisation"
