"""Blueprints, one per user-facing area. A new area adds one import and one line here."""


def register_blueprints(app) -> None:
    from .. import auth
    from . import admin, faces, imports, main, records, review, tips

    for module in (auth, main, records, imports, admin, faces, review, tips):
        app.register_blueprint(module.bp)
    from . import deadlines, notices, police   # notices workflow
    for module in (notices, police, deadlines):
        app.register_blueprint(module.bp)
