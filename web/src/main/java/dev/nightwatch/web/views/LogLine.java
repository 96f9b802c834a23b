package dev.nightwatch.web.views;

/** One numbered line of a log, as the log viewer shows it. */
public record LogLine(long number, String text) {}
