"""Alembic's environment: run by knowledge.schema on a connection it passes in.

There is no alembic.ini: knowledge.schema builds the configuration, so the migrations work
from an installed (non-editable) package as well as from the source tree.
"""

from __future__ import annotations

from alembic import context

from knowledge.db import metadata

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=metadata(),
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
