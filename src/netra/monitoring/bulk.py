"""Plain prepared INSERTs for the ingest's hot path.

The ORM's `bulk_create` builds model instances and prepares every field of every row; at
thousands of posts a second that cost more than the screening (bench/monitoring_ingest.py).
Here a row is a tuple, only the fields whose database form differs (JSON, datetimes, bytes) are
converted, and the rows go in with one prepared statement on SQLite and COPY on PostgreSQL.

On PostgreSQL, Django's cursors bind parameters on the client: each value is quoted into the
statement's text, which the server parses again. Statements with array parameters of thousands
of values go through `bound_cursor` instead, which sends them apart from the statement; arrays
of 64-bit integers (the grouping keys, the ids) go in PostgreSQL's binary form (`array_param`),
made by NumPy in one pass, which neither side has to format or parse digit by digit.

On PostgreSQL the rows that go in whole (items, groups, new grouping keys) are written by COPY
in its binary format: the client sends each value as the server stores it, so neither side
formats or parses text (the items' signatures were hex, twice their size), and the new grouping
keys, three 64-bit integers a row, are laid out by NumPy in one pass (monitoring-33).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache, partial
from typing import Any

import numpy as np
from django.db import IntegrityError, connection, transaction
from django.db.models import Field, Model
from django.utils import timezone

# PostgreSQL takes at most 65,535 parameters a statement.
MAX_PARAMETERS = 60_000
# SQLite takes at most 32,766.
SQLITE_ROWS = 30_000
_CONVERTED = frozenset({"JSONField", "DateTimeField", "BinaryField"})
# PostgreSQL array types of the columns `upsert_latest` writes.
_ARRAY_TYPES = {"BigIntegerField": "bigint", "ForeignKey": "bigint", "BigAutoField": "bigint"}
# PostgreSQL array types of the columns `insert_rows` can unnest (else many rows a statement).
_UNNEST_TYPES = _ARRAY_TYPES | {"CharField": "text", "DateTimeField": "timestamptz"}
_INTEGERS = frozenset({"bigint", "integer", "smallint"})
# PostgreSQL's binary array format (array_recv): dimensions, a null flag, the element type's oid,
# then per dimension its length and lower bound; then each element's byte length and value.
_INT8_OID, _INT8_ARRAY_OID = 20, 1016
_ARRAY_HEADER = struct.Struct(">iiIii")
_EMPTY_HEADER = struct.Struct(">iiI")
_INT8_ELEMENT = np.dtype([("size", ">i4"), ("value", ">i8")])
# COPY's binary format: a signature, flags and a header extension length, then per row the field
# count and each field's byte length and value, then -1 as the count (the trailer).
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_COPY_TRAILER = struct.pack(">h", -1)


class Int8Array(bytes):
    """A `bigint[]` parameter already in PostgreSQL's binary form (`array_param`)."""


@cache
def _int8_array_dumper() -> type[Any]:
    from psycopg.adapt import Dumper
    from psycopg.pq import Format

    class Int8ArrayDumper(Dumper):
        format = Format.BINARY
        oid = _INT8_ARRAY_OID

        def dump(self, obj: Any) -> bytes:
            return bytes(obj)

    return Int8ArrayDumper


@contextmanager
def bound_cursor() -> Iterator[Any]:
    """PostgreSQL: a cursor on Django's connection (and transaction) that sends parameters
    apart from the statement (server-side binding), with Django's database errors."""
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.adapters.register_dumper(Int8Array, _int8_array_dumper())
        yield cursor


def array_param(values: Sequence[object], kind: str) -> str | Int8Array:
    """An array parameter for `bound_cursor` (cast to `kind[]` in the statement): 64-bit
    integers without NULLs in PostgreSQL's binary form, anything else as `array_literal`.

    For the ingest's arrays of 16,000 keys the binary form costs the client a sixth of the text
    (NumPy converts and byte-swaps the whole column at once) and spares the server parsing the
    digits (bench/monitoring_ingest.py)."""
    if kind != "bigint":
        return array_literal(values, kind)
    if not len(values):
        return Int8Array(_EMPTY_HEADER.pack(0, 0, _INT8_OID))
    column = np.asarray(values)
    if column.dtype.kind != "i" or column.ndim != 1:  # a NULL, a value out of range, not ints
        return array_literal(values, kind)  # (the server then says what is wrong)
    data = np.empty(len(column), dtype=_INT8_ELEMENT)
    data["size"] = 8
    data["value"] = column
    return Int8Array(_ARRAY_HEADER.pack(1, 0, _INT8_OID, len(column), 1) + data.tobytes())


def array_literal(values: Iterable[object], kind: str) -> str:
    """PostgreSQL's text form of an array of `kind` (`{1,2,NULL}`, `{"a","b \\"c\\""}`), to
    send as one parameter cast to `kind[]`. psycopg's array dumper calls a Python dumper per
    value: for the ingest's arrays of 16,000 keys five times the cost of this join."""
    if kind in _INTEGERS:
        listed = values if isinstance(values, list) else list(values)
        if None not in listed:
            return "{" + ",".join(map(str, listed)) + "}"
        return "{" + ",".join("NULL" if v is None else str(v) for v in listed) + "}"
    items: Sequence[Any] = values if isinstance(values, list | tuple) else list(values)
    if items and set(map(type, items)) == {str}:
        # Strings alone (the sightings' ids, authors, platforms; the content hashes): escaped in
        # one pass over them all, joined by NUL, which no PostgreSQL text can hold.
        joined = "\x00".join(items)
        if joined.count("\x00") == len(items) - 1:
            escaped = joined.replace("\\", "\\\\").replace('"', '\\"')
            return '{"' + escaped.replace("\x00", '","') + '"}'
    return "{" + ",".join(map(_array_element, items)) + "}"


def _array_element(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def insert_rows(
    model: type[Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    ignore_conflicts: bool = False,
    returning: str | None = None,
) -> list[Any]:
    """INSERT the rows (values in the order of `fields`); with `ignore_conflicts` a row that
    breaks a unique constraint is skipped, as `bulk_create(ignore_conflicts=True)` does. With
    `returning` (and `ignore_conflicts`), the values of that field of the rows inserted."""
    meta = model._meta
    columns: list[Field[object, object]] = [meta.get_field(name) for name in fields]  # type: ignore[misc]
    converters = [_converter(column) for column in columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.column) for column in columns)
    # Convert column by column: one call per converted value, none per plain one.
    values = [list(column) for column in zip(*rows, strict=True)]
    if not values:
        return []
    if connection.vendor == "postgresql" and not ignore_conflicts:
        _copy_binary(meta.db_table, columns, values)
        return []
    for index, convert in enumerate(converters):
        if convert is not None:
            values[index] = [convert(value) for value in values[index]]
    prepared: list[Any] = list(zip(*values, strict=True))
    row = f"({', '.join(['%s'] * len(columns))})"
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    # Table and column names are the model's own; every value is a parameter.
    insert = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES "  # noqa: S608
    back = ""
    if returning is not None:
        if not ignore_conflicts:
            raise ValueError("returning is for an insert that skips conflicts")
        back = f" RETURNING {quote(str(meta.get_field(returning).column))}"  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            if returning is None:
                # SQLite runs in this process: one prepared statement stepped per row is fastest.
                cursor.executemany(insert + row + conflict, prepared)
                return []
            inserted: list[Any] = []
            for start in range(0, len(prepared), SQLITE_ROWS // len(columns)):
                chunk = prepared[start : start + SQLITE_ROWS // len(columns)]
                cursor.execute(
                    insert + ", ".join([row] * len(chunk)) + conflict + back,
                    [value for line in chunk for value in line],
                )
                inserted.extend(value for (value,) in cursor.fetchall())
            return inserted
        # (Rows that go in whole went by COPY, above.) COPY cannot skip conflicts: one
        # statement, a column an array parameter.
        kinds = [_UNNEST_TYPES.get(column.get_internal_type()) for column in columns]
        if None not in kinds:
            arrays = ", ".join(f"%s::{kind}[]" for kind in kinds)
            unnest = f"{insert.removesuffix(' VALUES ')} SELECT * FROM unnest({arrays})"  # noqa: S608
            literals = [
                array_param(column, str(kind)) for column, kind in zip(values, kinds, strict=True)
            ]
            with bound_cursor() as bound:
                bound.execute(unnest + conflict + back, literals)
                return [value for (value,) in bound.fetchall()] if back else []
        # Else many rows a statement, not a round trip per row.
        per_statement = MAX_PARAMETERS // len(columns)
        inserted = []
        for start in range(0, len(prepared), per_statement):
            chunk = prepared[start : start + per_statement]
            cursor.execute(
                insert + ", ".join([row] * len(chunk)) + conflict + back,
                [value for line in chunk for value in line],
            )
            if back:
                inserted.extend(value for (value,) in cursor.fetchall())
        return inserted


def _copy_binary(
    table: str, columns: Sequence[Field[object, object]], values: list[list[Any]]
) -> None:
    """PostgreSQL: COPY the rows (`values` column by column, as the model's fields take them)
    in the binary format. Each value goes as the server stores it: a JSON column's value is
    dumped by psycopg (`json.dumps`, the text Django's adapter sends), a naive datetime is read
    in the connection's time zone (as the server reads one sent as text)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.column) for column in columns)
    for index, column in enumerate(columns):
        kind = column.get_internal_type()
        if kind == "DateTimeField":
            values[index] = [_aware(value) for value in values[index]]
        elif kind == "JSONField" and (encoder := getattr(column, "encoder", None)) is not None:
            from psycopg.types.json import Jsonb

            dumps = partial(json.dumps, cls=encoder)
            values[index] = [None if v is None else Jsonb(v, dumps) for v in values[index]]
    statement = f"COPY {quote(table)} ({names}) FROM STDIN (FORMAT BINARY)"
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        copy.set_types([_copy_type(column) for column in columns])
        for row in zip(*values, strict=True):
            copy.write_row(row)


def _copy_type(field: Field[object, object]) -> str:
    """The PostgreSQL type of the field's column as psycopg names it (no length: `varchar`)."""
    kind = str(field.db_type(connection))
    return kind.split("(", 1)[0].strip()


def _aware(value: object) -> object:
    if isinstance(value, datetime) and timezone.is_naive(value):
        return timezone.make_aware(value, connection.timezone)
    return value


def _converter(field: Field[object, object]) -> Callable[[object], object] | None:
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value  # type: ignore[return-value]
    if kind == "JSONField" and getattr(field, "encoder", None) is None:
        # The text Django's adapter would send (json.dumps without an encoder), without it.
        return _json_text
    if kind in _CONVERTED:
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _json_text(value: object) -> str:
    """`json.dumps(value)`; an empty list or dict (most of an item's JSON columns) without the
    encoder's setup."""
    if not value:
        if type(value) is list:
            return "[]"
        if type(value) is dict:
            return "{}"
    return json.dumps(value)


def upsert_latest(
    model: type[Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]] | Mapping[tuple[Any, ...], object],
    *,
    unique: Sequence[str],
    latest: str,
    stored: Collection[tuple[Any, ...]] | None = None,
) -> None:
    """INSERT the rows (plain values, no conversion); where a stored row has the same `unique`
    fields, raise its `latest` field to this row's value when that is larger. The rows must be
    unique on `unique` among themselves (PostgreSQL refuses to update one row twice).

    `stored`: the `unique` values of the rows the caller read as stored in this transaction.
    On PostgreSQL those rows are then raised by a plain UPDATE and the others inserted by a plain
    INSERT, which costs the server less than the upsert's speculative insertion and row lock
    (bench/monitoring_ingest.py); if another transaction wrote or removed one of them meanwhile, the
    rows concerned go through the upsert after all, so the outcome is the same.

    `rows` may be a mapping of the `unique` values to the `latest` value (when `fields` are
    just those): on that path no row tuple is made for the rows sorted into the two parts."""
    meta = model._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(str(meta.get_field(name).column))  # type: ignore[union-attr]

    names = ", ".join(column(name) for name in fields)
    table = quote(meta.db_table)
    target = ", ".join(column(name) for name in unique)
    kept = column(latest)
    if stored is not None and list(fields[: len(unique)]) != list(unique):
        raise ValueError("with stored, the unique fields must lead the fields")
    shaped = list(fields) == [*unique, latest]  # the unique fields, then the latest
    split = stored is not None and connection.vendor == "postgresql"
    prepared: list[Any]
    if isinstance(rows, Mapping):
        if not shaped:
            raise ValueError("rows by their unique fields need the fields: unique, then latest")
        if not rows:
            return
        by_unique = rows
        prepared = [] if split else [(*pair, value) for pair, value in rows.items()]
    else:
        prepared = rows if isinstance(rows, list) else [tuple(row) for row in rows]
        if not prepared:
            return
        width = len(unique)
        by_unique = {tuple(row[:width]): row[width] for row in prepared} if split and shaped else {}
        if len(by_unique) != len(prepared):
            split = False  # another shape: the upsert, row by row
    if split:
        prepared = _insert_or_raise(model, fields, by_unique, unique, stored or ())
        if not prepared:
            return
    # Table and column names are the model's own; every value is a parameter.
    update = (
        f" ON CONFLICT ({target}) DO UPDATE SET {kept} = excluded.{kept} "
        f"WHERE excluded.{kept} > {table}.{kept}"
    )
    if connection.vendor != "postgresql":
        values = f"({', '.join(['%s'] * len(fields))})"
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES {values}{update}",  # noqa: S608
                prepared,
            )
        return
    # One statement whatever the count: a column an array parameter, unnested into rows.
    types = [
        _ARRAY_TYPES[meta.get_field(name).get_internal_type()]  # type: ignore[union-attr]
        for name in fields
    ]
    arrays = ", ".join(f"%s::{kind}[]" for kind in types)
    # In the unique index's order: the index pages are visited in turn, not at random (the
    # ingest's keys are random 64-bit numbers): a sixth less of the server's time.
    order = ", ".join(str(list(fields).index(name) + 1) for name in unique)
    with bound_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) "  # noqa: S608
            f"ORDER BY {order}{update}",
            [
                array_param(column, kind)
                for column, kind in zip(zip(*prepared, strict=True), types, strict=True)
            ],
        )


def _insert_or_raise(
    model: type[Model],
    fields: Sequence[str],
    rows: Mapping[tuple[Any, ...], object],
    unique: Sequence[str],
    stored: Collection[tuple[Any, ...]],
) -> list[tuple[Any, ...]]:
    """PostgreSQL, for `upsert_latest`: raise the rows known stored with one UPDATE, insert the
    others with a plain INSERT (no speculative insertion, no row lock). `rows`: the latest
    value by the unique values (`fields` are those, then the latest). Returns the rows left
    for the upsert: all of a part whose count or uniqueness another transaction changed since
    the caller read (the upsert handles any state)."""
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = [str(meta.get_field(name).column) for name in fields]  # type: ignore[union-attr]
    width = len(unique)
    latest = fields[width]
    raised: list[tuple[Any, ...]] = []
    added: list[tuple[Any, ...]] = []
    for pair in rows:
        (raised if pair in stored else added).append(pair)
    types = [
        _ARRAY_TYPES[meta.get_field(name).get_internal_type()]  # type: ignore[union-attr]
        for name in fields
    ]
    alias = [f"c{index}" for index in range(len(fields))]
    # The rows in the unique index's order (sorted by the server): its pages visited in turn.
    # Table and column names are the model's own; every value is a parameter.
    source = (
        f"(SELECT * FROM unnest({', '.join(f'%s::{kind}[]' for kind in types)}) "  # noqa: S608
        f"AS v({', '.join(alias)}) ORDER BY {', '.join(alias[:width])}) AS v"
    )

    def literals(part: list[tuple[Any, ...]]) -> list[str | Int8Array]:
        columns = [*zip(*part, strict=True), [rows[pair] for pair in part]]
        return [array_param(values, kind) for values, kind in zip(columns, types, strict=True)]

    def whole(part: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [(*pair, rows[pair]) for pair in part]

    left: list[tuple[Any, ...]] = []
    if raised:
        kept = alias[list(fields).index(latest)]
        column = quote(names[list(fields).index(latest)])
        match = " AND ".join(f"t.{quote(names[i])} = v.{alias[i]}" for i in range(width))
        with bound_cursor() as cursor:
            # One descent of the unique index per row: the planner, misjudging the join, often
            # hashes the whole table instead (a cost growing with the table, not the batch).
            cursor.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off")
            cursor.execute(
                f"UPDATE {table} AS t SET {column} = GREATEST(t.{column}, v.{kept}) "  # noqa: S608
                f"FROM {source} WHERE {match}",
                literals(raised),
            )
            if cursor.rowcount != len(raised):  # one was removed meanwhile (a fold)
                left.extend(whole(raised))
            cursor.execute("RESET enable_hashjoin; RESET enable_mergejoin")
    if added:
        columns = [*zip(*added, strict=True), [rows[pair] for pair in added]]
        # COPY in the binary format, in the unique index's order: less of the server's time
        # than the INSERT of the unnested arrays, which it sorted. For bigint columns alone.
        int8 = all(_copy_type(meta.get_field(name)) == "bigint" for name in fields)  # type: ignore[arg-type]
        try:
            with transaction.atomic():  # a savepoint
                quoted = [quote(name) for name in names]
                if not (int8 and _copy_int8_rows(table, quoted, columns, width)):
                    with bound_cursor() as cursor:
                        cursor.execute(
                            f"INSERT INTO {table} ({', '.join(quote(name) for name in names)}) "  # noqa: S608
                            f"SELECT * FROM {source}",
                            [array_param(v, k) for v, k in zip(columns, types, strict=True)],
                        )
        except IntegrityError:  # another transaction stored one of them meanwhile
            left.extend(whole(added))
    return left


def _copy_int8_rows(
    table: str, names: Sequence[str], columns: Sequence[Sequence[Any]], width: int
) -> bool:
    """PostgreSQL: COPY rows of 64-bit integers (`columns` column by column), sorted by their
    first `width` columns, in COPY's binary format laid out by NumPy in one pass: a row is its
    field count, then each field's length (8) and big-endian value. False, and nothing sent,
    when a column holds anything else (a NULL, a value out of range): the caller's INSERT then
    lets the server say what is wrong."""
    arrays = [np.asarray(column) for column in columns]
    if any(array.dtype.kind != "i" or array.ndim != 1 for array in arrays):
        return False
    order = np.lexsort(arrays[:width][::-1])  # lexsort sorts by its last key first
    layout = [("count", ">i2")]
    for index in range(len(arrays)):
        layout += [(f"size{index}", ">i4"), (f"value{index}", ">i8")]
    data = np.empty(len(order), dtype=np.dtype(layout))
    data["count"] = len(arrays)
    for index, values in enumerate(arrays):
        data[f"size{index}"] = 8
        data[f"value{index}"] = values[order]
    statement = f"COPY {table} ({', '.join(names)}) FROM STDIN (FORMAT BINARY)"
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        copy.write(_COPY_SIGNATURE + data.tobytes() + _COPY_TRAILER)
    return True
