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
    /// Where the server writes the emails it sends (no SMTP server is configured).
    outbox: std::path::PathBuf,
    /// A manager API token, to set things up and check results through the API.
    token: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    /// [`Server::start`] with more environment variables for `serve`.
    fn start_with(env: &[(&str, &str)]) -> Server {
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
        let token = Command::new(BIN)
            .args([
                "token",
                "create",
                "--role",
                "manager",
                "--name",
                "browser tests",
            ])
            .env("COOPSHARES_DATABASE_URL", &url)
            .output()
            .unwrap();
        let token = String::from_utf8(token.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .trim()
            .to_owned();
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("serve")
            .env("COOPSHARES_DATABASE_URL", &url)
            .env("COOPSHARES_LISTEN", format!("127.0.0.1:{port}"))
            .env("COOPSHARES_DATA_DIR", dir.path().join("data"))
            .envs(env.iter().copied())
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
            outbox: dir.path().join("data").join("outbox"),
            token,
            _dir: dir,
        }
    }
}

impl Server {
    /// One API call over plain HTTP/1.1; returns the status and the body.
    fn api(&self, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        use std::io::Read;
        let address = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        let body = body.unwrap_or("");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.token,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// A share type for persons and one for entities, both on the public form.
    fn with_share_types(&self) {
        for body in [
            r#"{"code":"A","names":{"fr":"Part A","nl":"Aandeel A","en":"Share A","de":"Anteil A"},"nominal_value":"250","for_persons":true,"for_entities":false,"max_quantity":40}"#,
            r#"{"code":"B","names":{"fr":"Part B","nl":"Aandeel B","en":"Share B","de":"Anteil B"},"nominal_value":"500","for_persons":false,"for_entities":true}"#,
        ] {
            let (status, text) = self.api("POST", "/api/v1/share-types", Some(body));
            assert_eq!(status, 201, "{text}");
        }
    }

    /// The subscription requests recorded, as JSON.
    fn requests(&self) -> serde_json::Value {
        let (status, text) = self.api("GET", "/api/v1/subscription-requests", None);
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
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
    /// Where downloaded files land.
    downloads: std::path::PathBuf,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Browser {
        Browser::start_with(&[]).await
    }

    /// [`Browser::start`] with more Chromium switches.
    async fn start_with(switches: &[&str]) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port);
        let profile = tempfile::tempdir().unwrap();
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1024,900".to_owned(),
            "--accept-lang=fr-BE,fr".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        args.extend(switches.iter().map(|switch| (*switch).to_owned()));
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
                "args": args,
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
            downloads,
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

    /// Waits until the page's `<h1>` reads `expected` (the page may still be loading or
    /// replaced meanwhile); returns what it last read.
    async fn heading_becomes(&self, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(heading) = self.client.find(Locator::Css("main h1")).await
                && let Ok(text) = heading.text().await
            {
                if text == expected {
                    return text;
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        last
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

    /// Types into the input named `name` (after clearing it).
    async fn type_into(&self, name: &str, value: &str) {
        self.fill(&format!("[name='{name}']"), value).await;
    }

    /// Sets an input's value the way a date picker would.
    async fn set_value(&self, name: &str, value: &str) {
        self.client
            .execute(
                "document.querySelector(`[name='${arguments[0]}']`).value = arguments[1]; return null;",
                vec![serde_json::json!(name), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Fills the public form for a person with `typed` and `birth_date`, ticks the three
    /// consents and sends it.
    async fn subscribe_as_person(&self, typed: &[(&str, &str)], birth_date: &str) {
        for (name, value) in typed {
            self.type_into(name, value).await;
        }
        self.set_value("applicant.birth_date", birth_date).await;
        for code in ["data_policy", "statutes", "financial_risk"] {
            self.click(&format!("input[name=consents][value={code}]"))
                .await;
        }
        self.click("#subscribe-form button[type=submit]").await;
    }

    async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    async fn value_of(&self, name: &str) -> String {
        self.client
            .find(Locator::Css(&format!("[name='{name}']")))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
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
        // Wait for the login's redirect to land: a page the caller asks for before then would
        // be overtaken by it (seen on a loaded machine: the dashboard instead of the list).
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(url) = self.client.current_url().await
                && url.path() != "/login"
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
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
        assert_eq!(
            browser.heading_becomes(dashboard_heading).await,
            dashboard_heading,
            "{lang}"
        );
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
    assert_eq!(
        browser.heading_becomes("Form expired").await,
        "Form expired"
    );
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
    assert_eq!(browser.heading_becomes("Aanmelden").await, "Aanmelden");
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

/// A person subscribes on the public form in French, as they would on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_subscribes_on_the_public_form_in_french() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    server.with_share_types();
    let browser = Browser::start().await;
    browser.client.set_window_size(390, 844).await.unwrap();
    browser
        .client
        .goto(&format!("{}/subscribe?lang=fr", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.heading_becomes("Souscrire des parts").await,
        "Souscrire des parts"
    );
    browser
        .subscribe_as_person(
            &[
                ("applicant.first_name", "Anaïs"),
                ("applicant.last_name", "Dubois-Léger"),
                ("applicant.email", "anais@example.be"),
                ("email_confirmation", "anais@example.be"),
                ("applicant.address.street", "Rue de la Loi 16"),
                ("applicant.address.postal_code", "1000"),
                ("applicant.address.city", "Bruxelles"),
                ("applicant.iban", "BE71 0961 2345 6769"),
                ("quantity", "4"),
            ],
            "1985-04-23",
        )
        .await;
    let thanks = "Merci pour votre demande de souscription";
    assert_eq!(browser.heading_becomes(thanks).await, thanks);

    let requests = server.requests();
    assert_eq!(requests["total"], 1, "{requests}");
    let request = &requests["items"][0];
    assert_eq!(request["channel"], "online_form");
    assert_eq!(request["holder_email"], "anais@example.be");
    assert_eq!(request["amount"], "1000.00");
    browser.stop().await;
}

/// An entity subscribes in Dutch; a first attempt with a wrong enterprise number comes back
/// with the error next to the field and everything typed still there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entity_subscribes_in_dutch_after_a_refused_attempt_that_kept_what_was_typed() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    server.with_share_types();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/subscribe?kind=entity&lang=nl", server.base))
        .await
        .unwrap();
    assert_eq!(browser.html_lang().await, "nl");
    let typed = [
        ("applicant.name", "Bakkerij Peeters"),
        ("applicant.legal_form", "BV"),
        ("applicant.registration_number", "0123.456.700"),
        ("applicant.email", "info@bakkerij.be"),
        ("email_confirmation", "info@bakkerij.be"),
        ("applicant.address.street", "Grote Markt 1"),
        ("applicant.address.postal_code", "2000"),
        ("applicant.address.city", "Antwerpen"),
        ("applicant.iban", "BE71 0961 2345 6769"),
        ("applicant.representative.first_name", "Jan"),
        ("applicant.representative.last_name", "Peeters"),
        ("applicant.representative.function", "zaakvoerder"),
        ("applicant.representative.email", "jan@bakkerij.be"),
        ("quantity", "2"),
    ];
    for (name, value) in typed {
        browser.type_into(name, value).await;
    }
    for code in ["data_policy", "statutes", "financial_risk"] {
        browser
            .click(&format!("input[name=consents][value={code}]"))
            .await;
    }
    browser.click("#subscribe-form button[type=submit]").await;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".error-summary"))
        .await
        .expect("the problems are listed at the top");
    let error = browser
        .text("#field-applicant\\.registration_number-error")
        .await;
    assert!(
        !error.is_empty(),
        "the error is next to the enterprise number"
    );
    for (name, value) in typed {
        assert_eq!(browser.value_of(name).await, value, "{name} kept");
    }
    assert_eq!(server.requests()["total"], 0, "nothing recorded");

    browser
        .type_into("applicant.registration_number", "0123.456.749")
        .await;
    browser.click("#subscribe-form button[type=submit]").await;
    let thanks = "Bedankt voor uw inschrijvingsaanvraag";
    assert_eq!(browser.heading_becomes(thanks).await, thanks);
    let requests = server.requests();
    assert_eq!(requests["total"], 1, "{requests}");
    assert_eq!(requests["items"][0]["holder_email"], "info@bakkerij.be");
    assert_eq!(requests["items"][0]["amount"], "1000.00");
    browser.stop().await;
}

/// The cooperative's own site, on a domain other than Coopshares': `openssl s_server` serving
/// one page over HTTPS (a certificate made for the test; Chromium is told to accept it) that
/// shows the public form in a frame.
struct EmbeddingSite {
    child: Child,
    _dir: tempfile::TempDir,
}

impl EmbeddingSite {
    /// Serves `https://localhost:{port}/join.html`; Coopshares is at `127.0.0.1`, another site
    /// for the browser.
    fn start(port: u16, framed: &str) -> EmbeddingSite {
        let dir = tempfile::tempdir().unwrap();
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args([
                "-subj",
                "/CN=localhost",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
            ])
            .current_dir(dir.path())
            .stderr(Stdio::null())
            .status()
            .expect("the openssl command (Debian package openssl)");
        assert!(made.success());
        std::fs::write(
            dir.path().join("join.html"),
            format!(
                "<!doctype html><html lang=\"nl\"><title>Energie Coop</title><h1>Word lid</h1>\
                 <iframe src=\"{framed}\" width=\"400\" height=\"800\"></iframe></html>"
            ),
        )
        .unwrap();
        let child = Command::new("openssl")
            .args([
                "s_server", "-quiet", "-WWW", "-cert", "cert.pem", "-key", "key.pem",
            ])
            .args(["-accept", &port.to_string()])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port);
        EmbeddingSite { child, _dir: dir }
    }
}

impl Drop for EmbeddingSite {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The form framed on the cooperative's own site, on another domain: the browser keeps no
/// cookie of Coopshares there, and the member still subscribes, in the frame's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_subscribes_through_the_form_framed_on_the_cooperatives_own_site() {
    if !browser_available() {
        return;
    }
    let site_port = free_port();
    let origin = format!("https://localhost:{site_port}");
    let server = Server::start_with(&[("COOPSHARES_FRAME_ANCESTORS", &origin)]);
    server.with_share_types();
    let site = EmbeddingSite::start(site_port, &format!("{}/subscribe?lang=nl", server.base));
    let browser = Browser::start_with(&["--ignore-certificate-errors"]).await;
    browser
        .client
        .goto(&format!("{origin}/join.html"))
        .await
        .unwrap();
    let frame = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    frame.enter_frame().await.unwrap();
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#subscribe-form"))
        .await
        .expect("the form shows in the frame");
    assert_eq!(browser.html_lang().await, "nl");
    let cookies = browser
        .client
        .execute("return document.cookie;", Vec::new())
        .await
        .unwrap();
    assert_eq!(cookies, "", "no cookie of Coopshares is kept in the frame");
    browser
        .subscribe_as_person(
            &[
                ("applicant.first_name", "Pieter"),
                ("applicant.last_name", "Claes"),
                ("applicant.email", "pieter@example.be"),
                ("email_confirmation", "pieter@example.be"),
                ("applicant.address.street", "Grote Markt 1"),
                ("applicant.address.postal_code", "2000"),
                ("applicant.address.city", "Antwerpen"),
                ("applicant.iban", "BE71 0961 2345 6769"),
                ("quantity", "3"),
            ],
            "1980-05-01",
        )
        .await;
    let thanks = "Bedankt voor uw inschrijvingsaanvraag";
    assert_eq!(browser.heading_becomes(thanks).await, thanks);
    let requests = server.requests();
    assert_eq!(requests["total"], 1, "{requests}");
    assert_eq!(requests["items"][0]["channel"], "online_form");
    assert_eq!(requests["items"][0]["holder_email"], "pieter@example.be");
    assert_eq!(requests["items"][0]["amount"], "750.00");
    drop(site);
    browser.stop().await;
}

/// A manager ticks two requests in the list and validates both at once; the page says what
/// happened to each, and each now has its capital release request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_validates_two_requests_from_the_list_at_once() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    server.with_share_types();
    let (status, text) = server.api(
        "PUT",
        "/api/v1/settings",
        Some(r#"{"name":"Énergie Citoyenne SC","iban":"BE71 0961 2345 6769"}"#),
    );
    assert_eq!(status, 200, "{text}");
    let mut ids = Vec::new();
    for (n, email) in ["lea@example.be", "tom@example.be", "zoe@example.be"]
        .into_iter()
        .enumerate()
    {
        let body = serde_json::json!({
            "applicant": {
                "kind": "person", "first_name": "Léa", "last_name": format!("Membre {n}"), "email": email,
                "birth_date": "1985-04-23", "language": "fr", "iban": "BE71 0961 2345 6769",
                "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
            },
            "share_type": "A", "quantity": n + 1,
            "consents": ["data_policy", "statutes", "financial_risk"]
        });
        let (status, text) = server.api(
            "POST",
            "/api/v1/subscription-requests",
            Some(&body.to_string()),
        );
        assert_eq!(status, 201, "{text}");
        let created: serde_json::Value = serde_json::from_str(&text).unwrap();
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login?lang=fr", server.base))
        .await
        .unwrap();
    browser.log_in().await;
    browser
        .client
        .goto(&format!("{}/admin/requests", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.heading_becomes("Demandes de souscription").await,
        "Demandes de souscription"
    );
    browser.click(&format!("#select-{}", ids[0])).await;
    browser.click(&format!("#select-{}", ids[2])).await;
    browser
        .click("#validate-selected button[type=submit]")
        .await;
    let title = "Validation des demandes sélectionnées";
    assert_eq!(browser.heading_becomes(title).await, title);
    let summary = browser.text("main p:nth-of-type(2)").await;
    assert!(summary.starts_with("2 demandes validées"), "{summary}");

    let state_of = |id: &str| {
        let (status, text) =
            server.api("GET", &format!("/api/v1/subscription-requests/{id}"), None);
        assert_eq!(status, 200, "{text}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    let first = state_of(&ids[0]);
    let third = state_of(&ids[2]);
    assert_eq!(first["state"], "validated");
    assert_eq!(third["state"], "validated");
    assert_eq!(state_of(&ids[1])["state"], "submitted");
    let mut numbers = [
        first["capital_call"]["number"].as_str().unwrap().to_owned(),
        third["capital_call"]["number"].as_str().unwrap().to_owned(),
    ];
    numbers.sort();
    assert!(
        numbers[0].ends_with("/0001") && numbers[1].ends_with("/0002"),
        "{numbers:?}"
    );
    browser.stop().await;
}

/// A camt.053.001.02 statement of one credit of 250.00 without reference, from Tom Peeters's
/// account; its balances add up.
fn one_credit_statement(iban: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BROWSER-1</MsgId><CreDtTm>2026-01-02T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BROWSER-1</Id>
      <Acct><Id><IBAN>BE71096123456769</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-02</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="EUR">250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-01-02</Dt></BookgDt><ValDt><Dt>2026-01-02</Dt></ValDt>
        <AcctSvcrRef>BROWSER-LINE-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>PEETERS TOM</Nm></Dbtr><DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>parts</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"#
    )
}

/// A manager uploads a camt.053 file on the bank statements page (sent by upload.js with its
/// progress bar), sees the one line waiting with the validated request suggested, confirms
/// it, and the holder becomes a cooperator with a member number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_imports_a_statement_and_confirms_the_suggested_request() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    server.with_share_types();
    let (status, text) = server.api(
        "PUT",
        "/api/v1/settings",
        Some(r#"{"name":"Énergie Citoyenne SC","iban":"BE71 0961 2345 6769"}"#),
    );
    assert_eq!(status, 200, "{text}");
    let iban = "BE68539007547034";
    let body = serde_json::json!({
        "applicant": {
            "kind": "person", "first_name": "Tom", "last_name": "Peeters", "email": "tom@example.be",
            "birth_date": "1979-02-11", "language": "nl", "iban": iban,
            "address": {"street": "Grote Markt 1", "postal_code": "2000", "city": "Antwerpen", "country": "BE"}
        },
        "share_type": "A", "quantity": 1,
        "consents": ["data_policy", "statutes", "financial_risk"]
    });
    let (status, text) = server.api(
        "POST",
        "/api/v1/subscription-requests",
        Some(&body.to_string()),
    );
    assert_eq!(status, 201, "{text}");
    let request: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (status, text) = server.api(
        "POST",
        &format!(
            "/api/v1/subscription-requests/{}/validate",
            request["id"].as_str().unwrap()
        ),
        None,
    );
    assert_eq!(status, 200, "{text}");
    let validated: serde_json::Value = serde_json::from_str(&text).unwrap();
    let contact_id = validated["contact_id"].as_str().unwrap().to_owned();
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("2026-01.xml");
    std::fs::write(&path, one_credit_statement(iban)).unwrap();

    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login?lang=fr", server.base))
        .await
        .unwrap();
    browser.log_in().await;
    browser
        .client
        .goto(&format!("{}/admin/bank-statements", server.base))
        .await
        .unwrap();
    assert_eq!(
        browser.heading_becomes("Extraits de compte").await,
        "Extraits de compte"
    );
    browser
        .client
        .find(Locator::Css("#statement-file"))
        .await
        .unwrap()
        .send_keys(&path.display().to_string())
        .await
        .unwrap();
    browser.click("#upload-form button[type=submit]").await;
    let title = "Extrait 2026-01.xml";
    assert_eq!(browser.heading_becomes(title).await, title);
    let summary = browser.text("#statement-summary").await;
    assert!(summary.starts_with("1 ligne vous attend"), "{summary}");
    let suggestion = browser.text(".suggestion").await;
    assert!(suggestion.contains("Tom Peeters"), "{suggestion}");
    assert!(suggestion.contains("même montant"), "{suggestion}");

    browser.click(".suggestion button[type=submit]").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut summary = String::new();
    while Instant::now() < deadline {
        if let Ok(element) = browser
            .client
            .find(Locator::Css("#statement-summary"))
            .await
            && let Ok(text) = element.text().await
        {
            summary = text;
            if summary.starts_with("Toutes les lignes") {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(summary.starts_with("Toutes les lignes"), "{summary}");
    assert!(
        browser
            .text("main")
            .await
            .contains("La ligne est rapprochée.")
    );

    let (status, text) = server.api("GET", &format!("/api/v1/contacts/{contact_id}"), None);
    assert_eq!(status, 200, "{text}");
    let contact: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(contact["membership"]["status"], "cooperator", "{contact}");
    assert_eq!(contact["membership"]["member_number"], 1, "{contact}");
    browser.stop().await;
}

/// The first email in the server's outbox folder whose text contains `needle`, decoded from
/// quoted-printable (soft line breaks joined), waiting for the worker to write it.
fn email_containing(server: &Server, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(entries) = std::fs::read_dir(&server.outbox) {
            for entry in entries.flatten() {
                let raw = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let text = raw
                    .replace("=\r\n", "")
                    .replace("=\n", "")
                    .replace("=3D", "=");
                if text.contains(needle) {
                    return text;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no email with {needle} in {:?}",
            server.outbox
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The path of the link to `prefix` followed by a 64-character token in `text`.
fn token_link(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).unwrap_or_else(|| panic!("no {prefix}"));
    let token: String = text[start + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{}", &text[start..]);
    format!("{prefix}{token}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sets_a_password_logs_in_switches_to_an_entity_and_downloads_its_certificate() {
    if !browser_available() {
        return;
    }
    let server = Server::start();
    server.with_share_types();
    let (status, text) = server.api(
        "PUT",
        "/api/v1/settings",
        Some(r#"{"name":"Énergie Citoyenne SC","iban":"BE71 0961 2345 6769"}"#),
    );
    assert_eq!(status, 200, "{text}");
    let person = serde_json::json!({
        "applicant": {
            "kind": "person", "first_name": "Pascale", "last_name": "Lemaire", "email": "pascale@example.be",
            "birth_date": "1980-06-01", "language": "fr", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue des Tilleuls 3", "postal_code": "5000", "city": "Namur", "country": "BE"}
        },
        "share_type": "A", "quantity": 2,
        "consents": ["data_policy", "statutes", "financial_risk"]
    });
    let entity = serde_json::json!({
        "applicant": {
            "kind": "entity", "name": "Boulangerie du Coin", "legal_form": "SRL",
            "registration_number": "0403.170.008", "email": "info@boulangerie.example",
            "iban": "BE71096123456769", "language": "fr",
            "address": {"street": "Zoning Nord 7", "postal_code": "5100", "city": "Jambes", "country": "BE"},
            "representative": {"first_name": "Pascale", "last_name": "Lemaire", "email": "pascale@example.be",
                               "address": {"street": "Rue des Tilleuls 3", "postal_code": "5000", "city": "Namur", "country": "BE"},
                               "function": "gérante"}
        },
        "share_type": "B", "quantity": 3,
        "consents": ["data_policy", "statutes", "financial_risk"]
    });
    let mut holders = Vec::new();
    for body in [person, entity] {
        let (status, text) = server.api(
            "POST",
            "/api/v1/subscription-requests",
            Some(&body.to_string()),
        );
        assert_eq!(status, 201, "{text}");
        let request: serde_json::Value = serde_json::from_str(&text).unwrap();
        let (status, text) = server.api(
            "POST",
            &format!(
                "/api/v1/subscription-requests/{}/validate",
                request["id"].as_str().unwrap()
            ),
            None,
        );
        assert_eq!(status, 200, "{text}");
        let validated: serde_json::Value = serde_json::from_str(&text).unwrap();
        let call = &validated["capital_call"];
        let (status, text) = server.api(
            "POST",
            &format!(
                "/api/v1/capital-calls/{}/payments",
                call["id"].as_str().unwrap()
            ),
            Some(&serde_json::json!({"amount": call["amount"], "date": "2026-01-05"}).to_string()),
        );
        assert_eq!(status, 201, "{text}");
        holders.push(validated["contact_id"].as_str().unwrap().to_owned());
    }
    let (own, bakery) = (&holders[0], &holders[1]);

    // The invitation sent at validation: one, to the one person behind both requests.
    let invitation = email_containing(&server, "/invitation/");
    assert!(invitation.contains("pascale@example.be"));
    let link = token_link(&invitation, "/invitation/");
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}{link}?lang=fr", server.base))
        .await
        .unwrap();
    browser
        .type_into("password", "mon mot de passe secret")
        .await;
    browser
        .type_into("password_confirm", "mon mot de passe secret")
        .await;
    browser.click("form.form button[type=submit]").await;
    assert_eq!(
        browser.heading_becomes("Se connecter").await,
        "Se connecter"
    );
    browser.fill("#field-email", "pascale@example.be").await;
    browser
        .fill("#field-password", "mon mot de passe secret")
        .await;
    browser.click("form.form button[type=submit]").await;
    assert_eq!(
        browser.heading_becomes("Pascale Lemaire").await,
        "Pascale Lemaire"
    );
    let switcher = browser.text(".switcher").await;
    assert!(switcher.contains("Boulangerie du Coin"), "{switcher}");
    assert!(switcher.contains("gérante"), "{switcher}");
    assert!(browser.text("main").await.contains("Certificat n° 1"));

    // Switch to the bakery and download its certificate.
    browser
        .click(&format!(".switcher a[data-holder='{bakery}']"))
        .await;
    let heading = browser.heading_becomes("Boulangerie du Coin SRL").await;
    assert_eq!(heading, "Boulangerie du Coin SRL");
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().ends_with(&format!("/portal/{bakery}")), "{url}");
    assert!(browser.text("main").await.contains("3"));
    browser.click("a[href$='/certificate.pdf']").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    let pdf = loop {
        let done: Vec<_> = std::fs::read_dir(&browser.downloads)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        if let Some(path) = done.first() {
            break std::fs::read(path).unwrap();
        }
        assert!(Instant::now() < deadline, "no certificate downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(pdf.starts_with(b"%PDF-"));

    // Back to the person: the switcher goes both ways.
    browser
        .click(&format!(".switcher a[data-holder='{own}']"))
        .await;
    assert_eq!(
        browser.heading_becomes("Pascale Lemaire").await,
        "Pascale Lemaire"
    );
    browser.stop().await;
}
