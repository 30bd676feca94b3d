"""Every route is covered: each declares a permission (or is public), and each role gets exactly what its
permission allows. New routes are picked up automatically from the URL map."""
import re

import pytest

from tracing.auth import PERMISSIONS

ROLES = ["admin", "staff", "volunteer", "publisher"]


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        yield rule, view


def test_every_route_declares_a_permission_or_is_public(app):
    missing = [r.rule for r, v in _routes(app) if not hasattr(v, "required_permission")]
    assert missing == []


def _url(rule):
    # Fill URL parameters with values that exist in no database: a permitted user gets 404/400, not 403.
    values = {}
    for arg in rule.arguments:
        conv = rule._converters[arg].__class__.__name__
        values[arg] = 999999 if conv == "IntegerConverter" else ("intakes" if arg == "kinds" else "zz-none")
    url = rule.rule
    for k, v in values.items():
        url = re.sub(r"<(?:[^:<>]+:)?" + k + r">", str(v), url)
    return url


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_exactly_what_its_permissions_say(app, login, role):
    client = login(role)
    failures = []
    for rule, view in _routes(app):
        perm = view.required_permission
        if perm is None or rule.endpoint in ("auth.logout",):
            continue
        allowed = role in PERMISSIONS[perm]
        for method in sorted(m for m in rule.methods if m in ("GET", "POST")):
            url = _url(rule)
            resp = client.get(url) if method == "GET" else client.post(url, data={})
            if allowed and resp.status_code == 403:
                failures.append(f"{role} denied {method} {rule.rule} ({perm})")
            if not allowed and resp.status_code != 403:
                failures.append(f"{role} got {resp.status_code} for {method} {rule.rule} ({perm})")
    assert failures == []


def test_logged_out_visitor_is_sent_to_login_for_every_protected_route(app):
    client = app.test_client()
    for rule, view in _routes(app):
        if view.required_permission is None:
            continue
        if "GET" in rule.methods:
            resp = client.get(_url(rule))
            assert resp.status_code == 302 and "/login" in resp.headers["Location"], rule.rule
