"""Documents behind an fsspec URL (`s3://bucket/archive/`, `file:///srv/archive/`, `memory://...`).

A cluster's workers share an archive through such a URL (or a path mounted at
the same place on every machine): the client lists it, each worker reads its
own documents. fsspec is imported only when a URL is named; a protocol such as
`s3` needs its own package (s3fs), which fsspec names when it is missing.
"""

from __future__ import annotations

import fnmatch
import re

from .errors import InputError, UsageError

_PROTOCOL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://")


def is_url(path: object) -> bool:
    """True for a path that names its protocol (`s3://...`); a local path never does."""
    return isinstance(path, str) and _PROTOCOL.match(path) is not None


def _filesystem(url: str):
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: reading URLs needs fsspec: pip install \"wenlint[dask]\"") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise UsageError(f"{url}: {exc}") from None


def list_documents(url: str, include: tuple[str, ...]) -> list[str]:
    """The documents under a folder URL whose names match `include` (hidden folders skipped), as
    URLs spelt like `url`; a URL that is no folder is returned as it is, so reading it says why.
    A URL whose own name matches `include` is taken for a document without asking the store (a
    listed archive named again costs no request per document)."""
    if any(fnmatch.fnmatch(url.rstrip("/").rsplit("/", 1)[-1], pattern) for pattern in include) and not url.endswith("/"):
        return [url]
    fs, root = _filesystem(url)
    try:
        if not fs.isdir(root):
            return [url]
        found = fs.find(root)
    except Exception:  # noqa: BLE001 - whatever the store says, reading the URL reports it per document
        return [url]
    base = url.rstrip("/")
    documents = []
    for path in found:
        relative = path[len(root.rstrip("/")):].lstrip("/")
        *folders, name = relative.split("/")
        if any(folder.startswith(".") for folder in folders):
            continue
        if any(fnmatch.fnmatch(name, pattern) for pattern in include):
            documents.append(f"{base}/{relative}")
    return sorted(documents)


def read_url(url: str, display: str) -> bytes:
    """The bytes of the document at `url`; InputError saying why it cannot be read."""
    fs, path = _filesystem(url)
    try:
        if fs.isdir(path):
            raise InputError(display, "is a folder, not a file")
        with fs.open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(display, "no such file or directory") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a store's own errors (credentials, network) are per document too
        raise InputError(display, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
