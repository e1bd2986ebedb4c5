package dev.zoo.datasets.testdata;

import dev.zoo.datasets.format.CifarLayout;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes dataset files in the exact published layouts, with contents a test can recompute:
 * value {@code i} of record {@code r} is {@link #pixel(int, int)}, its labels follow {@link #label}.
 */
public final class DatasetFiles {

    private DatasetFiles() {
    }

    /** The byte every generated file holds at value {@code i} of record {@code r}. */
    public static int pixel(int record, int i) {
        return (record * 7 + i * 13 + (i >> 7)) & 0xFF;
    }

    /** The label of record {@code r} among {@code classes} classes. */
    public static int label(int record, int classes) {
        return (record * 3 + record / 7) % classes;
    }

    /** A CIFAR binary file of {@code records} records (labels per {@link #label}, coarse among 20, fine among 100). */
    public static void writeCifar(Path file, CifarLayout layout, int records) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] record = new byte[layout.recordSize()];
            int labelBytes = layout.labelFields().size();
            for (int r = 0; r < records; r++) {
                for (int f = 0; f < labelBytes; f++) {
                    record[f] = (byte) label(r, layout.labelFields().get(f).classes());
                }
                for (int i = 0; i < 3072; i++) {
                    record[labelBytes + i] = (byte) pixel(r, i);
                }
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IDX images file (magic 2051), gzipped if the name ends in .gz. */
    public static void writeIdxImages(Path file, int count, int rows, int cols) {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(2051);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            byte[] image = new byte[rows * cols];
            for (int r = 0; r < count; r++) {
                for (int i = 0; i < image.length; i++) {
                    image[i] = (byte) pixel(r, i);
                }
                out.write(image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IDX labels file (magic 2049), gzipped if the name ends in .gz. */
    public static void writeIdxLabels(Path file, int count, int classes) {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(2049);
            out.writeInt(count);
            for (int r = 0; r < count; r++) {
                out.write(label(r, classes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The four MNIST-layout files with the published counts (60,000 and 10,000), gzipped or plain. */
    public static void writeMnistLayout(Path dir, boolean gzip) {
        String ext = gzip ? ".gz" : "";
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeIdxImages(dir.resolve("train-images-idx3-ubyte" + ext), 60_000, 28, 28);
        writeIdxLabels(dir.resolve("train-labels-idx1-ubyte" + ext), 60_000, 10);
        writeIdxImages(dir.resolve("t10k-images-idx3-ubyte" + ext), 10_000, 28, 28);
        writeIdxLabels(dir.resolve("t10k-labels-idx1-ubyte" + ext), 10_000, 10);
    }

    /** The six CIFAR-10 files in their published size (30,730,000 bytes each). */
    public static void writeCifar10Layout(Path dir) {
        mkdirs(dir);
        for (int b = 1; b <= 5; b++) {
            writeCifar(dir.resolve("data_batch_" + b + ".bin"), CifarLayout.CIFAR10, 10_000);
        }
        writeCifar(dir.resolve("test_batch.bin"), CifarLayout.CIFAR10, 10_000);
    }

    /** CIFAR-100's train.bin (50,000 records) and test.bin (10,000). */
    public static void writeCifar100Layout(Path dir) {
        mkdirs(dir);
        writeCifar(dir.resolve("train.bin"), CifarLayout.CIFAR100, 50_000);
        writeCifar(dir.resolve("test.bin"), CifarLayout.CIFAR100, 10_000);
    }

    /** Gzips a file's bytes into {@code target}. */
    public static void gzip(Path source, Path target) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts or extends a file to {@code size} bytes (extension bytes are zero). */
    public static void resize(Path file, long size) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            if (size < ch.size()) {
                ch.truncate(size);
            } else {
                ch.position(ch.size());
                ch.write(java.nio.ByteBuffer.allocate((int) (size - ch.size())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites one byte. */
    public static void poke(Path file, long offset, int value) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) value}), offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
