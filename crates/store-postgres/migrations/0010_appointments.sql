-- Appointments (each shown on the timeline through its activity of type
-- `appointment`), HQ's attribution rules (versioned) and the attribution of
-- purchases per rule-set version: a purchase is computed at most once per
-- version (attribution_done) and credited to at most one share per
-- associate (attribution_shares), shares summing to the purchase amount.
CREATE TABLE appointments (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    associate_id UUID NOT NULL REFERENCES associates(id),
    store_id UUID NOT NULL REFERENCES stores(id),
    activity_id UUID NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    status TEXT NOT NULL CONSTRAINT appointments_status_check CHECK (status IN ('booked', 'held', 'cancelled', 'no_show')),
    created_by UUID NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT appointments_times_check CHECK (end_at > start_at)
);
CREATE INDEX appointments_associate ON appointments (associate_id, start_at);
CREATE INDEX appointments_store ON appointments (store_id, start_at);
CREATE INDEX appointments_company ON appointments (company_id, start_at);
CREATE INDEX appointments_activity ON appointments (activity_id);

CREATE TABLE attribution_rules (
    company_id UUID NOT NULL REFERENCES companies(id),
    version BIGINT NOT NULL,
    rules TEXT NOT NULL,
    created_by UUID,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (company_id, version)
);

CREATE TABLE attribution_done (
    company_id UUID NOT NULL REFERENCES companies(id),
    rules_version BIGINT NOT NULL,
    purchase_id UUID NOT NULL REFERENCES purchases(id) ON DELETE CASCADE,
    PRIMARY KEY (company_id, rules_version, purchase_id)
);
CREATE INDEX attribution_done_purchase ON attribution_done (purchase_id);

CREATE TABLE attribution_shares (
    company_id UUID NOT NULL REFERENCES companies(id),
    rules_version BIGINT NOT NULL,
    purchase_id UUID NOT NULL REFERENCES purchases(id) ON DELETE CASCADE,
    associate_id UUID NOT NULL REFERENCES associates(id),
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    contact_id UUID NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    contact_kind TEXT NOT NULL,
    contact_at BIGINT NOT NULL,
    purchase_at BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (company_id, rules_version, purchase_id, associate_id)
);
CREATE INDEX attribution_shares_associate ON attribution_shares (company_id, rules_version, associate_id, purchase_at);
CREATE INDEX attribution_shares_purchase ON attribution_shares (purchase_id);
CREATE INDEX attribution_shares_contact ON attribution_shares (contact_id);

-- The seeded manager and admin roles see KPIs (new companies get it in code).
UPDATE roles SET permissions = permissions || ',view_kpis'
WHERE name IN ('manager', 'admin') AND permissions NOT LIKE '%view_kpis%';
