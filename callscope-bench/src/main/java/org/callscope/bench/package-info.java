/**
 * Performance measurement of CallScope: a generator of synthetic SIP + RTP captures
 * ({@link org.callscope.bench.CorpusGenerator}) and JMH benchmarks of the engine's per-packet paths.
 * Nothing here is used by the product; it exists to produce the numbers in docs/PERFORMANCE.md.
 */
package org.callscope.bench;
