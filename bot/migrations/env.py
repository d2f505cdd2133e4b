"""Alembic environment: run by ``sgbot db upgrade`` (``bot.schema``) with an open connection.

No ``fileConfig()``: it would silence the application's loggers. Run by hand
(``alembic -x url=... revision --autogenerate``) it builds an engine from that URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.schema import models

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=models(),
        render_as_batch=conn.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # pragma: no cover - developers' autogenerate
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).begin() as conn:
        _run(conn)
