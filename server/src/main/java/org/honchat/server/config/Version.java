package org.honchat.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The one version string of this build (from the Maven project version), for {@code --version}, logs and the API. */
public final class Version {

    private static final String CURRENT = load();

    private Version() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/honchat-version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
