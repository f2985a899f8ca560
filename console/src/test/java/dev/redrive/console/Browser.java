package dev.redrive.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver, for the console's browser tests. Tests that
 * need it skip, saying so, where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * absent (install: {@code apt-get install -y chromium chromium-driver}); other paths with {@code
 * CHROMIUM} and {@code CHROMEDRIVER}.
 */
final class Browser implements AutoCloseable {
  /** Where the tests leave their screenshots (the docs use copies of them). */
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** A browser, or the test is skipped with the reason. */
  static Browser startOrSkip() {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    Assumptions.assumeTrue(
        new File(chromium).canExecute() && new File(chromedriver).canExecute(),
        "browser tests skipped: expected Chromium at "
            + chromium
            + " and chromedriver at "
            + chromedriver
            + " (apt-get install -y chromium chromium-driver), found none");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1250");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  /** Saves a screenshot of the page as {@code name}.png under {@link #SCREENSHOTS}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
