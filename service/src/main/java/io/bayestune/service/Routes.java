package io.bayestune.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API's routes: a method and a path template such as {@code /v1/experiments/{experiment}}, to a handler. */
final class Routes {
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call) throws IOException;
  }

  record Route(String method, Pattern pattern, List<String> names, Handler handler) {
  }

  /** A matched route with the path's parameters. */
  record Match(Handler handler, Map<String, String> path) {
  }

  private final List<Route> routes = new ArrayList<>();

  Routes add(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
    return this;
  }

  /**
   * The route for a request.
   *
   * @throws ApiException 404 for an unknown path, 405 (naming the allowed methods) for a known path
   */
  Match match(String method, String path) {
    TreeSet<String> allowed = new TreeSet<>();
    for (Route r : routes) {
      Matcher m = r.pattern().matcher(path);
      if (m.matches()) {
        if (r.method().equals(method)) {
          Map<String, String> params = new LinkedHashMap<>();
          for (int i = 0; i < r.names().size(); i++) {
            params.put(r.names().get(i), m.group(i + 1));
          }
          return new Match(r.handler(), params);
        }
        allowed.add(r.method());
      }
    }
    if (allowed.isEmpty()) {
      throw ApiException.notFound("path: " + Call.shorten(path) + " is not part of this API; see /openapi.json");
    }
    throw new ApiException(405, "method: " + Call.shorten(method) + " is not allowed on " + Call.shorten(path)
        + "; use " + String.join(", ", allowed));
  }
}
