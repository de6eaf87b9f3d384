package org.honchat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.honchat.protocol.clientbound.ChannelPackets.ChangedChannel;
import org.honchat.protocol.clientbound.SessionPackets.Logout;
import org.honchat.protocol.clientbound.SessionPackets.MessageAll;
import org.honchat.protocol.serverbound.ChannelRequests.JoinChannel;
import org.honchat.server.HonchatServer;
import org.honchat.server.TestDatabases;
import org.honchat.testkit.chat.ChatClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless browser: Debian's chromium driven through Debian's chromedriver (nothing is
 * downloaded). Signs in with the token, sees a session a test client opened, broadcasts, kicks it. Skipped when
 * chromedriver is missing, except in CI ({@code CI=true}), where {@code .ci/run} installs it and a missing one fails.
 */
class AdminConsoleIT {

    @TempDir
    Path dir;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static WebDriver browser(Path profile) {
        File driver = new File(env("HONCHAT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        File chromium = new File(env("HONCHAT_TEST_CHROMIUM", "/usr/bin/chromium"));
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeThat(driver.canExecute() && chromium.canExecute())
                    .as("chromium and chromedriver (apt-get install chromium chromium-driver)").isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // the flags that keep Chromium off the (closed) network and out of its first-run and sync work
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }


    @Test
    void signInSeeASessionBroadcastAndKick() throws Exception {
        try (HonchatServer server = HonchatServer.start(TestDatabases.loopback(dir));
                ChatClient alice = OnlineClient.of(server, "Alice")) {
            alice.send(new JoinChannel("Lobby"));
            alice.await(ChangedChannel.class);
            WebDriver browser = browser(Files.createDirectories(dir.resolve("chromium-profile")));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
                browser.get("http://127.0.0.1:" + server.adminPort() + "/");
                // a wrong token is refused on the page
                browser.findElement(By.id("token")).sendKeys("not-the-token");
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "refused"));
                // the right one shows the dashboard with Alice's session
                WebElement token = browser.findElement(By.id("token"));
                token.clear();
                token.sendKeys(AdminToken.load(dir).value());
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
                WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#sessions tr[data-name='Alice']")));
                assertThat(row.getText()).contains("Alice", "game client", "Lobby");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channels tr[data-name='Lobby']")));
                wait.until(ExpectedConditions.textToBe(By.id("sessions-count"), "1"));
                screenshot(browser);

                browser.findElement(By.id("broadcast-text")).sendKeys("The server restarts at 5");
                browser.findElement(By.id("broadcast-send")).click();
                assertThat(alice.await(MessageAll.class))
                        .isEqualTo(new MessageAll("Server Message", "The server restarts at 5"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("broadcast-status"),
                        "sent to 1 sessions"));

                browser.findElement(By.cssSelector("button.kick[data-name='Alice']")).click();
                assertThat(alice.await(Logout.class)).isEqualTo(new Logout(1));
                assertThat(alice.awaitClose(Duration.ofSeconds(5))).isTrue();
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions tr"), 0));
            } finally {
                browser.quit();
            }
        }
    }

    /** Keeps what the browser saw: target/console.png, and docs/console.png with -Dhonchat.updateDocs=true. */
    private static void screenshot(WebDriver browser) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("honchat.updateDocs")) {
            Files.copy(shot, Path.of("..", "docs", "console.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
