//! The addressees of a letter or a Công điện: "Kính gửi: - Sở Xây dựng; - UBND các xã",
//! "THỦ TƯỚNG CHÍNH PHỦ điện: - Bộ trưởng, Thủ trưởng cơ quan ngang bộ …".
//!
//! A Công văn or Công điện sent down is addressed to the units that must act on it: they
//! are the lead of the document's tasks. A document sent up (a Tờ trình, a report: "kính
//! trình", "xem xét, phê duyệt") assigns its addressee nothing: neither the addressee nor
//! the body's mentions of it ("Sở Nội vụ kính trình Chủ tịch UBND tỉnh …") are units.
//!
//! Example: "Kính gửi:\n- Sở Xây dựng;\n- Ủy ban nhân dân các xã.\nĐề nghị các đơn vị khẩn
//! trương triển khai." gives Sở Xây dựng and Ủy ban nhân dân các xã, role lead.
//!
//! Limits: the task is the document itself (no task text); an addressee list written as
//! running text over several lines without bullets is read on its first line only.

use super::phrase::{units_at, Opts};
use super::Found;
use crate::extract::Doc;
use crate::record::Role;
use regex::Regex;
use std::sync::LazyLock;

/// Words of a document sent up to its addressee (on the lowercase text).
static UPWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          kính\ trình | kính\ đề\ nghị | kính\ báo\ cáo            # Kính trình Ủy ban nhân dân tỉnh
         |xem\ xét,?\ (?:phê\ duyệt|quyết\ định|chấp\ thuận|phê\ chuẩn|cho\ ý\ kiến|giải\ quyết)  # xem xét, phê duyệt
        ",
    )
    .expect("UPWARD")
});

/// The document is sent up to its addressees (only asked of a document that has some).
fn sent_up(doc: &Doc) -> bool {
    let body = doc.structure.body_end.min(doc.text().len());
    UPWARD.is_match(&doc.lower()[..body])
}

/// The addressees of a document sent up (a Tờ trình, a report: "kính trình", "xem xét, phê
/// duyệt"): spans of the names it is sent to, which are no unit of it (nor are their mentions).
pub fn sent_up_to(doc: &Doc) -> Vec<std::ops::Range<usize>> {
    let entries = &doc.structure.addressees;
    let (t, low) = (doc.text(), doc.lower());
    if entries.is_empty() || !sent_up(doc) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for e in entries {
        let o = Opts { vocab: &doc.lex.unit_vocab, limit: e.end, need_cap: false, table: false };
        out.extend(units_at(t, low, e.start, &o));
    }
    out
}

/// Units of the addressee block (none for a document sent up: see [`sent_up_to`]).
pub fn extract(doc: &Doc, out: &mut Vec<Found>) {
    let entries = &doc.structure.addressees;
    if entries.is_empty() {
        return;
    }
    let (t, low) = (doc.text(), doc.lower());
    let body = doc.structure.body_end.min(t.len());
    // A document sent up (a Tờ trình, a report) assigns its addressee nothing: not a unit.
    if sent_up(doc) {
        return;
    }
    let scope = entries[0].start..body;
    let chrome = crate::extract::chrome::chrome_ranges(doc);
    for e in entries.iter().filter(|e| !crate::extract::chrome::inside(chrome, e.start)) {
        let o = Opts { vocab: &doc.lex.unit_vocab, limit: e.end, need_cap: false, table: false };
        for u in units_at(t, low, e.start, &o) {
            out.push(Found::new(u, Role::Lead, None, scope.clone()));
        }
    }
}
