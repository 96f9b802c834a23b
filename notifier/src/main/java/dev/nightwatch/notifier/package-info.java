/**
 * The notifier: decides whether a merged PR broke a builder ({@code blame}), renders the one
 * comment about it ({@code comment}) and posts it ({@code github}). Pure apart from the client; the
 * web application gathers the facts from the store and records every decision.
 */
package dev.nightwatch.notifier;
