-- Schema 4: each undoable edit remembers the write it was part of (the sequence number of that
-- write's first audit entry), so undo and redo find the entries that belong together (a release
-- and the dependencies that went with it) by id, not by equal timestamps. NULL for edits made
-- before schema 4: those are still grouped by their timestamp.
ALTER TABLE undo ADD COLUMN write_id INTEGER;
