//! What the document tests share: running the poppler tools on a rendered PDF.
//!
//! The poppler tools come from Debian's `poppler-utils`. Without them the checks that need
//! them are skipped with a message, unless `COOPSHARES_REQUIRE_PDF_TOOLS=1`, which makes them
//! fail instead (CI sets it).

use std::path::Path;
use std::process::Command;

/// Whether the poppler tools are installed. When they are not: panics if the environment
/// requires them, otherwise says the check is skipped.
pub fn pdf_tools_available(test: &str) -> bool {
    let present = ["pdftotext", "pdfinfo", "pdftoppm", "pdfimages"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if present {
        return true;
    }
    let required = std::env::var("COOPSHARES_REQUIRE_PDF_TOOLS").is_ok_and(|value| value == "1");
    assert!(
        !required,
        "{test}: pdftotext, pdfinfo, pdftoppm and pdfimages (poppler-utils) are required by \
         COOPSHARES_REQUIRE_PDF_TOOLS=1 but not installed"
    );
    eprintln!("{test}: skipped, poppler-utils is not installed (apt-get install poppler-utils)");
    false
}

/// Runs a poppler tool on `pdf` written to a fresh directory; returns its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8], dir: &Path) -> String {
    let file = dir.join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

pub fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, dir.path())
}

pub fn page_count(pdf: &[u8]) -> u32 {
    let dir = tempfile::tempdir().unwrap();
    let info = poppler("pdfinfo", &[], pdf, dir.path());
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .expect("pdfinfo reports the page count")
        .trim()
        .parse()
        .unwrap()
}
