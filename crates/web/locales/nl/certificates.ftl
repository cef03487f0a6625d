# Back office: the certificate (design, pictures, issued certificates), representations and
# changes of personal data proposed by members.

## Certificate settings (/admin/settings/certificate)
admin-settings-certificate-link = Aandeelhoudersattest: opmaak, logo en handtekening
admin-certificate-title = Aandeelhoudersattest
admin-certificate-back = Terug naar de instellingen
admin-certificate-intro = Hoe de attesten eruitzien en wie ze ondertekent. Een attest dat al is uitgereikt, behoudt de opmaak waarmee het werd uitgereikt; de volgende gebruiken wat u hier opslaat.
admin-certificate-cannot-draw = Met deze opmaak kan geen attest worden getekend. Maak de teksten korter of kies andere afbeeldingen en sla opnieuw op.
admin-certificate-preview = Voorbeeld
admin-certificate-preview-intro = Een voorbeeldattest, getekend met de opgeslagen opmaak en afbeeldingen (sla uw wijzigingen eerst op).
admin-certificate-preview-in = Voorbeeld (PDF): { $language }
admin-certificate-signatory = Ondertekenaar
admin-certificate-signatory-intro = Het bestuurslid dat de attesten ondertekent. Zonder naam heeft het attest geen handtekening.
admin-certificate-signatory-name = Naam
admin-certificate-signatory-function = Functie
admin-certificate-look = Pagina en kleur
admin-certificate-orientation = Oriëntatie
admin-certificate-orientation-portrait = Staand
admin-certificate-orientation-landscape = Liggend
admin-certificate-accent = Kleur van de titel en de lijnen
admin-certificate-accent-hint = Een # gevolgd door zes hexadecimale cijfers, zoals #1f4e79. Laat leeg voor het standaard donkerblauw.
admin-certificate-texts-in = Teksten: { $language }
admin-certificate-texts-hint = Laat een tekst leeg om de standaardformulering te behouden. Toegelaten variabelen: { $placeholders }.
admin-certificate-text-title = Titel
admin-certificate-text-intro = Zin boven de aandelen
admin-certificate-text-closing = Alinea onder de aandelen
admin-certificate-save = Opmaak opslaan
admin-certificate-pictures = Logo en handtekening
admin-certificate-pictures-intro = Een PNG- of JPEG-afbeelding van hoogstens { $size } MB.
admin-certificate-picture-logo = Logo
admin-certificate-picture-signature = Handtekening
admin-certificate-picture-set = Opgeslagen op { $date }.
admin-certificate-picture-none = Nog geen.
admin-certificate-picture-remove = Verwijderen
admin-certificate-picture-file = Afbeeldingsbestand
admin-certificate-picture-upload = Uploaden
admin-certificate-upload-failed = Het bestand kon niet worden ontvangen. Probeer opnieuw.
flash-certificate-design-saved = De opmaak van het attest is opgeslagen. De volgende attesten gebruiken ze.
flash-certificate-picture-saved = De afbeelding is opgeslagen.
flash-certificate-picture-removed = De afbeelding is verwijderd.
field-error-invalid-colour = Schrijf de kleur als # gevolgd door zes hexadecimale cijfers, zoals #1f4e79.
field-error-unknown-placeholder = Deze tekst gebruikt een variabele die niet bestaat. Gebruik alleen de variabelen hierboven, tussen accolades.
field-error-not-an-image = Kies een PNG- of JPEG-afbeelding.
field-error-file-too-large = Dit bestand is te groot.
field-error-unreadable-image = Deze afbeelding kan niet worden gelezen. Sla ze opnieuw op als PNG of JPEG en probeer opnieuw.
field-error-cannot-draw = Hiermee kan geen attest worden getekend.

## Issued certificates (contact page)
admin-contact-certificates = Attesten
admin-contact-no-certificates = Nog geen attest uitgereikt.
admin-certificates-number = Nr.
admin-certificates-date = Datum
admin-certificates-total-shares = Aandelen
admin-certificates-total-value = Waarde
admin-certificates-size = Grootte
admin-certificates-actions = Acties
admin-certificates-title = Attest nr. { $number }
admin-certificates-kilobytes = { $size } kB
admin-certificates-download = Downloaden (PDF)
admin-certificates-resend = Opnieuw versturen
flash-certificate-resent = Het attest wordt opnieuw verstuurd, precies zoals het werd uitgereikt.

## Representations (contact page)
admin-representation-end-on = Beëindigen op
admin-representation-end = Beëindigen
flash-representation-ended = De vertegenwoordiging is beëindigd.
flash-representation-already-ended-error = Deze vertegenwoordiging was al beëindigd: er is niets gewijzigd.
field-error-ends-before-start = Het einde kan niet vóór het begin van de vertegenwoordiging liggen.

## Changes of personal data proposed by members (/admin/changes)
admin-dashboard-members = Leden
admin-dashboard-pending-changes = { $count ->
    [0] Geen wijziging van persoonsgegevens wacht op goedkeuring.
    [one] Eén wijziging van persoonsgegevens wacht op goedkeuring.
   *[other] { $count } wijzigingen van persoonsgegevens wachten op goedkeuring.
}
admin-contact-pending-changes = Wijzigingen die op goedkeuring wachten
admin-contact-pending-changes-link = De wijzigingen van persoonsgegevens bekijken
admin-changes-title = Wijzigingen van persoonsgegevens
admin-changes-intro = Leden hebben deze nieuwe namen of adressen voorgesteld in hun portaal. Keur een wijziging goed om ze op het contact toe te passen, of wijs ze af.
admin-changes-contact = Contact
admin-changes-requested = Gevraagd op
admin-changes-current = Nu
admin-changes-proposed = Voorgesteld
admin-changes-actions = Acties
admin-changes-stale = Gewijzigd sinds het voorstel
admin-changes-approve = Goedkeuren
admin-changes-reject = Afwijzen
admin-changes-none = Geen wijziging wacht op goedkeuring.
flash-contact-change-approved = De wijziging is goedgekeurd: het contact heeft de nieuwe gegevens.
flash-contact-change-rejected = De wijziging is afgewezen: het contact blijft ongewijzigd.
flash-contact-change-decided-error = Deze wijziging was al goedgekeurd of afgewezen: er is niets gedaan.
flash-contact-change-stale-error = Het contact werd gewijzigd nadat het lid deze wijziging voorstelde, dus ze kan niet zomaar worden toegepast. Wijs ze af en vraag het lid om ze opnieuw voor te stellen.
admin-certificates-issue = Een nieuw attest uitreiken
flash-certificate-issued = Een nieuw attest van de aandelen van vandaag is uitgereikt en onderweg naar het lid.
flash-certificate-nothing-held-error = Dit contact heeft geen aandelen: er is niets te attesteren.
