//! Exports of the member and share register (CSV, and XLSX and PDF through the documents
//! port), shared by the back office and the API. A CSV export is streamed a page of members at
//! a time from one read snapshot, so its size does not bound the server's memory; an XLSX file
//! is written page by page in the spreadsheet writer's constant-memory mode, then compressed
//! into the response a chunk at a time.

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use coopshares_app::AppError;
use coopshares_app::documents::RegisterFormat;
use coopshares_app::register::{self, PAGE_CONTACTS, RegisterReader};
use coopshares_domain::language::Language;
use time::Date;

use crate::AppState;

/// The formats the register is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Pdf,
}

impl ExportFormat {
    pub fn parse(text: Option<&str>) -> Result<Self, AppError> {
        match text.map(str::trim).unwrap_or("csv") {
            "csv" | "" => Ok(Self::Csv),
            "xlsx" => Ok(Self::Xlsx),
            "pdf" => Ok(Self::Pdf),
            other => Err(AppError::field(
                "format",
                "invalid",
                format!("{other:?} is not an export format; use csv, xlsx or pdf"),
            )),
        }
    }
}

/// The file name of an export: `register-2026-11-28.csv`.
fn filename(as_of: Date, extension: &str) -> String {
    format!("register-{as_of}.{extension}")
}

/// The register on `as_of` in `format`, as a download; an XLSX or PDF file is headed in
/// `language`.
pub async fn export(
    state: &AppState,
    as_of: Date,
    format: ExportFormat,
    language: Language,
) -> Result<Response, AppError> {
    let (file_format, content_type, extension) = match format {
        ExportFormat::Csv => return csv(state, as_of).await,
        ExportFormat::Xlsx => (
            RegisterFormat::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ExportFormat::Pdf => (RegisterFormat::Pdf, "application/pdf", "pdf"),
    };
    let file = register::file(
        state.store.as_ref(),
        state.documents.as_ref(),
        as_of,
        language,
        file_format,
    )
    .await?;
    // The file is compressed on a blocking thread straight into the response, a chunk at a
    // time; an error part-way ends the body early, as for CSV.
    let (sender, chunks) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(CHUNKS_IN_FLIGHT);
    tokio::task::spawn_blocking(move || {
        let out = ChunkSender {
            sender: sender.clone(),
            buffer: Vec::with_capacity(CHUNK_BYTES),
        };
        if let Err(error) = file.write_to(Box::new(out)) {
            tracing::error!(error = %error, "the register export stopped");
            let _closed = sender.blocking_send(Err(std::io::Error::other(error.to_string())));
        }
    });
    let body = futures_util::stream::unfold(chunks, |mut chunks| async move {
        chunks.recv().await.map(|chunk| (chunk, chunks))
    });
    Ok((
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", filename(as_of, extension)),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

/// Bytes of a file sent to the client at a time, and how many such chunks may wait for it:
/// what an export holds in memory on top of the file writer's own state.
const CHUNK_BYTES: usize = 64 * 1024;
const CHUNKS_IN_FLIGHT: usize = 4;

/// A `Write` that hands the response body full chunks, waiting while the client is slow. A
/// client gone makes the next write fail, which stops the writer.
struct ChunkSender {
    sender: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChunkSender {
    fn send_buffer(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES));
        self.sender
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

impl std::io::Write for ChunkSender {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send_buffer()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send_buffer()
    }
}

impl Drop for ChunkSender {
    /// The file's last bytes, when the writer did not flush them itself.
    fn drop(&mut self) {
        let _closed = self.send_buffer();
    }
}

async fn csv(state: &AppState, as_of: Date) -> Result<Response, AppError> {
    let reader = RegisterReader::open(state.store.as_ref(), as_of, None)
        .await?
        .read_ahead(PAGE_CONTACTS);
    let header = register::csv::header(reader.share_types());
    // The header first, then one chunk per page; an error part-way ends the body early (the
    // client sees a truncated download, and the log says why).
    let pages = futures_util::stream::unfold(Some(reader), |reader| async move {
        let mut reader = reader?;
        match reader.next_page().await {
            Ok(Some(rows)) => {
                let chunk = register::csv::rows(reader.share_types(), &rows);
                Some((Ok::<_, std::io::Error>(Bytes::from(chunk)), Some(reader)))
            }
            Ok(None) => None,
            Err(error) => {
                tracing::error!(error = %error, "the register export stopped");
                Some((Err(std::io::Error::other(error.to_string())), None))
            }
        }
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok(Bytes::from(header)) }),
        pages,
    );
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", filename(as_of, "csv")),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
