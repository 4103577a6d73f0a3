//! Client cards as the UI shows them: contact lines and three slots, with
//! measures translated and formatted for the locale and date attributes
//! shown as the locale's dates (other attribute values are HQ's data).

use super::measures;
use crate::books::Card;
use crate::i18n::Tr;
use clienteling_domain::attributes::{Attribute, AttributeKind};
use clienteling_domain::card::{Slot, SlotKind};

/// Human label of an attribute name: `preferred_contact` → `Preferred contact`.
pub fn label(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut c = spaced.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One slot of a card.
pub struct SlotView {
    /// Measure or attribute label.
    pub label: String,
    /// Value for display.
    pub value: String,
}

/// One card.
pub struct CardView {
    pub(crate) account: String,
    pub(crate) name: String,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) slots: Vec<SlotView>,
}

/// A stored date attribute value (`1999-10-28`) as the locale's date.
pub fn date_value(tr: &Tr, value: &str) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format)
        .map(|d| tr.date(d))
        .unwrap_or_else(|_| value.to_owned())
}

/// A slot in `tr`'s language; `attrs` tell which attributes are dates.
pub fn slot_view(tr: &Tr, s: Slot, attrs: &[Attribute]) -> SlotView {
    let measure = s.kind == SlotKind::Measure;
    let date = attrs
        .iter()
        .any(|a| a.name == s.name && a.kind == AttributeKind::Date);
    let value = match s.value {
        Some(v) if measure => measures::slot_value(tr, &s.name, &v),
        Some(v) if date => date_value(tr, &v),
        Some(v) => v,
        None => "—".into(),
    };
    let label = if measure {
        measures::label(tr, &s.name)
    } else {
        label(&s.name)
    };
    SlotView { label, value }
}

/// A card in `tr`'s language.
pub fn card_view(tr: &Tr, c: Card, attrs: &[Attribute]) -> CardView {
    CardView {
        account: c.account,
        name: c.name,
        email: c.email,
        phone: c.phone,
        slots: c
            .slots
            .into_iter()
            .map(|s| slot_view(tr, s, attrs))
            .collect(),
    }
}
