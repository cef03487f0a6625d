//! The member and share register through the back office and the API: the view on a date,
//! its pages, and the CSV export.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::intake_api::person_body;
use crate::support::TestApp;
use crate::validation::{ready, submit, validate};

/// A member admitted by a payment in full dated 2026-11-27; returns the holder.
async fn admitted(app: &mut TestApp, token: &str, email: &str, quantity: u32) -> String {
    let id = submit(app, token, &person_body(email, quantity)).await;
    let (status, validated) = validate(app, token, &id).await;
    assert_eq!(status, StatusCode::OK, "{validated}");
    let call = validated["capital_call"]["id"].as_str().unwrap();
    let amount = validated["capital_call"]["amount"].as_str().unwrap();
    let paid = app
        .api(
            Method::POST,
            &format!("/api/v1/capital-calls/{call}/payments"),
            Some(token),
            Some(&json!({"amount": amount, "date": "2026-11-27"}).to_string()),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    validated["contact_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_register_is_shown_on_a_date_and_exported_as_csv() {
    let mut app = TestApp::new().await;
    let token = ready(&mut app).await;
    admitted(&mut app, &token, "anais@example.be", 4).await;
    admitted(&mut app, &token, "tom@example.be", 2).await;

    let csv = app
        .api(
            Method::GET,
            "/api/v1/register?format=csv&as_of=2026-11-28",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "member_number,name,kind,address,registration_number,entry_date,exit_date,shares_A,total_shares,paid_up,currency,transfers,withdrawals,paid_out"
    );
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(
        lines[1].starts_with("1,Anaïs Dubois,person,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(",2026-11-27,,4,4,1000.00,EUR,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(",2,2,500.00,EUR,"), "{}", lines[2]);

    // The day before the payments, the register was empty.
    let before = app
        .api(
            Method::GET,
            "/api/v1/register?as_of=2026-11-26",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(before.body.lines().count(), 1, "{}", before.body);

    for (query, field) in [("format=xml", "format"), ("as_of=28/11/2026", "as_of")] {
        let refused = app
            .api(
                Method::GET,
                &format!("/api/v1/register?{query}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(refused.json()["errors"][0]["field"], field);
    }
    let intake = app
        .api_token(coopshares_domain::user::ApiRole::Intake)
        .await;
    let forbidden = app
        .api(Method::GET, "/api/v1/register", Some(&intake), None)
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // The back office shows the same, with the totals, and downloads the same file.
    app.log_in_as_manager().await;
    let page = app.get("/admin/register?as_of=2026-11-28&lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Anaïs Dubois"));
    assert!(
        page.body.contains("Total: 6 shares, 1,500.00 EUR"),
        "{}",
        page.body
    );
    let empty = app.get("/admin/register?as_of=2026-11-26").await;
    assert!(!empty.body.contains("Anaïs Dubois"));
    let download = app
        .get("/admin/register/export?format=csv&as_of=2026-11-28")
        .await;
    assert_eq!(download.body, csv.body);
    for (format, magic, content_type) in [
        (
            "xlsx",
            &b"PK"[..],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("pdf", &b"%PDF-"[..], "application/pdf"),
    ] {
        let file = app
            .get(&format!(
                "/admin/register/export?format={format}&as_of=2026-11-28"
            ))
            .await;
        assert_eq!(file.status, StatusCode::OK, "{format}");
        assert!(file.bytes.starts_with(magic), "{format}");
        assert_eq!(file.headers["content-type"], content_type);
        let api = app
            .api(
                Method::GET,
                &format!("/api/v1/register?format={format}&as_of=2026-11-28"),
                Some(&token),
                None,
            )
            .await;
        assert!(api.bytes.starts_with(magic), "{format} through the API");
    }
    // The spreadsheet, compressed into the response a chunk at a time, reads back whole; the
    // same register downloaded twice is the same file.
    let file = app
        .get("/admin/register/export?format=xlsx&as_of=2026-11-28")
        .await;
    let again = app
        .get("/admin/register/export?format=xlsx&as_of=2026-11-28")
        .await;
    assert!(
        file.bytes == again.bytes,
        "two downloads of one register differ"
    );
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(file.bytes.to_vec())).unwrap();
    let sheet = calamine::Reader::sheet_names(&workbook)[0].clone();
    let cells: Vec<String> = calamine::Reader::worksheet_range(&mut workbook, &sheet)
        .unwrap()
        .cells()
        .map(|(_, _, value)| value.to_string())
        .collect();
    assert!(cells.iter().any(|cell| cell == "Anaïs Dubois"), "{cells:?}");
    assert!(cells.iter().any(|cell| cell == "1500"), "{cells:?}");
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("register-2026-11-28.csv")
    );
}
