//! How safe is it to skip whatlang when a text's function words confirm the story's language?
//!
//! ```sh
//! cargo run --release -p concord-analyze --example language_check -- FILE.jsonl...
//! ```
//!
//! Each line is an article (`{"text": ...}`) or a story (`{"docs": [{"text": ...}, ...]}`), in any
//! language. For every text that whatlang labels with confidence, it prints:
//! - how often `reads_as` confirms whatlang's own label (the calls saved);
//! - whether `reads_as` ever confirms another language (a wrong label: must be 0);
//! - the share of function words on the text's own list and the highest on another list;
//! - for each story, whether `analyze_all` gives every article whatlang's label.

use concord_analyze::{Analyzer, analyze_all, reads_as};
use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let langs: Vec<&str> = stop_words::available_languages()
        .iter()
        .copied()
        .filter(|l| l.len() == 2)
        .collect();
    let share = |text: &str, lang: &str| {
        let list: Vec<String> = stop_words::lookup(lang)
            .unwrap_or(&[])
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(100)
            .map(str::to_lowercase)
            .collect();
        let hit = words.iter().filter(|w| list.contains(w)).count();
        (hit as f64 / words.len().max(1) as f64, words.len())
    };
    let analyzer = Analyzer::new();
    let (mut labelled, mut confirmed, mut wrong) = (0, 0, 0);
    let (mut own, mut other_max): (Vec<f64>, f64) = (Vec::new(), 0.0);
    let (mut story_docs, mut story_disagree) = (0, 0);
    for path in std::env::args().skip(1) {
        for line in std::io::BufReader::new(std::fs::File::open(&path)?).lines() {
            let v: serde_json::Value = match serde_json::from_str(&line?) {
                Ok(v) => v,
                Err(_) => continue,
            };
            let docs: Vec<concord_core::Article> = match v.get("docs") {
                Some(d) => serde_json::from_value(d.clone())?,
                None => vec![serde_json::from_value(v)?],
            };
            let batch = analyze_all(&analyzer, &docs);
            for (doc, an) in docs.iter().zip(&batch) {
                let Some(label) = Analyzer::detect_language(&doc.text) else {
                    continue;
                };
                labelled += 1;
                if docs.len() > 1 {
                    story_docs += 1;
                    story_disagree += usize::from(an.language != label);
                }
                if reads_as(&doc.text, &label) {
                    confirmed += 1;
                }
                for &l in &langs {
                    if l == label {
                        let (s, n) = share(&doc.text, l);
                        if n >= 30 {
                            own.push(s);
                        }
                    } else {
                        wrong += usize::from(reads_as(&doc.text, l));
                        other_max = other_max.max(share(&doc.text, l).0);
                    }
                }
            }
        }
    }
    own.sort_by(f64::total_cmp);
    let pct = |q: f64| {
        own.get((own.len() as f64 * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!("texts labelled by whatlang: {labelled}");
    println!("confirmed by their function words (whatlang not needed): {confirmed}");
    println!("confirmed as another language (wrong labels): {wrong}");
    println!(
        "function words on the own list: median {:.2}, 5th percentile {:.2}, min {:.2}; on another list: max {:.2}",
        pct(0.5),
        pct(0.05),
        pct(0.0),
        other_max
    );
    println!(
        "story articles whose batch label differs from whatlang's: {story_disagree} of {story_docs}"
    );
    Ok(())
}
