package org.callscope.engine.tls.handshake;

import java.util.ArrayList;
import java.util.List;

/** Keeps every message and error a reassembler delivers. */
final class RecordingHandshakeListener implements HandshakeListener {
    record Message(int type, byte[] body, byte[] transcript, long tsNanos) {
    }

    final List<Message> messages = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void onHandshake(int type, byte[] body, byte[] transcriptBytes, long tsNanos) {
        messages.add(new Message(type, body, transcriptBytes, tsNanos));
    }

    @Override
    public void onHandshakeError(String reason, long tsNanos) {
        errors.add(reason);
    }

    List<Integer> types() {
        return messages.stream().map(Message::type).toList();
    }
}
