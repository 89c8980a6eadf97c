"""handlers/units.py: lengths and cuts in UTF-16 code units, as Telegram counts them."""

from __future__ import annotations

from handlers import units

MIXED = "a😀b𝔘\u00e9🇮🇳&\ud800z"  # ASCII, astral, accented, a flag, a lone surrogate


def test_count_is_utf16_units() -> None:
    assert units.count("") == 0
    assert units.count("abc") == 3
    assert units.count("😀" * 2040) == 4080
    assert units.count(MIXED) == 1 + 2 + 1 + 2 + 1 + 4 + 1 + 1 + 1


def test_prefix_is_the_longest_start_that_fits_and_never_splits_a_character() -> None:
    for limit in range(-1, units.count(MIXED) + 2):
        cut = units.prefix(MIXED, limit)
        assert MIXED.startswith(cut)
        assert units.count(cut) <= max(limit, 0)
        longer = MIXED[: len(cut) + 1]
        assert longer == cut or units.count(longer) > limit


def test_clip_adds_the_tail_only_when_it_cuts() -> None:
    assert units.clip("Moradabad", 28) == "Moradabad"
    clipped = units.clip("😀" * 30, 28)
    assert clipped == "😀" * 13 + "…"
    assert units.count(clipped) == 27
