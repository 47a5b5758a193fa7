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
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox page in a real browser against the packaged jar: a newcomer chats with the demo
 * Agent on WhatsApp, Telegram and Viber and sees each messenger's way of showing the bot's answers.
 */
class SandboxBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path workDir;
    private static int port;
    private static BundleProcess bundle;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        port = RunningBundle.freePort();
        workDir = Files.createDirectories(Path.of("target", "sandbox-it", UUID.randomUUID().toString()).toAbsolutePath());
        bundle = startBundle();
        base = "http://localhost:" + port;
    }

    private static BundleProcess startBundle() throws Exception {
        BundleProcess started = new BundleProcess(workDir, port, "-Dapi.key=sandbox-it-key-of-32-characters-at-least",
                "-Dsandbox.retry-scale=0.001").start();
        // ready once the demo channel's webhook is registered in this run's sandbox
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                get("/sandbox/v1/webhooks", "sandbox-demo-token").path("data").size() == 1);
        return started;
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
    void aClientChatsOnWhatsAppTelegramAndViberAndSeesWhatThatMessengerShows() throws Exception {
        openAsNewcomer();
        assertThat(browser.find("#no-deliveries").getText()).isEqualTo("None yet.");
        assertThat(browser.all("#deliveries li")).isEmpty();
        assertThat(browser.unlabelledFields()).isEmpty();

        // WhatsApp: *bold* and _italics_ rendered, buttons as a numbered list, links clickable
        new Select(browser.find("#transport")).selectByValue("whatsapp");
        write("menu");
        WebElement menu = botMessage("demo Agent");
        assertThat(menu.findElement(By.tagName("em")).getText()).isEqualTo("demo Agent");
        assertThat(menu.findElement(By.tagName("strong")).getText()).isEqualTo("show");
        assertThat(menu.getText()).doesNotContain("_demo").doesNotContain("*show*").contains("1. Send a file");
        assertThat(menu.findElement(By.cssSelector("a[href='https://camel.apache.org']")).getAttribute("target"))
                .isEqualTo("_blank");
        long whatsAppClient = currentClient();

        write("1");
        WebElement pdf = browser.await(d -> browser.all(".to_client .file a").stream()
                .filter(a -> a.getText().equals("guide.pdf")).findFirst().orElse(null));
        assertThat(pdf.getAttribute("href")).endsWith("/demo-agent/files/guide.pdf");
        assertThat(browser.find(".to_client img").getAttribute("alt")).isEqualTo("picture.png");
        assertThat(botMessage("sent as a file").findElement(By.tagName("em")).getText()).isEqualTo("guide");
        // the deliveries are this client's: its two messages, nobody else's
        browser.await(d -> browser.all("#deliveries li").size() == deliveries(whatsAppClient).size()
                && browser.all("#deliveries li").size() >= 2);
        assertThat(browser.<Boolean>script("const a = document.querySelector('aside.log');"
                + " return a.scrollWidth <= a.clientWidth;")).as("the deliveries fit their panel").isTrue();
        phoneAndLaptop("sandbox-whatsapp");

        // Telegram: plain text, inline buttons under the message; a button answers for the client
        browser.find("#newClient").click();
        new Select(browser.find("#transport")).selectByValue("telegram");
        write("menu");
        WebElement telegramMenu = botMessage("demo Agent");
        assertThat(telegramMenu.findElements(By.tagName("em"))).isEmpty();
        assertThat(telegramMenu.getText()).doesNotContain("*demo Agent*").doesNotContain("1. Send a file");
        List<String> buttons = telegramMenu.findElements(By.cssSelector(".inline-buttons button")).stream()
                .map(WebElement::getText).toList();
        assertThat(buttons).containsExactly("Send a file", "Send a link", "Talk to a human", "Camel \u2197");
        long telegramClient = currentClient();
        assertThat(telegramClient).isNotEqualTo(whatsAppClient);
        telegramMenu.findElement(By.xpath(".//button[text()='Send a link']")).click();
        // Telegram hides links: the link comes as the file itself
        browser.await(d -> browser.all(".to_client .file a").stream().anyMatch(a -> a.getText().equals("guide.pdf")));
        phoneAndLaptop("sandbox-telegram");

        // Viber: a reply keyboard under the input rather than buttons in the message
        browser.find("#newClient").click();
        new Select(browser.find("#transport")).selectByValue("viber");
        write("menu");
        botMessage("demo Agent");
        long viberClient = currentClient();
        browser.await(d -> browser.find("#keyboard").isDisplayed());
        assertThat(browser.all("#keyboard button")).hasSize(4);
        assertThat(browser.all(".inline-buttons")).isEmpty();
        browser.all("#keyboard button").get(2).click();
        botMessage("handing you over");

        // Every conversation stays in the list, and each can be opened again
        for (long client : List.of(whatsAppClient, telegramClient, viberClient)) {
            browser.await(d -> !browser.all("#conversations button[data-client='" + client + "']").isEmpty());
        }
        browser.find("#conversations button[data-client='" + whatsAppClient + "']").click();
        browser.await(d -> currentClient() == whatsAppClient);
        assertThat(botMessage("demo Agent").findElement(By.tagName("em")).getText()).isEqualTo("demo Agent");
        assertThat(new Select(browser.find("#transport")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("whatsapp");
        assertThat(browser.lowContrast()).isEmpty();
    }

    @Test
    void afterARestartThePageReconnectsByItself() throws Exception {
        openAsNewcomer();
        write("before the restart");
        botMessage("You wrote: before the restart");

        bundle.close();
        browser.await(d -> browser.text("#status").contains("Reconnecting"));
        bundle = startBundle();

        browser.await(d -> browser.text("#status").isEmpty());
        browser.await(d -> browser.text("#who").contains("the sandbox was restarted"));
        assertThat(browser.text("#error")).isEmpty();
        write("after the restart");
        botMessage("You wrote: after the restart");
    }

    // ---- the page ------------------------------------------------------------------------------

    /** The page as a newcomer opens it: no conversation remembered from before. */
    private static void openAsNewcomer() {
        browser.open(base + "/sandbox/");
        browser.script("localStorage.clear()");
        browser.open(base + "/sandbox/");
    }

    private static void write(String text) {
        WebElement input = browser.find("#text");
        input.sendKeys(text, Keys.ENTER);
    }

    private static WebElement botMessage(String containing) {
        return browser.await(d -> browser.all(".msg.to_client").stream()
                .filter(m -> m.getText().contains(containing)).reduce((first, last) -> last).orElse(null));
    }

    private static long currentClient() {
        String who = browser.await(d -> {
            String text = browser.text("#who");
            return text.startsWith("Client ") ? text : null;
        });
        return Long.parseLong(who.substring("Client ".length()).split(" ")[0]);
    }

    private static void phoneAndLaptop(String name) throws Exception {
        browser.screenshot(name + "-1280");
        browser.width(390);
        try {
            browser.screenshot(name + "-390");
            assertThat(browser.horizontalOverflow()).as("wider than a phone: %s", browser.overflowing()).isZero();
            for (WebElement own : browser.all(".msg.from_client")) {
                assertThat(own.getRect().getX() + own.getRect().getWidth()).as("the client's own message is on screen")
                        .isLessThanOrEqualTo(390);
            }
            browser.fullPageScreenshot(name + "-390-full");
        } finally {
            browser.width(1280);
        }
    }

    // ---- the bundle over HTTP --------------------------------------------------------------------

    private static JsonNode deliveries(long clientId) {
        try {
            return get("/sandbox/control/deliveries?clientId=" + clientId, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
