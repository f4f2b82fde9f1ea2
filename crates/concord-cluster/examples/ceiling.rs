//! How far bag-of-words similarity can go on a gold stream, with every advantage the online
//! clusterer lacks: the whole stream at once (IDF over all of it, no arrival order) and the best
//! cut chosen by looking at the gold labels.
//!
//! ```sh
//! cargo run --release -p concord-cluster --example ceiling -- STREAM.jsonl [--tau DAYS]... [--bigrams W]
//! ```
//!
//! The articles get the same body vectors as [`concord_cluster::Features`] builds (stems, damped
//! term frequencies, title and name weights), IDF-weighted over the whole stream. Average-link
//! agglomerative clustering merges the most similar pair of clusters until one is left; the
//! pairwise F1 (the measure of `cluster_eval.py`) is computed at every step and the best is
//! printed, with its precision, recall and number of clusters. `--tau DAYS` multiplies the
//! similarity of two dated articles by exp(-|days apart| / DAYS) (several values may be given).
//! `--bigrams W` adds each sentence's adjacent content-word stem pairs to the body vectors, with
//! weight W times their damped count (what a phrase-aware representation could reach).
//!
//! The result is a ceiling for the representation, not a system: no online clusterer using these
//! vectors can be expected to beat it.

use concord_analyze::Analyzer;
use concord_cluster::{Config, Features};
use concord_core::Article;
use std::collections::HashMap;
use std::io::BufRead;

fn main() {
    let mut path = None;
    let mut taus: Vec<Option<f64>> = vec![None];
    let mut bigrams = 0.0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--bigrams" {
            bigrams = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--bigrams WEIGHT");
        } else if a == "--tau" {
            let v = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--tau DAYS");
            taus.push(Some(v));
        } else {
            path = Some(a);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: ceiling STREAM.jsonl [--tau DAYS]... [--bigrams WEIGHT]");
        std::process::exit(2);
    };
    let analyzer = Analyzer::new();
    let config = Config::default();
    let mut gold = Vec::new();
    let mut days = Vec::new();
    let mut bags = Vec::new();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("readable stream");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        gold.push(v["gold"].as_str().expect("a \"gold\" story").to_string());
        let a: Article = serde_json::from_value(v).expect("an article");
        let an = analyzer.analyze(&a.text, a.language.as_deref());
        days.push(a.published.map(|p| p.timestamp() as f64 / 86_400.0));
        let mut bag =
            Features::from_analysis(&analyzer, &an, &a.text, a.title.as_deref(), &config).body;
        if bigrams > 0.0 {
            // Keys of pairs cannot meet the unigram keys but by a 64-bit collision.
            let mut pairs: HashMap<u64, f64> = HashMap::new();
            for s in &an.sentences {
                let words: Vec<_> = s.tokens.iter().filter(|t| !t.stop && !t.numeric).collect();
                for w in words.windows(2) {
                    let key = concord_cluster::term_key(&format!("{} {}", w[0].stem, w[1].stem));
                    *pairs.entry(key).or_default() += 1.0;
                }
            }
            bag.extend(
                pairs
                    .into_iter()
                    .map(|(k, n)| (k, bigrams * (1.0 + n.ln()))),
            );
        }
        bags.push(bag);
    }
    let n = bags.len();
    let mut df: HashMap<u64, f64> = HashMap::new();
    for bag in &bags {
        for (t, _) in bag {
            *df.entry(*t).or_default() += 1.0;
        }
    }
    let vectors: Vec<HashMap<u64, f64>> = bags
        .iter()
        .map(|bag| {
            let mut v: HashMap<u64, f64> = bag
                .iter()
                .map(|(t, w)| (*t, w * (((n as f64 + 1.0) / (df[t] + 1.0)).ln() + 1.0)))
                .collect();
            let norm = v.values().map(|w| w * w).sum::<f64>().sqrt().max(1e-12);
            v.values_mut().for_each(|w| *w /= norm);
            v
        })
        .collect();
    let mut cosine = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = if vectors[i].len() < vectors[j].len() {
                (&vectors[i], &vectors[j])
            } else {
                (&vectors[j], &vectors[i])
            };
            let c: f64 = a.iter().filter_map(|(t, w)| b.get(t).map(|x| x * w)).sum();
            cosine[i][j] = c;
            cosine[j][i] = c;
        }
    }
    println!("{path}: {n} articles, {} gold stories", {
        let mut g = gold.clone();
        g.sort();
        g.dedup();
        g.len()
    });
    for tau in taus {
        let mut sim = cosine.clone();
        if let Some(tau) = tau {
            for i in 0..n {
                for j in 0..n {
                    if let (Some(x), Some(y)) = (days[i], days[j]) {
                        sim[i][j] *= (-(x - y).abs() / tau).exp();
                    }
                }
            }
        }
        let (f1, p, r, k) = best_cut(sim, &gold);
        let label = tau.map_or("none".to_string(), |t| format!("{t} days"));
        println!(
            "time decay {label:>9}: best pairwise F1 {f1:.3} (P {p:.3}, R {r:.3}) at {k} clusters"
        );
    }
}

/// Average-link agglomeration; the best pairwise F1 over all cuts.
fn best_cut(mut sim: Vec<Vec<f64>>, gold: &[String]) -> (f64, f64, f64, usize) {
    let n = gold.len();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive: Vec<bool> = vec![true; n];
    // Pair counts: same gold (true), and per cluster the gold composition.
    let mut gold_pairs = 0u64;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for g in gold {
        *counts.entry(g).or_default() += 1;
    }
    for c in counts.values() {
        gold_pairs += c * (c - 1) / 2;
    }
    let (mut tp, mut predicted) = (0u64, 0u64);
    let mut best = (0.0, 0.0, 0.0, n);
    for k in (1..n).rev() {
        let mut top = (f64::NEG_INFINITY, 0, 0);
        for i in 0..n {
            if !alive[i] {
                continue;
            }
            for j in i + 1..n {
                if alive[j] && sim[i][j] > top.0 {
                    top = (sim[i][j], i, j);
                }
            }
        }
        let (_, a, b) = top;
        for &x in &members[a] {
            for &y in &members[b] {
                tp += (gold[x] == gold[y]) as u64;
            }
        }
        predicted += (members[a].len() * members[b].len()) as u64;
        let (na, nb) = (members[a].len() as f64, members[b].len() as f64);
        for c in 0..n {
            if alive[c] && c != a && c != b {
                let s = (sim[a][c] * na + sim[b][c] * nb) / (na + nb);
                sim[a][c] = s;
                sim[c][a] = s;
            }
        }
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        alive[b] = false;
        let p = tp as f64 / predicted.max(1) as f64;
        let r = tp as f64 / gold_pairs.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        if f1 > best.0 {
            best = (f1, p, r, k);
        }
    }
    best
}
