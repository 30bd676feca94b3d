"""intakes.height_spread_cm and missing_reports.height_spread_cm

A height written as a range ("190-195", "一米七到一米八") was stored as its middle,
so "190-195" against a station's "一米八五" was 7.5 cm apart and a strong mismatch
(13 true pairs of a blind world). The half-width is kept beside the middle; a
range agrees anywhere in it. Rows stored before keep 0 (one value).

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("intakes", "missing_reports"):
        op.add_column(table, sa.Column("height_spread_cm", sa.Float(), nullable=False, server_default="0"))


def downgrade() -> None:
    for table in ("intakes", "missing_reports"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("height_spread_cm")
