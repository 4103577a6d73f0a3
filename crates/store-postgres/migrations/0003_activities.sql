-- Activity types (HQ-managed), activities, notes with visibility and their
-- edit history. Timeline reads page by (customer_id, at, id) on both tables.
CREATE TABLE activity_types (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT activity_types_code_key UNIQUE (company_id, code)
);

CREATE TABLE activities (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    associate_id UUID NOT NULL REFERENCES associates(id),
    type_id UUID NOT NULL REFERENCES activity_types(id),
    store_id UUID REFERENCES stores(id) ON DELETE SET NULL,
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
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    author_id UUID NOT NULL REFERENCES associates(id),
    visibility TEXT NOT NULL CONSTRAINT notes_visibility_check CHECK (visibility IN ('private', 'store', 'company')),
    text TEXT NOT NULL,
    at BIGINT NOT NULL,
    edited_at BIGINT
);
CREATE INDEX notes_customer ON notes (customer_id, at, id);

CREATE TABLE note_revisions (
    id UUID PRIMARY KEY,
    note_id UUID NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    visibility TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL
);
CREATE INDEX note_revisions_note ON note_revisions (note_id, replaced_at);

-- Every existing company gets the seeded types (new companies get them in
-- create_company). Ids are UUIDv7 built from the current time and random bits.
INSERT INTO activity_types (id, company_id, code, name, active)
SELECT encode(
           set_bit(set_bit(
               overlay(uuid_send(gen_random_uuid())
                       PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                       FROM 1 FOR 6),
               52, 1), 53, 1),
           'hex')::uuid,
       c.id, t.code, t.name, TRUE
FROM companies c
CROSS JOIN (
    SELECT 'store_visit' AS code, 'Store visit' AS name
    UNION ALL SELECT 'email', 'E-mail'
    UNION ALL SELECT 'phone_call', 'Phone call'
    UNION ALL SELECT 'appointment', 'Appointment'
    UNION ALL SELECT 'outreach', 'Message sent'
) t;
