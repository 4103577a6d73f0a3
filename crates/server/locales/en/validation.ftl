# Validation and conflict messages shown next to form fields (the API keeps
# its English messages; these are the UI's).

err-empty = must not be empty
err-required = is required
err-control-chars = must not contain control characters
err-code-chars = may contain only letters a-z, digits, '-', '_' and '.'
err-email = must be an e-mail address like name@example.com
err-phone = must be a phone number: digits, optionally starting with +
err-country = must be a two-letter ISO 3166 country code
err-unchangeable = cannot be changed
err-attribute-name = must be 1-64 of a-z, 0-9, '_' and '-'
err-name-twice = is used twice in this group
err-enum-needs-values = an enum needs at least one value
err-enum-values = values must be at most 100 characters and contain no comma
err-values-only-enum = only enum attributes have values
err-date = must be a date like 2026-03-31
err-number = must be a number
err-boolean = must be true or false
err-visibility = must be one of private, store, company
err-note-unchanged = change text or visibility
err-type-inactive = this activity type is inactive
err-no-type = no such activity type
err-prefix = must be at most 16 printable characters
err-width = must be a whole number between 1 and 12
err-whole-number = must be a whole number
err-next = must be at least 1 and fit in the width
err-books-per-customer = must be a number of at least 1 or “unlimited”
err-card-measures-max = at most 3 measures fit on a card
err-card-measures-repeat = must not repeat a measure
err-not-your-store = is not one of your stores
err-locale = must be one of en, fi, lt
err-no-store = no such store
err-no-associate = no such associate
err-max-chars = must be at most { PLURAL($count) ->
    [one] { $count } character
   *[other] { $count } characters
}
err-min-chars = must be at least { PLURAL($count) ->
    [one] { $count } character
   *[other] { $count } characters
}
err-one-of = must be one of: { $values }
err-kind-value = must be a { $kind } value
err-no-attribute-group = no attribute group named “{ $name }”
err-no-role = no role named “{ $name }”
err-no-code = no such code “{ $code }”

conflict-customer-account = a customer with this account number already exists
conflict-customer-alternate-id = another customer has this alternate id
conflict-username = an associate with this username already exists
conflict-store-code = a store with this code already exists
conflict-address-book-code = an address book with this code already exists
conflict-role-name = a role with this name already exists
conflict-company-code = a company with this code already exists
conflict-activity-type-code = an activity type with this code already exists
conflict-activity-type-in-use = activities of this type exist; deactivate it instead of deleting it
conflict-clienteling-disabled = Clienteling disabled: client books are switched off for this company.
conflict-generic = conflicts with existing data
insights-error-no-purchases = no purchases before the calibration end
