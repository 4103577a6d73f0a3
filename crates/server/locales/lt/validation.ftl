# Tikrinimo ir konfliktų pranešimai, rodomi prie formos laukų.

err-empty = negali būti tuščias
err-required = privalomas
err-control-chars = negali turėti valdymo simbolių
err-code-chars = gali turėti tik raides a–z, skaitmenis ir simbolius - _ .
err-email = įveskite el. pašto adresą, pvz., vardas@pavyzdys.lt
err-phone = įveskite telefono numerį: skaitmenys, pradžioje gali būti +
err-country = įveskite dviejų raidžių ISO 3166 šalies kodą, pvz., LT
err-unchangeable = negali būti keičiamas
err-attribute-name = 1–64 simboliai: a–z, 0–9, _ ir -
err-name-twice = šioje grupėje naudojamas du kartus
err-enum-needs-values = sąrašui reikia bent vienos reikšmės
err-enum-values = reikšmės turi būti ne ilgesnės kaip 100 simbolių ir be kablelių
err-values-only-enum = reikšmes turi tik sąrašo tipo savybės
err-date = įveskite datą, pvz., 2026-03-31
err-number = įveskite skaičių
err-boolean = pasirinkite „taip“ arba „ne“
err-visibility = pasirinkite vieną iš matomumo parinkčių
err-note-unchanged = pakeiskite tekstą arba matomumą
err-type-inactive = šis veiklos tipas išjungtas
err-no-type = tokio veiklos tipo nėra
err-prefix = ne daugiau kaip 16 spausdinamų simbolių
err-width = įveskite sveikąjį skaičių nuo 1 iki 12
err-whole-number = įveskite sveikąjį skaičių
err-next = ne mažiau kaip 1 ir turi tilpti į numerio ilgį
err-books-per-customer = įveskite skaičių, ne mažesnį kaip 1, arba „neribota“
err-card-measures-max = kortelėje telpa ne daugiau kaip 3 rodikliai
err-card-measures-repeat = rodikliai negali kartotis
err-not-your-store = tai ne jūsų parduotuvė
err-locale = pasirinkite en, fi arba lt
err-no-store = tokios parduotuvės nėra
err-no-associate = tokio darbuotojo nėra
err-max-chars = ne daugiau kaip { PLURAL($count) ->
    [one] { $count } simbolis
    [few] { $count } simboliai
    [many] { $count } simbolio
   *[other] { $count } simbolių
}
err-min-chars = ne mažiau kaip { PLURAL($count) ->
    [one] { $count } simbolis
    [few] { $count } simboliai
    [many] { $count } simbolio
   *[other] { $count } simbolių
}
err-one-of = pasirinkite vieną iš: { $values }
err-kind-value = įveskite tipo „{ $kind }“ reikšmę
err-no-attribute-group = savybių grupės „{ $name }“ nėra
err-no-role = vaidmens „{ $name }“ nėra
err-no-code = kodo „{ $code }“ nėra

conflict-customer-account = klientas su tokiu numeriu jau yra
conflict-customer-alternate-id = kitas klientas jau turi šį alternatyvų identifikatorių
conflict-username = darbuotojas su tokiu naudotojo vardu jau yra
conflict-store-code = parduotuvė su tokiu kodu jau yra
conflict-address-book-code = adresų knyga su tokiu kodu jau yra
conflict-role-name = vaidmuo tokiu pavadinimu jau yra
conflict-company-code = įmonė su tokiu kodu jau yra
conflict-activity-type-code = veiklos tipas su tokiu kodu jau yra
conflict-activity-type-in-use = šio tipo veiklų jau užregistruota; užuot ištrynę, išjunkite tipą
conflict-clienteling-disabled = Šioje įmonėje klientų knygos išjungtos.
conflict-generic = prieštarauja esamiems duomenims
insights-error-no-purchases = iki skaičiavimo pabaigos datos pirkinių nėra
