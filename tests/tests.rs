//! Integration tests: one harness (ripgrep style).
mod util;
