"""What is loaded and how good it is: `odop-bot kb stats` and `odop-bot kb check`."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from knowledge import store
from knowledge.catalog import DistrictRec, PlanRec
from knowledge.models import ImportIssue
from knowledge.reconcile import compact


def kb_stats(session: Session) -> dict[str, int]:
    """Row counts of the knowledge base, for `odop-bot kb stats`."""
    return store.counts(session)


def check_report(session: Session) -> str:
    """The data-quality report of what is loaded, for `odop-bot kb check`."""
    catalog = store.load_catalog(session)
    meta = catalog.meta
    lines = [
        f"Products: {meta.get('products_file', 'none imported')} (as of "
        f"{meta.get('products_as_of', '?')}, imported {meta.get('products_imported_at', '?')})",
    ]
    lines += _issue_section(store.import_issues(session))
    with_products = set(catalog.products_by_district)
    lines += _list_section(
        "Districts without products",
        [f"{d.name} ({d.state})" for d in catalog.districts if d.id not in with_products],
    )
    uncoded = [d for d in catalog.districts if d.lgd_code is None and d.id in with_products]
    lines += _list_section(
        "Districts with products but no LGD code (not in the LGD snapshot)",
        [f"{d.name} ({d.state}): {len(catalog.products_by_district[d.id])} products"
         for d in uncoded],
    )
    lines += _list_section(
        "Districts without a Hindi name",
        [f"{d.name} ({d.state})" for d in catalog.districts if not d.name_hi],
    )
    lines += _list_section(
        "DGFT offices without any contact (address, phone or e-mail)",
        [a.city for a in catalog.authorities if not (a.address or a.phone or a.email)],
    )
    lines += _plan_coverage(catalog.plans, len(catalog.districts))
    lines += _list_section("Districts whose names differ only in spacing or punctuation",
                           _look_alike_districts(catalog.districts))
    return "\n".join(lines)


def _issue_section(issues: list[ImportIssue]) -> list[str]:
    by_kind: dict[str, list[ImportIssue]] = defaultdict(list)
    for issue in issues:
        by_kind[issue.kind].append(issue)
    lines = [f"Recorded import and seed issues: {len(issues)}"]
    for kind in sorted(by_kind):
        lines.append(f"  {kind} ({len(by_kind[kind])}):")
        lines.extend(f"    line {i.line}: {i.message}" for i in by_kind[kind])
    return lines


def _list_section(title: str, items: list[str]) -> list[str]:
    return [f"{title}: {len(items)}", *(f"  {item}" for item in items)]


def _plan_coverage(plans: list[PlanRec], total: int) -> list[str]:
    statuses: dict[str, set[int]] = defaultdict(set)
    for plan in plans:
        statuses[plan.status].add(plan.district_id)
    covered = len({p.district_id for p in plans})
    lines = [f"Export plan status known for {covered} of {total} districts "
             f"({len(plans)} evidence rows)"]
    lines += [f"  {status}: {len(ids)} districts" for status, ids in sorted(statuses.items())]
    both = statuses.get("notified", set()) & (statuses.get("draft", set())
                                              | statuses.get("unknown", set()))
    if both:
        lines.append(f"  {len(both)} districts have conflicting evidence (notified and "
                     "draft/unknown); both are kept")
    return lines


def _look_alike_districts(districts: list[DistrictRec]) -> list[str]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in districts:
        groups[(d.state, compact(d.name))].append(d.name)
    return [f"{' / '.join(names)} ({state})" for (state, _), names in sorted(groups.items())
            if len(names) > 1]
