package dev.nightwatch.analyzer.dedup;

/** One failure found by a search, with its score. */
public record SearchHit(long failureId, long buildId, Long clusterId, float score) {}
