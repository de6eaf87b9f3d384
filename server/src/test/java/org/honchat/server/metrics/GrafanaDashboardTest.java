package org.honchat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every series docs/grafana-dashboard.json graphs is one the server exports from its first scrape, before anything
 * happened (a renamed meter, or one made only on first use, fails here: its panel would say "No data").
 */
class GrafanaDashboardTest {

    private static final Pattern SERIES = Pattern.compile("honchat_[a-z_]+");

    @Test
    void theDashboardGraphsOnlyExportedSeries() throws Exception {
        Metrics metrics = new Metrics();
        // the chat domain registers one flood series per counted command when it is built (ChatDomainTest)
        metrics.floodDropped("CHAT_CMD_WHISPER");
        String scrape = metrics.scrape();
        Set<String> exported = new TreeSet<>();
        Matcher found = SERIES.matcher(scrape);
        while (found.find()) {
            exported.add(found.group());
        }
        String dashboard = Files.readString(Path.of("..", "docs", "grafana-dashboard.json"));
        Set<String> graphed = new TreeSet<>();
        Matcher used = SERIES.matcher(dashboard);
        while (used.find()) {
            graphed.add(used.group());
        }
        assertThat(graphed).isNotEmpty();
        assertThat(exported).containsAll(graphed);
    }

    @Test
    void theJvmAndTheProcessAreExportedAndHelpTextsSayWhatIsCounted() {
        String scrape = new Metrics().scrape();
        assertThat(scrape).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_files_open_files", "process_uptime_seconds");
        assertThat(scrape).contains("honchat_chat_logins_rejected_total{reason=\"auth_failed\"} 0.0");
        assertThat(scrape).contains("honchat_http_logins_total{outcome=\"wrong_credentials\"} 0.0");
        assertThat(scrape).containsPattern("# HELP honchat_sessions_closed_total .*flood.*slow_consumer");
    }
}
