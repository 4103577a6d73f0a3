//! Importing attribute values: one row per customer, `account` and one
//! column per attribute of the group (the group selected in settings, or
//! `--group`). A value is checked against its attribute's type; an empty
//! cell clears it; columns the file lacks are left alone.

use super::source::{Column, Fields};
use super::{Importer, account};
use anyhow::{Context, Result, anyhow, bail};
use clienteling_domain::attributes::Attribute;
use clienteling_domain::ids::CompanyId;
use clienteling_store::{BulkAttributes, BulkOutcome, Store};

/// The attribute group to import or export: `--group`, else the selected one.
pub async fn group(
    store: &dyn Store,
    company: CompanyId,
    name: Option<&str>,
) -> Result<(String, Vec<Attribute>)> {
    let name = match name {
        Some(n) => n.to_owned(),
        None => store
            .settings(company)
            .await?
            .attribute_group
            .ok_or_else(|| {
                anyhow!("no attribute group is selected in settings; name one with --group")
            })?,
    };
    let groups = store.list_attribute_groups(company).await?;
    let g = groups
        .into_iter()
        .find(|g| g.name == name)
        .with_context(|| format!("no attribute group named {name}"))?;
    Ok((g.name, g.attributes))
}

/// The attributes importer.
pub struct Attributes {
    company: CompanyId,
    group: String,
    attributes: Vec<Attribute>,
    columns: Vec<Column>,
}

impl Attributes {
    /// An importer into `company` for the attributes of `group`.
    pub async fn load(store: &dyn Store, company: CompanyId, name: Option<&str>) -> Result<Self> {
        let (group, attributes) = group(store, company, name).await?;
        let mut columns = vec![Column::required("account", &["customer_id", "customer"])];
        columns.extend(attributes.iter().map(|a| Column::optional(&a.name, &[])));
        Ok(Attributes {
            company,
            group,
            attributes,
            columns,
        })
    }
}

impl Importer for Attributes {
    type Row = BulkAttributes;

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Refuse header columns that are no attribute of the group (a typo
    /// would otherwise import nothing, silently).
    fn bind(&mut self, index: &[Option<usize>], header: &[String]) -> Result<()> {
        let unknown: Vec<&str> = header
            .iter()
            .enumerate()
            .filter(|(pos, _)| !index.contains(&Some(*pos)))
            .map(|(_, h)| h.as_str())
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = self.attributes.iter().map(|a| a.name.as_str()).collect();
            bail!(
                "columns {} are not attributes of group {} ({}); map them with --map attribute=Header",
                unknown.join(", "),
                self.group,
                known.join(", ")
            );
        }
        Ok(())
    }

    fn parse(&self, f: &Fields<'_>) -> Result<BulkAttributes, String> {
        let account = account(f, 0)?;
        let mut values = Vec::with_capacity(self.attributes.len());
        for (i, a) in self.attributes.iter().enumerate() {
            let Some(text) = f.get(i + 1)? else { continue };
            let v = a.parse_text(text).map_err(|e| format!("{}: {e}", a.name))?;
            values.push((a.id, v));
        }
        Ok(BulkAttributes { account, values })
    }

    async fn write(&self, store: &dyn Store, rows: &[BulkAttributes]) -> Result<BulkOutcome> {
        Ok(store.upsert_attributes(self.company, rows).await?)
    }
}
