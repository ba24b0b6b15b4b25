/**
 * Covariance functions on the unit cube.
 *
 * <p>Notation, shared with {@code io.bayestune.optimizer.model}:
 * <table>
 *   <caption>Symbols in kernel and model code</caption>
 *   <tr><th>symbol</th><th>meaning</th><th>shape</th></tr>
 *   <tr><td>x, y</td><td>two points in the unit cube</td><td>d</td></tr>
 *   <tr><td>ell</td><td>length scales, one per coordinate (ARD)</td><td>d</td></tr>
 *   <tr><td>s2</td><td>signal variance, k(x, x)</td><td>scalar</td></tr>
 *   <tr><td>r</td><td>scaled distance, r^2 = sum_i ((x_i - y_i) / ell_i)^2</td><td>scalar</td></tr>
 *   <tr><td>theta</td><td>log hyperparameters (log ell_1..d, log s2[, log noise, log knownNoiseScale])</td><td>d + 1 or d + 3</td></tr>
 * </table>
 */
package io.bayestune.optimizer.kernel;
