# Yhteiset sanat, navigointi, kirjautuminen, virhesivut ja API-ongelmien otsikot.
# Monikkovalinnat käyttävät aina PLURAL($n)-funktiota (ICU:n säännöt).

nav-label = Päävalikko
nav-my-book = Oma asiakaskirja
nav-store-book = Myymälän asiakaskirja
nav-customers = Asiakkaat
nav-settings = Asetukset
nav-organisation = Myymälät ja henkilöt
nav-activity-types = Toimenpidetyypit
nav-attributes = Ominaisuudet
nav-insights = Analyysit
nav-audit = Tapahtumaloki
sign-out = Kirjaudu ulos
language-switch = Kieli

save = Tallenna
saved = Tallennettu.
search = Hae
next-page = Seuraava sivu
older-entries = Vanhemmat merkinnät
optional = (valinnainen)
yes = kyllä
no = ei
code = Koodi
name = Nimi
correct-fields = Korjaa korostetut kentät.
correct-attributes = Korjaa korostetut ominaisuudet.

col-name = Nimi
col-account = Asiakasnumero
col-date = Päivämäärä
col-amount = Summa
col-store = Myymälä

login-title = Kirjaudu sisään
login-company = Yritys
login-username = Käyttäjätunnus
login-password = Salasana
login-store = Myymälä
login-store-hint = (valinnainen: sen myymälän koodi, jossa työskentelet tänään)
login-submit = Kirjaudu sisään
login-invalid = Virheellinen yritys, käyttäjätunnus tai salasana.
login-not-your-store = Et työskentele tässä myymälässä.

error-back = Takaisin etusivulle
error-unauthorized = Kirjaudu uudelleen sisään.
error-forbidden = Sinulla ei ole oikeutta tähän sivuun.
error-form-token = Lomake on vanhentunut. Lataa sivu uudelleen ja yritä uudestaan.
error-not-found = Sivua tai kohdetta ei löytynyt.
error-not-found-customer = Asiakasta ei löytynyt.
error-not-found-store = Myymälää ei löytynyt.
error-not-found-attribute-group = Ominaisuusryhmää ei löytynyt.
error-not-found-activity-type = Toimenpidetyyppiä ei löytynyt.
error-not-found-associate = Henkilöä ei löytynyt.
error-not-found-note = Muistiinpanoa ei löytynyt.
error-bad-request = Pyyntöä ei voitu käsitellä.
error-invalid = Joissakin kentissä on virheitä.
error-too-many = Liian monta yritystä. Yritä uudelleen { $seconds } sekunnin kuluttua.
error-internal = Jokin meni vikaan. Virhe on kirjattu lokiin.
error-unavailable = Palvelu ei ole juuri nyt käytettävissä. Yritä hetken kuluttua uudelleen.

problem-400 = Virheellinen pyyntö
problem-401 = Kirjautuminen vaaditaan
problem-403 = Ei käyttöoikeutta
problem-404 = Ei löytynyt
problem-405 = Menetelmä ei ole sallittu
problem-408 = Pyyntö aikakatkaistiin
problem-409 = Ristiriita
problem-413 = Pyyntö on liian suuri
problem-415 = Sisältötyyppiä ei tueta
problem-422 = Virheellisiä tietoja
problem-429 = Liian monta pyyntöä
problem-500 = Palvelinvirhe
problem-503 = Palvelu ei ole käytettävissä
