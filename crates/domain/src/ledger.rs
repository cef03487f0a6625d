//! Double-entry bookkeeping in integer minor units.
//!
//! A [`JournalEntry`](crate::ledger::JournalEntry) can only be built balanced: same currency throughout, every amount
//! positive, debits equal to credits. Subscribed capital is equity (class 1 in both the Belgian
//! and the French charts), never income: a capital call debits a receivable from the member and
//! credits capital; the payment debits the bank and credits that receivable.

use std::collections::BTreeMap;
use std::fmt;

use time::Date;

use crate::country::Country;
use crate::keyword::keyword_enum;
use crate::money::{Currency, Money};

/// Why an account, a journal or an entry is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("an account code is 1 to 12 digits, like 100 or 4160")]
    InvalidAccountCode,
    #[error("a journal code is 1 to 10 letters or digits, like SUB or BANK")]
    InvalidJournalCode,
    #[error("an entry needs lines")]
    NoLines,
    #[error("an entry needs at least two lines")]
    SingleLine,
    #[error("line {line} has an amount that is not more than zero")]
    NonPositiveAmount { line: usize },
    #[error("all lines of an entry must be in the same currency")]
    MixedCurrencies,
    #[error("debits ({debit}) and credits ({credit}) differ by {difference}")]
    Unbalanced {
        debit: Money,
        credit: Money,
        difference: Money,
    },
    #[error("the amounts are too large to add up")]
    Overflow,
}

/// An account number of the chart: 1 to 12 digits (`100`, `4160`, `512000`).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct AccountCode(String);

impl AccountCode {
    pub const MAX_LENGTH: usize = 12;

    pub fn parse(input: &str) -> Result<Self, LedgerError> {
        let code = input.trim();
        if code.is_empty()
            || code.len() > Self::MAX_LENGTH
            || !code.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(LedgerError::InvalidAccountCode);
        }
        Ok(Self(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The class: the first digit (1 = equity and long-term liabilities, 4 = receivables and
    /// payables, 5 = financial accounts, in both charts).
    pub fn class(&self) -> u32 {
        self.0
            .chars()
            .next()
            .and_then(|c| c.to_digit(10))
            .unwrap_or_default()
    }
}

impl fmt::Display for AccountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for AccountCode {
    type Err = LedgerError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for AccountCode {
    type Error = LedgerError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AccountCode> for String {
    fn from(code: AccountCode) -> Self {
        code.0
    }
}

/// A journal: 1 to 10 letters or digits, upper-case (`SUB` for subscriptions, `BANK`).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct JournalCode(String);

impl JournalCode {
    pub const MAX_LENGTH: usize = 10;

    pub fn parse(input: &str) -> Result<Self, LedgerError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty()
            || code.len() > Self::MAX_LENGTH
            || !code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(LedgerError::InvalidJournalCode);
        }
        Ok(Self(code))
    }

    /// The journal of capital calls.
    pub fn subscriptions() -> Self {
        Self("SUB".to_owned())
    }

    /// The journal of bank statements.
    pub fn bank() -> Self {
        Self("BANK".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JournalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for JournalCode {
    type Err = LedgerError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for JournalCode {
    type Error = LedgerError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<JournalCode> for String {
    fn from(code: JournalCode) -> Self {
        code.0
    }
}

keyword_enum! {
    /// The side of an entry line.
    pub enum Side("side") {
        Debit => "debit",
        Credit => "credit",
    }
}

impl Side {
    pub fn opposite(self) -> Side {
        match self {
            Side::Debit => Side::Credit,
            Side::Credit => Side::Debit,
        }
    }
}

/// One line of an entry. The amount is positive; the side says which way it goes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntryLine {
    pub account: AccountCode,
    pub side: Side,
    pub amount: Money,
    pub label: String,
}

impl EntryLine {
    pub fn debit(account: AccountCode, amount: Money, label: impl Into<String>) -> Self {
        Self {
            account,
            side: Side::Debit,
            amount,
            label: label.into(),
        }
    }

    pub fn credit(account: AccountCode, amount: Money, label: impl Into<String>) -> Self {
        Self {
            account,
            side: Side::Credit,
            amount,
            label: label.into(),
        }
    }

    /// The amount signed the accounting way: debits positive, credits negative.
    fn signed_minor(&self) -> i128 {
        let minor = i128::from(self.amount.minor());
        match self.side {
            Side::Debit => minor,
            Side::Credit => -minor,
        }
    }
}

/// A balanced journal entry. Built only by [`JournalEntry::new`]; never edited (a correction is
/// a [`JournalEntry::reversal`] plus a new entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    date: Date,
    journal: JournalCode,
    lines: Vec<EntryLine>,
}

impl JournalEntry {
    /// Checks that the lines make a balanced entry: at least two, all amounts positive, one
    /// currency, debits equal to credits.
    pub fn new(
        date: Date,
        journal: JournalCode,
        lines: Vec<EntryLine>,
    ) -> Result<Self, LedgerError> {
        let Some(first) = lines.first() else {
            return Err(LedgerError::NoLines);
        };
        if lines.len() < 2 {
            return Err(LedgerError::SingleLine);
        }
        let currency = first.amount.currency();
        if let Some(index) = lines.iter().position(|line| !line.amount.is_positive()) {
            return Err(LedgerError::NonPositiveAmount { line: index + 1 });
        }
        if lines.iter().any(|line| line.amount.currency() != currency) {
            return Err(LedgerError::MixedCurrencies);
        }
        let debit = side_total(&lines, Side::Debit, currency)?;
        let credit = side_total(&lines, Side::Credit, currency)?;
        if debit != credit {
            let difference = debit
                .checked_sub(credit)
                .map_err(|_| LedgerError::Overflow)?;
            return Err(LedgerError::Unbalanced {
                debit,
                credit,
                difference,
            });
        }
        Ok(Self {
            date,
            journal,
            lines,
        })
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn journal(&self) -> &JournalCode {
        &self.journal
    }

    pub fn lines(&self) -> &[EntryLine] {
        &self.lines
    }

    pub fn currency(&self) -> Currency {
        self.lines
            .first()
            .map_or(Currency::EUR, |line| line.amount.currency())
    }

    /// The total of one side; equal for both sides by construction.
    pub fn total(&self, side: Side) -> Money {
        // Cannot fail: `new` already added these same amounts.
        side_total(&self.lines, side, self.currency())
            .unwrap_or_else(|_| Money::zero(self.currency()))
    }

    /// The entry that cancels this one, dated `date`: same lines, sides swapped.
    pub fn reversal(&self, date: Date) -> JournalEntry {
        JournalEntry {
            date,
            journal: self.journal.clone(),
            lines: self
                .lines
                .iter()
                .map(|line| EntryLine {
                    side: line.side.opposite(),
                    ..line.clone()
                })
                .collect(),
        }
    }
}

fn side_total(lines: &[EntryLine], side: Side, currency: Currency) -> Result<Money, LedgerError> {
    Money::checked_sum(
        currency,
        lines
            .iter()
            .filter(|line| line.side == side)
            .map(|line| line.amount),
    )
    .map_err(|_| LedgerError::Overflow)
}

/// The balance of every account touched by `entries`, debit minus credit (a debit balance is
/// positive). All entries must be in one currency.
pub fn balances<'a, I>(entries: I) -> Result<BTreeMap<AccountCode, Money>, LedgerError>
where
    I: IntoIterator<Item = &'a JournalEntry>,
{
    let mut sums: BTreeMap<AccountCode, i128> = BTreeMap::new();
    let mut currency: Option<Currency> = None;
    for entry in entries {
        if *currency.get_or_insert(entry.currency()) != entry.currency() {
            return Err(LedgerError::MixedCurrencies);
        }
        for line in entry.lines() {
            *sums.entry(line.account.clone()).or_default() += line.signed_minor();
        }
    }
    let currency = currency.unwrap_or(Currency::EUR);
    sums.into_iter()
        .map(|(account, sum)| {
            let minor = i64::try_from(sum).map_err(|_| LedgerError::Overflow)?;
            Ok((account, Money::from_minor(minor, currency)))
        })
        .collect()
}

keyword_enum! {
    /// What an account is used for by Coopshares' own entries.
    pub enum AccountRole("account role") {
        /// Equity: the members' subscribed and called capital.
        SubscribedCapital => "subscribed_capital",
        /// What members owe on called capital (the capital call receivable).
        MemberReceivable => "member_receivable",
        /// The cooperative's bank account.
        Bank => "bank",
    }
}

/// An account of a default chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartAccount {
    pub code: AccountCode,
    pub role: AccountRole,
    pub name: &'static str,
}

/// The accounts Coopshares needs, for the countries whose chart it knows; empty otherwise (a
/// manager then sets the accounts up). The chart is a starting point and stays editable.
///
/// - Belgium (PCMN/MAR): 100 subscribed capital, 410 called capital unpaid, 550 bank. A
///   cooperative under the 2019 Companies Code may prefer 110 (contribution outside capital);
///   its accountant changes the account, not the code.
/// - France (PCG): 1013 subscribed capital called and paid, 4562 contributors – called capital
///   unpaid (the receivable a capital call creates), 512 bank.
pub fn default_chart(country: Country) -> Vec<ChartAccount> {
    let accounts: &[(&str, AccountRole, &'static str)] = match country {
        Country::BE => &[
            ("100", AccountRole::SubscribedCapital, "Subscribed capital"),
            (
                "410",
                AccountRole::MemberReceivable,
                "Called capital, unpaid",
            ),
            ("550", AccountRole::Bank, "Bank"),
        ],
        Country::FR => &[
            (
                "1013",
                AccountRole::SubscribedCapital,
                "Subscribed capital, called and paid",
            ),
            (
                "4562",
                AccountRole::MemberReceivable,
                "Contributors, called capital unpaid",
            ),
            ("512", AccountRole::Bank, "Bank"),
        ],
        _ => &[],
    };
    accounts
        .iter()
        .map(|(code, role, name)| ChartAccount {
            // The codes above are literals of digits, valid by construction (tested).
            code: AccountCode((*code).to_owned()),
            role: *role,
            name,
        })
        .collect()
}

/// The three accounts of the capital workflow, as a cooperative sets them up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChartOfAccounts {
    /// Equity: subscribed capital (credited when capital is called). Never an income account.
    pub subscribed_capital: AccountCode,
    /// What members owe on called capital (debited when capital is called).
    pub member_receivable: AccountCode,
    /// The cooperative's bank account (debited when a payment arrives).
    pub bank: AccountCode,
}

impl ChartOfAccounts {
    /// The accounts of [`default_chart`] for `country`; Belgium's for a country without a
    /// default chart (the accounts stay editable, so an accountant elsewhere sets their own).
    pub fn default_for(country: Country) -> Self {
        let mut chart = default_chart(country);
        if chart.is_empty() {
            chart = default_chart(Country::BE);
        }
        let code = |role: AccountRole, fallback: &str| {
            chart
                .iter()
                .find(|account| account.role == role)
                .map_or_else(|| AccountCode(fallback.to_owned()), |a| a.code.clone())
        };
        Self {
            subscribed_capital: code(AccountRole::SubscribedCapital, "100"),
            member_receivable: code(AccountRole::MemberReceivable, "410"),
            bank: code(AccountRole::Bank, "550"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_of_accounts_defaults_per_country_and_falls_back_to_belgium() {
        let be = ChartOfAccounts::default_for(Country::BE);
        assert_eq!(
            (
                be.subscribed_capital.as_str(),
                be.member_receivable.as_str(),
                be.bank.as_str()
            ),
            ("100", "410", "550")
        );
        let fr = ChartOfAccounts::default_for(Country::FR);
        assert_eq!(fr.subscribed_capital.as_str(), "1013");
        assert_eq!(fr.member_receivable.as_str(), "4562");
        assert_eq!(fr.bank.as_str(), "512");
        let elsewhere = Country::parse("NL").unwrap();
        assert_eq!(ChartOfAccounts::default_for(elsewhere), be);
    }
    use proptest::prelude::*;
    use time::macros::date;

    const DAY: Date = date!(2026 - 03 - 02);

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn account(code: &str) -> AccountCode {
        AccountCode::parse(code).unwrap()
    }

    fn capital_call_lines(minor: i64) -> Vec<EntryLine> {
        vec![
            EntryLine::debit(account("410"), eur(minor), "Capital call 2026/0001"),
            EntryLine::credit(account("100"), eur(minor), "Capital call 2026/0001"),
        ]
    }

    #[test]
    fn a_balanced_entry_is_accepted() {
        let entry = JournalEntry::new(
            DAY,
            JournalCode::subscriptions(),
            capital_call_lines(25_000),
        )
        .unwrap();
        assert_eq!(entry.total(Side::Debit), eur(25_000));
        assert_eq!(entry.total(Side::Credit), eur(25_000));
        assert_eq!(entry.date(), DAY);
        assert_eq!(entry.journal().as_str(), "SUB");
        assert_eq!(entry.lines().len(), 2);
    }

    #[test]
    fn an_entry_without_lines_is_refused() {
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), Vec::new()),
            Err(LedgerError::NoLines)
        );
    }

    #[test]
    fn an_entry_with_a_single_line_is_refused() {
        let mut lines = capital_call_lines(100);
        lines.pop();
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), lines),
            Err(LedgerError::SingleLine)
        );
    }

    #[test]
    fn zero_and_negative_amounts_are_refused() {
        let mut lines = capital_call_lines(100);
        lines.push(EntryLine::debit(account("550"), eur(0), "nothing"));
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), lines),
            Err(LedgerError::NonPositiveAmount { line: 3 })
        );
        let negative = vec![
            EntryLine::debit(account("410"), eur(-100), "x"),
            EntryLine::credit(account("100"), eur(-100), "x"),
        ];
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), negative),
            Err(LedgerError::NonPositiveAmount { line: 1 })
        );
    }

    #[test]
    fn mixed_currencies_are_refused() {
        let lines = vec![
            EntryLine::debit(account("410"), eur(100), "x"),
            EntryLine::credit(
                account("100"),
                Money::from_minor(100, Currency::parse("CHF").unwrap()),
                "x",
            ),
        ];
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), lines),
            Err(LedgerError::MixedCurrencies)
        );
    }

    #[test]
    fn an_unbalanced_entry_is_refused_with_the_difference() {
        let lines = vec![
            EntryLine::debit(account("550"), eur(25_000), "payment"),
            EntryLine::credit(account("410"), eur(24_990), "payment"),
        ];
        let error = JournalEntry::new(DAY, JournalCode::bank(), lines).unwrap_err();
        assert_eq!(
            error,
            LedgerError::Unbalanced {
                debit: eur(25_000),
                credit: eur(24_990),
                difference: eur(10)
            }
        );
        assert_eq!(
            error.to_string(),
            "debits (250.00) and credits (249.90) differ by 0.10"
        );
    }

    #[test]
    fn totals_that_overflow_are_refused() {
        let lines = vec![
            EntryLine::debit(account("550"), eur(i64::MAX), "x"),
            EntryLine::debit(account("550"), eur(1), "x"),
            EntryLine::credit(account("410"), eur(1), "x"),
        ];
        assert_eq!(
            JournalEntry::new(DAY, JournalCode::bank(), lines),
            Err(LedgerError::Overflow)
        );
    }

    #[test]
    fn a_reversal_swaps_every_side_and_keeps_the_amounts() {
        let entry =
            JournalEntry::new(DAY, JournalCode::subscriptions(), capital_call_lines(100)).unwrap();
        let reversal = entry.reversal(date!(2026 - 04 - 01));
        assert_eq!(reversal.date(), date!(2026 - 04 - 01));
        assert_eq!(reversal.lines()[0].side, Side::Credit);
        assert_eq!(reversal.lines()[0].account, account("410"));
        assert_eq!(reversal.lines()[1].side, Side::Debit);
        assert_eq!(reversal.total(Side::Debit), eur(100));
    }

    #[test]
    fn balances_follow_a_capital_call_and_its_payment() {
        let call = JournalEntry::new(
            DAY,
            JournalCode::subscriptions(),
            capital_call_lines(25_000),
        )
        .unwrap();
        let payment = JournalEntry::new(
            DAY,
            JournalCode::bank(),
            vec![
                EntryLine::debit(account("550"), eur(25_000), "payment"),
                EntryLine::credit(account("410"), eur(25_000), "payment"),
            ],
        )
        .unwrap();
        let balances = balances([&call, &payment]).unwrap();
        assert_eq!(balances[&account("100")], eur(-25_000));
        assert_eq!(balances[&account("410")], eur(0));
        assert_eq!(balances[&account("550")], eur(25_000));
    }

    #[test]
    fn account_codes_are_1_to_12_digits() {
        assert_eq!(account(" 4160 ").as_str(), "4160");
        assert_eq!(account("100").class(), 1);
        assert!(AccountCode::parse("123456789012").is_ok());
        for bad in ["", "1234567890123", "41a", "-100", "41 60"] {
            assert_eq!(
                AccountCode::parse(bad),
                Err(LedgerError::InvalidAccountCode),
                "{bad}"
            );
        }
    }

    #[test]
    fn journal_codes_are_short_upper_case_words() {
        assert_eq!(
            JournalCode::parse("sub").unwrap(),
            JournalCode::subscriptions()
        );
        assert_eq!(JournalCode::parse("BANK").unwrap(), JournalCode::bank());
        for bad in ["", "BANK-1", "ABCDEFGHIJK"] {
            assert_eq!(
                JournalCode::parse(bad),
                Err(LedgerError::InvalidJournalCode),
                "{bad}"
            );
        }
    }

    #[test]
    fn default_charts_put_capital_in_equity_and_cover_every_role() {
        for country in [Country::BE, Country::FR] {
            let chart = default_chart(country);
            for role in AccountRole::ALL {
                assert_eq!(
                    chart.iter().filter(|account| account.role == *role).count(),
                    1,
                    "{country} {role}"
                );
            }
            for entry in &chart {
                assert_eq!(
                    AccountCode::parse(entry.code.as_str()).as_ref(),
                    Ok(&entry.code)
                );
                let expected_class = match entry.role {
                    AccountRole::SubscribedCapital => 1,
                    AccountRole::MemberReceivable => 4,
                    AccountRole::Bank => 5,
                };
                assert_eq!(
                    entry.code.class(),
                    expected_class,
                    "{country} {}",
                    entry.code
                );
            }
        }
    }

    #[test]
    fn the_default_charts_use_the_expected_accounts() {
        let codes = |country| {
            default_chart(country)
                .into_iter()
                .map(|account| account.code.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(Country::BE), ["100", "410", "550"]);
        assert_eq!(codes(Country::FR), ["1013", "4562", "512"]);
        assert!(default_chart(Country::DE).is_empty());
    }

    /// Balanced lines: the debits as generated, the credits the same total split in two.
    fn balanced_lines() -> impl Strategy<Value = Vec<EntryLine>> {
        (
            prop::collection::vec((0usize..4, 1i64..1_000_000_000), 1..6),
            any::<prop::sample::Index>(),
            0usize..4,
            0usize..4,
        )
            .prop_map(|(debits, cut, first_credit, second_credit)| {
                let accounts = ["100", "410", "550", "4160"];
                let mut lines: Vec<EntryLine> = debits
                    .iter()
                    .map(|(a, minor)| EntryLine::debit(account(accounts[*a]), eur(*minor), "d"))
                    .collect();
                let cut = cut.index(debits.len() + 1);
                let first: i64 = debits[..cut].iter().map(|(_, m)| m).sum();
                let second: i64 = debits[cut..].iter().map(|(_, m)| m).sum();
                for (a, minor) in [(first_credit, first), (second_credit, second)] {
                    if minor > 0 {
                        lines.push(EntryLine::credit(account(accounts[a]), eur(minor), "c"));
                    }
                }
                lines
            })
    }

    proptest! {
        #[test]
        fn every_constructed_entry_balances(lines in balanced_lines()) {
            let debit: i64 = lines.iter().filter(|l| l.side == Side::Debit).map(|l| l.amount.minor()).sum();
            let entry = JournalEntry::new(DAY, JournalCode::bank(), lines).unwrap();
            prop_assert_eq!(entry.total(Side::Debit), eur(debit));
            prop_assert_eq!(entry.total(Side::Credit), eur(debit));
            let net: Money = balances([&entry]).unwrap().into_values()
                .try_fold(eur(0), Money::checked_add).unwrap();
            prop_assert_eq!(net, eur(0));
        }

        #[test]
        fn one_cent_off_is_always_refused(lines in balanced_lines()) {
            let mut lines = lines;
            lines[0].amount = lines[0].amount.checked_add(eur(1)).unwrap();
            let refused = JournalEntry::new(DAY, JournalCode::bank(), lines);
            prop_assert!(
                matches!(refused, Err(LedgerError::Unbalanced { difference, .. }) if difference == eur(1)),
                "{:?}", refused
            );
        }

        #[test]
        fn a_reversal_balances_and_cancels_the_original_per_account(lines in balanced_lines()) {
            let entry = JournalEntry::new(DAY, JournalCode::bank(), lines).unwrap();
            let reversal = entry.reversal(date!(2026 - 12 - 31));
            let rebuilt = JournalEntry::new(reversal.date(), reversal.journal().clone(), reversal.lines().to_vec());
            prop_assert_eq!(rebuilt.as_ref(), Ok(&reversal));
            prop_assert_eq!(reversal.total(Side::Debit), entry.total(Side::Credit));
            for (_, balance) in balances([&entry, &reversal]).unwrap() {
                prop_assert_eq!(balance, eur(0));
            }
        }
    }
}
