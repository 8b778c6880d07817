//! A document as HTML with every citation linked to the id of the document
//! it cites, so a reader can click through (`vanban annotate FILE`).
//!
//! Each citation becomes `<a class="cite" href="#ID" data-id="ID"
//! data-relation="…" title="…">…</a>`; anaphoric mentions (`Kết luận nêu
//! trên`) link to the same id; the document's own number is marked `self`.
//! The page ends with a list of the cited documents, whose anchors are the
//! link targets; pass `base` to link to a page per document instead.

use crate::analysis::Analysis;
use crate::span::Span;

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
    // (span, id, relation, class, resolution)
    let mut marks: Vec<(Span, String, String, &str, String)> = Vec::new();
    for (c, t) in a.citations.iter().zip(&a.targets) {
        marks.push((c.span, t.id.to_string(), c.relation.id().into(), "cite", format!("{:?}", t.resolution)));
    }
    for r in &a.references {
        if let Some(t) = a.targets.get(r.antecedent) {
            marks.push((r.span, t.id.to_string(), r.relation.id().into(), "cite ref", format!("{:?}", t.resolution)));
        }
    }
    let own = a.self_id.as_ref().map(|d| d.to_string()).unwrap_or_default();
    for s in &a.self_mentions {
        marks.push((*s, own.clone(), String::new(), "self", String::new()));
    }
    marks.sort_by_key(|m| (m.0.start, std::cmp::Reverse(m.0.end)));
    let mut body = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for (span, id, rel, class, res) in &marks {
        if span.start < pos
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue; // overlapping or out of range: leave the text plain
        }
        escape(&text[pos..span.start], &mut body);
        let href = format!("{}#{}", base.unwrap_or(""), id);
        body.push_str(&format!(
            r#"<a class="{class}" href="{}" data-id="{}" data-relation="{}" title="{} ({}{})">"#,
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
    escape(&text[pos..], &mut body);
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
