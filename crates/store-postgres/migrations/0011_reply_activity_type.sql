-- The `reply` activity type (a customer's reply, logged by an associate;
-- an attribution contact kind of its own) for every existing company that
-- has no type with that code (new companies get it in create_company).
INSERT INTO activity_types (id, company_id, code, name, active)
SELECT encode(
           set_bit(set_bit(
               overlay(uuid_send(gen_random_uuid())
                       PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                       FROM 1 FOR 6),
               52, 1), 53, 1),
           'hex')::uuid,
       c.id, 'reply', 'Customer reply', TRUE
FROM companies c
WHERE NOT EXISTS (SELECT 1 FROM activity_types t WHERE t.company_id = c.id AND t.code = 'reply');
