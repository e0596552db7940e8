//! Line and sentence fingerprint counts in bounded memory (pass 1 of `check`).
//!
//! Nearly every line and sentence of a corpus occurs in one document only, so a table with a count
//! for each grows with the corpus. The rules that read these counts only ask whether a line or a
//! sentence recurs across documents, with thresholds of [`MIN_DF`] documents or more. So, for
//! `check`, a worker counts into a table of at most [`TABLE_LIMIT`] fingerprints; when it is full,
//! the table is written to an anonymous temporary file as a run sorted by fingerprint, and cleared
//! (keeping its allocation). At the end, [`merge`] adds up the runs of every worker and keeps only
//! the fingerprints counted in [`MIN_DF`] documents or more, plus those a reference index also has
//! (so that its counts and ours still add up exactly). Memory then stays flat however large the
//! corpus: the tables' fixed size, plus the recurring lines.
//!
//! `coquille index build` keeps every count (a saved index must merge exactly with others), so it
//! counts without a limit. A temporary file that cannot be created or written is not an error: the
//! worker keeps counting in memory, as `index build` does.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use hashbrown::HashMap;

/// The document frequency below which [`merge`] drops a fingerprint. Every rule threshold on line
/// or sentence frequencies must be at least this (a test checks the rules').
pub const MIN_DF: u64 = 2;

/// Fingerprints a bounded table holds before it is written out: 7/8 of 2^19, the most a table
/// of 2^19 buckets holds before it grows (about 8.5 MB of memory).
pub const TABLE_LIMIT: usize = (1 << 19) / 8 * 7;

/// Bytes of one run entry: fingerprint and count, little-endian.
const ENTRY: usize = 16;

/// Document counts of fingerprints, spilled to sorted runs on disk past a limit.
#[derive(Debug, Default)]
pub struct Counts {
    table: HashMap<u64, u64>,
    runs: Vec<File>,
    /// The table's limit; `None`: unbounded (also after a temporary file could not be written).
    limit: Option<usize>,
}

impl Counts {
    /// Counts that spill past `limit` fingerprints.
    pub fn bounded(limit: usize) -> Counts {
        Counts {
            limit: Some(limit.max(1)),
            ..Counts::default()
        }
    }

    /// Adds one to the count of `fp`.
    pub fn add(&mut self, fp: u64) {
        *self.table.entry(fp).or_default() += 1;
        if self.limit.is_some_and(|l| self.table.len() >= l) {
            self.spill();
        }
    }

    /// The table alone, when nothing was spilled (an unbounded count), else `Err(self)`.
    pub fn into_table(self) -> Result<HashMap<u64, u64>, Counts> {
        if self.runs.is_empty() {
            Ok(self.table)
        } else {
            Err(self)
        }
    }

    fn spill(&mut self) {
        let mut entries: Vec<(u64, u64)> = self.table.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable_by_key(|e| e.0);
        match write_run(&entries) {
            Ok(file) => {
                self.runs.push(file);
                self.table.clear();
            }
            // Nothing is lost: the table goes on growing in memory.
            Err(_) => self.limit = None,
        }
    }
}

fn write_run(entries: &[(u64, u64)]) -> io::Result<File> {
    let mut w = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
    for &(fp, n) in entries {
        w.write_all(&fp.to_le_bytes())?;
        w.write_all(&n.to_le_bytes())?;
    }
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// A sorted run being merged: one in memory, or one read back from its file.
enum Run {
    Memory(std::vec::IntoIter<(u64, u64)>),
    File(BufReader<File>),
}

impl Run {
    fn next(&mut self) -> io::Result<Option<(u64, u64)>> {
        match self {
            Run::Memory(it) => Ok(it.next()),
            Run::File(r) => {
                let mut buf = [0u8; ENTRY];
                match r.read_exact(&mut buf) {
                    Ok(()) => {
                        let (fp, n) = buf.split_at(8);
                        let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
                        Ok(Some((word(fp), word(n))))
                    }
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }
}

/// The counts of all `parts` added up, keeping the fingerprints counted [`MIN_DF`] times or more
/// and those for which `keep` is true. An error reading a run back fails the whole merge: a count
/// silently lost would change findings.
pub fn merge(parts: Vec<Counts>, keep: &dyn Fn(u64) -> bool) -> io::Result<HashMap<u64, u64>> {
    let mut runs: Vec<Run> = Vec::new();
    for part in parts {
        for file in part.runs {
            runs.push(Run::File(BufReader::with_capacity(1 << 16, file)));
        }
        let mut entries: Vec<(u64, u64)> = part.table.into_iter().collect();
        entries.sort_unstable_by_key(|e| e.0);
        runs.push(Run::Memory(entries.into_iter()));
    }
    // A k-way merge: the heap holds the next entry of each run.
    let mut heap = BinaryHeap::with_capacity(runs.len());
    for (i, run) in runs.iter_mut().enumerate() {
        if let Some((fp, n)) = run.next()? {
            heap.push(Reverse((fp, i, n)));
        }
    }
    let mut out = HashMap::new();
    let mut current: Option<(u64, u64)> = None;
    while let Some(Reverse((fp, i, n))) = heap.pop() {
        match &mut current {
            Some((cur, total)) if *cur == fp => *total += n,
            _ => {
                if let Some((cur, total)) = current.take() {
                    keep_if(&mut out, cur, total, keep);
                }
                current = Some((fp, n));
            }
        }
        if let Some((fp, n)) = runs[i].next()? {
            heap.push(Reverse((fp, i, n)));
        }
    }
    if let Some((cur, total)) = current {
        keep_if(&mut out, cur, total, keep);
    }
    Ok(out)
}

fn keep_if(out: &mut HashMap<u64, u64>, fp: u64, total: u64, keep: &dyn Fn(u64) -> bool) {
    if total >= MIN_DF || keep(fp) {
        out.insert(fp, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts of `fps` added to one unbounded table.
    fn exact(fps: &[u64]) -> HashMap<u64, u64> {
        let mut t = HashMap::new();
        for &fp in fps {
            *t.entry(fp).or_default() += 1;
        }
        t
    }

    #[test]
    fn spilled_runs_add_up_to_the_exact_counts_of_recurring_fingerprints() {
        // Two workers with tiny tables, so that both spill several runs.
        let fps: Vec<u64> = (0..5000u64).map(|i| (i * 7919) % 1301).collect();
        let (mut a, mut b) = (Counts::bounded(64), Counts::bounded(100));
        for (i, &fp) in fps.iter().enumerate() {
            if i % 3 == 0 { a.add(fp) } else { b.add(fp) }
        }
        assert!(a.runs.len() > 1 && b.runs.len() > 1);
        let merged = merge(vec![a, b], &|_| false).unwrap();
        let want: HashMap<u64, u64> = exact(&fps)
            .into_iter()
            .filter(|&(_, n)| n >= MIN_DF)
            .collect();
        assert_eq!(merged, want);
    }

    #[test]
    fn fingerprints_seen_once_are_dropped_unless_kept() {
        let mut a = Counts::bounded(2);
        for fp in [5, 1, 5, 9, 3, 9, 9] {
            a.add(fp);
        }
        let merged = merge(vec![a], &|fp| fp == 3).unwrap();
        assert_eq!(merged, HashMap::from_iter([(5, 2), (9, 3), (3, 1)]));
    }

    #[test]
    fn unbounded_counts_never_spill() {
        let mut a = Counts::default();
        for fp in 0..10_000 {
            a.add(fp);
        }
        let table = a.into_table().unwrap();
        assert_eq!(table.len(), 10_000);
    }
}
