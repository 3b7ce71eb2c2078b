-- A file a customer sends from the chat widget is announced by a message of
-- the conversation ("📎 name.png"); message_id links the two, so the agent's
-- ticket page shows the file's download on that message. NULL for files
-- attached without a message (the agent's Files card).
ALTER TABLE attachments ADD COLUMN message_id BIGINT;
