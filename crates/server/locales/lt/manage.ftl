# Centrinės būstinės ir vadovų puslapiai: įžvalgų tiekėjas, savos rolės,
# klientų perskyrimas, pašalinimo atšaukimas, įtraukimas iš paieškos,
# parduotuvės pasirinkimas prisijungiant, įmonės kalba ir laiko juosta.

## Insights provider (settings)
provider-legend = Įžvalgų tiekėjas
provider-builtin = Integruotas įžvalgų variklis
provider-external = Išorinis tiekėjas
provider-url = Tiekėjo URL adresas
provider-secret-name = Slapto rakto pavadinimas
provider-secret-hint = Aplinkos kintamojo, kuriame laikomas prieigos raktas, pavadinimas (pvz., INSIGHTS_TOKEN), niekada ne pats raktas.
provider-err-unreachable = Nepavyko susisiekti su tiekėju.
provider-err-url = Išoriniam tiekėjui reikia http(s) adreso.
provider-err-secret-name = Turi būti aplinkos kintamojo pavadinimas (A–Z, 0–9, _), o ne pats slaptas raktas.
provider-err-status = Tiekėjas atsakė { $status }.
provider-err-no-secret = Slapto rakto nerasta nei kintamajame ${ $name }, nei faile, kurį nurodo ${ $name }_FILE.

## Custom roles (organisation page)
roles-new = Nauja rolė
roles-name = Rolės pavadinimas
roles-name-hint = Mažosios raidės a–z, skaitmenys, „-“, „_“ ir „.“, pvz., store-lead.
roles-create = Sukurti rolę
roles-err-no-permission = Pasirinkite bent vieną teisę.

## Adding from the search list, undo after removing
addrow-add = Įtraukti į mano knygą
addrow-add-label = Įtraukti { $name } į mano klientų knygą
addrow-in-book-of = Klientų knygoje: { $name }.
undo-button = Atšaukti
undo-restored = Klientas grąžintas į jūsų klientų knygą.
undo-conflict-of = Atšaukti nepavyko: klientas dabar yra klientų knygoje, kurios savininkas – { $name }.

## Reassigning customers (store client book)
reassign-title = Perskirti klientus
reassign-ticked = Pažymėti klientai
reassign-tick = Pažymėti { $name }
reassign-which = Kuriuos klientus
reassign-picked = { PLURAL($count) ->
    [one] Pažymėtas klientas ({ $count })
    [few] Pažymėti klientai ({ $count })
    [many] Pažymėti klientai ({ $count })
   *[other] Pažymėti klientai ({ $count })
}
reassign-all-of = Visus konsultanto klientus
reassign-from = Iš konsultanto
reassign-to = Perkelti konsultantui
reassign-choose = — pasirinkite konsultantą —
reassign-review = Peržiūrėti
reassign-confirm = Patvirtinti ir perkelti
reassign-cancel = Atšaukti
reassign-confirm-picked = { PLURAL($count) ->
    [one] Perkelti { $count } klientą į konsultanto { $to } klientų knygą?
    [few] Perkelti { $count } klientus į konsultanto { $to } klientų knygą?
    [many] Perkelti { $count } kliento į konsultanto { $to } klientų knygą?
   *[other] Perkelti { $count } klientų į konsultanto { $to } klientų knygą?
}
reassign-confirm-all = { PLURAL($count) ->
    [one] Perkelti { $count } klientą iš konsultanto { $from } klientų knygos į konsultanto { $to } knygą?
    [few] Perkelti visus { $count } klientus iš konsultanto { $from } klientų knygos į konsultanto { $to } knygą?
    [many] Perkelti visus { $count } kliento iš konsultanto { $from } klientų knygos į konsultanto { $to } knygą?
   *[other] Perkelti visus { $count } klientų iš konsultanto { $from } klientų knygos į konsultanto { $to } knygą?
}
reassign-err-to = Pasirinkite konsultantą, kuriam perkelti klientus.
reassign-err-from = Pasirinkite, kieno klientus perkelti.
reassign-err-same = Pasirinkite kitą konsultantą nei tas, iš kurio perkeliami klientai.
reassign-err-none = Kortelėse pažymėkite bent vieną klientą arba pasirinkite visus konsultanto klientus.
reassign-err-too-many = Vienu metu galima perkelti ne daugiau kaip 500 klientų.
reassign-done = { PLURAL($count) ->
    [one] Atlikta: apdorotas { $count } klientas.
    [few] Atlikta: apdoroti { $count } klientai.
    [many] Atlikta: apdorota { $count } kliento.
   *[other] Atlikta: apdorota { $count } klientų.
}
reassign-results = Rezultatai
reassign-result = Rezultatas
reassign-moved = Perkeltas į konsultanto { $name } klientų knygą.
reassign-already = Jau yra konsultanto { $name } klientų knygoje.
reassign-not-found = Tokio kliento nėra.
reassign-back = Grįžti į parduotuvės klientų knygą

## Choosing the store to work at
store-switch-title = Pasirinkite parduotuvę
store-switch-label = Parduotuvė { $store }: pasirinkti kitą parduotuvę
store-switch-current = (dabartinė)
store-switch-none = Jūs nepriskirti jokiai parduotuvei.
login-choose-store = Jei dirbate keliose parduotuvėse, parduotuvę pasirinksite prisijungę.

## Company language and time zone (settings)
company-language = Numatytoji įmonės kalba
company-language-hint = Naudojama, kai kalbos nenulemia nei konsultanto pasirinkimas, nei naršyklės kalbos.
company-time-zone = Įmonės laiko juosta
company-time-zone-hint = IANA laiko juostos pavadinimas, pvz., Europe/Vilnius. Visi laikai sąsajoje rodomi pagal ją.
company-time-zone-err = Turi būti IANA laiko juostos pavadinimas, pvz., Europe/Vilnius.
audit-action-session-store = Pasirinkta parduotuvė
