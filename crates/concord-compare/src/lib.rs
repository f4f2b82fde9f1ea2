//! Compare: what the articles of a story state in common and what only one of them states.
//!
//! Sentences are aligned lexically: sentence B *supports* sentence A when B contains at least 80%
//! of A's content stems, at least half of A's content bigrams, and every number A states (so "12
//! killed" is never taken as support for "15 killed"). Sentences that support each other one way
//! or the other form a [`Claim`], and so do sentences of different articles that carry the same
//! part of a shared passage for at least half their length (a press release wrapped in each
//! outlet's own words), as the summary's citations count them. A claim is `agreed` when at least
//! two independent outlets state it (an article without an outlet counts as its own; a copy
//! counts as the article it copies), `single` otherwise. Shared passages, conflicts, entities and
//! quotes have their own modules.

mod entities;
mod figures;
mod given_names;
mod groups;
mod passages;
mod quotes;
pub use concord_core::{
    Claim, ClaimKind, ClaimValue, Entity, Figure, PassageSpan, Quote, SharedPassage,
};
pub use entities::{PLACES, entities};
pub use figures::figures;
pub use passages::shared_passages;
pub use quotes::{SPEECH_VERBS, quotes, story_quotes};

use concord_analyze::{Doc, Sentence, dateline_end};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A sentence as a statement: its text without a wire dateline in front ("AREQUIPA, Peru
/// (Southern Wire) _ "), which says where the report was filed, not what it states.
pub(crate) fn statement<'t>(s: &Sentence, text: &'t str) -> &'t str {
    let t = s.text(text);
    &t[dateline_end(t)..]
}

/// Hashed bigrams of adjacent content-word stems (stopwords skipped), sorted and unique.
pub fn content_bigrams(s: &Sentence) -> Vec<u64> {
    bigrams_of(&content_hashes(s))
}

/// The hashed stems of a sentence's content words, in sentence order.
fn content_hashes(s: &Sentence) -> Vec<u64> {
    s.tokens
        .iter()
        .filter(|t| !t.stop)
        .map(|t| t.hash)
        .collect()
}

fn bigrams_of(stems: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = stems
        .windows(2)
        .map(|w| (w[0].rotate_left(29) ^ w[1]).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A sentence reduced to what [`supports`] compares, computed once per sentence: comparing
/// sorted hash lists is what keeps claim grouping and summary citations cheap, since every
/// sentence is set against many others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statement {
    /// Hashed content stems, sorted and unique.
    stems: Vec<u64>,
    /// Hashed stems of the numbers, sorted and unique.
    numbers: Vec<u64>,
    /// [`content_bigrams`].
    bigrams: Vec<u64>,
}

impl Statement {
    pub fn of(s: &Sentence) -> Self {
        let mut stems = content_hashes(s);
        let bigrams = bigrams_of(&stems);
        stems.sort_unstable();
        stems.dedup();
        let mut numbers: Vec<u64> = s
            .tokens
            .iter()
            .filter(|t| t.numeric)
            .map(|t| t.hash)
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        Statement {
            stems,
            numbers,
            bigrams,
        }
    }

    /// The sentence's concepts: hashed content bigrams, sorted and unique.
    pub fn bigrams(&self) -> &[u64] {
        &self.bigrams
    }
}

/// Number of values two sorted, unique lists share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// True when sentence `evidence` states what `claim` states: it contains at least 80% of the
/// claim's content stems, half of its content bigrams, and all of its numbers. Claims of fewer
/// than three content words are too vague to be supported by anything.
pub fn supports(evidence: &Sentence, claim: &Sentence) -> bool {
    states(&Statement::of(evidence), &Statement::of(claim))
}

/// [`supports`] on statements computed beforehand.
pub fn states(evidence: &Statement, claim: &Statement) -> bool {
    let n = claim.stems.len() as f64;
    if claim.stems.len() < 3 || (evidence.stems.len() as f64) < 0.8 * n {
        return false;
    }
    if (shared_count(&claim.stems, &evidence.stems) as f64) < 0.8 * n {
        return false;
    }
    if !claim
        .numbers
        .iter()
        .all(|x| evidence.stems.binary_search(x).is_ok())
    {
        return false;
    }
    claim.bigrams.is_empty()
        || shared_count(&claim.bigrams, &evidence.bigrams) as f64
            >= 0.5 * claim.bigrams.len() as f64
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
    let mut out = grouped_claims(docs, passages);
    out.extend(conflicts(docs));
    out
}

/// A story's claims (conflicts included) and its entities, resolving the story's names once:
/// conflicts compare the places and speakers that the entities list names.
pub fn claims_and_entities(
    docs: &[Doc<'_>],
    passages: &[SharedPassage],
) -> (Vec<Claim>, Vec<Entity>) {
    let (names, merged) = entities::resolve(docs);
    let mut claims = grouped_claims(docs, passages);
    claims.extend(conflicts_named(docs, &names));
    (claims, entities::listed(docs, merged))
}

/// The words of the longest quotation a sentence carries, when it has at least
/// [`QUOTE_KEY_WORDS`] of them, as a hash of its lower-cased words: two sentences with the same
/// key report the same words said, however each tells who said them and where ("“We have a
/// healthy spacecraft on the surface of the Moon,” chief executive Ida Kjaer said at …" and
/// "“…,” Nordlys Space chief executive Ida Kjaer told staff …").
pub fn quote_key(sentence: &str) -> Option<u64> {
    let (s, e) = quotes::quoted_spans(sentence)
        .into_iter()
        .max_by_key(|&(s, e)| e - s)?;
    let words: Vec<String> = sentence[s..e]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (words.len() >= QUOTE_KEY_WORDS).then(|| concord_core::fnv1a(words.join(" ").as_bytes()))
}

/// The fewest words of a quotation that [`quote_key`] keys a sentence by: shorter ones
/// ("“a good phase”") are phrases any report may quote around different statements.
pub const QUOTE_KEY_WORDS: usize = 6;

/// Whether a sentence is page furniture that reached the text rather than something the report
/// states: a link to another article (">>Netanyahu spins operation … | Analysis", "Read more:
/// …") or a photo's caption ("FILE Photo: Putin shakes hands with …"). Neither a claim nor
/// summary material; the text itself is kept as it came.
pub fn page_furniture(sentence: &str) -> bool {
    const LABELS: [&str; 9] = [
        "file photo:",
        "photo:",
        "pictured:",
        "image:",
        "caption:",
        "read more:",
        "related:",
        "see also:",
        "watch:",
    ];
    let t = sentence.trim_start();
    if t.starts_with(['>', '\u{00BB}', '\u{25BA}', '\u{25B6}', '\u{2192}']) {
        return true;
    }
    let head: String = t.chars().take(12).collect::<String>().to_lowercase();
    LABELS.iter().any(|l| head.starts_with(l))
}

/// Whether the span `start..end` covers at least half of the sentence `cs..ce` (characters):
/// the sentence then carries that shared text as its statement.
pub fn covers_half(start: usize, end: usize, cs: usize, ce: usize) -> bool {
    2 * ce.min(end).saturating_sub(cs.max(start)) >= ce - cs
}

/// Agreed and single-source claims: sentences grouped by what they state.
fn grouped_claims(docs: &[Doc<'_>], passages: &[SharedPassage]) -> Vec<Claim> {
    let copy_of = copies(docs, passages);
    // The independent source behind each document: its outlet, or the one it copies.
    let source = |mut d: usize| {
        while let Some(o) = copy_of[d] {
            d = o;
        }
        docs[d].outlet.unwrap_or(docs[d].id)
    };
    struct Group<'a> {
        rep: Statement,
        text: &'a str,
        docs: Vec<usize>,
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    // Groups by the content stems of their representative: a sentence is only tested against
    // groups sharing enough of its stems to pass `states` one way or the other (80% of the
    // smaller side), so the cost follows the overlap, not the square of the story's size. The
    // first matching group in creation order wins, as in a linear scan.
    let mut by_stem: HashMap<u64, Vec<u32>> = HashMap::default();
    let mut shared: HashMap<u32, u32> = HashMap::default();
    // Sentences that carry the same shared passage for at least half their length state the
    // same thing even when their words around it differ ("X's office said that…" / "X said…"),
    // as the summary's citations count them. A passage may span several sentences, so each
    // group holds the part of the passage its sentences cover (as fractions of the passage)
    // and takes another article's sentence covering the same part.
    let mut parts_of_passage: HashMap<usize, Vec<(f64, f64, u32)>> = HashMap::default();
    // Sentences that carry the same quotation report the same words said ([`quote_key`]).
    let mut by_quote: HashMap<u64, u32> = HashMap::default();
    // Each article's passage spans (passage, start, end), from one pass over the passages.
    let mut spans_of: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::default();
    for (k, p) in passages.iter().enumerate() {
        for a in &p.articles {
            spans_of
                .entry(a.id.as_str())
                .or_default()
                .push((k, a.start, a.end));
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        let spans = spans_of.get(doc.id).map_or(&[][..], Vec::as_slice);
        for s in &doc.analysis.sentences {
            if s.content_stems().nth(2).is_none() || page_furniture(s.text(doc.text)) {
                continue;
            }
            let (cs, ce) = (s.chars.start, s.chars.end);
            // (passage, start and end of the part this sentence covers, as fractions of it)
            let carried: Vec<(usize, f64, f64)> = spans
                .iter()
                .filter(|&&(_, start, end)| end > start && covers_half(start, end, cs, ce))
                .map(|&(k, start, end)| {
                    let len = (end - start) as f64;
                    let a = (cs.max(start) - start) as f64 / len;
                    let b = (ce.min(end) - start) as f64 / len;
                    (k, a, b)
                })
                .collect();
            let same_part =
                |parts: &HashMap<usize, Vec<(f64, f64, u32)>>, k: usize, a: f64, b: f64| {
                    parts.get(&k).and_then(|parts| {
                        parts.iter().find_map(|&(x, y, g)| {
                            let (m, n) = ((x + y) / 2.0, (a + b) / 2.0);
                            ((a..=b).contains(&m) || (x..=y).contains(&n)).then_some(g)
                        })
                    })
                };
            let st = Statement::of(s);
            let quote = quote_key(s.text(doc.text));
            shared.clear();
            for h in &st.stems {
                for &g in by_stem.get(h).map_or(&[][..], Vec::as_slice) {
                    *shared.entry(g).or_default() += 1;
                }
            }
            let mut candidates: Vec<u32> = shared
                .iter()
                .filter(|&(&g, &n)| {
                    let smaller = st.stems.len().min(groups[g as usize].rep.stems.len());
                    n as f64 >= 0.8 * smaller as f64
                })
                .map(|(&g, _)| g)
                .collect();
            candidates.sort_unstable();
            let found = candidates
                .into_iter()
                .find(|&g| {
                    let rep = &groups[g as usize].rep;
                    states(&st, rep) || states(rep, &st)
                })
                .or_else(|| {
                    carried
                        .iter()
                        .find_map(|&(k, a, b)| same_part(&parts_of_passage, k, a, b))
                })
                .or_else(|| quote.and_then(|q| by_quote.get(&q).copied()));
            let g = match found {
                Some(g) => {
                    let group = &mut groups[g as usize];
                    if !group.docs.contains(&d) {
                        group.docs.push(d);
                    }
                    g
                }
                None => {
                    let id = groups.len() as u32;
                    for h in &st.stems {
                        by_stem.entry(*h).or_default().push(id);
                    }
                    groups.push(Group {
                        rep: st,
                        text: statement(s, doc.text),
                        docs: vec![d],
                    });
                    id
                }
            };
            if let Some(q) = quote {
                by_quote.entry(q).or_insert(g);
            }
            for (k, a, b) in carried {
                if same_part(&parts_of_passage, k, a, b).is_none() {
                    parts_of_passage.entry(k).or_default().push((a, b, g));
                }
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
        .collect()
}

/// Statements articles make in nearly the same words but with different facts: at least
/// [`CONFLICT_OVERLAP`] of each sentence's content stems (numbers and the names compared below
/// left out) are shared, and one of these differs:
/// - `number`: a number attached to the same word ("12 people" / "15 people": the next content
///   word, else the previous one);
/// - `date`: a day of a month ("Sept. 17" / "Sept. 18"), a weekday or a month (English names);
/// - `place`: each side names a place the other does not ("in Syria" / "over the
///   Mediterranean"; places as typed by [`entities`]);
/// - `speaker`: each side names someone who speaks that the other does not: a person ("Koren
///   said" / "Peretz said"; names resolved within the story, "Netanyahu" is "Benjamin
///   Netanyahu"), an organisation ("Northwest Airlines said" / "Anna Berg said"), a country or
///   a people ("Iran said", "Israelis said").
///
/// A value only one side states is added detail, not a contradiction. Conflicting pairs that
/// share a sentence form one claim listing each differing value with its `field` and the
/// articles stating it; the text is the earliest article's sentence.
pub fn conflicts(docs: &[Doc<'_>]) -> Vec<Claim> {
    conflicts_named(docs, &entities::resolve(docs).0)
}

/// [`conflicts`] with the story's names already resolved.
fn conflicts_named(docs: &[Doc<'_>], names: &entities::Names<'_>) -> Vec<Claim> {
    let mut sides: Vec<Side<'_>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for s in &doc.analysis.sentences {
            if let Some(side) = Side::of(d, doc, s, names) {
                sides.push(side);
            }
        }
    }
    // Conflicting pairs, joined into groups by the sentences they share.
    let mut linked = groups::Groups::new(sides.len());
    let mut in_conflict = vec![false; sides.len()];
    // Per side: the (field, key, value) facts that differ from another side's.
    let mut differing: Vec<Vec<Fact<'_>>> = vec![Vec::new(); sides.len()];
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
            let (da, db) = (a.differing(b), b.differing(a));
            if !da.is_empty() {
                in_conflict[i] = true;
                in_conflict[j] = true;
                linked.join(i, j);
                differing[i].extend(da);
                differing[j].extend(db);
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
            // Each differing value with the articles stating it, in field and value order.
            let mut by_value: std::collections::BTreeMap<(&str, &str, &str), Vec<usize>> =
                Default::default();
            for &m in &members {
                for f in &differing[m] {
                    let ds = by_value.entry((f.field, f.key, f.value)).or_default();
                    if !ds.contains(&sides[m].doc) {
                        ds.push(sides[m].doc);
                    }
                }
            }
            let values = by_value
                .into_iter()
                .map(|((field, _, value), mut ds)| {
                    ds.sort_unstable();
                    ClaimValue {
                        field: field.to_string(),
                        value: value.to_string(),
                        sources: ds.iter().map(|&d| docs[d].id.to_string()).collect(),
                    }
                })
                .collect();
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

/// One checkable fact of a sentence: its field, what it is about (for numbers and days of a
/// month, the word they attach to; otherwise empty) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact<'a> {
    field: &'static str,
    key: &'a str,
    value: &'a str,
}

/// A sentence as [`conflicts`] compares it.
struct Side<'a> {
    doc: usize,
    text: &'a str,
    /// Content stems, numbers and compared names left out.
    words: HashSet<&'a str>,
    facts: Vec<Fact<'a>>,
}

/// English month names and their abbreviations, by the lower-cased word without its dot.
const MONTHS: &[(&str, &str)] = &[
    ("january", "January"),
    ("jan", "January"),
    ("february", "February"),
    ("feb", "February"),
    ("march", "March"),
    ("mar", "March"),
    ("april", "April"),
    ("apr", "April"),
    ("may", "May"),
    ("june", "June"),
    ("jun", "June"),
    ("july", "July"),
    ("jul", "July"),
    ("august", "August"),
    ("aug", "August"),
    ("september", "September"),
    ("sep", "September"),
    ("sept", "September"),
    ("october", "October"),
    ("oct", "October"),
    ("november", "November"),
    ("nov", "November"),
    ("december", "December"),
    ("dec", "December"),
];

/// The month a capitalized word names ("Sept." → September). "May" and "March" count only
/// inside a sentence, where their capital is not just the sentence's.
fn month_of(word: &str, initial: bool) -> Option<&'static str> {
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = word.trim_end_matches('.').to_lowercase();
    let (_, m) = MONTHS.iter().find(|(w, _)| *w == lower)?;
    (!(initial && matches!(*m, "May" | "March"))).then_some(*m)
}

impl<'a> Side<'a> {
    fn of(
        d: usize,
        doc: &Doc<'a>,
        s: &'a Sentence,
        names: &'a entities::Names<'_>,
    ) -> Option<Self> {
        let toks = &s.tokens;
        let surface = |k: usize| &doc.text[toks[k].bytes.clone()];
        let mut facts = Vec::new();
        let mut compared = vec![false; toks.len()];
        let mut is_date = vec![false; toks.len()];
        for m in entities::sentence_mentions(doc.text, s, &names.lower) {
            let Some((target, kind)) = names.index.get(&m.name) else {
                continue;
            };
            // A person or a body is compared as the one who speaks: who said what. The key
            // keeps its type (two bodies are the same only by name).
            let speaks = || {
                let verb = |k: usize| {
                    toks.get(k).is_some_and(|t| {
                        quotes::SPEECH_VERBS.contains(&surface(k).to_lowercase().as_str())
                            && !t.capitalized
                    })
                };
                let (start, end) = (m.tokens.start, m.tokens.end);
                (end..end + 2).any(verb)
                    || (start.saturating_sub(2)..start).any(verb)
                    || (start >= 2
                        && surface(start - 2).eq_ignore_ascii_case("according")
                        && surface(start - 1) == "to")
            };
            let fact = match *kind {
                // "a Swedish dance hall" says nothing of where; "in Sweden" does. But
                // "Israelis said" and "Iran said" name who speaks: a people, a country
                // ("police in Iran said": where, not who).
                "place" if speaks() && !m.place_cue => {
                    Some(("speaker", if m.demonym { "people" } else { "place" }))
                }
                "place" if m.demonym => None,
                "place" => Some(("place", "")),
                "person" | "organisation" if speaks() => Some(("speaker", *kind)),
                _ => None,
            };
            if let Some((field, key)) = fact {
                facts.push(Fact {
                    field,
                    key,
                    value: target.as_str(),
                });
                compared[m.tokens.clone()].fill(true);
            }
        }
        for k in 0..toks.len() {
            let word = surface(k)
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s");
            if let Some(day) = entities::WEEKDAYS.iter().find(|w| **w == word) {
                facts.push(Fact {
                    field: "date",
                    key: "weekday",
                    value: day,
                });
                compared[k] = true;
                is_date[k] = true;
            } else if let Some(month) = month_of(word, k == 0) {
                compared[k] = true;
                is_date[k] = true;
                // "Sept. 17": the day is compared as the date's; a bare month as the month.
                let day = toks.get(k + 1).filter(|t| t.numeric).map(|t| &*t.stem);
                match day {
                    Some(day) => {
                        compared[k + 1] = true;
                        facts.push(Fact {
                            field: "date",
                            key: month,
                            value: number_value(day),
                        });
                    }
                    None => facts.push(Fact {
                        field: "date",
                        key: "month",
                        value: month,
                    }),
                }
            }
        }
        let content = |k: usize| !toks[k].stop && !toks[k].numeric && !compared[k];
        for k in 0..toks.len() {
            if !toks[k].numeric || compared[k] {
                continue;
            }
            let next = (k + 1..toks.len().min(k + 4)).find(|&n| content(n));
            let prev = (k.saturating_sub(3)..k).rev().find(|&n| content(n));
            // A bare number ("in 1998, …") is compared with the other bare numbers.
            let word = next.or(prev).map_or("", |w| &*toks[w].stem);
            facts.push(Fact {
                field: "number",
                key: word,
                value: number_value(&toks[k].stem),
            });
        }
        if facts.is_empty() {
            return None;
        }
        // The statement's words: names compared here are left out, so that "over Syria" and
        // "over Lebanon" still align; dates stay in, short dated sentences need them to reach
        // the three words a comparable statement has.
        let words: HashSet<&str> = (0..toks.len())
            .filter(|&k| !toks[k].stop && !toks[k].numeric && (!compared[k] || is_date[k]))
            .map(|k| &*toks[k].stem)
            .collect();
        (words.len() >= 3).then(|| Side {
            doc: d,
            text: statement(s, doc.text),
            words,
            facts,
        })
    }

    /// This side's facts that contradict `other`'s. A number or a date contradicts when the
    /// other side states the same key with another value and never with this one; a place or a
    /// speaker when each side names one more often than the other does (one it does not name at
    /// all, or a mention of one the other names once more).
    fn differing(&self, other: &Side<'a>) -> Vec<Fact<'a>> {
        let mut out = Vec::new();
        for f in &self.facts {
            let same_key = |g: &&Fact<'_>| g.field == f.field && g.key == f.key;
            let conflicting = match f.field {
                "place" | "speaker" => {
                    // Two people are the same by family name, as outlets write them; anything
                    // else only by the name resolved.
                    let same = |x: &Fact<'_>, y: &Fact<'_>| {
                        if x.key == "person" && y.key == "person" {
                            same_person(x.value, y.value)
                        } else {
                            x.value == y.value
                        }
                    };
                    // Counted: "… Turkey … in southeastern Turkey" against "… Turkey … in
                    // southeastern Venezuela" replaces one mention of Turkey, though both
                    // sides name it.
                    let count = |x: &Side<'_>, g: &Fact<'_>| {
                        x.facts
                            .iter()
                            .filter(|h| h.field == f.field && same(h, g))
                            .count()
                    };
                    let more = |x: &Side<'_>, y: &Side<'_>, g: &Fact<'_>| count(x, g) > count(y, g);
                    let exclusive = |x: &Side<'_>, y: &Side<'_>| {
                        x.facts
                            .iter()
                            .filter(|g| g.field == f.field)
                            .any(|g| more(x, y, g))
                    };
                    more(self, other, f) && exclusive(other, self)
                }
                _ => {
                    other
                        .facts
                        .iter()
                        .filter(same_key)
                        .any(|g| g.value != f.value)
                        && !other
                            .facts
                            .iter()
                            .filter(same_key)
                            .any(|g| g.value == f.value)
                }
            };
            if conflicting && !out.contains(f) {
                out.push(*f);
            }
        }
        out
    }
}

/// Two names of the same person as outlets write them: the same family name, allowing a
/// transliteration's letter or two ("Xiong Gouming" / "Xiong Guoming", "Envoy Jamsheed Marker" /
/// "Jamsheed Marker").
fn same_person(a: &str, b: &str) -> bool {
    let last = |n: &str| n.split_whitespace().last().unwrap_or("").to_lowercase();
    let (x, y) = (last(a), last(b));
    let slack = if x.chars().count().min(y.chars().count()) >= 6 {
        2
    } else {
        1
    };
    strsim::levenshtein(&x, &y) <= slack
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
            outlet: Some(outlet.into()),
            language: Some("en".into()),
            ..Article::new(id, text)
        }
    }

    #[test]
    fn the_same_quotation_told_two_ways_is_one_agreed_claim() {
        let arts = vec![
            art(
                "a",
                "Wire",
                "\"We have a healthy spacecraft on the surface of the Moon,\" chief executive Ida \
                 Kjaer told staff gathered at mission control in Aarhus.",
            ),
            art(
                "b",
                "Herald",
                "\"We have a healthy spacecraft on the surface of the Moon,\" Kjaer said at the \
                 company's mission control, where engineers cheered and hugged.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let claims = claims(&docs(&arts, &analyses));
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].kind, ClaimKind::Agreed);
        // A short quotation is a phrase, not a statement: "a good phase" said by two people is
        // no agreement between them.
        assert_eq!(
            quote_key("Koren said relations are in \"a good phase\" now."),
            None
        );
        assert!(
            quote_key("\u{201C}We will rebuild the bridge by spring,\u{201D} she said.").is_some()
        );
    }

    #[test]
    fn captions_and_links_to_other_articles_are_no_claims() {
        assert!(page_furniture(
            "FILE Photo: Putin shakes hands with Netanyahu in Moscow on March 9, 2017."
        ));
        assert!(page_furniture(
            ">>Netanyahu spins operation against tunnels into a mission | Analysis"
        ));
        assert!(page_furniture(
            "Read more: Ferry strike enters its third day"
        ));
        assert!(page_furniture("Image: Diego Grez."));
        assert!(!page_furniture(
            "The photo showed the two leaders shaking hands."
        ));
        assert!(!page_furniture(
            "Photographers waited outside the ministry."
        ));
        let arts = vec![art(
            "a",
            "Wire",
            "The ferry operator cancelled all crossings to the islands on Monday. FILE Photo: A \
             ferry leaves the harbour of Piraeus in June. >>Ferry strike enters its third day as \
             talks stall",
        )];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let texts: Vec<String> = claims(&docs(&arts, &analyses))
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(
            texts,
            ["The ferry operator cancelled all crossings to the islands on Monday."]
        );
    }

    #[test]
    fn a_shared_passage_makes_differently_wrapped_sentences_one_claim() {
        let passage = "the new bridge over the Tagus will open in May, will carry 40,000 vehicles a day and will cut the journey from Almada to the airport by twenty minutes. Tolls will be collected electronically at both ends.";
        let arts = vec![
            art(
                "wire",
                "Wire",
                &format!(
                    "Speaking in Lisbon on Monday, transport ministry officials said {passage}"
                ),
            ),
            art(
                "post",
                "Post",
                &format!(
                    "A government statement praising engineers and workers confirmed that {passage}"
                ),
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let d = docs(&arts, &analyses);
        let bridge: Vec<Claim> = claims(&d)
            .into_iter()
            .filter(|c| c.text.contains("Tagus"))
            .collect();
        assert_eq!(bridge.len(), 1, "{bridge:#?}");
        assert_eq!(bridge[0].kind, ClaimKind::Agreed);
        assert_eq!(bridge[0].sources, ["wire", "post"]);
        // The passage's second sentence stays a claim of its own.
        let tolls = claims(&d);
        let tolls = tolls.iter().find(|c| c.text.starts_with("Tolls")).unwrap();
        assert_eq!(tolls.sources, ["wire", "post"]);
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
    fn a_statement_is_shown_without_the_dateline_in_front_of_it() {
        let arts = vec![
            art(
                "a",
                "Wire",
                "CUSCO, Peru (Andes Wire) _ At least 12 people were killed when the bus fell into \
                 a ravine on Sunday, police said. The driver survived.",
            ),
            art(
                "b",
                "Daily",
                "CUSCO, Peru _ At least 15 people were killed when the bus fell into a ravine on \
                 Sunday, police said.",
            ),
        ];
        let an = Analyzer::new();
        let analyses = analyze_all(&an, &arts);
        let docs = docs(&arts, &analyses);
        let conflict = &conflicts(&docs)[0];
        assert!(
            conflict.text.starts_with("At least 12 people were killed"),
            "{conflict:?}"
        );
        for c in claims(&docs) {
            assert!(!c.text.contains("CUSCO"), "{c:?}");
        }
        for f in figures(&docs) {
            assert!(f.text.starts_with("At least 1"), "{f:?}");
        }
    }

    #[test]
    fn differing_dates_places_and_people_are_conflicts_and_shared_ones_are_not() {
        let conflict_fields = |texts: [&str; 2]| -> Vec<(String, Vec<String>)> {
            let arts = vec![art("a", "Wire", texts[0]), art("b", "Daily", texts[1])];
            let an = Analyzer::new();
            let analyses = analyze_all(&an, &arts);
            conflicts(&docs(&arts, &analyses))
                .into_iter()
                .flat_map(|c| c.values)
                .map(|v| (format!("{}:{}", v.field, v.value), v.sources))
                .collect()
        };
        let got = conflict_fields([
            "The cargo plane crashed on Sept. 17 shortly after take-off from the main airport, officials said.",
            "The cargo plane crashed on Sept. 18 shortly after take-off from the main airport, officials said.",
        ]);
        assert_eq!(
            got,
            [
                ("date:17".to_string(), vec!["a".to_string()]),
                ("date:18".to_string(), vec!["b".to_string()])
            ]
        );
        // Each pair differs in one fact: its values, "field:value", in order.
        let cases: [([&str; 2], [&str; 2]); 8] = [
            // One of two mentions of a place replaced: both sides name Turkey.
            (
                [
                    "Turkey has accused Syria of sheltering rebels fighting for autonomy in southeastern Turkey.",
                    "Turkey has accused Syria of sheltering rebels fighting for autonomy in southeastern Iraq.",
                ],
                ["place:Iraq", "place:Turkey"],
            ),
            // A country said it: who speaks, not where; the other side names a person.
            (
                [
                    "The talks on the disputed islands would resume in the spring, Norway said on Monday.",
                    "The talks on the disputed islands would resume in the spring, Anna Berg said on Monday.",
                ],
                ["speaker:Anna Berg", "speaker:Norway"],
            ),
            // A people said it: who speaks, not where.
            (
                [
                    "The ceasefire along the border was broken twice overnight by mortar fire, Israelis said on Sunday.",
                    "The ceasefire along the border was broken twice overnight by mortar fire, Palestinians said on Sunday.",
                ],
                ["speaker:Israel", "speaker:Palestine"],
            ),
            // "Swedish" is an adjective here, not where it happened.
            (
                [
                    "Police in Sweden said a fire swept through a crowded Swedish dance hall late on Friday.",
                    "Police in Norway said a fire swept through a crowded Swedish dance hall late on Friday.",
                ],
                ["place:Norway", "place:Sweden"],
            ),
            (
                [
                    "The reconnaissance aircraft was shot down over Syria late on Monday by air defence fire, the ministry said.",
                    "The reconnaissance aircraft was shot down over Lebanon late on Monday by air defence fire, the ministry said.",
                ],
                ["place:Lebanon", "place:Syria"],
            ),
            (
                [
                    "The talks with the rebels would resume next week in the capital, Interior Minister Anna Berg said on Friday.",
                    "The talks with the rebels would resume next week in the capital, Foreign Minister Tomas Lind said on Friday.",
                ],
                ["speaker:Anna Berg", "speaker:Tomas Lind"],
            ),
            // An organisation speaks too, and two of them are told apart by their whole
            // names, not by the last word as people are.
            (
                [
                    "The flights to the islands would resume on Monday after the storm, Northwest Airlines said in a statement.",
                    "The flights to the islands would resume on Monday after the storm, Philippine Airlines said in a statement.",
                ],
                ["speaker:Northwest Airlines", "speaker:Philippine Airlines"],
            ),
            (
                [
                    "The summit of regional leaders opened on Tuesday in the port city under heavy security, organisers said.",
                    "The summit of regional leaders opened on Wednesday in the port city under heavy security, organisers said.",
                ],
                ["date:Tuesday", "date:Wednesday"],
            ),
        ];
        for (texts, want) in cases {
            let got = conflict_fields(texts);
            let fields: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
            assert_eq!(fields, want, "{got:?}");
        }
        // The same facts, one side adding detail: no conflict. Nor when it names a place again.
        assert!(
            conflict_fields([
                "The reconnaissance aircraft was shot down over Syria late on Monday, the ministry in Moscow said.",
                "The reconnaissance aircraft was shot down over Syria late on Monday, the ministry said.",
            ])
            .is_empty()
        );
        assert!(
            conflict_fields([
                "Turkey has accused Syria of sheltering rebels fighting for autonomy in southeastern Turkey.",
                "Turkey has accused Syria of sheltering rebels fighting for autonomy in the southeast.",
            ])
            .is_empty()
        );
        // Different statements that merely share a place are not compared.
        assert!(
            conflict_fields([
                "Heavy rain flooded several villages in northern Syria on Monday.",
                "The football team from Lebanon won the regional cup on Monday evening after extra time.",
            ])
            .is_empty()
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
