//! The web pages: plain server-rendered HTML, no scripts, no external requests.
//!
//! Every string that comes from an article goes through [`escape`]; ids also go through
//! [`escape`] when they land in an attribute, and through [`path_segment`] in URLs.

use crate::SearchResult;
use concord_core::{Story, StoryArticle, StoryRow};
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
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
.value { margin-left: .4rem; }
:target { background: var(--chip); }
svg.chart rect { fill: currentColor; opacity: .7; } svg.chart text { font-size: 10px; fill: currentColor; }
svg.spark { vertical-align: middle; margin-left: .4rem; } svg.spark rect { fill: currentColor; opacity: .6; }
mark.shared { background: #fde68a; color: inherit; } mark.cited { background: #bfdbfe; color: inherit; }
mark.shared.cited { background: #c4b5fd; }
@media (prefers-color-scheme: dark) { mark.shared { background: #6b5313; } mark.cited { background: #1e3a6b; } mark.shared.cited { background: #4c3a8a; } }
.sources { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.sources article { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem; overflow-wrap: anywhere; }
.sources article h3 { font-size: 1rem; margin: 0 0 .3rem; }
.legend mark { padding: 0 .3rem; }
p.stale { border-left: 3px solid #d97706; padding-left: .6rem; }
"#;

/// Bars of a story's coverage over time as an inline SVG: a labelled chart (first and last day,
/// the busiest day's count) or, with `spark`, a small sparkline for lists. Each bar carries a
/// `<title>` ("2026-03-14: 2 articles") for screen readers and tooltips.
pub fn coverage_svg(points: &[concord_core::CoveragePoint], spark: bool) -> String {
    if points.is_empty() {
        return String::new();
    }
    let max = points.iter().map(|p| p.articles).max().unwrap_or(0).max(1);
    let (w, h, pad_x, pad_y) = if spark {
        (120.0, 20.0, 0.0, 0.0)
    } else {
        (600.0, 120.0, 24.0, 16.0)
    };
    let plot_w: f64 = w - 2.0 * pad_x;
    let plot_h: f64 = h - 2.0 * pad_y;
    let bar = plot_w / points.len() as f64;
    let mut out = format!(
        "<svg class=\"{}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        if spark { "spark" } else { "chart" },
        escape(&format!(
            "Articles per {}: {} from {} to {}",
            if points.len() > 1 && points[1].day != points[0].day && spark {
                "period"
            } else {
                "day"
            },
            points.iter().map(|p| p.articles).sum::<usize>(),
            points[0].day,
            points[points.len() - 1].day
        ))
    );
    for (k, p) in points.iter().enumerate() {
        let bh = plot_h * p.articles as f64 / max as f64;
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}: {} article{}</title></rect>",
            pad_x + bar * k as f64 + bar * 0.1,
            pad_y + plot_h - bh,
            (bar * 0.8).max(1.0),
            bh,
            escape(&p.day),
            p.articles,
            if p.articles == 1 { "" } else { "s" }
        );
    }
    if !spark {
        let _ = write!(
            out,
            "<text x=\"{pad_x}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"2\" y=\"{}\">{max}</text>",
            h - 2.0,
            escape(&points[0].day),
            w - pad_x,
            h - 2.0,
            escape(&points[points.len() - 1].day),
            pad_y + 8.0
        );
    }
    out.push_str("</svg>");
    out
}

/// `text` as HTML with the given byte ranges wrapped in `<mark class="…">` (overlapping
/// ranges give both classes); everything escaped.
pub fn highlight(text: &str, ranges: &[(usize, usize, &str)]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b, _) in ranges {
        if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
            cuts.push(a);
            cuts.push(b);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut classes: Vec<&str> = ranges
            .iter()
            .filter(|&&(x, y, _)| x <= a && b <= y && x < y)
            .map(|&(_, _, c)| c)
            .collect();
        classes.sort_unstable();
        classes.dedup();
        let piece = escape(&text[a..b]).replace("\n\n", "<br><br>");
        if classes.is_empty() {
            out.push_str(&piece);
        } else {
            let _ = write!(
                out,
                "<mark class=\"{}\">{piece}</mark>",
                escape(&classes.join(" "))
            );
        }
    }
    out
}

/// Byte offset of the `chars`-th character of `text` (the end when past it).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The highlights of one article of a story: the passages it shares with others, and the
/// summary sentences taken from it.
pub fn article_marks<'a>(s: &'a Story, id: &str, text: &str) -> Vec<(usize, usize, &'a str)> {
    let mut marks = Vec::new();
    for p in &s.shared_passages {
        for a in p.articles.iter().filter(|a| a.id == id) {
            marks.push((byte_at(text, a.start), byte_at(text, a.end), "shared"));
        }
    }
    for sentence in s
        .summary
        .iter()
        .filter(|x| x.sources.iter().any(|src| src == id))
    {
        if let Some(at) = text.find(&sentence.text) {
            marks.push((at, at + sentence.text.len(), "cited"));
        }
    }
    marks
}

const LEGEND: &str = "<p class=\"legend meta\"><mark class=\"shared\">shared with another source</mark> <mark class=\"cited\">in the summary</mark></p>";

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
    meta_line(s.articles.len(), &s.outlets(), &s.time_span_label(" – "))
}

fn row_meta(s: &StoryRow) -> String {
    let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
    meta_line(s.article_count, &outlets, &s.time_span_label(" – "))
}

/// Outlets a meta line names; the rest are counted.
const META_OUTLETS: usize = 8;

fn meta_line(articles: usize, outlets: &[&str], span: &str) -> String {
    let named = if outlets.is_empty() {
        "outlets unknown".to_string()
    } else if outlets.len() > META_OUTLETS {
        format!(
            "{} and {} more outlets",
            escape(&outlets[..META_OUTLETS].join(", ")),
            outlets.len() - META_OUTLETS
        )
    } else {
        escape(&outlets.join(", "))
    };
    format!(
        "{} article{} · {} · {}",
        articles,
        if articles == 1 { "" } else { "s" },
        named,
        escape(span)
    )
}

/// What a page says of stories another build of concord derived (see
/// `concord_engine::DERIVATION`): their summaries, quotes and the rest may differ from what
/// this build gives until `concord rederive` derives them again.
const STALE_HINT: &str = "derived by another build of concord: the summary, shared passages, \
     quotes, people and places, claims and figures may differ from what this build gives. \
     <code>concord rederive</code> derives them again.";

/// The stories list; `stale` is how many stories of the whole store another build derived.
pub fn stories_page(stories: &[StoryRow], stale: u64) -> String {
    let mut body = String::from("<h1>Stories</h1>");
    if stale > 0 {
        let _ = write!(
            body,
            "<p class=\"stale\">{stale} {} {STALE_HINT}</p>",
            if stale == 1 {
                "story was"
            } else {
                "stories were"
            }
        );
    }
    if stories.is_empty() {
        body.push_str("<p>No stories yet. Ingest articles with <code>concord ingest</code>.</p>");
    }
    body.push_str("<ol class=\"stories\">");
    for s in stories {
        let _ = write!(
            body,
            "<li><a href=\"/stories/{}\">{}</a><div class=\"meta\">{}{}</div></li>",
            escape(&path_segment(&s.id)),
            escape(&s.title),
            row_meta(s),
            coverage_svg(&s.coverage, true)
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

/// A row of a story's sources: date, outlet, title, and why the article is in the story (the
/// line `concord story --why` prints; none for a copy).
fn article_row(a: &StoryArticle) -> String {
    format!(
        "<tr id=\"{}\"><td>{}</td><td>{}</td><td><a href=\"/articles/{}\">{}</a>{}{}</td></tr>",
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
        // A copy says so above; it has no explanation of its own.
        a.why.as_ref().map_or(String::new(), |_| format!(
            "<br><span class=\"meta\">{}</span>",
            escape(&crate::markdown::why_line(a))
        )),
    )
}

/// Citation chips shown per summary sentence, passage or claim; the rest are counted.
pub const CHIPS: usize = 12;
/// Items shown per list of a story page (claims of a kind, quotes, passages, entities).
pub const ITEMS: usize = 50;

/// Chips for up to [`CHIPS`] of `ids`, labelled by `label`, then how many more there are.
fn cites<'a>(
    ids: impl ExactSizeIterator<Item = &'a String>,
    label: impl Fn(&str) -> String,
) -> String {
    let n = ids.len();
    let mut out = String::new();
    for id in ids.take(CHIPS) {
        out.push(' ');
        out.push_str(&cite(id, &label(id)));
    }
    if n > CHIPS {
        let _ = write!(out, " <span class=\"meta\">and {} more</span>", n - CHIPS);
    }
    out
}

/// After a list cut at [`ITEMS`]: how many were left out and where the whole story is.
fn more_items(total: usize, story_id: &str) -> String {
    if total <= ITEMS {
        return String::new();
    }
    format!(
        "<p class=\"meta\">{} more in <a href=\"/api/stories/{}.json\">the story's JSON</a>.</p>",
        total - ITEMS,
        escape(&path_segment(story_id))
    )
}

/// A story's page. `texts` holds its articles' texts (id, text), shown side by side with what
/// they share highlighted; articles missing from it are listed without text. `left_out` says
/// how many articles were left out of the side-by-side view to keep the page small.
/// A story's page; `stale` when another build of concord derived it.
pub fn story_page(s: &Story, texts: &[(String, String)], left_out: usize, stale: bool) -> String {
    let mut body = format!(
        "<h1>{}</h1><p class=\"meta\">{}</p>{}",
        escape(&s.title),
        story_meta(s),
        coverage_svg(&s.coverage(), false)
    );
    if stale {
        let _ = write!(body, "<p class=\"stale\">This story was {STALE_HINT}</p>");
    }
    body.push_str("<h2>Summary</h2>");
    if s.summary.is_empty() {
        body.push_str("<p>No sentence of these articles qualifies for a summary.</p>");
    }
    body.push_str("<ul class=\"summary\">");
    let outlets: std::collections::HashMap<&str, &str> = s
        .articles
        .iter()
        .filter_map(|a| Some((a.id.as_str(), a.outlet.as_deref()?)))
        .collect();
    let outlet_of = |id: &str| outlets.get(id).copied().unwrap_or(id).to_string();
    for sentence in &s.summary {
        let _ = write!(body, "<li>{}", escape(&sentence.text));
        body.push_str(&cites(sentence.sources.iter(), outlet_of));
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if !s.figures.is_empty() {
        let _ = write!(
            body,
            "<h2>{}</h2><ul class=\"figures\">",
            concord_core::FIGURES_HEADING
        );
        for f in s.figures.iter().take(ITEMS) {
            let _ = write!(
                body,
                "<li><strong>{}</strong> — {}",
                escape(&f.label()),
                escape(&f.text)
            );
            // By outlet, as the summary cites: who gave which count is the point.
            body.push_str(&cites(f.sources.iter(), outlet_of));
            body.push_str("</li>");
        }
        body.push_str("</ul>");
        body.push_str(&more_items(s.figures.len(), &s.id));
    }
    if !s.shared_passages.is_empty() {
        body.push_str("<h2>Shared passages</h2><ul class=\"passages\">");
        for p in s.shared_passages.iter().take(ITEMS) {
            let (lead, note) = p.origin_words();
            let _ = write!(
                body,
                "<li><blockquote>{}</blockquote><div class=\"meta\">{lead} <a href=\"#{}\">{}</a> ({note}); in",
                escape(&p.text),
                escape(&anchor(&p.origin)),
                escape(&p.origin),
            );
            body.push_str(&cites(p.articles.iter().map(|a| &a.id), str::to_string));
            body.push_str("</div></li>");
        }
        body.push_str("</ul>");
        body.push_str(&more_items(s.shared_passages.len(), &s.id));
    }
    for kind in concord_core::ClaimKind::SHOWN {
        let claims = s.claims_of(kind);
        if claims.is_empty() {
            continue;
        }
        let _ = write!(body, "<h2>{}</h2><ul class=\"claims\">", kind.heading());
        for c in claims.iter().take(ITEMS) {
            let _ = write!(body, "<li>{}", escape(&c.text));
            body.push_str(&cites(c.sources.iter(), str::to_string));
            if !c.values.is_empty() {
                body.push_str("<div class=\"meta\">differs:");
                for v in &c.values {
                    let _ = write!(
                        body,
                        "<span class=\"value\">{} <strong>{}</strong> in",
                        escape(&v.field),
                        escape(&v.value)
                    );
                    body.push_str(&cites(v.sources.iter(), str::to_string));
                    body.push_str("</span>");
                }
                body.push_str("</div>");
            }
            body.push_str("</li>");
        }
        body.push_str("</ul>");
        body.push_str(&more_items(claims.len(), &s.id));
    }
    if !s.entities.is_empty() {
        body.push_str("<h2>Who and where</h2><ul class=\"entities\">");
        for e in s.entities.iter().take(ITEMS) {
            let _ = write!(
                body,
                "<li>{} <span class=\"meta\">{} · {}</span></li>",
                escape(&e.name),
                escape(&e.kind),
                crate::markdown::plural(e.mentions, "mention", "mentions")
            );
        }
        body.push_str("</ul>");
        body.push_str(&more_items(s.entities.len(), &s.id));
    }
    if !s.quotes.is_empty() {
        body.push_str("<h2>Quotes</h2><ul class=\"quotes\">");
        for q in s.quotes.iter().take(ITEMS) {
            let _ = write!(
                body,
                "<li>“{}” — {} {}</li>",
                escape(&q.text),
                escape(q.speaker.as_deref().unwrap_or("speaker not found")),
                cite(&q.article, &q.article)
            );
        }
        body.push_str("</ul>");
        body.push_str(&more_items(s.quotes.len(), &s.id));
    }
    body.push_str(
        "<h2>Sources</h2><table><thead><tr><th>published</th><th>outlet</th><th>article</th></tr></thead><tbody>",
    );
    for a in &s.articles {
        body.push_str(&article_row(a));
    }
    body.push_str("</tbody></table>");
    if !texts.is_empty() {
        body.push_str("<h2>Side by side</h2>");
        if left_out > 0 {
            let _ = write!(
                body,
                "<p class=\"meta\">{} of {} articles: those the summary cites first. Every article opens from the sources above.</p>",
                texts.len(),
                s.articles.len()
            );
        }
        body.push_str(LEGEND);
        body.push_str("<div class=\"sources\">");
        for a in &s.articles {
            let Some((_, text)) = texts.iter().find(|(id, _)| *id == a.id) else {
                continue;
            };
            let _ = write!(
                body,
                "<article aria-label=\"{}\"><h3><a href=\"/articles/{}\">{}</a></h3><p class=\"meta\">{}</p><p>{}</p></article>",
                escape(a.outlet.as_deref().unwrap_or(&a.id)),
                escape(&path_segment(&a.id)),
                escape(a.title.as_deref().unwrap_or(&a.id)),
                escape(&format!(
                    "{} · {}",
                    a.outlet.as_deref().unwrap_or("outlet unknown"),
                    a.published.map_or("undated".to_string(), |p| p.to_string())
                )),
                highlight(text, &article_marks(s, &a.id, text))
            );
        }
        body.push_str("</div>");
    }
    layout(&s.title, &body)
}

/// An article's page: its text with what it shares with the rest of its story and what the
/// story's summary takes from it highlighted.
pub fn article_page(a: &crate::ArticleBody, story: Option<&Story>) -> String {
    let art = &a.article;
    let title = art.title.as_deref().unwrap_or(&art.id);
    let mut body = format!(
        "<h1>{}</h1><p class=\"meta\">{}",
        escape(title),
        escape(&format!(
            "{} · {}",
            art.outlet.as_deref().unwrap_or("outlet unknown"),
            art.published
                .map_or("undated".to_string(), |p| p.to_string())
        ))
    );
    if let Some(url) = &art.url {
        let _ = write!(
            body,
            " · <a href=\"{}\" rel=\"noreferrer noopener\">original</a>",
            escape(&safe_url(url))
        );
    }
    if let Some(s) = story {
        let _ = write!(
            body,
            " · story <a href=\"/stories/{}\">{}</a>",
            escape(&path_segment(&s.id)),
            escape(&s.title)
        );
    }
    body.push_str("</p>");
    let marks = story.map_or_else(Vec::new, |s| article_marks(s, &art.id, &art.text));
    if !marks.is_empty() {
        body.push_str(LEGEND);
    }
    let _ = write!(body, "<p>{}</p>", highlight(&art.text, &marks));
    layout(title, &body)
}

/// A link target that cannot run script: http(s) URLs only, anything else becomes "#".
fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        url.trim().to_string()
    } else {
        "#".into()
    }
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
                figures: vec![concord_core::Figure {
                    what: p.into(),
                    who: p.into(),
                    count: 1,
                    hedge: p.into(),
                    text: p.into(),
                    sources: vec![p.into()],
                }],
            };
            for page in [
                story_page(&story, &[(p.to_string(), format!("{p} {p}"))], 0, true),
                stories_page(&[StoryRow::of(&story)], 2),
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
            // One mention is "1 mention"; a passage whose basis is no date is first only in
            // story order.
            let page = story_page(&story, &[], 0, false);
            assert!(page.contains(" · 1 mention</span>"), "{page}");
            assert!(page.contains("first in story order:"), "{page}");
        }
    }

    #[test]
    fn highlights_overlap_and_stay_escaped() {
        let text = "A <b> wire line. Own words.";
        let out = highlight(
            text,
            &[(0, 16, "shared"), (6, 16, "cited"), (99, 120, "bad")],
        );
        assert_eq!(
            out,
            "<mark class=\"shared\">A &lt;b&gt; </mark><mark class=\"cited shared\">wire line.</mark> Own words."
        );
        assert_eq!(safe_url("javascript:alert(1)"), "#");
        assert_eq!(safe_url(" https://x.example/a "), "https://x.example/a");
    }

    #[test]
    fn ids_become_safe_path_segments() {
        assert_eq!(path_segment("seed-000"), "seed-000");
        assert_eq!(path_segment("a/b c?"), "a%2Fb%20c%3F");
    }
}
