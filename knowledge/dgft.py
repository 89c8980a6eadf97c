"""Which DGFT Regional Authority covers a place, from the jurisdiction evidence we hold.

Only fragments of the official jurisdiction table (HBP Appendix 1A) were readable, so each
finding says how it is known: a jurisdiction a source states (with its date), one inferred from
a DEPC seat or a plan's authorship, an office located in the district, or the only office in the
State. Offices closed and merged into others (2019–2020) are followed to the office that took
over, with the date and source of the merger. When nothing is known the answer says so and
points to dgft.gov.in; a district is never given an office by guesswork.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.answer import Answer, Contact, DistrictRef, Fact, StateRef
from knowledge.catalog import AuthorityRec, Catalog, DistrictRec, JurisdictionRec
from knowledge.normalise import fold, sound

# How a finding is known; the reply words each in the reader's language.
STATED = "stated"  # a source states the office's jurisdiction includes the place
INFERRED = "inferred"  # inferred from a DEPC seat, a plan's authorship, a meeting role
LOCATED = "located"  # the office is in the district itself
ONLY_OFFICE = "only_office"  # the only DGFT office listed in the State
MERGED = "merged"  # the office that took over a closed one
EXCLUDED = "excluded"  # a source says the office's jurisdiction leaves the place out
UNNAMED = "unnamed"  # a DGFT officer acted for the place but the source names no office
STATE_OFFICES = "state_offices"  # several offices in the State; which one is not known
WHOLE_STATE = "whole_state"  # the office's jurisdiction covers the State (or part of it)
MORE_OFFICES = "more_offices"  # how many more offices of the State there are than are listed

# A State's offices listed by name where which covers a place is not known; past this many the
# answer says how many more there are (dgft.gov.in lists them all): a list of dozens helps no
# one, and every one of them costs the question its reading.
MAX_LISTED = 6

_MERGER_WORDS = re.compile(r"takes over|merged into|merged with|shifted", re.I)


@dataclass(frozen=True)
class Finding:
    how: str
    office: AuthorityRec | None
    as_of: str
    source: str
    detail: str = ""  # the source's own words about the jurisdiction
    via: str = ""  # for MERGED: the closed office's city


class Coverage:
    """The jurisdiction evidence read once per catalog: each State's scopes (split, folded and
    sounded) and the offices by the place names they sit in, so a question about one district
    reads only its State's scopes and the offices located in it, not every office's."""

    def __init__(self, catalog: Catalog) -> None:
        # State -> (office position, office, scope, included, sounds left out, whole State)
        self.scopes: dict[str, list[tuple[int, AuthorityRec, JurisdictionRec, str,
                                          frozenset[str], bool]]] = {}
        self.located: dict[str, list[int]] = {}
        for n, ra in enumerate(catalog.authorities):
            for j in ra.jurisdictions:
                if _MERGER_WORDS.search(j.scope):
                    continue
                included, left_out = _split_except(j.scope)
                whole = included.removeprefix("entire ").strip() == fold(j.state)
                self.scopes.setdefault(j.state, []).append(
                    (n, ra, j, included, frozenset(sound(i) for i in left_out), whole))
            if not counter(ra):
                for key in _located_keys(ra):
                    self.located.setdefault(key, []).append(n)
        # State -> entry positions in its scopes by each word of the included part, and those
        # every question about the State reads (a whole-State scope, one leaving places out):
        # a question reads only the entries that can name its district.
        self.by_word: dict[str, dict[str, list[int]]] = {}
        self.always: dict[str, list[int]] = {}
        for state, entries in self.scopes.items():
            words: dict[str, list[int]] = {}
            for at, entry in enumerate(entries):
                if entry[5] or entry[4]:  # the whole State; places left out
                    self.always.setdefault(state, []).append(at)
                for word in set(entry[3].split()):  # the included part
                    words.setdefault(word, []).append(at)
            self.by_word[state] = words
        # State -> its own offices (no extension counters), in the catalog's order
        self.in_state: dict[str, list[AuthorityRec]] = {}
        self.position: dict[int, int] = {}  # id(office) -> its place in the catalog
        for n, ra in enumerate(catalog.authorities):
            self.position[id(ra)] = n
            if not counter(ra):
                self.in_state.setdefault(ra.state, []).append(ra)


def covering_district(
    catalog: Catalog, d: DistrictRec, coverage: Coverage | None = None
) -> list[Finding]:
    """What we know of the office covering `d`, strongest first; [] when nothing is known."""
    coverage = coverage or Coverage(catalog)
    names = {fold(d.name), *(fold(a) for a, kind in d.aliases if kind != "hindi")}
    sounds = {sound(n) for n in names}
    found: list[Finding] = []
    excluded: list[Finding] = []
    scopes: dict[int, list[tuple[AuthorityRec, JurisdictionRec, str, frozenset[str], bool]]] = {}
    entries = coverage.scopes.get(d.state, [])
    words = coverage.by_word.get(d.state, {})
    # only the entries that can name the district (the others add nothing), in their order
    read = {*coverage.always.get(d.state, ()),
            *(at for name in names if name for at in words.get(name.split()[0], ()))}
    for at in sorted(read):
        n, ra, j, included, left_out, whole = entries[at]
        scopes.setdefault(n, []).append((ra, j, included, left_out, whole))
    located = {n for name in names for n in coverage.located.get(name, ())}
    # In the order of the offices, as when every office was read: the others add nothing.
    listed = 0  # offices found so far (each office adds its findings at once)
    unlisted = 0  # offices said to cover it past the first MAX_LISTED: counted, not read out
    for n in sorted(scopes.keys() | located):
        ra = catalog.authorities[n]
        mine: list[Finding] = []
        listing = listed < MAX_LISTED
        for _ra, j, included, left_out, whole in scopes.get(n, ()):
            if left_out & sounds:
                excluded.append(Finding(EXCLUDED, ra, _date(j), j.source, j.scope))
            elif any(_names_in(name, included) for name in names) or whole:
                how = INFERRED if "inferred" in j.evidence_type.casefold() else STATED
                mine.append(Finding(how, ra, _date(j), j.source, j.scope))
                if not listing:
                    break
        if not listing and (mine or n in located):
            unlisted += 1
            continue
        found.extend(mine)
        if n in located and not mine:
            found.append(Finding(LOCATED, ra, "", ra.source))
        listed += bool(mine) or n in located
    if not found:
        found = _only_office(catalog, d.state, coverage)
    found = _follow_mergers(catalog, found)
    if not found:
        found = [Finding(UNNAMED, None, _date(j), j.source, j.scope)
                 for j in catalog.loose_jurisdictions
                 if j.state == d.state and any(_names_in(n, fold(j.scope)) for n in names)]
    # More offices said to cover one place than a reply can list: the first few, and a count.
    named = [f for f in found if f.office is not None]
    more = more_offices(len(named) - MAX_LISTED + unlisted)
    if len(named) > MAX_LISTED:
        shown = {id(f) for f in named[:MAX_LISTED]}
        found = [f for f in found if f.office is None or id(f) in shown]
    # An exclusion matters only beside an office still said to cover the place, and not once
    # the place's own office merged into it (the texts that left it out predate the merger).
    kept = {f.office.city for f in found if f.office is not None and f.how != MERGED}
    kept -= {f.office.city for f in found if f.office is not None and f.how == MERGED}
    return (found + [f for f in excluded if f.office is not None and f.office.city in kept]
            + more)


def covering_state(
    catalog: Catalog, state: str, coverage: Coverage | None = None
) -> list[Finding]:
    """The offices in `state` (merged ones followed) and those whose jurisdiction names it."""
    coverage = coverage or Coverage(catalog)
    # the offices in the State and those with a scope there, in the catalog's order
    offices = {n: ra for n, ra, *_rest in coverage.scopes.get(state, ())}
    offices.update((coverage.position[id(ra)], ra) for ra in coverage.in_state.get(state, ()))
    found: list[Finding] = []
    located = 0
    for _n, ra in sorted(offices.items()):
        if counter(ra):
            continue
        scopes = [j for j in ra.jurisdictions
                  if j.state == state and not _MERGER_WORDS.search(j.scope)]
        whole = next((j for j in scopes if _whole_state(j, state)), None)
        if whole is not None:
            found.append(Finding(WHOLE_STATE, ra, _date(whole), whole.source, whole.scope))
        elif ra.state == state:
            located += 1
            if located <= MAX_LISTED:
                found.append(Finding(LOCATED, ra, "", ra.source))
    found = _follow_mergers(catalog, found)
    if not found:
        found = [Finding(UNNAMED, None, _date(j), j.source, j.scope)
                 for j in catalog.loose_jurisdictions if j.state == state]
    return found + more_offices(located - MAX_LISTED)


def _only_office(catalog: Catalog, state: str, coverage: Coverage) -> list[Finding]:
    offices = coverage.in_state.get(state, [])
    live = {_successor(catalog, ra).city for ra in offices}
    if len(live) == 1:
        return [Finding(ONLY_OFFICE, offices[0], "", offices[0].source)]
    listed = [Finding(STATE_OFFICES, ra, "", ra.source) for ra in offices[:MAX_LISTED]]
    return listed + more_offices(len(offices) - len(listed))


def more_offices(count: int) -> list[Finding]:
    """The finding that `count` offices more than those listed exist (none if none)."""
    return [Finding(MORE_OFFICES, None, "", "", str(count))] if count > 0 else []


def _follow_mergers(catalog: Catalog, found: list[Finding]) -> list[Finding]:
    """Replace each closed office by the one it merged into (dated), keeping the order."""
    out: list[Finding] = []
    seen: set[tuple[int, str]] = set()  # (office, how): a State's many offices, read once each
    for f in found:
        office = f.office
        if office is not None and office.merged_into:
            successor = catalog.authority_by_city.get(office.merged_into)
            if successor is not None:
                f = Finding(MERGED, successor, office.merged_as_of, office.merged_source,
                            f.detail, via=office.city)
        key = (id(f.office), f.how)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _successor(catalog: Catalog, ra: AuthorityRec) -> AuthorityRec:
    merged = catalog.authority_by_city.get(ra.merged_into) if ra.merged_into else None
    return merged or ra


def _split_except(scope: str) -> tuple[str, list[str]]:
    """("punjab", ["amritsar", "roop nagar", "s a s nagar"]) for "Punjab except Amritsar, Roop
    Nagar and S.A.S. Nagar districts (...)": the places a State-wide scope leaves out."""
    if " except " not in scope:
        return fold(scope), []
    before, _sep, after = scope.split("(")[0].partition(" except ")
    items = re.split(r",|;| and ", after)
    return fold(before), [fold(re.sub(r"\bdistricts?\b", "", i)) for i in items if i.strip()]


def included_scope(scope: str) -> str:
    """The folded part of a scope that names what an office covers ("Punjab except Amritsar"
    -> "punjab"), so a place the scope leaves out is never read as covered."""
    return _split_except(scope)[0]


def _whole_state(j: JurisdictionRec, state: str) -> bool:
    """A scope that starts with the State's name ("Punjab except ...", "entire Punjab")."""
    included, _ = _split_except(j.scope)
    words = included.removeprefix("entire ").strip()
    return words == fold(state)


def _located_keys(ra: AuthorityRec) -> set[str]:
    """The folded place names an office sits in: its city, the place in brackets after it,
    and the city with "urban", "nagar", "suburban" or "city" after it."""
    city = fold(ra.city.split("(")[0])
    bracket = fold(ra.city.partition("(")[2])
    suffixed = {f"{city} {s}" for s in ("urban", "nagar", "suburban", "city")}
    return ({city, bracket} | suffixed) - {""}


def counter(ra: AuthorityRec) -> bool:
    """An extension counter is not a Regional Authority of its own."""
    return "extension counter" in ra.city.casefold()


def _date(j: JurisdictionRec) -> str:
    return j.as_of


def _names_in(name: str, text: str) -> bool:
    return bool(name) and f" {name} " in f" {text} "


# --- answers ---------------------------------------------------------------------------------

METRIC = "dgft_office"
# With no place asked about: the zonal offices, and every open office of our list.
ZONAL = "dgft_zonal_offices"
LISTED = "dgft_listed_offices"
HELPDESK = Contact(
    role="DGFT helpdesk",
    name="Directorate General of Foreign Trade — helpdesk on the DGFT website",
    address="https://www.dgft.gov.in",
    source="dgft.gov.in",
)


def finding_fact(f: Finding) -> Fact:
    """`metric` "dgft_office:<how>", `value` the office's city, `words` the closed office."""
    city = f.office.city if f.office is not None else ""
    return Fact(f"{METRIC}:{f.how}", city, f.as_of, f.source, f.detail, words=f.via)


def how_of(fact: Fact) -> str:
    return fact.metric.partition(":")[2] if fact.metric.startswith(METRIC) else ""


def office_contacts(findings: list[Finding]) -> tuple[Contact, ...]:
    """The covering offices' contacts (not those a source leaves the place out of). The offices'
    own status notes stay out: the findings say how each office relates to the place."""
    out: list[Contact] = []
    ends: set[str] = set()  # every ", ..." ending of the names so far
    for f in findings:
        ra = f.office
        if ra is None or f.how == EXCLUDED or f", {ra.city}" in ends:
            continue
        name = f"DGFT Regional Authority, {ra.city}"
        ends.update(name[i:] for i in range(len(name)) if name.startswith(", ", i))
        out.append(Contact(role="DGFT Regional Authority", name=name, email=ra.email,
                           phone=ra.phone, address=ra.address, source=ra.source))
    return (*out, HELPDESK)


def district_answer(
    catalog: Catalog, query: str, d: DistrictRec, coverage: Coverage | None = None
) -> Answer:
    findings = covering_district(catalog, d, coverage)
    return _answer(query, findings, (d.ref,), (catalog.state_by_id[d.state_id].ref,))


def state_answer(
    catalog: Catalog, query: str, state_id: int, coverage: Coverage | None = None
) -> Answer:
    state = catalog.state_by_id[state_id]
    return _answer(query, covering_state(catalog, state.name, coverage), (), (state.ref,))


def _answer(
    query: str, findings: list[Finding], districts: tuple[DistrictRef, ...],
    states: tuple[StateRef, ...],
) -> Answer:
    facts = tuple(finding_fact(f) for f in findings)
    contacts = office_contacts(findings)
    sources = []
    for source in (*(f.source for f in findings), *(c.source for c in contacts)):
        if source and source not in sources:
            sources.append(source)
    return Answer(query=query, intent="dgft_office", districts=districts, states=states,
                  facts=facts, contacts=contacts, sources=tuple(sources))
