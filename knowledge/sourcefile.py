"""Whether an official file's bytes are text we can trust: its encoding, and its end.

The portal publishes Windows-1252 (sometimes UTF-8), every record ending with a line break.
A file that was cut short (a download stopped, a copy ran out of space), saved in another
encoding (UTF-16 by Excel, Mac Roman, KOI8-R) or converted twice ("Ã©" for "é") still parses
as CSV and would import nonsense or delete most products; these checks refuse it in one line.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

# Non-ASCII letters are plausible in this data only as an accented letter inside a Latin word
# ("Café", "Éclair"): lower-case Latin-1 letters, or an upper-case one starting the word, and
# fewer of them than ASCII letters. Anything else ("districtÕs" is Mac Roman's ’ read as
# Windows-1252, "Moradabadšis" KOI8-R's no-break space) says the encoding was guessed wrong.
# Punctuation and symbols (’ “ — ° ₹) are not letters and always plausible.
_ACCENTED = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ")
_ACCENTED_CAPITALS = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ")
_WORD = re.compile(r"[^\W\d_]+")
# A lead byte of a UTF-8 sequence followed by continuation bytes, as Windows-1252 shows them.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
                       "\u2030\u2039\u203a\u20ac\u2122]{1,3}")
# Encodings a Windows-1252 reading may have hidden, tried in order to name the likely one.
_OTHER_ENCODINGS = (("mac_roman", "Mac Roman"), ("koi8_r", "KOI8-R (Cyrillic)"),
                    ("cp1251", "Windows-1251 (Cyrillic)"), ("cp437", "DOS code page 437"))


class Unreadable(Exception):
    """The file is not text we can trust; `line` 0 means the file as a whole."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def refuse_wide_encoding(raw: bytes) -> None:
    """Refuse UTF-16/UTF-32 (Excel's "Unicode text"), with or without a byte-order mark."""
    boms = ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with BOM)"),
            (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with BOM)"),
            (b"\xff\xfe", "UTF-16 (little-endian, with BOM)"),
            (b"\xfe\xff", "UTF-16 (big-endian, with BOM)"))
    name = next((n for bom, n in boms if raw.startswith(bom)), None)
    head = raw[:4096]
    if name is None and head.count(0) * 4 >= len(head) > 0:
        # ASCII text in UTF-16 is every other byte NUL: which half says the byte order.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        name = "UTF-16 (big-endian, no BOM)" if even > odd else "UTF-16 (little-endian, no BOM)"
    if name is not None:
        raise Unreadable(0, f"the file is {name}, not CSV text in UTF-8 or Windows-1252; "
                         "save it again as CSV (UTF-8)")


def refuse_double_encoding(text: str) -> None:
    """Refuse UTF-8 that was read as Windows-1252 and saved again ("Ã©" for "é")."""
    for found in _MOJIBAKE.finditer(text):
        original = _utf8_read_as(found.group(), "cp1252") or _utf8_read_as(found.group(),
                                                                            "latin-1")
        if original is None:
            continue
        line = text.count("\n", 0, found.start()) + 1
        raise Unreadable(line, f"{found.group()!r} is {original!r} encoded twice (UTF-8 read as "
                         "Windows-1252 and saved again); re-save the file from the original")


def _utf8_read_as(shown: str, codec: str) -> str | None:
    """The text `shown` was, if it is UTF-8 bytes displayed in `codec`."""
    try:
        return shown.encode(codec).decode("utf-8")
    except UnicodeError:
        return None


def implausible_word(text: str) -> tuple[int, str] | None:
    """(line, word) of the first word no Latin-script English text would contain, if any."""
    for found in _WORD.finditer(text):
        word = found.group()
        if not word.isascii() and _implausible(word):
            return text.count("\n", 0, found.start()) + 1, word
    return None


def _implausible(word: str) -> bool:
    foreign = [ch for ch in word if not ch.isascii()]
    if len(foreign) * 2 > len(word):
        return True
    return any(ch not in _ACCENTED and not (n == 0 and ch in _ACCENTED_CAPITALS)
               for n, ch in enumerate(word) if not ch.isascii())


def _one_other_script(word: str) -> bool:
    """Whether every letter of `word` is of one script that is not Latin (e.g. Cyrillic)."""
    scripts = {unicodedata.name(ch, "?").split()[0] for ch in word}
    return len(scripts) == 1 and not scripts & {"LATIN", "?"}


def refuse_implausible(raw: bytes, text: str, encoding: str) -> None:
    """Refuse a text whose non-ASCII letters say the encoding was guessed wrong, naming the
    encoding that reads that line plausibly (Latin words, or words of one other script)."""
    found = implausible_word(text)
    if found is None:
        return
    line, word = found
    raw_line = raw.split(b"\n")[line - 1]
    scores = {}
    for codec, name in _OTHER_ENCODINGS:
        words = _WORD.findall(raw_line.decode(codec, "replace"))
        if all(w.isascii() or not _implausible(w) or _one_other_script(w) for w in words):
            scores[name] = sum(not ch.isascii() for w in words for ch in w)
    # The reading with the fewest non-ASCII letters: a no-break space beats an "ö".
    likely = min(scores, key=scores.__getitem__) if scores else "another encoding"
    raise Unreadable(line, f"{word!r} is not plausible text in {encoding}: the file looks "
                     f"like {likely}; save it again as CSV (UTF-8)")


# Appended after the text: if the file ended inside a quoted field, the quote swallows it.
_SENTINEL = "odop-bot end of file"


def refuse_cut_end(text: str) -> None:
    """Refuse a file that does not end cleanly: its last record must end with a line break,
    outside any quoted field. The published export ends every record with CRLF, so a last
    line without one may have been cut anywhere in it (in a plain last field: "DC Handicraf"
    for "DC Handicraft"); a complete row only needs the line break added back."""
    body = text.rstrip(" \t")
    if not body.strip():
        return
    lines = body.count("\n") + (0 if body.endswith("\n") else 1)
    if not body.endswith(("\n", "\r")):
        raise Unreadable(lines, "the file ends without a line break, in the middle of this "
                         "line: it looks cut short (the export ends every row with one)")
    records = list(csv.reader(io.StringIO(body + _SENTINEL, newline="")))
    if records[-1] != [_SENTINEL]:
        raise Unreadable(lines, "the file ends inside a quoted field: it looks cut short")
