package org.honchat.server.store;

/**
 * A match server or server manager registered through {@code server_requester.php} (docs/protocol.md §9.7): the id it
 * was given, its current cookie, the host account, and what it said about itself.
 */
public record ServerRegistration(Kind kind, long id, String login, long hostAccountId, String cookie, String ip,
        int port, String name, String description, String location) {

    /** Match servers connect on 11032 with a {@code new_session} cookie; managers on 11033 with {@code replay_auth}. */
    public enum Kind {
        MATCH_SERVER(1), MANAGER(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            return code == 1 ? MATCH_SERVER : MANAGER;
        }
    }
}
