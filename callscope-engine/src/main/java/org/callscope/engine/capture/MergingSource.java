package org.callscope.engine.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads several sources as one, in timestamp order (a k-way merge over a binary heap); frames
 * with equal timestamps come in the order the sources were given. Frame numbers stay those of
 * each source's own file.
 *
 * <p>A {@link DeferredFileSource} waits in the heap under its first frame's time and is opened only
 * when the merge reaches it; a source's look-ahead packet is made when it is first read and let go
 * when it ends. A run over many files that follow each other in time so holds a few open at once.
 *
 * <p>A damaged source does not stop the merge: its damage is recorded and the others are read to
 * their ends; {@link #damage()} is the first damage seen and {@link #damages()} all of them.
 *
 * <p>Owned by one reader thread. Delivering a frame swaps byte arrays with the caller's packet
 * instead of copying, so nothing is allocated per frame.
 */
public final class MergingSource implements PacketSource {
    private final PacketSource[] sources;
    /** Each source's look-ahead frame; null before its first read and after its end. */
    private final CapturedPacket[] heads;
    /** Heap key of each source: its head's time, or a deferred source's first frame time. */
    private final long[] keys;
    /** The source is in the heap under its first frame time but not opened yet. */
    private final boolean[] pending;
    /** Heap of source indices ordered by (key, index). */
    private final int[] heap;
    private int heapSize;
    private boolean primed;
    private final List<CaptureDamage> damages = new ArrayList<>();

    public MergingSource(List<? extends PacketSource> sources) {
        this.sources = sources.toArray(new PacketSource[0]);
        this.heads = new CapturedPacket[this.sources.length];
        this.keys = new long[this.sources.length];
        this.pending = new boolean[this.sources.length];
        this.heap = new int[this.sources.length];
    }

    @Override
    public boolean next(CapturedPacket into) throws IOException {
        if (!primed) {
            primed = true;
            prime();
        }
        while (heapSize > 0 && pending[heap[0]]) {
            int first = heap[0];
            pending[first] = false;
            if (advance(first)) {
                siftDown(0); // the file may have changed since it was scanned
            } else {
                removeTop();
            }
        }
        if (heapSize == 0) {
            return false;
        }
        int i = heap[0];
        CapturedPacket head = heads[i];
        byte[] spare = into.data;
        into.data = head.data;
        head.data = spare;
        into.tsNanos = head.tsNanos;
        into.linkType = head.linkType;
        into.capturedLength = head.capturedLength;
        into.originalLength = head.originalLength;
        into.interfaceId = head.interfaceId;
        into.frameNumber = head.frameNumber;
        if (advance(i)) {
            siftDown(0);
        } else {
            removeTop();
        }
        return true;
    }

    private void prime() throws IOException {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] instanceof DeferredFileSource d && d.firstTsNanos() != DeferredFileSource.NO_FRAMES) {
                keys[i] = d.firstTsNanos();
                pending[i] = true;
                push(i);
            } else if (advance(i)) {
                push(i);
            }
        }
    }

    private void removeTop() {
        heap[0] = heap[--heapSize];
        siftDown(0);
    }

    /** Reads source {@code i}'s next frame into its head; records its damage when it ends. */
    private boolean advance(int i) throws IOException {
        CapturedPacket head = heads[i];
        if (head == null) {
            head = heads[i] = new CapturedPacket();
        }
        if (sources[i].next(head)) {
            keys[i] = head.tsNanos;
            return true;
        }
        heads[i] = null;
        CaptureDamage d = sources[i].damage();
        if (d != null) {
            damages.add(d);
        }
        return false;
    }

    private boolean before(int a, int b) {
        long ta = keys[a];
        long tb = keys[b];
        return ta < tb || (ta == tb && a < b);
    }

    private void push(int i) {
        int k = heapSize++;
        heap[k] = i;
        while (k > 0) {
            int parent = (k - 1) / 2;
            if (!before(heap[k], heap[parent])) {
                break;
            }
            swap(k, parent);
            k = parent;
        }
    }

    private void siftDown(int k) {
        while (true) {
            int left = 2 * k + 1;
            if (left >= heapSize) {
                return;
            }
            int child = left + 1 < heapSize && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[child], heap[k])) {
                return;
            }
            swap(k, child);
            k = child;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    /** The first damage any source reported, or {@code null}. */
    @Override
    public CaptureDamage damage() {
        return damages.isEmpty() ? null : damages.get(0);
    }

    /** Every damage reported so far, in the order it was met. */
    public List<CaptureDamage> damages() {
        return List.copyOf(damages);
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("merge of");
        for (PacketSource s : sources) {
            sb.append(' ').append(s.name());
        }
        return sb.toString();
    }

    /** Closes every source, even when one fails; the first failure is thrown. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (PacketSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
