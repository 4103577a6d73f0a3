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

# gaps-ui: import, export and generate summaries, and error contexts.
cli-entity-customers = klientai
cli-entity-purchases = pirkiniai
cli-entity-attributes = atributai
cli-entity-activities = veiklos
cli-entity-client-books = klientų knygų nariai
cli-import-summary = importas ({ $entity }): perskaityta eilučių: { $read }, įterpta: { $inserted }, atnaujinta: { $updated }, nepakeista: { $unchanged }, atmesta: { $rejected }, per { $seconds } s ({ $rate } eil./s)
cli-import-rejects = Atmestos eilutės ({ $count }) įrašytos į { $path }
cli-importing = importuojama ({ $entity })
cli-exporting = eksportuojama
cli-rows = eil.
cli-export-summary = eksportuota eilučių: { $count }, per { $seconds } s ({ $rate } eil./s)
cli-erased = kliento { $account } duomenys ištrinti: { $report }
cli-phase-stores = parduotuvės
cli-phase-associates = konsultantai
cli-phase-associates-with-client-books = konsultantai su klientų knygomis
cli-phase-customers = klientai
cli-phase-attribute-values = klientų atributų reikšmės (po 6)
cli-phase-client-book-members = klientų knygų nariai
cli-phase-purchases = pirkiniai
cli-phase-activities = veiklos
cli-generate-phase = { $phase }: eilučių: { $rows }, per { $seconds } s ({ $rate } eil./s)
cli-generated = įmonė { $company } sukurta per { $seconds } s; konsultantų slaptažodis: { $password }
cli-demo-engagement = demonstraciniai kontaktai: kontaktų: { $contacts }, susitikimų: { $appointments }, pirkinių po kontakto: { $purchases }
cli-demo-follow-ups = demonstraciniai priminimai: pagal taisykles: { $rules }, įvesta ranka: { $manual }
cli-err-no-company = nėra įmonės su kodu { $code }
cli-err-company-exists = įmonė { $code } jau yra; generuokite į naują įmonę su --company
cli-err-opening = nepavyko atidaryti { $path }
cli-err-creating = nepavyko sukurti { $path }
cli-err-writing = nepavyko įrašyti į { $path }
cli-err-writing-output = nepavyko įrašyti išvesties
cli-err-no-customer = įmonėje { $company } nėra kliento { $account }
cli-err-writing-audit = nepavyko įrašyti į audito žurnalą
cli-err-creating-company = nepavyko sukurti įmonės
