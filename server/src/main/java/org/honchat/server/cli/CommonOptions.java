package org.honchat.server.cli;

import java.nio.file.Path;
import java.util.Map;
import org.honchat.server.config.ConfigLoader;
import org.honchat.server.config.ServerConfig;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data-dir}, accepted by every command. */
public class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see README).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (embedded database, generated secrets). Default: ./data")
    String dataDir;

    Map<String, String> environment = System.getenv();

    ServerConfig config() {
        ServerConfig config = ConfigLoader.load(configFile, environment);
        return dataDir == null ? config : config.withDataDir(dataDir);
    }
}
