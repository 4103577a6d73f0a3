//! Rendering customer filters, scopes and the sort cursor into SQL with
//! bound values. One definition serves both dialects: `QueryBuilder` renders
//! each backend's placeholders.

use clienteling_domain::filter::{CondOp, CustomerFilter};
use clienteling_domain::ids::AddressBookId;
use clienteling_store::{BookScope, CustomerCursor};
use sqlx::QueryBuilder;

/// `LIKE` pattern matching `q` literally anywhere, lower-cased.
pub(crate) fn escape_like(q: &str) -> String {
    let mut s = String::with_capacity(q.len() + 2);
    s.push('%');
    for ch in q.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(ch);
    }
    s.push('%');
    s
}

/// `AND …` for free text on the customer `c`.
pub(crate) fn push_text(b: &mut QueryBuilder<crate::Db>, q: Option<&str>) {
    if let Some(text) = q.map(str::trim).filter(|t| !t.is_empty()) {
        b.push(" AND c.search_text LIKE ")
            .push_bind(escape_like(text))
            .push(" ESCAPE '\\'");
    }
}

/// `AND …` resuming after a sort key.
pub(crate) fn push_after(b: &mut QueryBuilder<crate::Db>, after: Option<&CustomerCursor>) {
    if let Some(after) = after {
        b.push(" AND (c.last_name, c.first_name, c.account) > (")
            .push_bind(after.l.clone())
            .push(", ")
            .push_bind(after.f.clone())
            .push(", ")
            .push_bind(after.a.clone())
            .push(")");
    }
}

/// `AND …` restricting `c` to customers in at least one of `scope`'s address books.
pub(crate) fn push_address_scope(b: &mut QueryBuilder<crate::Db>, scope: &[AddressBookId]) {
    if scope.is_empty() {
        b.push(" AND 1 = 0");
        return;
    }
    b.push(" AND EXISTS (SELECT 1 FROM customer_address_books x WHERE x.customer_id = c.id AND x.address_book_id IN (");
    let mut sep = b.separated(", ");
    for id in scope {
        sep.push_bind(id.0);
    }
    b.push("))");
}

/// `AND …` restricting `c` to a client book or a store client book.
pub(crate) fn push_book_scope(b: &mut QueryBuilder<crate::Db>, scope: &BookScope) {
    match scope {
        BookScope::Book(id) => {
            b.push(" AND EXISTS (SELECT 1 FROM client_book_members m WHERE m.customer_id = c.id AND m.book_id = ")
                .push_bind(id.0)
                .push(")");
        }
        BookScope::Stores(stores) if stores.is_empty() => {
            b.push(" AND 1 = 0");
        }
        BookScope::Stores(stores) => {
            b.push(
                " AND EXISTS (SELECT 1 FROM client_book_members m JOIN client_books bk ON bk.id = m.book_id \
                 JOIN associate_address_books aab ON aab.associate_id = bk.associate_id \
                 JOIN store_address_books sab ON sab.address_book_id = aab.address_book_id \
                 WHERE m.customer_id = c.id AND sab.store_id IN (",
            );
            let mut sep = b.separated(", ");
            for s in stores {
                sep.push_bind(s.0);
            }
            b.push("))");
        }
    }
}

/// `AND …` for every condition of `f` (combined with AND).
pub(crate) fn push_filter(b: &mut QueryBuilder<crate::Db>, f: &CustomerFilter) {
    push_text(b, f.q.as_deref());
    for cond in &f.conds {
        b.push(" AND EXISTS (SELECT 1 FROM customer_attributes ca WHERE ca.customer_id = c.id AND ca.attribute_id = ")
            .push_bind(cond.attribute.0);
        push_op(b, &cond.op);
        b.push(")");
    }
    if let Some((attr, days)) = &f.month_days {
        b.push(" AND EXISTS (SELECT 1 FROM customer_attributes ca WHERE ca.customer_id = c.id AND ca.attribute_id = ")
            .push_bind(attr.0)
            .push(" AND substr(ca.value_text, 6, 5) IN (");
        let mut sep = b.separated(", ");
        for d in days {
            sep.push_bind(d.clone());
        }
        b.push("))");
    }
}

fn push_op(b: &mut QueryBuilder<crate::Db>, op: &CondOp) {
    match op {
        CondOp::TextIn(vs) => {
            b.push(" AND ca.value_text IN (");
            let mut sep = b.separated(", ");
            for v in vs {
                sep.push_bind(v.clone());
            }
            b.push(")");
        }
        CondOp::NumIn(vs) => {
            b.push(" AND ca.value_num IN (");
            let mut sep = b.separated(", ");
            for v in vs {
                sep.push_bind(*v);
            }
            b.push(")");
        }
        CondOp::NumMin(v) => {
            b.push(" AND ca.value_num >= ").push_bind(*v);
        }
        CondOp::NumMax(v) => {
            b.push(" AND ca.value_num <= ").push_bind(*v);
        }
        CondOp::TextMin(v) => {
            b.push(" AND ca.value_text >= ").push_bind(v.clone());
        }
        CondOp::TextMax(v) => {
            b.push(" AND ca.value_text <= ").push_bind(v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape_like;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(escape_like("A_b%"), "%a\\_b\\%%");
    }
}
