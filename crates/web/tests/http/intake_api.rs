//! The intake API: share types, subscription requests on the API channel.

use axum::http::{Method, StatusCode};
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::user::ApiRole;
use serde_json::json;

use coopshares_app::ports::Store;

use crate::support::TestApp;

async fn with_share_types(app: &mut TestApp, token: &str) {
    let a = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(token),
            Some(r#"{"code":"A","names":{"fr":"Part A","nl":"Aandeel A","en":"Share A","de":"Anteil A"},"nominal_value":"250.00","for_persons":true,"for_entities":false,"min_quantity":1,"max_quantity":40}"#),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let b = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(token),
            Some(r#"{"code":"B","name":"Part B","nominal_value":500,"for_persons":false,"for_entities":true}"#),
        )
        .await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.body);
}

pub(crate) fn person_body(email: &str, quantity: u32) -> String {
    json!({
        "applicant": {
            "kind": "person", "first_name": "Anaïs", "last_name": "Dubois", "email": email,
            "birth_date": "1985-04-23", "phone": "", "language": "fr", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        },
        "share_type": "A", "quantity": quantity,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

fn entity_body(registration: &str, representative_email: &str) -> String {
    json!({
        "applicant": {
            "kind": "entity", "name": "Boulangerie Léonard SRL", "legal_form": "SRL",
            "registration_number": registration, "email": "info@boulangerie.be", "iban": "BE71096123456769",
            "language": "nl",
            "address": {"street": "Grote Markt 1", "postal_code": "2000", "city": "Antwerpen", "country": "BE"},
            "representative": {"first_name": "Anaïs", "last_name": "Dubois", "email": representative_email,
                               "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"},
                               "function": "zaakvoerder"}
        },
        "share_type": "B", "quantity": 2,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

#[tokio::test]
async fn share_types_are_created_by_a_manager_and_listed_for_any_token() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    let intake = app.api_token(ApiRole::Intake).await;
    with_share_types(&mut app, &manager).await;
    let listed = app
        .api(Method::GET, "/api/v1/share-types", Some(&intake), None)
        .await
        .json();
    assert_eq!(listed[0]["code"], "A");
    assert_eq!(listed[0]["nominal_value"], "250.00");
    assert_eq!(listed[0]["names"]["nl"], "Aandeel A");
    assert_eq!(listed[0]["max_quantity"], 40);
    assert_eq!(listed[1]["nominal_value"], "500.00");
    assert_eq!(
        listed[1]["names"]["de"], "Part B",
        "one name for every language"
    );
    let refused = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(&intake),
            Some(r#"{"code":"C","name":"C","nominal_value":"1","for_persons":true}"#),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let taken = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(&manager),
            Some(r#"{"code":"A","name":"again","nominal_value":"1","for_persons":true}"#),
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.json()["errors"][0]["code"], "code_taken");
    let dollars = app
        .api(Method::POST, "/api/v1/share-types", Some(&manager), Some(r#"{"code":"U","name":"U","nominal_value":"10","currency":"USD","for_persons":true}"#))
        .await;
    assert_eq!(dollars.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dollars.json()["errors"][0]["field"], "currency");
}

#[tokio::test]
async fn an_intake_token_records_a_request_and_the_amount_is_computed_on_the_server() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    let intake = app.api_token(ApiRole::Intake).await;
    with_share_types(&mut app, &manager).await;
    let created = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&intake),
            Some(&person_body("anais@example.be", 4)),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let doc = created.json();
    assert_eq!(doc["state"], "submitted");
    assert_eq!(doc["channel"], "api");
    assert_eq!(doc["amount"], "1000.00");
    assert_eq!(doc["currency"], "EUR");
    assert_eq!(
        doc["submitted"]["applicant"]["first_name"], "Anaïs",
        "the data as submitted"
    );
    assert!(doc["contact_id"].as_str().is_some());

    // The intake token may not read requests back.
    let id = doc["id"].as_str().unwrap();
    let read = app
        .api(
            Method::GET,
            &format!("/api/v1/subscription-requests/{id}"),
            Some(&intake),
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    let read = app
        .api(
            Method::GET,
            &format!("/api/v1/subscription-requests/{id}"),
            Some(&manager),
            None,
        )
        .await;
    assert_eq!(read.json(), doc);

    let mut tx = app.store.begin_read().await.unwrap();
    let emails = tx.list_emails(None, 10, 0).await.unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].email.kind, EmailKind::RequestConfirmation);
    assert_eq!(emails[0].email.to, ["anais@example.be"]);
    assert!(
        emails[0].email.text_body.contains("1\u{202f}000,00"),
        "{}",
        emails[0].email.text_body
    );
}

#[tokio::test]
async fn a_bad_request_names_every_field_and_stores_nothing() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let mut body: serde_json::Value =
        serde_json::from_str(&person_body("not-an-email", 41)).unwrap();
    body["applicant"]["iban"] = json!("BE00");
    body["consents"] = json!([]);
    let refused = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    for field in [
        "applicant.email",
        "applicant.iban",
        "quantity",
        "consents.data_policy",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    let page = app
        .api(
            Method::GET,
            "/api/v1/subscription-requests",
            Some(&manager),
            None,
        )
        .await
        .json();
    assert_eq!(page["total"], 0);
    let mut tx = app.store.begin_read().await.unwrap();
    assert!(
        tx.search_contacts("", 10, 0).await.unwrap().is_empty(),
        "no contact either"
    );
    assert!(
        tx.list_emails(None, 10, 0).await.unwrap().is_empty(),
        "no email"
    );
}

#[tokio::test]
async fn the_same_idempotency_key_records_one_request() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let request = || {
        axum::http::Request::post("/api/v1/subscription-requests")
            .header("authorization", format!("Bearer {manager}"))
            .header("content-type", "application/json")
            .header("idempotency-key", "order-42")
            .body(axum::body::Body::from(person_body("anais@example.be", 2)))
            .unwrap()
    };
    let first = app.request(request()).await;
    let second = app.request(request()).await;
    assert_eq!(
        (first.status, second.status),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    assert_eq!(first.json()["id"], second.json()["id"]);
    assert_eq!(second.headers.get("idempotent-replayed").unwrap(), "true");
    let page = app
        .api(
            Method::GET,
            "/api/v1/subscription-requests",
            Some(&manager),
            None,
        )
        .await
        .json();
    assert_eq!(page["total"], 1);
}

#[tokio::test]
async fn a_representative_who_is_already_a_contact_is_linked_not_duplicated() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let own = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&person_body("anais@example.be", 1)),
        )
        .await
        .json();
    let for_entity = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&entity_body("0123.456.749", "Anais@Example.be")),
        )
        .await;
    assert_eq!(
        for_entity.status,
        StatusCode::CREATED,
        "{}",
        for_entity.body
    );
    let doc = for_entity.json();
    assert_eq!(
        doc["representative_id"], own["contact_id"],
        "the same person, not a second one"
    );
    assert_ne!(doc["contact_id"], own["contact_id"]);

    let mut tx = app.store.begin_read().await.unwrap();
    let persons = tx
        .find_persons_by_email(&coopshares_domain::email::Email::parse("anais@example.be").unwrap())
        .await
        .unwrap();
    assert_eq!(persons.len(), 1);
    let represents = tx.representations_of_person(persons[0].id).await.unwrap();
    assert_eq!(represents.len(), 1);
    assert_eq!(represents[0].role, "zaakvoerder");
    // The entity and its representative were both told, in the entity's language.
    let emails = tx.list_emails(None, 10, 0).await.unwrap();
    let to_entity: Vec<_> = emails
        .iter()
        .filter(|e| e.email.language == coopshares_domain::language::Language::Nl)
        .collect();
    assert_eq!(to_entity.len(), 2);
    drop(tx);

    // A second request for the same entity reuses the entity and the representation.
    let again = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&entity_body("BE 0123 456 749", "anais@example.be")),
        )
        .await
        .json();
    assert_eq!(again["contact_id"], doc["contact_id"]);
    let mut tx = app.store.begin_read().await.unwrap();
    assert_eq!(
        tx.representations_of_person(persons[0].id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn what_a_holder_already_asked_for_counts_against_the_maximum() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let first = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&person_body("an@example.be", 30)),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&person_body("an@example.be", 11)),
        )
        .await;
    assert_eq!(second.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(second.json()["errors"][0]["field"], "quantity");
    let third = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&person_body("an@example.be", 10)),
        )
        .await;
    assert_eq!(
        third.status,
        StatusCode::CREATED,
        "exactly up to the maximum"
    );
}

#[tokio::test]
async fn a_cancelled_request_keeps_its_reason_and_cannot_be_cancelled_twice() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let id = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&person_body("an@example.be", 1)),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/subscription-requests/{id}/cancel");
    let no_reason = app
        .api(
            Method::POST,
            &path,
            Some(&manager),
            Some(r#"{"reason":"  "}"#),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cancelled = app
        .api(
            Method::POST,
            &path,
            Some(&manager),
            Some(r#"{"reason":"Doublon"}"#),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    assert_eq!(cancelled.json()["state"], "cancelled");
    assert_eq!(cancelled.json()["cancel_reason"], "Doublon");
    let twice = app
        .api(
            Method::POST,
            &path,
            Some(&manager),
            Some(r#"{"reason":"again"}"#),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let listed = app
        .api(
            Method::GET,
            "/api/v1/subscription-requests?state=cancelled",
            Some(&manager),
            None,
        )
        .await
        .json();
    assert_eq!(listed["total"], 1);
}

/// Step 1b end to end: the confirmation reaches a real SMTP server, in the applicant's language.
#[tokio::test]
async fn the_confirmation_email_reaches_the_smtp_server_in_the_applicants_language() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let mut body: serde_json::Value =
        serde_json::from_str(&person_body("anais@example.be", 2)).unwrap();
    body["applicant"]["language"] = json!("nl");
    let created = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(&manager),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);

    let server = coopshares_test_smtp::TestSmtpServer::start().await;
    let transport = coopshares_mail::MailTransport::from_config(
        Some(&server.url()),
        std::path::Path::new("unused"),
    )
    .unwrap();
    let from = coopshares_mail::MailFrom::parse(Some("Coop <noreply@coop.example>")).unwrap();
    let report =
        coopshares_mail::deliver_due(app.store(), &transport, app.clock.as_ref(), &from, 10)
            .await
            .unwrap();
    assert_eq!(report.sent, 1);
    let received = server
        .wait_for_messages(1, std::time::Duration::from_secs(5))
        .await;
    assert_eq!(received[0].rcpt_to, ["anais@example.be"]);
    let text = received[0].data_text();
    assert!(text.contains("Content-Language: nl"), "{text}");
    assert!(
        text.contains("Aandeel A"),
        "the share type's Dutch name: {text}"
    );
}

/// A replay counts its first copy against the maximum, yet still answers with that copy.
#[tokio::test]
async fn a_replay_that_would_now_exceed_the_maximum_returns_the_first_copy() {
    let mut app = TestApp::new().await;
    let manager = app.api_token(ApiRole::Manager).await;
    with_share_types(&mut app, &manager).await;
    let request = || {
        axum::http::Request::post("/api/v1/subscription-requests")
            .header("authorization", format!("Bearer {manager}"))
            .header("content-type", "application/json")
            .header("idempotency-key", "big-order")
            .body(axum::body::Body::from(person_body("an@example.be", 30)))
            .unwrap()
    };
    let first = app.request(request()).await;
    let replay = app.request(request()).await;
    assert_eq!(
        (first.status, replay.status),
        (StatusCode::CREATED, StatusCode::CREATED),
        "{}",
        replay.body
    );
    assert_eq!(first.json()["id"], replay.json()["id"]);
    let page = app
        .api(
            Method::GET,
            "/api/v1/subscription-requests",
            Some(&manager),
            None,
        )
        .await
        .json();
    assert_eq!(page["total"], 1);
}
