package io.bayestune.optimizer.sampling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sobol' low-discrepancy points in [0, 1)^d, optionally scrambled.
 *
 * <p>Point i has, in dimension j, the binary digits of {@code x_ij = XOR over set bits k of
 * gray(i) of v_jk}, where {@code gray(i) = i ^ (i >> 1)} and the direction numbers
 * {@code v_jk = m_jk / 2^k} follow the recurrence of the primitive polynomial of dimension j
 * (Bratley and Fox 1988, Algorithm 659), with the initial {@code m_jk} of Joe and Kuo (2008),
 * file new-joe-kuo-6.21201 (the first {@value #MAX_DIMENSION} dimensions are bundled). Points are
 * generated in Gray-code order (Antonov and Saleev 1979), one XOR per coordinate.
 *
 * <p>Scrambling is a random linear matrix scramble plus a digital shift (Matousek 1998, "On the L2
 * discrepancy for anchored boxes", J. Complexity 14; Owen 2003, "Variance with alternative
 * scramblings of digital nets"): each dimension's digits are multiplied by a random lower
 * triangular binary matrix with unit diagonal and XORed with a random shift. Both maps are linear
 * over GF(2), so they are applied once to the direction numbers; the scrambled sequence keeps the
 * (t, m, s)-net property of every block of 2^m points, and each point is uniform on [0, 1)^d.
 *
 * <p>The sequence starts at point 0 (the origin when unscrambled), as Owen (2020, "On dropping the
 * first Sobol' point", arXiv:2008.08051) recommends: use blocks of 2^m points from the start.
 *
 * <pre>{@code
 * SobolSequence sobol = new SobolSequence(12, seed);
 * double[][] candidates = sobol.next(1024);
 * }</pre>
 *
 * <p>Not thread-safe: one sequence per thread.
 */
public final class SobolSequence {

  /** Number of dimensions whose direction numbers are bundled. */
  public static final int MAX_DIMENSION = 4096;

  /** Binary digits per coordinate: the full mantissa of a double in [0, 1). */
  private static final int BITS = 52;
  private static final double SCALE = 0x1.0p-52;
  private static final String RESOURCE = "new-joe-kuo-6.21201-first-4096.txt";

  private final int dimension;
  /** directions[j][k]: direction number k of dimension j, digit 1 in bit BITS - 1. */
  private final long[][] directions;
  private final long[] current;
  private long index;

  /**
   * A sequence in {@code dimension} dimensions; scrambled with {@code scrambleSeed} when it is
   * {@code >= 0}, unscrambled when it is negative.
   *
   * @throws IllegalArgumentException if {@code dimension} is not in [1, {@value #MAX_DIMENSION}]
   */
  public SobolSequence(int dimension, long scrambleSeed) {
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException("Sobol sequence: dimension must be in [1, " + MAX_DIMENSION
          + "], but got " + dimension + "; beyond that use random sampling or bundle more of the "
          + "Joe-Kuo direction numbers (21201 dimensions are published)");
    }
    this.dimension = dimension;
    this.directions = DirectionTable.directions(dimension);
    this.current = new long[dimension];
    if (scrambleSeed >= 0) {
      scramble(new SplittableRandom(scrambleSeed));
    }
  }

  /** The unscrambled sequence, whose first points are 0, 1/2, 3/4, 1/4, 3/8, ... in dimension 0. */
  public static SobolSequence unscrambled(int dimension) {
    return new SobolSequence(dimension, -1);
  }

  public int dimension() {
    return dimension;
  }

  /** The next point, d coordinates in [0, 1). */
  public double[] next() {
    if (index > 0) {
      // Gray-code order: point i differs from point i-1 by the direction of i's lowest set bit.
      int k = Long.numberOfTrailingZeros(index);
      if (k >= BITS) {
        throw new IllegalStateException("Sobol sequence exhausted after 2^" + BITS + " points");
      }
      for (int j = 0; j < dimension; j++) {
        current[j] ^= directions[j][k];
      }
    }
    index++;
    double[] point = new double[dimension];
    for (int j = 0; j < dimension; j++) {
      point[j] = current[j] * SCALE;
    }
    return point;
  }

  /** The next {@code n} points, an n x d array. */
  public double[][] next(int n) {
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = next();
    }
    return points;
  }

  private void scramble(SplittableRandom random) {
    for (int j = 0; j < dimension; j++) {
      // Row r of the matrix maps input digits to output digit r (r = 0 is the most significant
      // digit, stored in bit BITS - 1). Lower triangular with unit diagonal: output digit r
      // depends on input digit r and random more significant digits, which keeps it invertible
      // and keeps the net's elementary intervals intact.
      long[] rows = new long[BITS];
      for (int r = 0; r < BITS; r++) {
        long diagonal = 1L << (BITS - 1 - r);
        long moreSignificant = ((1L << BITS) - 1) & ~((diagonal << 1) - 1);
        rows[r] = diagonal | (random.nextLong() & moreSignificant);
      }
      for (int k = 0; k < BITS; k++) {
        long v = directions[j][k];
        long scrambled = 0;
        for (int r = 0; r < BITS; r++) {
          if ((Long.bitCount(rows[r] & v) & 1) == 1) {
            scrambled |= 1L << (BITS - 1 - r);
          }
        }
        directions[j][k] = scrambled;
      }
      current[j] = random.nextLong() & ((1L << BITS) - 1);
    }
  }

  /** Parses the bundled Joe-Kuo table once, and builds direction numbers from it. */
  private static final class DirectionTable {
    private static final List<long[]> LINES = load();

    static long[][] directions(int dimension) {
      long[][] v = new long[dimension][BITS];
      for (int k = 0; k < BITS; k++) {
        v[0][k] = 1L << (BITS - 1 - k); // van der Corput: all m_k = 1
      }
      for (int j = 1; j < dimension; j++) {
        long[] line = LINES.get(j - 1);
        int s = (int) line[1];
        long a = line[2];
        long[] m = new long[BITS];
        for (int k = 0; k < s && k < BITS; k++) {
          m[k] = line[3 + k];
        }
        // m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2} ^ ... ^ 2^(s-1) a_{s-1} m_{k-s+1} ^ 2^s m_{k-s} ^ m_{k-s},
        // a_1 being the most significant of the s - 1 bits of a (Joe and Kuo 2008, eq. 3).
        for (int k = s; k < BITS; k++) {
          long mk = m[k - s] ^ (m[k - s] << s);
          for (int i = 1; i < s; i++) {
            if (((a >> (s - 1 - i)) & 1) == 1) {
              mk ^= m[k - i] << i;
            }
          }
          m[k] = mk;
        }
        for (int k = 0; k < BITS; k++) {
          v[j][k] = m[k] << (BITS - 1 - k);
        }
      }
      return v;
    }

    private static List<long[]> load() {
      List<long[]> lines = new ArrayList<>(MAX_DIMENSION);
      try (InputStream in = SobolSequence.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Sobol direction numbers missing from the class path: " + RESOURCE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String text;
        while ((text = reader.readLine()) != null) {
          if (text.isEmpty() || text.startsWith("#") || text.startsWith("d")) {
            continue;
          }
          String[] fields = text.trim().split("\\s+");
          long[] line = new long[fields.length];
          for (int i = 0; i < fields.length; i++) {
            line[i] = Long.parseLong(fields[i]);
          }
          lines.add(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Sobol direction numbers " + RESOURCE, e);
      }
      if (lines.size() != MAX_DIMENSION - 1) {
        throw new IllegalStateException(RESOURCE + ": expected " + (MAX_DIMENSION - 1) + " lines, got " + lines.size());
      }
      return lines;
    }
  }
}
