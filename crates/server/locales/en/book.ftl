# Client books, customer search, the customer page and its timeline.

book-title = My client book
book-subtitle = { $number } · { PLURAL($count) ->
    [one] { $count } customer
   *[other] { $count } customers
}
store-book-title = Store client book — { $store }
book-upcoming-label = Upcoming events
book-upcoming = Upcoming in the next { PLURAL($days) ->
    [one] day
   *[other] { $days } days
}
book-today = today
book-tomorrow = tomorrow
book-in-days = in { PLURAL($days) ->
    [one] { $days } day
   *[other] { $days } days
}
book-refine = Refine
book-search = Search in book
book-search-placeholder = Name, e-mail or phone
book-event-within = { $event } in the next { PLURAL($days) ->
    [one] day
   *[other] { $days } days
}
book-no-values = No values yet.
book-apply = Apply
book-clear = Clear
book-empty = No customers match.
book-empty-add = Add customers from customer search.
book-remove = Remove from book
book-remove-confirm = Remove { $name } from your client book?
book-removed = Removed from your client book.
book-add = Add to my client book
book-added = Added to your client book.
book-already-here = Already in your client book.
book-in-other-book = This customer is already in another associate's client book.
book-no-consent = This customer has not consented to clienteling.

customers-title = Customers
customers-search = Search customers
customers-search-placeholder = Name, e-mail, phone or account
customers-none = No customers found.
customers-none-for = No customers found for “{ $query }”.
customer-new = New customer

customer-card = Client card
customer-no-book = In no client book.
customer-books = { PLURAL($count) ->
    [one] Client book:
   *[other] Client books:
}
customer-measures = Measures
customer-no-measures = No measures yet: HQ runs insights from purchases.
customer-purchases = Purchases
customer-chart = Monthly spend over the last 24 months
customer-this-month = This month
customer-months-ago = { PLURAL($count) ->
    [one] { $count } month ago
   *[other] { $count } months ago
}
customer-bar = { $when }: { $amount }
customer-total = Total { $amount }
customer-attributes = Attributes
customer-save-attributes = Save attributes
customer-contact = Contact

field-account = Account number
field-first-name = First name
field-last-name = Last name
field-email = E-mail
field-phone = Phone
field-street = Street
field-postal-code = Postal code
field-city = City
field-country = Country (ISO code)
field-consent = Consents to clienteling

timeline-title = Timeline
timeline-log = Log activity
timeline-type = Activity type
timeline-description = Description
timeline-due = Follow up on
timeline-add-note = Add note
timeline-note = Note
visibility-legend = Who can read it
visibility-private = Only me
visibility-store = Associates of my stores
visibility-company = Everyone in the company
visibility-private-badge = only the author
visibility-store-badge = the author's stores
visibility-company-badge = everyone
timeline-filter = Filter timeline
timeline-show = Show
timeline-all = Activities and notes
timeline-activities = Activities only
timeline-notes = Notes only
timeline-edited = edited
timeline-due-badge = due { $date }
timeline-edit-or-delete = Edit or delete
timeline-note-text = Note text
timeline-save-note = Save note
timeline-delete-note = Delete note
timeline-empty = Nothing on the timeline yet.
