//! How stories look on a terminal, in JSON and in Markdown.

use crate::Format;
use anyhow::Result;
use concord_core::{Claim, ClaimKind, Story};
use std::io::{self, Write};

fn span(story: &Story) -> String {
    story.time_span_label(" → ")
}

fn outlets(story: &Story) -> String {
    let o = story.outlets();
    if o.is_empty() {
        "unknown".into()
    } else {
        o.join(", ")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Why an article is in its story, for people.
fn why_line(a: &concord_core::StoryArticle) -> String {
    match &a.why {
        None => "a copy: follows its original".into(),
        Some(w) if w.founded => "founded the story (nothing earlier matched)".into(),
        Some(w) => format!(
            "joined with probability {:.3}; shared: {}",
            w.probability,
            if w.shared_terms.is_empty() {
                "-".to_string()
            } else {
                w.shared_terms.join(", ")
            }
        ),
    }
}

fn text_story(out: &mut dyn Write, s: &Story, full: bool, why: bool) -> io::Result<()> {
    writeln!(out, "{}", s.title)?;
    let n_out = s.outlets().len();
    writeln!(
        out,
        "  {} · {} · {}: {} · {}",
        s.id,
        plural(s.articles.len(), "article", "articles"),
        if n_out == 1 { "outlet" } else { "outlets" },
        outlets(s),
        span(s)
    )?;
    if s.summary.is_empty() {
        writeln!(
            out,
            "  (no sentence of these articles qualifies for a summary)"
        )?;
    }
    for sentence in &s.summary {
        writeln!(
            out,
            "  • {}  [{}]",
            sentence.text,
            sentence.sources.join(", ")
        )?;
    }
    if full && !s.shared_passages.is_empty() {
        writeln!(out, "  Shared passages:")?;
        for p in &s.shared_passages {
            let holders: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
            writeln!(
                out,
                "    “{}”\n      first in {} ({}); in {}",
                p.text.replace('\n', " "),
                p.origin,
                p.origin_basis,
                holders.join(", ")
            )?;
        }
    }
    if full && !s.claims.is_empty() {
        for kind in ClaimKind::SHOWN {
            let claims = s.claims_of(kind);
            if claims.is_empty() {
                continue;
            }
            writeln!(out, "  {}:", kind.heading())?;
            for c in claims {
                writeln!(
                    out,
                    "    {}  [{}]",
                    c.text.replace('\n', " "),
                    c.sources.join(", ")
                )?;
                if !c.values.is_empty() {
                    writeln!(out, "      differs: {}", conflict_values(c, false))?;
                }
            }
        }
    }
    if full && !s.entities.is_empty() {
        let list = |kind: &str| -> String {
            s.entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| format!("{} ({})", e.name, e.mentions))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (label, kind) in [
            ("People", "person"),
            ("Organisations", "organisation"),
            ("Places", "place"),
            ("Events", "event"),
        ] {
            let l = list(kind);
            if !l.is_empty() {
                writeln!(out, "  {label}: {l}")?;
            }
        }
    }
    if full && !s.quotes.is_empty() {
        writeln!(out, "  Quotes:")?;
        for q in &s.quotes {
            writeln!(
                out,
                "    “{}” — {} ({})",
                q.text.replace('\n', " "),
                q.speaker.as_deref().unwrap_or("speaker not found"),
                q.article
            )?;
        }
    }
    if full {
        writeln!(out, "  Articles:")?;
        for a in &s.articles {
            writeln!(
                out,
                "    {}  {}  {}{}{}",
                a.published.map_or("undated".to_string(), |p| p.to_string()),
                a.outlet.as_deref().unwrap_or("-"),
                a.id,
                a.title
                    .as_deref()
                    .map(|t| format!("  “{t}”"))
                    .unwrap_or_default(),
                a.duplicate_of
                    .as_deref()
                    .map(|d| format!("  (copy of {d})"))
                    .unwrap_or_default()
            )?;
            if why {
                writeln!(out, "      why: {}", why_line(a))?;
            }
        }
    }
    Ok(())
}

/// Markdown escaping for text that came from articles: it must not turn into markup.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown_story(out: &mut dyn Write, s: &Story, why: bool) -> io::Result<()> {
    writeln!(out, "# {}\n", md(&s.title))?;
    writeln!(
        out,
        "*Story `{}` · {} · {} · {}*\n",
        s.id,
        plural(s.articles.len(), "article", "articles"),
        md(&outlets(s)),
        span(s)
    )?;
    writeln!(out, "## Summary\n")?;
    for sentence in &s.summary {
        let cites: Vec<String> = sentence
            .sources
            .iter()
            .map(|id| format!("`{id}`"))
            .collect();
        writeln!(out, "- {} ({})", md(&sentence.text), cites.join(", "))?;
    }
    if !s.shared_passages.is_empty() {
        writeln!(out, "\n## Shared passages\n")?;
        for p in &s.shared_passages {
            let holders: Vec<String> = p
                .articles
                .iter()
                .map(|a| format!("`{}` {}–{}", a.id, a.start, a.end))
                .collect();
            writeln!(
                out,
                "> {}\n\nFirst in `{}` ({}); in {}.\n",
                md(&p.text.replace('\n', " ")),
                p.origin,
                p.origin_basis,
                holders.join(", ")
            )?;
        }
    }
    for kind in ClaimKind::SHOWN {
        let claims = s.claims_of(kind);
        if claims.is_empty() {
            continue;
        }
        writeln!(out, "\n## {}\n", kind.heading())?;
        for c in claims {
            let cites: Vec<String> = c.sources.iter().map(|id| format!("`{id}`")).collect();
            writeln!(
                out,
                "- {} ({})",
                md(&c.text.replace('\n', " ")),
                cites.join(", ")
            )?;
            if !c.values.is_empty() {
                writeln!(out, "  - differs: {}", conflict_values(c, true))?;
            }
        }
    }
    if !s.entities.is_empty() {
        writeln!(out, "\n## Who and where\n")?;
        for e in &s.entities {
            writeln!(
                out,
                "- {} — {}, {} mentions in {} articles",
                md(&e.name),
                e.kind,
                e.mentions,
                e.articles.len()
            )?;
        }
    }
    if !s.quotes.is_empty() {
        writeln!(out, "\n## Quotes\n")?;
        for q in &s.quotes {
            writeln!(
                out,
                "- “{}” — {} (`{}`)",
                md(&q.text.replace('\n', " ")),
                md(q.speaker.as_deref().unwrap_or("speaker not found")),
                q.article
            )?;
        }
    }
    writeln!(out, "\n## Articles\n")?;
    writeln!(
        out,
        "| published | outlet | id | title |\n|---|---|---|---|"
    )?;
    for a in &s.articles {
        writeln!(
            out,
            "| {} | {} | `{}`{} | {} |",
            a.published.map_or("undated".to_string(), |p| p.to_string()),
            md(a.outlet.as_deref().unwrap_or("")),
            a.id,
            a.duplicate_of
                .as_deref()
                .map(|d| format!(" (copy of `{d}`)"))
                .unwrap_or_default(),
            md(a.title.as_deref().unwrap_or(""))
        )?;
    }
    if why {
        writeln!(out, "\n## Why these articles\n")?;
        for a in &s.articles {
            writeln!(out, "- `{}`: {}", a.id, md(&why_line(a)))?;
        }
    }
    Ok(())
}

pub fn print_stories(stories: &[Story], format: Format) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            // A struct, not `json!`, so that keys keep their documented order.
            #[derive(serde::Serialize)]
            struct Stories<'a> {
                stories: &'a [Story],
            }
            serde_json::to_writer_pretty(&mut out, &Stories { stories })?;
            writeln!(out)?;
        }
        Format::Text => {
            if stories.is_empty() {
                writeln!(out, "no stories")?;
            }
            for (i, s) in stories.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                text_story(&mut out, s, false, false)?;
            }
        }
        Format::Markdown => {
            for s in stories {
                markdown_story(&mut out, s, false)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub fn print_story(story: &Story, format: Format, why: bool) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, story)?;
            writeln!(out)?;
        }
        Format::Text => text_story(&mut out, story, true, why)?,
        Format::Markdown => markdown_story(&mut out, story, why)?,
    }
    out.flush()?;
    Ok(())
}

/// A conflict's values, grouped by what differs: "number 12 (a, c) / 15 (b)"; escaped and with
/// ids as code in Markdown.
fn conflict_values(c: &Claim, markdown: bool) -> String {
    let mut fields: Vec<&str> = c.values.iter().map(|v| v.field.as_str()).collect();
    fields.dedup();
    fields
        .iter()
        .map(|f| {
            let values: Vec<String> = c
                .values
                .iter()
                .filter(|v| v.field == *f)
                .map(|v| {
                    let ids: Vec<String> = v
                        .sources
                        .iter()
                        .map(|id| {
                            if markdown {
                                format!("`{id}`")
                            } else {
                                id.clone()
                            }
                        })
                        .collect();
                    let value = if markdown {
                        md(&v.value)
                    } else {
                        v.value.clone()
                    };
                    format!("{value} ({})", ids.join(", "))
                })
                .collect();
            format!("{f} {}", values.join(" / "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_article_text() {
        assert_eq!(
            md("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
    }
}
