"""Feeds of current notices: RSS 2.0, Atom and JSON Feed 1.1.

Withdrawals have to reach aggregators that already hold the old item:
- Atom: a tombstone per RFC 6721 (<at:deleted-entry ref=... when=...>);
- RSS 2.0 and JSON Feed have no deletion, so the item stays under the same
  guid/id with a title saying 已寻亲/已撤回 and no personal details (JSON Feed
  adds an "_tracing": {"status": "withdrawn"} extension object).
Item ids are derived from the notice number, never from URLs, so they stay
stable when the site moves.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Iterable
from xml.etree import ElementTree as ET

from .content import NoticeContent
from .render import render_text

ATOM_NS = "http://www.w3.org/2005/Atom"
TOMBSTONE_NS = "http://purl.org/atompub/tombstones/1.0"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"


def item_id(content: NoticeContent) -> str:
    return f"urn:x-tracing-notice:{content.notice_no}"


def _updated(c: NoticeContent, now: datetime) -> datetime:
    return c.updated_at or c.published_at or now


def _published(c: NoticeContent, now: datetime) -> datetime:
    return c.published_at or c.updated_at or now


def _summary(c: NoticeContent) -> str:
    return render_text(c, max_chars=300)


def _sorted(notices: Iterable[NoticeContent], now: datetime) -> list[NoticeContent]:
    return sorted(notices, key=lambda c: _updated(c, now), reverse=True)


def _now(now: datetime | None) -> datetime:
    now = now or datetime.now(timezone.utc)
    return now if now.tzinfo else now.replace(tzinfo=timezone.utc)


def rss_feed(notices: Iterable[NoticeContent], *, title: str, site_url: str, feed_url: str,
             description: str = "救助管理站寻亲公告", now: datetime | None = None) -> bytes:
    """RSS 2.0 (UTF-8 bytes)."""
    now = _now(now)
    items = _sorted(notices, now)
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    ch = ET.SubElement(rss, "channel")
    ET.SubElement(ch, "title").text = title
    ET.SubElement(ch, "link").text = site_url
    ET.SubElement(ch, "description").text = description
    ET.SubElement(ch, "language").text = "zh-CN"
    ET.SubElement(ch, "lastBuildDate").text = format_datetime(now)
    ET.SubElement(ch, f"{{{ATOM_NS}}}link", {"href": feed_url, "rel": "self",
                                             "type": "application/rss+xml"})
    for c in items:
        it = ET.SubElement(ch, "item")
        ET.SubElement(it, "title").text = c.title
        if c.public_url:
            ET.SubElement(it, "link").text = c.public_url
        ET.SubElement(it, "guid", {"isPermaLink": "false"}).text = item_id(c)
        ET.SubElement(it, "pubDate").text = format_datetime(_updated(c, now))
        ET.SubElement(it, "description").text = _summary(c)
        ET.SubElement(it, "category").text = "已撤回" if c.withdrawn else "寻亲公告"
        if c.photo_urls and not c.withdrawn:
            ET.SubElement(it, "enclosure", {"url": c.photo_urls[0], "type": "image/jpeg",
                                            "length": "0"})
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def atom_feed(notices: Iterable[NoticeContent], *, title: str, site_url: str, feed_url: str,
              now: datetime | None = None) -> bytes:
    """Atom 1.0 with RFC 6721 tombstones for withdrawn notices."""
    now = _now(now)
    items = _sorted(notices, now)
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("at", TOMBSTONE_NS)
    a = f"{{{ATOM_NS}}}"
    feed = ET.Element(f"{a}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    ET.SubElement(feed, f"{a}id").text = feed_url
    ET.SubElement(feed, f"{a}title").text = title
    ET.SubElement(feed, f"{a}updated").text = (
        max((_updated(c, now) for c in items), default=now).isoformat())
    ET.SubElement(feed, f"{a}link", {"href": feed_url, "rel": "self"})
    ET.SubElement(feed, f"{a}link", {"href": site_url, "rel": "alternate"})
    author = ET.SubElement(feed, f"{a}author")
    ET.SubElement(author, f"{a}name").text = title
    for c in items:
        if c.withdrawn:
            tomb = ET.SubElement(feed, f"{{{TOMBSTONE_NS}}}deleted-entry",
                                 {"ref": item_id(c), "when": _updated(c, now).isoformat()})
            ET.SubElement(tomb, f"{{{TOMBSTONE_NS}}}comment").text = c.title
            continue
        e = ET.SubElement(feed, f"{a}entry")
        ET.SubElement(e, f"{a}id").text = item_id(c)
        ET.SubElement(e, f"{a}title").text = c.title
        ET.SubElement(e, f"{a}updated").text = _updated(c, now).isoformat()
        ET.SubElement(e, f"{a}published").text = _published(c, now).isoformat()
        if c.public_url:
            ET.SubElement(e, f"{a}link", {"href": c.public_url, "rel": "alternate"})
        if c.photo_urls:
            ET.SubElement(e, f"{a}link", {"href": c.photo_urls[0], "rel": "enclosure",
                                          "type": "image/jpeg"})
        ET.SubElement(e, f"{a}summary").text = _summary(c)
        ET.SubElement(e, f"{a}content", {"type": "text"}).text = render_text(c)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(notices: Iterable[NoticeContent], *, title: str, site_url: str, feed_url: str,
              now: datetime | None = None) -> str:
    """JSON Feed 1.1 (text; serve as application/feed+json)."""
    now = _now(now)
    items = []
    for c in _sorted(notices, now):
        item: dict = {
            "id": item_id(c),
            "title": c.title,
            "content_text": render_text(c),
            "summary": _summary(c),
            "date_published": _published(c, now).isoformat(),
            "date_modified": _updated(c, now).isoformat(),
            "tags": ["已撤回" if c.withdrawn else "寻亲公告"],
            "_tracing": {"status": c.status, "notice_no": c.notice_no},
        }
        if c.public_url:
            item["url"] = c.public_url
        if c.photo_urls and not c.withdrawn:
            item["image"] = c.photo_urls[0]
        if c.withdrawn:
            item["_tracing"]["label"] = c.withdrawn_label
        else:
            item["_tracing"].update({"sex": c.sex, "age_estimate": c.age_estimate,
                                     "station_phone_24h": c.station_phone_24h})
        items.append(item)
    feed = {"version": JSONFEED_VERSION, "title": title, "home_page_url": site_url,
            "feed_url": feed_url, "language": "zh-CN", "items": items}
    return json.dumps(feed, ensure_ascii=False, indent=1)
