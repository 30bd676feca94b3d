"""The workbench's records. Vocabulary follows the README: Intake, MissingReport, Candidate…

Every editable record carries a `version` column (SQLAlchemy's version counter), so
a save based on an old form never silently overwrites a concurrent edit.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Index,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


ROLES = ("admin", "staff", "volunteer", "publisher")
ROLE_LABELS = {"admin": "管理员", "staff": "工作人员", "volunteer": "志愿者", "publisher": "发布审核"}

INTAKE_STATUSES = ("在站", "已寻亲", "已离站", "已安置", "站外托养", "已落户")
REPORT_STATUSES = ("open", "closed")
REPORT_STATUS_LABELS = {"open": "寻找中", "closed": "已结案"}
REPORT_SOURCES = ("family", "police", "import")
REPORT_SOURCE_LABELS = {"family": "家属", "police": "公安", "import": "批量导入"}
SEXES = ("男", "女", "")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def label(self) -> str:
        return self.display_name or self.username


class ImportBatch(Base):
    """One bulk import (CLI or web): its progress and row errors, so the web page can follow it."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))            # reports / intakes
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="running")  # running/done/failed
    strict: Mapped[bool] = mapped_column(Boolean, default=False)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_created: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_failed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list] = mapped_column(JSON, default=list)  # first N row errors
    error: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Intake(Base):
    """受助人员登记: a person taken in whose identity is unknown or unconfirmed."""

    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    station: Mapped[str] = mapped_column(String(128), default="", index=True)
    name_heard: Mapped[str] = mapped_column(String(128), default="")
    name_pinyin: Mapped[str] = mapped_column(String(255), default="", index=True)   # toneless, for search
    sex: Mapped[str] = mapped_column(String(4), default="")
    age_estimate: Mapped[str] = mapped_column(String(64), default="")
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    found_date: Mapped[date | None] = mapped_column(Date, index=True)
    found_place: Mapped[str] = mapped_column(String(255), default="")
    admitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    height_cm: Mapped[float | None] = mapped_column(Float)
    # half the width of a range written ("175-180": height_cm 177.5, spread 2.5); 0 for one value
    height_spread_cm: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    features: Mapped[str] = mapped_column(Text, default="")
    clothing: Mapped[str] = mapped_column(Text, default="")
    health_state: Mapped[str] = mapped_column(Text, default="")
    dialect: Mapped[str] = mapped_column(String(128), default="")
    place_hints: Mapped[str] = mapped_column(Text, default="")   # ';'-separated fragments
    id_number: Mapped[str] = mapped_column(String(32), default="")
    notes: Mapped[str] = mapped_column(Text, default="")          # internal, never published
    status: Mapped[str] = mapped_column(String(16), default="在站", index=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def place_hint_list(self) -> list[str]:
        return [p.strip() for p in (self.place_hints or "").split(";") if p.strip()]

    @property
    def height_written(self) -> str:
        return height_written(self.height_cm, self.height_spread_cm)


class MissingReport(Base):
    """寻人启事: a family's, police's or imported report of a missing person."""

    __tablename__ = "missing_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128), default="", index=True)
    name_pinyin: Mapped[str] = mapped_column(String(255), default="", index=True)   # toneless, for search
    alt_names: Mapped[str] = mapped_column(String(255), default="")  # ';'-separated
    sex: Mapped[str] = mapped_column(String(4), default="")
    birth_date: Mapped[str] = mapped_column(String(10), default="")  # YYYY, YYYY-MM or YYYY-MM-DD
    birth_year: Mapped[int | None] = mapped_column(Integer, index=True)
    birth_month: Mapped[int | None] = mapped_column(Integer)
    birth_day: Mapped[int | None] = mapped_column(Integer)
    hometown: Mapped[str] = mapped_column(String(255), default="", index=True)
    hometown_code: Mapped[str] = mapped_column(String(6), default="", index=True)   # gazetteer code, for search
    missing_date: Mapped[date | None] = mapped_column(Date, index=True)
    # "day", "month" or "year": how much of missing_date the family wrote ("" = not known, read as a day)
    missing_date_precision: Mapped[str] = mapped_column(String(8), default="", server_default="")
    missing_place: Mapped[str] = mapped_column(String(255), default="")
    height_cm: Mapped[float | None] = mapped_column(Float)
    # half the width of a range written ("175-180": height_cm 177.5, spread 2.5); 0 for one value
    height_spread_cm: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    features: Mapped[str] = mapped_column(Text, default="")
    dialect: Mapped[str] = mapped_column(String(128), default="")
    contact_phone: Mapped[str] = mapped_column(String(64), default="")   # sensitive
    id_number: Mapped[str] = mapped_column(String(32), default="")      # sensitive
    source: Mapped[str] = mapped_column(String(16), default="family")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # indexed: the matching engine's catch-up reads the reports changed since its watermark
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def alt_name_list(self) -> list[str]:
        return split_alt_names(self.alt_names)

    @property
    def height_written(self) -> str:
        return height_written(self.height_cm, self.height_spread_cm)

    @property
    def missing_date_written(self) -> str:
        """The missing date in the import format, as much as was written: 2024, 2024-03 or 2024-03-05
        (exports and forms re-read as the same date and precision)."""
        d = self.missing_date
        if d is None:
            return ""
        if self.missing_date_precision in ("circa", "decade"):
            return self.missing_date_text           # "约1991年", "1990年代末": no ISO form says so
        return d.isoformat()[:{"year": 4, "month": 7}.get(self.missing_date_precision, 10)]

    @property
    def missing_date_text(self) -> str:
        """The missing date as much as it was written: 2024年, 2024年3月 or 2024-03-05."""
        d = self.missing_date
        if d is None:
            return ""
        if self.missing_date_precision == "year":
            return f"{d.year}年"
        if self.missing_date_precision == "circa":
            return f"约{d.year}年"
        if self.missing_date_precision == "decade":
            return decade_text(d.year)
        if self.missing_date_precision == "month":
            return f"{d.year}年{d.month}月"
        return d.isoformat()


def height_written(cm: float | None, spread: float | None) -> str:
    """A height as the import format writes it: 168, or a range "175-180" (forms and exports
    re-read it as the same height and range)."""
    if cm is None:
        return ""
    if spread and spread >= 0.05:
        return f"{cm - spread:g}-{cm + spread:g}"
    return f"{cm:g}"


def decade_text(year: int) -> str:
    """The decade a stored guess stands for, as written ("1990年代末" was stored as 1998;
    read again it is 1998 once more)."""
    part = {2: "初", 8: "末"}.get(year % 10, "")
    return f"{year // 10 * 10}年代{part}"


def split_alt_names(text: str | None) -> list[str]:
    """A report's other names are stored as one ';'-separated column."""
    return [p.strip() for p in (text or "").split(";") if p.strip()]


class Photo(Base):
    """A stored image (content-hash file name, metadata stripped) of an intake, report or tip."""

    __tablename__ = "photos"
    __table_args__ = (Index("ix_photos_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(16))     # intake / report / tip / search
    owner_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    path: Mapped[str] = mapped_column(String(255))          # relative to the media folder
    thumb_path: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    taken_year: Mapped[int | None] = mapped_column(Integer)
    face_status: Mapped[str] = mapped_column(String(16), default="pending")  # pending/ok/no_face/error
    face_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    faces: Mapped[list["FaceEncoding"]] = relationship(
        back_populates="photo", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FaceEncoding.face_index",
    )


class FaceEncoding(Base):
    """One detected face of a photo: 128-d dlib embedding (float32 bytes). Biometric data."""

    __tablename__ = "face_encodings"
    # AUTOINCREMENT: SQLite must never hand a deleted face's id to a new face (the face index keys on ids).
    __table_args__ = (Index("ix_face_encodings_owner", "owner_type", "owner_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), index=True)
    face_index: Mapped[int] = mapped_column(Integer)
    box_top: Mapped[int] = mapped_column(Integer)
    box_right: Mapped[int] = mapped_column(Integer)
    box_bottom: Mapped[int] = mapped_column(Integer)
    box_left: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[bytes] = mapped_column(LargeBinary)
    is_subject: Mapped[bool] = mapped_column(Boolean, default=False)  # the face that is the person
    # The photo's owner, copied here so the face index and the matcher read faces without a join.
    owner_type: Mapped[str] = mapped_column(String(16), default="", server_default="")
    owner_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    area: Mapped[int] = mapped_column(Integer, default=0, server_default="0")        # box area, original pixels
    score: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")     # detector confidence
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    photo: Mapped[Photo] = relationship(back_populates="faces")


CANDIDATE_STATUSES = (
    "pending", "rejected", "needs_contact", "needs_comparison", "confirm_pending", "confirmed", "set_aside",
)
CANDIDATE_STATUS_LABELS = {
    "pending": "待审核", "rejected": "已排除", "needs_contact": "待核实", "needs_comparison": "提请比对",
    "confirm_pending": "待复核确认", "confirmed": "已确认", "set_aside": "已搁置",
}


class Candidate(Base):
    """An intake×report pair the engine proposed, with its calibrated score and review status."""

    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("intake_id", "report_id", name="uq_candidate_pair"),
        Index("ix_candidates_queue", "review_status", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("missing_reports.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    total_weight: Mapped[float] = mapped_column(Float, default=0.0)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    components: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16), default="engine")   # engine / face
    review_status: Mapped[str] = mapped_column(String(24), default="pending")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    intake: Mapped[Intake] = relationship()
    report: Mapped[MissingReport] = relationship()


class Review(Base):
    """One decision on a candidate (reject, needs contact, needs comparison, confirm) and its approval."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    state_before: Mapped[dict] = mapped_column(JSON, default=dict)   # what undo restores
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SearchNotice(Base):
    """寻亲公告 for one intake; its text lives in versions, approval by a second person."""

    __tablename__ = "search_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"), index=True)
    notice_no: Mapped[str] = mapped_column(String(64), unique=True)
    public_token: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft/approved/published/withdrawn
    withdrawn_reason: Mapped[str] = mapped_column(String(64), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refresh_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refreshed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))   # last re-publication
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    intake: Mapped[Intake] = relationship()
    versions: Mapped[list["NoticeVersion"]] = relationship(
        back_populates="notice", order_by="NoticeVersion.version_no", cascade="all, delete-orphan"
    )


class NoticeVersion(Base):
    __tablename__ = "notice_versions"
    __table_args__ = (UniqueConstraint("notice_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("search_notices.id", ondelete="CASCADE"))
    version_no: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    notice: Mapped[SearchNotice] = relationship(back_populates="versions")


class Channel(Base):
    """A publication channel (webhook, WeCom, DingTalk, email, feeds) and the regions it serves."""

    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    config: Mapped[dict] = mapped_column(JSON, default=dict)
    regions: Mapped[list] = mapped_column(JSON, default=list)   # 2/4/6-digit division code prefixes
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Publication(Base):
    """One delivery of one notice (or its withdrawal) to one channel, with its delivery log."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("search_notices.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    action: Mapped[str] = mapped_column(String(16), default="publish")   # publish / withdraw
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")                # why this channel was chosen
    status: Mapped[str] = mapped_column(String(16), default="pending")   # pending/sent/failed/retrying
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_response: Mapped[str] = mapped_column(Text, default="")
    log: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version_no: Mapped[int | None] = mapped_column(Integer)                          # NoticeVersion sent
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))    # a worker is sending

    channel: Mapped[Channel] = relationship()


POLICE_REQUEST_KINDS = {"fingerprint": "指纹比对", "portrait": "人像比对", "dna": "DNA采样比对"}
POLICE_REQUEST_STATUSES = {
    "draft": "草稿", "sent": "已发送", "sample_taken": "已采样", "result_match": "比中", "result_no_match": "未比中",
}


class PoliceRequest(Base):
    """协查请求: fingerprint / portrait / DNA comparison asked of a police unit, tracked to a result."""

    __tablename__ = "police_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))
    ref_no: Mapped[str] = mapped_column(String(64), unique=True)
    kinds: Mapped[list] = mapped_column(JSON, default=list)
    police_unit: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(24), default="draft")
    letter_text: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sample_taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result_note: Mapped[str] = mapped_column(Text, default="")
    request_text: Mapped[str] = mapped_column(Text, default="")   # extra asks printed in the letter
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    intake: Mapped[Intake] = relationship()


class DeadlineMark(Base):
    """A deadline rule marked done for an intake by staff (e.g. care arranged outside the system)."""

    __tablename__ = "deadline_marks"
    __table_args__ = (UniqueConstraint("intake_id", "rule", name="uq_deadline_mark"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Tip(Base):
    """线索: a lead from the public, possibly about a published notice."""

    __tablename__ = "tips"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("search_notices.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(255), default="")
    ip_hash: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="new")   # new/reviewed/dismissed
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text, default="")              # staff's note on handling
    face_matches: Mapped[list] = mapped_column(JSON, default=list)   # nearest faces of its photo
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_tips_ip_hash_created", "ip_hash", "created_at"),)


class Setting(Base):
    """Deployment settings editable by admins (deadline rules, station data, templates)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict | list | str | int | float | None] = mapped_column(JSON)


class AuditEvent(Base):
    """Append-only, hash-chained record of who did what to which record, when, from where."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    ts: Mapped[str] = mapped_column(String(32))                # ISO-8601 UTC, hashed as written
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32), index=True)
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_id: Mapped[int | None] = mapped_column(Integer)
    object_ref: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON (changes, counts…)
    ip: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_object", "object_type", "object_id"),)


class AuditChainHead(Base):
    """Single row holding the chain's tip; locked while appending so the chain stays linear."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


# Toneless pinyin of names for search, kept current on every ORM write (forms, CLI, import
# updates); the import's bulk insert fills it itself (importer._store_batch).
from sqlalchemy import event as _event  # noqa: E402


@_event.listens_for(Intake.name_heard, "set")
def _intake_name_set(target, value, oldvalue, initiator):
    from .search import name_pinyin
    target.name_pinyin = name_pinyin(value)


@_event.listens_for(MissingReport.name, "set")
def _report_name_set(target, value, oldvalue, initiator):
    from .search import name_pinyin
    target.name_pinyin = name_pinyin(value)


@_event.listens_for(MissingReport.hometown, "set")
def _report_hometown_set(target, value, oldvalue, initiator):
    from .search import region_code
    target.hometown_code = region_code(value)
