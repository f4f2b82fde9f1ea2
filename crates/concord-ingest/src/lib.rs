//! Ingest: reads files and directories into [`Article`]s, and says exactly what it refused and why.
//!
//! Formats (by extension):
//! - `.txt`, `.text` or no extension: one article per file; id = file name without extension; a
//!   short first line without final punctuation is the title and is not part of the body.
//! - `.json` (one object or an array of objects) and `.jsonl` / `.ndjson` (one object a line):
//!   `id` and `text` required; `title`, `outlet`, `url`, `published` (RFC 3339 or YYYY-MM-DD) and
//!   `language` optional; other keys ignored. `outlet` defaults to the URL's host.
//! - `.html`, `.htm` (and `.html.gz`, `.htm.gz`): one article per page, body and metadata by
//!   [`html::extract`]; id = file name without `.html`/`.htm`/`.gz`.
//! - `.xml`, `.rss`, `.atom`, and `.json` holding a JSON Feed: one article per item ([`feed`]).
//! - `.warc`, `.warc.gz`: one article per HTML response record ([`warc`]); id = the record's URL.
//! - `-`: JSONL on standard input.
//!
//! Nothing here panics on bad input and nothing is dropped silently: every input either yields an
//! article or a [`Rejection`] naming the file (and line) and the reason. Reading is streaming: a
//! JSONL file of any size is read line by line.

pub mod feed;
pub mod fetch;
pub mod html;
pub mod warc;

use concord_core::{Article, Published};
use serde::Deserialize;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Where an article or a rejection came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line for JSONL, index in the array for a JSON array (as `[i]`).
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = if self.path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            self.path.display().to_string()
        };
        match self.line {
            Some(l) => write!(f, "{p}:{l}"),
            None => f.write_str(&p),
        }
    }
}

/// An input that could not become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub location: Location,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// What reading yields, in input order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Article(Box<Article>, Location),
    Rejected(Rejection),
}

/// Limits that keep one bad input from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Larger articles are rejected, not truncated: a silently cut article would mislead.
    pub max_article_bytes: usize,
    /// The limit for one HTML page (markup weighs several times its text); decompressed size
    /// for `.gz` files.
    pub max_html_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        // News articles are rarely above 100 KB; 4 MiB leaves room for long reports and feeds.
        Options {
            max_article_bytes: 4 << 20,
            max_html_bytes: 16 << 20,
        }
    }
}

/// Lists the input files under `paths` (directories recursively, sorted, hidden entries skipped),
/// reporting the paths that cannot be listed.
pub fn list_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejection>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        walk(p, &mut files, &mut errors, 0);
    }
    (files, errors)
}

fn walk(path: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Rejection>, depth: usize) {
    let reject = |errors: &mut Vec<Rejection>, reason: String| {
        errors.push(Rejection {
            location: Location {
                path: path.to_path_buf(),
                line: None,
            },
            reason,
        })
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return reject(errors, format!("cannot read: {e}")),
    };
    if meta.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    if !meta.is_dir() {
        return reject(errors, "not a regular file or directory".into());
    }
    // Symbolic links can form cycles; real news trees are shallow.
    if depth > 32 {
        return reject(errors, "directory nesting deeper than 32 levels".into());
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => return reject(errors, format!("cannot list directory: {e}")),
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    for c in children {
        walk(&c, files, errors, depth + 1);
    }
}

/// The formats concord reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    /// An HTML page, gzip-compressed when `gz`.
    Html {
        gz: bool,
    },
    /// RSS, Atom or RDF.
    Feed,
    /// A WARC archive, gzip-compressed (per record or whole) when `gz`.
    Warc {
        gz: bool,
    },
}

impl Format {
    pub fn of(path: &Path) -> Result<Format, String> {
        if path.as_os_str() == "-" {
            return Ok(Format::JsonLines);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let (stem, gz) = match name.strip_suffix(".gz") {
            Some(s) => (s, true),
            None => (name.as_str(), false),
        };
        let ext = Path::new(stem)
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        match (ext.as_deref(), gz) {
            (Some("html") | Some("htm"), gz) => Ok(Format::Html { gz }),
            (Some("warc"), gz) => Ok(Format::Warc { gz }),
            (None | Some("txt") | Some("text"), false) => Ok(Format::Text),
            (Some("json"), false) => Ok(Format::Json),
            (Some("jsonl") | Some("ndjson"), false) => Ok(Format::JsonLines),
            (Some("xml") | Some("rss") | Some("atom") | Some("rdf"), false) => Ok(Format::Feed),
            _ => Err(format!(
                "unsupported file type `{}` (concord reads .txt, .json, .jsonl, .html, .htm, \
                 .html.gz, .xml/.rss/.atom feeds, .warc, .warc.gz)",
                name.find('.').map_or(name.as_str(), |i| &name[i..])
            )),
        }
    }
}

/// Reads one input file and hands each article or rejection to `emit`, in order.
pub fn read_file(path: &Path, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let loc = |line| Location {
        path: path.to_path_buf(),
        line,
    };
    let mut reject = |line, reason: String| {
        emit(Item::Rejected(Rejection {
            location: loc(line),
            reason,
        }))
    };
    let format = match Format::of(path) {
        Ok(f) => f,
        Err(e) => {
            // Say "binary" rather than "unsupported" when that is the real problem.
            let reason = match sniff_binary(path) {
                Ok(true) => format!("binary file; {e}"),
                _ => e,
            };
            return reject(None, reason);
        }
    };
    match format {
        Format::JsonLines => read_jsonl(path, opts, emit),
        Format::Html { gz } => match read_html_file(path, gz, opts) {
            Ok(a) => emit(Item::Article(Box::new(a), loc(None))),
            Err(e) => reject(None, e),
        },
        Format::Feed => {
            let bytes = match read_capped(path, opts.max_article_bytes.max(opts.max_html_bytes)) {
                Ok(b) => b,
                Err(e) => return reject(None, e),
            };
            read_feed_items(&bytes, &loc(None), emit);
        }
        Format::Warc { gz } => {
            let file = match File::open(path) {
                Ok(f) => f,
                Err(e) => return reject(None, format!("cannot read: {e}")),
            };
            let file = BufReader::with_capacity(1 << 20, file);
            if gz {
                // One gzip member per record (Common Crawl) or one for the whole file: the
                // multi-member decoder reads both.
                let reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
                warc::read(reader, path, opts, emit)
            } else {
                warc::read(file, path, opts, emit)
            }
        }
        Format::Text | Format::Json => {
            let bytes = match read_capped(path, opts.max_article_bytes) {
                Ok(b) => b,
                Err(e) => return reject(None, e),
            };
            let text = match decode(&bytes) {
                Ok(t) => t,
                Err(e) => return reject(None, e),
            };
            if text.trim().is_empty() {
                return reject(None, "empty file".into());
            }
            if format == Format::Text {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                emit(Item::Article(
                    Box::new(article_from_text(id, &text)),
                    loc(None),
                ));
            } else {
                read_json_document(&text, &loc(None), opts, emit);
            }
        }
    }
}

/// Reads and extracts one HTML page file.
pub fn read_html_file(path: &Path, gz: bool, opts: &Options) -> Result<Article, String> {
    let bytes = read_page_bytes(path, gz, opts)?;
    Ok(html::extract(&bytes, None)?.into_article(page_id(path)))
}

/// The bytes of a page file, decompressed when `gz`, within the HTML page limit.
pub fn read_page_bytes(path: &Path, gz: bool, opts: &Options) -> Result<Vec<u8>, String> {
    let bytes = if gz {
        let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(file)
            .take(opts.max_html_bytes as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("broken gzip: {e}"))?;
        if out.len() > opts.max_html_bytes {
            return Err(format!(
                "too large: over {} bytes decompressed (the HTML page limit)",
                opts.max_html_bytes
            ));
        }
        out
    } else {
        read_capped(path, opts.max_html_bytes)?
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    Ok(bytes)
}

/// A page file's id: its name without `.gz` and `.html`/`.htm`.
pub fn page_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = name.as_str();
    for ext in [".gz", ".GZ"] {
        id = id.strip_suffix(ext).unwrap_or(id);
    }
    for ext in [".html", ".htm", ".HTML", ".HTM"] {
        id = id.strip_suffix(ext).unwrap_or(id);
    }
    id.to_string()
}

fn read_feed_items(bytes: &[u8], loc: &Location, emit: &mut dyn FnMut(Item)) {
    let reject = |reason| {
        Item::Rejected(Rejection {
            location: loc.clone(),
            reason,
        })
    };
    match feed::parse(bytes) {
        Ok(items) if items.is_empty() => emit(reject("the feed has no items".into())),
        Ok(items) => {
            for item in items {
                match item.into_article() {
                    Ok(a) => emit(Item::Article(Box::new(a), loc.clone())),
                    Err(e) => emit(reject(e)),
                }
            }
        }
        Err(e) => emit(reject(e)),
    }
}

fn sniff_binary(path: &Path) -> io::Result<bool> {
    let mut head = [0u8; 8192];
    let n = File::open(path)?.read(&mut head)?;
    Ok(head[..n].contains(&0))
}

fn read_capped(path: &Path, cap: usize) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > cap {
        return Err(format!(
            "too large: over {} bytes (the per-article limit)",
            cap
        ));
    }
    Ok(bytes)
}

/// Decodes UTF-8 (a leading byte-order mark is dropped), refusing binary data and invalid bytes.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    }
}

/// Builds an article from a plain-text file's contents.
///
/// A first line is a title when it is short (at most 25 words, 250 characters), ends without
/// sentence punctuation, and more text follows; the body is what comes after it.
pub fn article_from_text(id: String, text: &str) -> Article {
    let text = text.replace("\r\n", "\n");
    let trimmed = text.trim_start();
    let (first, rest) = match trimmed.split_once('\n') {
        Some((f, r)) => (f.trim(), r),
        None => (trimmed.trim(), ""),
    };
    let last = first.chars().last().unwrap_or('.');
    let is_title = !rest.trim().is_empty()
        && first.split_whitespace().count() <= 25
        && first.chars().count() <= 250
        && !matches!(
            last,
            '.' | '!' | '?' | ',' | ';' | ':' | '"' | '\u{201D}' | '\u{2019}' | '\'' | '…'
        );
    let (title, body) = if is_title {
        (Some(first.to_string()), rest.trim().to_string())
    } else {
        (None, trimmed.trim_end().to_string())
    };
    Article {
        title,
        ..Article::new(id, body)
    }
}

/// The JSON shape of an article on input. Unknown keys are ignored.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    language: Option<String>,
}

/// Validates one JSON object as an article.
pub fn article_from_json(value: serde_json::Value, opts: &Options) -> Result<Article, String> {
    if !value.is_object() {
        return Err(format!("expected a JSON object, found {}", kind_of(&value)));
    }
    let j: JsonArticle =
        serde_json::from_value(value).map_err(|e| format!("invalid article: {e}"))?;
    let id = match j.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("`id` must be a non-empty string or a number".into()),
        None => return Err("missing `id`".into()),
    };
    let text = j.text.ok_or("missing `text`")?;
    if text.trim().is_empty() {
        return Err(format!("article `{id}` has empty `text`"));
    }
    if text.len() > opts.max_article_bytes {
        return Err(format!(
            "article `{id}` is too large: {} bytes (limit {})",
            text.len(),
            opts.max_article_bytes
        ));
    }
    let published = match j.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(Published::parse(p).map_err(|e| format!("article `{id}`: {e}"))?),
    };
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let url = nonempty(j.url);
    let outlet = nonempty(j.outlet).or_else(|| url.as_deref().and_then(host_of));
    Ok(Article {
        id,
        title: nonempty(j.title),
        text,
        outlet,
        url,
        published,
        language: nonempty(j.language),
    })
}

/// The host of a URL without a leading "www.", used as the outlet when none is named.
pub fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn read_json_document(text: &str, loc: &Location, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return emit(Item::Rejected(Rejection {
                location: Location {
                    path: loc.path.clone(),
                    line: Some(e.line()),
                },
                reason: format!("malformed JSON: {e}"),
            }));
        }
    };
    let is_json_feed = value
        .get("version")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v.starts_with("https://jsonfeed.org/version/"));
    if is_json_feed {
        return read_feed_items(text.as_bytes(), loc, emit);
    }
    let (values, is_array) = match value {
        serde_json::Value::Array(items) => (items, true),
        other => (vec![other], false),
    };
    for (i, v) in values.into_iter().enumerate() {
        match article_from_json(v, opts) {
            Ok(a) => emit(Item::Article(Box::new(a), loc.clone())),
            Err(reason) => emit(Item::Rejected(Rejection {
                location: loc.clone(),
                reason: if is_array {
                    format!("item {i}: {reason}")
                } else {
                    reason
                },
            })),
        }
    }
}

fn read_jsonl(path: &Path, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin().lock()))
    } else {
        match File::open(path) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                return emit(Item::Rejected(Rejection {
                    location: Location {
                        path: path.to_path_buf(),
                        line: None,
                    },
                    reason: format!("cannot read: {e}"),
                }));
            }
        }
    };
    read_jsonl_from(reader, path, opts, emit);
}

/// Reads JSONL from any reader; lines longer than the article limit are skipped without being
/// held in memory whole.
pub fn read_jsonl_from(
    mut reader: impl BufRead,
    path: &Path,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let mut line_no = 0;
    let mut buf = Vec::new();
    let mut any = false;
    // JSON escapes can make a line several times longer than its text.
    let line_cap = opts.max_article_bytes.saturating_mul(2).max(1 << 16);
    loop {
        buf.clear();
        line_no += 1;
        let loc = Location {
            path: path.to_path_buf(),
            line: Some(line_no),
        };
        let (n, too_long) = match read_line_capped(&mut reader, &mut buf, line_cap) {
            Ok(r) => r,
            Err(e) => {
                emit(Item::Rejected(Rejection {
                    location: loc,
                    reason: format!("read error, rest of input skipped: {e}"),
                }));
                return;
            }
        };
        if n == 0 {
            break;
        }
        if too_long {
            emit(Item::Rejected(Rejection {
                location: loc,
                reason: format!("line longer than {line_cap} bytes"),
            }));
            continue;
        }
        let bytes = if line_no == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        let line = match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                emit(Item::Rejected(Rejection {
                    location: loc,
                    reason: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                }));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        any = true;
        let result = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|e| format!("malformed JSON: {e}"))
            .and_then(|v| article_from_json(v, opts));
        match result {
            Ok(a) => emit(Item::Article(Box::new(a), loc)),
            Err(reason) => emit(Item::Rejected(Rejection {
                location: loc,
                reason,
            })),
        }
    }
    if !any && path.as_os_str() != "-" {
        emit(Item::Rejected(Rejection {
            location: Location {
                path: path.to_path_buf(),
                line: None,
            },
            reason: "empty file".into(),
        }));
    }
}

/// Reads up to and including the next `\n`; past `cap` bytes the rest of the line is consumed
/// and dropped, and the line is reported as too long.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((total, too_long));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let len = chunk.len();
        if !too_long {
            if buf.len() + len > cap {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        total += len;
        reader.consume(len);
        if done {
            return Ok((total, too_long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn collect(path: &Path) -> Vec<Item> {
        let mut out = Vec::new();
        read_file(path, &Options::default(), &mut |i| out.push(i));
        out
    }

    #[test]
    fn text_title_rule() {
        let a = article_from_text(
            "x".into(),
            "Storm Hits Coast\n\nThe storm arrived. It rained.",
        );
        assert_eq!(a.title.as_deref(), Some("Storm Hits Coast"));
        assert_eq!(a.text, "The storm arrived. It rained.");
        let b = article_from_text("y".into(), "The storm arrived.\nIt rained.");
        assert_eq!(b.title, None);
        assert_eq!(b.text, "The storm arrived.\nIt rained.");
        let c = article_from_text("z".into(), "Just one line without a stop");
        assert_eq!(c.title, None, "a lone line is the body, not a title");
    }

    #[test]
    fn json_fields_and_outlet_from_url() {
        let v = serde_json::json!({"id": 7, "text": "Body.", "url": "https://www.example.org/a",
            "published": "2018-12-01", "extra": true});
        let a = article_from_json(v, &Options::default()).unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.outlet.as_deref(), Some("example.org"));
        assert_eq!(a.published.unwrap().to_string(), "2018-12-01");
        let bad = serde_json::json!({"id": "a", "text": "x", "published": "soon"});
        assert!(
            article_from_json(bad, &Options::default())
                .unwrap_err()
                .contains("soon")
        );
        assert!(article_from_json(serde_json::json!({"text": "x"}), &Options::default()).is_err());
        assert!(article_from_json(serde_json::json!([1]), &Options::default()).is_err());
    }

    #[test]
    fn jsonl_reports_line_numbers_and_keeps_going() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\"}\n{not json\n\n\xff\xfe\n{\"id\":\"b\",\"text\":\"Two.\"}\n";
        let mut items = Vec::new();
        read_jsonl_from(
            Cursor::new(&input[..]),
            Path::new("f.jsonl"),
            &Options::default(),
            &mut |i| items.push(i),
        );
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Article(a, l) => format!("ok {} {}", a.id, l),
                Item::Rejected(r) => format!("bad {}", r.location),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "ok a f.jsonl:1",
                "bad f.jsonl:2",
                "bad f.jsonl:4",
                "ok b f.jsonl:5"
            ]
        );
    }

    #[test]
    fn overlong_lines_are_rejected_without_stopping() {
        let opts = Options {
            max_article_bytes: 10,
            ..Options::default()
        };
        let long = format!(
            "{{\"id\":\"x\",\"text\":\"{}\"}}\n{{\"id\":\"y\",\"text\":\"ok\"}}\n",
            "a".repeat(70_000)
        );
        let mut items = Vec::new();
        read_jsonl_from(
            Cursor::new(long.as_bytes()),
            Path::new("f"),
            &opts,
            &mut |i| items.push(i),
        );
        assert!(matches!(&items[0], Item::Rejected(r) if r.reason.contains("longer")));
        assert!(matches!(&items[1], Item::Article(a, _) if a.id == "y"));
    }

    #[test]
    fn bad_files_are_named_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("empty.txt"), "").unwrap();
        std::fs::write(p("latin1.txt"), b"caf\xe9 au lait").unwrap();
        std::fs::write(p("blob.bin"), [0u8, 1, 2, 3, 0]).unwrap();
        std::fs::write(p("nul.txt"), b"abc\0def").unwrap();
        std::fs::write(p("arr.json"), r#"[{"id":"a","text":"A."},{"id":"b"}]"#).unwrap();
        let (files, errs) = list_inputs(&[dir.path().to_path_buf()]);
        assert!(errs.is_empty());
        let mut reasons = Vec::new();
        for f in &files {
            for i in collect(f) {
                if let Item::Rejected(r) = i {
                    reasons.push(r.to_string());
                }
            }
        }
        let joined = reasons.join("\n");
        assert!(joined.contains("empty.txt: empty file"), "{joined}");
        assert!(
            joined.contains("latin1.txt: invalid UTF-8 at byte 3"),
            "{joined}"
        );
        assert!(joined.contains("blob.bin: binary file"), "{joined}");
        assert!(joined.contains("nul.txt: binary file"), "{joined}");
        assert!(
            joined.contains("arr.json: item 1: missing `text`"),
            "{joined}"
        );
        assert_eq!(reasons.len(), 5);
    }
}
