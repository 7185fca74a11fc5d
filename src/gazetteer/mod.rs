//! Gazetteer (placeholder: being built).

/// Provinces, districts and communes before and after the 2025 merger.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer;

impl Gazetteer {
    /// The embedded table.
    pub fn embedded() -> Self {
        Gazetteer
    }
}
