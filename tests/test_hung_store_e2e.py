"""A MongoDB that hangs (stopped with SIGSTOP, its socket open and silent) does not freeze the
crawl: no database call runs on the reactor thread, so pages keep being fetched while it is
stopped, and once it is back nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from newscrawler.mirror.server import MirrorServer
from newscrawler.storage.journal import pending
from tests.sites import fetched
from tests.test_outage_e2e import PROJECT, StoreServer, assert_stored_once_with_links, crawl, free_port, site

pytestmark = [pytest.mark.e2e, pytest.mark.stops_server]
STOPPED_SECONDS = 6.0


def test_pages_keep_being_fetched_while_mongodb_is_stopped(tmp_path):
    sitemap, pages = site(tmp_path / "mirror", 60)
    journal = tmp_path / "journal"
    server = StoreServer(tmp_path / "store", free_port()).start()
    try:
        with MirrorServer(tmp_path / "mirror", delay=0.4) as mirror:
            # the store is asked again 0.2 s after each failure: every chance to block the crawl
            running = crawl(server.uri, "newscrawler", mirror, journal, "-a", f"sitemap={sitemap}",
                            "-s", "NEWSCRAWLER_MONGO_RETRY_SECONDS=0.2", wait=False)
            deadline = time.monotonic() + 120
            while len(fetched(mirror.requested)) < 4 and time.monotonic() < deadline:
                assert running.poll() is None, running.communicate()[1][-3000:]
                time.sleep(0.02)
            # Hung while the listed pages are being fetched and stored: the writes, the journal's
            # flushes and any look-up of what is stored meet a server that does not answer.
            server.process.send_signal(signal.SIGSTOP)
            stopped_at, before_stop = time.monotonic(), len(fetched(mirror.requested))
            time.sleep(STOPPED_SECONDS)
            during_stop = len(fetched(mirror.requested)) - before_stop
            server.process.send_signal(signal.SIGCONT)
            stopped_for = time.monotonic() - stopped_at
            _, err = running.communicate(timeout=300)
        # each page takes the mirror 0.4 s: dozens in six seconds; a crawl that waited on the server
        # before its pages (the re-crawl check on the reactor thread, at 49af542) fetches none
        print(f"{during_stop} pages fetched in the {stopped_for:.1f} s MongoDB was stopped")
        assert during_stop >= 15, err[-3000:]
        assert running.returncode in (0, 1), err[-3000:]
        assert "Traceback" not in err

        env = {**os.environ, "MONGO_URI": server.uri, "NEWSCRAWLER_JOURNAL_DIR": str(journal)}
        replayed = subprocess.run([sys.executable, "-m", "newscrawler", "journal", "replay"], cwd=PROJECT, env=env,
                                  capture_output=True, text=True, timeout=120)
        assert replayed.returncode == 0, replayed.stdout + replayed.stderr
        assert pending(journal) == {}
        with server.client() as client:
            assert_stored_once_with_links(client.newscrawler, pages)
    finally:
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGCONT)
            server.kill()
