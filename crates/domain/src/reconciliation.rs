//! Reconciling bank statement lines with capital calls (lettrage): what a line is, which
//! references it carries, whether it can be reconciled without a human, and how to rank the
//! open calls a manager may choose from when it cannot.
//!
//! The rule is to never reconcile on a guess: only a payment reference with valid check
//! digits that names exactly one open call reconciles a line automatically. Everything else is
//! a suggestion for a manager.

use crate::keyword::keyword_enum;
use crate::money::Money;
use crate::reference::{PaymentReference, find_references};

keyword_enum! {
    /// Where a statement line stands.
    pub enum LineState("statement line state") {
        /// Not reconciled yet: waiting for a manager (or a later call).
        Unmatched => "unmatched",
        /// Reconciled with one or more capital calls.
        Matched => "matched",
        /// Not about capital (a debit, a reversal, a bank fee, a donation…).
        Ignored => "ignored",
    }
}

/// Why a line can never be a payment on a capital call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAPayment {
    /// Money paid out of the account.
    Debit,
    /// The bank cancelled an earlier movement.
    Reversal,
}

impl NotAPayment {
    pub const fn as_str(self) -> &'static str {
        match self {
            NotAPayment::Debit => "debit",
            NotAPayment::Reversal => "reversal",
        }
    }
}

/// Refuses lines that are not money received: debits, zero amounts and reversals.
pub fn payment_kind(amount: Money, reversal: bool) -> Result<(), NotAPayment> {
    if reversal {
        Err(NotAPayment::Reversal)
    } else if amount.is_positive() {
        Ok(())
    } else {
        Err(NotAPayment::Debit)
    }
}

/// Whether a line waits for a manager: money received, not reconciled, not set aside.
pub fn awaits_manager(state: LineState, amount: Money, reversal: bool) -> bool {
    state == LineState::Unmatched && payment_kind(amount, reversal).is_ok()
}

/// The valid payment references a line carries, in order: the structured reference first
/// (typed with or without separators), then those typed inside the free text. A reference
/// with a wrong check digit is not one.
pub fn references_of(structured: Option<&str>, free_text: &str) -> Vec<PaymentReference> {
    let mut references = Vec::new();
    if let Some(structured) = structured {
        match PaymentReference::parse(structured) {
            Ok(reference) => references.push(reference),
            // Some banks put a reference with its separators, or words around it, in the
            // structured field.
            Err(_) => references.extend(find_references(structured)),
        }
    }
    for reference in find_references(free_text) {
        if !references.contains(&reference) {
            references.push(reference);
        }
    }
    references
}

/// What to do with a line received, given which of its references name an open call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutoMatch {
    /// Exactly one open call is named: reconcile the whole line with it.
    Reconcile(PaymentReference),
    /// No reference names an open call, or several different ones do: a manager decides.
    Manager,
}

/// Decides from the line's valid references (see [`references_of`]) and which of them name an
/// open call. Never guesses: two open calls named in one line go to a manager, who may split
/// the line between them.
pub fn auto_match<F>(references: &[PaymentReference], mut names_open_call: F) -> AutoMatch
where
    F: FnMut(&PaymentReference) -> bool,
{
    let mut named = references
        .iter()
        .filter(|reference| names_open_call(reference));
    match (named.next(), named.next()) {
        (Some(only), None) => AutoMatch::Reconcile(only.clone()),
        _ => AutoMatch::Manager,
    }
}

/// What the ranking knows of a line received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFacts<'a> {
    pub amount: Money,
    pub counterparty_name: Option<&'a str>,
    /// Compact IBAN, when the bank gave one.
    pub counterparty_account: Option<&'a str>,
    pub structured_reference: Option<&'a str>,
    pub free_text: &'a str,
}

/// What the ranking knows of an open call and its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallFacts<'a> {
    pub amount_due: Money,
    pub reference: &'a PaymentReference,
    pub holder_name: &'a str,
    /// The holder's known IBAN (compact), if any.
    pub holder_account: Option<&'a str>,
}

/// Why a call is proposed for a line; shown to the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clue {
    /// The line's amount is what the call still awaits.
    SameAmount,
    /// The money came from the holder's known account.
    KnownAccount,
    /// The payer's name looks like the holder's.
    SimilarName,
    /// The line carries the call's reference with a typing mistake (same digits but for the
    /// check digits, or one digit off).
    ReferenceTypo,
}

impl Clue {
    pub const fn as_str(self) -> &'static str {
        match self {
            Clue::SameAmount => "same_amount",
            Clue::KnownAccount => "known_account",
            Clue::SimilarName => "similar_name",
            Clue::ReferenceTypo => "reference_typo",
        }
    }
}

/// One proposal: the index of the call in the candidates given, its score (higher first) and
/// the clues behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub candidate: usize,
    pub score: u32,
    pub clues: Vec<Clue>,
}

/// How many suggestions a line gets at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// Ranks open calls for a line that could not be reconciled automatically. A call needs at
/// least one clue to be proposed; ties keep the order of `candidates`.
pub fn suggest(line: &LineFacts<'_>, candidates: &[CallFacts<'_>]) -> Vec<Suggestion> {
    let digits = typed_digits(line);
    let mut suggestions: Vec<Suggestion> = candidates
        .iter()
        .enumerate()
        .filter_map(|(index, call)| {
            let mut score = 0;
            let mut clues = Vec::new();
            if call.amount_due == line.amount {
                score += 40;
                clues.push(Clue::SameAmount);
            }
            if let (Some(paid_from), Some(known)) = (line.counterparty_account, call.holder_account)
                && normalise_account(paid_from) == normalise_account(known)
            {
                score += 40;
                clues.push(Clue::KnownAccount);
            }
            if let Some(name) = line.counterparty_name {
                let similarity = name_similarity(name, call.holder_name);
                if similarity >= 50 {
                    score += similarity * 30 / 100;
                    clues.push(Clue::SimilarName);
                }
            }
            if looks_like_typo(&digits, call.reference) {
                score += 35;
                clues.push(Clue::ReferenceTypo);
            }
            (!clues.is_empty()).then_some(Suggestion {
                candidate: index,
                score,
                clues,
            })
        })
        .collect();
    suggestions.sort_by(|a, b| b.score.cmp(&a.score).then(a.candidate.cmp(&b.candidate)));
    suggestions.truncate(MAX_SUGGESTIONS);
    suggestions
}

fn normalise_account(account: &str) -> String {
    account
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Runs of 10 or more digits in the line's reference fields (separators removed inside a
/// run of digit groups), as candidates for a mistyped OGM.
fn typed_digits(line: &LineFacts<'_>) -> Vec<String> {
    let mut runs = Vec::new();
    for text in [
        line.structured_reference.unwrap_or_default(),
        line.free_text,
    ] {
        let mut current = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() {
                current.push(c);
            } else if matches!(c, '/' | '.' | ' ' | '+' | '*' | '-') && !current.is_empty() {
                continue;
            } else {
                if current.len() >= 10 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
        if current.len() >= 10 {
            runs.push(current);
        }
    }
    runs
}

/// An OGM typed with a wrong check, or with one digit changed: 12 digits differing from the
/// call's in at most one place, or the call's first 10 digits with other check digits.
fn looks_like_typo(runs: &[String], reference: &PaymentReference) -> bool {
    let PaymentReference::Ogm(ogm) = reference else {
        return false;
    };
    let expected = ogm.digits();
    runs.iter().any(|run| {
        if run.len() != expected.len() || run == expected {
            return false;
        }
        let differences = run
            .bytes()
            .zip(expected.bytes())
            .filter(|(a, b)| a != b)
            .count();
        differences <= 1 || run.get(..10) == expected.get(..10)
    })
}

/// Lower-case words of a name with accents removed ("Élise Dupont-Lenoir" → `elise`,
/// `dupont`, `lenoir`); legal-form words and one-letter initials are dropped.
fn name_words(name: &str) -> Vec<String> {
    const IGNORED: [&str; 12] = [
        "sa", "sprl", "srl", "sc", "scrl", "cv", "bv", "nv", "asbl", "vzw", "mr", "mme",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .map(|word| word.chars().map(fold_accent).collect::<String>())
        .filter(|word| word.chars().count() > 1 && !IGNORED.contains(&word.as_str()))
        .collect()
}

fn fold_accent(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// How much two names share, from 0 to 100: the words they have in common over the words of
/// the shorter name (so "DUPONT E" paying for "Élise Dupont" scores 100, since one-letter
/// initials do not count).
pub fn name_similarity(a: &str, b: &str) -> u32 {
    let (a, b) = (name_words(a), name_words(b));
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return 0;
    }
    let common = a
        .iter()
        .filter(|word| b.contains(word))
        .count()
        .min(shorter);
    u32::try_from(common * 100 / shorter).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn eur(minor: i64) -> Money {
        Money::from_minor(
            minor,
            Currency::parse("EUR").unwrap_or_else(|_| unreachable!()),
        )
    }

    fn ogm(digits: &str) -> PaymentReference {
        PaymentReference::parse(digits).unwrap_or_else(|e| panic!("{digits}: {e}"))
    }

    #[test]
    fn debits_zero_amounts_and_reversals_are_never_payments() {
        assert_eq!(payment_kind(eur(100), false), Ok(()));
        assert_eq!(payment_kind(eur(-100), false), Err(NotAPayment::Debit));
        assert_eq!(payment_kind(eur(0), false), Err(NotAPayment::Debit));
        assert_eq!(payment_kind(eur(100), true), Err(NotAPayment::Reversal));
        assert!(awaits_manager(LineState::Unmatched, eur(100), false));
        assert!(!awaits_manager(LineState::Unmatched, eur(-100), false));
        assert!(!awaits_manager(LineState::Unmatched, eur(100), true));
        assert!(!awaits_manager(LineState::Ignored, eur(100), false));
    }

    #[test]
    fn references_come_from_the_structured_field_then_the_free_text() {
        let found = references_of(
            Some("010806817183"),
            "for shares +++000/0000/09797+++ and again 010806817183",
        );
        assert_eq!(found, vec![ogm("010806817183"), ogm("000000009797")]);
        // Separators in the structured field are fine; a wrong check digit is no reference.
        assert_eq!(
            references_of(Some("+++010/8068/17183+++"), ""),
            vec![ogm("010806817183")]
        );
        assert!(references_of(Some("010806817184"), "010806817184").is_empty());
        assert_eq!(
            references_of(None, "ref RF45 1234 5123 45"),
            vec![PaymentReference::parse("RF451234512345").unwrap_or_else(|_| unreachable!())]
        );
    }

    #[test]
    fn only_a_single_open_call_named_reconciles_automatically() {
        let first = ogm("010806817183");
        let second = ogm("000000009797");
        let both = [first.clone(), second.clone()];
        assert_eq!(
            auto_match(&both, |r| *r == second),
            AutoMatch::Reconcile(second.clone())
        );
        assert_eq!(auto_match(&both, |_| true), AutoMatch::Manager);
        assert_eq!(auto_match(&both, |_| false), AutoMatch::Manager);
        assert_eq!(auto_match(&[], |_| true), AutoMatch::Manager);
    }

    #[test]
    fn suggestions_rank_amount_account_name_and_typos_and_never_propose_without_a_clue() {
        let references = [
            ogm("010806817183"),
            ogm("000000009797"),
            ogm("000000010104"),
        ];
        let calls = [
            CallFacts {
                amount_due: eur(25_000),
                reference: &references[0],
                holder_name: "Élise Dupont",
                holder_account: Some("BE71096123456769"),
            },
            CallFacts {
                amount_due: eur(25_000),
                reference: &references[1],
                holder_name: "Jan Peeters",
                holder_account: None,
            },
            CallFacts {
                amount_due: eur(10_000),
                reference: &references[2],
                holder_name: "Marc Lambert",
                holder_account: None,
            },
        ];
        let line = LineFacts {
            amount: eur(25_000),
            counterparty_name: Some("DUPONT E"),
            counterparty_account: Some("BE71 0961 2345 6769"),
            structured_reference: None,
            free_text: "parts coopérative",
        };
        let ranked = suggest(&line, &calls);
        assert_eq!(
            ranked.iter().map(|s| s.candidate).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!(
            ranked.first().map(|s| s.clues.clone()),
            Some(vec![
                Clue::SameAmount,
                Clue::KnownAccount,
                Clue::SimilarName
            ])
        );

        let typo = LineFacts {
            amount: eur(5_000),
            counterparty_name: None,
            counterparty_account: None,
            structured_reference: None,
            free_text: "+++000/0000/10105+++",
        };
        let ranked = suggest(&typo, &calls);
        assert_eq!(ranked.len(), 1);
        assert_eq!(ranked.first().map(|s| s.candidate), Some(2));
        assert_eq!(
            ranked.first().map(|s| s.clues.clone()),
            Some(vec![Clue::ReferenceTypo])
        );
    }

    #[test]
    fn names_compare_without_accents_case_initials_or_legal_forms() {
        assert_eq!(name_similarity("DUPONT E", "Élise Dupont"), 100);
        assert_eq!(name_similarity("Zonnewind CV", "ZONNEWIND"), 100);
        assert_eq!(name_similarity("Jan Peeters", "Marc Lambert"), 0);
        assert_eq!(name_similarity("", "Marc Lambert"), 0);
    }
}
