"""Trigram indexes for the directory's search (`VendorFilter.search`), on PostgreSQL only.

`icontains` compiles on PostgreSQL to `UPPER("column"::text) LIKE UPPER('%word%')`, so each
index is on that very expression with `gin_trgm_ops`: the planner answers the LIKE from it
instead of upper-casing every vendor. Skill names need none: there are some sixty.

SQLite (`make run`, `make test` without services) has no pg_trgm and needs none: there this
does nothing, both ways. Hence RunPython rather than `TrigramExtension`, whose reverse asks
SQLite for `pg_extension`. Going back leaves the extension in place: other objects may use it
by then. README: "Search".
"""

from django.db import migrations

# (column of marketplace_vendor, index name): the columns `SEARCHED_VENDOR_FIELDS` names.
TRIGRAM_INDEXES = [
    ("name", "vendor_name_trgm_idx"),
    ("description_en", "vendor_description_en_trgm_idx"),
    ("description_fr", "vendor_description_fr_trgm_idx"),
    ("description_es", "vendor_description_es_trgm_idx"),
    ("city", "vendor_city_trgm_idx"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    # Trusted since PostgreSQL 13: the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column, index in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {quote(index)} ON marketplace_vendor "
            f"USING gin (UPPER({quote(column)}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _column, index in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0023_vendor_matching_version")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
