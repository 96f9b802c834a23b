package dev.nightwatch.web.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildVerdict;

/** A build in a list, with the analyzer's verdict on it (null before it has been analysed). */
public record BuildSummary(@JsonUnwrapped Build build, BuildVerdict verdict) {}
