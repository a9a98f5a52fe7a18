"""Rank word n-grams far more frequent in machine-translated news than in native English.

Why: a calque is a phrase the MT engine writes again and again (``in the
framework of``, ``this Monday``, ``the executive``) that native writers seldom
use. Counting it on the MT side and comparing with a native estimate surfaces
candidates for the calques lexicon (``rules/fr-en/calques_lexicon*.yaml``); a
person then reads the contexts and writes entries with counterexamples.

MT side: the web articles of ``corpora/web/dev``, the unannotated mining
pool ``corpora/mtpool`` (``--pool``, on by default when the folder exists: 42k
words of dev text know dev's phrasing, the pool brings forty more sites) and
the three MT outputs of ``../shared/corpus/wmt13-fr-original`` (``online-B``,
``rbmt-1``, ``uedin-wmt13``). Never ``corpora/web/test`` (held out) and never
``ref.txt`` or ``../shared/corpus/native-english`` (controls): the script
refuses them as MT text. A candidate must recur in texts of at least
``--min-sites`` sites (2): a phrase of one site is its house style or its one
story, not a habit of MT.

Native side, for each n-gram of 1 to 4 lower-cased words:

* the native news folders given with ``--native DIR`` (repeatable; by
  default ``../shared/corpus/native-english`` and ``corpora/native-reference``
  when present): counts there, add-half smoothed. These are the controls: the
  miner counts them but never takes a candidate from them;
* otherwise (and for words the folders lack), wordfreq's English frequencies:
  the unigram frequency, and for longer n-grams the product of their words'
  frequencies (independence). That baseline overrates every real collocation
  of native English (``prime minister``), so without ``--native`` the ranking
  is a list to read, not a verdict; n-grams made only of function words,
  digits or capitalised names are left out for that reason.

Documents are articles: the WMT13 files are split on their ``# docid=`` lines
and the three systems' translations of one article count as one text. Every
word of a kept n-gram has an English Zipf frequency of at least
``--min-zipf`` (3: once in a million words) and is not capitalised inside a
sentence in most occurrences: calques are made of ordinary words, topics and
names are not.

Score: the log-ratio log(p_MT / p_native) with add-half smoothing, kept for
n-grams seen at least ``--min-count`` times in at least ``--min-docs`` texts,
ranked by score times log(count) so that a phrase seen 20 times outranks a
one-off. Single words come first in their own list (``--unigrams``): their
native frequency is wordfreq's own, so theirs is the sounder comparison. Each row says whether the lexicon already flags one of its contexts.

    PYTHONPATH=. .venv/bin/python scripts/mine_ngrams.py --top 200 --markdown docs/calque-candidates.md
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent.parent / "shared" / "corpus" if not (ROOT.parent / "shared").exists() else ROOT.parent / "shared" / "corpus"
WMT_MT = ("online-B.txt", "rbmt-1.txt", "uedin-wmt13.2838.txt")
FORBIDDEN = ("corpora/web/test", "ref.txt", "native-english")

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
FUNCTION = frozenset("""
a an the this that these those it its i me my we our us you your he him his she her they them their
there here who whom whose which what when where why how all any both each every few many much more
most other another some such no nor not only own same so than too very can will just should would
could may might must shall is are was were be been being have has had do does did and but or if
because as until while of at by for with about against between into through during before after
above below to from up down in out on off over under again further then once s t
""".split())


POOL = ROOT / "corpora" / "mtpool"
NATIVE = (SHARED / "native-english", ROOT / "corpora" / "native-reference")


def mt_files(extra: list[str], pool: str | None = None) -> list[Path]:
    files = sorted((ROOT / "corpora" / "web" / "dev").glob("*.txt"))
    if pool:
        files += sorted(Path(pool).glob("*.txt"))
    files = [f for f in files if not f.name.endswith(".fixed.txt")]
    wmt = SHARED / "wmt13-fr-original"
    files += [wmt / n for n in WMT_MT if (wmt / n).exists()]
    files += [Path(p) for p in extra]
    for f in files:
        if any(bad in str(f) for bad in FORBIDDEN):
            raise SystemExit(f"refusing {f}: held-out or control text must not be mined")
    return files


def tokens(text: str) -> list[tuple[str, int, int, str]]:
    """(lower-cased word, start, end, word as written) for every word."""
    return [(m.group().lower().replace("’", "'"), m.start(), m.end(), m.group())
            for m in TOKEN.finditer(text)]


def count(files: list[Path], nmax: int):
    counts: Counter = Counter()
    docs: dict[tuple, set] = defaultdict(set)
    capital: Counter = Counter()  # occurrences whose words are all capitalised
    examples: dict[tuple, list] = defaultdict(list)
    total = 0
    for f in files:
        for doc_key, text in documents(f):
            total += _count_text(text, doc_key, nmax, counts, docs, capital, examples)
    return counts, docs, capital, examples, total


def site_of(doc_key: str) -> str:
    """The site a text comes from: web and pool files are named
    ``site-com--slug.txt``; a WMT13 docid is ``source/number`` (one newspaper,
    translated by three systems, is still one source)."""
    if doc_key.startswith("wmt:"):
        return "wmt:" + doc_key[4:].split("/")[0]
    return doc_key.split("--", 1)[0]


def documents(f: Path):
    """(document key, text) for each article of ``f``. The WMT13 files hold
    many articles, each headed ``# docid=...``; the three MT systems translate
    the same articles, so the key is the docid, not the file: a phrase of one
    article, seen in three translations of it, is still seen in one text."""
    text = f.read_text(encoding="utf-8", errors="replace")
    if "# docid=" not in text:
        yield f.name, text
        return
    for part in re.split(r"^# docid=", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        yield "wmt:" + head.split()[0], body


def _count_text(text, doc_key, nmax, counts, docs, capital, examples) -> int:
    if True:
        toks = tokens(text)
        for i in range(len(toks)):
            for n in range(1, nmax + 1):
                if i + n > len(toks):
                    break
                span = toks[i:i + n]
                # an n-gram does not cross a sentence or line break
                gap = text[span[0][2]:span[-1][1]]
                if n > 1 and re.search(r"[.!?;:\n]", gap):
                    break
                key = tuple(t[0] for t in span)
                counts[key] += 1
                docs[key].add(doc_key)
                if any(t[3][:1].isupper() for t in span[1:]) or (i and span[0][3][:1].isupper()
                                                                  and not re.search(r"[.!?\"“]\s*$", text[:span[0][1]])):
                    capital[key] += 1  # a capital inside a sentence: part of a name
                if len(examples[key]) < 2:
                    lo, hi = max(0, span[0][1] - 50), min(len(text), span[-1][2] + 50)
                    examples[key].append(" ".join(text[lo:hi].split()))
    return len(toks)


def native_counts(folders, nmax: int):
    """N-gram counts of the native folders (controls: counted, never mined)."""
    if isinstance(folders, (str, Path)):
        folders = [folders]
    files = [f for d in folders or () for f in sorted(Path(d).glob("*.txt"))
             if not f.name.endswith((".fixed.txt", ".gold.yaml"))]
    if not files:
        return None, 0
    c, _d, _cap, _ex, total = count(files, nmax)
    return c, total


def wordfreq_p(gram: tuple[str, ...]) -> float:
    from wordfreq import word_frequency
    p = 1.0
    for w in gram:
        p *= max(word_frequency(w, "en"), 1e-8)
    return p


def common(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def covered(entries, example: str) -> bool:
    from mtfix.detectors.calques_lexicon import matches
    return bool(matches(entries, example))


def lexicon_entries():
    import yaml
    from mtfix.detectors.calques_lexicon import compile_entries
    out = []
    for path in sorted((ROOT / "rules" / "fr-en").glob("calques_lexicon*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if rule.get("detector") == "calques_lexicon":
                out += compile_entries(rule["options"]["entries"])
    return out


def rank(args):
    files = mt_files(args.mt, args.pool)
    counts, docs, capital, examples, total = count(files, args.max_n)
    ncounts, ntotal = native_counts(args.native, args.max_n)
    rows = []
    for gram, c in counts.items():
        if c < args.min_count or len(docs[gram]) < args.min_docs or len(gram) < args.min_n:
            continue
        sites = {site_of(d) for d in docs[gram]}
        if len(sites) < args.min_sites:
            continue  # one site's house style or one story
        if all(w in FUNCTION for w in gram) or capital[gram] * 2 > c or "docid" in gram:
            continue  # function words only, or mostly (part of) a name
        if len(gram) > 1 and any(common(w) < args.min_zipf for w in gram):
            continue  # a calque is made of ordinary words; rare ones are topics and names
        if len(gram) > 1 and (gram[0] in {"and", "or", "but"} or gram[-1] in {"and", "or", "but", "the", "a", "an"}):
            continue
        p_mt = (c + 0.5) / total
        if ncounts is not None and (ncounts.get(gram) or len(gram) > 1):
            p_nat = (ncounts.get(gram, 0) + 0.5) / max(ntotal, 1)
            source = "native text"
        else:
            p_nat = wordfreq_p(gram)
            source = "wordfreq"
        score = math.log(p_mt / p_nat)
        if score <= 0:
            continue
        nat = ncounts.get(gram, 0) if ncounts is not None else None
        rows.append((score * math.log(c + 1), score, gram, c, len(docs[gram]), p_nat, source,
                     len(sites), nat))
    rows.sort(key=lambda r: -r[0])
    ones = [r for r in rows if len(r[2]) == 1][:args.unigrams]
    rows = [r for r in rows if len(r[2]) > 1]
    # keep the longest of nested n-grams with the same count ("the frame of" inside "in the frame of")
    kept, seen = [], []
    for r in rows:
        g = " ".join(r[2])
        if any(f" {g} " in f" {s} " and c == r[3] for s, c in seen):
            continue
        kept.append(r)
        seen.append((g, r[3]))
        if len(kept) >= args.top - len(ones):
            break
    return ones + kept, examples, total, len(files), source_note(args)


def source_note(args) -> str:
    if args.native:
        names = ", ".join("/".join(Path(n).resolve().parts[-2:]) for n in args.native)
        return f"native counts from {names} (wordfreq for the single words they lack)"
    return "wordfreq (unigram frequency; product of word frequencies for longer n-grams)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--max-n", type=int, default=4)
    ap.add_argument("--unigrams", type=int, default=50,
                    help="how many of the top rows are single words (ranked against wordfreq's real frequencies)")
    ap.add_argument("--min-n", type=int, default=1)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-zipf", type=float, default=3.0,
                    help="every word must be at least this common in English (Zipf scale)")
    ap.add_argument("--min-sites", type=int, default=2,
                    help="a candidate must occur in texts of at least this many sites")
    ap.add_argument("--native", action="append", default=None,
                    help="folder of native English news (*.txt) to count n-grams in (repeatable; "
                         "default: the native controls when present)")
    ap.add_argument("--pool", default=str(POOL) if POOL.is_dir() else None,
                    help="folder of unannotated MT text to mine as well (default corpora/mtpool)")
    ap.add_argument("--no-pool", dest="pool", action="store_const", const=None)
    ap.add_argument("--mt", action="append", default=[], help="extra MT text file (repeatable)")
    ap.add_argument("--markdown", help="write the ranking as a Markdown table to this file")
    args = ap.parse_args(argv)
    if args.native is None:
        args.native = [str(d) for d in NATIVE if d.is_dir()]
    rows, examples, total, nfiles, note = rank(args)
    entries = lexicon_entries()
    lines = []
    for i, (rs, score, gram, c, nd, p_nat, _src, ns, nat) in enumerate(rows, 1):
        ex = examples[gram]
        cov = any(covered(entries, e) for e in ex)
        lines.append((i, " ".join(gram), len(gram), c, nd, ns, nat, p_nat, score, cov, ex))
    if args.markdown:
        out = [
            "# Calque candidates (scripts/mine_ngrams.py)",
            "",
            f"Word n-grams (1-{args.max_n} words, lower-cased) over-represented in machine-translated news:"
            f" {nfiles} MT files ({total:,} words: corpora/web/dev,"
            f"{' the mining pool corpora/mtpool,' if args.pool else ''} the three WMT13 MT outputs)"
            f" against {note}. Seen at least {args.min_count} times in at least {args.min_docs} texts"
            f" of at least {args.min_sites} sites; `native` = count in the native controls."
            " `lex` = the calques lexicon already flags one of the examples. A list to read, not a verdict:"
            " names of this corpus' topics rank high too.",
            "",
            f"Regenerate: `PYTHONPATH=. .venv/bin/python scripts/mine_ngrams.py --top {args.top} --markdown docs/calque-candidates.md`",
            "",
            "| # | n-gram | n | MT count | texts | sites | native | native p | log-ratio | lex | example |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|---|",
        ]
        for i, g, n, c, nd, ns, nat, p, s, cov, ex in lines:
            e = (ex[0] if ex else "").replace("|", "\\|")
            out.append(f"| {i} | {g} | {n} | {c} | {nd} | {ns} | {'' if nat is None else nat} | {p:.1e} | {s:.1f}"
                       f" | {'✓' if cov else ''} | {e} |")
        Path(args.markdown).write_text("\n".join(out) + "\n", encoding="utf-8")
    for i, g, n, c, nd, ns, nat, p, s, cov, ex in lines:
        print(f"{i:4d}  {g:<32} count={c:<4d} texts={nd:<3d} sites={ns:<3d} native={nat} p={p:.1e} "
              f"score={s:5.1f} {'lex' if cov else '   '}  | {ex[0][:90] if ex else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
