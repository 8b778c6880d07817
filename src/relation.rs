//! Classifying the relation wording that governs a citation.
//!
//! The clause in front of a citation (back to the previous sentence end,
//! colon or preamble line end, at most a few hundred bytes) is searched for
//! cue phrases; the cue nearest to the citation decides. Neutral cues
//! (`theo quy định tại`, `ban hành`) stop farther cues from reaching through.

use crate::citation::Relation;
use crate::context::floor_boundary;

const WINDOW: usize = 320;

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

/// The start of the clause that contains position `pos` of `t`.
fn clause_start(t: &str, pos: usize) -> usize {
    let from = floor_boundary(t, pos.saturating_sub(WINDOW));
    let b = t.as_bytes();
    let mut i = pos;
    while i > from {
        i -= 1;
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        let boundary = match c {
            b'.' | b'!' | b'?' => next.is_ascii_whitespace(),
            b':' => true,
            b';' => t[i + 1..pos].trim_start_matches([' ', '\t', '\r']).starts_with('\n'),
            b'\n' => t[..i].ends_with('\n') || t[..i].ends_with("\n\r"),
            _ => false,
        };
        if boundary {
            return i + 1;
        }
    }
    from
}

/// The relation signalled by the wording in front of position `pos`.
pub(crate) fn classify(t: &str, pos: usize) -> Relation {
    let start = clause_start(t, pos);
    let clause: String = t[start..pos].chars().flat_map(char::to_lowercase).collect();
    let clause = clause.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut best: Option<(usize, usize, Relation)> = None; // (end, len, relation)
    for &(cue, rel) in CUES {
        let mut from = 0;
        while let Some(i) = clause[from..].find(cue) {
            let s = from + i;
            let e = s + cue.len();
            let before_ok = s == 0 || !clause[..s].chars().next_back().is_some_and(char::is_alphanumeric);
            let after_ok = !clause[e..].chars().next().is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                let better = match best {
                    None => true,
                    Some((be, bl, _)) => e > be || (e == be && cue.len() > bl),
                };
                if better {
                    best = Some((e, cue.len(), rel));
                }
            }
            from = e;
        }
    }
    best.map_or(Relation::Mentions, |(_, _, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str) -> Relation {
        classify(s, s.len())
    }

    #[test]
    fn cues() {
        assert_eq!(rel("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ "), Relation::BasedOn);
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
