"""Read `export parquet`'s files back with pyarrow and DuckDB and compare them with `export csv`.

Usage: readback.py PARQUET_DIR CSV_DIR

For every table: the same columns in the same order, the same number of rows, and every value
equal to the CSV cell once rendered the CSV way (null -> empty, dates ISO, booleans true/false,
lists joined with the column's separator). Then the types: dates are DATE, counts are integers,
lists are lists, and string columns are dictionary-encoded. DuckDB must read every file, see
the same row counts, DATE columns and list columns, and answer a group-by equal to the CSV's.
Prints one line per table; exits 1 with the first difference.
"""
import csv
import datetime
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

LIST_SEP = {"recipients": " | ", "tasks": " | ", "relations": "|", "roles": "|"}
DATES = {"date", "due", "doc_date", "directive_date"}
INTS = {"year", "directives", "units", "slogans", "deadlines", "warnings", "mentions", "start", "end", "lag_days"}
TABLES = ["documents", "citations", "units", "slogans", "deadlines", "edges"]


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def as_csv(col, v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return LIST_SEP[col].join(v)
    return str(v)


def check(pq_dir, csv_dir):
    db = duckdb.connect()
    for t in TABLES:
        with open(csv_dir / f"{t}.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        head, body = rows[0], rows[1:]
        tab = pq.read_table(pq_dir / f"{t}.parquet")
        if tab.column_names != head:
            fail(f"{t}: columns {tab.column_names} != CSV {head}")
        if tab.num_rows != len(body):
            fail(f"{t}: {tab.num_rows} rows, CSV has {len(body)}")
        cols = tab.to_pydict()
        for i, row in enumerate(body):
            for j, name in enumerate(head):
                got = as_csv(name, cols[name][i])
                if got != row[j]:
                    fail(f"{t} row {i + 1} {name}: parquet {cols[name][i]!r} -> {got!r}, CSV {row[j]!r}")
        # types
        for field in tab.schema:
            n, ty = field.name, field.type
            if n in DATES and ty != pa.date32():
                fail(f"{t}.{n}: {ty}, want date32")
            if n in INTS and ty != pa.int64():
                fail(f"{t}.{n}: {ty}, want int64")
            if n in LIST_SEP and not pa.types.is_list(ty):
                fail(f"{t}.{n}: {ty}, want a list")
            if n == "known" and ty != pa.bool_():
                fail(f"{t}.{n}: {ty}, want bool")
        meta = pq.ParquetFile(pq_dir / f"{t}.parquet").metadata
        if meta.num_row_groups:
            rg = meta.row_group(0)
            for c in range(rg.num_columns):
                cc = rg.column(c)
                if cc.physical_type == "BYTE_ARRAY" and cc.path_in_schema in ("doc_id", "kind", "level", "relation", "role", "province_2025"):
                    if not any("DICTIONARY" in e for e in cc.encodings):
                        fail(f"{t}.{cc.path_in_schema}: encodings {cc.encodings}, want a dictionary")
        # DuckDB reads the same file with the same types
        path = str(pq_dir / f"{t}.parquet")
        n = db.execute(f"select count(*) from read_parquet('{path}')").fetchall()[0][0]
        if n != len(body):
            fail(f"{t}: DuckDB counts {n}, CSV {len(body)}")
        types = dict((r[0], r[1]) for r in db.execute(f"describe select * from read_parquet('{path}')").fetchall())
        for name, ty in types.items():
            if name in DATES and ty != "DATE":
                fail(f"{t}.{name}: DuckDB type {ty}")
            if name in LIST_SEP and ty != "VARCHAR[]":
                fail(f"{t}.{name}: DuckDB type {ty}")
        key = head[1] if t != "documents" else "province_2025"
        k = head.index(key)
        want = Counter(r[k] for r in body)
        got = {("" if a is None else as_csv(key, a)): b for a, b in db.execute(f'select "{key}", count(*) from read_parquet(\'{path}\') group by 1').fetchall()}
        if got != dict(want):
            fail(f"{t}: DuckDB group by {key} differs from the CSV")
        print(f"{t}: {len(body)} rows, {len(head)} columns equal to the CSV (pyarrow and DuckDB)")


if __name__ == "__main__":
    check(Path(sys.argv[1]), Path(sys.argv[2]))
