package dev.nightwatch.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.cli.AnalyzeCommand;
import dev.nightwatch.web.cli.DbCommand;
import dev.nightwatch.web.cli.DemoCommand;
import dev.nightwatch.web.cli.ImportLogsCommand;
import dev.nightwatch.web.health.DataDirHealthCheck;
import dev.nightwatch.web.health.DatabaseHealthCheck;
import dev.nightwatch.web.ingest.Store;
import dev.nightwatch.web.resources.BuildPagesResource;
import dev.nightwatch.web.resources.BuildQueries;
import dev.nightwatch.web.resources.BuildsApiResource;
import dev.nightwatch.web.resources.HomeResource;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.views.common.ViewBundle;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Nightwatch: the Dropwizard application that wires the pipeline and serves it. */
public final class NightwatchApplication extends Application<NightwatchConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(NightwatchApplication.class);

  public static void main(String[] args) throws Exception {
    new NightwatchApplication().run(args);
  }

  @Override
  public String getName() {
    return "nightwatch";
  }

  @Override
  public void initialize(Bootstrap<NightwatchConfiguration> bootstrap) {
    // Secrets come from the environment: ${GITHUB_TOKEN}, ${NAME:-default}.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    bootstrap.addBundle(new ViewBundle<>());
    bootstrap.addBundle(new AssetsBundle("/assets", "/assets", null, "assets"));
    bootstrap.addCommand(new DemoCommand(this));
    bootstrap.addCommand(new ImportLogsCommand());
    bootstrap.addCommand(new DbCommand());
    bootstrap.addCommand(new AnalyzeCommand(bootstrap.getObjectMapper()));
  }

  @Override
  public void run(NightwatchConfiguration configuration, Environment environment) throws Exception {
    Database database = configuration.getStore().build();
    Store store = Store.over(database, Clock.systemUTC());
    BuildQueries queries = new BuildQueries(database.jdbi());

    environment.healthChecks().register("database", new DatabaseHealthCheck(database));
    environment
        .healthChecks()
        .register("data-dir", new DataDirHealthCheck(configuration.getStore().getDataDir()));

    environment.jersey().register(new HomeResource(queries));
    environment.jersey().register(new BuildPagesResource(queries, store.logs()));
    environment.jersey().register(new BuildsApiResource(queries, store.logs()));

    environment
        .lifecycle()
        .addServerLifecycleListener(
            server -> LOG.info("Nightwatch is serving at {}", ServerUrls.application(server)));
  }
}
