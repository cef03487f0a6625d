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

/// Every fixed text of the membership certificate, in one language. A `{…}` placeholder is
/// filled in when the certificate is drawn. The cooperative's own title and intro, when it set
/// them, replace `title` and `intro` (they come with the document, already filled in).
#[derive(Debug)]
pub(crate) struct CertificateLabels {
    pub title: &'static str,
    pub number: &'static str,
    pub company_number: &'static str,
    /// `{cooperative}` is the cooperative's name.
    pub intro: &'static str,
    pub holder: &'static str,
    pub member_number: &'static str,
    pub share_type: &'static str,
    pub quantity: &'static str,
    pub unit_value: &'static str,
    pub value: &'static str,
    pub since: &'static str,
    pub total: &'static str,
    /// The row that sums the share types past the last row drawn; `{count}` is how many.
    pub more_types: &'static str,
    /// Above the signature; `{date}` is the certificate's date.
    pub done_on: &'static str,
    /// Under the signature line when no signatory is named.
    pub for_the_board: &'static str,
}

const CERTIFICATE_FR: CertificateLabels = CertificateLabels {
    title: "Certificat de coopérateur",
    number: "N°",
    company_number: "N° d'entreprise",
    intro: "{cooperative} certifie que le titulaire mentionné ci-dessous est inscrit dans son \
            registre des coopérateurs pour les parts suivantes.",
    holder: "Titulaire",
    member_number: "N° de coopérateur",
    share_type: "Type de parts",
    quantity: "Nombre",
    unit_value: "Valeur unitaire",
    value: "Valeur",
    since: "Depuis le",
    total: "Total",
    more_types: "… et {count} autres types de parts",
    done_on: "Fait le {date}",
    for_the_board: "Pour le conseil d'administration",
};

const CERTIFICATE_NL: CertificateLabels = CertificateLabels {
    title: "Aandeelhoudersattest",
    number: "Nr.",
    company_number: "Ondernemingsnummer",
    intro: "{cooperative} verklaart dat de hieronder vermelde houder in haar register van \
            aandeelhouders is ingeschreven met de volgende aandelen.",
    holder: "Houder",
    member_number: "Coöperantnummer",
    share_type: "Soort aandelen",
    quantity: "Aantal",
    unit_value: "Waarde per aandeel",
    value: "Waarde",
    since: "Sinds",
    total: "Totaal",
    more_types: "… en {count} andere soorten aandelen",
    done_on: "Opgemaakt op {date}",
    for_the_board: "Voor de raad van bestuur",
};

const CERTIFICATE_EN: CertificateLabels = CertificateLabels {
    title: "Membership certificate",
    number: "No.",
    company_number: "Company number",
    intro: "{cooperative} certifies that the holder named below is entered in its register of \
            members with the following shares.",
    holder: "Holder",
    member_number: "Member no.",
    share_type: "Share type",
    quantity: "Quantity",
    unit_value: "Unit value",
    value: "Value",
    since: "Since",
    total: "Total",
    more_types: "… and {count} more share types",
    done_on: "Issued on {date}",
    for_the_board: "For the board",
};

const CERTIFICATE_DE: CertificateLabels = CertificateLabels {
    title: "Mitgliedschaftsbescheinigung",
    number: "Nr.",
    company_number: "Unternehmensnummer",
    intro: "{cooperative} bescheinigt, dass der unten genannte Inhaber mit den folgenden \
            Anteilen in ihr Mitgliederregister eingetragen ist.",
    holder: "Inhaber",
    member_number: "Mitgliedsnummer",
    share_type: "Anteilsart",
    quantity: "Anzahl",
    unit_value: "Wert je Anteil",
    value: "Wert",
    since: "Seit",
    total: "Insgesamt",
    more_types: "… und {count} weitere Anteilsarten",
    done_on: "Ausgestellt am {date}",
    for_the_board: "Für den Vorstand",
};

/// The certificate's wording in `language`.
pub(crate) fn certificate_labels(language: Language) -> &'static CertificateLabels {
    match language {
        Language::Fr => &CERTIFICATE_FR,
        Language::Nl => &CERTIFICATE_NL,
        Language::En => &CERTIFICATE_EN,
        Language::De => &CERTIFICATE_DE,
    }
}

/// Every fixed text of the member and share register, in one language. The same wording heads
/// the spreadsheet's columns and the printed register's.
#[derive(Debug)]
pub(crate) struct RegisterLabels {
    /// The worksheet's name (at most 31 characters, none of `[]:*?/\`).
    pub sheet: &'static str,
    /// Under the cooperative's name; `{date}` is the date the register is drawn up on.
    pub register_on: &'static str,
    /// Each printed page's number; `{page}` is the number.
    pub page: &'static str,
    pub member_number: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub person: &'static str,
    pub entity: &'static str,
    pub address: &'static str,
    pub enterprise_number: &'static str,
    pub entry_date: &'static str,
    pub exit_date: &'static str,
    pub total_shares: &'static str,
    pub paid: &'static str,
    pub currency: &'static str,
    pub transfers: &'static str,
    pub withdrawals: &'static str,
    pub paid_out: &'static str,
    pub total: &'static str,
    /// Before the other contact of a transfer received: `+5 A from #12`.
    pub from: &'static str,
    /// Before the other contact of a transfer given: `-5 A to #12`.
    pub to: &'static str,
}

const REGISTER_FR: RegisterLabels = RegisterLabels {
    sheet: "Registre",
    register_on: "Registre des coopérateurs au {date}",
    page: "Page {page}",
    member_number: "N° de coopérateur",
    name: "Nom",
    kind: "Nature",
    person: "Personne physique",
    entity: "Personne morale",
    address: "Domicile ou siège",
    enterprise_number: "N° d'entreprise",
    entry_date: "Date d'entrée",
    exit_date: "Date de sortie",
    total_shares: "Total des parts",
    paid: "Versements effectués",
    currency: "Devise",
    transfers: "Cessions",
    withdrawals: "Retraits",
    paid_out: "Montants remboursés",
    total: "Total",
    from: "de",
    to: "à",
};

const REGISTER_NL: RegisterLabels = RegisterLabels {
    sheet: "Register",
    register_on: "Register van de aandeelhouders op {date}",
    page: "Pagina {page}",
    member_number: "Coöperantnummer",
    name: "Naam",
    kind: "Soort",
    person: "Natuurlijke persoon",
    entity: "Rechtspersoon",
    address: "Woonplaats of zetel",
    enterprise_number: "Ondernemingsnummer",
    entry_date: "Datum van toetreding",
    exit_date: "Datum van uittreding",
    total_shares: "Totaal aandelen",
    paid: "Gedane stortingen",
    currency: "Munt",
    transfers: "Overdrachten",
    withdrawals: "Terugnemingen",
    paid_out: "Uitgekeerde bedragen",
    total: "Totaal",
    from: "van",
    to: "aan",
};

const REGISTER_EN: RegisterLabels = RegisterLabels {
    sheet: "Register",
    register_on: "Register of members on {date}",
    page: "Page {page}",
    member_number: "Member no.",
    name: "Name",
    kind: "Kind",
    person: "Natural person",
    entity: "Legal entity",
    address: "Address or registered office",
    enterprise_number: "Company number",
    entry_date: "Date of entry",
    exit_date: "Date of exit",
    total_shares: "Total shares",
    paid: "Payments made",
    currency: "Currency",
    transfers: "Transfers",
    withdrawals: "Withdrawals",
    paid_out: "Amount paid out",
    total: "Total",
    from: "from",
    to: "to",
};

const REGISTER_DE: RegisterLabels = RegisterLabels {
    sheet: "Register",
    register_on: "Mitgliederregister am {date}",
    page: "Seite {page}",
    member_number: "Mitgliedsnummer",
    name: "Name",
    kind: "Art",
    person: "Natürliche Person",
    entity: "Juristische Person",
    address: "Wohnsitz oder Sitz",
    enterprise_number: "Unternehmensnummer",
    entry_date: "Eintrittsdatum",
    exit_date: "Austrittsdatum",
    total_shares: "Anteile insgesamt",
    paid: "Geleistete Einzahlungen",
    currency: "Währung",
    transfers: "Übertragungen",
    withdrawals: "Rücknahmen",
    paid_out: "Ausgezahlte Beträge",
    total: "Insgesamt",
    from: "von",
    to: "an",
};

/// The register's wording in `language`.
pub(crate) fn register_labels(language: Language) -> &'static RegisterLabels {
    match language {
        Language::Fr => &REGISTER_FR,
        Language::Nl => &REGISTER_NL,
        Language::En => &REGISTER_EN,
        Language::De => &REGISTER_DE,
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

    #[test]
    fn every_certificate_wording_has_its_placeholders() {
        for language in Language::ALL {
            let labels = certificate_labels(language);
            assert!(labels.intro.contains("{cooperative}"), "{language}");
            assert!(labels.more_types.contains("{count}"), "{language}");
            assert!(labels.done_on.contains("{date}"), "{language}");
        }
    }

    #[test]
    fn every_register_wording_has_its_placeholders_and_a_valid_sheet_name() {
        for language in Language::ALL {
            let labels = register_labels(language);
            assert!(labels.register_on.contains("{date}"), "{language}");
            assert!(labels.page.contains("{page}"), "{language}");
            assert!(
                !labels.sheet.is_empty()
                    && labels.sheet.chars().count() <= 31
                    && !labels.sheet.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{language}: {}",
                labels.sheet
            );
        }
    }
}
