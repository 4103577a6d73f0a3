# Asiakaskirjat, asiakashaku, asiakassivu ja sen aikajana.

book-title = Oma asiakaskirja
book-subtitle = { $number } · { PLURAL($count) ->
    [one] { $count } asiakas
   *[other] { $count } asiakasta
}
store-book-title = Myymälän asiakaskirja – { $store }
book-upcoming-label = Tulevat tapahtumat
book-upcoming = Tulossa { PLURAL($days) ->
    [one] huomenna
   *[other] seuraavan { $days } päivän aikana
}
book-today = tänään
book-tomorrow = huomenna
book-in-days = { $days } päivän päästä
book-refine = Rajaus
book-search = Hae asiakaskirjasta
book-search-placeholder = Nimi, sähköposti tai puhelin
book-event-within = { $event } { PLURAL($days) ->
    [one] huomenna
   *[other] seuraavan { $days } päivän aikana
}
book-no-values = Ei vielä arvoja.
book-apply = Rajaa
book-clear = Tyhjennä
book-empty = Ehtoja vastaavia asiakkaita ei ole.
book-empty-add = Lisää asiakkaita asiakashaun kautta.
book-remove = Poista asiakaskirjasta
book-remove-confirm = Poistetaanko { $name } asiakaskirjastasi?
book-removed = Poistettu asiakaskirjastasi.
book-add = Lisää omaan asiakaskirjaan
book-added = Lisätty asiakaskirjaasi.
book-already-here = Asiakas on jo asiakaskirjassasi.
book-in-other-book = Asiakas on jo toisen myyjän asiakaskirjassa.
book-no-consent = Asiakas ei ole antanut suostumusta henkilökohtaiseen asiakaspalveluun.

customers-title = Asiakkaat
customers-search = Hae asiakkaita
customers-search-placeholder = Nimi, sähköposti, puhelin tai asiakasnumero
customers-none = Asiakkaita ei löytynyt.
customers-none-for = Haulla ”{ $query }” ei löytynyt asiakkaita.
customer-new = Uusi asiakas

customer-card = Asiakaskortti
customer-no-book = Ei yhdessäkään asiakaskirjassa.
customer-books = { PLURAL($count) ->
    [one] Asiakaskirja:
   *[other] Asiakaskirjat:
}
customer-measures = Mittarit
customer-no-measures = Mittareita ei vielä ole: pääkonttori laskee ne ostoista.
customer-purchases = Ostot
customer-chart = Ostot kuukausittain viimeisten 24 kuukauden ajalta
customer-this-month = Tämä kuukausi
customer-months-ago = { PLURAL($count) ->
    [one] { $count } kuukausi sitten
   *[other] { $count } kuukautta sitten
}
customer-bar = { $when }: { $amount }
customer-total = Yhteensä { $amount }
customer-attributes = Ominaisuudet
customer-save-attributes = Tallenna ominaisuudet
customer-contact = Yhteystiedot

field-account = Asiakasnumero
field-first-name = Etunimi
field-last-name = Sukunimi
field-email = Sähköposti
field-phone = Puhelin
field-street = Katuosoite
field-postal-code = Postinumero
field-city = Kaupunki
field-country = Maa (ISO-koodi)
field-consent = Suostuu henkilökohtaiseen asiakaspalveluun

timeline-title = Aikajana
timeline-log = Kirjaa toimenpide
timeline-type = Toimenpiteen tyyppi
timeline-description = Kuvaus
timeline-due = Seuraava yhteydenotto
timeline-add-note = Lisää muistiinpano
timeline-note = Muistiinpano
visibility-legend = Kuka voi lukea
visibility-private = Vain minä
visibility-store = Myymälöideni myyjät
visibility-company = Kaikki yrityksessä
visibility-private-badge = vain kirjoittaja
visibility-store-badge = kirjoittajan myymälät
visibility-company-badge = kaikki
timeline-filter = Rajaa aikajanaa
timeline-show = Näytä
timeline-all = Toimenpiteet ja muistiinpanot
timeline-activities = Vain toimenpiteet
timeline-notes = Vain muistiinpanot
timeline-edited = muokattu
timeline-due-badge = määräpäivä { $date }
timeline-edit-or-delete = Muokkaa tai poista
timeline-note-text = Muistiinpanon teksti
timeline-save-note = Tallenna muistiinpano
timeline-delete-note = Poista muistiinpano
timeline-empty = Aikajanalla ei ole vielä merkintöjä.
