//! The grammar of time expressions, applied to LOWERCASE text at a given start.
//!
//! An expression is one or more atoms joined by connectors, plus optional tails:
//! - atoms: a day (`ngày 20/6/2025`, `20/6`, `31 tháng 3`), a month (`tháng 8/2025`,
//!   `tháng 9-11/2025`), a quarter (`quý iii/2025`, `quý iii, iv/2025`), a half year
//!   (`6 tháng cuối năm 2025`), a year (`năm 2025`; a bare `2025` only where allowed);
//! - connectors: `-`, `đến (hết)`, `tới` make a range; `,`, `và`, `hoặc` between days make
//!   a LIST (several deadlines), between periods a range (`quý iv/2025 và quý i/2026`);
//! - a leading `từ` (`từ ngày 01/9 đến ngày 30/9/2025`, `từ nay đến hết năm 2025`);
//! - tails: `hằng năm`/`hàng tháng` … (recurring), `và các năm tiếp theo` (kept in the phrase).
//!
//! A missing year is taken from the next atom that has one, else from the plan year later.

use crate::domain::Precision;
use crate::extract::date::{day_month_at, quarter_number, Date};
use regex::Regex;
use std::sync::LazyLock;

/// The end point of an expression (the due time), year possibly missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// Day, month, year.
    Day(u32, u32, Option<i32>),
    /// Month, year.
    Month(u32, Option<i32>),
    /// Quarter 1–4, year.
    Quarter(u32, Option<i32>),
    /// Half 1–2, year.
    Half(u32, Option<i32>),
    /// Year.
    Year(i32),
}

impl Point {
    pub(super) fn year(self) -> Option<i32> {
        match self {
            Point::Day(_, _, y) | Point::Month(_, y) | Point::Quarter(_, y) | Point::Half(_, y) => y,
            Point::Year(y) => Some(y),
        }
    }

    fn or_year(self, fill: Option<i32>) -> Point {
        match self {
            Point::Day(d, m, None) => Point::Day(d, m, fill),
            Point::Month(m, None) => Point::Month(m, fill),
            Point::Quarter(q, None) => Point::Quarter(q, fill),
            Point::Half(h, None) => Point::Half(h, fill),
            p => p,
        }
    }

    /// The due date and precision, the plan year filling a missing year.
    pub(crate) fn resolve(self, plan_year: Option<i32>) -> Option<(Date, Precision)> {
        let y = self.year().or(plan_year)?;
        match self {
            Point::Day(d, m, _) => Date::new(y, m, d).map(|x| (x, Precision::Day)),
            Point::Month(m, _) => Date::end_of_month(y, m).map(|x| (x, Precision::Month)),
            Point::Quarter(q, _) => Date::end_of_quarter(y, q).map(|x| (x, Precision::Quarter)),
            Point::Half(h, _) => Date::end_of_half(y, h).map(|x| (x, Precision::Half)),
            Point::Year(_) => Date::end_of_year(y).map(|x| (x, Precision::Year)),
        }
    }
}

pub use crate::domain::DeadlineKind as Kind;

/// One parsed deadline: byte range relative to the parse start, end point, kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expr {
    /// Start (relative).
    pub start: usize,
    /// End (relative, exclusive).
    pub end: usize,
    /// Due point; None for recurring or continuous without a date.
    pub point: Option<Point>,
    /// Kind.
    pub kind: Kind,
}

/// Month atom: `tháng 8/2025` / `tháng 12 năm 2025` / `tháng 9-11/2025` / `tháng 3`.
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^tháng\s+(\d{1,2})(?:\s*-\s*(\d{1,2}))?            # tháng 9 | tháng 9-11
        (?:\s*[/.-]\s*((?:19|20)\d\d)|\s+năm\s+((?:19|20)\d\d))?(?-u:\b)   # /2025 | năm 2025
        ",
    )
    .expect("MONTH")
});

/// Quarter atom: `quý iii/2025` / `quý iii, iv/2025` / `quý iii năm 2026` / `quý 4`.
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^quý\s+(iv|i{1,3}|[1-4])(?-u:\b)                                       # quý iii
        ((?:\s*(?:,|và|-)\s*(?:quý\s+)?(?:iv|i{1,3}|[1-4])(?-u:\b))*)           # , iv | và quý iv
        (?:\s*[/.-]\s*((?:19|20)\d\d)|\s*,?\s+năm\s+((?:19|20)\d\d))?(?-u:\b)  # /2025 | năm 2025
        ",
    )
    .expect("QUARTER")
});

/// Half-year atom: `6 tháng đầu năm 2025` / `06 tháng cuối năm`.
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^0?6\s+tháng\s+(đầu|cuối)\s+năm(?:\s+((?:19|20)\d\d)(?-u:\b))?  # 6 tháng cuối năm 2025")
        .expect("HALF")
});

/// Year atom: `năm 2025`; a bare `2025` (capture 2) only where allowed.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^năm\s+((?:19|20)\d\d)(?-u:\b)    # năm 2025
      | ^((?:19|20)\d\d)(?-u:\b)          # 2025
        ",
    )
    .expect("YEAR")
});

/// Connector between atoms: `-`, `đến hết`, `tới`, `,`, `và`, `hoặc` (capture 1 = list word).
static JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^\s*(?:-\s*|đến\s+(?:hết\s+)?|tới\s+)       # - | đến (hết) | tới : range
      | ^\s*(,|và|hoặc)\s*                           # , | và | hoặc : list
        ",
    )
    .expect("JOIN")
});

/// Opening of a range from now or from issue: `từ nay đến hết`, `từ ngày ban hành đến`.
static FROM_NOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^từ\s+(?:nay|ngày\s+ban\s+hành(?:\s+kế\s+hoạch)?)\s+đến\s+(?:hết\s+)?  # từ nay đến hết")
        .expect("FROM_NOW")
});

/// Recurrence tail: `hằng năm`, `hàng tháng` … (capture 1 = unit).
static EVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^\s*(?:hằng|hàng)\s+(quý|(?:năm|tháng|tuần|ngày)(?-u:\b))  # hằng năm").expect("EVERY")
});

/// Open tail kept in the phrase: `và các năm tiếp theo` (also cut: `và các năm tiếp`).
static ONWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^\s*và\s+(?:các|những)\s+năm\s+tiếp(?:\s+theo)?  # và các năm tiếp theo").expect("ONWARD")
});

/// Atom at the start of `s`: its point, its length, and whether it may be followed by more
/// days in a list. `bare_year` allows a bare `2025`; `ngày` may precede a day.
fn atom(s: &str, bare_year: bool) -> Option<(Point, usize, Option<Point>)> {
    if let Some(r) = s.strip_prefix("ngày") {
        let t = r.trim_start();
        if t.len() < r.len() {
            if let Some((d, m, y, n)) = day_month_at(t) {
                return Some((Point::Day(d, m, y), s.len() - t.len() + n, None));
            }
        }
    }
    if let Some((d, m, y, n)) = day_month_at(s) {
        return Some((Point::Day(d, m, y), n, None));
    }
    if let Some(c) = MONTH.captures(s) {
        let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
        let y = c.get(3).or(c.get(4)).and_then(|x| x.as_str().parse::<i32>().ok());
        let m1 = num(1).filter(|m| (1..=12).contains(m))?;
        let last = match num(2) {
            Some(m2) if (m1..=12).contains(&m2) => Point::Month(m2, y),
            Some(_) => return None,
            None => Point::Month(m1, y),
        };
        let first = (last != Point::Month(m1, y)).then_some(Point::Month(m1, y));
        return Some((last, c.get(0)?.end(), first));
    }
    if let Some(c) = QUARTER.captures(s) {
        let y = c.get(3).or(c.get(4)).and_then(|x| x.as_str().parse::<i32>().ok());
        let q1 = quarter_number(c.get(1)?.as_str())?;
        let list = c.get(2).map_or("", |x| x.as_str());
        let last =
            list.split(|ch: char| !ch.is_ascii_alphanumeric()).filter_map(quarter_number).next_back().unwrap_or(q1);
        let first = (last != q1).then_some(Point::Quarter(q1, y));
        return Some((Point::Quarter(last, y), c.get(0)?.end(), first));
    }
    if let Some(c) = HALF.captures(s) {
        let h = if c.get(1)?.as_str() == "đầu" { 1 } else { 2 };
        let y = c.get(2).and_then(|x| x.as_str().parse::<i32>().ok());
        return Some((Point::Half(h, y), c.get(0)?.end(), None));
    }
    let c = YEAR.captures(s)?;
    if c.get(2).is_some() && !bare_year {
        return None;
    }
    let y = c.get(1).or(c.get(2))?.as_str().parse().ok()?;
    Some((Point::Year(y), c.get(0)?.end(), None))
}

/// Parse the expression at the start of `s` (lowercase). Returns one [`Expr`] per deadline
/// (a list of days gives several), relative to `s`. `bare_year` allows bare `2025` atoms.
pub fn parse(s: &str, bare_year: bool) -> Vec<Expr> {
    let now = FROM_NOW.find(s).map(|m| m.end());
    let from = s.strip_prefix("từ ").map(|r| s.len() - r.trim_start().len());
    let mut pos = now.or(from).unwrap_or(0);
    let Some((p, n, inner)) = atom(&s[pos..], bare_year) else {
        return Vec::new();
    };
    // Groups: each a list item (start, end, points of its range).
    let mut items: Vec<(usize, usize, Vec<Point>)> =
        vec![(0, pos + n, [inner, Some(p)].into_iter().flatten().collect())];
    pos += n;
    while let Some(c) = JOIN.captures(&s[pos..]) {
        let j = c.get(0).map_or(0, |m| m.end());
        let list = c.get(1).is_some();
        let Some((p2, n2, inner2)) = atom(&s[pos + j..], bare_year || !list) else {
            break;
        };
        let last_is_day = matches!(items.last().and_then(|i| i.2.last()), Some(Point::Day(..)));
        if list && last_is_day && matches!(p2, Point::Day(..)) {
            items.push((pos + j, pos + j + n2, vec![p2]));
        } else if let Some(it) = items.last_mut() {
            it.1 = pos + j + n2;
            it.2.extend([inner2, Some(p2)].into_iter().flatten());
        }
        pos += j + n2;
    }
    let every = EVERY.captures(&s[pos..]);
    let recurring = every.as_ref().and_then(|c| c.get(0)).map(|m| m.end());
    let yearly = every.as_ref().is_some_and(|c| &c[1] == "năm");
    if let Some(e) = recurring {
        if let Some(it) = items.last_mut() {
            it.1 = pos + e;
        }
    } else if let Some(m) = ONWARD.find(&s[pos..]) {
        if let Some(it) = items.last_mut() {
            it.1 = pos + m.end();
        }
    }
    // A later year fills earlier atoms (`từ ngày 01/9 đến ngày 30/9/2025`, `20/6 và 20/9/2025`).
    let mut fill: Option<i32> = None;
    let mut out = Vec::with_capacity(items.len());
    for (st, en, pts) in items.into_iter().rev() {
        let last = pts.last().copied().map(|p| p.or_year(fill));
        fill = pts.iter().rev().find_map(|p| p.year()).or(fill);
        if now.is_none() && from.is_some() && pts.len() == 1 {
            continue; // `từ ngày 01/7/2025`: a start, not a due time
        }
        let kind = match (recurring, pts.len(), last) {
            (Some(_), _, _) => Kind::Recurring,
            (None, _, _) if now.is_some() => Kind::Range,
            (None, 1, Some(Point::Day(..))) => Kind::ByDate,
            (None, 1, _) => Kind::Period,
            _ => Kind::Range,
        };
        out.push(Expr { start: st, end: en, point: last, kind });
    }
    out.reverse();
    if recurring.is_some() && !yearly {
        // Monthly/weekly repetition: no single due date.
        out.iter_mut().for_each(|e| e.point = None);
    }
    out
}
