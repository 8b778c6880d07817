//! The allocation budget of extraction: on the committed documents,
//! `Extractor::extract` allocates little beyond the blocks its result
//! holds (the citations' strings and lists), so that no work of the scan
//! allocates per candidate or per citation.
//!
//! Allocations are counted by `stats_alloc`'s instrumented system
//! allocator, installed as this test binary's global allocator (the binary
//! holds this one test, so nothing else allocates while it measures).

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[test]
fn extraction_allocates_little_beyond_its_result() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docs");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(texts.len() >= 20, "{} documents", texts.len());
    let ex = vanban::Extractor::new();
    // warm up: the patterns compiled, the regex engine's caches for this thread built
    for t in &texts {
        ex.extract(t);
    }
    let region = Region::new(GLOBAL);
    let results: Vec<Vec<vanban::Citation>> = texts.iter().map(|t| ex.extract(t)).collect();
    let change = region.change();
    // every request for memory: a new block, or a block grown
    let allocations = (change.allocations + change.reallocations) as u64;
    // the blocks still live are those the results hold (and the list of them)
    let held = change.allocations.saturating_sub(change.deallocations) as u64;
    let spent = allocations - held;
    let citations = results.iter().map(Vec::len).sum::<usize>() as u64;
    let documents = texts.len() as u64;
    assert!(citations > 500, "{citations} citations");
    // measured when written: 25 documents, 971 citations, 7,453 blocks
    // held and 4,071 allocations spent (4.2 a citation, among them each
    // document's normalised copy, its digit runs, candidates, clause ends
    // and windows); the code of the day before spent 12,221.
    // A word lower-cased on the heap, or a list that grows, for every
    // citation would break the budget.
    let budget = 5 * citations + 20 * documents;
    assert!(
        spent <= budget,
        "{spent} allocations spent beyond the {held} blocks the results hold, for {citations} citations in \
         {documents} documents (budget {budget})"
    );
    // the results are what the blocks were for
    drop(results);
}
