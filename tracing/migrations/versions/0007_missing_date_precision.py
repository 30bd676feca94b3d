"""missing_reports.missing_date_precision

A family that writes "2024年" gives a year, stored as the mid-year guess 2024-07-01; the
timeline comparison read that as a day and called a person found in June 2024 "found
before going missing". The precision says how much of the date was written. Rows stored
before this revision keep "" (read as a day: what was written is no longer known).

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("missing_reports",
                  sa.Column("missing_date_precision", sa.String(length=5), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("missing_reports") as batch:
        batch.drop_column("missing_date_precision")
