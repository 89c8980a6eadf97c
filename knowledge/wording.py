"""The pieces a reply is written with, in the reader's language: styled spans, place names,
our own phrases (via the glossary) and words quoted from a source or from the user.

A Hindi reply writes our own words in Hindi, a place in Devanagari with its English name beside
it ("मुरादाबाद (Moradabad)": our Hindi district names are an unverified compilation), and leaves
a source's words (a product's name and description, an office's address, a news report's
details) in their own language as a span marked `quoted`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace

from knowledge import glossary, messages
from knowledge.answer import Answer, DistrictRef
from knowledge.catalog import Catalog
from knowledge.normalise import fold
from knowledge.states_hi import STATE_NAMES_HI


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    # A source's or the user's words, in their own language (not the bot's).
    quoted: bool = False


@dataclass(frozen=True)
class Block:
    """One line or paragraph. `kind` is "title", "item", "para", "source" or "gap"."""

    spans: tuple[Span, ...]
    kind: str = "para"


class Words:
    """Writes one answer's pieces in `lang`; knows the Hindi names of the places it mentions."""

    def __init__(self, answer: Answer, lang: str) -> None:
        self.lang = lang
        self.hindi = lang == "hi"
        self._districts: dict[str, str] = {}
        if self.hindi:
            for d in answer.districts:
                if d.name_hi:
                    self._districts.setdefault(d.name, d.name_hi)
            for option in answer.clarify:
                if option.district.name_hi:
                    self._districts.setdefault(option.district.name, option.district.name_hi)
            for name, name_hi in answer.names_hi:
                self._districts.setdefault(name, name_hi)

    # --- places -------------------------------------------------------------------------
    def state(self, name: str) -> str:
        """A State's name: "बिहार (Bihar)" in Hindi, "Bihar" in English."""
        return state_label(name, self.lang)

    def district(self, name: str) -> str:
        hi = self._districts.get(name) if self.hindi else None
        return f"{hi} ({name})" if hi else name

    def place(self, name: str) -> str:
        """A district's or a State's name, whichever `name` is; "District (State)" too."""
        if name in self._districts:
            return self.district(name)
        labelled = _LABEL.fullmatch(name)
        if self.hindi and labelled and labelled[1] in self._districts:
            return self.district_in(labelled[1], labelled[2])
        return self.state(name)

    def district_in(self, name: str, state: str) -> str:
        """ "Moradabad (Uttar Pradesh)"; in Hindi "मुरादाबाद (Moradabad), उत्तर प्रदेश (…)". """
        return self.text("district_in", district=self.district(name), state=self.state(state))

    # --- words --------------------------------------------------------------------------
    def own(self, phrase: str) -> str:
        """One of our own phrases (a role, a note, a figure's name) in the reader's language."""
        if not self.hindi or not phrase:
            return phrase
        found = glossary.to_hindi(phrase, self.place)
        return phrase if found is None else found

    def text(self, key: str, **params: object) -> str:
        return messages.text(self.lang, key, **params)

    def say(self, key: str, *, bold: bool = False, italic: bool = False,
            **params: object) -> tuple[Span, ...]:
        """Message `key` as spans; a Span given as a parameter keeps its own marks."""
        out: list[Span] = []
        value: object = None
        for literal, field, spec, _conv in string.Formatter().parse(
                messages.template(self.lang, key)):
            literal = messages.after_count(self.lang, value, literal)
            if literal:
                out.append(Span(literal, bold, italic))
            if field is None:
                continue
            value = params[field]
            if isinstance(value, Span):
                out.append(replace(value, bold=bold or value.bold, italic=italic or value.italic))
            else:
                out.append(Span(format(value, spec or ""), bold, italic))
        return _merge(out)


def district_label(district: DistrictRef, lang: str) -> str:
    """A district with its State, for a button or a list of choices, in `lang`."""
    if lang != "hi":
        return f"{district.name} ({district.state})"
    name = f"{district.name_hi} ({district.name})" if district.name_hi else district.name
    return messages.text(lang, "district_in", district=name, state=state_label(district.state,
                                                                                lang))


def followed_label(label: str, lang: str, catalog: Catalog) -> str:
    """What a chat follows, as stored ("all", "district:Agra (Uttar Pradesh)", "state:Bihar",
    "product:Makhana", or the bare name), in `lang`: "आगरा (Agra), उत्तर प्रदेश (…)"."""
    kind, _, name = label.partition(":") if ":" in label else ("", "", label)
    if label in ("all", "everything") or kind == "all":
        return messages.text(lang, "everything")
    if lang != "hi":
        return name
    if kind == "state" or name in catalog.state_by_name:
        return state_label(name, lang)
    found = _LABEL.fullmatch(name)
    state = catalog.state_by_name.get(found[2]) if found else None
    if found and state is not None:
        for d in catalog.districts_by_state.get(state.id, []):
            if d.name == found[1]:
                return district_label(d.ref, lang)
    # a product word: its Hindi word beside it, "मखाना (Makhana)"
    key = fold(name)
    for word, targets in catalog.synonyms.items():
        if targets and targets[0] == key and not word.isascii():
            return f"{word} ({name})"
    return name


def state_label(name: str, lang: str) -> str:
    """ "बिहार (Bihar)" in Hindi, "Bihar" otherwise."""
    hi = STATE_NAMES_HI.get(name) if lang == "hi" else None
    return f"{hi} ({name})" if hi else name


def quote(words: str) -> Span:
    """A source's or the user's words, shown as they were written."""
    return Span(words, quoted=True)


_LABEL = re.compile(r"(.+) \((.+)\)")
_AS_OF = re.compile(r"^(?P<source>.+), as of (?P<as_of>[\d-]+)$")


def source_spans(words: Words, source: str) -> tuple[Span, ...]:
    """A "Source: ..." line: the citation is the source's own title, quoted; a date we append
    ("…, as of 2025-07-07") and a note of ours ("no district record…") are our words."""
    own = words.own(source)
    if own != source:
        return words.say("source", italic=True, source=own)
    m = _AS_OF.match(source)
    if m:
        return words.say("source_as_of", italic=True, source=quote(m["source"]),
                         as_of=m["as_of"])
    return words.say("source", italic=True, source=quote(source))


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of the same style (none quoted), so output stays compact."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        last = out[-1] if out else None
        if (last is not None and not last.quoted and not span.quoted and not last.link
                and not span.link and (last.bold, last.italic) == (span.bold, span.italic)):
            out[-1] = replace(last, text=last.text + span.text)
        else:
            out.append(span)
    return tuple(out)
