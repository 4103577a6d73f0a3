-- Activity types (HQ-managed), activities, notes with visibility and their
-- edit history. Timeline reads page by (customer_id, at, id) on both tables.
CREATE TABLE activity_types (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT activity_types_code_key UNIQUE (company_id, code)
);

CREATE TABLE activities (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    associate_id BLOB NOT NULL REFERENCES associates(id),
    type_id BLOB NOT NULL REFERENCES activity_types(id),
    store_id BLOB REFERENCES stores(id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    description TEXT NOT NULL,
    due_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX activities_customer ON activities (customer_id, at, id);
CREATE INDEX activities_company ON activities (company_id, at, id);
CREATE INDEX activities_associate ON activities (associate_id, at, id);
CREATE INDEX activities_type ON activities (type_id);

CREATE TABLE notes (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    author_id BLOB NOT NULL REFERENCES associates(id),
    visibility TEXT NOT NULL CONSTRAINT notes_visibility_check CHECK (visibility IN ('private', 'store', 'company')),
    text TEXT NOT NULL,
    at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX notes_customer ON notes (customer_id, at, id);

CREATE TABLE note_revisions (
    id BLOB PRIMARY KEY,
    note_id BLOB NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    visibility TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX note_revisions_note ON note_revisions (note_id, replaced_at);

-- Every existing company gets the seeded types (new companies get them in
-- create_company). Ids are UUIDv7 built from the current time and random bits.
INSERT INTO activity_types (id, company_id, code, name, active)
SELECT unhex(
           printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER))
           || '7' || substr(hex(randomblob(2)), 2, 3)
           || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3)
           || hex(randomblob(6))
       ),
       c.id, t.code, t.name, TRUE
FROM companies c
CROSS JOIN (
    SELECT 'store_visit' AS code, 'Store visit' AS name
    UNION ALL SELECT 'email', 'E-mail'
    UNION ALL SELECT 'phone_call', 'Phone call'
    UNION ALL SELECT 'appointment', 'Appointment'
    UNION ALL SELECT 'outreach', 'Message sent'
) t;
