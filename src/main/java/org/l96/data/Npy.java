package org.l96.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0, C order, little-endian float64 or float32).
 *
 * <p>Why not ND4J's writer: loading ND4J's native backend costs ~0.9 s per process on this machine kind, more than
 * the whole {@code l96 simulate} budget; the format is a short text header plus raw data, and tests check these files
 * against ND4J's reader and against NumPy itself.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** An array read from a file: its shape and its values as doubles (row-major). */
    public record Array(long[] shape, double[] data) {
        public int rows() {
            return shape.length == 0 ? 1 : (int) shape[0];
        }

        public int columns() {
            return shape.length < 2 ? 1 : (int) (data.length / Math.max(1, shape[0]));
        }

        @Override
        public String toString() {
            return "array of shape " + Npy.shapeText(shape);
        }
    }

    /** Writes {@code data} (row-major) with the given shape as little-endian float64. */
    public static void writeDoubles(Path file, double[] data, long... shape) throws IOException {
        checkSize(data.length, shape);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(header("<f8", shape)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            int chunk = buf.capacity() / 8;
            for (int i = 0; i < data.length; i += chunk) {
                int n = Math.min(chunk, data.length - i);
                buf.clear();
                buf.asDoubleBuffer().put(data, i, n);
                buf.limit(n * 8);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }

    /**
     * Opens a float64 file of {@code rows} rows of {@code width} values (shape {@code (rows,)} when {@code width} is
     * 0, {@code (rows, width)} otherwise) to be written row by row: the header, with the final shape, is written
     * first, so the row count must be known up front. Memory is one 64 KiB buffer, whatever the file's size.
     */
    public static RowWriter rowWriter(Path file, long rows, int width) throws IOException {
        return new RowWriter(file, rows, width);
    }

    /**
     * A float64 {@code .npy} written row by row ({@link #rowWriter}). {@link #close} fails when fewer or more rows
     * were appended than the header promised, so a file cut short is never taken for a whole one; callers write to
     * a temporary name and rename it into place once closed.
     */
    public static final class RowWriter implements AutoCloseable {
        private final Path file;
        private final FileChannel ch;
        private final long rows;
        private final int width;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long written;
        private boolean closed;

        private RowWriter(Path file, long rows, int width) throws IOException {
            if (rows < 0 || width < 0) {
                throw new IllegalArgumentException("rows and width must be non-negative, got " + rows + ", " + width);
            }
            this.file = file;
            this.rows = rows;
            this.width = width;
            this.ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                ch.write(ByteBuffer.wrap(header("<f8", width == 0 ? new long[]{rows} : new long[]{rows, width})));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        /** Appends one row: {@code max(width, 1)} values of {@code row} from {@code offset}. */
        public void append(double[] row, int offset) throws IOException {
            if (written == rows) {
                throw new IllegalStateException(file + ": all " + rows + " rows are written already");
            }
            int n = Math.max(width, 1);
            for (int i = 0; i < n; i++) {
                if (!buf.hasRemaining()) {
                    flush(ch, buf);
                }
                buf.putDouble(row[offset + i]);
            }
            written++;
        }

        /** Appends one value (a row of a 1-D file). */
        public void append(double value) throws IOException {
            append(new double[]{value}, 0);
        }

        public long rowsWritten() {
            return written;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (ch) {
                flush(ch, buf);
            }
            if (written != rows) {
                throw new IOException(file + ": " + written + " of " + rows + " rows written");
            }
        }
    }

    /** Writes {@code data} (row-major) with the given shape as little-endian float32. */
    public static void writeFloats(Path file, float[] data, long... shape) throws IOException {
        checkSize(data.length, shape);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(header("<f4", shape)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) {
                    flush(ch, buf);
                }
                buf.putFloat(v);
            }
            flush(ch, buf);
        }
    }

    /**
     * Writes {@code data} (row-major) with the given shape as a little-endian float32 {@code .npy} to {@code out}
     * (not closed): an entry of an {@code .npz} archive, see {@link Npz}.
     */
    public static void writeFloats(java.io.OutputStream out, float[] data, long... shape) throws IOException {
        checkSize(data.length, shape);
        out.write(header("<f4", shape));
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        out.write(buf.array());
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Reads a float64 or float32 C-order file; throws {@link NpyFormatException} saying what is wrong. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Header h = header(in, file);
            long count = h.count();
            if (count > Integer.MAX_VALUE) {
                throw new NpyFormatException(file + " is too large: " + count + " values");
            }
            return new Array(h.shape(), values(in, file, h.descr(), (int) count));
        }
    }

    /** The shape of a .npy file, from its header alone (the data are not read). */
    public static long[] shape(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return header(in, file).shape();
        }
    }

    /**
     * The last row of a 2-D (or the last value of a 1-D) float file, without reading the rest: the last state of a
     * long stored run is a few KB, the whole file may be GBs.
     */
    public static double[] readLastRow(Path file) throws IOException {
        return readRow(file, -1);
    }

    /**
     * Row {@code row} of a 2-D (value of a 1-D) float file, without reading the others; a negative {@code row}
     * counts from the end (-1 is the last).
     */
    public static double[] readRow(Path file, long row) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Header h = header(in, file);
            if (h.shape().length < 1 || h.shape()[0] < 1) {
                throw new NpyFormatException(file + " has no rows");
            }
            long r = row < 0 ? h.shape()[0] + row : row;
            if (r < 0 || r >= h.shape()[0]) {
                throw new IndexOutOfBoundsException(file + " has " + h.shape()[0] + " rows, no row " + row);
            }
            long width = h.count() / h.shape()[0];
            if (width > Integer.MAX_VALUE) {
                throw new NpyFormatException(file + " has rows too wide: " + width + " values");
            }
            long skip = r * width * h.itemSize();
            try {
                in.skipNBytes(skip);
            } catch (java.io.EOFException e) {
                throw new NpyFormatException(file + " is truncated before row " + r);
            }
            return values(in, file, h.descr(), (int) width);
        }
    }

    private record Header(String descr, long[] shape) {
        long count() {
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            return count;
        }

        int itemSize() {
            return "<f4".equals(descr) ? 4 : 8;
        }
    }

    /** NumPy's name of a dtype descriptor with the descriptor: "int64 (<i8)", "float64, big-endian (>f8)". */
    static String dtypeName(String descr) {
        if (descr.length() < 3) {
            return "dtype " + descr;
        }
        char order = descr.charAt(0);
        String kind = switch (descr.charAt(1)) {
            case 'f' -> "float";
            case 'i' -> "int";
            case 'u' -> "uint";
            case 'c' -> "complex";
            case 'b' -> "bool";
            default -> null;
        };
        int bytes;
        try {
            bytes = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            return "dtype " + descr;
        }
        if (kind == null) {
            return "dtype " + descr;
        }
        String name = kind.equals("bool") ? "bool" : kind + bytes * 8;
        return name + (order == '>' ? ", big-endian" : "") + " (" + descr + ")";
    }

    private static Header header(InputStream in, Path file) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new NpyFormatException(file + " is not a .npy file");
        }
        int major = magic[6];
        int headerLength;
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = in.readNBytes(4);
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new NpyFormatException(file + ": unsupported .npy version " + major);
        }
        String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        if ("True".equals(group(FORTRAN, header, file, "fortran_order"))) {
            throw new NpyFormatException(file + " is in Fortran (column-major) order; C order is needed "
                    + "(save np.ascontiguousarray(a))");
        }
        if (!"<f8".equals(descr) && !"<f4".equals(descr)) {
            throw new NpyFormatException(file + " holds " + dtypeName(descr) + "; float64 is needed (or float32; "
                    + "save a.astype(np.float64))");
        }
        return new Header(descr, parseShape(group(SHAPE, header, file, "shape")));
    }

    /**
     * Reads {@code n} values through a 64 KiB buffer: reading the whole body into one byte array first held every
     * array twice (a 4-million-sample X is 256 MB as bytes, and again as doubles).
     */
    private static double[] values(InputStream in, Path file, String descr, int n) throws IOException {
        double[] data = new double[n];
        int size = "<f8".equals(descr) ? 8 : 4;
        long bytes = (long) n * size;
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < n) {
            int want = (int) Math.min(chunk.length / size, n - done);
            int got = in.readNBytes(chunk, 0, want * size);
            if (got < want * size) {
                throw new NpyFormatException(file + " is truncated: " + ((long) done * size + got) + " of " + bytes
                        + " data bytes");
            }
            if (size == 8) {
                buf.clear();
                buf.asDoubleBuffer().get(data, done, want);
            } else {
                for (int i = 0; i < want; i++) {
                    data[done + i] = buf.getFloat(i * 4);
                }
            }
            done += want;
        }
        return data;
    }

    private static String group(Pattern p, String header, Path file, String what) throws NpyFormatException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(file + ": .npy header has no " + what);
        }
        return m.group(1);
    }

    private static long[] parseShape(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 || i < shape.length - 1 ? "," : "");
            if (i < shape.length - 1) {
                sb.append(' ');
            }
        }
        return sb.append(')').toString();
    }

    /** The version 1.0 header, padded with spaces so the data start on a 64-byte boundary as NumPy does. */
    private static byte[] header(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] out = new byte[MAGIC.length + 4 + text.length()];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (text.length() & 0xff);
        out[9] = (byte) (text.length() >> 8);
        System.arraycopy(text.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, text.length());
        return out;
    }

    private static void checkSize(int length, long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != length) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " holds " + count + " values, not "
                    + length);
        }
    }


    /** A file that is not a readable float .npy array. */
    public static class NpyFormatException extends IOException {
        public NpyFormatException(String message) {
            super(message);
        }
    }
}
