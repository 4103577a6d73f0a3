//! The client-card slot rule: first the configured measures (up to 3), then
//! client-book attributes by display order until 3 slots are filled.

use serde::Serialize;

/// Number of slots on a client card.
pub const SLOTS: usize = 3;

/// What fills a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// A measure.
    Measure,
    /// A client-book attribute.
    Attribute,
}

/// One filled slot; `value` is `None` when the customer has none yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    /// Measure or attribute.
    pub kind: SlotKind,
    /// Measure or attribute name.
    pub name: String,
    /// The customer's value, formatted for display.
    pub value: Option<String>,
}

/// A candidate attribute: name, display order, the customer's value.
#[derive(Debug, Clone)]
pub struct AttributeCandidate {
    /// Attribute name.
    pub name: String,
    /// Display order (1 before 2).
    pub display_order: i32,
    /// The customer's value.
    pub value: Option<String>,
}

/// Fill the slots: `measures` in configured order (each with the customer's
/// value), then `attributes` by ascending display order (ties by name).
pub fn fill_slots(
    measures: &[(String, Option<String>)],
    attributes: &[AttributeCandidate],
) -> Vec<Slot> {
    let mut attrs: Vec<&AttributeCandidate> = attributes.iter().collect();
    attrs.sort_by(|a, b| (a.display_order, &a.name).cmp(&(b.display_order, &b.name)));
    let from_measures = measures.iter().map(|(n, v)| Slot {
        kind: SlotKind::Measure,
        name: n.clone(),
        value: v.clone(),
    });
    let from_attrs = attrs.into_iter().map(|a| Slot {
        kind: SlotKind::Attribute,
        name: a.name.clone(),
        value: a.value.clone(),
    });
    from_measures
        .take(SLOTS)
        .chain(from_attrs)
        .take(SLOTS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, order: i32) -> AttributeCandidate {
        AttributeCandidate {
            name: name.into(),
            display_order: order,
            value: Some(format!("{name}-value")),
        }
    }

    #[test]
    fn measures_come_first_then_attributes_by_display_order() {
        let m = vec![("churn_probability".to_owned(), Some("0.2".to_owned()))];
        let slots = fill_slots(
            &m,
            &[attr("size", 3), attr("likes", 1), attr("birthday", 2)],
        );
        let names: Vec<_> = slots.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["churn_probability", "likes", "birthday"]);
        assert_eq!(slots[0].kind, SlotKind::Measure);
    }

    #[test]
    fn three_measures_leave_no_room_for_attributes() {
        let m: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|n| (n.to_string(), None))
            .collect();
        let slots = fill_slots(&m, &[attr("likes", 1)]);
        assert!(slots.iter().all(|s| s.kind == SlotKind::Measure));
        assert_eq!(slots.len(), 3);
    }

    #[test]
    fn fewer_candidates_fill_fewer_slots() {
        assert_eq!(fill_slots(&[], &[attr("likes", 1)]).len(), 1);
        assert!(fill_slots(&[], &[]).is_empty());
    }
}
