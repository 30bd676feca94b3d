"""Delivery to channels against real servers on 127.0.0.1 (HTTP and SMTP)."""
from __future__ import annotations

import base64
import email
import email.header
import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.parse

import pytest
from werkzeug import Response

from notices import NoticeContent, build_message, channel_from_config, deliver_with_retries, next_delay
from notices.channels import ChannelConfigError, verify_webhook_signature

SECRET = "s3cret-s3cret-s3cret"
PHONE = "0746-8221110"


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def notice():
    return NoticeContent(notice_no="XQ-2024-0137", station_name="永州市救助管理站",
                         station_phone_24h=PHONE, sex="男", age_estimate="约60岁",
                         features="左手缺小指", found_place="冷水滩区火车站广场",
                         public_url="https://xunqin.example.org/n/XQ-2024-0137")


@pytest.fixture
def message(notice):
    return build_message(notice)


def webhook(httpserver, **extra):
    return channel_from_config({"type": "webhook", "url": httpserver.url_for("/hook"),
                                "secret": SECRET, "connect_timeout": 2, "read_timeout": 2, **extra})


class Recorder:
    """Handler that records requests and answers from a scripted list."""

    def __init__(self, *responses: Response):
        self.responses = list(responses)
        self.requests: list[dict] = []

    def __call__(self, request):
        self.requests.append({"headers": dict(request.headers), "body": request.get_data(),
                              "args": dict(request.args)})
        if len(self.responses) > 1:
            return self.responses.pop(0)
        return self.responses[0]


def ok_json(payload=None, status=200):
    return Response(json.dumps(payload if payload is not None else {"ok": True}), status=status,
                    content_type="application/json")


# ---------------------------------------------------------------- webhook


def test_webhook_signature_is_verifiable_by_receiver(httpserver, message):
    rec = Recorder(ok_json())
    httpserver.expect_request("/hook", method="POST").respond_with_handler(rec)
    result = webhook(httpserver).send(message, "pub-17-ch-3")
    assert result.ok and result.status_code == 200
    req = rec.requests[0]
    body = req["body"]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert req["headers"]["X-Tracing-Signature"] == expected
    assert verify_webhook_signature(SECRET, body, req["headers"]["X-Tracing-Signature"])
    assert not verify_webhook_signature("wrong-secret-wrong", body, req["headers"]["X-Tracing-Signature"])
    payload = json.loads(body)
    assert payload["event"] == "notice.published"
    assert payload["notice"]["station_phone_24h"] == PHONE
    assert req["headers"]["Idempotency-Key"] == "pub-17-ch-3"
    assert abs(int(req["headers"]["X-Tracing-Timestamp"]) - time.time()) < 60
    assert payload["timestamp"] == int(req["headers"]["X-Tracing-Timestamp"])


def test_channel_that_fails_then_recovers_succeeds_with_same_idempotency_key(httpserver, message):
    rec = Recorder(Response("busy", status=503), Response("oops", status=502), ok_json())
    httpserver.expect_request("/hook", method="POST").respond_with_handler(rec)
    slept: list[float] = []
    results = deliver_with_retries(webhook(httpserver), message, "pub-1", attempts=5,
                                   backoff=lambda n: 0.01 * n, sleep=slept.append)
    assert [r.ok for r in results] == [False, False, True]
    assert [r.status_code for r in results] == [503, 502, 200]
    assert [r.attempt for r in results] == [1, 2, 3]
    assert results[0].retryable and "busy" in results[0].response_text
    keys = {r["headers"]["Idempotency-Key"] for r in rec.requests}
    assert keys == {"pub-1"}
    assert slept == [0.01, 0.02]


def test_retries_stop_after_attempts(httpserver, message):
    httpserver.expect_request("/hook").respond_with_response(Response("down", status=500))
    results = deliver_with_retries(webhook(httpserver), message, "k", attempts=3, backoff=0,
                                   sleep=lambda s: None)
    assert len(results) == 3 and not results[-1].ok and results[-1].retryable


def test_client_error_is_not_retried(httpserver, message):
    httpserver.expect_request("/hook").respond_with_response(Response("bad sig", status=401))
    results = deliver_with_retries(webhook(httpserver), message, "k", attempts=3, backoff=0,
                                   sleep=lambda s: None)
    assert len(results) == 1
    assert results[0].status_code == 401 and not results[0].retryable


def test_rate_limit_honours_retry_after(httpserver, message):
    httpserver.expect_request("/hook").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "7"}))
    slept: list[float] = []
    results = deliver_with_retries(webhook(httpserver), message, "k", attempts=2, backoff=1,
                                   sleep=slept.append)
    assert results[0].retryable and results[0].retry_after == 7
    assert slept == [7]


def test_channel_that_hangs_times_out_as_retryable(httpserver, message):
    release = threading.Event()

    def hang(request):
        release.wait(10)
        return ok_json()

    httpserver.expect_request("/hook").respond_with_handler(hang)
    channel = webhook(httpserver, read_timeout=0.5)
    started = time.monotonic()
    try:
        result = channel.send(message, "k-hang")
    finally:
        release.set()
    elapsed = time.monotonic() - started
    assert elapsed < 3
    assert not result.ok and result.retryable
    assert "timeout" in result.error
    assert result.maybe_delivered  # the request went out: the receiver may have acted on it


def test_connection_refused_is_retryable(message):
    port = free_port()
    channel = channel_from_config({"type": "webhook", "url": f"http://127.0.0.1:{port}/hook",
                                   "secret": SECRET, "connect_timeout": 1})
    result = channel.send(message, "k")
    assert not result.ok and result.retryable and not result.maybe_delivered
    assert result.status_code is None and result.error


def test_garbage_response_is_a_clear_error_not_an_exception(httpserver, message):
    garbage = bytes(range(256)) * 1000  # 256 KB of binary noise
    httpserver.expect_request("/hook").respond_with_response(
        Response(garbage, status=500, content_type="application/octet-stream"))
    result = webhook(httpserver).send(message, "k")
    assert not result.ok and result.error == "HTTP 500" and result.retryable
    assert len(result.response_text) <= 1001


def test_webhook_receiver_saying_not_ok_is_failure(httpserver, message):
    httpserver.expect_request("/hook").respond_with_response(ok_json({"ok": False, "error": "dup"}))
    result = webhook(httpserver).send(message, "k")
    assert not result.ok and "dup" in result.error


def test_webhook_withdrawal_is_an_event(httpserver, notice):
    notice.status, notice.withdrawn_reason = "withdrawn", "identified"
    rec = Recorder(ok_json())
    httpserver.expect_request("/hook").respond_with_handler(rec)
    result = webhook(httpserver).withdraw(build_message(notice), "wd-1")
    assert result.ok
    payload = json.loads(rec.requests[0]["body"])
    assert payload["event"] == "notice.withdrawn"
    assert payload["notice"]["label"] == "已寻亲"
    assert "左手缺小指" not in rec.requests[0]["body"].decode()


def test_withdraw_refuses_a_publish_message(httpserver, message):
    with pytest.raises(ValueError, match="withdrawn"):
        webhook(httpserver).withdraw(message, "k")


# ---------------------------------------------------------------- WeCom


def wecom(httpserver, **extra):
    return channel_from_config({"type": "wecom", "url": httpserver.url_for("/cgi-bin/webhook/send") + "?key=abc",
                                "read_timeout": 2, **extra})


def test_wecom_markdown_post_and_success(httpserver, message):
    rec = Recorder(ok_json({"errcode": 0, "errmsg": "ok"}))
    httpserver.expect_request("/cgi-bin/webhook/send", query_string="key=abc").respond_with_handler(rec)
    result = wecom(httpserver).send(message, "k")
    assert result.ok, result
    payload = json.loads(rec.requests[0]["body"])
    assert payload["msgtype"] == "markdown"
    content = payload["markdown"]["content"]
    assert "XQ-2024-0137" in content and PHONE in content
    assert len(content.encode()) <= 4096


def test_wecom_news_card(httpserver, message):
    rec = Recorder(ok_json({"errcode": 0, "errmsg": "ok"}))
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_handler(rec)
    assert wecom(httpserver, msgtype="news").send(message, "k").ok
    article = json.loads(rec.requests[0]["body"])["news"]["articles"][0]
    assert article["url"] == message.url and PHONE in article["description"]


@pytest.mark.parametrize("errcode,retryable", [(93000, False), (45009, True), (-1, True)])
def test_wecom_errcode_nonzero_is_failure(httpserver, message, errcode, retryable):
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_response(
        ok_json({"errcode": errcode, "errmsg": "something"}))
    result = wecom(httpserver).send(message, "k")
    assert not result.ok and result.status_code == 200
    assert f"errcode {errcode}" in result.error
    assert result.retryable is retryable


def test_wecom_html_page_instead_of_json_is_clear_error(httpserver, message):
    httpserver.expect_request("/cgi-bin/webhook/send").respond_with_response(
        Response("<html><body>请登录</body></html>", status=200, content_type="text/html"))
    result = wecom(httpserver).send(message, "k")
    assert not result.ok and "not JSON" in result.error and "请登录" in result.response_text


# ---------------------------------------------------------------- DingTalk


def test_dingtalk_sign_is_correct(httpserver, message):
    secret = "SEC0123456789abcdef"
    rec = Recorder(ok_json({"errcode": 0, "errmsg": "ok"}))
    httpserver.expect_request("/robot/send").respond_with_handler(rec)
    channel = channel_from_config({"type": "dingtalk", "secret": secret,
                                   "url": httpserver.url_for("/robot/send") + "?access_token=tok"})
    assert channel.send(message, "k").ok
    args = rec.requests[0]["args"]
    assert args["access_token"] == "tok"
    ts = args["timestamp"]
    assert abs(int(ts) / 1000 - time.time()) < 60
    # Independent computation per DingTalk's documentation.
    mac = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    assert args["sign"] == base64.b64encode(mac).decode()
    payload = json.loads(rec.requests[0]["body"])
    assert payload["msgtype"] == "markdown"
    assert PHONE in payload["markdown"]["text"] and payload["markdown"]["title"]


def test_dingtalk_sign_survives_url_encoding(httpserver, message):
    """The base64 sign contains + / =; it must arrive intact."""
    rec = Recorder(ok_json({"errcode": 0}))
    httpserver.expect_request("/robot/send").respond_with_handler(rec)
    channel = channel_from_config({"type": "dingtalk", "secret": "SECabc",
                                   "url": httpserver.url_for("/robot/send") + "?access_token=t"})
    url = channel.signed_url(1700000000000)
    sign = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["sign"][0]
    mac = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    assert sign == base64.b64encode(mac).decode()


@pytest.mark.parametrize("errcode,retryable", [(310000, False), (130101, True)])
def test_dingtalk_errcode_nonzero_is_failure(httpserver, message, errcode, retryable):
    httpserver.expect_request("/robot/send").respond_with_response(
        ok_json({"errcode": errcode, "errmsg": "sign not match"}))
    channel = channel_from_config({"type": "dingtalk", "url": httpserver.url_for("/robot/send")})
    result = channel.send(message, "k")
    assert not result.ok and f"errcode {errcode}" in result.error and result.retryable is retryable


# ---------------------------------------------------------------- config and backoff


def test_config_errors_name_every_field():
    with pytest.raises(ChannelConfigError) as exc:
        channel_from_config({"type": "webhook", "url": "ftp://x", "secret": "short",
                             "read_timeout": "soon"})
    text = str(exc.value)
    assert "webhook.url" in text and "webhook.secret" in text and "webhook.read_timeout" in text
    assert len(exc.value.errors) == 3


@pytest.mark.parametrize("config,field", [
    ({"type": "telegram"}, "type"),
    ({"type": "email", "smtp_host": "h", "from_addr": "nope", "to_addrs": ["a@b.cn"]}, "email.from_addr"),
    ({"type": "email", "smtp_host": "h", "from_addr": "a@b.cn", "to_addrs": []}, "email.to_addrs"),
    ({"type": "email", "smtp_host": "h", "from_addr": "a@b.cn", "to_addrs": ["x"], "security": "tls"},
     "email.security"),
    ({"type": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"}, "wecom.url"),
    ({"type": "dingtalk"}, "dingtalk.url"),
])
def test_bad_config_is_rejected_with_field(config, field):
    with pytest.raises(ChannelConfigError, match=field.replace(".", r"\.")):
        channel_from_config(config)


def test_next_delay_grows_and_is_capped():
    delays = [next_delay(n, jitter=0) for n in range(1, 12)]
    assert delays[:4] == [30, 60, 120, 240]
    assert max(delays) == 3600 and delays == sorted(delays)
    jittered = [next_delay(3, jitter=0.2) for _ in range(50)]
    assert all(96 <= d <= 144 for d in jittered) and len(set(jittered)) > 1
    with pytest.raises(ValueError):
        next_delay(0)


# ---------------------------------------------------------------- email


@pytest.fixture
def smtp_server():
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")

    class Handler:
        def __init__(self):
            self.envelopes = []
            self.reply = "250 OK"

        async def handle_DATA(self, server, session, envelope):
            if self.reply.startswith("250"):
                self.envelopes.append(envelope)
            return self.reply

    handler = Handler()
    port = free_port()
    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def email_channel(port, **extra):
    return channel_from_config({"type": "email", "smtp_host": "127.0.0.1", "smtp_port": port,
                                "security": "none", "from_addr": "notices@station.example.cn",
                                "to_addrs": ["group@volunteers.example.cn"], "read_timeout": 5,
                                **extra})


def test_email_is_delivered_with_stable_message_id(smtp_server, message):
    handler, port = smtp_server
    channel = email_channel(port)
    assert channel.send(message, "pub-9").ok
    assert channel.send(message, "pub-9").ok
    assert channel.send(message, "pub-10").ok
    mails = [email.message_from_bytes(e.content) for e in handler.envelopes]
    assert handler.envelopes[0].rcpt_tos == ["group@volunteers.example.cn"]
    assert mails[0]["Message-ID"] == mails[1]["Message-ID"] != mails[2]["Message-ID"]
    assert mails[0]["Message-ID"].endswith("@station.example.cn>")
    body = mails[0].get_payload(decode=True).decode("utf-8")
    assert PHONE in body and "XQ-2024-0137" in body
    assert "寻亲公告" in str(email.header.make_header(email.header.decode_header(mails[0]["Subject"])))


@pytest.mark.parametrize("reply,retryable", [("451 try later", True), ("554 rejected", False)])
def test_email_server_refusal(smtp_server, message, reply, retryable):
    handler, port = smtp_server
    handler.reply = reply
    result = email_channel(port).send(message, "k")
    assert not result.ok and result.retryable is retryable
    assert result.status_code == int(reply[:3])


def test_email_server_down_is_retryable(message):
    result = email_channel(free_port(), connect_timeout=1).send(message, "k")
    assert not result.ok and result.retryable and "SMTP" in result.error
