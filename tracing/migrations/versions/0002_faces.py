"""faces: owner, area and detector score on each face encoding

The owner (intake / report / tip and its id) is copied from the photo so the
face index loads and the matcher reads subject faces without joining photos.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite the table is rebuilt with AUTOINCREMENT, so ids of deleted faces are never
    # reused: the face index keys on ids and must never see one id with two encodings.
    # (PostgreSQL sequences never reuse ids; there the columns are simply added.)
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("face_encodings", schema=None, recreate="always" if sqlite else "auto",
                              table_kwargs={"sqlite_autoincrement": True} if sqlite else {}) as batch_op:
        batch_op.add_column(sa.Column("owner_type", sa.String(length=16), server_default="", nullable=False))
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("area", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("score", sa.Float(), server_default="0", nullable=False))
        batch_op.create_index("ix_face_encodings_owner", ["owner_type", "owner_id"], unique=False)
    # Faces stored before this revision: take the owner from their photo.
    op.execute(
        "UPDATE face_encodings SET "
        "owner_type = (SELECT photos.owner_type FROM photos WHERE photos.id = face_encodings.photo_id), "
        "owner_id = (SELECT photos.owner_id FROM photos WHERE photos.id = face_encodings.photo_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("face_encodings", schema=None) as batch_op:
        batch_op.drop_index("ix_face_encodings_owner")
        batch_op.drop_column("score")
        batch_op.drop_column("area")
        batch_op.drop_column("owner_id")
        batch_op.drop_column("owner_type")
