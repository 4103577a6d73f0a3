//! The storage error: what callers may act on, and everything else.

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// A uniqueness or reference rule was violated; `constraint` names it.
    #[error("conflict on {constraint}")]
    Conflict {
        /// The violated constraint (index or rule name).
        constraint: String,
    },
    /// The database cannot be reached right now (connection lost, pool
    /// exhausted, server shutting down); retrying later may succeed.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else (driver, corrupt data).
    #[error("storage failure: {0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Wrap any error as `Other`.
    pub fn other(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        StoreError::Other(e.into())
    }
}

/// Storage result.
pub type Result<T> = std::result::Result<T, StoreError>;
