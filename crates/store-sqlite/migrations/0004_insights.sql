-- Insights runs: the fitted parameters and counts of each run.
CREATE TABLE insights_runs (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    status TEXT NOT NULL,
    requested_by BLOB,
    request TEXT NOT NULL,
    result TEXT,
    error TEXT,
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX insights_runs_company ON insights_runs (company_id, started_at);

-- The next-best-action rule table HQ edits (JSON), one per company.
CREATE TABLE insights_rules (
    company_id BLOB PRIMARY KEY REFERENCES companies(id),
    doc TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
