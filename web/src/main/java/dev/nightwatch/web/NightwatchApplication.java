package dev.nightwatch.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nightwatch.collector.buildbot.BuildbotHttp;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.auth.RefusedHandler;
import dev.nightwatch.web.auth.Sessions;
import dev.nightwatch.web.auth.TokenAuthenticator;
import dev.nightwatch.web.auth.TokenGuesses;
import dev.nightwatch.web.auth.Tokens;
import dev.nightwatch.web.auth.Triager;
import dev.nightwatch.web.cli.AnalyzeCommand;
import dev.nightwatch.web.cli.DbCommand;
import dev.nightwatch.web.cli.DemoCommand;
import dev.nightwatch.web.cli.ImportLogsCommand;
import dev.nightwatch.web.cli.ImportMailCommand;
import dev.nightwatch.web.cli.PollCommand;
import dev.nightwatch.web.cli.RebuildHistoryCommand;
import dev.nightwatch.web.cli.ReindexCommand;
import dev.nightwatch.web.health.BuildbotHealthCheck;
import dev.nightwatch.web.health.DataDirHealthCheck;
import dev.nightwatch.web.health.DatabaseHealthCheck;
import dev.nightwatch.web.health.IndexHealthCheck;
import dev.nightwatch.web.health.NotifierHealthCheck;
import dev.nightwatch.web.ingest.Explanations;
import dev.nightwatch.web.ingest.MailIngest;
import dev.nightwatch.web.ingest.Pollers;
import dev.nightwatch.web.ingest.Store;
import dev.nightwatch.web.managed.ImapService;
import dev.nightwatch.web.managed.IndexService;
import dev.nightwatch.web.managed.IndexTask;
import dev.nightwatch.web.managed.NotifyService;
import dev.nightwatch.web.managed.PollService;
import dev.nightwatch.web.resources.AccessFilter;
import dev.nightwatch.web.resources.BuildPagesResource;
import dev.nightwatch.web.resources.BuildQueries;
import dev.nightwatch.web.resources.BuildersPageResource;
import dev.nightwatch.web.resources.BuildsApiResource;
import dev.nightwatch.web.resources.ClusterPagesResource;
import dev.nightwatch.web.resources.ClusterQueries;
import dev.nightwatch.web.resources.ClustersApiResource;
import dev.nightwatch.web.resources.FailurePagesResource;
import dev.nightwatch.web.resources.FailuresApiResource;
import dev.nightwatch.web.resources.FlakyApiResource;
import dev.nightwatch.web.resources.FlakyPagesResource;
import dev.nightwatch.web.resources.FlakyQueries;
import dev.nightwatch.web.resources.FormGuard;
import dev.nightwatch.web.resources.HomeQueries;
import dev.nightwatch.web.resources.HomeResource;
import dev.nightwatch.web.resources.MailResource;
import dev.nightwatch.web.resources.PageErrors;
import dev.nightwatch.web.resources.PushResource;
import dev.nightwatch.web.resources.SearchApiResource;
import dev.nightwatch.web.resources.SearchPageResource;
import dev.nightwatch.web.resources.SearchQueries;
import dev.nightwatch.web.resources.SecurityHeaders;
import dev.nightwatch.web.resources.SignInResource;
import dev.nightwatch.web.resources.TestsApiResource;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.views.common.ViewBundle;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Nightwatch: the Dropwizard application that wires the pipeline and serves it. */
public final class NightwatchApplication extends Application<NightwatchConfiguration> {
  /** How much of a response is held back until it is complete (pages are paged well under it). */
  private static final int PAGE_BUFFER = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(NightwatchApplication.class);

  private volatile Database database;

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
    bootstrap.addCommand(new ReindexCommand());
    bootstrap.addCommand(new RebuildHistoryCommand());
    bootstrap.addCommand(new PollCommand());
    bootstrap.addCommand(new ImportMailCommand());
    bootstrap.addCommand(new AnalyzeCommand(bootstrap.getObjectMapper()));
  }

  /** The configured triage tokens, or one made now for {@code admin} and logged. */
  private static Map<String, String> triageTokens(NightwatchConfiguration configuration) {
    Map<String, String> tokens = configuration.getTriage().getTokens();
    if (!tokens.isEmpty()) {
      return tokens;
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    LOG.warn(
        "no triage tokens configured (triage.tokens); for this run triager admin has the token"
            + " {} (sign in with it at /login, or send 'Authorization: Bearer' it to the API)",
        token);
    return Map.of("admin", token);
  }

  /**
   * The store this application serves, once {@code run}: for tests and benchmarks that watch the
   * statements the pages send.
   */
  public Database database() {
    return database;
  }

  @Override
  public void run(NightwatchConfiguration configuration, Environment environment) throws Exception {
    Clock clock = Clock.systemUTC();
    Database database = configuration.getStore().build();
    this.database = database;
    Store store = Store.over(database, clock);
    BuildQueries queries = new BuildQueries(database.jdbi());
    ClusterQueries clusters = new ClusterQueries(database.jdbi());
    ClusteringFactory clustering = configuration.getClustering();
    IndexService index =
        new IndexService(
            () -> clustering.open(database.jdbi(), configuration.getStore().getDataDir()),
            clustering.getPollInterval().toMilliseconds());
    SearchQueries search = new SearchQueries(database.jdbi(), index);
    Explanations explanations =
        new Explanations(database.jdbi(), configuration.getFlakiness().build());
    FlakyQueries flaky = new FlakyQueries(database.jdbi(), clock);

    environment.lifecycle().manage(index);
    BuildbotFactory buildbot = configuration.getBuildbot();
    Pollers pollers = new Pollers(configuration, store, BuildbotHttp.Sleeper.REAL, clock);
    PollService polls =
        new PollService(
            pollers,
            name -> buildbot.master(name).orElseThrow().getPollInterval().toMilliseconds());
    environment.lifecycle().manage(polls);
    MailIngest mail = new MailIngest(database.jdbi(), store.ingest(), buildbot, clock);
    configuration
        .getMail()
        .getImap()
        .ifPresent(
            imap ->
                environment
                    .lifecycle()
                    .manage(
                        new ImapService(
                            imap.poller(), mail, imap.getPollInterval().toMilliseconds())));
    NotifyService notify =
        new NotifyService(
            configuration.getNotifier().build(database.jdbi(), explanations, clock),
            configuration.getNotifier().getPollInterval().toMilliseconds(),
            clock);
    environment.lifecycle().manage(notify);
    IndexTask.all(index).forEach(environment.admin()::addTask);

    environment.healthChecks().register("database", new DatabaseHealthCheck(database));
    environment
        .healthChecks()
        .register("data-dir", new DataDirHealthCheck(configuration.getStore().getDataDir()));
    environment.healthChecks().register("index", new IndexHealthCheck(index));
    environment.healthChecks().register("buildbot", new BuildbotHealthCheck(polls));
    environment.healthChecks().register("notifier", new NotifierHealthCheck(notify));

    AccessFactory access = configuration.getAccess();
    boolean readingNeedsToken = access.getReading() == AccessFactory.Reading.TOKEN;
    Tokens tokens = new Tokens(triageTokens(configuration), access.getReaders());
    Sessions sessions =
        Sessions.open(
            configuration.getStore().getDataDir(),
            tokens,
            clock,
            Duration.ofMillis(access.getSessionTtl().toMilliseconds()),
            database.jdbi());
    FormGuard guard = new FormGuard(sessions);
    TokenGuesses guesses =
        new TokenGuesses(
            access.getTokenGuesses(),
            Duration.ofMillis(access.getTokenGuessWindow().toMilliseconds()),
            clock);
    environment.jersey().register(new AccessFilter(sessions, tokens, guesses, readingNeedsToken));
    environment.jersey().register(new SignInResource(tokens, sessions, guesses, readingNeedsToken));
    environment
        .jersey()
        .register(
            new AuthDynamicFeature(
                new OAuthCredentialAuthFilter.Builder<Triager>()
                    .setAuthenticator(new TokenAuthenticator(tokens))
                    .setPrefix("Bearer")
                    .setRealm("nightwatch")
                    .setUnauthorizedHandler(new RefusedHandler())
                    .buildAuthFilter()));
    environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Triager.class));

    // A page is rendered whole before it is sent (bodies over 1 MiB stream on), so a template that
    // fails half-way answers 500 rather than a 200 page cut short.
    environment.jersey().property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, PAGE_BUFFER);
    environment.jersey().register(new SecurityHeaders());
    environment.jersey().register(new PageErrors());
    environment
        .jersey()
        .register(new HomeResource(queries, new HomeQueries(database.jdbi(), clock)));
    environment.jersey().register(new BuildPagesResource(queries, store.logs(), explanations));
    environment.jersey().register(new BuildsApiResource(queries, store.logs()));
    environment.jersey().register(new SearchApiResource(search));
    environment.jersey().register(new SearchPageResource(search));
    environment.jersey().register(new FailuresApiResource(clusters, explanations));
    environment.jersey().register(new FailurePagesResource(clusters));
    environment.jersey().register(new ClustersApiResource(clusters, index, clock));
    environment.jersey().register(new ClusterPagesResource(clusters, index, clock, guard));
    environment.jersey().register(new FlakyApiResource(flaky));
    environment.jersey().register(new TestsApiResource(flaky));
    environment.jersey().register(new FlakyPagesResource(flaky, database.jdbi()));
    environment.jersey().register(new PushResource(pollers, buildbot.getPushSecret()));
    environment.jersey().register(new MailResource(database.jdbi()));
    environment.jersey().register(new BuildersPageResource(database.jdbi()));

    environment
        .lifecycle()
        .addServerLifecycleListener(
            server -> LOG.info("Nightwatch is serving at {}", ServerUrls.application(server)));
  }
}
