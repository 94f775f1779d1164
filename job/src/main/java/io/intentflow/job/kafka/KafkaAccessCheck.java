package io.intentflow.job.kafka;

import io.intentflow.job.config.JobSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the job is submitted: does its Kafka principal authenticate, and may it use the job's
 * topics, consumer groups and transactional ids? Once submitted, a job that cannot would fail in
 * its sources and sinks and restart over and over; here it is refused with the cause named. What
 * the check cannot tell (the broker does not answer in time, a topic does not exist yet) it logs
 * and leaves to the connectors, as before. A group or transactional id that was never used shows
 * only whether the principal may describe it (read and write imply describe).
 */
public final class KafkaAccessCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccessCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private KafkaAccessCheck() {}

    /** @throws KafkaAccessException if the principal cannot authenticate or lacks an ACL, naming which */
    public static void verify(JobSettings settings) {
        JobSettings.KafkaSettings kafka = settings.kafka();
        Properties properties = new Properties();
        properties.putAll(kafka.clientProperties());
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        String principal = principal(properties);
        ScramProviders.adoptAndRegister();
        try {
            check(properties, principal, settings);
        } finally {
            ScramProviders.release();
        }
    }

    private static void check(Properties properties, String principal, JobSettings settings) {
        JobSettings.KafkaSettings kafka = settings.kafka();
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>();
            missing.addAll(topics(admin, settings));
            missing.addAll(groups(admin, settings));
            missing.addAll(transactionalIds(admin, settings));
            if (!missing.isEmpty()) {
                throw new KafkaAccessException("the job's principal " + principal + " lacks ACLs on " + kafka.bootstrapServers()
                        + ": " + String.join("; ", missing));
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SaslAuthenticationException) {
                throw new KafkaAccessException("Kafka authentication failed for principal " + principal + " at "
                        + kafka.bootstrapServers() + ": " + cause.getMessage());
            }
            if (cause instanceof SslAuthenticationException) {
                throw new KafkaAccessException("the TLS handshake with Kafka at " + kafka.bootstrapServers()
                        + " failed (check kafka.properties.ssl.*): " + cause.getMessage());
            }
            LOG.warn("Could not check the job's Kafka access at {}: {}", kafka.bootstrapServers(), cause.toString());
        } catch (TimeoutException e) {
            LOG.warn("Could not check the job's Kafka access: {} did not answer within {} s", kafka.bootstrapServers(), TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the job's Kafka access", e);
        }
    }

    /** What the job does with each topic: reads its inputs, writes its outputs. */
    static Map<String, Set<AclOperation>> topicNeeds(JobSettings settings) {
        JobSettings.Topics topics = settings.topics();
        Map<String, Set<AclOperation>> needs = new LinkedHashMap<>();
        needs.put(topics.clicks(), EnumSet.of(AclOperation.READ));
        needs.put(topics.purchases(), EnumSet.of(AclOperation.READ));
        needs.put(topics.deadLetters(), EnumSet.of(AclOperation.WRITE));
        if (!topics.sessionUpdates().isEmpty()) {
            needs.put(topics.sessionUpdates(), EnumSet.of(AclOperation.WRITE));
        }
        if (settings.scoring()) {
            needs.put(topics.scores(), EnumSet.of(AclOperation.WRITE));
            needs.put(topics.modelUpdates(), EnumSet.of(AclOperation.READ));
            if (settings.scorer().explain().enabled() && !topics.explanations().isEmpty()) {
                needs.put(topics.explanations(), EnumSet.of(AclOperation.WRITE));
            }
        }
        if (settings.training().isPresent()) {
            // The trainer writes the versions it publishes to the topic it reads them from.
            needs.get(topics.modelUpdates()).add(AclOperation.WRITE);
            if (!topics.modelDrift().isEmpty()) {
                needs.put(topics.modelDrift(), EnumSet.of(AclOperation.WRITE));
            }
        }
        return needs;
    }

    private static List<String> topics(Admin admin, JobSettings settings) throws InterruptedException, TimeoutException {
        Map<String, Set<AclOperation>> needs = topicNeeds(settings);
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(needs.keySet(), new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<AclOperation>> need : needs.entrySet()) {
            String topic = need.getKey();
            try {
                Set<AclOperation> allowed = described.get(topic).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).authorizedOperations();
                List<AclOperation> lacking = need.getValue().stream().filter(op -> allowed != null && !allowed.contains(op)).toList();
                if (!lacking.isEmpty()) {
                    missing.add(lacking + " on topic '" + topic + "'");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    missing.add(need.getValue() + " on topic '" + topic + "' (it may not even describe it)");
                } else if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    LOG.warn("Could not check the job's access to topic {}: {}", topic, e.getCause().toString());
                }
            }
        }
        return missing;
    }

    private static List<String> groups(Admin admin, JobSettings settings) throws InterruptedException, TimeoutException {
        String group = settings.kafka().groupId();
        List<String> groups = settings.scoring() ? List.of(group, group + "-models") : List.of(group);
        Map<String, KafkaFuture<ConsumerGroupDescription>> described =
                admin.describeConsumerGroups(groups, new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).describedGroups();
        List<String> missing = new ArrayList<>();
        for (String id : groups) {
            try {
                Set<AclOperation> allowed = described.get(id).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).authorizedOperations();
                if (allowed != null && !allowed.contains(AclOperation.READ)) {
                    missing.add("[READ] on consumer group '" + id + "'");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupAuthorizationException) {
                    missing.add("[READ] on consumer group '" + id + "'");
                } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    LOG.warn("Could not check the job's access to consumer group {}: {}", id, e.getCause().toString());
                }
            }
        }
        return missing;
    }

    /** The exactly-once sinks' transactional ids all start with the configured prefix. */
    private static List<String> transactionalIds(Admin admin, JobSettings settings) throws InterruptedException, TimeoutException {
        if (settings.deliveryGuarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            return List.of();
        }
        String prefix = settings.kafka().transactionalIdPrefix();
        try {
            admin.describeTransactions(List.of(prefix + "-access-check")).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdAuthorizationException) {
                return List.of("[WRITE] on transactional ids starting with '" + prefix + "'");
            }
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                LOG.warn("Could not check the job's access to transactional ids {}*: {}", prefix, e.getCause().toString());
            }
        }
        return List.of();
    }

    /**
     * {@code 'name'} from the SASL login (after Kafka's config providers have read it), else what
     * the protocol makes of an anonymous client. The password is never part of it.
     */
    static String principal(Properties properties) {
        ConfigDef jaas = new ConfigDef().define(SaslConfigs.SASL_JAAS_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW, "");
        Password login = new AbstractConfig(jaas, properties, false).getPassword(SaslConfigs.SASL_JAAS_CONFIG);
        Matcher username = USERNAME.matcher(login == null ? "" : login.value());
        if (username.find()) {
            return "'" + username.group(1) + "'";
        }
        return "(" + properties.getProperty(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT") + " client, no SASL username)";
    }
}
