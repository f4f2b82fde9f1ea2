//! Shared passages: spans of text that several articles of a story carry nearly verbatim — a
//! press office's statement, wire copy, a quote — found the way text-reuse tools such as passim
//! do: word n-grams as seeds, chained along the diagonal into local alignments that tolerate small
//! edits ("updated Putin on" / "updated him on"), then grouped across articles.
//!
//! Method (v1):
//! 1. Each article is its token stems in order (stopwords kept: reuse is about wording).
//! 2. Seeds: every 5-gram of stems that occurs in two articles (5-grams found in more than
//!    [`MAX_SEED_DOCS`] articles are boilerplate and skipped).
//! 3. For each pair of articles, seeds sorted by position are chained when the next seed starts
//!    within [`MAX_GAP`] tokens on both sides and the two gaps differ by at most [`MAX_GAP`]
//!    (a word changed, added or dropped). A chain spanning at least [`MIN_TOKENS`] tokens on
//!    both sides is an alignment.
//! 4. Alignments are grouped: spans of one article that overlap are one node; a passage is a
//!    connected group, with each article's span the union of its nodes.
//! 5. The passage's text is the span of its origin: the earliest published article (ties and
//!    missing dates are said in `origin_basis`).

use concord_analyze::Doc;
use concord_core::{PassageSpan, SharedPassage};
use rustc_hash::FxHashMap as HashMap;

/// Seed length in tokens.
pub const SEED: usize = 5;
/// Largest step between chained seeds, and largest difference between the two sides' steps.
pub const MAX_GAP: usize = 4;
/// Shortest alignment worth reporting, in tokens on each side.
pub const MIN_TOKENS: usize = 10;
/// A seed found in more articles than this is boilerplate.
pub const MAX_SEED_DOCS: usize = 50;

struct Tokens {
    stems: Vec<u64>,
    /// Whether each token is a content word (not a stopword).
    content: Vec<bool>,
    /// Byte range of each token in the article's text.
    bytes: Vec<(usize, usize)>,
}

fn tokens_of(doc: &Doc<'_>) -> Tokens {
    let mut stems = Vec::new();
    let mut content = Vec::new();
    let mut bytes = Vec::new();
    for t in doc.analysis.tokens() {
        stems.push(t.hash);
        content.push(!t.stop);
        bytes.push((t.bytes.start, t.bytes.end));
    }
    Tokens {
        stems,
        content,
        bytes,
    }
}

fn seed_key(stems: &[u64]) -> u64 {
    stems.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, s| {
        (h ^ s).wrapping_mul(0x100_0000_01b3)
    })
}

/// A token span `[start, end)` in one article (by its index in the story).
type Node = (usize, (usize, usize));

/// One alignment between two articles: token ranges `[a.0, a.1)` and `[b.0, b.1)`.
#[derive(Debug, Clone, Copy)]
struct Alignment {
    a: (usize, usize),
    b: (usize, usize),
}

/// Grows an alignment outwards while the words keep matching, stepping over one changed, added or
/// dropped word when what lies beyond it matches again — a content word, or two words
/// ("updated Putin on" / "updated him on").
fn extend(al: Alignment, ta: &Tokens, tb: &Tokens) -> Alignment {
    let (a, b) = (&ta.stems, &tb.stems);
    let (mut a0, mut b0, mut a1, mut b1) = (al.a.0, al.b.0, al.a.1, al.b.1);
    // Leftwards: candidate steps (skip on a, skip on b) before requiring two matching words.
    'left: loop {
        if a0 > 0 && b0 > 0 && a[a0 - 1] == b[b0 - 1] {
            a0 -= 1;
            b0 -= 1;
            continue;
        }
        for (sa, sb) in [(1, 1), (1, 0), (0, 1)] {
            if a0 > sa && b0 > sb {
                let (x, y) = (a0 - sa, b0 - sb);
                if a[x - 1] == b[y - 1] {
                    if ta.content[x - 1] {
                        a0 = x - 1;
                        b0 = y - 1;
                        continue 'left;
                    }
                    if x >= 2 && y >= 2 && a[x - 2] == b[y - 2] {
                        a0 = x - 2;
                        b0 = y - 2;
                        continue 'left;
                    }
                }
            }
        }
        break;
    }
    'right: loop {
        if a1 < a.len() && b1 < b.len() && a[a1] == b[b1] {
            a1 += 1;
            b1 += 1;
            continue;
        }
        for (sa, sb) in [(1, 1), (1, 0), (0, 1)] {
            let (x, y) = (a1 + sa, b1 + sb);
            if x < a.len() && y < b.len() && a[x] == b[y] {
                if ta.content[x] {
                    a1 = x + 1;
                    b1 = y + 1;
                    continue 'right;
                }
                if x + 1 < a.len() && y + 1 < b.len() && a[x + 1] == b[y + 1] {
                    a1 = x + 2;
                    b1 = y + 2;
                    continue 'right;
                }
            }
        }
        break;
    }
    Alignment {
        a: (a0, a1),
        b: (b0, b1),
    }
}

fn align(seeds: &mut [(usize, usize)]) -> Vec<Alignment> {
    seeds.sort_unstable();
    // Chains of seeds; each keeps its first and last seed.
    let mut chains: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for &(pa, pb) in seeds.iter() {
        let extend = chains.iter_mut().rev().find(|(_, (la, lb))| {
            pa > *la
                && pb > *lb
                && pa - la <= MAX_GAP + 1
                && pb - lb <= MAX_GAP + 1
                && (pa - la).abs_diff(pb - lb) <= MAX_GAP
        });
        match extend {
            Some(chain) => chain.1 = (pa, pb),
            None => {
                // A seed inside an existing chain's span (a repeated n-gram) adds nothing.
                let inside = chains
                    .iter()
                    .any(|(f, l)| pa >= f.0 && pa <= l.0 && pb >= f.1 && pb <= l.1);
                if !inside {
                    chains.push(((pa, pb), (pa, pb)));
                }
            }
        }
    }
    chains
        .into_iter()
        .map(|(f, l)| Alignment {
            a: (f.0, l.0 + SEED),
            b: (f.1, l.1 + SEED),
        })
        .filter(|al| al.a.1 - al.a.0 >= MIN_TOKENS && al.b.1 - al.b.0 >= MIN_TOKENS)
        .collect()
}

/// Converts a byte offset of `text` to a character offset.
fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The passages that two or more of a story's articles share (documents in story order).
pub fn shared_passages(docs: &[Doc<'_>]) -> Vec<SharedPassage> {
    let toks: Vec<Tokens> = docs.iter().map(tokens_of).collect();
    // Seed index: every n-gram with its (doc, position), sorted so that the occurrences of one
    // n-gram are adjacent and in story order. A sorted vector beats a hash map of vectors here:
    // most n-grams occur once, and this was the largest cost of the stage.
    let mut grams: Vec<(u64, u32, u32)> = Vec::new();
    for (d, t) in toks.iter().enumerate() {
        for (p, w) in t.stems.windows(SEED).enumerate() {
            grams.push((seed_key(w), d as u32, p as u32));
        }
    }
    // By key only (cheaper than whole tuples); the few runs that matter are ordered below.
    grams.sort_unstable_by_key(|g| g.0);
    // Seeds per pair of articles.
    let mut pair_seeds: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::default();
    for run in grams.chunk_by_mut(|x, y| x.0 == y.0) {
        if run.len() < 2 || run.len() > 4 * MAX_SEED_DOCS {
            continue;
        }
        run.sort_unstable();
        if run[0].1 == run[run.len() - 1].1 {
            continue;
        }
        let mut in_docs: Vec<u32> = run.iter().map(|o| o.1).collect();
        in_docs.dedup();
        if in_docs.len() > MAX_SEED_DOCS {
            continue;
        }
        for (i, &(_, da, pa)) in run.iter().enumerate() {
            for &(_, db, pb) in &run[i + 1..] {
                // Sorted by doc: db >= da.
                if da != db {
                    pair_seeds
                        .entry((da as usize, db as usize))
                        .or_default()
                        .push((pa as usize, pb as usize));
                }
            }
        }
    }
    // Nodes: (doc, token span); alignments link nodes; overlapping spans of a doc merge.
    let mut nodes: Vec<Node> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut pairs: Vec<_> = pair_seeds.into_iter().collect();
    pairs.sort_unstable_by_key(|(k, _)| *k);
    for ((da, db), mut seeds) in pairs {
        for al in align(&mut seeds) {
            let al = extend(al, &toks[da], &toks[db]);
            nodes.push((da, al.a));
            nodes.push((db, al.b));
            links.push((nodes.len() - 2, nodes.len() - 1));
        }
    }
    let mut linked = crate::groups::Groups::new(nodes.len());
    for &(a, b) in &links {
        linked.join(a, b);
    }
    // Overlapping spans of one article are one node: sweep each article's spans by start.
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_unstable_by_key(|&i| (nodes[i].0, nodes[i].1.0));
    let mut run: Option<(usize, usize, usize)> = None; // (doc, end so far, first node of run)
    for &i in &order {
        let (d, (start, end)) = nodes[i];
        match run {
            Some((rd, rend, first)) if rd == d && start < rend => {
                linked.join(first, i);
                run = Some((rd, rend.max(end), first));
            }
            _ => run = Some((d, end, i)),
        }
    }
    // Components → per-doc token spans.
    let mut groups: HashMap<usize, Vec<Node>> = HashMap::default();
    for (i, &(d, span)) in nodes.iter().enumerate() {
        let g = groups.entry(linked.root(i)).or_default();
        match g.iter_mut().find(|(gd, _)| *gd == d) {
            Some((_, s)) => *s = (s.0.min(span.0), s.1.max(span.1)),
            None => g.push((d, span)),
        }
    }
    let mut out: Vec<SharedPassage> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort_unstable_by_key(|(d, _)| *d);
            let dated: Vec<_> = g.iter().filter_map(|(d, _)| docs[*d].published).collect();
            let (origin, basis) = if dated.len() < g.len() {
                (g[0].0, "undated")
            } else {
                let first = *dated.iter().min().expect("dated");
                let at_first: Vec<usize> = g
                    .iter()
                    .filter(|(d, _)| docs[*d].published == Some(first))
                    .map(|(d, _)| *d)
                    .collect();
                (
                    at_first[0],
                    if at_first.len() > 1 {
                        "tie"
                    } else {
                        "earliest"
                    },
                )
            };
            let spans: Vec<PassageSpan> = g
                .iter()
                .map(|&(d, (s, e))| {
                    let (bs, be) = (toks[d].bytes[s].0, toks[d].bytes[e - 1].1);
                    PassageSpan {
                        id: docs[d].id.to_string(),
                        start: char_offset(docs[d].text, bs),
                        end: char_offset(docs[d].text, be),
                    }
                })
                .collect();
            let (_, (s, e)) = *g
                .iter()
                .find(|(d, _)| *d == origin)
                .expect("origin in group");
            let text = &docs[origin].text[toks[origin].bytes[s].0..toks[origin].bytes[e - 1].1];
            SharedPassage {
                text: text.to_string(),
                origin: docs[origin].id.to_string(),
                origin_basis: basis.to_string(),
                articles: spans,
            }
        })
        .collect();
    // Longest first: the most substantial reuse leads.
    out.sort_by(|a, b| {
        b.text
            .len()
            .cmp(&a.text.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_analyze::{Analyzer, analyze_all, docs};
    use concord_core::{Article, Published};

    fn art(id: &str, day: Option<&str>, text: &str) -> Article {
        Article {
            outlet: Some(format!("outlet-{id}")),
            published: day.map(|d| Published::parse(d).unwrap()),
            language: Some("en".into()),
            ..Article::new(id, text)
        }
    }

    const WIRE: &str = "The ministry said the new bridge over the river will open to traffic on 3 March after final safety inspections by independent engineers.";

    #[test]
    fn finds_edited_wire_copy_with_offsets_and_origin() {
        let arts = vec![
            art(
                "late",
                Some("2026-02-02"),
                &format!(
                    "Local news. {} Residents welcomed it.",
                    WIRE.replace("the new bridge", "the long-awaited bridge")
                ),
            ),
            art(
                "first",
                Some("2026-02-01"),
                &format!("«Ministry statement»: {WIRE} Tolls are not planned."),
            ),
            art(
                "other",
                Some("2026-02-01"),
                "The football club signed a new goalkeeper on a three-year contract, its coach said on Monday.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let found = shared_passages(&docs(&arts, &analyses));
        assert_eq!(found.len(), 1, "{found:#?}");
        let p = &found[0];
        assert_eq!(
            (p.origin.as_str(), p.origin_basis.as_str()),
            ("first", "earliest")
        );
        assert!(
            p.text.contains("will open to traffic on 3 March"),
            "{}",
            p.text
        );
        let ids: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            ["late", "first"],
            "story order; the unrelated article is absent"
        );
        for span in &p.articles {
            let text = &arts.iter().find(|a| a.id == span.id).unwrap().text;
            let got: String = text
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect();
            assert!(
                got.contains("final safety inspections by independent engineers"),
                "{got}"
            );
            assert!(
                got.contains("bridge over the river"),
                "the changed word is stepped over: {got}"
            );
        }
    }

    #[test]
    fn short_common_phrases_are_not_passages() {
        let arts = vec![
            art(
                "a",
                None,
                "Officials said on Monday that the talks would continue next week in Geneva.",
            ),
            art(
                "b",
                None,
                "The talks would continue, a spokesman for the union said after a long night.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        assert!(shared_passages(&docs(&arts, &analyses)).is_empty());
    }
}
