//! Reading inputs: files, directories (recursively, in a stable order) and
//! standard input, decoded with [`crate::decode`], with typed errors for
//! what cannot be read.

use crate::analysis::Analysis;
use crate::decode::{DecodeOptions, Decoded, Format, decode};
use crate::error::Error;
use crate::extract::Extractor;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File extensions read when walking a directory (text, markdown, HTML
/// pages and Word `.docx` files).
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm", "xhtml", "docx"];

/// One input document: where it came from and its decoded text.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given (or `-` for standard input).
    pub source: String,
    /// The decoded text, its encoding and format, and the map from its
    /// offsets to the file's.
    pub decoded: Decoded,
}

impl Document {
    /// The text extraction runs on.
    pub fn text(&self) -> &str {
        &self.decoded.text
    }

    /// Reads the document with `ex`, spans mapped back to the file (see
    /// [`Decoded::to_source`]).
    pub fn analyze(&self, ex: &Extractor) -> Analysis {
        let mut a = ex.analyze(&self.decoded.text);
        if !self.decoded.is_identity() {
            a.map_spans(|s| self.decoded.to_source(s));
        }
        a
    }
}

/// Expands paths into the files to read: files as given, directories walked
/// recursively (files with an [`EXTENSIONS`] extension, sorted by path,
/// hidden entries skipped). A path that cannot be listed is an error entry.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, Error>> {
    expand_paths_with(paths, &has_known_extension)
}

/// Whether the path has one of the [`EXTENSIONS`] (case-insensitive).
pub fn has_known_extension(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Like [`expand_paths`], keeping the files found in directories for which
/// `keep` returns true (files named directly are always kept).
pub fn expand_paths_with(paths: &[PathBuf], keep: &dyn Fn(&Path) -> bool) -> Vec<Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            walk(p, keep, &mut out);
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<Result<PathBuf, Error>>) {
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
            walk(&p, keep, out);
        } else if keep(&p) {
            out.push(Ok(p));
        }
    }
}

/// Decodes a file's bytes: the format from the extension unless `opts`
/// names one (content is sniffed when the extension says nothing).
pub fn decode_file(path: &Path, bytes: Vec<u8>, opts: &DecodeOptions) -> Result<Decoded, Error> {
    let mut opts = *opts;
    if opts.format.is_none() {
        opts.format = path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension);
    }
    decode(bytes, &opts).map_err(|source| Error::Decode { path: path.to_path_buf(), source })
}

/// Reads one input (`-` is standard input) with automatic detection.
pub fn read_document(path: &Path) -> Result<Document, Error> {
    read_document_with(path, &DecodeOptions::default())
}

/// Reads one input (`-` is standard input).
pub fn read_document_with(path: &Path, opts: &DecodeOptions) -> Result<Document, Error> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    } else {
        bytes = fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    }
    let decoded = decode_file(path, bytes, opts)?;
    Ok(Document { source: path.display().to_string(), decoded })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodeError;

    #[test]
    fn decode_errors_name_the_file() {
        let p = Path::new("x.txt");
        let o = DecodeOptions::default();
        let e = decode_file(p, vec![b'a', 0, b'b'], &o).unwrap_err();
        assert!(matches!(&e, Error::Decode { source: DecodeError::Binary { .. }, .. }), "{e:?}");
        assert_eq!(e.path(), Some(p));
        assert!(e.to_string().starts_with("cannot read `x.txt`: looks like a binary file"), "{e}");
        assert_eq!(decode_file(p, "\u{feff}Số".as_bytes().to_vec(), &o).unwrap().text, "\u{feff}Số");
    }

    #[test]
    fn extension_picks_the_format() {
        let d = decode_file(Path::new("a.html"), b"<p>Hi <b>there</b></p>".to_vec(), &DecodeOptions::default());
        #[cfg(feature = "html")]
        assert_eq!(d.unwrap().text, "Hi there\n");
        #[cfg(not(feature = "html"))]
        assert!(d.is_err());
        // a .txt holding markup is text
        let d = decode_file(Path::new("a.txt"), b"<p>Hi</p>".to_vec(), &DecodeOptions::default()).unwrap();
        assert_eq!(d.text, "<p>Hi</p>");
    }

    #[test]
    fn missing_file_is_an_error() {
        let e = read_document(Path::new("/nonexistent/vanban/x.txt")).unwrap_err();
        assert!(e.to_string().contains("cannot read"));
    }
}
