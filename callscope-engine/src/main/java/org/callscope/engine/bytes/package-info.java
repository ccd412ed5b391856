/** Byte-level helpers shared by every layer: network-order reads, packed flow keys, long-keyed maps. */
package org.callscope.engine.bytes;
