package org.honchat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every series docs/grafana-dashboard.json graphs is one the server exports (a renamed meter fails here). */
class GrafanaDashboardTest {

    private static final Pattern SERIES = Pattern.compile("honchat_[a-z_]+");

    @Test
    void theDashboardGraphsOnlyExportedSeries() throws Exception {
        Metrics metrics = new Metrics();
        // the meters made on first use
        metrics.chatRejected("auth_failed");
        metrics.httpLogin("accepted");
        metrics.brokerCycle.record(java.time.Duration.ofMillis(1));
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
}
