package dev.nightwatch.notifier.github;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A pull request (merged when {@code mergedAt} is set) as {@code GET
 * /repos/{owner}/{repo}/commits/{sha}/pulls} lists it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PullRequest(
    @JsonProperty("number") int number,
    @JsonProperty("html_url") String htmlUrl,
    @JsonProperty("merged_at") String mergedAt,
    @JsonProperty("merge_commit_sha") String mergeCommitSha) {}
