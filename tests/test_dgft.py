"""Which DGFT office covers a place: jurisdictions, dated mergers, honest unknowns."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from knowledge import dgft, store
from knowledge.catalog import Catalog
from knowledge.db import connect
from knowledge.engine import Engine
from knowledge.messages import text as text_of
from knowledge.reply import compose, to_text
from knowledge.wording import Words


@pytest.fixture(scope="module")
def catalog(seeded_sqlite_template: Path) -> Catalog:
    database = connect(f"sqlite:///{seeded_sqlite_template}")
    with Session(database) as session:
        loaded = store.load_catalog(session)
    database.dispose()
    return loaded


@pytest.fixture(scope="module")
def engine(catalog: Catalog) -> Engine:
    return Engine(catalog)


# question, place ("District|State" or "State"), findings as "how:office[<closed office]"
QUESTIONS = [
    # English
    ("which DGFT office covers Belagavi", "Belagavi|Karnataka", "merged:Bengaluru<Belagavi"),
    ("DGFT office for Amritsar", "Amritsar|Punjab", "merged:Ludhiana<Amritsar"),
    ("which regional authority covers Erode", "Erode|Tamil Nadu", "inferred:Coimbatore"),
    ("DGFT regional office for Thanjavur", "Thanjavur|Tamil Nadu", "stated:Chennai"),
    ("which dgft office covers north goa", "North Goa|Goa", "merged:Mumbai<Panaji (Goa)"),
    ("DGFT office Goa", "Goa", "merged:Mumbai<Panaji (Goa)"),
    ("DGFT jurisdiction Guntur", "Guntur|Andhra Pradesh", "stated:Vijayawada"),
    ("dgft office moradabad", "Moradabad|Uttar Pradesh", "located:Moradabad"),
    ("which DGFT office covers Darbhanga", "Darbhanga|Bihar", "only_office:Patna"),
    ("which dgft office covers Agra", "Agra|Uttar Pradesh",
     "state_offices:Kanpur state_offices:Moradabad state_offices:Varanasi"),
    ("DGFT office for Kangra", "Kangra|Himachal Pradesh", ""),
    ("DGFT office for Himachal Pradesh", "Himachal Pradesh", ""),
    ("DGFT office for Namsai", "Namsai|Arunachal Pradesh", "unnamed:"),
    ("which DGFT office covers Puducherry", "Puducherry", "merged:Chennai<Puducherry"),
    # Hinglish
    ("belagavi ka dgft office kaun sa hai", "Belagavi|Karnataka", "merged:Bengaluru<Belagavi"),
    ("amritsar ke liye dgft karyalay", "Amritsar|Punjab", "merged:Ludhiana<Amritsar"),
    ("erode ka dgft daftar konsa hai", "Erode|Tamil Nadu", "inferred:Coimbatore"),
    # Devanagari
    ("बेलगावी का डीजीएफटी कार्यालय कौन सा है", "Belagavi|Karnataka", "merged:Bengaluru<Belagavi"),
    ("अमृतसर का डीजीएफटी कार्यालय", "Amritsar|Punjab", "merged:Ludhiana<Amritsar"),
    ("गोवा का डीजीएफटी कार्यालय कौन सा है", "Goa", "merged:Mumbai<Panaji (Goa)"),
]


def findings_of(answer_facts: tuple[object, ...]) -> str:
    out = []
    for f in answer_facts:
        how = dgft.how_of(f)  # type: ignore[arg-type]
        via = getattr(f, "words", "")
        out.append(f"{how}:{getattr(f, 'value', '')}" + (f"<{via}" if via else ""))
    return " ".join(out)


@pytest.mark.parametrize(("question", "place", "expected"), QUESTIONS,
                         ids=[q for q, _p, _e in QUESTIONS])
def test_dgft_office_questions(engine: Engine, question: str, place: str,
                               expected: str) -> None:
    answer = engine.ask(question)
    assert answer.intent == "dgft_office"
    if "|" in place:
        district, state = place.split("|")
        assert [(d.name, d.state) for d in answer.districts] == [(district, state)]
    else:
        assert (answer.districts, [s.name for s in answer.states]) == ((), [place])
    assert findings_of(answer.facts) == expected
    assert answer.contacts[-1].address == "https://www.dgft.gov.in"
    assert all(f.source for f in answer.facts)


@pytest.mark.parametrize("question", [
    "DGFT contact Ludhiana", "contact moradabad", "who chairs the DEPC of Varanasi",
    "DEAP status Erode", "regional", "office", "DGFT office jaipur phone",
    "Give me the DGFT office contact for Surat",
])
def test_questions_that_are_not_about_the_dgft_office(engine: Engine, question: str) -> None:
    assert engine.ask(question).intent != "dgft_office"


def test_the_merger_is_dated_and_sourced_in_the_reply(engine: Engine) -> None:
    reply = to_text(compose(engine.ask("which DGFT office covers Belagavi"), "en"))
    assert ("DGFT Regional Authority, Bengaluru: since 2020-01 — the Belagavi office was closed "
            "and merged into it") in reply
    belgaum = "https://belgaumlive.com/2020/01/dgft-office-shifted-to-bangalore-from-belgaum"
    assert f"Source: {belgaum}" in reply
    assert "committee" not in reply.casefold()
    hindi = to_text(compose(engine.ask("बेलगावी का डीजीएफटी कार्यालय कौन सा है"), "hi"))
    assert "DGFT क्षेत्रीय प्राधिकरण, Bengaluru: 2020-01 से — Belagavi कार्यालय बंद" in hindi
    assert "https://www.dgft.gov.in" in hindi


def test_an_unknown_jurisdiction_says_so_and_points_to_dgft(engine: Engine) -> None:
    reply = to_text(compose(engine.ask("DGFT office for Kangra"), "en"))
    assert "Which DGFT office covers Kangra (Himachal Pradesh) is not in our sources." in reply
    assert "https://www.dgft.gov.in" in reply
    unknown_place = to_text(compose(engine.ask("which dgft office covers xyzpur"), "en"))
    assert "Name a district or State I know" in unknown_place
    assert "https://www.dgft.gov.in" in unknown_place


def test_a_source_leaving_a_place_out_is_shown_beside_the_one_including_it(
    catalog: Catalog,
) -> None:
    rupnagar = next(d for d in catalog.districts if d.name == "Rupnagar")
    found = [(f.how, f.office.city if f.office else "") for f in
             dgft.covering_district(catalog, rupnagar)]
    assert found == [("stated", "Ludhiana"), ("excluded", "Ludhiana")]


def test_old_exclusions_do_not_follow_a_merger(catalog: Catalog) -> None:
    amritsar = next(d for d in catalog.districts if d.name == "Amritsar")
    assert [f.how for f in dgft.covering_district(catalog, amritsar)] == ["merged"]


def test_a_button_rebuilds_the_answer(engine: Engine) -> None:
    belagavi = engine.ask("which DGFT office covers Belagavi").districts[0]
    again = engine.district(belagavi.id, "dgft_office")
    assert findings_of(again.facts) == "merged:Bengaluru<Belagavi"


def test_contact_answers_follow_the_merger_and_never_read_except_as_covered(
    engine: Engine,
) -> None:
    belagavi = [c for c in engine.ask("contact Belagavi").contacts
                if c.role == "DGFT Regional Authority"]
    assert [(c.name, c.note) for c in belagavi] == [
        ("DGFT Regional Authority, Bengaluru", "took over the closed Belagavi office (2020-01)")]
    amritsar = [c for c in engine.ask("DGFT contact Amritsar").contacts
                if c.role == "DGFT Regional Authority"]
    assert [c.name for c in amritsar] == ["DGFT Regional Authority, Ludhiana"]
    assert "closed Amritsar office" in amritsar[0].note
    hindi = to_text(compose(engine.ask("contact Belagavi"), "hi"))
    assert "बंद हुए बेळगावी (Belagavi) कार्यालय का काम इसने संभाला (2020-01)" in hindi


@pytest.fixture(scope="module")
def crowded(catalog: Catalog) -> Engine:
    """Uttar Pradesh with ten copies of each of its DGFT offices (renamed): far more offices
    than an answer should list one by one."""
    extra = [dataclasses.replace(ra, id=10_000 + k * 100 + n, city=f"{ra.city} {k}",
                                 jurisdictions=())
             for k in range(1, 11)
             for n, ra in enumerate(catalog.authorities) if ra.state == "Uttar Pradesh"]
    return Engine(dataclasses.replace(catalog, authorities=[*catalog.authorities, *extra]))


def _up_offices(catalog: Catalog) -> int:
    return sum(1 for ra in catalog.authorities if ra.state == "Uttar Pradesh"
               and "extension counter" not in ra.city.casefold())


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_state_with_many_offices_lists_a_few_and_counts_the_rest(
    crowded: Engine, lang: str
) -> None:
    total = _up_offices(crowded.catalog)
    assert total > dgft.MAX_LISTED
    answer = crowded.ask("which dgft office covers Agra")
    hows = [dgft.how_of(f) for f in answer.facts]
    assert hows.count(dgft.STATE_OFFICES) == dgft.MAX_LISTED
    [more] = [f for f in answer.facts if dgft.how_of(f) == dgft.MORE_OFFICES]
    assert int(more.note) == total - dgft.MAX_LISTED
    assert len([c for c in answer.contacts if c.role == "DGFT Regional Authority"]) \
        == dgft.MAX_LISTED
    text = to_text(compose(answer, lang))
    assert text_of(lang, "and_more", count=total - dgft.MAX_LISTED) in text

    whole = crowded.ask("DGFT office for Uttar Pradesh")
    located = [f for f in whole.facts if dgft.how_of(f) == dgft.LOCATED]
    assert len(located) == dgft.MAX_LISTED
    text = to_text(compose(whole, lang))
    assert text_of(lang, "dgft_more_offices", state=Words(whole, lang).state("Uttar Pradesh"),
                   count=total - dgft.MAX_LISTED) in text


def test_who_knows_lists_a_few_of_a_crowded_states_offices(crowded: Engine) -> None:
    answer = crowded.ask("agra export plan status")
    offices = [c for c in answer.contacts if c.role == "DGFT Regional Authority"]
    assert 0 < len(offices) <= dgft.MAX_LISTED
    assert answer.contacts[-1].name.startswith("Directorate General of Foreign Trade")


def test_a_state_with_few_offices_lists_them_all(engine: Engine) -> None:
    answer = engine.ask("which dgft office covers Agra")
    assert not [f for f in answer.facts if dgft.how_of(f) == dgft.MORE_OFFICES]


def test_many_offices_said_to_cover_one_place_are_listed_a_few_and_counted(
    catalog: Catalog,
) -> None:
    """Ten renamed copies of Tamil Nadu's offices, jurisdictions and all: Thanjavur is then
    said to be covered by eleven offices."""
    extra = [dataclasses.replace(ra, id=20_000 + k * 100 + n, city=f"{ra.city} {k}")
             for k in range(1, 11)
             for n, ra in enumerate(catalog.authorities) if ra.state == "Tamil Nadu"]
    crowded = Engine(dataclasses.replace(catalog, authorities=[*catalog.authorities, *extra]))
    single = [f for f in Engine(catalog).ask("DGFT regional office for Thanjavur").facts
              if dgft.how_of(f) == dgft.STATED]
    answer = crowded.ask("DGFT regional office for Thanjavur")
    stated = [f for f in answer.facts if dgft.how_of(f) == dgft.STATED]
    [more] = [f for f in answer.facts if dgft.how_of(f) == dgft.MORE_OFFICES]
    assert len(stated) == dgft.MAX_LISTED
    assert len(stated) + int(more.note) == 11 * len(single)
    status = crowded.ask("has the thanjavur export plan been published")
    offices = [c for c in status.contacts if c.role == "DGFT Regional Authority"]
    assert len(offices) == dgft.MAX_LISTED
