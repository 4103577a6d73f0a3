-- Erasure: when a customer's personal data was anonymised.
ALTER TABLE customers ADD COLUMN erased_at BIGINT;
