//! A real browser on the seeds' story page: headless Debian Chromium driven through
//! chromedriver (WebDriver, fantoccini). It checks what a reader sees — the summary's citation
//! chips name both outlets, the press office's shared passage is highlighted in both sources —
//! and saves a screenshot (`target/tmp/seeds-story.png`, or `$CONCORD_SCREENSHOT_DIR`); then, at
//! a phone's width (390 CSS pixels), that no page scrolls sideways (`seeds-story-phone.png`).
//!
//! Needs `chromium` and `chromedriver` on PATH (`.ci/run` installs Debian's) and ../shared/seeds;
//! where either is missing it prints SKIPPED and passes.

mod common;

use common::Kill;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> Option<PathBuf> {
    let base = std::env::var_os("CONCORD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    let p = base.join("seeds");
    p.exists().then_some(p)
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread")]
async fn seeds_story_page_in_a_real_browser() {
    let Some(seeds) = seeds() else {
        eprintln!("SKIPPED: ../shared/seeds not found (set CONCORD_SHARED)");
        return;
    };
    let (Some(chromium), Some(chromedriver)) = (on_path("chromium"), on_path("chromedriver"))
    else {
        eprintln!(
            "SKIPPED: chromium and chromedriver are not on PATH (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let concord = env!("CARGO_BIN_EXE_concord");
    // The seeds, and an article whose title, outlet and body carry script and markup payloads.
    let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let evil = dir.path().join("evil.jsonl");
    std::fs::write(
        &evil,
        format!(
            "{}\n",
            serde_json::json!({"id": "evil", "outlet": payload, "title": payload,
                "text": format!("A blog wrote about the weather {payload} in the valley today.")})
        ),
    )
    .unwrap();
    let out = Command::new(concord)
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&seeds)
        .arg(&evil)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(concord)
        .arg("--db")
        .arg(&db)
        .args(["stories", "--format", "json"])
        .output()
        .unwrap();
    let stories: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = stories["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"].as_str().unwrap_or("").contains("Netanyahu"))
        .expect("the seeds' story")["id"]
        .as_str()
        .unwrap()
        .to_string();

    let (_server, addr) = common::serve(&db, &[]);

    let port = free_port();
    let _driver = Kill(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2400"]
        }),
    );
    // chromedriver takes a moment to listen.
    let mut client = None;
    for _ in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match fantoccini::ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
        }
    }
    let client = client.expect("chromedriver starts a Chromium session");
    let result = async {
        // A fresh headless Chromium under load has been seen to report an empty title for the
        // first navigation (the page not loaded yet); the page is asked for again then, and
        // the assertions below are unchanged.
        let mut title = String::new();
        for _ in 0..20 {
            client
                .goto(&format!("http://{addr}/stories/{story}"))
                .await?;
            title = client.title().await?;
            if !title.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert!(title.contains("Netanyahu"), "{title:?}");
        // Citation chips: some summary sentence is cited by both outlets.
        let items = client
            .find_all(fantoccini::Locator::Css("ul.summary li"))
            .await?;
        assert!(!items.is_empty());
        let mut cited_by_two = 0;
        for li in &items {
            let chips = li.find_all(fantoccini::Locator::Css("a.cite")).await?;
            if chips.len() >= 2 {
                cited_by_two += 1;
            }
        }
        assert!(
            cited_by_two >= 1,
            "no summary sentence shows two citation chips"
        );
        // The press office's passage, highlighted in both sources and visibly so.
        let marks = client
            .find_all(fantoccini::Locator::Css(".sources mark.shared"))
            .await?;
        let mut tunnel_marks = 0;
        for m in &marks {
            if m.text().await?.contains("tunnels threat") {
                tunnel_marks += 1;
                let bg = m.css_value("background-color").await?;
                assert!(
                    !bg.contains("rgba(0, 0, 0, 0)") && bg != "transparent",
                    "highlight has a background: {bg}"
                );
            }
        }
        assert!(
            tunnel_marks >= 2,
            "the tunnels-threat passage is highlighted in both seeds ({tunnel_marks})"
        );
        // Search for "tunnels" finds the seeds; the Markdown export and every page show the
        // payload as text, never as markup.
        client
            .goto(&format!("http://{addr}/search?q=tunnels"))
            .await?;
        let results = client
            .find_all(fantoccini::Locator::Css("ol.stories li"))
            .await?;
        assert!(!results.is_empty(), "search finds the seeds");
        for page in ["/", "/search?q=weather", "/articles/evil"] {
            client.goto(&format!("http://{addr}{page}")).await?;
            let injected = client
                .find_all(fantoccini::Locator::Css("main script, main img"))
                .await?;
            assert!(injected.is_empty(), "{page}: the payload became markup");
            let shown = client.source().await?;
            assert!(
                shown.contains("&lt;script&gt;"),
                "{page}: the payload is shown as text"
            );
        }
        // A browser downloads the Markdown export; read it as a program would.
        let (status, md) = common::http_get(&addr, &format!("/api/stories/{story}.md"));
        assert_eq!(status, 200);
        assert!(md.contains("# Netanyahu"), "the Markdown export: {md}");
        client
            .goto(&format!("http://{addr}/stories/{story}"))
            .await?;
        let png = client.screenshot().await?;
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        let out_dir = std::env::var_os("CONCORD_SCREENSHOT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
        std::fs::create_dir_all(&out_dir).unwrap();
        let path = out_dir.join("seeds-story.png");
        std::fs::write(&path, &png).unwrap();
        eprintln!("screenshot: {}", path.display());
        // Readable on a phone: at 390 CSS pixels no page scrolls sideways.
        client.set_window_size(390, 844).await?;
        for page in [
            "/".to_string(),
            format!("/stories/{story}"),
            "/articles/evil".to_string(),
            "/search?q=tunnels".to_string(),
        ] {
            client.goto(&format!("http://{addr}{page}")).await?;
            let widths = client
                .execute(
                    "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];",
                    vec![],
                )
                .await?;
            let (scroll, client_width) = (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap());
            assert!(
                client_width <= 400.0 && scroll <= client_width + 1.0,
                "{page} at phone width: {scroll} px of content in a {client_width} px viewport"
            );
        }
        client
            .goto(&format!("http://{addr}/stories/{story}"))
            .await?;
        std::fs::write(
            out_dir.join("seeds-story-phone.png"),
            client.screenshot().await?,
        )
        .unwrap();
        Ok::<(), fantoccini::error::CmdError>(())
    }
    .await;
    let _ = client.close().await;
    result.expect("browser commands succeed");
}
