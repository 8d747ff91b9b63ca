"""The `regex` module with a compile that remembers its work between runs.

Compiling the extraction patterns (a few large word alternations) costs about 0.15 s of CPU in every
process, more than extracting a review takes. A compiled `regex` pattern pickles as its finished code
(`regex._regex.compile` and the opcodes), so loading one back costs microseconds. `compile` here keeps
the patterns it compiled in one file in the user's cache directory and loads them from there in later
runs; everything else is the `regex` module itself. Rule modules use it as `from tracker import
regexcache as regex`, so their code reads as before.

The file is keyed by the versions of Python and `regex` (whose code format it holds); each entry by the
pattern and its flags, so an edited pattern simply gets a new entry. Any trouble with the file (missing,
unwritable, corrupt, written by someone else) only means compiling as usual. Only `regex._regex.compile`
may be called while loading it: it cannot run any other code. TRACKER_CACHE_DIR chooses another folder;
set to an empty string, nothing is read or written.
"""
from __future__ import annotations

import atexit
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

import regex

# this module stands in for `regex`: its names, bound here so that rule code looks them up as fast as before
globals().update({name: getattr(regex, name) for name in regex.__all__ if name not in ("compile", "__doc__")})


def __getattr__(name: str) -> Any:
    return getattr(regex, name)  # whatever else `regex` has (and what type checkers see: Any)


_VERSION = f"py{sys.version_info[0]}{sys.version_info[1]}-regex{regex.__version__}"
_MAX_ENTRIES = 2000  # patterns edited again and again leave old entries; past this the unused ones go


def _folder() -> str | None:
    """The per-user cache folder (found without platformdirs, whose import alone costs 8 ms)."""
    chosen = os.environ.get("TRACKER_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return os.path.join(base, "tracker", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/tracker")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tracker")


class _PatternLoader(pickle.Unpickler):
    """Unpickles compiled patterns and nothing else: no other callable can be named in the file."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


class _Cache:
    def __init__(self) -> None:
        folder = _folder()
        self.path = os.path.join(folder, f"patterns-{_VERSION}.pickle") if folder else None
        self.stored: dict[tuple, bytes] = {}  # (pattern, flags) or ("remember", ...) -> the pickled value
        self.used: set[tuple] = set()
        self.added = False
        if self.path:
            try:
                with open(self.path, "rb") as handle:
                    stored = _PatternLoader(handle).load()
                if isinstance(stored, dict):
                    self.stored = stored
            except Exception:  # noqa: BLE001 - no file, or a bad one: compile as usual
                pass
            atexit.register(self.save)

    def get(self, key: tuple) -> Any:
        data = self.stored.get(key)
        if data is None:
            return None
        try:
            pattern = _PatternLoader(io.BytesIO(data)).load()
        except Exception:  # noqa: BLE001
            return None
        self.used.add(key)
        return pattern

    def put(self, key: tuple, pattern: Any) -> None:
        try:
            self.stored[key] = pickle.dumps(pattern, protocol=4)
        except Exception:  # noqa: BLE001 - a pattern that does not pickle is compiled every time
            return
        self.used.add(key)
        self.added = True

    def save(self) -> None:
        """Write the file if this process compiled something new (atomically: runs may overlap)."""
        if not self.added or not self.path:
            return
        self.added = False
        if len(self.stored) > _MAX_ENTRIES:
            self.stored = {key: data for key, data in self.stored.items() if key in self.used}
        try:
            import tempfile

            folder = os.path.dirname(self.path)
            os.makedirs(folder, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".patterns-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(self.stored, handle, protocol=4)
            os.replace(temporary, self.path)
        except Exception:  # noqa: BLE001 - an unwritable cache only costs compiling next time
            pass


_cache: _Cache | None = None
_compiled: dict[tuple[Any, int], Any] = {}


def compile(pattern: Any, flags: int = 0, **kwargs: Any) -> Any:  # stands in for regex.compile
    """regex.compile, from the cache file when this pattern was compiled by an earlier run."""
    global _cache
    if kwargs or not isinstance(pattern, (str, bytes)) or flags & regex.LOCALE:
        return regex.compile(pattern, flags, **kwargs)  # named lists, locales: as usual
    memo = (pattern, int(flags))  # a plain int: the file must hold no enum (nothing but str, int, bytes)
    found = _compiled.get(memo)
    if found is not None:
        return found
    if _cache is None:
        _cache = _Cache()
    found = _cache.get(memo)
    if found is None or found.pattern != pattern:
        found = regex.compile(pattern, flags)
        _cache.put(memo, found)
    _compiled[memo] = found
    return found


def remember(key: tuple, compute: Callable[[], Any]) -> Any:
    """compute(), or its value from an earlier run under the same key (pattern sources and parsed data files
    that start-up would otherwise build again: plain values, str, int, float, bool, lists, tuples and dicts).

    `key` must name everything the value depends on (such as a digest of the data it is built from)."""
    global _cache
    if _cache is None:
        _cache = _Cache()
    memo = ("remember", *key)
    found = _cache.get(memo)
    if found is None:
        found = compute()
        _cache.put(memo, found)
    return found


def load_toml(text: str) -> dict:
    """tomllib.loads(text), parsed once: tomllib is pure Python and the data files take it 10 ms a run."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
    return remember(("toml", digest), lambda: tomllib.loads(text))


def save() -> None:
    """Write what this process compiled now (worker processes end without running atexit)."""
    if _cache is not None:
        _cache.save()
