-- Outreach: HQ-edited message templates with every version kept, consent
-- per customer and channel, per-company outreach settings (SMTP, webhook,
-- over-messaging guard) and the transactional outbox a background worker
-- drains. An outbox row is written in the same transaction as the
-- `outreach` activity it logs (activities.channel set).
CREATE TABLE message_templates (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    code TEXT NOT NULL,
    locale TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT message_templates_code_key UNIQUE (company_id, code, locale)
);

CREATE TABLE message_template_versions (
    template_id UUID NOT NULL REFERENCES message_templates(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    html BOOLEAN NOT NULL,
    author_id UUID REFERENCES associates(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (template_id, version)
);

CREATE TABLE customer_consents (
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CONSTRAINT customer_consents_channel_check CHECK (channel IN ('email', 'sms', 'whatsapp')),
    opt_in BOOLEAN NOT NULL,
    at BIGINT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (customer_id, channel)
);

CREATE TABLE outreach_settings (
    company_id UUID PRIMARY KEY REFERENCES companies(id),
    doc TEXT NOT NULL
);

-- status: queued -> claimed (leased) -> sending (payload about to go out)
-- -> sent; a failed attempt goes back to 'failed' with a later not_before,
-- and to 'dead' after the last attempt or when a delivery was interrupted
-- in a way that may have delivered it (e-mail is never resent then).
CREATE TABLE outbox (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    outreach_id UUID NOT NULL,
    customer_id UUID NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    activity_id UUID NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    associate_id UUID NOT NULL REFERENCES associates(id),
    template_id UUID REFERENCES message_templates(id) ON DELETE SET NULL,
    template_version INTEGER,
    channel TEXT NOT NULL CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'whatsapp')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    html BOOLEAN NOT NULL,
    status TEXT NOT NULL CONSTRAINT outbox_status_check CHECK (status IN ('queued', 'claimed', 'sending', 'sent', 'failed', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, not_before, id);
CREATE INDEX outbox_customer ON outbox (customer_id, created_at);
CREATE INDEX outbox_activity ON outbox (activity_id);
CREATE INDEX outbox_batch ON outbox (outreach_id, id);
CREATE INDEX outbox_company ON outbox (company_id, status, id);
