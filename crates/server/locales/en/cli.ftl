# Messages of the command-line tool (crates/cli/src/msg.rs). Lines that
# programs read (`demo login: …`) are not messages and are never translated.
cli-error = error: { $detail }
cli-error-runtime = error: cannot start the async runtime: { $detail }
cli-migrations-applied = migrations applied
cli-company-created = company { $code } created
cli-database-ok = database ok
cli-database-problems = database has problems:
cli-listening = listening on { $url }
cli-associate-created = associate { $username } created with role { $role }
cli-generated-password = generated password: { $password }
cli-demo-reused = reusing the existing demo company
cli-demo-built = demo built: { PLURAL($count) ->
    [one] { $count } customer
   *[other] { $count } customers
}, { PLURAL($purchases) ->
    [one] { $purchases } purchase
   *[other] { $purchases } purchases
} in { $seconds } s
cli-demo-insights = demo insights: { PLURAL($count) ->
    [one] { $count } measure written
   *[other] { $count } measures written
}

# gaps-ui: import, export and generate summaries, and error contexts.
cli-entity-customers = customers
cli-entity-purchases = purchases
cli-entity-attributes = attributes
cli-entity-activities = activities
cli-entity-client-books = client-book members
cli-import-summary = import { $entity }: { $read } rows read, { $inserted } inserted, { $updated } updated, { $unchanged } unchanged, { $rejected } rejected in { $seconds } s ({ $rate } rows/s)
cli-import-rejects = { PLURAL($count) ->
    [one] { $count } rejected row written to { $path }
   *[other] { $count } rejected rows written to { $path }
}
cli-importing = importing { $entity }
cli-exporting = exporting
cli-rows = rows
cli-export-summary = exported { PLURAL($count) ->
    [one] { $count } row
   *[other] { $count } rows
} in { $seconds } s ({ $rate } rows/s)
cli-erased = customer { $account } erased: { $report }
cli-phase-stores = stores
cli-phase-associates = associates
cli-phase-associates-with-client-books = associates with client books
cli-phase-customers = customers
cli-phase-attribute-values = customers' attribute values (6 each)
cli-phase-client-book-members = client-book members
cli-phase-purchases = purchases
cli-phase-activities = activities
cli-generate-phase = { $phase }: { $rows } rows in { $seconds } s ({ $rate } rows/s)
cli-generated = generated company { $company } in { $seconds } s; associates sign in with password { $password }
cli-demo-engagement = demo engagement: { $contacts } contacts, { $appointments } appointments, { $purchases } purchases after a contact
cli-demo-follow-ups = demo follow-ups: { $rules } from rules, { $manual } by hand
cli-err-no-company = no company with code { $code }
cli-err-company-exists = company { $code } exists already; generate into a new one with --company
cli-err-opening = opening { $path }
cli-err-creating = creating { $path }
cli-err-writing = writing { $path }
cli-err-writing-output = writing the output
cli-err-no-customer = no customer { $account } in company { $company }
cli-err-writing-audit = writing the audit log
cli-err-creating-company = creating the company
