//! What a deadline is (a day, a range, a period, recurring …) and how precise its due date is
//! (the day, or the last day of a month, quarter, half or year). The deadline extractor
//! produces them, the record stores them as the strings `by-date`, `quarter` …, the tables
//! and the web pages show them.

/// Kind of a deadline, written in the record as `by-date`, `range` ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineKind {
    /// A day.
    ByDate,
    /// A span with an end.
    Range,
    /// A month, quarter, half or year.
    Period,
    /// Repeats (định kỳ, hằng năm).
    Recurring,
    /// Thường xuyên, liên tục.
    Continuous,
    /// A goal's horizon ("Mục tiêu đến năm 2030", "phấn đấu đến hết năm 2026"): not a task's due time.
    Target,
    /// A time counted from an event ("trong thời hạn 05 ngày kể từ ngày nhận đơn", "trước ngày
    /// bầu cử 10 ngày"): no calendar due date.
    Relative,
}

impl DeadlineKind {
    /// JSON name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            DeadlineKind::ByDate => "by-date",
            DeadlineKind::Range => "range",
            DeadlineKind::Period => "period",
            DeadlineKind::Recurring => "recurring",
            DeadlineKind::Continuous => "continuous",
            DeadlineKind::Target => "target",
            DeadlineKind::Relative => "relative",
        }
    }
}

impl std::fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How precise a due date is: the day itself, or the last day of its month, quarter, half or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The day.
    Day,
    /// The last day of a month.
    Month,
    /// The last day of a quarter.
    Quarter,
    /// The last day of a half-year.
    Half,
    /// 31 December.
    Year,
}

impl Precision {
    /// JSON name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names() {
        assert_eq!(serde_json::to_string(&DeadlineKind::ByDate).unwrap(), "\"by-date\"");
        assert_eq!(serde_json::to_string(&Precision::Quarter).unwrap(), "\"quarter\"");
        for k in [DeadlineKind::ByDate, DeadlineKind::Relative, DeadlineKind::Continuous] {
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.name()));
        }
    }
}
