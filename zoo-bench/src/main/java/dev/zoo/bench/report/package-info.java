/**
 * Pictures of training runs: self-contained HTML pages with JFreeChart charts inlined, for one run
 * folder or several overlaid ({@code zoo report}), and the chart of gradient norm by layer.
 */
package dev.zoo.bench.report;
