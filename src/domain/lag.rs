//! The plan-to-directive lag: days from a directive's date to the date of a plan citing it.
//! It measures uptake only for a citation the plan relies on (implements or stands on,
//! `docs/relations.md`) dated on or after the directive: a passing reference, or a plan
//! dated before its directive, says nothing about how fast it was taken up. The graph,
//! the reports, the exports and the web pages all use these two rules.

use super::date::Date;

/// Days from `directive` to `plan` (negative when the plan is dated before it).
pub fn lag_days(plan: Date, directive: Date) -> i64 {
    plan.days() - directive.days()
}

/// [`lag_days`] when both dates are known.
pub(crate) fn lag_between(plan: Option<Date>, directive: Option<Date>) -> Option<i64> {
    Some(lag_days(plan?, directive?))
}

/// The lag as it counts for uptake: the plan `relies` on the directive and is dated on or after it.
pub(crate) fn uptake_lag(lag: Option<i64>, relies: bool) -> Option<i64> {
    lag.filter(|d| relies && *d >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_and_uptake() {
        let (a, b) = (Date::new(2021, 11, 26), Date::new(2024, 2, 27));
        assert_eq!(lag_between(b, a), Some(823));
        assert_eq!(lag_between(a, b), Some(-823));
        assert_eq!(lag_between(None, b), None);
        assert_eq!(uptake_lag(Some(823), true), Some(823));
        assert_eq!(uptake_lag(Some(823), false), None);
        assert_eq!(uptake_lag(Some(-1), true), None);
    }
}
