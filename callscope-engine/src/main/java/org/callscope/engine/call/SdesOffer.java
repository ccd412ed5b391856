package org.callscope.engine.call;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.media.SrtpCandidate;
import org.callscope.engine.sdp.MediaDescription;
import org.callscope.engine.sdp.SdpCrypto;
import org.callscope.engine.srtp.SdesKeys;
import org.callscope.engine.srtp.SrtpKeyException;

/**
 * The a=crypto lines one side announced on one m= line (RFC 4568): each is a key that side may
 * use for what it sends. Once the other side's answer names one tag, that line is the one in use
 * (§7.1.2 and §7.1.3), so it goes first.
 */
record SdesOffer(List<Integer> tags, List<SrtpCandidate> keys) {

    static SdesOffer of(MediaDescription md) {
        List<Integer> tags = new ArrayList<>();
        List<SrtpCandidate> keys = new ArrayList<>();
        for (SdpCrypto c : md.cryptos()) {
            tags.add(c.tag());
            try {
                keys.add(SrtpCandidate.usable(SdesKeys.parse(c), "sdes"));
            } catch (SrtpKeyException e) {
                keys.add(SrtpCandidate.unusable("sdes", "a=crypto:" + c.tag() + " " + e.getMessage()));
            }
        }
        return new SdesOffer(List.copyOf(tags), List.copyOf(keys));
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** This offer with the line tagged as {@code answer}'s only line first, or unchanged. */
    SdesOffer acceptedBy(SdesOffer answer) {
        if (answer == null || answer.tags.size() != 1 || tags.size() < 2) {
            return this;
        }
        int i = tags.indexOf(answer.tags.getFirst());
        if (i <= 0) {
            return this;
        }
        List<Integer> t = new ArrayList<>(tags);
        List<SrtpCandidate> k = new ArrayList<>(keys);
        t.addFirst(t.remove(i));
        k.addFirst(k.remove(i));
        return new SdesOffer(List.copyOf(t), List.copyOf(k));
    }
}
