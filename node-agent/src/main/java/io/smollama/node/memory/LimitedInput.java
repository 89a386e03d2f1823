package io.smollama.node.memory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that refuses to read past a byte limit. */
final class LimitedInput extends FilterInputStream {

    /** The stream went past its limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    private long read;

    LimitedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new TooLarge("the request body exceeds the limit of " + limit + " bytes; split the file");
        }
    }
}
