//! Markdown of a story: what `concord story --format markdown` prints and
//! `/api/stories/{id}.md` serves. Text from articles is escaped so that it never turns into
//! markup.

use concord_core::{Claim, ClaimKind, Story};
use std::io::{self, Write};

// Shared with the CLI's text view.

/// The story's time span, first → last article.
pub fn span(story: &Story) -> String {
    story.time_span_label(" → ")
}

/// The story's outlets, comma-separated.
pub fn outlets(story: &Story) -> String {
    let o = story.outlets();
    if o.is_empty() {
        "unknown".into()
    } else {
        o.join(", ")
    }
}

/// A count with its noun: "1 mention", "3 mentions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Why an article is in its story, for people.
pub fn why_line(a: &concord_core::StoryArticle) -> String {
    let Some(w) = &a.why else {
        return "a copy: follows its original".into();
    };
    // The words as the article writes them; stems for articles stored before they were kept.
    let shared = match (&w.shared_words, &w.shared_terms) {
        (words, _) if !words.is_empty() => words.join(", "),
        (_, stems) if !stems.is_empty() => stems.join(", "),
        _ => "-".to_string(),
    };
    // The story the model ranked first (the closest), which the article did not join.
    let passed_over = w.passed_over.as_ref().map(|p| {
        format!(
            "{}, had had no report for {:.0} days and shares little with it (cosine {:.3})",
            p.story, p.quiet_days, p.cosine
        )
    });
    let line = if w.founded {
        return match passed_over {
            Some(p) => format!("founded the story: the closest one, {p}"),
            None => "founded the story (nothing earlier matched)".into(),
        };
    } else if w.reopened {
        format!(
            "reopened the story after it had retired (cosine {:.3} with it); shared: {shared}",
            w.probability
        )
    } else {
        format!(
            "joined with probability {:.3}; shared: {shared}",
            w.probability
        )
    };
    match passed_over {
        Some(p) => format!("{line}; the closest story, {p}"),
        None => line,
    }
}

/// Markdown escaping for text that came from articles: it must not turn into markup.
pub fn md(text: &str) -> String {
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

/// Writes a story as Markdown; `why` adds each article's reason for being in it.
pub fn story(out: &mut dyn Write, s: &Story, why: bool) -> io::Result<()> {
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
    if !s.figures.is_empty() {
        writeln!(out, "\n## {}\n", concord_core::FIGURES_HEADING)?;
        for f in &s.figures {
            let cites: Vec<String> = f.sources.iter().map(|id| format!("`{id}`")).collect();
            writeln!(
                out,
                "- **{}** — {} ({})",
                f.label(),
                md(&f.text.replace('\n', " ")),
                cites.join(", ")
            )?;
        }
    }
    if !s.shared_passages.is_empty() {
        writeln!(out, "\n## Shared passages\n")?;
        for p in &s.shared_passages {
            let holders: Vec<String> = p
                .articles
                .iter()
                .map(|a| format!("`{}` {}–{}", a.id, a.start, a.end))
                .collect();
            let (lead, note) = p.origin_words();
            let mut lead = lead.to_string();
            lead[..1].make_ascii_uppercase();
            writeln!(
                out,
                "> {}\n\n{lead} `{}` ({note}); in {}.\n",
                md(&p.text.replace('\n', " ")),
                p.origin,
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
                "- {} — {}, {} in {}",
                md(&e.name),
                e.kind,
                plural(e.mentions, "mention", "mentions"),
                plural(e.articles.len(), "article", "articles")
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

/// A conflict's values, grouped by what differs: "number 12 (a, c) / 15 (b)"; escaped and with
/// ids as code in Markdown.
pub fn conflict_values(c: &Claim, markdown: bool) -> String {
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

/// [`story`] as a string.
pub fn story_string(s: &Story) -> String {
    let mut out = Vec::new();
    story(&mut out, s, false).expect("writing to memory");
    String::from_utf8(out).expect("Markdown of UTF-8 text")
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
    #[test]
    fn why_says_which_quiet_story_an_article_did_not_join() {
        let why = |founded: bool, passed_over: Option<concord_core::PassedOver>| {
            why_line(&concord_core::StoryArticle {
                id: "a".into(),
                title: None,
                outlet: None,
                published: None,
                duplicate_of: None,
                why: Some(concord_core::Membership {
                    founded,
                    reopened: false,
                    probability: if founded { 1.0 } else { 0.9 },
                    shared_terms: vec!["ankara".into()],
                    shared_words: vec!["Ankara".into()],
                    passed_over,
                }),
            })
        };
        let quiet = concord_core::PassedOver {
            story: "s1".into(),
            quiet_days: 11.0,
            cosine: 0.2439,
            probability: 0.96,
        };
        assert_eq!(
            why(true, Some(quiet.clone())),
            "founded the story: the closest one, s1, had had no report for 11 days and shares little with it (cosine 0.244)"
        );
        assert_eq!(
            why(false, Some(quiet)),
            "joined with probability 0.900; shared: Ankara; the closest story, s1, had had no report for 11 days and shares little with it (cosine 0.244)"
        );
        assert_eq!(
            why(true, None),
            "founded the story (nothing earlier matched)"
        );
    }
}
