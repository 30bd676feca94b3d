"""The review workbench in a real browser (Playwright + Debian's Chromium), against the app served
by waitress on 127.0.0.1 with a fresh SQLite instance and the task queue in immediate mode.

A volunteer works the queue by keyboard, rejects a wrong pair (which must not come back after
re-matching) and confirms the right one; a staff member approves; statuses and the audit trail
are checked; a tip sent from the public form reaches the staff queue. Screenshots of the main
pages (390 px wide, as on a phone) are saved under build/screenshots/ for people to look at.
"""
from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
PASSWORD = "browser-test-password"
REPORTS = """ref,name,alt_names,sex,birth_date,hometown,missing_date,missing_place,height_cm,features,dialect,contact_phone,photos
R1,刘建国,老三,男,1959,湖南省永州市双牌县东岭村,约2019年,永州火车站,165-170,左手缺小指,湖南口音,13812345678,obama-1.jpg
R2,王建华,,男,1960,四川省南充市顺庆区,2018-03-02,成都,170,,四川话,13900000002,
R3,陈秀英,,女,1970,广东省梅州市,2020-01-01,广州,155,,客家话,13900000003,
R4,刘建军,,男,1962,湖南省永州市,2021-01-01,北京,170,,湖南口音,13900000004,biden-1.jpg
"""
INTAKES = """ref,name,sex,age_estimate,found_date,found_place,height_cm,features,dialect,place_hints,photos
I1,牛建国,男,约65岁,2024-06-01,广州火车站,170,左手小拇指残缺,湖南口音,双牌;河边,obama-2.jpg
I2,,女,五十来岁,2024-07-01,深圳,156,,客家话,梅州,
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, faces_dir_module):
    """The app behind waitress in a thread; yields (base_url, app)."""
    import shutil

    from waitress import create_server

    from tracing import create_app, migrate
    from tracing.auth import create_user
    from tracing.models import Intake, SearchNotice

    folder = tmp_path_factory.mktemp("browser-instance")
    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'tracing.sqlite3'}",
                      "SECRET_KEY": "browser-" + uuid.uuid4().hex, "SESSION_COOKIE_SECURE": False,
                      "TASKS_IMMEDIATE": True, "MEDIA_PATH": str(folder / "media")})
    migrate.upgrade(app)
    data = folder / "data"
    data.mkdir()
    for name in ("obama-1.jpg", "obama-2.jpg", "biden-1.jpg"):
        shutil.copy(faces_dir_module / name, data / name)
    (data / "r.csv").write_text(REPORTS, encoding="utf-8")
    (data / "i.csv").write_text(INTAKES, encoding="utf-8")
    runner = app.test_cli_runner()
    for kind, f in (("reports", "r.csv"), ("intakes", "i.csv")):
        result = runner.invoke(args=["import", kind, str(data / f)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(args=["match", "--all"])
    assert result.exit_code == 0, result.output
    with app.extensions["db_sessionmaker"]() as s:
        for name, role in (("vol", "volunteer"), ("boss", "staff"), ("boss2", "staff")):
            create_user(s, name, role, PASSWORD, display_name=name, actor="test")
        i2 = s.execute(select(Intake).where(Intake.ref == "I2")).scalar_one()
        s.add(SearchNotice(intake_id=i2.id, notice_no="GG-2024-0002", public_token="pub-token-2", status="published"))
        s.commit()
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}", app
    srv.close()
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="module")
def faces_dir_module():
    import os
    default = Path(__file__).resolve().parents[2] / "shared" / "faces"
    FACES_DIR = Path(os.environ.get("TRACING_FACES_DIR", default))
    if not FACES_DIR.is_dir():
        pytest.fail(f"face photos not found at {FACES_DIR}")
    return FACES_DIR


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium",
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="zh-CN")
    page = ctx.new_page()
    yield page
    ctx.close()


def shot(page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def login(page, base, username):
    page.goto(f"{base}/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.click('button[type="submit"]')
    assert "/login" not in page.url, page.content()[:500]


def logout(page):
    with page.expect_navigation():
        page.click('header form button')


def pair_on(page) -> tuple[str, str, int]:
    refs = page.locator(".pair .side h2 a").all_inner_texts()
    cid = int(re.search(r"/review/(\d+)", page.url).group(1))
    return refs[0], refs[1], cid


def db_session(app):
    return app.extensions["db_sessionmaker"]()


def test_review_by_keyboard_then_staff_approval_and_public_tip(server, phone, browser):
    from tracing import matching
    from tracing.models import AuditEvent, Candidate, Intake, MissingReport, Tip

    base, app = server
    page = phone

    # A member of the public sends a tip about the published notice (no login).
    page.goto(f"{base}/tips/new?notice=pub-token-2")
    assert "GG-2024-0002" in page.content()
    box = page.locator('input[name="website"]').bounding_box()         # the honeypot stays off screen
    assert box is None or box["x"] + box["width"] <= 0
    page.fill('textarea[name="text"]', "昨天在深圳东门见过这位阿姨，说客家话")
    page.fill('input[name="contact"]', "13700001111")
    shot(page, "tip-public-form")
    with page.expect_navigation():
        page.click('form.public-form button[type="submit"]')
    assert "感谢您提供线索" in page.content()
    page.goto(f"{base}/review/")
    assert "/login" in page.url                                        # the workbench is not public

    # The volunteer works the queue by keyboard.
    login(page, base, "vol")
    page.goto(f"{base}/review/")
    shot(page, "review-queue")
    with page.expect_navigation():
        page.keyboard.press("n")
    rejected_id = confirmed_id = None
    for _ in range(20):
        intake_ref, report_ref, cid = pair_on(page)
        if (intake_ref, report_ref) == ("I1", "R1") and confirmed_id is None:
            shot(page, "review-candidate")
            page.keyboard.press("y")
            page.keyboard.type("左手小指特征与家属描述一致")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            confirmed_id = cid
        elif (intake_ref, report_ref) == ("I1", "R4") and rejected_id is None:
            page.keyboard.press("x")
            assert page.evaluate("document.activeElement.id") == "reason"
            page.keyboard.press("Enter")          # no reason yet: the form refuses to submit
            page.wait_for_timeout(300)
            assert pair_on(page)[2] == cid
            page.keyboard.type("照片不是同一人")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            rejected_id = cid
        else:
            with page.expect_navigation():
                page.keyboard.press("n")
        if rejected_id and confirmed_id:
            break
        if "/review/" not in page.url or not re.search(r"/review/\d+", page.url):
            break
    assert rejected_id and confirmed_id, "both pairs were reached by keyboard"

    # Re-matching must not bring the rejected pair back.
    with db_session(app) as s:
        i1 = s.execute(select(Intake).where(Intake.ref == "I1")).scalar_one()
        i1_id = i1.id
    with app.app_context():
        matching.refresh_for_record(app, "intake", i1_id)
    page.goto(f"{base}/review/?status=pending")
    assert f'href="/review/{rejected_id}' not in page.content()
    with db_session(app) as s:
        assert s.get(Candidate, rejected_id).review_status == "rejected"
        assert s.get(Candidate, confirmed_id).review_status == "confirm_pending"
        assert s.execute(select(Candidate).where(Candidate.intake_id == i1_id)
                         .where(Candidate.report_id == s.get(Candidate, rejected_id).report_id)).scalars().all() \
            == [s.get(Candidate, rejected_id)]
    # The volunteer sees neither family phones nor ID numbers, and cannot approve.
    page.goto(f"{base}/review/{confirmed_id}")
    assert "13812345678" not in page.content() and "5678" not in page.content()
    assert page.locator("#approve-btn").count() == 0
    assert page.goto(f"{base}/review/approvals").status == 403
    logout(page)

    # A staff member approves the confirmation.
    login(page, base, "boss")
    page.goto(f"{base}/review/approvals")
    shot(page, "review-approvals")
    card = page.locator(f'.appr[data-candidate="{confirmed_id}"]')
    with page.expect_navigation():
        card.locator('button:has-text("批准确认")').click()
    assert "已批准确认" in page.content()
    with db_session(app) as s:
        cand = s.get(Candidate, confirmed_id)
        assert cand.review_status == "confirmed"
        assert s.get(Intake, cand.intake_id).status == "已寻亲"
        assert s.get(MissingReport, cand.report_id).status == "closed"
        others = s.execute(select(Candidate.id, Candidate.review_status).where(
            (Candidate.intake_id == cand.intake_id) | (Candidate.report_id == cand.report_id),
            Candidate.id != confirmed_id)).all()
        assert all(st in ("set_aside", "rejected") for _, st in others) and others
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(
            AuditEvent.object_type == "candidate", AuditEvent.object_id == confirmed_id).order_by(AuditEvent.seq))]
        assert "candidate.confirm" in actions and "candidate.approve" in actions
    page.goto(f"{base}/review/{confirmed_id}")
    history = page.locator("section[aria-label='决定记录']").inner_text()
    assert "确认" in history and "批准" in history and "vol" in history and "boss" in history
    shot(page, "review-candidate-confirmed")

    # The public tip is in the staff queue, linked to its notice.
    page.goto(f"{base}/tips/")
    assert "昨天在深圳东门见过这位阿姨" in page.content() and "GG-2024-0002" in page.content()
    shot(page, "tips-queue")
    with db_session(app) as s:
        tip = s.execute(select(Tip)).scalar_one()
    page.goto(f"{base}/tips/{tip.id}")
    assert "13700001111" in page.content()
    shot(page, "tip-detail")
    page.goto(f"{base}/dashboard")
    shot(page, "dashboard")
    page.goto(f"{base}/review/calibration")         # the score check: the two decisions above count
    assert "2 对已决定" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390      # fits a phone
    shot(page, "review-calibration")
    page.goto(f"{base}/reports/?q=liu+jian")
    assert "R1" in page.content() and "R4" in page.content()
    shot(page, "search-reports-pinyin")

    # The same side-by-side page on a desktop screen, and its photo zoom.
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    desk = ctx.new_page()
    login(desk, base, "boss2")
    desk.goto(f"{base}/review/{rejected_id}")
    shot(desk, "review-candidate-desktop")
    desk.locator("a.zoom").first.click()
    assert desk.locator("#lightbox").is_visible()
    shot(desk, "review-zoom-desktop", full=False)
    desk.keyboard.press("Escape")
    assert not desk.locator("#lightbox").is_visible()
    ctx.close()
