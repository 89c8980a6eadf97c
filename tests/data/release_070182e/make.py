"""Make this fixture from a database of release 070182e (run once; the tests only read it).

    git worktree add --detach /tmp/oldrel 070182e
    cd /tmp/oldrel && PYTHONPATH=/tmp/oldrel python <this file> <this directory> /tmp/old.sqlite3

The release's own code seeds the database and records user rows (language choices, questions,
feedback votes) through its own functions; then its DDL is written as SQLite wrote it, and its
rows as JSON (products and committees of Uttar Pradesh only, to keep the file small; every
State, district and alias, which the refill after the upgrade places rows by).
"""

import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.bootstrap import open_knowledge
from knowledge import activity

KEEP_STATE = "Uttar Pradesh"
QUESTIONS = (("text", "en", "agra"), ("text", "hi", "आगरा का उत्पाद"),
             ("command", "en", "carpet"), ("text", "en", "weather in agra tomorrow"))


def record_use(db: Path) -> None:
    knowledge = open_knowledge(f"sqlite:///{db}")
    activity.create_tables(knowledge.db)
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with knowledge.sessions.begin() as s:
        activity.set_language(s, 1001, "hi")
        activity.set_language(s, 1002, "en")
        activity.record_queries(s, [activity.asked(kind, lang, q, knowledge.engine.ask(q), at)
                                    for kind, lang, q in QUESTIONS])
        activity.record_vote(s, user_id=1001, chat_id=1001, message_id=7, vote=1,
                             subject="district:Agra")
        activity.record_vote(s, user_id=1002, chat_id=-100200, message_id=9, vote=-1,
                             subject="product:carpet")
    knowledge.db.dispose()


def ids(c: sqlite3.Connection, sql: str, *args: object) -> set[int]:
    return {r[0] for r in c.execute(sql, args)}


def dump(db: Path, out: Path) -> None:
    c = sqlite3.connect(db)
    ddl = [r[0] + ";" for r in c.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid")]
    (out / "schema.sqlite.sql").write_text("\n".join(ddl) + "\n")
    state = ids(c, "SELECT id FROM states WHERE name = ?", KEEP_STATE)
    districts = {i for s in state for i in ids(c, "SELECT id FROM districts WHERE state_id=?", s)}
    committees = {i for s in state
                  for i in ids(c, "SELECT id FROM committees WHERE state_id=?", s)}
    keep = {"products": ("district_id", districts), "committees": ("id", committees),
            "committee_roles": ("committee_id", committees)}
    tables = [r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    parts = []
    for name in tables:
        cursor = c.execute(f"SELECT * FROM {name} ORDER BY 1")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if name in keep:
            column, wanted = keep[name]
            rows = [r for r in rows if r[columns.index(column)] in wanted]
        lines = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows)
        parts.append(f' "{name}": {{"columns": {json.dumps(columns)}, "rows": [\n{lines}\n ]}}')
    (out / "rows.json").write_text("{\n" + ",\n".join(parts) + "\n}\n")


if __name__ == "__main__":
    record_use(Path(sys.argv[2]))
    dump(Path(sys.argv[2]), Path(sys.argv[1]))
