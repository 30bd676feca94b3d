"""Searching intakes and reports: names as typed (hanzi or pinyin), ref, region, dates, pagination."""
import re

from sqlalchemy import select

from tracing import records
from tracing.models import Intake, MissingReport
from tracing.search import name_pinyin


def _refs(page: str, kinds: str = "reports") -> list[str]:
    return [r for r in re.findall(rf'href="/{kinds}/([^"/?]+)"', page) if r != "new"]


def _report(db, ref, name, **extra):
    return records.create(db, "report", {"ref": ref, "name": name, "source": "family", **extra})


def test_name_pinyin_uses_the_surname_reading_and_keeps_typed_pinyin():
    assert name_pinyin("单文丽") == "shanwenli"
    assert name_pinyin("曾国强") == "zengguoqiang"
    assert name_pinyin("欧阳锋") == "ouyangfeng"
    assert name_pinyin("吕小明") == "lvxiaoming"
    assert name_pinyin("Liu Jianguo") == "liujianguo"
    assert name_pinyin("") == "" and name_pinyin(None) == ""


def test_pinyin_typed_any_way_finds_the_hanzi_name(app, db, login):
    _report(db, "R-1", "单文丽")
    _report(db, "R-2", "刘建国")
    _report(db, "R-3", "牛建国")
    _report(db, "R-4", "柳建国")
    db.commit()
    client = login("volunteer")
    for q in ("shan wenli", "ShanWenLi", "shan'wen'li", "shanwen"):
        assert _refs(client.get("/reports/", query_string={"q": q}).get_data(as_text=True)) == ["R-1"], q
    assert sorted(_refs(client.get("/reports/", query_string={"q": "liu jian guo"}).get_data(as_text=True))) == ["R-2", "R-4"]
    assert _refs(client.get("/reports/", query_string={"q": "刘建"}).get_data(as_text=True)) == ["R-2"]
    assert _refs(client.get("/reports/", query_string={"q": "R-3"}).get_data(as_text=True)) == ["R-3"]


def test_name_pinyin_follows_edits_and_bulk_imports(app, db, tmp_path):
    rep = _report(db, "R-9", "王芳")
    db.commit()
    assert rep.name_pinyin == "wangfang"
    records.update(db, rep, {"name": "汪芳"}, expected_version=rep.version)
    db.commit()
    db.expire_all()
    assert db.get(MissingReport, rep.id).name_pinyin == "wangfang"
    records.update(db, db.get(MissingReport, rep.id), {"name": "黄芳"}, expected_version=None)
    db.commit()
    db.expire_all()
    assert db.get(MissingReport, rep.id).name_pinyin == "huangfang"
    (tmp_path / "i.csv").write_text("ref,name,sex\nI-1,曾小军,男\nI-2,,女\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "intakes", str(tmp_path / "i.csv")])
    assert result.exit_code == 0, result.output
    got = dict(db.execute(select(Intake.ref, Intake.name_pinyin)).all())
    assert got == {"I-1": "zengxiaojun", "I-2": ""}


def test_region_and_date_filters_narrow_the_list(app, db, login):
    _report(db, "R-A", "李明", hometown="湖南省永州市双牌县", missing_date="2019-05-01")
    _report(db, "R-B", "李强", hometown="四川省南充市", missing_date="2019-06-01")
    _report(db, "R-C", "李华", hometown="湖南省衡阳市", missing_date="2021-01-01")
    records.create(db, "intake", {"ref": "I-A", "name": "老李", "dialect": "湖南口音", "found_date": "2024-01-02"})
    records.create(db, "intake", {"ref": "I-B", "name": "老王", "place_hints": "南充;火车站", "found_date": "2023-05-02"})
    db.commit()
    client = login("staff")
    get = lambda kinds, **qs: _refs(client.get(f"/{kinds}/", query_string=qs).get_data(as_text=True), kinds)
    assert sorted(get("reports", region="湖南")) == ["R-A", "R-C"]
    _report(db, "R-D", "李军", hometown="永州双牌东岭村")       # no province written: the gazetteer knows it
    db.commit()
    assert sorted(get("reports", region="湖南")) == ["R-A", "R-C", "R-D"]
    assert sorted(get("reports", region="双牌县")) == ["R-A", "R-D"]
    assert get("reports", region="不存在的地方") == []
    rep = db.execute(select(MissingReport).where(MissingReport.ref == "R-D")).scalar_one()
    records.update(db, rep, {"hometown": "四川南充"}, expected_version=rep.version)
    db.commit()
    assert sorted(get("reports", region="湖南")) == ["R-A", "R-C"] and sorted(get("reports", region="南充")) == ["R-B", "R-D"]
    assert get("reports", q="li", region="湖南", date_to="2020-01-01") == ["R-A"]
    assert sorted(get("reports", date_from="2019-01-01", date_to="2019-12-31")) == ["R-A", "R-B"]
    # a bound typed as a year or a month covers the whole of it
    assert sorted(get("reports", date_from="2019", date_to="2019")) == ["R-A", "R-B"]
    assert get("intakes", region="湖南") == ["I-A"]
    assert get("intakes", region="南充") == ["I-B"]
    assert get("intakes", date_from="2024-01-01") == ["I-A"]
    resp = client.get("/reports/", query_string={"date_from": "去年"})
    assert resp.status_code == 400 and "date_from" in resp.get_data(as_text=True)


def test_pages_walk_every_match_once(app, db, login):
    given = "一二三四五六七八九十百千万亿甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东西南北中"
    names = ["王" + ch for ch in given] + ["王" + given[0] + ch for ch in given[:20]]
    assert len(set(names)) == 65
    for n, name in enumerate(names):
        _report(db, f"W-{n:03d}", name)
    _report(db, "X-1", "张三")
    db.commit()
    client = login("volunteer")
    seen = []
    for q in ("王", "wang"):
        seen = []
        page = 1
        while True:
            html = client.get("/reports/", query_string={"q": q, "page": page}).get_data(as_text=True)
            seen += _refs(html)
            if "下一页" not in html:
                break
            page += 1
        assert page == 3 and len(seen) == 65 and len(set(seen)) == 65 and "X-1" not in seen, q


def test_search_is_audited(app, db, login):
    from tracing.models import AuditEvent
    login("volunteer").get("/reports/", query_string={"q": "zhang"})
    ev = db.execute(select(AuditEvent).where(AuditEvent.action == "search")).scalar_one()
    assert ev.actor == "volunteer" and '"q":"zhang"' in ev.details
