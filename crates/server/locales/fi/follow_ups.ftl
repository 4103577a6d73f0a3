# Follow-ups: the customer page section, my client book strip, the list page and HQ's rules.

nav-follow-ups = Seurannat
nav-follow-up-rules = Seurantasäännöt
follow-ups-title = Seurannat
follow-ups-none = Ei avoimia seurantoja.
follow-ups-none-due = Tällä viikolla ei erääntyviä seurantoja.
follow-ups-due-title = Erääntyvät seurannat
follow-ups-all = Kaikki seurannat
follow-ups-due-on = erääntyy { $date }
follow-ups-overdue = myöhässä
follow-ups-done = Tehty
follow-ups-dismiss = Hylkää
follow-ups-snooze = Siirrä
follow-ups-snooze-until = Siirrä päivään
follow-ups-add = Lisää seuranta
follow-ups-added = Seuranta lisätty.
follow-ups-due = Eräpäivä
follow-ups-reason = Syy
follow-ups-customer = Asiakas
follow-ups-associate = Myyjä
follow-ups-store = Myymälä
follow-ups-status = Tila
follow-ups-mine = Omat
follow-ups-show = Näytä
follow-ups-filter = Suodata seurantoja
follow-ups-filter-open = Avoimet
follow-ups-filter-snoozed = Siirretyt
follow-ups-filter-done = Tehdyt
follow-ups-filter-dismissed = Hylätyt
follow-ups-filter-all = Kaikki
follow-ups-status-open = avoin
follow-ups-status-snoozed = siirretty
follow-ups-status-done = tehty
follow-ups-status-dismissed = hylätty
follow-ups-reason-birthday = Syntymäpäivä lähestyy
follow-ups-reason-anniversary = Vuosipäivä lähestyy
follow-ups-reason-thank-you = Kiitos ostoksesta
follow-ups-reason-stay-in-touch = Pidä yhteyttä
follow-ups-reason-lapsed = Asiakas on jäämässä pois
follow-ups-reason-appointment = Tuleva tapaaminen: vahvista se asiakkaalle
follow-rules-title = Seurantasäännöt
follow-rules-intro = Säännöt ajetaan päivittäin kaikille asiakaskirjojen asiakkaille, eivätkä ne koskaan luo samaa seurantaa kahdesti.
follow-rules-kind = Sääntö
follow-rules-setting = Asetus
follow-rules-remove = Poista
follow-rules-add = Lisää sääntö
follow-rules-save = Tallenna säännöt
follow-rules-run = Aja säännöt nyt
follow-rules-ran = { PLURAL($count) ->
    [one] { $count } seuranta luotu.
   *[other] { $count } seurantaa luotu.
}
follow-rules-number = Anna luku.
follow-rules-attribute = Päivämäärämääre
follow-rules-kind-date-attribute = Päivämäärä lähestyy (syntymäpäivä, vuosipäivä…)
follow-rules-kind-thank-you = Kiitos ostoksen jälkeen
follow-rules-kind-stay-in-touch = Pidä yhteyttä
follow-rules-kind-lapsed = Asiakas on jäämässä pois
follow-rules-value-date-attribute = Päivää ennen
follow-rules-value-thank-you = Päivää ostoksen jälkeen
follow-rules-value-stay-in-touch = Päivää ilman yhteydenottoa
follow-rules-value-lapsed = Poistuman todennäköisyys yli (0–1)

# Audit log action names
audit-action-follow-up-create = Seuranta luotu
audit-action-follow-up-update = Seurantaa muutettu
audit-action-follow-up-rules-update = Seurantasääntöjä muutettu
audit-action-follow-up-rules-run = Seurantasäännöt ajettu
