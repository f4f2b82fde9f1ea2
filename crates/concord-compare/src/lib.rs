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
mod groups;
mod passages;
mod quotes;
pub use concord_core::{Entity, PassageSpan, Quote, SharedPassage};
pub use entities::{PLACES, entities};
pub use passages::shared_passages;
pub use quotes::{SPEECH_VERBS, quotes, story_quotes};

use concord_analyze::{Doc, Sentence};
use concord_core::fnv1a;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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
    /// Stated by at least two independent outlets (a copy of another article is not one).
    Agreed,
    /// Stated by one outlet only.
    Single,
    /// The same statement with different numbers (casualties, amounts, dates, times).
    Conflict,
}

/// One of the values a conflict sets against each other, with the articles stating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimValue {
    pub value: String,
    pub sources: Vec<String>,
}

/// A statement and the articles that make it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The statement as first published (verbatim sentence).
    pub text: String,
    /// Article ids, earliest first.
    pub sources: Vec<String>,
    /// For a conflict: each differing value and who states it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ClaimValue>,
}

/// For each document (in story order), the earlier document it copies, if any: one whose shared
/// passages with it cover at least [`COPY_COVERAGE`] of its text. A copy republished by another
/// outlet (a line added, a few words changed) is the same source, not a second witness.
pub fn copies(docs: &[Doc<'_>], passages: &[SharedPassage]) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let lengths: Vec<usize> = docs.iter().map(|d| d.text.chars().count()).collect();
    // covered[j][i]: characters of j inside passages that i also carries, i < j.
    let mut covered: HashMap<(usize, usize), usize> = HashMap::default();
    for p in passages {
        let holders: Vec<(usize, usize)> = p
            .articles
            .iter()
            .filter_map(|a| index.get(a.id.as_str()).map(|&d| (d, a.end - a.start)))
            .collect();
        for &(j, len) in &holders {
            for &(i, _) in &holders {
                if i < j {
                    *covered.entry((j, i)).or_default() += len;
                }
            }
        }
    }
    (0..docs.len())
        .map(|j| {
            (0..j).find(|&i| {
                let c = covered.get(&(j, i)).copied().unwrap_or(0);
                lengths[j] > 0 && c as f64 >= COPY_COVERAGE * lengths[j] as f64
            })
        })
        .collect()
}

/// Share of an article that passages shared with an earlier one must cover to make it a copy.
pub const COPY_COVERAGE: f64 = 0.8;

/// Groups the sentences of a story's documents (in story order) into claims.
pub fn claims(docs: &[Doc<'_>]) -> Vec<Claim> {
    claims_with(docs, &shared_passages(docs))
}

/// [`claims`] with the story's shared passages already found.
pub fn claims_with(docs: &[Doc<'_>], passages: &[SharedPassage]) -> Vec<Claim> {
    let copy_of = copies(docs, passages);
    // The independent source behind each document: its outlet, or the one it copies.
    let source = |mut d: usize| {
        while let Some(o) = copy_of[d] {
            d = o;
        }
        docs[d].outlet.unwrap_or(docs[d].id)
    };
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
            let outlets: HashSet<&str> = g.docs.iter().map(|&d| source(d)).collect();
            Claim {
                kind: if outlets.len() >= 2 {
                    ClaimKind::Agreed
                } else {
                    ClaimKind::Single
                },
                text: g.text.to_string(),
                sources: g.docs.iter().map(|&d| docs[d].id.to_string()).collect(),
                values: Vec::new(),
            }
        })
        .chain(conflicts(docs))
        .collect()
}

/// Statements articles make in nearly the same words but with different numbers: at least
/// [`CONFLICT_OVERLAP`] of each sentence's non-numeric content stems are shared (and at least
/// four), and a number attached to the same word ("12 people" / "15 people": the next content
/// word, else the previous one) differs. A number only one side has is added detail, not a
/// contradiction. Conflicting pairs that share a sentence form one claim listing every value
/// with the articles stating it; the text is the earliest article's sentence.
pub fn conflicts(docs: &[Doc<'_>]) -> Vec<Claim> {
    struct Side<'a> {
        doc: usize,
        text: &'a str,
        words: HashSet<&'a str>,
        /// (number, the word it counts or dates).
        numbers: Vec<(&'a str, &'a str)>,
    }
    let mut sides: Vec<Side<'_>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for s in &doc.analysis.sentences {
            let toks = &s.tokens;
            let content = |k: usize| !toks[k].stop && !toks[k].numeric;
            let numbers: Vec<(&str, &str)> = (0..toks.len())
                .filter(|&k| toks[k].numeric)
                .map(|k| {
                    let next = (k + 1..toks.len().min(k + 4)).find(|&n| content(n));
                    let prev = (k.saturating_sub(3)..k).rev().find(|&n| content(n));
                    // A bare number ("in 1998, …") is compared with the other bare numbers.
                    let word = next.or(prev).map_or("", |w| toks[w].stem.as_str());
                    (number_value(&toks[k].stem), word)
                })
                .collect();
            if numbers.is_empty() {
                continue;
            }
            let words: HashSet<&str> = toks
                .iter()
                .filter(|t| !t.stop && !t.numeric)
                .map(|t| t.stem.as_str())
                .collect();
            if words.len() >= 3 {
                sides.push(Side {
                    doc: d,
                    text: s.text(doc.text),
                    words,
                    numbers,
                });
            }
        }
    }
    // Conflicting pairs, joined into groups by the sentences they share.
    let mut linked = groups::Groups::new(sides.len());
    let mut in_conflict = vec![false; sides.len()];
    for i in 0..sides.len() {
        for j in i + 1..sides.len() {
            let (a, b) = (&sides[i], &sides[j]);
            if a.doc == b.doc {
                continue;
            }
            // Cheap test first: the overlap cannot reach the bar when the sizes differ too much.
            let (la, lb) = (a.words.len() as f64, b.words.len() as f64);
            if la.min(lb) < CONFLICT_OVERLAP * la.max(lb) {
                continue;
            }
            let shared = a.words.intersection(&b.words).count() as f64;
            if shared < CONFLICT_OVERLAP * la.max(lb) {
                continue;
            }
            let differs = a.numbers.iter().any(|(na, wa)| {
                b.numbers.iter().any(|(nb, wb)| wa == wb && na != nb)
                    && !b.numbers.iter().any(|(nb, wb)| wa == wb && na == nb)
            });
            if differs {
                in_conflict[i] = true;
                in_conflict[j] = true;
                linked.join(i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in (0..sides.len()).filter(|&i| in_conflict[i]) {
        groups.entry(linked.root(i)).or_default().push(i);
    }
    groups
        .into_values()
        .map(|members| {
            // The words whose numbers disagree across the group.
            let mut by_word: std::collections::BTreeMap<
                &str,
                std::collections::BTreeMap<&str, Vec<usize>>,
            > = Default::default();
            for &m in &members {
                for &(n, w) in &sides[m].numbers {
                    let docs_of = by_word.entry(w).or_default().entry(n).or_default();
                    if !docs_of.contains(&sides[m].doc) {
                        docs_of.push(sides[m].doc);
                    }
                }
            }
            let mut values = Vec::new();
            for (_, numbers) in by_word.into_iter().filter(|(_, ns)| ns.len() > 1) {
                for (n, mut ds) in numbers {
                    ds.sort_unstable();
                    values.push(ClaimValue {
                        value: n.to_string(),
                        sources: ds.iter().map(|&d| docs[d].id.to_string()).collect(),
                    });
                }
            }
            let mut ds: Vec<usize> = members.iter().map(|&m| sides[m].doc).collect();
            ds.sort_unstable();
            ds.dedup();
            let first = members
                .iter()
                .min_by_key(|&&m| sides[m].doc)
                .copied()
                .unwrap_or(members[0]);
            Claim {
                kind: ClaimKind::Conflict,
                text: sides[first].text.to_string(),
                sources: ds.iter().map(|&d| docs[d].id.to_string()).collect(),
                values,
            }
        })
        .collect()
}

/// The number a numeric token states: "34-year-old" states 34, "3:12" a time, "1,200" 1200.
fn number_value(stem: &str) -> &str {
    let end = stem
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ':' | '/')))
        .map_or(stem.len(), |(i, _)| i);
    let v = stem[..end].trim_end_matches(['.', ':', '/']);
    if v.is_empty() { stem } else { v }
}

/// Share of content words two sentences must have in common to be the same statement.
pub const CONFLICT_OVERLAP: f64 = 0.7;

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
    fn a_republished_copy_is_not_a_second_witness() {
        let original = "The regional parliament voted on Thursday to close the old coal plant at Varde by 2030, after a debate that lasted eleven hours. Unions warned that four hundred jobs were at risk and asked for a retraining fund.";
        let arts = vec![
            art("orig", "Nordic Wire", original),
            // Another outlet republishes it with a line added and a word changed.
            art(
                "copy",
                "Coast Daily",
                &format!(
                    "{} Coast Daily will follow the story.",
                    original.replace("warned", "said")
                ),
            ),
            art(
                "own",
                "Valley Post",
                "After an eleven-hour debate, the regional parliament voted on Thursday to close the old coal plant at Varde by 2030.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let d = docs(&arts, &analyses);
        assert_eq!(copies(&d, &shared_passages(&d)), [None, Some(0), None]);
        let cs = claims(&d);
        let unions = cs.iter().find(|c| c.text.starts_with("Unions")).unwrap();
        assert_eq!(unions.sources, ["orig", "copy"]);
        assert_eq!(
            unions.kind,
            ClaimKind::Single,
            "two outlets, but one source"
        );
        let vote = cs.iter().find(|c| c.text.contains("coal plant")).unwrap();
        assert_eq!(vote.kind, ClaimKind::Agreed, "{vote:?}");
    }

    #[test]
    fn differing_numbers_in_the_same_statement_are_conflicts() {
        let arts = vec![
            art(
                "a",
                "Wire",
                "At least 12 people were killed when the bus fell into a ravine near Cusco on Sunday, police said. The driver survived.",
            ),
            art(
                "b",
                "Daily",
                "Police said at least 15 people were killed when the bus fell into a ravine near Cusco on Sunday.",
            ),
            art(
                "c",
                "Radio",
                "At least 12 people were killed when the bus fell into a ravine near Cusco on Sunday, police said.",
            ),
            art(
                "d",
                "Post",
                "The bus fell into a ravine near Cusco on Sunday at 6 a.m., police said, killing at least 12 people.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let found = conflicts(&docs(&arts, &analyses));
        // One conflict: b's 15 against the 12 of a, c and d; d's added time is no contradiction.
        assert_eq!(found.len(), 1, "{found:#?}");
        let c = &found[0];
        assert_eq!(c.kind, ClaimKind::Conflict);
        assert_eq!(c.sources, ["a", "b", "c", "d"]);
        let values: Vec<(&str, Vec<&str>)> = c
            .values
            .iter()
            .map(|v| {
                (
                    v.value.as_str(),
                    v.sources.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            values,
            [("12", vec!["a", "c", "d"]), ("15", vec!["b"])],
            "{c:#?}"
        );
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
