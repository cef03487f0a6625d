//! The contact search (`search_contacts`) on a register larger than what the adapters take
//! from their trigram indexes, and the indexes kept in step with the contacts.
//!
//! Each adapter answers a fragment of three characters or more from its trigram index when
//! few contacts hold it, and by walking the contacts in name order when many do (more than
//! `CONTACT_SEARCH_CANDIDATES`); shorter fragments always take the walk. Whatever the way, the
//! answer is the plain query's: every contact whose search name or email holds the fragment,
//! by search name then id, paged by limit and offset. The checks compare with that query, run
//! past the port on the same database.

use coopshares_app::ports::{ContactSummary, StoreTx};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::ids::ContactId;
use coopshares_domain::text::Name;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::backends::{RawConnection, TestStore};
use crate::checks::intake::{entity, insert_entity, insert_person, person};

const T1: OffsetDateTime = datetime!(2026-05-04 10:30:00 UTC);

/// The number of contacts both adapters take from their index before walking instead.
fn index_bound() -> usize {
    let bound = coopshares_store_sqlite::CONTACT_SEARCH_CANDIDATES;
    assert_eq!(
        bound,
        coopshares_store_postgres::CONTACT_SEARCH_CANDIDATES,
        "the adapters mirror each other"
    );
    bound
}

/// The plain search, straight in SQL: every holder of `text` in search name order, then id.
async fn holders(raw: &mut RawConnection, text: &str) -> Vec<ContactId> {
    let sql = if raw.is_postgres() {
        "SELECT id FROM contacts
         WHERE search_name LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\'
         ORDER BY search_name, id"
    } else {
        "SELECT id FROM contacts
         WHERE search_name LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\'
         ORDER BY search_name, id"
    };
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    raw.integers(sql, &pattern)
        .await
        .into_iter()
        .map(ContactId::new)
        .collect()
}

/// Asserts that every page of the search for `text` is the same page of the plain query.
async fn pages_match_the_plain_query(
    tx: &mut dyn StoreTx,
    raw: &mut RawConnection,
    text: &str,
    pages: &[(u32, u32)],
) {
    let all = holders(raw, text).await;
    for &(limit, offset) in pages {
        let found = tx.search_contacts(text, limit, offset).await.unwrap();
        let expected: Vec<_> = all
            .iter()
            .copied()
            .skip(offset as usize)
            .take(limit as usize)
            .collect();
        assert_eq!(
            ids(&found),
            expected,
            "searching {text:?}, {limit} from {offset} (held by {})",
            all.len()
        );
    }
}

fn ids(found: &[ContactSummary]) -> Vec<ContactId> {
    found.iter().map(|c| c.id).collect()
}

fn names(found: &[ContactSummary]) -> Vec<&str> {
    found.iter().map(|c| c.display_name.as_str()).collect()
}

/// `count` persons "Zz Member 00001"… written past the port in one statement (the triggers
/// and indexes see them as any other insert). Those numbered below `k_until` have an email at
/// `k.example`, the others at `over.example`.
async fn insert_many(raw: &mut RawConnection, count: usize, k_until: usize) {
    let sql = if raw.is_postgres() {
        format!(
            "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name, email,
                 street, postal_code, city, country, language, version, created_at, updated_at)
             SELECT 'person', 'Zz Member ' || lpad(i::text, 5, '0'),
                 'zz member ' || lpad(i::text, 5, '0'), 'Zz', 'Member ' || lpad(i::text, 5, '0'),
                 'zz' || i || CASE WHEN i < {k_until} THEN '@k.example' ELSE '@over.example' END,
                 'Rue 1', '1000', 'Bruxelles', 'BE', 'fr', 1, now(), now()
             FROM generate_series(1, {count}) AS seq(i)"
        )
    } else {
        format!(
            "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name, email,
                 street, postal_code, city, country, language, version, created_at, updated_at)
             SELECT 'person', 'Zz Member ' || printf('%05d', i),
                 'zz member ' || printf('%05d', i), 'Zz', 'Member ' || printf('%05d', i),
                 'zz' || i || CASE WHEN i < {k_until} THEN '@k.example' ELSE '@over.example' END,
                 'Rue 1', '1000', 'Bruxelles', 'BE', 'fr', 1, '2026-01-01T00:00:00.000000Z',
                 '2026-01-01T00:00:00.000000Z'
             FROM (WITH RECURSIVE seq(i) AS (
                 SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {count}) SELECT i FROM seq)"
        )
    };
    let inserted = raw.execute(&sql).await.unwrap();
    assert_eq!(inserted, count as u64);
}

pub async fn search_pages_a_fragment_held_by_more_contacts_than_the_index_gives_in_name_order(
    t: &TestStore,
) {
    let bound = index_bound();
    let mut raw = t.raw().await;
    // The many first, so that they have the lowest ids and come first out of an index; the
    // two recorded last sort first by name, and a search that only sorted what the index gave
    // first would miss them.
    insert_many(&mut raw, bound + 1, bound).await;
    let mut tx = t.store.begin().await.unwrap();
    let aaron = insert_person(&mut *tx, person("Aaron", "Member", "aaron@k.example")).await;
    let anna = insert_person(&mut *tx, person("Anna", "Member", "anna@ok.example")).await;
    tx.commit().await.unwrap();
    for (text, count) in [
        ("@k.example", bound),    // read from the index and sorted
        ("k.example", bound + 1), // one too many: walked
        ("member", bound + 3),    // walked
        ("zz member 0000", 9),    // read from the index
    ] {
        assert_eq!(
            holders(&mut raw, text).await.len(),
            count,
            "{text:?} held by"
        );
    }

    let mut tx = t.store.begin_read().await.unwrap();
    let found = tx.search_contacts("Member", 3, 0).await.unwrap();
    assert_eq!(
        names(&found),
        ["Aaron Member", "Anna Member", "Zz Member 00001"]
    );
    assert_eq!(ids(&found)[..2], [aaron, anna]);
    let found = tx.search_contacts("k.example", 3, 1).await.unwrap();
    assert_eq!(
        names(&found),
        ["Anna Member", "Zz Member 00001", "Zz Member 00002"]
    );
    let found = tx.search_contacts("@K.EXAMPLE", 2, 0).await.unwrap();
    assert_eq!(names(&found), ["Aaron Member", "Zz Member 00001"]);
    let last = u32::try_from(bound).unwrap();
    let found = tx
        .search_contacts("@k.example", 10, last - 2)
        .await
        .unwrap();
    assert_eq!(
        names(&found),
        [
            format!("Zz Member {:05}", bound - 2),
            format!("Zz Member {:05}", bound - 1)
        ],
        "the last page of a fragment read from the index"
    );
    assert!(
        tx.search_contacts("member", 10, last + 3)
            .await
            .unwrap()
            .is_empty(),
        "past the last holder"
    );
    let pages = [
        (10, 0),
        (25, 7),
        (50, last - 20),
        (50, last),
        (10, last + 2),
    ];
    for text in [
        "member",
        "k.example",
        "@k.example",
        ".example",
        "zz member 0000",
        "zz member 01",
        "ember 020",
    ] {
        pages_match_the_plain_query(&mut *tx, &mut raw, text, &pages).await;
    }
    drop(tx);
    raw.close().await;
}

pub async fn search_by_one_or_two_characters_finds_every_holder_in_name_order(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let ann = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.be")).await;
    let jan = insert_person(&mut *tx, person("Jan", "Janssens", "jj@example.be")).await;
    let elise = insert_person(&mut *tx, person("Élise", "Dupont", "elise@example.org")).await;
    let bo = insert_person(&mut *tx, person("Bo", "Li", "bo@li.example")).await;
    let lux = insert_entity(
        &mut *tx,
        entity("Lux", Country::BE, "0123456749", "info@lux.example"),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (text, expected) in [
        ("an", vec![ann, jan]),
        ("AN", vec![ann, jan]),
        (" é ", vec![elise]),
        ("li", vec![bo, elise]),
        ("lu", vec![lux]),
        ("q", vec![]),
    ] {
        let found = tx.search_contacts(text, 10, 0).await.unwrap();
        assert_eq!(ids(&found), expected, "searching {text:?}");
    }
    let found = tx.search_contacts("B", 2, 1).await.unwrap();
    assert_eq!(ids(&found), [bo, jan], "the second page of two");
    assert_eq!(tx.search_contacts("x", 10, 0).await.unwrap().len(), 5);
    drop(tx);

    let mut raw = t.raw().await;
    let mut tx = t.store.begin_read().await.unwrap();
    for text in ["a", "e", "x", "ée", "@", ".", " s"] {
        pages_match_the_plain_query(&mut *tx, &mut raw, text, &[(10, 0), (2, 1), (3, 4)]).await;
    }
    drop(tx);
    raw.close().await;
}

pub async fn search_finds_a_fragment_held_only_in_the_email(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let marie = insert_person(&mut *tx, person("Marie", "Curie", "radium@lab.example")).await;
    let pierre = insert_person(&mut *tx, person("Pierre", "Curie", "pierre@lab.example")).await;
    let radium = insert_entity(
        &mut *tx,
        entity(
            "Radium Institut",
            Country::FR,
            "732829320",
            "contact@inst.example",
        ),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (text, expected) in [
        ("@LAB.EX", vec![marie, pierre]),
        ("dium@", vec![marie]),
        ("radium", vec![marie, radium]),
        ("contact@", vec![radium]),
        ("curie@", vec![]),
    ] {
        let found = tx.search_contacts(text, 10, 0).await.unwrap();
        assert_eq!(ids(&found), expected, "searching {text:?}");
    }
    let found = tx.search_contacts("lab.example", 1, 1).await.unwrap();
    assert_eq!(ids(&found), [pierre]);
    assert_eq!(found[0].email, Email::parse("pierre@lab.example").unwrap());
}

pub async fn search_takes_wildcards_and_query_syntax_literally_in_long_fragments(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let bio = insert_entity(
        &mut *tx,
        entity(
            "100% Bio_Coop",
            Country::BE,
            "0123456749",
            "bio@coop.example",
        ),
    )
    .await;
    // Names and emails that `%` and `_` as wildcards, or a fragment read as a full-text
    // query, would match.
    let marco = insert_person(&mut *tx, person("Marco", "Conti", "p%c_t@x.example")).await;
    let jo = insert_person(
        &mut *tx,
        person("Jean \"Jo\"", "Back\\Slash", "jo@coop.example"),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (text, expected) in [
        ("0% bio", vec![bio]),
        ("% bio_", vec![bio]),
        ("o_co", vec![bio]),
        ("0%b", vec![]),
        ("o%co", vec![]),
        ("p%c_t", vec![marco]),
        ("p_c", vec![]),
        ("%c_", vec![marco]),
        ("\"jo\"", vec![jo]),
        ("k\\sl", vec![jo]),
        ("\\\\", vec![]),
        ("\\sl%", vec![]),
        ("jo\" OR \"bio", vec![]),
        ("bio*", vec![]),
        ("coop*", vec![]),
        ("NEAR(bio coop)", vec![]),
        ("email:bio", vec![]),
        ("^bio", vec![]),
        ("bio AND coop", vec![]),
        ("\"\"\"", vec![]),
    ] {
        let found = tx.search_contacts(text, 10, 0).await.unwrap();
        assert_eq!(ids(&found), expected, "searching {text:?}");
    }
}

pub async fn a_contact_renamed_or_deleted_is_found_only_under_what_it_now_holds(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let ann = insert_person(&mut *tx, person("Ann", "Peeters", "ann.peeters@example.be")).await;
    let jan = insert_person(&mut *tx, person("Jan", "Peeters", "jan@example.be")).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let contact = tx.get_contact(ann).await.unwrap().unwrap();
    let ContactDetails::Person(mut renamed) = contact.details else {
        panic!("a person");
    };
    renamed.last_name = Name::parse("Vandermeersch").unwrap();
    renamed.email = Email::parse("ann@vandermeersch.example").unwrap();
    tx.update_contact_details(ann, contact.version, &ContactDetails::Person(renamed), T1)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Before and after the server's upkeep, which on PostgreSQL indexes the rename.
    for tidied in [false, true] {
        if tidied {
            t.store.tidy().await.unwrap();
        }
        let mut tx = t.store.begin_read().await.unwrap();
        for (text, expected) in [
            ("peeters", vec![jan]),
            ("ann pee", vec![]),
            ("ann.pee", vec![]),
            ("vandermeersch", vec![ann]),
            ("ann vander", vec![ann]),
            ("@vander", vec![ann]),
        ] {
            let found = tx.search_contacts(text, 10, 0).await.unwrap();
            assert_eq!(
                ids(&found),
                expected,
                "searching {text:?} after the rename (upkeep done: {tidied})"
            );
        }
    }

    // No use case deletes a contact; the database must keep the index in step if one is.
    let mut raw = t.raw().await;
    let deleted = raw
        .execute(&format!("DELETE FROM contacts WHERE id = {}", ann.get()))
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    let mut tx = t.store.begin_read().await.unwrap();
    assert!(
        tx.search_contacts("vandermeersch", 10, 0)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(&tx.search_contacts("peeters", 10, 0).await.unwrap()),
        [jan]
    );
    drop(tx);
    if raw.is_postgres() {
        assert_eq!(
            raw.integer(&format!(
                "SELECT count(*) FROM contact_search WHERE contact_id = {}",
                ann.get()
            ))
            .await,
            0,
            "a deleted contact leaves the search table"
        );
    } else {
        // FTS5 compares its index with the contacts: an entry a trigger failed to add or to
        // remove is an error here, even where the search's own check would hide it.
        raw.execute(
            "INSERT INTO contacts_search (contacts_search, rank) VALUES ('integrity-check', 1)",
        )
        .await
        .unwrap();
    }
    raw.close().await;
}
