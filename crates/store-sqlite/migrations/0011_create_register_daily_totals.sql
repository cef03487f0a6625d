-- The register's totals per day and share type, so that the capital on a date is a sum over
-- days instead of over every movement (the back office shows it on every register page; at a
-- million movements the sum over movements took a second). Movements are append-only, so a
-- trigger on insert keeps the totals exact: an issue or a conversion adds its shares to its
-- type, a redemption takes them off, a transfer changes no total, and a conversion takes its
-- source shares off their type.
CREATE TABLE register_daily_totals (
    movement_date TEXT NOT NULL,
    share_type_id INTEGER NOT NULL REFERENCES share_types (id),
    quantity_change INTEGER NOT NULL,
    PRIMARY KEY (movement_date, share_type_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER register_daily_totals_on_movement AFTER INSERT ON register_movements
BEGIN
    INSERT INTO register_daily_totals (movement_date, share_type_id, quantity_change)
    VALUES (
        new.movement_date,
        new.share_type_id,
        CASE new.kind WHEN 'redemption' THEN -new.quantity
                      WHEN 'transfer' THEN 0 ELSE new.quantity END
    )
    ON CONFLICT (movement_date, share_type_id)
    DO UPDATE SET quantity_change = quantity_change + excluded.quantity_change;
    INSERT INTO register_daily_totals (movement_date, share_type_id, quantity_change)
    SELECT new.movement_date, new.converted_from_share_type_id, -new.converted_from_quantity
    WHERE new.converted_from_share_type_id IS NOT NULL
    ON CONFLICT (movement_date, share_type_id)
    DO UPDATE SET quantity_change = quantity_change + excluded.quantity_change;
END;

-- The movements recorded before this migration.
INSERT INTO register_daily_totals (movement_date, share_type_id, quantity_change)
SELECT movement_date, share_type, SUM(quantity) FROM (
    SELECT movement_date, share_type_id AS share_type,
           CASE kind WHEN 'redemption' THEN -quantity
                     WHEN 'transfer' THEN 0 ELSE quantity END AS quantity
    FROM register_movements
    UNION ALL
    SELECT movement_date, converted_from_share_type_id, -converted_from_quantity
    FROM register_movements WHERE converted_from_share_type_id IS NOT NULL)
GROUP BY movement_date, share_type;
