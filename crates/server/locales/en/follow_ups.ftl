# Follow-ups: the customer page section, my client book strip, the list page and HQ's rules.

nav-follow-ups = Follow-ups
nav-follow-up-rules = Follow-up rules
follow-ups-title = Follow-ups
follow-ups-none = No open follow-ups.
follow-ups-none-due = Nothing due this week.
follow-ups-due-title = Follow-ups due
follow-ups-all = All follow-ups
follow-ups-due-on = due { $date }
follow-ups-overdue = overdue
follow-ups-done = Done
follow-ups-dismiss = Dismiss
follow-ups-snooze = Snooze
follow-ups-snooze-until = Snooze until
follow-ups-add = Add follow-up
follow-ups-added = Follow-up added.
follow-ups-due = Due
follow-ups-reason = Reason
follow-ups-customer = Customer
follow-ups-associate = Associate
follow-ups-store = Store
follow-ups-status = Status
follow-ups-mine = Mine
follow-ups-show = Show
follow-ups-filter = Filter follow-ups
follow-ups-filter-open = Open
follow-ups-filter-snoozed = Snoozed
follow-ups-filter-done = Done
follow-ups-filter-dismissed = Dismissed
follow-ups-filter-all = All
follow-ups-status-open = open
follow-ups-status-snoozed = snoozed
follow-ups-status-done = done
follow-ups-status-dismissed = dismissed
follow-ups-reason-birthday = Birthday coming up
follow-ups-reason-anniversary = Anniversary coming up
follow-ups-reason-thank-you = Thank you for the purchase
follow-ups-reason-stay-in-touch = Stay in touch
follow-ups-reason-lapsed = Lapsing client
follow-ups-reason-appointment = Upcoming appointment: confirm it with the customer
follow-rules-title = Follow-up rules
follow-rules-intro = The rules run every day for every client-book customer and never create the same follow-up twice.
follow-rules-kind = Rule
follow-rules-setting = Setting
follow-rules-remove = Remove
follow-rules-add = Add a rule
follow-rules-save = Save rules
follow-rules-run = Run rules now
follow-rules-ran = { PLURAL($count) ->
    [one] { $count } follow-up created.
   *[other] { $count } follow-ups created.
}
follow-rules-number = Enter a number.
follow-rules-attribute = Date attribute
follow-rules-kind-date-attribute = Date coming up (birthday, anniversary…)
follow-rules-kind-thank-you = Thank you after a purchase
follow-rules-kind-stay-in-touch = Stay in touch
follow-rules-kind-lapsed = Lapsing client
follow-rules-value-date-attribute = Days ahead
follow-rules-value-thank-you = Days after the purchase
follow-rules-value-stay-in-touch = Days without contact
follow-rules-value-lapsed = Churn probability above (0–1)

# Audit log action names
audit-action-follow-up-create = Follow-up created
audit-action-follow-up-update = Follow-up updated
audit-action-follow-up-rules-update = Follow-up rules changed
audit-action-follow-up-rules-run = Follow-up rules run
