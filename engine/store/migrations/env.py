"""Alembic's environment for the case store: the revisions run on the connection the store hands
over (``config.attributes["connection"]``), in the transaction the store began.

Only online upgrades on that connection are run: there is no URL to connect to and no SQL to
print.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("the case store's migrations run only on a connection the store hands over")
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
