package io.intentflow.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The click types of the {@code clicks} contract. The ordinal is part of the encoded event and
 * of the model's input, so new types go at the end.
 */
public enum EventType {
    VIEW,
    SEARCH,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    WISHLIST,
    CHECKOUT_START,
    PURCHASE;

    private static final EventType[] VALUES = values();

    /** Written into every session update and score: lowering the name each time showed in profiles. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name used on the wire: {@code add_to_cart}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; empty for anything that is not one of the contract's types. */
    public static Optional<EventType> fromWireName(String name) {
        for (EventType type : VALUES) {
            if (type.wireName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static EventType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
