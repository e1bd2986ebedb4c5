package dev.zoo.datasets.format;

import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.error.LabelOutOfRangeException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CIFAR-10 or CIFAR-100 binary file ({@code data_batch_1.bin}, {@code train.bin}, ...):
 * the file must hold exactly the published number of records, and every label byte must lie in
 * its range. The pixel bytes are already in C, H, W order and are copied unchanged.
 */
public final class CifarReader {

    private CifarReader() {
    }

    /**
     * @param layout          which label bytes precede the pixels
     * @param labelField      index into {@link CifarLayout#labelFields()} of the label to keep
     * @param expectedRecords published record count (10,000 for each CIFAR-10 file), or -1 to accept
     *                        any whole number of records
     */
    public static LabeledImages read(Path file, CifarLayout layout, int labelField, int expectedRecords) {
        GzipSignature.requirePlain(file);
        int recordSize = layout.recordSize();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (expectedRecords >= 0 && size != (long) expectedRecords * recordSize) {
            throw new FileSizeException(file, "file size", expectedRecords + " records of " + recordSize + " bytes",
                    (long) expectedRecords * recordSize + " bytes", size + " bytes");
        }
        if (expectedRecords < 0 && (size % recordSize != 0 || size == 0)) {
            throw new FileSizeException(file, "file size", "a whole number (>= 1) of " + recordSize + "-byte records",
                    "a multiple of " + recordSize + " bytes", size + " bytes");
        }
        int records = Math.toIntExact(size / recordSize);
        int pixelsPerRecord = (int) CifarLayout.IMAGE.size();
        byte[] pixels = new byte[Math.multiplyExact(records, pixelsPerRecord)];
        int[] labels = new int[records];
        int labelCount = layout.labelFields().size();
        byte[] labelBytes = new byte[labelCount];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            for (int r = 0; r < records; r++) {
                in.readFully(labelBytes);
                for (int f = 0; f < labelCount; f++) {
                    int value = labelBytes[f] & 0xFF;
                    CifarLayout.LabelField field = layout.labelFields().get(f);
                    if (value >= field.classes()) {
                        throw new LabelOutOfRangeException(file, "offset " + ((long) r * recordSize + f) + " (" + field.name()
                                + " of record " + r + ")", field.name() + " range", "0.." + (field.classes() - 1), value);
                    }
                }
                labels[r] = labelBytes[labelField] & 0xFF;
                in.readFully(pixels, r * pixelsPerRecord, pixelsPerRecord);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LabeledImages(pixels, labels, CifarLayout.IMAGE);
    }
}
