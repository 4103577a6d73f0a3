# Komandinės eilutės įrankio pranešimai (crates/cli/src/msg.rs). Programų
# skaitomos eilutės (`demo login: …`) neverčiamos.
cli-error = klaida: { $detail }
cli-error-runtime = klaida: nepavyko paleisti asinchroninės vykdymo aplinkos: { $detail }
cli-migrations-applied = duomenų bazės migracijos pritaikytos
cli-company-created = įmonė { $code } sukurta
cli-database-ok = duomenų bazė tvarkinga
cli-database-problems = duomenų bazėje yra problemų:
cli-listening = klausomasi adresu { $url }
cli-associate-created = konsultantas { $username } sukurtas su role { $role }
cli-generated-password = sugeneruotas slaptažodis: { $password }
cli-demo-reused = naudojama esama demonstracinė įmonė
cli-demo-built = demonstracinė įmonė sukurta: { PLURAL($count) ->
    [one] { $count } klientas
    [few] { $count } klientai
    [many] { $count } kliento
   *[other] { $count } klientų
}, { PLURAL($purchases) ->
    [one] { $purchases } pirkimas
    [few] { $purchases } pirkimai
    [many] { $purchases } pirkimo
   *[other] { $purchases } pirkimų
} per { $seconds } s
cli-demo-insights = demonstracinės įžvalgos: { PLURAL($count) ->
    [one] įrašytas { $count } rodiklis
    [few] įrašyti { $count } rodikliai
    [many] įrašyta { $count } rodiklio
   *[other] įrašyta { $count } rodiklių
}
