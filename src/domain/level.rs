//! The level of an issuing body, from the commune to the centre: the record stores it (as the
//! Vietnamese word), the reports group documents by it, the implementation tree and the web
//! pages order plans from the centre down by [`Level::rank`].

/// Level of an issuing body, written in the record as its Vietnamese word (`"xã"`, `"tỉnh"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Level {
    /// Xã (commune).
    #[serde(rename = "xã")]
    Xa,
    /// Phường (urban ward).
    #[serde(rename = "phường")]
    Phuong,
    /// Thị trấn (township).
    #[serde(rename = "thị trấn")]
    ThiTran,
    /// Đặc khu (special zone, since 2025).
    #[serde(rename = "đặc khu")]
    DacKhu,
    /// Huyện (rural district).
    #[serde(rename = "huyện")]
    Huyen,
    /// Quận (urban district).
    #[serde(rename = "quận")]
    Quan,
    /// Thị xã (town).
    #[serde(rename = "thị xã")]
    ThiXa,
    /// Thành phố (city: a province-level or a provincial one).
    #[serde(rename = "thành phố")]
    ThanhPho,
    /// Tỉnh (province).
    #[serde(rename = "tỉnh")]
    Tinh,
    /// Trung ương (the central government, ministries, the Party's central bodies).
    #[serde(rename = "trung ương")]
    TrungUong,
}

impl Level {
    /// Every level, from the commune up.
    pub(crate) const ALL: [Level; 10] = [
        Level::Xa,
        Level::Phuong,
        Level::ThiTran,
        Level::DacKhu,
        Level::Huyen,
        Level::Quan,
        Level::ThiXa,
        Level::ThanhPho,
        Level::Tinh,
        Level::TrungUong,
    ];

    /// The Vietnamese word, as the record writes it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Xa => "xã",
            Level::Phuong => "phường",
            Level::ThiTran => "thị trấn",
            Level::DacKhu => "đặc khu",
            Level::Huyen => "huyện",
            Level::Quan => "quận",
            Level::ThiXa => "thị xã",
            Level::ThanhPho => "thành phố",
            Level::Tinh => "tỉnh",
            Level::TrungUong => "trung ương",
        }
    }

    /// The level written as `s` (exactly as the record writes it).
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Order from the centre down, for plans of one tree or one table: trung ương 0, tỉnh 1,
    /// thành phố 2, huyện, quận and thị xã 3, communes (xã, phường, thị trấn, đặc khu) 4.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Level::TrungUong => 0,
            Level::Tinh => 1,
            Level::ThanhPho => 2,
            Level::Huyen | Level::Quan | Level::ThiXa => 3,
            Level::Xa | Level::Phuong | Level::ThiTran | Level::DacKhu => 4,
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_rank() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.as_str()));
        }
        assert_eq!(Level::TrungUong.rank(), 0);
        assert_eq!(Level::ThiXa.rank(), 3);
    }
}
