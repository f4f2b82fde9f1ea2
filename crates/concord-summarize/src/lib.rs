//! Summarize: an extractive summary of a story whose every sentence is copied verbatim from a
//! source and cites every article that states the same thing.
//!
//! Method (v1):
//! 1. Candidates: sentences of 6–80 words that end a sentence, have balanced quotes and are not
//!    questions; a leading wire dateline ("LONDON (AP) _") is trimmed, nothing else is changed.
//! 2. Concepts: bigrams of adjacent content-word stems (stopwords skipped inside the bigram), each
//!    weighted by the number of articles of the story that contain it — a fact many sources report
//!    outweighs one that a single source adds. In a one-article story every concept counts once.
//! 3. Selection: greedy budgeted coverage — repeatedly take the sentence with the highest
//!    (weight of concepts not yet covered) / (length in words), with a small bonus for the lead
//!    sentences of an article, while the word and sentence budgets allow. Covered concepts count
//!    once, which is what keeps near-repeats out.
//! 4. Order: by the source article's publication time (input order when undated), then position.
//! 5. Citations: every article with a sentence that states the same thing, by
//!    [`concord_compare::supports`] (lexical containment, numbers must agree), and every article
//!    that shares a passage covering at least half of the sentence
//!    ([`concord_compare::shared_passages`]).
//!
//! The budgets are hard: the summary never has more than `words` whitespace-separated words.

use concord_analyze::{Analyzer, Doc, Sentence, analyze_all, dateline_end, docs};
use concord_compare::{content_bigrams, supports};
use concord_core::SummarySentence;
// Fx hashing: these maps are probed per token and per bigram, where SipHash showed in profiles.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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

struct Candidate {
    doc: usize,
    position: usize,
    /// Byte range in the doc's text after trimming a dateline.
    start: usize,
    end: usize,
    words: usize,
    concepts: Vec<u64>,
}

fn concepts_of(s: &Sentence) -> Vec<u64> {
    content_bigrams(s)
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
/// anyway); `None` finds them when a sentence is chosen.
pub fn summarize_with(
    docs: &[Doc<'_>],
    opts: &Options,
    passages: Option<&[concord_core::SharedPassage]>,
) -> Vec<SummarySentence> {
    if docs.is_empty() || opts.words == 0 || opts.sentences == Some(0) {
        return Vec::new();
    }
    let mut candidates = Vec::new();
    // Per concept: the number of documents using it, and the last one counted (documents are
    // visited in order, so that is enough to count each document once).
    let mut concept_docs: HashMap<u64, (usize, usize)> = HashMap::default();
    for (d, doc) in docs.iter().enumerate() {
        for (position, s) in doc.analysis.sentences.iter().enumerate() {
            let concepts = concepts_of(s);
            for &c in &concepts {
                let e = concept_docs.entry(c).or_insert((0, usize::MAX));
                if e.1 != d {
                    *e = (e.0 + 1, d);
                }
            }
            let raw = s.text(doc.text);
            let cut = dateline_end(raw);
            let text = &raw[cut..];
            let words = text.split_whitespace().count();
            if !(6..=80).contains(&words)
                || !ends_sentence(text)
                || !balanced_quotes(text)
                || text.ends_with('?')
                || concepts.is_empty()
            {
                continue;
            }
            candidates.push(Candidate {
                doc: d,
                position,
                start: s.bytes.start + cut,
                end: s.bytes.end,
                words,
                concepts,
            });
        }
    }
    let weight = |c: &u64| -> f64 { concept_docs.get(c).map_or(0, |e| e.0) as f64 };

    let mut covered: HashSet<u64> = HashSet::default();
    let mut chosen: Vec<usize> = Vec::new();
    let mut used_words = 0;
    let max_sentences = opts.sentences.unwrap_or(usize::MAX);
    let mut open: Vec<usize> = (0..candidates.len()).collect();
    while chosen.len() < max_sentences {
        let mut best: Option<(usize, f64)> = None;
        for (slot, &i) in open.iter().enumerate() {
            let c = &candidates[i];
            if used_words + c.words > opts.words {
                continue;
            }
            let gain: f64 = c
                .concepts
                .iter()
                .filter(|k| !covered.contains(k))
                .map(weight)
                .sum();
            if gain <= 0.0 {
                continue;
            }
            // Leads of news articles state the event; a mild prior, decaying with position.
            let prior = 1.0 + 0.5 / (1.0 + c.position as f64);
            let score = gain * prior / c.words as f64;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((slot, score));
            }
        }
        let Some((slot, _)) = best else { break };
        let i = open.swap_remove(slot);
        used_words += candidates[i].words;
        covered.extend(candidates[i].concepts.iter().copied());
        chosen.push(i);
    }

    // Reading order: earlier articles first, then position within the article.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&d| (docs[d].published, d));
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(r, &d)| (d, r)).collect();
    chosen.sort_by_key(|&i| (rank[&candidates[i].doc], candidates[i].position));
    let found;
    let passages: &[concord_core::SharedPassage] = match passages {
        Some(p) => p,
        None if chosen.is_empty() => &[],
        None => {
            found = concord_compare::shared_passages(docs);
            &found
        }
    };

    chosen
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            let doc = &docs[c.doc];
            let text = &doc.text[c.start..c.end];
            let sentence = &doc.analysis.sentences[c.position];
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
                        a.id == doc.id && {
                            let overlap = ce.min(a.end).saturating_sub(cs.max(a.start));
                            2 * overlap >= ce - cs
                        }
                    })
                })
                .flat_map(|p| p.articles.iter().map(|a| a.id.as_str()))
                .collect();
            let mut sources = vec![doc.id.to_string()];
            for d in &order {
                if *d != c.doc
                    && (in_passage.contains(&docs[*d].id)
                        || docs[*d]
                            .analysis
                            .sentences
                            .iter()
                            .any(|o| supports(o, sentence)))
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
            id: id.into(),
            title: None,
            text: text.into(),
            outlet: None,
            url: None,
            published: None,
            language: Some("en".into()),
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
        // Very short articles: nothing qualifies (under six words), and that is not an error.
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
    fn quotes_must_be_balanced() {
        assert!(balanced_quotes("He said \u{201C}yes\u{201D} today."));
        assert!(!balanced_quotes(
            "\u{201C}It seems we are going through a good phase,"
        ));
        assert!(!balanced_quotes("He said \"yes today."));
    }
}
