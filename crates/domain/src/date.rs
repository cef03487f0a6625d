//! Serde helpers for calendar dates, written `YYYY-MM-DD` (ISO 8601) in JSON rather than the
//! `time` crate's default tuple. Use with `#[serde(with = "crate::date::iso_date")]`, or
//! `crate::date::iso_date::option` for an `Option<Date>`.

time::serde::format_description!(pub iso_date, Date, "[year]-[month]-[day]");

#[cfg(test)]
mod tests {
    use serde::de::value::{Error, StrDeserializer};
    use time::macros::date;

    #[test]
    fn dates_deserialize_from_iso_text() {
        let parsed = super::iso_date::deserialize(StrDeserializer::<Error>::new("2026-03-01"));
        assert_eq!(parsed, Ok(date!(2026 - 03 - 01)));
        assert!(super::iso_date::deserialize(StrDeserializer::<Error>::new("01/03/2026")).is_err());
    }
}
