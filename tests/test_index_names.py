"""Every name a district goes by (its name, its Hindi name, each alias) finds it in the index,
and sounds like itself."""

from __future__ import annotations

import pytest

from knowledge import index
from knowledge.catalog import Catalog
from knowledge.normalise import (
    fold,
    fold_many,
    name_key,
    name_keys,
    sound_of_folded,
    sounds_of_folded,
)


@pytest.fixture(scope="module")
def idx(seeded_catalog: Catalog) -> index.Index:
    return index.Index(seeded_catalog)


def test_every_name_of_every_district_finds_it(idx: index.Index) -> None:
    checked = 0
    for d in idx.catalog.districts:
        names = [d.name, *([d.name_hi] if d.name_hi else []),
                 *(a for a, _kind in d.aliases
                   if len(fold(a).replace(" ", "")) >= index.MIN_ALIAS)]
        for name in names:
            key = name_key(fold(name))
            assert ("d", d.id) in idx.places[key], name
            assert ("d", d.id) in idx.sounded(sound_of_folded(key)), name
            checked += 1
    assert checked > 2 * len(idx.catalog.districts)


ODD = ["", "  ", "a\nb", "bore\nmore", "Café & Co", "ΣΑΣ ΟΔΟΣ", "x̃ भदोही (संत रविदास नगर)",
       "क़लम।ok_x", "ज़िला॰ ", "মুর্শিদাবাদ জেলা", "Dadra & Nagar Haveli", "ore", "Tanjore",
       "श्‍योपुर", "अम्बाला", "zero\u200bwidth", "emoji 🧵 silk", "J&K", "U.P."]


def test_names_folded_keyed_and_sounded_together_are_as_one_at_a_time(
    seeded_catalog: Catalog,
) -> None:
    texts = [*ODD, *(d.name for d in seeded_catalog.districts),
             *(d.name_hi for d in seeded_catalog.districts if d.name_hi),
             *(a for d in seeded_catalog.districts for a, _kind in d.aliases),
             *(p.name for p in seeded_catalog.products)]
    folded = fold_many(texts)
    assert folded == [fold(t) for t in texts]
    keys = name_keys(folded)
    assert keys == [name_key(f) for f in folded]
    assert sounds_of_folded(keys) == [sound_of_folded(k) for k in keys]
    # a text holding a line break itself is read alone, and still the same
    assert fold_many(["a\nb", "c"]) == ["a b", "c"]
    assert sounds_of_folded(["bore", "more\nore"]) == [sound_of_folded("bore"),
                                                       sound_of_folded("more\nore")]


def test_english_words_spelt_right_find_the_lists_misspellings(idx: index.Index) -> None:
    # a vowel left out, a doubled letter written single, two inner letters swapped
    assert idx.misspelt["himalayan"] == "himalyan"
    assert idx.misspelt["fastener"] == "fastner"
    assert idx.misspelt["terracotta"] == "teracotta"
    assert idx.misspelt["petrochemical"] == "petrochemcial"
    # short words and slips at a word's edge are other words: Patna, joining, Sikkim
    assert not {"patna", "joining", "sikkim", "bastard", "several"} & set(idx.misspelt)


def test_misspellings_looked_up_among_english_slips_are_those_read_from_each_word(
    idx: index.Index,
) -> None:
    """Looking each word up among the English words' slips (made once per process) finds
    what reading every slip of each word and asking the English list does: over the list's
    own words, and over made-up slips of English words and words that are none."""
    from knowledge.vocabulary import is_common_english, load_english_words

    english = load_english_words()

    def read_each(words: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for word in words:
            if is_common_english(word):
                continue  # an English word is no slip
            readings: set[str] = set()
            for at in range(1, len(word)):
                readings.update(word[:at] + v + word[at:] for v in "aeiou")
                readings.add(word[:at] + word[at - 1] + word[at:])
            for at in range(1, len(word) - 2):
                readings.add(word[:at] + word[at + 1] + word[at] + word[at + 2 :])
            for reading in readings:
                if len(reading) >= 8 and (reading in english or reading + "s" in english):
                    found.setdefault(reading, word)
        return found

    listed = [w for w in idx.product_words if w.isascii() and len(w) >= 7]
    made_up = ["acommodation", "begining", "comittee", "enviroment", "seperately",
               "spinnning", "bussiness", "intresting", "hydrabad", "xylophonic", "qwertyuiop",
               "temprature", "chocolte", "chcolate"]
    for words in (listed, made_up, listed + made_up):
        assert index._misspellings(words) == read_each(words)
    assert index._misspellings(made_up)["accommodation"] == "acommodation"


def test_a_word_for_things_made_of_a_product_word_finds_its_products(
        idx: index.Index) -> None:
    brass = idx.products_for_word("brass")
    assert brass
    assert brass <= idx.products_for_word("brassware")
    assert idx.products_for_word("copper") <= idx.products_for_word("copperware")
    # a head shorter than five letters is no material ("soft" of software)
    assert not idx.products_for_word("soft") & idx.products_for_word("software")
