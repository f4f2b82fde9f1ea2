//! Searches the pair model's weights for the clustering score itself, where `train.rs` fits them
//! to the pairs of a teacher-forced replay. An experiment: is the gap between the offline ceiling
//! (`ceiling.rs`) and the online score in the fit, or in the evidence?
//!
//! ```sh
//! cargo run --release -p concord-cluster --example tune -- TRAIN.jsonl... [--score HELDOUT.jsonl]... \
//!     [--start model.json] [--step F] > tuned.json
//! ```
//!
//! Each stream is a gold stream (`"gold"` per article, as `datasets.py stream` writes). The
//! objective is the mean over the training streams of (pairwise F1 + BCubed F1) / 2 of the
//! online clustering with the candidate model (merges followed to the surviving story). The
//! search is coordinate-wise over the weights and the bias: each in turn moves by ±step and keeps
//! a move that raises the objective; the step (first F times the weight's size, at least F;
//! F = 0.25 unless `--step`) halves after a round without a gain, until it is below 1/64 of its
//! start. It starts from the shipped model (or `--start`). `--score` streams are only scored,
//! before and after: the held-out view. The scores it prints are `cluster_eval.py`'s.
//!
//! What it showed (BENCHMARKS.md): searched on the dev stream and WikiRef220 together it gains
//! 0.018 pairwise F1 on the dev stream and nothing elsewhere; searched on one stream it loses on
//! the other (WikiRef220 alone: the dev stream falls from 0.799 to 0.671). The shipped model stays
//! the logistic fit of `train.rs`, which holds up better across streams.

use concord_analyze::{Analyzer, ExpectedLanguage};
use concord_cluster::{Clusterer, Config, Features, Model, Snapshot};
use concord_core::Article;
use std::collections::HashMap;
use std::io::BufRead;

/// One gold stream, analyzed once: (features, publication time, gold story) per article.
struct Stream {
    name: String,
    articles: Vec<(String, Features, Option<i64>, String)>,
}

fn main() {
    let (mut train, mut heldout, mut start) = (Vec::new(), Vec::new(), None);
    let mut first_step = 0.25;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--score" => heldout.push(args.next().expect("--score STREAM")),
            "--start" => start = Some(args.next().expect("--start MODEL")),
            "--step" => {
                first_step = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--step FRACTION")
            }
            _ => train.push(a),
        }
    }
    if train.is_empty() {
        eprintln!(
            "usage: tune TRAIN.jsonl... [--score HELDOUT.jsonl]... [--start model.json] [--step F]"
        );
        std::process::exit(2);
    }
    let analyzer = Analyzer::new();
    let config = Config::default();
    let load = |p: &String| read(&analyzer, &config, p);
    let train: Vec<Stream> = train.iter().map(load).collect();
    let heldout: Vec<Stream> = heldout.iter().map(load).collect();
    let mut model = match start {
        Some(p) => Model::from_json(&std::fs::read_to_string(&p).expect("a model file"))
            .expect("a model for these features"),
        None => Model::shipped(),
    };
    let report = |label: &str, model: &Model| {
        for s in train.iter().chain(&heldout) {
            let (p, b) = score(&config, model, s);
            eprintln!(
                "tune: {label:>6} {:<24} pairwise {p:.4}  bcubed {b:.4}",
                s.name
            );
        }
    };
    report("before", &model);
    let objective = |m: &Model| {
        train
            .iter()
            .map(|s| {
                let (p, b) = score(&config, m, s);
                (p + b) / 2.0
            })
            .sum::<f64>()
            / train.len() as f64
    };
    let mut best = objective(&model);
    let dims = model.weights.len() + 1;
    let mut step: Vec<f64> = (0..dims)
        .map(|i| first_step * get(&model, i).abs().max(1.0))
        .collect();
    let floor: Vec<f64> = step.iter().map(|s| s / 64.0).collect();
    let mut evaluations = 1;
    while (0..dims).any(|i| step[i] >= floor[i]) {
        let mut gained = false;
        for i in 0..dims {
            if step[i] < floor[i] {
                continue;
            }
            for sign in [1.0, -1.0] {
                let mut trial = model.clone();
                set(&mut trial, i, get(&model, i) + sign * step[i]);
                let value = objective(&trial);
                evaluations += 1;
                if value > best + 1e-6 {
                    best = value;
                    model = trial;
                    gained = true;
                    break;
                }
            }
        }
        if !gained {
            step.iter_mut().for_each(|s| *s /= 2.0);
        }
    }
    eprintln!("tune: objective {best:.4} after {evaluations} evaluations");
    report("after", &model);
    let names: Vec<&str> = train.iter().map(|s| s.name.as_str()).collect();
    model.weights = model
        .weights
        .iter()
        .map(|w| (w * 1e4).round() / 1e4)
        .collect();
    model.bias = (model.bias * 1e4).round() / 1e4;
    model.trained_on = format!(
        "examples/tune.rs (coordinate search on the clustering score) on {}",
        names.join(", ")
    );
    println!("{}", serde_json::to_string_pretty(&model).unwrap());
}

/// Weight `i`, or the bias for the last index.
fn get(m: &Model, i: usize) -> f64 {
    m.weights.get(i).copied().unwrap_or(m.bias)
}

fn set(m: &mut Model, i: usize, v: f64) {
    match m.weights.get_mut(i) {
        Some(w) => *w = v,
        None => m.bias = v,
    }
}

fn read(analyzer: &Analyzer, config: &Config, path: &String) -> Stream {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut expected = ExpectedLanguage::default();
    let mut articles = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("readable stream");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let gold = v["gold"].as_str().expect("a \"gold\" story").to_string();
        let a: Article = serde_json::from_value(v).expect("an article");
        let f = Features::from_text(
            analyzer,
            &mut expected,
            &a.text,
            a.language.as_deref(),
            a.title.as_deref(),
            config,
        );
        articles.push((a.id, f, a.published.map(|p| p.timestamp()), gold));
    }
    Stream {
        name: path.rsplit('/').next().unwrap_or(path).to_string(),
        articles,
    }
}

/// Pairwise and BCubed F1 of the online clustering of `s` with `model` (as `cluster_eval.py`
/// computes them), each article counted in the story it ended in after merges.
fn score(config: &Config, model: &Model, s: &Stream) -> (f64, f64) {
    let mut c = Clusterer::with_model(config.clone(), model.clone(), Snapshot::default());
    c.track_changes(false);
    c.explain(false);
    let mut assigned: Vec<String> = Vec::with_capacity(s.articles.len());
    let mut redirect: HashMap<String, String> = HashMap::new();
    for (id, f, time, _) in &s.articles {
        let a = c.assign(id, f, *time);
        for m in &a.merged {
            redirect.insert(m.from.clone(), m.into.clone());
        }
        assigned.push(a.story);
    }
    let predicted: Vec<String> = assigned
        .iter()
        .map(|story| {
            let mut story = story;
            while let Some(next) = redirect.get(story) {
                story = next;
            }
            story.clone()
        })
        .collect();
    let gold: Vec<&String> = s.articles.iter().map(|a| &a.3).collect();
    let mut joint: HashMap<(&String, &String), f64> = HashMap::new();
    let mut g_size: HashMap<&String, f64> = HashMap::new();
    let mut p_size: HashMap<&String, f64> = HashMap::new();
    for (g, p) in gold.iter().zip(&predicted) {
        *joint.entry((g, p)).or_default() += 1.0;
        *g_size.entry(g).or_default() += 1.0;
        *p_size.entry(p).or_default() += 1.0;
    }
    let pairs = |n: &f64| n * (n - 1.0) / 2.0;
    let tp: f64 = joint.values().map(pairs).sum();
    let (pp, gp): (f64, f64) = (
        p_size.values().map(pairs).sum(),
        g_size.values().map(pairs).sum(),
    );
    let precision = if pp > 0.0 { tp / pp } else { 1.0 };
    let recall = if gp > 0.0 { tp / gp } else { 1.0 };
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let n = gold.len() as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for (g, p) in gold.iter().zip(&predicted) {
        let both = joint[&(*g, p)];
        bp += both / p_size[p] / n;
        br += both / g_size[g] / n;
    }
    (f1(precision, recall), f1(bp, br))
}
