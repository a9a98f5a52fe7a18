"""What a fresh process would rebuild from the built-in rule files, kept on disk.

Reading the built-in pack means parsing 400 KB of YAML and checking 174
rules (a third of a second), and the calques lexicon's 458 entries need their
literal anchors worked out (:mod:`mtfix.anchors`, a seventh of a second):
the same work, with the same result, in every process. The result is pickled
under the user's cache folder (``$MTFIX_CACHE/rules``, else the platform's
cache folder for mtfix, ``~/.cache/mtfix/rules`` on Linux) and read back in
a few milliseconds.

Each file holds one value and the key it was built under: a hash of the
input (the rule file's bytes, the lexicon's entries), of mtfix's version and
of the size and time of every module of the package (a changed loader or
detector builds something else), and of Python's and the parsers' versions.
A stale, truncated or unreadable file is built again and replaced; the file
is written to a temporary name and renamed, so a reader never sees half of
one, and a cache folder that cannot be written only costs the rebuild.

Only what mtfix ships is cached, never a user's rule file (it is loaded, and
checked, afresh each time). The folder is the user's own and only mtfix
writes to it, so unpickling its files trusts no one new, as Python trusts the
``.pyc`` files next to the modules; a file another user owns, or may write,
is never read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

__all__ = ["cache_dir", "cached", "fingerprint"]

T = TypeVar("T")

#: Bumped when the layout of a cached value changes in a way file times miss.
FORMAT = 1


def cache_dir() -> Path:
    """The folder of the cached rule files (not created here)."""
    env = os.environ.get("MTFIX_CACHE")
    if env:
        return Path(env) / "rules"
    if sys.platform.startswith("linux"):  # what platformdirs says there, without importing it
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(base if os.path.isabs(base) else Path.home() / ".cache") / "mtfix" / "rules"
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("mtfix")) / "rules"
    except ImportError:  # pragma: no cover - platformdirs is a core dependency
        return Path.home() / ".cache" / "mtfix" / "rules"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What, besides its input, a cached value depends on: the versions of
    mtfix, Python, ``regex`` and PyYAML (:func:`_stamp`), and the size and
    modification time of every module of the package."""
    # the package is imported by the time a rule file is read (importing it
    # here would be an import cycle: mtfix imports the engine, which imports this)
    version = getattr(sys.modules.get("mtfix"), "__version__", "")
    h = hashlib.sha256(f"{FORMAT}\0{version}\0{sys.version}\0{_stamp('regex')}\0{_stamp('yaml')}\0"
                       f"{pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parents[1]  # mtfix/
    for root, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                st = os.stat(path)
                h.update(f"\0{os.path.relpath(path, package)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _stamp(module: str) -> str:
    """The installed version of ``module``, without importing it (PyYAML is
    not needed when the cache answers): its file's path, size and time."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        st = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        return "-"
    return f"{origin}:{st.st_size}:{st.st_mtime_ns}" if st else "-"


def _slot(name: str) -> Path:
    return cache_dir() / (hashlib.sha256(name.encode()).hexdigest()[:24] + ".pickle")


def _read_own(path: Path) -> bytes:
    """The bytes of ``path`` if this user wrote it and no one else may
    (``MTFIX_CACHE`` could name a shared folder); else OSError."""
    with open(path, "rb") as fh:
        if hasattr(os, "getuid"):
            st = os.fstat(fh.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                raise PermissionError(f"{path}: not this user's own file")
        return fh.read()


def cached(name: str, data: bytes, build: Callable[[], T]) -> T:
    """The value ``build()`` returns for input ``data``, from the cache when it
    was built before under the same :func:`fingerprint`.

    ``name`` says which value this is (a rule file's path, a lexicon's rule
    id and folder): one file per name, overwritten when the input changes,
    so the folder does not grow with every edit of a rule file.
    """
    key = hashlib.sha256(fingerprint().encode() + b"\0" + name.encode() + b"\0" + data).digest()
    path = _slot(name)
    try:
        blob = _read_own(path)
        if blob[:32] == key:
            return pickle.loads(blob[32:])  # noqa: S301 - mtfix's own cache folder
    except Exception:  # noqa: BLE001 - missing, stale, truncated, from another version: rebuild
        pass
    value = build()
    try:
        blob = key + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass  # a read-only cache folder, a value that cannot be pickled: rebuilt next time
    return value
