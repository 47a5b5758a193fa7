package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The channel console in a real browser against the packaged jar: a user pastes the key and runs
 * a channel's whole life through the platform's buttons, and works its dead letters.
 */
class ConsoleBrowserIT {

    private static final String KEY = "console-test-key-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static BundleProcess bundle;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        int port = RunningBundle.freePort();
        Path workDir = Files.createDirectories(Path.of("target", "console-it", UUID.randomUUID().toString()).toAbsolutePath());
        bundle = new BundleProcess(workDir, port, "-Dapi.key=" + KEY, "-Dsandbox.retry-scale=0.001",
                "-Dchannel.check-timeout-ms=3000", "-Ddispatch.retry-initial-ms=100").start();
        base = "http://localhost:" + port;
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> channels().findValuesAsText("name").contains("Demo channel"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (bundle != null) {
            bundle.close();
        }
    }

    @Test
    void aChannelGoesThroughItsWholeLifeByTheConsolesButtons() throws Exception {
        String token = newSandboxCompany();
        browser.open(base + "/console/");
        assertThat(browser.unlabelledFields()).isEmpty();

        browser.find("#api-key").sendKeys("not-the-key", Keys.ENTER);
        browser.await(d -> browser.text("#login-error").contains("The key was refused"));
        signIn();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(KEY);
        assertThat((String) browser.script("return sessionStorage.getItem('chat2deskConsoleKey')")).isEqualTo(KEY);
        assertThat((Long) browser.script("return localStorage.length")).isZero();
        browser.await(d -> listEntry("Demo channel").getText().contains("Active"));

        // CANCEL on a new channel saves nothing
        browser.find("#new-channel").click();
        assertThat(buttons()).containsExactly("CREATE", "CREATE & ACTIVATE", "CANCEL");
        browser.find("#name").sendKeys("Never saved");
        action("CANCEL");
        assertThat(browser.find("#nothing-selected").isDisplayed()).isTrue();
        assertThat(channels().findValuesAsText("name")).doesNotContain("Never saved");

        // CREATE: saved, inactive
        fillNew("Shop bot", token);
        action("CREATE");
        browser.await(d -> browser.text("#outcome").contains("Created. The channel is saved and inactive."));
        assertThat(browser.text("#state")).isEqualTo("Inactive");
        assertThat(buttons()).containsExactly("SAVE", "SAVE & ACTIVATE", "DELETE", "CANCEL");
        assertThat(channel("Shop bot").path("active").asBoolean()).isFalse();

        // its Agent key, shown this once: it opens the channel's writes-first (refused only as the channel is
        // inactive), and is kept nowhere the API shows
        String shopKey = agentKeyShown();
        String shopId = channel("Shop bot").path("id").asText();
        assertThat(writeFirst(shopId, shopKey)).isEqualTo(409);
        assertThat(writeFirst(shopId, "not-the-agent-key")).isEqualTo(401);
        assertThat(channels().toString()).doesNotContain(shopKey);
        screenshots("console-agent-key");

        // CREATE & ACTIVATE with the token of the active demo channel: saved, the token check fails and says why
        fillNew("Support bot", "sandbox-demo-token");
        action("CREATE & ACTIVATE");
        browser.await(d -> browser.text("#outcome").contains("Created, but not activated."));
        String supportKey = agentKeyShown();
        assertThat(supportKey).isNotEqualTo(shopKey);
        assertThat(browser.text("#state")).isEqualTo("Inactive");
        assertThat(checkStates()).containsExactly("passed", "failed", "skipped", "skipped");
        WebElement tokenCheck = check("token-unique");
        assertThat(tokenCheck.findElement(By.className("message")).getText())
                .contains("already uses this token").contains("Demo channel");
        assertThat(tokenCheck.findElement(By.className("fix")).getText())
                .startsWith("To fix:").contains("deactivate that channel, or use another token");
        assertThat(check("address-accessible").getText()).contains("Not run: an earlier check failed.");
        assertThat(listEntry("Support bot").getText()).contains("Inactive").contains("check failed: the token is in use");
        screenshots("console-failed-check");

        // SAVE & ACTIVATE with the channel's own token: all four checks pass
        browser.find("#token").sendKeys(token);
        action("SAVE & ACTIVATE");
        browser.await(d -> browser.text("#state").equals("Active"));
        assertThat(browser.text("#outcome")).contains("Saved and activated.");
        assertThat(checkStates()).containsExactly("passed", "passed", "passed", "passed");
        assertThat(buttons()).containsExactly("APPLY", "DEACTIVATE", "DELETE", "CANCEL");
        assertThat(listEntry("Support bot").getText()).contains("Active").contains("4 of 4 checks passed");
        assertThat(listEntry("Shop bot").getText()).contains("Inactive").contains("not checked yet");
        assertThat(sandboxWebhooks(token)).hasSize(1);

        // New Agent key: the old one stops working at once
        String supportId = channel("Support bot").path("id").asText();
        assertThat(writeFirst(supportId, supportKey)).as("no chat with client 1, but the key was taken").isEqualTo(409);
        browser.find("#new-agent-key").click();
        browser.driver().switchTo().alert().accept();
        browser.await(d -> browser.text("#outcome").contains("New Agent key made."));
        String newKey = agentKeyShown();
        assertThat(newKey).isNotEqualTo(supportKey);
        assertThat(writeFirst(supportId, supportKey)).isEqualTo(401);
        assertThat(writeFirst(supportId, newKey)).isEqualTo(409);

        // APPLY with a token Chat2Desk refuses: refused, and nothing changed
        browser.find("#name").clear();
        browser.find("#name").sendKeys("Support bot renamed");
        browser.find("#token").sendKeys("wrong-token-0000");
        action("APPLY");
        browser.await(d -> browser.text("#outcome").contains("APPLY refused: nothing changed."));
        assertThat(browser.text("#outcome")).contains("Token is not correct")
                .contains("The channel and its Chat2Desk webhook are as they were");
        assertThat(check("address-accessible").getAttribute("class")).isEqualTo("failed");
        JsonNode unchanged = channel("Support bot");
        assertThat(unchanged.path("active").asBoolean()).isTrue();
        assertThat(unchanged.path("token").asText()).isEqualTo("****" + token.substring(token.length() - 4));
        screenshots("console-refused-apply");

        // The key stays for the tab: a reload opens the console again without it being pasted
        browser.driver().navigate().refresh();
        browser.await(d -> browser.find("#console").isDisplayed());
        listEntry("Support bot").click();
        browser.await(d -> browser.text("#editor-title").equals("Support bot"));
        assertThat(browser.text("#state")).isEqualTo("Active");
        assertThat(browser.find("#agent-key-once").isDisplayed()).as("the Agent key was shown once").isFalse();

        // APPLY pointing the channel at another host without giving its token again: refused, nothing sent
        new Select(browser.find("#region")).selectByValue("other");
        browser.find("#api-url").sendKeys("http://127.0.0.1:9/v1");
        action("APPLY");
        browser.await(d -> browser.text("#outcome").contains("Nothing was saved."));
        assertThat(browser.text("#outcome")).contains("token: give the token again to send it to http://127.0.0.1:9");
        action("CANCEL");
        assertThat(channel("Support bot").path("apiUrl").asText()).isEqualTo(base + "/sandbox/v1");

        // DEACTIVATE: stopped, and its webhook removed from Chat2Desk
        action("DEACTIVATE");
        browser.await(d -> browser.text("#state").equals("Inactive"));
        assertThat(browser.text("#outcome")).contains("Deactivated.");
        assertThat(buttons()).containsExactly("SAVE", "SAVE & ACTIVATE", "DELETE", "CANCEL");
        assertThat(sandboxWebhooks(token)).isEmpty();

        // DELETE, confirmed; the second one from the keyboard alone
        action("DELETE");
        browser.driver().switchTo().alert().accept();
        browser.await(d -> !browser.text("#channel-list").contains("Support bot"));
        listEntry("Shop bot").click();
        browser.await(d -> browser.text("#editor-title").equals("Shop bot"));
        WebElement delete = actionButton("DELETE");
        for (int i = 0; i < 40 && !delete.equals(browser.driver().switchTo().activeElement()); i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.driver().switchTo().activeElement()).as("DELETE is reached with Tab").isEqualTo(delete);
        assertThat(browser.focusOutline()).as("the focus is visible").startsWith("solid 3px");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.driver().switchTo().alert().accept();
        browser.await(d -> !browser.text("#channel-list").contains("Shop bot"));
        assertThat(channels().findValuesAsText("name")).containsExactly("Demo channel");
    }

    @Test
    void aChannelsDeadLettersAreReplayedOrDeletedAndItsMessagesCounted() throws Exception {
        browser.open(base + "/console/");
        signIn();
        listEntry("Demo channel").click();
        browser.await(d -> browser.text("#editor-title").equals("Demo channel"));

        // "Find my operator ID": asks Chat2Desk with the channel's token
        browser.find("#find-operator").click();
        browser.find("#lookup-email").sendKeys("bot@sandbox.local");
        browser.find("#lookup-go").click();
        browser.await(d -> browser.text("#lookup-result").contains("operator ID 41164"));
        assertThat(browser.find("#operator-id").getAttribute("value")).isEqualTo("41164");
        action("CANCEL");

        long replayed = deadLetterFrom("please replay me");
        long dropped = deadLetterFrom("please drop me");
        browser.find("#refresh-dead").click();
        browser.await(d -> browser.all("#dead-letters li").size() == 2);
        assertThat(deadLetter(replayed).getText()).contains("please replay me").contains("400");
        screenshots("console-dead-letters");

        deadLetter(replayed).findElement(By.xpath(".//button[text()='Replay']")).click();
        browser.await(d -> browser.all("#dead-letters li").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(replayed).contains("You wrote: please replay me"));

        deadLetter(dropped).findElement(By.xpath(".//button[text()='Delete']")).click();
        browser.driver().switchTo().alert().accept();
        browser.await(d -> browser.find("#no-dead").isDisplayed());
        assertThat(get("/api/v1/channels/" + channel("Demo channel").path("id").asText() + "/dead-letters")).isEmpty();

        browser.find("#refresh-counters").click();
        browser.await(d -> Long.parseLong(counter("Dead letters")) == 2);
        assertThat(Long.parseLong(counter("Received"))).isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(counter("Sent"))).isGreaterThanOrEqualTo(1);

        assertThat(browser.unlabelledFields()).isEmpty();
        assertThat(browser.lowContrast()).isEmpty();
    }

    // ---- the page ------------------------------------------------------------------------------

    private static void signIn() {
        browser.await(d -> browser.find("#login").isDisplayed() || browser.find("#console").isDisplayed());
        if (browser.find("#login").isDisplayed()) {
            browser.find("#api-key").sendKeys(KEY);
            browser.find("#login-form button[type=submit]").click();
        }
        browser.await(d -> browser.find("#console").isDisplayed());
    }

    private static void fillNew(String name, String token) {
        browser.find("#new-channel").click();
        browser.await(d -> browser.text("#state").equals("Not saved"));
        browser.find("#name").sendKeys(name);
        Select region = new Select(browser.find("#region"));
        browser.await(d -> region.getOptions().stream().anyMatch(o -> o.getText().contains("sandbox")));
        region.selectByValue(base + "/sandbox/v1");
        browser.find("#token").sendKeys(token);
    }

    /** The Agent key the page shows, once it shows one. */
    private static String agentKeyShown() {
        return browser.await(d -> browser.find("#agent-key-once").isDisplayed()
                ? browser.find("#agent-key-value").getAttribute("value") : null);
    }

    private static List<String> buttons() {
        return browser.all("#actions button").stream().map(WebElement::getText).toList();
    }

    private static WebElement actionButton(String label) {
        return browser.all("#actions button").stream().filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " but " + buttons()));
    }

    private static void action(String label) {
        actionButton(label).click();
    }

    private static WebElement listEntry(String name) {
        return browser.await(d -> browser.all("#channel-list button").stream()
                .filter(b -> b.findElement(By.className("name")).getText().equals(name)).findFirst().orElse(null));
    }

    private static List<String> checkStates() {
        return browser.all("#checks li").stream().map(li -> li.getAttribute("class")).toList();
    }

    private static WebElement check(String id) {
        return browser.find("#checks li[data-check='" + id + "']");
    }

    private static WebElement deadLetter(long clientId) {
        return browser.all("#dead-letters li").stream().filter(li -> li.getText().contains("client " + clientId))
                .findFirst().orElseThrow();
    }

    private static String counter(String name) {
        String text = browser.find("#counters dd[data-counter='" + name + "']").getText();
        return text.split("\\s")[0];
    }

    private static void screenshots(String name) throws Exception {
        browser.fullPageScreenshot(name + "-1280");
        browser.width(390);
        try {
            browser.fullPageScreenshot(name + "-390");
            assertThat(browser.horizontalOverflow()).as("wider than a phone: %s", browser.overflowing()).isZero();
        } finally {
            browser.width(1280);
        }
    }

    // ---- the bundle over HTTP --------------------------------------------------------------------

    /** A client of the demo company writes while Chat2Desk refuses the bot's next reply: a dead letter. */
    private static long deadLetterFrom(String text) throws Exception {
        String id = channel("Demo channel").path("id").asText();
        int before = get("/api/v1/channels/" + id + "/dead-letters").size();
        send("POST", "/sandbox/control/faults", "{\"status\":400,\"count\":1,\"pathContains\":\"/messages\"}", null);
        long clientId = JSON.readTree(send("POST", "/sandbox/control/client-messages",
                "{\"text\":\"" + text + "\",\"transport\":\"telegram\"}", null)).path("clientId").asLong();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/channels/" + id + "/dead-letters").size() == before + 1);
        return clientId;
    }

    private static String newSandboxCompany() throws Exception {
        String token = "console-" + UUID.randomUUID();
        send("POST", "/sandbox/control/companies", "{\"token\":\"" + token + "\"}", null);
        return token;
    }

    private static JsonNode sandboxWebhooks(String token) throws Exception {
        return JSON.readTree(send("GET", "/sandbox/v1/webhooks", null, token)).path("data");
    }

    private static List<String> botTexts(long clientId) throws Exception {
        return JSON.readTree(send("GET", "/sandbox/control/clients/" + clientId + "/messages", null, null))
                .findParents("type").stream().filter(m -> m.path("type").asText().equals("to_client"))
                .map(m -> m.path("text").asText()).toList();
    }

    /** The status of the Agent writing first into the channel with this key. */
    private static int writeFirst(String channelId, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/" + channelId + "/messages"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"channelChatId\":\"1|chat2desk\",\"replies\":[{\"type\":\"text\",\"text\":\"hi\"}]}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode channels() throws Exception {
        return get("/api/v1/channels");
    }

    private static JsonNode channel(String name) throws Exception {
        for (JsonNode channel : channels()) {
            if (channel.path("name").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(send("GET", path, null, "Bearer " + KEY));
    }

    private static String send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode() / 100).as(method + " " + path + ": " + response.body()).isEqualTo(2);
        return response.body();
    }
}
