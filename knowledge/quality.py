"""What is loaded and how good it is: `odop-bot kb stats` and `odop-bot kb check`."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from knowledge import status, store
from knowledge.catalog import Catalog, DistrictRec, PlanRec
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
    lines += _plan_conflicts(catalog)
    lines += _list_section(
        "DGFT offices closed and merged into another",
        [f"{a.city} -> {a.merged_into} ({a.merged_as_of or 'undated'})"
         for a in catalog.authorities if a.merged_into],
    )
    lines += _list_section(
        "DGFT jurisdiction evidence that names no office",
        [f"{j.office_text} — {j.state}: {j.scope[:90]}" for j in catalog.loose_jurisdictions],
    )
    lines += _list_section(
        "Industries offices (DIC) without phone or e-mail",
        [f"{o.office} ({_office_place(catalog, o.state_id, o.district_id)})"
         for o in catalog.offices if not (o.phone or o.email)],
    )
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
    steps: dict[str, set[int]] = defaultdict(set)
    rows: dict[str, int] = defaultdict(int)
    for plan in plans:
        rows[plan.status] += 1
        if plan.district_id is not None:
            steps[plan.status].add(plan.district_id)
    district_rows = [p for p in plans if p.district_id is not None]
    covered = len({p.district_id for p in district_rows})
    weak = sum(status.is_weak(p.scope) for p in plans)
    lines = [f"Export plan evidence for {covered} of {total} districts ({len(district_rows)} "
             f"district rows, {len(plans) - len(district_rows)} State or national rows; "
             f"{weak} rows are news reports or sweeping statements: weak evidence)"]
    lines += [f"  {status.label(step)}: {rows[step]} rows, {len(steps[step])} districts"
              for step in status.ALL_STEPS if rows.get(step)]
    undated = sum(status.sort_date(p.as_of) is None for p in plans)
    lines.append(f"  undated rows (cannot be ordered): {undated}")
    return lines


def _plan_conflicts(catalog: Catalog) -> list[str]:
    """Districts where a later source says less than an earlier one: both are kept and shown."""
    found = []
    for d in catalog.districts:
        rows = catalog.plans_by_district.get(d.id, [])
        dated = [status.Dated(r.status, r.as_of, r.source) for r in rows
                 if status.is_step(r.status)]
        for c in status.conflicts(dated):
            found.append(f"{d.name} ({d.state}): {status.label(c.earlier.step)} "
                         f"({c.earlier.as_of}) then {status.label(c.later.step)} "
                         f"({c.later.as_of})")
    return _list_section("Conflicting plan evidence (a later source says less; both kept)",
                         found)


def _office_place(catalog: Catalog, state_id: int, district_id: int | None) -> str:
    if district_id is not None:
        return catalog.district_by_id[district_id].name
    return catalog.state_by_id[state_id].name


def _look_alike_districts(districts: list[DistrictRec]) -> list[str]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in districts:
        groups[(d.state, compact(d.name))].append(d.name)
    return [f"{' / '.join(names)} ({state})" for (state, _), names in sorted(groups.items())
            if len(names) > 1]
