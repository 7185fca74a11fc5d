//! The addressees of a letter or a Công điện: "Kính gửi: - Sở Xây dựng; - UBND các xã",
//! "THỦ TƯỚNG CHÍNH PHỦ điện: - Bộ trưởng, Thủ trưởng cơ quan ngang bộ …".
//!
//! A Công văn or Công điện sent down is addressed to the units that must act on it: they
//! are the lead of the document's tasks. A document sent up (a Tờ trình, a report: "kính
//! trình", "xem xét, phê duyệt") only names its addressee: mentioned.
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

/// Units of the addressee block.
pub fn extract(doc: &Doc, out: &mut Vec<Found>) {
    let entries = &doc.structure.addressees;
    if entries.is_empty() {
        return;
    }
    let (t, low) = (doc.text(), doc.lower());
    let body = doc.structure.body_end.min(t.len());
    let role = if UPWARD.is_match(&low[..body]) { Role::Mentioned } else { Role::Lead };
    let scope = entries[0].start..body;
    let chrome = crate::extract::chrome::chrome_ranges(doc);
    for e in entries.iter().filter(|e| !crate::extract::chrome::inside(chrome, e.start)) {
        let o = Opts { vocab: &doc.lex.unit_vocab, limit: e.end, need_cap: false, table: false };
        for u in units_at(t, low, e.start, &o) {
            out.push(Found::new(u, role, None, scope.clone()));
        }
    }
}
