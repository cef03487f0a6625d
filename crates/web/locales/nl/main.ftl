# Coopshares — Nederlandstalige interface (Belgisch taalgebruik).
# Sleutels: zie locales/en/main.ftl. Geen HTML in de berichten.

## Opmaak
layout-skip-to-content = Naar de hoofdinhoud
layout-menu = Menu
layout-nav-label = Hoofdnavigatie
layout-language-label = Taal
layout-account = Account: { $email }
layout-footer = Aandelenbeheer met Coopshares, vrije software.

## Navigatie
nav-dashboard = Overzicht
nav-requests = Inschrijvingsaanvragen
nav-outbox = Uitgaande e-mails
nav-templates = E-mailsjablonen
nav-settings = Instellingen
nav-password = Wachtwoord wijzigen
nav-portal = Mijn aandelen
nav-login = Aanmelden
nav-logout = Afmelden

## Formulieren (algemeen)
form-required-note = Velden met een * zijn verplicht.
form-required-mark = verplicht
form-password-hint = Minstens 10 tekens. Enkele losse woorden zijn makkelijk te onthouden en moeilijk te raden.
form-error-prefix = Fout:

## Fouten bij velden: `field-error-<code>`
field-error-required = Dit veld is verplicht.
field-error-invalid = Deze waarde is niet geldig. Controleer ze en probeer het opnieuw.
field-error-invalid-email = Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.be.
field-error-passwords-differ = De twee wachtwoorden zijn niet gelijk.
field-error-password-too-short = Dit wachtwoord is te kort: gebruik minstens 10 tekens.
field-error-password-too-long = Dit wachtwoord is te lang: gebruik hoogstens 200 tekens.
field-error-password-is-email = Het wachtwoord mag niet uw e-mailadres zijn.
field-error-wrong-password = Het huidige wachtwoord is niet juist.
field-error-template-error = Dit sjabloon bevat een fout. Controleer de velden tussen {"{{"} en {"}}"}.

## Berichten na een handeling: `flash-<sleutel>`
flash-welcome = Uw account is klaar. Welkom!
flash-logged-out = U bent afgemeld.
flash-password-changed = Uw wachtwoord is gewijzigd.
flash-settings-saved = De instellingen zijn opgeslagen.
flash-template-saved = Het e-mailsjabloon is opgeslagen.
flash-template-reset = Het e-mailsjabloon heeft zijn oorspronkelijke tekst terug.
flash-email-retried = De e-mail wordt opnieuw verstuurd.
flash-test-email-queued = Er is een test-e-mail onderweg.
flash-test-email-error = De test-e-mail kon niet worden voorbereid. Controleer het adres.

## Aanmelden
auth-login-title = Aanmelden
auth-login-intro = Meld u aan met het e-mailadres en het wachtwoord van uw account.
auth-login-email = E-mailadres
auth-login-password = Wachtwoord
auth-login-submit = Aanmelden
auth-login-error-invalid = Het e-mailadres of het wachtwoord is niet juist.
auth-login-error-too-many = Te veel pogingen. Wacht enkele minuten en probeer het dan opnieuw.

## Eerste beheerder
auth-setup-title = De eerste beheerdersaccount aanmaken
auth-setup-intro = Coopshares heeft nog geen beheerder. Met de account die u hier aanmaakt, beheert u de coöperatie: de instellingen, de inschrijvingsaanvragen en de coöperanten. Deze pagina dient maar één keer.
auth-setup-email = E-mailadres
auth-setup-password = Wachtwoord
auth-setup-password-confirm = Bevestig het wachtwoord
auth-setup-submit = Account aanmaken

## Wachtwoord wijzigen
auth-password-title = Wachtwoord wijzigen
auth-password-current = Huidig wachtwoord
auth-password-new = Nieuw wachtwoord
auth-password-new-confirm = Bevestig het nieuwe wachtwoord
auth-password-submit = Wachtwoord wijzigen

## Beheer: overzicht
admin-dashboard-title = Overzicht
admin-dashboard-welcome = Welkom in het beheer van { $name }.
admin-dashboard-next-steps = Volgende stappen
admin-dashboard-nothing-to-do = Er wacht op dit moment niets op u.
admin-next-identity = Vul de naam en het adres van de coöperatie in.
admin-next-iban = Voeg de bankrekening (IBAN) van de coöperatie toe; die is nodig voor de volstortingsverzoeken.
admin-next-failed-emails = Sommige e-mails konden niet worden verstuurd. Controleer ze en verstuur ze opnieuw.
admin-next-smtp = E-mails worden nog niet verstuurd: ze worden als bestanden bewaard. Vraag wie Coopshares heeft geïnstalleerd om het versturen in te stellen.

## Foutpagina's
error-status = Fout { $status }
error-home = Terug naar de startpagina
error-400-title = Ongeldig verzoek
error-400-message = Het verzoek kon niet worden begrepen. Ga terug en probeer het opnieuw.
error-403-title = Geen toegang
error-403-message = U hebt geen toegang tot deze pagina. Denkt u dat dit een vergissing is, meld u dan aan met een andere account of vraag het aan een beheerder.
error-404-title = Pagina niet gevonden
error-404-message = Deze pagina bestaat niet of is verplaatst. Controleer het adres.
error-409-title = Gelijktijdig gewijzigd
error-409-message = Iemand anders heeft dit gegeven tegelijk met u gewijzigd. Laad de pagina opnieuw en probeer het nog eens.
error-429-title = Te veel verzoeken
error-429-message = Wacht enkele minuten en probeer het dan opnieuw.
error-500-title = Er ging iets mis
error-500-message = Er is een onverwachte fout opgetreden; ze werd geregistreerd. Probeer het later opnieuw. Blijft het probleem bestaan, neem dan contact op met wie deze site beheert.
error-csrf-title = Formulier verlopen
error-csrf-message = Dit formulier is verlopen. Laad de pagina opnieuw en verstuur het nog eens.

## Beheer: uitgaande e-mails, e-mailsjablonen, instellingen
admin-outbox-title = Uitgaande e-mails
admin-outbox-intro = Alle e-mails die Coopshares verstuurt, wachten hier tot ze afgeleverd zijn. Een e-mail die niet kon worden afgeleverd, kunt u opnieuw versturen.
admin-outbox-files = E-mails worden niet verstuurd: er is geen mailserver ingesteld (COOPSHARES_SMTP_URL). Elke e-mail wordt daarom als bestand in de gegevensmap bewaard.
admin-outbox-filter-label = E-mails tonen
admin-outbox-filter-all = Alle
admin-outbox-filter-pending = Wachtend ({ $count })
admin-outbox-filter-sent = Verstuurd ({ $count })
admin-outbox-filter-failed = Mislukt ({ $count })
admin-outbox-created = Aangemaakt op
admin-outbox-to = Aan
admin-outbox-subject = Onderwerp
admin-outbox-state = Status
admin-outbox-attempts = Pogingen
admin-outbox-newer = Recentere e-mails
admin-outbox-older = Oudere e-mails
admin-outbox-empty = Hier staan nog geen e-mails.
admin-outbox-test-title = Een test-e-mail versturen
admin-outbox-test-intro = Controleer of de e-mails van Coopshares hun ontvangers bereiken.
admin-outbox-test-to = Versturen naar
admin-outbox-test-submit = Test-e-mail versturen
outbox-state-pending = Wachtend
outbox-state-sent = Verstuurd
outbox-state-failed = Mislukt
admin-email-back = Terug naar de uitgaande e-mails
admin-email-kind = Soort e-mail
admin-email-sent-at = Verstuurd op
admin-email-next-attempt = Volgende poging
admin-email-last-error = Laatste fout
admin-email-about = Betreft
admin-email-message-id = Message-ID
admin-email-retry = Opnieuw versturen
admin-email-text = Tekstversie
admin-email-html = HTML-versie (broncode)
email-kind-request_confirmation = Inschrijvingsaanvraag ontvangen
email-kind-request_on_hold = Inschrijvingsaanvraag in wacht
email-kind-request_cancelled = Inschrijvingsaanvraag geannuleerd
email-kind-payment_instructions = Volstortingsverzoek en betalingsinstructies
email-kind-invitation = Uitnodiging voor de coöperantenzone
email-kind-certificate = Attest van coöperant
email-kind-password_reset = Nieuw wachtwoord
email-kind-email_change_confirmation = Bevestiging van een nieuw e-mailadres
email-kind-test = Test-e-mail
admin-templates-title = E-mailsjablonen
admin-templates-intro = Dit zijn de e-mails die Coopshares verstuurt. U kunt elke e-mail in elke taal aanpassen; zolang u dat niet doet, wordt de oorspronkelijke tekst gebruikt.
admin-templates-email = E-mail
admin-templates-custom = aangepast
admin-templates-shipped = oorspronkelijk
admin-template-back = Terug naar de e-mailsjablonen
admin-template-overridden = Dit sjabloon is aangepast voor uw coöperatie.
admin-template-shipped = Dit is het oorspronkelijke sjabloon. Wijzig het en sla het op om het aan te passen.
admin-template-variables = Gegevens die u in de tekst kunt opnemen (behoud de dubbele accolades):
admin-template-problems = Het sjabloon kon niet worden gebruikt:
admin-template-subject = Onderwerp
admin-template-text = Tekstversie
admin-template-html = HTML-versie
admin-template-preview = Voorbeeld
admin-template-save = Opslaan
admin-template-reset = Terug naar de oorspronkelijke tekst
admin-template-preview-title = Voorbeeld met fictieve gegevens
admin-settings-title = Instellingen
admin-settings-intro = De gegevens van de coöperatie staan op de volstortingsverzoeken, de attesten en de e-mails.
admin-settings-conflict = Iemand anders heeft de instellingen gewijzigd terwijl u ze aan het bewerken was. Laad de pagina opnieuw om die wijzigingen te zien en breng daarna uw eigen wijzigingen opnieuw aan.
admin-settings-identity = De coöperatie
admin-settings-name = Naam
admin-settings-street = Straat en nummer
admin-settings-postal-code = Postcode
admin-settings-city = Gemeente
admin-settings-country = Land
admin-settings-country-hint = Twee letters: BE voor België, FR voor Frankrijk, NL, LU, DE…
admin-settings-registration-number = Ondernemingsnummer
admin-settings-bank = Bankrekening
admin-settings-iban = IBAN
admin-settings-bic = BIC
admin-settings-payments = Betalingen
admin-settings-currency = Munt
admin-settings-reference-scheme = Betalingsreferentie
admin-settings-scheme-ogm = Belgische gestructureerde mededeling (+++123/4567/89012+++)
admin-settings-scheme-rf = Internationale schuldeisersreferentie (RF…)
admin-settings-due-days = Betalingstermijn (in dagen)
admin-settings-accounting-mode = Boekhouding
admin-settings-accounting-integrated = Bijgehouden in Coopshares: de rekeninguittreksels worden hier ingelezen
admin-settings-accounting-external = Elders bijgehouden: de betalingen worden manueel ingegeven
admin-settings-members = Coöperanten
admin-settings-default-language = Standaardtaal
admin-settings-create-accounts = Bij het goedkeuren van een aanvraag een account aanmaken voor de nieuwe coöperant en een uitnodiging sturen
admin-settings-save = Instellingen opslaan
language-fr = Français
language-nl = Nederlands
language-en = English
language-de = Deutsch

## Public subscription form
subscribe-title = Inschrijven op aandelen
subscribe-intro = Word coöperant door in te schrijven op een of meer aandelen van de coöperatie. Vul dit formulier in: u krijgt een e-mail die uw inschrijvingsaanvraag bevestigt en, zodra die aanvaard is, de betalingsinstructies.
subscribe-closed = De inschrijvingen zijn nog niet geopend. Kom later terug of neem contact op met de coöperatie.
subscribe-errors-title =
    { $count ->
        [one] Het formulier bevat een fout. Verbeter ze en verstuur het formulier opnieuw.
       *[other] Het formulier bevat { $count } fouten. Verbeter ze en verstuur het formulier opnieuw.
    }
subscribe-error-item = { $field }: { $error }
subscribe-kind-label = Ik schrijf in
subscribe-kind-person = In eigen naam
subscribe-kind-entity = Voor een bedrijf of organisatie
subscribe-honeypot = Laat dit veld leeg
subscribe-you = Uw gegevens
subscribe-first-name = Voornaam
subscribe-last-name = Familienaam
subscribe-birth-date = Geboortedatum
subscribe-birth-date-hint = Om in eigen naam in te schrijven moet u minstens { $age } jaar oud zijn.
subscribe-email = E-mailadres
subscribe-email-confirmation = E-mailadres (bevestiging)
subscribe-email-confirmation-hint = Typ het een tweede keer, zodat er geen tikfout in sluipt.
subscribe-phone = Telefoon
subscribe-national-id = Rijksregisternummer
subscribe-national-id-hint = Facultatief. De 11 cijfers op de achterkant van de Belgische identiteitskaart, bijvoorbeeld 85.07.30-033.28.
subscribe-language = Taal
subscribe-language-hint = De taal van onze e-mails en documenten.
subscribe-address = Uw adres
subscribe-street = Straat en nummer
subscribe-postal-code = Postcode
subscribe-city = Gemeente
subscribe-country = Land
subscribe-iban = Bankrekening (IBAN)
subscribe-iban-hint = De rekening waarop dividenden en de terugbetaling van uw aandelen gestort worden, bijvoorbeeld BE71 0961 2345 6769.
subscribe-entity = Het bedrijf of de organisatie
subscribe-entity-name = Naam
subscribe-legal-form = Rechtsvorm
subscribe-legal-form-hint = Bijvoorbeeld BV, NV, CV, VZW.
subscribe-registration-number = Ondernemingsnummer
subscribe-registration-number-hint = In België het nummer in de Kruispuntbank van Ondernemingen (0123.456.789); in Frankrijk het SIREN-nummer.
subscribe-entity-email = E-mailadres van het bedrijf of de organisatie
subscribe-entity-iban-hint = De rekening van het bedrijf of de organisatie, waarop dividenden en terugbetalingen gestort worden.
subscribe-representative = Wettelijk vertegenwoordiger
subscribe-representative-intro = De persoon die namens het bedrijf of de organisatie tekent (meestal uzelf).
subscribe-function = Functie
subscribe-function-hint = Bijvoorbeeld bestuurder, zaakvoerder, voorzitter.
subscribe-representative-email-hint = Het persoonlijke e-mailadres van de vertegenwoordiger: een kopie van de bevestiging wordt ernaar gestuurd.
subscribe-same-address = De vertegenwoordiger heeft hetzelfde adres als het bedrijf of de organisatie
subscribe-shares = Uw aandelen
subscribe-share-type = Soort aandeel
subscribe-share-price = { $amount } { $currency } per aandeel
subscribe-share-limits = van { $min } tot { $max } aandelen
subscribe-share-minimum =
    minstens { $min } { $min ->
        [one] aandeel
       *[other] aandelen
    }
subscribe-quantity = Aantal aandelen
subscribe-total = Totaal:
subscribe-total-hint = Aantal aandelen × waarde van één aandeel. Het te betalen bedrag wordt bevestigd in de e-mail die u zult ontvangen.
subscribe-consents = Uw akkoord
subscribe-submit = Mijn inschrijvingsaanvraag versturen
subscribe-thanks-title = Bedankt voor uw inschrijvingsaanvraag
subscribe-thanks-received = Uw inschrijvingsaanvraag is goed ontvangen.
subscribe-thanks-email = Een bevestigingsmail is onderweg. Is hij na enkele minuten nog niet aangekomen, kijk dan bij uw ongewenste e-mail.
subscribe-thanks-next = De coöperatie bekijkt nu uw aanvraag. Zodra ze aanvaard is, ontvangt u per e-mail het volstortingsverzoek met de betalingsinstructies.
consent-data_policy = Ik heb gelezen hoe de coöperatie mijn persoonsgegevens verwerkt (privacybeleid) en ga daarmee akkoord.
consent-statutes = Ik heb de statuten en het huishoudelijk reglement van de coöperatie gelezen en aanvaard ze.
consent-financial_risk = Ik begrijp dat inschrijven op aandelen een belegging met risico is: ik kan het ingelegde bedrag geheel of gedeeltelijk verliezen, en aandelen worden enkel terugbetaald onder de voorwaarden van de statuten.
consent-internal_rules = Ik heb het huishoudelijk reglement van de coöperatie gelezen en aanvaard het.
consent-newsletter = Ik ontvang graag het nieuws van de coöperatie per e-mail.
country-be = België
country-fr = Frankrijk
country-lu = Luxemburg
country-nl = Nederland
country-de = Duitsland
country-at = Oostenrijk
country-ch = Zwitserland
country-es = Spanje
country-ie = Ierland
country-it = Italië
country-pt = Portugal
country-gb = Verenigd Koninkrijk
field-error-too-young = U bent te jong om in eigen naam in te schrijven.
field-error-emails-differ = De twee e-mailadressen zijn niet gelijk.
field-error-not-for-holder = Deze soort aandeel wordt u niet aangeboden. Kies een andere.
field-error-out-of-range = Dit aantal aandelen valt buiten de grenzen van deze soort aandeel. Controleer het minimum en het maximum.
field-error-above-holder-maximum = Samen met de aandelen die u al bezit of al hebt aangevraagd, gaat dit aantal boven het maximum dat één lid van deze soort aandeel mag bezitten. Vraag minder aandelen aan.
field-error-consent-required = Uw akkoord is nodig om in te schrijven.

## Back office: subscription requests, share types, contacts

nav-contacts = Contacten
nav-share-types = Soorten aandelen
admin-requests-title = Inschrijvingsaanvragen
admin-requests-search = Naam of e-mailadres
admin-requests-state = Status
admin-requests-channel = Ontvangen via
admin-requests-share-type = Soort aandeel
admin-requests-from = Van
admin-requests-to = Tot
admin-requests-any = Alle
admin-requests-filter = Filteren
admin-requests-count = { $count ->
    [one] Eén aanvraag
   *[other] { $count } aanvragen
}
admin-requests-number = Nr.
admin-requests-date = Datum
admin-requests-holder = Houder
admin-requests-quantity = Aandelen
admin-requests-amount = Bedrag
admin-requests-previous = Vorige pagina
admin-requests-next = Volgende pagina
admin-requests-page = Pagina { $page } van { $pages }
admin-requests-empty = Geen inschrijvingsaanvragen gevonden.
admin-requests-new = Nieuwe inschrijvingsaanvraag
request-state-submitted = Ontvangen
request-state-validated = Goedgekeurd
request-state-paid = Betaald
request-state-cancelled = Geannuleerd
request-state-on_hold = In wacht
request-channel-online_form = Onlineformulier
request-channel-back_office = Beheer
request-channel-contact = Contactpagina
request-channel-api = API
membership-none = Geen coöperant
membership-candidate = Kandidaat-coöperant
membership-cooperator = Coöperant
membership-former = Gewezen coöperant
admin-request-title = Inschrijvingsaanvraag { $id }
admin-request-back = Terug naar de inschrijvingsaanvragen
admin-request-conflict = Iemand anders heeft deze aanvraag intussen gewijzigd. Hieronder ziet u ze zoals ze nu is; beslis opnieuw als dat nodig is.
admin-request-hold-reason = Reden om in wacht te zetten
admin-request-cancel-reason = Reden van de annulering
admin-request-language = Taal
admin-request-holder = Houder
admin-request-representative = Ondertekend door de vertegenwoordiger
admin-request-submitted = Gegevens zoals ingediend
admin-request-submitted-intro = Precies wat de aanvrager heeft verstuurd, ongewijzigd bewaard als bewijs.
admin-request-decide = Beslissen
admin-request-hold = In wacht zetten
admin-request-release = Uit wacht halen
admin-request-cancel = Aanvraag annuleren
admin-share-types-title = Soorten aandelen
admin-share-types-intro = De soorten aandelen die de coöperatie uitgeeft. Een soort aandeel waarop al is ingeschreven, kan worden afgesloten, maar nooit verwijderd, en de prijs ervan kan niet meer veranderen.
admin-share-types-new = Nieuwe soort aandeel
admin-share-types-back = Terug naar de soorten aandelen
admin-share-types-holders = Wie ze mag bezitten
admin-share-types-limits = Aandelen per houder
admin-share-types-status = Status
admin-share-types-persons = personen
admin-share-types-entities = bedrijven en organisaties
admin-share-types-retired = afgesloten
admin-share-types-on-form = op het openbare formulier
admin-share-types-not-on-form = alleen in het beheer
admin-share-types-empty = Nog geen soort aandeel. Maak er een aan om de inschrijvingen te openen.
admin-share-type-code = Code
admin-share-type-code-hint = Kort en blijvend, bijvoorbeeld A of B. U kunt de code later niet meer wijzigen.
admin-share-type-name = Naam
admin-share-type-nominal-value = Nominale waarde
admin-share-type-for-persons = Natuurlijke personen mogen deze aandelen bezitten
admin-share-type-for-entities = Bedrijven en organisaties mogen deze aandelen bezitten
admin-share-type-min = Minimum per houder
admin-share-type-max = Maximum per houder
admin-share-type-max-hint = Laat leeg als er geen maximum is.
admin-share-type-on-form = Aanbieden op het openbare formulier
admin-share-type-retired = Afgesloten: geen nieuwe inschrijvingen meer
admin-share-type-save = Soort aandeel opslaan
admin-share-type-subscribed = Op deze soort aandeel is al ingeschreven: de nominale waarde kan niet meer veranderen.
admin-contacts-title = Contacten
admin-contacts-empty = Geen contacten gevonden.
admin-contacts-back = Terug naar de contacten
admin-contact-name = Naam
admin-contact-email = E-mailadres
admin-contact-membership = Lidmaatschap
admin-contact-entity = organisatie
admin-contact-subscribe = Inschrijven op aandelen
admin-contact-member-number = coöperantnummer
admin-contact-address = Adres
admin-contact-legal-form = Rechtsvorm
admin-contact-registration-number = Ondernemingsnummer
admin-contact-birth-date = Geboortedatum
admin-contact-phone = Telefoon
admin-contact-represents = Vertegenwoordigt
admin-contact-representatives = Vertegenwoordigers
admin-contact-since = sinds { $date }
admin-contact-until = tot { $date }
admin-contact-no-links = Geen.
flash-request-on-hold = De aanvraag staat in wacht.
flash-request-released = De aanvraag staat niet langer in wacht.
flash-request-cancelled = De aanvraag is geannuleerd.
flash-share-type-saved = De soort aandeel is opgeslagen.
flash-request-recorded = De inschrijvingsaanvraag is geregistreerd.
admin-request-new-intro = Geef een inschrijvingsaanvraag in die u op papier of per e-mail ontving. Dezelfde regels als op het openbare formulier gelden.
admin-settings-iban-required = Kandidaten moeten een bankrekening (IBAN) opgeven
admin-settings-collect-national-id = Personen naar hun rijksregisternummer vragen (voor hen facultatief; wie het opgeeft, wordt eraan herkend, ook met een ander e-mailadres)
admin-settings-minimum-age = Minimumleeftijd om in te schrijven
admin-settings-minimum-age-hint = In jaren, voor personen die in eigen naam inschrijven. Laat leeg voor geen minimum.
admin-settings-notify-hold-cancel = De kandidaat mailen wanneer een aanvraag in de wacht wordt gezet of geannuleerd

## Goedkeuring en volstortingsverzoeken (stap 2)
admin-requests-select = Selecteren
admin-requests-select-one = Aanvraag { $id } selecteren
admin-requests-validate-selected = De geselecteerde aanvragen goedkeuren
admin-request-validate = De aanvraag goedkeuren
admin-request-validate-intro = Bij de goedkeuring wordt het volstortingsverzoek aangemaakt, wordt de houder kandidaat-coöperant en worden de betalingsinstructies met de pdf gemaild.
admin-request-already-validated = Deze aanvraag is intussen goedgekeurd (misschien door iemand anders). Hieronder ziet u ze zoals ze nu is.
admin-request-cooperative-not-ready = Voor de betalingsinstructies zijn de naam en het IBAN van de coöperatie nodig. Vul ze eerst in bij de instellingen.
admin-request-open-settings = Naar de instellingen
admin-request-call-has-payments = Op dit volstortingsverzoek zijn betalingen geregistreerd. Maak ze ongedaan voordat u annuleert.
admin-request-cancel-call-too = Bij de annulering wordt ook het openstaande volstortingsverzoek geannuleerd en wordt de boeking ervan tegengeboekt.
admin-validation-title = Goedkeuring van de geselecteerde aanvragen
admin-validation-summary = { $validated ->
    [one] Eén aanvraag goedgekeurd
   *[other] { $validated } aanvragen goedgekeurd
}, { $failed ->
    [0] geen geweigerd.
    [one] één niet goedgekeurd (zie hieronder).
   *[other] { $failed } niet goedgekeurd (zie hieronder).
}
admin-validation-result = Resultaat
admin-validation-call = Volstortingsverzoek
admin-validation-none = Er is geen aanvraag geselecteerd. Vink in de lijst de aanvragen aan die u wilt goedkeuren.
admin-validation-done = Goedgekeurd
admin-validation-not-submitted = Niet goedgekeurd: deze aanvraag wacht niet op goedkeuring
admin-validation-not-found = Niet gevonden
admin-call-title = Volstortingsverzoek { $number }
admin-call-open = Het volstortingsverzoek openen
admin-call-due = te betalen uiterlijk op { $date }
admin-call-back = Terug naar de inschrijvingsaanvraag
admin-call-paid = Al betaald
admin-call-due-amount = Nog te betalen
admin-call-reference = Betalingsreferentie
admin-call-issued = Opgemaakt op
admin-call-due-date = Vervaldatum
admin-call-pdf = De pdf downloaden
admin-call-entries = Boekingen
admin-call-entry-kind = Boeking
admin-call-account = Rekening
admin-call-debit = Debet
admin-call-credit = Credit
admin-call-cancel = Het volstortingsverzoek annuleren
admin-call-cancel-intro = Ook de bijhorende inschrijvingsaanvraag wordt geannuleerd, de boeking wordt tegengeboekt en de aanvrager wordt op de hoogte gebracht.
admin-call-reason-required = Geef een reden voor de annulering.
call-state-open = Openstaand
call-state-paid = Betaald
call-state-cancelled = Geannuleerd
entry-kind-capital_call = Opvraging van kapitaal
entry-kind-capital_call_cancellation = Opvraging van kapitaal geannuleerd
entry-kind-payment = Betaling
entry-kind-payment_reversal = Betaling ongedaan gemaakt
admin-contact-requests = Inschrijvingsaanvragen
admin-contact-no-requests = Geen inschrijvingsaanvragen op naam van dit contact.
admin-contact-calls = Volstortingsverzoeken
admin-contact-no-calls = Nog geen volstortingsverzoeken.
flash-request-validated = De aanvraag is goedgekeurd. De betalingsinstructies zijn onderweg.
flash-capital-call-cancelled = Het volstortingsverzoek en de bijhorende inschrijvingsaanvraag zijn geannuleerd.
flash-invitation-accepted = Uw wachtwoord is ingesteld. U kunt zich nu aanmelden met uw e-mailadres.
auth-invitation-title = Kies uw wachtwoord
auth-invitation-intro = Uw coöperantenaccount is { $email }. Kies een wachtwoord om u aan te melden.
auth-invitation-submit = Mijn wachtwoord opslaan
auth-invitation-spent-title = Deze link werkt niet meer
auth-invitation-spent-body = De uitnodiging is al gebruikt of is verlopen. Hebt u uw wachtwoord al gekozen, meld u dan aan; vraag anders een nieuwe uitnodiging aan de coöperatie.
auth-invitation-spent-login = Aanmelden
admin-settings-chart = Rekeningstelsel
admin-settings-chart-intro = De rekeningen waarop Coopshares boekt. Standaard die van het genormaliseerde rekeningstelsel van uw land.
admin-settings-chart-capital = Geplaatst kapitaal (eigen vermogen)
admin-settings-chart-receivable = Opgevraagd, niet-gestort kapitaal
admin-settings-chart-bank = Bank
field-error-not-equity = Kapitaal is eigen vermogen: gebruik een rekening van klasse 1, nooit een opbrengstenrekening.
field-error-accounts-not-distinct = De drie rekeningen moeten verschillend zijn.

## Rekeninguittreksels en betalingen (stap 3)
nav-bank-statements = Rekeninguittreksels
admin-dashboard-banking = Bank en betalingen
admin-dashboard-to-reconcile = { $count ->
    [0] Geen enkele uittrekselregel wacht op afpunting.
    [one] Eén uittrekselregel wacht op afpunting.
   *[other] { $count } uittrekselregels wachten op afpunting.
}
admin-dashboard-overpayments = { $count ->
    [0] Geen te veel betaald bedrag gemeld.
    [one] Eén betaling te veel gemeld: kijk ze na.
   *[other] { $count } betalingen te veel gemeld: kijk ze na.
}
admin-statements-title = Rekeninguittreksels
admin-statements-intro = Importeer de uittreksels van de rekening van de coöperatie: betalingen met hun mededeling worden meteen afgepunt.
admin-statements-waiting = { $count ->
    [one] Eén regel wacht op u. Open het uittreksel om hem af te punten.
   *[other] { $count } regels wachten op u. Open de uittreksels om ze af te punten.
}
admin-statements-upload = Een uittreksel importeren
admin-statements-file = Uittrekselbestand
admin-statements-file-hint = camt.053 (XML), CODA of CSV, zoals uw bank het exporteert; hoogstens { $size } MB. Hetzelfde bestand twee keer telt maar één keer.
admin-statements-account = Bankrekening (CSV-bestanden)
admin-statements-account-hint = Er zijn meerdere CSV-indelingen bewaard: kies de rekening waarvan dit bestand komt.
admin-statements-account-none = Geen CSV-bestand
admin-statements-uploading = Bestand wordt verstuurd…
admin-statements-import = Importeren
admin-statements-imports = Imports
admin-statements-date = Geïmporteerd op
admin-statements-filename = Bestand
admin-statements-format = Formaat
admin-statements-lines = Regels
admin-statements-matched = Afgepunt
admin-statements-unmatched = Af te punten
admin-statements-ignored = Opzijgezet
admin-statements-no-filename = (zonder naam)
admin-statements-empty = Nog geen uittreksel geïmporteerd.
admin-statements-overpayments = Te veel betaald
admin-statements-overpayments-intro = Deze betalingen waren hoger dan het verschuldigde bedrag. Betaal het verschil terug of spreek met het lid af wat ermee gebeurt.
admin-statements-no-overpayments = Niets te veel betaald.
admin-statements-error-network = Het bestand kon niet worden verstuurd. Controleer uw verbinding en probeer opnieuw.
admin-statements-error-too-large = Dit bestand is te groot voor een uittreksel.
admin-statements-error-upload = Het bestand kon niet worden ontvangen. Probeer opnieuw.
admin-statements-error-no-file = Kies een uittrekselbestand.
admin-statements-error-unbalanced = Het bestand is geweigerd: de saldi kloppen niet, er ontbreekt misschien een beweging. Er is niets geïmporteerd. Exporteer het uittreksel opnieuw bij uw bank.
admin-statements-error-malformed = Het bestand is geweigerd: het is geen uittreksel dat Coopshares kan lezen. Er is niets geïmporteerd. Wat er mis is:
statement-format-camt053 = camt.053
statement-format-coda = CODA
statement-format-csv = CSV
statement-format-manual = Manueel ingevoerd
admin-statement-title = Uittreksel { $name }
admin-statement-back = Terug naar de rekeninguittreksels
admin-statement-error-line = Naar de regel
admin-statement-waiting = { $count ->
    [one] Eén regel wacht op u: bevestig een voorstel, verdeel de regel over meerdere verzoeken, of zet hem opzij.
   *[other] { $count } regels wachten op u: bevestig voor elke regel een voorstel, verdeel hem over meerdere verzoeken, of zet hem opzij.
}
admin-statement-done = Alle regels van dit uittreksel zijn afgepunt of opzijgezet. Hier wacht niets meer op u.
admin-statement-certificates-owed = { $count ->
    [one] Het certificaat van één nieuw lid wordt opgemaakt; het wordt gemaild zodra het klaar is. U hoeft niets te doen.
   *[other] De certificaten van { $count } leden worden opgemaakt, enkele per seconde; elk wordt gemaild zodra het klaar is. U hoeft niets te doen.
}
admin-statement-value-date = Valutadatum
admin-statement-amount = Bedrag
admin-statement-counterparty = Van / aan
admin-statement-communication = Mededeling
admin-statement-state = Status
admin-statement-act = Afpunten
admin-statement-no-lines = Dit bestand bracht geen nieuwe beweging (alle waren al geïmporteerd).
admin-statement-to-reconcile = Af te punten regels
admin-statement-suggestions-intro = Volstortingsverzoeken waarvoor deze betaling kan zijn, de meest waarschijnlijke eerst. Er wordt niets afgepunt zolang u niet bevestigt.
admin-statement-due = { $amount } verschuldigd
admin-statement-clues = Omdat:
admin-statement-confirm = Bevestigen
admin-statement-no-suggestion = Geen enkel open volstortingsverzoek lijkt op deze betaling.
admin-statement-split = De regel over meerdere verzoeken verdelen
admin-statement-split-intro = Kies de verzoeken en het bedrag van elk; de bedragen moeten samen de regel vormen.
admin-statement-split-call = Verzoek { $n }
admin-statement-split-amount = Bedrag { $n }
admin-statement-split-submit = Deze delen afpunten
admin-statement-ignore-note = Notitie (optioneel)
admin-statement-ignore = Geen kapitaal
line-state-unmatched = Af te punten
line-state-matched = Afgepunt
line-state-ignored = Opzijgezet
admin-line-note-debit = Uitgaande betaling
admin-line-note-reversal = Terugboeking
clue-same_amount = zelfde bedrag
clue-known_account = gekende rekening
clue-similar_name = gelijkende naam
clue-reference_typo = mededeling met een tikfout
admin-bank-conflict-not-a-payment = Deze regel is een uitgaande betaling of een terugboeking: hij kan geen volstortingsverzoek betalen.
admin-bank-conflict-line-not-unmatched = Deze regel is al afgepunt of opzijgezet (misschien door iemand anders). De pagina toont hem zoals hij nu is.
admin-bank-conflict-call-not-open = Dit volstortingsverzoek is niet meer open: het neemt geen betalingen meer aan.
admin-bank-conflict-call-changed = Dit volstortingsverzoek is intussen gewijzigd. Probeer opnieuw.
admin-bank-conflict-payment-admitted = Deze betaling heeft het verzoek voldaan: het lid is toegelaten en de aandelen zijn uitgegeven, dus ze kan niet meer ongedaan worden gemaakt.
admin-bank-conflict-payment-undone = Deze betaling is al ongedaan gemaakt.
admin-payments-title = Betalingen
admin-payments-date = Datum
admin-payments-source = Herkomst
admin-payments-actions = Acties
admin-payments-from-statement = Rekeninguittreksel
admin-payments-by-hand = Manueel ingevoerd
admin-payments-active = Geboekt
admin-payments-undone = Ongedaan gemaakt
admin-payments-excess = { $amount } te veel
admin-payments-undo = Ongedaan maken
admin-payments-none = Nog geen betaling ontvangen.
admin-payments-register = Een betaling registreren
admin-payments-register-intro = Voor een ontvangen bedrag dat geen enkel geïmporteerd uittreksel toont (boekhouding elders gevoerd).
admin-payments-amount = Ontvangen bedrag
admin-payments-amount-hint = Bijvoorbeeld 250.00
admin-payments-note = Notitie
admin-payments-register-submit = De betaling registreren
admin-contact-holdings = Aandelen in bezit
admin-contact-holding-value = Waarde
admin-contact-holding-since = Sinds
admin-contact-no-holdings = Nog geen aandelen.
field-error-invalid-amount = Vul een bedrag in zoals 250.00, met niet meer decimalen dan de munt heeft.
field-error-amount-not-positive = Het bedrag moet groter zijn dan nul.
field-error-split-does-not-add-up = De bedragen vormen samen niet de regel.
field-error-currency-mismatch = De regel en het verzoek zijn niet in dezelfde munt.
field-error-date-in-future = De datum kan niet later zijn dan vandaag.
field-error-invalid-date = Vul een datum in zoals 2026-03-31.
field-error-too-long = Deze tekst is te lang.
flash-statement-imported = Het uittreksel is geïmporteerd.
flash-statement-already-imported = Dit bestand was al geïmporteerd: hier is het, er is niets toegevoegd.
flash-line-matched = De regel is afgepunt.
flash-line-ignored = De regel is opzijgezet.
flash-payment-undone = De betaling is ongedaan gemaakt.
flash-payment-registered = De betaling is geregistreerd.
flash-payment-registered-admitted = De betaling is geregistreerd. Het verzoek is volledig betaald: de houder is coöperant.
admin-csv-mappings = CSV-exports
admin-csv-mappings-intro = Een CSV-export van een bank kan pas gelezen worden als u hebt aangegeven welke kolom wat bevat, voor de rekening waarvan hij komt.
admin-csv-account = Bankrekening (IBAN)
admin-csv-account-hint = De rekening waarvan deze exports komen, bijvoorbeeld BE71 0961 2345 6769.
admin-csv-columns = Kolommen
admin-csv-actions = Acties
admin-csv-edit = Wijzigen
admin-csv-forget = Vergeten
admin-csv-none = Nog geen CSV-indeling opgeslagen.
admin-csv-add = Een CSV-indeling toevoegen
admin-csv-new = Een CSV-indeling toevoegen
admin-csv-edit-title = CSV-indeling
admin-csv-back = Terug naar de rekeninguittreksels
admin-csv-intro = Vertel Coopshares hoe de CSV-exports van deze bankrekening gelezen worden.
admin-csv-error-mapping = Deze indeling kan niet gebruikt worden. Wat er mis is:
admin-csv-format = Hoe het bestand geschreven is
admin-csv-delimiter = Scheidingsteken tussen velden
admin-csv-delimiter-semicolon = Puntkomma (;)
admin-csv-delimiter-comma = Komma (,)
admin-csv-delimiter-tab = Tab
admin-csv-decimal-separator = Decimaal teken
admin-csv-decimal-comma = Komma (1234,56)
admin-csv-decimal-point = Punt (1234.56)
admin-csv-thousands-separator = Scheidingsteken voor duizendtallen
admin-csv-thousands-none = Geen (1234,56)
admin-csv-thousands-point = Punt (1.234,56)
admin-csv-thousands-space = Spatie (1 234,56)
admin-csv-thousands-apostrophe = Apostrof (1'234.56)
admin-csv-date-format = Datumnotatie
admin-csv-currency = Munt
admin-csv-columns-hint = Typ de kolomtitels precies zoals op de eerste regel van de export van uw bank.
admin-csv-booking-date = Boekingsdatum
admin-csv-amount-form = Bedragen
admin-csv-amount-signed = Eén kolom, negatief voor uitgaand geld
admin-csv-amount-credit-debit = Een creditkolom en een debetkolom
admin-csv-amount = Bedrag
admin-csv-amount-hint = Alleen bij één kolom.
admin-csv-credit-amount = Credit (ontvangen geld)
admin-csv-debit-amount = Debet (uitgaand geld)
admin-csv-credit-debit-hint = Alleen bij een credit- en een debetkolom.
admin-csv-optional = Andere kolommen (optioneel)
admin-csv-value-date = Valutadatum
admin-csv-counterparty-name = Naam van de tegenpartij
admin-csv-counterparty-account = Rekening van de tegenpartij
admin-csv-communication = Mededeling
admin-csv-structured-reference = Gestructureerde mededeling
admin-csv-bank-reference = Bankreferentie
admin-csv-save = De indeling opslaan
field-error-invalid-iban = Geef een IBAN op zoals BE71 0961 2345 6769.
field-error-invalid-currency = Geef een muntcode van drie letters op, zoals EUR.
flash-csv-mapping-saved = De CSV-indeling is opgeslagen.
flash-csv-mapping-forgotten = De CSV-indeling is vergeten.
admin-request-update-contact-title = Het contact verschilt van wat werd ingediend
admin-request-update-contact-intro = De aanvraag bewaart wat werd ingediend. Werk het contact alleen bij als deze gegevens nu de juiste zijn.
admin-request-update-contact-now = Op het contact
admin-request-update-contact-submitted = Ingediend
admin-request-update-contact = Contact bijwerken met de ingediende gegevens
admin-request-contact-changed = Het contact werd intussen gewijzigd. Hier is de aanvraag opnieuw; bekijk de verschillen voor u bijwerkt.
flash-contact-updated = Het contact werd bijgewerkt met de ingediende gegevens.
