"""Faces in the workbench: encodings stored in the background, group photos, face search
(page and CLI), deletions, resumable bulk encoding, face candidates for the matcher."""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import delete, select, update

from tracing.faces import service
from tracing.faces.codec import encoding_from_bytes
from tracing.faces.encoder import encode_image
from tracing.models import AuditEvent, FaceEncoding, Intake, MissingReport, Photo

KINDS = {"intake": "intakes", "report": "reports"}


def add_record(client, kind: str, ref: str, photo=None, **fields):
    """Register a record through the web form, with an optional photo (path or (bytes, name))."""
    data = {"ref": ref, **fields}
    if photo is not None:
        if isinstance(photo, tuple):
            data["photos"] = (io.BytesIO(photo[0]), photo[1])
        else:
            data["photos"] = (io.BytesIO(photo.read_bytes()), photo.name)
    resp = client.post(f"/{KINDS[kind]}/new", data=data, content_type="multipart/form-data")
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    return resp


def record_id(db, kind, ref):
    model = Intake if kind == "intake" else MissingReport
    return db.execute(select(model.id).where(model.ref == ref)).scalar_one()


def photo_of(db, kind, ref) -> Photo:
    rid = record_id(db, kind, ref)
    return db.execute(select(Photo).where(Photo.owner_type == kind, Photo.owner_id == rid)).scalar_one()


def faces_of(db, photo_id):
    db.expire_all()
    return list(db.execute(select(FaceEncoding).where(FaceEncoding.photo_id == photo_id)
                           .order_by(FaceEncoding.face_index)).scalars())


def png_without_face() -> bytes:
    x = np.linspace(0, 255, 320, dtype=np.uint8)
    img = Image.fromarray(np.stack([np.tile(x, (240, 1))] * 3, axis=2))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def staff(login):
    return login("staff")


@pytest.fixture
def two_reports(staff, faces_dir):
    """Report R-OBAMA with obama-1 and R-BIDEN with biden-1, encoded (tasks run immediately in tests)."""
    add_record(staff, "report", "R-OBAMA", faces_dir / "obama-1.jpg", name="奥巴马")
    add_record(staff, "report", "R-BIDEN", faces_dir / "biden-1.jpg", name="拜登")


def test_uploaded_photo_gets_its_face_encoded_and_stored_with_its_owner(app, db, staff, faces_dir):
    add_record(staff, "intake", "A-1", faces_dir / "obama-2.jpg")
    photo = photo_of(db, "intake", "A-1")
    faces = faces_of(db, photo.id)
    assert photo.face_status == "ok" and photo.face_error == ""
    assert len(faces) == 1
    face = faces[0]
    assert face.is_subject and face.owner_type == "intake" and face.owner_id == photo.owner_id
    assert face.area == (face.box_right - face.box_left) * (face.box_bottom - face.box_top) > 0
    assert encoding_from_bytes(face.encoding).shape == (128,)


def test_reencoding_a_photo_replaces_its_faces_instead_of_adding_more(app, db, staff, faces_dir):
    add_record(staff, "intake", "A-1", faces_dir / "obama-2.jpg")
    photo = photo_of(db, "intake", "A-1")
    before = [f.id for f in faces_of(db, photo.id)]
    assert service.encode_photo(app, photo.id, force=True) == "ok"
    after = faces_of(db, photo.id)
    assert len(after) == len(before) == 1 and after[0].id not in before


def test_group_photo_finds_both_faces_largest_is_the_person_and_staff_can_pick_the_other(app, db, login, staff,
                                                                                          faces_dir):
    add_record(staff, "report", "R-G", faces_dir / "group-two-people.jpg", name="合影")
    photo = photo_of(db, "report", "R-G")
    faces = faces_of(db, photo.id)
    assert len(faces) == 2
    largest = max(faces, key=lambda f: f.area)
    other = next(f for f in faces if f is not largest)
    assert largest.is_subject and not other.is_subject
    other_box, other_encoding = (other.box_left, other.box_top), encoding_from_bytes(other.encoding)

    page = staff.get("/reports/R-G").get_data(as_text=True)
    assert "合影中的人脸" in page and "设为本人" in page
    assert staff.get(f"/faces/{other.id}/crop.jpg").headers["Content-Type"] == "image/jpeg"

    url = f"/reports/R-G/photos/{photo.id}/faces/{other.id}/subject"
    assert login("volunteer").post(url).status_code == 403
    assert staff.post(url).status_code == 302
    faces = faces_of(db, photo.id)
    assert [(f.box_left, f.box_top) for f in faces if f.is_subject] == [other_box]
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "face.subject")).scalar_one()
    assert event.actor == "staff" and event.object_ref == "R-G"
    rid = record_id(db, "report", "R-G")
    picked = service.subject_encodings(db, "report", [rid])[rid]
    assert len(picked) == 1 and np.array_equal(picked[0], other_encoding)

    # Encoding the photo again keeps the face staff picked.
    service.encode_photo(app, photo.id, force=True)
    again = faces_of(db, photo.id)
    subject = next(f for f in again if f.is_subject)
    assert (subject.box_left, subject.box_top) == other_box


def test_photo_without_a_face_says_so_on_the_record_page(app, db, staff):
    add_record(staff, "intake", "A-2", (png_without_face(), "wall.png"))
    photo = photo_of(db, "intake", "A-2")
    assert photo.face_status == "no_face" and faces_of(db, photo.id) == []
    assert "未检测到人脸" in staff.get("/intakes/A-2").get_data(as_text=True)


def test_stored_photo_that_turned_into_text_gets_an_error_status_not_an_exception(app, db, staff, faces_dir):
    add_record(staff, "intake", "A-3", faces_dir / "obama-1.jpg")
    photo = photo_of(db, "intake", "A-3")
    (Path(app.config["MEDIA_PATH"]) / photo.path).write_text("this is not a jpeg\n")
    assert service.encode_photo(app, photo.id, force=True) == "error"
    db.expire_all()
    photo = db.get(Photo, photo.id)
    assert "无法读取图片" in photo.face_error and faces_of(db, photo.id) == []
    page = staff.get("/intakes/A-3").get_data(as_text=True)
    assert "无法识别人脸" in page


def test_deleting_a_photo_deletes_its_encodings_and_search_stops_finding_it(app, db, staff, faces_dir, two_reports):
    query = encode_image(faces_dir / "obama-2.jpg").faces[0].encoding
    obama = record_id(db, "report", "R-OBAMA")
    with app.app_context():
        assert service.nearest(db, query, k=5, kind="report")[0][1] == obama   # index now loaded in this process
    photo = photo_of(db, "report", "R-OBAMA")
    assert staff.post(f"/reports/R-OBAMA/photos/{photo.id}/delete").status_code == 302
    assert db.execute(select(FaceEncoding).where(FaceEncoding.photo_id == photo.id)).first() is None
    with app.app_context():
        hits = service.nearest(db, query, k=5, kind="report")
    assert [h[1] for h in hits] == [record_id(db, "report", "R-BIDEN")]


def test_face_deleted_by_another_process_is_never_returned(app, db, faces_dir, two_reports):
    query = encode_image(faces_dir / "biden-2.jpg").faces[0].encoding
    with app.app_context():
        assert len(service.nearest(db, query, k=5)) == 2
    biden = photo_of(db, "report", "R-BIDEN")
    db.execute(delete(Photo).where(Photo.id == biden.id))        # plain SQL: the database cascade, no ORM events
    with app.app_context():
        hits = service.nearest(db, query, k=5)
        assert [h[1] for h in hits] == [record_id(db, "report", "R-OBAMA")]
        assert len(service.index_store().get(db)) == 1


def test_index_snapshot_reloads_and_reconciles_with_the_database(app, db, staff, faces_dir, two_reports):
    with app.app_context():
        store = service.index_store()
        store.get(db)
        store.save()
    add_record(staff, "intake", "A-9", faces_dir / "obama-3.jpg")
    db.execute(delete(Photo).where(Photo.id == photo_of(db, "report", "R-BIDEN").id))
    fresh = service.IndexStore(store.directory)
    idx = fresh.get(db)
    assert fresh.source == "snapshot"
    in_db = set(db.execute(select(FaceEncoding.id)).scalars())
    assert set(idx.keys.tolist()) == in_db and len(in_db) == 2


def test_nameless_intake_gets_the_report_with_the_nearest_face_first_and_vice_versa(app, db, staff, faces_dir,
                                                                                    two_reports):
    add_record(staff, "intake", "A-OBAMA", faces_dir / "obama-2.jpg")
    add_record(staff, "intake", "A-BIDEN", faces_dir / "biden-2.jpg")
    obama_r, biden_r = record_id(db, "report", "R-OBAMA"), record_id(db, "report", "R-BIDEN")
    obama_i, biden_i = record_id(db, "intake", "A-OBAMA"), record_id(db, "intake", "A-BIDEN")
    with app.app_context():
        for_obama = service.face_candidate_ids(db, "intake", obama_i)
        for_biden = service.face_candidate_ids(db, "intake", biden_i)
        for_report = service.face_candidate_ids(db, "report", biden_r)
        near_only = service.face_candidate_ids(db, "intake", obama_i, max_distance=0.6)
    assert [r for r, _ in for_obama] == [obama_r, biden_r]
    assert for_obama[0][1] < 0.6 < for_obama[1][1]
    assert [r for r, _ in for_biden] == [biden_r, obama_r]
    assert [i for i, _ in for_report] == [biden_i, obama_i]
    assert [r for r, _ in near_only] == [obama_r]


def test_faces_search_cli_ranks_the_obama_report_above_the_biden_report(app, db, faces_dir, two_reports):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["faces", "search", str(faces_dir / "obama-2.jpg"), "--top", "5"])
    assert result.exit_code == 0, result.output
    refs = re.findall(r"^\s+report\s+(\S+)\s+([0-9.]+)", result.output, re.M)
    assert [r for r, _ in refs] == ["R-OBAMA", "R-BIDEN"]
    assert float(refs[0][1]) < float(refs[1][1])
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "face.search")).scalar_one()
    assert event.actor == "cli" and "R-OBAMA" in event.details


def test_faces_search_cli_names_a_photo_that_is_not_an_image(app, tmp_path):
    fake = tmp_path / "notes.jpg"
    fake.write_text("hello")
    result = app.test_cli_runner().invoke(args=["faces", "search", str(fake)])
    assert result.exit_code != 0 and "notes.jpg" in result.output and "不是可识别的图片" in result.output


def test_faces_encode_missing_resumes_where_it_stopped(app, db, staff, faces_dir):
    for ref, name in (("A-1", "obama-1.jpg"), ("A-2", "biden-1.jpg"), ("A-3", "obama-3.jpg")):
        add_record(staff, "intake", ref, faces_dir / name)
    done = photo_of(db, "intake", "A-1")
    done_face = faces_of(db, done.id)[0].id
    interrupted = [photo_of(db, "intake", r).id for r in ("A-2", "A-3")]
    # As if a bulk run stopped: these two were never encoded (or failed).
    db.execute(delete(FaceEncoding).where(FaceEncoding.photo_id.in_(interrupted)))
    db.execute(update(Photo).where(Photo.id == interrupted[0]).values(face_status="pending"))
    db.execute(update(Photo).where(Photo.id == interrupted[1]).values(face_status="error", face_error="x"))

    runner = app.test_cli_runner()
    result = runner.invoke(args=["faces", "encode", "--missing"])
    assert result.exit_code == 0, result.output
    assert "2 photos: 2 with faces" in result.output
    assert [f.id for f in faces_of(db, done.id)] == [done_face]            # untouched
    for pid in interrupted:
        assert db.get(Photo, pid).face_status == "ok" and len(faces_of(db, pid)) == 1
    again = runner.invoke(args=["faces", "encode"])
    assert again.exit_code == 0 and "nothing to encode" in again.output


def test_face_search_page_is_for_staff_and_volunteers_and_every_search_is_audited(app, db, login, faces_dir,
                                                                                   two_reports):
    publisher = login("publisher")
    assert publisher.get("/faces/search").status_code == 403
    volunteer = login("volunteer")
    assert "人脸搜索" in volunteer.get("/faces/search").get_data(as_text=True)
    with open(faces_dir / "obama-2.jpg", "rb") as fh:
        resp = volunteer.post("/faces/search", data={"photo": (fh, "o2.jpg"), "top": "5"},
                              content_type="multipart/form-data")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert page.index("R-OBAMA") < page.index("R-BIDEN")
    assert "高度相似" in page
    events = db.execute(select(AuditEvent).where(AuditEvent.action == "face.search")).scalars().all()
    assert [e.actor for e in events] == ["volunteer"]
    assert db.execute(select(Photo).where(Photo.owner_type.notin_(("report",)))).first() is None   # nothing stored

    resp = volunteer.post("/faces/search", data={"photo": (io.BytesIO(b"plain text, not a photo"), "x.jpg")},
                          content_type="multipart/form-data")
    assert resp.status_code == 400 and "不是可识别的图片" in resp.get_data(as_text=True)


def test_export_never_contains_face_encodings(app, db, tmp_path, faces_dir, two_reports):
    runner = app.test_cli_runner()
    for name in ("reports.jsonl", "reports.csv"):
        out = tmp_path / name
        result = runner.invoke(args=["export", "reports", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8-sig")
        assert "R-OBAMA" in text
        assert "encoding" not in text.lower() and "face" not in text.lower()
        floats = re.findall(r"-?0\.\d{4,}", text)
        assert len(floats) < 16          # a 128-number vector would show up as a long run of floats


def test_match_all_encodes_photos_a_workerless_import_left_pending(app, db, tmp_path, faces_dir):
    from tracing.models import Candidate

    for name in ("obama-1.jpg", "biden-1.jpg", "obama-2.jpg", "biden-2.jpg"):
        (tmp_path / name).write_bytes((faces_dir / name).read_bytes())
    (tmp_path / "reports.csv").write_text("ref,name,sex,photos\nR-1,王建国,男,obama-1.jpg\nR-2,李卫东,男,biden-1.jpg\n",
                                          encoding="utf-8")
    (tmp_path / "intakes.csv").write_text("ref,name,sex,photos\nA-1,,男,obama-2.jpg\nA-2,,男,biden-2.jpg\n",
                                          encoding="utf-8")
    runner = app.test_cli_runner()
    for kind in ("reports", "intakes"):
        assert runner.invoke(args=["import", kind, str(tmp_path / f"{kind}.csv")]).exit_code == 0
    # No worker ran: the photos are stored but not encoded.
    db.execute(delete(FaceEncoding))
    db.execute(update(Photo).values(face_status="pending"))

    result = runner.invoke(args=["match", "--all"])
    assert result.exit_code == 0, result.output
    assert db.execute(select(Photo.face_status)).scalars().all() == ["ok"] * 4
    ranked = {}
    for c in db.execute(select(Candidate).order_by(Candidate.rank)).scalars():
        ranked.setdefault(db.get(Intake, c.intake_id).ref, []).append(db.get(MissingReport, c.report_id).ref)
    assert ranked["A-1"][0] == "R-1" and ranked["A-2"][0] == "R-2"
