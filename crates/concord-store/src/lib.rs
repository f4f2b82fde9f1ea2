//! Store: where articles, stories, summaries and the clusterer's memory persist.
//!
//! The pipeline talks to the [`Store`] and [`Tx`] traits only; [`SqliteStore`] (rusqlite, bundled
//! SQLite, WAL journal) is the embedded default. A server database can implement the same traits
//! without the pipeline changing.
//!
//! Invariants:
//! - every write happens inside [`Store::write`], which commits all of it or none of it, so a killed
//!   process leaves the store as it was before the batch;
//! - the schema is versioned (`PRAGMA user_version`) and migrated forward on open; a store written
//!   by a newer concord is refused rather than misread;
//! - an exact duplicate is stored as a row with empty text and `duplicate_of` set to the first copy;
//!   a near duplicate (MinHash, [`Tx::fingerprint_candidates`]) keeps its own text.

use concord_cluster::{Changes, Snapshot, StoryVector};
use concord_core::{
    Article, CharSpan, Membership, Published, ROW_ARTICLES, Story, StoryArticle, StoryDerived,
    StoryRow,
};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;
use std::path::Path;

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Schema(String),
    /// A failure of the code running inside a transaction; the transaction was rolled back.
    #[error("{0}")]
    Aborted(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An article as stored, with what ingest learned about it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub article: Article,
    /// Dedup key: hash of the normalized text.
    pub text_hash: String,
    pub duplicate_of: Option<String>,
    pub story: Option<String>,
    pub similarity: Option<f64>,
    /// Sentence spans, in characters of `article.text`.
    pub sentences: Vec<CharSpan>,
    /// Where it was read from (`file` or `file:line`).
    pub source: String,
}

/// The writes and transactional reads of one batch.
pub trait Tx {
    /// The stored text hash of article `id`, if it exists.
    fn text_hash_of(&self, id: &str) -> Result<Option<String>>;
    /// The first non-duplicate article with this text hash, with its text.
    fn original_with_hash(&self, hash: &str) -> Result<Option<(String, String)>>;
    /// Stores an article. An exact duplicate comes with empty text (it reads its original's);
    /// a near duplicate with its own.
    fn insert_article(&mut self, a: &StoredArticle) -> Result<()>;
    /// Original articles whose fingerprint agrees with one of these LSH band keys, earliest
    /// first, with their stored signatures.
    fn fingerprint_candidates(&self, bands: &[i64]) -> Result<Vec<(String, Vec<u8>)>>;
    /// Sets a small named value kept with the store (a watched feed's validators).
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
    /// Records an original article's fingerprint for later near-duplicate lookups.
    fn save_fingerprint(&mut self, article_id: &str, bands: &[i64], signature: &[u8])
    -> Result<()>;
    /// Puts an article in a story, with the clusterer's reason (`None` for a copy).
    fn assign(&mut self, article_id: &str, story_id: &str, why: Option<&Membership>) -> Result<()>;
    fn story_of(&self, article_id: &str) -> Result<Option<String>>;
    /// Merges story `from` into story `into`: its articles (with why they joined) and outlets
    /// move, `from` is deleted with its clustering state, and its id (and any id that
    /// redirected to it) redirects to `into`. `into` must be derived again afterwards.
    fn merge_story(&mut self, from: &str, into: &str) -> Result<()>;
    /// When a stored article was published (seconds since 1970); `None` when undated or absent.
    fn published_ts(&self, article_id: &str) -> Result<Option<i64>>;
    /// The articles of a story with text of their own (originals and near duplicates; exact
    /// copies left out), in story order.
    fn story_sources(&self, story_id: &str) -> Result<Vec<Article>>;
    /// Sets what is derived from a story's articles: headline, summary, shared passages,
    /// quotes, entities, claims and figures, with the stamp of the build that derived them
    /// (`concord_engine::DERIVATION`; see [`Store::stories_derived_by_other`]).
    fn set_story_derived(
        &mut self,
        story_id: &str,
        derived: &StoryDerived,
        derived_by: &str,
    ) -> Result<()>;
    /// The clusterer's state: document frequencies, and the stories that may still be active —
    /// those whose latest article is within `window_secs` of the newest story's, or within
    /// `window_arrivals` arrivals of the last one. Retired stories stay stored but are not loaded,
    /// so a batch's cost follows the active window, not the size of the store.
    fn cluster_snapshot(&self, window_secs: i64, window_arrivals: u64) -> Result<Snapshot>;
    /// Applies what changed in the clusterer since the last save (see
    /// [`concord_cluster::Changes`]): afterwards the saved counts and frequencies are the
    /// clusterer's, and the changed stories are saved.
    fn save_cluster_changes(&mut self, changes: &Changes) -> Result<()>;
    /// Up to `limit` stored stories indexed under any of these term keys (see
    /// `concord_cluster::story_terms`), those sharing the most first: candidates for reopening.
    /// Active stories may be among them; the clusterer skips those.
    fn retired_stories(&self, terms: &[u64], limit: usize) -> Result<Vec<StoryVector>>;
}

/// Which stories to list.
#[derive(Debug, Clone, Default)]
pub struct StoryQuery {
    /// Only these stories (all when `None`).
    pub ids: Option<Vec<String>>,
    pub limit: Option<usize>,
    /// Stories to skip first (paging).
    pub offset: usize,
    /// Only stories with an article of this outlet (any case).
    pub outlet: Option<String>,
    /// Only stories with an article published at or after this time (seconds since 1970).
    pub from: Option<i64>,
    /// Only stories with an article published at or before this time.
    pub to: Option<i64>,
}

/// A concord store.
pub trait Store {
    /// Runs `f` in one transaction; commits when it returns `Ok`, rolls back otherwise.
    fn write(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()>;
    /// Stories, biggest and most recent first.
    fn stories(&self, q: &StoryQuery) -> Result<Vec<Story>>;
    /// The same stories as list rows: counts, outlets, dates and the first articles, without
    /// reading the rest (what a page of a list needs, however big its stories).
    fn story_rows(&self, q: &StoryQuery) -> Result<Vec<StoryRow>>;
    fn story(&self, id: &str) -> Result<Option<Story>>;
    /// A story's people, organisations and places alone (empty for an unknown story).
    fn story_entities(&self, id: &str) -> Result<Vec<concord_core::Entity>>;
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    fn article_count(&self) -> Result<u64>;
    /// Up to `limit` articles that arrived after arrival number `after` (0 for the first page),
    /// with their arrival numbers; duplicates carry their original's text.
    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>>;
    /// These articles (those that exist), without the sentence spans [`Store::article`] loads;
    /// duplicates carry their original's text.
    fn articles(&self, ids: &[String]) -> Result<Vec<Article>>;
    /// The story of each of these articles, in the same order (`None` for an unknown id).
    fn story_of_each(&self, article_ids: &[String]) -> Result<Vec<Option<String>>>;
    /// The stories holding any of these articles.
    fn stories_of(&self, article_ids: &[String]) -> Result<Vec<String>>;
    /// A value set by [`Tx::set_meta`].
    fn meta(&self, key: &str) -> Result<Option<String>>;
    /// The story that story `id` was merged into, when it was (see [`Tx::merge_story`]).
    fn merged_into(&self, id: &str) -> Result<Option<String>>;
    /// Full articles of a story with text of their own (exact copies left out), in story order.
    fn story_sources(&self, story_id: &str) -> Result<Vec<Article>>;
    /// The ids of the stories `q` asks for, in list order (with `q.ids`, those ids as given).
    fn story_ids(&self, q: &StoryQuery) -> Result<Vec<String>>;
    /// The stories whose derived parts another build derived than the one stamped
    /// `derived_by` (those derived before stamps were kept included), oldest first: what a
    /// newer concord would show differently until they are derived again.
    fn stories_derived_by_other(&self, derived_by: &str) -> Result<Vec<String>>;
    /// How many stories [`Store::stories_derived_by_other`] lists, without reading them (a
    /// store written before an upgrade lists every story).
    fn count_stories_derived_by_other(&self, derived_by: &str) -> Result<u64>;
    /// The stamp of the build that derived story `id` ([`Tx::set_story_derived`]); `None` for
    /// an unknown story or one derived before stamps were kept.
    fn story_derived_by(&self, id: &str) -> Result<Option<String>>;
}

/// The text of the first column of every row `sql` (no parameters) returns.
fn first_column(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Indexes a stored story under the heaviest terms of its body centroid (replacing what it was
/// indexed under).
fn save_story_terms(tx: &rusqlite::Transaction<'_>, story: &StoryVector) -> Result<()> {
    tx.prepare_cached("DELETE FROM cluster_story_terms WHERE story_id = ?1")?
        .execute([&story.id])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO cluster_story_terms (term, story_id) VALUES (?1, ?2)",
    )?;
    for term in concord_cluster::story_terms(story) {
        // SQLite integers are signed: the key's bits, reinterpreted.
        insert.execute(params![term as i64, story.id])?;
    }
    Ok(())
}

/// Moves the document frequencies of `cluster_terms` (by stem) to `cluster_term_keys` (by key).
fn copy_term_keys(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut read = tx.prepare("SELECT term, df FROM cluster_terms")?;
    let rows = read
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut insert = tx.prepare(
        "INSERT INTO cluster_term_keys (term, df) VALUES (?1, ?2) \
         ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
    )?;
    for (term, df) in rows {
        insert.execute(params![concord_cluster::term_key(&term) as i64, df])?;
    }
    tx.execute_batch("DROP TABLE cluster_terms")?;
    Ok(())
}

/// Sets a story's article count and latest publication time from its articles (after articles
/// moved in or out of it).
fn recount(tx: &rusqlite::Transaction<'_>, story_id: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET \
         article_count = (SELECT COUNT(*) FROM story_articles sa WHERE sa.story_id = ?1), \
         latest_ts = COALESCE((SELECT MAX(COALESCE(a.published_ts, 0)) FROM story_articles sa \
             JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?1), 0) \
         WHERE id = ?1",
    )?
    .execute([story_id])?;
    Ok(())
}

/// A date range with at most this many articles is "narrow": stories are found from its articles.
const NARROW_RANGE: i64 = 20_000;

/// The version whose migration adds `stories.list_row`, filled by Rust code after its SQL.
const LIST_ROW_VERSION: usize = 9;
/// The version whose migration adds `cluster_story_terms`, filled by Rust code after its SQL.
const STORY_TERMS_VERSION: usize = 11;
/// The version whose migration keys document frequencies by term key (`cluster_term_keys`),
/// filled from `cluster_terms` by Rust code after its SQL.
const TERM_KEYS_VERSION: usize = 12;

/// Forward migrations; entry `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    title        TEXT,
    text         TEXT NOT NULL,
    outlet       TEXT,
    url          TEXT,
    published    TEXT,
    published_ts INTEGER,
    language     TEXT,
    text_hash    TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id),
    source       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '[]',
    created_seq INTEGER NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id   TEXT NOT NULL REFERENCES stories(id),
    similarity REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE TABLE cluster_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE cluster_stories (
    story_id TEXT PRIMARY KEY REFERENCES stories(id),
    vector   TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#,
    r#"
-- 2: why an article is in its story (JSON array of stems; NULL for copies), and whether it
-- founded it. `similarity` now holds the pair model's probability.
ALTER TABLE story_articles ADD COLUMN shared_terms TEXT;
ALTER TABLE story_articles ADD COLUMN founded INTEGER NOT NULL DEFAULT 0;
-- The clusterer's state changed shape (per-field centroids, recent members); version-1 vectors
-- cannot be converted, so the clusterer starts afresh: stored stories keep their articles, and
-- new articles start new stories where they would have joined an old one.
DELETE FROM cluster_stories;
DELETE FROM cluster_terms;
DELETE FROM meta WHERE key = 'cluster_documents';
"#,
    r#"
-- 3: when each story was last active, so that only active stories are loaded per batch.
ALTER TABLE cluster_stories ADD COLUMN last_time INTEGER;
ALTER TABLE cluster_stories ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
UPDATE cluster_stories SET last_time = json_extract(vector, '$.last_time'),
                           last_seq = COALESCE(json_extract(vector, '$.last_seq'), 0);
CREATE INDEX cluster_stories_last_time ON cluster_stories(last_time);
CREATE INDEX cluster_stories_last_seq ON cluster_stories(last_seq);
"#,
    r#"
-- 4: the passages a story's articles share (JSON), derived like the summary; stories summarized
-- before this version show none until their next article arrives.
ALTER TABLE stories ADD COLUMN passages TEXT NOT NULL DEFAULT '[]';
"#,
    r#"
-- 5: the quotes in a story's articles with their speakers (JSON), derived like the summary.
ALTER TABLE stories ADD COLUMN quotes TEXT NOT NULL DEFAULT '[]';
"#,
    r#"
-- 6: the people, organisations and places a story names (JSON), derived like the summary.
ALTER TABLE stories ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';
"#,
    r#"
-- 7: near-duplicate lookup. Each original article's MinHash signature, and its LSH band keys
-- (an article is a candidate original for a new one when they agree on a whole band). A near
-- duplicate keeps its own text; only exact duplicates are stored with empty text.
CREATE TABLE fingerprints (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    signature  BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE fingerprint_bands (
    band       INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
"#,
    r#"
-- 8: what a story's articles state (JSON claims: agreed, single, conflict), derived like the
-- summary; stories derived before this version show none until their next article arrives.
ALTER TABLE stories ADD COLUMN claims TEXT NOT NULL DEFAULT '[]';
"#,
    r#"
-- 9: the list's ranking is stored on the story row (kept by `assign`), so that a page of the
-- list reads a few rows of an index instead of grouping every story's articles per request.
-- `latest_ts` is the latest publication time of its articles, 0 when none is dated.
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN latest_ts INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET
    article_count = (SELECT COUNT(*) FROM story_articles sa WHERE sa.story_id = stories.id),
    latest_ts = COALESCE((SELECT MAX(COALESCE(a.published_ts, 0)) FROM story_articles sa
                          JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), 0);
CREATE INDEX stories_rank ON stories(article_count DESC, latest_ts DESC, created_seq);
-- Which outlets each story has articles from (lower-cased), kept by `assign`: the outlet
-- filter reads these few rows instead of every article of the outlet.
CREATE TABLE story_outlets (
    outlet_key TEXT NOT NULL,
    story_id   TEXT NOT NULL REFERENCES stories(id),
    PRIMARY KEY (outlet_key, story_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO story_outlets (outlet_key, story_id)
    SELECT lower(a.outlet), sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
    WHERE a.outlet IS NOT NULL;
-- A narrow date filter starts from the articles in the range.
CREATE INDEX articles_published ON articles(published_ts);
-- The story's list row (JSON), stored when the story is derived: a list page reads 50 of these
-- instead of every article of its 50 biggest stories. Filled for the existing stories right
-- after this SQL (see LIST_ROW_VERSION); a row still NULL is built from the articles when read.
ALTER TABLE stories ADD COLUMN list_row TEXT;
"#,
    r#"
-- 10: stories merged into another (the clusterer's merge pass): the old id redirects to the
-- survivor. Chains are kept flat: `into_id` is always a live story.
CREATE TABLE story_redirects (
    from_id   TEXT PRIMARY KEY,
    into_id   TEXT NOT NULL REFERENCES stories(id),
    merged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX story_redirects_into ON story_redirects(into_id);
"#,
    r#"
-- 11: reopening. Each stored story is indexed under the heaviest terms of its body centroid
-- (`concord_cluster::story_terms`, 64-bit keys), so that an article arriving after the story
-- retired can find it. Filled for the existing stories right after this SQL (see
-- STORY_TERMS_VERSION). `reopened`: the article brought its story back from retirement.
CREATE TABLE cluster_story_terms (
    term     INTEGER NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories(id),
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX cluster_story_terms_story ON cluster_story_terms(story_id);
ALTER TABLE story_articles ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
"#,
    r#"
-- 12: document frequencies by 64-bit term key (`concord_cluster::term_key`), the clusterer's
-- own key: it never hashes a stem on its deciding thread. Filled from `cluster_terms` right
-- after this SQL (see TERM_KEYS_VERSION), which is then dropped.
CREATE TABLE cluster_term_keys (
    term INTEGER PRIMARY KEY,
    df   INTEGER NOT NULL
);
"#,
    r#"
-- 13: the shared terms of an article's explanation as the article writes them (JSON array,
-- in the order of `shared_terms`); NULL for articles stored before, which show the stems.
ALTER TABLE story_articles ADD COLUMN shared_words TEXT;
"#,
    r#"
-- 14: the story an article did not join because it had gone quiet and the article shares
-- little with it (`concord_core::PassedOver` as JSON); NULL otherwise.
ALTER TABLE story_articles ADD COLUMN passed_over TEXT;
"#,
    r#"
-- 15: the casualty figures a story's articles state (JSON), derived like the summary; stories
-- derived before this version show none until their next article arrives.
ALTER TABLE stories ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';
"#,
    r#"
-- 16: the stamp of the concord build that derived a story (`concord_engine::DERIVATION`); NULL
-- for stories derived before stamps were kept.
ALTER TABLE stories ADD COLUMN derived_by TEXT;
"#,
];

/// The stories another build derived than the stamp `?1` (stories from before stamps included).
const DERIVED_BY_OTHER: &str = "derived_by IS NULL OR derived_by != ?1";

/// The embedded SQLite store.
pub struct SqliteStore {
    conn: Connection,
    /// The write-ahead log's file, when the store is a file.
    wal: Option<std::path::PathBuf>,
    /// Bytes of write-ahead log kept after a write (see [`WAL_KEEP_BYTES`]).
    wal_keep: u64,
}

/// The write-ahead log a write may leave behind. A batch is one transaction, so the log grows
/// to all the pages it changed (100 MB for 5,000 articles), and SQLite keeps the file at that
/// size while any other connection is open (`concord serve` beside an ingest): past this, the
/// writer checkpoints it and truncates it when the readers let it.
const WAL_KEEP_BYTES: u64 = 64 << 20;

impl SqliteStore {
    /// After a write that left a large write-ahead log: a checkpoint that truncates it. It waits
    /// (the busy timeout) for readers on older snapshots; if they outlast it, the log stays as
    /// it is until a later write, which is no error: the data is committed either way.
    fn shrink_wal(&self) {
        let big = self
            .wal
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| m.len() > self.wal_keep);
        if big {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }

    /// Opens (creating if needed) the store at `path`; `:memory:` gives a private in-memory store.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = if path.as_os_str() == ":memory:" {
            Connection::open_in_memory()?
        } else {
            Connection::open(path)?
        };
        let wal = (path.as_os_str() != ":memory:").then(|| {
            let mut p = path.as_os_str().to_owned();
            p.push("-wal");
            std::path::PathBuf::from(p)
        });
        let store = SqliteStore {
            conn,
            wal,
            wal_keep: WAL_KEEP_BYTES,
        };
        store.setup().map_err(|e| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                StoreError::Schema(format!(
                    "{} is not a concord store (not an SQLite database)",
                    path.display()
                ))
            }
            e => e,
        })?;
        Ok(store)
    }

    fn setup(&self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // WAL: readers (serve) do not block the writer (ingest), and a crash mid-write is
        // rolled back on the next open.
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::Schema(format!(
                "this store has schema version {version}, newer than this concord knows ({known}); upgrade concord"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            // SQL cannot build JSON rows or term keys: the migrations' Rust halves run with the
            // last step, in its transaction, because they use today's queries (which need the
            // latest columns); an upgraded store is then as fast as a new one.
            let last = i + 1 == MIGRATIONS.len();
            if last && (version as usize) < LIST_ROW_VERSION {
                for id in first_column(&tx, "SELECT id FROM stories WHERE list_row IS NULL")? {
                    save_row(&tx, &id)?;
                }
            }
            if last && (version as usize) < TERM_KEYS_VERSION {
                copy_term_keys(&tx)?;
            }
            if last && (version as usize) < STORY_TERMS_VERSION {
                for v in first_column(&tx, "SELECT vector FROM cluster_stories")? {
                    // A vector that does not parse cannot be reopened; it is left unindexed.
                    if let Ok(story) = serde_json::from_str::<StoryVector>(&v) {
                        save_story_terms(&tx, &story)?;
                    }
                }
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// [`story_ids`](Self::story_ids) with the narrow-range limit as a parameter (both plans
    /// must give the same answer; the tests run each).
    fn story_ids_with(&self, q: &StoryQuery, narrow_range: i64) -> Result<Vec<String>> {
        let mut ids: Vec<String> = match &q.ids {
            Some(ids) => ids.clone(),
            None => {
                // Ranked by the stored columns (index `stories_rank`); filters test the story's
                // articles: one of the outlet, one inside the dates. A date range holding few
                // articles is best found from those articles (index `articles_published`); a
                // wide one by testing stories in rank order until the page is full. Counting
                // the range's articles in the index picks, as a planner with statistics would.
                let narrow = (q.from.is_some() || q.to.is_some())
                    && self.range_is_narrow(q.from, q.to, narrow_range)?;
                let date_test = if narrow {
                    "s.id IN (SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id \
                     WHERE a.published_ts BETWEEN COALESCE(?2, -9223372036854775808) AND COALESCE(?3, 9223372036854775807))"
                } else {
                    "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id \
                     WHERE sa.story_id = s.id AND (?2 IS NULL OR a.published_ts >= ?2) \
                     AND (?3 IS NULL OR a.published_ts <= ?3))"
                };
                let sql = format!(
                    "SELECT s.id FROM stories s \
                     WHERE (?1 IS NULL OR s.id IN (SELECT story_id FROM story_outlets WHERE outlet_key = lower(?1))) \
                       AND ((?2 IS NULL AND ?3 IS NULL) OR {date_test}) \
                     ORDER BY s.article_count DESC, s.latest_ts DESC, s.created_seq \
                     LIMIT ?4 OFFSET ?5"
                );
                let mut stmt = self.conn.prepare_cached(&sql)?;
                let limit = q.limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
                stmt.query_map(
                    params![
                        q.outlet.as_deref().map(str::trim),
                        q.from,
                        q.to,
                        limit,
                        q.offset as i64
                    ],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?
            }
        };
        if q.ids.is_some() {
            ids.drain(..q.offset.min(ids.len()));
            if let Some(limit) = q.limit {
                ids.truncate(limit);
            }
        }
        Ok(ids)
    }

    /// Whether at most `limit` articles were published between `from` and `to` (either open),
    /// counted in the index `articles_published` and stopping past the limit.
    fn range_is_narrow(&self, from: Option<i64>, to: Option<i64>, limit: i64) -> Result<bool> {
        let in_range: i64 = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE published_ts \
                 BETWEEN COALESCE(?1, -9223372036854775808) AND COALESCE(?2, 9223372036854775807) \
                 LIMIT ?3)",
            )?
            .query_row(params![from, to, limit.saturating_add(1)], |r| r.get(0))?;
        Ok(in_range <= limit)
    }

    /// The schema version after migrations.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Column list and row mapping shared by every article read.
const ARTICLE_COLS: &str = "a.id, a.title, CASE WHEN a.duplicate_of IS NULL OR a.text <> '' THEN a.text ELSE o.text END, \
    a.outlet, a.url, a.published, a.language, a.text_hash, a.duplicate_of, a.source, \
    sa.story_id, sa.similarity";
const ARTICLE_FROM: &str = "articles a LEFT JOIN articles o ON o.id = a.duplicate_of \
    LEFT JOIN story_articles sa ON sa.article_id = a.id";
/// Story order: by publication time where known, else arrival.
const STORY_ORDER: &str = "a.published_ts IS NULL, a.published_ts, a.seq";

fn parse_published(s: Option<String>) -> Option<Published> {
    s.and_then(|s| Published::parse(&s).ok())
}

fn row_to_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        article: Article {
            id: r.get(0)?,
            title: r.get(1)?,
            text: r.get(2)?,
            outlet: r.get(3)?,
            url: r.get(4)?,
            published: parse_published(r.get(5)?),
            language: r.get(6)?,
        },
        text_hash: r.get(7)?,
        duplicate_of: r.get(8)?,
        source: r.get(9)?,
        story: r.get(10)?,
        similarity: r.get(11)?,
        sentences: Vec::new(),
    })
}

fn story_sources(conn: &Connection, story_id: &str) -> Result<Vec<Article>> {
    let sql = format!(
        "SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE sa.story_id = ?1 AND (a.duplicate_of IS NULL OR a.text <> '') ORDER BY {STORY_ORDER}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([story_id], row_to_stored)?;
    Ok(rows
        .map(|r| r.map(|s| s.article))
        .collect::<rusqlite::Result<_>>()?)
}

fn load_story(conn: &Connection, id: &str) -> Result<Option<Story>> {
    type Head = (String, String, String, String, String, String, String);
    let head: Option<Head> = conn
        .query_row(
            "SELECT title, summary, passages, quotes, entities, claims, figures FROM stories \
             WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let Some((title, summary, passages, quotes, entities, claims, figures)) = head else {
        return Ok(None);
    };
    Ok(Some(Story {
        id: id.to_string(),
        title,
        articles: story_articles(conn, id, None)?,
        summary: serde_json::from_str(&summary)?,
        shared_passages: serde_json::from_str(&passages)?,
        quotes: serde_json::from_str(&quotes)?,
        entities: serde_json::from_str(&entities)?,
        claims: serde_json::from_str(&claims)?,
        figures: serde_json::from_str(&figures)?,
    }))
}

/// A story's articles in story order, the first `limit` of them when given.
fn story_articles(conn: &Connection, id: &str, limit: Option<usize>) -> Result<Vec<StoryArticle>> {
    let sql = format!(
        "SELECT a.id, a.title, a.outlet, a.published, a.duplicate_of, sa.similarity, sa.shared_terms, sa.founded, sa.reopened, sa.shared_words, sa.passed_over \
         FROM articles a JOIN story_articles sa ON sa.article_id = a.id WHERE sa.story_id = ?1 \
         ORDER BY {STORY_ORDER} LIMIT ?2"
    );
    let limit = limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
    let mut stmt = conn.prepare_cached(&sql)?;
    let articles = stmt
        .query_map(params![id, limit], |r| {
            Ok(StoryArticle {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: parse_published(r.get(3)?),
                duplicate_of: r.get(4)?,
                why: match r.get::<_, Option<String>>(6)? {
                    Some(terms) => Some(Membership {
                        founded: r.get(7)?,
                        reopened: r.get(8)?,
                        probability: r.get(5)?,
                        shared_terms: serde_json::from_str(&terms).unwrap_or_default(),
                        shared_words: r
                            .get::<_, Option<String>>(9)?
                            .and_then(|w| serde_json::from_str(&w).ok())
                            .unwrap_or_default(),
                        passed_over: r
                            .get::<_, Option<String>>(10)?
                            .and_then(|p| serde_json::from_str(&p).ok()),
                    }),
                    None => None,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(articles)
}

/// Builds a story's list row and stores it in `stories.list_row`.
fn save_row(conn: &Connection, id: &str) -> Result<()> {
    if let Some(row) = load_row(conn, id)? {
        conn.prepare_cached("UPDATE stories SET list_row = ?2 WHERE id = ?1")?
            .execute(params![id, serde_json::to_string(&row)?])?;
    }
    Ok(())
}

/// A story's list row: its head, aggregates over its articles' outlets and dates (one pass
/// over a few columns, no sorting or JSON), and its first [`ROW_ARTICLES`] articles.
fn load_row(conn: &Connection, id: &str) -> Result<Option<StoryRow>> {
    let head: Option<(String, String)> = conn
        .prepare_cached("SELECT title, summary FROM stories WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((title, summary)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.outlet, a.published, a.published_ts, a.seq FROM story_articles sa \
         JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let mut count = 0;
    let mut dates = Vec::new();
    // Outlet → where it first appears in story order (undated last, then by arrival).
    let mut first_seen: std::collections::HashMap<String, (bool, i64, i64)> = Default::default();
    while let Some(r) = rows.next()? {
        count += 1;
        let ts: Option<i64> = r.get(2)?;
        let order = (ts.is_none(), ts.unwrap_or(0), r.get::<_, i64>(3)?);
        if let Some(outlet) = r.get::<_, Option<String>>(0)? {
            let e = first_seen.entry(outlet).or_insert(order);
            *e = (*e).min(order);
        }
        if let Some(p) = parse_published(r.get(1)?) {
            dates.push(p);
        }
    }
    let mut outlets: Vec<(String, (bool, i64, i64))> = first_seen.into_iter().collect();
    outlets.sort_by_key(|o| o.1);
    Ok(Some(StoryRow {
        id: id.to_string(),
        title,
        article_count: count,
        outlets: outlets.into_iter().map(|(o, _)| o).collect(),
        first: dates.iter().min().copied(),
        last: dates.iter().max().copied(),
        coverage: concord_core::coverage_of(dates.iter().copied()),
        articles: story_articles(conn, id, Some(ROW_ARTICLES))?,
        summary: serde_json::from_str(&summary)?,
    }))
}

struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
}

impl SqliteTx<'_> {
    /// A count kept in `meta` by [`Tx::set_meta`] (`None` when absent or not a number).
    fn meta_count(&self, key: &str) -> Result<Option<u64>> {
        let value: Option<String> = self
            .tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()))
    }
}

impl Tx for SqliteTx<'_> {
    fn text_hash_of(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT text_hash FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn original_with_hash(&self, hash: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT id, text FROM articles WHERE text_hash = ?1 AND duplicate_of IS NULL ORDER BY seq LIMIT 1",
            )?
            .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn insert_article(&mut self, s: &StoredArticle) -> Result<()> {
        let a = &s.article;
        let text = a.text.as_str();
        self.tx
            .prepare_cached(
                "INSERT INTO articles (id, title, text, outlet, url, published, published_ts, language, text_hash, duplicate_of, source) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                a.id,
                a.title,
                text,
                a.outlet,
                a.url,
                a.published.map(|p| p.to_string()),
                a.published.map(|p| p.timestamp()),
                a.language,
                s.text_hash,
                s.duplicate_of,
                s.source,
            ])?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO sentences (article_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, span) in s.sentences.iter().enumerate() {
            stmt.execute(params![a.id, i as i64, span.start as i64, span.end as i64])?;
        }
        Ok(())
    }

    fn fingerprint_candidates(&self, bands: &[i64]) -> Result<Vec<(String, Vec<u8>)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT a.seq, f.article_id, f.signature FROM fingerprint_bands b \
             JOIN fingerprints f ON f.article_id = b.article_id \
             JOIN articles a ON a.id = b.article_id WHERE b.band = ?1",
        )?;
        let mut found: BTreeMap<i64, (String, Vec<u8>)> = BTreeMap::new();
        for band in bands {
            let rows = stmt.query_map([band], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                ))
            })?;
            for row in rows {
                let (seq, id, sig) = row?;
                found.entry(seq).or_insert((id, sig));
            }
        }
        Ok(found.into_values().collect())
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    fn save_fingerprint(
        &mut self,
        article_id: &str,
        bands: &[i64],
        signature: &[u8],
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO fingerprints (article_id, signature) VALUES (?1, ?2)",
            )?
            .execute(params![article_id, signature])?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO fingerprint_bands (band, article_id) VALUES (?1, ?2)",
        )?;
        for band in bands {
            stmt.execute(params![band, article_id])?;
        }
        Ok(())
    }

    fn assign(&mut self, article_id: &str, story_id: &str, why: Option<&Membership>) -> Result<()> {
        let similarity = why.map_or(1.0, |w| w.probability);
        let terms = why
            .map(|w| serde_json::to_string(&w.shared_terms))
            .transpose()?;
        let words = why
            .filter(|w| !w.shared_words.is_empty())
            .map(|w| serde_json::to_string(&w.shared_words))
            .transpose()?;
        let passed_over = why
            .and_then(|w| w.passed_over.as_ref())
            .map(serde_json::to_string)
            .transpose()?;
        let founded = why.is_some_and(|w| w.founded);
        let reopened = why.is_some_and(|w| w.reopened);
        let before = self.story_of(article_id)?;
        self.tx
            .prepare_cached(
                "INSERT INTO stories (id, created_seq) SELECT ?1, seq FROM articles WHERE id = ?2 \
                 ON CONFLICT(id) DO UPDATE SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            )?
            .execute(params![story_id, article_id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO story_articles (article_id, story_id, similarity, shared_terms, founded, reopened, shared_words, passed_over) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, \
                 similarity = excluded.similarity, shared_terms = excluded.shared_terms, founded = excluded.founded, \
                 reopened = excluded.reopened, shared_words = excluded.shared_words, passed_over = excluded.passed_over",
            )?
            .execute(params![article_id, story_id, similarity, terms, founded, reopened, words, passed_over])?;
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO story_outlets (outlet_key, story_id) \
                 SELECT lower(outlet), ?1 FROM articles WHERE id = ?2 AND outlet IS NOT NULL",
            )?
            .execute(params![story_id, article_id])?;
        match before.as_deref() {
            Some(old) if old == story_id => {}
            Some(old) => {
                // The story it left keeps only the outlets it still has articles from.
                self.tx
                    .prepare_cached(
                        "DELETE FROM story_outlets WHERE story_id = ?1 AND outlet_key NOT IN \
                         (SELECT lower(a.outlet) FROM story_articles sa JOIN articles a ON a.id = sa.article_id \
                          WHERE sa.story_id = ?1 AND a.outlet IS NOT NULL)",
                    )?
                    .execute([old])?;
                // The article moved: both stories are counted afresh (rare; articles normally
                // arrive once).
                for id in [old, story_id] {
                    recount(&self.tx, id)?;
                }
            }
            None => {
                // The first article sets `latest_ts` outright: a story of undated or pre-1970
                // articles must not keep the column's default.
                self.tx
                    .prepare_cached(
                        "UPDATE stories SET article_count = article_count + 1, \
                         latest_ts = CASE WHEN article_count = 0 THEN ts ELSE MAX(latest_ts, ts) END \
                         FROM (SELECT COALESCE(published_ts, 0) AS ts FROM articles WHERE id = ?2) \
                         WHERE stories.id = ?1",
                    )?
                    .execute(params![story_id, article_id])?;
            }
        }
        Ok(())
    }

    fn story_of(&self, article_id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?)
    }

    fn merge_story(&mut self, from: &str, into: &str) -> Result<()> {
        if from == into {
            return Ok(());
        }
        let tx = &self.tx;
        tx.execute(
            "UPDATE story_articles SET story_id = ?2 WHERE story_id = ?1",
            params![from, into],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO story_outlets (outlet_key, story_id) \
             SELECT outlet_key, ?2 FROM story_outlets WHERE story_id = ?1",
            params![from, into],
        )?;
        tx.execute("DELETE FROM story_outlets WHERE story_id = ?1", [from])?;
        tx.execute("DELETE FROM cluster_stories WHERE story_id = ?1", [from])?;
        tx.execute(
            "DELETE FROM cluster_story_terms WHERE story_id = ?1",
            [from],
        )?;
        tx.execute(
            "UPDATE story_redirects SET into_id = ?2 WHERE into_id = ?1",
            params![from, into],
        )?;
        tx.execute(
            "INSERT INTO story_redirects (from_id, into_id) VALUES (?1, ?2) \
             ON CONFLICT(from_id) DO UPDATE SET into_id = excluded.into_id",
            params![from, into],
        )?;
        tx.execute("DELETE FROM stories WHERE id = ?1", [from])?;
        recount(tx, into)
    }

    fn published_ts(&self, article_id: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT published_ts FROM articles WHERE id = ?1")?
            .query_row([article_id], |r| r.get::<_, Option<i64>>(0))
            .optional()?
            .flatten())
    }

    fn story_sources(&self, story_id: &str) -> Result<Vec<Article>> {
        story_sources(&self.tx, story_id)
    }

    fn set_story_derived(&mut self, story_id: &str, d: &StoryDerived, by: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE stories SET title = ?2, summary = ?3, passages = ?4, quotes = ?5, \
                 entities = ?6, claims = ?7, figures = ?8, derived_by = ?9 WHERE id = ?1",
            )?
            .execute(params![
                story_id,
                d.title,
                serde_json::to_string(&d.summary)?,
                serde_json::to_string(&d.shared_passages)?,
                serde_json::to_string(&d.quotes)?,
                serde_json::to_string(&d.entities)?,
                serde_json::to_string(&d.claims)?,
                serde_json::to_string(&d.figures)?,
                by
            ])?;
        // Every story whose articles changed is derived in the same batch, so the stored row
        // follows its articles.
        save_row(&self.tx, story_id)
    }

    fn cluster_snapshot(&self, window_secs: i64, window_arrivals: u64) -> Result<Snapshot> {
        let documents = self.meta_count("cluster_documents")?.unwrap_or(0);
        // Absent from stores written before the table could be halved: then `documents`.
        let df_documents = self.meta_count("cluster_df_documents")?;
        let mut stmt = self.tx.prepare("SELECT term, df FROM cluster_term_keys")?;
        let df = stmt
            .query_map([], |r| {
                // SQLite integers are signed: the key's bits, reinterpreted.
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.tx.prepare(
            "SELECT vector FROM cluster_stories \
             WHERE last_time >= (SELECT MAX(last_time) FROM cluster_stories) - ?1 OR last_seq >= ?2",
        )?;
        let since_seq = documents.saturating_sub(window_arrivals) as i64;
        let stories = stmt
            .query_map(params![window_secs, since_seq], |r| r.get::<_, String>(0))?
            .map(|v| Ok(serde_json::from_str(&v?)?))
            .collect::<Result<Vec<StoryVector>>>()?;
        Ok(Snapshot {
            documents,
            df_documents,
            df,
            stories,
        })
    }

    fn save_cluster_changes(&mut self, changes: &Changes) -> Result<()> {
        let Changes {
            documents,
            df_documents,
            halvings,
            df,
            stories,
        } = changes;
        self.set_meta("cluster_documents", &documents.to_string())?;
        self.set_meta("cluster_df_documents", &df_documents.to_string())?;
        if *halvings > 0 {
            // The clusterer halved every frequency (and forgot those at 0) `halvings` times;
            // the changed terms' new values follow. Shifting by more than 62 clears a count
            // all the same.
            let shift = (*halvings).min(63);
            self.tx
                .execute("UPDATE cluster_term_keys SET df = df >> ?1", [shift])?;
            self.tx
                .execute("DELETE FROM cluster_term_keys WHERE df = 0", [])?;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO cluster_term_keys (term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = excluded.df",
        )?;
        for (t, n) in df {
            stmt.execute(params![*t as i64, *n as i64])?;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO cluster_stories (story_id, vector, last_time, last_seq) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(story_id) DO UPDATE SET vector = excluded.vector, \
             last_time = excluded.last_time, last_seq = excluded.last_seq",
        )?;
        for s in stories {
            stmt.execute(params![
                s.id,
                serde_json::to_string(s)?,
                s.last_time,
                s.last_seq as i64
            ])?;
            save_story_terms(&self.tx, s)?;
        }
        Ok(())
    }

    fn retired_stories(&self, terms: &[u64], limit: usize) -> Result<Vec<StoryVector>> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; terms.len()].join(",");
        let sql = format!(
            "SELECT cs.vector FROM (SELECT story_id, COUNT(*) AS shared FROM cluster_story_terms              WHERE term IN ({marks}) GROUP BY story_id ORDER BY shared DESC, story_id LIMIT {limit}) t              JOIN cluster_stories cs ON cs.story_id = t.story_id ORDER BY t.shared DESC, t.story_id"
        );
        let keys: Vec<i64> = terms.iter().map(|&t| t as i64).collect();
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let vectors = stmt
            .query_map(rusqlite::params_from_iter(keys), |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        vectors
            .iter()
            .map(|v| Ok(serde_json::from_str(v)?))
            .collect()
    }
}

impl Store for SqliteStore {
    fn story_ids(&self, q: &StoryQuery) -> Result<Vec<String>> {
        self.story_ids_with(q, NARROW_RANGE)
    }

    fn stories_derived_by_other(&self, derived_by: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id FROM stories WHERE {DERIVED_BY_OTHER} ORDER BY created_seq"
        ))?;
        let ids = stmt
            .query_map([derived_by], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    fn count_stories_derived_by_other(&self, derived_by: &str) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM stories WHERE {DERIVED_BY_OTHER}"),
            [derived_by],
            |r| r.get(0),
        )?;
        Ok(n.unsigned_abs())
    }

    fn story_derived_by(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT derived_by FROM stories WHERE id = ?1")?
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    fn write(&mut self, f: &mut dyn FnMut(&mut dyn Tx) -> Result<()>) -> Result<()> {
        {
            let mut tx = SqliteTx {
                tx: self.conn.transaction()?,
            };
            f(&mut tx)?; // dropping an uncommitted transaction rolls it back
            tx.tx.commit()?;
        }
        self.shrink_wal();
        Ok(())
    }

    fn merged_into(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT into_id FROM story_redirects WHERE from_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn stories(&self, q: &StoryQuery) -> Result<Vec<Story>> {
        let mut out = Vec::new();
        for id in self.story_ids(q)? {
            if let Some(s) = load_story(&self.conn, &id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    fn story_rows(&self, q: &StoryQuery) -> Result<Vec<StoryRow>> {
        let mut out = Vec::new();
        for id in self.story_ids(q)? {
            let stored: Option<Option<String>> = self
                .conn
                .prepare_cached("SELECT list_row FROM stories WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))
                .optional()?;
            let row = match stored.flatten() {
                Some(json) => Some(serde_json::from_str(&json)?),
                // Not derived since version 9: built from its articles.
                None => load_row(&self.conn, &id)?,
            };
            out.extend(row);
        }
        Ok(out)
    }

    fn story(&self, id: &str) -> Result<Option<Story>> {
        load_story(&self.conn, id)
    }

    fn story_entities(&self, id: &str) -> Result<Vec<concord_core::Entity>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT entities FROM stories WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(match json {
            Some(j) => serde_json::from_str(&j)?,
            None => Vec::new(),
        })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.id = ?1");
        let Some(mut s) = self.conn.query_row(&sql, [id], row_to_stored).optional()? else {
            return Ok(None);
        };
        let origin = s.duplicate_of.clone().unwrap_or_else(|| id.to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT start, end FROM sentences WHERE article_id = ?1 ORDER BY idx",
        )?;
        s.sentences = stmt
            .query_map([origin], |r| {
                Ok(CharSpan {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(s))
    }

    fn article_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        let sql = format!(
            "SELECT {ARTICLE_COLS}, a.seq FROM {ARTICLE_FROM} WHERE a.seq > ?1 ORDER BY a.seq LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            Ok((r.get::<_, i64>(12)?, row_to_stored(r)?.article))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn articles(&self, ids: &[String]) -> Result<Vec<Article>> {
        let sql = format!("SELECT {ARTICLE_COLS} FROM {ARTICLE_FROM} WHERE a.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = stmt.query_row([id], row_to_stored).optional()? {
                out.push(s.article);
            }
        }
        Ok(out)
    }

    fn story_of_each(&self, article_ids: &[String]) -> Result<Vec<Option<String>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1")?;
        article_ids
            .iter()
            .map(|id| Ok(stmt.query_row([id], |r| r.get(0)).optional()?))
            .collect()
    }

    fn stories_of(&self, article_ids: &[String]) -> Result<Vec<String>> {
        // First-seen order, each story once (a set, not a scan of the list: `run` may name
        // hundreds of thousands of articles).
        let mut seen = std::collections::HashSet::new();
        Ok(self
            .story_of_each(article_ids)?
            .into_iter()
            .flatten()
            .filter(|s| seen.insert(s.clone()))
            .collect())
    }

    fn story_sources(&self, story_id: &str) -> Result<Vec<Article>> {
        story_sources(&self.conn, story_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: &str, text: &str, dup: Option<&str>) -> StoredArticle {
        StoredArticle {
            article: Article {
                title: Some(format!("Title {id}")),
                outlet: Some("Example".into()),
                published: Published::parse("2020-01-02").ok(),
                language: Some("en".into()),
                ..Article::new(id, text)
            },
            text_hash: format!("h-{text}"),
            duplicate_of: dup.map(String::from),
            story: None,
            similarity: None,
            sentences: vec![CharSpan {
                start: 0,
                end: text.chars().count(),
            }],
            source: "test".into(),
        }
    }

    #[test]
    fn migrates_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        s.write(&mut |tx| {
            tx.insert_article(&stored("a", "Alpha text.", None))?;
            tx.insert_article(&stored("b", "", Some("a")))?;
            tx.assign("a", "s1", None)?;
            tx.assign("b", "s1", None)?;
            tx.set_story_derived(
                "s1",
                &StoryDerived {
                    title: "T".into(),
                    summary: vec![concord_core::SummarySentence {
                        text: "Alpha text.".into(),
                        sources: vec!["a".into()],
                    }],
                    shared_passages: vec![concord_core::SharedPassage {
                        text: "Alpha text.".into(),
                        origin: "a".into(),
                        origin_basis: "undated".into(),
                        articles: vec![],
                    }],
                    ..Default::default()
                },
                "test",
            )?;
            Ok(())
        })
        .unwrap();
        drop(s);
        let s = SqliteStore::open(&path).unwrap();
        let story = s.story("s1").unwrap().unwrap();
        assert_eq!(story.articles.len(), 2);
        assert_eq!(story.articles[1].duplicate_of.as_deref(), Some("a"));
        assert!(s.stories_derived_by_other("test").unwrap().is_empty());
        assert_eq!(s.stories_derived_by_other("newer").unwrap(), ["s1"]);
        assert_eq!(s.count_stories_derived_by_other("test").unwrap(), 0);
        assert_eq!(s.count_stories_derived_by_other("newer").unwrap(), 1);
        assert_eq!(s.story_derived_by("s1").unwrap().as_deref(), Some("test"));
        assert_eq!(s.story_derived_by("s-none").unwrap(), None);
        assert_eq!(story.summary[0].sources, ["a"]);
        assert_eq!(story.shared_passages[0].origin, "a");
        let b = s.article("b").unwrap().unwrap();
        assert_eq!(
            b.article.text, "Alpha text.",
            "a duplicate reads its original's text"
        );
        assert_eq!(b.sentences.len(), 1);
        assert_eq!(s.story_sources("s1").unwrap().len(), 1);
        assert_eq!(s.stories_of(&["b".into(), "zz".into()]).unwrap(), ["s1"]);
        assert_eq!(
            s.story_of_each(&["zz".into(), "b".into()]).unwrap(),
            [None, Some("s1".to_string())]
        );
        let page = s.articles_after(0, 10).unwrap();
        assert_eq!(
            page.iter().map(|(_, a)| a.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(page[1].1.text, "Alpha text.");
        assert!(s.articles_after(page[1].0, 10).unwrap().is_empty());
        let picked = s.articles(&["b".into(), "missing".into()]).unwrap();
        assert_eq!(picked.len(), 1);
        assert_eq!(
            (picked[0].id.as_str(), picked[0].text.as_str()),
            ("b", "Alpha text.")
        );
    }

    #[test]
    fn failed_batches_leave_nothing_behind() {
        let mut s = SqliteStore::open(Path::new(":memory:")).unwrap();
        let r = s.write(&mut |tx| {
            tx.insert_article(&stored("a", "Alpha.", None))?;
            Err(StoreError::Aborted("stop".into()))
        });
        assert!(r.is_err());
        assert_eq!(s.article_count().unwrap(), 0);
        // A duplicate id violates the schema and aborts the whole batch.
        let r = s.write(&mut |tx| {
            tx.insert_article(&stored("a", "Alpha.", None))?;
            tx.insert_article(&stored("a", "Other.", None))
        });
        assert!(r.is_err());
        assert_eq!(s.article_count().unwrap(), 0);
    }

    #[test]
    fn refuses_files_that_are_not_stores_and_newer_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        let err = SqliteStore::open(&junk)
            .err()
            .expect("junk refused")
            .to_string();
        assert!(err.contains("not a concord store"), "{err}");
        let newer = dir.path().join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = SqliteStore::open(&newer)
            .err()
            .expect("newer refused")
            .to_string();
        assert!(err.contains("newer"), "{err}");
    }

    #[test]
    fn a_version_1_store_is_migrated_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(
                "PRAGMA user_version = 1;
                 INSERT INTO articles (id, text, text_hash, source) VALUES ('a', 'Alpha.', 'h', 'f');
                 INSERT INTO stories (id, created_seq) VALUES ('s1', 1);
                 INSERT INTO story_articles (article_id, story_id, similarity) VALUES ('a', 's1', 0.4);",
            )
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let story = s.story("s1").unwrap().unwrap();
        assert_eq!(story.articles[0].id, "a");
        assert_eq!(
            story.articles[0].why, None,
            "no reason was recorded before version 2"
        );
        let count: i64 = s
            .conn
            .query_row(
                "SELECT article_count FROM stories WHERE id = 's1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(count, 1, "version 9 counts the stored stories' articles");
        let row: Option<String> = s
            .conn
            .query_row("SELECT list_row FROM stories WHERE id = 's1'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let row: StoryRow = serde_json::from_str(&row.expect("a list row")).unwrap();
        assert_eq!(row, StoryRow::of(&story));
    }

    #[test]
    fn the_list_is_ranked_by_size_then_latest_date_and_filtered() {
        let mut s = SqliteStore::open(Path::new(":memory:")).unwrap();
        let dated = |id: &str, outlet: &str, day: &str| {
            let mut a = stored(id, &format!("Text of {id}."), None);
            a.article.outlet = Some(outlet.into());
            a.article.published = Published::parse(day).ok();
            a
        };
        s.write(&mut |tx| {
            for (a, story) in [
                (dated("a1", "Herald", "2020-01-02"), "s1"),
                (dated("a2", "Herald", "2020-01-03"), "s1"),
                (dated("b1", "Post", "2020-02-01"), "s2"),
                (dated("b2", "Post", "2020-03-01"), "s2"),
                (dated("c1", "Wire", "2019-12-01"), "s3"),
            ] {
                tx.insert_article(&a)?;
                tx.assign(&a.article.id, story, None)?;
            }
            Ok(())
        })
        .unwrap();
        let list = |s: &SqliteStore, q: StoryQuery| -> Vec<String> {
            s.story_rows(&q)
                .unwrap()
                .into_iter()
                .map(|x| x.id)
                .collect()
        };
        // Two stories of two articles: the one with the later article first.
        assert_eq!(list(&s, StoryQuery::default()), ["s2", "s1", "s3"]);
        let day = |d: &str| Published::parse(d).unwrap().timestamp();
        assert_eq!(
            list(
                &s,
                StoryQuery {
                    outlet: Some("herald".into()),
                    ..Default::default()
                }
            ),
            ["s1"]
        );
        assert_eq!(
            list(
                &s,
                StoryQuery {
                    from: Some(day("2020-01-03")),
                    to: Some(day("2020-02-15")),
                    ..Default::default()
                }
            ),
            ["s2", "s1"]
        );
        // Both plans for a date filter give the same stories.
        for (from, to) in [
            (Some("2020-01-03"), Some("2020-02-15")),
            (Some("2020-02-01"), None),
            (None, Some("2020-01-02")),
            (Some("2021-01-01"), None),
        ] {
            let q = StoryQuery {
                from: from.map(day),
                to: to.map(day),
                ..Default::default()
            };
            assert_eq!(
                s.story_ids_with(&q, 0).unwrap(),
                s.story_ids_with(&q, i64::MAX).unwrap(),
                "{from:?} {to:?}"
            );
        }
        assert_eq!(
            list(
                &s,
                StoryQuery {
                    limit: Some(1),
                    offset: 1,
                    ..Default::default()
                }
            ),
            ["s1"]
        );
        // An article that moves is counted where it went, and no longer where it was.
        s.write(&mut |tx| tx.assign("b2", "s3", None)).unwrap();
        assert_eq!(list(&s, StoryQuery::default()), ["s3", "s1", "s2"]);
        // Assigning an article to the story it is in counts nothing twice.
        s.write(&mut |tx| tx.assign("a1", "s1", None)).unwrap();
        assert_eq!(list(&s, StoryQuery::default()), ["s3", "s1", "s2"]);
        let counts: Vec<(String, i64, i64)> = s
            .conn
            .prepare("SELECT id, article_count, latest_ts FROM stories ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            counts,
            [
                ("s1".into(), 2, day("2020-01-03")),
                ("s2".into(), 1, day("2020-02-01")),
                ("s3".into(), 2, day("2020-03-01")),
            ]
        );
        // Rows agree with the whole stories they stand for.
        let rows = s.story_rows(&StoryQuery::default()).unwrap();
        let whole = s.stories(&StoryQuery::default()).unwrap();
        assert_eq!(rows.len(), whole.len());
        for (r, w) in rows.iter().zip(&whole) {
            assert_eq!(r, &StoryRow::of(w));
        }
        assert_eq!(
            rows[0].outlets,
            ["Wire", "Post"],
            "in order of first appearance"
        );
        // Derived stories keep their row, read back as built.
        s.write(&mut |tx| {
            for id in ["s1", "s2", "s3"] {
                tx.set_story_derived(
                    id,
                    &StoryDerived {
                        title: format!("Title of {id}"),
                        ..Default::default()
                    },
                    "test",
                )?;
            }
            Ok(())
        })
        .unwrap();
        let stored: i64 = s
            .conn
            .query_row(
                "SELECT COUNT(*) FROM stories WHERE list_row IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored, 3);
        let rows = s.story_rows(&StoryQuery::default()).unwrap();
        let whole = s.stories(&StoryQuery::default()).unwrap();
        assert_eq!(rows[0].title, "Title of s3");
        for (r, w) in rows.iter().zip(&whole) {
            assert_eq!(r, &StoryRow::of(w));
        }
        // The outlet filter follows moves: s3 loses its only Wire article to s1.
        s.write(&mut |tx| tx.assign("c1", "s1", None)).unwrap();
        assert_eq!(
            list(
                &s,
                StoryQuery {
                    outlet: Some(" WIRE".trim().into()),
                    ..Default::default()
                }
            ),
            ["s1"]
        );
    }

    /// A one-article story whose body is the single term "tunnel".
    fn tunnel_story() -> StoryVector {
        StoryVector {
            id: "s1".into(),
            body: concord_cluster::Centroid {
                terms: [(concord_cluster::term_key("tunnel"), 0.5)]
                    .into_iter()
                    .collect(),
                norm2: 0.25,
            },
            articles: 1,
            last_time: Some(10),
            last_seq: 1,
            ..Default::default()
        }
    }

    /// Changes as a clusterer whose frequency table was never halved hands them over.
    fn changes(documents: u64, df: &[(u64, u64)], stories: &[StoryVector]) -> Changes {
        Changes {
            documents,
            df_documents: documents,
            halvings: 0,
            df: df.to_vec(),
            stories: stories.to_vec(),
        }
    }

    #[test]
    fn the_saved_frequencies_follow_the_clusterer_through_halvings() {
        use concord_cluster::{Clusterer, Config, Features, term_key};
        let config = Config {
            max_terms: 2_000,
            ..Config::default()
        };
        let mut c = Clusterer::new(config.clone());
        let mut s = SqliteStore::open(Path::new(":memory:")).unwrap();
        let snapshot = |s: &mut SqliteStore| {
            let mut snap = None;
            s.write(&mut |tx| {
                snap = Some(tx.cluster_snapshot(i64::MAX / 2, u64::MAX / 2)?);
                Ok(())
            })
            .unwrap();
            snap.unwrap()
        };
        // A vocabulary that keeps growing (a word per article never seen again) beside words
        // that recur; saved every 700 articles, between and across the sweeps that halve.
        let mut halvings = 0;
        let mut rows = std::collections::HashSet::new();
        for i in 0..6_000u64 {
            let mut words: Vec<String> = (0..3).map(|j| format!("once{i}x{j}")).collect();
            words.push(format!("recurring{}", i % 7));
            let mut body: Vec<(u64, f64)> = words.iter().map(|w| (term_key(w), 1.0)).collect();
            body.sort_unstable_by_key(|&(k, _)| k);
            let f = Features {
                stems: vec![std::sync::Arc::from("w"); body.len()],
                body,
                ..Default::default()
            };
            c.assign(&format!("a{i}"), &f, Some(i as i64 * 60));
            if i % 700 == 699 || i == 5_999 {
                let changes = c.take_changes();
                halvings += changes.halvings;
                s.write(&mut |tx| {
                    // Each story's row, as the engine makes it before saving its state.
                    for story in &changes.stories {
                        if rows.insert(story.id.clone()) {
                            tx.insert_article(&stored(&story.id, "Text.", None))?;
                            tx.assign(&story.id, &story.id, None)?;
                        }
                    }
                    tx.save_cluster_changes(&changes)
                })
                .unwrap();
            }
        }
        assert!(halvings >= 2, "the stream halves the table ({halvings})");
        let saved = snapshot(&mut s);
        let live = c.snapshot();
        assert_eq!(saved.documents, live.documents);
        assert_eq!(saved.df_documents, live.df_documents);
        // The saved frequencies are the clusterer's (counted, not printed: thousands of terms).
        assert_eq!(saved.df.len(), live.df.len());
        let differing = live.df.iter().filter(|(t, n)| saved.df.get(t) != Some(n));
        assert_eq!(differing.count(), 0);
        // And a clusterer resumed from the store reads the same IDF (same table, same count).
        let resumed = Clusterer::from_snapshot(config, saved);
        assert_eq!(resumed.known_terms(), c.known_terms());
    }

    #[test]
    fn cluster_state_persists() {
        let mut s = SqliteStore::open(Path::new(":memory:")).unwrap();
        let v = tunnel_story();
        s.write(&mut |tx| {
            tx.insert_article(&stored("a", "Alpha.", None))?;
            tx.assign("a", "s1", None)?;
            tx.save_cluster_changes(&changes(
                1,
                &[(concord_cluster::term_key("tunnel"), 1)],
                std::slice::from_ref(&v),
            ))
        })
        .unwrap();
        let snapshot = |s: &mut SqliteStore, secs: i64, arrivals: u64| {
            let mut snap = None;
            s.write(&mut |tx| {
                snap = Some(tx.cluster_snapshot(secs, arrivals)?);
                Ok(())
            })
            .unwrap();
            snap.unwrap()
        };
        let snap = snapshot(&mut s, 86_400, 1000);
        assert_eq!(snap.documents, 1);
        assert_eq!(snap.df[&concord_cluster::term_key("tunnel")], 1);
        assert_eq!(snap.stories, std::slice::from_ref(&v));
        // A story active 100 days later: the first one is retired and no longer loaded.
        let later = StoryVector {
            id: "s2".into(),
            last_time: Some(10 + 100 * 86_400),
            last_seq: 5000,
            ..v.clone()
        };
        s.write(&mut |tx| {
            tx.insert_article(&stored("b", "Beta.", None))?;
            tx.assign("b", "s2", None)?;
            tx.save_cluster_changes(&changes(5000, &[], std::slice::from_ref(&later)))
        })
        .unwrap();
        let snap = snapshot(&mut s, 45 * 86_400, 2000);
        assert_eq!(snap.stories, std::slice::from_ref(&later));
        assert_eq!(snapshot(&mut s, 200 * 86_400, 2000).stories.len(), 2);
        // Retired or not, both are found by their terms, for reopening.
        let mut found = Vec::new();
        s.write(&mut |tx| {
            found = tx.retired_stories(&[concord_cluster::term_key("tunnel")], 8)?;
            Ok(())
        })
        .unwrap();
        let ids: Vec<&str> = found.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2"]);
    }

    #[test]
    fn a_large_write_leaves_no_large_log_while_another_connection_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut s = SqliteStore::open(&path).unwrap();
        s.wal_keep = 64 << 10;
        // As `concord serve` beside an ingest: a reader that stays connected between reads.
        let reader = Connection::open(&path).unwrap();
        let count = |c: &Connection| -> i64 {
            c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&reader), 0);
        let text = "The levee held through the night. ".repeat(60);
        s.write(&mut |tx| {
            for i in 0..200 {
                tx.insert_article(&stored(&format!("a{i}"), &format!("{i} {text}"), None))?;
            }
            Ok(())
        })
        .unwrap();
        let wal = std::fs::metadata(dir.path().join("w.db-wal")).map_or(0, |m| m.len());
        assert!(wal <= s.wal_keep, "the log kept {wal} bytes");
        assert_eq!(count(&reader), 200, "the reader sees the write");
    }

    #[test]
    fn an_explanation_keeps_its_words_and_older_rows_read_without_them() {
        let mut s = SqliteStore::open(Path::new(":memory:")).unwrap();
        let why = Membership {
            founded: false,
            reopened: false,
            probability: 0.9,
            shared_terms: vec!["marseill".into(), "evacu".into()],
            shared_words: vec!["Marseille".into(), "evacuated".into()],
            passed_over: Some(concord_core::PassedOver {
                story: "s0".into(),
                quiet_days: 12.0,
                cosine: 0.21,
                probability: 0.93,
            }),
        };
        s.write(&mut |tx| {
            tx.insert_article(&stored("a", "Alpha.", None))?;
            tx.assign("a", "s1", Some(&why))
        })
        .unwrap();
        let read = |s: &SqliteStore| s.story("s1").unwrap().unwrap().articles[0].why.clone();
        assert_eq!(read(&s), Some(why.clone()));
        // As a row stored before the words were kept.
        s.conn
            .execute("UPDATE story_articles SET shared_words = NULL", [])
            .unwrap();
        let old = read(&s).unwrap();
        assert_eq!(old.shared_terms, why.shared_terms);
        assert!(old.shared_words.is_empty());
    }

    #[test]
    fn a_version_10_store_gets_its_stories_indexed_and_its_terms_keyed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v10.db");
        let v = tunnel_story();
        {
            let mut s = SqliteStore::open(&path).unwrap();
            s.write(&mut |tx| {
                tx.insert_article(&stored("a", "Alpha.", None))?;
                tx.assign("a", "s1", None)?;
                tx.save_cluster_changes(&changes(1, &[], std::slice::from_ref(&v)))
            })
            .unwrap();
            // As version 10 left it: no term index, no `reopened`, `shared_words` or
            // `passed_over` or `figures` or `derived_by` column, document frequencies by stem.
            s.conn
                .execute_batch(
                    "DROP TABLE cluster_story_terms; \
                     ALTER TABLE story_articles DROP COLUMN reopened; \
                     ALTER TABLE story_articles DROP COLUMN shared_words; \
                     ALTER TABLE story_articles DROP COLUMN passed_over; \
                     ALTER TABLE stories DROP COLUMN figures; \
                     ALTER TABLE stories DROP COLUMN derived_by; \
                     DROP TABLE cluster_term_keys; \
                     CREATE TABLE cluster_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID; \
                     INSERT INTO cluster_terms VALUES ('tunnel', 3), ('boring', 1); \
                     PRAGMA user_version = 10;",
                )
                .unwrap();
        }
        let mut s = SqliteStore::open(&path).unwrap();
        let mut snap = None;
        s.write(&mut |tx| {
            snap = Some(tx.cluster_snapshot(86_400, 1000)?);
            Ok(())
        })
        .unwrap();
        // Derived by a build from before stamps were kept.
        assert_eq!(s.stories_derived_by_other("any").unwrap(), ["s1"]);
        assert_eq!(s.story_derived_by("s1").unwrap(), None);
        let df = snap.unwrap().df;
        assert_eq!(df.len(), 2);
        assert_eq!(df[&concord_cluster::term_key("tunnel")], 3);
        assert_eq!(df[&concord_cluster::term_key("boring")], 1);
        let terms: Vec<i64> = s
            .conn
            .prepare("SELECT term FROM cluster_story_terms WHERE story_id = 's1'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(terms, [concord_cluster::term_key("tunnel") as i64]);
        assert_eq!(s.story("s1").unwrap().unwrap().articles[0].id, "a");
    }
}
