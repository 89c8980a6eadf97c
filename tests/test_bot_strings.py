"""handlers/strings.py and the command table: English and Hindi stay in step."""

from __future__ import annotations

import re

import pytest

from handlers import commands, strings
from handlers.registry import COMMAND_HANDLERS
from handlers.strings import EN, HI


def test_both_languages_have_the_same_keys() -> None:
    assert set(EN) == set(HI)


@pytest.mark.parametrize("key", sorted(EN))
def test_placeholders_match_across_languages(key: str) -> None:
    def fields(s: str) -> set[str]:
        return set(re.findall(r"{(\w+)}", s))

    assert fields(EN[key]) == fields(HI[key])


@pytest.mark.parametrize("key", sorted(EN))
def test_hindi_strings_are_not_left_empty(key: str) -> None:
    assert HI[key].strip()


def test_every_command_has_a_description_and_a_handler() -> None:
    names = [c.name for c in commands.COMMANDS]
    assert len(names) == len(set(names))
    assert set(names) == set(COMMAND_HANDLERS)
    for lang in strings.LANGS:
        for command in commands.COMMANDS:
            assert 3 <= len(command.description(lang)) <= 256
            assert re.fullmatch(r"[a-z0-9_]{1,32}", command.name)


def test_menu_and_help_come_from_the_same_table() -> None:
    for lang in strings.LANGS:
        menu = [c.command for c in commands.menu(lang)]
        helped = [line.split(" ")[0].lstrip("/") for line in commands.help_lines(lang)]
        assert menu == helped
        assert "stats" not in menu
        assert "stats" in [c.command for c in commands.menu(lang, admin=True)]


@pytest.mark.parametrize(
    ("code", "lang"),
    [("hi", "hi"), ("hi-IN", "hi"), ("HI", "hi"), ("en", "en"), ("en-GB", "en"), (None, "en"),
     ("", "en"), ("ta", "en")],
)
def test_telegram_language_codes_map_to_an_interface_language(code, lang) -> None:
    assert strings.language_of(code) == lang
