package io.bayestune.cli;

import io.bayestune.report.HtmlReport;
import io.bayestune.service.SigOptServer;
import io.bayestune.service.TokenFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code bayestune serve} (the SigOpt-compatible HTTP service, docs/service.md) and {@code bayestune tokens create}
 * (a new API token for a team, its hash added to the tokens file). The service module knows neither Hadoop nor the
 * report; they are wired in here: {@link Stores#open} for s3a:// and hdfs:// state, {@link HtmlReport} for the page.
 */
final class ServeCommand {
  private ServeCommand() {
  }

  static int serve(String[] argv, PrintStream out) throws IOException {
    Args args = new Args("serve", argv, 0, Set.of("port", "host", "state", "tokens", "prepare"), Set.of());
    if (!args.positional().isEmpty()) {
      throw new Args.UsageException("serve: unexpected argument \"" + args.positional().get(0) + "\"");
    }
    long port = args.integer("port", 8080);
    if (port < 0 || port > 65535) {
      throw new Args.UsageException("serve: --port must be from 0 to 65535, but got " + port);
    }
    long prepare = args.integer("prepare", 16);
    if (prepare < 1 || prepare > 256) {
      throw new Args.UsageException("serve: --prepare must be from 1 to 256 suggestions, but got " + prepare);
    }
    String state = args.get("state") != null ? args.get("state") : "bayestune-state";
    SigOptServer.Options options = new SigOptServer.Options(args.get("host") != null ? args.get("host") : "127.0.0.1",
        (int) port, state, Path.of(args.require("tokens")), Stores::open, HtmlReport::render, (int) prepare);
    try (SigOptServer server = SigOptServer.start(options)) {
      // One line on stdout (JSON, like every command) says where it listens, for scripts that start it on port 0.
      out.println("{\"object\":\"server\",\"url\":\"http://" + options.host() + ":" + server.port()
          + "\",\"state\":" + SigOptJson.MAPPER.writeValueAsString(state) + "}");
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException e) {
          // exiting anyway
        }
      }));
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static int tokens(String[] argv, PrintStream out) throws IOException {
    if (argv.length == 0 || !argv[0].equals("create")) {
      throw new Args.UsageException("tokens: the only subcommand is create; use bayestune tokens create --team TEAM"
          + " --tokens FILE");
    }
    Args args = new Args("tokens create", argv, 1, Set.of("team", "tokens"), Set.of());
    String token = TokenFile.create(Path.of(args.require("tokens")), args.require("team"));
    // The only place a token is ever shown: stdout of this command, once.
    out.println(token);
    return 0;
  }
}
