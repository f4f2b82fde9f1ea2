//! Cluster: assigns each arriving article to a story, online, from what came before it.
//!
//! Model (v1, documented so it can be improved against the dev streams):
//! - an article is a bag of weighted terms: content-word stems of the body, title stems weighted
//!   ×[`Config::title_weight`], capitalized names (not sentence-initial) ×[`Config::name_weight`];
//!   term frequencies are damped (1 + ln tf);
//! - document frequencies are maintained incrementally over every article seen, so the TF-IDF of
//!   an article uses only the past (no look-ahead);
//! - a story is the sum of its articles' L2-normalized TF-IDF vectors (its centroid direction);
//! - an article joins the most similar *active* story when the cosine reaches
//!   [`Config::threshold`], else it founds a new story;
//! - a story is active while its last article is within [`Config::window_days`] of the new one
//!   (dated streams) or within [`Config::window_articles`] arrivals (undated streams);
//! - candidates come from an inverted index term → stories, so an article is compared only with
//!   stories that share at least one of its distinctive terms.
//!
//! Story ids are derived from the founding article's id, so they do not depend on storage order.

use concord_analyze::{Analysis, Analyzer};
use concord_core::fnv1a;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Tunable parameters of the online clusterer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Minimum cosine between an article and a story's centroid to join it.
    pub threshold: f64,
    /// Extra weight of title terms (the headline says what the event is).
    pub title_weight: f64,
    /// Extra weight of capitalized names (who and where identify an event).
    pub name_weight: f64,
    /// A story goes inactive this many days after its latest article (dated streams).
    pub window_days: f64,
    /// A story goes inactive after this many arrivals without a new article (undated streams).
    pub window_articles: u64,
    /// Terms in more than this share of all documents are too common to retrieve candidates by.
    pub max_candidate_df: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.2,
            title_weight: 2.0,
            name_weight: 1.5,
            window_days: 10.0,
            window_articles: 2000,
            max_candidate_df: 0.3,
        }
    }
}

/// An article's weighted terms before IDF: what the clusterer needs to know of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub terms: Vec<(String, f64)>,
}

impl Features {
    /// Builds features from an analysis of the body and the (optional) title.
    pub fn from_analysis(
        analyzer: &Analyzer,
        analysis: &Analysis,
        title: Option<&str>,
        config: &Config,
    ) -> Features {
        let mut tf: HashMap<String, f64> = HashMap::new();
        let mut add = |stem: &str, w: f64| {
            if stem.chars().count() >= 2 {
                *tf.entry(stem.to_string()).or_default() += w;
            }
        };
        for t in analysis.tokens() {
            if t.stop {
                continue;
            }
            add(&t.stem, if t.is_name() { config.name_weight } else { 1.0 });
        }
        if let Some(title) = title {
            for t in analyzer.tokens_of(title, &analysis.language) {
                if !t.stop {
                    add(&t.stem, config.title_weight);
                }
            }
        }
        let mut terms: Vec<(String, f64)> = tf
            .into_iter()
            .map(|(t, f)| (t, if f > 1.0 { 1.0 + f.ln() } else { f }))
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Features { terms }
    }
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub story: String,
    /// Cosine with the story it joined (1.0 for a story's founding article).
    pub similarity: f64,
    pub new_story: bool,
}

/// The persistent part of one story's clustering state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryVector {
    pub id: String,
    /// Sum of member articles' normalized TF-IDF vectors.
    pub centroid: HashMap<String, f64>,
    pub norm2: f64,
    pub articles: u64,
    /// Latest publication time (seconds) of a member, if any was dated.
    pub last_time: Option<i64>,
    /// Arrival number of the latest member.
    pub last_seq: u64,
}

/// Everything the clusterer must remember between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub documents: u64,
    pub df: HashMap<String, u64>,
    pub stories: Vec<StoryVector>,
}

/// The online clusterer.
pub struct Clusterer {
    config: Config,
    documents: u64,
    df: HashMap<String, u64>,
    stories: Vec<StoryVector>,
    by_id: HashMap<String, usize>,
    postings: HashMap<String, Vec<usize>>,
    dirty_terms: HashSet<String>,
    dirty_stories: HashSet<usize>,
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Self::from_snapshot(config, Snapshot::default())
    }

    /// Resumes from a saved state.
    pub fn from_snapshot(config: Config, snap: Snapshot) -> Self {
        let mut c = Clusterer {
            config,
            documents: snap.documents,
            df: snap.df,
            stories: Vec::with_capacity(snap.stories.len()),
            by_id: HashMap::new(),
            postings: HashMap::new(),
            dirty_terms: HashSet::new(),
            dirty_stories: HashSet::new(),
        };
        for s in snap.stories {
            let idx = c.stories.len();
            for term in s.centroid.keys() {
                c.postings.entry(term.clone()).or_default().push(idx);
            }
            c.by_id.insert(s.id.clone(), idx);
            c.stories.push(s);
        }
        c
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    fn idf(&self, term: &str) -> f64 {
        let df = self.df.get(term).copied().unwrap_or(0) as f64;
        ((self.documents as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn active(&self, s: &StoryVector, time: Option<i64>, seq: u64) -> bool {
        match (time, s.last_time) {
            (Some(t), Some(last)) => (t - last).abs() as f64 <= self.config.window_days * 86_400.0,
            _ => seq.saturating_sub(s.last_seq) <= self.config.window_articles,
        }
    }

    /// Assigns an article (by id, with its features and publication time in seconds).
    pub fn assign(
        &mut self,
        article_id: &str,
        features: &Features,
        time: Option<i64>,
    ) -> Assignment {
        self.documents += 1;
        let seq = self.documents;
        for (term, _) in &features.terms {
            *self.df.entry(term.clone()).or_default() += 1;
            self.dirty_terms.insert(term.clone());
        }
        // The article's normalized TF-IDF vector, with today's document frequencies.
        let mut vector: Vec<(&str, f64)> = features
            .terms
            .iter()
            .map(|(t, w)| (t.as_str(), w * self.idf(t)))
            .collect();
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in vector.iter_mut() {
                *w /= norm;
            }
        }

        // Candidate stories: those sharing a distinctive term, scored by dot product.
        let max_df = (self.config.max_candidate_df * self.documents as f64).max(2.0);
        let mut candidates: Vec<usize> = Vec::new();
        for (term, _) in &vector {
            if self.df.get(*term).copied().unwrap_or(0) as f64 > max_df {
                continue;
            }
            if let Some(list) = self.postings.get(*term) {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64, f64)> = None;
        for &s in &candidates {
            let story = &self.stories[s];
            if !self.active(story, time, seq) || story.norm2 <= 0.0 {
                continue;
            }
            let dot: f64 = vector
                .iter()
                .filter_map(|(t, w)| story.centroid.get(*t).map(|c| c * w))
                .sum();
            let cos = dot / story.norm2.sqrt();
            let better = match best {
                None => true,
                Some((bs, bc, _)) => cos > bc || (cos == bc && s < bs),
            };
            if better {
                best = Some((s, cos, dot));
            }
        }

        let (idx, similarity, new_story, dot) = match best {
            Some((s, cos, dot)) if cos >= self.config.threshold => (s, cos, false, dot),
            _ => {
                let id = self.unique_story_id(article_id);
                let idx = self.stories.len();
                self.by_id.insert(id.clone(), idx);
                self.stories.push(StoryVector {
                    id,
                    centroid: HashMap::new(),
                    norm2: 0.0,
                    articles: 0,
                    last_time: None,
                    last_seq: seq,
                });
                (idx, 1.0, true, 0.0)
            }
        };
        let vnorm2: f64 = vector.iter().map(|(_, w)| w * w).sum();
        let story = &mut self.stories[idx];
        for (t, w) in &vector {
            let slot = story.centroid.entry((*t).to_string()).or_insert_with(|| {
                self.postings.entry((*t).to_string()).or_default().push(idx);
                0.0
            });
            *slot += w;
        }
        story.norm2 += 2.0 * dot + vnorm2;
        story.articles += 1;
        story.last_seq = seq;
        story.last_time = match (story.last_time, time) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.dirty_stories.insert(idx);
        Assignment {
            story: story.id.clone(),
            similarity,
            new_story,
        }
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

    /// The state to persist, whole.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            documents: self.documents,
            df: self.df.clone(),
            stories: self.stories.clone(),
        }
    }

    /// What changed since the last call: (documents, changed df entries, changed stories).
    pub fn take_changes(&mut self) -> (u64, Vec<(String, u64)>, Vec<StoryVector>) {
        let terms = self
            .dirty_terms
            .drain()
            .map(|t| {
                let df = self.df[&t];
                (t, df)
            })
            .collect();
        let stories = self
            .dirty_stories
            .drain()
            .map(|i| self.stories[i].clone())
            .collect();
        (self.documents, terms, stories)
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

    fn feats(an: &Analyzer, text: &str, title: Option<&str>) -> Features {
        let a = an.analyze(text, Some("en"));
        Features::from_analysis(an, &a, title, &Config::default())
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
        assert_eq!(a.story, b.story, "sim {}", b.similarity);
        assert_ne!(a.story, d.story);
        assert!(d.new_story);
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
}
