package dev.nightwatch.web.cli;

import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate [config.yml]}: brings the database schema up to date. */
public final class DbCommand extends NightwatchCommand {
  public DbCommand() {
    super("db", "Manage the database: 'db migrate' applies pending migrations", false);
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("migrate").help("what to do: migrate");
    super.configure(subparser);
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    Database database = configuration.getStore().open();
    int applied = database.migrate();
    System.out.printf("%s: %d migration(s) applied%n", database.file(), applied);
  }
}
