"""`tracing faces encode [--all | --missing]` and `tracing faces search PHOTO [--top K]`."""
from __future__ import annotations

import sys
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
    from .service import encode_pending, photos_to_encode

    app = current_app._get_current_object()
    todo = photos_to_encode(app, mode)
    if not todo:
        click.echo("nothing to encode: every photo has been processed" if mode == "missing" else "no photos stored")
        return
    with click.progressbar(length=len(todo), label="人脸编码", file=sys.stderr, show_pos=True) as bar:
        summary = encode_pending(app, mode=mode, workers=workers, todo=todo, progress=bar.update)
    click.echo(summary.line())


@faces_group.command("search")
@click.argument("photo", type=click.Path(exists=True, dir_okay=False))
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 200),
              help="Nearest intakes and nearest reports to list for each face.")
@with_appcontext
def search_command(photo, top):
    """Nearest intakes and reports to each face of PHOTO (audited; the photo is not stored)."""
    from ..db import session_scope
    from ..photos import PhotoError, check_photo
    from . import service

    app = current_app._get_current_object()
    path = Path(photo)
    data = path.read_bytes()
    try:
        check_photo(data, max_bytes=app.config["PHOTO_MAX_BYTES"],
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


def encode_pending_faces(app, *, notify: bool = True) -> None:
    """Encode photos still waiting for the task queue, with a progress bar on stderr.

    Called by `tracing match` so faces count even when photos came in through a CLI import
    with no worker running (the queued tasks later find them done and skip them)."""
    from .service import encode_pending, photos_to_encode

    todo = photos_to_encode(app, "missing")
    if not todo:
        return
    with click.progressbar(length=len(todo), label="人脸编码", file=sys.stderr, show_pos=True) as bar:
        summary = encode_pending(app, workers=2 if len(todo) > 4 else 1, notify=notify, todo=todo,
                                 progress=bar.update)
    click.echo(f"faces: {summary.line()}", err=True)
