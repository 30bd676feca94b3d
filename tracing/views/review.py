"""The review workbench: queue, side-by-side comparison, decisions, approvals and undo.

Business rules live in tracing.review; this module turns requests into calls and
records into what a reviewer reads. Volunteers never receive family phone numbers,
ID numbers or internal notes here: those rows are not rendered at all for them.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from matchers.compare_height import height_gap, height_spread
from matchers.compare_timeline import earliest_missing_date

from .. import audit, review
from ..auth import can, client_ip, requires
from ..db import get_session
from ..models import CANDIDATE_STATUS_LABELS, REPORT_STATUS_LABELS, Candidate, Photo, Review, Tip, User, aware
from ..parsing import mask_id_number

bp = Blueprint("review", __name__, url_prefix="/review")

SKIP_KEY = "review_skip"
SKIP_MAX = 200
BADGE = {"pending": "", "rejected": "err", "needs_contact": "warn", "needs_comparison": "warn",
         "confirm_pending": "warn", "confirmed": "ok", "set_aside": ""}


@bp.app_context_processor
def _helpers():
    def new_tips_count() -> int:
        return get_session().execute(select(func.count(Tip.id)).where(Tip.status == "new")).scalar_one()
    return {"candidate_status_labels": CANDIDATE_STATUS_LABELS, "new_tips_count": new_tips_count, "pct": pct}


def pct(p: float | None, digits: int = 0) -> str:
    """A probability for people: never "100%" or "0%" for what is only nearly certain."""
    value = float(p or 0.0) * 100
    step = 10 ** -digits
    if 0 < value < step / 2:
        return f"<{step:g}%"
    if 100 - step / 2 <= value < 100:
        return f">{100 - step:g}%"
    return f"{value:.{digits}f}%"


def _filters_from(values) -> review.QueueFilters:
    return review.QueueFilters.from_args(values)


def _photos(db, kind: str, obj_id: int) -> list[Photo]:
    return list(db.execute(select(Photo).where(Photo.owner_type == kind, Photo.owner_id == obj_id)
                           .order_by(Photo.id)).scalars())


# ---------------------------------------------------------------- queue

@bp.route("/")
@requires("review")
def queue():
    db = get_session()
    filters = _filters_from(request.args)
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))
    rows, has_next = review.queue_page(db, filters, page)
    counts = review.status_counts(db, filters)
    now = datetime.now(timezone.utc)
    users = {u.id: u for u in db.execute(select(User).where(User.id.in_(
        {c.claimed_by_id for c in rows if c.claimed_by_id} or {0}))).scalars()}
    return render_template("review/queue.html", rows=rows, has_next=has_next, page=page, filters=filters,
                           counts=counts, stations=review.stations(db), bands=review.SCORE_BAND_LABELS,
                           labels=CANDIDATE_STATUS_LABELS, badge=BADGE, now=now, users=users,
                           days_in_station=_days_in_station, claimed_by_other=review.claimed_by_other)


@bp.route("/next", methods=["POST"])
@requires("review")
def next_candidate():
    """Claim the best open pair nobody else holds (N / J on the keyboard)."""
    db = get_session()
    filters = _filters_from(request.form)
    skip = request.form.get("skip", type=int)
    if not skip:
        session.pop(SKIP_KEY, None)      # starting from the queue: earlier skips are offered again
    skipped = list(session.get(SKIP_KEY, []))
    if skip:
        review.release(db, skip, g.user)
        skipped = ([skip] + [s for s in skipped if s != skip])[:SKIP_MAX]
        session[SKIP_KEY] = skipped
    cand = review.claim_next(db, g.user, filters, exclude=set(skipped))
    db.commit()
    if cand is None:
        if skipped and request.form.get("skip"):
            flash("没有更多待审核的候选了（跳过的候选可在队列中重新打开）", "info")
        else:
            flash("队列中没有待审核的候选了", "info")
        return redirect(url_for("review.queue", **filters.as_args()))
    return redirect(url_for("review.candidate", cid=cand.id, **filters.as_args()))


# ---------------------------------------------------------------- side by side

def _days_in_station(intake, today: date | None = None) -> int | None:
    today = today or datetime.now(timezone.utc).date()
    start = aware(intake.admitted_at).date() if intake.admitted_at else intake.found_date
    return (today - start).days if start else None


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin
    return " ".join(lazy_pinyin(text or "", style=Style.NORMAL)).strip()


def _age_at(report, when: date | None) -> int | None:
    if not report.birth_year or when is None:
        return None
    age = when.year - report.birth_year
    if report.birth_month and (when.month, when.day) < (report.birth_month, report.birth_day or 1):
        age -= 1
    return age


def _places(text: str) -> dict:
    """The gazetteer's reading of a free-text place: names it recognises and their codes."""
    from matchers.gazetteer import county_name, places_in, prefecture_name, province_name

    parsed = places_in(text or "")
    names = []
    for c in sorted(parsed.counties):
        names.append(f"{province_name(c[:2])}·{prefecture_name(c[:4])}·{county_name(c)}")
    for p in sorted(parsed.prefectures):
        if not any(c.startswith(p) for c in parsed.counties):
            names.append(f"{province_name(p[:2])}·{prefecture_name(p)}")
    for p in sorted(parsed.provinces):
        if not any(x.startswith(p) for x in parsed.prefectures | parsed.counties):
            names.append(province_name(p))
    return {"names": names, "provinces": set(parsed.provinces), "prefectures": set(parsed.prefectures),
            "counties": set(parsed.counties)}


def _place_overlap(a: dict, b: dict) -> str:
    if a["counties"] & b["counties"]:
        return "同县"
    if a["prefectures"] & b["prefectures"]:
        return "同市"
    if a["provinces"] & b["provinces"]:
        return "同省"
    if (a["provinces"] or a["prefectures"]) and (b["provinces"] or b["prefectures"]):
        return "不同地区"
    return ""


def compare_rows(cand: Candidate, sensitive: bool) -> list[dict]:
    """Intake and report fields aligned row by row, with a short verdict where it is mechanical
    (`agree` True/False/None). Sensitive rows only when `sensitive`."""
    i, r = cand.intake, cand.report
    rows = []

    def row(label, left, right, note="", agree=None, key=""):
        rows.append({"label": label, "left": left or "—", "right": right or "—", "note": note, "agree": agree,
                     "key": key})

    alt = "；".join(r.alt_name_list)
    row("姓名", i.name_heard or "无法表述", r.name + (f"（又名 {alt}）" if alt else ""), key="name")
    from ..search import name_pinyin
    left_py = name_pinyin(i.name_heard)
    right_pys = {name_pinyin(n) for n in [r.name] + r.alt_name_list if n}
    row("拼音", _pinyin(i.name_heard), " / ".join(_pinyin(n) for n in [r.name] + r.alt_name_list if n),
        "读音相同" if left_py and left_py in right_pys else "", True if left_py and left_py in right_pys else None,
        key="pinyin")
    row("性别", i.sex or "不详", r.sex or "不详", agree=(i.sex == r.sex) if i.sex and r.sex else None, key="sex")
    found = i.found_date or (aware(i.admitted_at).date() if i.admitted_at else None)
    age_then = _age_at(r, found)
    age_note, age_ok = "", None
    if age_then is not None and i.age_min is not None:
        lo, hi = i.age_min, i.age_max if i.age_max is not None else i.age_min
        age_ok = lo - 3 <= age_then <= hi + 3
        age_note = f"发现时约 {age_then} 岁" + ("，在估计范围内" if lo <= age_then <= hi else
                                            ("，接近估计" if age_ok else "，与估计不符"))
    elif age_then is not None:
        age_note = f"发现时约 {age_then} 岁"
    left_age = i.age_estimate or "不详"
    if i.age_min is not None:
        left_age += f"（{i.age_min}–{i.age_max} 岁）"
    row("年龄", left_age, f"生于 {r.birth_date}" if r.birth_date else "出生日期不详", age_note, age_ok, key="age")
    h_note, h_ok = "", None
    if i.height_cm and r.height_cm:
        diff = height_gap(i.height_cm, height_spread(i), r.height_cm, height_spread(r))
        h_ok = diff <= 5
        h_note = f"相差 {diff:g} 厘米"
    row("身高", f"{i.height_written} 厘米" if i.height_cm else "不详", f"{r.height_written} 厘米" if r.height_cm else "不详",
        h_note, h_ok, key="height")
    row("口音 ↔ 籍贯", i.dialect, r.hometown + (f"（{r.dialect}）" if r.dialect else ""), key="dialect")
    hints = _places(" ".join(i.place_hint_list) + " " + (i.dialect or ""))
    home = _places(r.hometown)
    overlap = _place_overlap(hints, home)
    row("自述地名 ↔ 户籍地址", "；".join(i.place_hint_list), r.hometown,
        overlap, {"同县": True, "同市": True, "同省": None, "不同地区": False}.get(overlap), key="place")
    rows[-1]["left_places"] = hints["names"]
    rows[-1]["right_places"] = home["names"]
    row("体貌特征", i.features, r.features, key="features")
    row("衣着 ↔ 失踪时衣着", i.clothing, "", key="clothing")
    t_note, t_ok = "", None
    if i.found_date and r.missing_date:
        gap = (i.found_date - r.missing_date).days
        if gap < 0 and i.found_date >= earliest_missing_date(r):
            gap = 0                     # found within the year or month the family wrote
        t_ok = gap >= 0
        t_note = f"失踪 {gap} 天后被发现" if gap >= 0 else f"发现日期早于失踪 {-gap} 天"
        written = {"year": "只写到年", "month": "只写到月", "circa": "是大约的年份",
                   "decade": "只写到年代"}.get(r.missing_date_precision)
        if written:
            t_note = f"约{t_note}（失踪日期{written}）"
    row("发现 ↔ 失踪", f"{i.found_date or ''} {i.found_place}".strip(), f"{r.missing_date_text} {r.missing_place}".strip(),
        t_note, t_ok, key="timeline")
    days = _days_in_station(i)
    row("在站", f"{days} 天（{i.station or '本站'}）" if days is not None else (i.station or ""),
        REPORT_STATUS_LABELS.get(r.status, r.status), key="station")
    if sensitive:
        row("身份证号", i.id_number, r.id_number, key="id_number")
        row("家属电话", "", r.contact_phone, key="phone")
        if i.notes or r.notes:
            row("内部备注", i.notes, r.notes, key="notes")
    return rows


def score_chart(cand: Candidate) -> dict:
    """Per-component weights as a waterfall: prior, then each comparison's push up or down.

    Components are dicts from the engine; any key may be missing in older rows, so every
    field has a fallback and a non-list is treated as no components."""
    comps = cand.components if isinstance(cand.components, list) else []
    items = []
    for c in comps:
        if not isinstance(c, dict):
            continue
        try:
            weight = float(c.get("weight") or 0.0)
        except (TypeError, ValueError):
            weight = 0.0
        items.append({"title": str(c.get("title") or c.get("comparison") or "其他"),
                      "explanation": str(c.get("explanation") or c.get("label") or ""),
                      "label": str(c.get("label") or ""), "weight": weight,
                      "null": (c.get("level") == 0 and weight == 0)})
    total = float(cand.total_weight or 0.0)
    prior = total - sum(x["weight"] for x in items) if items else total
    steps = [{"title": "基础概率", "explanation": "先验（尚未比较任何信息）", "weight": prior, "null": False,
              "prior": True}] + items
    running, lo, hi = 0.0, 0.0, 0.0
    for s in steps:
        s["start"] = running
        running += s["weight"]
        s["end"] = running
        lo, hi = min(lo, running, s["start"]), max(hi, running, s["start"])
    span = (hi - lo) or 1.0
    for s in steps:
        a, b = sorted((s["start"], s["end"]))
        s["left"] = round((a - lo) / span * 100, 2)
        s["width"] = max(round((b - a) / span * 100, 2), 0.6)
    return {"steps": steps, "zero": round((0 - lo) / span * 100, 2), "total": running,
            "probability": cand.score or 0.0}


@bp.route("/<int:cid>")
@requires("review")
def candidate(cid):
    db = get_session()
    cand = db.get(Candidate, cid)
    if cand is None:
        abort(404)
    filters = _filters_from(request.args)
    now = datetime.now(timezone.utc)
    if cand.review_status in review.OPEN_STATUSES and not review.claimed_by_other(cand, g.user, now):
        review.claim(db, cand.id, g.user, now)
        db.refresh(cand)
    holder = db.get(User, cand.claimed_by_id) if review.claimed_by_other(cand, g.user, now) else None
    sensitive = can(g.user, "sensitive.view")
    others = list(db.execute(select(Candidate).where(Candidate.intake_id == cand.intake_id, Candidate.id != cand.id)
                             .order_by(Candidate.score.desc(), Candidate.id).limit(20)).scalars())
    reviews = list(db.execute(select(Review).where(Review.candidate_id == cand.id).order_by(Review.id)).scalars())
    user_ids = {x.user_id for x in reviews} | {x.approved_by_id for x in reviews if x.approved_by_id} | \
               {x.undone_by_id for x in reviews if x.undone_by_id}
    users = {u.id: u for u in db.execute(select(User).where(User.id.in_(user_ids or {0}))).scalars()}
    latest = next((x for x in reversed(reviews) if x.undone_at is None), None)
    events = audit.history(db, "candidate", cand.id)
    audit.record(db, "view", actor=g.user, object_type="candidate", object_id=cand.id,
                 object_ref=review.candidate_ref(cand), ip=client_ip(), details={"sensitive_shown": sensitive})
    db.commit()
    return render_template("review/candidate.html", cand=cand, i=cand.intake, r=cand.report, filters=filters,
                           rows=compare_rows(cand, sensitive), chart=score_chart(cand), others=others,
                           intake_photos=_photos(db, "intake", cand.intake_id),
                           report_photos=_photos(db, "report", cand.report_id),
                           reviews=reviews, latest=latest, users=users, holder=holder,
                           open_statuses=review.OPEN_STATUSES, labels=CANDIDATE_STATUS_LABELS, badge=BADGE,
                           decision_labels=review.DECISION_LABELS, events=events, details_of=audit.details_of,
                           mask_id_number=mask_id_number, sensitive=sensitive)


@bp.route("/<int:cid>/decide", methods=["POST"])
@requires("review")
def decide(cid):
    db = get_session()
    filters = _filters_from(request.form)
    decision = request.form.get("decision", "")
    version = request.form.get("version", type=int)
    back = url_for("review.candidate", cid=cid, **filters.as_args())
    try:
        if version is None:
            raise review.ReviewError("表单缺少版本号，请刷新页面后重试")
        rv = review.decide(db, cid, g.user, decision, request.form.get("reason", ""), version, ip=client_ip())
        cand = db.get(Candidate, cid)
        label = review.DECISION_LABELS[decision]
        ref = review.candidate_ref(cand)
        extra = ""
        if decision == "needs_comparison" and rv.state_before.get("police_request_id"):
            extra = "，已生成协查请求草稿"
        if decision == "confirm":
            extra = "，等待另一名工作人员复核"
        db.commit()
    except (review.ReviewError, StaleDataError) as exc:
        db.rollback()
        message = str(exc) if isinstance(exc, review.ReviewError) else "这对记录刚被另一位审核人处理，您的决定没有保存。"
        flash(message, "error")
        return redirect(back, code=303)
    flash(f"已{label}：{ref}{extra}", "ok")
    if request.form.get("advance"):
        nxt = review.claim_next(db, g.user, filters, exclude=set(session.get(SKIP_KEY, [])))
        db.commit()
        if nxt is not None:
            return redirect(url_for("review.candidate", cid=nxt.id, **filters.as_args()), code=303)
        flash("队列中没有待审核的候选了", "info")
        return redirect(url_for("review.queue", **filters.as_args()), code=303)
    return redirect(back, code=303)


@bp.route("/<int:cid>/release", methods=["POST"])
@requires("review")
def release(cid):
    db = get_session()
    review.release(db, cid, g.user)
    db.commit()
    return redirect(url_for("review.queue", **_filters_from(request.form).as_args()), code=303)


# ---------------------------------------------------------------- approvals and undo

@bp.route("/calibration")
@requires("review")
def calibration():
    """Share of confirmed pairs per score band here: can a score be taken at its word?"""
    from ..calibration_check import MIN_DECIDED, VERDICT_LABELS, calibration_by_band
    bands = calibration_by_band(get_session())
    return render_template("review/calibration.html", bands=bands, verdicts=VERDICT_LABELS,
                           min_decided=MIN_DECIDED, total=sum(b.decided for b in bands))


@bp.route("/approvals")
@requires("review.approve")
def approvals():
    db = get_session()
    pending = list(db.execute(select(Candidate).where(Candidate.review_status == "confirm_pending")
                              .order_by(Candidate.decided_at)).scalars())
    confirms = {}
    for c in pending:
        confirms[c.id] = db.execute(select(Review).where(Review.candidate_id == c.id, Review.decision == "confirm",
                                                         Review.undone_at.is_(None)).order_by(Review.id.desc())
                                    .limit(1)).scalar_one_or_none()
    recent = list(db.execute(select(Review).order_by(Review.id.desc()).limit(50)).scalars())
    latest_ids = set()
    for cid in {x.candidate_id for x in recent}:
        lr = review.latest_review(db, cid)
        if lr is not None:
            latest_ids.add(lr.id)
    user_ids = {x.user_id for x in recent} | {x.user_id for x in confirms.values() if x} | \
               {x.approved_by_id for x in recent if x.approved_by_id} | {x.undone_by_id for x in recent if x.undone_by_id}
    users = {u.id: u for u in db.execute(select(User).where(User.id.in_(user_ids or {0}))).scalars()}
    cands = {c.id: c for c in db.execute(select(Candidate).where(Candidate.id.in_(
        {x.candidate_id for x in recent} or {0}))).scalars()}
    return render_template("review/approvals.html", pending=pending, confirms=confirms, recent=recent,
                           latest_ids=latest_ids, users=users, cands=cands, labels=CANDIDATE_STATUS_LABELS,
                           decision_labels=review.DECISION_LABELS, badge=BADGE)


@bp.route("/<int:cid>/approve", methods=["POST"])
@requires("review.approve")
def approve(cid):
    db = get_session()
    back = request.form.get("back") == "candidate"
    target = url_for("review.candidate", cid=cid) if back else url_for("review.approvals")
    try:
        result = review.approve_confirmation(db, cid, g.user, ip=client_ip(),
                                             expected_version=request.form.get("version", type=int))
        cand = db.get(Candidate, cid)
        ref = review.candidate_ref(cand)
        db.commit()
    except (review.ReviewError, StaleDataError) as exc:
        db.rollback()
        flash(str(exc) if isinstance(exc, review.ReviewError) else "这对记录刚被他人处理，请刷新后重试。", "error")
        return redirect(target, code=303)
    msg = f"已批准确认：{ref}。受助人员已标记为已寻亲，寻人启事已结案"
    if result.set_aside:
        msg += f"，另有 {len(result.set_aside)} 个候选已搁置"
    if result.notices:
        msg += f"，已撤回 {len(result.notices)} 份寻亲公告"
    flash(msg, "ok")
    return redirect(target, code=303)


@bp.route("/decisions/<int:rid>/undo", methods=["POST"])
@requires("review.undo")
def undo(rid):
    db = get_session()
    target = url_for("review.approvals")
    if request.form.get("back") == "candidate":
        rv = db.get(Review, rid)
        if rv is not None:
            target = url_for("review.candidate", cid=rv.candidate_id)
    try:
        result = review.undo(db, rid, g.user, request.form.get("reason", ""), ip=client_ip())
        db.commit()
    except (review.ReviewError, StaleDataError) as exc:
        db.rollback()
        flash(str(exc) if isinstance(exc, review.ReviewError) else "这对记录刚被他人处理，请刷新后重试。", "error")
        return redirect(target, code=303)
    flash("已撤销该决定，状态已恢复" + ("。" + "；".join(result.warnings) if result.warnings else ""), "ok")
    return redirect(target, code=303)
