package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.model.EventType;
import io.intentflow.tools.kafka.RecordEncoder;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of a shop's users, turned into the records a real clickstream
 * carries, disorder and defects included. Pure: no clock, no Kafka; one random generator seeded
 * once, so the same seed and start give the same records in the same order.
 */
public final class ClickstreamSimulation {

    private static final long MAX_ORDER_DELAY_MS = 500;

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final Catalog catalog;
    private final UserPopulation users;
    private final Disorder disorder;
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();
    /** Volatile: a drift may be started from another thread than the one calling {@link #next()}. */
    private volatile BehaviourModel behaviour;
    private long clock;
    private long events;

    public ClickstreamSimulation(GeneratorSettings settings, BehaviourModel behaviour) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.catalog = new Catalog(random);
        this.users = new UserPopulation(settings.users(), settings.start(), random);
        this.disorder = new Disorder(random, settings.malformedRate());
        this.behaviour = behaviour;
        this.clock = settings.start();
    }

    /** The next record in emission order. */
    public GeneratedRecord next() {
        while (ready.isEmpty()) {
            step();
        }
        return ready.poll();
    }

    /**
     * The simulated time at which {@link #next()}'s record is emitted; never earlier than that of
     * the record before. A producer waits for the wall clock to reach it.
     */
    public long nextEmissionTime() {
        return ready.isEmpty() ? Math.min(users.nextEventAt(), disorder.nextRelease()) : clock;
    }

    /** The hidden intent in [0, 1] of a user, for judging what the job learns. */
    public double intentOf(String userId) {
        return users.intentOf(userId);
    }

    /** Concept drift: from each user's next action on, behaviour follows {@code model}. */
    public void changeBehaviour(BehaviourModel model) {
        this.behaviour = model;
    }

    private void step() {
        if (disorder.nextRelease() <= users.nextEventAt()) {
            clock = disorder.nextRelease();
            ready.add(disorder.release());
            return;
        }
        SimulatedUser user = users.poll();
        clock = user.nextEventAt();
        SimulatedUser.Action action = user.act(random, behaviour, catalog);
        users.reschedule(user);
        long ts = disorder.clientTime(clock);
        long n = events++;
        byte[] json = RecordEncoder.click(
                "e-" + settings.seed() + "-" + n, user.id(), action.type(), action.itemId(), action.categoryId(), action.price(),
                action.query(), ts);
        boolean purchase = action.type() == EventType.PURCHASE;
        GeneratedRecord click = new GeneratedRecord(settings.clicksTopic(), user.id(), json, ts, Kind.CLICK);
        disorder.emit(click, clock, !purchase, ready::add);
        if (purchase) {
            // The order system writes its own record, a moment after the click, whatever became of the click.
            long orderTs = ts + random.nextLong(MAX_ORDER_DELAY_MS + 1);
            String orderId = "o-" + settings.seed() + "-" + n;
            byte[] order = RecordEncoder.order(orderId, user.id(), orderTs, action.price(), action.purchasedItemIds());
            ready.add(new GeneratedRecord(settings.purchasesTopic(), user.id(), order, orderTs, Kind.PURCHASE));
        }
    }
}
