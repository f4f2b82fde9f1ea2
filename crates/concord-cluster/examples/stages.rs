//! Times the two stages of `concord cluster` apart, each on one thread: analysis (text →
//! [`Features`]) and deciding (features → story), in µs per article.
//!
//! ```sh
//! cargo run --release -p concord-cluster --example stages -- STREAM.jsonl [--repeat 5]
//! ```
//!
//! `concord cluster` runs analysis in parallel and decides on one thread, so on 2 CPUs its
//! throughput is bounded by the sum of the two (both CPUs busy) and by the deciding stage alone
//! (it cannot be split). Timing each stage by itself, best of `--repeat` runs, is far steadier
//! than timing the whole pipeline on a shared machine, where two threads compete for caches and
//! CPUs. The stream is read whole first; reading and JSON parsing are not timed.

use concord_analyze::Analyzer;
use concord_cluster::{Clusterer, Config, Features};
use concord_core::Article;
use std::io::BufRead;
use std::time::Instant;

// The allocator of the `concord` binary. With the system one, the per-article tables were fresh
// memory each time: page faults took about a fifth of the time here (103,000 faults for 20,000
// articles of the new-names stream, against 4,500 with mimalloc), which the binary does not see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut repeat = 5usize;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--repeat N");
        } else {
            path = Some(a);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: stages STREAM.jsonl [--repeat N]");
        std::process::exit(2);
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let articles: Vec<Article> = std::io::BufReader::new(file)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("an article per line"))
        .collect();
    let n = articles.len().max(1) as f64;
    let analyzer = Analyzer::new();
    let config = Config::default();

    let mut analysis = Vec::new();
    let mut features = Vec::new();
    for _ in 0..repeat.max(1) {
        // As the filter analyzes a stream: expecting the language of the previous article.
        let mut expected = concord_analyze::ExpectedLanguage::default();
        let start = Instant::now();
        features = articles
            .iter()
            .map(|a| {
                let (text, lang, title) = (&a.text, a.language.as_deref(), a.title.as_deref());
                Features::from_text_unexplained(
                    &analyzer,
                    &mut expected,
                    text,
                    lang,
                    title,
                    &config,
                )
            })
            .collect();
        analysis.push(start.elapsed().as_secs_f64() * 1e6 / n);
    }

    let mut deciding = Vec::new();
    let mut stories = 0;
    for _ in 0..repeat.max(1) {
        let mut c = Clusterer::new(config.clone());
        // As the `cluster` filter runs it: nothing persisted, no explanations.
        c.track_changes(false);
        c.explain(false);
        let start = Instant::now();
        let mut ids = std::collections::HashSet::new();
        for (a, f) in articles.iter().zip(&features) {
            let assigned = c.assign(&a.id, f, a.published.map(|p| p.timestamp()));
            ids.insert(assigned.story);
        }
        deciding.push(start.elapsed().as_secs_f64() * 1e6 / n);
        stories = ids.len();
    }
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{} articles, {stories} story ids assigned, best / median of {repeat} runs, µs per article:",
        articles.len()
    );
    println!(
        "  analysis  {:8.1} / {:8.1}",
        best(&analysis),
        median(&analysis)
    );
    println!(
        "  deciding  {:8.1} / {:8.1}",
        best(&deciding),
        median(&deciding)
    );
}
