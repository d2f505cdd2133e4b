"""The database schema and its migrations (Alembic, driven from ``sgbot db``).

    sgbot db upgrade     migrate to this version's schema (back up first)
    sgbot db current     the database's revision and this version's

The migrations are ``bot/migrations/versions/`` (``0001`` is the schema every version made
before migrations existed). Every process that opens the database (``Store``) calls
``ensure_schema``:

* a new, empty database is migrated to the newest revision (what ``create_all`` did);
* a database an older version made without migrations (tables, no ``alembic_version``) is
  adopted: ``0001`` and ``0002`` create only the tables that are missing, so it ends at the
  newest revision like a new one;
* a database at an older revision is refused with one line saying what to run
  (``SchemaOutdated``), and so is one at a revision this version does not know (it was
  migrated by a newer version).

Concurrent starts are serialised: a transaction-level advisory lock on PostgreSQL, an
``flock`` beside a SQLite file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bot.errors import SchemaOutdated

log = logging.getLogger("sgbot.database")
SCRIPT_LOCATION = "bot:migrations"
BASELINE = "0001"
HEAD = "0002"  # the newest revision in bot/migrations/versions (tests/test_migrations.py)
MIGRATE_KEY = 0x5367_6274_6D69_6772  # "Sgbtmigr": pg_advisory_xact_lock during a migration
_ready: weakref.WeakSet[Engine] = weakref.WeakSet()  # found at head: not checked again
_guard = threading.Lock()
__all__ = ["SchemaOutdated", "cmd_db", "ensure_schema", "head", "models", "upgrade"]


def models() -> MetaData:
    """Every table this version expects (the target migrations are checked against)."""
    from bot.checks.store import CheckStore
    from bot.engine.unanswered import metadata as unanswered
    from bot.reminders.store import tables

    md = tables("")
    checks = CheckStore("sqlite://")  # only for its table definitions (no connection made)
    checks.close()
    for table in [*unanswered.tables.values(), *checks.metadata.tables.values()]:
        table.to_metadata(md)
    return md


def _config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision this version knows (``HEAD``: no Alembic import to check it)."""
    return HEAD


def scripts_head() -> str | None:
    """The newest revision in the migration scripts (a test checks it is ``HEAD``)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def _known() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction, with every other process that migrates this database waiting."""
    with _file_lock(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_KEY})
        yield conn


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    import fcntl

    fd = os.open(Path(f"{database}.migrate.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held for a migration's few hundred milliseconds
        yield
    finally:
        os.close(fd)


def _empty(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return not names & set(models().tables)


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """``sgbot db upgrade``: migrate to the newest revision; (revision before, after)."""
    from alembic import command

    with _migrating(engine) as conn:
        before = current(conn)
        if before is not None and before not in _known():
            raise SchemaOutdated(_too_new(before))
        command.upgrade(_config(conn), "head")
        after = current(conn)
    assert after is not None
    _ready.add(engine)
    return before, after


def ensure_schema(engine: Engine) -> None:
    """Make a new database ready, adopt a pre-migrations one; refuse an outdated one."""
    if engine in _ready:
        return
    with _guard:
        with engine.connect() as conn:  # the usual case, answered without Alembic
            rev = _revision(conn)
        if rev == head():
            _ready.add(engine)
            return
        try:
            rev = _adopt(engine)
        except (ProgrammingError, IntegrityError, OperationalError):
            # a table was created meanwhile outside the migration (the unanswered
            # questions' own create_all): adopt what is there now
            rev = _adopt(engine)
        if rev != head():
            raise SchemaOutdated(_too_new(rev) if rev not in _known() else _outdated(rev))
        _ready.add(engine)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _adopt(engine: Engine) -> str | None:
    """Migrate a new database to the head, adopt a pre-migrations one; the revision."""
    from alembic import command

    with _migrating(engine) as conn:
        rev = current(conn)
        if rev is None:  # new, or made by create_all: every revision creates what is missing
            empty = _empty(conn)
            command.upgrade(_config(conn), "head")
            rev = current(conn)
            what = "created" if empty else "adopted (made before migrations)"
            log.info("database schema %s at revision %s", what, rev)
    return rev


def _outdated(rev: str | None) -> str:
    return (
        f"the database schema is at revision {rev}, this version needs {head()}: "
        "run `sgbot db upgrade` (after a backup) with the service's settings"
    )


def _too_new(rev: str | None) -> str:
    return (
        f"the database schema is at revision {rev}, which this version does not know "
        f"(newest {head()}): it was migrated by a newer sgbot; install that version"
    )


def cmd_db(settings: Any, args: Any) -> int:
    """``sgbot db upgrade|current``."""
    from bot.database import engine_for

    engine = engine_for(settings.database_url)
    try:
        if args.db_command == "upgrade":
            before, after = upgrade(engine)
            if before == after:
                print(f"database schema at {after}: up to date")
            else:
                print(f"database schema upgraded: {before or 'empty'} -> {after}")
            return 0
        with engine.connect() as conn:
            rev = current(conn)
        state = "up to date" if rev == head() else "run `sgbot db upgrade`"
        print(f"database schema at {rev or 'none'}; this version needs {head()} ({state})")
        return 0 if rev == head() else 3
    finally:
        engine.dispose()
