package io.intentflow.tools.evaluate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in a real headless browser (Debian's {@code chromium}, which .ci/run
 * installs): it renders, every chart is in the rendered page with a mark for every method, the
 * screenshot shows them, and the browser logs no script error or console message.
 */
class ReportInBrowserTest {

    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> METHODS = List.of("online", "frozen", "ftrl", "heuristic", "gbdt");
    /** What the browser logs for any console message or uncaught error (with --enable-logging=stderr). */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE|Uncaught");

    @TempDir
    static Path dir;

    private static Path page;

    @BeforeAll
    static void writeTheReport() throws IOException {
        SimulatedEvaluation.report(600, 11).write(dir);
        page = dir.resolve("report.html");
    }

    @Test
    void everyChartRendersWithEveryMethod() throws Exception {
        Run run = chromium("--dump-dom", page.toUri().toString());
        assertThat(run.stderr()).as("no script errors or console messages").doesNotContainPattern(CONSOLE);
        String dom = run.stdout();
        assertThat(dom).contains("<table class=\"results\">");
        for (String method : METHODS) {
            assertThat(dom).contains("<tr data-method=\"" + method + "\">");
        }
        for (String chart : List.of("roc", "pr", "reliability", "by-events", "over-time")) {
            String svg = element(dom, chart);
            for (String method : METHODS) {
                assertThat(svg).as("%s of %s", chart, method).contains("class=\"series\" data-method=\"" + method + "\"");
                assertThat(svg).as("legend of %s in %s", method, chart).contains("class=\"legend\" data-method=\"" + method + "\"");
            }
        }
        assertThat(element(dom, "by-events")).contains("class=\"interval\"");
        assertThat(countOf(element(dom, "over-time"), "class=\"version\"")).as("model versions 4 to 7 marked").isEqualTo(4);
    }

    @Test
    void theScreenshotShowsTheCharts() throws Exception {
        Path png = dir.resolve("report.png");
        chromium("--window-size=1300,2400", "--hide-scrollbars", "--screenshot=" + png, page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1300);
        int inked = 0;
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colors.add(rgb);
                inked += rgb == 0xffffff ? 0 : 1;
            }
        }
        int sampled = (image.getHeight() / 2) * (image.getWidth() / 2);
        assertThat((double) inked / sampled).as("share of the page drawn on").isGreaterThan(0.05);
        assertThat(colors.size()).as("distinct colours: text, grid, one per method").isGreaterThan(50);
    }

    @Test
    void aScriptErrorWouldBeCaught() throws Exception {
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><script>throw new Error('boom');</script></body></html>");
        assertThat(chromium("--dump-dom", broken.toUri().toString()).stderr()).containsPattern(CONSOLE);
    }

    private record Run(String stdout, String stderr) {}

    private static Run chromium(String... arguments) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(
                browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within %d s: %s", TIMEOUT_SECONDS, Files.readString(err));
        }
        assertThat(process.exitValue()).as("chromium's exit status; its log: %s", Files.readString(err)).isZero();
        return new Run(Files.readString(out), Files.readString(err));
    }

    private static String browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return fail("this test opens the report in Debian's chromium: apt-get install -y chromium (.ci/run does)");
    }

    private static String element(String dom, String id) {
        Matcher m = Pattern.compile("<svg id=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("chart %s in the rendered page", id).isTrue();
        return m.group();
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
