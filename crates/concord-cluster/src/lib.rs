//! Cluster: assigns each arriving article to a story, online, from what came before it.
//!
//! # Model
//!
//! An article is three bags of stems, each TF-IDF weighted with document frequencies counted
//! over the articles seen *so far* (no look-ahead) and L2-normalized:
//! - `body`: every content word (title words count [`Config::title_weight`] times; capitalized
//!   names [`Config::name_weight`] times), term frequencies damped to `1 + ln tf`;
//! - `lead`: the title and the first [`LEAD_SENTENCES`] sentences — what the report is about;
//! - `names`: capitalized words that are not sentence-initial (people, places, organisations).
//!
//! A story keeps, per field, the sum of its members' vectors (a centroid direction), the body
//! vectors of its last [`RECENT`] members (so that a story that drifts over weeks still matches
//! its latest turn), its article count, and when it was last active.
//!
//! For an arriving article, candidate stories come from an inverted index over the active stories'
//! body terms, skipping terms too common to discriminate; the index holds each story's centroid
//! weight, so walking it also gives the body cosine over those terms, and the
//! [`MAX_CANDIDATES`] stories highest on it are scored. Each candidate gets a feature vector
//! ([`PairFeatures`]: cosines per field, the best cosine with a recent member, the time gap,
//! and how far it stands above the other candidates) and a probability from a logistic model ([`Model`]) whose weights are learned
//! from gold streams by `examples/train.rs`. The article joins the most probable candidate when
//! that probability reaches [`Config::threshold`]; otherwise it founds a new story.
//!
//! One rule overrides the model: a story that has gone quiet is over when what arrives next is
//! about something else. An article does not join an established story (at least
//! [`QUIET_MIN_ARTICLES`] reports) that has had no report for [`Config::quiet_days`] when its
//! body cosine with the story is below [`Config::quiet_similarity`]; the next candidate is
//! tried, or it founds a story ([`Assignment::passed_over`] says which story and why). The
//! model cannot learn this: its features are summed, so a long gap cannot make a weak cosine
//! count for less, and its margins make the only open story of a region or institution look
//! certain — which is how a new event among the same actors used to join the last one
//! (BENCHMARKS.md, "A quiet story is over").
//!
//! Stories retire from memory [`Config::window_days`] after their latest dated article (or
//! [`Config::window_articles`] arrivals, for undated streams); they stay in the store. With
//! [`Config::reopen_similarity`] set (off by default), a strong match brings one back
//! ([`Clusterer::assign_with_archive`]).
//!
//! Every [`Config::merge_every`] arrivals a merge pass ([`Clusterer::merge_pass`]) joins active
//! stories whose body centroids show they are one event; each merge is reported as a
//! [`Merge`] so that a store can move the articles and redirect the old id.
//!
//! Story ids are derived from the founding article's id, so they do not depend on storage order.

use concord_analyze::{Analysis, Analyzer, ExpectedLanguage, Word};
use concord_core::{PassedOver, fnv1a};
use serde::{Deserialize, Serialize};
// Fx hashing: term lookups dominate clustering time, and its fixed seed keeps runs reproducible.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::VecDeque;

/// Sentences that make an article's lead.
pub const LEAD_SENTENCES: usize = 3;
/// Member vectors a story keeps for the single-link feature.
pub const RECENT: usize = 20;
/// Stories scored in full per article: those with the highest body cosine over the article's
/// distinctive terms. Bounds the cost per article however many stories are active. 8 gives
/// the same clusters as 16 on the dev stream and WikiRef220, and as good on the others
/// (BENCHMARKS.md), at half the scoring: the story an article joins is nearly always the first
/// or second on that cosine. Fewer than 6 costs the dev stream.
pub const MAX_CANDIDATES: usize = 8;
/// A term on at most this many active stories' lists is rare enough for the merge pass to find
/// a story's neighbours by.
const MERGE_RARE_STORIES: usize = 64;
/// Terms kept of each recent member vector (the heaviest ones).
const RECENT_TERMS: usize = 48;
/// Stories the merge pass compares each changed story with. 4 (on 8 heaviest rare terms)
/// gives the same clusters as 8 (on 16) on the dev streams, the replay streams and the MStream
/// headlines, where merges are most frequent (BENCHMARKS.md, "Four merge probes").
pub const MERGE_PROBES: usize = 4;
/// Terms a stored story is indexed under for reopening, and an article probes with.
pub const STORY_TERMS: usize = 12;
/// Reports a story needs before [`Config::quiet_days`] can end it: the centroid of a story of one
/// or two reports is too noisy for a low cosine with it to say that the topic changed (on the dev
/// stream the one true report this would have turned away followed a one-article story).
pub const QUIET_MIN_ARTICLES: u64 = 3;

/// The keys of the heaviest terms of a story's body centroid: what a store indexes a story
/// under, so that [`Clusterer::assign_with_archive`] can find it after it retired.
pub fn story_terms(s: &StoryVector) -> Vec<u64> {
    let terms = s.body.terms.iter().map(|(t, w)| (*t, *w));
    heaviest(terms, STORY_TERMS)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// The `n` heaviest of these weighted terms, heaviest first; ties by key, so that the choice
/// never depends on hash order.
fn heaviest(terms: impl IntoIterator<Item = (u64, f64)>, n: usize) -> Vec<(u64, f64)> {
    first_n(terms.into_iter().collect(), n, |a, b| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
    })
}

/// The `n` heaviest terms of `terms` that pass `keep`, as [`heaviest`] orders them. Most of
/// them are usually among the heaviest few, so those are tested first: a story's centroid holds
/// thousands of terms, and `keep` may cost a lookup.
fn heaviest_where(
    terms: &HashMap<u64, f64>,
    n: usize,
    keep: impl Fn(u64) -> bool,
) -> Vec<(u64, f64)> {
    let all = || terms.iter().map(|(t, w)| (*t, *w));
    let top = heaviest(all(), 4 * n);
    let kept: Vec<(u64, f64)> = top
        .iter()
        .copied()
        .filter(|(t, _)| keep(*t))
        .take(n)
        .collect();
    // Enough found among the heaviest, or those were all the terms: the same answer as testing
    // every term, since any term not looked at is lighter than every term that was.
    if kept.len() == n || top.len() < 4 * n {
        return kept;
    }
    heaviest(all().filter(|(t, _)| keep(*t)), n)
}

/// The first `n` items of `v` in the total order `cmp`, sorted: a selection, then a sort of
/// the few kept, instead of sorting everything.
fn first_n<T>(mut v: Vec<T>, n: usize, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    if n == 0 {
        return Vec::new();
    }
    if v.len() > n {
        v.select_nth_unstable_by(n - 1, &cmp);
        v.truncate(n);
    }
    v.sort_unstable_by(cmp);
    v
}

/// Tunable parameters of the online clusterer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Minimum probability (from the model) that an article belongs to a story to join it.
    pub threshold: f64,
    /// Extra weight of title terms (the headline says what the event is).
    pub title_weight: f64,
    /// Extra weight of capitalized names in the body vector.
    pub name_weight: f64,
    /// A story retires this many days after its latest article (dated streams).
    pub window_days: f64,
    /// A story retires after this many arrivals without a new article (undated streams).
    pub window_articles: u64,
    /// Terms in more than this share of all documents are too common to retrieve candidates by.
    pub max_candidate_df: f64,
    /// When an article joins a story and is at least this probable for another active story
    /// too, it bridges them: the other story merges into the one it joined (above 1: never).
    pub merge_threshold: f64,
    /// The merge pass joins two active stories whose body centroids have at least this cosine
    /// (above 1: no merge pass). See [`Clusterer::merge_pass`].
    #[serde(default = "merge_similarity")]
    pub merge_similarity: f64,
    /// Arrivals between two merge passes.
    #[serde(default = "merge_every")]
    pub merge_every: u64,
    /// Cosine of an article with a retired story's body centroid at which the story is
    /// reopened (above 1: never, the default). Off because text alone cannot tell a story's
    /// return from a recurring event in the same words: on the replay stream (each dev story
    /// again two months later, a new event) it merged replays into their originals (pairwise
    /// F1 0.761 → 0.182), and it changes nothing on the dev streams (BENCHMARKS.md).
    #[serde(default = "no_reopen")]
    pub reopen_similarity: f64,
    /// Terms the document-frequency table may hold: past it, at the next sweep, every frequency
    /// and the count of documents they are over are halved and the terms left at 0 forgotten
    /// (`Clusterer::forget_rare_terms`). What keeps memory bounded on a stream whose vocabulary
    /// keeps growing.
    #[serde(default = "max_terms")]
    pub max_terms: usize,
    /// Days without a report after which an established story is over for an article whose
    /// body cosine with it is below [`Config::quiet_similarity`] (dated articles only; see the
    /// crate docs).
    #[serde(default = "quiet_days")]
    pub quiet_days: f64,
    /// The body cosine below which an article after [`Config::quiet_days`] of silence does not
    /// join the story (0 turns the rule off).
    #[serde(default = "quiet_similarity")]
    pub quiet_similarity: f64,
}

/// Ten days: longer than the lulls inside one event on the dev stream, shorter than the weeks
/// between the TDT events it merged (11–17 days). On that stream 7 and 10 days, with cosines
/// 0.25–0.35, all raise both scores; 14 days misses the 11-day gaps (BENCHMARKS.md).
fn quiet_days() -> f64 {
    10.0
}

/// Reports of one event share most of their distinctive vocabulary: on the dev stream, true
/// late reports (after 10 quiet days) had cosines of 0.34–0.46 with an established story, and
/// four of the six reports of other events that joined one had 0.24–0.31.
fn quiet_similarity() -> f64 {
    0.3
}

/// Chosen on the dev streams as a value with margin above the lowest one that changes neither
/// the DUC/MultiLing stream nor WikiRef220 (0.45; at 0.4 both lose precision), while joining
/// split stories of the MStream headlines (BENCHMARKS.md, "Merge pass").
fn merge_similarity() -> f64 {
    0.5
}

fn no_reopen() -> f64 {
    2.0
}

fn merge_every() -> u64 {
    64
}

/// 1.5 million terms: the table then fits in 2^21 slots (about 36 MB). A news stream reaches
/// this after some hundreds of thousands of articles (new names, numbers and misspellings never
/// stop coming); the dev streams and the plain replay streams never do, so their clusters do
/// not depend on it.
fn max_terms() -> usize {
    1_500_000
}

/// Days a story is kept beyond the window when memory is swept, for late reports.
pub const SWEEP_SLACK_DAYS: f64 = 1.0;
/// Arrivals between two sweeps of memory (stories past the window retire at the sweep).
pub const SWEEP_EVERY: u64 = 1024;

impl Config {
    /// This configuration with `overrides` (field name → value, as the JSON of a `Config`
    /// names them) set, checked: an unknown name, a value of the wrong type or out of range
    /// is an error naming the field. How a store keeps its settings (only the fields set, so
    /// that the rest follow the defaults of the concord that runs) and how `concord cluster`
    /// applies its flags.
    pub fn with_overrides(
        &self,
        overrides: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Config, String> {
        let mut fields = match serde_json::to_value(self).map_err(|e| e.to_string())? {
            serde_json::Value::Object(m) => m,
            _ => unreachable!("a struct serializes to an object"),
        };
        for (name, value) in overrides {
            match fields.get_mut(name) {
                Some(field) => *field = value.clone(),
                None => {
                    let known: Vec<&str> = fields.keys().map(String::as_str).collect();
                    return Err(format!(
                        "no clustering setting is called {name:?} (there are {})",
                        known.join(", ")
                    ));
                }
            }
        }
        let config: Config =
            serde_json::from_value(serde_json::Value::Object(fields)).map_err(|e| {
                format!(
                    "clustering settings {}: {e}",
                    serde_json::Value::Object(overrides.clone())
                )
            })?;
        config.check()?;
        Ok(config)
    }

    /// Every value in its range: rates and weights finite and not negative, windows positive,
    /// at least one term and one arrival between merge passes. (Thresholds above 1 are valid:
    /// they turn their step off.)
    pub fn check(&self) -> Result<(), String> {
        let non_negative = [
            ("threshold", self.threshold),
            ("title_weight", self.title_weight),
            ("name_weight", self.name_weight),
            ("merge_threshold", self.merge_threshold),
            ("merge_similarity", self.merge_similarity),
            ("reopen_similarity", self.reopen_similarity),
            ("quiet_days", self.quiet_days),
            ("quiet_similarity", self.quiet_similarity),
        ];
        for (name, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                return Err(format!("{name} must be a number of at least 0, not {v}"));
            }
        }
        for (name, v) in [
            ("window_days", self.window_days),
            ("max_candidate_df", self.max_candidate_df),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return Err(format!("{name} must be a number above 0, not {v}"));
            }
        }
        if self.merge_every == 0 {
            return Err("merge_every must be at least 1".into());
        }
        if self.max_terms == 0 {
            return Err("max_terms must be at least 1".into());
        }
        Ok(())
    }

    /// How recent a stored story must be to be loaded for clustering: its latest article
    /// within this many seconds of the newest story's, or within this many arrivals.
    pub fn retention(&self) -> (i64, u64) {
        (
            ((self.window_days + SWEEP_SLACK_DAYS) * 86_400.0) as i64,
            self.window_articles,
        )
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.5,
            title_weight: 2.0,
            name_weight: 1.5,
            window_days: 45.0,
            window_articles: 2000,
            max_candidate_df: 0.3,
            merge_threshold: 2.0,
            merge_similarity: merge_similarity(),
            merge_every: merge_every(),
            reopen_similarity: no_reopen(),
            max_terms: max_terms(),
            quiet_days: quiet_days(),
            quiet_similarity: quiet_similarity(),
        }
    }
}

/// Weighted terms keyed by [`term_key`], sorted by key.
type Terms = Vec<(u64, f64)>;

/// An article's weighted terms before IDF: what the clusterer needs to know of it.
///
/// Terms are keyed by [`term_key`] here, in the analysis threads, so that the single thread
/// that decides never hashes a string: every lookup it makes (document frequencies, centroids,
/// postings) is by integer key. Invariant: `lead` and `names` hold only terms of `body` (both
/// are drawn from the same tokens), so counting `body` counts every term once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub body: Terms,
    pub lead: Terms,
    pub names: Terms,
    /// The stem of each `body` term, in `body`'s order: what explanations show. Empty when
    /// counted without them ([`Features::from_text_unexplained`]).
    pub stems: Vec<std::sync::Arc<str>>,
}

/// Damped term frequencies (given in key order).
fn damp(tf: impl Iterator<Item = (u64, f64)>) -> Terms {
    tf.map(|(t, f)| (t, if f > 1.0 { 1.0 + f.ln() } else { f }))
        .collect()
}

impl Features {
    /// The features of an article whose body `text` was analyzed as `analysis` (as ingest
    /// analyzes it, for the other stages), with its (optional) title: counted from the text in
    /// the analysis's language, as [`Features::from_text`] counts them, so that a stream
    /// clustered by the filter and the same articles ingested into a store get the same
    /// features. The analysis's sentences are not used: features need only the lead's (see
    /// [`Analyzer::for_each_word`]).
    pub fn from_analysis(
        analyzer: &Analyzer,
        analysis: &Analysis,
        text: &str,
        title: Option<&str>,
        config: &Config,
    ) -> Features {
        Self::counted(
            analyzer,
            text,
            Some(&analysis.language),
            None,
            title,
            config,
            true,
        )
        .0
    }

    /// An article's features, counted from its words as they are read, without building an
    /// analysis: what clustering a stream needs. The language is the stated one, else
    /// `language`'s expectation when the text reads as it, else whatlang's (as
    /// [`ExpectedLanguage::analyze`] finds it, and the expectation is updated the same way).
    pub fn from_text(
        analyzer: &Analyzer,
        language: &mut ExpectedLanguage,
        text: &str,
        stated: Option<&str>,
        title: Option<&str>,
        config: &Config,
    ) -> Features {
        Self::read(analyzer, language, text, stated, title, config, true)
    }

    /// As [`Features::from_text`], without the stems: for a clusterer that does not explain
    /// ([`Clusterer::explain`] off), as `concord cluster` runs it. Each term's stem is shared
    /// with the analyzer's memo, and taking a share of it (an atomic count, on memory that the
    /// deciding thread's dropping of the features also writes) was about 6% of that filter's
    /// CPU time.
    pub fn from_text_unexplained(
        analyzer: &Analyzer,
        language: &mut ExpectedLanguage,
        text: &str,
        stated: Option<&str>,
        title: Option<&str>,
        config: &Config,
    ) -> Features {
        Self::read(analyzer, language, text, stated, title, config, false)
    }

    /// A hash of the term weights of every field: equal for two texts the clusterer cannot
    /// tell apart (the same copy re-flowed or re-typeset), different otherwise but
    /// for a collision. `concord cluster` recognises an article read twice by it; it costs a
    /// pass over the terms, where hashing the normalized text cost 15% of the filter's time.
    pub fn fingerprint(&self) -> u64 {
        // One multiply a term (the keys are hashes already), mixed once at the end: a full
        // mix a term was 1.5% of the filter's time.
        let mut h = fnv1a(b"features");
        for field in [&self.body, &self.lead, &self.names] {
            h = (h.rotate_left(26) ^ field.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            for &(key, weight) in field {
                h = (h.rotate_left(26) ^ key ^ weight.to_bits().rotate_left(32))
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
        }
        mix64(h)
    }

    fn read(
        analyzer: &Analyzer,
        language: &mut ExpectedLanguage,
        text: &str,
        stated: Option<&str>,
        title: Option<&str>,
        config: &Config,
        stems: bool,
    ) -> Features {
        let (features, lang, known) = Self::counted(
            analyzer,
            text,
            stated,
            language.expected(),
            title,
            config,
            stems,
        );
        language.found(&lang, known);
        features
    }

    fn counted(
        analyzer: &Analyzer,
        text: &str,
        stated: Option<&str>,
        expected: Option<&str>,
        title: Option<&str>,
        config: &Config,
        stems: bool,
    ) -> (Features, String, bool) {
        // About one word per six bytes of news text.
        let mut counts = TermCounts::new(config, text.len() / 6 + 1, stems);
        let (lang, known) =
            analyzer.for_each_word(text, stated, expected, LEAD_SENTENCES, |in_lead, w| {
                let sentence = if in_lead { 0 } else { LEAD_SENTENCES };
                counts.body_word(sentence, w)
            });
        counts.title(analyzer, title, &lang);
        (counts.features(), lang, known)
    }
}

/// An article's terms counted per field, word by word: one map for the three fields (one
/// lookup a word), by term key, from the hash the analyzer computed once per stem.
struct TermCounts<'c> {
    config: &'c Config,
    terms: HashMap<u64, Counts>,
    /// Whether each term's stem is kept (see [`Features::from_text_unexplained`]).
    stems: bool,
}

/// A term's frequency in each field, and its stem.
struct Counts {
    body: f64,
    lead: f64,
    names: f64,
    stem: Option<std::sync::Arc<str>>,
}

impl<'c> TermCounts<'c> {
    /// Sized for `words` up front: growing the map showed as a third of its cost.
    fn new(config: &'c Config, words: usize, stems: bool) -> Self {
        TermCounts {
            config,
            terms: HashMap::with_capacity_and_hasher(words, Default::default()),
            stems,
        }
    }

    /// Stems of two characters or more that are not stopwords.
    fn keep(stem_chars: usize, stop: bool) -> bool {
        !stop && stem_chars > 1
    }

    fn add(&mut self, stem: &std::sync::Arc<str>, hash: u64, w: [f64; 3]) {
        let keep_stem = self.stems;
        let c = self.terms.entry(mix64(hash)).or_insert_with(|| Counts {
            body: 0.0,
            lead: 0.0,
            names: 0.0,
            stem: keep_stem.then(|| stem.clone()),
        });
        c.body += w[0];
        c.lead += w[1];
        c.names += w[2];
    }

    /// A word of the body, in sentence `sentence` (from 0).
    fn body_word(&mut self, sentence: usize, word: &Word) {
        if !Self::keep(word.stem_chars.into(), word.stop) {
            return;
        }
        let lead = if sentence < LEAD_SENTENCES { 1.0 } else { 0.0 };
        let w = if word.is_name() {
            [self.config.name_weight, lead, 1.0]
        } else {
            [1.0, lead, 0.0]
        };
        self.add(word.stem, word.hash, w);
    }

    /// The title's words, after the body's.
    fn title(&mut self, analyzer: &Analyzer, title: Option<&str>, language: &str) {
        let Some(title) = title else {
            return;
        };
        let weight = self.config.title_weight;
        for t in analyzer.tokens_of(title, language) {
            if Self::keep(t.stem.chars().count(), t.stop) {
                let names = if t.capitalized { 1.0 } else { 0.0 };
                self.add(&t.stem, t.hash, [weight, weight, names]);
            }
        }
    }

    fn features(self) -> Features {
        let mut terms: Vec<(u64, Counts)> = self.terms.into_iter().collect();
        terms.sort_unstable_by_key(|(k, _)| *k);
        let field = |f: fn(&Counts) -> f64| {
            damp(
                terms
                    .iter()
                    .filter(|(_, c)| f(c) > 0.0)
                    .map(|(k, c)| (*k, f(c))),
            )
        };
        Features {
            body: field(|c| c.body),
            lead: field(|c| c.lead),
            names: field(|c| c.names),
            stems: terms.into_iter().filter_map(|(_, c)| c.stem).collect(),
        }
    }
}

/// Names of the pair features, in [`PairFeatures`] order (also the model file's order).
pub const FEATURE_NAMES: [&str; 8] = [
    "cos_body",
    "cos_lead",
    "cos_names",
    "max_recent",
    "log_days_gap",
    "undated",
    "margin_body",
    "margin_recent",
];

/// What the model sees of one (article, story) pair.
pub type PairFeatures = [f64; FEATURE_NAMES.len()];

/// Logistic model over [`PairFeatures`]: P(article belongs to story) = σ(w·x + b).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    pub bias: f64,
    /// How the weights were obtained (training streams, regularization), for the record.
    #[serde(default)]
    pub trained_on: String,
}

impl Model {
    /// The model shipped with concord (`src/model.json`, written by `examples/train.rs`).
    pub fn shipped() -> Model {
        Model::from_json(include_str!("model.json")).expect("a valid src/model.json")
    }

    /// Reads a model file, checking that it was trained on this version's features.
    pub fn from_json(text: &str) -> Result<Model, String> {
        let m: Model = serde_json::from_str(text).map_err(|e| e.to_string())?;
        m.check()?;
        Ok(m)
    }

    /// Whether this version can use the model: trained on its features, weights finite (a
    /// model kept in a store may predate a change of features).
    pub fn check(&self) -> Result<(), String> {
        if self.features != FEATURE_NAMES || self.weights.len() != FEATURE_NAMES.len() {
            return Err(format!(
                "the model's features {:?} are not this concord's {:?}; retrain it with examples/train.rs",
                self.features, FEATURE_NAMES
            ));
        }
        if !self.bias.is_finite() || self.weights.iter().any(|w| !w.is_finite()) {
            return Err("the model has a weight that is not a finite number".into());
        }
        Ok(())
    }

    pub fn probability(&self, x: &PairFeatures) -> f64 {
        let z: f64 = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub story: String,
    /// The model's probability that the article belongs to the story it joined (1.0 for a
    /// story's founding article).
    pub similarity: f64,
    pub new_story: bool,
    /// The article brought a retired story back (see [`Clusterer::assign_with_archive`]);
    /// `similarity` is then the cosine of the article with the story's body centroid.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
    /// The terms that weigh most in the match (shared stems, heaviest first); empty for a
    /// founding article, and when [`Clusterer::explain`] is off.
    pub shared_terms: Vec<String>,
    /// Stories merged since the previous assignment (by this article bridging them, or by the
    /// merge pass): each `from` id now redirects to its `into` id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<Merge>,
    /// A story the model would have joined but that was over for this article: quiet for
    /// [`Config::quiet_days`] or more, and the article's body cosine with it below
    /// [`Config::quiet_similarity`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed_over: Option<PassedOver>,
}

/// One story merged into another: `from` retires and redirects to `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub from: String,
    pub into: String,
}

/// A sparse field centroid: the sum of member vectors and its squared norm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Centroid {
    /// Keyed by [`term_key`]: centroids are probed for every candidate of every article.
    pub terms: HashMap<u64, f64>,
    pub norm2: f64,
}

impl Centroid {
    fn cosine(&self, v: &[(u64, f64)]) -> f64 {
        if self.norm2 <= 0.0 {
            return 0.0;
        }
        self.dot(v) / self.norm2.sqrt()
    }

    fn dot(&self, v: &[(u64, f64)]) -> f64 {
        v.iter()
            .filter_map(|(t, w)| self.terms.get(t).map(|c| c * w))
            .sum()
    }

    /// Cosine with another centroid.
    fn cosine_with(&self, other: &Centroid) -> f64 {
        if self.norm2 <= 0.0 || other.norm2 <= 0.0 {
            return 0.0;
        }
        let (small, big) = if self.terms.len() <= other.terms.len() {
            (self, other)
        } else {
            (other, self)
        };
        let dot: f64 = small
            .terms
            .iter()
            .filter_map(|(t, w)| big.terms.get(t).map(|x| x * w))
            .sum();
        dot / (self.norm2 * other.norm2).sqrt()
    }

    /// Adds a unit vector, keeping the norm exact: |c + v|² = |c|² + 2c·v + |v|².
    fn add(&mut self, v: &[(u64, f64)]) {
        self.add_each(v, |_, _, _| {});
    }

    /// Adds `v`, telling `each` every term's new weight and whether the centroid held the term
    /// before: one lookup a term, where adding and then asking took three.
    fn add_each(&mut self, v: &[(u64, f64)], mut each: impl FnMut(u64, f64, bool)) {
        use std::collections::hash_map::Entry;
        // The dot product of `v` with the centroid before the addition (a term new to the
        // centroid adds 0.0, which leaves the sum as it was).
        let (mut dot, mut vn2) = (0.0, 0.0);
        for &(t, w) in v {
            let (c, known) = match self.terms.entry(t) {
                Entry::Occupied(e) => (e.into_mut(), true),
                Entry::Vacant(e) => (e.insert(0.0), false),
            };
            dot += *c * w;
            vn2 += w * w;
            *c += w;
            each(t, *c, known);
        }
        self.norm2 += 2.0 * dot + vn2;
    }
}

/// The persistent part of one story's clustering state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryVector {
    pub id: String,
    pub body: Centroid,
    #[serde(default)]
    pub lead: Centroid,
    #[serde(default)]
    pub names: Centroid,
    /// Body vectors (heaviest terms) of the latest members, oldest first.
    #[serde(default)]
    /// Terms are keyed by [`term_key`] (a stable 64-bit hash): these vectors are compared with
    /// every candidate article, and integer keys make that merge-join cheap.
    pub recent: VecDeque<Vec<(u64, f64)>>,
    pub articles: u64,
    /// Latest publication time (seconds) of a member, if any was dated.
    pub last_time: Option<i64>,
    /// Arrival number of the latest member.
    pub last_seq: u64,
}

/// Everything the clusterer must remember between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Articles seen (arrival numbers count from here).
    pub documents: u64,
    /// The documents the frequencies are counted over: `documents` until the table is first
    /// halved (see [`Config::max_terms`]); `None` (snapshots from before) reads as
    /// `documents`.
    #[serde(default)]
    pub df_documents: Option<u64>,
    /// Document frequencies by [`term_key`].
    pub df: HashMap<u64, u64>,
    pub stories: Vec<StoryVector>,
}

/// What changed in a [`Clusterer`]'s state since the last [`Clusterer::take_changes`]: a store
/// that applies it to the saved state holds [`Clusterer::snapshot`]'s frequencies and counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub documents: u64,
    pub df_documents: u64,
    /// Times every frequency was halved (and those left at 0 dropped): applied to the saved
    /// frequencies before `df`, whose entries are the new values.
    pub halvings: u32,
    /// Changed document frequencies: (term key, frequency).
    pub df: Vec<(u64, u64)>,
    /// Stories that changed, retired ones included.
    pub stories: Vec<StoryVector>,
}

/// An arriving article's vectors, IDF-weighted and normalized.
#[derive(Debug, Clone)]
pub struct Prepared<'f> {
    pub article_id: String,
    /// Keyed by [`term_key`], sorted by key.
    body_keyed: Terms,
    /// Whether each `body_keyed` term is too common to retrieve candidates by.
    common: Vec<bool>,
    /// The stem of each `body_keyed` term, in its order (borrowed from the [`Features`]).
    stems: &'f [std::sync::Arc<str>],
    lead: Terms,
    /// The weight in `lead` of each `body_keyed` term, 0 for terms not in the lead: retrieval
    /// reads the stories' body weights for these terms anyway, so the lead's dot product with a
    /// story's body comes with them.
    lead_by_body: Vec<f64>,
    /// Lead terms that are not body terms (only in hand-built features): looked up.
    lead_outside: Terms,
    names: Terms,
    time: Option<i64>,
    seq: u64,
}

/// A story the article may join, with the model's view of the pair.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Slot of the story in the clusterer ([`Clusterer::story_id`] names it).
    pub slot: usize,
    pub features: PairFeatures,
}

trait WithMargins {
    fn with_margins(self) -> Self;
}

impl WithMargins for Vec<Candidate> {
    /// How far each candidate stands above the best *other* candidate, on the body cosine and on
    /// the recent-member cosine: a clearly best story is evidence even when every similarity is
    /// modest, and a near tie is a warning even when they are high.
    fn with_margins(mut self) -> Self {
        for (feature, margin) in [(0, 6), (3, 7)] {
            let mut top = [0.0f64; 2];
            for c in &self {
                let v = c.features[feature];
                if v > top[0] {
                    top = [v, top[0]];
                } else if v > top[1] {
                    top[1] = v;
                }
            }
            for c in self.iter_mut() {
                let v = c.features[feature];
                let other = if v >= top[0] { top[1] } else { top[0] };
                c.features[margin] = v - other;
            }
        }
        self
    }
}

/// A story's entry in a term's posting list: its slot, and the term's weight in its body
/// centroid.
type Posting = (usize, f64);

/// The online clusterer.
pub struct Clusterer {
    config: Config,
    model: Model,
    /// Articles seen: the arrival number of the last one.
    documents: u64,
    /// Documents the frequencies in `df` are over (see `Clusterer::forget_rare_terms`).
    df_documents: u64,
    df: HashMap<u64, u64>,
    /// Halvings of `df` since the last [`Clusterer::take_changes`].
    halvings: u32,
    /// Story slots; `None` once a story retired from memory.
    stories: Vec<Option<StoryVector>>,
    by_id: HashMap<String, usize>,
    /// Term key → the active stories whose body holds it: (slot, the term's weight in the
    /// story's body centroid, a copy kept equal to it). Candidate retrieval walks these lists
    /// anyway; with the weights there it also sums most of each candidate's body dot product,
    /// instead of probing every candidate's centroid for every term of the article.
    postings: HashMap<u64, Vec<Posting>>,
    dirty_terms: HashSet<u64>,
    dirty_stories: HashSet<usize>,
    retired: Vec<StoryVector>,
    /// Slots of the stories that gained an article since the last merge pass.
    changed_since_merge: HashSet<usize>,
    /// Ids of the stories retired from memory since [`Clusterer::take_retired`], kept only
    /// when asked for by [`Clusterer::report_retirements`].
    retired_ids: Option<Vec<String>>,
    /// Slots emptied by retirement or merging, reused by new stories so that the slot table
    /// stays the size of the active window.
    free: Vec<usize>,
    /// Whether to record what changed for [`Clusterer::take_changes`] (off for callers that
    /// persist nothing: every article would otherwise cost a set insert per term).
    tracking: bool,
    /// Whether assignments carry [`Assignment::shared_terms`] (off for callers that only
    /// need the story).
    explaining: bool,
}

/// Inverse document frequency of a term in `df` of `documents` documents (smoothed).
fn idf(documents: f64, df: u64) -> f64 {
    ((documents + 1.0) / (df as f64 + 1.0)).ln() + 1.0
}

/// `terms` weighted by `idf` (given each term's position and key) and L2-normalized.
fn unit(terms: &[(u64, f64)], idf: impl Fn(usize, u64) -> f64) -> Terms {
    let mut v: Terms = terms
        .iter()
        .enumerate()
        .map(|(i, &(t, w))| (t, w * idf(i, t)))
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
    v
}

/// An article's body terms for lookups by key: a 4,096-bit filter in front of a hash map, since
/// most terms looked up (those of a story's recent members) are not in the article, and the
/// filter answers those from one cache line without hashing (term keys are already mixed).
struct KeySet {
    bits: [u64; 64],
    weights: HashMap<u64, f64>,
}

impl KeySet {
    fn new(terms: &[(u64, f64)]) -> KeySet {
        let mut bits = [0u64; 64];
        for (k, _) in terms {
            bits[((k >> 6) & 63) as usize] |= 1 << (k & 63);
        }
        KeySet {
            bits,
            weights: terms.iter().copied().collect(),
        }
    }

    /// False when the article surely does not hold the term.
    #[inline]
    fn may_hold(&self, k: u64) -> bool {
        self.bits[((k >> 6) & 63) as usize] & (1 << (k & 63)) != 0
    }

    /// The term's weight, 0 when the article does not hold it.
    #[inline]
    fn get(&self, k: u64) -> f64 {
        if !self.may_hold(k) {
            return 0.0;
        }
        self.weights.get(&k).copied().unwrap_or(0.0)
    }
}

/// Sets story `slot`'s weight in term `t`'s postings: updates its entry when the story already
/// held the term (`known`), adds one otherwise (without searching a list it is not on: the
/// lists of common terms hold most active stories).
fn set_posting(
    postings: &mut HashMap<u64, Vec<Posting>>,
    t: u64,
    slot: usize,
    w: f64,
    known: bool,
) {
    let list = postings.entry(t).or_default();
    let entry = known
        .then(|| list.iter_mut().find(|(x, _)| *x == slot))
        .flatten();
    match entry {
        Some(entry) => entry.1 = w,
        None => list.push((slot, w)),
    }
}

/// A term's key: FNV-1a of the stem (the analyzer's [`concord_analyze::Token::hash`]), mixed;
/// stable across versions, since stores keep it.
pub fn term_key(term: &str) -> u64 {
    mix64(fnv1a(term.as_bytes()))
}

fn truncate_heaviest(v: &[(u64, f64)], n: usize) -> Vec<(u64, f64)> {
    let mut top = if v.len() > n {
        heaviest(v.iter().copied(), n)
    } else {
        v.to_vec()
    };
    top.sort_by_key(|x| x.0);
    top
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Self::from_snapshot(config, Snapshot::default())
    }

    /// Resumes from a saved state.
    pub fn from_snapshot(config: Config, snap: Snapshot) -> Self {
        Self::with_model(config, Model::shipped(), snap)
    }

    /// Resumes from a saved state with another model (training, experiments).
    pub fn with_model(config: Config, model: Model, snap: Snapshot) -> Self {
        let mut c = Clusterer {
            config,
            model,
            documents: snap.documents,
            df_documents: snap.df_documents.unwrap_or(snap.documents),
            df: snap.df,
            halvings: 0,
            stories: Vec::with_capacity(snap.stories.len()),
            by_id: HashMap::default(),
            postings: HashMap::default(),
            dirty_terms: HashSet::default(),
            dirty_stories: HashSet::default(),
            retired: Vec::new(),
            changed_since_merge: HashSet::default(),
            retired_ids: None,
            free: Vec::new(),
            tracking: true,
            explaining: true,
        };
        // A snapshot does not say which stories changed since the last merge pass, so every
        // story loaded counts as changed: the next pass probes it. Without this, a story that
        // gained articles just before a batch ended was never probed until its next article.
        // Probing an unchanged pair again gives the cosine it had, so no merge comes of that
        // alone.
        for s in snap.stories {
            let slot = c.insert_story(s);
            c.changed_since_merge.insert(slot);
        }
        c
    }

    fn insert_story(&mut self, s: StoryVector) -> usize {
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.stories.push(None);
                self.stories.len() - 1
            }
        };
        for (term, w) in &s.body.terms {
            self.postings.entry(*term).or_default().push((slot, *w));
        }
        self.by_id.insert(s.id.clone(), slot);
        self.stories[slot] = Some(s);
        slot
    }

    /// Takes a story out of its slot: out of the postings and the id map, and frees the slot.
    fn remove_story(&mut self, slot: usize) -> Option<StoryVector> {
        self.remove_stories(&[slot]).pop().map(|(_, s)| s)
    }

    /// Takes several stories out at once (a sweep retires dozens): each posting list they are
    /// on is rewritten once, not once per story — the lists of common terms hold most stories.
    fn remove_stories(&mut self, slots: &[usize]) -> Vec<(usize, StoryVector)> {
        let mut gone_slot = vec![false; self.stories.len()];
        let mut gone = Vec::with_capacity(slots.len());
        for &slot in slots {
            let Some(s) = self.stories[slot].take() else {
                continue;
            };
            gone_slot[slot] = true;
            self.by_id.remove(&s.id);
            self.changed_since_merge.remove(&slot);
            self.free.push(slot);
            gone.push((slot, s));
        }
        let mut terms: Vec<u64> = gone
            .iter()
            .flat_map(|(_, s)| s.body.terms.keys().copied())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for t in terms {
            if let Some(list) = self.postings.get_mut(&t) {
                list.retain(|&(x, _)| !gone_slot[x]);
                if list.is_empty() {
                    self.postings.remove(&t);
                }
            }
        }
        gone
    }

    /// The id of the active story in `slot`.
    pub fn story_id(&self, slot: usize) -> Option<&str> {
        self.stories.get(slot)?.as_ref().map(|s| s.id.as_str())
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Articles seen so far (the arrival number of the last one).
    pub fn arrivals(&self) -> u64 {
        self.documents
    }

    /// Stories held in memory (active, not retired).
    pub fn active_stories(&self) -> usize {
        self.by_id.len()
    }

    fn idf(&self, term: u64) -> f64 {
        idf(
            self.df_documents as f64,
            self.df.get(&term).copied().unwrap_or(0),
        )
    }

    /// Terms in the document-frequency table.
    pub fn known_terms(&self) -> usize {
        self.df.len()
    }

    /// Keeps the document-frequency table within [`Config::max_terms`]: past it, every
    /// frequency is halved, with the count of documents they are over, and terms left at 0
    /// are forgotten — until at most three quarters of the limit remain, so that the next
    /// sweeps do not halve again at once.
    ///
    /// Why halving: IDF depends on the ratio of a term's frequency to the documents counted,
    /// which halving both keeps (up to rounding), so common and middling terms weigh as
    /// before. The terms forgotten are those seen once (the bulk of any growing vocabulary:
    /// names, numbers, misspellings); one that comes back counts as new, which is what it
    /// looked like the first time. The older counts weigh half as much as the newer ones
    /// from then on, a recency weighting a news stream can use.
    fn forget_rare_terms(&mut self) {
        if self.df.len() <= self.config.max_terms {
            return;
        }
        while self.df.len() > self.config.max_terms / 4 * 3 {
            self.df.retain(|_, n| {
                *n /= 2;
                *n > 0
            });
            self.df_documents /= 2;
            if self.tracking {
                self.halvings += 1;
                let df = &self.df;
                self.dirty_terms.retain(|t| df.contains_key(t));
            }
        }
    }

    /// Whether story `s` is outside the window for an article at `time` / arrival `seq`, with
    /// `slack_days` added to the day window.
    fn outside_window(
        &self,
        s: &StoryVector,
        time: Option<i64>,
        seq: u64,
        slack_days: f64,
    ) -> bool {
        match (time, s.last_time) {
            (Some(t), Some(last)) => {
                (t - last) as f64 > (self.config.window_days + slack_days) * 86_400.0
            }
            _ => seq.saturating_sub(s.last_seq) > self.config.window_articles,
        }
    }

    /// Counts the article into the document frequencies and builds its vectors.
    pub fn prepare<'f>(
        &mut self,
        article_id: &str,
        f: &'f Features,
        time: Option<i64>,
    ) -> Prepared<'f> {
        debug_assert!(
            !self.explaining || f.stems.len() == f.body.len(),
            "explaining needs features with their stems (Features::from_text)"
        );
        self.documents += 1;
        self.df_documents += 1;
        let max_df = self.max_candidate_df();
        let mut common = Vec::with_capacity(f.body.len());
        // Each body term's IDF, computed where its count is updated: one lookup in the large
        // frequency table per term. `lead` and `names` terms are `body` terms (see `Features`),
        // so theirs are found here; a term that is not (hand-built features) is looked up.
        let mut body_idf: Vec<(u64, f64)> = Vec::with_capacity(f.body.len());
        let n = self.df_documents as f64;
        for &(term, _) in &f.body {
            let df = self.df.entry(term).or_default();
            *df += 1;
            common.push(*df as f64 > max_df);
            body_idf.push((term, idf(n, *df)));
            if self.tracking {
                self.dirty_terms.insert(term);
            }
        }
        // A term's place among the body terms (both lists are sorted by key).
        let place = |t: u64| body_idf.binary_search_by_key(&t, |&(k, _)| k);
        let idf_of = |place: Result<usize, usize>, t: u64| match place {
            Ok(i) => body_idf[i].1,
            Err(_) => self.idf(t),
        };
        let body_keyed = unit(&f.body, |i, _| body_idf[i].1);
        // Each lead term's place serves twice: for its IDF and to line it up with the body.
        let lead_places: Vec<Result<usize, usize>> =
            f.lead.iter().map(|&(t, _)| place(t)).collect();
        let lead = unit(&f.lead, |i, t| idf_of(lead_places[i], t));
        let names = unit(&f.names, |_, t| idf_of(place(t), t));
        let mut lead_by_body = vec![0.0; body_keyed.len()];
        let mut lead_outside = Vec::new();
        for (&(t, w), found) in lead.iter().zip(&lead_places) {
            match found {
                Ok(i) => lead_by_body[*i] = w,
                Err(_) => lead_outside.push((t, w)),
            }
        }
        Prepared {
            article_id: article_id.to_string(),
            body_keyed,
            common,
            stems: &f.stems,
            lead,
            lead_by_body,
            lead_outside,
            names,
            time,
            seq: self.documents,
        }
    }

    /// Document frequency above which a term is too common to retrieve candidates by.
    fn max_candidate_df(&self) -> f64 {
        (self.config.max_candidate_df * self.df_documents as f64).max(2.0)
    }

    /// The pair's features; `body_dot` and `lead_dot` are the dot products of the article's
    /// body and lead vectors with the story's body centroid (summed by
    /// [`Clusterer::candidates`], mostly from the postings).
    fn pair_features(
        &self,
        a: &Prepared,
        a_keyed: &KeySet,
        s: &StoryVector,
        body_dot: f64,
        lead_dot: f64,
    ) -> PairFeatures {
        // Recent members are short (their heaviest terms), so looking them up in the article's
        // set beats merging with the article's full vector.
        // Only the terms the filter lets through are looked up and summed: most are not in
        // the article, and a chain of additions of zero cost more than the lookups. (Skipping
        // them changes no sum: adding 0.0 leaves a sum as it was.)
        let max_recent = s
            .recent
            .iter()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| a_keyed.may_hold(*k))
                    .map(|(k, w)| a_keyed.get(*k) * w)
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        // Arrival gaps are not a feature: how many other stories interleave says more about the
        // feed's density than about the story (they only bound the window, for retirement).
        let (days, undated) = match (a.time, s.last_time) {
            (Some(t), Some(last)) => ((t - last).abs() as f64 / 86_400.0, 0.0),
            _ => (0.0, 1.0),
        };
        let (cos_body, cos_lead) = if s.body.norm2 > 0.0 {
            let norm = s.body.norm2.sqrt();
            (body_dot / norm, lead_dot / norm)
        } else {
            (0.0, 0.0)
        };
        [
            cos_body,
            cos_lead,
            s.names.cosine(&a.names),
            max_recent,
            days.ln_1p(),
            undated,
            0.0, // margins: filled in once every candidate is scored
            0.0,
        ]
    }

    /// The active stories sharing a distinctive term with the article, with their features:
    /// at most [`MAX_CANDIDATES`], those with the highest body cosine over the distinctive
    /// terms.
    pub fn candidates(&self, a: &Prepared) -> Vec<Candidate> {
        // Per slot: the dot products of the story's body centroid with the article's body and
        // with its lead, over the distinctive terms (weights are positive, so a slot is
        // touched when its body sum leaves 0).
        let mut acc: Vec<[f64; 2]> = vec![[0.0; 2]; self.stories.len()];
        let mut touched: Vec<usize> = Vec::new();
        // (term, body weight, lead weight)
        let mut common: Vec<(u64, f64, f64)> = Vec::new();
        // The lists are found first and walked after: the table probes miss the cache, and
        // done back to back (they do not depend on each other) the processor overlaps them,
        // where a walk between two probes kept it waiting for each in turn.
        let mut lists: Vec<([f64; 2], &[Posting])> = Vec::with_capacity(a.body_keyed.len());
        for ((&(term, w), &is_common), &lw) in
            a.body_keyed.iter().zip(&a.common).zip(&a.lead_by_body)
        {
            if is_common {
                common.push((term, w, lw));
                continue;
            }
            if let Some(list) = self.postings.get(&term) {
                lists.push(([w, lw], list));
            }
        }
        for ([w, lw], list) in lists {
            for &(slot, cw) in list {
                let sums = &mut acc[slot];
                if sums[0] == 0.0 {
                    touched.push(slot);
                }
                sums[0] += w * cw;
                // 0.0 for a term not in the lead, which leaves the sum as it was.
                sums[1] += lw * cw;
            }
        }
        let slots: Vec<(usize, f64, [f64; 2])> = touched
            .into_iter()
            .filter_map(|slot| {
                let s = self.stories[slot].as_ref()?;
                if self.outside_window(s, a.time, a.seq, 0.0) {
                    return None;
                }
                // Ranked by the body cosine over the distinctive terms: close to the cosine the
                // model sees, so a handful of candidates holds the ones that matter.
                let rare_cos = acc[slot][0] / s.body.norm2.sqrt().max(f64::MIN_POSITIVE);
                Some((slot, rare_cos, acc[slot]))
            })
            .collect();
        // Ties by slot, so that the choice never depends on hash order.
        let slots = first_n(slots, MAX_CANDIDATES, |x, y| {
            y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
        });
        let a_keyed = KeySet::new(&a.body_keyed);
        slots
            .into_iter()
            .filter_map(|(slot, _, [rare_dot, rare_lead_dot])| {
                let s = self.stories[slot].as_ref()?;
                // The common terms' part of the dot products, by lookup: few terms per article.
                let (mut body_dot, mut lead_dot) = (0.0, 0.0);
                for (t, w, lw) in &common {
                    if let Some(c) = s.body.terms.get(t) {
                        body_dot += c * w;
                        lead_dot += c * lw;
                    }
                }
                let body_dot = rare_dot + body_dot;
                let lead_dot = rare_lead_dot + lead_dot + s.body.dot(&a.lead_outside);
                Some(Candidate {
                    slot,
                    features: self.pair_features(a, &a_keyed, s, body_dot, lead_dot),
                })
            })
            .collect::<Vec<_>>()
            .with_margins()
    }

    /// Assigns an article (by id, with its features and publication time in seconds).
    pub fn assign(
        &mut self,
        article_id: &str,
        features: &Features,
        time: Option<i64>,
    ) -> Assignment {
        self.assign_with_archive(article_id, features, time, &mut |_| Vec::new())
    }

    /// Like [`Clusterer::assign`], and when no active story takes the article, a retired story
    /// can take it back: `archive` is asked for stored stories indexed under the article's
    /// heaviest terms (keys of [`story_terms`]), and the one whose body centroid has the
    /// highest cosine with the article, if at least [`Config::reopen_similarity`], is brought
    /// back into memory and joined (`Assignment::reopened`).
    ///
    /// The pair model is not used for this: it was fitted on gaps within the window, and its
    /// margin features make any lone candidate look certain. The cosine bar is the one the
    /// merge pass uses for two stories of one event.
    pub fn assign_with_archive(
        &mut self,
        article_id: &str,
        features: &Features,
        time: Option<i64>,
        archive: &mut dyn FnMut(&[u64]) -> Vec<StoryVector>,
    ) -> Assignment {
        let a = self.prepare(article_id, features, time);
        // (probability, slot, body cosine, days the story has been quiet when that makes it
        // over for the article)
        let mut scored: Vec<(f64, usize, f64, Option<f64>)> = self
            .candidates(&a)
            .into_iter()
            .map(|c| {
                let cosine = c.features[0];
                let over = self.quiet_and_unlike(&a, c.slot, cosine);
                (self.model.probability(&c.features), c.slot, cosine, over)
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let threshold = self.config.threshold;
        let joinable = |c: &(f64, usize, f64, Option<f64>)| c.0 >= threshold && c.3.is_none();
        // The most probable story the article would have joined but that is over for it.
        let passed_over = scored
            .iter()
            .take_while(|c| c.0 >= threshold && !joinable(c))
            .find_map(|&(p, slot, cosine, over)| {
                Some(PassedOver {
                    story: self.story_id(slot)?.to_string(),
                    quiet_days: over?,
                    cosine,
                    probability: p,
                })
            });
        let mut assigned = match scored.iter().position(joinable) {
            Some(k) => {
                let (p, slot, _, _) = scored[k];
                let mut assigned = self.join(a, Some(slot), p);
                // Bridging (off by default): other stories this probable merge into this one,
                // except stories that are over for the article.
                for (i, &(q, other, _, over)) in scored.iter().enumerate() {
                    if i != k && over.is_none() && q >= self.config.merge_threshold {
                        let from = self.merge(slot, other);
                        assigned.merged.push(Merge {
                            from,
                            into: assigned.story.clone(),
                        });
                    }
                }
                assigned
            }
            None => match self.retired_match(&a, archive) {
                Some((similarity, story)) => {
                    let slot = story.unwrap_or_else(|stored| self.insert_story(stored));
                    let mut assigned = self.join(a, Some(slot), similarity);
                    assigned.reopened = true;
                    assigned
                }
                None => self.join(a, None, 1.0),
            },
        };
        assigned.passed_over = passed_over;
        self.after_join(assigned)
    }

    /// How many days story `slot` has been quiet, when that makes it over for the article: an
    /// established story, silent for [`Config::quiet_days`] or more before the article, with
    /// which the article's body cosine is below [`Config::quiet_similarity`] (see the crate
    /// docs). `None` when the article may join it.
    fn quiet_and_unlike(&self, a: &Prepared, slot: usize, cosine: f64) -> Option<f64> {
        let s = self.stories[slot].as_ref()?;
        if cosine >= self.config.quiet_similarity || s.articles < QUIET_MIN_ARTICLES {
            return None;
        }
        let days = (a.time? - s.last_time?) as f64 / 86_400.0;
        (days >= self.config.quiet_days).then_some(days)
    }

    /// The retired story that takes the article back, with its cosine: one past the window but
    /// not yet swept from memory, or one from `archive` (swept, stored). A story still in memory
    /// stays in its slot (`Ok`); a stored one comes back as a vector to insert (`Err`).
    fn retired_match(
        &self,
        a: &Prepared,
        archive: &mut dyn FnMut(&[u64]) -> Vec<StoryVector>,
    ) -> Option<(f64, Result<usize, StoryVector>)> {
        if self.config.reopen_similarity > 1.0 {
            return None;
        }
        let probe: Vec<u64> = heaviest(a.body_keyed.iter().copied(), STORY_TERMS)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        if probe.is_empty() {
            return None;
        }
        let mut expired: Vec<usize> = probe
            .iter()
            .filter_map(|t| self.postings.get(t))
            .flatten()
            .map(|&(slot, _)| slot)
            .filter(|&slot| {
                self.stories[slot]
                    .as_ref()
                    .is_some_and(|s| self.outside_window(s, a.time, a.seq, 0.0))
            })
            .collect();
        expired.sort_unstable();
        expired.dedup();
        let in_memory = expired.into_iter().map(|slot| {
            let s = self.stories[slot].as_ref().expect("live slot");
            (s.body.cosine(&a.body_keyed), s.id.clone(), Ok(slot))
        });
        let stored = archive(&probe)
            .into_iter()
            .filter(|s| !self.by_id.contains_key(&s.id))
            .map(|s| (s.body.cosine(&a.body_keyed), s.id.clone(), Err(s)));
        in_memory
            .chain(stored)
            .filter(|(c, _, _)| *c >= self.config.reopen_similarity)
            // The most similar; on a tie, the id that sorts first.
            .max_by(|x, y| x.0.total_cmp(&y.0).then_with(|| y.1.cmp(&x.1)))
            .map(|(c, _, s)| (c, s))
    }

    /// Runs the merge pass every [`Config::merge_every`] arrivals and reports its merges with
    /// the assignment; the article's own story id follows a merge of its story.
    fn after_join(&mut self, mut assigned: Assignment) -> Assignment {
        if self.config.merge_similarity <= 1.0
            && self
                .documents
                .is_multiple_of(self.config.merge_every.max(1))
        {
            for m in self.merge_pass() {
                if assigned.story == m.from {
                    assigned.story = m.into.clone();
                }
                assigned.merged.push(m);
            }
        }
        assigned
    }

    /// Joins active stories that turned out to be one event: pairs whose body centroids have a
    /// cosine of at least [`Config::merge_similarity`], most similar first, each story at most
    /// once per pass; the smaller story merges into the larger.
    ///
    /// Only stories that gained an article since the last pass are probed (two unchanged
    /// stories compared the same last time), each against the [`MERGE_PROBES`] stories sharing
    /// most weight on its [`MERGE_PROBES`]×2 heaviest terms that are in few stories: a pass
    /// costs about the arrivals since the last one, not the number of active stories.
    pub fn merge_pass(&mut self) -> Vec<Merge> {
        let changed: Vec<usize> = std::mem::take(&mut self.changed_since_merge)
            .into_iter()
            .collect();
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for slot in changed {
            let Some(s) = self.stories[slot].as_ref() else {
                continue;
            };
            let rare = |t: u64| {
                self.postings
                    .get(&t)
                    .is_some_and(|l| l.len() > 1 && l.len() <= MERGE_RARE_STORIES)
            };
            let mut shared: HashMap<usize, f64> = HashMap::default();
            for (t, w) in heaviest_where(&s.body.terms, 2 * MERGE_PROBES, rare) {
                for &(other, _) in &self.postings[&t] {
                    if other != slot {
                        *shared.entry(other).or_default() += w;
                    }
                }
            }
            let mut near: Vec<(usize, f64)> = shared.into_iter().collect();
            near.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            for &(other, _) in near.iter().take(MERGE_PROBES) {
                let Some(o) = self.stories[other].as_ref() else {
                    continue;
                };
                // A story past the window (not yet swept from memory) is no candidate, as for
                // an article.
                let (older, newer) = if o.last_seq > s.last_seq {
                    (s, o)
                } else {
                    (o, s)
                };
                if self.outside_window(older, newer.last_time, newer.last_seq, 0.0) {
                    continue;
                }
                let sim = s.body.cosine_with(&o.body);
                if sim >= self.config.merge_similarity {
                    pairs.push((sim, slot.min(other), slot.max(other)));
                }
            }
        }
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let mut done: HashSet<usize> = HashSet::default();
        let mut merges = Vec::new();
        for (_, a, b) in pairs {
            if done.contains(&a) || done.contains(&b) {
                continue;
            }
            let (sa, sb) = match (&self.stories[a], &self.stories[b]) {
                (Some(x), Some(y)) => (x, y),
                _ => continue,
            };
            // The survivor is the larger story (on a tie, the id that sorts first, so that the
            // choice never depends on slot order).
            let (into, from) = if (sb.articles, std::cmp::Reverse(&sb.id))
                > (sa.articles, std::cmp::Reverse(&sa.id))
            {
                (b, a)
            } else {
                (a, b)
            };
            let from_id = self.merge(into, from);
            done.insert(a);
            done.insert(b);
            merges.push(Merge {
                from: from_id,
                into: self.stories[into].as_ref().expect("live story").id.clone(),
            });
        }
        merges
    }

    /// Merges story `from` into story `into`; returns the id of `from`, which retires.
    fn merge(&mut self, into: usize, from: usize) -> String {
        let gone = self.remove_story(from).expect("live story");
        self.dirty_stories.remove(&from);
        let s = self.stories[into].as_mut().expect("live story");
        let known: Vec<bool> = gone
            .body
            .terms
            .keys()
            .map(|t| s.body.terms.contains_key(t))
            .collect();
        for (field, other) in [
            (&mut s.body, &gone.body),
            (&mut s.lead, &gone.lead),
            (&mut s.names, &gone.names),
        ] {
            for (t, w) in &other.terms {
                *field.terms.entry(*t).or_default() += w;
            }
            field.norm2 = field.terms.values().map(|w| w * w).sum();
        }
        for (t, known) in gone.body.terms.keys().zip(known) {
            set_posting(&mut self.postings, *t, into, s.body.terms[t], known);
        }
        s.recent.extend(gone.recent);
        while s.recent.len() > RECENT {
            s.recent.pop_front();
        }
        s.articles += gone.articles;
        s.last_seq = s.last_seq.max(gone.last_seq);
        s.last_time = match (s.last_time, gone.last_time) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        };
        if self.tracking {
            self.dirty_stories.insert(into);
        }
        self.changed_since_merge.insert(into);
        gone.id
    }

    /// Puts a prepared article into story `slot`, or into a new story.
    pub fn join(&mut self, a: Prepared, slot: Option<usize>, similarity: f64) -> Assignment {
        if a.seq.is_multiple_of(SWEEP_EVERY) {
            self.retire(a.time, a.seq);
        }
        let new_story = slot.is_none_or(|s| self.stories[s].is_none());
        let slot = match slot {
            Some(s) if !new_story => s,
            _ => {
                let id = self.unique_story_id(&a.article_id);
                self.insert_story(StoryVector {
                    id,
                    last_seq: a.seq,
                    ..Default::default()
                })
            }
        };
        let shared_terms = if new_story || !self.explaining {
            Vec::new()
        } else {
            self.shared_terms(&a, slot, 8)
        };
        let story = self.stories[slot].as_mut().expect("live slot");
        // A term new to the story gets a posting; a known one has its weight updated.
        let postings = &mut self.postings;
        story.body.add_each(&a.body_keyed, |t, w, known| {
            set_posting(postings, t, slot, w, known)
        });
        story.lead.add(&a.lead);
        story.names.add(&a.names);
        story
            .recent
            .push_back(truncate_heaviest(&a.body_keyed, RECENT_TERMS));
        if story.recent.len() > RECENT {
            story.recent.pop_front();
        }
        story.articles += 1;
        story.last_seq = a.seq;
        story.last_time = match (story.last_time, a.time) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        };
        if self.tracking {
            self.dirty_stories.insert(slot);
        }
        self.changed_since_merge.insert(slot);
        Assignment {
            story: story.id.clone(),
            similarity,
            new_story,
            reopened: false,
            shared_terms,
            merged: Vec::new(),
            passed_over: None,
        }
    }

    /// The article's terms that contribute most to its match with story `slot`.
    fn shared_terms(&self, a: &Prepared, slot: usize, n: usize) -> Vec<String> {
        let Some(s) = self.stories[slot].as_ref() else {
            return Vec::new();
        };
        let shared: Vec<(&str, f64)> = a
            .body_keyed
            .iter()
            .zip(a.stems)
            .filter_map(|((t, w), stem)| s.body.terms.get(t).map(|c| (&**stem, c * w)))
            .collect();
        first_n(shared, n, |x, y| {
            y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0))
        })
        .into_iter()
        .map(|(t, _)| t.to_string())
        .collect()
    }

    /// Moves stories that can no longer be joined out of memory (they stay in the store).
    fn retire(&mut self, time: Option<i64>, seq: u64) {
        // Judged against the newest article, with a day's slack for late reports.
        let expired: Vec<usize> = (0..self.stories.len())
            .filter(|&i| {
                self.stories[i]
                    .as_ref()
                    .is_some_and(|s| self.outside_window(s, time, seq, SWEEP_SLACK_DAYS))
            })
            .collect();
        for (slot, s) in self.remove_stories(&expired) {
            if let Some(ids) = self.retired_ids.as_mut() {
                ids.push(s.id.clone());
            }
            if self.dirty_stories.remove(&slot) {
                self.retired.push(s);
            }
        }
        self.forget_rare_terms();
    }

    /// Whether to keep the ids of stories as they retire, for [`Clusterer::take_retired`] (a
    /// caller holding output until a story can no longer change).
    pub fn report_retirements(&mut self, on: bool) {
        self.retired_ids = on.then(Vec::new);
    }

    /// The stories retired from memory since the last call: they will not gain articles or
    /// merge any more (in this run). Empty unless [`Clusterer::report_retirements`] is on.
    pub fn take_retired(&mut self) -> Vec<String> {
        self.retired_ids
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn unique_story_id(&self, article_id: &str) -> String {
        let mut salt = 0u32;
        loop {
            let key = if salt == 0 {
                article_id.to_string()
            } else {
                format!("{article_id}#{salt}")
            };
            let id = format!("s{:012x}", mix64(fnv1a(key.as_bytes())) >> 16);
            if !self.by_id.contains_key(&id) {
                return id;
            }
            salt += 1;
        }
    }

    /// The state to persist, whole (active stories only).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            documents: self.documents,
            df_documents: Some(self.df_documents),
            df: self.df.clone(),
            stories: self.stories.iter().flatten().cloned().collect(),
        }
    }

    /// Whether to record what changed for [`Clusterer::take_changes`] (on by default). Callers
    /// that persist nothing (the `cluster` filter) turn it off; turning it off drops what was
    /// recorded.
    pub fn track_changes(&mut self, on: bool) {
        self.tracking = on;
        if !on {
            self.dirty_terms.clear();
            self.dirty_stories.clear();
            self.retired.clear();
            self.halvings = 0;
        }
    }

    /// Whether assignments list the terms shared with the story joined
    /// ([`Assignment::shared_terms`]; on by default).
    pub fn explain(&mut self, on: bool) {
        self.explaining = on;
    }

    /// What changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        let df = self.dirty_terms.drain().map(|t| (t, self.df[&t])).collect();
        let mut stories: Vec<StoryVector> = std::mem::take(&mut self.retired);
        stories.extend(
            self.dirty_stories
                .drain()
                .filter_map(|i| self.stories[i].clone()),
        );
        Changes {
            documents: self.documents,
            df_documents: self.df_documents,
            halvings: std::mem::take(&mut self.halvings),
            df,
            stories,
        }
    }
}

/// MurmurHash3's finalizer: spreads FNV's weak low-order differences over all bits, so ids of
/// similar article ids ("j1", "j3") do not look alike.
fn mix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Clusterer {
        /// The postings hold exactly the live stories' body terms, once each, with the
        /// centroid's weight (the same bits: both are the same sums).
        fn assert_postings_consistent(&self) {
            let mut entries = 0;
            for (slot, s) in self.stories.iter().enumerate() {
                let Some(s) = s else { continue };
                for (t, w) in &s.body.terms {
                    let on: Vec<f64> = self.postings[t]
                        .iter()
                        .filter(|(x, _)| *x == slot)
                        .map(|(_, cw)| *cw)
                        .collect();
                    assert_eq!(on, [*w], "story {} term {t}", s.id);
                    entries += 1;
                }
            }
            let total: usize = self.postings.values().map(Vec::len).sum();
            assert_eq!(total, entries, "postings of stories no longer live");
        }
    }

    fn feats(an: &Analyzer, text: &str, title: Option<&str>) -> Features {
        let a = an.analyze(text, Some("en"));
        Features::from_analysis(an, &a, text, title, &Config::default())
    }

    #[test]
    fn overrides_set_only_the_fields_named_and_are_checked() {
        let set = |pairs: &[(&str, serde_json::Value)]| {
            let m: serde_json::Map<String, serde_json::Value> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            Config::default().with_overrides(&m)
        };
        let c = set(&[("threshold", 0.7.into()), ("max_terms", 1000.into())]).unwrap();
        assert_eq!((c.threshold, c.max_terms), (0.7, 1000));
        let d = Config::default();
        assert_eq!(
            (c.window_days, c.merge_similarity, c.title_weight),
            (d.window_days, d.merge_similarity, d.title_weight)
        );
        let err = |pairs: &[(&str, serde_json::Value)]| set(pairs).unwrap_err();
        assert!(err(&[("treshold", 0.7.into())]).contains("treshold"));
        assert!(err(&[("threshold", "high".into())]).contains("threshold"));
        assert!(err(&[("window_days", 0.into())]).contains("window_days"));
        assert!(err(&[("merge_similarity", (-0.5).into())]).contains("merge_similarity"));
        assert!(err(&[("max_terms", 0.into())]).contains("max_terms"));
        assert!(err(&[("merge_every", 0.into())]).contains("merge_every"));
        // Above 1 turns a step off: valid.
        assert!(set(&[("merge_similarity", 2.0.into())]).is_ok());
    }

    #[test]
    fn same_event_joins_and_different_events_split() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        let quake1 = feats(
            &an,
            "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said, triggering a tsunami warning for Aceh province.",
            Some("Earthquake strikes off Sumatra"),
        );
        let quake2 = feats(
            &an,
            "Indonesia issued a tsunami warning for Aceh after a strong earthquake hit near Sumatra, officials said. The quake's magnitude was 7.1.",
            None,
        );
        let budget = feats(
            &an,
            "The Dutch parliament approved the national budget on Tuesday after a long debate over pension reform and healthcare spending.",
            Some("Dutch budget passes"),
        );
        let a = c.assign("q1", &quake1, None);
        let b = c.assign("q2", &quake2, None);
        let d = c.assign("b1", &budget, None);
        assert!(a.new_story);
        assert_eq!(a.story, b.story, "p {}", b.similarity);
        assert!(
            b.shared_terms.iter().any(|t| t == "sumatra" || t == "aceh"),
            "{:?}",
            b.shared_terms
        );
        assert_ne!(a.story, d.story);
        assert!(d.new_story);
    }

    #[test]
    fn a_clusterer_that_persists_and_explains_nothing_assigns_the_same() {
        let an = Analyzer::new();
        let texts = [
            "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said.",
            "Indonesia issued a tsunami warning for Aceh after a strong earthquake hit near Sumatra.",
            "The Dutch parliament approved the national budget on Tuesday after a long debate.",
        ];
        let features: Vec<Features> = texts.iter().map(|t| feats(&an, t, None)).collect();
        let mut full = Clusterer::new(Config::default());
        let mut lean = Clusterer::new(Config::default());
        lean.track_changes(false);
        lean.explain(false);
        for (i, f) in features.iter().enumerate() {
            let id = format!("a{i}");
            let x = full.assign(&id, f, None);
            let y = lean.assign(&id, f, None);
            assert_eq!((&x.story, x.similarity), (&y.story, y.similarity));
            assert!(y.shared_terms.is_empty());
            assert_eq!(x.shared_terms.is_empty(), x.new_story);
        }
        let changes = full.take_changes();
        assert!(!changes.df.is_empty() && !changes.stories.is_empty());
        let changes = lean.take_changes();
        assert!(changes.df.is_empty() && changes.stories.is_empty());
    }

    #[test]
    fn features_read_from_the_text_equal_features_from_its_analysis() {
        let an = Analyzer::new();
        let config = Config::default();
        // A stream in several languages, one without a stemmer, with and without titles and
        // stated languages: the expectation carried from article to article must match too.
        let stream: [(&str, Option<&str>, Option<&str>); 6] = [
            (
                "WASHINGTON (AP) _ The U.S. Senate approved the budget on Tuesday. Sen. Smith's amendment failed, 51-49. \"It's over,\" he said.\n\nThe House votes next week on 3,197 pages.",
                Some("Senate Passes Budget"),
                None,
            ),
            (
                "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays. Les syndicats jugent l\u{2019}aide insuffisante.",
                Some("Sécheresse : l\u{2019}État promet une aide"),
                None,
            ),
            (
                "Die Regierung hat am Dienstag neue Maßnahmen beschlossen. Die Opposition kritisierte den Plan scharf.",
                None,
                Some("de"),
            ),
            (
                "東京で大きな地震があった。被害の報告はまだない。",
                None,
                Some("ja"),
            ),
            (
                "Η κυβέρνηση ανακοίνωσε νέα μέτρα. ΟΔΟΣ ΣΟΦΟΣ.",
                Some("Νέα μέτρα"),
                None,
            ),
            ("", None, None),
        ];
        let mut by_analysis = ExpectedLanguage::default();
        let mut by_text = ExpectedLanguage::default();
        let mut unexplained = ExpectedLanguage::default();
        for (text, title, stated) in stream {
            let analysis = by_analysis.analyze(&an, text, stated);
            let expected = Features::from_analysis(&an, &analysis, text, title, &config);
            let read = Features::from_text(&an, &mut by_text, text, stated, title, &config);
            assert_eq!(read, expected, "{text}");
            assert_eq!(read.stems.len(), read.body.len(), "{text}");
            assert_eq!(format!("{by_text:?}"), format!("{by_analysis:?}"));
            // Without stems, what the clusterer decides by is the same.
            let bare = Features::from_text_unexplained(
                &an,
                &mut unexplained,
                text,
                stated,
                title,
                &config,
            );
            assert!(bare.stems.is_empty());
            assert_eq!(
                Features {
                    stems: read.stems.clone(),
                    ..bare
                },
                read,
                "{text}"
            );
        }
    }

    #[test]
    fn the_lead_cosine_summed_during_retrieval_is_the_lead_cosine() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        for (i, text) in [
            "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said.",
            "The Dutch parliament approved the national budget on Tuesday after a long debate.",
            "Rescuers searched collapsed buildings in Aceh after the Sumatra earthquake.",
        ]
        .iter()
        .enumerate()
        {
            c.assign(&format!("a{i}"), &feats(&an, text, None), None);
        }
        let mut f = feats(
            &an,
            "Aftershocks shook Sumatra and Aceh as the earthquake toll rose. Officials said aid was on the way.",
            Some("Sumatra earthquake toll rises"),
        );
        // A lead term that is not a body term (possible only in hand-built features).
        f.lead.push((u64::MAX, 0.5));
        let a = c.prepare("b", &f, None);
        assert_eq!(a.lead_outside.len(), 1);
        let candidates = c.candidates(&a);
        assert!(!candidates.is_empty());
        for cand in &candidates {
            let s = c.stories[cand.slot].as_ref().unwrap();
            let direct = s.body.cosine(&a.lead);
            assert!(
                (cand.features[1] - direct).abs() < 1e-12,
                "{} {direct}",
                cand.features[1]
            );
            assert!(direct > 0.0 || cand.features[1] == 0.0);
        }
        assert!(candidates.iter().any(|cand| cand.features[1] > 0.0));
    }

    #[test]
    fn french_reports_group_by_their_stems() {
        let an = Analyzer::new();
        let fr = |text: &str| {
            let a = an.analyze(text, Some("fr"));
            Features::from_analysis(&an, &a, text, None, &Config::default())
        };
        let mut c = Clusterer::new(Config::default());
        let day = 86_400;
        let a = c.assign(
            "fr1",
            &fr("Un violent incendie a ravagé la forêt des Maures dans le Var, obligeant les pompiers à évacuer trois villages."),
            Some(0),
        );
        let b = c.assign(
            "fr2",
            &fr("Les pompiers du Var luttent toujours contre l'incendie de la forêt des Maures; trois villages ont été évacués."),
            Some(day / 2),
        );
        let d = c.assign(
            "fr3",
            &fr("Le gouvernement a présenté son budget pour l'année prochaine devant l'Assemblée nationale."),
            Some(day),
        );
        assert_eq!(a.story, b.story, "p {} {:?}", b.similarity, b.shared_terms);
        // French stems: "villages" and "évacuer"/"évacués" meet on one stem each.
        assert!(
            b.shared_terms.iter().any(|t| t == "villag"),
            "{:?}",
            b.shared_terms
        );
        assert_ne!(a.story, d.story);
    }

    #[test]
    fn german_and_spanish_reports_group_by_event_with_detected_languages() {
        // Two events, each reported three times in German and three times in Spanish, over
        // two days, interleaved; no language is stated, so whatlang decides, and each
        // language's stemmer must bring the inflected forms together.
        let an = Analyzer::new();
        let config = Config::default();
        let hour = 3_600;
        let stream: [(&str, &str, i64); 12] = [
            (
                "de-flood",
                "Nach tagelangem Regen ist die Elbe bei Pirna über die Ufer getreten. Hunderte Keller wurden überflutet, die Feuerwehr pumpte die ganze Nacht.",
                0,
            ),
            (
                "es-strike",
                "Los maquinistas de la compañía ferroviaria iniciaron el lunes una huelga de tres días. Cientos de trenes de cercanías fueron cancelados en Madrid.",
                hour,
            ),
            (
                "de-vote",
                "Der Landtag in Dresden hat am Dienstag das neue Schulgesetz beschlossen. Die Opposition stimmte geschlossen gegen die Reform der Lehrerausbildung.",
                2 * hour,
            ),
            (
                "es-fire",
                "Un incendio forestal obligó a desalojar a cuatrocientos vecinos de dos pueblos de la sierra de Gredos. Los bomberos luchan contra las llamas desde la madrugada.",
                3 * hour,
            ),
            (
                "de-flood",
                "In Pirna steigt das Hochwasser der Elbe weiter. Die Stadt hat Sandsäcke verteilt, überflutete Straßen sind gesperrt und die Feuerwehr ist im Dauereinsatz.",
                5 * hour,
            ),
            (
                "es-strike",
                "La huelga de maquinistas dejó sin servicio a miles de viajeros. La compañía ferroviaria canceló trenes de cercanías y de larga distancia en Madrid.",
                6 * hour,
            ),
            (
                "de-vote",
                "Das Schulgesetz hat den Landtag passiert: Mit den Stimmen der Regierung beschloss das Parlament in Dresden die umstrittene Reform der Lehrerausbildung.",
                8 * hour,
            ),
            (
                "es-fire",
                "Los bomberos siguen luchando contra el incendio de la sierra de Gredos. Los vecinos desalojados de los dos pueblos pasaron la noche en un polideportivo.",
                9 * hour,
            ),
            (
                "de-flood",
                "Die Feuerwehr kämpft in Pirna gegen das Hochwasser. Die Elbe hat weitere Keller und Straßen überflutet, Anwohner füllen Sandsäcke.",
                20 * hour,
            ),
            (
                "es-strike",
                "Segundo día de huelga: los maquinistas mantienen el paro y la compañía ferroviaria vuelve a cancelar cientos de trenes de cercanías en Madrid.",
                24 * hour,
            ),
            (
                "de-vote",
                "Nach dem Beschluss des Schulgesetzes kündigte die Opposition im Landtag eine Klage gegen die Reform der Lehrerausbildung an.",
                26 * hour,
            ),
            (
                "es-fire",
                "El incendio de la sierra de Gredos está controlado. Los vecinos desalojados de los dos pueblos pudieron volver a sus casas, según los bomberos.",
                30 * hour,
            ),
        ];
        let mut c = Clusterer::new(config.clone());
        let mut language = ExpectedLanguage::default();
        let mut story_of: HashMap<&str, String> = HashMap::default();
        for (i, (event, text, time)) in stream.iter().enumerate() {
            let f = Features::from_text(&an, &mut language, text, None, None, &config);
            let a = c.assign(&format!("a{i}"), &f, Some(*time));
            match story_of.get(event) {
                Some(story) => assert_eq!(
                    &a.story, story,
                    "{event} #{i} did not join its story (p {}, {:?})",
                    a.similarity, a.shared_terms
                ),
                None => {
                    assert!(a.new_story, "{event} #{i} joined another event's story");
                    story_of.insert(event, a.story);
                }
            }
        }
        assert_eq!(c.active_stories(), 4);
    }

    #[test]
    fn retrieval_is_bounded_and_keeps_the_story_that_matches() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        // Forty stories that each share two words of the coming article (each word in about a
        // fifth of them: distinctive enough to retrieve by), and one that is its event.
        let shared = [
            "warehouse",
            "harbour",
            "ferry",
            "terminals",
            "overnight",
            "destroyed",
            "blaze",
            "dockers",
            "cranes",
        ];
        let nouns: Vec<String> = (0..120).map(|i| format!("topic{i}x")).collect();
        let places = [
            "Arlon", "Bastia", "Cahors", "Dinan", "Epinal", "Figeac", "Gap", "Hyeres", "Istres",
            "Jarnac", "Laval", "Millau", "Nevers", "Orange", "Pau", "Quimper", "Rodez", "Sedan",
            "Tulle", "Uzes", "Vannes", "Albi", "Blois", "Cognac", "Dole", "Evian", "Foix", "Gien",
            "Herblay", "Issoire", "Joigny", "Lens", "Melun", "Niort", "Oyonnax", "Provins", "Riom",
            "Saumur", "Tarbes", "Vichy",
        ];
        for (i, place) in places.iter().enumerate() {
            let (w1, w2) = (shared[i % 9], shared[(i / 9 + i + 1) % 9]);
            // Otherwise nothing in common: each has its own place and topic words.
            let topic = &nouns[3 * i..3 * i + 3];
            let text = format!(
                "{place} {} {} {} {w1} {w2}. {place} {} {}.",
                topic[0], topic[1], topic[2], topic[0], topic[2]
            );
            c.assign(&format!("n{i}"), &feats(&an, &text, None), None);
        }
        assert_eq!(c.active_stories(), places.len(), "forty separate stories");
        let fire = feats(
            &an,
            "A warehouse blaze at the Marseille harbour destroyed ferry terminals and cranes overnight, dockers said.",
            None,
        );
        let first = c.assign("fire1", &fire, None);
        assert!(first.new_story);
        let again = feats(
            &an,
            "Dockers in Marseille watched the warehouse blaze that destroyed ferry terminals and cranes at the harbour overnight.",
            None,
        );
        let p = c.prepare("fire2", &again, None);
        let candidates = c.candidates(&p);
        assert_eq!(
            candidates.len(),
            MAX_CANDIDATES,
            "more stories share terms than are scored"
        );
        assert!(
            candidates
                .iter()
                .any(|k| c.story_id(k.slot) == Some(first.story.as_str())),
            "the fire story is among the candidates"
        );
        // Deciding among all forty-one, the report joins the fire's story.
        let joined = c.assign("fire2", &again, None);
        assert_eq!(joined.story, first.story, "{:?}", joined.shared_terms);
    }

    #[test]
    fn stories_retire_after_the_time_window() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        let f = feats(
            &an,
            "The central bank raised interest rates by half a point to fight inflation.",
            None,
        );
        let day = 86_400;
        let a = c.assign("a", &f, Some(0));
        let b = c.assign("b", &f, Some(2 * day));
        let z = c.assign("z", &f, Some(400 * day));
        assert_eq!(a.story, b.story);
        assert_ne!(a.story, z.story, "a year later is another story");
    }

    /// Three reports of a border stand-off, a later report of the same stand-off, and a report
    /// of another event among the same actors (the government's fall).
    fn border_and_government(an: &Analyzer) -> ([Features; 3], Features, Features) {
        let story = [
            "Turkey massed troops on its border with Syria on Friday and warned Damascus to stop sheltering Kurdish rebels, raising fears of war between the neighbours.",
            "Turkish tanks and troops gathered along the Syrian border as Ankara demanded that Damascus expel the Kurdish rebel leader it accuses Syria of sheltering.",
            "Syria denied sheltering Kurdish rebels and said Turkish troops massing on the border threatened war, as Egypt's president tried to mediate between Ankara and Damascus.",
        ]
        .map(|t| feats(an, t, None));
        let later = feats(
            an,
            "Turkey pulled some troops back from the Syrian border after Damascus agreed to expel the Kurdish rebel leader, easing fears of war between the neighbours.",
            None,
        );
        let other = feats(
            an,
            "Turkey's coalition government collapsed on Wednesday when parliament passed a no-confidence motion against Prime Minister Mesut Yilmaz over a privatization scandal, and Ankara faces weeks of talks to form a new cabinet.",
            None,
        );
        (story, later, other)
    }

    /// A clusterer holding the border story's three reports, on days 0 to 2.
    fn border_story(an: &Analyzer, config: Config) -> (Clusterer, String, [Features; 2]) {
        let (story, later, other) = border_and_government(an);
        let mut c = Clusterer::new(config);
        let ids: Vec<String> = story
            .iter()
            .enumerate()
            .map(|(i, f)| c.assign(&format!("b{i}"), f, Some(i as i64 * DAY)).story)
            .collect();
        assert!(ids.iter().all(|s| *s == ids[0]), "{ids:?}");
        (c, ids[0].clone(), [later, other])
    }

    const DAY: i64 = 86_400;

    /// A model eager enough to join the government's fall to the only open story of the same
    /// actors (in these short texts the shipped model does not: their cosine is 0.06, where on
    /// the dev stream such reports reach 0.25–0.3 and the margins make the model sure).
    fn eager() -> Config {
        Config {
            threshold: 0.05,
            ..Config::default()
        }
    }

    #[test]
    fn a_quiet_story_is_over_for_a_report_of_another_event() {
        let an = Analyzer::new();
        // Two days after the story's last report, the report joins it.
        let (mut c, border, [_, other]) = border_story(&an, eager());
        let soon = c.assign("g", &other, Some(4 * DAY));
        assert_eq!(soon.story, border);
        assert!(soon.passed_over.is_none());
        // After twelve quiet days the story is over for it: it founds a story, and says why.
        let (mut c, border, [later, other]) = border_story(&an, eager());
        let late = c.assign("g", &other, Some(14 * DAY));
        assert!(late.new_story, "{late:?}");
        let p = late.passed_over.expect("the story it passed over");
        assert_eq!(p.story, border);
        assert_eq!(p.quiet_days, 12.0);
        assert!(p.cosine < eager().quiet_similarity, "{p:?}");
        // A report of the stand-off itself still joins it after the same silence.
        let follow_up = c.assign("f", &later, Some(14 * DAY));
        assert_eq!(follow_up.story, border, "{follow_up:?}");
        assert!(follow_up.passed_over.is_none());
        // Off (similarity 0), or undated, the model decides alone.
        let off = Config {
            quiet_similarity: 0.0,
            ..eager()
        };
        let (mut c, border, [_, other]) = border_story(&an, off);
        assert_eq!(c.assign("g", &other, Some(14 * DAY)).story, border);
        let (mut c, border, [_, other]) = border_story(&an, eager());
        assert_eq!(c.assign("g", &other, None).story, border);
    }

    #[test]
    fn a_story_of_fewer_than_three_reports_is_never_over() {
        let an = Analyzer::new();
        let (story, _, other) = border_and_government(&an);
        let mut c = Clusterer::new(eager());
        let first = c.assign("b0", &story[0], Some(0)).story;
        assert_eq!(c.assign("b1", &story[1], Some(DAY)).story, first);
        let g = c.assign("g", &other, Some(13 * DAY));
        assert_eq!(g.story, first, "{g:?}");
        assert!(g.passed_over.is_none());
    }

    /// Two reports of each of two events that the join decision kept apart (a threshold no
    /// pair reaches), for the merge pass to find.
    fn split_events(an: &Analyzer) -> [Features; 4] {
        [
            "A magnitude 7.1 earthquake struck off the coast of Sumatra on Monday, Indonesian officials said, triggering a tsunami warning for Aceh province.",
            "Indonesian officials issued a tsunami warning for Aceh province after a magnitude 7.1 earthquake struck off Sumatra on Monday.",
            "The Dutch parliament approved the national budget on Tuesday after a long debate over pension reform and healthcare spending.",
            "After a long debate over pension reform and healthcare spending, the Dutch parliament approved the national budget on Tuesday.",
        ]
        .map(|t| feats(an, t, None))
    }

    fn splitting(merge_similarity: f64) -> Clusterer {
        Clusterer::new(Config {
            threshold: 1.1,
            merge_similarity,
            merge_every: 4,
            ..Config::default()
        })
    }

    #[test]
    fn merge_pass_joins_stories_of_one_event_and_redirects_their_ids() {
        let an = Analyzer::new();
        let [q1, q2, b1, b2] = split_events(&an);
        let mut c = splitting(0.5);
        let a = c.assign("q1", &q1, None);
        let b = c.assign("q2", &q2, None);
        let d = c.assign("b1", &b1, None);
        assert!(a.merged.is_empty() && b.merged.is_empty() && d.merged.is_empty());
        assert_eq!(c.active_stories(), 3, "no article joined a story");
        // The fourth arrival runs the pass: each event's two stories become one.
        let e = c.assign("b2", &b2, None);
        assert_eq!(c.active_stories(), 2);
        let mut merges: Vec<(String, String)> = e
            .merged
            .iter()
            .map(|m| (m.from.clone(), m.into.clone()))
            .collect();
        merges.sort();
        // Equal sizes: the id that sorts first survives.
        let id = |article: &str| format!("s{:012x}", mix64(fnv1a(article.as_bytes())) >> 16);
        let pair = |x: &str, y: &str| {
            let (x, y) = (id(x), id(y));
            (x.clone().max(y.clone()), x.min(y))
        };
        let mut expected = vec![pair("q1", "q2"), pair("b1", "b2")];
        expected.sort();
        assert_eq!(merges, expected);
        assert_eq!(
            [&a.story, &b.story, &d.story],
            [&id("q1"), &id("q2"), &id("b1")]
        );
        // The last article's own story merged: it reports the survivor.
        assert_eq!(e.story, pair("b1", "b2").1);
        c.assert_postings_consistent();
    }

    #[test]
    fn merge_pass_leaves_other_events_and_expired_stories_alone() {
        let an = Analyzer::new();
        let [q1, q2, b1, b2] = split_events(&an);
        // Off: four stories stay four.
        let mut c = splitting(2.0);
        for (id, f) in [("q1", &q1), ("q2", &q2), ("b1", &b1), ("b2", &b2)] {
            assert!(c.assign(id, f, None).merged.is_empty());
        }
        assert_eq!(c.active_stories(), 4);
        // A report of the same event a year later is outside the window: it stays apart even
        // though the old story is still in memory (memory is swept every 1,024 arrivals).
        let day = 86_400;
        let mut c = splitting(0.5);
        c.assign("q1", &q1, Some(0));
        c.assign("b1", &b1, Some(day));
        c.assign("b2", &b2, Some(400 * day));
        let last = c.assign("q2", &q2, Some(400 * day));
        assert!(last.merged.is_empty(), "{:?}", last.merged);
        assert_eq!(c.active_stories(), 4);
    }

    #[test]
    fn a_strong_match_reopens_a_story_past_its_window_when_asked_to() {
        let an = Analyzer::new();
        let [q1, q2, b1, _] = split_events(&an);
        let day = 86_400;
        let reopening = Config {
            reopen_similarity: 0.5,
            ..Config::default()
        };
        // Still in memory (not swept yet), past the window: reopened in its slot.
        let mut c = Clusterer::new(reopening.clone());
        let first = c.assign("q1", &q1, Some(0));
        c.assign("b1", &b1, Some(day));
        let back = c.assign("q2", &q2, Some(200 * day));
        assert!(back.reopened && !back.new_story, "{back:?}");
        assert_eq!(back.story, first.story);
        assert!(back.similarity >= 0.5);
        // Off (the default): the same article founds a story.
        let mut c = Clusterer::new(Config::default());
        c.assign("q1", &q1, Some(0));
        let apart = c.assign("q2", &q2, Some(200 * day));
        assert!(apart.new_story && !apart.reopened);
        // Swept and stored: the archive hands it back under the article's heaviest terms.
        let mut old = Clusterer::new(reopening.clone());
        old.assign("q1", &q1, Some(0));
        let stored = old.snapshot().stories.remove(0);
        let indexed = story_terms(&stored);
        let mut fresh = Clusterer::new(reopening);
        let mut asked = Vec::new();
        let back = fresh.assign_with_archive("q2", &q2, Some(200 * day), &mut |terms| {
            asked = terms.to_vec();
            vec![stored.clone()]
        });
        assert!(back.reopened, "{back:?}");
        assert_eq!(back.story, first.story);
        assert!(
            asked.iter().any(|t| indexed.contains(t)),
            "probed by shared terms"
        );
        assert_eq!(fresh.active_stories(), 1);
        fresh.assert_postings_consistent();
    }

    #[test]
    fn memory_holds_only_active_stories() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        let day = 86_400;
        // Sweeps run every 1024 arrivals; the 4096th arrival triggers one.
        let mut ids = HashSet::default();
        for i in 0..4096i64 {
            // Each article its own event, one a day: old ones must leave memory.
            let f = feats(
                &an,
                &format!("Event number{i} happened in place{i} today."),
                None,
            );
            ids.insert(c.assign(&format!("a{i}"), &f, Some(i * day)).story);
        }
        assert!(c.active_stories() < 100, "{} active", c.active_stories());
        // Retired slots are reused: the slot table is bounded by the stories active between two
        // sweeps, not by the stream.
        assert!(c.stories.len() <= 1024 + 100, "{} slots", c.stories.len());
        c.assert_postings_consistent();
        let changed = c.take_changes().stories;
        assert_eq!(
            changed.len(),
            ids.len(),
            "retired stories are still handed to the store"
        );
    }

    #[test]
    fn snapshot_resumes_identically() {
        let an = Analyzer::new();
        let texts = [
            "Floods hit Venice as the tide reached 187 centimetres, the mayor said.",
            "Venice mayor says tide of 187 centimetres flooded the city.",
            "A new vaccine trial began in Oxford with 500 volunteers.",
        ];
        let mut whole = Clusterer::new(Config::default());
        let ws: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                whole
                    .assign(&i.to_string(), &feats(&an, t, None), None)
                    .story
            })
            .collect();
        let mut first = Clusterer::new(Config::default());
        first.assign("0", &feats(&an, texts[0], None), None);
        let mut resumed = Clusterer::from_snapshot(Config::default(), first.snapshot());
        let r1 = resumed.assign("1", &feats(&an, texts[1], None), None).story;
        let r2 = resumed.assign("2", &feats(&an, texts[2], None), None).story;
        assert_eq!(vec![ws[0].clone(), r1, r2], ws);
        resumed.assert_postings_consistent();
    }

    #[test]
    fn story_ids_are_stable_and_unique() {
        let an = Analyzer::new();
        let mut c = Clusterer::new(Config::default());
        let x = c.assign(
            "same",
            &feats(&an, "Completely unrelated alpha text here.", None),
            None,
        );
        let y = c.assign(
            "same",
            &feats(&an, "Zebra quantum orchestra volcano.", None),
            None,
        );
        assert_ne!(x.story, y.story);
    }

    #[test]
    fn the_heaviest_terms_that_pass_are_those_testing_every_term_gives() {
        // Reference: every term tested, then the heaviest n kept.
        let every = |terms: &HashMap<u64, f64>, n: usize, keep: &dyn Fn(u64) -> bool| {
            heaviest(
                terms
                    .iter()
                    .map(|(t, w)| (*t, *w))
                    .filter(|(t, _)| keep(*t)),
                n,
            )
        };
        let mut seed = 7u64;
        let mut next = move || {
            seed = mix64(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            seed
        };
        for size in [0usize, 1, 15, 64, 65, 300, 5_000] {
            // Weights from few values, so that ties (broken by key) are common.
            let terms: HashMap<u64, f64> = (0..size)
                .map(|_| (next() % 100_000, (next() % 40) as f64 / 8.0))
                .collect();
            // From most terms passing to almost none: the deeper rounds are reached.
            for rare in [1u64, 2, 10, 100, 1_000, 100_000] {
                let keep = |t: u64| mix64(t).is_multiple_of(rare);
                for n in [0usize, 1, 16, 40] {
                    let fast = heaviest_where(&terms, n, keep);
                    assert_eq!(
                        fast,
                        every(&terms, n, &keep),
                        "size {size} rare {rare} n {n}"
                    );
                    assert!(fast.len() <= n);
                }
            }
        }
    }

    /// Hand-built features over `terms` (each once), as the analysis would give them.
    fn features_of(terms: &[String]) -> Features {
        let mut body: Terms = terms.iter().map(|t| (term_key(t), 1.0)).collect();
        body.sort_unstable_by_key(|&(k, _)| k);
        body.dedup_by_key(|(k, _)| *k);
        Features {
            stems: vec![std::sync::Arc::from("term"); body.len()],
            body,
            ..Default::default()
        }
    }

    /// Article `i` of a stream whose vocabulary keeps growing: 20 words never seen again, 2
    /// words in every article and 2 in every tenth.
    fn growing_vocabulary(i: u64) -> Vec<String> {
        let mut words: Vec<String> = (0..20).map(|j| format!("once{i}x{j}")).collect();
        words.extend(["every", "always"].map(String::from));
        if i.is_multiple_of(10) {
            words.extend(["tenth", "decile"].map(String::from));
        }
        words
    }

    #[test]
    fn the_frequency_table_stays_bounded_and_keeps_the_ratios_idf_reads() {
        let config = Config {
            max_terms: 5_000,
            ..Config::default()
        };
        let mut c = Clusterer::new(config);
        let n = 20_000u64;
        let mut most = 0;
        for i in 0..n {
            let f = features_of(&growing_vocabulary(i));
            c.assign(&format!("a{i}"), &f, Some(i as i64 * 60));
            most = most.max(c.known_terms());
        }
        // Between two sweeps the table grows by at most the terms of a sweep's articles.
        let per_sweep = SWEEP_EVERY as usize * 24;
        assert!(most <= 5_000 + per_sweep, "{most} terms");
        assert!(c.df_documents < n, "the documents counted were halved too");
        assert_eq!(c.arrivals(), n, "arrival numbers are not");
        // IDF is read from frequency over documents, which halving keeps: a word of every
        // article stays at the floor, a word of one article in ten near ln 10 + 1.
        let every = c.idf(term_key("every"));
        assert!((every - 1.0).abs() < 0.01, "{every}");
        let tenth = c.idf(term_key("tenth"));
        assert!((tenth - (10f64.ln() + 1.0)).abs() < 0.05, "{tenth}");
        c.assert_postings_consistent();
        // Unbounded, the same stream keeps every word it ever saw.
        let mut unbounded = Clusterer::new(Config::default());
        for i in 0..2_000 {
            let f = features_of(&growing_vocabulary(i));
            unbounded.assign(&format!("a{i}"), &f, Some(i as i64 * 60));
        }
        assert_eq!(unbounded.known_terms(), 2_000 * 20 + 4);
    }

    #[test]
    fn shipped_model_prefers_similar_recent_stories() {
        let m = Model::shipped();
        let close = [0.6, 0.6, 0.6, 0.7, 0.5, 0.0, 0.4, 0.4];
        let far = [0.05, 0.02, 0.0, 0.05, 3.0, 0.0, -0.3, -0.3];
        assert!(m.probability(&close) > 0.5);
        assert!(m.probability(&far) < 0.5);
    }
}
