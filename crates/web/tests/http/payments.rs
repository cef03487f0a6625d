//! Step 3 through the web: bank statements imported (API and back-office upload), lines
//! reconciled by reference or by a manager, payments registered by hand and undone, and the
//! admission that follows a call paid in full.

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, StatusCode};
use coopshares_app::statements;
use coopshares_domain::user::ApiRole;
use serde_json::{Value, json};

use crate::intake_api::person_body;
use crate::support::{TestApp, TestResponse};
use crate::validation::{ready, submit, validate};

/// One movement of a camt.053 statement. A positive amount is money received.
pub(crate) struct Movement<'a> {
    pub amount_cents: i64,
    pub date: &'a str,
    pub bank_reference: &'a str,
    pub name: &'a str,
    pub iban: &'a str,
    /// The creditor reference, in `RmtInf/Strd/CdtrRefInf/Ref`.
    pub structured: Option<&'a str>,
    /// Free text, in `RmtInf/Ustrd`.
    pub unstructured: Option<&'a str>,
}

fn decimal(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    format!("{}.{:02}", abs / 100, abs % 100)
}

fn balance(code: &str, cents: i64, date: &str) -> String {
    let side = if cents < 0 { "DBIT" } else { "CRDT" };
    format!(
        "<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt>\
         <CdtDbtInd>{side}</CdtDbtInd><Dt><Dt>{date}</Dt></Dt></Bal>",
        decimal(cents)
    )
}

/// A camt.053.001.02 statement of the cooperative's account, with the given opening and
/// closing booked balances (OPBD, CLBD).
pub(crate) fn camt053_with_balances(
    id: &str,
    opening_cents: i64,
    closing_cents: i64,
    movements: &[Movement<'_>],
) -> String {
    let mut entries = String::new();
    for m in movements {
        let (side, party, account) = if m.amount_cents < 0 {
            ("DBIT", "Cdtr", "CdtrAcct")
        } else {
            ("CRDT", "Dbtr", "DbtrAcct")
        };
        let mut remittance = String::new();
        if let Some(reference) = m.structured {
            remittance.push_str(&format!(
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>\
                 <Ref>{reference}</Ref></CdtrRefInf></Strd>"
            ));
        }
        if let Some(text) = m.unstructured {
            remittance.push_str(&format!("<Ustrd>{text}</Ustrd>"));
        }
        entries.push_str(&format!(
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{side}</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>{date}</Dt></BookgDt><ValDt><Dt>{date}</Dt></ValDt>\
             <AcctSvcrRef>{bank_reference}</AcctSvcrRef>\
             <NtryDtls><TxDtls><RltdPties><{party}><Nm>{name}</Nm></{party}>\
             <{account}><Id><IBAN>{iban}</IBAN></Id></{account}></RltdPties>\
             <RmtInf>{remittance}</RmtInf></TxDtls></NtryDtls></Ntry>\n",
            amount = decimal(m.amount_cents),
            date = m.date,
            bank_reference = m.bank_reference,
            name = m.name,
            iban = m.iban,
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n\
         <BkToCstmrStmt><GrpHdr><MsgId>{id}</MsgId><CreDtTm>2026-11-28T06:00:00</CreDtTm></GrpHdr>\n\
         <Stmt><Id>{id}</Id><CreDtTm>2026-11-28T06:00:00</CreDtTm>\
         <Acct><Id><IBAN>BE71096123456769</IBAN></Id><Ccy>EUR</Ccy></Acct>\n\
         {opening}\n{closing}\n{entries}</Stmt></BkToCstmrStmt></Document>\n",
        opening = balance("OPBD", opening_cents, "2026-11-25"),
        closing = balance("CLBD", closing_cents, "2026-11-27"),
    )
}

/// A camt.053 statement whose balances add up: 1,000.00 opening plus the movements.
pub(crate) fn camt053(id: &str, movements: &[Movement<'_>]) -> String {
    let opening = 100_000;
    let closing = opening + movements.iter().map(|m| m.amount_cents).sum::<i64>();
    camt053_with_balances(id, opening, closing, movements)
}

/// The OGM of a reference printed as `+++000/0000/00101+++`, digits only (as banks put it in
/// the structured creditor reference).
fn digits(reference: &str) -> String {
    reference.chars().filter(char::is_ascii_digit).collect()
}

const TOM_IBAN: &str = "BE68539007547034";

/// A person subscribing, with their own name and IBAN.
fn tom_body(quantity: u32) -> String {
    json!({
        "applicant": {
            "kind": "person", "first_name": "Tom", "last_name": "Peeters", "email": "tom@example.be",
            "birth_date": "1979-02-11", "phone": "", "language": "nl", "iban": TOM_IBAN,
            "address": {"street": "Grote Markt 1", "postal_code": "2000", "city": "Antwerpen", "country": "BE"}
        },
        "share_type": "A", "quantity": quantity,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

/// A validated call: its id, reference, amount and holder.
#[derive(Debug, Clone)]
struct Call {
    id: String,
    reference: String,
    contact_id: String,
}

/// A ready cooperative with three validated requests: 4 shares (1,000.00), 2 shares
/// (500.00), and Tom Peeters's single share (250.00).
async fn three_calls(app: &mut TestApp) -> (String, Vec<Call>) {
    let token = ready(app).await;
    let mut calls = Vec::new();
    for body in [
        person_body("anais@example.be", 4),
        person_body("lea@example.be", 2),
        tom_body(1),
    ] {
        let id = submit(app, &token, &body).await;
        let (status, validated) = validate(app, &token, &id).await;
        assert_eq!(status, StatusCode::OK, "{validated}");
        calls.push(Call {
            id: validated["capital_call"]["id"].as_str().unwrap().to_owned(),
            reference: validated["capital_call"]["payment_reference"]
                .as_str()
                .unwrap()
                .to_owned(),
            contact_id: validated["contact_id"].as_str().unwrap().to_owned(),
        });
    }
    (token, calls)
}

/// The statement of the scenario: call 1 paid in full with its structured reference, call 2
/// partly with its reference typed in the free text, a credit without reference from Tom
/// Peeters (call 3's holder), and a debit.
fn scenario_statement(calls: &[Call]) -> String {
    let call1 = digits(&calls[0].reference);
    camt053(
        "STMT-2026-11",
        &[
            Movement {
                amount_cents: 100_000,
                date: "2026-11-26",
                bank_reference: "BANK-1",
                name: "Anaïs Dubois",
                iban: "BE71096123456769",
                structured: Some(&call1),
                unstructured: None,
            },
            Movement {
                amount_cents: 20_000,
                date: "2026-11-26",
                bank_reference: "BANK-2",
                name: "Léa Dubois",
                iban: "BE71096123456769",
                structured: None,
                unstructured: Some(&calls[1].reference),
            },
            Movement {
                amount_cents: 25_000,
                date: "2026-11-27",
                bank_reference: "BANK-3",
                name: "PEETERS TOM",
                iban: TOM_IBAN,
                structured: None,
                unstructured: Some("parts cooperative"),
            },
            Movement {
                amount_cents: -7_550,
                date: "2026-11-27",
                bank_reference: "BANK-4",
                name: "Printing and Co",
                iban: "BE43068243298001",
                structured: None,
                unstructured: Some("Invoice 2026-017"),
            },
        ],
    )
}

async fn post_raw(app: &mut TestApp, path: &str, token: &str, body: &str) -> TestResponse {
    app.request(
        Request::post(path)
            .header("authorization", format!("Bearer {token}"))
            .header(CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(body.to_owned()))
            .unwrap(),
    )
    .await
}

async fn get_json(app: &mut TestApp, token: &str, path: &str) -> Value {
    let response = app.api(Method::GET, path, Some(token), None).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.body);
    response.json()
}

async fn statement_count(app: &TestApp) -> usize {
    statements::list_statements(app.store(), 100)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_statement_reconciles_by_reference_and_a_manager_confirms_the_suggested_call() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    let file = scenario_statement(&calls);

    let imported = post_raw(
        &mut app,
        "/api/v1/bank-statements?filename=2026-11.xml",
        &token,
        &file,
    )
    .await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.body);
    let doc = imported.json();
    assert_eq!(doc["format"], "camt053");
    assert_eq!(doc["filename"], "2026-11.xml");
    assert_eq!(doc["lines"], 4);
    assert_eq!(doc["matched"], 2);
    assert_eq!(doc["unmatched"], 1);
    assert_eq!(doc["ignored"], 1);
    assert_eq!(doc["already_imported"], false);
    let statement_id = doc["id"].as_str().unwrap().to_owned();

    // The same file again: the first import, nothing doubled.
    let again = post_raw(&mut app, "/api/v1/bank-statements", &token, &file).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.json()["id"], statement_id.as_str());
    assert_eq!(again.json()["already_imported"], true);
    assert_eq!(statement_count(&app).await, 1);

    // Call 1 is paid and its holder admitted with the first member number; call 2 is open
    // with 200.00 paid.
    let call1 = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[0].id),
    )
    .await;
    assert_eq!(call1["state"], "paid");
    assert_eq!(call1["amount_paid"], "1000.00");
    let call2 = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[1].id),
    )
    .await;
    assert_eq!(call2["state"], "open");
    assert_eq!(call2["amount_paid"], "200.00");
    assert_eq!(call2["amount_due"], "300.00");
    let first = get_json(
        &mut app,
        &token,
        &format!("/api/v1/contacts/{}", calls[0].contact_id),
    )
    .await;
    assert_eq!(first["membership"]["status"], "cooperator");
    assert_eq!(first["membership"]["member_number"], 1);

    // The line without reference waits, with call 3 suggested and why.
    let lines = get_json(
        &mut app,
        &token,
        &format!("/api/v1/bank-statements/{statement_id}/lines"),
    )
    .await;
    let lines = lines["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 4);
    let states: Vec<&str> = lines.iter().map(|l| l["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["matched", "matched", "unmatched", "ignored"]);
    assert_eq!(
        lines[0]["matches"][0]["capital_call_id"],
        calls[0].id.as_str()
    );
    assert_eq!(lines[3]["amount"], "-75.50");
    let waiting = &lines[2];
    assert_eq!(waiting["counterparty_name"], "PEETERS TOM");
    let suggestion = &waiting["suggestions"][0];
    assert_eq!(
        suggestion["capital_call_id"],
        calls[2].id.as_str(),
        "{waiting}"
    );
    assert_eq!(suggestion["holder_name"], "Tom Peeters");
    assert_eq!(suggestion["amount_due"], "250.00");
    let clues: Vec<&str> = suggestion["clues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for clue in ["same_amount", "known_account", "similar_name"] {
        assert!(clues.contains(&clue), "{clue} in {clues:?}");
    }

    // The manager confirms it: call 3 is paid and Tom is the second cooperator.
    let line_id = waiting["id"].as_str().unwrap();
    let matched = app
        .api(
            Method::POST,
            &format!("/api/v1/statement-lines/{line_id}/match"),
            Some(&token),
            Some(&json!({ "capital_call_id": calls[2].id }).to_string()),
        )
        .await;
    assert_eq!(matched.status, StatusCode::OK, "{}", matched.body);
    assert_eq!(matched.json()["state"], "matched");
    assert_eq!(matched.json()["matches"][0]["amount"], "250.00");
    let call3 = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[2].id),
    )
    .await;
    assert_eq!(call3["state"], "paid");
    let tom = get_json(
        &mut app,
        &token,
        &format!("/api/v1/contacts/{}", calls[2].contact_id),
    )
    .await;
    assert_eq!(tom["membership"]["status"], "cooperator");
    assert_eq!(tom["membership"]["member_number"], 2);
    assert_eq!(
        tom["holdings"],
        json!([{ "share_type": "A", "quantity": 1, "value": "250.00", "since": "2026-11-27" }])
    );

    // Confirming again is a conflict: the line is no longer waiting.
    let twice = app
        .api(
            Method::POST,
            &format!("/api/v1/statement-lines/{line_id}/match"),
            Some(&token),
            Some(&json!({ "capital_call_id": calls[1].id }).to_string()),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert_eq!(twice.json()["errors"][0]["code"], "line_not_unmatched");
}

#[tokio::test]
async fn a_malformed_statement_is_refused_with_the_element_at_fault_and_nothing_is_stored() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    let file = camt053(
        "BAD",
        &[Movement {
            amount_cents: 25_000,
            date: "2026-11-26",
            bank_reference: "BANK-1",
            name: "Anaïs Dubois",
            iban: "BE71096123456769",
            structured: None,
            unstructured: None,
        }],
    )
    .replace(
        "<Amt Ccy=\"EUR\">250.00</Amt>",
        "<Amt Ccy=\"EUR\">250.005</Amt>",
    );
    let refused = post_raw(&mut app, "/api/v1/bank-statements", &token, &file).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let error = &refused.json()["errors"][0];
    assert_eq!(error["code"], "statement_malformed");
    let detail = error["detail"].as_str().unwrap();
    assert!(
        detail.contains("Ntry") && detail.contains("Amt"),
        "{detail}"
    );
    assert_eq!(statement_count(&app).await, 0);
}

#[tokio::test]
async fn a_statement_whose_balances_do_not_add_up_is_refused_and_nothing_is_stored() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    let good = scenario_statement(&calls);
    // The closing balance is 10.00 short.
    let closing = 100_000 + 100_000 + 20_000 + 25_000 - 7_550;
    let bad = good.replace(&decimal(closing), &decimal(closing - 1_000));
    assert_ne!(good, bad);
    let refused = post_raw(&mut app, "/api/v1/bank-statements", &token, &bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let error = &refused.json()["errors"][0];
    assert_eq!(error["code"], "statement_unbalanced");
    assert!(
        error["detail"]
            .as_str()
            .unwrap()
            .contains("closing balance"),
        "{error}"
    );
    assert_eq!(statement_count(&app).await, 0);
    let call1 = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[0].id),
    )
    .await;
    assert_eq!(call1["amount_paid"], "0.00");

    // The corrected file is a new statement whose movements were never seen.
    let imported = post_raw(&mut app, "/api/v1/bank-statements", &token, &good).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.body);
    assert_eq!(imported.json()["known_lines"], 0);
    assert_eq!(imported.json()["lines"], 4);
}

#[tokio::test]
async fn a_payment_registered_by_hand_with_three_decimals_is_refused_on_the_amount() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    let refused = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{}/payments", calls[0].id),
            Some(&token),
            Some(r#"{"amount":"12.345","date":"2026-11-28"}"#),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.json()["errors"][0]["field"], "amount");
    let call = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[0].id),
    )
    .await;
    assert_eq!(call["amount_paid"], "0.00");
}

#[tokio::test]
async fn an_intake_token_may_not_touch_payments_or_statements() {
    let mut app = TestApp::new().await;
    let (_, calls) = three_calls(&mut app).await;
    let intake = app.api_token(ApiRole::Intake).await;
    let call = &calls[0].id;
    let routes: Vec<(Method, String, Option<String>)> = vec![
        (Method::POST, "/api/v1/bank-statements".to_owned(), None),
        (
            Method::GET,
            "/api/v1/bank-statements/1/lines".to_owned(),
            None,
        ),
        (
            Method::POST,
            "/api/v1/statement-lines/1/match".to_owned(),
            Some(json!({ "capital_call_id": call }).to_string()),
        ),
        (
            Method::POST,
            "/api/v1/statement-lines/1/ignore".to_owned(),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/capital-calls/{call}/payments"),
            Some(r#"{"amount":"1000.00","date":"2026-11-28"}"#.to_owned()),
        ),
        (Method::POST, "/api/v1/payments/1/undo".to_owned(), None),
    ];
    for (method, path, body) in routes {
        let response = if path == "/api/v1/bank-statements" {
            post_raw(&mut app, &path, &intake, "not a statement").await
        } else {
            app.api(method.clone(), &path, Some(&intake), body.as_deref())
                .await
        };
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            response.body
        );
        assert_eq!(response.json()["errors"][0]["code"], "forbidden");
    }
    assert_eq!(statement_count(&app).await, 0);
}

// ---------------------------------------------------------------------------------------
// The back office

const BOUNDARY: &str = "----coopsharesTestBoundary7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body as a browser sends it: the file, and an optional field.
fn multipart(filename: &str, file: &[u8], extra: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in extra {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: text/xml\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Uploads `file` through the back-office form (the CSRF token in the action's query, as the
/// page writes it).
async fn upload(app: &mut TestApp, filename: &str, file: &str) -> TestResponse {
    let page = app.get("/admin/bank-statements").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = page.csrf_token();
    let action = format!("/admin/bank-statements?csrf_token={token}");
    assert!(
        page.body.contains(&format!("action=\"{action}\"")),
        "the form posts to {action}"
    );
    let body = multipart(filename, file.as_bytes(), &[("csrf_token", &token)]);
    app.request(
        Request::post(action)
            .header(
                CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_manager_uploads_a_statement_and_confirms_the_suggestion_in_the_back_office() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    app.log_in_as_manager().await;

    let list = app.get("/admin/bank-statements?lang=en").await;
    assert!(
        list.body.contains("No statement imported yet."),
        "{}",
        list.body
    );
    let uploaded = upload(&mut app, "2026-11.xml", &scenario_statement(&calls)).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let location = uploaded.location().unwrap().to_owned();
    assert!(
        location.starts_with("/admin/bank-statements/"),
        "{location}"
    );

    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("The statement is imported."),
        "{}",
        page.body
    );
    assert!(page.body.contains("<h1>Statement 2026-11.xml</h1>"));
    assert!(
        page.body.contains("One line waits for you"),
        "{}",
        page.body
    );
    assert!(page.body.contains("PEETERS TOM"));
    assert!(page.body.contains("1,000.00 EUR"));
    assert!(page.body.contains("Money paid out"));
    assert!(page.body.contains("same amount"));
    assert!(page.body.contains("known account"));
    assert!(
        page.body
            .contains(&format!("href=\"/admin/capital-calls/{}\"", calls[0].id))
    );

    // The same file again: its first import, said so.
    let again = upload(&mut app, "copy.xml", &scenario_statement(&calls)).await;
    assert_eq!(again.location(), Some(location.as_str()));
    let page = app.get(&location).await;
    assert!(page.body.contains("This file had already been imported"));

    // Confirm the suggestion for call 3.
    let statement: String = location
        .trim_start_matches("/admin/bank-statements/")
        .to_owned();
    let lines = get_json(
        &mut app,
        &token,
        &format!("/api/v1/bank-statements/{statement}/lines"),
    )
    .await;
    let line_id = lines["lines"][2]["id"].as_str().unwrap().to_owned();
    let action = format!("/admin/statement-lines/{line_id}/match");
    assert!(page.body.contains(&format!("action=\"{action}\"")));
    let confirmed = app
        .submit(&location, &action, &[("capital_call_id", &calls[2].id)])
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert_eq!(
        confirmed.location(),
        Some(format!("{location}#line-{line_id}").as_str())
    );
    let page = app.get(&location).await;
    assert!(page.body.contains("The line is reconciled."));
    assert!(
        page.body.contains("Nothing waits for you here."),
        "{}",
        page.body
    );
    let tom = get_json(
        &mut app,
        &token,
        &format!("/api/v1/contacts/{}", calls[2].contact_id),
    )
    .await;
    assert_eq!(tom["membership"]["member_number"], 2);

    // The contact page shows the shares, the dashboard and the list the counts.
    let contact = app
        .get(&format!("/admin/contacts/{}", calls[2].contact_id))
        .await;
    assert!(contact.body.contains("Shares held"));
    assert!(contact.body.contains("250.00 EUR"), "{}", contact.body);
    assert!(contact.body.contains("2026-11-27"));
    let dashboard = app.get("/admin").await;
    assert!(
        dashboard
            .body
            .contains("No statement line waits to be reconciled.")
    );
    assert!(dashboard.body.contains("href=\"/admin/bank-statements\""));
    let list = app.get("/admin/bank-statements").await;
    assert!(list.body.contains("2026-11.xml"));

    // No certificate is owed (this small import certified its member itself); once one is,
    // as a large import leaves them, the statement page says it is on its way.
    assert!(!page.body.contains("id=\"certificates-owed\""));
    {
        let mut tx = app.store().begin().await.unwrap();
        let holder = calls[2].contact_id.parse().unwrap();
        tx.mark_certificate_due(holder, time::OffsetDateTime::now_utc())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let page = app.get(&location).await;
    assert!(
        page.body
            .contains("The certificate of one new member is being prepared"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_manager_splits_a_line_sets_one_aside_and_sees_a_wrong_split_explained() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    app.log_in_as_manager().await;
    app.get("/admin?lang=en").await;
    // 750.00 without reference: call 2 (500.00) and call 3 (250.00) together; and a gift.
    let file = camt053(
        "SPLIT",
        &[
            Movement {
                amount_cents: 75_000,
                date: "2026-11-27",
                bank_reference: "SPLIT-1",
                name: "Family Dubois",
                iban: "BE43068243298001",
                structured: None,
                unstructured: Some("shares for Lea and Tom"),
            },
            Movement {
                amount_cents: 1_000,
                date: "2026-11-27",
                bank_reference: "SPLIT-2",
                name: "A friend",
                iban: "BE43068243298001",
                structured: None,
                unstructured: Some("gift"),
            },
        ],
    );
    let uploaded = upload(&mut app, "split.xml", &file).await;
    let location = uploaded.location().unwrap().to_owned();
    let statement = location
        .trim_start_matches("/admin/bank-statements/")
        .to_owned();
    let lines = get_json(
        &mut app,
        &token,
        &format!("/api/v1/bank-statements/{statement}/lines"),
    )
    .await;
    let split_line = lines["lines"][0]["id"].as_str().unwrap().to_owned();
    let gift_line = lines["lines"][1]["id"].as_str().unwrap().to_owned();
    let page = app.get(&location).await;
    assert!(page.body.contains("2 lines wait for you"), "{}", page.body);

    // Amounts that do not add up: the page again, with the reason and what was typed.
    let action = format!("/admin/statement-lines/{split_line}/match");
    let wrong = app
        .submit(
            &location,
            &action,
            &[
                ("call_1", &calls[1].id),
                ("amount_1", "500.00"),
                ("call_2", &calls[2].id),
                ("amount_2", "200.00"),
            ],
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert!(
        wrong
            .body
            .contains("The amounts do not add up to the line."),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("value=\"200.00\""));

    let split = app
        .submit(
            &location,
            &action,
            &[
                ("call_1", &calls[1].id),
                ("amount_1", "500.00"),
                ("call_2", &calls[2].id),
                ("amount_2", "250.00"),
                ("call_3", ""),
                ("amount_3", ""),
            ],
        )
        .await;
    assert_eq!(split.status, StatusCode::SEE_OTHER, "{}", split.body);
    for call in &calls[1..] {
        let read = get_json(
            &mut app,
            &token,
            &format!("/api/v1/capital-calls/{}", call.id),
        )
        .await;
        assert_eq!(read["state"], "paid", "{read}");
    }

    let ignored = app
        .submit(
            &location,
            &format!("/admin/statement-lines/{gift_line}/ignore"),
            &[("note", "a gift, not capital")],
        )
        .await;
    assert_eq!(ignored.status, StatusCode::SEE_OTHER, "{}", ignored.body);
    let page = app.get(&location).await;
    assert!(page.body.contains("The line is set aside."));
    assert!(page.body.contains("a gift, not capital"));
    assert!(page.body.contains("Nothing waits for you here."));
}

#[tokio::test]
async fn a_refused_file_shows_the_list_again_with_the_reason() {
    let mut app = TestApp::new().await;
    ready(&mut app).await;
    app.log_in_as_manager().await;
    let refused = upload(&mut app, "notes.txt", "these are not bank movements").await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("<h1>Bank statements</h1>")
            || refused.body.contains("Extraits de compte")
    );
    assert!(
        refused.body.contains("id=\"upload-error\""),
        "{}",
        refused.body
    );
    assert_eq!(statement_count(&app).await, 0);

    // A form without a file.
    let page = app.get("/admin/bank-statements").await;
    let token = page.csrf_token();
    let empty = app
        .request(
            Request::post(format!("/admin/bank-statements?csrf_token={token}"))
                .header(
                    CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(multipart("", b"", &[])))
                .unwrap(),
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.body.contains("id=\"upload-error\""));
}

#[tokio::test]
async fn an_upload_without_its_csrf_token_is_refused() {
    let mut app = TestApp::new().await;
    let (_, calls) = three_calls(&mut app).await;
    app.log_in_as_manager().await;
    let body = multipart("2026-11.xml", scenario_statement(&calls).as_bytes(), &[]);
    let refused = app
        .request(
            Request::post("/admin/bank-statements")
                .header(
                    CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(statement_count(&app).await, 0);
}

#[tokio::test]
async fn a_manager_registers_a_payment_on_the_call_page_and_undoes_it() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    app.log_in_as_manager().await;
    let call_page = format!("/admin/capital-calls/{}?lang=en", calls[0].id);
    let page = app.get(&call_page).await;
    assert!(page.body.contains("Register a payment"), "{}", page.body);
    assert!(page.body.contains("No payment received yet."));
    // The date defaults to today.
    assert!(page.body.contains("value=\"2026-11-28\""), "{}", page.body);
    let action = format!("/admin/capital-calls/{}/payments", calls[0].id);

    // Three decimals: the error next to the amount, what was typed kept.
    let refused = app
        .submit(
            &call_page,
            &action,
            &[
                ("amount", "12.345"),
                ("date", "2026-11-27"),
                ("note", "cash at the AGM"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"field-amount-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"12.345\""));
    assert!(refused.body.contains("value=\"cash at the AGM\""));
    assert!(refused.body.contains("value=\"2026-11-27\""));

    // A partial payment: listed, with an Undo button.
    let paid = app
        .submit(
            &call_page,
            &action,
            &[("amount", "400.00"), ("date", "2026-11-27"), ("note", "")],
        )
        .await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER, "{}", paid.body);
    assert_eq!(
        paid.location(),
        Some(format!("/admin/capital-calls/{}", calls[0].id).as_str())
    );
    let page = app.get(&call_page).await;
    assert!(
        page.body.contains("The payment is registered."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Registered by hand"));
    assert!(page.body.contains("400.00 EUR"));
    let call = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[0].id),
    )
    .await;
    assert_eq!(call["amount_paid"], "400.00");
    let marker = "action=\"/admin/payments/";
    let start = page.body.find(marker).expect("an Undo form") + marker.len();
    let payment_id: String = page.body[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();

    let undone = app
        .submit(
            &call_page,
            &format!("/admin/payments/{payment_id}/undo"),
            &[],
        )
        .await;
    assert_eq!(undone.status, StatusCode::SEE_OTHER, "{}", undone.body);
    let page = app.get(&call_page).await;
    assert!(page.body.contains("The payment is undone."));
    assert!(page.body.contains("Undone"));
    let call = get_json(
        &mut app,
        &token,
        &format!("/api/v1/capital-calls/{}", calls[0].id),
    )
    .await;
    assert_eq!(call["amount_paid"], "0.00");

    // Undoing it twice: the page again with the conflict.
    let twice = app
        .submit(
            &call_page,
            &format!("/admin/payments/{payment_id}/undo"),
            &[],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(twice.body.contains("This payment was already undone."));

    // The rest in full: paid, the holder admitted, no more Undo nor form.
    let full = app
        .submit(
            &call_page,
            &action,
            &[("amount", "1000.00"), ("date", "2026-11-28"), ("note", "")],
        )
        .await;
    assert_eq!(full.status, StatusCode::SEE_OTHER, "{}", full.body);
    let page = app.get(&call_page).await;
    assert!(
        page.body.contains("the holder is a cooperator"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Register a payment"));
    assert_eq!(page.body.matches(marker).count(), 0);
}

// ---------------------------------------------------------------------------------------
// CSV column mappings in the back office

const MAPPING_PAGE: &str = "/admin/bank-accounts/csv-mapping";

/// The mapping form's fields for a Belgian bank's export: `;` between fields, `1.000,00`,
/// `26/11/2026`, one signed amount column.
fn mapping_fields(account: &str) -> Vec<(&'static str, String)> {
    [
        ("account", account),
        ("delimiter", ";"),
        ("decimal_separator", ","),
        ("thousands_separator", "."),
        ("date_format", "dd/mm/yyyy"),
        ("currency", "EUR"),
        ("amount_form", "signed"),
        ("booking_date", "Date"),
        ("amount", "Montant"),
        ("credit_amount", ""),
        ("debit_amount", ""),
        ("value_date", ""),
        ("counterparty_name", "Contrepartie"),
        ("counterparty_account", "Compte contrepartie"),
        ("communication", "Communication"),
        ("structured_reference", "Communication structurée"),
        ("bank_reference", ""),
    ]
    .into_iter()
    .map(|(name, value)| (name, value.to_owned()))
    .collect()
}

async fn submit_mapping(app: &mut TestApp, fields: &[(&'static str, String)]) -> TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.submit(MAPPING_PAGE, MAPPING_PAGE, &fields).await
}

#[tokio::test]
async fn a_manager_saves_a_csv_mapping_in_the_back_office_and_imports_a_csv_export() {
    let mut app = TestApp::new().await;
    let (token, calls) = three_calls(&mut app).await;
    app.log_in_as_manager().await;
    app.get("/admin?lang=en").await;

    let list = app.get("/admin/bank-statements").await;
    assert!(list.body.contains("CSV exports"), "{}", list.body);
    assert!(list.body.contains("No CSV layout saved yet."));
    assert!(list.body.contains(&format!("href=\"{MAPPING_PAGE}\"")));

    // A new mapping: the cooperative's account and currency, already there.
    let form = app.get(MAPPING_PAGE).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("<h1>Add a CSV mapping</h1>"));
    assert!(
        form.body.contains("value=\"BE71 0961 2345 6769\""),
        "{}",
        form.body
    );
    assert!(form.body.contains("value=\"EUR\""));
    assert!(
        form.body
            .contains("exactly as in the first line of your bank")
    );
    assert!(form.body.contains(&format!("action=\"{MAPPING_PAGE}\"")));

    let saved = submit_mapping(&mut app, &mapping_fields("BE71 0961 2345 6769")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/admin/bank-statements"));
    let list = app.get("/admin/bank-statements").await;
    assert!(
        list.body.contains("The CSV mapping is saved."),
        "{}",
        list.body
    );
    assert!(list.body.contains("BE71 0961 2345 6769"));
    assert!(
        list.body.contains("Date · Montant · Contrepartie"),
        "{}",
        list.body
    );
    assert!(
        list.body
            .contains(&format!("href=\"{MAPPING_PAGE}?account=BE71096123456769\""))
    );
    let mapping = get_json(
        &mut app,
        &token,
        "/api/v1/bank-accounts/BE71096123456769/csv-mapping",
    )
    .await;
    assert_eq!(mapping["delimiter"], ";");
    assert_eq!(mapping["thousands_separator"], ".");
    assert_eq!(mapping["columns"]["amounts"]["amount"], "Montant");
    assert_eq!(mapping["columns"]["value_date"], Value::Null);

    // Its page shows it again.
    let edit = app
        .get(&format!("{MAPPING_PAGE}?account=BE71096123456769"))
        .await;
    assert!(edit.body.contains("<h1>CSV mapping</h1>"), "{}", edit.body);
    assert!(edit.body.contains("value=\"Compte contrepartie\""));

    // A CSV export of the bank: call 1 paid with its structured reference, and a debit.
    let csv = format!(
        "Date;Montant;Contrepartie;Compte contrepartie;Communication;Communication structurée\n\
         26/11/2026;1.000,00;Anaïs Dubois;BE71096123456769;;{}\n\
         27/11/2026;-75,50;Printing and Co;BE43068243298001;Invoice 2026-017;\n",
        digits(&calls[0].reference)
    );
    let uploaded = upload(&mut app, "export.csv", &csv).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let location = uploaded.location().unwrap().to_owned();
    assert!(
        location.starts_with("/admin/bank-statements/"),
        "{location}"
    );
    let page = app.get(&location).await;
    assert!(
        page.body.contains("The statement is imported."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Anaïs Dubois"));
    assert!(page.body.contains("1,000.00 EUR"));
    assert!(page.body.contains("Money paid out"));
    assert!(
        page.body
            .contains(&format!("href=\"/admin/capital-calls/{}\"", calls[0].id)),
        "{}",
        page.body
    );
    assert_eq!(statement_count(&app).await, 1);
}

#[tokio::test]
async fn a_wrong_csv_mapping_shows_the_form_again_with_the_reason_and_what_was_typed() {
    let mut app = TestApp::new().await;
    ready(&mut app).await;
    app.log_in_as_manager().await;
    app.get("/admin?lang=en").await;

    let refused = submit_mapping(&mut app, &mapping_fields("BE00 1234")).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Enter an IBAN such as"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"field-account-error\""));
    assert!(refused.body.contains("value=\"BE00 1234\""));
    assert!(refused.body.contains("value=\"Montant\""));
    assert!(refused.body.contains("value=\"Compte contrepartie\""));
    assert!(refused.body.contains("<option value=\";\" selected>"));
    assert!(refused.body.contains("<option value=\".\" selected>"));

    // The same column for credit and debit: the mapping's own explanation, at the top.
    let mut fields = mapping_fields("BE71 0961 2345 6769");
    for (name, value) in &mut fields {
        match *name {
            "amount_form" => *value = "credit_debit".to_owned(),
            "credit_amount" | "debit_amount" => *value = "Montant".to_owned(),
            _ => {}
        }
    }
    let refused = submit_mapping(&mut app, &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("id=\"mapping-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("This layout cannot be used."));
    assert!(
        refused
            .body
            .contains("the credit and debit amounts must be two different columns")
    );
    assert!(refused.body.contains("value=\"credit_debit\" checked"));
    assert!(!refused.body.contains("id=\"field-account-error\""));

    let settings = app.state.settings().await.unwrap();
    assert!(settings.csv_mappings.is_empty());
}

#[tokio::test]
async fn a_manager_forgets_a_csv_mapping() {
    let mut app = TestApp::new().await;
    ready(&mut app).await;
    app.log_in_as_manager().await;
    app.get("/admin?lang=en").await;
    let saved = submit_mapping(&mut app, &mapping_fields("BE68 5390 0754 7034")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let list = app.get("/admin/bank-statements").await;
    assert!(list.body.contains("BE68 5390 0754 7034"), "{}", list.body);
    assert!(
        list.body
            .contains("action=\"/admin/bank-accounts/csv-mapping/forget\"")
    );

    let forgotten = app
        .submit(
            "/admin/bank-statements",
            "/admin/bank-accounts/csv-mapping/forget",
            &[("account", "BE68539007547034")],
        )
        .await;
    assert_eq!(
        forgotten.status,
        StatusCode::SEE_OTHER,
        "{}",
        forgotten.body
    );
    assert_eq!(forgotten.location(), Some("/admin/bank-statements"));
    let list = app.get("/admin/bank-statements").await;
    assert!(
        list.body.contains("The CSV mapping is forgotten."),
        "{}",
        list.body
    );
    assert!(!list.body.contains("BE68 5390 0754 7034"));
    assert!(list.body.contains("No CSV layout saved yet."));
    let settings = app.state.settings().await.unwrap();
    assert!(settings.csv_mappings.is_empty());
}

#[tokio::test]
async fn a_statement_over_the_size_limit_is_refused_and_nothing_is_stored() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    // A valid start followed by padding, one byte over the limit: refused before parsing.
    let mut body = camt053("big", &[]).into_bytes();
    body.resize(statements::MAX_STATEMENT_BYTES + 1, b' ');
    let response = app
        .request(
            Request::post("/api/v1/bank-statements")
                .header("authorization", format!("Bearer {token}"))
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        response.body
    );
    assert_eq!(statement_count(&app).await, 0);
}
