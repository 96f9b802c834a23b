package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Nightwatch's one YAML file. Every setting has a default that works for the embedded mode, so
 * {@code server} runs without one; the servers listen on 127.0.0.1:8080 (admin 8081) by default.
 */
public final class NightwatchConfiguration extends Configuration {
  @Valid @NotNull @JsonProperty private StoreFactory store = new StoreFactory();

  public NightwatchConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(localConnector(8080)));
    server.setAdminConnectors(List.of(localConnector(8081)));
    setServerFactory(server);
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
}
