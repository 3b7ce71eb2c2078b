-- A message the Telegram bot sends may carry an inline keyboard (markup,
-- Bot API reply_markup JSON): the survey's score buttons.
ALTER TABLE telegram_outbox ADD COLUMN markup TEXT NOT NULL DEFAULT '';

-- telegram_surveys are the surveys the bot offered in a chat: the signed
-- token its buttons answer with stays here (the callback data carries only
-- the survey id and score, within Telegram's 64 bytes), and a button
-- pressed in another chat is refused. comment_until is when the chat's
-- next text stops counting as the answer's optional comment (0: none
-- awaited).
CREATE TABLE telegram_surveys (
    survey_id     BIGINT PRIMARY KEY,
    chat_id       BIGINT NOT NULL,
    ticket_id     BIGINT NOT NULL,
    token         TEXT   NOT NULL,
    comment_until BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);
CREATE INDEX telegram_surveys_chat ON telegram_surveys (chat_id, comment_until);
