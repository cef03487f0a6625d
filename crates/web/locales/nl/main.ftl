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
