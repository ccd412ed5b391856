/**
 * The per-call capture written to disk: {@code PcapWriter} turns frames back into a classic
 * pcap file (nanosecond timestamps) that Wireshark opens. Which frames go into which call's file,
 * and where the files live, will also belong here.
 */
package org.callscope.engine.spool;
