//! The API and pages over a real store filled through the engine, requests sent in process.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use concord_core::{Article, Published};
use concord_engine::{Engine, Settings};
use concord_ingest::Location;
use concord_store::SqliteStore;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

const PAYLOAD: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

fn article(id: &str, outlet: &str, title: &str, text: &str) -> Article {
    Article {
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        published: Published::parse("2026-03-02").ok(),
        ..Article::new(id, text)
    }
}

fn filled_store(dir: &Path) -> PathBuf {
    let db = dir.join("concord.db");
    let mut engine = Engine::new(SqliteStore::open(&db).unwrap(), Settings::default());
    let body = "Floodwaters breached the levee at Northbridge on Monday, forcing 2,000 residents \
                from their homes. The regional authority said pumps were running through the night. \
                \"We will rebuild the embankment before winter,\" mayor Ana Duarte said.";
    let articles = vec![
        article(
            "river-1",
            "Valley Post",
            "Levee breaks at Northbridge",
            body,
        ),
        article(
            "river-2",
            "Coast Herald",
            "Northbridge levee fails, thousands leave",
            &format!("{body} Schools in the district stayed closed. Two people were killed."),
        ),
        article(
            "evil",
            PAYLOAD,
            PAYLOAD,
            &format!("Floodwaters at Northbridge {PAYLOAD} were reported by a blog."),
        ),
    ];
    let loc = Location {
        path: "test".into(),
        line: None,
    };
    let report = engine
        .ingest_articles(
            articles.into_iter().map(|a| (a, loc.clone())).collect(),
            &mut |r| panic!("rejected {r}"),
        )
        .unwrap();
    assert_eq!(report.stored, 3);
    db
}

/// Ingests one more article into the store at `db`, as another process would.
fn ingest_later(db: &Path, a: Article) -> Engine<SqliteStore> {
    let mut engine = Engine::new(SqliteStore::open(db).unwrap(), Settings::default());
    let loc = Location {
        path: "later".into(),
        line: None,
    };
    let report = engine
        .ingest_articles(vec![(a, loc)], &mut |r| panic!("rejected {r}"))
        .unwrap();
    assert_eq!(report.stored, 1);
    engine
}

fn app(db: &Path) -> axum::Router {
    app_with_token(db, None)
}

fn app_with_token(db: &Path, token: Option<&str>) -> axum::Router {
    let index = concord_index::sync::open_for_store(db).unwrap();
    let path = db.to_path_buf();
    concord_serve::router(concord_serve::AppState::with_ingest(
        Box::new(move || SqliteStore::open(&path)),
        index,
        token.map(str::to_string),
    ))
}

async fn post(
    app: &axum::Router,
    uri: &str,
    auth: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let mut req = Request::post(uri);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = to_bytes(res.into_body(), 1 << 24).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn ingest_endpoint_needs_a_configured_token_and_stores_what_it_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let line = |id: &str, text: &str| {
        serde_json::json!({"id": id, "outlet": "Delta News", "published": "2026-03-03", "text": text})
            .to_string()
    };
    let body = format!(
        "{}\n{}\n{{\"id\":\"no-text\"}}\n",
        line(
            "delta-1",
            "Engineers began sealing the breached levee at Northbridge with sandbags and gravel on Tuesday."
        ),
        line(
            "delta-2",
            "The glacier above Lowmoor lost forty metres of ice this summer, surveyors said."
        ),
    );
    // Off unless a token is configured, whatever the request carries.
    let off = app(&db);
    let (status, v) = post(
        &off,
        "/api/articles",
        Some("Bearer x"),
        body.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    let on = app_with_token(&db, Some("s3cret-token"));
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("s3cret-token"),
        Some("Bearer s3cret-tokenX"),
    ] {
        let (status, v) = post(&on, "/api/articles", auth, body.clone().into_bytes()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}: {v}");
    }
    let (_, before) = get_json(&on, "/api/search?q=sandbags").await;
    assert!(before["results"].as_array().unwrap().is_empty());
    let (status, v) = post(
        &on,
        "/api/articles",
        Some("Bearer s3cret-token"),
        body.into_bytes(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "one line is rejected: {v}"
    );
    let v: Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["stored"], 2, "{v}");
    assert_eq!(v["rejected"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["rejected"][0]["line"], 3, "{v}");
    // Stored, clustered and searchable at once: the levee report joins the levee story.
    let (_, found) = get_json(&on, "/api/search?q=sandbags").await;
    assert_eq!(found["results"][0]["id"], "delta-1", "{found}");
    let (_, river) = get_json(&on, "/api/articles/river-1").await;
    assert_eq!(found["results"][0]["story"], river["story"], "{found}");
    // Bodies over the limit are refused before they are read.
    let big = vec![b' '; concord_serve::MAX_INGEST_BYTES + 1];
    let (status, _) = post(&on, "/api/articles", Some("Bearer s3cret-token"), big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn ingest_endpoint_clusters_with_the_store_settings_made_while_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let on = app_with_token(&db, Some("t"));
    let report = |id: &str| {
        serde_json::json!({"id": id, "outlet": "Delta News", "published": "2026-03-03",
            "text": "Engineers began sealing the breached levee at Northbridge with sandbags and gravel on Tuesday."})
            .to_string()
            .into_bytes()
    };
    let story_of = |v: &Value| v["story"].as_str().unwrap().to_string();
    let (status, v) = post(&on, "/api/articles", Some("Bearer t"), report("delta-1")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (_, river) = get_json(&on, "/api/articles/river-1").await;
    let (_, first) = get_json(&on, "/api/articles/delta-1").await;
    assert_eq!(
        story_of(&first),
        story_of(&river),
        "joins with the defaults"
    );
    // `concord config` from another process while the server runs: nothing may join.
    let mut settings = concord_engine::ClusterSettings::default();
    settings.config.insert("threshold".into(), 1.1.into());
    settings
        .config
        .insert("merge_similarity".into(), 2.0.into());
    settings.save(&mut SqliteStore::open(&db).unwrap()).unwrap();
    let mut second = report("delta-2");
    // Another wording, so that it is no near copy following its original.
    second = String::from_utf8(second)
        .unwrap()
        .replace("Engineers began sealing", "Crews started to seal")
        .replace("on Tuesday", "through Tuesday night")
        .into_bytes();
    let (status, v) = post(&on, "/api/articles", Some("Bearer t"), second).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (_, later) = get_json(&on, "/api/articles/delta-2").await;
    assert_ne!(story_of(&later), story_of(&river), "{later}");
    assert_ne!(story_of(&later), story_of(&first), "{later}");
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = to_bytes(res.into_body(), 1 << 24).await.unwrap();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

async fn get_json(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (status, ctype, body) = get(app, uri).await;
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn json_api_answers_stories_articles_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);

    let (status, v) = get_json(&app, "/api/stories").await;
    assert_eq!(status, StatusCode::OK);
    let stories = v["stories"].as_array().unwrap();
    let levee = stories
        .iter()
        .find(|s| s["articles"].as_array().unwrap().len() >= 2)
        .expect("the two levee reports form one story");
    let id = levee["id"].as_str().unwrap();
    let ids: Vec<&str> = levee["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"river-1") && ids.contains(&"river-2"),
        "{ids:?}"
    );
    assert_eq!(levee["article_count"], ids.len());
    assert!(
        levee["outlets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "Coast Herald"),
        "{levee}"
    );
    assert!(!levee["coverage"].as_array().unwrap().is_empty(), "{levee}");
    assert!(
        levee["summary"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["sources"].as_array().unwrap().len() >= 2),
        "a summary sentence cites both reports: {levee}"
    );

    let (status, one) = get_json(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["id"], id);

    // Exports: the same story as a JSON file and as Markdown; the list as CSV.
    let (status, file) = get_json(&app, &format!("/api/stories/{id}.json")).await;
    assert_eq!((status, &file), (StatusCode::OK, &one));
    let (status, ctype, md) = get(&app, &format!("/api/stories/{id}.md")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/markdown"), "{ctype}");
    assert!(md.starts_with("# ") && md.contains("## Summary"), "{md}");
    assert!(md.contains(&format!("`{}`", ids[0])), "{md}");
    let (status, ctype, csv) = get(&app, "/api/stories.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,title,articles,outlets,first,last,conflicts,summary")
    );
    assert_eq!(lines.clone().count(), stories.len(), "{csv}");
    assert!(csv.contains(&format!("{id},")), "{csv}");
    let (status, _, _) = get(&app, "/api/stories/nope.md").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Story filters: by an article's outlet (any case) and dates; a bad date is a 400.
    let (status, coast) = get_json(&app, "/api/stories?outlet=coast%20HERALD").await;
    assert_eq!(status, StatusCode::OK);
    let coast = coast["stories"].as_array().unwrap();
    assert_eq!(coast.len(), 1, "{coast:?}");
    assert_eq!(coast[0]["id"], id);
    let (_, later) = get_json(&app, "/api/stories?from=2026-03-03").await;
    assert!(later["stories"].as_array().unwrap().is_empty(), "{later}");
    let (_, that_day) = get_json(&app, "/api/stories?from=2026-03-02&to=2026-03-02").await;
    assert_eq!(that_day["stories"].as_array().unwrap().len(), stories.len());
    let (status, _) = get_json(&app, "/api/stories?to=soon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, page) = get_json(&app, "/api/stories?limit=1&offset=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page["stories"].as_array().unwrap().len(),
        stories.len().min(2) - 1
    );

    let (status, a) = get_json(&app, "/api/articles/river-2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(a["outlet"], "Coast Herald");
    assert_eq!(a["story"], id);
    assert!(!a["sentences"].as_array().unwrap().is_empty());

    let (status, found) = get_json(&app, "/api/search?q=embankment").await;
    assert_eq!(status, StatusCode::OK);
    let hits: Vec<&str> = found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(hits.len(), 2, "{found}");
    assert!(found["results"][0]["story"].is_string());
    // Filters: the outlet in any case; no words with a filter lists what it lets through.
    let (status, coast) = get_json(&app, "/api/search?q=embankment&outlet=coast%20herald").await;
    assert_eq!(status, StatusCode::OK);
    let coast: Vec<&str> = coast["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(coast, ["river-2"]);
    let (status, listed) = get_json(&app, "/api/search?outlet=Coast%20Herald").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !listed["results"].as_array().unwrap().is_empty(),
        "{listed}"
    );

    for (uri, want) in [
        ("/api/stories/nope", StatusCode::NOT_FOUND),
        ("/api/articles/nope", StatusCode::NOT_FOUND),
        ("/api/search?q=", StatusCode::BAD_REQUEST),
        ("/api/search?q=%22unclosed", StatusCode::OK),
        ("/api/search?q=title:%20AND", StatusCode::OK),
        (
            "/api/search?q=levee&from=yesterday",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, v) = get_json(&app, uri).await;
        assert_eq!(status, want, "{uri}: {v}");
        if want != StatusCode::OK {
            assert!(v["error"].is_string(), "{uri}: {v}");
        }
    }
}

#[tokio::test]
async fn pages_escape_untrusted_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);
    let (_, v) = get_json(&app, "/api/articles/evil").await;
    let story = v["story"].as_str().unwrap().to_string();
    for uri in [
        "/".to_string(),
        format!("/stories/{story}"),
        "/articles/evil".to_string(),
        "/search?q=blog".to_string(),
        format!("/search?q={}", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ] {
        let (status, ctype, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(ctype.starts_with("text/html"), "{uri}: {ctype}");
        assert!(!body.contains("<script"), "{uri} renders a script tag");
        assert!(!body.contains("<img"), "{uri} renders an img tag");
        assert!(
            body.contains("&lt;script&gt;"),
            "{uri} shows the text, escaped"
        );
    }
    let (status, _, body) = get(&app, "/stories/missing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Not found"));
    // The Markdown export escapes markup; the CSV export quotes fields.
    let (status, _, md) = get(&app, &format!("/api/stories/{story}.md")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(md.contains("<script"), "the payload is shown: {md}");
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "every < is escaped: {md}"
    );
    let (_, _, csv) = get(&app, "/api/stories.csv").await;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == 8), "{csv}");
}

#[tokio::test]
async fn search_sees_articles_ingested_after_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);
    let (_, before) = get_json(&app, "/api/search?q=glacier").await;
    assert!(before["results"].as_array().unwrap().is_empty());
    // Another process ingests; it does not touch the server's index.
    ingest_later(
        &db,
        article(
            "ice",
            "Alpine Daily",
            "Glacier retreats",
            "The glacier lost 40 metres.",
        ),
    );
    let (_, after) = get_json(&app, "/api/search?q=glacier").await;
    assert_eq!(after["results"][0]["id"], "ice", "{after}");
}

#[tokio::test]
async fn openapi_describes_routes_that_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);
    let (status, doc) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    let (_, article) = get_json(&app, "/api/articles/river-1").await;
    let story = article["story"].as_str().unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 7, "{paths:?}");
    for (path, ops) in paths {
        let uri = path
            .replace("/api/stories/{id}", &format!("/api/stories/{story}"))
            .replace("/api/articles/{id}", "/api/articles/river-1")
            .replace("/api/search", "/api/search?q=levee");
        if ops.get("get").is_some() {
            let (status, _, body) = get(&app, &uri).await;
            assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
        }
        if ops.get("post").is_some() {
            // Off in this server: the route exists and says so.
            let (status, body) = post(&app, &uri, None, b"{}".to_vec()).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "POST {uri}: {body}");
        }
    }
}

#[tokio::test]
async fn story_page_charts_coverage_and_highlights_what_sources_share() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);
    let (_, a) = get_json(&app, "/api/articles/river-2").await;
    let story = a["story"].as_str().unwrap();
    let (_, v) = get_json(&app, &format!("/api/stories/{story}")).await;
    let coverage = v["coverage"].as_array().unwrap();
    let counted: u64 = coverage
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(
        counted as usize,
        v["articles"].as_array().unwrap().len(),
        "{v}"
    );
    let (status, _, page) = get(&app, &format!("/stories/{story}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg class=\"chart\""), "coverage chart");
    assert!(
        page.contains("<div class=\"sources\">"),
        "sources side by side"
    );
    // The levee reports share their first sentences: highlighted in both columns.
    let shared = page.matches("<mark class=\"shared").count();
    assert!(shared >= 2, "{shared} highlights");
    assert!(
        page.contains("<a href=\"/articles/river-1\">"),
        "links to the article pages"
    );
    // Each source says why it is in the story, in the words it writes.
    assert!(page.contains("founded the story"), "{page}");
    let joined = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["why"]["shared_words"].as_array())
        .find(|w| !w.is_empty())
        .expect("an article that joined");
    assert!(page.contains("joined with probability"), "{page}");
    assert!(page.contains(joined[0].as_str().unwrap()), "{page}");
    // The toll one report gives, with the report.
    assert_eq!(v["figures"][0]["count"], 2, "{v}");
    assert_eq!(v["figures"][0]["sources"][0], "river-2", "{v}");
    assert!(
        page.contains("<h2>Figures as reported</h2><ul class=\"figures\"><li><strong>2 killed</strong> — Two people were killed."),
        "{page}"
    );
    let (status, _, article) = get(&app, "/articles/river-2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(article.contains("<mark class=\"shared"), "{article}");
    assert!(
        article.contains("Schools in the district stayed closed."),
        "{article}"
    );
    let (status, _, list) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        list.contains("<svg class=\"spark\""),
        "sparklines on the list"
    );
    let (status, _, _) = get(&app, "/articles/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_merged_story_redirects_to_the_one_it_joined() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let mut engine = ingest_later(
        &db,
        article(
            "ice",
            "Alpine Daily",
            "Glacier retreats",
            "The glacier lost 40 metres this summer, surveyors said.",
        ),
    );
    use concord_store::Store;
    let from = engine.store.story_of_each(&["ice".into()]).unwrap()[0]
        .clone()
        .unwrap();
    let into = engine.store.story_of_each(&["river-1".into()]).unwrap()[0]
        .clone()
        .unwrap();
    assert_ne!(from, into);
    engine
        .store
        .write(&mut |tx| tx.merge_story(&from, &into))
        .unwrap();
    let app = app(&db);
    for (old, new) in [
        (
            format!("/api/stories/{from}"),
            format!("/api/stories/{into}"),
        ),
        (
            format!("/api/stories/{from}.md"),
            format!("/api/stories/{into}.md"),
        ),
        (
            format!("/api/stories/{from}.json"),
            format!("/api/stories/{into}.json"),
        ),
        (format!("/stories/{from}"), format!("/stories/{into}")),
    ] {
        let res = app
            .clone()
            .oneshot(Request::get(&old).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT, "{old}");
        assert_eq!(res.headers()["location"], new.as_str(), "{old}");
    }
    let (_, survivor) = get_json(&app, &format!("/api/stories/{into}")).await;
    let ids: Vec<&str> = survivor["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ice") && ids.contains(&"river-1"), "{ids:?}");
    let (status, _, _) = get(&app, "/stories/no-such-story").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_story_another_build_derived_is_marked_stale() {
    use concord_store::Store;
    let dir = tempfile::tempdir().unwrap();
    let db = filled_store(dir.path());
    let app = app(&db);
    let (_, river) = get_json(&app, "/api/articles/river-1").await;
    let id = river["story"].as_str().unwrap().to_string();
    // Derived by this build: nothing to say.
    let (_, v) = get_json(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(v["stale"], false, "{v}");
    let (_, _, page) = get(&app, &format!("/stories/{id}")).await;
    assert!(!page.contains("another build"), "{page}");
    let (_, _, list) = get(&app, "/").await;
    assert!(!list.contains("another build"), "{list}");
    // As an older concord left it.
    let mut store = SqliteStore::open(&db).unwrap();
    let old = concord_core::StoryDerived {
        title: "old".into(),
        ..Default::default()
    };
    store
        .write(&mut |tx| tx.set_story_derived(&id, &old, "an older build"))
        .unwrap();
    let (_, v) = get_json(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(v["stale"], true, "{v}");
    let (_, _, page) = get(&app, &format!("/stories/{id}")).await;
    assert!(
        page.contains("This story was derived by another build of concord"),
        "{page}"
    );
    let (_, _, list) = get(&app, "/").await;
    assert!(
        list.contains("1 story was derived by another build of concord"),
        "{list}"
    );
    // Derived again by this build: fresh.
    let mut engine = Engine::new(store, Settings::default());
    engine.rederive(None, &mut |_, _| {}).unwrap();
    let (_, v) = get_json(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(v["stale"], false, "{v}");
}
