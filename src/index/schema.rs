//! The index schema: field names (a contract with saved queries) and analyzers.
//!
//! Two analyzed copies of the text, both with positions so that phrase queries
//! work on Vietnamese syllables: `*_exact` (lowercased, diacritics kept) and
//! `*_fold` (diacritics folded, đ → d). The text is normalized before it gets
//! here (NFC, one tone style), so `hoà`/`hòa` are already one word and the
//! analyzers use only tantivy's built-in components: other tools on the same
//! tantivy format can open the index.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::Index;

/// Analyzer keeping diacritics.
pub const EXACT: &str = "vi_exact";
/// Analyzer folding diacritics.
pub const FOLD: &str = "vi_fold";

/// Every field, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id (relative path without extension; see `corpus`).
    pub id: Field,
    /// Content hash of the input file (incremental indexing).
    pub hash: Field,
    /// Source path (a column in indexes built since `is_document`).
    pub source: Field,
    /// Own number.
    pub number: Field,
    /// Kind.
    pub kind: Field,
    /// Title, diacritics kept.
    pub title: Field,
    /// Title, folded.
    pub title_fold: Field,
    /// Normalized text, diacritics kept (stored for snippets).
    pub body: Field,
    /// Normalized text, folded.
    pub body_fold: Field,
    /// Issue date (ISO).
    pub date: Field,
    /// Year of the plan.
    pub year: Field,
    /// Level of the issuer.
    pub level: Field,
    /// Province as of the document.
    pub province: Field,
    /// Post-2025 province.
    pub province_2025: Field,
    /// Issuer.
    pub issuer: Field,
    /// Signer name.
    pub signer: Field,
    /// Cited directive ids (multi-valued).
    pub cites: Field,
    /// Cited symbols as normalized (multi-valued).
    pub cites_symbol: Field,
    /// Responsible units, canonical (multi-valued).
    pub units: Field,
    /// Slogans, canonical (multi-valued).
    pub slogans: Field,
    /// The whole JSON record (citation edges, units, deadlines without the JSONL).
    pub record: Field,
    /// One value per cited directive, for graph and report answers from the index
    /// without parsing records ([`super::cites_info`]); `None` in indexes built before it.
    pub cites_info: Option<Field>,
    /// The `cites_info` values again, after a symbol key and a number key
    /// ([`super::cites_info::keys`]): `graph citers` by symbol or number reads a range;
    /// `None` in indexes built before it (those scan `cites_info`).
    pub cites_key: Option<Field>,
    /// Number of responsible units (fast); `None` in older indexes.
    pub units_n: Option<Field>,
    /// Number of deadlines (fast); `None` in older indexes.
    pub deadlines_n: Option<Field>,
    /// The record's `is_document` (bool: indexed, fast, stored): the graph and the reports
    /// leave out `false`; `None` in indexes built before it (those answers then read records).
    pub is_document: Option<Field>,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        o.set_stored()
    } else {
        o
    }
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut sb = Schema::builder();
    let f = Fields {
        id: sb.add_text_field("id", STRING | STORED | FAST),
        hash: sb.add_text_field("hash", STRING | STORED),
        // A column (since `is_document`): `index` matches stored documents to files by it
        // without reading the document store.
        source: sb.add_text_field("source", STRING | STORED | FAST),
        number: sb.add_text_field("number", STRING | STORED),
        kind: sb.add_text_field("kind", STRING | STORED | FAST),
        title: sb.add_text_field("title", text(EXACT, true)),
        title_fold: sb.add_text_field("title_fold", text(FOLD, false)),
        body: sb.add_text_field("body", text(EXACT, true)),
        body_fold: sb.add_text_field("body_fold", text(FOLD, false)),
        date: sb.add_text_field("date", STRING | STORED | FAST),
        year: sb.add_u64_field("year", INDEXED | STORED | FAST),
        level: sb.add_text_field("level", STRING | STORED | FAST),
        province: sb.add_text_field("province", STRING | STORED | FAST),
        province_2025: sb.add_text_field("province_2025", STRING | STORED | FAST),
        issuer: sb.add_text_field("issuer", STRING | STORED),
        signer: sb.add_text_field("signer", STRING | STORED),
        cites: sb.add_text_field("cites", STRING | STORED | FAST),
        cites_symbol: sb.add_text_field("cites_symbol", STRING | STORED),
        units: sb.add_text_field("units", STRING | STORED),
        slogans: sb.add_text_field("slogans", STRING | STORED | FAST),
        record: sb.add_text_field("record", STORED),
        cites_info: Some(sb.add_text_field("cites_info", STRING | FAST)),
        units_n: Some(sb.add_u64_field("units_n", FAST)),
        cites_key: Some(sb.add_text_field("cites_key", STRING)),
        deadlines_n: Some(sb.add_u64_field("deadlines_n", FAST)),
        is_document: Some(sb.add_bool_field("is_document", INDEXED | STORED | FAST)),
    };
    (sb.build(), f)
}

/// Resolve the field handles of an opened index's schema.
pub(crate) fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let g = |n: &str| schema.get_field(n);
    Ok(Fields {
        id: g("id")?,
        hash: g("hash")?,
        source: g("source")?,
        number: g("number")?,
        kind: g("kind")?,
        title: g("title")?,
        title_fold: g("title_fold")?,
        body: g("body")?,
        body_fold: g("body_fold")?,
        date: g("date")?,
        year: g("year")?,
        level: g("level")?,
        province: g("province")?,
        province_2025: g("province_2025")?,
        issuer: g("issuer")?,
        signer: g("signer")?,
        cites: g("cites")?,
        cites_symbol: g("cites_symbol")?,
        units: g("units")?,
        slogans: g("slogans")?,
        record: g("record")?,
        cites_info: g("cites_info").ok(),
        units_n: g("units_n").ok(),
        cites_key: g("cites_key").ok(),
        deadlines_n: g("deadlines_n").ok(),
        is_document: g("is_document").ok(),
    })
}

/// Register the analyzers (tantivy stores only their names: do it on every open).
pub fn register(index: &Index) {
    let exact = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    let fold = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(EXACT, exact);
    index.tokenizers().register(FOLD, fold);
}
