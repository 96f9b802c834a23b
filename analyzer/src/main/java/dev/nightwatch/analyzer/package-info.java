/**
 * The analyzer: reads a build's logs and says what went wrong (log parsing, classification,
 * fingerprints, Lucene dedup, flakiness scores). Pure functions of their input; see DESIGN.md.
 * Filled in by the Analyzer, Dedup and Flakiness issues.
 */
package dev.nightwatch.analyzer;
