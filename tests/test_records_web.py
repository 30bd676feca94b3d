"""Registering and editing records through the web pages."""
import re

from sqlalchemy import select

from tracing.models import AuditEvent, Intake, MissingReport, Photo


def test_staff_registers_an_intake_with_photo_and_sees_its_history(login, db, faces_dir):
    staff = login("staff")
    with open(faces_dir / "obama-1.jpg", "rb") as fh:
        resp = staff.post("/intakes/new", data={"ref": "A-001", "name": "牛建国", "sex": "男", "age_estimate": "约60岁",
                                                "dialect": "湖南口音", "place_hints": "双牌;河边", "status": "在站",
                                                "photos": (fh, "face.jpg")},
                          content_type="multipart/form-data")
    assert resp.status_code == 302
    page = staff.get(resp.headers["Location"]).get_data(as_text=True)
    assert "牛建国" in page and "双牌" in page and "新建" in page
    intake = db.execute(select(Intake).where(Intake.ref == "A-001")).scalar_one()
    assert intake.age_min == 55 and intake.age_max == 65
    photo = db.execute(select(Photo).where(Photo.owner_id == intake.id)).scalar_one()
    assert staff.get(f"/media/{photo.thumb_path}").status_code == 200


def test_field_errors_keep_the_input_and_name_the_field(login, db):
    staff = login("staff")
    resp = staff.post("/reports/new", data={"ref": "R-1", "name": "王芳", "birth_date": "19xx", "id_number": "110105194912310021"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "王芳" in page and "年份" not in page or "无法识别" in page
    assert "校验位" in page
    assert db.execute(select(MissingReport)).first() is None


def test_concurrent_edit_gets_a_conflict_and_keeps_the_second_users_input(login, db):
    a, b = login("staff"), login("staff2")
    a.post("/reports/new", data={"ref": "R-2", "name": "李强", "source": "family", "status": "open"})
    form_a = a.get("/reports/R-2/edit").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', form_a).group(1)
    b.post("/reports/R-2/edit", data={"ref": "R-2", "name": "李强", "hometown": "四川南充", "version": version,
                                      "source": "family", "status": "open"})
    resp = a.post("/reports/R-2/edit", data={"ref": "R-2", "name": "李强", "hometown": "湖南衡阳", "version": version,
                                             "source": "family", "status": "open"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 409 and "已被他人修改" in page and "湖南衡阳" in page and "四川南充" in page
    db.expire_all()
    assert db.execute(select(MissingReport.hometown)).scalar_one() == "四川南充"


def test_oversized_or_fake_photo_is_refused_and_record_is_kept(app, login, db):
    staff = login("staff")
    import io
    resp = staff.post("/intakes/new", data={"ref": "A-2", "photos": (io.BytesIO(b"MZ\x90\x00 not a jpeg"), "x.jpg")},
                      content_type="multipart/form-data", follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert "不是可识别的图片" in page
    assert db.execute(select(Intake.ref)).scalar_one() == "A-2"
    app.config["PHOTO_MAX_BYTES"] = 1000
    resp = staff.post("/intakes/A-2/edit", data={"ref": "A-2", "version": "1", "status": "在站",
                                                 "photos": (io.BytesIO(b"\xff" * 5000), "big.jpg")},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "超过" in resp.get_data(as_text=True)
    assert db.execute(select(Photo)).first() is None


def test_viewing_a_record_is_audited(login, db):
    staff = login("staff")
    staff.post("/reports/new", data={"ref": "R-3", "name": "x"})
    login("volunteer").get("/reports/R-3")
    ev = db.execute(select(AuditEvent).where(AuditEvent.action == "view")).scalars().all()
    assert [e.actor for e in ev] == ["volunteer"]


def test_volunteer_sees_masked_family_phone(login):
    login("staff").post("/reports/new", data={"ref": "R-4", "name": "x", "contact_phone": "13812345678"})
    assert "13812345678" not in login("volunteer").get("/reports/R-4").get_data(as_text=True)
    assert "13812345678" not in login("volunteer").get("/reports/").get_data(as_text=True)
    assert "13812345678" in login("staff").get("/reports/R-4").get_data(as_text=True)


def test_login_locks_after_repeated_failures(app, users):
    client = app.test_client()
    from tests.conftest import LoggedInClient
    c = LoggedInClient(app, None)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert c.post("/login", data={"username": "staff", "password": "wrong"}).status_code == 401
    assert c.post("/login", data={"username": "staff", "password": "correct-horse-battery"}).status_code == 429


def test_post_without_csrf_token_is_refused(app, users):
    client = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post("/login", data={"username": "staff", "password": "correct-horse-battery"})
    assert resp.status_code == 400


def test_a_missing_date_known_only_to_the_year_survives_editing_the_report(login, db):
    """The edit form shows "2019" as text (a date picker would turn it into a day), so saving
    another field keeps the year-only date the family gave."""
    staff = login("staff")
    staff.post("/reports/new", data={"ref": "R-3", "name": "周梅", "missing_date": "2019年", "source": "family",
                                     "status": "open"})
    form = staff.get("/reports/R-3/edit").get_data(as_text=True)
    field = re.search(r'<input type="(\w+)" id="f-missing_date" name="missing_date" value="([^"]*)"', form)
    assert field.groups() == ("text", "2019")
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    staff.post("/reports/R-3/edit", data={"ref": "R-3", "name": "周梅", "missing_date": field.group(2),
                                          "hometown": "湖南衡阳", "version": version, "source": "family",
                                          "status": "open"})
    db.expire_all()
    report = db.execute(select(MissingReport).where(MissingReport.ref == "R-3")).scalar_one()
    assert (report.hometown, report.missing_date_precision, report.missing_date_text) == ("湖南衡阳", "year", "2019年")
    assert "2019年" in staff.get("/reports/R-3").get_data(as_text=True)
