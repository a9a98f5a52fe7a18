"""Make LanguageTool 6.8 available offline, without any download site.

language_tool_python normally downloads a LanguageTool zip from
languagetool.org or GitHub. Those hosts are not reachable on the machines
mtfix targets, but Maven Central is, and LanguageTool publishes every module
there. So we assemble the same thing the zip holds:

    $LTP_PATH/LanguageTool-6.8/
        languagetool-server.jar   a manifest-only jar whose Class-Path lists
                                  mtfix-overlay/ and every jar in libs/, so
                                  ``java -cp languagetool-server.jar`` works
                                  exactly like the official zip (this is what
                                  language_tool_python runs when LTP_PATH is set)
        libs/*.jar                languagetool-server 6.8 and its dependencies
        mtfix-overlay/            rule data generated here (see below)

``languagetool-server`` normally pulls ``language-all`` (every language,
about 250 MB). We exclude it and add English plus the four languages the
server cannot start without: its language identifier looks up ``es``, ``ca``
and ``pt`` at class-initialisation time, and ``motherTongue=fr`` needs French
to be a known language. That is about 100 MB.

**The French false-friend overlay.** For English text, LanguageTool 6.8 swaps
its XML false-friend list for an n-gram rule (``EN_FOR_FR_SPEAKERS_FALSE_FRIENDS``)
when the mother tongue is French, German, Spanish or Dutch; that rule needs
the 8 GB English n-gram index, which no registry serves, so without it a
French speaker gets *no* false-friend rule at all. LanguageTool does load
``org/languagetool/rules/en/grammar-l2-fr.xml`` for mother tongue French (in
6.8 it only holds a placeholder). We generate that file from LanguageTool's
own ``false-friends.xml`` (the English patterns that carry a French
translation, with the English words the French cognate means as
suggestions) and put it first on the class path, so LanguageTool itself runs
its French false-friend list. When an n-gram index is configured
(``ngram_path``), the real n-gram rule runs as well.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from xml.sax.saxutils import escape, quoteattr

from mtfix.errors import LanguageToolError

LT_VERSION = "6.8"
#: Languages the 6.8 server needs besides English (see module docstring).
EXTRA_LANGUAGES = ("fr", "es", "ca", "pt")
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
OVERLAY_DIR = "mtfix-overlay"
L2_FR_RESOURCE = "org/languagetool/rules/en/grammar-l2-fr.xml"
#: Bump when the overlay generator changes, so old caches are regenerated.
OVERLAY_STAMP = "mtfix-overlay-v3"


class InstallError(LanguageToolError):
    """LanguageTool could not be made available; the message says why, in one line."""


def cache_root() -> Path:
    return Path(os.environ.get("MTFIX_CACHE") or Path.home() / ".cache" / "mtfix")


def default_ltp_path() -> Path:
    """Where mtfix keeps its own LanguageTool (a folder holding LanguageTool-6.8/)."""
    return cache_root() / "languagetool"


def m2_repo() -> Path:
    return cache_root() / "m2"


def _server_jar_ok(folder: Path) -> bool:
    jar = folder / "languagetool-server.jar"
    return jar.is_file() and (folder / "libs").is_dir()


def find_installation(ltp_path: str | os.PathLike | None = None) -> Path | None:
    """The LanguageTool-6.8 folder to use, or None.

    Looks in ``ltp_path`` (a setting) only when it is given; otherwise in
    ``$LTP_PATH`` (language_tool_python's own variable: a folder that holds
    ``LanguageTool-6.8/``, or that folder itself), then mtfix's cache.
    """
    candidates = []
    if ltp_path:
        base = Path(ltp_path).expanduser()
        candidates = [base / f"LanguageTool-{LT_VERSION}", base]
        return next((c for c in candidates if _server_jar_ok(c)), None)
    for base in (os.environ.get("LTP_PATH"),):
        if base:
            base = Path(base).expanduser()
            candidates += [base / f"LanguageTool-{LT_VERSION}", base]
    candidates.append(default_ltp_path() / f"LanguageTool-{LT_VERSION}")
    for c in candidates:
        if _server_jar_ok(c):
            return c
    return None


# -- Java -----------------------------------------------------------------

def java_major(java: str = "java") -> int | None:
    """Major version of ``java`` on PATH, or None when there is no Java."""
    exe = shutil.which(java)
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def check_java(java: str = "java") -> None:
    major = java_major(java)
    if major is None:
        raise InstallError("Java not found: LanguageTool needs Java 17 or newer "
                           "(Debian: apt-get install openjdk-17-jre-headless)")
    if major < 17:
        raise InstallError(f"Java {major} found, LanguageTool {LT_VERSION} needs Java 17 or newer")


# -- Maven assembly -------------------------------------------------------

def _pom() -> str:
    dep = ("<dependency><groupId>org.languagetool</groupId><artifactId>{a}</artifactId>"
           "<version>" + LT_VERSION + "</version>{x}</dependency>")
    no_all = ("<exclusions><exclusion><groupId>org.languagetool</groupId>"
              "<artifactId>language-all</artifactId></exclusion></exclusions>")
    deps = [dep.format(a="languagetool-server", x=no_all), dep.format(a="language-en", x="")]
    deps += [dep.format(a=f"language-{lang}", x="") for lang in EXTRA_LANGUAGES]
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">'
        "<modelVersion>4.0.0</modelVersion><groupId>mtfix.local</groupId>"
        "<artifactId>languagetool-assembly</artifactId><version>1</version>"
        "<packaging>pom</packaging><dependencies>" + "".join(deps) + "</dependencies></project>\n"
    )


def _run_maven(workdir: Path, libs: Path, quiet: bool) -> None:
    mvn = shutil.which("mvn")
    if not mvn:
        raise InstallError("Maven (mvn) not found: install it (Debian: apt-get install maven), "
                           "or set LTP_PATH to a folder holding LanguageTool-6.8/")
    (workdir / "pom.xml").write_text(_pom(), encoding="utf-8")
    base = [mvn, "-B", "-f", str(workdir / "pom.xml"), f"-Dmaven.repo.local={m2_repo()}",
            f"{DEPENDENCY_PLUGIN}:copy-dependencies", f"-DoutputDirectory={libs}",
            "-DincludeScope=runtime"]
    if quiet:
        base.insert(2, "-q")
    # Offline first: with a warm ~/.cache/mtfix/m2 this needs no network at all.
    for extra in (["-o"], []):
        proc = subprocess.run(base[:2] + extra + base[2:], capture_output=True, text=True)
        if proc.returncode == 0:
            return
    tail = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "ERROR" in ln][:3]
    raise InstallError("Maven could not fetch LanguageTool from Maven Central: "
                       + (" | ".join(tail) or f"mvn exit {proc.returncode}"))


def _write_manifest_jar(folder: Path) -> None:
    """languagetool-server.jar: no classes, a Class-Path naming overlay + libs."""
    entries = [OVERLAY_DIR + "/"] + sorted(f"libs/{p.name}" for p in (folder / "libs").glob("*.jar"))
    # Manifest lines are at most 72 bytes; continuation lines start with a space.
    raw = "Class-Path: " + " ".join(entries)
    lines = [raw[:72]] + [" " + raw[i:i + 71] for i in range(72, len(raw), 71)]
    manifest = ("Manifest-Version: 1.0\r\nCreated-By: mtfix\r\n"
                "Main-Class: org.languagetool.server.HTTPServer\r\n"
                + "\r\n".join(lines) + "\r\n\r\n")
    tmp = folder / "languagetool-server.jar.tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", manifest)
    tmp.replace(folder / "languagetool-server.jar")


# -- the French false-friend overlay -------------------------------------

def _core_jar(folder: Path) -> Path:
    for p in sorted((folder / "libs").glob("languagetool-core-*.jar")):
        return p
    raise InstallError(f"languagetool-core jar not found in {folder / 'libs'}")


def build_false_friend_rules(false_friends_xml: bytes, text_lang: str = "en",
                             mother: str = "fr") -> tuple[str, int]:
    """LanguageTool grammar XML for the ``text_lang`` words that mislead ``mother`` speakers.

    Follows what LanguageTool's own FalseFriendRuleLoader does for pairs without
    an n-gram rule: a rule group whose ``text_lang`` pattern has a ``mother``
    translation becomes a rule; the message says what the word means; the
    suggestions are the ``text_lang`` translations of the group's
    ``mother``-language patterns (what the writer probably meant).
    Returns the XML text and the number of rules.
    """
    names = {"en": "English", "fr": "French"}
    root = ET.fromstring(false_friends_xml)
    groups = list(root.iter("rulegroup"))
    covered = _words_with_suggestions(groups, text_lang, mother)
    out, n = [], 0
    for group in groups:
        gid = group.get("id", "").strip().replace(" ", "_")
        rules = group.findall("rule")
        suggestions: list[str] = []
        for r in rules:
            pat = r.find("pattern")
            if pat is not None and pat.get("lang") == mother:
                for tr in r.findall("translation"):
                    if tr.get("lang") == text_lang and tr.text:
                        for s in tr.text.split("|"):
                            s = s.strip()
                            if s and s not in suggestions:
                                suggestions.append(s)
        for idx, r in enumerate(rules):
            pat = r.find("pattern")
            if pat is None or pat.get("lang") != text_lang:
                continue
            meanings = [t.text.strip() for t in r.findall("translation")
                        if t.get("lang") == mother and t.text and t.text.strip()]
            if not meanings:
                continue
            if not suggestions and not _drop_covered(pat, covered):
                continue
            n += 1
            rid = f"FALSE_FRIEND_{gid}" + (f"_{idx}" if idx else "")
            tokens = pat.findall("token")
            name_words = " ".join((t.text or "").strip() for t in tokens)
            # \1 \2 ... : LanguageTool puts the matched words in the message.
            words = " ".join(f"\\{i + 1}" for i in range(len(tokens)))
            pattern = ET.tostring(pat, encoding="unicode").replace(f' lang="{text_lang}"', "")
            meaning = " or ".join(f"“{escape(m.replace('|', '” or “'))}”" for m in meanings)
            msg = f"“{words}” ({names.get(text_lang, text_lang)}) means {meaning} ({names.get(mother, mother)})."
            if suggestions:
                msg += " Did you maybe mean " + ", ".join(
                    f"<suggestion>{escape(s)}</suggestion>" for s in suggestions) + "?"
            out.append((not suggestions, gid,
                        f'    <rule id={quoteattr(rid)} name={quoteattr("False friend: " + name_words)}>\n'
                        f"      {pattern.strip()}\n"
                        f"      <message>{msg}</message>\n"
                        f"    </rule>"))
    # Rules that can suggest a word first: when two groups match the same word
    # (ACTUAL and ACTUALLY), LanguageTool keeps the earlier one.
    body = "\n".join(text for _, _, text in sorted(out, key=lambda t: t[:2]))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           f"<!-- {OVERLAY_STAMP}: generated by mtfix from LanguageTool's false-friends.xml "
           f"({text_lang} words with a {mother} meaning); LGPL-2.1 like its source. -->\n"
           f'<rules lang="{text_lang}">\n'
           '  <category id="FALSE_FRIENDS" name="False friends" type="misspelling">\n'
           f"{body}\n  </category>\n</rules>\n")
    return xml, n


def _group_suggests(group, text_lang: str, mother: str) -> bool:
    return any(r.find("pattern") is not None and r.find("pattern").get("lang") == mother
               and any(t.get("lang") == text_lang for t in r.findall("translation"))
               for r in group.findall("rule"))


def _words_with_suggestions(groups, text_lang: str, mother: str) -> set[str]:
    """Single words whose own rule can suggest something (e.g. ACTUALLY)."""
    words: set[str] = set()
    for g in groups:
        if not _group_suggests(g, text_lang, mother):
            continue
        for r in g.findall("rule"):
            pat = r.find("pattern")
            toks = pat.findall("token") if pat is not None else []
            if pat is not None and pat.get("lang") == text_lang and len(toks) == 1 and not toks[0].get("regexp"):
                words.add((toks[0].text or "").strip().lower())
    return words


def _drop_covered(pat, covered: set[str]) -> bool:
    """Remove from a one-token ``a|b`` pattern the words another rule handles
    better (with suggestions), so two groups do not fight over one word and
    LanguageTool shows the helpful one. False when nothing is left."""
    toks = pat.findall("token")
    if len(toks) != 1 or toks[0].get("regexp") != "yes":
        return True
    alts = (toks[0].text or "").split("|")
    if not all(a.isalpha() for a in alts):
        return True
    keep = [a for a in alts if a.lower() not in covered]
    if not keep:
        return False
    toks[0].text = "|".join(keep)
    if len(keep) == 1:
        del toks[0].attrib["regexp"]
    return True


def write_overlay(folder: Path, target: Path | None = None) -> Path:
    """Generate mtfix-overlay/ for the installation in ``folder`` (into ``target``)."""
    target = target or folder / OVERLAY_DIR
    dest = target / L2_FR_RESOURCE
    if dest.is_file() and OVERLAY_STAMP in dest.read_text(encoding="utf-8")[:300]:
        return target
    with zipfile.ZipFile(_core_jar(folder)) as z:
        data = z.read("org/languagetool/rules/false-friends.xml")
    xml, n = build_false_friend_rules(data)
    if n == 0:
        raise InstallError("no French false-friend rules found in LanguageTool's false-friends.xml")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    tmp.write_text(xml, encoding="utf-8")
    tmp.replace(dest)
    return target


def overlay_for(folder: Path) -> Path:
    """The overlay folder to put first on the class path for ``folder``.

    Inside our own assembly it lives next to libs/; for someone else's
    installation (the official zip in LTP_PATH) we do not write there but in
    our cache.
    """
    own = folder / OVERLAY_DIR
    if own.is_dir() or os.access(folder, os.W_OK) and folder.parent == default_ltp_path():
        return write_overlay(folder, own)
    return write_overlay(folder, cache_root() / "languagetool-overlay" / OVERLAY_STAMP)


# -- entry point ------------------------------------------------------------

def install(ltp_path: str | os.PathLike | None = None, *, force: bool = False,
            quiet: bool = True, log=None) -> Path:
    """Make LanguageTool 6.8 available and return its folder.

    Uses an existing installation (``ltp_path``, ``$LTP_PATH``, our cache)
    unless ``force``; otherwise assembles it from Maven Central into
    ``<ltp_path or ~/.cache/mtfix/languagetool>/LanguageTool-6.8``. Raises
    :class:`InstallError` with a one-line reason.
    """
    say = log or (lambda msg: None)
    check_java()
    found = None if force else find_installation(ltp_path)
    if found is not None:
        overlay_for(found)
        say(f"LanguageTool {LT_VERSION} found at {found}")
        return found
    base = Path(ltp_path).expanduser() if ltp_path else default_ltp_path()
    dest = base / f"LanguageTool-{LT_VERSION}"
    base.mkdir(parents=True, exist_ok=True)
    say(f"assembling LanguageTool {LT_VERSION} from Maven Central into {dest}")
    with tempfile.TemporaryDirectory(dir=base, prefix=".assemble-") as tmp:
        work = Path(tmp)
        stage = work / dest.name
        (stage / "libs").mkdir(parents=True)
        _run_maven(work, stage / "libs", quiet)
        jars = {p.name for p in (stage / "libs").glob("*.jar")}
        if f"languagetool-server-{LT_VERSION}.jar" not in jars or f"language-en-{LT_VERSION}.jar" not in jars:
            raise InstallError("Maven finished but the LanguageTool jars are missing")
        write_overlay(stage)
        _write_manifest_jar(stage)
        if dest.exists():
            shutil.rmtree(dest)
        stage.rename(dest)
    say(f"LanguageTool {LT_VERSION} ready at {dest} (LTP_PATH={base})")
    return dest


def main(argv: list[str] | None = None) -> int:
    """``python -m mtfix.grammar.install [--force] [LTP_PATH]`` for the setup hook
    (scripts/setup.d/20-languagetool.sh)."""
    args = list(sys.argv[1:] if argv is None else argv)
    force = "--force" in args
    args = [a for a in args if a != "--force"]
    try:
        path = install(args[0] if args else None, force=force,
                       log=lambda m: print(f"[languagetool] {m}", file=sys.stderr))
    except InstallError as e:
        print(f"mtfix: {e}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
