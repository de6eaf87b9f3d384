-- Matchmaking (PROTOCOL.md §9): match servers and managers registered through server_requester.php (§9.7), the
-- match ids start_game hands out, and operators' matchmaking bans (§9.3 reason 9). Portable SQL (H2, PostgreSQL).

-- kind 1: match server (login "<host>:<instance>"), kind 2: server manager (login "<host>:").
CREATE TABLE server_registrations (
    kind            SMALLINT     NOT NULL,
    id              BIGINT       NOT NULL,
    login_key       VARCHAR(100) NOT NULL,
    login           VARCHAR(100) NOT NULL,
    host_account_id BIGINT       NOT NULL,
    cookie          VARCHAR(32)  NOT NULL,
    ip              VARCHAR(64)  NOT NULL DEFAULT '',
    port            INTEGER      NOT NULL DEFAULT 0,
    name            VARCHAR(128) NOT NULL DEFAULT '',
    description     VARCHAR(255) NOT NULL DEFAULT '',
    location        VARCHAR(32)  NOT NULL DEFAULT '',
    c_state         INTEGER      NOT NULL DEFAULT 0,
    num_conn        INTEGER      NOT NULL DEFAULT 0,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (kind, id),
    CONSTRAINT server_registrations_login UNIQUE (kind, login_key),
    CONSTRAINT server_registrations_cookie UNIQUE (cookie),
    CONSTRAINT server_registrations_host FOREIGN KEY (host_account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE matches (
    match_id        BIGINT       NOT NULL PRIMARY KEY,
    server_id       BIGINT       NOT NULL,
    map             VARCHAR(64)  NOT NULL,
    name            VARCHAR(128) NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE TABLE matchmaking_bans (
    account_id      BIGINT       NOT NULL PRIMARY KEY,
    until_at        BIGINT       NOT NULL,
    CONSTRAINT matchmaking_bans_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
