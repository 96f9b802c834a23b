/**
 * The notifier: decides whether a merged PR broke a builder and renders and posts the one comment
 * about it (blame policy, Markdown rendering, GitHub client). Filled in by the Notifier issue.
 */
package dev.nightwatch.notifier;
