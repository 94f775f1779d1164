package io.intentflow.tools.evaluate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's headless {@code chromium} (which .ci/run installs), run on a page, bounded in time. */
public final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;
    /** What the browser logs for any console message or uncaught error (with --enable-logging=stderr). */
    public static final Pattern CONSOLE = Pattern.compile(":CONSOLE|Uncaught");

    /** What the browser wrote. */
    public record Run(String stdout, String stderr) {}

    private Chromium() {}

    /** Runs the browser with {@code arguments}; its profile and output files go under {@code dir}. */
    public static Run run(Path dir, String... arguments) throws Exception {
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

    /**
     * The DOM of a report page as the browser rendered it, checked: no script error or console
     * message, the results table with a row per method, and every chart with each method's series
     * and legend.
     */
    public static String renderedReport(Path dir, Path page, List<String> methods) throws Exception {
        Run run = run(dir, "--dump-dom", page.toUri().toString());
        assertThat(run.stderr()).as("no script errors or console messages").doesNotContainPattern(CONSOLE);
        String dom = run.stdout();
        assertThat(dom).contains("<table class=\"results\">");
        for (String method : methods) {
            assertThat(dom).contains("<tr data-method=\"" + method + "\">");
        }
        for (String chart : List.of("roc", "pr", "reliability", "by-events", "over-time")) {
            String svg = svg(dom, chart);
            for (String method : methods) {
                assertThat(svg).as("%s of %s", chart, method).contains("class=\"series\" data-method=\"" + method + "\"");
                assertThat(svg).as("legend of %s in %s", method, chart).contains("class=\"legend\" data-method=\"" + method + "\"");
            }
        }
        return dom;
    }

    /** The rendered {@code <svg id="ID">} element of a dumped DOM. */
    public static String svg(String dom, String id) {
        Matcher m = Pattern.compile("<svg id=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("chart %s in the rendered page", id).isTrue();
        return m.group();
    }

    private static String browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return fail("this test opens the report in Debian's chromium: apt-get install -y chromium (.ci/run does)");
    }
}
