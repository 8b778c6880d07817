//! A folder of documents in, its citation graph as JSON out, using only the
//! public API.
//!
//! ```text
//! cargo run --example citation_graph -- fixtures/docs > graph.json
//! ```

use std::path::PathBuf;
use vanban::input::{expand_paths, read_document};
use vanban::{Extractor, GraphBuilder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("fixtures"), PathBuf::from);
    let extractor = Extractor::new();
    let mut graph = GraphBuilder::new();
    for path in expand_paths(&[dir]) {
        // one unreadable file is reported and skipped
        match path.and_then(|p| read_document(&p)) {
            Ok(doc) => graph.add(&doc.source, &doc.analyze(&extractor)),
            Err(e) => eprintln!("skipped: {e}"),
        }
    }
    let graph = graph.finish();
    eprintln!("{} nodes, {} edges", graph.nodes.len(), graph.edges.len());
    for (node, citing) in graph.most_cited(3) {
        eprintln!("most cited: {} ({citing} documents)", node.id);
    }
    serde_json::to_writer_pretty(std::io::stdout().lock(), &graph)?;
    println!();
    Ok(())
}
