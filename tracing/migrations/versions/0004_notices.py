"""notices: publication retry bookkeeping, notice refresh/author, police request text, deadline marks

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
    # SQLite would have to rebuild the table to add a foreign key (and dropping the old copy
    # cascades into notice_versions/publications), so the constraint is added where ALTER can.
    if op.get_bind().dialect.name != "sqlite":
        op.create_foreign_key("fk_search_notices_created_by", "search_notices", "users", ["created_by_id"], ["id"])

    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version_no", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("police_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_text", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "deadline_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["intake_id"], ["intakes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["done_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("intake_id", "rule", name="uq_deadline_mark"),
    )
    with op.batch_alter_table("deadline_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_marks_intake_id"), ["intake_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deadline_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_marks_intake_id"))
    op.drop_table("deadline_marks")
    with op.batch_alter_table("police_requests", schema=None) as batch_op:
        batch_op.drop_column("request_text")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("version_no")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_search_notices_created_by", "search_notices", type_="foreignkey")
    with op.batch_alter_table("search_notices", schema=None) as batch_op:
        batch_op.drop_column("created_by_id")
        batch_op.drop_column("refreshed_at")
