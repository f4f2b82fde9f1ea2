//! Serve: the store and the search index over HTTP — a JSON API and plain web pages.
//!
//! Useful for: reading stories from a browser or from code (`concord serve`), and pushing
//! articles to `POST /api/articles` when an ingest token is configured. Not for: serving the
//! open internet without a proxy in front (no TLS, no rate limits).
//!
//! Reads never write. Each request borrows a store connection from a small pool and does
//! its blocking work on tokio's blocking threads, so a slow query never stalls the reactor.
//! Another process may ingest while the server runs: SQLite's WAL lets readers go on, and the
//! search index is refreshed (and rebuilt if it disagrees with the store) before each search.
//!
//! Invariant: every piece of article data (text, titles, outlets, URLs, ids) is untrusted and
//! passes through [`html::escape`] before it reaches a page.
#![recursion_limit = "256"] // the OpenAPI document is one large `json!`

pub mod html;
pub mod markdown;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use concord_core::{Story, StoryRow};
use concord_index::{SearchIndex, sync};
use concord_store::{Store, StoryQuery};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// What can fail while answering.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] concord_store::StoreError),
    #[error("{0}")]
    Index(#[from] concord_index::IndexError),
    #[error("not found: {0}")]
    NotFound(String),
    /// The story was merged into another; its pages redirect there.
    #[error("story {from} was merged into story {into}")]
    Merged { from: String, into: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal error: {0}")]
    Internal(String),
    /// The ingest endpoint is off: no token was configured.
    #[error("ingest is off: start `concord serve --ingest-token TOKEN` to accept articles")]
    IngestOff,
    #[error("a valid `Authorization: Bearer TOKEN` header is required")]
    Unauthorized,
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        let status = match &self {
            ServeError::NotFound(_) | ServeError::Merged { .. } => StatusCode::NOT_FOUND,
            ServeError::IngestOff => StatusCode::FORBIDDEN,
            ServeError::Unauthorized => StatusCode::UNAUTHORIZED,
            ServeError::BadRequest(_) | ServeError::Index(concord_index::IndexError::Query(_)) => {
                StatusCode::BAD_REQUEST
            }
            _ => {
                eprintln!("concord serve: {self}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (
            status,
            axum::Json(serde_json::json!({ "error": self.to_string() })),
        )
            .into_response()
    }
}

type Result<T> = std::result::Result<T, ServeError>;

/// Opens a store connection; the server calls it whenever its pool is empty.
pub type Connect<S> = dyn Fn() -> concord_store::Result<S> + Send + Sync;

/// Store connections kept for reuse between requests.
struct Pool<S> {
    connect: Box<Connect<S>>,
    idle: Mutex<Vec<S>>,
}

impl<S: Store> Pool<S> {
    fn with<T>(&self, f: impl FnOnce(&S) -> Result<T>) -> Result<T> {
        let conn = self.idle.lock().map_err(poisoned)?.pop();
        let conn = match conn {
            Some(c) => c,
            None => (self.connect)()?,
        };
        let out = f(&conn);
        // A connection whose store just failed may be broken; only healthy ones go back.
        if !matches!(out, Err(ServeError::Store(_))) {
            self.idle.lock().map_err(poisoned)?.push(conn);
        }
        out
    }
}

fn poisoned<T>(_: T) -> ServeError {
    ServeError::Internal("a lock was poisoned by an earlier panic".into())
}

/// What every handler shares.
pub struct AppState<S: Store> {
    pool: Pool<S>,
    index: Mutex<SearchIndex>,
    /// The bearer token `POST /api/articles` requires; `None` keeps the endpoint off.
    ingest_token: Option<String>,
    /// The engine that ingests, on its own connection, created at the first ingest. One
    /// batch at a time: the clusterer's state is read and written by each batch.
    engine: Mutex<Option<concord_engine::Engine<S>>>,
}

impl<S: Store + Send + 'static> AppState<S> {
    pub fn new(connect: Box<Connect<S>>, index: SearchIndex) -> Arc<Self> {
        Self::with_ingest(connect, index, None)
    }

    /// [`new`](Self::new) with `POST /api/articles` on, guarded by `token` (when `Some`).
    pub fn with_ingest(
        connect: Box<Connect<S>>,
        index: SearchIndex,
        token: Option<String>,
    ) -> Arc<Self> {
        Arc::new(AppState {
            pool: Pool {
                connect,
                idle: Mutex::new(Vec::new()),
            },
            index: Mutex::new(index),
            ingest_token: token.filter(|t| !t.is_empty()),
            engine: Mutex::new(None),
        })
    }
}

/// `GET /api/openapi.json`: an OpenAPI 3 description of the JSON API and the exports.
async fn api_openapi() -> axum::Json<serde_json::Value> {
    axum::Json(openapi())
}

/// The OpenAPI 3.0 document of every `/api` route (kept beside [`router`]; a test checks that
/// both name the same paths).
pub fn openapi() -> serde_json::Value {
    use serde_json::json;
    let text = |d: &str| json!({"type": "string", "description": d});
    let int = |d: &str| json!({"type": "integer", "description": d});
    let query = |name: &str, schema: serde_json::Value| json!({"name": name, "in": "query", "required": false, "schema": schema});
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let paging = [
        query("limit", int("How many (default 50, at most 500).")),
        query("offset", int("How many to skip.")),
    ];
    let error = json!({"description": "`{\"error\": message}`", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let ok = |schema: &str| json!({"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "concord",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories built from many outlets' reports: cited summaries, shared passages, claims, casualty figures, entities and quotes."
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "Stories, biggest and newest first",
                "parameters": paging.iter().cloned().chain([
                    query("outlet", text("Only stories with an article of this outlet (any case).")),
                    query("from", text("Only stories with an article published on or after (YYYY-MM-DD or RFC 3339).")),
                    query("to", text("... on or before (a whole day when no time is given)."))
                ]).collect::<Vec<_>>(),
                "responses": {"200": ok("StoryList")}
            }},
            "/api/stories.csv": {"get": {
                "summary": "The stories list as CSV (id, title, articles, outlets, first, last, conflicts, summary)",
                "parameters": [query("limit", int("Rows (default 10,000).")), query("offset", int("Rows to skip."))],
                "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
            }},
            "/api/stories/{id}": {"get": {
                "summary": "One story; `{id}.json` and `{id}.md` download it as JSON or Markdown",
                "parameters": [id],
                "responses": {
                    "200": {"description": "The story", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Story"}},
                        "text/markdown": {"schema": {"type": "string"}}
                    }},
                    "308": {"description": "The story was merged into another: `Location` is the survivor's URL (same suffix)"},
                    "404": error
                }
            }},
            "/api/articles": {"post": {
                "summary": "Ingest articles (JSONL); off unless the server has an ingest token",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string", "description": "One article object per line: id, text, and optionally title, outlet, url, published, language."}}}},
                "responses": {
                    "200": ok("IngestReport"),
                    "401": error,
                    "403": error,
                    "413": {"description": "Body over 32 MiB"},
                    "422": ok("IngestReport")
                }
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One article with its story and sentence spans",
                "parameters": [id],
                "responses": {"200": ok("Article"), "404": error}
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over articles",
                "parameters": [
                    query("q", text("Words, \"phrases\", +must, -not, title:word; may be empty when a filter is given.")),
                    query("outlet", text("Only this outlet (any case).")),
                    query("from", text("Published on or after (YYYY-MM-DD or RFC 3339).")),
                    query("to", text("Published on or before (a whole day when no time is given).")),
                    query("entity", text("Only articles naming this person, organisation or place.")),
                    query("limit", int("Results (default 20, at most 500)."))
                ],
                "responses": {"200": ok("SearchResults"), "400": error}
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {}}}}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
                "StoryList": {"type": "object", "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/StoryRow"}}}},
                "StoryRow": {"type": "object", "description": "A story as the list shows it: its first 20 articles; all of them, and its shared passages, claims, entities and quotes, are in /api/stories/{id}.", "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "article_count": {"type": "integer"},
                    "outlets": {"type": "array", "items": {"type": "string"}},
                    "first": {"type": "string", "nullable": true},
                    "last": {"type": "string", "nullable": true},
                    "coverage": {"$ref": "#/components/schemas/Coverage"},
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/StoryArticle"}},
                    "summary": {"type": "array", "items": {"$ref": "#/components/schemas/SummarySentence"}}
                }},
                "StoryArticle": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string", "nullable": true},
                    "outlet": {"type": "string", "nullable": true}, "published": {"type": "string", "nullable": true},
                    "duplicate_of": {"type": "string", "nullable": true},
                    "why": {"type": "object", "nullable": true,
                        "description": "Why the article is in its story; null for a copy, which follows its original.",
                        "properties": {
                            "founded": {"type": "boolean", "description": "It started the story: nothing earlier matched."},
                            "reopened": {"type": "boolean", "description": "It brought the story back after it had retired (absent when false)."},
                            "probability": {"type": "number", "description": "The pair model's probability that it belongs (1 when it founded the story; the cosine with the story when it reopened it)."},
                            "shared_terms": {"type": "array", "items": {"type": "string"}, "description": "The stems that weighed most in the match, heaviest first."},
                            "shared_words": {"type": "array", "items": {"type": "string"}, "description": "The same terms as the article writes them, in the same order (absent for articles stored before concord kept them)."},
                            "passed_over": {"type": "object", "description": "The story the pair model ranked first, which the article did not join: it had had no report for days and the article shares little with it (absent otherwise).",
                                "properties": {
                                    "story": {"type": "string"},
                                    "quiet_days": {"type": "number", "description": "Days between that story's latest report and the article."},
                                    "cosine": {"type": "number", "description": "The article's body cosine with that story."},
                                    "probability": {"type": "number", "description": "The pair model's probability for that story."}
                                }}
                        }}
                }},
                "SummarySentence": {"type": "object", "properties": {
                    "text": {"type": "string"}, "sources": {"type": "array", "items": {"type": "string"}}
                }},
                "Story": {"type": "object", "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/StoryArticle"}},
                    "summary": {"type": "array", "items": {"$ref": "#/components/schemas/SummarySentence"}},
                    "shared_passages": {"type": "array", "items": {"type": "object", "properties": {
                        "text": {"type": "string"}, "origin": {"type": "string"}, "origin_basis": {"type": "string", "enum": ["earliest", "tie", "undated"]},
                        "articles": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}}}
                    }}},
                    "claims": {"type": "array", "items": {"type": "object", "properties": {
                        "kind": {"type": "string", "enum": ["agreed", "single", "conflict"]},
                        "text": {"type": "string"}, "sources": {"type": "array", "items": {"type": "string"}},
                        "values": {"type": "array", "items": {"type": "object", "properties": {
                            "field": {"type": "string", "enum": ["number", "date", "place", "speaker", "person"], "description": "speaker: who is said to have spoken (a person or an organisation); person: the same, in stores written before speakers included organisations"},
                            "value": {"type": "string"}, "sources": {"type": "array", "items": {"type": "string"}}
                        }}}
                    }}},
                    "entities": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"}, "type": {"type": "string"}, "mentions": {"type": "integer"},
                        "articles": {"type": "array", "items": {"type": "string"}}
                    }}},
                    "quotes": {"type": "array", "items": {"type": "object", "properties": {
                        "text": {"type": "string"}, "speaker": {"type": "string", "nullable": true},
                        "article": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}
                    }}},
                    "figures": {"type": "array", "description": "Casualty figures as the articles state them, listed, not judged: killed, then injured, then missing, each kind in the order of the first article stating each figure.", "items": {"type": "object", "properties": {
                        "what": {"type": "string", "enum": ["killed", "injured", "missing"]},
                        "who": {"type": "string", "description": "whom it counts: people, unless the article names them (soldiers, passengers)"},
                        "count": {"type": "integer"},
                        "hedge": {"type": "string", "description": "at least, more than, between 600 and…; absent when the first article stating it does not hedge"},
                        "text": {"type": "string", "description": "the sentence that first states it"},
                        "sources": {"type": "array", "items": {"type": "string"}}
                    }}},
                    "coverage": {"$ref": "#/components/schemas/Coverage"},
                    "stale": {"type": "boolean", "description": "true when another build of concord (or one from before builds were stamped) derived the summary, shared passages, quotes, entities, claims and figures: they may differ from what this server's build gives until `concord rederive` derives them again"}
                }},
                "Coverage": {"type": "array", "description": "Articles per day (per week beyond 90 days, in 90 equal periods beyond 90 weeks).", "items": {"type": "object", "properties": {
                    "day": {"type": "string"}, "articles": {"type": "integer"}
                }}},
                "Article": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string", "nullable": true}, "text": {"type": "string"},
                    "outlet": {"type": "string", "nullable": true}, "url": {"type": "string", "nullable": true},
                    "published": {"type": "string", "nullable": true}, "language": {"type": "string", "nullable": true},
                    "story": {"type": "string", "nullable": true}, "duplicate_of": {"type": "string", "nullable": true},
                    "sentences": {"type": "array", "items": {"type": "object", "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}}}
                }},
                "SearchResults": {"type": "object", "properties": {
                    "query": {"type": "string"},
                    "results": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "string"}, "title": {"type": "string", "nullable": true}, "outlet": {"type": "string", "nullable": true},
                        "story": {"type": "string", "nullable": true}, "published": {"type": "string", "nullable": true},
                        "url": {"type": "string", "nullable": true}, "score": {"type": "number"}, "snippet": {"type": "string"}
                    }}}
                }},
                "IngestReport": {"type": "object", "properties": {
                    "stored": {"type": "integer"}, "duplicates": {"type": "integer"}, "near_duplicates": {"type": "integer"},
                    "unchanged": {"type": "integer"}, "stories_touched": {"type": "integer"},
                    "rejected": {"type": "array", "items": {"type": "object", "properties": {"line": {"type": "integer", "nullable": true}, "reason": {"type": "string"}}}}
                }}
            }
        }
    })
}

/// Largest request body `POST /api/articles` accepts.
pub const MAX_INGEST_BYTES: usize = 32 * 1024 * 1024;

/// Whether the request carries the configured token. Compared without an early exit, so the
/// time taken does not tell how much of a guess was right.
fn authorized(expected: &str, headers: &axum::http::HeaderMap) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (expected.as_bytes(), given.trim().as_bytes());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// What `POST /api/articles` answers.
#[derive(Debug, Serialize)]
pub struct IngestBody {
    pub stored: usize,
    pub duplicates: usize,
    pub near_duplicates: usize,
    pub unchanged: usize,
    pub stories_touched: usize,
    /// Lines that were not stored, with the reason: `{"line","reason"}`.
    pub rejected: Vec<serde_json::Value>,
    /// Stories whose derived views could not be updated (a bug; their articles are stored).
    pub derive_failures: Vec<String>,
}

/// `POST /api/articles`: a JSONL body of articles (the shape `concord ingest` reads), stored,
/// clustered and indexed like `concord ingest` does. 200 when every line was stored, 422 when
/// some were rejected (the body says which and why; the others are stored), 401 without the
/// token, 403 when ingest is off, 413 over [`MAX_INGEST_BYTES`].
async fn api_ingest<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response> {
    let Some(token) = st.ingest_token.as_deref() else {
        return Err(ServeError::IngestOff);
    };
    if !authorized(token, &headers) {
        return Err(ServeError::Unauthorized);
    }
    let state = Arc::clone(&st);
    let report = tokio::task::spawn_blocking(move || ingest_body(&state, &body))
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))??;
    let status = if report.rejected.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, axum::Json(report)).into_response())
}

fn ingest_body<S: Store>(state: &AppState<S>, body: &[u8]) -> Result<IngestBody> {
    let mut articles = Vec::new();
    let mut rejected = Vec::new();
    let reject = |rejected: &mut Vec<serde_json::Value>, r: &concord_ingest::Rejection| {
        rejected.push(serde_json::json!({"line": r.location.line, "reason": r.reason}));
    };
    concord_ingest::read_jsonl_from(
        body,
        std::path::Path::new("request"),
        &concord_ingest::Options::default(),
        &mut |item| match item {
            concord_ingest::Item::Article(a, at) => articles.push((*a, at)),
            concord_ingest::Item::Rejected(r) => reject(&mut rejected, &r),
        },
    );
    let mut slot = state.engine.lock().map_err(poisoned)?;
    match slot.as_mut() {
        // Settings changed with `concord config` while the server runs apply from the next
        // batch.
        Some(engine) => engine.reload_cluster_settings()?,
        None => *slot = Some(concord_engine::Engine::open((state.pool.connect)()?)?),
    }
    let engine = slot.as_mut().expect("set above");
    let report = engine.ingest_articles(articles, &mut |r| reject(&mut rejected, r))?;
    // The store has committed; the index follows (a failure here leaves it stale, and the
    // next search rebuilds it from the store).
    let indexed = state
        .index
        .lock()
        .map_err(|_| "the index lock was poisoned".to_string())
        .and_then(|mut index| {
            sync::add_new(&engine.store, &mut index, &report.stored_ids).map_err(|e| e.to_string())
        });
    if let Err(e) = indexed {
        eprintln!(
            "concord serve: the search index was not updated ({e}); the next search rebuilds it"
        );
    }
    Ok(IngestBody {
        stored: report.stored,
        duplicates: report.duplicates,
        near_duplicates: report.near_duplicates,
        unchanged: report.unchanged,
        stories_touched: report.stories_touched,
        rejected,
        derive_failures: report.derive_failures,
    })
}

/// Runs `f` with a store connection on a blocking thread.
async fn blocking<S, T>(
    state: &Arc<AppState<S>>,
    f: impl FnOnce(&AppState<S>, &S) -> Result<T> + Send + 'static,
) -> Result<T>
where
    S: Store + Send + 'static,
    T: Send + 'static,
{
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || state.pool.with(|s| f(&state, s)))
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))?
}

/// Paging and filters of story lists.
#[derive(Debug, Default, Deserialize)]
pub struct Page {
    #[serde(default)]
    pub offset: usize,
    pub limit: Option<usize>,
    /// Only stories with an article of this outlet (any case).
    pub outlet: Option<String>,
    /// Only stories with an article published on or after (YYYY-MM-DD or RFC 3339).
    pub from: Option<String>,
    /// ... on or before (a whole day when no time is given).
    pub to: Option<String>,
}

/// A date parameter as seconds since 1970; `end_of_day` moves a day-only date to its last
/// second.
fn date_param(name: &str, v: &Option<String>, end_of_day: bool) -> Result<Option<i64>> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => {
            let p = concord_core::Published::parse(d)
                .map_err(|e| ServeError::BadRequest(format!("`{name}`: {e}")))?;
            Ok(Some(
                p.timestamp() + if end_of_day && p.day_only { 86_399 } else { 0 },
            ))
        }
    }
}

impl Page {
    /// The store query for this page, `limit` rows at most.
    fn query(&self, limit: usize) -> Result<StoryQuery> {
        Ok(StoryQuery {
            ids: None,
            limit: Some(limit),
            offset: self.offset,
            outlet: self.outlet.clone().filter(|o| !o.trim().is_empty()),
            from: date_param("from", &self.from, false)?,
            to: date_param("to", &self.to, true)?,
        })
    }
}

const DEFAULT_PAGE: usize = 50;
const MAX_PAGE: usize = 500;

impl Page {
    fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// A page of the list, as rows.
fn page_of_stories(store: &dyn Store, page: &Page) -> Result<Vec<StoryRow>> {
    Ok(store.story_rows(&page.query(page.limit())?)?)
}

#[derive(Serialize)]
struct StoriesBody {
    stories: Vec<StoryRow>,
}

async fn api_stories<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Query(page): Query<Page>,
) -> Result<axum::Json<StoriesBody>> {
    let stories = blocking(&st, move |_, s| page_of_stories(s, &page)).await?;
    Ok(axum::Json(StoriesBody { stories }))
}

/// The story `id`; a story merged into another is [`ServeError::Merged`], which the pages and
/// the API answer with a permanent redirect to the survivor.
fn find_story(store: &dyn Store, id: &str) -> Result<Story> {
    if let Some(story) = store.story(id)? {
        return Ok(story);
    }
    match store.merged_into(id)? {
        Some(into) => Err(ServeError::Merged {
            from: id.to_string(),
            into,
        }),
        None => Err(ServeError::NotFound(format!("story {id}"))),
    }
}

/// `/api/stories/{id}`: the story as JSON; `{id}.json` the same as a download, `{id}.md` as
/// Markdown (the same text as `concord story --format markdown`).
async fn api_story<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Path(id): Path<String>,
) -> Result<Response> {
    let (id, as_markdown, as_file) = if let Some(id) = id.strip_suffix(".md") {
        (id.to_string(), true, true)
    } else if let Some(id) = id.strip_suffix(".json") {
        (id.to_string(), false, true)
    } else {
        (id, false, false)
    };
    let name = path_safe(&id);
    let found = blocking(&st, move |_, s| {
        let story = find_story(s, &id)?;
        let stale = concord_engine::derived_by_other_build(s, &story.id)?;
        Ok((story, stale))
    });
    let (story, stale) = match found.await {
        Err(ServeError::Merged { into, .. }) => {
            let ext = match (as_file, as_markdown) {
                (false, _) => "",
                (true, true) => ".md",
                (true, false) => ".json",
            };
            return Ok(Redirect::permanent(&format!("/api/stories/{into}{ext}")).into_response());
        }
        found => found?,
    };
    let mut response = if as_markdown {
        (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            markdown::story_string(&story),
        )
            .into_response()
    } else {
        axum::Json(StoryBody {
            coverage: story.coverage(),
            stale,
            story,
        })
        .into_response()
    };
    if as_file {
        let ext = if as_markdown { "md" } else { "json" };
        if let Ok(v) = format!("attachment; filename=\"story-{name}.{ext}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, v);
        }
    }
    Ok(response)
}

/// A story as `/api/stories/{id}` gives it: the stored story and its coverage over time.
#[derive(Serialize)]
struct StoryBody {
    #[serde(flatten)]
    story: Story,
    /// Articles per day (per week beyond 90 days, 90 equal periods beyond 90 weeks), first to
    /// last.
    coverage: Vec<concord_core::CoveragePoint>,
    /// Whether another build of concord derived the summary, passages, quotes, entities,
    /// claims and figures (`concord rederive` derives them again with this one).
    stale: bool,
}

/// An id reduced to characters that are safe in a file name.
fn path_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `/api/stories.csv`: the stories list (same order and paging as `/api/stories`, up to
/// [`MAX_EXPORT`] rows by default) as CSV, one row per story.
async fn api_stories_csv<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Query(page): Query<Page>,
) -> Result<Response> {
    let limit = page.limit.unwrap_or(MAX_EXPORT).clamp(1, MAX_EXPORT);
    // Full stories: the export counts each story's conflicts.
    let stories = blocking(&st, move |_, s| Ok(s.stories(&page.query(limit)?)?)).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let row = |w: &mut csv::Writer<Vec<u8>>, fields: &[&str]| {
        w.write_record(fields)
            .map_err(|e| ServeError::Internal(e.to_string()))
    };
    row(
        &mut w,
        &[
            "id",
            "title",
            "articles",
            "outlets",
            "first",
            "last",
            "conflicts",
            "summary",
        ],
    )?;
    for s in &stories {
        let (first, last) = s
            .time_span()
            .map_or((String::new(), String::new()), |(a, b)| {
                (a.to_string(), b.to_string())
            });
        row(
            &mut w,
            &[
                &s.id,
                &s.title,
                &s.articles.len().to_string(),
                &s.outlets().join("; "),
                &first,
                &last,
                &s.claims_of(concord_core::ClaimKind::Conflict)
                    .len()
                    .to_string(),
                &concord_core::SummarySentence::paragraph(&s.summary),
            ],
        )?;
    }
    let body = w
        .into_inner()
        .map_err(|e| ServeError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"stories.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Rows a CSV export holds unless `limit` asks for fewer.
const MAX_EXPORT: usize = 10_000;

/// An article as the API shows it.
#[derive(Debug, Serialize)]
pub struct ArticleBody {
    #[serde(flatten)]
    pub article: concord_core::Article,
    pub story: Option<String>,
    pub duplicate_of: Option<String>,
    /// Sentence spans in characters of `text`, for highlighting.
    pub sentences: Vec<concord_core::CharSpan>,
}

fn find_article(store: &dyn Store, id: &str) -> Result<ArticleBody> {
    let a = store
        .article(id)?
        .ok_or_else(|| ServeError::NotFound(format!("article {id}")))?;
    Ok(ArticleBody {
        article: a.article,
        story: a.story,
        duplicate_of: a.duplicate_of,
        sentences: a.sentences,
    })
}

async fn api_article<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Path(id): Path<String>,
) -> Result<axum::Json<ArticleBody>> {
    Ok(axum::Json(
        blocking(&st, move |_, s| find_article(s, &id)).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub limit: Option<usize>,
    /// Only articles of this outlet (any case).
    pub outlet: Option<String>,
    /// Published on or after (YYYY-MM-DD or RFC 3339).
    pub from: Option<String>,
    /// Published on or before (a whole day when no time is given).
    pub to: Option<String>,
    /// Only articles naming this person, organisation or place.
    pub entity: Option<String>,
}

impl SearchParams {
    fn filters(&self) -> Result<concord_index::Filters> {
        Ok(concord_index::Filters {
            outlet: self.outlet.clone().filter(|o| !o.trim().is_empty()),
            from: date_param("from", &self.from, false)?,
            to: date_param("to", &self.to, true)?,
            entity: self.entity.clone().filter(|e| !e.trim().is_empty()),
        })
    }

    fn has_filters(&self) -> bool {
        [&self.outlet, &self.from, &self.to, &self.entity]
            .iter()
            .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
    }
}

/// One search result.
pub use concord_index::sync::Found as SearchResult;

fn run_search<S: Store>(
    state: &AppState<S>,
    store: &S,
    q: &str,
    p: &SearchParams,
    limit: usize,
) -> Result<Vec<SearchResult>> {
    let filters = p.filters()?;
    let mut index = state.index.lock().map_err(poisoned)?;
    Ok(sync::find(store, &mut index, q, &filters, limit)?)
}

#[derive(Serialize)]
struct SearchBody {
    query: String,
    results: Vec<SearchResult>,
}

/// The query; it may be empty only when a filter says what to list.
fn query_of(p: &SearchParams) -> Result<String> {
    match p.q.as_deref().map(str::trim) {
        Some(q) if !q.is_empty() => Ok(q.to_string()),
        _ if p.has_filters() => Ok(String::new()),
        _ => Err(ServeError::BadRequest(
            "the query parameter `q` is empty".into(),
        )),
    }
}

async fn api_search<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Query(p): Query<SearchParams>,
) -> Result<axum::Json<SearchBody>> {
    let q = query_of(&p)?;
    let limit = p.limit.unwrap_or(20).clamp(1, MAX_PAGE);
    let query = q.clone();
    let results = blocking(&st, move |state, s| run_search(state, s, &q, &p, limit)).await?;
    Ok(axum::Json(SearchBody { query, results }))
}

async fn page_stories<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Query(page): Query<Page>,
) -> Result<Html<String>> {
    let (stories, stale) = blocking(&st, move |_, s| {
        Ok((
            page_of_stories(s, &page)?,
            s.count_stories_derived_by_other(concord_engine::DERIVATION)?,
        ))
    })
    .await?;
    Ok(Html(html::stories_page(&stories, stale)))
}

async fn page_story<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Path(id): Path<String>,
) -> Response {
    let found = blocking(&st, move |_, s| {
        let story = find_story(s, &id)?;
        // Side by side: the articles with text of their own (exact copies are stored empty),
        // at most SIDE_BY_SIDE of them, so that a story of thousands of reports stays a page.
        let ids = side_by_side(&story);
        let texts: Vec<(String, String)> = s
            .articles(&ids)?
            .into_iter()
            .filter(|a| !a.text.is_empty())
            .map(|a| (a.id, a.text))
            .collect();
        let left_out = story.articles.len().saturating_sub(ids.len());
        let stale = concord_engine::derived_by_other_build(s, &story.id)?;
        Ok((story, texts, left_out, stale))
    })
    .await;
    match found {
        Ok((story, texts, left_out, stale)) => {
            Html(html::story_page(&story, &texts, left_out, stale)).into_response()
        }
        Err(ServeError::Merged { into, .. }) => {
            Redirect::permanent(&format!("/stories/{into}")).into_response()
        }
        Err(e @ ServeError::NotFound(_)) => not_found_page(&e),
        Err(e) => e.into_response(),
    }
}

/// Articles a story page shows side by side.
pub const SIDE_BY_SIDE: usize = 12;

/// The articles a story page shows in full, at most [`SIDE_BY_SIDE`]: those the summary cites,
/// then the first carriers of shared passages, then the rest in story order.
fn side_by_side(story: &Story) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::new();
    let cited = story.summary.iter().flat_map(|x| x.sources.iter());
    let origins = story.shared_passages.iter().map(|p| &p.origin);
    let all = story.articles.iter().map(|a| &a.id);
    for id in cited.chain(origins).chain(all) {
        if chosen.len() == SIDE_BY_SIDE {
            break;
        }
        if !chosen.contains(id) {
            chosen.push(id.clone());
        }
    }
    chosen
}

fn not_found_page(e: &ServeError) -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(html::message_page("Not found", &e.to_string())),
    )
        .into_response()
}

/// `/articles/{id}`: the article with its shared passages and summary sentences highlighted.
async fn page_article<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Path(id): Path<String>,
) -> Response {
    let found = blocking(&st, move |_, s| {
        let article = find_article(s, &id)?;
        let story = match &article.story {
            Some(sid) => s.story(sid)?,
            None => None,
        };
        Ok((article, story))
    })
    .await;
    match found {
        Ok((article, story)) => Html(html::article_page(&article, story.as_ref())).into_response(),
        Err(e @ ServeError::NotFound(_)) => not_found_page(&e),
        Err(e) => e.into_response(),
    }
}

async fn page_search<S: Store + Send + 'static>(
    State(st): State<Arc<AppState<S>>>,
    Query(p): Query<SearchParams>,
) -> Result<Html<String>> {
    let Ok(q) = query_of(&p) else {
        return Ok(Html(html::search_page("", &[])));
    };
    let query = q.clone();
    let results = blocking(&st, move |state, s| run_search(state, s, &q, &p, 50)).await;
    match results {
        Ok(r) => Ok(Html(html::search_page(&query, &r))),
        Err(ServeError::Index(concord_index::IndexError::Query(e))) => Ok(Html(
            html::message_page("Bad query", &format!("{query}: {e}")),
        )),
        Err(e) => Err(e),
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        html::STYLESHEET,
    )
}

/// The routes: `/api/...` for code, the rest for people.
pub fn router<S: Store + Send + 'static>(state: Arc<AppState<S>>) -> Router {
    Router::new()
        .route("/api/stories", get(api_stories::<S>))
        .route("/api/stories.csv", get(api_stories_csv::<S>))
        .route("/api/stories/{id}", get(api_story::<S>))
        .route(
            "/api/articles",
            post(api_ingest::<S>).layer(DefaultBodyLimit::max(MAX_INGEST_BYTES)),
        )
        .route("/api/articles/{id}", get(api_article::<S>))
        .route("/api/search", get(api_search::<S>))
        .route("/api/openapi.json", get(api_openapi))
        .route("/", get(page_stories::<S>))
        .route("/stories/{id}", get(page_story::<S>))
        .route("/articles/{id}", get(page_article::<S>))
        .route("/search", get(page_search::<S>))
        .route("/style.css", get(stylesheet))
        .with_state(state)
}

/// Serves until Ctrl-C (or SIGTERM), finishing the requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let ctrl_c = tokio::signal::ctrl_c();
            #[cfg(unix)]
            {
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                        .expect("installing a SIGTERM handler");
                tokio::select! {
                    _ = ctrl_c => {},
                    _ = term.recv() => {},
                }
            }
            #[cfg(not(unix))]
            let _ = ctrl_c.await;
        })
        .await
}
