//! Timestamps as SQLite stores them.

use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;

const FIXED: &[FormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// Fixed-width UTC text (`2026-03-01T09:30:00.123456Z`): compared as text, it compares in
/// time, which `ORDER BY` and `<=` in SQL rely on. It is RFC 3339, so it reads back as is.
pub(crate) fn ts(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.format(FIXED).unwrap_or_else(|_| utc.to_string())
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
}
