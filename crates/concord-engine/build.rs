//! Stamps the build with `CONCORD_DERIVATION`: a hash of the sources of every stage that
//! derives a story (the analyzer, comparison, summaries, the core types and this engine) and of
//! the locked dependency versions (a new sentence splitter or stemmer changes what is derived).
//! Stories carry the stamp of the build that derived them, so a store can tell which ones an
//! older concord derived (`concord rederive` derives those again).
//!
//! A comment changed in those sources changes the stamp too: a story derived again for nothing
//! costs time, one left as an older build derived it shows a user stale entities and quotes.

use std::path::{Path, PathBuf};

const STAGES: &[&str] = &[
    "concord-core/src",
    "concord-analyze/src",
    "concord-compare/src",
    "concord-summarize/src",
    "concord-engine/src",
];

fn main() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the engine lives in a crates folder")
        .to_path_buf();
    let mut files = Vec::new();
    for stage in STAGES {
        let dir = crates.join(stage);
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &mut files);
    }
    let lock = crates.join("../Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock.display());
    files.push(lock);
    // Relative names and a fixed order: the same sources give the same stamp on any machine.
    files.sort();
    // FNV-1a, as `concord_core::fnv1a`, written out: a build dependency on concord-core would
    // compile it and its dependencies a second time, for the build script alone.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for f in &files {
        let name = f.strip_prefix(&crates).unwrap_or(f);
        eat(name.to_string_lossy().replace('\\', "/").as_bytes());
        eat(&[0]);
        // A file that vanished between listing and reading hashes as empty; the next build
        // sees the change.
        eat(&std::fs::read(f).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=CONCORD_DERIVATION={h:016x}");
}

/// Every file under `dir`, recursively.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
