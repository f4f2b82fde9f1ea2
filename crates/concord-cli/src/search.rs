//! The `search` / `reindex` commands, and keeping the index in step after an ingest.

use crate::Format;
use anyhow::{Context, Result};
use concord_index::{SearchIndex, sync};
use concord_store::Store;
use std::io::Write;
use std::path::Path;

fn open_index(db: &Path) -> Result<SearchIndex> {
    sync::open_for_store(db).with_context(|| {
        format!(
            "cannot open search index {}",
            concord_index::path_for_store(db).display()
        )
    })
}

/// Adds freshly stored articles to the index. The store is already committed, so a failure here
/// is reported as a stale index (fixed by `concord reindex`, or by the next search), not as a
/// failed ingest. A `:memory:` store dies with the process, so it gets no index.
pub fn index_new(db: &Path, store: &dyn Store, ids: &[String]) {
    if db.as_os_str() == ":memory:" || ids.is_empty() {
        return;
    }
    let result = open_index(db).and_then(|mut index| Ok(sync::add_new(store, &mut index, ids)?));
    if let Err(e) = result {
        eprintln!(
            "concord: warning: the search index was not updated ({e:#}); run `concord reindex`"
        );
    }
}

pub fn reindex(db: &Path, store: &dyn Store) -> Result<()> {
    let mut index = open_index(db)?;
    let n = sync::rebuild(store, &mut index)?;
    eprintln!("concord: indexed {n} articles");
    Ok(())
}

pub fn search(
    db: &Path,
    store: &dyn Store,
    query: &str,
    filters: &concord_index::Filters,
    limit: usize,
    format: Format,
) -> Result<()> {
    let mut index = open_index(db)?;
    // The store is the truth; an index that disagrees with it (an interrupted update, an
    // older concord) is rebuilt before it answers.
    if let Some(n) = sync::ensure_current(store, &mut index)? {
        eprintln!("concord: the search index was out of date; rebuilt it ({n} articles)");
    }
    let found = sync::find(store, &mut index, query, filters, limit)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let rows: Vec<serde_json::Value> = found
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<_, _>>()?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "results": rows }))?;
            writeln!(out)?;
        }
        Format::Text | Format::Markdown => {
            if rows.is_empty() {
                writeln!(out, "no matches")?;
            }
            for r in &rows {
                writeln!(
                    out,
                    "{}  {}  (story {}, {})\n    {}",
                    r["id"].as_str().unwrap_or(""),
                    r["title"].as_str().unwrap_or(""),
                    r["story"].as_str().unwrap_or("-"),
                    r["outlet"].as_str().unwrap_or("outlet unknown"),
                    r["snippet"].as_str().unwrap_or("").replace('\n', " ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
