"""The regular expressions of extraction, compiled once, when first used (most are on hot paths)."""

from __future__ import annotations

# Compiled on first use: importing the extractor should not cost every run (a one-file check,
# `--help`) the compiling of expressions that reading its blocks may never need.
from creditcheck import lazyre as re
from creditcheck.extract.vocabulary import CORPORATE, vocab

# --- patterns ------------------------------------------------------------------------------------

LABEL_LEAD = (
    r"(?:(?:left|right|top|bottom|above|below|main|inset|center|centre|oben|unten|links|rechts)"
    r"\s*:\s*)?"
)
PREFIX = re.compile(
    LABEL_LEAD
    + r"""(?:
        (?:©\s*)?photo\s+credit\s+should\s+read\b\s*:?\s*
      | mandatory\s+credit\b\s*:?\s*
      | (?:(?:main|top|header|lead|cover|featured|hero|title|left|right|bottom|inset)\s+)?
        (?:(?:text|texte|words)\s*(?:und|and|&|/|,|et|y)\s*)?
        (?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|bild(?:er)?|illustrations?|graphics?
           |videos?|screenshots?|screengrabs?)
        \s*(?:credits?|source|quelle|rechte)?
        \s*(?:[:：]|\s[-–—]\s?|,(?=\S))\s*(?:(?:by|von|par|por|door)\s*:?\s+)?
      | bildquelle\s*[:：]\s* | bildrechte\s*[:：]\s* | bildnachweis\s*[:：]\s*
      | (?:사진\s*(?:출처|제공)?|출처|写真|画像|提供)\s*[=:：／/]\s*
      | (?:(?:main|top|header|lead|cover|featured|hero|title)\s+)?(?:photo\s+)?
        (?:photo(?:graph)?s?|images?|pictures?|illustrations?|videos?|graphics?|animations?|montage)
        \s+(?:credits?\s+)?(?:by|via|von|par|por)\s*:?\s+
      | photographers?\s*[:：]\s*
      | (?-i:FOTOS?|PHOTOS?|FOTOGRAF[ÍI]A)\s+(?=[A-Z])
      | (?:image|photo|picture|bild|foto)\s+copyright\s*[:：]?\s+
      | (?:archiv|symbol|presse|titel|beitrags|vorschau|header|aufmacher|teaser|profil)
        (?:foto|bild|grafik)s?\s*[:：]\s*
      | (?:photo\s+|image\s+)?credits?\s*(?:[:：]|\s[-–—]\s|\.{2,4}|…)\s*(?:by\s+)?
      | (?:sources?|quelle|fuente|fonte|cr[ée]dits?|cr[ée]ditos?)\s*[:：]\s*
    )""",
    re.I | re.X,
)
# Every match of PREFIX holds one of these, lower-cased (``gate.running_may_yield`` relies
# on it: a change of PREFIX changes this list; tests/test_extract_gate.py checks the two).
PREFIX_CUES = (
    "photo",
    "credit",
    "crédit",
    "image",
    "pic",
    "foto",
    "bild",
    "illustration",
    "graphic",
    "grafik",
    "video",
    "screen",
    "animation",
    "montage",
    "source",
    "quelle",
    "fuente",
    "fonte",
    "사진",
    "출처",
    "写真",
    "画像",
    "提供",
)
# "(Photo Lionel Bonaventure. AFP)", "(photo AFP)": a bare word, only inside a credit's bracket.
BARE_PREFIX = re.compile(r"(?i:photos?|fotos?|picture|screenshots?)\s+(?=[A-Z@])")
VIA = re.compile(r"v[ií]a\s+(?=[A-Z@])")
# "Tribune photos by Chris Walker", "Staff photo by …": one capitalised word, then "photo by".
LEAD_PREFIX = re.compile(
    r"(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Our|Their|My|Your|One|Each|Every)\s)"
    r"[A-Z][a-z]+\s+(?i:photos?|photographs?|pictures?)\s+by\s+"
)
# Every match of LEAD_PREFIX holds "photo" or "pic", lower-cased: both are in PREFIX_CUES.
# Every match of COURTESY holds one of these, lower-cased (see PREFIX_CUES).
COURTESY_CUES = ("courtesy", "gracieuset", "cortes", "submitted", "provided", "supplied", "cedid")
COURTESY = re.compile(
    r"(?:(?:photos?|photographs?|images?|pictures?|illustrations?|videos?)\s+)?"
    r"(?:courtesy(?:\s+of)?|gracieuset[ée]|cortes[ií]a(?:\s+de)?|(?:submitted|provided|supplied)\s+by|cedid[ao]\s+por(?:\s+(?:la|el))?)"
    r"\s*[,:]?\s+",
    re.I,
)
# The characters a match of COURTESY, NAME_LABEL, VIA_OR_YEAR or LICENCE can start with: their
# words' first letters in either case, and what else case-insensitive matching takes for them
# ("İ" and "ı" for "i", "ſ" for "s"). tests/test_extract_guards.py derives each from its pattern.
COURTESY_FIRST = frozenset("pPiIvVcCgGsSİıſ")
NAME_LABEL_FIRST = frozenset("pPiImMgGvVaAbBİı")
VIA_OR_YEAR_FIRST = frozenset("vV12")
LICENCE_FIRST = frozenset("cC")
BYLINE = re.compile(r"by\s+(?=\S)", re.I)
GENERIC_LABEL = re.compile(r"[^\W\d_]{3,16}\s*[:：]\s+")
# A match of MARK_LEAD, MARK or MARK_AT holds "©", "(c)", "&copy;" or "copyright", lower-cased.
MARK_CUES = ("©", "(c)", "&copy;", "copyright")
MARK_LEAD = re.compile(r"\s*(?:©|\([cC]\)|&copy;)\s*")
# Notes agencies append to a credit; they are not part of it ("ATTENTION EDITORS - ...").
# The lookahead names every character a note can start with: without it the engine tries all
# the alternatives at every position of every credit, with it most positions fail at once.
EDITOR_NOTE = re.compile(
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
# Every editor's note holds one of these words, but for the two forms that close the text with an
# id or a date, which end in a capital letter or a digit.
NOTE_WORDS = ("NO", "THIS", "FOR", "ATTENTION", "MANDATORY", "EDITORIAL", "ORG", "Tags:")
# Whether a text holds one of NOTE_WORDS, in one scan: each opens with a capital letter, which
# the engine skips to, where a search for each word is a call and a scan of its own.
NOTE_WORD = re.compile("|".join(NOTE_WORDS))
# Tags that stay part of the credit's text but name nobody: ", File", "TPX IMAGES OF THE DAY".
# The lookahead holds the characters a tag can start with, for the same reason as EDITOR_NOTE's.
TAIL_TAG = re.compile(
    r"(?=[\s,;(+])"
    r"(?:\s*[,;]\s*(?:file|files|file\s+photo|archive)|\s*\((?:file|files|archive)\)|\s+file(?:\s+photo)?"
    r"|\s*\+{2,3}[^+]{0,60}\+{2,3}|\s+TPX(?:\s+IMAGES\s+OF\s+THE\s+DAY)?"
    r"|\s*\((?:composite|illustration|symbolbild|symbolfoto|ausschnitt|m|archiv|archivbild)\))"
    r"\s*[.]?\s*$",
    re.I,
)
BRACKET_TAG = re.compile(
    r"(?i:composite|illustration|symbolbild|symbolfoto|ausschnitt|m|archiv|archivbild|file|files"
    r"|archive|fotomontage|montage|ki|ai|modern|xmp|video)$"
)
# The lookahead holds the characters a separator can start with (see EDITOR_NOTE).
SEPARATOR = re.compile(
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
NAME_LABEL = re.compile(
    r"(?:photo\s+illustration|photo\s+montage|illustration|montage|photos?|images?|pictures?"
    r"|graphic|video|animation)s?\s*(?:by\s+|:\s*)|by\s+(?=\S)",
    re.I,
)
PLACE = re.compile(r"[A-Z][\w .'’-]{1,30},\s*[A-Z][a-z]{1,4}\.?")
DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{1,40}(?:,[^()]{1,40})?\s*\([^()]{1,40}\)\s*(?:[-—–:]|$)")
YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?:\s*[-–—/]\s*((?:19|20)\d{2}|\d{2})(?![\d]))?(?![\d])")
RESERVED_WORDS = (
    r"all\s+rights\s+reserv\w*|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s"
    r"|todos\s+os\s+direitos\s+reservados|(?:todos\s+los\s+)?derechos\s+reservados"
)
# The lookahead holds the letters the phrase can start with (see EDITOR_NOTE).
RESERVED = re.compile(r"(?=[atd])(?:" + RESERVED_WORDS + ")", re.I)
RESERVED_TAIL = re.compile(
    r"(?:[\s.,;|/•-]*(?:(?:19|20)\d{2}))?[\s.,;|/•–-]*(?:" + RESERVED_WORDS + r")[.!]?", re.I
)


def may_reserve(text: str) -> bool:
    """Whether ``text`` can hold a match of RESERVED; two substring tests spare most blocks its scan.

    Every form holds "reserv" or "réserv" or is "vorbehalten", and under re.I none of their
    letters matches anything but itself in either case, so lower-casing finds them all.
    """
    low = text.lower()
    return "reserv" in low or "réserv" in low or "vorbehalten" in low


# "(?<![\w@])(?:Copyright|COPYRIGHT|copyright)(?![\w])" with the lookbehind moved after the first
# letter: alternatives that all open with a literal let the engine skip to those characters.
MARK = re.compile(r"©|&copy;|\([cC]\)|C(?<![\w@]C)(?:opyright|OPYRIGHT)(?![\w])|c(?<![\w@]c)opyright(?![\w])")
MARK_AT = re.compile(r"\s*(?:©|&copy;|\([cC]\)|(?:Copyright|COPYRIGHT|copyright)(?![\w]))\s*:?")
HOLDER_LEAD = re.compile(
    r"\s*(?:@\s*(?=\d)|0\s+(?=[A-Z])|(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:(?:19|20)\d{2}|\d{2}(?!\d)))?"
    r"|[-–—,.:]|by\b|of\b|provided\s+by\b|all\s+contents\b)",
    re.I,
)
# Where a holder's name ends: "…Limited or its affiliated companies", "…Inc. | All Rights
# Reserved", "Ottawa Citizen, a division of …", "… (Hamburg, Germany)", "…, www.iptc.org".
HOLDER_CUT = re.compile(
    r"""\s+[|•·]\s* | \s*\|\s* | (?<!\d)\s[-–—]{1,2}\s(?!\d) | ,\s+an?\s | \s+or\s+its\s
      | \s+and\s+(?:its\s+)?affiliated\b | ,?\s*(?i:https?:|www\.) | \s*[()] | ,\s*(?=[A-Z]\w+\s+by\b)
      | ,\s*(?=[a-z]) | \s*/\s*(?=[a-z]) | \s*\.\s+(?=[a-z])
      | \s*/\s*(?=(?i:photo(?:graph)?s?|fotos?|images?|pictures?|bild(?:er)?|credits?)\s*[:：])
      | [.,;]?\s*(?i:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+os|derechos|all\s+times) | \s?\x00""",
    re.X,
)
# "[.!?…]+" and "(?<=[a-z]{3})[.!?]" written to open with a character class, which lets the engine
# skip straight to punctuation instead of trying the pattern at every position (the check that
# no punctuation stands before comes after the first character, or it would open the pattern). A
# match starts only where a run of punctuation starts, and takes the run whole: tried inside a
# run of 20,000 periods, every position would scan to the run's end (quadratic).
SENTENCE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"”’»)\]]*+(?=\s)")
# SENTENCE, or a period glued to the next sentence ("…on Monday.Jane Doe/Bloomberg": "[.!?](?<=
# [a-z]{3}[.!?])(?=[A-Z][a-z])"), in one scan: no match of either lies inside a match of the
# other, and the character after a match tells them apart (a white space after SENTENCE's).
SENTENCE_OR_GLUED = re.compile(
    r"[.!?…](?:(?<![.!?…][.!?…])[.!?…]*+[\"”’»)\]]*+(?=\s)|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]))"
)
# Names that say they are no person: a domain, prose words, a brand ending in a media word.
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?!\.)|www\.")
NOT_IN_NAMES = vocab("all about from with into over under what how why here there this that our your my")
BRAND_ENDINGS = (
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
ACRONYM_SKIP = vocab("of the and for de la du des")
# A long run of Japanese, Chinese or Korean letters is a sentence, not a name.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{9,}")
SLASH = re.compile(r"(?<=\w)\s*/\s*(?=[^\W\d_@])")
SENTENCE_OR_BAR = re.compile(r"(?<=[a-z\d])[.!?](?=\s+[A-Z])|\s*[|•·]\s|\s[-–—]\s(?=©)|\)|\s?\x00")
LEGAL_FORM = re.compile(r"(?i)\b(?:" + "|".join(sorted(CORPORATE)) + r")\b\.?$")
LEGAL_TAIL = re.compile(r"(?i)(?:[\s,]+(?:" + "|".join(sorted(CORPORATE)) + r")\.?)+$")
BRACKETS = {"(": ")", "[": "]"}
MARKUP = re.compile(r"</?[A-Za-z][\w.:-]*[\s>/]|/>|\w=\"")
# Patterns of the hot paths, compiled once: re.search(r"...") looks each up in re's cache on
# every call, which cost as much as the matching itself on short names. The lookaheads name the
# characters a match can start with (see EDITOR_NOTE).
BAR_CUT = re.compile(r"(?=[\s|])(?:\s*\|\s*|\s+[•·]\s+)")
# "\s[-–—]{1,2}\s+|\s*[—]\s*(?=[A-Z©(])" written to open with the class of its first characters
# (what follows checks behind which it was), so the engine skips to them.
DASH_CUT = re.compile(r"[\s—](?:(?<=\s)[-–—]{1,2}\s+|(?<=\s)\s*—\s*(?=[A-Z©(])|(?<=—)\s*(?=[A-Z©(]))")
# "[:,]\s+|\s/\s+" found from its colon, comma or slash, so the engine skips to those; a slash's
# match starts one character late (``segmentation.colon_cuts`` puts the white space back).
COLON_CUT = re.compile(r"[:,/](?:(?<=[:,])\s+|(?<=\s/)\s+)")
LETTER_ABBREVIATION = re.compile(r"\s?[A-Za-z]\.")
# The run of word characters, periods and apostrophes that ends the text (what "([\w.’'-]+)$" finds
# by searching, trying every start): every earlier run and the character after it taken, without
# going back, then the last run. Matched with the text's end at the end of the run.
LAST_TOKEN = re.compile(r"(?:[\w.’'-]*+[^\w.’'-])*+([\w.’'-]+)\Z")
DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
TAGS_NOTE = re.compile(r"\s-\s+Tags:")
BRACKET_CHAR = re.compile(r"[()\[\]]")
VIA_WORD = re.compile(r"\bvia\b")
ASCII_WORD = re.compile(r"[A-Za-z][\w'-]*")
LIST_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# The lookahead holds the characters a separator can start with (see EDITOR_NOTE).
LIST_SEPARATOR = re.compile(r"(?=[\s/,|;vaf])\s*(?:/|\bv[ií]a\b|,|\||;|\s[-–—]\s|\band\b|\bfor\b)\s*")
UPPER_OR_DIGIT = re.compile(r"[A-Z\d]")
PLAIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")
WORD_CHAR = re.compile(r"\w")
ID_COLON = re.compile(r"[^\W\d_]:[\w]")
SEPARATED = re.compile(r"/|\bvia\b|\||\s-\s|[–—]")
HYPHEN = re.compile(r"-")
VIA_OR_YEAR = re.compile(r"v[ií]a\s+(?=\S)|(?:19|20)\d{2}\s+(?=[^\W\d])", re.I)
DIGIT = re.compile(r"\d")
LETTER = re.compile(r"[^\W\d_]")
YEAR_WORD = re.compile(r"\b(?:19|20)\d{2}\b")
POSSESSIVE = re.compile(r"\w['’]s$")
RUN_TOGETHER = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+")
INITIALS_SURNAME = re.compile(r"(?:[A-Z]\.)+[A-Z][a-zà-ÿ]+")
NEXT_WORD = re.compile(r"\s*([A-Za-z.]+)")
NOT_WORD_OR_HYPHEN = re.compile(r"[^\w-]")
NON_WORD_RUN = re.compile(r"[^\w]+")
HANDLE = re.compile(r"[a-z0-9][\w.\-]*")
LOWER = re.compile(r"[a-z]")
HYPHEN_OR_SLASH = re.compile(r"[-/]")


# Atomic groups and possessive quantifiers: "2001 - 2019" can be read several ways, and a
# backtracking regex would try them all.
YEAR_RUN = r"(?>(?:19|20)\d{2}(?:\s*+[-–—/]\s*+(?:(?:19|20)?\d{2}))?+)"
HOLDER_HEAD = re.compile(r"(?:[\s,.;:/–-]*+(?:" + YEAR_RUN + r"|©))++")
HOLDER_TAIL = re.compile(r"(?<![\s,.;/–\d-])(?:[\s,.;/–-]*+" + YEAR_RUN + r")++[\s,.;/–-]*+$")


WORD = re.compile(r"[^\W\d_][\w'’-]*\.?")


ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


# A Creative Commons licence named in a credit: "CC BY 3.0", "CC BY-SA 3.0 de", "CC0".
LICENCE = re.compile(
    r"(?i)(?:cc0|cc|creative\s+commons)(?:[\s-]+(?:by|sa|nc|nd|zero|0|\d\.\d|[a-z]{2}|licen[cs]e|lizenz))*"
)
_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar[y]?|february|march|april|june|july"
    r"|august|september|october|november|december|februar|märz|mai|juni|juli|oktober|dezember|janvier"
    r"|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo"
    r"|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?"
)
# A date, a time of day or a label with one, which a credit never names as a source:
# "22.04.2020", "06:15", "März 2017", "27. September 2018", "Updated March 28", "Stand: 5".
DATE_PIECE = re.compile(
    r"(?i)(?:(?:updated|published|aktualisiert|veröffentlicht|stand|publicado|actualizado)\b[\s:]*)?"
    r"(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:uhr|h|am|pm))?"
    r"|\d{1,2}\.?\s*" + _MONTHS + r"(?:\s*(?:19|20)\d{2})?"
    r"|" + _MONTHS + r"\s*(?:\d{1,2}(?:,?\s*(?:19|20)\d{2})?|(?:19|20)\d{2})|\d{1,2}|(?:19|20)\d{2})"
)
# "32 mins ago", "Published 4 months ago", "vor 3 Stunden", "2:03 min": a teaser's time or a
# video's length. A text holding one is a list of stories or videos, not a credit.
# Written to open with the characters a match starts with (a digit, "v" of "vor"), the "\b"
# before them checked behind, and case ignored only in the words: a pattern that opens with a
# character class lets the engine skip to those characters. tests/test_extract_patterns.py
# checks it against the plain form.
ELAPSED = re.compile(
    r"[\dvV](?:"
    r"(?<=\d)\d*\s*(?i:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+(?i:ago)\b"
    r"|(?<=[vV])(?<!\w[vV])(?i:or)\s+\d+\s+(?i:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\b"
    r"|(?<=\d)(?<!\w\d)\d?:\d{2}\s*(?i:min|mins|minuten|minutes)\b)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# In a caption, a credit label after the caption's last word with no stop between ("Demut hinter
# Masken Foto: Adobe Stock", "… de la alcaldía FOTO Archivo Particular"): the credit's start.
# Written to open with the space and the label's first letter, the letter before the space
# checked behind them: the engine then jumps from space to space instead of trying every position
# (tests/test_extract_patterns.py checks it against the plain form).
CAPTION_LABEL = re.compile(
    r" (?=[FPBICQS])(?<=[^\W\d_] )"
    r"(?=(?:Fotos?|Photos?|Bild(?:er)?|Image|Credits?|Quelle|Bildquelle|Source|Fuente|Cr[ée]dito?s?)\s*[:：]"
    r"|(?:FOTOS?|PHOTOS?)\s+[A-Z])"
)

# Endings of German and Dutch compound words that name an organisation ("Bundesregierung").
ORG_ENDING = re.compile(
    r"(?i)(?:regierung|ministerium|verband|verein|amt|archiv|museum|agentur|verlag|zeitung|blatt|kammer"
    r"|bank|werk|werke|gruppe|stiftung|institut|klinik|kliniken|zentrum|schule|partei|rat|bund|haus|kirche"
    r"|polizei|wehr|dienst|gemeinde|stadt|press|media|news|foto|photo|pictures|images|tv|film|films)$"
)

# A rank before a military photographer's name: "Airman 1st Class", "Staff Sgt.", "Petty Officer
# 2nd Class", "Mass Communication Specialist 3rd Class", "Lance Cpl.".
RANK = re.compile(
    r"(?:(?:senior|staff|master|technical|tech\.?|chief|first|1st|lance|command|sgt\.?|petty|mass"
    r"\s+communication|army|navy|air\s+force|u\.?s\.?)\s+)*"
    r"(?:airman|sergeant|sgt\.?|corporal|cpl\.?|private|pvt\.?|pfc\.?|specialist|spc\.?|seaman|officer"
    r"|lieutenant|lt\.?|captain|capt\.?|major|maj\.?|colonel|col\.?|ensign)"
    r"(?:\s+(?:1st|2nd|3rd|first|second|third)\s+class)?\s+(?=[A-Z])",
    re.I,
)
# Terms of use after a credit ("© SWR/Hugo Jehle, honorarfrei - Verwendung gemäß der AGB …").
USAGE_TAIL = re.compile(
    r"(?i)(?=[hrfvne])\b(?:honorarfrei|royalty[- ]free|free\s+for\s+editorial"
    r"|verwendung\s+(?:nur|gemäß|gemaess)|nur\s+(?:zur|für)\s+(?:redaktionelle|die)|for\s+editorial\s+use"
    r"|editorial\s+use)\b"
)
# A translation's credit, not a picture's: "Übersetzt ins (en) von", "Translated by".
# "(?i)\b(?:übersetz\w*|translat(?:ed|ion|or)\w*|traduc\w*|traduit\w*)\b" written to open with
# its words' first letters, the "\b" before them checked behind: the engine then jumps from "t"
# to "t" instead of trying every position (the reader searches each credit for it).
# tests/test_extract_guards.py checks it against that plain form.
TRANSLATION = re.compile(
    r"[tTüÜ](?<!\w[tTüÜ])(?i:(?<=t)ra(?:nslat(?:ed|ion|or)|duc|duit)|(?<=ü)bersetz)\w*\b"
)
URL = re.compile(r"https?://\S+")
# The end of a German compound that names an institution: "Siebengebirgsmuseum", "Stadtarchiv".
INSTITUTION_ENDING = re.compile(r"(?i)(?:museum|archiv|bibliothek|ministerium|verein|amt|institut|polizei)\b")

# Chinese names the photographer, then 摄 ("shot"), at a caption's end: "正录制视频 李尕 摄",
# "（新华社记者 王鹏 摄）", "记者李贺摄". The name stands after a space, a bracket or 记者 (reporter).
SHOT_BY = re.compile(
    r"(?:(?<=记者)|(?<![\u4e00-\u9fff]))(?!记者)([\u4e00-\u9fff·]{2,4}(?:\s*[、，,]\s*[\u4e00-\u9fff·]{2,4}){0,3})"
    r"\s*摄(?:影)?\s*[）)]?\s*[。.]?\s*$"
)
