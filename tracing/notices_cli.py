"""`tracing notice ...`, `tracing police ...` and `tracing deadlines` commands.

Contract used by acceptance checks (keep exact):
    tracing notice render INTAKE_REF --format pdf|png|html|txt -o FILE
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

FORMATS = ("pdf", "png", "html", "txt")


def _session():
    return current_app.extensions["db_sessionmaker"]()


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _intake(db, ref: str):
    from .models import Intake
    intake = db.execute(select(Intake).where(Intake.ref == ref)).scalar_one_or_none()
    if intake is None:
        raise click.ClickException(f"intake {ref!r} not found (INTAKE_REF is the intake's 登记编号)")
    return intake


@click.group("notice")
def notice_group():
    """寻亲公告: render, delivery queue."""


@notice_group.command("render")
@click.argument("intake_ref")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the file extension).")
@click.option("-o", "--output", required=True, help="Output file ('-' for stdout).")
@click.option("--max-chars", type=int, default=None, help="txt only: the length-limited variant.")
@with_appcontext
def notice_render(intake_ref, fmt, output, max_chars):
    """Render the intake's current notice (a draft is created from the intake when there is none)."""
    from . import audit, notices_workflow as nw, settings_store

    if fmt is None:
        fmt = Path(output).suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise click.UsageError("--format is required (pdf, png, html or txt) when -o has no such extension")
    if max_chars is not None and fmt != "txt":
        raise click.UsageError("--max-chars applies to --format txt only")
    with _session() as db:
        intake = _intake(db, intake_ref)
        notice, created = nw.notice_for_intake(db, intake, actor="cli")
        st = settings_store.station(db, current_app.config)
        if not any(ch.isdigit() for ch in st["phone_24h"]):
            click.echo(f"warning: the station's 24-hour phone is not configured (settings page or "
                       f"TRACING_STATION_PHONE); the draft shows {nw.PLACEHOLDER_PHONE} instead", err=True)
        try:
            content = nw.notice_content(db, notice, current_app.config, station=st)
            data = nw.render(content, fmt, max_chars=max_chars)
        except nw.WorkflowError as exc:
            raise click.ClickException(exc.message) from None
        except ValueError as exc:   # notices.ContentError, e.g. --max-chars too short
            raise click.ClickException(str(exc)) from None
        audit.record(db, "notice.render", actor="cli", object_type="notice", object_id=notice.id,
                     object_ref=notice.notice_no, details={"format": fmt, "created_draft": created,
                                                           "status": notice.status})
        db.commit()
    _write(output, data)
    if output != "-":
        state = "new draft" if created else nw.STATUS_LABELS.get(notice.status, notice.status)
        click.echo(f"{notice.notice_no} ({state}) -> {output} ({len(data)} bytes)", err=True)


@notice_group.command("retry-due")
@with_appcontext
def notice_retry_due():
    """Queue again deliveries whose retry time has passed or whose worker vanished."""
    from . import notices_workflow as nw
    n = nw.retry_due(current_app._get_current_object())
    click.echo(f"{n} deliveries queued")


@click.group("police")
def police_group():
    """Police cooperation requests (协查)."""


@police_group.command("letter")
@click.argument("ref_no")
@click.option("-o", "--output", required=True, help="PDF file ('-' for stdout).")
@with_appcontext
def police_letter(ref_no, output):
    """Render a request's letter (协查函) as PDF."""
    from . import police_requests as pr
    from .models import PoliceRequest
    from .notices_workflow import WorkflowError

    with _session() as db:
        req = db.execute(select(PoliceRequest).where(PoliceRequest.ref_no == ref_no)).scalar_one_or_none()
        if req is None:
            raise click.ClickException(f"police request {ref_no!r} not found")
        try:
            data = pr.letter_pdf(db, req, current_app.config)
        except WorkflowError as exc:
            raise click.ClickException(exc.message) from None
    _write(output, data)


@click.command("deadlines")
@click.option("--all", "show_all", is_flag=True, help="Also list deadlines not yet due soon.")
@with_appcontext
def deadlines_command(show_all):
    """List overdue and upcoming deadlines of unidentified intakes (overdue first); exit 1 if any is overdue."""
    from . import deadlines

    now = datetime.now(timezone.utc)
    with _session() as db:
        items = deadlines.compute(db, now)
        shown = [d for d in items if show_all or d.state != "open"]
        for d in shown:
            mark = {"overdue": "OVERDUE", "soon": "soon", "open": ""}[d.state]
            click.echo(f"{mark:8} {d.due_at:%Y-%m-%d %H:%M}  {d.intake.ref:16} {d.label}  {d.detail}")
    overdue = sum(1 for d in items if d.overdue)
    click.echo(f"{overdue} overdue, {sum(1 for d in items if d.state == 'soon')} due soon", err=True)
    if overdue:
        sys.exit(1)


COMMANDS = [notice_group, police_group, deadlines_command]
