"""The terminal's bytes: whatever arrives is read as text, and what goes out is UTF-8.

A shell hands the CLI bytes, not text: a pipe of Latin-1, an argument in a legacy encoding,
PYTHONIOENCODING=ascii, LC_ALL=C. Questions are decoded as UTF-8 with U+FFFD for what is not
UTF-8 (the engine ignores it), and every line written is UTF-8, so `ask --json` output is
valid JSON Lines whatever the locale says.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

# Arguments left as the OS gave them: a path or URL must name the same bytes again.
RAW_ARGUMENTS = frozenset({"db"})


def use_utf8() -> None:
    """Read standard input as UTF-8 with replacement; write standard output/error as UTF-8.

    Only the process's own streams are changed (a test's captured stream is left alone).
    """
    streams: tuple[tuple[TextIO, TextIO | None, str], ...] = (
        (sys.stdin, sys.__stdin__, "replace"),
        (sys.stdout, sys.__stdout__, "replace"),
        (sys.stderr, sys.__stderr__, "backslashreplace"),
    )
    for stream, original, errors in streams:
        if stream is original and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)


def text_of_argument(arg: str) -> str:
    """The text of a command-line argument, with U+FFFD for bytes that are not UTF-8.

    Python decodes argv with surrogateescape (a byte 0xFF becomes U+DCFF), which no UTF-8
    output can carry; the original bytes are recovered and decoded again with replacement.
    """
    try:
        raw = arg.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from an undecodable byte
        raw = arg.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def clean_arguments(args: argparse.Namespace) -> argparse.Namespace:
    """Turn every text argument (not paths or the database URL) into clean text."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in RAW_ARGUMENTS:
            setattr(args, name, text_of_argument(value))
    return args
