package io.intentflow.records;

/**
 * One feature group's part in a score: how much the score drops with the group's columns set to
 * their neutral value in every event.
 *
 * @param group the group's name ({@code cart_state}, ...; see docs/model-and-learning.md)
 */
public record GroupAttribution(String group, float attribution) {}
