# Pääkonttorin ja esimiesten sivut: analytiikkapalvelu, omat roolit,
# asiakkaiden siirto, poiston peruutus, lisäys hakulistasta, myymälän valinta
# kirjautuessa, yrityksen kieli ja aikavyöhyke.

## Insights provider (settings)
provider-legend = Analytiikkapalvelu
provider-builtin = Sisäänrakennettu analytiikka
provider-external = Ulkoinen palvelu
provider-url = Palvelun osoite (URL)
provider-secret-name = Salaisuuden nimi
provider-secret-hint = Tunnisteen sisältävän ympäristömuuttujan nimi (esim. INSIGHTS_TOKEN), ei koskaan itse tunnistetta.
provider-err-unreachable = Palveluun ei saatu yhteyttä.
provider-err-url = Ulkoinen palvelu tarvitsee http(s)-osoitteen.
provider-err-secret-name = Anna ympäristömuuttujan nimi (A–Z, 0–9, _), älä itse salaisuutta.
provider-err-status = Palvelu vastasi { $status }.
provider-err-no-secret = Salaisuutta ei löytynyt muuttujasta ${ $name } eikä tiedostosta, jonka nimeää ${ $name }_FILE.

## Custom roles (organisation page)
roles-new = Uusi rooli
roles-name = Roolin nimi
roles-name-hint = Pienet kirjaimet a–z, numerot, ”-”, ”_” ja ”.”, esim. store-lead.
roles-create = Luo rooli
roles-err-no-permission = Valitse vähintään yksi oikeus.

## Adding from the search list, undo after removing
addrow-add = Lisää kirjaani
addrow-add-label = Lisää { $name } asiakaskirjaani
addrow-in-book-of = Asiakaskirjassa: { $name }.
undo-button = Peru
undo-restored = Asiakas palautettiin asiakaskirjaasi.
undo-conflict-of = Peruminen ei onnistunut: asiakas on nyt asiakaskirjassa, jonka omistaa { $name }.

## Reassigning customers (store client book)
reassign-title = Siirrä asiakkaita
reassign-ticked = Valitut asiakkaat
reassign-tick = Valitse { $name }
reassign-which = Mitkä asiakkaat
reassign-picked = { PLURAL($count) ->
    [one] Valittu asiakas ({ $count })
   *[other] Valitut asiakkaat ({ $count })
}
reassign-all-of = Kaikki asiakkaat myyjältä
reassign-from = Myyjältä
reassign-to = Siirrä myyjälle
reassign-choose = — valitse myyjä —
reassign-review = Tarkista
reassign-confirm = Vahvista siirto
reassign-cancel = Peruuta
reassign-confirm-picked = { PLURAL($count) ->
    [one] Siirretäänkö { $count } asiakas myyjän { $to } asiakaskirjaan?
   *[other] Siirretäänkö { $count } asiakasta myyjän { $to } asiakaskirjaan?
}
reassign-confirm-all = { PLURAL($count) ->
    [one] Siirretäänkö { $count } asiakas myyjän { $from } asiakaskirjasta myyjän { $to } asiakaskirjaan?
   *[other] Siirretäänkö kaikki { $count } asiakasta myyjän { $from } asiakaskirjasta myyjän { $to } asiakaskirjaan?
}
reassign-err-to = Valitse myyjä, jolle asiakkaat siirretään.
reassign-err-from = Valitse, kenen asiakkaat siirretään.
reassign-err-same = Valitse eri myyjä kuin se, jolta asiakkaat siirretään.
reassign-err-none = Valitse korteista vähintään yksi asiakas tai kaikki yhden myyjän asiakkaat.
reassign-err-too-many = Kerralla voi siirtää enintään 500 asiakasta.
reassign-done = { PLURAL($count) ->
    [one] Valmis: { $count } asiakas käsitelty.
   *[other] Valmis: { $count } asiakasta käsitelty.
}
reassign-results = Tulokset
reassign-result = Tulos
reassign-moved = Siirretty myyjän { $name } asiakaskirjaan.
reassign-already = Oli jo myyjän { $name } asiakaskirjassa.
reassign-not-found = Asiakasta ei löydy.
reassign-back = Takaisin myymälän asiakaskirjaan

## Choosing the store to work at
store-switch-title = Valitse myymäläsi
store-switch-label = Myymälä { $store }: valitse toinen myymälä
store-switch-current = (nykyinen)
store-switch-none = Sinua ei ole liitetty yhteenkään myymälään.
login-choose-store = Jos työskentelet useassa myymälässä, valitset myymälän kirjautumisen jälkeen.

## Company language and time zone (settings)
company-language = Yrityksen oletuskieli
company-language-hint = Käytetään, kun myyjän oma valinta tai selaimen kielet eivät ratkaise kieltä.
company-time-zone = Yrityksen aikavyöhyke
company-time-zone-hint = IANA-aikavyöhykkeen nimi, esim. Europe/Helsinki. Kaikki käyttöliittymän ajat näytetään siinä.
company-time-zone-err = Anna IANA-aikavyöhykkeen nimi, esim. Europe/Helsinki.
audit-action-session-store = Myymälä valittu
