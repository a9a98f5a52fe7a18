"""Small word lists that detectors share, loaded once.

``is_common_word`` answers "is this word normally written in lower case?" —
the question behind quote capitals and title case: ``Success`` at the start of
a mid-sentence quote is a common noun MT capitalised, ``Hezbollah`` is a name.
The list ships as package data (SCOWL via Debian's wamerican), plus the
function words a dictionary of content words leaves out.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

FUNCTION_WORDS = frozenset("""
a an the this that these those it its it's i me my we our us you your he him his she her they them
their there here who whom whose which what when where why how all any both each every few many much
more most other another some such no nor not only own same so than too very can will just should
would could may might must shall is are was were be been being have has had do does did and but or if
because as until while of at by for with about against between into through during before after above
below to from up down in out on off over under again further then once one two three four five six
seven eight nine ten first second third new old several also already still yet ever never always
""".split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    text = resources.files("mtfix.data").joinpath("common_words.txt").read_text(encoding="utf-8")
    words = {w for w in text.split("\n") if w and not w.startswith("#")}
    return frozenset(words | FUNCTION_WORDS)


def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary lower-case English word."""
    w = word.lower().replace("’", "'")
    if w in common_words():
        return True
    for suffix in ("s", "es", "ed", "ing", "ly"):
        if w.endswith(suffix) and w[: -len(suffix)] in common_words():
            return True
    return False


# -- word frequencies (wordfreq) ------------------------------------------------
#
# Whether a word is French left in English, or whether the rest of a drop-capped
# word is a word, is a question of frequency in each language, not of a hand
# list: ``dans`` is common French and rare English, ``rue`` is common in both.
# wordfreq ships both languages offline (Zipf scale: 7 is "the", 3 is one in a
# million words, 0 is unseen). It is imported on first use so the CLI's start
# stays fast for rules that never ask.


@lru_cache(maxsize=None)
def _wordfreq():
    try:
        import wordfreq  # noqa: PLC0415 - heavy import kept out of the CLI's start
    except ImportError:  # pragma: no cover - a core dependency; stay usable without it
        return None
    return wordfreq


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of ``word`` in ``lang`` ("en" or "fr"); 0.0 when unknown.

    Without wordfreq installed, English falls back to the common-word list
    (4.0 for a listed word) and French to 0.0, so callers degrade to "not
    sure" rather than fail.
    """
    wf = _wordfreq()
    if wf is None:
        return 4.0 if lang == "en" and is_common_word(word) else 0.0
    return float(wf.zipf_frequency(word.replace("’", "'"), lang))


def frenchness(word: str) -> float:
    """How much more frequent ``word`` is in French than in English (Zipf units).

    Above ~2 the word is French that English does not use (``dans`` 3.6); near 0
    it is shared (``rue``, ``Paris``); negative it is English.
    """
    return zipf(word, "fr") - zipf(word, "en")
