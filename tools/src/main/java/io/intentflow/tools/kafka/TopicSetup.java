package io.intentflow.tools.kafka;

import io.intentflow.job.config.JobSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates the job's topics where they are missing, for the demo and the tests. Production
 * topics are the platform team's to create; the job never creates them itself.
 */
public final class TopicSetup {

    private TopicSetup() {}

    /** Commits the clicks topic's end offsets for the job's consumer group, which must be idle. */
    public static void moveGroupToEnd(JobSettings settings) {
        try (Admin admin = admin(settings)) {
            String topic = settings.topics().clicks();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(settings.kafka().groupId(), ends).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the group's offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set the offsets of group " + settings.kafka().groupId() + ": " + e.getMessage(), e);
        }
    }

    public static void ensureTopics(JobSettings settings, int partitions) {
        JobSettings.Topics topics = settings.topics();
        List<String> names = new ArrayList<>(List.of(topics.clicks(), topics.purchases(), topics.deadLetters(), topics.scores()));
        if (!topics.sessionUpdates().isEmpty()) {
            names.add(topics.sessionUpdates());
        }
        if (!topics.explanations().isEmpty()) {
            names.add(topics.explanations());
        }
        try (Admin admin = admin(settings)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    names.stream()
                            .filter(name -> !existing.contains(name))
                            .map(name -> new NewTopic(name, partitions, (short) 1))
                            .collect(Collectors.toCollection(ArrayList::new));
            if (!topics.modelDrift().isEmpty() && !existing.contains(topics.modelDrift())) {
                missing.add(new NewTopic(topics.modelDrift(), 1, (short) 1));
            }
            if (!existing.contains(topics.modelUpdates())) {
                // One partition keeps versions in publication order.
                missing.add(new NewTopic(topics.modelUpdates(), 1, (short) 1));
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            awaitServed(admin, missing.stream().collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not create topics on " + settings.kafka().bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns once the leader of every partition of the given topics serves it, for a writer
     * into topics it did not create: ones the broker auto-created for it, or that someone
     * created moments ago (see {@link #awaitServed(Admin, Map)}).
     *
     * @param partitions each topic's number of partitions
     * @throws IllegalStateException if they are not served within 30 s
     */
    public static void awaitServed(String bootstrap, Map<String, Integer> partitions) {
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            awaitServed(admin, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the partitions of " + partitions.keySet(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "the partitions of " + partitions.keySet() + " on " + bootstrap + " have no leader serving them: " + e.getMessage(), e);
        }
    }

    /**
     * Returns once the leader of every partition of the given topics serves it. A broker confirms
     * a topic's creation before it has created the partitions themselves; a producer writing
     * meanwhile gets NOT_LEADER_OR_FOLLOWER, and with several requests in flight a later batch
     * can land before the refused earlier one. Brokers before Kafka 4.5 accept that later batch as
     * the producer's first (KAFKA-15591), so the idempotent producer retries the earlier one as
     * out of sequence until its delivery timeout expires it: the bench's backlog failed that way,
     * 120 s after starting, on one partition. A ListOffsets answer needs the same leader-side
     * partition as a write, and the admin client retries it while the leader is not there yet.
     * It does not retry a topic whose metadata has not reached the broker it asks (one CI run's
     * bench failed on that, moments after creating the topic): that is asked again here, within
     * the same 30 s.
     */
    private static void awaitServed(Admin admin, Map<String, Integer> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(request).all().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Admin admin(JobSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.kafka().clientProperties());
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        return Admin.create(properties);
    }
}
