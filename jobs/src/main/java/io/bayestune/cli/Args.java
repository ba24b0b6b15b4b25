package io.bayestune.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} options after a command, plus positional arguments. Public so that the
 * bench commands (the bayestune-benchmarks module, found by reflection) parse options the same way.
 *
 * <p>An option may be given more than once ({@code --value auc=0.83 --value recall=0.71}): {@link #all} returns
 * every occurrence in order, {@link #get} the last one (what a repeated single-valued option always meant).
 */
public final class Args {
  private final String command;
  private final Map<String, List<String>> options = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional = new ArrayList<>();

  public Args(String command, String[] argv, int from, Set<String> valueOptions, Set<String> flagOptions) {
    this.command = command;
    for (int i = from; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String inline = null;
        int eq = name.indexOf('=');
        if (eq > 0) {
          inline = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flagOptions.contains(name)) {
          flags.add(name);
        } else if (valueOptions.contains(name)) {
          if (inline == null && i + 1 >= argv.length) {
            throw new UsageException(command + ": --" + name + " needs a value");
          }
          options.computeIfAbsent(name, k -> new ArrayList<>()).add(inline != null ? inline : argv[++i]);
        } else {
          throw new UsageException(command + ": unknown option --" + name + "; options are "
              + new java.util.TreeSet<>(union(valueOptions, flagOptions)));
        }
      } else {
        positional.add(a);
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  public String require(String name) {
    String v = get(name);
    if (v == null) {
      throw new UsageException(command + ": --" + name + " is required");
    }
    return v;
  }

  /** The option's value (its last, when given more than once), or null when absent. */
  public String get(String name) {
    List<String> all = options.get(name);
    return all == null ? null : all.get(all.size() - 1);
  }

  /** Every value given to the option, in the order given; empty when absent. */
  public List<String> all(String name) {
    return List.copyOf(options.getOrDefault(name, List.of()));
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public List<String> positional() {
    return positional;
  }

  public double number(String name) {
    String v = require(name);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be a number, but got \"" + v + "\"");
    }
  }

  public long integer(String name, long absent) {
    String v = get(name);
    if (v == null) {
      return absent;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": --" + name + " must be an integer, but got \"" + v + "\"");
    }
  }

  /** A mistake in how the command was called; exits with status 2 and the usage. */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
