//! Index: full-text search over articles with tantivy.
//!
//! The store is the source of truth; the index is derived from it and can always be rebuilt
//! ([`SearchIndex::rebuild`], `concord reindex`). It lives in a folder beside the store
//! (`concord.db` → `concord.db.index/`). Articles are upserted by id, so indexing the same
//! article twice leaves one document.
//!
//! Fields (v2): id, title, body, outlet, the outlet lower-cased (for filtering), publication
//! time. Title and body use tantivy's English stemming tokenizer; other languages are matched
//! on exact word forms after stemming fails to apply — good enough for a first search, to be
//! made per-language later. An index written with another schema is discarded and rebuilt from
//! the store when opened.

use concord_core::Article;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
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
    outlet_key: Field,
    published: Field,
}

/// What a search is restricted to; every part is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Articles of this outlet (any case).
    pub outlet: Option<String>,
    /// Published at or after this time (seconds since 1970).
    pub from: Option<i64>,
    /// Published at or before this time.
    pub to: Option<i64>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
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
        outlet_key: b.add_text_field("outlet_key", STRING),
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
        let index = match Index::open_or_create(dir_handle, schema.clone()) {
            Ok(index) => index,
            // Written by another version: the index is derived from the store, so it is
            // emptied here and the first search rebuilds it (`sync::ensure_current`).
            Err(tantivy::TantivyError::SchemaError(_)) => {
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                let fresh =
                    tantivy::directory::MmapDirectory::open(dir).map_err(|e| IndexError::Open {
                        path: dir.to_path_buf(),
                        source: e.into(),
                    })?;
                Index::create(fresh, schema, Default::default()).map_err(|source| {
                    IndexError::Open {
                        path: dir.to_path_buf(),
                        source,
                    }
                })?
            }
            Err(source) => {
                return Err(IndexError::Open {
                    path: dir.to_path_buf(),
                    source,
                });
            }
        };
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
            d.add_text(f.outlet_key, o.to_lowercase());
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
        self.search_with(query, &Filters::default(), limit)
    }

    /// [`search`](Self::search) restricted by outlet and publication time. An empty query with
    /// filters lists what the filters let through. Undated articles fail a time filter.
    pub fn search_with(&self, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_field_boost(f.title, 2.0);
        let text: Box<dyn Query> = if query.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            parser.parse_query_lenient(query).0
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
        if let Some(o) = &filters.outlet {
            parts.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.outlet_key, &o.trim().to_lowercase()),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |t: Option<i64>| {
                t.map_or(Bound::Unbounded, |t| {
                    Bound::Included(Term::from_field_i64(f.published, t))
                })
            };
            parts.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(filters.from), bound(filters.to))),
            ));
        }
        let q: Box<dyn Query> = if parts.len() == 1 {
            text
        } else {
            Box::new(BooleanQuery::new(parts))
        };
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
    use super::{Filters, IndexError, Result, SearchIndex, path_for_store};
    use concord_core::Published;
    use concord_store::Store;
    use std::path::Path;

    /// A search result with what the store knows of it.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    pub struct Found {
        pub id: String,
        pub title: Option<String>,
        pub outlet: Option<String>,
        /// The story the article belongs to.
        pub story: Option<String>,
        pub published: Option<Published>,
        pub url: Option<String>,
        pub score: f32,
        pub snippet: String,
    }

    /// Searches the store's articles: the index (rebuilt first when it disagrees with the
    /// store) with `filters`, then, when `entity` is given, only articles that name it — a
    /// person, organisation or place of the article's story whose name contains `entity` as
    /// whole words, in any case ("netanyahu" finds "Benjamin Netanyahu"), and that the story
    /// lists this article for. Up to `limit` results, best first.
    pub fn find(
        store: &dyn Store,
        index: &mut SearchIndex,
        query: &str,
        filters: &Filters,
        entity: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Found>> {
        ensure_current(store, index)?;
        let entity = entity.map(str::trim).filter(|e| !e.is_empty());
        // The entity test needs the story, so more candidates are fetched than returned.
        let fetch = if entity.is_some() {
            // (`clamp(limit, 2000)` would panic for a limit over 2,000.)
            limit.saturating_mul(20).min(2000).max(limit)
        } else {
            limit
        };
        let hits = index.search_with(query, filters, fetch)?;
        let ids: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
        let stories = store.story_of_each(&ids)?;
        let articles: std::collections::HashMap<String, concord_core::Article> = store
            .articles(&ids)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        let mut names_of_story: std::collections::HashMap<String, Vec<(String, Vec<String>)>> =
            Default::default();
        let mut out = Vec::new();
        for (h, story) in hits.into_iter().zip(stories) {
            if out.len() >= limit {
                break;
            }
            if let Some(entity) = entity {
                let Some(sid) = &story else { continue };
                if !names_of_story.contains_key(sid) {
                    let names = store
                        .story(sid)?
                        .map(|s| {
                            s.entities
                                .into_iter()
                                .map(|e| (e.name, e.articles))
                                .collect()
                        })
                        .unwrap_or_default();
                    names_of_story.insert(sid.clone(), names);
                }
                let named = names_of_story[sid]
                    .iter()
                    .any(|(name, arts)| names_entity(name, entity) && arts.contains(&h.id));
                if !named {
                    continue;
                }
            }
            let a = articles.get(&h.id);
            out.push(Found {
                published: a.and_then(|a| a.published),
                url: a.and_then(|a| a.url.clone()),
                id: h.id,
                title: h.title,
                outlet: h.outlet,
                story,
                score: h.score,
                snippet: h.snippet,
            });
        }
        Ok(out)
    }

    /// Whether `name` contains the words of `wanted`, in order, ignoring case.
    fn names_entity(name: &str, wanted: &str) -> bool {
        let words =
            |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
        let (n, w) = (words(name), words(wanted));
        !w.is_empty() && n.windows(w.len()).any(|win| win == w.as_slice())
    }

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

    #[test]
    fn an_index_with_another_schema_is_replaced_and_filters_apply() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut b = Schema::builder();
            b.add_text_field("only", STRING);
            Index::create_in_dir(dir.path(), b.build()).unwrap();
        }
        let mut index = SearchIndex::open(dir.path()).expect("old index replaced");
        assert!(index.is_empty());
        let art = |id: &str, outlet: &str, day: &str| Article {
            id: id.into(),
            title: None,
            text: "The harbour bridge reopened after repairs.".into(),
            outlet: Some(outlet.into()),
            url: None,
            published: Some(concord_core::Published::parse(day).unwrap()),
            language: None,
        };
        index
            .upsert(&[
                art("a", "Coast Herald", "2026-05-01"),
                art("b", "Valley Post", "2026-05-03"),
            ])
            .unwrap();
        let ids = |f: Filters| -> Vec<String> {
            let mut v: Vec<String> = index
                .search_with("bridge", &f, 10)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids(Filters::default()), ["a", "b"]);
        let day = |d: &str| concord_core::Published::parse(d).unwrap().timestamp();
        assert_eq!(
            ids(Filters {
                outlet: Some("VALLEY post".into()),
                ..Default::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(Filters {
                to: Some(day("2026-05-02")),
                ..Default::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(Filters {
                from: Some(day("2026-05-02")),
                to: Some(day("2026-05-09")),
                ..Default::default()
            }),
            ["b"]
        );
    }

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
