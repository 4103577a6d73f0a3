# HQ and manager pages completed late: insights provider, custom roles,
# reassigning customers, undo after removing, adding from search, store
# choice at sign-in, company language and time zone.

## Insights provider (settings)
provider-legend = Insights provider
provider-builtin = Built-in insights engine
provider-external = External provider
provider-url = Provider URL
provider-secret-name = Secret name
provider-secret-hint = The name of the environment variable holding the token (e.g. INSIGHTS_TOKEN), never the token itself.
provider-err-unreachable = The provider could not be reached.
provider-err-url = An external provider needs an http(s) URL.
provider-err-secret-name = Must name an environment variable (A–Z, 0–9, _), not hold the secret.
provider-err-status = The provider answered { $status }.
provider-err-no-secret = No secret found in ${ $name } or in the file named by ${ $name }_FILE.

## Custom roles (organisation page)
roles-new = New role
roles-name = Role name
roles-name-hint = Lowercase letters a–z, digits, “-”, “_” and “.”, e.g. store-lead.
roles-create = Create role
roles-err-no-permission = Choose at least one permission.

## Adding from the search list, undo after removing
addrow-add = Add to my book
addrow-add-label = Add { $name } to my client book
addrow-in-book-of = In { $name }’s client book.
undo-button = Undo
undo-restored = Back in your client book.
undo-conflict-of = Could not undo: the customer is now in { $name }’s client book.

## Reassigning customers (store client book)
reassign-title = Reassign customers
reassign-ticked = Ticked customers
reassign-tick = Select { $name }
reassign-which = Which customers
reassign-picked = { PLURAL($count) ->
    [one] The ticked customer ({ $count })
   *[other] The ticked customers ({ $count })
}
reassign-all-of = All customers of
reassign-from = From associate
reassign-to = Move to
reassign-choose = — choose an associate —
reassign-review = Review
reassign-confirm = Confirm and move
reassign-cancel = Cancel
reassign-confirm-picked = { PLURAL($count) ->
    [one] Move { $count } customer to { $to }’s client book?
   *[other] Move { $count } customers to { $to }’s client book?
}
reassign-confirm-all = { PLURAL($count) ->
    [one] Move { $count } customer from { $from }’s client book to { $to }’s?
   *[other] Move all { $count } customers from { $from }’s client book to { $to }’s?
}
reassign-err-to = Choose the associate to move the customers to.
reassign-err-from = Choose whose customers to move.
reassign-err-same = Choose a different associate than the one the customers come from.
reassign-err-none = Tick at least one customer on the cards, or choose all customers of an associate.
reassign-err-too-many = At most 500 customers can be moved at once.
reassign-done = { PLURAL($count) ->
    [one] Done: { $count } customer processed.
   *[other] Done: { $count } customers processed.
}
reassign-results = Results
reassign-result = Result
reassign-moved = Moved to { $name }’s client book.
reassign-already = Already in { $name }’s client book.
reassign-not-found = No such customer.
reassign-back = Back to the store client book

## Choosing the store to work at
store-switch-title = Choose your store
store-switch-label = Store { $store }: choose another store
store-switch-current = (current)
store-switch-none = You are not assigned to any store.
login-choose-store = Choose your store after signing in if you work at several.

## Company language and time zone (settings)
company-language = Company default language
company-language-hint = Used when neither the associate’s own choice nor the browser’s languages decide.
company-time-zone = Company time zone
company-time-zone-hint = An IANA time zone name, e.g. Europe/Helsinki. Every time in the UI is shown in it.
company-time-zone-err = Must be an IANA time zone name such as Europe/Helsinki.
audit-action-session-store = Store chosen
