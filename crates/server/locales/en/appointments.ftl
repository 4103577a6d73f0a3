# Appointments and the calendar, the manager dashboard (KPIs, leaderboard,
# attributed sales) and HQ's attribution rules.

nav-appt-calendar = Calendar
nav-appt-dashboard = Dashboard
nav-appt-attribution = Attribution

appt-calendar-title = Calendar
appt-view-day = Day
appt-view-week = Week
appt-previous = Previous
appt-next = Next
appt-today = Today
appt-associate = Associate
appt-store = Store
appt-all-stores = All my stores
appt-mine = My appointments
appt-show = Show
appt-none = No appointments.
appt-book = Book an appointment
appt-book-title = Book an appointment
appt-customer = Customer account
appt-start = Start
appt-duration = Duration (minutes)
appt-purpose = Purpose
appt-booked = Appointment booked.
appt-ics = Add to calendar (.ics)
appt-with = { $time } · { $customer } · { $associate }
appt-status-booked = Booked
appt-status-held = Held
appt-status-cancelled = Cancelled
appt-status-no_show = No-show
appt-mark-held = Mark held
appt-cancel = Cancel
appt-clash = This time is taken: { $detail }
appt-for = For
appt-open-customer = Open customer

kpi-title = Dashboard
kpi-period = Period
kpi-from = From
kpi-to = To
kpi-group = Rows
kpi-group-associate = Associates
kpi-group-store = Stores
kpi-apply = Apply
kpi-previous = Previous period: { $value }
kpi-no-previous = No previous data
kpi-outreach = Outreach sent
kpi-outreach-email = E-mail
kpi-outreach-sms = SMS
kpi-outreach-whatsapp = WhatsApp
kpi-follow-ups-done = Follow-ups done
kpi-follow-ups-overdue = Follow-ups overdue
kpi-appointments = Appointments held
kpi-customers-added = Customers added to books
kpi-orders = Attributed orders
kpi-sales = Attributed sales
kpi-conversion = Conversion
kpi-days-to-convert = Average days to convert
kpi-days = { $days } { PLURAL($days) ->
    [one] day
   *[other] days
}
kpi-not-tracked = not tracked
kpi-chart-sales = Attributed sales by { $group }
kpi-chart-trend = Attributed sales and outreach over the period
kpi-chart-trend-sales = Attributed sales
kpi-chart-trend-outreach = Outreach sent
kpi-leaderboard = Leaderboard
kpi-leaderboard-store = Leaderboard – { $store }
kpi-rank = #
kpi-name = Name
kpi-drill = Purchases
kpi-total = Total
kpi-csv = Download CSV
kpi-attributed-title = Attributed purchases
kpi-attributed-none = No attributed purchases in this period.
kpi-col-date = Date
kpi-col-customer = Customer
kpi-col-amount = Share
kpi-col-purchase = Purchase
kpi-col-associate = Associate
kpi-col-why = Earned by
kpi-more = More
kpi-explanation = { $kind } { PLURAL($days) ->
    [one] { $days } day
   *[other] { $days } days
} before by { $name }
kpi-kind-outreach_email = Message sent (e-mail)
kpi-kind-outreach_sms = Message sent (SMS)
kpi-kind-outreach_whatsapp = Message sent (WhatsApp)
kpi-kind-appointment = Appointment
kpi-kind-store_visit = Store visit
kpi-kind-other = { $type }

attr-rules-title = Attribution rules
attr-rules-intro = A purchase is credited to the associate whose contact preceded it within the window for that kind of contact. Saving recomputes every purchase.
attr-rules-version = Version { $version }
attr-rules-windows = Windows (days; 0 switches a kind off)
attr-rules-priority = Priority by engagement (1 is the highest)
attr-rules-rank = Rank { $rank }
attr-rules-split = When several associates contacted the customer
attr-rules-split-last = The best contact takes it all (highest priority, then latest)
attr-rules-split-equal = Split equally among the associates in the window
attr-rules-save = Save and recompute
attr-rules-saved = Rules saved; every purchase was recomputed.
appt-err-end = must be after the start
appt-err-customer = no customer has this account number
appt-err-duration = must be 5 to 480 minutes
attr-kind-other = Other activities
attr-err-twice = lists a kind of contact twice
attr-err-max-days = must be at most { $days } days
attr-rules-none = (not ranked)

audit-action-appointment-create = Appointment booked
audit-action-appointment-update = Appointment changed
audit-action-appointment-delete = Appointment deleted
audit-action-attribution-rules-update = Attribution rules changed
permission-view-kpis = view KPIs and attributed sales
# Customer replies as an attribution contact kind
kpi-kind-reply = Customer reply

# Booking errors and clashes
appt-clash-with = This time is taken: { $associate } already has an appointment on { $date } from { $from } to { $to } with { $customer }.
appt-err-start = Enter the date and time.
