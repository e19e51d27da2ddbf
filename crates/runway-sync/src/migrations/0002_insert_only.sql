-- Schema 2: the journal is insert-only. An UPDATE, DELETE or TRUNCATE of runway_op is refused by
-- the server itself, whatever client sends it (a replica's history must never change under it).
CREATE FUNCTION runway_op_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'runway_op is insert-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER runway_op_no_change BEFORE UPDATE OR DELETE ON runway_op
    FOR EACH ROW EXECUTE FUNCTION runway_op_insert_only();
CREATE TRIGGER runway_op_no_truncate BEFORE TRUNCATE ON runway_op
    FOR EACH STATEMENT EXECUTE FUNCTION runway_op_insert_only();
