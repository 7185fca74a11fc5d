//! `kehoach query FILE [--index DIR] [--json]`: run a saved analyst query.
//!
//! A query file (`queries/*.query`) holds `# key: value` header lines — `name`,
//! `purpose`, and for the test suite `expect-rows` / `expect-contains` — and one
//! command line of kehoach (without the program name), e.g.
//! `graph citers 33/CT-TTg`. `--index DIR` and `--json` given to `query` are
//! passed on to that command.

use super::{dispatch, Cli, Command, Status};
use clap::{Args, Parser};
use std::path::{Path, PathBuf};

/// Arguments of `query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query file.
    pub file: PathBuf,
    /// Index directory passed to the command.
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Ask the command for JSON Lines.
    #[arg(long)]
    pub json: bool,
}

/// A saved query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Saved {
    /// Header values by key.
    pub headers: Vec<(String, String)>,
    /// The command's arguments.
    pub args: Vec<String>,
}

/// Split a command line into arguments: spaces separate, "double" or 'single' quotes group.
pub(crate) fn split_args(line: &str) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => cur.extend(chars.next()),
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        anyhow::bail!("unbalanced quote in {line:?}");
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Read a query file.
pub fn read(path: &Path) -> anyhow::Result<Saved> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read query {}: {e}", path.display()))?;
    let mut headers = Vec::new();
    let mut command = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(h) = line.strip_prefix('#') {
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        } else if command.is_none() {
            command = Some(line.to_string());
        } else {
            anyhow::bail!("{}: one command per query file", path.display());
        }
    }
    let command = command.ok_or_else(|| anyhow::anyhow!("{}: no command line", path.display()))?;
    Ok(Saved { headers, args: split_args(&command)? })
}

/// Run `query`.
pub fn run(a: &QueryArgs) -> anyhow::Result<Status> {
    let saved = read(&a.file)?;
    let mut argv = vec!["kehoach".to_string()];
    argv.extend(saved.args.iter().cloned());
    if let Some(ix) = &a.index {
        argv.push("--index".into());
        argv.push(ix.display().to_string());
    }
    if a.json {
        argv.push("--json".into());
    }
    let cli =
        Cli::try_parse_from(&argv).map_err(|e| anyhow::anyhow!("{}: {}", a.file.display(), e.to_string().trim()))?;
    if matches!(cli.command, Command::Query(_)) {
        anyhow::bail!("{}: a query cannot run another query", a.file.display());
    }
    dispatch(&cli)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_split_like_a_shell() {
        assert_eq!(
            split_args(r#"search "dân vận khéo" --province "Hải Phòng""#).unwrap(),
            ["search", "dân vận khéo", "--province", "Hải Phòng"]
        );
        assert_eq!(split_args(r#"search '"Dân vận khéo"'"#).unwrap(), ["search", "\"Dân vận khéo\""]);
        assert!(split_args("search \"open").is_err());
    }
}
