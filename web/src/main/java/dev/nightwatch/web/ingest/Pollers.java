package dev.nightwatch.web.ingest;

import dev.nightwatch.collector.buildbot.BuildbotHttp;
import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.web.NightwatchConfiguration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A poller per configured Buildbot master, all storing through one ingest pipeline. */
public final class Pollers implements AutoCloseable {
  private final Map<String, MasterPoller> byName = new LinkedHashMap<>();

  public Pollers(
      NightwatchConfiguration configuration,
      Store store,
      BuildbotHttp.Sleeper sleeper,
      Clock clock) {
    for (var master : configuration.getBuildbot().getMasters()) {
      if (byName.containsKey(master.getName())) {
        throw new IllegalArgumentException(
            "buildbot.masters: the name " + master.getName() + " is used twice");
      }
      byName.put(
          master.getName(),
          master.poller(
              store.database().jdbi(),
              store.ingest()::ingest,
              configuration.getStore().getMaxLogSize().toBytes(),
              configuration.getStore().getDataDir().resolve("tmp"),
              sleeper,
              clock));
    }
  }

  public Iterable<MasterPoller> all() {
    return byName.values();
  }

  public Optional<MasterPoller> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  @Override
  public void close() {
    byName.values().forEach(MasterPoller::close);
  }
}
