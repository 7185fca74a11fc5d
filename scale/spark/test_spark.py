"""The opt-in Spark test: run `kehoach_spark.py` in local mode with 2 workers over the given
corpus and check that it agrees with the CLI on the same files.

    python3 scale/spark/test_spark.py --binary target/release/kehoach data/corpus ../shared/corpus/real

Checks, each printed as one line:
- records: the JSON Lines of the job equal `kehoach extract PATH…`'s, byte for byte and in order;
- tables: each of the six Parquet tables equals `kehoach export parquet`'s (same columns and
  types, the same rows as a multiset);
- citers: `answers/citers.json` equals `kehoach graph citers D --json` (per document: relation,
  mentions, dates, lag, issuer, place, level, kind);
- top: `answers/top.json` equals `kehoach graph top --json --limit N` (order included);
- provinces: `answers/provinces.json` equals `kehoach report provinces --format json`
  (documents, old provinces, by level, by year, top and key directives, uptake lags; the
  documents of unknown province);
- files: a second run with `--files GLOB` (Spark's `binaryFiles`, staged to local copies) over
  the first path's `*.txt` gives `kehoach extract`'s records, `source` being the file's URI.
Exit 1 on the first difference. Needs pyspark (with a Java 17 runtime) and pyarrow.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ["documents", "citations", "units", "slogans", "deadlines", "edges"]


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def cli(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"kehoach {' '.join(args)}: exit {p.returncode}: {p.stderr[-1000:]}")
    return p.stdout


def norm_type(t):
    """A type up to the name of a list's item field (Spark writes `element`, Arrow `item`)."""
    return f"list<{t.value_type}>" if pa.types.is_list(t) else str(t)


def rows_of(table):
    cols = table.to_pydict()
    names = table.column_names
    return collections.Counter(
        tuple(tuple(v) if isinstance(v, list) else v for v in (cols[n][i] for n in names)) for i in range(table.num_rows)
    )


def glob_txt(folder):
    return [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".txt")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--citers", default="33/CT-TTg")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--keep", help="keep the outputs in this folder")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    paths = [os.path.abspath(p) for p in a.paths]
    work = a.keep or tempfile.mkdtemp(prefix="kehoach-spark-")
    out, ix, pqdir = (os.path.join(work, n) for n in ("spark", "index", "parquet"))

    # The CLI on one machine
    t0 = time.time()
    direct = cli(binary, "extract", "--no-progress", *paths).splitlines()
    cli_seconds = time.time() - t0
    cli(binary, "index", "--no-progress", "--index", ix, *paths)
    cli(binary, "export", "parquet", "--index", ix, "--out", pqdir)

    # The Spark job, local mode, 2 workers
    t0 = time.time()
    job = subprocess.run(
        [sys.executable, os.path.join(HERE, "kehoach_spark.py"), "--master", "local[2]", "--binary", binary,
         "--out", out, "--citers", a.citers, "--top", str(a.top), *paths],
        capture_output=True, text=True,
    )
    spark_seconds = time.time() - t0
    if job.returncode != 0:
        fail(f"the Spark job failed ({job.returncode}): {job.stderr[-3000:]}")
    run = json.loads(job.stdout.strip().splitlines()[-1])

    # records
    parts = sorted(p for p in os.listdir(os.path.join(out, "records")) if p.startswith("part-"))
    got = [l for p in parts for l in open(os.path.join(out, "records", p), encoding="utf-8").read().splitlines()]
    if got != direct:
        diff = next((i for i, (x, y) in enumerate(zip(got, direct)) if x != y), min(len(got), len(direct)))
        fail(f"records: {len(got)} from Spark, {len(direct)} from extract; first difference at line {diff + 1}")
    print(f"records: {len(got)} equal to kehoach extract, byte for byte, in {len(parts)} partitions")

    # tables
    for t in TABLES:
        mine = pq.read_table(os.path.join(pqdir, f"{t}.parquet"))
        theirs = pq.read_table(os.path.join(out, "tables", t))
        if theirs.column_names != mine.column_names:
            fail(f"tables/{t}: columns {theirs.column_names} != {mine.column_names}")
        for f in mine.schema:
            if norm_type(theirs.schema.field(f.name).type) != norm_type(f.type):
                fail(f"tables/{t}.{f.name}: Spark {theirs.schema.field(f.name).type}, kehoach {f.type}")
        a_rows, b_rows = rows_of(theirs), rows_of(mine)
        if a_rows != b_rows:
            extra, missing = list((a_rows - b_rows).elements())[:2], list((b_rows - a_rows).elements())[:2]
            fail(f"tables/{t}: rows differ; only in Spark {extra}, only in kehoach {missing}")
        print(f"tables/{t}: {mine.num_rows} rows equal to kehoach export parquet")

    # citers
    answers = {n: json.load(open(os.path.join(out, "answers", f"{n}.json"), encoding="utf-8")) for n in ("citers", "top", "provinces")}
    keys = ("doc", "directive", "issuer", "province", "province_2025", "level", "date", "directive_date", "lag_days", "mentions", "relation", "relations", "kind")
    for d in [x.strip() for x in a.citers.split(",") if x.strip()]:
        want = sorted((tuple(json.dumps(r.get(k), ensure_ascii=False) for k in keys) for r in map(json.loads, cli(binary, "graph", "citers", d, "--index", ix, "--json").splitlines())))
        have = sorted(tuple(json.dumps(r.get(k), ensure_ascii=False) for k in keys) for r in answers["citers"][d])
        if want != have:
            fail(f"citers {d}: Spark {len(have)} rows, CLI {len(want)}; first difference {next((x, y) for x, y in zip(have + [None] * 9, want + [None] * 9) if x != y)}")
        print(f"citers {d}: {len(want)} documents equal to kehoach graph citers")

    # top
    want = [{k: r[k] for k in ("directive", "label", "documents", "mentions")} for r in map(json.loads, cli(binary, "graph", "top", "--index", ix, "--json", "--limit", str(a.top)).splitlines())]
    if want != answers["top"]:
        fail(f"top: Spark {answers['top'][:3]} … CLI {want[:3]} …")
    print(f"top: {len(want)} directives equal to kehoach graph top, in order")

    # provinces
    rep = json.loads(cli(binary, "report", "provinces", "--index", ix, "--format", "json"))
    sp = answers["provinces"]
    if rep["documents"] != sp["documents"]:
        fail(f"provinces: documents {sp['documents']} != {rep['documents']}")
    if sorted(u["id"] for u in rep["unknown"]) != sp["unknown"]:
        fail("provinces: the documents of unknown province differ")
    if len(rep["provinces"]) != len(sp["provinces"]):
        fail(f"provinces: {len(sp['provinces'])} groups, CLI {len(rep['provinces'])}")
    for r, s in zip(rep["provinces"], sp["provinces"]):
        want = {
            "province_2025": r["province_2025"], "documents": r["documents"], "provinces": r["provinces"],
            "by_level": r["by_level"], "by_year": r["by_year"],
            "top_directives": [{k: x[k] for k in ("id", "label", "documents")} for x in r["top_directives"]],
            "key_directives": [{k: x[k] for k in ("id", "documents")} for x in r["key_directives"]],
            "uptake": [{k: x[k] for k in ("id", "plans", "min_days", "median_days", "max_days")} for x in r["uptake"]],
        }
        have = {k: s[k] for k in want}
        if want != have:
            diff = {k: (have[k], want[k]) for k in want if have[k] != want[k]}
            fail(f"provinces {r['province_2025']}: Spark != CLI: {json.dumps(diff, ensure_ascii=False)[:1500]}")
    print(f"provinces: {len(rep['provinces'])} provinces and {len(rep['unknown'])} documents of unknown province equal to kehoach report provinces")
    # --files: binaryFiles staged to local copies on the executors
    first = paths[0] if os.path.isdir(paths[0]) else os.path.dirname(paths[0])
    glob = "file://" + os.path.join(first, "*.txt")
    out2 = os.path.join(work, "spark-files")
    job2 = subprocess.run(
        [sys.executable, os.path.join(HERE, "kehoach_spark.py"), "--master", "local[2]", "--binary", binary,
         "--out", out2, "--files", glob],
        capture_output=True, text=True,
    )
    if job2.returncode != 0:
        fail(f"the --files job failed ({job2.returncode}): {job2.stderr[-3000:]}")
    want = {}
    for l in cli(binary, "extract", "--no-progress", *sorted(glob_txt(first))).splitlines():
        r = json.loads(l)
        r["source"] = "file:" + os.path.abspath(r["source"])
        want[r["id"]] = r
    parts = sorted(p for p in os.listdir(os.path.join(out2, "records")) if p.startswith("part-"))
    have = {}
    for p in parts:
        for l in open(os.path.join(out2, "records", p), encoding="utf-8"):
            r = json.loads(l)
            have[r["id"]] = r
    if not want or have != want:
        ids = sorted(set(have) ^ set(want)) or [i for i in want if have.get(i) != want[i]]
        fail(f"files: {len(have)} records, {len(want)} wanted; first difference {ids[:3]}")
    print(f"files: {len(have)} records from binaryFiles equal to kehoach extract (source = the file's URI)")

    n = len(direct)
    print(f"time: kehoach extract {cli_seconds:.1f} s; Spark job {spark_seconds:.1f} s in all ({run['seconds']} s in the job, "
          f"{n} documents, {run['partitions']} partitions, local[2])")


if __name__ == "__main__":
    main()
