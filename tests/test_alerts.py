"""Alerts: a change people make reaches exactly its followers, in its own transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from knowledge import audit, concepts, importer, store, updates
from knowledge.audit import Actor
from knowledge.delivery import audience, outbox, subscriptions
from knowledge.delivery.models import (
    DISTRICT,
    PRODUCT,
    STATE,
    Broadcast,
    Delivery,
    Subscriber,
    Subscription,
)
from knowledge.delivery.outbox import Target
from knowledge.index import Index
from knowledge.models import District, State
from knowledge.normalise import fold
from knowledge.seed import DATA_DIR, PRODUCTS_FILE
from knowledge.updates import Reported

T0 = 1_750_000_000.0
OPS = Actor("cli", "ops")


def ids(session: Session, name: str, state: str) -> tuple[int, int]:
    row = session.execute(select(District.id, State.id).join(State).where(
        District.name == name, State.name == state)).one()
    return row[0], row[1]


@pytest.fixture
def followers(db_engine: Engine) -> Engine:
    """Chats following Agra, Uttar Pradesh, Erode, Tamil Nadu and a product of Agra."""
    with Session(db_engine) as session, session.begin():
        agra, up = ids(session, "Agra", "Uttar Pradesh")
        erode, tn = ids(session, "Erode", "Tamil Nadu")
        for chat_id, target, lang in (
            (1001, Target(DISTRICT, str(agra)), "en"),
            (1002, Target(STATE, str(up)), "hi"),
            (1003, Target(DISTRICT, str(erode)), "en"),
            (1004, Target(PRODUCT, fold("Leather Products")), "en"),
            (1005, Target(STATE, str(tn)), "en"),
        ):
            subscriptions.subscribe(session, chat_id, target, label="x", now=T0, lang=lang)
    return db_engine


def alerts(engine: Engine) -> list[tuple[str, str | None, list[int]]]:
    """(English text, Hindi text, recipients' chat ids) of every alert, oldest first."""
    with Session(engine) as session:
        out = []
        for b in session.scalars(select(Broadcast).where(Broadcast.kind == "alert")
                                 .order_by(Broadcast.id)):
            chats = session.scalars(select(Subscriber.chat_id).join(
                Delivery, Delivery.subscriber_id == Subscriber.id).where(
                Delivery.broadcast_id == b.id).order_by(Subscriber.chat_id))
            out.append((b.text_en, b.text_hi, list(chats)))
        return out


def test_a_status_update_alerts_the_district_and_state_followers(followers: Engine) -> None:
    with Session(followers) as session, session.begin():
        agra = updates.place(session, ids(session, "Agra", "Uttar Pradesh")[0])
        assert agra is not None
        change = updates.record(session, agra, Reported("notified", "2025-06-30", "Notif. 4"),
                                OPS, at=T0)
    assert change is not None
    assert change.alerted == 2
    [(en, hi, chats)] = alerts(followers)
    assert chats == [1001, 1002]
    assert en == ("Export action plan of Agra (Uttar Pradesh): notified (2025-06-30). "
                  "Source: Notif. 4. Reported by an officer.")
    assert hi is not None
    assert "अधिसूचित (2025-06-30)" in hi
    assert "एक अधिकारी द्वारा सूचित" in hi
    assert hi.startswith("आगरा (Agra), उत्तर प्रदेश (Uttar Pradesh) की ज़िला निर्यात कार्य योजना")


def test_recording_the_same_again_alerts_nobody(followers: Engine) -> None:
    reported = Reported("draft", "2025-06-01", "ref")
    for _ in range(2):
        with Session(followers) as session, session.begin():
            agra = updates.place(session, ids(session, "Agra", "Uttar Pradesh")[0])
            assert agra is not None
            updates.record(session, agra, reported, OPS, at=T0)
    assert len(alerts(followers)) == 1


def test_a_change_rolled_back_leaves_no_alert(followers: Engine) -> None:
    with Session(followers) as session:
        session.begin()
        agra = updates.place(session, ids(session, "Agra", "Uttar Pradesh")[0])
        assert agra is not None
        updates.record(session, agra, Reported("draft", "2025-06-01", "ref"), OPS, at=T0)
        session.rollback()
    assert alerts(followers) == []
    with Session(followers) as session:
        assert session.scalar(select(func.count()).select_from(Delivery)) == 0


def without_agra_leather(tmp_path: Path) -> Path:
    """The shipped list with Agra's "Leather Products" row left out."""
    lines = (DATA_DIR / PRODUCTS_FILE).read_bytes().split(b"\r\n")
    kept = [line for line in lines if not line.startswith(b"Uttar Pradesh,Leather Products,"
                                                          b"Agra,")]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "20250801_ODOP_Products_V32.csv"
    path.write_bytes(b"\r\n".join(kept))
    return path


def import_and_alert(engine: Engine, path: Path) -> importer.ImportReport:
    with Session(engine) as session, session.begin():
        report = importer.import_products(session, path, dry_run=False)
        if report.written:
            updates.record_products(session, report.diff, OPS, "ODOP list V32", at=T0)
    return report


def test_an_import_alerts_the_followers_of_what_changed(
    followers: Engine, tmp_path: Path
) -> None:
    path = without_agra_leather(tmp_path)
    report = import_and_alert(followers, path)
    assert [(c.kind, c.district, c.product) for c in report.diff] == [
        ("removed", "Agra", "Leather Products")]
    [(en, hi, chats)] = alerts(followers)
    assert chats == [1001, 1002, 1004]  # Agra, its State, the product; not Erode or TN
    assert en == ("ODOP products of Agra (Uttar Pradesh) changed. Removed: Leather Products. "
                  "Source: ODOP list V32.")
    assert hi is not None
    assert "हटाए गए: Leather Products" in hi
    with Session(followers) as session:
        [entry] = audit.history(session, ids(session, "Agra", "Uttar Pradesh")[0])
    assert (entry.what, entry.old, entry.new, entry.actor) == ("product", "Leather Products",
                                                               "", OPS)
    # The same file again changes nothing and alerts nobody; the old list back adds it.
    import_and_alert(followers, path)
    assert len(alerts(followers)) == 1
    import_and_alert(followers, DATA_DIR / PRODUCTS_FILE)
    en, _hi, chats = alerts(followers)[1]
    assert en.startswith("ODOP products of Agra (Uttar Pradesh) changed. Added: Leather "
                         "Products.")
    assert chats == [1001, 1002, 1004]


def without_rows(tmp_path: Path, *starts: bytes) -> Path:
    """The shipped list without the rows starting with `starts`."""
    lines = (DATA_DIR / PRODUCTS_FILE).read_bytes().split(b"\r\n")
    kept = [line for line in lines if not line.startswith(starts)]
    assert len(kept) == len(lines) - len(starts)
    path = tmp_path / "20250801_ODOP_Products_V32.csv"
    path.write_bytes(b"\r\n".join(kept))
    return path


@pytest.fixture
def word_followers(db_engine: Engine) -> Engine:
    """Chats following product words (as the 🔔 button and /subscribe store them), and two
    that followed official names before product words were followed (folded names)."""
    with Session(db_engine) as session, session.begin():
        index = Index(store.load_catalog(session))
        words = {2001: "makhana", 2002: "मखाना", 2003: "foxnut", 2005: "pyaz", 2006: "हल्दी"}
        for chat_id, word in words.items():
            found = concepts.concept(word, index)
            assert found is not None, word
            subscriptions.subscribe(session, chat_id, audience.following(found), label=word,
                                    now=T0)
        for chat_id, name in ((2007, "Makhana"), (2008, "Makhana (Foxnut)")):
            subscriptions.subscribe(session, chat_id, Target(PRODUCT, fold(name)), label=name,
                                    now=T0)
        keys: dict[int, str] = dict(session.execute(
            select(Subscriber.chat_id, Subscription.key)
            .join(Subscription, Subscription.subscriber_id == Subscriber.id)).all())
    # every spelling and language of a word is one target
    assert keys[2001] == keys[2002] == keys[2003] == "makhana"
    assert keys[2006] == "haladi|turmeric"
    return db_engine


def test_an_import_alerts_the_followers_of_every_word_naming_the_product(
    word_followers: Engine, tmp_path: Path
) -> None:
    import_and_alert(word_followers, without_rows(tmp_path, b"Bihar,Makhana (Foxnut),Saharsa,"))
    [(en, _hi, chats)] = alerts(word_followers)
    assert "Removed: Makhana (Foxnut)" in en
    # "makhana" in any spelling, and both older keys: "Makhana" names it too now
    assert chats == [2001, 2002, 2003, 2007, 2008]
    import_and_alert(word_followers, without_rows(tmp_path, b"Bihar,Makhana,Araria,"))
    removed, added = sorted(alerts(word_followers)[1:], key=lambda a: "Added" in a[0])
    assert "Added: Makhana (Foxnut)" in added[0]
    assert added[2] == [2001, 2002, 2003, 2007, 2008]
    assert "Removed: Makhana." in removed[0]
    # the one who followed the official name "Makhana (Foxnut)" is not told of "Makhana"
    assert removed[2] == [2001, 2002, 2003, 2007]
    import_and_alert(word_followers, without_rows(
        tmp_path, b"Bihar,Onion,Sheikhpura,", b"Bihar,Turmeric,Gopalganj,"))
    by_text = {("Onion" in en, "Turmeric" in en): chats
               for en, _hi, chats in alerts(word_followers)[3:]}
    assert by_text[(False, True)] == [2006]
    assert by_text[(True, False)] == [2005]


@pytest.mark.parametrize(("spec", "chats"), [
    ("product:foxnut", [2001, 2002, 2003, 2007, 2008]),
    ("product:Makhana (Foxnut)", [2001, 2002, 2003, 2007, 2008]),
    ("product:मखाना", [2001, 2002, 2003, 2007, 2008]),
    ("product:pyaz", [2005]),
    ("product:haldi", [2006]),
])
def test_a_product_broadcast_reaches_the_followers_of_its_products(
    word_followers: Engine, spec: str, chats: list[int]
) -> None:
    with Session(word_followers) as session, session.begin():
        chosen = audience.parse(session, spec)
        size = outbox.audience_size(session, chosen.targets)
        bid, total = outbox.create_broadcast(session, targets=chosen.targets,
                                             audience=chosen.label, text_en="hello", now=T0,
                                             created_by="test")
        got = sorted(session.scalars(select(Subscriber.chat_id).join(
            Delivery, Delivery.subscriber_id == Subscriber.id).where(
            Delivery.broadcast_id == bid)))
    assert got == chats
    assert size == total == len(chats)


def test_a_product_name_not_understood_says_what_it_may_be(db_engine: Engine) -> None:
    with Session(db_engine) as session, pytest.raises(audience.BadAudience) as err:
        audience.parse(session, "product:makhna")
    assert "did you mean product:Makhana" in str(err.value)
    with Session(db_engine) as session, pytest.raises(audience.BadAudience, match="no product"):
        audience.parse(session, "product:qwertyuiop")
