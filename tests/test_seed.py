"""Seeding the knowledge base from knowledge/data/ (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from knowledge import store
from knowledge.db import has_tables
from knowledge.importer import ImportFailed
from knowledge.models import (
    Committee,
    District,
    Faq,
    ImportIssue,
    IndustriesOffice,
    Jurisdiction,
    PlanEvidence,
    RegionalAuthority,
    State,
)
from knowledge.seed import DATA_DIR, PRODUCTS_FILE, ensure_seeded, source_aliases


def district(s: Session, state: str, name: str) -> District:
    return s.scalars(
        select(District).join(State).where(State.name == state, District.name == name)
    ).one()


def aliases(d: District, kind: str) -> set[str]:
    return {a.alias for a in d.aliases if a.kind == kind}


def test_ensure_seeded_loads_once(fresh_engine: Engine) -> None:
    started = time.perf_counter()
    assert ensure_seeded(fresh_engine) is True
    seconds = time.perf_counter() - started
    assert ensure_seeded(fresh_engine) is False
    with Session(fresh_engine) as s:
        counts = store.counts(s)
        meta = store.get_meta(s)
    assert seconds < 15
    assert {k: counts[k] for k in ("states", "districts", "products", "committees",
                                   "plan_evidence", "stats", "authorities", "councils")} == {
        "states": 36, "districts": 773, "products": 1241, "committees": 36 + 773,
        "plan_evidence": 29 + 110, "stats": 24, "authorities": 39, "councils": 30}
    assert counts["industries_offices"] == 18
    assert meta["products_file"] == PRODUCTS_FILE
    assert meta["products_as_of"] == "2025-07-07"
    assert meta["products_source"].startswith("ODOP product list V31")
    assert "seeded_at" in meta


def test_states_have_codes_and_unverified_hindi_names(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        states = list(s.scalars(select(State)))
    assert len(states) == 36
    assert all(st.lgd_code is not None and st.name_hi for st in states)
    assert {st.name: st.name_hi for st in states}["Bihar"] == "बिहार"


def test_districts_codes_and_aliases(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        assert len(list(s.scalars(select(District).where(District.lgd_code.is_(None))))) == 34
        anantapur = district(s, "Andhra Pradesh", "Anantapur")
        assert aliases(anantapur, "source") == {
            "Anantapuram (Anantapur)", "Ananthpuram (Anantapur)", "Anantapuram", "Ananthpuram"}
        assert aliases(anantapur, "unverified") == {"Anantapuramu"}
        assert "Mewat" in aliases(district(s, "Haryana", "Nuh"), "source")
        assert aliases(district(s, "Haryana", "Gurugram"), "unverified") == {"Gurgaon"}
        nicobars = district(s, "Andaman and Nicobar Islands", "Nicobars")
        assert (nicobars.lgd_code, nicobars.census2011_code) == (603, 638)
        census_missing = s.scalars(select(District).where(District.census2011_code.is_(None)))
        assert len(list(census_missing)) == 132


def test_source_aliases_split_parentheses_and_skip_the_name() -> None:
    assert source_aliases("Belagavi", "Belagavi (Belgaum)") == ["Belagavi (Belgaum)", "Belgaum"]
    assert source_aliases("Kachchh", "Kachch") == ["Kachch"]
    assert source_aliases("Nuh", "") == []


def test_hindi_names_are_matched_and_marked_unverified(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        missing = list(s.scalars(select(District).where(District.name_hi.is_(None))))
        lakshadweep = district(s, "Lakshadweep", "Lakshadweep District")
        patna = district(s, "Bihar", "Patna")
        issues = {i.kind for i in s.scalars(select(ImportIssue))}
        assert missing == []
        assert lakshadweep.name_hi == "लक्षद्वीप"  # the Hindi file says "Lakshadweep"
        assert patna.name_hi == "पटना"
        assert "third-party" in (patna.name_hi_source or "")
        assert "पटना" in aliases(patna, "hindi")
        assert "seed:hindi_unmatched" not in issues


def test_plan_status_words_map_to_one_step_each(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        rows = s.execute(
            select(District.name, PlanEvidence.status, PlanEvidence.status_text)
            .join(District, PlanEvidence.district_id == District.id)
        ).all()
    by_district: dict[str, set[tuple[str, str]]] = {}
    for name, status, words in rows:
        by_district.setdefault(name, set()).add((status, words))
    assert by_district["Villupuram"] == {("draft", "draft")}
    # "published" is published: never promoted to "notified"
    assert ("published", "published") in by_district["East Godavari"]
    assert by_district["Thanjavur"] == {("draft", "document exists (status not stated)")}
    assert by_district["Erode"] == {("depc_met", "DEPC met; products identified")}
    assert by_district["Tirupati"] == {("in_preparation", "in preparation")}
    assert by_district["Kathua"] == {("draft", "draft"), ("published", "published (unveiled)")}
    assert by_district["Baramulla"] >= {("approved", "approved (by DC in DLEPC)")}
    assert all(step != "notified" for step, _ in set().union(*by_district.values()))


def test_state_and_national_evidence_rows(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        state_rows = s.execute(
            select(State.name, PlanEvidence.status).join(State, PlanEvidence.state_id == State.id)
            .where(PlanEvidence.district_id.is_(None))
        ).all()
        national = list(s.scalars(select(PlanEvidence).where(
            PlanEvidence.district_id.is_(None), PlanEvidence.state_id.is_(None))))
        placed = list(s.scalars(select(PlanEvidence).where(PlanEvidence.district_id.is_not(None))))
    assert len(state_rows) == 12
    assert ("Uttar Pradesh", "draft") in state_rows  # plans prepared for 60 districts
    assert ("Jammu and Kashmir", "published") in state_rows
    assert len(national) == 2
    assert all(p.state_id is not None for p in placed)


def test_a_plan_row_that_fits_no_district_rejects_the_seed(fresh_engine: Engine,
                                                           tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    more = data / "plan_status_evidence_more.csv"
    more.write_text(more.read_text(encoding="utf-8").replace("Namsai,Arunachal", "Nowhere,"
                                                             "Arunachal", 1), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"'Nowhere'.*1 rows could not be placed"):
        ensure_seeded(fresh_engine, data)
    # The tables are created in the seeding transaction, so they go too: nothing half-done.
    assert not has_tables(fresh_engine, ["plan_evidence"])


def test_dgft_office_mergers_are_dated_data(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        offices = {a.city: a for a in s.scalars(select(RegionalAuthority))}
        loose = list(s.scalars(select(Jurisdiction).where(Jurisdiction.authority_id.is_(None))))
        issues = [i.kind for i in s.scalars(select(ImportIssue))]
    merged = {city: (a.merged_into, a.merged_as_of) for city, a in offices.items()
              if a.merged_into}
    assert merged == {"Amritsar": ("Ludhiana", "2019-10"), "Belagavi": ("Bengaluru", "2020-01"),
                      "Panaji (Goa)": ("Mumbai", "2019"), "Puducherry": ("Chennai", "2019")}
    assert "tribuneindia" in offices["Amritsar"].merged_source
    assert "financialexpress" in offices["Amritsar"].merged_source
    # the trade notice and the two Arunachal rows name no office: kept, and reported
    assert sorted(j.state for j in loose) == ["(all India)", "Arunachal Pradesh",
                                              "Arunachal Pradesh"]
    assert issues.count("seed:ra_unplaced") == 3


def test_industries_offices_are_placed_on_districts_and_states(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        rows = s.execute(
            select(State.name, District.name, IndustriesOffice.office, IndustriesOffice.phone)
            .join(State, IndustriesOffice.state_id == State.id)
            .outerjoin(District, IndustriesOffice.district_id == District.id)
        ).all()
    places = {(state, district) for state, district, _o, _p in rows}
    assert ("Meghalaya", "Ri Bhoi") in places
    assert ("Tamil Nadu", "The Nilgiris") in places
    assert ("Chhattisgarh", None) in places
    assert len(rows) == 18


def test_regional_authorities_and_the_indore_counter(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        offices = {a.city: a for a in s.scalars(select(RegionalAuthority))}
        indore = offices["Indore (extension counter)"]
        chennai = offices["Chennai"]
        assert not any(a.state_verified for a in offices.values())
        assert indore.state == "Madhya Pradesh"
        assert [j.scope for j in indore.jurisdictions] == ["extension counter, not a full RA"]
        assert chennai.phone == "044-28283400"
        assert len(chennai.jurisdictions) == 4
        created = s.scalars(select(ImportIssue).where(ImportIssue.kind == "seed:ra_created"))
        assert [i.line for i in created] == [11]


def roles(s: Session, kind: str, state: str, name: str | None = None) -> list[tuple[str, ...]]:
    stmt = select(Committee).join(State, Committee.state_id == State.id).where(
        Committee.kind == kind, State.name == state)
    if name is None:
        stmt = stmt.where(Committee.district_id.is_(None))
    else:
        stmt = stmt.join(District, Committee.district_id == District.id).where(
            District.name == name)
    committee = s.scalars(stmt).one()
    return [(r.role, r.basis, r.holder, r.as_of) for r in committee.roles]


def test_committees_carry_rule_and_reported_roles(db_engine: Engine) -> None:
    with Session(db_engine) as s:
        patna = roles(s, "DEPC", "Bihar", "Patna")
        erode = roles(s, "DEPC", "Tamil Nadu", "Erode")
        kathua = roles(s, "DEPC", "Jammu and Kashmir", "Kathua")
        tamil_nadu = roles(s, "SEPC", "Tamil Nadu")
        bihar = roles(s, "SEPC", "Bihar")
    assert patna == [
        ("chair", "rule", "District Collector / DM / DC of Patna", "2023"),
        ("co-chair", "rule", "designated DGFT Regional Authority", "2023"),
        ("convener", "rule", "General Manager, District Industries Centre (DIC), Patna", "2023"),
    ]
    # the Joint DGFT attended Erode's committee meeting: attendance, never "co-chair"
    assert [r for r in erode if r[1] == "reported"] == [
        ("attended a meeting", "reported", "Joint DGFT, Coimbatore (at the district committee's "
         "meeting that identified seven products)", "2020-10")]
    assert ("chair", "reported", "Deputy Commissioner, Kathua", "2023-07") in kathua
    assert ("chair", "reported", "Chief Secretary, Tamil Nadu", "2021-10") in tamil_nadu
    assert bihar == []  # not reported anywhere: the bot says it does not know


def test_faq_file_is_loaded_when_present(tmp_path: Path) -> None:
    from knowledge.db import connect

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "faq.csv").write_text(
        "topic,question,answer,source,as_of\n"
        "what-is-odop,What is ODOP?,One District One Product.,https://example.org/odop,2024\n",
        encoding="utf-8",
    )
    engine = connect(f"sqlite:///{tmp_path / 'faq.sqlite3'}")
    assert ensure_seeded(engine, data)
    with Session(engine) as s:
        faqs = list(s.scalars(select(Faq)))
    engine.dispose()
    assert [(f.topic, f.as_of) for f in faqs] == [("what-is-odop", "2024")]


def test_a_bad_product_file_leaves_the_database_empty(fresh_engine: Engine,
                                                       tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    product_file = data / PRODUCTS_FILE
    product_file.write_bytes(product_file.read_bytes().replace(b",No,", b",Nope,", 1))
    with pytest.raises(ImportFailed, match="GI Status 'Nope'"):
        ensure_seeded(fresh_engine, data)
    # The tables are created in the seeding transaction, so they go too: nothing half-done.
    assert not has_tables(fresh_engine, ["districts"])
    assert ensure_seeded(fresh_engine) is True  # a later good start still seeds
    with Session(fresh_engine) as s:
        assert store.counts(s)["districts"] == 773


def _names(engine: Engine) -> dict[tuple[str, str], tuple[frozenset[tuple[str, str]], str | None]]:
    with Session(engine) as s:
        return {(d.state.name, d.name): (frozenset((a.alias, a.kind) for a in d.aliases),
                                         d.name_hi) for d in s.scalars(select(District))}


def test_names_shipped_later_reach_a_database_seeded_before_them(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    """An upgrade that ships a new former name, drops an alias and corrects a Hindi name
    brings a database seeded by the earlier version to the new names on its next start,
    once, keeping everything else (products, committees, plan rows)."""
    from knowledge import derived
    from knowledge.engine import Engine as Answerer
    from knowledge.models import Meta

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    hindi = data / "district_names_hi_unverified.csv"
    right = hindi.read_text(encoding="utf-8")
    assert ",Agra,आगरा," in right
    hindi.write_text(right.replace(",Agra,आगरा,", ",Agra,आगरे,"), encoding="utf-8")  # a slip
    assert ensure_seeded(fresh_engine, data) is True
    before = _names(fresh_engine)
    with Session(fresh_engine) as s:
        counts = store.counts(s)
        assert district(s, "Uttar Pradesh", "Agra").name_hi == "आगरे"

    # the next version: the slip corrected, a former name added, an alias dropped
    hindi.write_text(right, encoding="utf-8")
    extra = data / "aliases_extra.csv"
    lines = extra.read_text(encoding="utf-8").splitlines()
    assert "Uttar Pradesh,Varanasi,Benares,former/alternate name (general knowledge)" in lines
    lines.remove("Uttar Pradesh,Varanasi,Benares,former/alternate name (general knowledge)")
    lines.append("Uttar Pradesh,Agra,Akbarabad,former name (general knowledge)")
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Session(fresh_engine) as s:
        assert not derived.names_current(s, data)

    assert ensure_seeded(fresh_engine, data) is False  # not seeded again: refreshed
    after = _names(fresh_engine)
    with Session(fresh_engine) as s:
        agra = district(s, "Uttar Pradesh", "Agra")
        assert agra.name_hi == "आगरा"
        assert ("Akbarabad", "unverified") in {(a.alias, a.kind) for a in agra.aliases}
        assert "आगरे" not in {a.alias for a in agra.aliases}
        assert "Benares" not in aliases(district(s, "Uttar Pradesh", "Varanasi"), "unverified")
        assert store.counts(s) == counts  # names changed in place: nothing else
        assert derived.names_current(s, data)
        answer = Answerer(store.load_catalog(s)).ask("akbarabad ka odop kya hai")
    assert [d.name for d in answer.districts] == ["Agra"]
    # only those two districts changed
    assert {k for k in before if before[k] != after[k]} == {
        ("Uttar Pradesh", "Agra"), ("Uttar Pradesh", "Varanasi")}

    # current names are read, not refreshed, on the next start: a row added by hand stays
    with Session(fresh_engine) as s:
        varanasi = district(s, "Uttar Pradesh", "Varanasi")
        varanasi.name_hi = "वाराणसी (by hand)"
        s.commit()
    assert ensure_seeded(fresh_engine, data) is False
    with Session(fresh_engine) as s:
        assert district(s, "Uttar Pradesh", "Varanasi").name_hi == "वाराणसी (by hand)"
        # a database seeded before names had a digest is refreshed once, on its next start
        s.delete(s.get(Meta, "names_digest"))
        s.commit()
    assert ensure_seeded(fresh_engine, data) is False
    assert _names(fresh_engine) == after
