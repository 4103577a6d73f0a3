//! Use cases shared by the API and the UI, so both behave the same.

use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::error::{ApiResult, not_found};
use crate::resolve;
use crate::state::AppState;
use clienteling_domain::Permission;
use clienteling_domain::customer::{Customer, CustomerFields, RawCustomer};
use clienteling_domain::error::Collector;
use clienteling_store::{CustomerCursor, CustomerQuery, Principal};

/// The address books a principal's customer search is limited to: the
/// current store's; HQ users without a store see every customer.
pub fn search_scope(who: &Principal) -> Option<Vec<clienteling_domain::ids::AddressBookId>> {
    match who.store {
        Some(_) => Some(who.store_address_books.clone()),
        None if who.can(Permission::ManageSetup) => None,
        None => Some(Vec::new()),
    }
}

/// One page of the scoped customer search.
pub async fn search_customers(
    state: &AppState,
    who: &Principal,
    q: Option<String>,
    after: Option<CustomerCursor>,
    limit: u32,
) -> ApiResult<Page<Customer>> {
    let query = CustomerQuery {
        q,
        scope: search_scope(who),
        after,
        limit: limit + 1,
    };
    let rows = state.store.search_customers(who.company, &query).await?;
    let key = |c: &Customer| CustomerCursor {
        l: c.last_name.clone(),
        f: c.first_name.clone(),
        a: c.account.to_string(),
    };
    Ok(page::paginate(rows, limit, key, |c| c))
}

/// Validate and create a customer, by default in the current store's address books.
pub async fn create_customer(
    state: &AppState,
    who: &Principal,
    raw: RawCustomer,
) -> ApiResult<Customer> {
    let fields = CustomerFields::parse(&raw, true)?;
    let mut c = Collector::default();
    let books = match &raw.address_books {
        Some(codes) => {
            resolve::address_books(state, who.company, codes, "/address_books", &mut c).await?
        }
        None => who.store_address_books.clone(),
    };
    c.finish()?;
    let customer = state
        .store
        .create_customer(who.company, &fields, &books)
        .await?;
    let detail = serde_json::json!({ "fields": changed_fields(&raw) });
    audit::record(
        state,
        who,
        "customer.create",
        Outcome::Ok,
        Some(customer.account.as_str()),
        detail,
    )
    .await;
    Ok(customer)
}

/// Validate and apply changes to a customer.
pub async fn update_customer(
    state: &AppState,
    who: &Principal,
    account: &str,
    raw: RawCustomer,
) -> ApiResult<Customer> {
    let fields = CustomerFields::parse(&raw, false)?;
    let mut c = Collector::default();
    let books = match &raw.address_books {
        Some(codes) => {
            Some(resolve::address_books(state, who.company, codes, "/address_books", &mut c).await?)
        }
        None => None,
    };
    c.finish()?;
    let customer = state
        .store
        .update_customer(who.company, account, &fields, books.as_deref())
        .await
        .map_err(not_found("customer"))?;
    let detail = serde_json::json!({ "fields": changed_fields(&raw) });
    audit::record(
        state,
        who,
        "customer.update",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(customer)
}

/// Names (never values) of the fields a change touched, for the audit log.
fn changed_fields(r: &RawCustomer) -> Vec<&'static str> {
    [
        ("first_name", r.first_name.is_some()),
        ("last_name", r.last_name.is_some()),
        ("email", r.email.is_some()),
        ("phone", r.phone.is_some()),
        ("street", r.street.is_some()),
        ("postal_code", r.postal_code.is_some()),
        ("city", r.city.is_some()),
        ("country", r.country.is_some()),
        ("address_books", r.address_books.is_some()),
        ("consent", r.consent.is_some()),
        ("consent_source", r.consent_source.is_some()),
        ("alternate_id", r.alternate_id.is_some()),
    ]
    .into_iter()
    .filter_map(|(n, set)| set.then_some(n))
    .collect()
}

/// Validate and store settings: the attribute group must exist, and a
/// changed insights provider is checked first (it stays off if the check fails).
pub async fn save_settings(
    state: &AppState,
    who: &Principal,
    new: &clienteling_domain::settings::Settings,
) -> ApiResult<()> {
    new.validate()?;
    if let Some(group) = &new.attribute_group {
        let groups = state.store.list_attribute_groups(who.company).await?;
        if !groups.iter().any(|g| &g.name == group) {
            let msg = format!("no attribute group named {group:?}");
            return Err(clienteling_domain::Invalid::field("/attribute_group", msg).into());
        }
    }
    let old = state.store.settings(who.company).await?;
    if new.insights != old.insights {
        crate::provider::check(&new.insights).await?;
    }
    state.store.put_settings(who.company, new).await?;
    let detail = serde_json::json!({ "clienteling_enabled": new.clienteling_enabled });
    audit::record(state, who, "settings.update", Outcome::Ok, None, detail).await;
    Ok(())
}

/// Keep the settings pointing at a renamed group.
pub async fn rename_in_settings(
    state: &AppState,
    company: clienteling_domain::ids::CompanyId,
    old: &str,
    new: &str,
) -> ApiResult<()> {
    let mut s = state.store.settings(company).await?;
    if old != new && s.attribute_group.as_deref() == Some(old) {
        s.attribute_group = Some(new.to_owned());
        state.store.put_settings(company, &s).await?;
    }
    Ok(())
}
