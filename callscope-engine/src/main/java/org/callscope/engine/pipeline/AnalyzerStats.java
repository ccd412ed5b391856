package org.callscope.engine.pipeline;

/** Counters of one analysis run. Written by the analyzer's thread; read after {@link Analyzer#finish}. */
public final class AnalyzerStats {
    public long frames;
    public long malformed;
    public long udpDatagrams;
    public long tcpSegments;
    public long mediaDatagrams;
    public long sipMessages;
    public long openCalls;
    public long callsClosed;
    public long tlsConnections;
    public long tlsDecryptedConnections;
    /** Key-log secrets taken from key datagrams inside the capture. */
    public long keysFromCapture;
    public long badKeyDatagrams;
}
