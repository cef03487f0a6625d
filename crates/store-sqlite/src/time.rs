//! Timestamps and dates as SQLite stores them.

use coopshares_app::ports::StoreError;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, Time};

use crate::error::corrupt;

const FIXED: &[FormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

const DAY: &[FormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// Fixed-width UTC text (`2026-03-01T09:30:00.123456Z`): compared as text, it compares in
/// time, which `ORDER BY` and `<=` in SQL rely on. It is RFC 3339, so it reads back as is.
pub(crate) fn ts(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.format(FIXED).unwrap_or_else(|_| utc.to_string())
}

/// The first instant of `date` in UTC, as [`ts`] writes it: `created_at >= start_of(day)`.
pub(crate) fn start_of(date: Date) -> String {
    ts(date.with_time(Time::MIDNIGHT).assume_utc())
}

/// A calendar date as `YYYY-MM-DD` text, which also sorts in time.
pub(crate) fn day(date: Date) -> String {
    date.format(DAY).unwrap_or_else(|_| date.to_string())
}

/// Reads back a date written by [`day`]; anything else is corrupt.
pub(crate) fn parse_day(column: &str, text: &str) -> Result<Date, StoreError> {
    Date::parse(text, DAY).map_err(|_| corrupt(column, text))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn timestamps_are_fixed_width_utc_so_text_order_is_time_order() {
        let whole = datetime!(2026-03-01 10:00:00 +01:00);
        let fraction = datetime!(2026-03-01 09:00:00.5 UTC);
        assert_eq!(ts(whole), "2026-03-01T09:00:00.000000Z");
        assert_eq!(ts(fraction), "2026-03-01T09:00:00.500000Z");
        assert!(ts(whole) < ts(fraction));
    }

    #[test]
    fn dates_are_written_as_iso_days_and_read_back() {
        let date = time::macros::date!(2026 - 02 - 03);
        assert_eq!(day(date), "2026-02-03");
        assert_eq!(parse_day("since", "2026-02-03").unwrap(), date);
        assert!(parse_day("since", "03/02/2026").is_err());
        assert_eq!(start_of(date), "2026-02-03T00:00:00.000000Z");
    }
}
