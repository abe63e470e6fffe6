"""Errors that stop a file or a run; each renders as one line for people."""

from __future__ import annotations


class WenlintError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


class UsageError(WenlintError):
    """Bad command-line arguments or a missing path."""


class RuleError(WenlintError):
    """A rule file that cannot be used, named down to the rule and the field."""

    def __init__(self, source: str, message: str, rule_id: str | None = None, field: str | None = None):
        self.source, self.rule_id, self.field, self.detail = source, rule_id, field, message
        parts = [str(source)] + [p for p in (rule_id, field) if p] + [message]
        super().__init__(": ".join(parts))


class FieldError(ValueError):
    """Raised by a check kind while validating a rule's options; the loader adds file and rule."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


class InputError(WenlintError):
    """A document that cannot be read; the run goes on with the other files."""

    def __init__(self, path: str, message: str):
        self.path, self.detail = path, message
        super().__init__(f"{path}: {message}")

    def __reduce__(self):
        return type(self), (self.path, self.detail)


class CheckError(WenlintError):
    """A rule that could not finish on one document (a regex timeout, a crash); the run goes on."""

    def __init__(self, path: str, message: str, rule_id: str = ""):
        self.path, self.detail, self.rule_id = path, message, rule_id
        super().__init__(f"{path}: {message}")

    def __reduce__(self):
        return type(self), (self.path, self.detail, self.rule_id)


class InternalError(CheckError):
    """A rule that raised on a document (a wenlint bug): the other rules' findings there are kept."""

    def __str__(self) -> str:
        return f"internal error in rule {self.rule_id} on {self.path}: {self.detail}"
