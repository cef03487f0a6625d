//! The member portal through the real router: one person who holds shares and represents
//! entities, with one contact and one login; what a second member may not see; personal data
//! changes; a new email address confirmed by link; a forgotten password reset by link.

use axum::http::{Method, StatusCode};
use coopshares_app::accounts;
use coopshares_app::portal;
use coopshares_app::ports::{Actor, ChangeState, UserRecord};
use coopshares_domain::email::Email;
use coopshares_domain::ids::ContactId;
use coopshares_domain::outbox::EmailKind;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::validation::{ready, submit, validate};

const PASSWORD: &str = "portal password 2026";

fn person(first: &str, last: &str, email: &str, quantity: u32) -> String {
    json!({
        "applicant": {
            "kind": "person", "first_name": first, "last_name": last, "email": email,
            "birth_date": "1980-06-01", "phone": "", "language": "fr", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue des Tilleuls 3", "postal_code": "5000", "city": "Namur", "country": "BE"}
        },
        "share_type": "A", "quantity": quantity,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

fn entity(name: &str, registration: &str, first: &str, email: &str, function: &str) -> String {
    json!({
        "applicant": {
            "kind": "entity", "name": name, "legal_form": "SRL",
            "registration_number": registration, "email": format!("info@{}.example", registration.replace('.', "")),
            "iban": "BE71096123456769", "language": "fr",
            "address": {"street": "Zoning Nord 7", "postal_code": "5100", "city": "Jambes", "country": "BE"},
            "representative": {"first_name": first, "last_name": "Lemaire", "email": email,
                               "address": {"street": "Rue des Tilleuls 3", "postal_code": "5000", "city": "Namur", "country": "BE"},
                               "function": function}
        },
        "share_type": "A", "quantity": 2,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

/// Validates request `id` and pays its call in full by hand; returns (holder, call id).
async fn validate_and_pay(app: &mut TestApp, token: &str, id: &str) -> (String, String) {
    let (status, validated) = validate(app, token, id).await;
    assert_eq!(status, StatusCode::OK, "{validated}");
    let call = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let amount = validated["capital_call"]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(token),
            Some(&json!({"amount": amount, "date": "2026-11-27"}).to_string()),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    (validated["contact_id"].as_str().unwrap().to_owned(), call)
}

async fn user_of(app: &TestApp, email: &str) -> UserRecord {
    let mut tx = app.store().begin_read().await.unwrap();
    tx.find_user_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account for {email}"))
}

/// Sets the password the invitation would have set, and logs in (as the only session of the
/// test client).
async fn log_in(app: &mut TestApp, email: &str) {
    let user = user_of(app, email).await;
    {
        let mut tx = app.store().begin().await.unwrap();
        tx.set_password_hash(user.id, &accounts::hash_password(PASSWORD).unwrap())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    app.forget_cookies();
    let response = app
        .submit(
            "/login",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.location(), Some("/portal"));
}

/// The holders the portal's switcher offers, from their `data-holder` attributes.
fn switcher(body: &str) -> Vec<String> {
    body.split("data-holder=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

struct Story {
    token: String,
    p: String,
    e1: String,
    e2: String,
    q: String,
    p_call: String,
    e2_call: String,
}

/// P subscribes in their own name, then as the representative of E1 and E2 with the same
/// email; Q subscribes for E1 too, as its second representative. P's three requests are paid.
async fn story(app: &mut TestApp) -> Story {
    let token = ready(app).await;
    let p_request = submit(
        app,
        &token,
        &person("Pascale", "Lemaire", "pascale@example.be", 4),
    )
    .await;
    let e1_request = submit(
        app,
        &token,
        &entity(
            "Boulangerie du Coin",
            "0403.170.008",
            "Pascale",
            "pascale@example.be",
            "gérante",
        ),
    )
    .await;
    let e2_request = submit(
        app,
        &token,
        &entity(
            "Ferme des Saules",
            "0202.239.060",
            "Pascale",
            "pascale@example.be",
            "administratrice",
        ),
    )
    .await;
    let q_request = submit(
        app,
        &token,
        &entity(
            "Boulangerie du Coin",
            "0403.170.008",
            "Quentin",
            "quentin@example.be",
            "gérant",
        ),
    )
    .await;
    let (p, p_call) = validate_and_pay(app, &token, &p_request).await;
    let (e1, _) = validate_and_pay(app, &token, &e1_request).await;
    let (e2, e2_call) = validate_and_pay(app, &token, &e2_request).await;
    let (status, q_validated) = validate(app, &token, &q_request).await;
    assert_eq!(status, StatusCode::OK, "{q_validated}");
    assert_eq!(q_validated["contact_id"].as_str(), Some(e1.as_str()));
    let q = user_of(app, "quentin@example.be")
        .await
        .contact
        .unwrap()
        .to_string();
    Story {
        token,
        p,
        e1,
        e2,
        q,
        p_call,
        e2_call,
    }
}

#[tokio::test]
async fn one_person_with_one_login_sees_their_shares_and_the_entities_they_represent() {
    let mut app = TestApp::new().await;
    let s = story(&mut app).await;

    // One person, one contact, one login.
    let found = app
        .api(
            Method::GET,
            "/api/v1/contacts?email=pascale@example.be",
            Some(&s.token),
            None,
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let found = found.json();
    assert_eq!(found["id"].as_str(), Some(s.p.as_str()));
    let mut represents: Vec<&str> = found["represents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    represents.sort_unstable();
    let mut expected = vec![s.e1.as_str(), s.e2.as_str()];
    expected.sort_unstable();
    assert_eq!(represents, expected);
    {
        let mut tx = app.store().begin_read().await.unwrap();
        let email = Email::parse("pascale@example.be").unwrap();
        assert_eq!(tx.find_persons_by_email(&email).await.unwrap().len(), 1);
        let user = tx.find_user_by_email(&email).await.unwrap().unwrap();
        assert_eq!(user.contact.map(|c| c.to_string()), Some(s.p.clone()));
        // Each paid holder got one certificate, numbered in order.
        let mut numbers = Vec::new();
        for holder in [&s.p, &s.e1, &s.e2] {
            let certificates = tx
                .certificates_of_contact(holder.parse::<ContactId>().unwrap())
                .await
                .unwrap();
            assert_eq!(certificates.len(), 1, "holder {holder}");
            numbers.push(certificates[0].number);
        }
        assert_eq!(numbers, [1, 2, 3]);
    }
    let entity_api = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{}", s.e1),
            Some(&s.token),
            None,
        )
        .await
        .json();
    let mut representatives: Vec<String> = entity_api["representatives"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    representatives.sort_unstable();
    let mut both = vec![s.p.clone(), s.q.clone()];
    both.sort_unstable();
    assert_eq!(representatives, both);

    // P sees three holders and switches between them.
    log_in(&mut app, "pascale@example.be").await;
    let home = app.get("/portal").await;
    assert_eq!(home.location(), Some(format!("/portal/{}", s.p).as_str()));
    let own = app.get(&format!("/portal/{}", s.p)).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let mut offered = switcher(&own.body);
    offered.sort_unstable();
    let mut three = vec![s.p.clone(), s.e1.clone(), s.e2.clone()];
    three.sort_unstable();
    assert_eq!(offered, three);
    assert!(own.body.contains("Pascale Lemaire"));
    let e1_page = app.get(&format!("/portal/{}", s.e1)).await;
    assert_eq!(e1_page.status, StatusCode::OK);
    assert!(e1_page.body.contains("Boulangerie du Coin"));
    assert!(e1_page.body.contains("/certificates/"), "{}", e1_page.body);

    // Q, E1's second representative, sees Q and E1 only.
    log_in(&mut app, "quentin@example.be").await;
    let q_home = app.get(&format!("/portal/{}", s.q)).await;
    let mut offered = switcher(&q_home.body);
    offered.sort_unstable();
    let mut two = vec![s.q.clone(), s.e1.clone()];
    two.sort_unstable();
    assert_eq!(offered, two);
    assert_eq!(
        app.get(&format!("/portal/{}", s.e1)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/portal/{}", s.e2)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/portal/{}", s.p)).await.status,
        StatusCode::NOT_FOUND
    );

    // Ending P's representation of E2 today removes E2 from P's portal.
    let e2_id: ContactId = s.e2.parse().unwrap();
    let link = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.representatives_of_entity(e2_id).await.unwrap()[0].id
    };
    portal::end_representation(
        app.store(),
        app.clock.as_ref(),
        &Actor::Operator,
        link,
        "2026-11-28",
    )
    .await
    .unwrap();
    log_in(&mut app, "pascale@example.be").await;
    let own = app.get(&format!("/portal/{}", s.p)).await;
    let mut offered = switcher(&own.body);
    offered.sort_unstable();
    let mut two = vec![s.p.clone(), s.e1.clone()];
    two.sort_unstable();
    assert_eq!(offered, two);
    assert_eq!(
        app.get(&format!("/portal/{}", s.e2)).await.status,
        StatusCode::NOT_FOUND
    );
    let api = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{}", s.p),
            Some(&s.token),
            None,
        )
        .await
        .json();
    assert_eq!(api["represents"], json!([s.e1]));
}

#[tokio::test]
async fn a_member_can_neither_read_nor_change_another_holders_data() {
    let mut app = TestApp::new().await;
    let s = story(&mut app).await;
    let p_certificate = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.certificates_of_contact(s.p.parse().unwrap())
            .await
            .unwrap()[0]
            .id
            .to_string()
    };
    let e1_call = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.capital_calls_of_contact(s.e1.parse().unwrap())
            .await
            .unwrap()[0]
            .id
            .to_string()
    };

    // Nobody logged in: every page leads to the login page.
    app.forget_cookies();
    for path in [
        "/portal".to_owned(),
        format!("/portal/{}", s.p),
        format!(
            "/portal/{}/certificates/{p_certificate}/certificate.pdf",
            s.p
        ),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{path}");
        assert!(response.location().unwrap().starts_with("/login"), "{path}");
    }

    // Q, logged in, tries every portal page with P's and E2's ids, and their own holder with
    // others' records.
    log_in(&mut app, "quentin@example.be").await;
    let own = s.q.clone();
    let pages = [
        format!("/portal/{}", s.p),
        format!("/portal/{}", s.e2),
        format!("/portal/{}/calls/{}", s.p, s.p_call),
        format!("/portal/{}/calls/{}/document.pdf", s.p, s.p_call),
        format!("/portal/{}/calls/{}", s.e2, s.e2_call),
        format!("/portal/{own}/calls/{}", s.p_call),
        format!("/portal/{own}/calls/{}/document.pdf", s.e2_call),
        format!("/portal/{}/calls/{}", s.e1, s.p_call),
        format!(
            "/portal/{}/certificates/{p_certificate}/certificate.pdf",
            s.p
        ),
        format!("/portal/{own}/certificates/{p_certificate}/certificate.pdf"),
        format!(
            "/portal/{}/certificates/{p_certificate}/certificate.pdf",
            s.e1
        ),
        format!("/portal/{}/profile", s.p),
        format!("/portal/{}/profile", s.e2),
        "/portal/999999".to_owned(),
        "/portal/not-a-number".to_owned(),
    ];
    for path in &pages {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!response.body.contains("Pascale"), "{path} shows P's name");
        assert!(!response.body.contains("Ferme des Saules"), "{path}");
        assert!(!response.bytes.starts_with(b"%PDF"), "{path}");
    }
    // Q's own records are there: E1's call.
    let mine = app.get(&format!("/portal/{}/calls/{e1_call}", s.e1)).await;
    assert_eq!(mine.status, StatusCode::OK);

    // Changing P's data through Q's session: refused, nothing recorded.
    let csrf = app
        .get(&format!("/portal/{own}/profile"))
        .await
        .csrf_token();
    let refused = app
        .post_form(
            &format!("/portal/{}/profile", s.p),
            &[
                ("csrf_token", &csrf),
                ("first_name", "Mallory"),
                ("last_name", "Lemaire"),
                ("street", "Rue du Vol 1"),
                ("postal_code", "5000"),
                ("city", "Namur"),
                ("country", "BE"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    {
        let mut tx = app.store().begin_read().await.unwrap();
        assert!(tx.pending_contact_changes(10).await.unwrap().is_empty());
    }

    // The API does not take a member's session.
    for path in [
        format!("/api/v1/contacts/{}", s.p),
        format!("/api/v1/capital-calls/{}", s.p_call),
        format!("/api/v1/contacts/{}/certificate.pdf", s.p),
        "/api/v1/subscription-requests".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    // Nor the back office.
    let admin = app.get("/admin/contacts").await;
    assert_eq!(admin.status, StatusCode::FORBIDDEN);

    // Every portal route that names a holder, with P's holder and P's records, from Q's
    // session: not found, and no PDF. The routes that name no holder act on the account's
    // own person only; a new one must be added to this list deliberately.
    let own_only = [
        (Method::GET, "/portal"),
        (Method::POST, "/portal/email"),
        (Method::GET, "/portal/password"),
        (Method::POST, "/portal/password"),
    ];
    for (method, route) in coopshares_web::portal::ROUTES {
        if !route.contains("{holder}") {
            assert!(
                own_only.iter().any(|(m, r)| m == method && r == route),
                "{method} {route} names no holder: decide how a second member is kept out"
            );
            continue;
        }
        let record = if route.contains("/certificates/") {
            &p_certificate
        } else {
            &s.p_call
        };
        let path = route.replace("{holder}", &s.p).replace("{id}", record);
        let response = if *method == Method::GET {
            app.get(&path).await
        } else {
            app.post_form(&path, &[("csrf_token", &csrf), ("street", "Rue du Vol 1")])
                .await
        };
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert!(!response.bytes.starts_with(b"%PDF"), "{method} {path}");
    }

    // No API route takes a member's session: every path of the OpenAPI document, with P's
    // ids, in every method it documents, is refused as unauthenticated.
    let spec = app.get("/api/v1/openapi.json").await.json();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() > 10, "the API documents its routes");
    for (route, operations) in paths {
        if route == "/healthz" || route.ends_with("openapi.json") {
            continue;
        }
        let path = route
            .replace("{id}", &s.p)
            .replace("{iban}", "BE71096123456769");
        for method in operations.as_object().unwrap().keys() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let response = app
                .request(
                    axum::http::Request::builder()
                        .method(method.clone())
                        .uri(&path)
                        .header("content-type", "application/json")
                        .body(axum::body::Body::from("{}"))
                        .unwrap(),
                )
                .await;
            assert_eq!(
                response.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with a member's session"
            );
        }
    }
}

#[tokio::test]
async fn a_member_sees_what_to_pay_with_a_qr_code_until_the_call_is_paid() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(
        &mut app,
        &token,
        &person("Zoé", "Marchal", "zoe@example.be", 3),
    )
    .await;
    let (status, validated) = validate(&mut app, &token, &request).await;
    assert_eq!(status, StatusCode::OK, "{validated}");
    let holder = validated["contact_id"].as_str().unwrap().to_owned();
    let call = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let reference = validated["capital_call"]["payment_reference"]
        .as_str()
        .unwrap()
        .to_owned();
    log_in(&mut app, "zoe@example.be").await;
    let home = app.get(&format!("/portal/{holder}")).await;
    assert!(
        !home.body.contains("id=\"register\""),
        "nothing in the register before payment"
    );
    assert!(
        home.body
            .contains(&format!("/portal/{holder}/calls/{call}"))
    );
    let page = app.get(&format!("/portal/{holder}/calls/{call}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&reference), "{}", page.body);
    assert!(page.body.contains("BE71 0961 2345 6769"));
    assert!(page.body.contains("<svg"), "no QR code");
    let pdf = app
        .get(&format!("/portal/{holder}/calls/{call}/document.pdf"))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF-"));

    // Half paid: the QR code asks for the rest.
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(&token),
            Some(r#"{"amount":"250.00","date":"2026-11-27"}"#),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let page = app.get(&format!("/portal/{holder}/calls/{call}")).await;
    assert!(page.body.contains("500,00"), "{}", page.body);
    // The QR code is the EPC payload of the 500.00 still due, with the call's reference.
    let iban = coopshares_domain::iban::Iban::parse("BE71 0961 2345 6769").unwrap();
    let bic = coopshares_domain::iban::Bic::parse("GKCCBEBB").unwrap();
    let reference = coopshares_domain::reference::PaymentReference::parse(&reference).unwrap();
    let number = validated["capital_call"]["number"].as_str().unwrap();
    let due = coopshares_banking::epc::payload(&coopshares_banking::epc::CreditTransfer {
        beneficiary_name: "Énergie Citoyenne SC",
        iban: &iban,
        bic: Some(&bic),
        amount: coopshares_domain::money::Money::from_minor(
            50_000,
            coopshares_domain::money::Currency::EUR,
        ),
        reference: &reference,
        information: Some(&format!("{number} Zoé Marchal")),
    })
    .unwrap();
    let expected = coopshares_web::portal::qr_svg(&due).unwrap();
    assert!(
        page.body.contains(&expected),
        "the QR code asks for the rest"
    );

    // Paid in full: no instructions any more, a certificate instead.
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(&token),
            Some(r#"{"amount":"500.00","date":"2026-11-27"}"#),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let page = app.get(&format!("/portal/{holder}/calls/{call}")).await;
    assert!(!page.body.contains("<svg"));
    let home = app.get(&format!("/portal/{holder}")).await;
    // The member's own entry in the register: 3 shares issued on the payment's date.
    let register = home
        .body
        .split("id=\"register\"")
        .nth(1)
        .expect("a register table");
    assert!(register.contains("27/11/2026"), "{register}");
    assert!(register.contains("+3"), "{register}");
    let link = home
        .body
        .split("href=\"")
        .find(|rest| rest.contains("/certificate.pdf"))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let certificate = app.get(&link).await;
    assert_eq!(certificate.status, StatusCode::OK);
    assert!(certificate.bytes.starts_with(b"%PDF-"));
    let stored = {
        let mut tx = app.store().begin_read().await.unwrap();
        let record = tx
            .certificates_of_contact(holder.parse().unwrap())
            .await
            .unwrap()[0]
            .clone();
        tx.certificate_pdf(record.id).await.unwrap().unwrap()
    };
    assert_eq!(
        certificate.bytes, stored,
        "the download is the PDF as issued"
    );
}

#[tokio::test]
async fn a_new_name_or_address_waits_for_a_manager() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(
        &mut app,
        &token,
        &person("Zoé", "Marchal", "zoe@example.be", 1),
    )
    .await;
    let (_, validated) = validate(&mut app, &token, &request).await;
    let holder = validated["contact_id"].as_str().unwrap().to_owned();
    log_in(&mut app, "zoe@example.be").await;
    let profile = format!("/portal/{holder}/profile");

    let unchanged = app
        .submit(
            &profile,
            &profile,
            &[
                ("first_name", "Zoé"),
                ("last_name", "Marchal"),
                ("street", "Rue des Tilleuls 3"),
                ("postal_code", "5000"),
                ("city", "Namur"),
                ("country", "BE"),
            ],
        )
        .await;
    assert_eq!(unchanged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let invalid = app
        .submit(
            &profile,
            &profile,
            &[
                ("first_name", "Zoé"),
                ("last_name", ""),
                ("street", "Avenue Neuve 9"),
                ("postal_code", "5000"),
                ("city", "Namur"),
                ("country", "XX"),
            ],
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        invalid.body.contains("field-last_name-error"),
        "{}",
        invalid.body
    );
    assert!(invalid.body.contains("field-country-error"));
    assert!(
        invalid.body.contains("Avenue Neuve 9"),
        "keeps what was typed"
    );

    let sent = app
        .submit(
            &profile,
            &profile,
            &[
                ("first_name", "Zoé"),
                ("last_name", "Marchal-Dupont"),
                ("street", "Avenue Neuve 9"),
                ("postal_code", "5002"),
                ("city", "Saint-Servais"),
                ("country", "BE"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let contact: ContactId = holder.parse().unwrap();
    let (change, before) = {
        let mut tx = app.store().begin_read().await.unwrap();
        let changes = tx.pending_contact_changes(10).await.unwrap();
        assert_eq!(changes.len(), 1);
        (
            changes[0].clone(),
            tx.get_contact(contact).await.unwrap().unwrap(),
        )
    };
    assert_eq!(
        before.details.display_name(),
        "Zoé Marchal",
        "not applied yet"
    );
    assert!(app.get(&profile).await.body.contains("Saint-Servais"));

    let decided = portal::decide_change(
        app.store(),
        app.clock.as_ref(),
        &Actor::Operator,
        change.id,
        true,
    )
    .await
    .unwrap();
    assert_eq!(decided.state, ChangeState::Approved);
    let after = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.get_contact(contact).await.unwrap().unwrap()
    };
    assert_eq!(after.details.display_name(), "Zoé Marchal-Dupont");
    assert_eq!(after.details.address().city.as_str(), "Saint-Servais");
    assert_eq!(after.membership, before.membership, "membership untouched");
}

async fn last_email(app: &TestApp, kind: EmailKind) -> coopshares_app::ports::EmailRecord {
    let mut tx = app.store().begin_read().await.unwrap();
    tx.list_emails(None, 500, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.email.kind == kind)
        .max_by_key(|e| e.id)
        .unwrap_or_else(|| panic!("no {kind:?} email"))
}

/// The path of the first link to `prefix` in an email's text.
fn link(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"));
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("http://localhost:8080")
        .to_owned()
}

#[tokio::test]
async fn a_new_email_address_is_used_once_confirmed_through_a_link_sent_to_it() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(
        &mut app,
        &token,
        &person("Zoé", "Marchal", "zoe@example.be", 1),
    )
    .await;
    let (_, validated) = validate(&mut app, &token, &request).await;
    let holder = validated["contact_id"].as_str().unwrap().to_owned();
    log_in(&mut app, "zoe@example.be").await;
    let profile = format!("/portal/{holder}/profile");

    let same = app
        .submit(&profile, "/portal/email", &[("email", "zoe@example.be")])
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    let sent = app
        .submit(
            &profile,
            "/portal/email",
            &[("email", "zoe.marchal@example.org")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let email = last_email(&app, EmailKind::EmailChangeConfirmation).await;
    assert_eq!(email.email.to, ["zoe.marchal@example.org"]);
    let path = link(
        &email.email.text_body,
        "http://localhost:8080/email-confirmation/",
    );
    // Not changed until confirmed.
    assert_eq!(
        user_of(&app, "zoe@example.be").await.email.as_str(),
        "zoe@example.be"
    );

    app.forget_cookies();
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let confirmed = app.submit(&path, &path, &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(confirmed.body.contains("zoe.marchal@example.org"));
    let again = app.submit(&path, &path, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "a link works once");

    let user = user_of(&app, "zoe.marchal@example.org").await;
    let contact = {
        let mut tx = app.store().begin_read().await.unwrap();
        tx.get_contact(user.contact.unwrap())
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(contact.details.email().as_str(), "zoe.marchal@example.org");
    let old = app
        .submit(
            "/login",
            "/login",
            &[("email", "zoe@example.be"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .submit(
            "/login",
            "/login",
            &[("email", "zoe.marchal@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}

async fn reset_emails(app: &TestApp) -> usize {
    let mut tx = app.store().begin_read().await.unwrap();
    tx.list_emails(None, 500, 0)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.email.kind == EmailKind::PasswordReset)
        .count()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_one_time_link() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let request = submit(
        &mut app,
        &token,
        &person("Zoé", "Marchal", "zoe@example.be", 1),
    )
    .await;
    validate(&mut app, &token, &request).await;
    log_in(&mut app, "zoe@example.be").await;
    let old_session = app.cookie("coopshares_session").unwrap().to_owned();
    app.forget_cookies();

    // An unknown address gets the same answer, and no email goes anywhere.
    let unknown = app
        .submit(
            "/password-reset",
            "/password-reset",
            &[("email", "nobody@example.be")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::SEE_OTHER);
    assert_eq!(reset_emails(&app).await, 0);
    let known = app
        .submit(
            "/password-reset",
            "/password-reset",
            &[("email", "zoe@example.be")],
        )
        .await;
    assert_eq!(known.status, StatusCode::SEE_OTHER);
    assert_eq!(unknown.location(), known.location());
    assert_eq!(reset_emails(&app).await, 1);
    let email = last_email(&app, EmailKind::PasswordReset).await;
    assert_eq!(email.email.to, ["zoe@example.be"]);
    let path = link(
        &email.email.text_body,
        "http://localhost:8080/password-reset/",
    );

    let short = app
        .submit(
            &path,
            &path,
            &[("password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .submit(
            &path,
            &path,
            &[
                ("password", "a brand new password"),
                ("password_confirm", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let reused = app.get(&path).await;
    assert_eq!(reused.status, StatusCode::NOT_FOUND, "a link works once");

    let logged_in = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "zoe@example.be"),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(logged_in.status, StatusCode::SEE_OTHER);
    // The session opened before the reset is over.
    app.forget_cookies();
    let stale = app
        .get_with(
            "/portal",
            &[("cookie", &format!("coopshares_session={old_session}"))],
        )
        .await;
    assert_eq!(stale.status, StatusCode::SEE_OTHER);
    assert!(stale.location().unwrap().starts_with("/login"));
}
