//! `locale/` rules: numbers, dates and times written in the conventions of another locale, and dates
//! that contradict themselves.

pub(crate) mod calendar;
pub mod date_weekday_mismatch;
pub mod datetime_format;
pub mod number_format;

use crate::rules::Rule;

/// The rules of this group.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(date_weekday_mismatch::DateWeekdayMismatch),
        Box::new(datetime_format::DatetimeFormat),
        Box::new(number_format::NumberFormat),
    ]
}
