# Komentorivityökalun viestit (crates/cli/src/msg.rs). Ohjelmien lukemia
# rivejä (`demo login: …`) ei käännetä.
cli-error = virhe: { $detail }
cli-error-runtime = virhe: asynkronista ajoympäristöä ei voitu käynnistää: { $detail }
cli-migrations-applied = tietokantamuutokset ajettu
cli-company-created = yritys { $code } luotu
cli-database-ok = tietokanta kunnossa
cli-database-problems = tietokannassa on ongelmia:
cli-listening = kuunnellaan osoitteessa { $url }
cli-associate-created = myyjä { $username } luotu roolilla { $role }
cli-generated-password = luotu salasana: { $password }
cli-demo-reused = käytetään olemassa olevaa demoyritystä
cli-demo-built = demo luotu: { PLURAL($count) ->
    [one] { $count } asiakas
   *[other] { $count } asiakasta
}, { PLURAL($purchases) ->
    [one] { $purchases } osto
   *[other] { $purchases } ostoa
}, { $seconds } s
cli-demo-insights = demon analytiikka: { PLURAL($count) ->
    [one] { $count } mittari kirjoitettu
   *[other] { $count } mittaria kirjoitettu
}

# gaps-ui: import, export and generate summaries, and error contexts.
cli-entity-customers = asiakkaat
cli-entity-purchases = ostot
cli-entity-attributes = ominaisuudet
cli-entity-activities = toimenpiteet
cli-entity-client-books = asiakaskirjojen asiakkaat
cli-import-summary = tuonti ({ $entity }): luettu { $read }, lisätty { $inserted }, päivitetty { $updated }, ennallaan { $unchanged }, hylätty { $rejected }; aikaa { $seconds } s ({ $rate } riviä/s)
cli-import-rejects = { PLURAL($count) ->
    [one] { $count } hylätty rivi kirjoitettu tiedostoon { $path }
   *[other] { $count } hylättyä riviä kirjoitettu tiedostoon { $path }
}
cli-importing = tuodaan ({ $entity })
cli-exporting = viedään
cli-rows = riviä
cli-export-summary = { PLURAL($count) ->
    [one] viety { $count } rivi
   *[other] viety { $count } riviä
}, aikaa { $seconds } s ({ $rate } riviä/s)
cli-erased = asiakkaan { $account } tiedot poistettu: { $report }
cli-phase-stores = myymälät
cli-phase-associates = myyjät
cli-phase-associates-with-client-books = myyjät ja asiakaskirjat
cli-phase-customers = asiakkaat
cli-phase-attribute-values = asiakkaiden ominaisuuksien arvot (6 kullakin)
cli-phase-client-book-members = asiakaskirjojen asiakkaat
cli-phase-purchases = ostot
cli-phase-activities = toimenpiteet
cli-generate-phase = { $phase }: rivejä { $rows }, aikaa { $seconds } s ({ $rate } riviä/s)
cli-generated = yritys { $company } luotu, aikaa { $seconds } s; myyjien salasana on { $password }
cli-demo-engagement = demon asiakaskontaktit: { $contacts } yhteydenottoa, { $appointments } tapaamista, { $purchases } ostoa yhteydenoton jälkeen
cli-demo-follow-ups = demon muistutukset: { $rules } säännöistä, { $manual } käsin lisättyä
cli-err-no-company = yritystä tunnuksella { $code } ei ole
cli-err-company-exists = yritys { $code } on jo olemassa; luo aineisto uuteen yritykseen valitsimella --company
cli-err-opening = tiedoston { $path } avaaminen epäonnistui
cli-err-creating = tiedoston { $path } luominen epäonnistui
cli-err-writing = tiedostoon { $path } kirjoittaminen epäonnistui
cli-err-writing-output = tulosteen kirjoittaminen epäonnistui
cli-err-no-customer = yrityksellä { $company } ei ole asiakasta { $account }
cli-err-writing-audit = tapahtumalokiin kirjoittaminen epäonnistui
cli-err-creating-company = yrityksen luominen epäonnistui
