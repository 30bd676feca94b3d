"""`tracing faces encode [--all | --missing]` and `tracing faces search PHOTO [--top K]`."""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext


@click.group("faces")
def faces_group():
    """Face encodings and face search."""


@faces_group.command("encode")
@click.option("--all", "mode", flag_value="all", help="Re-encode every photo (keeps a staff-picked face when it is found again).")
@click.option("--missing", "mode", flag_value="missing", default=True,
              help="Only photos not encoded yet or that failed (default): resumes an interrupted run.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Encoder processes (1 = in this process).")
@with_appcontext
def encode_command(mode, workers):
    """Detect and encode faces of stored photos, one commit per photo."""
    from sqlalchemy import select

    from .. import tasks
    from ..db import session_scope
    from ..models import Photo
    from .encoder import encode_many
    from .service import OTHER_KIND, index_store, store_scan

    app = current_app._get_current_object()
    with session_scope(app) as session:
        stmt = select(Photo.id, Photo.path).order_by(Photo.id)
        if mode == "missing":
            stmt = stmt.where(Photo.face_status.in_(("pending", "error")))
        todo = session.execute(stmt).all()
    if not todo:
        click.echo("nothing to encode: every photo has been processed" if mode == "missing" else "no photos stored")
        return
    media = Path(app.config["MEDIA_PATH"])
    counts: Counter = Counter()
    faces = 0
    owners: dict[str, set[int]] = defaultdict(set)
    scans = encode_many([media / path for _, path in todo], workers=workers)
    try:
        with click.progressbar(length=len(todo), label="人脸编码", file=sys.stderr, show_pos=True) as bar:
            for (photo_id, _), scan in zip(todo, scans):
                stored = store_scan(app, photo_id, scan, notify=False)
                counts[stored.status] += 1
                faces += stored.faces
                if stored.owner_type in OTHER_KIND:
                    owners[stored.owner_type].add(stored.owner_id)
                bar.update(1)
    finally:
        scans.close()          # stops the worker processes, also on Ctrl+C
        for kind, ids in owners.items():   # re-score what was encoded, even after an interruption
            tasks.enqueue_records_imported(kind, sorted(ids))
    with session_scope(app) as session:
        store = index_store(app)
        store.get(session)
        store.save()
    click.echo(f"{sum(counts.values())} photos: {counts['ok']} with faces ({faces} faces), "
               f"{counts['no_face']} without a detectable face, {counts['error']} unreadable"
               + (f", {counts['missing']} deleted meanwhile" if counts["missing"] else ""))


@faces_group.command("search")
@click.argument("photo", type=click.Path(exists=True, dir_okay=False))
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 200),
              help="Nearest intakes and nearest reports to list for each face.")
@with_appcontext
def search_command(photo, top):
    """Nearest intakes and reports to each face of PHOTO (audited; the photo is not stored)."""
    from ..db import session_scope
    from ..photos import PhotoError
    from . import service

    app = current_app._get_current_object()
    path = Path(photo)
    data = path.read_bytes()
    try:
        service.check_upload(data, max_bytes=app.config["PHOTO_MAX_BYTES"],
                             max_pixels=app.config["PHOTO_MAX_PIXELS"], label=path.name)
    except PhotoError as exc:
        raise click.ClickException(str(exc)) from None
    with session_scope(app) as session:
        result = service.search_photo(session, data, top, app=app)
        service.record_search(session, result, actor="cli", source=f"cli:{path.name}")
    if result.status != "ok":
        click.echo(f"{path.name}: {result.message}", err=True)
        sys.exit(1)
    click.echo(f"{path.name}: {result.message}")
    for f in result.faces:
        t, r, b, l = f.box
        click.echo(f"\nface {f.number}{' (largest)' if f.largest else ''} at left={l} top={t} right={r} bottom={b}")
        if not f.matches:
            click.echo("  no intake or report with a face yet")
            continue
        click.echo(f"  {'kind':<7} {'ref':<24} {'distance':>8}  verdict")
        for m in f.matches:
            note = "" if m.is_subject else "  (another person in a group photo)"
            click.echo(f"  {m.kind:<7} {m.ref:<24} {m.distance:>8.3f}  {m.verdict}{note}")
