package io.intentflow.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The few calls of Flink's REST API (the one the Web UI uses) that deploy and operate the job:
 * upload and run a jar, list jobs and task managers, savepoints, stop and cancel.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 500;

    /** A vertex of a job (operators chained into one task) as {@code /jobs/<id>} lists it. */
    public record Vertex(String id, String name, int parallelism) {}

    /**
     * A registered TaskManager as {@code /taskmanagers} lists it: its resource id, its RPC address
     * ({@code path}), data port, and slots (0 until a new one has reported them).
     */
    public record TaskManager(String id, String path, int dataPort, int slots, int freeSlots) {}

    /** A job as {@code /jobs/overview} lists it. */
    public record JobSummary(String id, String name, String state) {
        boolean isRunning() {
            return !List.of("FINISHED", "CANCELED", "FAILED").contains(state);
        }
    }

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** Whether a Flink REST endpoint answers here. */
    public boolean answers() {
        try {
            get("/overview");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code /overview}: Flink version, task managers, slots, jobs by state. */
    public JsonNode overview() throws IOException {
        return get("/overview");
    }

    /** The registered TaskManagers, in the order the cluster lists them. */
    public List<TaskManager> taskManagers() throws IOException {
        List<TaskManager> taskManagers = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> taskManagers.add(new TaskManager(
                tm.path("id").asText(), tm.path("path").asText(), tm.path("dataPort").asInt(),
                tm.path("slotsNumber").asInt(), tm.path("freeSlots").asInt())));
        return taskManagers;
    }

    /** The cluster's {@code parallelism.default} ({@code /jobmanager/config}), if it sets one. */
    public Optional<Integer> defaultParallelism() throws IOException {
        for (JsonNode entry : get("/jobmanager/config")) {
            if (entry.path("key").asText().equals("parallelism.default")) {
                try {
                    return Optional.of(Integer.parseInt(entry.path("value").asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IOException("the cluster's parallelism.default is not a number: " + entry.path("value").asText(), e);
                }
            }
        }
        return Optional.empty();
    }

    /** Uploads a job jar; returns its id on the cluster. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "intentflow-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = request("/jars/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        String filename = send(request).path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar's main class; returns the job id. */
    public String runJar(String jarId, List<String> args, Optional<Integer> parallelism, Optional<String> savepoint)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programArgsList", args);
        parallelism.ifPresent(p -> body.put("parallelism", p));
        savepoint.ifPresent(path -> body.put("savepointPath", path));
        return post("/jars/" + jarId + "/run", body).path("jobid").asText();
    }

    public void deleteJar(String jarId) throws IOException {
        send(request("/jars/" + jarId).DELETE().build());
    }

    public List<JobSummary> jobs() throws IOException {
        List<JobSummary> jobs = new ArrayList<>();
        get("/jobs/overview").path("jobs").forEach(job -> jobs.add(
                new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText())));
        return jobs;
    }

    /** {@code /jobs/<id>}: state, and the vertices (operators chained into tasks) with theirs. */
    public JsonNode job(String jobId) throws IOException {
        return get("/jobs/" + jobId);
    }

    /** {@code /jobs/<id>/checkpoints}: counts, the latest completed, and what the job restored from. */
    public JsonNode checkpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The job's vertices in the order the cluster lists them, each with the parallelism it runs at. */
    public List<Vertex> vertices(String jobId) throws IOException {
        List<Vertex> vertices = new ArrayList<>();
        job(jobId).path("vertices").forEach(v -> vertices.add(
                new Vertex(v.path("id").asText(), v.path("name").asText(), v.path("parallelism").asInt())));
        return vertices;
    }

    /**
     * Where a vertex's subtasks run: each TaskManager's resource id with the number of the
     * vertex's subtasks it holds, by id ({@code /jobs/<id>/vertices/<vertex>/taskmanagers}).
     */
    public Map<String, Integer> subtasksPerTaskManager(String jobId, String vertexId) throws IOException {
        Map<String, Integer> placement = new TreeMap<>();
        for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers").path("taskmanagers")) {
            int subtasks = 0;
            for (JsonNode count : tm.path("status-counts")) {
                subtasks += count.asInt();
            }
            placement.merge(tm.path("taskmanager-id").asText(), subtasks, Integer::sum);
        }
        return placement;
    }

    public String jobState(String jobId) throws IOException {
        return job(jobId).path("state").asText();
    }

    /** Whether the job runs with every task of it running (not merely scheduled or initializing). */
    public boolean allTasksRunning(String jobId) throws IOException {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every task of the job runs, so that each has its TaskManager; fails if the job
     * ends or {@code timeout} passes first.
     */
    public void awaitAllTasksRunning(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allTasksRunning(jobId)) {
            String state = jobState(jobId);
            if (List.of("FINISHED", "CANCELED", "FAILED").contains(state) || System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " is " + state + ", not all of its tasks running after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Triggers a savepoint into {@code dir} (else the cluster's savepoint folder); returns the trigger id. */
    public String triggerSavepoint(String jobId, Optional<String> dir) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        dir.ifPresent(d -> body.put("target-directory", d));
        body.put("cancel-job", false);
        return post("/jobs/" + jobId + "/savepoints", body).path("request-id").asText();
    }

    /** Stop-with-savepoint: sources stop, a last savepoint is taken, the job finishes. */
    public String stopWithSavepoint(String jobId, Optional<String> dir) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        dir.ifPresent(d -> body.put("targetDirectory", d));
        body.put("drain", false);
        return post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
    }

    /** Waits for a savepoint trigger (of either kind) to complete; returns the savepoint's location. */
    public String awaitSavepoint(String jobId, String triggerId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + triggerId);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.hasNonNull("location")) {
                    return operation.path("location").asText();
                }
                throw new IOException("the savepoint failed: " + rootCause(operation.path("failure-cause")));
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("the savepoint did not complete within " + timeout.toSeconds() + " s");
    }

    public void cancel(String jobId) throws IOException {
        send(request("/jobs/" + jobId + "?mode=cancel").method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Waits until the job reaches one of {@code states}; returns the state it reached. */
    public String awaitState(String jobId, Duration timeout, String... states) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = jobState(jobId);
        while (!List.of(states).contains(state)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " is " + state + ", not " + String.join(" or ", states)
                        + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
            state = jobState(jobId);
        }
        return state;
    }

    private JsonNode get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    private JsonNode post(String path, Object body) throws IOException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT);
    }

    private JsonNode send(HttpRequest request) throws IOException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IOException("no Flink cluster answers on " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
        JsonNode body = response.body().length == 0 ? JSON.createObjectNode() : parse(response.body());
        if (response.statusCode() >= 300) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + rootCause(body.path("errors")));
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("text", new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * Flink's errors carry whole server-side stack traces; the useful part is usually the last
     * "Caused by" line.
     */
    private static String rootCause(JsonNode errors) {
        String text = errors.toString();
        if (errors.isArray()) {
            List<String> parts = new ArrayList<>();
            errors.forEach(e -> parts.add(e.isTextual() ? e.asText() : e.toString()));
            text = String.join("\n", parts);
        } else if (errors.has("stack-trace")) {
            text = errors.path("stack-trace").asText();
        }
        String cause = text.lines().findFirst().orElse(text);
        for (String line : text.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }
}
