package io.intentflow.job.demo;

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
import java.util.OptionalDouble;

/**
 * Reads one operator's metrics through Flink's REST API, as a user would in the Web UI: the
 * demo shows the trainer's rolling AUC and published versions this way.
 */
final class JobMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String jobUrl;

    JobMetrics(int restPort, String jobId) {
        this.jobUrl = "http://127.0.0.1:" + restPort + "/jobs/" + jobId;
    }

    /** The metric {@code name} of the first subtask of the vertex whose name contains {@code vertex}. */
    OptionalDouble get(String vertex, String name) {
        try {
            for (JsonNode v : fetch(jobUrl).path("vertices")) {
                if (v.path("name").asText().contains(vertex)) {
                    String vertexUrl = jobUrl + "/vertices/" + v.path("id").asText() + "/metrics";
                    for (JsonNode metric : fetch(vertexUrl)) {
                        String id = metric.path("id").asText();
                        if (id.startsWith("0.") && id.endsWith("." + name)) {
                            JsonNode value = fetch(vertexUrl + "?get=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).path(0).path("value");
                            return parse(value.asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalDouble.empty();
    }

    private JsonNode fetch(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static OptionalDouble parse(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
