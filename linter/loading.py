"""Reading files into Documents, with one clear error per file that cannot be read.

Documents are UTF-8 (with or without BOM) unless `--encoding` says otherwise.
`auto` tries UTF-8 first and then asks charset-normalizer; a file that is not
valid UTF-8 is an error naming the byte offset, with a hint when its bytes look
like GB18030/GBK or Big5. Positions always refer to the decoded text.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
from pathlib import Path

from .document import Document
from .errors import InputError, UsageError, WenlintError
from .urls import is_url, list_documents, read_url

DEFAULT_INCLUDE = ("*.txt", "*.md")
AUTO = "auto"
# Encodings worth a hint in a Chinese corpus, and the codec that reads each one
# (GB18030 is a superset of GBK and GB2312 that round-trips every byte sequence).
CHINESE_ENCODINGS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
}
DETECTION_SAMPLE = 256 * 1024
_WIDE_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


def discover(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE, gitignore: bool = False) -> list[Path]:
    """Files named on the command line, and matching files under named folders, sorted.

    A file named explicitly is always checked; inside folders only files
    matching `include` are, and hidden folders (.git, .venv) are skipped. With
    `gitignore`, what the `.gitignore` files of the folder, of its parents up to
    the repository root and of its subfolders ignore is skipped too (a named
    folder that its parents' files ignore is still walked). A folder
    that cannot be listed, or a named path that does not exist, is returned too,
    so reading it reports why while the other files are checked.
    """
    found: dict[str, str | Path] = {}

    def unlistable(error: OSError) -> None:
        if error.filename:
            found.setdefault(os.path.normpath(error.filename), Path(error.filename))

    for raw in paths:
        if is_url(raw):
            found.update((url, url) for url in list_documents(raw, include))
            continue
        path = Path(raw)
        if path.is_dir():
            ignores = GitIgnores.above(path) if gitignore else None
            for root, dirs, files in os.walk(path, onerror=unlistable, followlinks=False):
                if ignores is not None:
                    ignores.enter(root)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not (ignores and ignores.ignored(os.path.join(root, d), folder=True)))
                for name in files:
                    if any(fnmatch.fnmatch(name, pattern) for pattern in include):
                        p = os.path.join(root, name)
                        if not (ignores and ignores.ignored(p)):
                            found.setdefault(os.path.normpath(p), p)
        else:
            # A path that does not exist is kept too: reading it reports the error and the run goes on.
            found.setdefault(os.path.normpath(path), path)
    return [found[k] if is_url(found[k]) else Path(found[k]) for k in sorted(found)]  # type: ignore[misc]  # a URL stays a str


def document_name(path) -> str:
    """How a document is named in reports: a URL as it is, a local path normalised."""
    return path if is_url(path) else os.path.normpath(path)


class GitIgnores:
    """The `.gitignore` files that apply inside one walk, read with pathspec (git's own matching rules).

    A deeper file's patterns decide before a shallower one's, as in git; a folder
    ignored is never entered, so nothing below it can be re-included.
    """

    def __init__(self) -> None:
        self.specs: dict[str, object] = {}

    @classmethod
    def above(cls, folder: Path) -> GitIgnores:
        """The ignores of `folder`'s parents up to the repository root (the folder holding `.git`); none
        when they ignore `folder` itself: a folder named on the command line is walked, as a file named
        is checked (`wenlint check build/`), and only the `.gitignore` files inside it apply."""
        ignores = cls()
        here = Path(os.path.abspath(folder))  # the walk's own spelling of paths, symbolic links unresolved
        chain = [here]
        for parent in here.parents:
            if (chain[-1] / ".git").exists():
                break
            chain.append(parent)
        else:
            chain = [here]
        for ancestor in reversed(chain[1:]):
            ignores.enter(str(ancestor))
        return cls() if ignores.ignored(str(here), folder=True) else ignores

    def enter(self, folder: str) -> None:
        """Read `folder/.gitignore`, if there is one."""
        key = os.path.abspath(folder)
        if key in self.specs:
            return
        try:
            with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return
        self.specs[key] = _gitignore_spec(lines)

    def ignored(self, path: str, folder: bool = False) -> bool:
        full = os.path.abspath(path)
        base = os.path.dirname(full)
        while True:
            spec = self.specs.get(base)
            if spec is not None:
                relative = os.path.relpath(full, base).replace(os.sep, "/") + ("/" if folder else "")
                verdict = spec.check_file(relative).include  # type: ignore[attr-defined]
                if verdict is not None:
                    return verdict
            parent = os.path.dirname(base)
            if parent == base:
                return False
            base = parent


def _gitignore_spec(lines: list[str]):
    """The patterns of one `.gitignore`; a line git cannot read as a pattern (a lone `!`, a trailing
    backslash) matches nothing, as in git, rather than stopping the walk."""
    from pathspec import GitIgnoreSpec  # only a walk that meets a .gitignore pays for the import

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:
        return GitIgnoreSpec.from_lines([line for line in lines if _valid_gitignore_line(line)])


def _valid_gitignore_line(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


def resolve_encoding(name: str) -> str:
    """The canonical codec name for `--encoding` (or `auto`); UsageError when unknown."""
    if name.lower() == AUTO:
        return AUTO
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"unknown encoding {name!r} (use auto, utf-8, gb18030, big5, ...)") from None
    return "utf-8" if codec == "utf-8-sig" else codec


def read_document(path: Path, display: str | None = None, encoding: str = "utf-8") -> Document:
    """Read one file as a Document; raise InputError saying why it cannot be read."""
    display = display or document_name(path)
    return decode_document(read_bytes(path, display), display, encoding)


def read_again(path: str, encoding: str = "utf-8") -> Document | None:
    """A document the run has read, read again as it was (same encoding, same line breaks) by a report
    or a filter; None when it cannot be read now, or by a path no file system takes (NUL, a lone surrogate)."""
    try:
        return read_document(Path(path), path, encoding)
    except (WenlintError, OSError, ValueError):
        return None


def read_bytes(path: str | Path, display: str) -> bytes:
    """The bytes of a regular file or URL; InputError for anything else (folder, pipe, broken link, no permission)."""
    if is_url(path):
        return read_url(str(path), display)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        why = "broken symbolic link" if os.path.islink(path) else "no such file or directory"
        raise InputError(display, why) from None
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise InputError(display, f"cannot list folder: {exc.strerror or exc}") from None
        raise InputError(display, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(display, "not a regular file (pipe, socket or device), not checked")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror or exc}") from None


def decode_document(data: bytes, display: str, encoding: str = "utf-8") -> Document:
    """Decode a file's bytes; `encoding` is a codec name or `auto`. Document.encoding is what was used."""
    encoding = resolve_encoding(encoding)
    if encoding not in _WIDE_ENCODINGS:
        nul = data.find(b"\x00")
        if nul != -1:
            raise InputError(display, f"binary file (NUL byte at offset {nul}), not checked")
    bom = data.startswith(codecs.BOM_UTF8)
    if encoding in ("utf-8", AUTO):
        try:
            return Document(data.decode("utf-8-sig"), display, bom=bom, encoding="utf-8")
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                raise InputError(display, f"not valid UTF-8 at byte {exc.start}{_hint(data)}") from None
            utf8_error = exc.start
        return _decode_detected(data, display, utf8_error)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(display, f"not valid {encoding.upper()} at byte {exc.start}") from None
    return Document(text, display, bom=text.startswith("\ufeff"), encoding=encoding)


def _decode_detected(data: bytes, display: str, utf8_error: int) -> Document:
    guess = detect_encoding(data)
    if guess is None:
        raise InputError(display, f"not valid UTF-8 at byte {utf8_error} and no other encoding recognised")
    try:
        text = data.decode(guess)
    except UnicodeDecodeError as exc:
        raise InputError(display, f"not valid UTF-8 at byte {utf8_error}; it looks like {guess.upper()} but is not valid {guess.upper()} at byte {exc.start}") from None
    return Document(text, display, bom=text.startswith("\ufeff"), encoding=guess)


MIN_DETECTION_BYTES = 64  # below this, charset-normalizer confuses GBK and Big5


def detect_encoding(data: bytes) -> str | None:
    """The codec charset-normalizer thinks `data` is in (GBK and GB2312 read as GB18030), or None.

    Only a sample is examined, cut at a line break so no multi-byte character is split.
    """
    from charset_normalizer import from_bytes

    sample = data
    if len(data) > DETECTION_SAMPLE:
        cut = data.rfind(b"\n", 0, DETECTION_SAMPLE)
        sample = data[: cut + 1] if cut > DETECTION_SAMPLE // 2 else data[:DETECTION_SAMPLE]
    best = None
    for trim in range(4):
        best = from_bytes(sample[: len(sample) - trim] if trim else sample).best()
        if best is not None or len(sample) == len(data):
            break
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return CHINESE_ENCODINGS.get(name.replace("_", ""), name)


def _hint(data: bytes) -> str:
    if len(data) >= MIN_DETECTION_BYTES:
        guess = detect_encoding(data)
        if guess in CHINESE_ENCODINGS.values():
            return f"; it looks like {guess.upper()}: use --encoding {guess} (or --encoding auto)"
        return ""
    readable = [codec for codec in ("gb18030", "big5") if _decodes(data, codec)]
    if readable:
        return f"; too short to tell its encoding, {' or '.join(c.upper() for c in readable)} reads it: try --encoding {readable[0]}"
    return ""


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True
