"""The only code that talks to MongoDB."""

from newscrawler.storage.articles import ArticleStore, content_hash
from newscrawler.storage.connection import Connection, connect

__all__ = ["ArticleStore", "Connection", "connect", "content_hash"]
