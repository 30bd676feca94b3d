"""Detect faces in a photo and compute one 128-d encoding per face.

Same models and algorithm as face_recognition (dlib's HOG frontal-face
detector, the 5-point landmark model and the ResNet descriptor shipped in
face_recognition_models), called through dlib directly: no network, no
model download, and no dependency on the face_recognition wrapper (whose
`dlib` requirement would force a source build).

Speed: detection runs on a copy downscaled to `max_side` pixels (HOG cost
grows with pixel count), while the landmarks and the descriptor run on a
crop of the full-resolution image around each face, so downscaling costs no
encoding quality. Large JPEGs are decoded at a reduced scale straight from
the DCT (Pillow's `draft`) when that still leaves more than enough pixels.

Nothing here imports Flask or the app; the models load lazily, once per
process, so importing this module is cheap.
"""
from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import Callable, Iterable, Iterator, Literal, Sequence

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MAX_SIDE = 800        # detection image size (long side, px)
ENCODE_MIN_SIDE = 1600        # JPEG draft decoding keeps at least this long side
MIN_IMAGE_SIDE = 16           # smaller than this cannot hold a detectable face
CROP_MARGIN = 0.5             # crop margin around a face box, as a fraction of its size
NUM_JITTERS = 1               # dlib re-sampling; 10 is ~10x slower for a tiny gain

Status = Literal["ok", "no_face", "unreadable"]


@dataclass
class DetectedFace:
    """One face: box in original (EXIF-rotated) image pixels, and its encoding."""

    box: tuple[int, int, int, int]    # (top, right, bottom, left), like face_recognition
    area: int                         # box area in original pixels
    encoding: np.ndarray              # float32[128]
    score: float = 0.0                # HOG detector confidence (higher = surer)

    def encoding_bytes(self) -> bytes:
        from .codec import encoding_to_bytes

        return encoding_to_bytes(self.encoding)


@dataclass
class FaceScan:
    """The outcome for one photo. Never an exception for a bad photo: a status."""

    status: Status
    faces: list[DetectedFace] = field(default_factory=list)
    width: int = 0                    # original image size after EXIF rotation
    height: int = 0
    error: str = ""                   # why the photo is unreadable, for the record page
    seconds: float = 0.0              # time spent on this photo
    rotation: int = 0                 # degrees counter-clockwise the photo had to be turned
                                      # for faces to be found (sideways scan): 0, 90, 180, 270

    @property
    def status_label(self) -> str:
        """zh-CN text for the record page."""
        return {"ok": f"检测到 {len(self.faces)} 张人脸",
                "no_face": "未检测到人脸",
                "unreadable": "无法读取图片"}[self.status]


def largest_face_index(scan: FaceScan) -> int | None:
    """Index of the largest face (the default 'this is the person'), or None."""
    if not scan.faces:
        return None
    return max(range(len(scan.faces)), key=lambda i: (scan.faces[i].area, -i))


# --------------------------------------------------------------------------- models

_models = None
_models_lock = threading.Lock()
_use_lock = threading.Lock()   # dlib objects are not documented as thread-safe


def _model_path(name: str) -> str:
    """Locate a model file without importing face_recognition_models (its
    __init__ needs pkg_resources, which newer setuptools drop)."""
    spec = find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("face_recognition_models is not installed (pip install face_recognition_models)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "models", name)
    if not os.path.exists(path):
        raise RuntimeError(f"face model file missing: {path}")
    return path


def load_models():
    """Load detector, landmark model and descriptor once per process."""
    global _models
    if _models is None:
        with _models_lock:
            if _models is None:
                import dlib

                _models = (
                    dlib.get_frontal_face_detector(),
                    dlib.shape_predictor(_model_path("shape_predictor_5_face_landmarks.dat")),
                    dlib.face_recognition_model_v1(_model_path("dlib_face_recognition_resnet_model_v1.dat")),
                    dlib.rectangle,
                )
    return _models


# --------------------------------------------------------------------------- decoding

class UnreadableImage(Exception):
    pass


def _open(source) -> "tuple[object, str]":
    from PIL import Image

    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) == 0:
            raise UnreadableImage("empty image data (0 bytes)")
        return Image.open(io.BytesIO(bytes(source))), "<bytes>"
    path = os.fspath(source)
    if not os.path.exists(path):
        raise UnreadableImage(f"file not found: {path}")
    if os.path.getsize(path) == 0:
        raise UnreadableImage(f"empty file (0 bytes): {path}")
    return Image.open(path), path


def _to_rgb(im) -> np.ndarray:
    """Any Pillow mode -> uint8 RGB array (alpha composited onto white)."""
    from PIL import Image

    mode = im.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        if mode.startswith("I;16"):
            arr = arr / 257.0
        elif arr.size and arr.max() > 255:
            arr = arr * (255.0 / arr.max())
        arr = np.clip(arr, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(arr[:, :, None], 3, axis=2))
    if mode in ("RGBA", "LA", "PA", "La", "RGBa") or (mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, rgba)
    if im.mode != "RGB":
        im = im.convert("RGB")
    return np.ascontiguousarray(np.asarray(im, dtype=np.uint8))


def _decode(source) -> tuple[np.ndarray, int, int]:
    """Decode, apply EXIF orientation, return (work RGB array, orig width, orig height).

    The work array may be smaller than the original (JPEG draft) but keeps at
    least ENCODE_MIN_SIDE pixels on its long side when the original has them.
    """
    from PIL import Image, ImageOps

    try:
        im, name = _open(source)
        with im:
            w0, h0 = im.size
            orientation = 1
            try:
                orientation = int(im.getexif().get(0x0112, 1) or 1)
            except Exception as e:  # a broken EXIF block must not lose the photo
                log.warning("ignoring unreadable EXIF in %s: %s", name, e)
            if orientation in (5, 6, 7, 8):
                ow, oh = h0, w0
            else:
                ow, oh = w0, h0
            if im.format == "JPEG" and max(w0, h0) >= 2 * ENCODE_MIN_SIDE:
                f = ENCODE_MIN_SIDE / max(w0, h0)
                im.draft("RGB", (max(1, int(w0 * f)), max(1, int(h0 * f))))
            im.load()
            try:
                im = ImageOps.exif_transpose(im)
            except Exception as e:
                log.warning("could not apply EXIF orientation in %s: %s", name, e)
                ow, oh = w0, h0
            arr = _to_rgb(im)
    except UnreadableImage:
        raise
    except Image.UnidentifiedImageError as e:
        raise UnreadableImage("not an image, or an unsupported format (expected JPEG, PNG, WebP, GIF, BMP, TIFF)") from e
    except Exception as e:
        raise UnreadableImage(f"not a readable image ({type(e).__name__}: {e})") from e
    if arr.ndim != 3 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise UnreadableImage(f"image has no pixels ({arr.shape})")
    return arr, ow, oh


def _resize(arr: np.ndarray, long_side: int) -> np.ndarray:
    from PIL import Image

    h, w = arr.shape[:2]
    if max(h, w) <= long_side:
        return arr
    f = long_side / max(h, w)
    size = (max(1, round(w * f)), max(1, round(h * f)))
    return np.asarray(Image.fromarray(arr).resize(size, Image.BILINEAR, reducing_gap=2.0))


# --------------------------------------------------------------------------- encoding

def _detect(img: np.ndarray, upsample: int):
    detector = load_models()[0]
    rects, scores, _ = detector.run(img, upsample, 0.0)
    return list(zip(rects, scores))


def _encode_at(work: np.ndarray, rect_work) -> np.ndarray:
    """Landmarks + descriptor on a full-resolution crop around one face."""
    _, sp, rec, rectangle = load_models()
    h, w = work.shape[:2]
    left, top, right, bottom = rect_work
    m = int(CROP_MARGIN * max(right - left, bottom - top)) + 2
    x0, y0 = max(0, left - m), max(0, top - m)
    x1, y1 = min(w, right + m), min(h, bottom + m)
    crop = np.ascontiguousarray(work[y0:y1, x0:x1])
    r = rectangle(left - x0, top - y0, right - x0, bottom - y0)
    shape = sp(crop, r)
    return np.asarray(rec.compute_face_descriptor(crop, shape, NUM_JITTERS), dtype=np.float32)


def encode_image(source, max_side: int = DEFAULT_MAX_SIDE, *, full_res_encoding: bool = True) -> FaceScan:
    """Find every face in a photo (path or bytes) and encode it.

    Returns a FaceScan whose status is "ok" (faces found), "no_face" or
    "unreadable" (with `error` saying why). Never raises for a bad photo.
    `full_res_encoding=False` encodes on the downscaled detection image
    instead (only for measuring what the full-resolution crop buys).
    """
    if not isinstance(max_side, int) or max_side < 64:
        raise ValueError(f"max_side must be an integer >= 64, got {max_side!r}")
    t0 = time.perf_counter()
    try:
        work, ow, oh = _decode(source)
    except UnreadableImage as e:
        return FaceScan("unreadable", error=str(e), seconds=time.perf_counter() - t0)
    rotation = 0
    try:
        with _use_lock:
            faces = _find_faces(work, ow, oh, max_side, full_res_encoding)
            if not faces and min(work.shape[:2]) >= MIN_IMAGE_SIDE:
                # A sideways or upside-down scan of an old paper photo: try turning it.
                for k in (1, 3, 2):
                    faces = _find_faces(np.rot90(work, k), *((oh, ow) if k % 2 else (ow, oh)),
                                        max_side, full_res_encoding, second_pass=False)
                    if faces:
                        rotation = 90 * k
                        faces = [_unrotate(f, k, ow, oh) for f in faces]
                        break
    except Exception as e:
        # Unexpected (a dlib error on a strange image): record it on the photo
        # and in the log rather than failing a whole batch.
        log.exception("face detection failed")
        return FaceScan("unreadable", width=ow, height=oh,
                        error=f"face detection failed ({type(e).__name__}: {e})",
                        seconds=time.perf_counter() - t0)
    status: Status = "ok" if faces else "no_face"
    return FaceScan(status, faces, ow, oh, seconds=time.perf_counter() - t0, rotation=rotation)


def _unrotate(face: DetectedFace, k: int, ow: int, oh: int) -> DetectedFace:
    """Map a box found in np.rot90(image, k) back to the unrotated image."""
    top, right, bottom, left = face.box
    if k == 1:
        box = (left, ow - top, right, ow - bottom)
    elif k == 3:
        box = (oh - right, bottom, oh - left, top)
    elif k == 2:
        box = (oh - bottom, ow - left, oh - top, ow - right)
    else:
        raise ValueError(k)
    return DetectedFace(box, face.area, face.encoding, face.score)


def _find_faces(work: np.ndarray, ow: int, oh: int, max_side: int, full_res_encoding: bool = True,
                second_pass: bool = True) -> list[DetectedFace]:
    """Faces of `work`, boxes scaled to an (ow, oh) original of the same orientation."""
    wh, ww = work.shape[:2]
    if min(wh, ww) < MIN_IMAGE_SIDE:
        return []
    work = np.ascontiguousarray(work)
    det = _resize(work, max_side)
    found = _detect(det, 1)
    if not found and second_pass:
        # Second chance for small faces: a larger detection image, or a
        # stronger upsample when the photo itself is small.
        bigger = _resize(work, 2 * max_side)
        if bigger.shape[0] > det.shape[0]:
            det, found = bigger, _detect(bigger, 1)
        else:                               # the photo is at most max_side already
            found = _detect(det, 2)
    if not found:
        return []
    dh, dw = det.shape[:2]
    if not full_res_encoding:
        work, ww, wh = det, dw, dh
    sx_w, sy_w = ww / dw, wh / dh          # detection -> work pixels
    sx_o, sy_o = ow / dw, oh / dh          # detection -> original pixels
    faces = []
    for rect, score in found:
        l, t, r, b = rect.left(), rect.top(), rect.right(), rect.bottom()
        enc = _encode_at(work, (round(l * sx_w), round(t * sy_w), round(r * sx_w), round(b * sy_w)))
        top, bottom = max(0, round(t * sy_o)), min(oh, round(b * sy_o))
        left, right = max(0, round(l * sx_o)), min(ow, round(r * sx_o))
        area = max(0, bottom - top) * max(0, right - left)
        faces.append(DetectedFace((top, right, bottom, left), area, enc, float(score)))
    faces.sort(key=lambda f: (f.box[3], f.box[0]))   # left to right: stable "face 1, face 2"
    return faces


# --------------------------------------------------------------------------- pools

def _init_worker() -> None:
    load_models()


def _worker(args) -> FaceScan:
    source, max_side = args
    return encode_image(source, max_side)


Progress = Callable[[int, "int | None", FaceScan], None]


class EncoderPool:
    """Worker processes that each load the models once, reused across batches.

    Uses the 'forkserver' start method by default: forking a process that
    already runs threads (web server, task queue) is unsafe.
    """

    def __init__(self, workers: int = 2, max_side: int = DEFAULT_MAX_SIDE, start_method: str = "forkserver"):
        import multiprocessing

        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self.max_side = max_side
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(start_method),
            initializer=_init_worker,
        )

    def warm_up(self) -> None:
        """Start every worker and load its models now (for timing)."""
        list(self._executor.map(_init_worker_probe, range(self.workers * 2)))

    def map(self, sources: Iterable, progress: Progress | None = None) -> Iterator[FaceScan]:
        """Yield one FaceScan per source, in input order, with a bounded window
        of pending jobs so a million paths never sit in memory as futures."""
        total = len(sources) if isinstance(sources, Sequence) else None
        window: deque[Future] = deque()
        limit = self.workers * 4
        done = 0
        it = iter(sources)
        exhausted = False
        while True:
            while not exhausted and len(window) < limit:
                try:
                    src = next(it)
                except StopIteration:
                    exhausted = True
                    break
                window.append(self._executor.submit(_worker, (src, self.max_side)))
            if not window:
                return
            scan = window.popleft().result()
            done += 1
            if progress is not None:
                progress(done, total, scan)
            yield scan

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "EncoderPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _init_worker_probe(_: int) -> int:
    load_models()
    return os.getpid()


def encode_many(sources: Iterable, workers: int = 2, max_side: int = DEFAULT_MAX_SIDE,
                progress: Progress | None = None) -> Iterator[FaceScan]:
    """Encode many photos, results in input order. workers=1 runs in this
    process (the plain one-at-a-time baseline); more uses a process pool."""
    if workers <= 1:
        total = len(sources) if isinstance(sources, Sequence) else None
        for done, src in enumerate(sources, 1):
            scan = encode_image(src, max_side)
            if progress is not None:
                progress(done, total, scan)
            yield scan
        return
    with EncoderPool(workers, max_side) as pool:
        yield from pool.map(sources, progress)
