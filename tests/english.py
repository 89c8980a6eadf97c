"""A detector for English sentences of the bot's own in a Hindi answer.

An English sentence is a run of three or more ordinary Latin-script words with nothing but
spaces and light punctuation (, / & ( ) - ') between them. The exceptions are explicit and
narrow; everything else written in Latin script counts:

- text quoted from a source or typed by the user: the caller passes it in `quoted`, and it is
  cut out before looking (a quoted span in a reply is marked `quoted=True`);
- proper names: the caller passes the English names of districts and States in `names`;
- acronyms: a word with two or more capitals and no lower-case run after them ("ODOP", "DGFT",
  "DEPCs", "RAs") is not an ordinary word, and it ends a run;
- URLs (http://, https://, www.), domain names (dgft.gov.in) and e-mail addresses, also in the
  "name[at]nic[dot]in" form; the bot's commands ("/district").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+\b"
                  r"|\b[\w.-]+\[at\][\w.-]+(?:\[dot\]\w+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:in|com|org|net"
                  r"|gov|nic)\b(?:/\S*)?", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.]*|[\u0900-\u097F]+|[0-9]+|[,/&()\-]|[ \t]+|.",
                    re.DOTALL)
_LIGHT = re.compile(r"^(?:[ \t]+|[,/&()\-])$")
_COMMAND = re.compile(r"(?<![\w/])/[a-z_]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z.]*[A-Z](?:s|’s|'s)?\.?$")


def english_runs(text: str, quoted: Iterable[str] = (), names: Iterable[str] = ()) -> list[str]:
    """Return every run of 3+ ordinary English words in `text` outside the exceptions."""
    for piece in sorted({q for q in quoted if q.strip()}, key=len, reverse=True):
        text = text.replace(piece, " ¶ ")
    text = _COMMAND.sub(" ¶ ", _URL.sub(" ¶ ", text))
    names = frozenset(n for n in names if n.strip())
    if names:
        text = _names_pattern(names).sub(" ¶ ", text)
    runs: list[str] = []
    run: list[str] = []
    gap: list[str] = []

    def close() -> None:
        if len([t for t in run if not _LIGHT.match(t)]) >= 3:
            runs.append("".join(run).strip())
        run.clear()
        gap.clear()

    for token in _TOKEN.findall(text):
        if re.match(r"^[A-Za-z]", token) and not _ACRONYM.match(token):
            run.extend(gap)
            gap.clear()
            run.append(token)
        elif run and _LIGHT.match(token):
            gap.append(token)
        else:
            close()
    close()
    return runs


@lru_cache(maxsize=8)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """One pattern for all names, longest first, so "North Goa" is cut before "Goa"."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")


def visible(html_text: str) -> str:
    """The text of Telegram HTML as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))
