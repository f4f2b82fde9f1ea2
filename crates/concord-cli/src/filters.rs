//! The JSONL filters: each pipeline stage alone, standard input to standard output.
//!
//! A malformed line is named on stderr (`input:LINE: reason`) and skipped; the rest is processed
//! and the exit status is 2.

use crate::queue::WorkQueue;
use crate::{FilterIo, status};
use anyhow::{Context, Result};
use concord_analyze::{Analyzer, analyze_all, docs};
use concord_cluster::{Clusterer, Config as ClusterConfig, Features};
use concord_core::Article;
use concord_ingest::{Item, Location, Options as IngestOptions, article_from_json};
use serde_json::json;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

fn open_input(io: &FilterIo) -> Result<(Box<dyn BufRead>, PathBuf)> {
    Ok(match &io.input {
        Some(p) => (
            Box::new(BufReader::new(
                File::open(p).with_context(|| format!("cannot read {}", p.display()))?,
            )),
            p.clone(),
        ),
        None => (
            Box::new(BufReader::new(io::stdin().lock())),
            PathBuf::from("-"),
        ),
    })
}

fn open_output(io: &FilterIo) -> Result<Box<dyn Write>> {
    Ok(match &io.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn label(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// Runs `f` on every article of an article-shaped JSONL input.
fn for_each_article(io: &FilterIo, mut f: impl FnMut(Article) -> Result<()>) -> Result<usize> {
    for_each_located_article(io, |a, _| f(a))
}

/// Like [`for_each_article`], with where each article was read (file and line).
fn for_each_located_article(
    io: &FilterIo,
    mut f: impl FnMut(Article, Location) -> Result<()>,
) -> Result<usize> {
    let (reader, path) = open_input(io)?;
    let mut rejected = 0;
    let mut failure = None;
    concord_ingest::read_jsonl_from(reader, &path, &IngestOptions::default(), &mut |item| {
        if failure.is_some() {
            return;
        }
        match item {
            Item::Article(a, loc) => {
                if let Err(e) = f(*a, loc) {
                    failure = Some(e);
                }
            }
            Item::Rejected(r) => {
                rejected += 1;
                eprintln!("concord: rejected {r}");
            }
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(rejected),
    }
}

/// A story as the `summarize` and `compare` filters read it.
struct StoryIn {
    id: String,
    docs: Vec<Article>,
}

fn parse_story(line: &str) -> std::result::Result<StoryIn, String> {
    let mut v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let id = match v.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("missing story `id`".into()),
    };
    let Some(serde_json::Value::Array(items)) = v.get_mut("docs").map(serde_json::Value::take)
    else {
        return Err(format!("story `{id}`: missing `docs` array"));
    };
    let opts = IngestOptions::default();
    let docs = items
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            article_from_json(d, &opts).map_err(|e| format!("story `{id}`, doc {i}: {e}"))
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(StoryIn { id, docs })
}

/// Runs `f` on every story of a story-shaped JSONL input.
fn for_each_story(io: &FilterIo, mut f: impl FnMut(StoryIn) -> Result<()>) -> Result<usize> {
    let (reader, path) = open_input(io)?;
    let mut rejected = 0;
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("cannot read {}", label(&path)))?;
        let parsed = std::str::from_utf8(&line)
            .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))
            .and_then(|l| {
                if l.trim().is_empty() {
                    Ok(None)
                } else {
                    parse_story(l).map(Some)
                }
            });
        match parsed {
            Ok(Some(s)) => f(s)?,
            Ok(None) => {}
            Err(reason) => {
                rejected += 1;
                eprintln!("concord: rejected {}:{}: {reason}", label(&path), i + 1);
            }
        }
    }
    Ok(rejected)
}

fn write_line(out: &mut dyn Write, v: &serde_json::Value) -> Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")?;
    Ok(())
}

pub fn analyze(io: &FilterIo) -> Result<ExitCode> {
    let analyzer = Analyzer::new();
    let mut out = open_output(io)?;
    let rejected = for_each_article(io, |a| {
        let an = analyze_in_stream(&analyzer, &a);
        let sentences: Vec<_> = an
            .sentences
            .iter()
            .map(|s| json!({"start": s.chars.start, "end": s.chars.end, "text": s.text(&a.text)}))
            .collect();
        write_line(
            &mut out,
            &json!({"id": a.id, "language": an.language, "language_detected": an.language_known, "sentences": sentences}),
        )
    })?;
    out.flush()?;
    Ok(status(rejected))
}

/// `concord cluster`'s overrides of the defaults.
pub struct ClusterOptions {
    /// Clustering settings by name (see `concord_cluster::Config::with_overrides`).
    pub overrides: serde_json::Map<String, serde_json::Value>,
    /// A retrained pair model instead of the shipped one.
    pub model: Option<concord_cluster::Model>,
    /// Threads analyzing articles ahead of the (sequential) decisions; all CPUs when `None`.
    pub jobs: Option<usize>,
}

pub fn cluster(io: &FilterIo, opts: ClusterOptions) -> Result<ExitCode> {
    let analyzer = Analyzer::new();
    let config = ClusterConfig::default()
        .with_overrides(&opts.overrides)
        .map_err(|e| anyhow::anyhow!(e))?;
    let model = opts.model.unwrap_or_else(concord_cluster::Model::shipped);
    let mut clusterer = Clusterer::with_model(config.clone(), model, Default::default());
    // With merging off, each article's story is written when the article arrives. With merging
    // on (the default: a later merge may join its story into another), lines wait in input order
    // and leave from the front as soon as the front article's story has retired from memory (it
    // can no longer merge), carrying the id of the story it ended in. What waits is the active
    // window, not the stream.
    let merging = config.merge_threshold <= 1.0 || config.merge_similarity <= 1.0;
    // Retirements also tell which ids a repeat can still be recognised by.
    clusterer.report_retirements(true);
    let mut out = open_output(io)?;
    let mut held = HeldLines::new(MAX_HELD_LINES);
    let mut recent = RecentIds::default();
    let mut repeats_rejected = 0;
    // Nothing is persisted here and only story ids are written.
    clusterer.track_changes(false);
    clusterer.explain(false);
    let mut decide = |(a, loc): (Article, Location),
                      (features, fingerprint): (Features, u64)|
     -> Result<()> {
        let story = match recent.story_of(&a.id, fingerprint) {
            Some(Ok(story)) => {
                // The same article again (a feed read twice): it has its story already, and
                // clustering it again would count its words twice.
                story.to_string()
            }
            Some(Err(())) => {
                repeats_rejected += 1;
                eprintln!(
                    "concord: rejected {loc}: article id `{}` was already clustered with different text",
                    a.id
                );
                return Ok(());
            }
            None => {
                let time = a.published.map(|p| p.timestamp());
                let assigned = clusterer.assign(&a.id, &features, time);
                for m in &assigned.merged {
                    recent.merge(&m.from, &m.into);
                    held.merge(&m.from, &m.into);
                }
                recent.insert(&a.id, fingerprint, &assigned.story);
                assigned.story
            }
        };
        let retired = clusterer.take_retired();
        for story in &retired {
            recent.retire(story);
        }
        if !merging {
            return write_line(&mut out, &json!({"id": a.id, "story": story}));
        }
        held.push(a.id, story);
        for story in retired {
            held.finish(story);
        }
        held.flush(&mut out, false)
    };
    // The deciding thread (this one) takes a CPU of its own: analysis gets the others.
    let jobs = opts.jobs.or_else(|| {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Some(cpus.saturating_sub(1).max(1))
    });
    let rejected = in_parallel_order(
        jobs,
        32,
        |f| for_each_located_article(io, |a, loc| f((a, loc))),
        |(a, _): &(Article, Location)| {
            // As from an analysis in the stream, without building one.
            let features = in_stream(|expected| {
                let (text, lang, title) = (&a.text, a.language.as_deref(), a.title.as_deref());
                Features::from_text_unexplained(&analyzer, expected, text, lang, title, &config)
            });
            let fingerprint = features.fingerprint();
            (features, fingerprint)
        },
        &mut decide,
    )?;
    let rejected = rejected + repeats_rejected;
    held.flush(&mut out, true)?;
    out.flush()?;
    Ok(status(rejected))
}

/// The ids of the articles in stories still in memory, with their features' fingerprint, so that
/// `concord cluster` answers a repeated id (a feed polled twice) with the story the article
/// already has, as `concord ingest` finds it unchanged in the store, and rejects an id that comes
/// back with other text. Ids leave with their story when it retires: what is kept is the active
/// window, not the stream, and an id repeated after its story retired is clustered again.
#[derive(Default)]
struct RecentIds {
    /// Article id → ([`Features::fingerprint`], the live story it is part of). Shared strings:
    /// this is kept on the deciding thread, whose time bounds the filter's.
    ids: HashMap<Rc<str>, (u64, Rc<str>)>,
    /// Live story → the ids in `ids` that are part of it.
    by_story: HashMap<Rc<str>, Vec<Rc<str>>>,
}

impl RecentIds {
    /// The story of an article seen before: `Ok` when its features were the same, `Err` when
    /// the id came with other text.
    fn story_of(&self, id: &str, fingerprint: u64) -> Option<std::result::Result<&str, ()>> {
        let (h, story) = self.ids.get(id)?;
        Some(if *h == fingerprint {
            Ok(story)
        } else {
            Err(())
        })
    }

    fn insert(&mut self, id: &str, fingerprint: u64, story: &str) {
        let id: Rc<str> = Rc::from(id);
        let story = match self.by_story.get_key_value(story) {
            Some((key, _)) => key.clone(),
            None => Rc::from(story),
        };
        self.ids.insert(id.clone(), (fingerprint, story.clone()));
        self.by_story.entry(story).or_default().push(id);
    }

    /// Story `from` was merged into `into`.
    fn merge(&mut self, from: &str, into: &str) {
        let Some(moved) = self.by_story.remove(from) else {
            return;
        };
        let into: Rc<str> = match self.by_story.get_key_value(into) {
            Some((key, _)) => key.clone(),
            None => Rc::from(into),
        };
        for id in &moved {
            if let Some(entry) = self.ids.get_mut(id) {
                entry.1 = into.clone();
            }
        }
        self.by_story.entry(into).or_default().extend(moved);
    }

    fn retire(&mut self, story: &str) {
        for id in self.by_story.remove(story).unwrap_or_default() {
            self.ids.remove(&id);
        }
    }
}

/// Lines `concord cluster` holds at most: beyond this, the oldest leave with the id their story
/// has then (a story active for the whole stream would otherwise hold everything after its first
/// article). About 100 bytes a line.
const MAX_HELD_LINES: usize = 1 << 20;

/// `concord cluster`'s lines waiting for their story to be final, in input order.
struct HeldLines {
    /// (article id, the story it was assigned to).
    lines: std::collections::VecDeque<(String, String)>,
    /// Held lines per assigned story id.
    held: HashMap<String, usize>,
    /// Merged story → the live story it is now part of (kept flat), for ids with held lines.
    redirect: HashMap<String, String>,
    /// Held lines per live story (after merges).
    live: HashMap<String, usize>,
    /// Live stories retired from memory that still have held lines: they will not change.
    done: std::collections::HashSet<String>,
    cap: usize,
}

impl HeldLines {
    fn new(cap: usize) -> HeldLines {
        HeldLines {
            lines: Default::default(),
            held: HashMap::new(),
            redirect: HashMap::new(),
            live: HashMap::new(),
            done: Default::default(),
            cap,
        }
    }

    fn push(&mut self, id: String, story: String) {
        *self.held.entry(story.clone()).or_default() += 1;
        *self.live.entry(story.clone()).or_default() += 1;
        self.lines.push_back((id, story));
    }

    /// Story `from` was merged into `into` (a live story).
    fn merge(&mut self, from: &str, into: &str) {
        for target in self.redirect.values_mut() {
            if target == from {
                *target = into.to_string();
            }
        }
        if self.held.contains_key(from) {
            self.redirect.insert(from.to_string(), into.to_string());
        }
        if let Some(n) = self.live.remove(from) {
            *self.live.entry(into.to_string()).or_default() += n;
        }
    }

    fn finish(&mut self, story: String) {
        if self.live.contains_key(&story) {
            self.done.insert(story);
        }
    }

    /// Writes the lines at the front whose story is final, or that exceed the cap (all of them
    /// when `all`), with the id of the story they are part of now.
    fn flush(&mut self, out: &mut dyn Write, all: bool) -> Result<()> {
        while let Some((_, assigned)) = self.lines.front() {
            let story = self.redirect.get(assigned).unwrap_or(assigned).clone();
            if !all && !self.done.contains(&story) && self.lines.len() <= self.cap {
                break;
            }
            let (id, assigned) = self.lines.pop_front().expect("front exists");
            write_line(out, &json!({"id": id, "story": story}))?;
            if decrement(&mut self.held, &assigned) {
                self.redirect.remove(&assigned);
            }
            if decrement(&mut self.live, &story) {
                self.done.remove(&story);
            }
        }
        Ok(())
    }
}

/// Counts one less for `key`; true when none is left (the entry is removed).
fn decrement(counts: &mut HashMap<String, usize>, key: &str) -> bool {
    let Some(n) = counts.get_mut(key) else {
        return true;
    };
    *n -= 1;
    if *n == 0 {
        counts.remove(key);
        return true;
    }
    false
}

/// Analyzes an article of a stream, expecting the language of the last article this thread
/// analyzed (a stream is usually in one language; whatlang runs only where the article's
/// function words do not confirm it).
fn analyze_in_stream(analyzer: &Analyzer, a: &Article) -> concord_analyze::Analysis {
    in_stream(|expected| expected.analyze(analyzer, &a.text, a.language.as_deref()))
}

/// Runs `f` with this thread's expectation of a stream's language (see [`analyze_in_stream`]).
fn in_stream<R>(f: impl FnOnce(&mut concord_analyze::ExpectedLanguage) -> R) -> R {
    thread_local! {
        static EXPECTED: std::cell::RefCell<concord_analyze::ExpectedLanguage> =
            std::cell::RefCell::default();
    }
    EXPECTED.with_borrow_mut(f)
}

/// Reads the input's items (articles, stories) on one thread with `read`, runs `prepare` on each
/// in a pool of threads, and hands every item with its result to `consume` in input order on the
/// calling thread.
/// Analysis is the costly part of clustering and depends on nothing but the article, so it can
/// run ahead in parallel while the decisions stay strictly sequential (online, no look-ahead:
/// `consume` sees article i only after articles 0..i). Returns the number of rejected lines.
///
/// A worker takes every job already waiting, up to `batch`, and returns their results in one
/// message: for cheap items (an article's analysis, ~0.1 ms) one message per item cost two
/// thread switches per article. It never waits for more jobs than are there, so a slow input
/// is not held back; costly items (pages, stories) use a batch of 1 so that no worker ends
/// up holding a queue of them while another idles.
fn in_parallel_order<I: Send, T: Send>(
    jobs: Option<usize>,
    batch: usize,
    read: impl FnOnce(&mut dyn FnMut(I) -> Result<()>) -> Result<usize> + Send,
    prepare: impl Fn(&I) -> T + Sync,
    consume: &mut dyn FnMut(I, T) -> Result<()>,
) -> Result<usize> {
    use std::collections::BTreeMap;
    use std::sync::mpsc;
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = jobs.unwrap_or(cpus).max(1);
    // The consuming thread helps prepare only when the workers leave it a CPU: otherwise it
    // would compete with them for one, and take costly items (stories, pages) that it then
    // holds while results wait to be consumed.
    let help = workers < cpus;
    let queue = WorkQueue::<(usize, I)>::new(256);
    let batch = batch.max(1);
    let (done_tx, done_rx) = mpsc::sync_channel::<Vec<(usize, I, T)>>((256 / batch).max(2));
    std::thread::scope(|scope| {
        let queue = &queue;
        let reader = scope.spawn(move || {
            // However reading ends (a panic included), the workers must learn that no more
            // jobs come.
            let _closing = CloseOnDrop(queue);
            let mut seq = 0;
            read(&mut |a| {
                queue
                    .push((seq, a))
                    .map_err(|_| anyhow::anyhow!("processing stopped before the input ended"))?;
                seq += 1;
                Ok(())
            })
        });
        for _ in 0..workers {
            let (done_tx, prepare) = (done_tx.clone(), &prepare);
            scope.spawn(move || {
                loop {
                    let jobs = queue.take(batch);
                    if jobs.is_empty() {
                        break;
                    }
                    let done: Vec<(usize, I, T)> = jobs
                        .into_iter()
                        .map(|(seq, a)| {
                            let t = prepare(&a);
                            (seq, a, t)
                        })
                        .collect();
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // However this closure ends, the reader and the workers must be able to: on a panic
        // here (a bug in consuming), the scope waits for them before the panic goes on.
        let settle = Settle {
            queue,
            done: &done_rx,
        };
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut failure = None;
        loop {
            while failure.is_none() {
                let Some((a, t)) = pending.remove(&next) else {
                    break;
                };
                next += 1;
                if let Err(e) = consume(a, t) {
                    // Nothing more is read or prepared.
                    queue.abandon();
                    failure = Some(e);
                }
            }
            let done = match done_rx.try_recv() {
                Ok(done) => done,
                Err(mpsc::TryRecvError::Disconnected) => break,
                Err(mpsc::TryRecvError::Empty) => {
                    // Nothing to consume yet: this thread prepares a waiting job itself rather
                    // than idle while the workers are behind (when preparing costs more than
                    // consuming, its CPU would otherwise sit partly unused).
                    let taken = (help && failure.is_none())
                        .then(|| queue.try_take_one())
                        .flatten();
                    match taken {
                        Some((seq, a)) => {
                            let t = prepare(&a);
                            vec![(seq, a, t)]
                        }
                        None => match done_rx.recv() {
                            Ok(done) => done,
                            Err(_) => break,
                        },
                    }
                }
            };
            // After a failure, results are only drained, so that no thread stays blocked on a
            // full channel.
            if failure.is_none() {
                pending.extend(done.into_iter().map(|(seq, a, t)| (seq, (a, t))));
            }
        }
        // The workers have all ended. Early, when they panicked (a bug): then the reader may
        // be waiting on a full queue, and is let go before it is joined.
        drop(settle);
        let rejected = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the input reader panicked"))?;
        match failure {
            Some(e) => Err(e),
            None => rejected,
        }
    })
}

/// Closes [`in_parallel_order`]'s job queue when its reader ends, however it ends.
struct CloseOnDrop<'a, T>(&'a WorkQueue<T>);

impl<T> Drop for CloseOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Lets [`in_parallel_order`]'s reader and workers finish when its consuming loop ends early: it
/// abandons the job queue (the reader's next item fails, waiting workers end) and throws away
/// results until every worker has ended. Without it, when the workers panicked, the reader waited
/// forever on a full queue, and the run hung instead of failing. When the run ended normally it
/// finds nothing to do.
struct Settle<'a, I, T> {
    queue: &'a WorkQueue<(usize, I)>,
    done: &'a std::sync::mpsc::Receiver<Vec<(usize, I, T)>>,
}

impl<I, T> Drop for Settle<'_, I, T> {
    fn drop(&mut self) {
        self.queue.abandon();
        // Ends when every worker has dropped its sender; `recv` frees one blocked on a full
        // channel.
        while self.done.recv().is_ok() {}
    }
}

pub fn compare(io: &FilterIo) -> Result<ExitCode> {
    let analyzer = Analyzer::new();
    let mut out = open_output(io)?;
    let rejected = for_each_story(io, |s| {
        let analyses = analyze_all(&analyzer, &s.docs);
        let docs = docs(&s.docs, &analyses);
        let passages = concord_compare::shared_passages(&docs);
        let (claims, entities) = concord_compare::claims_and_entities(&docs, &passages);
        let quotes = concord_compare::story_quotes(&docs);
        let figures = concord_compare::figures(&docs);
        write_line(
            &mut out,
            &json!({"id": s.id, "shared_passages": passages, "claims": claims,
                    "entities": entities, "quotes": quotes, "figures": figures}),
        )
    })?;
    out.flush()?;
    Ok(status(rejected))
}

/// `concord reuse`: every passage two or more of the input articles share, whatever story they
/// belong to. Articles are analyzed on `jobs` threads; the passages come from one n-gram index
/// over all of them ([`concord_compare::shared_passages`]), longest first.
pub fn reuse(io: &FilterIo, jobs: Option<usize>) -> Result<ExitCode> {
    let analyzer = Analyzer::new();
    let mut articles = Vec::new();
    let mut analyses = Vec::new();
    let rejected = in_parallel_order(
        jobs,
        32,
        |f| for_each_article(io, f),
        |a: &Article| analyze_in_stream(&analyzer, a),
        &mut |a, an| {
            articles.push(a);
            analyses.push(an);
            Ok(())
        },
    )?;
    let mut out = open_output(io)?;
    for p in concord_compare::shared_passages(&docs(&articles, &analyses)) {
        write_line(&mut out, &serde_json::to_value(p)?)?;
    }
    out.flush()?;
    Ok(status(rejected))
}

/// `concord extract`: HTML pages to article JSON lines, pages extracted in parallel and printed
/// in input order. Every page that cannot be read is named on stderr and makes the exit status 2.
pub fn extract(
    paths: &[PathBuf],
    output: Option<&std::path::Path>,
    jobs: Option<usize>,
) -> Result<ExitCode> {
    let (files, listing_errors) = concord_ingest::list_inputs(paths);
    let mut out: Box<dyn Write> = match output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut rejected = listing_errors.len();
    for e in &listing_errors {
        eprintln!("concord: rejected {e}");
    }
    let opts = concord_ingest::Options::default();
    // WARC archives are streamed here, their pages extracted in parallel windows by the reader;
    // page files go through the pool below.
    let (archives, pages): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| {
        matches!(
            concord_ingest::Format::of(f),
            Ok(concord_ingest::Format::Warc { .. })
        )
    });
    for archive in &archives {
        let mut failure = None;
        concord_ingest::read_file(archive, &opts, &mut |item| match item {
            concord_ingest::Item::Article(a, _) if failure.is_none() => {
                let line = json!({
                    "id": a.id, "url": a.url, "title": a.title, "text": a.text,
                    "published": a.published, "outlet": a.outlet, "language": a.language,
                });
                if let Err(e) = write_line(&mut out, &line) {
                    failure = Some(e);
                }
            }
            concord_ingest::Item::Rejected(r) => {
                rejected += 1;
                eprintln!("concord: rejected {r}");
            }
            _ => {}
        });
        if let Some(e) = failure {
            return Err(e);
        }
    }
    in_parallel_order(
        jobs,
        1,
        |f| {
            for file in pages {
                f(file)?;
            }
            Ok(0)
        },
        |path: &PathBuf| extract_page(path, &opts),
        &mut |path: PathBuf, result: Result<serde_json::Value, String>| {
            match result {
                Ok(v) => write_line(&mut out, &v)?,
                Err(reason) => {
                    rejected += 1;
                    eprintln!("concord: rejected {}: {reason}", path.display());
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(status(rejected))
}

fn extract_page(
    path: &std::path::Path,
    opts: &concord_ingest::Options,
) -> Result<serde_json::Value, String> {
    let gz = match concord_ingest::Format::of(path)? {
        concord_ingest::Format::Html { gz } => gz,
        _ => {
            return Err(
                "not an HTML page (extract reads .html, .htm, .html.gz, .htm.gz, .warc, .warc.gz)"
                    .into(),
            );
        }
    };
    let bytes = concord_ingest::read_page_bytes(path, gz, opts)?;
    let page = concord_ingest::html::extract(&bytes, None)?;
    let language = page
        .language
        .or_else(|| Analyzer::detect_language(&page.text));
    Ok(json!({
        "id": concord_ingest::page_id(path),
        "url": page.url,
        "title": page.title,
        "text": page.text,
        "published": page.published,
        "published_from": page.published_from,
        "authors": page.authors,
        "outlet": page.outlet,
        "language": language,
    }))
}

pub fn summarize(
    io: &FilterIo,
    words: usize,
    sentences: Option<usize>,
    jobs: Option<usize>,
) -> Result<ExitCode> {
    let analyzer = Analyzer::new();
    let opts = concord_summarize::Options { words, sentences };
    let mut out = open_output(io)?;
    // Stories are independent: summarized on a pool of threads, written in input order.
    let rejected = in_parallel_order(
        jobs,
        1,
        |f| for_each_story(io, f),
        |s: &StoryIn| concord_summarize::summarize_articles(&analyzer, &s.docs, &opts),
        &mut |s: StoryIn, summary: Vec<concord_core::SummarySentence>| {
            let text = concord_core::SummarySentence::paragraph(&summary);
            write_line(
                &mut out,
                &json!({"id": s.id, "summary": text, "sentences": summary}),
            )
        },
    )?;
    out.flush()?;
    Ok(status(rejected))
}

#[cfg(test)]
mod tests {
    use super::{HeldLines, in_parallel_order};

    #[test]
    fn parallel_preparation_hands_items_over_in_input_order() {
        for (jobs, batch) in [(1, 1), (1, 32), (3, 1), (3, 32)] {
            let mut seen = Vec::new();
            let rejected = in_parallel_order(
                Some(jobs),
                batch,
                |emit| {
                    for i in 0..2000u64 {
                        emit(i)?;
                    }
                    Ok(7)
                },
                // Uneven costs, so that results come back out of order.
                |&i: &u64| (0..(i % 13) * 300).fold(i, |h, x| h.rotate_left(5) ^ x),
                &mut |i, h| {
                    seen.push((i, h));
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(rejected, 7);
            let expected: Vec<(u64, u64)> = (0..2000u64)
                .map(|i| (i, (0..(i % 13) * 300).fold(i, |h, x| h.rotate_left(5) ^ x)))
                .collect();
            assert_eq!(seen, expected, "jobs {jobs}, batch {batch}");
        }
    }

    #[test]
    fn each_item_of_a_slow_input_is_consumed_before_the_next_arrives() {
        // A live feed: the reader has its next item only after the previous one came out, so
        // nothing may wait for more input (a batch to fill, a queue to reach a mark).
        for (jobs, batch) in [(1, 32), (3, 32)] {
            let (consumed_tx, consumed_rx) = std::sync::mpsc::channel::<u64>();
            let mut seen = Vec::new();
            in_parallel_order(
                Some(jobs),
                batch,
                move |emit| {
                    for i in 0..50u64 {
                        emit(i)?;
                        let out = consumed_rx
                            .recv_timeout(std::time::Duration::from_secs(10))
                            .map_err(|_| anyhow::anyhow!("item {i} was held back"))?;
                        assert_eq!(out, i);
                    }
                    Ok(0)
                },
                |&i: &u64| i * 2,
                &mut |i, doubled| {
                    seen.push(doubled);
                    consumed_tx.send(i).expect("reader listening");
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..50).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_failing_consumer_stops_the_pipeline_without_hanging() {
        let mut consumed = 0;
        let result = in_parallel_order(
            Some(2),
            32,
            |emit| {
                for i in 0..100_000u64 {
                    emit(i)?;
                }
                Ok(0)
            },
            |&i: &u64| i,
            &mut |i, _| {
                consumed += 1;
                anyhow::ensure!(i < 10, "output closed");
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(consumed, 11, "nothing is consumed after the failure");
    }

    #[test]
    fn a_panicking_preparation_ends_the_pipeline_instead_of_hanging_it() {
        // Every worker dies on one item while the reader still has thousands to send: the run
        // must end (with the panic, a bug), not wait forever on a full queue.
        for jobs in [1, 2] {
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let run = std::panic::catch_unwind(|| {
                    in_parallel_order(
                        Some(jobs),
                        1,
                        |emit| {
                            for i in 0..100_000u64 {
                                emit(i)?;
                            }
                            Ok(0)
                        },
                        |&i: &u64| {
                            assert!(i < 300, "a bug on item {i}");
                            i
                        },
                        &mut |_, _| Ok(()),
                    )
                });
                let _ = tx.send(run.is_err() || run.is_ok_and(|r| r.is_err()));
            });
            let ended = rx.recv_timeout(std::time::Duration::from_secs(60));
            assert_eq!(
                ended,
                Ok(true),
                "jobs {jobs}: the run hung or reported success"
            );
        }
    }

    fn written(out: &[u8]) -> Vec<(String, String)> {
        String::from_utf8_lossy(out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|v| {
                (
                    v["id"].as_str().unwrap().into(),
                    v["story"].as_str().unwrap().into(),
                )
            })
            .collect()
    }

    fn pair(id: &str, story: &str) -> (String, String) {
        (id.into(), story.into())
    }

    #[test]
    fn held_lines_leave_in_order_once_their_story_is_final_with_its_final_id() {
        let mut h = HeldLines::new(100);
        let mut out = Vec::new();
        h.push("a1".into(), "A".into());
        h.push("b1".into(), "B".into());
        h.push("c1".into(), "C".into());
        // B retires first, but a1 is in front: nothing leaves.
        h.finish("B".into());
        h.flush(&mut out, false).unwrap();
        assert!(out.is_empty());
        // A merges into C, then C into D (a chain): a1 and c1 follow to D.
        h.merge("A", "C");
        h.push("d1".into(), "D".into());
        h.merge("C", "D");
        h.finish("D".into());
        h.flush(&mut out, false).unwrap();
        assert_eq!(
            written(&out),
            [
                pair("a1", "D"),
                pair("b1", "B"),
                pair("c1", "D"),
                pair("d1", "D")
            ]
        );
        assert!(
            h.redirect.is_empty() && h.live.is_empty() && h.held.is_empty() && h.done.is_empty()
        );
    }

    #[test]
    fn held_lines_beyond_the_cap_leave_with_their_current_story() {
        let mut h = HeldLines::new(2);
        let mut out = Vec::new();
        for (id, story) in [("a1", "A"), ("a2", "A"), ("b1", "B")] {
            h.push(id.into(), story.into());
            h.flush(&mut out, false).unwrap();
        }
        assert_eq!(written(&out), [pair("a1", "A")]);
        h.merge("A", "B");
        h.flush(&mut out, true).unwrap();
        assert_eq!(
            written(&out),
            [pair("a1", "A"), pair("a2", "B"), pair("b1", "B")]
        );
    }
}
