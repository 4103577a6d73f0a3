# Susisiekimas: pranešimų šablonai, siuntimas, sutikimas pagal kanalą, siuntimo eilės būsenos.
# Daugiskaitos pasirinkimai visada naudoja PLURAL($n).

nav-message-templates = Pranešimų šablonai
templates-title = Pranešimų šablonai
templates-intro = Šablonai pranešimams klientams. Kiekvienas pakeitimas išsaugomas kaip nauja versija; šablonas, kurio nepavyksta sukompiliuoti ar sugeneruoti, neišsaugomas.
templates-new = Naujas šablonas
templates-edit = Redaguoti šabloną
templates-language = Kalba
templates-version = Versija
templates-subject = Tema
templates-body = Pranešimas
templates-html = HTML pranešimas (reikšmės apsaugomos)
templates-variables = Kintamieji:
templates-preview = Peržiūra
templates-preview-sample = Sugeneruota pavyzdiniam klientui.
templates-versions = Versijos
outreach-settings-title = Siuntimo nustatymai
outreach-settings-smtp = El. paštas (SMTP)
outreach-settings-host = Serveris
outreach-settings-port = Prievadas
outreach-settings-from = Siuntėjo adresas
outreach-settings-tls = Šifravimas
outreach-settings-username = Naudotojo vardas
outreach-settings-secret = Slaptažodžio pavadinimas (aplinkos kintamasis)
outreach-settings-webhook = SMS ir WhatsApp paslaugų teikėjas (webhook)
outreach-settings-url = Adresas (URL)
outreach-settings-guard = Apribojimai
outreach-settings-max = Ne daugiau kaip tiek pranešimų vienam klientui
outreach-settings-days = per tiek dienų
outreach-settings-quiet-start = Tylos valandų pradžia (valanda)
outreach-settings-quiet-end = Tylos valandų pabaiga (valanda)
outreach-settings-utc = Valandos nurodytos UTC laiku. Tylos valandomis siunčiami pranešimai laukia, kol jos baigsis.
outreach-title = Siųsti pranešimą
outreach-send-message = Siųsti pranešimą
outreach-message-these = Siųsti pranešimą šiems klientams
outreach-to-customer = Gavėjas: { $name }
outreach-to-filter = Visiems klientams, atitinkantiems dabartinį klientų knygos filtrą
outreach-template = Šablonas
outreach-channel = Kanalas
outreach-subject = Tema:
outreach-send = Siųsti
outreach-results = Rezultatai
outreach-account = Kliento numeris
outreach-result = Rezultatas
outreach-summary = { PLURAL($total) ->
    [one] Į eilę įtraukta { $queued } iš { $total } pranešimo.
    [few] Į eilę įtraukta { $queued } iš { $total } pranešimų.
    [many] Į eilę įtraukta { $queued } iš { $total } pranešimo.
   *[other] Į eilę įtraukta { $queued } iš { $total } pranešimų.
}
outreach-held = laukia iki { $time }
outreach-result-queued = eilėje
outreach-result-no-consent = nėra sutikimo
outreach-result-guard = pastaruoju metu per daug pranešimų
outreach-result-no-address = nėra adreso
outreach-result-not-found = nerastas
outreach-result-invalid = šablono nepavyksta sugeneruoti
outreach-channel-email = El. paštas
outreach-channel-sms = SMS
outreach-channel-whatsapp = WhatsApp
outreach-status-queued = eilėje
outreach-status-claimed = eilėje
outreach-status-sending = siunčiama
outreach-status-sent = išsiųsta
outreach-status-failed = nepavyko, bandoma dar kartą
outreach-status-dead = nepavyko
consents-title = Sutikimas gauti pranešimus
consents-opt-in = Sutiko
consents-source = Šaltinis
consents-date = Data
consents-opt-in-for = Sutikimas: { $channel }
consents-source-for = Sutikimo šaltinis: { $channel }
audit-action-consent-update = Sutikimas pakeistas
audit-action-message-template-create = Pranešimo šablonas sukurtas
audit-action-message-template-update = Pranešimo šablonas pakeistas
audit-action-outreach-send = Pranešimas išsiųstas
audit-action-outreach-settings-update = Siuntimo nustatymai pakeisti
