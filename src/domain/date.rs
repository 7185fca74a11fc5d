//! A calendar date, the one type every floor uses for a day: the extractors produce it, the
//! record stores it (as `YYYY-MM-DD` in JSON), the graph, reports and exports compute lags and
//! Parquet `DATE`s from its day number. Parsing Vietnamese date phrases is `extract::date`'s job.

/// A calendar date (1900–2100), always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

/// Days in a month.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or None.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        ((1900..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Date {
            y,
            m,
            d,
        })
    }

    /// Last day of a month.
    pub(crate) fn end_of_month(y: i32, m: u32) -> Option<Date> {
        Date::new(y, m, days_in_month(y, m))
    }

    /// Last day of a quarter (1–4).
    pub(crate) fn end_of_quarter(y: i32, q: u32) -> Option<Date> {
        (1..=4).contains(&q).then(|| Date::end_of_month(y, q * 3)).flatten()
    }

    /// Last day of a half-year (1 = first six months, 2 = last six).
    pub(crate) fn end_of_half(y: i32, h: u32) -> Option<Date> {
        (1..=2).contains(&h).then(|| Date::end_of_month(y, h * 6)).flatten()
    }

    /// 31 December.
    pub(crate) fn end_of_year(y: i32) -> Option<Date> {
        Date::new(y, 12, 31)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 (for comparisons and lags).
    pub(crate) fn days(&self) -> i64 {
        let (y, m) =
            if self.m <= 2 { (self.y as i64 - 1, self.m as i64 + 9) } else { (self.y as i64, self.m as i64 - 3) };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
}

/// `YYYY-MM-DD`.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Written as the ISO string (`"2024-02-27"`), as the JSON record has always had it.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from the ISO string; anything else is an error.
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not an ISO date (YYYY-MM-DD)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_ends() {
        assert_eq!(Date::end_of_quarter(2025, 3).unwrap().iso(), "2025-09-30");
        assert_eq!(Date::end_of_half(2025, 1).unwrap().iso(), "2025-06-30");
        assert_eq!(Date::end_of_year(2025).unwrap().iso(), "2025-12-31");
        assert!(Date::end_of_quarter(2025, 5).is_none());
    }

    #[test]
    fn day_numbers() {
        let a = Date::new(2021, 11, 26).unwrap();
        let b = Date::new(2024, 2, 27).unwrap();
        assert_eq!(b.days() - a.days(), 823);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::end_of_month(2024, 2).unwrap().d, 29);
    }

    #[test]
    fn iso_round_trip_and_json() {
        let d = Date::parse_iso("2024-02-07").unwrap();
        assert_eq!(d.iso(), "2024-02-07");
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-02-07\"");
        assert_eq!(serde_json::from_str::<Date>("\"2024-02-07\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2023-02-29\"").is_err());
        assert!(Date::parse_iso("2024-02").is_none());
    }
}
