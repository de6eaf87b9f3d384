package org.honchat.server.login;

import java.util.List;
import java.util.Map;

/**
 * One call of {@code /client_requester.php} (docs/protocol.md §8.1): the merged parameters, the array parameters
 * ({@code name[]} and {@code name[N]}, collected under {@code name}), where {@code f} came from, the client address
 * the service saw and the host name the client used.
 *
 * @param functionInBody {@code f} was in the urlencoded body, as only pyHoNBot sends it (§8.1)
 */
public record LoginRequest(Map<String, String> params, Map<String, List<String>> lists, String clientIp,
        String requestHost, boolean functionInBody) {

    public LoginRequest(Map<String, String> params, String clientIp, String requestHost, boolean functionInBody) {
        this(params, Map.of(), clientIp, requestHost, functionInBody);
    }

    public String param(String name) {
        String value = params.get(name);
        return value == null ? "" : value;
    }

    /** The values of the array parameter {@code name} ({@code name[]=…}, {@code name[0]=…}), in order. */
    public List<String> list(String name) {
        return lists.getOrDefault(name, List.of());
    }
}
