"""The only code that talks to MongoDB."""

from newscrawler.storage.articles import ArticleStore, content_hash
from newscrawler.storage.connection import Connection, connect
from newscrawler.storage.runs import RunStore

__all__ = ["ArticleStore", "Connection", "RunStore", "connect", "content_hash"]
