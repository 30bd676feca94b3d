"""Importing from the browser: upload, preview with row errors, import in the queue, progress page."""
import io
import re

from sqlalchemy import select

from tracing.models import ImportBatch, MissingReport

CSV = ("编号,姓名,性别,出生日期,籍贯\nW1,张伟,男,1980,河南省周口市\nW2,李娜,女,19xx,\n").encode("gbk")


def test_upload_preview_shows_row_errors_then_import_keeps_good_rows(login, db):
    staff = login("staff")
    resp = staff.post("/imports/", data={"kind": "reports", "file": (io.BytesIO(CSV), "家属登记.csv")},
                      content_type="multipart/form-data")
    assert resp.status_code == 302
    preview_url = resp.headers["Location"]
    page = staff.get(preview_url).get_data(as_text=True)
    assert "张伟" in page and "[birth_date]" in page
    resp = staff.post(preview_url.split("?")[0], data={"kind": "reports", "name": "家属登记.csv"})
    status_url = resp.headers["Location"]
    batch_id = int(re.search(r"/imports/(\d+)", status_url).group(1))
    status = staff.get(status_url).get_data(as_text=True)
    assert "完成" in status and "birth_date" in status and "19xx" in status
    batch = db.get(ImportBatch, batch_id)
    assert (batch.status, batch.rows_created, batch.rows_failed) == ("done", 1, 1)
    assert batch.errors[0]["row"] == 3 and batch.errors[0]["field"] == "birth_date"
    assert db.execute(select(MissingReport.ref)).scalars().all() == ["W1"]
    assert staff.get(f"/imports/{batch_id}.json").get_json()["created"] == 1


def test_broken_file_is_named_on_the_preview_and_nothing_is_stored(login, db):
    staff = login("staff")
    resp = staff.post("/imports/", data={"kind": "reports", "file": (io.BytesIO(b"name,sex\nx,y\n"), "bad.csv")},
                      content_type="multipart/form-data")
    page = staff.get(resp.headers["Location"]).get_data(as_text=True)
    assert "缺少编号列" in page
    assert db.execute(select(MissingReport)).first() is None


def test_volunteer_cannot_import(login):
    resp = login("volunteer").post("/imports/", data={"kind": "reports", "file": (io.BytesIO(CSV), "x.csv")},
                                   content_type="multipart/form-data")
    assert resp.status_code == 403
