"""The `tracing` command line (also `flask --app tracing ...`)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import func, select


def _app_factory():
    from . import create_app
    return create_app()


@click.group(cls=FlaskGroup, create_app=_app_factory, add_default_commands=True, add_version_option=False)
def main():
    """寻亲工作台 command line."""


def _session():
    return current_app.extensions["db_sessionmaker"]()


@click.command("init")
@click.option("--admin-username", default="admin", show_default=True)
@with_appcontext
def init_command(admin_username):
    """Create or upgrade the database and make a first admin if there is none."""
    from . import migrate
    from .auth import create_user
    from .models import User

    migrate.upgrade(current_app)
    with _session() as db:
        if db.execute(select(func.count(User.id))).scalar_one() == 0:
            password = os.environ.get("TRACING_ADMIN_PASSWORD") or None
            user, pw = create_user(db, admin_username, "admin", password, display_name="管理员", actor="init")
            db.commit()
            click.echo(f"Created admin account '{admin_username}'.")
            if password is None:
                click.echo(f"One-time password (change it after the first login): {pw}")
    click.echo(f"Database ready: {current_app.config['DATABASE_URL'].split('@')[-1]}")


@click.group("db")
def db_group():
    """Database migrations (Alembic)."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade():
    from . import migrate
    migrate.upgrade(current_app)
    click.echo("upgraded to head")


@db_group.command("revision")
@click.option("-m", "--message", required=True)
@with_appcontext
def db_revision(message):
    from . import migrate
    migrate.revision(current_app, message)


@click.group("user")
def user_group():
    """Manage user accounts."""


@user_group.command("add")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "staff", "volunteer", "publisher"]))
@click.option("--password", envvar="TRACING_NEW_PASSWORD", default=None)
@click.option("--name", "display_name", default="")
@with_appcontext
def user_add(username, role, password, display_name):
    from .auth import create_user
    with _session() as db:
        _, pw = create_user(db, username, role, password, display_name, actor="cli")
        db.commit()
    click.echo(f"user {username} ({role}) created" + ("" if password else f"; one-time password: {pw}"))


def _progress_import(kind: str, file: str, strict: bool):
    from . import importer

    path = Path(file)
    size = path.stat().st_size if path.exists() else 0
    limits = {"max_bytes": current_app.config["PHOTO_MAX_BYTES"], "max_pixels": current_app.config["PHOTO_MAX_PIXELS"]}
    with _session() as db, click.progressbar(length=max(size, 1), label=f"导入 {path.name}", file=sys.stderr,
                                             show_pos=False, show_percent=True) as bar:
        try:
            result = importer.run_import(db, kind, path, actor="cli", strict=strict,
                                         media_root=current_app.config["MEDIA_PATH"], photo_limits=limits,
                                         progress=bar.update)
        except importer.ImportFileError as exc:
            raise click.ClickException(f"{path.name}: {exc}") from None
    for err in result.errors:
        click.echo(str(err), err=True)
    state = "stored" if result.stored else "NOTHING stored (--strict and some rows are bad)"
    click.echo(f"{result.rows} rows: {result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
               f"{result.failed} with errors; {state}")
    if result.failed:
        sys.exit(1 if result.stored else 2)


@click.group("import")
def import_group():
    """Bulk import (CSV UTF-8/GBK, JSONL, XLSX, ZIP with photos)."""


@import_group.command("reports")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True, help="Store nothing if any row is bad.")
@with_appcontext
def import_reports(file, strict):
    _progress_import("reports", file, strict)


@import_group.command("intakes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True, help="Store nothing if any row is bad.")
@with_appcontext
def import_intakes(file, strict):
    _progress_import("intakes", file, strict)


@click.command("export")
@click.argument("kind", type=click.Choice(["reports", "intakes"]))
@click.argument("file", type=click.Path(dir_okay=False))
@with_appcontext
def export_command(kind, file):
    """Export reports or intakes as CSV or JSONL (by extension). Never includes face encodings."""
    from . import importer
    with _session() as db:
        n = importer.export(db, kind, file, actor="cli")
    click.echo(f"{n} {kind} written to {file}")


@click.group("audit")
def audit_group():
    """Audit trail."""


@audit_group.command("verify")
@with_appcontext
def audit_verify():
    """Recompute the hash chain; exit 1 naming the first broken event."""
    from . import audit
    with _session() as db:
        result = audit.verify(db)
    if result.ok:
        click.echo(f"audit chain intact: {result.count} events")
        return
    click.echo(f"audit chain BROKEN at event #{result.broken_seq} (row id {result.broken_id}): {result.reason}; "
               f"{result.count} events verified before it", err=True)
    sys.exit(1)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), show_default="5000 or $PORT")
@click.option("--workers", default=2, show_default=True, help="Task-queue worker processes started beside the server.")
@click.option("--threads", default=8, show_default=True)
def serve_command(host, port, workers, threads):
    """Serve the workbench with waitress, with task-queue workers beside it."""
    import subprocess

    from waitress import serve

    from . import create_app

    app = create_app()
    procs = []
    if workers > 0:
        procs.append(subprocess.Popen([sys.executable, "-m", "tracing.worker", "--workers", str(workers)]))
    click.echo(f"寻亲工作台 serving on http://{host}:{port}  (Ctrl+C to stop)")
    try:
        serve(app, host=host, port=port, threads=threads, ident="tracing")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)


@click.command("worker")
@click.option("--workers", default=2, show_default=True)
def worker_command(workers):
    """Run task-queue workers (Huey consumer, processes)."""
    from .worker import run_consumer
    run_consumer(workers)


@click.command("match")
@click.option("--all", "all_", is_flag=True, help="Compute candidates for every intake still being traced.")
@click.option("--intake", "intake_ref", default=None, help="Rank and print the candidates of one intake.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--rebuild-index", is_flag=True, help="Rebuild the candidate index from the database first.")
@with_appcontext
def match_command(all_, intake_ref, top, rebuild_index):
    """Score intakes against missing reports and store the ranked candidates."""
    from . import matching
    from .models import Intake

    if not all_ and not intake_ref and not rebuild_index:
        raise click.UsageError("give --all or --intake REF")
    app = current_app._get_current_object()
    from .faces.cli import encode_pending_faces
    encode_pending_faces(app, notify=not all_)   # photos imported with no worker running count too
    with _session() as db:
        if rebuild_index:
            click.echo(f"index rebuilt: {matching.rebuild_index(app, db)} open reports", err=True)
        else:
            matching.engine_for(app, db)
    if all_:
        with _session() as db:
            total = db.execute(select(func.count(Intake.id)).where(
                Intake.status.in_(matching.ACTIVE_INTAKE_STATUSES))).scalar_one()
        with click.progressbar(length=max(total, 1), label="比对", file=sys.stderr) as bar:
            n = matching.match_all(app, top, progress=bar.update)
        click.echo(f"candidates computed for {n} intakes (top {top})")
    if intake_ref:
        with _session() as db:
            intake = db.execute(select(Intake).where(Intake.ref == intake_ref)).scalar_one_or_none()
            if intake is None:
                raise click.ClickException(f"no intake with ref {intake_ref}")
            matches = matching.refresh_intake(app, db, intake, top)
            db.commit()
            from .models import MissingReport
            refs = dict(db.execute(select(MissingReport.id, MissingReport.ref).where(
                MissingReport.id.in_([m.report_id for m in matches]))).all()) if matches else {}
            click.echo(f"{intake.ref}  {intake.name_heard or '(无法表述)'}  {intake.sex or '?'}  "
                       f"{intake.age_estimate or ''}  {intake.dialect or ''}")
            if not matches:
                click.echo("  no candidates")
            for rank, m in enumerate(matches, start=1):
                click.echo(f"{rank:>3}. {refs.get(m.report_id, m.report_id)}  score {m.score.probability:.3f}")
                for line in m.score.explain():
                    click.echo(f"       {line}")


@click.group("candidates")
def candidates_group():
    """Stored candidates."""


@candidates_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@with_appcontext
def candidates_export(file, top):
    """One JSON object a line: intake_ref, report_ref, score, rank, components (+ review_status)."""
    import json

    from . import audit
    from .models import Candidate, Intake, MissingReport

    n = 0
    with _session() as db, open(file, "w", encoding="utf-8") as fh:
        rows = db.execute(
            select(Intake.ref, MissingReport.ref, Candidate.score, Candidate.rank, Candidate.components,
                   Candidate.review_status)
            .join(Intake, Intake.id == Candidate.intake_id)
            .join(MissingReport, MissingReport.id == Candidate.report_id)
            .where(Candidate.rank <= top)
            .order_by(Intake.ref, Candidate.rank)
            .execution_options(yield_per=5000))
        for intake_ref, report_ref, score, rank, components, status in rows:
            fh.write(json.dumps({"intake_ref": intake_ref, "report_ref": report_ref, "score": round(score, 6),
                                 "rank": rank, "components": components, "review_status": status},
                                ensure_ascii=False) + "\n")
            n += 1
        audit.record(db, "export", actor="cli", object_type="candidate", object_ref=Path(file).name,
                     details={"file": str(file), "rows": n, "top": top})
        db.commit()
    click.echo(f"{n} candidates written to {file}")


@candidates_group.command("calibration")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per band instead of the table.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only pairs decided on or after this day (e.g. since new weights were installed).")
@with_appcontext
def candidates_calibration(as_json, since):
    """Share of confirmed pairs per score band, from the decisions taken here."""
    import json
    from datetime import timezone

    from .calibration_check import MIN_DECIDED, VERDICT_LABELS, calibration_by_band

    with _session() as db:
        bands = calibration_by_band(db, since.replace(tzinfo=timezone.utc) if since else None)
    if as_json:
        for b in bands:
            click.echo(json.dumps({"band": [b.low, b.high], "decided": b.decided, "confirmed": b.confirmed,
                                   "share": None if b.share is None else round(b.share, 3),
                                   "interval": [round(b.interval[0], 3), round(b.interval[1], 3)],
                                   "verdict": b.verdict}))
        return
    click.echo("分数段      已决定  已确认  确认比例  95%区间        结论")
    for b in bands:
        share = "   —   " if b.share is None else f"{b.share:7.2f}"
        click.echo(f"{b.low:.1f}–{b.high:.1f}  {b.decided:7d} {b.confirmed:7d}  {share}  "
                   f"{b.interval[0]:.2f}–{b.interval[1]:.2f}    {VERDICT_LABELS[b.verdict]}")
    total = sum(b.decided for b in bands)
    click.echo(f"{total} decided pairs (confirmed or rejected); a band with fewer than {MIN_DECIDED} is not judged; "
               "a band is off when its whole interval lies more than 0.1 from the band's middle.")


@click.group("weights")
def weights_group():
    """Matching weights (m/u per comparison level) and calibration."""


@weights_group.command("estimate")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write weights.json (default: the instance, used by this deployment).")
@click.option("--reports", default=20000, show_default=True, help="Synthetic reports to estimate on.")
@click.option("--intakes", default=2000, show_default=True)
@click.option("--seed", default=7, show_default=True)
@with_appcontext
def weights_estimate(out, reports, intakes, seed):
    """Re-estimate weights and calibration from labelled synthetic data."""
    from matchers import estimate

    from . import matching

    target = out or str(Path(current_app.config["INSTANCE_PATH"]) / "weights.json")
    estimate.main(["--out", target, "--reports", str(reports), "--intakes", str(intakes), "--seed", str(seed)])
    matching.forget_engine(current_app)
    click.echo(f"weights written to {target}")


from .faces.cli import faces_group  # noqa: E402  (the `tracing faces ...` commands)

COMMANDS = [match_command, candidates_group, weights_group, init_command, db_group, user_group, import_group, export_command, audit_group, serve_command,
            worker_command, faces_group]

from .notices_cli import COMMANDS as _NOTICE_COMMANDS  # noqa: E402  (notice, police, deadlines)

COMMANDS += _NOTICE_COMMANDS


def register_commands(app) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
