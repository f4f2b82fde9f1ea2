//! How stories look on a terminal, in JSON and in Markdown.

use crate::Format;
use anyhow::Result;
use concord_core::{ClaimKind, Story};
use concord_serve::markdown::{self, outlets, plural, span, why_line};
use std::io::{self, Write};

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
    if full && !s.figures.is_empty() {
        writeln!(out, "  {}:", concord_core::FIGURES_HEADING)?;
        for f in &s.figures {
            writeln!(
                out,
                "    {} — {}  [{}]",
                f.label(),
                f.text.replace('\n', " "),
                f.sources.join(", ")
            )?;
        }
    }
    if full && !s.shared_passages.is_empty() {
        writeln!(out, "  Shared passages:")?;
        for p in &s.shared_passages {
            let holders: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
            let (lead, note) = p.origin_words();
            writeln!(
                out,
                "    “{}”\n      {lead} {} ({note}); in {}",
                p.text.replace('\n', " "),
                p.origin,
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
                    writeln!(
                        out,
                        "      differs: {}",
                        markdown::conflict_values(c, false)
                    )?;
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
                markdown::story(&mut out, s, false)?;
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
        Format::Markdown => markdown::story(&mut out, story, why)?,
    }
    out.flush()?;
    Ok(())
}
