# Tapaamiset ja kalenteri, esihenkilön koontinäkymä (tunnusluvut,
# tulostaulukko, myyjille kohdistetut ostot) ja pääkonttorin kohdistussäännöt.

nav-appt-calendar = Kalenteri
nav-appt-dashboard = Koontinäkymä
nav-appt-attribution = Myynnin kohdistus

appt-calendar-title = Kalenteri
appt-view-day = Päivä
appt-view-week = Viikko
appt-previous = Edellinen
appt-next = Seuraava
appt-today = Tänään
appt-associate = Myyjä
appt-store = Myymälä
appt-all-stores = Kaikki myymäläni
appt-mine = Omat tapaamiset
appt-show = Näytä
appt-none = Ei tapaamisia.
appt-book = Varaa tapaaminen
appt-book-title = Varaa tapaaminen
appt-customer = Asiakasnumero
appt-start = Alkaa
appt-duration = Kesto (minuuttia)
appt-purpose = Aihe
appt-booked = Tapaaminen varattu.
appt-ics = Lisää kalenteriin (.ics)
appt-with = { $time } · { $customer } · { $associate }
appt-status-booked = Varattu
appt-status-held = Pidetty
appt-status-cancelled = Peruttu
appt-status-no_show = Ei saapunut
appt-mark-held = Merkitse pidetyksi
appt-cancel = Peru
appt-clash = Aika on jo varattu: { $detail }
appt-for = Myyjä
appt-open-customer = Avaa asiakas
appt-err-end = on oltava alkamisajan jälkeen
appt-err-customer = tällä asiakasnumerolla ei ole asiakasta
appt-err-duration = on oltava 5–480 minuuttia

kpi-title = Koontinäkymä
kpi-period = Jakso
kpi-from = Alkaen
kpi-to = Päättyen
kpi-group = Rivit
kpi-group-associate = Myyjät
kpi-group-store = Myymälät
kpi-apply = Näytä
kpi-previous = Edellinen jakso: { $value }
kpi-no-previous = Ei edellisen jakson tietoja
kpi-outreach = Lähetetyt viestit
kpi-outreach-email = Sähköposti
kpi-outreach-sms = Tekstiviesti
kpi-outreach-whatsapp = WhatsApp
kpi-follow-ups-done = Tehdyt seurannat
kpi-follow-ups-overdue = Myöhässä olevat seurannat
kpi-appointments = Pidetyt tapaamiset
kpi-customers-added = Asiakaskirjoihin lisätyt asiakkaat
kpi-orders = Kohdistetut ostot
kpi-sales = Kohdistettu myynti
kpi-conversion = Konversio
kpi-days-to-convert = Keskimäärin päiviä ostoon
kpi-days = { $days } { PLURAL($days) ->
    [one] päivä
   *[other] päivää
}
kpi-not-tracked = ei seurata
kpi-chart-sales = Kohdistettu myynti: { $group }
kpi-chart-trend = Kohdistettu myynti ja lähetetyt viestit jakson aikana
kpi-chart-trend-sales = Kohdistettu myynti
kpi-chart-trend-outreach = Lähetetyt viestit
kpi-leaderboard = Tulostaulukko
kpi-leaderboard-store = Tulostaulukko – { $store }
kpi-rank = #
kpi-name = Nimi
kpi-drill = Ostot
kpi-total = Yhteensä
kpi-csv = Lataa CSV
kpi-attributed-title = Kohdistetut ostot
kpi-attributed-none = Tällä jaksolla ei ole kohdistettuja ostoja.
kpi-col-date = Päivä
kpi-col-customer = Asiakas
kpi-col-amount = Osuus
kpi-col-purchase = Osto
kpi-col-associate = Myyjä
kpi-col-why = Ansaittu
kpi-more = Lisää
kpi-explanation = { $kind } { PLURAL($days) ->
    [one] { $days } päivä
   *[other] { $days } päivää
} ennen ostoa, myyjä { $name }
kpi-kind-outreach_email = Viesti lähetetty (sähköposti)
kpi-kind-outreach_sms = Viesti lähetetty (tekstiviesti)
kpi-kind-outreach_whatsapp = Viesti lähetetty (WhatsApp)
kpi-kind-appointment = Tapaaminen
kpi-kind-store_visit = Myymäläkäynti
kpi-kind-other = { $type }

attr-rules-title = Myynnin kohdistussäännöt
attr-rules-intro = Osto kohdistetaan myyjälle, jonka yhteydenotto edelsi sitä kyseisen yhteydenottotavan aikaikkunan sisällä. Tallennus laskee kaikki ostot uudelleen.
attr-rules-version = Versio { $version }
attr-rules-windows = Aikaikkunat (päivää; 0 ei huomioi yhteydenottotapaa)
attr-rules-priority = Tärkeysjärjestys sitoutumisen mukaan (1 on tärkein)
attr-rules-rank = Sija { $rank }
attr-rules-split = Kun asiakkaaseen on ollut yhteydessä useampi myyjä
attr-rules-split-last = Paras yhteydenotto saa koko oston (tärkein, sitten viimeisin)
attr-rules-split-equal = Jaetaan tasan aikaikkunan myyjien kesken
attr-rules-save = Tallenna ja laske uudelleen
attr-rules-saved = Säännöt tallennettu; kaikki ostot laskettiin uudelleen.
attr-kind-other = Muut toimenpiteet
attr-err-twice = sama yhteydenottotapa on listassa kahdesti
attr-err-max-days = saa olla enintään { $days } päivää
attr-rules-none = (ei sijoitusta)

audit-action-appointment-create = Tapaaminen varattu
audit-action-appointment-update = Tapaamista muutettu
audit-action-appointment-delete = Tapaaminen poistettu
audit-action-attribution-rules-update = Kohdistussääntöjä muutettu
permission-view-kpis = tunnuslukujen ja kohdistetun myynnin katselu
# Customer replies as an attribution contact kind
kpi-kind-reply = Asiakkaan vastaus

# Booking errors and clashes
appt-clash-with = Aika on jo varattu: myyjällä { $associate } on tapaaminen { $date } klo { $from }–{ $to } (asiakas { $customer }).
appt-err-start = Anna päivämäärä ja kellonaika.
