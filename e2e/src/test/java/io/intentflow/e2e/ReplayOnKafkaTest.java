package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.ingest.PurchaseParser;
import io.intentflow.ingest.RecordParser;
import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.Ingested;
import io.intentflow.records.Purchase;
import io.intentflow.records.RecordOrigin;
import io.intentflow.tools.datasets.Dataset;
import io.intentflow.tools.datasets.DatasetFormat;
import io.intentflow.tools.datasets.DatasetReport;
import io.intentflow.tools.replay.ReplayCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/intentflow replay} end to end on a real broker: what lands on the topics is what the
 * reader reported, record for record, keyed by user, in event-time order within each partition,
 * and valid for the job's own parsers.
 */
class ReplayOnKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** The Taobao sample in ../shared/data; {@code -Dintentflow.data=DIR} moves it. */
    private static final Path TAOBAO =
            Path.of(System.getProperty("intentflow.data", "../../shared/data"), "taobao-userbehavior", "UserBehavior.csv");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path dir;

    @Test
    void theTaobaoSampleLandsOnTheClicksTopicAsTheReaderReportedIt() throws Exception {
        assumeTrue(Files.isRegularFile(TAOBAO), "the Taobao sample is not at " + TAOBAO.toAbsolutePath() + ": skipped");
        DatasetReport report = report("taobao", TAOBAO);

        replay("taobao", TAOBAO, "taobao");

        List<ConsumerRecord<byte[], byte[]>> records = read("taobao-clicks", report.records());
        List<Click> clicks = parse(records, new ClickParser(InputLimits.defaults()));
        assertThat(clicks).hasSize(84_475);
        assertThat(countByType(clicks)).isEqualTo(report.clicks());
        assertThat(clicks.stream().map(Click::userId).distinct().count()).isEqualTo(report.users());
        assertThat(clicks.stream().map(Click::eventId).distinct().count()).isEqualTo(clicks.size());
        assertInEventTimeOrderPerPartition(records, clicks, Click::ts, Click::userId);
    }

    @Test
    void aYoochooseDatasetSendsClicksAndOrdersEachToItsTopicAtTheSpeedAsked() throws Exception {
        // 60 s of event time at 30x real time: 2 s on the wall clock.
        StringBuilder clicks = new StringBuilder();
        StringBuilder buys = new StringBuilder();
        for (int second = 0; second < 60; second++) {
            clicks.append(second % 7).append(String.format(",2014-04-02T13:00:%02d.500Z,21471%04d,%d%n", second, second, second % 13));
            if (second % 10 == 9) {
                buys.append(second % 7).append(String.format(",2014-04-02T13:00:%02d.900Z,21471%04d,1046,2%n", second, second));
            }
        }
        Path input = Files.writeString(dir.resolve("yoochoose-clicks.dat"), clicks);
        Files.writeString(dir.resolve("yoochoose-buys.dat"), buys);
        DatasetReport report = report("yoochoose", input);

        long started = System.nanoTime();
        replay("yoochoose", input, "yoochoose", "--speed", "30");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("60 s of events at 30x").isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> clickRecords = read("yoochoose-clicks", 60);
        List<ConsumerRecord<byte[], byte[]>> orderRecords = read("yoochoose-purchases", 6);
        List<Click> sentClicks = parse(clickRecords, new ClickParser(InputLimits.defaults()));
        List<Purchase> sentOrders = parse(orderRecords, new PurchaseParser(InputLimits.defaults()));
        assertThat(sentClicks).hasSize((int) report.clicks(EventType.VIEW));
        assertThat(sentOrders).hasSize((int) report.orders()).allSatisfy(order -> assertThat(order.amount()).isEqualTo(2092.0));
        assertInEventTimeOrderPerPartition(clickRecords, sentClicks, Click::ts, Click::userId);
        assertInEventTimeOrderPerPartition(orderRecords, sentOrders, Purchase::ts, Purchase::userId);
    }

    private static DatasetReport report(String format, Path input) throws Exception {
        try (Dataset dataset = Dataset.read(DatasetFormat.named(format), input)) {
            return dataset.report();
        }
    }

    private static void replay(String format, Path input, String topicPrefix, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--format", format, "--input", input.toString(), "--bootstrap", KAFKA.bootstrapServers(),
                "--clicks-topic", topicPrefix + "-clicks", "--purchases-topic", topicPrefix + "-purchases"));
        args.addAll(List.of(more));
        ReplayCli.main(args.toArray(String[]::new));
    }

    /** Exactly {@code expected} records: waits for them, then a moment more for any extra. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, long expected) {
        try (TopicReader reader = new TopicReader(KAFKA.bootstrapServers(), topic)) {
            reader.readUntil(r -> r.size() >= expected, READ_TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> records = reader.readFor(Duration.ofSeconds(1));
            assertThat(records).hasSize((int) expected);
            return records;
        }
    }

    private static <T> List<T> parse(List<ConsumerRecord<byte[], byte[]>> records, RecordParser<T, ? extends Ingested<T>> parser) {
        long now = System.currentTimeMillis();
        return records.stream()
                .map(r -> {
                    Ingested<T> parsed = parser.parse(r.key(), r.value(), new RecordOrigin(r.topic(), r.partition(), r.offset()), now);
                    assertThat(parsed.deadLetter()).as(new String(r.value(), StandardCharsets.UTF_8)).isNull();
                    return parsed.value();
                })
                .toList();
    }

    private static Map<EventType, Long> countByType(List<Click> clicks) {
        return clicks.stream().collect(Collectors.groupingBy(Click::type, () -> new EnumMap<>(EventType.class), Collectors.counting()));
    }

    /** Keyed by user; within each partition, the order of the offsets is that of event time. */
    private static <T> void assertInEventTimeOrderPerPartition(
            List<ConsumerRecord<byte[], byte[]>> records, List<T> values, ToLongFunction<T> ts, Function<T, String> user) {
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8)).isEqualTo(user.apply(values.get(i)));
            byPartition.computeIfAbsent(records.get(i).partition(), p -> new ArrayList<>()).add(i);
        }
        byPartition.values().forEach(indexes -> assertThat(indexes.stream()
                        .sorted(Comparator.comparingLong(i -> records.get(i).offset()))
                        .mapToLong(i -> ts.applyAsLong(values.get(i))))
                .isSorted());
    }
}
