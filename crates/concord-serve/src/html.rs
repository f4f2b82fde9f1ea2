//! The web pages: plain server-rendered HTML, no scripts, no external requests.
//!
//! Every string that comes from an article goes through [`escape`]; ids also go through
//! [`escape`] when they land in an attribute, and through [`path_segment`] in URLs.

use crate::SearchResult;
use concord_core::{Story, StoryArticle};
use std::fmt::Write;

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes an id for one URL path segment (then [`escape`] it for the attribute).
pub fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub const STYLESHEET: &str = r#"
:root { color-scheme: light dark; --muted: #666; --chip: #e8eefc; --line: #ddd; }
@media (prefers-color-scheme: dark) { :root { --muted: #aaa; --chip: #23314f; --line: #444; } }
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
header a.home { font-weight: bold; text-decoration: none; }
form.search input { font: inherit; padding: .2rem .4rem; }
.meta { color: var(--muted); font-size: .9rem; }
ol.stories { padding-left: 1.2rem; } ol.stories li { margin: .8rem 0; }
ul.summary li { margin: .4rem 0; }
a.cite { font-size: .8rem; background: var(--chip); border-radius: .6rem; padding: 0 .4rem; text-decoration: none; margin-left: .2rem; }
a:focus-visible { outline: 2px solid; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem; border-bottom: 1px solid var(--line); vertical-align: top; }
:target { background: var(--chip); }
"#;

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · concord</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><header><a class=\"home\" href=\"/\">concord</a>\
         <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <label>Search <input type=\"search\" name=\"q\"></label> <button>Go</button></form>\
         </header><main>{body}</main></body></html>\n",
        escape(title)
    )
}

fn story_meta(s: &Story) -> String {
    let outlets = s.outlets();
    format!(
        "{} article{} · {} · {}",
        s.articles.len(),
        if s.articles.len() == 1 { "" } else { "s" },
        if outlets.is_empty() {
            "outlets unknown".to_string()
        } else {
            escape(&outlets.join(", "))
        },
        s.time_span_label(" – ")
    )
}

pub fn stories_page(stories: &[Story]) -> String {
    let mut body = String::from("<h1>Stories</h1>");
    if stories.is_empty() {
        body.push_str("<p>No stories yet. Ingest articles with <code>concord ingest</code>.</p>");
    }
    body.push_str("<ol class=\"stories\">");
    for s in stories {
        let _ = write!(
            body,
            "<li><a href=\"/stories/{}\">{}</a><div class=\"meta\">{}</div></li>",
            escape(&path_segment(&s.id)),
            escape(&s.title),
            story_meta(s)
        );
    }
    body.push_str("</ol>");
    layout("Stories", &body)
}

fn anchor(article_id: &str) -> String {
    format!("a-{}", path_segment(article_id))
}

/// A citation chip linking to an article's row in the sources table; `label` is shown, the id is
/// the tooltip.
fn cite(article_id: &str, label: &str) -> String {
    format!(
        "<a class=\"cite\" href=\"#{}\" title=\"{}\">{}</a>",
        escape(&anchor(article_id)),
        escape(article_id),
        escape(label)
    )
}

fn article_row(a: &StoryArticle) -> String {
    format!(
        "<tr id=\"{}\"><td>{}</td><td>{}</td><td><a href=\"/api/articles/{}\">{}</a>{}</td></tr>",
        escape(&anchor(&a.id)),
        a.published
            .map_or("undated".to_string(), |p| escape(&p.to_string())),
        escape(a.outlet.as_deref().unwrap_or("—")),
        escape(&path_segment(&a.id)),
        escape(a.title.as_deref().unwrap_or(&a.id)),
        a.duplicate_of.as_deref().map_or(String::new(), |d| format!(
            " <span class=\"meta\">(copy of {})</span>",
            escape(d)
        )),
    )
}

pub fn story_page(s: &Story) -> String {
    let mut body = format!(
        "<h1>{}</h1><p class=\"meta\">{}</p><h2>Summary</h2>",
        escape(&s.title),
        story_meta(s)
    );
    if s.summary.is_empty() {
        body.push_str("<p>No sentence of these articles qualifies for a summary.</p>");
    }
    body.push_str("<ul class=\"summary\">");
    for sentence in &s.summary {
        let _ = write!(body, "<li>{}", escape(&sentence.text));
        for id in &sentence.sources {
            let outlet = s
                .articles
                .iter()
                .find(|a| &a.id == id)
                .and_then(|a| a.outlet.as_deref())
                .unwrap_or(id);
            body.push_str(&cite(id, outlet));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if !s.shared_passages.is_empty() {
        body.push_str("<h2>Shared passages</h2><ul class=\"passages\">");
        for p in &s.shared_passages {
            let _ = write!(
                body,
                "<li><blockquote>{}</blockquote><div class=\"meta\">first in <a href=\"#{}\">{}</a> ({}); in",
                escape(&p.text),
                escape(&anchor(&p.origin)),
                escape(&p.origin),
                escape(&p.origin_basis)
            );
            for a in &p.articles {
                body.push(' ');
                body.push_str(&cite(&a.id, &a.id));
            }
            body.push_str("</div></li>");
        }
        body.push_str("</ul>");
    }
    for kind in concord_core::ClaimKind::SHOWN {
        let claims = s.claims_of(kind);
        if claims.is_empty() {
            continue;
        }
        let _ = write!(body, "<h2>{}</h2><ul class=\"claims\">", kind.heading());
        for c in claims {
            let _ = write!(body, "<li>{}", escape(&c.text));
            for id in &c.sources {
                body.push(' ');
                body.push_str(&cite(id, id));
            }
            if !c.values.is_empty() {
                body.push_str("<div class=\"meta\">differs:");
                for v in &c.values {
                    let _ = write!(
                        body,
                        " {} <strong>{}</strong> (",
                        escape(&v.field),
                        escape(&v.value)
                    );
                    for (k, id) in v.sources.iter().enumerate() {
                        if k > 0 {
                            body.push_str(", ");
                        }
                        body.push_str(&cite(id, id));
                    }
                    body.push(')');
                }
                body.push_str("</div>");
            }
            body.push_str("</li>");
        }
        body.push_str("</ul>");
    }
    if !s.entities.is_empty() {
        body.push_str("<h2>Who and where</h2><ul class=\"entities\">");
        for e in &s.entities {
            let _ = write!(
                body,
                "<li>{} <span class=\"meta\">{} · {} mentions</span></li>",
                escape(&e.name),
                escape(&e.kind),
                e.mentions
            );
        }
        body.push_str("</ul>");
    }
    if !s.quotes.is_empty() {
        body.push_str("<h2>Quotes</h2><ul class=\"quotes\">");
        for q in &s.quotes {
            let _ = write!(
                body,
                "<li>“{}” — {} {}</li>",
                escape(&q.text),
                escape(q.speaker.as_deref().unwrap_or("speaker not found")),
                cite(&q.article, &q.article)
            );
        }
        body.push_str("</ul>");
    }
    body.push_str(
        "<h2>Sources</h2><table><thead><tr><th>published</th><th>outlet</th><th>article</th></tr></thead><tbody>",
    );
    for a in &s.articles {
        body.push_str(&article_row(a));
    }
    body.push_str("</tbody></table>");
    layout(&s.title, &body)
}

pub fn search_page(query: &str, results: &[SearchResult]) -> String {
    let mut body = format!("<h1>Search</h1><p class=\"meta\">“{}”</p>", escape(query));
    if !query.is_empty() && results.is_empty() {
        body.push_str("<p>No matches.</p>");
    }
    body.push_str("<ol class=\"stories\">");
    for r in results {
        let title = escape(r.title.as_deref().unwrap_or(&r.id));
        let link = match &r.story {
            Some(story) => format!(
                "<a href=\"/stories/{}#{}\">{title}</a>",
                escape(&path_segment(story)),
                escape(&anchor(&r.id))
            ),
            None => title,
        };
        let _ = write!(
            body,
            "<li>{link}<div class=\"meta\">{}</div><div>{}</div></li>",
            escape(r.outlet.as_deref().unwrap_or("outlet unknown")),
            escape(&r.snippet)
        );
    }
    body.push_str("</ol>");
    layout(&format!("Search: {query}"), &body)
}

pub fn message_page(title: &str, message: &str) -> String {
    layout(
        title,
        &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(message)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::SummarySentence;

    const PAYLOADS: [&str; 4] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
    ];

    #[test]
    fn escapes_markup_in_every_field() {
        for p in PAYLOADS {
            let story = Story {
                id: p.into(),
                title: p.into(),
                articles: vec![StoryArticle {
                    id: p.into(),
                    title: Some(p.into()),
                    outlet: Some(p.into()),
                    published: None,
                    duplicate_of: Some(p.into()),
                    why: None,
                }],
                summary: vec![SummarySentence {
                    text: p.into(),
                    sources: vec![p.into()],
                }],
                entities: vec![concord_core::Entity {
                    name: p.into(),
                    kind: p.into(),
                    mentions: 1,
                    articles: vec![p.into()],
                }],
                quotes: vec![concord_core::Quote {
                    text: p.into(),
                    speaker: Some(p.into()),
                    article: p.into(),
                    start: 0,
                    end: 1,
                }],
                shared_passages: vec![concord_core::SharedPassage {
                    text: p.into(),
                    origin: p.into(),
                    origin_basis: p.into(),
                    articles: vec![concord_core::PassageSpan {
                        id: p.into(),
                        start: 0,
                        end: 1,
                    }],
                }],
                claims: vec![concord_core::Claim {
                    kind: concord_core::ClaimKind::Conflict,
                    text: p.into(),
                    sources: vec![p.into()],
                    values: vec![concord_core::ClaimValue {
                        field: p.into(),
                        value: p.into(),
                        sources: vec![p.into()],
                    }],
                }],
            };
            for page in [
                story_page(&story),
                stories_page(std::slice::from_ref(&story)),
                search_page(
                    p,
                    &[SearchResult {
                        id: p.into(),
                        title: Some(p.into()),
                        outlet: Some(p.into()),
                        story: Some(p.into()),
                        published: None,
                        url: Some(p.into()),
                        score: 1.0,
                        snippet: p.into(),
                    }],
                ),
            ] {
                for bad in ["<script", "<img", "<a href=\"javascript", "' onmouseover"] {
                    assert!(!page.contains(bad), "{bad} unescaped in:\n{page}");
                }
            }
        }
    }

    #[test]
    fn ids_become_safe_path_segments() {
        assert_eq!(path_segment("seed-000"), "seed-000");
        assert_eq!(path_segment("a/b c?"), "a%2Fb%20c%3F");
    }
}
