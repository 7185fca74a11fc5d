use super::*;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::normalize::normalize;
use crate::record::Relation;

fn run(raw: &str) -> (Vec<Directive>, Vec<String>) {
    run_with(raw, &Meta::default())
}

fn run_with(raw: &str, meta: &Meta) -> (Vec<Directive>, Vec<String>) {
    let n = normalize(raw);
    let (lx, gz) = (Lexicon::embedded(), Gazetteer::embedded());
    let doc = Doc::new(&n, &lx, &gz, 0);
    extract(doc_ref(&doc), meta)
}

fn doc_ref<'a>(d: &'a Doc<'a>) -> &'a Doc<'a> {
    d
}

fn ids(raw: &str) -> Vec<String> {
    run(raw).0.into_iter().map(|d| d.id.0).collect()
}

#[test]
fn state_directive_with_date_and_issuer() {
    let (d, _) = run("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường");
    assert_eq!(d.len(), 1);
    let x = &d[0];
    assert_eq!(x.kind.as_deref(), Some("Chỉ thị"));
    assert_eq!(x.symbol.as_deref(), Some("33/CT-TTg"));
    assert_eq!(x.number.as_deref(), Some("33"));
    assert_eq!(x.year, Some(2021));
    assert_eq!(x.date.map(|x| x.iso()).as_deref(), Some("2021-11-26"));
    assert_eq!(x.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    assert_eq!(x.system, System::State);
    assert_eq!(x.id.0, "nn:ttg:CT:2021:33");
}

#[test]
fn normative_party_joint_and_cong_van() {
    assert_eq!(ids("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ"), ["nn:cp:ND:2023:59"]);
    assert_eq!(ids("Quyết định số 29/2022/QĐ-UBND ngày 04/8/2022"), ["nn:ubnd:QD:2022-08-04:29"]);
    assert_eq!(ids("Công văn số 2953/UBND-NC ngày 12/5/2023"), ["nn:ubnd:CV:2023-05-12:2953:NC"]);
    assert_eq!(ids("Chỉ thị số 49-CT/TW ngày 20/10/2015 của Ban Bí thư"), ["dang:tw:CT:2015:49"]);
    assert_eq!(ids("Kết luận số 114-KL/TW ngày 14/7/2015"), ["dang:tw:KL:2015:114"]);
    let (d, _) =
        run("Kế hoạch số 49-KH/UBND-BDVTU ngày 22/02/2024 giữa Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy về");
    assert_eq!(d[0].system, System::Joint);
    assert_eq!(d[0].id.0, "lien:ubnd+bdvtu:KH:2024-02-22:49");
}

#[test]
fn enumerations_and_ocr_spacing() {
    let (d, _) = run("theo Quyết định số 217, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị ban hành");
    let syms: Vec<_> = d.iter().map(|x| x.symbol.clone().unwrap()).collect();
    assert_eq!(syms, ["217-QĐ/TW", "218-QĐ/TW"]);
    assert!(d.iter().all(|x| x.date.map(|x| x.iso()).as_deref() == Some("2013-12-12")));
    let syms = |s: &str| run(s).0.into_iter().map(|x| x.symbol.unwrap()).collect::<Vec<_>>();
    assert_eq!(syms("Kết luận số 120 -KL/TW"), ["120-KL/TW"]);
    assert_eq!(syms("Quyết định số 23- QĐ/TW ngày 30/7/2021"), ["23-QĐ/TW"]);
    assert_eq!(syms("Chỉ thị số 33/CT- \n\nTTg ngày 26/11/2021"), ["33/CT-TTg"]);
    assert_eq!(syms("Kết luận số 114- \n\nKL/TW ngày 14/7/2015"), ["114-KL/TW"]);
}

#[test]
fn same_symbol_two_issuers_two_dates_are_two_documents() {
    let t = "Kế hoạch số 149/KH-UBND ngày 09/5/2023 của UBND thành phố và Kế hoạch số 149/KH-UBND ngày 30/5/2023 của UBND quận";
    let (d, _) = run(t);
    assert_eq!(d.len(), 2);
    assert_ne!(d[0].id, d[1].id);
    assert_eq!(d[0].issuer.as_deref(), Some("UBND thành phố"));
    // an undated later mention joins the dated one when unambiguous
    let (d, _) = run("Chỉ thị số 06-CT/TU ngày 14/01/2016 của Ban thường vụ Tỉnh ủy; thực hiện Chỉ thị số 06-CT/TU.");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].mentions.len(), 2);
}

#[test]
fn missing_number_is_kept_with_a_warning() {
    let (d, w) = run("và Nghị định số ngày 09/01/2015 của Chính phủ về thực hiện dân chủ");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].symbol, None);
    assert_eq!(d[0].kind.as_deref(), Some("Nghị định"));
    assert_eq!(d[0].date.map(|x| x.iso()).as_deref(), Some("2015-01-09"));
    assert_eq!(d[0].issuer.as_deref(), Some("Chính phủ"));
    assert_eq!(w.len(), 1);
}

#[test]
fn laws_by_name() {
    let (d, _) = run("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022; Nghị định số 59/2023/NĐ-CP");
    assert_eq!(d[0].kind.as_deref(), Some("Luật"));
    assert_eq!(d[0].id.0, "nn:qh15:LUAT:2022:10");
    assert_eq!(d[0].date.map(|x| x.iso()).as_deref(), Some("2022-11-10"));
    let (d, _) = run("Căn cứ Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13, ngày 09/6/2015");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].symbol.as_deref(), Some("75/2015/QH13"));
    assert_eq!(d[0].kind.as_deref(), Some("Luật"));
    // not laws
    assert!(run("Đoàn Luật sư tỉnh Bình Thuận; pháp luật của Nhà nước").0.is_empty());
}

#[test]
fn not_citations() {
    for t in [
        "góp phần cải thiện các Chỉ số cải cách hành chính (PAR INDEX)",
        "xây dựng chính quyền điện tử, chính quyền số, chuyển đổi số",
        "(Kèm theo Kế hoạch số          /KH-UBND ngày    tháng    năm 2025 của UBND xã Đại Sơn)",
        "giai đoạn 2021-2025 và nhiệm kỳ 2025-2030; ngày 26/11/2021",
    ] {
        assert!(run(t).0.is_empty(), "{t}: {:?}", run(t).0);
    }
}

#[test]
fn own_number_is_excluded() {
    let meta = Meta { number: Some("10/KH-UBND".into()), ..Meta::default() };
    let (d, _) = run_with("Số: 10/KH-UBND\nThực hiện Kế hoạch số 41/KH-UBND ngày 23/02/2024", &meta);
    assert_eq!(d.iter().map(|x| x.symbol.clone().unwrap()).collect::<Vec<_>>(), ["41/KH-UBND"]);
}

#[test]
fn congress_resolution() {
    let (d, _) = run("như: Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; Quyết định");
    assert_eq!(d[0].id.0, "dang:daihoi@toanquoc:NQ:XIII");
}

#[test]
fn law_names_with_commas_and_short_forms() {
    let (d, _) = run(
        "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; triển khai thi hành Luật Thực hiện dân chủ; Bộ Luật lao động",
    );
    let ids: Vec<_> = d.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["nn:qh15:LUAT:2022:6", "nn:qh15:LUAT:2022:10", "nn:bo-luat:lao-dong"]);
}

#[test]
fn law_versions_follow_the_citing_date() {
    let old = Meta { date: crate::domain::Date::parse_iso("2022-03-23"), ..Meta::default() };
    let new = Meta { date: crate::domain::Date::parse_iso("2025-11-20"), ..Meta::default() };
    let t = "Căn cứ Luật Tổ chức chính quyền địa phương; Luật Ngân sách nhà nước;";
    let ids = |m: &Meta| run_with(t, m).0.into_iter().map(|d| d.id.0).collect::<Vec<_>>();
    assert_eq!(ids(&old), ["nn:qh13:LUAT:2015:77", "nn:qh13:LUAT:2015:83"]);
    assert_eq!(ids(&new), ["nn:qh15:LUAT:2025:72", "nn:qh15:LUAT:2025:89"]);
    // no date at all and several versions: no version is guessed
    assert_eq!(ids(&Meta::default()), ["nn:luat:to-chuc-chinh-quyen-dia-phuong", "nn:luat:ngan-sach-nha-nuoc"]);
    // the cited date picks the version
    let (d, _) = run_with("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", &new);
    assert_eq!(d[0].id.0, "nn:qh13:LUAT:2015:77");
    // not laws: lowercase words after "Luật", kinds
    assert!(run("trình độ Luật hoặc chuyên ngành luật trở lên; các Luật, Nghị định").0.is_empty());
}

#[test]
fn one_code_letters() {
    let (d, _) = run(
        "Hội Khuyến học tỉnh tại Công văn số 06/KHBT ngày 21 tháng 01 năm 2022; Văn bản số 16/CGC.BT ngày 02/10/2024",
    );
    let syms: Vec<_> = d.iter().map(|x| (x.symbol.clone().unwrap(), x.kind.clone().unwrap())).collect();
    assert_eq!(
        syms,
        [("06/KHBT".to_string(), "Công văn".to_string()), ("16/CGC.BT".to_string(), "Công văn".to_string())]
    );
    assert_eq!(d[0].date.map(|x| x.iso()).as_deref(), Some("2022-01-21"));
    // a two-code symbol is left to the main grammar (no double counting)
    assert_eq!(run("Công văn số 2953/UBND-NC ngày 12/5/2023").0.len(), 1);
}

#[test]
fn forms_are_not_documents_and_listed_numbers_share_the_kind() {
    assert!(run("theo Mẫu số 08b-ĐK/TSC và Biểu số 02-III/KSHN; mẫu số 01/HNCT-MT").0.is_empty());
    let (d, _) = run(
        "Nghị quyết số 86/2019/QH14 ngày 12 tháng 11 năm 2019 về dự toán, số 87/2019/QH14 ngày 14 tháng 11 năm 2019",
    );
    assert_eq!(d.len(), 2);
    assert_eq!(d[1].kind.as_deref(), Some("Nghị quyết"));
}

#[test]
fn listed_citations_share_the_issuer_written_after_them() {
    let (d, _) = run("theo Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị (khóa XI).");
    assert_eq!(d.iter().map(|x| x.issuer.as_deref()).collect::<Vec<_>>(), [Some("Bộ Chính trị"), Some("Bộ Chính trị")]);
    // a dated citation keeps its own (absent) issuer: it is not part of a bare list
    let (d, _) = run("Chỉ thị số 05-CT/TW ngày 15/5/2016; Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị");
    assert_eq!(d[0].issuer, None);
}

#[test]
fn older_joint_lowercase_and_typed_separators() {
    let syms = |s: &str| run(s).0.into_iter().filter_map(|x| x.symbol).collect::<Vec<_>>();
    // the older joint-circular form: '/' after the type code
    assert_eq!(syms("Thông tư liên tịch số 104/2007/TTLT/BTC-BVHTTDL ngày 30/08/2007"), ["104/2007/TTLT-BTC-BVHTTDL"]);
    assert_eq!(syms("Nghị quyết liên tịch số 01/2014/NQLT/CP-UBTƯMTTQVN"), ["01/2014/NQLT-CP-UBTƯMTTQVN"]);
    assert_eq!(
        syms("số 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN ngày"),
        ["01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN"]
    );
    // lower case, re-cased from the lexicon; only with a year and a known type code
    assert_eq!(syms("Nghị định số 85/2017/nđ-cp ngày 19/7/2017"), ["85/2017/NĐ-CP"]);
    assert_eq!(syms("Thông tư số 03/2019/tt-bkhđt"), ["03/2019/TT-BKHĐT"]);
    assert!(syms("tỷ lệ 85/2017/ab-cd và 12/kh-ubnd").is_empty());
    // '_' typed for '-', spaces and a line break around '-'
    assert_eq!(syms("Nghị định số 50/2022/NĐ_CP ngày"), ["50/2022/NĐ-CP"]);
    assert_eq!(syms("Nghị định số 78/2021/NĐ -CP ngày"), ["78/2021/NĐ-CP"]);
    assert_eq!(syms("Tờ trình số 9512/TTr- SNN-CCTL ngày"), ["9512/TTr-SNN-CCTL"]);
    assert_eq!(syms("Công văn số 963/SNV-CCHC&VTLT ngày"), ["963/SNV-CCHC&VTLT"]);
    assert_eq!(syms("Công văn số 15972/SXD-QLN& TTBĐS ngày 20/11/2025"), ["15972/SXD-QLN&TTBĐS"]);
    assert_eq!(syms("Công văn số 12/SXD-QLN & các đơn vị"), ["12/SXD-QLN"]);
    assert_eq!(syms("Nghị định số 126/2024/NĐ-CPI, Sở"), ["126/2024/NĐ-CP"], "a footnote mark read as I");
    assert_eq!(syms("Công văn số 4055/SGTVT-\nHTGT ngày 12/5/2023"), ["4055/SGTVT-HTGT"]);
    // not symbols: a date, a ratio, a plain list
    assert!(syms("ngày 12/5/2023, tỷ lệ 1/3, Quý III/2025").is_empty());
}

#[test]
fn one_code_normative_symbols_of_the_old_form() {
    assert_eq!(ids("Nghị định số 73-CP ngày 25-10-1993 của Chính phủ"), ["nn:cp:ND:1993:73"]);
    assert_eq!(ids("theo Nghị định 13/CP ngày 16/03/1996"), ["nn:cp:ND:1996:13"]);
    assert_eq!(ids("Quyết định số 326/TTg ngày 18/05/1996"), ["nn:ttg:QD:1996:326"]);
    let (d, _) = run("Thông tư liên bộ số 02/TTLB ngày 17/3/1993");
    assert_eq!(d[0].symbol.as_deref(), Some("02/TTLB"));
    assert_eq!(d[0].kind.as_deref(), Some("Thông tư liên bộ"));
    // "Đề án 06-CP" names a project (QĐ 06/QĐ-TTg); a local code is not an old decree
    assert!(ids("triển khai Đề án 06-CP của Chính phủ").is_empty());
    assert!(ids("Quyết định số 12/UBND ngày 1/2/2020").iter().all(|i| !i.contains(":QD:")));
}

#[test]
fn laws_named_with_their_year() {
    assert_eq!(ids("Căn cứ Luật Đất đai 2024 quy định"), ["nn:qh15:LUAT:2024:31"]);
    assert_eq!(ids("theo Luật Đất đai 2013 thì"), ["nn:qh13:LUAT:2013:45"]);
    assert_eq!(ids("Bộ luật Lao động 2019 có hiệu lực"), ["nn:qh14:LUAT:2019:45"]);
    assert_eq!(ids("Luật Trật tự, an toàn giao thông đường bộ 2024 có quy định"), ["nn:qh15:LUAT:2024:36"]);
    // a year that names no known version leaves the law unresolved (slug), never a wrong number
    assert!(ids("Luật Đất đai 1993 quy định").iter().all(|i| !i.contains("LUAT")));
}

#[test]
fn names_that_are_not_laws() {
    for t in [
        "và kết nối cộng đồng Dân Luật Việt Nam, nhằm",
        "Báo Pháp Luật Việt Nam. Lưu trữ bản gốc",
        "Cơ sở dữ liệu Luật Việt Nam",
        "theo Luật Việt Nam hiện hành",
        "Công ty Luật Minh Khuê tư vấn",
        "Tiến sĩ Luật Kinh tế",
    ] {
        assert!(ids(t).is_empty(), "{t}: {:?}", ids(t));
    }
    // an unknown law keeps its slug when it reads as a title
    assert_eq!(ids("Luật Dược năm 2016 quy định"), ["nn:luat:duoc"]);
    assert_eq!(ids("theo Hiến pháp Việt Nam, mọi người"), ["nn:hien-phap:viet-nam"]);
    assert!(ids("theo Hiến pháp Hoa Kỳ, mọi người").is_empty());
    assert_eq!(ids("theo Luật Cảnh sát biển Việt Nam, lực lượng"), ["nn:luat:canh-sat-bien-viet-nam"]);
}

#[test]
fn ocr_repairs_only_when_the_lexicon_is_unambiguous() {
    let (d, w) = run("Luật số 163/2024/QHI5 ngày 27/11/2024 của Quốc hội");
    assert_eq!(d[0].symbol.as_deref(), Some("163/2024/QH15"));
    assert_eq!(d[0].mentions[0].raw.as_deref(), Some("163/2024/QHI5"));
    assert_eq!(d[0].mentions[0].text, "163/2024/QH15");
    assert!(w.iter().any(|x| x.contains("QHI5 → QH15")), "{w:?}");
    let (d, _) = run("Chỉ thị số 24/CT-UBHD ngày 15/11/2016 của UBND tỉnh");
    assert_eq!(d[0].symbol.as_deref(), Some("24/CT-UBND"));
    let (d, _) = run("Chỉ thị số 33/CT-TT ngày 26/11/2021 của Thủ tướng Chính phủ");
    assert_eq!(d[0].symbol.as_deref(), Some("33/CT-TTg"));
    // the text names another issuer: no repair, the symbol stays as read
    let (d, w) = run("Chỉ thị số 33/CT-TT ngày 26/11/2021 của Bộ Tài chính về");
    assert_eq!(d[0].symbol.as_deref(), Some("33/CT-TT"));
    assert!(d[0].mentions[0].raw.is_none() && w.is_empty());
    // known codes and công văn drafting units are never touched
    let (d, w) = run("Công văn số 2953/UBND-HD ngày 12/5/2023; Kế hoạch số 41/KH-UBND ngày 23/02/2024");
    let syms: Vec<_> = d.iter().filter_map(|x| x.symbol.clone()).collect();
    assert_eq!(syms, ["2953/UBND-HD", "41/KH-UBND"]);
    assert!(w.is_empty());
    // an unknown local code that no single confusion turns into a known one stays as read
    assert_eq!(run("Công văn số 4055/SGTVT-HTGT ngày 1/2/2024").0[0].symbol.as_deref(), Some("4055/SGTVT-HTGT"));
}

#[test]
fn decomposed_diacritics_from_pdfs() {
    // NĐ written with a combining mark sequence is read as NĐ after normalization
    let nfd = "Nghị định số 59/2023/N\u{0110}-CP ngày 14/8/2023".replace("ị", "i\u{0323}");
    assert_eq!(ids(&nfd), ["nn:cp:ND:2023:59"]);
}

#[test]
fn letter_confusions_need_the_issuer_named() {
    // CTH is Cục Thuế Hà Nội, not a misread CTN; a unit after the lead issuer is never repaired
    let syms = |s: &str| run(s).0.into_iter().filter_map(|x| x.symbol).collect::<Vec<_>>();
    assert_eq!(syms("Công văn số 3496/CTH-QLDN3 ngày 1/2/2024"), ["3496/CTH-QLDN3"]);
    assert_eq!(syms("Quyết định số 4953/QĐ-BNN-TT ngày 1/2/2024"), ["4953/QĐ-BNN-TT"]);
    assert_eq!(syms("Chỉ thị số 33/CT-TT ngày 26/11/2021 về"), ["33/CT-TT"]);
    // a digit/letter or Đ/D confusion needs no context
    assert_eq!(syms("Thông tư số 22/2024/TT-BKHDT ngày 1/2/2024"), ["22/2024/TT-BKHĐT"]);
    assert_eq!(syms("Luật số 163/2024/QHI5 về"), ["163/2024/QH15"]);
}

#[test]
fn relations_gather_on_the_directive_strongest_first() {
    let raw = "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;\n\
               Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n\
               Thực hiện Chỉ thị số 33/CT-TTg, UBND xã ban hành Kế hoạch như sau:\n\
               - Thực hiện công tác văn thư theo quy định tại Nghị định số 30/2020/NĐ-CP.\n";
    let (d, _) = run(raw);
    let by = |s: &str| d.iter().find(|x| x.symbol.as_deref() == Some(s) || x.name.as_deref() == Some(s)).unwrap();
    let ct = by("33/CT-TTg");
    assert_eq!(ct.relations, [Relation::Implements, Relation::Basis]);
    assert_eq!(ct.relation(), Relation::Implements);
    let rels: Vec<_> = ct.mentions.iter().map(|m| m.relation).collect();
    assert_eq!(rels, [Some(Relation::Basis), Some(Relation::Implements)]);
    assert_eq!(by("30/2020/NĐ-CP").relations, [Relation::Reference]);
    assert_eq!(d.iter().find(|x| x.kind.as_deref() == Some("Luật")).unwrap().relations, [Relation::Basis]);
}

#[test]
fn a_replaced_document_a_plan_relies_on_is_flagged() {
    let raw = "Căn cứ Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ;\n\
               Tiếp tục tuyên truyền Quyết định số 290-QĐ/TW ngày 25/02/2010 của Bộ Chính trị.\n";
    let meta = Meta { date: crate::domain::Date::parse_iso("2023-03-01"), ..Meta::default() };
    let (d, w) = run_with(raw, &meta);
    let ct = d.iter().find(|x| x.symbol.as_deref() == Some("16/CT-TTg")).unwrap();
    assert_eq!(ct.superseded_by.as_ref().map(|s| s.symbol.as_str()), Some("33/CT-TTg"));
    assert!(w.iter().any(|w| w.contains("relies on 16/CT-TTg (basis), replaced by 33/CT-TTg")), "{w:?}");
    // a passing reference is marked but not warned about
    let qd = d.iter().find(|x| x.symbol.as_deref() == Some("290-QĐ/TW")).unwrap();
    assert!(qd.superseded_by.is_some());
    assert!(!w.iter().any(|w| w.contains("290-QĐ/TW")), "{w:?}");
    // before the replacement, nothing is flagged
    let meta = Meta { date: crate::domain::Date::parse_iso("2020-03-01"), ..Meta::default() };
    let (d, w) = run_with(raw, &meta);
    assert!(d.iter().all(|x| x.superseded_by.is_none()) && !w.iter().any(|w| w.contains("relies on")));
}

#[test]
fn short_references_count_as_mentions_of_the_earlier_citation() {
    let raw = "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n\
               - Tổ chức sơ kết 03 năm thực hiện Chỉ thị số 33 trong quý IV.\n\
               - Quán triệt Nghị quyết số 18-NQ/TW ngày 25/10/2017; triển khai Nghị quyết nêu trên đến cơ sở.\n\
               - Kế hoạch này thay thế Kế hoạch 6 tháng đầu năm.\n";
    let n = normalize(raw);
    let (lx, gz) = (Lexicon::embedded(), Gazetteer::embedded());
    let doc = Doc::new(&n, &lx, &gz, 0);
    let f = extract_in(&doc, &Meta::default(), &[]);
    let ct = f.directives.iter().find(|d| d.symbol.as_deref() == Some("33/CT-TTg")).unwrap();
    assert_eq!(ct.mentions.len(), 2, "{:?}", ct.mentions);
    assert_eq!(ct.mentions[1].text, "Chỉ thị số 33");
    assert_eq!(ct.mentions[1].relation, Some(Relation::Reference), "a review is a reference");
    let nq = f.directives.iter().find(|d| d.symbol.as_deref() == Some("18-NQ/TW")).unwrap();
    assert_eq!(nq.mentions.len(), 2);
    assert_eq!(nq.relations, [Relation::Implements, Relation::Reference]);
    // "Kế hoạch này" is the document itself; "Kế hoạch 6 tháng" is a duration
    assert_eq!(f.directives.len(), 2, "{:?}", f.directives.iter().map(|d| &d.id).collect::<Vec<_>>());
    assert!(f.unparsed.is_empty(), "{:?}", f.unparsed);
}

#[test]
fn an_unresolved_short_reference_is_listed_not_dropped() {
    let raw = "Căn cứ Chỉ thị số 16 về công tác dân vận;\nThực hiện Kế hoạch số 12 của UBND tỉnh.";
    let n = normalize(raw);
    let (lx, gz) = (Lexicon::embedded(), Gazetteer::embedded());
    let doc = Doc::new(&n, &lx, &gz, 0);
    let own = Meta { number: Some("12/KH-UBND".into()), ..Meta::default() };
    let f = extract_in(&doc, &own, &[]);
    let texts: Vec<&str> = f.unparsed.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Chỉ thị số 16"], "Kế hoạch số 12 is the document's own number");
    assert!(f.directives.is_empty());
}
