"""Backup and restore of everything Claimdesk holds, through Django's serializers.

Users, roles, tokens, outlets, articles and revisions, feeds and jobs, claims, verdicts,
sources, source archives and events go into one JSON Lines document (gzip-compressed for
``.jsonl.gz``), one row a line, with natural keys for users, groups and permissions, so it
loads into any empty, migrated database (SQLite or PostgreSQL) whatever ids the target
gives its users.

A backup changes nothing: times keep their microseconds (Django's own JSON encoder cuts
them to milliseconds, hence :class:`ExactJSONEncoder`), and every string comes back as it
was stored, control characters included (JSON escapes them). Backups were XML until
issue 17: XML 1.0 cannot hold most control characters at all (one such value in a
verdict's note made every backup fail) and Django's XML reader strips the spaces and line
breaks at both ends of every value. ``restore`` still reads those older ``.xml.gz`` files.

What a backup promises (README, "Operations"):

- It is one consistent snapshot: every table is read in one transaction (on PostgreSQL
  ``REPEATABLE READ``), so rows written meanwhile are either all in it or all out of it.
- It is written to a temporary file beside the target, readable by its owner only, and
  renamed to the target only once it is complete and on disk. A failed backup leaves
  nothing at the target path (a file already there stays as it was) and raises
  :class:`BackupError` saying why.
- ``verify=True`` restores the file, before it takes the target's name, into a scratch
  database (SQLite: a temporary file; PostgreSQL: a database created for it and dropped)
  and compares each table's row count and checksum with the snapshot's.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import lzma
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.utils import load_backend

from articles.models import Article, Outlet
from claims.models import Claim, ClaimTally

LABELS = [
    "auth.group",
    "auth.user",
    "authtoken.token",
    "articles",
    "claims",
]

# File names a backup may take, and how each is compressed (loaddata reads them all back).
COMPRESSIONS: dict[str, Callable[[IO[bytes], str], Any]] = {
    "gz": lambda raw, name: gzip.GzipFile(filename=name, mode="wb", fileobj=raw),
    "bz2": lambda raw, name: bz2.BZ2File(raw, mode="wb"),
    "xz": lambda raw, name: lzma.LZMAFile(raw, mode="wb"),
}
BATCH = 2000
# Tables the database derives from the others (triggers keep them): not written, since a
# restore rebuilds them as it inserts the claims, but verified like the rest. Compared
# without ids (rebuilt rows get new ones) and without the rows that count nothing.
DERIVED: dict[type[models.Model], Callable[[models.QuerySet[Any]], models.QuerySet[Any]]] = {
    ClaimTally: lambda rows: rows.exclude(n=0),
}


class BackupError(Exception):
    """A backup was not written; the message says why."""


class RestoreError(Exception):
    """A backup cannot be restored here; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    rows: int
    checksum: str


@dataclass
class BackupReport:
    path: Path
    size: int = 0
    # Filled in by a verified backup: each table's rows and checksum, as restored, and
    # where the restore was made.
    tables: dict[str, TableCheck] = field(default_factory=dict)
    verified_in: str = ""


# Writing -------------------------------------------------------------------------------


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, with times to the microsecond as they are stored."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


def backup_models() -> list[type[models.Model]]:
    """The models of LABELS, each after those its natural keys refer to (as dumpdata)."""
    app_list: dict[Any, list[type[models.Model]] | None] = {}
    for label in LABELS:
        app_label, _, model_name = label.partition(".")
        config = apps.get_app_config(app_label)
        if not model_name:
            app_list[config] = None
        elif (listed := app_list.setdefault(config, [])) is not None:
            listed.append(config.get_model(model_name))
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [model for model in ordered if not model._meta.proxy]


def _natural(model: type[models.Model]) -> bool:
    return hasattr(model, "natural_key")


def _objects(using: str) -> Iterator[models.Model]:
    for model in backup_models():
        if model in DERIVED:
            continue
        rows = model._base_manager.using(using).order_by(model._meta.pk.name)
        # The users that rows point at by natural key, in the same query.
        natural_fks = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and _natural(f.remote_field.model)  # type: ignore[union-attr]
        ]
        if natural_fks:
            rows = rows.select_related(*natural_fks)
        yield from rows.iterator(chunk_size=BATCH)


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction for every read of a backup: on PostgreSQL ``REPEATABLE READ``, so every
    table is read as it stood at the first read (SQLite's read transaction does the same)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _compression(path: Path) -> Callable[[IO[bytes], str], Any] | None:
    """How a backup named ``path`` is compressed; BackupError for a name restore cannot read."""
    suffixes = path.name.lower().split(".")[1:]
    if suffixes[-1:] == ["jsonl"]:
        return None
    if suffixes[-2:-1] == ["jsonl"] and suffixes[-1] in COMPRESSIONS:
        return COMPRESSIONS[suffixes[-1]]
    older = " (backups are JSON Lines since issue 17; restore still reads .xml.gz)"
    raise BackupError(
        f"{path.name}: a backup's file name ends in .jsonl.gz (or .jsonl, .jsonl.bz2, "
        f".jsonl.xz), which restore reads back{older if 'xml' in suffixes else ''}"
    )


def _write_rows(raw: IO[bytes], path: Path, using: str) -> None:
    compress = _compression(path)
    binary: IO[bytes] = compress(raw, path.name) if compress else raw
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
    jsonl.Serializer().serialize(
        _objects(using),
        stream=text,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
        cls=ExactJSONEncoder,
    )
    text.flush()
    text.detach()
    if binary is not raw:
        binary.close()  # the compressed stream's end; the file itself stays open


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable (where the platform allows it)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def backup_write(
    *, path: Path, verify: bool = False, using: str = DEFAULT_DB_ALIAS
) -> BackupReport:
    """Write every row to ``path`` (``.jsonl.gz``), through a temporary file beside it.

    With ``verify``, the file is restored into a scratch database and compared table by
    table before it takes its name. Raises :class:`BackupError`, leaving nothing at
    ``path`` (a file already there is left as it was), when anything fails.
    """
    path = Path(path)
    _compression(path)
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent}: no such folder")
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the backup file's name")
    try:
        descriptor, name = tempfile.mkstemp(
            dir=path.parent, prefix=".partial-", suffix=f"-{path.name}"
        )
    except OSError as error:
        raise BackupError(f"cannot write in {path.parent}: {error.strerror or error}") from error
    partial = Path(name)
    report = BackupReport(path=path)
    try:
        with os.fdopen(descriptor, "wb") as raw:
            with _snapshot(using):
                _write_rows(raw, path, using)
                expected = table_checksums(using) if verify else {}
            raw.flush()
            os.fsync(raw.fileno())
        if verify:
            report.tables, report.verified_in = verify_backup(partial, expected, using=using)
        os.replace(partial, path)
        _fsync_directory(path.parent)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, BackupError) or not isinstance(error, Exception):
            raise
        raise BackupError(_describe(error)) from error
    report.size = path.stat().st_size
    return report


def _describe(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}"
    return f"{type(error).__name__}: {error}"


# Checksums -----------------------------------------------------------------------------


class _Keys:
    """How a row is named across databases: by natural key for the models that have one
    (users, groups, permissions: their ids may differ after a restore), else by id."""

    def __init__(self, using: str) -> None:
        self.using = using
        self.found: dict[type[models.Model], dict[Any, list[Any]]] = {}

    def of(self, model: type[models.Model], pk: Any) -> Any:
        if pk is None or not _natural(model):
            return pk
        if model not in self.found:
            rows = model._base_manager.using(self.using).select_related()
            self.found[model] = {row.pk: list(row.natural_key()) for row in rows}  # type: ignore[attr-defined]
        return self.found[model].get(pk, ["missing", pk])


def _canonical(field: Any, value: Any, keys: _Keys) -> Any:
    """A stored value as comparable text: the same for a row and its restored copy."""
    if value is None:
        return None
    if field.is_relation:
        return keys.of(field.remote_field.model, value)
    if isinstance(field, models.JSONField):
        return json.dumps(value, sort_keys=True, ensure_ascii=True, default=str)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool | int):
        return value
    return str(value)


def _row_digest(values: list[Any]) -> bytes:
    return hashlib.sha256(json.dumps(values, ensure_ascii=True).encode()).digest()


def _table(table: str, digests: list[bytes]) -> TableCheck:
    """Rows in any order (ids of users may differ after a restore): sorted row digests."""
    whole = hashlib.sha256()
    for digest in sorted(digests):
        whole.update(digest)
    return TableCheck(table=table, rows=len(digests), checksum=whole.hexdigest())


def table_checksums(using: str = DEFAULT_DB_ALIAS) -> dict[str, TableCheck]:
    """Row count and checksum of each table a backup holds (many-to-many tables included),
    rows of users, groups and permissions named by natural key (their ids may differ)."""
    keys = _Keys(using)
    checks: dict[str, TableCheck] = {}
    for model in backup_models():
        opts = model._meta
        derived = DERIVED.get(model)
        fields = [
            f for f in opts.concrete_fields if not (f.primary_key and (_natural(model) or derived))
        ]
        rows = model._base_manager.using(using).order_by(opts.pk.name)
        if derived:
            rows = derived(rows)
        digests = [
            _row_digest([_canonical(f, v, keys) for f, v in zip(fields, values, strict=True)])
            for values in rows.values_list(*[f.attname for f in fields]).iterator(BATCH)
        ]
        checks[opts.db_table] = _table(opts.db_table, digests)
        for m2m in opts.local_many_to_many:
            through: Any = m2m.remote_field.through
            if not through._meta.auto_created:
                continue
            pairs = through._base_manager.using(using).values_list(
                m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            )
            target: Any = m2m.remote_field.model
            digests = [
                _row_digest([keys.of(model, a), keys.of(target, b)]) for a, b in pairs.iterator()
            ]
            checks[through._meta.db_table] = _table(through._meta.db_table, digests)
    return checks


# Verifying -----------------------------------------------------------------------------


@contextmanager
def scratch_database(using: str = DEFAULT_DB_ALIAS) -> Iterator[tuple[str, str]]:
    """A new, empty database beside ``using`` on the same server (SQLite: a temporary
    file), under a connection alias of its own; dropped afterwards.

    Yields the alias and a description of where it is.
    """
    source = connections[using]
    alias = f"backup_verify_{secrets.token_hex(4)}"
    config = dict(source.settings_dict)
    config["OPTIONS"] = {k: v for k, v in config.get("OPTIONS", {}).items() if k != "pool"}
    config["CONN_MAX_AGE"] = 0
    drop: Callable[[], None]
    if source.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="claimdesk-verify-")
        config["NAME"] = str(Path(folder) / "scratch.sqlite3")
        # A scratch copy: nothing to keep if the machine stops.
        config["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY"
        where = "a temporary SQLite file (deleted)"

        def drop() -> None:
            shutil.rmtree(folder, ignore_errors=True)

    elif source.vendor == "postgresql":
        name = f"{str(source.settings_dict['NAME'])[:40]}_verify_{secrets.token_hex(4)}"
        quoted = source.ops.quote_name(name)
        try:
            with source._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quoted}")
        except Exception as error:
            raise BackupError(
                f"cannot create a scratch database to verify the backup in ({error}); the "
                "database role needs the CREATEDB privilege"
            ) from error
        config["NAME"] = name
        where = f"the PostgreSQL database {name} (dropped)"

        def drop() -> None:
            with source._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")

    else:
        raise BackupError(f"cannot verify a backup on {source.vendor}")
    # A connection made here, not a configured database: nothing else (requests, tests,
    # connections.close_all()) sees it, and it is closed and forgotten below.
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias, where
    finally:
        connections[alias].close()
        del connections[alias]
        drop()


def verify_backup(
    path: Path, expected: dict[str, TableCheck], *, using: str = DEFAULT_DB_ALIAS
) -> tuple[dict[str, TableCheck], str]:
    """Restore ``path`` into a scratch database and compare every table with ``expected``.

    Returns the restored tables' checks and where they were made; raises
    :class:`BackupError` naming each table that differs.
    """
    with scratch_database(using) as (alias, where):
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        try:
            backup_restore(path=path, using=alias)
        except Exception as error:
            raise BackupError(f"the backup does not restore: {_describe(error)}") from error
        found = table_checksums(alias)
    differences = []
    for table in sorted(expected.keys() | found.keys()):
        want, got = expected.get(table), found.get(table)
        if want is None or got is None:
            differences.append(f"{table}: {'not restored' if got is None else 'not backed up'}")
        elif want.rows != got.rows:
            differences.append(f"{table}: {want.rows} rows in the database, {got.rows} restored")
        elif want.checksum != got.checksum:
            differences.append(f"{table}: the restored rows differ (checksum)")
    if differences:
        raise BackupError(
            "the backup restored into a scratch database does not match: " + "; ".join(differences)
        )
    return found, where


# Restoring -----------------------------------------------------------------------------


def restore_check_empty(using: str = DEFAULT_DB_ALIAS) -> None:
    if (
        Article.objects.using(using).exists()
        or Claim.objects.using(using).exists()
        or Outlet.objects.using(using).exists()
    ):
        raise RestoreError(
            "the database already holds articles or claims; restore into an empty, "
            "migrated database (for example a new DATABASE_URL after `manage.py migrate`)"
        )


def backup_restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Load a backup into an empty database, all or nothing."""
    path = Path(path)
    if not path.exists():
        raise RestoreError(f"{path}: no such file")
    with transaction.atomic(using=using):
        restore_check_empty(using)
        # A derived table is rebuilt as the claims go in: its rows in a backup written by
        # an older version would collide with the rebuilt ones.
        derived = [model._meta.label for model in DERIVED]
        call_command("loaddata", str(path.resolve()), database=using, exclude=derived, verbosity=0)


def archive_location() -> str:
    """Where the WARC records of source archives are (they are not in the backup file):
    a folder for the default storage, else the storage backend's name."""
    from django.conf import settings

    config = settings.STORAGES["archives"]
    location = config.get("OPTIONS", {}).get("location")
    return str(location) if location else str(config["BACKEND"])
