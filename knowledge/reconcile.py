"""Reconcile rows of the ODOP product list to the districts already in the knowledge base.

A source writes one district several ways ("Shivamogga (Shimoga)", "West Godavari District",
"Karimnager") and gives LGD codes that contradict the name. A row is placed by exact name or
source alias first, then by its LGD code, a former name or a clearly closest spelling; every such
decision is kept as an Issue, and a row that fits nothing is an error: a district is never
invented.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.store import DistrictRow

SECTORS = (
    "Agriculture", "Handicraft", "Manufacturing", "Food Processing", "Textile", "Handloom",
    "Marine", "Dairy", "Others",
)
# A fuzzy district guess needs this rapidfuzz ratio (0-100) on space-free names, and must beat
# the next district by a clear margin; below that the row is an error, never a guess.
FUZZY_CUTOFF = 90.0
FUZZY_MARGIN = 5.0
# When the row's LGD code names a district of the same State, a looser likeness suffices.
LGD_NAME_CUTOFF = 70.0


# --- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Row:
    """One data record of the file, trimmed and typed but not yet reconciled."""

    line: int
    state: str
    district: str
    lgd_code: int | None
    product: str
    category: str
    sector: str
    description: str
    gi: bool
    ministry: str


@dataclass(frozen=True)
class Placed:
    row: Row
    district: DistrictRow


class Unplaced(Exception):
    """A row fits no district (or more than one); it becomes an error Issue."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


# --- names -----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a Latin-script name."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def compact(text: str) -> str:
    return normalise(text).replace(" ", "")


def name_variants(name: str) -> list[str]:
    """The ways a source writes one district: "Shivamogga (Shimoga)", "West Godavari District"."""
    variants = [name]
    bracket = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*(.*)", name)
    if bracket:
        # "Bengaluru (Bangalore) Urban" is also "Bangalore Urban", never plain "Bangalore"
        before, inside, after = (part.strip() for part in bracket.groups())
        variants += [f"{before} {after}".strip(), f"{inside} {after}".strip()]
    variants.extend(re.sub(r"\s+district$", "", v, flags=re.I) for v in list(variants))
    seen: list[str] = []
    for v in variants:
        if v and compact(v) and compact(v) not in {compact(s) for s in seen}:
            seen.append(v)
    return seen


def likeness(name: str, other: str) -> float:
    """Best rapidfuzz ratio between any variants of the two names, ignoring spaces."""
    targets = [compact(o) for o in name_variants(other)]
    # A name in another script has no Latin variants to compare: it is simply not alike.
    return max((fuzz.ratio(compact(v), t) for v in name_variants(name) for t in targets),
               default=0.0)


class DistrictIndex:
    """Districts by State, name, source alias and LGD code, for reconciling rows."""

    def __init__(self, rows: list[DistrictRow]) -> None:
        self.by_state: dict[str, list[DistrictRow]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[DistrictRow]] = defaultdict(list)
        self.by_unverified: dict[tuple[str, str], list[DistrictRow]] = defaultdict(list)
        self.by_lgd = {d.lgd_code: d for d in rows if d.lgd_code is not None}
        for d in rows:
            self.by_state[d.state].append(d)
            self._add(self.by_name, d, d.name)
            for alias, kind in d.aliases:
                if kind == "source":
                    self._add(self.by_name, d, alias)
                elif kind == "unverified":
                    self._add(self.by_unverified, d, alias)

    @staticmethod
    def _add(table: dict[tuple[str, str], list[DistrictRow]], d: DistrictRow, name: str) -> None:
        bucket = table[(d.state, normalise(name))]
        if d not in bucket:
            bucket.append(d)

    def named(self, state: str, name: str) -> list[DistrictRow]:
        return self.by_name.get((state, normalise(name)), [])

    def fuzzy(self, state: str, name: str) -> tuple[DistrictRow, float] | None:
        """The one district of `state` whose name or alias is clearly closest, if close enough."""
        scored: dict[int, tuple[DistrictRow, float]] = {}
        for d in self.by_state.get(state, []):
            names = [d.name, *(a for a, kind in d.aliases if kind != "hindi")]
            score = max(likeness(name, n) for n in names)
            scored[d.id] = (d, score)
        ranked = sorted(scored.values(), key=lambda pair: -pair[1])
        if not ranked or ranked[0][1] < FUZZY_CUTOFF:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - FUZZY_MARGIN:
            return None
        return ranked[0]


# --- reconciling rows to districts -----------------------------------------------------------


def resolve_state(name: str, states: list[str]) -> tuple[str | None, bool]:
    """(canonical State, whether it was a guess) for a State as a source spells it.

    The portal writes "Dadra & Nagar Haveli (UT) / Daman & Diu (UT)" for the merged UT, so a
    close spelling is accepted as a reported guess; anything less is no State at all.
    """
    exact = next((s for s in states if normalise(s) == normalise(name)), None)
    if exact is not None:
        return exact, False
    ranked = sorted(((likeness(name, s), s) for s in states), reverse=True)
    if not ranked or ranked[0][0] < FUZZY_CUTOFF:
        return None, False
    if len(ranked) > 1 and ranked[1][0] > ranked[0][0] - FUZZY_MARGIN:
        return None, False
    return ranked[0][1], True


class Reconciler:
    """Places rows on districts of the knowledge base, collecting what it had to decide."""

    def __init__(self, index: DistrictIndex, states: list[str]) -> None:
        self.index = index
        self.states = states
        self.issues: list[Issue] = []
        self._state_cache: dict[str, tuple[str | None, bool]] = {}

    def state(self, row: Row) -> str:
        if row.state not in self._state_cache:
            self._state_cache[row.state] = resolve_state(row.state, self.states)
        name, guessed = self._state_cache[row.state]
        if name is None:
            raise Unplaced(row.line, f"State {row.state!r} is not one of the 36 States/UTs")
        if guessed:
            self._note(row, "state_guess", f"State {row.state!r} read as {name}")
        return name

    def place(self, row: Row) -> Placed:
        state = self.state(row)
        named = self.index.named(state, row.district)
        if len(named) > 1:  # two districts share a spelling: let the LGD code decide
            named = [d for d in named if d.lgd_code == row.lgd_code] or named
        if len(named) > 1:
            names = ", ".join(d.name for d in named)
            raise Unplaced(row.line, f"District {row.district!r} fits {names} ({state})")
        if named:
            return self._placed(row, state, named[0])
        return self._guess(row, state)

    def _guess(self, row: Row, state: str) -> Placed:
        where = f"District {row.district!r} ({state})"
        by_code = self.index.by_lgd.get(row.lgd_code) if row.lgd_code is not None else None
        if (by_code is not None and by_code.state == state
                and likeness(row.district, by_code.name) >= LGD_NAME_CUTOFF):
            self._note(row, "district_guess", f"{where} read as {by_code.name}: LGD code "
                       f"{row.lgd_code} is {by_code.name}'s and the names are alike")
            return Placed(row, by_code)
        former = self.index.by_unverified.get((state, normalise(row.district)), [])
        if len(former) == 1:
            self._note(row, "district_guess", f"{where} read as {former[0].name}: "
                       "a former/alternate name (unverified)")
            return self._placed(row, state, former[0])
        fuzzy = self.index.fuzzy(state, row.district)
        if fuzzy is not None:
            district, score = fuzzy
            self._note(row, "district_guess",
                       f"{where} read as {district.name} (spelling {score:.0f}% alike)")
            return self._placed(row, state, district)
        raise Unplaced(row.line, f"{where} matches no district of {state} by name, alias, "
                       "LGD code or close spelling; a district is never invented")

    def _placed(self, row: Row, state: str, district: DistrictRow) -> Placed:
        code = row.lgd_code
        if code is not None and code != district.lgd_code:
            self._code_conflict(row, state, district, code)
        if row.sector not in SECTORS:
            self._note(row, "new_sector", f"Sector {row.sector!r} is not a known sector; kept")
        return Placed(row, district)

    def _code_conflict(self, row: Row, state: str, district: DistrictRow, code: int) -> None:
        given = f"LGD code {code} given for {row.district} ({state})"
        other = self.index.by_lgd.get(code)
        if other is not None:
            self._note(row, "lgd_conflict", f"{given} belongs to {other.name} ({other.state}); "
                       f"used {district.name} by name")
        elif district.lgd_code is None:
            self._note(row, "lgd_not_in_snapshot", f"{given} is not in the LGD snapshot; "
                       f"matched {district.name} by name (code not stored)")
        else:
            self._note(row, "lgd_conflict", f"{given} is not in the LGD snapshot, which gives "
                       f"{district.name} {district.lgd_code}; used {district.name} by name")

    def _note(self, row: Row, kind: str, message: str) -> None:
        self.issues.append(Issue(row.line, kind, message))


def reconcile(
    rows: list[Row], index: DistrictIndex, states: list[str]
) -> tuple[list[Placed], list[Issue], list[Issue]]:
    """Place every row: (placed rows, conflicts and guesses, errors)."""
    reconciler = Reconciler(index, states)
    placed: list[Placed] = []
    errors: list[Issue] = []
    for row in rows:
        try:
            placed.append(reconciler.place(row))
        except Unplaced as exc:
            errors.append(Issue(exc.line, "error", exc.reason))
    return placed, reconciler.issues, errors
