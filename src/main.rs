//! The `kehoach` binary: a thin shell over `kehoach::cli`.
use std::process::ExitCode;

fn main() -> ExitCode {
    kehoach::cli::main()
}
