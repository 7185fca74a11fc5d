"""kehoach on Apache Spark: extract a corpus on the executors with the kehoach binary, write
the records as partitioned JSON Lines and the six tables as Parquet, and answer with Spark SQL
what analysts ask of the whole corpus (who cites a directive, the most cited, the per-province
uptake table).

    spark-submit scale/spark/kehoach_spark.py --binary target/release/kehoach --out OUT PATH...
    spark-submit scale/spark/kehoach_spark.py --binary … --out OUT --list paths.txt
    spark-submit scale/spark/kehoach_spark.py --binary … --out OUT --files 'hdfs:///plans/*.docx'

How it runs (see README.md beside this file):
- The driver plans the requests. For PATHs it asks the binary (`kehoach extract --list`), so the
  ids, skips and exact duplicates are those of `kehoach extract`; `--list FILE` takes request
  lines or plain paths as they are; `--files GLOB` reads the files with `binaryFiles` (any
  Hadoop file system), and each executor writes its partition's files to a local temporary
  folder before extraction (ids: the file's name without extension; the record's `source` is
  the file's URI, through the request's `"source"`).
- The binary and, with `--lexicon DIR`, the lexicon are shipped with `SparkContext.addFile`:
  every executor runs the same build with the same vocabularies. The lexicon's files are
  hashed into `OUT/run.json`, so a run says which lexicon it used.
- Each partition goes through one `kehoach extract --stdin` process (the batch contract: one
  output line per request, in order, an error record for a line that fails), as `RDD.pipe`
  would feed it; a partition never fails for one bad file.
- Records go to `OUT/records/part-*` (JSON Lines, sorted by id), error records to
  `OUT/failures.jsonl`, the planning report (skips, duplicates) to `OUT/intake.txt`.
- The tables are built with Spark SQL from the records, with the columns and types of
  `kehoach export parquet`, in `OUT/tables/NAME/` (Parquet).
- The answers, computed with Spark SQL, go to `OUT/answers/`: `citers.json` (each
  `--citers` directive), `top.json` and `provinces.json` (the rules of `kehoach graph
  citers`, `graph top` and `report provinces`; `test_spark.py` checks they are equal).
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession, functions as F, types as T

RELIES = ("implements", "basis")  # the relations a plan stands on (docs/relations.md)
KEY_DIRECTIVES = 5  # report provinces: the five most cited are the key directives
TOP_DIRECTIVES = 5  # report provinces: top directives per province


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="*", help="files or folders (planned by `kehoach extract --list`)")
    p.add_argument("--binary", required=True, help="the kehoach binary (shipped to the executors)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--list", help="a file of request lines or paths, one a line")
    p.add_argument("--files", help="a Hadoop glob read with binaryFiles (hdfs://, s3a://, file://)")
    p.add_argument("--lexicon", help="a lexicon folder overriding the embedded one (pinned to the run)")
    p.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's default parallelism)")
    p.add_argument("--citers", default="33/CT-TTg", help="comma-separated directives (symbol or id) for answers/citers.json")
    p.add_argument("--top", type=int, default=20, help="rows of answers/top.json")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    a = p.parse_args(argv)
    if sum(map(bool, (a.paths, a.list, a.files))) != 1:
        p.error("give exactly one of PATH…, --list FILE or --files GLOB")
    return a


def lexicon_pin(folder):
    """The lexicon's name and a hash of its files, for run.json."""
    if not folder:
        return {"lexicon": "embedded in the binary"}
    h = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read() + b"\0")
    return {"lexicon": os.path.abspath(folder), "lexicon_sha256": h.hexdigest()}


def plan(a):
    """Request lines and the planning report, on the driver."""
    if a.list:
        with open(a.list, encoding="utf-8") as f:
            return [l.rstrip("\n") for l in f if l.strip()], ""
    out = subprocess.run(
        [a.binary, "extract", "--list", *[os.path.abspath(p) for p in a.paths]],
        capture_output=True, text=True,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"kehoach extract --list failed: {out.stderr.strip()}")
    return out.stdout.splitlines(), out.stderr


def extract_partition(binary_name, lexicon_name):
    """The function each partition runs: one `kehoach extract --stdin` process."""

    def run(items):
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        cmd = [binary, "extract", "--stdin", "--no-progress", "--threads", "1"]
        if lexicon_name:
            cmd += ["--lexicon", SparkFiles.get(lexicon_name)]
        tmp = None
        lines = []
        for item in items:
            if isinstance(item, tuple):  # (path, bytes) from binaryFiles: a local copy
                tmp = tmp or tempfile.mkdtemp(prefix="kehoach-")
                path, data = item
                name = os.path.basename(path)
                stem = name.rsplit(".", 1)[0]
                local = os.path.join(tmp, f"{len(lines)}-{name}")
                with open(local, "wb") as f:
                    f.write(data)
                lines.append(json.dumps({"id": stem, "path": local, "source": path}, ensure_ascii=False))
            else:
                lines.append(item)
        if not lines:
            return iter(())
        try:
            p = subprocess.run(cmd, input="\n".join(lines) + "\n", capture_output=True, text=True)
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        out = p.stdout.splitlines()
        if p.returncode != 0 or len(out) != len(lines):
            raise RuntimeError(f"kehoach extract --stdin: exit {p.returncode}, {len(out)} lines for {len(lines)}: {p.stderr[-2000:]}")
        return iter(out)

    return run


def tag(line):
    """(id, is an error record, line), parsing the line once: an error record of the batch
    contract is `{schema_version, line, id, source, error}`, a record has `meta`."""
    j = json.loads(line)
    return j.get("id"), "error" in j and "meta" not in j, line


def col(df, path):
    """A column by dotted path, or null when no record has that field."""
    t = df.schema
    for part in path.split("."):
        if isinstance(t, T.ArrayType):
            t = t.elementType
        if not isinstance(t, T.StructType) or part not in t.fieldNames():
            return F.lit(None)
        t = t[part].dataType
    return F.col(path)


def tables(spark, recs):
    """The six tables of `kehoach export parquet`, from the records (Spark SQL)."""
    s = lambda c: c.cast("string")
    i = lambda c: c.cast("bigint")
    d = lambda c: F.to_date(c)
    arr = lambda c: F.coalesce(c.cast("array<string>"), F.array().cast("array<string>"))
    size = lambda c: i(F.coalesce(F.size(c), F.lit(0)))
    m = lambda f: col(recs, "meta." + f)
    docs = recs.select(
        s(F.col("id")).alias("id"), s(F.col("source")).alias("source"), s(m("number")).alias("number"),
        s(m("kind")).alias("kind"), d(m("date")).alias("date"), i(m("year")).alias("year"),
        s(m("place")).alias("place"), s(m("issuer")).alias("issuer"), s(m("level")).alias("level"),
        s(m("province")).alias("province"), s(m("province_2025")).alias("province_2025"),
        s(m("title")).alias("title"), s(m("signer.name")).alias("signer_name"),
        s(m("signer.role")).alias("signer_role"), s(m("signer.authority")).alias("signer_authority"),
        arr(m("recipients")).alias("recipients"), size(col(recs, "directives")).alias("directives"),
        size(col(recs, "units")).alias("units"), size(col(recs, "slogans")).alias("slogans"),
        size(col(recs, "deadlines")).alias("deadlines"), size(col(recs, "warnings")).alias("warnings"),
    )
    dirs = recs.select("id", "meta", F.explode_outer(col(recs, "directives")).alias("d")).where("d is not null")
    dd = lambda f: col(dirs, "d." + f)
    citations = dirs.select(
        s(F.col("id")).alias("doc_id"), s(dd("id")).alias("directive_id"), s(dd("kind")).alias("kind"),
        s(dd("symbol")).alias("symbol"), s(dd("number")).alias("number"), i(dd("year")).alias("year"),
        s(dd("issuer")).alias("issuer"), d(dd("date")).alias("date"), s(dd("system")).alias("system"),
        s(dd("name")).alias("name"), size(dd("mentions")).alias("mentions"),
        F.coalesce(s(F.element_at(dd("relations"), 1)), F.lit("reference")).alias("relation"),
        arr(dd("relations")).alias("relations"), s(dd("superseded_by.symbol")).alias("superseded_by"),
    )
    ment = dirs.select("id", "meta", "d", F.explode(dd("mentions")).alias("mt"))
    mm = lambda f: col(ment, "mt." + f)
    mmeta = lambda f: col(ment, "meta." + f)
    edges = ment.select(
        s(F.col("id")).alias("doc_id"), s(col(ment, "d.id")).alias("directive_id"), s(col(ment, "d.symbol")).alias("symbol"),
        i(mm("start")).alias("start"), i(mm("end")).alias("end"), s(mm("section")).alias("section"),
        s(mm("unit")).alias("unit"), d(mmeta("date")).alias("doc_date"), d(col(ment, "d.date")).alias("directive_date"),
        i(F.datediff(d(mmeta("date")), d(col(ment, "d.date")))).alias("lag_days"),
        s(mmeta("province")).alias("province"), s(mmeta("province_2025")).alias("province_2025"),
        s(mmeta("level")).alias("level"), s(mm("relation")).alias("relation"),
    )
    un = recs.select("id", F.explode(col(recs, "units")).alias("u"))
    uu = lambda f: col(un, "u." + f)
    units = un.select(
        s(F.col("id")).alias("doc_id"), s(uu("name")).alias("name"), s(uu("canonical")).alias("canonical"),
        s(uu("role")).alias("role"), arr(uu("tasks")).alias("tasks"), size(uu("mentions")).alias("mentions"),
        arr(uu("roles")).alias("roles"),
    )
    sl = recs.select("id", F.explode(col(recs, "slogans")).alias("x"))
    sx = lambda f: col(sl, "x." + f)
    slogans = sl.select(
        s(F.col("id")).alias("doc_id"), s(sx("canonical")).alias("canonical"), s(sx("text")).alias("text"),
        s(sx("kind")).alias("kind"), F.coalesce(sx("known").cast("boolean"), F.lit(False)).alias("known"),
        size(sx("mentions")).alias("mentions"),
    )
    dl = recs.select("id", F.explode(col(recs, "deadlines")).alias("x"))
    dx = lambda f: col(dl, "x." + f)
    deadlines = dl.select(
        s(F.col("id")).alias("doc_id"), s(dx("text")).alias("text"), d(dx("due")).alias("due"),
        s(dx("precision")).alias("precision"), s(dx("kind")).alias("kind"), s(dx("unit")).alias("unit"),
        s(dx("task")).alias("task"), i(dx("start")).alias("start"), i(dx("end")).alias("end"),
    )
    return {"documents": docs, "citations": citations, "units": units, "slogans": slogans, "deadlines": deadlines, "edges": edges}


def answers(spark, recs, t, citers_of, top_n):
    """Spark SQL answers, with the rules of the CLI (graph citers, graph top, report provinces)."""
    recs.select("id", F.coalesce(col(recs, "is_document"), F.lit(True)).alias("is_document")).createOrReplaceTempView("flags")
    for name, df in t.items():
        df.createOrReplaceTempView(name)
    q = spark.sql
    # The label of a directive: symbol, else name, else kind, else id, as the first citing
    # document (by id) writes it.
    q("""
      select c.*, coalesce(c.symbol, c.name, c.kind, c.directive_id) as label
      from citations c join flags f on f.id = c.doc_id where f.is_document
    """).createOrReplaceTempView("cites")
    q("select d.*, coalesce(d.province_2025, d.province) as group_province from documents d join flags f on f.id = d.id where f.is_document").createOrReplaceTempView("docs")
    out = {}
    # Who cites a directive (graph citers): one row per citing document, with its relation.
    rows = {}
    for want in [w.strip() for w in citers_of.split(",") if w.strip()]:
        rows[want] = [r.asDict() for r in q("""
          select c.doc_id as doc, c.directive_id as directive, d.issuer, d.province, d.province_2025, d.level,
                 cast(d.date as string) as date, cast(c.date as string) as directive_date,
                 datediff(d.date, c.date) as lag_days, c.mentions, c.relation, c.relations, d.kind
          from cites c join docs d on d.id = c.doc_id
          where c.symbol = :w or c.directive_id = :w
          order by d.date is null, d.date, c.doc_id
        """, args={"w": want}).collect()]
    out["citers"] = rows
    # The most cited (graph top): documents citing, then mentions, then id.
    out["top"] = [r.asDict() for r in q(f"""
      select directive_id as directive, min_by(label, doc_id) as label,
             count(*) as documents, sum(mentions) as mentions
      from cites group by directive_id
      order by documents desc, mentions desc, directive asc limit {int(top_n)}
    """).collect()]
    # The per-province uptake table (report provinces, default key directives).
    keys = [r.directive_id for r in q(f"""
      select directive_id, count(*) n from cites group by directive_id order by n desc, directive_id limit {KEY_DIRECTIVES}
    """).collect()]
    q("select * from docs where group_province is not null").createOrReplaceTempView("placed")
    q("""
      select p.group_province, c.*, p.date as plan_date,
             exists(c.relations, r -> r in ('implements', 'basis')) as relies
      from cites c join placed p on p.id = c.doc_id
    """).createOrReplaceTempView("pcites")
    provinces = {}
    for r in q("""
      select group_province, count(*) as documents, sort_array(collect_set(province)) as provinces
      from placed group by group_province
    """).collect():
        provinces[r.group_province] = {"province_2025": r.group_province, "documents": r.documents, "provinces": list(r.provinces)}
    for kind, col_sql in (("by_level", "coalesce(level, '?')"), ("by_year", "coalesce(cast(year as string), '?')")):
        for r in q(f"select group_province, {col_sql} as k, count(*) as n from placed group by 1, 2").collect():
            provinces[r.group_province].setdefault(kind, {})[r.k] = r.n
    for r in q(f"""
      select group_province, directive_id as id, label, documents from (
        select group_province, directive_id, min_by(label, doc_id) as label, count(*) as documents,
               row_number() over (partition by group_province order by count(*) desc, directive_id) as k
        from pcites group by group_province, directive_id) where k <= {TOP_DIRECTIVES}
      order by group_province, k
    """).collect():
        provinces[r.group_province].setdefault("top_directives", []).append({"id": r.id, "label": r.label, "documents": r.documents})
    relying = {(r.group_province, r.directive_id): r.n for r in q("""
      select group_province, directive_id, count(*) n from pcites where relies group by 1, 2
    """).collect()}
    for p in provinces.values():
        p["key_directives"] = [{"id": k, "documents": relying.get((p["province_2025"], k), 0)} for k in keys]
    # Uptake lag: relied-on citations dated on or before the plan; the median is the
    # upper middle of the sorted lags (the CLI's v[n/2]).
    for r in q("""
      select group_province, directive_id as id, size(l) as plans, l[0] as min_days,
             l[cast(floor(size(l) / 2) as int)] as median_days, l[size(l) - 1] as max_days
      from (select group_province, directive_id, sort_array(collect_list(datediff(plan_date, date))) as l
            from pcites where relies and plan_date is not null and date is not null and plan_date >= date
            group by 1, 2)
      order by group_province, plans desc, id
    """).collect():
        provinces[r.group_province].setdefault("uptake", []).append(
            {"id": r.id, "plans": r.plans, "min_days": r.min_days, "median_days": r.median_days, "max_days": r.max_days})
    for p in provinces.values():
        p.setdefault("top_directives", [])
        p.setdefault("uptake", [])
    ordered = sorted(provinces.values(), key=lambda p: (-p["documents"], p["province_2025"]))
    unknown = [r.id for r in q("select id from docs where group_province is null order by id").collect()]
    out["provinces"] = {"documents": q("select count(*) from docs").collect()[0][0], "key": keys, "provinces": ordered, "unknown": unknown}
    return out


def main(argv=None):
    a = parse_args(argv if argv is not None else sys.argv[1:])
    started = time.time()
    builder = SparkSession.builder.appName("kehoach")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    sc = spark.sparkContext
    timings = {"start": round(time.time() - started, 1)}
    lap = lambda name: timings.__setitem__(name, round(time.time() - started - sum(timings.values()), 1))
    os.makedirs(a.out, exist_ok=True)
    binary = os.path.abspath(a.binary)
    sc.addFile(binary)
    lexicon_name = None
    if a.lexicon:
        sc.addFile(os.path.abspath(a.lexicon), recursive=True)
        lexicon_name = os.path.basename(os.path.abspath(a.lexicon))
    parts = a.partitions or sc.defaultParallelism
    if a.files:
        requests = sc.binaryFiles(a.files, minPartitions=parts)
        intake, planned = "", None
    else:
        lines, intake = plan(a)
        planned = len(lines)
        requests = sc.parallelize(lines, max(1, min(parts, len(lines) or 1)))
    with open(os.path.join(a.out, "intake.txt"), "w", encoding="utf-8") as f:
        f.write(intake)
    lap("plan")
    # Each output line is parsed once (tag); the sorted records are kept for the tables.
    out = requests.mapPartitions(extract_partition(os.path.basename(binary), lexicon_name)).map(tag).cache()
    failed = out.filter(lambda t: t[1]).map(lambda t: t[2]).collect()
    with open(os.path.join(a.out, "failures.jsonl"), "w", encoding="utf-8") as f:
        for l in failed:
            f.write(l + "\n")
    records = out.filter(lambda t: not t[1]).map(lambda t: (t[0], t[2])).sortByKey().values().cache()
    records.saveAsTextFile(os.path.join(a.out, "records"))
    lap("extract")
    # Parsed once: the tables and the answers read the cached rows, not the JSON again.
    recs = spark.read.json(records).cache()
    t = {name: df.cache() for name, df in tables(spark, recs).items()}
    for name, df in t.items():
        df.write.mode("overwrite").parquet(os.path.join(a.out, "tables", name))
    lap("tables")
    ans = answers(spark, recs, t, a.citers, a.top)
    lap("answers")
    os.makedirs(os.path.join(a.out, "answers"), exist_ok=True)
    for name, v in ans.items():
        with open(os.path.join(a.out, "answers", f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(v, f, ensure_ascii=False, indent=1, default=str)
    n_records, n_failed = recs.count(), len(failed)
    run = {
        "schema_version": 1, "binary": binary, **lexicon_pin(a.lexicon), "master": sc.master,
        "partitions": out.getNumPartitions(), "requests": planned, "records": n_records, "failures": n_failed,
        "seconds": round(time.time() - started, 1), "stage_seconds": timings,
    }
    with open(os.path.join(a.out, "run.json"), "w", encoding="utf-8") as f:
        json.dump(run, f, ensure_ascii=False, indent=1)
    print(json.dumps(run, ensure_ascii=False))
    spark.stop()


if __name__ == "__main__":
    main()
