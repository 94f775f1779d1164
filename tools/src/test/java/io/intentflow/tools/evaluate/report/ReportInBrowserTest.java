package io.intentflow.tools.evaluate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    private static final List<String> METHODS = List.of("online", "frozen", "ftrl", "heuristic", "gbdt");

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
        String dom = Chromium.renderedReport(dir, page, METHODS);
        assertThat(Chromium.svg(dom, "by-events")).contains("class=\"interval\"");
        assertThat(countOf(Chromium.svg(dom, "over-time"), "class=\"version\"")).as("model versions 4 to 7 marked").isEqualTo(4);
    }

    @Test
    void theScreenshotShowsTheCharts() throws Exception {
        Path png = dir.resolve("report.png");
        Chromium.run(dir, "--window-size=1300,2400", "--hide-scrollbars", "--screenshot=" + png, page.toUri().toString());
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
        assertThat(Chromium.run(dir, "--dump-dom", broken.toUri().toString()).stderr()).containsPattern(Chromium.CONSOLE);
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
