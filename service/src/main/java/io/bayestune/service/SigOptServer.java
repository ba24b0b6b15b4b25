package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SigOpt-compatible HTTP service: SigOpt's REST API v1 (the parts its clients use) over the project's
 * experiments, with token auth per team, state in an experiment store, and suggestions prepared in the background.
 *
 * <pre>{@code
 * try (SigOptServer server = SigOptServer.start(new SigOptServer.Options("127.0.0.1", 8080, "/var/lib/bayestune",
 *     Path.of("tokens.txt"), StoreOpener.localOnly(), HtmlReport::render, 16))) {
 *   server.awaitTermination();
 * }
 * }</pre>
 * See docs/service.md; the OpenAPI description is served at {@code /openapi.json}.
 */
public final class SigOptServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SigOptServer.class.getName());
  /** Bodies beyond this are refused: the largest legitimate one is a batch of observations. */
  static final int MAX_BODY_BYTES = 16 << 20;

  /**
   * @param host the address to bind (127.0.0.1 unless clients come from other machines)
   * @param port 0 for any free port
   * @param state where experiments live: a directory, or a location the opener understands (s3a://...)
   * @param maxPrepared the most suggestions prepared ahead per experiment (fewer when parallel_bandwidth is lower)
   * @param serialFreshWait how long a request of a serial experiment (parallel_bandwidth 1) waits for a suggestion
   *     made after the latest result before it takes one prepared earlier (2 s unless set; tests of behaviour that
   *     needs a preparation round to end within it give a long one, so that a starved JVM cannot fail them)
   */
  public record Options(String host, int port, String state, Path tokens, StoreOpener opener, ReportRenderer report,
      int maxPrepared, Duration serialFreshWait) {
    public Options {
      if (serialFreshWait == null || serialFreshWait.isNegative()) {
        throw new IllegalArgumentException("serialFreshWait: must be zero or more, but got " + serialFreshWait
            + "; leave it out for the default " + PreparedTakes.DEFAULT_SERIAL_FRESH_WAIT);
      }
    }

    /** Options with the default serial fresh wait. */
    public Options(String host, int port, String state, Path tokens, StoreOpener opener, ReportRenderer report,
        int maxPrepared) {
      this(host, port, state, tokens, opener, report, maxPrepared, PreparedTakes.DEFAULT_SERIAL_FRESH_WAIT);
    }
  }

  private final HttpServer http;
  private final ThreadPoolExecutor requestThreads;
  private final ExperimentRegistry registry;
  private final SuggestionPreparer preparer;
  private final Auth auth;
  private final Routes routes;
  private final byte[] openApi;

  private SigOptServer(Options o) throws IOException {
    this.registry = new ExperimentRegistry(o.state(), o.opener());
    this.auth = new Auth(TokenFile.load(o.tokens()));
    this.preparer = new SuggestionPreparer(Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
        o.maxPrepared());
    ExperimentsApi experiments = new ExperimentsApi(registry, preparer, o.report());
    SuggestionsApi suggestions = new SuggestionsApi(experiments, preparer, o.serialFreshWait());
    ObservationsApi observations = new ObservationsApi(experiments, preparer);
    String e = "/v1/experiments/{experiment}";
    this.routes = new Routes()
        .add("POST", "/v1/experiments", experiments::create)
        .add("GET", "/v1/experiments", experiments::list)
        .add("GET", e, experiments::fetch)
        .add("PUT", e, experiments::update)
        .add("DELETE", e, experiments::delete)
        .add("GET", e + "/best_assignments", experiments::bestAssignments)
        .add("POST", e + "/suggestions", suggestions::create)
        .add("GET", e + "/suggestions", suggestions::list)
        .add("DELETE", e + "/suggestions", suggestions::delete)
        .add("GET", e + "/suggestions/{suggestion}", suggestions::fetch)
        .add("DELETE", e + "/suggestions/{suggestion}", suggestions::delete)
        .add("POST", e + "/observations", observations::create)
        .add("POST", e + "/observations/batch", observations::createBatch)
        .add("GET", e + "/observations", observations::list)
        .add("GET", e + "/observations/{observation}", observations::fetch)
        .add("DELETE", e + "/observations/{observation}", observations::delete)
        .add("GET", "/experiments/{experiment}/report", experiments::report);
    try (InputStream in = SigOptServer.class.getResourceAsStream("openapi.json")) {
      this.openApi = in.readAllBytes();
    }
    this.http = HttpServer.create(new InetSocketAddress(o.host(), o.port()), 128);
    // One thread per request in flight, so a request waiting on one experiment never holds up another's.
    AtomicInteger n = new AtomicInteger();
    this.requestThreads = new ThreadPoolExecutor(256, 256, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "bayestune-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    requestThreads.allowCoreThreadTimeOut(true);
    http.setExecutor(requestThreads);
    http.createContext("/", this::exchange);
  }

  /** Binds and starts serving. */
  public static SigOptServer start(Options options) throws IOException {
    SigOptServer server = new SigOptServer(options);
    server.http.start();
    server.resumePreparing();
    LOG.log(System.Logger.Level.INFO, "serving SigOpt's API v1 on http://" + options.host() + ":" + server.port()
        + " with state at " + server.registry.location());
    return server;
  }

  /**
   * Starts preparing suggestions for every active experiment at once, as a restarted SigOpt service resumed its
   * workers, so that the clients that come back after a restart find a pool that knows every observation (and a
   * warmed-up optimizer) instead of all waiting for the first model fit.
   */
  private void resumePreparing() throws IOException {
    for (ExperimentSession s : registry.all()) {
      if (s.read(st -> !st.facts.deleted && !st.experiment.budgetReached())) {
        preparer.schedule(s);
      }
    }
  }

  /** The served experiments (tests compare what a session holds with what its store replays). */
  ExperimentRegistry registry() {
    return registry;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void exchange(HttpExchange x) {
    long started = System.nanoTime();
    String method = x.getRequestMethod();
    String path = x.getRequestURI().getRawPath();
    String team = "-";
    int status;
    try {
      if (method.equals("GET") && (path.equals("/openapi.json") || path.equals("/v1/openapi.json"))) {
        status = send(x, 200, "application/json", openApi);
      } else {
        team = auth.team(x.getRequestHeaders().getFirst("Authorization"));
        Routes.Match match = routes.match(method, path);
        Call call = new Call(team, match.path(), query(x.getRequestURI().getRawQuery()), body(x));
        status = send(x, match.handler().handle(call));
      }
    } catch (ApiException e) {
      status = error(x, e.status(), e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The optimizer's refusals (a bad spec, a used suggestion, a used-up space) name the field and the fix.
      status = error(x, 400, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, method + " " + path + ": the experiment store failed", e);
      status = error(x, 503, "the experiment store is unavailable (" + e.getMessage() + "); nothing was changed,"
          + " retry the request");
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      LOG.log(System.Logger.Level.ERROR, method + " " + path + " failed", e);
      status = error(x, 500, "internal error (" + e.getClass().getSimpleName() + "); nothing was changed; the server"
          + " log has the details");
    } finally {
      x.close();
    }
    // Never the Authorization header nor the query: method, path, status, team. Refused logins and server errors
    // at INFO (who knocked), the rest at DEBUG.
    System.Logger.Level level = status == 401 || status >= 500 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    if (LOG.isLoggable(level)) {
      LOG.log(level, String.format("%s %s %d team=%s from=%s %.1fms", method, path, status, team,
          x.getRemoteAddress().getAddress().getHostAddress(), (System.nanoTime() - started) / 1e6));
    }
  }

  private static JsonNode body(HttpExchange x) throws IOException {
    byte[] bytes = x.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "body: larger than " + (MAX_BODY_BYTES >> 20) + " MiB; send observations in"
          + " batches");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.isBlank() ? Json.MAPPER.createObjectNode() : Json.parse(text);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("query: not valid URL encoding in \"" + Call.shorten(pair) + "\"");
      }
    }
    return out;
  }

  private static int send(HttpExchange x, Reply r) throws IOException {
    if (r.html() != null) {
      return send(x, r.status(), "text/html; charset=utf-8", r.html().getBytes(StandardCharsets.UTF_8));
    }
    if (r.json() == null) {
      x.sendResponseHeaders(r.status(), -1);
      return r.status();
    }
    return send(x, r.status(), "application/json", Json.write(r.json()).getBytes(StandardCharsets.UTF_8));
  }

  private static int error(HttpExchange x, int status, String message) {
    if (status == 401) {
      x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"bayestune\"");
    }
    try {
      return send(x, status, "application/json",
          Json.write(Json.error(status, message)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return status; // the client went away
    }
  }

  private static int send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
    return status;
  }

  /** Blocks until the server is closed (the serve command's main thread). */
  public void awaitTermination() throws InterruptedException {
    requestThreads.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    requestThreads.shutdownNow();
    try {
      preparer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    registry.close();
  }
}
