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
