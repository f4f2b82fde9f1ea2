//! End-to-end tests of the `concord` binary: what a user runs, what they see.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> PathBuf {
    repo().join("examples")
}

/// `../shared` beside the repository (CONCORD_SHARED overrides); `None`, with the reason printed,
/// where it is absent, so that tests needing it skip visibly instead of failing or passing blind.
fn shared(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("CONCORD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let p = base.join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} not found (set CONCORD_SHARED to the shared data folder)",
            p.display()
        );
        None
    }
}

fn concord(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CONCORD_DB")
        .output()
        .expect("concord runs")
}

fn concord_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("concord runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `concord run examples/ --format json` into `db`, which must succeed: its stories.
fn run_examples(db: &Path) -> Value {
    let out = concord(
        db,
        &["run", examples().to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seeds_form_one_story_with_a_summary_citing_both() {
    let Some(seeds) = shared("seeds") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = concord(
        &dir.path().join("c.db"),
        &["run", seeds.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{v:#}");
    let story = &stories[0];
    let mut article_ids = ids(&story["articles"]);
    article_ids.sort();
    let mut seed_ids: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    seed_ids.sort();
    assert_eq!(article_ids, seed_ids);
    let texts: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let summary = story["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    let mut cited_by_both = 0;
    for s in summary {
        let text = s["text"].as_str().unwrap();
        assert!(
            texts.iter().any(|t| t.contains(text)),
            "not verbatim: {text}"
        );
        let sources = s["sources"].as_array().unwrap();
        if sources.len() == 2 {
            cited_by_both += 1;
            // A sentence cited by both seeds must really be stated in both (up to typography): a
            // long stretch of it appears in each, though the framing around it may differ.
            let norm = |s: &str| {
                s.replace(['\u{2019}', '\u{2018}'], "'")
                    .replace(['\u{201C}', '\u{201D}'], "\"")
            };
            let sentence: Vec<char> = norm(text).chars().collect();
            for t in &texts {
                let t = norm(t);
                let w = sentence.len().min(60);
                let found = (0..=sentence.len() - w)
                    .step_by(5)
                    .any(|i| t.contains(&sentence[i..i + w].iter().collect::<String>()));
                assert!(found, "cited but absent: {text}");
            }
        }
    }
    assert!(
        cited_by_both >= 1,
        "no summary sentence cites both seeds: {summary:#?}"
    );
    // The shared press-office statement is what both report.
    assert!(
        summary.iter().any(
            |s| s["text"].as_str().unwrap().contains("security delegations")
                || s["text"]
                    .as_str()
                    .unwrap()
                    .contains("Iranian and Hezbollah aggression")
        ),
        "{summary:#?}"
    );
    assert!(story["title"].as_str().unwrap().contains("Netanyahu"));
    // The stored story carries its shared passages: the press office's statements, in both.
    let passages = story["shared_passages"].as_array().unwrap();
    assert!(
        passages.iter().any(|p| {
            p["text"].as_str().unwrap().contains("tunnels threat")
                && p["articles"].as_array().unwrap().len() == 2
        }),
        "{passages:#?}"
    );
    let quotes = story["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().any(|q| {
            q["text"].as_str().unwrap().contains("a good phase")
                && q["speaker"].as_str().unwrap_or("").contains("Koren")
        }),
        "{quotes:#?}"
    );
    let entities = story["entities"].as_array().unwrap();
    assert!(
        entities
            .iter()
            .any(|e| e["name"] == "Benjamin Netanyahu" && e["type"] == "person"),
        "{entities:#?}"
    );
    // The stored story says what both outlets state and what only one does.
    let claims = story["claims"].as_array().unwrap();
    let agreed: Vec<&str> = claims
        .iter()
        .filter(|c| c["kind"] == "agreed")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        agreed.iter().any(|t| t.contains("security delegations")),
        "{agreed:#?}"
    );
    // The press office's passage is stated by both, though each wraps it in its own words:
    // claims agree with the summary's citations.
    assert!(
        agreed.iter().any(|t| t.contains("tunnels threat")),
        "{agreed:#?}"
    );
    assert!(
        !claims.iter().any(
            |c| c["kind"] == "single" && c["text"].as_str().unwrap().contains("tunnels threat")
        ),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .any(|c| c["kind"] == "single" && c["sources"].as_array().unwrap().len() == 1),
        "{claims:#?}"
    );
}

#[test]
fn examples_make_one_story_per_event_and_link_the_syndicated_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let v = run_examples(&db);
    let mut groups: Vec<Vec<String>> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut i = ids(&s["articles"]);
            i.sort();
            i
        })
        .collect();
    groups.sort();
    let expected: Vec<Vec<&str>> = vec![
        vec!["andes-daily-1", "andes-radio-1", "andes-wire-1"],
        vec!["ecb-fin-1", "ecb-tribune-1"],
        vec![
            "fire-courier-syndicated",
            "fire-provence-1",
            "fire-provence-2",
            "marseille-fire-courier",
        ],
        vec!["lander-herald-1", "lander-science-1"],
    ];
    assert_eq!(groups, expected);
    let fire = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| ids(&s["articles"]).contains(&"fire-provence-1".to_string()))
        .unwrap();
    let copy = fire["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "fire-courier-syndicated")
        .unwrap();
    assert_eq!(copy["duplicate_of"], "marseille-fire-courier");
    // Every summary sentence cites its sources by id, and only articles of the story.
    for s in v["stories"].as_array().unwrap() {
        let members = ids(&s["articles"]);
        for sentence in s["summary"].as_array().unwrap() {
            for src in sentence["sources"].as_array().unwrap() {
                assert!(members.contains(&src.as_str().unwrap().to_string()));
            }
        }
    }
}

#[test]
fn the_store_keeps_its_clustering_settings_for_later_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let shown = concord(&db, &["config"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let v = json(&shown);
    assert_eq!(v["set"], serde_json::json!({}));
    assert_eq!(v["model"], "shipped");
    let default_threshold = v["cluster"]["threshold"].as_f64().unwrap();

    // Nothing may join, and no merge may undo that.
    let args = [
        "config",
        "--threshold",
        "1.1",
        "--merge-threshold",
        "2",
        "--merge-similarity",
        "2",
    ];
    let v = json(&concord(&db, &args));
    assert_eq!(v["cluster"]["threshold"], 1.1);
    assert_eq!(v["set"]["threshold"], 1.1);

    // A setting out of range is refused and keeps what was set.
    let out = concord(&db, &["config", "--window-days", "0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("window_days"), "{}", stderr(&out));
    let bad_model = dir.path().join("model.json");
    std::fs::write(&bad_model, r#"{"features":["x"],"weights":[1],"bias":0}"#).unwrap();
    let out = concord(&db, &["config", "--model", bad_model.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("retrain"), "{}", stderr(&out));
    assert_eq!(json(&concord(&db, &["config"]))["set"]["threshold"], 1.1);

    // A later run, another process, clusters with them: every report is its own story
    // (a syndicated copy still follows its original).
    let stories = run_examples(&db)["stories"].as_array().unwrap().len();
    assert_eq!(
        stories, 10,
        "4 stories with the defaults, one a report here"
    );

    let v = json(&concord(&db, &["config", "--reset"]));
    assert_eq!(v["set"], serde_json::json!({}));
    assert_eq!(
        v["cluster"]["threshold"].as_f64().unwrap(),
        default_threshold
    );
}

#[test]
fn reingesting_the_same_files_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let ex = examples();
    let first = concord(&db, &["ingest", ex.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = json(&concord(&db, &["stories", "--format", "json"]));
    let second = concord(&db, &["ingest", ex.to_str().unwrap()]);
    assert!(second.status.success());
    assert!(stderr(&second).contains("0 stored"), "{}", stderr(&second));
    let after = json(&concord(&db, &["stories", "--format", "json"]));
    assert_eq!(before, after);
    // `run` on the same inputs shows the same stories without storing anything.
    let again = json(&concord(
        &db,
        &["run", ex.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(again["stories"].as_array().unwrap().len(), 4);
}

#[test]
fn bad_inputs_are_named_the_rest_is_stored_and_the_exit_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in ["andes-quake.jsonl", "marseille-fire-courier.txt"] {
        std::fs::copy(examples().join(f), input.join(f)).unwrap();
    }
    if let Some(seeds) = shared("seeds") {
        for e in std::fs::read_dir(seeds).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        input.join("photo.jpg"),
        [0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
    )
    .unwrap();
    std::fs::write(
        input.join("latin1.txt"),
        b"Le ministre a d\xe9clar\xe9 mardi que la r\xe9forme continuerait.",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(
        input.join("feed.jsonl"),
        "{\"id\":\"ok-1\",\"text\":\"The city council of Ghent approved a new cycling plan on Monday after a long debate.\"}\n\
         {\"id\":\"broken\",\"text\":\"unterminated\n\
         {\"id\":\"ok-2\",\"text\":\"Dockers in Antwerp ended a three-day strike on Friday after reaching a pay deal.\"}\n",
    )
    .unwrap();
    let db = dir.path().join("c.db");
    let out = concord(&db, &["ingest", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for needle in [
        "photo.jpg: binary file",
        "latin1.txt: invalid UTF-8",
        "empty.txt: empty file",
        "feed.jsonl:2: malformed JSON",
    ] {
        assert!(err.contains(needle), "missing `{needle}` in:\n{err}");
    }
    assert_eq!(
        err.matches("rejected").count(),
        4 + 1,
        "one line per bad input plus the summary:\n{err}"
    );
    let v = json(&concord(&db, &["stories", "--format", "json"]));
    let mut stored: Vec<String> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| ids(&s["articles"]))
        .collect();
    stored.sort();
    for id in [
        "andes-daily-1",
        "andes-radio-1",
        "andes-wire-1",
        "marseille-fire-courier",
        "ok-1",
        "ok-2",
    ] {
        assert!(
            stored.contains(&id.to_string()),
            "{id} not stored: {stored:?}"
        );
    }
}

#[test]
fn a_broken_store_is_a_fatal_error_and_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("junk.db");
    std::fs::write(&db, vec![b'z'; 8192]).unwrap();
    let out = concord(&db, &["ingest", examples().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a concord store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), vec![b'z'; 8192]);
}

#[test]
fn a_killed_ingest_leaves_a_store_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    // A first batch that must survive.
    assert!(
        concord(
            &db,
            &[
                "ingest",
                examples().join("ecb-rates.json").to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let big = dir.path().join("big.jsonl");
    let mut lines = String::new();
    for i in 0..4000 {
        lines.push_str(&format!(
            "{{\"id\":\"gen-{i}\",\"text\":\"Report {i}: the harbour authority of port {} said ship {} docked on day {} with {} containers after a delay.\"}}\n",
            i % 97, i, i % 31, i * 7
        ));
    }
    std::fs::write(&big, lines).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", big.to_str().unwrap()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let out = concord(&db, &["stories", "--format", "json"]);
    assert!(
        out.status.success(),
        "store does not open after a kill: {}",
        stderr(&out)
    );
    let v = json(&out);
    let all: Vec<String> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| ids(&s["articles"]))
        .collect();
    assert!(
        all.contains(&"ecb-fin-1".to_string()),
        "the earlier batch was lost"
    );
    let generated = all.iter().filter(|i| i.starts_with("gen-")).count();
    assert!(
        generated == 0 || generated == 4000,
        "half a batch landed: {generated}"
    );
}

#[test]
fn the_quake_story_lists_each_reports_toll_with_who_states_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let v = run_examples(&db);
    let stories = v["stories"].as_array().unwrap();
    let quake = stories
        .iter()
        .find(|s| ids(&s["articles"]).contains(&"andes-wire-1".to_string()))
        .unwrap();
    // The wire's first count, the update the other two carry ("the death toll had risen to
    // five"), and the injured of the first and last reports ("dozens" is no figure).
    let figures: Vec<(String, u64, Vec<String>)> = quake["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["who"], "people", "{f}");
            (
                f["what"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
                ids_of(&f["sources"]),
            )
        })
        .collect();
    let f = |what: &str, n: u64, sources: &[&str]| {
        let sources = sources.iter().map(|s| s.to_string()).collect();
        (what.to_string(), n, sources)
    };
    assert_eq!(
        figures,
        [
            f("killed", 4, &["andes-wire-1"]),
            f("killed", 5, &["andes-daily-1", "andes-radio-1"]),
            f("injured", 27, &["andes-wire-1"]),
            f("injured", 31, &["andes-radio-1"]),
        ]
    );
    // Stories without a toll list none.
    for s in stories.iter().filter(|s| s["id"] != quake["id"]) {
        assert_eq!(s["figures"].as_array().map(Vec::len), Some(0), "{s}");
    }
    let id = quake["id"].as_str().unwrap();
    let text = concord(&db, &["story", id]);
    let t = String::from_utf8_lossy(&text.stdout);
    assert!(
        t.contains("Figures as reported:")
            && t.contains("    4 killed — The civil defence office said four people were killed"),
        "{t}"
    );
    let md = concord(&db, &["story", id, "--format", "markdown"]);
    let m = String::from_utf8_lossy(&md.stdout);
    assert!(
        m.contains("## Figures as reported") && m.contains("- **31 injured** — "),
        "{m}"
    );
}

#[test]
fn rederive_derives_the_stories_another_build_derived_and_names_an_unknown_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    run_examples(&db);
    let before = json(&concord(&db, &["stories", "--format", "json"]));
    let out = concord(&db, &["rederive"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("every story was derived by this build"),
        "{}",
        stderr(&out)
    );
    let out = concord(&db, &["rederive", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("4 stories derived again"),
        "{}",
        stderr(&out)
    );
    // This concord derived them already: the same stories come back.
    assert_eq!(
        json(&concord(&db, &["stories", "--format", "json"])),
        before
    );
    // Two stories as an older concord left them: no stamp, and entities it did not find.
    let ids: Vec<String> = before["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        for id in &ids[..2] {
            conn.execute(
                "UPDATE stories SET derived_by = NULL, entities = '[]' WHERE id = ?1",
                [id],
            )
            .unwrap();
        }
    }
    let shown = concord(&db, &["story", &ids[0], "--format", "json"]);
    let stale = json(&shown);
    assert_eq!(stale["entities"], serde_json::json!([]));
    // `concord story` says so for the story it shows.
    assert!(
        stderr(&shown).contains(&format!(
            "story {} was derived by another build of concord",
            ids[0]
        )),
        "{}",
        stderr(&shown)
    );
    let fresh = concord(&db, &["story", &ids[2]]);
    assert!(
        !stderr(&fresh).contains("another build"),
        "{}",
        stderr(&fresh)
    );
    // Any command that adds to the store says so (here, adding nothing new).
    let again = concord(&db, &["ingest", examples().to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("2 stories were derived by another build of concord"),
        "{}",
        stderr(&again)
    );
    let out = concord(&db, &["rederive"]);
    assert!(
        stderr(&out).contains("2 stories derived again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        json(&concord(&db, &["stories", "--format", "json"])),
        before
    );
    let quiet = concord(&db, &["ingest", examples().to_str().unwrap()]);
    assert!(
        !stderr(&quiet).contains("another build"),
        "{}",
        stderr(&quiet)
    );
    let one = concord(&db, &["rederive", &ids[0]]);
    assert!(
        stderr(&one).contains("1 story derived again"),
        "{}",
        stderr(&one)
    );
    let bad = concord(&db, &["rederive", &ids[0], "s-nope"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("no story s-nope"), "{}", stderr(&bad));
}

fn ids_of(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn story_command_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let v = run_examples(&db);
    let id = v["stories"][0]["id"].as_str().unwrap().to_string();
    let text = concord(&db, &["story", &id]);
    assert!(text.status.success());
    let t = String::from_utf8_lossy(&text.stdout);
    assert!(t.contains("Articles:") && t.contains(&id), "{t}");
    assert!(
        t.contains("Agreed by independent sources:") && t.contains("Only one source:"),
        "{t}"
    );
    let md = concord(&db, &["story", &id, "--format", "markdown"]);
    let m = String::from_utf8_lossy(&md.stdout);
    assert!(m.starts_with("# ") && m.contains("## Summary"), "{m}");
    assert!(m.contains("## Agreed by independent sources"), "{m}");
    let j = json(&concord(&db, &["story", &id, "--format", "json"]));
    assert_eq!(j["id"], id.as_str());
    // Every article says why it is there: one founded the story, the others joined it with a
    // probability and shared terms, copies follow their original.
    let whys: Vec<&Value> = j["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.get("why"))
        .collect();
    assert_eq!(
        whys.iter().filter(|w| w["founded"] == true).count(),
        1,
        "{j}"
    );
    let mut rewritten = Vec::new();
    for w in whys.iter().filter(|w| w["founded"] == false) {
        assert!(w["probability"].as_f64().unwrap() >= 0.5, "{w}");
        let terms = w["shared_terms"].as_array().unwrap();
        assert!(!terms.is_empty(), "{w}");
        // The same terms as the article writes them, in the same order: each word, lower-cased
        // and without the marks inside numbers, begins as its stem does.
        let words = w["shared_words"].as_array().unwrap();
        assert_eq!(words.len(), terms.len(), "{w}");
        for (t, word) in terms.iter().zip(words) {
            let (t, word) = (t.as_str().unwrap(), word.as_str().unwrap());
            let plain: String = word.to_lowercase().replace([',', '.'], "");
            let head: String = t.chars().take(3).collect();
            assert!(plain.starts_with(&head), "{t} shown as {word}");
            if t != word {
                rewritten.push(word.to_string());
            }
        }
    }
    assert!(!rewritten.is_empty(), "no stem was shown as a word: {j}");
    let why = concord(&db, &["story", &id, "--why"]);
    let w = String::from_utf8_lossy(&why.stdout);
    assert!(w.contains("why: founded the story"), "{w}");
    assert!(w.contains("why: joined with probability"), "{w}");
    assert!(rewritten.iter().all(|r| w.contains(r.as_str())), "{w}");
    let missing = concord(&db, &["story", "s-nope"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn cluster_filter_assigns_every_article_in_order() {
    let input = "{\"id\":\"a\",\"text\":\"The river Elbe burst its banks in Dresden on Monday, flooding the old town.\",\"published\":\"2026-05-04\"}\n\
                 {\"id\":\"b\",\"text\":\"Floods hit Dresden as the Elbe burst its banks, flooding the old town on Monday.\",\"published\":\"2026-05-04\",\"gold\":\"x\"}\n\
                 {\"id\":\"c\",\"text\":\"Shares in the carmaker rose 4 percent after strong quarterly sales in China.\",\"published\":\"2026-05-05\"}\n\
                 not json\n";
    let out = concord_stdin(&["cluster"], input);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<stdin>:4"), "{}", stderr(&out));
    let rows: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        rows.iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    assert_eq!(rows[0]["story"], rows[1]["story"]);
    assert_ne!(rows[0]["story"], rows[2]["story"]);
}

/// `concord cluster`'s output lines as (article id, story id).
fn story_rows(out: &std::process::Output) -> Vec<(String, String)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["story"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn cluster_filter_answers_a_repeated_id_with_its_story_and_rejects_other_text() {
    let flood = r#"{"id":"a","text":"The river Elbe burst its banks in Dresden on Monday, flooding the old town.","published":"2026-05-04"}"#;
    // The same copy re-flowed: the same article read twice.
    let again = r#"{"id":"a","text":"The river Elbe  burst its banks in Dresden on Monday,\nflooding the old town.","published":"2026-05-04"}"#;
    let shares = r#"{"id":"c","text":"Shares in the carmaker rose 4 percent after strong quarterly sales in China.","published":"2026-05-05"}"#;
    let changed = r#"{"id":"c","text":"A storm closed the port of Hamburg for two days.","published":"2026-05-06"}"#;
    // Every article founds its own story (no pair reaches the threshold), with and without merging:
    // an article clustered a second time would found one more.
    for merge in ["2", "0.5"] {
        let args = ["cluster", "--threshold", "1.1", "--merge-similarity", merge];
        let input = format!("{flood}\n{shares}\n{again}\n{changed}\n");
        let out = concord_stdin(&args, &input);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out)
                .contains("<stdin>:4: article id `c` was already clustered with different text"),
            "{}",
            stderr(&out)
        );
        let got = story_rows(&out);
        let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "a"], "merge similarity {merge}");
        assert_eq!(got[0].1, got[2].1, "merge similarity {merge}");
        assert_ne!(got[0].1, got[1].1, "merge similarity {merge}");
    }
    // A repeat after the merge pass has joined the article's story into another gets the story
    // it is part of now. Two events told 32 times each, each report founding a story the pass
    // (every 64 arrivals) joins; then every report again.
    let flood = "The river Elbe burst its banks in Dresden, flooding the old town and forcing residents to leave.";
    let shares =
        "Shares in the carmaker rose sharply after strong quarterly sales in China, analysts said.";
    let lines: Vec<String> = (0..64)
        .map(|i| {
            let (event, text) = if i % 2 == 0 { ("flood", flood) } else { ("shares", shares) };
            serde_json::json!({"id": format!("{event}-{i}"), "text": format!("{text} Report number {i}."), "published": "2026-05-04"}).to_string()
        })
        .collect();
    let input = format!("{}\n{}\n", lines.join("\n"), lines.join("\n"));
    let out = concord_stdin(
        &["cluster", "--threshold", "1.1", "--merge-similarity", "0.5"],
        &input,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = story_rows(&out);
    assert_eq!(got.len(), 128);
    let (first, second) = got.split_at(64);
    assert_eq!(first, second);
    let stories: std::collections::BTreeSet<&String> = first.iter().map(|(_, s)| s).collect();
    assert!(stories.len() < 64, "the pass merged nothing");
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe buffers, so that writing outlives the reader.
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    for i in 0..20_000 {
        writeln!(
            f,
            r#"{{"id":"article-{i}","text":"Report {i} on item {i}."}}"#
        )
        .unwrap();
    }
    drop(f);
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["cluster", "--merge-similarity", "2", "--input"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("concord runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("article-0"), "{first}");
    // The reader is gone (as `| head -1` goes).
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}: {}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn cluster_filter_merge_pass_joins_split_stories_and_keeps_input_order() {
    // A join threshold no pair reaches splits every report into its own story; the merge pass
    // (every 64 arrivals) must join reports of the same event, never the two events.
    let flood = "The river Elbe burst its banks in Dresden, flooding the old town and forcing residents to leave.";
    let shares =
        "Shares in the carmaker rose sharply after strong quarterly sales in China, analysts said.";
    let input: String = (0..64)
        .map(|i| {
            let (event, text) = if i % 2 == 0 { ("flood", flood) } else { ("shares", shares) };
            format!(
                "{}\n",
                serde_json::json!({"id": format!("{event}-{i}"), "text": format!("{text} Report number {i}."), "published": "2026-05-04"})
            )
        })
        .collect();
    let run = |merge: &str| {
        let out = concord_stdin(
            &["cluster", "--threshold", "1.1", "--merge-similarity", merge],
            &input,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        story_rows(&out)
    };
    let stories = |rows: &[(String, String)]| {
        rows.iter()
            .map(|(_, s)| s.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let split = run("2");
    assert_eq!(stories(&split), 64);
    let merged = run("0.5");
    let ids: Vec<&str> = merged.iter().map(|(id, _)| id.as_str()).collect();
    let expected: Vec<&str> = split.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, expected, "input order");
    assert!(stories(&merged) < 64, "the pass merged nothing");
    for (event, other) in [("flood", "shares"), ("shares", "flood")] {
        for (id, story) in merged.iter().filter(|(id, _)| id.starts_with(event)) {
            assert!(
                merged
                    .iter()
                    .all(|(o, s)| !(o.starts_with(other) && s == story)),
                "{id} shares story {story} with a {other} report"
            );
        }
    }
}

#[test]
fn summarize_filter_respects_the_word_budget_and_cites() {
    let story = serde_json::json!({"id": "st1", "docs": [
        {"id": "d1", "text": "Engineers restored power to 80,000 homes in Porto on Sunday after a storm knocked down lines. The utility said repairs would take a week. Schools stayed closed."},
        {"id": "d2", "text": "Power was restored to 80,000 homes in Porto on Sunday after a storm knocked down lines, the utility said. Trains were delayed."}
    ]});
    let out = concord_stdin(
        &["summarize", "--words", "25"],
        &format!("{story}\n{{\"id\":\"bad\"}}\n"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(":2: story `bad`: missing `docs`"),
        "{}",
        stderr(&out)
    );
    let row: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(row["id"], "st1");
    let summary = row["summary"].as_str().unwrap();
    assert!(summary.split_whitespace().count() <= 25, "{summary}");
    let sentences = row["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    assert!(
        sentences
            .iter()
            .any(|s| s["sources"].as_array().unwrap().len() == 2),
        "{sentences:#?}"
    );
}

#[test]
fn reuse_filter_finds_wire_copy_across_unrelated_stories() {
    // A news agency's paragraph on a grain deal turns up inside a port story and a farming
    // story of two other outlets; a fourth article shares nothing.
    let wire = "The agreement allows ships carrying grain to leave three Black Sea ports under inspection, and will be reviewed every 120 days by a joint coordination centre in Istanbul.";
    let lines = [
        serde_json::json!({"id": "agency-1", "outlet": "Agency", "published": "2026-05-02T08:00:00Z",
            "text": format!("Negotiators signed the grain deal late on Friday. {wire}")}),
        serde_json::json!({"id": "port-7", "outlet": "Harbour Times", "published": "2026-05-03",
            "text": format!("Dock workers in Rotterdam expect busier weeks. {wire} Freight rates fell on the news.")}),
        serde_json::json!({"id": "farm-3", "outlet": "Farm Weekly", "published": "2026-05-04",
            "text": format!("Wheat growers welcomed lower prices for feed. {} Some feared cheaper imports.", wire.replace("every 120 days", "every four months"))}),
        serde_json::json!({"id": "other", "outlet": "City Post",
            "text": "The city council approved a new cycling lane along the river on Monday."}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = concord_stdin(&["reuse"], &format!("{input}not json\n"));
    assert_eq!(
        out.status.code(),
        Some(2),
        "the bad line is named: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(":5:"), "{}", stderr(&out));
    let passages: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(passages.len(), 1, "{passages:#?}");
    let p = &passages[0];
    assert_eq!(p["origin"], "agency-1");
    assert!(
        p["text"]
            .as_str()
            .unwrap()
            .contains("joint coordination centre")
    );
    let mut ids: Vec<&str> = p["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["agency-1", "farm-3", "port-7"]);
}

#[test]
fn search_filters_by_outlet_dates_and_entity() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(
        concord(&db, &["ingest", examples().to_str().unwrap()])
            .status
            .success()
    );
    let found = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json", "--limit", "50"]);
        let out = concord(&db, &all);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut ids = ids(&json(&out)["results"]);
        ids.sort();
        ids
    };
    // "earthquake" is in all three Peru reports; the outlet filter ignores case.
    assert_eq!(
        found(&["earthquake"]),
        ["andes-daily-1", "andes-radio-1", "andes-wire-1"]
    );
    assert_eq!(
        found(&["earthquake", "--outlet", "lima daily post"]),
        ["andes-daily-1"]
    );
    // A day-only --to covers that whole day; --from starts at its midnight.
    assert_eq!(
        found(&["earthquake", "--to", "2026-03-14"]),
        ["andes-daily-1", "andes-wire-1"]
    );
    assert_eq!(
        found(&["earthquake", "--from", "2026-03-15"]),
        ["andes-radio-1"]
    );
    // No words: everything the filters let through.
    assert_eq!(
        found(&["--from", "2026-09-01"]),
        ["lander-herald-1", "lander-science-1"]
    );
    // Articles that name a person of their story, by any part of the name.
    let kjaer = found(&["--entity", "kjaer"]);
    assert!(
        !kjaer.is_empty() && kjaer.iter().all(|id| id.starts_with("lander-")),
        "{kjaer:?}"
    );
    assert!(found(&["earthquake", "--entity", "Ida Kjaer"]).is_empty());
    // A limit above the entity filter's candidate cap still answers.
    let big = concord(&db, &["search", "--entity", "kjaer", "--limit", "5000"]);
    assert!(big.status.success(), "{}", stderr(&big));
    let bad = concord(&db, &["search", "earthquake", "--from", "last tuesday"]);
    assert_eq!(bad.status.code(), Some(2), "a bad date is a usage error");
}

#[test]
fn analyze_filter_gives_char_offsets() {
    let text = "Zoë Müller arrived in Zürich on Sept. 17. She met the U.S. envoy.";
    let out = concord_stdin(
        &["analyze"],
        &format!("{}\n", serde_json::json!({"id": "z", "text": text})),
    );
    assert!(out.status.success());
    let row: Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let sentences = row["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    for s in sentences {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            s["text"].as_str().unwrap()
        );
    }
}

/// One HTTP/1.1 GET over a plain socket: status code and body.
#[test]
fn serve_answers_the_api_over_http_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = concord(&db, &["ingest", examples().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_server, addr) = common::serve(&db, &[]);
    assert!(addr.starts_with("127.0.0.1:"), "loopback: {addr}");

    let (status, body) = common::http_get(&addr, "/api/stories");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"stories\"") && body.contains("\"summary\""));
    let (status, body) = common::http_get(&addr, "/api/search?q=lander");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("\"results\"") && body.contains("\"story\""),
        "{body}"
    );
    let (status, body) = common::http_get(&addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Stories</h1>"));
    let (status, _) = common::http_get(&addr, "/api/stories/no-such-story");
    assert_eq!(status, 404);
}

#[test]
fn serve_refuses_a_memory_store() {
    let out = concord(Path::new(":memory:"), &["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs a store file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cluster_filter_decides_the_same_with_any_number_of_analysis_threads() {
    // Analysis runs ahead on worker threads; decisions must still follow input order exactly.
    let mut input = String::new();
    for f in std::fs::read_dir(examples()).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "jsonl") {
            input.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    let input = input.repeat(5); // the same ids again: each line is still decided on its own
    let one = concord_stdin(&["cluster", "--jobs", "1"], &input);
    let many = concord_stdin(&["cluster", "--jobs", "4"], &input);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&many.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&one.stdout).lines().count(),
        input.lines().filter(|l| !l.trim().is_empty()).count()
    );
}

#[test]
fn compare_finds_the_press_office_statements_the_seeds_share() {
    let Some(seeds) = shared("seeds") else {
        return;
    };
    let mut docs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in &names {
        docs.push(serde_json::json!({
            "id": p.file_stem().unwrap().to_str().unwrap(),
            "text": std::fs::read_to_string(p).unwrap(),
        }));
    }
    let ids: Vec<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let line = serde_json::json!({"id": "seeds", "docs": docs}).to_string();
    let out = concord_stdin(&["compare"], &format!("{line}\n"));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let passages = v["shared_passages"].as_array().unwrap();
    for statement in [
        "Operation Northern Shield",
        "the tunnels threat",
        "security delegations from the two countries will meet soon",
        "Iranian and Hezbollah aggression",
    ] {
        let p = passages
            .iter()
            .find(|p| p["text"].as_str().unwrap().contains(statement))
            .unwrap_or_else(|| panic!("no shared passage holds {statement:?}: {v:#}"));
        let holders: Vec<&str> = p["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert_eq!(holders, ids, "{statement:?} is attributed to both seeds");
        // Offsets point at the statement in each seed (characters, not bytes).
        for a in p["articles"].as_array().unwrap() {
            let path = names
                .iter()
                .find(|n| n.file_stem().unwrap() == a["id"].as_str().unwrap())
                .unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            let span: String = text.chars().skip(s).take(e - s).collect();
            assert!(span.contains(statement), "{span:?}");
        }
    }
    // The quotes carry their speakers, by full name and nothing more (the ambassador's post,
    // "to Moscow", is not part of it).
    let quotes = v["quotes"].as_array().unwrap();
    for (words, speaker) in [
        ("a good phase", "Gary Koren"),
        ("never will target the Russian military", "Gary Koren"),
        ("good and to the point", "Benjamin Netanyahu"),
    ] {
        let q = quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no quote holds {words:?}: {quotes:#?}"));
        let who = q["speaker"].as_str().unwrap_or("");
        assert_eq!(who, speaker, "{words:?}");
    }
    // The people, places and organisations involved, merged ("Netanyahu" is Benjamin Netanyahu).
    let entities = v["entities"].as_array().unwrap();
    let typed = |name: &str| {
        entities
            .iter()
            .find(|e| e["name"].as_str().unwrap().contains(name))
            .map(|e| e["type"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no entity {name:?}: {entities:#?}"))
    };
    for person in ["Putin", "Netanyahu", "Koren"] {
        assert_eq!(typed(person), "person", "{person}");
    }
    for place in ["Israel", "Russia", "Syria", "Iran", "Lebanon"] {
        assert_eq!(typed(place), "place", "{place}");
    }
    typed("Hezbollah");
    assert_eq!(
        entities
            .iter()
            .filter(|e| e["name"].as_str().unwrap().contains("Netanyahu"))
            .count(),
        1,
        "one Netanyahu, merged"
    );
}

/// A seed republished by a second outlet with a line added and a few words changed.
fn syndicated_copy(original: &str) -> String {
    let body = original
        .replacen(" said", " stated", 2)
        .replacen(" the ", " a ", 1);
    format!(
        "{body}\n\nThis report was republished from a partner outlet under a content-sharing agreement.\n"
    )
}

#[test]
fn a_syndicated_copy_of_a_seed_is_linked_to_its_original() {
    let Some(seeds) = shared("seeds") else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let mut originals: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    originals.sort();
    for p in &originals {
        std::fs::copy(p, input.join(p.file_name().unwrap())).unwrap();
    }
    let first = std::fs::read_to_string(&originals[0]).unwrap();
    std::fs::write(input.join("zz-republished.txt"), syndicated_copy(&first)).unwrap();
    let db = dir.path().join("c.db");
    let out = concord(&db, &["ingest", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 near duplicates"),
        "{}",
        stderr(&out)
    );
    let v = json(&concord(&db, &["stories", "--format", "json"]));
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(
        stories.len(),
        1,
        "the copy joins its original's story: {v:#}"
    );
    let first_id = originals[0].file_stem().unwrap().to_str().unwrap();
    for a in stories[0]["articles"].as_array().unwrap() {
        let expected = (a["id"] == "zz-republished").then_some(first_id);
        assert_eq!(a["duplicate_of"].as_str(), expected, "{a}");
    }
}

#[test]
fn extract_prints_one_line_per_page_and_names_the_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..6)
        .map(|i| format!("<p>Paragraph {i} of the report says the bridge reopened on Friday after repairs to its deck and railings.</p>"))
        .collect();
    std::fs::write(
        dir.path().join("bridge.html"),
        format!(
            "<html lang=\"en\"><head><title>Bridge reopens</title>\
             <meta property=\"article:published_time\" content=\"2026-04-03T09:00:00Z\">\
             <meta name=\"author\" content=\"Ann Lee\"><meta property=\"og:site_name\" content=\"Town Crier\">\
             <link rel=\"canonical\" href=\"https://crier.example/bridge\"></head>\
             <body><article><h1>Bridge reopens</h1>{body}</article></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.html"), "plain words, no markup").unwrap();
    let out = concord(
        &dir.path().join("unused.db"),
        &["extract", dir.path().to_str().unwrap(), "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("notes.html") && stderr(&out).contains("not an HTML page"));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let p = &lines[0];
    assert_eq!(p["id"], "bridge");
    assert_eq!(p["url"], "https://crier.example/bridge");
    assert_eq!(p["title"], "Bridge reopens");
    assert_eq!(p["published"], "2026-04-03T09:00:00Z");
    assert_eq!(p["authors"], serde_json::json!(["Ann Lee"]));
    assert_eq!(p["outlet"], "Town Crier");
    assert_eq!(p["language"], "en");
    assert!(
        p["text"]
            .as_str()
            .unwrap()
            .contains("Paragraph 5 of the report")
    );
}

#[test]
fn extraction_reaches_the_benchmark_bar_on_the_dev_pages() {
    let Some(pages) = shared("data/extraction/aeb-dev") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let out = concord(
        &dir.path().join("unused.db"),
        &[
            "extract",
            pages.join("html").to_str().unwrap(),
            "--output",
            pred.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let scorer = pages.join("../../../tools/extraction_eval.py");
    let Ok(score) = Command::new("python3")
        .arg(&scorer)
        .arg(pages.join("ground-truth.json"))
        .arg(&pred)
        .output()
    else {
        eprintln!("SKIPPED: python3 not available to run {}", scorer.display());
        return;
    };
    let text = String::from_utf8_lossy(&score.stdout);
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let f1 = last["f1"].as_f64().unwrap();
    assert_eq!(last["missing"], 0, "{text}");
    // rs-trafilatura alone scores 0.956 here; concord's furniture removal must not lose ground.
    assert!(f1 >= 0.96, "extraction F1 {f1} fell: {text}");
}

/// A local news site for `concord watch`: an RSS feed of teasers with an ETag, the full pages
/// they link to, and a URL that never answers. Records each request's path and If-None-Match.
fn news_site() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::{Arc, Mutex};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let (site, seen) = (base.clone(), log.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (site, seen) = (site.clone(), seen.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut etag = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap() == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                        etag = v.trim().to_string();
                    }
                }
                seen.lock().unwrap().push(format!("{path} {etag}"));
                let page = |title: &str, place: &str| {
                    let paras: String = (0..5)
                        .map(|i| format!("<p>Part {i}: crews in {place} worked through the night to clear the {title} site, officials said on Tuesday, and roads would reopen by the weekend.</p>"))
                        .collect();
                    format!(
                        "<html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"
                    )
                };
                let (status, ctype, body) = match path.as_str() {
                    "/feed.rss" if etag == "\"v1\"" => {
                        ("304 Not Modified", "application/rss+xml", String::new())
                    }
                    "/feed.rss" => (
                        "200 OK",
                        "application/rss+xml",
                        format!(
                            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Courier</title>\
                         <link>{site}/</link><description>News</description>\
                         <item><title>Landslide blocks mountain road</title><link>{site}/a1</link><guid>{site}/a1</guid>\
                         <pubDate>Tue, 07 Apr 2026 08:00:00 GMT</pubDate><description>Crews are at work.</description></item>\
                         <item><title>Bridge inspection finds rust</title><link>{site}/a2</link><guid>{site}/a2</guid>\
                         <pubDate>Tue, 07 Apr 2026 09:30:00 GMT</pubDate><description>Engineers report.</description></item>\
                         </channel></rss>"
                        ),
                    ),
                    "/a1" => ("200 OK", "text/html", page("landslide", "Altavista")),
                    "/a2" => ("200 OK", "text/html", page("bridge", "Riverton")),
                    "/slow" => {
                        std::thread::sleep(std::time::Duration::from_secs(5));
                        ("200 OK", "text/plain", String::new())
                    }
                    _ => ("404 Not Found", "text/plain", "no".to_string()),
                };
                let etag_header = if path == "/feed.rss" {
                    "ETag: \"v1\"\r\n"
                } else {
                    ""
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{etag_header}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (base, log)
}

#[test]
fn watch_ingests_new_feed_items_with_their_full_pages_and_asks_only_for_changes() {
    let (site, log) = news_site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let feed = format!("{site}/feed.rss");
    let out = concord(&db, &["watch", &feed, "--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 new items, 2 stored"),
        "{}",
        stderr(&out)
    );
    for (path, title, published, place) in [
        (
            "/a1",
            "Landslide blocks mountain road",
            "2026-04-07T08:00:00Z",
            "Altavista",
        ),
        (
            "/a2",
            "Bridge inspection finds rust",
            "2026-04-07T09:30:00Z",
            "Riverton",
        ),
    ] {
        let id = format!("{site}{path}");
        let out = concord(&db, &["search", place, "--format", "json"]);
        let v = json(&out);
        let hit = v["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} found by its page text: {v:#}"));
        assert_eq!(hit["title"], title, "{hit}");
        assert_eq!(hit["published"], published, "{hit}");
        assert_eq!(hit["url"], id.as_str(), "{hit}");
    }
    // The second poll sends the ETag back, gets 304, and fetches no page again.
    let before = log.lock().unwrap().len();
    let out = concord(&db, &["watch", &feed, "--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("not modified"), "{}", stderr(&out));
    let requests: Vec<String> = log.lock().unwrap()[before..].to_vec();
    assert_eq!(requests, vec!["/feed.rss \"v1\"".to_string()]);

    // A feed that does not answer in time is named; the others are still polled.
    let out = concord(
        &db,
        &[
            "watch",
            &format!("{site}/slow"),
            &format!("{site}/nothing"),
            &feed,
            "--once",
            "--timeout",
            "1s",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("/slow: timed out"), "{err}");
    assert!(err.contains("/nothing: HTTP status 404"), "{err}");
    assert!(err.contains("feed.rss: not modified"), "{err}");
}

#[test]
fn an_atom_feed_and_a_warc_archive_are_stored_with_titles_dates_and_urls() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let para = |i: usize| {
        format!(
            "Part {i}: the council of Lowmoor voted on Thursday to close the old ferry landing after \
             inspectors found the timber piles had rotted through, and a temporary pontoon will open next month."
        )
    };
    let body: String = (0..4).map(|i| format!("<p>{}</p>", para(i))).collect();
    std::fs::write(
        input.join("courier.atom"),
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>Lowmoor Courier</title><id>urn:courier</id><updated>2026-05-08T10:00:00Z</updated>
            <entry><title>Ferry landing to close</title><id>urn:courier:ferry</id>
            <link href="https://courier.example/ferry"/><published>2026-05-07T18:00:00Z</published>
            <updated>2026-05-07T18:00:00Z</updated><content type="html">{}</content></entry></feed>"#,
            body.replace('<', "&lt;").replace('>', "&gt;")
        ),
    )
    .unwrap();
    let html = format!(
        "<html lang=\"en\"><head><title>Council shuts ferry landing</title>\
         <meta property=\"article:published_time\" content=\"2026-05-07T20:00:00Z\"></head>\
         <body><article><h1>Council shuts ferry landing</h1>{body}</article></body></html>"
    );
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let uri = "https://gazette.example/news/ferry";
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2026-05-08T00:00:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n{response}\r\n\r\n",
        response.len()
    );
    std::fs::write(input.join("crawl.warc"), record).unwrap();
    let db = dir.path().join("c.db");
    let out = concord(&db, &["ingest", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&concord(&db, &["search", "Lowmoor", "--format", "json"]));
    let mut hits: Vec<(String, String, String, String)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("title"), s("published"), s("url"))
        })
        .collect();
    hits.sort();
    assert_eq!(
        hits,
        vec![
            (
                uri.to_string(),
                "Council shuts ferry landing".to_string(),
                "2026-05-07T20:00:00Z".to_string(),
                uri.to_string()
            ),
            (
                "urn:courier:ferry".to_string(),
                "Ferry landing to close".to_string(),
                "2026-05-07T18:00:00Z".to_string(),
                "https://courier.example/ferry".to_string()
            ),
        ]
    );
}

#[test]
fn story_shows_the_survivor_for_the_id_of_a_merged_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = concord(&db, &["ingest", examples().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&concord(&db, &["stories", "--format", "json"]));
    let ids: Vec<String> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let (from, into) = (&ids[1], &ids[0]);
    // The merge pass's effect on the store, applied directly.
    {
        use concord_store::Store;
        let mut store = concord_store::SqliteStore::open(&db).unwrap();
        store.write(&mut |tx| tx.merge_story(from, into)).unwrap();
    }
    let out = concord(&db, &["story", from, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("story {from} was merged into story {into}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["id"], into.as_str());
    let missing = concord(&db, &["story", "s-nope"]);
    assert_eq!(missing.status.code(), Some(1));
}
