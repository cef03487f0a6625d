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
