//! A small load generator: `concurrency` connections send `total` requests between them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

pub type Client = hyper_util::client::legacy::Client<HttpConnector, Body>;

pub fn client() -> Client {
    hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(256)
        .build_http()
}

/// What one run measured.
#[derive(Debug)]
pub struct Measure {
    pub elapsed: Duration,
    /// Latencies of the successful requests, sorted.
    pub latencies: Vec<Duration>,
    /// Requests that did not get the expected status.
    pub errors: u64,
}

impl Measure {
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * (self.latencies.len() - 1) as f64).round() as usize;
        self.latencies[rank.min(self.latencies.len() - 1)].as_secs_f64() * 1000.0
    }
}

/// Sends `total` requests built by `make(n)` over `concurrency` connections; a response with
/// another status than `expected` counts as an error (and its first body is printed).
pub async fn run_load(
    client: &Client,
    total: u64,
    concurrency: usize,
    expected: u16,
    make: impl Fn(u64) -> Request<Body> + Send + Sync + 'static,
) -> Measure {
    let next = Arc::new(AtomicU64::new(0));
    let make = Arc::new(make);
    let reported = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, make, reported) = (
                client.clone(),
                Arc::clone(&next),
                Arc::clone(&make),
                Arc::clone(&reported),
            );
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        return (latencies, errors);
                    }
                    let request = make(n);
                    let sent = Instant::now();
                    match client.request(request).await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let body = response.into_body().collect().await.map(|b| b.to_bytes());
                            if status == expected {
                                latencies.push(sent.elapsed());
                            } else {
                                errors += 1;
                                if !reported.swap(true, Ordering::Relaxed) {
                                    let text = body.map(|b| {
                                        String::from_utf8_lossy(&b)
                                            .chars()
                                            .take(300)
                                            .collect::<String>()
                                    });
                                    eprintln!("unexpected status {status}: {text:?}");
                                }
                            }
                        }
                        Err(error) => {
                            errors += 1;
                            if !reported.swap(true, Ordering::Relaxed) {
                                eprintln!("request failed: {error}");
                            }
                        }
                    }
                }
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mine, failed) = worker.await.unwrap_or_default();
        latencies.extend(mine);
        errors += failed;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    Measure {
        elapsed,
        latencies,
        errors,
    }
}
