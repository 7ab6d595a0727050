"""Item pipelines, in order: clean → dates → store. Extraction hands them finished documents
(URLs normalised, read-also links decided); they clean the text, parse the dates and store."""

from newscrawler.pipelines.clean import CleanPipeline
from newscrawler.pipelines.dates import DatesPipeline
from newscrawler.pipelines.store import StorePipeline

__all__ = ["CleanPipeline", "DatesPipeline", "StorePipeline"]
