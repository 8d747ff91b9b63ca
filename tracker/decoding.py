"""Review bytes: read from a file or standard input within a size limit, and decoded into text."""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys

from tracker import regexcache as regex  # regex, with compiled patterns kept between runs
from tracker.errors import DocumentError

DEFAULT_MAX_SIZE = 50 * 1024 * 1024  # bytes; raise with --max-size

_BINARY_MAGIC = {b"\x89PNG": "PNG image", b"PK\x03\x04": "zip archive", b"%PDF": "PDF file",
                 b"\x1f\x8b": "gzip archive", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                 b"SQLite format 3": "SQLite database"}
_MAGICS = tuple(_BINARY_MAGIC)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BOM_STARTS = tuple(bom for bom, _ in _BOMS)


def _too_large(path: str, max_size: int) -> DocumentError:
    mb = 1024 * 1024
    limit = f"{max_size // mb} MB" if max_size >= mb and max_size % mb == 0 else f"{max_size:,} byte"
    return DocumentError(path, f"larger than the {limit} limit", remedy="max_size")


def read_bytes(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The file's bytes; never reads more than max_size + 1 of them, so memory is bounded by the limit."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        try:
            data = _read_file(path, max_size)
        except FileNotFoundError:
            raise DocumentError(path, "no such file") from None
        except (PermissionError, IsADirectoryError) as error:
            denied = isinstance(error, PermissionError)
            if os.path.isdir(path):  # a directory that cannot be opened (Windows) or listed: which is it?
                try:
                    os.listdir(path)
                    denied = False
                except PermissionError:
                    denied = True
                except OSError:
                    pass
            raise DocumentError(path, "permission denied" if denied else "is a directory with no review files") \
                from None
        except OSError as error:
            reason = "symbolic link loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
            raise DocumentError(path, reason.lower()) from None
    if len(data) > max_size:  # grew while being read, or standard input
        raise _too_large(path, max_size)
    if not data.strip():
        raise DocumentError(path, "empty file")
    return data


# O_NONBLOCK: opening a FIFO (named pipe) must not wait for a writer
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_file(path: str, max_size: int) -> bytes:
    """Open, check and read with plain system calls: a file object and a read of max_size + 1 bytes (which
    allocates that much) cost four times what reading a 2 KB review does."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            os.listdir(path)  # permission denied is the better reason, if that is what it is
            raise DocumentError(path, "is a directory with no review files")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(path, "not a regular file")
        if info.st_size > max_size:  # the size check happens before anything is read
            raise _too_large(path, max_size)
        limit = max_size + 1
        parts = []
        size = 0
        while size < limit:  # the size it had, and then whatever it grew by, to max_size + 1 bytes in all
            part = os.read(fd, min(limit - size, max(info.st_size + 1 - size, 65536)))
            if not part:
                break
            parts.append(part)
            size += len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


def decode(raw: bytes, path: str = "<bytes>") -> str:
    """Decode review bytes: BOMs first, then strict UTF-8, then a declared or detected encoding.

    Any GB verdict (gb2312, gbk) is decoded as gb18030, their superset. A guessed encoding must
    give plausible text (hardly any control, private-use or unassigned characters); bytes that no
    encoding turns into text are refused with a plain reason. Raises only DocumentError.
    """
    if raw.startswith(_MAGICS):  # one test for the usual case, a file that is none of them
        for magic, kind in _BINARY_MAGIC.items():
            if raw.startswith(magic):
                raise DocumentError(path, f"binary file ({kind})")
    for bom, encoding in _BOMS if raw.startswith(_BOM_STARTS) else ():
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeError:
                raise DocumentError(path, f"invalid {encoding} text") from None
            if not _plausible(text):  # a byte-order mark followed by anything but text
                raise DocumentError(path, "binary file")
            return _check_text(text, path)
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "binary file")
    try:
        return _check_text(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    declared = regex.search(rb"(?i)<meta[^>]{0,200}charset=[\"']?([\w-]{1,40})", raw[:4096])
    candidates: list[str] = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in candidates + ["gb18030"]:  # the commonest non-UTF-8 encoding of the reviews we read
        decoded = _try_decode(raw, encoding)
        if decoded is not None:
            return decoded
    from charset_normalizer import from_bytes  # only files that are neither pay for the detector

    try:
        best = from_bytes(raw[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means one candidate fewer
        best = None
    if best is not None and best.encoding:
        candidates.append(best.encoding.lower())
    for encoding in candidates:
        decoded = _try_decode(raw, encoding)
        if decoded is not None:
            return decoded
    raise DocumentError(path, "not text in any known encoding (tried UTF-8, UTF-16, GB18030 and a detected "
                              "encoding)")


def _try_decode(raw: bytes, encoding: str) -> str | None:
    """The text if `encoding` turns the bytes into plausible writing, else None."""
    encoding = "gb18030" if encoding.replace("_", "").startswith("gb") else encoding
    if not _is_text_encoding(encoding):
        return None
    try:
        text = raw.decode(encoding)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None
    if encoding == "gb18030" and _cjk_share(text) < 0.2:
        return None
    return text if _plausible(text) else None


# Codecs that decode bytes but are no character set a page would be written in.
_NOT_CHARSETS = {"undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7",
                 "palmos", "mbcs", "oem"}


def _is_text_encoding(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    return getattr(info, "_is_text_encoding", True) and info.name.replace("-", "_") not in _NOT_CHARSETS


_ODD = regex.compile(r"[\p{Co}\p{Cn}\p{Cs}\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _plausible(text: str) -> bool:
    """Text a guessed encoding gave looks like writing: few private-use, unassigned or odd characters."""
    sample = text[:20000]
    if not sample:
        return False
    if not _ODD.search(sample):  # the usual case: none at all, found without building a list
        return True
    return len(_ODD.findall(sample)) <= len(sample) * 0.005


# runs of the characters counted: their lengths add up to the count, from a list ten times shorter than one
# string per character
_LETTERS_NOT_ASCII = regex.compile(r"[^\x00-\x7f\s]+")
_CJK_LETTERS = regex.compile(r"[\u4e00-\u9fff\u3001-\u303f\uff00-\uffef]+")  # U+3000 is a space


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    letters = sum(map(len, _LETTERS_NOT_ASCII.findall(sample)))
    if not letters:
        return 1.0
    return sum(map(len, _CJK_LETTERS.findall(sample))) / letters


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# the same characters, for stdlib re (a class of code point ranges means the same to both), which scans for
# them several times faster
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str, path: str) -> str:
    sample = text[:20000]
    if not _ANY_CONTROL.search(sample):
        return text
    control = len(_CONTROL.findall(sample))
    if sample and control / len(sample) > 0.01:
        raise DocumentError(path, "binary file")
    return text
