//! Reading a result's columns by name, from a row as sqlx hands it over or from a row of a
//! packed result.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every row of a result to
//! the calling task one by one, copying each value on the way. For the reads that return
//! hundreds of wide rows at a time (a page of the register, a batch of the statement import),
//! the query instead packs its rows into one JSON array of arrays (`json_group_array` of
//! `json_array`, see [`packed`]): one value crosses the thread, and [`Packed`] reads each row
//! by column name exactly like a row, so one decoder serves both.

use coopshares_app::ports::StoreError;
use serde_json::Value;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{corrupt, map};

/// The columns of one result row, by name.
pub(crate) trait Columns {
    /// The text in `column`; `None` for NULL.
    fn opt_text(&self, column: &str) -> Result<Option<&str>, StoreError>;

    /// The integer in `column`; `None` for NULL.
    fn opt_integer(&self, column: &str) -> Result<Option<i64>, StoreError>;

    /// The text in `column`, which may not be NULL.
    fn text(&self, column: &str) -> Result<&str, StoreError> {
        self.opt_text(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    /// The integer in `column`, which may not be NULL.
    fn integer(&self, column: &str) -> Result<i64, StoreError> {
        self.opt_integer(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    /// A timestamp as `time::ts` writes it (RFC 3339).
    fn timestamp(&self, column: &str) -> Result<OffsetDateTime, StoreError> {
        let text = self.text(column)?;
        OffsetDateTime::parse(text, &Rfc3339).map_err(|_| corrupt(column, text))
    }
}

impl Columns for SqliteRow {
    fn opt_text(&self, column: &str) -> Result<Option<&str>, StoreError> {
        self.try_get(column).map_err(map)
    }

    fn opt_integer(&self, column: &str) -> Result<Option<i64>, StoreError> {
        self.try_get(column).map_err(map)
    }
}

/// One row of a packed result: its values in the order of `names`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Packed<'a> {
    names: &'a [&'a str],
    values: &'a [Value],
}

impl Packed<'_> {
    fn value(&self, column: &str) -> Result<&Value, StoreError> {
        self.names
            .iter()
            .position(|name| *name == column)
            .and_then(|index| self.values.get(index))
            .ok_or_else(|| StoreError::Other(format!("no column {column} in the result").into()))
    }
}

impl Columns for Packed<'_> {
    fn opt_text(&self, column: &str) -> Result<Option<&str>, StoreError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::String(text) => Ok(Some(text)),
            other => Err(corrupt(column, &other.to_string())),
        }
    }

    fn opt_integer(&self, column: &str) -> Result<Option<i64>, StoreError> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::Number(number) => number
                .as_i64()
                .map(Some)
                .ok_or_else(|| corrupt(column, &number.to_string())),
            other => Err(corrupt(column, &other.to_string())),
        }
    }
}

/// The items of a select list, split at its top-level commas (not those inside parentheses
/// or quotes), each as its expression and the name it is read by: its alias (`… AS name`) or
/// its column without the table (`c.id` is `id`).
fn items(select_list: &str) -> Vec<(&str, &str)> {
    let mut items = Vec::new();
    let (mut depth, mut quoted, mut start) = (0_i32, false, 0);
    for (at, c) in select_list.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                items.push(&select_list[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&select_list[start..]);
    items
        .into_iter()
        .map(|item| {
            let item = item.trim();
            match item.rsplit_once(" AS ") {
                Some((expression, alias))
                    if !alias.is_empty()
                        && alias.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    (expression.trim(), alias)
                }
                _ => (item, item.rsplit_once('.').map_or(item, |(_, name)| name)),
            }
        })
        .collect()
}

/// The names the columns of a select list are read by (see [`items`]).
pub(crate) fn names(select_list: &str) -> Vec<&str> {
    items(select_list)
        .into_iter()
        .map(|(_, name)| name)
        .collect()
}

/// The SQL expression that packs the rows of `select_list` (in `order`) into one JSON text;
/// an empty result packs to `[]`.
pub(crate) fn packed(select_list: &str, order: &str) -> String {
    let expressions: Vec<&str> = items(select_list)
        .into_iter()
        .map(|(expression, _)| expression)
        .collect();
    format!(
        "json_group_array(json_array({}) ORDER BY {order})",
        expressions.join(", ")
    )
}

/// Decodes the rows of a packed result (see [`packed`]) with `decode`, in order.
pub(crate) fn unpack<T>(
    select_list: &str,
    json: &str,
    decode: impl Fn(&Packed<'_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let rows: Vec<Vec<Value>> =
        serde_json::from_str(json).map_err(|error| corrupt("packed rows", &error.to_string()))?;
    let names = names(select_list);
    rows.iter()
        .map(|values| {
            if values.len() != names.len() {
                return Err(corrupt("packed row", &format!("{values:?}")));
            }
            decode(&Packed {
                names: &names,
                values,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_the_table_alias() {
        assert_eq!(
            names("c.id, c.kind,member_number"),
            ["id", "kind", "member_number"]
        );
    }

    #[test]
    fn a_packed_row_reads_like_a_row_and_says_what_is_wrong() {
        let rows = unpack(
            "id, name, note",
            r#"[[1, "Zoë", null], [2, "Tom", "x"]]"#,
            |row| {
                Ok((
                    row.integer("id")?,
                    row.text("name")?.to_owned(),
                    row.opt_text("note")?.map(str::to_owned),
                ))
            },
        )
        .unwrap();
        assert_eq!(
            rows,
            [
                (1, "Zoë".to_owned(), None),
                (2, "Tom".to_owned(), Some("x".to_owned()))
            ]
        );
        let wrong = unpack("id", r#"[["one"]]"#, |row| row.integer("id")).unwrap_err();
        assert!(format!("{wrong:?}").contains("id"), "{wrong:?}");
        let missing = unpack("id", "[[1]]", |row| row.integer("other")).unwrap_err();
        assert!(format!("{missing:?}").contains("other"), "{missing:?}");
        let short = unpack("id, name", "[[1]]", |row| row.integer("id")).unwrap_err();
        assert!(format!("{short:?}").contains("packed row"), "{short:?}");
    }
}
