"""Titles before names (class 5): ``the general Mark Milley``, ``president Donald Trump``.

French writes *le général Mark Milley*, *le président Donald Trump*; English
drops the article and capitalises the title: ``General Mark Milley``. The
word after the title must be a name, not an ordinary word that happens to be
capitalised (``the general Assembly``): a name is a capitalised word the
lexicon does not know in lower case. ``the American secretary of state, Mike
Pompeo`` (title set off by commas) is good English and is not matched.

The same French habit puts an article before a qualified title (*l'ancien
député socialiste René Dosière* → ``the former socialist deputy René
Dosière``), before a party label (*la socialiste Valérie Rabault*), before a
long title that English would set off with commas (*le porte-parole du
gouvernement Olivier Véran* → ``the spokesman of the government Olivier
Véran``), and leaves French honorifics in front of names (*Me* for a lawyer,
*Pr* for a professor, *Mgr* for a bishop).
"""
from __future__ import annotations

import re

from mtfix.detectors import DetectorContext, detector
from mtfix.document import Document
from mtfix.lexicon import FUNCTION_WORDS, is_common_word
from mtfix.model import Edit, Finding, Fix, Tier

TITLES = ("president|general|colonel|lieutenant|captain|admiral|minister|senator|governor|mayor|"
          "judge|pope|cardinal|archbishop|bishop|prince|princess|king|queen|chancellor|sheikh|"
          "ayatollah|imam|rabbi|professor|commander|marshal|sergeant|ambassador|prefect|emir|"
          "sultan|patriarch")
#: A capital of a name, accented ones included: ``Élisabeth Borne``, ``Éric Ciotti``.
_CAP = "A-ZÀ-ÖØ-Ý"
_NAME = rf"(?:(?:de|du|des|von|van|del|da|le|la) )?[{_CAP}][\w’'.-]*"
_NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "I"}
#: Words after which a lower-case title + name is a French calque rather than a
#: British-style description: prepositions, conjunctions and reporting verbs.
_BEFORE_TITLE = {"with", "by", "of", "to", "for", "from", "and", "or", "but", "between", "against",
                 "on", "at", "in", "about", "that", "said", "told", "met", "meets", "called",
                 "urged", "asked", "invited", "received", "visited", "thanked", "when", "while",
                 "after", "before", "since", "than", "like", "as", "under", "without", "toward",
                 "towards", "during", ",", ";", "(", "“", '"'}
#: Team positions, not titles: ``of captain Charles Ollivon`` stays lower case.
_POSITIONS = {"captain"}
#: What may stand between the article and the title: ``the former socialist
#: deputy``. A closed list, so ``the club president David Gill`` (a noun used
#: as a modifier, good English) is never read as a French article.
_MODIFIERS = ("former|ex|deputy|vice|outgoing|interim|acting|then|incumbent|honorary|"
              "socialist|communist|ecologist|centrist|republican|conservative|liberal|"
              "environmentalist|insoumis")
#: French party labels that English capitalises (the party's name).
_PARTIES = {"socialist": "Socialist", "communist": "Communist"}
#: Titles whose English form differs: *député* is an MP, not a deputy.
_ENGLISH = {"deputy": "MP"}
#: Who may be named after ``the``: posts English writes without the article
#: but in lower case (``spokesman Andre Beaulieu``).
_POSTS = "spokesman|spokeswoman|spokesperson|candidate|deputy|prosecutor"
#: Professions French puts before a name with the article (*l'actrice Julie
#: Gayet*); English drops it (``actress Julie Gayet``). Not after ``the late``
#: (``the late physicist Willard Boyle``): that article is idiomatic English.
_OCCUPATIONS = ("actress|actor|singer|director|filmmaker|academician|writer|novelist|author|"
                "journalist|presenter|host|comedian|humorist|rapper|producer|designer|chef|artist|"
                "painter|sculptor|photographer|architect|philosopher|historian|sociologist|"
                "economist|businessman|businesswoman|entrepreneur|billionaire|footballer|striker|"
                "midfielder|defender|goalkeeper|swimmer|cyclist|athlete|model|influencer|surgeon|"
                "epidemiologist|virologist|infectiologist|physicist|chemist|biologist|astronaut|"
                "researcher|scientist|activist|lawyer|magistrate|"
                # sport: *l'entraîneur Didier Deschamps*, *le demi d'ouverture Romain Ntamack*
                "coach|manager|selector|coach|trainer|winger|forward|playmaker|fly-half|scrum-half|"
                "flanker|full-back|fullback|hooker|sprinter|runner|rider|skier|boxer|judoka|tennis player|"
                "doctor|cardiologist|psychiatrist|pediatrician|paediatrician|oncologist|geographer|"
                "political scientist|demographer|climatologist|glaciologist|archaeologist|lyricist|"
                "composer|pianist|violinist|conductor|dancer|choreographer|playwright|screenwriter|"
                "columnist|editorialist|reporter|youtuber|streamer|chef|restaurateur|winemaker|farmer")


def _is_name(words: list[str]) -> bool:
    """At least one of the capitalised words after the title is a name."""
    return any(not is_common_word(w.rstrip(".’'s")) or w in ("Mark", "Will", "Bill", "Rose")
               for w in words)


def _names(text: str, pos: int) -> list[str] | None:
    """The capitalised words of a name starting at ``pos``, or None when it is no name."""
    m = re.compile(rf"{_NAME}(?: {_NAME}){{0,3}}").match(text, pos)
    if m is None:
        return None
    words = m.group().split()
    if words[0] in _NOT_NAMES or not _is_name(words):
        return None
    return words


#: Nouns after which ``the <Title> <Name>`` is a thing named after the person.
_NAMED_THINGS = frozenset("administration era years government regime presidency campaign doctrine "
                          "foundation hotel hospital center centre airport bridge street avenue "
                          "school university college prize award trophy stadium building sound "
                          "causeway square park institute museum road boulevard cup palace mosque "
                          "church cathedral station memorial library island bay canal dam".split())


def _capitalised(titles: str) -> str:
    return "|".join(t[0].upper() + t[1:] for t in titles.split("|") if t[:1].isalpha())


def _institution(text: str, end: int, names: list[str]) -> bool:
    """Is ``the <title> <names>`` the name of a thing (``the King Fahd Causeway``)?"""
    if any(w.rstrip(".,;:’'s").lower() in _NAMED_THINGS for w in names[1:]):
        return True
    nxt = re.match(r" ([A-Za-z]+)", text[end:end + 30])
    return nxt is not None and nxt.group(1).lower() in _NAMED_THINGS


@detector("title_before_name")
def title_before_name(doc: Document, ctx: DetectorContext) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    titles = ctx.options.get("titles", TITLES)
    pat = re.compile(rf"\b(?:(?P<art>[Tt]he) )?(?P<title>{titles}|(?<=[Tt]he )(?:{_capitalised(titles)})) "
                     rf"(?P<name>{_NAME}(?: {_NAME}){{0,3}})")
    for m in pat.finditer(text):
        title = m.group("title")
        names = m.group("name").split()
        if not _is_name(names) or names[0] in _NOT_NAMES:
            continue
        prev = re.search(r"([\w’'-]+|[,;(“\"])[ -]$", text[max(0, m.start() - 30):m.start()])
        prev_word = prev.group(1).lower() if prev else ""
        if m.group("art"):
            lo, hi = m.start(), m.start("name")
            if title.lower() in _POSTS.split("|") or title.lower() in _POSITIONS:
                continue  # a post keeps its case (qualified_title); a team position is no title
            if _institution(text, m.end("name"), names):
                continue  # ``the President Wilson Hotel``: the article is the hotel's
            repl = title[0].upper() + title[1:] + " "
            # ``the President Macron`` is as French as ``the president Macron``,
            # but a capitalised title is likelier to start a name of its own
            tier = Tier.SUGGESTED if title[0].isupper() and ctx.tier is Tier.SAFE else None
            out.append(ctx.finding(lo, hi, repl, tier=tier,
                                   message=f"English writes '{repl}{names[0]}…' "
                                           f"without the article, title capitalised"))
        elif title[0].islower() and prev_word in _BEFORE_TITLE and title not in _POSITIONS:
            if len(names) < 2 and title != "president":
                continue
            lo = m.start("title")
            out.append(ctx.finding(lo, lo + 1, title[0].upper(),
                                   message=f"a title before a name takes a capital: '{title.capitalize()} {names[0]}'"))
    return out


#: A nationality before a profession: ``the French striker Kylian Mbappé``.
_NATIONALITY = r"[A-Z][a-z]+(?:an|ese|ish|ch|i|ic)"
_QUALIFIED = re.compile(rf"(?<!\blate )\b(?P<art>[Tt]he) (?P<mods>(?:(?:{_MODIFIERS}|{_NATIONALITY})[ -]){{0,2}})"
                        rf"(?P<title>(?:{TITLES}|{_POSTS}|{'|'.join(_PARTIES)}|{_OCCUPATIONS})"
                        rf"(?: and (?:{_OCCUPATIONS}))?) (?=[{_CAP}])")


#: Titles that follow a nationality: ``the Estonian Prime Minister Kaja Kallas``.
_NATIONAL_TITLES = ("Prime Minister|prime minister|President|president|Vice President|vice president|"
                    "Foreign Minister|foreign minister|Finance Minister|finance minister|"
                    "Interior Minister|interior minister|Defen[cs]e Minister|defen[cs]e minister|"
                    "Chancellor|chancellor|King|Queen|Prince|Princess|Minister|minister")
#: Posts that follow an organisation's acronym: ``the CFDT leader Laurent Berger``.
_ORG_POSTS = "leader|boss|chief|head|president|spokesman|spokeswoman|spokesperson|candidate|deputy|MP|senator|mayor"
_LEADING = re.compile(rf"\b(?P<art>[Tt]he) (?:former )?(?:(?P<nat>[A-Z][a-z]+(?:an|ese|ish|ch|i|ic)) )?"
                      rf"(?:(?P<ntitle>{_NATIONAL_TITLES})|(?P<acr>[A-Z]{{2,6}}) (?P<post>{_ORG_POSTS})) (?=[{_CAP}])")


def _leading(text: str, ctx: DetectorContext) -> list[Finding]:
    """``the Estonian Prime Minister Kaja Kallas``, ``the CFDT leader Laurent Berger``.

    A nationality or an organisation before the title makes it a compound
    English writes without the article (``Estonian Prime Minister Kaja
    Kallas``). A bare ``the President Macron`` is ``title_before_name``'s.
    """
    out: list[Finding] = []
    for m in _LEADING.finditer(text):
        if m.group("ntitle") and not m.group("nat") and not m.group("ntitle").lower().startswith("prime"):
            continue
        if m.group("nat") and is_common_word(m.group("nat")):
            continue  # ``the Republic``-like words are no nationality
        names = _names(text, m.end())
        if names is None or _institution(text, m.end() + len(" ".join(names)), names):
            continue
        edits = [Edit(m.start(), m.start() + 4, "")]
        title = m.group("ntitle") or ""
        if title.islower():  # ``the prime minister Élisabeth Borne``: a title before a name takes capitals
            at = m.start("ntitle")
            edits += [Edit(at + w.start(), at + w.start() + 1, w.group()[0].upper())
                      for w in re.finditer(r"\w+", title)]
        if m.group("post") in _ENGLISH:
            edits.append(Edit(m.start("post"), m.end("post"), _ENGLISH[m.group("post")]))
        fix = Fix(tuple(edits))
        out.append(ctx.finding(m.start(), m.end() - 1, fix=fix,
                               message=f"English writes '{fix.apply_to(text, m.start(), m.end())}"
                                       f"{names[0]}…' without the article"))
    return out


@detector("qualified_title")
def qualified_title(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the former socialist deputy René Dosière`` → ``former Socialist MP René Dosière``.

    The article before a title that has modifiers (or before a post, a party
    label) goes; party labels take their capital; *deputy* for *député* is an
    MP. A bare ``the general Mark Milley`` is ``title_before_name``'s.
    """
    out: list[Finding] = []
    text = doc.text
    for m in _QUALIFIED.finditer(text):
        mods = m.group("mods").split()
        title = m.group("title")
        if (not mods and title in TITLES.split("|")) or title in _POSITIONS:
            continue  # the plain case, capitalised by title_before_name; a team's captain
        nationals = [w for w in mods if w[0].isupper()]
        if any(is_common_word(w) for w in nationals):
            continue  # ``the Public prosecutor``: no nationality
        if nationals and re.fullmatch(_NATIONAL_TITLES, title):
            continue  # ``the Estonian Prime Minister Kaja Kallas``: _leading's
        names = _names(text, m.end())
        if names is None:
            continue
        edits = [Edit(m.start(), m.start("mods"), "")]
        words = [(w, m.start("mods") + m.group("mods").index(w)) for w in mods]
        words.append((title, m.start("title")))
        for i, (w, at) in enumerate(words):
            last = i == len(words) - 1
            new = _PARTIES.get(w.lower(), _ENGLISH.get(w, w) if last else w)
            if i == 0 and m.group("art") == "The":
                new = new[0].upper() + new[1:]  # it opens the sentence now
            if new != w:
                edits.append(Edit(at, at + len(w), new))
        fixed = Fix(tuple(edits)).apply_to(text, m.start(), m.end())
        # ``the singer Adele`` is also British usage: a profession is only flagged
        occupation = title.split()[-1] in _OCCUPATIONS.split("|")
        out.append(ctx.finding(m.start(), m.end() - 1, fix=Fix(tuple(edits)),
                               tier=Tier.REVIEW if occupation else None,
                               message=f"English names a person by title without the article: "
                                       f"'{fixed}{names[0]}…'"))
    return out + _leading(text, ctx)


_OFFICE = ("president|minister|secretary|spokesman|spokeswoman|spokesperson|head|leader|chairman|"
           "chairwoman|director|prosecutor|mayor|governor|chief|boss|deputy|ambassador|prefect|"
           "CEO|founder|co-founder|managing director|general secretary|secretary-general|coach|manager|lawyer|owner")
#: Words that make a capitalised run a body's name rather than a person's.
_BODIES = frozenset("council brigades brigade party group assembly court commission committee union "
                    "federation association office agency ministry bank institute authority senate "
                    "front movement army forces police league club company team republic state "
                    "states nations organization organisation board service services unit units "
                    "department region chamber house movement alliance coalition network".split())
_APPOSITION = re.compile(rf"\b[Tt]he (?:(?:{_MODIFIERS}) )?(?:{_OFFICE})(?: general)? of ")
_TOKEN = re.compile(r"\S+")
#: Words that end a title phrase: after them a capital is a new clause or list.
_STOP = frozenset("and or but said says with to for by on in at was is has had who which that "
                  "when while after before as from".split())


@detector("apposition_comma")
def apposition_comma(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the spokesman of the government Olivier Véran said``: the comma is missing.

    Lower-case titles only: a capitalised formal title before the name (``the
    President of the National Assembly Yaël Braun-Pivet``) is accepted usage.

    English sets a long title off from the name (``the government spokesman,
    Olivier Véran, said``) or puts the title first without the article. The
    name must be a full name (two capitalised words, the first no English
    word) within five words of ``of``, with no punctuation or clause word
    between; flag only, a person rewrites it.
    """
    out: list[Finding] = []
    text = doc.text
    for m in _APPOSITION.finditer(text):
        pos = m.end()
        prev = ""
        for i, tok in enumerate(_TOKEN.finditer(text, pos, min(len(text), pos + 120))):
            word, prev = tok.group(), prev
            if i >= 6 or word.lower() in _STOP or not word[-1].isalnum() or "\n" in text[pos:tok.start()]:
                break
            if i == 0 or not word[0].isupper() or prev in ("the", "of", "a", "an"):
                prev = word.lower()
                continue
            prev = word.lower()
            names = _names(text, tok.start())
            # a person, not a body (``Notarial Council``, ``Hezbollah Brigades``)
            if names and len(names) >= 2 and not any(
                    w.rstrip(".,;:").lower() in _BODIES | _NAMED_THINGS for w in names[1:]):
                out.append(ctx.finding(m.start(), tok.start() - 1, None,
                                       message=f"a long title before a name needs commas "
                                               f"('{text[m.start():tok.start() - 1]}, "
                                               f"{' '.join(names[:2])},') or the short English title"))
                break
    return out


_HONORIFIC = re.compile(rf"(?<![\w.’'-])(?P<h>Me|Mgr|Pr|Maître|Mme|Mlle|M\.(?= ))\.? (?=[{_CAP}])")
_HONORIFICS = {"Me": ("lawyer ", Tier.SUGGESTED, "Me (Maître) is the French title of a lawyer"),
               "Maître": ("lawyer ", Tier.SUGGESTED, "Maître is the French title of a lawyer"),
               # civil titles of Le Monde's style (*M. Macron*, *Mme Borne*)
               "Mme": ("Ms ", Tier.SUGGESTED, "Mme (Madame) is French: English writes Ms"),
               "Mlle": ("Ms ", Tier.SUGGESTED, "Mlle (Mademoiselle) is French: English writes Ms"),
               "M.": ("Mr ", Tier.SUGGESTED, "M. (Monsieur) is French: English writes Mr"),
               "Pr": ("Professor ", Tier.SUGGESTED, "Pr is the French abbreviation of Professor"),
               "Mgr": (None, Tier.REVIEW, "Mgr (Monseigneur) is the French title of a bishop: "
                                           "English writes Bishop, Archbishop or Monsignor")}


@detector("french_honorific")
def french_honorific(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``Me Dupond`` (a lawyer), ``Pr Raoult``, ``Mgr Aupetit``, ``M. Macron``,
    ``Mme Borne``: French honorifics. ``M.`` counts before a surname alone
    (``M. Le Maire``), never before two names (``M. Night Shyamalan``), where
    it is an initial.

    ``Me`` is also the pronoun: it counts only before a name (a capitalised
    word English does not know: not ``Me Too``, ``Me Before You``) and not
    after a capitalised word (a title in title case, ``Call Me Maybe``).
    """
    out: list[Finding] = []
    text = doc.text
    for m in _HONORIFIC.finditer(text):
        if m.group("h") in _CIVIL:  # after ``Mme`` a capital is a name, even ``Borne``, ``Macron``
            run = re.compile(rf"{_NAME}(?: {_NAME}){{0,3}}").match(text, m.end())
            names = run.group().split() if run else None
            if names and names[0].lower() in FUNCTION_WORDS:
                continue  # ``type M. The next``: a letter before a new sentence
        else:
            names = _names(text, m.end())
            if names is not None and is_common_word(names[0].rstrip("’'s")):
                continue
        if names is None:
            continue
        lo = max(0, m.start() - 40)
        before = re.search(r"(\S+)\s*$", text[lo:m.start()])
        if before and before.group(1)[0].isupper() and before.group(1)[-1].isalnum() and not (
                m.group("h") in _CIVIL and doc.at_sentence_start(lo + before.start(1))):
            continue  # inside a title-case heading or a name (``For M. Macron`` opens a sentence)
        if m.group("h") == "M." and before and re.fullmatch(r"[A-Z]\.", before.group(1)):
            continue  # ``J. M. Coetzee``: initials
        repl, tier, why = _HONORIFICS[m.group("h")]
        if m.group("h") == "M." and len(names) > 1 and not _particle(names[0]):
            continue  # ``M. Night Shyamalan``, ``J. M. Coetzee``: an initial, not Monsieur
        if repl == "lawyer " and re.search(r"\blawyers?\b[^.;]{0,60}$", text[max(0, m.start() - 80):m.start()]):
            repl = ""  # ``the family's lawyer, Me Dupond``: the title is there already
        fix = Fix.replace(m.start(), m.end(), repl) if repl is not None else None
        out.append(ctx.finding(m.start(), m.end() - 1, fix=fix, tier=min(tier, ctx.tier, key=_rank),
                               message=f"{why}: '{repl or ''}{names[0]}'"))
    return out


_CIVIL = ("M.", "Mme", "Mlle")


def _particle(word: str) -> bool:
    return word in ("de", "du", "des", "Le", "La", "De", "Du")


def _rank(t: Tier) -> int:
    return t.rank


#: ``the head of state`` only: metonyms (``the tenant of Matignon``, ``the
#: Bercy tenant``) are translated proper names (class ``names``), not titles.
_HEAD = re.compile(r"\b[Tt]he [Hh]ead of [Ss]tate\b(?! (?:and|or) )")
_FRENCH_CONTEXT = re.compile(r"\b(?:France|French|Paris|Élysée|Elysee|Matignon)\b")
_PRESIDENT = re.compile(r"\b(?:President|president) [A-Z]|\b(?:Macron|Hollande|Sarkozy|Chirac|"
                        r"Mitterrand|Giscard|Pompidou|de Gaulle)\b")


@detector("head_of_state")
def head_of_state(doc: Document, ctx: DetectorContext) -> list[Finding]:
    """``the head of state`` for the French president (*le chef de l'État*).

    English names the office or the man (``the French president``,
    ``Macron``). Flagged in an article about France that never names a
    president (``President Mohamed Morsi``, ``Macron``) and not followed by
    the name: there the reader cannot tell who is meant.
    """
    text = doc.text
    if _FRENCH_CONTEXT.search(text) is None or _PRESIDENT.search(text) is not None:
        return []
    return [ctx.finding(m.start(), m.end(), None, hint="the French president",
                        message=f"'{m.group()}' is French 'le chef de l'État': English names "
                                f"the office (the French president)")
            for m in _HEAD.finditer(text) if not re.match(r",? [A-Z]", text[m.end():m.end() + 3])]
