-- language_by_agent is 1 once an agent has set a ticket's language: a
-- person's choice, which routing's detection must never overwrite, even
-- when the routing read the ticket before the agent's edit.
ALTER TABLE tickets ADD COLUMN language_by_agent INTEGER NOT NULL DEFAULT 0;
