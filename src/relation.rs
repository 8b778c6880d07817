//! Classifying the relation wording that governs a citation.
//!
//! The clause in front of a citation (back to the previous sentence end,
//! colon or preamble line end, at most a few hundred bytes) is searched for
//! cue phrases; the cue nearest to the citation decides. Neutral cues
//! (`theo quy định tại`, `ban hành`) stop farther cues from reaching through.
//! Cues and clause boundaries are found once per document ([`RelationIndex`]).

use crate::citation::Relation;
use regex::Regex;
use std::sync::LazyLock;

const WINDOW: usize = 320;
/// Bytes read before a window so that a cue crossing its start is whole.
const LEAD_IN: usize = 48;

/// Cue phrases (lower case, new tone placement) and what they signal.
const CUES: &[(&str, Relation)] = &[
    ("căn cứ", Relation::BasedOn),
    ("triển khai", Relation::Implements),
    ("thực hiện", Relation::Implements),
    ("thi hành", Relation::Implements),
    ("quán triệt", Relation::Implements),
    ("cụ thể hóa", Relation::Implements),
    ("tinh thần chỉ đạo tại", Relation::Implements),
    ("chỉ đạo tại", Relation::Implements),
    ("đề ra tại", Relation::Implements),
    ("được giao tại", Relation::Implements),
    ("giao tại", Relation::Implements),
    ("sửa đổi", Relation::Amends),
    ("bổ sung", Relation::Amends),
    ("thay thế", Relation::Replaces),
    ("bãi bỏ", Relation::Repeals),
    ("hủy bỏ", Relation::Repeals),
    ("hết hiệu lực", Relation::Repeals),
    ("chấm dứt hiệu lực", Relation::Repeals),
    ("hướng dẫn", Relation::Guides),
    ("hướng dẫn thi hành", Relation::Guides),
    ("hướng dẫn thực hiện", Relation::Guides),
    ("quy định chi tiết", Relation::Guides),
    // neutral cues
    ("quy định tại", Relation::Mentions),
    ("theo quy định", Relation::Mentions),
    ("được quy định", Relation::Mentions),
    ("ban hành", Relation::Mentions),
    ("theo", Relation::Mentions),
    ("tại", Relation::Mentions),
    ("so với", Relation::Mentions),
    ("đối với", Relation::Mentions),
];

/// Cue positions and clause boundaries of one document, found in one pass,
/// so that classifying each citation is a binary search.
#[derive(Debug)]
pub(crate) struct RelationIndex {
    /// (start, end, relation) of each cue, in text order.
    cues: Vec<(usize, usize, Relation)>,
    /// Positions where a clause starts, ascending.
    clause_starts: Vec<usize>,
}

fn cue_regex() -> &'static Regex {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let mut cues: Vec<&str> = CUES.iter().map(|(c, _)| *c).collect();
        cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let alt = cues.iter().map(|c| regex::escape(c).replace(' ', r"\s+")).collect::<Vec<_>>().join("|");
        Regex::new(&format!("(?i:{alt})")).unwrap_or_else(|e| panic!("cue pattern: {e}"))
    });
    &RE
}

/// Windows `[from, to)` in order of `to` (and of `from`), those that
/// overlap or meet merged.
fn merged(windows: impl Iterator<Item = (usize, usize)>) -> impl Iterator<Item = (usize, usize)> {
    let mut windows = windows.peekable();
    std::iter::from_fn(move || {
        let (from, mut to) = windows.next()?;
        while let Some(&(f, t)) = windows.peek() {
            if f > to {
                break;
            }
            to = to.max(t);
            windows.next();
        }
        Some((from, to))
    })
}

/// Whether byte `i` of `b` (one of `.!?:;` and the line break) ends a clause: a
/// sentence's end before white space, `:`, `;` before a line break, or the
/// second line break of a blank line.
fn ends_clause(b: &[u8], i: usize) -> bool {
    let next = b.get(i + 1).copied().unwrap_or(b' ');
    match b[i] {
        b'.' | b'!' | b'?' => next.is_ascii_whitespace(),
        b':' => true,
        // `;` ends a clause when a new line follows (preamble lines)
        b';' => {
            let rest = &b[i + 1..];
            let ws = rest.iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\r')).count();
            rest.get(ws) == Some(&b'\n')
        }
        // a blank line
        b'\n' => i > 0 && (b[i - 1] == b'\n' || (b[i - 1] == b'\r' && i > 1 && b[i - 2] == b'\n')),
        _ => false,
    }
}

fn relation_of(cue: &str) -> Relation {
    // most cues stand in the text as they are listed
    if let Some((_, r)) = CUES.iter().find(|(c, _)| *c == cue) {
        return *r;
    }
    // then in lower case (`Căn cứ`), and only then with its white space
    // made single spaces too
    let l = crate::chars::lower(cue);
    let l = l.as_str();
    if let Some((_, r)) = CUES.iter().find(|(c, _)| *c == l) {
        return *r;
    }
    let k = crate::tables::key(cue);
    CUES.iter().find(|(c, _)| *c == k).map_or(Relation::Mentions, |(_, r)| *r)
}

impl RelationIndex {
    /// Cues and clause starts in the windows in front of `positions` (the
    /// only places [`RelationIndex::classify`] will be asked about), each
    /// byte scanned once however many windows cover it.
    ///
    /// Clause starts are looked for first, in the whole window before each
    /// position; cues only from where [`RelationIndex::classify`] may take
    /// one for it (the clause's start, or the window's), after a lead-in the
    /// length of the longest cue that lets a cue straddling that point be
    /// read whole, as before it. Clauses are mostly shorter than the
    /// window, so the cue search (the costly one) reads about half as much.
    pub(crate) fn new(t: &str, positions: &[usize]) -> RelationIndex {
        let mut ps: Vec<usize> = positions.iter().map(|&p| p.min(t.len())).collect();
        ps.sort_unstable();
        let mut clause_starts = Vec::new();
        let b = t.as_bytes();
        for (from, to) in
            merged(ps.iter().map(|&p| (crate::context::floor_boundary(t, p.saturating_sub(WINDOW + LEAD_IN)), p)))
        {
            // the bytes that can end a clause, found by two vector
            // searches of three bytes each (`;`, `!` and `?` are rare)
            let first = clause_starts.len();
            let w = &b[from..to];
            for i in memchr::memchr3_iter(b'.', b':', b'\n', w).chain(memchr::memchr3_iter(b';', b'!', b'?', w)) {
                if ends_clause(b, from + i) {
                    clause_starts.push(from + i + 1);
                }
            }
            clause_starts[first..].sort_unstable();
        }
        let mut index = RelationIndex { cues: Vec::new(), clause_starts };
        let cue_windows = ps.iter().map(|&p| {
            let from = crate::context::floor_boundary(t, index.window_start(p).saturating_sub(LEAD_IN));
            (from, p)
        });
        let cue_windows: Vec<(usize, usize)> = merged(cue_windows).collect();
        for (from, to) in cue_windows {
            // the haystack runs on past the window's end, as a scan of the
            // whole text would: a cue that crosses the position is read as
            // such (`theo Quy định` is not `theo`), and never counts
            let hay = &t[..crate::context::floor_boundary(t, to + LEAD_IN)];
            let mut at = from;
            while at < to
                && let Some(m) = cue_regex().find_at(hay, at)
            {
                if crate::scan::is_whole_word(t, m.start(), m.end()) {
                    index.cues.push((m.start(), m.end(), relation_of(m.as_str())));
                }
                at = crate::context::floor_boundary(t, m.end().max(m.start() + 1));
            }
        }
        // windows read past their ends may have found a cue twice
        index.cues.sort_unstable_by_key(|&(s, e, _)| (e, s));
        index.cues.dedup();
        index
    }

    /// Where the cue for position `pos` may start: the start of its clause,
    /// at most [`WINDOW`] bytes back.
    fn window_start(&self, pos: usize) -> usize {
        let k = self.clause_starts.partition_point(|&s| s <= pos);
        let clause = if k > 0 { self.clause_starts[k - 1] } else { 0 };
        clause.max(pos.saturating_sub(WINDOW))
    }

    /// The relation signalled by the wording in front of position `pos`:
    /// the nearest cue inside the same clause, at most a few hundred bytes back.
    pub(crate) fn classify(&self, pos: usize) -> Relation {
        let from = self.window_start(pos);
        let j = self.cues.partition_point(|&(_, e, _)| e <= pos);
        match j.checked_sub(1).map(|j| self.cues[j]) {
            Some((s, _, r)) if s >= from => r,
            _ => Relation::Mentions,
        }
    }
}

/// The relation signalled by the wording in front of position `pos` of `t`.
#[cfg(test)]
pub(crate) fn classify(t: &str, pos: usize) -> Relation {
    RelationIndex::new(t, &[pos]).classify(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str) -> Relation {
        classify(s, s.len())
    }

    /// The windowed index classifies as a scan of the whole text for cues
    /// and clause ends would: at positions all through the committed
    /// documents, one at a time and all together.
    #[test]
    fn windows_match_a_whole_text_scan() {
        let mut checked = 0;
        for t in crate::fixtures::doc_texts() {
            let cues: Vec<_> = cue_regex()
                .find_iter(&t)
                .filter(|m| crate::scan::is_whole_word(&t, m.start(), m.end()))
                .map(|m| (m.start(), m.end(), relation_of(m.as_str())))
                .collect();
            let reference = RelationIndex {
                cues,
                clause_starts: (0..t.len()).filter(|&i| ends_clause(t.as_bytes(), i)).map(|i| i + 1).collect(),
            };
            let positions: Vec<usize> = (0..t.len()).step_by(41).filter(|&p| t.is_char_boundary(p)).collect();
            let together = RelationIndex::new(&t, &positions);
            for &p in &positions {
                let want = reference.classify(p);
                assert_eq!(together.classify(p), want, "at {p}");
                assert_eq!(RelationIndex::new(&t, &[p]).classify(p), want, "alone at {p}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn cues() {
        assert_eq!(
            rel("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ "),
            Relation::BasedOn
        );
        assert_eq!(rel("- Căn cứ "), Relation::BasedOn);
        assert_eq!(rel("về việc triển khai "), Relation::Implements);
        assert_eq!(rel("tiếp tục đẩy mạnh thực hiện nghiêm "), Relation::Implements);
        assert_eq!(rel("theo tinh thần chỉ đạo tại "), Relation::Implements);
        assert_eq!(rel("các nhiệm vụ đã được giao tại "), Relation::Implements);
        assert_eq!(rel("theo "), Relation::Mentions);
        assert_eq!(rel("ban hành công văn số "), Relation::Mentions);
        assert_eq!(rel("Sửa đổi, bổ sung một số điều của "), Relation::Amends);
        assert_eq!(rel("Quyết định này thay thế "), Relation::Replaces);
        assert_eq!(rel("Bãi bỏ "), Relation::Repeals);
        assert_eq!(rel("quy định chi tiết một số điều của "), Relation::Guides);
        assert_eq!(rel("hướng dẫn thi hành "), Relation::Guides);
        assert_eq!(rel("Việc bãi bỏ thực hiện theo quy định tại "), Relation::Mentions);
        assert_eq!(rel("Căn cứ Luật X. Ông A nói về "), Relation::Mentions);
    }
}
