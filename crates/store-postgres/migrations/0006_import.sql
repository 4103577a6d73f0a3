-- Bulk import: a natural key for purchases and activities (the source's id,
-- or a key derived from the CSV row) so that a re-run or a resumed run of an
-- import changes nothing. Rows recorded without one keep NULL (NULLs never
-- collide in a unique index on either backend).
ALTER TABLE purchases ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX purchases_external_id_key ON purchases (company_id, external_id);
ALTER TABLE activities ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX activities_external_id_key ON activities (company_id, external_id);
