package dev.zoo.datasets.format;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.error.LabelOutOfRangeException;
import dev.zoo.datasets.error.MagicNumberException;
import dev.zoo.datasets.error.RecordCountException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (big-endian header: magic 2051 for images with
 * count, rows, columns; 2049 for labels with count; then one unsigned byte per value), gzipped
 * ({@code .gz} name) or plain.
 *
 * @see <a href="http://yann.lecun.com/exdb/mnist/">the IDX format</a>
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 2049;

    private IdxReader() {
    }

    /**
     * Reads an images file and its labels file.
     *
     * @param expectedCount published number of examples, or -1 to accept any count
     * @param expectedShape published 1xHxW, or null to accept any size
     * @param classes       labels must lie in 0..classes-1
     */
    public static LabeledImages read(Path images, Path labels, int expectedCount, Shape expectedShape, int classes) {
        try {
            ImagesPart img = readImages(images, expectedCount, expectedShape);
            int[] lab = readLabels(labels, expectedCount, classes);
            if (lab.length != img.count) {
                throw new RecordCountException(labels, "header.count", "labels must match the images of " + images.getFileName(),
                        img.count, lab.length);
            }
            return new LabeledImages(img.pixels, lab, Shape.chw(1, img.rows, img.cols));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX files " + images + ", " + labels, e);
        }
    }

    private record ImagesPart(byte[] pixels, int count, int rows, int cols) {
    }

    private static ImagesPart readImages(Path file, int expectedCount, Shape expectedShape) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = header(in, file, "header.magic");
            if (magic != IMAGES_MAGIC) {
                throw new MagicNumberException(file, "header.magic", "IDX images file", IMAGES_MAGIC, magic);
            }
            int count = header(in, file, "header.count");
            int rows = header(in, file, "header.rows");
            int cols = header(in, file, "header.columns");
            checkCount(file, expectedCount, count);
            if (expectedShape != null && (rows != expectedShape.height() || cols != expectedShape.width())) {
                throw new DataFileException(file, "header.rows/columns", "published image size", expectedShape.height()
                        + "x" + expectedShape.width(), rows + "x" + cols);
            }
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataFileException(file, "header", "count >= 0, rows and columns >= 1", "positive sizes",
                        count + "x" + rows + "x" + cols);
            }
            long values = (long) count * rows * cols;
            if (values > Integer.MAX_VALUE - 16) {
                throw new DataFileException(file, "header", "at most 2^31 values", "< 2147483631", values);
            }
            byte[] pixels = body(in, file, 16, (int) values);
            return new ImagesPart(pixels, count, rows, cols);
        }
    }

    private static int[] readLabels(Path file, int expectedCount, int classes) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = header(in, file, "header.magic");
            if (magic != LABELS_MAGIC) {
                throw new MagicNumberException(file, "header.magic", "IDX labels file", LABELS_MAGIC, magic);
            }
            int count = header(in, file, "header.count");
            checkCount(file, expectedCount, count);
            if (count < 0) {
                throw new DataFileException(file, "header.count", "count >= 0", ">= 0", count);
            }
            byte[] raw = body(in, file, 8, count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                int label = raw[i] & 0xFF;
                if (label >= classes) {
                    throw new LabelOutOfRangeException(file, "offset " + (8 + i) + " (label of example " + i + ")",
                            "label range", "0.." + (classes - 1), label);
                }
                labels[i] = label;
            }
            return labels;
        }
    }

    private static void checkCount(Path file, int expected, int actual) {
        if (expected >= 0 && expected != actual) {
            throw new RecordCountException(file, "header.count", "published record count", expected, actual);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (GzipSignature.hasGzipName(file)) {
            try {
                return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
            } catch (ZipException e) {
                raw.close();
                throw new DataFileException(file, "offset 0", "a .gz file must be gzip data", "gzip signature 1f 8b",
                        "no gzip signature");
            }
        }
        raw.close();
        GzipSignature.requirePlain(file);
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static int header(DataInputStream in, Path file, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new FileSizeException(file, field, "file ends inside the IDX header", "a 4-byte " + field, "end of file");
        }
    }

    /** Reads exactly {@code length} bytes after a header of {@code headerSize} bytes and checks nothing follows. */
    private static byte[] body(DataInputStream in, Path file, int headerSize, int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new FileSizeException(file, "offset " + (headerSize + data.length), sizeRule(file),
                    (long) headerSize + length + " bytes", (long) headerSize + data.length + " bytes");
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new FileSizeException(file, "offset " + ((long) headerSize + length), sizeRule(file),
                    (long) headerSize + length + " bytes", (long) headerSize + length + extra + " bytes");
        }
        return data;
    }

    private static String sizeRule(Path file) {
        return (GzipSignature.hasGzipName(file) ? "decompressed " : "") + "length = header + count x item size";
    }
}
