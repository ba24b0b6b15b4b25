package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SigOpt's pagination: newest first, {@code limit} items (default 100, at most 1000), {@code before=ID} for the
 * items older than ID, {@code after=ID} for those newer; the reply's {@code paging.before}/{@code paging.after}
 * are the markers for the next page each way (null at the ends).
 * <pre>{"object":"pagination","count":N,"data":[...],"paging":{"before":"12","after":null}}</pre>
 */
final class Paging {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Paging() {
  }

  /** One page of {@code items} (given in ascending order of their numeric ids). */
  static <T> ObjectNode page(List<T> items, Function<T, String> id, Function<T, JsonNode> render,
      Map<String, String> query) {
    int limit = limit(query.get("limit"));
    Long before = marker("before", query.get("before"));
    Long after = marker("after", query.get("after"));
    List<T> newestFirst = new ArrayList<>();
    for (int i = items.size() - 1; i >= 0; i--) {
      long key = Long.parseLong(id.apply(items.get(i)));
      if ((before == null || key < before) && (after == null || key > after)) {
        newestFirst.add(items.get(i));
      }
    }
    // With only "after", the page is the one just after the marker: the oldest of the newer items.
    int from = before == null && after != null ? Math.max(0, newestFirst.size() - limit) : 0;
    int to = Math.min(newestFirst.size(), from + limit);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "pagination");
    out.put("count", items.size());
    ArrayNode data = out.putArray("data");
    for (T t : newestFirst.subList(from, to)) {
      data.add(render.apply(t));
    }
    ObjectNode paging = out.putObject("paging");
    paging.putNull("before");
    paging.putNull("after");
    if (to > from) {
      long oldestShown = Long.parseLong(id.apply(newestFirst.get(to - 1)));
      long newestShown = Long.parseLong(id.apply(newestFirst.get(from)));
      if (Long.parseLong(id.apply(items.get(0))) < oldestShown) {
        paging.put("before", Long.toString(oldestShown));
      }
      if (Long.parseLong(id.apply(items.get(items.size() - 1))) > newestShown) {
        paging.put("after", Long.toString(newestShown));
      }
    }
    return out;
  }

  static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("limit: must be an integer from 1 to " + MAX_LIMIT + ", but got \"" + raw + "\"");
  }

  private static Long marker(String name, String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": must be an id from a previous page's paging." + name + ", but got \""
          + raw + "\"");
    }
  }
}
