# Member portal: login help, holders, capital release requests, certificates, personal data.

## Anmeldung: Passwort vergessen, neue E-Mail-Adresse
auth-login-forgot = Passwort vergessen?
auth-reset-request-title = Ein neues Passwort wählen
auth-reset-request-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Gibt es ein Konto mit dieser Adresse, senden wir ihr einen Link, um ein neues Passwort zu wählen; der Link funktioniert einmal, eine Stunde lang.
auth-reset-request-submit = Link senden
auth-reset-back-to-login = Zurück zur Anmeldung
auth-reset-title = Ein neues Passwort wählen
auth-reset-submit = Neues Passwort speichern
auth-reset-spent-title = Dieser Link funktioniert nicht mehr
auth-reset-spent-message = Er wurde schon benutzt oder ist abgelaufen. Fordern Sie einen neuen an – das dauert nur eine Minute.
auth-reset-spent-again = Neuen Link anfordern
auth-email-confirmation-title = Bestätigen Sie Ihre neue E-Mail-Adresse
auth-email-confirmation-intro = Bestätigen Sie, dass diese Adresse Ihnen gehört: Künftig melden Sie sich damit an und erhalten dort unsere E-Mails.
auth-email-confirmation-submit = Adresse bestätigen
auth-email-confirmation-done = Erledigt: Ihr Konto verwendet jetzt { $email }. Melden Sie sich künftig mit dieser Adresse an.
auth-email-confirmation-to-portal = Zu meinen Anteilen
auth-email-confirmation-taken = Ein anderes Konto verwendet diese Adresse bereits; sie kann daher nicht auch Ihre sein. Bitten Sie die Genossenschaft um Hilfe.
auth-email-confirmation-spent = Dieser Link wurde schon benutzt oder ist abgelaufen. Fordern Sie auf der Seite Ihrer persönlichen Daten einen neuen an.
flash-password-reset-sent = Wenn es ein Konto mit dieser Adresse gibt, ist ein Link für ein neues Passwort unterwegs. Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach.
flash-password-reset-done = Ihr neues Passwort ist gespeichert. Melden Sie sich damit an.
flash-change-proposed = Danke. Die Genossenschaft prüft die Änderung und übernimmt sie dann; Sie sehen sie hier, sobald sie genehmigt ist.
flash-email-change-sent = Wir haben einen Bestätigungslink an die neue Adresse geschickt. Öffnen Sie ihn, um die Änderung abzuschließen.
field-error-nothing-changed = Es hat sich nichts geändert: Ändern Sie zuerst den Namen oder die Adresse.
field-error-same-email = Das ist bereits die Adresse Ihres Kontos.

## Das Portal
portal-switcher-title = Wessen Anteile möchten Sie sehen?
portal-switcher-self = auf Ihren eigenen Namen
portal-switcher-represented = Sie vertreten sie als { $role }
portal-member-number = Mitgliedsnummer { $number }
portal-member-since = Mitglied seit { $date }
portal-profile-link = Persönliche Daten und Adresse
portal-to-pay-title = Noch zu zahlen
portal-call-title = Einzahlungsaufforderung { $number }
portal-call-due = zahlbar bis { $date }
portal-holdings-title = Gehaltene Anteile
portal-holdings-share-type = Anteilsart
portal-holdings-quantity = Anzahl der Anteile
portal-holdings-value = Wert
portal-holdings-since = Gehalten seit
portal-holdings-total = Gesamt
portal-holdings-none = Noch keine Anteile. Sie werden in die Mitgliederliste eingetragen, sobald die Einzahlungsaufforderung bezahlt ist.
portal-calls-title = Einzahlungsaufforderungen
portal-calls-none = Keine Einzahlungsaufforderung.
portal-certificates-title = Bescheinigungen
portal-certificate-link = Bescheinigung Nr. { $number } vom { $date } (PDF)
portal-certificate-shares = { $count ->
    [one] 1 Anteil
   *[other] { $count } Anteile
}
portal-certificate-latest = neueste
portal-certificates-none = Noch keine Bescheinigung: Sie erhalten eine, sobald Ihre Anteile eingetragen sind.
portal-changes-pending = { $count ->
    [one] Eine Änderung Ihrer persönlichen Daten wartet auf die Genehmigung der Genossenschaft.
   *[other] { $count } Änderungen Ihrer persönlichen Daten warten auf die Genehmigung der Genossenschaft.
}
portal-back = Zurück zu { $name }
portal-call-state = Status
portal-call-amount = Betrag
portal-call-paid = Bereits eingegangen
portal-call-remaining = Noch zu zahlen
portal-call-issued = Ausgestellt am
portal-call-due-date = Fälligkeitsdatum
portal-pay-title = So zahlen Sie
portal-pay-intro = Überweisen Sie den folgenden Betrag auf das Konto der Genossenschaft oder scannen Sie den QR-Code mit Ihrer Banking-App: Alles wird für Sie ausgefüllt.
portal-pay-amount = Betrag
portal-pay-beneficiary = Empfänger
portal-pay-reference = Strukturierte Mitteilung
portal-pay-reference-notice = Bitte verwenden Sie genau diese strukturierte Mitteilung: Nur so kann Ihre Zahlung Ihrer Zeichnung zugeordnet werden.
portal-pay-qr-caption = Mit Ihrer Banking-App scannen
portal-call-pdf = Aufforderung herunterladen (PDF)
portal-profile-title = Persönliche Daten
portal-profile-name = Name
portal-profile-email = E-Mail
portal-profile-address = Adresse
portal-profile-pending-title = Wartet auf Genehmigung
portal-profile-pending-item = Beantragt am { $date }
portal-profile-change-title = Name oder Adresse ändern
portal-profile-change-intro = Die Mitgliederliste muss stimmen: Die Genossenschaft prüft jede Änderung, bevor sie übernommen wird.
portal-profile-first-name = Vorname
portal-profile-last-name = Nachname
portal-profile-entity-name = Name des Unternehmens oder der Organisation
portal-profile-street = Straße und Hausnummer
portal-profile-postal-code = Postleitzahl
portal-profile-city = Ort
portal-profile-country = Land
portal-profile-country-hint = Zwei Buchstaben, zum Beispiel BE, NL, FR oder DE.
portal-profile-change-submit = Änderung senden
portal-email-title = E-Mail-Adresse Ihres Kontos
portal-email-intro = Sie melden sich mit { $email } an. Um eine andere Adresse zu verwenden, geben Sie sie unten ein: Wir senden dorthin einen Link, um zu bestätigen, dass sie Ihnen gehört.
portal-email-new = Neue E-Mail-Adresse
portal-email-submit = Bestätigungslink senden
