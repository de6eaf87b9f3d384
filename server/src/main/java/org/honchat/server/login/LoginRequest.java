package org.honchat.server.login;

import java.util.Map;

/**
 * One call of {@code /client_requester.php} (PROTOCOL.md §8.1): the merged parameters, where {@code f} came from,
 * the client address the service saw and the host name the client used.
 *
 * @param functionInBody {@code f} was in the urlencoded body, as only pyHoNBot sends it (§8.1)
 */
public record LoginRequest(Map<String, String> params, String clientIp, String requestHost, boolean functionInBody) {

    public String param(String name) {
        String value = params.get(name);
        return value == null ? "" : value;
    }
}
