//! Step 2 through the web: validation (API and back office), the capital release request, its
//! ledger entry, the payment instructions with the PDF, the member's invitation, cancellation
//! in both directions, and the chart of accounts.

use axum::http::{Method, StatusCode};
use coopshares_app::ports::{EmailRecord, Sequence};
use coopshares_domain::ids::ContactId;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::user::ApiRole;
use serde_json::{Value, json};

use crate::intake_api::person_body;
use crate::support::{TestApp, pdf_tools_available};

/// A cooperative ready to ask for money, a share type A of 250.00, and a manager token.
pub(crate) async fn ready<S>(app: &mut TestApp<S>) -> String {
    let token = app.api_token(ApiRole::Manager).await;
    let settings = app
        .api(
            Method::PUT,
            "/api/v1/settings",
            Some(&token),
            Some(r#"{"name":"Énergie Citoyenne SC","iban":"BE71 0961 2345 6769","bic":"GKCCBEBB","address":{"street":"Rue Haute 1","postal_code":"5000","city":"Namur","country":"BE"}}"#),
        )
        .await;
    assert_eq!(settings.status, StatusCode::OK, "{}", settings.body);
    let share_type = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(&token),
            Some(r#"{"code":"A","name":"Part A","nominal_value":"250.00","for_persons":true,"for_entities":true,"min_quantity":1,"max_quantity":40}"#),
        )
        .await;
    assert_eq!(
        share_type.status,
        StatusCode::CREATED,
        "{}",
        share_type.body
    );
    token
}

fn entity(registration: &str, representative_email: &str) -> String {
    json!({
        "applicant": {
            "kind": "entity", "name": "Boulangerie Léonard", "legal_form": "SRL",
            "registration_number": registration, "email": "info@boulangerie.be", "iban": "BE71096123456769",
            "language": "nl",
            "address": {"street": "Grote Markt 1", "postal_code": "2000", "city": "Antwerpen", "country": "BE"},
            "representative": {"first_name": "Anaïs", "last_name": "Dubois", "email": representative_email,
                               "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"},
                               "function": "zaakvoerder"}
        },
        "share_type": "A", "quantity": 2,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

pub(crate) async fn submit(app: &mut TestApp, token: &str, body: &str) -> String {
    let response = app
        .api(
            Method::POST,
            "/api/v1/subscription-requests",
            Some(token),
            Some(body),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()["id"].as_str().unwrap().to_owned()
}

pub(crate) async fn validate(app: &mut TestApp, token: &str, id: &str) -> (StatusCode, Value) {
    let response = app
        .api(
            Method::POST,
            &format!("/api/v1/subscription-requests/{id}/validate"),
            Some(token),
            None,
        )
        .await;
    (response.status, response.json())
}

async fn emails(app: &TestApp, kind: EmailKind) -> Vec<EmailRecord> {
    let mut tx = app.store().begin_read().await.unwrap();
    let mut all = tx.list_emails(None, 500, 0).await.unwrap();
    all.retain(|e| e.email.kind == kind);
    all.reverse();
    all
}

#[tokio::test]
async fn validating_calls_the_capital_books_it_and_emails_the_instructions_with_the_pdf() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let id = submit(&mut app, &token, &person_body("anais@example.be", 4)).await;

    let (status, body) = validate(&mut app, &token, &id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "validated");
    let call = &body["capital_call"];
    assert_eq!(call["number"], "2026/0001");
    assert_eq!(call["amount"], "1000.00");
    assert_eq!(call["amount_paid"], "0.00");
    assert_eq!(call["amount_due"], "1000.00");
    assert_eq!(call["currency"], "EUR");
    assert_eq!(call["state"], "open");
    // The first reference of the OGM scheme: base 1, check digits 01.
    assert_eq!(call["payment_reference"], "+++000/0000/00101+++");
    assert_eq!(call["issue_date"], "2026-11-28");
    assert_eq!(call["due_date"], "2026-12-28");
    let contact_id = body["contact_id"].as_str().unwrap().to_owned();
    assert_eq!(call["contact_id"], contact_id.as_str());

    // The call reads back the same through its own route.
    let call_id = call["id"].as_str().unwrap();
    let read = app
        .api(
            Method::GET,
            &format!("/api/v1/capital-calls/{call_id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(&read.json(), call);

    // The holder is a candidate; the contact routes find them.
    let contact = app
        .api(
            Method::GET,
            &format!("/api/v1/contacts/{contact_id}"),
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(contact["membership"]["status"], "candidate");
    assert_eq!(contact["membership"]["member_number"], Value::Null);
    assert_eq!(contact["holdings"], json!([]));
    assert_eq!(contact["capital_calls"][0]["number"], "2026/0001");
    let by_email = app
        .api(
            Method::GET,
            "/api/v1/contacts?email=ANAIS@example.be",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(by_email.status, StatusCode::OK, "{}", by_email.body);
    assert_eq!(by_email.json()["id"], contact_id.as_str());

    // The ledger: receivable 410 debited, capital 100 credited, nothing else.
    let mut tx = app.store().begin_read().await.unwrap();
    let balances: Vec<(String, i64)> = tx
        .account_balances(None)
        .await
        .unwrap()
        .into_iter()
        .map(|b| (b.account.to_string(), b.debit_minus_credit))
        .collect();
    assert_eq!(
        balances,
        [("100".to_owned(), -100_000), ("410".to_owned(), 100_000)]
    );
    drop(tx);

    // The payment instructions, in French, with the PDF attached.
    let sent = emails(&app, EmailKind::PaymentInstructions).await;
    assert_eq!(sent.len(), 1);
    let email = &sent[0].email;
    assert_eq!(email.to, ["anais@example.be"]);
    assert!(email.subject.contains("2026/0001"), "{}", email.subject);
    for expected in [
        "1\u{202f}000,00 EUR",
        "BE71 0961 2345 6769",
        "+++000/0000/00101+++",
        "28/12/2026",
    ] {
        assert!(
            email.text_body.contains(expected),
            "{expected} in {}",
            email.text_body
        );
    }
    assert_eq!(email.attachments.len(), 1);
    assert_eq!(email.attachments[0].content_type, "application/pdf");
    assert_eq!(
        email.attachments[0].filename,
        "capital-release-request-2026-0001.pdf"
    );
    assert!(email.attachments[0].content.starts_with(b"%PDF-"));

    // The account and its invitation.
    let invitations = emails(&app, EmailKind::Invitation).await;
    assert_eq!(invitations.len(), 1);
    assert_eq!(invitations[0].email.to, ["anais@example.be"]);

    // The PDF can be downloaded again.
    let pdf = app
        .api(
            Method::GET,
            &format!("/api/v1/capital-calls/{call_id}/document.pdf"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_request_is_validated_once_and_the_second_attempt_is_a_conflict() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let id = submit(&mut app, &token, &person_body("once@example.be", 1)).await;
    let (first, _) = validate(&mut app, &token, &id).await;
    assert_eq!(first, StatusCode::OK);
    let (second, body) = validate(&mut app, &token, &id).await;
    assert_eq!(second, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["errors"][0]["code"], "already_validated");
    assert_eq!(emails(&app, EmailKind::PaymentInstructions).await.len(), 1);
    // The next validation gets the next number: the refused one took none.
    let other = submit(&mut app, &token, &person_body("twice@example.be", 1)).await;
    let (_, body) = validate(&mut app, &token, &other).await;
    assert_eq!(body["capital_call"]["number"], "2026/0002");
}

#[tokio::test]
async fn validation_waits_for_the_cooperatives_name_and_iban_and_stores_nothing_before() {
    let mut app = TestApp::new().await;
    let token = app.api_token(ApiRole::Manager).await;
    let share_type = app
        .api(
            Method::POST,
            "/api/v1/share-types",
            Some(&token),
            Some(r#"{"code":"A","name":"Part A","nominal_value":"250.00","for_persons":true,"for_entities":true}"#),
        )
        .await;
    assert_eq!(share_type.status, StatusCode::CREATED);
    let id = submit(&mut app, &token, &person_body("early@example.be", 1)).await;
    let (status, body) = validate(&mut app, &token, &id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["errors"][0]["code"], "cooperative_not_ready");
    let request = app
        .api(
            Method::GET,
            &format!("/api/v1/subscription-requests/{id}"),
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(request["state"], "submitted");
    assert_eq!(request["capital_call"], Value::Null);
    let mut tx = app.store().begin().await.unwrap();
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2026).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn cancelling_a_validated_request_cancels_its_call_and_leaves_the_receivable_at_zero() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let id = submit(&mut app, &token, &person_body("cancel@example.be", 2)).await;
    let (_, validated) = validate(&mut app, &token, &id).await;
    let call_id = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let contact_id = validated["contact_id"].as_str().unwrap().to_owned();

    let cancelled = app
        .api(
            Method::POST,
            &format!("/api/v1/subscription-requests/{id}/cancel"),
            Some(&token),
            Some(r#"{"reason":"changed their mind"}"#),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    let body = cancelled.json();
    assert_eq!(body["state"], "cancelled");
    assert_eq!(body["capital_call"]["state"], "cancelled");
    assert_eq!(body["capital_call"]["cancel_reason"], "changed their mind");

    let mut tx = app.store().begin_read().await.unwrap();
    for balance in tx.account_balances(None).await.unwrap() {
        assert_eq!(balance.debit_minus_credit, 0, "{balance:?}");
    }
    let entries = tx
        .journal_entries_of_capital_call(call_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].posted.reverses, Some(entries[0].id));
    let contact = tx
        .get_contact(contact_id.parse::<ContactId>().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.membership.as_str(), "none");
    drop(tx);
    assert_eq!(emails(&app, EmailKind::RequestCancelled).await.len(), 1);
    // Cancelled is final.
    let (again, _) = validate(&mut app, &token, &id).await;
    assert_eq!(again, StatusCode::CONFLICT);
}

#[tokio::test]
async fn cancelling_an_open_call_in_the_back_office_cancels_its_request() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let id = submit(&mut app, &token, &person_body("call@example.be", 1)).await;
    let (_, validated) = validate(&mut app, &token, &id).await;
    let call_id = validated["capital_call"]["id"].as_str().unwrap().to_owned();
    let page = format!("/admin/capital-calls/{call_id}");
    let shown = app.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("+++000/0000/00101+++"),
        "{}",
        shown.body
    );

    let refused = app
        .submit(&page, &format!("{page}/cancel"), &[("reason", " ")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let done = app
        .submit(&page, &format!("{page}/cancel"), &[("reason", "duplicate")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let request = app
        .api(
            Method::GET,
            &format!("/api/v1/subscription-requests/{id}"),
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(request["state"], "cancelled");
    assert_eq!(request["cancel_reason"], "duplicate");
    assert_eq!(request["capital_call"]["state"], "cancelled");
}

#[tokio::test]
async fn managers_validate_several_requests_from_the_list_and_see_each_outcome() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    app.log_in_as_manager().await;
    let a = submit(&mut app, &token, &person_body("a@example.be", 1)).await;
    let b = submit(&mut app, &token, &person_body("b@example.be", 2)).await;
    let c = submit(&mut app, &token, &person_body("c@example.be", 3)).await;
    let (status, _) = validate(&mut app, &token, &c).await;
    assert_eq!(status, StatusCode::OK);

    let list = app.get("/admin/requests").await;
    assert!(list.body.contains(&format!("name=\"ids\" value=\"{a}\"")));
    // An already validated request offers no checkbox.
    assert!(!list.body.contains(&format!("name=\"ids\" value=\"{c}\"")));
    let token_field = list.csrf_token();
    let result = app
        .post_form(
            "/admin/requests/validate",
            &[
                ("csrf_token", &token_field),
                ("ids", &a),
                ("ids", &b),
                ("ids", &c),
            ],
        )
        .await;
    assert_eq!(result.status, StatusCode::OK, "{}", result.body);
    assert!(result.body.contains("2026/0002") && result.body.contains("2026/0003"));
    for id in [&a, &b] {
        let request = app
            .api(
                Method::GET,
                &format!("/api/v1/subscription-requests/{id}"),
                Some(&token),
                None,
            )
            .await
            .json();
        assert_eq!(request["state"], "validated");
    }
    assert_eq!(emails(&app, EmailKind::PaymentInstructions).await.len(), 3);
}

fn invitation_token(email: &EmailRecord) -> String {
    let marker = "/invitation/";
    let start = email.email.text_body.find(marker).unwrap() + marker.len();
    email.email.text_body[start..start + 64].to_owned()
}

#[tokio::test]
async fn the_invitation_sets_the_password_once_and_a_representative_gets_one_account() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    // The person subscribes in her own name, then for an entity: one person, one account.
    let own = submit(&mut app, &token, &person_body("anais@example.be", 1)).await;
    let company = submit(
        &mut app,
        &token,
        &entity("0403.170.701", "anais@example.be"),
    )
    .await;
    assert_eq!(validate(&mut app, &token, &own).await.0, StatusCode::OK);
    assert_eq!(validate(&mut app, &token, &company).await.0, StatusCode::OK);
    let invitations = emails(&app, EmailKind::Invitation).await;
    assert_eq!(
        invitations.len(),
        1,
        "one person, one account, one invitation"
    );

    // The entity's instructions go to the entity and to its representative, in Dutch.
    let instructions = emails(&app, EmailKind::PaymentInstructions).await;
    let to: Vec<&str> = instructions
        .iter()
        .flat_map(|e| e.email.to.iter().map(String::as_str))
        .collect();
    assert_eq!(
        to,
        [
            "anais@example.be",
            "info@boulangerie.be",
            "anais@example.be"
        ]
    );
    assert_eq!(instructions[1].email.language.code(), "nl");

    let link = format!("/invitation/{}", invitation_token(&invitations[0]));
    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("anais@example.be"));
    let short = app
        .submit(
            &link,
            &link,
            &[("password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let set = app
        .submit(
            &link,
            &link,
            &[
                ("password", "a long enough secret"),
                ("password_confirm", "a long enough secret"),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert_eq!(set.location(), Some("/login"));
    let again = app.get(&link).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    // The password works.
    let login = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "anais@example.be"),
                ("password", "a long enough secret"),
            ],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "{}", login.body);
}

#[tokio::test]
async fn the_chart_of_accounts_is_editable_and_capital_is_never_an_income_account() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let settings = app
        .api(Method::GET, "/api/v1/settings", Some(&token), None)
        .await
        .json();
    assert_eq!(
        settings["chart_of_accounts"],
        json!({"subscribed_capital": "100", "member_receivable": "410", "bank": "550"})
    );
    let income = app
        .api(
            Method::PUT,
            "/api/v1/settings",
            Some(&token),
            Some(r#"{"chart_of_accounts":{"subscribed_capital":"700","member_receivable":"410","bank":"550"}}"#),
        )
        .await;
    assert_eq!(income.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        income.json()["errors"][0]["field"],
        "chart_of_accounts.subscribed_capital"
    );
    let changed = app
        .api(
            Method::PUT,
            "/api/v1/settings",
            Some(&token),
            Some(r#"{"chart_of_accounts":{"subscribed_capital":"110","member_receivable":"416","bank":"551"}}"#),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let id = submit(&mut app, &token, &person_body("chart@example.be", 1)).await;
    assert_eq!(validate(&mut app, &token, &id).await.0, StatusCode::OK);
    let mut tx = app.store().begin_read().await.unwrap();
    let accounts: Vec<String> = tx
        .account_balances(None)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.account.to_string())
        .collect();
    assert_eq!(accounts, ["110", "416"]);
}

#[tokio::test]
async fn the_emailed_pdf_reads_back_with_the_amount_and_reference_and_its_qr_code_is_the_epc_payload()
 {
    if !pdf_tools_available() {
        return;
    }
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let id = submit(&mut app, &token, &person_body("anais@example.be", 4)).await;
    assert_eq!(validate(&mut app, &token, &id).await.0, StatusCode::OK);
    let sent = emails(&app, EmailKind::PaymentInstructions).await;
    let pdf = &sent[0].email.attachments[0].content;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("call.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    // pdftotext writes the narrow no-break space of French amounts as a plain space.
    let text = String::from_utf8(text.stdout)
        .unwrap()
        .replace('\u{202f}', " ");
    for expected in [
        "Anaïs Dubois",
        "Énergie Citoyenne SC",
        "2026/0001",
        "1 000,00 EUR",
        "+++000/0000/00101+++",
        "BE71 0961 2345 6769",
        "28/12/2026",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-gray", "-png", "-singlefile"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let page = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    let (width, height) = page.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        usize::try_from(width).unwrap(),
        usize::try_from(height).unwrap(),
        |x, y| {
            page.get_pixel(u32::try_from(x).unwrap(), u32::try_from(y).unwrap())
                .0[0]
        },
    );
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    let mut scanned = Vec::new();
    grids[0].decode_to(&mut scanned).unwrap();

    let iban = coopshares_domain::iban::Iban::parse("BE71096123456769").unwrap();
    let bic = coopshares_domain::iban::Bic::parse("GKCCBEBB").unwrap();
    let reference = coopshares_domain::reference::PaymentReference::parse("000000000101").unwrap();
    let expected = coopshares_banking::epc::payload(&coopshares_banking::epc::CreditTransfer {
        beneficiary_name: "Énergie Citoyenne SC",
        iban: &iban,
        bic: Some(&bic),
        amount: coopshares_domain::money::Money::parse(
            "1000.00",
            coopshares_domain::money::Currency::EUR,
        )
        .unwrap(),
        reference: &reference,
        information: Some("2026/0001 Anaïs Dubois"),
    })
    .unwrap();
    assert_eq!(String::from_utf8(scanned).unwrap(), expected);
    assert!(expected.starts_with(
        "BCD\n002\n1\nSCT\nGKCCBEBB\nÉnergie Citoyenne SC\nBE71096123456769\nEUR1000"
    ));
}
