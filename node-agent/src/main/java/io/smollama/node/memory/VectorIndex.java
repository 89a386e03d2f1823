package io.smollama.node.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory search index over every stored observation and memory, rebuilt from SQLite at start.
 * It holds each item's filter attributes (kind, type, created time, node, active) and, when the item has
 * a vector of the current model, that vector quantised to int8 with one scale per vector (384 bytes an
 * item instead of 1,536). {@link #top} scans every item, applies the filter first and keeps the best
 * {@code n} by approximate cosine; callers rescore those exactly with the float vectors from SQLite.
 * Items without a vector (not yet re-embedded) are kept for filtering but never returned by {@link #top}.
 * Thread-safe: one writer or many readers.
 */
final class VectorIndex {

    static final byte MEMORY = 0;
    static final byte OBSERVATION = 1;
    /**
     * From this many items a search first shortlists by the Hamming distance of sign bits (48 bytes an item,
     * a few popcounts each) and scores only the nearest eighth (at least {@value #SHORTLIST}) in int8; below
     * it, every item is scored in int8.
     */
    static final int BINARY_FROM = 20_000;

    static final int SHORTLIST = 2_000;
    private static final List<String> TYPES = List.of("", "pattern", "anomaly", "status", "summary", "general");

    /** What a search admits; {@code kinds} is a bit mask (1 &lt;&lt; kind). */
    record Filter(
            int kinds,
            @Nullable String type,
            long sinceMillis,
            @Nullable String node,
            boolean includeInactive) {
        static final int BOTH = (1 << MEMORY) | (1 << OBSERVATION);
    }

    /** A search result: the item and its approximate cosine similarity. */
    record Candidate(byte kind, long seq, double approx) {}

    /** An item's filter attributes. */
    record Entry(byte kind, long seq, String type, long createdMillis, String node, boolean active) {}

    private int dims; // set by the first vector
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> memorySlots = new HashMap<>();
    private final Map<Long, Integer> observationSlots = new HashMap<>();
    private final List<String> nodeNames = new ArrayList<>();
    private final Map<String, Integer> nodeCodes = new HashMap<>();
    private int size;
    private int withVectors;
    private byte[] kinds = new byte[0];
    private long[] seqs = new long[0];
    private byte[] types = new byte[0];
    private long[] created = new long[0];
    private int[] nodes = new int[0];
    private boolean[] active = new boolean[0];
    private float[] scales = new float[0]; // 0 = no vector
    private byte[] quantised = new byte[0];
    private long[] bits = new long[0];

    /** Dimensions of the indexed vectors; 0 until the first vector arrives. */
    int dims() {
        lock.readLock().lock();
        try {
            return dims;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces an item; {@code vector} (unit length, {@link #dims} long) may be null. */
    void put(Entry e, float @Nullable [] vector) {
        lock.writeLock().lock();
        try {
            Map<Long, Integer> slots = slots(e.kind());
            Integer slot = slots.get(e.seq());
            if (slot == null) {
                slot = size++;
                grow(size);
                slots.put(e.seq(), slot);
            } else if (scales[slot] != 0) {
                withVectors--;
            }
            kinds[slot] = e.kind();
            seqs[slot] = e.seq();
            types[slot] = (byte) Math.max(0, TYPES.indexOf(e.type()));
            created[slot] = e.createdMillis();
            nodes[slot] = nodeCode(e.node());
            active[slot] = e.active();
            scales[slot] = 0;
            if (vector != null) {
                quantise(vector, slot);
                withVectors++;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sets the vector of an existing item; false when the item is not indexed. */
    boolean setVector(byte kind, long seq, float[] vector) {
        lock.writeLock().lock();
        try {
            Integer slot = slots(kind).get(seq);
            if (slot == null) {
                return false;
            }
            if (scales[slot] == 0) {
                withVectors++;
            }
            quantise(vector, slot);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void setActive(byte kind, long seq, boolean isActive) {
        lock.writeLock().lock();
        try {
            Integer slot = slots(kind).get(seq);
            if (slot != null) {
                active[slot] = isActive;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes an item, moving the last one into its slot. */
    void remove(byte kind, long seq) {
        lock.writeLock().lock();
        try {
            Integer slot = slots(kind).remove(seq);
            if (slot == null) {
                return;
            }
            if (scales[slot] != 0) {
                withVectors--;
            }
            int last = --size;
            if (slot != last) {
                kinds[slot] = kinds[last];
                seqs[slot] = seqs[last];
                types[slot] = types[last];
                created[slot] = created[last];
                nodes[slot] = nodes[last];
                active[slot] = active[last];
                scales[slot] = scales[last];
                System.arraycopy(quantised, last * dims, quantised, slot * dims, dims);
                System.arraycopy(bits, last * words(), bits, slot * words(), words());
                slots(kinds[slot]).put(seqs[slot], slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    int withVectors() {
        lock.readLock().lock();
        try {
            return withVectors;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The best {@code n} items with vectors that pass {@code filter}, best first. */
    List<Candidate> top(float[] query, int n, Filter filter) {
        byte[] q = new byte[query.length];
        float qScale = quantiseInto(query, q, 0);
        lock.readLock().lock();
        try {
            if (dims == 0 || query.length != dims) {
                return List.of();
            }
            int typeCode = filter.type() == null ? -1 : TYPES.indexOf(filter.type());
            int nodeCode;
            if (filter.node() == null) {
                nodeCode = -1;
            } else {
                Integer c = nodeCodes.get(filter.node());
                if (c == null) {
                    return List.of();
                }
                nodeCode = c;
            }
            TopN best;
            if (size < BINARY_FROM) {
                best = scan(q, n, filter, typeCode, nodeCode);
            } else {
                int[] shortlist = scanBits(
                        signBits(query), Math.max(SHORTLIST, Math.max(20 * n, size / 8)), filter, typeCode, nodeCode);
                best = new TopN(n);
                for (int slot : shortlist) {
                    best.offer(slot, dot(quantised, slot * dims, q, dims) * scales[slot]);
                }
            }
            int[] slotsFound = best.slotsBestFirst();
            List<Candidate> out = new ArrayList<>(slotsFound.length);
            double norm = qScale / (127.0 * 127.0);
            for (int s : slotsFound) {
                out.add(new Candidate(kinds[s], seqs[s], best.score(s) * norm));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The best {@code n} by int8 dot product over every slot passing the filter; under the read lock. */
    private TopN scan(byte[] q, int n, Filter filter, int typeCode, int nodeCode) {
        TopN best = new TopN(n);
        byte[] data = quantised;
        int d = dims;
        for (int slot = 0; slot < size; slot++) {
            if (admits(slot, filter, typeCode, nodeCode)) {
                best.offer(slot, dot(data, slot * d, q, d) * scales[slot]);
            }
        }
        return best;
    }

    /**
     * About the {@code m} nearest slots by Hamming distance of sign bits among those passing the filter
     * (all slots at the cut-off distance are kept). Distances are small integers, so the cut is found with a
     * histogram instead of a heap: two linear passes.
     */
    private int[] scanBits(long[] qBits, int m, Filter filter, int typeCode, int nodeCode) {
        long[] data = bits;
        int w = qBits.length;
        int[] distance = new int[size];
        int[] histogram = new int[w * 64 + 2];
        for (int slot = 0; slot < size; slot++) {
            if (admits(slot, filter, typeCode, nodeCode)) {
                int off = slot * w;
                int d = 0;
                for (int i = 0; i < w; i++) {
                    d += Long.bitCount(data[off + i] ^ qBits[i]);
                }
                distance[slot] = d;
                histogram[d]++;
            } else {
                distance[slot] = -1;
            }
        }
        int cut = 0;
        int kept = 0;
        while (cut < histogram.length - 1 && kept + histogram[cut] < m) {
            kept += histogram[cut++];
        }
        kept += histogram[cut];
        int[] out = new int[kept];
        int k = 0;
        for (int slot = 0; slot < size && k < kept; slot++) {
            int d = distance[slot];
            if (d >= 0 && d <= cut) {
                out[k++] = slot;
            }
        }
        return out;
    }

    private boolean admits(int slot, Filter filter, int typeCode, int nodeCode) {
        return scales[slot] != 0
                && (filter.kinds() & (1 << kinds[slot])) != 0
                && (typeCode < 0 || types[slot] == typeCode)
                && created[slot] >= filter.sinceMillis()
                && (nodeCode < 0 || nodes[slot] == nodeCode)
                && (filter.includeInactive() || active[slot]);
    }

    private static long[] signBits(float[] v) {
        long[] out = new long[(v.length + 63) / 64];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                out[i >> 6] |= 1L << (i & 63);
            }
        }
        return out;
    }

    private static int dot(byte[] data, int off, byte[] q, int dims) {
        int s = 0;
        for (int i = 0; i < dims; i++) {
            s += data[off + i] * q[i]; // a plain loop: C2 turns it into SIMD multiply-adds
        }
        return s;
    }

    private void quantise(float[] v, int slot) {
        if (dims == 0) {
            dims = v.length;
            quantised = new byte[seqs.length * dims];
            bits = new long[seqs.length * words()];
        }
        if (v.length != dims) {
            throw new MemoryException("a " + v.length + "-dimensional vector cannot join an index of " + dims);
        }
        scales[slot] = quantiseInto(v, quantised, slot * dims);
        System.arraycopy(signBits(v), 0, bits, slot * words(), words());
    }

    /** Writes {@code v} as int8 into {@code out} at {@code off}; returns its scale (max |x|), never 0. */
    private static float quantiseInto(float[] v, byte[] out, int off) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0) {
            max = Float.MIN_NORMAL;
        }
        float k = 127f / max;
        for (int i = 0; i < v.length; i++) {
            out[off + i] = (byte) Math.round(v[i] * k);
        }
        return max;
    }

    private int words() {
        return (dims + 63) / 64;
    }

    private Map<Long, Integer> slots(byte kind) {
        return kind == MEMORY ? memorySlots : observationSlots;
    }

    private int nodeCode(String node) {
        return nodeCodes.computeIfAbsent(node, n -> {
            nodeNames.add(n);
            return nodeNames.size() - 1;
        });
    }

    private void grow(int needed) {
        if (needed <= seqs.length) {
            return;
        }
        int cap = Math.max(1024, seqs.length + (seqs.length >> 1));
        while (cap < needed) {
            cap += cap >> 1;
        }
        kinds = Arrays.copyOf(kinds, cap);
        seqs = Arrays.copyOf(seqs, cap);
        types = Arrays.copyOf(types, cap);
        created = Arrays.copyOf(created, cap);
        nodes = Arrays.copyOf(nodes, cap);
        active = Arrays.copyOf(active, cap);
        scales = Arrays.copyOf(scales, cap);
        quantised = Arrays.copyOf(quantised, cap * dims);
        bits = Arrays.copyOf(bits, cap * words());
    }

    /** The {@code n} highest scores seen, as a min-heap of slots. */
    private static final class TopN {
        private final int[] heap;
        private final float[] scores;
        private final Map<Integer, Float> bySlot = new HashMap<>();
        private int count;

        TopN(int n) {
            heap = new int[n];
            scores = new float[n];
        }

        void offer(int slot, float score) {
            if (heap.length == 0) {
                return;
            }
            if (count < heap.length) {
                heap[count] = slot;
                scores[count] = score;
                siftUp(count++);
            } else if (score > scores[0]) {
                heap[0] = slot;
                scores[0] = score;
                siftDown(0);
            }
        }

        float score(int slot) {
            return bySlot.get(slot);
        }

        int[] slotsBestFirst() {
            int n = count;
            int[] out = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                out[i] = heap[0];
                bySlot.put(heap[0], scores[0]);
                count--;
                heap[0] = heap[count];
                scores[0] = scores[count];
                siftDown(0);
            }
            return out;
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (scores[parent] <= scores[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int min = i;
                if (l < count && scores[l] < scores[min]) {
                    min = l;
                }
                if (r < count && scores[r] < scores[min]) {
                    min = r;
                }
                if (min == i) {
                    return;
                }
                swap(i, min);
                i = min;
            }
        }

        private void swap(int a, int b) {
            int h = heap[a];
            heap[a] = heap[b];
            heap[b] = h;
            float s = scores[a];
            scores[a] = scores[b];
            scores[b] = s;
        }
    }
}
