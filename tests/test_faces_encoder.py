"""Face detection and encoding on the shared test photos (../shared/faces)."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tracing.faces.codec import encoding_from_bytes, encoding_to_bytes
from tracing.faces.encoder import (
    DetectedFace,
    FaceScan,
    encode_image,
    encode_many,
    largest_face_index,
)

from conftest import FACES_DIR as FACES  # ../shared/faces, or TRACING_FACES_DIR
PHOTOS = ["obama-1", "obama-2", "obama-3", "obama-small", "obama-partial",
          "biden-1", "biden-2", "group-two-people"]


@pytest.fixture(scope="module")
def scans() -> dict[str, FaceScan]:
    assert FACES.is_dir(), f"shared test photos missing: {FACES}"
    return {name: encode_image(FACES / f"{name}.jpg") for name in PHOTOS}


def person(scan: FaceScan) -> np.ndarray:
    i = largest_face_index(scan)
    assert i is not None, f"no face in scan: {scan.status} {scan.error}"
    return scan.faces[i].encoding


def dist(a, b) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))


def jpeg(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, **kw)
    return buf.getvalue()


def png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def iou(a, b) -> float:
    (t1, r1, b1, l1), (t2, r2, b2, l2) = a, b
    ih, iw = max(0, min(b1, b2) - max(t1, t2)), max(0, min(r1, r2) - max(l1, l2))
    inter = ih * iw
    return inter / ((b1 - t1) * (r1 - l1) + (b2 - t2) * (r2 - l2) - inter)


def test_second_obama_photo_is_nearest_to_first_not_biden(scans):
    o2 = person(scans["obama-2"])
    d_obama = dist(o2, person(scans["obama-1"]))
    d_biden = dist(o2, person(scans["biden-1"]))
    assert d_obama < 0.6 < d_biden


def test_second_biden_photo_is_nearest_to_first_biden(scans):
    b2 = person(scans["biden-2"])
    assert dist(b2, person(scans["biden-1"])) < 0.6 < dist(b2, person(scans["obama-1"]))


def test_every_encoding_is_128_float32(scans):
    for name, scan in scans.items():
        for face in scan.faces:
            assert face.encoding.shape == (128,) and face.encoding.dtype == np.float32, name
            assert np.all(np.isfinite(face.encoding)), name


def test_group_photo_finds_both_faces_and_each_matches_its_person(scans):
    group = scans["group-two-people"]
    assert group.status == "ok"
    assert len(group.faces) == 2
    obama, biden = person(scans["obama-1"]), person(scans["biden-1"])
    nearest = sorted("obama" if dist(f.encoding, obama) < dist(f.encoding, biden) else "biden"
                     for f in group.faces)
    assert nearest == ["biden", "obama"]


@pytest.mark.parametrize("name", ["obama-small", "obama-partial"])
def test_small_and_partial_photos_are_encoded_or_get_a_clear_status(scans, name):
    scan = scans[name]
    assert scan.status in ("ok", "no_face"), scan.error
    if scan.status == "ok":
        enc = person(scan)
        assert dist(enc, person(scans["obama-1"])) < dist(enc, person(scans["biden-1"]))
    else:
        assert scan.status_label == "未检测到人脸"


def test_boxes_are_in_original_pixels_even_when_detection_is_downscaled(scans):
    scan = scans["biden-1"]           # 970x2204 after EXIF rotation, detected at 800 px
    assert (scan.width, scan.height) == Image.open(FACES / "biden-1.jpg").size
    full = encode_image(FACES / "biden-1.jpg", max_side=2400)   # no downscaling
    assert iou(scan.faces[0].box, full.faces[0].box) > 0.7
    top, right, bottom, left = scan.faces[0].box
    assert 0 <= top < bottom <= scan.height and 0 <= left < right <= scan.width
    assert scan.faces[0].area == (bottom - top) * (right - left)


def test_text_file_renamed_jpg_is_unreadable_without_exception(tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_text("这不是图片 this is not an image\n" * 20, encoding="utf-8")
    scan = encode_image(fake)
    assert scan.status == "unreadable"
    assert scan.faces == []
    assert "not an image" in scan.error


def test_truncated_jpeg_is_unreadable_with_reason():
    data = (FACES / "obama-1.jpg").read_bytes()[:15000]
    scan = encode_image(data)
    assert scan.status == "unreadable"
    assert scan.error


def test_missing_file_is_unreadable_naming_the_path(tmp_path):
    scan = encode_image(tmp_path / "nope.jpg")
    assert scan.status == "unreadable"
    assert "nope.jpg" in scan.error


def test_blank_image_has_no_face():
    scan = encode_image(jpeg(Image.new("RGB", (900, 700), (205, 200, 190))))
    assert scan.status == "no_face"
    assert scan.faces == [] and largest_face_index(scan) is None
    assert (scan.width, scan.height) == (900, 700)
    assert scan.status_label == "未检测到人脸"


def test_exif_rotated_photo_gives_the_same_face_and_upright_box(scans):
    upright = Image.open(FACES / "obama-2.jpg")
    from PIL import ImageOps
    upright = ImageOps.exif_transpose(upright).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6   # "rotate 90° clockwise to display"
    stored_sideways = upright.transpose(Image.Transpose.ROTATE_90)
    scan = encode_image(jpeg(stored_sideways, exif=exif.tobytes()))
    assert scan.status == "ok" and scan.rotation == 0
    assert (scan.width, scan.height) == upright.size
    assert iou(scan.faces[0].box, scans["obama-2"].faces[0].box) > 0.7
    assert dist(scan.faces[0].encoding, person(scans["obama-2"])) < 0.2


def test_sideways_scan_without_exif_is_found_and_box_maps_back():
    upright = Image.open(FACES / "obama-1.jpg")
    from PIL import ImageOps
    upright = ImageOps.exif_transpose(upright).convert("RGB")
    ref = encode_image(jpeg(upright))
    sideways = upright.transpose(Image.Transpose.ROTATE_90)      # turned counter-clockwise
    scan = encode_image(jpeg(sideways))
    assert scan.status == "ok"
    assert scan.rotation == 270
    t, r, b, l = ref.faces[0].box
    w = upright.size[0]
    expected = (w - r, b, w - l, t)    # where that face sits in the sideways image
    assert iou(scan.faces[0].box, expected) > 0.7
    assert dist(scan.faces[0].encoding, ref.faces[0].encoding) < 0.2


@pytest.mark.parametrize("convert", ["L", "RGBA", "P", "I;16", "WEBP"])
def test_other_modes_and_formats_still_find_the_face(scans, convert):
    im = Image.open(FACES / "obama-small.jpg").convert("RGB")
    buf = io.BytesIO()
    if convert == "WEBP":
        im.save(buf, "WEBP", quality=70)
    elif convert == "I;16":
        Image.fromarray(np.asarray(im.convert("L")).astype(np.uint16) * 257).save(buf, "PNG")
    elif convert == "RGBA":
        arr = np.asarray(im.convert("RGBA")).copy()
        arr[:20, :, 3] = 0                      # a transparent band
        Image.fromarray(arr).save(buf, "PNG")
    else:
        im.convert(convert).save(buf, "PNG")
    scan = encode_image(buf.getvalue())
    assert scan.status == "ok", scan.error
    assert dist(person(scan), person(scans["obama-1"])) < 0.6


def test_largest_face_index_picks_the_biggest_box():
    enc = np.zeros(128, np.float32)
    scan = FaceScan("ok", [DetectedFace((0, 10, 10, 0), 100, enc),
                           DetectedFace((0, 50, 40, 10), 1600, enc),
                           DetectedFace((0, 80, 20, 60), 400, enc)])
    assert largest_face_index(scan) == 1


def test_encoding_bytes_round_trip(scans):
    face = scans["obama-1"].faces[0]
    blob = face.encoding_bytes()
    assert len(blob) == 512
    assert np.array_equal(encoding_from_bytes(blob), face.encoding)
    with pytest.raises(ValueError, match="127"):
        encoding_to_bytes(np.zeros(127))


def test_bad_max_side_is_a_clear_error():
    with pytest.raises(ValueError, match="max_side"):
        encode_image(FACES / "obama-1.jpg", max_side=10)


def test_pool_returns_results_in_input_order_with_progress(scans, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 not really a jpeg")
    sources = [FACES / "biden-2.jpg", bad, FACES / "obama-small.jpg",
               jpeg(Image.new("RGB", (300, 300), (10, 10, 10)))]
    seen = []
    results = list(encode_many(sources, workers=2,
                               progress=lambda done, total, scan: seen.append((done, total, scan.status))))
    assert [r.status for r in results] == ["ok", "unreadable", "ok", "no_face"]
    assert seen == [(1, 4, "ok"), (2, 4, "unreadable"), (3, 4, "ok"), (4, 4, "no_face")]
    assert dist(person(results[0]), person(scans["biden-2"])) < 1e-4
    plain = list(encode_many(sources[:1], workers=1))
    assert dist(person(plain[0]), person(results[0])) < 1e-4


def test_index_over_real_photos_ranks_the_same_person_first(scans):
    from tracing.faces.index import FaceIndex, pack_owner

    index = FaceIndex()
    key = 0
    for report_id, name in enumerate(["obama-1", "biden-1", "group-two-people"], start=1):
        for face in scans[name].faces:          # every face of a group photo is searchable
            key += 1
            index.add([key], [pack_owner("report", report_id)], face.encoding)
    obama_hits = index.search(person(scans["obama-2"]), 10, kind="report")
    assert obama_hits[0].record_id in (1, 3) and obama_hits[1].record_id in (1, 3)
    assert obama_hits[-1].record_id == 2 and obama_hits[-1].distance > 0.6
    biden_hits = index.search(person(scans["biden-2"]), 10, kind="report")
    assert {biden_hits[0].record_id, biden_hits[1].record_id} == {2, 3}
    assert biden_hits[-1].record_id == 1
