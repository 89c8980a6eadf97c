"""Text normalisation shared by the index (names) and the engine (questions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

# A real question is a line or two ("which DGFT office covers Moradabad brass exporters in UP?"
# is 60 characters, 10 words); these caps are several times the longest we have seen, and they
# bound the engine's work, which runs on the bot's event loop, whatever a stranger sends.
MAX_QUESTION_CHARS = 400
MAX_QUESTION_WORDS = 40

_NUKTA = "\u093c"
_CHANDRABINDU, _ANUSVARA = "\u0901", "\u0902"
_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
# Devanagari vowel signs are combining marks, not word characters, so words are split on
# punctuation and symbols instead of with \w.
_KEEP = {"L", "M", "N"}
# Variation selectors are marks (Mn), but only choose a glyph's look.
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
# Characters seen so far are looked up in C by str.translate; a hostile text with many
# distinct characters cannot grow the table past this.
_TABLE_LIMIT = 1 << 16


def _invisible(code: int) -> bool:
    """Zero-width space and joiners, soft hyphen, word joiner, BOM, bidi marks (all Cf) and
    variation selectors: they show nothing, so they must not split a word. ZWJ/ZWNJ in
    Devanagari pick a half form: spelling, and dropping them keeps the word."""
    if any(lo <= code <= hi for lo, hi in _VARIATION_SELECTORS):
        return True
    return unicodedata.category(chr(code)) == "Cf"


def _fold_class(code: int) -> int | str | None:
    """Map a character for `fold`: kept, deleted (invisible) or a space (anything else)."""
    if _invisible(code):
        return None
    return code if unicodedata.category(chr(code))[0] in _KEEP else " "


def _visible_class(code: int) -> int | None:
    return None if _invisible(code) else code


class _Table(dict[int, int | str | None]):
    """A str.translate table filled in as characters are first seen, then looked up in C."""

    def __init__(self, classify: Callable[[int], int | str | None]) -> None:
        super().__init__()
        self.classify = classify

    def __missing__(self, code: int) -> int | str | None:
        value = self.classify(code)
        if len(self) < _TABLE_LIMIT:
            self[code] = value
        return value


_FOLD = _Table(_fold_class)
_VISIBLE = _Table(_visible_class)


def strip_invisible(text: str) -> str:
    """Return `text` without format characters and variation selectors."""
    return text.translate(_VISIBLE)


def read_question(text: str) -> tuple[str, bool]:
    """Return the part of `text` the engine reads, and whether that is less than all of it.

    Invisible characters go first (they would otherwise split words or use up the cap); then
    the text is cut to whole words within MAX_QUESTION_CHARS and MAX_QUESTION_WORDS (counted as
    `fold` splits them, so "a&b" is three), never inside a word.
    """
    text = strip_invisible(text[: MAX_QUESTION_CHARS * 4]).strip()
    cut = len(text) > MAX_QUESTION_CHARS
    if cut:
        head = text[:MAX_QUESTION_CHARS]
        # Drop a word the cap cut in two: its first letters could read as another name.
        text = head if text[MAX_QUESTION_CHARS].isspace() else head[: _last_space(head)]
    words = 0
    for match in _RAW_WORD.finditer(text):
        folded = fold(match.group()).split()
        if words + len(folded) > MAX_QUESTION_WORDS:
            # One raw word may fold to many ("a,b,c,..."): keep as many of them as fit.
            rest = " ".join(folded[: MAX_QUESTION_WORDS - words])
            return f"{text[: match.start()]}{rest}".rstrip(), True
        words += len(folded)
    return text.rstrip(), cut


_RAW_WORD = re.compile(r"\S+")


def _last_space(text: str) -> int:
    """Index of the last whitespace in `text` (0 if none)."""
    for i in range(len(text) - 1, -1, -1):
        if text[i].isspace():
            return i
    return 0


_ASCII_FOLD = str.maketrans({
    c: (c.lower() if c.isalnum() else " ") for c in map(chr, range(128))
})


def fold(text: str) -> str:
    """Return `text` lower-cased, accents and punctuation removed, spaces collapsed."""
    if text.isascii():
        # Most names and questions: no accents, marks or invisible characters to handle.
        return " ".join(text.replace("&", " and ").translate(_ASCII_FOLD).split())
    # "J&K" and "U.P." read as one word once the dots and ampersands are gone.
    return " ".join(_fold_marked(text, _FOLD).split())


def _fold_marked(text: str, table: _Table) -> str:
    """`fold`'s steps for a text that is not all ASCII, up to its spaces: accents and nukta
    off, chandrabindu as anusvara, lower case, and every character `table` says is not a
    letter, mark or digit made a space (by one regex for ASCII and Devanagari, the usual)."""
    text = unicodedata.normalize("NFKD", text)
    text = _LATIN_MARKS.sub("", text).replace(_NUKTA, "").replace(_CHANDRABINDU, _ANUSVARA)
    text = unicodedata.normalize("NFC", text).lower().replace("&", " and ")
    if _OUTSIDE_USUAL.search(text) is None:
        return _SPACED_USUAL.sub(" ", text)
    return text.translate(table)


# Many names are folded at once (the index, on every reload) as lines of one text: the same
# steps as `fold`, each run once over all of them instead of once per name.
_LINE = "\n"
_ASCII_FOLD_LINES = {**_ASCII_FOLD, ord(_LINE): _LINE}
_FOLD_LINES = _Table(lambda code: _LINE if code == ord(_LINE) else _fold_class(code))


# ASCII and Devanagari, the usual names, need no lookup per character: a regex finds the
# characters `fold` turns into spaces (none of these two blocks is invisible).
_USUAL = [*range(128), *range(0x0900, 0x0980)]
assert all(_fold_class(c) is not None for c in _USUAL)
_OUTSIDE_USUAL = re.compile(r"[^\x00-\x7f\u0900-\u097f]")
# (not the line break that separates the texts of fold_many: `fold` collapses it anyway)
_SPACED = "".join(
    re.escape(chr(c)) for c in _USUAL if c != ord(_LINE) and _fold_class(c) == " ")
_SPACED_USUAL = re.compile(f"[{_SPACED}]+")


def _as_lines(texts: Sequence[str]) -> str | None:
    """`texts` as the lines of one text, or None where a text holds a line break itself."""
    joined = _LINE.join(texts)
    return joined if joined.count(_LINE) == len(texts) - 1 else None


def _spaced(lines: str) -> list[str]:
    return [" ".join(line.split()) for line in lines.split(_LINE)]


def fold_many(texts: Sequence[str]) -> list[str]:
    """[fold(t) for t in texts], faster for many texts."""
    out = [""] * len(texts)
    latin = [i for i, t in enumerate(texts) if t.isascii()]
    other = [i for i, t in enumerate(texts) if not t.isascii()]
    for places, fast in ((latin, True), (other, False)):
        if not places:
            continue
        text = _as_lines([texts[i] for i in places])
        if text is None:
            for i in places:
                out[i] = fold(texts[i])
            continue
        if fast:
            text = text.replace("&", " and ").translate(_ASCII_FOLD_LINES)
        else:
            text = _fold_marked(text, _FOLD_LINES)
        for i, folded in zip(places, _spaced(text), strict=True):
            out[i] = folded
    return out


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


# Lookbehinds, so that sub() deletes with a plain "" (no per-match template expansion).
_ASPIRATES = re.compile(r"(?<=[bcdgjkpt])h")
_DOUBLES = re.compile(r"(?<=(.))\1+")
_ORE_ENDING = re.compile(r"ore$", re.MULTILINE)
# the Telugu -palle (పల్లె) is written -palli and -pally too (Anakapalle / Anakapalli,
# Banaganapalle / Banaganapalli); -pally is -palli once y reads as i
_PALLE_ENDING = re.compile(r"palle$", re.MULTILINE)


def sound(text: str) -> str:
    """Return a rough sound key for Indian place names in Latin script.

    Spellings of one name differ in aspiration, doubled letters and long vowels
    (Raigarh / Raigad, Kancheepuram / Kanchipuram, Hissar / Hisar), so names that sound
    alike share a key.
    """
    return sound_of_folded(fold(text))


def sound_of_folded(folded: str) -> str:
    """`sound` of a text already folded (the parser folds a question once)."""
    key = folded.replace(" ", "")
    return _sounded(key) if key.isascii() else key


def _sounded(keys: str) -> str:
    """The sound key of a Latin name without spaces, or of several, one per line."""
    keys = keys.replace("arh", "ad").replace("ee", "i").replace("oo", "u").replace("w", "v")
    keys = keys.replace("z", "j").replace("q", "k").replace("ph", "f").replace("y", "i")
    keys = _ASPIRATES.sub("", keys)
    # औ is written au or ou (Kannauj / Kanouj)
    keys = keys.replace("sh", "s").replace("ou", "au")
    # the anglicised -ore of southern names is -ur (Coimbatore / Koyamputhur, Tanjore), and
    # the Telugu -palle is -palli
    keys = _PALLE_ENDING.sub("palli", _ORE_ENDING.sub("ur", keys))
    return _DOUBLES.sub("", keys)


# Devanagari spellings of one name differ in ways readers don't hear: a half nasal before a
# consonant or the anusvara (अम्बाला / अंबाला), श / ष / स, and short or long i and u (पूर्णिया /
# पुर्णिया); `fold` already drops the nukta and reads chandrabindu as anusvara.
_HALF_NASAL = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])")
_DEVANAGARI_PAIRS = [
    ("\u0936", "\u0938"), ("\u0937", "\u0938"),  # श ष -> स
    ("\u0940", "\u093f"), ("\u0942", "\u0941"),  # ी -> ि, ू -> ु
    ("\u0908", "\u0907"), ("\u090a", "\u0909"),  # ई -> इ, ऊ -> उ
]


def sounds_of_folded(folded: Sequence[str]) -> list[str]:
    """[sound_of_folded(f) for f in folded], faster for many names."""
    keys = [f.replace(" ", "") for f in folded]
    latin = [i for i, k in enumerate(keys) if k.isascii()]
    text = _as_lines([keys[i] for i in latin])
    if text is None:
        return [sound_of_folded(f) for f in folded]
    for i, key in zip(latin, _sounded(text).split(_LINE), strict=True):
        keys[i] = key
    return keys


def name_key(folded: str) -> str:
    """Return the key under which names are compared: `folded` with Devanagari variants joined.

    Only for comparing; the names shown keep their spelling. Latin text is unchanged.
    """
    return folded if folded.isascii() else _keyed(folded)


# A doubled consonant written once (मुजफ्फरपुर / मुजफरपुर, छत्तीसगढ़ / छतीसगढ़), as `sound` drops
# doubled Latin letters: a consonant with virama before itself, or before its aspirate
# (सिद्धार्थ / सिधार्थ, कच्छ / कछ); a nasal's double is the anusvara before it (कन्नौज: कंनौज).
_GEMINATE = re.compile("([\u0915-\u0939])\u094d(?=\\1)")
_ASPIRATE_DOUBLE = re.compile(
    "[\u0915\u0917\u091a\u091c\u091f\u0921\u0924\u0926\u092a\u092c]\u094d"
    "(?=[\u0916\u0918\u091b\u091d\u0920\u0922\u0925\u0927\u092b\u092d])"
)
_ANUSVARA_BEFORE_NASAL = re.compile("\u0902(?=[\u0919\u091e\u0923\u0928\u092e])")


def _keyed(text: str) -> str:
    """`name_key`'s joining of Devanagari variants, for one name or several, one per line."""
    text = _letters_keyed(text)
    if _NAME_WORD.search(text) is None:
        return text
    return _NAME_WORD.sub(lambda m: _NAME_WORDS[m.group()], text)


def _letters_keyed(text: str) -> str:
    text = _ASPIRATE_DOUBLE.sub("", _GEMINATE.sub("", text))
    text = _ANUSVARA_BEFORE_NASAL.sub("", _HALF_NASAL.sub("\u0902", text))
    for a, b in _DEVANAGARI_PAIRS:  # six characters: a scan each beats a lookup per character
        text = text.replace(a, b)
    return text


# Words of district names that Hindi writes two ways, our Hindi list among them: the English
# word written in Devanagari or its Hindi (पश्चिम गारो पहाड़ियाँ, पूर्व गारो हिल्स; लोअर सियांग,
# ऊपरी सियांग; बेंगलुरु शहरी, ग्रामीण) and a direction as adjective or noun (पूर्वी / पूर्व चंपारण).
# Compared as the second.
_NAME_WORD_PAIRS = (
    ("पहाड़ियाँ", "हिल्स"), ("पहाड़ियों", "हिल्स"),
    ("ऊपरी", "अपर"), ("निचली", "लोअर"), ("निचला", "लोअर"), ("निचले", "लोअर"),
    ("शहरी", "अर्बन"), ("ग्रामीण", "रूरल"),
    ("पूर्वी", "पूर्व"), ("पश्चिमी", "पश्चिम"), ("उत्तरी", "उत्तर"), ("दक्षिणी", "दक्षिण"),
)
_NAME_WORDS = {
    _letters_keyed(fold(a)): _letters_keyed(fold(b)) for a, b in _NAME_WORD_PAIRS
}
_NAME_WORD = re.compile("(?<!\\S)(?:" + "|".join(map(re.escape, _NAME_WORDS)) + ")(?!\\S)")


def name_keys(folded: Sequence[str]) -> list[str]:
    """[name_key(f) for f in folded], faster for many names."""
    keys = list(folded)
    other = [i for i, f in enumerate(keys) if not f.isascii()]
    text = _as_lines([keys[i] for i in other])
    if text is None:
        return [name_key(f) for f in folded]
    for i, key in zip(other, _keyed(text).split(_LINE), strict=True):
        keys[i] = key
    return keys


_ASCII_DIGITS = re.compile(r"[0-9]+")


def ascii_int(text: str) -> int | None:
    """The number `text` spells in ASCII digits, else None.

    str.isdigit() is also true for "²" and "①", which int() refuses; input from outside
    (a file, a button, a chat) is checked with this instead.
    """
    return int(text) if _ASCII_DIGITS.fullmatch(text) else None


# Devanagari read aloud in Latin letters, for words no table lists (फुलकारी -> phulkari).
_CONSONANTS = dict(zip(
    "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहळ",
    ["k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n", "t",
     "th", "d", "dh", "n", "p", "ph", "b", "bh", "m", "y", "r", "l", "v", "sh", "sh", "s", "h",
     "l"],
    strict=True,
))
_VOWELS = dict(zip("अआइईउऊऋएऐओऔ", ["a", "aa", "i", "ii", "u", "uu", "ri", "e", "ai", "o", "au"],
                   strict=True))
_SIGNS = dict(zip("ािीुूृेैोौॉॅ",
                  ["aa", "i", "ii", "u", "uu", "ri", "e", "ai", "o", "au", "o", "e"], strict=True))
_VIRAMA, _VISARGA = "\u094d", "\u0903"


def latin_of_devanagari(word: str, *, medial: bool = True, forward: bool = False) -> str:
    """Return a Latin spelling of a Devanagari word as Hindi speakers write it in chats.

    Each consonant carries an "a" unless a vowel sign or virama follows; the "a" is not said at
    the end of a word or between a vowel-consonant and a consonant-vowel (फुलकारी: phul-kaari),
    the usual rule of Hindi schwa deletion. The rule does not see where the words of a compound
    meet (नवांशहर is navan-shahar, not navansh-har): `medial=False` keeps the medial "a" for a
    second reading. The rule is applied from the right; `forward=True` applies it from the left
    for a third (बासमती is baas-matii, not baasam-tii). Letters it does not know are dropped.
    """
    units: list[list[str]] = []  # [consonant, vowel]
    for ch in word:
        if ch in _CONSONANTS:
            units.append([_CONSONANTS[ch], "a"])
        elif ch in _SIGNS and units and units[-1][0]:
            units[-1][1] = _SIGNS[ch]
        elif ch == _VIRAMA and units:
            units[-1][1] = ""
        elif ch in _VOWELS:
            units.append(["", _VOWELS[ch]])
        elif ch == _ANUSVARA and units:
            units[-1][1] += "n"
        elif ch == _VISARGA and units:
            units[-1][1] += "h"
    last = len(units) - 1
    if forward and last > 0 and units[last][0] and units[last][1] == "a":
        units[last][1] = ""  # the final "a" first, as read from the right
    for i in range(last + 1) if forward else range(last, -1, -1):
        consonant, vowel = units[i]
        if not consonant or vowel != "a":
            continue
        final = i == last and i > 0
        inner = (medial and 0 < i < last and units[i - 1][1] and units[i + 1][0]
                 and units[i + 1][1])
        if final or inner:
            units[i][1] = ""
    return "".join(c + v for c, v in units)
