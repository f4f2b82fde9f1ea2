//! Compare: what the articles of a story state in common and what only one of them states.
//!
//! v1 aligns sentences lexically: sentence B *supports* sentence A when B contains at least 80%
//! of A's content stems, at least half of A's content bigrams, and every number A states (so "12
//! killed" is never taken as support for "15 killed"). Sentences that support each other one way
//! or the other form a [`Claim`]; a claim is `agreed` when at least two distinct outlets state it
//! (an article without an outlet counts as its own), `single` otherwise.
//!
//! Not yet here (issue "What sources share, agree on, add alone and contradict"): shared passages
//! with offsets, conflicts, entities, quotes.

mod entities;
mod passages;
mod quotes;
pub use concord_core::{Entity, PassageSpan, Quote, SharedPassage};
pub use entities::{PLACES, entities};
pub use passages::shared_passages;
pub use quotes::{SPEECH_VERBS, quotes};

use concord_analyze::{Doc, Sentence};
use concord_core::fnv1a;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};

/// Hashed bigrams of adjacent content-word stems (stopwords skipped), sorted and unique.
pub fn content_bigrams(s: &Sentence) -> Vec<u64> {
    let stems: Vec<&str> = s.content_stems().collect();
    let mut out: Vec<u64> = stems
        .windows(2)
        .map(|w| {
            let mut key = Vec::with_capacity(w[0].len() + w[1].len() + 1);
            key.extend_from_slice(w[0].as_bytes());
            key.push(b' ');
            key.extend_from_slice(w[1].as_bytes());
            fnv1a(&key)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when sentence `evidence` states what `claim` states: it contains at least 80% of the
/// claim's content stems, half of its content bigrams, and all of its numbers. Claims of fewer
/// than three content words are too vague to be supported by anything.
pub fn supports(evidence: &Sentence, claim: &Sentence) -> bool {
    let claim_stems: HashSet<&str> = claim.content_stems().collect();
    if claim_stems.len() < 3 {
        return false;
    }
    let ev_stems: HashSet<&str> = evidence.content_stems().collect();
    let shared = claim_stems.intersection(&ev_stems).count();
    if (shared as f64) < 0.8 * claim_stems.len() as f64 {
        return false;
    }
    let numbers_agree = claim
        .tokens
        .iter()
        .filter(|t| t.numeric)
        .all(|t| ev_stems.contains(t.stem.as_str()));
    if !numbers_agree {
        return false;
    }
    let cb = content_bigrams(claim);
    if cb.is_empty() {
        return true;
    }
    let eb: HashSet<u64> = content_bigrams(evidence).into_iter().collect();
    let shared_bigrams = cb.iter().filter(|b| eb.contains(b)).count();
    shared_bigrams as f64 >= 0.5 * cb.len() as f64
}

/// How widely a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Stated by at least two distinct outlets.
    Agreed,
    /// Stated by one outlet only.
    Single,
}

/// A statement and the articles that make it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The statement as first published (verbatim sentence).
    pub text: String,
    /// Article ids, earliest first.
    pub sources: Vec<String>,
}

/// Groups the sentences of a story's documents (in story order) into claims.
pub fn claims(docs: &[Doc<'_>]) -> Vec<Claim> {
    struct Group<'a> {
        rep: &'a Sentence,
        text: &'a str,
        docs: Vec<usize>,
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for s in &doc.analysis.sentences {
            if s.content_stems().nth(2).is_none() {
                continue;
            }
            let found = groups
                .iter_mut()
                .find(|g| supports(s, g.rep) || supports(g.rep, s));
            match found {
                Some(g) => {
                    if !g.docs.contains(&d) {
                        g.docs.push(d);
                    }
                }
                None => groups.push(Group {
                    rep: s,
                    text: s.text(doc.text),
                    docs: vec![d],
                }),
            }
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let outlets: HashSet<&str> = g
                .docs
                .iter()
                .map(|&d| docs[d].outlet.unwrap_or(docs[d].id))
                .collect();
            Claim {
                kind: if outlets.len() >= 2 {
                    ClaimKind::Agreed
                } else {
                    ClaimKind::Single
                },
                text: g.text.to_string(),
                sources: g.docs.iter().map(|&d| docs[d].id.to_string()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_analyze::{Analyzer, analyze_all, docs};
    use concord_core::Article;

    fn art(id: &str, outlet: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            text: text.into(),
            outlet: Some(outlet.into()),
            url: None,
            published: None,
            language: Some("en".into()),
        }
    }

    #[test]
    fn agreed_and_single_claims() {
        let arts = vec![
            art(
                "a",
                "Daily",
                "Twelve miners were rescued from the flooded pit in Silesia on Sunday. The rescue took 40 hours.",
            ),
            art(
                "b",
                "Herald",
                "Rescuers said twelve miners were rescued from the flooded pit in Silesia on Sunday, after days of work.",
            ),
            art("c", "Herald", "The rescue took 41 hours, officials said."),
        ];
        let an = analyze_all(&Analyzer::new(), &arts);
        let cl = claims(&docs(&arts, &an));
        let rescued = cl
            .iter()
            .find(|c| c.text.starts_with("Twelve miners"))
            .unwrap();
        assert_eq!(rescued.kind, ClaimKind::Agreed);
        assert_eq!(rescued.sources, ["a", "b"]);
        let hours = cl
            .iter()
            .find(|c| c.text.starts_with("The rescue took 40"))
            .unwrap();
        assert_eq!(
            hours.kind,
            ClaimKind::Single,
            "41 hours does not support 40 hours"
        );
    }

    #[test]
    fn one_outlet_twice_is_not_agreement() {
        let arts = vec![
            art(
                "a",
                "Wire",
                "The central bank raised its main interest rate to 4.5 percent on Thursday.",
            ),
            art(
                "b",
                "Wire",
                "The central bank raised its main interest rate to 4.5 percent on Thursday.",
            ),
        ];
        let an = analyze_all(&Analyzer::new(), &arts);
        let cl = claims(&docs(&arts, &an));
        assert_eq!(cl.len(), 1);
        assert_eq!(cl[0].kind, ClaimKind::Single);
        assert_eq!(cl[0].sources.len(), 2);
    }
}
