"""The SQL that keeps ``ClaimTally`` (current claims per status and article language) in step
with every write, as triggers in the database, so no code path can forget it.

PostgreSQL: statement-level triggers with transition tables, one aggregated change per
statement (a bulk insert of a million claims costs one GROUP BY, not a million updates);
the rows of the tally are changed in key order, so two transactions lock them in the same
order. SQLite (development and tests): row-level triggers.

A decrement never creates a row: only a tally wiped by hand (a test database flushed table
by table) could miss one, and then nothing goes negative. ``REBUILD`` recounts from the
claims; the migration runs it once and ``rebuild_tally()`` after a restore.
"""

from __future__ import annotations

from typing import Any

REBUILD = [
    "DELETE FROM claims_claimtally",
    """INSERT INTO claims_claimtally (status, language, n)
    SELECT c.status, a.language, count(*) FROM claims_claim c
    JOIN articles_article a ON a.id = c.article_id
    WHERE c.is_current GROUP BY c.status, a.language""",
]

# The change of one statement to the claims, as (status, language, d) rows; d is signed.
_PG_OLD = """SELECT o.status, a.language, -1 AS d FROM old_rows o
    JOIN articles_article a ON a.id = o.article_id WHERE o.is_current"""
_PG_NEW = """SELECT w.status, a.language, 1 AS d FROM new_rows w
    JOIN articles_article a ON a.id = w.article_id WHERE w.is_current"""
_PG_ARTICLE = """SELECT c.status, x.language, x.d FROM (
        SELECT o.id, o.language, -1 AS d FROM old_rows o JOIN new_rows w ON w.id = o.id
        WHERE o.language IS DISTINCT FROM w.language
        UNION ALL
        SELECT w.id, w.language, 1 AS d FROM old_rows o JOIN new_rows w ON w.id = o.id
        WHERE o.language IS DISTINCT FROM w.language) x
    JOIN claims_claim c ON c.article_id = x.id AND c.is_current"""


def _pg_function(name: str, changes: str) -> str:
    # Built from this module's constants only: no input reaches it.
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN
        SELECT status, language, sum(d)::bigint AS d FROM ({changes}) changes
        GROUP BY status, language HAVING sum(d) <> 0 ORDER BY status, language
    LOOP
        IF r.d > 0 THEN
            INSERT INTO claims_claimtally AS t (status, language, n)
            VALUES (r.status, r.language, r.d)
            ON CONFLICT (status, language) DO UPDATE SET n = t.n + EXCLUDED.n;
        ELSE
            UPDATE claims_claimtally SET n = n + r.d
            WHERE status = r.status AND language = r.language;
        END IF;
    END LOOP;
    RETURN NULL;
END $$"""  # noqa: S608


PG_INSTALL = [
    _pg_function("claims_tally_inserted", _PG_NEW),
    _pg_function("claims_tally_deleted", _PG_OLD),
    _pg_function("claims_tally_updated", f"{_PG_OLD} UNION ALL {_PG_NEW}"),
    _pg_function("claims_tally_article_updated", _PG_ARTICLE),
    """CREATE TRIGGER claims_tally_insert AFTER INSERT ON claims_claim
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION claims_tally_inserted()""",
    """CREATE TRIGGER claims_tally_delete AFTER DELETE ON claims_claim
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION claims_tally_deleted()""",
    """CREATE TRIGGER claims_tally_update AFTER UPDATE ON claims_claim
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION claims_tally_updated()""",
    """CREATE TRIGGER claims_tally_article AFTER UPDATE ON articles_article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION claims_tally_article_updated()""",
    # TRUNCATE fires no row or statement triggers of DELETE: empty the tally with it.
    """CREATE OR REPLACE FUNCTION claims_tally_truncated() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN DELETE FROM claims_claimtally; RETURN NULL; END $$""",
    """CREATE TRIGGER claims_tally_truncate AFTER TRUNCATE ON claims_claim
    FOR EACH STATEMENT EXECUTE FUNCTION claims_tally_truncated()""",
]

PG_REMOVE = [
    "DROP TRIGGER IF EXISTS claims_tally_insert ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_tally_delete ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_tally_update ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_tally_truncate ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_tally_article ON articles_article",
    "DROP FUNCTION IF EXISTS claims_tally_inserted()",
    "DROP FUNCTION IF EXISTS claims_tally_deleted()",
    "DROP FUNCTION IF EXISTS claims_tally_updated()",
    "DROP FUNCTION IF EXISTS claims_tally_article_updated()",
    "DROP FUNCTION IF EXISTS claims_tally_truncated()",
]

_SQLITE_ADD = """INSERT INTO claims_claimtally (status, language, n)
        SELECT {row}.status, a.language, 1 FROM articles_article a
        WHERE a.id = {row}.article_id AND {row}.is_current
        ON CONFLICT (status, language) DO UPDATE SET n = n + 1;"""
_SQLITE_REMOVE = """UPDATE claims_claimtally SET n = n - 1
        WHERE {row}.is_current AND status = {row}.status
        AND language = (SELECT language FROM articles_article WHERE id = {row}.article_id);"""

SQLITE_INSTALL = [
    f"""CREATE TRIGGER claims_tally_insert AFTER INSERT ON claims_claim
    BEGIN {_SQLITE_ADD.format(row="NEW")} END""",
    f"""CREATE TRIGGER claims_tally_delete AFTER DELETE ON claims_claim
    BEGIN {_SQLITE_REMOVE.format(row="OLD")} END""",
    f"""CREATE TRIGGER claims_tally_update AFTER UPDATE OF status, is_current, article_id
    ON claims_claim
    WHEN OLD.status IS NOT NEW.status OR OLD.is_current IS NOT NEW.is_current
        OR OLD.article_id IS NOT NEW.article_id
    BEGIN {_SQLITE_REMOVE.format(row="OLD")} {_SQLITE_ADD.format(row="NEW")} END""",
    """CREATE TRIGGER claims_tally_article AFTER UPDATE OF language ON articles_article
    WHEN OLD.language IS NOT NEW.language
    BEGIN
        UPDATE claims_claimtally SET n = n - (SELECT count(*) FROM claims_claim c
            WHERE c.article_id = NEW.id AND c.is_current AND c.status = claims_claimtally.status)
        WHERE language = OLD.language;
        INSERT INTO claims_claimtally (status, language, n)
        SELECT status, NEW.language, count(*) FROM claims_claim
        WHERE article_id = NEW.id AND is_current GROUP BY status
        ON CONFLICT (status, language) DO UPDATE SET n = n + excluded.n;
    END""",
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS claims_tally_insert",
    "DROP TRIGGER IF EXISTS claims_tally_delete",
    "DROP TRIGGER IF EXISTS claims_tally_update",
    "DROP TRIGGER IF EXISTS claims_tally_article",
]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: Any) -> None:
    """Create the triggers (PostgreSQL or SQLite) and count the claims there are."""
    if connection.vendor == "postgresql":
        _run(connection, PG_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE_INSTALL)
    else:
        raise NotImplementedError(f"no claim tally triggers for {connection.vendor}")
    _run(connection, REBUILD)


def remove(connection: Any) -> None:
    _run(connection, PG_REMOVE if connection.vendor == "postgresql" else SQLITE_REMOVE)


def rebuild_tally() -> None:
    """Recount the tally from the claims (after a restore that bypassed the triggers)."""
    from django.db import connection, transaction

    with transaction.atomic():
        _run(connection, REBUILD)
