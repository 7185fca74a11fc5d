//! A seeded generator of synthetic plan documents, for the benchmark harness only.
//!
//! Why: a national corpus has millions of documents, far more than any real
//! sample here; `examples/gen_synthetic.rs` writes a 1,000,000-document corpus
//! from this module so that ingest, index memory and query latency can be
//! measured at that scale. Every document is labelled *synthetic* wherever it is
//! reported. A document recombines real paragraphs (the pool given by the
//! caller) under a real-looking header whose issuer, province, place and date
//! are drawn from the gazetteer tables, and cites a few well-known directives of
//! `directives.tsv`. Output is a pure function of (seed, document number, pool,
//! tables): no global RNG, so documents can be generated in any order or in
//! parallel and stay byte-identical. Only the example touches the filesystem.

use std::collections::HashMap;
use std::fmt::Write;

/// SplitMix64: small, fast, good enough for sampling (not cryptographic).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one (seed, stream) pair.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next_u64();
        r
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A province of one era (`old`: the 63 before 1/7/2025, `new`: the 34 after).
#[derive(Debug, Clone)]
struct Province {
    code: String,
    kind: String,
    name: String,
}

/// A district or commune (kept under the code of its province).
#[derive(Debug, Clone)]
struct Unit {
    level: String,
    name: String,
}

/// A well-known directive: symbol, date (ISO), kind, issuer.
#[derive(Debug, Clone)]
struct Directive {
    symbol: String,
    date: (u32, u32, u32),
    kind: String,
    issuer: String,
}

/// The tables a generator draws from.
pub struct Tables {
    provinces: [Vec<Province>; 2],
    /// By old province code.
    districts: HashMap<String, Vec<Unit>>,
    /// By province code, per era.
    communes: [HashMap<String, Vec<Unit>>; 2],
    directives: Vec<Directive>,
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(|l| l.split('\t').collect())
}

fn ymd(iso: &str) -> Option<(u32, u32, u32)> {
    let mut it = iso.split('-').map(|x| x.parse::<u32>().ok());
    Some((it.next()??, it.next()??, it.next()??))
}

impl Tables {
    /// Parse the gazetteer (`provinces.tsv`, `districts.tsv`, `communes.tsv`) and `directives.tsv`.
    pub fn parse(provinces: &str, districts: &str, communes: &str, directives: &str) -> Self {
        let mut t = Tables {
            provinces: [Vec::new(), Vec::new()],
            districts: HashMap::new(),
            communes: [HashMap::new(), HashMap::new()],
            directives: Vec::new(),
        };
        for r in rows(provinces) {
            if r.len() >= 4 {
                let era = usize::from(r[1] == "new");
                t.provinces[era].push(Province { code: r[0].into(), kind: r[2].into(), name: r[3].into() });
            }
        }
        for r in rows(districts) {
            if r.len() >= 4 && r.get(4) != Some(&"hist") {
                t.districts.entry(r[0].into()).or_default().push(Unit { level: r[1].into(), name: r[2].into() });
            }
        }
        for r in rows(communes) {
            if r.len() >= 7 && r.get(8) != Some(&"hist") && matches!(r[4], "xã" | "phường" | "thị trấn") {
                let era = usize::from(r[0] == "new");
                t.communes[era].entry(r[1].into()).or_default().push(Unit { level: r[4].into(), name: r[5].into() });
            }
        }
        for r in directives.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect::<Vec<_>>()) {
            if let (4.., Some(date)) = (r.len(), r.get(1).and_then(|d| ymd(d))) {
                t.directives.push(Directive { symbol: r[0].into(), date, kind: r[2].into(), issuer: r[3].into() });
            }
        }
        t
    }

    /// The tables of this crate's `data/` directory (embedded at build time).
    pub fn embedded() -> Self {
        Tables::parse(
            include_str!("../../data/gazetteer/provinces.tsv"),
            include_str!("../../data/gazetteer/districts.tsv"),
            include_str!("../../data/gazetteer/communes.tsv"),
            include_str!("../../data/lexicon/directives.tsv"),
        )
    }
}

/// What the generator put in a document's header (to check the extraction against).
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    /// Own number and symbol, e.g. `123/KH-UBND`.
    pub number: String,
    /// ISO date.
    pub date: String,
    /// Province as of the date (name).
    pub province: String,
    /// Issuer level (`tỉnh`, `huyện`, `xã` …).
    pub level: String,
    /// Issuing body, written out (`Ủy ban nhân dân xã Ba Trại`).
    pub issuer: String,
    /// Symbols of the directives cited.
    pub cites: Vec<String>,
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct SynthDoc {
    /// The text.
    pub text: String,
    /// Its header, as generated.
    pub truth: Truth,
}

/// Paragraph pool + tables + seed.
pub struct Generator<'a> {
    pool: &'a [String],
    tables: &'a Tables,
    seed: u64,
}

const TOPICS: [&str; 8] = [
    "Triển khai thực hiện công tác dân vận chính quyền năm",
    "Thực hiện Quy chế dân chủ ở cơ sở năm",
    "Đẩy mạnh phong trào thi đua “Dân vận khéo” năm",
    "Cải cách hành chính và chuyển đổi số năm",
    "Phổ biến, giáo dục pháp luật năm",
    "Tiếp công dân, giải quyết khiếu nại, tố cáo năm",
    "Xây dựng nông thôn mới và đô thị văn minh năm",
    "Phòng, chống thiên tai và tìm kiếm cứu nạn năm",
];
const SURNAMES: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu"];
const GIVEN: [&str; 10] = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Tâm"];
const SECTIONS: [&str; 3] = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"];

fn upper(s: &str) -> String {
    s.to_uppercase()
}

impl<'a> Generator<'a> {
    /// A generator over a non-empty paragraph pool.
    pub fn new(pool: &'a [String], tables: &'a Tables, seed: u64) -> Self {
        assert!(!pool.is_empty(), "empty paragraph pool");
        Generator { pool, tables, seed }
    }

    /// Document number `i` (a pure function of the seed and `i`).
    pub fn document(&self, i: u64) -> SynthDoc {
        let mut r = Rng::new(self.seed, i);
        let t = self.tables;
        // Date: 2016 … mid-2026; the era follows the date (the July 2025 merger).
        let (y, m, d) = (r.range(2016, 2026), r.range(1, 12), r.range(1, 28));
        let (y, m) = if y == 2026 && m > 6 { (2025, m) } else { (y, m) };
        let era = usize::from((y, m) >= (2025, 7));
        let prov = r.pick(&t.provinces[era]).clone();
        let prov_line = format!("ỦY BAN NHÂN DÂN {} {}", upper(&prov.kind), upper(&prov.name));
        // Level: province, district (old era only) or commune; fall back to province.
        let roll = r.below(10);
        let mut lines: Vec<String> = Vec::new();
        let none = Vec::new();
        let units: &Vec<Unit> = match roll {
            0..=5 => t.communes[era].get(&prov.code).unwrap_or(&none),
            6..=7 if era == 0 => t.districts.get(&prov.code).unwrap_or(&none),
            _ => &none,
        };
        let (level, body_name) = if units.is_empty() {
            (prov.kind.clone(), prov.name.clone())
        } else {
            let u = &units[r.below(units.len())];
            lines.push(prov_line);
            (u.level.clone(), u.name.clone())
        };
        // Place line: the unit's own name, unless it is a number or letter-suffixed ("Phường 8",
        // "Tân Thành B", "Ea H'leo"): such headers name the province instead.
        let plain = body_name.split(' ').all(|w| w.chars().count() > 1 && w.chars().all(char::is_alphabetic));
        let place = if plain { body_name.clone() } else { prov.name.clone() };
        lines.push(format!("ỦY BAN NHÂN DÂN {} {}", upper(&level), upper(&body_name)));
        let number = format!("{}/KH-UBND", r.range(1, 480));
        lines.push(format!("Số: {number}"));
        lines.push("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into());
        lines.push("Độc lập - Tự do - Hạnh phúc".into());
        lines.push(format!("{place}, ngày {d} tháng {m} năm {y}"));
        lines.push(String::new());
        lines.push("KẾ HOẠCH".into());
        lines.push(format!("{} {y}", r.pick(&TOPICS)));
        lines.push(String::new());
        // Citations of well-known directives issued before the plan.
        let older: Vec<&Directive> = t.directives.iter().filter(|x| x.date < (y, m, d)).collect();
        let mut cites: Vec<String> = Vec::new();
        for _ in 0..r.range(1, 3).min(older.len() as u32) {
            let x = older[r.below(older.len())];
            if cites.contains(&x.symbol) {
                continue;
            }
            lines.push(format!(
                "Căn cứ {} số {} ngày {}/{}/{} của {};",
                x.kind, x.symbol, x.date.2, x.date.1, x.date.0, x.issuer
            ));
            cites.push(x.symbol.clone());
        }
        let issuer = format!("Ủy ban nhân dân {level} {body_name}");
        lines.push(format!("{issuer} ban hành Kế hoạch thực hiện như sau:"));
        for (k, s) in SECTIONS.iter().enumerate() {
            lines.push((*s).to_string());
            for _ in 0..r.range(1, if k == 1 { 3 } else { 2 }) {
                lines.push(r.pick(self.pool).clone());
            }
        }
        lines.push(String::new());
        lines.push("Nơi nhận:".into());
        lines.push("- Như trên;".into());
        lines.push("- Lưu: VT.".into());
        lines.push("TM. ỦY BAN NHÂN DÂN".into());
        lines.push("KT. CHỦ TỊCH".into());
        lines.push("PHÓ CHỦ TỊCH".into());
        lines.push(String::new());
        lines.push(format!("{} {} {}", r.pick(&SURNAMES), r.pick(&MIDDLE), r.pick(&GIVEN)));
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for l in &lines {
            let _ = writeln!(text, "{l}");
        }
        let truth = Truth { number, date: format!("{y:04}-{m:02}-{d:02}"), province: prov.name, level, issuer, cites };
        SynthDoc { text, truth }
    }
}

/// Paragraphs of a text worth recombining: lines of 40 to 320 bytes that are
/// not article or chapter headings (nor table rows or Markdown headings).
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| {
        (40..=320).contains(&l.len())
            && !l.starts_with(['|', '#'])
            && !l.starts_with("Điều ")
            && !l.starts_with("Chương ")
            && !l.starts_with("Đề mục")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_a_pure_function_of_seed_and_stream() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(7, 3).next_u64(), Rng::new(7, 4).next_u64());
        let mut r = Rng::new(1, 1);
        assert!((0..1000).all(|_| r.below(5) < 5));
    }

    #[test]
    fn tables_are_read() {
        let t = Tables::embedded();
        assert_eq!(t.provinces[0].len(), 63);
        assert_eq!(t.provinces[1].len(), 34);
        assert!(!t.communes[0].is_empty() && !t.communes[1].is_empty() && !t.districts.is_empty());
        assert!(t.directives.iter().any(|d| d.symbol == "16/CT-TTg"));
    }
}
