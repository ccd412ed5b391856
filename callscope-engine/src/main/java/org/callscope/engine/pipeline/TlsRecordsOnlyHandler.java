package org.callscope.engine.pipeline;

import org.callscope.engine.tcp.TcpStreamHandler;
import org.callscope.engine.tls.session.TlsDirection;

/**
 * One direction of a TLS connection followed for its own sake ({@link Analyzer#tlsOnly}): TCP
 * bytes go into the TLS layer, which decrypts and reports them; nobody reads the plaintext as SIP.
 */
final class TlsRecordsOnlyHandler implements TcpStreamHandler {
    private final TlsDirection direction;

    TlsRecordsOnlyHandler(TlsDirection direction) {
        this.direction = direction;
    }

    @Override
    public void onData(byte[] buf, int off, int len, long tsNanos) {
        direction.feed(buf, off, len, tsNanos);
    }

    @Override
    public void onGap(long missingBytes, long tsNanos) {
        direction.gap(missingBytes, tsNanos);
    }

    @Override
    public void onClose(long tsNanos) {
        direction.close(tsNanos);
    }
}
