# Coopshares — deutsche Benutzeroberfläche.
# Schlüssel: siehe locales/en/main.ftl. Kein HTML in den Texten.

## Seitenrahmen
layout-skip-to-content = Zum Hauptinhalt springen
layout-menu = Menü
layout-nav-label = Hauptnavigation
layout-language-label = Sprache
layout-account = Konto: { $email }
layout-footer = Anteilsverwaltung mit Coopshares, freie Software.

## Navigation
nav-dashboard = Übersicht
nav-requests = Zeichnungsanträge
nav-outbox = Postausgang
nav-templates = E-Mail-Vorlagen
nav-settings = Einstellungen
nav-password = Passwort ändern
nav-portal = Meine Anteile
nav-login = Anmelden
nav-logout = Abmelden

## Formulare (allgemein)
form-required-note = Mit * markierte Felder sind Pflichtfelder.
form-required-mark = Pflichtfeld
form-password-hint = Mindestens 10 Zeichen. Einige zusammenhanglose Wörter sind leicht zu merken und schwer zu erraten.
form-error-prefix = Fehler:

## Fehler bei Feldern: `field-error-<code>`
field-error-required = Dieses Feld ist ein Pflichtfeld.
field-error-invalid = Dieser Wert ist ungültig. Prüfen Sie ihn und versuchen Sie es erneut.
field-error-invalid-email = Geben Sie eine E-Mail-Adresse ein, zum Beispiel name@beispiel.de.
field-error-passwords-differ = Die beiden Passwörter stimmen nicht überein.
field-error-password-too-short = Dieses Passwort ist zu kurz: Verwenden Sie mindestens 10 Zeichen.
field-error-password-too-long = Dieses Passwort ist zu lang: Verwenden Sie höchstens 200 Zeichen.
field-error-password-is-email = Das Passwort darf nicht Ihre E-Mail-Adresse sein.
field-error-wrong-password = Das aktuelle Passwort ist nicht korrekt.
field-error-template-error = Diese Vorlage enthält einen Fehler. Prüfen Sie die Platzhalter zwischen {"{{"} und {"}}"}.

## Meldungen nach einer Aktion: `flash-<Schlüssel>`
flash-welcome = Ihr Konto ist eingerichtet. Willkommen!
flash-logged-out = Sie sind abgemeldet.
flash-password-changed = Ihr Passwort wurde geändert.
flash-settings-saved = Die Einstellungen wurden gespeichert.
flash-template-saved = Die E-Mail-Vorlage wurde gespeichert.
flash-template-reset = Die E-Mail-Vorlage hat wieder ihren ursprünglichen Text.
flash-email-retried = Die E-Mail wird erneut gesendet.
flash-test-email-queued = Eine Test-E-Mail ist unterwegs.
flash-test-email-error = Die Test-E-Mail konnte nicht vorbereitet werden. Prüfen Sie die Adresse.

## Anmelden
auth-login-title = Anmelden
auth-login-intro = Melden Sie sich mit der E-Mail-Adresse und dem Passwort Ihres Kontos an.
auth-login-email = E-Mail-Adresse
auth-login-password = Passwort
auth-login-submit = Anmelden
auth-login-error-invalid = E-Mail-Adresse oder Passwort ist nicht korrekt.
auth-login-error-too-many = Zu viele Versuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.

## Erster Verwalter
auth-setup-title = Das erste Verwalterkonto anlegen
auth-setup-intro = Coopshares hat noch keinen Verwalter. Mit dem Konto, das Sie hier anlegen, verwalten Sie die Genossenschaft: Einstellungen, Zeichnungsanträge und Mitglieder. Diese Seite wird nur einmal benötigt.
auth-setup-email = E-Mail-Adresse
auth-setup-password = Passwort
auth-setup-password-confirm = Passwort bestätigen
auth-setup-submit = Konto anlegen

## Passwort ändern
auth-password-title = Passwort ändern
auth-password-current = Aktuelles Passwort
auth-password-new = Neues Passwort
auth-password-new-confirm = Neues Passwort bestätigen
auth-password-submit = Passwort ändern

## Verwaltung: Übersicht
admin-dashboard-title = Übersicht
admin-dashboard-welcome = Willkommen in der Verwaltung von { $name }.
admin-dashboard-next-steps = Nächste Schritte
admin-dashboard-nothing-to-do = Derzeit wartet nichts auf Sie.
admin-next-identity = Tragen Sie Namen und Anschrift der Genossenschaft ein.
admin-next-iban = Fügen Sie die Bankverbindung (IBAN) der Genossenschaft hinzu; sie wird für die Einzahlungsaufforderungen benötigt.
admin-next-failed-emails = Einige E-Mails konnten nicht gesendet werden. Prüfen Sie sie und senden Sie sie erneut.
admin-next-smtp = E-Mails werden noch nicht versendet, sondern als Dateien gespeichert. Bitten Sie die Person, die Coopshares installiert hat, den Versand einzurichten.

## Fehlerseiten
error-status = Fehler { $status }
error-home = Zurück zur Startseite
error-400-title = Ungültige Anfrage
error-400-message = Die Anfrage konnte nicht verstanden werden. Gehen Sie zurück und versuchen Sie es erneut.
error-403-title = Zugriff verweigert
error-403-message = Sie haben keinen Zugriff auf diese Seite. Wenn Sie das für einen Fehler halten, melden Sie sich mit einem anderen Konto an oder wenden Sie sich an einen Verwalter.
error-404-title = Seite nicht gefunden
error-404-message = Diese Seite existiert nicht oder wurde verschoben. Prüfen Sie die Adresse.
error-409-title = Gleichzeitig geändert
error-409-message = Jemand anderes hat diesen Eintrag gleichzeitig geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
error-429-title = Zu viele Anfragen
error-429-message = Warten Sie einige Minuten und versuchen Sie es dann erneut.
error-500-title = Etwas ist schiefgelaufen
error-500-message = Ein unerwarteter Fehler ist aufgetreten und wurde protokolliert. Versuchen Sie es später erneut; besteht das Problem weiter, wenden Sie sich an die Person, die diese Website betreibt.
error-csrf-title = Formular abgelaufen
error-csrf-message = Dieses Formular ist abgelaufen. Laden Sie die Seite neu und senden Sie es erneut ab.

## Verwaltung: Postausgang, E-Mail-Vorlagen, Einstellungen
admin-outbox-title = Postausgang
admin-outbox-intro = Jede E-Mail, die Coopshares versendet, wartet hier, bis sie zugestellt ist. Eine E-Mail, die nicht zugestellt werden konnte, kann erneut gesendet werden.
admin-outbox-files = E-Mails werden nicht versendet: Es ist kein Mailserver eingerichtet (COOPSHARES_SMTP_URL). Jede E-Mail wird daher als Datei im Datenordner gespeichert.
admin-outbox-filter-label = E-Mails anzeigen
admin-outbox-filter-all = Alle
admin-outbox-filter-pending = Wartend ({ $count })
admin-outbox-filter-sent = Gesendet ({ $count })
admin-outbox-filter-failed = Fehlgeschlagen ({ $count })
admin-outbox-created = Erstellt am
admin-outbox-to = An
admin-outbox-subject = Betreff
admin-outbox-state = Status
admin-outbox-attempts = Versuche
admin-outbox-newer = Neuere E-Mails
admin-outbox-older = Ältere E-Mails
admin-outbox-empty = Hier ist noch keine E-Mail.
admin-outbox-test-title = Eine Test-E-Mail senden
admin-outbox-test-intro = Prüfen Sie, ob E-Mails von Coopshares bei ihren Empfängern ankommen.
admin-outbox-test-to = Senden an
admin-outbox-test-submit = Test-E-Mail senden
outbox-state-pending = Wartend
outbox-state-sent = Gesendet
outbox-state-failed = Fehlgeschlagen
admin-email-back = Zurück zum Postausgang
admin-email-kind = Art der E-Mail
admin-email-sent-at = Gesendet am
admin-email-next-attempt = Nächster Versuch
admin-email-last-error = Letzter Fehler
admin-email-about = Betrifft
admin-email-message-id = Message-ID
admin-email-retry = Erneut senden
admin-email-text = Textversion
admin-email-html = HTML-Version (Quelltext)
email-kind-request_confirmation = Zeichnungsantrag eingegangen
email-kind-request_on_hold = Zeichnungsantrag zurückgestellt
email-kind-request_cancelled = Zeichnungsantrag storniert
email-kind-payment_instructions = Einzahlungsaufforderung und Zahlungshinweise
email-kind-invitation = Einladung in den Mitgliederbereich
email-kind-certificate = Mitgliedsbescheinigung
email-kind-password_reset = Neues Passwort
email-kind-email_change_confirmation = Bestätigung einer neuen E-Mail-Adresse
email-kind-test = Test-E-Mail
admin-templates-title = E-Mail-Vorlagen
admin-templates-intro = Dies sind die E-Mails, die Coopshares versendet. Sie können jede davon in jeder Sprache anpassen; solange Sie das nicht tun, wird der ursprüngliche Text verwendet.
admin-templates-email = E-Mail
admin-templates-custom = angepasst
admin-templates-shipped = ursprünglich
admin-template-back = Zurück zu den E-Mail-Vorlagen
admin-template-overridden = Diese Vorlage wurde für Ihre Genossenschaft angepasst.
admin-template-shipped = Dies ist die ursprüngliche Vorlage. Ändern und speichern Sie sie, um sie anzupassen.
admin-template-variables = Angaben, die Sie in den Text einfügen können (behalten Sie die doppelten geschweiften Klammern bei):
admin-template-problems = Die Vorlage konnte nicht verwendet werden:
admin-template-subject = Betreff
admin-template-text = Textversion
admin-template-html = HTML-Version
admin-template-preview = Vorschau
admin-template-save = Speichern
admin-template-reset = Zum ursprünglichen Text zurückkehren
admin-template-preview-title = Vorschau mit Beispielangaben
admin-settings-title = Einstellungen
admin-settings-intro = Die Angaben der Genossenschaft erscheinen auf Einzahlungsaufforderungen, Bescheinigungen und E-Mails.
admin-settings-conflict = Jemand anderes hat die Einstellungen geändert, während Sie sie bearbeitet haben. Laden Sie die Seite neu, um diese Änderungen zu sehen, und nehmen Sie Ihre Änderungen dann erneut vor.
admin-settings-identity = Die Genossenschaft
admin-settings-name = Name
admin-settings-street = Straße und Hausnummer
admin-settings-postal-code = Postleitzahl
admin-settings-city = Ort
admin-settings-country = Land
admin-settings-country-hint = Zwei Buchstaben: BE für Belgien, FR für Frankreich, NL, LU, DE…
admin-settings-registration-number = Unternehmensnummer
admin-settings-bank = Bankverbindung
admin-settings-iban = IBAN
admin-settings-bic = BIC
admin-settings-payments = Zahlungen
admin-settings-currency = Währung
admin-settings-reference-scheme = Zahlungsreferenz
admin-settings-scheme-ogm = Belgische strukturierte Mitteilung (+++123/4567/89012+++)
admin-settings-scheme-rf = Internationale Gläubigerreferenz (RF…)
admin-settings-due-days = Zahlungsfrist (in Tagen)
admin-settings-accounting-mode = Buchhaltung
admin-settings-accounting-integrated = In Coopshares geführt: Kontoauszüge werden hier importiert
admin-settings-accounting-external = Anderswo geführt: Zahlungen werden von Hand erfasst
admin-settings-members = Mitglieder
admin-settings-default-language = Standardsprache
admin-settings-create-accounts = Bei Annahme eines Antrags ein Konto für das neue Mitglied anlegen und eine Einladung senden
admin-settings-save = Einstellungen speichern
language-fr = Français
language-nl = Nederlands
language-en = English
language-de = Deutsch

## Public subscription form
subscribe-title = Genossenschaftsanteile zeichnen
subscribe-intro = Werden Sie Mitglied der Genossenschaft, indem Sie einen oder mehrere Genossenschaftsanteile zeichnen. Füllen Sie dieses Formular aus: Sie erhalten eine E-Mail, die Ihren Zeichnungsantrag bestätigt, und nach seiner Annahme die Zahlungshinweise.
subscribe-closed = Anteile können noch nicht gezeichnet werden. Schauen Sie später wieder vorbei oder wenden Sie sich an die Genossenschaft.
subscribe-errors-title =
    { $count ->
        [one] Das Formular enthält einen Fehler. Korrigieren Sie ihn und senden Sie das Formular erneut.
       *[other] Das Formular enthält { $count } Fehler. Korrigieren Sie sie und senden Sie das Formular erneut.
    }
subscribe-error-item = { $field }: { $error }
subscribe-kind-label = Ich zeichne
subscribe-kind-person = In eigenem Namen
subscribe-kind-entity = Für ein Unternehmen oder eine Organisation
subscribe-honeypot = Dieses Feld leer lassen
subscribe-you = Ihre Angaben
subscribe-first-name = Vorname
subscribe-last-name = Nachname
subscribe-birth-date = Geburtsdatum
subscribe-birth-date-hint = Um in eigenem Namen zu zeichnen, müssen Sie mindestens { $age } Jahre alt sein.
subscribe-email = E-Mail-Adresse
subscribe-email-confirmation = E-Mail-Adresse (Bestätigung)
subscribe-email-confirmation-hint = Geben Sie sie ein zweites Mal ein, damit sich kein Tippfehler einschleicht.
subscribe-phone = Telefon
subscribe-national-id = Nationalregisternummer
subscribe-national-id-hint = Freiwillig. Die 11 Ziffern auf der Rückseite des belgischen Personalausweises, zum Beispiel 85.07.30-033.28.
subscribe-language = Sprache
subscribe-language-hint = Die Sprache unserer E-Mails und Dokumente.
subscribe-address = Ihre Adresse
subscribe-street = Straße und Hausnummer
subscribe-postal-code = Postleitzahl
subscribe-city = Ort
subscribe-country = Land
subscribe-iban = Bankkonto (IBAN)
subscribe-iban-hint = Das Konto, auf das Dividenden und die Rückzahlung Ihrer Anteile überwiesen werden, zum Beispiel BE71 0961 2345 6769.
subscribe-entity = Das Unternehmen oder die Organisation
subscribe-entity-name = Name
subscribe-legal-form = Rechtsform
subscribe-legal-form-hint = Zum Beispiel GmbH, AG, eG, e. V. oder in Belgien SRL, SA, SC, ASBL.
subscribe-registration-number = Unternehmensnummer
subscribe-registration-number-hint = In Belgien die Nummer in der Zentralen Datenbank der Unternehmen (0123.456.789); in Frankreich die SIREN-Nummer.
subscribe-entity-email = E-Mail-Adresse des Unternehmens oder der Organisation
subscribe-entity-iban-hint = Das Konto des Unternehmens oder der Organisation, auf das Dividenden und Rückzahlungen überwiesen werden.
subscribe-representative = Gesetzlicher Vertreter
subscribe-representative-intro = Die Person, die für das Unternehmen oder die Organisation unterschreibt (meist Sie selbst).
subscribe-function = Funktion
subscribe-function-hint = Zum Beispiel Geschäftsführerin, Vorstand, Vorsitzender.
subscribe-representative-email-hint = Die persönliche E-Mail-Adresse der vertretenden Person: Eine Kopie der Bestätigung wird dorthin gesendet.
subscribe-same-address = Die vertretende Person hat dieselbe Adresse wie das Unternehmen oder die Organisation
subscribe-shares = Ihre Anteile
subscribe-share-type = Anteilsart
subscribe-share-price = { $amount } { $currency } je Anteil
subscribe-share-limits = { $min } bis { $max } Anteile
subscribe-share-minimum =
    mindestens { $min } { $min ->
        [one] Anteil
       *[other] Anteile
    }
subscribe-quantity = Anzahl der Anteile
subscribe-total = Gesamtbetrag:
subscribe-total-hint = Anzahl der Anteile × Wert eines Anteils. Der zu zahlende Betrag wird Ihnen in der E-Mail bestätigt, die Sie erhalten.
subscribe-consents = Ihre Zustimmung
subscribe-submit = Zeichnungsantrag absenden
subscribe-thanks-title = Vielen Dank für Ihren Zeichnungsantrag
subscribe-thanks-received = Ihr Zeichnungsantrag ist bei uns eingegangen.
subscribe-thanks-email = Eine Bestätigungs-E-Mail ist unterwegs. Falls sie nicht innerhalb weniger Minuten ankommt, sehen Sie bitte in Ihrem Spam-Ordner nach.
subscribe-thanks-next = Die Genossenschaft prüft nun Ihren Antrag. Nach seiner Annahme erhalten Sie per E-Mail die Einzahlungsaufforderung mit den Zahlungshinweisen.
consent-data_policy = Ich habe gelesen, wie die Genossenschaft meine personenbezogenen Daten verarbeitet (Datenschutzerklärung), und bin damit einverstanden.
consent-statutes = Ich habe die Satzung und die Geschäftsordnung der Genossenschaft gelesen und erkenne sie an.
consent-financial_risk = Mir ist bewusst, dass die Zeichnung von Genossenschaftsanteilen eine Geldanlage mit Risiko ist: Ich kann das eingesetzte Geld ganz oder teilweise verlieren, und Anteile werden nur zu den Bedingungen der Satzung zurückgezahlt.
consent-internal_rules = Ich habe die Geschäftsordnung der Genossenschaft gelesen und erkenne sie an.
consent-newsletter = Ich möchte die Neuigkeiten der Genossenschaft per E-Mail erhalten.
country-be = Belgien
country-fr = Frankreich
country-lu = Luxemburg
country-nl = Niederlande
country-de = Deutschland
country-at = Österreich
country-ch = Schweiz
country-es = Spanien
country-ie = Irland
country-it = Italien
country-pt = Portugal
country-gb = Vereinigtes Königreich
field-error-too-young = Sie sind noch nicht alt genug, um in eigenem Namen zu zeichnen.
field-error-emails-differ = Die beiden E-Mail-Adressen stimmen nicht überein.
field-error-not-for-holder = Diese Anteilsart wird Ihnen nicht angeboten. Wählen Sie eine andere.
field-error-out-of-range = Diese Anzahl von Anteilen liegt außerhalb der Grenzen dieser Anteilsart. Prüfen Sie Mindest- und Höchstzahl.
field-error-above-holder-maximum = Zusammen mit den Anteilen, die Sie bereits halten oder beantragt haben, übersteigt diese Anzahl die Höchstzahl, die ein Mitglied von dieser Anteilsart halten darf. Beantragen Sie weniger Anteile.
field-error-consent-required = Ohne Ihre Zustimmung ist keine Zeichnung möglich.

## Back office: subscription requests, share types, contacts

nav-contacts = Kontakte
nav-share-types = Anteilsarten
admin-requests-title = Zeichnungsanträge
admin-requests-search = Name oder E-Mail-Adresse
admin-requests-state = Status
admin-requests-channel = Eingegangen über
admin-requests-share-type = Anteilsart
admin-requests-from = Von
admin-requests-to = Bis
admin-requests-any = Alle
admin-requests-filter = Filtern
admin-requests-count = { $count ->
    [one] Ein Antrag
   *[other] { $count } Anträge
}
admin-requests-number = Nr.
admin-requests-date = Datum
admin-requests-holder = Inhaber
admin-requests-quantity = Anteile
admin-requests-amount = Betrag
admin-requests-previous = Vorherige Seite
admin-requests-next = Nächste Seite
admin-requests-page = Seite { $page } von { $pages }
admin-requests-empty = Kein passender Zeichnungsantrag gefunden.
admin-requests-new = Neuer Zeichnungsantrag
request-state-submitted = Eingegangen
request-state-validated = Angenommen
request-state-paid = Bezahlt
request-state-cancelled = Storniert
request-state-on_hold = Zurückgestellt
request-channel-online_form = Online-Formular
request-channel-back_office = Verwaltung
request-channel-contact = Kontaktseite
request-channel-api = API
membership-none = Kein Mitglied
membership-candidate = Angehendes Mitglied
membership-cooperator = Mitglied
membership-former = Ehemaliges Mitglied
admin-request-title = Zeichnungsantrag { $id }
admin-request-back = Zurück zu den Zeichnungsanträgen
admin-request-conflict = Jemand anderes hat diesen Antrag inzwischen geändert. Hier sehen Sie den aktuellen Stand; entscheiden Sie bei Bedarf erneut.
admin-request-hold-reason = Grund für die Zurückstellung
admin-request-cancel-reason = Grund für die Stornierung
admin-request-language = Sprache
admin-request-holder = Inhaber
admin-request-representative = Unterzeichnet von der vertretenden Person
admin-request-submitted = Angaben wie eingereicht
admin-request-submitted-intro = Genau das, was die antragstellende Person gesendet hat, unverändert als Nachweis aufbewahrt.
admin-request-decide = Entscheiden
admin-request-hold = Zurückstellen
admin-request-release = Zurückstellung aufheben
admin-request-cancel = Antrag stornieren
admin-share-types-title = Anteilsarten
admin-share-types-intro = Die Arten von Genossenschaftsanteilen, die die Genossenschaft ausgibt. Eine bereits gezeichnete Anteilsart kann geschlossen, aber nie gelöscht werden, und ihr Preis kann sich nicht mehr ändern.
admin-share-types-new = Neue Anteilsart
admin-share-types-back = Zurück zu den Anteilsarten
admin-share-types-holders = Wer sie halten darf
admin-share-types-limits = Anteile je Inhaber
admin-share-types-status = Status
admin-share-types-persons = Personen
admin-share-types-entities = Unternehmen und Organisationen
admin-share-types-retired = geschlossen
admin-share-types-on-form = im öffentlichen Formular
admin-share-types-not-on-form = nur in der Verwaltung
admin-share-types-empty = Noch keine Anteilsart vorhanden. Legen Sie eine an, damit Anteile gezeichnet werden können.
admin-share-type-code = Code
admin-share-type-code-hint = Kurz und dauerhaft, zum Beispiel A oder B. Er kann später nicht mehr geändert werden.
admin-share-type-name = Name
admin-share-type-nominal-value = Nennwert
admin-share-type-for-persons = Natürliche Personen dürfen diese Anteile halten
admin-share-type-for-entities = Unternehmen und Organisationen dürfen diese Anteile halten
admin-share-type-min = Mindestzahl je Inhaber
admin-share-type-max = Höchstzahl je Inhaber
admin-share-type-max-hint = Leer lassen, wenn es keine Höchstzahl gibt.
admin-share-type-on-form = Im öffentlichen Formular anbieten
admin-share-type-retired = Geschlossen: keine neuen Zeichnungen
admin-share-type-save = Anteilsart speichern
admin-share-type-subscribed = Anteile dieser Art wurden bereits gezeichnet: Der Nennwert kann nicht mehr geändert werden.
admin-contacts-title = Kontakte
admin-contacts-empty = Kein passender Kontakt gefunden.
admin-contacts-back = Zurück zu den Kontakten
admin-contact-name = Name
admin-contact-email = E-Mail-Adresse
admin-contact-membership = Mitgliedschaft
admin-contact-entity = Organisation
admin-contact-subscribe = Anteile zeichnen
admin-contact-member-number = Mitgliedsnummer
admin-contact-address = Adresse
admin-contact-legal-form = Rechtsform
admin-contact-registration-number = Unternehmensnummer
admin-contact-birth-date = Geburtsdatum
admin-contact-phone = Telefon
admin-contact-represents = Vertritt
admin-contact-representatives = Vertretende Personen
admin-contact-since = seit { $date }
admin-contact-until = bis { $date }
admin-contact-no-links = Keine.
flash-request-on-hold = Der Antrag ist zurückgestellt.
flash-request-released = Die Zurückstellung des Antrags ist aufgehoben.
flash-request-cancelled = Der Antrag ist storniert.
flash-share-type-saved = Die Anteilsart wurde gespeichert.
flash-request-recorded = Der Zeichnungsantrag wurde erfasst.
admin-request-new-intro = Erfassen Sie einen Zeichnungsantrag, den Sie auf Papier oder per E-Mail erhalten haben. Es gelten dieselben Regeln wie im öffentlichen Formular.
admin-settings-iban-required = Antragsteller müssen ein Bankkonto (IBAN) angeben
admin-settings-collect-national-id = Personen nach ihrer belgischen Nationalregisternummer fragen (für sie freiwillig; wer sie angibt, wird daran erkannt, auch mit einer anderen E-Mail-Adresse)
admin-settings-minimum-age = Mindestalter für die Zeichnung
admin-settings-minimum-age-hint = In Jahren, für Personen, die in eigenem Namen zeichnen. Leer lassen für kein Mindestalter.
admin-settings-notify-hold-cancel = Den Antragsteller per E-Mail benachrichtigen, wenn ein Antrag zurückgestellt oder storniert wird

## Annahme und Einzahlungsaufforderungen (Schritt 2)
admin-requests-select = Auswählen
admin-requests-select-one = Antrag { $id } auswählen
admin-requests-validate-selected = Ausgewählte Anträge annehmen
admin-request-validate = Antrag annehmen
admin-request-validate-intro = Mit der Annahme wird die Einzahlungsaufforderung erstellt, der Inhaber wird angehendes Mitglied und erhält die Zahlungshinweise mit dem PDF per E-Mail.
admin-request-already-validated = Dieser Antrag wurde inzwischen angenommen (vielleicht von jemand anderem). Hier sehen Sie den aktuellen Stand.
admin-request-cooperative-not-ready = Für die Zahlungshinweise werden der Name und die IBAN der Genossenschaft benötigt. Tragen Sie diese zuerst in den Einstellungen ein.
admin-request-open-settings = Einstellungen öffnen
admin-request-call-has-payments = Zu dieser Einzahlungsaufforderung sind Zahlungen erfasst. Machen Sie diese rückgängig, bevor Sie stornieren.
admin-request-cancel-call-too = Mit dem Antrag wird auch die offene Einzahlungsaufforderung storniert und ihre Buchung durch eine Gegenbuchung rückgängig gemacht.
admin-validation-title = Annahme der ausgewählten Anträge
admin-validation-summary = { $validated ->
    [one] Ein Antrag angenommen
   *[other] { $validated } Anträge angenommen
}, { $failed ->
    [0] keiner abgelehnt.
    [one] einer nicht angenommen (siehe unten).
   *[other] { $failed } nicht angenommen (siehe unten).
}
admin-validation-result = Ergebnis
admin-validation-call = Einzahlungsaufforderung
admin-validation-none = Es wurde kein Antrag ausgewählt. Markieren Sie in der Liste die Anträge, die Sie annehmen möchten.
admin-validation-done = Angenommen
admin-validation-not-submitted = Nicht angenommen: Der Antrag wartet nicht auf Annahme
admin-validation-not-found = Nicht gefunden
admin-call-title = Einzahlungsaufforderung { $number }
admin-call-open = Einzahlungsaufforderung öffnen
admin-call-due = fällig am { $date }
admin-call-back = Zurück zum Zeichnungsantrag
admin-call-paid = Bisher gezahlt
admin-call-due-amount = Noch offen
admin-call-reference = Zahlungsreferenz
admin-call-issued = Ausgestellt am
admin-call-due-date = Fälligkeitsdatum
admin-call-pdf = PDF herunterladen
admin-call-entries = Buchungen
admin-call-entry-kind = Buchung
admin-call-account = Konto
admin-call-debit = Soll
admin-call-credit = Haben
admin-call-cancel = Einzahlungsaufforderung stornieren
admin-call-cancel-intro = Der zugehörige Zeichnungsantrag wird ebenfalls storniert, die Buchung durch eine Gegenbuchung rückgängig gemacht und die antragstellende Person benachrichtigt.
admin-call-reason-required = Geben Sie einen Grund für die Stornierung an.
call-state-open = Offen
call-state-paid = Bezahlt
call-state-cancelled = Storniert
entry-kind-capital_call = Kapital eingefordert
entry-kind-capital_call_cancellation = Kapitaleinforderung storniert
entry-kind-payment = Zahlung
entry-kind-payment_reversal = Zahlung rückgängig gemacht
admin-contact-requests = Zeichnungsanträge
admin-contact-no-requests = Kein Zeichnungsantrag im Namen dieses Kontakts.
admin-contact-calls = Einzahlungsaufforderungen
admin-contact-no-calls = Noch keine Einzahlungsaufforderung.
flash-request-validated = Der Antrag ist angenommen. Die Zahlungshinweise sind unterwegs.
flash-capital-call-cancelled = Die Einzahlungsaufforderung und der zugehörige Zeichnungsantrag sind storniert.
flash-invitation-accepted = Ihr Passwort ist gespeichert. Sie können sich jetzt mit Ihrer E-Mail-Adresse anmelden.
auth-invitation-title = Wählen Sie Ihr Passwort
auth-invitation-intro = Ihr Mitgliederkonto lautet { $email }. Wählen Sie ein Passwort, um sich anzumelden.
auth-invitation-submit = Passwort speichern
auth-invitation-spent-title = Dieser Link funktioniert nicht mehr
auth-invitation-spent-body = Die Einladung wurde bereits verwendet oder ist abgelaufen. Wenn Sie Ihr Passwort schon festgelegt haben, melden Sie sich an; andernfalls bitten Sie die Genossenschaft um eine neue Einladung.
auth-invitation-spent-login = Anmelden
admin-settings-chart = Kontenrahmen
admin-settings-chart-intro = Die Konten, auf die Coopshares bucht. Standardmäßig die des Standardkontenrahmens Ihres Landes.
admin-settings-chart-capital = Gezeichnetes Kapital (Eigenkapital)
admin-settings-chart-receivable = Eingeforderte, noch nicht eingezahlte Einlagen der Mitglieder
admin-settings-chart-bank = Bank
field-error-not-equity = Kapital ist Eigenkapital: Verwenden Sie ein Konto der Klasse 1, niemals ein Ertragskonto.
field-error-accounts-not-distinct = Die drei Konten müssen sich unterscheiden.

## Kontoauszüge und Zahlungen (Schritt 3)
nav-bank-statements = Kontoauszüge
admin-dashboard-banking = Bank und Zahlungen
admin-dashboard-to-reconcile = { $count ->
    [0] Keine Auszugszeile wartet auf eine Zuordnung.
    [one] Eine Auszugszeile wartet auf eine Zuordnung.
   *[other] { $count } Auszugszeilen warten auf eine Zuordnung.
}
admin-dashboard-overpayments = { $count ->
    [0] Keine Überzahlung gemeldet.
    [one] Eine Überzahlung gemeldet: bitte prüfen.
   *[other] { $count } Überzahlungen gemeldet: bitte prüfen.
}
admin-statements-title = Kontoauszüge
admin-statements-intro = Importieren Sie die Auszüge des Genossenschaftskontos: Zahlungen mit ihrer Mitteilung werden sofort zugeordnet.
admin-statements-waiting = { $count ->
    [one] Eine Zeile wartet auf Sie. Öffnen Sie ihren Auszug, um sie zuzuordnen.
   *[other] { $count } Zeilen warten auf Sie. Öffnen Sie ihre Auszüge, um sie zuzuordnen.
}
admin-statements-upload = Einen Auszug importieren
admin-statements-file = Auszugsdatei
admin-statements-file-hint = camt.053 (XML), CODA oder CSV, wie Ihre Bank sie exportiert; höchstens { $size } MB. Dieselbe Datei zweimal wird nur einmal importiert.
admin-statements-account = Bankkonto (CSV-Dateien)
admin-statements-account-hint = Mehrere CSV-Formate sind gespeichert: Wählen Sie das Konto, von dem diese Datei stammt.
admin-statements-account-none = Keine CSV-Datei
admin-statements-uploading = Datei wird gesendet…
admin-statements-import = Importieren
admin-statements-imports = Importe
admin-statements-date = Importiert am
admin-statements-filename = Datei
admin-statements-format = Format
admin-statements-lines = Zeilen
admin-statements-matched = Zugeordnet
admin-statements-unmatched = Zuzuordnen
admin-statements-ignored = Beiseitegelegt
admin-statements-no-filename = (ohne Namen)
admin-statements-empty = Noch kein Auszug importiert.
admin-statements-overpayments = Überzahlungen
admin-statements-overpayments-intro = Diese Zahlungen waren höher als der geschuldete Betrag. Erstatten Sie die Differenz oder vereinbaren Sie mit dem Mitglied, was damit geschieht.
admin-statements-no-overpayments = Keine Überzahlung.
admin-statements-error-network = Die Datei konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
admin-statements-error-too-large = Diese Datei ist zu groß für einen Kontoauszug.
admin-statements-error-upload = Die Datei konnte nicht empfangen werden. Versuchen Sie es erneut.
admin-statements-error-no-file = Wählen Sie eine Auszugsdatei.
admin-statements-error-unbalanced = Die Datei wurde abgelehnt: Ihre Salden gehen nicht auf, vielleicht fehlt eine Buchung. Nichts wurde importiert. Exportieren Sie den Auszug erneut bei Ihrer Bank.
admin-statements-error-malformed = Die Datei wurde abgelehnt: Sie ist kein Auszug, den Coopshares lesen kann. Nichts wurde importiert. Das Problem:
statement-format-camt053 = camt.053
statement-format-coda = CODA
statement-format-csv = CSV
statement-format-manual = Von Hand erfasst
admin-statement-title = Auszug { $name }
admin-statement-back = Zurück zu den Kontoauszügen
admin-statement-error-line = Zur Zeile
admin-statement-waiting = { $count ->
    [one] Eine Zeile wartet auf Sie: Bestätigen Sie einen Vorschlag, verteilen Sie die Zeile auf mehrere Aufforderungen oder legen Sie sie beiseite.
   *[other] { $count } Zeilen warten auf Sie: Bestätigen Sie für jede einen Vorschlag, verteilen Sie sie auf mehrere Aufforderungen oder legen Sie sie beiseite.
}
admin-statement-done = Alle Zeilen dieses Auszugs sind zugeordnet oder beiseitegelegt. Hier wartet nichts mehr auf Sie.
admin-statement-certificates-owed = { $count ->
    [one] Die Bescheinigung eines neuen Mitglieds wird erstellt; sie wird per E-Mail verschickt, sobald sie fertig ist. Sie müssen nichts tun.
   *[other] Die Bescheinigungen von { $count } Mitgliedern werden erstellt, einige pro Sekunde; jede wird per E-Mail verschickt, sobald sie fertig ist. Sie müssen nichts tun.
}
admin-statement-value-date = Wertstellung
admin-statement-amount = Betrag
admin-statement-counterparty = Von / an
admin-statement-communication = Mitteilung
admin-statement-state = Status
admin-statement-act = Zuordnen
admin-statement-no-lines = Diese Datei brachte keine neue Buchung (alle waren schon importiert).
admin-statement-to-reconcile = Zuzuordnende Zeilen
admin-statement-suggestions-intro = Einzahlungsaufforderungen, für die diese Zahlung sein könnte, die wahrscheinlichste zuerst. Nichts wird zugeordnet, bevor Sie bestätigen.
admin-statement-due = { $amount } offen
admin-statement-clues = Weil:
admin-statement-confirm = Bestätigen
admin-statement-no-suggestion = Keine offene Einzahlungsaufforderung passt zu dieser Zahlung.
admin-statement-split = Die Zeile auf mehrere Aufforderungen verteilen
admin-statement-split-intro = Wählen Sie die Aufforderungen und den Betrag jeder; die Beträge müssen zusammen die Zeile ergeben.
admin-statement-split-call = Aufforderung { $n }
admin-statement-split-amount = Betrag { $n }
admin-statement-split-submit = Diese Anteile zuordnen
admin-statement-ignore-note = Notiz (optional)
admin-statement-ignore = Kein Kapital
line-state-unmatched = Zuzuordnen
line-state-matched = Zugeordnet
line-state-ignored = Beiseitegelegt
admin-line-note-debit = Ausgehende Zahlung
admin-line-note-reversal = Rückbuchung
clue-same_amount = gleicher Betrag
clue-known_account = bekanntes Konto
clue-similar_name = ähnlicher Name
clue-reference_typo = Mitteilung mit Tippfehler
admin-bank-conflict-not-a-payment = Diese Zeile ist eine ausgehende Zahlung oder eine Rückbuchung: Sie kann keine Einzahlungsaufforderung begleichen.
admin-bank-conflict-line-not-unmatched = Diese Zeile ist schon zugeordnet oder beiseitegelegt (vielleicht von jemand anderem). Die Seite zeigt sie, wie sie jetzt ist.
admin-bank-conflict-call-not-open = Diese Einzahlungsaufforderung ist nicht mehr offen: Sie nimmt keine Zahlungen mehr an.
admin-bank-conflict-call-changed = Diese Einzahlungsaufforderung wurde inzwischen geändert. Versuchen Sie es erneut.
admin-bank-conflict-payment-admitted = Diese Zahlung hat die Aufforderung beglichen: Das Mitglied ist aufgenommen und die Anteile sind ausgegeben, sie kann also nicht mehr rückgängig gemacht werden.
admin-bank-conflict-payment-undone = Diese Zahlung wurde schon rückgängig gemacht.
admin-payments-title = Zahlungen
admin-payments-date = Datum
admin-payments-source = Herkunft
admin-payments-actions = Aktionen
admin-payments-from-statement = Kontoauszug
admin-payments-by-hand = Von Hand erfasst
admin-payments-active = Gebucht
admin-payments-undone = Rückgängig gemacht
admin-payments-excess = { $amount } zu viel
admin-payments-undo = Rückgängig machen
admin-payments-none = Noch keine Zahlung eingegangen.
admin-payments-register = Eine Zahlung erfassen
admin-payments-register-intro = Für einen eingegangenen Betrag, den kein importierter Auszug zeigt (Buchhaltung anderswo geführt).
admin-payments-amount = Eingegangener Betrag
admin-payments-amount-hint = Zum Beispiel 250.00
admin-payments-note = Notiz
admin-payments-register-submit = Die Zahlung erfassen
admin-contact-holdings = Gehaltene Anteile
admin-contact-holding-value = Wert
admin-contact-holding-since = Seit
admin-contact-no-holdings = Noch keine Anteile.
field-error-invalid-amount = Geben Sie einen Betrag wie 250.00 ein, mit nicht mehr Dezimalstellen, als die Währung hat.
field-error-amount-not-positive = Der Betrag muss größer als null sein.
field-error-split-does-not-add-up = Die Beträge ergeben zusammen nicht die Zeile.
field-error-currency-mismatch = Die Zeile und die Aufforderung sind nicht in derselben Währung.
field-error-date-in-future = Das Datum darf nicht nach heute liegen.
field-error-invalid-date = Geben Sie ein Datum wie 2026-03-31 ein.
field-error-too-long = Dieser Text ist zu lang.
flash-statement-imported = Der Auszug ist importiert.
flash-statement-already-imported = Diese Datei war schon importiert: Hier ist sie, nichts wurde hinzugefügt.
flash-line-matched = Die Zeile ist zugeordnet.
flash-line-ignored = Die Zeile ist beiseitegelegt.
flash-payment-undone = Die Zahlung ist rückgängig gemacht.
flash-payment-registered = Die Zahlung ist erfasst.
flash-payment-registered-admitted = Die Zahlung ist erfasst. Die Aufforderung ist vollständig bezahlt: Der Inhaber ist Genossenschaftsmitglied.
admin-csv-mappings = CSV-Exporte
admin-csv-mappings-intro = Der CSV-Export einer Bank kann erst gelesen werden, wenn Sie für das Konto, von dem er stammt, angegeben haben, welche Spalte was enthält.
admin-csv-account = Bankkonto (IBAN)
admin-csv-account-hint = Das Konto, von dem diese Exporte stammen, zum Beispiel BE71 0961 2345 6769.
admin-csv-columns = Spalten
admin-csv-actions = Aktionen
admin-csv-edit = Bearbeiten
admin-csv-forget = Vergessen
admin-csv-none = Noch kein CSV-Aufbau gespeichert.
admin-csv-add = Eine CSV-Zuordnung hinzufügen
admin-csv-new = Eine CSV-Zuordnung hinzufügen
admin-csv-edit-title = CSV-Zuordnung
admin-csv-back = Zurück zu den Kontoauszügen
admin-csv-intro = Sagen Sie Coopshares, wie die CSV-Exporte dieses Bankkontos zu lesen sind.
admin-csv-error-mapping = Dieser Aufbau kann nicht verwendet werden. Das Problem:
admin-csv-format = Wie die Datei geschrieben ist
admin-csv-delimiter = Feldtrennzeichen
admin-csv-delimiter-semicolon = Semikolon (;)
admin-csv-delimiter-comma = Komma (,)
admin-csv-delimiter-tab = Tabulator
admin-csv-decimal-separator = Dezimaltrennzeichen
admin-csv-decimal-comma = Komma (1234,56)
admin-csv-decimal-point = Punkt (1234.56)
admin-csv-thousands-separator = Tausendertrennzeichen
admin-csv-thousands-none = Keines (1234,56)
admin-csv-thousands-point = Punkt (1.234,56)
admin-csv-thousands-space = Leerzeichen (1 234,56)
admin-csv-thousands-apostrophe = Apostroph (1'234.56)
admin-csv-date-format = Datumsformat
admin-csv-currency = Währung
admin-csv-columns-hint = Geben Sie die Spaltentitel genau so ein, wie sie in der ersten Zeile des Exports Ihrer Bank stehen.
admin-csv-booking-date = Buchungsdatum
admin-csv-amount-form = Beträge
admin-csv-amount-signed = Eine Spalte, negativ für ausgezahltes Geld
admin-csv-amount-credit-debit = Eine Haben- und eine Soll-Spalte
admin-csv-amount = Betrag
admin-csv-amount-hint = Nur bei einer einzigen Spalte.
admin-csv-credit-amount = Haben (erhaltenes Geld)
admin-csv-debit-amount = Soll (ausgezahltes Geld)
admin-csv-credit-debit-hint = Nur bei einer Haben- und einer Soll-Spalte.
admin-csv-optional = Weitere Spalten (freiwillig)
admin-csv-value-date = Valutadatum
admin-csv-counterparty-name = Name der Gegenpartei
admin-csv-counterparty-account = Konto der Gegenpartei
admin-csv-communication = Verwendungszweck
admin-csv-structured-reference = Strukturierte Referenz
admin-csv-bank-reference = Bankreferenz
admin-csv-save = Die Zuordnung speichern
field-error-invalid-iban = Geben Sie eine IBAN wie BE71 0961 2345 6769 ein.
field-error-invalid-currency = Geben Sie einen Währungscode aus drei Buchstaben ein, etwa EUR.
flash-csv-mapping-saved = Die CSV-Zuordnung ist gespeichert.
flash-csv-mapping-forgotten = Die CSV-Zuordnung ist vergessen.
admin-request-update-contact-title = Der Kontakt weicht von den eingereichten Angaben ab
admin-request-update-contact-intro = Der Antrag behält, was eingereicht wurde. Aktualisieren Sie den Kontakt nur, wenn diese Angaben jetzt die richtigen sind.
admin-request-update-contact-now = Beim Kontakt
admin-request-update-contact-submitted = Eingereicht
admin-request-update-contact = Kontakt mit den eingereichten Angaben aktualisieren
admin-request-contact-changed = Der Kontakt wurde inzwischen geändert. Hier ist der Antrag erneut; prüfen Sie die Unterschiede, bevor Sie aktualisieren.
flash-contact-updated = Der Kontakt wurde mit den eingereichten Angaben aktualisiert.
