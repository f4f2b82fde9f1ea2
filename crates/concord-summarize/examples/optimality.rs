//! How close the summarizer's selection comes to the exact optimum of its own objective.
//!
//!     cargo run --release -p concord-summarize --example optimality -- STORIES.jsonl [WORDS]
//!
//! STORIES is the `concord summarize` input (`{"id","docs":[{"id","text",...}]}` per line, e.g.
//! from `../shared/tools/datasets.py stories`). For each story it runs the summarizer and an
//! exhaustive branch and bound over the same candidates, and prints the greedy start's and the
//! returned summary's share of the optimum. Slow by design: the exact search is exponential.

use concord_analyze::{Analyzer, analyze_all, docs};
use concord_core::Article;
use concord_summarize::{Options, optimality};
use std::io::BufRead;

#[derive(serde::Deserialize)]
struct Story {
    id: String,
    docs: Vec<Article>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: optimality STORIES.jsonl [WORDS]");
    let words: usize = args
        .next()
        .map_or(100, |w| w.parse().expect("WORDS is a number"));
    let opts = Options {
        words,
        sentences: None,
    };
    let analyzer = Analyzer::new();
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open stories"));
    let (mut n, mut proven, mut at_optimum) = (0, 0, 0);
    let (mut greedy_share, mut chosen_share, mut worst) = (0.0, 0.0, 1.0f64);
    println!("story\tgreedy/opt\tchosen/opt\tproven");
    for line in file.lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let story: Story = serde_json::from_str(&line).expect("a story per line");
        let analyses = analyze_all(&analyzer, &story.docs);
        let o = optimality(&docs(&story.docs, &analyses), &opts);
        if o.exact <= 0.0 {
            continue;
        }
        n += 1;
        proven += usize::from(o.proven);
        at_optimum += usize::from(o.chosen >= o.exact * (1.0 - 1e-9));
        greedy_share += o.greedy / o.exact;
        chosen_share += o.chosen / o.exact;
        worst = worst.min(o.chosen / o.exact);
        println!(
            "{}\t{:.4}\t{:.4}\t{}",
            story.id,
            o.greedy / o.exact,
            o.chosen / o.exact,
            o.proven
        );
    }
    println!(
        "{n} stories, {proven} proven optimal by the search; mean share of the optimum: greedy {:.4}, returned {:.4} (worst {:.4}); returned summary at the optimum in {at_optimum}",
        greedy_share / n as f64,
        chosen_share / n as f64,
        worst
    );
}
