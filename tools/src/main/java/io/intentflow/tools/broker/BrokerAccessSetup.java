package io.intentflow.tools.broker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code BOOTSTRAP SECRETS_DIR}: run by {@link BrokerAccess} in a JVM on the broker's own jars.
 * Creates the SCRAM credentials of the super user and of each principal in
 * {@code SECRETS_DIR/access.properties} (passwords from {@code SECRETS_DIR/NAME/password}), and
 * each principal's ACLs: describe, read, write and create on its topics (the tools create missing
 * topics with the job's properties), read on the groups and write on
 * the transactional ids that start with its prefixes.
 */
public final class BrokerAccessSetup {

    private static final int SCRAM_ITERATIONS = 8192;
    private static final long TIMEOUT_SECONDS = 30;

    private BrokerAccessSetup() {}

    public static void main(String[] args) throws Exception {
        Path secrets = Path.of(args[1]);
        Properties spec = new Properties();
        try (Reader in = Files.newBufferedReader(secrets.resolve("access.properties"))) {
            spec.load(in);
        }
        List<String> principals = Arrays.stream(spec.getProperty("principals").split(",")).filter(p -> !p.isEmpty()).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            credentials.add(scram(BrokerSecurity.ADMIN, secrets));
            for (String principal : principals) {
                credentials.add(scram(principal, secrets));
            }
            admin.alterUserScramCredentials(credentials).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>();
            for (String principal : principals) {
                for (String topic : spec.getProperty(principal + ".topics").split(",")) {
                    if (!topic.isEmpty()) {
                        for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
                            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
                        }
                    }
                }
                acls.add(allow(principal, ResourceType.GROUP, spec.getProperty(principal + ".group-prefix"), PatternType.PREFIXED, AclOperation.READ));
                acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, spec.getProperty(principal + ".transactional-id-prefix"), PatternType.PREFIXED, AclOperation.WRITE));
            }
            admin.createAcls(acls).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static UserScramCredentialAlteration scram(String user, Path secrets) throws IOException {
        String password = Files.readString(secrets.resolve(user).resolve("password")).trim();
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password);
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
