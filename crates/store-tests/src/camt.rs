//! Writing camt.053.001.02 statements for tests and benchmarks: one statement of one account,
//! booked entries with the balances computed so that they add up.

use std::fmt::Write;

/// One booked entry.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Signed, in cents: money received is positive.
    pub cents: i64,
    /// `YYYY-MM-DD`, booking and value date.
    pub date: String,
    pub structured_reference: Option<String>,
    pub free_text: String,
    pub name: String,
    pub iban: Option<String>,
    /// The bank's reference; entries without one are identified by their content.
    pub bank_reference: Option<String>,
    pub reversal: bool,
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A camt.053.001.02 file of one statement on `account`, opening at `opening_cents`, whose
/// closing balance is `closing_cents` (pass `None` to have it computed from the entries).
pub fn statement(
    account: &str,
    opening_cents: i64,
    closing_cents: Option<i64>,
    entries: &[Entry],
) -> String {
    let closing = closing_cents
        .unwrap_or_else(|| opening_cents + entries.iter().map(|e| e.cents).sum::<i64>());
    let balance = |code: &str, cents: i64| {
        format!(
            "<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt>\
             <CdtDbtInd>{}</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>",
            money(cents),
            if cents < 0 { "DBIT" } else { "CRDT" }
        )
    };
    let mut xml = String::with_capacity(512 + entries.len() * 700);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\
         <BkToCstmrStmt><GrpHdr><MsgId>TEST</MsgId><CreDtTm>2026-03-02T06:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>S1</Id>",
    );
    let _ = write!(
        xml,
        "<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy></Acct>{}{}",
        balance("OPBD", opening_cents),
        balance("CLBD", closing)
    );
    for entry in entries {
        let credit = entry.cents > 0;
        let party = if credit { "Dbtr" } else { "Cdtr" };
        let _ = write!(
            xml,
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{reversal}<Sts>BOOK</Sts>\
             <BookgDt><Dt>{date}</Dt></BookgDt><ValDt><Dt>{date}</Dt></ValDt>{bank_ref}\
             <NtryDtls><TxDtls><RltdPties><{party}><Nm>{name}</Nm></{party}>{account}</RltdPties>\
             <RmtInf>{ustrd}{strd}</RmtInf></TxDtls></NtryDtls></Ntry>",
            amount = money(entry.cents),
            indicator = if credit { "CRDT" } else { "DBIT" },
            reversal = if entry.reversal { "<RvslInd>true</RvslInd>" } else { "" },
            date = entry.date,
            bank_ref = entry
                .bank_reference
                .as_ref()
                .map(|r| format!("<AcctSvcrRef>{}</AcctSvcrRef>", escape(r)))
                .unwrap_or_default(),
            name = escape(&entry.name),
            account = entry
                .iban
                .as_ref()
                .map(|iban| format!("<{party}Acct><Id><IBAN>{iban}</IBAN></Id></{party}Acct>"))
                .unwrap_or_default(),
            ustrd = if entry.free_text.is_empty() {
                String::new()
            } else {
                format!("<Ustrd>{}</Ustrd>", escape(&entry.free_text))
            },
            strd = entry
                .structured_reference
                .as_ref()
                .map(|r| format!(
                    "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>\
                     <Ref>{}</Ref></CdtrRefInf></Strd>",
                    escape(r)
                ))
                .unwrap_or_default(),
        );
    }
    xml.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    xml
}
