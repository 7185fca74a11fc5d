use super::*;
use crate::extract::Doc;

fn doc_of(raw: &str) -> (crate::normalize::Normalized, crate::lexicon::Lexicon, crate::gazetteer::Gazetteer) {
    (crate::normalize::normalize(raw), crate::lexicon::Lexicon::embedded(), crate::gazetteer::Gazetteer::embedded())
}

fn run(raw: &str, year: Option<i32>) -> Vec<Deadline> {
    let (n, lx, gz) = doc_of(raw);
    let doc = Doc::new(&n, &lx, &gz, 0);
    let meta = Meta { year, ..Meta::default() };
    extract(&doc, &meta, &[])
}

fn brief(raw: &str, year: Option<i32>) -> Vec<(String, Option<String>, String)> {
    run(raw, year).into_iter().map(|d| (d.text, d.due.map(|x| x.iso()), d.kind.name().to_string())).collect()
}

fn t(text: &str, due: Option<&str>, kind: &str) -> (String, Option<String>, String) {
    (text.to_string(), due.map(str::to_string), kind.to_string())
}

#[test]
fn seed_003_shape() {
    let raw = "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n1. Các sở căn cứ Kế hoạch này; báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) định kỳ 6 tháng, 9 tháng (trước ngày 20/6, ngày 20/9) và báo cáo năm (trước ngày 25/11/2024).\n";
    assert_eq!(
        brief(raw, None),
        vec![
            t("định kỳ 6 tháng, 9 tháng", None, "recurring"),
            t("trước ngày 20/6", Some("2024-06-20"), "by-date"),
            t("ngày 20/9", Some("2024-09-20"), "by-date"),
            t("trước ngày 25/11/2024", Some("2024-11-25"), "by-date"),
        ]
    );
}

#[test]
fn by_date_forms() {
    let raw = "- Báo cáo lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025 và báo cáo đột xuất.\n- Gửi hồ sơ chậm nhất là 17 giờ 00 ngày 01 tháng 2 năm 2026.\n- Rà soát, hoàn thành dứt điểm trước ngày 31/12/2025.\n- Báo cáo trước 15/12 hằng năm.\n- Báo cáo trước ngày 20 hằng tháng.\n";
    let v = brief(raw, Some(2025));
    assert_eq!(v[0], t("trước ngày 03/9/2025", Some("2025-09-03"), "by-date"));
    assert_eq!(v[1], t("trước ngày 03/12/2025", Some("2025-12-03"), "by-date"));
    assert_eq!(v[2], t("chậm nhất là 17 giờ 00 ngày 01 tháng 2 năm 2026", Some("2026-02-01"), "by-date"));
    assert_eq!(v[3], t("hoàn thành dứt điểm trước ngày 31/12/2025", Some("2025-12-31"), "by-date"));
    assert_eq!(v[4], t("trước 15/12 hằng năm", None, "recurring"), "every year: no one due date");
    assert_eq!(v[5], t("trước ngày 20 hằng tháng", None, "recurring"));
    assert_eq!(v.len(), 6);
}

#[test]
fn prose_periods_need_a_trigger() {
    let v = brief("Các xã hoàn thành trong tháng 11 năm 2025. Tổ chức hội nghị trong quý IV/2025.\nKết quả thực hiện trong năm 2025 rất tốt; hoàn thành trong năm 2026.\n", Some(2025));
    assert_eq!(v[0], t("hoàn thành trong tháng 11 năm 2025", Some("2025-11-30"), "period"));
    assert_eq!(v[1], t("trong quý IV/2025", Some("2025-12-31"), "period"));
    assert_eq!(v[2], t("hoàn thành trong năm 2026", Some("2026-12-31"), "period"));
    assert_eq!(v.len(), 3);
}

#[test]
fn recurring_phrases() {
    let v = brief("- Chính sách liên tục: định kỳ (hằng năm) đánh giá.\nBáo cáo số liệu định kỳ hàng tháng, quý, 6 tháng, 9 tháng, 01 năm và theo yêu cầu.\nĐịnh kỳ báo cáo UBND tỉnh theo quy định.\n", Some(2025));
    assert_eq!(v[0], t("định kỳ (hằng năm)", None, "recurring"));
    assert_eq!(v[1], t("định kỳ hàng tháng, quý, 6 tháng, 9 tháng, 01 năm", None, "recurring"));
    assert_eq!(v.len(), 2);
}

#[test]
fn negatives() {
    let raw = "KẾ HOẠCH\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; Quyết định ban hành ngày 06/8/2025.\nHà Nội, ngày 12 tháng 3 năm 2025\nĐại hội nhiệm kỳ 2026-2031; giai đoạn 2021-2025 đã đạt kết quả; kỷ niệm ngày 15/10/1930.\nCác văn bản ban hành trước ngày 01/7/2025 vẫn áp dụng. Cán bộ thường xuyên kiểm tra, giám sát.\nLuật có hiệu lực từ ngày 01/7/2025.\n";
    assert!(brief(raw, Some(2025)).is_empty(), "{:?}", brief(raw, Some(2025)));
}

#[test]
fn fields_and_continuous() {
    let raw = "1. Rà soát văn bản\n- Thời gian hoàn thành: Quý IV/2025 và Quý I/2026;\n- Đơn vị chủ trì: Văn phòng HĐND và UBND xã\n2. Tuyên truyền\nThời gian thực hiện: Thường xuyên.\nc) Thời gian thực hiện: Hoàn thành trong năm 2025.\n3. Thời gian thực hiện\nChương trình: Từ năm 2025 đến hết năm 2030.\nThời gian thực hiện: Từ ngày 17/12/2025 đến ngày 25/01/2026.\nThời gian thực hiện: Hằng năm.\nThường xuyên\n- Thời gian: Duy trì thường xuyên trong giờ hành chính.\nThời gian thực hiện: Giai đoạn 2026-2030 và những năm tiếp theo.\nThời gian thực hiện: Theo kế hoạch công tác hằng năm.\nThời gian thực hiện: Từ 01/7/2025.\n";
    let d = run(raw, Some(2025));
    let v: Vec<_> = d.iter().map(|d| (d.text.clone(), d.due.map(|x| x.iso()), d.kind.name().to_string())).collect();
    assert_eq!(v[0], t("Quý IV/2025 và Quý I/2026", Some("2026-03-31"), "range"));
    assert_eq!(d[0].task.as_deref(), Some("Rà soát văn bản"));
    assert_eq!(d[0].unit.as_deref(), Some("Văn phòng HĐND và UBND xã"));
    assert_eq!(d[0].precision.map(|p| p.name()), Some("quarter"));
    assert_eq!(v[1], t("Thường xuyên", None, "continuous"));
    assert_eq!(d[1].task.as_deref(), Some("Tuyên truyền"));
    assert_eq!(v[2], t("Hoàn thành trong năm 2025", Some("2025-12-31"), "period"));
    assert_eq!(v[3], t("Từ năm 2025 đến hết năm 2030", Some("2030-12-31"), "range"));
    assert_eq!(v[4], t("Từ ngày 17/12/2025 đến ngày 25/01/2026", Some("2026-01-25"), "range"));
    assert_eq!(v[5], t("Hằng năm", None, "recurring"));
    assert_eq!(v[6], t("Thường xuyên", None, "continuous"));
    assert_eq!(v[7], t("Duy trì thường xuyên", None, "continuous"));
    assert_eq!(v[8], t("Giai đoạn 2026-2030 và những năm tiếp theo", Some("2030-12-31"), "range"));
    assert_eq!(v.len(), 9);
}

/// Seed 004: a commune plan whose appendix table the normalizer leaves with glued cells.
const SEED_004: &str = include_str!("../../../data/corpus/004_370019b44abf7e3f.txt");

#[test]
fn table_cells() {
    let d = run(SEED_004, None);
    let v: Vec<_> = d.iter().map(|d| (d.text.clone(), d.due.map(|x| x.iso()), d.kind.name().to_string())).collect();
    assert_eq!(v[0], t("trước ngày 03/9/2025", Some("2025-09-03"), "by-date"));
    assert_eq!(v[1], t("trước ngày 03/12/2025", Some("2025-12-03"), "by-date"));
    let (d, v) = (&d[2..], &v[2..]);
    assert_eq!(v[0], t("Thường xuyên", None, "continuous"));
    assert!(d[0].task.as_deref().is_some_and(|s| s.starts_with("Phổ biến")));
    assert_eq!(v[1], t("Xong trước 05/9/2025", Some("2025-09-05"), "by-date"));
    assert!(d[1].task.as_deref().is_some_and(|s| s.starts_with("Tổ chức sơ kết 5 năm")));
    assert_eq!(v[2], t("6 tháng cuối năm 2025 và các năm tiếp theo", Some("2025-12-31"), "period"));
    assert_eq!(d[2].precision.map(|p| p.name()), Some("half"));
    assert_eq!(v[3], t("Quý III, IV/2025", Some("2025-12-31"), "range"));
    assert_eq!(d[3].task.as_deref(), Some("Thực hiện công khai tài chính, dự án, quy hoạch Phòng Kinh tế"));
    assert_eq!(v[5], t("6 tháng cuối năm 2025 và các năm tiếp theo", Some("2025-12-31"), "period"));
    assert_eq!(v[6], t("Hoàn thành trước ngày 30/8/2025", Some("2025-08-30"), "by-date"));
    assert_eq!(v[9], t("Tháng 9-11/2025", Some("2025-11-30"), "range"));
    assert_eq!(v[10], t("Thường xuyên", None, "continuous"));
    assert_eq!(v[12], t("Tháng 8/2025", Some("2025-08-31"), "period"));
    assert_eq!(v.len(), 13); // every row of the table
}

#[test]
fn table_years_only_in_a_time_column() {
    // Normalized as "Thời gian thực hiện 1" / "Ký cam kết" / "Sở Tư pháp 2026 - 2030" / "Tổng kết … 2025".
    let raw = "TT\n\nNhiệm vụ\n\nThời gian thực hiện\n\n1\n\nKý cam kết\n\nSở Tư pháp\n\n2026 - 2030\n\nTổng kết công tác năm 2025\n";
    assert_eq!(brief(raw, None), vec![t("2026 - 2030", Some("2030-12-31"), "range")]);
    assert!(brief("Giai đoạn\n\n2026 - 2030\n\nTháng 8/2025\n", None).is_empty());
}

#[test]
fn year_logic() {
    let m = Meta::default();
    assert_eq!(plan_year(&Meta { year: Some(2024), ..Meta::default() }, &[2030], ""), Some(2024));
    assert_eq!(
        plan_year(&Meta { date: crate::domain::Date::parse_iso("2023-05-02"), ..Meta::default() }, &[], ""),
        Some(2023)
    );
    assert_eq!(plan_year(&m, &[2024, 2025], "KẾ HOẠCH\nnăm 2023"), Some(2025));
    assert_eq!(plan_year(&m, &[], "KẾ HOẠCH\nCông tác dân vận năm 2024\nCăn cứ Luật năm 2015"), Some(2024));
    assert_eq!(plan_year(&m, &[], "KẾ HOẠCH\nCăn cứ Luật năm 2015"), None);
    // No plan year: a yearless date has no due.
    assert_eq!(brief("Báo cáo trước ngày 20/6.", None), vec![t("trước ngày 20/6", None, "by-date")]);
}

#[test]
fn historical_dates_dropped_and_no_panic() {
    let meta = Meta { date: crate::domain::Date::parse_iso("2025-11-10"), ..Meta::default() };
    let (n, lx, gz) =
        doc_of("Đã yêu cầu hoàn thành trước ngày 30 tháng 10 năm 2025. Nay hoàn thành trước ngày 06/12/2025.\n");
    let doc = Doc::new(&n, &lx, &gz, 0);
    let v = extract(&doc, &meta, &[]);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].due.map(|x| x.iso()).as_deref(), Some("2025-12-06"));
    let meta = Meta { date: crate::domain::Date::parse_iso("2025-11-24"), year: Some(2025), ..Meta::default() };
    let (n, lx, gz) = doc_of("Gửi báo cáo trước ngày 15/11 hằng năm.\n");
    let doc = Doc::new(&n, &lx, &gz, 0);
    let v = extract(&doc, &meta, &[]);
    assert_eq!(
        (v[0].due.map(|x| x.iso()).as_deref(), v[0].kind.name()),
        (None, "recurring"),
        "kept, without a due date"
    );
    let (n, lx, gz) = doc_of("Xây dựng kế hoạch hằng năm và định kỳ báo cáo kết quả trước ngày 20/11 về Sở Nội vụ.\n");
    let doc = Doc::new(&n, &lx, &gz, 0);
    let v = extract(&doc, &meta, &[]);
    assert_eq!((v[0].due.map(|x| x.iso()).as_deref(), v[0].kind.name()), (None, "recurring"), "{v:?}");
    for s in [
        "",
        "trước",
        "trước ngày",
        "Thời gian:",
        "Thời gian thực hiện\n",
        "định kỳ",
        "từ ngày 1/",
        "Quý IV/",
        "ngày 31/",
    ] {
        let _ = run(s, Some(2025));
    }
}

#[test]
fn target_years_but_not_spans_titles_or_as_of() {
    let raw = "2.1. Đến năm 2030\n- Phấn đấu đến hết năm 2026 đạt 30% doanh nghiệp.\n- Báo cáo kết quả đến ngày 30/9/2025.\nGiai đoạn từ năm 2025 đến năm 2027 tập trung đầu tư.\nTính đến ngày 31/10/2025, toàn tỉnh có 120 xã.\nĐến ngày 7 tháng 12 năm 2026, Học viện có 40 giáo sư.\nCăn cứ Quyết định số 1132/QĐ-TTg phê duyệt Chiến lược hạ tầng số đến năm 2025, tầm nhìn đến năm 2050.\n";
    let v = brief(raw, Some(2025));
    assert_eq!(
        v,
        vec![
            t("Đến năm 2030", Some("2030-12-31"), "target"),
            t("đến hết năm 2026", Some("2026-12-31"), "target"),
            t("đến ngày 30/9/2025", Some("2025-09-30"), "by-date"),
        ]
    );
}

#[test]
fn relative_weekly_and_periodic_forms() {
    let raw = "- Chuyển đơn đến cơ quan có thẩm quyền trong thời hạn 05 ngày kể từ ngày nhận đơn.\n- Niêm yết danh sách cử tri trước ngày bầu cử 10 ngày.\n- Báo cáo trước 15:00 ngày thứ Sáu hàng tuần; báo cáo Thủ tướng vào 15:00 ngày Chủ nhật hàng tuần.\n- Tổng hợp, báo cáo định kỳ và đột xuất.\n";
    let v = brief(raw, Some(2025));
    assert_eq!(
        v,
        vec![
            t("trong thời hạn 05 ngày kể từ ngày nhận đơn", None, "relative"),
            t("trước ngày bầu cử 10 ngày", None, "relative"),
            t("trước 15:00 ngày thứ Sáu hàng tuần", None, "recurring"),
            t("vào 15:00 ngày Chủ nhật hàng tuần", None, "recurring"),
            t("định kỳ và đột xuất", None, "recurring"),
        ]
    );
    // A provision quoted from a cited decree is not this document's deadline.
    let quoted = "Căn cứ Nghị định số 137/2018/NĐ-CP quy định: “Trong thời hạn 07 ngày làm việc, kể từ ngày kết thúc Đại hội, Ban chủ nhiệm gửi báo cáo”.\n";
    assert!(brief(quoted, Some(2025)).is_empty(), "{:?}", brief(quoted, Some(2025)));
    // Field values: "Lộ trình thực hiện:", a Markdown star, "ngày Tháng 11/2025".
    let fields =
        "- Lộ trình thực hiện: *Năm 2025 - 2026.\n- Thời gian hoàn thành: ngày Tháng 11/2025 (sau khi có hướng dẫn).\n";
    let v = brief(fields, Some(2025));
    assert_eq!(v[0].1.as_deref(), Some("2026-12-31"), "{v:?}");
    assert_eq!(v[1], t("Tháng 11/2025", Some("2025-11-30"), "period"), "{v:?}");
}

#[test]
fn a_completion_verb_earlier_in_the_clause_makes_a_year_due() {
    let v = brief("Bộ Xây dựng chỉ đạo hoàn thành Dự án vào năm 2026.\n", Some(2025));
    assert_eq!(v, vec![t("vào năm 2026", Some("2026-12-31"), "period")]);
    assert!(brief("Đã hoàn thành giai đoạn 1, vào năm 2026 sẽ mở rộng.\n", Some(2025)).is_empty());
    assert!(brief("Dự án khởi công vào năm 2026.\n", Some(2025)).is_empty());
}
