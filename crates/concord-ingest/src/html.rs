//! HTML pages: the article body through rs-trafilatura, and the metadata a news reader needs
//! (title, publication date, authors, outlet, canonical URL, language) from the page itself.
//!
//! Dates are where extractors fail most often, so the date is taken from the most trusted place
//! that has one, in this order, and the place is reported ([`Page::published_from`]):
//! 1. JSON-LD (`datePublished` of an Article-like object, then `dateCreated`);
//! 2. meta tags (`article:published_time`, `og:published_time`, `date`, `dc.date`, ...);
//! 3. `<time datetime>` and `itemprop="datePublished"` elements;
//! 4. the URL (`/2018/12/01/`, `/2018-12-01/`);
//! 5. the visible text near the top of the page ("December 1, 2018", "1 December 2018").
//!
//! Modification dates are never used as publication dates. A value with no time of day stays a
//! day ([`Published::day_only`]), so no precision is invented.

use concord_core::{Article, Published};
use dom_query::Document;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// What one HTML page yields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Canonical URL when the page states one, else the URL it was fetched from.
    pub url: Option<String>,
    pub title: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
    pub published: Option<Published>,
    /// Where `published` came from: "json-ld", "meta", "time", "url", "text" or "extractor".
    pub published_from: Option<&'static str>,
    pub authors: Vec<String>,
    /// The outlet's name (JSON-LD publisher, `og:site_name`), else the URL's host.
    pub outlet: Option<String>,
    /// ISO 639-1, as the page states it (`<html lang>`, `content-language`); analysis detects
    /// the language of pages that do not.
    pub language: Option<String>,
}

impl Page {
    /// The page as an article named `id`.
    pub fn into_article(self, id: String) -> Article {
        Article {
            id,
            title: self.title,
            text: self.text,
            outlet: self.outlet,
            url: self.url,
            published: self.published,
            language: self.language,
        }
    }
}

/// Extracts a page. `url` is where it came from, when known (a WARC record, a feed link); it is
/// the fallback for the canonical URL and for dates in the URL.
///
/// Errors say why the page cannot be an article: not HTML, or no main text found.
pub fn extract(bytes: &[u8], url: Option<&str>) -> Result<Page, String> {
    if !looks_like_html(bytes) {
        return Err("not an HTML page (no markup at the start)".into());
    }
    // The extractor and the HTML parser are large third-party code; a page that makes one of
    // them panic is refused like any other bad page instead of ending the batch (or, in a
    // parallel window, taking its neighbours with it).
    std::panic::catch_unwind(|| extract_page(bytes, url)).unwrap_or_else(|_| {
        Err("HTML extraction failed: the extractor panicked on this page".into())
    })
}

fn extract_page(bytes: &[u8], url: Option<&str>) -> Result<Page, String> {
    // Below this many words a page holds no report (an error page, a stub, markup debris).
    const MIN_WORDS: usize = 5;
    let options = rs_trafilatura::Options {
        url: url.map(String::from),
        ..rs_trafilatura::Options::default()
    };
    // Transcoded once: the extractor and the metadata parser below read the same text.
    let html = rs_trafilatura::encoding::transcode_to_utf8(bytes);
    let result = rs_trafilatura::extract_with_options(&html, &options)
        .map_err(|e| format!("HTML extraction failed: {e}"))?;
    let text = strip_boilerplate(&tidy_text(&result.content_text));
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words < MIN_WORDS {
        return Err("no article text found in the page".into());
    }
    let doc = Document::from(html.as_str());
    let metas = Metas::of(&doc);
    let meta = &result.metadata;
    let ld = json_ld(&doc);

    let canonical = doc
        .select("link[rel='canonical']")
        .attr("href")
        .map(|h| h.to_string())
        .or_else(|| metas.get(&["og:url"]))
        .and_then(|h| absolute(&h, url));
    let url_out = canonical.or_else(|| url.map(String::from));

    let (published, published_from) =
        match published_date(&doc, &metas, &ld, url_out.as_deref(), url) {
            Some((p, from)) => (Some(p), Some(from)),
            None => match meta.date {
                Some(d) => (
                    Some(Published {
                        at: d,
                        day_only: false,
                    }),
                    Some("extractor"),
                ),
                None => (None, None),
            },
        };

    let title = ld
        .headline
        .clone()
        .or_else(|| meta.title.clone())
        .or_else(|| nonempty(doc.select("title").text().to_string()))
        .map(|t| collapse_ws(&t))
        .filter(|t| !t.is_empty());

    // The headline repeated as the first paragraph is the title, not the body.
    let text = match (&title, text.split_once("\n\n")) {
        (Some(t), Some((first, rest))) if same_words(first, t) => rest.to_string(),
        _ => text,
    };

    let mut authors = ld.authors.clone();
    if authors.is_empty()
        && let Some(a) = metas
            .get(&["author", "article:author", "byl", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
            .or_else(|| meta.author.clone())
    {
        authors = split_authors(&a);
    }

    let outlet = ld
        .publisher
        .clone()
        .or_else(|| metas.get(&["og:site_name", "application-name"]))
        .or_else(|| meta.sitename.clone())
        .map(|s| collapse_ws(&s))
        .filter(|s| !s.is_empty())
        .or_else(|| url_out.as_deref().and_then(crate::host_of));

    let language = doc
        .select("html")
        .attr("lang")
        .map(|l| l.to_string())
        .or_else(|| metas.get(&["content-language"]))
        .or_else(|| meta.language.clone())
        .and_then(|l| iso639_1(&l));

    Ok(Page {
        url: url_out,
        title,
        text,
        published,
        published_from,
        authors,
        outlet,
        language,
    })
}

/// True when the first non-blank bytes are markup. A page that starts with anything else (a
/// PDF, an image, JSON) is not read as HTML.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return false;
    }
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// Paragraphs as blank-line separated blocks, spaces inside a line collapsed.
fn tidy_text(raw: &str) -> String {
    join_paragraphs(raw.lines())
}

/// The non-blank parts, spaces inside each collapsed, separated by blank lines.
pub(crate) fn join_paragraphs<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = collapse_ws(part);
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&part);
    }
    out
}

/// Removes the page furniture that survives main-text extraction on news sites, paragraph by
/// paragraph, by rules that hold across sites (none names one):
/// - furniture lines anywhere: ad labels, "Read more: ...", "Related: ...", share/follow/subscribe
///   calls, "click here" calls, "First published ..."/"Updated ..." stamps, wire credits
///   ("Reporting by ..."), "Tags: ..." lines, and photo captions that end in a credit
///   ("... © Reuters / A. Name", "... [File: AFP]", "... (AP Photo/A. Name)");
/// - a list of links inside the body: a heading such as "Don't miss", "Also on example.com",
///   "Read more", "Related" or "Next Auto News" followed by headlines (short lines that do not
///   end as sentences); "Back to Gallery"-style labels and "Bureau | Updated: `<date>`" stamps;
/// - a trailing section that starts with a heading such as "You may also like", "More in ...",
///   "Related stories", "Tags", "About the author" in the last third of the text and holds only
///   short lines (a list of links);
/// - date and byline lines (or lines of at most three words) before the first sentence, and
///   labels of at most three words (or ending in `|`) after the last.
///
/// A rule never empties a page: when the rules would leave less than a third of the text, the
/// text is returned as extracted.
pub fn strip_boilerplate(text: &str) -> String {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
              (?:advert|advertisement|ad|sponsored(?:\ links?)?|sponsored\ content|print|back|back\ to\ (?:\w+\ ?){1,2}
                |share|share\ this(?:\ story|\ article)?|photo\ gallery|see\ full\ gallery
                |this\ slideshow\ requires\ javascript)\W*$
            | (?:read\ more|read\ next|related|related\ (?:post|article|story|content)s?|also\ read
                |also\ on\ \S+|also|see\ more|see\ also|more)\s*:
            | \[\s*related\s*:
            | (?:first\ )?published(?:\ on)?\s*:?\s*(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)
            | updated(?:\ at|\ on)?\s*:?\s*(?:\d|$|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)
            | [^|]{0,60}\|\s*(?:updated|published)\s*:\s*\d
            | \(?\s*(?:reporting|additional\ reporting|writing|editing)\ by\b
            | (?:copyright|©)
            | .{0,160}\bclick(?:ing)?\ here\b
            | (?:tags|topics|filed\ under)\b\s*:?\s*[^.!?]+$
            | (?:follow|like)\ (?:us|this|.{1,60}?\ on\ (?:facebook|twitter|instagram|x))\b
            | .{0,160}\bfollow\ (?:him|her|them|me|us)\ on\ (?:facebook|twitter|instagram|x)\b
            | (?:sign\ up|subscribe)\b
            | get\ the\ latest\ .*\b(?:inbox|newsletter|app)
            | .{0,80}\bcontributed\ (?:reporting|to\ this\ report)
            | .{0,120}\baffiliate\b.{0,120}\bcommissions?\b
            )",
        )
        .expect("valid regex")
    });
    static TAIL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:you\ may\ also\ like|you\ might\ also\ like|more\ (?:great\ )?\S+\ stories
              |more\ (?:in|from|on)\ .+|more|related(?:\ (?:stories|articles|posts|content|tags|topics|coverage))?
              |recommended(?:\ for\ you)?|most\ (?:read|popular|viewed)|trending(?:\ now)?|popular\ on\ .+
              |don'?t\ miss|what\ to\ read\ next|read\ next|see\ also|topics|tags|filed\ under
              |about\ the\ author|source|comments?|(?:\d+\ )?comments?\ \(\+\)|previous\ post|next\ post
              )\W*$",
        )
        .expect("valid regex")
    });
    // A list of links inside the body: one of these headings followed by headlines.
    static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:don'?t\ miss|also\ on\ \S+|read\ (?:more|also|next)|also\ read|see\ also
              |more\ on\ this(?:\ story|\ topic)?|related(?:\ (?:stories|articles|posts|content|coverage))?
              |recommended(?:\ for\ you)?|you\ (?:may|might)\ also\ like|most\ (?:read|popular|viewed)
              |[-–—]?\s*(?:next|previous|prev)\ (?:\w+\ ){0,2}(?:news|post|article|story)\s*[-–—]?
              )\W*$",
        )
        .expect("valid regex")
    });
    // A photo caption: text ending in a credit ("© Reuters / A. Name", "[File: AFP]",
    // "(AP Photo/A. Name)").
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\S.{10,}(?:
              ©\s*[^©.]{1,60}
            | \[\s*(?:file|photo|image|picture)s?\b[^\]]{0,80}\]
            | \(\s*(?:[A-Z]{2,}\ )?(?:file\ )?(?:photo|image|picture)s?\s*(?:[/:]|by\b)[^)]{0,80}\)
            | \(\s*file(?:\ photo)?\s*\)
            )\s*$",
        )
        .expect("valid regex")
    });
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:\|\s*)?(?:by|por|von|par|di|door)\b").expect("valid regex")
    });
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let words = |p: &str| p.split_whitespace().count();
    let sentence_end = |p: &str| {
        p.trim_end().ends_with([
            '.', '!', '?', '"', '\u{201D}', '\u{2019}', '\'', ':', ')', '\u{2026}',
        ])
    };
    let total: usize = paragraphs.iter().map(|p| p.len()).sum();
    // The tail section: a heading-like paragraph past two thirds of the text followed only by
    // short lines (a list of links), not by more paragraphs of the article.
    let mut seen = 0;
    let mut end = paragraphs.len();
    for (i, p) in paragraphs.iter().enumerate() {
        if seen * 3 >= total * 2
            && words(p) <= 6
            && TAIL_HEADING.is_match(p.trim())
            && paragraphs[i + 1..].iter().all(|q| words(q) <= 25)
        {
            end = i;
            break;
        }
        seen += p.len();
    }
    // A headline in a list of links: short, and not ending as a sentence does ("[VIDEO]" and
    // "|" separators count as no sentence end).
    let headline = |p: &str| words(p) <= 25 && !sentence_end(p);
    let mut kept: Vec<&str> = Vec::with_capacity(end);
    let mut i = 0;
    while i < end {
        let p = paragraphs[i].trim();
        if words(p) <= 5 && LIST_HEADING.is_match(p) {
            let items = paragraphs[i + 1..end]
                .iter()
                .take_while(|q| headline(q))
                .count();
            if items > 0 {
                i += 1 + items;
                continue;
            }
        }
        let furniture = words(p) <= 40 && FURNITURE.is_match(p);
        let caption = words(p) <= 60 && CAPTION.is_match(p);
        if !furniture && !caption {
            kept.push(paragraphs[i]);
        }
        i += 1;
    }
    // Date and byline lines above the first sentence.
    let stamp = |p: &str| {
        words(p) <= 12
            && !sentence_end(p)
            && (words(p) <= 3 || p.chars().any(|c| c.is_ascii_digit()) || BYLINE.is_match(p.trim()))
    };
    let lead = kept.iter().take_while(|p| stamp(p)).count();
    if lead < kept.len() {
        kept.drain(..lead);
        // Credit and section labels below the last sentence ("Reuters", "Filed under: X |").
        while kept
            .last()
            .is_some_and(|p| (words(p) <= 3 && !sentence_end(p)) || p.trim_end().ends_with('|'))
        {
            kept.pop();
        }
    }
    let out = kept.join("\n\n");
    if out.len() * 3 < total {
        return text.to_string();
    }
    out
}

/// Whether `a` says the same words as `b` or as the start of `b` (titles often carry
/// " | Outlet"), ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && b.starts_with(&a) && a.len() * 2 >= b.len()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonempty(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if let Ok(u) = url::Url::parse(href) {
        return matches!(u.scheme(), "http" | "https").then(|| u.to_string());
    }
    let base = url::Url::parse(base?).ok()?;
    base.join(href).ok().map(|u| u.to_string())
}

/// The page's meta tags as (name, content) pairs, read once: the name is any of `property`,
/// `name`, `itemprop`, `http-equiv`, lowercased; tags without content are left out.
struct Metas(Vec<(String, String)>);

impl Metas {
    fn of(doc: &Document) -> Metas {
        let mut pairs = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content").and_then(|c| nonempty(c.to_string())) else {
                continue;
            };
            for a in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(name) = node.attr(a) {
                    pairs.push((name.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Metas(pairs)
    }

    /// The content of the first tag named by the first of `keys` that has one.
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(k))
                .map(|(_, c)| c.clone())
        })
    }
}

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default)]
struct LinkedData {
    published: Option<String>,
    created: Option<String>,
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

fn json_ld(doc: &Document) -> LinkedData {
    let mut ld = LinkedData::default();
    for node in doc.select("script[type='application/ld+json']").nodes() {
        let text = node.text();
        // Sites often leave trailing commas or several objects; what does not parse is skipped.
        if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
            visit_ld(&v, &mut ld, 0);
        }
    }
    ld
}

fn is_article_type(v: &Value) -> bool {
    let matches = |t: &str| {
        let t = t.to_ascii_lowercase();
        t.contains("article") || t.contains("posting") || t == "report" || t == "webpage"
    };
    match v.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

fn visit_ld(v: &Value, ld: &mut LinkedData, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, ld, depth + 1)),
        Value::Object(map) => {
            if is_article_type(v) {
                let s = |k: &str| {
                    map.get(k)
                        .and_then(Value::as_str)
                        .and_then(|s| nonempty(s.to_string()))
                };
                // A NewsArticle outranks a WebPage wrapper: take the first article's fields.
                if ld.published.is_none() {
                    ld.published = s("datePublished");
                }
                if ld.created.is_none() {
                    ld.created = s("dateCreated");
                }
                if ld.headline.is_none() {
                    ld.headline = s("headline");
                }
                if ld.authors.is_empty()
                    && let Some(a) = map.get("author")
                {
                    ld.authors = names(a);
                }
                if ld.publisher.is_none()
                    && let Some(p) = map.get("publisher")
                {
                    ld.publisher = names(p).into_iter().next();
                }
            }
            if let Some(g) = map.get("@graph") {
                visit_ld(g, ld, depth + 1);
            }
        }
        _ => {}
    }
}

/// Names from a JSON-LD person/organisation value: a string, `{"name": ...}`, or a list of them.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_authors(s),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .and_then(|s| nonempty(collapse_ws(s)))
            .into_iter()
            .collect(),
        Value::Array(items) => {
            let mut out: Vec<String> = Vec::new();
            for n in items.iter().flat_map(names) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// "By Ann Lee and Bo Chen" → ["Ann Lee", "Bo Chen"].
fn split_authors(s: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:;|,|\band\b|&|\|)\s*").expect("valid regex"));
    let s = collapse_ws(s);
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(&s);
    let mut out: Vec<String> = Vec::new();
    for part in SEP.split(s) {
        let part = part.trim();
        if !part.is_empty() && part.len() <= 80 && !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datePublished",
    "article.published",
    "published_time",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
];

fn published_date(
    doc: &Document,
    metas: &Metas,
    ld: &LinkedData,
    canonical: Option<&str>,
    fetched: Option<&str>,
) -> Option<(Published, &'static str)> {
    if let Some(p) = [&ld.published, &ld.created]
        .into_iter()
        .flatten()
        .find_map(|s| parse_date(s))
    {
        return Some((p, "json-ld"));
    }
    for key in PUBLISHED_META {
        if let Some(p) = metas.get(&[key]).and_then(|c| parse_date(&c)) {
            return Some((p, "meta"));
        }
    }
    let times = doc.select("time[datetime], [itemprop='datePublished']");
    let nodes = times.nodes();
    // A publication <time> (pubdate, itemprop) outranks the first <time> on the page.
    let ranked = nodes
        .iter()
        .filter(|n| n.attr("pubdate").is_some() || n.attr("itemprop").is_some())
        .chain(nodes.iter());
    for node in ranked {
        let v = node
            .attr("datetime")
            .or_else(|| node.attr("content"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| node.text().to_string());
        if let Some(p) = parse_date(&v) {
            return Some((p, "time"));
        }
    }
    if let Some(p) = [canonical, fetched]
        .into_iter()
        .flatten()
        .find_map(date_in_url)
    {
        return Some((p, "url"));
    }
    visible_date(doc).map(|p| (p, "text"))
}

/// A date stated in a URL path: `/2018/12/01/`, `/2018-12-01`, `/20181201/`.
pub fn date_in_url(url: &str) -> Option<Published> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
            .expect("valid regex")
    });
    let c = URL_DATE.captures(url)?;
    day(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    plausible(Published {
        at: date.and_hms_opt(0, 0, 0)?.and_utc(),
        day_only: true,
    })
}

/// Dates before the web or far in the future are misreadings (copyright years, event dates).
fn plausible(p: Published) -> Option<Published> {
    let year = chrono::Datelike::year(&p.at);
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(2);
    (year >= 1980 && p.at <= tomorrow).then_some(p)
}

static MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Parses the date formats pages and feeds use: RFC 3339 (with or without a colon in the
/// offset, with or without a zone), RFC 2822, a bare day, "December 1, 2018", "1 Dec 2018".
pub fn parse_date(s: &str) -> Option<Published> {
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?i)({MONTHS})\.? (\d{{1,2}}),? ((?:19|20)\d\d)\b"
        ))
        .expect("valid regex")
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(\d{{1,2}}) (?i)({MONTHS})\.?,? ((?:19|20)\d\d)\b"
        ))
        .expect("valid regex")
    });
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(p) = Published::parse(s) {
        return plausible(p);
    }
    let stamp = |t: chrono::DateTime<chrono::FixedOffset>| {
        plausible(Published {
            at: t.with_timezone(&chrono::Utc),
            day_only: false,
        })
    };
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(s) {
        return stamp(t);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ] {
        if let Ok(t) = chrono::DateTime::parse_from_str(s, fmt) {
            return stamp(t);
        }
    }
    // A time without a zone: the day is certain, the hour is not; keep the day.
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            let d = t.date();
            return day(
                chrono::Datelike::year(&d),
                chrono::Datelike::month(&d),
                chrono::Datelike::day(&d),
            );
        }
    }
    if let Some(c) = MDY.captures(s) {
        return day(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?);
    }
    if let Some(c) = DMY.captures(s) {
        return day(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?);
    }
    None
}

/// A written date in the first lines of the page's text, where bylines sit.
fn visible_date(doc: &Document) -> Option<Published> {
    static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b((?:{MONTHS})\.? \d{{1,2}},? (?:19|20)\d\d|\d{{1,2}} (?:{MONTHS})\.?,? (?:19|20)\d\d)(?:\D|$)"
        ))
        .expect("valid regex")
    });
    let body = doc.select("body").text();
    let head: String = body.chars().take(3000).collect();
    let head = collapse_ws(&head);
    // Element texts run together ("...weeksBy Ann Lee, March 6, 2026The harbour..."), so the
    // year is delimited by a non-digit rather than a word boundary.
    WRITTEN.captures_iter(&head).find_map(|c| parse_date(&c[1]))
}

/// "en-US" → "en"; anything that is not a two-letter code is dropped.
fn iso639_1(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::strip_boilerplate;

    const PARAS: [&str; 4] = [
        "The harbour authority said on Tuesday that the northern pier would stay closed for at least three weeks.",
        "Engineers found cracks in two of the pier's supporting columns, the authority's director told reporters.",
        "Nobody was hurt in the collision, and the ship was towed to a repair yard, the coast guard said.",
        "Local businesses warned that the closure would cut visitor numbers during the autumn festival.",
    ];

    /// The article's paragraphs with `extra` inserted after the second.
    fn with(extra: &[&str]) -> String {
        let mut parts = PARAS[..2].to_vec();
        parts.extend_from_slice(extra);
        parts.extend_from_slice(&PARAS[2..]);
        parts.join("\n\n")
    }

    fn stripped_to_article(extra: &[&str]) {
        assert_eq!(
            strip_boilerplate(&with(extra)),
            PARAS.join("\n\n"),
            "{extra:?}"
        );
    }

    #[test]
    fn a_list_of_links_inside_the_body_goes_with_its_heading() {
        stripped_to_article(&[
            "DON'T MISS",
            "Pier owners furious at council over repair bill [ INSIGHT]|",
            "Storm season: what to expect this winter [VIDEO]",
        ]);
        stripped_to_article(&[
            "Also on example.com",
            "Ferry operators threatened with fines as timetable collapses",
        ]);
        stripped_to_article(&[
            "- Next Harbour News",
            "Ferry timetable changes for the winter",
            "Previous Harbour News -",
            "Council approves new breakwater",
        ]);
    }

    #[test]
    fn a_list_heading_followed_by_the_article_is_kept_as_text() {
        // "Related" before a paragraph that ends as a sentence is not a list of links: the
        // heading goes only if furniture rules say so, and the paragraph always stays.
        let text = with(&["Related"]);
        assert!(strip_boilerplate(&text).contains(PARAS[2]));
    }

    #[test]
    fn calls_to_action_tags_and_credited_captions_go() {
        stripped_to_article(&[
            "Get the Herald delivered every month. Click here for more information.",
        ]);
        stripped_to_article(&["READ MORE ON THE HERALD BY CLICKING HERE"]);
        stripped_to_article(&["Tags Harbour Authority Storms"]);
        stripped_to_article(&["Back to Gallery"]);
        stripped_to_article(&["Port Town, Herald Bureau | Updated: 10 March 2026, 09:01 AM"]);
        stripped_to_article(&["Follow the Herald's opinion section on Facebook and Twitter."]);
        stripped_to_article(&["Ann Lee's book is out now. Follow her on Twitter @annlee."]);
        stripped_to_article(&[
            "A tug pulls the damaged ship away from the pier, March 9, 2026. © Reuters / Ann Lee",
        ]);
        stripped_to_article(&["Ferries now dock at the southern terminal [File: Reuters]"]);
        stripped_to_article(&["The damaged columns of the northern pier. (AP Photo/Bo Chen)"]);
        stripped_to_article(&["Ferries at the southern terminal. (Photo by Bo Chen)"]);
    }

    #[test]
    fn sentences_that_only_mention_the_words_stay() {
        for extra in [
            "Topics on the agenda included the repair budget and the ferry timetable.",
            "The council will follow the advice of its engineers, the mayor said.",
            "Visitors were asked to photograph the damage for the insurers (photos are due Friday)",
        ] {
            assert!(
                strip_boilerplate(&with(&[extra])).contains(extra),
                "{extra}"
            );
        }
    }
}
