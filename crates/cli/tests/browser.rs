//! The back office in a real browser: Debian's Chromium driven through chromedriver
//! (WebDriver), against the real `coopshares serve`.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages `chromium` and
//! `chromium-driver`; `.ci/run` installs them). Without them the tests are skipped with a
//! message, unless `COOPSHARES_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed step is a failed test"
)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const BIN: &str = env!("CARGO_BIN_EXE_coopshares");
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const EMAIL: &str = "treasurer@coop.example";
const PASSWORD: &str = "a long enough password";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var("COOPSHARES_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "COOPSHARES_REQUIRE_BROWSER=1 but {CHROMIUM} or {CHROMEDRIVER} is missing"
        );
        eprintln!(
            "skipped: install the Debian packages chromium and chromium-driver to run the browser tests"
        );
    }
    present
}

/// `coopshares serve` on a new SQLite file with one manager account.
struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("coop.db").display());
        let mut admin = Command::new(BIN)
            .args(["admin", "create", "--email", EMAIL])
            .env("COOPSHARES_DATABASE_URL", &url)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        admin
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        assert!(admin.wait().unwrap().success());
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("serve")
            .env("COOPSHARES_DATABASE_URL", &url)
            .env("COOPSHARES_LISTEN", format!("127.0.0.1:{port}"))
            .env("COOPSHARES_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.contains("listening"), "{line}");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Headless Chromium behind chromedriver, with a fresh profile.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port);
        let profile = tempfile::tempdir().unwrap();
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1024,900",
                    "--accept-lang=fr-BE,fr",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }
        });
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("start a Chromium session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    async fn text(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    async fn html_lang(&self) -> String {
        self.client
            .find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    async fn fill(&self, css: &str, value: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    async fn log_in(&self) {
        self.fill("#field-email", EMAIL).await;
        self.fill("#field-password", PASSWORD).await;
        self.client
            .find(Locator::Css("form.form button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn stop(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_logs_in_and_out_through_the_browser_in_each_of_the_four_languages() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    let browser = Browser::start().await;
    let expected = [
        ("fr", "Se connecter", "Tableau de bord"),
        ("nl", "Aanmelden", "Overzicht"),
        ("en", "Log in", "Dashboard"),
        ("de", "Anmelden", "Übersicht"),
    ];
    for (lang, login_heading, dashboard_heading) in expected {
        browser
            .client
            .goto(&format!("{}/login?lang={lang}", server.base))
            .await
            .unwrap();
        assert_eq!(browser.text("main h1").await, login_heading, "{lang}");
        assert_eq!(browser.html_lang().await, lang);
        browser.log_in().await;
        browser
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_url(&url_of(&server.base, "/admin"))
            .await
            .unwrap_or_else(|e| panic!("{lang}: not on the dashboard: {e}"));
        assert_eq!(browser.text("main h1").await, dashboard_heading, "{lang}");
        browser
            .client
            .find(Locator::Css(".nav--wide form.nav__logout button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_url(&url_of(&server.base, "/login"))
            .await
            .unwrap();
        browser
            .client
            .goto(&format!("{}/admin", server.base))
            .await
            .unwrap();
        assert_eq!(
            browser.client.current_url().await.unwrap().path(),
            "/login",
            "{lang}: logged out"
        );
    }
    browser.stop().await;
}

fn url_of(base: &str, path: &str) -> url::Url {
    format!("{base}{path}").parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_posted_without_its_csrf_token_is_refused() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login?lang=en", server.base))
        .await
        .unwrap();
    browser
        .client
        .execute(
            "document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove()); return null;",
            vec![],
        )
        .await
        .unwrap();
    browser.log_in().await;
    assert_eq!(browser.text("main h1").await, "Form expired");
    browser
        .client
        .goto(&format!("{}/admin", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/login",
        "not logged in"
    );

    // With its token, the same form works.
    browser.log_in().await;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&url_of(&server.base, "/admin"))
        .await
        .unwrap();
    browser.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_the_language_keeps_the_page_and_is_remembered() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.html_lang().await,
        "fr",
        "the cooperative's default language"
    );
    browser
        .client
        .find(Locator::LinkText("Nederlands"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("html[lang=nl]"))
        .await
        .unwrap();
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/login");
    assert_eq!(browser.text("main h1").await, "Aanmelden");
    browser
        .client
        .goto(&format!("{}/login", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.html_lang().await,
        "nl",
        "remembered without the parameter"
    );
    browser.stop().await;
}
