//! RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs: one article per item.
//!
//! An item's text is its full content when the feed carries it, else its summary. Many feeds
//! carry only a teaser; [`FeedItem::is_teaser`] says so, and `concord watch` then fetches the
//! linked page and extracts it (a file read offline keeps the teaser).

use concord_core::{Article, Published};
use dom_query::Document;
use regex::Regex;
use std::io::Read;
use std::sync::LazyLock;

/// One feed item, before it becomes an article.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The item's guid / Atom id (feed-rs derives one from the link when the feed gives none).
    pub id: String,
    pub title: Option<String>,
    /// Plain text of the content, else of the summary.
    pub text: String,
    /// The item's page.
    pub link: Option<String>,
    pub published: Option<Published>,
    pub authors: Vec<String>,
    /// The feed's title: the outlet.
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// True when the item has no full content, only a summary or nothing.
    pub has_content: bool,
}

/// Below this many characters an item's text is a teaser, not an article, even when the feed
/// calls it content (a single paragraph rarely reports a story).
pub const TEASER_CHARS: usize = 600;

impl FeedItem {
    /// Whether the linked page should be fetched for the full text.
    pub fn is_teaser(&self) -> bool {
        self.link.is_some() && (!self.has_content || self.text.chars().count() < TEASER_CHARS)
    }

    /// The item as an article. An item with no text at all keeps its title as the text, so that
    /// it is still stored and found; an item with neither is an error.
    pub fn into_article(self) -> Result<Article, String> {
        if self.id.is_empty() {
            return Err(format!(
                "feed item {:?} has no id and no link",
                self.title.as_deref().unwrap_or("(untitled)")
            ));
        }
        let text = if self.text.trim().is_empty() {
            self.title
                .clone()
                .ok_or_else(|| format!("feed item `{}` has no title and no text", self.id))?
        } else {
            self.text
        };
        let outlet = self
            .outlet
            .or_else(|| self.link.as_deref().and_then(crate::host_of));
        Ok(Article {
            id: self.id,
            title: self.title,
            text,
            outlet,
            url: self.link,
            published: self.published,
            language: self.language,
        })
    }
}

/// Parses a feed document.
pub fn parse(source: impl Read) -> Result<Vec<FeedItem>, String> {
    let feed = feed_rs::parser::parse(source).map_err(|e| format!("not a valid feed: {e}"))?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| plain_text(&t.content))
        .filter(|t| !t.is_empty());
    let feed_language = feed.language.clone();
    let mut items = Vec::with_capacity(feed.entries.len());
    for e in feed.entries {
        let content = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(plain_text)
            .filter(|t| !t.is_empty());
        let has_content = content.is_some();
        let text = content
            .or_else(|| e.summary.as_ref().map(|s| plain_text(&s.content)))
            .unwrap_or_default();
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
        let published = e.published.or(e.updated).map(|at| Published {
            at,
            day_only: false,
        });
        items.push(FeedItem {
            id: e.id.trim().to_string(),
            title: e
                .title
                .as_ref()
                .map(|t| plain_text(&t.content))
                .filter(|t| !t.is_empty()),
            text,
            link,
            published,
            authors: e
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(|n| n.trim().to_string()))
                .filter(|n| !n.is_empty())
                .collect(),
            outlet: outlet.clone(),
            language: e
                .language
                .clone()
                .or_else(|| feed_language.clone())
                .and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase))
                .filter(|l| l.len() == 2),
            has_content,
        });
    }
    Ok(items)
}

/// Text of an HTML fragment (feeds embed escaped HTML), paragraphs kept as blank lines.
pub fn plain_text(fragment: &str) -> String {
    static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</(?:p|div|h[1-6]|li|blockquote|tr|section|article)\s*>|<br\s*/?>")
            .expect("valid regex")
    });
    if !fragment.contains('<') && !fragment.contains('&') {
        return tidy(fragment);
    }
    let marked = BLOCK_END.replace_all(fragment, "$0\n\n");
    let doc = Document::from(format!("<html><body>{marked}</body></html>").as_str());
    let text = doc.select("body").text();
    tidy(&text)
}

fn tidy(s: &str) -> String {
    crate::html::join_paragraphs(s.split("\n\n"))
}
