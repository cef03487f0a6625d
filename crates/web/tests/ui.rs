//! The presentation layer: pages in four languages, escaping, navigation, security headers and
//! static files.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failed step is a failed test"
)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::get;
use coopshares_domain::language::Language;
use coopshares_web::ui::headers::{self, SecurityHeaders};
use coopshares_web::ui::{Flash, PageContext, PageUser, Ui, UiError, assets};
use http_body_util::BodyExt;
use minijinja::{Value, context};
use tower::ServiceExt;

fn page(lang: Language, user: Option<PageUser>) -> PageContext {
    PageContext {
        lang,
        csrf_token: "csrf-token-123".to_owned(),
        user,
        coop_name: Some("Coop Énergie".to_owned()),
        path: "/admin".to_owned(),
        flash: None,
    }
}

fn manager() -> Option<PageUser> {
    Some(PageUser {
        email: "treasurer@coop.be".to_owned(),
        role: "manager".to_owned(),
    })
}

fn member() -> Option<PageUser> {
    Some(PageUser {
        email: "member@example.be".to_owned(),
        role: "member".to_owned(),
    })
}

fn email_row() -> Value {
    context! {
        id => "7", kind => "test", language => "fr", to => "an@example.be", subject => "Essai",
        state => "failed", attempts => 8, last_error => Some("550 mailbox unavailable"),
        created_at => "2026-05-01 08:00 UTC", next_attempt_at => None::<&str>, sent_at => None::<&str>,
        message_id => "abc@coop.example", about => None::<&str>, text_body => "Bonjour", html_body => "<p>Bonjour</p>",
    }
}

/// The subscription form of an entity, with an error next to a field, one on a consent and
/// one not tied to a field.
fn subscribe_sample() -> Value {
    context! {
        open => true,
        kind => "entity",
        kinds => vec!["person", "entity"],
        form => Value::from_iter([
            ("applicant.name", "Boulangerie Léonard SRL"),
            ("applicant.email", "info@boulangerie.be"),
            ("applicant.representative.first_name", "Anaïs"),
            ("applicant.language", "nl"),
            ("applicant.address.country", "BE"),
            ("share_type", "A"),
            ("quantity", "4"),
        ]),
        consents_given => vec!["data_policy"],
        same_address => true,
        errors => Value::from_iter([
            ("applicant.address.city", "field-error-required"),
            ("consents.statutes", "field-error-consent-required"),
        ]),
        summary => vec![
            context! {
                href => "#field-applicant.address.city", section_key => None::<&str>,
                label_key => Some("subscribe-city"), error_key => "field-error-required",
            },
            context! {
                href => "#field-applicant.representative.email", section_key => Some("subscribe-representative"),
                label_key => Some("subscribe-email"), error_key => "field-error-invalid",
            },
            context! {
                href => "#subscribe-form", section_key => None::<&str>,
                label_key => None::<&str>, error_key => "field-error-invalid",
            },
        ],
        share_types => vec![context! {
            code => "A", name => "Part A", nominal => "250,00", nominal_minor => 25_000, decimals => 2,
            currency => "EUR", min => 1, max => Some(40),
        }, context! {
            code => "B", name => "Part B", nominal => "1 000,00", nominal_minor => 100_000, decimals => 2,
            currency => "EUR", min => 2, max => None::<u32>,
        }],
        consents => vec![
            context! { code => "data_policy", required => true },
            context! { code => "statutes", required => true },
            context! { code => "newsletter", required => false },
        ],
        countries => vec!["BE", "FR", "NL"],
        correspondence_languages => vec!["fr", "nl", "en", "de"],
        iban_required => true,
        collect_national_id => true,
        minimum_age => Some(18),
        form_token => "f".repeat(64),
        total => "1 000,00 EUR",
        action => "/subscribe",
        back_office => false,
        for_contact => None::<&str>,
    }
}

/// Sample data for each template, enough for it to render.
fn sample(template: &str) -> Value {
    match template {
        "auth/login.html" => {
            context! { error => None::<&str>, email => None::<&str>, next => None::<&str> }
        }
        "auth/setup.html" => context! { email => None::<&str>, errors => context! {} },
        "auth/password.html" => context! { errors => context! {} },
        "admin/dashboard.html" => context! {
            next_steps => vec![context! { text_key => "admin-next-identity", href => "/admin/settings" }],
            pending_changes => 2,
        },
        "admin/certificate_settings.html" => context! {
            form => context! {
                signatory_name => "Marie Dupont", signatory_function => "Présidente", orientation => "landscape",
                accent => "blue", title_fr => "", intro_fr => "{holder} est inscrit", closing_fr => "",
                title_nl => "", intro_nl => "", closing_nl => "", title_en => "", intro_en => "", closing_en => "",
                title_de => "", intro_de => "{inhaber}", closing_de => "",
            },
            errors => context! { accent => "field-error-invalid-colour", intro_de => "field-error-unknown-placeholder", design => "x" },
            certificate_languages => vec!["fr", "nl", "en", "de"],
            placeholders => "{holder}, {member_number}, {cooperative}, {date}, {total_shares}",
            pictures => vec![
                context! { kind => "logo", updated_at => Some("2026-11-28 09:00 UTC"), content_type => Some("image/png") },
                context! { kind => "signature", updated_at => None::<&str>, content_type => None::<&str> },
            ],
            max_megabytes => 2,
        },
        "admin/changes.html" => context! {
            rows => vec![context! {
                id => "4", contact_id => "2", requested_at => "2026-11-28 09:00 UTC",
                current_name => "Zoé Marchal", current_address => "Rue des Tilleuls 3, 5000 Namur, BE",
                proposed_name => "Zoé Marchal-Dupont", proposed_address => "Avenue Neuve 9, 5002 Saint-Servais, BE",
                name_changed => true, address_changed => true, stale => false,
            }],
        },
        "admin/audit.html" => context! {
            rows => vec![
                context! {
                    at => "2026-11-28 09:00 UTC", who => "treasurer@coop.be", action => "Paiement enregistré",
                    action_code => "payment_recorded", record => "Demande de libération de capital 5",
                    record_href => Some("/admin/capital-calls/5"),
                    details => Some(r#"{"amount":"250.00","payment":3,"note":"<b>x</b>"}"#),
                },
                context! {
                    at => "2026-11-27 18:30 UTC", who => "Coopshares", action => "register_corrected",
                    action_code => "register_corrected", record => "settings 1",
                    record_href => None::<&str>, details => None::<&str>,
                },
            ],
            total => 51, page => 1, pages => 2,
            prev_href => None::<&str>, next_href => Some("/admin/audit?action=payment_recorded&page=2"),
            query => context! {
                action => "payment_recorded", actor => "", record_type => "capital_call", record_id => "5",
                from => "2026-11-01", to => "",
            },
            actions => vec![
                context! { code => "payment_recorded", label => "Paiement enregistré" },
                context! { code => "settings_changed", label => "Paramètres modifiés" },
            ],
        },
        "error.html" => {
            context! { status => 404, title_key => "error-404-title", message_key => "error-404-message" }
        }
        "admin/outbox.html" => context! {
            emails => vec![email_row()],
            filter => None::<&str>, pending => 1, sent => 0, failed => 0,
            prev_href => None::<&str>, next_href => Some("/admin/outbox?page=2"),
            test_to => Some("an@example.be"), files => true,
        },
        "admin/outbox_email.html" => context! { email => email_row(), can_retry => true },
        "admin/templates.html" => context! {
            rows => vec![context! {
                kind => "test",
                cells => vec![context! { language => "fr", overridden => true, href => "/admin/templates/test/fr" }],
            }],
        },
        "admin/template_edit.html" => context! {
            kind => "test", language => "nl", subject => "Test", text_body => "Dag {{ recipient_name }}",
            html_body => "<p>Dag</p>", overridden => false, variables => vec!["coop_name", "recipient_name"],
            preview => context! { subject => "Test", text_body => "Dag An", html_body => "<p>Dag An</p>" },
            errors => context! {}, problems => Vec::<String>::new(), action => "/admin/templates/test/nl",
        },
        "admin/settings.html" => context! {
            form => minijinja::Value::from(minijinja::value::Serde(serde_json::json!({
                "name": "Énergie Coop", "street": "Rue de la Loi 1", "postal_code": "1000", "city": "Bruxelles",
                "country": "BE", "registration_number": "0123.456.749", "iban": "BE71 0961 2345 6769", "bic": "",
                "currency": "EUR", "default_language": "fr", "reference_scheme": "ogm",
                "create_user_accounts": "on", "accounting_mode": "integrated", "due_days": "30", "version": 3,
                "iban_required": "on", "collect_national_id": "on", "minimum_age": "18", "notify_applicant_of_hold_and_cancel": null,
                "chart_of_accounts.subscribed_capital": "100", "chart_of_accounts.member_receivable": "410",
                "chart_of_accounts.bank": "550",
            }))),
            errors => minijinja::Value::from(minijinja::value::Serde(serde_json::json!({
                "iban": "field-error-invalid", "chart_of_accounts": "field-error-accounts-not-distinct",
            }))),
            conflict => false,
        },
        "public/subscribe.html" => subscribe_sample(),
        "public/thanks.html" => context! {},
        "admin/requests.html" => context! {
            rows => vec![context! {
                id => "12", state => "on_hold", channel => "online_form", holder_name => "Anaïs Dubois",
                holder_email => "anais@example.be", share_type => "A", quantity => 4, amount => "1000.00 EUR",
                created_at => "2026-11-28 09:00 UTC",
            }],
            total => 51, page => 1, pages => 2, prev_href => None::<&str>, next_href => Some("/admin/requests?page=2"),
            query => context! { state => "", channel => "", share_type => "", from => "", to => "", q => "" },
            states => vec!["submitted", "validated", "paid", "cancelled", "on_hold"],
            channels => vec!["online_form", "back_office", "contact", "api"],
            share_types => vec![("1", "A")],
        },
        "admin/request.html" => context! {
            id => "12", version => 2, state => "on_hold", channel => "online_form", created_at => "2026-11-28 09:00 UTC",
            share_type => "Part A", share_type_code => "A", quantity => 4, nominal_value => "250.00", amount => "1000.00",
            currency => "EUR", language => "fr", hold_reason => Some("Pièce manquante"), cancel_reason => None::<&str>,
            holder => context! { id => "3", kind => "entity", name => "Boulangerie SRL", email => "info@b.be", address => "Grote Markt 1, 2000 Antwerpen, BE", membership => "none" },
            registration_number => Some("0123.456.749"),
            representative => context! { id => "2", kind => "person", name => "Anaïs Dubois", email => "anais@example.be", address => "", membership => "cooperator" },
            function => Some("zaakvoerder"),
            submitted => vec![("applicant.name", "Boulangerie SRL")],
            can_hold => false, can_release => true, can_cancel => true, can_validate => false,
            capital_call => context! { id => "5", number => "2026/0001", state => "open", reference => "+++000/0000/00101+++", due_date => "2026-12-28" },
            update_contact => context! { version => 3, changes => vec![("admin-contact-address", "Grote Markt 1, 2000 Antwerpen, BE", "Veldstraat 80, 9000 Gent, BE")] },
            errors => context! {}, conflict => Some("admin-request-cooperative-not-ready"),
        },
        "admin/validation.html" => context! {
            outcomes => vec![
                context! { id => "12", result => "admin-validation-done", ok => true, number => Some("2026/0001") },
                context! { id => "13", result => "admin-validation-not-submitted", ok => false, number => None::<&str> },
            ],
            validated => 1, failed => 1,
        },
        "admin/capital_call.html" => context! {
            id => "5", version => 1, number => "2026/0001", state => "open", request_id => "12", holder_id => "2",
            holder_name => "Anaïs Dubois", share_type => "Part A", quantity => 4, amount => "1 000,00 EUR",
            amount_paid => "0,00 EUR", amount_due => "1 000,00 EUR", reference => "+++000/0000/00101+++",
            issue_date => "2026-11-28", due_date => "2026-12-28", cancel_reason => None::<&str>, can_cancel => true,
            entries => vec![context! { date => "2026-11-28", kind => "capital_call", account => "410", debit => Some("1 000,00"), credit => None::<&str> }],
            error => Some("admin-call-reason-required"),
            can_pay => true,
            payments => vec![
                context! { id => "8", date => "2026-11-30", amount => "250,00 EUR", statement_id => Some("3"), note => None::<&str>, excess => None::<&str>, undone => false, can_undo => true },
                context! { id => "9", date => "2026-12-01", amount => "900,00 EUR", statement_id => None::<&str>, note => Some("Cash"), excess => Some("150,00 EUR"), undone => true, can_undo => false },
            ],
            payment_form => context! { amount => "12.345", date => "2026-11-28", note => "" },
            payment_errors => context! { amount => "field-error-invalid-amount" },
        },
        "admin/bank_statements.html" => context! {
            rows => vec![
                context! { id => "3", imported_at => "2026-11-28 09:00 UTC", filename => Some("2026-11.xml"), format => "camt053", lines => 4, matched => 2, unmatched => 1, ignored => 1 },
                context! { id => "2", imported_at => "2026-10-28 09:00 UTC", filename => None::<&str>, format => "coda", lines => 1, matched => 1, unmatched => 0, ignored => 0 },
            ],
            to_reconcile => 1,
            overpayments => vec![context! { call_id => "5", call_number => "2026/0001", date => "2026-11-30", amount => "1 100,00 EUR", excess => "100,00 EUR" }],
            accounts => vec!["BE68539007547034", "BE71096123456769"],
            mappings => vec![
                context! { account => "BE68539007547034", account_display => "BE68 5390 0754 7034", columns => "Date · Montant · Contrepartie" },
                context! { account => "BE71096123456769", account_display => "BE71 0961 2345 6769", columns => "Datum · Credit · Debet" },
            ],
            max_megabytes => 256,
            error => context! { key => "admin-statements-error-malformed", detail => Some("line 3: <Amt> has 3 decimals"), line => None::<&str> },
        },
        "admin/bank_statement.html" => context! {
            id => "3", filename => Some("2026-11.xml"), format => "camt053", imported_at => "2026-11-28 09:00 UTC",
            lines_count => 3, matched => 1, ignored => 1, waiting => 1, certificates_owed => 2,
            lines => vec![
                context! {
                    id => "10", position => 1, value_date => "2026-11-27", amount => "1 000,00 EUR",
                    counterparty_name => Some("Anaïs Dubois"), counterparty_account => Some("BE71096123456769"),
                    structured_reference => Some("000000000101"), free_text => "", state => "matched",
                    note_key => None::<&str>, note => None::<&str>, waiting => false,
                    payments => vec![context! { id => "8", call_id => "5", call_number => "2026/0001", amount => "1 000,00 EUR", excess => None::<&str>, undone => false, can_undo => true }],
                    suggestions => Vec::<Value>::new(),
                },
                context! {
                    id => "11", position => 2, value_date => "2026-11-27", amount => "250,00 EUR",
                    counterparty_name => Some("Tom Peeters"), counterparty_account => None::<&str>,
                    structured_reference => None::<&str>, free_text => "Parts Tom", state => "unmatched",
                    note_key => None::<&str>, note => None::<&str>, waiting => true,
                    payments => Vec::<Value>::new(),
                    suggestions => vec![context! { call_id => "6", number => "2026/0002", holder_name => "Tom Peeters", amount_due => "250,00 EUR", clues => vec!["same_amount", "similar_name"] }],
                },
                context! {
                    id => "12", position => 3, value_date => "2026-11-27", amount => "-75,50 EUR",
                    counterparty_name => Some("Printing & Co"), counterparty_account => None::<&str>,
                    structured_reference => None::<&str>, free_text => "Invoice", state => "ignored",
                    note_key => Some("admin-line-note-debit"), note => None::<&str>, waiting => false,
                    payments => Vec::<Value>::new(), suggestions => Vec::<Value>::new(),
                },
            ],
            open_calls => vec![context! { id => "6", label => "2026/0002 — Tom Peeters — 250,00 EUR" }],
            split_rows => vec![0, 1, 2],
            kept => context! { line => "11", calls => vec!["6", "", ""], amounts => vec!["250.001", "", ""] },
            error => context! { key => "field-error-invalid-amount", detail => Some("too many decimals"), line => Some("11") },
        },
        "admin/csv_mapping.html" => context! {
            form => context! {
                account => "BE68 5390 0754 7034", delimiter => ";", decimal_separator => ",", thousands_separator => "space",
                date_format => "dd.mm.yyyy", currency => "EUR", amount_form => "credit_debit", booking_date => "Date",
                amount => "", credit_amount => "Crédit", debit_amount => "Débit", value_date => "Valeur",
                counterparty_name => "Contrepartie", counterparty_account => "", communication => "Communication",
                structured_reference => "", bank_reference => "",
            },
            is_new => true,
            date_formats => vec![("dd/mm/yyyy", "dd/mm/yyyy"), ("dd.mm.yyyy", "dd.mm.yyyy"), ("dd-mm-yyyy", "dd-mm-yyyy"), ("yyyy-mm-dd", "yyyy-mm-dd")],
            errors => context! { account => "field-error-invalid-iban" },
            error => context! { key => "admin-csv-error-mapping", detail => Some("the credit and debit amounts must be two different columns") },
        },
        "auth/invitation.html" => context! { email => "anais@example.be", errors => context! {} },
        "auth/invitation_spent.html" => context! {},
        "auth/password_reset_request.html" => {
            context! { email => "anais@example.be", errors => context! { email => "field-error-invalid-email" } }
        }
        "auth/password_reset.html" => {
            context! { errors => context! { password => "field-error-password-too-short" } }
        }
        "auth/password_reset_spent.html" => context! {},
        "auth/email_confirmation.html" => context! { done => false, error => None::<&str> },
        "portal/home.html" => context! {
            holder => "2", name => "Pascale Lemaire", kind => "person", membership => "cooperator",
            member_number => Some(17), member_since => Some("27/11/2026"),
            holders => vec![
                context! { id => "2", name => "Pascale Lemaire", own => true, role => None::<&str>, current => true },
                context! { id => "3", name => "Boulangerie du Coin SRL", own => false, role => Some("gérante"), current => false },
            ],
            holdings => vec![context! { share_type => "Part A", quantity => 4, value => "1 000,00 EUR", since => "27/11/2026" }],
            total_shares => 4, total_value => Some("1 000,00 EUR"),
            calls => vec![
                context! { id => "5", number => "2026/0001", state => "paid", amount => "1 000,00 EUR", due_date => "28/12/2026", open => false },
                context! { id => "6", number => "2026/0002", state => "open", amount => "250,00 EUR", due_date => "28/12/2026", open => true },
            ],
            certificates => vec![context! { id => "1", number => 1, date => "27/11/2026", total_quantity => 4, total_value => "1 000,00 EUR" }],
            pending_changes => 1,
            register => vec![context! { date => "27/11/2026", kind => "issue", share_type => "A", quantity => "+4", unit_value => "250,00 EUR" }],
        },
        "admin/register.html" => context! {
            as_of => "2026-11-28", as_of_label => "28/11/2026", columns => vec!["A", "B"],
            rows => vec![
                context! { contact_id => "2", member_number => Some(1), name => "Anaïs Dubois", address => "Rue de la Loi 16, 1000 Bruxelles, BE", registration_number => None::<&str>, entry_date => Some("27/11/2026"), exit_date => None::<&str>, quantities => vec![4, 0], paid => "1 000,00 EUR", transfers => vec!["28/11/2026 +1 A (#3)"], withdrawals => Vec::<String>::new() },
                context! { contact_id => "3", member_number => Some(2), name => "Boulangerie SRL", address => "Grote Markt 1, 2000 Antwerpen, BE", registration_number => Some("BE 0403.170.008"), entry_date => Some("01/10/2026"), exit_date => Some("28/11/2026"), quantities => vec![0, 0], paid => "0,00 EUR", transfers => Vec::<String>::new(), withdrawals => vec!["28/11/2026 2 B (1 000,00 EUR)"] },
            ],
            next => Some("3"), first_page => false,
            totals => vec![context! { code => "A", name => "Part A", quantity => 4, value => "1 000,00 EUR" }],
            total_quantity => 4, total_value => Some("1 000,00 EUR"),
        },
        "portal/call.html" => context! {
            holder => "2", holder_name => "Pascale Lemaire", id => "6", number => "2026/0001", state => "open",
            share_type => "Part A", quantity => 2, amount => "500,00 EUR", amount_paid => "250,00 EUR",
            amount_due => "250,00 EUR", issue_date => "28/11/2026", due_date => "28/12/2026",
            instructions => Some(context! {
                iban => "BE71 0961 2345 6769", bic => Some("GKCCBEBB"), beneficiary => "Coop Énergie",
                reference => "+++000/0000/00101+++", amount => "250,00 EUR",
                qr => Some("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
            }),
        },
        "portal/profile.html" => context! {
            holder => "2", name => "Pascale Lemaire", kind => "person", email => "pascale@example.be",
            address => "Rue des Tilleuls 3, 5000 Namur, BE",
            holders => vec![context! { id => "2", name => "Pascale Lemaire", own => true, role => None::<&str>, current => true }],
            form => context! { first_name => "Pascale", last_name => "", name => "", street => "Rue des Tilleuls 3", postal_code => "5000", city => "Namur", country => "BE" },
            errors => context! { last_name => "field-error-required" },
            own => true, login_email => "pascale@example.be", new_email => "",
            email_errors => context! {},
            pending => vec![context! { name => "Pascale Lemaire", address => "Avenue Neuve 9, 5002 Namur, BE", requested => "28/11/2026" }],
        },
        "admin/share_types.html" => context! {
            rows => vec![context! {
                id => "1", code => "A", name => "Part A", nominal_value => "250.00 EUR", for_persons => true,
                for_entities => true, min_quantity => 1, max_quantity => Some(40), on_public_form => true,
                retired => false, subscribed => true,
            }],
        },
        "admin/share_type_edit.html" => context! {
            form => context! {
                code => "A", name_fr => "Part A", name_nl => "", name_en => "", name_de => "", nominal_value => "250.00",
                for_persons => Some("on"), for_entities => None::<&str>, min_quantity => "1", max_quantity => "",
                on_public_form => Some("on"), retired => None::<&str>, version => 1,
            },
            is_new => false, subscribed => true, action => "/admin/share-types/1", errors => context! {},
        },
        "admin/contacts.html" => context! {
            q => "dub",
            rows => vec![context! { id => "2", kind => "person", name => "Anaïs Dubois", email => "anais@example.be", membership => "cooperator", member_number => Some(17) }],
        },
        "admin/contact.html" => context! {
            id => "2", kind => "person", name => "Anaïs Dubois", email => "anais@example.be",
            address => "Rue de la Loi 16, 1000 Bruxelles, BE", language => "fr", membership => "candidate",
            member_number => None::<u32>, birth_date => Some("1985-04-23"), registration_number => None::<&str>,
            legal_form => None::<&str>, phone => None::<&str>, iban => Some("BE71 0961 2345 6769"),
            national_id => Some("85.07.30-033.28"),
            links => vec![
                context! { id => "3", representation_id => "7", name => "Boulangerie SRL", role => "zaakvoerder", since => "2026-11-28", until => None::<&str>, end_on => "2026-11-28", end_error => Some("field-error-invalid-date") },
                context! { id => "4", representation_id => "8", name => "Ferme SRL", role => "gérante", since => "2025-01-01", until => Some("2026-01-01"), end_on => "", end_error => None::<&str> },
            ],
            certificates => vec![context! { id => "1", number => 1, issued_on => "2026-11-28", total_shares => 4, total_value => "1 000,00 EUR", size_kb => 12 }],
            pending_changes => vec![context! { requested_at => "2026-11-28 09:00 UTC", proposed_name => "Anaïs Dubois-Léger", proposed_address => "Avenue Neuve 9, 5002 Namur, BE" }],
            requests => vec![context! { id => "12", state => "validated", share_type => "A", quantity => 4, amount => "1 000,00 EUR", created_at => "2026-11-28 09:00 UTC" }],
            calls => vec![context! { id => "5", number => "2026/0001", state => "open", amount => "1 000,00 EUR", reference => "+++000/0000/00101+++", due_date => "2026-12-28" }],
            holdings => vec![context! { share_type => "A — Part A", quantity => 4, value => "1 000,00 EUR", since => "2026-11-30" }],
        },
        other => panic!("no sample data for {other}: add it here"),
    }
}

fn pages() -> Vec<&'static str> {
    vec![
        "auth/login.html",
        "auth/setup.html",
        "auth/password.html",
        "public/subscribe.html",
        "public/thanks.html",
        "admin/dashboard.html",
        "admin/outbox.html",
        "admin/outbox_email.html",
        "admin/templates.html",
        "admin/template_edit.html",
        "admin/settings.html",
        "admin/requests.html",
        "admin/request.html",
        "admin/share_types.html",
        "admin/share_type_edit.html",
        "admin/contacts.html",
        "admin/contact.html",
        "admin/validation.html",
        "admin/capital_call.html",
        "admin/bank_statements.html",
        "admin/bank_statement.html",
        "admin/csv_mapping.html",
        "admin/register.html",
        "auth/invitation.html",
        "auth/invitation_spent.html",
        "auth/password_reset_request.html",
        "auth/password_reset.html",
        "auth/password_reset_spent.html",
        "auth/email_confirmation.html",
        "portal/home.html",
        "portal/call.html",
        "portal/profile.html",
        "admin/certificate_settings.html",
        "admin/changes.html",
        "admin/audit.html",
        "error.html",
    ]
}

/// The page's heading (first `<h1>`) and `<title>`, as rendered.
fn title_and_heading(html: &str) -> (String, String) {
    let between = |start: &str, end: &str| {
        let from = html.find(start).unwrap() + start.len();
        let to = from + html[from..].find(end).unwrap();
        html[from..to].trim().to_owned()
    };
    (between("<title>", "</title>"), between("<h1>", "</h1>"))
}

#[test]
fn every_page_renders_in_every_language_with_a_translated_title_and_heading() {
    let ui = Ui::new().unwrap();
    let expected: &[(&str, [&str; 4])] = &[
        (
            "auth/login.html",
            ["Se connecter", "Aanmelden", "Log in", "Anmelden"],
        ),
        (
            "auth/setup.html",
            [
                "Créer le premier compte gestionnaire",
                "De eerste beheerdersaccount aanmaken",
                "Create the first manager account",
                "Das erste Verwalterkonto anlegen",
            ],
        ),
        (
            "auth/password.html",
            [
                "Changer de mot de passe",
                "Wachtwoord wijzigen",
                "Change your password",
                "Passwort ändern",
            ],
        ),
        (
            "public/subscribe.html",
            [
                "Souscrire des parts",
                "Inschrijven op aandelen",
                "Subscribe for shares",
                "Genossenschaftsanteile zeichnen",
            ],
        ),
        (
            "public/thanks.html",
            [
                "Merci pour votre demande de souscription",
                "Bedankt voor uw inschrijvingsaanvraag",
                "Thank you for your subscription request",
                "Vielen Dank für Ihren Zeichnungsantrag",
            ],
        ),
        (
            "admin/dashboard.html",
            ["Tableau de bord", "Overzicht", "Dashboard", "Übersicht"],
        ),
        (
            "admin/outbox.html",
            [
                "E-mails sortants",
                "Uitgaande e-mails",
                "Outbox",
                "Postausgang",
            ],
        ),
        (
            "admin/outbox_email.html",
            ["Essai", "Essai", "Essai", "Essai"],
        ),
        (
            "admin/templates.html",
            [
                "Modèles d&#39;e-mails",
                "E-mailsjablonen",
                "Email templates",
                "E-Mail-Vorlagen",
            ],
        ),
        (
            "admin/template_edit.html",
            [
                "E-mail de test (NL)",
                "Test-e-mail (NL)",
                "Test email (NL)",
                "Test-E-Mail (NL)",
            ],
        ),
        (
            "admin/settings.html",
            ["Paramètres", "Instellingen", "Settings", "Einstellungen"],
        ),
        (
            "admin/requests.html",
            [
                "Demandes de souscription",
                "Inschrijvingsaanvragen",
                "Subscription requests",
                "Zeichnungsanträge",
            ],
        ),
        (
            "admin/request.html",
            [
                "Demande de souscription 12",
                "Inschrijvingsaanvraag 12",
                "Subscription request 12",
                "Zeichnungsantrag 12",
            ],
        ),
        (
            "admin/share_types.html",
            [
                "Types de parts",
                "Soorten aandelen",
                "Share types",
                "Anteilsarten",
            ],
        ),
        ("admin/share_type_edit.html", ["A", "A", "A", "A"]),
        (
            "admin/contacts.html",
            ["Contacts", "Contacten", "Contacts", "Kontakte"],
        ),
        (
            "admin/contact.html",
            [
                "Anaïs Dubois",
                "Anaïs Dubois",
                "Anaïs Dubois",
                "Anaïs Dubois",
            ],
        ),
        (
            "admin/validation.html",
            [
                "Validation des demandes sélectionnées",
                "Goedkeuring van de geselecteerde aanvragen",
                "Validation of the selected requests",
                "Annahme der ausgewählten Anträge",
            ],
        ),
        (
            "admin/capital_call.html",
            [
                "Demande de libération de capital 2026/0001",
                "Volstortingsverzoek 2026/0001",
                "Capital release request 2026/0001",
                "Einzahlungsaufforderung 2026/0001",
            ],
        ),
        (
            "admin/bank_statements.html",
            [
                "Extraits de compte",
                "Rekeninguittreksels",
                "Bank statements",
                "Kontoauszüge",
            ],
        ),
        (
            "admin/bank_statement.html",
            [
                "Extrait 2026-11.xml",
                "Uittreksel 2026-11.xml",
                "Statement 2026-11.xml",
                "Auszug 2026-11.xml",
            ],
        ),
        (
            "admin/csv_mapping.html",
            [
                "Ajouter une correspondance CSV",
                "Een CSV-indeling toevoegen",
                "Add a CSV mapping",
                "Eine CSV-Zuordnung hinzufügen",
            ],
        ),
        (
            "admin/register.html",
            [
                "Registre des parts",
                "Aandelenregister",
                "Member and share register",
                "Mitgliederliste und Anteilsregister",
            ],
        ),
        (
            "auth/invitation.html",
            [
                "Choisissez votre mot de passe",
                "Kies uw wachtwoord",
                "Choose your password",
                "Wählen Sie Ihr Passwort",
            ],
        ),
        (
            "auth/invitation_spent.html",
            [
                "Ce lien ne fonctionne plus",
                "Deze link werkt niet meer",
                "This link no longer works",
                "Dieser Link funktioniert nicht mehr",
            ],
        ),
        (
            "auth/password_reset_request.html",
            [
                "Choisir un nouveau mot de passe",
                "Een nieuw wachtwoord kiezen",
                "Choose a new password",
                "Ein neues Passwort wählen",
            ],
        ),
        (
            "auth/password_reset.html",
            [
                "Choisir un nouveau mot de passe",
                "Een nieuw wachtwoord kiezen",
                "Choose a new password",
                "Ein neues Passwort wählen",
            ],
        ),
        (
            "auth/password_reset_spent.html",
            [
                "Ce lien ne fonctionne plus",
                "Deze link werkt niet meer",
                "This link no longer works",
                "Dieser Link funktioniert nicht mehr",
            ],
        ),
        (
            "auth/email_confirmation.html",
            [
                "Confirmez votre nouvelle adresse e-mail",
                "Bevestig uw nieuwe e-mailadres",
                "Confirm your new email address",
                "Bestätigen Sie Ihre neue E-Mail-Adresse",
            ],
        ),
        ("portal/home.html", ["Pascale Lemaire"; 4]),
        (
            "portal/call.html",
            [
                "Demande de libération de capital 2026/0001",
                "Volstortingsverzoek 2026/0001",
                "Capital release request 2026/0001",
                "Einzahlungsaufforderung 2026/0001",
            ],
        ),
        (
            "portal/profile.html",
            [
                "Données personnelles",
                "Persoonsgegevens",
                "Personal data",
                "Persönliche Daten",
            ],
        ),
        (
            "admin/certificate_settings.html",
            [
                "Certificat de coopérateur",
                "Aandeelhoudersattest",
                "Membership certificate",
                "Mitgliedschaftsbescheinigung",
            ],
        ),
        (
            "admin/changes.html",
            [
                "Modifications de données personnelles",
                "Wijzigingen van persoonsgegevens",
                "Changes of personal data",
                "Änderungen persönlicher Daten",
            ],
        ),
        (
            "admin/audit.html",
            [
                "Journal d&#39;audit",
                "Auditlogboek",
                "Audit log",
                "Prüfprotokoll",
            ],
        ),
        (
            "error.html",
            [
                "Page introuvable",
                "Pagina niet gevonden",
                "Page not found",
                "Seite nicht gefunden",
            ],
        ),
    ];
    assert_eq!(
        expected.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        pages()
    );
    for (template, titles) in expected {
        for (lang, title) in Language::ALL.into_iter().zip(titles) {
            let html = ui
                .render(template, &page(lang, manager()), sample(template))
                .unwrap_or_else(|error| panic!("{template} in {lang}: {error}"));
            let (head_title, heading) = title_and_heading(&html);
            assert_eq!(
                head_title,
                format!("{title} · Coop Énergie"),
                "{template} {lang}"
            );
            assert_eq!(heading, *title, "{template} {lang}");
            assert!(html.starts_with("<!doctype html>"), "{template} {lang}");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        }
    }
}

#[test]
fn every_embedded_page_has_sample_data_and_renders() {
    let ui = Ui::new().unwrap();
    for template in ui.template_names() {
        if matches!(template, "layout.html" | "macros.html") {
            continue;
        }
        assert!(pages().contains(&template), "{template} has no test");
    }
}

#[test]
fn no_rendered_page_shows_a_raw_translation_key() {
    let ui = Ui::new().unwrap();
    for template in pages() {
        for lang in Language::ALL {
            let html = ui
                .render(template, &page(lang, manager()), sample(template))
                .unwrap();
            for prefix in [
                "layout-", "nav-", "form-", "field-", "auth-", "admin-", "error-",
            ] {
                let text_nodes = html.split('>').filter_map(|part| part.split('<').next());
                for text in text_nodes {
                    assert!(
                        !text.trim_start().starts_with(prefix),
                        "{template} in {lang} shows {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_missing_variable_is_an_error_not_a_blank() {
    let ui = Ui::new().unwrap();
    let error = ui
        .render(
            "auth/login.html",
            &page(Language::En, None),
            context! { email => None::<&str> },
        )
        .unwrap_err();
    assert!(matches!(error, UiError::Template { .. }), "{error}");
}

#[test]
fn page_data_cannot_override_the_layout_variables() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "error.html",
            &page(Language::Fr, None),
            context! {
                status => 404,
                title_key => "error-404-title",
                message_key => "error-404-message",
                lang => "de",
                csrf_token => "forged",
            },
        )
        .unwrap();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("<h1>Page introuvable</h1>"));
    assert!(!html.contains("forged"));
}

#[test]
fn an_unknown_template_is_an_error() {
    let ui = Ui::new().unwrap();
    assert!(
        ui.render("nope.html", &page(Language::En, None), Value::UNDEFINED)
            .is_err()
    );
}

#[test]
fn a_script_given_as_data_is_escaped() {
    let ui = Ui::new().unwrap();
    let attack = "<script>alert(1)</script>\"'";
    let mut page = page(Language::Fr, None);
    page.coop_name = Some(attack.to_owned());
    page.flash = Some(Flash::info(attack));
    let html = ui
        .render(
            "auth/login.html",
            &page,
            context! { error => None::<&str>, email => attack, next => attack },
        )
        .unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("value=\"<"), "{html}");
}

#[test]
fn translation_arguments_are_escaped_too() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "auth/login.html",
            &page(
                Language::En,
                Some(PageUser {
                    email: "<b>x</b>@example.be".to_owned(),
                    role: "member".to_owned(),
                }),
            ),
            sample("auth/login.html"),
        )
        .unwrap();
    assert!(!html.contains("<b>x</b>"), "{html}");
    assert!(html.contains("Account: &lt;b&gt;x"), "{html}");
}

#[test]
fn the_back_office_navigation_is_shown_to_managers_only() {
    let ui = Ui::new().unwrap();
    let render = |user| {
        ui.render(
            "error.html",
            &page(Language::En, user),
            sample("error.html"),
        )
        .unwrap()
    };
    let for_manager = render(manager());
    for href in [
        "/admin/requests",
        "/admin/outbox",
        "/admin/templates",
        "/admin/settings",
        "/admin/password",
    ] {
        assert!(for_manager.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(for_manager.contains("Subscription requests"));
    assert!(for_manager.contains("action=\"/logout\""));
    assert!(!for_manager.contains("href=\"/login\""));

    let for_member = render(member());
    assert!(!for_member.contains("/admin/requests"));
    assert!(for_member.contains("href=\"/portal\""));
    assert!(for_member.contains("action=\"/logout\""));

    let for_visitor = render(None);
    assert!(!for_visitor.contains("/admin/requests"));
    assert!(!for_visitor.contains("/logout"));
    assert!(for_visitor.contains("href=\"/login\""));
    assert!(for_visitor.contains(">Log in<"));
}

#[test]
fn the_log_out_form_posts_the_csrf_token() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "admin/dashboard.html",
            &page(Language::Nl, manager()),
            sample("admin/dashboard.html"),
        )
        .unwrap();
    let form = &html[html.find("action=\"/logout\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        form.contains("method=\"post\"") || html.contains("method=\"post\" action=\"/logout\"")
    );
    assert!(
        form.contains("<input type=\"hidden\" name=\"csrf_token\" value=\"csrf-token-123\">"),
        "{form}"
    );
    assert!(form.contains("Afmelden"));
}

#[test]
fn every_form_carries_the_csrf_token() {
    let ui = Ui::new().unwrap();
    for template in ["auth/login.html", "auth/setup.html", "auth/password.html"] {
        let html = ui
            .render(template, &page(Language::En, None), sample(template))
            .unwrap();
        let forms = html.matches("<form").count();
        let tokens = html
            .matches("name=\"csrf_token\" value=\"csrf-token-123\"")
            .count();
        assert!(forms > 0);
        assert_eq!(forms, tokens, "{template}");
    }
}

#[test]
fn the_current_navigation_item_and_language_are_marked() {
    let ui = Ui::new().unwrap();
    let mut context = page(Language::De, manager());
    context.path = "/admin/requests/42".to_owned();
    let html = ui
        .render("error.html", &context, sample("error.html"))
        .unwrap();
    assert!(
        html.contains("href=\"/admin/requests\" aria-current=\"page\""),
        "{html}"
    );
    assert!(!html.contains("href=\"/admin\" aria-current=\"page\""));
    assert!(html.contains(
        "href=\"/admin/requests/42?lang=de\" lang=\"de\" hreflang=\"de\" aria-current=\"true\""
    ));
    assert!(
        html.contains("href=\"/admin/requests/42?lang=fr\" lang=\"fr\" hreflang=\"fr\">Français")
    );
}

#[test]
fn a_crafted_path_never_becomes_a_link_to_another_site() {
    let ui = Ui::new().unwrap();
    let mut context = page(Language::En, None);
    context.path = "//evil.example/x".to_owned();
    let html = ui
        .render("error.html", &context, sample("error.html"))
        .unwrap();
    assert!(!html.contains("evil.example"));
    assert!(html.contains("href=\"/?lang=nl\""));
}

#[test]
fn the_layout_has_the_accessibility_landmarks() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "auth/login.html",
            &page(Language::En, None),
            sample("auth/login.html"),
        )
        .unwrap();
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"));
    assert!(html.contains("<main id=\"main\""));
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"));
    assert!(!html.contains("style="), "no inline style");
    assert!(!html.contains("<script"), "no script");
    assert!(html.contains("<footer"));
}

#[test]
fn flash_messages_are_status_regions_and_errors_are_alerts() {
    let ui = Ui::new().unwrap();
    let mut context = page(Language::En, manager());
    context.flash = Some(Flash::success("Saved."));
    let html = ui
        .render(
            "admin/dashboard.html",
            &context,
            sample("admin/dashboard.html"),
        )
        .unwrap();
    assert!(html.contains("class=\"flash flash--success\" role=\"status\">Saved.</div>"));
    context.flash = Some(Flash::error("Not saved."));
    let html = ui
        .render(
            "admin/dashboard.html",
            &context,
            sample("admin/dashboard.html"),
        )
        .unwrap();
    assert!(html.contains("class=\"flash flash--error\" role=\"alert\">Not saved.</div>"));
}

#[test]
fn the_cooperative_name_defaults_to_coopshares() {
    let ui = Ui::new().unwrap();
    let mut context = page(Language::En, None);
    context.coop_name = None;
    let html = ui
        .render("error.html", &context, sample("error.html"))
        .unwrap();
    assert!(html.contains("<title>Page not found · Coopshares</title>"));
    assert!(html.contains("class=\"brand\" href=\"/\">Coopshares</a>"));
}

#[test]
fn fields_have_labels_autocomplete_and_their_errors_next_to_them() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "auth/setup.html",
            &page(Language::Fr, None),
            context! {
                email => "treasurer@coop.be",
                errors => context! { password_confirm => "field-error-passwords-differ" },
            },
        )
        .unwrap();
    for (name, autocomplete) in [
        ("email", "email"),
        ("password", "new-password"),
        ("password_confirm", "new-password"),
    ] {
        assert!(html.contains(&format!(
            "<label class=\"field__label\" for=\"field-{name}\">"
        )));
        assert!(html.contains(&format!("id=\"field-{name}\" name=\"{name}\"")));
        assert!(html.contains(&format!("autocomplete=\"{autocomplete}\"")));
    }
    assert!(html.contains("value=\"treasurer@coop.be\""));
    assert!(html.contains(
        "<p class=\"field__error\" id=\"field-password_confirm-error\"><span class=\"visually-hidden\">Erreur\u{a0}: </span>Les deux mots de passe ne sont pas identiques.</p>"
    ), "{html}");
    assert!(
        html.contains("aria-invalid=\"true\" aria-describedby=\"field-password_confirm-error\"")
    );
    assert_eq!(html.matches("aria-invalid").count(), 1);
    assert!(html.contains("aria-describedby=\"field-password-hint\""));
}

#[test]
fn the_login_page_keeps_next_and_shows_its_error_without_echoing_the_password() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "auth/login.html",
            &page(Language::De, None),
            context! {
                error => "auth-login-error-invalid",
                email => "someone@coop.be",
                next => "/admin/requests",
                password => "secret-password",
            },
        )
        .unwrap();
    assert!(
        html.contains("<input type=\"hidden\" name=\"next\" value=\"/admin/requests\">"),
        "{html}"
    );
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("E-Mail-Adresse oder Passwort ist nicht korrekt."));
    assert!(html.contains("autocomplete=\"username\""));
    assert!(html.contains("autocomplete=\"current-password\""));
    assert!(!html.contains("secret-password"));
}

#[test]
fn the_dashboard_lists_the_next_steps_or_says_there_are_none() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "admin/dashboard.html",
            &page(Language::Fr, manager()),
            sample("admin/dashboard.html"),
        )
        .unwrap();
    assert!(html.contains("Bienvenue dans la gestion de Coop Énergie."));
    assert!(html.contains("<a href=\"/admin/settings\">Indiquez le nom et l&#39;adresse"));
    let html = ui
        .render(
            "admin/dashboard.html",
            &page(Language::Fr, manager()),
            context! { next_steps => Vec::<Value>::new() },
        )
        .unwrap();
    assert!(html.contains("Rien ne vous attend pour le moment."));
}

#[test]
fn renders_in_different_languages_at_the_same_time_do_not_mix() {
    let ui = Arc::new(Ui::new().unwrap());
    let threads: Vec<_> = Language::ALL
        .into_iter()
        .map(|lang| {
            let ui = Arc::clone(&ui);
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let html = ui
                        .render(
                            "auth/login.html",
                            &page(lang, None),
                            sample("auth/login.html"),
                        )
                        .unwrap();
                    let expected = ui.t(lang, "auth-login-title", &[]);
                    assert!(html.contains(&format!("<h1>{expected}</h1>")), "{lang}");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

// Security headers

fn app_with_headers(config: SecurityHeaders) -> Router {
    let router = Router::new()
        .route("/", get(|| async { "form" }))
        .route("/subscribe", get(|| async { "form" }))
        .route("/admin", get(|| async { "admin" }));
    headers::apply(router, config)
}

async fn get_headers(app: Router, path: &str) -> (StatusCode, HeaderMap) {
    let response = app
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    (response.status(), response.headers().clone())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn an_admin_page_may_not_be_framed_by_anyone() {
    let config = SecurityHeaders::new(&["https://www.my-coop.be"]).unwrap();
    let (status, headers) = get_headers(app_with_headers(config), "/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, "content-security-policy"),
        Some(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
        )
    );
    assert_eq!(header(&headers, "x-frame-options"), Some("DENY"));
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&headers, "referrer-policy"), Some("same-origin"));
}

#[tokio::test]
async fn the_public_form_may_be_framed_by_the_configured_origins() {
    let config =
        SecurityHeaders::new(&["https://www.my-coop.be", "https://partner.org:8443"]).unwrap();
    for path in ["/subscribe", "/"] {
        let (_, headers) = get_headers(app_with_headers(config.clone()), path).await;
        let policy = header(&headers, "content-security-policy").unwrap();
        assert!(
            policy.ends_with(
                "; frame-ancestors 'self' https://www.my-coop.be https://partner.org:8443"
            ),
            "{path}: {policy}"
        );
        assert!(policy.starts_with("default-src 'self'; "));
        assert_eq!(header(&headers, "x-frame-options"), None, "{path}");
        assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
        assert_eq!(header(&headers, "referrer-policy"), Some("same-origin"));
    }
}

#[tokio::test]
async fn unknown_paths_get_the_strict_headers_too() {
    let (status, headers) =
        get_headers(app_with_headers(SecurityHeaders::default()), "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        header(&headers, "content-security-policy")
            .unwrap()
            .ends_with("frame-ancestors 'none'")
    );
    assert_eq!(header(&headers, "x-frame-options"), Some("DENY"));
}

#[test]
fn a_bad_origin_is_refused() {
    for bad in [
        "http://www.my-coop.be",
        "https://www.my-coop.be/path",
        "https://www.my-coop.be; script-src *",
        "*",
        "'unsafe-inline'",
    ] {
        let error = SecurityHeaders::new(&["https://fine.be", bad]).unwrap_err();
        assert!(matches!(error, UiError::InvalidOrigin(_)), "{bad}");
        assert!(error.to_string().contains("https://host"));
    }
}

// Static files

async fn get_asset(path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let app: Router = assets::router();
    let response = app
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body.to_vec())
}

#[tokio::test]
async fn the_stylesheet_is_served_as_css_with_a_cache_lifetime() {
    let (status, headers, body) = get_asset("/static/app.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=3600")
    );
    assert!(String::from_utf8(body).unwrap().contains(":focus-visible"));
}

#[tokio::test]
async fn the_icon_is_served_as_svg() {
    let (status, headers, _) = get_asset("/static/favicon.svg").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "content-type"), Some("image/svg+xml"));
}

#[tokio::test]
async fn an_unknown_static_file_is_not_found() {
    for path in [
        "/static/nope.css",
        "/static/..%2Fapp.css",
        "/static/",
        "/static/app.css/x",
    ] {
        let (status, headers, _) = get_asset(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header(&headers, "cache-control"), None, "{path}");
    }
}

#[test]
fn every_form_of_the_payment_pages_carries_the_csrf_token() {
    let ui = Ui::new().unwrap();
    for template in [
        "admin/bank_statements.html",
        "admin/bank_statement.html",
        "admin/capital_call.html",
        "admin/csv_mapping.html",
    ] {
        let html = ui
            .render(template, &page(Language::En, manager()), sample(template))
            .unwrap();
        let forms = html.matches("<form").count();
        let tokens = html
            .matches("name=\"csrf_token\" value=\"csrf-token-123\"")
            .count();
        assert!(forms > 1, "{template}");
        assert_eq!(forms, tokens, "{template}");
    }
    // A multipart body is not read by the CSRF check: the upload carries the token in its
    // action too.
    let html = ui
        .render(
            "admin/bank_statements.html",
            &page(Language::En, manager()),
            sample("admin/bank_statements.html"),
        )
        .unwrap();
    assert!(html.contains(
        "enctype=\"multipart/form-data\"\n    action=\"/admin/bank-statements?csrf_token=csrf-token-123\""
    ));
    assert!(html.contains("<script src=\"/static/upload.js\" defer></script>"));
    assert!(html.contains("<progress id=\"upload-progress-bar\""));
}

#[test]
fn a_statement_page_says_what_waits_and_shows_the_refused_split_again() {
    let ui = Ui::new().unwrap();
    let html = ui
        .render(
            "admin/bank_statement.html",
            &page(Language::En, manager()),
            sample("admin/bank_statement.html"),
        )
        .unwrap();
    assert!(html.contains("One line waits for you"));
    assert!(html.contains("The certificates of 2 members are being prepared"));
    assert!(html.contains("same amount, similar name"));
    assert!(html.contains("Money paid out"));
    assert!(html.contains("<option value=\"6\" selected>"));
    assert!(html.contains("value=\"250.001\""));
    assert!(html.contains("Enter an amount such as 250.00"));
}

#[tokio::test]
async fn the_upload_script_is_served_as_javascript() {
    let (status, headers, body) = get_asset("/static/upload.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("upload.onprogress")
    );
}
