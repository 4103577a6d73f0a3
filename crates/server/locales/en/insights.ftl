# Measures of the insights engine: labels, values, RFM segments, default
# next best actions and the one-line explanations.

measure-churn-probability = Churn probability
measure-p-alive = Probability still active
measure-expected-purchases = Expected purchases
measure-expected-value = Expected value
measure-rfm-segment = RFM segment
measure-next-best-action = Next best action
measure-percent = { $value } %

segment-champions = Champions
segment-loyal-customers = Loyal customers
segment-potential-loyalists = Potential loyalists
segment-new-customers = New customers
segment-promising = Promising
segment-need-attention = Need attention
segment-about-to-sleep = About to sleep
segment-at-risk = At risk
segment-cant-lose-them = Can't lose them
segment-hibernating = Hibernating
segment-lost = Lost

action-private-event-invite = Invite to a private event
action-personal-call = Call personally to reconnect
action-early-access = Offer early access to the new collection
action-thank-you-note = Send a personal thank-you note
action-styling-appointment = Propose a styling appointment
action-win-back-offer = Send a win-back offer
action-personal-check-in = Send a personal check-in with new arrivals
action-keep-in-touch = Share new arrivals

explain-today = today
explain-bought-once = bought once, { $ago }
explain-lapsed = no purchase for { $since }; usually buys { $every }
explain-regular = buys about { $every }; last purchase { $ago }
explain-expected-purchases = expected purchases in the next { PLURAL($weeks) ->
    [one] week
   *[other] { $weeks } weeks
}
explain-expected-value = expected spend over the CLV horizon, discounted
explain-rfm = recency { $r }, frequency { $f }, monetary { $m } (1–5)

span-ago-day = { PLURAL($count) ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
span-ago-week = { PLURAL($count) ->
    [one] { $count } week ago
   *[other] { $count } weeks ago
}
span-ago-month = { PLURAL($count) ->
    [one] { $count } month ago
   *[other] { $count } months ago
}
span-ago-year = { PLURAL($count) ->
    [one] { $count } year ago
   *[other] { $count } years ago
}
span-for-day = { PLURAL($count) ->
    [one] { $count } day
   *[other] { $count } days
}
span-for-week = { PLURAL($count) ->
    [one] { $count } week
   *[other] { $count } weeks
}
span-for-month = { PLURAL($count) ->
    [one] { $count } month
   *[other] { $count } months
}
span-for-year = { PLURAL($count) ->
    [one] { $count } year
   *[other] { $count } years
}
span-every-day = { PLURAL($count) ->
    [one] every { $count } day
   *[other] every { $count } days
}
span-every-week = { PLURAL($count) ->
    [one] every { $count } week
   *[other] every { $count } weeks
}
span-every-month = { PLURAL($count) ->
    [one] every { $count } month
   *[other] every { $count } months
}
span-every-year = { PLURAL($count) ->
    [one] every { $count } year
   *[other] every { $count } years
}
span-each-day = every day
span-each-week = every week
span-each-month = every month
span-each-year = every year
