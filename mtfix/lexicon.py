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
# million words, 0 is unseen). Reading its lists costs 0.5 s a language (2-3 s
# on a busy machine), too much for every run of a command that takes a
# fraction of a second otherwise, and more than a detector's time limit. So the
# lists are compiled once per machine (and wordfreq version) into a sorted
# table under the user cache: one string of words, an array of their offsets
# and one of their Zipf values (tenths), which load in milliseconds and are
# searched by bisection.


#: French words that elide before a vowel (``l'``, ``d'``, ``qu'``...).
_ELIDED = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu".split())


class _Table:
    """Sorted words with their Zipf frequency, searched without building a dict."""

    def __init__(self, words: str, offsets, zipfs) -> None:
        self.words, self.offsets, self.zipfs = words, offsets, zipfs

    def __len__(self) -> int:
        return len(self.zipfs)

    def _word(self, i: int) -> str:
        return self.words[self.offsets[i]:self.offsets[i + 1] - 1]

    def get(self, word: str) -> float:
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            w = self._word(mid)
            if w < word:
                lo = mid + 1
            elif w > word:
                hi = mid
            else:
                return self.zipfs[mid] / 10
        return 0.0


def _cache_dir():
    import os
    from pathlib import Path

    env = os.environ.get("MTFIX_CACHE")
    if env:
        return Path(env) / "lexicon"
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("mtfix")) / "lexicon"
    except ImportError:  # pragma: no cover - platformdirs is a core dependency
        return Path.home() / ".cache" / "mtfix" / "lexicon"


def _compile(wf, lang: str) -> tuple[str, "array", "array"]:
    import math
    from array import array

    freqs = wf.get_frequency_dict(lang, "large")
    words = sorted(w for w in freqs if "\n" not in w)
    text = "".join(w + "\n" for w in words)
    offsets = array("I", [0])
    pos = 0
    for w in words:
        pos += len(w) + 1
        offsets.append(pos)
    zipfs = array("B", (max(0, min(255, round(10 * (math.log10(freqs[w]) + 9)))) for w in words))
    return text, offsets, zipfs


@lru_cache(maxsize=None)
def _table(lang: str) -> _Table | None:
    version = _source_key(lang)
    if version is None:
        return None
    import os
    import tempfile
    from array import array

    path = _cache_dir() / f"{lang}-{version}.table"
    try:
        blob = path.read_bytes()
        n_text, n_words = array("Q", blob[:16])
        text = blob[16:16 + n_text].decode("utf-8")
        rest = blob[16 + n_text:]
        offsets = array("I")
        offsets.frombytes(rest[:4 * (n_words + 1)])
        zipfs = array("B")
        zipfs.frombytes(rest[4 * (n_words + 1):])
        if len(zipfs) == n_words:
            return _Table(text, offsets, zipfs)
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    wf = _wordfreq()
    if wf is None:
        return None
    text, offsets, zipfs = _compile(wf, lang)
    raw = text.encode("utf-8")
    # offsets count characters of the str, which is what _Table slices
    blob = array("Q", [len(raw), len(zipfs)]).tobytes() + raw + offsets.tobytes() + zipfs.tobytes()
    try:  # atomic: a half-written table is never read
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{lang}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache: compile again next run
    return _Table(text, offsets, zipfs)


@lru_cache(maxsize=None)
def _source_key(lang: str) -> str | None:
    """A key for wordfreq's list of ``lang``: size and time of its data file, found
    without importing wordfreq (the import alone costs 0.2 s, its metadata 0.1 s)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    data = Path(spec.origin).parent / "data" / f"large_{lang}.msgpack.gz"
    try:
        st = data.stat()
    except OSError:
        return "nodata"
    return f"{st.st_size}-{st.st_mtime_ns}"


@lru_cache(maxsize=None)
def _wordfreq():
    try:
        import wordfreq  # noqa: PLC0415 - heavy import kept out of the CLI's start
    except ImportError:  # pragma: no cover - a core dependency; stay usable without it
        return None
    return wordfreq


def warm() -> None:
    """Load (compiling once per machine if needed) both frequency tables now, so the
    first lookup inside a time-limited detector costs nothing."""
    _table("en")
    _table("fr")


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of ``word`` in ``lang`` ("en" or "fr"); 0.0 when unknown.

    Case-insensitive (wordfreq's lists are lower case). Without wordfreq
    installed, English falls back to the common-word list (4.0 for a listed
    word) and French to 0.0, so callers degrade to "not sure" rather than fail.
    """
    table = _table(lang)
    if table is None:
        return 4.0 if lang == "en" and is_common_word(word) else 0.0
    w = word.replace("’", "'").lower()
    w = w.strip()
    if " " in w:
        return float(_wordfreq().zipf_frequency(w, lang))  # a phrase: wordfreq combines its words
    z = table.get(w)
    if not z and "'" in w:
        # An elision (l'assemblée, d'Orsay) or a possessive (Macron's): wordfreq
        # splits them into words; the word after an elision, before an 's.
        head, _, tail = w.partition("'")
        if head in _ELIDED and tail:
            z = table.get(tail)
        elif tail == "s" and head:
            z = table.get(head)
    return z


def frenchness(word: str) -> float:
    """How much more frequent ``word`` is in French than in English (Zipf units).

    Above ~2 the word is French that English does not use (``dans`` 3.6); near 0
    it is shared (``rue``, ``Paris``); negative it is English.
    """
    return zipf(word, "fr") - zipf(word, "en")
