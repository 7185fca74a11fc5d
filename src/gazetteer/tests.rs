//! Unit tests of the gazetteer over the embedded tables.

use super::*;

fn gz() -> Gazetteer {
    Gazetteer::embedded()
}

fn succ(name: &str) -> String {
    let g = gz();
    let p = g.province(name).unwrap_or_else(|| panic!("{name} unknown"));
    g.successor(&p).name
}

#[test]
fn counts_and_integrity() {
    let g = gz();
    let old = g.provinces_of(Era::Old);
    let new = g.provinces_of(Era::New);
    assert_eq!(old.len(), 63);
    assert_eq!(new.len(), 34);
    for p in &old {
        let s = g.successor(p);
        assert_eq!(s.era, Era::New, "{} has no successor", p.name);
        assert_eq!(s.code, p.successor_code);
    }
    // every new province is somebody's successor, with 23 merged units
    for n in &new {
        assert!(old.iter().any(|o| o.successor_code == n.code), "{} has no predecessor", n.name);
    }
    // tables are all there
    assert!(g.0.districts.len() > 690);
    let old_c = g.0.communes.iter().filter(|c| c.era == Era::Old).count();
    let new_c = g.0.communes.iter().filter(|c| c.era == Era::New).count();
    assert!(old_c > 10_000, "{old_c}");
    assert_eq!(new_c, 3321);
    // every old commune's province and every district's province is an old province
    assert!(g.0.communes.iter().all(|c| match c.era {
        Era::Old => old.iter().any(|p| p.code == c.province),
        Era::New => new.iter().any(|p| p.code == c.province),
    }));
    assert!(g.0.districts.iter().all(|d| old.iter().any(|p| p.code == d.province)));
}

#[test]
fn mapping_63_to_34() {
    assert_eq!(succ("Hải Dương"), "Hải Phòng");
    assert_eq!(succ("Bình Thuận"), "Lâm Đồng");
    assert_eq!(succ("Kon Tum"), "Quảng Ngãi");
    assert_eq!(succ("Hà Giang"), "Tuyên Quang");
    assert_eq!(succ("Bà Rịa - Vũng Tàu"), "Hồ Chí Minh");
    assert_eq!(succ("Thừa Thiên Huế"), "Huế");
    assert_eq!(succ("Bắc Giang"), "Bắc Ninh");
    assert_eq!(succ("Tiền Giang"), "Đồng Tháp");
    assert_eq!(succ("Quảng Ngãi"), "Quảng Ngãi");
    let g = gz();
    let hp = g.successor(&g.province("tỉnh Hải Dương").unwrap());
    assert_eq!((hp.code.as_str(), hp.kind.as_str(), hp.era), ("31", "thành phố", Era::New));
    assert_eq!(hp.display_name(), "Thành phố Hải Phòng");
    // a new province is its own successor
    assert_eq!(g.successor(&hp), hp);
}

#[test]
fn names_types_case_tone_aliases() {
    let g = gz();
    let code = |n: &str| g.province(n).map(|p| (p.code, p.era));
    assert_eq!(code("Hải Phòng"), Some(("31".into(), Era::Old)));
    assert_eq!(code("thành phố Hải Phòng"), Some(("31".into(), Era::Old)));
    assert_eq!(code("TP. Hồ Chí Minh"), Some(("79".into(), Era::Old)));
    assert_eq!(code("TP.HCM"), Some(("79".into(), Era::Old)));
    assert_eq!(code("TPHCM"), Some(("79".into(), Era::Old)));
    assert_eq!(code("Sài Gòn"), Some(("79".into(), Era::Old)));
    assert_eq!(code("tỉnh Hải Dương"), Some(("30".into(), Era::Old)));
    assert_eq!(code("THÁI BÌNH"), Some(("34".into(), Era::Old)));
    assert_eq!(code("TỈNH QUẢNG NGÃI"), Some(("51".into(), Era::Old)));
    assert_eq!(code("Thanh Hoá"), Some(("38".into(), Era::Old)));
    assert_eq!(code("Khánh Hoà"), Some(("56".into(), Era::Old)));
    assert_eq!(code("Thanh Hoa"), Some(("38".into(), Era::Old)));
    assert_eq!(code("Thừa Thiên Huế"), Some(("46".into(), Era::Old)));
    assert_eq!(code("Thừa Thiên - Huế"), Some(("46".into(), Era::Old)));
    assert_eq!(code("thành phố Huế"), Some(("46".into(), Era::New)));
    assert_eq!(code("Bà Rịa – Vũng Tàu"), Some(("77".into(), Era::Old)));
    assert_eq!(code("Bà Rịa Vũng Tàu"), Some(("77".into(), Era::Old)));
    assert_eq!(code("Đắc Lắc"), Some(("66".into(), Era::Old)));
    assert_eq!(code("Bắc Cạn"), Some(("06".into(), Era::Old)));
    assert_eq!(code("Kontum"), Some(("62".into(), Era::Old)));
    // both eras
    let both: Vec<(String, Era)> = g.provinces("Bắc Ninh").into_iter().map(|p| (p.code, p.era)).collect();
    assert_eq!(both, vec![("27".into(), Era::Old), ("24".into(), Era::New)]);
    assert_eq!(g.province_in("Bắc Ninh", Era::New).unwrap().code, "24");
    assert_eq!(g.province("Quảng Ngãi").unwrap().display_name(), "Tỉnh Quảng Ngãi");
    // unknown
    assert_eq!(g.province("Atlantis"), None);
    assert_eq!(g.province(""), None);
    assert_eq!(g.province("tỉnh"), None);
    assert!(g.provinces("Kiến An").is_empty());
}

#[test]
fn find_provinces_in_sentence() {
    let g = gz();
    let t = "UBND TỈNH BẮC NINH; Tỉnh Bắc Ninh, thành phố Hải Phòng và TP. Hồ Chí Minh, TP.HCM, \
             tỉnh Quảng Ngãi (trước đây tỉnh Kon Tum), TP Hải Phòng.";
    let found: Vec<(&str, String)> = g.find_provinces(t).into_iter().map(|(r, p)| (&t[r], p.name)).collect();
    assert_eq!(
        found,
        vec![
            ("TỈNH BẮC NINH", "Bắc Ninh".to_string()),
            ("Tỉnh Bắc Ninh", "Bắc Ninh".to_string()),
            ("thành phố Hải Phòng", "Hải Phòng".to_string()),
            ("TP. Hồ Chí Minh", "Hồ Chí Minh".to_string()),
            ("TP.HCM", "Hồ Chí Minh".to_string()),
            ("tỉnh Quảng Ngãi", "Quảng Ngãi".to_string()),
            ("tỉnh Kon Tum", "Kon Tum".to_string()),
            ("TP Hải Phòng", "Hải Phòng".to_string()),
        ]
    );
}

#[test]
fn find_provinces_boundaries_and_negatives() {
    let g = gz();
    // no type word, or glued to other letters
    assert!(g.find_provinces("Hải Phòng, ngày 27 tháng 02 năm 2024").is_empty());
    assert!(g.find_provinces("xtỉnh Nam Định").is_empty());
    assert!(g.find_provinces("tỉnh Nam Địnhx").is_empty());
    assert!(g.find_provinces("Tỉnh ủy Bắc Ninh").is_empty());
    assert!(g.find_provinces("thành phố Thủ Đức").is_empty());
    assert!(g.find_provinces("").is_empty());
    // offsets are byte ranges into the given text
    let t = "Về việc ở tỉnh Nam Định.";
    let f = g.find_provinces(t);
    assert_eq!(f.len(), 1);
    assert_eq!(&t[f[0].0.clone()], "tỉnh Nam Định");
    assert_eq!(f[0].1.code, "36");
    // a name wrapped over two lines
    let t = "Chủ tịch UBND tỉnh Điện\nBiên báo cáo";
    let f = g.find_provinces(t);
    assert_eq!(&t[f[0].0.clone()], "tỉnh Điện\nBiên");
    // a provincial city sharing the province name still reports the province
    let f = g.find_provinces("thành phố Bắc Ninh");
    assert_eq!(f[0].1.code, "27");
}

#[test]
fn places_lam_ha_pho_chau_dai_son() {
    let g = gz();
    let lh = g.places_named("phường", "Lãm Hà");
    assert_eq!(lh.len(), 1);
    let p = &lh[0];
    assert_eq!((p.district_level.as_deref(), p.district.as_deref()), (Some("quận"), Some("Kiến An")));
    assert_eq!((p.province_old.as_deref(), p.province_new.as_deref()), (Some("31"), Some("31")));
    assert_eq!(p.era, Era::Old);
    assert!(p.successors.iter().any(|s| s.name == "Kiến An" && s.level == "phường"));

    let pc = g.places_named("xã", "Phổ Châu");
    assert_eq!(pc.len(), 1);
    assert_eq!((pc[0].district_level.as_deref(), pc[0].district.as_deref()), (Some("thị xã"), Some("Đức Phổ")));
    assert_eq!(pc[0].province_old.as_deref(), Some("51"));

    let ds = g.places_named("xã", "Đại Sơn");
    assert!(ds.iter().any(|p| p.era == Era::Old && p.province_old.as_deref() == Some("30")));
    let new_hp: Vec<&Place> =
        ds.iter().filter(|p| p.era == Era::New && p.province_new.as_deref() == Some("31")).collect();
    assert_eq!(new_hp.len(), 1);
    // the new xã Đại Sơn (Hải Phòng) was formed from communes of Hải Dương
    assert_eq!(new_hp[0].province_old.as_deref(), Some("30"));
    assert!(new_hp[0].predecessors.iter().any(|p| p.name == "Đại Sơn" && p.district.as_deref() == Some("Tứ Kỳ")));
    // old ones first
    assert!(ds.windows(2).all(|w| w[0].era <= w[1].era));
}

#[test]
fn places_districts_and_levels() {
    let g = gz();
    for lvl in ["quận", "huyện", "Q.", "QUẬN"] {
        let ka = g.places_named(lvl, "Kiến An");
        assert_eq!(ka.len(), 1, "{lvl}");
        assert_eq!((ka[0].level.as_str(), ka[0].province_old.as_deref()), ("quận", Some("31")));
    }
    let dp = g.places_named("thị xã", "Đức Phổ");
    assert_eq!(dp[0].code.as_deref(), Some("534"));
    assert!(g.places_named("thành phố", "Bắc Ninh").iter().all(|p| p.level == "thành phố"));
    // numbered wards, leading zero
    assert!(!g.places_named("phường", "01").is_empty());
    // negatives
    assert!(g.places_named("xã", "Không Có Nơi Này").is_empty());
    assert!(g.places_named("làng", "Đại Sơn").is_empty());
    // any level
    assert!(g.places_named("", "Kiến An").len() >= 2);
}

#[test]
fn default_is_empty_and_safe() {
    let g = Gazetteer::default();
    assert_eq!(g.province("Hải Phòng"), None);
    assert!(g.find_provinces("tỉnh Nam Định").is_empty());
    assert!(g.places_named("xã", "Đại Sơn").is_empty());
}
