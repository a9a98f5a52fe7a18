"""Reading input and writing output without losing a byte.

Text comes in as bytes: a UTF-8 BOM is remembered and not counted in offsets,
line endings are never translated, a file without a final newline stays
without one, and a file that is not UTF-8 is read as cp1252 (a superset of
Latin-1 for printable text) with a notice, or refused. Whatever is written
back uses the same encoding and BOM. In-place writes go to a temporary file in
the same folder, then replace the original atomically, keeping a backup.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mtfix.errors import InputError, OutputError  # noqa: F401  (raised here, re-exported)

#: Inputs larger than this are refused: news articles are kilobytes, and a
#: multi-megabyte input is almost certainly the wrong file.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One decoded input and what is needed to write it back identically."""

    path: str  # as given by the user; "-" for stdin
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    notice: str = ""

    @property
    def display(self) -> str:
        return "<stdin>" if self.path == "-" else self.path

    def encode(self, text: str) -> bytes:
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as e:
            raise InputError(f"{self.display}: the fixed text has {text[e.start:e.end]!r}, which "
                             f"{self.encoding} cannot encode; use --encoding utf-8") from None
        return (codecs.BOM_UTF8 + data) if self.bom else data


def decode(data: bytes, name: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    if len(data) > max_bytes:
        raise InputError(f"{name}: input too large ({len(data) / 1048576:.1f} MiB; the limit is "
                         f"{max_bytes / 1048576:.0f} MiB)")
    if not data.strip():
        raise InputError(f"{name}: input is empty" if not data else f"{name}: input is blank")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8)
        body = data[len(codecs.BOM_UTF8):] if bom else data
        enc = "utf-8" if encoding.lower().replace("_", "-") == "utf-8-sig" else encoding
        try:
            text = body.decode(enc)
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: cannot decode as {encoding} (byte 0x{body[e.start]:02x} at "
                             f"offset {e.start})") from None
        _refuse_binary(text, name)
        return Source(name, text, enc, bom)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks binary or UTF-16 (NUL bytes); mtfix reads UTF-8 text "
                         f"(or give --encoding)")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
        enc, notice = "utf-8", ""
    except UnicodeDecodeError as e:
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-8 (byte 0x{body[e.start]:02x} at offset "
                             f"{e.start}) nor cp1252; give the encoding with --encoding") from None
        enc = "cp1252"
        notice = f"{name}: not UTF-8; read as cp1252 (Windows Latin-1); use --encoding to choose"
    _refuse_binary(text, name)
    return Source(name, text, enc, bom, notice)


def _refuse_binary(text: str, name: str) -> None:
    sample = text[:8192]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks binary ({controls} control characters in the first "
                         f"{len(sample)}); mtfix reads text")


def read_source(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a file (or stdin for ``-``) into a :class:`Source`, or raise InputError."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return decode(data, "-", encoding, max_bytes)
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory (give the article files)")
    if st.st_size > max_bytes:
        raise InputError(f"{path}: input too large ({st.st_size / 1048576:.1f} MiB; the limit is "
                         f"{max_bytes / 1048576:.0f} MiB)")
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    src = decode(data, path, encoding, max_bytes)
    return src


def write_atomic(path: str | Path, data: bytes, backup_suffix: str | None = ".bak") -> Path | None:
    """Replace ``path`` with ``data`` atomically; keep the old file as a backup.

    The new content is written to a temporary file in the same folder, flushed
    to disk and renamed over the original, so a crash leaves either the old or
    the new file, never half of one. A symbolic link is written through (its
    target changes, the link stays a link); the file keeps its permissions and
    the backup gets them too. Returns the backup path, if any. Any failure is
    an :class:`OutputError` naming the path, with nothing changed.
    """
    shown = str(path)
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        if path.is_dir():
            raise OutputError(f"{shown}: is a directory; give a file name")
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        return _replace(path, data, backup_suffix, mode)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {e.strerror or e}") from None


def _replace(path: Path, data: bytes, backup_suffix: str | None, mode: int | None) -> Path | None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mtfix-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        backup = None
        if backup_suffix and path.exists():
            backup = path.with_name(path.name + backup_suffix)
            _copy_atomic(path, backup)
        os.replace(tmp, path)
        return backup
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _copy_atomic(src: Path, dst: Path) -> None:
    _replace(dst, src.read_bytes(), None, stat.S_IMODE(src.stat().st_mode))
