package org.honchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheSpec() {
        ServerConfig c = ConfigLoader.load(null, Map.of());
        // docs/protocol.md §4.10
        assertThat(c.chat().clientPort()).isEqualTo(11031);
        assertThat(c.chat().authDeadlineSeconds()).isEqualTo(5);
        assertThat(c.chat().pingAfterWriteIdleSeconds()).isEqualTo(20);
        assertThat(c.chat().readIdleTimeoutSeconds()).isEqualTo(120);
        assertThat(c.chat().playerCountIntervalSeconds()).isEqualTo(30);
        assertThat(c.chat().generalChannelName()).isEqualTo("HoN");
        assertThat(c.chat().generalChannelCapacity()).isEqualTo(50);
        assertThat(c.chat().flood()).isEqualTo(new ServerConfig.FloodConfig(5, 20, 3500, false));
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.login().cookieTtlSeconds()).isEqualTo(24 * 3600);
        assertThat(c.dataDir()).isEqualTo("./data");
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.limits().chatIoThreads()).isZero();
        assertThat(c.limits().chatIoThreadsOrCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void matchmakingDefaultsMatchTheSpec() {
        // docs/protocol.md §9.8
        ServerConfig c = ConfigLoader.load(null, Map.of());
        ServerConfig.MatchmakingConfig m = c.matchmaking();
        assertThat(m.enabled()).isTrue();
        assertThat(m.brokerIntervalSeconds()).isEqualTo(5);
        assertThat(m.queueUpdateSeconds()).isEqualTo(10);
        assertThat(m.averageWindow()).isEqualTo(20);
        assertThat(m.maps()).isEqualTo("caldavar|grimmscrossing|midwars|riftwars");
        assertThat(m.gameTypes()).isEqualTo("1|2|3|4|5|6|7|8|9|10");
        assertThat(m.modes().split("\\|")).hasSize(25).startsWith("ap", "apg").endsWith("rb");
        assertThat(m.regions().split("\\|")).hasSize(17).startsWith("USE").endsWith("TR");
        assertThat(m.maxQueuedGroups()).isEqualTo(1000);
        assertThat(m.loadingTimeoutSeconds()).isEqualTo(120);
        assertThat(m.announceTimeoutSeconds()).isEqualTo(30);
        assertThat(m.matchRecordTimeoutSeconds()).isEqualTo(14400);
        assertThat(m.requeueWindowSeconds()).isEqualTo(300);
        assertThat(m.matchNamePrefix()).isEqualTo("TMM Match #");
        assertThat(m.defaultRating()).isEqualTo(1500f);
        assertThat(c.matchserver().port()).isEqualTo(11032);
        assertThat(c.matchserver().maxServers()).isEqualTo(500);
        assertThat(c.matchserver().readIdleTimeoutSeconds()).isEqualTo(90);
        assertThat(c.manager().port()).isEqualTo(11033);
        assertThat(c.login().leaverThreshold()).isEqualTo(0.05);
        assertThat(c.login().firstMatchId()).isEqualTo(1);
    }

    @Test
    void clusterModeNeedsPostgresqlAndASharedSecret() {
        assertThat(ServerConfig.defaults().cluster().enabled()).isFalse();
        assertThatThrownBy(() -> ServerConfig.defaults().with("cluster.enabled", "true"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs PostgreSQL");
        String[] postgres = {"cluster.enabled", "true", "database.url", "jdbc:postgresql://db/honchat"};
        assertThatThrownBy(() -> ServerConfig.defaults().with(postgres))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chat.secret");
        ServerConfig base = ServerConfig.defaults().with("chat.secret", "0123456789abcdef0123");
        // the node id may be left to the server (host name and chat port), so store commands need none
        assertThat(base.with(postgres).cluster().nodeId()).isEmpty();
        assertThatThrownBy(() -> base.with(postgres).with("cluster.nodeId", "a node")).isInstanceOf(
                ConfigException.class).hasMessageContaining("cluster.nodeId");
        ServerConfig node = base.with("cluster.enabled", "true", "database.url", "jdbc:postgresql://db/honchat",
                "cluster.nodeId", "chat-1");
        assertThat(node.cluster().redis().addresses()).containsExactly("127.0.0.1:6379");
        assertThat(node.cluster().redis().sentinels()).isFalse();
        // several addresses are Sentinels, and need the master's name
        assertThatThrownBy(() -> node.with("cluster.redis.address", "10.0.0.1:26379,10.0.0.2:26379"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.redis.sentinelMaster");
        ServerConfig.RedisConfig sentinels = node.with("cluster.redis.address", "10.0.0.1:26379, 10.0.0.2:26379",
                "cluster.redis.sentinelMaster", "honchat").cluster().redis();
        assertThat(sentinels.addresses()).containsExactly("10.0.0.1:26379", "10.0.0.2:26379");
        assertThat(sentinels.sentinels()).isTrue();
        assertThatThrownBy(() -> node.with("cluster.redis.address", "10.0.0.1:26379,nohost",
                "cluster.redis.sentinelMaster", "honchat")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nohost");
        assertThat(node.cluster().leastLoaded()).isTrue();
        assertThatThrownBy(() -> node.with("cluster.redis.address", "redis")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.redis.address");
        assertThatThrownBy(() -> node.with("cluster.nodeTimeoutMillis", "1000")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("three heartbeats");
        assertThatThrownBy(() -> node.with("cluster.placement", "random")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.placement");
    }

    @Test
    void matchmakingListsTheClientCannotParseAreRefusedWithTheKeyNamed() {
        // §9.3 0x0D07 rules 1 and 3: no empty list or item, every name needs a legend id
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchmaking.maps", "caldavar||midwars"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchmaking.maps");
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchmaking.modes", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchmaking.modes");
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchmaking.regions", "EU|MOON"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchmaking.regions")
                .hasMessageContaining("name-id");
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchmaking.gameTypes", "1|x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchmaking.gameTypes");
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchmaking.teamSizeOverride", "6"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchmaking.teamSizeOverride");
        assertThatThrownBy(() -> ServerConfig.defaults().with("matchserver.options.submitStats", "300"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("matchserver.options");
        // a name outside the protocol's tables is fine with its id
        assertThat(ServerConfig.defaults().with("matchmaking.regions", "EU|MOON-40").matchmaking().regions())
                .isEqualTo("EU|MOON-40");
    }

    @Test
    void fileChangesOnlyWhatItNames() throws IOException {
        Path file = write("chat:\n  generalChannelName: Newerth\n  flood:\n    threshold: 9\nhttp:\n  port: 9090\n");
        ServerConfig c = ConfigLoader.load(file, Map.of());
        assertThat(c.chat().generalChannelName()).isEqualTo("Newerth");
        assertThat(c.chat().flood().threshold()).isEqualTo(9);
        assertThat(c.chat().flood().disconnectAt()).isEqualTo(20);
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.chat().clientPort()).isEqualTo(11031);
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("http:\n  port: 9090\n");
        ServerConfig c = ConfigLoader.load(file, Map.of("HONCHAT_HTTP_PORT", "9191",
                "HONCHAT_CHAT_FLOOD_NOTICE", "true", "HONCHAT_DATABASE_URL", "jdbc:postgresql://db/honchat"));
        assertThat(c.http().port()).isEqualTo(9191);
        assertThat(c.chat().flood().notice()).isTrue();
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db/honchat");
        assertThat(ConfigLoader.environmentName("chat.requiredClientVersion"))
                .isEqualTo("HONCHAT_CHAT_REQUIRED_CLIENT_VERSION");
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path file = write("chat:\n  clientPrt: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.clientPrt");
    }

    @Test
    void badValuesAreNamed() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("chat:\n  clientPort: 70000\n"), Map.of()))
                .hasMessageContaining("chat.clientPort");
        assertThatThrownBy(() -> ConfigLoader.load(write("chat:\n  requiredClientVersion: 4.10\n"), Map.of()))
                .hasMessageContaining("chat.requiredClientVersion");
        assertThatThrownBy(() -> ConfigLoader.load(write("http:\n  port: eighty\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(write("chat: 5\n"), Map.of()))
                .hasMessageContaining("chat must be a mapping");
        assertThatThrownBy(() -> ConfigLoader.load(write("database:\n  url: jdbc:mysql://x\n"), Map.of()))
                .hasMessageContaining("database.url");
        assertThatThrownBy(() -> ConfigLoader.load(write("limits:\n  chatIoThreads: -1\n"), Map.of()))
                .hasMessageContaining("limits.chatIoThreads");
        assertThat(ConfigLoader.load(write("limits:\n  chatIoThreads: 3\n"), Map.of()).limits()
                .chatIoThreadsOrCores()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("not found");
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertThat(ConfigLoader.load(write(""), Map.of())).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void keysChangedInCodeAreCheckedAsInAFile() {
        ServerConfig changed = ServerConfig.defaults().with("chat.clientPort", "12000", "admin.port", "0");
        assertThat(changed.chat().clientPort()).isEqualTo(12000);
        assertThat(changed.admin().port()).isZero();
        assertThat(changed.chat().generalChannelName()).isEqualTo("HoN");
        assertThatThrownBy(() -> ServerConfig.defaults().with("chat.clientPrt", "1"))
                .hasMessageContaining("unknown configuration key: chat.clientPrt");
        assertThatThrownBy(() -> ServerConfig.defaults().with("chat.clientPort", "70000"))
                .hasMessageContaining("chat.clientPort");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "honchat", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
