# The audit log: who did what, when, to which record.

nav-register = Register
nav-audit = Prüfprotokoll

admin-audit-title = Prüfprotokoll
admin-audit-intro = Jede Änderung in Coopshares, von wem und wann, die neueste zuerst. Zeilen werden nur hinzugefügt: keine kann geändert oder gelöscht werden.
admin-audit-action = Vorgang
admin-audit-any = Alle
admin-audit-who = Wer
admin-audit-actor-hint = Die E-Mail-Adresse eines Kontos, oder operator, system, user:12, token:3.
admin-audit-record-type = Art des Datensatzes
admin-audit-record-type-hint = Zum Beispiel contact, subscription_request, capital_call, bank_statement.
admin-audit-record-id = Nummer des Datensatzes
admin-audit-from = Von
admin-audit-to = Bis
admin-audit-filter = Filtern
admin-audit-count = { $count ->
    [one] Eine Zeile
   *[other] { $count } Zeilen
}
admin-audit-when = Wann (UTC)
admin-audit-record = Datensatz
admin-audit-details = Einzelheiten
admin-audit-previous = Zurück
admin-audit-next = Weiter
admin-audit-page = Seite { $page } von { $pages }
admin-audit-empty = Keine Zeile des Prüfprotokolls passt.

audit-actor-operator = Serverbetreiber (Befehlszeile)
audit-actor-system = Coopshares (automatisch)
audit-actor-token = API-Token „{ $name }“
audit-actor-deleted-user = Konto { $id } (existiert nicht mehr)
audit-actor-deleted-token = API-Token { $id } (existiert nicht mehr)

audit-record-contact = Kontakt
audit-record-subscription-request = Zeichnungsantrag
audit-record-capital-call = Einzahlungsaufforderung
audit-record-bank-statement = Kontoauszug
audit-record-statement-line = Kontoauszugszeile
audit-record-share-type = Anteilsart
audit-record-settings = Einstellungen
audit-record-user-account = Konto
audit-record-api-token = API-Token
audit-record-email = E-Mail
audit-record-email-template = E-Mail-Vorlage

audit-action-logged-in = Angemeldet
audit-action-password-changed = Passwort geändert
audit-action-password-reset-requested = Neues Passwort angefordert
audit-action-password-reset = Passwort neu gesetzt
audit-action-invitation-accepted = Einladung angenommen
audit-action-manager-created = Verwalterkonto angelegt
audit-action-member-account-created = Mitgliedskonto angelegt
audit-action-user-account-linked = Konto mit einer Person verknüpft
audit-action-email-change-requested = Änderung der Anmelde-E-Mail angefordert
audit-action-email-changed = Anmelde-E-Mail geändert
audit-action-api-token-created = API-Token angelegt
audit-action-api-token-revoked = API-Token widerrufen
audit-action-settings-changed = Einstellungen geändert
audit-action-csv-mapping-saved = CSV-Format eines Bankkontos gespeichert
audit-action-certificate-design-saved = Gestaltung der Bescheinigung gespeichert
audit-action-certificate-picture-saved = Bild der Bescheinigung gespeichert
audit-action-certificate-picture-removed = Bild der Bescheinigung entfernt
audit-action-share-type-created = Anteilsart angelegt
audit-action-share-type-changed = Anteilsart geändert
audit-action-subscription-request-submitted = Zeichnungsantrag eingegangen
audit-action-subscription-request-put-on-hold = Zeichnungsantrag zurückgestellt
audit-action-subscription-request-released = Zeichnungsantrag wieder aufgenommen
audit-action-subscription-request-cancelled = Zeichnungsantrag storniert
audit-action-subscription-request-validated = Zeichnungsantrag angenommen
audit-action-capital-call-created = Einzahlungsaufforderung ausgestellt
audit-action-capital-call-cancelled = Einzahlungsaufforderung storniert
audit-action-membership-changed = Mitgliedschaft geändert
audit-action-member-admitted = Mitglied aufgenommen
audit-action-payment-recorded = Zahlung erfasst
audit-action-payment-undone = Zahlung rückgängig gemacht
audit-action-bank-statement-imported = Kontoauszug eingelesen
audit-action-statement-line-typed = Kontoauszugszeile eingegeben
audit-action-statement-line-ignored = Kontoauszugszeile ignoriert
audit-action-certificate-issued = Mitgliedschaftsbescheinigung ausgestellt
audit-action-certificate-resent = Mitgliedschaftsbescheinigung erneut gesendet
audit-action-contact-change-proposed = Änderung persönlicher Daten vorgeschlagen
audit-action-contact-change-approved = Änderung persönlicher Daten genehmigt
audit-action-contact-change-rejected = Änderung persönlicher Daten abgelehnt
audit-action-representation-ended = Vertretung beendet
audit-action-test-email-queued = Test-E-Mail eingereiht
audit-action-email-retried = E-Mail erneut gesendet
audit-action-email-template-saved = E-Mail-Vorlage gespeichert
audit-action-email-template-reset = E-Mail-Vorlage zurückgesetzt
