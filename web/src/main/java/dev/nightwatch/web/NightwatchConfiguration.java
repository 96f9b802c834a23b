package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * Nightwatch's one YAML file. Every setting has a default that works for the embedded mode, so
 * {@code server} runs without one; the servers listen on 127.0.0.1:8080 (admin 8081) by default.
 */
public final class NightwatchConfiguration extends Configuration {
  @Valid @NotNull @JsonProperty private StoreFactory store = new StoreFactory();

  @Valid @NotNull @JsonProperty private ClusteringFactory clustering = new ClusteringFactory();

  @Valid @NotNull @JsonProperty private TriageFactory triage = new TriageFactory();

  @Valid @NotNull @JsonProperty private AccessFactory access = new AccessFactory();

  @Valid @NotNull @JsonProperty private FlakinessFactory flakiness = new FlakinessFactory();

  @Valid @NotNull @JsonProperty private BuildbotFactory buildbot = new BuildbotFactory();

  @Valid @NotNull @JsonProperty private MailFactory mail = new MailFactory();

  @Valid @NotNull @JsonProperty private NotifierFactory notifier = new NotifierFactory();

  public NightwatchConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(localConnector(8080)));
    server.setAdminConnectors(List.of(localConnector(8081)));
    // Ctrl-C or SIGTERM should not leave a demo lingering for Jetty's default 30 seconds.
    server.setShutdownGracePeriod(io.dropwizard.util.Duration.seconds(5));
    setServerFactory(server);
    // Flyway reports every validation at INFO; only its warnings interest a user.
    DefaultLoggingFactory logging = new DefaultLoggingFactory();
    logging.setLoggers(Map.of("org.flywaydb", TextNode.valueOf("WARN")));
    setLoggingFactory(logging);
  }

  private static HttpConnectorFactory localConnector(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setBindHost("127.0.0.1");
    connector.setPort(port);
    return connector;
  }

  public StoreFactory getStore() {
    return store;
  }

  public ClusteringFactory getClustering() {
    return clustering;
  }

  public TriageFactory getTriage() {
    return triage;
  }

  public AccessFactory getAccess() {
    return access;
  }

  public FlakinessFactory getFlakiness() {
    return flakiness;
  }

  public BuildbotFactory getBuildbot() {
    return buildbot;
  }

  public MailFactory getMail() {
    return mail;
  }

  public NotifierFactory getNotifier() {
    return notifier;
  }
}
