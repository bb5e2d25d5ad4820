package dev.webhooks.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * A headless Chromium of the system's packages ({@code chromium}, {@code chromium-driver}), driven through the
 * system chromedriver with a fresh profile; never a driver that Selenium Manager downloads. Without the two
 * binaries the browser tests are skipped with the reason, or fail under {@code CI=true}.
 */
final class Browser implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(30);

	private static final String CHROMIUM = System.getProperty("webhooks.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("webhooks.test.chromedriver",
			"/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Skip (or, under CI=true, fail) when the system browser or its driver is missing. */
	static void assumeAvailable() {
		boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
		if (!present) {
			String problem = "no system Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
					+ " must exist (apt-get install chromium chromium-driver)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true and the browser tests must run, but there is " + problem);
			}
			Assumptions.abort("Browser tests skipped: " + problem);
		}
	}

	/** Start a browser with a window of the given size. */
	static Browser start(int width, int height) {
		assumeAvailable();
		try {
			Path profile = Files.createTempDirectory("webhooks-dashboard-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-quic", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
					"--window-size=" + width + "," + height);
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().window().setSize(new Dimension(width, height));
			return new Browser(driver, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	WebElement find(String css) {
		return waitFor((driver) -> {
			List<WebElement> found = driver.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	<T> T waitFor(Function<WebDriver, T> condition) {
		try {
			// live updates replace elements while they are read: read again
			return new WebDriverWait(this.driver, WAIT).pollingEvery(Duration.ofMillis(200))
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(condition::apply);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			// what the page showed and logged, so a failure on a CI machine can be read from the report alone
			throw new AssertionError("Waited " + WAIT.toSeconds() + " s in vain at " + this.driver.getCurrentUrl()
					+ "; the page shows:\n" + bodyText() + "\nand logged: " + problems(), ex);
		}
	}

	/** Wait until an element holds a text. */
	WebElement waitForText(String css, String text) {
		return waitFor((driver) -> driver.findElements(By.cssSelector(css))
			.stream()
			.filter((element) -> element.getText().contains(text))
			.findFirst()
			.orElse(null));
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	String bodyText() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	/** What the page logged as warnings and errors since the last call: CSP violations, script errors. */
	List<String> problems() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
			// asked for by the JSON document a test signs in on, never by the dashboard (its icon is a data: URL)
			.filter((entry) -> !entry.getMessage().contains("/favicon.ico"))
			.map(LogEntry::toString)
			.toList();
	}

	/** Write a screenshot when {@code -Dwebhooks.screenshots=<dir>} is set, for the README. */
	void screenshot(String name) {
		String directory = System.getProperty("webhooks.screenshots");
		if (directory == null || directory.isBlank()) {
			return;
		}
		try {
			Path target = Path.of(directory).resolve("dashboard-" + name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Long> viewport() {
		@SuppressWarnings("unchecked")
		Map<String, Long> size = (Map<String, Long>) script(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth};");
		return size;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
