package org.honchat.testkit.login;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Talks to {@code /client_requester.php} the way each known client does (docs/protocol.md §8.1): the game client puts
 * {@code f} in the query and the rest in a POST body, pyHoNBot puts everything in a POST body, honpurple everything
 * in the query of an HTTP/1.0 GET with an absolute-form target. Plain sockets, so the request line is exactly what
 * a client sends.
 */
public final class LoginClient {

    /** How the parameters travel. */
    public enum Style {
        /** {@code POST /client_requester.php?f=...} with the other parameters in the body (the 4.10 client). */
        GAME_CLIENT,
        /** {@code POST /client_requester.php} with every parameter in the body (pyHoNBot). */
        BODY_ONLY,
        /** {@code GET http://host:port/client_requester.php?...} HTTP/1.0 (honpurple). */
        ABSOLUTE_GET
    }

    /** A status line and body. */
    public record Response(int status, String contentType, String body) {
        public Map<Object, Object> php() {
            return Php.array(body);
        }
    }

    private final String host;
    private final int port;

    public LoginClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Response call(Style style, Map<String, String> params) throws IOException {
        Map<String, String> rest = new LinkedHashMap<>(params);
        String request;
        switch (style) {
            case GAME_CLIENT: {
                String f = rest.remove("f");
                request = post("/client_requester.php?f=" + encode(f), form(rest));
                break;
            }
            case BODY_ONLY:
                request = post("/client_requester.php", form(rest));
                break;
            default:
                request = "GET http://" + host + ":" + port + "/client_requester.php?" + form(rest) + " HTTP/1.0\r\n"
                        + "Host: " + host + ":" + port + "\r\n\r\n";
        }
        return send(request);
    }

    /**
     * A {@code /server_requester.php} call as a match server makes it (docs/protocol.md §9.7): {@code f} in the query
     * string, the other parameters in a form body.
     */
    public Response callServer(Map<String, String> params) throws IOException {
        Map<String, String> rest = new LinkedHashMap<>(params);
        String f = rest.remove("f");
        return send(post("/server_requester.php?f=" + encode(f), form(rest)));
    }

    /** Sends raw request bytes and reads one response (the connection is closed after it). */
    public Response send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private String post(String target, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = -1;
        String contentType = "";
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The lowercase hex MD5 of a password, as {@code auth} and {@code server_requester.php} send it (§8.4, §9.7). */
    public static String md5Hex(String password) {
        return SrpClient.hex(SrpClient.md5(password));
    }

    /** {@code f=auth}: the password goes as its MD5 hex (§8.4). */
    public Response auth(Style style, String login, String password) throws IOException {
        return call(style, Map.of("f", "auth", "login", login, "password", SrpClient.hex(SrpClient.md5(password))));
    }

    /** A whole SRP login ({@code pre_auth}, then {@code srpAuth}) as {@code flavor} computes it. */
    public SrpLogin srpLogin(Style style, SrpClient.Flavor flavor, String login, String password,
            SecureRandom random) throws IOException {
        SrpClient client = new SrpClient(flavor, login, random);
        Map<String, String> pre = new LinkedHashMap<>();
        pre.put("f", "pre_auth");
        pre.put("login", login);
        pre.put("A", client.publicAHex());
        if (flavor == SrpClient.Flavor.GAME_CLIENT) {
            pre.put("SysInfo", "4.10.1.0|wac|x86_64");
        }
        Response challenge = call(style, pre);
        Map<Object, Object> c = challenge.php();
        if (!Boolean.TRUE.equals(c.get(0L))) {
            return new SrpLogin(challenge, null, client);
        }
        String proof = client.proof(password, (String) c.get("salt2"), (String) c.get("salt"), (String) c.get("B"));
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("f", "srpAuth");
        auth.put("login", login);
        auth.put("proof", proof);
        return new SrpLogin(challenge, call(style, auth), client);
    }

    /** Both answers of an SRP login; {@code reply} is null when {@code pre_auth} failed. */
    public record SrpLogin(Response challenge, Response reply, SrpClient client) {
    }
}
