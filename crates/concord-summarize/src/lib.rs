//! Summarize: an extractive summary of a story whose every sentence is copied verbatim from a
//! source and cites every article that states the same thing.
//!
//! Method (v2):
//! 1. Candidates: sentences of 6–80 words that end a sentence, have balanced quotes and are not
//!    questions or a bare quotation (one quote and nothing else: its speaker is named in another
//!    sentence, which a summary may not carry); a leading wire dateline ("LONDON (AP) _") is
//!    trimmed, nothing else is changed. Page furniture is never a candidate (a photo caption,
//!    a link to another article: [`concord_compare::page_furniture`]). A story with no such sentence (headlines only, or only
//!    questions and bare quotations) takes any of 3–80 words instead, rather than no summary.
//! 2. Concepts: bigrams of adjacent content-word stems (stopwords skipped inside the bigram). A
//!    concept weighs the number of articles of the story that contain it, times
//!    [`AGREED_WEIGHT`] (2) when at least two independent sources state it — an outlet, an
//!    article without one, and a copy counting as the article it copies
//!    ([`concord_compare::copies`]). What several outlets report outweighs what one adds; in a
//!    one-article story every concept counts once.
//! 3. Objective: the summary's value is the weight of the concepts it covers, each credited with
//!    the best lead prior (1 + 0.5 / (1 + position in the article)) among the chosen sentences
//!    covering it. A concept counts once however many sentences repeat it, which is the
//!    redundancy control; the value is monotone and submodular.
//! 4. Selection under the budgets:
//!    - Cost-scaled greedy: take the sentence with the most weight of uncovered concepts, times
//!      its prior, per word (Lin & Bilmes 2010).
//!    - Compare with the best single sentence.
//!    - Exchange one chosen sentence for one of the [`EXCHANGE_POOL`] best by value per word,
//!      refilling greedily, while that raises the value (at most [`EXCHANGE_ROUNDS`] rounds).
//!
//!    On DUC 2003 the result reaches 98.3% of the exact optimum on average; [`optimality`] and
//!    `examples/optimality.rs` measure that by branch and bound, which is too slow to serve.
//! 5. Readability: a sentence opening with a word that points back (he, she, it, they, his,
//!    her, its, their, him, them, but, however) is chosen only together with the sentence before
//!    it in its article; the greedy step may take the two as one unit.
//! 6. Order: by the source article's publication time (input order when undated), then position.
//! 7. Citations: every article with a sentence that states the same thing, by
//!    [`concord_compare::supports`] (lexical containment, numbers must agree), and every article
//!    that shares a passage covering at least half of the sentence
//!    ([`concord_compare::shared_passages`]), and every article that carries the same
//!    quotation ([`concord_compare::quote_key`]).
//!
//! The budgets are hard: the summary never has more than `words` whitespace-separated words.

use concord_analyze::{Analyzer, Doc, analyze_all, dateline_end, docs, list_marker_end};
use concord_compare::{Statement, states};
use concord_core::SummarySentence;
// Fx hashing: these maps are probed per token and per bigram, where SipHash showed in profiles.
use rustc_hash::FxHashMap as HashMap;

/// Budgets of a summary.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Hard cap on whitespace-separated words.
    pub words: usize,
    /// Hard cap on sentences, if any.
    pub sentences: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            words: 100,
            sentences: None,
        }
    }
}

/// The fewest words of a summary sentence when the story has no full statement to offer (a
/// headline such as "Storm cuts power to 40,000 homes" has six).
const MIN_FALLBACK_WORDS: usize = 3;

/// The fewest words of a full statement ([`Candidate::statement`]).
const MIN_STATEMENT_WORDS: usize = 6;

struct Candidate<'s> {
    /// A full statement: six words or more, ending as a sentence does, neither a question nor a
    /// bare quotation ([`bare_quote`]). Others are candidates only where a story has none.
    statement: bool,
    doc: usize,
    position: usize,
    /// Byte range in the doc's text after trimming a dateline.
    start: usize,
    end: usize,
    words: usize,
    concepts: &'s [u64],
    /// Opens with a pronoun or connective that refers to the sentence before.
    back_reference: bool,
}

/// A sentence that is one quotation and nothing else ("``That was a miracle from heaven.''"):
/// in a summary no one says it, since its speaker is named in a sentence around it.
fn bare_quote(s: &str) -> bool {
    let t = s.trim();
    let opens = t.starts_with("``") || t.starts_with('"') || t.starts_with('\u{201C}');
    let closes = t.ends_with("''") || t.ends_with('"') || t.ends_with('\u{201D}');
    let marks = t.matches("``").count()
        + t.matches("''").count()
        + t.matches('"').count()
        + t.matches(['\u{201C}', '\u{201D}']).count();
    opens && closes && marks == 2
}

fn balanced_quotes(s: &str) -> bool {
    let straight = s.matches('"').count();
    let open = s.matches('\u{201C}').count();
    let close = s.matches('\u{201D}').count();
    let open2 = s.matches("``").count();
    let close2 = s.matches("''").count();
    straight.is_multiple_of(2) && open == close && open2 == close2
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')']);
    t.ends_with(['.', '!'])
}

/// Summarizes a story. Documents are in story order (publication, else arrival).
pub fn summarize(docs: &[Doc<'_>], opts: &Options) -> Vec<SummarySentence> {
    summarize_with(docs, opts, None)
}

/// [`summarize`] with the story's shared passages already found (the engine computes them
/// anyway); `None` finds them.
pub fn summarize_with(
    docs: &[Doc<'_>],
    opts: &Options,
    passages: Option<&[concord_core::SharedPassage]>,
) -> Vec<SummarySentence> {
    summarize_inner(docs, opts, passages, None)
}

fn summarize_inner(
    docs: &[Doc<'_>],
    opts: &Options,
    passages: Option<&[concord_core::SharedPassage]>,
    probe: Option<&mut Optimality>,
) -> Vec<SummarySentence> {
    if docs.is_empty() || opts.words == 0 || opts.sentences == Some(0) {
        return Vec::new();
    }
    let found;
    let passages: &[concord_core::SharedPassage] = match passages {
        Some(p) => p,
        None => {
            found = concord_compare::shared_passages(docs);
            &found
        }
    };
    // The independent source behind each article: its outlet (the article itself when it names
    // none), or the source of the article it copies.
    let copy_of = concord_compare::copies(docs, passages);
    let source = |mut d: usize| {
        while let Some(o) = copy_of[d] {
            d = o;
        }
        docs[d].outlet.unwrap_or(docs[d].id)
    };
    // Each sentence's stems, numbers and bigrams, hashed once: the bigrams are the concepts, and
    // citations set every chosen sentence against every sentence of the story.
    let statements: Vec<Vec<Statement>> = docs
        .iter()
        .map(|d| d.analysis.sentences.iter().map(Statement::of).collect())
        .collect();
    let mut candidates = Vec::new();
    // Per concept: the number of documents using it and the last one counted (documents are
    // visited in order, so that is enough to count each document once), and the independent
    // sources stating it (two are enough to call it agreed, so no more are kept).
    let mut concept_docs: HashMap<u64, (usize, usize)> = HashMap::default();
    let mut concept_sources: HashMap<u64, Vec<&str>> = HashMap::default();
    for (d, doc) in docs.iter().enumerate() {
        for (position, s) in doc.analysis.sentences.iter().enumerate() {
            let concepts = statements[d][position].bigrams();
            for &c in concepts {
                let e = concept_docs.entry(c).or_insert((0, usize::MAX));
                if e.1 != d {
                    *e = (e.0 + 1, d);
                    let o = concept_sources.entry(c).or_default();
                    let name = source(d);
                    if o.len() < 2 && !o.contains(&name) {
                        o.push(name);
                    }
                }
            }
            let raw = s.text(doc.text);
            let cut = dateline_end(raw);
            let text = &raw[cut..];
            let words = text.split_whitespace().count();
            if !(MIN_FALLBACK_WORDS..=80).contains(&words)
                || !balanced_quotes(text)
                || concepts.is_empty()
                || concord_compare::page_furniture(text)
            {
                continue;
            }
            // A list item ("* AP - “…”", "* Sri Lanka - approximately 28,500") is a fragment
            // of a list, not a statement a summary can stand on.
            let item = list_marker_end(raw).is_some();
            let statement = words >= MIN_STATEMENT_WORDS
                && ends_sentence(text)
                && !text.ends_with('?')
                && !bare_quote(text)
                && !item;
            candidates.push(Candidate {
                statement,
                doc: d,
                position,
                start: s.bytes.start + cut,
                end: s.bytes.end,
                words,
                concepts,
                back_reference: opens_with_back_reference(text),
            });
        }
    }
    // Statements only, when the story has any: a story told only in headlines, questions or
    // bare quotations still gets a summary from them rather than none.
    if candidates.iter().any(|c| c.statement) {
        candidates.retain(|c| c.statement);
    }
    // A concept weighs the number of articles stating it, doubled when at least two independent
    // sources state it: what outlets agree on leads.
    let weight = |c: &u64| -> f64 {
        let articles = concept_docs.get(c).map_or(0, |e| e.0) as f64;
        let agreed = concept_sources.get(c).is_some_and(|o| o.len() >= 2);
        articles * if agreed { AGREED_WEIGHT } else { 1.0 }
    };
    let mut chosen = select(&candidates, &weight, opts, probe);
    // Reading order: earlier articles first, then position within the article.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&d| (docs[d].published, d));
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(r, &d)| (d, r)).collect();
    chosen.sort_by_key(|&i| (rank[&candidates[i].doc], candidates[i].position));
    // Each article's quotations' keys, found once when a chosen sentence quotes someone.
    let quote_keys: std::cell::OnceCell<Vec<Vec<u64>>> = std::cell::OnceCell::new();
    chosen
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            let doc = &docs[c.doc];
            let text = &doc.text[c.start..c.end];
            let claim = &statements[c.doc][c.position];
            // Articles that carry most of this sentence as shared text state it too, even when
            // their sentence around it differs ("X's office said that…" / "X said…").
            let (cs, ce) = (
                doc.text[..c.start].chars().count(),
                doc.text[..c.end].chars().count(),
            );
            let in_passage: Vec<&str> = passages
                .iter()
                .filter(|p| {
                    p.articles.iter().any(|a| {
                        a.id == doc.id && concord_compare::covers_half(a.start, a.end, cs, ce)
                    })
                })
                .flat_map(|p| p.articles.iter().map(|a| a.id.as_str()))
                .collect();
            // Articles that carry the same quotation report the same words said.
            let quote = concord_compare::quote_key(text);
            let quotes_it = |d: usize| {
                quote.is_some_and(|q| {
                    quote_keys.get_or_init(|| {
                        docs.iter()
                            .map(|doc| {
                                doc.analysis
                                    .sentences
                                    .iter()
                                    .filter_map(|s| concord_compare::quote_key(s.text(doc.text)))
                                    .collect()
                            })
                            .collect()
                    })[d]
                        .contains(&q)
                })
            };
            let mut sources = vec![doc.id.to_string()];
            for d in &order {
                if *d != c.doc
                    && (in_passage.contains(&docs[*d].id)
                        || statements[*d].iter().any(|o| states(o, claim))
                        || quotes_it(*d))
                {
                    sources.push(docs[*d].id.to_string());
                }
            }
            SummarySentence {
                text: text.to_string(),
                sources,
            }
        })
        .collect()
}

/// The lead prior: leads of news articles state the event; a mild bonus decaying with position.
fn prior(c: &Candidate<'_>) -> f64 {
    1.0 + 0.5 / (1.0 + c.position as f64)
}

/// A sentence that opens by pointing back ("He said…", "But…") reads only after the sentence
/// before it, so it may be chosen only together with that sentence.
fn resolved(candidates: &[Candidate<'_>], set: &[usize], i: usize) -> bool {
    let c = &candidates[i];
    !c.back_reference
        || set
            .iter()
            .any(|&j| candidates[j].doc == c.doc && candidates[j].position + 1 == c.position)
}

/// The selection problem with concepts numbered densely, so that coverage is kept in vectors.
struct Problem<'a> {
    candidates: &'a [Candidate<'a>],
    /// Per candidate: its concepts' dense ids.
    concepts: Vec<Vec<u32>>,
    weights: Vec<f64>,
    priors: Vec<f64>,
    /// Per candidate: the candidate that is the sentence right before it, if any.
    before: Vec<Option<usize>>,
    words: usize,
    sentences: usize,
}

impl Problem<'_> {
    /// The objective a summary maximizes: every concept it covers, weighted, credited with the
    /// best lead prior among the chosen sentences that cover it. It is a weighted coverage
    /// (monotone, submodular): a concept repeated by a second sentence earns nothing.
    fn value(&self, set: &[usize], scratch: &mut Vec<f64>) -> f64 {
        // `scratch` is all zeros between calls; only the touched entries are summed and reset.
        scratch.resize(self.weights.len(), 0.0);
        for &i in set {
            for &c in &self.concepts[i] {
                let e = &mut scratch[c as usize];
                *e = e.max(self.priors[i]);
            }
        }
        let mut total = 0.0;
        for &i in set {
            for &c in &self.concepts[i] {
                let e = &mut scratch[c as usize];
                total += *e * self.weights[c as usize];
                *e = 0.0;
            }
        }
        total
    }

    /// A sentence's value alone (its concepts are unique).
    fn alone(&self, i: usize) -> f64 {
        self.priors[i]
            * self.concepts[i]
                .iter()
                .map(|&c| self.weights[c as usize])
                .sum::<f64>()
    }

    fn words_of(&self, set: &[usize]) -> usize {
        set.iter().map(|&i| self.candidates[i].words).sum()
    }

    /// Greedy by gain per word (Lin & Bilmes' cost-scaled greedy): adds the sentence with the
    /// most weight of concepts not yet covered, times its prior, per word, while one fits.
    fn fill(&self, set: &mut Vec<usize>, among: &[usize], covered: &mut Vec<bool>) {
        // `covered` is all false between calls; what this call sets is cleared on the way out.
        covered.resize(self.weights.len(), false);
        for &i in set.iter() {
            for &c in &self.concepts[i] {
                covered[c as usize] = true;
            }
        }
        let mut used = self.words_of(set);
        while set.len() < self.sentences {
            // The best addition: one sentence, or a sentence that points back together with
            // the sentence before it (which resolves it).
            let mut best: Option<([usize; 2], f64)> = None;
            let gain = |i: usize, covered: &[bool]| -> f64 {
                self.priors[i]
                    * self.concepts[i]
                        .iter()
                        .filter(|&&c| !covered[c as usize])
                        .map(|&c| self.weights[c as usize])
                        .sum::<f64>()
            };
            for &i in among {
                if set.contains(&i) {
                    continue;
                }
                let unit = if resolved(self.candidates, set, i) {
                    [i, i]
                } else {
                    match self.before[i] {
                        Some(b) if !set.contains(&b) && resolved(self.candidates, set, b) => [b, i],
                        _ => continue,
                    }
                };
                let words = if unit[0] == i {
                    self.candidates[i].words
                } else {
                    self.candidates[unit[0]].words + self.candidates[i].words
                };
                if used + words > self.words
                    || set.len() + usize::from(unit[0] != i) >= self.sentences
                {
                    continue;
                }
                let mut g = gain(unit[0], covered);
                if unit[0] != i {
                    // Concepts the first sentence covers count once.
                    let first = &self.concepts[unit[0]];
                    g += self.priors[i]
                        * self.concepts[i]
                            .iter()
                            .filter(|&&c| !covered[c as usize] && !first.contains(&c))
                            .map(|&c| self.weights[c as usize])
                            .sum::<f64>();
                }
                let score = g / words as f64;
                if score > 0.0 && best.is_none_or(|(_, b)| score > b) {
                    best = Some((unit, score));
                }
            }
            let Some((unit, _)) = best else { break };
            for i in if unit[0] == unit[1] {
                &unit[..1]
            } else {
                &unit[..]
            } {
                for &c in &self.concepts[*i] {
                    covered[c as usize] = true;
                }
                used += self.candidates[*i].words;
                set.push(*i);
            }
        }
        for &i in set.iter() {
            for &c in &self.concepts[i] {
                covered[c as usize] = false;
            }
        }
    }
}

impl Problem<'_> {
    /// The best value any summary within the budgets reaches, by branch and bound (for
    /// measuring [`select`], not for serving: it is exponential in the worst case). Starts from
    /// `incumbent`; gives up after `node_limit` nodes, returning the best found and `false`.
    /// The bound at each node is the fractional knapsack of the remaining sentences' gains given
    /// what is already covered, valid because the value is submodular; the back-reference rule
    /// is checked on complete summaries only.
    fn exact(&self, incumbent: f64, node_limit: usize) -> (f64, bool) {
        let mut order: Vec<usize> = (0..self.candidates.len())
            .filter(|&i| self.candidates[i].words <= self.words && self.alone(i) > 0.0)
            .collect();
        let per_word = |i: usize| self.alone(i) / self.candidates[i].words as f64;
        order.sort_by(|&a, &b| per_word(b).total_cmp(&per_word(a)));
        struct Search<'p, 'c> {
            p: &'p Problem<'c>,
            order: Vec<usize>,
            credit: Vec<f64>,
            set: Vec<usize>,
            best: f64,
            nodes: usize,
            limit: usize,
        }
        impl Search<'_, '_> {
            fn gain(&self, i: usize) -> f64 {
                let p = self.p.priors[i];
                self.p.concepts[i]
                    .iter()
                    .map(|&c| self.p.weights[c as usize] * (p - self.credit[c as usize]).max(0.0))
                    .sum()
            }
            fn bound(&self, k: usize, room: usize) -> f64 {
                let mut items: Vec<(f64, usize)> = self.order[k..]
                    .iter()
                    .map(|&i| (self.gain(i), self.p.candidates[i].words))
                    .filter(|(g, _)| *g > 0.0)
                    .collect();
                items.sort_by(|a, b| (b.0 / b.1 as f64).total_cmp(&(a.0 / a.1 as f64)));
                let (mut total, mut left) = (0.0, room);
                for (g, w) in items {
                    if w <= left {
                        total += g;
                        left -= w;
                    } else {
                        total += g * left as f64 / w as f64;
                        break;
                    }
                }
                total
            }
            fn go(&mut self, k: usize, used: usize, value: f64) {
                self.nodes += 1;
                if value > self.best
                    && self
                        .set
                        .iter()
                        .all(|&i| resolved(self.p.candidates, &self.set, i))
                {
                    self.best = value;
                }
                if k == self.order.len()
                    || self.set.len() >= self.p.sentences
                    || self.nodes >= self.limit
                    || value + self.bound(k, self.p.words - used) <= self.best * (1.0 + 1e-9)
                {
                    return;
                }
                let i = self.order[k];
                let words = self.p.candidates[i].words;
                if used + words <= self.p.words {
                    let g = self.gain(i);
                    if g > 0.0 {
                        let saved: Vec<(u32, f64)> = self.p.concepts[i]
                            .iter()
                            .map(|&c| (c, self.credit[c as usize]))
                            .collect();
                        for &c in &self.p.concepts[i] {
                            let e = &mut self.credit[c as usize];
                            *e = e.max(self.p.priors[i]);
                        }
                        self.set.push(i);
                        self.go(k + 1, used + words, value + g);
                        self.set.pop();
                        for (c, v) in saved {
                            self.credit[c as usize] = v;
                        }
                    }
                }
                self.go(k + 1, used, value);
            }
        }
        let mut search = Search {
            p: self,
            order,
            credit: vec![0.0; self.weights.len()],
            set: Vec::new(),
            best: incumbent,
            nodes: 0,
            limit: node_limit,
        };
        search.go(0, 0, 0.0);
        (search.best, search.nodes < node_limit)
    }
}

/// How close `select` (the summary search) comes to the best summary its objective allows, for
/// one story.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Optimality {
    /// Value of the greedy start alone.
    pub greedy: f64,
    /// Value of the summary concord returns.
    pub chosen: f64,
    /// Best value found by exhaustive branch and bound.
    pub exact: f64,
    /// Whether the search finished, so that `exact` is the optimum.
    pub proven: bool,
}

/// Runs the summarizer on a story and measures its selection against the exact optimum (slow:
/// for benchmarks).
pub fn optimality(docs: &[Doc<'_>], opts: &Options) -> Optimality {
    let mut probe = Optimality::default();
    summarize_inner(docs, opts, None, Some(&mut probe));
    probe
}

/// Budgeted maximization of [`Problem::value`]: the cost-scaled greedy, checked against the best
/// single sentence (together the classic constant-factor guarantee), then improved by
/// exchanging one chosen sentence for another and refilling, while that raises the value.
/// BENCHMARKS.md compares the result with the exact optimum.
fn select(
    candidates: &[Candidate<'_>],
    weight: &dyn Fn(&u64) -> f64,
    opts: &Options,
    probe: Option<&mut Optimality>,
) -> Vec<usize> {
    let mut ids: HashMap<u64, u32> = HashMap::default();
    let mut weights = Vec::new();
    let concepts: Vec<Vec<u32>> = candidates
        .iter()
        .map(|c| {
            c.concepts
                .iter()
                .map(|k| {
                    *ids.entry(*k).or_insert_with(|| {
                        weights.push(weight(k));
                        (weights.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    let problem = Problem {
        candidates,
        concepts,
        weights,
        priors: candidates.iter().map(prior).collect(),
        before: {
            let at: HashMap<(usize, usize), usize> = candidates
                .iter()
                .enumerate()
                .map(|(i, c)| ((c.doc, c.position), i))
                .collect();
            candidates
                .iter()
                .map(|c| {
                    c.position
                        .checked_sub(1)
                        .and_then(|p| at.get(&(c.doc, p)).copied())
                })
                .collect()
        },
        words: opts.words,
        sentences: opts.sentences.unwrap_or(usize::MAX),
    };
    let (mut scratch, mut covered) = (Vec::new(), Vec::new());
    let all: Vec<usize> = (0..candidates.len()).collect();
    let mut set = Vec::new();
    problem.fill(&mut set, &all, &mut covered);
    let greedy = problem.value(&set, &mut scratch);
    // The best single sentence can beat a greedy start that spent the budget on short ones.
    if let Some(single) = all
        .iter()
        .copied()
        .filter(|&i| candidates[i].words <= opts.words && resolved(candidates, &[], i))
        .max_by(|&a, &b| problem.alone(a).total_cmp(&problem.alone(b)))
        && problem.alone(single) > greedy
    {
        set = vec![single];
        problem.fill(&mut set, &all, &mut covered);
    }
    // Exchanges, among the chosen sentences and the best others by value per word: an optimal
    // summary's sentences are nearly always among them, and this bounds the cost. Each
    // exchange strictly raises the value, so the rounds end.
    let per_word = |i: usize| problem.alone(i) / candidates[i].words as f64;
    let mut pool = all.clone();
    pool.sort_by(|&a, &b| per_word(b).total_cmp(&per_word(a)));
    pool.truncate(EXCHANGE_POOL);
    for &i in &set {
        if !pool.contains(&i) {
            pool.push(i);
        }
    }
    let mut value = problem.value(&set, &mut scratch);
    for _ in 0..EXCHANGE_ROUNDS {
        let mut improved: Option<(Vec<usize>, f64)> = None;
        for slot in 0..set.len() {
            let mut rest = set.clone();
            rest.remove(slot);
            let room = opts.words - problem.words_of(&rest);
            for &j in &pool {
                if candidates[j].words > room || set.contains(&j) {
                    continue;
                }
                let mut trial = rest.clone();
                trial.push(j);
                if !trial.iter().all(|&k| resolved(candidates, &trial, k)) {
                    continue;
                }
                problem.fill(&mut trial, &pool, &mut covered);
                let v = problem.value(&trial, &mut scratch);
                if v > value * (1.0 + 1e-9) && improved.as_ref().is_none_or(|(_, b)| v > *b) {
                    improved = Some((trial, v));
                }
            }
        }
        match improved {
            Some((trial, v)) => {
                set = trial;
                value = v;
            }
            None => break,
        }
    }
    if let Some(probe) = probe {
        let (exact, proven) = problem.exact(value, EXACT_NODES);
        *probe = Optimality {
            greedy,
            chosen: value,
            exact,
            proven,
        };
    }
    set
}

/// Nodes the exact search may visit per story before it gives up proving optimality.
const EXACT_NODES: usize = 500_000;

/// How much more a concept counts when two or more independent sources state it.
pub const AGREED_WEIGHT: f64 = 2.0;

/// How many of the best sentences by value per word exchanges consider.
pub const EXCHANGE_POOL: usize = 32;

/// At most this many exchange rounds after the greedy start.
pub const EXCHANGE_ROUNDS: usize = 8;

/// Words that make a sentence opening with them depend on the sentence before it.
const BACK_REFERENCES: &[&str] = &[
    "he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "but", "however",
];

fn opens_with_back_reference(text: &str) -> bool {
    let first: String = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    BACK_REFERENCES.contains(&first.as_str())
}

/// Summarizes raw articles: analyzes each and calls [`summarize`]. For the JSONL filter and tests.
pub fn summarize_articles(
    analyzer: &Analyzer,
    articles: &[concord_core::Article],
    opts: &Options,
) -> Vec<SummarySentence> {
    let analyses = analyze_all(analyzer, articles);
    summarize(&docs(articles, &analyses), opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::Article;

    fn art(id: &str, text: &str) -> Article {
        Article {
            language: Some("en".into()),
            ..Article::new(id, text)
        }
    }

    #[test]
    fn degenerate_stories_give_sensible_output_without_panicking() {
        let an = Analyzer::new();
        let opts = Options::default();
        // Nothing at all, empty and whitespace texts.
        assert!(summarize_articles(&an, &[], &opts).is_empty());
        assert!(summarize_articles(&an, &[art("e", ""), art("w", "  \n ")], &opts).is_empty());
        // One article: its own sentences, citing it alone.
        let one = art(
            "one",
            "The city council approved a new tram line on Monday. Construction will start in spring and cost 300 million euros.",
        );
        let out = summarize_articles(&an, std::slice::from_ref(&one), &opts);
        assert!(!out.is_empty());
        assert!(
            out.iter()
                .all(|s| one.text.contains(&s.text) && s.sources == ["one"])
        );
        // Very short articles: nothing qualifies (under three words), and that is not an error.
        let short = summarize_articles(
            &an,
            &[art("s1", "Fire downtown."), art("s2", "Big fire.")],
            &opts,
        );
        assert!(short.is_empty());
        // Non-English: sentences still verbatim, cited by both reports.
        let mut fr1 = art(
            "fr1",
            "Le gouvernement a présenté lundi un plan de relance de 30 milliards d'euros pour l'industrie.",
        );
        let mut fr2 = art(
            "fr2",
            "Le gouvernement a présenté lundi un plan de relance de 30 milliards d'euros pour l'industrie. Les syndicats restent prudents.",
        );
        fr1.language = Some("fr".into());
        fr2.language = Some("fr".into());
        let out = summarize_articles(&an, &[fr1.clone(), fr2.clone()], &opts);
        assert!(!out.is_empty());
        assert!(out[0].sources.len() == 2, "{out:?}");
        // A hard budget smaller than any sentence gives an empty summary, never an overflow.
        let tiny = Options {
            words: 3,
            sentences: None,
        };
        assert!(summarize_articles(&an, &[fr1, fr2], &tiny).is_empty());
    }

    #[test]
    fn sentences_are_verbatim_within_budget_and_cite_all_supporters() {
        let a = art(
            "a",
            "BERLIN (AP) _ The German government approved a climate package worth 54 billion euros on Friday. Critics said the measures were too timid. Chancellor Angela Merkel defended the plan in parliament.",
        );
        let b = art(
            "b",
            "Germany's cabinet on Friday approved a climate package worth 54 billion euros. The opposition Greens called it a missed chance.",
        );
        let c = art(
            "c",
            "The German government approved a climate package worth 40 billion euros on Friday, a report said.",
        );
        let an = Analyzer::new();
        let out = summarize_articles(
            &an,
            &[a.clone(), b.clone(), c.clone()],
            &Options {
                words: 40,
                sentences: None,
            },
        );
        assert!(!out.is_empty());
        let words: usize = out.iter().map(|s| s.text.split_whitespace().count()).sum();
        assert!(words <= 40);
        for s in &out {
            assert!(
                a.text.contains(&s.text) || b.text.contains(&s.text) || c.text.contains(&s.text),
                "not verbatim: {}",
                s.text
            );
            assert!(!s.text.starts_with("BERLIN"), "dateline kept: {}", s.text);
        }
        let first = out
            .iter()
            .find(|s| s.text.starts_with("The German government approved"))
            .expect("lead chosen");
        assert!(first.sources.contains(&"a".to_string()));
        assert!(
            !first.sources.contains(&"c".to_string()),
            "a different number is not support: {:?}",
            first.sources
        );
    }

    #[test]
    fn budgets_are_hard_and_degenerate_input_is_fine() {
        let an = Analyzer::new();
        let one = art("x", "Short.");
        assert!(summarize_articles(&an, &[one], &Options::default()).is_empty());
        assert!(summarize_articles(&an, &[], &Options::default()).is_empty());
        let long = art(
            "y",
            &"The committee met again on Monday to discuss the budget for the coming year. "
                .repeat(5),
        );
        let out = summarize_articles(
            &an,
            &[long],
            &Options {
                words: 5,
                sentences: None,
            },
        );
        assert!(out.is_empty(), "no sentence fits five words");
        let many = art(
            "z",
            "The first storm hit the northern coast on Monday morning. A second storm followed two days later in the south. Officials closed schools across the region for a week.",
        );
        let out = summarize_articles(
            &an,
            &[many],
            &Options {
                words: 100,
                sentences: Some(1),
            },
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_sentence_pointing_back_comes_with_the_sentence_before_it_or_not_at_all() {
        // The second sentence of "a" carries the story's most widely reported facts but opens
        // with "He": it may only appear right after the sentence that says who he is.
        let facts = "He said the port of Valdora would reopen on Friday after the chemical spill was contained.";
        let a = art(
            "a",
            &format!(
                "Harbour master Ilse Brandt spoke to reporters at the quay on Tuesday evening. {facts}"
            ),
        );
        let b = art(
            "b",
            "Fishing crews waited at anchor outside the bay all week long. Officials in the regional capital said late on Tuesday that the port of Valdora would reopen on Friday after the chemical spill was contained by specialist crews.",
        );
        let c = art(
            "c",
            "Tourism operators counted their losses across the coast this month. According to a statement from the regional government, the port of Valdora would reopen on Friday after the chemical spill was contained by the navy.",
        );
        let an = Analyzer::new();
        let arts = [a, b, c];
        for words in [20, 40, 100] {
            let out = summarize_articles(
                &an,
                &arts,
                &Options {
                    words,
                    sentences: None,
                },
            );
            for (k, s) in out.iter().enumerate() {
                if s.text == facts {
                    assert!(
                        k > 0 && out[k - 1].text.starts_with("Harbour master Ilse Brandt"),
                        "{words} words: unresolved pronoun: {out:#?}"
                    );
                }
            }
        }
    }

    #[test]
    fn what_independent_outlets_agree_on_outweighs_one_outlets_repetition() {
        // Outlet One says twice that the bridge toll rises; outlets One and Two both say the
        // tunnel closes. Two articles each, but only the tunnel is stated by two sources.
        let mut one_a = art(
            "one-a",
            "The northern bridge toll will rise to four euros next month, the transport office said. The old harbour tunnel will close for repairs from March until the end of summer.",
        );
        let mut one_b = art(
            "one-b",
            "Drivers heard again that the northern bridge toll will rise to four euros next month.",
        );
        let mut two = art(
            "two",
            "City engineers confirmed that the old harbour tunnel will close for repairs from March.",
        );
        one_a.outlet = Some("One".into());
        one_b.outlet = Some("One".into());
        two.outlet = Some("Two".into());
        let an = Analyzer::new();
        let out = summarize_articles(
            &an,
            &[one_a, one_b, two],
            &Options {
                words: 100,
                sentences: Some(1),
            },
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].text.contains("tunnel"), "{out:#?}");
    }

    #[test]
    fn selection_is_never_worse_than_greedy_nor_better_than_the_optimum() {
        let an = Analyzer::new();
        let arts = [
            art(
                "a",
                "The central bank raised its key rate by half a point on Thursday to curb inflation. Markets had expected a smaller move. The governor said further rises were possible this year.",
            ),
            art(
                "b",
                "The central bank raised its key rate by half a point on Thursday. Inflation reached six percent in October, the highest level in a decade. Economists warned of slower growth.",
            ),
            art(
                "c",
                "Inflation reached six percent in October, the statistics office said. The governor said further rises were possible this year as prices kept climbing.",
            ),
        ];
        let analyses = analyze_all(&an, &arts);
        for words in [15, 30, 60] {
            let o = optimality(
                &docs(&arts, &analyses),
                &Options {
                    words,
                    sentences: None,
                },
            );
            assert!(o.proven, "{o:?}");
            assert!(o.greedy > 0.0 && o.greedy <= o.chosen + 1e-9, "{o:?}");
            assert!(o.chosen <= o.exact + 1e-9, "{o:?}");
        }
    }

    #[test]
    fn a_bare_quotation_is_not_summary_material() {
        assert!(bare_quote("``That was a miracle from heaven.''"));
        assert!(bare_quote("\u{201C}No point remained undisturbed.\u{201D}"));
        assert!(bare_quote("\"We will rebuild the bridge by spring.\""));
        // Attributed quotations name their speaker.
        assert!(!bare_quote("``We will rebuild,'' the mayor said."));
        assert!(!bare_quote("\"Yes,\" he said, \"we will rebuild.\""));
        assert!(!bare_quote("The mayor said: \"We will rebuild.\""));
        // In a story, the attributed sentence is chosen, the bare one never.
        let an = Analyzer::new();
        let text = "The bridge over the river collapsed on Monday after days of heavy rain. \
                    ``We will rebuild the bridge over the river by spring,'' the mayor said. \
                    ``The bridge over the river will be rebuilt by spring and reopened.''";
        let out = summarize_articles(&an, &[art("a", text), art("b", text)], &Options::default());
        assert!(!out.is_empty());
        assert!(out.iter().all(|s| !bare_quote(&s.text)), "{out:?}");
        assert!(
            out.iter().any(|s| s.text.contains("the mayor said")),
            "{out:?}"
        );
    }

    #[test]
    fn an_article_with_the_same_quotation_is_cited() {
        let an = Analyzer::new();
        let arts = [
            art(
                "a",
                "\"We have a healthy spacecraft on the surface of the Moon,\" chief executive Ida \
                 Kjaer told staff gathered at mission control in Aarhus.",
            ),
            art(
                "b",
                "\"We have a healthy spacecraft on the surface of the Moon,\" Kjaer said at the \
                 company's mission control, where engineers cheered and hugged.",
            ),
        ];
        let out = summarize_articles(&an, &arts, &Options::default());
        assert!(!out.is_empty());
        assert!(out.iter().all(|s| s.sources.len() == 2), "{out:?}");
    }

    #[test]
    fn a_photo_caption_is_no_summary_sentence() {
        let an = Analyzer::new();
        let caption = "FILE Photo: The ferry operator's flagship leaves the harbour of Piraeus for \
                       the islands in June.";
        let arts = [
            art(
                "a",
                &format!(
                    "The ferry operator cancelled all crossings to the islands on Monday. {caption}"
                ),
            ),
            art(
                "b",
                &format!(
                    "Crossings to the islands were cancelled by the ferry operator. {caption}"
                ),
            ),
        ];
        let out = summarize_articles(&an, &arts, &Options::default());
        assert!(!out.is_empty());
        assert!(out.iter().all(|s| !s.text.contains("Photo")), "{out:?}");
    }

    #[test]
    fn a_list_item_is_no_summary_sentence() {
        let an = Analyzer::new();
        let list = "Reports of the toll:\n\n    * AP - the confirmed death toll from the tsunami \
                    passed 121,000 on Saturday.\n    * BBC - the death toll from the tsunami \
                    passed 124,000 on Saturday.\n\n";
        let arts = [
            art(
                "a",
                &format!("{list}The death toll from the tsunami passed 120,000 on Saturday."),
            ),
            art(
                "b",
                &format!("{list}Aid agencies said the tsunami death toll passed 120,000."),
            ),
        ];
        let out = summarize_articles(&an, &arts, &Options::default());
        assert!(!out.is_empty());
        assert!(
            out.iter()
                .all(|s| !s.text.contains("AP") && !s.text.contains('*')),
            "{out:?}"
        );
    }

    #[test]
    fn a_story_of_headlines_still_gets_a_summary() {
        let an = Analyzer::new();
        let headlines = [
            art("a", "Storm cuts power to 40,000 homes in Oslo"),
            art("b", "Oslo storm leaves 40,000 homes without power"),
            art("c", "Will the Oslo storm reach Bergen?"),
        ];
        let out = summarize_articles(&an, &headlines, &Options::default());
        assert!(
            out.iter().any(|s| s.text.starts_with("Storm cuts power")),
            "{out:?}"
        );
        // A story with a full statement keeps to statements: no headline, no question.
        let mut with_statement = headlines.to_vec();
        with_statement.push(art(
            "d",
            "A storm cut power to 40,000 homes in Oslo on Sunday, the grid operator said.",
        ));
        let out = summarize_articles(&an, &with_statement, &Options::default());
        assert!(!out.is_empty());
        assert!(out.iter().all(|s| s.text.ends_with('.')), "{out:?}");
    }

    #[test]
    fn quotes_must_be_balanced() {
        assert!(balanced_quotes("He said \u{201C}yes\u{201D} today."));
        assert!(!balanced_quotes(
            "\u{201C}It seems we are going through a good phase,"
        ));
        assert!(!balanced_quotes("He said \"yes today."));
    }
}
