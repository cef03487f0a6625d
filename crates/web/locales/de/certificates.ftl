# Back office: the certificate (design, pictures, issued certificates), representations and
# changes of personal data proposed by members.

## Certificate settings (/admin/settings/certificate)
admin-settings-certificate-link = Mitgliedschaftsbescheinigung: Gestaltung, Logo und Unterschrift
admin-certificate-title = Mitgliedschaftsbescheinigung
admin-certificate-back = Zurück zu den Einstellungen
admin-certificate-intro = Wie die Bescheinigungen aussehen und wer sie unterschreibt. Eine bereits ausgestellte Bescheinigung behält ihr Aussehen; die nächsten verwenden, was Sie hier speichern.
admin-certificate-cannot-draw = Mit dieser Gestaltung lässt sich keine Bescheinigung erstellen. Kürzen Sie die Texte oder wählen Sie andere Bilder und speichern Sie erneut.
admin-certificate-preview = Vorschau
admin-certificate-preview-intro = Eine Musterbescheinigung mit der gespeicherten Gestaltung und den gespeicherten Bildern (speichern Sie Ihre Änderungen zuerst).
admin-certificate-preview-in = Vorschau (PDF): { $language }
admin-certificate-signatory = Unterzeichner
admin-certificate-signatory-intro = Das Vorstandsmitglied, das die Bescheinigungen unterschreibt. Ohne Namen hat die Bescheinigung keine Unterschrift.
admin-certificate-signatory-name = Name
admin-certificate-signatory-function = Funktion
admin-certificate-look = Seite und Farbe
admin-certificate-orientation = Ausrichtung
admin-certificate-orientation-portrait = Hochformat
admin-certificate-orientation-landscape = Querformat
admin-certificate-accent = Farbe des Titels und der Linien
admin-certificate-accent-hint = Ein # gefolgt von sechs Hexadezimalziffern, z. B. #1f4e79. Leer lassen für das vorgegebene Dunkelblau.
admin-certificate-texts-in = Texte: { $language }
admin-certificate-texts-hint = Lassen Sie einen Text leer, um die vorgegebene Formulierung zu behalten. Erlaubte Platzhalter: { $placeholders }.
admin-certificate-text-title = Titel
admin-certificate-text-intro = Satz über den Anteilen
admin-certificate-text-closing = Absatz unter den Anteilen
admin-certificate-save = Gestaltung speichern
admin-certificate-pictures = Logo und Unterschrift
admin-certificate-pictures-intro = Ein PNG- oder JPEG-Bild von höchstens { $size } MB.
admin-certificate-picture-logo = Logo
admin-certificate-picture-signature = Unterschrift
admin-certificate-picture-set = Gespeichert am { $date }.
admin-certificate-picture-none = Noch keines.
admin-certificate-picture-remove = Entfernen
admin-certificate-picture-file = Bilddatei
admin-certificate-picture-upload = Hochladen
admin-certificate-upload-failed = Die Datei konnte nicht empfangen werden. Versuchen Sie es erneut.
flash-certificate-design-saved = Die Gestaltung der Bescheinigung ist gespeichert. Die nächsten Bescheinigungen verwenden sie.
flash-certificate-picture-saved = Das Bild ist gespeichert.
flash-certificate-picture-removed = Das Bild ist entfernt.
field-error-invalid-colour = Schreiben Sie die Farbe als # gefolgt von sechs Hexadezimalziffern, z. B. #1f4e79.
field-error-unknown-placeholder = Dieser Text verwendet einen Platzhalter, den es nicht gibt. Verwenden Sie nur die oben genannten Platzhalter, in geschweiften Klammern.
field-error-not-an-image = Wählen Sie ein PNG- oder JPEG-Bild.
field-error-file-too-large = Diese Datei ist zu groß.
field-error-unreadable-image = Dieses Bild kann nicht gelesen werden. Speichern Sie es erneut als PNG oder JPEG und versuchen Sie es noch einmal.
field-error-cannot-draw = Damit lässt sich keine Bescheinigung erstellen.

## Issued certificates (contact page)
admin-contact-certificates = Bescheinigungen
admin-contact-no-certificates = Noch keine Bescheinigung ausgestellt.
admin-certificates-number = Nr.
admin-certificates-date = Datum
admin-certificates-total-shares = Anteile
admin-certificates-total-value = Wert
admin-certificates-size = Größe
admin-certificates-actions = Aktionen
admin-certificates-title = Bescheinigung Nr. { $number }
admin-certificates-kilobytes = { $size } KB
admin-certificates-download = Herunterladen (PDF)
admin-certificates-resend = Erneut senden
flash-certificate-resent = Die Bescheinigung wird erneut gesendet, genau so, wie sie ausgestellt wurde.

## Representations (contact page)
admin-representation-end-on = Beenden am
admin-representation-end = Beenden
flash-representation-ended = Die Vertretung ist beendet.
flash-representation-already-ended-error = Diese Vertretung war bereits beendet: Es wurde nichts geändert.
field-error-ends-before-start = Das Ende darf nicht vor dem Beginn der Vertretung liegen.

## Changes of personal data proposed by members (/admin/changes)
admin-dashboard-members = Mitglieder
admin-dashboard-pending-changes = { $count ->
    [0] Keine Änderung persönlicher Daten wartet auf Freigabe.
    [one] Eine Änderung persönlicher Daten wartet auf Freigabe.
   *[other] { $count } Änderungen persönlicher Daten warten auf Freigabe.
}
admin-contact-pending-changes = Änderungen, die auf Freigabe warten
admin-contact-pending-changes-link = Die Änderungen persönlicher Daten prüfen
admin-changes-title = Änderungen persönlicher Daten
admin-changes-intro = Mitglieder haben diese neuen Namen oder Adressen in ihrem Portal vorgeschlagen. Geben Sie eine Änderung frei, um sie auf den Kontakt anzuwenden, oder lehnen Sie sie ab.
admin-changes-contact = Kontakt
admin-changes-requested = Beantragt am
admin-changes-current = Derzeit
admin-changes-proposed = Vorgeschlagen
admin-changes-actions = Aktionen
admin-changes-stale = Seit dem Vorschlag geändert
admin-changes-approve = Freigeben
admin-changes-reject = Ablehnen
admin-changes-none = Keine Änderung wartet auf Freigabe.
flash-contact-change-approved = Die Änderung ist freigegeben: Der Kontakt hat die neuen Daten.
flash-contact-change-rejected = Die Änderung ist abgelehnt: Der Kontakt bleibt unverändert.
flash-contact-change-decided-error = Diese Änderung war bereits freigegeben oder abgelehnt: Es wurde nichts getan.
flash-contact-change-stale-error = Der Kontakt wurde geändert, nachdem das Mitglied diese Änderung vorgeschlagen hat; sie kann so nicht angewendet werden. Lehnen Sie sie ab und bitten Sie das Mitglied, sie erneut vorzuschlagen.
admin-certificates-issue = Neue Bescheinigung ausstellen
flash-certificate-issued = Eine neue Bescheinigung der heutigen Anteile ist ausgestellt und an das Mitglied unterwegs.
flash-certificate-nothing-held-error = Dieser Kontakt hält keine Anteile: Es gibt nichts zu bescheinigen.
