"""The audit trail detects any out-of-band change, deletion or insertion."""
from sqlalchemy import text

from tracing import audit


def _events(db, n=5):
    for i in range(n):
        audit.record(db, "update", actor="tester", object_type="intake", object_id=i, details={"changes": {"x": [i, i + 1]}})
    db.commit()


def _verify_cli(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def test_intact_chain_verifies_and_counts_events(app, db):
    _events(db)
    result = _verify_cli(app)
    assert result.exit_code == 0, result.output
    assert "5 events" in result.output


def test_changed_row_is_named_as_first_broken_event(app, db):
    _events(db)
    db.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    db.commit()
    result = _verify_cli(app)
    assert result.exit_code != 0
    assert "#3" in result.output


def test_deleted_row_breaks_the_chain(app, db):
    _events(db)
    db.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    db.commit()
    result = _verify_cli(app)
    assert result.exit_code != 0 and "#3" in result.output


def test_deleted_last_row_is_detected_by_the_head(app, db):
    _events(db)
    db.execute(text("DELETE FROM audit_events WHERE seq = 5"))
    db.commit()
    assert _verify_cli(app).exit_code != 0


def test_inserted_row_out_of_band_is_detected(app, db):
    _events(db, 3)
    db.execute(text("UPDATE audit_events SET seq = seq + 10 WHERE seq >= 2"))
    db.execute(text("INSERT INTO audit_events (seq, ts, actor, action, object_type, object_ref, details, ip, prev_hash, hash) "
                    "VALUES (2, '2026-01-01T00:00:00Z', 'x', 'delete', 'intake', '', '{}', '', 'a', 'b')"))
    db.commit()
    result = _verify_cli(app)
    assert result.exit_code != 0 and "#2" in result.output
