"""Schema migrations: `sgbot db upgrade` builds the models' schema; old schemas are refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from test_reminders_helpers import PG_URL

from bot import schema
from bot.config import ROOT
from bot.database import engine_for
from bot.errors import SchemaOutdated
from bot.reminders.store import Store, tables

SGBOT = Path(sys.executable).parent / "sgbot"


@pytest.fixture(
    name="empty_url", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def empty_url_fixture(request, tmp_path):
    """An empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    name = f"mig_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {name}"))
    url = sqlalchemy.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={name}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as c:
        c.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


def _sgbot(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SGBOT_", "TELEGRAM_"))}
    env.update(SGBOT_DATABASE_URL=url, SGBOT_NO_CACHE="1")
    return subprocess.run(
        [str(SGBOT), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_db_upgrade_of_an_empty_database_builds_exactly_the_models(empty_url):
    """`sgbot db upgrade` on an empty database: every table, column and index of the models."""
    out = _sgbot("db", "upgrade", url=empty_url)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"database schema upgraded: empty -> {schema.head()}\n"
    engine = engine_for(empty_url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), schema.models())
            names = set(inspect(conn).get_table_names())
        assert diffs == []
        assert names == set(schema.models().tables) | {"alembic_version"}
    finally:
        engine.dispose()
    again = _sgbot("db", "upgrade", url=empty_url)
    assert again.stdout == f"database schema at {schema.head()}: up to date\n"
    assert _sgbot("db", "current", url=empty_url).returncode == 0


def test_the_head_the_code_checks_is_the_newest_migration_script():
    """`schema.HEAD` (checked at every start without importing Alembic) is the scripts' head."""
    assert schema.scripts_head() == schema.HEAD


def test_a_database_made_before_migrations_is_adopted(empty_url):
    """Tables from `create_all` (no alembic_version) are kept, stamped at the baseline."""
    engine = engine_for(empty_url)
    try:
        tables("").create_all(engine)
        with engine.begin() as c:
            c.execute(text("INSERT INTO meta (key, value) VALUES ('kept', 'yes')"))
        store = Store(empty_url)  # what every command does when it opens the database
        assert store.get_meta("kept") == "yes"
        store.close()
        with engine.connect() as conn:
            assert schema.current(conn) == schema.head()
            assert compare_metadata(MigrationContext.configure(conn), schema.models()) == []
    finally:
        engine.dispose()


def test_a_schema_from_a_newer_version_is_refused_in_one_line(tmp_path):
    """A revision this version does not know: the command stops with one line, exit 2."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert _sgbot("db", "upgrade", url=url).returncode == 0
    engine = engine_for(url)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    out = _sgbot("reminders", "list", url=url)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "revision 9999, which this version does not know" in out.stderr


@pytest.fixture(name="two_revisions")
def two_revisions_fixture(tmp_path, monkeypatch) -> str:
    """This version's migrations plus a next revision adding a column (as the next will)."""
    where = tmp_path / "migrations"
    shutil.copytree(ROOT / "bot" / "migrations", where)
    (where / "versions" / "0099_test.py").write_text(
        '"""A test revision."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '0099'\ndown_revision = '{schema.HEAD}'\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('meta') as batch:\n"
        "        batch.add_column(sa.Column('note', sa.Text))\n"
    )
    monkeypatch.setattr(schema, "SCRIPT_LOCATION", str(where))
    previous = schema.HEAD
    monkeypatch.setattr(schema, "HEAD", "0099")
    assert schema.scripts_head() == "0099"
    return previous


def test_an_older_schema_is_refused_until_db_upgrade(tmp_path, two_revisions):
    """At this version's head when a next one exists: start-up refuses, naming the
    command; db upgrade fixes it."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    engine = engine_for(url)
    try:
        from alembic import command

        with engine.begin() as conn:  # a database the previous version migrated
            command.upgrade(schema._config(conn), two_revisions)
        with pytest.raises(SchemaOutdated) as refused:
            schema.ensure_schema(engine)
        assert str(refused.value) == (
            f"the database schema is at revision {two_revisions}, this version needs 0099: "
            "run `sgbot db upgrade` (after a backup) with the service's settings"
        )
        assert schema.upgrade(engine) == (two_revisions, "0099")
        schema.ensure_schema(engine)
        with engine.connect() as conn:
            assert "note" in {c["name"] for c in inspect(conn).get_columns("meta")}
    finally:
        engine.dispose()
