# Analyysien mittarit: nimet, arvot, RFM-segmentit, oletustoimenpiteet ja
# yhden rivin selitykset.

measure-churn-probability = Poistuman todennäköisyys
measure-p-alive = Aktiivisuuden todennäköisyys
measure-expected-purchases = Odotetut ostot
measure-expected-value = Odotettu arvo
measure-rfm-segment = RFM-segmentti
measure-next-best-action = Suositeltu toimenpide
measure-percent = { $value } %

segment-champions = Mestarit
segment-loyal-customers = Uskolliset asiakkaat
segment-potential-loyalists = Tulevat vakioasiakkaat
segment-new-customers = Uudet asiakkaat
segment-promising = Lupaavat
segment-need-attention = Huomiota tarvitsevat
segment-about-to-sleep = Hiipuvat
segment-at-risk = Menetyksen vaarassa
segment-cant-lose-them = Ei saa menettää
segment-hibernating = Horroksessa
segment-lost = Menetetyt

action-private-event-invite = Kutsu yksityistilaisuuteen
action-personal-call = Soita henkilökohtaisesti ja palauta yhteys
action-early-access = Tarjoa ennakkopääsy uuteen mallistoon
action-thank-you-note = Lähetä henkilökohtainen kiitosviesti
action-styling-appointment = Ehdota stailaustapaamista
action-win-back-offer = Lähetä paluutarjous
action-personal-check-in = Lähetä henkilökohtainen kuulumisviesti ja uutuuksia
action-keep-in-touch = Kerro uutuuksista

explain-today = tänään
explain-bought-once = ostanut kerran, { $ago }
explain-lapsed = ei ostoja { $since }; ostaa yleensä { $every }
explain-regular = ostaa noin { $every }; viimeisin osto { $ago }
explain-expected-purchases = odotetut ostot { PLURAL($weeks) ->
    [one] seuraavan viikon
   *[other] seuraavan { $weeks } viikon
} aikana
explain-expected-value = odotettu ostosumma CLV-jaksolla diskontattuna
explain-rfm = tuoreus { $r }, tiheys { $f }, rahamäärä { $m } (1–5)

span-ago-day = { PLURAL($count) ->
    [one] päivä sitten
   *[other] { $count } päivää sitten
}
span-ago-week = { PLURAL($count) ->
    [one] viikko sitten
   *[other] { $count } viikkoa sitten
}
span-ago-month = { PLURAL($count) ->
    [one] kuukausi sitten
   *[other] { $count } kuukautta sitten
}
span-ago-year = { PLURAL($count) ->
    [one] vuosi sitten
   *[other] { $count } vuotta sitten
}
span-for-day = { PLURAL($count) ->
    [one] päivään
   *[other] { $count } päivään
}
span-for-week = { PLURAL($count) ->
    [one] viikkoon
   *[other] { $count } viikkoon
}
span-for-month = { PLURAL($count) ->
    [one] kuukauteen
   *[other] { $count } kuukauteen
}
span-for-year = { PLURAL($count) ->
    [one] vuoteen
   *[other] { $count } vuoteen
}
span-every-day = { $count } päivän välein
span-every-week = { $count } viikon välein
span-every-month = { $count } kuukauden välein
span-every-year = { $count } vuoden välein
span-each-day = päivittäin
span-each-week = kerran viikossa
span-each-month = kerran kuukaudessa
span-each-year = kerran vuodessa
