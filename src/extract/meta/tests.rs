use super::*;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::normalize::normalize;

fn meta(raw: &str) -> Meta {
    let n = normalize(raw);
    let (lx, gz) = (Lexicon::embedded(), Gazetteer::embedded());
    let doc = Doc::new(&n, &lx, &gz, 0);
    extract(&doc)
}

#[test]
fn header_of_a_provincial_plan() {
    let m = meta("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 141/KH-UBND\n\nBắc Ninh, ngày 20\ntháng 11 năm 2025\n\nKẾ HOẠCH\n\nNÂNG CAO NĂNG LỰC CHO ĐỘI NGŨ CÁN BỘ\n\nThực hiện Kế hoạch số 14-KH/TU\n");
    assert_eq!(m.number.as_deref(), Some("141/KH-UBND"));
    assert_eq!(m.kind.as_deref(), Some("Kế hoạch"));
    assert_eq!(m.date.map(|x| x.iso()).as_deref(), Some("2025-11-20"));
    assert_eq!(m.place.as_deref(), Some("Bắc Ninh"));
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Bắc Ninh"));
    assert_eq!(m.level, Some(Level::Tinh));
    assert_eq!(m.title.as_deref(), Some("NÂNG CAO NĂNG LỰC CHO ĐỘI NGŨ CÁN BỘ"));
    assert_eq!(m.year, Some(2025));
}

#[test]
fn blank_number_and_draft_date_are_null() {
    let m = meta("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\n\nSố: /QĐ-MTTQ-BTT\nLương Minh, ngày    tháng 01 năm 2026\nQUYẾT ĐỊNH\nVề việc thành lập Tổ tiếp công dân\nBAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH\nCăn cứ Luật");
    assert_eq!(m.number, None);
    assert_eq!(m.date, None);
    assert_eq!(m.year, Some(2026));
    assert_eq!(m.kind.as_deref(), Some("Quyết định"));
    assert_eq!(m.title.as_deref(), Some("Về việc thành lập Tổ tiếp công dân"));
    assert_eq!(m.issuer.as_deref(), Some("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"));
    assert_eq!(m.level, Some(Level::Xa));
}

#[test]
fn headerless_plan_takes_issuer_from_preamble_and_year_from_title() {
    let m = meta(" KẾ HOẠCH \n\nTriển khai, thực hiện công tác dân vận chính quyền đến hết năm 2023 \n\nCăn cứ Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ; UBND xã xây dựng kế hoạch triển \n\nkhai như sau: \n\n");
    assert_eq!(m.number, None);
    assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân xã"));
    assert_eq!(m.level, Some(Level::Xa));
    assert_eq!(m.year, Some(2023));
    assert_eq!(m.province, None);
}

#[test]
fn cong_van_title_from_vv() {
    let m = meta("UBND TỈNH BÌNH THUẬN\nSỞ TƯ PHÁP\n\nSố:  788/STP-HCBT\nV/v trình hồ sơ phê chuẩn kết quả\nĐại hội Đoàn Luật sư\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình Thuận, ngày  16  tháng 5  năm 2025\nKính gửi:\n");
    assert_eq!(m.kind.as_deref(), Some("Công văn"));
    assert_eq!(m.number.as_deref(), Some("788/STP-HCBT"));
    assert_eq!(m.issuer.as_deref(), Some("Sở Tư pháp"));
    assert_eq!(m.level, Some(Level::Tinh));
    assert_eq!(m.title.as_deref(), Some("trình hồ sơ phê chuẩn kết quả Đại hội Đoàn Luật sư"));
    assert_eq!(m.date.map(|x| x.iso()).as_deref(), Some("2025-05-16"));
}

#[test]
fn agency_names_are_title_cased() {
    let m = meta("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5155/SGDĐT-GDTXNNĐH\nVề hướng dẫn đánh giá\nThành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\n");
    assert_eq!(m.issuer.as_deref(), Some("Sở Giáo dục và Đào tạo"));
    assert_eq!(m.province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(m.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
    assert_eq!(m.title.as_deref(), Some("Về hướng dẫn đánh giá"));
}

#[test]
fn a_title_in_capitals_stops_before_the_first_paragraph() {
    let m = meta("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\nKẾ HOẠCH\nPHÁT TRIỂN HẠ TẦNG 5G, IOT\nTRONG CÁC KHU CÔNG NGHIỆP ĐẾN NĂM 2030\nTriển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, UBND Thành phố ban hành Kế hoạch.\nI. MỤC ĐÍCH\n");
    assert_eq!(m.title.as_deref(), Some("PHÁT TRIỂN HẠ TẦNG 5G, IOT TRONG CÁC KHU CÔNG NGHIỆP ĐẾN NĂM 2030"));
    // A rule line ends a title; a sentence-case title keeps its second line.
    let m = meta("Số: 12/TB-VPCP\nHà Nội, ngày 2 tháng 11 năm 2025\nTHÔNG BÁO\nKẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ\n-----\nTại phiên họp ngày 28, Thủ tướng kết luận.\n");
    assert_eq!(m.title.as_deref(), Some("KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ"));
    let m = meta("Số: 5/KH-UBND\nKẾ HOẠCH\nTriển khai công tác dân vận\nchính quyền năm 2025\nI. MỤC ĐÍCH\n");
    assert_eq!(m.title.as_deref(), Some("Triển khai công tác dân vận chính quyền năm 2025"));
}
