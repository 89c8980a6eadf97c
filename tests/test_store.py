"""The store: the Catalog snapshot it reads, and writes that stay in the caller's transaction."""

from __future__ import annotations

import csv

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from knowledge import store
from knowledge.db import session_factory
from knowledge.models import District, ImportIssue, Product
from knowledge.seed import DATA_DIR


def faq_rows() -> int:
    """faq.csv is another engineer's file and optional: count whatever it holds."""
    path = DATA_DIR / "faq.csv"
    if not path.exists():
        return 0
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_load_catalog_fills_every_field(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        catalog = store.load_catalog(s)
    assert (len(catalog.states), len(catalog.districts), len(catalog.products)) == (36, 773, 1241)
    assert len(catalog.committees) == 809
    assert (len(catalog.plans), len(catalog.stats)) == (29 + 110, 24)
    assert (len(catalog.authorities), len(catalog.councils)) == (39, 30)
    assert len(catalog.faqs) == faq_rows()
    assert catalog.meta["products_as_of"] == "2025-07-07"
    assert set(catalog.products_by_district) == set(catalog.district_by_id)


def test_catalog_records_carry_names_codes_and_sources(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        catalog = store.load_catalog(s)
    nuh = next(d for d in catalog.districts if d.name == "Nuh")
    assert nuh.state == "Haryana"
    assert ("Mewat", "source") in nuh.aliases
    assert catalog.district_by_lgd[nuh.lgd_code] is nuh  # type: ignore[index]
    products = catalog.products_by_district[nuh.id]
    assert products
    assert all(p.state == "Haryana" and p.district == "Nuh" for p in products)
    assert all(p.source.startswith("ODOP product list V31") and p.as_of == "2025-07-07"
               for p in products)
    bihar = catalog.state_by_name["Bihar"]
    assert catalog.committees[("SEPC", bihar.id, None)] == ()
    depc = catalog.committees[("DEPC", nuh.state_id, nuh.id)]
    assert [r.basis for r in depc] == ["rule", "rule", "rule"]
    chennai = next(a for a in catalog.authorities if a.city == "Chennai")
    assert chennai.email.startswith("chennai-dgft@nic.in")
    assert len(chennai.jurisdictions) == 4
    assert any(a.closed for a in catalog.authorities if a.city == "Amritsar")


def test_writes_do_not_commit(db_engine: Engine) -> None:
    sessions = session_factory(db_engine)
    with sessions() as s:
        district_id = s.scalars(select(District.id).limit(1)).one()
        before = store.counts(s)["products"]
        store.add_products(s, [{
            "district_id": district_id, "name": "Uncommitted", "category": "Primary",
            "sector": "Agriculture", "gi": False, "ministry": "", "description": "",
            "source": "test", "as_of": "2025",
        }])
        store.set_meta(s, {"probe": "1"})
        assert store.counts(s)["products"] == before + 1
        s.rollback()
    with sessions() as s:
        assert store.counts(s)["products"] == before
        assert "probe" not in store.get_meta(s)


def test_replacing_import_issues_keeps_the_seed_ones(db_engine: Engine) -> None:
    with session_factory(db_engine).begin() as s:
        store.replace_import_issues(s, [(7, "lgd_conflict", "new")])
    with Session(db_engine) as s:
        issues = list(s.scalars(select(ImportIssue)))
    assert [(i.line, i.kind) for i in issues if not i.kind.startswith("seed:")] == [
        (7, "lgd_conflict")]
    assert any(i.kind == "seed:ra_created" for i in issues)


def test_update_and_delete_products_by_id(db_engine: Engine) -> None:
    with session_factory(db_engine).begin() as s:
        first, second = s.scalars(select(Product.id).order_by(Product.id).limit(2))
        store.update_products(s, [{"id": first, "gi": True, "sector": "Dairy"}])
        store.delete_products(s, [second])
    with Session(db_engine) as s:
        product = s.get(Product, first)
        assert product is not None
        assert (product.gi, product.sector) == (True, "Dairy")
        assert s.get(Product, second) is None
