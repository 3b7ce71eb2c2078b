-- A phone number is verified when the exchange vouched for it (its signed
-- identity token's phone_number, or RememberNumber); only verified numbers
-- match calls to an account. Every link so far came from a number typed by
-- a signed-in customer, so none is verified.
ALTER TABLE phone_numbers ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
