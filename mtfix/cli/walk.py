"""Which files a batch run reads: the paths given, folders walked, globs applied.

A folder is walked recursively in a stable order (names sorted), so two runs
over the same tree report in the same order and ``--jobs`` cannot change it.
Hidden files and folders (a leading dot: ``.git``, editors' swap files,
mtfix's own temporary files) and mtfix's backups (``*.bak``) are skipped, and
the run says how many; binary files are recognised when they are read
(:func:`looks_binary`), so the walk itself opens nothing. A path named
explicitly is always read, whatever the globs say: asking for a file by name
and having it silently left out would be worse than an error for it.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from mtfix.textio import Source

#: Backups that ``--in-place`` leaves beside each article: never articles.
BACKUP_SUFFIX = ".bak"

#: How much of a file found in a folder is read to tell binary from text.
SNIFF = 8192


@dataclass
class Item:
    """One input of a run."""

    path: str  # as the user would write it ("-" for stdin)
    #: Where it goes under ``--output-dir``: the path below the folder it was
    #: found in, or the file's own name for a file named on the command line.
    rel: str
    from_folder: bool = False
    #: stdin, read once by the main process (a worker cannot read it).
    source: Source | None = field(default=None, repr=False)
    error: str | None = None  # reading stdin failed: reported in its place in the run


@dataclass
class Walk:
    items: list[Item] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    excluded: int = 0
    empty_folders: list[str] = field(default_factory=list)
    #: Folders that could not be listed (permissions): failed inputs, not silence.
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    folders: int = 0

    def notes(self) -> list[str]:
        """What was skipped, in a line or two (a few names, then a count)."""
        out = []
        for names, what in ((self.hidden, "hidden"), (self.backups, "backup (*.bak)")):
            if names:
                shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
                out.append(f"skipped {len(names)} {what} {'entry' if len(names) == 1 else 'entries'}"
                           f" ({shown})")
        if self.excluded:
            out.append(f"skipped {self.excluded} file{'s' * (self.excluded != 1)} by --include/--exclude")
        return out


def _matches(rel: str, name: str, patterns: tuple[str, ...]) -> bool:
    """A glob matches the path below the folder (``news/*.txt``, ``**/draft*``)
    or the bare name (``*.txt``)."""
    for p in patterns:
        if fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel, p):
            return True
        if p.startswith("**/") and fnmatch.fnmatchcase(rel, p[3:]):
            return True
    return False


def expand(paths: tuple[str, ...], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
           skip_dirs: tuple[Path, ...] = ()) -> Walk:
    """The inputs the paths name, in command-line order, each folder walked.

    ``skip_dirs`` are never walked into (the ``--output-dir`` of a run, which
    may sit inside the folder being cleaned).
    """
    walk = Walk()
    skip = {os.path.realpath(d) for d in skip_dirs}
    for p in paths:
        if p != "-" and os.path.isdir(p):
            walk.folders += 1
            before = len(walk.items)
            _walk_folder(p, include, exclude, skip, walk)
            if len(walk.items) == before and not walk.unreadable:
                walk.empty_folders.append(p)
        else:
            walk.items.append(Item(p, os.path.basename(p) if p != "-" else "-"))
    return walk


def _walk_folder(root: str, include, exclude, skip: set[str], walk: Walk) -> None:
    def unreadable(e: OSError) -> None:
        walk.unreadable.append((e.filename or root, f"{e.filename or root}: cannot list the folder: "
                                                    f"{e.strerror or e}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        rel_folder = os.path.relpath(folder, root)
        rel_folder = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        keep = []
        for d in sorted(dirs):
            full = os.path.join(folder, d)
            if d.startswith("."):
                walk.hidden.append(full)
            elif os.path.realpath(full) in skip:
                continue
            elif exclude and _matches(rel_folder + d, d, exclude):
                walk.excluded += 1
            else:
                keep.append(d)
        dirs[:] = keep  # os.walk descends only into these, in this order
        for name in sorted(files):
            full = os.path.join(folder, name)
            rel = rel_folder + name
            if name.startswith("."):
                walk.hidden.append(full)
            elif name.endswith(BACKUP_SUFFIX):
                walk.backups.append(full)
            elif (include and not _matches(rel, name, include)) or (exclude and _matches(rel, name, exclude)):
                walk.excluded += 1
            elif os.path.isfile(full):  # not a FIFO, socket or device found by chance
                walk.items.append(Item(full, rel, from_folder=True))


def looks_binary(path: str) -> bool:
    """A NUL byte near the start: an image, an archive, a UTF-16 file. Only
    files found in a folder are judged this way (and skipped); a binary file
    named on the command line is an input error, as it always was."""
    try:
        with open(path, "rb") as fh:
            return b"\x00" in fh.read(SNIFF)
    except OSError:
        return False  # reading it properly reports the error
