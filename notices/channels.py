"""Delivery of notices to channels: generic webhook, WeCom and DingTalk group
robots, and email.

Each channel makes exactly one attempt per call and reports a DeliveryResult;
it never raises for network trouble or a bad response, because the caller (a
task-queue job) must log every attempt and decide on a retry. Retry policy
lives outside: `next_delay` for the queue, `deliver_with_retries` for
synchronous use and tests.

Idempotency: the caller passes one key per (notice version, channel) and
reuses it on every retry. The webhook sends it as `Idempotency-Key`, email
turns it into the Message-ID; the group robots have no such feature, so a
read timeout there is flagged `maybe_delivered` for the staff to check.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import re
import smtplib
import socket
import ssl
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Callable, ClassVar, Mapping

import requests

from .content import NoticeContent
from .render import render_markdown, render_text

RESPONSE_TEXT_LIMIT = 1000      # what a DeliveryResult keeps of a response body
RESPONSE_READ_LIMIT = 64 * 1024  # what we read at most from a response
USER_AGENT = "tracing-workbench-notices/1"
EVENTS = ("notice.published", "notice.updated", "notice.withdrawn")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Message:
    """What a channel posts, already rendered from a NoticeContent."""

    notice_no: str
    event: str
    title: str
    text: str                 # full plain text
    compact_text: str         # <= 300 chars, keeps number, phone and URL
    markdown: str
    url: str = ""
    image_url: str = ""
    data: dict = field(default_factory=dict)   # public fields for webhook consumers

    def __post_init__(self) -> None:
        if self.event not in EVENTS:
            raise ValueError(f"event: expected one of {EVENTS}, got {self.event!r}")


def build_message(content: NoticeContent, event: str | None = None) -> Message:
    """Render a notice into a Message; a withdrawn notice yields a withdrawal."""
    if event is None:
        event = "notice.withdrawn" if content.withdrawn else "notice.published"
    if (event == "notice.withdrawn") != content.withdrawn:
        raise ValueError(f"event {event!r} does not fit a notice with status {content.status!r}")
    c = content
    if c.withdrawn:
        data = {"notice_no": c.notice_no, "status": "withdrawn", "label": c.withdrawn_label,
                "station_name": c.station_name, "station_phone_24h": c.station_phone_24h,
                "public_url": c.public_url}
    else:
        data = {"notice_no": c.notice_no, "status": "active", "name_as_stated": c.display_name,
                "sex": c.sex, "age_estimate": c.age_estimate, "height_cm": c.height_cm,
                "accent": c.accent, "health_state": c.health_state, "features": c.features,
                "clothing": c.clothing,
                "found_date": c.found_date.isoformat() if c.found_date else None,
                "found_place": c.found_place,
                "admitted_date": c.admitted_date.isoformat() if c.admitted_date else None,
                "station_name": c.station_name, "station_address": c.station_address,
                "station_phone_24h": c.station_phone_24h, "public_url": c.public_url,
                "photo_urls": list(c.photo_urls)}
    return Message(
        notice_no=c.notice_no, event=event, title=c.title, text=render_text(c),
        compact_text=render_text(c, max_chars=300), markdown=render_markdown(c),
        url=c.public_url, image_url=c.photo_urls[0] if c.photo_urls and not c.withdrawn else "",
        data=data)


@dataclass
class DeliveryResult:
    """One attempt's outcome, ready to store in a Publication's delivery log."""

    ok: bool
    status_code: int | None = None
    response_text: str = ""
    error: str | None = None
    retryable: bool = False
    maybe_delivered: bool = False   # a timeout after sending: the post may have gone through
    retry_after: float | None = None  # seconds, from a Retry-After header
    elapsed_ms: int = 0
    attempt: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ChannelConfigError(ValueError):
    """Invalid channel configuration; `errors` lists every problem by field."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# ---------------------------------------------------------------- retry policy


def next_delay(attempt: int, base: float = 30.0, factor: float = 2.0, cap: float = 3600.0,
               jitter: float = 0.2, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based).

    Exponential (30 s, 60 s, 120 s … capped at an hour) with ±jitter so many
    failed deliveries do not retry in lockstep."""
    if attempt < 1:
        raise ValueError(f"attempt must be >= 1, got {attempt}")
    delay = min(cap, base * factor ** (attempt - 1))
    if jitter:
        delay *= 1 + jitter * (2 * rng() - 1)
    return max(0.0, delay)


def deliver_with_retries(channel: "Channel", message: Message, idempotency_key: str,
                         attempts: int = 3,
                         backoff: Callable[[int], float] | float = next_delay,
                         sleep: Callable[[float], None] = time.sleep,
                         on_attempt: Callable[[DeliveryResult], None] | None = None
                         ) -> list[DeliveryResult]:
    """Try up to `attempts` times with the same idempotency key.

    Stops at the first success or non-retryable failure. Returns every
    attempt's result; the last one is the outcome. `backoff` is a function of
    the attempt number or a constant number of seconds."""
    if attempts < 1:
        raise ValueError(f"attempts must be >= 1, got {attempts}")
    results: list[DeliveryResult] = []
    for n in range(1, attempts + 1):
        if message.event == "notice.withdrawn":
            result = channel.withdraw(message, idempotency_key)
        else:
            result = channel.send(message, idempotency_key)
        result.attempt = n
        results.append(result)
        if on_attempt:
            on_attempt(result)
        if result.ok or not result.retryable or n == attempts:
            break
        delay = backoff(n) if callable(backoff) else float(backoff)
        if result.retry_after is not None:
            delay = max(delay, result.retry_after)
        sleep(delay)
    return results


# ---------------------------------------------------------------- config checks


_EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class _Checker:
    def __init__(self, cfg: Mapping[str, Any], kind: str):
        self.cfg, self.kind, self.errors = cfg, kind, []

    def err(self, key: str, msg: str) -> None:
        self.errors.append(f"{self.kind}.{key}: {msg}")

    def url(self, key: str = "url", required: bool = True) -> str:
        value = self.cfg.get(key)
        if value in (None, ""):
            if required:
                self.err(key, "required")
            return ""
        if not isinstance(value, str):
            self.err(key, "must be text")
            return ""
        parts = urllib.parse.urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.err(key, f"must be an http(s) URL, got {value!r}")
        return value

    def text(self, key: str, required: bool = False, min_len: int = 0, default: str = "") -> str:
        value = self.cfg.get(key, default)
        if value in (None, ""):
            if required:
                self.err(key, "required")
            return default
        if not isinstance(value, str):
            self.err(key, "must be text")
            return default
        if len(value) < min_len:
            self.err(key, f"must be at least {min_len} characters")
        return value

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        value = self.cfg.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.err(key, f"must be a number, got {value!r}")
            return default
        if not lo <= value <= hi:
            self.err(key, f"must be between {lo} and {hi}, got {value}")
            return default
        return float(value)

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.cfg.get(key, default)
        if value not in options:
            self.err(key, f"must be one of {options}, got {value!r}")
            return default
        return value

    def done(self) -> None:
        if self.errors:
            raise ChannelConfigError(self.errors)


# ---------------------------------------------------------------- channels


class Channel:
    """One configured destination. Subclasses set `type` and implement `_post`."""

    type: ClassVar[str]
    # "event": the receiver gets a machine-readable withdrawal it can act on;
    # "followup": only a follow-up message can be posted (robots, email).
    withdraw_mode: ClassVar[str] = "followup"

    def __init__(self, config: Mapping[str, Any]):
        if not isinstance(config, Mapping):
            raise ChannelConfigError([f"config: expected a mapping, got {type(config).__name__}"])
        check = _Checker(config, self.type)
        self.id = str(config.get("id", "") or "")
        self.name = str(config.get("name", "") or "")
        self.connect_timeout = check.number("connect_timeout", 5.0, 0.1, 60)
        self.read_timeout = check.number("read_timeout", 15.0, 0.1, 300)
        self._configure(check)
        check.done()

    def _configure(self, check: _Checker) -> None:
        raise NotImplementedError

    def send(self, message: Message, idempotency_key: str) -> DeliveryResult:
        """One delivery attempt; never raises for network or response trouble."""
        if not idempotency_key or not isinstance(idempotency_key, str):
            raise ValueError("idempotency_key: a non-empty string is required")
        return self._post(message, idempotency_key)

    def withdraw(self, message: Message, idempotency_key: str) -> DeliveryResult:
        """Tell the channel the notice is withdrawn (see `withdraw_mode`)."""
        if message.event != "notice.withdrawn":
            raise ValueError("withdraw() needs a message built from a withdrawn notice")
        return self.send(message, idempotency_key)

    def _post(self, message: Message, idempotency_key: str) -> DeliveryResult:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.type}:{self.name or self.id}"


def _read_limited(resp: requests.Response, deadline: float) -> str:
    """Read at most RESPONSE_READ_LIMIT bytes, and no longer than the deadline
    (a server trickling bytes would otherwise defeat the read timeout)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(chunk_size=8192):
        chunks.append(chunk)
        size += len(chunk)
        if size >= RESPONSE_READ_LIMIT or time.monotonic() > deadline:
            break
    resp.close()
    return _decode(b"".join(chunks)[:RESPONSE_READ_LIMIT], resp.headers.get("Content-Type", ""))


def _decode(raw: bytes, content_type: str) -> str:
    """Honour an explicit charset; otherwise UTF-8, then GB18030 (common on
    Chinese servers), never requests' ISO-8859-1 guess for text/*."""
    m = re.search(r"charset=([\w.-]+)", content_type, re.I)
    if m:
        try:
            return raw.decode(m.group(1), errors="replace")
        except LookupError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _truncate(text: str) -> str:
    return text if len(text) <= RESPONSE_TEXT_LIMIT else text[:RESPONSE_TEXT_LIMIT] + "…"


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(min(int(value), 3600))
    return None


class _HttpChannel(Channel):
    def _http(self, url: str, body: bytes, headers: dict[str, str],
              check_body: Callable[[int, str], DeliveryResult | None]) -> DeliveryResult:
        """POST and classify: transport errors and HTTP status are handled
        here, the channel's own response contract in check_body."""
        started = time.monotonic()
        headers = {"User-Agent": USER_AGENT, "Content-Type": "application/json; charset=utf-8",
                   **headers}

        def ms() -> int:
            return int((time.monotonic() - started) * 1000)

        try:
            resp = requests.post(url, data=body, headers=headers, stream=True,
                                 timeout=(self.connect_timeout, self.read_timeout),
                                 allow_redirects=False)
            text = _read_limited(resp, started + self.connect_timeout + self.read_timeout * 2)
        except requests.exceptions.ConnectTimeout as exc:
            return DeliveryResult(False, error=f"connect timeout after {self.connect_timeout}s: {exc}",
                                  retryable=True, elapsed_ms=ms())
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError) as exc:
            # A read timeout (or a reset after sending) means the request may
            # have been processed: retry, but flag it.
            timeout = isinstance(exc, requests.exceptions.ReadTimeout) or "timed out" in str(exc)
            kind = f"read timeout after {self.read_timeout}s" if timeout else "connection error"
            return DeliveryResult(False, error=f"{kind}: {exc}", retryable=True,
                                  maybe_delivered=timeout, elapsed_ms=ms())
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:
            return DeliveryResult(False, error=f"invalid URL: {exc}", retryable=False, elapsed_ms=ms())
        except requests.exceptions.RequestException as exc:
            return DeliveryResult(False, error=f"request failed: {exc}", retryable=True, elapsed_ms=ms())

        status = resp.status_code
        shown = _truncate(text)
        if not 200 <= status < 300:
            retryable = status in (408, 425, 429) or status >= 500
            hint = " (redirect: check the URL)" if 300 <= status < 400 else ""
            return DeliveryResult(False, status, shown, f"HTTP {status}{hint}", retryable,
                                  retry_after=_retry_after(resp), elapsed_ms=ms())
        verdict = check_body(status, text)
        if verdict is not None:
            verdict.status_code, verdict.response_text, verdict.elapsed_ms = status, shown, ms()
            return verdict
        return DeliveryResult(True, status, shown, elapsed_ms=ms())


def sign_webhook_body(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_webhook_signature(secret: str, body: bytes, header_value: str) -> bool:
    """For receivers: constant-time check of X-Tracing-Signature."""
    return hmac.compare_digest(sign_webhook_body(secret, body), header_value or "")


class WebhookChannel(_HttpChannel):
    """Generic JSON webhook for partners' systems.

    Body: {"event", "idempotency_key", "timestamp", "notice": {...}, "text", "title", "url"}.
    Headers: X-Tracing-Signature: sha256=<hex HMAC-SHA256 of the raw body>,
    X-Tracing-Timestamp (unix seconds, also inside the signed body),
    X-Tracing-Event, Idempotency-Key. Any 2xx is success; a JSON body with
    "ok": false is a failure."""

    type = "webhook"
    withdraw_mode = "event"

    def _configure(self, check: _Checker) -> None:
        self.url = check.url()
        self.secret = check.text("secret", required=True, min_len=16)
        headers = check.cfg.get("headers") or {}
        if not isinstance(headers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
            check.err("headers", "must map header names to text values")
            headers = {}
        self.extra_headers = dict(headers)

    def body(self, message: Message, idempotency_key: str, timestamp: int) -> bytes:
        payload = {"event": message.event, "idempotency_key": idempotency_key,
                   "timestamp": timestamp, "notice_no": message.notice_no, "title": message.title,
                   "text": message.text, "url": message.url, "notice": message.data}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _post(self, message: Message, idempotency_key: str) -> DeliveryResult:
        ts = int(time.time())
        body = self.body(message, idempotency_key, ts)
        headers = {**self.extra_headers,
                   "X-Tracing-Signature": sign_webhook_body(self.secret, body),
                   "X-Tracing-Timestamp": str(ts),
                   "X-Tracing-Event": message.event,
                   "Idempotency-Key": idempotency_key}

        def check(status: int, text: str) -> DeliveryResult | None:
            try:
                parsed = json.loads(text) if text.strip() else None
            except ValueError:
                return None  # receivers may answer 2xx with any body
            if isinstance(parsed, dict) and parsed.get("ok") is False:
                return DeliveryResult(False, error=f"receiver said ok=false: {parsed.get('error', '')}",
                                      retryable=False)
            return None

        return self._http(self.url, body, headers, check)


def _json_errcode(service: str, text: str, retryable_codes: set[int]) -> DeliveryResult | None:
    """Robots answer HTTP 200 with {"errcode": n, "errmsg": ...}; anything else
    (an HTML login page, a proxy's error text) is a clear failure."""
    try:
        parsed = json.loads(text)
    except ValueError:
        snippet = re.sub(r"\s+", " ", text.strip())[:80]
        return DeliveryResult(False, error=f"{service}: response is not JSON (check the webhook URL): "
                                           f"{snippet!r}", retryable=False)
    if not isinstance(parsed, dict) or "errcode" not in parsed:
        return DeliveryResult(False, error=f"{service}: unexpected response without errcode",
                              retryable=False)
    code = parsed.get("errcode")
    if code == 0:
        return None
    return DeliveryResult(False, error=f"{service} errcode {code}: {parsed.get('errmsg', '')}",
                          retryable=code in retryable_codes)


def _fit_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "…"


class WeComRobotChannel(_HttpChannel):
    """企业微信群机器人: POST {"msgtype": ..., ...} to the robot's webhook URL."""

    type = "wecom"
    MARKDOWN_LIMIT = 4096   # bytes, per the robot API
    RETRYABLE = {-1, 45009, 45033}  # system busy, frequency limits

    def _configure(self, check: _Checker) -> None:
        self.url = check.url()
        if self.url and "qyapi.weixin.qq.com" in self.url and "key=" not in self.url:
            check.err("url", "a WeCom robot URL carries ?key=…")
        self.msgtype = check.choice("msgtype", ("markdown", "news", "text"), "markdown")

    def payload(self, message: Message) -> dict:
        if self.msgtype == "news" and message.url:
            return {"msgtype": "news", "news": {"articles": [{
                "title": _fit_bytes(message.title, 128),
                "description": _fit_bytes(message.compact_text, 512),
                "url": message.url, "picurl": message.image_url}]}}
        if self.msgtype == "text":
            return {"msgtype": "text", "text": {"content": _fit_bytes(message.text, 2048)}}
        md = message.markdown
        if len(md.encode("utf-8")) > self.MARKDOWN_LIMIT:
            md = f"### {message.title}\n\n{message.compact_text}"
        return {"msgtype": "markdown", "markdown": {"content": _fit_bytes(md, self.MARKDOWN_LIMIT)}}

    def _post(self, message: Message, idempotency_key: str) -> DeliveryResult:
        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        return self._http(self.url, body, {},
                          lambda status, text: _json_errcode("WeCom", text, self.RETRYABLE))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk robot signature: base64(HMAC-SHA256(secret, "{ts}\\n{secret}"))."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode("utf-8"),
                      hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


class DingTalkRobotChannel(_HttpChannel):
    """钉钉群机器人, with the optional 加签 (timestamp + sign query parameters)."""

    type = "dingtalk"
    MARKDOWN_LIMIT = 18000
    RETRYABLE = {-1, 130101}  # system busy, sending too fast

    def _configure(self, check: _Checker) -> None:
        self.url = check.url()
        if self.url and "oapi.dingtalk.com" in self.url and "access_token=" not in self.url:
            check.err("url", "a DingTalk robot URL carries ?access_token=…")
        self.secret = check.text("secret")
        self.msgtype = check.choice("msgtype", ("markdown", "text"), "markdown")

    def signed_url(self, timestamp_ms: int | None = None) -> str:
        if not self.secret:
            return self.url
        ts = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
        query = urllib.parse.urlencode({"timestamp": ts, "sign": dingtalk_sign(self.secret, ts)})
        return self.url + ("&" if "?" in self.url else "?") + query

    def payload(self, message: Message) -> dict:
        if self.msgtype == "text":
            return {"msgtype": "text", "text": {"content": message.text}}
        md = message.markdown
        if len(md.encode("utf-8")) > self.MARKDOWN_LIMIT:
            md = f"### {message.title}\n\n{message.compact_text}"
        return {"msgtype": "markdown", "markdown": {"title": message.title, "text": md}}

    def _post(self, message: Message, idempotency_key: str) -> DeliveryResult:
        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        return self._http(self.signed_url(), body, {},
                          lambda status, text: _json_errcode("DingTalk", text, self.RETRYABLE))


def message_id_for(idempotency_key: str, from_addr: str) -> str:
    """A stable Message-ID, so a retried email is recognisably the same one."""
    domain = from_addr.rpartition("@")[2] or "tracing.invalid"
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}@{domain}>"


class EmailChannel(Channel):
    """Email via SMTP (plain, STARTTLS or implicit TLS, optional login)."""

    type = "email"

    def _configure(self, check: _Checker) -> None:
        cfg = check.cfg
        self.smtp_host = check.text("smtp_host", required=True)
        self.security = check.choice("security", ("starttls", "ssl", "none"), "starttls")
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[self.security]
        self.smtp_port = int(check.number("smtp_port", default_port, 1, 65535))
        self.username = check.text("username")
        self.password = check.text("password")
        if self.username and not self.password:
            check.err("password", "required when username is set")
        self.from_addr = check.text("from_addr", required=True)
        if self.from_addr and not _EMAIL_RE.match(self.from_addr):
            check.err("from_addr", f"not an email address: {self.from_addr!r}")
        to = cfg.get("to_addrs")
        if isinstance(to, str):
            to = [a.strip() for a in re.split(r"[,;\s]+", to) if a.strip()]
        if not isinstance(to, list) or not to:
            check.err("to_addrs", "a non-empty list of email addresses is required")
            to = []
        for addr in to:
            if not isinstance(addr, str) or not _EMAIL_RE.match(addr):
                check.err("to_addrs", f"not an email address: {addr!r}")
        self.to_addrs = to
        self.timeout = self.connect_timeout + self.read_timeout

    def build_email(self, message: Message, idempotency_key: str) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = message.title
        msg["From"] = self.from_addr
        msg["To"] = ", ".join(self.to_addrs)
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = message_id_for(idempotency_key, self.from_addr)
        msg["X-Tracing-Event"] = message.event
        msg["X-Tracing-Notice"] = message.notice_no
        msg.set_content(message.text)
        return msg

    def _post(self, message: Message, idempotency_key: str) -> DeliveryResult:
        started = time.monotonic()
        email = self.build_email(message, idempotency_key)

        def result(ok: bool, code: int | None, text: str, error: str | None = None,
                   retryable: bool = False, maybe: bool = False) -> DeliveryResult:
            return DeliveryResult(ok, code, _truncate(text), error, retryable, maybe,
                                  elapsed_ms=int((time.monotonic() - started) * 1000))

        smtp: smtplib.SMTP | None = None
        sent_data = False
        try:
            if self.security == "ssl":
                smtp = smtplib.SMTP_SSL(self.smtp_host, self.smtp_port, timeout=self.timeout,
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(self.smtp_host, self.smtp_port, timeout=self.timeout)
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password)
            sent_data = True
            refused = smtp.send_message(email)
            text = f"accepted by {self.smtp_host}; Message-ID {email['Message-ID']}"
            if refused:
                text += f"; refused recipients: {refused}"
            return result(True, 250, text)
        except smtplib.SMTPAuthenticationError as exc:
            return result(False, exc.smtp_code, str(exc.smtp_error), "SMTP login failed", False)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            temporary = all(400 <= c < 500 for c in codes)
            return result(False, codes[0] if codes else None, str(exc.recipients),
                          "all recipients refused", temporary)
        except smtplib.SMTPNotSupportedError as exc:
            return result(False, None, "", f"SMTP server does not support this: {exc}", False)
        except smtplib.SMTPResponseException as exc:
            temporary = 400 <= exc.smtp_code < 500
            return result(False, exc.smtp_code, str(exc.smtp_error), f"SMTP error {exc.smtp_code}",
                          temporary)
        except smtplib.SMTPServerDisconnected as exc:
            return result(False, None, "", f"SMTP server disconnected: {exc}", True, sent_data)
        except (socket.timeout, TimeoutError) as exc:
            return result(False, None, "", f"SMTP timeout after {self.timeout}s: {exc}", True,
                          sent_data)
        except ssl.SSLError as exc:
            return result(False, None, "", f"TLS error: {exc}", False)
        except (OSError, smtplib.SMTPException) as exc:
            return result(False, None, "", f"SMTP connection failed: {exc}", True)
        finally:
            if smtp is not None:
                try:
                    smtp.quit()
                except (smtplib.SMTPException, OSError):
                    smtp.close()


CHANNEL_TYPES: dict[str, type[Channel]] = {
    cls.type: cls for cls in (WebhookChannel, WeComRobotChannel, DingTalkRobotChannel, EmailChannel)
}


def channel_from_config(config: Mapping[str, Any]) -> Channel:
    """Build a channel from an admin's config dict, or raise ChannelConfigError
    listing every problem."""
    if not isinstance(config, Mapping):
        raise ChannelConfigError([f"config: expected a mapping, got {type(config).__name__}"])
    kind = config.get("type")
    if kind not in CHANNEL_TYPES:
        raise ChannelConfigError([f"type: expected one of {tuple(CHANNEL_TYPES)}, got {kind!r}"])
    return CHANNEL_TYPES[kind](config)
