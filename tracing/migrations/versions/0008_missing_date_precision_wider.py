"""missing_reports.missing_date_precision holds "circa" and "decade"

"约1991年" and "90年代" were stored with precision "year" (1991, 1995): a person
found in 1990 was "found before going missing", a strong mismatch the family
never wrote. The precision gains "circa" (a year either side) and "decade"
(from the decade's first day); the column widens from 5 to 8 characters. Rows
stored before keep their "year" (what was written is no longer known).

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("missing_reports") as batch:
        batch.alter_column("missing_date_precision", existing_type=sa.String(length=5),
                           type_=sa.String(length=8), existing_nullable=False, existing_server_default="")


def downgrade() -> None:
    op.execute("UPDATE missing_reports SET missing_date_precision = 'year' "
               "WHERE missing_date_precision IN ('circa', 'decade')")
    with op.batch_alter_table("missing_reports") as batch:
        batch.alter_column("missing_date_precision", existing_type=sa.String(length=8),
                           type_=sa.String(length=5), existing_nullable=False, existing_server_default="")
