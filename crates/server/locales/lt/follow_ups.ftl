# Follow-ups: the customer page section, my client book strip, the list page and HQ's rules.

nav-follow-ups = Priminimai
nav-follow-up-rules = Priminimų taisyklės
follow-ups-title = Priminimai
follow-ups-none = Atvirų priminimų nėra.
follow-ups-none-due = Šią savaitę priminimų nėra.
follow-ups-due-title = Artėjantys priminimai
follow-ups-all = Visi priminimai
follow-ups-due-on = terminas { $date }
follow-ups-overdue = vėluoja
follow-ups-done = Atlikta
follow-ups-dismiss = Atmesti
follow-ups-snooze = Atidėti
follow-ups-snooze-until = Atidėti iki
follow-ups-add = Pridėti priminimą
follow-ups-added = Priminimas pridėtas.
follow-ups-due = Terminas
follow-ups-reason = Priežastis
follow-ups-customer = Klientas
follow-ups-associate = Konsultantas
follow-ups-store = Parduotuvė
follow-ups-status = Būsena
follow-ups-mine = Mano
follow-ups-show = Rodyti
follow-ups-filter = Filtruoti priminimus
follow-ups-filter-open = Atviri
follow-ups-filter-snoozed = Atidėti
follow-ups-filter-done = Atlikti
follow-ups-filter-dismissed = Atmesti
follow-ups-filter-all = Visi
follow-ups-status-open = atviras
follow-ups-status-snoozed = atidėtas
follow-ups-status-done = atliktas
follow-ups-status-dismissed = atmestas
follow-ups-reason-birthday = Artėja gimtadienis
follow-ups-reason-anniversary = Artėja sukaktis
follow-ups-reason-thank-you = Padėka už pirkinį
follow-ups-reason-stay-in-touch = Palaikyti ryšį
follow-ups-reason-lapsed = Klientas gali nutolti
follow-ups-reason-appointment = Artėjantis susitikimas: patvirtinkite jį klientui
follow-rules-title = Priminimų taisyklės
follow-rules-intro = Taisyklės vykdomos kasdien visiems klientų knygų klientams ir niekada nesukuria to paties priminimo du kartus.
follow-rules-kind = Taisyklė
follow-rules-setting = Nustatymas
follow-rules-remove = Pašalinti
follow-rules-add = Pridėti taisyklę
follow-rules-save = Išsaugoti taisykles
follow-rules-run = Vykdyti taisykles dabar
follow-rules-ran = { PLURAL($count) ->
    [one] Sukurtas { $count } priminimas.
    [few] Sukurti { $count } priminimai.
    [many] Sukurta { $count } priminimo.
   *[other] Sukurta { $count } priminimų.
}
follow-rules-number = Įveskite skaičių.
follow-rules-attribute = Datos atributas
follow-rules-kind-date-attribute = Artėja data (gimtadienis, sukaktis…)
follow-rules-kind-thank-you = Padėka po pirkinio
follow-rules-kind-stay-in-touch = Palaikyti ryšį
follow-rules-kind-lapsed = Klientas gali nutolti
follow-rules-value-date-attribute = Dienų iš anksto
follow-rules-value-thank-you = Dienų po pirkinio
follow-rules-value-stay-in-touch = Dienų be kontakto
follow-rules-value-lapsed = Pasitraukimo tikimybė didesnė nei (0–1)

# Audit log action names
audit-action-follow-up-create = Priminimas sukurtas
audit-action-follow-up-update = Priminimas pakeistas
audit-action-follow-up-rules-update = Priminimų taisyklės pakeistos
audit-action-follow-up-rules-run = Priminimų taisyklės paleistos
