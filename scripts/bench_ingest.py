#!/usr/bin/env python3
"""HTML and WARC ingestion throughput: concord against Python trafilatura in the same run.

  scripts/bench_ingest.py [--shared ../shared] [--copies 10] [--concord target/release/concord]

Pages: the article-extraction dev pages (../shared/data/extraction/aeb-dev/html), copied
--copies times under new names so that the run lasts long enough to time. WARC: the same pages
as HTTP response records (with request records and a non-HTML response between them), one gzip
member per record as Common Crawl writes them; the archive is built in a temporary folder.

concord: `concord extract` over the page folder, then over the archive (one process; it uses
every CPU). Peer: trafilatura.extract (2.x, with its date and metadata extraction, as concord
does) in a multiprocessing pool of as many processes as CPUs; for the WARC, warcio reads the
archive and the pool extracts. Needs: pip install trafilatura warcio.
"""
import argparse
import gzip
import io
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time


def warc_record(kind, uri, content_type, block):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash((kind, uri))):032x}>\r\n"
        f"WARC-Date: 2026-11-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=6)


def build_warc(pages, path):
    with open(path, "wb") as out:
        for i, html in enumerate(pages):
            uri = f"https://bench.example/{i}"
            out.write(warc_record("request", uri, "application/http; msgtype=request",
                                  f"GET /{i} HTTP/1.1\r\nHost: bench.example\r\n\r\n".encode()))
            resp = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(html)}\r\n\r\n").encode() + html
            out.write(warc_record("response", uri, "application/http; msgtype=response", resp))
            if i % 10 == 0:
                png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"
                out.write(warc_record("response", uri + ".png", "application/http; msgtype=response", png))


def peer_extract(html):
    import trafilatura
    return trafilatura.bare_extraction(html, with_metadata=True) is not None


def peer_pages(paths, workers):
    def read(p):
        with gzip.open(p) if p.endswith(".gz") else open(p, "rb") as f:
            return f.read().decode("utf-8", "replace")
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.map(peer_extract, (read(p) for p in paths), chunksize=4))


def peer_warc(path, workers):
    from warcio.archiveiterator import ArchiveIterator

    def pages():
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response":
                    continue
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if "html" in ctype:
                    yield rec.content_stream().read().decode("utf-8", "replace")
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.imap(peer_extract, pages(), chunksize=4))


def timed(f):
    t = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--concord", default=os.path.join(root, "target", "release", "concord"))
    a = ap.parse_args()
    src = os.path.join(a.shared, "data", "extraction", "aeb-dev", "html")
    names = sorted(os.listdir(src))
    workers = os.cpu_count() or 1
    tmp = tempfile.mkdtemp()
    try:
        pages_dir = os.path.join(tmp, "pages")
        os.mkdir(pages_dir)
        raw = []
        for c in range(a.copies):
            for n in names:
                dst = os.path.join(pages_dir, f"c{c}-{n}")
                shutil.copy(os.path.join(src, n), dst)
                with gzip.open(dst) as f:
                    raw.append(f.read())
        paths = sorted(os.path.join(pages_dir, n) for n in os.listdir(pages_dir))
        html_mb = sum(len(r) for r in raw) / 1e6
        warc = os.path.join(tmp, "bench.warc.gz")
        build_warc(raw, warc)
        warc_mb = os.path.getsize(warc) / 1e6

        def concord(*args):
            out = subprocess.run([a.concord, "extract", *args, "--output", os.path.join(tmp, "o.jsonl")],
                                 capture_output=True, text=True)
            if out.returncode not in (0, 2):
                sys.exit(out.stderr)
            with open(os.path.join(tmp, "o.jsonl")) as f:
                return sum(1 for _ in f)

        rows = []
        n, t = timed(lambda: concord(pages_dir))
        m, u = timed(lambda: peer_pages(paths, workers))
        rows.append(("HTML pages", len(paths), f"{html_mb:.1f} MB HTML", n / t, m / u, "pages/s"))
        n, t = timed(lambda: concord(warc))
        m, u = timed(lambda: peer_warc(warc, workers))
        rows.append(("WARC (gzip per record)", len(paths), f"{warc_mb:.1f} MB compressed", warc_mb / t, warc_mb / u, "MB/s"))
        print(f"{workers} CPUs; {len(paths)} pages ({a.copies} copies of {len(names)} dev pages)")
        print(f"| input | pages | size | concord | trafilatura {__import__('trafilatura').__version__} | ratio |")
        print("|---|---|---|---|---|---|")
        for name, pages, size, c, p, unit in rows:
            print(f"| {name} | {pages} | {size} | {c:.1f} {unit} | {p:.1f} {unit} | {c / p:.1f}x |")
        print(json.dumps({r[0]: {"concord": round(r[3], 2), "peer": round(r[4], 2), "unit": r[5]} for r in rows}))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
