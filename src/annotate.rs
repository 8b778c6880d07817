//! A document as HTML with every citation linked to the id of the document
//! it cites, so a reader can click through (`vanban annotate FILE`).
//!
//! Each citation becomes `<a class="cite" href="#ID" data-id="ID"
//! data-relation="…" title="…">…</a>`; anaphoric mentions (`Kết luận nêu
//! trên`) link to the same id; the document's own number is marked `self`.
//! The page ends with a list of the cited documents, whose anchors are the
//! link targets; pass `base` to link to a page per document instead
//! (`{base}{id}`, the id percent-encoded as one path segment).
//!
//! Divisions of the document carry anchors (`dieu-5`, `dieu-5-khoan-2`,
//! `dieu-5-khoan-2-diem-a`, `chuong-ii`, `phu_luc-i`), and a citation with a
//! pinpoint names the cited division in `data-division`; with `base` its
//! link goes there: `{base}{id}#dieu-5-khoan-2`, the anchor the cited
//! document's own annotated page has.

use crate::analysis::Analysis;
use crate::citation::Pinpoint;
use crate::outline::Part;
use crate::span::Span;

/// A document id as one URL path segment: `#`, `?`, `/`, `%` and spaces
/// percent-encoded (`luat:dat-dai#2024` → `luat:dat-dai%232024`).
pub fn url_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '#' | '?' | '/' | '%' | ' ' | '"' | '<' | '>' | '\\' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The anchor of a pinpoint's division (`khoản 2 Điều 5` → `dieu-5-khoan-2`).
pub fn division_anchor(p: &Pinpoint) -> Option<String> {
    let pieces: Vec<String> = p
        .parts
        .iter()
        .rev()
        .filter_map(|q| Some(format!("{}-{}", q.division.id(), crate::resolve::slug(q.labels.first()?))))
        .collect();
    (!pieces.is_empty()).then(|| pieces.join("-"))
}

/// Anchors of the divisions of an outline: (position in the text, anchor).
fn anchors(parts: &[Part], prefix: &str, out: &mut Vec<(usize, String)>) {
    for p in parts {
        // clauses and points hang under their article; other divisions
        // (chapters, parts, appendices) start a fresh path
        let path = match (p.kind.division(), &p.label, p.kind) {
            (Some(_), Some(_), crate::outline::PartKind::Clause | crate::outline::PartKind::Point) => {
                p.anchor(Some(prefix))
            }
            (Some(_), Some(_), _) => p.anchor(None),
            _ => String::new(),
        };
        if !path.is_empty() {
            out.push((p.span.start, path.clone()));
        }
        let next = if matches!(p.kind, crate::outline::PartKind::Article | crate::outline::PartKind::Clause) {
            path
        } else {
            prefix.to_string()
        };
        anchors(&p.children, &next, out);
    }
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn attr(s: &str) -> String {
    let mut o = String::new();
    escape(s, &mut o);
    o
}

/// A marked range: span, target id, relation, CSS class, resolution and
/// the cited division's anchor.
type Mark = (Span, String, String, &'static str, String, Option<String>);

/// Renders `text` (the file the analysis was made from) as a standalone
/// HTML page. `base`, when given, prefixes each link (`https://example.org/doc/`).
///
/// ```
/// let text = "Căn cứ Nghị định số 30/2020/NĐ-CP;";
/// let a = vanban::Extractor::new().analyze(text);
/// let html = vanban::annotate::to_html("x.txt", text, &a, None);
/// assert!(html.contains(r##"<a class="cite" href="#30/2020/NĐ-CP""##));
/// ```
pub fn to_html(title: &str, text: &str, a: &Analysis, base: Option<&str>) -> String {
    let mut marks: Vec<Mark> = Vec::new();
    for (c, t) in a.citations.iter().zip(&a.targets) {
        let division = c.pinpoint.as_ref().and_then(division_anchor);
        marks.push((c.span, t.id.to_string(), c.relation.id().into(), "cite", format!("{:?}", t.resolution), division));
    }
    for r in &a.references {
        if let Some(t) = a.targets.get(r.antecedent) {
            marks.push((
                r.span,
                t.id.to_string(),
                r.relation.id().into(),
                "cite ref",
                format!("{:?}", t.resolution),
                None,
            ));
        }
    }
    let own = a.self_id.as_ref().map(|d| d.to_string()).unwrap_or_default();
    for s in &a.self_mentions {
        marks.push((*s, own.clone(), String::new(), "self", String::new(), None));
    }
    marks.sort_by_key(|m| (m.0.start, std::cmp::Reverse(m.0.end)));
    let mut targets: Vec<(usize, String)> = Vec::new();
    anchors(&a.outline.parts, "", &mut targets);
    targets.sort_by_key(|t| t.0);
    targets.dedup_by(|b, a| a.1 == b.1);
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| seen.insert(t.1.clone()));
    let mut targets = targets.into_iter().peekable();
    let mut body = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    // copies text up to `end`, dropping division anchors on the way
    let mut copy_to = |body: &mut String, pos: usize, end: usize| {
        let mut p = pos;
        while let Some((at, _)) = targets.peek() {
            if *at > end || *at < p || !text.is_char_boundary(*at) {
                if *at < p {
                    targets.next();
                    continue;
                }
                break;
            }
            let (at, name) = targets.next().unwrap_or_default();
            escape(&text[p..at], body);
            body.push_str(&format!(r#"<span class="division" id="{}"></span>"#, attr(&name)));
            p = at;
        }
        escape(&text[p..end], body);
    };
    for (span, id, rel, class, res, division) in &marks {
        if span.start < pos
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue; // overlapping or out of range: leave the text plain
        }
        copy_to(&mut body, pos, span.start);
        let href = match (base, division) {
            (Some(b), Some(d)) => format!("{b}{}#{d}", url_segment(id)),
            (Some(b), None) => format!("{b}{}", url_segment(id)),
            (None, _) => format!("#{id}"),
        };
        let data_division = division.as_ref().map(|d| format!(r#" data-division="{}""#, attr(d))).unwrap_or_default();
        body.push_str(&format!(
            r#"<a class="{class}" href="{}" data-id="{}"{data_division} data-relation="{}" title="{} ({}{})">"#,
            attr(&href),
            attr(id),
            attr(rel),
            attr(id),
            attr(rel),
            if res.is_empty() { String::new() } else { format!(", {}", res.to_lowercase()) }
        ));
        escape(&text[span.start..span.end], &mut body);
        body.push_str("</a>");
        pos = span.end;
    }
    copy_to(&mut body, pos, text.len());
    let mut ids: Vec<&str> = a.targets.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut list = String::new();
    for id in ids {
        list.push_str(&format!("<li id=\"{0}\"><code>{0}</code></li>\n", attr(id)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:serif;max-width:50em;margin:2em auto}}\npre{{white-space:pre-wrap;font-family:inherit}}\na.cite{{background:#fff3b0}}\na.ref{{background:#e0f0ff}}\na.self{{background:#ddd}}\n</style>\n</head>\n<body>\n<pre>{}</pre>\n<h2>Cited documents</h2>\n<ul>\n{}</ul>\n</body>\n</html>\n",
        attr(title),
        body,
        list
    )
}
