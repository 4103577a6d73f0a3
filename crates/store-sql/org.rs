//! Companies, stores, address books, roles and associates.

use super::{codes_join, codes_of, codes_of_table, dynamic, map_err, split_codes};
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::Permission;
use clienteling_domain::ids::{AddressBookId, AssociateId, CompanyId, RoleId, StoreId};
use clienteling_domain::org::{
    AddressBook, Associate, AssociatePatch, Company, NewAssociate, Role, Store as ShopStore,
};
use clienteling_domain::permission::{decode, encode, seeded_roles};
use clienteling_domain::settings::Settings;
use clienteling_domain::text::{Code, Name, Username};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{OrgStore, Result, StoreError};
use sqlx::{FromRow, QueryBuilder};
use std::sync::LazyLock;
use uuid::Uuid;

#[derive(FromRow)]
struct CodedRow {
    id: Uuid,
    code: String,
    name: String,
}

#[derive(FromRow)]
struct StoreRow {
    id: Uuid,
    code: String,
    name: String,
    books: Option<String>,
}

#[derive(FromRow)]
struct RoleRow {
    id: Uuid,
    name: String,
    permissions: String,
}

#[derive(FromRow)]
struct AssociateRow {
    id: Uuid,
    username: String,
    display_name: String,
    role: String,
    active: bool,
    locale: Option<String>,
    stores: Option<String>,
    books: Option<String>,
}

impl From<StoreRow> for ShopStore {
    fn from(r: StoreRow) -> Self {
        ShopStore {
            id: StoreId(r.id),
            code: Code::from_trusted(r.code),
            name: Name::from_trusted(r.name),
            address_books: split_codes(r.books),
        }
    }
}

impl From<AssociateRow> for Associate {
    fn from(r: AssociateRow) -> Self {
        Associate {
            id: AssociateId(r.id),
            username: Username::from_trusted(r.username),
            display_name: Name::from_trusted(r.display_name),
            role: r.role,
            stores: split_codes(r.stores),
            address_books: split_codes(r.books),
            active: r.active,
            locale: r.locale,
        }
    }
}

/// One store (its address books by a subquery).
static STORES_SQL: LazyLock<String> =
    LazyLock::new(|| stores_sql(&codes_of("store_address_books", "store_id", "s"), ""));

/// Every store (the address books of all of them in one grouped join).
static STORE_LIST_SQL: LazyLock<String> = LazyLock::new(|| {
    let books = (
        "store_address_books",
        "store_id",
        "s",
        "address_books",
        "address_book_id",
    );
    stores_sql(
        "b.codes",
        &codes_join("b", books.0, books.1, books.2, books.3, books.4),
    )
});

fn stores_sql(books: &str, joins: &str) -> String {
    format!(
        "SELECT s.id, s.code, s.name, {books} AS books FROM stores s{joins} WHERE s.company_id = $1"
    )
}

/// One associate (stores and address books by subqueries).
static ASSOCIATES_SQL: LazyLock<String> = LazyLock::new(|| {
    associates_sql(
        &codes_of_table(
            "associate_stores",
            "associate_id",
            "a",
            "stores",
            "store_id",
        ),
        &codes_of("associate_address_books", "associate_id", "a"),
        "",
    )
});

/// Every associate (stores and address books in grouped joins).
static ASSOCIATE_LIST_SQL: LazyLock<String> = LazyLock::new(|| {
    let joins = [
        codes_join(
            "st",
            "associate_stores",
            "associate_id",
            "a",
            "stores",
            "store_id",
        ),
        codes_join(
            "ab",
            "associate_address_books",
            "associate_id",
            "a",
            "address_books",
            "address_book_id",
        ),
    ];
    associates_sql("st.codes", "ab.codes", &joins.concat())
});

fn associates_sql(stores: &str, books: &str, joins: &str) -> String {
    format!(
        "SELECT a.id, a.username, a.display_name, r.name AS role, a.active, a.locale, \
         {stores} AS stores, {books} AS books \
         FROM associates a JOIN roles r ON r.id = a.role_id{joins} WHERE a.company_id = $1"
    )
}

fn settings_doc(s: &Settings) -> Result<String> {
    serde_json::to_string(s).map_err(StoreError::other)
}

impl Backend {
    pub(crate) async fn insert_links(
        tx: &mut sqlx::Transaction<'_, crate::Db>,
        table: &str,
        cols: (&str, &str),
        owner: Uuid,
        ids: &[Uuid],
    ) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut q = QueryBuilder::<crate::Db>::new(format!(
            "INSERT INTO {table} ({}, {}) ",
            cols.0, cols.1
        ));
        q.push_values(ids, |mut b, id| {
            b.push_bind(owner).push_bind(*id);
        });
        q.build().execute(&mut **tx).await.map_err(map_err)?;
        Ok(())
    }

    pub(crate) async fn replace_links(
        tx: &mut sqlx::Transaction<'_, crate::Db>,
        table: &str,
        cols: (&str, &str),
        owner: Uuid,
        ids: &[Uuid],
    ) -> Result<()> {
        let del = format!("DELETE FROM {table} WHERE {} = $1", cols.0);
        sqlx::query(dynamic(del))
            .bind(owner)
            .execute(&mut **tx)
            .await
            .map_err(map_err)?;
        Self::insert_links(tx, table, cols, owner, ids).await
    }

    async fn store_by_id(&self, company: CompanyId, id: StoreId) -> Result<ShopStore> {
        let sql = format!("{} AND s.id = $2", *STORES_SQL);
        let row: StoreRow = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .bind(id.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }
}

#[async_trait]
impl OrgStore for Backend {
    async fn create_company(&self, code: &Code, name: &Name) -> Result<Company> {
        let id = CompanyId::new();
        let defaults = Settings::default();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query("INSERT INTO companies (id, code, name, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id.0)
            .bind(code.as_str())
            .bind(name.as_str())
            .bind(now_micros())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        for (role, perms) in seeded_roles() {
            sqlx::query(
                "INSERT INTO roles (id, company_id, name, permissions) VALUES ($1, $2, $3, $4)",
            )
            .bind(RoleId::new().0)
            .bind(id.0)
            .bind(role)
            .bind(encode(&perms))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        sqlx::query("INSERT INTO company_settings (company_id, doc) VALUES ($1, $2)")
            .bind(id.0)
            .bind(settings_doc(&defaults)?)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let seq = &defaults.client_book_number_sequence;
        sqlx::query(
            "INSERT INTO number_sequences (company_id, name, prefix, width, next) VALUES ($1, 'client_book', $2, $3, $4)",
        )
        .bind(id.0)
        .bind(&seq.prefix)
        .bind(i32::from(seq.width))
        .bind(seq.next)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        super::activities::seed_types(&mut tx, id).await?;
        super::outreach::seed_templates(&mut tx, id).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(Company {
            id,
            code: code.clone(),
            name: name.clone(),
        })
    }

    async fn company_by_code(&self, code: &str) -> Result<Company> {
        let r: CodedRow = sqlx::query_as("SELECT id, code, name FROM companies WHERE code = $1")
            .bind(code.to_ascii_lowercase())
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(Company {
            id: CompanyId(r.id),
            code: Code::from_trusted(r.code),
            name: Name::from_trusted(r.name),
        })
    }

    async fn create_store(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
        books: &[AddressBookId],
    ) -> Result<ShopStore> {
        let id = StoreId::new();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query("INSERT INTO stores (id, company_id, code, name) VALUES ($1, $2, $3, $4)")
            .bind(id.0)
            .bind(company.0)
            .bind(code.as_str())
            .bind(name.as_str())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        let ids: Vec<Uuid> = books.iter().map(|b| b.0).collect();
        let cols = ("store_id", "address_book_id");
        Self::insert_links(&mut tx, "store_address_books", cols, id.0, &ids).await?;
        tx.commit().await.map_err(map_err)?;
        self.store_by_id(company, id).await
    }

    async fn find_store(&self, company: CompanyId, key: &str) -> Result<ShopStore> {
        if let Ok(id) = Uuid::parse_str(key) {
            return self.store_by_id(company, StoreId(id)).await;
        }
        let sql = format!("{} AND s.code = $2", *STORES_SQL);
        let row: StoreRow = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .bind(key.to_lowercase())
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn list_stores(&self, company: CompanyId) -> Result<Vec<ShopStore>> {
        let sql = format!("{} ORDER BY s.code", *STORE_LIST_SQL);
        let rows: Vec<StoreRow> = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn create_address_book(
        &self,
        company: CompanyId,
        code: &Code,
        name: &Name,
    ) -> Result<AddressBook> {
        let id = AddressBookId::new();
        sqlx::query(
            "INSERT INTO address_books (id, company_id, code, name) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(code.as_str())
        .bind(name.as_str())
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(AddressBook {
            id,
            code: code.clone(),
            name: name.clone(),
        })
    }

    async fn list_address_books(&self, company: CompanyId) -> Result<Vec<AddressBook>> {
        let rows: Vec<CodedRow> = sqlx::query_as(
            "SELECT id, code, name FROM address_books WHERE company_id = $1 ORDER BY code",
        )
        .bind(company.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|r| AddressBook {
                id: AddressBookId(r.id),
                code: Code::from_trusted(r.code),
                name: Name::from_trusted(r.name),
            })
            .collect())
    }

    async fn create_role(
        &self,
        company: CompanyId,
        name: &Code,
        perms: &[Permission],
    ) -> Result<Role> {
        let id = RoleId::new();
        sqlx::query(
            "INSERT INTO roles (id, company_id, name, permissions) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(name.as_str())
        .bind(encode(perms))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(Role {
            id,
            name: name.clone(),
            permissions: decode(&encode(perms)),
        })
    }

    async fn list_roles(&self, company: CompanyId) -> Result<Vec<Role>> {
        let rows: Vec<RoleRow> = sqlx::query_as(
            "SELECT id, name, permissions FROM roles WHERE company_id = $1 ORDER BY name",
        )
        .bind(company.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|r| Role {
                id: RoleId(r.id),
                name: Code::from_trusted(r.name),
                permissions: decode(&r.permissions),
            })
            .collect())
    }

    async fn create_associate(&self, company: CompanyId, new: &NewAssociate) -> Result<Associate> {
        let id = AssociateId::new();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        sqlx::query(
            "INSERT INTO associates (id, company_id, username, display_name, password_hash, role_id, active, locale, created_at) \
             SELECT $1, $2, $3, $4, $5, r.id, TRUE, $7, $8 FROM roles r WHERE r.id = $6 AND r.company_id = $2",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(new.username.as_str())
        .bind(new.display_name.as_str())
        .bind(&new.password_hash)
        .bind(new.role.0)
        .bind(&new.locale)
        .bind(now_micros())
        .execute(&mut *tx)
        .await
        .map_err(map_err)
        .and_then(|r| if r.rows_affected() == 1 { Ok(()) } else { Err(StoreError::NotFound) })?;
        let stores: Vec<Uuid> = new.stores.iter().map(|s| s.0).collect();
        let books: Vec<Uuid> = new.address_books.iter().map(|b| b.0).collect();
        Self::insert_links(
            &mut tx,
            "associate_stores",
            ("associate_id", "store_id"),
            id.0,
            &stores,
        )
        .await?;
        let cols = ("associate_id", "address_book_id");
        Self::insert_links(&mut tx, "associate_address_books", cols, id.0, &books).await?;
        tx.commit().await.map_err(map_err)?;
        self.associate(company, id).await
    }

    async fn update_associate(
        &self,
        company: CompanyId,
        id: AssociateId,
        patch: &AssociatePatch,
    ) -> Result<Associate> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut q = QueryBuilder::<crate::Db>::new("UPDATE associates SET id = id");
        if let Some(n) = &patch.display_name {
            q.push(", display_name = ").push_bind(n.as_str().to_owned());
        }
        if let Some(r) = patch.role {
            q.push(", role_id = (SELECT id FROM roles WHERE id = ")
                .push_bind(r.0)
                .push(" AND company_id = ")
                .push_bind(company.0)
                .push(")");
        }
        if let Some(a) = patch.active {
            q.push(", active = ").push_bind(a);
        }
        if let Some(h) = &patch.password_hash {
            q.push(", password_hash = ").push_bind(h.clone());
        }
        if let Some(l) = &patch.locale {
            q.push(", locale = ").push_bind(l.clone());
        }
        q.push(" WHERE id = ")
            .push_bind(id.0)
            .push(" AND company_id = ")
            .push_bind(company.0);
        let done = q.build().execute(&mut *tx).await.map_err(map_err)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        if let Some(s) = &patch.stores {
            let ids: Vec<Uuid> = s.iter().map(|s| s.0).collect();
            Self::replace_links(
                &mut tx,
                "associate_stores",
                ("associate_id", "store_id"),
                id.0,
                &ids,
            )
            .await?;
        }
        if let Some(b) = &patch.address_books {
            let ids: Vec<Uuid> = b.iter().map(|b| b.0).collect();
            let cols = ("associate_id", "address_book_id");
            Self::replace_links(&mut tx, "associate_address_books", cols, id.0, &ids).await?;
        }
        tx.commit().await.map_err(map_err)?;
        self.associate(company, id).await
    }

    async fn associate(&self, company: CompanyId, id: AssociateId) -> Result<Associate> {
        let sql = format!("{} AND a.id = $2", *ASSOCIATES_SQL);
        let row: AssociateRow = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .bind(id.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn list_associates(&self, company: CompanyId) -> Result<Vec<Associate>> {
        let sql = format!("{} ORDER BY a.username", *ASSOCIATE_LIST_SQL);
        let rows: Vec<AssociateRow> = sqlx::query_as(dynamic(sql))
            .bind(company.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
