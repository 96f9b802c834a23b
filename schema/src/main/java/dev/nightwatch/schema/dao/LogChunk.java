package dev.nightwatch.schema.dao;

/**
 * One stored piece of a log: deflate-compressed raw bytes that end at a line end (unless a single
 * line outgrew the chunk), with the 1-based number of its first line.
 */
public record LogChunk(
    long logId,
    int seq,
    long firstLine,
    long lineCount,
    long rawOffset,
    int rawSize,
    byte[] data) {}
