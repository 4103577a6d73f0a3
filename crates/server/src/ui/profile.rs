//! The customer page's read-only sections: client books, card slots,
//! measures with explanations, attributes (typed inputs) and purchases with
//! a small SVG chart, in the associate's language (dates with month names,
//! money and numbers formatted for the locale).

use super::cards::{SlotView, label, slot_view};
use super::measures;
use crate::books;
use crate::error::ApiResult;
use crate::i18n::Tr;
use crate::state::AppState;
use clienteling_domain::attributes::AttributeKind;
use clienteling_domain::customer::Customer;
use clienteling_domain::time_util::from_micros;
use clienteling_store::Principal;

/// One attribute input.
pub struct AttrInput {
    /// Attribute name (form field `attr.<name>`).
    pub name: String,
    /// Label.
    pub label: String,
    /// `text`, `number`, `date`, `select` or `checkbox`.
    pub input: &'static str,
    /// Current value.
    pub value: String,
    /// Enum choices.
    pub options: Vec<String>,
    /// Error next to the field.
    pub error: Option<String>,
}

/// One measure.
pub struct MeasureView {
    /// Label.
    pub label: String,
    /// Formatted value.
    pub value: String,
    /// Explanation.
    pub explanation: String,
}

/// One purchase row.
pub struct PurchaseView {
    /// Date.
    pub date: String,
    /// Amount.
    pub amount: String,
    /// Store.
    pub store: String,
}

/// One bar of the purchase chart.
pub struct Bar {
    /// x position.
    pub x: u32,
    /// y position.
    pub y: u32,
    /// Height.
    pub h: u32,
    /// Tooltip.
    pub title: String,
}

/// Everything beyond the contact form.
pub struct Profile {
    /// "CB-000001 (Aino Associate)" entries.
    pub books: Vec<String>,
    /// Whether the viewer's own book holds the customer.
    pub in_my_book: bool,
    /// Card slots.
    pub slots: Vec<SlotView>,
    /// Measures.
    pub measures: Vec<MeasureView>,
    /// Attribute inputs.
    pub attributes: Vec<AttrInput>,
    /// Latest purchases.
    pub purchases: Vec<PurchaseView>,
    /// Monthly bars (last 24 months).
    pub bars: Vec<Bar>,
    /// Total spend text.
    pub total: String,
}

/// Load the sections for `c`.
pub async fn load(state: &AppState, who: &Principal, c: &Customer) -> ApiResult<Profile> {
    let tr = Tr::of(who);
    let s = state.store.settings(who.company).await?;
    let attrs = books::selected_attributes(state, who.company, &s).await?;
    let owners = state.store.books_of_customer(c.id).await?;
    let values = state.store.customer_attributes(&[c.id]).await?;
    let measures = state.store.measures_of(&[c.id]).await?;
    // The card shows a subset of what the page lists: no second read.
    let data = books::CardData::from_rows(measures.clone(), values.clone());
    let card = books::card(c, &data, &s, &attrs);
    let purchases = state
        .store
        .purchases_of(who.company, c.id, None, 500)
        .await?;
    Ok(Profile {
        in_my_book: owners.iter().any(|o| o.associate == who.associate),
        books: owners
            .into_iter()
            .map(|o| format!("{} ({})", o.book, o.name))
            .collect(),
        slots: card
            .slots
            .into_iter()
            .map(|s| slot_view(&tr, s, &attrs))
            .collect(),
        measures: measures
            .iter()
            .map(|m| MeasureView {
                label: measures::label(&tr, &m.measure),
                value: measures::value(&tr, m),
                explanation: m
                    .explanation
                    .as_deref()
                    .map(|e| measures::explanation(&tr, &m.measure, e))
                    .unwrap_or_default(),
            })
            .collect(),
        attributes: attrs
            .iter()
            .map(|a| {
                let v = values
                    .iter()
                    .find(|(_, id, _)| *id == a.id)
                    .map(|(_, _, v)| v.display())
                    .unwrap_or_default();
                attr_input(a, v)
            })
            .collect(),
        total: tr.money(purchases.iter().map(|p| p.amount_minor).sum(), "EUR"),
        bars: bars(&tr, &purchases),
        purchases: purchases
            .iter()
            .take(10)
            .map(|p| PurchaseView {
                date: tr.date_long(tr.local_date(p.at)),
                amount: tr.money(p.amount_minor, &p.currency),
                store: p.store.clone().unwrap_or_default(),
            })
            .collect(),
    })
}

/// A form input for an attribute.
pub fn attr_input(a: &clienteling_domain::attributes::Attribute, value: String) -> AttrInput {
    let input = match a.kind {
        AttributeKind::Text => "text",
        AttributeKind::Enum => "select",
        AttributeKind::Number => "number",
        AttributeKind::Date => "date",
        AttributeKind::Boolean => "checkbox",
    };
    AttrInput {
        name: a.name.clone(),
        label: label(&a.name),
        input,
        value,
        options: a.values.clone(),
        error: None,
    }
}

/// Monthly spend over the last 24 months as SVG bars (600×120 viewport).
fn bars(tr: &Tr, purchases: &[clienteling_store::Purchase]) -> Vec<Bar> {
    let now = time::OffsetDateTime::now_utc().date();
    let month_index = |d: time::Date| d.year() * 12 + i32::from(u8::from(d.month())) - 1;
    let current = month_index(now);
    let mut sums = [0i64; 24];
    for p in purchases {
        let back = current - month_index(from_micros(p.at).date());
        if (0..24).contains(&back) {
            sums[23 - back as usize] += p.amount_minor;
        }
    }
    let max = sums.iter().copied().max().unwrap_or(0).max(1);
    sums.iter()
        .enumerate()
        .filter(|(_, s)| **s > 0)
        .map(|(i, s)| {
            let h = ((*s as f64 / max as f64) * 110.0).round().max(2.0) as u32;
            Bar {
                x: i as u32 * 25 + 2,
                y: 118 - h,
                h,
                title: bar_title(tr, 23 - i, *s),
            }
        })
        .collect()
}

/// Tooltip of a month's bar: "3 months ago: €120.00".
fn bar_title(tr: &Tr, months_ago: usize, minor: i64) -> String {
    let when = match months_ago {
        0 => tr.t("customer-this-month"),
        n => tr.t1("customer-months-ago", "count", n),
    };
    tr.t2(
        "customer-bar",
        "when",
        when,
        "amount",
        tr.money(minor, "EUR"),
    )
}
