package io.intentflow.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Reads operator metrics through Flink's REST API, as the Web UI does: a job's vertices, then
 * {@code /jobs/<job>/vertices/<vertex>/metrics?get=<id>}, where an operator metric's id is
 * {@code <subtask>.<operator>.<metric>} (the operator's name with spaces and colons as
 * underscores, e.g. {@code 0.Score_intent_(DL4J).scores}). The demo shows the trainer's rolling
 * AUC this way. Flink fetches metrics from the TaskManagers in the background, so a metric may
 * be missing for the first seconds of a job: callers poll.
 */
public final class JobMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String jobUrl;

    public JobMetrics(int restPort, String jobId) {
        this.jobUrl = "http://127.0.0.1:" + restPort + "/jobs/" + jobId;
    }

    /** The metric {@code name} of the first subtask of the vertex whose name contains {@code vertex}. */
    public OptionalDouble get(String vertex, String name) {
        Double value = bySubtask(vertex, name).get(0);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * The metric {@code name} of each subtask of the vertex whose name contains {@code vertex}:
     * {@code name} is either a metric's full name after the subtask index
     * ({@code Score_intent_(DL4J).scores}) or its last part ({@code scores}). Not a number: NaN.
     * Empty when the vertex or the metric is not (yet) there.
     */
    public TreeMap<Integer, Double> bySubtask(String vertex, String name) {
        TreeMap<Integer, Double> values = new TreeMap<>();
        try {
            for (JsonNode v : fetch(jobUrl).path("vertices")) {
                if (v.path("name").asText().contains(vertex)) {
                    String vertexUrl = jobUrl + "/vertices/" + v.path("id").asText() + "/metrics";
                    List<String> ids = new ArrayList<>();
                    for (JsonNode metric : fetch(vertexUrl)) {
                        String id = metric.path("id").asText();
                        String afterSubtask = id.substring(id.indexOf('.') + 1);
                        if (afterSubtask.equals(name) || afterSubtask.endsWith("." + name)) {
                            ids.add(id);
                        }
                    }
                    if (!ids.isEmpty()) {
                        String get = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
                        for (JsonNode metric : fetch(vertexUrl + "?get=" + get)) {
                            String id = metric.path("id").asText();
                            values.put(Integer.parseInt(id.substring(0, id.indexOf('.'))), parse(metric.path("value").asText()));
                        }
                    }
                    return values;
                }
            }
        } catch (IOException e) {
            return values;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    /** The names of the job's vertices, as the Web UI shows them. */
    public List<String> vertexNames() {
        List<String> names = new ArrayList<>();
        try {
            fetch(jobUrl).path("vertices").forEach(v -> names.add(v.path("name").asText()));
        } catch (IOException e) {
            return names;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    private JsonNode fetch(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
