//! `concord`: the command-line glue over the pipeline crates. Each stage is reachable alone as a
//! JSONL filter (`analyze`, `cluster`, `compare`, `summarize`); `run` and `ingest` drive the whole
//! pipeline into a store; `stories` and `story` read it back.
//!
//! Exit status: 0 when every input was used, 2 when some input was rejected (each one named on
//! stderr), 1 on a fatal error (the store is left as it was before the batch).

mod filters;
mod queue;
mod render;
mod search;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use concord_engine::{ClusterSettings, Engine, Progress};
use concord_store::{SqliteStore, Store, StoryQuery};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

// mimalloc: analysis allocates a string per word; glibc's malloc and free were an eighth of the
// instructions of `concord summarize` (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Groups news reports of one event into stories: shared passages, cited summaries."
)]
struct Cli {
    /// The store (SQLite file; `:memory:` for a throw-away one).
    #[arg(long, global = true, env = "CONCORD_DB", default_value = "concord.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    Jsonl,
}

#[derive(clap::Args, Clone)]
pub struct FilterIo {
    /// Read JSONL from this file instead of standard input.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Write JSONL to this file instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
}

/// Clustering settings, for `concord cluster` (this run) and `concord config` (the store's).
/// Each one not given keeps its value. The fields are named as the clusterer's `Config` names
/// them, so that the ones given serialize to its overrides.
#[derive(clap::Args, Clone, Default, serde::Serialize)]
pub struct ClusterFlags {
    /// Minimum probability (from the pair model) to join a story.
    #[arg(long, value_parser = finite)]
    threshold: Option<f64>,
    /// Days after its latest article that a story stays open (dated streams).
    #[arg(long, value_parser = finite)]
    window_days: Option<f64>,
    /// A pair model written by `examples/train.rs` instead of the shipped one.
    #[arg(long)]
    #[serde(skip)]
    model: Option<PathBuf>,
    /// Probability for another story above which an article bridges it into the story it
    /// joined (above 1 turns merging off).
    #[arg(long, value_parser = finite)]
    merge_threshold: Option<f64>,
    /// Body-centroid cosine at which the periodic merge pass joins two active stories
    /// (above 1 turns the pass off).
    #[arg(long, value_parser = finite)]
    merge_similarity: Option<f64>,
    /// Cosine of an article with a retired story at which the story is reopened (off by
    /// default; `concord cluster` keeps no archive, so there only stories not yet swept from
    /// memory can reopen, where a store reopens any).
    #[arg(long, value_parser = finite)]
    reopen_similarity: Option<f64>,
    /// Terms the document-frequency table holds before every frequency is halved and the
    /// terms left at 0 are forgotten (bounds memory on a stream whose vocabulary keeps
    /// growing; default 1,500,000).
    #[arg(long)]
    max_terms: Option<usize>,
    /// Days without a report after which an established story (3 reports or more) is over for
    /// an article that shares little with it (default 10; dated articles only).
    #[arg(long, value_parser = finite)]
    quiet_days: Option<f64>,
    /// The body cosine below which an article after those quiet days founds a story instead
    /// of joining it (default 0.3; 0 turns the rule off).
    #[arg(long, value_parser = finite)]
    quiet_similarity: Option<f64>,
}

/// A number that is not NaN or infinite (JSON, where settings are kept, has neither).
fn finite(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err("must be a finite number".into()),
        Err(e) => Err(e.to_string()),
    }
}

impl ClusterFlags {
    /// The settings given, by the names of the clusterer's `Config` (as a store keeps them).
    fn overrides(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => {
                m.into_iter().filter(|(_, v)| !v.is_null()).collect()
            }
            _ => unreachable!("flags of numbers serialize to an object"),
        }
    }

    /// The model file given, read and checked.
    fn model(&self) -> Result<Option<concord_cluster::Model>> {
        let Some(p) = self.model.as_deref() else {
            return Ok(None);
        };
        let text =
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        concord_cluster::Model::from_json(&text)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
    }
}

#[derive(Subcommand)]
enum Command {
    /// The main job: ingest PATHs, cluster them into stories, and print those stories.
    Run {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Ingest files and directories (.txt, .json, .jsonl; `-` for JSONL on stdin) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List the stories in the store, biggest and newest first.
    Stories {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Show at most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Show one story.
    Story {
        id: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Say for each article why it belongs: the model's probability and the shared terms
        /// (always present in JSON, as `why`).
        #[arg(long)]
        why: bool,
    },
    /// Full-text search over titles and bodies (tantivy query syntax: words, "phrases", +must, -not).
    Search {
        /// Words, "phrases", +must, -not, title:word; empty lists what the filters let through.
        #[arg(default_value = "")]
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Only articles of this outlet (any case).
        #[arg(long)]
        outlet: Option<String>,
        /// Only articles published on or after this date (YYYY-MM-DD or RFC 3339).
        #[arg(long, value_parser = parse_date)]
        from: Option<concord_core::Published>,
        /// Only articles published on or before this date (a whole day when no time is given).
        #[arg(long, value_parser = parse_date)]
        to: Option<concord_core::Published>,
        /// Only articles that name this person, organisation or place ("Netanyahu").
        #[arg(long)]
        entity: Option<String>,
    },
    /// Rebuild the search index from the store.
    Reindex,
    /// Derive stories again from their articles with this concord: headline, summary, shared
    /// passages, claims, entities, quotes and casualty figures. A story keeps what the concord
    /// that last derived it found until an article joins it; each story is stamped with the
    /// build that derived it, and by default the stories another build derived are derived
    /// again. Clustering is not touched.
    Rederive {
        /// Story ids (when none is given: every story another build of concord derived).
        ids: Vec<String>,
        /// Every story, those this build derived included.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Show or change the store's clustering settings, which every command that adds to the
    /// store uses (run, ingest, watch, serve). Only what is set is kept: the rest follows the
    /// defaults of the concord that runs. Prints the settings in force, as JSON.
    Config {
        #[command(flatten)]
        cluster: ClusterFlags,
        /// Go back to the shipped pair model.
        #[arg(long, conflicts_with = "model")]
        shipped_model: bool,
        /// Forget every setting made before (the flags given with it still apply).
        #[arg(long)]
        reset: bool,
    },
    /// Poll RSS/Atom/JSON feeds over HTTP(S) and ingest their new items (conditional GET; items
    /// that carry only a teaser are replaced by their extracted pages).
    Watch {
        #[arg(required = true)]
        urls: Vec<String>,
        /// Time between polls (30s, 10m, 1h).
        #[arg(long, default_value = "10m", value_parser = concord_ingest::fetch::parse_interval)]
        every: std::time::Duration,
        /// Poll each feed once and exit (for cron).
        #[arg(long)]
        once: bool,
        /// Limit for each request, connection to last byte.
        #[arg(long, default_value = "30s", value_parser = concord_ingest::fetch::parse_interval)]
        timeout: std::time::Duration,
    },
    /// Serve the JSON API (/api/stories, /api/stories/ID, /api/articles/ID, /api/search?q=)
    /// and web pages over the store, until Ctrl-C.
    Serve {
        /// Address to listen on; loopback by default, so nothing is exposed unless you ask.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Turns on POST /api/articles (JSONL ingest) for requests carrying
        /// `Authorization: Bearer TOKEN`; off when not given. Prefer the environment variable,
        /// which other users cannot read from the process list.
        #[arg(long, env = "CONCORD_INGEST_TOKEN", hide_env_values = true)]
        ingest_token: Option<String>,
    },
    /// Filter: articles (JSONL) → sentences with character offsets and the detected language.
    Analyze {
        #[command(flatten)]
        io: FilterIo,
    },
    /// Filter: articles (JSONL, in arrival order) → {"id","story"} per article, decided online.
    Cluster {
        #[command(flatten)]
        io: FilterIo,
        #[command(flatten)]
        cluster: ClusterFlags,
        /// Threads that analyze articles ahead of the decisions (default: one per CPU but the
        /// one that decides, at least one).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Filter: stories {"id","docs":[...]} → shared passages, claims (agreed, single-source,
    /// conflicts), entities, quotes and casualty figures.
    Compare {
        #[command(flatten)]
        io: FilterIo,
    },
    /// Filter: articles (JSONL) → the passages any two of them share, across stories (wire copy,
    /// press releases), one JSON line per passage {"text","origin","origin_basis","articles"}.
    Reuse {
        #[command(flatten)]
        io: FilterIo,
        /// Threads analyzing articles (default: one per CPU).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Extract articles from HTML pages (.html, .htm, .gz of them; directories recursively):
    /// one JSON line per page {"id","url","title","text","published","authors","outlet","language"}.
    /// WARC archives (.warc, .warc.gz) give one line per HTML response, without "authors".
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (JSON lines).
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Threads extracting pages (default: one per CPU); output order is input order.
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Filter: stories {"id","docs":[...]} → {"id","summary","sentences":[{"text","sources"}]}.
    Summarize {
        #[command(flatten)]
        io: FilterIo,
        /// Hard cap on summary words.
        #[arg(long, default_value_t = 100)]
        words: usize,
        /// Hard cap on summary sentences.
        #[arg(long)]
        sentences: Option<usize>,
        /// Threads summarizing stories (default: one per CPU); output order is input order.
        #[arg(long)]
        jobs: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`concord cluster … | head`): what it wanted was written, as
        // with any Unix filter, so this is no failure to report.
        Err(e)
            if e.chain().any(|c| {
                let kind = match c.downcast_ref::<std::io::Error>() {
                    Some(io) => Some(io.kind()),
                    // serde_json's writer wraps the io error.
                    None => c
                        .downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind),
                };
                kind == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("concord: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn open_store(db: &std::path::Path) -> Result<SqliteStore> {
    SqliteStore::open(db).with_context(|| format!("cannot open store {}", db.display()))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run { paths, format } => {
            let mut engine = Engine::open(open_store(&cli.db)?)?;
            let report = ingest(&mut engine, &paths)?;
            search::index_new(&cli.db, &engine.store, &report.stored_ids);
            note_stories_derived_by_others(&engine.store, &cli.db);
            let ids = engine.store.stories_of(&report.article_ids)?;
            let stories = engine.store.stories(&StoryQuery {
                ids: Some(ids),
                ..Default::default()
            })?;
            render::print_stories(&stories, format)?;
            Ok(status(report.rejected.len() + report.derive_failures.len()))
        }
        Command::Ingest { paths } => {
            let mut engine = Engine::open(open_store(&cli.db)?)?;
            let report = ingest(&mut engine, &paths)?;
            search::index_new(&cli.db, &engine.store, &report.stored_ids);
            eprintln!(
                "concord: {} stored ({} duplicates, {} near duplicates), {} unchanged, {} rejected; {} stories updated, {} merged into another",
                report.stored,
                report.duplicates,
                report.near_duplicates,
                report.unchanged,
                report.rejected.len(),
                report.stories_touched,
                report.merges.len()
            );
            note_stories_derived_by_others(&engine.store, &cli.db);
            Ok(status(report.rejected.len() + report.derive_failures.len()))
        }
        Command::Stories { format, limit } => {
            let store = open_store(&cli.db)?;
            let stories = store.stories(&StoryQuery {
                limit,
                ..Default::default()
            })?;
            render::print_stories(&stories, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Story { id, format, why } => {
            let store = open_store(&cli.db)?;
            let story = match store.story(&id)? {
                Some(story) => story,
                // A merged story's id still finds its events: say so, and show the survivor.
                None => match store.merged_into(&id)?.map(|into| store.story(&into)) {
                    Some(Ok(Some(story))) => {
                        eprintln!("concord: story {id} was merged into story {}", story.id);
                        story
                    }
                    Some(Err(e)) => return Err(e.into()),
                    _ => anyhow::bail!("no story `{id}` in {}", cli.db.display()),
                },
            };
            if concord_engine::derived_by_other_build(&store, &story.id)? {
                eprintln!(
                    "concord: story {} was derived by another build of concord and shows what it found; `concord --db {} rederive {}` derives it with this one",
                    story.id,
                    cli.db.display(),
                    story.id
                );
            }
            render::print_story(&story, format, why)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            limit,
            format,
            outlet,
            from,
            to,
            entity,
        } => {
            let store = open_store(&cli.db)?;
            let filters = concord_index::Filters {
                outlet,
                from: from.map(|d| d.timestamp()),
                to: to.map(|d| d.timestamp() + if d.day_only { 86_399 } else { 0 }),
                entity: entity.filter(|e| !e.trim().is_empty()),
            };
            search::search(&cli.db, &store, &query, &filters, limit, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rederive { ids, all } => rederive(&cli.db, &ids, all),
        Command::Reindex => {
            let store = open_store(&cli.db)?;
            search::reindex(&cli.db, &store)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { addr, ingest_token } => serve(&cli.db, addr, ingest_token),
        Command::Watch {
            urls,
            every,
            once,
            timeout,
        } => watch(&cli.db, &urls, every, once, timeout),
        Command::Analyze { io } => filters::analyze(&io),
        Command::Cluster { io, cluster, jobs } => filters::cluster(
            &io,
            filters::ClusterOptions {
                overrides: cluster.overrides(),
                model: cluster.model()?,
                jobs,
            },
        ),
        Command::Config {
            cluster,
            shipped_model,
            reset,
        } => config(&cli.db, &cluster, shipped_model, reset),
        Command::Compare { io } => filters::compare(&io),
        Command::Reuse { io, jobs } => filters::reuse(&io, jobs),
        Command::Extract {
            paths,
            format: ExtractFormat::Jsonl,
            output,
            jobs,
        } => filters::extract(&paths, output.as_deref(), jobs),
        Command::Summarize {
            io,
            words,
            sentences,
            jobs,
        } => filters::summarize(&io, words, sentences, jobs),
    }
}

/// `concord config`: changes the store's clustering settings when asked (checked before they are
/// kept), then prints the settings in force: every field, which ones the store sets, the model.
fn config(
    db: &std::path::Path,
    flags: &ClusterFlags,
    shipped_model: bool,
    reset: bool,
) -> Result<ExitCode> {
    let mut store = open_store(db)?;
    // With --reset, settings that cannot be read any more are replaced, not an error.
    let mut settings = if reset {
        ClusterSettings::default()
    } else {
        ClusterSettings::load(&store)?
    };
    let before = settings.clone();
    settings.config.extend(flags.overrides());
    if let Some(m) = flags.model()? {
        settings.model = Some(m);
    }
    if shipped_model {
        settings.model = None;
    }
    if settings != before || reset {
        settings.save(&mut store)?;
    }
    let mut in_force = concord_engine::Settings::default();
    settings
        .apply(&mut in_force)
        .map_err(|e| anyhow::anyhow!("the store's clustering settings: {e}"))?;
    let model = match &settings.model {
        None => serde_json::json!("shipped"),
        Some(m) => {
            serde_json::json!({"trained_on": m.trained_on, "weights": m.weights, "bias": m.bias})
        }
    };
    let shown = serde_json::json!({
        "cluster": in_force.cluster,
        "set": settings.config,
        "model": model,
    });
    println!("{}", serde_json::to_string_pretty(&shown)?);
    Ok(ExitCode::SUCCESS)
}

/// `concord watch`: each round polls every feed, stores the new items, and remembers each feed's
/// validators in the store, so that a later run (or a cron job with `--once`) asks only for
/// what changed. A feed whose items could not all be read keeps its old validators, so that
/// those items are tried again on the next round.
fn watch(
    db: &std::path::Path,
    urls: &[String],
    every: std::time::Duration,
    once: bool,
    timeout: std::time::Duration,
) -> Result<ExitCode> {
    use concord_ingest::fetch::{self, FetchOptions, Fetcher, Validators};
    let mut engine = Engine::open(open_store(db)?)?;
    note_stories_derived_by_others(&engine.store, db);
    let mut fetcher = Fetcher::new(FetchOptions {
        timeout,
        ..FetchOptions::default()
    });
    let mut rejected = 0;
    loop {
        for url in urls {
            let key = format!("watch:{url}");
            let validators: Option<Validators> = engine
                .store
                .meta(&key)?
                .and_then(|v| serde_json::from_str(&v).ok());
            let store = &engine.store;
            let known = |id: &str| {
                store
                    .articles(&[id.to_string()])
                    .is_ok_and(|a| !a.is_empty())
            };
            let poll = match fetch::poll_feed(&mut fetcher, url, validators.as_ref(), &known) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("concord: rejected {url}: {e}");
                    rejected += 1;
                    continue;
                }
            };
            for r in &poll.rejected {
                eprintln!("concord: rejected {url}: {r}");
            }
            rejected += poll.rejected.len();
            let new = poll.articles.len();
            let location = concord_ingest::Location {
                path: PathBuf::from(url),
                line: None,
            };
            let articles = poll
                .articles
                .into_iter()
                .map(|a| (a, location.clone()))
                .collect();
            // A `concord config` made while watching applies from the next feed on.
            engine.reload_cluster_settings()?;
            let report =
                engine.ingest_articles(articles, &mut |r| eprintln!("concord: rejected {r}"))?;
            rejected += report.rejected.len();
            search::index_new(db, &engine.store, &report.stored_ids);
            if let Some(v) = poll.validators.filter(|_| poll.rejected.is_empty()) {
                let v = serde_json::to_string(&v)?;
                engine.store.write(&mut |tx| tx.set_meta(&key, &v))?;
            }
            if poll.not_modified {
                eprintln!("concord: {url}: not modified");
            } else {
                eprintln!(
                    "concord: {url}: {new} new items, {} stored; {} stories updated",
                    report.stored, report.stories_touched
                );
            }
        }
        if once {
            break;
        }
        std::thread::sleep(every);
    }
    Ok(status(rejected))
}

fn serve(
    db: &std::path::Path,
    addr: std::net::SocketAddr,
    ingest_token: Option<String>,
) -> Result<ExitCode> {
    // A `:memory:` store would be empty, and each connection to it a different database.
    anyhow::ensure!(
        db.as_os_str() != ":memory:",
        "serve needs a store file; ingest into one with `concord --db PATH ingest`"
    );
    let store = open_store(db)?; // fail now, not at the first request, when the store is bad
    let mut index = concord_index::sync::open_for_store(db)?;
    if let Some(n) = concord_index::sync::ensure_current(&store, &mut index)? {
        eprintln!("concord: the search index was out of date; rebuilt it ({n} articles)");
    }
    note_stories_derived_by_others(&store, db);
    drop(store);
    let db_path = db.to_path_buf();
    let connect: Box<concord_serve::Connect<SqliteStore>> =
        Box::new(move || SqliteStore::open(&db_path));
    let ingest_on = ingest_token.as_deref().is_some_and(|t| !t.is_empty());
    let app = concord_serve::router(concord_serve::AppState::with_ingest(
        connect,
        index,
        ingest_token,
    ));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        eprintln!(
            "concord: serving {} on http://{}/ (Ctrl-C stops); POST /api/articles is {}",
            db.display(),
            listener.local_addr()?,
            if ingest_on {
                "on (bearer token)"
            } else {
                "off"
            }
        );
        concord_serve::serve(listener, app).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Says on stderr how many stories another build of concord derived: they show what it found
/// (entities, quotes, summary…) until `concord rederive` derives them with this one.
fn note_stories_derived_by_others(store: &SqliteStore, db: &std::path::Path) {
    let Ok(n) = store.count_stories_derived_by_other(concord_engine::DERIVATION) else {
        return;
    };
    if n > 0 {
        eprintln!(
            "concord: {} derived by another build of concord and show what it found; `concord --db {} rederive` derives them with this one",
            concord_serve::markdown::plural(n as usize, "story was", "stories were"),
            db.display()
        );
    }
}

pub fn status(rejected: usize) -> ExitCode {
    if rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// `concord rederive`: with a progress bar on a terminal; an id that names no story is an
/// error before anything is done.
fn rederive(db: &std::path::Path, ids: &[String], all: bool) -> Result<ExitCode> {
    let mut engine = Engine::open(open_store(db)?)?;
    // The ids a user gave must name stories; those the store listed do.
    let others;
    let (ids, given): (&[String], &[String]) = if ids.is_empty() && !all {
        others = engine.stories_derived_by_other_builds()?;
        if others.is_empty() {
            eprintln!(
                "concord: every story was derived by this build of concord; nothing to do (`--all` derives them all again)"
            );
            return Ok(ExitCode::SUCCESS);
        }
        (&others, &[])
    } else {
        (ids, ids)
    };
    for id in given {
        let id = engine.store.merged_into(id)?.unwrap_or_else(|| id.clone());
        if engine.store.story(&id)?.is_none() {
            eprintln!("concord: no story {id}");
            return Ok(ExitCode::from(1));
        }
    }
    let bar = progress_bar("deriving", "stories");
    let result = engine.rederive((!all).then_some(ids), &mut |done, all| {
        bar.set_length(all as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let (derived, failures) = result?;
    for f in &failures {
        eprintln!(
            "concord: error: could not derive {f}; the story keeps what it showed before (a bug: please report it)"
        );
    }
    eprintln!(
        "concord: {} derived again",
        concord_serve::markdown::plural(derived, "story", "stories")
    );
    Ok(status(failures.len()))
}

/// A progress bar on stderr when it is a terminal ("{msg} [===>  ] 3/10 {unit}"), else a
/// hidden one.
fn progress_bar(msg: &'static str, unit: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {{msg}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}})"
        ))
        .expect("valid template")
        .progress_chars("=> "),
    );
    b.set_message(msg);
    b
}

/// Ingests with a progress bar on a terminal and one stderr line per rejected input.
fn ingest(engine: &mut Engine<SqliteStore>, paths: &[PathBuf]) -> Result<concord_engine::Report> {
    let bar = progress_bar("ingesting", "files");
    let report = engine.ingest_paths(
        paths,
        &mut |r| bar.suspend(|| eprintln!("concord: rejected {r}")),
        &mut |p| match p {
            Progress::Files(n) => bar.set_length(n as u64),
            Progress::FileDone => bar.inc(1),
            Progress::Summarizing(n) => bar.set_message(format!("summarizing {n} stories")),
        },
    );
    bar.finish_and_clear();
    let report = report?;
    for f in &report.derive_failures {
        eprintln!(
            "concord: error: could not derive {f}; its articles are stored and the story keeps what it showed before (a bug: please report it)"
        );
    }
    Ok(report)
}

fn parse_date(s: &str) -> std::result::Result<concord_core::Published, String> {
    concord_core::Published::parse(s).map_err(|e| e.to_string())
}
