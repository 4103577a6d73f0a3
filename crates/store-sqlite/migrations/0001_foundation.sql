-- Foundation: companies, organisation, associates, sessions, customers, settings, audit.
CREATE TABLE companies (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL CONSTRAINT companies_code_key UNIQUE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE address_books (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT address_books_code_key UNIQUE (company_id, code)
);

CREATE TABLE stores (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT stores_code_key UNIQUE (company_id, code)
);

CREATE TABLE store_address_books (
    store_id BLOB NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    address_book_id BLOB NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    PRIMARY KEY (store_id, address_book_id)
);

CREATE TABLE roles (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    permissions TEXT NOT NULL,
    CONSTRAINT roles_name_key UNIQUE (company_id, name)
);

CREATE TABLE associates (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role_id BLOB NOT NULL REFERENCES roles(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    locale TEXT,
    created_at BIGINT NOT NULL,
    CONSTRAINT associates_username_key UNIQUE (company_id, username)
);

CREATE TABLE associate_stores (
    associate_id BLOB NOT NULL REFERENCES associates(id) ON DELETE CASCADE,
    store_id BLOB NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    PRIMARY KEY (associate_id, store_id)
);

CREATE TABLE associate_address_books (
    associate_id BLOB NOT NULL REFERENCES associates(id) ON DELETE CASCADE,
    address_book_id BLOB NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    PRIMARY KEY (associate_id, address_book_id)
);
CREATE INDEX associate_address_books_book ON associate_address_books (address_book_id, associate_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    associate_id BLOB NOT NULL REFERENCES associates(id) ON DELETE CASCADE,
    company_id BLOB NOT NULL REFERENCES companies(id),
    store_id BLOB REFERENCES stores(id) ON DELETE SET NULL,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE customers (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    account TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    street TEXT,
    postal_code TEXT,
    city TEXT,
    country TEXT,
    consent BOOLEAN NOT NULL DEFAULT FALSE,
    consent_at BIGINT,
    consent_source TEXT,
    alternate_id TEXT,
    search_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT customers_account_key UNIQUE (company_id, account)
);
CREATE INDEX customers_order ON customers (company_id, last_name, first_name, account);
CREATE UNIQUE INDEX customers_alternate_id_key ON customers (company_id, alternate_id) WHERE alternate_id IS NOT NULL;

CREATE TABLE customer_address_books (
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    address_book_id BLOB NOT NULL REFERENCES address_books(id) ON DELETE CASCADE,
    PRIMARY KEY (customer_id, address_book_id)
);
CREATE INDEX customer_address_books_book ON customer_address_books (address_book_id, customer_id);

CREATE TABLE company_settings (
    company_id BLOB PRIMARY KEY REFERENCES companies(id),
    doc TEXT NOT NULL
);

CREATE TABLE number_sequences (
    company_id BLOB NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    width INTEGER NOT NULL,
    next BIGINT NOT NULL,
    PRIMARY KEY (company_id, name)
);

CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    at BIGINT NOT NULL,
    associate_id BLOB,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    customer TEXT,
    target TEXT,
    request_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_company ON audit_log (company_id, id);
CREATE INDEX audit_log_customer ON audit_log (company_id, customer, id);
CREATE INDEX audit_log_associate ON audit_log (company_id, associate_id, id);

CREATE TABLE purchases (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    store_id BLOB REFERENCES stores(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX purchases_customer ON purchases (customer_id, at, id);
CREATE INDEX purchases_company ON purchases (company_id, at);
