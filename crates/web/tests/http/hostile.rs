//! Hostile input (issue #9): SQL and `LIKE` metacharacters, markup, very long texts, bodies over
//! the limits, malformed encodings, path-like file names and malformed ids. Each is either
//! refused with a clear error and nothing stored, or stored verbatim and shown inert; never a
//! 500. Every test runs on SQLite and on PostgreSQL.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, StatusCode};
use coopshares_app::ports::RequestFilter;
use coopshares_app::statements;
use coopshares_domain::ids::SubscriptionRequestId;
use coopshares_domain::outbox::EmailKind;
use coopshares_web::csrf::MAX_FORM_BYTES;
use serde_json::{Value, json};

use crate::payments::{Movement, camt053};
use crate::support::{TestApp, TestResponse, on_both_backends, pdf_text, pdf_tools_available};
use crate::validation::ready;

on_both_backends!(
    every_field_of_the_person_form_refuses_hostile_text_or_keeps_it_inert,
    every_field_of_the_entity_form_refuses_hostile_text_or_keeps_it_inert,
    every_field_of_a_person_request_through_the_api_refuses_hostile_text_or_keeps_it_inert,
    every_field_of_an_entity_request_through_the_api_refuses_hostile_text_or_keeps_it_inert,
    hostile_names_reach_the_pdfs_verbatim_and_the_register_and_emails_escaped,
    the_contact_search_takes_sql_and_like_metacharacters_literally,
    bodies_over_the_limit_are_refused_with_413_and_store_nothing,
    malformed_encodings_get_a_clear_4xx_and_store_nothing,
    a_statement_with_invalid_bytes_is_refused_with_the_place_at_fault,
    path_like_statement_file_names_are_kept_as_inert_labels,
    path_like_picture_file_names_are_ignored,
    malformed_ids_in_back_office_and_api_paths_are_not_found_never_a_500,
);

// ---------------------------------------------------------------------------------------
// Texts and their HTML form

/// What an attacker types into a text field, short ones first.
fn hostile_texts() -> Vec<String> {
    [
        "'; DROP TABLE contacts; --",
        "\" OR 1=1 --",
        "\\",
        "%_",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain([long_text()])
    .collect()
}

/// 100 kB: far over any field's limit.
fn long_text() -> String {
    "a".repeat(100 * 1024)
}

fn is_long(text: &str) -> bool {
    text.len() > 1000
}

/// The text as the templates print it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Whether printing `text` raw would change the page's markup.
fn is_markup(text: &str) -> bool {
    text.contains(['<', '>', '"', '\'', '&'])
}

/// Free texts that take any printable character: names, streets, cities, functions.
fn is_free_text(field: &str) -> bool {
    [".first_name", ".last_name", ".street", ".city", ".function"]
        .iter()
        .any(|suffix| field.ends_with(suffix))
        || field == "applicant.name"
        || field == "applicant.legal_form"
}

/// Texts with a length limit of their own (free texts, postal codes, phone numbers).
fn has_text_limit(field: &str) -> bool {
    is_free_text(field) || field.ends_with(".postal_code") || field.ends_with(".phone")
}

// ---------------------------------------------------------------------------------------
// A cooperative ready to take requests, and what is stored

/// (requests, contacts) stored.
async fn counts<S>(app: &TestApp<S>) -> (usize, usize) {
    let mut tx = app.store().begin_read().await.unwrap();
    let requests = tx
        .list_requests(&RequestFilter::default(), 10_000, 0)
        .await
        .unwrap()
        .0
        .len();
    let contacts = tx.search_contacts("", 10_000, 0).await.unwrap().len();
    (requests, contacts)
}

async fn statement_count<S>(app: &TestApp<S>) -> usize {
    statements::list_statements(app.store(), 1000)
        .await
        .unwrap()
        .len()
}

/// A valid Belgian enterprise number of its own for each `n`.
fn enterprise_number(n: u32) -> String {
    let base = 1_000_000 + u64::from(n);
    format!("{base:08}{:02}", 97 - base % 97)
}

// ---------------------------------------------------------------------------------------
// The applications the hostile texts go into

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Person,
    Entity,
}

/// A valid application of the `n`th applicant, field by field under its API name (the form's
/// inputs carry the same names), without the consents.
fn application(holder: Holder, n: u32) -> Vec<(String, String)> {
    let fields: Vec<(&str, String)> = match holder {
        Holder::Person => vec![
            ("applicant.kind", "person".to_owned()),
            ("applicant.first_name", "Anaïs".to_owned()),
            ("applicant.last_name", "Dubois".to_owned()),
            ("applicant.birth_date", "1985-04-23".to_owned()),
            ("applicant.email", format!("person{n}@example.be")),
            ("email_confirmation", format!("person{n}@example.be")),
            ("applicant.phone", "+32 470 12 34 56".to_owned()),
            ("applicant.language", "en".to_owned()),
            ("applicant.address.street", "Rue de la Loi 16".to_owned()),
            ("applicant.address.postal_code", "1000".to_owned()),
            ("applicant.address.city", "Bruxelles".to_owned()),
            ("applicant.address.country", "BE".to_owned()),
            ("applicant.iban", "BE71 0961 2345 6769".to_owned()),
            ("share_type", "A".to_owned()),
            ("quantity", "4".to_owned()),
        ],
        Holder::Entity => vec![
            ("applicant.kind", "entity".to_owned()),
            ("applicant.name", "Bakkerij Leonard".to_owned()),
            ("applicant.legal_form", "BV".to_owned()),
            ("applicant.registration_number", enterprise_number(n)),
            ("applicant.email", format!("entity{n}@example.be")),
            ("email_confirmation", format!("entity{n}@example.be")),
            ("applicant.language", "en".to_owned()),
            ("applicant.address.street", "Grote Markt 1".to_owned()),
            ("applicant.address.postal_code", "2000".to_owned()),
            ("applicant.address.city", "Antwerpen".to_owned()),
            ("applicant.address.country", "BE".to_owned()),
            ("applicant.iban", "BE71096123456769".to_owned()),
            ("applicant.representative.first_name", "Pieter".to_owned()),
            ("applicant.representative.last_name", "Leonard".to_owned()),
            (
                "applicant.representative.function",
                "zaakvoerder".to_owned(),
            ),
            (
                "applicant.representative.email",
                format!("representative{n}@example.be"),
            ),
            (
                "applicant.representative.phone",
                "+32 3 123 45 67".to_owned(),
            ),
            (
                "applicant.representative.address.street",
                "Kerkstraat 2".to_owned(),
            ),
            (
                "applicant.representative.address.postal_code",
                "2000".to_owned(),
            ),
            (
                "applicant.representative.address.city",
                "Antwerpen".to_owned(),
            ),
            ("applicant.representative.address.country", "BE".to_owned()),
            ("share_type", "A".to_owned()),
            ("quantity", "4".to_owned()),
        ],
    };
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The fields an attacker may fill: every one but the kind of holder.
fn attacked_fields(holder: Holder, api: bool) -> Vec<String> {
    application(holder, 0)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name != "applicant.kind" && !(api && name == "email_confirmation"))
        .collect()
}

fn with_field(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| {
            if k == name {
                (k.clone(), value.to_owned())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

const CONSENTS: [&str; 3] = ["data_policy", "statutes", "financial_risk"];

/// The application as the JSON the API takes: dotted names become nested objects.
fn api_body(fields: &[(String, String)]) -> String {
    let mut root = json!({ "consents": CONSENTS });
    for (name, value) in fields {
        if name == "email_confirmation" {
            continue;
        }
        let value = match (name.as_str(), value.parse::<u32>()) {
            ("quantity", Ok(number)) => json!(number),
            _ => json!(value),
        };
        let mut at = &mut root;
        let mut parts: Vec<&str> = name.split('.').collect();
        let last = parts.pop().unwrap();
        for part in parts {
            at = at
                .as_object_mut()
                .unwrap()
                .entry(part)
                .or_insert_with(|| json!({}));
        }
        at[last] = value;
    }
    root.to_string()
}

/// The value at a dotted name in a JSON document.
fn at_path<'a>(value: &'a Value, name: &str) -> &'a Value {
    name.split('.').fold(value, |at, part| &at[part])
}

// ---------------------------------------------------------------------------------------
// The public form

/// Posts the public form as the `n`th visitor (an address of its own, past the rate limit,
/// and a form token of its own).
async fn post_form<S>(
    app: &mut TestApp<S>,
    csrf: &str,
    fields: &[(String, String)],
    n: u32,
) -> TestResponse {
    let form_token = format!("{:064x}", u128::from(n) + 1);
    let mut pairs: Vec<(&str, &str)> = vec![("csrf_token", csrf), ("form_token", &form_token)];
    for (name, value) in fields {
        let name = if name == "applicant.kind" {
            "kind"
        } else {
            name
        };
        pairs.push((name, value));
    }
    pairs.extend(CONSENTS.iter().map(|code| ("consents", *code)));
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    post_form_bytes(app, body.into_bytes(), n).await
}

async fn post_form_bytes<S>(app: &mut TestApp<S>, body: Vec<u8>, n: u32) -> TestResponse {
    let [_, a, b, c] = n.to_be_bytes();
    let mut request = Request::post("/subscribe")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, a, b, c], 40_000))));
    app.request(request).await
}

/// The request id the thank-you address carries.
fn thanked_request(response: &TestResponse) -> SubscriptionRequestId {
    let location = response.location().unwrap();
    location
        .strip_prefix("/subscribe/thanks?request=")
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_else(|| panic!("not the thank-you page: {location}"))
        .parse()
        .unwrap()
}

/// Logs the manager in (to read the back office afterwards) and opens the form in English;
/// returns the CSRF token.
async fn open_form<S>(app: &mut TestApp<S>) -> String {
    app.log_in_as_manager().await;
    let page = app.get("/subscribe?lang=en").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.csrf_token()
}

/// Every attacked field of the form gets every hostile text: refused with the error next to
/// the field and nothing stored, or stored verbatim and printed escaped.
async fn attack_the_form<S>(mut app: TestApp<S>, holder: Holder) {
    ready(&mut app).await;
    let csrf = open_form(&mut app).await;
    let mut n = 0;
    for field in attacked_fields(holder, false) {
        for text in hostile_texts() {
            n += 1;
            let fields = with_field(&application(holder, n), &field, &text);
            let before = counts(&app).await;
            let response = post_form(&mut app, &csrf, &fields, n).await;
            let short = &text[..text.len().min(40)];
            match response.status {
                StatusCode::SEE_OTHER => {
                    assert!(!is_long(&text), "{field}: 100 kB accepted");
                    let id = thanked_request(&response);
                    kept_verbatim_and_shown_inert(&mut app, id, &field, &text).await;
                }
                StatusCode::UNPROCESSABLE_ENTITY => {
                    assert!(
                        !is_free_text(&field) || is_long(&text),
                        "{field} refused {short:?}: a name takes any printable character"
                    );
                    assert_eq!(counts(&app).await, before, "{field}: nothing stored");
                    let body = &response.body;
                    let error = format!("id=\"field-{field}-error\"");
                    let at = body
                        .find(&error)
                        .unwrap_or_else(|| panic!("{field} {short:?}: no error next to it"));
                    if is_long(&text) && has_text_limit(&field) {
                        assert!(
                            body[at..].contains("This text is too long."),
                            "{field}: the error says the text is too long"
                        );
                    }
                    if is_markup(&text) {
                        assert!(!body.contains(&text), "{field}: {text} printed raw");
                    }
                }
                status => panic!("{field} {short:?}: {status}\n{}", response.body),
            }
        }
    }
}

async fn every_field_of_the_person_form_refuses_hostile_text_or_keeps_it_inert<S>(app: TestApp<S>) {
    attack_the_form(app, Holder::Person).await;
}

async fn every_field_of_the_entity_form_refuses_hostile_text_or_keeps_it_inert<S>(app: TestApp<S>) {
    attack_the_form(app, Holder::Entity).await;
}

/// The request keeps `text` exactly as typed in `field`, and the back office prints it escaped
/// on the request's page or its holder's (or representative's) page, never raw.
async fn kept_verbatim_and_shown_inert<S>(
    app: &mut TestApp<S>,
    id: SubscriptionRequestId,
    field: &str,
    text: &str,
) {
    let record = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.get_request(id).await.unwrap().unwrap()
    };
    let submitted: Value = serde_json::from_str(&record.request.submitted).unwrap();
    assert_eq!(at_path(&submitted, field), &json!(text), "{field} as typed");
    let mut pages = vec![
        format!("/admin/requests/{id}"),
        format!("/admin/contacts/{}", record.request.contact),
    ];
    if let Some(representative) = record.request.representative {
        pages.push(format!("/admin/contacts/{representative}"));
    }
    let mut shown = false;
    for path in pages {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        if is_markup(text) {
            assert!(
                !page.body.contains(text),
                "{path}: {field} {text} printed raw"
            );
        }
        shown |= page.body.contains(&escaped(text));
    }
    let free = is_free_text(field);
    assert!(
        shown || !free,
        "{field}: {text} is on no back-office page of its request"
    );
}

// ---------------------------------------------------------------------------------------
// The API

async fn attack_the_api<S>(mut app: TestApp<S>, holder: Holder) {
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let mut n = 0;
    for field in attacked_fields(holder, true) {
        for text in hostile_texts() {
            n += 1;
            let body = api_body(&with_field(&application(holder, n), &field, &text));
            let before = counts(&app).await;
            let response = app
                .api(
                    Method::POST,
                    "/api/v1/subscription-requests",
                    Some(&token),
                    Some(&body),
                )
                .await;
            let short = &text[..text.len().min(40)];
            match response.status {
                StatusCode::CREATED => {
                    assert!(!is_long(&text), "{field}: 100 kB accepted");
                    let created = response.json();
                    assert_eq!(
                        at_path(&created["submitted"], &field),
                        &json!(text),
                        "{field}: the API answers with the text as sent"
                    );
                    let id = created["id"].as_str().unwrap().parse().unwrap();
                    kept_verbatim_and_shown_inert(&mut app, id, &field, &text).await;
                }
                StatusCode::UNPROCESSABLE_ENTITY => {
                    assert!(
                        !is_free_text(&field) || is_long(&text),
                        "{field} refused {short:?}: a name takes any printable character\n{}",
                        response.body
                    );
                    assert_eq!(counts(&app).await, before, "{field}: nothing stored");
                    let errors = response.json()["errors"].as_array().unwrap().clone();
                    let error = errors
                        .iter()
                        .find(|e| e["field"] == json!(field))
                        .unwrap_or_else(|| panic!("{field} {short:?}: not named in {errors:?}"));
                    if is_long(&text) && has_text_limit(&field) {
                        assert_eq!(error["code"], "too_long", "{field}");
                    }
                }
                status => panic!("{field} {short:?}: {status}\n{}", response.body),
            }
        }
    }
}

async fn every_field_of_a_person_request_through_the_api_refuses_hostile_text_or_keeps_it_inert<
    S,
>(
    app: TestApp<S>,
) {
    attack_the_api(app, Holder::Person).await;
}

async fn every_field_of_an_entity_request_through_the_api_refuses_hostile_text_or_keeps_it_inert<
    S,
>(
    app: TestApp<S>,
) {
    attack_the_api(app, Holder::Entity).await;
}

// ---------------------------------------------------------------------------------------
// Documents, the register, the emails

const SCRIPT: &str = "<script>alert(1)</script>";
const DROP: &str = "'; DROP TABLE contacts; --";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const LIKE: &str = "%_ \\ 100%";

async fn hostile_names_reach_the_pdfs_verbatim_and_the_register_and_emails_escaped<S>(
    mut app: TestApp<S>,
) {
    let token = ready(&mut app).await;
    let mut fields = application(Holder::Person, 1);
    for (field, text) in [
        ("applicant.first_name", SCRIPT),
        ("applicant.last_name", DROP),
        ("applicant.address.street", IMG),
        ("applicant.address.city", LIKE),
    ] {
        fields = with_field(&fields, field, text);
    }
    let submitted = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&token),
            Some(&api_body(&fields)),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::CREATED, "{}", submitted.body);
    let request = submitted.json()["id"].as_str().unwrap().to_owned();

    let validated = app
        .api(
            Method::POST,
            &format!("/api/v1/subscription-requests/{request}/validate"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(validated.status, StatusCode::OK, "{}", validated.body);
    let validated = validated.json();
    let call = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let amount = validated["capital_call"]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    let holder = validated["contact_id"].as_str().unwrap().to_owned();

    let call_pdf = app
        .api(
            Method::GET,
            &format!("/api/v1/capital-calls/{call}/document.pdf"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(call_pdf.status, StatusCode::OK, "{}", call_pdf.body);
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(&token),
            Some(&json!({"amount": amount, "date": "2026-11-27"}).to_string()),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let certificate = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{holder}/certificate.pdf"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(certificate.status, StatusCode::OK, "{}", certificate.body);
    if pdf_tools_available() {
        for (what, pdf) in [
            ("capital release request", &call_pdf.bytes),
            ("certificate", &certificate.bytes),
        ] {
            // pdftotext joins a line ending in a dash to the next, as a hyphenated word.
            let text = pdf_text(pdf)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for name in [SCRIPT, DROP.trim_end_matches('-')] {
                assert!(text.contains(name), "{what}: {name} in {text}");
            }
        }
    }

    app.log_in_as_manager().await;
    for path in [
        "/admin/register?lang=en".to_owned(),
        format!("/admin/contacts/{holder}"),
        "/admin/contacts".to_owned(),
        format!("/admin/capital-calls/{call}"),
        "/admin/requests".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        for text in [SCRIPT, DROP] {
            assert!(!page.body.contains(text), "{path}: {text} printed raw");
            assert!(page.body.contains(&escaped(text)), "{path}: {text} escaped");
        }
    }
    let contact = app.get(&format!("/admin/contacts/{holder}")).await;
    assert!(!contact.body.contains(IMG));
    assert!(contact.body.contains(&escaped(IMG)), "the street, escaped");
    assert!(contact.body.contains(LIKE), "the city, as typed");

    let emails = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.list_emails(None, 100, 0).await.unwrap()
    };
    let confirmation = emails
        .iter()
        .find(|e| e.email.kind == EmailKind::RequestConfirmation)
        .unwrap();
    assert!(
        !confirmation.email.html_body.contains(SCRIPT),
        "{}",
        confirmation.email.html_body
    );
    // The email templates escape `/` and `'` too (minijinja's own escaping).
    assert!(
        confirmation
            .email
            .html_body
            .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{}",
        confirmation.email.html_body
    );
    assert!(
        confirmation.email.text_body.contains(SCRIPT),
        "plain text as typed"
    );
}

// ---------------------------------------------------------------------------------------
// Search

async fn the_contact_search_takes_sql_and_like_metacharacters_literally<S>(mut app: TestApp<S>) {
    let token = ready(&mut app).await;
    let names = ["Percent%_Sign", "Back\\Slash", "O'Brien", "Vanilla"];
    for (n, last_name) in (1..).zip(names) {
        let fields = with_field(
            &application(Holder::Person, n),
            "applicant.last_name",
            last_name,
        );
        let created = app
            .api(
                Method::POST,
                "/api/v1/subscription-requests",
                Some(&token),
                Some(&api_body(&fields)),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    }
    app.log_in_as_manager().await;
    let rows = |body: &str| {
        names
            .iter()
            .filter(|name| body.contains(&escaped(name)))
            .copied()
            .collect::<Vec<_>>()
    };
    for (query, found) in [
        ("%_", vec!["Percent%_Sign"]),
        ("%", vec!["Percent%_Sign"]),
        ("_", vec!["Percent%_Sign"]),
        ("\\", vec!["Back\\Slash"]),
        ("'", vec!["O'Brien"]),
        ("' OR 1=1 --", vec![]),
        ("'; DROP TABLE contacts; --", vec![]),
        ("<script>alert(1)</script>", vec![]),
        // A control character is in no stored name: left out, as if not typed.
        ("Vanil\0la", vec!["Vanilla"]),
        ("\0", names.to_vec()),
    ] {
        let q: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        for path in [
            format!("/admin/contacts?q={q}"),
            format!("/admin/requests?q={q}"),
        ] {
            let page = app.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            assert_eq!(rows(&page.body), found, "{path}");
            assert!(
                !page.body.contains("<script>alert"),
                "{path}: the query printed raw"
            );
        }
        let listed = app
            .api(
                Method::GET,
                &format!("/api/v1/subscription-requests?q={q}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(listed.status, StatusCode::OK, "{query:?}: {}", listed.body);
        assert_eq!(
            listed.json()["items"].as_array().unwrap().len(),
            found.len(),
            "{query:?}"
        );
    }
    assert_eq!(
        counts(&app).await,
        (4, 4),
        "the contacts are all still there"
    );
}

// ---------------------------------------------------------------------------------------
// Bodies over the limits

const BOUNDARY: &str = "----coopsharesHostileBoundary";

/// A `multipart/form-data` body: the CSRF token, then `file` named by the raw
/// `Content-Disposition` parameters `disposition`.
fn multipart(token: &str, disposition: &str, content_type: &str, file: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\n\
         Content-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts `body` as a multipart upload from `page`'s form (the CSRF token in the action's
/// query, as the page writes it).
async fn upload<S>(
    app: &mut TestApp<S>,
    page: &str,
    action: &str,
    disposition: &str,
    content_type: &str,
    file: &[u8],
) -> TestResponse {
    let token = app.get(page).await.csrf_token();
    let body = multipart(&token, disposition, content_type, file);
    app.request(
        Request::post(format!("{action}?csrf_token={token}"))
            .header(
                CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn upload_statement<S>(app: &mut TestApp<S>, disposition: &str, file: &[u8]) -> TestResponse {
    upload(
        app,
        "/admin/bank-statements?lang=en",
        "/admin/bank-statements",
        disposition,
        "text/xml",
        file,
    )
    .await
}

/// A statement of its own (by its id) with one movement received.
fn statement(id: &str) -> String {
    camt053(
        id,
        &[Movement {
            amount_cents: 1_000,
            date: "2026-11-26",
            bank_reference: id,
            name: "Someone",
            iban: "BE68539007547034",
            structured: None,
            unstructured: Some("gift"),
        }],
    )
}

async fn bodies_over_the_limit_are_refused_with_413_and_store_nothing<S>(mut app: TestApp<S>) {
    let token = ready(&mut app).await;
    let csrf = open_form(&mut app).await;
    let before = counts(&app).await;

    let huge_name = "a".repeat(MAX_FORM_BYTES + 1);
    let fields = with_field(
        &application(Holder::Person, 1),
        "applicant.first_name",
        &huge_name,
    );
    let form = post_form(&mut app, &csrf, &fields, 1).await;
    assert_eq!(form.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", form.body);

    // axum's default limit for a JSON body is 2 MB.
    let huge_name = "a".repeat(2 * 1024 * 1024 + 1);
    let body = api_body(&with_field(
        &application(Holder::Person, 2),
        "applicant.first_name",
        &huge_name,
    ));
    let json = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&token),
            Some(&body),
        )
        .await;
    assert_eq!(json.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", json.body);
    assert_eq!(json.json()["errors"][0]["code"], "payload_too_large");
    assert_eq!(counts(&app).await, before, "no request, no contact");

    let mut file = statement("BIG").into_bytes();
    file.resize(statements::MAX_STATEMENT_BYTES + 1, b' ');
    let refused = upload_statement(&mut app, "filename=\"big.xml\"", &file).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        refused
            .body
            .contains("This file is too large to be a statement."),
        "{}",
        refused.body
    );
    assert_eq!(statement_count(&app).await, 0);
}

// ---------------------------------------------------------------------------------------
// Malformed encodings

async fn malformed_encodings_get_a_clear_4xx_and_store_nothing<S>(mut app: TestApp<S>) {
    let token = ready(&mut app).await;
    let csrf = open_form(&mut app).await;
    let before = counts(&app).await;
    let valid = |n: u32| {
        let form_token = format!("{:064x}", u128::from(n) + 1);
        let mut pairs = vec![
            ("csrf_token".to_owned(), csrf.clone()),
            ("form_token".to_owned(), form_token),
        ];
        pairs.extend(application(Holder::Person, n).into_iter().map(|(k, v)| {
            (
                if k == "applicant.kind" {
                    "kind".to_owned()
                } else {
                    k
                },
                v,
            )
        }));
        pairs.extend(
            CONSENTS
                .iter()
                .map(|c| ("consents".to_owned(), (*c).to_owned())),
        );
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish()
    };

    // Bytes that are not UTF-8 once decoded, percent-encoded and raw.
    for (n, bad) in [
        (1, b"applicant.first_name=%FF%FEAna".to_vec()),
        (2, b"applicant.first_name=Ana%C3".to_vec()),
        (3, b"applicant.first_name=Ana\xff\xfe".to_vec()),
    ] {
        // Sent before the valid first name, so it is the one read.
        let body = [bad.as_slice(), b"&", valid(n).as_bytes()].concat();
        let response = post_form_bytes(&mut app, body, n).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{:?}: {}",
            String::from_utf8_lossy(&bad),
            response.body
        );
        assert!(
            response.body.contains("Invalid request"),
            "{}",
            response.body
        );
    }
    assert_eq!(counts(&app).await, before, "nothing stored");

    // An invalid percent sequence is taken literally, as browsers and the URL standard do.
    let body = format!("applicant.last_name=100%ZZ%&{}", valid(4));
    let literal = post_form_bytes(&mut app, body.into_bytes(), 4).await;
    assert_eq!(literal.status, StatusCode::SEE_OTHER, "{}", literal.body);
    let id = thanked_request(&literal);
    kept_verbatim_and_shown_inert(&mut app, id, "applicant.last_name", "100%ZZ%").await;
    let before = counts(&app).await;

    // JSON that is not UTF-8, or a lone surrogate.
    let person = api_body(&application(Holder::Person, 5));
    for bad in [
        person.replace("Anaïs", "Ana\u{1}s"),
        person.replace("Anaïs", "Ana\\ud800s"),
    ] {
        let mut bytes = bad.into_bytes();
        if let Some(at) = bytes.iter().position(|b| *b == 1) {
            bytes[at] = 0xff;
        }
        let response = app
            .request(
                Request::post("/api/v1/subscription-requests")
                    .header("authorization", format!("Bearer {token}"))
                    .header(CONTENT_TYPE, "application/json")
                    .body(Body::from(bytes))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{}",
            response.body
        );
        assert_eq!(response.json()["errors"][0]["code"], "malformed_json");
    }

    // The wrong content type, on the API, the form and the upload.
    let plain = app
        .request(
            Request::post("/api/v1/subscription-requests")
                .header("authorization", format!("Bearer {token}"))
                .header(CONTENT_TYPE, "text/plain")
                .body(Body::from(person.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(plain.status, StatusCode::BAD_REQUEST, "{}", plain.body);
    assert_eq!(plain.json()["errors"][0]["code"], "content_type");
    let json_form = app
        .request(
            Request::post("/subscribe")
                .header(CONTENT_TYPE, "application/json")
                .header("x-csrf-token", csrf.as_str())
                .body(Body::from(person.clone()))
                .unwrap(),
        )
        .await;
    assert!(
        json_form.status.is_client_error(),
        "{}: {}",
        json_form.status,
        json_form.body
    );
    let form_upload = app
        .request(
            Request::post("/admin/bank-statements")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf_token={csrf}&file=x")))
                .unwrap(),
        )
        .await;
    assert!(
        form_upload.status.is_client_error(),
        "{}: {}",
        form_upload.status,
        form_upload.body
    );
    assert_eq!(counts(&app).await, before, "nothing stored");
    assert_eq!(statement_count(&app).await, 0);
}

async fn a_statement_with_invalid_bytes_is_refused_with_the_place_at_fault<S>(mut app: TestApp<S>) {
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let file = statement("BYTES").replace("Someone", "Some\u{1}one");
    let mut bytes = file.into_bytes();
    let at = bytes.iter().position(|b| *b == 1).unwrap();
    bytes[at] = 0xff;

    let through_api = app
        .request(
            Request::post("/api/v1/bank-statements")
                .header("authorization", format!("Bearer {token}"))
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(bytes.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(
        through_api.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        through_api.body
    );
    let error = &through_api.json()["errors"][0];
    assert_eq!(error["code"], "statement_malformed");
    let detail = error["detail"].as_str().unwrap();
    assert!(
        detail.contains("Nm") || detail.contains("line") || detail.contains("position"),
        "the place at fault: {detail}"
    );

    let uploaded = upload_statement(&mut app, "filename=\"bytes.xml\"", &bytes).await;
    assert_eq!(
        uploaded.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        uploaded.body
    );
    assert!(
        uploaded
            .body
            .contains("it is not a statement Coopshares can read"),
        "{}",
        uploaded.body
    );
    assert!(
        uploaded.body.contains(&escaped(detail)),
        "the same detail on the page"
    );
    assert_eq!(statement_count(&app).await, 0);
}

// ---------------------------------------------------------------------------------------
// File names

/// Where a path-like name would land if anything wrote it relative to the working folder.
fn probe_name() -> String {
    format!("coopshares-hostile-probe-{}.xml", std::process::id())
}

async fn path_like_statement_file_names_are_kept_as_inert_labels<S>(mut app: TestApp<S>) {
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let probe = probe_name();
    let names = [
        format!("../../{probe}"),
        format!("..\\..\\{probe}"),
        "/etc/passwd".to_owned(),
        "a/b/c.xml".to_owned(),
        format!("<script>alert(1)</script>{probe}"),
    ];
    for (n, name) in names.iter().enumerate() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        let file = statement(&format!("NAME{n}"));
        let response =
            upload_statement(&mut app, &format!("filename=\"{quoted}\""), file.as_bytes()).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{name}: {}",
            response.body
        );
        let page = app.get(response.location().unwrap()).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("<script>alert"), "{name}: printed raw");
    }
    let listed = app.get("/admin/bank-statements").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        !listed.body.contains("<script>alert"),
        "the list prints names escaped"
    );
    assert!(listed.body.contains(&escaped(&names[0])), "{}", listed.body);
    assert!(listed.body.contains("&lt;script&gt;"));

    // Names with control characters: refused by the multipart reader, or recorded without them.
    let dispositions = [
        "filename=\"nul\0name.xml\"".to_owned(),
        "filename*=UTF-8''nul%00name%2F..%2Fx.xml".to_owned(),
        "filename=\"line\r\nbreak.xml\"".to_owned(),
    ];
    for (n, disposition) in dispositions.iter().enumerate() {
        let file = statement(&format!("CONTROL{n}"));
        let response = upload_statement(&mut app, disposition, file.as_bytes()).await;
        assert!(
            response.status == StatusCode::SEE_OTHER || response.status.is_client_error(),
            "{disposition:?}: {} {}",
            response.status,
            response.body
        );
    }
    for (n, name) in ["..%2F..%2Fetc%2Fpasswd%00", "nul%00name", "%0D%0Abreak"]
        .iter()
        .enumerate()
    {
        let response = app
            .request(
                Request::post(format!("/api/v1/bank-statements?filename={name}"))
                    .header("authorization", format!("Bearer {token}"))
                    .header(CONTENT_TYPE, "application/octet-stream")
                    .body(Body::from(statement(&format!("API{n}"))))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{name}: {}",
            response.body
        );
    }
    for record in statements::list_statements(app.store(), 100).await.unwrap() {
        if let Some(name) = &record.statement.filename {
            assert!(
                !name.chars().any(char::is_control),
                "{name:?} recorded with control characters"
            );
        }
    }

    // Nothing was written where the names point.
    let here = std::env::current_dir().unwrap();
    for folder in [here.clone(), here.join(".."), here.join("../..")] {
        assert!(!folder.join(&probe).exists(), "{}", folder.display());
    }
    assert!(!std::env::temp_dir().join(&probe).exists());
}

/// A small PNG: a dark blue square.
fn tiny_png() -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(8, 8, image::Rgb([0x1f, 0x4e, 0x79]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

async fn path_like_picture_file_names_are_ignored<S>(mut app: TestApp<S>) {
    ready(&mut app).await;
    app.log_in_as_manager().await;
    let png = tiny_png();
    let probe = probe_name();
    for disposition in [
        format!("filename=\"../../{probe}\""),
        format!("filename=\"..\\\\..\\\\{probe}\""),
        "filename=\"/etc/passwd\"".to_owned(),
        "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%00.png".to_owned(),
    ] {
        let stored = upload(
            &mut app,
            "/admin/settings/certificate?lang=en",
            "/admin/settings/certificate/pictures/logo",
            &disposition,
            "image/png",
            &png,
        )
        .await;
        assert_eq!(
            stored.status,
            StatusCode::SEE_OTHER,
            "{disposition}: {}",
            stored.body
        );
        let shown = app.get("/admin/settings/certificate/pictures/logo").await;
        assert_eq!(shown.status, StatusCode::OK);
        assert_eq!(shown.bytes, png);
        let page = app.get("/admin/settings/certificate?lang=en").await;
        assert!(!page.body.contains("passwd"), "the name is not shown");
        assert!(!page.body.contains(&probe), "the name is not shown");
    }
    let here = std::env::current_dir().unwrap();
    for folder in [here.clone(), here.join(".."), here.join("../..")] {
        assert!(!folder.join(&probe).exists(), "{}", folder.display());
    }
}

// ---------------------------------------------------------------------------------------
// Ids

/// Ids no route should take for a record, and none should fail on.
const BAD_IDS: [&str; 10] = [
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999999",
    "9223372036854775807",
    "%00",
    "%27%20OR%201%3D1%20--",
    "1%20OR%201=1",
    "..%2F1",
];

async fn malformed_ids_in_back_office_and_api_paths_are_not_found_never_a_500<S>(
    mut app: TestApp<S>,
) {
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let csrf = app.get("/admin").await.csrf_token();
    for id in BAD_IDS {
        for path in [
            "/admin/requests/{id}",
            "/admin/capital-calls/{id}",
            "/admin/capital-calls/{id}/document.pdf",
            "/admin/bank-statements/{id}",
            "/admin/contacts/{id}",
            "/admin/certificates/{id}/certificate.pdf",
            "/admin/outbox/{id}",
            "/admin/share-types/{id}",
            "/admin/requests/new?contact={id}",
        ] {
            let path = path.replace("{id}", id);
            let response = app.get(&path).await;
            assert_eq!(
                response.status,
                StatusCode::NOT_FOUND,
                "GET {path}: {}",
                response.body
            );
        }
        for path in [
            "/admin/requests/{id}/hold",
            "/admin/requests/{id}/release",
            "/admin/requests/{id}/cancel",
            "/admin/requests/{id}/validate",
            "/admin/capital-calls/{id}/cancel",
            "/admin/capital-calls/{id}/payments",
            "/admin/payments/{id}/undo",
            "/admin/statement-lines/{id}/match",
            "/admin/statement-lines/{id}/ignore",
            "/admin/representations/{id}/end",
            "/admin/certificates/{id}/resend",
            "/admin/contacts/{id}/certificates",
            "/admin/changes/{id}/approve",
            "/admin/changes/{id}/reject",
            "/admin/outbox/{id}/retry",
            "/admin/share-types/{id}",
        ] {
            let path = path.replace("{id}", id);
            let response = app
                .post_form(&path, &[("csrf_token", &csrf), ("reason", "x")])
                .await;
            assert!(
                response.status.is_client_error(),
                "POST {path}: {} {}",
                response.status,
                response.body
            );
        }
        for path in [
            "/api/v1/subscription-requests/{id}",
            "/api/v1/capital-calls/{id}",
            "/api/v1/capital-calls/{id}/document.pdf",
            "/api/v1/bank-statements/{id}/lines",
            "/api/v1/contacts/{id}",
            "/api/v1/contacts/{id}/certificate.pdf",
        ] {
            let path = path.replace("{id}", id);
            let response = app.api(Method::GET, &path, Some(&token), None).await;
            assert_eq!(
                response.status,
                StatusCode::NOT_FOUND,
                "GET {path}: {}",
                response.body
            );
            assert_eq!(response.json()["errors"][0]["code"], "not_found", "{path}");
        }
        for path in [
            "/api/v1/subscription-requests/{id}/cancel",
            "/api/v1/subscription-requests/{id}/validate",
            "/api/v1/capital-calls/{id}/payments",
            "/api/v1/payments/{id}/undo",
            "/api/v1/statement-lines/{id}/match",
            "/api/v1/statement-lines/{id}/ignore",
        ] {
            let path = path.replace("{id}", id);
            let response = app
                .api(
                    Method::POST,
                    &path,
                    Some(&token),
                    Some(r#"{"reason":"x","amount":"1.00","date":"2026-11-27","capital_call_id":"1"}"#),
                )
                .await;
            assert!(
                response.status.is_client_error(),
                "POST {path}: {} {}",
                response.status,
                response.body
            );
        }
    }
    for id in BAD_IDS {
        let path = format!("/api/v1/bank-accounts/{id}/csv-mapping");
        for method in [Method::GET, Method::PUT] {
            let response = app
                .api(
                    method.clone(),
                    &path,
                    Some(&token),
                    Some(r#"{"delimiter":";"}"#),
                )
                .await;
            assert!(
                response.status.is_client_error(),
                "{method} {path}: {} {}",
                response.status,
                response.body
            );
        }
    }
    for query in [
        "limit=-1",
        "limit=99999999999",
        "offset=-5",
        "state=%00",
        "q=%FF",
    ] {
        let path = format!("/api/v1/subscription-requests?{query}");
        let response = app.api(Method::GET, &path, Some(&token), None).await;
        assert!(
            response.status == StatusCode::OK || response.status.is_client_error(),
            "GET {path}: {} {}",
            response.status,
            response.body
        );
        let path = format!("/admin/requests?{query}");
        let response = app.get(&path).await;
        assert!(
            response.status == StatusCode::OK || response.status.is_client_error(),
            "GET {path}: {} {}",
            response.status,
            response.body
        );
    }
    assert_eq!(counts(&app).await, (0, 0));
}
