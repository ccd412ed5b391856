package org.callscope.engine.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges DTMF digits from several sources into one string in time order. */
public final class TimedDigits {
    private TimedDigits() {
    }

    public static String merge(List<List<MediaStream.TimedDigit>> sources) {
        List<MediaStream.TimedDigit> all = new ArrayList<>();
        sources.forEach(all::addAll);
        all.sort(Comparator.comparingLong(MediaStream.TimedDigit::tsNanos));
        StringBuilder sb = new StringBuilder(all.size());
        for (MediaStream.TimedDigit d : all) {
            sb.append(d.digit());
        }
        return sb.toString();
    }
}
