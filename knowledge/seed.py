"""Load the curated reference data in knowledge/data/ into an empty database.

Everything goes in one transaction: either the whole knowledge base is there or none of it.
What could not be matched (a Hindi name, a plan's district) is recorded as an ImportIssue with
a "seed:" kind and shown by `odop-bot kb check`; nothing is guessed below a high score.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from knowledge import (
    activity,  # noqa: F401  (the bot's tables are part of the schema created on first use)
    store,
)
from knowledge.db import (
    create_schema,
    first_use_lock,
    has_tables,
    read_only,
    session_factory,
)
from knowledge.evidence import read_evidence
from knowledge.importer import import_products
from knowledge.models import (
    Base,
    Committee,
    CommitteeRole,
    District,
    DistrictAlias,
    ExportCouncil,
    Faq,
    FaqText,
    IndustriesOffice,
    Jurisdiction,
    PlanEvidence,
    RegionalAuthority,
    Stat,
    State,
)
from knowledge.normalise import fold
from knowledge.reconcile import DistrictIndex, Reconciler, Row, normalise, resolve_state
from knowledge.states_hi import STATE_NAMES_HI
from knowledge.store import DistrictRow

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
PRODUCTS_FILE = "odop_products_v31.csv"
PRODUCTS_SOURCE = (
    "ODOP product list V31 (DPIIT/Invest India ODOP portal export, "
    "20250707_ODOP_Products_V31.csv)"
)
PRODUCTS_AS_OF = "2025-07-07"

HBP_URL = (
    "http://eximkey.com/notification.php?Path=%2FSec%2FDGFT%2FHandBookofProcedures%2FHOP2023"
    "%2FHBPCHA03.htm&intId=56178"
)
HBP_SOURCE = f"Handbook of Procedures 2023, para 3.03 (read via {HBP_URL})"

# Plan-status evidence, in the order loaded; each file is placed all or nothing.
# The shipped files the districts' names come from (seed_names), and the meta key of their
# digest: a new alias or a corrected Hindi name reaches a database seeded before it.
NAME_FILES = ("districts.csv", "aliases_extra.csv", "district_names_hi_unverified.csv")
NAMES_KEY = "names_digest"
EVIDENCE_FILES = ("plan_status_evidence.csv", "plan_status_evidence_more.csv")
JURISDICTION_FILES = ("dgft_ra_jurisdiction.csv", "dgft_ra_jurisdiction_more.csv")
OFFICES_FILE = "dic_contacts.csv"


@dataclass(frozen=True)
class ReportedRole:
    role: str
    holder: str
    source: str
    as_of: str


_TN_SOURCES = (
    "https://www.thehindu.com/news/national/tamil-nadu/seven-champion-sectors-represented-in-"
    "reconstituted-export-promotion-panel/article37201460.ece ; "
    "https://www.newindianexpress.com/states/tamil-nadu/2021/oct/28/tn-govt-reconstitutes-"
    "committee-to-spur-exports-2376645.html"
)
_HP_SOURCE = "https://khabronwala.co.in/?p=13872 (Hindi news report, undated)"
_JK_SOURCE = (
    "https://www.greaterkashmir.com/business/principal-secy-ic-chairs-apex-level-export-"
    "promotion-committee-meeting"
)
# State committees as reported in committees.md; other States get no roles (unknown).
SEPC_REPORTED: dict[str, tuple[ReportedRole, ...]] = {
    "Tamil Nadu": (
        ReportedRole("chair", "Chief Secretary, Tamil Nadu", _TN_SOURCES, "2021-10"),
        ReportedRole("convener", "MD & CEO, Guidance Tamil Nadu", _TN_SOURCES, "2021-10"),
        ReportedRole("co-convener", "Additional DGFT, Southern Zone, Chennai", _TN_SOURCES,
                     "2021-10"),
        ReportedRole("members", "Secretaries of Industries, Finance, Fisheries, Textiles/"
                     "Handlooms, MSME and Agriculture; representatives of seven 'champion "
                     "sector' export associations", _TN_SOURCES, "2021-10"),
    ),
    "Himachal Pradesh": (
        ReportedRole("chair", "Chief Secretary, Himachal Pradesh", _HP_SOURCE, "undated"),
        ReportedRole("convener", "Director of Industries (ex-officio State Export "
                     "Commissioner)", _HP_SOURCE, "undated"),
        ReportedRole("co-convener", "Joint DGFT", _HP_SOURCE, "undated"),
        ReportedRole("special invitees", "representatives of the Union Department of Commerce",
                     _HP_SOURCE, "undated"),
    ),
    "Jammu and Kashmir": (
        ReportedRole("chair", "Principal Secretary, Industries & Commerce (chaired the "
                     "apex-level export promotion committee meeting)", _JK_SOURCE, "2021-08"),
        ReportedRole("member secretary", "Managing Director, JKTPO", _JK_SOURCE, "2021-08"),
    ),
}
# District committees where a source reported who actually sat in a role.
DEPC_REPORTED: dict[tuple[str, str], tuple[ReportedRole, ...]] = {
    # The source says the Joint DGFT took part in the committee's meeting, not that he
    # co-chaired it: attendance is reported as attendance, never as a role of the committee.
    ("Tamil Nadu", "Erode"): (
        ReportedRole("attended a meeting", "Joint DGFT, Coimbatore (at the district committee's "
                     "meeting that identified seven products)", "https://www.thehindu.com/news/"
                     "cities/Coimbatore/seven-products-with-export-potential-identified-in-erode-"
                     "district/article32912257.ece", "2020-10"),
    ),
    ("Jammu and Kashmir", "Kathua"): (
        ReportedRole("chair", "Deputy Commissioner, Kathua",
                     "https://tvn-media.com/2023/07/kathua-admin-discusses-district-export.html",
                     "2023-07"),
    ),
}


@dataclass
class SeedLog:
    """What seeding could not place, kept as ImportIssue rows of kind "seed:..."."""

    issues: list[tuple[int, str, str]] = field(default_factory=list)

    def note(self, line: int, kind: str, message: str) -> None:
        log.info("seed: %s line %d: %s", kind, line, message)
        self.issues.append((line, store.SEED_ISSUE_PREFIX + kind, message))


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(physical line, row with trimmed values) for a UTF-8 CSV with a header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        start = 2
        for row in reader:
            yield start, {k: (v or "").strip() for k, v in row.items()}
            start = reader.line_num + 1


def optional_int(value: str) -> int | None:
    """A code, or None when blank or 0 (the LGD export writes 0 for "no census code")."""
    return int(value) if value and int(value) != 0 else None


def ensure_seeded(engine: Engine, data_dir: Path = DATA_DIR) -> bool:
    """Bring the schema to this code's, then, if there are no districts yet, load everything;
    True if seeded. Knowledge tables a migration emptied are filled again, and the districts'
    names brought to the shipped data's when it changed (derived.refresh_names).

    Safe when several processes start together: a migration runs under knowledge.schema's
    lock, and the tables are created and the data loaded under the database's write lock;
    whoever gets a lock second finds the work done ("already seeded" is success). A current,
    seeded database with every table is only read (tables added by a newer version are
    created under the lock); a read-only one only needs to be seeded.
    """
    from knowledge import derived, schema  # they build on this module

    schema.ensure_current(engine)
    needed = [District.__tablename__] if read_only(engine) else Base.metadata.tables
    if has_tables(engine, needed):
        with session_factory(engine)() as session:
            if store.has_districts(session) and (read_only(engine) or (
                    not derived.empty_groups(session)
                    and derived.names_current(session, data_dir))):
                return False
    with first_use_lock(engine) as conn:
        create_schema(conn)
        with Session(bind=conn) as session:  # joins the lock's transaction
            if store.has_districts(session):
                derived.refill(session, data_dir)
                derived.refresh_names(session, data_dir)
                session.flush()
                return False
            seed(session, data_dir)
            session.flush()
    return True


def seed(session: Session, data_dir: Path = DATA_DIR) -> SeedLog:
    """Load all reference tables and the product list into `session` (caller commits)."""
    seed_log = SeedLog()
    states, districts, index = seed_names(session, data_dir, seed_log)
    _seed_committees(session, states, districts)
    state_ids = {name: s.id for name, s in states.items()}
    _seed_plans(session, data_dir, index, state_ids, seed_log)
    _seed_offices(session, data_dir, index, state_ids, seed_log)
    _seed_stats(session, data_dir)
    _seed_authorities(session, data_dir, seed_log)
    _seed_councils(session, data_dir)
    _seed_faqs(session, data_dir)
    session.flush()
    import_products(session, data_dir / PRODUCTS_FILE, dry_run=False, source=PRODUCTS_SOURCE,
                    as_of=PRODUCTS_AS_OF)
    store.replace_import_issues(session, seed_log.issues, seed=True)
    store.set_meta(session, {"seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
                             NAMES_KEY: names_digest(data_dir)})
    return seed_log


def seed_names(
    session: Session, data_dir: Path, seed_log: SeedLog
) -> tuple[dict[str, State], dict[tuple[str, str], District], DistrictIndex]:
    """Add the States and districts with every name they go by (the official spellings,
    former and alternate names, Hindi names); return them by name, and the index of their
    names before the Hindi ones were added."""
    states = _seed_states(session, data_dir)
    districts = _seed_districts(session, data_dir, states)
    _seed_extra_aliases(data_dir, districts, seed_log)
    session.flush()
    index = DistrictIndex(store.district_rows(session))
    _seed_hindi(session, data_dir, index, districts, seed_log)
    return states, districts, index


def names_digest(data_dir: Path = DATA_DIR) -> str:
    """A digest of the shipped data `seed_names` reads: when it differs from the one a
    database was seeded (or last refreshed) with, its names are refreshed
    (knowledge.derived.refresh_names). Read once per version of the files (every start
    asks)."""
    paths = [data_dir / name for name in NAME_FILES]
    return _digest(data_dir, tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists()
                                   else None for p in paths))


@lru_cache(maxsize=4)
def _digest(data_dir: Path, _stats: tuple[tuple[int, int] | None, ...]) -> str:
    digest = hashlib.sha256(repr(sorted(STATE_NAMES_HI.items())).encode())
    for name in NAME_FILES:
        path = data_dir / name
        digest.update(f"\0{name}\0".encode())
        digest.update(path.read_bytes() if path.exists() else b"(none)")
    return digest.hexdigest()


def _seed_states(session: Session, data_dir: Path) -> dict[str, State]:
    states: dict[str, State] = {}
    for _, row in read_csv(data_dir / "districts.csv"):
        state = states.get(row["state"])
        if state is None:
            state = State(name=row["state"], name_hi=STATE_NAMES_HI.get(row["state"]))
            states[row["state"]] = state
        # Districts added after the LGD snapshot have no State code; take it from any other.
        if state.lgd_code is None and row["lgd_state_code"]:
            state.lgd_code = int(row["lgd_state_code"])
    session.add_all(states.values())
    return states


def source_aliases(name: str, field_value: str) -> list[str]:
    """Spellings from a "|" list, with "Anantapuram (Anantapur)" also split into its parts."""
    aliases = []
    for alias in filter(None, (a.strip() for a in field_value.split("|"))):
        aliases.append(alias)
        aliases.extend(bracket_variants(alias))
    return _distinct(aliases, exclude={normalise(name)})


def bracket_variants(name: str) -> list[str]:
    """"Shivamogga (Shimoga)" -> Shivamogga, Shimoga; but "Bengaluru (Bangalore) Rural" ->
    Bengaluru Rural, Bangalore Rural (its bracket alone would name the Urban district)."""
    match = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*(.*)", name)
    if not match:
        return []
    before, inside, after = (part.strip() for part in match.groups())
    if after:
        return [f"{before} {after}", f"{inside} {after}"]
    # "Kamrup (R)": a bracket of one or two letters is a tag, not a name ("i am r").
    return [part for part in (before, inside) if len(fold(part).replace(" ", "")) >= 3]


def _seed_extra_aliases(
    data_dir: Path, districts: dict[tuple[str, str], District], seed_log: SeedLog
) -> None:
    """Former and alternate names (Banaras, Bombay) from general knowledge: unverified."""
    path = data_dir / "aliases_extra.csv"
    if not path.exists():
        return
    for line, row in read_csv(path):
        district = districts.get((row["state"], row["district"]))
        if district is None:
            seed_log.note(line, "alias", f"aliases_extra.csv: no district {row['district']} "
                          f"({row['state']}); alias {row['alias']} skipped")
            continue
        # fold() keeps Devanagari vowel signs: बनारसी and बनारस are different words.
        known = {fold(district.name), *(fold(a.alias) for a in district.aliases)}
        if fold(row["alias"]) not in known:
            kind = "unverified" if row["alias"].isascii() else "hindi"
            district.aliases.append(DistrictAlias(alias=row["alias"], kind=kind))


def _distinct(names: list[str], exclude: set[str]) -> list[str]:
    seen = set(exclude)
    out = []
    for n in names:
        if n.casefold() not in seen and normalise(n) not in seen:
            seen.update({n.casefold(), normalise(n)})
            out.append(n)
    return out


def _seed_districts(
    session: Session, data_dir: Path, states: dict[str, State]
) -> dict[tuple[str, str], District]:
    districts: dict[tuple[str, str], District] = {}
    for _, row in read_csv(data_dir / "districts.csv"):
        d = District(
            state=states[row["state"]],
            name=row["district"],
            lgd_code=optional_int(row["lgd_code"]),
            census2011_code=optional_int(row["census2011_code"]),
            source=row["source"],
        )
        sourced = source_aliases(d.name, row["aliases"])
        d.aliases = [DistrictAlias(alias=a, kind="source") for a in sourced]
        unverified = row["aliases_unverified"].split("|")
        exclude = {normalise(d.name), *(normalise(a) for a in sourced)}
        d.aliases += [
            DistrictAlias(alias=a, kind="unverified")
            for a in _distinct([a.strip() for a in unverified if a.strip()], exclude)
        ]
        districts[(row["state"], d.name)] = d
    session.add_all(districts.values())
    return districts


def _seed_hindi(
    session: Session, data_dir: Path, index: DistrictIndex,
    districts: dict[tuple[str, str], District], seed_log: SeedLog,
) -> None:
    """Attach the third-party Devanagari names: exact, then normalised, then a close spelling."""
    by_id = {d.id: d for d in districts.values()}
    states = list({s for s, _ in districts})
    # Resolving a State's spelling compares it with every State: do it once per spelling.
    resolved: dict[str, str | None] = {}
    for line, row in read_csv(data_dir / "district_names_hi_unverified.csv"):
        if row["state"] not in resolved:
            resolved[row["state"]] = resolve_state(row["state"], states)[0]
        match = _match_district(index, resolved[row["state"]], row["district"])
        if match is None:
            seed_log.note(line, "hindi_unmatched", f"Hindi name {row['name_hi']} for "
                          f"{row['district']} ({row['state']}) matches no district; not used")
            continue
        d = by_id[match.id]
        if d.name_hi is None:
            d.name_hi, d.name_hi_source = row["name_hi"], row["source"]
        elif d.name_hi != row["name_hi"]:
            seed_log.note(line, "hindi_second_name", f"{row['district']} ({row['state']}) "
                          f"gives {d.name} a second Hindi name {row['name_hi']}; kept as alias")
        if row["name_hi"] not in {a.alias for a in d.aliases}:
            d.aliases.append(DistrictAlias(alias=row["name_hi"], kind="hindi"))


def _match_district(index: DistrictIndex, canonical: str | None, name: str) -> DistrictRow | None:
    if canonical is None:
        return None
    exact = [d for d in index.by_state.get(canonical, []) if d.name == name]
    named = exact or index.named(canonical, name)
    if len(named) == 1:
        return named[0]
    fuzzy = index.fuzzy(canonical, name)
    return fuzzy[0] if fuzzy is not None else None


def _depc_roles(district: District) -> list[CommitteeRole]:
    name = district.name
    rule = [
        ("chair", f"District Collector / DM / DC of {name}"),
        ("co-chair", "designated DGFT Regional Authority"),
        ("convener", f"General Manager, District Industries Centre (DIC), {name}"),
    ]
    roles = [CommitteeRole(role=r, holder=h, basis="rule", source=HBP_SOURCE, as_of="2023")
             for r, h in rule]
    return roles + _reported(DEPC_REPORTED.get((district.state.name, name), ()))


def _reported(roles: tuple[ReportedRole, ...]) -> list[CommitteeRole]:
    return [CommitteeRole(role=r.role, holder=r.holder, basis="reported", source=r.source,
                          as_of=r.as_of) for r in roles]


def _seed_committees(
    session: Session, states: dict[str, State], districts: dict[tuple[str, str], District]
) -> None:
    committees = [
        Committee(kind="SEPC", state_id=s.id, district_id=None,
                  roles=_reported(SEPC_REPORTED.get(name, ())))
        for name, s in states.items()
    ]
    committees += [
        Committee(kind="DEPC", state_id=d.state_id, district_id=d.id, roles=_depc_roles(d))
        for d in districts.values()
    ]
    session.add_all(committees)


def _seed_plans(
    session: Session, data_dir: Path, index: DistrictIndex, state_ids: dict[str, int],
    seed_log: SeedLog,
) -> None:
    """Every evidence file through the importer's placing rules; one bad row fails the seed."""
    for name in EVIDENCE_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        report = read_evidence(path, index, state_ids)
        for issue in report.guesses:
            seed_log.note(issue.line, "plan_guess", f"{name}: {issue.message}")
        session.add_all(PlanEvidence(
            district_id=r.district_id, state_id=r.state_id, status=r.step,
            status_text=r.status_text, as_of=r.as_of, prepared_by=r.prepared_by, scope=r.scope,
            note=r.note, source=r.source,
        ) for r in report.rows)


def _seed_offices(
    session: Session, data_dir: Path, index: DistrictIndex, state_ids: dict[str, int],
    seed_log: SeedLog,
) -> None:
    """District Industries Centres and State offices, placed like the product import places
    rows; a row that fits no district fails the seed (all or nothing)."""
    path = data_dir / OFFICES_FILE
    if not path.exists():
        return
    reconciler = Reconciler(index, list(state_ids))
    for line, r in read_csv(path):
        probe = Row(line, r["state"], r["district"], None, product="", category="",
                    sector="Others", description="", gi=False, ministry="")
        district_id = None
        if r["district"].casefold() == "(state)":
            state_id = state_ids[reconciler.state(probe)]
        else:
            placed = reconciler.place(probe).district
            district_id, state_id = placed.id, state_ids[placed.state]
        session.add(IndustriesOffice(
            state_id=state_id, district_id=district_id, office=r["office"],
            address=r["address"], phone=r["phone"], email=r["email"], as_of=r["as_of"],
            source=r["source"], doubt=r["doubt"],
        ))
    for issue in reconciler.issues:
        seed_log.note(issue.line, "office_guess", f"{OFFICES_FILE}: {issue.message}")


def _seed_stats(session: Session, data_dir: Path) -> None:
    session.add_all(
        Stat(as_of=r["date"], metric=r["metric"], value=r["value"], unit=r["unit"],
             source_url=r["source_url"], source_title=r["source_title"], note=r["note"])
        for _, r in read_csv(data_dir / "initiative_stats.csv")
    )


def _seed_authorities(session: Session, data_dir: Path, seed_log: SeedLog) -> None:
    authorities: dict[str, RegionalAuthority] = {}
    for _, r in read_csv(data_dir / "dgft_regional_authorities.csv"):
        source = r["source"]
        if r["note_source"]:
            source += f" | status note source: {r['note_source']}"
        authorities[r["ra_city"]] = RegionalAuthority(
            city=r["ra_city"], state=r["state_of_office"],
            state_verified="unverified" not in r["state_source_type"].casefold(),
            status_note=r["status_or_jurisdiction_note"], address=r["address"],
            phone=r["phone"], email=r["email"], source=source,
        )
    for name in JURISDICTION_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        for line, r in read_csv(path):
            _seed_jurisdiction(session, name, line, r, authorities, seed_log)
    session.add_all(authorities.values())
    for office, merged_into, as_of, source in _mergers(authorities):
        office.merged_into, office.merged_as_of, office.merged_source = merged_into, as_of, source


def _seed_jurisdiction(
    session: Session, name: str, line: int, r: dict[str, str],
    authorities: dict[str, RegionalAuthority], seed_log: SeedLog,
) -> None:
    evidence = Jurisdiction(
        office_text=r["ra_city"], state=r["state"], scope=r["districts_or_scope"],
        evidence_type=r["evidence_type"], source=r["source"], as_of=r.get("as_of", ""),
        note=r.get("note", ""),
    )
    authority = authorities.get(r["ra_city"])
    if authority is None and _names_no_office(r["ra_city"]):
        # "(all RAs)", "not stated (...)": evidence about DGFT offices that names none of them
        session.add(evidence)
        seed_log.note(line, "ra_unplaced", f"{name}: {r['ra_city']!r} names no DGFT office; "
                      f"kept as evidence without an office ({r['districts_or_scope'][:80]})")
        return
    if authority is None:
        authority = _office_from_jurisdiction(r)
        authorities[r["ra_city"]] = authority
        seed_log.note(line, "ra_created", f"{r['ra_city']} has no row in "
                      "dgft_regional_authorities.csv; added as an office with no contacts "
                      f"({r['districts_or_scope']})")
    authority.jurisdictions.append(evidence)


def _names_no_office(text: str) -> bool:
    folded = text.casefold()
    return folded.startswith(("(", "not stated", "not named", "unknown"))


_MERGER_WORDS = re.compile(r"takes over|merged into|merged with|shifted", re.I)


def _mergers(
    authorities: dict[str, RegionalAuthority],
) -> list[tuple[RegionalAuthority, str, str, str]]:
    """(closed office, office it merged into, since when, sources) read from the jurisdiction
    rows: a row of office B whose scope says it "takes over" / "merged into" office A's RA."""
    found: dict[str, tuple[RegionalAuthority, str, str, list[str]]] = {}
    for city, into in authorities.items():
        for j in into.jurisdictions:
            if not _MERGER_WORDS.search(j.scope):
                continue
            for other_city, office in authorities.items():
                word = fold(other_city.split("(")[0])
                if other_city == city or not re.search(rf"\b{re.escape(word)}\b(?: \w+)? ra\b",
                                                       fold(j.scope)):
                    continue
                as_of = j.as_of or _year(j.scope)
                _, _, known, sources = found.setdefault(other_city, (office, city, as_of, []))
                if len(as_of) > len(known):  # the more precise date of the same merger
                    found[other_city] = (office, city, as_of, sources)
                if j.source not in sources:
                    sources.append(j.source)
    return [(office, into, as_of, " ; ".join(sources))
            for office, into, as_of, sources in found.values()]


def _year(text: str) -> str:
    match = re.search(r"\b(19|20)\d{2}\b", text)
    return match.group() if match else ""


def _office_from_jurisdiction(r: dict[str, str]) -> RegionalAuthority:
    """An office known only from the jurisdiction list (the Indore extension counter)."""
    return RegionalAuthority(
        city=r["ra_city"], state=r["state"], state_verified=False,
        status_note=r["districts_or_scope"], address="", phone="", email="",
        source=r["source"],
    )


def _seed_councils(session: Session, data_dir: Path) -> None:
    for _, r in read_csv(data_dir / "epcs.csv"):
        evidence = [f"name: {r['name_source']}"] if r["name_source"] else []
        evidence += [f"website: {r['website_evidence']}"] if r["website_evidence"] else []
        evidence += [f"coverage: {r['coverage_evidence']}"] if r["coverage_evidence"] else []
        session.add(ExportCouncil(
            name=r["name"], short_name=r["short_name"], sector=r["sector"],
            relevance=r["odop_relevance_unverified"], website=r["website"],
            website_verified=r["website_source_type"].casefold().startswith("verified"),
            source=" | ".join(evidence),
        ))


def _seed_faqs(session: Session, data_dir: Path) -> None:
    """Another engineer writes faq.csv; until it exists there are simply no FAQs."""
    path = data_dir / "faq.csv"
    if not path.exists():
        return
    rows = [r for _, r in read_csv(path)]
    session.add_all(
        Faq(topic=r["topic"], question=r["question"], answer=r["answer"], source=r["source"],
            as_of=r["as_of"])
        for r in rows
    )
    seed_faq_texts(session, data_dir)


def seed_faq_texts(session: Session, data_dir: Path = DATA_DIR) -> None:
    path = data_dir / "faq.csv"
    if not path.exists():
        return
    session.add_all(
        FaqText(topic=r["topic"], lang="hi", question=r["question_hi"], answer=r["answer_hi"])
        for _, r in read_csv(path) if r.get("question_hi") and r.get("answer_hi")
    )


# What knowledge.derived refills after a migration emptied it.
seed_plans = _seed_plans
seed_offices = _seed_offices
seed_authorities = _seed_authorities
