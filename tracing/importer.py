"""Bulk import and export of reports and intakes (CLI and web share this module).

Files are streamed (CSV in UTF-8 with/without BOM or GB18030/GBK, JSONL, XLSX, or a ZIP
holding one of them plus photos) and stored in batches: a row whose `ref` exists
updates that record (audited), a new ref is inserted, a bad row is reported with
file, row number, field and reason while good rows are kept. `strict` validates the
whole file first and stores nothing if any row is bad.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from . import audit
from .models import ImportBatch, Photo
from .parsing import normalize_text, split_list
from .parallel import helper_processes
from .photos import PhotoError, store_photo
from .records import MODELS, ValidationErrors, diff, parse_values
from .search import name_pinyin, region_code

REPORT_COLUMNS = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
                  "height_cm", "features", "dialect", "contact_phone", "photos"]
INTAKE_COLUMNS = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features",
                  "dialect", "place_hints", "photos"]
COLUMNS = {"reports": REPORT_COLUMNS, "intakes": INTAKE_COLUMNS}
KIND_OF = {"reports": "report", "intakes": "intake"}
PARALLEL_MIN_BYTES = 4 * 1024 * 1024    # ~30k rows: below this, rows are validated in this process
PREPARE_WORKERS = 2
PREPARE_CHUNK = 2000                    # rows per helper task

# Chinese (and a few English) headers people actually use, mapped to canonical keys.
ALIASES: dict[str, dict[str, str]] = {
    "common": {
        "编号": "ref", "登记编号": "ref", "启事编号": "ref", "档案号": "ref", "序号": "ref", "id": "ref",
        "姓名": "name", "名字": "name", "自述姓名": "name", "姓名(自述)": "name", "称呼": "name",
        "性别": "sex", "gender": "sex",
        "身高": "height_cm", "身高(cm)": "height_cm", "身高cm": "height_cm", "身高(厘米)": "height_cm", "height": "height_cm",
        "体貌特征": "features", "特征": "features", "体征": "features", "体貌": "features",
        "口音": "dialect", "方言": "dialect", "口音/方言": "dialect", "口音方言": "dialect", "口音(方言)": "dialect",
        "照片": "photos", "相片": "photos", "photo": "photos",
        "身份证号": "id_number", "身份证": "id_number", "身份证号码": "id_number",
        "备注": "notes",
        "衣着": "clothing", "衣着特征": "clothing", "健康状况": "health_state", "精神状况": "health_state",
        "站点": "station", "救助站": "station",
    },
    "reports": {
        "曾用名": "alt_names", "别名": "alt_names", "小名": "alt_names", "其他姓名": "alt_names", "乳名": "alt_names",
        "出生日期": "birth_date", "出生年月": "birth_date", "出生年份": "birth_date", "生日": "birth_date",
        "籍贯": "hometown", "户籍地": "hometown", "籍贯/户籍地": "hometown", "家庭住址": "hometown", "户籍地址": "hometown",
        "失踪时间": "missing_date", "失踪日期": "missing_date", "走失时间": "missing_date", "走失日期": "missing_date",
        "失踪地点": "missing_place", "走失地点": "missing_place",
        "联系电话": "contact_phone", "家属电话": "contact_phone", "联系方式": "contact_phone", "电话": "contact_phone",
        "来源": "source",
    },
    "intakes": {
        "年龄": "age_estimate", "估计年龄": "age_estimate", "年龄(估)": "age_estimate", "年龄估计": "age_estimate",
        "发现时间": "found_date", "发现日期": "found_date", "救助日期": "found_date", "入站日期": "found_date",
        "发现地点": "found_place", "救助地点": "found_place",
        "自述地名": "place_hints", "地名线索": "place_hints", "自述地址": "place_hints", "自述籍贯": "place_hints",
        "入站时间": "admitted_at",
    },
}

MAX_ERRORS_KEPT = 500
BATCH_SIZE = 2000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


@dataclass
class RowError:
    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} 第{self.row}行 [{self.field}] {self.reason}"

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "field": self.field, "reason": self.reason}


@dataclass
class ImportResult:
    batch_id: int | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    stored: bool = True
    errors: list[RowError] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- reading

class _CountingReader(io.RawIOBase):
    """Counts bytes read so the progress bar can follow a streamed file."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = self.raw.readinto(b)
        self.count += n or 0
        return n


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)   # a sample may end mid-character
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        raise ImportFileError("文件编码无法识别（支持 UTF-8 与 GBK/GB18030）") from None


def canonical_header(kind: str, header: str) -> str:
    h = normalize_text(header).strip().strip("*").replace(" ", "")
    low = h.lower()
    if low in COLUMNS[kind] or low in ("id_number", "notes", "clothing", "health_state", "station", "source",
                                        "admitted_at", "status"):
        return low
    return ALIASES[kind].get(h) or ALIASES["common"].get(h) or ALIASES[kind].get(low) or ALIASES["common"].get(low) or f"?{h}"


def iter_rows(path: Path, kind: str, progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield (row number as a spreadsheet user counts it, {canonical key: raw value})."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _iter_xlsx(path, kind, progress)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        yield from _iter_jsonl(path, kind, progress)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        yield from _iter_csv(path, kind, progress)
    else:
        raise ImportFileError(f"不支持的文件类型 {suffix}（支持 CSV、JSONL、XLSX、ZIP）")


def _iter_csv(path: Path, kind: str, progress) -> Iterator[tuple[int, dict]]:
    with open(path, "rb") as fh:
        sample = fh.read(256 * 1024)
    encoding = detect_encoding(sample)
    raw = open(path, "rb", buffering=0)
    counter = _CountingReader(raw)
    buffered = io.BufferedReader(counter, 1024 * 1024)
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    try:
        first = sample.split(b"\n", 1)[0]
        delimiter = "\t" if first.count(b"\t") > first.count(b",") else ","
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise ImportFileError("文件是空的") from None
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"文件编码错误：{exc}") from None
        keys = [canonical_header(kind, h) for h in header]
        _check_header(keys, kind)
        rowno = 1
        last_report = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                raise ImportFileError(f"第{rowno + 1}行附近编码错误（{exc.reason}），请另存为 UTF-8 或 GBK") from None
            except csv.Error as exc:
                raise ImportFileError(f"第{rowno + 1}行 CSV 格式错误：{exc}") from None
            rowno += 1
            if not any(c.strip() for c in cells):
                continue
            row = {k: v for k, v in zip(keys, cells) if not k.startswith("?")}
            if len(cells) > len(keys):
                row["__extra__"] = cells[len(keys):]
            yield rowno, row
            if progress and counter.count - last_report > 256 * 1024:
                progress(counter.count - last_report)
                last_report = counter.count
        if progress:
            progress(counter.count - last_report)
    finally:
        text.close()


def _iter_jsonl(path: Path, kind: str, progress) -> Iterator[tuple[int, dict]]:
    with open(path, "rb") as fh:
        for rowno, line in enumerate(fh, start=1):
            if progress:
                progress(len(line))
            if not line.strip():
                continue
            try:
                obj = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as exc:
                yield rowno, {"__error__": ("json", f"不是有效的 JSON：{exc}")}
                continue
            if not isinstance(obj, dict):
                yield rowno, {"__error__": ("json", "每行必须是一个 JSON 对象")}
                continue
            row = {}
            for k, v in obj.items():
                key = canonical_header(kind, k)
                if key.startswith("?"):
                    continue
                if isinstance(v, list):
                    v = ";".join(str(x) for x in v)
                row[key] = "" if v is None else v
            yield rowno, row


def _iter_xlsx(path: Path, kind: str, progress) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:   # openpyxl raises many types for broken files
        raise ImportFileError(f"无法打开 Excel 文件：{exc}") from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        try:
            header = next(rows)
        except StopIteration:
            raise ImportFileError("工作表是空的") from None
        keys = [canonical_header(kind, "" if h is None else str(h)) for h in header]
        _check_header(keys, kind)
        for rowno, cells in enumerate(rows, start=2):
            if progress:
                progress(1)
            if not any(c not in (None, "") for c in cells):
                continue
            row = {}
            for k, v in zip(keys, cells):
                if k.startswith("?"):
                    continue
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                row[k] = "" if v is None else (v if isinstance(v, (date, datetime)) else str(v))
            yield rowno, row
    finally:
        wb.close()


def _check_header(keys: list[str], kind: str) -> None:
    if "ref" not in keys:
        raise ImportFileError(f"表头缺少编号列 ref（可用列：{', '.join(COLUMNS[kind])}）")
    dupes = {k for k in keys if keys.count(k) > 1 and not k.startswith("?")}
    if dupes:
        raise ImportFileError(f"表头有重复的列：{', '.join(sorted(dupes))}")


def unpack_zip(zip_path: Path, dest: Path, max_total: int = 2 * 1024 ** 3) -> Path:
    """Extract a ZIP of one data file plus photos, refusing traversal and zip bombs."""
    with zipfile.ZipFile(zip_path) as zf:
        total = 0
        data_files = []
        for info in zf.infolist():
            name = info.filename
            if name.startswith("/") or ".." in Path(name).parts:
                raise ImportFileError(f"压缩包中的路径不安全：{name}")
            total += info.file_size
            if total > max_total:
                raise ImportFileError("压缩包解压后过大")
            if Path(name).suffix.lower() in (".csv", ".jsonl", ".xlsx", ".tsv") and not name.startswith("__MACOSX"):
                data_files.append(name)
        if len(data_files) != 1:
            raise ImportFileError(f"压缩包中应恰好有一个数据文件（CSV/JSONL/XLSX），找到 {len(data_files)} 个")
        zf.extractall(dest)
    return dest / data_files[0]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- storing

def _validate(kind: str, row: dict, file: str, rowno: int) -> tuple[dict | None, list[str], list[RowError]]:
    if "__error__" in row:
        f, reason = row["__error__"]
        return None, [], [RowError(file, rowno, f, reason)]
    errors = []
    if "__extra__" in row:
        errors.append(RowError(file, rowno, "*", f"本行比表头多出 {len(row.pop('__extra__'))} 个单元格（可能有未加引号的逗号）"))
    photos = split_list(row.pop("photos", ""))
    try:
        values = parse_values(KIND_OF[kind], row, partial=False)
    except ValidationErrors as exc:
        errors.extend(RowError(file, rowno, e.field, e.message) for e in exc.errors)
        values = None
    return (None if errors else values), photos, errors


def _derived_columns(kind: str, values: dict) -> dict:
    """Search columns a Core insert must fill itself (the models' listeners only see ORM edits)."""
    if kind == "reports":
        return {"name_pinyin": name_pinyin(values.get("name")), "hometown_code": region_code(values.get("hometown"))}
    return {"name_pinyin": name_pinyin(values.get("name_heard"))}


def _prepare_chunk(kind: str, chunk: list[tuple[int, dict]], file: str) -> list[tuple]:
    """Validation and derived columns of a run of rows: pure work, done in a helper process on big files."""
    out = []
    for rowno, row in chunk:
        values, photos, errors = _validate(kind, row, file, rowno)
        out.append((rowno, values, photos, errors, _derived_columns(kind, values) if values else None))
    return out


def _prepared_rows(kind: str, rows: Iterator[tuple[int, dict]], file: str, workers: int
                   ) -> Iterator[tuple[int, dict | None, list[str], list[RowError], dict | None]]:
    """(rowno, values, photos, errors, derived columns or None), in file order.

    With `workers` > 0 the rows are validated in that many helper processes while this one
    reads the file and writes to the database (which only one process can do under SQLite);
    at most a few chunks are in flight, so memory stays flat on a 1M-row file."""
    if workers <= 0:
        for rowno, row in rows:
            values, photos, errors = _validate(kind, row, file, rowno)
            yield rowno, values, photos, errors, None
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice
    from multiprocessing import get_context

    # spawn, not fork: the web process and the task consumer may be running threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        in_flight: deque = deque()
        while True:
            chunk = list(islice(rows, PREPARE_CHUNK))
            if chunk:
                in_flight.append(pool.submit(_prepare_chunk, kind, chunk, file))
            if in_flight and (len(in_flight) > 2 * workers or not chunk):
                yield from in_flight.popleft().result()
            if not chunk and not in_flight:
                return


def _prepare_workers(path: Path) -> int:
    """Helper processes for validating a file: none for a small one (starting them costs ~1 s)."""
    if path.stat().st_size < PARALLEL_MIN_BYTES:
        return 0
    return helper_processes(max(1, min(PREPARE_WORKERS, (os.cpu_count() or 1) - 1)))


def _resolve_photos(photos: list[str], base: Path, file: str, rowno: int) -> tuple[list[Path], list[RowError]]:
    paths, errors = [], []
    for p in photos:
        candidate = (base / p).resolve()
        if not candidate.is_file():
            errors.append(RowError(file, rowno, "photos", f"照片文件不存在：{p}"))
        else:
            paths.append(candidate)
    return paths, errors


def run_import(session: Session, kind: str, path: str | Path, *, actor=None, ip: str = "", strict: bool = False,
               media_root: str | Path, photo_limits: dict, progress: Callable[[int], None] | None = None,
               batch: ImportBatch | None = None, display_name: str | None = None) -> ImportResult:
    """Import `path` into `kind` ("reports" or "intakes"), committing batch by batch."""
    if kind not in COLUMNS:
        raise ImportFileError(f"未知的导入类型 {kind}（应为 reports 或 intakes）")
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"文件不存在：{path}")
    workdir = None
    if path.suffix.lower() == ".zip":
        import tempfile
        workdir = Path(tempfile.mkdtemp(prefix="import-", dir=str(Path(media_root).parent)))
        data_path = unpack_zip(path, workdir)
    else:
        data_path = path
    file_label = display_name or path.name
    result = ImportResult()
    try:
        if batch is None:
            batch = ImportBatch(kind=kind, filename=file_label, strict=strict, created_by_id=getattr(actor, "id", None))
            session.add(batch)
        batch.file_sha256 = file_sha256(path)
        session.commit()
        result.batch_id = batch.id

        if strict:
            for rowno, row in iter_rows(data_path, kind):
                values, photos, errors = _validate(kind, row, file_label, rowno)
                _, perrs = _resolve_photos(photos, data_path.parent, file_label, rowno)
                errors += perrs
                result.rows += 1
                if errors:
                    result.failed += 1
                    result.errors.extend(errors)
            if result.failed:
                result.stored = False
                _finish(session, batch, result, actor, ip, "failed")
                return result
            result.rows = 0

        pending: list[tuple[int, dict, list[Path], dict | None]] = []
        pending_refs: set[str] = set()     # a ref met again flushes the batch: the later row updates the earlier
        prepared = _prepared_rows(kind, iter_rows(data_path, kind, progress), file_label,
                                  _prepare_workers(data_path))
        for rowno, values, photos, errors, derived in prepared:
            result.rows += 1
            photo_paths, perrs = _resolve_photos(photos, data_path.parent, file_label, rowno)
            errors += perrs
            if errors:
                result.failed += 1
                if len(result.errors) < MAX_ERRORS_KEPT:
                    result.errors.extend(errors)
                if values is None:
                    continue
                photo_paths = []   # keep the row's data, skip the broken photo list
            if values["ref"] in pending_refs or len(pending) >= BATCH_SIZE:
                _store_batch(session, kind, pending, batch, result, actor, ip, media_root, photo_limits, file_label)
                pending = []
                pending_refs.clear()
            pending.append((rowno, values, photo_paths, derived))
            pending_refs.add(values["ref"])
        if pending:
            _store_batch(session, kind, pending, batch, result, actor, ip, media_root, photo_limits, file_label)
        _finish(session, batch, result, actor, ip, "done")
        return result
    except ImportFileError as exc:
        session.rollback()
        batch.status = "failed"
        batch.error = str(exc)
        session.commit()
        raise
    finally:
        if workdir is not None:
            import shutil
            shutil.rmtree(workdir, ignore_errors=True)


def _store_batch(session: Session, kind: str, pending, batch: ImportBatch, result: ImportResult, actor, ip,
                 media_root, photo_limits, file_label) -> None:
    model = MODELS[KIND_OF[kind]]
    refs = [values["ref"] for _, values, _, _ in pending]
    existing = {obj.ref: obj for obj in session.execute(select(model).where(model.ref.in_(refs))).scalars()}
    now = datetime.now(timezone.utc)
    new_rows = []
    for rowno, values, _, derived in pending:     # refs are distinct: run_import flushes on a repeat
        obj = existing.get(values["ref"])
        if obj is None:
            row = dict(values)
            row.update(import_batch_id=batch.id, created_by_id=getattr(actor, "id", None), created_at=now,
                       updated_at=now, version=1)
            row.update(derived or _derived_columns(kind, values))
            if kind == "intakes":
                if not row.get("admitted_at"):
                    # Historic records arrive in bulk: the date found is the best estimate of admission.
                    found = row.get("found_date")
                    row["admitted_at"] = datetime(found.year, found.month, found.day, tzinfo=timezone.utc) \
                        if found else now
                row.setdefault("status", "在站")
            else:
                row.setdefault("source", "import")
                row.setdefault("status", "open")
            new_rows.append(row)
        else:
            changes = diff(obj, values)
            if changes:
                for key in changes:
                    setattr(obj, key, values[key])
                session.flush()
                audit.record(session, "update", actor=actor, object_type=KIND_OF[kind], object_id=obj.id,
                             object_ref=obj.ref, ip=ip, details={"changes": changes, "import_batch": batch.id,
                                                                 "file": file_label, "row": rowno})
                result.updated += 1
                result.updated_ids.append(obj.id)
            else:
                result.unchanged += 1
    if new_rows:
        _insert_rows(session, model, new_rows)
        result.created += len(new_rows)
    with_photos = [(rowno, values, paths) for rowno, values, paths, _ in pending if paths]
    ids = {}
    if new_rows or with_photos:
        ids = dict(session.execute(select(model.ref, model.id).where(model.ref.in_(refs))).all())
        result.created_ids.extend(ids[r["ref"]] for r in new_rows)
    for rowno, values, paths in with_photos:
        owner_id = ids[values["ref"]]
        for p in paths:
            try:
                add_photo_from_path(session, KIND_OF[kind], owner_id, p, media_root, photo_limits)
            except PhotoError as exc:
                result.failed += 1
                if len(result.errors) < MAX_ERRORS_KEPT:
                    result.errors.append(RowError(file_label, rowno, "photos", f"{p.name}：{exc}"))
    batch.rows_total = result.rows
    batch.rows_created, batch.rows_updated, batch.rows_unchanged = result.created, result.updated, result.unchanged
    batch.rows_failed = result.failed
    session.commit()


def _insert_rows(session: Session, model, rows: list[dict]) -> None:
    # Every row gets the same keys so the driver can use one executemany.
    keys = set().union(*(r.keys() for r in rows))
    defaults = {c.key: (c.default.arg if c.default is not None and not callable(c.default.arg) else None)
                for c in model.__table__.columns}
    full = [{k: r.get(k, defaults.get(k)) for k in keys} for r in rows]
    # the Table, not the mapped class: the ORM's bulk path splits the rows into a new
    # executemany wherever the set of None values changes (~4 rows per statement)
    session.execute(insert(model.__table__), full)


def add_photo_from_path(session: Session, owner_type: str, owner_id: int, path: Path, media_root, limits: dict) -> Photo:
    size = path.stat().st_size
    if size > limits["max_bytes"]:
        raise PhotoError(f"照片超过 {limits['max_bytes'] // (1024 * 1024)} MB 上限")
    return add_photo(session, owner_type, owner_id, path.read_bytes(), media_root, limits, original_name=path.name)


def add_photo(session: Session, owner_type: str, owner_id: int, data: bytes, media_root, limits: dict,
              original_name: str = "") -> Photo:
    stored = store_photo(data, media_root, max_bytes=limits["max_bytes"], max_pixels=limits["max_pixels"])
    existing = session.execute(select(Photo).where(Photo.owner_type == owner_type, Photo.owner_id == owner_id,
                                                   Photo.sha256 == stored.sha256)).scalar_one_or_none()
    if existing is not None:
        return existing
    photo = Photo(owner_type=owner_type, owner_id=owner_id, sha256=stored.sha256, path=stored.path,
                  thumb_path=stored.thumb_path, mime=stored.mime, width=stored.width, height=stored.height,
                  size_bytes=stored.size_bytes, original_name=original_name[:255])
    session.add(photo)
    session.flush()
    from . import hooks
    hooks.photo_added(session, photo)
    return photo


def _finish(session: Session, batch: ImportBatch, result: ImportResult, actor, ip: str, status: str) -> None:
    batch.status = status
    batch.rows_total = result.rows
    batch.rows_created, batch.rows_updated, batch.rows_unchanged = result.created, result.updated, result.unchanged
    batch.rows_failed = result.failed
    batch.errors = [e.as_dict() for e in result.errors[:MAX_ERRORS_KEPT]]
    batch.finished_at = datetime.now(timezone.utc)
    audit.record(session, "import", actor=actor, object_type="import_batch", object_id=batch.id,
                 object_ref=batch.filename, ip=ip,
                 details={"kind": batch.kind, "file": batch.filename, "sha256": batch.file_sha256, "strict": batch.strict,
                          "stored": result.stored, "rows": result.rows, "created": result.created,
                          "updated": result.updated, "unchanged": result.unchanged, "failed": result.failed})
    session.commit()
    if result.stored and (result.created_ids or result.updated_ids):
        from . import hooks
        hooks.records_imported(session, KIND_OF[batch.kind], result.created_ids, result.updated_ids)


# ---------------------------------------------------------------- export

EXPORT_ATTRS = {
    "reports": {"ref": "ref", "name": "name", "alt_names": "alt_names", "sex": "sex", "birth_date": "birth_date",
                "hometown": "hometown", "missing_date": "missing_date_written", "missing_place": "missing_place",
                "height_cm": "height_written", "features": "features", "dialect": "dialect",
                "contact_phone": "contact_phone", "source": "source", "status": "status"},
    "intakes": {"ref": "ref", "name": "name_heard", "sex": "sex", "age_estimate": "age_estimate",
                "found_date": "found_date", "found_place": "found_place", "height_cm": "height_written",
                "features": "features", "dialect": "dialect", "place_hints": "place_hints", "status": "status",
                "station": "station"},
}


def export(session: Session, kind: str, path: str | Path, *, actor=None, ip: str = "") -> int:
    """Write CSV (UTF-8 with BOM, so Excel opens it) or JSONL. Face encodings are never exported."""
    if kind not in EXPORT_ATTRS:
        raise ImportFileError(f"未知的导出类型 {kind}")
    path = Path(path)
    model = MODELS[KIND_OF[kind]]
    attrs = EXPORT_ATTRS[kind]
    fmt = "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv"
    n = 0
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as fh:
        writer = csv.writer(fh) if fmt == "csv" else None
        if writer:
            writer.writerow(list(attrs) + ["photos"])
        last_id = 0
        while True:
            objs = session.execute(select(model).where(model.id > last_id).order_by(model.id).limit(5000)).scalars().all()
            if not objs:
                break
            ids = [o.id for o in objs]
            photos: dict[int, list[str]] = {}
            for owner_id, p in session.execute(select(Photo.owner_id, Photo.path).where(
                    Photo.owner_type == KIND_OF[kind], Photo.owner_id.in_(ids))):
                photos.setdefault(owner_id, []).append(p)
            for o in objs:
                rec = {k: _export_value(getattr(o, a)) for k, a in attrs.items()}
                rec["photos"] = ";".join(photos.get(o.id, []))
                if writer:
                    writer.writerow(list(rec.values()))
                else:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
            last_id = ids[-1]
            session.expunge_all()
    os.replace(tmp, path)
    audit.record(session, "export", actor=actor, object_type=KIND_OF[kind], object_ref=path.name, ip=ip,
                 details={"kind": kind, "file": str(path), "rows": n, "format": fmt})
    session.commit()
    return n


def _export_value(v: Any):
    if v is None:
        return ""
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
