//! Index: full-text search over articles with tantivy.
//!
//! The store is the source of truth; the index is derived from it and can always be rebuilt
//! ([`SearchIndex::rebuild`], `concord reindex`). It lives in a folder beside the store
//! (`concord.db` → `concord.db.index/`). Articles are upserted by id, so indexing the same
//! article twice leaves one document.
//!
//! Fields (v3): id, title, body, outlet, the outlet lower-cased (for filtering), publication
//! time, and the names of the people, organisations and places the article's story lists it
//! for (lower-cased words, matched as a phrase by [`Filters::entity`]). Entity names are those
//! of the story when the article was indexed; `concord reindex` brings older articles up to
//! date with their story. Title and body use tantivy's English stemming tokenizer; other
//! languages are matched on exact word forms after stemming fails to apply — good enough for a
//! first search, to be made per-language later. An index written with another schema is discarded and rebuilt from
//! the store when opened.

use concord_core::Article;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery,
    TermQuery,
};
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
    entities: Field,
}

/// An article with the entity names it is indexed under.
pub type Named = (Article, Vec<String>);

/// What a search is restricted to; every part is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Articles of this outlet (any case).
    pub outlet: Option<String>,
    /// Published at or after this time (seconds since 1970).
    pub from: Option<i64>,
    /// Published at or before this time.
    pub to: Option<i64>,
    /// Articles naming this person, organisation or place: an entity name that contains these
    /// words, in order, in any case ("netanyahu" finds "Benjamin Netanyahu").
    pub entity: Option<String>,
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
        entities: b.add_text_field(
            "entities",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("default")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
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

    /// Adds or replaces articles (by id), without entity names, and commits.
    pub fn upsert(&mut self, articles: &[Article]) -> Result<()> {
        let named: Vec<Named> = articles.iter().map(|a| (a.clone(), Vec::new())).collect();
        self.upsert_named(&named)
    }

    /// Adds or replaces articles (by id) with the entity names they are found under, and
    /// commits.
    pub fn upsert_named(&mut self, articles: &[Named]) -> Result<()> {
        if articles.is_empty() {
            return Ok(());
        }
        let mut w = self.writer()?;
        for (a, names) in articles {
            self.add(&mut w, a, names)?;
        }
        w.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn add(&self, w: &mut IndexWriter, a: &Article, entities: &[String]) -> Result<()> {
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
        for name in entities {
            d.add_text(f.entities, name);
        }
        w.add_document(d)?;
        Ok(())
    }

    /// Replaces the whole index with `articles`. The first error aborts the rebuild before
    /// anything is committed, so a failed rebuild leaves the old index as it was.
    pub fn rebuild(&mut self, articles: &mut dyn Iterator<Item = Result<Named>>) -> Result<usize> {
        let mut w = self.writer()?;
        w.delete_all_documents()?;
        let mut n = 0;
        for a in articles {
            // Returning drops `w` uncommitted, which discards the deletions and additions.
            let (a, names) = a?;
            self.add(&mut w, &a, &names)?;
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

    /// The words of `name` as the entity field holds them, as a term or a phrase.
    fn entity_query(&self, name: &str) -> Result<Box<dyn Query>> {
        let field = self.fields.entities;
        let mut tokenizer = self.index.tokenizer_for_field(field)?;
        let mut stream = tokenizer.token_stream(name);
        let mut terms = Vec::new();
        while let Some(t) = stream.next() {
            terms.push(Term::from_field_text(field, &t.text));
        }
        Ok(match terms.len() {
            // Nothing to look for (punctuation only): nothing names it.
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        })
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
        if let Some(e) = filters.entity.as_deref().filter(|e| !e.trim().is_empty()) {
            parts.push((Occur::Must, self.entity_query(e)?));
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
    use super::{Filters, IndexError, Named, Result, SearchIndex, path_for_store};
    use concord_core::{Article, Published};
    use concord_store::Store;
    use std::collections::HashMap;
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
    /// store) with `filters`. Up to `limit` results, best first, with their stories.
    pub fn find(
        store: &dyn Store,
        index: &mut SearchIndex,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Found>> {
        ensure_current(store, index)?;
        let hits = index.search_with(query, filters, limit)?;
        let ids: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
        let stories = store.story_of_each(&ids)?;
        let articles: std::collections::HashMap<String, concord_core::Article> = store
            .articles(&ids)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        Ok(hits
            .into_iter()
            .zip(stories)
            .map(|(h, story)| {
                let a = articles.get(&h.id);
                Found {
                    published: a.and_then(|a| a.published),
                    url: a.and_then(|a| a.url.clone()),
                    id: h.id,
                    title: h.title,
                    outlet: h.outlet,
                    story,
                    score: h.score,
                    snippet: h.snippet,
                }
            })
            .collect())
    }

    /// The entity names each article is indexed under: those of its story's entities that the
    /// story lists it for.
    fn named(store: &dyn Store, articles: Vec<Article>) -> Result<Vec<Named>> {
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        let stories = store.story_of_each(&ids)?;
        // Per story, article → names, built once: a big story lists thousands of articles
        // under each of its entities.
        let mut names_of: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
        let mut out = Vec::with_capacity(articles.len());
        for (a, story) in articles.into_iter().zip(stories) {
            let mut names = Vec::new();
            if let Some(story) = story {
                if !names_of.contains_key(&story) {
                    let mut by_article: HashMap<String, Vec<String>> = HashMap::new();
                    for e in store.story_entities(&story)? {
                        for article in e.articles {
                            by_article.entry(article).or_default().push(e.name.clone());
                        }
                    }
                    names_of.insert(story.clone(), by_article);
                }
                names = names_of[&story].get(&a.id).cloned().unwrap_or_default();
            }
            out.push((a, names));
        }
        Ok(out)
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
                let next = store.articles_after(after, 1000).map_err(IndexError::from);
                let next = next.and_then(|p| {
                    after = p.last().map_or(after, |(seq, _)| *seq);
                    named(store, p.into_iter().map(|(_, a)| a).collect())
                });
                match next {
                    Ok(p) => page = p.into_iter(),
                    Err(e) => {
                        failed = true;
                        return Some(Err(e));
                    }
                }
            }
            page.next().map(Ok)
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
        index.upsert_named(&named(store, store.articles(ids)?)?)
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
            outlet: Some(outlet.into()),
            published: Some(concord_core::Published::parse(day).unwrap()),
            ..Article::new(id, "The harbour bridge reopened after repairs.")
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
            title: Some(title.into()),
            outlet: Some("Example".into()),
            ..Article::new(id, text)
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
    fn entity_names_filter_as_phrases_in_any_case() {
        let mut ix = SearchIndex::in_memory().unwrap();
        ix.upsert_named(&[
            (
                art("a", "Talks", "The leaders spoke by phone."),
                vec!["Benjamin Netanyahu".into(), "Israel".into()],
            ),
            (
                art("b", "Talks", "The leaders spoke again."),
                vec!["Netanyahu Street".into()],
            ),
            (art("c", "Talks", "Leaders met."), vec![]),
        ])
        .unwrap();
        let ids = |entity: &str| -> Vec<String> {
            let f = Filters {
                entity: Some(entity.into()),
                ..Default::default()
            };
            let mut v: Vec<String> = ix
                .search_with("", &f, 10)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids("netanyahu"), ["a", "b"]);
        assert_eq!(ids("Benjamin NETANYAHU"), ["a"]);
        // Words in another order are another name.
        assert!(ids("Netanyahu Benjamin").is_empty());
        assert!(ids("...").is_empty());
        assert_eq!(ids("israel"), ["a"]);
    }

    #[test]
    fn rebuild_replaces_everything() {
        let mut ix = SearchIndex::in_memory().unwrap();
        ix.upsert(&[art("old", "Old", "stale text")]).unwrap();
        let n = ix
            .rebuild(&mut vec![Ok((art("x", "Flood", "River floods town"), vec![]))].into_iter())
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
            Ok((art("new", "New", "fresh text"), vec![])),
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
