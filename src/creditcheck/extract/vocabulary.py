"""The words extraction knows: roles, titles, agencies, organisations, prose; and its size limits."""

from __future__ import annotations

# Longest stretch of text treated as one credit or one notice; longer is prose or a bug.
MAX_CREDIT = 320
MAX_NOTICE = 240
MAX_SPACE_RUN = 12
MAX_MARKS = 40
MAX_CUTS = 400
MAX_CANDIDATES = 24


# --- vocabulary ----------------------------------------------------------------------------------


def vocab(words: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as text: split at ``sep`` (or white space), spaces collapsed."""
    parts = words.split(sep) if sep else words.split()
    return frozenset(" ".join(p.split()) for p in parts if p.strip())


# Words that name a role in a credit, not a person or a source.
ROLES = vocab(
    """file files archive archives archiv archivbild archivfoto pool handout ho stringer str staff
    stf contributor contributors freelance freelancer uncredited unknown anonymous photo photos
    foto fotos image images picture illustration composite montage screenshot screenshots
    screengrab still supplied provided courtesy symbolbild symbolfoto ausschnitt m twitter x
    instagram facebook youtube tiktok left right top bottom center centre above below inset main
    background tpx privat private privatfoto archivo arquivo cedida cedido cedidas cedidos cortesia
    cortesía contributed submitted divulgação divulgacao reprodução reproducao gemeinfrei
    bildschirmfoto pr 代表撮影 ausriss ilustrativa ilustración illustrativ"""
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
    # "Foto: Privat", "FOTO Archivo Particular", "CONTRIBUTED IMAGE": whose picture it is, not a source.
    "archivo particular",
    "foto archivo",
    "arquivo pessoal",
    "captura de pantalla",
    "capture d'écran",
    "captures d'écran",
    "contributed image",
    "contributed photo",
    "submitted photo",
    "submitted image",
    "private photo",
    "photo supplied",
    "fuente externa",
}
# Labels of contributors other than the photographer: "Styling: Kate Phelan", "Make-up: …",
# "Autorin/Autor …". What follows them is no photo credit.
OTHER_CONTRIBUTORS = vocab(
    """styling stylist styled hair haare make-up makeup grooming casting production produktion
    réalisation realisation regie director creative art text texte autor autorin author authors
    redaktion interview musik music musique model models location props set design manicure
    nails produced written"""
)
# Role words that say the picture was handed out by whoever the credit names with them: the
# giver is not a source to license ("Sony/Handout"). "HO" (AFP's short form) is left out: alone
# in brackets it is too often something else, and "HO/AFP" names its agency anyway.
HANDOUT_WORDS = frozenset(
    {"handout", "handout photo", "handout image", "handout picture", "fuente externa", "cortesía", "cortesia"}
)
# Institutions that give pictures of their own: a bracket naming one closes a caption as its
# credit ("(U.S. District Court, Eastern District of New York)").
INSTITUTION_WORDS = vocab(
    """court courts tribunal police polizei department ministry ministerium government regierung
    museum museo musée archive archives archiv library bibliothek university universität college
    agency office army navy force council foundation institute institut hospital embassy
    parliament commission authority administration nasa esa noaa"""
)
# A pool picture ("(Pool)", "（代表撮影）"): shot by one for all, credited as such.
POOL_WORDS = frozenset({"pool", "pool photo", "代表撮影"})
# Job titles that follow a name: "Karl Tate, Infographics Artist", "David Zalubowski, STF".
TITLE_WORDS = vocab(
    """staff photographer photographers photojournalist artist infographics graphics graphic
    illustrator contributor contributing correspondent writer reporter editor special freelance
    senior chief photo video visual journalist producer designer to the for 기자 記者"""
)
TITLE_CORE = TITLE_WORDS - {"to", "the", "for", "special", "senior", "chief", "photo", "video"}
# Picture agencies, stock libraries and platforms that have no rule of their own in most rule
# sets. They mark a name as an organisation and, in running text, as evidence of a credit.
AGENCY_TOKENS = vocab(
    """shutterstock istock istockphoto gettyimages xinhua zuma nurphoto anadolu wireimage filmmagic
    invision imago alamy corbis bettmann kyodo jiji sipa keystone polaris laif efe apa kcna tass
    ansa belga aap ntb scanpix ritzau lightrocket eyeem unsplash pexels pixabay barcroft
    bongarts redux cuartoscuro dpa ctk čtk afpbb newscom dreamstime 123rf pa depositphotos
    adobestock picturedesk eyevine sopa wenn mediapunch vcg costfoto imaginechina chinafotopress
    ap reuters afp epa upi abaca ddp ullstein pti yonhap newsis news1 stt zumapress uig aa"""
)
AGENCY_PHRASES = vocab(
    """picture alliance|press association|pa wire|pa images|pa media|the canadian press|canadian
    press|getty images|adobe stock|wikimedia commons|europa press|hulton archive|universal images
    group|education images|gamma rapho|us presswire|usa today sports|action images|icon
    sportswire|ap images|image bank|the image bank|rex features|rex shutterstock|sipa usa|anadolu
    agency|press service|jiji press|kyodo news|gc images|ria novosti|agencia lof|gallo images|mct
    |tribune content agency|sportsfile|splash news|magnum photos|usa today""",
    sep="|",
)
# Stock libraries: a single unknown word next to one is a contributor's handle ("iStock/baytunc").
STOCK = vocab(
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
ORG_WORDS = vocab(
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
    beacon argus advertiser pioneer telegram today live gemeinde stadt kommune command robotics
    court courts tribunal administration"""
)
ORG_PREFIX_WORDS = vocab("the el la le les los las il lo die der das de")
MEDIA_WORDS = vocab(
    """press news images photo photos pictures times tribune journal herald gazette chronicle post
    daily telegraph guardian observer courier examiner globe star sun record inquirer dispatch
    register shimbun agency wire tv radio media"""
)
CORPORATE = vocab(
    """inc ltd llc llp lp corp co gmbh ag kg plc sa sl nv bv kk oyj ab as spa pty limited
    corporation company mbh srl"""
)
PARTICLES = vocab(
    """de da del della di du dos das van von der den la le bin ibn al el ter ten y e zu af av st mc
    mac o d"""
)
# Lower-case words that join the parts of a name: "for the Guardian", "City of Tel Aviv".
CONNECTORS = PARTICLES | vocab("the of and for on by via und og och")
# Lower-case words a credit may hold besides names: "Reuters files", "Future plc".
NAME_WORDS = CONNECTORS | ROLES | CORPORATE | vocab("images pictures photo photos")
# Words of running prose: one of them in an unprefixed segment means it is not a credit.
PROSE = vocab(
    """a an is are was were that this said says say told in at to from with has have had will would
    after before during as it its his her their who which when where while not but about into
    than then they we you our your he she been being be can could should may might shows showing
    seen stands walks speaks reported reports according poll found toy brand if so also over
    under up out there here what how why all some more most no yes only my me us them him do
    does did per ist sind im ein eine mit auf für wird est les des une dans sur"""
)
# Strong prose markers, tolerated once in a prefixed credit ("Photographer is my life").
VERBS = vocab(
    """is are was were said says told has have had will would shows showing seen stands walks
    speaks reported according found"""
)
ABBREVIATIONS = vocab(
    """jr sr dr mr mrs ms st mt no sgt gen lt col rep sen gov inc co corp vs bros ft ste int prof
    rev capt cpl pvt adm cmdr supt det insp hon dept univ assn ave blvd"""
)


# --- collective credits --------------------------------------------------------------------------

# Labels that credit pictures in the plural or in general ("Fotos:", "Images by", "Credits:"): a
# line so labelled that is no single picture's credit credits all the story's pictures.
COLLECTIVE_LABEL = (
    r"(?:(?:photo|image|picture|foto|bild)\s+credits|credits|bildnachweise?|fotonachweise?|bildquellen"
    r"|photos|images|pictures|photographs|photography|fotos|bilder)"
)
