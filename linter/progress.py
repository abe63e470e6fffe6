"""A progress bar on stderr for long runs, drawn only where a person watches it."""

from __future__ import annotations

import sys
from typing import TextIO

MIN_FILES = 300
WIDTH = 30


class ProgressBar:
    """Call with (done, total) after each file; redraws at most once per percent."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent == self.shown and done != total:
            return
        self.shown = percent
        filled = WIDTH * done // total if total else WIDTH
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files")
        if done == total:
            self.stream.write("\r" + " " * (WIDTH + 24 + 2 * len(str(total))) + "\r")
        self.stream.flush()


def progress_for(file_count: int, machine_format: bool, stream: TextIO | None = None):
    """A ProgressBar when stderr is a terminal, the run is long and the report is for people; else None."""
    stream = stream or sys.stderr
    if machine_format or file_count <= MIN_FILES or not stream.isatty():
        return None
    return ProgressBar(stream)
