package org.honchat.server.inspect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The login service's side of the inspector: {@code client_requester.php} and {@code server_requester.php} are
 * passed to the real login service and every request and reply is shown, replies decoded from PHP's format. A
 * successful login reply's {@code chat_url} and {@code chat_port} are rewritten to the inspector's chat listener
 * (and the output says so), and the address they named becomes the chat proxy's upstream, so the client's chat
 * connection goes through the inspector too. One request per connection ({@code Connection: close}).
 */
final class HttpInspectProxy implements AutoCloseable {

    private static final int MAX_BODY = 65536;

    private final InspectorSession session;
    private final ServerSocket listener;
    private final String upstream;
    private final int chatPort;
    private final String chatHost;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile InetSocketAddress learnedChat;

    /**
     * @param upstream the real login service, e.g. {@code http://127.0.0.1:8080}
     * @param chatHost the host the rewritten reply names ({@code null}: the host the client asked for)
     * @param chatPort the inspector's chat listener port the rewritten reply names
     */
    HttpInspectProxy(InspectorSession session, InetSocketAddress listen, String upstream, String chatHost, int chatPort)
            throws IOException {
        this.session = session;
        this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        this.chatHost = chatHost;
        this.chatPort = chatPort;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(listen);
        Thread acceptor = new Thread(this::accept, "inspect-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The chat address the last login reply named before it was rewritten, or null. */
    InetSocketAddress learnedChat() {
        return learnedChat;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread worker = new Thread(() -> serve(client), "inspect-http");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        int number = requests.incrementAndGet();
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String method = requestLine[0];
            String target = requestLine.length > 1 ? requestLine[1] : "/";
            if (target.startsWith("http://") || target.startsWith("https://")) {
                int slash = target.indexOf('/', target.indexOf("//") + 2);
                target = slash < 0 ? "/" : target.substring(slash); // absolute form, as honpurple sends it
            }
            String host = "127.0.0.1";
            String contentType = "application/x-www-form-urlencoded";
            String userAgent = "";
            int length = 0;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "host" -> host = value.startsWith("[") ? value.substring(0, value.indexOf(']') + 1)
                            : value.replaceFirst(":\\d+$", "");
                    case "content-type" -> contentType = value;
                    case "user-agent" -> userAgent = value;
                    case "content-length" -> length = Integer.parseInt(value);
                    default -> { }
                }
            }
            if (length > MAX_BODY) {
                throw new IOException("a body of " + length + " bytes");
            }
            byte[] body = in.readNBytes(length);
            long now = System.currentTimeMillis();
            String bodyText = new String(body, StandardCharsets.UTF_8);
            session.note(now, -number, "HTTP C>S " + method + " " + target + (bodyText.isEmpty() ? "" : "  body: "
                    + hidePassword(bodyText)));
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + target))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (!userAgent.isEmpty()) {
                forward.header("User-Agent", userAgent);
            }
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            String reply = new String(response.body(), StandardCharsets.UTF_8);
            String shown = reply;
            String rewritten = null;
            try {
                Object value = PhpValues.parse(reply);
                if (value instanceof Map<?, ?> map && map.containsKey("chat_url") && map.containsKey("chat_port")) {
                    rewritten = rewrite(map, host);
                }
                shown = describe(value);
            } catch (RuntimeException notPhp) {
                // shown as it came
            }
            byte[] out = rewritten == null ? response.body() : rewritten.getBytes(StandardCharsets.UTF_8);
            session.note(System.currentTimeMillis(), -number, "HTTP S>C " + response.statusCode() + " " + shown);
            String contentTypeOut = response.headers().firstValue("Content-Type").orElse("text/html; charset=UTF-8");
            OutputStream sink = client.getOutputStream();
            sink.write(("HTTP/1.1 " + response.statusCode() + " OK\r\nContent-Type: " + contentTypeOut
                    + "\r\nContent-Length: " + out.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            sink.write(out);
            sink.flush();
        } catch (IOException | RuntimeException e) {
            session.note(System.currentTimeMillis(), -number, "HTTP request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Points the login reply's chat address at the inspector; remembers the one it named. */
    @SuppressWarnings("unchecked")
    private String rewrite(Map<?, ?> reply, String requestHost) {
        Map<Object, Object> map = (Map<Object, Object>) reply;
        String originalHost = String.valueOf(map.get("chat_url"));
        int originalPort = Integer.parseInt(String.valueOf(map.get("chat_port")));
        learnedChat = new InetSocketAddress(originalHost, originalPort);
        String host = chatHost != null ? chatHost : requestHost;
        map.put("chat_url", host);
        map.put("chat_port", Integer.toString(chatPort));
        session.note(System.currentTimeMillis(), 0, "login reply rewritten: chat_url/chat_port " + originalHost + ":"
                + originalPort + " -> " + host + ":" + chatPort + " (the chat connection goes through the inspector)");
        return PhpValues.write(map);
    }

    /** A compact, readable form of a PHP value (keys and values, nested with braces). */
    static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ").append(describe(v)));
            return out.append('}').toString();
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }

    /** Passwords and SRP proofs are not written to the output or the capture. */
    private static String hidePassword(String body) {
        return body.replaceAll("(?i)(password|proof)=[^&]*", "$1=(hidden)");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 16384) {
                throw new IOException("request head over 16 KB");
            }
        }
        throw new IOException("the connection closed inside the request head");
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
