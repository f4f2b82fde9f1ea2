//! Polling feeds over HTTP(S) for `concord watch`: conditional GET, timeouts, a size cap and
//! per-host politeness, and full pages fetched for items that carry only a teaser.
//!
//! Nothing here touches the store: [`poll_feed`] is told which item ids are already known and
//! returns the new articles and the feed's validators, and the caller stores both.

use crate::{feed, html};
use concord_core::Article;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What a server said about a feed's version, sent back on the next poll so that an unchanged
/// feed costs a `304 Not Modified` and no parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// Limits for fetching.
#[derive(Debug, Clone, Copy)]
pub struct FetchOptions {
    /// For the whole request, connection to last byte.
    pub timeout: Duration,
    /// Larger responses are refused, not cut.
    pub max_bytes: usize,
    /// The least time between two requests to one host.
    pub per_host_interval: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 16 << 20,
            per_host_interval: Duration::from_secs(1),
        }
    }
}

/// A response worth reading.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        validators: Validators,
    },
}

/// An HTTP client that waits between requests to the same host.
pub struct Fetcher {
    agent: ureq::Agent,
    opts: FetchOptions,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(opts: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(opts.timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "concord/",
                env!("CARGO_PKG_VERSION"),
                " (news story engine)"
            ))
            .build();
        Fetcher {
            agent: config.into(),
            opts,
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, conditionally when `validators` are given.
    pub fn get(&mut self, url: &str, validators: Option<&Validators>) -> Result<Fetched, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("bad URL: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("unsupported URL scheme `{}`", parsed.scheme()));
        }
        self.wait_for_host(parsed.host_str().unwrap_or_default());
        let mut req = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header("If-None-Match", e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header("If-Modified-Since", m);
            }
        }
        let mut resp = req.call().map_err(|e| match e {
            ureq::Error::Timeout(_) => format!("timed out after {:?}", self.opts.timeout),
            e => format!("request failed: {e}"),
        })?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(format!("HTTP status {status}"));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.opts.max_bytes as u64)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(n) => {
                    format!("too large: over {n} bytes (the download limit)")
                }
                ureq::Error::Timeout(_) => format!("timed out after {:?}", self.opts.timeout),
                e => format!("reading the response failed: {e}"),
            })?;
        Ok(Fetched::Body { bytes, validators })
    }

    fn wait_for_host(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < self.opts.per_host_interval {
                std::thread::sleep(self.opts.per_host_interval - since);
            }
        }
        self.last_request.insert(host.to_string(), Instant::now());
    }
}

/// What one poll of a feed produced.
#[derive(Debug, Default)]
pub struct Poll {
    /// The feed had not changed since the validators were taken.
    pub not_modified: bool,
    /// Items not known before, as articles (teasers replaced by their pages).
    pub articles: Vec<Article>,
    /// Items that could not become articles, with the reason; they are tried again next poll.
    pub rejected: Vec<String>,
    /// Validators to send next time (`None`: keep the old ones).
    pub validators: Option<Validators>,
}

/// Polls one feed. `known` says whether an item id is already stored; known items are not
/// fetched again.
pub fn poll_feed(
    fetcher: &mut Fetcher,
    url: &str,
    validators: Option<&Validators>,
    known: &dyn Fn(&str) -> bool,
) -> Result<Poll, String> {
    let (bytes, fresh) = match fetcher.get(url, validators)? {
        Fetched::NotModified => {
            return Ok(Poll {
                not_modified: true,
                ..Poll::default()
            });
        }
        Fetched::Body { bytes, validators } => (bytes, validators),
    };
    let items = feed::parse(&bytes[..])?;
    let mut poll = Poll {
        validators: Some(fresh),
        ..Poll::default()
    };
    for item in items {
        // An item without an id is not skipped here: into_article below refuses it by name.
        if !item.id.is_empty() && known(&item.id) {
            continue;
        }
        let id = item.id.clone();
        let article = if item.is_teaser() {
            full_page(fetcher, item)
        } else {
            item.into_article()
        };
        match article {
            Ok(a) => poll.articles.push(a),
            Err(e) => poll.rejected.push(format!("item `{id}`: {e}")),
        }
    }
    Ok(poll)
}

/// The item's linked page, extracted, with the feed's title, date and outlet where the page
/// lacks them.
fn full_page(fetcher: &mut Fetcher, item: feed::FeedItem) -> Result<Article, String> {
    let link = item.link.clone().unwrap_or_default();
    let bytes = match fetcher.get(&link, None)? {
        Fetched::Body { bytes, .. } => bytes,
        Fetched::NotModified => return Err(format!("{link}: unexpected 304")),
    };
    let page = html::extract(&bytes, Some(&link)).map_err(|e| format!("{link}: {e}"))?;
    feed::FeedItem {
        title: item.title.or(page.title),
        text: page.text,
        link: page.url.or(item.link),
        // The feed's timestamp is the publisher's own statement of when the item appeared.
        published: item.published.or(page.published),
        outlet: item.outlet.or(page.outlet),
        language: item.language.or(page.language),
        has_content: true,
        ..item
    }
    .into_article()
}

/// Parses "90s", "10m", "1h", "2h30m" (a bare number is seconds).
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let bad = || format!("`{s}` is not an interval (examples: 30s, 10m, 1h, 1h30m)");
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Duration::from_secs(n));
    }
    let mut total = 0u64;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().map_err(|_| bad())?;
        num.clear();
        total += n * match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
    }
    if !num.is_empty() || total == 0 {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_interval("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_interval("45"), Ok(Duration::from_secs(45)));
        assert!(parse_interval("10x").is_err());
        assert!(parse_interval("m").is_err());
        assert!(parse_interval("0s").is_err());
    }
}
