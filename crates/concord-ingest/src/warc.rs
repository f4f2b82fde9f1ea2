//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record, as Common Crawl News
//! writes them): HTML `response` records become articles, everything else is skipped.
//!
//! Records are streamed through the `warc` crate one at a time and a body is read only up to the
//! page limit, so memory does not grow with the archive. Pages are extracted in parallel in
//! windows of [`WINDOW`] records and handed on in archive order.

use crate::{Item, Location, Options, Rejection, html};
use concord_core::{Article, Published};
use std::io::{BufRead, Read};
use warc::{RecordType, WarcHeader, WarcReader};

/// Records extracted in parallel at a time.
pub const WINDOW: usize = 64;

/// A response record's page, before extraction.
struct RawPage {
    index: usize,
    url: String,
    fetched: Option<Published>,
    body: Vec<u8>,
}

/// Reads an archive from `reader` (already decompressed), emitting an article or a rejection for
/// every HTML response in archive order.
pub fn read(
    reader: impl BufRead,
    path: &std::path::Path,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let loc = || Location {
        path: path.to_path_buf(),
        line: None,
    };
    let mut index = 0;
    let mut window: Vec<RawPage> = Vec::with_capacity(WINDOW);
    let mut warc = WarcReader::new(reader);
    let mut records = warc.stream_records();
    let flush = |window: &mut Vec<RawPage>, emit: &mut dyn FnMut(Item)| {
        for (page, result) in extract_window(std::mem::take(window)) {
            match result {
                Ok(a) => emit(Item::Article(Box::new(a), loc())),
                Err(reason) => emit(Item::Rejected(Rejection {
                    location: loc(),
                    reason: format!("record {} ({}): {reason}", page.0, page.1),
                })),
            }
        }
    };
    // A rejection waits for the pages before it, so that everything comes out in archive order.
    let reject = |window: &mut Vec<RawPage>, emit: &mut dyn FnMut(Item), reason: String| {
        flush(window, emit);
        emit(Item::Rejected(Rejection {
            location: loc(),
            reason,
        }));
    };
    while let Some(next) = records.next_item() {
        index += 1;
        let mut record = match next {
            Ok(r) => r,
            Err(e) => {
                // After a broken record the stream position is unknown: stop, say where.
                reject(
                    &mut window,
                    emit,
                    format!(
                        "record {index}: unreadable WARC record ({e}); the rest of the archive is skipped"
                    ),
                );
                return;
            }
        };
        let is_http_response = *record.warc_type() == RecordType::Response
            && record
                .header(WarcHeader::ContentType)
                .is_some_and(|t| t.to_ascii_lowercase().contains("application/http"));
        if !is_http_response {
            continue;
        }
        let url = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim().trim_matches(['<', '>']).to_string())
            .unwrap_or_default();
        if url.is_empty() {
            reject(
                &mut window,
                emit,
                format!("record {index}: a response without WARC-Target-URI"),
            );
            continue;
        }
        let fetched = Some(Published {
            at: *record.date(),
            day_only: false,
        });
        let length = record.content_length();
        // The HTTP head is small; allow it on top of the page limit.
        let cap = opts.max_html_bytes as u64 + 64 * 1024;
        if length > cap {
            reject(
                &mut window,
                emit,
                format!(
                    "record {index} ({url}): too large: {length} bytes (the page limit is {})",
                    opts.max_html_bytes
                ),
            );
            continue;
        }
        let mut raw = Vec::with_capacity(length as usize);
        if let Err(e) = (&mut record).take(cap).read_to_end(&mut raw) {
            reject(
                &mut window,
                emit,
                format!(
                    "record {index} ({url}): truncated archive ({e}); the rest of the archive is skipped"
                ),
            );
            return;
        }
        // Anything but a 200 HTML page (an image, a redirect, an error page) is skipped.
        match http_html_body(&raw, opts.max_html_bytes) {
            Ok(Some(body)) => {
                window.push(RawPage {
                    index,
                    url,
                    fetched,
                    body,
                });
                if window.len() == WINDOW {
                    flush(&mut window, emit);
                }
            }
            Ok(None) => {}
            Err(reason) => reject(
                &mut window,
                emit,
                format!("record {index} ({url}): {reason}"),
            ),
        }
    }
    flush(&mut window, emit);
}

type Extracted = ((usize, String), Result<Article, String>);

/// Extracts a window of pages on all CPUs; results in input order.
fn extract_window(pages: Vec<RawPage>) -> Vec<Extracted> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pages.len().max(1));
    let chunk = pages.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(page_article).collect::<Vec<_>>()))
            .collect();
        // `html::extract` turns a panic into a rejection, so a join error is a bug here; it
        // is passed on rather than dropping the chunk's pages.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn page_article(p: &RawPage) -> Extracted {
    let result = html::extract(&p.body, Some(&p.url)).map(|mut page| {
        // The fetch date stands in for a page that states no publication date: news crawls
        // fetch within hours of publication, and an undated article cannot be placed in time.
        page.published = page.published.or(p.fetched);
        // The URL that was fetched identifies the record; the canonical one is kept as url.
        page.url = page.url.or_else(|| Some(p.url.clone()));
        page.into_article(p.url.clone())
    });
    ((p.index, p.url.clone()), result)
}

/// The body of an HTTP response that carries an HTML page with status 200, decoded from chunked
/// transfer and gzip/deflate content encoding (at most `cap` bytes decoded). `Ok(None)` for any
/// other response (not 200, not HTML, no HTTP head); an error for a page whose encoding is broken
/// or too large, so that it is reported rather than skipped.
pub fn http_html_body(raw: &[u8], cap: usize) -> Result<Option<Vec<u8>>, String> {
    let Some((head_len, body_start)) = find(raw, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(raw, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Ok(None);
    };
    let Ok(head) = std::str::from_utf8(&raw[..head_len]) else {
        return Ok(None);
    };
    let mut lines = head.lines();
    if lines
        .next()
        .and_then(|status| status.split_whitespace().nth(1))
        != Some("200")
    {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(v),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = Some(v),
            _ => {}
        }
    }
    if content_type.as_deref().is_some_and(|t| !t.contains("html")) {
        return Ok(None);
    }
    let mut body = raw[body_start..].to_vec();
    if chunked && let Some(b) = dechunk(&body) {
        body = b;
    }
    if let Some(e) = encoding.as_deref()
        && let Some(decoded) = decode(&body, e, cap)?
    {
        body = decoded;
    }
    Ok((content_type.is_some() || html::looks_like_html(&body)).then_some(body))
}

/// A body decoded from gzip or deflate content encoding, within `cap` bytes; `None` for other
/// encodings (identity), which are read as they are.
fn decode(body: &[u8], encoding: &str, cap: usize) -> Result<Option<Vec<u8>>, String> {
    let decoder: Box<dyn Read + '_> = if encoding.contains("gzip") {
        Box::new(flate2::read::GzDecoder::new(body))
    } else if encoding.contains("deflate") {
        Box::new(flate2::read::ZlibDecoder::new(body))
    } else {
        return Ok(None);
    };
    let mut out = Vec::new();
    decoder
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("broken {encoding} content encoding: {e}"))?;
    if out.len() > cap {
        return Err(format!(
            "too large: over {cap} bytes decoded (the page limit)"
        ));
    }
    Ok(Some(out))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a chunked body; `None` when it is not chunked after all (crawlers often store the
/// body already decoded but keep the header).
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = find(b, b"\r\n")?;
        let size_text = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?.strip_prefix(b"\r\n")?;
    }
}
