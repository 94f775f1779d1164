package io.intentflow.records;

/** Where a record was read from, so that a dead letter can point back at the original. */
public record RecordOrigin(String topic, int partition, long offset) {}
