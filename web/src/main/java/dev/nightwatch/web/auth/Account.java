package dev.nightwatch.web.auth;

/** Someone known by a configured token: a triager may act on clusters, a reader only reads. */
public record Account(String name, boolean triager) {}
