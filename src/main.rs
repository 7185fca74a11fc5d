//! The `kehoach` binary: a thin shell over `kehoach::cli`.
use std::process::ExitCode;

// The pipeline allocates many short-lived strings per line on every worker thread;
// mimalloc's per-thread heaps keep two threads from contending in the allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kehoach::cli::main()
}
