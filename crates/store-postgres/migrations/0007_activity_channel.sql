-- The channel an outreach activity went through ('email', 'sms', 'whatsapp');
-- NULL for every other activity. Written by outreach, read by attribution.
ALTER TABLE activities ADD COLUMN channel TEXT;
