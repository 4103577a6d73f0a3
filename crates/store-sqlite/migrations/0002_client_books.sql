-- Client-book attributes, client books, memberships and their history, measures.
CREATE TABLE attribute_groups (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    CONSTRAINT attribute_groups_name_key UNIQUE (company_id, name)
);

CREATE TABLE attributes (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES attribute_groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    enum_values TEXT NOT NULL,
    refinable BOOLEAN NOT NULL,
    display_order INTEGER NOT NULL,
    CONSTRAINT attributes_name_key UNIQUE (group_id, name)
);

CREATE TABLE customer_attributes (
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    attribute_id BLOB NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    value_text TEXT,
    value_num DOUBLE PRECISION,
    PRIMARY KEY (customer_id, attribute_id)
);
CREATE INDEX customer_attributes_text ON customer_attributes (attribute_id, value_text);
CREATE INDEX customer_attributes_num ON customer_attributes (attribute_id, value_num);

CREATE TABLE client_books (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    number TEXT NOT NULL,
    associate_id BLOB NOT NULL REFERENCES associates(id),
    created_at BIGINT NOT NULL,
    CONSTRAINT client_books_number_key UNIQUE (company_id, number),
    CONSTRAINT client_books_associate_id_key UNIQUE (company_id, associate_id)
);

CREATE TABLE client_book_members (
    book_id BLOB NOT NULL REFERENCES client_books(id) ON DELETE CASCADE,
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    added_by BLOB,
    PRIMARY KEY (book_id, customer_id)
);
CREATE INDEX client_book_members_customer ON client_book_members (customer_id, book_id);

CREATE TABLE client_book_history (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    book_id BLOB NOT NULL REFERENCES client_books(id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    other_book_id BLOB,
    by_associate BLOB,
    at BIGINT NOT NULL
);
CREATE INDEX client_book_history_customer ON client_book_history (customer_id, at);

CREATE TABLE customer_measures (
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    measure TEXT NOT NULL,
    value_num DOUBLE PRECISION,
    value_text TEXT,
    explanation TEXT,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (customer_id, measure)
);
