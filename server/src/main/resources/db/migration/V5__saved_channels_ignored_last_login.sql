-- Saved channels and the ignore list (docs/protocol.md §8.9), and the last chat login (§8.8).
-- position keeps each list in the order entries were added; name_key is the name lower-cased, so a list never
-- holds two names that differ only in case.

CREATE TABLE saved_channels (
    account_id      BIGINT       NOT NULL,
    position        BIGINT       NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    name_key        VARCHAR(64)  NOT NULL,
    CONSTRAINT saved_channels_pk PRIMARY KEY (account_id, name_key),
    CONSTRAINT saved_channels_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE ignored_accounts (
    account_id      BIGINT       NOT NULL,
    ignored_id      BIGINT       NOT NULL,
    position        BIGINT       NOT NULL,
    CONSTRAINT ignored_accounts_pk PRIMARY KEY (account_id, ignored_id),
    CONSTRAINT ignored_accounts_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT ignored_accounts_ignored FOREIGN KEY (ignored_id) REFERENCES accounts (id) ON DELETE CASCADE
);

ALTER TABLE accounts ADD COLUMN last_login_at BIGINT;
