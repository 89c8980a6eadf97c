"""The plan-status vocabulary: every evidence row maps to exactly one step, by rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge import status
from knowledge.status import Dated, classify, conflicts, sort_date

DATA = Path(__file__).parent.parent / "knowledge" / "data"
EVIDENCE_FILES = ("plan_status_evidence.csv", "plan_status_evidence_more.csv")

# Reviewed by hand: every distinct `status` text in the evidence files and the step it means.
# A new wording in a file fails test_every_status_text_is_reviewed until it is added here.
REVIEWED: dict[str, str] = {
    "draft": "draft",
    # a copy of a plan document exists; whether draft or final is not stated: draft at least
    "document exists (status not stated)": "draft",
    "published": "published",
    "in preparation": "in_preparation",
    # a State committee approved a *template* for the plans: the plan itself is in preparation
    "template approved (model plan)": "in_preparation",
    # the meeting is the furthest step (identification comes before it)
    "DEPC met; products identified": "depc_met",
    # unveiled is published, never "notified"
    "published (unveiled)": "published",
    "approved (by DC in DLEPC)": "approved",
    "approved (by DC)": "approved",
    # being finalised: a blueprint exists, it is not final yet
    "being finalised (DEPC meeting on finalising DEAP)": "draft",
    # the DEPC finalised the plan's *products*, not the plan (a later row has the draft)
    "finalised products under DEAP (3 products)": "identified",
    "in preparation (DLEPC discussed modalities for a detailed export promotion action "
    "plan)": "in_preparation",
    "draft DEAP placed before DLEPC": "draft",
    "finalised (DEPC consultative meeting to finalise DEAP)": "approved",
    "DEPC (zonal) meeting held; plan not yet stated": "depc_met",
    "approved (by DLEPC)": "approved",
    "draft (draft action plan presented to DEPC)": "draft",
    # a directive to prepare a plan: the meeting is the fact, preparation only ordered
    "DEPC meeting held; collector directed preparation of action plan": "depc_met",
    "DEPC meeting held (joint with PMFME); plan status not stated": "depc_met",
    "DEPC meeting held; GM directed to prepare district export plan": "depc_met",
    "DEPC meeting held; plan status not stated": "depc_met",
    "first DEPC meeting held; plan status not stated": "depc_met",
    # "discussed" does not say a plan exists
    "DEPC meeting held; action plan discussed": "depc_met",
    "export action plan prepared (presented to DEPC)": "draft",
    "DLEPC meeting held; plan status not stated": "depc_met",
    "action plan presented to DLEPC": "draft",
    # a DM's meeting on a consultant's report: neither a DEPC nor a plan is named
    "district ODOP/export meeting on E&Y export report": "none",
    "export action plan prepared (PPT shown to DEPC)": "draft",
    "District Export Council/DEPC meeting held; plan status not stated": "depc_met",
    # a committee formed has not met yet
    "export promotion committee formed; plan status not stated": "none",
    "district-level export promotion committee meeting held; plan status not stated":
        "depc_met",
    "shortlisted by GoI under Districts as Export Hubs (not a DEAP status)": "none",
    "designated District Export Hub (DEAP status not stated)": "none",
    "DEPC mandated; DEAP to be formulated (per DGFT template) and uploaded to Invest "
    "Meghalaya portal; no plan document seen": "none",
    # a portal *lists* a plan document (not seen): a document exists, never "approved"
    "DEAP document listed on state investment portal (document not seen; status draft/final "
    "not stated)": "draft",
    "DEPs prepared for 60 districts; rest pending": "draft",
    "DLEPCs (10-member, DM-chaired) formed in all districts; district export plans to be "
    "prepared": "none",
    "export plans being prepared for 7 of 8 districts": "in_preparation",
    "Centre preparing district export plans for all 13 districts": "in_preparation",
    "DLEPCs have prepared plan/strategy for export hub in each district": "draft",
    "action plans being prepared for the (new) districts; 26 districts selecting products":
        "in_preparation",
    # the *policy* was notified, not a plan
    "ODOP Policy 2024 (notified 2024-12-09) provides for DEAPs and DEPCs in 50 districts":
        "none",
    "district export hubs: phase 1 Jaipur and Jodhpur": "none",
    "each district to have its own export action plan (announcement)": "none",
    "district-level export promotion committee constituted in each district": "none",
    "DCs asked to be ready with district-specific action plan for one export product (ODOP)":
        "none",
    # launched is published, never "notified"
    "first District Export Plans launched (corroborates seed UT-wide rows)": "published",
    "DGFT to build online monitoring portal for DEAPs; RAs to update progress (FTP 2023)":
        "none",
    "nine States/UTs incl. Delhi, Tamil Nadu, Telangana, Karnataka, West Bengal, Maharashtra, "
    "Gujarat had set up State Level Export Promotion Committees": "none",
}


def evidence_rows() -> list[tuple[str, int, dict[str, str]]]:
    out = []
    for name in EVIDENCE_FILES:
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), start=2):
                out.append((name, n, row))
    return out


ROWS = evidence_rows()


def test_the_evidence_files_are_all_there() -> None:
    assert sum(1 for f, _n, _r in ROWS if f == EVIDENCE_FILES[0]) == 29
    assert sum(1 for f, _n, _r in ROWS if f == EVIDENCE_FILES[1]) == 110


@pytest.mark.parametrize(("file", "line", "row"), ROWS,
                         ids=[f"{f}:{n}" for f, n, _r in ROWS])
def test_every_row_maps_to_exactly_one_reviewed_step(
    file: str, line: int, row: dict[str, str]
) -> None:
    found = classify(row["status"], row["note"], row["evidence_scope"])
    assert found.step in status.ALL_STEPS
    assert found.why
    assert row["status"] in REVIEWED, f"{file}:{line}: review the new status {row['status']!r}"
    assert found.step == REVIEWED[row["status"]]


def test_every_status_text_is_reviewed_and_every_review_is_used() -> None:
    texts = {r["status"] for _f, _n, r in ROWS}
    assert texts == set(REVIEWED)


def test_rows_per_step_on_the_loaded_evidence() -> None:
    steps = [classify(r["status"], r["note"]).step for _f, _n, r in ROWS]
    # The five approved/finalised rows PROVENANCE.md names: Baramulla, Jammu, Papum Pare,
    # Darbhanga (and Srinagar's, which finalised products, not the plan: identified).
    approved = {r["district"] for _f, _n, r in ROWS if classify(r["status"]).step == "approved"}
    assert approved == {"Baramulla", "Jammu", "Papum Pare", "Darbhanga"}
    assert "notified" not in steps


@pytest.mark.parametrize(("text", "step"), [
    ("DEAP unveiled by the Lt Governor", "published"),
    ("plans released at a function", "published"),
    ("district export plan launched", "published"),
    ("DEAP notified by the DEPC", "notified"),
    ("approved by DC in DLEPC", "approved"),
    ("DEPC meeting held", "depc_met"),
    ("committee met to discuss the plan", "depc_met"),
    ("products identified", "identified"),
    ("plan being prepared", "in_preparation"),
    ("draft plan circulated for comments", "draft"),
    ("plan status not stated", "none"),
    ("", "none"),
])
def test_rules_on_the_sources_words(text: str, step: str) -> None:
    assert classify(text).step == step


def test_the_note_is_read_only_when_the_status_is_empty() -> None:
    assert classify("", note="DEAP unveiled by the LG").step == "published"
    assert classify("meeting on exports", note="plan approved").step == "none"


def test_the_order_and_its_helpers() -> None:
    assert status.STEPS == ("identified", "depc_met", "in_preparation", "draft", "approved",
                            "notified", "published")
    assert [status.rank(s) for s in status.ALL_STEPS] == list(range(8))
    assert status.at_least("published", "notified")
    assert not status.at_least("draft", "approved")
    assert status.highest(["draft", "depc_met", "none"]) == "draft"
    assert status.highest([]) == "none"
    with pytest.raises(KeyError):
        status.rank("finished")


def test_every_step_has_an_english_and_a_hindi_label() -> None:
    for step in status.ALL_STEPS:
        assert status.label(step, "en")
        hindi = status.label(step, "hi")
        assert any("\u0900" <= ch <= "\u097f" for ch in hindi)
        assert hindi != status.label(step, "en")
    assert status.label("published", "xx") == "published"


@pytest.mark.parametrize(("typed", "step"), [
    ("DEPC met", "depc_met"), ("depc_met", "depc_met"), ("Draft prepared", "draft"),
    ("approved by the DEPC", "approved"), ("notified", "notified"), ("published", "published"),
    ("in preparation", "in_preparation"), ("products identified", "identified"),
    ("अधिसूचित", "notified"), ("मसौदा तैयार", "draft"), ("finished", None), ("none", None),
])
def test_from_user(typed: str, step: str | None) -> None:
    assert status.from_user(typed) == step


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2022-07-15", "2022-07-15"),
    ("c. 2020-11-20/21 (reported 2020-11-22)", "2020-11-20"),
    ("2022 (posted online 2023-01-18)", "2022"),
    ("c. 2020-12 (Wednesday; exact day not recorded)", "2020-12"),
    ("undated (c. 2021)", None),
    ("undated", None),
    ("", None),
])
def test_sort_date(as_of: str, expected: str | None) -> None:
    assert sort_date(as_of) == expected


def test_a_later_source_saying_less_is_a_conflict() -> None:
    unveiled = Dated("published", "2022-07-15", "dailyexcelsior")
    draft = Dated("draft", "2023-07-27", "tvn-media")
    undated = Dated("identified", "undated", "blog")
    found = conflicts([draft, unveiled, undated])
    assert found == [status.Conflict(unveiled, draft)]
    # Jammu: unveiled UT-wide in 2022, approved by the DC in 2023 — approval ranks below
    # publication, so the later source says less
    approved = Dated("approved", "2023-12-23", "tribune")
    assert conflicts([unveiled, approved]) == [status.Conflict(unveiled, approved)]
    assert conflicts([draft, Dated("published", "2024", "x")]) == []
    # the same day, or a year that contains the earlier date, is not "later"
    assert conflicts([unveiled, Dated("draft", "2022-07-15", "x")]) == []
    assert conflicts([unveiled, Dated("draft", "2022", "x")]) == []


def test_weak_evidence() -> None:
    assert status.is_weak("district news (Hindi)")
    assert status.is_weak("zonal DEPC (multi-district)")
    assert status.is_weak("UT-wide statement (all 20 districts)")
    assert not status.is_weak("district document")
    assert not status.is_weak("state portal listing")
    assert not status.is_weak("officer update")
