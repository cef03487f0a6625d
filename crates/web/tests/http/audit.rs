//! The audit log in the back office: filters, pages, labels, and who may read it.

use axum::http::StatusCode;
use coopshares_app::accounts::hash_password;
use coopshares_app::ports::{AuditEntry, NewUser, Store};
use coopshares_domain::email::Email;
use coopshares_domain::user::Role;
use time::Duration;

use crate::support::{MANAGER_EMAIL, TestApp};

/// Appends `entries` straight to the log (the page only reads it).
async fn append(app: &TestApp, entries: &[AuditEntry]) {
    let mut tx = app.store.begin().await.unwrap();
    for entry in entries {
        tx.append_audit(entry).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn line(minutes: i64, action: &str, record_type: &str, record_id: &str) -> AuditEntry {
    AuditEntry {
        at: time::macros::datetime!(2026-11-20 08:00:00 UTC) + Duration::minutes(minutes),
        actor: "system".to_owned(),
        action: action.to_owned(),
        record_type: record_type.to_owned(),
        record_id: record_id.to_owned(),
        details: format!(r#"{{"line":{minutes}}}"#),
    }
}

/// The data rows of the page's table.
fn rows(body: &str) -> Vec<&str> {
    let Some(start) = body.find("<tbody>") else {
        return Vec::new();
    };
    let end = body[start..].find("</tbody>").unwrap() + start;
    body[start..end].split("<tr>").skip(1).collect()
}

#[tokio::test]
async fn the_audit_log_shows_who_did_what_with_readable_labels_and_links() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    append(
        &app,
        &[
            line(1, "payment_recorded", "capital_call", "5"),
            line(2, "register_corrected", "settings", "1"),
        ],
    )
    .await;
    let page = app.get("/admin/audit?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Audit log</h1>"));
    let rows = rows(&page.body);
    // Newest first: the manager's account and login (at the clock's time, the login appended
    // last), then the lines appended above.
    assert!(rows[0].contains("Logged in"), "{}", rows[0]);
    assert!(
        rows[0].contains(MANAGER_EMAIL),
        "the account's email: {}",
        rows[0]
    );
    assert!(rows[1].contains("Manager account created"));
    assert!(rows[1].contains("Server operator (command line)"));
    assert!(
        rows[2].contains("register_corrected"),
        "an action without a label reads as its code: {}",
        rows[2]
    );
    assert!(rows[2].contains("Settings 1") && !rows[2].contains("<a href"));
    assert!(
        !page.body.contains("audit-action-"),
        "never a raw translation key"
    );
    assert!(rows[3].contains("Payment recorded"));
    assert!(rows[3].contains("Coopshares (automatic)"));
    assert!(rows[3].contains("<a href=\"/admin/capital-calls/5\">Capital release request 5</a>"));
    assert!(rows[3].contains("<code class=\"audit-details\">{&quot;line&quot;:1}</code>"));
    // The action select offers what the log holds.
    assert!(
        page.body
            .contains("<option value=\"payment_recorded\">Payment recorded</option>")
    );
    assert!(
        page.body
            .contains("<a class=\"nav__link\" href=\"/admin/audit\" aria-current=\"page\">")
    );
}

#[tokio::test]
async fn the_audit_log_is_filtered_by_action_by_record_by_actor_and_by_day() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    append(
        &app,
        &[
            line(
                1,
                "subscription_request_validated",
                "subscription_request",
                "7",
            ),
            line(
                2,
                "subscription_request_cancelled",
                "subscription_request",
                "7",
            ),
            line(
                3,
                "subscription_request_validated",
                "subscription_request",
                "8",
            ),
            line(4, "payment_recorded", "capital_call", "7"),
        ],
    )
    .await;

    let by_action = app
        .get("/admin/audit?lang=en&action=subscription_request_validated")
        .await;
    let found = rows(&by_action.body);
    assert_eq!(found.len(), 2, "{}", by_action.body);
    assert!(found[0].contains("/admin/requests/8") && found[1].contains("/admin/requests/7"));
    assert!(by_action.body.contains("2 lines"));
    assert!(
        by_action
            .body
            .contains("<option value=\"subscription_request_validated\" selected>")
    );

    let by_record = app
        .get("/admin/audit?lang=en&record_type=subscription_request&record_id=7")
        .await;
    let found = rows(&by_record.body);
    assert_eq!(found.len(), 2);
    assert!(found[0].contains("Subscription request cancelled"));
    assert!(found[1].contains("Subscription request validated"));

    let by_actor = app
        .get(&format!("/admin/audit?lang=en&actor={MANAGER_EMAIL}"))
        .await;
    let found = rows(&by_actor.body);
    assert_eq!(found.len(), 1, "only the manager's login");
    assert!(found[0].contains("Logged in"));
    let nobody = app
        .get("/admin/audit?lang=en&actor=nobody@example.be")
        .await;
    assert!(rows(&nobody.body).is_empty());
    assert!(nobody.body.contains("No line of the audit log matches."));

    let by_day = app
        .get("/admin/audit?lang=en&from=2026-11-20&to=2026-11-20&record_type=capital_call")
        .await;
    assert_eq!(rows(&by_day.body).len(), 1);
    let other_day = app.get("/admin/audit?lang=en&to=2026-11-19").await;
    assert!(rows(&other_day.body).is_empty());
}

#[tokio::test]
async fn the_audit_log_pages_fifty_lines_at_a_time_keeping_the_filter() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let entries: Vec<AuditEntry> = (0..120)
        .map(|n| line(n, "settings_changed", "settings", "1"))
        .collect();
    append(&app, &entries).await;

    let first = app
        .get("/admin/audit?lang=en&action=settings_changed")
        .await;
    assert_eq!(rows(&first.body).len(), 50);
    assert!(first.body.contains("120 lines"));
    assert!(first.body.contains("Page 1 of 3"));
    assert!(
        first.body.contains("{&quot;line&quot;:119}"),
        "newest first"
    );
    assert!(!first.body.contains("rel=\"prev\""));
    let next = "/admin/audit?action=settings_changed&amp;page=2";
    assert!(first.body.contains(next), "{}", first.body);

    let second = app
        .get("/admin/audit?lang=en&action=settings_changed&page=2")
        .await;
    assert_eq!(rows(&second.body).len(), 50);
    assert!(second.body.contains("{&quot;line&quot;:69}"));
    assert!(!second.body.contains("{&quot;line&quot;:70}"));
    assert!(
        second
            .body
            .contains("href=\"/admin/audit?action=settings_changed&amp;page=1\" rel=\"prev\"")
    );

    let last = app
        .get("/admin/audit?lang=en&action=settings_changed&page=3")
        .await;
    assert_eq!(rows(&last.body).len(), 20);
    assert!(last.body.contains("{&quot;line&quot;:0}"));
    assert!(!last.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn a_visitor_is_sent_to_log_in_and_a_member_is_refused() {
    let mut app = TestApp::new().await;
    let visitor = app.get("/admin/audit").await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert_eq!(visitor.location(), Some("/login?next=%2Fadmin%2Faudit"));

    let mut tx = app.store.begin().await.unwrap();
    tx.insert_user(&NewUser {
        email: Email::parse("member@example.be").unwrap(),
        password_hash: hash_password("a member's password").unwrap(),
        role: Role::Member,
        language: None,
        contact: None,
        created_at: coopshares_app::clock::Clock::now(app.clock.as_ref()),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let login = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "member@example.be"),
                ("password", "a member's password"),
            ],
        )
        .await;
    assert_eq!(login.location(), Some("/portal"));
    let member = app.get("/admin/audit").await;
    assert_eq!(member.status, StatusCode::FORBIDDEN);
    assert!(!member.body.contains("member@example.be</td>"));
}
