package dev.nightwatch.analyzer.flaky;

/**
 * A test's failure probability: the Beta posterior's mean and 95% credible interval, the Wilson
 * lower bound used for ranking (it needs no prior), and the share of runs with a flaky verdict.
 */
public record Estimate(
    double probability, double lower, double upper, double wilsonLower, double flakyRate) {}
