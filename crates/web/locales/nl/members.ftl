# Member portal: login help, holders, capital release requests, certificates, personal data.

## Aanmelden: wachtwoord vergeten, nieuw e-mailadres
auth-login-forgot = Wachtwoord vergeten?
auth-reset-request-title = Een nieuw wachtwoord kiezen
auth-reset-request-intro = Vul het e-mailadres van uw account in. Als er een account met dat adres bestaat, sturen we er een link naartoe om een nieuw wachtwoord te kiezen; de link werkt één keer, gedurende een uur.
auth-reset-request-submit = Stuur me een link
auth-reset-back-to-login = Terug naar de aanmeldpagina
auth-reset-title = Een nieuw wachtwoord kiezen
auth-reset-submit = Het nieuwe wachtwoord opslaan
auth-reset-spent-title = Deze link werkt niet meer
auth-reset-spent-message = Hij werd al gebruikt of is verlopen. Vraag een nieuwe aan: dat duurt maar een minuut.
auth-reset-spent-again = Een nieuwe link aanvragen
auth-email-confirmation-title = Bevestig uw nieuwe e-mailadres
auth-email-confirmation-intro = Bevestig dat dit adres van u is: voortaan meldt u zich ermee aan en ontvangt u er onze e-mails.
auth-email-confirmation-submit = Het adres bevestigen
auth-email-confirmation-done = Klaar: uw account gebruikt nu { $email }. Meld u voortaan met dit adres aan.
auth-email-confirmation-to-portal = Naar mijn aandelen
auth-email-confirmation-taken = Een ander account gebruikt dit adres al, dus het kan niet ook het uwe zijn. Vraag de coöperatie om hulp.
auth-email-confirmation-spent = Deze link werd al gebruikt of is verlopen. Vraag een nieuwe aan via de pagina met uw persoonsgegevens.
flash-password-reset-sent = Als er een account met dit adres bestaat, is er een link onderweg om een nieuw wachtwoord te kiezen. Kijk in uw inbox (en uw spammap).
flash-password-reset-done = Uw nieuwe wachtwoord is opgeslagen. Meld u ermee aan.
flash-change-proposed = Bedankt. De coöperatie controleert de wijziging en voert ze daarna door; u ziet ze hier zodra ze goedgekeurd is.
flash-email-change-sent = We hebben een bevestigingslink naar het nieuwe adres gestuurd. Open hem om de wijziging af te ronden.
field-error-nothing-changed = Er is niets gewijzigd: pas eerst de naam of het adres aan.
field-error-same-email = Dit is al het adres van uw account.

## Het portaal
portal-switcher-title = Van wie wilt u de aandelen zien?
portal-switcher-self = op eigen naam
portal-switcher-represented = u vertegenwoordigt ze als { $role }
portal-member-number = lidnummer { $number }
portal-member-since = lid sinds { $date }
portal-profile-link = Persoonsgegevens en adres
portal-to-pay-title = Nog te betalen
portal-call-title = Volstortingsverzoek { $number }
portal-call-due = te betalen uiterlijk op { $date }
portal-holdings-title = Aandelen in bezit
portal-holdings-share-type = Soort aandelen
portal-holdings-quantity = Aantal aandelen
portal-holdings-value = Waarde
portal-holdings-since = In bezit sinds
portal-holdings-total = Totaal
portal-holdings-none = Nog geen aandelen. Ze worden in het register ingeschreven zodra het volstortingsverzoek betaald is.
portal-calls-title = Volstortingsverzoeken
portal-calls-none = Geen volstortingsverzoek.
portal-certificates-title = Attesten
portal-certificate-link = Attest nr. { $number } van { $date } (pdf)
portal-certificate-shares = { $count ->
    [one] 1 aandeel
   *[other] { $count } aandelen
}
portal-certificate-latest = meest recent
portal-certificates-none = Nog geen attest: u ontvangt er een zodra uw aandelen in het register ingeschreven zijn.
portal-changes-pending = { $count ->
    [one] Eén wijziging van uw persoonsgegevens wacht op goedkeuring door de coöperatie.
   *[other] { $count } wijzigingen van uw persoonsgegevens wachten op goedkeuring door de coöperatie.
}
portal-back = Terug naar { $name }
portal-call-state = Status
portal-call-amount = Bedrag
portal-call-paid = Al ontvangen
portal-call-remaining = Nog te betalen
portal-call-issued = Uitgegeven op
portal-call-due-date = Vervaldatum
portal-pay-title = Zo betaalt u
portal-pay-intro = Schrijf het onderstaande bedrag over naar de rekening van de coöperatie, of scan de QR-code met uw bankapp: alles wordt voor u ingevuld.
portal-pay-amount = Bedrag
portal-pay-beneficiary = Begunstigde
portal-pay-reference = Gestructureerde mededeling
portal-pay-reference-notice = Gebruik precies deze gestructureerde mededeling: zo kunnen we uw betaling aan uw inschrijving koppelen.
portal-pay-qr-caption = Scan met uw bankapp
portal-call-pdf = Het verzoek downloaden (pdf)
portal-profile-title = Persoonsgegevens
portal-profile-name = Naam
portal-profile-email = E-mail
portal-profile-address = Adres
portal-profile-pending-title = Wacht op goedkeuring
portal-profile-pending-item = Aangevraagd op { $date }
portal-profile-change-title = De naam of het adres wijzigen
portal-profile-change-intro = Het register moet juist blijven: de coöperatie controleert elke wijziging voor ze doorgevoerd wordt.
portal-profile-first-name = Voornaam
portal-profile-last-name = Achternaam
portal-profile-entity-name = Naam van de onderneming of organisatie
portal-profile-street = Straat en nummer
portal-profile-postal-code = Postcode
portal-profile-city = Gemeente
portal-profile-country = Land
portal-profile-country-hint = Twee letters, bijvoorbeeld BE, NL, FR of DE.
portal-profile-change-submit = De wijziging versturen
portal-email-title = E-mailadres van uw account
portal-email-intro = U meldt zich aan met { $email }. Om een ander adres te gebruiken, vult u het hieronder in: we sturen er een link naartoe om te bevestigen dat het van u is.
portal-email-new = Nieuw e-mailadres
portal-email-submit = De bevestigingslink versturen
