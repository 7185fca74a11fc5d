//! Responsible units (placeholder: being written).
use super::{Assignment, Doc};

/// Find the units and their roles.
pub fn extract(_doc: &Doc) -> Vec<Assignment> {
    Vec::new()
}

#[cfg(test)]
mod dump_tmp {
    #[test]
    #[ignore]
    fn dump() {
        for dir in ["data/corpus", "/work/shared/corpus/real"] {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().map(|x| x != "txt").unwrap_or(true) {
                    continue;
                }
                let raw = std::fs::read_to_string(&p).unwrap();
                let n = crate::normalize::normalize(&raw);
                std::fs::write(
                    format!("/tmp/unitdump/{}", p.file_name().unwrap().to_str().unwrap()),
                    &n.text,
                )
                .unwrap();
            }
        }
    }
}
mod phrase;
mod vocab;
