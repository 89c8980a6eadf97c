"""Read a question: which places, products and intent cues it mentions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge import lexicon
from knowledge.index import WEAK_NAME_WORDS, Index, Target
from knowledge.normalise import (
    fold,
    latin_of_devanagari,
    name_key,
    read_question,
    sound_of_folded,
    stem,
)
from knowledge.spelling import close_spelling, run_together
from knowledge.vocabulary import is_common_english, is_known_town, spelling_key, variants

Cue = str  # "help", "about", "committee", "plan", "contact", "stats", "off_topic", "dgft_office"

_PREPOSITIONS = frozenset(["in", "of", "from", "se", "me", "mein", "ka", "ki", "ke", "for", "at"])
# Words that say a place is meant ("Hissar district", "jila Darjiling").
_PLACE_MARKERS = frozenset(
    ["district", "districts", "dist", "distt", "zila", "zilla", "jila", "jilla", "zile", "jile",
     "जिला", "जिले", "ज़िला", "जनपद"]
)
# Spellings that sound alike are looked up for names of up to this many words.
_MAX_SOUND_WORDS = 3
# "U.P.", "C.G." and in Hindi "उ.प्र.", "छ.ग.", "हि.प्र.": a letter (a Devanagari syllable:
# consonants joined by virama, a vowel sign) and a dot, at least twice; and Latin initials
# without the last dot ("U.P", "H.P").
_INITIALS = re.compile(
    r"(?<![A-Za-z0-9\u0900-\u097f])(?:(?:(?:[A-Za-z]|(?:[\u0915-\u0939]\u094d)*[\u0905-\u0939]"
    r"[\u093e-\u094c]?)\.\s?){2,}|[A-Za-z](?:\.\s?[A-Za-z])+(?![A-Za-z0-9]))"
)
# A direction written as its initial before a name ("E. Godavari", "SW Garo Hills").
_DIRECTION_INITIALS = {
    "e": "east", "w": "west", "n": "north", "s": "south", "ne": "north east",
    "nw": "north west", "se": "south east", "sw": "south west",
}
# Words after which a State's code reads as the State: "up ke", "mp me", "tn products".
_POSTPOSITIONS = frozenset(["ka", "ki", "ke", "ko", "me", "mein", "mei", "mai", "se", "products",
                            "product", "odop", "का", "की", "के", "में", "से",
                            # "mp sepc": a State's own committee
                            "sepc", "sepcs", "एसईपीसी"])
# "lgd 187", "LGD code 187", "lgd code no 187", "district code 187": a district by its LGD code
_LGD = re.compile(r"^(?:(?:lgd|district)\s*(?:code)?\s*(?:no|number)?\s*)?(\d{1,3})$")
# "hp state odop", "up govt list": the word for a State after its code, when the code opens the
# question or follows a word of no meaning ("set up state ..." is a verb, not Uttar Pradesh)
_STATE_WORDS = frozenset(["state", "govt", "government", "sarkar"])

_PHRASE_CUES: tuple[tuple[Cue, tuple[str, ...]], ...] = (
    ("help", lexicon.HELP_PHRASES),
    ("about", lexicon.ABOUT_PHRASES),
    ("plan", lexicon.PLAN_PHRASES),
    ("contact", lexicon.CONTACT_PHRASES),
    ("stats", lexicon.STATS_PHRASES),
)
_WORD_CUES: tuple[tuple[Cue, frozenset[str]], ...] = (
    ("help", lexicon.HELP_WORDS),
    ("about", lexicon.ABOUT_WORDS),
    ("committee", lexicon.COMMITTEE_WORDS),
    ("plan", lexicon.PLAN_WORDS),
    ("contact", lexicon.CONTACT_WORDS),
    ("stats", lexicon.STATS_WORDS),
    ("off_topic", lexicon.OFF_TOPIC),
)
# What a misspelt cue word or a misspelt whole question may be matched against.
_CUE_WORDS: dict[str, Cue] = {
    word: cue for cue, vocabulary in _WORD_CUES if cue != "off_topic"
    for word in vocabulary if len(word) >= 4
}
_CUE_WORD_LIST = list(_CUE_WORDS)
_CUE_PHRASES: dict[str, Cue] = {
    phrase: cue for cue, phrases in _PHRASE_CUES if cue in ("help", "about", "stats")
    for phrase in phrases if len(phrase) >= 8
}
_CUE_PHRASE_LIST = list(_CUE_PHRASES)


@dataclass
class Mention:
    """Words of the question that name one or more places."""

    words: str
    targets: frozenset[Target]
    # "name" (a whole name or alias), "sound" (spelt differently, sounds the same),
    # "partial" (part of a longer name) or "fuzzy".
    how: str
    score: float = 100.0
    # A guess (sound-alike, or a near miss more than one slip away) that stands only with
    # other evidence in the question: alone, "slumbers" is not Salumber.
    weak: bool = False
    # what the user typed, for a fuzzy guess ("palampur" guessed as Palamu): a guess dropped
    # leaves the typed word unplaced, so "palampur odop" is an unknown place, not Palamu's name
    typed: str = ""

    @property
    def exact(self) -> bool:
        return self.how in ("name", "sound")


@dataclass
class Parsed:
    text: str
    words: list[str]
    mentions: list[Mention] = field(default_factory=list)
    # One set of products per product word; see `product_ids`.
    product_sets: list[set[int]] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    # a topic word read through the synonym table -> the word as written ("turmeric" ->
    # "haldi"): the written word stands for all its synonym's products, not only the first's
    written: dict[str, str] = field(default_factory=dict)
    sector: str | None = None
    gi: bool = False
    cues: set[Cue] = field(default_factory=set)
    lgd_code: int | None = None
    councils: list[str] = field(default_factory=list)
    # the kind of side question ("price", "howto", ...; lexicon.SIDE_TOPICS), if any
    side: str = ""
    # the products of each word of a phrase read whole ("silk", "sarees"), for a State
    # that lists the product under another name
    wider: list[set[int]] = field(default_factory=list)
    # the term a definition question asks about (a topic of faq.csv: "depc", "gi", ...)
    defines: str = ""
    unplaced: list[str] = field(default_factory=list)
    # those of `unplaced` known to be things no district lists ("kali mirch", "sesame seeds"):
    # no place is suggested for them
    unlisted: set[str] = field(default_factory=set)
    # The question asks for a district's LGD code ("lgd code of agra", "lgd 187").
    asks_lgd: bool = False
    # The text was cut to the caps of `read_question`; `text` is the part read.
    truncated: bool = False
    # Near misses for product words, kept apart until the question shows other evidence.
    weak_products: list[tuple[str, str]] = field(default_factory=list)

    @property
    def product_ids(self) -> set[int]:
        """The products all product words agree on ("Lakadong turmeric"), else any of them."""
        if not self.product_sets:
            return set()
        common = set.intersection(*self.product_sets)
        return common or set.union(*self.product_sets)


def parse(text: str, index: Index) -> Parsed:
    """Return what `text` mentions, matching exact names first and fuzzy ones last."""
    text, truncated = read_question(text)
    folded = fold(text)
    words = folded.split()
    parsed = Parsed(text=text, words=words, truncated=truncated)
    match = _LGD.match(folded)
    if match:
        parsed.lgd_code = int(match.group(1))
        parsed.asks_lgd = True
        return parsed
    parsed.asks_lgd = any(w in lexicon.LGD_WORDS for w in words) or " district code " in (
        f" {folded} ")
    # "U.P.", "C.G.": initials with dots are one word ("UP"); the query keeps what was typed.
    joined = _INITIALS.sub(lambda m: _joined_initials(m.group(), index), text)
    if joined != text:
        folded = fold(joined)
        words = folded.split()
        parsed.words = words
    ordered = _compass_order(words, index)
    if ordered != words:
        words = parsed.words = ordered
        folded = " ".join(words)
    claimed = [False] * len(words)
    for i in range(1, len(words)):
        # "5 lakh", "do lac": a number, not lac the product
        before = words[i - 1]
        if words[i] in lexicon.NUMBER_UNITS and (
                before[0].isdecimal() or before in lexicon.NUMBER_WORDS):
            claimed[i] = True
    _find_councils(words, claimed, parsed, index)
    _find_synonym_phrases(words, claimed, parsed, index)
    _find_cues(folded, words, claimed, parsed)
    _find_products_named_for_places(words, claimed, parsed, index)
    _find_places(joined, words, claimed, parsed, index)
    _find_products(words, claimed, parsed, index)
    _find_fuzzy(words, claimed, parsed, index)
    _near_miss_picks(words, claimed, parsed, index)
    _weigh_guesses(parsed, index)
    if parsed.sector is None:
        _narrow_by_description(parsed, index)
    _read_as_product_name(folded, parsed, index)
    _side_word_as_place(folded, parsed, index)
    if not (parsed.cues or parsed.mentions or parsed.product_ids) and len(words) > 1:
        cue = fuzzy_phrase(folded)
        if cue:
            parsed.cues.add(cue)
            parsed.unplaced.clear()
    return parsed


# The longest name a compass word is put beside ("karbi anglong west"), and how many compass
# words of one question are tried (the work per question stays bounded).
_COMPASS_SPAN = 3
_COMPASS_MOST = 4


def _compass_order(words: list[str], index: Index) -> list[str]:
    """A compass word where the name has it otherwise: "godavari east" is East Godavari (not
    Delhi's East), "karbi anglong west" West Karbi Anglong, "south dinajpur" the LGD's
    Dinajpur Dakshin. Only when the words as typed name nothing and the moved (or translated)
    word makes a district's name; "west bengal", "north east" stay as they are."""
    out = list(words)
    tried = 0
    i = 0
    while i < len(out):
        group = lexicon.COMPASS_OF.get(out[i])
        if group is None:
            i += 1
            continue
        tried += 1
        if tried > _COMPASS_MOST:
            break
        found = _compass_name(out, i, group, index)
        if found is None:
            i += 1
            continue
        start, stop, name = found
        out[start:stop] = name
        i = start + len(name)
    return out


def _compass_name(
    words: list[str], i: int, group: frozenset[str], index: Index
) -> tuple[int, int, list[str]] | None:
    """The span around the compass word words[i] and the district name it makes, if any."""
    for size in range(_COMPASS_SPAN, 0, -1):
        for start, stop, span in (
            (i, i + 1 + size, words[i + 1 : i + 1 + size]),  # compass word first
            (i - size, i + 1, words[max(i - size, 0) : i]),  # compass word after
        ):
            if len(span) != size or start < 0 or any(w in lexicon.COMPASS_OF for w in span):
                continue
            typed = " ".join(words[start:stop])
            if name_key(typed) in index.places:
                return None  # the words as typed are a name already
            name = " ".join(span)
            for compass in sorted(group):
                for candidate in (f"{compass} {name}", f"{name} {compass}"):
                    targets = index.places.get(name_key(candidate), ())
                    if any(kind == "d" for kind, _ in targets):
                        return start, stop, candidate.split()
    return None


def _joined_initials(initials: str, index: Index) -> str:
    """Initials with dots as one word ("U.P." -> "UP"); Devanagari ones only when they make a
    name ("छ.ग." -> "छग"): "डॉ. बी. आर. अंबेडकर" keeps its initials apart."""
    joined = initials.replace(".", "").replace(" ", "")
    if not joined.isascii() and name_key(fold(joined)) not in index.places:
        return initials
    return joined + " "


def _find_cues(folded: str, words: list[str], claimed: list[bool], parsed: Parsed) -> None:
    padded = f" {folded} "
    # words read already as a council's or a product's name ("EEPC India", "cricket bat")
    # are not cue words: "india" there is no national figure, "cricket" no game
    taken = list(claimed)
    for cue, phrases in _PHRASE_CUES:
        for phrase in phrases:
            if f" {phrase} " in padded:
                parsed.cues.add(cue)
                _claim_phrase(phrase.split(), words, claimed)
    for greeting in lexicon.GREETING_PHRASES:
        if f" {greeting} " in padded:
            # "jai shree ram": a greeting, not Shree Anna (millets) and Ram
            parsed.cues.add("help")
            _take_phrase(greeting.split(), words, taken)
            _take_phrase(greeting.split(), words, claimed)
    for phrase, kind in lexicon.SIDE_PHRASES.items():
        if f" {phrase} " in padded:
            parsed.cues.add("off_topic")
            parsed.side = parsed.side or kind
            # "reach" in "how to reach" is no contact cue, nor "kitne" in "kitne ka" a count
            _take_phrase(phrase.split(), words, taken)
            _take_phrase(phrase.split(), words, claimed)
    for i, word in enumerate(words):
        if taken[i]:
            continue
        for cue, vocabulary in _WORD_CUES:
            if word in vocabulary or stem(word) in vocabulary:
                parsed.cues.add(cue)
                claimed[i] = True
        side = lexicon.SIDE_KIND.get(word) or lexicon.SIDE_KIND.get(stem(word))
        if side and not parsed.side:
            parsed.side = side
        if word in lexicon.GI_WORDS:
            parsed.gi = True
            claimed[i] = True
    if parsed.gi:
        # "GI status" asks about a product's tag, not about an export plan.
        parsed.cues.discard("plan")
    # "what is the DGFT helpline number" asks for a contact, not what DGFT is
    if any(f" {cue} " in padded for cue in lexicon.DEFINE_CUES) and not any(
            w in lexicon.CONTACT_DETAIL_WORDS for w in words):
        found = [t for p, t in lexicon.DEFINED_PHRASES.items() if f" {p} " in padded]
        found += [lexicon.DEFINED_WORDS[w] for w in words if w in lexicon.DEFINED_WORDS]
        # "what is odop's DEAP": the last named term is the one asked about
        parsed.defines = next((t for t in found if t != "odop"), found[0] if found else "")
    if asks_dgft_office(padded, words):
        parsed.cues.add("dgft_office")


def asks_dgft_office(padded: str, words: list[str]) -> bool:
    """"which DGFT office covers X", "DGFT office for X", "X ka DGFT karyalay": a DGFT word (or
    "regional authority", its abbreviation "RA", or an office word with a merger word: "which
    office after the merger") with an office or jurisdiction word. Asking for a phone, an
    address or a contact ("DGFT office Jaipur phone", "DGFT contact X") stays a contact
    question."""
    phrase = any(f" {p} " in padded for p in lexicon.DGFT_PHRASES) or any(
        w in lexicon.DGFT_ABBREVIATIONS for w in words) or (
        any(w in lexicon.MERGER_WORDS for w in words)
        and any(w in lexicon.OFFICE_NOUNS for w in words))
    dgft = phrase or any(w in lexicon.DGFT_WORDS for w in words)
    if not dgft or any(w in lexicon.CONTACT_DETAIL_WORDS for w in words):
        return False
    return phrase or any(w in lexicon.DGFT_OFFICE_WORDS for w in words)


def _find_councils(words: list[str], claimed: list[bool], parsed: Parsed, index: Index) -> None:
    """Export Promotion Councils asked for by name ("APEDA", "EPCH contact")."""
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            key = " ".join(words[start : start + size])
            if key in index.councils and not any(claimed[start : start + size]):
                parsed.councils.append(index.councils[key])
                parsed.cues.add("contact")
                for i in range(start, start + size):
                    claimed[i] = True


def _take_phrase(phrase: list[str], words: list[str], taken: list[bool]) -> None:
    """Mark every occurrence of `phrase` in `words` as read."""
    size = len(phrase)
    for start in range(len(words) - size + 1):
        if words[start : start + size] == phrase:
            for i in range(start, start + size):
                taken[i] = True


def _claim_phrase(phrase: list[str], words: list[str], claimed: list[bool]) -> None:
    size = len(phrase)
    for start in range(len(words) - size + 1):
        if words[start : start + size] == phrase:
            for i in range(start, start + size):
                # "odop" in "what is odop" is the subject, but a place in the phrase stays one
                claimed[i] = claimed[i] or phrase[i - start] in lexicon.CUE_PHRASE_WORDS


def _find_places(
    text: str, words: list[str], claimed: list[bool], parsed: Parsed, index: Index
) -> None:
    capitals = {w.lower() for w in re.split(r"[^A-Za-z]+", text) if w.isupper()}
    keyed = [name_key(w) for w in words]  # names are indexed under their comparison key
    for size in range(min(index.max_place_words, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(claimed[i] for i in span):
                continue
            if size == 1 and not _may_be_place(words[start], start, words, capitals, claimed,
                                               index):
                continue
            key = " ".join(keyed[start : start + size])
            targets, how = index.places.get(key), "name"
            if not targets and size > 1 and words[start] in _DIRECTION_INITIALS:
                # "E. Godavari", "W Singhbhum", "sw garo hills": a direction by its initial
                rest = keyed[start + 1 : start + size]
                spelt = " ".join([_DIRECTION_INITIALS[words[start]], *rest])
                if spelt in index.places:
                    key, targets = spelt, index.places[spelt]
            if not targets and len(key) >= 5 and size <= _MAX_SOUND_WORDS:
                targets, how = index.sounded(sound_of_folded(key)), "sound"
            if not targets and size <= _MAX_SOUND_WORDS and not key.isascii():
                targets, how = _district_read_aloud(words[start : start + size], index), "sound"
                # spelt like the name it sounds as (or that name itself): no weak guess
                key = " ".join(words[start : start + size]) if targets else key
            if targets:
                weak = how == "sound" and key.isascii() and not index.spelt_like(key)
                # the words as written, not their comparison key (पश्चिम, not पस्चिम): an
                # ask-back quotes them
                written = " ".join(words[start : start + size])
                parsed.mentions.append(Mention(written, frozenset(targets), how, weak=weak))
                for i in span:
                    claimed[i] = True
    for size in range(min(3, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            key = " ".join(keyed[start : start + size])
            if any(claimed[i] for i in span) or key not in index.partials:
                continue
            written = " ".join(words[start : start + size])
            parsed.mentions.append(Mention(written, frozenset(index.partials[key]), "partial"))
            for i in span:
                claimed[i] = True


def _read_aloud(word: str, *, medial: bool = True, forward: bool = False) -> str:
    """A Devanagari word in Latin letters as it is read (फुलकारी: phulkari, गुरुग्राम:
    gurugram), long vowels written once."""
    return re.sub(r"([aiu])\1", r"\1",
                  latin_of_devanagari(word, medial=medial, forward=forward))


def _district_read_aloud(part: list[str], index: Index) -> set[Target]:
    """The districts a Devanagari name read aloud names, by a Latin name or alias (गुरुग्राम:
    Gurugram, कोच्चि: Kochi) or one that sounds and is spelt like it (गुवाहाटी: Guwahati); our
    Hindi names are one compilation's spellings, and people write others. Districts only
    (उत्तर is no State), names of five letters or more, and no word the synonym table reads
    as a product."""
    if any(w in index.synonyms for w in part):
        return set()
    # then with each medial "a" kept: the deletion rule reads नवांशहर navansh-har, not
    # navan-shahar (Nawanshahr), blind to where the words of a compound meet
    for medial, forward in ((True, False), (False, False), (True, True)):
        latin = name_key(" ".join(_read_aloud(w, medial=medial, forward=forward)
                                  for w in part))
        if len(latin.replace(" ", "")) < 5 or not latin.isascii():
            return set()
        targets = index.places.get(latin) or (
            index.sounded(sound_of_folded(latin)) if index.spelt_like(latin) else set())
        found = {t for t in targets if t[0] == "d"}
        if found:
            return found
    return set()


def _may_be_place(
    word: str, position: int, words: list[str], capitals: set[str], claimed: list[bool],
    index: Index,
) -> bool:
    kind = index.state_codes.get(word)
    if kind is None:
        return word not in lexicon.FILLER
    if word in capitals:
        return True
    if kind == "code_capitals":
        return False
    before = words[position - 1] if position > 0 else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    last = not after and before not in ("s", "what", "whats", "wats")
    # "balrampur up", "Aurangabad (MH)": a code right after a name read already qualifies it.
    after_name = position > 0 and claimed[position - 1]
    state_word = after in _STATE_WORDS and (position == 0 or before in lexicon.FILLER)
    return (before in _PREPOSITIONS or after in _POSTPOSITIONS or last or after_name
            or state_word)


def _find_products(words: list[str], claimed: list[bool], parsed: Parsed, index: Index) -> None:
    for i in range(len(words) - 1):
        sector = lexicon.SECTOR_PHRASES.get(f"{words[i]} {words[i + 1]}")
        if sector and not (claimed[i] or claimed[i + 1]):
            parsed.sector = sector
            parsed.product_sets.append(set(index.sector_products.get(sector, ())))
            parsed.topic.append(f"{words[i]} {words[i + 1]}")
            claimed[i] = claimed[i + 1] = True
    _find_product_phrases(words, claimed, parsed, index)
    for i, word in enumerate(words):
        if claimed[i] or word in lexicon.FILLER:
            continue
        fruit = lexicon.SINGULAR_NOT_PRODUCT.get(word)
        if fruit is not None and not fruit.intersection(words[max(i - 1, 0) : i + 2]):
            continue  # "odop launch date": the day, not the fruit
        found, named = product_lookup(word, index)
        if word in lexicon.SECTOR_WORDS:
            # "handicrafts of Rajasthan": the sector's products and those named for it.
            parsed.sector = lexicon.SECTOR_WORDS[word]
            found |= index.sector_products.get(parsed.sector, set())
            named = word
        if found:
            parsed.product_sets.append(found)
            # the product word it was read as, so a title names what was found (pickle)
            parsed.topic.append(named)
            if named != word:
                parsed.written[named] = word
            claimed[i] = True


def _find_synonym_phrases(
    words: list[str], claimed: list[bool], parsed: Parsed, index: Index
) -> None:
    """Read an everyday name of two or three words in the synonym table ("cricket bat",
    "hockey sticks", "क्रिकेट बैट") whole, before its words are read as cues or products;
    and a side word the table lists ("football": sports goods) as the product, not the game."""
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(claimed[i] for i in span):
                continue
            part = words[start : start + size]
            if size == 1 and not (part[0] in lexicon.OFF_TOPIC
                                  or stem(part[0]) in lexicon.OFF_TOPIC):
                continue
            if size > 1 and (" ".join(part) in lexicon.UNLISTED_NAMES or (
                    size == 2 and part[0] in lexicon.UNLISTED_CROPS
                    and product_ids(part[1], index))):
                # "kali mirch" is black pepper, which no name has: the phrase is one thing we
                # do not know, not its last word's product (mirch, chilli); so is "sesame
                # seeds" (not every seed)
                parsed.unplaced.append(" ".join(part))
                parsed.unlisted.add(" ".join(part))
                for i in span:
                    claimed[i] = True
                continue
            head = " ".join(part[:-1])
            keys = (f"{head} {form}".lstrip() for form in variants(part[-1]))
            targets = next((index.synonyms[k] for k in keys if k in index.synonyms), None)
            found = index.products_for_targets(targets) if targets else set()
            if not (targets and found):
                continue
            phrase = " ".join(part)
            # as for one word: a Latin phrase is named by its product, a Hindi one as written
            named = targets[0] if phrase.isascii() else phrase
            parsed.product_sets.append(found)
            parsed.topic.append(named)
            if named != phrase:
                parsed.written[named] = phrase
            for i in span:
                claimed[i] = True


def _find_product_phrases(
    words: list[str], claimed: list[bool], parsed: Parsed, index: Index
) -> None:
    """Read a name of several words as a whole before its parts: "red rice", "mango pulp",
    "bamboo craft"; "kala namak" written apart is the one word of "Kalanamak Rice"."""
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(claimed[i] for i in span):
                continue
            written = words[start : start + size]
            found, part = _read_run(written, index)
            if found:
                parsed.product_sets.append(found)
                parsed.topic.append(" ".join(written))
                parsed.wider += [ids for ids in (product_ids(w, index) for w in part) if ids]
                for i in span:
                    claimed[i] = True


def _read_run(written: list[str], index: Index) -> tuple[set[int], list[str]]:
    """The products a run of words names as a whole, and its words as read."""
    if any(w in lexicon.FILLER for w in written):
        return set(), []
    if any(_weak_in_phrase(w) for w in written):
        # "foot wear": one word written as two, though one is a generic word of names, when
        # the other names nothing on its own ("wood craft" stays wood's products)
        strong = [w for w in written if not _weak_in_phrase(w)]
        if len(written) == 2 and not any(product_ids(w, index) for w in strong):
            return _joined_product(written, index), []
        return set(), []
    # "lal chawal" is "red rice": a Hindi qualifier reads as the English one
    part = [lexicon.HINDI_QUALIFIERS.get(w, w) for w in written]
    found = set(index.product_phrases.get(" ".join(stem(w) for w in part), ()))
    if not found:
        found = _phrase_of_ies_plurals(part, index)
    if found or part != written:
        # a run of a name widened by its words' synonyms ("agri implements")
        found |= _phrases_through_synonyms(part, index)
    if found:
        # "tmt bars" is "TMT Steel Bars" too: every word in one name, not side by side
        found |= _all_words_in_one_name(part, index)
    elif len(written) == 2:
        # "bed sheets", "fox nuts": one word of a name written as two
        found = _joined_product(written, index)
    return found, part


def _phrase_of_ies_plurals(part: list[str], index: Index) -> set[int]:
    """"king chillies" is a run of "King Chilli": a plural in -ies is of a word in -i
    ("chilli", "lungi") or -ie as often as of one in -y, which is all `stem` reads. At most
    two other readings of each such word (a run has three words or fewer)."""
    readings = [[stem(w), w[:-2], w[:-1]] if w.endswith("ies") and len(w) > 5 else [stem(w)]
                for w in part]
    if all(len(r) == 1 for r in readings):
        return set()
    found: set[int] = set()
    for reading in itertools.product(*readings):
        found |= index.product_phrases.get(" ".join(reading), set())
    return found


def _joined_product(written: list[str], index: Index) -> set[int]:
    """The products two words name written as one ("bed sheets": bedsheets)."""
    joined = "".join(written)
    return product_ids(joined, index) if len(joined) >= 6 else set()


def _all_words_in_one_name(part: list[str], index: Index) -> set[int]:
    """The products whose names have every word of `part`, in any order (the list's own
    words: through a synonym "denim jeans" would be every pair of jeans). A word of the list
    counts with its other spellings in the list ("Banaganapalle Mangoes" is "Banaganapalli
    Mangoes" too)."""
    sets = [_word_products(w, index) | _list_spellings(stem(w), index) for w in part]
    return set.intersection(*sets) if all(sets) else set()


# Bounds the readings of one run of words through the synonym table.
_MAX_PHRASE_READINGS = 64


def _phrases_through_synonyms(part: list[str], index: Index) -> set[int]:
    """"agri implements" (a run of "Agri - Implements") is "Agricultural Implements" too:
    each word of a run may stand for a one-word target of its synonym row (a clipped form,
    a Hinglish or Hindi word), and the run names the products of every such reading. Only
    a run the list has is widened so: "hapus aam" stays every mango that hapus names, not
    only those named Alphonso."""
    readings: list[list[str]] = []
    for word in part:
        targets = index.synonyms.get(word) or index.synonyms.get(stem(word)) or ()
        readings.append(list(dict.fromkeys(
            [stem(word), *(stem(t) for t in targets if " " not in t)])))
    if all(len(r) == 1 for r in readings):
        return set()
    found: set[int] = set()
    for reading in itertools.islice(itertools.product(*readings), _MAX_PHRASE_READINGS):
        found |= index.product_phrases.get(" ".join(reading), set())
    return found


def _find_products_named_for_places(
    words: list[str], claimed: list[bool], parsed: Parsed, index: Index
) -> None:
    """"kota stone" (made in Jhalawar), "bastar craft": a product named after a place is read
    whole before the place, unless that place is where it is made ("kota doria", "darjeeling
    tea" stay questions about Kota and Darjeeling)."""
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            part = words[start : start + size]
            if any(claimed[i] for i in span):
                continue
            found = index.product_phrases.get(" ".join(stem(w) for w in part))
            places = [index.places.get(name_key(w), set()) for w in part]
            named = {t for targets in places for kind, t in targets if kind == "d"}
            if not found or not named:
                continue
            making = {index.catalog.products[i].district_id for i in found}
            if named & making:
                continue
            parsed.product_sets.append(set(found))
            parsed.topic.append(" ".join(part))
            for i in span:
                claimed[i] = True


def _read_as_product_name(folded: str, parsed: Parsed, index: Index) -> None:
    """A question that is an official product's whole name ("Bastar Craft", "Agro Products")
    asks for that product, unless a place it names is where the product is made."""
    ids = index.product_names.get(" ".join(stem(w) for w in folded.split()))
    if not ids:
        return
    making = {index.catalog.products[i].district_id for i in ids}
    named = {t for m in parsed.mentions for kind, t in m.targets if kind == "d"}
    if named & making or (not parsed.mentions and ids <= parsed.product_ids):
        return
    parsed.mentions.clear()
    parsed.product_sets = [set(ids)]
    parsed.topic = [folded]
    parsed.cues.discard("off_topic")
    parsed.unplaced.clear()


def _side_word_as_place(folded: str, parsed: Parsed, index: Index) -> None:
    """"mandi", "mandi himachal": a word that names a side topic (a market) and a district is
    the district, unless the question has a product or another side word ("haldi mandi")."""
    if "off_topic" not in parsed.cues or parsed.product_ids or parsed.unplaced:
        # "unjha mandi": the market of a town we do not know, not the district Mandi
        return
    side = [w for w in parsed.words if w in lexicon.OFF_TOPIC or stem(w) in lexicon.OFF_TOPIC]
    places = [index.places.get(name_key(w)) for w in side]
    padded = f" {folded} "
    if not side or not all(places) or any(f" {p} " in padded for p in lexicon.SIDE_PHRASES):
        return
    parsed.cues.discard("off_topic")
    parsed.side = ""
    for word, targets in zip(side, places, strict=True):
        parsed.mentions.insert(0, Mention(word, frozenset(targets or ()), "name"))


def _weak_in_phrase(word: str) -> bool:
    return word in lexicon.FILLER or (
        word in lexicon.GENERIC_PRODUCT_WORDS and word not in lexicon.QUALIFIER_WORDS
    )


def _narrow_by_description(parsed: Parsed, index: Index) -> None:
    """"coconut oil": when the product words name no product together, keep the products
    named by one word whose description has the others, if any; else the products of the
    words that qualify the others (below), else every product named (a list)."""
    if len(parsed.product_sets) < 2 or set.intersection(*parsed.product_sets):
        return
    union = set.union(*parsed.product_sets)
    narrowed = set(union)
    for word, ids in zip(parsed.topic, parsed.product_sets, strict=False):
        # read here rather than index every word of every description at build
        narrowed &= ids | index.described_with(union - ids, {stem(w) for w in word.split()})
    if narrowed:
        parsed.product_sets = [narrowed]
        return
    # "sal leaf plates": a name of several words read whole is the product asked about, and a
    # lone word beside it that names other products ("plates" of areca leaf) does not widen
    # the answer to them; a list ("mango pulp and litchi") keeps every product it names
    if _LIST_WORDS.intersection(parsed.words):
        return
    pairs = list(zip(parsed.topic, parsed.product_sets, strict=False))
    whole = [(word, ids) for word, ids in pairs if " " in word]
    if whole and len(whole) < len(pairs):
        _keep(parsed, whole)
        return
    # "kalamkari sarees": of two words naming nothing together, a narrower word before a word
    # the list names with a qualifier ("Ilkal Sarees", "Chirala Silk Sarees") qualifies it:
    # the kalamkari districts, not every saree district under a kalamkari title. Two products
    # written side by side stay two ("litchi mango": the list's mangoes are often plain).
    if len(pairs) != 2:
        return
    (first, at_first), (second, at_second) = sorted(
        ((pair, _position(parsed, pair[0])) for pair in pairs),
        key=lambda found: -1 if found[1] is None else found[1])
    if (at_first is not None and at_second is not None and len(first[1]) < len(second[1])
            and stem(parsed.written.get(second[0], second[0])) in index.head_words):
        _keep(parsed, [first])


def _keep(parsed: Parsed, kept: list[tuple[str, set[int]]]) -> None:
    """Answer with the products of `kept` only, titled by their words only."""
    parsed.topic = [word for word, _ids in kept]
    parsed.product_sets = [set.union(*(ids for _word, ids in kept))]


def _position(parsed: Parsed, topic: str) -> int | None:
    """Where the words a topic was read from start in the question, if they are there."""
    first = parsed.written.get(topic, topic).split()[0]
    return parsed.words.index(first) if first in parsed.words else None


# Words that join the products of a list ("mango and litchi").
_LIST_WORDS = frozenset(["and", "or", "aur", "ya", "&", "और", "या"])


def product_ids(word: str, index: Index) -> set[int]:
    """Return the products a word names (see `product_lookup`)."""
    return product_lookup(word, index)[0]


def product_lookup(word: str, index: Index, *, respell: bool = True) -> tuple[set[int], str]:
    """Return the products a word names and the product word it was read as: through the
    synonym table (achaar -> pickle), an official name's word, a plural or Hinglish ending
    (onions, kele), or another spelling of either (pyaaz, heeng)."""
    forms = variants(word)
    key = spelling_key(word)
    # "chopper" is not a way of writing copper: a word spelt right means itself
    if respell and key is not None and key in index.spellings and not is_common_english(word):
        forms += [w for w in index.spellings[key] if w not in forms]
    # "himalayan", "fasteners": an English word spelt right finds the list's misspelling of it
    misspelt = index.misspelt.get(stem(word))
    if misspelt and misspelt not in forms:
        forms.append(misspelt)
    found_all: set[int] = set()
    read_as = word
    for form in forms:
        targets = index.synonyms.get(form) or index.synonyms.get(stem(form))
        found = index.products_for_targets(targets) if targets else _word_products(form, index)
        if targets:
            # "achaar" is pickle, and the list's own word too (Amritsar's Achar-Muraba)
            found |= _own_word_products(form, index)
        if not targets and form.endswith("is") and len(form) > 4:
            # "dhotis", "lungis", "kiwis": the English stemmer keeps -is (basis), but words
            # ending in -i take a plain -s
            found |= index.products_for_word(form[:-1])
        if found and not targets and form in index.product_words:
            # every spelling of a word of the list ("jewlery": jewllery is jewellery too)
            found |= _other_spellings_in_list(form, index)
        if found and form in (word, *variants(word)):
            # a Hindi word stays as written (अचार); a Latin one is named by its product
            return found, targets[0] if targets and word.isascii() else word
        if found and not found_all:
            read_as = targets[0] if targets and word.isascii() else word
        # another spelling: every word of the list spelt so ("terracota": both spellings)
        found_all |= found
    if not found_all and not word.isascii():
        # a Hindi word no table lists, read aloud: फुलकारी is "phulkari" (spelt as read, not
        # respelt: घड़ी "ghadi" is not gaadi)
        # then read from the left: बासमती is baas-matii (basmati), not baasam-tii
        for latin in dict.fromkeys((_read_aloud(word), _read_aloud(word, forward=True))):
            if len(latin) >= 5 and latin.isascii():
                found_all = product_lookup(latin, index, respell=False)[0]
                if found_all:
                    break
    return found_all, read_as


def _own_word_products(word: str, index: Index) -> set[int]:
    """The products whose names have a synonym word itself (see `own_word`)."""
    own = own_word(word, index)
    return _word_products(own, index) if own else set()


def own_word(word: str, index: Index) -> str | None:
    """A synonym word as a word of the list's own names, if it is one, spelt as the list
    spells it ("achaar": Achar, long vowels written once): only that lighter respelling, since
    a synonym's sound-alikes are other words (bhindi is not bindi). A Hindi word is read aloud
    (अचार: achar) if that makes five letters (जूते, "jute", is shoes); an English word
    describes ("sweet" is no Sweet Orange)."""
    if not word.isascii():
        word = _read_aloud(word)
        if len(word) < 5 or not word.isascii():
            return None
    if is_common_english(word):
        return None
    for form in dict.fromkeys((word, _LONG_VOWELS.sub(r"\1", word))):
        if form in index.product_words:
            return form
    return None


_LONG_VOWELS = re.compile(r"([aeiou])\1")


def _list_spellings(word: str, index: Index) -> set[int]:
    """The products of the other spellings of `word` in the list, if it is a word of the list."""
    return _other_spellings_in_list(word, index) if word in index.product_words else set()


def _other_spellings_in_list(word: str, index: Index) -> set[int]:
    """A word of the list spelt otherwise elsewhere in the list is the same word: "terracotta"
    is "Teracotta" too, "pattachitra" "Patachitra". Only the list's own words count (a
    synonym's sound-alikes are other words: bhindi is not bindi)."""
    right = index.spelt_right.get(word)
    # "Studded gold jewllery" is jewellery: the list's slip finds the word spelt right
    found = index.products_for_word(right) if right else set()
    key = spelling_key(word)
    if key is None:
        return found
    return found | {i for w in index.spellings.get(key, ()) if w != word
                    and w in index.product_words for i in index.products_for_word(w)}


def _word_products(form: str, index: Index) -> set[int]:
    """The products whose names have the word `form` (or its stem): a word of three letters
    or fewer only when it is a product on its own ("tea", "oil"), not a fragment of a name
    ("pre" of "Pre Fab Structures", which "pre fab" still finds as a run of the name)."""
    if len(form) <= 3 and form not in lexicon.SHORT_PRODUCT_WORDS:
        return set()
    return index.products_for_word(stem(form))


def _find_fuzzy(words: list[str], claimed: list[bool], parsed: Parsed, index: Index) -> None:
    # Two words typed as one name ("24 parganas", "mora dabad") first, then single words.
    for i in range(len(words) - 1):
        pair = words[i : i + 2]
        if claimed[i] or claimed[i + 1] or not pair_may_name(pair, index):
            continue
        for joined in (" ".join(pair), "".join(pair)):
            place = index.fuzzy_place(joined, at_least=_PAIR_SCORE)
            if place:
                targets = frozenset(index.place_targets(place.key))
                weak = not close_spelling(joined, place.key)
                parsed.mentions.append(Mention(place.key, targets, "fuzzy", place.score, weak,
                                               " ".join(pair)))
                claimed[i] = claimed[i + 1] = True
                break
    for i, word in enumerate(words):
        if claimed[i] or word in lexicon.FILLER or word in WEAK_NAME_WORDS or len(word) < 4:
            continue
        if word in lexicon.GENERIC_PRODUCT_WORDS:
            # "craft", "processing": too common to be a misspelt cue or product
            parsed.unplaced.append(word)
            continue
        if is_common_english(word):
            # "sleep", "belly", "patio": a word spelt right means itself, not a name like it
            parsed.unplaced.append(word)
            continue
        if is_known_town(word):
            # "bhiwandi", "kasauli": a town spelt right is that town, not the district or
            # product one slip away; left unplaced, it is a place we do not know
            parsed.unplaced.append(word)
            continue
        place = index.fuzzy_place(word)
        product = index.fuzzy_product_word(stem(word))
        if product and product.key in lexicon.OFF_TOPIC:
            # a word near "football" ("footfall") is no slip for the side word it is
            product = None
        if place and (not product or place.score >= product.score):
            found = frozenset(index.place_targets(place.key))
            weak = not close_spelling(name_key(word), place.key)
            parsed.mentions.append(Mention(place.key, found, "fuzzy", place.score, weak, word))
        elif product and not (close_spelling(stem(word), product.key)
                              or run_together(stem(word), product.key, index.product_words)):
            parsed.weak_products.append((word, product.key))
        elif product:
            parsed.product_sets.append(product_ids(product.key, index))
            parsed.topic.append(product.key)
        elif slip := _product_by_slip(word, index):
            parsed.product_sets.append(slip[1])
            parsed.topic.append(slip[0])
        elif cue := _fuzzy_cue(word):
            parsed.cues.add(cue)
        else:
            parsed.unplaced.append(word)
            continue
        claimed[i] = True


# How close a word must be to the other word of one of the districts a shared name names.
_NEAR_SCORE = 70.0
# A name shared by more districts than this is not narrowed by a near miss (each district's
# names are read to try: the work per question stays bounded; the ask-back lists them).
_NEAR_MOST = 8


def _near_miss_picks(words: list[str], claimed: list[bool], parsed: Parsed,
                     index: Index) -> None:
    """"tihri garhwal", "lowr subansiri", "subansiri lower": a word we could not place, or a
    word too common in names to name one alone (lower, west, hills), beside a name two
    districts share, picks the one whose other word it is (or is a near miss of: one letter
    off is too far to name a district alone, not to choose between two)."""
    ambiguous = [m for m in parsed.mentions
                 if 1 < sum(1 for kind, _ in m.targets if kind == "d") <= _NEAR_MOST]
    for i, word in enumerate(words):
        if claimed[i] or len(word) < 4 or not ambiguous or not (
                word in parsed.unplaced or word in WEAK_NAME_WORDS):
            continue
        beside = {*words[max(i - 1, 0) : i], *words[i + 1 : i + 2]}
        typed = name_key(word)
        for m in ambiguous:
            said = set(m.words.split())
            if not beside & said:
                continue
            picked = {t for t in m.targets if t[0] == "d" and any(
                fuzz.ratio(typed, other) >= _NEAR_SCORE
                for other in _other_name_words(t[1], said, index))}
            if len(picked) == 1:
                parsed.mentions.append(Mention(word, frozenset(picked), "fuzzy", 100.0))
                if word in parsed.unplaced:
                    parsed.unplaced.remove(word)
                claimed[i] = True
                break


def _other_name_words(district: int, said: set[str], index: Index) -> set[str]:
    """The words of a district's names (English, aliases, Hindi), keyed, but those said."""
    d = index.catalog.district_by_id[district]
    names = [d.name, d.name_hi or "", *(alias for alias, _kind in d.aliases)]
    keyed_said = {name_key(w) for w in said}
    return {name_key(w) for name in names for w in fold(name).split()} - keyed_said


def _product_by_slip(word: str, index: Index) -> tuple[str, set[int]] | None:
    """A product word typed with two letters swapped ("mnago", "hoeny"): a slip a short
    word's fuzzy score is too strict for. The word it reads as and its products, if one
    reading is a product word (a correctly spelt English word never gets here: "diary")."""
    readings = [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
                if word[i] != word[i + 1]]
    for reading in dict.fromkeys(readings):
        # the exact word only: a prefix ("gluttons": "gluton" of Glutonious Rice) is no slip
        targets = index.synonyms.get(reading)
        if targets:
            return (targets[0] if reading.isascii() else reading), index.products_for_targets(
                targets)
        if stem(reading) in index.product_words and (
                len(reading) > 3 or reading in lexicon.SHORT_PRODUCT_WORDS):
            return reading, index.products_for_word(stem(reading))
    return None


# Two words read as one misspelt name must be this close to it.
_PAIR_SCORE = 88.0


def pair_may_name(pair: list[str], index: Index) -> bool:
    """Whether two words of a question could be one misspelt place name ("mora dabad").

    Not with a filler word no name has ("statistcs of", "adhyaksh kaun", "sdfsdf products";
    "pradesh" and "and" are filler words that names have), and not two correctly spelt
    English words ("python code"), which mean what they say, as a single such word does.
    """
    if any(w in lexicon.FILLER and w not in index.filler_in_names for w in pair):
        return False
    # a word names have ("pradesh") is no evidence of plain English: "utter pradesh" is a
    # misspelt State, though "utter" and "pradesh" are both in the English list
    return not all(is_common_english(w) and not _name_word(w, index) for w in pair)


def _name_word(word: str, index: Index) -> bool:
    """Whether `word` is a filler word that names have, and long enough to mean it."""
    return len(word) >= 4 and word in index.filler_in_names


def _weigh_guesses(parsed: Parsed, index: Index) -> None:
    """Keep weak guesses only when something else in the question backs them."""
    weak = [m for m in parsed.mentions if m.weak]
    if not weak and not parsed.weak_products:
        return
    if _has_evidence(parsed):
        for _word, key in parsed.weak_products:
            parsed.product_sets.append(product_ids(key, index))
            parsed.topic.append(key)
        return
    parsed.mentions = [m for m in parsed.mentions if not m.weak]
    # Offered as "did you mean", never answered as the place.
    parsed.unplaced.extend(m.typed or m.words for m in weak if m.how == "fuzzy")
    parsed.unplaced.extend(word for word, _key in parsed.weak_products)


def _has_evidence(parsed: Parsed) -> bool:
    """Whether the question names something besides its weak guesses, or says "district"."""
    return bool(
        parsed.cues - {"off_topic"}
        or any(not m.weak for m in parsed.mentions)
        or parsed.product_sets
        or parsed.gi
        or parsed.councils
        or _PLACE_MARKERS.intersection(parsed.words)
    )


def _fuzzy_cue(word: str) -> Cue | None:
    """Return the intent a misspelt cue word points at ("statistcs", "comittee", "hlep")."""
    if len(word) < 4:
        return None
    hit = process.extractOne(word, _CUE_WORD_LIST, scorer=fuzz.ratio, score_cutoff=80)
    return None if hit is None else _CUE_WORDS[hit[0]]


def fuzzy_phrase(folded: str) -> Cue | None:
    """Return the intent of a whole question that is a misspelt cue phrase."""
    hit = process.extractOne(folded, _CUE_PHRASE_LIST, scorer=fuzz.ratio, score_cutoff=85)
    return None if hit is None else _CUE_PHRASES[hit[0]]
