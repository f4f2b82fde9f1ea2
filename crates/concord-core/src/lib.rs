//! The vocabulary every concord stage speaks: [`Article`], [`Story`], [`SummarySentence`] and the
//! JSON shapes that travel between stages.
//!
//! This crate holds data, not behaviour. Each pipeline stage (ingest → analyze → cluster → compare →
//! summarize → store/index → serve) depends on it and on nothing downstream of itself, so that every
//! stage can be used alone as a library or as a JSONL filter.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A publication time as an outlet states it: either a full timestamp or just a calendar day.
///
/// Day-only dates are common (bylines, DUC document numbers), and pretending they carry a time
/// would invent precision, so the distinction survives a round trip: a day prints as `YYYY-MM-DD`,
/// a timestamp as RFC 3339 in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Published {
    /// The instant (midnight UTC for day-only dates).
    pub at: DateTime<Utc>,
    /// True when only the day is known.
    pub day_only: bool,
}

/// Why a `published` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: expected RFC 3339 (2018-12-01T10:00:00Z) or YYYY-MM-DD")]
pub struct BadDate(pub String);

impl Published {
    /// Parses RFC 3339 (`2018-12-01T10:00:00+02:00`) or a bare day (`2018-12-01`).
    pub fn parse(s: &str) -> Result<Self, BadDate> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Published {
                at: t.with_timezone(&Utc),
                day_only: false,
            });
        }
        // A space instead of the `T` is common enough in feeds and exports to accept.
        if let Ok(t) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
            return Ok(Published {
                at: t.with_timezone(&Utc),
                day_only: false,
            });
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            let at = d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
            return Ok(Published { at, day_only: true });
        }
        Err(BadDate(s.to_string()))
    }

    /// Seconds since the Unix epoch.
    pub fn timestamp(&self) -> i64 {
        self.at.timestamp()
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.day_only {
            write!(f, "{}", self.at.format("%Y-%m-%d"))
        } else {
            f.write_str(&self.at.to_rfc3339_opts(SecondsFormat::Secs, true))
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// One news report as it entered concord.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Caller-chosen identifier, unique within a store (file stem for `.txt`, `id` for JSON).
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The body as published; sentence offsets point into this string.
    pub text: String,
    /// The outlet's name, or the host of `url` when no name was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    /// ISO 639-1 code, when the source states it or analysis detected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Article {
    /// An article with only an id and a text; set the other fields with struct update syntax.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            title: None,
            text: text.into(),
            outlet: None,
            url: None,
            published: None,
            language: None,
        }
    }
}

/// A span of an article's text, in Unicode scalar values (what Python's `str` slicing and most
/// JSON consumers count), so that a client can highlight `text[start..end]` without byte maths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// One sentence of a summary: verbatim text from a source and every article that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    /// Article ids, the article the text was copied from first.
    pub sources: Vec<String>,
}

impl SummarySentence {
    /// The sentences as one paragraph: joined by a space, or by " · " after one that does not
    /// end as a sentence does (a headline, where a story has no full statement), so that two
    /// headlines do not run together. The sentences' own text is left as it was copied.
    pub fn paragraph(sentences: &[SummarySentence]) -> String {
        let mut out = String::new();
        for s in sentences {
            if !out.is_empty() {
                let ended = out
                    .trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}'])
                    .ends_with(['.', '!', '?', ':', ';']);
                out.push_str(if ended { " " } else { " · " });
            }
            out.push_str(&s.text);
        }
        out
    }
}

/// An article as listed under a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryArticle {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    /// The id of the earlier article with the same normalized text, if this one is a copy.
    pub duplicate_of: Option<String>,
    /// Why the article is in this story (absent for copies, which follow their original).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Membership>,
}

/// The clusterer's reason for putting an article in a story, as decided on its arrival.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// The article started the story (nothing earlier matched it).
    pub founded: bool,
    /// The article brought the story back after it had retired (no active story matched it,
    /// and `probability` is its cosine with the story's body centroid).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
    /// The pair model's probability that the article belongs to the story (1 when it founded it).
    pub probability: f64,
    /// The stems that weighed most in the match, heaviest first.
    pub shared_terms: Vec<String>,
    /// The same terms as the article writes them ("Marseille" for the stem "marseill"), in the
    /// same order: what to show people. Empty for articles stored before concord kept them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_words: Vec<String>,
    /// The story the model ranked first for the article, which it did not join because that
    /// story had gone quiet and the article shares little with it (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed_over: Option<PassedOver>,
}

/// A story an article did not join although the pair model ranked it first: it had had no
/// report for days, and the article's body cosine with it was low (a new event among the same
/// actors, not the story going on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassedOver {
    pub story: String,
    /// Days between the story's latest report and the article.
    pub quiet_days: f64,
    /// The article's body cosine with the story.
    pub cosine: f64,
    /// The pair model's probability for the pair.
    pub probability: f64,
}

/// Where a shared passage sits in one article, in characters of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageSpan {
    pub id: String,
    pub start: usize,
    pub end: usize,
}

/// Text that several articles of a story share nearly verbatim (a statement, wire copy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPassage {
    /// The passage as the origin article has it.
    pub text: String,
    /// The article that published it first.
    pub origin: String,
    /// How `origin` was decided: "earliest" (by publication time), "tie" (another article was
    /// published at the same time; the first in story order is named), or "undated" (some
    /// articles carry no date; the first in story order is named).
    pub origin_basis: String,
    /// Every article carrying it, in story order.
    pub articles: Vec<PassageSpan>,
}

impl SharedPassage {
    /// How a reader is told where the passage was first, around the origin's id: the words
    /// before it and the note after it ("first in" X "(earliest published)"). Only "earliest"
    /// says who published it first; with undated articles or a tie the origin is only the first
    /// in story order, and the words say so.
    pub fn origin_words(&self) -> (&'static str, &'static str) {
        match self.origin_basis.as_str() {
            "earliest" => ("first in", "earliest published"),
            "tie" => (
                "first in story order:",
                "another was published at the same time",
            ),
            _ => (
                "first in story order:",
                "some are undated, so who published it first is unknown",
            ),
        }
    }
}

/// A person, organisation or place a story's articles name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    /// "person", "organisation" or "place".
    #[serde(rename = "type")]
    pub kind: String,
    pub mentions: usize,
    /// Articles that name it, in story order.
    pub articles: Vec<String>,
}

/// How widely a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Stated by at least two independent outlets (a copy of another article is not one).
    Agreed,
    /// Stated by one outlet only.
    Single,
    /// The same statement with different facts: numbers, dates, places or speakers.
    Conflict,
}

impl ClaimKind {
    /// The order a story shows its claims in: what is disputed first.
    pub const SHOWN: [ClaimKind; 3] = [ClaimKind::Conflict, ClaimKind::Agreed, ClaimKind::Single];

    /// The heading a story view gives claims of this kind.
    pub fn heading(self) -> &'static str {
        match self {
            ClaimKind::Conflict => "Conflicts",
            ClaimKind::Agreed => "Agreed by independent sources",
            ClaimKind::Single => "Only one source",
        }
    }
}

/// One of the values a conflict sets against each other, with the articles stating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimValue {
    /// What differs: "number", "date", "place" or "speaker" (who is said to have spoken, a person
    /// or an organisation; stores written before 2026-11-23 say "person" for a person).
    pub field: String,
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

/// A casualty figure a story's articles state: how many people they say were killed, injured or
/// missing. Figures are listed, not judged: a toll rises over a day, and one report counts a
/// district where another counts the region, so the sentence stating each comes with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// What happened to the people counted: "killed", "injured" or "missing".
    pub what: String,
    /// Whom it counts: "people", or whom the article names ("soldiers", "passengers").
    pub who: String,
    pub count: u64,
    /// How the first article stating it hedges it ("at least", "more than", "between 600 and");
    /// empty when it does not.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hedge: String,
    /// The sentence that first states it (verbatim).
    pub text: String,
    /// Article ids stating it, in story order.
    pub sources: Vec<String>,
}

impl Figure {
    /// "at least 82 killed", "21 soldiers missing".
    pub fn label(&self) -> String {
        let mut out = String::new();
        if !self.hedge.is_empty() {
            out.push_str(&self.hedge);
            out.push(' ');
        }
        out.push_str(&self.count.to_string());
        if self.who != "people" {
            out.push(' ');
            out.push_str(&self.who);
        }
        out.push(' ');
        out.push_str(&self.what);
        out
    }
}

/// The heading a story view gives its [`Figure`]s.
pub const FIGURES_HEADING: &str = "Figures as reported";

/// A quotation in an article and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Who said it, as the article names them; `None` when no rule found a speaker.
    pub speaker: Option<String>,
    pub article: String,
    /// Character offsets of `text` in the article.
    pub start: usize,
    pub end: usize,
}

/// The reports of one event, grouped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable identifier, derived from the article that founded the story.
    pub id: String,
    pub title: String,
    /// In order of publication (arrival order where dates are missing).
    pub articles: Vec<StoryArticle>,
    pub summary: Vec<SummarySentence>,
    /// Passages that several of its articles share, longest first.
    #[serde(default)]
    pub shared_passages: Vec<SharedPassage>,
    /// Quotations in its articles, article by article in story order.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// People, organisations and places named, most mentioned first.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// What its articles state: agreed by independent sources, stated by one, or in conflict.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Casualty figures its articles state, killed first, each kind in story order.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

/// Articles of a story published on one day (or in one week starting that day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveragePoint {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub articles: usize,
}

/// Most points [`Story::coverage`] gives at each grain: a span of up to this many days is
/// counted by day, up to this many weeks by week, and anything longer in this many equal periods
/// (so that a chart or an API answer stays small however long a story runs).
pub const COVERAGE_DAYS: i64 = 90;

/// Articles counted by day, week or period from the first date to the last, as
/// [`Story::coverage`] describes.
pub fn coverage_of(dates: impl IntoIterator<Item = Published> + Clone) -> Vec<CoveragePoint> {
    let mut days = dates.clone().into_iter().map(|p| p.at.date_naive());
    let Some(first) = days.next() else {
        return Vec::new();
    };
    let (d0, d1) = days.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let span = (d1 - d0).num_days();
    let step = if span <= COVERAGE_DAYS {
        1
    } else if span <= 7 * COVERAGE_DAYS {
        7
    } else {
        // Rounded up: span / step stays below COVERAGE_DAYS, so at most that many + 1 points.
        (span + COVERAGE_DAYS - 1) / COVERAGE_DAYS
    };
    let mut points: Vec<CoveragePoint> = (0..=span / step)
        .map(|k| CoveragePoint {
            day: (d0 + chrono::Duration::days(k * step))
                .format("%Y-%m-%d")
                .to_string(),
            articles: 0,
        })
        .collect();
    for p in dates {
        let k = ((p.at.date_naive() - d0).num_days() / step) as usize;
        points[k].articles += 1;
    }
    points
}

/// Articles a [`StoryRow`] lists.
pub const ROW_ARTICLES: usize = 20;

/// A story as a list shows it: what it is, who reported it and when, without reading all of
/// it. Built by the store from aggregates, so a row costs little however big the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub article_count: usize,
    /// Distinct outlets, in order of first appearance.
    pub outlets: Vec<String>,
    /// Earliest and latest publication of its articles (absent when none is dated).
    pub first: Option<Published>,
    pub last: Option<Published>,
    /// As [`Story::coverage`].
    pub coverage: Vec<CoveragePoint>,
    /// Its first [`ROW_ARTICLES`] articles in story order; all of them are in the story.
    pub articles: Vec<StoryArticle>,
    pub summary: Vec<SummarySentence>,
}

impl StoryRow {
    /// The row of a whole story (the store builds the same from aggregates).
    pub fn of(s: &Story) -> StoryRow {
        let (first, last) = s.time_span().unzip();
        StoryRow {
            id: s.id.clone(),
            title: s.title.clone(),
            article_count: s.articles.len(),
            outlets: s.outlets().into_iter().map(String::from).collect(),
            first,
            last,
            coverage: s.coverage(),
            articles: s.articles.iter().take(ROW_ARTICLES).cloned().collect(),
            summary: s.summary.clone(),
        }
    }

    /// The time span for people: one date, `first{sep}last`, or "undated".
    pub fn time_span_label(&self, sep: &str) -> String {
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}{sep}{b}"),
            _ => "undated".into(),
        }
    }
}

/// What is derived from a story's articles and stored with it, replaced whole each time an
/// article joins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryDerived {
    /// The headline: the most representative of the articles' titles.
    pub title: String,
    pub summary: Vec<SummarySentence>,
    pub shared_passages: Vec<SharedPassage>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
    pub figures: Vec<Figure>,
}

impl Story {
    /// Its claims of one kind, in story order.
    pub fn claims_of(&self, kind: ClaimKind) -> Vec<&Claim> {
        self.claims.iter().filter(|c| c.kind == kind).collect()
    }

    /// Distinct outlets, in order of first appearance.
    pub fn outlets(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for a in &self.articles {
            if let Some(o) = a.outlet.as_deref()
                && !seen.contains(&o)
            {
                seen.push(o);
            }
        }
        seen
    }

    /// The time span for people: one date, `first{sep}last`, or "undated".
    pub fn time_span_label(&self, sep: &str) -> String {
        match self.time_span() {
            Some((a, b)) if a == b => a.to_string(),
            Some((a, b)) => format!("{a}{sep}{b}"),
            None => "undated".into(),
        }
    }

    /// How many of its articles appeared on each day (UTC) from the first to the last, days
    /// without articles included; weeks (by their first day) when the span exceeds
    /// [`COVERAGE_DAYS`] days, and [`COVERAGE_DAYS`] equal periods when it exceeds that many
    /// weeks. Undated articles are not counted.
    pub fn coverage(&self) -> Vec<CoveragePoint> {
        coverage_of(self.articles.iter().filter_map(|a| a.published))
    }

    /// Earliest and latest publication times among the articles that carry one.
    pub fn time_span(&self) -> Option<(Published, Published)> {
        let mut it = self.articles.iter().filter_map(|a| a.published);
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p))))
    }
}

/// A story as the `summarize` and `compare` filters read it: an id and its documents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryDocs {
    pub id: String,
    pub docs: Vec<Article>,
}

/// Normalizes text for exact-duplicate detection: case, whitespace and typographic quote and dash
/// variants are ignored, because outlets re-flow and re-typeset the same copy.
pub fn normalize_for_dedup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// 64-bit FNV-1a: a hash that is stable across Rust releases and platforms (std's is not), for
/// identifiers and keys that are persisted or compared between runs.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_paragraph_keeps_headlines_apart() {
        let s = |t: &str| SummarySentence {
            text: t.to_string(),
            sources: vec!["a".to_string()],
        };
        let p = SummarySentence::paragraph(&[
            s("Storm cuts power to 40,000 homes"),
            s("Crews expect to restore it by Friday."),
            s("\"We are working through the night,\" a spokesman said."),
            s("Schools stay closed"),
        ]);
        assert_eq!(
            p,
            "Storm cuts power to 40,000 homes · Crews expect to restore it by Friday. \
             \"We are working through the night,\" a spokesman said. Schools stay closed"
        );
        assert_eq!(SummarySentence::paragraph(&[]), "");
    }

    #[test]
    fn coverage_counts_every_day_from_first_to_last() {
        let at = |d: &str| StoryArticle {
            id: d.into(),
            title: None,
            outlet: None,
            published: Published::parse(d).ok(),
            duplicate_of: None,
            why: None,
        };
        let mut s = Story {
            id: "s".into(),
            title: "t".into(),
            articles: vec![
                at("2026-03-01"),
                at("2026-03-03T10:00:00Z"),
                at("2026-03-03"),
                at("undated"),
            ],
            summary: vec![],
            shared_passages: vec![],
            quotes: vec![],
            entities: vec![],
            claims: vec![],
            figures: vec![],
        };
        let days: Vec<(String, usize)> = s
            .coverage()
            .into_iter()
            .map(|p| (p.day, p.articles))
            .collect();
        assert_eq!(
            days,
            [
                ("2026-03-01".to_string(), 1),
                ("2026-03-02".to_string(), 0),
                ("2026-03-03".to_string(), 2)
            ]
        );
        // Beyond 90 days, weeks.
        s.articles.push(at("2026-09-01"));
        let weeks = s.coverage();
        assert_eq!(weeks[0].day, "2026-03-01");
        assert_eq!(weeks.iter().map(|p| p.articles).sum::<usize>(), 4);
        assert!(weeks.len() < 30);
        // A story spanning a century still gives a small chart, every article counted.
        s.articles.push(at("2105-09-17"));
        let periods = s.coverage();
        assert!(periods.len() <= 91, "{} points", periods.len());
        assert_eq!(periods.iter().map(|p| p.articles).sum::<usize>(), 5);
        assert_eq!(periods.last().unwrap().articles, 1);
    }

    #[test]
    fn a_passage_is_said_to_be_first_somewhere_only_when_the_dates_say_so() {
        let passage = |basis: &str| SharedPassage {
            text: "The two agreed to meet soon.".into(),
            origin: "a".into(),
            origin_basis: basis.into(),
            articles: Vec::new(),
        };
        assert_eq!(
            passage("earliest").origin_words(),
            ("first in", "earliest published")
        );
        for basis in ["undated", "tie"] {
            let (lead, note) = passage(basis).origin_words();
            assert_eq!(lead, "first in story order:");
            assert!(!note.is_empty() && !note.contains("earliest"), "{note}");
        }
    }

    #[test]
    fn published_keeps_precision() {
        let d = Published::parse("2018-12-01").unwrap();
        assert!(d.day_only);
        assert_eq!(d.to_string(), "2018-12-01");
        let t = Published::parse("2018-12-01T10:30:00+02:00").unwrap();
        assert!(!t.day_only);
        assert_eq!(t.to_string(), "2018-12-01T08:30:00Z");
        assert!(Published::parse("yesterday").is_err());
        assert!(Published::parse("2018-13-01").is_err());
    }

    #[test]
    fn dedup_normalization_ignores_layout_and_quotes() {
        assert_eq!(
            normalize_for_dedup("  He said \u{201C}yes\u{201D}.\n\nThen  left "),
            normalize_for_dedup("he said \"yes\". then left")
        );
        assert_ne!(
            normalize_for_dedup("12 killed"),
            normalize_for_dedup("15 killed")
        );
    }
}
