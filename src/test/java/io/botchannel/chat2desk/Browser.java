package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: both named explicitly, so that
 * Selenium never looks for (or downloads) a browser or driver of its own. Where they are missing,
 * the page tests are skipped with a message, except under {@code CI=true}, where they fail.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's chromium and"
                    + " chromium-driver (apt-get install -y chromium chromium-driver) to run the page tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, but " + why);
            }
            assumeTrue(false, why);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Path.of("target", "chromium-profiles", UUID.randomUUID().toString()).toAbsolutePath();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
        return new Browser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits, generously, for what a user would wait for. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(40), Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    String text(String css) {
        return find(css).getText();
    }

    @SuppressWarnings("unchecked")
    <T> T script(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The page as a phone (390 px) or a laptop (1280 px) shows it. */
    void width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                width < 600 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** A PNG of what is on screen, under target/screenshots. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A PNG of the whole page, also what lies below the fold, under target/screenshots. */
    @SuppressWarnings("unchecked")
    Path fullPageScreenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    /** How many CSS pixels the page is wider than the screen (0 when nothing overflows). */
    long horizontalOverflow() {
        return script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                + " - document.documentElement.clientWidth;");
    }

    /** The elements that reach past the right edge of the screen, to say what overflows. */
    List<String> overflowing() {
        return script("""
                const width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getClientRects().length
                               && (e.getBoundingClientRect().right > width + 0.5 || e.scrollWidth > e.clientWidth + 1
                                   && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0))
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                            + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                  .slice(0, 10);""");
    }

    /** Every visible form field that no label names. */
    List<String> unlabelledFields() {
        return script("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(f => f.type !== 'hidden' && f.getClientRects().length > 0)
                  .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label')
                               && !f.getAttribute('aria-labelledby'))
                  .map(f => f.outerHTML.slice(0, 120));""");
    }

    /**
     * Visible texts whose contrast with what lies behind them is below WCAG AA: 4.5:1, or 3:1 for
     * large text. Opacity and translucent backgrounds are blended in; disabled controls are exempt.
     */
    List<String> lowContrast() {
        return script("""
                const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0,0,0,0];
                  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
                const blend = (top, under) => [0,1,2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
                const lum = c => { const v = c.slice(0,3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
                const background = el => { const layers = []; let base = [255,255,255,1];
                  for (let n = el; n && n.nodeType === 1; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor);
                    if (c[3] >= 1) { base = c; break; } if (c[3] > 0) layers.push(c); }
                  return layers.reverse().reduce((under, top) => blend(top, under), base); };
                const opacity = el => { let o = 1; for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity); return o; };
                const bad = [];
                for (const el of document.querySelectorAll('body *')) {
                  if (el.closest('[disabled]') || el.getClientRects().length === 0) continue;
                  const style = getComputedStyle(el);
                  if (style.visibility !== 'visible') continue;
                  const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
                  if (!own) continue;
                  const rect = el.getBoundingClientRect(); if (rect.width <= 1 || rect.height <= 1) continue;
                  const bg = background(el); const fg = parse(style.color); fg[3] *= opacity(el);
                  const shown = blend(fg, bg);
                  const l1 = lum(shown), l2 = lum(bg); const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
                  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < needed) bad.push(own.slice(0, 40) + ' (' + ratio.toFixed(2) + ':1, ' + style.color + ' on rgb(' + bg.slice(0,3).map(Math.round) + '))');
                }
                return bad;""");
    }

    /** The outline of the element that has the keyboard focus, e.g. "solid 3px". */
    String focusOutline() {
        return script("const s = getComputedStyle(document.activeElement);"
                + " return s.outlineStyle + ' ' + s.outlineWidth;");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
