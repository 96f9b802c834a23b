package dev.nightwatch.web.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Healthy while a file can be created and deleted in the data directory. */
public final class DataDirHealthCheck extends HealthCheck {
  private final Path dataDir;

  public DataDirHealthCheck(Path dataDir) {
    this.dataDir = dataDir;
  }

  @Override
  protected Result check() {
    try {
      Path probe = Files.createTempFile(dataDir, ".health-", ".tmp");
      Files.delete(probe);
      return Result.healthy("%s is writable", dataDir.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      return Result.unhealthy("%s is not writable: %s", dataDir.toAbsolutePath(), e.toString());
    }
  }
}
