package io.intentflow.tools.broker;

import java.util.List;
import java.util.Objects;

/**
 * A broker's secured listener: SASL (SCRAM-SHA-512) over TLS on {@code port}, with ACLs
 * (StandardAuthorizer). The principal {@value #ADMIN} is a super user; each of {@code principals}
 * may use only its own topics, consumer groups and transactional ids.
 *
 * @param port the SASL_SSL listener on 127.0.0.1
 * @param principals the client principals the launcher creates SCRAM credentials and ACLs for
 */
public record BrokerSecurity(int port, List<Principal> principals) {

    /** The SCRAM super user, for whoever administers the broker over its secured listener. */
    public static final String ADMIN = "admin";

    public static final String MECHANISM = "SCRAM-SHA-512";

    public BrokerSecurity {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the secured port must be in 1..65535, got " + port);
        }
        principals = List.copyOf(principals);
        if (principals.stream().anyMatch(p -> p.name().equals(ADMIN))) {
            throw new IllegalArgumentException("'" + ADMIN + "' is the broker's super user, not a client principal");
        }
    }

    /**
     * A client principal and what its ACLs allow it.
     *
     * @param name the SCRAM user name (principal {@code User:name})
     * @param topics the topics it may describe, read, write and create (literal names)
     * @param groupPrefix the consumer groups it may use: every group whose id starts with this
     * @param transactionalIdPrefix the transactional ids it may use: every id that starts with this
     */
    public record Principal(String name, List<String> topics, String groupPrefix, String transactionalIdPrefix) {

        public Principal {
            requireName("name", name);
            topics = List.copyOf(topics);
            topics.forEach(topic -> requireName("topic", topic));
            requireName("groupPrefix", groupPrefix);
            requireName("transactionalIdPrefix", transactionalIdPrefix);
        }

        private static void requireName(String what, String value) {
            Objects.requireNonNull(value, what);
            // Names travel in a properties file to the JVM that sets the ACLs, comma-separated.
            if (value.isBlank() || !value.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(what + " must be letters, digits, '.', '_' or '-', got '" + value + "'");
            }
        }
    }
}
