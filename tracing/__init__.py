"""寻亲工作台 — the Flask application (app factory, as in Flask's tutorial)."""
from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect

from .config import load_config

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    cfg = load_config(config)
    app = Flask(__name__, instance_path=cfg["INSTANCE_PATH"], instance_relative_config=True)
    app.config.update(cfg)
    app.config.from_pyfile("config.py", silent=True)   # local overrides in instance/config.py
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from . import auth, db, hooks  # noqa: F401  (hooks registers session events)
    db.init_app(app)
    csrf.init_app(app)
    auth.init_app(app)

    from .views import register_blueprints
    register_blueprints(app)

    from .cli import register_commands
    register_commands(app)

    if app.config.get("TASKS_IMMEDIATE"):
        from .tasks import huey
        huey.immediate = True

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return render_template("error.html", code=400, message="页面已过期或表单无效，请刷新后重试。"), 400

    for code, message in ((403, "您的角色无权访问此页面。"), (404, "页面不存在。"), (413, "上传的文件太大。"),
                          (429, "请求过于频繁，请稍后再试。")):
        app.register_error_handler(code, _error_page(code, message))

    @app.context_processor
    def inject_action_labels():
        from .audit import ACTION_LABELS
        return {"action_labels": ACTION_LABELS}

    @app.after_request
    def security_headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
        if resp.mimetype == "text/html":
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    return app


def _error_page(code: int, message: str):
    def handler(exc):
        return render_template("error.html", code=code, message=message), code
    return handler
