//! The KPI table as CSV (RFC 4180): one line per row and the total, the
//! current period's figures followed by the previous period's.

use super::{KpiReport, KpiRow, Kpis};

const FIELDS: &[&str] = &[
    "outreach_email",
    "outreach_sms",
    "outreach_whatsapp",
    "follow_ups_done",
    "follow_ups_overdue",
    "appointments_held",
    "customers_added",
    "attributed_orders",
    "attributed_sales_minor",
    "contacted_customers",
    "converted_customers",
    "conversion",
    "avg_days_to_convert",
];

/// Quote a field when it needs it; a leading `=`, `+`, `-` or `@` is
/// prefixed with `'` so spreadsheets do not run it as a formula.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn values(k: &Kpis) -> Vec<String> {
    vec![
        k.outreach_email.to_string(),
        k.outreach_sms.to_string(),
        k.outreach_whatsapp.to_string(),
        opt(k.follow_ups_done),
        opt(k.follow_ups_overdue),
        k.appointments_held.to_string(),
        k.customers_added.to_string(),
        k.attributed_orders.to_string(),
        k.attributed_sales_minor.to_string(),
        k.contacted_customers.to_string(),
        k.converted_customers.to_string(),
        opt(k.conversion.map(|c| format!("{c:.4}"))),
        opt(k.avg_days_to_convert.map(|d| format!("{d:.2}"))),
    ]
}

fn line(r: &KpiRow) -> String {
    let mut cells = vec![field(&r.key), field(&r.name)];
    cells.extend(values(&r.current));
    cells.extend(values(&r.previous));
    cells.join(",") + "\r\n"
}

/// The whole table.
pub fn render(report: &KpiReport) -> String {
    let mut head = vec![report.group_by.clone(), "name".to_owned()];
    head.extend(FIELDS.iter().map(|f| (*f).to_owned()));
    head.extend(FIELDS.iter().map(|f| format!("previous_{f}")));
    let mut out = head.join(",") + "\r\n";
    for r in &report.rows {
        out.push_str(&line(r));
    }
    out.push_str(&line(&report.total));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
    }
}
