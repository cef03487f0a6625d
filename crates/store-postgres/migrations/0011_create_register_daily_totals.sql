-- The register's totals per day and share type, so that the capital on a date is a sum over
-- days instead of over every movement (the back office shows it on every register page; at a
-- million movements the sum over movements took a second). An issue or a conversion adds its
-- shares to its type, a redemption takes them off, a transfer changes no total, and a
-- conversion takes its source shares off their type.
--
-- Movements are append-only and written only through `append_register_movement`: the
-- transaction that appends them adds their changes here once, before it commits (`PgTx`).
-- Not a row trigger: a trigger would update a day's row once per movement, and a statement
-- import of many payments on one day would leave a chain of row versions in one transaction
-- that every further update walks (quadratic). SQLite, which updates in place, uses a trigger.
CREATE TABLE register_daily_totals (
    movement_date DATE NOT NULL,
    share_type_id BIGINT NOT NULL REFERENCES share_types (id),
    quantity_change BIGINT NOT NULL,
    PRIMARY KEY (movement_date, share_type_id)
);

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
