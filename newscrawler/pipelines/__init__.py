"""Item pipelines, in order: clean → dates → link → store."""

from newscrawler.pipelines.clean import CleanPipeline
from newscrawler.pipelines.dates import DatesPipeline
from newscrawler.pipelines.link import LinkPipeline
from newscrawler.pipelines.store import StorePipeline

__all__ = ["CleanPipeline", "DatesPipeline", "LinkPipeline", "StorePipeline"]
