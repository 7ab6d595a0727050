"""``python -m newscrawler bench crawl [--pages N]``: the whole crawl beside bare Scrapy and trafilatura.

A synthetic site (``bench_site``) is written to a temporary mirror folder and served on loopback by
``python -m newscrawler mirror serve`` in a process of its own; a MongoDB-wire server (mongoeco's,
memory engine) runs in another. Then, one after the other, with identical settings and politeness
off (no delay, no AutoThrottle, one concurrency for all):

- ``scrapy crawl generic -a sitemap=…`` into the wire server, then again with ``force=1`` (a
  re-crawl of every page);
- the same two into the embedded default store (a data folder of the benchmark's own);
- a bare Scrapy spider: the sitemap, each page downloaded and its ``<title>`` read;
- trafilatura alone on the same pages from disk (no crawling), and our extraction and cleaning alone.

Crawl rates are pages stored per second of the crawl's own clock (spider open to close, from its
``crawl_runs`` record; the bare spider's from its stats), so interpreter start-up is not counted.
Peak RSS is the crawl process with every process it started (page-reading workers), sampled every
0.2 s. Nothing of the user's store or data folder is touched.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pymongo

from newscrawler.cli.bench_site import article_url, write_site

PROJECT = Path(__file__).resolve().parents[2]
STAGES = ("download", "extract", "clean", "dates", "link", "store")


def add_arguments(which) -> None:
    crawl = which.add_parser("crawl", help="the whole crawl beside a bare Scrapy spider and trafilatura")
    crawl.add_argument("--pages", type=int, default=1500, help="article pages of the synthetic site (default 1500)")
    crawl.add_argument("--concurrency", type=int, default=16, help="CONCURRENT_REQUESTS for every crawl (default 16)")
    crawl.add_argument("--only", choices=("wire", "embedded"), help="run only this store's crawls (and the baselines)")
    crawl.set_defaults(run=run)


def politeness_off(concurrency: int) -> dict:
    """The settings every crawl of the benchmark runs with, the bare spider's too: politeness off,
    and the project's own Scrapy tuning (``CONCURRENT_ITEMS``), so that the bare spider is Scrapy
    as this project runs it."""
    from newscrawler import settings as project

    return {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "CONCURRENT_ITEMS": project.CONCURRENT_ITEMS}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(arguments: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "newscrawler", *arguments, "--port", str(port)], cwd=PROJECT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{' '.join(arguments)} exited {process.returncode}") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{' '.join(arguments)} did not listen on port {port}")


def _tree(root: int) -> list[int]:
    """``root`` and every process under it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def _rss(pids: list[int]) -> int:
    """Resident bytes of ``pids`` together."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            pass
    return total


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds ``pid`` has used so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_measured(command: list[str], environment: dict, progress=None, stdin: str | None = None) -> dict:
    """Runs ``command``; its peak tree RSS, the RSS as ``progress()`` (pages stored) grew, and the CPU
    seconds it used with every process it started. The processes it waited for are counted by the
    kernel (``RUSAGE_CHILDREN``); the others, which it never waits for (its page-reading workers:
    their forkserver outlives it and reaps them), by their own CPU as last sampled, every 0.2 s."""
    cpu_before = _children_cpu_seconds()
    # In a session of its own, so that an interrupted benchmark stops it with its page workers.
    process = subprocess.Popen(command, cwd=PROJECT, env=environment, stdin=subprocess.PIPE if stdin else None,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    peak, samples, last_progress = 0, [], 0.0
    errors, unwaited = [], {}
    try:
        if stdin:
            process.stdin.write(stdin)
            process.stdin.close()
        reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
        reader.start()
        while process.poll() is None:
            tree = _tree(process.pid)
            for pid in tree[1:]:
                try:
                    unwaited[pid] = max(unwaited.get(pid, 0.0), _cpu_seconds(pid))
                except (OSError, ValueError, IndexError):
                    pass
            rss = _rss(tree)
            peak = max(peak, rss)
            if progress is not None and time.monotonic() - last_progress > 1:
                last_progress = time.monotonic()
                try:
                    samples.append((progress(), rss))
                except pymongo.errors.PyMongoError:
                    pass
            time.sleep(0.2)
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    reader.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:6])} exited {process.returncode}: {''.join(errors)[-3000:]}")
    # (a process the command did wait for is in both counts; the command's own children are only
    # its page workers' forkserver and multiprocessing's resource tracker, which it does not wait for)
    return {"peak_rss": peak, "samples": samples, "cpu": _children_cpu_seconds() - cpu_before + sum(unwaited.values())}


def _crawl_command(sitemap: str, settings: dict, force: bool) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"sitemap={sitemap}"]
    command += [argument for name, value in settings.items() for argument in ("-s", f"{name}={value}")]
    return command + (["-a", "force=1"] if force else [])


def _crawl_result(label: str, run: dict | None, measured: dict) -> dict:
    if run is None:
        raise RuntimeError(f"{label}: the crawl left no crawl_runs record")
    stored = run["articles"]["stored"]
    return {"label": label, "pages": stored, "rate": stored / run["elapsed_seconds"], "seconds": run.get("seconds", {}),
            "cpu": {"crawl": measured["cpu"]},
            "commands": run.get("mongo_commands", 0), "peak_rss": measured["peak_rss"], "samples": measured["samples"],
            "outcomes": run["articles"], "dropped": run.get("dropped", {})}


def _latest_run(database) -> dict | None:
    return database.crawl_runs.find_one(sort=[("finished_at", pymongo.DESCENDING)])


def _wire_crawl(label: str, sitemap: str, environment: dict, settings: dict, force: bool, database) -> dict:
    measured = _run_measured(_crawl_command(sitemap, settings, force), environment,
                             progress=database.articles.estimated_document_count)
    return _crawl_result(label, _latest_run(database), measured)


def _embedded_crawl(label: str, sitemap: str, environment: dict, settings: dict, force: bool, data: Path) -> dict:
    from newscrawler.storage.embedded import open_client

    measured = _run_measured(_crawl_command(sitemap, settings, force), environment)
    client = open_client(data)
    try:
        return _crawl_result(label, _latest_run(client.newscrawler), measured)
    finally:
        client.close()


def _bare(work: Path, sitemap: str, mirror_url: str, settings: dict) -> dict:
    out = work / "bare.json"
    measured = _run_measured([sys.executable, "-m", "newscrawler.cli.bench_bare", sitemap, mirror_url, str(out)],
                             {**os.environ}, stdin=json.dumps(settings))
    figures = json.loads(out.read_text(encoding="utf-8"))
    return {"label": "bare Scrapy spider", "pages": figures["pages"], "rate": figures["pages"] / figures["elapsed_seconds"],
            "peak_rss": measured["peak_rss"], "cpu": {"crawl": measured["cpu"]}}


def _alone(mirror: Path, pages: int) -> list[dict]:
    """trafilatura alone, and our extraction and cleaning alone, over the pages from disk (one
    process, interleaved page by page)."""
    from newscrawler.extract import extract_page
    from newscrawler.text import clean_text

    def htmls():  # one page in memory at a time
        for n in range(pages):
            yield article_url(n), (mirror / "bench-news.example" / "news" / f"{n}.html").read_text(encoding="utf-8")

    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    ours, theirs = [], []
    for url, html in htmls():
        started = time.perf_counter()
        clean_text(extract_page(html, url).article.body)
        ours.append(time.perf_counter() - started)
        if trafilatura is not None:
            started = time.perf_counter()
            trafilatura.extract(html, url=url)
            theirs.append(time.perf_counter() - started)
    results = [{"label": "our extraction + cleaning alone", "pages": pages, "rate": pages / sum(ours),
                "median_ms": statistics.median(ours) * 1000}]
    if theirs:
        results.append({"label": "trafilatura alone", "pages": pages, "rate": pages / sum(theirs),
                        "median_ms": statistics.median(theirs) * 1000})
    return results


def _growth(samples: list[tuple[int, int]], first: int, last: int) -> str:
    at_first = next((rss for stored, rss in samples if stored >= first), None)
    later = [rss for stored, rss in samples if first <= stored <= last]
    if at_first is None or not later:
        return ""
    return f", RSS {at_first / 2**20:.0f} MB at {first} stored → at most {max(later) / 2**20:.0f} MB up to {last} ({(max(later) / at_first - 1) * 100:+.1f}%)"


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def run(args) -> int:
    # A benchmark stopped with SIGTERM (a timeout, a scheduler) stops what it started, as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupted)
    settings = politeness_off(args.concurrency)
    print(f"bench crawl: {args.pages} synthetic Arabic article pages (~100 KB) from a loopback page server, "
          f"concurrency {args.concurrency}, no delay, no AutoThrottle; {os.cpu_count()} cores", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="newscrawler-bench-") as work:
        work = Path(work)
        sitemap = write_site(work / "mirror", args.pages)
        mirror_port, store_port = _free_port(), _free_port()
        servers = [_serve(["mirror", "serve", str(work / "mirror")], mirror_port),
                   _serve(["store", "serve", "--memory"], store_port)]
        mirror_url = f"http://127.0.0.1:{mirror_port}"

        def measured(run_one) -> dict:
            """``run_one()``'s result with the CPU seconds the two servers spent meanwhile."""
            before = [_cpu_seconds(server.pid) for server in servers]
            result = run_one()
            spent = [_cpu_seconds(server.pid) - start for server, start in zip(servers, before)]
            result["cpu"].update(zip(("page server", "store server"), spent))
            return result

        base = {**os.environ, "NEWSCRAWLER_MIRROR": mirror_url, "NEWSCRAWLER_LOG_LEVEL": "WARNING"}
        for name in ("MONGO_URI", "MONGO_DATABASE"):
            base.pop(name, None)
        try:
            results.append(measured(lambda: _bare(work, sitemap, mirror_url, settings)))
            print(f"  {_line(results[-1])}", flush=True)
            if args.only != "embedded":
                uri = f"mongodb://127.0.0.1:{store_port}/"
                client = pymongo.MongoClient(uri, tz_aware=True)
                environment = {**base, "MONGO_URI": uri, "MONGO_DATABASE": "bench",
                               "NEWSCRAWLER_DATA_DIR": str(work / "data-wire"), "NEWSCRAWLER_JOURNAL_DIR": str(work / "journal-wire")}
                for label, force in (("full crawl → MongoDB wire server", False), ("re-crawl (force) → MongoDB wire server", True)):
                    results.append(measured(lambda: _wire_crawl(label, sitemap, environment, settings, force, client.bench)))
                    print(f"  {_line(results[-1])}", flush=True)
                client.close()
            if args.only != "wire":
                data = work / "data-embedded"
                environment = {**base, "NEWSCRAWLER_DATA_DIR": str(data), "NEWSCRAWLER_JOURNAL_DIR": str(work / "journal-embedded")}
                for label, force in (("full crawl → embedded store", False), ("re-crawl (force) → embedded store", True)):
                    results.append(measured(lambda: _embedded_crawl(label, sitemap, environment, settings, force, data)))
                    print(f"  {_line(results[-1])}", flush=True)
            results += _alone(work / "mirror", args.pages)
            for result in results[-2:]:
                print(f"  {_line(result)}", flush=True)
        finally:
            for server in servers:
                server.terminate()
                server.wait(10)
    _report(results, args.pages)
    return 0


def _line(result: dict) -> str:
    text = f"{result['label']:<40} {result['rate']:7.1f} pages/s ({result['pages']} pages)"
    if "median_ms" in result:
        text += f", median {result['median_ms']:.1f} ms a page"
    if "peak_rss" in result:
        text += f", peak RSS {result['peak_rss'] / 2**20:.0f} MB"
    return text


def _report(results: list[dict], pages: int) -> None:
    bare = next(r for r in results if r["label"] == "bare Scrapy spider")
    trafilatura = next((r for r in results if r["label"] == "trafilatura alone"), None)
    print("\nRates side by side (same run):")
    for result in results:
        ratios = f"{result['rate'] / bare['rate']:.2f}× bare"
        if trafilatura is not None:
            ratios += f", {result['rate'] / trafilatura['rate']:.2f}× trafilatura alone"
        print(f"  {result['label']:<40} {result['rate']:7.1f} pages/s  {ratios}")
    crawls = [r for r in results if "seconds" in r]
    if crawls:
        print("\nMilliseconds a stored page, by stage (download is latency, overlapped across requests; the others are CPU "
              "or database time in the crawl's processes):")
        print(f"  {'':<40} " + " ".join(f"{stage:>8}" for stage in STAGES) + "  commands/100 articles")
        for result in crawls:
            per_page = [1000 * result["seconds"].get(stage, 0.0) / max(result["pages"], 1) for stage in STAGES]
            # the embedded store is driven in process, not through pymongo: its commands are not counted
            commands = f"{100 * result['commands'] / max(result['pages'], 1):8.2f}" if "wire" in result["label"] else "     n/a"
            print(f"  {result['label']:<40} " + " ".join(f"{value:8.2f}" for value in per_page) + f"  {commands}")
        for result in crawls:
            # (a re-crawl finds every article already counted: its growth is not measured by count)
            growth = _growth(result["samples"], 2000, 10000) if pages >= 10000 and result["label"].startswith("full") else ""
            print(f"  {result['label']}: outcomes {result['outcomes']}, dropped {result['dropped'] or 'none'}{growth}")
    measured = [r for r in results if "cpu" in r]
    print(f"\nCPU milliseconds a page, by process (the crawl's includes its start-up and its page workers; "
          f"{os.cpu_count()} cores give at most {os.cpu_count()} × 1000 ms of CPU a second: the ceiling is the rate "
          "that allows, 'reached' the rate as a share of it):")
    print(f"  {'':<40} {'crawl':>8} {'page server':>12} {'store server':>13} {'all':>8}  ceiling on {os.cpu_count()} cores"
          "  reached")
    for result in measured:
        cpu = {name: 1000 * seconds / max(result["pages"], 1) for name, seconds in result["cpu"].items()}
        total = sum(cpu.values())
        ceiling = os.cpu_count() * 1000 / max(total, 1e-9)
        print(f"  {result['label']:<40} {cpu['crawl']:8.2f} {cpu['page server']:12.2f} {cpu['store server']:13.2f} "
              f"{total:8.2f}  {ceiling:7.1f} pages/s  {result['rate'] / ceiling:8.0%}")
