//! HTML pages, feeds and WARC archives as a user hands them to concord, including broken ones.

use concord_ingest::{Item, Options, html, read_file};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

const BODY: &str = "<p>The harbour authority said on Tuesday that the northern pier would stay closed \
    for at least three weeks after a cargo ship struck it during a storm on Monday night.</p>\
    <p>Engineers found cracks in two of the pier's supporting columns, the authority's director, \
    Marta Lindqvist, told reporters, adding that ferries would use the southern terminal instead.</p>\
    <p>Nobody was hurt in the collision. The ship, carrying timber, was towed to a repair yard and \
    its crew of fourteen remained on board, the coast guard said.</p>\
    <p>Local businesses warned that the closure would cut visitor numbers during the autumn \
    festival, which usually brings several thousand people to the town each weekend.</p>";

fn page(head: &str, body_extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <title>Storm-damaged pier to stay shut for weeks | Coastal Herald</title>{head}</head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Storm-damaged pier to stay shut for weeks</h1>{body_extra}{BODY}\
         <p>Advertisement</p></article>\
         <footer>Copyright 2026 Coastal Herald. All rights reserved.</footer></body></html>"
    )
}

fn items(path: &Path) -> (Vec<concord_core::Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut rejected = Vec::new();
    read_file(path, &Options::default(), &mut |item| match item {
        Item::Article(a, _) => articles.push(*a),
        Item::Rejected(r) => rejected.push(r.to_string()),
    });
    (articles, rejected)
}

#[test]
fn html_page_gives_body_and_metadata_in_order_of_trust() {
    let head = r#"<link rel="canonical" href="https://herald.example/news/2026/03/10/pier-closed">
        <meta property="og:site_name" content="Coastal Herald">
        <meta property="article:published_time" content="2026-03-09T08:00:00Z">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Storm-damaged pier to stay shut for weeks","datePublished":"2026-03-10T07:30:00+01:00",
          "dateModified":"2026-03-11T09:00:00Z",
          "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
          "publisher":{"@type":"Organization","name":"The Coastal Herald"}}</script>"#;
    let p = html::extract(page(head, "").as_bytes(), None).unwrap();
    assert!(p.text.contains("Marta Lindqvist"), "{}", p.text);
    assert!(p.text.contains("\n\n"), "paragraphs kept apart: {}", p.text);
    assert!(
        !p.text.contains("Advertisement"),
        "furniture removed: {}",
        p.text
    );
    assert!(!p.text.contains("All rights reserved"));
    assert!(!p.text.contains("Home News"));
    assert_eq!(
        p.title.as_deref(),
        Some("Storm-damaged pier to stay shut for weeks")
    );
    // JSON-LD outranks the meta tag, and the modification date is never used.
    assert_eq!(p.published.unwrap().to_string(), "2026-03-10T06:30:00Z");
    assert_eq!(p.published_from, Some("json-ld"));
    assert_eq!(p.authors, ["Ann Lee", "Bo Chen"]);
    assert_eq!(p.outlet.as_deref(), Some("The Coastal Herald"));
    assert_eq!(
        p.url.as_deref(),
        Some("https://herald.example/news/2026/03/10/pier-closed")
    );
    assert_eq!(p.language.as_deref(), Some("en"));
}

#[test]
fn date_falls_back_from_meta_to_time_to_url_to_visible_text() {
    let meta = r#"<meta name="pubdate" content="2026-03-09">"#;
    let p = html::extract(page(meta, "").as_bytes(), None).unwrap();
    assert_eq!(
        (p.published.unwrap().to_string().as_str(), p.published_from),
        ("2026-03-09", Some("meta"))
    );
    let time = r#"<time datetime="2026-03-08T10:15:00+00:00" pubdate>8 March</time>"#;
    let p = html::extract(page("", time).as_bytes(), None).unwrap();
    assert_eq!(p.published_from, Some("time"));
    assert_eq!(p.published.unwrap().to_string(), "2026-03-08T10:15:00Z");
    let p = html::extract(
        page("", "").as_bytes(),
        Some("https://herald.example/2026/03/07/pier"),
    )
    .unwrap();
    assert_eq!(
        (p.published.unwrap().to_string().as_str(), p.published_from),
        ("2026-03-07", Some("url"))
    );
    let byline = "<p class=\"byline\">By Ann Lee, March 6, 2026</p>";
    let p = html::extract(page("", byline).as_bytes(), None).unwrap();
    assert_eq!(
        (p.published.unwrap().to_string().as_str(), p.published_from),
        ("2026-03-06", Some("text"))
    );
    let p = html::extract(page("", "").as_bytes(), None).unwrap();
    assert_eq!(p.published, None, "no date invented");
}

#[test]
fn html_files_plain_and_gzipped_become_articles_named_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pier.html"), page("", "")).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(page("", "").as_bytes()).unwrap();
    std::fs::write(dir.path().join("pier-copy.htm.gz"), gz.finish().unwrap()).unwrap();
    for (file, id) in [("pier.html", "pier"), ("pier-copy.htm.gz", "pier-copy")] {
        let (a, r) = items(&dir.path().join(file));
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(a[0].id, id);
        assert!(a[0].text.contains("southern terminal"));
        assert_eq!(a[0].outlet.as_deref(), Some("Coastal Herald"));
    }
}

#[test]
fn broken_pages_are_rejected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(page("", "").as_bytes()).unwrap();
    let full = gz.finish().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.html.gz", full[..full.len() / 2].to_vec(), "gzip"),
        (
            "image.html",
            b"\x89PNG\r\n\x1a\n\0\0\0".to_vec(),
            "not an HTML page",
        ),
        (
            "json.html",
            br#"{"not": "html"}"#.to_vec(),
            "not an HTML page",
        ),
        ("empty.html", b"  \n".to_vec(), "empty"),
        (
            "garbage.html",
            b"<html><body><div><<<>>></div><script>x</script></body></html>".to_vec(),
            "no article text",
        ),
    ];
    for (name, bytes, why) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let (a, r) = items(&dir.path().join(name));
        assert!(a.is_empty(), "{name}");
        assert_eq!(r.len(), 1, "{name}: {r:?}");
        assert!(
            r[0].contains(name) && r[0].contains(why),
            "{name}: {}",
            r[0]
        );
    }
    // A page over the limit is refused, not cut, and the message says so.
    let huge = dir.path().join("huge.html");
    std::fs::write(&huge, page("", &"<p>word </p>".repeat(200_000))).unwrap();
    let mut r = Vec::new();
    let opts = Options {
        max_html_bytes: 1 << 20,
        ..Options::default()
    };
    read_file(&huge, &opts, &mut |i| {
        if let Item::Rejected(x) = i {
            r.push(x.reason)
        }
    });
    assert!(r[0].contains("too large"), "{r:?}");
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coastal Herald</title>
  <id>urn:uuid:herald-feed</id>
  <updated>2026-03-10T09:00:00Z</updated>
  <entry>
    <title>Storm-damaged pier to stay shut for weeks</title>
    <id>urn:herald:pier</id>
    <link rel="alternate" href="https://herald.example/news/pier"/>
    <published>2026-03-10T07:30:00Z</published>
    <updated>2026-03-10T08:00:00Z</updated>
    <author><name>Ann Lee</name></author>
    <content type="html">&lt;p&gt;The harbour authority said the northern pier would stay closed.&lt;/p&gt;&lt;p&gt;Ferries will use the southern terminal.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Festival organisers count the cost</title>
    <id>urn:herald:festival</id>
    <link href="https://herald.example/news/festival"/>
    <updated>2026-03-11T10:00:00Z</updated>
    <summary>Businesses fear fewer visitors.</summary>
  </entry>
</feed>"#;

#[test]
fn atom_rss_and_json_feeds_give_one_article_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let atom = dir.path().join("herald.atom");
    std::fs::write(&atom, ATOM).unwrap();
    let (a, r) = items(&atom);
    assert!(r.is_empty(), "{r:?}");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].id, "urn:herald:pier");
    assert_eq!(
        a[0].title.as_deref(),
        Some("Storm-damaged pier to stay shut for weeks")
    );
    assert_eq!(
        a[0].text,
        "The harbour authority said the northern pier would stay closed.\n\nFerries will use the southern terminal."
    );
    assert_eq!(
        a[0].url.as_deref(),
        Some("https://herald.example/news/pier")
    );
    assert_eq!(a[0].published.unwrap().to_string(), "2026-03-10T07:30:00Z");
    assert_eq!(a[0].outlet.as_deref(), Some("Coastal Herald"));
    assert_eq!(a[1].published.unwrap().to_string(), "2026-03-11T10:00:00Z");
    assert_eq!(a[1].text, "Businesses fear fewer visitors.");

    let rss = dir.path().join("herald.rss");
    std::fs::write(
        &rss,
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Radio</title>
        <link>https://radio.example/</link><description>News</description>
        <item><title>Pier closed</title><link>https://radio.example/pier</link>
        <guid>https://radio.example/pier</guid><pubDate>Tue, 10 Mar 2026 09:15:00 +0100</pubDate>
        <description>The northern pier is closed for three weeks.</description></item>
        </channel></rss>"#,
    )
    .unwrap();
    let (a, r) = items(&rss);
    assert!(r.is_empty(), "{r:?}");
    assert_eq!(a[0].published.unwrap().to_string(), "2026-03-10T08:15:00Z");
    assert_eq!(a[0].outlet.as_deref(), Some("Harbour Radio"));

    let json = dir.path().join("feed.json");
    std::fs::write(
        &json,
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"Pier Blog",
            "items":[{"id":"p1","url":"https://blog.example/p1","title":"Pier",
            "content_text":"The pier is closed.","date_published":"2026-03-10T10:00:00Z"}]}"#,
    )
    .unwrap();
    let (a, r) = items(&json);
    assert!(r.is_empty(), "{r:?}");
    assert_eq!(
        (a[0].id.as_str(), a[0].text.as_str()),
        ("p1", "The pier is closed.")
    );
}

#[test]
fn invalid_feeds_are_rejected_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xml");
    std::fs::write(&bad, "<rss><channel><item><title>unclosed").unwrap();
    let (a, r) = items(&bad);
    assert!(a.is_empty());
    assert!(
        r[0].contains("broken.xml") && r[0].contains("feed"),
        "{r:?}"
    );
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
         WARC-Date: 2026-03-10T11:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len() + block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn archive() -> Vec<Vec<u8>> {
    let html = page("", "");
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://herald.example/news/pier",
            "application/http; msgtype=request",
            b"GET /news/pier HTTP/1.1\r\nHost: herald.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://herald.example/news/pier",
            "application/http; msgtype=response",
            &http("200 OK", "text/html; charset=utf-8", html.as_bytes()),
        ),
        warc_record(
            "response",
            "https://herald.example/logo.png",
            "application/http; msgtype=response",
            &http("200 OK", "image/png", b"\x89PNG\r\n"),
        ),
        warc_record(
            "response",
            "https://herald.example/missing",
            "application/http; msgtype=response",
            &http(
                "404 Not Found",
                "text/html",
                b"<html><body>gone</body></html>",
            ),
        ),
        warc_record(
            "response",
            "https://herald.example/2026/03/11/pier-again",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", html.as_bytes()),
        ),
    ]
}

#[test]
fn warc_html_responses_become_articles_and_the_rest_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, archive().concat()).unwrap();
    // Common Crawl style: one gzip member per record.
    let gz_path = dir.path().join("crawl.warc.gz");
    let mut members = Vec::new();
    for r in archive() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&r).unwrap();
        members.extend(gz.finish().unwrap());
    }
    std::fs::write(&gz_path, &members).unwrap();
    for path in [&plain, &gz_path] {
        let (a, r) = items(path);
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(a.len(), 2, "{path:?}");
        assert_eq!(a[0].id, "https://herald.example/news/pier");
        assert_eq!(
            a[0].url.as_deref(),
            Some("https://herald.example/news/pier")
        );
        // No date on the page: the fetch date stands in.
        assert_eq!(a[0].published.unwrap().to_string(), "2026-03-10T11:00:00Z");
        // A date in the URL outranks the fetch date.
        assert_eq!(a[1].published.unwrap().to_string(), "2026-03-11");
        assert!(a[0].text.contains("Marta Lindqvist"));
    }
    // A truncated archive keeps what came before the break and says where it broke.
    let cut = dir.path().join("cut.warc.gz");
    std::fs::write(&cut, &members[..members.len() - 200]).unwrap();
    let (a, r) = items(&cut);
    assert_eq!(a.len(), 1);
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(
        r[0].contains("cut.warc.gz") && r[0].contains("record 6"),
        "{r:?}"
    );
}

#[test]
fn warc_pages_with_content_encoding_are_decoded_and_broken_ones_reported() {
    let html = page("", "");
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(html.as_bytes()).unwrap();
    let encoded = gz.finish().unwrap();
    let response = |body: &[u8]| {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    };
    let archive = [
        warc_record(
            "response",
            "https://herald.example/gzipped",
            "application/http; msgtype=response",
            &response(&encoded),
        ),
        warc_record(
            "response",
            "https://herald.example/broken",
            "application/http; msgtype=response",
            &response(b"\x1f\x8b\x08\0not gzip at all"),
        ),
        warc_record(
            "response",
            "",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", html.as_bytes()),
        ),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("encoded.warc");
    std::fs::write(&path, archive).unwrap();
    let (a, r) = items(&path);
    let mut order = Vec::new();
    read_file(&path, &Options::default(), &mut |item| {
        order.push(match item {
            Item::Article(..) => "article",
            Item::Rejected(_) => "rejected",
        })
    });
    assert_eq!(a.len(), 1, "{r:?}");
    assert_eq!(a[0].id, "https://herald.example/gzipped");
    assert_eq!(order, ["article", "rejected", "rejected"], "archive order");
    assert!(a[0].text.contains("Marta Lindqvist"));
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r[0].contains("record 2") && r[0].contains("gzip"), "{r:?}");
    assert!(
        r[1].contains("record 3") && r[1].contains("WARC-Target-URI"),
        "{r:?}"
    );
}
