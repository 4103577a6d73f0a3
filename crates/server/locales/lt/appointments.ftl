# Susitikimai ir kalendorius, vadovo suvestinė (rodikliai, lyderių lentelė,
# konsultantams priskirti pirkimai) ir būstinės priskyrimo taisyklės.

nav-appt-calendar = Kalendorius
nav-appt-dashboard = Suvestinė
nav-appt-attribution = Pardavimų priskyrimas

appt-calendar-title = Kalendorius
appt-view-day = Diena
appt-view-week = Savaitė
appt-previous = Ankstesnis
appt-next = Kitas
appt-today = Šiandien
appt-associate = Konsultantas
appt-store = Parduotuvė
appt-all-stores = Visos mano parduotuvės
appt-mine = Mano susitikimai
appt-show = Rodyti
appt-none = Susitikimų nėra.
appt-book = Užregistruoti susitikimą
appt-book-title = Užregistruoti susitikimą
appt-customer = Kliento numeris
appt-start = Pradžia
appt-duration = Trukmė (minutėmis)
appt-purpose = Tikslas
appt-booked = Susitikimas užregistruotas.
appt-ics = Įtraukti į kalendorių (.ics)
appt-with = { $time } · { $customer } · { $associate }
appt-status-booked = Užregistruotas
appt-status-held = Įvyko
appt-status-cancelled = Atšauktas
appt-status-no_show = Klientas neatvyko
appt-mark-held = Pažymėti, kad įvyko
appt-cancel = Atšaukti
appt-clash = Šis laikas užimtas: { $detail }
appt-for = Konsultantas
appt-open-customer = Atidaryti klientą
appt-err-end = turi būti vėliau nei pradžia
appt-err-customer = kliento su tokiu numeriu nėra
appt-err-duration = turi būti nuo 5 iki 480 minučių

kpi-title = Suvestinė
kpi-period = Laikotarpis
kpi-from = Nuo
kpi-to = Iki
kpi-group = Eilutės
kpi-group-associate = Konsultantai
kpi-group-store = Parduotuvės
kpi-apply = Rodyti
kpi-previous = Ankstesnis laikotarpis: { $value }
kpi-no-previous = Ankstesnio laikotarpio duomenų nėra
kpi-outreach = Išsiųsti pranešimai
kpi-outreach-email = El. paštas
kpi-outreach-sms = SMS
kpi-outreach-whatsapp = WhatsApp
kpi-follow-ups-done = Atlikti priminimai
kpi-follow-ups-overdue = Vėluojantys priminimai
kpi-appointments = Įvykę susitikimai
kpi-customers-added = Į klientų knygas įtraukti klientai
kpi-orders = Priskirti pirkimai
kpi-sales = Priskirti pardavimai
kpi-conversion = Konversija
kpi-days-to-convert = Vidutiniškai dienų iki pirkimo
kpi-days = { $days } { PLURAL($days) ->
    [one] diena
    [few] dienos
    [many] dienos
   *[other] dienų
}
kpi-not-tracked = neskaičiuojama
kpi-chart-sales = Priskirti pardavimai: { $group }
kpi-chart-trend = Priskirti pardavimai ir išsiųsti pranešimai per laikotarpį
kpi-chart-trend-sales = Priskirti pardavimai
kpi-chart-trend-outreach = Išsiųsti pranešimai
kpi-leaderboard = Lyderių lentelė
kpi-leaderboard-store = Lyderių lentelė – { $store }
kpi-rank = #
kpi-name = Vardas
kpi-drill = Pirkimai
kpi-total = Iš viso
kpi-csv = Atsisiųsti CSV
kpi-attributed-title = Priskirti pirkimai
kpi-attributed-none = Per šį laikotarpį priskirtų pirkimų nėra.
kpi-col-date = Data
kpi-col-customer = Klientas
kpi-col-amount = Dalis
kpi-col-purchase = Pirkimas
kpi-col-associate = Konsultantas
kpi-col-why = Už ką priskirta
kpi-more = Daugiau
kpi-explanation = { $kind } likus { PLURAL($days) ->
    [one] { $days } dienai
    [few] { $days } dienoms
    [many] { $days } dienos
   *[other] { $days } dienų
} iki pirkimo, konsultantas { $name }
kpi-kind-outreach_email = Išsiųstas pranešimas (el. paštu)
kpi-kind-outreach_sms = Išsiųstas pranešimas (SMS)
kpi-kind-outreach_whatsapp = Išsiųstas pranešimas (WhatsApp)
kpi-kind-appointment = Susitikimas
kpi-kind-store_visit = Apsilankymas parduotuvėje
kpi-kind-other = { $type }

attr-rules-title = Pardavimų priskyrimo taisyklės
attr-rules-intro = Pirkimas priskiriamas konsultantui, kurio kontaktas buvo prieš pirkimą to kontakto tipo laikotarpyje. Išsaugojus visi pirkimai perskaičiuojami.
attr-rules-version = Versija { $version }
attr-rules-windows = Laikotarpiai (dienomis; 0 – kontakto tipas neįskaitomas)
attr-rules-priority = Svarba pagal įsitraukimą (1 – svarbiausias)
attr-rules-rank = Vieta { $rank }
attr-rules-split = Kai su klientu bendravo keli konsultantai
attr-rules-split-last = Visas pirkimas geriausiam kontaktui (svarbiausiam, tada naujausiam)
attr-rules-split-equal = Padalinti po lygiai laikotarpio konsultantams
attr-rules-save = Išsaugoti ir perskaičiuoti
attr-rules-saved = Taisyklės išsaugotos; visi pirkimai perskaičiuoti.
attr-kind-other = Kiti veiksmai
attr-err-twice = tas pats kontakto tipas nurodytas du kartus
attr-err-max-days = turi būti ne daugiau kaip { $days } { PLURAL($days) ->
    [one] diena
    [few] dienos
    [many] dienos
   *[other] dienų
}
attr-rules-none = (be vietos)

audit-action-appointment-create = Susitikimas užregistruotas
audit-action-appointment-update = Susitikimas pakeistas
audit-action-appointment-delete = Susitikimas ištrintas
audit-action-attribution-rules-update = Priskyrimo taisyklės pakeistos
permission-view-kpis = rodiklių ir priskirtų pardavimų peržiūra
# Customer replies as an attribution contact kind
kpi-kind-reply = Kliento atsakymas

# Booking errors and clashes
appt-clash-with = Šis laikas užimtas: { $associate } jau turi susitikimą { $date } nuo { $from } iki { $to } su klientu { $customer }.
appt-err-start = Įveskite datą ir laiką.
