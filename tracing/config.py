"""Configuration from the environment, with safe defaults for a single station."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def instance_path() -> Path:
    return Path(os.environ.get("TRACING_INSTANCE", "./instance")).resolve()


def _secret_key(folder: Path) -> str:
    """The secret key lives in the instance so sessions survive restarts without committing it."""
    if os.environ.get("TRACING_SECRET_KEY"):
        return os.environ["TRACING_SECRET_KEY"]
    key_file = folder / "secret_key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    folder = Path(overrides.pop("INSTANCE_PATH", None) or instance_path())
    folder.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("TRACING_DATABASE_URL") or f"sqlite:///{folder / 'tracing.sqlite3'}"
    config = {
        "INSTANCE_PATH": str(folder),
        "DATABASE_URL": database_url,
        "MEDIA_PATH": str(folder / "media"),
        "SECRET_KEY": None,
        "REDIS_URL": os.environ.get("TRACING_REDIS_URL", ""),
        "MAX_CONTENT_LENGTH": 60 * 1024 * 1024,   # whole request (an import file); photos have their own limit
        "PHOTO_MAX_BYTES": int(os.environ.get("TRACING_PHOTO_MAX_BYTES", 10 * 1024 * 1024)),
        "PHOTO_MAX_PIXELS": int(os.environ.get("TRACING_PHOTO_MAX_PIXELS", 40_000_000)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies unless explicitly serving plain HTTP on localhost (make run).
        "SESSION_COOKIE_SECURE": os.environ.get("TRACING_INSECURE_COOKIES", "") != "1",
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_LOCK_SECONDS": 300,
        "STATION_NAME": os.environ.get("TRACING_STATION_NAME", "救助管理站"),
        "STATION_ADDRESS": os.environ.get("TRACING_STATION_ADDRESS", ""),
        "STATION_PHONE": os.environ.get("TRACING_STATION_PHONE", ""),
        "PUBLIC_BASE_URL": os.environ.get("TRACING_PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "TASKS_IMMEDIATE": os.environ.get("TRACING_TASKS_IMMEDIATE", "") == "1",
        # processes for a full build of the match index (0: one per core, at most 4); see index_build.py
        "MATCH_INDEX_WORKERS": int(os.environ.get("TRACING_INDEX_WORKERS", 0)),
    }
    config.update(overrides)
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _secret_key(folder)
    return config
