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
