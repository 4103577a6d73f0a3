# Įžvalgų rodikliai: pavadinimai, reikšmės, RFM segmentai, numatytieji
# rekomenduojami veiksmai ir vienos eilutės paaiškinimai.

measure-churn-probability = Praradimo tikimybė
measure-p-alive = Aktyvumo tikimybė
measure-expected-purchases = Tikėtini pirkiniai
measure-expected-value = Tikėtina vertė
measure-rfm-segment = RFM segmentas
measure-next-best-action = Rekomenduojamas veiksmas
measure-percent = { $value } %

segment-champions = Čempionai
segment-loyal-customers = Lojalūs klientai
segment-potential-loyalists = Galimai lojalūs
segment-new-customers = Nauji klientai
segment-promising = Perspektyvūs
segment-need-attention = Reikia dėmesio
segment-about-to-sleep = Blėstantys
segment-at-risk = Rizikos grupė
segment-cant-lose-them = Negalima prarasti
segment-hibernating = Neaktyvūs
segment-lost = Prarasti

action-private-event-invite = Pakviesti į uždarą renginį
action-personal-call = Asmeniškai paskambinti ir atnaujinti ryšį
action-early-access = Pasiūlyti išankstinę prieigą prie naujos kolekcijos
action-thank-you-note = Išsiųsti asmeninę padėkos žinutę
action-styling-appointment = Pasiūlyti stiliaus konsultaciją
action-win-back-offer = Išsiųsti pasiūlymą sugrįžti
action-personal-check-in = Asmeniškai pasiteirauti ir papasakoti apie naujienas
action-keep-in-touch = Pasidalyti naujienomis

explain-today = šiandien
explain-bought-once = pirko vieną kartą, { $ago }
explain-lapsed = nepirko jau { $since }; paprastai perka { $every }
explain-regular = perka maždaug { $every }; paskutinis pirkinys { $ago }
explain-expected-purchases = tikėtini pirkiniai { PLURAL($weeks) ->
    [one] per ateinančią { $weeks } savaitę
    [few] per ateinančias { $weeks } savaites
    [many] per ateinančias { $weeks } savaitės
   *[other] per ateinančias { $weeks } savaičių
}
explain-expected-value = tikėtinos išlaidos per CLV laikotarpį, diskontuotos
explain-rfm = naujumas { $r }, dažnumas { $f }, piniginė vertė { $m } (1–5)

span-ago-day = prieš { PLURAL($count) ->
    [one] { $count } dieną
    [few] { $count } dienas
    [many] { $count } dienos
   *[other] { $count } dienų
}
span-ago-week = prieš { PLURAL($count) ->
    [one] { $count } savaitę
    [few] { $count } savaites
    [many] { $count } savaitės
   *[other] { $count } savaičių
}
span-ago-month = prieš { PLURAL($count) ->
    [one] { $count } mėnesį
    [few] { $count } mėnesius
    [many] { $count } mėnesio
   *[other] { $count } mėnesių
}
span-ago-year = prieš { PLURAL($count) ->
    [one] { $count } metus
    [few] { $count } metus
    [many] { $count } metų
   *[other] { $count } metų
}
span-for-day = { PLURAL($count) ->
    [one] { $count } dieną
    [few] { $count } dienas
    [many] { $count } dienos
   *[other] { $count } dienų
}
span-for-week = { PLURAL($count) ->
    [one] { $count } savaitę
    [few] { $count } savaites
    [many] { $count } savaitės
   *[other] { $count } savaičių
}
span-for-month = { PLURAL($count) ->
    [one] { $count } mėnesį
    [few] { $count } mėnesius
    [many] { $count } mėnesio
   *[other] { $count } mėnesių
}
span-for-year = { PLURAL($count) ->
    [one] { $count } metus
    [few] { $count } metus
    [many] { $count } metų
   *[other] { $count } metų
}
span-every-day = kas { PLURAL($count) ->
    [one] { $count } dieną
    [few] { $count } dienas
    [many] { $count } dienos
   *[other] { $count } dienų
}
span-every-week = kas { PLURAL($count) ->
    [one] { $count } savaitę
    [few] { $count } savaites
    [many] { $count } savaitės
   *[other] { $count } savaičių
}
span-every-month = kas { PLURAL($count) ->
    [one] { $count } mėnesį
    [few] { $count } mėnesius
    [many] { $count } mėnesio
   *[other] { $count } mėnesių
}
span-every-year = kas { PLURAL($count) ->
    [one] { $count } metus
    [few] { $count } metus
    [many] { $count } metų
   *[other] { $count } metų
}
span-each-day = kasdien
span-each-week = kas savaitę
span-each-month = kas mėnesį
span-each-year = kasmet
