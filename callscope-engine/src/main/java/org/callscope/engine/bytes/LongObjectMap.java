package org.callscope.engine.bytes;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Open-addressing hash map from {@code long} keys to objects, for flows keyed by packed
 * address+port values. No allocation on {@link #get}; {@link #put} allocates only when the table
 * grows. Linear probing with backward-shift deletion (no tombstones). Not thread-safe.
 */
public final class LongObjectMap<V> {
    private static final float LOAD = 0.6f;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD)) - 1) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = index(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Associates {@code value} (not null) with {@code key}; returns the previous value. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        int i = index(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size > keys.length * LOAD) {
            grow();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int i = index(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V old = (V) values[i];
                shiftBack(i);
                size--;
                return old;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<V> action) {
        for (Object v : values.clone()) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = index(keys[i]);
            // Move the entry back if the hole lies cyclically between its home slot and its slot.
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int j = index(oldKeys[i]);
                while (values[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
                size++;
            }
        }
    }

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
