package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.learn.ModelRegistry;
import io.intentflow.privacy.UserIdPseudonymizer;
import io.intentflow.savepoints.InspectCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with a user-id key, on a real broker, learning and stopped with a savepoint: the raw
 * user ids that went in appear in no score, session update, savepoint, model file or log line of
 * the run, and the pseudonyms a shop computes on its side with the same key are the ones there.
 * The one exception is by design: a dead letter keeps its record as it came.
 */
class PseudonymousUsersTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final String KEY = "e2e-user-id-key-0f-f0rty-ch4racters-0123";
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int USERS = 12;
    private static final int BUYERS = 7;

    @TempDir Path dir;

    @Test
    void withAKeyNoRawUserIdReachesScoresSessionUpdatesSavepointsModelFilesOrLogs() throws Exception {
        List<String> raw = IntStream.range(0, USERS).mapToObj(u -> "raw-customer-" + u + "@shop.example").toList();
        Map<String, String> pseudonymOf = raw.stream().collect(Collectors.toMap(id -> id, PseudonymousUsersTest::shopSidePseudonym));
        Set<String> pseudonyms = new TreeSet<>(pseudonymOf.values());
        Path registry = dir.resolve("registry");
        String prefix = "privacy";
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.starting-offsets", "earliest",
                "model.path", TestJob.randomModel(dir.resolve("model-v1.zip"), 1).toString(),
                "model.registry.dir", registry.toString(),
                // One round at the 20th labelled example, whose candidate always passes: a model file is written.
                "train.every", "20",
                "train.interval", "1 h",
                "train.gate.loss-margin", "1000"));
        config.put("privacy.user-id-key-file", Files.writeString(dir.resolve("user-id.key"), KEY + "\n").toString());

        try (LogCapture logs = LogCapture.attach()) {
            JobClient job = TestJob.start(TestJob.config(KAFKA.bootstrapServers(), prefix, config), dir.resolve("checkpoints"));
            try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-clicks");
                    TestProducer orderTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-purchases");
                    TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), prefix + "-scores");
                    TopicReader updates = new TopicReader(KAFKA.bootstrapServers(), prefix + "-session-updates");
                    TopicReader deadLetters = new TopicReader(KAFKA.bootstrapServers(), prefix + "-dead-letters")) {
                // Keyed by the raw id, as a shop would; event and order ids hold no user id.
                for (int event = 0; event < 3; event++) {
                    for (int u = 0; u < USERS; u++) {
                        clickTopic.send(u % 2, raw.get(u), click("ev" + event + "-" + u, raw.get(u), event == 2 ? "add_to_cart" : "view", T0 + event * 20_000L + u));
                    }
                }
                for (int u = 0; u < BUYERS; u++) {
                    orderTopic.send(u % 2, raw.get(u), String.format(
                            "{\"orderId\":\"ord-%d\",\"userId\":\"%s\",\"ts\":%d,\"amount\":19.0,\"items\":[\"i-1\"]}", u, raw.get(u), T0 + 300_000L));
                }
                clickTopic.send(0, raw.get(0), click("bad-0", raw.get(0), "teleport", T0 + 1));

                int clicks = 3 * USERS;
                List<ConsumerRecord<byte[], byte[]>> scored = scores.readUntil(r -> r.size() >= clicks, WAIT);
                List<ConsumerRecord<byte[], byte[]>> updated = updates.readUntil(r -> r.size() >= clicks, WAIT);
                Path modelFile = awaitFile(ModelRegistry.file(registry, 2));
                // Far behind the watermark by now: its session is long gone, so it is dead-lettered late.
                clickTopic.send(1, raw.get(1), click("late-1", raw.get(1), "view", T0 - Duration.ofDays(1).toMillis()));
                List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.readUntil(r -> r.size() >= 2, WAIT);
                String webUiConfig = TestJob.webUiConfiguration(FLINK, job);
                String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                Set<String> savepointUsers = new TreeSet<>(InspectCli.run(new String[] {savepoint, "--users"}).lines().toList());
                System.out.printf(
                        "PseudonymousUsersTest: %d scores, %d session updates, %d dead letters, model file %s, %d users in the savepoint, %d log lines%n",
                        scored.size(), updated.size(), letters.size(), modelFile.getFileName(), savepointUsers.size(), logs.lines().size());

                // Where a key put into the job's parameters or the cluster's configuration would show.
                assertThat(webUiConfig).as("the configuration pages of the Web UI").contains("user-config").doesNotContain(KEY);
                assertThat(scored).as("one score per click").hasSize(clicks);
                assertThat(TopicReader.json(scored)).extracting(s -> s.get("userId").asText()).containsOnlyElementsOf(pseudonyms);
                assertThat(rawIdsIn(scored, raw)).as("raw ids in the scores").isEmpty();
                assertThat(TopicReader.json(updated)).extracting(s -> s.get("userId").asText()).containsOnlyElementsOf(pseudonyms);
                assertThat(rawIdsIn(updated, raw)).as("raw ids in the session updates").isEmpty();

                assertThat(savepointUsers).as("the users the savepoint holds state for").isEqualTo(pseudonyms);
                assertThat(rawIdsIn(dir.resolve("savepoints"), raw)).as("raw ids in the savepoint's files").isEmpty();
                assertThat(rawIdsIn(dir.resolve("savepoints"), List.copyOf(pseudonyms)))
                        .as("the same search finds the pseudonyms the state is keyed by")
                        .isNotEmpty();
                assertThat(rawIdsIn(registry, raw)).as("raw ids in the model registry").isEmpty();

                Map<String, JsonNode> byReason = new HashMap<>();
                TopicReader.json(letters).forEach(letter -> byReason.put(letter.get("reason").asText(), letter));
                JsonNode unknownType = byReason.get("unknown_type");
                assertThat(unknownType.get("userId").asText()).isEqualTo(pseudonymOf.get(raw.get(0)));
                assertThat(unknownType.get("payload").asText()).as("the record as it came, raw id and all").contains(raw.get(0));
                JsonNode late = byReason.get("late");
                assertThat(late.get("userId").asText()).isEqualTo(pseudonymOf.get(raw.get(1)));
                assertThat(late.get("key").asText()).isEqualTo(pseudonymOf.get(raw.get(1)));
                assertThat(late.get("payload").asText()).contains("late-1").doesNotContain(raw.get(1));
                assertThat(letters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .as("dead letters keyed by pseudonym")
                        .containsExactlyInAnyOrder(pseudonymOf.get(raw.get(0)), pseudonymOf.get(raw.get(1)));
            } finally {
                TestJob.stop(job);
            }
            List<String> lines = logs.lines();
            assertThat(lines)
                    .as("the parsers said at start which key they use")
                    .anyMatch(line -> line.contains("user ids are pseudonymised")
                            && line.contains(UserIdPseudonymizer.keyed(KEY.getBytes(StandardCharsets.UTF_8)).keyFingerprint()));
            assertThat(lines).as("log lines with a raw id or the key").filteredOn(line -> line.contains(KEY) || raw.stream().anyMatch(line::contains)).isEmpty();
        }
    }

    /**
     * A key rotation that carries the savepoint over (docs/privacy.md, "Key rotation", A): the job
     * restores under the new key, keeps its model, and a user's next click is a new key, so it
     * opens a fresh session; the old pseudonyms' state stays in the savepoint until it ends.
     */
    @Test
    void aSavepointRestoredUnderANewKeyKeepsItsModelAndKeysTheNextClicksByTheNewPseudonyms() throws Exception {
        List<String> raw = IntStream.range(0, 4).mapToObj(u -> "raw-rotating-" + u + "@shop.example").toList();
        String newKey = "e2e-the-next-user-id-key-f0rty-chars-456";
        String prefix = "rotation";
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.starting-offsets", "earliest",
                "model.path", TestJob.randomModel(dir.resolve("model-v1.zip"), 1).toString()));
        config.put("privacy.user-id-key-file", Files.writeString(dir.resolve("old.key"), KEY).toString());
        String firstSavepoint;
        JobClient first = TestJob.start(TestJob.config(KAFKA.bootstrapServers(), prefix, config), dir.resolve("checkpoints"));
        try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-clicks");
                TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), prefix + "-scores")) {
            for (int event = 0; event < 2; event++) {
                for (int u = 0; u < raw.size(); u++) {
                    clickTopic.send(u % 2, raw.get(u), click("r" + event + "-" + u, raw.get(u), "view", T0 + event * 20_000L + u));
                }
            }
            assertThat(scores.readUntil(r -> r.size() >= 2 * raw.size(), WAIT)).hasSize(2 * raw.size());
            firstSavepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            TestJob.stop(first);
        }

        config.put("privacy.user-id-key-file", Files.writeString(dir.resolve("new.key"), newKey).toString());
        config.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), firstSavepoint);
        JobClient second = TestJob.start(TestJob.config(KAFKA.bootstrapServers(), prefix, config), dir.resolve("checkpoints-2"));
        try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-clicks");
                TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), prefix + "-scores")) {
            // Within the old sessions' gap: under an unchanged key these would be their third events.
            for (int u = 0; u < raw.size(); u++) {
                clickTopic.send(u % 2, raw.get(u), click("r2-" + u, raw.get(u), "view", T0 + 40_000L + u));
            }
            List<JsonNode> scored = TopicReader.json(scores.readUntil(r -> r.size() >= 3 * raw.size(), WAIT));
            String secondSavepoint = second.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Set<String> users = new TreeSet<>(InspectCli.run(new String[] {secondSavepoint, "--users"}).lines().toList());
            List<JsonNode> afterRotation = scored.subList(2 * raw.size(), scored.size());
            System.out.printf("PseudonymousUsersTest: after the rotation %d scores, events %s, versions %s; %d users in the savepoint%n",
                    afterRotation.size(), afterRotation.stream().map(s -> s.get("events").asInt()).toList(),
                    afterRotation.stream().map(s -> s.get("modelVersion").asLong()).distinct().toList(), users.size());

            Set<String> oldPseudonyms = raw.stream().map(id -> pseudonym(KEY, id)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> newPseudonyms = raw.stream().map(id -> pseudonym(newKey, id)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(afterRotation).hasSize(raw.size());
            assertThat(afterRotation).extracting(s -> s.get("userId").asText()).containsExactlyInAnyOrderElementsOf(newPseudonyms);
            assertThat(afterRotation).as("a fresh session each").allSatisfy(s -> assertThat(s.get("events").asInt()).isEqualTo(1));
            assertThat(afterRotation).as("the restored model").allSatisfy(s -> assertThat(s.get("modelVersion").asLong()).isEqualTo(1));
            Set<String> both = new TreeSet<>(oldPseudonyms);
            both.addAll(newPseudonyms);
            assertThat(users).as("old sessions stay until their gap ends them, beside the new ones").isEqualTo(both);
        } finally {
            TestJob.stop(second);
        }
    }

    /** What docs/privacy.md tells a shop to compute for its own ids, to join the scores. */
    private static String shopSidePseudonym(String userId) {
        return pseudonym(KEY, userId);
    }

    private static String pseudonym(String key, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }


    private Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(200);
        }
        return file;
    }

    private static Set<String> rawIdsIn(List<ConsumerRecord<byte[], byte[]>> records, List<String> ids) {
        Set<String> found = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            found.addAll(idsIn(record.key(), ids));
            found.addAll(idsIn(record.value(), ids));
        }
        return found;
    }

    /** The ids whose UTF-8 bytes occur in any file under {@code root}, in zip files after unpacking. */
    private static Set<String> rawIdsIn(Path root, List<String> ids) throws IOException {
        Set<String> found = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("files under " + root).isNotEmpty();
        for (Path file : files) {
            for (byte[] content : contents(file)) {
                found.addAll(idsIn(content, ids));
            }
        }
        return found;
    }

    private static List<byte[]> contents(Path file) throws IOException {
        if (!file.toString().endsWith(".zip")) {
            return List.of(Files.readAllBytes(file));
        }
        List<byte[]> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(zip.readAllBytes());
            }
        }
        assertThat(entries).as("entries of " + file).isNotEmpty();
        return entries;
    }

    private static List<String> idsIn(byte[] bytes, List<String> ids) {
        if (bytes == null) {
            return List.of();
        }
        // Latin-1 maps bytes to chars one to one: a byte search with String.contains.
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        return ids.stream().filter(id -> haystack.contains(new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))).toList();
    }
}
