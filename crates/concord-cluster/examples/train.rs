//! Learns the clusterer's pair model from gold streams, and writes it as JSON.
//!
//! ```sh
//! cargo run --release -p concord-cluster --example train -- STREAM.jsonl... > model.json
//! ```
//!
//! Each stream is JSONL in arrival order: articles in concord's ingest shape plus `"gold"`, the
//! story they belong to (`../shared/tools/datasets.py stream` writes this). Each stream is
//! replayed online with the *gold* stories (teacher forcing): every arriving article is compared
//! with the candidate stories the clusterer would retrieve, and each (article, story) pair becomes
//! one example, positive when the story is the article's gold story. A logistic regression with
//! a small L2 penalty (Newton's method) is fitted on all pairs of all streams.
//! `--l2 X` sets the penalty (default 1.0). `TRAIN_DEBUG=1` also prints every pair on stderr
//! (article, its gold story, the candidate's gold story, label, features) for error analysis.

// Small dense linear algebra reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

use concord_analyze::{Analyzer, ExpectedLanguage};
use concord_cluster::{Clusterer, Config, FEATURE_NAMES, Features, Model, Snapshot};
use concord_core::Article;
use std::collections::HashMap;
use std::io::BufRead;

const N: usize = FEATURE_NAMES.len();

fn main() {
    let mut l2 = 1.0;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--l2" {
            l2 = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--l2 NUMBER");
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("usage: train [--l2 X] STREAM.jsonl... > model.json");
        std::process::exit(2);
    }
    let analyzer = Analyzer::new();
    let config = Config::default();
    let mut rows: Vec<([f64; N], f64)> = Vec::new();
    let mut groups: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, gold story existed)
    for f in &files {
        let before = rows.len();
        replay(&analyzer, &config, f, &mut rows, &mut groups);
        let pos = rows[before..].iter().filter(|r| r.1 > 0.5).count();
        eprintln!("train: {f}: {} pairs, {pos} positive", rows.len() - before);
    }
    let (weights, bias) = fit(&rows, l2);
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.rsplit('/').next().unwrap_or(f))
        .collect();
    let model = Model {
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        weights: weights.iter().map(|w| (w * 1e4).round() / 1e4).collect(),
        bias: (bias * 1e4).round() / 1e4,
        trained_on: format!(
            "examples/train.rs --l2 {l2} on {} ({} pairs)",
            names.join(", "),
            rows.len()
        ),
    };
    println!("{}", serde_json::to_string_pretty(&model).unwrap());
    let correct = rows
        .iter()
        .filter(|(x, y)| (model.probability(x) >= 0.5) == (*y > 0.5))
        .count();
    eprintln!(
        "train: pair accuracy on the training pairs {:.4}",
        correct as f64 / rows.len().max(1) as f64
    );
    // What the online decision would get right with perfect history: for each article, the
    // most probable candidate must be its gold story (or none qualify, for a new story).
    let (mut join_ok, mut join_n, mut new_ok, mut new_n, mut unreachable) = (0, 0, 0, 0, 0);
    for &(s, e, existed) in &groups {
        let best = rows[s..e]
            .iter()
            .max_by(|a, b| model.probability(&a.0).total_cmp(&model.probability(&b.0)));
        let has_pos = rows[s..e].iter().any(|r| r.1 > 0.5);
        let decided_join = best.is_some_and(|b| model.probability(&b.0) >= 0.5);
        if has_pos {
            join_n += 1;
            if decided_join && best.is_some_and(|b| b.1 > 0.5) {
                join_ok += 1;
            }
        } else {
            if existed {
                unreachable += 1;
            }
            new_n += 1;
            if !decided_join {
                new_ok += 1;
            }
        }
    }
    eprintln!(
        "train: with gold history: joins right {join_ok}/{join_n}, new stories right {new_ok}/{new_n} \
         ({unreachable} articles whose gold story was out of reach)"
    );
}

fn replay(
    analyzer: &Analyzer,
    config: &Config,
    path: &str,
    rows: &mut Vec<([f64; N], f64)>,
    groups: &mut Vec<(usize, usize, bool)>,
) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut c = Clusterer::with_model(config.clone(), Model::shipped(), Snapshot::default());
    let mut story_of_gold: HashMap<String, String> = HashMap::new();
    let mut gold_of_story: HashMap<String, String> = HashMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let gold = v["gold"].as_str().expect("a \"gold\" story").to_string();
        let a: Article = serde_json::from_value(v).unwrap();
        // Each article's language found on its own, as a fresh analysis would.
        let f = Features::from_text(
            analyzer,
            &mut ExpectedLanguage::default(),
            &a.text,
            a.language.as_deref(),
            a.title.as_deref(),
            config,
        );
        let p = c.prepare(&a.id, &f, a.published.map(|p| p.timestamp()));
        let candidates = c.candidates(&p);
        let start = rows.len();
        let gold_of = |slot: usize| c.story_id(slot).and_then(|id| gold_of_story.get(id));
        for cand in &candidates {
            let y = gold_of(cand.slot) == Some(&gold);
            rows.push((cand.features, if y { 1.0 } else { 0.0 }));
            if std::env::var_os("TRAIN_DEBUG").is_some() {
                let f: Vec<String> = cand.features.iter().map(|x| format!("{x:.3}")).collect();
                eprintln!(
                    "pair\t{}\t{gold}\t{}\t{}\t{}",
                    a.id,
                    gold_of(cand.slot).map_or("?", |s| s.as_str()),
                    y as u8,
                    f.join("\t")
                );
            }
        }
        // Join the gold story if it is still retrievable, as a perfect clusterer would.
        let slot = candidates
            .iter()
            .find(|cand| gold_of(cand.slot) == Some(&gold))
            .map(|cand| cand.slot);
        groups.push((start, rows.len(), story_of_gold.contains_key(&gold)));
        // A gold story that retired, or shares no term with the article, continues as a new one.
        let assigned = c.join(p, slot, 1.0);
        gold_of_story.insert(assigned.story.clone(), gold.clone());
        story_of_gold.insert(gold, assigned.story);
    }
}

/// L2-regularized logistic regression by Newton's method on standardized features.
fn fit(rows: &[([f64; N], f64)], l2: f64) -> ([f64; N], f64) {
    let m = rows.len().max(1) as f64;
    let mut mean = [0.0; N];
    let mut sd = [0.0; N];
    for (x, _) in rows {
        for i in 0..N {
            mean[i] += x[i] / m;
        }
    }
    for (x, _) in rows {
        for i in 0..N {
            sd[i] += (x[i] - mean[i]).powi(2) / m;
        }
    }
    for s in sd.iter_mut() {
        *s = s.sqrt().max(1e-9);
    }
    const D: usize = N + 1; // weights, then bias
    let z = |x: &[f64; N]| -> [f64; D] {
        let mut out = [1.0; D];
        for i in 0..N {
            out[i] = (x[i] - mean[i]) / sd[i];
        }
        out
    };
    let mut w = [0.0; D];
    for _ in 0..50 {
        let mut grad = [0.0; D];
        let mut hess = [[0.0; D]; D];
        for (x, y) in rows {
            let zx = z(x);
            let s: f64 = (0..D).map(|i| w[i] * zx[i]).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            for i in 0..D {
                grad[i] += (p - y) * zx[i];
                for j in 0..D {
                    hess[i][j] += p * (1.0 - p) * zx[i] * zx[j];
                }
            }
        }
        for i in 0..N {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[N][N] += 1e-9;
        let step = solve(hess, grad);
        let mut change = 0.0f64;
        for i in 0..D {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    // Back to raw feature units.
    let mut weights = [0.0; N];
    let mut bias = w[N];
    for i in 0..N {
        weights[i] = w[i] / sd[i];
        bias -= w[i] * mean[i] / sd[i];
    }
    (weights, bias)
}

/// Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> [f64; D] {
    for col in 0..D {
        let piv = (col..D)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap();
        a.swap(col, piv);
        b.swap(col, piv);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in col + 1..D {
            let f = a[r][col] / d;
            for k in col..D {
                a[r][k] -= f * a[col][k];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; D];
    for r in (0..D).rev() {
        let s: f64 = (r + 1..D).map(|k| a[r][k] * x[k]).sum();
        x[r] = if a[r][r].abs() < 1e-12 {
            0.0
        } else {
            (b[r] - s) / a[r][r]
        };
    }
    x
}
