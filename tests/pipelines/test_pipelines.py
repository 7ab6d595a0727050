from datetime import UTC, datetime

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawler.items import Article
from newscrawler.pipelines import CleanPipeline, DatesPipeline
from newscrawler.pipelines.store import document_of


def run(pipeline_class, item):
    crawler = get_crawler()
    crawler.stats.open_spider()
    return pipeline_class.from_crawler(crawler).process_item(item), crawler.stats


def test_clean_pipeline_cleans_every_text_field_once():
    item = Article(url="https://a.com/1", outlet="x", title="  عنوان\u200f  الخبر ", body="إعلانوبهذا الصدد\nإعلان\nفقرة",
                   tags=["الکوری", "", "الكوري"], authors=["  كاتب "], source="الجديد برس ",
                   embeds=[{"type": "tweet", "url": "u", "text": "نص\u200b التغريدة"}])
    cleaned, _ = run(CleanPipeline, item)
    assert cleaned.title == "عنوان الخبر"
    assert cleaned.body == "وبهذا الصدد\nفقرة"
    assert cleaned.body_normalized == "وبهذا الصدد\nفقره"
    assert cleaned.tags == ["الكوري"] and cleaned.authors == ["كاتب"] and cleaned.source == "الجديد برس"
    assert cleaned.embeds[0]["text"] == "نص التغريدة"


def test_empty_body_is_dropped_and_counted():
    with pytest.raises(DropItem):
        run(CleanPipeline, Article(url="https://a.com/1", outlet="x", body="إعلان\nاضغط هنا"))


def test_dates_pipeline_uses_the_outlet_timezone_and_keeps_the_raw_string():
    item = Article(url="https://a.com/1", outlet="x", published_raw="الخميس 14 سبتمبر 2023 - 10:05 ص",
                   modified_raw="تاريخ غير مفهوم", timezone="Asia/Aden", fetched_at=datetime(2025, 1, 1, tzinfo=UTC))
    dated, stats = run(DatesPipeline, item)
    assert dated.published_at == datetime(2023, 9, 14, 7, 5, tzinfo=UTC)
    assert dated.modified_at is None and dated.modified_raw == "تاريخ غير مفهوم"
    assert stats.get_value("newscrawler/dates/unparsed") == 1


def test_stored_fields_come_only_from_the_item_definition():
    document = document_of(Article(url="https://a.com/1", outlet="x", timezone="Asia/Qatar"))
    assert "timezone" not in document
    assert set(document) <= set(Article.__dataclass_fields__)
