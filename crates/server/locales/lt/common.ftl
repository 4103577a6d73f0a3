# Bendri žodžiai, navigacija, prisijungimas, klaidų puslapiai ir API problemų
# pavadinimai. Daugiskaitos pasirinkimai visada naudoja PLURAL($n) (ICU
# taisyklės: 1, 21 – one; 2–9, 22 – few; trupmenos – many; 0, 10–20 – other).

nav-label = Pagrindinis meniu
nav-my-book = Mano klientų knyga
nav-store-book = Parduotuvės klientų knyga
nav-customers = Klientai
nav-settings = Nustatymai
nav-organisation = Parduotuvės ir darbuotojai
nav-activity-types = Veiklų tipai
nav-attributes = Savybės
nav-insights = Įžvalgos
nav-audit = Audito žurnalas
sign-out = Atsijungti
language-switch = Kalba

save = Išsaugoti
saved = Išsaugota.
search = Ieškoti
next-page = Kitas puslapis
older-entries = Senesni įrašai
optional = (neprivaloma)
yes = taip
no = ne
code = Kodas
name = Pavadinimas
correct-fields = Pataisykite pažymėtus laukus.
correct-attributes = Pataisykite pažymėtas savybes.

col-name = Vardas, pavardė
col-account = Kliento numeris
col-date = Data
col-amount = Suma
col-store = Parduotuvė

login-title = Prisijungimas
login-company = Įmonė
login-username = Naudotojo vardas
login-password = Slaptažodis
login-store = Parduotuvė
login-store-hint = (neprivaloma: parduotuvės, kurioje šiandien dirbate, kodas)
login-submit = Prisijungti
login-invalid = Neteisinga įmonė, naudotojo vardas arba slaptažodis.
login-not-your-store = Ši parduotuvė nėra jūsų.

error-back = Grįžti į pradžios puslapį
error-unauthorized = Prisijunkite iš naujo.
error-forbidden = Neturite teisės peržiūrėti šio puslapio.
error-form-token = Forma nebegalioja. Įkelkite puslapį iš naujo ir bandykite dar kartą.
error-not-found = Puslapis arba įrašas nerastas.
error-not-found-customer = Klientas nerastas.
error-not-found-store = Parduotuvė nerasta.
error-not-found-attribute-group = Savybių grupė nerasta.
error-not-found-activity-type = Veiklos tipas nerastas.
error-not-found-associate = Darbuotojas nerastas.
error-not-found-note = Pastaba nerasta.
error-bad-request = Užklausos nepavyko apdoroti.
error-invalid = Kai kurie laukai užpildyti neteisingai.
error-too-many = Per daug bandymų. Bandykite dar kartą po { PLURAL($seconds) ->
    [one] { $seconds } sekundės
    [few] { $seconds } sekundžių
    [many] { $seconds } sekundės
   *[other] { $seconds } sekundžių
}.
error-internal = Įvyko klaida. Ji užregistruota.
error-unavailable = Paslauga laikinai nepasiekiama. Bandykite dar kartą po kelių akimirkų.

problem-400 = Neteisinga užklausa
problem-401 = Reikia prisijungti
problem-403 = Draudžiama
problem-404 = Nerasta
problem-405 = Metodas neleidžiamas
problem-408 = Baigėsi užklausos laikas
problem-409 = Konfliktas
problem-413 = Užklausa per didelė
problem-415 = Nepalaikomas turinio tipas
problem-422 = Neteisingi duomenys
problem-429 = Per daug užklausų
problem-500 = Serverio klaida
problem-503 = Paslauga nepasiekiama
