//! The JSON record: one line of `documents.jsonl` per input file.
//!
//! This module owns the schema (field names and order are a contract with the
//! analysts' scripts: add fields, never rename them). serde's struct order is
//! the JSON field order. `schema_version` is bumped only on a breaking change.

pub use crate::domain::{Date, DeadlineKind, Level, Precision};
use serde::{Deserialize, Serialize};

/// Version of the JSON record layout. 2 added (at the ends of their objects, nothing renamed):
/// `tasks`, `format`, `text_source`, `is_document` on the record, `generic` on units, `raw` on
/// repaired mentions; ids became relative paths for files in subfolders. 5 added `relation` on
/// citation mentions, `relations` and `superseded_by` on directives, `unparsed` on the record.
pub const SCHEMA_VERSION: u32 = 5;

/// Identity of an input document: its path relative to the argument that found it, without
/// extension (`004_370019b44abf7e3f`, `hanoi/kehoach`; see `corpus`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

/// Canonical identity of a cited directive, e.g. `nn:ttg:CT:2021:33`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DirectiveId(pub String);

/// The id as text, and `Display` as that text, so callers need not reach into `.0`.
macro_rules! id_text {
    ($t:ty) => {
        impl $t {
            /// The id as written.
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(&self.0)
            }
        }
    };
}
id_text!(DocId);
id_text!(DirectiveId);

/// A place in the raw (decoded) text: byte offsets, plus the normalized text of the span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Start byte offset in the raw text.
    pub start: usize,
    /// End byte offset (exclusive) in the raw text.
    pub end: usize,
    /// The mention as it reads after normalization (line breaks repaired).
    pub text: String,
    /// For citations: the section heading it stands under ("III. TỔ CHỨC THỰC HIỆN").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// For citations: the responsible unit whose task it stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The text as read when `text` was repaired (an OCR-damaged symbol: `163/2024/QHI5`
    /// read as `163/2024/QH15`); absent when the two are the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// For citations: what the mention's clause says the citing document does with the cited
    /// one (see [`Relation`] and `docs/relations.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
}

/// What a citation means: the relation between the citing document and the cited one.
/// Declared from the strongest to the weakest, so `Ord` sorts the strongest first
/// (`docs/relations.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// "Quyết định này thay thế Quyết định số …".
    Replaces,
    /// "Bãi bỏ …", "… hết hiệu lực".
    Repeals,
    /// "Sửa đổi, bổ sung một số điều của …" (the document's own action).
    Amends,
    /// "Hướng dẫn thực hiện …".
    Guides,
    /// "Thực hiện …", "Triển khai …", "Để cụ thể hóa …", a task "tổ chức thực hiện …".
    Implements,
    /// "Căn cứ …", "Trên cơ sở …".
    Basis,
    /// Anything else: "theo quy định tại …", dissemination, background, a review.
    Reference,
}

impl Relation {
    /// Every relation, strongest first.
    pub(crate) const ALL: [Relation; 7] = [
        Relation::Replaces,
        Relation::Repeals,
        Relation::Amends,
        Relation::Guides,
        Relation::Implements,
        Relation::Basis,
        Relation::Reference,
    ];

    /// The relation as the JSON record and the tables write it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::Repeals => "repeals",
            Relation::Amends => "amends",
            Relation::Guides => "guides",
            Relation::Implements => "implements",
            Relation::Basis => "basis",
            Relation::Reference => "reference",
        }
    }

    /// Its Vietnamese label (reports and web pages).
    pub(crate) fn label_vi(self) -> &'static str {
        match self {
            Relation::Replaces => "thay thế",
            Relation::Repeals => "bãi bỏ",
            Relation::Amends => "sửa đổi, bổ sung",
            Relation::Guides => "hướng dẫn",
            Relation::Implements => "triển khai thực hiện",
            Relation::Basis => "căn cứ",
            Relation::Reference => "dẫn chiếu",
        }
    }

    /// Parse a relation as written in the record (`implements`).
    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether a plan relies on the cited document (its date counts for uptake; a superseded
    /// one is flagged): `implements` or `basis`.
    pub(crate) fn relies(self) -> bool {
        matches!(self, Relation::Implements | Relation::Basis)
    }
}

impl std::fmt::Display for Relation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The document that replaced a cited one, from `data/lexicon/supersessions.tsv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Successor {
    /// Its symbol (`33/CT-TTg`).
    pub symbol: String,
    /// The date the replacement took effect (ISO in JSON), when known.
    pub date: Option<Date>,
}

/// One document's extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Document id (see [`DocId`]).
    pub id: DocId,
    /// Path of the input file as given.
    pub source: String,
    /// The document's own metadata.
    pub meta: Meta,
    /// Cited documents, one record per distinct directive.
    pub directives: Vec<Directive>,
    /// Responsible units and their roles.
    pub units: Vec<Unit>,
    /// Slogans, mottos, movements, one record per distinct canonical form.
    pub slogans: Vec<Slogan>,
    /// Due times, in document order.
    pub deadlines: Vec<Deadline>,
    /// Non-fatal problems noticed while reading or extracting.
    pub warnings: Vec<String>,
    /// One row per assignment: a unit in one task, its role in that task and that task's
    /// own deadline (the per-task view of `units`), in document order.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Format the file was read as: `txt`, `md`, `docx`, `odt`, `html`, `pdf`, `doc`.
    #[serde(default)]
    pub format: String,
    /// What produced the text that every offset of this record points into: `file` (the
    /// file's own decoded text), `docx-xml`, `odt-xml`, `html` (kehoach's readers), `pdftotext`,
    /// `antiword` (the external converters). `kehoach normalize FILE` prints that text normalized.
    #[serde(default)]
    pub text_source: String,
    /// Whether the text reads as an official document (see [`Meta::is_document`]): false for a
    /// README, notes, a Q&A article. Such records are kept but left out of the graph and the
    /// reports unless asked (`--include-non-documents`). Records written before this field read as true.
    #[serde(default = "yes")]
    pub is_document: bool,
    /// What looks like a citation but resolves to no document: a short reference ("Chỉ thị
    /// số 16", "Nghị quyết nêu trên") with no full citation before it in the document.
    #[serde(default)]
    pub unparsed: Vec<Mention>,
}

/// A unit's assignment to one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Name as written.
    pub unit: String,
    /// Canonical form of the name (as in `units[].canonical`).
    pub canonical: String,
    /// Role in this task: lead (chủ trì) or support (phối hợp).
    pub role: Role,
    /// A generic collective ("các cơ quan, đơn vị liên quan"), not one body.
    pub generic: bool,
    /// The task, when one is stated (first sentence, at most 300 characters).
    pub task: Option<String>,
    /// The task's own deadline phrase ("trước ngày 30/6/2025"), when it has one.
    pub deadline: Option<String>,
    /// That deadline's date (ISO in JSON; the last day of a month, quarter or year), when it has one.
    pub due: Option<Date>,
    /// When the unit was named with others in one list ("Các thôn, Ban công tác Mặt trận, đoàn
    /// thể chính trị - xã hội"), the whole list as written: each part has its own row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

fn yes() -> bool {
    true
}

/// Metadata of the document itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Own number and symbol (`10/KH-UBND`); null when blank or absent.
    pub number: Option<String>,
    /// Kind (`Kế hoạch`, `Quyết định` …).
    pub kind: Option<String>,
    /// Issue date (ISO in JSON).
    pub date: Option<Date>,
    /// Place name of the date line (`Lãm Hà`).
    pub place: Option<String>,
    /// Issuing body (`UBND xã Đại Sơn`).
    pub issuer: Option<String>,
    /// Level of the issuing body: xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh, trung ương.
    pub level: Option<Level>,
    /// Province as of the document's date.
    pub province: Option<String>,
    /// Post-July-2025 province (one of the 34).
    pub province_2025: Option<String>,
    /// Title (trích yếu).
    pub title: Option<String>,
    /// Year of the plan.
    pub year: Option<i32>,
    /// Signature block.
    pub signer: Option<Signer>,
    /// Nơi nhận items.
    pub recipients: Vec<String>,
}

impl Meta {
    /// Whether these metadata are those of an official document. An administrative
    /// document (Nghị định 30/2020/NĐ-CP, the form every kind follows) carries an issuer
    /// header, a number and symbol, a place and date line, its kind above the title and a
    /// signature; OCR or a web copy may lose some of them, but a text showing fewer than
    /// two (a README, notes, a Q&A article quoting documents) is not one.
    /// Counted: kind, own number, date, issuer, signer's name.
    pub(crate) fn is_document(&self) -> bool {
        let parts = [
            self.kind.is_some(),
            self.number.is_some(),
            self.date.is_some(),
            self.issuer.is_some(),
            self.signer.as_ref().is_some_and(|s| s.name.is_some()),
        ];
        parts.iter().filter(|&&p| p).count() >= 2
    }
}

/// Signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// Personal name.
    pub name: Option<String>,
    /// Title (`PHÓ CHỦ TỊCH`).
    pub role: Option<String>,
    /// Authority prefix line(s) (`TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH`).
    pub authority: Option<String>,
}

/// State, Party, or joint document numbering system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    /// `33/CT-TTg`, `59/2023/NĐ-CP`.
    State,
    /// `49-CT/TW`.
    Party,
    /// `49-KH/UBND-BDVTU`.
    Joint,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directive {
    /// Kind word (`Chỉ thị`, `Nghị định`, `Luật` …).
    pub kind: Option<String>,
    /// Normalized symbol (`33/CT-TTg`); null when the number is missing.
    pub symbol: Option<String>,
    /// Number part (`33`, `8b`).
    pub number: Option<String>,
    /// Year from the symbol, else from the date.
    pub year: Option<i32>,
    /// Issuer as written (`Thủ tướng Chính phủ`), else from the symbol code.
    pub issuer: Option<String>,
    /// Issue date (ISO in JSON).
    pub date: Option<Date>,
    /// Numbering system.
    pub system: System,
    /// Canonical id.
    pub id: DirectiveId,
    /// Every mention in the text.
    pub mentions: Vec<Mention>,
    /// Name, for documents cited by name ("Luật Thực hiện dân chủ ở cơ sở").
    pub name: Option<String>,
    /// Issuer codes of the symbol, lead first, `-`-joined (`TTg`, `UBND-BDVTU`).
    pub issuer_code: Option<String>,
    /// The distinct relations of its mentions, strongest first (`relations[0]` is the
    /// strongest: see [`Relation`]).
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// The document that replaced it, when that happened before the citing document's date
    /// (`data/lexicon/supersessions.tsv`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<Successor>,
}

impl Directive {
    /// The name it is shown by, when it has one: symbol, else name, else kind
    /// ([`crate::domain::label`]).
    pub(crate) fn shown(&self) -> Option<&str> {
        crate::domain::label::shown(self.symbol.as_deref(), self.name.as_deref(), self.kind.as_deref())
    }

    /// Its label: [`Directive::shown`], else its id ([`crate::domain::label`]).
    pub(crate) fn label(&self) -> String {
        crate::domain::label::label(
            self.symbol.as_deref(),
            self.name.as_deref(),
            self.kind.as_deref(),
            self.id.as_str(),
        )
    }

    /// Its strongest relation (`reference` when none was read: records written before
    /// schema 5).
    pub(crate) fn relation(&self) -> Relation {
        self.relations.first().copied().unwrap_or(Relation::Reference)
    }
}

/// Role of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Chủ trì, or heads an item of "Tổ chức thực hiện".
    Lead,
    /// Phối hợp.
    Support,
    /// Named in passing ("qua Sở Nội vụ").
    Mentioned,
}

impl Role {
    /// The role as the JSON record writes it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Mentioned => "mentioned",
        }
    }
}

/// A responsible unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Name as written (first mention).
    pub name: String,
    /// Canonical form (abbreviations expanded, spacing unified).
    pub canonical: String,
    /// Strongest role found.
    pub role: Role,
    /// Every role it has in the document, strongest first (Sở Nội vụ leads one item and
    /// supports in another: `["lead", "support"]`).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Tasks assigned to it.
    pub tasks: Vec<String>,
    /// Every mention.
    pub mentions: Vec<Mention>,
    /// A generic collective ("các cơ quan, đơn vị liên quan", "các sở, ban, ngành"): the
    /// words of the name are all in the `generic` entries of `data/lexicon/unit_heads.tsv`.
    #[serde(default)]
    pub generic: bool,
}

/// A slogan, motto, movement or campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slogan {
    /// Surface text of the first mention.
    pub text: String,
    /// Canonical form (from the lexicon, else the cleaned text).
    pub canonical: String,
    /// phong trào, phương châm, phong cách, cuộc vận động, mô hình, chủ đề năm …
    pub kind: Option<String>,
    /// Whether the canonical form is in the lexicon.
    pub known: bool,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// A due time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The phrase.
    pub text: String,
    /// The day, or the last day of the month/quarter/half/year (ISO in JSON).
    pub due: Option<Date>,
    /// day, month, quarter, half, year.
    pub precision: Option<Precision>,
    /// by-date, range, period, recurring, continuous, target, relative.
    pub kind: DeadlineKind,
    /// Unit the task belongs to.
    pub unit: Option<String>,
    /// The task.
    pub task: Option<String>,
    /// Start byte offset in the raw text.
    pub start: usize,
    /// End byte offset in the raw text.
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_parts_of_the_official_form_make_a_document() {
        let signer = Signer { name: Some("Nguyễn Thị Tâm".into()), role: None, authority: None };
        let plan = Meta { kind: Some("Kế hoạch".into()), signer: Some(signer.clone()), ..Meta::default() };
        assert!(plan.is_document());
        let numbered = Meta { number: Some("10/KH-UBND".into()), date: Date::new(2024, 2, 27), ..Meta::default() };
        assert!(numbered.is_document());
        // A README or a Q&A article: nothing, or one part alone (a "Mẫu quyết định" heading).
        assert!(!Meta::default().is_document());
        assert!(!Meta { kind: Some("Quyết định".into()), ..Meta::default() }.is_document());
        // A signature block without a name does not count.
        let nameless = Signer { name: None, role: Some("CHỦ TỊCH".into()), authority: None };
        assert!(!Meta { kind: Some("Kế hoạch".into()), signer: Some(nameless), ..Meta::default() }.is_document());
    }

    #[test]
    fn records_written_before_is_document_read_as_documents() {
        let old = r#"{"schema_version":1,"id":"a","source":"a.txt","meta":{"number":null,"kind":null,"date":null,
            "place":null,"issuer":null,"level":null,"province":null,"province_2025":null,"title":null,"year":null,
            "signer":null,"recipients":[]},"directives":[],"units":[],"slogans":[],"deadlines":[],"warnings":[]}"#;
        let r: DocRecord = serde_json::from_str(old).unwrap();
        assert!(r.is_document);
    }
}
