-- The `reply` activity type (a customer's reply, logged by an associate;
-- an attribution contact kind of its own) for every existing company that
-- has no type with that code (new companies get it in create_company).
INSERT INTO activity_types (id, company_id, code, name, active)
SELECT unhex(
           printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER))
           || '7' || substr(hex(randomblob(2)), 2, 3)
           || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3)
           || hex(randomblob(6))
       ),
       c.id, 'reply', 'Customer reply', TRUE
FROM companies c
WHERE NOT EXISTS (SELECT 1 FROM activity_types t WHERE t.company_id = c.id AND t.code = 'reply');
