"""Long lists of products, ranked once per catalog in the order an answer lists them, and read
a page at a time.

A question about a common word ("handloom", "GI products") matches thousands of products, and a
chat shows fifteen of them. Sorting the whole match for every question made the work grow with
the catalog; instead every product gets its rank in answer order (State, district, name) once,
when the engine is built, and a question reads its page by walking the ranked list until it has
the page (a dense match finds it in a few dozen steps) or, for a small match, by sorting that
match's ranks. The totals a page's header shows (products, districts, States) are counted from
the match in C, never through a per-product Python loop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import compress, groupby, islice
from operator import attrgetter, itemgetter
from typing import TypeVar

from knowledge.answer import ProductFact

# A list of products answers in this order (the key made in C, not per product in Python).
ANSWER_ORDER = attrgetter("state", "district", "name")
_NAME = attrgetter("name")
_T = TypeVar("_T")


@dataclass(frozen=True)
class Summary:
    """What the header and buttons of a page say about the whole list."""

    items: int  # products
    districts: int  # distinct districts
    states: tuple[str, ...]  # distinct States, in answer order
    gi: bool  # every product is GI-tagged
    names: int  # distinct product names, counted up to 2 (one or several)


_NONE: frozenset[int] = frozenset()
# A match this small is sorted by rank to find a page; a larger one is found by stretches of
# this many ranks (Ranking.window).
_SORTED = 256
_STRETCH = 256


class Ranking:
    """The products of one catalog (by their position in it) in answer order, with the sets
    a product list question narrows by: a State's products, the GI-tagged ones."""

    def __init__(self, products: Sequence[ProductFact]) -> None:
        self.order: list[int] = _answer_order(products)
        self.rank: list[int] = sorted(range(len(products)), key=self.order.__getitem__)
        self._products = products
        self._district = list(map(attrgetter("district_id"), products))
        # each product's stretch of the ranked list (window)
        self._stretch = [r // _STRETCH for r in self.rank]
        self._state = list(map(attrgetter("state"), products))
        # A State's products are one run of the ranked list (State leads the order).
        self._state_order: dict[str, list[int]] = {}
        self._state_set: dict[str, frozenset[int]] = {}
        for state, run in groupby(self.order, self._state.__getitem__):
            ranked = list(run)
            self._state_order[state] = ranked
            self._state_set[state] = frozenset(ranked)
        self.gi = frozenset(compress(range(len(products)), map(attrgetter("gi"), products)))
        # "GI products" is one fixed list: its totals are counted here, once.
        self._gi_summary = self._summary(self.gi)

    def in_state(self, ids: Set[int], state: str) -> Set[int]:
        """The products of `ids` listed in the State named `state`."""
        return ids & self._state_set.get(state, _NONE)

    def districts_of(self, ids: Set[int]) -> set[int]:
        """The districts (ids) that list the products `ids`."""
        return set(_pick(self._district, ids))

    def in_districts(self, ids: Set[int], districts: Set[int]) -> Set[int]:
        """The products of `ids` listed in one of `districts` (ids)."""
        if not districts:
            return _NONE
        ranked = list(ids)
        return set(compress(ranked, map(districts.__contains__,
                                        map(self._district.__getitem__, ranked))))

    def first_places(self, ids: Set[int], places: int) -> list[int]:
        """The first of `ids` in the catalog's order, up to the first product of a district
        beyond the first `places` districts they name."""
        out: list[int] = []
        seen: set[int] = set()
        for i in sorted(ids):
            district = self._district[i]
            if district not in seen:
                if len(seen) == places:
                    break
                seen.add(district)
            out.append(i)
        return out

    def ordered(self, ids: Set[int]) -> list[int]:
        """All of `ids` in answer order."""
        return sorted(ids, key=self.rank.__getitem__)

    def window(self, ids: Set[int], start: int, stop: int, state: str | None = None) -> list[int]:
        """The products of `ids` at positions start..stop-1 in answer order; `state`: the
        State that lists all of them, if one does.

        A small match is sorted by rank. A larger one is first looked for by walking the
        ranked list (of that State, or of the catalog) for a few times as many steps as an
        even spread of the match would need, when that is fewer steps than the match has
        products: a dense match ("handloom") has its page within them. A match far down the
        list, or a sparse one, is walked as far from its first product: a match bunched
        there ("turmeric": a few districts' copies) has its page within those steps.
        Otherwise ("oil": spread over a few States) it is counted by stretches of the ranked
        list (_STRETCH ranks each, counted in C) and only the stretches holding the page are
        walked. No match is sorted whole.
        """
        m = len(ids)
        if not m or start >= m:
            return []
        if m <= _SORTED:
            ranks = sorted(map(self.rank.__getitem__, ids))
            return [self.order[r] for r in ranks[start:stop]]
        scope = self.order if state is None else self._state_order.get(state, [])
        budget = 4 * stop * len(scope) // m + _STRETCH
        if budget < m:  # (a walk that long costs less than reading the match)
            found = list(islice(filter(ids.__contains__, islice(scope, budget)), start, stop))
            if len(found) == stop - start or budget >= len(scope):
                return found
        # A match bunched far down the list (the copies of one district sit together) is
        # walked from its first product: found in C, one step per product matched.
        first = min(_pick(self.rank, ids))
        found = list(islice(filter(ids.__contains__, self.order[first : first + budget]),
                            start, stop))
        if len(found) == stop - start or first + budget >= len(self.order):
            return found
        counts = Counter(map(self._stretch.__getitem__, ids))
        out: list[int] = []
        skip = start  # matches before the page, in the stretches not yet passed
        for stretch in sorted(counts):
            if skip >= counts[stretch]:
                skip -= counts[stretch]
                continue
            ranked = self.order[stretch * _STRETCH : (stretch + 1) * _STRETCH]
            out += list(filter(ids.__contains__, ranked))[skip : skip + stop - start - len(out)]
            skip = 0
            if len(out) == stop - start:
                break
        return out

    def summary(
        self, ids: Set[int], state: str | None = None, *, states: bool = True
    ) -> Summary:
        """The totals of the list of `ids`; `state`: the State that lists all of them;
        without `states`, its States are not read (left empty)."""
        if ids is self.gi:
            return self._gi_summary
        return self._summary(ids, state, states)

    def _summary(self, ids: Set[int], state: str | None = None, states: bool = True) -> Summary:
        names = map(_NAME, map(self._products.__getitem__, ids))
        first = next(names, None)
        return Summary(
            items=len(ids),
            districts=len(self.districts_of(ids)),
            states=(state,) if state is not None and ids else tuple(
                sorted(set(_pick(self._state, ids)))) if states else (),
            gi=ids <= self.gi,
            names=0 if first is None else 1 if all(map(first.__eq__, names)) else 2,
        )


def _pick(values: list[_T], positions: Set[int]) -> Sequence[_T]:
    """values[i] for each of `positions`, in their order: one C call (itemgetter) for a
    long match, a quarter faster than mapping list.__getitem__."""
    if len(positions) < 2:
        return [values[i] for i in positions]
    return itemgetter(*positions)(values)  # type: ignore[no-any-return]


def _answer_order(products: Sequence[ProductFact]) -> list[int]:
    """The positions of `products` sorted by ANSWER_ORDER, ties in the catalog's order (as
    a stable sort of the matched products, taken in catalog order, always had them).

    The key is the three fields joined by NUL, which sorts as the tuple does (NUL is below
    every character, so a shorter field sorts first) and compares as one string, several
    times faster than tuples; a field holding a NUL itself gets the tuple key.
    """
    keys = list(map(ANSWER_ORDER, products))
    joined = list(map("\0".join, keys))
    if "".join(joined).count("\0") == 2 * len(joined):
        return sorted(range(len(products)), key=joined.__getitem__)
    return sorted(range(len(products)), key=keys.__getitem__)
