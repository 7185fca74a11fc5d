//! `kehoach graph citers|refs|top|cocited …`: the citation graph, from the index.

use super::Status;
use crate::graph;
use crate::graph::directive_name::DirectiveName;
use crate::lexicon::Lexicon;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Arguments of `graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Index directory.
    #[arg(long, value_name = "DIR", global = true, default_value = "out/index")]
    pub index: PathBuf,
    /// JSON Lines instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Count records that are not official documents (README, notes: `is_document: false`) too.
    #[arg(long, global = true)]
    pub include_non_documents: bool,
    /// What to ask.
    #[command(subcommand)]
    pub what: GraphCmd,
}

/// Graph questions.
#[derive(Debug, Subcommand)]
pub enum GraphCmd {
    /// Documents citing a directive ("33/CT-TTg", "ct 33", "Chỉ thị 33/CT-TTg", an id).
    Citers {
        /// The directive.
        directive: String,
        /// Only citations with one of these relations (comma-separated: implements, basis,
        /// reference, guides, amends, replaces, repeals; or all). See docs/relations.md.
        #[arg(long, value_name = "RELATIONS")]
        relation: Option<String>,
        /// Rows to show.
        #[command(flatten)]
        paging: super::page::Paging,
    },
    /// What a document cites.
    Refs {
        /// Document id (see the README's "Document ids").
        doc: String,
    },
    /// Most-cited directives.
    Top {
        /// Group by province.
        #[arg(long, value_parser = ["province"])]
        by: Option<String>,
        /// Rows (per group).
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The implementation tree of a directive down the hierarchy (a text tree; --json, or DOT with --dot).
    Chain {
        /// The directive.
        directive: String,
        /// Graphviz DOT instead of JSON.
        #[arg(long)]
        dot: bool,
        /// Follow only citations with these relations (comma-separated, or all).
        #[arg(long, value_name = "RELATIONS", default_value = "implements,basis")]
        relation: String,
    },
    /// Directives cited together with one.
    Cocited {
        /// The directive.
        directive: String,
        /// Rows.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

fn print<T: serde::Serialize>(json: bool, rows: &[T], line: impl Fn(&T) -> String) -> anyhow::Result<()> {
    for r in rows {
        if json {
            outln!("{}", serde_json::to_string(r)?);
        } else {
            outln!("{}", line(r));
        }
    }
    if !json {
        outln!("{} row(s)", rows.len());
    }
    Ok(())
}

/// Run `graph`.
pub fn run(a: &GraphArgs) -> anyhow::Result<Status> {
    let (index, fields) = crate::index::open(&a.index)?;
    // Every command but `citers` reads all the records; `citers` asks the index (records only for old indexes).
    let records = || -> anyhow::Result<Vec<crate::record::DocRecord>> {
        let mut r = graph::load(&index, &fields)?;
        if a.include_non_documents {
            graph::count_every_record(&mut r);
        }
        Ok(r)
    };
    let lex = Lexicon::embedded();
    match &a.what {
        GraphCmd::Citers { directive, relation, paging } => {
            let name = DirectiveName::parse(directive, &lex)?;
            let filter = relation.as_deref().map(graph::parse_relations).transpose()?.unwrap_or_default();
            let searcher = index.reader()?.searcher();
            // A page asked for (`--limit`): built from the index alone, without the whole list.
            let paged = match paging.limit {
                Some(limit) if !a.include_non_documents => {
                    graph::indexed::citers_page(&searcher, &fields, &name, &filter, paging.offset, limit)?
                }
                _ => None,
            };
            let (mut rows, total, offset) = match paged {
                Some((total, rows)) => (rows, Some(total), paging.offset),
                None => {
                    let indexed = if a.include_non_documents {
                        None
                    } else {
                        graph::indexed::citers_in(&searcher, &fields, &name)?
                    };
                    let mut rows = match indexed {
                        Some(rows) => rows,
                        None => graph::citers(&records()?, &name),
                    };
                    rows.retain(|c| graph::relation_allowed(&filter, &c.relations));
                    (rows, None, 0)
                }
            };
            // successors: of the page's symbols only when paged (the whole corpus's otherwise)
            let supersessions = if total.is_some() {
                let symbols: Vec<&str> = rows.iter().filter_map(|c| c.symbol.as_deref()).collect();
                graph::supersede::known_for(&lex, &searcher, &fields, &symbols)?
            } else {
                graph::supersede::known(&lex, &searcher, &fields)?
            };
            for c in &mut rows {
                c.set_successor(&supersessions);
            }
            let line = |c: &graph::Citer| {
                let replaced = match (&c.successor, c.superseded) {
                    (Some(s), true) => format!("  ⚠ replaced by {s}"),
                    (Some(s), false) => format!("  (successor {s})"),
                    _ => String::new(),
                };
                format!(
                    "{:<28} {:<24} {:<10} {:<14} {:<11} {} ×{}{replaced}",
                    c.doc,
                    c.directive,
                    c.date.map_or_else(|| "-".to_string(), |d| d.iso()),
                    c.province.as_deref().unwrap_or("-"),
                    c.relation.as_str(),
                    c.issuer.as_deref().unwrap_or("-"),
                    c.mentions
                )
            };
            match total {
                Some(total) => super::page::print_ranked(
                    a.json,
                    &graph::page::ranked(&rows, offset, total),
                    total,
                    "citers",
                    line,
                )?,
                None => super::page::print(a.json, &rows, *paging, "citers", line)?,
            }
        }
        GraphCmd::Refs { doc } => {
            let records = records()?;
            let r = graph::refs(&records, doc)
                .ok_or_else(|| anyhow::anyhow!("no document {doc:?} in {}", a.index.display()))?;
            print(a.json, &r.directives, |d| {
                format!(
                    "{:<24} {:<12} {:<10} {} ×{}",
                    d.symbol.as_deref().or(d.name.as_deref()).unwrap_or("-"),
                    d.kind.as_deref().unwrap_or("-"),
                    d.date.map_or_else(|| "-".to_string(), |d| d.iso()),
                    d.id,
                    d.mentions.len()
                )
            })?;
        }
        GraphCmd::Top { by, limit } => {
            let rows = graph::top(&records()?, by.is_some(), *limit);
            print(a.json, &rows, |c| {
                format!(
                    "{:<16} {:>4} docs {:>5} mentions  {:<24} {}",
                    c.group, c.documents, c.mentions, c.label, c.directive
                )
            })?;
        }
        GraphCmd::Chain { directive, dot, relation } => {
            let name = DirectiveName::parse(directive, &lex)?;
            let filter = graph::parse_relations(relation)?;
            let c = graph::chain::chain(&records()?, &name, directive, &filter);
            if *dot {
                out!("{}", graph::chain::dot(&c));
            } else if a.json {
                outln!("{}", serde_json::to_string(&c)?);
            } else {
                out!("{}", graph::chain::text(&c));
            }
        }
        GraphCmd::Cocited { directive, limit } => {
            let name = DirectiveName::parse(directive, &lex)?;
            let rows = graph::cocited(&records()?, &name, *limit);
            print(a.json, &rows, |c| format!("{:>4} docs  {:<24} {}", c.documents, c.label, c.directive))?;
        }
    }
    Ok(Status::Ok)
}
