//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `actual` with the JSON file at `path`; with `VANBAN_BLESS=1`
/// rewrites the file instead. Returns a description of the first
/// difference, if any.
pub fn check_json(path: &Path, actual: &serde_json::Value) -> Option<String> {
    let pretty = serde_json::to_string_pretty(actual).expect("serialisable") + "\n";
    if std::env::var_os("VANBAN_BLESS").is_some() {
        std::fs::write(path, pretty).expect("write snapshot");
        return None;
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => return Some(format!("{}: {e} (run with VANBAN_BLESS=1 to create)", path.display())),
    };
    if expected == pretty {
        return None;
    }
    let (el, al): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), pretty.lines().collect());
    let line = el.iter().zip(&al).position(|(a, b)| a != b).unwrap_or(el.len().min(al.len()));
    Some(format!(
        "{} differs at line {}:\n  expected: {}\n  actual:   {}",
        path.display(),
        line + 1,
        el.get(line).unwrap_or(&"<end>"),
        al.get(line).unwrap_or(&"<end>")
    ))
}
