"""Word lists and the given-name lexicon behind person tracking (artefact class 12).

Kept apart from :mod:`mtfix.detectors.people` so the detector reads as logic.
Gender evidence comes, strongest first, from an honorific (Mr, Mme...), a
gendered title or noun (spokeswoman, la ministre, queen), a given name that
the offline lexicon of ``gender-guesser`` calls plainly male or female, and
last from the pronouns the article itself uses. The lexicon is loaded once,
lazily (it reads a 2 MB table), and its doubtful answers (``andy``,
``mostly_*``) are kept as weak evidence only: a weak guess never makes a
finding on its own tier better than review.
"""
from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

#: Honorifics and the gender they state ("" = none: Dr, Prof).
HONORIFICS = {
    "mr": "m", "mr.": "m", "m": "m", "m.": "m", "monsieur": "m", "sir": "m", "lord": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "mme": "f", "mme.": "f", "madame": "f",
    "miss": "f", "dre": "f", "dre.": "f", "mlle": "f", "mademoiselle": "f", "lady": "f", "dame": "f",
    "dr": "", "dr.": "", "prof": "", "prof.": "", "professor": "",
}

#: Nouns and titles that name a person of one gender (English, and the French
#: feminine titles MT leaves in the text: "la ministre", "présidente").
GENDERED = {
    **dict.fromkeys("""
        man boy father dad daddy husband son brother uncle nephew grandfather grandpa king prince
        emperor duke spokesman chairman businessman sportsman congressman policeman fireman
        gentleman widower monsieur sir lord boyfriend fiance groom stepfather godfather
        """.split(), "m"),
    **dict.fromkeys("""
        woman girl mother mum mom mommy wife daughter sister aunt niece grandmother grandma granny
        queen princess empress duchess spokeswoman chairwoman businesswoman sportswoman
        congresswoman policewoman actress waitress hostess heiress widow lady madam girlfriend
        fiancee bride stepmother godmother ministre présidente presidente directrice
        sénatrice senatrice députée deputee avocate chanteuse actrice
        """.split(), "f"),
}

#: Royal words for "His/Her Majesty" (the sovereign's gender decides).
ROYAL = {"king": "m", "prince": "m", "emperor": "m", "queen": "f", "princess": "f", "empress": "f",
         "duke": "m", "duchess": "f"}

#: Person nouns of no stated gender that MT articles use for someone just
#: named ("the singer", "the minister"): a definite one is taken as that person.
ROLES = set("""
minister president singer performer artist actor coach striker player star champion director
mayor leader author writer rapper musician designer chef host presenter journalist candidate
senator deputy prosecutor judge lawyer teenager victim suspect interior ceo founder boss
spokesperson athlete footballer captain goalkeeper defender midfielder forward cyclist
tennis swimmer skier rider driver pilot comedian filmmaker producer novelist poet
politician official chancellor governor ambassador premier sovereign monarch heir
""".split())

#: Person nouns for the *other* party of a relation the person named stands
#: in (a lawyer's client, a doctor's patient, a landlord's tenant), or for
#: someone an article leaves unnamed (the accused, a motorist). Such a noun
#: between a name and a pronoun is a possible antecedent of either gender, so
#: the pronoun is not flagged; and ``the client`` just after a named lawyer is
#: never taken as that lawyer (as ``the singer`` after Zaz is). Drawn from the
#: relations in corpora/web/dev and the wmt13 MT outputs (lawyers and clients,
#: teachers and pupils, drivers and passengers), not from test.
OTHER_PARTY = set("""
client customer patient accused defendant plaintiff complainant applicant claimant tenant
landlord landlady employer employee buyer seller vendor owner user subscriber consumer
voter supporter follower reader viewer listener spectator visitor tourist
passenger motorist cyclist pedestrian driver rider interlocutor opponent rival adversary
challenger partner spouse companion colleague teammate classmate roommate neighbour neighbor
friend relative cousin parent child kid baby toddler infant teen teenager adolescent youngster
pupil student trainee apprentice intern recruit newcomer winner loser survivor witness
victim suspect offender perpetrator culprit assailant attacker aggressor killer murderer
shooter robber thief burglar hacker smuggler dealer trafficker kidnapper rapist abuser
detainee inmate prisoner convict fugitive hostage deceased casualty
stranger individual person someone somebody nobody anyone anybody resident inhabitant
citizen taxpayer worker labourer laborer farmer nurse surgeon dentist
pharmacist therapist psychologist psychiatrist specialist expert consultant contractor
lawyer attorney solicitor barrister notary judge magistrate juror investigator detective
officer policeman gendarme soldier agent informant source whistleblower journalist
reporter photographer columnist blogger influencer
""".split()) - (ROLES - {"driver", "rider", "victim", "suspect"})
# A role noun after a name is that person ("the lawyer", "the singer"); the
# parties of an incident are not ("Marie Dupont was hit by a car. The driver
# said he did not see her").


@lru_cache(maxsize=16384)
def person_noun(word: str) -> bool:
    """A singular noun for a person of either gender: the word lists of this
    module and of the pronoun detector, or a noun in ``-ist`` that is not a
    verb (``motorist``, ``columnist``; not ``insist``, ``persist``: English
    writes ``insisted``). Cached per word: person tracking asks it of every
    word of every sentence (50,000 calls on the rules benchmark), for a few
    thousand distinct words."""
    from mtfix.detectors.pronouns import HUMAN
    from mtfix.lexicon import zipf
    w = word.lower()
    if w in OTHER_PARTY or w in ROLES or w in HUMAN:
        return True
    return len(w) >= 7 and w.endswith("ist") and zipf(w + "s") >= 1.5 and zipf(w + "ed") < 1.0


#: Words in ``-man`` that are not a man.
_NOT_MAN = frozenset("human german roman ottoman talisman caiman walkman superhuman inhuman".split())


def plural_person(word: str) -> bool:
    """``attackers``, ``residents``, ``policemen``: a plural person noun."""
    w = word.lower()
    if w.endswith("men") and len(w) > 5:
        return True
    return w.endswith("s") and any(person_gender(x) is not None for x in (w[:-1], w[:-2] if w.endswith("es") else ""))


@lru_cache(maxsize=16384)
def person_gender(word: str) -> str | None:
    """The gender a person noun states ("m", "f", "" for either), or None when
    ``word`` is not a person noun. Compounds go by their head (``ex-husband``,
    ``brother-in-law``, ``grandson``, ``fisherman``, ``businesswoman``), so the
    word lists need not hold every one. Cached per word, as :func:`person_noun`."""
    w = word.lower()
    for pre in ("ex-", "step-", "former-"):
        if w.startswith(pre):
            w = w[len(pre):]
    for post in ("-in-law", "-to-be", "-elect"):
        if w.endswith(post):
            w = w[:-len(post)]
    if w in GENDERED:
        return GENDERED[w]
    if w in ("year-old", "years-old"):
        return ""  # "a 45-year-old from Lyon", "the 18-year-old"
    if w.startswith(("grand", "great-grand")) and w.split("grand")[-1] in GENDERED:
        return GENDERED[w.split("grand")[-1]]
    if w.endswith("woman") and len(w) > 5:
        return "f"
    if w.endswith("man") and len(w) > 5 and w not in _NOT_MAN and w.isalpha():
        return "m"
    return "" if person_noun(w) else None


#: Verbs only a person (or an organisation speaking) does: "it" followed by
#: one of these, after a named person, is the French "il" for that person.
HUMAN_VERBS = set("""
said says evoked evokes declared declares announced announces explained explains confided
confides added adds stressed stresses recalled recalls insisted insists promised promises
admitted admits indicated indicates specified specifies assured assures hoped hopes wished
wishes resigned married confessed confesses revealed reveals regretted regrets deplored
deplores welcomed welcomes denounced denounces criticized criticised criticizes criticises
mentioned mentions affirmed affirms asserted asserts confirmed confirms
""".split())

#: "it has also evoked", "it would be": words allowed between "it" and its verb.
AUXILIARIES = set("""
has had have would will is was also then again had not never already even still
could should might may must did does do
""".split())

#: Last words that make a capitalised run a place or a thing, not a person
#: ("Charles de Gaulle Airport", "Jules Ferry high school").
THING_TAILS = set("""
airport street avenue boulevard square bridge station stadium school college university
institute foundation prize award hospital centre center park hall museum theatre theater
library hotel tower church cathedral road lane quay quai place building company group
""".split())

#: Things "who" must not stand for ("Scotland, who must decide", "towns who").
WHO_THINGS = set("""
country countries town towns city cities village villages region regions state states nation
nations company companies firm firms bank banks institution institutions business businesses
municipality municipalities department departments commune communes province provinces
island islands brand brands kingdom republic republics territory territories market markets
""".split())

MONTHS_DAYS = set("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())

FEMININE = {"she", "her", "hers", "herself"}
MASCULINE = {"he", "him", "his", "himself"}
SWAP = {"he": ("she",), "she": ("he",), "his": ("her",), "hers": ("his",),
        "him": ("her",), "himself": ("herself",), "herself": ("himself",)}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def _detector():
    """The gender-guesser lexicon (about 60,000 given names) as one flat table,
    name (lower case) → its answer, or None when the package is missing:
    person tracking then runs on honorifics, titles and the article's own
    pronouns alone.

    Why flat and cached: the package parses its 48,000-line data file into
    per-country counts on every start (a second of CPU, in every process that
    meets a name), while mtfix only ever asks for the overall answer. Those
    answers are worked out once, with the package's own ``get_gender``, and
    kept in mtfix's cache (:func:`mtfix.rules.cache.cached`, keyed by the
    data file's path, size and time), read back in a few milliseconds."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("gender_guesser.detector")
    except (ImportError, ValueError):  # pragma: no cover - a core dependency, but degrade quietly
        return None
    if spec is None or not spec.origin:  # pragma: no cover
        return None
    from mtfix.rules.cache import cached

    data = os.path.join(os.path.dirname(spec.origin), "data", "nam_dict.txt")
    try:
        st = os.stat(data)
        stamp = f"{data}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:  # a layout the cache cannot key: no cache, same answers
        stamp = ""
    return cached("gender-guesser", stamp.encode(), _answers) if stamp else _answers()


def _answers() -> dict[str, str]:
    import gender_guesser.detector as gd

    d = gd.Detector(case_sensitive=False)
    return {name: d.get_gender(name) for name in d.names}


def _gender_of(table: dict[str, str], name: str) -> str:
    """What ``Detector(case_sensitive=False).get_gender(name)`` answers."""
    return table.get(name.lower(), "unknown")


def warm() -> None:
    """Load the lexicon (the detector's prepare step: outside its time limit)."""
    _detector()


@lru_cache(maxsize=4096)
def given_name_gender(name: str) -> tuple[str, bool]:
    """``(gender, strong)`` for a given name: ("m"|"f"|"", plain answer?).

    ``("", False)`` when the lexicon does not know the name at all, ``("?",
    False)`` when it knows it as a name of either gender (``andy``): both tell
    the caller not to trust a gender. Hyphenated French names go by their
    first part (Jean-Pierre, Marie-Claire).
    """
    d = _detector()
    if d is None or not name[:1].isalpha():
        return "", False
    first = name.split("-")[0]
    for cand in (first, _strip_accents(first)):
        g = _gender_of(d, cand)
        if g in ("male", "female"):
            return g[0], True
        if g in ("mostly_male", "mostly_female"):
            return g[7], False
        if g == "andy":
            return "?", False
    return "", False
