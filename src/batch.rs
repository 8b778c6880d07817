//! Many documents at once: the items of a run (files, directory walks,
//! lines of a JSON Lines file of `{id, text}` records, standard input) and
//! [`for_each_ordered`], which processes items on several threads and
//! hands the results back in input order, with a bounded number in flight
//! ([`try_for_each_ordered`] when the receiver may stop the run early).
//!
//! Nothing here needs more than the standard library, so library users get
//! the same parallel runner as the command-line tool.
//!
//! ```
//! use vanban::batch::for_each_ordered;
//! let mut out = Vec::new();
//! for_each_ordered((1..=100u64).map(|n| n * n), 4, |n| n + 1, |r| out.push(r));
//! assert_eq!(out, (1..=100u64).map(|n| n * n + 1).collect::<Vec<_>>());
//! ```

use crate::decode::{DecodeOptions, Decoded, Format};
use crate::error::Error;
use crate::input::{Document, read_document_with};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// One unit of work: a file to read, or one record of a JSON Lines input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A file, or `-` for standard input.
    File(PathBuf),
    /// One line of a JSON Lines input, expected to hold
    /// `{"id": "…", "text": "…"}` (the id may also be a number).
    Record {
        /// The JSON Lines file (`-` for standard input).
        file: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// The line as read.
        json: String,
    },
}

impl Item {
    /// Reads the item: decodes the file, or parses the record. A record's
    /// document is named by its `id`; its spans are byte offsets into its
    /// `text` field (as a decoded string).
    pub fn read(self, opts: &DecodeOptions) -> Result<Document, Error> {
        match self {
            Item::File(p) => read_document_with(&p, opts),
            Item::Record { file, line, json } => parse_record(&file, line, &json),
        }
    }

    /// The item's size in bytes, for progress reports (0 for standard input
    /// or a file that cannot be read now).
    pub fn size(&self) -> u64 {
        match self {
            Item::File(p) if p.as_os_str() == "-" => 0,
            Item::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Item::Record { json, .. } => json.len() as u64 + 1,
        }
    }

    /// A name for the item in messages: the path, or `file:line`.
    pub fn name(&self) -> String {
        match self {
            Item::File(p) => p.display().to_string(),
            Item::Record { file, line, .. } => crate::error::record_location(file, *line),
        }
    }
}

#[derive(serde::Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
}

fn parse_record(file: &Path, line: usize, json: &str) -> Result<Document, Error> {
    let bad = |message: String| Error::Record { path: file.to_path_buf(), line, message };
    let r: Record = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    let id = match r.id {
        serde_json::Value::String(s) if !s.is_empty() => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(bad(format!("`id` must be a non-empty string or a number, not `{other}`"))),
    };
    let mut decoded = Decoded::plain(r.text);
    decoded.format = Format::Record;
    Ok(Document { source: id, decoded })
}

/// The records of a JSON Lines file (`-` reads standard input), one
/// [`Item::Record`] per non-blank line, read lazily so that a file of any
/// size is never held in memory. A line that is not UTF-8 becomes an error
/// item and reading goes on; a read error ends the file.
pub struct JsonLines {
    path: PathBuf,
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
    buf: Vec<u8>,
}

impl JsonLines {
    /// Opens `path` (`-` for standard input).
    pub fn open(path: &Path) -> Result<JsonLines, Error> {
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            let f = File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
            Box::new(BufReader::with_capacity(1 << 16, f))
        };
        Ok(JsonLines::from_reader(path, reader))
    }

    /// Reads records from `reader`, naming them after `path` in messages.
    pub fn from_reader(path: &Path, reader: Box<dyn BufRead + Send>) -> JsonLines {
        JsonLines { path: path.to_path_buf(), reader: Some(reader), line: 0, buf: Vec::new() }
    }
}

impl std::fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines").field("path", &self.path).field("line", &self.line).finish_non_exhaustive()
    }
}

impl Iterator for JsonLines {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(_) => {}
                Err(source) => {
                    self.reader = None;
                    return Some(Err(Error::Io { path: self.path.clone(), source }));
                }
            }
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = self.line;
            return Some(match crate::decode::utf8(std::mem::take(&mut self.buf)) {
                Ok(json) => Ok(Item::Record { file: self.path.clone(), line, json }),
                Err(bytes) => Err(Error::Record {
                    path: self.path.clone(),
                    line,
                    message: format!(
                        "not UTF-8 (invalid byte at offset {})",
                        std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to())
                    ),
                }),
            });
        }
    }
}

/// The items of a run: `files` (as [`crate::input::expand_paths_with`]
/// lists them), then the records of each `jsonl` file, read lazily.
pub fn items<'a>(
    files: Vec<Result<PathBuf, Error>>,
    jsonl: &'a [PathBuf],
) -> impl Iterator<Item = Result<Item, Error>> + Send + 'a {
    let files = files.into_iter().map(|r| r.map(Item::File));
    let records = jsonl.iter().flat_map(|p| -> Box<dyn Iterator<Item = Result<Item, Error>> + Send> {
        match JsonLines::open(p) {
            Ok(j) => Box::new(j),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    });
    files.chain(records)
}

/// Runs `work` on every item on `jobs` threads and calls `sink` with the
/// results in the order of `items`, on the calling thread, as soon as each
/// is next in line. At most a few results per thread wait in memory, and
/// `items` is pulled only as work frees up, so a lazy source (a JSON Lines
/// reader) is never read far ahead. `jobs <= 1` runs everything on the
/// calling thread, one item after another.
///
/// The calling thread is one of the `jobs`: between its own items it hands
/// on the results that are ready, and it waits for the other threads only
/// when it may not take another item. So `jobs` threads share `jobs`
/// cores, and a result does not wake a thread that has nothing else to do
/// (with a thread that only waited for results, each document cost two
/// context switches).
///
/// `work` should not panic (the caller wraps anything that might); if it
/// or `sink` does, the other threads stop taking items and the panic is
/// passed on once they have stopped.
pub fn for_each_ordered<I, T, W, S>(items: I, jobs: usize, work: W, mut sink: S)
where
    I: Iterator + Send,
    I::Item: Send,
    T: Send,
    W: Fn(I::Item) -> T + Sync,
    S: FnMut(T),
{
    let _ = try_for_each_ordered(items, jobs, work, |r| {
        sink(r);
        ControlFlow::Continue(())
    });
}

/// [`for_each_ordered`] with a `sink` that may stop the run (say, when
/// its output was closed): once it returns [`ControlFlow::Break`], no
/// more items are taken, the results still in flight are dropped, and
/// the break is returned when the other threads have finished the items
/// they hold.
///
/// ```
/// use std::ops::ControlFlow;
/// use vanban::batch::try_for_each_ordered;
/// let mut seen = Vec::new();
/// let flow = try_for_each_ordered(0.., 2, |n: u64| n * 2, |r| {
///     seen.push(r);
///     if seen.len() == 5 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
/// });
/// assert_eq!((flow, seen), (ControlFlow::Break(()), vec![0, 2, 4, 6, 8]));
/// ```
pub fn try_for_each_ordered<I, T, W, S>(items: I, jobs: usize, work: W, mut sink: S) -> ControlFlow<()>
where
    I: Iterator + Send,
    I::Item: Send,
    T: Send,
    W: Fn(I::Item) -> T + Sync,
    S: FnMut(T) -> ControlFlow<()>,
{
    if jobs <= 1 {
        for it in items {
            sink(work(it))?;
        }
        return ControlFlow::Continue(());
    }
    // how far ahead of the next result to emit an item may be taken
    let window = jobs * 4;
    let state = Mutex::new(Run { items, taken: 0, emitted: 0, stop: false });
    let turn = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|s| -> ControlFlow<()> {
        for _ in 1..jobs {
            let tx = tx.clone();
            let (state, turn, work) = (&state, &turn, &work);
            s.spawn(move || {
                let _stop = StopOnDrop { state, turn, always: false };
                loop {
                    let (index, item) = {
                        let mut run = lock(state);
                        while !run.stop && run.taken >= run.emitted + window {
                            run = turn.wait(run).unwrap_or_else(PoisonError::into_inner);
                        }
                        match run.take() {
                            Some(next) => next,
                            None => break,
                        }
                    };
                    if tx.send((index, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // whatever way this thread leaves (a panic in `work` or `sink`
        // included), the others stop taking items, so the scope can end
        let _stop = StopOnDrop { state: &state, turn: &turn, always: true };
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0usize;
        loop {
            while let Ok((index, result)) = rx.try_recv() {
                pending.insert(index, result);
            }
            let before = next;
            while let Some(r) = pending.remove(&next) {
                next += 1;
                // a break stops the run: `_stop` tells the others
                sink(r)?;
            }
            let mine = {
                let mut run = lock(&state);
                if next != before {
                    run.emitted = next;
                    turn.notify_all();
                }
                if run.taken < run.emitted + window { run.take() } else { None }
            };
            if let Some((index, item)) = mine {
                pending.insert(index, work(item));
                continue;
            }
            // nothing this thread may take: wait for the others (the next
            // result is with one of them); none left means all is done
            match rx.recv() {
                Ok((index, result)) => {
                    pending.insert(index, result);
                }
                Err(_) => break,
            }
        }
        while let Some(r) = pending.remove(&next) {
            next += 1;
            sink(r)?;
        }
        ControlFlow::Continue(())
    })
}

/// The shared state of [`for_each_ordered`]'s threads.
struct Run<I> {
    items: I,
    /// Items taken so far (the next one's index).
    taken: usize,
    /// Results handed to the sink so far.
    emitted: usize,
    /// Set when the calling thread leaves (a break of the sink, a panic,
    /// or the end) or another thread panics: no more items are taken.
    stop: bool,
}

impl<I: Iterator> Run<I> {
    /// The next item and its index, unless the run stopped or the items
    /// ran out.
    fn take(&mut self) -> Option<(usize, I::Item)> {
        if self.stop {
            return None;
        }
        let item = self.items.next()?;
        self.taken += 1;
        Some((self.taken - 1, item))
    }
}

fn lock<I>(state: &Mutex<Run<I>>) -> std::sync::MutexGuard<'_, Run<I>> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Stops the run when dropped: always (the calling thread, however it
/// leaves), or only while its thread panics (a worker).
struct StopOnDrop<'a, I> {
    state: &'a Mutex<Run<I>>,
    turn: &'a Condvar,
    always: bool,
}

impl<I> Drop for StopOnDrop<'_, I> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            lock(self.state).stop = true;
            self.turn.notify_all();
        }
    }
}

/// The number of threads to use by default: the machine's available
/// parallelism (1 if unknown).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn ordered_whatever_the_thread_count() {
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            // uneven work so that results finish out of order
            for_each_ordered(
                0..200u32,
                jobs,
                |n| {
                    if n % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(300));
                    }
                    n * 2
                },
                |r| out.push(r),
            );
            assert_eq!(out, (0..200).map(|n| n * 2).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn pulls_items_lazily() {
        // the source is never read more than the window ahead of the sink
        let pulled = AtomicUsize::new(0);
        let items = (0..1000usize).inspect(|_| {
            pulled.fetch_add(1, Ordering::SeqCst);
        });
        let mut max_ahead = 0;
        let mut emitted = 0;
        for_each_ordered(
            items,
            2,
            |n| n,
            |_| {
                emitted += 1;
                max_ahead = max_ahead.max(pulled.load(Ordering::SeqCst) - emitted);
            },
        );
        assert_eq!(emitted, 1000);
        assert!(max_ahead <= 2 * 4 + 2, "{max_ahead}");
    }

    /// A panic in `work`, on whichever thread takes the item, or in
    /// `sink`, reaches the caller; the other threads stop, nothing hangs.
    #[test]
    fn panics_are_passed_on() {
        for jobs in [2, 3] {
            for (bad, in_sink) in [(0usize, false), (1, false), (37, false), (199, false), (5, true)] {
                let (done_tx, done_rx) = mpsc::channel();
                std::thread::spawn(move || {
                    let r = std::panic::catch_unwind(|| {
                        for_each_ordered(
                            0..200usize,
                            jobs,
                            |n| {
                                if !in_sink && n == bad {
                                    panic!("item {n}");
                                }
                                n
                            },
                            |n| {
                                if in_sink && n == bad {
                                    panic!("sink {n}");
                                }
                            },
                        )
                    });
                    let _ = done_tx.send(r.is_err());
                });
                let panicked = done_rx.recv_timeout(std::time::Duration::from_secs(20));
                assert_eq!(panicked, Ok(true), "jobs {jobs}, item {bad}, in sink {in_sink}");
            }
        }
    }

    #[test]
    fn a_break_stops_the_run() {
        // the source is endless: the run must stop soon after the break
        for jobs in [1, 2, 3] {
            let pulled = AtomicUsize::new(0);
            let items = (0..).inspect(|_| {
                pulled.fetch_add(1, Ordering::SeqCst);
            });
            let mut seen = Vec::new();
            let flow = try_for_each_ordered(
                items,
                jobs,
                |n: usize| n,
                |n| {
                    seen.push(n);
                    if n == 10 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
                },
            );
            assert_eq!(flow, ControlFlow::Break(()), "jobs {jobs}");
            assert_eq!(seen, (0..=10).collect::<Vec<_>>(), "jobs {jobs}");
            let pulled = pulled.load(Ordering::SeqCst);
            assert!(pulled <= 11 + jobs * 4 + jobs, "jobs {jobs}: {pulled} pulled");
        }
    }

    #[test]
    fn every_thread_works() {
        // the calling thread takes items too, and so does every other one
        for jobs in [2, 3] {
            let caller = std::thread::current().id();
            let threads = Mutex::new(std::collections::HashSet::new());
            let mut by_caller = 0;
            for_each_ordered(
                0..300u32,
                jobs,
                |n| {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                    threads.lock().unwrap().insert(std::thread::current().id());
                    (n, std::thread::current().id() == caller)
                },
                |(_, mine)| by_caller += usize::from(mine),
            );
            assert_eq!(threads.lock().unwrap().len(), jobs, "jobs {jobs}");
            assert!(by_caller > 0, "jobs {jobs}");
        }
    }

    #[test]
    fn json_lines_records_and_errors() {
        let data = b"{\"id\":\"a\",\"text\":\"Ngh\\u1ecb \\u0111\\u1ecbnh s\\u1ed1 30/2020/N\\u0110-CP\"}\n\n{\"id\":7,\"text\":\"x\"}\n\xff\xfe\n{\"id\":\"b\"}\nnot json\n";
        let items: Vec<_> = JsonLines::from_reader(Path::new("in.jsonl"), Box::new(&data[..])).collect();
        assert_eq!(items.len(), 5);
        let docs: Vec<Result<Document, Error>> =
            items.into_iter().map(|i| i.and_then(|i| i.read(&DecodeOptions::default()))).collect();
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.source, "a");
        assert_eq!(a.text(), "Nghị định số 30/2020/NĐ-CP");
        assert_eq!(a.decoded.offsets(), crate::decode::Offsets::RecordText);
        assert_eq!(docs[1].as_ref().unwrap().source, "7");
        let e = docs[2].as_ref().unwrap_err().to_string();
        assert!(e.contains("in.jsonl:4") && e.contains("not UTF-8"), "{e}");
        let e = docs[3].as_ref().unwrap_err().to_string();
        assert!(e.contains("in.jsonl:5") && e.contains("text"), "{e}");
        assert!(docs[4].as_ref().unwrap_err().to_string().contains("in.jsonl:6"));
    }
}
