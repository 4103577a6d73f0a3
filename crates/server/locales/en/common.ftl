# Shared words, navigation, sign-in, error pages and API problem titles.
# Plural selectors always use PLURAL($n) (ICU plural rules), never a bare $n.

nav-label = Main
nav-my-book = My client book
nav-store-book = Store client book
nav-customers = Customers
nav-settings = Settings
nav-organisation = Stores and people
nav-activity-types = Activity types
nav-attributes = Attributes
nav-insights = Insights
nav-audit = Audit log
sign-out = Sign out
language-switch = Language

save = Save
saved = Saved.
search = Search
next-page = Next page
older-entries = Older entries
optional = (optional)
yes = yes
no = no
code = Code
name = Name
correct-fields = Please correct the highlighted fields.
correct-attributes = Please correct the highlighted attributes.

col-name = Name
col-account = Account number
col-date = Date
col-amount = Amount
col-store = Store

login-title = Sign in
login-company = Company
login-username = Username
login-password = Password
login-store = Store
login-store-hint = (optional: code of the store you work at today)
login-submit = Sign in
login-invalid = Invalid company, username or password.
login-not-your-store = That store is not one of yours.

error-back = Back to the start page
error-unauthorized = Please sign in again.
error-forbidden = You do not have permission for this page.
error-form-token = The form has expired. Reload the page and try again.
error-not-found = The page or item was not found.
error-not-found-customer = Customer not found.
error-not-found-store = Store not found.
error-not-found-attribute-group = Attribute group not found.
error-not-found-activity-type = Activity type not found.
error-not-found-associate = Associate not found.
error-not-found-note = Note not found.
error-bad-request = The request could not be understood.
error-invalid = Some fields are invalid.
error-too-many = Too many attempts. Try again in { PLURAL($seconds) ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
error-internal = Something went wrong; it has been logged.
error-unavailable = The service is temporarily unavailable. Try again in a moment.

problem-400 = Bad Request
problem-401 = Unauthorized
problem-403 = Forbidden
problem-404 = Not Found
problem-405 = Method Not Allowed
problem-408 = Request Timeout
problem-409 = Conflict
problem-413 = Payload Too Large
problem-415 = Unsupported Media Type
problem-422 = Unprocessable Entity
problem-429 = Too Many Requests
problem-500 = Internal Server Error
problem-503 = Service Unavailable
