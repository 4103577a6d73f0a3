-- Follow-ups: tasks for an associate about a customer, due on a day
-- (`YYYY-MM-DD`, compared as text). Rule-made ones carry an occasion key,
-- unique per company, so that re-running the rules (on any server process)
-- never creates the same follow-up twice. `due` is the day it is due now
-- (moved by a snooze); `first_due` the day it was first due.
CREATE TABLE follow_ups (
    id BLOB PRIMARY KEY,
    company_id BLOB NOT NULL REFERENCES companies(id),
    customer_id BLOB NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    owner_id BLOB NOT NULL REFERENCES associates(id),
    due TEXT NOT NULL,
    first_due TEXT NOT NULL,
    reason TEXT NOT NULL,
    source TEXT NOT NULL CONSTRAINT follow_ups_source_check CHECK (source IN ('manual', 'rule')),
    rule_kind TEXT,
    occasion TEXT,
    status TEXT NOT NULL CONSTRAINT follow_ups_status_check CHECK (status IN ('open', 'done', 'snoozed', 'dismissed')),
    snoozed_until TEXT,
    created_by BLOB,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    closed_by BLOB,
    CONSTRAINT follow_ups_occasion_key UNIQUE (company_id, occasion)
);
CREATE INDEX follow_ups_owner ON follow_ups (owner_id, status, due);
CREATE INDEX follow_ups_company ON follow_ups (company_id, status, due);
CREATE INDEX follow_ups_customer ON follow_ups (customer_id, status, due);

-- The rule table HQ edits (JSON); no row: the default rules.
CREATE TABLE follow_up_rules (
    company_id BLOB PRIMARY KEY REFERENCES companies(id),
    doc TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One row per company and day the daily rule run was claimed, so that one
-- server process among several runs it.
CREATE TABLE follow_up_rule_days (
    company_id BLOB NOT NULL REFERENCES companies(id),
    day TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    PRIMARY KEY (company_id, day)
);
