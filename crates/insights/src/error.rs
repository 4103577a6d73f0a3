//! Error types of the crate.

/// Invalid model input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// An observation violates the model's assumptions.
    #[error("observation {index} is invalid: {reason}")]
    InvalidObservation {
        /// Position of the offending observation in the input.
        index: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// There is nothing to fit.
    #[error("no observations to fit")]
    Empty,
}

/// Failure to fit a model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// The input data is invalid.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The data cannot identify the model (e.g. nobody made a repeat
    /// purchase, so the dropout process is unobservable).
    #[error("not enough information to fit: {0}")]
    InsufficientData(&'static str),
    /// The optimiser could not find finite parameters.
    #[error("the optimiser could not find a finite maximum of the likelihood")]
    NoFiniteOptimum,
}
