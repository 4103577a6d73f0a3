-- Activities due in a window (a book's upcoming events, the reminders) are
-- found per customer by due time instead of reading every activity of each
-- customer: a partial index, as only planned activities have a due time.
CREATE INDEX activities_customer_due ON activities (customer_id, due_at) WHERE due_at IS NOT NULL;
