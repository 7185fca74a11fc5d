use super::extract;
use crate::extract::Doc;
use crate::record::Slogan;

fn run(raw: &str) -> Vec<Slogan> {
    let n = crate::normalize::normalize(raw);
    let lx = crate::lexicon::Lexicon::embedded();
    let gz = crate::gazetteer::Gazetteer::embedded();
    let doc = Doc::new(&n, &lx, &gz, 0);
    let out = extract(&doc);
    for s in &out {
        for m in &s.mentions {
            assert_eq!(&raw[m.start..m.end], m.text, "raw offsets of {m:?}");
        }
    }
    out
}

fn canon(raw: &str) -> Vec<String> {
    run(raw).into_iter().map(|s| s.canonical).collect()
}

#[test]
fn seed_phrases_map_to_canonical_forms_with_kinds() {
    let out =
        run("- Thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra” gắn với việc xây dựng quy chế; \
         thực hiện phong cách “nghe dân nói, nói dân hiểu, làm dân tin”.");
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].canonical, "Dân biết, dân bàn, dân làm, dân kiểm tra");
    assert_eq!(out[0].text, "dân biết, dân bàn, dân làm, dân kiểm tra");
    assert_eq!(out[0].kind.as_deref(), Some("phương châm"));
    assert!(out[0].known);
    assert_eq!(out[1].canonical, "Nghe dân nói, nói dân hiểu, làm dân tin");
}

#[test]
fn longest_variant_wins() {
    let six = "nguyên tắc “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”";
    assert_eq!(canon(six), ["Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng"]);
    let five = "phương châm dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát.";
    assert_eq!(canon(five), ["Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát"]);
    let va = "phương châm dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát và dân thụ hưởng.";
    assert_eq!(canon(va), ["Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng"]);
}

#[test]
fn style_variants_with_nhan_dan_and_without_hieu_dan() {
    let full = "Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân";
    for raw in [
        "phong cách “Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với nhân dân”",
        "phong cách “trọng dân, gần dân, học dân và có trách nhiệm với dân”",
        "phong cách “*Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân*”",
    ] {
        assert_eq!(canon(raw), [full], "{raw}");
    }
}

#[test]
fn split_quotes_merge_into_the_whole() {
    let raw = "Thực hiện “ Nghe dân nói”, “ nói dân hiểu”, “ hướng dẫn dân làm”, “làm dân tin” trong giao tiếp.";
    let out = run(raw);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].canonical, "Nghe dân nói, nói dân hiểu, hướng dẫn dân làm, làm dân tin");
    assert_eq!(out[0].text, "Nghe dân nói, nói dân hiểu, hướng dẫn dân làm, làm dân tin");
    assert_eq!(out[0].mentions.len(), 1);
    assert!(out[0].mentions[0].text.starts_with("Nghe") && out[0].mentions[0].text.ends_with("tin"));
}

#[test]
fn stray_quote_and_label_kind_from_lexicon() {
    let out = run("triển khai mô hình “Dân vận khéo'” ở từng thôn; phong trào thi đua “Dân vận khéo”.");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].canonical, "Dân vận khéo");
    assert_eq!(out[0].text, "Dân vận khéo");
    assert_eq!(out[0].kind.as_deref(), Some("phong trào"), "lexicon kind kept over the label mô hình");
    assert_eq!(out[0].mentions.len(), 2);
}

#[test]
fn document_titles_are_not_slogans() {
    let raw = "Quy định số 217, 218-QĐ/TW của Bộ Chính trị ban hành “Quy chế giám sát và phản biện xã hội của \
               Mặt trận Tổ quốc Việt Nam” và “Quy định về việc Mặt trận Tổ quốc Việt Nam tham gia góp ý xây dựng Đảng”; \
               Chỉ thị số 33/CT-TTg của Thủ tướng về “Tiếp tục tăng cường và đổi mới công tác dân vận”; \
               phong trào thi đua theo Quyết định “Về công tác thi đua khen thưởng năm 2024”.";
    assert!(run(raw).is_empty());
}

#[test]
fn scare_quotes_and_article_titles_are_not_slogans() {
    assert!(run("giải quyết các vấn đề bức xúc, nổi cộm, các \"điểm nóng\" ngay từ cơ sở.").is_empty());
    assert!(run("nghiên cứu học tập bài báo “Dân vận” của Chủ tịch Hồ Chí Minh.").is_empty());
    assert!(run("việc đóng dấu “Đã bỏ phiếu” vào thẻ cử tri").is_empty());
}

#[test]
fn unknown_labelled_slogans_are_reported() {
    let out = run("phát động phong trào “Toàn dân tham gia giữ gìn vệ sinh môi trường”, gắn với cuộc vận động \
                   “Ngày thứ bảy xanh”; chủ đề công tác năm 2024 là “Đoàn kết, đổi mới, tăng tốc”; \
                   triển khai mô hình “Học từ làm việc thực tế”; chương trình “Học từ làm việc thực tế”.");
    let got: Vec<(&str, Option<&str>, bool, usize)> =
        out.iter().map(|s| (s.canonical.as_str(), s.kind.as_deref(), s.known, s.mentions.len())).collect();
    assert_eq!(
        got,
        [
            ("Toàn dân tham gia giữ gìn vệ sinh môi trường", Some("phong trào"), false, 1),
            ("Ngày thứ bảy xanh", Some("cuộc vận động"), false, 1),
            ("Đoàn kết, đổi mới, tăng tốc", Some("chủ đề năm"), false, 1),
            ("Học từ làm việc thực tế", Some("mô hình"), false, 2),
        ]
    );
}

#[test]
fn weak_label_tinh_than_needs_a_list_motto() {
    assert!(run("phát huy truyền thống đoàn kết, tinh thần “tương thân tương ái” của dân tộc").is_empty());
    let out = run("triển khai Đợt thi đua với tinh thần “quyết tâm cao, hành động quyết liệt, hiệu quả thiết thực”");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind.as_deref(), Some("phương châm"));
}

#[test]
fn unlabelled_unknown_and_one_word_quotes_are_skipped() {
    assert!(run("phát huy truyền thống tương thân tương ái, “tình dân tộc, nghĩa đồng bào”.").is_empty());
    assert!(run("mô hình “Xấu” không được chấp nhận").is_empty());
}

#[test]
fn label_on_heading_line_run_inheritance_and_wrapped_quote() {
    let out = run("1. Chủ đề thi đua\n“Lập thành tích chào mừng Đại hội lần thứ XIV của Đảng”.\n2. Thời gian");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind.as_deref(), Some("chủ đề năm"));
    let out = run(
        "phát động các phong trào “Ngày chủ nhật xanh” “Thắp sáng đường quê” và “Nhà sạch, vườn đẹp”; “Một câu khác”",
    );
    let got: Vec<(&str, Option<&str>)> = out.iter().map(|s| (s.canonical.as_str(), s.kind.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("Ngày chủ nhật xanh", Some("phong trào")),
            ("Thắp sáng đường quê", Some("phong trào")),
            ("Nhà sạch, vườn đẹp", Some("phong trào"))
        ]
    );
    let out = run("năm 2023 gắn với chủ đề “Đẩy mạnh cải cách hành chính; nâng cao hiệu lực;\nthực hiện \
                   hiệu quả chương trình phục hồi”.\n2. Tiếp");
    assert_eq!(out.len(), 1);
    assert!(out[0].canonical.ends_with("chương trình phục hồi"), "{}", out[0].canonical);
}

#[test]
fn unquoted_lexicon_matches() {
    let raw = "2. Tăng cường tuyên truyền; gắn với việc học tập và làm theo tư tưởng đạo đức, phong cách Hồ Chí Minh\n\
               5 Xây dựng Mô hình dân vận khéo: 1 mô hình/thôn";
    assert_eq!(canon(raw), ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Dân vận khéo"]);
    // Diacritic typo "xây dụng" still matches.
    assert_eq!(
        canon("gắn với cuộc vận động “Toàn dân đoàn kết xây dụng nông thôn mới, đô thị văn minh”"),
        ["Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"]
    );
}

#[test]
fn short_entries_need_quotes_or_a_label_and_word_boundaries() {
    assert!(run("Kế hoạch thực hiện công tác dân vận chính quyền năm 2024.").is_empty());
    assert_eq!(
        canon("tổ chức thực hành “Dân vận khéo”, “Dân vận chính quyền” gắn với"),
        ["Dân vận khéo", "Dân vận chính quyền"]
    );
    assert!(run("mô hình dân vận khéoléo ở thôn").is_empty());
    assert!(run("mô hình “Dân vận khéoléo”").iter().all(|s| !s.known));
}

#[test]
fn one_record_per_canonical_in_first_appearance_order() {
    let out = run("phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; phong trào thi đua “dân vận khéo”; \
                   đẩy mạnh phong trào “Toàn dân bảo vệ an ninh tổ quốc”.");
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].canonical, "Toàn dân bảo vệ an ninh Tổ quốc");
    assert_eq!(out[0].mentions.len(), 2);
    assert!(out[0].mentions[0].start < out[0].mentions[1].start);
}

#[test]
fn khau_hieu_list_items() {
    let raw = "V. KHẨU HIỆU TUYÊN TRUYỀN\n1. Ngày bầu cử là Ngày hội đại đoàn kết toàn dân tộc!\n\
               2. Mỗi lá phiếu là một niềm tin!\nTrên đây là kế hoạch.\n3. Không phải khẩu hiệu!";
    let out = run(raw);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].canonical, "Ngày bầu cử là Ngày hội đại đoàn kết toàn dân tộc");
    assert_eq!(out[0].kind.as_deref(), Some("khẩu hiệu"));
}

#[test]
fn odd_inputs_do_not_panic() {
    for raw in
        ["", "“", "”“", "\"\"\"", "phong trào “", "phong trào “”", "mô hình “ ' ”", "😀 “😀 😀” phong trào “a😀 b”\n“"]
    {
        let _ = run(raw);
    }
}

#[test]
fn doc_example() {
    let raw = "đẩy mạnh phong trào thi đua “dân vận khéo”, thực hiện “ Nghe dân nói”, “ nói dân hiểu”, \
               “ hướng dẫn dân làm”, “làm dân tin”";
    let out = run(raw);
    assert_eq!(out.len(), 2);
    assert_eq!((out[0].mentions[0].start, out[0].mentions[0].end), (38, 54));
    assert_eq!((out[1].mentions[0].start, out[1].mentions[0].end), (77, 170));
    assert_eq!(out[1].kind.as_deref(), Some("phong cách"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_and_offsets_are_valid(s in "[a-zđâăêôơưáàảãạấầẩẫậếềểễệ DVKNghiuạ“”\"',.;:!()\\n*-]{0,120}") {
        let _ = run(&s);
    }
}
