//! The authorization matrix, generated from the route table in
//! `/openapi.json`: every `/api/v1` route is called by every seeded role
//! (associate, manager, admin) and by an anonymous client, and the outcome
//! class is checked against what the route's permission and the role's
//! permissions say. Also: another associate's client book is 403 for an
//! associate, and nothing of another company is reachable (404).
//!
//! HOW TO ADD A ROUTE. A route in `/openapi.json` without a line in [`ROUTES`]
//! fails `every_api_route_has_a_matrix_entry` ("new route without a matrix
//! entry"). Add one line: `("METHOD", "/api/v1/path/{param}", needs)` where
//! `needs` is `P(Permission)` for a handler taking `Can<perm::X>`, `SignedIn`
//! for one taking `Auth` only, or `Anyone` for one taking neither. If the path
//! has a parameter the matrix cannot fill yet, `Fixture::value` names it: add
//! a value there (create the resource in `Fixture::new`).

use clienteling_domain::Permission::{self, *};
use clienteling_domain::permission::{ASSOCIATE, MANAGER, admin};
use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// One permission (`Can<perm::X>`).
    P(Permission),
    /// Any signed-in associate (`Auth`).
    SignedIn,
    /// Nothing: anonymous callers are served too.
    Anyone,
}
use Needs::{Anyone, P, SignedIn};

/// Every `/api/v1` route and what it needs.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, Needs)] = &[
    // auth
    ("POST",   "/api/v1/auth/login",                             Anyone),
    ("POST",   "/api/v1/auth/logout",                            Anyone),
    ("GET",    "/api/v1/me",                                     SignedIn),
    // setup
    ("GET",    "/api/v1/settings",                               P(ManageSetup)),
    ("PUT",    "/api/v1/settings",                               P(ManageSetup)),
    ("GET",    "/api/v1/stores",                                 P(ManageSetup)),
    ("POST",   "/api/v1/stores",                                 P(ManageSetup)),
    ("GET",    "/api/v1/address-books",                          P(ManageSetup)),
    ("POST",   "/api/v1/address-books",                          P(ManageSetup)),
    ("GET",    "/api/v1/roles",                                  P(ManageSetup)),
    ("POST",   "/api/v1/roles",                                  P(ManageSetup)),
    ("GET",    "/api/v1/associates",                             P(ManageSetup)),
    ("POST",   "/api/v1/associates",                             P(ManageSetup)),
    ("PATCH",  "/api/v1/associates/{id}",                        P(ManageSetup)),
    ("GET",    "/api/v1/attribute-groups",                       P(ManageSetup)),
    ("POST",   "/api/v1/attribute-groups",                       P(ManageSetup)),
    ("GET",    "/api/v1/attribute-groups/{id}",                  P(ManageSetup)),
    ("PATCH",  "/api/v1/attribute-groups/{id}",                  P(ManageSetup)),
    ("DELETE", "/api/v1/attribute-groups/{id}",                  P(ManageSetup)),
    ("GET",    "/api/v1/activity-types",                         P(ManageSetup)),
    ("POST",   "/api/v1/activity-types",                         P(ManageSetup)),
    ("PATCH",  "/api/v1/activity-types/{code}",                  P(ManageSetup)),
    ("DELETE", "/api/v1/activity-types/{code}",                  P(ManageSetup)),
    ("GET",    "/api/v1/activities",                             P(ManageSetup)),
    // insights
    ("POST",   "/api/v1/insights/run",                           P(ManageSetup)),
    ("GET",    "/api/v1/insights/runs",                          P(ManageSetup)),
    ("GET",    "/api/v1/insights/runs/{id}",                     P(ManageSetup)),
    ("GET",    "/api/v1/insights/rules",                         P(ManageSetup)),
    ("PUT",    "/api/v1/insights/rules",                         P(ManageSetup)),
    ("PUT",    "/api/v1/measures",                               P(ManageSetup)),
    // operations
    ("GET",    "/api/v1/audit",                                  P(ViewAuditLog)),
    // customers
    ("GET",    "/api/v1/customers",                              P(ViewCustomers)),
    ("POST",   "/api/v1/customers",                              P(EditCustomers)),
    ("GET",    "/api/v1/customers/{account}",                    P(ViewCustomers)),
    ("PATCH",  "/api/v1/customers/{account}",                    P(EditCustomers)),
    ("GET",    "/api/v1/customers/{account}/attributes",         P(ViewCustomers)),
    ("PUT",    "/api/v1/customers/{account}/attributes",         P(EditCustomers)),
    ("GET",    "/api/v1/customers/{account}/card",               P(ViewCustomers)),
    ("GET",    "/api/v1/customers/{account}/measures",           P(ViewCustomers)),
    ("GET",    "/api/v1/customers/{account}/purchases",          P(ViewCustomers)),
    ("POST",   "/api/v1/customers/{account}/purchases",          P(EditCustomers)),
    // timeline
    ("GET",    "/api/v1/customers/{account}/timeline",           P(ViewCustomers)),
    ("POST",   "/api/v1/customers/{account}/activities",         P(LogActivities)),
    ("POST",   "/api/v1/customers/{account}/notes",              P(WriteNotes)),
    ("GET",    "/api/v1/customers/{account}/notes/{id}",         P(ViewCustomers)),
    ("PATCH",  "/api/v1/customers/{account}/notes/{id}",         P(WriteNotes)),
    ("DELETE", "/api/v1/customers/{account}/notes/{id}",         P(WriteNotes)),
    // privacy
    ("GET",    "/api/v1/customers/{account}/export",             P(ExportEraseCustomerData)),
    ("DELETE", "/api/v1/customers/{account}",                    P(ExportEraseCustomerData)),
    // client books
    ("GET",    "/api/v1/client-books/mine",                      P(ViewClientBook)),
    ("GET",    "/api/v1/client-books/{id}/customers",            P(ViewClientBook)),
    ("POST",   "/api/v1/client-books/{id}/customers",            P(AddToClientBook)),
    ("DELETE", "/api/v1/client-books/{id}/customers/{account}",  P(RemoveFromClientBook)),
    ("GET",    "/api/v1/client-books/{id}/refiners",             P(ViewClientBook)),
    ("GET",    "/api/v1/client-books/{id}/upcoming",             P(ViewClientBook)),
    ("POST",   "/api/v1/client-books/reassign",                  P(ReassignClientBookCustomers)),
    ("GET",    "/api/v1/stores/{id}/client-book/customers",      P(ViewStoreClientBooks)),
    ("GET",    "/api/v1/stores/{id}/client-book/refiners",       P(ViewStoreClientBooks)),
    // follow-ups
    ("GET",    "/api/v1/follow-ups",                             P(ViewClientBook)),
    ("POST",   "/api/v1/customers/{account}/follow-ups",         P(LogActivities)),
    ("PATCH",  "/api/v1/follow-ups/{id}",                        P(LogActivities)),
    ("GET",    "/api/v1/follow-up-rules",                        P(ManageSetup)),
    ("PUT",    "/api/v1/follow-up-rules",                        P(ManageSetup)),
    ("POST",   "/api/v1/follow-ups/run-rules",                   P(ManageSetup)),
    // outreach
    ("GET",    "/api/v1/message-templates",                      P(LogActivities)),
    ("POST",   "/api/v1/message-templates",                      P(ManageSetup)),
    ("GET",    "/api/v1/message-templates/{id}",                 P(LogActivities)),
    ("PATCH",  "/api/v1/message-templates/{id}",                 P(ManageSetup)),
    ("GET",    "/api/v1/message-templates/{id}/versions",        P(LogActivities)),
    ("POST",   "/api/v1/message-templates/{id}/preview",         P(LogActivities)),
    ("POST",   "/api/v1/outreach",                               P(LogActivities)),
    ("GET",    "/api/v1/outreach/{id}",                          P(LogActivities)),
    ("GET",    "/api/v1/outbox",                                 P(ManageSetup)),
    ("GET",    "/api/v1/outreach-settings",                      P(ManageSetup)),
    ("PUT",    "/api/v1/outreach-settings",                      P(ManageSetup)),
    ("GET",    "/api/v1/customers/{account}/consents",           P(ViewCustomers)),
    ("PUT",    "/api/v1/customers/{account}/consents",           P(EditCustomers)),
    // appointments, attribution, KPIs
    ("GET",    "/api/v1/appointments",                           P(LogActivities)),
    ("POST",   "/api/v1/appointments",                           P(LogActivities)),
    ("GET",    "/api/v1/appointments/{id}",                      P(LogActivities)),
    ("PATCH",  "/api/v1/appointments/{id}",                      P(LogActivities)),
    ("DELETE", "/api/v1/appointments/{id}",                      P(LogActivities)),
    ("GET",    "/api/v1/appointments/{id}/ics",                  P(LogActivities)),
    ("GET",    "/api/v1/attribution",                            P(ViewKpis)),
    ("GET",    "/api/v1/attribution-rules",                      P(ManageSetup)),
    ("PUT",    "/api/v1/attribution-rules",                      P(ManageSetup)),
    ("GET",    "/api/v1/kpis",                                   P(ViewKpis)),
];

/// Routes the role matrix does not call: signing in says nothing about a
/// role (tested in `auth.rs`). The anonymous check still covers it.
const NOT_CALLED_BY_ROLES: &[(&str, &str)] = &[("POST", "/api/v1/auth/login")];

/// The seeded roles and a seeded user holding each.
const ROLES: &[(&str, &str)] = &[("associate", "ann"), ("manager", "max"), ("admin", "ada")];

/// What each seeded role may do, from the domain's definitions.
fn role_permissions(role: &str) -> Vec<Permission> {
    match role {
        "associate" => ASSOCIATE.to_vec(),
        "manager" => MANAGER.to_vec(),
        "admin" => admin(),
        other => panic!("unknown role {other}"),
    }
}

/// Whether a holder of `perms` gets past authorization on a route needing `needs`.
fn allowed(needs: Needs, perms: &[Permission]) -> bool {
    match needs {
        P(p) => perms.contains(&p),
        SignedIn | Anyone => true,
    }
}

fn needs_of(method: &str, path: &str) -> Option<Needs> {
    ROUTES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|r| r.2)
}

/// `(METHOD, path template)` of every `/api/v1` operation in `/openapi.json`.
async fn documented_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let (s, doc) = app.call("GET", "/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_api_route_has_a_matrix_entry() {
    let app = TestApp::spawn().await;
    let routes = documented_routes(&app).await;
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| needs_of(m, p).is_none())
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "new route without a matrix entry (add it to ROUTES in tests/tests/api/matrix.rs): {missing:#?}"
    );
    let stale: Vec<String> = ROUTES
        .iter()
        .filter(|(m, p, _)| !routes.contains(&(m.to_string(), p.to_string())))
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "matrix entries for routes missing from /openapi.json: {stale:#?}"
    );
}

#[tokio::test]
async fn seeded_roles_hold_the_permissions_the_matrix_assumes() {
    let app = TestApp::spawn().await;
    for (role, user) in ROLES {
        let token = app.login(user).await;
        let (s, me) = app.call("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(s, StatusCode::OK);
        let got: BTreeSet<String> = me["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        let want: BTreeSet<String> = role_permissions(role)
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect();
        assert_eq!(got, want, "{role}");
    }
}

/// Real ids, codes and accounts for path parameters, per calling user
/// where it matters (one's own client book, one's own note).
struct Fixture {
    account: String,
    group: String,
    activity_type: String,
    run: String,
    associate: String,
    store: String,
    books: HashMap<String, String>,
    notes: HashMap<String, String>,
    appointment: String,
}

impl Fixture {
    async fn new(app: &TestApp, tokens: &HashMap<String, String>) -> Fixture {
        let ada = &tokens["ada"];
        let account = "MX1".to_owned();
        let customer = json!({"account": account, "first_name": "Matti", "last_name": "Matrix",
            "email": "matti@example.com", "consent": true, "address_books": ["hel", "tre", "vno"]});
        ok(app, "POST", "/api/v1/customers", ada, Some(customer)).await;
        let group = json!({"name": "matrix", "attributes": [
            {"name": "likes", "kind": "enum", "values": ["bags"], "refinable": true,
             "display_order": 1}]});
        let group = ok(app, "POST", "/api/v1/attribute-groups", ada, Some(group)).await;
        let kind = json!({"code": "matrix-call", "name": "Matrix call"});
        ok(app, "POST", "/api/v1/activity-types", ada, Some(kind)).await;
        let run = ok(app, "POST", "/api/v1/insights/run", ada, Some(json!({}))).await;
        let vic = app.login("vic").await;
        let me = ok(app, "GET", "/api/v1/me", &vic, None).await;
        let mut books = HashMap::new();
        let mut notes = HashMap::new();
        for (user, token) in tokens {
            let (s, book) = app
                .call("GET", "/api/v1/client-books/mine", Some(token), None)
                .await;
            if s == StatusCode::OK {
                books.insert(user.clone(), book["id"].as_str().unwrap().to_owned());
            }
            let note = json!({"text": format!("note by {user}")});
            let path = format!("/api/v1/customers/{account}/notes");
            let note = ok(app, "POST", &path, token, Some(note)).await;
            notes.insert(user.clone(), note["id"].as_str().unwrap().to_owned());
        }
        let appointment = json!({"customer": account, "associate": "ann", "store": "helsinki",
            "start": "2030-01-02T10:00:00Z", "purpose": "Matrix fitting"});
        let appointment = ok(app, "POST", "/api/v1/appointments", ada, Some(appointment)).await;
        Fixture {
            account,
            group: group["id"].as_str().unwrap().to_owned(),
            activity_type: "matrix-call".into(),
            run: run["id"].as_str().unwrap().to_owned(),
            associate: me["associate"]["id"].as_str().unwrap().to_owned(),
            store: "helsinki".into(),
            books,
            notes,
            appointment: appointment["id"].as_str().unwrap().to_owned(),
        }
    }

    /// The value of `{param}` following `/parent/`, for `user`.
    fn value(&self, parent: &str, param: &str, user: &str) -> Option<String> {
        let own = |m: &HashMap<String, String>| m.get(user).or_else(|| m.get("ann")).cloned();
        match (parent, param) {
            (_, "account") => Some(self.account.clone()),
            ("client-books", "id") => own(&self.books),
            ("notes", "id") => own(&self.notes),
            ("stores", "id") => Some(self.store.clone()),
            ("attribute-groups", "id") => Some(self.group.clone()),
            ("associates", "id") => Some(self.associate.clone()),
            ("runs", "id") => Some(self.run.clone()),
            ("activity-types", "code") => Some(self.activity_type.clone()),
            ("follow-ups", "id") => Some("01900000-0000-7000-8000-000000000000".into()),
            // outreach: an unknown id (404 past authorization is enough)
            ("message-templates" | "outreach", "id") => Some(uuid::Uuid::nil().to_string()),
            ("appointments", "id") => Some(self.appointment.clone()),
            _ => None,
        }
    }

    /// `template` with its parameters filled in for `user`.
    fn fill(&self, template: &str, user: &str) -> String {
        let segs: Vec<&str> = template.split('/').collect();
        let filled: Vec<String> = segs
            .iter()
            .enumerate()
            .map(|(i, seg)| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                None => (*seg).to_owned(),
                Some(param) => self.value(segs[i - 1], param, user).unwrap_or_else(|| {
                    panic!(
                        "no value for {{{param}}} in {template}: add one to Fixture::value in tests/tests/api/matrix.rs"
                    )
                }),
            })
            .collect();
        filled.join("/")
    }
}

/// Call and expect a 2xx; the JSON body.
async fn ok(app: &TestApp, method: &str, path: &str, token: &str, body: Option<Value>) -> Value {
    let (s, b) = app.call(method, path, Some(token), body).await;
    assert!(s.is_success(), "{method} {path}: {s} {b}");
    b
}

/// A minimal body for a method that takes one.
fn body_for(method: &str) -> Option<Value> {
    matches!(method, "POST" | "PUT" | "PATCH").then(|| json!({}))
}

/// A valid body for some routes, so that allowed calls go all the way
/// through; others get `{}` (a 400/422 past authorization is just as good).
fn plausible_body(method: &str, template: &str, fx: &Fixture) -> Option<Value> {
    let body = match (method, template.trim_start_matches("/api/v1")) {
        ("POST", "/customers/{account}/notes") => json!({"text": "matrix note"}),
        ("PATCH", "/customers/{account}/notes/{id}") => json!({"text": "edited"}),
        ("POST", "/customers/{account}/activities") => {
            json!({"type": fx.activity_type, "description": "matrix call"})
        }
        ("POST", "/customers/{account}/purchases") => {
            json!({"amount_minor": 1250, "currency": "EUR"})
        }
        ("POST", "/client-books/{id}/customers") => json!({"accounts": [fx.account]}),
        ("PATCH", "/customers/{account}") => json!({"city": "Helsinki"}),
        ("PUT", "/customers/{account}/attributes") => json!({"likes": "bags"}),
        _ => return body_for(method),
    };
    Some(body)
}

/// At most 300 characters of a response body, for failure messages.
fn short(body: &Value) -> String {
    body.to_string().chars().take(300).collect()
}

/// The documented routes, reads first and deletions last (so that a
/// deletion does not turn later calls into 404s; those would pass anyway).
async fn routes_in_call_order(app: &TestApp) -> Vec<(String, String)> {
    let mut routes: Vec<_> = documented_routes(app).await.into_iter().collect();
    let rank = |m: &str| match m {
        "GET" => 0,
        "DELETE" => 2,
        _ => 1,
    };
    routes.sort_by_key(|(m, p)| (rank(m), p.clone(), m.clone()));
    routes
}

async fn tokens(app: &TestApp) -> HashMap<String, String> {
    let mut tokens = HashMap::new();
    for (_, user) in ROLES {
        tokens.insert(user.to_string(), app.login(user).await);
    }
    tokens
}

/// One role's call of one route: a description of the mismatch, if any.
async fn check_cell(
    app: &TestApp,
    fx: &Fixture,
    (role, user, token): (&str, &str, &str),
    (method, template): (&str, &str),
) -> Option<String> {
    let needs = needs_of(method, template)?;
    let expect_allow = allowed(needs, &role_permissions(role));
    let path = fx.fill(template, user);
    // Signing out ends the session it is called with: use a throwaway one.
    let throwaway = if template.ends_with("/auth/logout") {
        Some(app.login(user).await)
    } else {
        None
    };
    let token = throwaway.as_deref().unwrap_or(token);
    let body = plausible_body(method, template, fx);
    let (s, body) = app.call(method, &path, Some(token), body).await;
    let fine = if expect_allow {
        (s.is_success() || s.is_client_error())
            && s != StatusCode::UNAUTHORIZED
            && s != StatusCode::FORBIDDEN
    } else {
        s == StatusCode::FORBIDDEN && body["status"] == 403
    };
    let want = if expect_allow { "allow" } else { "deny (403)" };
    (!fine).then(|| {
        format!(
            "{role:9} {method:6} {path}: want {want}, got {s} {}",
            short(&body)
        )
    })
}

#[tokio::test]
async fn every_route_allows_or_denies_each_seeded_role_as_its_permission_says() {
    let app = TestApp::spawn().await;
    let tokens = tokens(&app).await;
    let fx = Fixture::new(&app, &tokens).await;
    let routes = routes_in_call_order(&app).await;
    let denied_before = audited_denials(&app, &tokens["ada"]).await;
    let mut failures = Vec::new();
    let mut denials = 0;
    let mut cells = 0;
    for (method, template) in &routes {
        if NOT_CALLED_BY_ROLES.contains(&(method.as_str(), template.as_str())) {
            continue;
        }
        let needs = needs_of(method, template)
            .unwrap_or_else(|| panic!("new route without a matrix entry: {method} {template}"));
        for (role, user) in ROLES {
            let who = (*role, *user, tokens[*user].as_str());
            failures.extend(check_cell(&app, &fx, who, (method, template)).await);
            cells += 1;
            denials += usize::from(!allowed(needs, &role_permissions(role)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} matrix cells are wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        cells >= 3 * 50,
        "only {cells} cells: is the route table empty?"
    );
    assert_eq!(
        audited_denials(&app, &tokens["ada"]).await - denied_before,
        denials,
        "every denial is audited"
    );
}

/// How many `permission.denied` entries the audit log holds.
async fn audited_denials(app: &TestApp, admin_token: &str) -> usize {
    let mut count = 0;
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/audit?limit=500&cursor={c}"),
            None => "/api/v1/audit?limit=500".to_owned(),
        };
        let page = ok(app, "GET", &path, admin_token, None).await;
        count += page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "permission.denied" && e["outcome"] == "denied")
            .count();
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return count,
        }
    }
}

#[tokio::test]
async fn anonymous_callers_get_401_on_every_route_that_needs_a_sign_in() {
    let app = TestApp::spawn().await;
    let mut failures = Vec::new();
    for (method, template) in documented_routes(&app).await {
        let needs = needs_of(&method, &template)
            .unwrap_or_else(|| panic!("new route without a matrix entry: {method} {template}"));
        // Placeholders stay unfilled: authentication comes before any lookup.
        let path = template.replace(['{', '}'], "");
        for token in [None, Some("not-a-valid-token")] {
            let (s, body) = app.call(&method, &path, token, body_for(&method)).await;
            let fine = match needs {
                Anyone => s != StatusCode::UNAUTHORIZED && s != StatusCode::FORBIDDEN,
                _ => s == StatusCode::UNAUTHORIZED && body["status"] == 401,
            };
            if !fine {
                failures.push(format!(
                    "{method} {path} (token {token:?}): got {s} {}",
                    short(&body)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `user`'s client book number.
async fn book_of(app: &TestApp, token: &str) -> String {
    let b = ok(app, "GET", "/api/v1/client-books/mine", token, None).await;
    b["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_associate_is_denied_another_associates_client_book() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let c = json!({"account": "VB1", "first_name": "Vida", "last_name": "Book", "consent": true,
        "address_books": ["vno"]});
    ok(&app, "POST", "/api/v1/customers", &ada, Some(c)).await;
    let vic = app.login("vic").await;
    let ann = app.login("ann").await;
    let vic_book = book_of(&app, &vic).await;
    let add = json!({"accounts": ["VB1"]});
    let path = format!("/api/v1/client-books/{vic_book}/customers");
    ok(&app, "POST", &path, &vic, Some(add.clone())).await;
    book_of(&app, &ann).await;
    let calls = [
        (
            "GET",
            format!("/api/v1/client-books/{vic_book}/customers"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/client-books/{vic_book}/refiners"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/client-books/{vic_book}/upcoming"),
            None,
        ),
        ("POST", path.clone(), Some(add)),
        ("DELETE", format!("{path}/VB1"), None),
    ];
    for (method, path, body) in calls {
        let (s, problem) = app.call(method, &path, Some(&ann), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{method} {path}: {problem}");
        assert_eq!(problem["title"], "Forbidden");
    }
    let page = ok(&app, "GET", &path, &vic, None).await;
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        1,
        "still in vic's book"
    );
}

// ---- company isolation ----

/// A second company, `globex`, with store `riga` (address book `gbx`) and
/// gus (admin), gia (associate at riga) and gil (manager at riga); password
/// `password-<name>` as in the seeded company.
async fn seed_globex(app: &TestApp) {
    use clienteling_domain::org::NewAssociate;
    use clienteling_domain::text::{Code, Name, Username};
    let store = app.store.as_ref();
    let code = |s: &str| Code::parse(s).unwrap();
    let name = |s: &str| Name::parse(s).unwrap();
    let company = store
        .create_company(&code("globex"), &name("Globex Oy"))
        .await
        .unwrap();
    let book = store
        .create_address_book(company.id, &code("gbx"), &name("gbx"))
        .await
        .unwrap();
    let shop = store
        .create_store(company.id, &code("riga"), &name("riga"), &[book.id])
        .await
        .unwrap();
    let roles = store.list_roles(company.id).await.unwrap();
    for (user, role, at_riga) in [
        ("gus", "admin", false),
        ("gia", "associate", true),
        ("gil", "manager", true),
    ] {
        let new = NewAssociate {
            username: Username::parse(user).unwrap(),
            display_name: name(&format!("{user} globex")),
            password_hash: clienteling_server::auth::password::hash_blocking(&format!(
                "password-{user}"
            ))
            .unwrap(),
            role: roles.iter().find(|r| r.name.as_str() == role).unwrap().id,
            stores: if at_riga { vec![shop.id] } else { vec![] },
            address_books: if at_riga { vec![book.id] } else { vec![] },
            locale: None,
        };
        store.create_associate(company.id, &new).await.unwrap();
    }
}

async fn login_at(app: &TestApp, company: &str, user: &str) -> (StatusCode, Value) {
    let creds =
        json!({"company": company, "username": user, "password": format!("password-{user}")});
    app.call("POST", "/api/v1/auth/login", None, Some(creds))
        .await
}

async fn globex_login(app: &TestApp, user: &str) -> String {
    let (s, b) = login_at(app, "globex", user).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    b["token"].as_str().unwrap().to_owned()
}

/// Create customers `accounts` (last name = `who`) in `books`, and an
/// attribute group; returns the group id.
async fn company_data(
    app: &TestApp,
    admin: &str,
    who: &str,
    accounts: &[&str],
    books: &[&str],
) -> String {
    for acc in accounts {
        let c = json!({"account": acc, "first_name": "Iso", "last_name": who, "consent": true,
            "address_books": books});
        ok(app, "POST", "/api/v1/customers", admin, Some(c)).await;
    }
    let group = json!({"name": format!("{who}-group"),
        "attributes": [{"name": "likes", "kind": "text", "display_order": 1}]});
    let g = ok(app, "POST", "/api/v1/attribute-groups", admin, Some(group)).await;
    g["id"].as_str().unwrap().to_owned()
}

/// A client book holding `accounts`; returns its number.
async fn book_with(app: &TestApp, token: &str, accounts: &[&str]) -> String {
    let book = book_of(app, token).await;
    if !accounts.is_empty() {
        let path = format!("/api/v1/client-books/{book}/customers");
        let r = ok(
            app,
            "POST",
            &path,
            token,
            Some(json!({"accounts": accounts})),
        )
        .await;
        assert!(
            r["results"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["result"] == "added"),
            "{r}"
        );
    }
    book
}

async fn note_on(app: &TestApp, token: &str, account: &str) -> String {
    let path = format!("/api/v1/customers/{account}/notes");
    let note = json!({"text": "isolation", "visibility": "company"});
    ok(app, "POST", &path, token, Some(note)).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn associate_id(app: &TestApp, token: &str) -> String {
    let me = ok(app, "GET", "/api/v1/me", token, None).await;
    me["associate"]["id"].as_str().unwrap().to_owned()
}

/// Every call answers 404.
async fn all_404(app: &TestApp, who: &str, token: &str, calls: &[(&str, String, Option<Value>)]) {
    for (method, path, body) in calls {
        let (s, b) = app.call(method, path, Some(token), body.clone()).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{who}: {method} {path}: {b}");
    }
}

/// Last names of the customers on a page.
fn owners(page: &Value) -> BTreeSet<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["name"]
                .as_str()
                .or(c["last_name"].as_str())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn nothing_of_another_company_is_reachable_in_either_direction() {
    let app = TestApp::spawn().await;
    seed_globex(&app).await;
    let (ada, gus) = (app.login("ada").await, globex_login(&app, "gus").await);
    let acme_group =
        company_data(&app, &ada, "Acme", &["A1", "SAME"], &["hel", "tre", "vno"]).await;
    let globex_group = company_data(&app, &gus, "Globex", &["G1", "SAME"], &["gbx"]).await;
    let (gia, gil) = (
        globex_login(&app, "gia").await,
        globex_login(&app, "gil").await,
    );
    let (ann, max) = (app.login("ann").await, app.login("max").await);
    // Book numbers restart per company:
    // globex CB-000001 (gia), CB-000002 (gil); acme CB-000001 (ann).
    assert_eq!(book_with(&app, &gia, &["G1", "SAME"]).await, "CB-000001");
    assert_eq!(book_with(&app, &gil, &[]).await, "CB-000002");
    assert_eq!(book_with(&app, &ann, &["A1", "SAME"]).await, "CB-000001");
    let globex_note = note_on(&app, &gia, "SAME").await;
    let acme_note = note_on(&app, &ann, "SAME").await;

    // acme → globex: globex-only accounts, ids and the book number acme lacks.
    let g1 = |rest: &str| format!("/api/v1/customers/G1{rest}");
    let mut reads = vec![
        ("GET", g1(""), None),
        ("GET", g1("/card"), None),
        ("GET", g1("/attributes"), None),
        ("GET", g1("/measures"), None),
        ("GET", g1("/purchases"), None),
        ("GET", g1("/timeline"), None),
        ("PATCH", g1(""), Some(json!({"first_name": "Hacked"}))),
        ("POST", g1("/notes"), Some(json!({"text": "x"}))),
        (
            "GET",
            format!("/api/v1/customers/SAME/notes/{globex_note}"),
            None,
        ),
    ];
    for user in ["ann", "max", "ada"] {
        let token = app.login(user).await;
        all_404(&app, user, &token, &reads).await;
        let found = ok(&app, "GET", "/api/v1/customers?q=Globex", &token, None).await;
        assert!(
            found["items"].as_array().unwrap().is_empty(),
            "{user}: {found}"
        );
        let same = ok(&app, "GET", "/api/v1/customers/SAME", &token, None).await;
        assert_eq!(same["last_name"], "Acme", "{user}: {same}");
    }
    let book2 = "/api/v1/client-books/CB-000002/customers".to_owned();
    all_404(&app, "max", &max, &[("GET", book2, None)]).await;
    let gia_id = associate_id(&app, &gia).await;
    let setup = vec![
        (
            "GET",
            format!("/api/v1/attribute-groups/{globex_group}"),
            None,
        ),
        (
            "PATCH",
            format!("/api/v1/associates/{gia_id}"),
            Some(json!({"active": false})),
        ),
        (
            "GET",
            "/api/v1/stores/riga/client-book/customers".to_owned(),
            None,
        ),
    ];
    all_404(&app, "ada", &ada, &setup).await;

    // globex → acme, the same way round.
    let a1 = |rest: &str| format!("/api/v1/customers/A1{rest}");
    reads = vec![
        ("GET", a1(""), None),
        ("GET", a1("/card"), None),
        ("GET", a1("/timeline"), None),
        ("PATCH", a1(""), Some(json!({"first_name": "Hacked"}))),
        (
            "GET",
            format!("/api/v1/customers/SAME/notes/{acme_note}"),
            None,
        ),
    ];
    for (user, token) in [("gus", &gus), ("gia", &gia), ("gil", &gil)] {
        all_404(&app, user, token, &reads).await;
        let found = ok(&app, "GET", "/api/v1/customers?q=Acme", token, None).await;
        assert!(
            found["items"].as_array().unwrap().is_empty(),
            "{user}: {found}"
        );
    }
    let ann_id = associate_id(&app, &ann).await;
    let setup = vec![
        (
            "GET",
            format!("/api/v1/attribute-groups/{acme_group}"),
            None,
        ),
        (
            "PATCH",
            format!("/api/v1/associates/{ann_id}"),
            Some(json!({"active": false})),
        ),
        (
            "GET",
            "/api/v1/stores/helsinki/client-book/customers".to_owned(),
            None,
        ),
    ];
    all_404(&app, "gus", &gus, &setup).await;

    // The shared book number CB-000001 means each company's own book.
    let path = "/api/v1/client-books/CB-000001/customers";
    let acme_page = ok(&app, "GET", path, &ann, None).await;
    let globex_page = ok(&app, "GET", path, &gia, None).await;
    assert!(
        owners(&acme_page).iter().all(|n| n.contains("Acme")),
        "{acme_page}"
    );
    assert!(
        owners(&globex_page).iter().all(|n| n.contains("Globex")),
        "{globex_page}"
    );
    assert_eq!(acme_page["items"].as_array().unwrap().len(), 2);
    assert_eq!(globex_page["items"].as_array().unwrap().len(), 2);

    // Lists show only one's own company.
    let stores = ok(&app, "GET", "/api/v1/stores", &ada, None)
        .await
        .to_string();
    assert!(!stores.contains("riga"), "{stores}");
    let people = ok(&app, "GET", "/api/v1/associates", &gus, None)
        .await
        .to_string();
    assert!(
        !people.contains("\"ann\"") && people.contains("\"gia\""),
        "{people}"
    );
    let audit = ok(&app, "GET", "/api/v1/audit?limit=500", &gus, None)
        .await
        .to_string();
    assert!(
        !audit.contains("\"A1\"") && !audit.contains(&ann_id),
        "globex audit shows acme"
    );
    let audit = ok(&app, "GET", "/api/v1/audit?limit=500", &ada, None)
        .await
        .to_string();
    assert!(
        !audit.contains("\"G1\"") && !audit.contains(&gia_id),
        "acme audit shows globex"
    );

    // Usernames are per company.
    assert_eq!(
        login_at(&app, "globex", "ann").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_at(&app, "acme", "gus").await.0,
        StatusCode::UNAUTHORIZED
    );
}
