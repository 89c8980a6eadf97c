"""Text normalisation shared by the index (names) and the engine (questions)."""

from __future__ import annotations

import re
import unicodedata

_NUKTA = "\u093c"
_CHANDRABINDU, _ANUSVARA = "\u0901", "\u0902"
_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
# Devanagari vowel signs are combining marks, not word characters, so words are split on
# punctuation and symbols instead of with \w.
_KEEP = {"L", "M", "N"}


def fold(text: str) -> str:
    """Return `text` lower-cased, accents and punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = _LATIN_MARKS.sub("", text).replace(_NUKTA, "").replace(_CHANDRABINDU, _ANUSVARA)
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("&", " and ")
    out = [ch if unicodedata.category(ch)[0] in _KEEP else " " for ch in text]
    # "J&K" and "U.P." read as one word once the dots and ampersands are gone.
    return _SPACES.sub(" ", "".join(out)).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def stem(word: str) -> str:
    """Strip an English plural ending: carpets -> carpet, mangoes -> mango, toys -> toy."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "oes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_ASPIRATES = re.compile(r"([bcdgjkpt])h")
_DOUBLES = re.compile(r"(.)\1+")


def sound(text: str) -> str:
    """Return a rough sound key for Indian place names in Latin script.

    Spellings of one name differ in aspiration, doubled letters and long vowels
    (Raigarh / Raigad, Kancheepuram / Kanchipuram, Hissar / Hisar), so names that sound
    alike share a key.
    """
    key = fold(text).replace(" ", "")
    if not key.isascii():
        return key
    key = key.replace("arh", "ad").replace("ee", "i").replace("oo", "u").replace("w", "v")
    key = key.replace("z", "j").replace("q", "k").replace("ph", "f").replace("y", "i")
    key = _ASPIRATES.sub(r"\1", key)
    key = key.replace("sh", "s")
    return _DOUBLES.sub(r"\1", key)
