//! Reading inputs: files, directories (recursively, in a stable order) and
//! standard input, with typed errors for what cannot be read.

use crate::error::Error;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// One input document: where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given (or `-` for standard input).
    pub source: String,
    /// The text; spans are byte offsets into it, which are the file's bytes.
    pub text: String,
}

/// Expands paths into the files to read: files as given, directories walked
/// recursively (files with a [`TEXT_EXTENSIONS`] extension, sorted by path,
/// hidden entries skipped). A path that cannot be listed is an error entry.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Error>>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Io { path: dir.to_path_buf(), source }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Ok(p));
        }
    }
}

/// Checks raw bytes and turns them into text: UTF-8 only (a byte-order mark
/// is kept, so offsets stay file offsets); NUL bytes mean a binary file.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if bytes.contains(&0) {
        return Err(Error::Binary { path: path.to_path_buf() });
    }
    String::from_utf8(bytes)
        .map_err(|e| Error::NotText { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}

/// Reads one input (`-` is standard input).
pub fn read_document(path: &Path) -> Result<Document, Error> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    } else {
        bytes = fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    }
    let text = decode(path, bytes)?;
    Ok(Document { source: path.display().to_string(), text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors() {
        let p = Path::new("x.txt");
        assert!(matches!(decode(p, vec![b'a', 0, b'b']), Err(Error::Binary { .. })));
        assert!(matches!(decode(p, vec![b'a', 0xff, b'b']), Err(Error::NotText { offset: 1, .. })));
        assert_eq!(decode(p, "\u{feff}Số".as_bytes().to_vec()).unwrap(), "\u{feff}Số");
    }

    #[test]
    fn missing_file_is_an_error() {
        let e = read_document(Path::new("/nonexistent/vanban/x.txt")).unwrap_err();
        assert!(e.to_string().contains("cannot read"));
    }
}
