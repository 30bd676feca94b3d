"""review: name pinyin for search, review undo state, tip handling and face matches

- intakes.name_pinyin / missing_reports.name_pinyin (indexed): toneless pinyin of the name,
  so search by pinyin is an index range at a million reports; existing rows are filled here.
- missing_reports.hometown_code (indexed): the gazetteer's division code of the hometown, so a
  region filter is an index range; indexes on hometown and missing_date for the other filters.
- reviews.state_before: what an undo restores (candidate, intake, report, set-aside pairs).
- tips: handled_at, note, face_matches; (ip_hash, created_at) index for the per-IP rate limit.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BACKFILL_CHUNK = 2000


def _backfill(table: str, columns: dict) -> None:
    """Fill computed search columns of existing rows: {target column: (source column, function)}."""
    conn = op.get_bind()
    sources = sorted({src for src, _ in columns.values()})
    t = sa.table(table, sa.column("id", sa.Integer), *[sa.column(c, sa.String) for c in sources + list(columns)])
    last = 0
    while True:
        rows = conn.execute(sa.select(t.c.id, *[t.c[c] for c in sources]).where(t.c.id > last).order_by(t.c.id)
                            .limit(BACKFILL_CHUNK)).all()
        if not rows:
            break
        updates = []
        for r in rows:
            values = dict(zip(sources, r[1:]))
            if any(values.values()):
                updates.append({"rid": r[0], **{f"v_{k}": fn(values[src]) for k, (src, fn) in columns.items()}})
        if updates:
            conn.execute(sa.update(t).where(t.c.id == sa.bindparam("rid"))
                         .values(**{k: sa.bindparam(f"v_{k}") for k in columns}), updates)
        last = rows[-1][0]


def upgrade() -> None:
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_pinyin", sa.String(length=255), server_default="", nullable=False))
        batch_op.create_index("ix_intakes_name_pinyin", ["name_pinyin"], unique=False)
    with op.batch_alter_table("missing_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_pinyin", sa.String(length=255), server_default="", nullable=False))
        batch_op.create_index("ix_missing_reports_name_pinyin", ["name_pinyin"], unique=False)
        batch_op.add_column(sa.Column("hometown_code", sa.String(length=6), server_default="", nullable=False))
        batch_op.create_index("ix_missing_reports_hometown_code", ["hometown_code"], unique=False)
        batch_op.create_index("ix_missing_reports_hometown", ["hometown"], unique=False)
        batch_op.create_index("ix_missing_reports_missing_date", ["missing_date"], unique=False)
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_before", sa.JSON(), server_default=sa.text("'{}'"), nullable=False))
    with op.batch_alter_table("tips", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("face_matches", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.create_index("ix_tips_ip_hash_created", ["ip_hash", "created_at"], unique=False)
    from tracing.search import name_pinyin, region_code

    _backfill("intakes", {"name_pinyin": ("name_heard", name_pinyin)})
    _backfill("missing_reports", {"name_pinyin": ("name", name_pinyin), "hometown_code": ("hometown", region_code)})


def downgrade() -> None:
    with op.batch_alter_table("tips", schema=None) as batch_op:
        batch_op.drop_index("ix_tips_ip_hash_created")
        batch_op.drop_column("face_matches")
        batch_op.drop_column("note")
        batch_op.drop_column("handled_at")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("state_before")
    with op.batch_alter_table("missing_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_missing_reports_missing_date")
        batch_op.drop_index("ix_missing_reports_hometown")
        batch_op.drop_index("ix_missing_reports_hometown_code")
        batch_op.drop_column("hometown_code")
        batch_op.drop_index("ix_missing_reports_name_pinyin")
        batch_op.drop_column("name_pinyin")
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.drop_index("ix_intakes_name_pinyin")
        batch_op.drop_column("name_pinyin")
