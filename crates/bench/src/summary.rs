//! The one table every run ends with: a row per workload and backend, its figure next to its
//! bare baseline, the ratio, and the peak memory while it ran.

use std::sync::Mutex;

struct Row {
    workload: String,
    backend: &'static str,
    figure: String,
    baseline: String,
    ratio: Option<f64>,
    peak_mib: Option<f64>,
}

static ROWS: Mutex<Vec<Row>> = Mutex::new(Vec::new());

/// Adds a row; `ratio` is the figure over the baseline in the direction that makes more worse
/// (time over time, or baseline rate over rate).
pub fn add(
    workload: impl Into<String>,
    backend: &'static str,
    figure: impl Into<String>,
    baseline: impl Into<String>,
    ratio: Option<f64>,
    peak_mib: Option<f64>,
) {
    if let Ok(mut rows) = ROWS.lock() {
        rows.push(Row {
            workload: workload.into(),
            backend,
            figure: figure.into(),
            baseline: baseline.into(),
            ratio,
            peak_mib,
        });
    }
}

/// Prints the table of every row added.
pub fn print() {
    let Ok(rows) = ROWS.lock() else { return };
    if rows.is_empty() {
        return;
    }
    println!("\nsummary (ratio: Coopshares' cost over the bare baseline's; 1 × is as fast)");
    println!("| workload | backend | figure | baseline | ratio | peak memory MiB |");
    println!("|---|---|---|---|---|---|");
    for row in rows.iter() {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            row.workload,
            row.backend,
            row.figure,
            if row.baseline.is_empty() {
                "—"
            } else {
                &row.baseline
            },
            row.ratio
                .map_or_else(|| "—".to_owned(), |r| format!("{r:.2} ×")),
            row.peak_mib
                .map_or_else(|| "—".to_owned(), |m| format!("{m:.0}")),
        );
    }
}
