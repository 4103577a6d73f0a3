# Klientų knygos, klientų paieška, kliento puslapis ir jo laiko juosta.

book-title = Mano klientų knyga
book-subtitle = { $number } · { PLURAL($count) ->
    [one] { $count } klientas
    [few] { $count } klientai
    [many] { $count } kliento
   *[other] { $count } klientų
}
store-book-title = Parduotuvės klientų knyga – { $store }
book-upcoming-label = Artėjantys įvykiai
book-upcoming = { PLURAL($days) ->
    [one] Per artimiausią { $days } dieną
    [few] Per artimiausias { $days } dienas
    [many] Per artimiausias { $days } dienos
   *[other] Per artimiausias { $days } dienų
}
book-today = šiandien
book-tomorrow = rytoj
book-in-days = po { PLURAL($days) ->
    [one] { $days } dienos
    [few] { $days } dienų
    [many] { $days } dienos
   *[other] { $days } dienų
}
book-refine = Filtrai
book-search = Ieškoti knygoje
book-search-placeholder = Vardas, el. paštas arba telefonas
book-event-within = { $event } { PLURAL($days) ->
    [one] per artimiausią { $days } dieną
    [few] per artimiausias { $days } dienas
    [many] per artimiausias { $days } dienos
   *[other] per artimiausias { $days } dienų
}
book-no-values = Reikšmių dar nėra.
book-apply = Taikyti
book-clear = Išvalyti
book-empty = Atitinkančių klientų nėra.
book-empty-add = Pridėkite klientų per klientų paiešką.
book-remove = Pašalinti iš knygos
book-remove-confirm = Pašalinti klientą { $name } iš jūsų klientų knygos?
book-removed = Pašalinta iš jūsų klientų knygos.
book-add = Įtraukti į mano klientų knygą
book-added = Įtraukta į jūsų klientų knygą.
book-already-here = Klientas jau yra jūsų klientų knygoje.
book-in-other-book = Šis klientas jau yra kito konsultanto klientų knygoje.
book-no-consent = Klientas nedavė sutikimo asmeniniam aptarnavimui.

customers-title = Klientai
customers-search = Ieškoti klientų
customers-search-placeholder = Vardas, el. paštas, telefonas arba kliento numeris
customers-none = Klientų nerasta.
customers-none-for = Pagal užklausą „{ $query }“ klientų nerasta.
customer-new = Naujas klientas

customer-card = Kliento kortelė
customer-no-book = Nėra jokioje klientų knygoje.
customer-books = { PLURAL($count) ->
    [one] Klientų knyga:
   *[other] Klientų knygos:
}
customer-measures = Rodikliai
customer-no-measures = Rodiklių dar nėra: centrinė būstinė juos apskaičiuoja pagal pirkinius.
customer-purchases = Pirkiniai
customer-chart = Išlaidos pagal mėnesius per pastaruosius 24 mėnesius
customer-this-month = Šį mėnesį
customer-months-ago = { PLURAL($count) ->
    [one] Prieš { $count } mėnesį
    [few] Prieš { $count } mėnesius
    [many] Prieš { $count } mėnesio
   *[other] Prieš { $count } mėnesių
}
customer-bar = { $when }: { $amount }
customer-total = Iš viso { $amount }
customer-attributes = Savybės
customer-save-attributes = Išsaugoti savybes
customer-contact = Kontaktai

field-account = Kliento numeris
field-first-name = Vardas
field-last-name = Pavardė
field-email = El. paštas
field-phone = Telefonas
field-street = Gatvė
field-postal-code = Pašto kodas
field-city = Miestas
field-country = Šalis (ISO kodas)
field-consent = Sutinka su asmeniniu aptarnavimu

timeline-title = Laiko juosta
timeline-log = Registruoti veiklą
timeline-type = Veiklos tipas
timeline-description = Aprašymas
timeline-due = Kitas susisiekimas
timeline-add-note = Pridėti pastabą
timeline-note = Pastaba
visibility-legend = Kas gali skaityti
visibility-private = Tik aš
visibility-store = Mano parduotuvių konsultantai
visibility-company = Visi įmonės darbuotojai
visibility-private-badge = tik autorius
visibility-store-badge = autoriaus parduotuvės
visibility-company-badge = visi
timeline-filter = Filtruoti laiko juostą
timeline-show = Rodyti
timeline-all = Veiklos ir pastabos
timeline-activities = Tik veiklos
timeline-notes = Tik pastabos
timeline-edited = redaguota
timeline-due-badge = terminas { $date }
timeline-edit-or-delete = Redaguoti arba ištrinti
timeline-note-text = Pastabos tekstas
timeline-save-note = Išsaugoti pastabą
timeline-delete-note = Ištrinti pastabą
timeline-empty = Laiko juostoje dar nieko nėra.
