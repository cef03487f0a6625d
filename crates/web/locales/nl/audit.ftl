# The audit log: who did what, when, to which record.

nav-register = Register
nav-audit = Auditlogboek

admin-audit-title = Auditlogboek
admin-audit-intro = Elke wijziging in Coopshares, door wie en wanneer, de nieuwste eerst. Regels worden alleen toegevoegd: geen enkele kan worden gewijzigd of verwijderd.
admin-audit-action = Handeling
admin-audit-any = Alle
admin-audit-who = Wie
admin-audit-actor-hint = Het e-mailadres van een account, of operator, system, user:12, token:3.
admin-audit-record-type = Soort fiche
admin-audit-record-type-hint = Bijvoorbeeld contact, subscription_request, capital_call, bank_statement.
admin-audit-record-id = Fichenummer
admin-audit-from = Van
admin-audit-to = Tot en met
admin-audit-filter = Filteren
admin-audit-count = { $count ->
    [one] Eén regel
   *[other] { $count } regels
}
admin-audit-when = Wanneer (UTC)
admin-audit-record = Fiche
admin-audit-details = Details
admin-audit-previous = Vorige
admin-audit-next = Volgende
admin-audit-page = Pagina { $page } van { $pages }
admin-audit-empty = Geen enkele regel van het auditlogboek komt overeen.

audit-actor-operator = Serverbeheerder (opdrachtregel)
audit-actor-system = Coopshares (automatisch)
audit-actor-token = API-token ‘{ $name }’
audit-actor-deleted-user = Account { $id } (bestaat niet meer)
audit-actor-deleted-token = API-token { $id } (bestaat niet meer)

audit-record-contact = Contact
audit-record-subscription-request = Inschrijvingsaanvraag
audit-record-capital-call = Volstortingsverzoek
audit-record-bank-statement = Rekeninguittreksel
audit-record-statement-line = Uittrekselregel
audit-record-share-type = Soort aandeel
audit-record-settings = Instellingen
audit-record-user-account = Account
audit-record-api-token = API-token
audit-record-email = E-mail
audit-record-email-template = E-mailsjabloon

audit-action-logged-in = Aangemeld
audit-action-password-changed = Wachtwoord gewijzigd
audit-action-password-reset-requested = Nieuw wachtwoord aangevraagd
audit-action-password-reset = Wachtwoord opnieuw ingesteld
audit-action-invitation-accepted = Uitnodiging aanvaard
audit-action-manager-created = Beheerdersaccount aangemaakt
audit-action-member-account-created = Account van coöperant aangemaakt
audit-action-user-account-linked = Account aan een persoon gekoppeld
audit-action-email-change-requested = Wijziging van aanmeldingsadres aangevraagd
audit-action-email-changed = Aanmeldingsadres gewijzigd
audit-action-api-token-created = API-token aangemaakt
audit-action-api-token-revoked = API-token ingetrokken
audit-action-settings-changed = Instellingen gewijzigd
audit-action-csv-mapping-saved = CSV-formaat van een bankrekening opgeslagen
audit-action-certificate-design-saved = Opmaak van het attest opgeslagen
audit-action-certificate-picture-saved = Afbeelding van het attest opgeslagen
audit-action-certificate-picture-removed = Afbeelding van het attest verwijderd
audit-action-share-type-created = Soort aandeel aangemaakt
audit-action-share-type-changed = Soort aandeel gewijzigd
audit-action-subscription-request-submitted = Inschrijvingsaanvraag ontvangen
audit-action-subscription-request-put-on-hold = Inschrijvingsaanvraag in de wacht gezet
audit-action-subscription-request-released = Inschrijvingsaanvraag uit de wacht gehaald
audit-action-subscription-request-cancelled = Inschrijvingsaanvraag geannuleerd
audit-action-subscription-request-validated = Inschrijvingsaanvraag goedgekeurd
audit-action-capital-call-created = Volstortingsverzoek uitgegeven
audit-action-capital-call-cancelled = Volstortingsverzoek geannuleerd
audit-action-membership-changed = Lidmaatschap gewijzigd
audit-action-member-admitted = Coöperant toegelaten
audit-action-payment-recorded = Betaling geregistreerd
audit-action-payment-undone = Betaling ongedaan gemaakt
audit-action-bank-statement-imported = Rekeninguittreksel ingelezen
audit-action-statement-line-typed = Uittrekselregel ingevoerd
audit-action-statement-line-ignored = Uittrekselregel genegeerd
audit-action-certificate-issued = Aandeelhoudersattest uitgereikt
audit-action-certificate-resent = Aandeelhoudersattest opnieuw verstuurd
audit-action-contact-change-proposed = Wijziging van persoonsgegevens voorgesteld
audit-action-contact-change-approved = Wijziging van persoonsgegevens goedgekeurd
audit-action-contact-change-rejected = Wijziging van persoonsgegevens geweigerd
audit-action-representation-ended = Vertegenwoordiging beëindigd
audit-action-test-email-queued = Test-e-mail in de wachtrij gezet
audit-action-email-retried = E-mail opnieuw verstuurd
audit-action-email-template-saved = E-mailsjabloon opgeslagen
audit-action-email-template-reset = E-mailsjabloon hersteld
