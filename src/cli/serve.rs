//! `kehoach serve --index DIR [--addr 127.0.0.1:8080]`: the web workbench (see `crate::serve`).

use super::Status;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Index directory.
    #[arg(long, value_name = "DIR", default_value = "out/index")]
    pub index: PathBuf,
    /// Address to listen on (localhost by default; port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

/// Run `serve` until Ctrl-C.
pub fn run(a: &ServeArgs) -> anyhow::Result<Status> {
    crate::serve::run(&a.index, &a.addr)?;
    Ok(Status::Ok)
}
