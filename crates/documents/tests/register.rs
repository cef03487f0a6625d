//! The member and share register as its readers get it: the spreadsheet read back cell by cell
//! with calamine, the printed register through poppler's `pdftotext` and `pdfinfo`, and the
//! spreadsheet's memory use on a register of 200,000 members.
//!
//! Without the poppler tools the PDF checks that need them are skipped (see `common`).
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests state their expectations with unwrap"
)]

mod common;

use std::io::Cursor;
use std::process::Command;
use std::time::Instant;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use coopshares_app::documents::CooperativeIdentity;
use coopshares_app::ports::{ContactRecord, ShareTypeRecord};
use coopshares_app::register::{
    RegisterHolding, RegisterRow, RegisterTransfer, RegisterWithdrawal,
};
use coopshares_documents::{RegisterHeading, RegisterPdf, RegisterXlsx};
use coopshares_domain::address::Address;
use coopshares_domain::contact::{ContactDetails, Entity, Person};
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, ShareTypeId};
use coopshares_domain::language::Language;
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::registration::RegistrationNumber;
use coopshares_domain::share_type::{LocalizedNames, ShareType, ShareTypeCode, ShareTypeSpec};
use coopshares_domain::text::{Name, PostalCode};
use time::macros::date;
use time::{Date, Duration, OffsetDateTime};

use crate::common::{page_count, pdf_tools_available, text_of};

const A: ShareTypeId = ShareTypeId::new(1);
const B: ShareTypeId = ShareTypeId::new(2);

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

fn name(text: &str) -> Name {
    Name::parse(text).unwrap()
}

fn share_type(id: ShareTypeId, code: &str, fr: &str, en: &str, nominal: i64) -> ShareTypeRecord {
    ShareTypeRecord {
        id,
        share_type: ShareType::new(ShareTypeSpec {
            code: ShareTypeCode::parse(code).unwrap(),
            names: LocalizedNames {
                fr: Some(name(fr)),
                en: Some(name(en)),
                ..LocalizedNames::default()
            },
            nominal_value: eur(nominal),
            for_persons: true,
            for_entities: true,
            min_quantity: ShareQuantity::ONE,
            max_quantity: None,
            on_public_form: true,
            retired: false,
        })
        .unwrap(),
        subscribed: true,
        version: 1,
    }
}

/// Shares A of 250.00 EUR and B of 1,000.00 EUR.
fn share_types() -> Vec<ShareTypeRecord> {
    vec![
        share_type(A, "A", "Parts de coopérateur", "Member shares", 25_000),
        share_type(B, "B", "Parts d'investisseur", "Investor shares", 100_000),
    ]
}

fn heading(language: Language) -> RegisterHeading {
    RegisterHeading {
        cooperative: CooperativeIdentity {
            name: "Énergie Coopérative SC".to_owned(),
            address_lines: vec!["Rue de la Loi 16".to_owned(), "1000 Bruxelles".to_owned()],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        as_of: date!(2026 - 03 - 31),
        language,
        share_types: share_types(),
    }
}

fn address(street: &str, postal_code: &str, city: &str) -> Address {
    Address {
        street: name(street),
        postal_code: PostalCode::parse(postal_code).unwrap(),
        city: name(city),
        country: Country::BE,
    }
}

fn contact(id: i64, member_number: u32, details: ContactDetails, left: bool) -> ContactRecord {
    ContactRecord {
        id: ContactId::new(id),
        details,
        membership: if left {
            MembershipStatus::Former
        } else {
            MembershipStatus::Cooperator
        },
        member_number: Some(member_number),
        member_since: None,
        created_at: OffsetDateTime::UNIX_EPOCH,
        version: 1,
    }
}

fn person(first_name: &str, last_name: &str, address: Address) -> ContactDetails {
    ContactDetails::Person(Person {
        first_name: name(first_name),
        last_name: name(last_name),
        birth_date: None,
        email: Email::parse("membre@example.org").unwrap(),
        phone: None,
        address,
        language: Language::Fr,
        iban: None,
        national_id: None,
    })
}

/// Member 314, a person: 4 shares A and 10 shares B, 2 of the A received from contact 12.
fn anais() -> RegisterRow {
    RegisterRow {
        contact: contact(
            7,
            314,
            person(
                "Anaïs",
                "Dubois-Léger",
                address("Place Saint-Lambert 1", "4000", "Liège"),
            ),
            false,
        ),
        entry_date: Some(date!(2024 - 06 - 01)),
        holdings: vec![
            RegisterHolding {
                share_type: A,
                quantity: 4,
                paid: eur(100_000),
            },
            RegisterHolding {
                share_type: B,
                quantity: 10,
                paid: eur(1_000_000),
            },
        ],
        transfers: vec![RegisterTransfer {
            date: date!(2025 - 11 - 20),
            share_type: A,
            quantity: 2,
            received: true,
            other: ContactId::new(12),
            value: eur(50_000),
        }],
        withdrawals: Vec::new(),
    }
}

/// Member 315, an entity with its enterprise number: 20 shares A.
fn energie_verte() -> RegisterRow {
    RegisterRow {
        contact: contact(
            8,
            315,
            ContactDetails::Entity(Entity {
                name: name("Énergie Verte Wallonie"),
                legal_form: name("SRL"),
                registration_number: RegistrationNumber::parse(Country::BE, "0123.456.749")
                    .unwrap(),
                email: Email::parse("info@energie-verte.example").unwrap(),
                address: address("Rue de Fer 25", "5000", "Namur"),
                language: Language::Fr,
                iban: None,
            }),
            false,
        ),
        entry_date: Some(date!(2025 - 01 - 15)),
        holdings: vec![RegisterHolding {
            share_type: A,
            quantity: 20,
            paid: eur(500_000),
        }],
        transfers: Vec::new(),
        withdrawals: Vec::new(),
    }
}

/// Member 12, who left: gave 2 shares A to contact 7, then had 3 taken back, paid out 750.00.
fn jiri() -> RegisterRow {
    RegisterRow {
        contact: contact(
            12,
            12,
            person(
                "Jiří",
                "Dvořák",
                address("Chaussée de Gand 2", "1080", "Molenbeek"),
            ),
            true,
        ),
        entry_date: Some(date!(2020 - 03 - 01)),
        holdings: Vec::new(),
        transfers: vec![RegisterTransfer {
            date: date!(2025 - 11 - 20),
            share_type: A,
            quantity: 2,
            received: false,
            other: ContactId::new(7),
            value: eur(50_000),
        }],
        withdrawals: vec![RegisterWithdrawal {
            date: date!(2026 - 01 - 31),
            share_type: A,
            quantity: 3,
            paid_out: eur(75_000),
        }],
    }
}

fn rows() -> Vec<RegisterRow> {
    vec![anais(), energie_verte(), jiri()]
}

/// A cell as the test states it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
}

use Cell::{Empty, Number};

fn text(text: &str) -> Cell {
    Cell::Text(text.to_owned())
}

fn day(date: Date) -> Cell {
    Cell::Date(date)
}

fn cell(data: Option<&Data>) -> Cell {
    match data {
        None | Some(Data::Empty) => Empty,
        Some(Data::String(text)) => Cell::Text(text.clone()),
        Some(Data::Float(number)) => Number(*number),
        Some(Data::Int(number)) => Number(*number as f64),
        Some(Data::DateTime(date)) => {
            assert!(date.is_datetime(), "{date:?} is not a date");
            let serial = date.as_f64();
            assert_eq!(serial.fract(), 0.0, "a date without time of day");
            Cell::Date(date!(1899 - 12 - 30) + Duration::days(serial as i64))
        }
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

/// Every row of the first worksheet, from A1, as cells; and the worksheet's name.
fn read_back(xlsx: &[u8]) -> (String, Vec<Vec<Cell>>) {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheet = workbook.sheet_names().first().cloned().unwrap();
    let range = workbook.worksheet_range(&sheet).unwrap();
    let (last_row, last_column) = range.end().unwrap();
    let rows = (0..=last_row)
        .map(|row| {
            (0..=last_column)
                .map(|column| cell(range.get_value((row, column))))
                .collect()
        })
        .collect();
    (sheet, rows)
}

fn spreadsheet(language: Language, rows: &[RegisterRow], totals_row: bool) -> Vec<u8> {
    let mut xlsx = RegisterXlsx::new(heading(language)).unwrap();
    for page in rows.chunks(2) {
        xlsx.push(page).unwrap();
    }
    xlsx.finish(totals_row).unwrap()
}

#[test]
fn the_same_register_gives_the_same_spreadsheet_byte_for_byte() {
    let first = spreadsheet(Language::Fr, &rows(), true);
    // The file records the register's date (the heading's) as its creation, not the clock's.
    let mut archive = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("docProps/core.xml").unwrap(),
        &mut core,
    )
    .unwrap();
    assert!(
        core.contains(">2026-03-31T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    let second = spreadsheet(Language::Fr, &rows(), true);
    assert!(first == second, "two exports of one register differ");
}

#[test]
fn the_spreadsheet_reads_back_with_its_title_headings_members_and_totals() {
    let xlsx = spreadsheet(Language::En, &rows(), true);
    let (sheet, cells) = read_back(&xlsx);
    assert_eq!(sheet, "Register");
    assert_eq!(cells.len(), 6, "title, header, three members, totals");
    assert_eq!(
        cells[0][0],
        text("Énergie Coopérative SC — Register of members on 31 March 2026")
    );
    assert!(cells[0][1..].iter().all(|cell| *cell == Empty));
    assert_eq!(
        cells[1],
        [
            "Member no.",
            "Name",
            "Kind",
            "Address or registered office",
            "Company number",
            "Date of entry",
            "Date of exit",
            "Member shares (A)",
            "Investor shares (B)",
            "Total shares",
            "Payments made",
            "Currency",
            "Transfers",
            "Withdrawals",
            "Amount paid out",
        ]
        .map(text)
    );
    assert_eq!(
        cells[2],
        [
            Number(314.0),
            text("Anaïs Dubois-Léger"),
            text("Natural person"),
            text("Place Saint-Lambert 1, 4000 Liège, BE"),
            Empty,
            day(date!(2024 - 06 - 01)),
            Empty,
            Number(4.0),
            Number(10.0),
            Number(14.0),
            Number(11_000.0),
            text("EUR"),
            text("20 November 2025 +2 A from #12"),
            Empty,
            Empty,
        ]
    );
    assert_eq!(
        cells[3],
        [
            Number(315.0),
            text("Énergie Verte Wallonie SRL"),
            text("Legal entity"),
            text("Rue de Fer 25, 5000 Namur, BE"),
            text("0123.456.749"),
            day(date!(2025 - 01 - 15)),
            Empty,
            Number(20.0),
            Empty,
            Number(20.0),
            Number(5_000.0),
            text("EUR"),
            Empty,
            Empty,
            Empty,
        ]
    );
    assert_eq!(
        cells[4],
        [
            Number(12.0),
            text("Jiří Dvořák"),
            text("Natural person"),
            text("Chaussée de Gand 2, 1080 Molenbeek, BE"),
            Empty,
            day(date!(2020 - 03 - 01)),
            day(date!(2026 - 01 - 31)),
            Empty,
            Empty,
            Number(0.0),
            Number(0.0),
            text("EUR"),
            text("20 November 2025 -2 A to #7"),
            text("31 January 2026 3 A"),
            Number(750.0),
        ]
    );
    assert_eq!(
        cells[5],
        [
            Empty,
            text("Total"),
            Empty,
            Empty,
            Empty,
            Empty,
            Empty,
            Number(24.0),
            Number(10.0),
            Number(34.0),
            Number(16_000.0),
            text("EUR"),
            Empty,
            Empty,
            Number(750.0),
        ]
    );
}

#[test]
fn without_the_totals_row_the_spreadsheet_ends_with_the_last_member() {
    let (_, cells) = read_back(&spreadsheet(Language::En, &rows(), false));
    assert_eq!(cells.len(), 5);
    assert_eq!(cells[4][1], text("Jiří Dvořák"));
}

#[test]
fn the_spreadsheet_speaks_the_language_asked_for() {
    let (sheet, cells) = read_back(&spreadsheet(Language::Fr, &rows(), true));
    assert_eq!(sheet, "Registre");
    assert_eq!(
        cells[0][0],
        text("Énergie Coopérative SC — Registre des coopérateurs au 31/03/2026")
    );
    assert_eq!(
        cells[1][..8],
        [
            "N° de coopérateur",
            "Nom",
            "Nature",
            "Domicile ou siège",
            "N° d'entreprise",
            "Date d'entrée",
            "Date de sortie",
            "Parts de coopérateur (A)",
        ]
        .map(text)
    );
    assert_eq!(cells[2][2], text("Personne physique"));
    assert_eq!(cells[2][12], text("20/11/2025 +2 A de #12"));
    assert_eq!(cells[4][13], text("31/01/2026 3 A"));
    // Dates stay dates whatever the language: only their display format changes.
    assert_eq!(cells[4][6], day(date!(2026 - 01 - 31)));

    for language in [Language::Nl, Language::De] {
        let (_, cells) = read_back(&spreadsheet(language, &rows(), true));
        assert_ne!(cells[1][0], text("Member no."), "{language}");
        assert_eq!(cells[5][9], Number(34.0), "{language}");
    }
}

#[test]
fn an_empty_register_is_a_spreadsheet_of_headings_and_zero_totals() {
    let (_, cells) = read_back(&spreadsheet(Language::En, &[], true));
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[2][1], text("Total"));
    assert_eq!(cells[2][9], Number(0.0));
    assert_eq!(cells[2][10], Number(0.0));
}

#[test]
fn a_holding_of_a_share_type_that_is_no_column_is_refused() {
    let mut row = anais();
    row.holdings[0].share_type = ShareTypeId::new(99);
    let mut xlsx = RegisterXlsx::new(heading(Language::En)).unwrap();
    let error = xlsx.push(&[row.clone()]).unwrap_err();
    assert!(error.0.contains("99"), "{error}");
    let mut pdf = RegisterPdf::new(heading(Language::En)).unwrap();
    assert!(pdf.push(&[row]).is_err());
}

#[test]
fn share_types_in_two_currencies_are_refused() {
    let mut heading = heading(Language::En);
    let mut chf = share_types().remove(1);
    chf.share_type = ShareType::new(ShareTypeSpec {
        nominal_value: Money::from_minor(100_000, Currency::parse("CHF").unwrap()),
        ..chf.share_type.spec().clone()
    })
    .unwrap();
    heading.share_types[1] = chf;
    assert!(RegisterXlsx::new(heading.clone()).is_err());
    assert!(RegisterPdf::new(heading).is_err());
}

fn printed(language: Language, rows: &[RegisterRow], page: usize) -> Vec<u8> {
    let mut pdf = RegisterPdf::new(heading(language)).unwrap();
    for chunk in rows.chunks(page) {
        pdf.push(chunk).unwrap();
    }
    pdf.finish(true).unwrap()
}

#[test]
fn the_printed_register_shows_the_members_their_shares_and_the_totals() {
    let pdf = printed(Language::En, &rows(), 2);
    assert!(pdf.starts_with(b"%PDF-"));
    if !pdf_tools_available("the_printed_register_shows_the_members_their_shares_and_the_totals") {
        return;
    }
    assert_eq!(page_count(&pdf), 1);
    let text = text_of(&pdf);
    for expected in [
        "Énergie Coopérative SC",
        "Register of members on 31 March 2026",
        "Page 1",
        "Anaïs Dubois-Léger",
        "Énergie Verte Wallonie SRL",
        "0123.456.749",
        "Jiří Dvořák",
        "Place Saint-Lambert 1, 4000 Liège, BE",
        "314",
        "315",
        "11,000.00 EUR",
        "5,000.00 EUR",
        // A movement too wide for its column breaks after its date.
        "20 November 2025",
        "+2 A from #12",
        "-2 A to #7",
        "31 January 2026",
        "1 June 2024",
        "15 January 2025",
        "750.00 EUR",
        // The totals: 24 A, 10 B, 34 shares, 16,000.00 EUR paid.
        "Total",
        "24",
        "34",
        "16,000.00 EUR",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let totals = text
        .lines()
        .find(|line| line.trim_start().starts_with("Total") && line.contains("16,000.00"))
        .unwrap_or_else(|| panic!("no totals line in:\n{text}"));
    let figures: Vec<&str> = totals.split_whitespace().collect();
    assert_eq!(
        figures,
        [
            "Total",
            "24",
            "10",
            "34",
            "16,000.00",
            "EUR",
            "750.00",
            "EUR"
        ]
    );
}

/// `count` members named `Membre {n}` with member number `n`, each holding `n` shares A.
fn many(count: u32) -> Vec<RegisterRow> {
    let template = anais();
    (1..=count)
        .map(|n| {
            let mut row = template.clone();
            row.contact.id = ContactId::new(i64::from(n) + 1000);
            row.contact.member_number = Some(n);
            row.contact.details = person(
                "Membre",
                &n.to_string(),
                address("Rue du Marché 3", "1000", "Bruxelles"),
            );
            row.holdings.truncate(1);
            row.holdings[0].quantity = u64::from(n);
            row.holdings[0].paid = eur(25_000 * i64::from(n));
            row
        })
        .collect()
}

#[test]
fn two_thousand_members_print_on_several_pages_each_with_its_head() {
    let started = Instant::now();
    let pdf = printed(Language::En, &many(2000), 500);
    eprintln!(
        "2,000 rows printed in {:?}, {} KiB",
        started.elapsed(),
        pdf.len() / 1024
    );
    assert!(pdf.starts_with(b"%PDF-"));
    if !pdf_tools_available("two_thousand_members_print_on_several_pages_each_with_its_head") {
        return;
    }
    let pages = page_count(&pdf);
    assert!(pages > 10, "{pages} pages");
    let text = text_of(&pdf);
    let printed_pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(printed_pages.len(), usize::try_from(pages).unwrap());
    for (i, page) in printed_pages.iter().enumerate() {
        for expected in [
            "Énergie Coopérative SC",
            "Register of members on 31 March 2026",
            "Name",
            "Transfers",
            "Withdrawals",
        ] {
            assert!(page.contains(expected), "page {}: no {expected:?}", i + 1);
        }
        assert!(
            page.contains(&format!("Page {}", i + 1)),
            "page {} is not numbered",
            i + 1
        );
    }
    // Every member once, in order, none lost at a page break.
    let names: Vec<u32> = text
        .split("Membre ")
        .skip(1)
        .map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(names, (1..=2000).collect::<Vec<u32>>());
    let last = printed_pages.last().unwrap();
    // 1 + 2 + … + 2000 shares A, at 250.00 EUR each.
    assert!(last.contains("2001000"), "no share total on the last page");
    assert!(
        last.contains("500,250,000.00 EUR"),
        "no paid total on the last page"
    );
}

#[test]
fn an_empty_register_prints_one_page_with_its_head_and_zero_totals() {
    let pdf = printed(Language::De, &[], 1);
    assert!(pdf.starts_with(b"%PDF-"));
    if !pdf_tools_available("an_empty_register_prints_one_page_with_its_head_and_zero_totals") {
        return;
    }
    assert_eq!(page_count(&pdf), 1);
    let text = text_of(&pdf);
    assert!(text.contains("Mitgliederregister am 31.03.2026"), "{text}");
    assert!(text.contains("Insgesamt"), "{text}");
    assert!(text.contains("0,00 EUR"), "{text}");
}

/// The peak resident memory of this process, in kilobytes.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap()
}

const MEMORY_CHILD: &str = "COOPSHARES_REGISTER_MEMORY_CHILD";

/// The other tests of this binary run alongside it and the peak is the process's, so the
/// measure is taken in a process of its own: the test runs itself again, alone.
#[test]
fn a_spreadsheet_of_200_000_members_stays_under_150_mb() {
    if std::env::var_os(MEMORY_CHILD).is_none() {
        let output = Command::new(std::env::current_exe().unwrap())
            .args([
                "a_spreadsheet_of_200_000_members_stays_under_150_mb",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(MEMORY_CHILD, "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        eprintln!("{stderr}");
        assert!(output.status.success(), "the measuring process failed");
        assert!(
            stderr.contains("200000 rows"),
            "the measuring process did not run"
        );
        return;
    }
    let started = Instant::now();
    let before = peak_kib();
    let template = anais();
    let mut xlsx = RegisterXlsx::new(heading(Language::Fr)).unwrap();
    let mut page = Vec::with_capacity(500);
    for n in 0..200_000_u32 {
        let mut row = template.clone();
        row.contact.id = ContactId::new(i64::from(n) + 1);
        row.contact.member_number = Some(n + 1);
        page.push(row);
        if page.len() == 500 {
            xlsx.push(&page).unwrap();
            page.clear();
        }
    }
    let written = started.elapsed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.xlsx");
    xlsx.finish_into(true, std::fs::File::create(&path).unwrap())
        .unwrap();
    let after = peak_kib();
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "200000 rows: written in {written:?}, saved in {:?}; {} KiB file; peak memory {} MiB \
         before, {} MiB after",
        started.elapsed() - written,
        size / 1024,
        before / 1024,
        after / 1024
    );
    assert!(size > 1024 * 1024, "a {size} byte file for 200,000 rows");
    assert!(after < 150 * 1024, "peak memory {} MiB", after / 1024);
}
