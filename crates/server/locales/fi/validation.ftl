# Lomakekenttien vieressä näkyvät tarkistus- ja ristiriitailmoitukset.

err-empty = ei saa olla tyhjä
err-required = on pakollinen
err-control-chars = ei saa sisältää ohjausmerkkejä
err-code-chars = saa sisältää vain kirjaimia a–z, numeroita sekä merkkejä - _ ja .
err-email = anna sähköpostiosoite muodossa nimi@esimerkki.fi
err-phone = anna puhelinnumero: numeroita, alussa voi olla +
err-country = anna kaksikirjaiminen ISO 3166 -maakoodi, esim. FI
err-unchangeable = ei voi muuttaa
err-attribute-name = 1–64 merkkiä: a–z, 0–9, _ ja -
err-name-twice = on ryhmässä kahdesti
err-enum-needs-values = luettelolla on oltava vähintään yksi arvo
err-enum-values = arvot saavat olla enintään 100 merkkiä eivätkä saa sisältää pilkkua
err-values-only-enum = vain luettelo-ominaisuuksilla on arvoja
err-date = anna päivämäärä muodossa 2026-03-31
err-number = anna luku
err-boolean = valitse kyllä tai ei
err-visibility = valitse yksi näkyvyysvaihtoehdoista
err-note-unchanged = muuta tekstiä tai näkyvyyttä
err-type-inactive = tämä toimenpidetyyppi ei ole käytössä
err-no-type = toimenpidetyyppiä ei ole
err-prefix = enintään 16 tulostettavaa merkkiä
err-width = anna kokonaisluku väliltä 1–12
err-whole-number = anna kokonaisluku
err-next = vähintään 1, ja numeron on mahduttava pituuteen
err-books-per-customer = anna luku, joka on vähintään 1, tai ”rajoittamaton”
err-card-measures-max = kortille mahtuu enintään 3 mittaria
err-card-measures-repeat = sama mittari ei saa olla kahdesti
err-not-your-store = ei ole sinun myymäläsi
err-locale = valitse en, fi tai lt
err-no-store = myymälää ei ole
err-no-associate = myyjää ei ole
err-max-chars = enintään { PLURAL($count) ->
    [one] { $count } merkki
   *[other] { $count } merkkiä
}
err-min-chars = vähintään { PLURAL($count) ->
    [one] { $count } merkki
   *[other] { $count } merkkiä
}
err-one-of = valitse jokin seuraavista: { $values }
err-kind-value = anna tyyppiä ”{ $kind }” oleva arvo
err-no-attribute-group = ominaisuusryhmää ”{ $name }” ei ole
err-no-role = roolia ”{ $name }” ei ole
err-no-code = koodia ”{ $code }” ei ole

conflict-customer-account = tällä asiakasnumerolla on jo asiakas
conflict-customer-alternate-id = toisella asiakkaalla on jo tämä vaihtoehtoinen tunnus
conflict-username = tällä käyttäjätunnuksella on jo myyjä
conflict-store-code = tällä koodilla on jo myymälä
conflict-address-book-code = tällä koodilla on jo osoitekirja
conflict-role-name = tällä nimellä on jo rooli
conflict-company-code = tällä koodilla on jo yritys
conflict-activity-type-code = tällä koodilla on jo toimenpidetyyppi
conflict-activity-type-in-use = tämän tyyppisiä toimenpiteitä on jo kirjattu; poista tyyppi käytöstä poistamisen sijaan
conflict-clienteling-disabled = Asiakaskirjat eivät ole käytössä tässä yrityksessä.
conflict-generic = ristiriidassa olemassa olevien tietojen kanssa
insights-error-no-purchases = ennen laskennan rajapäivää ei ole ostoja
