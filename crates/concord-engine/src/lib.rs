//! Engine: runs the stages in order against a store — read, dedup, analyze, cluster, store, then
//! summarize every story the batch touched — inside one store transaction.
//!
//! This is the only place that knows the order of the stages; the CLI and the server call it.
//! A batch either lands whole or not at all: bad *inputs* are rejected one by one and reported,
//! while a failure of the *store* aborts the batch and leaves the store as it was.

use concord_analyze::fingerprint::{self, Fingerprint};
use concord_analyze::{Analysis, Analyzer, ExpectedLanguage, analyze_all, docs};
use concord_cluster::{Clusterer, Config as ClusterConfig, Features, Model};
use concord_core::{
    Article, Membership, StoryDerived, SummarySentence, fnv1a, normalize_for_dedup,
};
use concord_ingest::{Item, Location, Options as IngestOptions, Rejection};
use concord_store::{Store, StoreError, StoredArticle, Tx};
use concord_summarize::Options as SummaryOptions;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The stamp of this build's derivation: a hash of the sources of the stages that derive a
/// story and of the locked dependencies (see `build.rs`). Every story keeps the stamp of the
/// build that derived it, so that [`Engine::stories_derived_by_other_builds`] can tell which ones
/// an older (or newer) concord derived.
pub const DERIVATION: &str = env!("CONCORD_DERIVATION");

/// Whether another build than this one derived story `id` (or one from before builds were
/// stamped): what the store shows of it may differ from what this build would derive, until
/// `concord rederive` derives it again. An unknown story counts as one.
pub fn derived_by_other_build(store: &dyn Store, id: &str) -> Result<bool, StoreError> {
    Ok(store.story_derived_by(id)?.as_deref() != Some(DERIVATION))
}

/// Settings of every stage.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub ingest: IngestOptions,
    pub cluster: ClusterConfig,
    /// The pair model of clustering; `None`: the one shipped with concord.
    pub cluster_model: Option<Model>,
    pub summary: SummaryOptions,
}

/// The meta key under which a store keeps its [`ClusterSettings`].
pub const CLUSTER_SETTINGS_KEY: &str = "cluster_settings";

/// A store's own clustering settings (`concord config`): the [`ClusterConfig`] fields set away
/// from the defaults, by name, and a retrained model if one was given.
///
/// They live in the store, not in flags, because a store is clustered over many runs (`run`,
/// `ingest`, `watch`, the API's ingest), which must all decide alike. Only what was set is kept,
/// so that every other field, and the model when none was given, follows the defaults of the
/// concord that runs: an upgrade's better defaults reach a store that never changed them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClusterSettings {
    #[serde(default)]
    pub config: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    pub model: Option<Model>,
}

impl ClusterSettings {
    /// The store's settings; none kept reads as none set.
    pub fn load<S: Store + ?Sized>(store: &S) -> Result<ClusterSettings, StoreError> {
        match store.meta(CLUSTER_SETTINGS_KEY)? {
            None => Ok(ClusterSettings::default()),
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                StoreError::Schema(format!(
                    "the store's clustering settings cannot be read ({e}); `concord config --reset` restores the defaults"
                ))
            }),
        }
    }

    /// Keeps these settings in the store, once [`ClusterSettings::apply`] accepts them.
    pub fn save<S: Store + ?Sized>(&self, store: &mut S) -> Result<(), StoreError> {
        self.apply(&mut Settings::default())
            .map_err(StoreError::Schema)?;
        let text = serde_json::to_string(self)?;
        store.write(&mut |tx| tx.set_meta(CLUSTER_SETTINGS_KEY, &text))
    }

    /// Sets `settings`' clustering from these, checked (see [`ClusterConfig::with_overrides`]
    /// and [`Model::check`]).
    pub fn apply(&self, settings: &mut Settings) -> Result<(), String> {
        settings.cluster = ClusterConfig::default().with_overrides(&self.config)?;
        if let Some(m) = &self.model {
            m.check()?;
        }
        settings.cluster_model = self.model.clone();
        Ok(())
    }
}

/// What happened to each input of a batch.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// New articles stored (originals and duplicates).
    pub stored: usize,
    /// Of those, exact duplicates of an earlier article.
    pub duplicates: usize,
    /// Of those, near duplicates (a syndicated copy with a few changes; see
    /// `concord_analyze::fingerprint`).
    pub near_duplicates: usize,
    /// Articles already in the store with the same text: nothing changed.
    pub unchanged: usize,
    pub rejected: Vec<Rejection>,
    /// Every article id the inputs named that is now in the store (new or unchanged).
    pub article_ids: Vec<String>,
    /// The ids of the articles this batch stored (a subset of `article_ids`).
    pub stored_ids: Vec<String>,
    /// Stories that gained articles in this batch.
    pub stories_touched: usize,
    /// Stories merged into another in this batch (their ids now redirect), in order.
    pub merges: Vec<concord_cluster::Merge>,
    /// Articles that brought a retired story back.
    pub reopened: usize,
    /// Stories whose summary, passages, claims, quotes or entities could not be derived (a bug
    /// in a stage): their articles are stored, the story keeps what it showed before.
    pub derive_failures: Vec<String>,
}

/// Progress of a batch, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The number of input files, known once they are listed.
    Files(usize),
    /// One more file read.
    FileDone,
    /// Summarizing the touched stories.
    Summarizing(usize),
}

/// Where a batch's items come from: a function that hands each item to the sink it is given.
type Source<'a> = dyn FnMut(&mut dyn FnMut(Item)) + 'a;

/// The stage runner.
pub struct Engine<S: Store> {
    pub store: S,
    pub analyzer: Analyzer,
    pub settings: Settings,
}

/// How the article writes each of `terms` (stems from the clusterer's explanation): from its
/// body, else its title, else the stem itself.
fn written(
    analyzer: &Analyzer,
    analysis: &Analysis,
    text: &str,
    title: Option<&str>,
    terms: &[String],
) -> Vec<String> {
    let mut words = concord_analyze::written_forms(analysis.tokens(), text, terms);
    if let Some(title) = title.filter(|_| words.iter().any(Option::is_none)) {
        let tokens = analyzer.tokens_of(title, &analysis.language);
        let in_title = concord_analyze::written_forms(&tokens, title, terms);
        for (w, t) in words.iter_mut().zip(in_title) {
            if w.is_none() {
                *w = t;
            }
        }
    }
    words
        .into_iter()
        .zip(terms)
        .map(|(w, t)| w.unwrap_or_else(|| t.clone()))
        .collect()
}

fn text_hash(text: &str) -> String {
    format!("{:016x}", fnv1a(normalize_for_dedup(text).as_bytes()))
}

impl<S: Store> Engine<S> {
    pub fn new(store: S, settings: Settings) -> Self {
        Engine {
            store,
            analyzer: Analyzer::new(),
            settings,
        }
    }

    /// An engine with the store's own clustering settings ([`ClusterSettings`]) and the
    /// defaults for the rest: how every command that adds to a store opens it.
    pub fn open(store: S) -> Result<Self, StoreError> {
        let mut engine = Engine::new(store, Settings::default());
        engine.reload_cluster_settings()?;
        Ok(engine)
    }

    /// Reads the store's clustering settings again: long-running commands (`watch`, `serve`)
    /// call it before each batch, so that a `concord config` made meanwhile applies.
    pub fn reload_cluster_settings(&mut self) -> Result<(), StoreError> {
        ClusterSettings::load(&self.store)?
            .apply(&mut self.settings)
            .map_err(|e| {
                StoreError::Schema(format!(
                    "the store's clustering settings: {e}; change them with `concord config`, or restore the defaults with `concord config --reset`"
                ))
            })
    }

    /// Ingests files and directories as one batch.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        on_reject: &mut dyn FnMut(&Rejection),
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<Report, StoreError> {
        let (files, listing_errors) = concord_ingest::list_inputs(paths);
        on_progress(Progress::Files(files.len()));
        let opts = self.settings.ingest;
        // Both the reader and the summarizing step report progress, at different times.
        let progress = std::cell::RefCell::new(on_progress);
        self.run_batch(
            &mut |emit| {
                for e in &listing_errors {
                    emit(Item::Rejected(e.clone()));
                }
                for f in &files {
                    concord_ingest::read_file(f, &opts, emit);
                    (progress.borrow_mut())(Progress::FileDone);
                }
            },
            on_reject,
            &mut |p| (progress.borrow_mut())(p),
        )
    }

    /// Ingests already-parsed articles as one batch (the API's path).
    pub fn ingest_articles(
        &mut self,
        articles: Vec<(Article, Location)>,
        on_reject: &mut dyn FnMut(&Rejection),
    ) -> Result<Report, StoreError> {
        let mut articles = Some(articles);
        self.run_batch(
            &mut |emit| {
                for (a, l) in articles.take().unwrap_or_default() {
                    emit(Item::Article(Box::new(a), l));
                }
            },
            on_reject,
            &mut |_| {},
        )
    }

    fn run_batch(
        &mut self,
        source: &mut Source<'_>,
        on_reject: &mut dyn FnMut(&Rejection),
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<Report, StoreError> {
        let analyzer = &self.analyzer;
        let settings = &self.settings;
        let mut report = Report::default();
        self.store.write(&mut |tx| {
            let (secs, arrivals) = settings.cluster.retention();
            let clusterer = Clusterer::with_model(
                settings.cluster.clone(),
                settings
                    .cluster_model
                    .clone()
                    .unwrap_or_else(Model::shipped),
                tx.cluster_snapshot(secs, arrivals)?,
            );
            let mut batch = Batch {
                analyzer,
                settings,
                clusterer,
                report: Report::default(),
                touched: BTreeSet::new(),
                language: ExpectedLanguage::default(),
            };
            let mut failure: Option<StoreError> = None;
            source(&mut |item| {
                if failure.is_some() {
                    return;
                }
                let result = match item {
                    Item::Rejected(r) => {
                        batch.reject(on_reject, r);
                        Ok(())
                    }
                    Item::Article(a, loc) => batch.accept(tx, on_reject, *a, &loc),
                };
                if let Err(e) = result {
                    failure = Some(e);
                }
            });
            if let Some(e) = failure {
                return Err(e);
            }
            let Batch {
                mut clusterer,
                report: mut batch_report,
                touched,
                ..
            } = batch;
            tx.save_cluster_changes(&clusterer.take_changes())?;
            on_progress(Progress::Summarizing(touched.len()));
            // Deriving a story (summary, passages, quotes, entities) reads nothing but its own
            // articles, so a chunk of stories is derived on all CPUs between sequential reads
            // and writes of the transaction.
            let touched: Vec<&String> = touched.iter().collect();
            for chunk in touched.chunks(64) {
                let mut sources = Vec::with_capacity(chunk.len());
                for story in chunk {
                    sources.push(tx.story_sources(story)?);
                }
                let derived = derive_all(analyzer, &settings.summary, &sources);
                for (story, d) in chunk.iter().zip(derived) {
                    match d {
                        Ok(d) => tx.set_story_derived(story, &d, DERIVATION)?,
                        // The articles are stored and clustered; the story keeps what it had.
                        Err(why) => batch_report
                            .derive_failures
                            .push(format!("story {story}: {why}")),
                    }
                }
            }
            batch_report.stories_touched = touched.len();
            report = batch_report;
            Ok(())
        })?;
        Ok(report)
    }
}

impl<S: Store> Engine<S> {
    /// The stories derived by another build of concord than this one (see [`DERIVATION`]),
    /// oldest first: they show what that build derived (entities, quotes, summary…) until an
    /// article joins them or [`Engine::rederive`] derives them again.
    pub fn stories_derived_by_other_builds(&self) -> Result<Vec<String>, StoreError> {
        self.store.stories_derived_by_other(DERIVATION)
    }

    /// Derives stories again from their articles with this concord: title, summary, shared
    /// passages, quotes, entities, claims and figures. `ids`: these stories (a merged story's id
    /// stands for the story it joined); `None`: every story. For a store written by an older
    /// concord, whose stories keep what that one derived until an article joins them (a story
    /// from before figures were read shows none). Clustering is not touched.
    ///
    /// Stories are derived in chunks of [`REDERIVE_CHUNK`] on all CPUs, one transaction per
    /// chunk: a run that is stopped leaves every story either as it was or derived again.
    /// `on_progress` gets the stories done and the total after each chunk. Returns how many
    /// stories were derived again and, for those whose derivation failed (a bug in a stage),
    /// why: they keep what they showed.
    pub fn rederive(
        &mut self,
        ids: Option<&[String]>,
        on_progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(usize, Vec<String>), StoreError> {
        let ids: Vec<String> = match ids {
            Some(ids) => {
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    let id = self.store.merged_into(id)?.unwrap_or_else(|| id.clone());
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
                out
            }
            None => self.store.story_ids(&Default::default())?,
        };
        let (analyzer, settings) = (&self.analyzer, &self.settings);
        let (mut done, mut derived) = (0, 0);
        let mut failures = Vec::new();
        for chunk in ids.chunks(REDERIVE_CHUNK) {
            self.store.write(&mut |tx| {
                // A story with no articles of its own (an id not in the store) is left alone.
                let mut stories = Vec::with_capacity(chunk.len());
                let mut sources = Vec::with_capacity(chunk.len());
                for story in chunk {
                    let s = tx.story_sources(story)?;
                    if !s.is_empty() {
                        stories.push(story);
                        sources.push(s);
                    }
                }
                for (story, d) in
                    stories
                        .into_iter()
                        .zip(derive_all(analyzer, &settings.summary, &sources))
                {
                    match d {
                        Ok(d) => {
                            tx.set_story_derived(story, &d, DERIVATION)?;
                            derived += 1;
                        }
                        Err(why) => failures.push(format!("story {story}: {why}")),
                    }
                }
                Ok(())
            })?;
            done += chunk.len();
            on_progress(done, ids.len());
        }
        Ok((derived, failures))
    }
}

/// Stories [`Engine::rederive`] derives in one transaction.
pub const REDERIVE_CHUNK: usize = 64;

/// Retired stories a new article is compared with for reopening.
const REOPEN_CANDIDATES: usize = 8;

/// The state of one batch inside its transaction.
struct Batch<'a> {
    analyzer: &'a Analyzer,
    settings: &'a Settings,
    clusterer: Clusterer,
    report: Report,
    touched: BTreeSet<String>,
    /// A batch is usually one feed or folder in one language: each article's function words
    /// are checked against the last one's language before whatlang is asked.
    language: ExpectedLanguage,
}

impl Batch<'_> {
    fn reject(&mut self, on_reject: &mut dyn FnMut(&Rejection), r: Rejection) {
        on_reject(&r);
        self.report.rejected.push(r);
    }

    /// Analyzes an article, filling in its language when it had none and detection is sure.
    fn analyze(&mut self, article: &mut Article) -> Analysis {
        let analysis =
            self.language
                .analyze(self.analyzer, &article.text, article.language.as_deref());
        if article.language.is_none() && analysis.language_known {
            article.language = Some(analysis.language.clone());
        }
        analysis
    }

    /// Whether a copy of `original` follows it into its story: when it appeared within the
    /// clustering window of the original (or either is undated). A copy republished months
    /// later is still linked to its original, but is clustered like any article: the original's
    /// story has long retired, and joining it would stretch one event over years.
    fn follows_original(
        &self,
        tx: &dyn Tx,
        article: &Article,
        original: &str,
    ) -> Result<bool, StoreError> {
        let (Some(t), Some(o)) = (
            article.published.map(|p| p.timestamp()),
            tx.published_ts(original)?,
        ) else {
            return Ok(true);
        };
        Ok((t - o).abs() as f64 <= self.settings.cluster.window_days * 86_400.0)
    }

    /// Stores a copy (exact or near) in its original's story, without clustering it.
    fn store_copy(
        &mut self,
        tx: &mut dyn Tx,
        stored: StoredArticle,
        original: &str,
    ) -> Result<(), StoreError> {
        tx.insert_article(&stored)?;
        if let Some(story) = tx.story_of(original)? {
            tx.assign(&stored.article.id, &story, None)?;
            self.touched.insert(story);
        }
        self.report.stored += 1;
        self.report.stored_ids.push(stored.article.id.clone());
        self.report.article_ids.push(stored.article.id);
        Ok(())
    }

    /// Stores one article: unchanged, rejected as an id conflict, linked as an exact or near
    /// duplicate, or analyzed and clustered.
    fn accept(
        &mut self,
        tx: &mut dyn Tx,
        on_reject: &mut dyn FnMut(&Rejection),
        mut article: Article,
        loc: &Location,
    ) -> Result<(), StoreError> {
        let hash = text_hash(&article.text);
        if let Some(existing) = tx.text_hash_of(&article.id)? {
            if existing == hash {
                self.report.unchanged += 1;
                self.report.article_ids.push(article.id);
            } else {
                self.reject(
                    on_reject,
                    Rejection {
                        location: loc.clone(),
                        reason: format!(
                            "article id `{}` is already stored with different text",
                            article.id
                        ),
                    },
                );
            }
            return Ok(());
        }
        let normalized = normalize_for_dedup(&article.text);
        let original = match tx.original_with_hash(&hash)? {
            // Same hash and same normalized text; a 64-bit collision is not a duplicate.
            Some((id, text)) if normalize_for_dedup(&text) == normalized => Some(id),
            _ => None,
        };
        let original = match original {
            Some(o) if !self.follows_original(tx, &article, &o)? => {
                // A late exact copy: stored empty like any exact copy, clustered below.
                self.report.duplicates += 1;
                return self.store_and_cluster(tx, article, hash, Origin::ExactCopy(o), loc);
            }
            o => o,
        };
        if let Some(original) = original {
            // A copy joins its original's story and teaches the clusterer nothing new.
            let stored = StoredArticle {
                article: Article {
                    text: String::new(),
                    ..article
                },
                text_hash: hash,
                duplicate_of: Some(original.clone()),
                story: None,
                similarity: None,
                sentences: Vec::new(),
                source: loc.to_string(),
            };
            self.report.duplicates += 1;
            return self.store_copy(tx, stored, &original);
        }
        let fingerprint = Fingerprint::of(&article.text);
        let near_original = match &fingerprint {
            Some(f) => near_duplicate_of(tx, f)?,
            None => None,
        };
        let original = match near_original {
            None => {
                return self.store_and_cluster(
                    tx,
                    article,
                    hash,
                    Origin::Original(fingerprint.map(Box::new)),
                    loc,
                );
            }
            Some(o) if !self.follows_original(tx, &article, &o)? => {
                self.report.near_duplicates += 1;
                return self.store_and_cluster(tx, article, hash, Origin::NearCopy(o), loc);
            }
            Some(o) => o,
        };
        let analysis = self.analyze(&mut article);
        // A near copy keeps its own text and stays a source of its story (summary sentences
        // cite it, its quotes count); it follows its original's story rather than being
        // clustered, and compare does not count it as a second witness for agreed claims.
        let stored = StoredArticle {
            sentences: analysis.sentences.iter().map(|s| s.chars).collect(),
            article,
            text_hash: hash,
            duplicate_of: Some(original.clone()),
            story: None,
            similarity: None,
            source: loc.to_string(),
        };
        self.report.near_duplicates += 1;
        self.store_copy(tx, stored, &original)
    }

    /// Analyzes, stores and clusters an article: an original, or a copy that appeared too long
    /// after its original to follow it. An exact copy is stored without text, as exact copies
    /// are; only originals are fingerprinted.
    fn store_and_cluster(
        &mut self,
        tx: &mut dyn Tx,
        mut article: Article,
        hash: String,
        origin: Origin,
        loc: &Location,
    ) -> Result<(), StoreError> {
        let (fingerprint, duplicate_of, exact) = match origin {
            Origin::Original(f) => (f.map(|f| *f), None, false),
            Origin::NearCopy(o) => (None, Some(o), false),
            Origin::ExactCopy(o) => (None, Some(o), true),
        };
        let analysis = self.analyze(&mut article);
        let features = Features::from_analysis(
            self.analyzer,
            &analysis,
            &article.text,
            article.title.as_deref(),
            &self.settings.cluster,
        );
        // An exact copy is stored without its text; the explanation below still reads it.
        let copied_text = exact.then(|| std::mem::take(&mut article.text));
        let (article, sentences) = if exact {
            (article, Vec::new())
        } else {
            (
                article,
                analysis.sentences.iter().map(|s| s.chars).collect(),
            )
        };
        let stored = StoredArticle {
            sentences,
            article,
            text_hash: hash,
            duplicate_of,
            story: None,
            similarity: None,
            source: loc.to_string(),
        };
        tx.insert_article(&stored)?;
        if let Some(f) = &fingerprint {
            tx.save_fingerprint(&stored.article.id, &f.bands(), &f.to_bytes())?;
        }
        let time = stored.article.published.map(|p| p.timestamp());
        // A retired story can take the article back: the store finds stored stories by their
        // heaviest terms (`Tx::retired_stories`). A store error there ends the batch like any
        // other (the callback cannot return it, so it is carried out).
        let mut archive_error = None;
        let assignment =
            self.clusterer
                .assign_with_archive(&stored.article.id, &features, time, &mut |terms| {
                    tx.retired_stories(terms, REOPEN_CANDIDATES)
                        .unwrap_or_else(|e| {
                            archive_error = Some(e);
                            Vec::new()
                        })
                });
        if let Some(e) = archive_error {
            return Err(e);
        }
        if assignment.reopened {
            self.report.reopened += 1;
        }
        let why = Membership {
            founded: assignment.new_story,
            reopened: assignment.reopened,
            probability: assignment.similarity,
            shared_words: written(
                self.analyzer,
                &analysis,
                copied_text.as_deref().unwrap_or(&stored.article.text),
                stored.article.title.as_deref(),
                &assignment.shared_terms,
            ),
            shared_terms: assignment.shared_terms,
            passed_over: assignment.passed_over,
        };
        // The article is placed first: the story it founds may be the survivor of a merge
        // below, and needs its row. (A story it founded that merged away already redirects:
        // `assignment.story` is the survivor then.)
        tx.assign(&stored.article.id, &assignment.story, Some(&why))?;
        self.touched.insert(assignment.story);
        // Stories the clusterer merged (this article bridging them, or the periodic merge
        // pass) move into their survivor.
        for m in &assignment.merged {
            tx.merge_story(&m.from, &m.into)?;
            self.touched.remove(&m.from);
            self.touched.insert(m.into.clone());
            self.report.merges.push(m.clone());
        }
        // Stories retire from memory at each sweep: store them (and the rest of the state) at
        // once, so that a later article of this batch can reopen them and memory stays with
        // the window in a long batch. After `assign`: the clustering state of a story refers
        // to its row, which the article's assignment creates.
        if self
            .clusterer
            .arrivals()
            .is_multiple_of(concord_cluster::SWEEP_EVERY)
        {
            tx.save_cluster_changes(&self.clusterer.take_changes())?;
        }
        self.report.stored += 1;
        self.report.stored_ids.push(stored.article.id.clone());
        self.report.article_ids.push(stored.article.id);
        Ok(())
    }
}

/// What an article is with respect to what is stored.
enum Origin {
    /// Nothing like it is stored (with its fingerprint, when the text is long enough for one).
    Original(Option<Box<Fingerprint>>),
    /// The same text as this stored article.
    ExactCopy(String),
    /// Nearly the same text as this stored article.
    NearCopy(String),
}

/// The earliest stored original whose fingerprint is within the near-duplicate threshold.
fn near_duplicate_of(tx: &dyn Tx, f: &Fingerprint) -> Result<Option<String>, StoreError> {
    for (id, signature) in tx.fingerprint_candidates(&f.bands())? {
        if Fingerprint::from_bytes(&signature)
            .is_some_and(|g| f.similarity(&g) >= fingerprint::NEAR_DUPLICATE)
        {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn derive(analyzer: &Analyzer, opts: &SummaryOptions, sources: &[Article]) -> StoryDerived {
    let analyses = analyze_all(analyzer, sources);
    let docs = docs(sources, &analyses);
    let shared_passages = concord_compare::shared_passages(&docs);
    let summary = concord_summarize::summarize_with(&docs, opts, Some(&shared_passages));
    let (claims, entities) = concord_compare::claims_and_entities(&docs, &shared_passages);
    StoryDerived {
        title: story_title(analyzer, sources, &analyses, &summary),
        summary,
        quotes: concord_compare::story_quotes(&docs),
        entities,
        claims,
        figures: concord_compare::figures(&docs),
        shared_passages,
    }
}

/// [`derive`] for many stories on all CPUs, results in input order. A story whose derivation
/// panics (a bug, never input) gives `Err` with the panic's message, and the others go on.
fn derive_all(
    analyzer: &Analyzer,
    opts: &SummaryOptions,
    stories: &[Vec<Article>],
) -> Vec<Result<StoryDerived, String>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(stories.len())
        .max(1);
    let per = stories.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = stories
            .chunks(per)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|s| caught(|| derive(analyzer, opts, s)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("deriving a story panicked"))
            .collect()
    })
}

/// Runs `f`, turning a panic into `Err` with its message.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|m| m.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

/// A story's headline: the most representative of its articles' titles — the one with the most
/// "story words" (content words that at least half of the story's articles use), then the
/// highest mean use of its words, then the earliest; without titles, the opening of its summary
/// or of its first article, cut at a word boundary.
pub fn story_title(
    analyzer: &Analyzer,
    sources: &[Article],
    analyses: &[Analysis],
    summary: &[SummarySentence],
) -> String {
    // How many articles use each stem, counted once per article.
    let mut used_by: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    if sources.iter().any(|a| a.title.is_some()) {
        for an in analyses {
            let distinct: BTreeSet<&str> = an.tokens().map(|t| &*t.stem).collect();
            for stem in distinct {
                *used_by.entry(stem).or_default() += 1;
            }
        }
    }
    let majority = analyses.len().div_ceil(2);
    let mut best: Option<((usize, f64), &str)> = None;
    for (a, an) in sources.iter().zip(analyses) {
        let Some(title) = a.title.as_deref() else {
            continue;
        };
        let stems: BTreeSet<String> = analyzer
            .tokens_of(title, &an.language)
            .into_iter()
            .filter(|t| !t.stop)
            .map(|t| String::from(&*t.stem))
            .collect();
        let uses: Vec<usize> = stems
            .iter()
            .map(|s| used_by.get(s.as_str()).copied().unwrap_or(0))
            .collect();
        let story_words = uses.iter().filter(|&&n| n >= majority).count();
        let mean = uses.iter().sum::<usize>() as f64 / uses.len().max(1) as f64;
        let score = (story_words, mean);
        if best.is_none_or(|(b, _)| score.0 > b.0 || (score.0 == b.0 && score.1 > b.1)) {
            best = Some((score, title));
        }
    }
    if let Some((_, t)) = best {
        return t.to_string();
    }
    let fallback = summary.first().map(|s| s.text.as_str()).or_else(|| {
        let (a, an) = sources.first().zip(analyses.first())?;
        an.sentences.first().map(|s| s.text(&a.text))
    });
    fallback.map(|t| shorten(t, 90)).unwrap_or_default()
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_stage_becomes_an_error_with_its_message() {
        assert_eq!(caught(|| 7), Ok(7));
        let slice = "é";
        let got = caught(|| slice[..1].len());
        assert!(got.unwrap_err().contains("char boundary"));
        assert_eq!(
            caught(|| -> u8 { panic!("stage failed") }),
            Err("stage failed".to_string())
        );
    }
    use concord_store::SqliteStore;
    use std::path::Path;

    fn article(id: &str, text: &str) -> (Article, Location) {
        (
            Article {
                outlet: Some(format!("outlet-{id}")),
                ..Article::new(id, text)
            },
            Location {
                path: PathBuf::from("test"),
                line: None,
            },
        )
    }

    const QUAKE: &str = "A strong earthquake of magnitude 6.8 struck central Chile on Tuesday, damaging houses in Talca. Officials said there were no immediate reports of deaths.";

    #[test]
    fn the_headline_is_the_most_representative_title() {
        let an = Analyzer::new();
        let mk = |id: &str, title: &str, text: &str| Article {
            title: Some(title.into()),
            language: Some("en".into()),
            ..Article::new(id, text)
        };
        let sources = vec![
            mk(
                "a",
                "Morning briefing",
                "Floods closed the Rhine to shipping near Cologne on Monday after days of rain.",
            ),
            mk(
                "b",
                "Rhine floods halt shipping near Cologne",
                "Shipping on the Rhine stopped near Cologne as floods rose after heavy rain.",
            ),
            mk(
                "c",
                "Cologne floods",
                "Floods in Cologne: the Rhine rose again and shipping stayed halted.",
            ),
        ];
        let analyses = analyze_all(&an, &sources);
        assert_eq!(
            story_title(&an, &sources, &analyses, &[]),
            "Rhine floods halt shipping near Cologne",
            "a generic first title loses to one that names the event"
        );
    }

    #[test]
    fn a_store_keeps_its_clustering_settings_for_every_engine_that_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let reports = || {
            vec![
                article("a", QUAKE),
                article(
                    "b",
                    "Houses in Talca were damaged when a magnitude 6.8 earthquake hit central Chile on Tuesday. No deaths were reported, officials in Talca said, as the earthquake shook the region.",
                ),
            ]
        };
        // Each engine opens its own connection, as each `concord` run does.
        let stories_in = |db: &Path| {
            let mut e = Engine::open(SqliteStore::open(db).unwrap()).unwrap();
            e.ingest_articles(reports(), &mut |r| panic!("{r:?}"))
                .unwrap();
            e.store
                .stories(&concord_store::StoryQuery::default())
                .unwrap()
                .len()
        };
        let plain = dir.path().join("plain.db");
        assert_eq!(stories_in(&plain), 1, "the defaults join the two reports");

        let strict = dir.path().join("strict.db");
        let mut settings = ClusterSettings::default();
        settings.config.insert("threshold".into(), 1.1.into());
        settings
            .save(&mut SqliteStore::open(&strict).unwrap())
            .unwrap();
        let loaded = ClusterSettings::load(&SqliteStore::open(&strict).unwrap()).unwrap();
        assert_eq!(loaded, settings);
        // A retrained model kept in the store decides too: one that never says "joins".
        let sceptic = dir.path().join("sceptic.db");
        let never = ClusterSettings {
            model: Some(Model {
                bias: -100.0,
                trained_on: "a test".into(),
                ..Model::shipped()
            }),
            ..Default::default()
        };
        never
            .save(&mut SqliteStore::open(&sceptic).unwrap())
            .unwrap();
        assert_eq!(stories_in(&sceptic), 2, "the stored model is used");
        assert_eq!(
            stories_in(&strict),
            2,
            "nothing joins at a threshold above 1"
        );

        // Settings that do not apply are refused and leave the kept ones as they were.
        let mut store = SqliteStore::open(&strict).unwrap();
        for (name, value) in [("threshhold", 0.4), ("window_days", -3.0)] {
            let mut bad = settings.clone();
            bad.config.insert(name.into(), value.into());
            let e = bad.save(&mut store).unwrap_err().to_string();
            assert!(e.contains(name), "{e}");
        }
        let stale = Model {
            features: vec!["cos_body".into()],
            weights: vec![1.0],
            bias: 0.0,
            trained_on: "an older concord".into(),
        };
        let bad = ClusterSettings {
            model: Some(stale.clone()),
            ..settings.clone()
        };
        assert!(bad.save(&mut store).is_err());
        assert_eq!(ClusterSettings::load(&store).unwrap(), settings);

        // A model kept by an older concord, whose features this one lacks: opening says how
        // to mend it rather than clustering with weights that mean something else.
        let kept = serde_json::to_string(&ClusterSettings {
            model: Some(stale),
            ..Default::default()
        })
        .unwrap();
        store
            .write(&mut |tx| tx.set_meta(CLUSTER_SETTINGS_KEY, &kept))
            .unwrap();
        let e = Engine::open(store).err().expect("a stale model is refused");
        assert!(e.to_string().contains("concord config --reset"), "{e}");
    }

    #[test]
    fn copies_follow_their_original_only_within_the_clustering_window() {
        let mut e = Engine::new(
            SqliteStore::open(Path::new(":memory:")).unwrap(),
            Settings::default(),
        );
        let dated = |id: &str, text: &str, day: &str| {
            let (mut a, loc) = article(id, text);
            a.published = concord_core::Published::parse(day).ok();
            (a, loc)
        };
        let near = QUAKE.replace("Tuesday", "Wednesday");
        let r = e
            .ingest_articles(
                vec![
                    dated("a", QUAKE, "2024-03-05"),
                    dated("soon", &near, "2024-03-06"),
                    dated("late", &near, "2025-09-01"),
                    dated("late-exact", QUAKE, "2025-09-02"),
                ],
                &mut |r| panic!("{r:?}"),
            )
            .unwrap();
        assert_eq!((r.stored, r.duplicates, r.near_duplicates), (4, 1, 2));
        let story_of = |id: &str| e.store.story_of_each(&[id.to_string()]).unwrap()[0].clone();
        assert_eq!(story_of("soon"), story_of("a"));
        assert_ne!(
            story_of("late"),
            story_of("a"),
            "a year later is not the same event"
        );
        let late = e.store.article("late").unwrap().unwrap();
        assert_eq!(late.duplicate_of.as_deref(), Some("a"), "still linked");
        let exact = e.store.article("late-exact").unwrap().unwrap();
        assert_eq!(exact.duplicate_of.as_deref(), Some("a"));
        assert_eq!(
            exact.article.text, QUAKE,
            "an exact copy reads its original's text"
        );
        assert_ne!(story_of("late-exact"), story_of("a"));
    }

    #[test]
    fn merged_stories_move_their_articles_and_redirect_their_ids() {
        // Both orders of the last two reports: the survivor of their pair is then the story
        // the last article founds in one of them (its row is written by that article).
        for swap in [false, true] {
            merged_stories_case(swap);
        }
    }

    /// Two reports of an earthquake, then two of a budget vote.
    const TWO_EVENTS_TWICE: [(&str, &str); 4] = [
        (
            "q1",
            "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said, triggering a tsunami warning for Aceh province. Residents fled to higher ground.",
        ),
        (
            "q2",
            "Indonesian officials issued a tsunami warning for Aceh province after a magnitude 7.1 earthquake struck off Sumatra on Monday. There were no immediate reports of damage.",
        ),
        (
            "b1",
            "The Dutch parliament approved the national budget on Tuesday after a long debate over pension reform and healthcare spending. The vote was 81 to 69.",
        ),
        (
            "b2",
            "After a long debate over pension reform and healthcare spending, the Dutch parliament approved the national budget on Tuesday. Opposition parties voted against.",
        ),
    ];

    #[test]
    fn the_merge_pass_probes_stories_changed_in_an_earlier_batch() {
        let mut settings = Settings::default();
        settings.cluster.threshold = 1.1; // no article joins: each event is split in two
        settings.cluster.merge_every = 4;
        let mut e = Engine::new(SqliteStore::open(Path::new(":memory:")).unwrap(), settings);
        let texts = TWO_EVENTS_TWICE;
        // The earthquake's two stories are founded in the first batch, before any pass; the
        // pass runs at the fourth arrival, in the second batch.
        let mut merges = Vec::new();
        for batch in [&texts[..3], &texts[3..]] {
            let r = e
                .ingest_articles(
                    batch.iter().map(|(id, t)| article(id, t)).collect(),
                    &mut |_| {},
                )
                .unwrap();
            merges.extend(r.merges);
        }
        assert_eq!(merges.len(), 2, "{merges:?}");
        let rows = e.store.story_rows(&Default::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.article_count == 2));
    }

    fn merged_stories_case(swap: bool) {
        let mut settings = Settings::default();
        settings.cluster.threshold = 1.1; // no article joins: each event is split in two
        settings.cluster.merge_every = 4;
        let mut e = Engine::new(SqliteStore::open(Path::new(":memory:")).unwrap(), settings);
        let mut texts = TWO_EVENTS_TWICE;
        if swap {
            texts.swap(2, 3);
        }
        let r = e
            .ingest_articles(
                texts.iter().map(|(id, t)| article(id, t)).collect(),
                &mut |_| {},
            )
            .unwrap();
        assert_eq!(r.merges.len(), 2, "{r:?}");
        let rows = e.store.story_rows(&Default::default()).unwrap();
        assert_eq!(rows.len(), 2);
        for row in &rows {
            assert_eq!(row.article_count, 2);
            assert_eq!(row.outlets.len(), 2, "{:?}", row.outlets);
        }
        for m in &r.merges {
            assert!(e.store.story(&m.from).unwrap().is_none());
            assert_eq!(
                e.store.merged_into(&m.from).unwrap().as_ref(),
                Some(&m.into)
            );
            let survivor = e.store.story(&m.into).unwrap().unwrap();
            assert_eq!(survivor.articles.len(), 2);
            assert!(
                !survivor.summary.is_empty(),
                "the survivor is derived again"
            );
        }
        // A survivor merged later takes the ids that redirected to it along (no chains).
        let (first, second) = (&r.merges[0], &r.merges[1]);
        e.store
            .write(&mut |tx| tx.merge_story(&first.into, &second.into))
            .unwrap();
        for old in [&first.from, &first.into] {
            assert_eq!(
                e.store.merged_into(old).unwrap().as_ref(),
                Some(&second.into)
            );
        }
    }

    #[test]
    fn a_stored_story_past_its_window_reopens_when_reopening_is_on() {
        let mut settings = Settings::default();
        settings.cluster.reopen_similarity = 0.5;
        // Load stories for clustering by date only, so that the quake's story stays stored.
        settings.cluster.window_articles = 0;
        let mut e = Engine::new(SqliteStore::open(Path::new(":memory:")).unwrap(), settings);
        let dated = |id: &str, text: &str, day: &str| {
            let (mut a, loc) = article(id, text);
            a.published = concord_core::Published::parse(day).ok();
            (a, loc)
        };
        // Three batches: the quake, a budget vote months later (the quake's story is no longer
        // loaded for clustering), then a late report of the quake.
        let quake = "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said, triggering a tsunami warning for Aceh province.";
        let late = "Months after the magnitude 7.1 earthquake off Sumatra, Indonesian officials said the tsunami warning system in Aceh province would be rebuilt.";
        let budget = "The Dutch parliament approved the national budget on Tuesday after a long debate over pension reform and healthcare spending.";
        for (id, text, day) in [
            ("q1", quake, "2026-01-05"),
            ("b1", budget, "2026-05-05"),
            ("q2", late, "2026-05-06"),
        ] {
            e.ingest_articles(vec![dated(id, text, day)], &mut |r| panic!("{r}"))
                .unwrap();
        }
        let story = |id: &str| e.store.story_of_each(&[id.to_string()]).unwrap()[0].clone();
        assert_eq!(story("q2"), story("q1"));
        let s = e.store.story(&story("q1").unwrap()).unwrap().unwrap();
        let why = s
            .articles
            .iter()
            .find(|a| a.id == "q2")
            .unwrap()
            .why
            .clone()
            .unwrap();
        assert!(why.reopened && !why.founded, "{why:?}");
    }

    #[test]
    fn a_batch_longer_than_a_memory_sweep_stores_its_clustering_state_midway() {
        // The 1,024th article founds a story at the sweep: its clustering state is stored with
        // the batch's other changes, which needs the story's row first.
        let mut e = Engine::new(
            SqliteStore::open(Path::new(":memory:")).unwrap(),
            Settings::default(),
        );
        let n = concord_cluster::SWEEP_EVERY as usize;
        let articles = (0..n)
            .map(|i| article(&format!("n{i}"), &format!("Notice {i} filed")))
            .collect();
        let r = e.ingest_articles(articles, &mut |r| panic!("{r}")).unwrap();
        assert_eq!(r.stored, n);
        assert_eq!(e.store.article_count().unwrap(), n as u64);
    }

    #[test]
    fn duplicates_reingest_and_conflicts() {
        let mut e = Engine::new(
            SqliteStore::open(Path::new(":memory:")).unwrap(),
            Settings::default(),
        );
        let mut rejects = Vec::new();
        let r = e
            .ingest_articles(
                vec![article("a", QUAKE), article("b", &QUAKE.to_uppercase())],
                &mut |r| rejects.push(r.clone()),
            )
            .unwrap();
        assert_eq!((r.stored, r.duplicates), (2, 1));
        let r = e
            .ingest_articles(
                vec![
                    article("a", QUAKE),
                    article("b", "Something else entirely here."),
                ],
                &mut |r| rejects.push(r.clone()),
            )
            .unwrap();
        assert_eq!((r.stored, r.unchanged, r.rejected.len()), (0, 1, 1));
        assert!(
            rejects[0]
                .reason
                .contains("already stored with different text")
        );
        let stories = e.store.stories(&Default::default()).unwrap();
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].articles[1].duplicate_of.as_deref(), Some("a"));
        assert!(!stories[0].title.is_empty());
    }

    #[test]
    fn store_failure_rolls_back_the_batch() {
        struct Failing(SqliteStore);
        impl Store for Failing {
            fn write(
                &mut self,
                f: &mut dyn FnMut(&mut dyn Tx) -> concord_store::Result<()>,
            ) -> concord_store::Result<()> {
                self.0.write(&mut |tx| {
                    f(tx)?;
                    Err(StoreError::Aborted("disk full".into()))
                })
            }
            fn stories(
                &self,
                q: &concord_store::StoryQuery,
            ) -> concord_store::Result<Vec<concord_core::Story>> {
                self.0.stories(q)
            }
            fn story(&self, id: &str) -> concord_store::Result<Option<concord_core::Story>> {
                self.0.story(id)
            }
            fn story_rows(
                &self,
                q: &concord_store::StoryQuery,
            ) -> concord_store::Result<Vec<concord_core::StoryRow>> {
                self.0.story_rows(q)
            }
            fn story_entities(&self, id: &str) -> concord_store::Result<Vec<concord_core::Entity>> {
                self.0.story_entities(id)
            }
            fn article(&self, id: &str) -> concord_store::Result<Option<StoredArticle>> {
                self.0.article(id)
            }
            fn article_count(&self) -> concord_store::Result<u64> {
                self.0.article_count()
            }
            fn articles_after(
                &self,
                after: i64,
                limit: usize,
            ) -> concord_store::Result<Vec<(i64, Article)>> {
                self.0.articles_after(after, limit)
            }
            fn articles(&self, ids: &[String]) -> concord_store::Result<Vec<Article>> {
                self.0.articles(ids)
            }
            fn story_of_each(&self, ids: &[String]) -> concord_store::Result<Vec<Option<String>>> {
                self.0.story_of_each(ids)
            }
            fn stories_of(&self, ids: &[String]) -> concord_store::Result<Vec<String>> {
                self.0.stories_of(ids)
            }
            fn story_sources(&self, id: &str) -> concord_store::Result<Vec<Article>> {
                self.0.story_sources(id)
            }
            fn meta(&self, key: &str) -> concord_store::Result<Option<String>> {
                self.0.meta(key)
            }
            fn merged_into(&self, id: &str) -> concord_store::Result<Option<String>> {
                self.0.merged_into(id)
            }
            fn story_ids(
                &self,
                q: &concord_store::StoryQuery,
            ) -> concord_store::Result<Vec<String>> {
                self.0.story_ids(q)
            }
            fn stories_derived_by_other(&self, by: &str) -> concord_store::Result<Vec<String>> {
                self.0.stories_derived_by_other(by)
            }
            fn count_stories_derived_by_other(&self, by: &str) -> concord_store::Result<u64> {
                self.0.count_stories_derived_by_other(by)
            }
            fn story_derived_by(&self, id: &str) -> concord_store::Result<Option<String>> {
                self.0.story_derived_by(id)
            }
        }
        let mut e = Engine::new(
            Failing(SqliteStore::open(Path::new(":memory:")).unwrap()),
            Settings::default(),
        );
        assert!(
            e.ingest_articles(vec![article("a", QUAKE)], &mut |_| {})
                .is_err()
        );
        assert_eq!(e.store.article_count().unwrap(), 0);
    }

    #[test]
    fn rederiving_brings_a_stale_story_up_to_this_concord() {
        let mut e = Engine::new(
            SqliteStore::open(Path::new(":memory:")).unwrap(),
            Settings::default(),
        );
        let text = |n: &str| {
            format!(
                "A strong earthquake struck central Chile on Tuesday, damaging houses in Talca. \
                 Officials said {n} people were killed in the town."
            )
        };
        e.ingest_articles(
            vec![article("a", &text("three")), article("b", &text("four"))],
            &mut |_| {},
        )
        .unwrap();
        let stories = e.store.stories(&Default::default()).unwrap();
        assert_eq!(stories.len(), 1, "{stories:?}");
        let fresh = stories[0].clone();
        assert_eq!(fresh.figures.len(), 2, "{:?}", fresh.figures);
        assert!(e.stories_derived_by_other_builds().unwrap().is_empty());
        // As an older concord left it: nothing derived but a title.
        let stale = StoryDerived {
            title: "old".into(),
            ..Default::default()
        };
        e.store
            .write(&mut |tx| tx.set_story_derived(&fresh.id, &stale, "an older build"))
            .unwrap();
        assert!(
            e.store
                .story(&fresh.id)
                .unwrap()
                .unwrap()
                .figures
                .is_empty()
        );
        assert_eq!(
            e.stories_derived_by_other_builds().unwrap(),
            std::slice::from_ref(&fresh.id)
        );
        let mut progress = Vec::new();
        let (derived, failures) = e
            .rederive(None, &mut |done, all| progress.push((done, all)))
            .unwrap();
        assert_eq!((derived, failures.len()), (1, 0));
        assert_eq!(progress, [(1, 1)]);
        assert_eq!(e.store.story(&fresh.id).unwrap().unwrap(), fresh);
        assert!(e.stories_derived_by_other_builds().unwrap().is_empty());
        // An id the store does not hold is left alone.
        let unknown = ["s-nope".to_string()];
        assert_eq!(
            e.rederive(Some(&unknown), &mut |_, _| {}).unwrap(),
            (0, vec![])
        );
    }

    #[test]
    fn titles_fall_back_to_text() {
        assert_eq!(shorten("one two three", 90), "one two three");
        let long = "word ".repeat(40);
        let s = shorten(&long, 20);
        assert!(s.ends_with('…') && s.chars().count() <= 21, "{s}");
    }
}
