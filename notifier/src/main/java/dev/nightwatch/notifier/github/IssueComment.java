package dev.nightwatch.notifier.github;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A comment on an issue or pull request, as GitHub's REST API returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssueComment(
    @JsonProperty("id") long id,
    @JsonProperty("html_url") String htmlUrl,
    @JsonProperty("body") String body) {}
