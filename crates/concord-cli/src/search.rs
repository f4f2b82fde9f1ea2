//! Keeping the search index in step with the store, and the `search` / `reindex` commands.

use crate::Format;
use anyhow::{Context, Result};
use concord_index::{SearchIndex, path_for_store};
use concord_store::Store;
use std::io::Write;
use std::path::Path;

pub fn open_index(db: &Path) -> Result<SearchIndex> {
    if db.as_os_str() == ":memory:" {
        return Ok(SearchIndex::in_memory()?);
    }
    let dir = path_for_store(db);
    SearchIndex::open(&dir).with_context(|| format!("cannot open search index {}", dir.display()))
}

/// Rebuilds the index from the store, page by page.
pub fn rebuild(store: &dyn Store, index: &mut SearchIndex) -> Result<usize> {
    let mut after = 0;
    let mut pages = std::iter::from_fn(|| match store.articles_after(after, 1000) {
        Ok(page) if page.is_empty() => None,
        Ok(page) => {
            after = page.last().map_or(after, |(seq, _)| *seq);
            Some(page.into_iter().map(|(_, a)| a))
        }
        Err(e) => {
            eprintln!("concord: error: reading the store for the index failed: {e}");
            None
        }
    })
    .flatten();
    let n = index.rebuild(&mut pages)?;
    let stored = store.article_count()? as usize;
    anyhow::ensure!(
        n == stored,
        "indexed {n} of {stored} articles; run `concord reindex` again"
    );
    Ok(n)
}

/// Adds freshly stored articles to the index. The store is already committed, so a failure here
/// is reported as a stale index (fixed by `concord reindex`), not as a failed ingest.
pub fn index_new(db: &Path, store: &dyn Store, ids: &[String]) {
    let result = (|| -> Result<()> {
        let mut index = open_index(db)?;
        let mut articles = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(a) = store.article(id)? {
                articles.push(a.article);
            }
        }
        index.upsert(&articles)?;
        Ok(())
    })();
    if let Err(e) = result {
        eprintln!(
            "concord: warning: the search index was not updated ({e:#}); run `concord reindex`"
        );
    }
}

pub fn reindex(db: &Path, store: &dyn Store) -> Result<()> {
    let mut index = open_index(db)?;
    let n = rebuild(store, &mut index)?;
    eprintln!("concord: indexed {n} articles");
    Ok(())
}

pub fn search(
    db: &Path,
    store: &dyn Store,
    query: &str,
    limit: usize,
    format: Format,
) -> Result<()> {
    let mut index = open_index(db)?;
    // The store is the truth; an index that disagrees with it (an interrupted update, an
    // older concord) is rebuilt before it answers.
    if index.len() != store.article_count()? {
        eprintln!("concord: the search index is out of date; rebuilding it");
        rebuild(store, &mut index)?;
    }
    let hits = index.search(query, limit)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut rows = Vec::with_capacity(hits.len());
    for h in hits {
        let story = store.article(&h.id)?.and_then(|a| a.story);
        rows.push(serde_json::json!({
            "id": h.id, "title": h.title, "outlet": h.outlet, "story": story,
            "score": h.score, "snippet": h.snippet,
        }));
    }
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
