-- The register's totals per day and share type, so that the capital on a date is a sum over
-- days instead of over every movement (the back office shows it on every register page; at a
-- million movements the sum over movements took a second). Movements are append-only, so a
-- trigger on insert keeps the totals exact: an issue or a conversion adds its shares to its
-- type, a redemption takes them off, a transfer changes no total, and a conversion takes its
-- source shares off their type.
CREATE TABLE register_daily_totals (
    movement_date DATE NOT NULL,
    share_type_id BIGINT NOT NULL REFERENCES share_types (id),
    quantity_change BIGINT NOT NULL,
    PRIMARY KEY (movement_date, share_type_id)
);

CREATE FUNCTION register_daily_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO register_daily_totals AS t (movement_date, share_type_id, quantity_change)
    VALUES (
        NEW.movement_date,
        NEW.share_type_id,
        CASE NEW.kind WHEN 'redemption' THEN -NEW.quantity
                      WHEN 'transfer' THEN 0 ELSE NEW.quantity END
    )
    ON CONFLICT (movement_date, share_type_id)
    DO UPDATE SET quantity_change = t.quantity_change + EXCLUDED.quantity_change;
    IF NEW.converted_from_share_type_id IS NOT NULL THEN
        INSERT INTO register_daily_totals AS t (movement_date, share_type_id, quantity_change)
        VALUES (NEW.movement_date, NEW.converted_from_share_type_id, -NEW.converted_from_quantity)
        ON CONFLICT (movement_date, share_type_id)
        DO UPDATE SET quantity_change = t.quantity_change + EXCLUDED.quantity_change;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER register_daily_totals_on_movement AFTER INSERT ON register_movements
    FOR EACH ROW EXECUTE FUNCTION register_daily_totals_add();

-- The movements recorded before this migration.
INSERT INTO register_daily_totals (movement_date, share_type_id, quantity_change)
SELECT movement_date, share_type, SUM(quantity) FROM (
    SELECT movement_date, share_type_id AS share_type,
           CASE kind WHEN 'redemption' THEN -quantity
                     WHEN 'transfer' THEN 0 ELSE quantity END AS quantity
    FROM register_movements
    UNION ALL
    SELECT movement_date, converted_from_share_type_id, -converted_from_quantity
    FROM register_movements WHERE converted_from_share_type_id IS NOT NULL) AS moves
GROUP BY movement_date, share_type;
