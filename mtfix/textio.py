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
from dataclasses import dataclass, field
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
    #: The bytes as read: the backup of an in-place write is made from them,
    #: and the file must still hold them when it is replaced.
    raw: bytes = field(default=b"", repr=False, compare=False)
    #: Invalid UTF-8 bytes kept as lone surrogates (``surrogateescape``), so
    #: that they are written back exactly; a detector reports them.
    stray_bytes: int = 0
    #: A regular file (not stdin, a pipe, a FIFO or a device): only those can
    #: be rewritten in place.
    regular: bool = False

    @property
    def display(self) -> str:
        return "<stdin>" if self.path == "-" else self.path

    def encode(self, text: str) -> bytes:
        try:
            data = text.encode(self.encoding, "surrogateescape" if self.stray_bytes else "strict")
        except UnicodeEncodeError as e:
            raise InputError(f"{self.display}: the fixed text has {text[e.start:e.end]!r}, which "
                             f"{self.encoding} cannot encode; use --encoding utf-8") from None
        return (codecs.BOM_UTF8 + data) if self.bom else data


#: Codecs that are not a plain character encoding: they would rewrite bytes
#: (``unicode_escape`` turns ``\\n`` into a newline) or are not for text at all.
_NOT_TEXT = {"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined",
             "utf_7", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}

#: A UTF-8 file with at most this many invalid bytes, and more valid non-ASCII
#: characters than invalid bytes, keeps them as stray bytes instead of being
#: read as cp1252: one bad byte must not turn every ``’`` and ``é`` of a UTF-8
#: article into garbage. (A real cp1252 file has almost no valid UTF-8
#: multi-byte sequences, so it still reads as cp1252.)
MAX_STRAY = 64


def _size(n: int, exact: bool = True) -> str:
    return f"{n / 1048576:.1f} MiB" if exact else f"more than {n / 1048576:.0f} MiB"


def _codec(encoding: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_TEXT:
        raise InputError(f"--encoding {encoding}: not a text encoding mtfix can read and write back "
                         f"exactly (use utf-8, cp1252, latin-1, ...)")
    return info.name


def decode(data: bytes, name: str, encoding: str | None = None, max_bytes: int = MAX_BYTES,
           regular: bool = False) -> Source:
    if len(data) > max_bytes:
        raise InputError(f"{name}: input too large ({_size(len(data), regular)}; the limit is "
                         f"{max_bytes / 1048576:.0f} MiB)")
    if not data:
        raise InputError(f"{name}: input is empty")
    if encoding:
        codec = _codec(encoding)
        bom = codec == "utf-8" and data.startswith(codecs.BOM_UTF8)
        body = data[len(codecs.BOM_UTF8):] if bom else data
        enc = "utf-8" if codec == "utf-8-sig" else encoding
        try:
            text = body.decode(enc)
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: cannot decode as {encoding} (byte 0x{body[e.start]:02x} at "
                             f"offset {e.start})") from None
        if text.encode(enc) != body:
            raise InputError(f"{name}: --encoding {encoding} does not give back the same bytes; "
                             f"mtfix needs an exact encoding")
        _refuse_binary(text, name)
        return Source(name, text, enc, bom, raw=data, regular=regular)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        raise InputError(f"{name}: looks binary or UTF-16 (NUL bytes); mtfix reads UTF-8 text "
                         f"(or give --encoding)")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    stray, notice = 0, ""
    try:
        text = body.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError as e:
        text = body.decode("utf-8", "surrogateescape")
        stray = sum(1 for c in text if "\udc80" <= c <= "\udcff")
        multibyte = sum(1 for c in text if ord(c) > 127 and not "\udc80" <= c <= "\udcff")
        if stray <= min(MAX_STRAY, multibyte):
            enc = "utf-8"
            notice = (f"{name}: {stray} invalid UTF-8 byte{'s' * (stray != 1)} kept as "
                      f"{'they are' if stray != 1 else 'it is'} (see the encoding findings)")
        else:
            stray = 0
            try:
                text = body.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(f"{name}: not valid UTF-8 (byte 0x{body[e.start]:02x} at offset "
                                 f"{e.start}) nor cp1252; give the encoding with --encoding") from None
            enc = "cp1252"
            notice = f"{name}: not UTF-8; read as cp1252 (Windows Latin-1); use --encoding to choose"
    _refuse_binary(text, name)
    return Source(name, text, enc, bom, notice, raw=data, stray_bytes=stray, regular=regular)


def _refuse_binary(text: str, name: str) -> None:
    sample = text[:8192]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    if "\x00" in text or controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks binary ({controls} control characters in the first "
                         f"{len(sample)}); mtfix reads text")


def read_source(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a file (or stdin for ``-``) into a :class:`Source`, or raise InputError.

    Every input is read once: a pipe, a FIFO or ``/dev/stdin`` cannot be read
    again for a backup. A FIFO with no writer is an empty input, not a hang.
    """
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
    regular = stat.S_ISREG(st.st_mode)
    if regular and st.st_size > max_bytes:
        raise InputError(f"{path}: input too large ({_size(st.st_size)}; the limit is "
                         f"{max_bytes / 1048576:.0f} MiB)")
    try:
        data = _read_once(p, regular, max_bytes + 1)
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    return decode(data, path, encoding, max_bytes, regular)


def _read_once(p: Path, regular: bool, limit: int) -> bytes:
    if regular:
        with open(p, "rb") as fh:
            return fh.read(limit)
    # A FIFO blocks open() until a writer comes: open without blocking, then read
    # normally (no writer at all: end of file at once).
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size < limit:
            chunk = os.read(fd, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: bytes, backup_suffix: str | None = ".bak", *,
                 original: bytes | None = None) -> Path | None:
    """Replace ``path`` with ``data`` atomically; keep the old file as a backup.

    The new content is written to a temporary file in the same folder, flushed
    to disk and renamed over the original, so a crash leaves either the old or
    the new file, never half of one. A symbolic link is written through (its
    target changes, the link stays a link); the file keeps its permissions and
    the backup gets them too; a new file gets the permissions the umask gives.
    Returns the backup path, if any. Any failure is an :class:`OutputError`
    naming the path, with nothing changed (an earlier backup included).

    ``original``: the bytes the caller read. The file must still hold them
    (checked under a lock on the folder, so two runs on one file cannot both
    win), and the backup is made from them, not from whatever is on disk.
    """
    shown = str(path)
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        if path.is_dir():
            raise OutputError(f"{shown}: is a directory; give a file name")
        with _folder_lock(path.parent if str(path.parent) else Path(".")):
            try:
                st = path.stat()
                mode = stat.S_IMODE(st.st_mode)
            except FileNotFoundError:
                st, mode = None, None
            if original is not None:
                if st is None or not stat.S_ISREG(st.st_mode):
                    raise OutputError(f"{shown}: is gone or not a regular file any more; nothing written")
                if path.read_bytes() != original:
                    raise OutputError(f"{shown}: changed since mtfix read it; nothing written "
                                      f"(run mtfix again)")
            return _replace(path, data, backup_suffix, mode, original)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {e.strerror or e}") from None


class _folder_lock:
    """An exclusive advisory lock on a folder (flock on its descriptor), so
    that checking a file and replacing it is one step for concurrent mtfix runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self) -> "_folder_lock":
        try:
            import fcntl

            self.fd = os.open(self.folder, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):  # no flock here: the content check still runs
            if self.fd is not None:
                os.close(self.fd)
            self.fd = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock


def _temp(path: Path) -> tuple[int, str]:
    """A temporary file beside ``path`` whose name carries our pid, so a later run
    can tell the leftovers of a killed run (:func:`clean_leftovers`)."""
    return tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".mtfix-tmp",
                            dir=path.parent if str(path.parent) else Path("."))


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(path: Path, data: bytes, mode: int) -> str:
    fd, tmp = _temp(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _replace(path: Path, data: bytes, backup_suffix: str | None, mode: int | None,
             original: bytes | None) -> Path | None:
    clean_leftovers(path)
    mode = _umask_mode() if mode is None else mode
    tmp = _write_temp(path, data, mode)
    backup = path.with_name(path.name + backup_suffix) if backup_suffix and path.exists() else None
    bak_tmp = keep = None
    made_backup = False
    try:
        if backup is not None:
            old = original if original is not None else path.read_bytes()
            bak_tmp = _write_temp(backup, old, mode)
            if backup.exists():  # kept aside until the file itself is replaced
                keep = _temp(backup)
                os.close(keep[0])
                os.replace(backup, keep[1])
            os.replace(bak_tmp, backup)
            bak_tmp, made_backup = None, True
        os.replace(tmp, path)
        tmp = None
    except BaseException:
        if keep is not None:  # the file was not replaced: the earlier backup comes back
            os.replace(keep[1], backup)
            keep = None
        elif made_backup:
            _unlink(str(backup))
        raise
    finally:
        for leftover in (tmp, bak_tmp, keep[1] if keep else None):
            if leftover:
                _unlink(leftover)
    return backup


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except FileNotFoundError:
        pass


def clean_leftovers(path: Path) -> None:
    """Remove the temporary files a killed mtfix run left beside ``path``
    (``.NAME.PID.*.mtfix-tmp`` whose process is gone)."""
    folder = path.parent if str(path.parent) else Path(".")
    for p in folder.glob(f".{path.name}.*.mtfix-tmp"):
        pid = p.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            _unlink(str(p))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
