//! Mapping from normalized byte offsets back to raw byte offsets.
//!
//! The normalizer builds its output piece by piece. A piece is either copied
//! verbatim from the source (offsets advance together) or replaced (a quote, a
//! joined line break, an NFC cluster): every position inside a replaced piece
//! maps to the piece's source start, its end to the source end. Both ends of
//! every piece are character boundaries on both sides, so a mapped offset is
//! always a character boundary of the raw text.

/// One piece of the output.
#[derive(Debug, Clone, Copy)]
struct Piece {
    norm: usize,
    src: usize,
    src_end: usize,
    copy: bool,
}

/// Normalized → source offset map (composable: see [`OffsetMap::compose`]).
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    norm_len: usize,
    src_len: usize,
}

impl OffsetMap {
    /// Record `len` bytes copied verbatim from `src` (appended at the current end).
    pub(crate) fn copy(&mut self, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.copy && last.src_end == src && last.norm + (last.src_end - last.src) == self.norm_len {
                last.src_end += len;
                self.norm_len += len;
                return;
            }
        }
        self.pieces.push(Piece { norm: self.norm_len, src, src_end: src + len, copy: true });
        self.norm_len += len;
    }

    /// Record `out_len` output bytes that replace source `src..src_end`.
    pub(crate) fn replace(&mut self, src: usize, src_end: usize, out_len: usize) {
        if out_len == 0 {
            return;
        }
        self.pieces.push(Piece { norm: self.norm_len, src, src_end, copy: false });
        self.norm_len += out_len;
    }

    /// Close the map; `src_len` is the length of the source text.
    pub(crate) fn finish(&mut self, src_len: usize) {
        self.src_len = src_len;
    }

    /// Length of the normalized text.
    #[cfg(test)]
    pub(crate) fn norm_len(&self) -> usize {
        self.norm_len
    }

    /// Source offset of a normalized start offset.
    pub(crate) fn start(&self, pos: usize) -> usize {
        if pos >= self.norm_len {
            return self.src_len;
        }
        let i = self.pieces.partition_point(|p| p.norm <= pos) - 1;
        let p = self.pieces[i];
        if p.copy {
            p.src + (pos - p.norm)
        } else {
            p.src
        }
    }

    /// Source offset of a normalized end offset (exclusive).
    pub(crate) fn end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, |p| p.src);
        }
        let i = self.pieces.partition_point(|p| p.norm < pos) - 1;
        let p = self.pieces[i];
        if p.copy {
            p.src + (pos - p.norm)
        } else {
            p.src_end
        }
    }

    /// `outer` maps C→B and `self` maps B→A; the result maps C→A.
    pub(crate) fn compose(&self, outer: &OffsetMap) -> OffsetMap {
        let mut m = OffsetMap::default();
        for (k, p) in outer.pieces.iter().enumerate() {
            let out_len = outer.pieces.get(k + 1).map_or(outer.norm_len, |n| n.norm) - p.norm;
            if p.copy {
                // Split the copied run along self's pieces so copies stay exact.
                let mut b = p.src;
                while b < p.src_end {
                    let i = self.pieces.partition_point(|q| q.norm <= b) - 1;
                    let q = self.pieces[i];
                    let q_end = self.pieces.get(i + 1).map_or(self.norm_len, |n| n.norm);
                    let run_end = q_end.min(p.src_end);
                    if q.copy {
                        m.copy(q.src + (b - q.norm), run_end - b);
                    } else {
                        m.replace(q.src, q.src_end, run_end - b);
                    }
                    b = run_end;
                }
            } else {
                m.replace(self.start(p.src), self.end(p.src_end), out_len);
            }
        }
        m.finish(self.src_len);
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_and_replace_map_back() {
        // source: "a“b”c" ; output: "a\"b\"c"
        let src = "a“b”c";
        let mut m = OffsetMap::default();
        m.copy(0, 1);
        m.replace(1, 4, 1);
        m.copy(4, 1);
        m.replace(5, 8, 1);
        m.copy(8, 1);
        m.finish(src.len());
        assert_eq!(m.norm_len(), 5);
        assert_eq!(m.start(2), 4);
        assert_eq!(m.end(3), 5);
        assert_eq!(m.start(1), 1);
        assert_eq!(m.end(2), 4);
        assert_eq!(&src[m.start(1)..m.end(4)], "“b”");
    }

    #[test]
    fn compose_two_stages() {
        // stage 1: "xx  yy" -> "xx yy" (drop one space); stage 2: "xx yy" -> "xxyy"
        let mut a = OffsetMap::default();
        a.copy(0, 3);
        a.copy(4, 2);
        a.finish(6);
        let mut b = OffsetMap::default();
        b.copy(0, 2);
        b.copy(3, 2);
        b.finish(5);
        let c = a.compose(&b);
        assert_eq!(c.start(2), 4);
        assert_eq!(c.end(4), 6);
        assert_eq!(c.start(0), 0);
    }
}
