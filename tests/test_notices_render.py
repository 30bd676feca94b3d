"""Notice rendering: what the public sees, in every format, from one source."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

import numpy as np
import pytest
from PIL import Image, ImageDraw

from notices import (ContentError, NoticeContent, PoliceRequestContent, atom_feed, build_message,
                     json_feed, render_html, render_markdown, render_pdf, render_png,
                     render_police_letter_pdf, render_police_letter_text, render_text, rss_feed,
                     validate_letter_template)
from notices.content import UNSTATED_NAME

ID_NUMBER = "43112319590101123X"
FAMILY_PHONE = "13812345678"
PHONE = "0746-8221110"
URL = "https://xunqin.example.org/n/XQ-2024-0137"


@pytest.fixture
def photo(tmp_path):
    """A portrait-shaped synthetic photo (no real person needed)."""
    im = Image.new("RGB", (600, 800), (180, 190, 205))
    d = ImageDraw.Draw(im)
    d.ellipse((170, 120, 430, 420), fill=(225, 190, 160))
    d.rectangle((120, 450, 480, 800), fill=(40, 60, 110))
    path = tmp_path / "face.jpg"
    im.save(path, "JPEG")
    return str(path)


@pytest.fixture
def mapping(photo):
    return {
        "notice_no": "XQ-2024-0137", "station_name": "永州市救助管理站",
        "station_phone_24h": PHONE, "station_address": "湖南省永州市冷水滩区凤凰路118号",
        "photos": [photo, photo], "name_as_stated": "刘建国（音）", "sex": "男",
        "age_estimate": "约60岁", "height_cm": 168, "health_state": "神志清醒，言语表达不清",
        "features": "偏瘦，短发花白，左手缺小指，右眉上方有旧疤痕", "clothing": "蓝色旧夹克，灰色运动裤",
        "accent": "湖南口音", "found_date": "2024-03-05", "found_place": "冷水滩区火车站广场",
        "admitted_date": "2024-03-05", "public_url": URL,
        "published_at": "2024-03-06T09:00:00+08:00",
        # Fields a row may carry that must never reach the public:
        "id_number": ID_NUMBER, "family_phone": FAMILY_PHONE, "internal_notes": "疑似与R-1029同一人",
    }


@pytest.fixture
def notice(mapping):
    return NoticeContent.from_mapping(mapping)


@pytest.fixture
def withdrawn(mapping):
    return NoticeContent.from_mapping({**mapping, "status": "withdrawn", "withdrawn_reason": "identified"})


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def decode_qr(image: Image.Image) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [r.text for r in zxingcpp.read_barcodes(image)]


# ---------------------------------------------------------------- content


def test_text_never_contains_id_number_even_if_mapping_had_one(notice, mapping):
    outputs = [render_text(notice), render_text(notice, max_chars=140), render_html(notice),
               render_markdown(notice), json.dumps(build_message(notice).data, ensure_ascii=False)]
    for out in outputs:
        assert ID_NUMBER not in out
        assert FAMILY_PHONE not in out
        assert "R-1029" not in out
    assert not hasattr(notice, "id_number")


def test_id_and_mobile_numbers_typed_into_free_text_are_hidden(mapping):
    n = NoticeContent.from_mapping({**mapping, "features": f"自称身份证{ID_NUMBER}，儿子电话{FAMILY_PHONE}"})
    text = render_text(n)
    assert ID_NUMBER not in text and FAMILY_PHONE not in text
    assert "〔已隐去〕" in text
    assert PHONE in text  # the station's own phone is kept


def test_pdf_text_has_no_id_number(notice):
    assert ID_NUMBER not in pdf_text(render_pdf(notice))


def test_unstated_name_shows_unable_to_state(mapping):
    n = NoticeContent.from_mapping({**mapping, "name_as_stated": None})
    assert f"姓名：{UNSTATED_NAME}" in render_text(n)
    assert UNSTATED_NAME in render_html(n)


@pytest.mark.parametrize("field,value", [("found_date", "2024-13-45"), ("height_cm", "高"),
                                          ("sex", "?"), ("status", "deleted"),
                                          ("public_url", "javascript:alert(1)")])
def test_bad_field_is_a_clear_error_naming_it(mapping, field, value):
    with pytest.raises(ContentError) as exc:
        NoticeContent.from_mapping({**mapping, field: value})
    assert exc.value.field == field


def test_missing_phone_is_refused(mapping):
    mapping.pop("station_phone_24h")
    with pytest.raises(ContentError, match="station_phone_24h"):
        NoticeContent.from_mapping(mapping)


def test_missing_photo_file_names_the_photo(mapping, tmp_path):
    n = NoticeContent.from_mapping({**mapping, "photos": [str(tmp_path / "gone.jpg")]})
    with pytest.raises(ContentError, match=r"photos\[0\].*gone.jpg"):
        render_pdf(n)


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("limit", [45, 70, 140, 280])
def test_length_limited_text_keeps_phone_and_notice_number(notice, limit):
    text = render_text(notice, max_chars=limit)
    assert len(text) <= limit
    assert PHONE in text
    assert notice.notice_no in text


def test_length_limited_text_keeps_url_when_room(notice):
    assert URL in render_text(notice, max_chars=140)
    assert "左手缺小指" in render_text(notice, max_chars=200)


def test_too_short_limit_is_a_clear_error(notice):
    with pytest.raises(ContentError, match="max_chars"):
        render_text(notice, max_chars=20)


def test_full_text_lists_every_fact(notice):
    text = render_text(notice)
    for label, value in notice.facts():
        assert f"{label}：{value}" in text
    assert URL in text and PHONE in text


# ---------------------------------------------------------------- html


def test_html_page_is_standalone_zh_mobile(notice):
    html = render_html(notice)
    assert '<html lang="zh-CN">' in html
    assert 'name="viewport"' in html
    assert "data:image/jpeg;base64," in html  # photos embedded
    assert f'href="tel:{PHONE.replace("-", "")}"' in html
    assert "左手缺小指" in html


def test_html_uses_served_photo_urls_when_given(mapping):
    n = NoticeContent.from_mapping({**mapping, "photo_urls": ["https://x.example/p/1.jpg"]})
    html = render_html(n)
    assert "https://x.example/p/1.jpg" in html and "data:image" not in html


def test_html_escapes_staff_text(mapping):
    n = NoticeContent.from_mapping({**mapping, "features": "<script>alert(1)</script>"})
    html = render_html(n)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_withdrawn_html_has_no_personal_details(withdrawn, mapping):
    html = render_html(withdrawn)
    assert "已寻亲" in html
    for detail in ("刘建国", "左手缺小指", "蓝色旧夹克", "冷水滩区火车站广场", "湖南口音", "约60岁"):
        assert detail not in html
    assert "data:image" not in html and "<img" not in html
    assert 'content="noindex"' in html
    assert PHONE in html


def test_withdrawn_everywhere_has_no_personal_details(withdrawn):
    outputs = [render_text(withdrawn), render_markdown(withdrawn), pdf_text(render_pdf(withdrawn)),
               json.dumps(build_message(withdrawn).data, ensure_ascii=False)]
    for out in outputs:
        assert "左手缺小指" not in out and "刘建国" not in out
    assert "已寻亲" in render_text(withdrawn)


def test_withdrawal_reason_other_than_identified_says_withdrawn(mapping):
    n = NoticeContent.from_mapping({**mapping, "status": "withdrawn", "withdrawn_reason": "left"})
    assert "已撤回" in render_html(n) and "已寻亲" not in render_html(n)


# ---------------------------------------------------------------- pdf / png


def test_pdf_is_one_a4_page_with_embedded_cjk_font(notice):
    data = render_pdf(notice)
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data  # an embedded TrueType font program
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    fonts = out.splitlines()[2:]
    assert fonts, out
    for line in fonts:
        cols = line.split()
        emb = cols[-5]
        assert emb == "yes", f"font not embedded: {line}"
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert "595.276 x 841.89" in info  # A4 in points
    flat = "".join(pdf_text(data).split())
    assert "寻亲公告" in flat and PHONE in flat


def test_pdf_qr_code_decodes_to_public_url(notice, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(render_pdf(notice))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
                   check=True)
    assert URL in decode_qr(Image.open(tmp_path / "p.png"))


def test_png_card_is_1080_by_1350_and_its_qr_decodes(notice):
    im = Image.open(io.BytesIO(render_png(notice)))
    assert im.format == "PNG"
    assert im.size == (1080, 1350)
    assert URL in decode_qr(im)


def test_withdrawn_png_differs_and_shows_no_photo(notice, withdrawn):
    active = Image.open(io.BytesIO(render_png(notice))).convert("RGB")
    gone = Image.open(io.BytesIO(render_png(withdrawn))).convert("RGB")
    # The synthetic photo's skin tone appears on the active card only.
    skin = (225, 190, 160)
    def has_skin(im):
        px = np.asarray(im.resize((270, 338)), dtype=int)
        return bool((np.abs(px - skin).max(axis=2) < 6).any())
    assert has_skin(active) and not has_skin(gone)


def test_notice_without_photo_or_url_still_renders(mapping):
    n = NoticeContent.from_mapping({**mapping, "photos": [], "public_url": ""})
    assert render_pdf(n).startswith(b"%PDF")
    assert "暂无照片" in render_html(n)
    assert Image.open(io.BytesIO(render_png(n))).size == (1080, 1350)


def test_long_description_still_fits_one_page(mapping):
    n = NoticeContent.from_mapping({**mapping, "features": "右臂有青色龙形纹身，" * 60})
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) not installed")
    data = render_pdf(n)
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert "右臂有青色龙形纹身" in "".join(pdf_text(data).split())


# ---------------------------------------------------------------- police letter


@pytest.fixture
def police(photo):
    return PoliceRequestContent.from_mapping({
        "ref_no": "永救协〔2024〕017号", "kinds": ["fingerprint", "dna"],
        "police_unit": "永州市公安局冷水滩分局", "station_name": "永州市救助管理站",
        "station_address": "湖南省永州市冷水滩区凤凰路118号", "contact_person": "李明",
        "contact_phone": PHONE, "intake_ref": "YZ-2024-0137", "photo": photo,
        "name_as_stated": None, "sex": "男", "age_estimate": "约60岁", "features": "左手缺小指",
        "letter_date": "2024-03-06", "reply_due_date": "2024-04-05", "id_number": ID_NUMBER,
    })


def test_police_letter_has_header_reference_person_asks_and_contact(police):
    text = pdf_text(render_police_letter_pdf(police))
    flat = "".join(text.split())
    for expected in ("永州市救助管理站", "永救协〔2024〕017号", "永州市公安局冷水滩分局", "指纹比对",
                     "DNA采样及比对", "左手缺小指", UNSTATED_NAME, "李明", PHONE, "2024年4月5日"):
        assert expected in flat, expected
    assert "人像比对：" not in flat  # not asked
    assert ID_NUMBER not in flat


def test_police_letter_uses_an_edited_template(police):
    template = "# 协查请求\n\n{{ police_unit }}：请对{{ kinds_text }}予以协助。\n\n[[人员信息]]\n\n[[落款]]"
    text = render_police_letter_text(police, template)
    assert "请对指纹比对及DNA采样及比对予以协助" in text
    flat = "".join(pdf_text(render_police_letter_pdf(police, template)).split())
    assert "协查请求" in flat and "左手缺小指" in flat


def test_template_typo_names_the_placeholder(police):
    with pytest.raises(ContentError, match="polic_unit"):
        render_police_letter_pdf(police, "{{ polic_unit }}")
    with pytest.raises(ContentError, match="line 1"):
        validate_letter_template("{% if %}")


def test_template_cannot_reach_python_internals(police):
    with pytest.raises(ContentError, match="template"):
        render_police_letter_text(police, "{{ ''.__class__.__mro__[1].__subclasses__() }}")


def test_police_kinds_are_validated(police):
    with pytest.raises(ContentError, match="kinds"):
        PoliceRequestContent.from_mapping({"ref_no": "1", "kinds": ["teeth"], "police_unit": "x",
                                           "station_name": "y"})


# ---------------------------------------------------------------- feeds


NOW = datetime(2024, 4, 1, tzinfo=timezone.utc)


def test_rss_feed_parses_and_withdrawn_item_keeps_guid_without_details(notice, withdrawn, mapping):
    other = NoticeContent.from_mapping({**mapping, "notice_no": "XQ-2024-0200"})
    gone = NoticeContent.from_mapping({**mapping, "notice_no": "XQ-2024-0100", "status": "withdrawn",
                                       "withdrawn_reason": "identified"})
    root = ET.fromstring(rss_feed([other, gone], title="永州寻亲", site_url="https://x/",
                                  feed_url="https://x/rss", now=NOW))
    items = root.findall("./channel/item")
    assert {i.findtext("guid") for i in items} == {"urn:x-tracing-notice:XQ-2024-0200",
                                                   "urn:x-tracing-notice:XQ-2024-0100"}
    by_guid = {i.findtext("guid"): i for i in items}
    gone_item = by_guid["urn:x-tracing-notice:XQ-2024-0100"]
    assert "已寻亲" in gone_item.findtext("title")
    assert "左手缺小指" not in ET.tostring(gone_item, encoding="unicode")
    assert "左手缺小指" in by_guid["urn:x-tracing-notice:XQ-2024-0200"].findtext("description")


def test_atom_feed_uses_tombstones_for_withdrawn(notice, withdrawn, mapping):
    active = NoticeContent.from_mapping({**mapping, "notice_no": "XQ-2024-0200"})
    root = ET.fromstring(atom_feed([active, withdrawn], title="永州寻亲", site_url="https://x/",
                                   feed_url="https://x/atom", now=NOW))
    ns = {"a": "http://www.w3.org/2005/Atom", "at": "http://purl.org/atompub/tombstones/1.0"}
    entries = root.findall("a:entry", ns)
    tombs = root.findall("at:deleted-entry", ns)
    assert [e.findtext("a:id", namespaces=ns) for e in entries] == ["urn:x-tracing-notice:XQ-2024-0200"]
    assert [t.get("ref") for t in tombs] == ["urn:x-tracing-notice:XQ-2024-0137"]
    assert tombs[0].get("when")
    assert "左手缺小指" not in ET.tostring(tombs[0], encoding="unicode")


def test_json_feed_is_jsonfeed_1_1(notice, withdrawn, mapping):
    active = NoticeContent.from_mapping({**mapping, "notice_no": "XQ-2024-0200",
                                         "photo_urls": ["https://x/p.jpg"]})
    feed = json.loads(json_feed([active, withdrawn], title="永州寻亲", site_url="https://x/",
                                feed_url="https://x/feed.json", now=NOW))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    items = {i["id"]: i for i in feed["items"]}
    assert items["urn:x-tracing-notice:XQ-2024-0200"]["image"] == "https://x/p.jpg"
    gone = items["urn:x-tracing-notice:XQ-2024-0137"]
    assert gone["_tracing"]["status"] == "withdrawn"
    assert "image" not in gone and "左手缺小指" not in json.dumps(gone, ensure_ascii=False)
    for item in feed["items"]:
        assert item["content_text"] and item["date_modified"]


@pytest.mark.parametrize("fmt,magic", [("txt", "【寻亲公告】".encode()), ("html", b"<!DOCTYPE html>"),
                                       ("pdf", b"%PDF"), ("png", b"\x89PNG")])
def test_render_as_each_format(notice, fmt, magic):
    from notices import render_as
    assert render_as(notice, fmt).startswith(magic)


def test_render_as_unknown_format_is_clear_error(notice):
    from notices import render_as
    with pytest.raises(ContentError, match="format"):
        render_as(notice, "docx")
