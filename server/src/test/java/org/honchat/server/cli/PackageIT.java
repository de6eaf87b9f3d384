package org.honchat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package {@code ./mvnw package} builds (README "Installing on Debian"): unpacked into a clean directory, its
 * launcher serves with the sample configuration and answers the command line; its systemd unit passes
 * {@code systemd-analyze verify} where systemd's tools exist.
 */
class PackageIT {

    @TempDir
    Path dir;

    private static Path tarball() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("honchat-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("target/honchat-<version>.tar.gz (mvn package builds it)"));
        }
    }

    private static int run(Path workDir, Path log, List<String> command, String... environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return process.exitValue();
    }

    @Test
    void theTarballInstallsAndRuns() throws Exception {
        Path log = dir.resolve("log.txt");
        assertThat(run(dir, log, List.of("tar", "xzf", tarball().toAbsolutePath().toString()))).isZero();
        Path home;
        try (var entries = Files.list(dir)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("honchat-")).findFirst().orElseThrow();
        }
        Path launcher = home.resolve("bin/honchat");
        assertThat(launcher).isExecutable();
        assertThat(home.resolve("lib/honchat.jar")).exists();
        assertThat(home.resolve("etc/honchat-defaults.yaml")).exists();
        String sample = Files.readString(home.resolve("etc/honchat.yaml"));
        assertThat(sample).contains("dataDir: /var/lib/honchat");
        // the sample configuration with a data directory and ports of this test
        Path data = dir.resolve("data");
        Path config = dir.resolve("honchat.yaml");
        Files.writeString(config, sample.replace("dataDir: /var/lib/honchat", "dataDir: " + data));
        // any free ports (other tests run beside this one); honchat status finds the admin port in the data directory
        String[] ports = {"HONCHAT_HTTP_PORT", "0", "HONCHAT_CHAT_CLIENT_PORT", "0", "HONCHAT_ADMIN_PORT", "0",
            "HONCHAT_MATCHSERVER_PORT", "0", "HONCHAT_MANAGER_PORT", "0", "HONCHAT_CHAT_BIND_ADDRESS", "127.0.0.1",
            "HONCHAT_HTTP_BIND_ADDRESS", "127.0.0.1", "HONCHAT_MATCHSERVER_BIND_ADDRESS", "127.0.0.1",
            "HONCHAT_MANAGER_BIND_ADDRESS", "127.0.0.1"};
        ProcessBuilder serve = new ProcessBuilder(launcher.toString(), "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.txt").toFile());
        for (int i = 0; i < ports.length; i += 2) {
            serve.environment().put(ports[i], ports[i + 1]);
        }
        serve.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = serve.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = -1;
            while (System.nanoTime() < deadline && status != 0) {
                Thread.sleep(500);
                status = run(dir, log, List.of(launcher.toString(), "status", "--config", config.toString()));
            }
            assertThat(status).as(Files.readString(dir.resolve("server.txt"))).isZero();
            assertThat(Files.readString(log)).contains("sessions", "version");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).as("SIGTERM stops it cleanly").isZero();

        File analyze = new File("/usr/bin/systemd-analyze");
        if (analyze.canExecute()) {
            // the unit as shipped, with ExecStart pointing at this unpacked copy
            Path unit = dir.resolve("honchat.service");
            Files.writeString(unit, Files.readString(home.resolve("systemd/honchat.service"))
                    .replace("/opt/honchat/bin/honchat", launcher.toString()), StandardCharsets.UTF_8);
            int verified = run(dir, log, List.of(analyze.getPath(), "verify", unit.toString()));
            assertThat(verified).as(Files.readString(log)).isZero();
        }
    }
}
