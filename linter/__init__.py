"""wenlint: a linter for Chinese documents extracted from newspapers, PDFs and web pages."""

__version__ = "0.1.0"
