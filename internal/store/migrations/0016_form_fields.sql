-- The ticket form's fields (see internal/form): one row per field, its
-- definition as JSON. Built-in fields are added once at start-up; admins
-- change or remove them like their own.
CREATE TABLE form_fields (
    field_key  TEXT    NOT NULL PRIMARY KEY,
    definition TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    updated_at BIGINT  NOT NULL
);
