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

    /// Replaces the whole index with `articles`.
    pub fn rebuild(&mut self, articles: &mut dyn Iterator<Item = Article>) -> Result<usize> {
        let mut w = self.writer()?;
        w.delete_all_documents()?;
        let mut n = 0;
        for a in articles {
            self.add(&mut w, &a)?;
            n += 1;
        }
        w.commit()?;
        self.reader.reload()?;
        Ok(n)
    }

    /// Number of indexed articles.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches titles and bodies (title matches count double). Query syntax is tantivy's:
    /// words, "phrases", `+must`, `-not`, `title:word`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        parser.set_field_boost(f.title, 2.0);
        let q = parser.parse_query(query)?;
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
            .rebuild(&mut vec![art("x", "Flood", "River floods town")].into_iter())
            .unwrap();
        assert_eq!(n, 1);
        assert!(ix.search("stale", 5).unwrap().is_empty());
        assert_eq!(ix.search("flooding", 5).unwrap()[0].id, "x");
    }
}
