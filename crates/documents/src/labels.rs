//! The fixed wording of the documents in each language, and dates as each language writes them.
//!
//! Kept as a static table rather than templates: the layout decides where every word goes and
//! measures it, so wording is data the layout reads, not markup it renders.

use coopshares_domain::language::Language;

/// Every fixed text of the capital release request, in one language. Labels carry no trailing
/// colon: they are set in a column of their own, which also spares the French space before it.
#[derive(Debug)]
pub(crate) struct Labels {
    pub title: &'static str,
    pub number: &'static str,
    pub issue_date: &'static str,
    pub due_date: &'static str,
    pub company_number: &'static str,
    pub represented_by: &'static str,
    pub intro: &'static str,
    pub share_type: &'static str,
    pub quantity: &'static str,
    pub unit_value: &'static str,
    pub amount: &'static str,
    pub total: &'static str,
    pub payment: &'static str,
    pub beneficiary: &'static str,
    pub iban: &'static str,
    pub bic: &'static str,
    pub reference: &'static str,
    pub pay_by: &'static str,
    pub reference_notice: &'static str,
    pub scan_caption: &'static str,
}

const FR: Labels = Labels {
    title: "Demande de libération de capital",
    number: "N°",
    issue_date: "Date d'émission",
    due_date: "Date d'échéance",
    company_number: "N° d'entreprise",
    represented_by: "Représenté(e) par",
    intro: "Merci pour votre souscription. Pour la finaliser, veuillez verser le montant \
            ci-dessous au plus tard à la date d'échéance.",
    share_type: "Type de parts",
    quantity: "Nombre",
    unit_value: "Valeur unitaire",
    amount: "Montant",
    total: "Total",
    payment: "Paiement",
    beneficiary: "Bénéficiaire",
    iban: "IBAN",
    bic: "BIC",
    reference: "Communication structurée",
    pay_by: "À payer au plus tard le",
    reference_notice: "Utilisez exactement cette communication structurée : c'est grâce à \
                       elle que votre paiement est rattaché à votre souscription.",
    scan_caption: "Scannez avec votre application bancaire",
};

const NL: Labels = Labels {
    title: "Volstortingsverzoek",
    number: "Nr.",
    issue_date: "Uitgiftedatum",
    due_date: "Vervaldatum",
    company_number: "Ondernemingsnummer",
    represented_by: "Vertegenwoordigd door",
    intro: "Bedankt voor uw inschrijving. Om ze af te ronden, vragen we u het onderstaande \
            bedrag uiterlijk op de vervaldatum over te schrijven.",
    share_type: "Soort aandelen",
    quantity: "Aantal",
    unit_value: "Waarde per aandeel",
    amount: "Bedrag",
    total: "Totaal",
    payment: "Betaling",
    beneficiary: "Begunstigde",
    iban: "IBAN",
    bic: "BIC",
    reference: "Gestructureerde mededeling",
    pay_by: "Te betalen uiterlijk op",
    reference_notice: "Gebruik precies deze gestructureerde mededeling: zo kunnen we uw \
                       betaling aan uw inschrijving koppelen.",
    scan_caption: "Scan met uw bankapp",
};

const EN: Labels = Labels {
    title: "Capital release request",
    number: "No.",
    issue_date: "Date of issue",
    due_date: "Due date",
    company_number: "Company number",
    represented_by: "Represented by",
    intro: "Thank you for your subscription. To complete it, please transfer the amount below \
            by the due date.",
    share_type: "Share type",
    quantity: "Quantity",
    unit_value: "Unit value",
    amount: "Amount",
    total: "Total",
    payment: "Payment",
    beneficiary: "Beneficiary",
    iban: "IBAN",
    bic: "BIC",
    reference: "Structured reference",
    pay_by: "To be paid by",
    reference_notice: "Please use exactly this structured reference: it is how your payment \
                       is matched to your subscription.",
    scan_caption: "Scan with your banking app",
};

const DE: Labels = Labels {
    title: "Einzahlungsaufforderung",
    number: "Nr.",
    issue_date: "Ausstellungsdatum",
    due_date: "Fälligkeitsdatum",
    company_number: "Unternehmensnummer",
    represented_by: "Vertreten durch",
    intro: "Vielen Dank für Ihre Zeichnung. Um sie abzuschließen, überweisen Sie bitte den \
            folgenden Betrag bis zum Fälligkeitsdatum.",
    share_type: "Anteilsart",
    quantity: "Anzahl",
    unit_value: "Wert je Anteil",
    amount: "Betrag",
    total: "Gesamtbetrag",
    payment: "Zahlung",
    beneficiary: "Empfänger",
    iban: "IBAN",
    bic: "BIC",
    reference: "Strukturierte Mitteilung",
    pay_by: "Zahlbar bis",
    reference_notice: "Bitte verwenden Sie genau diese strukturierte Mitteilung: Nur so kann \
                       Ihre Zahlung Ihrer Zeichnung zugeordnet werden.",
    scan_caption: "Mit Ihrer Banking-App scannen",
};

/// The wording of `language`.
pub(crate) fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Fr => &FR,
        Language::Nl => &NL,
        Language::En => &EN,
        Language::De => &DE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_title() {
        let titles: Vec<&str> = Language::ALL
            .iter()
            .map(|&language| labels(language).title)
            .collect();
        for (i, title) in titles.iter().enumerate() {
            assert!(!title.is_empty());
            assert!(!titles[i + 1..].contains(title), "{title} appears twice");
        }
    }
}
