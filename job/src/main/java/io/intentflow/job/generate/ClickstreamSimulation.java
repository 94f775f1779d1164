package io.intentflow.job.generate;

import io.intentflow.job.generate.GeneratedRecord.Kind;
import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.Purchase;
import io.intentflow.records.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of a shop's users, turned into the records a real clickstream
 * would carry, disorder and defects included. Pure: no clock, no Kafka; the same seed and start
 * give the same records in the same order.
 */
public final class ClickstreamSimulation {

    private static final double LATE_RATE = 0.003;
    private static final double OUT_OF_ORDER_RATE = 0.02;
    private static final double DUPLICATE_RATE = 0.002;

    private record Held(long releaseAt, long seq, GeneratedRecord record) {}

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final Catalog catalog;
    private final BehaviourModel behaviour;
    private final Map<String, SimulatedUser> users = new HashMap<>();
    private final PriorityQueue<SimulatedUser> agenda =
            new PriorityQueue<>(Comparator.comparingLong((SimulatedUser u) -> u.nextEventAt).thenComparing(u -> u.id));
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(Comparator.comparingLong(Held::releaseAt).thenComparingLong(Held::seq));
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();
    private long events;

    public ClickstreamSimulation(GeneratorSettings settings, BehaviourModel behaviour) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.catalog = new Catalog(random);
        this.behaviour = behaviour;
        for (int i = 0; i < settings.users(); i++) {
            SimulatedUser user = new SimulatedUser(String.format("u%05d", i), random, settings.start());
            users.put(user.id, user);
            agenda.add(user);
        }
    }

    public GeneratedRecord next() {
        while (ready.isEmpty()) {
            step();
        }
        return ready.poll();
    }

    /** The hidden intent of a user, for evaluating what the job learns. */
    public double intentOf(String userId) {
        return users.get(userId).intent;
    }

    private void step() {
        SimulatedUser user = agenda.poll();
        long at = user.nextEventAt;
        while (!held.isEmpty() && held.peek().releaseAt() <= at) {
            ready.add(held.poll().record());
        }
        SimulatedUser.Action action = user.act(random, behaviour, catalog);
        agenda.add(user);
        // Client clocks drift: the written time is off by up to 2 s either way.
        long ts = at + random.nextLong(-2000, 2001);
        String eventId = "e-" + settings.seed() + "-" + events++;
        String json = new String(RecordJson.click(click(eventId, user.id, action, ts)), StandardCharsets.UTF_8);
        double roll = random.nextDouble();
        if (roll < settings.malformedRate()) {
            ready.add(record(settings.clicksTopic(), user.id, MalformedRecords.breakClick(json, ts, random), ts, Kind.MALFORMED));
        } else if (roll < settings.malformedRate() + LATE_RATE) {
            // Released 45-120 simulated minutes later: after its session has closed.
            hold(at + random.nextLong(45 * 60_000L, 120 * 60_000L), record(settings.clicksTopic(), user.id, json, ts, Kind.LATE));
        } else if (roll < settings.malformedRate() + LATE_RATE + OUT_OF_ORDER_RATE) {
            hold(at + random.nextLong(1_000, 10_001), record(settings.clicksTopic(), user.id, json, ts, Kind.OUT_OF_ORDER));
        } else {
            GeneratedRecord click = record(settings.clicksTopic(), user.id, json, ts, Kind.CLICK);
            ready.add(click);
            if (random.nextDouble() < DUPLICATE_RATE) {
                ready.add(new GeneratedRecord(click.topic(), click.key(), click.value(), ts, Kind.DUPLICATE));
            }
        }
        if (action.type() == EventType.PURCHASE) {
            ready.add(order(user.id, action, ts + random.nextLong(0, 500)));
        }
    }

    private void hold(long releaseAt, GeneratedRecord record) {
        held.add(new Held(releaseAt, events, record));
    }

    private static Click click(String eventId, String userId, SimulatedUser.Action action, long ts) {
        boolean hasItem = action.item() >= 0;
        return new Click(
                eventId,
                userId,
                action.type(),
                hasItem ? "i" + action.item() : null,
                hasItem ? "c" + Catalog.categoryOf(action.item()) : null,
                action.price(),
                action.query(),
                ts,
                null);
    }

    private GeneratedRecord order(String userId, SimulatedUser.Action action, long ts) {
        String[] items = action.purchased().stream().map(item -> "i" + item).toArray(String[]::new);
        Purchase purchase = new Purchase("o-" + settings.seed() + "-" + events, userId, ts, action.price(), items, null);
        return new GeneratedRecord(settings.purchasesTopic(), userId, RecordJson.purchase(purchase), ts, Kind.PURCHASE);
    }

    private static GeneratedRecord record(String topic, String key, String json, long ts, Kind kind) {
        return record(topic, key, json.getBytes(StandardCharsets.UTF_8), ts, kind);
    }

    private static GeneratedRecord record(String topic, String key, byte[] value, long ts, Kind kind) {
        return new GeneratedRecord(topic, key, value, ts, kind);
    }
}
