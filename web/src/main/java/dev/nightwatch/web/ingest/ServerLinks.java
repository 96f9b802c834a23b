package dev.nightwatch.web.ingest;

import java.net.URI;

/** Addresses of Nightwatch's own pages as the outside world reaches them (for PR comments). */
public record ServerLinks(URI publicUrl) {
  public ServerLinks {
    String s = publicUrl.toString();
    publicUrl = URI.create(s.endsWith("/") ? s : s + "/");
  }

  public String build(long id) {
    return publicUrl.resolve("builds/" + id).toString();
  }

  public String cluster(long id) {
    return publicUrl.resolve("clusters/" + id).toString();
  }
}
