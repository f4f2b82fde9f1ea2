//! Index: full-text search over articles with tantivy.
//!
//! The store is the source of truth; the index is derived from it and can always be rebuilt
//! ([`SearchIndex::rebuild`], `concord reindex`). It lives in a folder beside the store
//! (`concord.db` → `concord.db.index/`). Articles are upserted by id, so indexing the same
//! article twice leaves one document.
//!
//! v1 fields: id, title, body, outlet, publication time. Title and body use tantivy's English
//! stemming tokenizer; other languages are matched on exact word forms after stemming fails to
//! apply — good enough for a first search, to be made per-language later.

use concord_core::Article;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("cannot open search index at {path}: {source}")]
    Open {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("bad query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("reading the store for the index failed: {0}")]
    Store(#[from] concord_store::StoreError),
    #[error("indexed {indexed} of {stored} articles; run `concord reindex` again")]
    Incomplete { indexed: u64, stored: u64 },
}

pub type Result<T> = std::result::Result<T, IndexError>;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub score: f32,
    /// A passage of the body around the matched words, plain text.
    pub snippet: String,
}

struct Fields {
    id: Field,
    title: Field,
    body: Field,
    outlet: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        outlet: b.add_text_field("outlet", STRING | STORED),
        published: b.add_i64_field("published", INDEXED | STORED),
    };
    (b.build(), fields)
}

/// A tantivy index of articles.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// Where the index of the store at `db` lives.
pub fn path_for_store(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".index");
    PathBuf::from(p)
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when absent.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let dir_handle =
            tantivy::directory::MmapDirectory::open(dir).map_err(|e| IndexError::Open {
                path: dir.to_path_buf(),
                source: e.into(),
            })?;
        let index =
            Index::open_or_create(dir_handle, schema).map_err(|source| IndexError::Open {
                path: dir.to_path_buf(),
                source,
            })?;
        Self::from_index(index, fields)
    }

    /// A throw-away index in memory (tests, `--db :memory:`).
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<Self> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    fn writer(&self) -> Result<IndexWriter> {
        // One indexing thread: concord runs on small machines beside other work.
        Ok(self.index.writer_with_num_threads(1, 50_000_000)?)
    }

    /// Adds or replaces articles (by id) and commits.
    pub fn upsert(&mut self, articles: &[Article]) -> Result<()> {
        if articles.is_empty() {
            return Ok(());
        }
        let mut w = self.writer()?;
        for a in articles {
            self.add(&mut w, a)?;
        }
        w.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn add(&self, w: &mut IndexWriter, a: &Article) -> Result<()> {
        let f = &self.fields;
        w.delete_term(Term::from_field_text(f.id, &a.id));
        let mut d = doc!(f.id => a.id.as_str(), f.body => a.text.as_str());
        if let Some(t) = &a.title {
            d.add_text(f.title, t);
        }
        if let Some(o) = &a.outlet {
            d.add_text(f.outlet, o);
        }
        if let Some(p) = a.published {
            d.add_i64(f.published, p.timestamp());
        }
        w.add_document(d)?;
        Ok(())
    }

    /// Replaces the whole index with `articles`. The first error aborts the rebuild before
    /// anything is committed, so a failed rebuild leaves the old index as it was.
    pub fn rebuild(
        &mut self,
        articles: &mut dyn Iterator<Item = Result<Article>>,
    ) -> Result<usize> {
        let mut w = self.writer()?;
        w.delete_all_documents()?;
        let mut n = 0;
        for a in articles {
            // Returning drops `w` uncommitted, which discards the deletions and additions.
            self.add(&mut w, &a?)?;
            n += 1;
        }
        w.commit()?;
        self.reader.reload()?;
        Ok(n)
    }

    /// Sees what other processes committed since this index was opened (a server calls this
    /// before answering, as `concord ingest` may have run meanwhile).
    pub fn refresh(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Number of indexed articles.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches titles and bodies (title matches count double). Query syntax is tantivy's:
    /// words, "phrases", `+must`, `-not`, `title:word`. Parsing is lenient: what people type
    /// into a search box (an unclosed quote, a stray colon) still searches for the words.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_field_boost(f.title, 2.0);
        let (q, _ignored) = parser.parse_query_lenient(query);
        let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, &*q, f.body)?;
        snippets.set_max_num_chars(200);
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let text = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str().map(str::to_string))
            };
            hits.push(Hit {
                id: text(f.id).unwrap_or_default(),
                title: text(f.title),
                outlet: text(f.outlet),
                score,
                snippet: snippets.snippet_from_doc(&d).fragment().trim().to_string(),
            });
        }
        Ok(hits)
    }
}

/// Keeping an index in step with a [`concord_store::Store`].
pub mod sync {
    use super::{IndexError, Result, SearchIndex, path_for_store};
    use concord_store::Store;
    use std::path::Path;

    /// The index beside the store at `db`; an in-memory one for a `:memory:` store.
    pub fn open_for_store(db: &Path) -> Result<SearchIndex> {
        if db.as_os_str() == ":memory:" {
            return SearchIndex::in_memory();
        }
        SearchIndex::open(&path_for_store(db))
    }

    /// Replaces the index with every article of the store, read page by page. A store error
    /// aborts before the commit, so the index is never left holding part of the store.
    pub fn rebuild(store: &dyn Store, index: &mut SearchIndex) -> Result<u64> {
        let mut after = 0;
        let mut page = Vec::new().into_iter();
        let mut failed = false;
        let mut items = std::iter::from_fn(|| {
            if failed {
                return None;
            }
            if page.len() == 0 {
                match store.articles_after(after, 1000) {
                    Ok(p) => {
                        after = p.last().map_or(after, |(seq, _)| *seq);
                        page = p.into_iter();
                    }
                    Err(e) => {
                        failed = true;
                        return Some(Err(IndexError::from(e)));
                    }
                }
            }
            page.next().map(|(_, a)| Ok(a))
        });
        let indexed = index.rebuild(&mut items)? as u64;
        let stored = store.article_count()?;
        if indexed != stored {
            // Articles arrived while the rebuild ran; the next check rebuilds again.
            return Err(IndexError::Incomplete { indexed, stored });
        }
        Ok(indexed)
    }

    /// Rebuilds the index when its size disagrees with the store's (an interrupted update,
    /// an ingest that could not reach the index). Returns the new size when it rebuilt.
    pub fn ensure_current(store: &dyn Store, index: &mut SearchIndex) -> Result<Option<u64>> {
        index.refresh()?;
        if index.len() == store.article_count()? {
            return Ok(None);
        }
        rebuild(store, index).map(Some)
    }

    /// Adds freshly stored articles to the index.
    pub fn add_new(store: &dyn Store, index: &mut SearchIndex, ids: &[String]) -> Result<()> {
        index.upsert(&store.articles(ids)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, title: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: Some(title.into()),
            text: text.into(),
            outlet: Some("Example".into()),
            url: None,
            published: None,
            language: None,
        }
    }

    #[test]
    fn finds_by_stem_ranks_titles_and_upserts() {
        let dir = tempfile::tempdir().unwrap();
        let mut ix = SearchIndex::open(dir.path()).unwrap();
        ix.upsert(&[
            art(
                "a",
                "Tunnels found on the border",
                "The army said it destroyed two tunnels.",
            ),
            art(
                "b",
                "Budget vote",
                "Parliament approved the budget; tunnel projects were cut.",
            ),
        ])
        .unwrap();
        let hits = ix.search("tunnel", 10).unwrap();
        assert_eq!(
            hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert!(hits[0].snippet.contains("tunnels"), "{:?}", hits[0]);
        ix.upsert(&[art("a", "Renamed", "Nothing about it now.")])
            .unwrap();
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.search("tunnel", 10).unwrap().len(), 1);
        drop(ix);
        let ix = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(ix.len(), 2, "persists");
    }

    #[test]
    fn rebuild_replaces_everything() {
        let mut ix = SearchIndex::in_memory().unwrap();
        ix.upsert(&[art("old", "Old", "stale text")]).unwrap();
        let n = ix
            .rebuild(&mut vec![Ok(art("x", "Flood", "River floods town"))].into_iter())
            .unwrap();
        assert_eq!(n, 1);
        assert!(ix.search("stale", 5).unwrap().is_empty());
        assert_eq!(ix.search("flooding", 5).unwrap()[0].id, "x");
    }

    #[test]
    fn a_failed_rebuild_keeps_the_old_index() {
        let mut ix = SearchIndex::in_memory().unwrap();
        ix.upsert(&[art("old", "Old", "kept text")]).unwrap();
        let items = vec![
            Ok(art("new", "New", "fresh text")),
            Err(IndexError::Incomplete {
                indexed: 1,
                stored: 2,
            }),
        ];
        assert!(ix.rebuild(&mut items.into_iter()).is_err());
        assert_eq!(ix.len(), 1);
        assert_eq!(ix.search("kept", 5).unwrap()[0].id, "old");
    }

    #[test]
    fn follows_the_store() {
        use concord_store::{SqliteStore, Store, StoredArticle};
        let mut store = SqliteStore::open(Path::new(":memory:")).unwrap();
        let put = |store: &mut SqliteStore, a: Article| {
            store
                .write(&mut |tx| {
                    tx.insert_article(&StoredArticle {
                        article: a.clone(),
                        text_hash: a.id.clone(),
                        duplicate_of: None,
                        story: None,
                        similarity: None,
                        sentences: vec![],
                        source: "test".into(),
                    })
                })
                .unwrap();
        };
        put(
            &mut store,
            art("a", "Dam opens", "The dam opened its gates."),
        );
        let mut ix = SearchIndex::in_memory().unwrap();
        assert_eq!(sync::ensure_current(&store, &mut ix).unwrap(), Some(1));
        assert_eq!(sync::ensure_current(&store, &mut ix).unwrap(), None);
        put(&mut store, art("b", "Gates", "Floodgates shut again."));
        sync::add_new(&store, &mut ix, &["b".into()]).unwrap();
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.search("floodgates", 5).unwrap()[0].id, "b");
    }
}
