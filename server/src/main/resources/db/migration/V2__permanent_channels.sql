-- Permanent channels and what PROTOCOL.md §6.3 keeps for them across restarts: id, name, flags, topic, password,
-- explicit admin levels, the auth list and the bans. Membership and silences are never stored.

CREATE TABLE channels (
    id              BIGINT       NOT NULL PRIMARY KEY,
    name            VARCHAR(64)  NOT NULL,
    name_key        VARCHAR(64)  NOT NULL,
    flags           INTEGER      NOT NULL,
    topic           VARCHAR(600) NOT NULL DEFAULT '',
    password        VARCHAR(1024) NOT NULL DEFAULT '',
    CONSTRAINT channels_name_key_unique UNIQUE (name_key)
);

CREATE TABLE channel_admins (
    channel_id      BIGINT       NOT NULL,
    account_id      BIGINT       NOT NULL,
    admin_level     SMALLINT     NOT NULL,
    PRIMARY KEY (channel_id, account_id),
    CONSTRAINT channel_admins_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
    CONSTRAINT channel_admins_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE channel_auth (
    channel_id      BIGINT       NOT NULL,
    name_key        VARCHAR(64)  NOT NULL,
    PRIMARY KEY (channel_id, name_key),
    CONSTRAINT channel_auth_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
);

CREATE TABLE channel_bans (
    channel_id      BIGINT       NOT NULL,
    account_id      BIGINT       NOT NULL,
    PRIMARY KEY (channel_id, account_id),
    CONSTRAINT channel_bans_channel FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE,
    CONSTRAINT channel_bans_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
