package dev.nightwatch.web;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The address a started server answers on, for people to open. */
public final class ServerUrls {
  private ServerUrls() {}

  /** The URL of the application connector (the first one), e.g. {@code http://127.0.0.1:8080/}. */
  public static String application(Server server) {
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector c && !"admin".equals(c.getName())) {
        String host =
            c.getHost() == null || c.getHost().equals("0.0.0.0") ? "localhost" : c.getHost();
        return "http://" + host + ":" + c.getLocalPort() + "/";
      }
    }
    throw new IllegalStateException("the server has no application connector");
  }
}
