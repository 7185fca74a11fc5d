//! Tests of the time-expression grammar.
use super::forms::*;

fn one(s: &str, bare: bool) -> (String, Option<String>, &'static str, &'static str) {
    let v = parse(s, bare);
    assert_eq!(v.len(), 1, "{s}: {v:?}");
    let e = v[0];
    let r = e.point.and_then(|p| p.resolve(Some(2024)));
    (s[e.start..e.end].to_string(), r.map(|x| x.0.iso()), r.map_or("-", |x| x.1.name()), e.kind.name())
}

#[test]
fn periods_and_ranges() {
    assert_eq!(one("tháng 8/2025", false), ("tháng 8/2025".into(), Some("2025-08-31".into()), "month", "period"));
    assert_eq!(one("tháng 9-11/2025 x", false).1.as_deref(), Some("2025-11-30"));
    assert_eq!(one("tháng 9-11/2025", false).3, "range");
    assert_eq!(
        one("quý iii, iv/2025", false),
        ("quý iii, iv/2025".into(), Some("2025-12-31".into()), "quarter", "range")
    );
    assert_eq!(one("quý iii năm 2026", false).1.as_deref(), Some("2026-09-30"));
    assert_eq!(one("quý iv/2025- quý ii/2026", false).1.as_deref(), Some("2026-06-30"));
    assert_eq!(one("quý iv/2025 và quý i/2026;", false).1.as_deref(), Some("2026-03-31"));
    let h = one("6 tháng cuối năm 2025 và các năm tiếp theo", false);
    assert_eq!(
        (h.0.as_str(), h.1.as_deref(), h.2, h.3),
        ("6 tháng cuối năm 2025 và các năm tiếp theo", Some("2025-12-31"), "half", "period")
    );
    assert_eq!(one("6 tháng đầu năm 2025", false).1.as_deref(), Some("2025-06-30"));
    assert_eq!(one("năm 2025", false).2, "year");
    assert_eq!(one("2026 - 2030", true), ("2026 - 2030".into(), Some("2030-12-31".into()), "year", "range"));
    assert!(parse("2026 - 2030", false).is_empty());
    assert_eq!(one("từ ngày 01/9 đến ngày 30/9/2025", false).1.as_deref(), Some("2025-09-30"));
    assert_eq!(one("từ tháng 12/2025 đến quý i/2026.", false).1.as_deref(), Some("2026-03-31"));
    assert_eq!(one("từ nay đến hết năm 2025.", false).3, "range");
    assert_eq!(one("tháng 12 năm 2025", false).1.as_deref(), Some("2025-12-31"));
}

#[test]
fn days_lists_and_recurrence() {
    let v = parse("ngày 20/6, ngày 20/9) và", false);
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].point.and_then(|p| p.resolve(Some(2024))).map(|x| x.0.iso()).as_deref(), Some("2024-09-20"));
    let v = parse("ngày 01/6 và 15/11 hằng năm (hoặc", false);
    assert_eq!(v.iter().map(|e| e.kind).collect::<Vec<_>>(), vec![Kind::Recurring, Kind::Recurring]);
    assert_eq!(one("ngày 20 tháng 6", false).1.as_deref(), Some("2024-06-20"));
    assert_eq!(one("05/9/2025", false).3, "by-date");
    assert_eq!(one("ngày 15/12 hàng năm", false).3, "recurring");
    assert_eq!(one("tháng 3 đến tháng 11 hằng năm", false).1.as_deref(), Some("2024-11-30"));
    assert!(one("ngày 20/6/2025 hằng tháng", false).1.is_none());
}

#[test]
fn rejects() {
    assert!(parse("tháng 13/2025", false).is_empty());
    assert!(parse("ngày bầu cử", false).is_empty());
    assert!(parse("95 ngày", false).is_empty());
    assert!(parse("quý báu", false).is_empty());
    assert!(parse("2025", false).is_empty());
    assert!(parse("từ ngày 01/7/2025.", false).is_empty());
    let t = "ngày 10/12/2025 - 95 ngày";
    let v = parse(t, false);
    let s_of = |e: &Expr| t[e.start..e.end].to_string();
    assert_eq!((v.len(), &s_of(&v[0])[..]), (1, "ngày 10/12/2025"));
}
