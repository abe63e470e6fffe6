"""Reading files into Documents, with one clear error per file that cannot be read."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .document import Document
from .errors import InputError, UsageError

DEFAULT_INCLUDE = ("*.txt", "*.md")


def discover(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE) -> list[Path]:
    """Files named on the command line, and matching files under named folders, sorted.

    A file named explicitly is always checked; inside folders only files
    matching `include` are, and hidden folders (.git, .venv) are skipped.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if any(fnmatch.fnmatch(name, pattern) for pattern in include):
                        p = os.path.join(root, name)
                        found.setdefault(os.path.normpath(p), p)
        elif path.exists() or path.is_symlink():
            found.setdefault(os.path.normpath(path), path)
        else:
            raise UsageError(f"{raw}: no such file or directory")
    return [Path(found[k]) for k in sorted(found)]


def read_document(path: Path, display: str | None = None, encoding: str = "utf-8") -> Document:
    """Read one file as a Document; raise InputError saying why it cannot be read."""
    display = display or os.path.normpath(path)
    return decode_document(read_bytes(path, display), display, encoding)


def read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes; raise InputError saying why they cannot be read."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except FileNotFoundError:
        raise InputError(display, "broken symbolic link or file vanished") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None


def decode_document(data: bytes, display: str, encoding: str = "utf-8") -> Document:
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(display, f"binary file (NUL byte at offset {nul}), not checked")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        raise InputError(display, f"not valid {encoding.upper()} at byte {exc.start}") from None
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None
    return Document(text, display, bom=bom, encoding=encoding)
